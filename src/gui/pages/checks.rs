//! The check results: every finding of the core checks; choosing one goes to its field.

use crate::gui::components::Element;
use crate::gui::message::Message;
use crate::gui::reach::button;
use crate::gui::session::Session;
use crate::gui::style;
use iced::Fill;
use iced::widget::{column, row, space, text, text_input};
use nianbao_core::check::{Finding, Rule, Severity};

pub fn view(doc: &Session) -> Element<'_> {
    let (open, acknowledged): (Vec<&Finding>, Vec<&Finding>) = doc
        .findings
        .iter()
        .partition(|f| doc.acknowledged(f).is_none());
    let errors = open
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = open.len() - errors;
    let summary = if open.is_empty() {
        text("没有发现问题。").size(16).color(style::OK)
    } else {
        text(format!(
            "共 {errors} 个错误、{warnings} 条提示。错误须改正后再发布；提示请逐条核实，核实无误的可标为“已核实”。点击一条即可跳到对应位置。"
        ))
        .size(15)
    };
    let mut list = column![].spacing(6);
    for f in open {
        list = list.push(finding_row(f));
        if f.rule == Rule::Invisible {
            list = list.push(row![
                space::horizontal().width(Fill),
                button(text("清除全部看不见的字符").size(12))
                    .on_press(Message::StripInvisible)
                    .padding([2, 8])
                    .style(button::secondary),
            ]);
        }
        if f.severity == Severity::Warning {
            list = list.push(acknowledge_row(doc, f));
        }
    }
    let mut page = column![text("检查结果").size(22), summary, list].spacing(14);
    if let Some(imported) = imported_box(doc) {
        page = page.push(imported);
    }
    if !acknowledged.is_empty() {
        let mut done = column![text("已核实的提示").size(16)].spacing(6);
        for f in acknowledged {
            let reason = doc.acknowledged(f).unwrap_or_default();
            done = done.push(
                row![
                    text(format!("{}：{}", f.place.describe(), f.message))
                        .size(13)
                        .color(style::MUTED)
                        .width(Fill),
                    text(format!("核实说明：{reason}")).size(13),
                    button(text("撤销核实").size(13))
                        .on_press(Message::Unacknowledge(f.clone()))
                        .style(button::secondary),
                ]
                .spacing(10)
                .align_y(iced::Center),
            );
        }
        page = page.push(done);
    }
    page = page.push(numbers_checked(doc));
    if let Some(meter) = similarity_line(doc, None) {
        page = page.push(meter);
    }
    page.into()
}

/// For a draft imported from a published report: what the printed file itself showed wrong
/// (a printed total that does not add up), and each piece of text that found no place in the
/// template, with a button to copy it and paste it where it belongs.
fn imported_box(doc: &Session) -> Option<Element<'_>> {
    let (source, imported) = doc.imported.as_ref()?;
    let mut col = column![text(format!("导入自 {}", source.display())).size(16),].spacing(6);
    if !imported.findings.is_empty() {
        col = col.push(
            text("原文件中的问题（导入后的草稿按模板重新计算合计，不再有这些问题；审核原文件时请注意）：")
                .size(14),
        );
        for f in &imported.findings {
            col = col.push(crate::gui::components::finding_line(f));
        }
    }
    if imported.unplaced.is_empty() {
        col = col.push(
            text("全部文字都已对应到模板中的位置。")
                .size(14)
                .color(style::OK),
        );
    } else {
        col = col.push(
            text(format!(
                "以下 {} 段文字未能对应到模板中的位置，请复制后粘贴到合适的地方（或确认不需要）：",
                imported.unplaced.len()
            ))
            .size(14),
        );
        for u in &imported.unplaced {
            col = col.push(
                row![
                    text(u.section.clone())
                        .size(13)
                        .color(style::MUTED)
                        .width(180),
                    text(u.text.clone()).size(13).width(Fill),
                    button(text("复制").size(12))
                        .on_press(Message::CopyText(u.text.clone()))
                        .padding([2, 8])
                        .style(button::secondary),
                ]
                .spacing(10),
            );
        }
    }
    Some(
        iced::widget::container(col)
            .padding(12)
            .width(Fill)
            .style(style::panel(false))
            .into(),
    )
}

