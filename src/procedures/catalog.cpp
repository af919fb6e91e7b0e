#include "procedures/catalog.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "channel/encoding.hpp"
#include "core/blocks.hpp"
#include "core/calendar.hpp"
#include "core/text.hpp"
#include "procedures/search.hpp"

namespace caunoi::procedures {
namespace {

const std::set<std::string> kSingleKeys = {"title.vi", "title.en", "sms",        "level",     "days",      "fee.vi",
                                           "fee.en",   "fee.sms",  "where.vi",   "where.en",  "where.sms", "legal.vi",
                                           "legal.en", "reviewed", "unverified", "sms_parts", "also"};
// Fields `unverified` may name.
const std::set<std::string> kFacts = {"title", "level", "days", "fee", "where", "doc", "step", "legal"};

const char* KindSms(const Document& d) {
    if (d.kind == "original") return "ban chinh";
    if (d.kind == "copy") return "ban sao";
    return "ban sao chung thuc";
}

class BlockParser {
  public:
    BlockParser(Procedure& p) : p_(p) {}

    // Returns an error message for a bad line, "" if accepted.
    std::string Line(const std::string& key, const std::string& value) {
        if (kSingleKeys.count(key)) {
            if (!seen_.insert(key).second) return key + ": given twice";
            return Single(key, value);
        }
        if (key == "step.vi") {
            p_.steps_vi.push_back(value);
        } else if (key == "step.en") {
            p_.steps_en.push_back(value);
        } else if (key == "doc") {
            return Doc(value);
        } else {
            return "unknown key " + key;
        }
        return "";
    }

    // Whole-block checks once every line is read.
    std::string Finish() {
        for (const auto& k : kSingleKeys)
            if (k != "unverified" && k != "sms_parts" && k != "also" && !seen_.count(k)) return "missing " + k;
        if (p_.docs.empty()) return "no documents (doc = …)";
        if (p_.steps_vi.empty()) return "no steps (step.vi = …)";
        if (p_.steps_vi.size() != p_.steps_en.size()) return "step.vi and step.en differ in number";
        auto size = channel::Measure(SmsChecklist(p_));
        if (size.parts > kMaxSmsParts)
            return "the SMS checklist needs " + std::to_string(size.parts) + " parts; shorten the sms texts";
        if (size.parts != p_.sms_parts)
            return "the SMS checklist is " + std::to_string(size.units) +
                   " characters = " + std::to_string(size.parts) +
                   " SMS; set sms_parts = " + std::to_string(size.parts) + (size.parts == 1 ? " (or remove it)" : "");
        return "";
    }

