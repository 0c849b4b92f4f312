//! Dilemmaer (screen 4): the five kinds of social-media dilemma as a
//! checklist (Kvalnes 2020, ch. 2), answered for the shared assessment or
//! one platform.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::keymap::Context;
use crate::ui::checklist::{Checklist, Kind};
use crate::ui::screen::{Ctx, Effect, Screen, Spot, Unavailable};

#[derive(Debug, Clone)]
pub struct DilemmasScreen {
    pub list: Checklist,
}

impl Default for DilemmasScreen {
    fn default() -> Self {
        DilemmasScreen {
            list: Checklist::new(Kind::Dilemmas),
        }
    }
}

impl Screen for DilemmasScreen {
    fn title(&self) -> &'static str {
        "Dilemmaer"
    }

    fn short_title(&self) -> &'static str {
        "Dilemma"
    }

    fn context(&self) -> Context {
        Context::Checklist
    }

    /// The questions' own preconditions; Vurdering's actions (the decision,
    /// the report, suggestions) do nothing here.
    fn check(&self, action: Action, ctx: &Ctx) -> Result<(), Unavailable> {
        match action {
            Action::NextView
            | Action::Decide
            | Action::CorrectDecision
            | Action::Export
            | Action::EditCase
            | Action::EditProcessing
            | Action::Review
            | Action::EditPublic
            | Action::PublicTexts
            | Action::AcceptSuggestion => Err(Unavailable::quietly()),
            _ => self.list.check(action, ctx).unwrap_or(Ok(())),
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        self.list.handle(action, ctx)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.list.render(frame, area, ctx);
    }

    fn revalidate(&mut self, ctx: &Ctx) {
        self.list.revalidate(ctx);
    }

    fn reset(&mut self) {
        self.list.platform = None;
    }

    fn spot(&self, ctx: &Ctx) -> Spot {
        self.list.spot(ctx)
    }

    fn go_to(&mut self, spot: &Spot, ctx: &Ctx) {
        self.list.go_to(spot, ctx);
    }
}
