//! The check results: every finding of the core checks; choosing one goes to its field.

use crate::gui::components::Element;
use crate::gui::message::Message;
use crate::gui::session::Session;
use crate::gui::style;
use iced::Fill;
use iced::widget::{button, column, row, text};
use nianbao_core::check::{Finding, Severity};

pub fn view(doc: &Session) -> Element<'_> {
    let errors = doc
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = doc.findings.len() - errors;
    let summary = if doc.findings.is_empty() {
        text("没有发现问题。").size(16).color(style::OK)
    } else {
        text(format!(
            "共 {errors} 个错误、{warnings} 条提示。错误须改正后再发布；提示请逐条核实。点击一条即可跳到对应位置。"
        ))
        .size(15)
    };
    let mut list = column![].spacing(6);
    for f in &doc.findings {
        list = list.push(finding_row(f));
    }
    column![text("检查结果").size(22), summary, list]
        .spacing(14)
        .into()
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
    .on_press(Message::JumpTo(f.place))
    .width(Fill)
    .padding([6, 10])
    .style(style::finding_button)
    .into()
}
