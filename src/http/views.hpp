// Server-rendered pages: Mustache templates (embedded at build time) inside one layout.
// Every user-facing string goes through {{#t}}msgid{{/t}} into the request's language.
// Thread-safety: immutable after construction.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"

namespace caunoi::http {

class App;
using Data = kainjow::mustache::data;

class Views {
  public:
    Views();
    // Renders `name` (web/templates/<name>.mustache) inside the layout. `title_id` is a msgid.
    Response Page(App& app, const Request& r, const std::string& name, Data d, const std::string& title_id,
                  int status = 200);
    // Renders `name` as a whole document of its own (no layout), e.g. a print view.
    Response Standalone(App& app, const Request& r, const std::string& name, Data d, const std::string& title_id);
    Response Error(App& app, const Request& r, int status, const caunoi::Error& e);

  private:
    std::string Render(App& app, const Request& r, const std::string& name, Data& d, const std::string& title_id);
    std::map<std::string, std::string> templates_;  // source text, also served as partials
    // Parsed once at start (a broken template stops the program there, not on a request).
    std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed_;
    std::vector<std::string> partials_;  // names used as {{> tpl_NAME}} somewhere
};

// Helpers for building template data.
// Text for a template: an empty string becomes `false`, because Mustache (as kainjow implements
// it) treats every string, even "", as true in {{#section}}s; as a variable `false` prints nothing.
Data Str(const std::string& s);
Data List();
Data Obj(std::initializer_list<std::pair<const std::string, std::string>> kv);

}  // namespace caunoi::http
