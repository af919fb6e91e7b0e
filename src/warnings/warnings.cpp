#include "warnings/warnings.hpp"

namespace caunoi::warnings {

std::string MidSentence(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

Result<const RiskLevel*> RiskLevelOf(int level, const char* field) {
    if (level < 1 || level > static_cast<int>(kRiskLevels.size()))
        return Error::Invalid(field, "risk level 1 to 5", N_("Choose a risk level from 1 to 5"));
    return &kRiskLevels[static_cast<size_t>(level - 1)];
}

}  // namespace caunoi::warnings
