// The SMS channel over HTTP (docs/sms.md): what Kannel calls (an inbound message, a delivery
// report; both carry the inbound token), and the officers' SMS page and API (inbox, outbox,
// statistics, a message to a household or a village with its cost shown first).
#include <boost/json.hpp>

#include "area/area.hpp"
#include "audit/audit_log.hpp"
#include "channel/encoding.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/error_status.hpp"
#include "http/handlers/web_common.hpp"
#include "http/message.hpp"
#include "http/routes.hpp"
#include "registry/registry.hpp"
#include "sms/phone.hpp"
#include "sms/service.hpp"

namespace caunoi::http {
namespace {

namespace json = boost::json;

Response Text(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(body);
    return r;
}

// Only our Kannel knows the token. It comes as the password of an HTTP Basic credential: in
// Proxy-Authorization (Kannel's core group names caunoi as its HTTP proxy, with the token as
// http-proxy-password: it reaches caunoi with every inbound message and delivery report and is
// in no URL Kannel logs), or in Authorization. Only in the old single-secret setup is it also
// read from `t=` in the URL. Every comparison is constant-time and none is skipped.
bool FromKannel(const App& app, const Request& r) {
    const auto& token = app.config().kannel_token;
    if (token.empty()) return false;
    bool ok = false;
    std::string given;
    for (const char* header : {"proxy-authorization", "authorization"})
        if (BasicPassword(r.Header(header), given)) ok = crypto::Equal(given, token) || ok;
    if (app.config().kannel_token_in_url)
        if (auto it = r.query.find("t"); it != r.query.end()) ok = crypto::Equal(it->second, token) || ok;
    return ok;
}

Result<Response> Inbound(App& app, Request& r) {
    if (!FromKannel(app, r)) return Error::NotFound();
    sms::Inbound in;
    in.from = r.Query("from");
    const std::string coding = r.Query("coding");
    const std::string data = r.Query("text");
    // Kannel's codings: 0 GSM text, 1 8-bit data, 2 UCS-2; a UDH means a concatenated part or
    // binary content, not something a person typed into this gateway's reply flow.
    // 8-bit data that is valid text (how some phones and gateways pass UTF-8) is read as text.
    in.binary = !r.Query("udh").empty() || (coding == "1" && !text::IsValidUtf8(data, true));
    in.text = coding == "2" ? channel::Utf16BeToUtf8(data) : data;
    CAUNOI_ASSIGN(auto res, app.sms.HandleInbound(in));
    // Kannel's reply path stays unused (omit-empty): the answer goes through the outbox, where
    // it is paced, retried and reported like every message.
    return Text(200, "");
}

Result<Response> DeliveryReport(App& app, Request& r) {
    if (!FromKannel(app, r)) return Error::NotFound();
    CAUNOI_TRY(app.sms.DeliveryReport(r.Query("id"), r.Query("status"), r.Query("reply")));
    return Text(200, "");
}

// The inbox's command codes as an officer reads them.
const char* CommandMsgid(const std::string& c) {
    if (c == "empty") return N_("empty message");
    if (c == "help") return N_("asked for the command list");
    if (c == "status") return N_("dossier status");
    if (c == "papers") return N_("papers for a procedure");
    if (c == "subscribe") return N_("subscribed");
    if (c == "stop") return N_("stopped messages");
    if (c == "help_request") return N_("asked for help");
    if (c == "scam") return N_("scam report");
    if (c == "price") return N_("crop prices");
    if (c == "weather") return N_("weather");
    if (c == "binary") return N_("not text");
    if (c == "stop_all") return N_("stopped messages, dossier news too");
    if (c == "scam_call") return N_("told of a scam call");
    if (c == "call_back") return N_("asked to be called back");
    if (c == "thanks") return N_("thanks or greeting (not answered)");
    return N_("not understood");
}

int64_t SinceDays(App& app, int days) { return app.clock.NowSeconds() - int64_t{days} * 86400; }

json::object StatsJson(const sms::Stats& s) {
    return {{"queued", s.queued}, {"sent", s.sent},         {"delivered", s.delivered},
            {"failed", s.failed}, {"received", s.received}, {"parts", s.parts}};
}

Result<Response> SmsPage(App& app, Request& r, const Fields* typed, const sms::ManualSend* preview, const Error* err) {
    const Actor& a = *r.actor;
    CAUNOI_ASSIGN(auto stats, app.sms.Count(a, SinceDays(app, 7)));
    CAUNOI_ASSIGN(auto out, app.sms.Outbox(a));
    // The latest 50 of each list: the page stays within the first round trip (14 KB).
    constexpr size_t kShown = 50;
    Data outbox = List();
    for (size_t i = 0; i < out.size() && i < kShown; ++i) {
        const auto& m = out[i];
        outbox.push_back(Obj({{"at", web::FormatTime(m.created_at)},
                              {"phone", sms::MaskPhone(m.phone)},
                              {"body", m.body},
                              {"parts", std::to_string(m.parts)},
                              {"status", app.Tr(r, MsgidOf(channel::kOutboxStatuses, m.status))},
                              {"reason", m.fail_reason},
                              {"dossier_id", m.dossier_id}}));
    }
    Data d;
    d.set("outbox", outbox);
    d.set("none", out.empty());
    for (auto [k, v] : {std::pair{"queued", stats.queued},
                        {"sent", stats.sent},
                        {"delivered", stats.delivered},
                        {"failed", stats.failed},
                        {"received", stats.received},
                        {"parts", stats.parts}})
        d.set(k, std::to_string(v));
    if (a.AtLeast(Role::kCommuneOfficer)) {
        d.set("officer", true);
        CAUNOI_ASSIGN(auto in, app.sms.Inbox(a));
        Data inbox = List();
        for (size_t i = 0; i < in.size() && i < kShown; ++i) {
            const auto& e = in[i];
            inbox.push_back(Obj({{"at", web::FormatTime(e.received_at)},
                                 {"phone", sms::MaskPhone(e.phone)},
                                 {"body", e.body},
                                 {"command", app.Tr(r, CommandMsgid(e.command))},
                                 {"reply", e.reply_body}}));
        }
        d.set("inbox", inbox);
        d.set("no_inbox", in.empty());
        CAUNOI_ASSIGN(auto scams, app.sms.ScamReports(a, static_cast<int>(kShown)));
        Data reports = List();
        for (const auto& x : scams)
            reports.push_back(
                Obj({{"at", web::FormatTime(x.at)}, {"phone", sms::MaskPhone(x.phone)}, {"body", x.body}}));
        d.set("scams", reports);
        d.set("no_scams", scams.empty());
        CAUNOI_ASSIGN(auto subs, app.sms.Subscriptions(a, static_cast<int>(kShown)));
        Data subscribed = List();
        for (const auto& x : subs)
            subscribed.push_back(Obj({{"at", web::FormatTime(x.at)},
                                      {"phone", sms::MaskPhone(x.phone)},
                                      {"place", x.place},
                                      {"kind", app.Tr(r, x.kind == "village" ? N_("village") : N_("commune"))}}));
        d.set("subscriptions", subscribed);
        d.set("no_subscriptions", subs.empty());
        // Whom the message goes to is picked on a household's or a village's page ("Send SMS"),
        // never typed as a code: name it here.
        auto given = [&](const char* k) {
            if (typed && typed->Has(k)) return typed->all().at(k);
            return r.Query(k);
        };
        const std::string household = given("household_id"), village = given("village_id");
        if (!household.empty()) {
            CAUNOI_ASSIGN(auto h, app.registry.GetHousehold(a, household));
            d.set("household_id", h.id);
            d.set("to", app.Tr(r, N_("Household")) + ": " + h.name);
        } else if (!village.empty()) {
            CAUNOI_ASSIGN(auto v, app.areas.Get(a, village));
            d.set("village_id", v.id);
            d.set("to", app.Tr(r, N_("Everyone who agreed in")) + " " + v.name);
        }
        if (typed && typed->Has("text")) d.set("text", Str(typed->all().at("text")));
        d.set("sent_count", Str(r.Query("sent")));
        if (preview) {
            d.set("preview", true);
            d.set("preview_text", preview->text);
            d.set("recipients", std::to_string(preview->recipients));
            d.set("preview_parts", std::to_string(preview->parts));
            d.set("cost", std::to_string(preview->cost));
        }
        if (err) d.set("error", Str(app.Tr(r, err->title_id)));
    }
    return app.views->Page(app, r, "sms", d, N_("SMS"), err ? StatusFor(err->code) : 200);
}

// One CSV field: quoted, quotes doubled; a value a spreadsheet would run as a formula
// (= + - @ first) is prefixed with an apostrophe.
std::string CsvField(const std::string& v) {
    std::string out = "\"";
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) out += "'";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// The commune's scam reports as a file for the police liaison: when, the reporter's number
// masked (the report is what matters; the person stays the commune's to contact), the text.
Result<Response> ScamReportsCsv(App& app, Request& r) {
    CAUNOI_ASSIGN(auto scams, app.sms.ScamReports(*r.actor, 5000));
    std::string csv = "\xEF\xBB\xBF" + CsvField(app.Tr(r, N_("Time"))) + "," + CsvField(app.Tr(r, N_("Reported by"))) +
                      "," + CsvField(app.Tr(r, N_("What was reported"))) + "\r\n";
    for (const auto& x : scams)
        csv +=
            CsvField(web::FormatTime(x.at)) + "," + CsvField(sms::MaskPhone(x.phone)) + "," + CsvField(x.body) + "\r\n";
    CAUNOI_TRY(app.audit.Record(*r.actor, "export", "scam_reports", "", r.actor->area_path,
                                std::to_string(scams.size()) + " reports"));
    Response resp;
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = std::move(csv);
    resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"bao-lua-dao.csv\"");
    return resp;
}

// Messages waiting for a person, each with a form to answer it by SMS. `refused`: the answer
// to `refused_id` was refused; the page shows it again with the text kept and the message.
Result<Response> QueuePage(App& app, Request& r, const std::string& refused_id, const std::string& kept,
                           const Error* refused) {
    CAUNOI_ASSIGN(auto waiting, app.sms.WaitingForAPerson(*r.actor));
    Data items = List();
    for (const auto& e : waiting) {
        Data x = Obj({{"id", e.id},
                      {"at", web::FormatTime(e.received_at)},
                      {"phone", sms::MaskPhone(e.phone)},
                      {"body", e.body},
                      {"reply", e.reply_body}});
        x.set("stranger", e.resident_id.empty());
        if (refused && e.id == refused_id) {
            x.set("text", kept);
            x.set("err_text", app.Tr(r, refused->title_id));
        }
        items.push_back(x);
    }
    Data d;
    d.set("answered", Str(r.Query("answered")));
    d.set("items", items);
    d.set("none", waiting.empty());
    return app.views->Page(app, r, "sms_queue", d, N_("Messages waiting for an answer"), refused ? 422 : 200);
}

Result<Response> AnswerForm(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    const std::string text = f.all().count("text") ? f.all().at("text") : "";
    auto sent = app.sms.AnswerByHand(*r.actor, r.Param("id"), text);
    if (!sent.ok()) {
        if (web::IsFormError(sent.error())) return QueuePage(app, r, r.Param("id"), text, &sent.error());
        return sent.error();
    }
    return Response::Redirect("/sms/queue?answered=" + UrlEncode(sms::MaskPhone(*sent)));
}

Result<Response> SendForm(App& app, Request& r) {
    CAUNOI_ASSIGN(auto f, ReadFields(r));
    const bool send = f.Has("send");
    auto res = app.sms.Manual(*r.actor, f.all().count("household_id") ? f.all().at("household_id") : "",
                              f.all().count("village_id") ? f.all().at("village_id") : "",
                              f.all().count("text") ? f.all().at("text") : "", send);
    if (!res.ok()) {
        if (res.error().code == ErrorCode::kInvalid) return SmsPage(app, r, &f, nullptr, &res.error());
        return res.error();
    }
    if (send) return Response::Redirect("/sms?sent=" + std::to_string(res->recipients));
    return SmsPage(app, r, &f, &res.value(), nullptr);
}

}  // namespace

