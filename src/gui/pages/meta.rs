//! 基本信息: who publishes the report and where, and the preface built from it.

use crate::gui::components::{EDITOR_H, Element, prose_block};
use crate::gui::dialog::FileAction;
use crate::gui::message::{Message, Page};
use crate::gui::reach::button;
use crate::gui::session::Session;
use crate::gui::style;
use iced::Fill;
use iced::widget::{column, container, row, text, text_input};
use nianbao_core::model::{
    AgencyLevel, Date, InputError, MetaField, PREFACE_NAME, Place, Prose, Signoff, parse_year,
};
use nianbao_core::template::PREFACE_HINT;

/// What a person might type into each field, shown while it is empty.
fn placeholder(field: MetaField) -> &'static str {
    match field {
        MetaField::Agency => "例如：某某县人民政府办公室",
        MetaField::Year => "例如：2024",
        MetaField::PortalName => "例如：某某县人民政府门户网站",
        MetaField::PortalUrl => "例如：http://www.example.gov.cn/",
        MetaField::ColumnName => "例如：政府信息公开年度报告",
        MetaField::Address => "例如：某某县某某路1号",
        MetaField::Phone => "例如：0537-1234567",
        MetaField::Date => "例如：2025-01-20（可不填）",
        MetaField::TitleBreak => "留空则自动分行；要自定分行，输入标题并在换行处加“/”",
    }
}

/// The choices of the agency's level, each with its label: none (judged from the name), then
/// every level.
fn level_choices(doc: &Session) -> Vec<(Option<AgencyLevel>, String)> {
    let judged = AgencyLevel::infer(&doc.report.meta.agency)
        .map_or("无法判断，请选择".to_string(), |l| {
            l.label().to_string()
        });
    std::iter::once((None, format!("按机关名称判断（{judged}）")))
        .chain(
            AgencyLevel::ALL
                .into_iter()
                .map(|l| (Some(l), l.label().to_string())),
        )
        .collect()
}

/// A row of choices, each a button the keyboard reaches (Tab, then Enter or Space), the chosen
/// one marked.
fn choice_list<'a, T: Copy + 'a>(
    choices: impl IntoIterator<Item = (T, String, bool)>,
    on_choose: impl Fn(T) -> Message + 'a,
) -> Element<'a> {
    let options = choices.into_iter().map(|(value, label, chosen)| {
        button(
            row![
                text(if chosen { "●" } else { "○" }).size(14),
                text(label).size(14)
            ]
            .spacing(8),
        )
        .on_press(on_choose(value))
        .padding([3, 8])
        .width(Fill)
        .style(if chosen {
            button::primary
        } else {
            button::text
        })
        .into()
    });
    column(options).spacing(2).width(440).into()
}

/// The level as a list of choices, all in view, each one a button the keyboard reaches
/// (Tab, then Enter or Space), the chosen one marked.
fn level_list(doc: &Session) -> Element<'_> {
    let choices = level_choices(doc)
        .into_iter()
        .map(|(level, label)| (level, label, doc.report.meta.level == level));
    choice_list(choices, Message::LevelChosen)
}

/// 落款 under the last section, offered once a date is set.
fn signoff_row(doc: &Session) -> Element<'_> {
    let choices = Signoff::ALL
        .into_iter()
        .map(|s| (s, s.label().to_string(), doc.report.meta.signoff == s));
    choice_row(
        "落款",
        choice_list(choices, Message::SignoffChosen),
        "署名为机关名称，右空二字，成文日期居中排在其下（GB/T 9704）。",
    )
}

/// A labelled list of choices with what the choice does under it (under, not beside: beside,
/// the note is squeezed to nothing when the print preview narrows the form).
fn choice_row<'a>(label: &'a str, choices: Element<'a>, note: &'a str) -> Element<'a> {
    row![
        text(label).size(14).width(110),
        column![choices, text(note).size(13).color(style::MUTED).width(440),].spacing(4),
    ]
    .spacing(10)
    .align_y(iced::Alignment::Start)
    .into()
}

/// The widget id of a metadata field.
pub fn field_id(field: MetaField) -> String {
    format!("meta-{}", field.key())
}

