//! Section 一: the opening paragraph and the five sub-heads, with the data sentences generated
//! from the tables offered for insertion into the sub-heads they belong to.

use crate::gui::components::{EDITOR_H, Element, prose_block};
use crate::gui::message::Message;
use crate::gui::reach::button;
use crate::gui::session::Session;
use crate::gui::{sentence, style};
use iced::widget::{column, row, text, text_input};
use nianbao_core::model::Prose;
use nianbao_core::sentences::Topic;
use nianbao_core::template::{self, OVERVIEW_INTRO_HINT, OVERVIEW_SUBHEADS, SectionKey};

/// The widget id of a sub-head's title field.
pub fn title_id(index: usize) -> String {
    format!("part-title-{index}")
}

/// The topics whose generated paragraph goes into a sub-head.
fn topics_of(index: usize) -> impl Iterator<Item = Topic> {
    Topic::ALL
        .into_iter()
        .filter(move |t| t.suggested_place() == Prose::OverviewPart(index))
}

pub fn view(doc: &Session) -> Element<'_> {
    let def = template::section(SectionKey::Overview);
    let mut page = column![
        super::page_head(def.heading(), def.hint),
        super::page_findings(
            doc,
            crate::gui::message::Page::Section(SectionKey::Overview)
        ),
        super::checks::similarity_line(doc, Some(SectionKey::Overview))
            .unwrap_or_else(|| iced::widget::space().into()),
        prose_block(
            doc,
            Prose::OverviewIntro,
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
        let mut head = row![
            text(template::paren_numeral(i)).size(16).width(52),
            text_input(sub.title, title)
                .id(title_id(i))
                .on_input(move |s| Message::OverviewTitleChanged(i, s))
                .size(16)
                .padding(4)
                .width(360),
        ]
        .align_y(iced::Center);
        let mut topics = topics_of(i).peekable();
        if topics.peek().is_some() {
            head = head.push(text("插入数据表述：").size(13).color(style::MUTED));
            for topic in topics {
                head = head.push(
                    button(text(topic.label()).size(13))
                        .on_press(Message::Sentence(sentence::Message::Preview(topic)))
                        .padding([3, 8])
                        .style(button::secondary),
                );
            }
            head = head.spacing(8);
        }
        page = page.push(prose_block(
            doc,
            Prose::OverviewPart(i),
            head.into(),
            sub.hint,
            EDITOR_H,
        ));
        if let Some(state) = &doc.sentence
            && state.topic().suggested_place() == Prose::OverviewPart(i)
        {
            page = page.push(sentence::view(state, &doc.report).map(Message::Sentence));
        }
    }
    page.into()
}
