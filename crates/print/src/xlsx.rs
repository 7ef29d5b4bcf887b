//! The statistics tables 二, 三 and 四 as an Excel workbook (rust_xlsxwriter): one sheet per
//! table, laid out as printed from the same composed tables as the PDF (`compose::table2..4`,
//! merges included), the entered cells as numbers and every derived 总计 as a `SUM` formula over
//! the cells it adds up (`Cell::parts`), so an upper office that corrects a number keeps the
//! totals right. Print setup: A4, the PDF's margins, one page wide, head rows repeated.

use crate::compose::{self, Align, TableCell, TableSpec};
use crate::fonts::Role;
use nianbao_core::model::{Cell, Entry, Place, Report};
use nianbao_core::template::{self, SectionKey};
use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
    row_col_to_cell,
};
use std::collections::HashMap;

/// Width of the whole table in Excel's character units: about the 156 mm text block at 五号.
const TABLE_WIDTH_CHARS: f64 = 96.0;
/// Height of one line of 五号 text in points, with leading.
const LINE_HEIGHT_PT: f64 = 14.5;
/// Paper size code for A4 in the page setup (ECMA-376 §18.3.1.63).
const PAPER_A4: u8 = 9;
/// Margins in inches: the PDF's 28 mm left, 26 mm right, 37 mm top, 35 mm bottom.
const MARGINS: (f64, f64, f64, f64) = (28.0 / 25.4, 26.0 / 25.4, 37.0 / 25.4, 35.0 / 25.4);

/// The three statistics tables of the report as xlsx bytes.
pub fn write(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(report.title())
        .set_author(report.meta.agency.as_str())
        .set_subject(template::FORMAT_DOCUMENT);
    workbook.set_properties(&properties);
    let tables = [
        (SectionKey::Proactive, compose::table2(report)),
        (SectionKey::Applications, compose::table3(report)),
        (SectionKey::Review, compose::table4(report)),
    ];
    for (key, spec) in &tables {
        let sheet = workbook.add_worksheet();
        write_sheet(sheet, report, *key, spec)?;
    }
    workbook.save_to_buffer()
}

/// The sheet's name: "表二 主动公开政府信息情况" (Excel allows 31 characters; the longest is 20).
pub fn sheet_name(key: SectionKey) -> String {
    let def = template::section(key);
    format!("表{} {}", def.numeral, def.name)
}

/// Rows above the table: the section heading, then one empty row.
pub const TABLE_TOP: u32 = 2;

fn cell_format(c: &TableCell) -> Format {
    let role = if c.role == Role::Heading {
        Role::Heading
    } else {
        Role::Body
    };
    let format = Format::new()
        .set_font_name(role.office_font_names()[0])
        .set_font_size(c.size)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    match c.align {
        Align::Left => format.set_align(FormatAlign::Left),
        Align::Center => format.set_align(FormatAlign::Center),
    }
}

