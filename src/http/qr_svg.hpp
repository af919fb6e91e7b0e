// QR codes as small SVG documents (libqrencode), for the short links printed on pocket cards.
// Thread-safety: pure function (libqrencode is reentrant for encoding).
#pragma once

#include <string>

#include "core/result.hpp"

namespace caunoi::http {

// An SVG of the QR code for `text` (error correction M, 4-module quiet zone): one path of
// dark modules, scaled by the viewer. Invalid if `text` is empty or too long to encode.
Result<std::string> QrSvg(const std::string& text);

}  // namespace caunoi::http
