#include "warnings/warning_sms.hpp"

#include "core/clock.hpp"
#include "core/text.hpp"

namespace caunoi::warnings {

Result<WarningSms> WarningSmsText(const ScriptParts& p, const Translate& tr, bool unicode) {
    CAUNOI_TRY(RiskLevelOf(p.level));
    std::string head = p.until ? tr(N_("{from}: WARNING {hazard}, risk level {level}, {where}, until {until}."))
                               : tr(N_("{from}: WARNING {hazard}, risk level {level}, {where}."));
    if (p.exercise) head = tr(N_("EXERCISE, not a real warning.")) + " " + head;
    text::ReplaceAll(head, "{from}", p.from);
    text::ReplaceAll(head, "{hazard}", MidSentence(tr(kHazards.Msgid(p.hazard))));
    text::ReplaceAll(head, "{level}", std::to_string(p.level));
    text::ReplaceAll(head, "{where}", p.where);
    text::ReplaceAll(head, "{until}", FormatVietnamTime(p.until, "%H:%M %d/%m"));
    const std::string what = text::Trim(p.what_to_do);
    auto encode = [&](const std::string& s) { return unicode ? s : channel::ToGsm7(s); };
    WarningSms out;
    out.text = encode(what.empty() ? head : head + " " + what);
    out.size = channel::Measure(out.text);
    if (out.size.parts > kMaxWarningSmsParts) {
        // Keep the head whole; cut the advice to what still fits.
        const std::string whole = encode(head + " " + what);
        out.text = channel::Shorten(whole, kMaxWarningSmsParts);
        if (out.text.size() < encode(head).size()) out.text = channel::Shorten(encode(head), kMaxWarningSmsParts);
        out.size = channel::Measure(out.text);
        out.cut = true;
    }
    return out;
}

}  // namespace caunoi::warnings
