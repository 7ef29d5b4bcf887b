//! Section 六: the seven numbered items.

use crate::gui::components::{Element, prose_block};
use crate::gui::document::Document;
use crate::gui::message::ProseField;
use crate::template::{self, OTHER_ITEMS, SectionKey};
use iced::widget::{column, text};

const ITEM_EDITOR_H: f32 = 120.0;
const ITEM_H: f32 = 250.0;
const FIRST_ITEM_Y: f32 = 150.0;

/// Scroll offset of an item block.
pub fn item_y(index: usize) -> f32 {
    FIRST_ITEM_Y + ITEM_H * index as f32
}

pub fn view(doc: &Document) -> Element<'_> {
    let def = template::section(SectionKey::Other);
    let mut page = column![super::page_head(def.heading(), def.hint)].spacing(14);
    for (i, item) in OTHER_ITEMS.iter().enumerate() {
        page = page.push(prose_block(
            doc,
            ProseField::OtherItem(i),
            text(format!("{}{}", template::paren_numeral(i), item.label))
                .size(16)
                .into(),
            item.hint,
            ITEM_EDITOR_H,
        ));
    }
    page.into()
}
