//! The screens. Each is a function from the app state to an `Element`; this module puts the
//! current one in the frame (toolbar, side list, message bar, dialogs).

mod checks;
mod compare;
mod export;
mod meta;
mod other;
mod overview;
mod preview;
mod problems;
mod received;
mod start;
mod table2;
pub mod table3;
mod table4;

use super::components::{self, Element};
use super::dialog::{ConfirmChoice, FileAction, Pending};
use super::message::{Message, Page};
use super::session::{PartState, Session};
use super::state::App;
use super::style;
use crate::gui::reach::button;
use iced::widget::{
    center, column, container, opaque, row, scrollable, space, stack, text, text_input,
};
use iced::{Fill, Length};
use nianbao_core::check::Severity;
use nianbao_core::model::{Cell, Place};
use nianbao_core::template::{SECTIONS, SectionKey};

/// Id of the scrollable that holds a page.
pub const PAGE_SCROLL: &str = "page-scroll";
/// Id of a dialog's first, safe answer, which has the focus when the dialog opens.
pub const DIALOG_DEFAULT: &str = "dialog-default";
/// Id of the typed-path field.
pub const PATH_INPUT: &str = "path-input";
/// Width of the side list.
const SIDEBAR_W: f32 = 212.0;

/// The whole window.
pub fn view(app: &App) -> Element<'_> {
    let received = app.received.as_ref().filter(|r| r.shown);
    let body: Element<'_> = match (&app.session, received) {
        (_, Some(state)) => scrollable(container(received::view(state)).padding(PAGE_PADDING))
            .id(PAGE_SCROLL)
            .height(Fill)
            .into(),
        (Some(doc), None) => row![sidebar(doc, doc.page), page_area(app, doc)]
            .height(Fill)
            .into(),
        (None, None) => scrollable(start::view(app))
            .id(PAGE_SCROLL)
            .height(Fill)
            .into(),
    };
    // The notice goes under the page, like a status bar: coming and going, it never moves
    // what is on the page under the pointer.
    let mut main = column![toolbar(app), body];
    if let Some(notice) = &app.notice {
        main = main.push(notice_bar(&notice.text, notice.is_error));
    }
    let base: Element<'_> = main.into();
    if let Some(pending) = &app.confirm {
        modal(base, confirm_dialog(app, pending))
    } else if app.path_prompt.is_some() {
        modal(base, path_dialog(app))
    } else if app.session.as_ref().is_some_and(|d| d.overwrite_asked) {
        modal(base, overwrite_dialog())
    } else {
        base
    }
}

fn page_area<'a>(app: &'a App, doc: &'a Session) -> Element<'a> {
    let mut area = column![page_body(app, doc)];
    if let Some(bar) = input_problems_bar(doc, doc.page) {
        area = area.push(bar);
    }
    if !app.show_preview {
        return area.width(Fill).into();
    }
    // Beside the form, a little less wide than it: on a 1366×768 screen the pane is ~520 px,
    // a page at fit width ~0.8 px per pt, and the form keeps ~630 px.
    row![
        area.width(Length::FillPortion(11)),
        container(preview::view(doc))
            .width(Length::FillPortion(9))
            .height(Fill)
            .style(style::sidebar),
    ]
    .height(Fill)
    .into()
}

/// A page in its scrollable. Table 三 scrolls its grid itself, with frozen panes.
fn page_body<'a>(app: &'a App, doc: &'a Session) -> Element<'a> {
    let content: Element<'a> = match doc.page {
        Page::Start => start::view(app),
        Page::Meta => meta::view(doc),
        Page::Section(SectionKey::Overview) => overview::view(doc),
        Page::Section(SectionKey::Proactive) => table2::view(doc),
        Page::Section(SectionKey::Applications) => return table3::view(doc),
        Page::Section(SectionKey::Review) => table4::view(doc),
        Page::Section(SectionKey::Problems) => problems::view(doc),
        Page::Section(SectionKey::Other) => other::view(doc),
        Page::Checks => checks::view(doc),
        Page::Compare => compare::view(doc),
        Page::Export => export::view(doc),
    };
    scrollable(container(content).padding(PAGE_PADDING).width(Fill))
        .id(PAGE_SCROLL)
        .height(Fill)
        .into()
}

/// Room around a page's content: top and bottom, left and right.
pub const PAGE_PADDING: [u16; 2] = [16, 22];

