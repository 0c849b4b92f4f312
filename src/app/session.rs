//! The open outcome and its file: creating, opening, editing, saving,
//! renaming, duplicating and deleting outcomes, and quitting safely.

use super::*;

/// The outcome open in this session.
#[derive(Debug, Clone)]
pub struct Session {
    pub outcome: Outcome,
    pub file: OpenFile,
    /// When the first change not yet on disk was made.
    pub dirty_since: Option<Instant>,
    /// After a failed save: not before this time again, unless asked.
    pub(super) retry_at: Option<Instant>,
}

impl Session {
    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
    }
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl App {
    pub(super) fn sessions_action(&mut self, action: Action) {
        let selected = self.listed.get(self.sessions.selected()).cloned();
        match action {
            Action::NewOutcome => self.form = Some(outcome_form(FormKind::NewOutcome, None)),
            Action::Edit => {
                if let Some(s) = &self.session {
                    self.form = Some(outcome_form(FormKind::EditOutcome, Some(&s.outcome)));
                }
            }
            Action::Open => {
                if let Some(l) = selected {
                    self.open(&l.path);
                }
            }
            Action::Rename => {
                if let Some(Listed {
                    path,
                    outcome: Ok(o),
                }) = selected
                {
                    let title = self
                        .open_outcome_at(&path)
                        .map_or(o.title, |s| s.title.clone());
                    self.form = Some(rename_form(path, &title));
                }
            }
            Action::Duplicate => {
                if let Some(Listed {
                    path,
                    outcome: Ok(o),
                }) = selected
                {
                    let source = self.open_outcome_at(&path).cloned().unwrap_or(o);
                    self.duplicate(source);
                }
            }
            Action::Delete => {
                if let Some(l) = selected {
                    let name = match &l.outcome {
                        Ok(o) => format!("«{}»", o.title),
                        Err(_) => format!("den ødelagte filen {}", l.path.display()),
                    };
                    self.confirm = Some(Confirm {
                        pending: Pending::Delete(l.path.clone()),
                        question: format!("Slette {name}? Filen slettes for godt."),
                    });
                }
            }
            other => self.sessions.update(other, self.listed.len()),
        }
    }

    pub(super) fn open_outcome_at(&self, path: &Path) -> Option<&Outcome> {
        self.session
            .as_ref()
            .filter(|s| s.file.path == path)
            .map(|s| &s.outcome)
    }

    pub fn refresh_list(&mut self) {
        let Some(dir) = &self.outcomes_dir else {
            self.listed.clear();
            return;
        };
        let selected = self
            .listed
            .get(self.sessions.selected())
            .map(|l| l.path.clone());
        match outcome::list(dir) {
            Ok(listed) => {
                self.listed = listed;
                if let Some(path) = selected {
                    self.sessions.select_path(&self.listed, &path);
                }
            }
            Err(e) => {
                let message = format!("Kan ikke lese mappen {}: {e}", dir.display());
                self.error(message);
            }
        }
    }

    /// Marks the open outcome as changed; it is saved shortly.
    pub fn touch(&mut self, now: Instant) {
        if let Some(s) = &mut self.session {
            s.outcome.updated = outcome::now();
            s.dirty_since.get_or_insert(now);
            s.retry_at = None;
        }
    }

    /// Saves the open outcome now, if it has changes; reports in the status line.
    pub fn save_now(&mut self, now: Instant) -> SaveResult {
        let Some(s) = &mut self.session else {
            return SaveResult::Clean;
        };
        if !s.is_dirty() && s.file.is_on_disk() {
            self.info("Ingen endringer å lagre.");
            return SaveResult::Clean;
        }
        match outcome::save(&mut s.file, &s.outcome) {
            Ok(Saved::InPlace) => {
                s.dirty_since = None;
                s.retry_at = None;
                let text = format!("Lagret {}", s.file.path.display());
                self.info(text);
                self.refresh_list();
                SaveResult::Saved
            }
            Ok(saved) => {
                s.dirty_since = None;
                s.retry_at = None;
                let text = saved.message();
                self.error(text.clone());
                self.refresh_list();
                SaveResult::Conflict(text)
            }
            Err(e) => {
                s.retry_at = Some(now + RETRY_DELAY);
                self.error(e.to_string());
                SaveResult::Failed
            }
        }
    }

    /// Saves the open outcome before it is left (another opened or created,
    /// or the app closed). None when that save failed.
    pub(super) fn save_before_leaving(&mut self, now: Instant) -> Option<SaveResult> {
        if !self.session.as_ref().is_some_and(Session::is_dirty) {
            return Some(SaveResult::Clean);
        }
        match self.save_now(now) {
            SaveResult::Failed => None,
            other => Some(other),
        }
    }

    pub(super) fn open(&mut self, path: &Path) {
        if self.session.as_ref().is_some_and(|s| s.file.path == path) {
            self.info("Økten er allerede åpen.");
            return;
        }
        let Some(left) = self.save_before_leaving(Instant::now()) else {
            return;
        };
        match outcome::load(path) {
            Ok((outcome, file)) => {
                let note = match file.migrated_from() {
                    Some(v) => format!(
                        " Filen var i format {v} og er konvertert; originalen sikkerhetskopieres før den skrives på nytt."
                    ),
                    None => String::new(),
                };
                let text = format!("Åpnet «{}».{note}", outcome.title);
                self.session = Some(Session {
                    outcome,
                    file,
                    dirty_since: None,
                    retry_at: None,
                });
                self.decision_scroll = 0;
                self.report_after_leaving(text, left);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn submit_form(&mut self) {
        let Some(form) = &self.form else {
            return;
        };
        let now = Instant::now();
        let read = match form.kind.clone() {
            FormKind::NewOutcome | FormKind::EditOutcome | FormKind::Rename(_) => {
                FormValues::read(form).map(Submitted::Outcome)
            }
            FormKind::RiskDetails(risk) => {
                RiskDetails::read(form).map(|d| Submitted::Details(risk, d))
            }
            FormKind::CustomRisk => {
                CustomRiskValues::read(form, &self.library.risks).map(Submitted::CustomRisk)
            }
            FormKind::NewReflection => read_dilemma(form).map(Submitted::Reflection),
            FormKind::Answer(key) => {
                let (note, measure) = read_answer(form);
                Ok(Submitted::Answer(key, note, measure))
            }
            FormKind::Decision => DecisionValues::read(form).map(Submitted::Decision),
            FormKind::Alternative {
                reflection,
                alternative,
            } => read_name(form).map(|name| Submitted::Alternative(reflection, alternative, name)),
            FormKind::WheelNote {
                reflection,
                alternative,
                dimension,
            } => Ok(Submitted::WheelNote(
                reflection,
                alternative,
                dimension,
                read_note(form),
            )),
            FormKind::Justification(reflection) => {
                let (conflicts, justification) = read_justification(form);
                Ok(Submitted::Justification(
                    reflection,
                    conflicts,
                    justification,
                ))
            }
        };
        match read {
            Err(message) => {
                if let Some(form) = &mut self.form {
                    form.error = Some(message);
                }
            }
            Ok(Submitted::Outcome(values)) => self.submit_outcome(values, now),
            Ok(Submitted::Details(risk, details)) => {
                self.form = None;
                self.edit_outcome(now, |o| details.apply(o.risk.entry(&risk)));
            }
            Ok(Submitted::Answer(key, note, measure)) => {
                self.form = None;
                self.edit_outcome(now, |o| {
                    let a = o.checklists.entry(&key);
                    a.note = note;
                    a.measure = measure;
                });
            }
            Ok(Submitted::Decision(values)) => {
                self.form = None;
                let top = self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.outcome.risk.any_in_top_band(&self.library.scales));
                let mut required = false;
                self.edit_outcome(now, |o| {
                    let round = values.into_round(o.decision.rounds.len(), top);
                    o.decision.rounds.push(round);
                    required = o.decision.consultation_required();
                });
                if required {
                    self.error("Registrert. Regelen slår til: Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36).");
                } else {
                    self.info("Beslutningen er registrert som en ny runde.");
                }
            }
            Ok(Submitted::Reflection(reflection)) => {
                self.form = None;
                let mut index = 0;
                self.edit_outcome(now, |o| {
                    o.wheel.reflections.push(reflection);
                    index = o.wheel.reflections.len() - 1;
                });
                self.wheel.reflection = index;
                self.wheel.alternative = 0;
                self.wheel.dimension = 0;
            }
            Ok(Submitted::Alternative(r, alternative, name)) => {
                self.form = None;
                self.edit_outcome(now, |o| {
                    let Some(reflection) = o.wheel.reflections.get_mut(r) else {
                        return;
                    };
                    match alternative.and_then(|a| reflection.alternatives.get_mut(a)) {
                        Some(alt) => alt.name = name,
                        None => reflection.alternatives.push(Alternative::new(name)),
                    }
                });
            }
            Ok(Submitted::WheelNote(r, a, dimension, note)) => {
                self.form = None;
                self.edit_outcome(now, |o| {
                    if let Some(alt) = o
                        .wheel
                        .reflections
                        .get_mut(r)
                        .and_then(|r| r.alternatives.get_mut(a))
                    {
                        alt.entry(&dimension).note = note;
                    }
                });
            }
            Ok(Submitted::Justification(r, conflicts, justification)) => {
                self.form = None;
                self.edit_outcome(now, |o| {
                    if let Some(reflection) = o.wheel.reflections.get_mut(r) {
                        reflection.conflicts = conflicts;
                        reflection.justification = justification;
                    }
                });
            }
            Ok(Submitted::CustomRisk(values)) => {
                self.form = None;
                let mut added = None;
                self.edit_outcome(now, |o| added = Some(values.add_to(&mut o.risk)));
                if let Some(id) = added {
                    self.risk.select(&id);
                }
            }
        }
    }

    /// Changes the open outcome and schedules a save; says so if none is open.
    pub(super) fn edit_outcome(&mut self, now: Instant, change: impl FnOnce(&mut Outcome)) -> bool {
        let Some(s) = &mut self.session else {
            self.error("Ingen økt er åpen: åpne eller lag en under Økter først.");
            return false;
        };
        change(&mut s.outcome);
        self.touch(now);
        true
    }

    pub(super) fn submit_outcome(&mut self, values: FormValues, now: Instant) {
        let kind = self.form.as_ref().map(|f| f.kind.clone());
        match kind {
            Some(FormKind::NewOutcome) => {
                // The open outcome is saved before another takes its place.
                let Some(left) = self.save_before_leaving(now) else {
                    if let Some(form) = &mut self.form {
                        form.error = Some("Den åpne økten kunne ikke lagres; ny økt er ikke laget. Se statuslinjen.".into());
                    }
                    return;
                };
                let Some(dir) = self.outcomes_dir.clone() else {
                    if let Some(form) = &mut self.form {
                        form.error =
                            Some("Fant ingen mappe for økter. Bruk --outcomes MAPPE.".into());
                    }
                    return;
                };
                let mut o = Outcome::new(outcome::new_id(), values.title.clone(), outcome::now());
                values.apply(&mut o);
                self.create(&dir, o, left);
            }
            Some(FormKind::EditOutcome) => {
                self.form = None;
                self.edit_outcome(now, |o| values.apply(o));
            }
            Some(FormKind::Rename(path)) => {
                self.form = None;
                if self.open_outcome_at(&path).is_some() {
                    self.edit_outcome(now, |o| o.title = values.title);
                } else {
                    self.rename_file(&path, values.title);
                }
            }
            _ => {}
        }
    }

    pub(super) fn create(&mut self, dir: &Path, o: Outcome, left: SaveResult) {
        match outcome::create(dir, &o) {
            Ok(file) => {
                let text = format!("Opprettet «{}» i {}", o.title, file.path.display());
                let path = file.path.clone();
                self.session = Some(Session {
                    outcome: o,
                    file,
                    dirty_since: None,
                    retry_at: None,
                });
                self.form = None;
                self.decision_scroll = 0;
                self.refresh_list();
                self.sessions.select_path(&self.listed, &path);
                self.report_after_leaving(text, left);
            }
            Err(e) => {
                if let Some(form) = &mut self.form {
                    form.error = Some(e.to_string());
                } else {
                    self.error(e.to_string());
                }
            }
        }
    }

    pub(super) fn duplicate(&mut self, source: Outcome) {
        let Some(dir) = self.outcomes_dir.clone() else {
            return;
        };
        let now = outcome::now();
        let mut copy = source;
        copy.id = outcome::new_id();
        copy.title = format!("{} (kopi)", copy.title);
        copy.created = now.clone();
        copy.updated = now;
        match outcome::create(&dir, &copy) {
            Ok(file) => {
                self.refresh_list();
                self.sessions.select_path(&self.listed, &file.path);
                self.info(format!("Kopiert til «{}»", copy.title));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn rename_file(&mut self, path: &Path, title: String) {
        let result =
            outcome::load(path)
                .map_err(|e| e.to_string())
                .and_then(|(mut o, mut file)| {
                    o.title = title;
                    o.updated = outcome::now();
                    outcome::save(&mut file, &o).map_err(|e| e.to_string())
                });
        match result {
            Ok(Saved::InPlace) => self.info("Nytt navn er lagret."),
            Ok(saved) => self.error(saved.message()),
            Err(e) => self.error(e),
        }
        self.refresh_list();
    }

    pub(super) fn confirmed(&mut self) {
        let Some(confirm) = self.confirm.take() else {
            return;
        };
        match confirm.pending {
            Pending::Delete(path) => {
                match outcome::delete(&path) {
                    Ok(()) => {
                        if self.session.as_ref().is_some_and(|s| s.file.path == path) {
                            self.session = None;
                        }
                        self.info(format!("Slettet {}", path.display()));
                    }
                    Err(e) => self.error(format!("Kunne ikke slette {}: {e}", path.display())),
                }
                self.refresh_list();
            }
            Pending::QuitUnsaved => self.running = false,
            Pending::DeleteAlternative(r, a) => {
                self.edit_outcome(Instant::now(), |o| {
                    if let Some(x) = o.wheel.reflections.get_mut(r) {
                        x.remove_alternative(a);
                    }
                });
            }
            Pending::DeleteRisk(id) => {
                let custom = id.trim_start_matches("egen.").to_owned();
                self.edit_outcome(Instant::now(), |o| {
                    o.risk.custom.retain(|c| c.id != custom);
                    o.risk.assessments.retain(|a| a.risk != id);
                });
            }
        }
    }

    /// Quits, but never silently with unsaved work: it saves first, and asks
    /// if that fails. Asked twice, it quits.
    pub(super) fn quit(&mut self) {
        if self
            .confirm
            .as_ref()
            .is_some_and(|c| c.pending == Pending::QuitUnsaved)
        {
            self.running = false;
            return;
        }
        let left = self.save_before_leaving(Instant::now());
        if let Some(SaveResult::Conflict(why)) = left {
            // The work is safe in the conflict file; make sure it was seen.
            self.confirm = Some(Confirm {
                pending: Pending::QuitUnsaved,
                question: format!("{why} Avslutte?"),
            });
            return;
        }
        if left.is_none() {
            let why = self
                .status
                .as_ref()
                .map(|s| s.text.clone())
                .unwrap_or_default();
            self.confirm = Some(Confirm {
                pending: Pending::QuitUnsaved,
                question: format!(
                    "Endringene er ikke lagret. {why} Avslutte likevel og miste dem?"
                ),
            });
        } else {
            self.running = false;
        }
    }
}

/// What saving the open outcome came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveResult {
    /// Nothing needed saving.
    Clean,
    Saved,
    /// Saved, but beside a file that changed on disk: the message says where.
    Conflict(String),
    /// Not saved; the status line says why and the work is still in memory.
    Failed,
}

impl App {
    /// Reports what happened after leaving an outcome, keeping a conflict
    /// warning in sight rather than letting the new message hide it.
    pub(super) fn report_after_leaving(&mut self, text: String, left: SaveResult) {
        match left {
            SaveResult::Conflict(warning) => self.error(format!("{text} NB: {warning}")),
            _ => self.info(text),
        }
    }
}

/// A form's values, read and checked, before they change anything.
enum Submitted {
    Outcome(FormValues),
    Details(String, RiskDetails),
    CustomRisk(CustomRiskValues),
    Reflection(Reflection),
    Alternative(usize, Option<usize>, String),
    WheelNote(usize, usize, String, String),
    Justification(usize, String, String),
    Answer(String, String, Option<crate::domain::risk::Measure>),
    Decision(DecisionValues),
}
