#!/usr/bin/env python3
"""Gives the bundled sans subset a family name of its own.

The app draws its interface with this font. Under its upstream name ("Noto Sans CJK SC") a
system that has fonts-noto-cjk installed (UOS, deepin and many Linux desktops) would supply its
own copy instead, and the screens would differ from machine to machine. Renamed, the bundled
copy is the only one with that name. The outlines are untouched; the OFL allows modified
versions under a name other than a Reserved Font Name ("Source"; Noto CJK reserves no other).

usage: rename-ui-font.py FONT.otf
"""
import sys

from fontTools.ttLib import TTFont

FAMILY = "Nianbao Sans SC"
POSTSCRIPT = "NianbaoSansSC-Regular"

path = sys.argv[1]
font = TTFont(path)
names = font["name"]
for record in list(names.names):
    if record.nameID in (1, 4, 16):
        names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
    elif record.nameID == 6:
        names.setName(POSTSCRIPT, 6, record.platformID, record.platEncID, record.langID)
    elif record.nameID == 3:
        names.setName(f"{POSTSCRIPT};renamed subset of Noto Sans CJK SC", 3, record.platformID,
                      record.platEncID, record.langID)
# The CFF table carries the PostScript and family names too.
cff = font["CFF "].cff
cff.fontNames = [POSTSCRIPT]
top = cff.topDictIndex[0]
top.FullName = FAMILY
top.FamilyName = FAMILY
font.save(path)
