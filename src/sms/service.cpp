#include "sms/service.hpp"

#include <algorithm>

#include "channel/encoding.hpp"
#include "core/calendar.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"
#include "procedures/catalog.hpp"
#include "procedures/dossier.hpp"
#include "procedures/search.hpp"
#include "sms/phone.hpp"
#include "sms/places.hpp"

namespace caunoi::sms {
namespace {

// How many communes the residents who gave a number live in.
size_t CommunesOf(const std::vector<KnownSender>& known) {
    std::vector<std::string> communes;
    for (const auto& k : known) communes.push_back(CommunePathOf(k.area_path));
    std::sort(communes.begin(), communes.end());
    return static_cast<size_t>(std::unique(communes.begin(), communes.end()) - communes.begin());
}

// A message for the outbox, measured as it will be sent.
channel::OutboxMessage Queued(const std::string& area, const std::string& phone, const std::string& text,
                              const std::string& kind, int priority, int64_t now) {
    channel::OutboxMessage m;
    m.id = NewUlid();
    m.area_path = area;
    m.phone = phone;
    m.body = text;
    const auto size = channel::Measure(text);
    m.parts = size.parts;
    m.ucs2 = !size.gsm7;
    m.created_at = now;
    m.kind = kind;
    m.priority = priority;
    return m;
}

// A task an SMS opens for the sender's household (its village team), due `due_in` seconds on.
fieldwork::TaskSpec TaskFor(const KnownSender& who, std::string title, const std::string& rule, int64_t due_in,
                            int64_t now) {
    return {.household_id = who.household_id,
            .resident_id = who.resident_id,
            .area_path = who.area_path,
            .title = std::move(title),
            .rule_key = rule,
            .session_id = "",
            .assignee = "",
            .due_at = now + due_in,
            .created_by = "sms",
            .created_at = now};
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
        case Command::kStopAll:
            return "stop_all";
        case Command::kScamCall:
            return "scam_call";
        case Command::kCallBack:
            return "call_back";
        case Command::kThanks:
            return "thanks";
        case Command::kBroadcastDone:
            return "broadcast_done";
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
    Parsed parsed = in.binary ? Parsed{Command::kUnknown, ""} : Understand(body);
    if (parsed.command == Command::kUnknown && !in.binary) {
        // A procedure named in plain words ("toi muon lam giay khai sinh cho con"): its checklist.
        CAUNOI_ASSIGN(auto catalog, procedures_.All());
        if (procedures::NamedIn(*catalog, body)) parsed = Parsed{Command::kPapers, body, parsed.stop_hint};
    }
    out.command = parsed.command;
    std::vector<KnownSender> known;
    if (phone) {
        CAUNOI_ASSIGN(known, repo_.SendersByPhone(*phone));
    }
    // A number given by residents of several communes (a family's one phone, a number passed on):
    // the commune the text names decides; without one, what needs a household asks which.
    bool ambiguous = false;
    if (CommunesOf(known) > 1) {
        CAUNOI_ASSIGN(auto communes, repo_.Communes());
        if (auto named = CommuneNamedIn(communes, body)) {
            std::vector<KnownSender> there;
            for (const auto& k : known)
                if (k.area_path.rfind(named->path + "/", 0) == 0) there.push_back(k);
            if (!there.empty()) known = std::move(there);
        }
        ambiguous = CommunesOf(known) > 1;
        if (ambiguous && (parsed.command == Command::kHelpRequest || parsed.command == Command::kCallBack)) {
            parsed.command = Command::kUnknown;
            parsed.which_commune = true;
        }
    }
    // Replies in the sender's language when every resident this number belongs to reads the same.
    reply_lang_ = known.empty() ? "" : known.front().language;
    for (const auto& k : known)
        if (k.language != reply_lang_) reply_lang_.clear();
    std::string area;
    if (!known.empty()) {
        area = known.front().area_path;
    } else {
        // An unknown number belongs to the commune its text names ("… ở bản X, xã Mường Xén"),
        // else to the commune it subscribed to with DK, else to the province.
        CAUNOI_ASSIGN(auto communes, repo_.Communes());
        if (auto named = CommuneNamedIn(communes, body)) area = named->path;
        if (area.empty() && phone) {
            CAUNOI_ASSIGN(auto subscribed, repo_.SubscribedPaths(*phone));
            if (!subscribed.empty()) area = subscribed.front();
        }
        if (area.empty()) {
            CAUNOI_ASSIGN(area, repo_.ProvincePath());
        }
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

    // Thanks, greetings and empty messages are kept, not answered: a reply to each would only
    // start a conversation of "ok"s.
    bool answer = parsed.command != Command::kThanks && parsed.command != Command::kEmpty;
    std::string notice;  // instead of the answer, once, when the number is over its limit
    if (!answer) out.note = "nothing to answer";
    if (!phone) {
        answer = false;  // short codes, operators' and other machines' senders: never answered
        out.note = "not a mobile number: no reply";
    } else if (in.binary) {
        answer = false;
        out.note = "binary message: no reply";
    } else if (answer) {
        const std::string key = "sms:" + *phone, day_key = "sms-day:" + *phone;
        CAUNOI_ASSIGN(int64_t wait, limits_.WaitFor(key, kRepliesPerWindow, kReplyWindow, now));
        CAUNOI_ASSIGN(int64_t day_wait, limits_.WaitFor(day_key, kRepliesPerDay, kDay, now));
        if (wait > 0 || day_wait > 0) {
            answer = false;
            out.note =
                "too many messages from this number: no reply for " + std::to_string(std::max(wait, day_wait)) + " s";
            // Said once, then silence until the limit ends: "send again in 10 minutes" (or tomorrow).
            const std::string notice_key = "sms-notice:" + *phone;
            CAUNOI_ASSIGN(int64_t noticed, limits_.WaitFor(notice_key, 1, std::max(wait, day_wait), now));
            if (noticed == 0) {
                CAUNOI_TRY(limits_.Hit(notice_key, std::max(wait, day_wait), now));
                notice = day_wait > 0 ? T(N_("Cau Noi: too many messages today. Send again tomorrow."))
                                      : T(N_("Cau Noi: too many messages. Send again in 10 minutes."));
            }
        } else {
            CAUNOI_TRY(limits_.Hit(key, kReplyWindow, now));
            CAUNOI_TRY(limits_.Hit(day_key, kDay, now));
        }
    }
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        // HUY is honoured even from a number over its limit: only the confirmation is skipped.
        if (!answer && phone && !in.binary && (parsed.command == Command::kStop || parsed.command == Command::kStopAll))
            CAUNOI_TRY(repo_.OptOut(*phone, parsed.command == Command::kStopAll, now));
        if (answer || !notice.empty()) {
            if (answer) {
                CAUNOI_ASSIGN(out.reply, Reply(parsed, *phone, known, area, now));
            } else {
                out.reply = notice;
            }
            // Replies go without diacritics, in one SMS where they can (a checklist may take two).
            const int max_parts = parsed.command == Command::kPapers ? 2 : 1;
            // A message that began with "Huy" (a name, or a stop command with more words) is told
            // how to stop, when the reply does not already say it and there is room.
            if (answer && parsed.stop_hint && out.reply.find("HUY") == std::string::npos) {
                std::string hinted = out.reply + " " + T(N_("To stop messages: send HUY alone."));
                if (channel::Measure(unicode_ ? hinted : channel::ToGsm7(hinted)).parts == 1) out.reply = hinted;
            }
            out.reply = channel::Shorten(unicode_ ? out.reply : channel::ToGsm7(out.reply), max_parts);
            const channel::OutboxMessage m = Queued(area, *phone, out.reply, "reply", channel::kPriorityReply, now);
            CAUNOI_TRY(outbox_.Enqueue(m));
            entry.reply_id = m.id;
        }
        return repo_.InsertInbound(entry);
    }));
    if (!out.note.empty()) log::Info("sms from " + MaskPhone(entry.phone) + ": " + out.note);
    return out;
}

