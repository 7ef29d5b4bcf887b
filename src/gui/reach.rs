//! Buttons the keyboard reaches: Tab and Shift+Tab stop at every button as at every field, a
//! ring shows which one has the focus, and Enter or Space presses it — as in any Windows
//! dialog or web page. (iced's own buttons take no focus.)
//!
//! `button(…)` here builds the same button as iced's, with the same `on_press`, `style` and
//! sizes; the screens use it in place of iced's. The `button` module re-exports iced's button
//! styles, so `button::primary` reads as before.

use iced::advanced::widget::operation::Focusable;
use iced::advanced::widget::{Operation, Tree, tree};
use iced::advanced::{Clipboard, Layout, Shell, Widget, layout, mouse, overlay, renderer};
use iced::keyboard::{self, key};
use iced::{Border, Color, Event, Length, Padding, Rectangle, Size, Theme, Vector};

/// iced's button styles, for `button::primary` and the like.
pub mod button {
    pub use iced::widget::button::{Status, Style, danger, primary, secondary, text};
}

/// A button the keyboard reaches.
pub fn button<'a, M>(content: impl Into<iced::Element<'a, M>>) -> Button<'a, M> {
    Button {
        inner: iced::widget::button(content),
        id: None,
        enabled: false,
    }
}

/// Builds like iced's button.
pub struct Button<'a, M> {
    inner: iced::widget::Button<'a, M>,
    id: Option<iced::widget::Id>,
    /// A button without an action is greyed out and skipped by Tab.
    enabled: bool,
}

impl<'a, M: Clone> Button<'a, M> {
    pub fn on_press(self, message: M) -> Self {
        Button {
            inner: self.inner.on_press(message),
            enabled: true,
            ..self
        }
    }

    pub fn on_press_maybe(self, message: Option<M>) -> Self {
        Button {
            enabled: message.is_some(),
            inner: self.inner.on_press_maybe(message),
            ..self
        }
    }

    pub fn style(self, style: impl Fn(&Theme, button::Status) -> button::Style + 'a) -> Self {
        Button {
            inner: self.inner.style(style),
            ..self
        }
    }

    pub fn padding(self, padding: impl Into<Padding>) -> Self {
        Button {
            inner: self.inner.padding(padding),
            ..self
        }
    }

    pub fn width(self, width: impl Into<Length>) -> Self {
        Button {
            inner: self.inner.width(width),
            ..self
        }
    }

    /// An id, for giving it the focus (a dialog's first answer).
    pub fn id(self, id: impl Into<iced::widget::Id>) -> Self {
        Button {
            id: Some(id.into()),
            ..self
        }
    }

    pub fn height(self, height: impl Into<Length>) -> Self {
        Button {
            inner: self.inner.height(height),
            ..self
        }
    }
}

impl<'a, M: Clone + 'a> From<Button<'a, M>> for iced::Element<'a, M> {
    fn from(b: Button<'a, M>) -> Self {
        iced::Element::new(Reach {
            content: b.inner.into(),
            id: b.id,
            enabled: b.enabled,
        })
    }
}

/// Any control a click works (a check box): Tab stops at it, Enter or Space clicks it.
pub fn reachable<'a, M: 'a>(control: impl Into<iced::Element<'a, M>>) -> iced::Element<'a, M> {
    iced::Element::new(Reach {
        content: control.into(),
        id: None,
        enabled: true,
    })
}

/// Whether the button has the keyboard's focus, and whether to show it: only when the keyboard
/// brought it there (a click focuses without a ring, as browsers do).
#[derive(Debug, Default)]
struct State {
    focused: bool,
    ring: bool,
}

impl Focusable for State {
    fn is_focused(&self) -> bool {
        self.focused
    }
    fn focus(&mut self) {
        self.focused = true;
        self.ring = true;
    }
    fn unfocus(&mut self) {
        self.focused = false;
        self.ring = false;
    }
}

/// The focus around a button.
struct Reach<'a, M> {
    content: iced::Element<'a, M>,
    id: Option<iced::widget::Id>,
    enabled: bool,
}

impl<M> Widget<M, Theme, iced::Renderer> for Reach<'_, M> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        let node = self
            .content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits);
        layout::Node::with_children(node.size(), vec![node])
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        let state = tree.state.downcast_mut::<State>();
        if self.enabled {
            operation.focusable(self.id.as_ref(), layout.bounds(), state);
        } else {
            state.focused = false;
        }
        if let Some(child) = layout.children().next() {
            self.content
                .as_widget_mut()
                .operate(&mut tree.children[0], child, renderer, operation);
        }
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        let Some(child) = layout.children().next() else {
            return;
        };
        let bounds = layout.bounds();
        let state = tree.state.downcast_mut::<State>();
        match event {
            Event::Keyboard(keyboard::Event::KeyPressed { key, .. })
                if state.focused && is_press_key(key) =>
            {
                // Pressed as by the mouse, so the button sends what it would on a click; each
                // half of the click in a shell of its own, as the runtime would deliver them.
                let centre = mouse::Cursor::Available(bounds.center());
                let mut sent = Vec::new();
                for e in [
                    mouse::Event::ButtonPressed(mouse::Button::Left),
                    mouse::Event::ButtonReleased(mouse::Button::Left),
                ] {
                    let mut own = Shell::new(&mut sent);
                    self.content.as_widget_mut().update(
                        &mut tree.children[0],
                        &Event::Mouse(e),
                        child,
                        centre,
                        renderer,
                        clipboard,
                        &mut own,
                        viewport,
                    );
                }
                for message in sent {
                    shell.publish(message);
                }
                shell.capture_event();
                return;
            }
            // A click elsewhere takes the focus away, as from a field.
            Event::Mouse(mouse::Event::ButtonPressed(_)) => {
                state.focused = cursor.is_over(bounds);
                state.ring = false;
            }
            _ => {}
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            child,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        layout
            .children()
            .next()
            .map_or(mouse::Interaction::None, |child| {
                self.content.as_widget().mouse_interaction(
                    &tree.children[0],
                    child,
                    cursor,
                    viewport,
                    renderer,
                )
            })
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        let Some(child) = layout.children().next() else {
            return;
        };
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            child,
            cursor,
            viewport,
        );
        let state = tree.state.downcast_ref::<State>();
        if state.focused && state.ring {
            use iced::advanced::Renderer as _;
            renderer.fill_quad(
                renderer::Quad {
                    bounds: layout.bounds().expand(2.0),
                    border: Border {
                        color: FOCUS_RING,
                        width: 2.0,
                        radius: 3.0.into(),
                    },
                    ..renderer::Quad::default()
                },
                Color::TRANSPARENT,
            );
        }
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, Theme, iced::Renderer>> {
        let child = layout.children().next()?;
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            child,
            renderer,
            viewport,
            translation,
        )
    }
}

/// The focus ring: the blue of a focused field's border.
const FOCUS_RING: Color = Color::from_rgb(0.16, 0.38, 0.85);

/// Enter and Space press a focused button.
fn is_press_key(key: &keyboard::Key) -> bool {
    matches!(
        key.as_ref(),
        keyboard::Key::Named(key::Named::Enter | key::Named::Space)
    )
}
