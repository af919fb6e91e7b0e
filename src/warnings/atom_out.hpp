// The public Atom feed of warnings (issue 17, item 3): one entry per warning in force, linking to
// its CAP document, as public alert hubs publish them. Text is escaped by the XML writer, never
// pasted as markup. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace caunoi::warnings {

struct FeedEntry {
    std::string id;  // ours
    std::string title, summary, author;
    int64_t updated = 0;
};

// `base`: "https://caunoi.example.vn"; entries link to <base>/api/v1/alerts/<id>.cap.
std::string WriteAtom(const std::string& base, const std::string& title, const std::vector<FeedEntry>& entries,
                      int64_t updated);

}  // namespace caunoi::warnings
