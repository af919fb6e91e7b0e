#include "audio/webm.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "audio/test_audio.hpp"

namespace caunoi::audio {
namespace {

using namespace test_audio;

constexpr int64_t kMinute = 60 * 48000;

std::vector<std::string> Packets(double seconds) { return OpusPackets(Voice(seconds, 48000)); }

WebmParts Tracks(std::string tracks) {
    WebmParts parts;
    parts.tracks = std::move(tracks);
    return parts;
}

void ExpectRefused(const Result<WebmOpus>& r, ErrorCode code, const std::string& detail_part) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, code) << r.error().detail;
    EXPECT_EQ(r.error().field, "audio");
    EXPECT_NE(r.error().detail.find(detail_part), std::string::npos) << r.error().detail;
}

// Chromium 156's MediaRecorder, stopped without a timeslice: it writes the file once more on stop,
// with known sizes, a SeekHead, a Duration and Cues.
TEST(Webm, ReadsChromiumsRecordingWithKnownSizes) {
    auto w = ReadWebmOpus(Fixture("chromium_3s.webm"), kMinute);
    ASSERT_TRUE(w.ok()) << w.error().detail;
    EXPECT_EQ(w->channels, 1);
    EXPECT_FALSE(w->over_limit);
    EXPECT_NEAR(static_cast<double>(w->samples - w->pre_skip) / 48000, 3.0, 0.1);
    EXPECT_EQ(w->packets.size(), 50u) << "Chromium writes 60 ms packets";
}

