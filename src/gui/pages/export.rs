//! Export: where the PDF goes, the warnings to read first, progress, and the result.

use crate::gui::components::Element;
use crate::gui::export::Message as Export;
use crate::gui::message::{Message, Page};
use crate::gui::session::Session;
use crate::gui::style;
use iced::Fill;
use iced::widget::{button, checkbox, column, container, row, text, text_input};

pub fn view(doc: &Session) -> Element<'_> {
    let state = &doc.export;
    let idle = state.busy.is_none() && state.warnings.is_none();
    let mut page = column![
        text("导出PDF").size(22),
        text(format!(
            "将“{}”按公文格式排版为A4的PDF文件，可直接打印或上传发布。",
            doc.report.title()
        ))
        .size(14),
        row![
            text("保存为").size(14),
            text_input("PDF文件的完整路径", &state.path)
                .on_input(|s| Message::Export(Export::PathChanged(s)))
                .on_submit(Message::Export(Export::Requested))
                .padding(6)
                .size(14)
                .width(Fill),
            button(text("选择位置…").size(14))
                .on_press(Message::Export(Export::ChooseFile))
                .style(button::secondary),
        ]
        .spacing(10)
        .align_y(iced::Center),
        checkbox(state.bundled_only)
            .label("只用程序自带的开源字体（不用本机安装的方正小标宋、仿宋_GB2312等公文字体）")
            .on_toggle(|on| Message::Export(Export::BundledFontsToggled(on)))
            .text_size(14)
            .size(16),
        button(text("导出PDF").size(15))
            .on_press_maybe(idle.then_some(Message::Export(Export::Requested)))
            .padding([6, 22])
            .style(button::primary),
    ]
    .spacing(14);
    if let Some(busy) = state.busy {
        page = page.push(text(busy.label()).size(15).color(style::ACCENT));
    }
    if let Some(w) = &state.warnings {
        let mut col = column![text("导出前请注意").size(18).color(style::WARNING)].spacing(8);
        if !w.errors.is_empty() {
            col = col.push(
                text(format!(
                    "检查发现 {} 个错误，按现在的内容发布可能被通报。建议先改正：",
                    w.errors.len()
                ))
                .size(14),
            );
            for e in w.errors.iter().take(8) {
                let line = format!("· {}：{}", e.place.describe(), e.message);
                col = col.push(text(line).size(13).color(style::ERROR));
            }
            if w.errors.len() > 8 {
                col = col.push(
                    text(format!("……另有 {} 个，见“检查结果”。", w.errors.len() - 8)).size(13),
                );
            }
        }
        if w.all_zero {
            col = col.push(
                text(format!(
                    "表三、表四全部为0。{}如确实如此，可以导出。",
                    nianbao_core::check::ALL_ZERO_QUESTION
                ))
                .size(14),
            );
        }
        if !w.missing.is_empty() {
            col = col.push(
                text("以下字符在所有可用字体中都没有，PDF中会印成“〓”。建议改用规范字：").size(14),
            );
            for m in &w.missing {
                col = col.push(text(format!("· {m}")).size(13).color(style::ERROR));
            }
        }
        col = col.push(
            row![
                button(text("仍然导出").size(14))
                    .on_press(Message::Export(Export::Confirmed))
                    .style(button::danger),
                button(text("查看检查结果").size(14))
                    .on_press(Message::Show(Page::Checks))
                    .style(button::secondary),
                button(text("返回修改").size(14))
                    .on_press(Message::Export(Export::Cancelled))
                    .style(button::secondary),
            ]
            .spacing(10),
        );
        page = page.push(
            container(col)
                .padding(14)
                .width(Fill)
                .style(style::panel(true)),
        );
    }
    match &state.result {
        Some(Ok(done)) => {
            page = page.push(
                container(
                    column![
                        text("导出完成").size(18).color(style::OK),
                        text(match done.summary.pages {
                            Some(pages) => format!(
                                "共 {} 页，{} KB，已保存到：{}",
                                pages,
                                done.summary.bytes.div_ceil(1024),
                                done.path.display()
                            ),
                            None => format!(
                                "{} KB，已保存到：{}",
                                done.summary.bytes.div_ceil(1024),
                                done.path.display()
                            ),
                        })
                        .size(14),
                        row![
                            button(text("打开PDF").size(14))
                                .on_press(Message::Export(Export::OpenPdf))
                                .style(button::primary),
                            button(text("打开所在文件夹").size(14))
                                .on_press(Message::Export(Export::OpenFolder))
                                .style(button::secondary),
                        ]
                        .spacing(10),
                    ]
                    .spacing(8),
                )
                .padding(14)
                .width(Fill)
                .style(style::panel(false)),
            );
        }
        Some(Err(e)) => {
            page = page.push(
                container(text(e.to_string()).size(14))
                    .padding(12)
                    .width(Fill)
                    .style(style::notice(true)),
            );
        }
        None => {}
    }
    page.into()
}
