// A strict reader of WebM files holding one Opus audio track, as Chromium's MediaRecorder writes
// them for `audio/webm;codecs=opus` (docs/audio.md): the Opus packets and the OpusHead fields a
// decoder needs, nothing decoded here. No Matroska library in Debian fits, so this is ours, and it
// reads hostile input: every size is checked against the bytes left in its parent and in the
// file, the nesting is fixed (EBML header; Segment → Tracks → TrackEntry; Segment → Cluster →
// BlockGroup → Block), never recursive, so its depth is bounded by the code, and every loop moves
// forward by at least one element header.
//
// Read: the EBML header (DocType "webm"), one Segment and Clusters each of known or unknown size
// (MediaRecorder writes both unknown while it records: an unknown-size element ends where an
// element that cannot be its child begins, or at its parent's end), Tracks with exactly one
// track, an audio track of CodecID "A_OPUS" whose CodecPrivate is an OpusHead of channel mapping
// family 0 (mono or stereo), and that track's frames in SimpleBlocks and BlockGroup → Block.
// Elements it does not need (SeekHead, Info, Cues, Tags, Void, CRC-32, …) are skipped by their
// size. Refused as unsupported: another DocType, another codec, more than one track, content
// encodings (compression, encryption), laced blocks (several frames in one block: MediaRecorder
// never writes them), a second Segment. Refused as damaged: anything that does not parse.
// Thread-safety: a plain function on its arguments.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caunoi::audio {

struct WebmOpus {
    int channels = 0;                       // 1 or 2, from the OpusHead
    int pre_skip = 0;                       // 48 kHz samples to drop from the decoded start (OpusHead)
    int gain_q8 = 0;                        // the OpusHead's output gain: dB in Q7.8, to apply after decoding
    std::vector<std::string_view> packets;  // the Opus packets in file order, views into the input
    int64_t samples = 0;                    // their length in 48 kHz samples, from each packet's TOC
    bool over_limit = false;                // reading stopped once samples - pre_skip went past max_samples
};

// The Opus track of `bytes` (a file that starts with the EBML magic number). Stops at the first
// packet that takes the length (samples - pre_skip) past `max_samples` (that packet included;
// over_limit set), so a long file costs no more reading than a file of max_samples. Errors: field "audio"
// (clip_error.hpp), kUnsupported or kInvalid as above, the detail naming the element and its byte offset.
Result<WebmOpus> ReadWebmOpus(std::string_view bytes, int64_t max_samples);

}  // namespace caunoi::audio
