//! Section 四: table 四, 行政复议 and the two 行政诉讼 groups, with their computed 总计.

use crate::gui::components::{Element, fill_zeros_button, header_cell, number_cell, total_cell};
use crate::gui::session::Session;
use iced::widget::scrollable::{Direction, Scrollbar};
use iced::widget::{Row, column, container, row, scrollable};
use nianbao_core::model::Cell;
use nianbao_core::template::{self, SectionKey, T4_LITIGATION, T4_REVIEW, T4Col, T4Group};

const COL_W: f32 = 62.0;
const H: f32 = 32.0;
const DATA_H: f32 = 40.0;

pub fn view(doc: &Session) -> Element<'_> {
    let def = template::section(SectionKey::Review);
    let group_w = COL_W * T4Col::ALL.len() as f32;
    let (litigation, review): (Vec<T4Group>, Vec<T4Group>) =
        T4Group::ALL.into_iter().partition(|g| g.is_litigation());
    let columns_row = |h: f32| {
        Row::with_children(
            T4Col::ALL
                .iter()
                .map(move |c| header_cell(c.label(), COL_W, h)),
        )
    };
    // 行政复议: its columns span the two lower header rows.
    let mut header = row![];
    for _ in &review {
        header = header.push(column![
            header_cell(T4_REVIEW, group_w, H),
            columns_row(2.0 * H)
        ]);
    }
    let lit_groups = Row::with_children(
        litigation
            .iter()
            .map(|&g| column![header_cell(g.label(), group_w, H), columns_row(H)].into()),
    );
    header = header.push(column![
        header_cell(T4_LITIGATION, group_w * litigation.len() as f32, H),
        lit_groups
    ]);
    let data = Row::with_children(review.iter().chain(&litigation).flat_map(|&g| {
        T4Col::ALL.into_iter().map(move |c| {
            if c == T4Col::Total {
                total_cell(doc.report.table4.cell(g, c), false, COL_W, DATA_H)
            } else {
                number_cell(doc, Cell::T4(g, c), COL_W, DATA_H)
            }
        })
    }));
    let (count, findings) =
        super::table_findings(doc, crate::gui::message::Page::Section(SectionKey::Review));
    column![
        super::page_head(def.heading(), def.hint),
        count,
        fill_zeros_button(SectionKey::Review),
        scrollable(container(column![header, data]).padding(iced::Padding::ZERO.bottom(12)))
            .id(crate::gui::locate::TABLE_ACROSS)
            .direction(Direction::Horizontal(
                Scrollbar::new().width(8).scroller_width(8)
            )),
        findings,
    ]
    .spacing(14)
    .into()
}
