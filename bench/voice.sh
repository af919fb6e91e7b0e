#!/usr/bin/env bash
# Voice clips and read-aloud benchmark (docs/benchmarks.md, "Voice clips and read-aloud"; docs/audio.md).
# A 60-second Vietnamese safety announcement (about 190 syllables, below), in $ROUNDS alternating rounds:
#  a. caunoi in-process (build/caunoi_bench_voice): audio::SpeakVietnamese (espeak-ng synthesis,
#     WAV, MP3 and Opus), EncodeOpus and EncodeMp3 timed alone on the same speech, and
#     ProcessClip of the speech's WAV (a 60-second recorded clip's whole pipeline);
#  b. the command lines doing the same: `espeak-ng -v vi -s 150 -w` (synthesis to WAV), then
#     `opusenc --bitrate 24 --vbr --speech` and `lame -m m -b 64 --cbr --resample 44.1` on that WAV.
# Prints medians, the bytes of each output and the ratios ours / command line.
# VOICE_BENCH=path runs a caunoi_bench_voice built elsewhere (else build/'s, built here by ninja).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v opusenc >/dev/null && command -v lame >/dev/null && command -v espeak-ng >/dev/null || scripts/setup bench
BENCH=${VOICE_BENCH:-build/caunoi_bench_voice}
if [[ -z ${VOICE_BENCH:-} ]]; then
  [[ -f build/build.ninja ]] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
  ninja -C build caunoi_bench_voice >/dev/null
fi
ROUNDS=${ROUNDS:-5}
WORK=$(mktemp -d /tmp/caunoi-bench-voice.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cat >"$WORK/script.txt" <<'TEXT'
Thông báo của tổ công nghệ số cộng đồng xã. Bà con chú ý: đêm nay và ngày mai, trên địa bàn xã có mưa to, nguy cơ lũ quét và sạt lở đất ở các bản ven suối và chân đồi. Bà con không đi qua suối, không ở lại trong nhà sát taluy, chuẩn bị đèn pin, thuốc men và giấy tờ quan trọng, sẵn sàng di chuyển lên chỗ cao khi có lệnh. Khi nghe kẻng báo động, cả bản tập trung ở nhà văn hóa, mang theo áo mưa, nước uống và lương thực cho hai ngày. Trẻ em và người già cần có người đi cùng. Bà con cũng cần cảnh giác với kẻ gian. Công an không gọi điện để hướng dẫn nâng cấp định danh điện tử mức hai, không gửi đường link lạ qua tin nhắn hay Zalo. Tuyệt đối không đọc mã OTP cho bất kỳ ai, không chuyển tiền cho người lạ. Nếu nghi ngờ lừa đảo, hãy báo ngay cho trưởng bản, tổ công nghệ số hoặc công an xã. Xin cảm ơn bà con đã lắng nghe.
TEXT
SYLLABLES=$(wc -w <"$WORK/script.txt")

OURS=(); SYNTH=(); OPUS=(); MP3=(); CLIP=(); CLI_SYNTH=(); CLI_OPUS=(); CLI_MP3=()
for _ in $(seq "$ROUNDS"); do
  "$BENCH" "$WORK/script.txt" 1 >"$WORK/ours.txt"
  get() { awk -v k="$1" '$1 == k {print $2}' "$WORK/ours.txt"; }
  OURS+=("$(get speak_ms)"); SYNTH+=("$(get synth_ms)"); OPUS+=("$(get opus_ms)"); MP3+=("$(get mp3_ms)")
  CLIP+=("$(get clip_ms)")
  a=$(now_ms); espeak-ng -v vi -s 150 -w "$WORK/cli.wav" -f "$WORK/script.txt"; b=$(now_ms)
  opusenc --quiet --bitrate 24 --vbr --speech "$WORK/cli.wav" "$WORK/cli.opus"; c=$(now_ms)
  lame --quiet -m m -b 64 --cbr --resample 44.1 "$WORK/cli.wav" "$WORK/cli.mp3"; d=$(now_ms)
  CLI_SYNTH+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", b - a }')")
  CLI_OPUS+=("$(awk -v a="$b" -v b="$c" 'BEGIN { printf "%.1f", b - a }')")
  CLI_MP3+=("$(awk -v a="$c" -v b="$d" 'BEGIN { printf "%.1f", b - a }')")
