// Follow-up task rules (data/task_rules.tsv) and the safety-tip rotation: pure functions,
// unit-tested, no I/O. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/result.hpp"

namespace caunoi::fieldwork {

struct TaskRule {
    std::string key;
    std::string service;  // service key or "*"; "-" for profile rules
    std::string outcome;  // done | partly | not_done | "*"
    std::string reason;   // reason or "*"
    std::string profile;  // "-" or a named condition (basic_phone_4g)
    std::string title;    // message id
    int due = 0;
    bool working_days = false;
};

// Parses the rules file; '#' lines are comments, the first other line is the header.
// Invalid names the line.
Result<std::vector<TaskRule>> ParseTaskRules(const std::string& tsv);

struct ServiceLine {
    std::string service;
    std::string outcome;
    std::string reason;
};

struct ResidentFacts {
    std::string id;
    std::string phone_kind;        // none | basic | smart
    std::string village_coverage;  // none | 2g | 3g | 4g | ""
};

struct TaskDraft {
    std::string rule_key;
    std::string title;
    std::string resident_id;  // "" for household-wide tasks
    int64_t due_at = 0;
};

// The tasks a session creates: one per matching (rule, line) for service rules (household-wide),
// one per matching resident for profile rules. Duplicates (same rule, same resident) collapse.
// Working days follow `calendar` (weekends, and public holidays when it lists them).
std::vector<TaskDraft> EvaluateRules(const std::vector<TaskRule>& rules, const std::vector<ServiceLine>& lines,
                                     const std::vector<ResidentFacts>& residents, int64_t now,
                                     const WorkingCalendar& calendar = WorkingCalendar());

// `now` plus `days` calendar days, or plus `days` working days of `calendar` (Monday-Friday in
// UTC+7 minus the days off it lists), keeping the time of day.
int64_t DueAt(int64_t now, int days, bool working_days, const WorkingCalendar& calendar = WorkingCalendar());

// The next tip for a resident: the first in `order` never given; if all were given, the one
// given longest ago. `last_given` maps tip key -> time last given. Empty if `order` is empty.
std::string NextTip(const std::vector<std::string>& order, const std::map<std::string, int64_t>& last_given);

}  // namespace caunoi::fieldwork
