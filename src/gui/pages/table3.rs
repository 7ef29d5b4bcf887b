//! Section 三: the 25 × 7 grid of table 三 as printed, with its grouped labels, the computed
//! 总计 column and （七）总计 row, and the 勾稽关系 of every column under it.

use super::{PAGE_PADDING, page_head};
use crate::gui::components::{
    Element, TABLE_TEXT, fill_zeros_button, header_cell, label_cell, number_cell, total_cell,
};
use crate::gui::locate::{FROZEN_HEAD, FROZEN_LABELS};
use crate::gui::message::{Message, Page};
use crate::gui::pages::PAGE_SCROLL;
use crate::gui::session::Session;
use crate::gui::style;
use iced::widget::scrollable::{Direction, Scrollbar};
use iced::widget::{Column, column, container, row, scrollable, space, text};
use iced::{Fill, Shrink};
use nianbao_core::model::{Cell, Total};
use nianbao_core::template::{
    self, SectionKey, T3_APPLICANTS_HEADER, T3_BALANCE_NOTE, T3_COLS, T3_LEGAL_PERSONS_HEADER,
    T3_RESULTS_LABEL, T3_ROWS, T3Col, T3Row, T3RowKind,
};

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

fn label_width(row: T3Row) -> f32 {
    match row.def().kind {
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
pub fn row_h(row: T3Row) -> f32 {
    let per_line = (label_width(row) - 14.0) / TABLE_TEXT;
    let lines = (ems(row.def().label) * 1.08 / per_line).ceil().max(1.0);
    (lines * LINE + 10.0).max(MIN_ROW)
}

fn rows_h(rows: std::ops::Range<usize>) -> f32 {
    T3Row::ALL[rows].iter().map(|r| row_h(*r)).sum()
}

/// The page: heading and buttons over the grid, which fills the window and scrolls in both
/// directions under a frozen header row and label column (冻结窗格), as in a spreadsheet; the
/// findings and the hint under it.
pub fn view(doc: &Session) -> Element<'_> {
    let def = template::section(SectionKey::Applications);
    let (count, findings) = super::table_findings(doc, Page::Section(SectionKey::Applications));
    let top = column![
        page_head(def.heading(), def.hint),
        count,
        fill_zeros_button(SectionKey::Applications),
    ]
    .spacing(12);
    let under = column![
        findings,
        text("黄底“未填”＝尚未填写；0＝已填写为零；灰底＝程序自动计算；合计后的“…”＝该合计中还有未填或填错的格子。Tab/Enter 到下一格，Shift+Tab 回上一格；从Excel/WPS复制的一行或一块数字可直接粘贴。表头和左边的项目名称在滚动时保持不动。")
            .size(13)
            .color(style::MUTED),
    ]
    .spacing(8);
    let [v, h] = PAGE_PADDING;
    column![
        container(top).padding(iced::Padding::from([v, h]).bottom(12)),
        container(frozen_grid(doc)).padding([0, h]).height(Fill),
        container(scrollable(under).height(Shrink))
            .padding([8, h])
            .max_height(UNDER_MAX_H),
    ]
    .width(Fill)
    .height(Fill)
    .into()
}

/// The most the findings and hint under the grid take, so that the grid keeps most of a small
/// window (seen at 700 high: five rows left when three findings took 150); they scroll beyond.
const UNDER_MAX_H: f32 = 100.0;
/// Room kept for the body's scrollbars, which float over its last row and column: the panes
/// that follow the body get the same room, so they line up at the ends.
const SCROLLBAR_ROOM: f32 = 14.0;

/// The grid: a corner (the 勾稽 note), the header row scrolling across with the body, the label
/// column scrolling down with it, and the numbers with the per-column balance under them.
fn frozen_grid(doc: &Session) -> Element<'_> {
    let label_w = COL_A + COL_B + COL_C;
    let corner = header_cell(T3_BALANCE_NOTE, label_w, H1 + H2 + H3);
    let head = scrollable(row![header(), space().width(SCROLLBAR_ROOM)])
        .id(FROZEN_HEAD)
        .direction(Direction::Horizontal(Scrollbar::hidden()))
        .on_scroll(|v| Message::FrozenHeadScrolled(v.absolute_offset().x))
        .width(Fill);
    let labels = scrollable(column![
        labels(),
        balance_label(),
        space().height(SCROLLBAR_ROOM)
    ])
    .id(FROZEN_LABELS)
    .direction(Direction::Vertical(Scrollbar::hidden()))
    .on_scroll(|v| Message::FrozenLabelsScrolled(v.absolute_offset().y))
    .width(label_w)
    .height(Fill);
    let bar = || Scrollbar::new().width(10).scroller_width(10);
    let body = scrollable(column![
        row![numbers(doc), space().width(SCROLLBAR_ROOM)],
        container(balance(doc)).id(super::T3_BALANCE),
        space().height(SCROLLBAR_ROOM),
    ])
    .id(PAGE_SCROLL)
    .direction(Direction::Both {
        vertical: bar(),
        horizontal: bar(),
    })
    .on_scroll(|v| Message::FrozenScrolled(v.absolute_offset()))
    .width(Fill)
    .height(Fill);
    column![row![corner, head], row![labels, body].height(Fill)]
        .height(Fill)
        .into()
}