  private:
    std::string Single(const std::string& key, const std::string& v) {
        if (key == "title.vi") p_.title_vi = v;
        if (key == "title.en") p_.title_en = v;
        if (key == "sms") p_.sms_title = v;
        if (key == "also")
            for (auto name : text::Split(v, '|')) p_.also.emplace_back(name);
        if (key == "fee.vi") p_.fee_vi = v;
        if (key == "fee.en") p_.fee_en = v;
        if (key == "fee.sms") p_.fee_sms = v;
        if (key == "where.vi") p_.where_vi = v;
        if (key == "where.en") p_.where_en = v;
        if (key == "where.sms") p_.where_sms = v;
        if (key == "legal.vi") p_.legal_vi = v;
        if (key == "legal.en") p_.legal_en = v;
        if (key == "level") {
            if (std::find(std::begin(kLevels), std::end(kLevels), v) == std::end(kLevels))
                return "level: must be full_online, partly_online or not_online";
            p_.level = v;
        }
        if (key == "days" || key == "sms_parts") {
            int n = 0;
            if (v.size() > 3 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return key + ": not a whole number";
            n = std::stoi(v);
            if (key == "days" && n > 180) return "days: more than 180 working days";
            if (key == "sms_parts" && (n < 1 || n > kMaxSmsParts)) return "sms_parts: must be 1 to 3";
            (key == "days" ? p_.days : p_.sms_parts) = n;
        }
        if (key == "reviewed") {
            if (!ParseDate(v)) return "reviewed: not a date YYYY-MM-DD";
            p_.reviewed = v;
        }
        if (key == "unverified") {
            for (auto f : text::Split(v, ' ')) {
                if (!kFacts.count(std::string(f))) return "unverified: unknown field " + std::string(f);
                p_.unverified.insert(std::string(f));
            }
        }
        return "";
    }

    std::string Doc(const std::string& v) {
        auto parts = text::Split(v, '|');
        if (parts.size() < 3 || parts.size() > 4) return "doc: expected kind count | Vietnamese | English [| SMS]";
        auto head = text::Split(parts[0], ' ');
        Document d;
        if (head.empty() || head.size() > 2) return "doc: expected kind and count";
        d.kind = std::string(head[0]);
        if (std::find(std::begin(kDocKinds), std::end(kDocKinds), d.kind) == std::end(kDocKinds))
            return "doc: kind must be original, copy, certified_copy or show";
        if (head.size() == 2) {
            if (head[1].size() != 1 || head[1][0] < '1' || head[1][0] > '9') return "doc: count must be 1 to 9";
            d.count = head[1][0] - '0';
        }
        d.vi = std::string(parts[1]);
        d.en = std::string(parts[2]);
        d.sms = parts.size() == 4 ? std::string(parts[3]) : d.vi;
        if (p_.docs.size() >= 12) return "doc: at most 12 documents";
        p_.docs.push_back(std::move(d));
        return "";
    }

    Procedure& p_;
    std::set<std::string> seen_;
};

}  // namespace

Result<std::vector<Procedure>> Parse(const std::string& input) {
    std::vector<Procedure> out;
    std::optional<BlockParser> parser;
    BlockCallbacks cb;
    cb.open = [&](const std::string& code) {
        out.emplace_back().code = code;
        parser.emplace(out.back());
        return std::string();
    };
    cb.line = [&](const std::string& key, const std::string& value) { return parser->Line(key, value); };
    cb.close = [&](std::string_view source) {
        std::string why = parser->Finish();
        if (!why.empty()) return why;
        auto& p = out.back();
        p.source = std::string(source);
        for (const std::string* name : {&p.code, &p.title_vi, &p.title_en, &p.sms_title})
            p.name_words.push_back(text::Tokens(text::Fold(*name)));
        for (const auto& name : p.also) p.name_words.push_back(text::Tokens(text::Fold(name)));
        std::string doc_text;
        for (const auto& d : p.docs) doc_text += " " + d.vi + " " + d.en;
        p.doc_words = text::Tokens(text::Fold(doc_text));
        return std::string();
    };
    CAUNOI_TRY(ReadBlocks(input, BlockFormat{"procedure", 200, 600, N_("The procedure text has an error")}, cb));
    return out;
}

std::string SmsChecklist(const Procedure& p) {
    std::string s = p.sms_title + ": mang ";
    for (size_t i = 0; i < p.docs.size(); ++i) {
        const auto& d = p.docs[i];
        s += (i ? ", " : "") + d.sms;
        // A paper only shown needs no label: you bring it and take it home.
        if (d.kind != "show" || d.count > 1) {
            s += " (";
            if (d.count > 1) s += std::to_string(d.count) + " ";
            s += d.kind == "show" ? "ban" : KindSms(d);
            s += ")";
        }
    }
    s += ". Nop: " + p.where_sms + ". ";
    s += p.days == 0 ? std::string("Trong ngay") : std::to_string(p.days) + " ngay lam viec";
    s += ". Phi: " + p.fee_sms;
    return channel::ToGsm7(s);
}

std::vector<const Procedure*> Search(const std::vector<Procedure>& catalog, const std::string& query) {
    return SearchCatalog(catalog, query, 0).matches;
}

}  // namespace caunoi::procedures
