#!/usr/bin/env python3
"""Converts a CFF-outline OpenType font to TrueType (quadratic `glyf`) outlines.

Why: a glyph of FandolFang costs 444 bytes in a PDF as CFF against about 300 as TrueType, and
the body face is most of an exported report (see fonts/README.md). The cubic curves are
approximated by quadratic ones within MAX_ERR font units (of 1000 per em), invisible in print
(0.06 mm at 16 pt). Everything else (cmap, metrics, names, GSUB/GPOS) is kept as it is.

Fandol is GPL-3 with the font exception, which allows modified versions; make-subsets.sh notes the
modification and extends the exception to the converted files in FANDOL-LICENSE.txt.

After fontTools' Snippets/otf2ttf.py (MIT), with the error bound as an argument and no glyph
names (post format 3): a CID-keyed font has none worth keeping.

usage: otf2ttf.py IN.otf OUT.ttf [MAX_ERR]
"""
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

src, dst = sys.argv[1], sys.argv[2]
max_err = float(sys.argv[3]) if len(sys.argv) > 3 else 4.0

# The source's timestamp is kept, so the output is the same on every run.
font = TTFont(src, recalcTimestamp=False)
assert font.sfntVersion == "OTTO" and "CFF " in font, f"{src} has no CFF outlines"
order = font.getGlyphOrder()
glyph_set = font.getGlyphSet()
glyphs = {}
for name in order:
    pen = TTGlyphPen(glyph_set)
    # TrueType contours run clockwise, CFF ones counter-clockwise.
    glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
    # An on-curve point halfway between two off-curve ones is implied in TrueType: dropped.
    glyphs[name] = pen.glyph(dropImpliedOnCurves=True)

font["loca"] = newTable("loca")
glyf = font["glyf"] = newTable("glyf")
glyf.glyphOrder = order
glyf.glyphs = glyphs
del font["CFF "]
if "VORG" in font:  # vertical origins are a CFF-only table
    del font["VORG"]
glyf.compile(font)
hmtx = font["hmtx"]
for name, glyph in glyf.glyphs.items():
    if hasattr(glyph, "xMin"):
        hmtx[name] = (hmtx[name][0], glyph.xMin)

maxp = font["maxp"] = newTable("maxp")
maxp.tableVersion = 0x00010000
maxp.maxZones = 1
maxp.maxTwilightPoints = 0
maxp.maxStorage = 0
maxp.maxFunctionDefs = 0
maxp.maxInstructionDefs = 0
maxp.maxStackElements = 0
maxp.maxSizeOfInstructions = 0
maxp.maxComponentElements = 0
maxp.compile(font)

post = font["post"]
post.formatType = 3.0
post.extraNames = []
post.mapping = {}
font.sfntVersion = "\000\001\000\000"
font.save(dst)
