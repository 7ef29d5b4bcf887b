//! Section 一: the opening paragraph and the five sub-heads.

use crate::gui::components::{EDITOR_H, Element, prose_block};
use crate::gui::document::Document;
use crate::gui::message::{Message, ProseField};
use crate::template::{self, OVERVIEW_INTRO_HINT, OVERVIEW_SUBHEADS, SectionKey};
use iced::widget::{column, row, text, text_input};

/// Height of one sub-head block, for scrolling to it.
const PART_H: f32 = 330.0;
const FIRST_PART_Y: f32 = 440.0;

/// Scroll offset of a sub-head block.
pub fn part_y(index: usize) -> f32 {
    FIRST_PART_Y + PART_H * index as f32
}

pub fn view(doc: &Document) -> Element<'_> {
    let def = template::section(SectionKey::Overview);
    let mut page = column![
        super::page_head(def.heading(), def.hint),
        prose_block(
            doc,
            ProseField::OverviewIntro,
            text("开头段落").size(16).into(),
            OVERVIEW_INTRO_HINT,
            EDITOR_H - 40.0,
        ),
    ]
    .spacing(14);
    for (i, sub) in OVERVIEW_SUBHEADS.iter().enumerate() {
        let title = doc
            .report
            .overview
            .parts
            .get(i)
            .map_or(sub.title, |p| p.title.as_str());
        let head: Element<'_> = row![
            text(template::paren_numeral(i)).size(16),
            text_input(sub.title, title)
                .on_input(move |s| Message::OverviewTitleChanged(i, s))
                .size(16)
                .padding(4)
                .width(420),
        ]
        .align_y(iced::Center)
        .into();
        page = page.push(prose_block(
            doc,
            ProseField::OverviewPart(i),
            head,
            sub.hint,
            EDITOR_H,
        ));
    }
    page.into()
}
