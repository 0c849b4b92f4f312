//! Risiko: scoring, treatment and measures change the open outcome.

use super::*;

impl App {
    /// The id of the risk selected on the Risiko screen.
    pub(super) fn selected_risk_id(&self) -> Option<String> {
        let empty = Default::default();
        let part = self.session.as_ref().map_or(&empty, |s| &s.outcome.risk);
        let risks = self.library.risks.assessable(part);
        self.risk.selected(&risks).map(|r| r.id.clone())
    }

    pub(super) fn risk_action(&mut self, action: Action) {
        let now = Instant::now();
        let changes_a_risk = matches!(
            action,
            Action::Score(_)
                | Action::CycleTreatment
                | Action::PickMeasure
                | Action::Edit
                | Action::Delete
        );
        if changes_a_risk && self.risk.view != RiskView::Assessment {
            self.error("Bytt til vurderingen (v) for å endre en risiko.");
            return;
        }
        if action == Action::NewRisk {
            self.form = Some(custom_risk_form());
            return;
        }
        let Some(id) = self.selected_risk_id().filter(|_| changes_a_risk) else {
            let empty = Default::default();
            let part = self.session.as_ref().map_or(&empty, |s| &s.outcome.risk);
            let risks = self.library.risks.assessable(part);
            self.risk.update(action, &risks);
            return;
        };
        match action {
            Action::Score(n) => {
                let field = self.risk.field;
                if self.edit_outcome(now, |o| o.risk.entry(&id).set(field, n)) {
                    self.risk.field = field.next();
                }
            }
            Action::CycleTreatment => {
                self.edit_outcome(now, |o| {
                    let a = o.risk.entry(&id);
                    a.treatment = Treatment::cycle(a.treatment);
                });
            }
            Action::PickMeasure => {
                let empty = Default::default();
                let part = self.session.as_ref().map_or(&empty, |s| &s.outcome.risk);
                let risks = self.library.risks.assessable(part);
                if let Some(risk) = self.risk.selected(&risks) {
                    let items = self.library.risks.suggested_measures(risk);
                    self.picker = Some(Picker::new(
                        PickKind::Measure,
                        format!("Tiltak for «{}»", risk.title),
                        items,
                    ));
                }
            }
            Action::Edit => {
                if self.session.is_none() {
                    self.error("Ingen økt er åpen: åpne eller lag en under Økter først.");
                    return;
                }
                let a = self.session.as_ref().and_then(|s| s.outcome.risk.get(&id));
                self.form = Some(details_form(&id, a));
            }
            Action::Delete => {
                if let Some(custom) = id.strip_prefix("egen.") {
                    let title = self
                        .session
                        .as_ref()
                        .and_then(|s| s.outcome.risk.custom.iter().find(|c| c.id == custom))
                        .map(|c| c.title.clone())
                        .unwrap_or_default();
                    self.confirm = Some(Confirm {
                        pending: Pending::DeleteRisk(id.clone()),
                        question: format!(
                            "Slette den egne risikoen «{title}» og vurderingen av den?"
                        ),
                    });
                }
            }
            other => {
                let empty = Default::default();
                let part = self.session.as_ref().map_or(&empty, |s| &s.outcome.risk);
                let risks = self.library.risks.assessable(part);
                self.risk.update(other, &risks);
            }
        }
    }

    pub(super) fn add_measure(&mut self, source: String, text: String) {
        let Some(id) = self.selected_risk_id() else {
            return;
        };
        let added = self.edit_outcome(Instant::now(), |o| {
            o.risk
                .entry(&id)
                .measures
                .push(crate::domain::risk::Measure {
                    text,
                    source,
                    owner: String::new(),
                    due: String::new(),
                });
        });
        if added {
            self.info("Tiltaket er lagt til. Eier og frist settes med e.");
        }
    }
}
