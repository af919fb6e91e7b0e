#include "procedures/dossier.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "sms/encoding.hpp"

namespace caunoi::procedures {
namespace {

const std::map<std::string_view, std::vector<std::string_view>>& Moves() {
    static const std::map<std::string_view, std::vector<std::string_view>> m = {
        {"submitted", {"received", "processing", "supplement_requested", "rejected", "withdrawn"}},
        {"received", {"processing", "supplement_requested", "result_ready", "rejected", "withdrawn"}},
        {"processing", {"supplement_requested", "result_ready", "rejected", "withdrawn"}},
        {"supplement_requested", {"resubmitted", "rejected", "withdrawn"}},
        {"resubmitted", {"received", "processing", "supplement_requested", "result_ready", "rejected", "withdrawn"}},
        {"result_ready", {"result_received"}},
    };
    return m;
}

}  // namespace

bool CanMove(std::string_view from, std::string_view to) {
    auto it = Moves().find(from);
    return it != Moves().end() && std::find(it->second.begin(), it->second.end(), to) != it->second.end();
}

std::vector<std::string> NextStatuses(std::string_view from) {
    auto it = Moves().find(from);
    if (it == Moves().end()) return {};
    return {it->second.begin(), it->second.end()};
}

bool IsClosed(std::string_view s) { return s == "result_received" || s == "rejected" || s == "withdrawn"; }

bool ClockRunning(std::string_view s) {
    return s == "submitted" || s == "received" || s == "processing" || s == "resubmitted";
}

bool IsOverdue(const Dossier& d, int64_t today) { return ClockRunning(d.status) && d.due_day < today; }

Result<std::string> NormalizePortalCode(std::string_view raw) {
    std::string code;
    bool digit = false;
    for (char c : text::Trim(raw)) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '/';
        if (!ok) return Error::Invalid("portal_code", "only letters, digits and . - _ /", N_("Invalid dossier code"));
        digit = digit || (c >= '0' && c <= '9');
        code.push_back(c);
    }
    if (code.size() < 6 || code.size() > 40 || !digit)
        return Error::Invalid("portal_code", "6 to 40 characters with at least one digit", N_("Invalid dossier code"));
    return code;
}

const char* StatusMsgid(std::string_view s) {
    if (s == "submitted") return N_("Submitted");
    if (s == "received") return N_("Received by the office");
    if (s == "processing") return N_("Being processed");
    if (s == "supplement_requested") return N_("More papers requested");
    if (s == "resubmitted") return N_("Resubmitted");
    if (s == "result_ready") return N_("Result ready");
    if (s == "result_received") return N_("Result received");
    if (s == "rejected") return N_("Refused");
    return N_("Withdrawn");
}

const char* NextStepMsgid(std::string_view s) {
    if (s == "submitted") return N_("Wait for the office to receive the dossier.");
    if (s == "received" || s == "processing" || s == "resubmitted") return N_("Wait for the result by the due date.");
    if (s == "supplement_requested") return N_("Bring the missing papers; the digital team of your village can help.");
    if (s == "result_ready") return N_("Collect the result.");
    if (s == "rejected") return N_("Ask the digital team of your village why, and file again if you can.");
    return N_("Nothing more to do.");
}

const char* ChannelMsgid(std::string_view c) {
    if (c == "self_online") return N_("Online, by the resident");
    if (c == "assisted_online") return N_("Online, with the team's help");
    return N_("At the commune desk");
}

std::string Notification(const Dossier& d, const Procedure& p, const i18n::Catalogs& catalogs) {
    std::string msgid;
    const auto& s = d.status;
    if (s == "submitted")
        msgid = N_("Cau Noi: dossier {code} ({procedure}) filed {date}. Result due {due}.");
    else if (s == "received")
        msgid = N_("Cau Noi: dossier {code} ({procedure}) was received. Result due {due}.");
    else if (s == "processing")
        msgid = N_("Cau Noi: dossier {code} ({procedure}) is being processed. Result due {due}.");
    else if (s == "supplement_requested")
        msgid = N_("Cau Noi: dossier {code} ({procedure}) needs more papers. Ask your village digital team.");
    else if (s == "resubmitted")
        msgid = N_("Cau Noi: dossier {code} ({procedure}) was resubmitted. Result due {due}.");
    else if (s == "result_ready")
        msgid = N_("Cau Noi: the result of dossier {code} ({procedure}) is ready. Collect it: {where}.");
    else if (s == "result_received")
        msgid = N_("Cau Noi: dossier {code} ({procedure}) is complete.");
    else if (s == "rejected")
        msgid = N_("Cau Noi: dossier {code} ({procedure}) was refused. Ask your village digital team why.");
    else
        msgid = N_("Cau Noi: dossier {code} ({procedure}) was withdrawn.");
    // The resident's own language when a catalog carries it; Vietnamese otherwise.
    const bool own = d.language != "vi" && catalogs.Has(d.language) && catalogs.Translate(d.language, msgid) != msgid;
    std::string text = catalogs.Translate(own ? d.language : "vi", msgid);
    text::ReplaceAll(text, "{code}", d.portal_code);
    text::ReplaceAll(text, "{procedure}", p.sms_title);
    text::ReplaceAll(text, "{date}", FormatDateVn(d.submitted_day).substr(0, 5));
    text::ReplaceAll(text, "{due}", FormatDateVn(d.due_day));
    text::ReplaceAll(text, "{where}", p.where_sms);
    return own ? text : sms::ToGsm7(text);
}

}  // namespace caunoi::procedures
