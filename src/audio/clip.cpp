#include "audio/clip.hpp"

#include <mpg123.h>
#include <opus.h>
#include <opusfile.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audio/clip_error.hpp"
#include "audio/loudness.hpp"
#include "audio/wav.hpp"
#include "audio/webm.hpp"

namespace caunoi::audio {
namespace {

constexpr int kOpusRate = 48000;            // every Opus stream decodes at 48 kHz
constexpr int kMaxOpusFrame = 5760;         // 120 ms at 48 kHz, the longest Opus packet
constexpr double kIncompleteSeconds = 0.1;  // an MP3 this much shorter than its tag says is cut off

enum class Kind { kNone, kWebm, kOgg, kWav, kMp3 };

std::string Seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", s);
    return buf;
}

Error TooLong(const ClipLimits& limits, const std::string& how) {
    return TooLongClip("longer than " + Seconds(limits.max_seconds) + ": " + how);
}

// The most samples at `rate` that are not longer than max_seconds.
int64_t MaxSamples(const ClipLimits& limits, int rate) {
    return static_cast<int64_t>(std::floor(limits.max_seconds * rate));
}

Status CheckRate(int rate, const ClipLimits& limits) {
    if (rate < limits.min_rate || rate > limits.max_rate)
        return WrongRateClip("a sample rate of " + std::to_string(rate) + " Hz, not within " +
                             std::to_string(limits.min_rate) + "-" + std::to_string(limits.max_rate) + " Hz");
    return {};
}

// An MPEG-1, 2 or 2.5 Layer III frame header at `at`: sync, a valid version, layer III, a bit rate
// index that is not "bad" and a sample rate index that is not reserved.
bool Mp3FrameAt(std::string_view b, size_t at) {
    if (b.size() < 4 || at > b.size() - 4) return false;
    const auto b1 = static_cast<unsigned char>(b[at + 1]), b2 = static_cast<unsigned char>(b[at + 2]);
    return static_cast<unsigned char>(b[at]) == 0xFF && (b1 & 0xE0) == 0xE0 && ((b1 >> 3) & 3) != 1 &&
           ((b1 >> 1) & 3) == 1 && (b2 >> 4) != 0xF && ((b2 >> 2) & 3) != 3;
}

// What the first bytes say the file is (never its name or Content-Type).
Kind Sniff(std::string_view b) {
    if (b.size() >= 4 && b.substr(0, 4) == "\x1A\x45\xDF\xA3") return Kind::kWebm;
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WAVE") return Kind::kWav;
    if (b.size() >= 27 && b.substr(0, 4) == "OggS") {
        // The first page's payload, after the 27-byte header and its segment table, is the
        // stream's first header: "OpusHead" for Opus (Vorbis, FLAC, Speex in Ogg are not read).
        const size_t payload = 27 + static_cast<unsigned char>(b[26]);
        return b.size() >= payload + 8 && b.substr(payload, 8) == "OpusHead" ? Kind::kOgg : Kind::kNone;
    }
    if (b.size() >= 10 && b.substr(0, 3) == "ID3") {
        // An ID3v2 tag: 10 bytes, a size of four 7-bit bytes, 10 more with a footer; a frame after it.
        size_t size = 0;
        for (int i = 6; i < 10; ++i) {
            const auto c = static_cast<unsigned char>(b[i]);
            if (c & 0x80) return Kind::kNone;
            size = (size << 7) | c;
        }
        const size_t frame = 10 + size + ((static_cast<unsigned char>(b[5]) & 0x10) ? 10 : 0);
        // A tag that runs past the end is read as a damaged MP3.
        return frame >= b.size() || Mp3FrameAt(b, frame) ? Kind::kMp3 : Kind::kNone;
    }
    return Mp3FrameAt(b, 0) ? Kind::kMp3 : Kind::kNone;
}

Result<Pcm> DecodeWavClip(std::string_view bytes, const ClipLimits& limits) {
    CAUNOI_ASSIGN(const WavHeader header, ReadWavHeader(bytes));
    CAUNOI_TRY(CheckRate(header.rate, limits));
    if (static_cast<int64_t>(header.data_bytes / header.BlockAlign()) > MaxSamples(limits, header.rate))
        return TooLong(limits, "its header says " + Seconds(header.Seconds()));
    return DecodeWav(bytes, header);
}

Result<Pcm> DecodeWebmClip(std::string_view bytes, const ClipLimits& limits) {
    const int64_t max = MaxSamples(limits, kOpusRate);
    CAUNOI_ASSIGN(const WebmOpus webm, ReadWebmOpus(bytes, max));
    if (webm.over_limit)
        return TooLong(limits, "its Opus packets' own lengths, reading stopped at " +
                                   Seconds(static_cast<double>(webm.samples - webm.pre_skip) / kOpusRate));
    int error = OPUS_OK;
    std::unique_ptr<OpusDecoder, void (*)(OpusDecoder*)> dec(opus_decoder_create(kOpusRate, webm.channels, &error),
                                                             &opus_decoder_destroy);
    if (!dec || error != OPUS_OK) return Error::Internal(std::string("opus_decoder_create: ") + opus_strerror(error));
    Pcm pcm{.samples = {}, .rate = kOpusRate};
    pcm.samples.reserve(static_cast<size_t>(webm.samples));
    std::vector<float> frame(static_cast<size_t>(kMaxOpusFrame * webm.channels));
    for (const std::string_view packet : webm.packets) {
        const int n = opus_decode_float(dec.get(), reinterpret_cast<const unsigned char*>(packet.data()),
                                        static_cast<opus_int32>(packet.size()), frame.data(), kMaxOpusFrame, 0);
        if (n < 0) return DamagedClip(std::string("WebM: an Opus packet does not decode: ") + opus_strerror(n));
        for (int i = 0; i < n; ++i)
            pcm.samples.push_back(webm.channels == 1 ? frame[i] : (frame[2 * i] + frame[2 * i + 1]) / 2);
    }
    const size_t skip = std::min(pcm.samples.size(), static_cast<size_t>(webm.pre_skip));
    pcm.samples.erase(pcm.samples.begin(), pcm.samples.begin() + static_cast<std::ptrdiff_t>(skip));
    if (webm.gain_q8 != 0) {
        const auto gain = static_cast<float>(std::pow(10.0, webm.gain_q8 / (20.0 * 256)));
        for (float& x : pcm.samples) x *= gain;
    }
    return pcm;
}

// Every Ogg page whole, one after another to the end of the file: a file cut off in its last page
// (which libopusfile would quietly drop) is damaged. (Cut at a page boundary it cannot be told.)
Status CheckOggPages(std::string_view b) {
    size_t at = 0;
    while (at < b.size()) {
        if (b.size() - at < 27 || b.substr(at, 4) != "OggS")
            return DamagedClip("Ogg: no page at byte " + std::to_string(at) + " of " + std::to_string(b.size()));
        const size_t segments = static_cast<unsigned char>(b[at + 26]);
        if (b.size() - at - 27 < segments)
            return DamagedClip("Ogg: the page at byte " + std::to_string(at) + " is cut off");
        size_t body = 0;
        for (size_t i = 0; i < segments; ++i) body += static_cast<unsigned char>(b[at + 27 + i]);
        if (b.size() - at - 27 - segments < body)
            return DamagedClip("Ogg: the page at byte " + std::to_string(at) + " is cut off");
        at += 27 + segments + body;
    }
    return {};
}

Result<Pcm> DecodeOggClip(std::string_view bytes, const ClipLimits& limits) {
    CAUNOI_TRY(CheckOggPages(bytes));
    int error = 0;
    std::unique_ptr<OggOpusFile, void (*)(OggOpusFile*)> of(
        op_open_memory(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), &error), &op_free);
    if (!of) return DamagedClip("Ogg Opus: libopusfile cannot open it (error " + std::to_string(error) + ")");
    const int64_t max = MaxSamples(limits, kOpusRate);
    // The length from the last granule position (a memory stream is seekable), before decoding.
    if (const ogg_int64_t total = op_pcm_total(of.get(), -1); total > max)
        return TooLong(limits, "its last granule position says " + Seconds(static_cast<double>(total) / kOpusRate));
    Pcm pcm{.samples = {}, .rate = kOpusRate};
    std::vector<float> stereo(2 * kMaxOpusFrame);
    for (;;) {
        // Stereo whatever the stream (mono doubled, surround downmixed by libopusfile), then averaged.
        const int n = op_read_float_stereo(of.get(), stereo.data(), static_cast<int>(stereo.size()));
        if (n == 0) break;
        if (n < 0) return DamagedClip("Ogg Opus: decoding failed (error " + std::to_string(n) + ")");
        for (int i = 0; i < n; ++i) pcm.samples.push_back((stereo[2 * i] + stereo[2 * i + 1]) / 2);
        if (static_cast<int64_t>(pcm.samples.size()) > max)
            return TooLong(limits, "decoding stopped at " + Seconds(pcm.Seconds()));
    }
    return pcm;
}

