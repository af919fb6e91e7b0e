// Feeds of CAP alerts: Atom and RSS 2.0 read into the addresses of their CAP documents (relative
// links resolved, other schemes skipped, HTML pages and hostile documents refused), and the poller
// over a fake fetcher: each item taken once, one bad item stopping nothing, the back-off doubling
// to its maximum and starting again after a good poll.
#include "warnings/feed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "warnings/test_parts.hpp"

namespace caunoi::warnings {
namespace {

const std::string kFeedUrl = "http://hub.example.vn/cap/feed.atom";

std::string Atom(const std::string& entries) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:example:hub</id><title>Cảnh báo</title><updated>2026-06-12T14:35:00+07:00</updated>
)" + entries +
           "</feed>\n";
}

std::string Entry(const std::string& id, const std::string& links, const std::string& updated = "") {
    return "<entry><id>" + id + "</id><title>t</title>" +
           (updated.empty() ? "" : "<updated>" + updated + "</updated>") + links + "</entry>\n";
}

std::vector<std::string> Urls(const Feed& f) {
    std::vector<std::string> out;
    for (const auto& i : f.items) out.push_back(i.url);
    return out;
}

TEST(FeedParse, AtomEntriesGiveTheirCapLinkWithIdAndUpdated) {
    auto f = ParseFeed(Atom(Entry("urn:a:1",
                                  R"(<link rel="alternate" type="text/html" href="http://hub.example.vn/a/1.html"/>
                                     <link rel="related" type="application/cap+xml; charset=utf-8" href="http://hub.example.vn/a/1.xml"/>)",
                                  "2026-06-12T14:30:00+07:00") +
                            Entry("urn:a:2", R"(<link href="http://hub.example.vn/a/2.xml"/>)")),
                       kFeedUrl);
    ASSERT_TRUE(f.ok()) << f.error().field << ": " << f.error().detail;
    EXPECT_EQ(Urls(*f), (std::vector<std::string>{"http://hub.example.vn/a/1.xml", "http://hub.example.vn/a/2.xml"}))
        << "the CAP-typed link first, else the alternate one (rel absent means alternate)";
    EXPECT_EQ(f->items[0].id, "urn:a:1");
    EXPECT_EQ(f->items[0].updated, "2026-06-12T14:30:00+07:00");
    EXPECT_EQ(f->items[1].updated, "");
    EXPECT_TRUE(f->skipped.empty());
}

TEST(FeedParse, AtomWithAPrefixIsReadByLocalNames) {
    auto f = ParseFeed(R"(<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><a:id>x</a:id>
        <a:link type="application/cap+xml" href="https://hub.example.vn/x.xml"/></a:entry></a:feed>)",
                       kFeedUrl);
    ASSERT_TRUE(f.ok()) << f.error().detail;
    EXPECT_EQ(Urls(*f), (std::vector<std::string>{"https://hub.example.vn/x.xml"}));
}

TEST(FeedParse, RssItemsGiveACapEnclosureElseTheirLinkElseAnyEnclosure) {
    auto f = ParseFeed(R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Hub</title><link>http://hub.example.vn/</link><description>d</description>
  <item><title>1</title><link>http://hub.example.vn/page/1</link>
    <enclosure url="http://hub.example.vn/cap/1.xml" length="900" type="application/cap+xml"/>
    <guid>g1</guid><pubDate>Fri, 12 Jun 2026 07:30:00 GMT</pubDate></item>
  <item><title>2</title><link>http://hub.example.vn/cap/2.xml</link></item>
  <item><title>3</title><enclosure url="/cap/3.xml" length="900" type="text/xml"/></item>
  <item><title>4</title><description>no link at all</description></item>
</channel></rss>)",
                       "http://hub.example.vn/rss.xml");
    ASSERT_TRUE(f.ok()) << f.error().detail;
    EXPECT_EQ(Urls(*f), (std::vector<std::string>{"http://hub.example.vn/cap/1.xml", "http://hub.example.vn/cap/2.xml",
                                                  "http://hub.example.vn/cap/3.xml"}));
    EXPECT_EQ(f->items[0].id, "g1");
    EXPECT_EQ(f->items[0].updated, "Fri, 12 Jun 2026 07:30:00 GMT");
    ASSERT_EQ(f->skipped.size(), 1u);
    EXPECT_EQ(f->skipped[0], "rss/channel/item[4]: no link to a CAP document");
}

