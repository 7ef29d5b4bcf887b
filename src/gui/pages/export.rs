//! Export: the format (PDF, 网页, Word, Excel), where the file goes, the warnings to read first,
//! progress, and the result; and "复制网页版" for pasting into the portal's editor.

use crate::gui::components::Element;
use crate::gui::export::Message as Export;
use crate::gui::message::{Message, Page};
use crate::gui::reach::{button, reachable};
use crate::gui::session::Session;
use crate::gui::style;
use iced::Fill;
use iced::widget::{checkbox, column, container, row, space, text, text_input};
use nianbao_print::Format;

/// What each format is for, in the office's words.
fn purpose(format: Format) -> &'static str {
    match format {
        Format::Pdf => "按公文格式排版的A4文件，用于打印、盖章和上报",
        Format::Html => "发布到政府门户网站的网页（表格可被读屏软件朗读）",
        Format::Docx => "可编辑的Word文档，供上级机关或网站编辑修改、转发",
        Format::Xlsx => "表二、表三、表四的Excel表格，总计为公式，改数后自动重算",
    }
}

pub fn view(doc: &Session) -> Element<'_> {
    let state = &doc.export;
    let idle = state.busy.is_none() && state.warnings.is_none();
    let mut formats = column![].spacing(6);
    for format in Format::ALL {
        let chosen = format == state.format;
        formats = formats.push(
            row![
                button(text(format.name()).size(14))
                    .on_press(Message::Export(Export::FormatChosen(format)))
                    .width(72)
                    .style(if chosen {
                        button::primary
                    } else {
                        button::secondary
                    }),
                text(purpose(format)).size(14),
            ]
            .spacing(10)
            .align_y(iced::Center),
        );
    }
    let mut page = column![
        text("导出").size(22),
        text(format!("将“{}”导出为：", doc.report.title())).size(14),
        formats,
        row![
            text("保存为").size(14),
            text_input("文件的完整路径", &state.path)
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
    ]
    .spacing(14);
    if state.format == Format::Pdf {
        page = page.push(reachable(
            checkbox(state.bundled_only)
                .label("只用程序自带的开源字体（不用本机安装的方正小标宋、仿宋_GB2312等公文字体）")
                .on_toggle(|on| Message::Export(Export::BundledFontsToggled(on)))
                .text_size(14)
                .size(16),
        ));
    }
    page = page.push(
        row![
            button(text(format!("导出{}", state.format.name())).size(15))
                .on_press_maybe(idle.then_some(Message::Export(Export::Requested)))
                .padding([6, 22])
                .style(button::primary),
            button(text("复制网页版").size(15))
                .on_press_maybe(idle.then_some(Message::Export(Export::CopyHtml)))
                .padding([6, 16])
                .style(button::secondary),
        ]
        .spacing(10),
    );
    if let Some(copied) = state.copied {
        page = page.push(text(copied.text()).size(14).color(style::OK));
    }
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
            let effect = if state.format == Format::Pdf {
                "PDF中会印成“〓”"
            } else {
                "对方电脑上也可能显示为方框或空白"
            };
            col = col.push(
                text(format!(
                    "以下字符在本机所有可用字体中都没有，{effect}。建议改用规范字："
                ))
                .size(14),
            );
            for m in &w.missing {
                col = col.push(text(format!("· {m}")).size(13).color(style::ERROR));
            }
        }
        for f in &w.fallback {
            col = col.push(text(f.clone()).size(14));
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
                            button(
                                text(if done.format == Format::Pdf {
                                    "打开PDF".to_string()
                                } else {
                                    format!("打开{}文件", done.format.name())
                                })
                                .size(14)
                            )
                            .on_press(Message::Export(Export::OpenPdf))
                            .style(button::primary),
                            // Paper copies, signed and stamped, are made from the PDF.
                            if done.format == Format::Pdf {
                                Element::from(
                                    button(text("打印").size(14))
                                        .on_press(Message::Export(Export::Print))
                                        .style(button::secondary),
                                )
                            } else {
                                Element::from(space())
                            },
                            button(text("打开所在文件夹").size(14))
                                .on_press(Message::Export(Export::OpenFolder))
                                .style(button::secondary),
                        ]
                        .spacing(10),
                        column(done.summary.warnings.iter().map(|w| {
                            text(format!("注意：{w}"))
                                .size(13)
                                .color(style::WARNING)
                                .into()
                        }))
                        .spacing(4),
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
