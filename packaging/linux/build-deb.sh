#!/usr/bin/env bash
# Makes the .deb for one architecture with dpkg-deb:
#   packaging/linux/build-deb.sh ARCH BINARY VERSION OUT_DIR     (ARCH: amd64 or arm64)
# Layout: /usr/lib/nianbao/{nianbao,fonts/,examples/} (the program finds fonts/ beside its
# own file), /usr/bin/nianbao -> ../lib/nianbao/nianbao, the menu entry "年报", the icon in
# the hicolor theme, and the draft type application/x-nianbao-draft (*.ron, 年报草稿).
# No maintainer scripts: dpkg's triggers of shared-mime-info, desktop-file-utils and the icon
# cache pick the new files up.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 ARCH BINARY VERSION OUT_DIR" >&2; exit 2; }
arch=$1 binary=$2 version=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
maintainer=${NIANBAO_MAINTAINER:-$(git -C "$repo" log -1 --format='%an <%ae>' 2>/dev/null || true)}
[ -n "$maintainer" ] || { echo "set NIANBAO_MAINTAINER=\"Name <email>\"" >&2; exit 2; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
lib=$root/usr/lib/nianbao
install -d "$lib/fonts" "$lib/examples" "$root/usr/bin" "$root/DEBIAN" \
  "$root/usr/share/applications" "$root/usr/share/mime/packages" \
  "$root/usr/share/doc/nianbao"
install -m 0755 "$binary" "$lib/nianbao"
install -m 0644 "$repo"/fonts/*.otf "$repo"/fonts/*.ttf "$repo/fonts/OFL-1.1.txt" "$repo/fonts/FANDOL-LICENSE.txt" \
  "$repo/fonts/README.md" "$lib/fonts/"
install -m 0644 "$repo/examples/jinxiang-2021.ron" "$lib/examples/"
ln -s ../lib/nianbao/nianbao "$root/usr/bin/nianbao"
install -m 0644 "$here/nianbao.desktop" "$root/usr/share/applications/nianbao.desktop"
install -m 0644 "$here/nianbao.xml" "$root/usr/share/mime/packages/nianbao.xml"
for png in "$repo"/packaging/icons/png/*.png; do
  size=$(basename "$png" .png)
  install -d "$root/usr/share/icons/hicolor/$size/apps" "$root/usr/share/icons/hicolor/$size/mimetypes"
  install -m 0644 "$png" "$root/usr/share/icons/hicolor/$size/apps/nianbao.png"
  install -m 0644 "$png" "$root/usr/share/icons/hicolor/$size/mimetypes/application-x-nianbao-draft.png"
done
install -d "$root/usr/share/icons/hicolor/scalable/apps"
install -m 0644 "$repo/packaging/icons/nianbao.svg" "$root/usr/share/icons/hicolor/scalable/apps/nianbao.svg"
cat > "$root/usr/share/doc/nianbao/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: nianbao

Files: *
License: MIT

Files: usr/lib/nianbao/fonts/Noto* usr/lib/nianbao/fonts/NianbaoSerif*
License: OFL-1.1
Comment: full text in /usr/lib/nianbao/fonts/OFL-1.1.txt

Files: usr/lib/nianbao/fonts/Fandol*
License: GPL-3 with font exception
Comment: full text in /usr/lib/nianbao/fonts/FANDOL-LICENSE.txt
COPYRIGHT

# Linked: only glibc (the binary is linked against glibc 2.28 by zig). The X11, xkbcommon and
# D-Bus libraries are opened at run time (dlopen), so dpkg-shlibdeps cannot see them: they are
# listed by hand (the sonames the binary names; all present on any 统信/麒麟 desktop).
size_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: nianbao
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size_kb
Depends: libc6 (>= 2.28), libx11-6, libx11-xcb1, libxcb1, libxcursor1, libxi6, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3
Recommends: xdg-desktop-portal | zenity
Section: utils
Priority: optional
Description: 年报 — 政府信息公开工作年度报告
 Write, check and print the yearly government information disclosure report
 (政府信息公开工作年度报告) of a Chinese government office: forms for every
 section and table, the statistical checks, and a PDF in the official layout
 with bundled open fonts.
CONTROL
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
mkdir -p "$out"
deb="$out/nianbao_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
