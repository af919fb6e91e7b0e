// What a resident's SMS asks for (docs/sms.md). First the commands: the first word, whatever its
// case and diacritics, with or without a space before what follows, one typo forgiven in the long
// one-word keywords. Then, for a message that is no command, what people write in plain words: a
// procedure's name, VNeID, "where is my dossier", the weather, a price, a call asking for money or
// an OTP, "call me back", "thank you". Matching is generous but never turns common words into a
// command the person did not mean: a name ("Huy") does not stop messages, "lúa" (rice) is not
// "lừa đảo", "gia đình" (family) is not a price. When unsure: kUnknown, and a plain sentence.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace caunoi::sms {

enum class Command {
    kEmpty,        // nothing but spaces
    kUnknown,      // not understood
    kHelp,         // HD
    kStatus,       // HS <dossier code>, "hồ sơ <code>", a bare code, "hồ sơ của tôi đến đâu rồi"
    kPapers,       // GIAYTO <procedure or words>, or a procedure named in plain words
    kSubscribe,    // DK <village or commune>
    kStop,         // HUY alone (or a short fixed form): stops routine messages and warnings
    kStopAll,      // HUY HS: stops the dossier notifications too
    kHelpRequest,  // HOTRO <text>
    kScam,         // LUADAO <text> (also LD, the national reporting format)
    kScamCall,     // someone asked for money, an OTP or a fee for a prize: advice, and a report
    kPrice,        // GIA <crop>, or a price question naming a crop
    kWeather,      // THOITIET, or "mai có mưa không"
    kCallBack,     // "gọi lại cho tôi": a call-back task for the village team
    kThanks,       // "cảm ơn", "alo", "ok": stored, not answered
    kBroadcastDone,  // DA DOC <warning number>: a loudspeaker operator read the warning (arg: the number)
};

struct Parsed {
    Command command = Command::kUnknown;
    std::string arg;         // what follows the keyword, as sent (trimmed); the whole text otherwise
    bool stop_hint = false;      // began with HUY but was more than the stop command: say how to stop
    bool which_commune = false;  // set by the service: the number is several communes', ask which
};

// The explicit commands only (HS, GIAYTO, DK, HUY, HOTRO, LUADAO/LD, GIA <crop>, THOITIET, HD,
// a bare dossier code); kUnknown for anything else.
Parsed ParseCommand(std::string_view text);

// ParseCommand, then the plain-words intents for what is no command.
Parsed Understand(std::string_view text);

}  // namespace caunoi::sms
