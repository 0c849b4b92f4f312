//! Dilemmaer and Vurdering: answers and decisions change the open outcome;
//! Enter opens the guideline a question rests on.

use super::*;

impl App {
    pub(super) fn checklist_action(&mut self, action: Action) {
        let now = Instant::now();
        let groups = if self.screen == Screen::Dilemmas {
            dilemma_groups(&self.library)
        } else {
            assessment_groups(&self.library)
        };
        let screen = if self.screen == Screen::Dilemmas {
            &self.dilemmas
        } else {
            &self.assessment
        };
        let current = screen
            .current(&groups)
            .map(|(_, q, key)| (q.guidelines.clone(), key.to_owned()));
        let answers = self.session.as_ref().map(|s| &s.outcome.checklists);
        match action {
            Action::NextView if self.screen == Screen::Assessment => {
                self.decision_view = !self.decision_view;
                self.decision_scroll = 0;
            }
            Action::Decide if self.screen == Screen::Assessment => {
                if self.session.is_none() {
                    self.error("Ingen økt er åpen: åpne eller lag en under Økter først.");
                } else {
                    self.decision_view = true;
                    let today: String = outcome::now().chars().take(10).collect();
                    self.form = Some(decision_form(&today));
                }
            }
            _ if self.screen == Screen::Assessment && self.decision_view => {
                self.decision_scroll = match action {
                    Action::Up => self.decision_scroll.saturating_sub(1),
                    Action::Down => self.decision_scroll.saturating_add(1),
                    Action::PageUp => self.decision_scroll.saturating_sub(10),
                    Action::PageDown => self.decision_scroll.saturating_add(10),
                    Action::First => 0,
                    // Clamped to the content when drawn.
                    Action::Last => u16::MAX,
                    _ => self.decision_scroll,
                };
            }
            Action::SetStatus(_) | Action::CycleStatus => {
                let Some((_, key)) = current else { return };
                self.edit_outcome(now, |o| {
                    let a = o.checklists.entry(&key);
                    a.status = match action {
                        Action::SetStatus(s) => s,
                        _ => a.status.cycle(),
                    };
                });
            }
            Action::Edit => {
                let Some((_, key)) = current else { return };
                if self.session.is_none() {
                    self.error("Ingen økt er åpen: åpne eller lag en under Økter først.");
                    return;
                }
                let answer = answers.and_then(|a| a.get(&key));
                self.form = Some(answer_form(&key, answer));
            }
            Action::Open => {
                let Some((guidelines, _)) = current else {
                    return;
                };
                match guidelines.as_slice() {
                    [] => self.info("Spørsmålet viser ikke til noen retningslinje."),
                    [only] => {
                        let only = only.clone();
                        self.open_guideline(&only);
                    }
                    many => {
                        let items = many
                            .iter()
                            .map(|id| {
                                let text = self
                                    .library
                                    .find(id)
                                    .map_or(String::new(), |v| v.item.text.clone());
                                (id.clone(), text)
                            })
                            .collect();
                        self.picker = Some(Picker::new(
                            PickKind::Guideline,
                            "Åpne retningslinje".to_owned(),
                            items,
                        ));
                    }
                }
            }
            other => {
                let screen = if self.screen == Screen::Dilemmas {
                    &mut self.dilemmas
                } else {
                    &mut self.assessment
                };
                screen.update(other, &groups, answers);
            }
        }
    }

    /// Jumps to a guideline item on the Retningslinjer screen.
    pub(super) fn open_guideline(&mut self, id: &str) {
        match self.library.find(id) {
            Some(v) => {
                let at = v.at;
                self.guidelines.reveal(at);
                self.screen = Screen::Guidelines;
            }
            None => self.error(format!(
                "Fant ikke retningslinjen «{id}» i de lastede dataene."
            )),
        }
    }
}
