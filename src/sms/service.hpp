// What the SMS channel does with a message a resident sends (docs/sms.md): reads the command,
// acts on it (a dossier's status, a checklist, warnings on or off, a help request for the
// village team, a scam report) and queues one short reply, all in one transaction. Only
// Vietnamese mobile numbers get replies (never an operator's or another machine's automatic
// message), and each number at most kRepliesPerWindow per kReplyWindow (floods, reply loops).
// Thread-safety: one thread at a time (as the repositories).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "channel/outbox.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/rate_limit.hpp"
#include "core/transactions.hpp"
#include "fieldwork/fieldwork.hpp"
#include "procedures/services.hpp"
#include "sms/keywords.hpp"

namespace caunoi::sms {

// A resident who gave this phone number.
struct KnownSender {
    std::string resident_id, household_id, area_path, village_id, language;
};

struct Commune {
    std::string id, path, name;
};

// A village, with its commune's name.
struct Place {
    std::string id, path, name, commune_name;
};

// A number that sent DK, and the place it named ("village" or "commune" in `kind`).
struct Subscription {
    std::string phone, place, kind;
    int64_t at = 0;
};

struct VillageTeam {
    std::string name, leader_name, leader_phone;
};

struct InboxEntry {
    std::string id, area_path, phone, body, command, resident_id, reply_id;
    int64_t received_at = 0;
    std::string reply_body;    // filled by lists
    std::string reply_status;  // filled by lists
};

struct ScamReport {
    std::string id, area_path, phone, body;
    int64_t at = 0;
};

struct Stats {
    int queued = 0, sent = 0, delivered = 0, failed = 0, received = 0, parts = 0;
};

class SmsRepository {
  public:
    virtual ~SmsRepository() = default;
    virtual Result<std::vector<KnownSender>> SendersByPhone(const std::string& national) = 0;
    virtual Result<std::vector<Commune>> Communes() = 0;
    virtual Result<std::string> ProvincePath() = 0;
    virtual Result<std::optional<VillageTeam>> TeamOfVillage(const std::string& village_id) = 0;
    virtual Status InsertInbound(const InboxEntry& e) = 0;
    virtual Status InsertScamReport(const ScamReport& r) = 0;
    // Subscribing also ends an opt-out; opting out ends every subscription. An opt-out stops
    // routine messages and warnings; `all` stops the dossier notifications too.
    virtual Status Subscribe(const std::string& phone, const std::string& area_id, int64_t at) = 0;
    virtual Result<std::vector<Place>> Villages() = 0;
    // Subscriptions to places in `s`, newest first.
    virtual Result<std::vector<Subscription>> Subscriptions(const Scope& s, int limit) = 0;
    virtual Status OptOut(const std::string& phone, bool all, int64_t at) = 0;
    virtual Result<std::vector<InboxEntry>> Inbox(const Scope& s, int limit) = 0;
    virtual Result<std::vector<channel::OutboxMessage>> Outbox(const Scope& s, int limit) = 0;
    virtual Result<std::vector<ScamReport>> ScamReports(const Scope& s, int limit) = 0;
    // Messages since `since` not understood, or from a number nobody registered, that no person
    // has answered yet: in `s`, or at the commune level of a commune `s` is in; oldest first.
    virtual Result<std::vector<InboxEntry>> WaitingForAPerson(const Scope& s, int64_t since, int limit) = 0;
    // Conflict when someone answered it already.
    virtual Status MarkAnswered(const std::string& id, const std::string& user_id, int64_t at) = 0;
    // The areas (communes) a number subscribed to with DK, oldest first.
    virtual Result<std::vector<std::string>> SubscribedPaths(const std::string& phone) = 0;
    virtual Result<Stats> Count(const Scope& s, int64_t since) = 0;
    // The numbers (each once) of residents who agreed to notifications, in a household or a village.
    virtual Result<std::vector<std::pair<std::string, std::string>>> Recipients(const Scope& s,
                                                                                const std::string& household_id,
                                                                                const std::string& village_id) = 0;
};

// A message as Kannel hands it over.
struct Inbound {
    std::string from;     // as the operator gave it
    std::string text;     // UTF-8
    bool binary = false;  // UDH or 8-bit data: not text a person typed
};

struct InboundResult {
    Command command = Command::kUnknown;
    std::string reply;  // "" when nothing is answered
    std::string note;   // why not, for the log
};

struct ManualSend {
    int recipients = 0, parts = 0;
    int64_t cost = 0;  // in dong, at the configured price per part
    std::string text;  // as it will be sent (GSM-7, or with diacritics under the operator's unicode setting)
};

class SmsService {
  public:
    static constexpr int kRepliesPerWindow = 5;
    static constexpr int64_t kReplyWindow = 600;
    static constexpr int kRepliesPerDay = 30;  // per number, whatever the pace
    static constexpr int64_t kDay = 86400;
    static constexpr size_t kMaxBody = 1000;

