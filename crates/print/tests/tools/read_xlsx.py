"""Reads an xlsx file with openpyxl (an independent reader) and prints what the tests check as
JSON: per sheet its name, merged ranges, every non-empty cell (type and value, formulas as
text), the page setup and the rows repeated on each printed page."""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheets = []
for ws in book.worksheets:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                cells[c.coordinate] = {"type": c.data_type, "value": c.value}
    sheets.append({
        "name": ws.title,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "cells": cells,
        "paper_size": ws.page_setup.paperSize,
        "orientation": ws.page_setup.orientation,
        # fitToWidth defaults to 1 and is then not written: read the switch and the height.
        "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "fit_to_width": ws.page_setup.fitToWidth,
        "fit_to_height": ws.page_setup.fitToHeight,
        "print_title_rows": ws.print_title_rows,
    })
json.dump({"title": book.properties.title, "sheets": sheets}, sys.stdout, ensure_ascii=False)