pub fn view(doc: &Session) -> Element<'_> {
    let mut fields = column![].spacing(6);
    for field in MetaField::ALL {
        let value = doc
            .meta_text
            .get(&field)
            .cloned()
            .unwrap_or_else(|| doc.report.meta_text(field));
        let note = field_note(doc, field);
        let target = doc.target == Some(Place::Meta(field));
        let input = text_input(placeholder(field), &value)
            .id(field_id(field))
            .on_input(move |s| Message::MetaChanged(field, s))
            .on_submit(Message::FocusNext)
            .padding(6)
            .size(14)
            .width(440);
        // What is wrong with the field goes under it: beside it, the print preview's narrower
        // form would squeeze it to nothing.
        let mut entry = column![input].spacing(2);
        if !note.0.is_empty() {
            entry = entry.push(text(note.0).size(13).color(note.1).width(440));
        }
        fields = fields.push(
            row![
                // As high as the input, its text level with the input's.
                text(field.label())
                    .size(14)
                    .width(110)
                    .height(32)
                    .align_y(iced::alignment::Vertical::Center),
                entry
            ]
            .spacing(10)
            .align_y(iced::Alignment::Start),
        );
        if target {
            fields = fields.push(text("↑ 检查结果指向这里").size(12).color(style::ACCENT));
        }
        if field == MetaField::Date && doc.report.meta.date.is_some() {
            fields = fields.push(signoff_row(doc));
        }
    }
    let title = doc.report.title();
    let title = match doc.report.meta.title_lines_for(&title) {
        Some(lines) => text(format!("报告标题（按标题分行打印）：{}", lines.join(" / "))),
        None => text(format!("报告标题：{title}")),
    }
    .size(15);
    let level = choice_row(
        "机关层级",
        level_list(doc),
        "决定哪些检查适用，例如只有设区的市以上人民政府可以制定规章。",
    );
    let fields = fields.push(level);
    let mut preface_title = row![
        text(PREFACE_NAME).size(16),
        button(text("按基本信息重新生成").size(13))
            .on_press(Message::RegeneratePreface)
            .style(button::secondary),
    ]
    .spacing(12)
    .align_y(iced::Center);
    if doc.confirm_regenerate {
        preface_title = preface_title.push(
            row![
                text("将用生成的文字替换现在的开头段落（可撤销）。")
                    .size(13)
                    .color(style::WARNING),
                button(text("替换").size(13))
                    .on_press(Message::RegeneratePreface)
                    .style(button::danger),
                button(text("保留现在的").size(13))
                    .on_press(Message::RegenerateCancelled)
                    .style(button::secondary),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
    }
    let preface_title: Element<'_> = preface_title.into();
    column![
        super::page_head(
            "基本信息".to_string(),
            "机关名称和年度组成报告标题；网站、专栏、地址和电话用于开头说明段落。改动后可按“重新生成”更新开头段落（替换改写过的文字前会先询问，也可撤销）。"
        ),
        container(column![fields, title].spacing(12))
            .padding(12)
            .width(Fill)
            .style(style::panel(false)),
        last_year_box(doc),
        super::page_findings(doc, Page::Meta),
        prose_block(doc, Prose::Preface, preface_title, PREFACE_HINT, EDITOR_H + 40.0),
    ]
    .spacing(14)
    .into()
}

/// Last year's draft: which it is, whether it loads, and buttons to choose or clear it.
fn last_year_box(doc: &Session) -> Element<'_> {
    use crate::gui::files::LastYear;
    let path = doc.last_year_path();
    let status = match (&doc.last_year, &path) {
        (LastYear::Loaded(last), Some(p)) => text(format!(
            "已载入“{}”（{}）。跨年度检查已开启。",
            last.title(),
            p.display()
        ))
        .color(style::OK),
        (LastYear::Failed(e), Some(p)) => text(format!(
            "无法读取草稿中记下的上年报告 {}：{e}。请重新选择，或不再使用。",
            p.display()
        ))
        .color(style::ERROR),
        _ => text("未指定。指定后，检查会核对表三上年结转、现行有效件数和年度，提示与上年雷同的文字，并可查看“与上年对比”。可以选上年的草稿，也可以直接选上年发布的 PDF、Word 文件或网页。")
            .color(style::MUTED),
    };
    let mut buttons = row![
        button(text("选择上年报告…").size(13))
            .on_press(Message::LastYearRequested)
            .style(button::secondary),
        button(text("输入路径").size(13))
            .on_press(Message::PathInputOpened(FileAction::LastYear))
            .style(button::secondary),
    ]
    .spacing(10);
    if path.is_some() {
        buttons = buttons.push(
            button(text("不再使用上年报告").size(13))
                .on_press(Message::LastYearCleared)
                .style(button::secondary),
        );
    }
    container(column![text("上年报告").size(16), status.size(13), buttons,].spacing(6))
        .padding(12)
        .width(Fill)
        .style(style::panel(false))
        .into()
}

fn field_note(doc: &Session, field: MetaField) -> (String, iced::Color) {
    if let Some(typed) = doc.meta_text.get(&field) {
        let refused = match field {
            MetaField::Year => parse_year(typed).is_none().then_some(InputError::NotAYear),
            MetaField::Date => Date::parse(typed).is_none().then_some(InputError::NotADate),
            _ => None,
        };
        if let Some(e) = refused {
            return (e.to_string(), style::ERROR);
        }
    }
    match doc.findings.iter().find(|f| f.place == Place::Meta(field)) {
        Some(f) => (f.message.clone(), style::WARNING),
        None => (String::new(), style::MUTED),
    }
}
