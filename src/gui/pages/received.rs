//! 审核收到的报告: the table of a folder's reports and the findings of the one chosen.

use crate::gui::components::Element;
use crate::gui::message::Message;
use crate::gui::reach::button;
use crate::gui::received::{Msg, State, Summary};
use crate::gui::style;
use iced::Fill;
use iced::widget::{column, container, row, text};
use nianbao_import::audit;

/// Column widths of the summary: 机关, 年度, 文件, 错误, 提示, then the key figures.
const WIDTHS: [f32; 5] = [230.0, 50.0, 210.0, 70.0, 50.0];
const FIGURE_WIDTH: f32 = 70.0;

fn width(col: usize, cols: usize) -> f32 {
    match WIDTHS.get(col) {
        Some(w) => *w,
        // The fee's head is the template's long label.
        None if col + 1 == cols => 2.5 * FIGURE_WIDTH,
        None => FIGURE_WIDTH,
    }
}

/// Column of the 错误 count.
const ERRORS: usize = 3;

pub fn view(state: &State) -> Element<'_> {
    let send = |m: Msg| Message::Received(m);
    let mut buttons = row![
        button(text("选择其他文件夹…").size(14))
            .on_press(send(Msg::Choose))
            .style(button::secondary),
    ]
    .spacing(10);
    if state.rows.is_some() {
        buttons = buttons
            .push(
                button(text("保存汇总（网页，可打印）").size(14))
                    .on_press(send(Msg::Save(Summary::Page)))
                    .style(button::secondary),
            )
            .push(
                button(text("保存汇总（CSV 表格）").size(14))
                    .on_press(send(Msg::Save(Summary::Spreadsheet)))
                    .style(button::secondary),
            );
    }
    buttons = buttons.push(
        button(text("返回").size(14))
            .on_press(send(Msg::Close))
            .style(button::secondary),
    );
    let mut page = column![
        super::page_head(
            "审核收到的报告".to_string(),
            "读取文件夹中各单位报送的年度报告（PDF、Word、保存的网页或年报草稿），逐份检查：表格合计、正文与表格是否一致、与上年报告衔接（同一机关上年的报告也在文件夹中时）等。点击一行查看该报告的问题。"
        ),
        text(format!("文件夹：{}", state.folder.display())).size(14),
        buttons,
    ]
    .spacing(12);
    for p in &state.problems {
        page = page.push(text(p.clone()).size(13).color(style::WARNING));
    }
    match &state.rows {
        None => {
            let p = state.progress.lock().map(|p| p.clone()).unwrap_or_default();
            page = page.push(
                text(format!(
                    "正在读取和检查 {}/{} …… {}",
                    p.done, p.total, p.last
                ))
                .size(14)
                .color(style::MUTED),
            );
        }
        Some(rows) => {
            page = page.push(summary(&rows.0, state.selected));
            if let Some(i) = state.selected
                && let Some(r) = rows.0.get(i)
            {
                page = page.push(details(i, r));
            }
        }
    }
    page.into()
}

fn summary(rows: &[audit::Row], selected: Option<usize>) -> Element<'_> {
    let table = audit::table(rows);
    let cols = table.first().map_or(0, Vec::len);
    let line = |cells: &[String], head: bool| {
        let mut r = row![].spacing(8);
        for (c, cell) in cells.iter().enumerate() {
            let mut t = text(cell.clone()).size(13).width(width(c, cols));
            if head {
                t = t.color(style::MUTED);
            } else if c == ERRORS && cell != "0" {
                t = t.color(style::ERROR);
            }
            r = r.push(t);
        }
        r
    };
    let mut col = column![container(line(&table[0], true)).padding([3, 4])].spacing(2);
    for (i, cells) in table.iter().enumerate().skip(1) {
        let index = i - 1;
        let chosen = selected == Some(index);
        col = col.push(
            button(line(cells, false))
                .on_press(Message::Received(Msg::Select(index)))
                .padding([3, 4])
                .width(Fill)
                .style(if chosen {
                    button::primary
                } else {
                    style::finding_button
                }),
        );
    }
    container(col)
        .padding(10)
        .width(Fill)
        .style(style::panel(false))
        .into()
}

fn details(index: usize, row: &audit::Row) -> Element<'_> {
    let name = row
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut col = column![].spacing(6);
    match &row.outcome {
        Err(e) => {
            col = col.push(text(name).size(16)).push(
                text(format!("{}：{e}", audit::UNREADABLE))
                    .size(14)
                    .color(style::ERROR),
            );
        }
        Ok(c) => {
            col = col.push(text(format!("{name}：{}", c.report.title())).size(16));
            if let Some(last) = &c.last_year {
                col = col.push(
                    text(format!("已与上年报告 {} 核对。", last.display()))
                        .size(13)
                        .color(style::MUTED),
                );
            }
            if c.findings.is_empty() {
                col = col.push(text("未发现问题。").size(14).color(style::OK));
            }
            for f in &c.findings {
                col = col.push(crate::gui::components::finding_line(f));
            }
            if !c.unplaced.is_empty() {
                col = col.push(
                    text(format!(
                        "另有 {} 段文字未能对应到模板中的位置（打开此报告后在“检查结果”中查看）。",
                        c.unplaced.len()
                    ))
                    .size(13)
                    .color(style::MUTED),
                );
            }
            col = col.push(
                button(text("打开此报告（作为新草稿）").size(14))
                    .on_press(Message::Received(Msg::Open(index)))
                    .style(button::secondary),
            );
        }
    }
    container(col)
        .padding(12)
        .width(Fill)
        .style(style::panel(false))
        .into()
}
