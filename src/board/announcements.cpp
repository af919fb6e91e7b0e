#include "board/announcements.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "core/calendar.hpp"
#include "core/text.hpp"
#include "core/ulid.hpp"
#include "warnings/spoken.hpp"

namespace caunoi::board {

namespace {

constexpr int64_t kVietnamOffset = 7 * 3600;

// A sentence ends with its full stop (the script and the SMS join sentences).
std::string Sentence(std::string s) {
    s = text::Trim(s);
    if (!s.empty() && std::string_view(".!?:").find(s.back()) == std::string_view::npos) s += '.';
    return s;
}

Result<std::string> Title(const Fields& f) {
    const std::string s = f.all().count("title") ? text::Trim(f.all().at("title")) : "";
    if (!text::IsValidUtf8(s, false)) return Error::Invalid("title", "not single-line UTF-8", N_("Invalid text"));
    if (s.empty()) return Error::Invalid("title", "required", N_("Write a short title"));
    if (text::CodePoints(s) > kMaxTitleChars)
        return Error::Invalid("title", "longer than 120 characters",
                              N_("The title is too long: at most 120 characters"));
    return s;
}

Result<std::string> Body(const Fields& f) {
    std::string s = f.all().count("text") ? f.all().at("text") : "";
    if (!text::IsValidUtf8(s, true)) return Error::Invalid("text", "not valid UTF-8", N_("Invalid text"));
    text::ReplaceAll(s, "\r\n", "\n");
    s = text::Trim(s);
    if (s.empty()) return Error::Invalid("text", "required", N_("Write what people need to know"));
    if (text::CodePoints(s) > kMaxTextChars)
        return Error::Invalid("text", "longer than 600 characters", N_("The text is too long: at most 600 characters"));
    return s;
}

Result<int64_t> ValidUntil(const Fields& f, int64_t now) {
    const std::string v = f.all().count("valid_until") ? text::Trim(f.all().at("valid_until")) : "";
    const auto refused = [](const std::string& detail) {
        return Error::Invalid("valid_until", detail, N_("Choose until when it holds: a day in the next 90 days"));
    };
    if (v.empty()) return refused("required");
    std::optional<int64_t> until = EndOfVietnamDay(v);
    if (!until && v.size() <= 12 && v.find_first_not_of("0123456789") == std::string::npos) until = std::stoll(v);
    if (!until) return refused("a date YYYY-MM-DD or epoch seconds");
    if (*until <= now) return refused("already past");
    // Up to the end of the day 90 days from today.
    const int64_t last = (LocalDayOf(now) + kMaxValidSeconds / 86400 + 1) * 86400 - kVietnamOffset - 1;
    if (*until > last) return refused("more than 90 days ahead");
    return *until;
}

}  // namespace

std::optional<int64_t> EndOfVietnamDay(std::string_view date) {
    auto day = ParseDate(date);
    if (!day) return std::nullopt;
    return (*day + 1) * 86400 - kVietnamOffset - 1;
}

bool AnnouncementService::MayPost(const Actor& a) const { return a.AtLeast(Role::kCommuneOfficer); }

Result<Commune> AnnouncementService::OwnCommune(const Actor& a, const std::string& commune_id) {
    if (!MayPost(a)) return Error::Forbidden("announcements are posted by commune officers and the province");
    std::string id = commune_id;
    if (id.empty()) {
        const std::string path = CommunePathOf(a.area_path);
        id = path.substr(path.find('/') + 1);
    }
    if (id.empty()) return Error::Invalid("commune_id", "required", N_("Choose the commune"));
    auto c = repo_.CommuneById(id);
    // Another commune is none of the officer's business: the same answer as none.
    if (!c.ok() || !a.scope.Contains(c->path)) return Error::NotFound("no such commune in the actor's area");
    return c;
}

std::string AnnouncementService::Signature(const Commune& c) const {
    std::string name = vi_(c.ward ? N_("ward {name}") : N_("commune {name}"));
    text::ReplaceAll(name, "{name}", c.name);
    return vi_(N_("People's Committee of")) + " " + name;
}

Result<std::string> AnnouncementService::Script(const Announcement& a) const {
    std::string head = vi_(N_("Announcement from {from}."));
    text::ReplaceAll(head, "{from}", Signature(a.commune));
    std::string to;
    if (!a.villages.empty()) {
        std::string names;
        for (const auto& v : a.villages) names += (names.empty() ? "" : ", ") + v.name;
        to = vi_(N_("For the people of {villages}.")) + " ";
        text::ReplaceAll(to, "{villages}", names);
    }
    std::string body = a.text;
    std::replace(body.begin(), body.end(), '\n', ' ');
    const std::string script = warnings::SpokenText(head + " " + to + Sentence(a.title) + " " + Sentence(body));
    const int seconds = warnings::SpeakingSeconds(script);
    if (seconds > kMaxScriptSeconds)
        return Error::Invalid("text", "the script takes " + std::to_string(seconds) + " s to read",
                              N_("Too long to read on the loudspeaker in one minute: say it in fewer words"));
    return script;
}

SmsBody AnnouncementService::Sms(const Announcement& a) const {
    std::string whole = Signature(a.commune) + ": " + Sentence(a.title) + " " + a.text;
    std::replace(whole.begin(), whole.end(), '\n', ' ');
    SmsBody out;
    out.ucs2 = unicode_;
    out.text = unicode_ ? whole : channel::ToGsm7(whole);
    out.size = channel::Measure(out.text);
    if (out.size.parts > kMaxSmsParts) {
        out.text = channel::Shorten(out.text, kMaxSmsParts);
        out.size = channel::Measure(out.text);
        out.cut = true;
    }
    out.ucs2 = !out.size.gsm7;
    return out;
}

Result<Announcement> AnnouncementService::Post(const Actor& a, const Fields& f) {
    CAUNOI_TRY(f.OnlyKnown({"commune_id", "title", "text", "valid_until", "villages", "sms"}));
    const std::string commune_id = f.all().count("commune_id") ? text::Trim(f.all().at("commune_id")) : "";
    CAUNOI_ASSIGN(auto commune, OwnCommune(a, commune_id));
    const int64_t now = clock_.NowSeconds();
    Announcement n;
    n.commune = commune;
    CAUNOI_ASSIGN(n.title, Title(f));
    CAUNOI_ASSIGN(n.text, Body(f));
    CAUNOI_ASSIGN(n.valid_until, ValidUntil(f, now));
    if (f.all().count("villages")) {
        CAUNOI_ASSIGN(auto villages, repo_.VillagesOf(commune.id));
        std::set<std::string> seen;
        for (const auto& part : text::Split(f.all().at("villages"), ',')) {
            const std::string id = text::Trim(part);
            if (id.empty() || !seen.insert(id).second) continue;
            auto v = std::find_if(villages.begin(), villages.end(), [&](const VillageRef& x) { return x.id == id; });
            if (v == villages.end())
                return Error::Invalid("villages", "village " + id + " is not in commune " + commune.id,
                                      N_("Choose only villages of this commune"));
            n.villages.push_back(*v);
        }
    }
    CAUNOI_ASSIGN(auto sms, f.Bool("sms"));
    n.sms = sms.value_or(false);
    CAUNOI_TRY(Script(n));  // refuses what the loudspeaker cannot read in a minute
    n.id = NewUlid();
    n.posted_by = a.user_id;
    n.posted_at = now;
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        if (n.sms) {
            const SmsBody body = Sms(n);
            n.sms_text = body.text;
            CAUNOI_ASSIGN(n.sms_queued, repo_.QueueSms(n, body, now));
        }
        CAUNOI_TRY(repo_.Insert(n));
        return audit_.Record(a, "create", "announcement", n.id, commune.path,
                             n.sms ? "sms " + std::to_string(n.sms_queued) : "no sms");
    }));
    return n;
}

