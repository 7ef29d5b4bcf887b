//! Numbers copied from Excel or WPS: a row or block of cells arrives as text with tabs between
//! cells and line breaks between rows (or spaces, when copied from a web page or a document).
//! This splits such text and places it onto a table's fillable cells.

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
}
