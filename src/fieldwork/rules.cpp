#include "fieldwork/rules.hpp"

#include <set>
#include <sstream>

#include "core/text.hpp"
#include "fieldwork/fieldwork.hpp"

namespace caunoi::fieldwork {

Result<std::vector<TaskRule>> ParseTaskRules(const std::string& tsv) {
    std::vector<TaskRule> rules;
    std::istringstream in(tsv);
    std::string line;
    int n = 0;
    bool header = true;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> c;
        std::istringstream ls(line);
        std::string col;
        while (std::getline(ls, col, '\t')) c.push_back(col);
        auto bad = [&](const std::string& why) {
            return Error::Invalid("line " + std::to_string(n), "task rule line " + std::to_string(n) + ": " + why);
        };
        if (c.size() != 8) return bad("expected 8 columns");
        TaskRule r{c[0], c[1], c[2], c[3], c[4], c[5], 0, c[7] == "working_days"};
        // An outcome of kOutcomes, "*" any, "-" none.
        if (r.outcome != "*" && r.outcome != "-" && !Contains(kOutcomes, r.outcome))
            return bad("unknown outcome " + r.outcome);
        if (r.profile != "-" && r.profile != "basic_phone_4g") return bad("unknown profile " + r.profile);
        if (c[7] != "days" && c[7] != "working_days") return bad("unit must be days or working_days");
        try {
            r.due = std::stoi(c[6]);
        } catch (...) {
            return bad("due is not a number");
        }
        if (r.due < 0 || r.due > 365) return bad("due out of range");
        rules.push_back(std::move(r));
    }
    return rules;
}

namespace {
bool Matches(const std::string& pattern, const std::string& value) { return pattern == "*" || pattern == value; }

bool ProfileHolds(const std::string& profile, const ResidentFacts& r) {
    if (profile == "basic_phone_4g") return r.phone_kind == "basic" && r.village_coverage == "4g";
    return false;
}
}  // namespace

std::vector<TaskDraft> EvaluateRules(const std::vector<TaskRule>& rules, const std::vector<ServiceLine>& lines,
                                     const std::vector<ResidentFacts>& residents, int64_t now,
                                     const WorkingCalendar& calendar) {
    std::vector<TaskDraft> out;
    std::set<std::pair<std::string, std::string>> seen;
    auto add = [&](const TaskRule& rule, const std::string& resident) {
        if (seen.insert({rule.key, resident}).second)
            out.push_back({rule.key, rule.title, resident, DueAt(now, rule.due, rule.working_days, calendar)});
    };
    for (const auto& rule : rules) {
        if (rule.profile != "-") {
            for (const auto& r : residents)
                if (ProfileHolds(rule.profile, r)) add(rule, r.id);
            continue;
        }
        // A follow-up of a service is for each person helped, named, so that a member facing
        // the household knows whom it is about; without people, for the household.
        for (const auto& l : lines) {
            if (!Matches(rule.service, l.service) || !Matches(rule.outcome, l.outcome) ||
                !Matches(rule.reason, l.reason))
                continue;
            if (residents.empty()) add(rule, "");
            for (const auto& r : residents) add(rule, r.id);
        }
    }
    return out;
}

int64_t DueAt(int64_t now, int days, bool working_days, const WorkingCalendar& calendar) {
    constexpr int64_t kDay = 86400;
    if (!working_days) return now + days * kDay;
    const int64_t today = LocalDayOf(now);
    return now + (calendar.AddWorkingDays(today, days) - today) * kDay;
}

std::string NextTip(const std::vector<std::string>& order, const std::map<std::string, int64_t>& last_given) {
    std::string oldest;
    int64_t oldest_at = 0;
    for (const auto& key : order) {
        auto it = last_given.find(key);
        if (it == last_given.end()) return key;
        if (oldest.empty() || it->second < oldest_at) {
            oldest = key;
            oldest_at = it->second;
        }
    }
    return oldest;
}

}  // namespace caunoi::fieldwork
