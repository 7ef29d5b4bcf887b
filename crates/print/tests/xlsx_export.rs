//! The Excel export read back by an independent reader (Python's openpyxl): sheet names, the
//! template's merges and labels, the entered cells as numbers, every derived 总计 as a formula
//! whose cells add up to the model's total, and the A4 page setup.

use crate::support::{example, write_temp};
use nianbao_core::model::{Cell, Entry, Place, Report};
use nianbao_core::template::SectionKey;
use nianbao_print::compose::{self, TableSpec};
use nianbao_print::xlsx::{self, TABLE_TOP, sheet_name};
use serde_json::Value;
use std::collections::HashMap;
use std::process::Command;

/// Runs tests/tools/read_xlsx.py on the bytes and returns its JSON.
fn read_back(bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "表格.xlsx", bytes);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/read_xlsx.py");
    let out = match Command::new("python3").arg(script).arg(&path).output() {
        Ok(o) => o,
        Err(e) => panic!("python3 is needed for this test ({e}); .ci/run installs it"),
    };
    assert!(
        out.status.success(),
        "openpyxl could not read the workbook (install python3-openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!("bad JSON from read_xlsx.py: {e}"),
    }
}

fn address(row: u32, col: usize) -> String {
    let mut name = String::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        name.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// Splits "A1" into (column index, row index), both from 0.
fn parse_address(a: &str) -> (usize, u32) {
    let letters: String = a.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let digits = &a[letters.len()..];
    let col = letters
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1))
        - 1;
    let row: u32 = digits.parse().unwrap();
    (col, row - 1)
}

/// The value of a cell as Excel would compute it: numbers as they are, `=SUM(…)` over ranges and
/// single cells, recursively; blanks count 0.
fn evaluate(cells: &serde_json::Map<String, Value>, at: &str) -> f64 {
    let Some(cell) = cells.get(at) else {
        return 0.0;
    };
    match cell["type"].as_str() {
        Some("n") => cell["value"].as_f64().unwrap(),
        Some("f") => {
            let f = cell["value"].as_str().unwrap();
            let args = f
                .strip_prefix("=SUM(")
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or_else(|| panic!("not a SUM: {f}"));
            args.split(',')
                .map(|part| match part.split_once(':') {
                    None => evaluate(cells, part),
                    Some((a, b)) => {
                        let ((c0, r0), (c1, r1)) = (parse_address(a), parse_address(b));
                        let mut sum = 0.0;
                        for r in r0..=r1 {
                            for c in c0..=c1 {
                                sum += evaluate(cells, &address(r, c));
                            }
                        }
                        sum
                    }
                })
                .sum()
        }
        _ => 0.0,
    }
}

