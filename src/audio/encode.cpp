#include "audio/encode.hpp"

#include <lame/lame.h>
#include <opusenc.h>

#include <cstring>
#include <limits>
#include <memory>

namespace caunoi::audio {
namespace {

// libopusenc's output callbacks: every page appended to a string.
int AppendPage(void* user_data, const unsigned char* ptr, opus_int32 len) {
    static_cast<std::string*>(user_data)->append(reinterpret_cast<const char*>(ptr), static_cast<size_t>(len));
    return 0;
}
int CloseNothing(void*) { return 0; }

Result<void> CheckPcm(const Pcm& pcm, const char* what) {
    if (pcm.samples.empty()) return Error::Internal(std::string(what) + ": no samples");
    if (pcm.rate < 1 || pcm.rate > 192000)
        return Error::Internal(std::string(what) + ": rate " + std::to_string(pcm.rate));
    if (pcm.samples.size() > static_cast<size_t>(std::numeric_limits<int>::max() / 2))
        return Error::Internal(std::string(what) + ": too many samples");
    return {};
}

}  // namespace

Result<std::string> EncodeOpus(const Pcm& pcm) {
    CAUNOI_TRY(CheckPcm(pcm, "Opus encoding"));
    std::unique_ptr<OggOpusComments, void (*)(OggOpusComments*)> comments(ope_comments_create(), &ope_comments_destroy);
    if (!comments) return Error::Internal("ope_comments_create failed");
    std::string out;
    const OpusEncCallbacks callbacks{&AppendPage, &CloseNothing};
    int error = OPE_OK;
    std::unique_ptr<OggOpusEnc, void (*)(OggOpusEnc*)> enc(
        ope_encoder_create_callbacks(&callbacks, &out, comments.get(), pcm.rate, 1, 0, &error), &ope_encoder_destroy);
    if (!enc || error != OPE_OK)
        return Error::Internal("ope_encoder_create_callbacks: " + std::string(ope_strerror(error)));
    // Every setting before the first sample (the application cannot change after the first frame).
    for (const int r :
         {ope_encoder_ctl(enc.get(), OPUS_SET_APPLICATION(OPUS_APPLICATION_VOIP)),
          ope_encoder_ctl(enc.get(), OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE)),
          ope_encoder_ctl(enc.get(), OPUS_SET_BITRATE(kOpusBitsPerSecond)), ope_encoder_ctl(enc.get(), OPUS_SET_VBR(1)),
          ope_encoder_ctl(enc.get(), OPE_SET_COMMENT_PADDING(0))})
        if (r != OPE_OK) return Error::Internal("ope_encoder_ctl: " + std::string(ope_strerror(r)));
    error = ope_encoder_write_float(enc.get(), pcm.samples.data(), static_cast<int>(pcm.samples.size()));
    if (error == OPE_OK) error = ope_encoder_drain(enc.get());
    if (error != OPE_OK) return Error::Internal("Opus encoding: " + std::string(ope_strerror(error)));
    return out;
}

Result<std::string> EncodeMp3(const Pcm& pcm) {
    CAUNOI_TRY(CheckPcm(pcm, "MP3 encoding"));
    std::unique_ptr<lame_global_flags, int (*)(lame_global_flags*)> lame(lame_init(), &lame_close);
    if (!lame) return Error::Internal("lame_init failed");
    lame_set_num_channels(lame.get(), 1);
    lame_set_mode(lame.get(), MONO);
    lame_set_in_samplerate(lame.get(), pcm.rate);
    lame_set_out_samplerate(lame.get(), kMp3SampleRate);
    lame_set_VBR(lame.get(), vbr_off);
    lame_set_brate(lame.get(), kMp3KbitPerSecond);
    lame_set_bWriteVbrTag(lame.get(), 1);  // the info tag: players and decoders know the length and the padding
    if (lame_init_params(lame.get()) < 0) return Error::Internal("lame_init_params refused the settings");
    // LAME's bound for one call, 1.25 bytes a sample and 7200, in samples at the output rate (more
    // than the input's when LAME resamples up).
    const double ratio = static_cast<double>(kMp3SampleRate) / pcm.rate;
    const size_t bound =
        static_cast<size_t>(static_cast<double>(pcm.samples.size()) * (ratio > 1 ? ratio : 1)) * 5 / 4 + 7200;
    std::string out(bound, '\0');
    auto* buf = reinterpret_cast<unsigned char*>(out.data());
    const int n =
        lame_encode_buffer_ieee_float(lame.get(), pcm.samples.data(), pcm.samples.data(),
                                      static_cast<int>(pcm.samples.size()), buf, static_cast<int>(out.size()));
    if (n < 0) return Error::Internal("lame_encode_buffer_ieee_float failed: " + std::to_string(n));
    const int tail = lame_encode_flush(lame.get(), buf + n, static_cast<int>(out.size()) - n);
    if (tail < 0) return Error::Internal("lame_encode_flush failed: " + std::to_string(tail));
    out.resize(static_cast<size_t>(n + tail));
    // The first frame was left empty for the info tag, known now.
    unsigned char tag[2880];
    const size_t tag_size = lame_get_lametag_frame(lame.get(), tag, sizeof tag);
    if (tag_size > sizeof tag || tag_size > out.size()) return Error::Internal("LAME info tag does not fit");
    std::memcpy(out.data(), tag, tag_size);
    return out;
}

}  // namespace caunoi::audio
