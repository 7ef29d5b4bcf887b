//! 基本信息: who publishes the report and where, and the preface built from it.

use crate::gui::app::App;
use crate::gui::components::{EDITOR_H, Element, prose_block};
use crate::gui::document::Document;
use crate::gui::message::{FileAction, Message, MetaField, Page, ProseField};
use crate::gui::style;
use crate::rules::{Place, meta_field_label};
use crate::template::PREFACE_HINT;
use iced::Fill;
use iced::widget::{button, column, container, row, text, text_input};

/// Scroll offset of the preface block.
pub const PREFACE_Y: f32 = 590.0;

const FIELDS: [(MetaField, &str, &str); 8] = [
    (MetaField::Agency, "agency", "例如：某某县人民政府办公室"),
    (MetaField::Year, "year", "例如：2024"),
    (
        MetaField::PortalName,
        "portal_name",
        "例如：某某县人民政府门户网站",
    ),
    (
        MetaField::PortalUrl,
        "portal_url",
        "例如：http://www.example.gov.cn/",
    ),
    (
        MetaField::ColumnName,
        "column_name",
        "例如：政府信息公开年度报告",
    ),
    (MetaField::Address, "address", "例如：某某县某某路1号"),
    (MetaField::Phone, "phone", "例如：0537-1234567"),
    (MetaField::Date, "date", "例如：2025-01-20（可不填）"),
];

/// The widget id of a metadata field.
pub fn field_id(field: MetaField) -> String {
    let key = FIELDS
        .iter()
        .find(|(f, _, _)| *f == field)
        .map_or("other", |(_, k, _)| k);
    format!("meta-{key}")
}

pub fn view<'a>(app: &'a App, doc: &'a Document) -> Element<'a> {
    let m = &doc.report.meta;
    let mut fields = column![].spacing(6);
    for (field, key, placeholder) in FIELDS {
        let value = app
            .meta_text
            .get(&field)
            .cloned()
            .unwrap_or_else(|| match field {
                MetaField::Agency => m.agency.clone(),
                MetaField::Year if m.year != 0 => m.year.to_string(),
                MetaField::Year => String::new(),
                MetaField::PortalName => m.portal_name.clone(),
                MetaField::PortalUrl => m.portal_url.clone(),
                MetaField::ColumnName => m.column_name.clone(),
                MetaField::Address => m.address.clone(),
                MetaField::Phone => m.phone.clone(),
                MetaField::Date => m.date.map(|d| d.to_string()).unwrap_or_default(),
            });
        let note = field_note(app, doc, field, key);
        let target = doc.target == Some(Place::Meta { field: key });
        fields = fields.push(
            row![
                text(meta_field_label(key)).size(14).width(110),
                text_input(placeholder, &value)
                    .id(field_id(field))
                    .on_input(move |s| Message::MetaChanged(field, s))
                    .on_submit(Message::FocusNext)
                    .padding(6)
                    .size(14)
                    .width(440),
                text(note.0).size(13).color(note.1),
            ]
            .spacing(10)
            .align_y(iced::Center),
        );
        if target {
            fields = fields.push(text("↑ 检查结果指向这里").size(12).color(style::ACCENT));
        }
    }
    let title = text(format!("报告标题：{}", doc.report.title())).size(15);
    let preface_title: Element<'a> = row![
        text("开头说明段落").size(16),
        button(text("按基本信息重新生成").size(13))
            .on_press(Message::RegeneratePreface)
            .style(button::secondary),
    ]
    .spacing(12)
    .align_y(iced::Center)
    .into();
    let mut findings = column![].spacing(2);
    for f in doc.findings_on(Page::Meta) {
        findings = findings.push(
            button(
                text(format!("{}：{}", f.place.describe(), f.message))
                    .size(13)
                    .color(if f.severity == crate::rules::Severity::Error {
                        style::ERROR
                    } else {
                        style::WARNING
                    }),
            )
            .on_press(Message::JumpTo(f.place))
            .padding([1, 4])
            .style(button::text),
        );
    }
    column![
        super::page_head(
            "基本信息".to_string(),
            "机关名称和年度组成报告标题；网站、专栏、地址和电话用于开头说明段落。改动后可按“重新生成”更新开头段落（会替换已改写的内容）。"
        ),
        container(column![fields, title].spacing(12))
            .padding(12)
            .width(Fill)
            .style(style::panel(false)),
        last_year_box(doc),
        findings,
        prose_block(doc, ProseField::Preface, preface_title, PREFACE_HINT, EDITOR_H + 40.0),
    ]
    .spacing(14)
    .into()
}

/// Last year's draft: which it is, whether it loads, and buttons to choose or clear it.
fn last_year_box(doc: &Document) -> Element<'_> {
    let path = doc.last_year_path();
    let status = match (&doc.last_year, &doc.last_year_error, &path) {
        (Some(last), _, Some(p)) => text(format!(
            "已载入“{}”（{}）。跨年度检查已开启。",
            last.title(),
            p.display()
        ))
        .color(style::OK),
        (None, Some(e), Some(p)) => text(format!(
            "无法读取草稿中记下的上年报告 {}：{e}。请重新选择，或不再使用。",
            p.display()
        ))
        .color(style::ERROR),
        _ => text("未指定。指定后，检查会核对表三上年结转、现行有效件数和年度，提示与上年雷同的文字，并可查看“与上年对比”。")
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

fn field_note(app: &App, doc: &Document, field: MetaField, key: &str) -> (String, iced::Color) {
    if let Some(typed) = app.meta_text.get(&field) {
        match field {
            MetaField::Year => {
                return ("请填写四位年份，例如 2024".to_string(), style::ERROR);
            }
            MetaField::Date if crate::gui::app::parse_date(typed).is_none() => {
                return (
                    "日期请写成 2025-01-20 或 2025年1月20日".to_string(),
                    style::ERROR,
                );
            }
            _ => {}
        }
    }
    match doc.findings.iter().find(|f| {
        f.place
            == Place::Meta {
                field: meta_key(key),
            }
    }) {
        Some(f) => (f.message.clone(), style::WARNING),
        None => (String::new(), style::MUTED),
    }
}

/// The static key of a field, as findings name it.
fn meta_key(key: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(_, k, _)| *k == key)
        .map_or("", |(_, k, _)| k)
}
