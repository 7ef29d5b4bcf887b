#!/bin/sh
# Rebuild the bundled fonts in this directory from the Debian 12 (bookworm) packages.
# Usage: fonts/make-subsets.sh [DEB_DIR]
#   DEB_DIR holds (or receives, via `apt-get download`) the .deb files:
#     fonts-noto-cjk        1:20220127+repack1-1
#     texlive-lang-chinese  2022.20230122-1
# Needs: dpkg-deb, python3 with fonttools (pip install fonttools).
set -eu

FONTS_DIR=$(cd "$(dirname "$0")" && pwd)
DEB_DIR=${1:-/tmp/nianbao-font-debs}
NOTO_VER='1:20220127+repack1-1'
TL_VER='2022.20230122-1'

mkdir -p "$DEB_DIR"
cd "$DEB_DIR"
ls fonts-noto-cjk_*_all.deb >/dev/null 2>&1 || apt-get download "fonts-noto-cjk=$NOTO_VER"
ls texlive-lang-chinese_*_all.deb >/dev/null 2>&1 || apt-get download "texlive-lang-chinese=$TL_VER"
NOTO_DEB=$(ls "$DEB_DIR"/fonts-noto-cjk_*_all.deb | head -n1)
TL_DEB=$(ls "$DEB_DIR"/texlive-lang-chinese_*_all.deb | head -n1)
for pair in "$NOTO_DEB|$NOTO_VER" "$TL_DEB|$TL_VER"; do
    deb=${pair%%|*}; want=${pair#*|}
    got=$(dpkg-deb -f "$deb" Version)
    [ "$got" = "$want" ] || echo "WARNING: $deb is version $got, README documents $want" >&2
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dpkg-deb -x "$NOTO_DEB" "$WORK/x"
dpkg-deb -x "$TL_DEB" "$WORK/x"
NOTO="$WORK/x/usr/share/fonts/opentype/noto"
FANDOL="$WORK/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
FANDOL_DOC="$WORK/x/usr/share/doc/texlive-doc/fonts/fandol"

# Unicode ranges kept in the Noto subsets.
UNICODES="U+0020-00FF,U+2000-206F,U+2100-218F,U+2190-22FF,U+2460-24FF,U+2500-25FF,\
U+3000-303F,U+4E00-9FFF,U+FE10-FE1F,U+FE30-FE4F,U+FF00-FFEF"

# Face index 2 of every NotoSerifCJK-*.ttc / NotoSansCJK-*.ttc is "... CJK SC".
subset() { # $1 = source .ttc, $2 = output .otf
    pyftsubset "$1" --font-number=2 --unicodes="$UNICODES" \
        --layout-features=kern,vert,vrt2 --no-hinting --no-glyph-names \
        --notdef-outline --name-IDs='*' --name-languages='*' --name-legacy \
        --output-file="$2"
}
subset "$NOTO/NotoSerifCJK-Bold.ttc"    "$FONTS_DIR/NotoSerifSC-Bold.otf"
subset "$NOTO/NotoSerifCJK-Regular.ttc" "$FONTS_DIR/NotoSerifSC-Regular.otf"
subset "$NOTO/NotoSansCJK-Regular.ttc"  "$FONTS_DIR/NotoSansSC-Regular.otf"
# The app's UI font gets a family name of its own (see rename-ui-font.py).
python3 "$(dirname "$0")/rename-ui-font.py" "$FONTS_DIR/NotoSansSC-Regular.otf"

# Fandol: GPL-3 + font exception, copied unmodified.
cp "$FANDOL/FandolFang-Regular.otf" "$FANDOL/FandolKai-Regular.otf" "$FONTS_DIR/"

# Licences.
{
    echo "NotoSerifSC-Bold.otf, NotoSerifSC-Regular.otf and NotoSansSC-Regular.otf in this"
    echo "directory are subsets (made with fontTools pyftsubset) of the \"Noto Serif CJK SC\""
    echo "and \"Noto Sans CJK SC\" faces of Debian package fonts-noto-cjk $NOTO_VER."
    echo
    for f in NotoSerifCJK-Bold.ttc NotoSerifCJK-Regular.ttc NotoSansCJK-Regular.ttc; do
        python3 -c 'import sys; from fontTools.ttLib import TTFont; n = TTFont(sys.argv[1], fontNumber=2, lazy=True)["name"]; print("%s face 2: %s (%s)" % (sys.argv[2], n.getDebugName(0), n.getDebugName(5)))' "$NOTO/$f" "$f"
    done
    echo "Trademark (name ID 7): Noto is a trademark of Google Inc."
    echo "Upstream: https://github.com/googlefonts/noto-cjk"
    echo
    echo "Licence text as shipped in /usr/share/doc/fonts-noto-cjk/copyright"
    echo "(stanza \"License: SIL-1.1\", i.e. the SIL Open Font License 1.1):"
    echo
    awk '/^License: SIL-1.1$/ && !/Files/ {n++} n==2 && /^License: GPL-3\+$/ {exit} n==2 && !/^License:/ {print}' \
        "$WORK/x/usr/share/doc/fonts-noto-cjk/copyright" | sed 's/^ \.$//; s/^ //'
} > "$FONTS_DIR/OFL-1.1.txt"
{
    echo "FandolFang-Regular.otf and FandolKai-Regular.otf (copied unmodified from"
    echo "texmf-dist/fonts/opentype/public/fandol/ in Debian package"
    echo "texlive-lang-chinese $TL_VER)."
    echo
    echo "=== README (texmf-dist/doc/fonts/fandol/README) ==="
    cat "$FANDOL_DOC/README"
    echo
    echo "=== COPYING (texmf-dist/doc/fonts/fandol/COPYING): GPL-3 followed by the font exception ==="
    zcat "$FANDOL_DOC/COPYING.gz"
} > "$FONTS_DIR/FANDOL-LICENSE.txt"

ls -l "$FONTS_DIR"
