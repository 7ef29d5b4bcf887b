#!/usr/bin/env python3
"""Gives a bundled subset a family name of its own.

Two fonts need it:
- The sans subset the app draws its interface with ("Nianbao Sans SC"). Under its upstream name
  ("Noto Sans CJK SC") a system that has fonts-noto-cjk installed (UOS, deepin and many Linux
  desktops) would supply its own copy instead, and the screens would differ from machine to
  machine. Renamed, the bundled copy is the only one with that name. Noto CJK reserves no font
  name other than "Source".
- The Latin serif subset of the printed report ("Nianbao Serif"). Liberation reserves the names
  "Liberation", "Tinos", "Arimo" and "Cousine", and under the OFL a modified version (a subset
  is one) must not carry a Reserved Font Name.
The outlines are untouched.

usage: rename-font.py FONT FAMILY POSTSCRIPT ORIGIN
  e.g. rename-font.py NotoSansSC-Regular.otf "Nianbao Sans SC" NianbaoSansSC-Regular "Noto Sans CJK SC"
"""
import sys

from fontTools.ttLib import TTFont

path, family, postscript, origin = sys.argv[1:5]
font = TTFont(path, recalcTimestamp=False)  # same output on every run
names = font["name"]
for record in list(names.names):
    if record.nameID in (1, 4, 16):
        names.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
    elif record.nameID == 6:
        names.setName(postscript, 6, record.platformID, record.platEncID, record.langID)
    elif record.nameID == 3:
        names.setName(f"{postscript};renamed subset of {origin}", 3, record.platformID,
                      record.platEncID, record.langID)
    elif record.nameID == 18:  # Mac compatible full name
        names.setName(family, 18, record.platformID, record.platEncID, record.langID)
# A CFF table carries the PostScript and family names too.
if "CFF " in font:
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName = family
    top.FamilyName = family
font.save(path)
