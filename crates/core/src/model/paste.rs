//! Numbers copied from Excel or WPS: a row or block of cells arrives as text with tabs between
//! cells and line breaks between rows (or spaces, when copied from a web page or a document).
//! This splits such text and places it onto a table's fillable cells, recognising the tables as
//! printed: label columns in front, the 总计 column of table 三, its （七）总计 row, table 四's
//! one line of 15 numbers with a 总计 after each group. Printed totals are not stored (every
//! total is derived) but compared with what their parts add up to.

use super::{Cell, Report, parse_count};
use crate::template::{T3Col, T3Row, T4Col, T4Group};

/// Splits pasted text into rows of cell texts. Cells are separated by tabs when the text has
/// any, else by runs of white space (the ideographic space included); rows by line breaks.
/// Empty trailing lines (Excel ends a copy with one) are dropped.
pub fn split_block(text: &str) -> Vec<Vec<String>> {
    let by_tab = text.contains('\t');
    let mut rows: Vec<Vec<String>> = text
        .split('\n')
        .map(|line| line.trim_end_matches('\r'))
        .map(|line| {
            if by_tab {
                line.split('\t').map(|c| c.trim().to_string()).collect()
            } else {
                line.split(|c: char| c.is_whitespace())
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect()
            }
        })
        .collect();
    while rows.last().is_some_and(|r| r.iter().all(|c| c.is_empty())) {
        rows.pop();
    }
    rows
}

/// Whether pasted text holds more than one cell, and so should be spread over several cells.
pub fn is_block(text: &str) -> bool {
    let rows = split_block(text);
    rows.len() > 1 || rows.first().is_some_and(|r| r.len() > 1)
}

/// Where each pasted cell goes: the block is laid onto a grid of `rows` (template row indices
/// of the fillable rows, in order) × `cols` columns, starting at row `start_row` (a template row
/// index that must be in `rows`) and column `start_col`. Returns `(row, col, text)` for every
/// cell that lands inside the grid, and how many cells fell outside it.
pub fn place_block(
    block: &[Vec<String>],
    rows: &[usize],
    cols: usize,
    start_row: usize,
    start_col: usize,
) -> (Vec<(usize, usize, String)>, usize) {
    let Some(first) = rows.iter().position(|&r| r == start_row) else {
        return (Vec::new(), block.iter().map(Vec::len).sum());
    };
    let mut placed = Vec::new();
    let mut dropped = 0;
    for (i, line) in block.iter().enumerate() {
        for (j, cell) in line.iter().enumerate() {
            match (rows.get(first + i), start_col + j < cols) {
                (Some(&row), true) => placed.push((row, start_col + j, cell.clone())),
                _ => dropped += 1,
            }
        }
    }
    (placed, dropped)
}

/// What a paste does to a table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pasted {
    /// The entered cells and the text each gets, in reading order.
    pub cells: Vec<(Cell, String)>,
    /// Printed totals in the pasted block, which are derived and so not stored.
    pub totals_skipped: usize,
    /// Printed totals that differ from the sum of their pasted parts: (cell, as pasted, sum).
    pub totals_differ: Vec<(Cell, String, u64)>,
    /// Pasted cells that fell outside the table.
    pub dropped: usize,
}

/// Whether a pasted cell is a label (text with letters, e.g. "一、本年新收…", "1.属于国家秘密")
/// rather than a number or a blank.
fn is_label(cell: &str) -> bool {
    cell.chars().any(|c| c.is_alphabetic())
}