std::string SmsService::T(const char* msgid) const {
    const std::string& vi = catalogs_.Translate("vi", msgid);
    if (reply_lang_.empty() || reply_lang_ == "vi" || !content_) return vi;
    auto own = content_(std::string("sms:") + msgid, reply_lang_, vi);
    if (!own.ok()) {
        log::Error(std::string("sms: the reply's translation could not be read: ") + own.error().detail);
        return vi;
    }
    return own->value_or(vi);
}

Result<std::string> SmsService::Reply(const Parsed& p, const std::string& phone, const std::vector<KnownSender>& known,
                                      const std::string& area, int64_t now) {
    const std::string& arg = p.arg;
    switch (p.command) {
        case Command::kStatus:
            return StatusReply(arg, phone);
        case Command::kPapers:
            return PapersReply(arg);
        case Command::kSubscribe:
            return SubscribeReply(arg, phone, known, now);
        case Command::kStop:
            CAUNOI_TRY(repo_.OptOut(phone, false, now));
            return T(
                N_("Cau Noi: no more news or warnings to this number. News of a dossier you filed still comes "
                   "(to stop it too: HUY HS). Again: DK <commune>."));
        case Command::kStopAll:
            CAUNOI_TRY(repo_.OptOut(phone, true, now));
            return T(N_("Cau Noi: no more messages to this number, dossier news included. Again: DK <commune>."));
        case Command::kHelpRequest:
            return HelpRequestReply(arg, known, now);
        case Command::kCallBack:
            return CallBackReply(arg, known, now);
        case Command::kScam:
        case Command::kScamCall: {
            ScamReport r{NewUlid(), area, phone, arg.empty() ? std::string("-") : arg, now};
            CAUNOI_TRY(repo_.InsertScamReport(r));
            if (p.command == Command::kScam)
                return T(
                    N_("Cau Noi: thank you, your report is recorded. Never send money or read out an OTP code. "
                       "Report scams: LD <number> <content> to 156 or 5656."));
            return T(
                N_("Cau Noi: this may be a scam. Do not send money or read out an OTP code to anyone. Your "
                   "report is recorded. Also report: LD <number> <content> to 156."));
        }
        case Command::kPrice:
        case Command::kWeather: {
            if (!board_) return T(N_("Cau Noi: prices and weather are not sent by SMS."));
            // The commune THOITIET names, else the sender's (a path "40/<commune>/…"; the province's
            // own path has none).
            std::string commune;
            if (p.command == Command::kWeather && !OnlyWhen(arg)) {
                CAUNOI_ASSIGN(auto communes, repo_.Communes());
                std::optional<Commune> c = MatchCommune(communes, arg);
                if (!c) c = CommuneNamedIn(communes, arg);
                if (!c) {
                    std::string text =
                        T(N_("Cau Noi: no commune called {name}. Send THOITIET and the name of your "
                             "commune, e.g. THOITIET Muong Xen."));
                    text::ReplaceAll(text, "{name}", text::StripMarks(arg).substr(0, 30));
                    return text;
                }
                commune = c->id;
            } else {
                commune = CommuneIdOf(area);
            }
            return board_(p.command, arg, commune);
        }
        case Command::kHelp:
            return T(
                N_("Cau Noi: HS code: your dossier. GIAYTO name: papers to bring. HOTRO need: help from your "
                   "team. DK commune: warnings. HUY: stop."));
        case Command::kBroadcastDone: {
            auto done = broadcast_done_ ? broadcast_done_(std::stoll(arg), phone)
                                        : Result<int64_t>(Error::NotFound("no warnings here"));
            std::string text =
                done.ok()
                    ? T(N_("Cau Noi: recorded, warning {number} was read on the loudspeaker at {time}. Thank you."))
                    : T(N_("Cau Noi: this number does not read the loudspeaker for warning {number}. Check the "
                           "number in the message you got."));
            if (!done.ok() && done.error().code != ErrorCode::kNotFound) return done.error();
            text::ReplaceAll(text, "{number}", arg);
            text::ReplaceAll(text, "{time}", FormatVietnamTime(now, "%H:%M"));
            return text;
        }
        case Command::kThanks:
        case Command::kEmpty:
        case Command::kUnknown:
            break;
    }
    if (p.which_commune)
        return T(
            N_("Cau Noi: this number belongs to people of several communes. Send again with your commune's "
               "name, e.g. HOTRO cai VNeID, xa Muong Xen."));
    if (p.stop_hint) return T(N_("Cau Noi: message not understood. To stop messages, send HUY alone."));
    return T(N_("Cau Noi: message not understood. For help, send HOTRO and what you need."));
}

