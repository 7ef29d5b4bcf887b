//! Pieces the screens share: a number cell, a prose block, table cells.

use super::message::{Direction, Message};
use super::session::{Session, entered_cells};
use super::style::{self, CellLook};
use super::wheel::pass_wheel;
use crate::gui::reach::button;
use iced::widget::{column, container, row, text, text_editor, text_input};
use iced::{Fill, Shrink, alignment};
use nianbao_core::model::{Cell, Place, Prose, Total, paragraphs};
use nianbao_core::template::SectionKey;

/// The app's element type.
pub type Element<'a> = iced::Element<'a, Message>;

/// Text size inside tables.
pub const TABLE_TEXT: f32 = 13.0;

/// The widget id of a number cell, for focus and tests: "t3-0-1", "t2-licensing", "t4-2-3".
pub fn cell_id(cell: Cell) -> String {
    match cell {
        Cell::T2(c) => format!("t2-{}", c.key()),
        Cell::T2Fee => "t2-fee".to_string(),
        Cell::T3(row, col) => format!("t3-{}-{}", row.index(), col.index()),
        Cell::T4(group, col) => format!("t4-{}-{}", group as usize, col.index()),
    }
}

/// The widget id of a text editor.
pub fn prose_id(field: Prose) -> String {
    match field {
        Prose::Preface => "prose-preface".to_string(),
        Prose::OverviewIntro => "prose-intro".to_string(),
        Prose::OverviewPart(i) => format!("prose-part-{i}"),
        Prose::Problems => "prose-problems".to_string(),
        Prose::OtherItem(i) => format!("prose-other-{i}"),
    }
}

/// A fillable number cell: tinted with "未填" while blank, red with the reason when the typed
/// text is not a valid number (the text stays as typed).
pub fn number_cell(doc: &Session, cell: Cell, width: f32, height: f32) -> Element<'_> {
    let value = doc.cell_text(cell);
    let (blank, error) = doc.cell_state(cell);
    let target = doc.target == Some(Place::Cell(cell));
    let look = match (error.is_some(), target, blank) {
        (true, _, _) => CellLook::Invalid,
        (false, true, _) => CellLook::Target,
        (false, false, true) => CellLook::Blank,
        (false, false, false) => CellLook::Filled,
    };
    let input = text_input("未填", &value)
        .id(cell_id(cell))
        .on_input(move |s| Message::CellInput(cell, s))
        .on_paste(move |s| Message::CellPasted(cell, s))
        .on_submit(Message::CellMove(cell, Direction::Down))
        .size(TABLE_TEXT + 1.0)
        .padding([3, 5])
        .align_x(alignment::Horizontal::Center)
        .width(width)
        .style(style::cell_input(look));
    // The cell is the same widget whether its text is valid or not: a wrapper that came and
    // went with the error (a tooltip did) makes iced rebuild the input, which loses the focus
    // and the keystrokes after it. The message shows in the bar pinned under the table.
    container(input)
        .width(width)
        .height(height)
        .center_y(height)
        .padding(1)
        .into()
}

/// A computed total; grey, or red when `bad`. A total of a row with blanks or invalid cells is
/// shown with "…" after it: it is only a partial sum.
pub fn total_cell<'a>(total: Total, bad: bool, width: f32, height: f32) -> Element<'a> {
    let shown = if total.complete {
        total.value.to_string()
    } else {
        format!("{}…", total.value)
    };
    container(text(shown).size(TABLE_TEXT + 1.0).color(if bad {
        style::ERROR
    } else {
        iced::Color::from_rgb(0.15, 0.18, 0.22)
    }))
    .width(width)
    .height(height)
    .center_x(width)
    .center_y(height)
    .style(style::computed_cell(bad))
    .into()
}

/// A label cell of a table, text wrapped inside its box.
pub fn label_cell<'a>(label: impl text::IntoFragment<'a>, width: f32, height: f32) -> Element<'a> {
    container(text(label).size(TABLE_TEXT))
        .padding([2, 6])
        .width(width)
        .height(height)
        .align_y(alignment::Vertical::Center)
        .clip(true)
        .style(style::label_cell)
        .into()
}