/// The rows of a block with the label columns in front taken off (up to the last label, so
/// the empty cells Excel gives under a merged label go too), empty rows dropped.
fn numbers_only(block: Vec<Vec<String>>) -> Vec<Vec<String>> {
    block
        .into_iter()
        .map(|row| {
            let first = row.iter().rposition(|c| is_label(c)).map_or(0, |i| i + 1);
            row[first..].to_vec()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

/// Places pasted text from the cell `start` on: table 三 as its grid, tables 二 and 四 in
/// reading order.
pub fn paste(report: &Report, start: Cell, text: &str) -> Pasted {
    let block = numbers_only(split_block(text));
    let mut out = match start {
        Cell::T3(row, col) => paste_t3(&block, row, col),
        Cell::T4(group, col) => paste_sequence(&block, t4_order(group, col)),
        Cell::T2(_) | Cell::T2Fee => {
            let order: Vec<Slot> = [
                crate::template::T2Cell::ALL
                    .iter()
                    .map(|c| Slot::Entered(Cell::T2(*c)))
                    .collect::<Vec<_>>(),
                vec![Slot::Entered(Cell::T2Fee)],
            ]
            .concat();
            let from = order
                .iter()
                .position(|s| *s == Slot::Entered(start))
                .unwrap_or(0);
            paste_sequence(&block, order[from..].to_vec())
        }
    };
    compare_totals(report, &mut out);
    out
}

/// A place a pasted number can go: an entered cell, or a printed total to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Entered(Cell),
    Total(Cell),
}

/// Table 四 from a cell on, in print order: each group's four results, then its 总计. A paste
/// that starts at 结果维持 of 行政复议 and holds 15 numbers is the printed row; one with 12 has
/// no totals.
fn t4_order(group: T4Group, col: T4Col) -> Vec<Slot> {
    T4Group::ALL
        .into_iter()
        .flat_map(|g| {
            T4Col::ALL.into_iter().map(move |c| {
                let cell = Cell::T4(g, c);
                if c == T4Col::Total {
                    Slot::Total(cell)
                } else {
                    Slot::Entered(cell)
                }
            })
        })
        .skip_while(move |s| *s != Slot::Entered(Cell::T4(group, col)))
        .collect()
}

/// Lays the numbers of a block onto slots in reading order. Totals are skipped when the block
/// holds them (as many numbers as slots with totals), else the numbers go to entered cells only.
fn paste_sequence(block: &[Vec<String>], slots: Vec<Slot>) -> Pasted {
    let numbers: Vec<String> = block.iter().flatten().cloned().collect();
    let with_totals = numbers.len() == slots.len();
    let targets: Vec<Slot> = if with_totals {
        slots
    } else {
        slots
            .into_iter()
            .filter(|s| matches!(s, Slot::Entered(_)))
            .collect()
    };
    let mut out = Pasted {
        dropped: numbers.len().saturating_sub(targets.len()),
        ..Pasted::default()
    };
    for (slot, text) in targets.into_iter().zip(numbers) {
        out.take(slot, text);
    }
    out
}

/// Table 三 as a grid from (row, col): a block that reaches the 总计 column has it skipped, and
/// one that reaches the （七）总计 row (as many rows as the printed table has from `row` on)
/// has that row skipped.
fn paste_t3(block: &[Vec<String>], row: T3Row, col: T3Col) -> Pasted {
    let printed_rows = T3Row::ALL.len() - row.index();
    let rows: Vec<T3Row> = if block.len() == printed_rows {
        T3Row::ALL[row.index()..].to_vec()
    } else {
        T3Row::entered().filter(|r| *r >= row).collect()
    };
    let mut out = Pasted::default();
    for (i, line) in block.iter().enumerate() {
        let Some(&r) = rows.get(i) else {
            out.dropped += line.len();
            continue;
        };
        for (j, text) in line.iter().enumerate() {
            match T3Col::at(col.index() + j) {
                Some(c) if c.is_total() || !r.is_entered() => {
                    out.take(Slot::Total(Cell::T3(r, c)), text.clone())
                }
                Some(c) => out.take(Slot::Entered(Cell::T3(r, c)), text.clone()),
                None => out.dropped += 1,
            }
        }
    }
    out
}

impl Pasted {
    fn take(&mut self, slot: Slot, text: String) {
        match slot {
            Slot::Entered(cell) => self.cells.push((cell, text)),
            Slot::Total(cell) => {
                self.totals_skipped += 1;
                // Kept aside (in `totals_differ` for now) to compare once the parts are in.
                self.totals_differ.push((cell, text, 0));
            }
        }
    }
}

/// Compares each printed total of the block with the sum of its parts as they will be after
/// the paste; keeps only those that differ.
fn compare_totals(report: &Report, out: &mut Pasted) {
    let mut after = report.clone();
    for (cell, text) in &out.cells {
        after.set_cell(*cell, text);
    }
    out.totals_differ.retain_mut(|(cell, text, sum)| {
        let (Ok(Some(printed)), Some(total)) = (parse_count(text), after.cell_total(*cell)) else {
            // Blank or not a number: nothing to compare.
            return false;
        };
        *sum = total.value;
        total.complete && u64::from(printed) != total.value
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_excel_and_spaces() {
        assert_eq!(split_block("1\t2\t3\r\n"), vec![vec!["1", "2", "3"]]);
        assert_eq!(
            split_block("1\t\t3\n4\t5\t6\n"),
            vec![vec!["1", "", "3"], vec!["4", "5", "6"]]
        );
        assert_eq!(split_block("１２　3  4"), vec![vec!["１２", "3", "4"]]);
        assert!(!is_block("12"));
        assert!(is_block("1 2"));
        assert!(is_block("1\n2"));
    }

    #[test]
    fn places_onto_fillable_rows_and_counts_the_rest() {
        let block = split_block("1\t2\n3\t4\n5\t6");
        // Rows 22 and 24 are consecutive fillable rows (23 is derived).
        let (placed, dropped) = place_block(&block, &[21, 22, 24], 6, 22, 5);
        assert_eq!(
            placed,
            vec![(22, 5, "1".to_string()), (24, 5, "3".to_string())]
        );
        assert_eq!(dropped, 4);
    }

    fn example() -> Report {
        crate::example::report().expect("the example loads")
    }

    #[test]
    fn table3_as_printed_with_labels_totals_and_the_total_row() {
        let report = Report::new("某县", 2024);
        // The printed table from row 一: labels, six columns and 总计, 25 rows with （七）总计.
        let mut text = String::new();
        for row in T3Row::ALL {
            let label = row.def().label;
            // 5 applications from 自然人, all 予以公开: the （七）总计 row and the 总计 column agree.
            let values: Vec<String> = if [T3Row::NEW, T3Row::OPEN, T3Row::TOTAL].contains(&row) {
                ["5", "0", "0", "0", "0", "0", "5"]
                    .map(String::from)
                    .to_vec()
            } else {
                vec!["0".to_string(); 7]
            };
            // Excel gives a merged label once and empty cells under it.
            let group = match row.def().group {
                Some(g) if g.rows().next() == Some(row) => g.def().label,
                _ => "",
            };
            text.push_str(&format!("\t{group}\t{label}\t{}\n", values.join("\t")));
        }
        let p = paste(&report, Cell::T3(T3Row::NEW, T3Col::NATURAL), &text);
        assert_eq!(p.cells.len(), 24 * 6, "every entered cell, nothing else");
        assert_eq!(
            p.totals_skipped,
            25 + 6,
            "the 总计 column and the （七）总计 row"
        );
        assert!(p.totals_differ.is_empty(), "{:?}", p.totals_differ);
        assert_eq!(p.dropped, 0);
        let carried_out = p
            .cells
            .iter()
            .find(|(c, _)| *c == Cell::T3(T3Row::CARRIED_OUT, T3Col::NATURAL));
        assert_eq!(
            carried_out.map(|(_, t)| t.as_str()),
            Some("0"),
            "row 四 stays row 四"
        );
    }

    #[test]
    fn a_printed_total_that_does_not_add_up_is_reported() {
        let report = Report::new("某县", 2024);
        let p = paste(
            &report,
            Cell::T3(T3Row::NEW, T3Col::NATURAL),
            "3\t1\t0\t0\t0\t0\t5",
        );
        assert_eq!(p.cells.len(), 6);
        assert_eq!(
            p.totals_differ,
            vec![(Cell::T3(T3Row::NEW, T3Col::TOTAL), "5".to_string(), 4)]
        );
    }

    #[test]
    fn table4_as_one_printed_line_of_fifteen() {
        let report = example();
        let line = "0 1 0 0 1 2 0 0 0 2 0 0 0 1 1";
        let p = paste(&report, Cell::T4(T4Group::Review, T4Col::Kept), line);
        assert_eq!(p.cells.len(), 12);
        assert_eq!(p.totals_skipped, 3);
        assert!(p.totals_differ.is_empty(), "{:?}", p.totals_differ);
        assert!(p.cells.contains(&(
            Cell::T4(T4Group::LitigationAfterReview, T4Col::Pending),
            "1".to_string()
        )));
        // Twelve numbers: results only.
        let p = paste(
            &report,
            Cell::T4(T4Group::Review, T4Col::Kept),
            "1 2 3 4 5 6 7 8 9 10 11 12",
        );
        assert_eq!((p.cells.len(), p.totals_skipped), (12, 0));
        assert!(p.cells.contains(&(
            Cell::T4(T4Group::LitigationDirect, T4Col::Kept),
            "5".to_string()
        )));
    }
}
