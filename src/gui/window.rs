//! The window's place and the zoom: restored at start from the user's data folder, followed
//! while the program runs, written back when it closes (the zoom also when it changes).
//!
//! iced reports sizes and positions in the app's own units, which shrink as the zoom grows;
//! they are kept in the desktop's units (multiplied by the zoom), so that a size remembered at
//! 125 % opens the same window at 100 %.

use super::files;
use super::message::Message;
use super::state::{App, Notice};
use iced::{Point, Size, Task, window};
use nianbao_core::store::prefs::{Prefs, WindowPlace, zoom_step};

/// The window settings at start: the remembered size and place, or maximized.
pub fn settings_from(prefs: &Prefs, default: window::Settings) -> window::Settings {
    let Some(place) = prefs.window else {
        return default;
    };
    let zoom = prefs.zoom();
    window::Settings {
        // iced multiplies the size by the zoom when it makes the window.
        size: Size::new(place.width / zoom, place.height / zoom),
        position: match (place.x, place.y) {
            (Some(x), Some(y)) => window::Position::Specific(Point::new(x, y)),
            _ => default.position,
        },
        maximized: place.maximized,
        ..default
    }
}

impl App {
    /// The zoom iced draws the app at.
    pub fn scale_factor(&self) -> f32 {
        self.zoom
    }

    /// What to remember now.
    pub fn prefs(&self) -> Prefs {
        Prefs {
            window: self.window.place.map(|p| WindowPlace {
                maximized: self.window.maximized,
                ..p
            }),
            zoom: (self.zoom != 1.0).then_some(self.zoom),
        }
    }

    pub(super) fn window_event(&mut self, id: window::Id, event: window::Event) -> Task<Message> {
        self.window.id = Some(id);
        match event {
            // The preview draws its pages for the screen's pixels, not the desktop's units.
            window::Event::Opened { .. } => self
                .check_placement(id)
                .chain(window::scale_factor(id).map(Message::DisplayScale)),
            window::Event::Rescaled(factor) => {
                self.display_scale = factor;
                Task::none()
            }
            window::Event::Resized(size) => {
                self.window.size = Some(Size::new(size.width * self.zoom, size.height * self.zoom));
                let check = if self.window.placed {
                    Task::none()
                } else {
                    self.check_placement(id)
                };
                window::is_maximized(id)
                    .map(Message::WindowMaximized)
                    .chain(check)
            }
            window::Event::Moved(p) => {
                // Reported in the app's units.
                self.moved_to(Some(p), self.zoom);
                Task::none()
            }
            _ => Task::none(),
        }
    }

    /// Where the window is, when not maximized, in the desktop's units (`scale` converts from
    /// the units it was reported in).
    fn moved_to(&mut self, p: Option<Point>, scale: f32) {
        if let (false, Some(p), Some(place)) = (self.window.maximized, p, &mut self.window.place) {
            (place.x, place.y) = (Some(p.x * scale), Some(p.y * scale));
        }
    }

    /// Closing: the window's position is asked for (not every desktop reports moves), then
    /// everything is written and the program ends.
    pub(super) fn exit_with_prefs(&mut self) -> Task<Message> {
        match self.window.id {
            Some(id) => window::position(id).map(Message::Leaving),
            None => self.leave(None),
        }
    }

    pub(super) fn leave(&mut self, position: Option<Point>) -> Task<Message> {
        // Asked of the window: in the desktop's units already.
        self.moved_to(position, 1.0);
        self.save_prefs().chain(iced::exit())
    }

    pub(super) fn window_maximized(&mut self, maximized: bool) -> Task<Message> {
        self.window.maximized = maximized;
        if let (false, Some(size)) = (maximized, self.window.size) {
            let place = self.window.place.get_or_insert(WindowPlace {
                width: size.width,
                height: size.height,
                x: None,
                y: None,
                maximized: false,
            });
            (place.width, place.height) = (size.width, size.height);
        }
        Task::none()
    }

    /// A remembered position off the screen (a laptop taken from its second monitor): the
    /// window is centred instead, never left where nobody can see it.
    fn check_placement(&mut self, id: window::Id) -> Task<Message> {
        self.window.placed = true;
        let Some(place) = self.window.place.filter(|_| !self.window.maximized) else {
            return Task::none();
        };
        let (Some(x), Some(y)) = (place.x, place.y) else {
            return Task::none();
        };
        let zoom = self.zoom;
        window::monitor_size(id).then(move |monitor| {
            // Reported in the app's units; the place and `move_to` are in the desktop's.
            let Some(screen) = monitor.map(|m| Size::new(m.width * zoom, m.height * zoom)) else {
                return Task::none();
            };
            let visible = x >= -place.width / 2.0
                && y >= 0.0
                && x + place.width / 2.0 <= screen.width
                && y + 40.0 <= screen.height;
            if visible {
                return Task::none();
            }
            let centre = Point::new(
                ((screen.width - place.width) / 2.0).max(0.0),
                ((screen.height - place.height) / 2.0).max(0.0),
            );
            window::move_to(id, centre)
        })
    }

    /// Ctrl+= / Ctrl+- / Ctrl+0 and Ctrl+wheel: the whole window larger or smaller, as in a
    /// browser; remembered for the next start.
    pub(super) fn zoom_by(&mut self, direction: i32) -> Task<Message> {
        let zoom = zoom_step(self.zoom, direction);
        if zoom == self.zoom {
            return Task::none();
        }
        self.zoom = zoom;
        self.notice = Some(Notice {
            text: format!(
                "显示比例 {}%（Ctrl+加号放大，Ctrl+减号缩小，Ctrl+0 恢复 100%）",
                (zoom * 100.0).round()
            ),
            is_error: false,
        });
        self.save_prefs()
    }

    /// Writes the preferences in the background; a failure only costs the remembered place.
    pub(super) fn save_prefs(&self) -> Task<Message> {
        let Some(path) = self.userdata.as_ref().map(|u| u.prefs_path()) else {
            return Task::none();
        };
        let prefs = self.prefs();
        Task::perform(files::in_thread(move || prefs.save(&path)), |_| {
            Message::None
        })
    }
}
