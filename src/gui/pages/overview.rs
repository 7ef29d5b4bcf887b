//! Section 一: the opening paragraph and the five sub-heads, with the data sentences generated
//! from the tables offered for insertion into the sub-heads they belong to.

use crate::gui::app::{App, SENTENCE_OPTIONS, SentenceState, topic_field};
use crate::gui::components::{EDITOR_H, Element, prose_block};
use crate::gui::document::Document;
use crate::gui::message::{Message, ProseField};
use crate::gui::style;
use crate::sentences::{self, Action, Topic};
use crate::template::{self, OVERVIEW_INTRO_HINT, OVERVIEW_SUBHEADS, SectionKey};
use iced::Fill;
use iced::widget::{button, column, container, row, text, text_input};

/// Height of one sub-head block, for scrolling to it.
const PART_H: f32 = 330.0;
const FIRST_PART_Y: f32 = 440.0;

/// Scroll offset of a sub-head block.
pub fn part_y(index: usize) -> f32 {
    FIRST_PART_Y + PART_H * index as f32
}

/// The topics whose generated paragraph goes into a sub-head.
fn topics_of(index: usize) -> impl Iterator<Item = Topic> {
    Topic::ALL
        .into_iter()
        .filter(move |t| topic_field(*t) == ProseField::OverviewPart(index))
}

pub fn view<'a>(app: &'a App, doc: &'a Document) -> Element<'a> {
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
        let mut head = row![
            text(template::paren_numeral(i)).size(16),
            text_input(sub.title, title)
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
                        .on_press(Message::SentencePreview(topic))
                        .padding([3, 8])
                        .style(button::secondary),
                );
            }
            head = head.spacing(8);
        }
        page = page.push(prose_block(
            doc,
            ProseField::OverviewPart(i),
            head.into(),
            sub.hint,
            EDITOR_H,
        ));
        if let Some(state) = &app.sentence {
            let topic = match state {
                SentenceState::Preview(t) | SentenceState::Done { topic: t, .. } => *t,
            };
            if topic_field(topic) == ProseField::OverviewPart(i) {
                page = page.push(sentence_panel(doc, state, topic));
            }
        }
    }
    page.into()
}

/// The preview of a generated paragraph before inserting it, or what inserting did.
fn sentence_panel<'a>(doc: &'a Document, state: &'a SentenceState, topic: Topic) -> Element<'a> {
    let field = topic_field(topic);
    let mut col = column![].spacing(8);
    match state {
        SentenceState::Preview(_) => {
            col = col.push(text(format!("数据表述预览：{}", topic.label())).size(16));
            let generated = sentences::generate(&doc.report, &SENTENCE_OPTIONS);
            match generated.get(topic) {
                Some(paragraph) => {
                    col = col.push(
                        container(text(paragraph.to_string()).size(15))
                            .padding([8, 12])
                            .width(Fill)
                            .style(style::hint_box),
                    );
                    let dry_run = sentences::insert(doc.prose(field), paragraph);
                    let (what, can_insert) = match &dry_run.action {
                        Action::Appended if doc.prose(field).trim().is_empty() => {
                            ("本段目前为空，插入后即为上面这段文字。".to_string(), true)
                        }
                        Action::Appended => (
                            "将作为新的一段加在本段已有文字之后，原有文字不会改动。".to_string(),
                            true,
                        ),
                        Action::Replaced { old } => (
                            format!(
                                "本段中有一段此前生成的表述，与新表述只有数字不同，将用新数字替换它（替换后可撤销）。原来是：{old}"
                            ),
                            true,
                        ),
                        Action::Unchanged => {
                            ("本段已包含完全相同的表述，无需插入。".to_string(), false)
                        }
                    };
                    col = col.push(text(what).size(14));
                    let mut buttons = row![].spacing(10);
                    if can_insert {
                        buttons = buttons.push(
                            button(text("插入").size(14))
                                .on_press(Message::SentenceInsert(topic))
                                .style(button::primary),
                        );
                    }
                    buttons = buttons.push(
                        button(text(if can_insert { "取消" } else { "关闭" }).size(14))
                            .on_press(Message::SentenceDismissed)
                            .style(button::secondary),
                    );
                    col = col.push(buttons);
                }
                None => {
                    col = col.push(
                        text("表格数据不全，暂不能生成这段表述。请先补全相应表格：")
                            .size(14)
                            .color(style::WARNING),
                    );
                    col = col.push(
                        button(text("关闭").size(14))
                            .on_press(Message::SentenceDismissed)
                            .style(button::secondary),
                    );
                }
            }
            if !generated.missing.is_empty() {
                let mut notes =
                    column![text("尚未生成的内容：").size(13).color(style::MUTED)].spacing(2);
                for reason in generated.missing {
                    notes = notes.push(text(format!("· {reason}")).size(13).color(style::MUTED));
                }
                col = col.push(notes);
            }
        }
        SentenceState::Done { action, .. } => {
            let (what, undo) = match action {
                Action::Appended => (
                    format!(
                        "已把“{}”的表述加在本段末尾，原有文字未改动。",
                        topic.label()
                    ),
                    true,
                ),
                Action::Replaced { old } => (
                    format!("已用新数字替换本段中此前生成的表述。原来的文字是：{old}"),
                    true,
                ),
                Action::Unchanged => ("本段已包含完全相同的表述，未作改动。".to_string(), false),
            };
            col = col.push(text(what).size(14).color(style::OK));
            let mut buttons = row![].spacing(10);
            if undo {
                buttons = buttons.push(
                    button(text("撤销").size(14))
                        .on_press(Message::SentenceUndo)
                        .style(button::secondary),
                );
            }
            buttons = buttons.push(
                button(text("知道了").size(14))
                    .on_press(Message::SentenceDismissed)
                    .style(button::secondary),
            );
            col = col.push(buttons);
        }
    }
    container(col)
        .padding(12)
        .width(Fill)
        .style(style::panel(true))
        .into()
}
