// Vietnamese mobile numbers for the SMS module: the functions live in core/phone.hpp (the
// registry's search needs them too); these names keep the SMS code reading as before.
#pragma once

#include "core/phone.hpp"

namespace caunoi::sms {

using phone::International;
using phone::MaskPhone;
using phone::NormalizeMobile;

}  // namespace caunoi::sms
