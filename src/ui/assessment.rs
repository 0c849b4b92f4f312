//! Vurdering (screen 5): KS's assessment as a checklist, with the answers
//! the outcome suggests, and management's decision round by round (`v`
//! shows it), the report (`x`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::keymap::Context;
use crate::ui::checklist::{Checklist, Kind};
use crate::ui::decision::{self, DecisionSpec};
use crate::ui::screen::{Ctx, Effect, Screen, Spot, Unavailable, require};
use crate::ui::widgets::Scroll;

#[derive(Debug, Clone)]
pub struct AssessmentScreen {
    pub list: Checklist,
    /// Management's decision is shown instead of the checklist.
    pub decision_view: bool,
    pub decision_scroll: Scroll,
}

impl Default for AssessmentScreen {
    fn default() -> Self {
        AssessmentScreen {
            list: Checklist::new(Kind::Assessment),
            decision_view: false,
            decision_scroll: Scroll::default(),
        }
    }
}

impl Screen for AssessmentScreen {
    fn title(&self) -> &'static str {
        "Vurdering"
    }

    fn short_title(&self) -> &'static str {
        "Vurd."
    }

    fn context(&self) -> Context {
        Context::Checklist
    }

    fn check(&self, action: Action, ctx: &Ctx) -> Result<(), Unavailable> {
        let open = || require(ctx.outcome.is_some(), Unavailable::no_outcome);
        match action {
            Action::NextView => Ok(()),
            Action::Decide
            | Action::Export
            | Action::EditCase
            | Action::EditProcessing
            | Action::EditPublic => open(),
            // The public texts are written from management's decision.
            Action::PublicTexts => {
                open()?;
                require(
                    ctx.outcome.is_some_and(|o| !o.decision.rounds.is_empty()),
                    || {
                        Unavailable::because(
                            "Tekstene til publikum skrives ut fra ledelsens beslutning: registrer den først ({checklist.decide}).",
                        )
                    },
                )
            }
            Action::CorrectDecision | Action::Review => {
                open()?;
                require(
                    ctx.outcome.is_some_and(|o| !o.decision.rounds.is_empty()),
                    || {
                        Unavailable::because(if action == Action::Review {
                            "Det er ingen beslutning å gjennomgå ennå: {checklist.decide} registrerer ledelsens beslutning."
                        } else {
                            "Det er ingen runde å korrigere ennå: {checklist.decide} registrerer ledelsens beslutning."
                        })
                    },
                )
            }
            _ => match self.list.check(action, ctx) {
                // The questions' actions wait while the decision is shown.
                Some(checked) => {
                    require(!self.decision_view, || {
                        Unavailable::because(
                            "Beslutningen vises: {checklist.next_view} går tilbake til spørsmålene.",
                        )
                    })?;
                    checked
                }
                None => Ok(()),
            },
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        match action {
            Action::NextView => {
                self.decision_view = !self.decision_view;
                self.decision_scroll = Scroll::default();
                None
            }
            Action::Export => Some(Effect::push(crate::ui::export::export_form(ctx)?)),
            Action::EditCase => Some(Effect::push(crate::ui::case::case_form(ctx)?)),
            Action::EditProcessing => Some(Effect::push(crate::ui::case::processing_form(ctx)?)),
            Action::EditPublic => Some(Effect::push(crate::ui::public::public_form(ctx)?)),
            Action::PublicTexts => Some(Effect::push(crate::ui::public::PublicPreview::default())),
            Action::Review => {
                self.decision_view = true;
                Some(Effect::push(crate::ui::review::review_form(ctx)?))
            }
            Action::Decide => {
                self.decision_view = true;
                Some(Effect::push(decision::decision_form(
                    ctx,
                    DecisionSpec::new_round(),
                )))
            }
            Action::CorrectDecision => {
                self.decision_view = true;
                Some(Effect::push(decision::decision_form(
                    ctx,
                    DecisionSpec::correction(),
                )))
            }
            _ if self.decision_view => {
                self.decision_scroll.apply(action);
                None
            }
            _ => self.list.handle(action, ctx),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if self.decision_view {
            let key = ctx.key(Context::Checklist, Action::Decide);
            decision::render(frame, area, ctx, &key, &mut self.decision_scroll);
            return;
        }
        self.list.render(frame, area, ctx);
    }

    fn revalidate(&mut self, ctx: &Ctx) {
        self.list.revalidate(ctx);
    }

    fn reset(&mut self) {
        self.decision_scroll = Scroll::default();
        self.list.platform = None;
    }

    fn spot(&self, ctx: &Ctx) -> Spot {
        self.list.spot(ctx)
    }

    fn go_to(&mut self, spot: &Spot, ctx: &Ctx) {
        self.list.go_to(spot, ctx);
    }
}