/// The invalid entries of the shown table, pinned under it so they stay in view while typing.
fn input_problems_bar(doc: &Session, page: Page) -> Option<Element<'_>> {
    let Page::Section(section) = page else {
        return None;
    };
    if !matches!(
        section,
        SectionKey::Proactive | SectionKey::Applications | SectionKey::Review
    ) {
        return None;
    }
    let problems = components::invalid_cells(doc, section);
    if problems.is_empty() {
        return None;
    }
    let shown = problems.len().min(3);
    let mut lines = column![].spacing(2);
    for (place, message) in problems.iter().take(shown) {
        lines = lines.push(
            button(text(message.clone()).size(13).color(style::ERROR))
                .on_press(Message::JumpTo(*place))
                .padding([1, 4])
                .style(button::text),
        );
    }
    if problems.len() > shown {
        lines = lines.push(
            text(format!(
                "另有 {} 处输入有误，见“检查结果”。",
                problems.len() - shown
            ))
            .size(13)
            .color(style::ERROR),
        );
    }
    Some(
        container(lines)
            .padding([6, 16])
            .width(Fill)
            .style(style::notice(true))
            .into(),
    )
}

fn toolbar(app: &App) -> Element<'_> {
    let has_doc = app.session.is_some();
    let tool = |label: &'static str, message: Option<Message>| {
        button(text(label).size(14))
            .on_press_maybe(message)
            .padding([5, 12])
            .style(button::secondary)
    };
    let name: Element<'_> = match &app.session {
        Some(doc) => {
            let mark = match (doc.dirty, app.autosave_note()) {
                (true, Some(note)) => format!("（有未保存的修改，{note}）"),
                (true, None) => "（有未保存的修改）".to_string(),
                (false, _) => String::new(),
            };
            text(format!("{}{}", doc.name(), mark)).size(14).into()
        }
        None => text("政府信息公开工作年度报告").size(14).into(),
    };
    container(
        row![
            text("年报").size(18),
            space::horizontal().width(12),
            tool("开始", Some(Message::Show(Page::Start))),
            tool("打开… Ctrl+O", Some(Message::OpenRequested)),
            tool("保存 Ctrl+S", has_doc.then_some(Message::SaveRequested)),
            tool("另存为…", has_doc.then_some(Message::SaveAsRequested)),
            tool("导出", has_doc.then_some(Message::Show(Page::Export))),
            button(
                text(if app.show_preview {
                    "关闭预览"
                } else {
                    "预览"
                })
                .size(14)
            )
            .on_press_maybe(has_doc.then_some(Message::TogglePreview))
            .padding([5, 12])
            .style(if app.show_preview {
                button::primary
            } else {
                button::secondary
            }),
            tool(
                "撤销 Ctrl+Z",
                app.session
                    .as_ref()
                    .filter(|d| d.can_undo())
                    .map(|_| Message::Undo),
            ),
            tool(
                "重做 Ctrl+Y",
                app.session
                    .as_ref()
                    .filter(|d| d.can_redo())
                    .map(|_| Message::Redo),
            ),
            space::horizontal().width(Fill),
            name,
        ]
        .spacing(8)
        .align_y(iced::Center),
    )
    .padding([8, 14])
    .width(Fill)
    .style(style::toolbar)
    .into()
}

fn notice_bar(message: &str, is_error: bool) -> Element<'_> {
    container(
        row![
            text(message).size(14).width(Fill),
            button(text("关闭").size(13))
                .on_press(Message::DismissNotice)
                .padding([2, 10])
                .style(button::text),
        ]
        .align_y(iced::Center),
    )
    .padding([6, 14])
    .width(Fill)
    .style(style::notice(is_error))
    .into()
}