    SmsService(SmsRepository& repo, Transactions& tx, channel::OutboxQueue& outbox,
               procedures::DossierRepository& dossiers, procedures::ProcedureService& procedures,
               fieldwork::FieldworkService& fieldwork, RateCounter& limits, const i18n::Catalogs& catalogs,
               const Clock& clock, int64_t price_per_part, bool unicode = false)
        : repo_(repo),
          tx_(tx),
          outbox_(outbox),
          dossiers_(dossiers),
          procedures_(procedures),
          fieldwork_(fieldwork),
          limits_(limits),
          catalogs_(catalogs),
          clock_(clock),
          price_per_part_(price_per_part),
          unicode_(unicode) {}

    Result<InboundResult> HandleInbound(const Inbound& in);
    // What DA DOC <number> from `phone` does (the warnings' acknowledgement, set by the owner):
    // how many villages it acknowledged, NotFound when the number operates none of that warning's.
    void OnBroadcastDone(std::function<Result<int64_t>(int64_t number, const std::string& phone)> f) {
        broadcast_done_ = std::move(f);
    }
    // What GIA <crop> and THOITIET [commune] answer (the village board's, set by the owner): the
    // command, its text, and the sender's commune id (the one THOITIET names, else the sender's;
    // "" when not known). Without it both answer that they are not available.
    using BoardAnswer =
        std::function<Result<std::string>(Command command, const std::string& arg, const std::string& commune_id)>;
    void OnBoard(BoardAnswer f) { board_ = std::move(f); }
    // A reply's text in the sender's language (issue 21, item 4; set by the translations module):
    // the approved translation of `key` ("sms:" + the reply's message id) in `lang` made from
    // `vietnamese`, or nothing (the reply goes in Vietnamese). Without it every reply is Vietnamese.
    using Content = std::function<Result<std::optional<std::string>>(const std::string& key, const std::string& lang,
                                                                     const std::string& vietnamese)>;
    void OnContent(Content f) { content_ = std::move(f); }
    // A delivery report from the gateway for outbox message `id`, in Kannel's codes: 1 delivered,
    // 2 failed on the phone's network, 16 refused by the SMSC (`reply` says why); 4 buffered and
    // 8 accepted by the SMSC change nothing. Unknown ids change nothing.
    Status DeliveryReport(const std::string& id, const std::string& status, const std::string& reply);

    // Officers (commune and above): a message to a household's or a village's residents who
    // consented to notifications. `send` false: only the preview.
    Result<ManualSend> Manual(const Actor& a, const std::string& household_id, const std::string& village_id,
                              const std::string& text, bool send);
    Result<std::vector<InboxEntry>> Inbox(const Actor& a);
    Result<std::vector<channel::OutboxMessage>> Outbox(const Actor& a);
    // Scam reports of the actor's area, newest first (commune officers and above): what the
    // commune passes on to the police liaison.
    Result<std::vector<ScamReport>> ScamReports(const Actor& a, int limit);
    // Team leaders and above: messages waiting for a person (the last 30 days), and a person's
    // answer to one, sent by SMS to its number (the message must be in the queue: Conflict if
    // someone answered meanwhile, NotFound outside the actor's area).
    Result<std::vector<InboxEntry>> WaitingForAPerson(const Actor& a);
    Result<std::string> AnswerByHand(const Actor& a, const std::string& inbox_id, const std::string& text);
    // Who subscribed with DK to places of the actor's area (commune officers and above).
    Result<std::vector<Subscription>> Subscriptions(const Actor& a, int limit);
    Result<Stats> Count(const Actor& a, int64_t since);

  private:
    // A reply template: in the sender's language (reply_lang_) when an approved translation of it
    // exists, else in Vietnamese.
    std::string T(const char* msgid) const;
    Result<std::string> Reply(const Parsed& p, const std::string& phone, const std::vector<KnownSender>& known,
                              const std::string& area, int64_t now);
    Result<std::string> StatusReply(const std::string& arg, const std::string& phone);
    Result<std::string> PapersReply(const std::string& arg);
    Result<std::string> SubscribeReply(const std::string& arg, const std::string& phone,
                                       const std::vector<KnownSender>& known, int64_t now);
    Result<std::string> HelpRequestReply(const std::string& arg, const std::vector<KnownSender>& known, int64_t now);
    // "Gọi lại cho tôi": a task for the sender's village team, due the next day.
    Result<std::string> CallBackReply(const std::string& text, const std::vector<KnownSender>& known, int64_t now);

    SmsRepository& repo_;
    Transactions& tx_;
    channel::OutboxQueue& outbox_;
    procedures::DossierRepository& dossiers_;
    procedures::ProcedureService& procedures_;
    fieldwork::FieldworkService& fieldwork_;
    RateCounter& limits_;
    const i18n::Catalogs& catalogs_;
    const Clock& clock_;
    int64_t price_per_part_;
    std::function<Result<int64_t>(int64_t, const std::string&)> broadcast_done_;
    BoardAnswer board_;
    Content content_;
    std::string reply_lang_;  // the language of the message being answered: its known senders' one
    bool unicode_;            // the operator's setting: messages keep their diacritics, as UCS-2
};

// The name of a command, as stored in the inbox.
const char* CommandName(Command c);

}  // namespace caunoi::sms
