#include "warnings/loudspeaker.hpp"

#include "core/clock.hpp"
#include "core/text.hpp"
#include "warnings/spoken.hpp"

namespace caunoi::warnings {

Result<std::string> LoudspeakerScript(const ScriptParts& p, const Translate& tr) {
    CAUNOI_ASSIGN(const RiskLevel* level, RiskLevelOf(p.level));
    std::string head = tr(N_("Urgent notice from {from}."));
    text::ReplaceAll(head, "{from}", p.from);
    std::string warning = tr(N_("Warning of {hazard}, {level}, for {where}."));
    text::ReplaceAll(warning, "{hazard}", MidSentence(tr(kHazards.Msgid(p.hazard))));
    text::ReplaceAll(warning, "{level}", MidSentence(tr(level->msgid)));
    text::ReplaceAll(warning, "{where}", p.where);
    std::string until = p.until ? tr(N_("This warning holds until {until}.")) : "";
    text::ReplaceAll(until, "{until}", FormatVietnamTime(p.until, "%H:%M %d/%m"));
    std::string what = text::Trim(p.what_to_do);
    if (!what.empty() && what.back() != '.' && what.back() != '!') what += '.';
    const std::string body = SpokenText(text::Trim(warning + " " + what + " " + until));
    std::string script = SpokenText(head) + " " + body + " " + tr(N_("I repeat.")) + " " + body;
    if (p.exercise) script = tr(N_("This is an exercise, not a real warning.")) + " " + script;
    const int seconds = SpeakingSeconds(script);
    if (seconds > kMaxScriptSeconds)
        return Error::Invalid("what_to_do", "the script takes " + std::to_string(seconds) + " s to read",
                              N_("Too long to read on the loudspeaker in one minute: say what to do in fewer words"));
    return script;
}

}  // namespace caunoi::warnings
