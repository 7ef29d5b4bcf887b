//! The start screen: a new report (机关名称 and 年度 first), open a draft, the recent drafts,
//! the example report, and the autosave of an unclean exit.

use crate::gui::components::Element;
use crate::gui::dialog::FileAction;
use crate::gui::message::Message;
use crate::gui::reach::button;
use crate::gui::received;
use crate::gui::state::App;
use crate::gui::style;
use iced::widget::{column, container, row, space, text, text_input};
use iced::{Fill, Length};
use std::time::SystemTime;

pub fn view(app: &App) -> Element<'_> {
    let mut page = column![
        text("政府信息公开工作年度报告").size(26),
        text("按国办公开办函〔2021〕30号规定的格式填写、检查和打印本机关的年度报告。")
            .size(15)
            .color(style::MUTED),
    ]
    .spacing(16)
    .padding(28)
    .max_width(1000);
    if let Some(rec) = &app.recoverable {
        page = page.push(recovery_box(rec));
    }
    page = page.push(row![new_report(app), open_box(app)].spacing(20));
    container(page).center_x(Fill).into()
}

fn recovery_box(rec: &nianbao_core::store::userdata::Recoverable) -> Element<'_> {
    let when = rec
        .saved_at
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .map(|d| match d.as_secs() / 60 {
            0 => "不到1分钟前".to_string(),
            m if m < 120 => format!("约{m}分钟前"),
            m => format!("约{}小时前", m / 60),
        })
        .unwrap_or_else(|| "时间不详".to_string());
    let source = rec
        .source
        .as_ref()
        .map(|p| format!("（原文件：{}）", p.display()))
        .unwrap_or_else(|| "（尚未保存过的报告）".to_string());
    container(
        column![
            text("上次程序没有正常关闭").size(18).color(style::WARNING),
            text(format!(
                "找到自动保存的“{}”{}，保存于{}。要恢复吗？",
                rec.report.title(),
                source,
                when
            ))
            .size(14),
            row![
                button(text("恢复").size(14))
                    .on_press(Message::RestoreAutosave)
                    .style(button::primary),
                button(text("不要了，删除").size(14))
                    .on_press(Message::DiscardAutosave)
                    .style(button::secondary),
            ]
            .spacing(10),
        ]
        .spacing(8),
    )
    .padding(14)
    .width(Fill)
    .style(style::panel(true))
    .into()
}

fn new_report(app: &App) -> Element<'_> {
    let form = &app.new_form;
    let mut col = column![
        text("新建报告").size(20),
        text("机关名称").size(14),
        text_input("例如：某某县人民政府办公室", &form.agency)
            .id("new-agency")
            .on_input(Message::NewAgencyChanged)
            .on_submit(Message::CreateNew)
            .padding(8)
            .size(15),
        text("年度（报告所属的年份）").size(14),
        text_input("例如：2024", &form.year)
            .id("new-year")
            .on_input(Message::NewYearChanged)
            .on_submit(Message::CreateNew)
            .padding(8)
            .size(15)
            .width(160),
    ]
    .spacing(8);
    if let Some(e) = &form.error {
        col = col.push(text(e).size(14).color(style::ERROR));
    }
    col = col.push(
        button(text("新建").size(15))
            .on_press(Message::CreateNew)
            .padding([6, 22])
            .style(button::primary),
    );
    col = col.push(space().height(8)).push(from_last_year());
    col = col
        .push(space().height(8))
        .push(text("从已发布的报告导入").size(20))
        .push(
            text("只有去年发布的 PDF、Word 文件或网页？导入后即成为草稿：基本信息、各部分文字和三张表格逐格读入，未能对应的文字会列出来。")
                .size(13)
                .color(style::MUTED),
        )
        .push(
            row![
                button(text("选择文件…").size(14))
                    .on_press(Message::ImportRequested)
                    .style(button::secondary),
                button(text("输入路径").size(14))
                    .on_press(Message::PathInputOpened(FileAction::Import))
                    .style(button::secondary),
            ]
            .spacing(10),
        );
    container(col)
        .padding(16)
        .width(Length::FillPortion(1))
        .style(style::panel(false))
        .into()
}

/// "从上年报告新建": a new report for the year after a chosen draft.
fn from_last_year<'a>() -> Element<'a> {
    column![
        text("从上年报告新建").size(20),
        text("选择上年的年报草稿（或上年发布的 PDF、Word 文件、网页），新建下一年度的报告：基本信息和各部分文字带入作为底稿（标为“沿用上年内容”，请逐段更新），表三“上年结转”自动取上年的“结转下年度继续办理”，并自动与上年报告核对。")
            .size(13)
            .color(style::MUTED),
        row![
            button(text("选择上年报告…").size(14))
                .on_press(Message::NewFromLastRequested)
                .style(button::primary),
            button(text("输入路径").size(14))
                .on_press(Message::PathInputOpened(FileAction::NewFromLast))
                .style(button::secondary),
        ]
        .spacing(10),
    ]
    .spacing(8)
    .into()
}

fn open_box(app: &App) -> Element<'_> {
    let mut col = column![
        text("打开").size(20),
        row![
            button(text("打开草稿… (Ctrl+O)").size(14))
                .on_press(Message::OpenRequested)
                .style(button::primary),
            button(text("输入路径打开").size(14))
                .on_press(Message::PathInputOpened(FileAction::Open))
                .style(button::secondary),
        ]
        .spacing(10),
        text("最近打开").size(16),
    ]
    .spacing(10);
    if app.recent.is_empty() {
        col = col.push(text("（还没有）").size(14).color(style::MUTED));
    }
    for path in &app.recent {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        col = col.push(
            button(
                column![
                    text(name).size(14),
                    text(path.display().to_string())
                        .size(12)
                        .color(style::MUTED),
                ]
                .spacing(1),
            )
            .on_press(Message::OpenPath(path.clone()))
            .width(Fill)
            .style(style::finding_button),
        );
    }
    col = col
        .push(text("审核收到的报告").size(16))
        .push(
            text("上级单位用：选择存放各单位报告的文件夹，逐份读取并检查，汇总成一张表。")
                .size(13)
                .color(style::MUTED),
        )
        .push(
            row![
                button(text("选择文件夹…").size(14))
                    .on_press(Message::Received(received::Msg::Choose))
                    .style(button::secondary),
                button(text("输入路径").size(14))
                    .on_press(Message::PathInputOpened(FileAction::AuditFolder))
                    .style(button::secondary),
            ]
            .spacing(10),
        );
    if let Some(r) = app.received.as_ref().filter(|r| !r.shown) {
        col = col.push(
            button(text(format!("回到审核结果（{}）", r.folder.display())).size(14))
                .on_press(Message::Received(received::Msg::Show))
                .style(button::secondary),
        );
    }
    col = col.push(text("示例").size(16)).push(
        button(text("打开示例报告（金乡县人民政府办公室2021年）").size(14))
            .on_press(Message::OpenExample)
            .style(button::secondary),
    );
    container(col)
        .padding(16)
        .width(Length::FillPortion(1))
        .style(style::panel(false))
        .into()
}
