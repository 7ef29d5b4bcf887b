#!/usr/bin/env python3
"""Zips a folder for Windows users: `make-zip.py SRC_DIR TOP_NAME OUT.zip`.

Every entry goes under TOP_NAME/ (one folder when extracted). Names that are not ASCII (such
as 使用说明.txt) are stored the way Chinese Windows' own "全部解压缩" reads them, in GBK
(code page 936) without the UTF-8 flag, and also as UTF-8 in the Info-ZIP Unicode Path extra
field (0x7075), which 7-Zip, WinRAR, Bandizip and Info-ZIP unzip prefer. A name stored only as
flagged UTF-8 shows up garbled in some Windows versions' Explorer.
"""

import os
import struct
import sys
import zipfile
import zlib


class GbkZipInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's own name)
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("gbk"), self.flag_bits


def unicode_path_extra(name: str) -> bytes:
    header_name = name.encode("gbk")
    data = struct.pack("<BI", 1, zlib.crc32(header_name) & 0xFFFFFFFF) + name.encode("utf-8")
    return struct.pack("<HH", 0x7075, len(data)) + data


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    src, top, out = sys.argv[1:]
    entries = []
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(root, f)
            rel = os.path.relpath(path, src).replace(os.sep, "/")
            entries.append((path, f"{top}/{rel}"))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path, name in entries:
            info = GbkZipInfo.from_file(path, name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if not name.isascii():
                info.extra = unicode_path_extra(name)
            with open(path, "rb") as f:
                z.writestr(info, f.read(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return 0


if __name__ == "__main__":
    sys.exit(main())