Result<std::string> SmsService::StatusReply(const std::string& arg, const std::string& phone) {
    if (text::Trim(arg).empty())
        return T(N_("Cau Noi: send HS and the code on your dossier receipt, e.g. HS H42.16813-261130-0001."));
    const std::string not_found =
        T(N_("Cau Noi: no dossier with this code for this phone number. Check the code on your receipt."));
    // As people type codes: spaces or dots missing, lower case; every spelling is tried.
    auto codes = procedures::LookupCodes(arg);
    if (!codes.ok()) return not_found;
    Result<procedures::Dossier> d = Error::NotFound();
    for (const auto& code : *codes) {
        d = dossiers_.FindByPortalCode(code);
        if (d.ok()) break;
        if (d.error().code != ErrorCode::kNotFound) return d.error();
    }
    // Only to the phone registered on the dossier; the same answer whether the code is unknown
    // or the phone is another's.
    if (!d.ok() || NormalizeMobile(d->phone) != phone) return not_found;
    // Past its due date the office is late: say so, and whom to ask, rather than "wait". The
    // date and the state come first: a reply cut to one SMS keeps what was asked.
    const bool late = procedures::IsOverdue(*d, LocalDayOf(clock_.NowSeconds()));
    std::string text = late ? T(N_("Cau Noi: dossier {code} is late, due {due}. "
                                   "Ask the commune public administrative service centre."))
                            : T(N_("Cau Noi: dossier {code}: {status}, due {due}. {next}"));
    text::ReplaceAll(text, "{code}", d->portal_code);
    text::ReplaceAll(text, "{status}", T(procedures::kDossierStatuses.Msgid(d->status)));
    text::ReplaceAll(text, "{next}", T(procedures::NextStepMsgid(d->status)));
    text::ReplaceAll(text, "{due}", FormatDateVn(d->due_day));
    return text;
}

