// Text messages from residents (docs/sms.md): the keyword commands and the plain-words intents.
// A message understood as a command keeps its argument inside what was sent.
#include "fuzz_check.hpp"
#include "sms/keywords.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 2000) return 0;  // an SMS, even concatenated, is far shorter
    auto text = AsText(data, size);
    auto command = caunoi::sms::ParseCommand(text);
    auto understood = caunoi::sms::Understand(text);
    FUZZ_CHECK(command.arg.size() <= size);
    if (command.command != caunoi::sms::Command::kUnknown) FUZZ_CHECK(understood.command == command.command);
    return 0;
}
