// Reading XML from outside (CAP alerts, the feeds that list them) with pugixml: the checks every
// document passes before it is parsed, and elements read by their local name whatever their prefix.
// Pure; thread-safe.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caunoi::warnings {

// Parses `xml` into `doc` unless it is hostile or broken: more than `max_bytes`, a DTD (where entity
// bombs and external entities live; nothing of ours needs one, so no entity is ever expanded and
// nothing external read), not valid UTF-8, not well-formed. Invalid naming `where`, with `title_id`.
Status LoadXml(pugi::xml_document& doc, std::string_view xml, size_t max_bytes, const std::string& where,
               const std::string& title_id);

// An element's name without its prefix ("cap:info" -> "info").
std::string_view LocalName(const pugi::xml_node& n);
// The namespace URI an element's prefix (or the default namespace) is bound to, from it or its ancestors.
std::string NamespaceOf(const pugi::xml_node& n);
// The child elements named `local`, in document order.
std::vector<pugi::xml_node> ChildElements(const pugi::xml_node& n, std::string_view local);

}  // namespace caunoi::warnings
