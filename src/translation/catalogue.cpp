#include "translation/catalogue.hpp"

#include "warnings/warnings.hpp"

namespace caunoi::translation {
namespace {

// The templates residents read or hear, as their modules write them (a unit test checks that each
// is a message id of the Vietnamese catalog, so a renamed one is noticed).
constexpr TemplateId kTemplates[] = {
    // warnings/loudspeaker.cpp, warnings/warning_sms.cpp, warnings/warnings.hpp
    {"warnings", N_("Urgent notice from {from}."), false},
    {"warnings", N_("Warning of {hazard}, {level}, for {where}."), false},
    {"warnings", N_("This warning holds until {until}."), false},
    {"warnings", N_("I repeat."), false},
    {"warnings", N_("This is an exercise, not a real warning."), false},
    {"warnings", N_("{from}: WARNING {hazard}, risk level {level}, {where}, until {until}."), true},
    {"warnings", N_("{from}: WARNING {hazard}, risk level {level}, {where}."), true},
    {"warnings", N_("EXERCISE, not a real warning."), true},
    {"warnings", N_("Flash flood"), false},
    {"warnings", N_("Landslide"), false},
    {"warnings", N_("Heavy rain"), false},
    {"warnings", N_("Storm"), false},
    {"warnings", N_("Cold spell or frost"), false},
    {"warnings", N_("Forest fire"), false},
    {"warnings", N_("Level 1: low risk"), false},
    {"warnings", N_("Level 2: medium risk"), false},
    {"warnings", N_("Level 3: high risk"), false},
    {"warnings", N_("Level 4: very high risk"), false},
    {"warnings", N_("Level 5: disaster"), false},
    // board/announcements.cpp
    {"announcements", N_("Announcement from {from}."), false},
    {"announcements", N_("For the people of {villages}."), false},
    // sms/service.cpp: the replies
    {"sms", N_("Cau Noi: message not understood. For help, send HOTRO and what you need."), true},
    {"sms", N_("Cau Noi: message not understood. To stop messages, send HUY alone."), true},
    {"sms",
     N_("Cau Noi: HS code: your dossier. GIAYTO name: papers to bring. HOTRO need: help from your team. DK "
        "commune: warnings. HUY: stop."),
     true},
    {"sms", N_("Cau Noi: your request is recorded. The digital team of your village will contact you."), true},
    {"sms", N_("Cau Noi: your request is recorded. {leader} ({team}) will contact you."), true},
    {"sms", N_("Cau Noi: your request is recorded. {leader} ({team}, {phone}) will contact you."), true},
    {"sms", N_("Cau Noi: your message is passed to the digital team of your village, to call you back."), true},
    {"sms", N_("Cau Noi: dossier {code}: {status}, due {due}. {next}"), true},
    {"sms", N_("Cau Noi: dossier {code} is late, due {due}. Ask the commune public administrative service centre."),
     true},
    {"sms", N_("Cau Noi: send HS and the code on your dossier receipt, e.g. HS H42.16813-261130-0001."), true},
    {"sms", N_("Cau Noi: no dossier with this code for this phone number. Check the code on your receipt."), true},
    {"sms", N_("Cau Noi: no procedure found. Try GIAYTO khai sinh, GIAYTO ket hon, GIAYTO thuong tru."), true},
    {"sms", N_("Cau Noi: this number will get the warnings for {village}, commune {commune}. To stop: HUY."), true},
    {"sms", N_("Cau Noi: this number will get the warnings for {commune}. To stop: HUY."), true},
    {"sms",
     N_("Cau Noi: no more news or warnings to this number. News of a dossier you filed still comes (to stop "
        "it too: HUY HS). Again: DK <commune>."),
     true},
    {"sms", N_("Cau Noi: no more messages to this number, dossier news included. Again: DK <commune>."), true},
    {"sms",
     N_("Cau Noi: thank you, your report is recorded. Never send money or read out an OTP code. Report "
        "scams: LD <number> <content> to 156 or 5656."),
     true},
    {"sms",
     N_("Cau Noi: this may be a scam. Do not send money or read out an OTP code to anyone. Your report is "
        "recorded. Also report: LD <number> <content> to 156."),
     true},
    {"sms", N_("Cau Noi: too many messages. Send again in 10 minutes."), true},
    {"sms", N_("Cau Noi: too many messages today. Send again tomorrow."), true},
    {"sms", N_("To stop messages: send HUY alone."), true},
    // procedures/dossier.cpp: a dossier's notifications
    {"sms", N_("Cau Noi: dossier {code} ({procedure}) filed {date}. Result due {due}."), true},
    {"sms", N_("Cau Noi: dossier {code} ({procedure}) was received. Result due {due}."), true},
    {"sms", N_("Cau Noi: dossier {code} ({procedure}) is being processed. Result due {due}."), true},
    {"sms", N_("Cau Noi: dossier {code} ({procedure}) needs more papers. Ask your village digital team."), true},
    {"sms", N_("Cau Noi: dossier {code} ({procedure}) was resubmitted. Result due {due}."), true},
    {"sms", N_("Cau Noi: the result of dossier {code} ({procedure}) is ready. Collect it: {where}."), true},
    {"sms", N_("Cau Noi: dossier {code} ({procedure}) is complete."), true},
    {"sms", N_("Cau Noi: dossier {code} ({procedure}) was refused. Ask your village digital team why."), true},
    {"sms", N_("Cau Noi: dossier {code} ({procedure}) was withdrawn."), true},
};

void Add(std::vector<Text>& out, std::string key, std::string_view group, const std::string& item,
         const std::string& item_title, const std::string& vi, bool sms = false) {
    if (vi.empty()) return;
    out.push_back({std::move(key), std::string(group), item, item_title, vi, sms});
}

}  // namespace

std::span<const TemplateId> Templates() { return kTemplates; }

std::string TemplateKey(std::string_view group, std::string_view msgid) {
    return std::string(group) + ":" + std::string(msgid);
}

std::vector<Text> BuildCatalogue(const Sources& s) {
    std::vector<Text> out;
    for (const auto& t : s.tips) Add(out, "tip." + t.key, "tips", "", "", t.vi);
    for (const auto& p : s.procedures) {
        const std::string k = "proc." + p.code + ".", &title = p.title_vi;
        Add(out, k + "title", "procedures", p.code, title, p.title_vi);
        Add(out, k + "sms", "procedures", p.code, title, p.sms_title, true);
        for (size_t i = 0; i < p.docs.size(); ++i) {
            const std::string d = k + "doc." + std::to_string(i + 1);
            Add(out, d, "procedures", p.code, title, p.docs[i].vi);
            Add(out, d + ".sms", "procedures", p.code, title, p.docs[i].sms, true);
        }
        for (size_t i = 0; i < p.steps_vi.size(); ++i)
            Add(out, k + "step." + std::to_string(i + 1), "procedures", p.code, title, p.steps_vi[i]);
    }
    for (const auto& m : s.curriculum.modules) {
        const std::string k = "card." + m.key + ".";
        for (size_t c = 0; c < m.cards.size(); ++c) {
            const std::string ck = k + std::to_string(c + 1);
            Add(out, ck + ".title", "training", m.key, m.title_vi, m.cards[c].title_vi);
            for (size_t i = 0; i < m.cards[c].steps.size(); ++i)
                Add(out, ck + ".step." + std::to_string(i + 1), "training", m.key, m.title_vi, m.cards[c].steps[i].vi);
        }
        for (size_t i = 0; i < m.checks.size(); ++i)
            Add(out, k + "check." + std::to_string(i + 1), "training", m.key, m.title_vi, m.checks[i].vi);
    }
    for (const auto& g : kGroups) {
        for (const auto& t : kTemplates)
            if (t.group == g.key)
                Add(out, TemplateKey(t.group, t.msgid), t.group, "", "", s.vietnamese(t.msgid), t.sms);
    }
    return out;
}

}  // namespace caunoi::translation