void InitMpg123() {
    static std::once_flag once;
    std::call_once(once, [] { mpg123_init(); });  // needed before libmpg123 1.27, harmless after
}

Result<Pcm> DecodeMp3Clip(std::string_view bytes, const ClipLimits& limits) {
    InitMpg123();
    int error = MPG123_OK;
    std::unique_ptr<mpg123_handle, void (*)(mpg123_handle*)> mh(mpg123_new(nullptr, &error), &mpg123_delete);
    if (!mh) return Error::Internal(std::string("mpg123_new: ") + mpg123_plain_strerror(error));
    // Float output at the file's own rate and channels; quiet; gapless (the LAME tag's padding trimmed).
    const long* rates = nullptr;
    size_t rate_count = 0;
    mpg123_rates(&rates, &rate_count);
    if (mpg123_param(mh.get(), MPG123_ADD_FLAGS, MPG123_QUIET | MPG123_GAPLESS, 0) != MPG123_OK ||
        mpg123_format_none(mh.get()) != MPG123_OK)
        return Error::Internal(std::string("libmpg123 settings: ") + mpg123_strerror(mh.get()));
    for (size_t i = 0; i < rate_count; ++i)
        if (mpg123_format(mh.get(), rates[i], MPG123_MONO | MPG123_STEREO, MPG123_ENC_FLOAT_32) != MPG123_OK)
            return Error::Internal(std::string("libmpg123 cannot give float samples: ") + mpg123_strerror(mh.get()));
    if (mpg123_open_feed(mh.get()) != MPG123_OK ||
        mpg123_feed(mh.get(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != MPG123_OK)
        return Error::Internal(std::string("libmpg123 feed: ") + mpg123_strerror(mh.get()));
    Pcm pcm;
    int channels = 0;
    int64_t max = 0;
    std::vector<float> buf(1152 * 2);  // one frame at a time: decoding stops within a frame of the limit
    for (;;) {
        size_t done = 0;
        const int r =
            mpg123_read(mh.get(), reinterpret_cast<unsigned char*>(buf.data()), buf.size() * sizeof(float), &done);
        if (r == MPG123_NEW_FORMAT) {
            long rate = 0;
            int encoding = 0;
            mpg123_getformat(mh.get(), &rate, &channels, &encoding);
            if (pcm.rate != 0 && rate != pcm.rate)
                return DamagedClip("MP3: the sample rate changes from " + std::to_string(pcm.rate) + " to " +
                                   std::to_string(rate) + " Hz");
            if (encoding != MPG123_ENC_FLOAT_32 || channels < 1 || channels > 2)
                return Error::Internal("libmpg123 gave encoding " + std::to_string(encoding));
            pcm.rate = static_cast<int>(rate);
            CAUNOI_TRY(CheckRate(pcm.rate, limits));
            max = MaxSamples(limits, pcm.rate);
            // A Xing or LAME tag in the first frame gives the length before decoding.
            if (const off_t length = mpg123_length(mh.get()); length > max)
                return TooLong(limits, "its Xing/LAME tag says " + Seconds(static_cast<double>(length) / pcm.rate));
        }
        if (r != MPG123_OK && r != MPG123_NEW_FORMAT && r != MPG123_NEED_MORE && r != MPG123_DONE)
            return DamagedClip(std::string("MP3: ") + mpg123_strerror(mh.get()));
        const size_t frames = done / sizeof(float) / static_cast<size_t>(channels > 0 ? channels : 1);
        for (size_t i = 0; i < frames; ++i)
            pcm.samples.push_back(channels == 1 ? buf[i] : (buf[2 * i] + buf[2 * i + 1]) / 2);
        if (pcm.rate > 0 && static_cast<int64_t>(pcm.samples.size()) > max)
            return TooLong(limits, "decoding stopped at " + Seconds(pcm.Seconds()));
        if (r == MPG123_NEED_MORE || r == MPG123_DONE) break;  // every byte fed has been read
    }
    if (pcm.rate == 0 || pcm.samples.empty()) return DamagedClip("MP3: no frame decodes");
    // A file cut off short of what its tag says (a truncated upload).
    if (const off_t length = mpg123_length(mh.get());
        length > 0 &&
        static_cast<double>(length - static_cast<off_t>(pcm.samples.size())) > kIncompleteSeconds * pcm.rate)
        return DamagedClip("MP3: its tag says " + Seconds(static_cast<double>(length) / pcm.rate) + ", only " +
                           Seconds(pcm.Seconds()) + " decode");
    return pcm;
}

// The source's name and its samples, every check passed, and their loudness.
struct Checked {
    Pcm pcm;
    Loudness loudness;
    std::string source;
};

Result<Checked> DecodeAndCheck(std::string_view bytes, const ClipLimits& limits) {
    if (bytes.size() > limits.max_bytes)
        return ClipError(ErrorCode::kPayloadTooLarge,
                         std::to_string(bytes.size()) + " bytes, at most " + std::to_string(limits.max_bytes),
                         N_("The recording is too large: at most 12 MB."));
    Checked out;
    Result<Pcm> pcm = Error::Internal("not decoded");
    switch (Sniff(bytes)) {
        case Kind::kWebm:
            out.source = "webm", pcm = DecodeWebmClip(bytes, limits);
            break;
        case Kind::kOgg:
            out.source = "ogg", pcm = DecodeOggClip(bytes, limits);
            break;
        case Kind::kWav:
            out.source = "wav", pcm = DecodeWavClip(bytes, limits);
            break;
        case Kind::kMp3:
            out.source = "mp3", pcm = DecodeMp3Clip(bytes, limits);
            break;
        case Kind::kNone:
            return UnsupportedClip("not a WebM, Ogg Opus, WAV or MP3 file (by its first bytes)");
    }
    if (!pcm.ok()) return pcm.error();
    out.pcm = std::move(pcm).value();
    if (out.pcm.Seconds() < limits.min_seconds)
        return ClipError(ErrorCode::kInvalid, Seconds(out.pcm.Seconds()) + ", at least " + Seconds(limits.min_seconds),
                         N_("The recording is too short: at least 1 second."));
    CAUNOI_ASSIGN(out.loudness, MeasureLoudness(out.pcm));
    if (!(out.loudness.lufs >= kSilentLufs)) {  // -infinity: no block above the absolute gate
        char detail[96];
        std::snprintf(detail, sizeof detail, "integrated loudness %.1f LUFS, below %.0f LUFS", out.loudness.lufs,
                      kSilentLufs);
        return ClipError(ErrorCode::kInvalid, detail,
                         N_("The recording is silent or too quiet: hold the phone closer and record again."));
    }
    size_t clipped = 0, run = 0;
    int sign = 0;
    for (const float x : out.pcm.samples) {
        const int s = x >= kFullScale ? 1 : x <= -kFullScale ? -1 : 0;
        run = s != 0 && s == sign ? run + 1 : s != 0 ? 1 : 0;
        sign = s;
        if (run == static_cast<size_t>(kClipRun))
            clipped += kClipRun;  // the run's first samples now count
        else if (run > static_cast<size_t>(kClipRun))
            ++clipped;
    }
    if (static_cast<double>(clipped) > kMaxClippedShare * static_cast<double>(out.pcm.samples.size())) {
        char detail[128];
        std::snprintf(detail, sizeof detail, "%zu of %zu samples (%.2f %%) clipped at full scale, at most %.2f %%",
                      clipped, out.pcm.samples.size(), 100.0 * clipped / out.pcm.samples.size(),
                      100 * kMaxClippedShare);
        return ClipError(ErrorCode::kInvalid, detail,
                         N_("The recording is distorted (too loud): hold the phone a little further away and record "
                            "again."));
    }
    return out;
}

}  // namespace

Result<Pcm> DecodeClip(std::string_view bytes, const ClipLimits& limits) {
    CAUNOI_ASSIGN(Checked checked, DecodeAndCheck(bytes, limits));
    return std::move(checked.pcm);
}

Result<Clip> ProcessClip(std::string_view bytes, const ClipLimits& limits) {
    CAUNOI_ASSIGN(Checked checked, DecodeAndCheck(bytes, limits));
    Clip clip;
    clip.source = checked.source;
    clip.seconds = checked.pcm.Seconds();
    clip.input_lufs = checked.loudness.lufs;
    clip.gain_db = std::min(kTargetLufs - checked.loudness.lufs, kMaxPeakDbfs - checked.loudness.PeakDbfs());
    const auto gain = static_cast<float>(std::pow(10.0, clip.gain_db / 20));
    for (float& x : checked.pcm.samples) x *= gain;
    CAUNOI_ASSIGN(const Loudness after, MeasureLoudness(checked.pcm));
    clip.output_lufs = after.lufs;
    CAUNOI_ASSIGN(clip.opus, EncodeOpus(checked.pcm));
    CAUNOI_ASSIGN(clip.mp3, EncodeMp3(checked.pcm));
    return clip;
}

}  // namespace caunoi::audio
