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

/// Finds where the widget `target` sits inside the scrollable `scroll`.
struct Locate {
    scroll: Id,
    target: Id,
    /// The top of the scrollable's content, once met.
    content_top: Option<f32>,
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
        _bounds: Rectangle,
        content_bounds: Rectangle,
        _translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        if id == Some(&self.scroll) {
            self.content_top = Some(content_bounds.y);
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
        match (self.content_top, self.found) {
            // Content bounds are laid out unscrolled, so the difference is the offset.
            (Some(top), Some(b)) => Outcome::Some((b.y - top - CONTEXT_ABOVE).max(0.0)),
            _ => Outcome::None,
        }
    }
}

/// Scrolls `scroll` so that the widget `target` is in view, then focuses it when `focus`.
/// Does nothing when either is not on the screen.
pub fn bring_into_view<T: Send + 'static>(
    scroll: impl Into<Id>,
    target: impl Into<Id>,
    focus: bool,
) -> Task<T> {
    let scroll: Id = scroll.into();
    let target: Id = target.into();
    let locate = Locate {
        scroll: scroll.clone(),
        target: target.clone(),
        content_top: None,
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
