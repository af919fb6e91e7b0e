// Closed vocabularies: a fixed list of values stored and exchanged by key ("home_visit"), shown
// to people by message id (translated through i18n), with an optional icon. Each vocabulary is
// one table in its domain header; adding a value is one line there (and its translations).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace caunoi {

struct Term {
    std::string_view key;     // as stored, in forms and in the API
    const char* msgid;        // what a person reads (N_(...), translated by the caller)
    std::string_view icon{};  // an emoji where the UI shows one
};

using Vocabulary = std::span<const Term>;

// Position of `key` in `v`, or nullopt.
std::optional<size_t> IndexOf(Vocabulary v, std::string_view key);
bool Contains(Vocabulary v, std::string_view key);
// The message id of `key`; a key not in the table (never stored by us) reads as `fallback`.
const char* MsgidOf(Vocabulary v, std::string_view key, const char* fallback = "-");

// A closed vocabulary that is also a C++ enum (statuses): enumerators in table order.
template <typename E>
struct EnumVocabulary {
    Vocabulary terms;
    std::string_view Name(E e) const { return terms[static_cast<size_t>(e)].key; }
    const char* Msgid(E e) const { return terms[static_cast<size_t>(e)].msgid; }
    std::optional<E> Parse(std::string_view key) const {
        auto i = IndexOf(terms, key);
        if (!i) return std::nullopt;
        return static_cast<E>(*i);
    }
};

}  // namespace caunoi
