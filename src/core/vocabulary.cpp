#include "core/vocabulary.hpp"

namespace caunoi {

std::optional<size_t> IndexOf(Vocabulary v, std::string_view key) {
    for (size_t i = 0; i < v.size(); ++i)
        if (v[i].key == key) return i;
    return std::nullopt;
}

bool Contains(Vocabulary v, std::string_view key) { return IndexOf(v, key).has_value(); }

const char* MsgidOf(Vocabulary v, std::string_view key, const char* fallback) {
    auto i = IndexOf(v, key);
    return i ? v[*i].msgid : fallback;
}

}  // namespace caunoi
