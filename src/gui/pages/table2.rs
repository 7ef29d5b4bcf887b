//! Section 二: table 二 as its four captioned blocks.

use crate::gui::components::{Element, fill_zeros_button, header_cell, label_cell, number_cell};
use crate::gui::session::Session;
use iced::widget::{Column, column, row};
use nianbao_core::model::Cell;
use nianbao_core::template::{self, SectionKey, T2Values, TABLE2_BLOCKS};

const LABEL_W: f32 = 220.0;
const VALUE_W: f32 = 150.0;
const ROW_H: f32 = 36.0;

pub fn view(doc: &Session) -> Element<'_> {
    let def = template::section(SectionKey::Proactive);
    let full = LABEL_W + 3.0 * VALUE_W;
    let mut table = Column::new();
    for block in &TABLE2_BLOCKS {
        table = table.push(header_cell(block.caption, full, ROW_H));
        let span = 3.0 * VALUE_W / block.value_headers.len() as f32;
        let heads = block
            .value_headers
            .iter()
            .map(|h| header_cell(*h, span, ROW_H));
        table = table.push(row![
            header_cell(block.label_header, LABEL_W, ROW_H),
            row(heads)
        ]);
        for r in block.rows {
            let cells: Vec<Element<'_>> = match r.values {
                T2Values::Counts(cells) => cells
                    .iter()
                    .map(|&c| number_cell(doc, Cell::T2(c), span, ROW_H))
                    .collect(),
                T2Values::FeeAmount => vec![number_cell(doc, Cell::T2Fee, span, ROW_H)],
            };
            table = table.push(row![label_cell(r.label, LABEL_W, ROW_H), row(cells)]);
        }
    }
    let (count, findings) = super::table_findings(
        doc,
        crate::gui::message::Page::Section(SectionKey::Proactive),
    );
    column![
        super::page_head(def.heading(), def.hint),
        count,
        fill_zeros_button(SectionKey::Proactive),
        table,
        findings,
    ]
    .spacing(14)
    .into()
}
