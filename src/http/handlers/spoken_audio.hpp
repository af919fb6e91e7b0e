// A loudspeaker script spoken, as a download for a station's USB player (a warning's script on
// the operator's page, an announcement's): MP3 or WAV, synthesised off the request thread
// (Response::Offload), once per script for every worker (one audio::SpeechCache, thread-safe).
#pragma once

#include <string>
#include <vector>

#include "http/message.hpp"

namespace caunoi::http {

// `script` spoken (audio::SpeakVietnamese), as MP3 (`mp3`) or WAV, offered as `filename`.
Response SpokenAudio(std::string script, bool mp3, std::string filename);

// The same as an MP3 that begins with `lead` (approved recordings, MP3 each: a warning's danger and
// level in the village's language), a short pause after each, then `script` in Vietnamese.
Response SpokenAudioAfter(std::vector<std::string> lead, std::string script, std::string filename);

}  // namespace caunoi::http
