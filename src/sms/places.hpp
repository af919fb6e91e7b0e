// Places in what people text: the commune a message names (its code or its name, folded), a
// village's name as people write it, and words that say when rather than where. Used by the SMS
// service to read DK and THOITIET. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sms/service.hpp"

namespace caunoi::sms {

// The commune a message names: its code, or its name without accents, spaces or "xa".
std::optional<Commune> MatchCommune(const std::vector<Commune>& all, const std::string& arg);
// The commune a free text names, as whole consecutive words ("xa Muong Xen", "muong xen"); the
// longest name wins. Short codes are not names: a number in the text is not a commune id.
std::optional<Commune> CommuneNamedIn(const std::vector<Commune>& all, const std::string& body);
// A name without what is in parentheses: "Bản Na Bè (mẫu)" -> "Bản Na Bè".
std::string StripParenthesized(const std::string& name);
// A village's name as people write it: folded words, without what is in parentheses and without
// the word for its kind ("Bản Huồi Cọ" -> "huoi co").
std::vector<std::string> VillageWords(const std::string& name);
// Whether `arg` says only when ("ngay mai", "chieu nay the nao"), not where: then it is the
// sender's commune that is asked about.
bool OnlyWhen(const std::string& arg);

}  // namespace caunoi::sms