fn sidebar(doc: &Session, current: Page) -> Element<'_> {
    let mut entries: Vec<(String, Page, Option<PartState>)> = vec![(
        "基本信息".to_string(),
        Page::Meta,
        Some(doc.part_state(Page::Meta)),
    )];
    for s in &SECTIONS {
        let page = Page::Section(s.key);
        entries.push((s.heading(), page, Some(doc.part_state(page))));
    }
    let errors = doc
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = doc.findings.len() - errors;
    let summary = if doc.findings.is_empty() {
        PartState::Complete
    } else if errors > 0 {
        PartState::Errors(errors)
    } else {
        PartState::Warnings(warnings)
    };
    entries.push(("检查结果".to_string(), Page::Checks, Some(summary)));
    let nav = |label: String, page: Page, badge: Element<'static>, enabled: bool| {
        button(column![text(label).size(14), badge].spacing(1))
            .on_press_maybe(enabled.then_some(Message::Show(page)))
            .width(Fill)
            .padding([5, 8])
            .style(style::nav_button(current == page))
    };
    let mut list = column![].spacing(4);
    for (label, page, state) in entries {
        let (t, color) = match state {
            None => (String::new(), style::MUTED),
            Some(PartState::NotStarted) => ("未开始".to_string(), style::MUTED),
            Some(PartState::Unfilled(n)) => (format!("还有 {n} 项未填"), style::WARNING),
            Some(PartState::Errors(n)) => (format!("{n} 个错误"), style::ERROR),
            Some(PartState::Warnings(n)) => (format!("{n} 条提示"), style::WARNING),
            Some(PartState::Complete) => ("已完成".to_string(), style::OK),
        };
        list = list.push(nav(label, page, text(t).size(12).color(color).into(), true));
    }
    // Only with last year's report loaded is there anything to compare.
    let loaded = doc.last_year.report().is_some();
    let compare_note = if loaded {
        text("已载入上年报告").size(12).color(style::MUTED)
    } else {
        text("需先在“基本信息”中指定上年报告")
            .size(12)
            .color(style::MUTED)
    };
    list = list.push(nav(
        "与上年对比".to_string(),
        Page::Compare,
        compare_note.into(),
        loaded,
    ));
    list = list.push(nav("导出".to_string(), Page::Export, space().into(), true));
    container(scrollable(list.padding([10, 8])).height(Fill))
        .width(SIDEBAR_W)
        .height(Fill)
        .style(style::sidebar)
        .into()
}

fn modal<'a>(base: Element<'a>, dialog: Element<'a>) -> Element<'a> {
    stack![
        base,
        opaque(
            center(
                container(dialog)
                    .padding(20)
                    .max_width(620)
                    .style(style::panel(false))
            )
            .style(style::backdrop)
        )
    ]
    .into()
}

fn confirm_dialog<'a>(app: &'a App, pending: &'a Pending) -> Element<'a> {
    let name = app.session.as_ref().map(Session::name).unwrap_or_default();
    let save_label = if app.session.as_ref().is_some_and(|d| d.path.is_some()) {
        "保存"
    } else {
        "另存为…"
    };
    let (go_on, discard) = match pending {
        Pending::Exit => ("关闭程序", "不保存，直接关闭"),
        _ => ("继续", "不保存，继续"),
    };
    column![
        text("有未保存的修改").size(18),
        text(format!("“{name}”有尚未保存的修改。{go_on}之前要先保存吗？")).size(14),
        row![
            button(text(save_label).size(14))
                .on_press(Message::Confirmed(ConfirmChoice::Save))
                .style(button::primary)
                .id(DIALOG_DEFAULT),
            button(text(discard).size(14))
                .on_press(Message::Confirmed(ConfirmChoice::Discard))
                .style(button::danger),
            button(text("取消").size(14))
                .on_press(Message::Confirmed(ConfirmChoice::Cancel))
                .style(button::secondary),
        ]
        .spacing(10),
        keys_hint(save_label),
    ]
    .spacing(14)
    .into()
}

/// How the keyboard answers a dialog, under its answers.
fn keys_hint<'a>(default: &str) -> Element<'a> {
    text(format!(
        "按 Enter 选带框的一项（打开时是“{default}”），按 Tab 换一项，按 Esc 取消。"
    ))
    .size(12)
    .color(style::MUTED)
    .into()
}

fn overwrite_dialog<'a>() -> Element<'a> {
    column![
        text("草稿文件已被改动").size(18),
        text(
            "打开之后，这个草稿文件在磁盘上被改动过（可能是另一个窗口或同事在共享文件夹里保存的）。\
              覆盖会丢掉那边的修改；另存为可以两份都留下。"
        )
        .size(14),
        row![
            button(text("另存为…").size(14))
                .on_press(Message::SaveAsRequested)
                .style(button::primary)
                .id(DIALOG_DEFAULT),
            button(text("覆盖").size(14))
                .on_press(Message::OverwriteConfirmed)
                .style(button::danger),
            button(text("取消").size(14))
                .on_press(Message::OverwriteCancelled)
                .style(button::secondary),
        ]
        .spacing(10),
        keys_hint("另存为…"),
    ]
    .spacing(14)
    .into()
}