Result<std::string> SmsService::PapersReply(const std::string& arg) {
    CAUNOI_ASSIGN(auto catalog, procedures_.All());
    const procedures::Procedure* found = procedures::NamedIn(*catalog, arg);
    if (!found && !text::Trim(arg).empty()) {
        // Not a name we know: the catalog search, generous with words run together and typos.
        auto r = procedures::SearchCatalog(*catalog, arg, 1);
        if (!r.matches.empty()) found = r.matches.front();
        if (!found && r.close && !r.suggestions.empty()) found = r.suggestions.front();
    }
    if (!found) return T(N_("Cau Noi: no procedure found. Try GIAYTO khai sinh, GIAYTO ket hon, GIAYTO thuong tru."));
    return procedures::SmsChecklist(*found);
}

Result<std::string> SmsService::SubscribeReply(const std::string& arg, const std::string& phone,
                                               const std::vector<KnownSender>& known, int64_t now) {
    CAUNOI_ASSIGN(auto communes, repo_.Communes());
    CAUNOI_ASSIGN(auto villages, repo_.Villages());
    std::optional<Commune> c = MatchCommune(communes, arg);
    if (!c) c = CommuneNamedIn(communes, arg);
    // A village named ("DK Huoi Co", "DK ban Huoi Co xa Muong Xen"), in the commune named if one is.
    const std::vector<std::string> words = text::Tokens(text::Fold(arg));
    std::vector<const Place*> found;
    size_t longest = 0;
    for (const auto& v : villages) {
        if (c && v.path.rfind(c->path + "/", 0) != 0) continue;
        const std::vector<std::string> name = VillageWords(v.name);
        if (name.empty() || name.size() < longest) continue;
        if (std::search(words.begin(), words.end(), name.begin(), name.end()) == words.end()) continue;
        if (name.size() > longest) found.clear();
        longest = name.size();
        found.push_back(&v);
    }
    if (found.size() > 1) {
        std::string text =
            T(N_("Cau Noi: several villages are called {village}. Send DK, the village and the "
                 "commune, e.g. DK {village} {commune}."));
        text::ReplaceAll(text, "{village}", StripParenthesized(found.front()->name));
        text::ReplaceAll(text, "{commune}", found.front()->commune_name);
        return text;
    }
    // DK alone from a registered resident: their own village.
    if (found.empty() && !c && text::Trim(arg).empty() && !known.empty())
        for (const auto& v : villages)
            if (v.id == known.front().village_id) found.push_back(&v);
    if (found.empty() && !c)
        return T(
            N_("Cau Noi: village or commune not found. Send DK and the village's name, e.g. DK Huoi Co Muong "
               "Xen."));
    // The warnings of that place come to this number (docs/warnings.md).
    std::string text;
    if (!found.empty()) {
        CAUNOI_TRY(repo_.Subscribe(phone, found.front()->id, now));
        text = T(N_("Cau Noi: this number will get the warnings for {village}, commune {commune}. To stop: HUY."));
        text::ReplaceAll(text, "{village}", StripParenthesized(found.front()->name));
        text::ReplaceAll(text, "{commune}", found.front()->commune_name);
    } else {
        CAUNOI_TRY(repo_.Subscribe(phone, c->id, now));
        text = T(N_("Cau Noi: this number will get the warnings for {commune}. To stop: HUY."));
        text::ReplaceAll(text, "{commune}", c->name);
    }
    return text;
}