done
m() { printf '%s\n' "$@" | median; }
O_SPEAK=$(m "${OURS[@]}"); O_SYNTH=$(m "${SYNTH[@]}"); O_OPUS=$(m "${OPUS[@]}"); O_MP3=$(m "${MP3[@]}"); O_CLIP=$(m "${CLIP[@]}")
C_SYNTH=$(m "${CLI_SYNTH[@]}"); C_OPUS=$(m "${CLI_OPUS[@]}"); C_MP3=$(m "${CLI_MP3[@]}")
C_ALL=$(awk -v a="$C_SYNTH" -v b="$C_OPUS" -v c="$C_MP3" 'BEGIN { printf "%.1f", a + b + c }')
# For reading the command lines' times: each program started and stopped, doing nothing.
start=$(now_ms)
for _ in 1 2 3 4 5; do espeak-ng --version >/dev/null; opusenc --version >/dev/null; lame --version >/dev/null; done
STARTS_MS=$(awk -v a="$start" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 5 }')
get() { awk -v k="$1" '$1 == k {print $2}' "$WORK/ours.txt"; }
size() { stat -c %s "$WORK/$1"; }
SECONDS_SPOKEN=$(get seconds)
CLI_SECONDS=$(awk -v n="$(($(size cli.wav) - 44))" 'BEGIN { printf "%.2f", n / 2 / 22050 }')

echo
echo "## Voice: synthesis and encoding of a 60-second script, caunoi vs the command lines ($SYLLABLES syllables; $ROUNDS alternating rounds, medians)"
echo
echo "| step | caunoi, in process (ms) | command line (ms) | ratio caunoi / CLI |"
echo "|---|---|---|---|"
echo "| synthesis to WAV (espeak-ng, vi, 150 wpm) | $O_SYNTH (SpeakVietnamese less the two encodes) | $C_SYNTH (espeak-ng -w) | $(ratio "$O_SYNTH" "$C_SYNTH") |"
echo "| Opus, mono, 24 kbit/s VBR, speech | $O_OPUS (EncodeOpus) | $C_OPUS (opusenc) | $(ratio "$O_OPUS" "$C_OPUS") |"
echo "| MP3, mono, 44.1 kHz, 64 kbit/s CBR | $O_MP3 (EncodeMp3) | $C_MP3 (lame) | $(ratio "$O_MP3" "$C_MP3") |"
echo "| **all three** | **$O_SPEAK** (SpeakVietnamese) | **$C_ALL** | **$(ratio "$O_SPEAK" "$C_ALL")** |"
echo "| a recorded 60-s clip, whole pipeline (ProcessClip of the WAV: decode, checks, loudness, Opus, MP3) | $O_CLIP | | |"
echo "| (the three programs started and stopped, doing nothing: $STARTS_MS ms) | | | |"
echo
echo "| output | caunoi: bytes | command line: bytes | ratio |"
echo "|---|---|---|---|"
echo "| speech, seconds | $SECONDS_SPOKEN | $CLI_SECONDS | |"
echo "| WAV, 16-bit 22.05 kHz | $(get wav_bytes) | $(size cli.wav) | $(ratio "$(get wav_bytes)" "$(size cli.wav)") |"
echo "| Opus | $(get opus_bytes) | $(size cli.opus) | $(ratio "$(get opus_bytes)" "$(size cli.opus)") |"
echo "| MP3 | $(get mp3_bytes) | $(size cli.mp3) | $(ratio "$(get mp3_bytes)" "$(size cli.mp3)") |"
echo "| clip pipeline's Opus / MP3 (normalised: $(get clip_input_lufs) → $(get clip_output_lufs) LUFS, gain $(get clip_gain_db) dB) | $(get clip_opus_bytes) / $(get clip_mp3_bytes) | | |"
echo
echo "Rounds (ms): SpeakVietnamese ${OURS[*]}; EncodeOpus ${OPUS[*]}; EncodeMp3 ${MP3[*]}; ProcessClip ${CLIP[*]}; espeak-ng ${CLI_SYNTH[*]}; opusenc ${CLI_OPUS[*]}; lame ${CLI_MP3[*]}"
