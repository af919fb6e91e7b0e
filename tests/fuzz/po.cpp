// Translation catalogs (.po): the interface's own, and those translators upload (docs/translations.md).
#include "core/i18n.hpp"
#include "fuzz_check.hpp"
#include "translation/po.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto text = AsText(data, size);
    (void)caunoi::i18n::ParsePo(text);
    (void)caunoi::translation::ReadPo(text);
    return 0;
}
