//! Everything that opens over a screen: help, a question, a form, a list to
//! pick from, the search and one guideline item. They live on one stack in
//! the app: the top one gets the keys, and they are drawn bottom to top.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::action::Action;
use crate::domain::ItemRef;
use crate::keymap::Context;
use crate::ui::form::Form;
use crate::ui::guidelines::item_detail;
use crate::ui::help::HelpOverlay;
use crate::ui::picker::Picker;
use crate::ui::screen::{Ctx, Effect, Selection};
use crate::ui::search::SearchOverlay;
use crate::ui::strings;
use crate::ui::widgets::{Scroll, popup};

#[derive(Debug)]
pub enum Overlay {
    Help(HelpOverlay),
    Confirm(Confirm),
    Form(Form),
    Picker(Picker),
    Search(Box<SearchOverlay>),
    Item(ItemOverlay),
    /// A page of text, e.g. the workshop's steps on the very first start.
    Message(Message),
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help(_) => Context::Help,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Form(_) => Context::Form,
            Overlay::Picker(_) => Context::Picker,
            Overlay::Search(_) => Context::Search,
            Overlay::Item(_) | Overlay::Message(_) => Context::Item,
        }
    }

    /// Whether plain keys are text here (a text field has focus).
    pub fn takes_text(&self) -> bool {
        match self {
            Overlay::Search(_) => true,
            Overlay::Form(f) => f.takes_text(),
            _ => false,
        }
    }

    /// Whether the overlay keeps every key it does not bind (a form or a
    /// question): screen switches and global commands wait until it closes.
    pub fn is_modal(&self) -> bool {
        matches!(self, Overlay::Form(_) | Overlay::Confirm(_))
    }

    pub fn available(&self, action: Action) -> bool {
        match self {
            Overlay::Form(f) => f.available(action),
            Overlay::Message(_) => action != Action::OpenInGuidelines,
            // An empty list has nothing to pick.
            Overlay::Picker(p) => action != Action::Accept || !p.items.is_empty(),
            _ => true,
        }
    }

    /// Handles an action bound in the overlay's context.
    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        if action == Action::Close {
            return Some(Effect::Pop);
        }
        match self {
            Overlay::Help(h) => {
                h.update(action);
                None
            }
            Overlay::Confirm(c) => match action {
                Action::Confirm => {
                    let on_yes = c.on_yes.take()?;
                    Some(Effect::Many(vec![Effect::Pop, *on_yes]))
                }
                _ => None,
            },
            Overlay::Form(f) => match action {
                Action::Submit => {
                    if let Some(problem) = f.problem() {
                        f.error = Some(problem);
                        return None;
                    }
                    match f.spec().submit(f, ctx) {
                        // A question on top keeps the form open below it.
                        Ok(effect @ Effect::Push(_)) => Some(effect),
                        Ok(effect) => Some(Effect::Many(vec![Effect::Pop, effect])),
                        Err(message) => {
                            f.error = Some(message);
                            None
                        }
                    }
                }
                other => {
                    f.update(other);
                    None
                }
            },
            Overlay::Picker(p) => p.update(action),
            Overlay::Search(s) => {
                let at = s.update(action, ctx.index)?;
                Some(Effect::push(Overlay::Item(ItemOverlay::new(at))))
            }
            Overlay::Item(i) => match action {
                Action::OpenInGuidelines => Some(Effect::Many(vec![
                    Effect::Select(Selection::Item(i.at)),
                    Effect::GoTo(1),
                ])),
                other => {
                    i.scroll.apply(other);
                    None
                }
            },
            Overlay::Message(m) => {
                m.scroll.apply(action);
                None
            }
        }
    }

    /// A key not bound in the overlay's context, for a text field.
    pub fn input(&mut self, key: KeyEvent, ctx: &Ctx) {
        match self {
            Overlay::Form(f) => f.input(key),
            Overlay::Search(s) => s.input(key, ctx.index),
            _ => {}
        }
    }

    pub fn paste(&mut self, text: &str, ctx: &Ctx) {
        match self {
            Overlay::Form(f) => f.paste(text),
            Overlay::Search(s) => s.paste(text, ctx.index),
            _ => {}
        }
    }

    /// The part of `area` the overlay draws whole on every frame, so what
    /// lies under it need not be there first (only the search says, the
    /// overlay that is drawn on every keystroke).
    pub fn covers(&self, area: Rect) -> Option<Rect> {
        match self {
            Overlay::Search(_) => Some(SearchOverlay::area(area)),
            _ => None,
        }
    }

    /// Draws the overlay; help is drawn by the app, which knows the keys behind it.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        match self {
            Overlay::Help(_) => {}
            Overlay::Confirm(c) => c.render(frame, area, ctx),
            Overlay::Form(f) => f.render(frame, area, theme),
            Overlay::Picker(p) => p.render(frame, area, theme),
            Overlay::Search(s) => s.render(frame, area, ctx.library, ctx.index, theme),
            Overlay::Item(i) => {
                let inner = popup(frame, area, (90, 85), "Retningslinje", theme);
                let mut text = ctx
                    .library
                    .view(i.at)
                    .map(|v| item_detail(&v, theme))
                    .unwrap_or_default();
                text.lines.push(Line::default());
                text.lines.push(Line::styled(
                    format!(
                        "{} viser punktet under Retningslinjer · {} går tilbake",
                        ctx.key(Context::Item, Action::OpenInGuidelines),
                        ctx.key(Context::Item, Action::Close)
                    ),
                    theme.dim,
                ));
                render_scrolled(frame, inner, text, &mut i.scroll);
            }
            Overlay::Message(m) => {
                let inner = popup(frame, area, (80, 85), &m.title, theme);
                let text = Text::from(
                    m.lines
                        .iter()
                        .map(|l| Line::raw(l.clone()))
                        .collect::<Vec<_>>(),
                );
                render_scrolled(frame, inner, text, &mut m.scroll);
            }
        }
    }
}

