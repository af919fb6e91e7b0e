#include "audio/webm.hpp"

#include <opus.h>

#include <cstdio>
#include <optional>
#include <string>

#include "audio/clip_error.hpp"

namespace caunoi::audio {
namespace {

// Element ids (Matroska's, with their length marker, as written).
constexpr uint32_t kEbml = 0x1A45DFA3;
constexpr uint32_t kEbmlReadVersion = 0x42F7;
constexpr uint32_t kEbmlMaxIdLength = 0x42F2;
constexpr uint32_t kEbmlMaxSizeLength = 0x42F3;
constexpr uint32_t kDocType = 0x4282;
constexpr uint32_t kDocTypeReadVersion = 0x4285;
constexpr uint32_t kSegment = 0x18538067;
constexpr uint32_t kSeekHead = 0x114D9B74;
constexpr uint32_t kInfo = 0x1549A966;
constexpr uint32_t kTracks = 0x1654AE6B;
constexpr uint32_t kCluster = 0x1F43B675;
constexpr uint32_t kCues = 0x1C53BB6B;
constexpr uint32_t kTags = 0x1254C367;
constexpr uint32_t kChapters = 0x1043A770;
constexpr uint32_t kAttachments = 0x1941A469;
constexpr uint32_t kVoid = 0xEC;
constexpr uint32_t kCrc32 = 0xBF;
constexpr uint32_t kTrackEntry = 0xAE;
constexpr uint32_t kTrackNumber = 0xD7;
constexpr uint32_t kTrackType = 0x83;
constexpr uint32_t kCodecId = 0x86;
constexpr uint32_t kCodecPrivate = 0x63A2;
constexpr uint32_t kContentEncodings = 0x6D80;
constexpr uint32_t kTimecode = 0xE7;
constexpr uint32_t kPosition = 0xA7;
constexpr uint32_t kPrevSize = 0xAB;
constexpr uint32_t kSilentTracks = 0x5854;
constexpr uint32_t kSimpleBlock = 0xA3;
constexpr uint32_t kBlockGroup = 0xA0;
constexpr uint32_t kBlock = 0xA1;
constexpr uint32_t kEncryptedBlock = 0xAF;

constexpr int kAudioTrack = 2;     // TrackType
constexpr size_t kMaxString = 64;  // DocType, CodecID: a few bytes

std::string Hex(uint32_t id) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%X", id);
    return buf;
}

struct Element {
    uint32_t id = 0;
    size_t at = 0;         // where its header starts
    size_t data = 0;       // where its data starts
    size_t end = 0;        // where its data ends: data + size, or its parent's end when unknown
    bool unknown = false;  // written with the "unknown size" value
    size_t size() const { return end - data; }
};

class Reader {
  public:
    explicit Reader(std::string_view bytes, int64_t max_samples) : b_(bytes), max_samples_(max_samples) {}

    Result<WebmOpus> Read() {
        CAUNOI_ASSIGN(Element header, Next(0, b_.size()));
        if (header.id != kEbml || header.unknown) return DamagedClip("WebM: no EBML header of known size at byte 0");
        CAUNOI_TRY(ReadEbmlHeader(header));
        size_t at = header.end;
        for (;;) {
            if (at >= b_.size()) return DamagedClip("WebM: no Segment after the EBML header");
            CAUNOI_ASSIGN(Element el, Next(at, b_.size()));
            if (el.id == kSegment) {
                CAUNOI_TRY(ReadSegment(el));
                break;
            }
            if (el.id != kVoid && el.id != kCrc32)
                return DamagedClip("WebM: element " + Hex(el.id) + " at byte " + std::to_string(el.at) +
                                   " where the Segment should be");
            at = el.end;
        }
        if (!tracks_seen_) return DamagedClip("WebM: no Tracks");
        if (out_.packets.empty()) return DamagedClip("WebM: no audio frames");
        return std::move(out_);
    }

