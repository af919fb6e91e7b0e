// Fields: the untyped input of a create/update (from an HTML form or a flat JSON object),
// read and validated by domain services, which name the offending field in errors.
// Thread-safety: plain value.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/vocabulary.hpp"

namespace caunoi {

class Fields {
  public:
    Fields() = default;
    explicit Fields(std::map<std::string, std::string> m) : m_(std::move(m)) {}
    void Set(std::string k, std::string v) { m_[std::move(k)] = std::move(v); }
    bool Has(std::string_view k) const { return m_.count(std::string(k)) > 0; }
    const std::map<std::string, std::string>& all() const { return m_; }
    std::map<std::string, std::string> Release() && { return std::move(m_); }

    // Every key must be in `allowed`; otherwise an Invalid error naming the first unknown one.
    Status OnlyKnown(const std::set<std::string_view>& allowed) const;
    // Trimmed, valid UTF-8, single-line text of 1..max code points (or absent when !required).
    Result<std::optional<std::string>> Text(std::string_view k, size_t max, bool required) const;
    // A password: taken exactly as typed (never trimmed), valid UTF-8, at most `max_bytes`.
    Result<std::optional<std::string>> Secret(std::string_view k, size_t max_bytes, bool required) const;
    Result<std::optional<int64_t>> Int(std::string_view k, int64_t lo, int64_t hi) const;
    Result<std::optional<double>> Real(std::string_view k, double lo, double hi) const;
    Result<std::optional<bool>> Bool(std::string_view k) const;
    // One of `choices`; returns the index.
    Result<std::optional<int>> Choice(std::string_view k, std::initializer_list<std::string_view> choices) const;
    // One of the vocabulary's keys; returns its index.
    Result<std::optional<int>> Choice(std::string_view k, Vocabulary choices) const;

  private:
    std::map<std::string, std::string> m_;
};

}  // namespace caunoi
