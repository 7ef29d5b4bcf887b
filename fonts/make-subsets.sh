#!/bin/sh
# Rebuild the bundled fonts in this directory from the Debian 12 (bookworm) packages.
# Usage: fonts/make-subsets.sh [DEB_DIR]
#   DEB_DIR holds (or receives, via `apt-get download`) the .deb files:
#     fonts-noto-cjk        1:20220127+repack1-1
#     texlive-lang-chinese  2022.20230122-1
#     fonts-liberation2     2.1.5-1
# Needs: dpkg-deb, python3 with fonttools (pip install fonttools).
set -eu

FONTS_DIR=$(cd "$(dirname "$0")" && pwd)
DEB_DIR=${1:-/tmp/nianbao-font-debs}
NOTO_VER='1:20220127+repack1-1'
TL_VER='2022.20230122-1'
LIB_VER='2.1.5-1'

mkdir -p "$DEB_DIR"
cd "$DEB_DIR"
ls fonts-noto-cjk_*_all.deb >/dev/null 2>&1 || apt-get download "fonts-noto-cjk=$NOTO_VER"
ls texlive-lang-chinese_*_all.deb >/dev/null 2>&1 || apt-get download "texlive-lang-chinese=$TL_VER"
ls fonts-liberation2_*_all.deb >/dev/null 2>&1 || apt-get download "fonts-liberation2=$LIB_VER"
NOTO_DEB=$(ls "$DEB_DIR"/fonts-noto-cjk_*_all.deb | head -n1)
TL_DEB=$(ls "$DEB_DIR"/texlive-lang-chinese_*_all.deb | head -n1)
LIB_DEB=$(ls "$DEB_DIR"/fonts-liberation2_*_all.deb | head -n1)
for pair in "$NOTO_DEB|$NOTO_VER" "$TL_DEB|$TL_VER" "$LIB_DEB|$LIB_VER"; do
    deb=${pair%%|*}; want=${pair#*|}
    got=$(dpkg-deb -f "$deb" Version)
    [ "$got" = "$want" ] || echo "WARNING: $deb is version $got, README documents $want" >&2
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dpkg-deb -x "$NOTO_DEB" "$WORK/x"
dpkg-deb -x "$TL_DEB" "$WORK/x"
dpkg-deb -x "$LIB_DEB" "$WORK/x"
NOTO="$WORK/x/usr/share/fonts/opentype/noto"
FANDOL="$WORK/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
FANDOL_DOC="$WORK/x/usr/share/doc/texlive-doc/fonts/fandol"
LIBERATION="$WORK/x/usr/share/fonts/truetype/liberation2"

# Unicode ranges kept in the Noto subsets: Latin-1, punctuation and symbols, CJK punctuation,
# the CJK Unified Ideographs with Extension A (U+3400-4DBF, e.g. 䶮 㮾) and Extension B
# (U+20000-2A6DF, the 2,057 of them Noto SC draws), half- and full-width forms.
UNICODES="U+0020-00FF,U+2000-206F,U+2100-218F,U+2190-22FF,U+2460-24FF,U+2500-25FF,\
U+3000-303F,U+3400-4DBF,U+4E00-9FFF,U+FE10-FE1F,U+FE30-FE4F,U+FF00-FFEF,U+20000-2A6DF"

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
# The app's UI font gets a family name of its own (see rename-font.py).
python3 "$FONTS_DIR/rename-font.py" "$FONTS_DIR/NotoSansSC-Regular.otf" \
    "Nianbao Sans SC" NianbaoSansSC-Regular "Noto Sans CJK SC"

# Fandol: GPL-3 + font exception. Converted to TrueType outlines within 4 font units (of 1000),
# which makes each glyph in an exported PDF about a sixth smaller (see otf2ttf.py).
rm -f "$FONTS_DIR/FandolFang-Regular.otf" "$FONTS_DIR/FandolKai-Regular.otf"
for face in FandolFang FandolKai; do
    python3 "$FONTS_DIR/otf2ttf.py" "$FANDOL/$face-Regular.otf" "$FONTS_DIR/$face-Regular.ttf" 4
done

# The Latin serif for digits and Latin text in 仿宋 and 楷体 lines: Liberation Serif (OFL-1.1,
# the metrics of Times New Roman), Basic Latin and Latin-1 only, renamed because "Liberation"
# is a Reserved Font Name and a subset is a modified version. Of its names only the copyright,
# names, version and licence notice are kept: every PDF embeds the name table (the long
# description and trademark texts cost 1 KB per export).
pyftsubset "$LIBERATION/LiberationSerif-Regular.ttf" --unicodes=U+0020-007E,U+00A0-00FF \
    --layout-features='' --no-hinting --no-glyph-names --notdef-outline \
    --name-IDs=0,1,2,3,4,5,6,13,14 --name-legacy \
    --output-file="$FONTS_DIR/NianbaoSerif-Regular.ttf"
python3 "$FONTS_DIR/rename-font.py" "$FONTS_DIR/NianbaoSerif-Regular.ttf" \
    "Nianbao Serif" NianbaoSerif-Regular "Liberation Serif $LIB_VER"

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
    echo
    echo "=========================================================================="
    echo
    echo "NianbaoSerif-Regular.ttf in this directory is a subset (Basic Latin and Latin-1, made"
    echo "with fontTools pyftsubset, hinting removed) of LiberationSerif-Regular.ttf from Debian"
    echo "package fonts-liberation2 $LIB_VER, renamed \"Nianbao Serif\" because \"Liberation\""
    echo "is a Reserved Font Name (as are Tinos, Arimo and Cousine) and a subset is a Modified"
    echo "Version under the OFL."
    echo
    echo "Copyright and licence as shipped in /usr/share/doc/fonts-liberation2/copyright:"
    echo
    sed -n '/^Files: \*$/,/^Files: debian/p' "$WORK/x/usr/share/doc/fonts-liberation2/copyright" \
        | sed '$d' | sed 's/^ \.$//; s/^ //'
} > "$FONTS_DIR/OFL-1.1.txt"
{
    echo "FandolFang-Regular.ttf and FandolKai-Regular.ttf are modified versions of"
    echo "FandolFang-Regular.otf and FandolKai-Regular.otf from"
    echo "texmf-dist/fonts/opentype/public/fandol/ in Debian package"
    echo "texlive-lang-chinese $TL_VER: their CFF (cubic) outlines were converted to TrueType"
    echo "(quadratic) outlines within 4 font units by fonts/otf2ttf.py of nianbao (fontTools"
    echo "cu2qu), with glyph names and CFF hints dropped; nothing else was changed. The"
    echo "modification was made in 2026 for nianbao. The originals are in that package; the"
    echo "converted files are themselves editable fonts, and fonts/make-subsets.sh remakes them."
    echo "The modified versions are released under the same GPL-3, and the font exception at"
    echo "the end of COPYING below is extended to them."
    echo
    echo "=== README (texmf-dist/doc/fonts/fandol/README) ==="
    cat "$FANDOL_DOC/README"
    echo
    echo "=== COPYING (texmf-dist/doc/fonts/fandol/COPYING): GPL-3 followed by the font exception ==="
    zcat "$FANDOL_DOC/COPYING.gz"
} > "$FONTS_DIR/FANDOL-LICENSE.txt"

ls -l "$FONTS_DIR"
du -cb "$FONTS_DIR"/*.otf "$FONTS_DIR"/*.ttf | tail -n1
