//! Section 三: the 25 × 7 grid of table 三 as printed, with its grouped labels, the computed
//! 总计 column and （七）总计 row, and the 勾稽关系 of every column under it.

use super::page_head;
use crate::gui::components::{
    Element, TABLE_TEXT, fill_zeros_button, header_cell, label_cell, number_cell, total_cell,
};
use crate::gui::document::Document;
use crate::gui::message::{CellRef, Message, Page};
use crate::gui::style;
use crate::model::Total;
use crate::rules::Place;
use crate::template::{
    self, SectionKey, T3_APPLICANTS_HEADER, T3_BALANCE_NOTE, T3_COLS, T3_COLUMNS, T3_GROUPS,
    T3_LEGAL_PERSONS_HEADER, T3_RESULTS_LABEL, T3_ROW_DEFS, T3_ROWS, T3RowKind, t3row,
};
use iced::widget::scrollable::{Direction, Scrollbar};
use iced::widget::{Column, button, column, container, row, scrollable, text};

/// Widths of the three label columns A, B, C and of a data column.
const COL_A: f32 = 100.0;
const COL_B: f32 = 140.0;
const COL_C: f32 = 258.0;
const DATA_W: f32 = 70.0;
/// Heights of the three header rows.
const H1: f32 = 30.0;
const H2: f32 = 30.0;
const H3: f32 = 44.0;
const LINE: f32 = 18.0;
const MIN_ROW: f32 = 34.0;
/// Where the grid starts on the page: heading, hint, the fill button.
const TABLE_TOP: f32 = 200.0;

fn label_width(row: usize) -> f32 {
    match T3_ROW_DEFS[row].kind {
        T3RowKind::Top => COL_A + COL_B + COL_C,
        T3RowKind::Outcome => COL_B + COL_C,
        T3RowKind::Item => COL_C,
    }
}

/// Width of text in ems: CJK full width, ASCII about half.
fn ems(s: &str) -> f32 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum()
}

/// A row's height: tall enough for its label wrapped in its cell (with a margin for glyph
/// widths), the same on the label side and the number side so the grid lines up.
pub fn row_h(row: usize) -> f32 {
    let per_line = (label_width(row) - 14.0) / TABLE_TEXT;
    let lines = (ems(T3_ROW_DEFS[row].label) * 1.08 / per_line)
        .ceil()
        .max(1.0);
    (lines * LINE + 10.0).max(MIN_ROW)
}

fn rows_h(rows: impl Iterator<Item = usize>) -> f32 {
    rows.map(row_h).sum()
}

/// The scroll offset that shows a row (`T3_ROWS` for the balance line under the grid).
pub fn row_y(row: usize) -> f32 {
    let y = TABLE_TOP + H1 + H2 + H3 + rows_h(0..row.min(T3_ROWS));
    // Leave a few rows above it in view.
    (y - 3.0 * MIN_ROW).max(0.0)
}

pub fn view(doc: &Document) -> Element<'_> {
    let def = template::section(SectionKey::Applications);
    let grid = column![header(), row![labels(), numbers(doc)], balance(doc)];
    let mut page = column![
        page_head(def.heading(), def.hint),
        fill_zeros_button(SectionKey::Applications),
        scrollable(container(grid).padding(iced::Padding::ZERO.bottom(12))).direction(
            Direction::Horizontal(Scrollbar::new().width(8).scroller_width(8))
        ),
    ]
    .spacing(12);
    for f in doc.findings_on(Page::Section(SectionKey::Applications)) {
        if let Place::Table3Column { .. } = f.place {
            page = page.push(
                button(
                    text(format!("{}：{}", f.place.describe(), f.message))
                        .size(13)
                        .color(style::ERROR),
                )
                .on_press(Message::JumpTo(f.place))
                .padding([1, 4])
                .style(button::text),
            );
        }
    }
    page.push(
        text("黄底“未填”＝尚未填写；0＝已填写为零；灰底＝程序自动计算；合计后的“…”＝该合计中还有未填或填错的格子。Tab/Enter 到下一格，Shift+Tab 回上一格；从Excel/WPS复制的一行或一块数字可直接粘贴。")
            .size(13)
            .color(style::MUTED),
    )
    .into()
}

