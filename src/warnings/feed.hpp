// Feeds of CAP alerts (docs/warnings.md, "Polling a CAP feed"): an Atom or RSS 2.0 document read
// into the addresses of the CAP documents it lists, and a poller that fetches the feed, then each
// item it has not taken yet, and hands every CAP document to the import (AlertService::Import in
// production). Fetching is behind `Fetcher`, declared here: http/feed_fetcher.hpp speaks HTTP, tests
// pass a fake. ParseFeed and ResolveUrl are pure and thread-safe; a FeedPoller is used by one thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caunoi::warnings {

inline constexpr size_t kMaxFeedBytes = 2 * 1024 * 1024;
// Entries read from one feed: a hub lists the last hours or days, far fewer. Bounds the work of a
// poll and the poller's memory.
inline constexpr size_t kMaxFeedItems = 500;

struct FeedItem {
    std::string url;      // absolute http(s), resolved against the feed's own address
    std::string id;       // Atom id or RSS guid; "" when not given
    std::string updated;  // Atom updated (else published) or RSS pubDate, as written; "" when not given
};
struct Feed {
    std::vector<FeedItem> items;       // in document order
    std::vector<std::string> skipped;  // an entry left out and why: "feed/entry[3]/link: not an http(s) address: ..."
};

// The CAP items of the Atom or RSS 2.0 document `xml`, read from `feed_url` (relative links are read
// against it). An Atom entry's link is the one typed application/cap+xml, else its alternate link; an
// RSS item's is an enclosure typed application/cap+xml, else its link, else its enclosure. An entry
// without a usable link is skipped, not fatal. Refused (Invalid, naming the element): an HTML page,
// any other document, and what LoadXml refuses (a DTD, more than kMaxFeedBytes, bad UTF-8).
Result<Feed> ParseFeed(std::string_view xml, const std::string& feed_url);

// `ref` as an absolute http(s) address, read relative to `base` (RFC 3986, 5.2), without its
// fragment; "" when it is not one: another scheme (javascript:, ftp:, file:), no host, spaces,
// control or non-ASCII characters.
std::string ResolveUrl(const std::string& base, const std::string& ref);

struct Fetched {
    std::string url;  // where the body came from, after redirects
    std::string body;
};

// An HTTP GET as the poller sees it.
class Fetcher {
  public:
    virtual ~Fetcher() = default;
    // The body at `url`, redirects followed, at most `max_bytes`. An error says why in its detail:
    // unreachable, timed out, an HTTP error status, too many redirects or a loop, too large, an
    // HTML page.
    virtual Result<Fetched> Get(const std::string& url, size_t max_bytes) = 0;
};

struct FeedPollOptions {
    std::string url;
    int64_t interval_seconds = 120;
    int64_t max_wait_seconds = 1800;  // the back-off after failed polls stops growing here
    int item_attempts = 3;            // tries of an item that cannot be fetched or is refused
};

struct PollSummary {
    int listed = 0;    // items in the feed
    int imported = 0;  // handed to the import, which took them (or had them already)
    int refused = 0;   // handed to the import, refused
    int failed = 0;    // not fetched
};

class FeedPoller {
  public:
    // `import` takes one CAP document; its refusal is logged with the element it names.
    using Import = std::function<Status(const std::string& xml)>;
    FeedPoller(Fetcher& fetcher, FeedPollOptions options, Import import)
        : fetcher_(fetcher), options_(std::move(options)), import_(std::move(import)) {}

    // Fetches the feed, then each item not taken yet, oldest first (hubs list the newest first, so
    // the feed is walked from its end: an Update comes after the alert it updates). An item taken
    // (imported, or already there) is not fetched again while the feed lists it unchanged (same
    // address, id and updated); one that failed is tried at the next polls, item_attempts times in
    // all, so one bad item stops nothing else and is not fetched forever. Only the items of the
    // latest feed are remembered. An error when the feed itself could not be fetched or read.
    Result<PollSummary> PollOnce();

    // Seconds before the next poll: the interval after a good poll; after k failed polls in a row,
    // interval × 2^k, at most max_wait_seconds.
    int64_t NextWait() const;

    // PollOnce, logging what happened, then sleep(NextWait()), until `stop` is set (a poll then
    // fetches no further item). `sleep` should return early once `stop` is set (production waits in
    // short steps; tests record the waits).
    void Run(const std::atomic<bool>& stop, const std::function<void(int64_t seconds)>& sleep);

  private:
    Fetcher& fetcher_;
    FeedPollOptions options_;
    Import import_;
    int failed_polls_ = 0;
    // The items of the latest feed, by address, id and updated: failed tries, or kTaken.
    std::map<std::string, int> tries_;
    std::set<std::string> skipped_;            // the entries of the latest feed left out (logged once)
    const std::atomic<bool>* stop_ = nullptr;  // Run's: no further item is fetched once it is set
};

}  // namespace caunoi::warnings
