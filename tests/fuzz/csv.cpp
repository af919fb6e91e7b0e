// The household/resident CSV import (docs/api.md): any bytes, rows of fields or an error.
#include "fuzz_check.hpp"
#include "registry/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto rows = caunoi::registry::ParseCsv(AsText(data, size));
    if (rows.ok()) {
        size_t bytes = 0;
        for (const auto& row : *rows)
            for (const auto& field : row) bytes += field.size();
        FUZZ_CHECK(bytes <= size);  // a field is never more than what came in
    }
    return 0;
}
