#include "reports/table.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace caunoi::reports {

namespace {

// A text a spreadsheet would take for a formula gets a leading apostrophe.
std::string Inert(const std::string& s) {
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) return "'" + s;
    return s;
}

std::string CsvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string NumberText(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

}  // namespace

std::string ToCsv(const Table& t) {
    std::string out = "\xEF\xBB\xBF";
    for (size_t i = 0; i < t.header.size(); ++i) out += (i ? "," : "") + CsvField(t.header[i]);
    out += "\r\n";
    for (const auto& row : t.rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            if (i) out += ",";
            if (const auto* s = std::get_if<std::string>(&row[i]))
                out += CsvField(Inert(*s));
            else
                out += NumberText(std::get<double>(row[i]));
        }
        out += "\r\n";
    }
    return out;
}

Result<std::string> ToXlsx(const Table& t) {
    const char* dir = std::getenv("TMPDIR");
    // mkstemp replaces the trailing XXXXXX with a unique name and creates the file (mode 0600).
    std::string path = std::string(dir && *dir ? dir : "/tmp") + "/caunoi-xlsx-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0) return Error::Internal("xlsx: no temporary file");
    ::close(fd);
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) {
        ::unlink(path.c_str());
        return Error::Internal("xlsx: workbook_new failed");
    }
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.title.substr(0, 31).c_str());
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (size_t c = 0; c < t.header.size(); ++c)
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
    for (size_t r = 0; r < t.rows.size(); ++r)
        for (size_t c = 0; c < t.rows[r].size(); ++c) {
            const auto row = static_cast<lxw_row_t>(r + 1);
            const auto col = static_cast<lxw_col_t>(c);
            if (const auto* s = std::get_if<std::string>(&t.rows[r][c]))
                worksheet_write_string(ws, row, col, s->c_str(), nullptr);
            else
                worksheet_write_number(ws, row, col, std::get<double>(t.rows[r][c]), nullptr);
        }
    const lxw_error err = workbook_close(wb);
    std::string bytes;
    if (err == LXW_NO_ERROR) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        bytes = ss.str();
    }
    ::unlink(path.c_str());
    if (err != LXW_NO_ERROR || bytes.empty()) return Error::Internal(std::string("xlsx: ") + lxw_strerror(err));
    return bytes;
}

}  // namespace caunoi::reports
