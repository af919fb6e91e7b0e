#include "training/curriculum.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "core/blocks.hpp"
#include "core/text.hpp"
#include "registry/registry.hpp"

namespace caunoi::training {
namespace {

const std::set<std::string> kSingleKeys = {"title.vi", "title.en", "skill", "practical", "minutes"};

// "a | b | c" into its trimmed parts.
std::vector<std::string> Parts(const std::string& v) {
    std::vector<std::string> out;
    size_t pos = 0;
    for (;;) {
        size_t bar = v.find('|', pos);
        out.push_back(text::Trim(std::string_view(v).substr(pos, bar == std::string::npos ? bar : bar - pos)));
        if (bar == std::string::npos) return out;
        pos = bar + 1;
    }
}

class ModuleReader {
  public:
    explicit ModuleReader(Module& m) : m_(m) {}

    std::string Line(const std::string& key, const std::string& value) {
        if (kSingleKeys.count(key)) {
            if (!seen_.insert(key).second) return key + ": given twice";
            return Single(key, value);
        }
        if (key == "card.vi") {
            if (m_.cards.size() >= static_cast<size_t>(kMaxCards))
                return "more than " + std::to_string(kMaxCards) + " cards";
            m_.cards.emplace_back().title_vi = value;
            return "";
        }
        if (key == "card.en") {
            if (m_.cards.empty() || !m_.cards.back().title_en.empty()) return "card.en without its card.vi before it";
            m_.cards.back().title_en = value;
            return "";
        }
        if (key == "step") {
            if (m_.cards.empty()) return "step before the first card.vi";
            auto p = Parts(value);
            if (p.size() != 3 || p[1].empty() || p[2].empty()) return "step: expected icon | Vietnamese | English";
            if (std::find(std::begin(kStepIcons), std::end(kStepIcons), p[0]) == std::end(kStepIcons))
                return "step: unknown icon " + p[0];
            if (m_.cards.back().steps.size() >= static_cast<size_t>(kMaxSteps))
                return "more than " + std::to_string(kMaxSteps) + " steps on a card";
            m_.cards.back().steps.push_back({p[0], p[1], p[2]});
            return "";
        }
        if (key == "check") {
            auto p = Parts(value);
            if (p.size() != 2 || p[0].empty() || p[1].empty()) return "check: expected Vietnamese | English";
            if (m_.checks.size() >= static_cast<size_t>(kMaxChecks))
                return "more than " + std::to_string(kMaxChecks) + " check items";
            m_.checks.push_back({p[0], p[1]});
            return "";
        }
        return "unknown key " + key;
    }

    std::string Finish() {
        for (const auto& k : kSingleKeys)
            if (!seen_.count(k)) return "missing " + k;
        if (m_.cards.empty()) return "no lesson card (card.vi = …)";
        for (const auto& c : m_.cards) {
            if (c.title_en.empty()) return "card \"" + c.title_vi + "\" has no card.en";
            if (c.steps.empty()) return "card \"" + c.title_vi + "\" has no step";
        }
        if (m_.checks.size() < static_cast<size_t>(kMinChecks))
            return "a practical check needs " + std::to_string(kMinChecks) + " to " + std::to_string(kMaxChecks) +
                   " items (check = …)";
        return "";
    }

  private:
    std::string Single(const std::string& key, const std::string& v) {
        if (key == "title.vi") m_.title_vi = v;
        if (key == "title.en") m_.title_en = v;
        if (key == "skill") {
            auto it = std::find_if(registry::kSkills.begin(), registry::kSkills.end(),
                                   [&](const Term& t) { return t.key == v; });
            if (it == registry::kSkills.end()) return "skill: unknown skill " + v;
            m_.skill = static_cast<int>(it - registry::kSkills.begin());
        }
        if (key == "practical") {
            if (!Contains(kPracticals, v)) return "practical: unknown item " + v;
            m_.practical = v;
        }
        if (key == "minutes") {
            const bool digits =
                !v.empty() && v.size() <= 3 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!digits || std::stoi(v) < 15 || std::stoi(v) > 240) return "minutes: a whole number from 15 to 240";
            m_.minutes = std::stoi(v);
        }
        return "";
    }

    Module& m_;
    std::set<std::string> seen_;
};

}  // namespace

const Module* Curriculum::Find(std::string_view key) const {
    for (const auto& m : modules)
        if (m.key == key) return &m;
    return nullptr;
}

Result<Curriculum> ParseCurriculum(const std::string& input) {
    Curriculum out;
    std::optional<ModuleReader> reader;
    BlockCallbacks cb;
    cb.open = [&](const std::string& code) {
        out.modules.emplace_back().key = code;
        reader.emplace(out.modules.back());
        return std::string();
    };
    cb.line = [&](const std::string& key, const std::string& value) { return reader->Line(key, value); };
    cb.close = [&](std::string_view source) {
        out.modules.back().source = std::string(source);
        return reader->Finish();
    };
    CAUNOI_TRY(ReadBlocks(input, BlockFormat{"module", 100, 300, N_("The curriculum text has an error")}, cb));
    return out;
}

}  // namespace caunoi::training
