// CSV import of households and residents (RegistryService::ImportCsv).
#include <map>
#include <vector>

#include "registry/csv.hpp"
#include "registry/registry.hpp"

namespace caunoi::registry {

Result<RegistryService::ImportReport> RegistryService::ImportCsv(const Actor& a, const std::string& csv) {
    static const std::vector<std::string> kHeader = {
        "village_id", "household", "address",    "full_name", "birth_year",
        "sex",        "phone",     "phone_kind", "language",  "consent_purposes"};
    CAUNOI_ASSIGN(auto rows, ParseCsv(csv));
    // An 11th column, `broadband` (none | mobile | fibre | empty), is optional: files made before
    // it import as they did.
    auto with_broadband = kHeader;
    with_broadband.push_back("broadband");
    if (rows.empty() || (rows[0] != kHeader && rows[0] != with_broadband)) {
        std::string want;
        for (const auto& h : kHeader) want += (want.empty() ? "" : ",") + h;
        return Error::Invalid("header", "the first line must be: " + want + "[,broadband]", N_("Malformed CSV file"));
    }
    const size_t columns = rows[0].size();
    ImportReport report;
    // All-or-nothing: the first bad row rolls back everything and is named in the error.
    Status st = tx_.Atomically([&]() -> Status {
        std::map<std::pair<std::string, std::string>, Household> households;  // by (village, name)
        std::vector<std::string> created;
        // Each household's search document is written once at the end, not again for every
        // resident added (the same words: residents of households made by this import only).
        CAUNOI_TRY(repo_.DeferSearch());
        repo_.DeferChanges();  // and their change-log entries, one clock tick for all
        for (size_t i = 1; i < rows.size(); ++i) {
            const auto& row = rows[i];
            auto fail = [&](const Error& e) {
                Error out = e;
                out.detail = "row " + std::to_string(i + 1) + ": " + (e.field.empty() ? "" : e.field + ": ") + e.detail;
                return out;
            };
            if (row.size() != columns)
                return fail(Error::Invalid(
                    "", "expected " + std::to_string(columns) + " fields, found " + std::to_string(row.size()),
                    N_("Malformed CSV file")));
            auto key = std::make_pair(row[0], row[1]);
            auto it = households.find(key);
            if (it == households.end()) {
                Fields hf({{"village_id", row[0]},
                           {"name", row[1]},
                           {"address", row[2]},
                           {"consent", "1"},
                           {"consent_purposes", row[9]}});
                if (columns > kHeader.size() && !row[10].empty()) hf.Set("broadband", row[10]);
                auto h = CreateHousehold(a, hf);
                if (!h.ok()) return fail(h.error());
                it = households.emplace(key, *h).first;
                created.push_back(h->id);
                ++report.households;
            }
            // The household is the one this import made (or found made) above: not read again.
            Fields f({{"household_id", it->second.id}, {"consent", "1"}, {"consent_purposes", row[9]}});
            for (size_t c = 3; c <= 8; ++c)
                if (!row[c].empty()) f.Set(kHeader[c], row[c]);
            auto consent = ReadConsent(a, f, true);
            if (!consent.ok()) return fail(consent.error());
            auto r = CreateResidentIn(a, it->second, *consent, f);
            if (!r.ok()) return fail(r.error());
            ++report.residents;
        }
        CAUNOI_TRY(repo_.WriteChanges());
        return repo_.WriteSearch(created);
    });
    if (!st.ok()) {
        repo_.DropChanges();
        return st.error();
    }
    return report;
}

}  // namespace caunoi::registry