  private:
    // The element whose header starts at `at`, within [at, limit): its id (1 to 4 bytes), its
    // size (1 to 8 bytes; all ones is "unknown"), the size checked against limit.
    Result<Element> Next(size_t at, size_t limit) {
        Element el;
        el.at = at;
        size_t len = 0;
        uint64_t id = 0;
        CAUNOI_TRY(Vint(at, limit, /*keep_marker=*/true, 4, &id, &len, nullptr));
        el.id = static_cast<uint32_t>(id);
        size_t size_len = 0;
        uint64_t size = 0;
        bool all_ones = false;
        CAUNOI_TRY(Vint(at + len, limit, false, 8, &size, &size_len, &all_ones));
        el.data = at + len + size_len;
        if (all_ones) {
            el.unknown = true;
            el.end = limit;
        } else {
            if (size > limit - el.data)
                return DamagedClip("WebM: element " + Hex(el.id) + " at byte " + std::to_string(at) + " claims " +
                                   std::to_string(size) + " bytes, " + std::to_string(limit - el.data) + " left");
            el.end = el.data + static_cast<size_t>(size);
        }
        return el;
    }

    // An EBML variable-length integer at `at`: its value (with or without its length marker), its
    // length (at most max_len bytes), whether every value bit is one.
    Status Vint(size_t at, size_t limit, bool keep_marker, size_t max_len, uint64_t* value, size_t* len,
                bool* all_ones) {
        if (at >= limit) return DamagedClip("WebM: an element header past the end, at byte " + std::to_string(at));
        const auto first = static_cast<unsigned char>(b_[at]);
        size_t n = 1;
        while (n <= 8 && !(first & (0x80 >> (n - 1)))) ++n;
        if (n > max_len) return DamagedClip("WebM: a bad length marker at byte " + std::to_string(at));
        if (n > limit - at) return DamagedClip("WebM: an element header cut off at byte " + std::to_string(at));
        const unsigned marker = 0x80u >> (n - 1);
        uint64_t v = keep_marker ? first : (first & (marker - 1));
        bool ones = (first & (marker - 1)) == marker - 1;
        for (size_t i = 1; i < n; ++i) {
            const auto byte = static_cast<unsigned char>(b_[at + i]);
            v = (v << 8) | byte;
            ones = ones && byte == 0xFF;
        }
        *value = v;
        *len = n;
        if (all_ones) *all_ones = ones;
        return {};
    }

    Result<uint64_t> UInt(const Element& el) {
        if (el.unknown || el.size() > 8)
            return DamagedClip("WebM: integer " + Hex(el.id) + " at byte " + std::to_string(el.at) + " of " +
                               std::to_string(el.size()) + " bytes");
        uint64_t v = 0;
        for (size_t i = el.data; i < el.end; ++i) v = (v << 8) | static_cast<unsigned char>(b_[i]);
        return v;
    }

    Result<std::string> String(const Element& el) {
        if (el.unknown || el.size() > kMaxString)
            return DamagedClip("WebM: string " + Hex(el.id) + " at byte " + std::to_string(el.at) + " of " +
                               std::to_string(el.size()) + " bytes");
        std::string s(b_.substr(el.data, el.size()));
        while (!s.empty() && s.back() == '\0') s.pop_back();  // EBML strings may be zero-padded
        return s;
    }

    // A master element's children must have known sizes (only Segment and Cluster may not).
    Result<Element> Child(size_t at, const Element& parent) {
        CAUNOI_ASSIGN(Element el, Next(at, parent.end));
        if (el.unknown)
            return DamagedClip("WebM: element " + Hex(el.id) + " at byte " + std::to_string(at) + " of unknown size");
        return el;
    }

    Status ReadEbmlHeader(const Element& header) {
        std::string doc_type;
        for (size_t at = header.data; at < header.end;) {
            CAUNOI_ASSIGN(Element el, Child(at, header));
            if (el.id == kDocType) {
                CAUNOI_ASSIGN(doc_type, String(el));
            } else if (el.id == kEbmlReadVersion || el.id == kDocTypeReadVersion || el.id == kEbmlMaxIdLength ||
                       el.id == kEbmlMaxSizeLength) {
                CAUNOI_ASSIGN(const uint64_t v, UInt(el));
                // What a reader of EBML 1, WebM up to 4, ids of 4 bytes and sizes of 8 bytes can read.
                const uint64_t most = el.id == kEbmlReadVersion      ? 1
                                      : el.id == kDocTypeReadVersion ? 4
                                      : el.id == kEbmlMaxIdLength    ? 4
                                                                     : 8;
                if (v > most)
                    return UnsupportedClip("WebM: EBML header field " + Hex(el.id) + " is " + std::to_string(v) +
                                           ", this reader takes at most " + std::to_string(most));
            }
            at = el.end;
        }
        if (doc_type != "webm") return UnsupportedClip("Matroska DocType \"" + doc_type + "\": only \"webm\" is read");
        return {};
    }

