#!/usr/bin/env bash
# Builds every release package from a clean checkout into dist/ and prints their sizes:
#   dist/nianbao-VERSION-windows-x64-portable.zip   nianbao.exe + fonts\ + examples\ + 使用说明.txt
#   dist/nianbao-VERSION-windows-x64-setup.exe      NSIS installer, per user, no admin rights
#   dist/nianbao_VERSION_amd64.deb                  统信UOS / 麒麟 / Debian family, x86_64
#   dist/nianbao_VERSION_arm64.deb                  the same for arm64 (Phytium, Kunpeng)
#   dist/SHA256SUMS
# Usage: bash packaging/dist.sh     (as root on Debian 12 it installs the tools it lacks)
# Env: CARGO_TARGET_DIR (default target/), NIANBAO_MAINTAINER for the .deb (default: last
# commit's author), DIST_SKIP_ARM64=1 to leave out the arm64 .deb.
#
# The Linux binaries are linked with zig (PyPI ziglang, through cargo-zigbuild) against glibc
# 2.28, so they also run on 统信UOS 20 (glibc 2.28) and 麒麟 V10 (2.31); a plain build on
# Debian 12 would need glibc 2.34. The Windows exe is cross-compiled with MinGW-w64 and gets
# its icon and version information from build.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
start=$(date +%s)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
dist=$repo/dist
stage=$CARGO_TARGET_DIR/packaging-stage
step() { printf '\n== %s (%ds)\n' "$*" $(($(date +%s) - start)); }

step "tools"
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v makensis >/dev/null || need+=(nsis)
command -v dpkg-deb >/dev/null || need+=(dpkg)
command -v python3 >/dev/null || need+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "please install: ${need[*]}" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
targets=(x86_64-pc-windows-gnu x86_64-unknown-linux-gnu)
[ "${DIST_SKIP_ARM64:-}" = 1 ] || targets+=(aarch64-unknown-linux-gnu)
rustup target add "${targets[@]}"
venv=$CARGO_TARGET_DIR/packaging-tools
if [ ! -x "$venv/bin/cargo-zigbuild" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "ziglang==0.15.2" "cargo-zigbuild==0.24.0"
fi
export PATH=$venv/bin:$PATH

step "build nianbao.exe (x86_64-pc-windows-gnu)"
cargo build --release --locked --target x86_64-pc-windows-gnu
exe=$CARGO_TARGET_DIR/x86_64-pc-windows-gnu/release/nianbao.exe

step "build nianbao (x86_64-unknown-linux-gnu, glibc 2.28)"
cargo zigbuild --release --locked --target x86_64-unknown-linux-gnu.2.28
if [ "${DIST_SKIP_ARM64:-}" != 1 ]; then
  step "build nianbao (aarch64-unknown-linux-gnu, glibc 2.28)"
  cargo zigbuild --release --locked --target aarch64-unknown-linux-gnu.2.28
fi

step "stage"
rm -rf "$stage" "$dist"
mkdir -p "$stage/win" "$dist"
w=$stage/win
mkdir -p "$w/fonts" "$w/examples"
x86_64-w64-mingw32-strip -o "$w/nianbao.exe" "$exe"
cp fonts/*.otf fonts/*.ttf fonts/OFL-1.1.txt fonts/FANDOL-LICENSE.txt fonts/README.md "$w/fonts/"
cp examples/jinxiang-2021.ron "$w/examples/"
cp packaging/windows/使用说明.txt "$w/"

step "portable zip"
zip=$dist/nianbao-$version-windows-x64-portable.zip
python3 packaging/windows/make-zip.py "$w" "年报-$version-便携版" "$zip"

step "installer (NSIS)"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSTAGE="$w" \
  -DOUTFILE="$dist/nianbao-$version-windows-x64-setup.exe" \
  -DICON="$repo/packaging/icons/nianbao.ico" packaging/windows/nianbao.nsi

step ".deb"
bin_amd64=$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release/nianbao
strip -o "$stage/nianbao-amd64" "$bin_amd64"
packaging/linux/build-deb.sh amd64 "$stage/nianbao-amd64" "$version" "$dist"
if [ "${DIST_SKIP_ARM64:-}" != 1 ]; then
  bin_arm64=$CARGO_TARGET_DIR/aarch64-unknown-linux-gnu/release/nianbao
  # Already stripped: zig links release binaries without symbols (`file` says "stripped").
  cp "$bin_arm64" "$stage/nianbao-arm64"
  packaging/linux/build-deb.sh arm64 "$stage/nianbao-arm64" "$version" "$dist"
fi

step "done"
(cd "$dist" && sha256sum -- * > SHA256SUMS)
printf '\n%-48s %12s\n' "dist/" "size"
for f in "$dist"/*; do
  [ "$(basename "$f")" = SHA256SUMS ] && continue
  bytes=$(stat -c %s "$f")
  printf '%-48s %9.1f MB  (%d bytes)\n' "$(basename "$f")" "$(awk "BEGIN { print $bytes / 1048576 }")" "$bytes"
done
printf 'fonts in the zip (uncompressed): %.1f MB; nianbao.exe: %.1f MB\n' \
  "$(du -sb "$w/fonts" | awk '{print $1/1048576}')" "$(stat -c %s "$w/nianbao.exe" | awk '{print $1/1048576}')"
echo "dist.sh took $(($(date +%s) - start)) s"
