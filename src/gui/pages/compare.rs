//! 与上年对比: this year's key figures beside last year's with the change, a bar chart of the
//! application outcomes of both years, and the cross-year findings.

use crate::gui::components::{Element, header_cell, label_cell};
use crate::gui::dialog::FileAction;
use crate::gui::message::Message;
use crate::gui::reach::button;
use crate::gui::session::Session;
use crate::gui::style;
use iced::widget::{column, container, row, text};
use iced::{Fill, alignment};
use nianbao_core::yearly::{self, Comparison, Figure};

const LABEL_W: f32 = 230.0;
const VALUE_W: f32 = 80.0;
const CHANGE_W: f32 = 130.0;
const ROW_H: f32 = 28.0;
/// Width of the chart beside the table (below it in a narrow window).
const CHART_W: f32 = 470.0;
/// Width of the longest bar of the chart.
const BAR_MAX_W: f32 = 230.0;
const BAR_H: f32 = 14.0;
const CHART_LABEL_W: f32 = 120.0;
const CHART_YEAR_W: f32 = 48.0;

pub fn view(doc: &Session) -> Element<'_> {
    let Some(last) = doc.last_year.report() else {
        return not_loaded();
    };
    let comparison = yearly::compare(&doc.report, last);
    let last_name = comparison.last_name();
    let this_name = comparison.this_name();
    column![
        text(format!("与上年对比（{last_name} → {this_name}）")).size(22),
        container(
            text(
                "左列为上年报告中的数字，右列为本报告的数字。“-”表示相应表格尚未填全。增减的百分比以上年数字为基数。"
            )
            .size(14)
        )
        .padding([8, 12])
        .width(Fill)
        .style(style::hint_box),
        // The chart beside the table, so both are seen at once; below it when narrow.
        row![
            figures_table(&comparison, &last_name, &this_name),
            chart(&comparison, &last_name, &this_name),
        ]
        .spacing(16)
        .wrap(),
        cross_year_findings(doc),
    ]
    .spacing(14)
    .into()
}

/// Shown when no last year's report is loaded: how to load one.
fn not_loaded<'a>() -> Element<'a> {
    column![
        text("与上年对比").size(22),
        text("还没有指定上年报告。指定后，这里并列显示两年的主要数字和增减，并画出两年申请办理结果的对比图；检查结果中也会加上跨年度检查（上年结转、现行有效件数、年度、与上年雷同）。")
            .size(14),
        row![
            button(text("选择上年报告…").size(14))
                .on_press(Message::LastYearRequested)
                .style(button::primary),
            button(text("输入路径").size(14))
                .on_press(Message::PathInputOpened(FileAction::LastYear))
                .style(button::secondary),
        ]
        .spacing(10),
        text("也可以在“基本信息”页指定；从上年报告新建的报告会自动记住上年报告。")
            .size(13)
            .color(style::MUTED),
    ]
    .spacing(14)
    .into()
}

fn figures_table<'a>(c: &Comparison, last_name: &str, this_name: &str) -> Element<'a> {
    let mut table = column![row![
        header_cell("项目", LABEL_W, ROW_H),
        header_cell(last_name.to_string(), VALUE_W, ROW_H),
        header_cell(this_name.to_string(), VALUE_W, ROW_H),
        header_cell("增减", CHANGE_W, ROW_H),
    ]];
    for f in &c.figures {
        table = table.push(row![
            label_cell(f.label.clone(), LABEL_W, ROW_H),
            value_cell(f.format_value(f.last), VALUE_W, style::MUTED),
            value_cell(f.format_value(f.this), VALUE_W, iced::Color::BLACK),
            value_cell(f.format_change(), CHANGE_W, change_color(f)),
        ]);
    }
    table.into()
}

/// Changes are facts, not verdicts: more applications or more 行政诉讼 is neither good nor
/// bad, so a change is shown in one neutral colour whichever way it goes.
fn change_color(f: &Figure) -> iced::Color {
    match f.change() {
        Some(c) if c != 0 => style::ACCENT,
        _ => style::MUTED,
    }
}

fn value_cell<'a>(value: String, width: f32, color: iced::Color) -> Element<'a> {
    container(text(value).size(14).color(color))
        .padding([2, 8])
        .width(width)
        .height(ROW_H)
        .align_x(alignment::Horizontal::Right)
        .align_y(alignment::Vertical::Center)
        .style(style::label_cell)
        .into()
}

/// Two bars per outcome, last year grey and this year blue, scaled to the largest value.
fn chart<'a>(c: &Comparison, last_name: &str, this_name: &str) -> Element<'a> {
    let max = c.chart_max();
    let legend = row![
        swatch(style::CHART_LAST),
        text(last_name.to_string()).size(13),
        swatch(style::ACCENT),
        text(this_name.to_string()).size(13),
    ]
    .spacing(6)
    .align_y(iced::Center);
    let mut rows = column![text("申请办理结果（件）").size(16), legend].spacing(8);
    for f in c.chart_figures() {
        let bars = column![
            bar_line(last_name, f.last, max, style::CHART_LAST),
            bar_line(this_name, f.this, max, style::ACCENT),
        ]
        .spacing(2);
        rows = rows.push(
            row![text(f.label.clone()).size(13).width(CHART_LABEL_W), bars]
                .spacing(8)
                .align_y(iced::Center),
        );
    }
    container(rows)
        .padding(12)
        .width(CHART_W)
        .style(style::panel(false))
        .into()
}

fn swatch<'a>(color: iced::Color) -> Element<'a> {
    container(text(""))
        .width(14)
        .height(BAR_H)
        .style(style::bar(color))
        .into()
}

fn bar_line<'a>(year: &str, value: Option<u64>, max: u64, color: iced::Color) -> Element<'a> {
    let year = text(year.to_string())
        .size(12)
        .color(style::MUTED)
        .width(CHART_YEAR_W);
    let Some(v) = value else {
        return row![year, text("未填全").size(12).color(style::MUTED)]
            .spacing(6)
            .align_y(iced::Center)
            .into();
    };
    let width = if max == 0 || v == 0 {
        0.0
    } else {
        // A non-zero value never vanishes from the chart.
        (BAR_MAX_W * v as f32 / max as f32).max(2.0)
    };
    let mut line = row![year].spacing(6).align_y(iced::Center);
    if width > 0.0 {
        line = line.push(
            container(text(""))
                .width(width)
                .height(BAR_H)
                .style(style::bar(color)),
        );
    }
    line.push(text(v.to_string()).size(12)).into()
}

/// The findings that need last year's report, so they are seen beside the figures.
fn cross_year_findings(doc: &Session) -> Element<'_> {
    let findings: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.rule.is_cross_year())
        .collect();
    let mut col = column![text("跨年度检查").size(16)].spacing(6);
    if findings.is_empty() {
        col = col.push(
            text("上年结转、现行有效件数、年度和文字雷同的检查均未发现问题。")
                .size(14)
                .color(style::OK),
        );
    }
    for f in findings {
        col = col.push(super::checks::finding_row(f));
    }
    col.into()
}