// With MediaRecorder.start(500), the pieces an upload sends: Segment and Clusters of unknown
// size (four clusters, each ended by the next one's id), stereo.
TEST(Webm, ReadsChromiumsTimesliceRecordingWithUnknownSizes) {
    const std::string bytes = Fixture("chromium_stereo_timeslice.webm");
    ASSERT_EQ(bytes.substr(0x24 + 4, 8), std::string("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8))
        << "the fixture's Segment is of unknown size";
    auto w = ReadWebmOpus(bytes, kMinute);
    ASSERT_TRUE(w.ok()) << w.error().detail;
    EXPECT_EQ(w->channels, 2);
    EXPECT_NEAR(static_cast<double>(w->samples - w->pre_skip) / 48000, 2.0, 0.1);
}

TEST(Webm, ReadsKnownAndUnknownSizesSimpleBlocksAndBlockGroupsAlike) {
    const auto packets = Packets(2.0);
    ASSERT_EQ(packets.size(), 100u);
    for (const bool unknown : {false, true})
        for (const bool groups : {false, true}) {
            WebmParts parts;
            parts.unknown_sizes = unknown;
            parts.packets_per_cluster = 30;
            parts.block_groups = groups;
            const std::string file = Webm(packets, parts);  // the packets are views into it
            auto w = ReadWebmOpus(file, kMinute);
            ASSERT_TRUE(w.ok()) << w.error().detail;
            EXPECT_EQ(w->packets.size(), 100u) << unknown << groups;
            EXPECT_EQ(w->samples, 100 * 960);
            EXPECT_EQ(w->pre_skip, 312);
            EXPECT_EQ(w->packets[7], packets[7]);
        }
}

// An unknown-size cluster ends where an element that cannot be its child begins: Cues, Tags, a Void
// between clusters is skipped, and the Segment reads on.
TEST(Webm, AnUnknownSizeClusterEndsAtTheNextSegmentLevelElement) {
    const auto packets = Packets(0.4);
    std::string clusters;
    for (size_t i = 0; i < packets.size(); ++i) {
        clusters += El(0x1F43B675, El(0xE7, UIntData(i * 20)) + SimpleBlock(packets[i], 0), true);
        if (i == 5) clusters += El(0x1C53BB6B, "cues") + El(0x1254C367, "tags");
    }
    const std::string file =
        EbmlHeader() + El(0x18538067, El(0x1654AE6B, TrackEntry(1, "A_OPUS", OpusHead(1, 0))) + clusters, true);
    auto w = ReadWebmOpus(file, kMinute);
    ASSERT_TRUE(w.ok()) << w.error().detail;
    EXPECT_EQ(w->packets.size(), packets.size());
}

TEST(Webm, StopsReadingPastTheLimit) {
    const auto packets = Packets(2.0);
    auto w = ReadWebmOpus(Webm(packets), 48000);  // one second
    ASSERT_TRUE(w.ok()) << w.error().detail;
    EXPECT_TRUE(w->over_limit);
    EXPECT_EQ(w->packets.size(), 51u) << "the packet that went past the limit, and no more";
}

TEST(Webm, RefusesLacedBlocksClearly) {
    const auto packets = Packets(0.2);
    for (const unsigned char lacing : {0x02, 0x04, 0x06}) {
        std::string cluster = El(0xE7, UIntData(0)) + SimpleBlock(packets[0], 0);
        // Two frames in one block, as a muxer would lace them (the bytes after the flags differ by
        // lacing; the flag alone refuses it).
        cluster += SimpleBlock(std::string(1, '\x01') + packets[1] + packets[2], 20, 0x80 | lacing);
        const std::string file = EbmlHeader() + El(0x18538067, El(0x1654AE6B, TrackEntry(1, "A_OPUS", OpusHead(1, 0))) +
                                                                   El(0x1F43B675, cluster));
        ExpectRefused(ReadWebmOpus(file, kMinute), ErrorCode::kUnsupported, "laced block");
    }
}

TEST(Webm, RefusesAnotherCodecDocTypeOrMoreTracks) {
    const auto packets = Packets(0.2);
    ExpectRefused(ReadWebmOpus(Webm(packets, Tracks(TrackEntry(1, "A_VORBIS", "\x02\x1e\x00"))), kMinute),
                  ErrorCode::kUnsupported, "A_VORBIS");
    ExpectRefused(ReadWebmOpus(Webm(packets, Tracks(TrackEntry(1, "V_VP8", "", 1))), kMinute), ErrorCode::kUnsupported,
                  "not audio");
    ExpectRefused(ReadWebmOpus(Webm(packets, WebmParts{.doc_type = "matroska", .tracks = {}}), kMinute),
                  ErrorCode::kUnsupported, "matroska");
    const std::string two = TrackEntry(1, "A_OPUS", OpusHead(1, 0)) + TrackEntry(2, "V_VP8", "", 1);
    ExpectRefused(ReadWebmOpus(Webm(packets, Tracks(two)), kMinute), ErrorCode::kUnsupported, "more than one track");
    // Surround Opus (mapping family 1).
    std::string surround = OpusHead(6, 0);
    surround[18] = 1;
    ExpectRefused(ReadWebmOpus(Webm(packets, Tracks(TrackEntry(1, "A_OPUS", surround))), kMinute),
                  ErrorCode::kUnsupported, "mapping family");
}

TEST(Webm, RefusesDamagedStructures) {
    const auto packets = Packets(0.2);
    // A block of a track that is not listed.
    const std::string other = EbmlHeader() + El(0x18538067, El(0x1654AE6B, TrackEntry(1, "A_OPUS", OpusHead(1, 0))) +
                                                                El(0x1F43B675, SimpleBlock(packets[0], 0, 0x80, 2)));
    ExpectRefused(ReadWebmOpus(other, kMinute), ErrorCode::kInvalid, "track 2");
    // Clusters before the Tracks.
    const std::string early =
        EbmlHeader() + El(0x18538067, El(0x1F43B675, SimpleBlock(packets[0], 0)) +
                                          El(0x1654AE6B, TrackEntry(1, "A_OPUS", OpusHead(1, 0))));
    ExpectRefused(ReadWebmOpus(early, kMinute), ErrorCode::kInvalid, "before the Tracks");
    // A CodecPrivate that is not an OpusHead; an Opus track without frames.
    ExpectRefused(ReadWebmOpus(Webm(packets, Tracks(TrackEntry(1, "A_OPUS", "OpusHea"))), kMinute), ErrorCode::kInvalid,
                  "OpusHead");
    ExpectRefused(ReadWebmOpus(Webm({}), kMinute), ErrorCode::kInvalid, "no audio frames");
    // A packet that is not Opus (a TOC byte of code 3 with no frame count).
    ExpectRefused(ReadWebmOpus(Webm({std::string("\x03", 1)}), kMinute), ErrorCode::kInvalid, "Opus packet");
    // Sizes that claim more than there is: 2^56 - 2 bytes, and one byte more than the file.
    std::string huge = EbmlHeader() + "\x18\x53\x80\x67\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFE" + "x";
    ExpectRefused(ReadWebmOpus(huge, kMinute), ErrorCode::kInvalid, "claims");
    std::string cut = Webm(packets);
    cut.pop_back();
    ExpectRefused(ReadWebmOpus(cut, kMinute), ErrorCode::kInvalid, "claims");
    // A Tracks of unknown size; an id of more than 4 bytes; no Segment.
    const std::string unknown_tracks =
        EbmlHeader() + El(0x18538067, El(0x1654AE6B, TrackEntry(1, "A_OPUS", OpusHead(1, 0)), true));
    ExpectRefused(ReadWebmOpus(unknown_tracks, kMinute), ErrorCode::kInvalid, "unknown size");
    ExpectRefused(ReadWebmOpus(EbmlHeader() + std::string("\x08\x01\x02\x03\x04\x81\x00", 7), kMinute),
                  ErrorCode::kInvalid, "length marker");
    ExpectRefused(ReadWebmOpus(EbmlHeader(), kMinute), ErrorCode::kInvalid, "no Segment");
}

// Every prefix of a real recording: refused as damaged or, for an unknown-size file cut between two
// blocks, read as far as it goes. Never a crash, never more packets than the whole file.
TEST(Webm, EveryTruncationIsRefusedOrReadAsFarAsItGoes) {
    for (const char* name : {"chromium_3s.webm", "chromium_stereo_timeslice.webm"}) {
        const std::string whole = Fixture(name);
        auto full = ReadWebmOpus(whole, kMinute);
        ASSERT_TRUE(full.ok());
        const bool known = std::string(name) == "chromium_3s.webm";
        for (size_t n = 0; n < whole.size(); n += 7) {
            auto w = ReadWebmOpus(std::string_view(whole).substr(0, n), kMinute);
            if (w.ok()) {
                EXPECT_FALSE(known) << name << " cut at " << n << " read as whole";
                EXPECT_LE(w->packets.size(), full->packets.size());
            } else {
                EXPECT_EQ(w.error().code, ErrorCode::kInvalid) << name << " cut at " << n << ": " << w.error().detail;
            }
        }
    }
}

// Random bytes changed in a real recording (a little fuzzing in every test run; tests/fuzz runs
// the real fuzzer): any answer but a crash, and packets only within the file.
TEST(Webm, MangledRecordingsNeverCrash) {
    const std::string whole = Fixture("chromium_stereo_timeslice.webm");
    std::mt19937 rng(17);
    for (int round = 0; round < 3000; ++round) {
        std::string bytes = whole;
        const int changes = 1 + static_cast<int>(rng() % 8);
        for (int i = 0; i < changes; ++i) bytes[rng() % bytes.size()] = static_cast<char>(rng());
        auto w = ReadWebmOpus(bytes, kMinute);
        if (!w.ok()) continue;
        for (const std::string_view p : w->packets) {
            ASSERT_GE(p.data(), bytes.data());
            ASSERT_LE(p.data() + p.size(), bytes.data() + bytes.size());
        }
    }
}

}  // namespace
}  // namespace caunoi::audio