fn path_dialog(app: &App) -> Element<'_> {
    let Some(prompt) = &app.path_prompt else {
        return space().into();
    };
    let title = match prompt.action {
        FileAction::Open => "输入要打开的草稿文件路径",
        FileAction::SaveAs => "输入保存草稿的文件路径",
        FileAction::ExportTo => "输入PDF文件的保存路径",
        FileAction::NewFromLast => "输入上年年报草稿的文件路径（据此新建本年报告）",
        FileAction::LastYear => "输入上年年报草稿（或已发布的报告）的文件路径",
        FileAction::Import => "输入已发布的报告（PDF、Word 或网页）的文件路径",
        FileAction::AuditFolder => "输入存放收到的报告的文件夹路径",
    };
    let example = if cfg!(windows) {
        "例如：C:\\Users\\张三\\Documents\\2024年报.ron"
    } else {
        "例如：/home/zhangsan/文档/2024年报.ron"
    };
    let mut col = column![text(title).size(18)].spacing(10);
    if let Some(reason) = &prompt.reason {
        col = col.push(text(reason).size(14).color(style::WARNING));
    }
    col.push(
        text_input(example, &prompt.text)
            .id(PATH_INPUT)
            .on_input(Message::PathInputChanged)
            .on_submit(Message::PathInputSubmitted)
            .padding(8)
            .size(14),
    )
    .push(
        row![
            button(text("确定").size(14))
                .on_press(Message::PathInputSubmitted)
                .style(button::primary),
            button(text("取消").size(14))
                .on_press(Message::PathInputCancelled)
                .style(button::secondary),
        ]
        .spacing(10),
    )
    .into()
}

/// Id of every page's heading block, the place a finding about a whole section goes to.
pub const PAGE_HEAD: &str = "page-head";
/// Id of the balance line under table 三, where findings about a whole column go.
pub const T3_BALANCE: &str = "t3-balance";

/// The widget that shows a place, and whether it takes the keyboard focus.
pub fn widget_of(place: &Place) -> (iced::widget::Id, bool) {
    let focus = |id: String| (iced::widget::Id::from(id), true);
    let view = |id: &'static str| (iced::widget::Id::new(id), false);
    match *place {
        Place::Title => focus(meta::field_id(nianbao_core::model::MetaField::Agency)),
        Place::Meta(field) => focus(meta::field_id(field)),
        Place::Prose(field) => focus(components::prose_id(field)),
        Place::OverviewTitle(index) => focus(overview::title_id(index)),
        Place::Section(_) => view(PAGE_HEAD),
        Place::Cell(cell) if cell.is_derived() => match cell {
            Cell::T3(..) => view(T3_BALANCE),
            _ => view(PAGE_HEAD),
        },
        Place::Cell(cell) => focus(components::cell_id(cell)),
        Place::Table3Column(_) => view(T3_BALANCE),
    }
}

/// The findings of the checks about what a page shows (under the heading of a text page, under
/// the table of a table page): each goes to its field when chosen. Nothing when there are none.
pub fn page_findings(doc: &Session, page: Page) -> Element<'_> {
    let mut list = column![].spacing(4);
    let mut any = false;
    for f in doc.findings_on(page) {
        any = true;
        list = list.push(checks::finding_row(f));
    }
    if any { list.into() } else { space().into() }
}

/// The findings of a table page, in two parts: a line above the table that is always there,
/// saying how many there are, and the findings themselves under the table. A finding that comes
/// or goes while typing (every wrong character makes one) so never moves the table under the
/// pointer, where the next click would land in another cell.
pub fn table_findings(doc: &Session, page: Page) -> (Element<'_>, Element<'_>) {
    let n = doc.findings_on(page).count();
    let line = if n == 0 {
        text("本表目前没有发现问题。").size(13).color(style::MUTED)
    } else {
        text(format!(
            "本表有 {n} 个问题，列在表格下方，点击可跳到对应位置。"
        ))
        .size(13)
        .color(style::ERROR)
    };
    (line.into(), page_findings(doc, page))
}

/// A page's heading and the national format's hint for it.
pub fn page_head<'a>(heading: String, hint: &'a str) -> Element<'a> {
    let head = column![
        text(heading).size(22),
        container(text(hint).size(14))
            .padding([8, 12])
            .width(Fill)
            .style(style::hint_box),
    ]
    .spacing(10)
    .width(Length::Fill);
    container(head).id(PAGE_HEAD).into()
}
