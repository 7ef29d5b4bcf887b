//! Bringing a field into view: an operation that finds the widget by its id in the laid-out
//! page, reads its real bounds, and scrolls the page so that the field, with a little of what
//! stands above it (its heading), is in view. Nothing here knows pixel offsets of the pages.

use iced::Rectangle;
use iced::Task;
use iced::Vector;
use iced::advanced::widget::operation::{Focusable, Outcome, Scrollable, TextInput};
use iced::advanced::widget::{Id, Operation, operate};
use iced::widget::operation::{self, AbsoluteOffset};

/// How much of what stands above the field stays in view (its heading, a line of hint).
pub const CONTEXT_ABOVE: f32 = 90.0;
/// How much stays in view under a field brought up from below the fold.
pub const CONTEXT_BELOW: f32 = 60.0;

/// How far [`Locate`] scrolls.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The target at the top, with what stands above it (a jump to a finding).
    ToTop,
    /// Only as far as needed for the whole target to be in view (moving through a table).
    IfHidden,
    /// Only as far as needed for the target's foot to be in view (typing at the end of a
    /// growing text box), never up.
    Foot,
}

/// Finds where the widget `target` sits inside the scrollable `scroll`.
struct Locate {
    scroll: Id,
    target: Id,
    /// How far to scroll.
    mode: Mode,
    /// The scrollable's content top, viewport height and current offset, once met.
    viewport: Option<(f32, f32, f32)>,
    /// The target's bounds, once met.
    found: Option<Rectangle>,
}

impl Locate {
    fn meet(&mut self, id: Option<&Id>, bounds: Rectangle) {
        if self.found.is_none() && id == Some(&self.target) {
            self.found = Some(bounds);
        }
    }
}

impl Operation<f32> for Locate {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<f32>)) {
        operate(self);
    }

    fn scrollable(
        &mut self,
        id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        if id == Some(&self.scroll) {
            self.viewport = Some((content_bounds.y, bounds.height, translation.y));
        }
    }

    fn container(&mut self, id: Option<&Id>, bounds: Rectangle) {
        self.meet(id, bounds);
    }

    fn focusable(&mut self, id: Option<&Id>, bounds: Rectangle, _state: &mut dyn Focusable) {
        self.meet(id, bounds);
    }

    fn text_input(&mut self, id: Option<&Id>, bounds: Rectangle, _state: &mut dyn TextInput) {
        self.meet(id, bounds);
    }

    fn finish(&self) -> Outcome<f32> {
        let (Some((top, height, offset)), Some(b)) = (self.viewport, self.found) else {
            return Outcome::None;
        };
        // Content bounds are laid out unscrolled: the difference is the offset in the content.
        let (start, end) = (b.y - top, b.y - top + b.height);
        let below = end > offset + height;
        // Below the fold: bring it up just far enough, with a little room under it.
        let up_to_foot = Outcome::Some((end + CONTEXT_BELOW - height).max(0.0));
        match self.mode {
            Mode::ToTop => Outcome::Some((start - CONTEXT_ABOVE).max(0.0)),
            Mode::IfHidden if start >= offset && !below => Outcome::None,
            Mode::IfHidden if below => up_to_foot,
            Mode::IfHidden => Outcome::Some((start - CONTEXT_ABOVE).max(0.0)),
            // Typing goes on: the room under the foot is kept too.
            Mode::Foot if end + CONTEXT_BELOW > offset + height => up_to_foot,
            Mode::Foot => Outcome::None,
        }
    }
}

/// Scrolls `scroll` so that the widget `target` is at the top of the view with what stands
/// above it, then focuses it when `focus`. Does nothing when either is not on the screen.
pub fn bring_into_view<T: Send + 'static>(
    scroll: impl Into<Id>,
    target: impl Into<Id>,
    focus: bool,
) -> Task<T> {
    locate(scroll.into(), target.into(), focus, Mode::ToTop)
}

/// Scrolls `scroll` only as far as needed for the widget `target` to be wholly in view.
pub fn keep_in_view<T: Send + 'static>(scroll: impl Into<Id>, target: impl Into<Id>) -> Task<T> {
    locate(scroll.into(), target.into(), false, Mode::IfHidden)
}

/// Scrolls `scroll` down only as far as needed for the foot of `target` to be in view.
pub fn keep_foot_in_view<T: Send + 'static>(
    scroll: impl Into<Id>,
    target: impl Into<Id>,
) -> Task<T> {
    locate(scroll.into(), target.into(), false, Mode::Foot)
}

fn locate<T: Send + 'static>(scroll: Id, target: Id, focus: bool, mode: Mode) -> Task<T> {
    let locate = Locate {
        scroll: scroll.clone(),
        target: target.clone(),
        mode,
        viewport: None,
        found: None,
    };
    operate(locate).then(move |y| {
        let to = operation::scroll_to(scroll.clone(), AbsoluteOffset { x: 0.0, y });
        if focus {
            to.chain(operation::focus(target.clone()))
        } else {
            to
        }
    })
}