fn header<'a>() -> Element<'a> {
    let legal: Vec<T3Col> = T3Col::ALL
        .into_iter()
        .filter(|c| c.def().under_legal_persons)
        .collect();
    let mut top_row = row![];
    let mut legal_done = false;
    for col in T3Col::ALL {
        let def = col.def();
        if def.under_legal_persons {
            if !legal_done {
                legal_done = true;
                let subs = legal.iter().map(|c| header_cell(c.label(), DATA_W, H3));
                top_row = top_row.push(column![
                    header_cell(T3_LEGAL_PERSONS_HEADER, DATA_W * legal.len() as f32, H2),
                    row(subs),
                ]);
            }
        } else {
            top_row = top_row.push(header_cell(def.label, DATA_W, H2 + H3));
        }
    }
    column![
        header_cell(T3_APPLICANTS_HEADER, DATA_W * T3_COLS as f32, H1),
        top_row
    ]
    .into()
}

/// The label side: top rows over A–C, 三 down column A, outcome rows over B–C, groups down B.
fn labels<'a>() -> Element<'a> {
    let mut outer = Column::new();
    let kind = |r: usize| T3Row::ALL[r].def().kind;
    let mut r = 0;
    while r < T3_ROWS {
        let row = T3Row::ALL[r];
        if kind(r) == T3RowKind::Top {
            outer = outer.push(label_cell(row.def().label, label_width(row), row_h(row)));
            r += 1;
            continue;
        }
        let start = r;
        while r < T3_ROWS && kind(r) != T3RowKind::Top {
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
        let this = T3Row::ALL[r];
        let def = this.def();
        match (def.kind, def.group) {
            (T3RowKind::Item, Some(g)) => {
                let first = r;
                while r < end && T3Row::ALL[r].def().group == Some(g) {
                    r += 1;
                }
                let items = T3Row::ALL[first..r]
                    .iter()
                    .map(|i| label_cell(i.def().label, COL_C, row_h(*i)));
                col = col.push(row![
                    label_cell(g.def().label, COL_B, rows_h(first..r)),
                    Column::with_children(items),
                ]);
            }
            _ => {
                col = col.push(label_cell(def.label, label_width(this), row_h(this)));
                r += 1;
            }
        }
    }
    col.into()
}

/// Whether a column's balance fails (both sides complete and different).
fn unbalanced(doc: &Session, col: T3Col) -> bool {
    let (left, right) = doc.report.table3.balance(col);
    left.complete && right.complete && left.value != right.value
}

fn numbers(doc: &Session) -> Element<'_> {
    let t = &doc.report.table3;
    let rows = T3Row::ALL.into_iter().map(|r| {
        let h = row_h(r);
        let cells = T3Col::ALL.into_iter().map(move |c| {
            let cell = Cell::T3(r, c);
            if cell.is_derived() {
                let bad = r == T3Row::TOTAL && unbalanced(doc, c);
                total_cell(t.cell(r, c), bad, DATA_W, h)
            } else {
                number_cell(doc, cell, DATA_W, h)
            }
        });
        row(cells).into()
    });
    Column::with_children(rows).into()
}

/// Height of the balance row under the grid.
const BALANCE_H: f32 = 50.0;

/// The label of the balance row, in the frozen label column.
fn balance_label<'a>() -> Element<'a> {
    container(
        column![
            text("每列勾稽关系").size(TABLE_TEXT),
            text("一＋二 ＝ 三（七）总计＋四").size(TABLE_TEXT),
        ]
        .spacing(2),
    )
    .padding([2, 6])
    .width(COL_A + COL_B + COL_C)
    .height(BALANCE_H)
    .center_y(BALANCE_H)
    .style(style::header_cell)
    .into()
}

/// The 勾稽关系 per column: 一＋二 against （七）总计＋四.
fn balance(doc: &Session) -> Element<'_> {
    let cells = T3Col::ALL.into_iter().map(|c| {
        let (left, right) = doc.report.table3.balance(c);
        balance_cell(left, right, BALANCE_H)
    });
    row(cells).into()
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
