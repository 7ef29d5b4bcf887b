//! Generated data sentences as a component: previewing the paragraph a topic's table yields,
//! inserting it into its sub-head of section 一 (never dropping the person's words), and taking
//! the insertion back.

use super::style;
use crate::gui::reach::button;
use iced::Fill;
use iced::widget::{column, container, row, text};
use nianbao_core::model::{Prose, Report};
use nianbao_core::sentences::{self, Action, Topic};

/// What the panel draws.
pub type Element<'a> = iced::Element<'a, Message>;

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
    /// Put this text into the field (the report changes), and tell the user `notice`.
    SetProse {
        field: Prose,
        text: String,
        notice: String,
    },
    /// Tell the user why nothing changed.
    Refused(String),
}

/// Handles a message, given the open report; the change itself is the app's to make.
pub fn update(state: &mut Option<State>, message: Message, report: &Report) -> Option<Event> {
    match message {
        Message::Preview(topic) => {
            *state = Some(State::Preview(topic));
            Some(Event::Show(topic.suggested_place()))
        }
        Message::Insert(topic) => insert(state, topic, report),
        Message::Undo => undo(state, report),
        Message::Dismissed => {
            *state = None;
            None
        }
    }
}

/// Inserts the topic's paragraph, generated afresh from the tables, into its sub-head. The
/// person's words are never dropped (see `sentences::insert`).
fn insert(state: &mut Option<State>, topic: Topic, report: &Report) -> Option<Event> {
    let generated = sentences::generate(report, &OPTIONS);
    let Some(paragraph) = generated.get(topic) else {
        return Some(Event::Refused(format!(
            "表格数据不全，暂不能生成“{}”的表述。",
            topic.label()
        )));
    };
    let field = topic.suggested_place();
    let before = report.prose(field).to_string();
    let insertion = sentences::insert(&before, paragraph);
    let changed = insertion.action != Action::Unchanged;
    *state = Some(State::Done {
        topic,
        action: insertion.action,
        before,
        after: insertion.text.clone(),
    });
    changed.then(|| Event::SetProse {
        field,
        text: insertion.text,
        notice: format!("已插入“{}”的表述。", topic.label()),
    })
}

fn undo(state: &mut Option<State>, report: &Report) -> Option<Event> {
    let Some(State::Done {
        topic,
        before,
        after,
        ..
    }) = state.clone()
    else {
        return None;
    };
    let field = topic.suggested_place();
    if report.prose(field) != after {
        return Some(Event::Refused(
            "插入之后这一段又有改动，无法自动撤销，请直接在文字中修改。".into(),
        ));
    }
    *state = None;
    Some(Event::SetProse {
        field,
        text: before,
        notice: "已撤销插入，这一段恢复为插入前的文字。".into(),
    })
}

/// The preview of a generated paragraph before inserting it, or what inserting did.
pub fn view<'a>(state: &'a State, report: &'a Report) -> Element<'a> {
    let topic = state.topic();
    let field = topic.suggested_place();
    let mut col = column![].spacing(8);
    match state {
        State::Preview(_) => {
            col = col.push(text(format!("数据表述预览：{}", topic.label())).size(16));
            let generated = sentences::generate(report, &OPTIONS);
            match generated.get(topic) {
                Some(paragraph) => {
                    col = col.push(
                        container(text(paragraph.to_string()).size(15))
                            .padding([8, 12])
                            .width(Fill)
                            .style(style::hint_box),
                    );
                    let dry_run = sentences::insert(report.prose(field), paragraph);
                    let (what, can_insert) = match &dry_run.action {
                        Action::Appended if report.prose(field).trim().is_empty() => {
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
                                .on_press(Message::Insert(topic))
                                .style(button::primary),
                        );
                    }
                    buttons = buttons.push(
                        button(text(if can_insert { "取消" } else { "关闭" }).size(14))
                            .on_press(Message::Dismissed)
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
                            .on_press(Message::Dismissed)
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
                        .on_press(Message::Undo)
                        .style(button::secondary),
                );
            }
            buttons = buttons.push(
                button(text("知道了").size(14))
                    .on_press(Message::Dismissed)
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
