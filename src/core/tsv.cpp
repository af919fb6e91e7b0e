#include "core/tsv.hpp"

namespace caunoi {

Status ForEachTsvRow(std::string_view tsv, size_t columns, const std::string& what,
                     const std::function<Status(const std::vector<std::string_view>& cells, int line)>& row) {
    bool header = true;
    int line_no = 0;
    size_t pos = 0;
    while (pos < tsv.size()) {
        size_t end = tsv.find('\n', pos);
        if (end == std::string_view::npos) end = tsv.size();
        std::string_view line = tsv.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string_view> cells;
        size_t start = 0;
        for (size_t i = 0; i <= line.size(); ++i)
            if (i == line.size() || line[i] == '\t') {
                cells.push_back(line.substr(start, i - start));
                start = i + 1;
            }
        if (cells.size() != columns)
            return Error::Invalid(what, what + ": line " + std::to_string(line_no) + ": expected " +
                                            std::to_string(columns) + " tab-separated columns");
        auto st = row(cells, line_no);
        if (!st.ok()) {
            Error e = st.error();
            e.detail = what + ": line " + std::to_string(line_no) + ": " + e.detail;
            return e;
        }
    }
    return {};
}

}  // namespace caunoi
