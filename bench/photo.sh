#!/usr/bin/env bash
# Listing photos benchmark (docs/benchmarks.md, "Listing photos"; docs/photos.md).
# Makes $IMAGES 12 MP JPEGs that compress like phone photos (colour noise, blurred, over a ramp,
# saved at Q 90, no EXIF orientation) with the vips command line, then, in $ROUNDS alternating
# rounds, times:
#  a. caunoi's pipeline in-process (build/caunoi_bench_photo: listings::ProcessPhoto over every
#     image, ms per image, libvips' tracked memory high-water mark and the process's peak RSS);
#  b. the vips command line doing the same work per image: four `vips thumbnail` (decode with
#     shrink-on-load, resize, save) to the two sizes caunoi produced, each as WebP and JPEG,
#     stripped, at the qualities caunoi ended up using.
# Prints medians and the ratio ours / CLI (goal <= 1.2). Both use 2 libvips threads.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v vips >/dev/null || scripts/setup bench  # libvips-tools: the vips command line
[[ -f build/build.ninja ]] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
ninja -C build caunoi_bench_photo >/dev/null
IMAGES=${IMAGES:-4}; ROUNDS=${ROUNDS:-3}
export VIPS_CONCURRENCY=2
WORK=$(mktemp -d /tmp/caunoi-bench-photo.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1e6}'; }

PHOTOS=()
for i in $(seq "$IMAGES"); do
  w="$WORK/make$i"; mkdir -p "$w"
  for b in 0 1 2; do vips gaussnoise "$w/n$b.v" 4000 3000 --mean 83 --sigma 60 --seed $((i * 10 + b)); done
  vips bandjoin "$w/n0.v $w/n1.v $w/n2.v" "$w/rgb.v"
  vips gaussblur "$w/rgb.v" "$w/blur.v" 1.2
  vips grey "$w/ramp.v" 4000 3000
  vips linear "$w/ramp.v" "$w/ramp2.v" 90 0  # a left-to-right ramp of 0..90 over noise of mean 83
  vips add "$w/blur.v" "$w/ramp2.v" "$w/sum.v"
  vips cast "$w/sum.v" "$w/photo.v" uchar
  vips copy "$w/photo.v" "$WORK/photo$i.jpg[Q=90]" --interpretation srgb
  rm -rf "$w"
  PHOTOS+=("$WORK/photo$i.jpg")
done
INPUT_KB=$(du -k "${PHOTOS[0]}" | cut -f1)

# One pass first: the sizes and qualities caunoi settles on for the last image, for the command
# line to match (the sizes compared below are of that image too: the CLI's last round ends on it).
build/caunoi_bench_photo "${PHOTOS[@]}" >"$WORK/ours.txt"
read -r _ LW LH LWB LWQ < <(grep '^large_webp' "$WORK/ours.txt")
read -r _ _ _ LJB LJQ < <(grep '^large_jpeg' "$WORK/ours.txt")
read -r _ TW TH TWB TWQ < <(grep '^thumb_webp' "$WORK/ours.txt")
read -r _ _ _ TJB TJQ < <(grep '^thumb_jpeg' "$WORK/ours.txt")

cli() {  # the same four images of $1 by the vips command line
  vips thumbnail "$1" "$WORK/cli_large.webp[Q=$LWQ,strip]" "$LW" --height "$LH" --size down
  vips thumbnail "$1" "$WORK/cli_large.jpg[Q=$LJQ,strip,optimize-coding]" "$LW" --height "$LH" --size down
  vips thumbnail "$1" "$WORK/cli_thumb.webp[Q=$TWQ,strip]" "$TW" --height "$TH" --size down
  vips thumbnail "$1" "$WORK/cli_thumb.jpg[Q=$TJQ,strip,optimize-coding]" "$TW" --height "$TH" --size down
}

OURS=(); CLI=(); VPEAK=(); RSS=()
for _ in $(seq "$ROUNDS"); do
  build/caunoi_bench_photo "${PHOTOS[@]}" >"$WORK/ours.txt"
  OURS+=("$(awk '/^ms_per_image/ {print $2}' "$WORK/ours.txt")")
  VPEAK+=("$(awk '/^vips_peak_mb/ {print $2}' "$WORK/ours.txt")")
  RSS+=("$(awk '/^rss_peak_mb/ {print $2}' "$WORK/ours.txt")")
  start=$(now_ms)
  for p in "${PHOTOS[@]}"; do cli "$p"; done
  end=$(now_ms)
  CLI+=("$(awk -v a="$start" -v b="$end" -v n="$IMAGES" 'BEGIN { printf "%.1f", (b - a) / n }')")
done
OURS_MS=$(printf '%s\n' "${OURS[@]}" | median)
CLI_MS=$(printf '%s\n' "${CLI[@]}" | median)

# For reading the CLI's time: a vips process that starts and does nothing, and its peak RSS per command.
start=$(now_ms)
for _ in 1 2 3 4 5 6 7 8; do vips --version >/dev/null; done
STARTUP_MS=$(awk -v a="$start" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 8 }')
CLI_RSS=0
for out in "rss_large.webp[Q=$LWQ,strip]" "rss_large.jpg[Q=$LJQ,strip,optimize-coding]"; do
  /usr/bin/time -f %M -o "$WORK/rss" vips thumbnail "${PHOTOS[0]}" "$WORK/$out" "$LW" --height "$LH" --size down
  CLI_RSS=$(awk -v a="$CLI_RSS" '{ print ($1 > a ? $1 : a) }' "$WORK/rss")
done
size() { stat -c %s "$WORK/$1"; }

echo
echo "## Listing photos: caunoi's pipeline vs the vips command line ($IMAGES JPEGs of 4000x3000, ${INPUT_KB} KB each; $ROUNDS alternating rounds, medians)"
echo
echo "| | ms per image | peak memory |"
echo "|---|---|---|"
echo "| caunoi ProcessPhoto, in process (1 decode, 4 encodes) | $OURS_MS | libvips $(printf '%s\n' "${VPEAK[@]}" | median) MB, RSS $(printf '%s\n' "${RSS[@]}" | median) MB |"
echo "| vips CLI: 4 × vips thumbnail (4 decodes, 4 encodes) | $CLI_MS | RSS $(awk -v k="$CLI_RSS" 'BEGIN { printf "%.1f", k / 1024 }') MB per command |"
echo "| **ratio caunoi / CLI** (goal <= 1.2) | **$(awk -v a="$OURS_MS" -v b="$CLI_MS" 'BEGIN { printf "%.2f", a / b }')** | |"
echo "| (a vips process that starts and exits: $STARTUP_MS ms; × 4 per image in the CLI's time) | | |"
echo
echo "| output | caunoi: size, Q, bytes (budget) | vips CLI, same Q: bytes |"
echo "|---|---|---|"
echo "| large WebP | ${LW}x${LH}, Q $LWQ, $LWB (61440) | $(size cli_large.webp) |"
echo "| large JPEG | ${LW}x${LH}, Q $LJQ, $LJB (61440) | $(size cli_large.jpg) |"
echo "| thumbnail WebP | ${TW}x${TH}, Q $TWQ, $TWB (8192) | $(size cli_thumb.webp) |"
echo "| thumbnail JPEG | ${TW}x${TH}, Q $TJQ, $TJB (8192) | $(size cli_thumb.jpg) |"
echo
echo "Rounds (ms per image): caunoi ${OURS[*]}; CLI ${CLI[*]}"
