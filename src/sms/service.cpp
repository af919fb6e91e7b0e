#include "sms/service.hpp"

#include <algorithm>

#include "core/calendar.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"
#include "procedures/catalog.hpp"
#include "procedures/dossier.hpp"
#include "sms/encoding.hpp"
#include "sms/phone.hpp"

namespace caunoi::sms {
namespace {

// The commune a message names: its code, or its name without accents, spaces or "xa".
std::optional<Commune> MatchCommune(const std::vector<Commune>& all, const std::string& arg) {
    auto squash = [](std::string_view s) {
        std::string out;
        for (char c : text::Fold(s))
            if (c != ' ') out.push_back(c);
        for (std::string_view prefix : {"xa", "phuong"})
            if (out.size() > prefix.size() + 2 && out.rfind(prefix, 0) == 0) out = out.substr(prefix.size());
        return out;
    };
    const std::string want = squash(arg);
    if (want.empty()) return std::nullopt;
    for (const auto& c : all)
        if (c.id == text::Trim(arg) || squash(c.name) == want) return c;
    return std::nullopt;
}

}  // namespace

const char* CommandName(Command c) {
    switch (c) {
        case Command::kEmpty:
            return "empty";
        case Command::kUnknown:
            return "unknown";
        case Command::kHelp:
            return "help";
        case Command::kStatus:
            return "status";
        case Command::kPapers:
            return "papers";
        case Command::kSubscribe:
            return "subscribe";
        case Command::kStop:
            return "stop";
        case Command::kHelpRequest:
            return "help_request";
        case Command::kScam:
            return "scam";
        case Command::kPrice:
            return "price";
        case Command::kWeather:
            return "weather";
    }
    return "unknown";
}

Result<InboundResult> SmsService::HandleInbound(const Inbound& in) {
    const int64_t now = clock_.NowSeconds();
    InboundResult out;
    const auto phone = NormalizeMobile(in.from);
    std::string body = in.binary ? std::string("[binary message]") : in.text;
    if (!text::IsValidUtf8(body, true)) body = text::StripMarks(body);  // never store invalid text
    if (body.size() > kMaxBody) {
        body.resize(kMaxBody);
        while (!body.empty() && (static_cast<unsigned char>(body.back()) & 0xC0) == 0x80) body.pop_back();
        if (!body.empty() && static_cast<unsigned char>(body.back()) >= 0xC0) body.pop_back();
    }
    const Parsed parsed = in.binary ? Parsed{Command::kUnknown, ""} : ParseCommand(body);
    out.command = parsed.command;
    std::vector<KnownSender> known;
    if (phone) {
        CAUNOI_ASSIGN(known, repo_.SendersByPhone(*phone));
    }
    std::string area;
    if (!known.empty()) {
        area = known.front().area_path;
    } else {
        CAUNOI_ASSIGN(area, repo_.ProvincePath());
    }
    InboxEntry entry{NewUlid(),
                     area,
                     phone.value_or(text::StripMarks(in.from).substr(0, 20)),
                     body,
                     in.binary ? "binary" : CommandName(parsed.command),
                     known.empty() ? "" : known.front().resident_id,
                     "",
                     now,
                     "",
                     ""};

    bool answer = true;
    if (!phone) {
        answer = false;  // short codes, operators' and other machines' senders: never answered
        out.note = "not a mobile number: no reply";
    } else if (in.binary) {
        answer = false;
        out.note = "binary message: no reply";
    } else {
        const std::string key = "sms:" + *phone;
        CAUNOI_ASSIGN(int64_t wait, limits_.WaitFor(key, kRepliesPerWindow, kReplyWindow, now));
        if (wait > 0) {
            answer = false;
            out.note = "too many messages from this number: no reply for " + std::to_string(wait) + " s";
        } else {
            CAUNOI_TRY(limits_.Hit(key, kReplyWindow, now));
        }
    }
    CAUNOI_TRY(repo_.Atomically([&]() -> Status {
        // HUY is honoured even from a number over its limit: only the confirmation is skipped.
        if (!answer && phone && !in.binary && parsed.command == Command::kStop) CAUNOI_TRY(repo_.OptOut(*phone, now));
        if (answer) {
            CAUNOI_ASSIGN(out.reply, Reply(parsed.command, parsed.arg, *phone, known, area, now));
            // Replies go without diacritics, in one SMS where they can (a checklist may take two).
            const int max_parts = parsed.command == Command::kPapers ? 2 : 1;
            out.reply = Shorten(unicode_ ? out.reply : ToGsm7(out.reply), max_parts);
            OutboxMessage m;
            m.id = NewUlid();
            m.area_path = area;
            m.phone = *phone;
            m.body = out.reply;
            m.parts = Measure(out.reply).parts;
            m.created_at = now;
            m.kind = "reply";
            m.priority = kPriorityReply;
            m.ucs2 = !Measure(out.reply).gsm7;
            CAUNOI_TRY(outbox_.Enqueue(m));
            entry.reply_id = m.id;
        }
        return repo_.InsertInbound(entry);
    }));
    if (!out.note.empty()) log::Info("sms from " + MaskPhone(entry.phone) + ": " + out.note);
    return out;
}

Result<std::string> SmsService::Reply(Command c, const std::string& arg, const std::string& phone,
                                      const std::vector<KnownSender>& known, const std::string& area, int64_t now) {
    switch (c) {
        case Command::kStatus:
            return StatusReply(arg, phone);
        case Command::kPapers:
            return PapersReply(arg);
        case Command::kSubscribe:
            return SubscribeReply(arg, phone, known, now);
        case Command::kStop:
            CAUNOI_TRY(repo_.OptOut(phone, now));
            return T(
                N_("Cau Noi: no more messages will be sent to this number. To receive warnings again: DK <commune>."));
        case Command::kHelpRequest:
            return HelpRequestReply(arg, known, now);
        case Command::kScam: {
            ScamReport r{NewUlid(), area, phone, arg.empty() ? std::string("-") : arg, now};
            CAUNOI_TRY(repo_.InsertScamReport(r));
            return T(
                N_("Thank you, your report is recorded. Never send money or read out an OTP code. Report "
                   "scams: LD <number> <content> to 156 or 5656."));
        }
        case Command::kPrice:
        case Command::kWeather:
            return T(N_("Cau Noi: prices and weather by SMS are not available yet."));
        case Command::kHelp:
        case Command::kEmpty:
        case Command::kUnknown:
            break;
    }
    return T(
        N_("Cau Noi: HS <dossier code> | GIAYTO <procedure> | DK <commune> | HUY | HOTRO <need> | LUADAO "
           "<what happened> | GIA <crop> | THOITIET"));
}

Result<std::string> SmsService::StatusReply(const std::string& arg, const std::string& phone) {
    const std::string not_found =
        T(N_("Cau Noi: no dossier with this code for this phone number. Check the code on your receipt."));
    auto code = procedures::NormalizePortalCode(arg);
    if (!code.ok()) return not_found;
    auto d = dossiers_.FindByPortalCode(*code);
    if (!d.ok() && d.error().code != ErrorCode::kNotFound) return d.error();
    // Only to the phone registered on the dossier; the same answer whether the code is unknown
    // or the phone is another's.
    if (!d.ok() || NormalizeMobile(d->phone) != phone) return not_found;
    std::string title = d->procedure;
    if (auto p = procedures_.Find(d->procedure); p.ok()) title = (*p)->sms_title;
    // Past its due date the office is late: say so, and whom to ask, rather than "wait".
    const bool late = procedures::IsOverdue(*d, LocalDayOf(clock_.NowSeconds()));
    std::string text = late ? T(N_("Cau Noi: dossier {code} ({procedure}) is late, due {due}. "
                                   "Ask the commune public administrative service centre."))
                            : T(N_("Cau Noi: dossier {code} ({procedure}): {status}. {next} Due {due}."));
    text::ReplaceAll(text, "{code}", d->portal_code);
    text::ReplaceAll(text, "{procedure}", title);
    text::ReplaceAll(text, "{status}", T(procedures::StatusMsgid(d->status)));
    text::ReplaceAll(text, "{next}", T(procedures::NextStepMsgid(d->status)));
    text::ReplaceAll(text, "{due}", FormatDateVn(d->due_day));
    return text;
}

Result<std::string> SmsService::PapersReply(const std::string& arg) {
    CAUNOI_ASSIGN(auto catalog, procedures_.All());
    auto found = procedures::Search(*catalog, arg);
    if (found.empty() && arg.find(' ') == std::string::npos && arg.size() > 4) {
        // "khaisinh": try the words run together against each title.
        const std::string squashed_want = text::Fold(arg);
        for (const auto& p : *catalog) {
            std::string squashed;
            for (char c : text::Fold(p.title_vi))
                if (c != ' ') squashed.push_back(c);
            if (squashed.find(squashed_want) != std::string::npos) found.push_back(&p);
        }
    }
    // A procedure named by the words before one that only mentions them ("ket hon" is marriage,
    // not the birth registration that lists a marriage certificate).
    const std::string want = text::Fold(arg);
    std::stable_partition(found.begin(), found.end(), [&](const procedures::Procedure* p) {
        return text::Fold(p->title_vi).find(want) != std::string::npos;
    });
    if (found.empty() || text::Trim(arg).empty())
        return T(N_("Cau Noi: no procedure found. Try GIAYTO khai sinh, GIAYTO ket hon, GIAYTO thuong tru."));
    return procedures::SmsChecklist(*found.front());
}

Result<std::string> SmsService::SubscribeReply(const std::string& arg, const std::string& phone,
                                               const std::vector<KnownSender>& known, int64_t now) {
    CAUNOI_ASSIGN(auto communes, repo_.Communes());
    std::optional<Commune> c = MatchCommune(communes, arg);
    if (!c && text::Trim(arg).empty() && !known.empty())
        for (const auto& x : communes)
            if (known.front().area_path.rfind(x.path + "/", 0) == 0) c = x;
    if (!c) return T(N_("Cau Noi: commune not found. Send DK and the commune's name, e.g. DK Muong Xen."));
    CAUNOI_TRY(repo_.Subscribe(phone, c->id, now));
    std::string text = T(N_("Cau Noi: you will receive warnings for {commune}. To stop: HUY."));
    text::ReplaceAll(text, "{commune}", c->name);
    return text;
}

Result<std::string> SmsService::HelpRequestReply(const std::string& arg, const std::vector<KnownSender>& known,
                                                 int64_t now) {
    if (known.empty())
        return T(
            N_("Cau Noi: this number is not registered with a digital team. Ask your village head or come to "
               "the commune office."));
    const auto& who = known.front();
    fieldwork::Task t;
    t.id = NewUlid();
    t.household_id = who.household_id;
    t.resident_id = who.resident_id;
    t.area_path = who.area_path;
    t.title = "HOTRO (SMS): " + (arg.empty() ? std::string("-") : arg.substr(0, 300));
    t.rule_key = "sms_help";
    t.due_at = now + 2 * 86400;
    t.created_by = "sms";
    t.created_at = now;
    CAUNOI_TRY(tasks_.InsertTask(t));
    CAUNOI_ASSIGN(auto team, repo_.TeamOfVillage(who.village_id));
    if (!team || team->leader_name.empty())
        return T(N_("Cau Noi: your request is recorded. The digital team of your village will contact you."));
    std::string text = T(N_("Cau Noi: your request is recorded. {leader} ({team}) will contact you {phone}."));
    text::ReplaceAll(text, "{leader}", team->leader_name);
    text::ReplaceAll(text, "{team}", team->name);
    text::ReplaceAll(text, "{phone}", team->leader_phone);
    return text;
}

Result<ManualSend> SmsService::Manual(const Actor& a, const std::string& household_id, const std::string& village_id,
                                      const std::string& raw, bool send) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    if (household_id.empty() == village_id.empty())
        return Error::Invalid("to", "a household or a village", N_("Choose a household or a village"));
    const std::string body = text::Trim(raw);
    if (body.empty()) return Error::Invalid("text", "required", N_("This field is required"));
    if (body.size() > kMaxBody || !text::IsValidUtf8(body, true))
        return Error::Invalid("text", "at most 1000 characters of text", N_("Invalid value"));
    CAUNOI_ASSIGN(auto to, repo_.Recipients(a.scope, household_id, village_id));
    ManualSend out;
    out.text = unicode_ ? body : ToGsm7(body);
    const int parts = Measure(out.text).parts;
    out.recipients = static_cast<int>(to.size());
    out.parts = parts * out.recipients;
    out.cost = out.parts * price_per_part_;
    if (!send) return out;
    if (to.empty()) return Error::Invalid("to", "nobody to send to", N_("Nobody there has agreed to receive messages"));
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(repo_.Atomically([&]() -> Status {
        for (const auto& [phone, area] : to) {
            OutboxMessage m;
            m.id = NewUlid();
            m.area_path = area;
            m.phone = phone;
            m.body = out.text;
            m.parts = parts;
            m.created_at = now;
            m.kind = "manual";
            m.ucs2 = !Measure(out.text).gsm7;
            CAUNOI_TRY(outbox_.Enqueue(m));
        }
        return Status{};
    }));
    return out;
}

Result<std::vector<InboxEntry>> SmsService::Inbox(const Actor& a) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    return repo_.Inbox(a.scope, 100);
}

Result<std::vector<OutboxMessage>> SmsService::Outbox(const Actor& a) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    return repo_.Outbox(a.scope, 100);
}

Result<Stats> SmsService::Count(const Actor& a, int64_t since) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    return repo_.Count(a.scope, since);
}

}  // namespace caunoi::sms