    Status ReadSegment(const Element& segment) {
        for (size_t at = segment.data; at < segment.end && !out_.over_limit;) {
            CAUNOI_ASSIGN(Element el, Next(at, segment.end));
            if (el.id == kTracks) {
                if (el.unknown) return DamagedClip("WebM: Tracks of unknown size");
                CAUNOI_TRY(ReadTracks(el));
                at = el.end;
            } else if (el.id == kCluster) {
                if (!tracks_seen_)
                    return DamagedClip("WebM: a Cluster before the Tracks, at byte " + std::to_string(at));
                CAUNOI_ASSIGN(at, ReadCluster(el));
            } else if (el.id == kEbml || el.id == kSegment) {
                return UnsupportedClip("WebM: a second EBML header or Segment at byte " + std::to_string(at));
            } else {
                // SeekHead, Info, Cues, Tags, Chapters, Attachments, Void, CRC-32 and the unknown: skipped.
                if (el.unknown)
                    return DamagedClip("WebM: element " + Hex(el.id) + " at byte " + std::to_string(at) +
                                       " of unknown size");
                at = el.end;
            }
        }
        return {};
    }

    Status ReadTracks(const Element& tracks) {
        if (tracks_seen_) return DamagedClip("WebM: a second Tracks at byte " + std::to_string(tracks.at));
        tracks_seen_ = true;
        int count = 0;
        uint64_t number = 0, type = 0;
        std::string codec;
        std::optional<std::string_view> head;
        for (size_t at = tracks.data; at < tracks.end;) {
            CAUNOI_ASSIGN(Element entry, Child(at, tracks));
            at = entry.end;
            if (entry.id != kTrackEntry) continue;
            if (++count > 1) return UnsupportedClip("WebM: more than one track (one Opus audio track is read)");
            for (size_t in = entry.data; in < entry.end;) {
                CAUNOI_ASSIGN(Element el, Child(in, entry));
                in = el.end;
                if (el.id == kTrackNumber) {
                    CAUNOI_ASSIGN(number, UInt(el));
                } else if (el.id == kTrackType) {
                    CAUNOI_ASSIGN(type, UInt(el));
                } else if (el.id == kCodecId) {
                    CAUNOI_ASSIGN(codec, String(el));
                } else if (el.id == kCodecPrivate) {
                    head = b_.substr(el.data, el.size());
                } else if (el.id == kContentEncodings) {
                    return UnsupportedClip("WebM: a compressed or encrypted track (ContentEncodings)");
                }
            }
        }
        if (count == 0) return DamagedClip("WebM: Tracks without a TrackEntry");
        if (number == 0) return DamagedClip("WebM: a track without a TrackNumber");
        if (type != kAudioTrack)
            return UnsupportedClip("WebM: the track is of type " + std::to_string(type) + ", not audio");
        if (codec != "A_OPUS") return UnsupportedClip("WebM: audio codec \"" + codec + "\", not A_OPUS");
        if (!head) return DamagedClip("WebM: an Opus track without CodecPrivate (OpusHead)");
        CAUNOI_TRY(ReadOpusHead(*head));
        track_ = number;
        return {};
    }

    // RFC 7845 section 5.1: "OpusHead", version, channels, pre-skip, input rate, output gain, mapping family.
    Status ReadOpusHead(std::string_view h) {
        if (h.size() < 19 || h.substr(0, 8) != "OpusHead") return DamagedClip("WebM: CodecPrivate is not an OpusHead");
        const auto u8 = [&](size_t i) { return static_cast<unsigned char>(h[i]); };
        if ((u8(8) & 0xF0) != 0) return UnsupportedClip("WebM: OpusHead version " + std::to_string(u8(8)));
        const int channels = u8(9), family = u8(18);
        if (family != 0)
            return UnsupportedClip("WebM: Opus channel mapping family " + std::to_string(family) +
                                   " (only mono and stereo, family 0)");
        if (channels < 1 || channels > 2)
            return DamagedClip("WebM: OpusHead of " + std::to_string(channels) + " channels");
        out_.channels = channels;
        out_.pre_skip = u8(10) | (u8(11) << 8);
        out_.gain_q8 = static_cast<int16_t>(static_cast<uint16_t>(u8(16) | (u8(17) << 8)));
        return {};
    }

