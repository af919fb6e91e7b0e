#include "warnings/feed.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/log.hpp"
#include "core/text.hpp"
#include "warnings/cap.hpp"
#include "warnings/xml.hpp"

namespace caunoi::warnings {

namespace {

constexpr const char* kNotAFeed = N_("This is not a feed of CAP alerts");
constexpr int kTaken = -1;

Error Bad(const std::string& where, const std::string& why) { return Error::Invalid(where, why, kNotAFeed); }

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "application/cap+xml; charset=utf-8" -> "application/cap+xml".
bool IsCapType(std::string_view type) {
    return Lower(text::Trim(type.substr(0, type.find(';')))) == "application/cap+xml";
}

// An HTML page, as a hub's error or login page is: said as such rather than as a broken feed.
bool LooksLikeHtml(std::string_view xml) {
    const std::string head = Lower(xml.substr(0, 512));
    auto at = head.find('<');
    return at != std::string::npos &&
           (head.compare(at, 14, "<!doctype html") == 0 || head.compare(at, 5, "<html") == 0);
}

std::string TextOf(const pugi::xml_node& n) { return text::Trim(n.text().get()); }

// The trimmed text of the first child `local`, "" when there is none.
std::string FirstText(const pugi::xml_node& n, std::string_view local) {
    auto c = ChildElements(n, local);
    return c.empty() ? std::string() : TextOf(c.front());
}

std::string Cut(std::string_view s) { return s.size() > 100 ? std::string(s.substr(0, 100)) + "..." : std::string(s); }

// The item at `href` (read from the element `link` of the entry `where`), or why it is skipped.
void AddItem(Feed& feed, const std::string& where, const std::string& link, const std::string& href,
             const std::string& feed_url, FeedItem item) {
    if (href.empty()) {
        feed.skipped.push_back(where + ": no link to a CAP document");
        return;
    }
    item.url = ResolveUrl(feed_url, href);
    if (item.url.empty()) {
        feed.skipped.push_back(where + "/" + link + ": not an http(s) address: " + Cut(href));
        return;
    }
    feed.items.push_back(std::move(item));
}

void ReadAtom(const pugi::xml_node& root, const std::string& feed_url, Feed& feed) {
    int k = 0;
    for (auto entry : ChildElements(root, "entry")) {
        const std::string where = "feed/entry[" + std::to_string(++k) + "]";
        pugi::xml_node chosen;
        for (auto link : ChildElements(entry, "link")) {
            if (IsCapType(link.attribute("type").value())) {
                chosen = link;
                break;
            }
            const std::string rel = link.attribute("rel") ? link.attribute("rel").value() : "alternate";
            if (!chosen && rel == "alternate") chosen = link;
        }
        std::string updated = FirstText(entry, "updated");
        if (updated.empty()) updated = FirstText(entry, "published");
        AddItem(feed, where, "link", text::Trim(chosen.attribute("href").value()), feed_url,
                {.url = {}, .id = FirstText(entry, "id"), .updated = std::move(updated)});
    }
}

void ReadRss(const pugi::xml_node& channel, const std::string& feed_url, Feed& feed) {
    int k = 0;
    for (auto item : ChildElements(channel, "item")) {
        const std::string where = "rss/channel/item[" + std::to_string(++k) + "]";
        auto enclosures = ChildElements(item, "enclosure");
        auto cap = std::find_if(enclosures.begin(), enclosures.end(),
                                [](const pugi::xml_node& e) { return IsCapType(e.attribute("type").value()); });
        std::string href, link = "enclosure";
        if (cap != enclosures.end()) {
            href = cap->attribute("url").value();
        } else if (href = FirstText(item, "link"); !href.empty()) {
            link = "link";
        } else if (!enclosures.empty()) {
            href = enclosures.front().attribute("url").value();
        }
        AddItem(feed, where, link, text::Trim(href), feed_url,
                {.url = {}, .id = FirstText(item, "guid"), .updated = FirstText(item, "pubDate")});
    }
}

bool IsHttpScheme(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

// "/a/./b/../c" -> "/a/c" (RFC 3986, 5.2.4), for a path that starts with "/".
std::string RemoveDotSegments(std::string_view path) {
    std::vector<std::string_view> segs;
    bool open_end = false;  // the last segment was "." or "..": the result ends with "/"
    size_t from = 1;
    while (true) {
        const size_t slash = path.find('/', from);
        const std::string_view seg =
            path.substr(from, slash == std::string_view::npos ? std::string_view::npos : slash - from);
        open_end = seg == "." || seg == "..";
        if (seg == "..") {
            if (!segs.empty()) segs.pop_back();
        } else if (seg != ".") {
            segs.push_back(seg);
        }
        if (slash == std::string_view::npos) break;
        from = slash + 1;
    }
    std::string out;
    for (auto s : segs) out += "/" + std::string(s);
    if (out.empty() || open_end) out += "/";
    return out;
}

// Splits "scheme://authority/path?query" (no fragment); false unless http(s) with a host.
bool SplitAbsolute(std::string_view url, std::string& scheme, std::string& authority, std::string& rest) {
    const auto colon = url.find("://");
    if (colon == std::string_view::npos) return false;
    scheme = Lower(url.substr(0, colon));
    const auto start = colon + 3;
    const auto end = url.find_first_of("/?", start);
    authority = std::string(url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    rest = end == std::string_view::npos ? "/" : std::string(url.substr(end));
    if (rest.front() == '?') rest = "/" + rest;
    return IsHttpScheme(scheme) && !authority.empty();
}

// The path of "path?query" with its dot segments removed, the query kept.
std::string Normal(std::string_view path_query) {
    const auto q = path_query.find('?');
    return RemoveDotSegments(path_query.substr(0, q)) +
           (q == std::string_view::npos ? std::string() : std::string(path_query.substr(q)));
}

}  // namespace

std::string ResolveUrl(const std::string& base, const std::string& ref_in) {
    std::string ref = text::Trim(ref_in);
    ref = ref.substr(0, ref.find('#'));
    for (unsigned char c : ref)
        if (c <= 0x20 || c >= 0x7f) return "";
    std::string scheme, authority, rest;
    // A scheme: letters, digits, "+", "-", "." before the first ":" (RFC 3986, 3.1).
    const auto colon = ref.find(':');
    const bool has_scheme =
        colon != std::string::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(ref[0])) &&
        ref.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.") == colon;
    if (has_scheme) {
        if (!SplitAbsolute(ref, scheme, authority, rest)) return "";
        return scheme + "://" + authority + Normal(rest);
    }
    std::string base_no_fragment = base.substr(0, base.find('#'));
    if (!SplitAbsolute(base_no_fragment, scheme, authority, rest)) return "";
    if (ref.rfind("//", 0) == 0) return ResolveUrl(base, scheme + ":" + ref);
    const std::string origin = scheme + "://" + authority;
    if (ref.empty()) return origin + rest;
    if (ref.front() == '/') return origin + Normal(ref);
    const std::string base_path = rest.substr(0, rest.find('?'));
    if (ref.front() == '?') return origin + base_path + ref;
    return origin + Normal(base_path.substr(0, base_path.rfind('/') + 1) + ref);
}

Result<Feed> ParseFeed(std::string_view xml, const std::string& feed_url) {
    if (LooksLikeHtml(xml)) return Bad("feed", "an HTML page, not a feed");
    pugi::xml_document doc;
    CAUNOI_TRY(LoadXml(doc, xml, kMaxFeedBytes, "feed", kNotAFeed));
    pugi::xml_node root = doc.document_element();
    Feed feed;
    const std::string_view name = LocalName(root);
    if (name == "feed") {
        ReadAtom(root, feed_url, feed);
    } else if (name == "rss") {
        auto channels = ChildElements(root, "channel");
        if (channels.size() != 1) return Bad("rss/channel", "an RSS feed has one channel");
        ReadRss(channels.front(), feed_url, feed);
    } else if (Lower(name) == "html") {
        return Bad("feed", "an HTML page, not a feed");
    } else {
        return Bad("feed", "not an Atom or RSS 2.0 feed: the document is <" + Cut(root.name()) + ">");
    }
    if (feed.items.size() > kMaxFeedItems) {
        feed.skipped.push_back("feed: " + std::to_string(feed.items.size() - kMaxFeedItems) + " items past the first " +
                               std::to_string(kMaxFeedItems) + " left out");
        feed.items.resize(kMaxFeedItems);
    }
    return feed;
}

Result<PollSummary> FeedPoller::PollOnce() {
    auto fetched = fetcher_.Get(options_.url, kMaxFeedBytes);
    Result<Feed> feed = fetched.ok() ? ParseFeed(fetched->body, fetched->url) : Result<Feed>(fetched.error());
    if (!feed.ok()) {
        ++failed_polls_;
        return feed.error();
    }
    failed_polls_ = 0;
    // Said once, not at every poll while the hub keeps listing it.
    std::set<std::string> skipped(feed->skipped.begin(), feed->skipped.end());
    for (const auto& s : skipped)
        if (!skipped_.count(s)) log::Info("alert feed " + options_.url + ": skipped " + s);
    skipped_ = std::move(skipped);
    PollSummary sum;
    sum.listed = static_cast<int>(feed->items.size());
    std::map<std::string, int> tries;  // becomes tries_: the items of this feed only
    for (auto it = feed->items.rbegin(); it != feed->items.rend(); ++it) {
        const std::string key = it->url + '\n' + it->id + '\n' + it->updated;
        if (tries.count(key)) continue;  // listed twice
        auto before = tries_.find(key);
        int& t = tries[key] = before == tries_.end() ? 0 : before->second;
        if (t == kTaken || t >= options_.item_attempts || (stop_ && *stop_)) continue;
        auto cap = fetcher_.Get(it->url, kMaxCapBytes);
        Status imported = cap.ok() ? import_(cap->body) : Status(cap.error());
        if (imported.ok()) {
            t = kTaken;
            ++sum.imported;
            continue;
        }
        ++t;
        ++(cap.ok() ? sum.refused : sum.failed);
        const Error& e = imported.error();
        log::Error("alert feed " + options_.url + ": item " + it->url + (cap.ok() ? " refused: " : " not fetched: ") +
                   (e.field.empty() || !cap.ok() ? "" : e.field + ": ") + e.detail +
                   (t >= options_.item_attempts ? " (given up after " + std::to_string(t) + " tries)" : ""));
    }
    tries_ = std::move(tries);
    return sum;
}

int64_t FeedPoller::NextWait() const {
    int64_t wait = options_.interval_seconds;
    for (int k = 0; k < failed_polls_ && wait < options_.max_wait_seconds; ++k) wait *= 2;
    return std::min(wait, options_.max_wait_seconds);
}

void FeedPoller::Run(const std::atomic<bool>& stop, const std::function<void(int64_t)>& sleep) {
    stop_ = &stop;
    while (!stop) {
        auto sum = PollOnce();
        if (!sum.ok()) {
            const Error& e = sum.error();
            log::Error("alert feed " + options_.url + ": " + (e.field.empty() ? "" : e.field + ": ") + e.detail +
                       "; next try in " + std::to_string(NextWait()) + " s");
        } else if (sum->imported + sum->refused + sum->failed > 0) {
            log::Info("alert feed " + options_.url + ": " + std::to_string(sum->listed) + " listed, " +
                      std::to_string(sum->imported) + " imported, " + std::to_string(sum->refused) + " refused, " +
                      std::to_string(sum->failed) + " not fetched");
        }
        if (!stop) sleep(NextWait());
    }
}

}  // namespace caunoi::warnings