fn check_sheet(sheet: &Value, report: &Report, key: SectionKey, spec: &TableSpec) -> usize {
    assert_eq!(sheet["name"], sheet_name(key));
    assert_eq!(
        sheet["paper_size"].as_u64(),
        Some(9),
        "A4: {}",
        sheet["paper_size"]
    );
    // One page wide (fitToWidth 1 is the default, so it may be absent), as long as needed.
    assert_eq!(sheet["fit_to_page"], true);
    assert!(matches!(sheet["fit_to_width"].as_u64(), None | Some(1)));
    assert_eq!(sheet["fit_to_height"].as_u64(), Some(0));
    let cells = sheet["cells"].as_object().unwrap();
    let merged: Vec<&str> = sheet["merged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut formulas = 0;
    for c in &spec.cells {
        let row = TABLE_TOP + c.row as u32;
        let at = address(row, c.col);
        if c.rowspan > 1 || c.colspan > 1 {
            let range = format!(
                "{at}:{}",
                address(row + c.rowspan as u32 - 1, c.col + c.colspan - 1)
            );
            assert!(
                merged.contains(&range.as_str()),
                "{range} not merged: {merged:?}"
            );
        }
        let got = cells.get(&at);
        match c.place {
            Place::Cell(cell) if cell.is_derived() => {
                let got = got.unwrap_or_else(|| panic!("{at} ({}) is empty", cell.describe()));
                assert_eq!(got["type"], "f", "{at} {}", cell.describe());
                let want = report.cell_total(cell).unwrap().value as f64;
                assert_eq!(evaluate(cells, &at), want, "{at} {}", cell.describe());
                formulas += 1;
            }
            Place::Cell(Cell::T2Fee) => {
                let Entry::Value(v) = report.table2.fee else {
                    panic!("the example has a fee")
                };
                let got = got.unwrap_or_else(|| panic!("{at} (fee) is empty"));
                assert_eq!(got["type"], "n");
                assert_eq!(got["value"].as_f64(), Some(v.ten_thousandths as f64 / 1e4));
            }
            Place::Cell(cell) => {
                let Some(Entry::Value(v)) = report.count(cell) else {
                    panic!("the example fills {}", cell.describe())
                };
                let got = got.unwrap_or_else(|| panic!("{at} ({}) is empty", cell.describe()));
                assert_eq!(got["type"], "n", "{at} {}", cell.describe());
                assert_eq!(got["value"].as_f64(), Some(f64::from(*v)), "{at}");
            }
            _ => {
                let got = got.unwrap_or_else(|| panic!("label {at} «{}» is empty", c.text));
                assert_eq!(got["value"].as_str(), Some(c.text.as_str()), "{at}");
            }
        }
    }
    formulas
}

#[test]
fn excel_tables_read_back_with_merges_numbers_and_formulas() {
    let report = example();
    let bytes = xlsx::write(&report).unwrap();
    let book = read_back(&bytes);
    assert_eq!(book["title"], report.title());
    let sheets = book["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 3);
    let specs = [
        (SectionKey::Proactive, compose::table2(&report)),
        (SectionKey::Applications, compose::table3(&report)),
        (SectionKey::Review, compose::table4(&report)),
    ];
    let mut formulas = HashMap::new();
    for (sheet, (key, spec)) in sheets.iter().zip(&specs) {
        formulas.insert(*key, check_sheet(sheet, &report, *key, spec));
    }
    // 表三: the 总计 column of 24 rows plus the （七）总计 row's 7 cells; 表四: three 总计.
    assert_eq!(formulas[&SectionKey::Proactive], 0);
    assert_eq!(formulas[&SectionKey::Applications], 24 + 7);
    assert_eq!(formulas[&SectionKey::Review], 3);
    // Table 三's three head rows repeat on every printed page.
    assert_eq!(sheets[1]["print_title_rows"], "$3:$5");
}

#[test]
fn a_changed_number_changes_its_totals_through_the_formulas() {
    // The formulas are what keeps the totals right after an edit: put another number into a
    // cell of the read-back sheet and the SUMs that cover it follow.
    let report = example();
    let book = read_back(&xlsx::write(&report).unwrap());
    let mut cells = book["sheets"][1]["cells"].as_object().unwrap().clone();
    let spec = compose::table3(&report);
    let find = |cell: Cell| address_of(&spec, cell);
    use nianbao_core::template::{T3Col, T3Row};
    let open_natural = find(Cell::T3(T3Row::OPEN, T3Col::NATURAL));
    let total_total = find(Cell::T3(T3Row::TOTAL, T3Col::TOTAL));
    let before = evaluate(&cells, &total_total);
    let old = cells[&open_natural]["value"].as_f64().unwrap();
    cells[&open_natural]["value"] = serde_json::json!(old + 5.0);
    assert_eq!(evaluate(&cells, &total_total), before + 5.0);
}

#[test]
fn invalid_and_blank_cells_stay_visible_and_totals_keep_their_formulas() {
    let mut report = example();
    use nianbao_core::template::{T3Col, T3Row};
    report.set_cell(Cell::T3(T3Row::NEW, T3Col::NATURAL), "十二");
    report.set_cell(Cell::T3(T3Row::NEW, T3Col::OTHER), "");
    let book = read_back(&xlsx::write(&report).unwrap());
    let cells = book["sheets"][1]["cells"].as_object().unwrap();
    let spec = compose::table3(&report);
    let at = |cell: Cell| address_of(&spec, cell);
    assert_eq!(
        cells[&at(Cell::T3(T3Row::NEW, T3Col::NATURAL))]["value"],
        "十二"
    );
    assert!(!cells.contains_key(&at(Cell::T3(T3Row::NEW, T3Col::OTHER))));
    let total = &cells[&at(Cell::T3(T3Row::NEW, T3Col::TOTAL))];
    assert_eq!(total["type"], "f");
}

/// The sheet address of a report cell in table 三's sheet.
fn address_of(spec: &compose::TableSpec, cell: Cell) -> String {
    let c = spec
        .cells
        .iter()
        .find(|c| c.place == Place::Cell(cell))
        .unwrap_or_else(|| panic!("{cell:?} is in table 三"));
    address(TABLE_TOP + c.row as u32, c.col)
}
