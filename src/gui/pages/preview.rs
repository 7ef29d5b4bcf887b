//! The print preview pane beside the form: a line with the page count and the fit, then the
//! pages as they will print (drawn by `gui::preview`), one under the other.

use super::super::components::Element;
use super::super::message::Message;
use super::super::preview::{self, Fit, PageView};
use super::super::session::Session;
use super::super::style;
use crate::gui::reach::button;
use iced::widget::{column, container, row, scrollable, sensor, space, stack, text};
use iced::{Center, Fill};

/// The pane: its head and the pages.
pub fn view(doc: &Session) -> Element<'_> {
    let state = &doc.preview;
    let count = state.rendered.as_ref().map_or(0, |(_, r)| r.pages.len());
    let msg = |m: preview::Message| Message::Preview(m);
    let fit = |label: &'static str, f: Fit| {
        button(text(label).size(13))
            .on_press(msg(preview::Message::Fit(f)))
            .padding([3, 8])
            .style(if state.fit == f {
                button::primary
            } else {
                button::secondary
            })
    };
    let step = |label: &'static str, by: i32, enabled: bool| {
        button(text(label).size(13))
            .on_press_maybe(enabled.then_some(msg(preview::Message::Step(by))))
            .padding([3, 8])
            .style(button::secondary)
    };
    let position = if count == 0 {
        "打印预览".to_string()
    } else {
        format!("第 {} 页 / 共 {count} 页", state.current.min(count - 1) + 1)
    };
    // Nothing in the head comes and goes: its height (and so the room for the pages, which
    // sets their size at 整页) never changes while the pages are drawn.
    let head = row![
        text(position).size(13),
        space::horizontal().width(Fill),
        step("上一页", -1, state.current > 0),
        step("下一页", 1, state.current + 1 < count),
        fit("适合宽度", Fit::Width),
        fit("整页", Fit::Page),
    ]
    .spacing(6)
    .align_y(Center);
    // In a slot that is always there, so that a note coming or going never rebuilds the pages'
    // scrollable (which would lose its place).
    let note: Option<(String, iced::Color)> = if let Some(e) = &state.error {
        Some((e.clone(), style::ERROR))
    } else if let Some((_, r)) = state.rendered.as_ref().filter(|(_, r)| r.missing > 0) {
        Some((
            format!(
                "有 {} 个字符没有字形，预览中空缺，导出前会提示。",
                r.missing
            ),
            style::WARNING,
        ))
    } else {
        None
    };
    let mut pages = column![]
        .spacing(preview::PAD)
        .padding(preview::PAD)
        .align_x(Center);
    if let Some((_, rendered)) = &state.rendered {
        for (n, shown) in rendered.pages.iter().enumerate() {
            let page = PageView::new(shown, rendered.zoom, move |at| {
                Message::Preview(preview::Message::Clicked(n, at))
            });
            pages = pages.push(
                container(page)
                    .id(preview::page_id(n))
                    .padding(1)
                    .style(style::preview_sheet),
            );
        }
    }
    let pages = scrollable(pages.width(Fill))
        .id(preview::SCROLL)
        .on_scroll(|v| {
            Message::Preview(preview::Message::Scrolled {
                offset: v.absolute_offset().y,
                height: v.bounds().height,
            })
        })
        .width(Fill)
        .height(Fill);
    // "正在更新…" over the pages' corner, moving nothing.
    let status: Element<'_> = if state.updating() && state.error.is_none() {
        container(
            container(text("正在更新…").size(12).color(style::MUTED))
                .padding([2, 8])
                .style(style::preview_sheet),
        )
        .align_right(Fill)
        .padding([6, 22])
        .into()
    } else {
        space().into()
    };
    let desk = sensor(stack![
        container(pages)
            .width(Fill)
            .height(Fill)
            .style(style::preview_desk),
        status
    ])
    .on_show(|size| Message::Preview(preview::Message::Resized(size)))
    .on_resize(|size| Message::Preview(preview::Message::Resized(size)));
    let note: Element<'_> = match note {
        Some((line, color)) => text(line).size(12).color(color).into(),
        None => space().into(),
    };
    column![head, container(note), desk]
        .spacing(6)
        .padding([8, 10])
        .width(Fill)
        .height(Fill)
        .into()
}