TEST(FeedParse, RelativeLinksAreReadAgainstTheFeedAddress) {
    auto f = ParseFeed(
        Atom(Entry("1", R"(<link href="items/1.xml"/>)") + Entry("2", R"(<link href="../2.xml?v=2#top"/>)") +
             Entry("3", R"(<link href="/root/3.xml"/>)") + Entry("4", R"(<link href="//mirror.example.vn/4.xml"/>)")),
        kFeedUrl);
    ASSERT_TRUE(f.ok()) << f.error().detail;
    EXPECT_EQ(Urls(*f),
              (std::vector<std::string>{"http://hub.example.vn/cap/items/1.xml", "http://hub.example.vn/2.xml?v=2",
                                        "http://hub.example.vn/root/3.xml", "http://mirror.example.vn/4.xml"}));
}

TEST(FeedParse, LinksThatAreNotHttpAreSkippedNamingTheEntry) {
    auto f = ParseFeed(Atom(Entry("1", R"x(<link href="javascript:alert(1)"/>)x") +
                            Entry("2", R"(<link href="file:///etc/passwd"/>)") +
                            Entry("3", R"(<link href="ftp://hub.example.vn/3.xml"/>)") +
                            Entry("4", R"(<link href="http://hub.example.vn/a b.xml"/>)") +
                            Entry("5", R"(<link rel="self" href="http://hub.example.vn/5.xml"/>)") +
                            Entry("6", R"(<link href="http://hub.example.vn/6.xml"/>)")),
                       kFeedUrl);
    ASSERT_TRUE(f.ok()) << f.error().detail;
    EXPECT_EQ(Urls(*f), (std::vector<std::string>{"http://hub.example.vn/6.xml"}));
    ASSERT_EQ(f->skipped.size(), 5u);
    EXPECT_EQ(f->skipped[0], "feed/entry[1]/link: not an http(s) address: javascript:alert(1)");
    EXPECT_EQ(f->skipped[4], "feed/entry[5]: no link to a CAP document") << "a self link is not the item";
}

TEST(FeedParse, AnHtmlPageIsRefusedAsNotAFeed) {
    for (const std::string page : {"<!DOCTYPE html>\n<html><head><title>Login</title></head><body>x</body></html>",
                                   "\n  <HTML><body><p>Service unavailable</p></body></HTML>",
                                   "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>"}) {
        auto f = ParseFeed(page, kFeedUrl);
        ASSERT_FALSE(f.ok()) << page;
        EXPECT_EQ(f.error().field, "feed");
        EXPECT_EQ(f.error().detail, "an HTML page, not a feed") << page;
        EXPECT_EQ(f.error().title_id, "This is not a feed of CAP alerts");
    }
}

TEST(FeedParse, ADtdIsRefusedBeforeParsing) {
    const std::string bomb = R"(<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>&b;</id><link href="http://x/1.xml"/></entry></feed>)";
    auto f = ParseFeed(bomb, kFeedUrl);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().detail, "a DTD is not accepted");
    auto ext = ParseFeed(R"(<!DOCTYPE rss SYSTEM "http://evil.example/x.dtd"><rss><channel/></rss>)", kFeedUrl);
    ASSERT_FALSE(ext.ok());
    EXPECT_EQ(ext.error().detail, "a DTD is not accepted");
}

TEST(FeedParse, GarbageAndOtherDocumentsAreRefused) {
    struct Case {
        std::string doc, detail;
    };
    for (const auto& c : std::vector<Case>{
             {"", "not well-formed XML: No document element found"},
             {"this is not xml", "not well-formed XML: No document element found"},
             {"<feed><entry>", "not well-formed XML: Start-end tags mismatch"},
             {"<feed>\xff\xfe</feed>", "not valid UTF-8 text"},
             {test_parts::CapFixture("thunderstorm.xml"), "not an Atom or RSS 2.0 feed: the document is <alert>"},
             {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>",
              "not an Atom or RSS 2.0 feed: the document is <rdf:RDF>"},
             {std::string(kMaxFeedBytes + 1, ' '), "larger than 2048 KiB"},
         }) {
        auto f = ParseFeed(c.doc, kFeedUrl);
        ASSERT_FALSE(f.ok()) << c.doc.substr(0, 40);
        EXPECT_EQ(f.error().detail.substr(0, c.detail.size()), c.detail) << f.error().detail;
    }
    auto two = ParseFeed("<rss><channel/><channel/></rss>", kFeedUrl);
    ASSERT_FALSE(two.ok());
    EXPECT_EQ(two.error().field, "rss/channel");
    auto empty = ParseFeed(Atom(""), kFeedUrl);
    ASSERT_TRUE(empty.ok()) << "a feed with nothing in it is a feed";
    EXPECT_TRUE(empty->items.empty());
}

TEST(FeedParse, AFeedIsReadUpToItsLimitOfItems) {
    std::string entries;
    for (size_t i = 0; i < kMaxFeedItems + 3; ++i)
        entries += Entry(std::to_string(i), "<link href=\"" + std::to_string(i) + ".xml\"/>");
    auto f = ParseFeed(Atom(entries), kFeedUrl);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f->items.size(), kMaxFeedItems);
    ASSERT_EQ(f->skipped.size(), 1u);
    EXPECT_EQ(f->skipped[0], "feed: 3 items past the first 500 left out");
}

TEST(ResolveUrl, FollowsRfc3986) {
    const std::string base = "http://a.example/b/c/d;p?q";
    // RFC 3986, 5.4.1 (those a feed would carry).
    EXPECT_EQ(ResolveUrl(base, "g"), "http://a.example/b/c/g");
    EXPECT_EQ(ResolveUrl(base, "./g"), "http://a.example/b/c/g");
    EXPECT_EQ(ResolveUrl(base, "g/"), "http://a.example/b/c/g/");
    EXPECT_EQ(ResolveUrl(base, "/g"), "http://a.example/g");
    EXPECT_EQ(ResolveUrl(base, "//g"), "http://g/");
    EXPECT_EQ(ResolveUrl(base, "?y"), "http://a.example/b/c/d;p?y");
    EXPECT_EQ(ResolveUrl(base, "g?y"), "http://a.example/b/c/g?y");
    EXPECT_EQ(ResolveUrl(base, "#s"), "http://a.example/b/c/d;p?q");
    EXPECT_EQ(ResolveUrl(base, ""), "http://a.example/b/c/d;p?q");
    EXPECT_EQ(ResolveUrl(base, "."), "http://a.example/b/c/");
    EXPECT_EQ(ResolveUrl(base, ".."), "http://a.example/b/");
    EXPECT_EQ(ResolveUrl(base, "../g"), "http://a.example/b/g");
    EXPECT_EQ(ResolveUrl(base, "../../../g"), "http://a.example/g");
    EXPECT_EQ(ResolveUrl(base, "HTTP://A.example:8080/x/../y"), "http://A.example:8080/y");
    EXPECT_EQ(ResolveUrl(base, "https://b.example"), "https://b.example/");
    // Not http(s), or nothing to read a relative address against.
    EXPECT_EQ(ResolveUrl(base, "mailto:x@a.example"), "");
    EXPECT_EQ(ResolveUrl(base, "http:///nohost"), "");
    EXPECT_EQ(ResolveUrl(base, "http://a.example/\x01"), "");
    EXPECT_EQ(ResolveUrl(base, "http://a.example/ph\xE1\xBB\x91"), "");
    EXPECT_EQ(ResolveUrl("file:///feeds/a.xml", "b.xml"), "");
    EXPECT_EQ(ResolveUrl("", "b.xml"), "");
}

// A fetcher answering from a table, counting what was asked.
class FakeFetcher final : public Fetcher {
  public:
    Result<Fetched> Get(const std::string& url, size_t max_bytes) override {
        asked.push_back(url);
        limits.push_back(max_bytes);
        auto it = answers.find(url);
        if (it == answers.end()) return Error{ErrorCode::kUnavailable, "", "HTTP 404 from " + url, {}};
        return it->second;
    }
    std::map<std::string, Result<Fetched>> answers;
    std::vector<std::string> asked;
    std::vector<size_t> limits;
};

class Poller : public ::testing::Test {
  protected:
    void Serve(const std::string& url, const std::string& body) {
        fetcher.answers.insert_or_assign(url, Fetched{url, body});
    }
    void Fail(const std::string& url, const std::string& why) {
        fetcher.answers.insert_or_assign(url, Error{ErrorCode::kUnavailable, "", why, {}});
    }
    int Asked(const std::string& url) {
        return static_cast<int>(std::count(fetcher.asked.begin(), fetcher.asked.end(), url));
    }
    // The import: takes any document but "bad", which it refuses as AlertService does.
    FeedPoller::Import Import() {
        return [this](const std::string& xml) -> Status {
            imported.push_back(xml);
            if (xml == "bad") return Error::Invalid("alert/info[1]/expires", "expired");
            return {};
        };
    }
    FakeFetcher fetcher;
    std::vector<std::string> imported;
};

TEST_F(Poller, ItemsAreTakenOnceOldestFirstAndOneBadItemStopsNothing) {
    FeedPoller poller(fetcher, {.url = kFeedUrl, .interval_seconds = 120, .max_wait_seconds = 1800, .item_attempts = 3},
                      Import());
    // Newest first, as hubs list them; 2 is refused, 3 cannot be fetched.
    Serve(kFeedUrl, Atom(Entry("4", R"(<link href="4.xml"/>)") + Entry("3", R"(<link href="3.xml"/>)") +
                         Entry("2", R"(<link href="2.xml"/>)") + Entry("1", R"(<link href="1.xml"/>)")));
    Serve("http://hub.example.vn/cap/1.xml", "one");
    Serve("http://hub.example.vn/cap/2.xml", "bad");
    Serve("http://hub.example.vn/cap/4.xml", "four");
    auto first = poller.PollOnce();
    ASSERT_TRUE(first.ok()) << first.error().detail;
    EXPECT_EQ(imported, (std::vector<std::string>{"one", "bad", "four"})) << "oldest first, past the bad ones";
    EXPECT_EQ(first->listed, 4);
    EXPECT_EQ(first->imported, 2);
    EXPECT_EQ(first->refused, 1);
    EXPECT_EQ(first->failed, 1);
    EXPECT_EQ(fetcher.limits[0], kMaxFeedBytes);
    EXPECT_EQ(fetcher.limits[1], kMaxCapBytes);
    EXPECT_EQ(poller.NextWait(), 120) << "items failing is not the feed failing";

    // Next polls: what was taken is not fetched again; what failed is tried again, three times in all.
    imported.clear();
    Serve("http://hub.example.vn/cap/3.xml", "three");
    ASSERT_TRUE(poller.PollOnce().ok());
    EXPECT_EQ(imported, (std::vector<std::string>{"bad", "three"}));
    ASSERT_TRUE(poller.PollOnce().ok());
    ASSERT_TRUE(poller.PollOnce().ok());
    EXPECT_EQ(Asked("http://hub.example.vn/cap/1.xml"), 1);
    EXPECT_EQ(Asked("http://hub.example.vn/cap/2.xml"), 3) << "given up after three tries";
    EXPECT_EQ(Asked("http://hub.example.vn/cap/3.xml"), 2);
    EXPECT_EQ(Asked("http://hub.example.vn/cap/4.xml"), 1);
    EXPECT_EQ(Asked(kFeedUrl), 4);
}

TEST_F(Poller, AnEntryUpdatedIsFetchedAgainAndOnlyTheLatestFeedIsRemembered) {
    FeedPoller poller(fetcher, {.url = kFeedUrl, .interval_seconds = 60, .max_wait_seconds = 600, .item_attempts = 3},
                      Import());
    const std::string one = "http://hub.example.vn/cap/1.xml";
    Serve(one, "one");
    Serve(kFeedUrl, Atom(Entry("1", R"(<link href="1.xml"/>)", "2026-06-12T14:30:00+07:00")));
    ASSERT_TRUE(poller.PollOnce().ok());
    Serve(kFeedUrl, Atom(Entry("1", R"(<link href="1.xml"/>)", "2026-06-12T15:00:00+07:00")));
    ASSERT_TRUE(poller.PollOnce().ok());
    EXPECT_EQ(Asked(one), 2) << "the hub changed the entry";
    Serve(kFeedUrl, Atom(""));
    ASSERT_TRUE(poller.PollOnce().ok());
    Serve(kFeedUrl, Atom(Entry("1", R"(<link href="1.xml"/>)", "2026-06-12T15:00:00+07:00")));
    ASSERT_TRUE(poller.PollOnce().ok());
    EXPECT_EQ(Asked(one), 3) << "an entry that left the feed is forgotten (the store takes it once anyway)";
}

TEST_F(Poller, FailedPollsDoubleTheWaitUpToItsMaximumAndAGoodPollResetsIt) {
    FeedPoller poller(fetcher, {.url = kFeedUrl, .interval_seconds = 120, .max_wait_seconds = 1800, .item_attempts = 3},
                      Import());
    EXPECT_EQ(poller.NextWait(), 120);
    std::vector<int64_t> waits;
    for (const std::string why :
         {"timed out after 10 s", "an HTML page (text/html), not a feed or a CAP document",
          "a redirect loop: http://a/ -> http://a/", "HTTP 500 from x", "connecting: refused"}) {
        Fail(kFeedUrl, why);
        auto r = poller.PollOnce();
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().detail, why);
        waits.push_back(poller.NextWait());
    }
    EXPECT_EQ(waits, (std::vector<int64_t>{240, 480, 960, 1800, 1800}));
    Serve(kFeedUrl, "<html><body>Bảo trì</body></html>");
    ASSERT_FALSE(poller.PollOnce().ok()) << "an HTML page with a 200 is a failed poll too";
    EXPECT_EQ(poller.NextWait(), 1800);
    Serve(kFeedUrl, Atom(""));
    ASSERT_TRUE(poller.PollOnce().ok());
    EXPECT_EQ(poller.NextWait(), 120);
    Fail(kFeedUrl, "timed out after 10 s");
    ASSERT_FALSE(poller.PollOnce().ok());
    EXPECT_EQ(poller.NextWait(), 240) << "counted again from the interval";
}

TEST_F(Poller, RunSleepsTheWaitBetweenPollsUntilStopped) {
    FeedPoller poller(fetcher, {.url = kFeedUrl, .interval_seconds = 100, .max_wait_seconds = 350, .item_attempts = 3},
                      Import());
    Fail(kFeedUrl, "timed out after 10 s");
    std::atomic<bool> stop{false};
    std::vector<int64_t> slept;
    poller.Run(stop, [&](int64_t s) {
        slept.push_back(s);
        if (slept.size() == 3) Serve(kFeedUrl, Atom(""));
        if (slept.size() == 5) stop = true;
    });
    EXPECT_EQ(slept, (std::vector<int64_t>{200, 350, 350, 100, 100}));
    EXPECT_EQ(Asked(kFeedUrl), 5);
}

TEST_F(Poller, AStopFetchesNoFurtherItemAndASkippedEntryIsSaidOnce) {
    Serve(kFeedUrl,
          Atom(Entry("3", R"(<link href="3.xml"/>)") + Entry("2", R"(<link href="2.xml"/>)") +
               Entry("x", R"(<link href="mailto:hub@example.vn"/>)") + Entry("1", R"(<link href="1.xml"/>)")));
    for (const char* n : {"1", "2", "3"}) Serve("http://hub.example.vn/cap/" + std::string(n) + ".xml", n);
    std::atomic<bool> stop{false};
    FeedPoller poller(fetcher, {.url = kFeedUrl, .interval_seconds = 120, .max_wait_seconds = 1800, .item_attempts = 3},
                      [&](const std::string& xml) -> Status {
                          imported.push_back(xml);
                          if (imported.size() == 1) stop = true;  // SIGTERM while the first item is imported
                          return {};
                      });
    ::testing::internal::CaptureStderr();
    poller.Run(stop, [](int64_t) { FAIL() << "no sleep after a stop"; });
    EXPECT_EQ(imported, (std::vector<std::string>{"1"}));
    EXPECT_EQ(Asked("http://hub.example.vn/cap/2.xml"), 0);
    stop = false;
    poller.Run(stop, [&](int64_t) { stop = true; });
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(imported, (std::vector<std::string>{"1", "2", "3"})) << "the items left are taken at the next poll";
    EXPECT_EQ(Asked("http://hub.example.vn/cap/1.xml"), 1);
    const std::string skipped = "skipped feed/entry[3]/link: not an http(s) address: mailto:hub@example.vn";
    ASSERT_NE(log.find(skipped), std::string::npos) << log;
    EXPECT_EQ(log.find(skipped, log.find(skipped) + 1), std::string::npos) << "said once: " << log;
}

TEST_F(Poller, RelativeItemsAreReadAgainstWhereTheFeedWasRedirected) {
    FeedPoller poller(fetcher, {.url = kFeedUrl, .interval_seconds = 120, .max_wait_seconds = 1800, .item_attempts = 3},
                      Import());
    fetcher.answers.insert_or_assign(
        kFeedUrl, Fetched{"http://new.example.vn/feeds/all.atom", Atom(Entry("1", R"(<link href="1.xml"/>)"))});
    Serve("http://new.example.vn/feeds/1.xml", "one");
    ASSERT_TRUE(poller.PollOnce().ok());
    EXPECT_EQ(imported, (std::vector<std::string>{"one"}));
}

}  // namespace
}  // namespace caunoi::warnings
