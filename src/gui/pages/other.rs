//! Section 六: the seven numbered items.

use crate::gui::components::{Element, prose_block};
use crate::gui::session::Session;
use iced::widget::{column, text};
use nianbao_core::model::Prose;
use nianbao_core::template::{self, OTHER_ITEMS, SectionKey};

const ITEM_EDITOR_H: f32 = 120.0;

pub fn view(doc: &Session) -> Element<'_> {
    let def = template::section(SectionKey::Other);
    let mut page = column![
        super::page_head(def.heading(), def.hint),
        super::page_findings(doc, crate::gui::message::Page::Section(SectionKey::Other)),
    ]
    .spacing(14);
    for (i, item) in OTHER_ITEMS.iter().enumerate() {
        page = page.push(prose_block(
            doc,
            Prose::OtherItem(i),
            text(format!("{}{}", template::paren_numeral(i), item.label))
                .size(16)
                .into(),
            item.hint,
            ITEM_EDITOR_H,
        ));
    }
    page.into()
}
