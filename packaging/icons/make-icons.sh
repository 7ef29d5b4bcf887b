#!/usr/bin/env bash
# Renders the app icon from its two drawings into every file the packages use, and writes them
# here (they are committed, so building a release needs none of these tools):
#   nianbao-16.svg -> 16 px (fitted to the pixel grid), nianbao.svg -> 24..256 px;
#   nianbao.ico (Windows exe, installer, shortcuts), png/NxN.png (Linux hicolor theme),
#   nianbao-64.rgba (raw RGBA pixels for the window icon, read by src/gui/mod.rs).
# Needs: rsvg-convert (librsvg2-bin), icotool (icoutils), ImageMagick `convert`.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
rsvg-convert -w 16 -h 16 nianbao-16.svg -o png/16x16.png
for s in 24 32 48 64 128 256; do
  rsvg-convert -w "$s" -h "$s" nianbao.svg -o "png/${s}x${s}.png"
done
icotool -c -o nianbao.ico png/16x16.png png/24x24.png png/32x32.png png/48x48.png png/64x64.png \
  -r png/256x256.png
convert png/64x64.png -depth 8 rgba:nianbao-64.rgba
echo "icons written: $(ls png | tr '\n' ' ') nianbao.ico nianbao-64.rgba"
