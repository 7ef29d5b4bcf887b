//! Section 五: the main problems and what was done about them.

use crate::gui::components::{EDITOR_H, Element, prose_block};
use crate::gui::document::Document;
use crate::gui::message::ProseField;
use crate::template::{self, SectionKey};
use iced::widget::{column, text};

pub fn view(doc: &Document) -> Element<'_> {
    let def = template::section(SectionKey::Problems);
    column![
        super::page_head(def.heading(), def.hint),
        prose_block(
            doc,
            ProseField::Problems,
            text(def.heading()).size(16).into(),
            def.hint,
            EDITOR_H * 2.0,
        ),
    ]
    .spacing(14)
    .into()
}
