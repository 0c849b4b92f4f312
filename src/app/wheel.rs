//! Navigasjonshjul: stances, notes, alternatives and the choice change the
//! open outcome.

use super::*;

impl App {
    /// The reflection shown on the wheel screen, if any.
    pub(super) fn current_reflection(&self) -> Option<&Reflection> {
        self.session
            .as_ref()?
            .outcome
            .wheel
            .reflections
            .get(self.wheel.reflection)
    }

    pub(super) fn wheel_action(&mut self, action: Action) {
        let now = Instant::now();
        let (r, a) = (self.wheel.reflection, self.wheel.alternative);
        let dimension = self
            .library
            .wheel
            .dimensions
            .get(self.wheel.dimension)
            .map(|d| d.id.clone());
        let needs_reflection = matches!(
            action,
            Action::Stance(_)
                | Action::CycleStance
                | Action::Edit
                | Action::AddAlternative
                | Action::Rename
                | Action::Delete
                | Action::Choose
                | Action::Justify
        );
        if needs_reflection && self.current_reflection().is_none() {
            if self.session.is_none() {
                self.error("Ingen økt er åpen: åpne eller lag en under Økter først.");
            } else {
                self.error("Ingen refleksjon ennå: beskriv et dilemma først.");
            }
            return;
        }
        let set_stance = |o: &mut Outcome, stance: Option<Stance>| {
            let Some(dim) = &dimension else { return };
            if let Some(alt) = o
                .wheel
                .reflections
                .get_mut(r)
                .and_then(|x| x.alternatives.get_mut(a))
            {
                let entry = alt.entry(dim);
                entry.stance = stance.or_else(|| Stance::cycle(entry.stance));
            }
        };
        match action {
            Action::Stance(s) => {
                self.edit_outcome(now, |o| set_stance(o, Some(s)));
            }
            Action::CycleStance => {
                self.edit_outcome(now, |o| set_stance(o, None));
            }
            Action::NewReflection => {
                if self.session.is_none() {
                    self.error("Ingen økt er åpen: åpne eller lag en under Økter først.");
                } else {
                    self.form = Some(dilemma_form());
                }
            }
            Action::AddAlternative => self.form = Some(alternative_form(r, None, "")),
            Action::Rename => {
                let name = self
                    .current_reflection()
                    .and_then(|x| x.alternatives.get(a))
                    .map(|x| x.name.clone())
                    .unwrap_or_default();
                self.form = Some(alternative_form(r, Some(a), &name));
            }
            Action::Edit => {
                let Some(dim) = dimension else { return };
                let note = self
                    .current_reflection()
                    .and_then(|x| x.alternatives.get(a))
                    .and_then(|x| x.get(&dim))
                    .map(|x| x.note.clone())
                    .unwrap_or_default();
                self.form = Some(note_form(r, a, &dim, &note));
            }
            Action::Delete => {
                let Some(reflection) = self.current_reflection() else {
                    return;
                };
                if reflection.alternatives.len() <= 2 {
                    self.error("Et dilemma trenger minst to alternativer.");
                    return;
                }
                let name = reflection
                    .alternatives
                    .get(a)
                    .map(|x| x.name.clone())
                    .unwrap_or_default();
                self.confirm = Some(Confirm {
                    pending: Pending::DeleteAlternative(r, a),
                    question: format!("Slette alternativet «{name}» med vurderingene?"),
                });
            }
            Action::Choose => {
                self.edit_outcome(now, |o| {
                    if let Some(x) = o.wheel.reflections.get_mut(r) {
                        x.choice = if x.choice == Some(a) { None } else { Some(a) };
                    }
                });
            }
            Action::Justify => {
                if let Some(reflection) = self.current_reflection() {
                    self.form = Some(justification_form(r, reflection));
                }
            }
            other => {
                let part = self.session.as_ref().map(|s| &s.outcome.wheel);
                self.wheel.update(other, &self.library.wheel, part);
            }
        }
    }
}