Result<Withdrawn> AnnouncementService::Withdraw(const Actor& a, const std::string& id) {
    if (!MayPost(a)) return Error::Forbidden("announcements are withdrawn by commune officers and the province");
    CAUNOI_ASSIGN(auto n, repo_.FindById(id));
    if (!a.scope.Contains(n.commune.path)) return Error::NotFound("announcement outside the actor's area");
    Withdrawn out{n, 0};
    if (n.withdrawn_at) return out;
    const int64_t now = clock_.NowSeconds();
    CAUNOI_TRY(tx_.Atomically([&]() -> Status {
        CAUNOI_TRY(repo_.MarkWithdrawn(n, a.user_id, now));
        CAUNOI_ASSIGN(out.sms_stopped, repo_.StopSms(n, "announcement withdrawn"));
        return audit_.Record(a, "delete", "announcement", n.id, n.commune.path,
                             "withdrawn; sms stopped " + std::to_string(out.sms_stopped));
    }));
    out.announcement.withdrawn_at = now;
    out.announcement.withdrawn_by = a.user_id;
    return out;
}

Result<std::vector<Announcement>> AnnouncementService::ListForCommune(const Actor& a, const std::string& commune_id) {
    CAUNOI_ASSIGN(auto c, OwnCommune(a, commune_id));
    return repo_.ListForCommune(c.id, kListLimit);
}

Result<std::vector<Commune>> AnnouncementService::CommunesFor(const Actor& a) {
    if (!MayPost(a)) return Error::Forbidden("announcements are posted by commune officers and the province");
    CAUNOI_ASSIGN(auto all, repo_.AllCommunes());
    std::vector<Commune> out;
    for (auto& c : all)
        if (a.scope.Contains(c.path)) out.push_back(std::move(c));
    return out;
}

Result<AnnouncementService::ComposeChoices> AnnouncementService::ChoicesFor(const Actor& a,
                                                                            const std::string& commune_id) {
    ComposeChoices out;
    CAUNOI_ASSIGN(out.commune, OwnCommune(a, commune_id));
    CAUNOI_ASSIGN(out.villages, repo_.VillagesOf(out.commune.id));
    CAUNOI_ASSIGN(out.subscribers, repo_.SubscribersOf(out.commune.id));
    return out;
}

}  // namespace caunoi::board
