#include "warnings/xml.hpp"

#include "core/text.hpp"

namespace caunoi::warnings {

Status LoadXml(pugi::xml_document& doc, std::string_view xml, size_t max_bytes, const std::string& where,
               const std::string& title_id) {
    if (xml.size() > max_bytes)
        return Error::Invalid(where, "larger than " + std::to_string(max_bytes / 1024) + " KiB", title_id);
    for (const char* refused : {"<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity"})
        if (xml.find(refused) != std::string_view::npos)
            return Error::Invalid(where, "a DTD is not accepted", title_id);
    if (!text::IsValidUtf8(xml)) return Error::Invalid(where, "not valid UTF-8 text", title_id);
    auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) return Error::Invalid(where, std::string("not well-formed XML: ") + parsed.description(), title_id);
    return {};
}

std::string_view LocalName(const pugi::xml_node& n) {
    std::string_view name = n.name();
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string NamespaceOf(const pugi::xml_node& n) {
    std::string_view name = n.name();
    auto colon = name.find(':');
    const std::string attr = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    for (pugi::xml_node p = n; p; p = p.parent())
        if (auto a = p.attribute(attr.c_str())) return a.value();
    return "";
}

std::vector<pugi::xml_node> ChildElements(const pugi::xml_node& n, std::string_view local) {
    std::vector<pugi::xml_node> out;
    for (auto c : n.children())
        if (c.type() == pugi::node_element && LocalName(c) == local) out.push_back(c);
    return out;
}

}  // namespace caunoi::warnings
