#include "warnings/atom_out.hpp"

#include <pugixml.hpp>
#include <sstream>

#include "warnings/cap.hpp"

namespace caunoi::warnings {

namespace {
void Text(pugi::xml_node parent, const char* name, const std::string& value) {
    parent.append_child(name).text().set(value.c_str());
}
void Link(pugi::xml_node parent, const char* rel, const char* type, const std::string& href) {
    auto l = parent.append_child("link");
    l.append_attribute("rel") = rel;
    if (*type) l.append_attribute("type") = type;
    l.append_attribute("href") = href.c_str();
}
}  // namespace

std::string WriteAtom(const std::string& base, const std::string& title, const std::vector<FeedEntry>& entries,
                      int64_t updated) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto feed = doc.append_child("feed");
    feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
    Text(feed, "id", base + "/alerts.atom");
    Text(feed, "title", title);
    Text(feed, "updated", FormatCapTime(updated));
    Link(feed, "self", "application/atom+xml", base + "/alerts.atom");
    Link(feed, "alternate", "text/html", base + "/alerts");
    for (const auto& e : entries) {
        auto entry = feed.append_child("entry");
        const std::string cap = base + "/api/v1/alerts/" + e.id + ".cap";
        Text(entry, "id", cap);
        Text(entry, "title", e.title);
        Text(entry, "updated", FormatCapTime(e.updated));
        Text(entry.append_child("author"), "name", e.author);
        Text(entry, "summary", e.summary);
        Link(entry, "alternate", "application/cap+xml", cap);
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace caunoi::warnings
