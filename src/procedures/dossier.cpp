#include "procedures/dossier.hpp"

#include <algorithm>
#include <map>

#include "channel/encoding.hpp"
#include "core/text.hpp"

namespace caunoi::procedures {

using enum DossierStatus;

namespace {

const std::map<DossierStatus, std::vector<DossierStatus>>& Moves() {
    static const std::map<DossierStatus, std::vector<DossierStatus>> m = {
        {kSubmitted, {kReceived, kProcessing, kSupplementRequested, kRejected, kWithdrawn}},
        {kReceived, {kProcessing, kSupplementRequested, kResultReady, kRejected, kWithdrawn}},
        {kProcessing, {kSupplementRequested, kResultReady, kRejected, kWithdrawn}},
        {kSupplementRequested, {kResubmitted, kRejected, kWithdrawn}},
        {kResubmitted, {kReceived, kProcessing, kSupplementRequested, kResultReady, kRejected, kWithdrawn}},
        {kResultReady, {kResultReceived}},
    };
    return m;
}

}  // namespace

Result<DossierStatus> StatusNamed(std::string_view key) {
    auto s = kDossierStatuses.Parse(key);
    if (!s) return Error::Invalid("status", "unknown status", N_("Unknown status"));
    return *s;
}

bool CanMove(DossierStatus from, DossierStatus to) {
    auto it = Moves().find(from);
    return it != Moves().end() && std::find(it->second.begin(), it->second.end(), to) != it->second.end();
}

std::vector<DossierStatus> NextStatuses(DossierStatus from) {
    auto it = Moves().find(from);
    if (it == Moves().end()) return {};
    return it->second;
}

bool IsClosed(DossierStatus s) { return s == kResultReceived || s == kRejected || s == kWithdrawn; }

bool ClockRunning(DossierStatus s) {
    return s == kSubmitted || s == kReceived || s == kProcessing || s == kResubmitted;
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

Result<std::vector<std::string>> LookupCodes(std::string_view typed) {
    auto invalid = [] {
        return Error::Invalid("code", "only letters, digits, spaces and . - _ /", N_("Invalid dossier code"));
    };
    if (typed.size() > 80) return invalid();
    std::string compact;                 // as typed, upper-cased, without spaces
    std::vector<std::string> parts{""};  // the runs of letters and digits
    for (size_t i = 0; i < typed.size(); ++i) {
        char c = typed[i];
        // Phones turn "-" into an en or em dash, or a minus sign; a copied code may carry a no-break space.
        const std::string_view rest = typed.substr(i);
        if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94") || rest.starts_with("\xE2\x88\x92")) {
            c = '-';
            i += 2;
        } else if (rest.starts_with("\xC2\xA0")) {
            c = ' ';
            i += 1;
        }
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            compact.push_back(c);
            parts.back().push_back(c);
            continue;
        }
        if (c != ' ' && c != '\t' && c != '.' && c != '-' && c != '_' && c != '/') return invalid();
        if (c != ' ' && c != '\t') compact.push_back(c);
        if (!parts.back().empty()) parts.emplace_back();
    }
    if (parts.back().empty()) parts.pop_back();
    auto digits = [](const std::string& s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    std::vector<std::string> out;
    auto add = [&](const std::string& code) {
        if (NormalizePortalCode(code).ok() && std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    };
    const size_t n = parts.size();
    if (n >= 3 && digits(parts[n - 1]) && parts[n - 2].size() == 6 && digits(parts[n - 2])) {
        std::string office;
        for (size_t i = 0; i + 2 < n; ++i) office += (i ? "." : "") + parts[i];
        const std::string tail = "-" + parts[n - 2] + "-" + parts[n - 1];
        // "H4216813" typed without its dot: a province's letter and two digits, then the office.
        const std::string& first = parts[0];
        if (first.size() > 3 && first[0] >= 'A' && first[0] <= 'Z' && digits(first.substr(1)))
            add(first.substr(0, 3) + "." + office.substr(3) + tail);
        add(office + tail);
    }
    add(compact);
    if (out.empty())
        return Error::Invalid("code", "6 to 40 characters with at least one digit", N_("Invalid dossier code"));
    return out;
}

const char* NextStepMsgid(DossierStatus s) {
    if (s == kSubmitted) return N_("Wait for the office to receive the dossier.");
    if (s == kReceived || s == kProcessing || s == kResubmitted) return N_("Wait for the result by the due date.");
    if (s == kSupplementRequested) return N_("Bring the missing papers; the digital team of your village can help.");
    if (s == kResultReady) return N_("Collect the result.");
    if (s == kRejected) return N_("Ask the digital team of your village why, and file again if you can.");
    return N_("Nothing more to do.");
}

const char* NextStepMsgid(DossierStatus s, bool overdue) {
    if (overdue && ClockRunning(s))
        return N_("Ask the commune public administrative service centre why it is late; bring this dossier code.");
    return NextStepMsgid(s);
}

std::string Notification(const Dossier& d, const Procedure& p, const i18n::Catalogs& catalogs,
                         const ApprovedText& approved) {
    std::string msgid;
    const auto s = d.status;
    if (s == kSubmitted)
        msgid = N_("Cau Noi: dossier {code} ({procedure}) filed {date}. Result due {due}.");
    else if (s == kReceived)
        msgid = N_("Cau Noi: dossier {code} ({procedure}) was received. Result due {due}.");
    else if (s == kProcessing)
        msgid = N_("Cau Noi: dossier {code} ({procedure}) is being processed. Result due {due}.");
    else if (s == kSupplementRequested)
        msgid = N_("Cau Noi: dossier {code} ({procedure}) needs more papers. Ask your village digital team.");
    else if (s == kResubmitted)
        msgid = N_("Cau Noi: dossier {code} ({procedure}) was resubmitted. Result due {due}.");
    else if (s == kResultReady)
        msgid = N_("Cau Noi: the result of dossier {code} ({procedure}) is ready. Collect it: {where}.");
    else if (s == kResultReceived)
        msgid = N_("Cau Noi: dossier {code} ({procedure}) is complete.");
    else if (s == kRejected)
        msgid = N_("Cau Noi: dossier {code} ({procedure}) was refused. Ask your village digital team why.");
    else
        msgid = N_("Cau Noi: dossier {code} ({procedure}) was withdrawn.");
    // The resident's own language: the community's approved translation, or a catalog carrying
    // it; Vietnamese otherwise.
    const auto community = approved ? approved(msgid.c_str()) : std::nullopt;
    const bool own = community || (d.language != "vi" && catalogs.Has(d.language) &&
                                   catalogs.Translate(d.language, msgid) != msgid);
    std::string text = community ? *community : catalogs.Translate(own ? d.language : "vi", msgid);
    text::ReplaceAll(text, "{code}", d.portal_code);
    text::ReplaceAll(text, "{procedure}", p.sms_title);
    text::ReplaceAll(text, "{date}", FormatDateVn(d.submitted_day).substr(0, 5));
    text::ReplaceAll(text, "{due}", FormatDateVn(d.due_day));
    text::ReplaceAll(text, "{where}", p.where_sms);
    return own ? text : channel::ToGsm7(text);
}

}  // namespace caunoi::procedures
