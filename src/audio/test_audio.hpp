// Test support (included by *_test.cpp only): sounds made in the test (a speech-like tone), WAV
// and WebM written by hand (so a test can make any header it needs, broken ones too), Opus
// packets from libopus, and the outputs opened again by other code than the pipeline's: Ogg Opus
// by libopusfile, MP3 by libmpg123, loudness by libebur128 directly. The Chromium recordings are
// in tests/fixtures/audio (made by tests/fixtures/audio/make_webm.mjs).
#pragma once

#include <ebur128.h>
#include <gtest/gtest.h>
#include <mpg123.h>
#include <opus.h>
#include <opusfile.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "audio/encode.hpp"

namespace caunoi::audio::test_audio {

inline std::string Fixture(const std::string& name) {
    std::ifstream in(std::string(CAUNOI_SOURCE_DIR) + "/tests/fixtures/audio/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_TRUE(in) << name;
    return s.str();
}

// A voice-like sound: a 180 Hz tone with four harmonics, its loudness swinging four times a
// second (syllables) between 0.3 and 1 of `amplitude`. Its peak is 0.82 × `amplitude`, about 10 dB
// above its loudness (-20 LUFS at amplitude 0.3), so normalising it to -16 LUFS is not peak-limited.
inline std::vector<float> Voice(double seconds, int rate, double amplitude = 0.3, double pitch = 180) {
    std::vector<float> out(static_cast<size_t>(seconds * rate));
    const double two_pi = 2 * std::numbers::pi;
    for (size_t i = 0; i < out.size(); ++i) {
        const double t = static_cast<double>(i) / rate;
        const double envelope = 0.3 + 0.7 * std::fabs(std::sin(two_pi * 2 * t));
        double s = 0;
        for (int h = 1; h <= 4; ++h) s += std::sin(two_pi * pitch * h * t) / h;
        out[i] = static_cast<float>(amplitude * envelope * s / 1.85);
    }
    return out;
}

inline void PutLe(std::string& out, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A RIFF WAVE of `interleaved` samples (-1..1): PCM of 8, 16 or 24 bits, or 32-bit float.
// `claim_bytes`, when not 0, is written as the data chunk's size whatever the data.
inline std::string Wav(const std::vector<float>& interleaved, int rate, int channels = 1, int bits = 16,
                       bool is_float = false, uint32_t claim_bytes = 0) {
    const int width = bits / 8;
    const auto data = static_cast<uint32_t>(interleaved.size() * width);
    std::string out = "RIFF";
    PutLe(out, 36 + data, 4);
    out += "WAVEfmt ";
    PutLe(out, 16, 4);
    PutLe(out, is_float ? 3 : 1, 2);
    PutLe(out, channels, 2);
    PutLe(out, rate, 4);
    PutLe(out, static_cast<uint64_t>(rate) * channels * width, 4);
    PutLe(out, channels * width, 2);
    PutLe(out, bits, 2);
    out += "data";
    PutLe(out, claim_bytes ? claim_bytes : data, 4);
    for (const float x : interleaved) {
        const double c = std::max(-1.0, std::min(1.0, static_cast<double>(x)));
        if (is_float) {
            uint32_t u;
            std::memcpy(&u, &x, 4);
            PutLe(out, u, 4);
        } else if (bits == 8) {
            out.push_back(static_cast<char>(static_cast<int>(std::lround(c * 127)) + 128));
        } else {
            const double scale = bits == 16 ? 32767 : 8388607;
            PutLe(out, static_cast<uint64_t>(static_cast<int64_t>(std::lround(c * scale))), width);
        }
    }
    return out;
}

inline Pcm Mono(std::vector<float> samples, int rate) { return Pcm{.samples = std::move(samples), .rate = rate}; }

// --- EBML, written by hand -------------------------------------------------------------------

// An element: its id as written (1 to 4 bytes), its size as an 8-byte vint (or "unknown"), its data.
inline std::string El(uint32_t id, const std::string& data, bool unknown_size = false) {
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8)
        if ((id >> shift) || shift == 0) out.push_back(static_cast<char>((id >> shift) & 0xFF));
    if (unknown_size) {
        out += "\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF";
    } else {
        out.push_back('\x01');
        for (int shift = 48; shift >= 0; shift -= 8) out.push_back(static_cast<char>((data.size() >> shift) & 0xFF));
    }
    return out + data;
}
inline std::string UIntData(uint64_t v) {
    std::string out;
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
    return out;
}

inline std::string OpusHead(int channels, int pre_skip) {
    std::string h = "OpusHead";
    h.push_back(1);
    h.push_back(static_cast<char>(channels));
    PutLe(h, pre_skip, 2);
    PutLe(h, 48000, 4);
    PutLe(h, 0, 2);
    h.push_back(0);
    return h;
}

inline std::string EbmlHeader(const std::string& doc_type = "webm") {
    return El(0x1A45DFA3, El(0x4286, UIntData(1)) + El(0x42F7, UIntData(1)) + El(0x42F2, UIntData(4)) +
                              El(0x42F3, UIntData(8)) + El(0x4282, doc_type) + El(0x4287, UIntData(4)) +
                              El(0x4285, UIntData(2)));
}

inline std::string TrackEntry(int number, const std::string& codec, const std::string& codec_private, int type = 2) {
    return El(0xAE,
              El(0xD7, UIntData(number)) + El(0x83, UIntData(type)) + El(0x86, codec) + El(0x63A2, codec_private));
}

// A SimpleBlock of track 1 (flags: 0x80 keyframe; 0x02, 0x04, 0x06 lacing).
inline std::string SimpleBlock(const std::string& packet, int16_t timecode, unsigned char flags = 0x80, int track = 1) {
    std::string data;
    data.push_back(static_cast<char>(0x80 | track));
    data.push_back(static_cast<char>((timecode >> 8) & 0xFF));
    data.push_back(static_cast<char>(timecode & 0xFF));
    data.push_back(static_cast<char>(flags));
    return El(0xA3, data + packet);
}
inline std::string BlockGroup(const std::string& packet, int16_t timecode) {
    std::string block = SimpleBlock(packet, timecode, 0);
    block[0] = '\xA1';  // the same bytes as a Block
    return El(0xA0, block);
}

// 20 ms Opus packets of `pcm` (mono, 48 kHz) by libopus.
inline std::vector<std::string> OpusPackets(const std::vector<float>& pcm) {
    int error = 0;
    OpusEncoder* enc = opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &error);
    EXPECT_EQ(error, OPUS_OK);
    std::vector<std::string> out;
    unsigned char buf[4000];
    for (size_t at = 0; at + 960 <= pcm.size(); at += 960) {
        const int n = opus_encode_float(enc, pcm.data() + at, 960, buf, sizeof buf);
        EXPECT_GT(n, 0);
        out.emplace_back(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
    }
    opus_encoder_destroy(enc);
    return out;
}

struct WebmParts {
    std::string doc_type = "webm";
    std::string tracks;          // TrackEntry elements; empty: one Opus mono track, pre-skip 312
    bool unknown_sizes = false;  // the Segment and Clusters of unknown size, as MediaRecorder writes them
    int packets_per_cluster = 50;
    bool block_groups = false;
};

// A WebM of the given Opus packets: EBML header, Segment (Info, Tracks, Clusters), as a muxer writes it.
inline std::string Webm(const std::vector<std::string>& packets, const WebmParts& parts = {}) {
    const std::string tracks = parts.tracks.empty() ? TrackEntry(1, "A_OPUS", OpusHead(1, 312)) : parts.tracks;
    std::string segment = El(0x1549A966, El(0x2AD7B1, UIntData(1000000))) + El(0x1654AE6B, tracks);
    for (size_t i = 0; i < packets.size();) {
        std::string cluster = El(0xE7, UIntData(i * 20));
        for (int k = 0; k < parts.packets_per_cluster && i < packets.size(); ++k, ++i)
            cluster += parts.block_groups ? BlockGroup(packets[i], static_cast<int16_t>(k * 20))
                                          : SimpleBlock(packets[i], static_cast<int16_t>(k * 20));
        segment += El(0x1F43B675, cluster, parts.unknown_sizes);
    }
    return EbmlHeader(parts.doc_type) + El(0x18538067, segment, parts.unknown_sizes);
}

// --- the outputs opened again ----------------------------------------------------------------

// An Ogg Opus file decoded by libopusfile (mono: channels averaged), 48 kHz; empty when it fails.
inline Pcm DecodeOpusFile(const std::string& ogg) {
    Pcm pcm{.samples = {}, .rate = 48000};
    int error = 0;
    OggOpusFile* of = op_open_memory(reinterpret_cast<const unsigned char*>(ogg.data()), ogg.size(), &error);
    EXPECT_NE(of, nullptr) << "op_open_memory: " << error;
    if (!of) return pcm;
    EXPECT_EQ(op_channel_count(of, -1), 1);
    std::vector<float> buf(2 * 5760);
    for (int n; (n = op_read_float_stereo(of, buf.data(), static_cast<int>(buf.size()))) > 0;)
        for (int i = 0; i < n; ++i) pcm.samples.push_back((buf[2 * i] + buf[2 * i + 1]) / 2);
    op_free(of);
    return pcm;
}

// An MP3 decoded by libmpg123 (gapless, float), at its own rate; `channels` set to the file's.
inline Pcm DecodeMp3File(const std::string& mp3, int* channels = nullptr) {
    mpg123_init();
    Pcm pcm;
    int error = 0;
    mpg123_handle* mh = mpg123_new(nullptr, &error);
    mpg123_param(mh, MPG123_ADD_FLAGS, MPG123_QUIET | MPG123_GAPLESS | MPG123_FORCE_FLOAT, 0);
    EXPECT_EQ(mpg123_open_feed(mh), MPG123_OK);
    mpg123_feed(mh, reinterpret_cast<const unsigned char*>(mp3.data()), mp3.size());
    std::vector<float> buf(8192);
    int ch = 1;
    for (;;) {
        size_t done = 0;
        const int r = mpg123_read(mh, reinterpret_cast<unsigned char*>(buf.data()), buf.size() * 4, &done);
        if (r == MPG123_NEW_FORMAT) {
            long rate = 0;
            int enc = 0;
            mpg123_getformat(mh, &rate, &ch, &enc);
            pcm.rate = static_cast<int>(rate);
            EXPECT_EQ(enc, MPG123_ENC_FLOAT_32);
        }
        for (size_t i = 0; i < done / 4 / static_cast<size_t>(ch); ++i)
            pcm.samples.push_back(ch == 1 ? buf[i] : (buf[2 * i] + buf[2 * i + 1]) / 2);
        if (r != MPG123_OK && r != MPG123_NEW_FORMAT) break;
    }
    if (channels) *channels = ch;
    mpg123_delete(mh);
    return pcm;
}

// Integrated loudness (LUFS) by libebur128 itself; -infinity for silence.
inline double Lufs(const Pcm& pcm) {
    ebur128_state* st = ebur128_init(1, static_cast<unsigned long>(pcm.rate), EBUR128_MODE_I);
    ebur128_add_frames_float(st, pcm.samples.data(), pcm.samples.size());
    double lufs = 0;
    ebur128_loudness_global(st, &lufs);
    ebur128_destroy(&st);
    return lufs;
}

inline double PeakDbfs(const Pcm& pcm) {
    double peak = 0;
    for (const float x : pcm.samples) peak = std::max(peak, static_cast<double>(std::fabs(x)));
    return 20 * std::log10(peak);
}

}  // namespace caunoi::audio::test_audio