    // The cluster's blocks; where the Segment goes on (the cluster's end, or for an unknown-size
    // cluster the first element that is not a cluster's child).
    Result<size_t> ReadCluster(const Element& cluster) {
        size_t at = cluster.data;
        while (at < cluster.end && !out_.over_limit) {
            CAUNOI_ASSIGN(Element el, Next(at, cluster.end));
            const bool child = el.id == kTimecode || el.id == kSimpleBlock || el.id == kBlockGroup ||
                               el.id == kPosition || el.id == kPrevSize || el.id == kSilentTracks || el.id == kVoid ||
                               el.id == kCrc32 || el.id == kEncryptedBlock;
            if (!child) {
                if (cluster.unknown) return at;  // the next Cluster, Cues, …: this cluster ends here
                if (el.unknown)
                    return Error(DamagedClip("WebM: element " + Hex(el.id) + " at byte " + std::to_string(at) +
                                             " of unknown size"));
                at = el.end;  // an element unknown to us within a sized cluster: skipped
                continue;
            }
            if (el.unknown)
                return Error(
                    DamagedClip("WebM: element " + Hex(el.id) + " at byte " + std::to_string(at) + " of unknown size"));
            if (el.id == kEncryptedBlock) return Error(UnsupportedClip("WebM: an encrypted block"));
            if (el.id == kSimpleBlock) CAUNOI_TRY(ReadBlock(el));
            if (el.id == kBlockGroup) CAUNOI_TRY(ReadBlockGroup(el));
            at = el.end;
        }
        return at;
    }

    Status ReadBlockGroup(const Element& group) {
        bool block = false;
        for (size_t at = group.data; at < group.end;) {
            CAUNOI_ASSIGN(Element el, Child(at, group));
            if (el.id == kBlock) {
                if (block) return DamagedClip("WebM: two Blocks in the BlockGroup at byte " + std::to_string(group.at));
                block = true;
                CAUNOI_TRY(ReadBlock(el));
            }
            at = el.end;
        }
        if (!block) return DamagedClip("WebM: a BlockGroup without a Block at byte " + std::to_string(group.at));
        return {};
    }

    // A SimpleBlock or Block: track number (a vint), timecode (2 bytes), flags (1 byte), one frame.
    Status ReadBlock(const Element& block) {
        uint64_t track = 0;
        size_t len = 0;
        CAUNOI_TRY(Vint(block.data, block.end, false, 8, &track, &len, nullptr));
        const size_t header = len + 3;
        if (block.size() <= header)
            return DamagedClip("WebM: a block of " + std::to_string(block.size()) + " bytes at byte " +
                               std::to_string(block.at));
        if (track != track_)
            return DamagedClip("WebM: a block of track " + std::to_string(track) + " at byte " +
                               std::to_string(block.at) + ", not the track listed");
        const auto flags = static_cast<unsigned char>(b_[block.data + len + 2]);
        if (const int lacing = (flags >> 1) & 3; lacing != 0)
            return UnsupportedClip("WebM: a laced block (" +
                                   std::string(lacing == 1   ? "Xiph"
                                               : lacing == 3 ? "EBML"
                                                             : "fixed-size") +
                                   " lacing, several frames in one block) at byte " + std::to_string(block.at) +
                                   ": not read");
        const std::string_view packet = b_.substr(block.data + header, block.size() - header);
        const int n = opus_packet_get_nb_samples(reinterpret_cast<const unsigned char*>(packet.data()),
                                                 static_cast<opus_int32>(packet.size()), 48000);
        if (n <= 0)
            return DamagedClip("WebM: the Opus packet at byte " + std::to_string(block.at) + " is not valid (" +
                               opus_strerror(n) + ")");
        out_.packets.push_back(packet);
        out_.samples += n;
        if (out_.samples - out_.pre_skip > max_samples_) out_.over_limit = true;
        return {};
    }

    std::string_view b_;
    int64_t max_samples_;
    bool tracks_seen_ = false;
    uint64_t track_ = 0;
    WebmOpus out_;
};

}  // namespace

Result<WebmOpus> ReadWebmOpus(std::string_view bytes, int64_t max_samples) { return Reader(bytes, max_samples).Read(); }

}  // namespace caunoi::audio