fn write_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    key: SectionKey,
    spec: &TableSpec,
) -> Result<(), XlsxError> {
    sheet.set_name(sheet_name(key))?;
    let last_col = (spec.cols.len() - 1) as u16;
    let heading = Format::new()
        .set_font_name(Role::Heading.office_font_names()[0])
        .set_font_size(16)
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::VerticalCenter);
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        &template::section(key).heading(),
        &heading,
    )?;
    sheet.set_row_height(0, 24)?;
    let widths: Vec<f64> = spec
        .cols
        .iter()
        .map(|f| (f64::from(*f) * TABLE_WIDTH_CHARS).max(3.0))
        .collect();
    for (i, w) in widths.iter().enumerate() {
        sheet.set_column_width(i as u16, *w)?;
    }
    // Where each report cell sits on the sheet, for the formulas.
    let at: HashMap<Cell, (u32, u16)> = spec
        .cells
        .iter()
        .filter_map(|c| match c.place {
            Place::Cell(cell) => Some((cell, (TABLE_TOP + c.row as u32, c.col as u16))),
            _ => None,
        })
        .collect();
    let mut lines = vec![1usize; spec.rows];
    for c in &spec.cells {
        let (row, col) = (TABLE_TOP + c.row as u32, c.col as u16);
        let format = cell_format(c);
        if c.rowspan > 1 || c.colspan > 1 {
            let (last_row, last_col) = (row + c.rowspan as u32 - 1, col + c.colspan as u16 - 1);
            sheet.merge_range(row, col, last_row, last_col, &c.text, &format)?;
        }
        // Lines the text needs in its width (a Chinese character is two units wide), spread over
        // the rows it spans.
        let width: f64 = widths[c.col..c.col + c.colspan].iter().sum();
        let units: usize = c
            .text
            .chars()
            .map(|ch| if ch.is_ascii() { 1 } else { 2 })
            .sum();
        let needed = (units as f64 / (width - 1.0).max(1.0)).ceil() as usize;
        let per_row = needed.div_ceil(c.rowspan);
        for l in &mut lines[c.row..c.row + c.rowspan] {
            *l = (*l).max(per_row);
        }
        match c.place {
            Place::Cell(cell) if cell.is_derived() => {
                let refs = sum_refs(&cell.parts(), &at);
                let result = report
                    .cell_total(cell)
                    .map(|t| t.value.to_string())
                    .unwrap_or_default();
                let formula = Formula::new(format!("=SUM({refs})")).set_result(result);
                sheet.write_formula_with_format(row, col, formula, &format)?;
            }
            Place::Cell(Cell::T2Fee) => match &report.table2.fee {
                Entry::Value(v) => {
                    let amount = v.ten_thousandths as f64 / 10_000.0;
                    sheet.write_number_with_format(row, col, amount, &format)?;
                }
                entry => write_text(sheet, row, col, entry_text(entry), &format)?,
            },
            Place::Cell(cell) => match report.count(cell) {
                Some(Entry::Value(v)) => {
                    sheet.write_number_with_format(row, col, *v, &format)?;
                }
                Some(entry) => write_text(sheet, row, col, entry_text(entry), &format)?,
                None => write_text(sheet, row, col, String::new(), &format)?,
            },
            _ => {
                if c.rowspan == 1 && c.colspan == 1 {
                    sheet.write_string_with_format(row, col, &c.text, &format)?;
                }
            }
        }
    }
    for (r, n) in lines.iter().enumerate() {
        sheet.set_row_height(TABLE_TOP + r as u32, *n as f64 * LINE_HEIGHT_PT + 4.0)?;
    }
    sheet.set_paper_size(PAPER_A4);
    sheet.set_portrait();
    let (left, right, top, bottom) = MARGINS;
    sheet.set_margins(left, right, top, bottom, 0.5, 0.5);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    if spec.header_rows > 0 {
        sheet.set_repeat_rows(TABLE_TOP, TABLE_TOP + spec.header_rows as u32 - 1)?;
    }
    Ok(())
}

/// Text typed into a cell that is not a number, kept as typed so the reader sees it.
fn entry_text<T>(entry: &Entry<T>) -> String {
    match entry {
        Entry::Invalid(text) => text.clone(),
        Entry::Blank | Entry::Value(_) => String::new(),
    }
}

fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: String,
    format: &Format,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        sheet.write_blank(row, col, format)?;
    } else {
        sheet.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// The cells of a sum as ranges where they are adjacent in a row or column: "D4:I4".
fn sum_refs(parts: &[Cell], at: &HashMap<Cell, (u32, u16)>) -> String {
    let mut cells: Vec<(u32, u16)> = parts.iter().filter_map(|p| at.get(p).copied()).collect();
    cells.sort_unstable();
    let mut runs: Vec<((u32, u16), (u32, u16))> = Vec::new();
    for c in cells {
        match runs.last_mut() {
            Some((start, end))
                if (end.0 == c.0 && end.1 + 1 == c.1 && start.0 == c.0)
                    || (end.1 == c.1 && end.0 + 1 == c.0 && start.1 == c.1) =>
            {
                *end = c;
            }
            _ => runs.push((c, c)),
        }
    }
    runs.iter()
        .map(|(s, e)| {
            if s == e {
                row_col_to_cell(s.0, s.1)
            } else {
                format!(
                    "{}:{}",
                    row_col_to_cell(s.0, s.1),
                    row_col_to_cell(e.0, e.1)
                )
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}
