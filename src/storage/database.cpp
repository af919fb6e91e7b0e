#include "storage/database.hpp"

namespace caunoi::storage {

int64_t Row::Int(size_t i) const {
    const auto& v = cells.at(i);
    if (auto p = std::get_if<int64_t>(&v)) return *p;
    if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
    if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
    return 0;
}

double Row::Real(size_t i) const {
    const auto& v = cells.at(i);
    if (auto p = std::get_if<double>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
    if (auto p = std::get_if<std::string>(&v)) return std::stod(*p);
    return 0;
}

std::string Row::Text(size_t i) const {
    const auto& v = cells.at(i);
    if (auto p = std::get_if<std::string>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
    if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
    return {};
}

std::optional<std::string> Row::OptText(size_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Text(i);
}

Result<Row> Database::QueryOne(std::string_view sql, const Params& params) {
    CAUNOI_ASSIGN(auto rows, Query(sql, params));
    if (rows.empty()) return Error::NotFound();
    return std::move(rows.front());
}

Status Database::Exec(std::string_view sql, const Params& params) {
    CAUNOI_TRY(Query(sql, params));
    return {};
}

}  // namespace caunoi::storage
