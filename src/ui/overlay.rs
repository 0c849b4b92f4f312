//! The small overlays: a yes/no question (`Confirm`), one guideline item in
//! full (`ItemOverlay`) and a page of text (`Message`). Forms, pickers, the
//! search and help are overlays too, each in its own module; all of them
//! implement `screen::Layer`, which is all the app knows of them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::action::Action;
use crate::content::Library;
use crate::domain::ItemRef;
use crate::keymap::Context;
use crate::search::SearchIndex;
use crate::ui::guidelines::item_detail;
use crate::ui::screen::{Ctx, Effect, Layer, Selection};
use crate::ui::strings;
use crate::ui::widgets::{Scroll, popup};

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

impl Layer for Confirm {
    fn context(&self) -> Context {
        Context::Confirm
    }

    fn is_modal(&self) -> bool {
        true
    }

    fn handle(&mut self, action: Action, _ctx: &Ctx) -> Option<Effect> {
        match action {
            Action::Confirm => {
                let on_yes = self.on_yes.take()?;
                Some(Effect::Many(vec![Effect::Pop, *on_yes]))
            }
            _ => None,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let hint = format!(
            "{} = ja   {} = nei",
            ctx.key(Context::Confirm, Action::Confirm),
            ctx.key(Context::Confirm, Action::Close)
        );
        let text = vec![
            Line::styled(hint.clone(), theme.label),
            Line::default(),
            Line::raw(
                crate::terminal_text::escape_line(&ctx.keymap.fill(&self.question)).into_owned(),
            ),
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

impl Layer for ItemOverlay {
    fn context(&self) -> Context {
        Context::Item
    }

    fn handle(&mut self, action: Action, _ctx: &Ctx) -> Option<Effect> {
        match action {
            Action::OpenInGuidelines => Some(Effect::Many(vec![
                Effect::Select(Selection::Item(self.at)),
                Effect::GoTo(crate::ui::ScreenId::Guidelines),
            ])),
            other => {
                self.scroll.apply(other);
                None
            }
        }
    }

    /// An item whose text changed under it closes.
    fn library_changed(&mut self, old: &Library, new: &Library, _index: &SearchIndex) -> bool {
        old.view(self.at).map(|v| v.item) == new.view(self.at).map(|v| v.item)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let inner = popup(frame, area, (90, 85), "Retningslinje", theme);
        let mut text = ctx
            .library
            .view(self.at)
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
        render_scrolled(frame, inner, text, &mut self.scroll);
    }
}

/// A page of text, e.g. the workshop's steps on the very first start.
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

impl Layer for Message {
    fn context(&self) -> Context {
        Context::Item
    }

    fn available(&self, action: Action, _ctx: &Ctx) -> bool {
        action != Action::OpenInGuidelines
    }

    fn handle(&mut self, action: Action, _ctx: &Ctx) -> Option<Effect> {
        self.scroll.apply(action);
        None
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let inner = popup(frame, area, (90, 90), &self.title, ctx.theme);
        let text = Text::from(
            self.lines
                .iter()
                .map(|l| Line::raw(ctx.keymap.fill(l).into_owned()))
                .collect::<Vec<_>>(),
        );
        render_scrolled(frame, inner, text, &mut self.scroll);
    }
}