Result<std::vector<InboxEntry>> SmsService::WaitingForAPerson(const Actor& a) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    return repo_.WaitingForAPerson(a.scope, clock_.NowSeconds() - 30 * kDay, 100);
}

Result<std::string> SmsService::AnswerByHand(const Actor& a, const std::string& inbox_id, const std::string& raw) {
    CAUNOI_ASSIGN(auto waiting, WaitingForAPerson(a));
    auto it = std::find_if(waiting.begin(), waiting.end(), [&](const InboxEntry& e) { return e.id == inbox_id; });
    if (it == waiting.end()) return Error::NotFound();
    const std::string body = text::Trim(raw);
    if (body.empty()) return Error::Invalid("text", "required", N_("This field is required"));
    if (body.size() > 480 || !text::IsValidUtf8(body, true))
        return Error::Invalid("text", "at most 300 characters of text", N_("Invalid value"));
    const int64_t now = clock_.NowSeconds();
    // Signed as every reply is; without diacritics unless the operator carries them.
    std::string text = "Cau Noi: " + body;
    text = unicode_ ? text : channel::ToGsm7(text);
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.MarkAnswered(it->id, a.user_id, now));
        return outbox_.Enqueue(Queued(it->area_path, it->phone, text, "reply", channel::kPriorityReply, now));
    }));
    return it->phone;
}

Result<std::vector<Subscription>> SmsService::Subscriptions(const Actor& a, int limit) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    return repo_.Subscriptions(a.scope, std::clamp(limit, 1, 1000));
}

