//! Section 五: the main problems and what was done about them.

use crate::gui::components::{EDITOR_H, Element, prose_block};
use crate::gui::session::Session;
use iced::widget::{column, text};
use nianbao_core::model::Prose;
use nianbao_core::template::{self, SectionKey};

pub fn view(doc: &Session) -> Element<'_> {
    let def = template::section(SectionKey::Problems);
    column![
        super::page_head(def.heading(), def.hint),
        super::page_findings(
            doc,
            crate::gui::message::Page::Section(SectionKey::Problems)
        ),
        super::checks::similarity_line(doc, Some(SectionKey::Problems))
            .unwrap_or_else(|| iced::widget::space().into()),
        prose_block(
            doc,
            Prose::Problems,
            text("正文").size(16).into(),
            "",
            EDITOR_H * 2.0,
        ),
    ]
    .spacing(14)
    .into()
}
