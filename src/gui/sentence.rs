//! Generated data sentences as a component: previewing the paragraph a topic's table yields,
//! inserting it into its sub-head of section 一 (never dropping the person's words), and taking
//! the insertion back.

use super::components::Element;
use super::message::Message as AppMessage;
use super::session::Session;
use super::style;
use iced::Fill;
use iced::widget::{button, column, container, row, text};
use nianbao_core::model::Prose;
use nianbao_core::sentences::{self, Action, Topic};

/// The settings of generated sentences: one decimal in percentages.
pub const OPTIONS: sentences::Options = sentences::Options { decimals: 1 };

/// Inserting a generated data paragraph into section 一: first shown, then done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// The paragraph of a topic is shown with what inserting it would do; nothing changed yet.
    Preview(Topic),
    /// It was inserted (or found already there): what happened, and the text before and after
    /// for 撤销.
    Done {
        topic: Topic,
        action: Action,
        before: String,
        after: String,
    },
}

impl State {
    pub fn topic(&self) -> Topic {
        match self {
            State::Preview(t) | State::Done { topic: t, .. } => *t,
        }
    }
}

/// The messages of generated sentences.
#[derive(Debug, Clone)]
pub enum Message {
    /// Show the generated paragraph of a topic before inserting it into its sub-head.
    Preview(Topic),
    /// Insert the previewed paragraph of a topic into its sub-head of section 一.
    Insert(Topic),
    /// Take back the last insertion.
    Undo,
    /// Close the preview or the result of an insertion.
    Dismissed,
}

/// What the app must do after a sentence message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Bring the sub-head the preview is shown under into view.
    Show(Prose),
    /// The report changed (autosave), with what to tell the user.
    Edited(String),
    /// Tell the user why nothing changed.
    Refused(String),
}

pub fn update(doc: &mut Session, message: Message) -> Option<Event> {
    match message {
        Message::Preview(topic) => {
            doc.sentence = Some(State::Preview(topic));
            Some(Event::Show(topic.suggested_place()))
        }
        Message::Insert(topic) => insert(doc, topic),
        Message::Undo => undo(doc),
        Message::Dismissed => {
            doc.sentence = None;
            None
        }
    }
}

/// Inserts the topic's paragraph, generated afresh from the tables, into its sub-head. The
/// person's words are never dropped (see `sentences::insert`).
fn insert(doc: &mut Session, topic: Topic) -> Option<Event> {
    let generated = sentences::generate(&doc.report, &OPTIONS);
    let Some(paragraph) = generated.get(topic) else {
        return Some(Event::Refused(format!(
            "表格数据不全，暂不能生成“{}”的表述。",
            topic.label()
        )));
    };
    let field = topic.suggested_place();
    let before = doc.prose(field).to_string();
    let insertion = sentences::insert(&before, paragraph);
    let changed = insertion.action != Action::Unchanged;
    if changed {
        doc.set_prose(field, insertion.text.clone());
    }
    doc.sentence = Some(State::Done {
        topic,
        action: insertion.action,
        before,
        after: insertion.text,
    });
    changed.then(|| Event::Edited(format!("已插入“{}”的表述。", topic.label())))
}

fn undo(doc: &mut Session) -> Option<Event> {
    let Some(State::Done {
        topic,
        before,
        after,
        ..
    }) = doc.sentence.clone()
    else {
        return None;
    };
    let field = topic.suggested_place();
    if doc.prose(field) != after {
        return Some(Event::Refused(
            "插入之后这一段又有改动，无法自动撤销，请直接在文字中修改。".into(),
        ));
    }
    doc.set_prose(field, before);
    doc.sentence = None;
    Some(Event::Edited(
        "已撤销插入，这一段恢复为插入前的文字。".into(),
    ))
}

/// The preview of a generated paragraph before inserting it, or what inserting did.
pub fn view<'a>(doc: &'a Session, state: &'a State) -> Element<'a> {
    let topic = state.topic();
    let field = topic.suggested_place();
    let mut col = column![].spacing(8);
    match state {
        State::Preview(_) => {
            col = col.push(text(format!("数据表述预览：{}", topic.label())).size(16));
            let generated = sentences::generate(&doc.report, &OPTIONS);
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
                                .on_press(AppMessage::Sentence(Message::Insert(topic)))
                                .style(button::primary),
                        );
                    }
                    buttons = buttons.push(
                        button(text(if can_insert { "取消" } else { "关闭" }).size(14))
                            .on_press(AppMessage::Sentence(Message::Dismissed))
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
                            .on_press(AppMessage::Sentence(Message::Dismissed))
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
        State::Done { action, .. } => {
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
                        .on_press(AppMessage::Sentence(Message::Undo))
                        .style(button::secondary),
                );
            }
            buttons = buttons.push(
                button(text("知道了").size(14))
                    .on_press(AppMessage::Sentence(Message::Dismissed))
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