fn render_scrolled(frame: &mut Frame, area: Rect, text: Text, scroll: &mut Scroll) {
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let lines = paragraph.line_count(area.width);
    scroll.clamp(lines, area.height);
    frame.render_widget(paragraph.scroll((scroll.offset, 0)), area);
}

/// A yes/no question before something that cannot be taken back by a
/// navigation key: deleting, quitting with unsaved work ...
#[derive(Debug)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Option<Box<Effect>>,
}

impl Confirm {
    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let hint = format!(
            "{} = ja   {} = nei",
            ctx.key(Context::Confirm, Action::Confirm),
            ctx.key(Context::Confirm, Action::Close)
        );
        let text = vec![
            Line::styled(hint.clone(), theme.label),
            Line::default(),
            Line::raw(crate::terminal_text::escape_line(&self.question)),
        ];
        // As tall as the question needs, so the answer keys always show; they
        // come first in case even that does not fit.
        let width = area.width * 7 / 10;
        let paragraph = Paragraph::new(text).wrap(Wrap { trim: true });
        let lines = paragraph.line_count(width.saturating_sub(2));
        let height = u16::try_from(lines + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let percent = (u32::from(height) * 100).div_ceil(u32::from(area.height.max(1)));
        let percent = u16::try_from(percent).unwrap_or(100).min(100);
        let inner = popup(frame, area, (70, percent), strings::CONFIRM_TITLE, theme);
        frame.render_widget(paragraph, inner);
    }
}

/// One guideline item in full, over whatever screen it was looked up from.
#[derive(Debug, Clone)]
pub struct ItemOverlay {
    pub at: ItemRef,
    scroll: Scroll,
}

impl ItemOverlay {
    pub fn new(at: ItemRef) -> Self {
        ItemOverlay {
            at,
            scroll: Scroll::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Message {
    pub title: String,
    pub lines: Vec<String>,
    scroll: Scroll,
}

impl Message {
    pub fn new(title: impl Into<String>, lines: Vec<String>) -> Self {
        Message {
            title: title.into(),
            lines,
            scroll: Scroll::default(),
        }
    }
}