Status SmsService::DeliveryReport(const std::string& id, const std::string& status, const std::string& reply) {
    if (status != "1" && status != "2" && status != "16") return {};
    const std::string why = reply.substr(0, 120);
    // A report, not a person's data: its commit does not wait for the disk (one per message,
    // at the gateway's pace: waiting for each halved the rate of sending; docs/sms.md).
    return tx_.ForReport([&] {
        return status == "1" ? outbox_.Report(id, true, "", clock_.NowSeconds())
                             : outbox_.Report(id, false,
                                              (status == "2" ? "not delivered" : "refused by the SMSC") +
                                                  std::string(why.empty() ? "" : ": ") + why,
                                              clock_.NowSeconds());
    });
}

Result<std::string> SmsService::HelpRequestReply(const std::string& arg, const std::vector<KnownSender>& known,
                                                 int64_t now) {
    if (known.empty())
        return T(
            N_("Cau Noi: this number is not registered with a digital team. Ask your village head or come to "
               "the commune office."));
    const auto& who = known.front();
    CAUNOI_TRY(fieldwork_.OpenTask(TaskFor(who, "HOTRO (SMS): " + (arg.empty() ? std::string("-") : arg.substr(0, 300)),
                                           "sms_help", 2 * kDay, now)));
    CAUNOI_ASSIGN(auto team, repo_.TeamOfVillage(who.village_id));
    if (!team || team->leader_name.empty())
        return T(N_("Cau Noi: your request is recorded. The digital team of your village will contact you."));
    std::string text = team->leader_phone.empty()
                           ? T(N_("Cau Noi: your request is recorded. {leader} ({team}) will contact you."))
                           : T(N_("Cau Noi: your request is recorded. {leader} ({team}, {phone}) will contact you."));
    text::ReplaceAll(text, "{leader}", team->leader_name);
    text::ReplaceAll(text, "{team}", team->name);
    text::ReplaceAll(text, "{phone}", team->leader_phone);
    return text;
}

Result<std::string> SmsService::CallBackReply(const std::string& text, const std::vector<KnownSender>& known,
                                              int64_t now) {
    if (known.empty())
        return T(
            N_("Cau Noi: message kept. This number is not known to a village team: send your name, village "
               "and commune so that someone can call you back."));
    CAUNOI_TRY(fieldwork_.OpenTask(
        TaskFor(known.front(), "Gọi lại (SMS): " + text.substr(0, 300), "sms_call_back", kDay, now)));
    return T(N_("Cau Noi: your message is passed to the digital team of your village, to call you back."));
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
    out.text = unicode_ ? body : channel::ToGsm7(body);
    const int parts = channel::Measure(out.text).parts;
    out.recipients = static_cast<int>(to.size());
    out.parts = parts * out.recipients;
    out.cost = out.parts * price_per_part_;
    if (!send) return out;
    if (to.empty()) return Error::Invalid("to", "nobody to send to", N_("Nobody there has agreed to receive messages"));
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        for (const auto& [phone, area] : to) {
            CAUNOI_TRY(outbox_.Enqueue(Queued(area, phone, out.text, "manual", channel::kPriorityRoutine, now)));
        }
        return Status{};
    }));
    return out;
}

Result<std::vector<InboxEntry>> SmsService::Inbox(const Actor& a) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    return repo_.Inbox(a.scope, 100);
}

Result<std::vector<channel::OutboxMessage>> SmsService::Outbox(const Actor& a) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    return repo_.Outbox(a.scope, 100);
}

Result<std::vector<ScamReport>> SmsService::ScamReports(const Actor& a, int limit) {
    if (!a.AtLeast(Role::kCommuneOfficer)) return Error::NotFound();
    return repo_.ScamReports(a.scope, std::clamp(limit, 1, 5000));
}

Result<Stats> SmsService::Count(const Actor& a, int64_t since) {
    if (!a.AtLeast(Role::kTeamLeader)) return Error::NotFound();
    return repo_.Count(a.scope, since);
}

}  // namespace caunoi::sms