void AddSmsRoutes(std::vector<Route>& rt) {
    const auto L = Role::kTeamLeader, O = Role::kCommuneOfficer;
    // Called by Kannel: no login, the inbound token instead.
    rt.push_back({"GET", "/api/v1/sms/inbound", std::nullopt, Inbound});
    rt.push_back({"GET", "/api/v1/sms/dlr", std::nullopt, DeliveryReport});
    rt.push_back({"GET", "/sms", L, [](App& app, Request& r) { return SmsPage(app, r, nullptr, nullptr, nullptr); }});
    rt.push_back({"POST", "/sms/send", O, SendForm});
    rt.push_back({"GET", "/sms/scams.csv", O, ScamReportsCsv});
    rt.push_back({"GET", "/sms/queue", L, [](App& app, Request& r) { return QueuePage(app, r, "", "", nullptr); }});
    rt.push_back({"POST", "/sms/queue/{id}/reply", L, AnswerForm});
    rt.push_back({"GET", "/api/v1/sms/stats", L, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto days, r.IntQuery("days", 1, 366, 7));
                      CAUNOI_ASSIGN(auto s, app.sms.Count(*r.actor, SinceDays(app, static_cast<int>(days))));
                      return Response::Json(200, json::serialize(StatsJson(s)));
                  }});
    rt.push_back({"GET", "/api/v1/sms/inbox", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto list, app.sms.Inbox(*r.actor));
                      json::array items;
                      for (const auto& e : list)
                          items.push_back({{"id", e.id},
                                           {"phone", sms::MaskPhone(e.phone)},
                                           {"body", e.body},
                                           {"command", e.command},
                                           {"reply", e.reply_body},
                                           {"reply_status", e.reply_status},
                                           {"received_at", e.received_at}});
                      return Response::Json(200, json::serialize(json::object{{"items", items}}));
                  }});
    rt.push_back({"POST", "/api/v1/sms/send", O, [](App& app, Request& r) -> Result<Response> {
                      CAUNOI_ASSIGN(auto f, ReadFields(r));
                      auto get = [&](const char* k) { return f.all().count(k) ? f.all().at(k) : std::string(); };
                      CAUNOI_ASSIGN(auto res, app.sms.Manual(*r.actor, get("household_id"), get("village_id"),
                                                             get("text"), get("send") == "true"));
                      return Response::Json(200, json::serialize(json::object{{"recipients", res.recipients},
                                                                              {"parts", res.parts},
                                                                              {"cost", res.cost},
                                                                              {"text", res.text}}));
                  }});
}

}  // namespace caunoi::http
