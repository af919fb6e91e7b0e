// A table of figures as the files analysts open: CSV (UTF-8 with a byte-order mark, so
// spreadsheet programs read Vietnamese right; RFC 4180 quoting) and XLSX (libxlsxwriter).
// Cells are text or numbers; a text cell starting with = + - @ is written so no spreadsheet runs it
// as a formula (CSV injection). Pure functions but the XLSX temporary file; thread-safe.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace caunoi::reports {

using Cell = std::variant<std::string, double>;

struct Table {
    std::string title;  // the XLSX sheet's name (at most 31 characters are kept)
    std::vector<std::string> header;
    std::vector<std::vector<Cell>> rows;
};

std::string ToCsv(const Table& t);
// The workbook's bytes. Writes a temporary file under $TMPDIR (or /tmp) and removes it.
Result<std::string> ToXlsx(const Table& t);

}  // namespace caunoi::reports