/// A header cell of a table, centred.
pub fn header_cell<'a>(label: impl text::IntoFragment<'a>, width: f32, height: f32) -> Element<'a> {
    container(
        text(label)
            .size(TABLE_TEXT)
            .align_x(alignment::Horizontal::Center),
    )
    .padding([2, 4])
    .width(width)
    .height(height)
    .center_x(width)
    .center_y(height)
    .clip(true)
    .style(style::header_cell)
    .into()
}

/// Height of the editor in a prose block, empty or short.
pub const EDITOR_H: f32 = 170.0;
/// The most an editor grows to with its text: about 20 lines, which leaves its title and the
/// next field in view on a 768-pixel screen.
pub const EDITOR_MAX_H: f32 = 460.0;
/// Room between an editor's frame and its text.
const EDITOR_PADDING: f32 = 8.0;

/// A titled multi-line text with what belongs there and a character count.
pub fn prose_block<'a>(
    doc: &'a Session,
    field: Prose,
    title: Element<'a>,
    hint: &'a str,
    height: f32,
) -> Element<'a> {
    let Some(content) = doc.editor(field) else {
        return column![].into();
    };
    let body = doc.prose(field);
    let chars = body.chars().filter(|c| !c.is_whitespace()).count();
    let paras = paragraphs(body).count();
    let highlight = doc.target == Some(Place::Prose(field));
    // Text still exactly last year's is marked until the person edits it, beside the hint so
    // that a crowded title row never squeezes it.
    let hint: Element<'a> = if hint.is_empty() {
        column![].into()
    } else if doc.inherited.contains(&field) {
        row![
            text(hint).size(13).color(style::MUTED).width(Fill),
            container(text("沿用上年内容，请更新").size(12))
                .padding([1, 8])
                .style(style::inherited_badge),
        ]
        .spacing(12)
        .align_y(iced::Center)
        .into()
    } else {
        text(hint).size(13).color(style::MUTED).into()
    };
    let editor = text_editor(content)
        .id(prose_id(field))
        .on_action(move |a| Message::ProseEdited(field, a))
        .placeholder("在此输入……")
        .size(15)
        .padding(EDITOR_PADDING)
        // A long web address has no spaces: break it anywhere rather than run out of the box.
        .wrapping(iced::widget::text::Wrapping::WordOrGlyph)
        // Grows with the text, so that the page scrolls over it; beyond EDITOR_MAX_H it scrolls
        // its own text.
        .height(Shrink)
        .min_height(height)
        .max_height(EDITOR_MAX_H);
    // The box's full height counts its padding too.
    let editor = pass_wheel(editor, EDITOR_MAX_H + 2.0 * EDITOR_PADDING);
    container(
        column![
            title,
            hint,
            editor,
            text(format!("{chars} 字，{paras} 段"))
                .size(12)
                .color(style::MUTED),
        ]
        .spacing(6),
    )
    .padding(10)
    .width(Fill)
    .style(style::panel(highlight))
    .into()
}

/// The "fill the empty cells with 0" button of a table.
pub fn fill_zeros_button<'a>(section: SectionKey) -> Element<'a> {
    row![
        button(text("空格全部填0").size(14))
            .on_press(Message::FillZeros(section))
            .style(button::secondary),
        text("把本表所有未填的格子填为 0；已填的数字和输入有误的格子不变。")
            .size(13)
            .color(style::MUTED),
    ]
    .spacing(10)
    .align_y(iced::Center)
    .into()
}

/// The cells of a table whose text is not a valid number, with a message naming the place, the
/// text and the reason.
pub fn invalid_cells(doc: &Session, section: SectionKey) -> Vec<(Place, String)> {
    entered_cells(section)
        .into_iter()
        .filter_map(|cell| {
            let (_, error) = doc.cell_state(cell);
            error.map(|reason| {
                let place = Place::Cell(cell);
                (
                    place,
                    format!("{}：“{}” {}", place.describe(), doc.cell_text(cell), reason),
                )
            })
        })
        .collect()
}

/// A finding as one line of text in its severity's colour, where it is only listed (a received
/// report's, or what the printed file of an imported one showed).
pub fn finding_line<'a>(f: &nianbao_core::check::Finding) -> Element<'a> {
    let colour = match f.severity {
        nianbao_core::check::Severity::Error => style::ERROR,
        nianbao_core::check::Severity::Warning => style::WARNING,
    };
    text(f.to_string()).size(13).color(colour).into()
}