/// "已核实…" under a warning: a reason, then the warning no longer counts.
fn acknowledge_row<'a>(doc: &'a Session, f: &'a Finding) -> Element<'a> {
    match &doc.acknowledging {
        Some((current, reason)) if current == f => row![
            text_input(
                "核实说明，例如：经核对，正文中的数字指发布转载的件数",
                reason
            )
            .on_input(Message::AckReasonChanged)
            .on_submit(Message::AckConfirmed)
            .size(13)
            .padding(4)
            .width(Fill),
            button(text("确定").size(13))
                .on_press(Message::AckConfirmed)
                .style(button::primary),
            button(text("取消").size(13))
                .on_press(Message::AckCancelled)
                .style(button::secondary),
        ]
        .spacing(8)
        .align_y(iced::Center)
        .into(),
        _ => row![
            space::horizontal().width(Fill),
            button(text("已核实…").size(12))
                .on_press(Message::AckStart(f.clone()))
                .padding([2, 8])
                .style(button::text),
        ]
        .into(),
    }
}

/// "正文中 N 处数字已与表格核对，M 处未能核对", with the M listed for checking by eye.
fn numbers_checked(doc: &Session) -> Element<'_> {
    let audit = &doc.audit;
    let mut col = column![text(audit.summary()).size(14)].spacing(4);
    for n in audit.unchecked() {
        col = col.push(
            button(
                text(format!(
                    "· {}：“{}”（{}）",
                    n.place.describe(),
                    n.text,
                    n.status.reason()
                ))
                .size(13)
                .color(style::MUTED),
            )
            .on_press(Message::JumpToWords(n.place, n.span))
            .padding([1, 4])
            .style(button::text),
        );
    }
    col.into()
}

/// The repetition meter against last year's report: one section's figure (or all of them)
/// and the whole report's, with the evaluators' line.
pub fn similarity_line(
    doc: &Session,
    section: Option<nianbao_core::template::SectionKey>,
) -> Option<Element<'_>> {
    let s = doc.similarity.as_ref()?;
    let parts: Vec<String> = s
        .sections
        .iter()
        .filter(|x| section.is_none_or(|k| x.section == k))
        .map(|x| format!("{} {}%", x.heading, x.overlap.percent()))
        .collect();
    let color = if s.over_line() {
        style::WARNING
    } else {
        style::MUTED
    };
    Some(
        text(format!(
            "与上年报告的文字重复率：{}；全文 {}%（评估中超过 {}% 会被扣分；数字和据表格生成的数据表述不计）",
            parts.join("，"),
            s.whole.percent(),
            s.line_percent
        ))
        .size(13)
        .color(color)
        .into(),
    )
}

/// One finding as a clickable row: severity, place, message and rule id; a click jumps to the
/// field. Shared by the check results and the comparison with last year.
pub fn finding_row(f: &Finding) -> Element<'_> {
    let color = match f.severity {
        Severity::Error => style::ERROR,
        Severity::Warning => style::WARNING,
    };
    button(
        row![
            text(f.severity.label()).size(14).color(color).width(44),
            column![
                text(f.place.describe()).size(13).color(style::MUTED),
                text(f.message.clone()).size(14),
            ]
            .spacing(2)
            .width(Fill),
            text(f.rule.id()).size(12).color(style::MUTED),
        ]
        .spacing(10),
    )
    .on_press(match f.span {
        Some(span) => Message::JumpToWords(f.place, span),
        None => Message::JumpTo(f.place),
    })
    .width(Fill)
    .padding([6, 10])
    .style(style::finding_button)
    .into()
}