fn header<'a>() -> Element<'a> {
    let legal: Vec<usize> = (0..T3_COLS)
        .filter(|&c| T3_COLUMNS[c].under_legal_persons)
        .collect();
    let mut top_row = row![];
    let mut legal_done = false;
    for def in &T3_COLUMNS {
        if def.under_legal_persons {
            if !legal_done {
                legal_done = true;
                let subs = legal
                    .iter()
                    .map(|&c| header_cell(T3_COLUMNS[c].label, DATA_W, H3));
                top_row = top_row.push(column![
                    header_cell(T3_LEGAL_PERSONS_HEADER, DATA_W * legal.len() as f32, H2),
                    row(subs),
                ]);
            }
        } else {
            top_row = top_row.push(header_cell(def.label, DATA_W, H2 + H3));
        }
    }
    row![
        header_cell(T3_BALANCE_NOTE, COL_A + COL_B + COL_C, H1 + H2 + H3),
        column![
            header_cell(T3_APPLICANTS_HEADER, DATA_W * T3_COLS as f32, H1),
            top_row
        ],
    ]
    .into()
}

/// The label side: top rows over A–C, 三 down column A, outcome rows over B–C, groups down B.
fn labels<'a>() -> Element<'a> {
    let mut outer = Column::new();
    let mut r = 0;
    while r < T3_ROWS {
        if T3_ROW_DEFS[r].kind == T3RowKind::Top {
            outer = outer.push(label_cell(T3_ROW_DEFS[r].label, label_width(r), row_h(r)));
            r += 1;
            continue;
        }
        let start = r;
        while r < T3_ROWS && T3_ROW_DEFS[r].kind != T3RowKind::Top {
            r += 1;
        }
        outer = outer.push(row![
            label_cell(T3_RESULTS_LABEL, COL_A, rows_h(start..r)),
            results_labels(start, r),
        ]);
    }
    outer.into()
}

fn results_labels<'a>(start: usize, end: usize) -> Element<'a> {
    let mut col = Column::new();
    let mut r = start;
    while r < end {
        let def = &T3_ROW_DEFS[r];
        match (def.kind, def.group) {
            (T3RowKind::Item, Some(g)) => {
                let first = r;
                while r < end && T3_ROW_DEFS[r].group == Some(g) {
                    r += 1;
                }
                let items = (first..r).map(|i| label_cell(T3_ROW_DEFS[i].label, COL_C, row_h(i)));
                col = col.push(row![
                    label_cell(T3_GROUPS[g].label, COL_B, rows_h(first..r)),
                    Column::with_children(items),
                ]);
            }
            _ => {
                col = col.push(label_cell(def.label, label_width(r), row_h(r)));
                r += 1;
            }
        }
    }
    col.into()
}

/// Whether a column's balance fails (both sides complete and different).
fn unbalanced(doc: &Document, col: usize) -> bool {
    let (left, right) = doc.report.table3.balance(col);
    left.complete && right.complete && left.value != right.value
}

fn numbers(doc: &Document) -> Element<'_> {
    let t = &doc.report.table3;
    let rows = (0..T3_ROWS).map(|r| {
        let h = row_h(r);
        let cells = (0..T3_COLS).map(move |c| {
            if T3_ROW_DEFS[r].entered && c < template::T3_ENTERED_COLS {
                number_cell(doc, CellRef::T3 { row: r, col: c }, DATA_W, h)
            } else {
                let bad = r == t3row::TOTAL && unbalanced(doc, c);
                total_cell(t.cell(r, c), bad, DATA_W, h)
            }
        });
        row(cells).into()
    });
    Column::with_children(rows).into()
}

/// The 勾稽关系 per column: 一＋二 against （七）总计＋四.
fn balance(doc: &Document) -> Element<'_> {
    let h = 50.0;
    let cells = (0..T3_COLS).map(|c| {
        let (left, right) = doc.report.table3.balance(c);
        balance_cell(left, right, h)
    });
    row![
        container(
            column![
                text("每列勾稽关系").size(TABLE_TEXT),
                text("一＋二 ＝ 三（七）总计＋四").size(TABLE_TEXT),
            ]
            .spacing(2)
        )
        .padding([2, 6])
        .width(COL_A + COL_B + COL_C)
        .height(h)
        .center_y(h)
        .style(style::header_cell),
        row(cells),
    ]
    .into()
}

fn balance_cell<'a>(left: Total, right: Total, h: f32) -> Element<'a> {
    let (first, second, color) = if !(left.complete && right.complete) {
        (
            format!("{}　{}", left.value, right.value),
            "未填完",
            style::MUTED,
        )
    } else if left.value == right.value {
        (
            format!("{} ＝ {}", left.value, right.value),
            "相符",
            style::OK,
        )
    } else {
        (
            format!("{} ≠ {}", left.value, right.value),
            "不符",
            style::ERROR,
        )
    };
    container(
        column![
            text(first).size(TABLE_TEXT).color(color),
            text(second).size(TABLE_TEXT).color(color),
        ]
        .align_x(iced::Center)
        .spacing(2),
    )
    .width(DATA_W)
    .height(h)
    .center_x(DATA_W)
    .center_y(h)
    .style(style::computed_cell(
        left.complete && right.complete && left.value != right.value,
    ))
    .into()
}
