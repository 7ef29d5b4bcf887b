//! Colours and widget styles. The look follows the printed table: white cells, thin grey rules;
//! an empty cell is tinted so it never looks like a 0.

use iced::widget::{button, container, text_input};
use iced::{Background, Border, Color, Theme};

pub const RULE: Color = Color::from_rgb(0.62, 0.65, 0.70);
pub const HEADER_BG: Color = Color::from_rgb(0.93, 0.94, 0.96);
pub const COMPUTED_BG: Color = Color::from_rgb(0.91, 0.93, 0.96);
pub const BLANK_BG: Color = Color::from_rgb(1.0, 0.96, 0.84);
pub const INVALID_BG: Color = Color::from_rgb(0.99, 0.90, 0.90);
pub const ERROR: Color = Color::from_rgb(0.72, 0.11, 0.11);
pub const WARNING: Color = Color::from_rgb(0.58, 0.38, 0.0);
pub const OK: Color = Color::from_rgb(0.15, 0.45, 0.18);
pub const MUTED: Color = Color::from_rgb(0.42, 0.45, 0.50);
pub const ACCENT: Color = Color::from_rgb(0.08, 0.40, 0.75);
pub const SIDEBAR_BG: Color = Color::from_rgb(0.95, 0.96, 0.97);
pub const HINT_BG: Color = Color::from_rgb(0.94, 0.96, 0.99);
/// Last year's bars in the comparison chart (this year's are `ACCENT`).
pub const CHART_LAST: Color = Color::from_rgb(0.62, 0.66, 0.72);

/// How a number cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellLook {
    Blank,
    Filled,
    Invalid,
    /// The cell a finding was chosen for.
    Target,
}

fn border(color: Color, width: f32) -> Border {
    Border {
        color,
        width,
        radius: 0.0.into(),
    }
}

/// A table cell's text field.
pub fn cell_input(look: CellLook) -> impl Fn(&Theme, text_input::Status) -> text_input::Style {
    move |theme, status| {
        let base = text_input::default(theme, status);
        let focused = matches!(status, text_input::Status::Focused { .. });
        let (bg, edge, width) = match look {
            CellLook::Blank => (BLANK_BG, RULE, 1.0),
            CellLook::Filled => (Color::WHITE, RULE, 1.0),
            CellLook::Invalid => (INVALID_BG, ERROR, 2.0),
            CellLook::Target => (Color::WHITE, ACCENT, 2.0),
        };
        text_input::Style {
            background: Background::Color(bg),
            border: if focused {
                border(ACCENT, 2.0)
            } else {
                border(edge, width)
            },
            placeholder: Color::from_rgb(0.70, 0.60, 0.35),
            ..base
        }
    }
}

/// A label or header cell of a table.
pub fn label_cell(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::WHITE)),
        border: border(RULE, 0.5),
        ..container::Style::default()
    }
}

/// A header cell of a table.
pub fn header_cell(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(HEADER_BG)),
        border: border(RULE, 0.5),
        ..container::Style::default()
    }
}

/// A computed (total) cell.
pub fn computed_cell(bad: bool) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(Background::Color(if bad {
            INVALID_BG
        } else {
            COMPUTED_BG
        })),
        border: if bad {
            border(ERROR, 1.5)
        } else {
            border(RULE, 0.5)
        },
        ..container::Style::default()
    }
}

/// The side list.
pub fn sidebar(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(SIDEBAR_BG)),
        border: Border {
            color: RULE,
            width: 0.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// The top bar.
pub fn toolbar(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::from_rgb(0.20, 0.27, 0.38))),
        text_color: Some(Color::WHITE),
        ..container::Style::default()
    }
}

/// The box with what the national format expects.
pub fn hint_box(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(HINT_BG)),
        border: Border {
            color: Color::from_rgb(0.78, 0.85, 0.94),
            width: 1.0,
            radius: 4.0.into(),
        },
        text_color: Some(Color::from_rgb(0.20, 0.25, 0.33)),
        ..container::Style::default()
    }
}

/// A framed panel (a field group, a dialog).
pub fn panel(highlight: bool) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(Background::Color(Color::WHITE)),
        border: Border {
            color: if highlight { ACCENT } else { RULE },
            width: if highlight { 2.0 } else { 1.0 },
            radius: 4.0.into(),
        },
        ..container::Style::default()
    }
}

/// The message bar: red for errors, green for success.
pub fn notice(is_error: bool) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(Background::Color(if is_error {
            INVALID_BG
        } else {
            Color::from_rgb(0.90, 0.96, 0.90)
        })),
        text_color: Some(if is_error { ERROR } else { OK }),
        border: border(if is_error { ERROR } else { OK }, 1.0),
        ..container::Style::default()
    }
}

/// The dimmed backdrop behind a dialog.
pub fn backdrop(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color {
            a: 0.45,
            ..Color::BLACK
        })),
        ..container::Style::default()
    }
}

/// An entry of the side list; the current one is highlighted.
pub fn nav_button(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let hovered = matches!(status, button::Status::Hovered | button::Status::Pressed);
        button::Style {
            background: Some(Background::Color(if active {
                Color::from_rgb(0.85, 0.90, 0.97)
            } else if hovered {
                Color::from_rgb(0.90, 0.92, 0.95)
            } else {
                SIDEBAR_BG
            })),
            text_color: theme.palette().text,
            border: Border {
                color: if active { ACCENT } else { SIDEBAR_BG },
                width: if active { 1.0 } else { 0.0 },
                radius: 3.0.into(),
            },
            ..button::Style::default()
        }
    }
}

/// A finding in the list: a flat row that reacts to the pointer.
pub fn finding_button(theme: &Theme, status: button::Status) -> button::Style {
    let hovered = matches!(status, button::Status::Hovered | button::Status::Pressed);
    button::Style {
        background: Some(Background::Color(if hovered {
            Color::from_rgb(0.92, 0.95, 0.99)
        } else {
            Color::WHITE
        })),
        text_color: theme.palette().text,
        border: border(Color::from_rgb(0.85, 0.87, 0.90), 1.0),
        ..button::Style::default()
    }
}

/// A bar of the comparison chart, filled with one colour.
pub fn bar(color: Color) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(Background::Color(color)),
        ..container::Style::default()
    }
}

/// The "沿用上年内容" badge on a text still copied from last year.
pub fn inherited_badge(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(BLANK_BG)),
        text_color: Some(WARNING),
        border: Border {
            color: WARNING,
            width: 1.0,
            radius: 3.0.into(),
        },
        ..container::Style::default()
    }
}

/// Behind the preview's pages: a grey desk, so the white pages stand out.
pub fn preview_desk(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::from_rgb(0.80, 0.82, 0.85))),
        border: Border {
            color: RULE,
            width: 1.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// A page of the preview: a hairline round the sheet.
pub fn preview_sheet(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::WHITE)),
        border: border(Color::from_rgb(0.55, 0.57, 0.60), 1.0),
        ..container::Style::default()
    }
}
