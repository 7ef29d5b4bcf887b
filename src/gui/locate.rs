//! Bringing a field into view: an operation that finds the widget by its id in the laid-out
//! page, reads its real bounds, and scrolls the page so that the field, with a little of what
//! stands above it (its heading), is in view — across too, where the page scrolls sideways
//! (table 三's grid); the frozen header and label panes follow. Nothing here knows pixel
//! offsets of the pages.

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
/// How much stays in view beside a field brought in from the side.
const CONTEXT_SIDE: f32 = 12.0;
/// The frozen panes of a grid that scrolls both ways: the header row follows its scrolling
/// across, the label column its scrolling down.
pub const FROZEN_HEAD: &str = "frozen-head";
pub const FROZEN_LABELS: &str = "frozen-labels";
/// A table inside a page that scrolls only across (table 四 on a narrow window).
pub const TABLE_ACROSS: &str = "table-across";

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
    /// The scrollable's bounds, content bounds and current offset, once met.
    viewport: Option<(Rectangle, Rectangle, Vector)>,
    /// The target's bounds, once met.
    found: Option<Rectangle>,
    /// A table scrolling across inside the page, if the page has one.
    across: Option<(Rectangle, Rectangle, Vector)>,
}

/// Where the view of a scrollable must go for the target to be in view across: `None` when it
/// is.
fn across(view: Rectangle, content: Rectangle, offset: Vector, b: Rectangle) -> Option<f32> {
    let (left, right) = (b.x - content.x, b.x - content.x + b.width);
    if left < offset.x {
        Some((left - CONTEXT_SIDE).max(0.0))
    } else if right > offset.x + view.width {
        Some(right + CONTEXT_SIDE - view.width)
    } else {
        None
    }
}

impl Locate {
    fn meet(&mut self, id: Option<&Id>, bounds: Rectangle) {
        if self.found.is_none() && id == Some(&self.target) {
            self.found = Some(bounds);
        }
    }
}

/// Where the page goes, and where a table scrolling across inside it goes.
type Offsets = (AbsoluteOffset, Option<f32>);

impl Operation<Offsets> for Locate {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<Offsets>)) {
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
            self.viewport = Some((bounds, content_bounds, translation));
        } else if id == Some(&Id::new(TABLE_ACROSS)) {
            self.across = Some((bounds, content_bounds, translation));
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

    fn finish(&self) -> Outcome<Offsets> {
        let (Some((view, content, offset)), Some(b)) = (self.viewport, self.found) else {
            return Outcome::None;
        };
        // Content bounds are laid out unscrolled: the difference is the offset in the content.
        let (top, height) = (content.y, view.height);
        let (start, end) = (b.y - top, b.y - top + b.height);
        let below = end > offset.y + height;
        // Below the fold: bring it up just far enough, with a little room under it.
        let up_to_foot = Some((end + CONTEXT_BELOW - height).max(0.0));
        let to_top = Some((start - CONTEXT_ABOVE).max(0.0));
        let y = match self.mode {
            Mode::ToTop => to_top,
            Mode::IfHidden if start >= offset.y && !below => None,
            Mode::IfHidden if below => up_to_foot,
            Mode::IfHidden => to_top,
            // Typing goes on: the room under the foot is kept too.
            Mode::Foot if end + CONTEXT_BELOW > offset.y + height => up_to_foot,
            Mode::Foot => None,
        };
        // Across, only as far as needed (a grid wider than the window).
        let x = across(view, content, offset, b);
        let inner = self.across.and_then(|(v, c, o)| across(v, c, o, b));
        if x.is_none() && y.is_none() && inner.is_none() {
            return Outcome::None;
        }
        Outcome::Some((
            AbsoluteOffset {
                x: x.unwrap_or(offset.x),
                y: y.unwrap_or(offset.y),
            },
            inner,
        ))
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
        across: None,
    };
    operate(locate).then(move |(to, inner)| {
        let inner = match inner {
            Some(x) => operation::scroll_to(TABLE_ACROSS, AbsoluteOffset { x, y: 0.0 }),
            None => Task::none(),
        };
        let to = operation::scroll_to(scroll.clone(), to)
            .chain(follow_frozen(to))
            .chain(inner);
        if focus {
            to.chain(operation::focus(target.clone()))
        } else {
            to
        }
    })
}

/// Scrolls the frozen panes of a grid (if the page has them) to go with its body at `offset`.
pub fn follow_frozen<T: Send + 'static>(offset: AbsoluteOffset) -> Task<T> {
    operation::scroll_to(
        FROZEN_HEAD,
        AbsoluteOffset {
            x: offset.x,
            y: 0.0,
        },
    )
    .chain(operation::scroll_to(
        FROZEN_LABELS,
        AbsoluteOffset {
            x: 0.0,
            y: offset.y,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::{CONTEXT_SIDE, across};
    use iced::{Rectangle, Vector};

    #[test]
    fn a_cell_beside_the_view_is_brought_in_just_enough() {
        let view = Rectangle::new((100.0, 0.0).into(), (500.0, 300.0).into());
        let content = Rectangle::new((100.0, 0.0).into(), (1200.0, 300.0).into());
        let cell = |x: f32| Rectangle::new((100.0 + x, 10.0).into(), (70.0, 30.0).into());
        let at = |x: f32| Vector::new(x, 0.0);
        // In view: stays.
        assert_eq!(across(view, content, at(0.0), cell(100.0)), None);
        // Off to the right: its right edge comes just inside.
        assert_eq!(
            across(view, content, at(0.0), cell(900.0)),
            Some(970.0 + CONTEXT_SIDE - 500.0)
        );
        // Off to the left of a view scrolled across: its left edge comes just inside.
        assert_eq!(
            across(view, content, at(600.0), cell(300.0)),
            Some(300.0 - CONTEXT_SIDE)
        );
    }
}
