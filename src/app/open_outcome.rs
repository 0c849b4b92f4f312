//! The open outcome and its file: undo, creating, opening, saving, renaming,
//! duplicating, the waste basket, and quitting safely. The only place that
//! asks `outcome/` to touch files.

use std::path::Path;
use std::time::Instant;

use super::{App, RETRY_DELAY, UNDO_STEPS};

/// When an autosave found another session saving the same file.
const BUSY_RETRY: std::time::Duration = std::time::Duration::from_millis(250);
use crate::domain::Outcome;
use crate::domain::date::Timestamp;
use crate::outcome::{self, OpenFile, Saved, trash};
use crate::ui::form::Form;
use crate::ui::overlay::Confirm;
use crate::ui::screen::{Effect, FileOp, Selection};
use crate::ui::sessions::outcome_form_for_new;

/// One undoable change: what it was, and the outcome before it.
#[derive(Debug, Clone)]
struct Step {
    what: String,
    /// The change recorded or corrected management's decision: taking it
    /// back asks first.
    decision: bool,
    before: Outcome,
}

/// The outcome open in this session.
#[derive(Debug, Clone)]
pub struct OpenOutcome {
    pub outcome: Outcome,
    pub file: OpenFile,
    /// When the first change not yet on disk was made.
    pub dirty_since: Option<Instant>,
    /// After a failed save: not before this time again, unless asked.
    pub(super) retry_at: Option<Instant>,
    /// Counts the changes, so an autosave on another thread knows whether
    /// what it wrote is still all there is.
    pub(super) edits: u64,
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl OpenOutcome {
    fn new(outcome: Outcome, file: OpenFile) -> Self {
        OpenOutcome {
            outcome,
            file,
            dirty_since: None,
            retry_at: None,
            edits: 0,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Keeps the outcome as it is now for undo, before `what` changes it.
    pub(super) fn record(&mut self, what: String, decision: bool, now: Instant, stamp: Timestamp) {
        self.undo.push(Step {
            what,
            decision,
            before: self.outcome.clone(),
        });
        if self.undo.len() > UNDO_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.touch(now, stamp);
    }

    /// What `undo` would take back, and whether it is management's decision.
    pub fn next_undo(&self) -> Option<(&str, bool)> {
        self.undo.last().map(|s| (s.what.as_str(), s.decision))
    }

    /// Takes back the change just recorded, which was refused: as if it
    /// had never been made (nothing to redo).
    pub(super) fn take_back(&mut self) {
        if let Some(step) = self.undo.pop() {
            self.outcome = step.before;
        }
    }

    pub(super) fn undo(&mut self, now: Instant, stamp: Timestamp) -> Option<String> {
        let step = self.undo.pop()?;
        let after = std::mem::replace(&mut self.outcome, step.before);
        self.redo.push(Step {
            what: step.what.clone(),
            decision: step.decision,
            before: after,
        });
        self.touch(now, stamp);
        Some(step.what)
    }

    pub(super) fn redo(&mut self, now: Instant, stamp: Timestamp) -> Option<String> {
        let step = self.redo.pop()?;
        let before = std::mem::replace(&mut self.outcome, step.before);
        self.undo.push(Step {
            what: step.what.clone(),
            decision: step.decision,
            before,
        });
        self.touch(now, stamp);
        Some(step.what)
    }

    /// Marks the outcome as changed at `stamp`; it is saved shortly.
    fn touch(&mut self, now: Instant, stamp: Timestamp) {
        self.edits += 1;
        self.outcome.updated = stamp;
        self.dirty_since.get_or_insert(now);
        self.retry_at = None;
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
    /// An autosave is writing on another thread; its result comes later.
    Saving,
}

/// An autosave writing on another thread: the file as it is being saved,
/// and how many changes the outcome had then.
#[derive(Debug)]
pub(super) struct Saving {
    receiver: std::sync::mpsc::Receiver<(OpenFile, Result<Saved, outcome::SaveError>)>,
    edits: u64,
    path: std::path::PathBuf,
}

impl App {
    pub(super) fn file(&mut self, op: FileOp) {
        // No file operation runs beside an autosave of the open outcome.
        self.finish_saving();
        match op {
            FileOp::Create(o) => self.create(*o),
            FileOp::Open(path) => self.open(&path),
            FileOp::Rename(path, title) => self.rename_file(&path, title),
            FileOp::Duplicate(path) => self.duplicate(&path),
            FileOp::Trash(path) => self.trash(&path),
            FileOp::Restore(path) => self.restore(&path),
            FileOp::Refresh => self.refresh_list(),
            FileOp::Export(path) => self.export(&path),
            FileOp::ReadVoices => self.read_voices(),
            FileOp::SaveVoice(voice) => self.save_voice(*voice),
            FileOp::StartVoice(name) => self.start_voice(name),
            FileOp::ExportPublic {
                what,
                platform,
                path,
            } => self.export_public(what, platform.as_deref(), &path),
        }
    }

    /// Writes a public text; the status line says where and what it lacks.
    fn export_public(
        &mut self,
        what: crate::outcome::public::PublicExport,
        platform: Option<&str>,
        path: &Path,
    ) {
        let Some(s) = &self.core.session else {
            self.error("Ingen økt er åpen.".to_owned());
            return;
        };
        let today = self.core.ctx().now.today;
        let ending = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let written = outcome::public::export_bytes(
            what,
            &s.outcome,
            &self.core.library,
            platform,
            &ending,
            Some(today),
        )
        .and_then(|(bytes, gaps)| {
            outcome::atomic::write(path, &bytes)
                .map_err(|e| format!("Kan ikke skrive {}: {e}", path.display()))?;
            Ok(gaps.len())
        });
        match written {
            Ok(0) => self.info(format!("Skrev {}.", crate::terminal_text::path(path))),
            Ok(n) => self.info(format!(
                "Skrev {}; {n} ting å fylle inn eller vurdere før publisering.",
                crate::terminal_text::path(path)
            )),
            Err(e) => self.error(e),
        }
    }

    /// Reads the open outcome's voices from their files.
    pub(super) fn read_voices(&mut self) {
        self.core.voices_read = Some(Instant::now());
        let Some(s) = &self.core.session else {
            self.core.voices = Default::default();
            return;
        };
        self.core.voices = outcome::voices::merged(&s.file.path, &s.outcome.id);
    }

    /// Saves a voice; the app keeps it in memory either way, so a failed
    /// save loses nothing and the next change tries again.
    fn save_voice(&mut self, voice: crate::domain::voices::Voice) {
        let Some(s) = &self.core.session else {
            self.error("Ingen økt er åpen.".to_owned());
            return;
        };
        let result = outcome::voices::save(&s.file.path, &voice);
        let held = &mut self.core.voices.voices;
        match held.iter_mut().find(|v| v.who() == voice.who()) {
            Some(v) => *v = voice,
            None => held.push(voice),
        }
        if let Err(e) = result {
            self.error(format!(
                "Stemmen er beholdt i minnet og lagres igjen ved neste endring. {e}"
            ));
        }
    }

    /// Starts scoring as `name`: the outcome is read again if another
    /// session saved it (the facilitator opened a round) and this one has
    /// nothing unsaved, then Min stemme opens.
    fn start_voice(&mut self, name: String) {
        let Some(s) = &self.core.session else {
            self.error("Ingen økt er åpen.".to_owned());
            return;
        };
        if !s.is_dirty() && s.file.changed_on_disk() {
            let path = s.file.path.clone();
            match outcome::load(&path) {
                Ok((o, file)) => self.set_open(Some(OpenOutcome::new(o, file))),
                Err(e) => self.error(e.to_string()),
            }
        }
        self.core.me = Some(name.trim().to_owned());
        self.read_voices();
        self.overlays
            .push(Box::new(crate::ui::voice::VoiceLayer::new(&name)));
        self.info(format!(
            "Du skårer som {}. Ingen ser tallene dine før tilretteleggeren viser dem.",
            name.trim()
        ));
    }

    /// Writes the open outcome's report; the status line says where, or why not.
    fn export(&mut self, path: &Path) {
        // The report cites the documents of the `--data` packs too.
        if !self.finish_loading() {
            return;
        }
        let Some(s) = &self.core.session else {
            self.error("Ingen økt er åpen.".to_owned());
            return;
        };
        let today = self.core.ctx().now.today;
        match outcome::export::write_file(&s.outcome, &self.core.library, path, Some(today)) {
            Ok(message) => self.info(message),
            Err(message) => self.error(message),
        }
    }

    pub fn refresh_list(&mut self) {
        // The first listing, if it is still being read, is waited for; then
        // only files that changed since are read again.
        self.take_listing(true);
        let Some(dir) = self.core.outcomes_dir.clone() else {
            self.core.listed.clear();
            self.core.trashed.clear();
            return;
        };
        if let Err(e) = outcome::relist(&dir, &mut self.core.listed) {
            let message = format!("Kan ikke lese mappen {}: {e}", dir.display());
            self.error(message);
        }
        if trash::relist_trash(&dir, &mut self.core.trashed).is_err() {
            self.core.trashed.clear();
        }
    }

    /// After a save in place: the list holds the open outcome as saved,
    /// without reading the folder again (an autosave costs the same in a
    /// folder of 1,000 outcomes as in one of 10).
    fn listed_saved(&mut self) {
        let Some(s) = &self.core.session else {
            return;
        };
        let path = s.file.path.clone();
        let Some(entry) = self.core.listed.iter_mut().find(|l| l.path == path) else {
            // A file the list does not hold yet (just made): read the folder.
            self.refresh_list();
            return;
        };
        entry.outcome = Ok(s.outcome.clone());
        entry.stamp = outcome::FileStamp::of(&path);
        outcome::sort_listed(&mut self.core.listed);
    }

    /// Saves the open outcome now, if it has changes (after an autosave
    /// still writing, if any); reports in the status line.
    pub fn save_now(&mut self, now: Instant) -> SaveResult {
        self.finish_saving();
        // The tabs show whether the outcome has unsaved changes.
        self.background_changed();
        let Some(s) = &mut self.core.session else {
            return SaveResult::Clean;
        };
        if !s.is_dirty() && s.file.is_on_disk() {
            self.info("Ingen endringer å lagre.");
            return SaveResult::Clean;
        }
        let edits = s.edits;
        let result = outcome::save(&mut s.file, &s.outcome);
        self.saved(result, edits, now, false)
    }

    /// The autosave, on another thread, so the keys never wait for a disk
    /// or a network share: it writes a copy of the outcome as it is now,
    /// waits at most `outcome::AUTOSAVE_WAIT` for another session's save of
    /// the same file and, when that one is still saving, quietly tries
    /// again shortly. Its result is taken by `take_saved`.
    pub fn autosave(&mut self, now: Instant) -> SaveResult {
        if self.saving.is_some() {
            return SaveResult::Saving;
        }
        let Some(s) = &mut self.core.session else {
            return SaveResult::Clean;
        };
        if !s.is_dirty() && s.file.is_on_disk() {
            return SaveResult::Clean;
        }
        // Not again until this one is done (or tried again after a failure).
        s.retry_at = Some(now + RETRY_DELAY);
        let (sender, receiver) = std::sync::mpsc::channel();
        let mut file = s.file.clone();
        let copy = s.outcome.clone();
        self.saving = Some(Saving {
            receiver,
            edits: s.edits,
            path: s.file.path.clone(),
        });
        std::thread::spawn(move || {
            let result = outcome::autosave(&mut file, &copy);
            let _ = sender.send((file, result));
        });
        SaveResult::Saving
    }

    /// Waits for an autosave still writing, and takes its result.
    pub fn finish_saving(&mut self) -> Option<SaveResult> {
        self.take_saved(true, Instant::now())
    }

    /// An autosave's result, when it has come (waiting for it when `wait`):
    /// the file as saved, and the outcome clean if nothing changed since.
    pub(super) fn take_saved(&mut self, wait: bool, now: Instant) -> Option<SaveResult> {
        let got = super::received(&self.saving.as_ref()?.receiver, wait)?;
        let saving = self.saving.take()?;
        let s = self.core.session.as_mut()?;
        // The thread died (a bug): the outcome stays unsaved and is tried again.
        let (file, result) = got?;
        if s.file.path != saving.path {
            return None;
        }
        s.file = file;
        Some(self.saved(result, saving.edits, now, true))
    }

    /// What a save came to, for the open outcome and the status line.
    /// `edits` is how many changes the outcome had when it was written: a
    /// change since keeps it unsaved.
    fn saved(
        &mut self,
        result: Result<Saved, outcome::SaveError>,
        edits: u64,
        now: Instant,
        auto: bool,
    ) -> SaveResult {
        self.background_changed();
        let Some(s) = &mut self.core.session else {
            return SaveResult::Clean;
        };
        let unchanged = s.edits == edits;
        match result {
            Ok(Saved::InPlace) => {
                if unchanged {
                    s.dirty_since = None;
                }
                s.retry_at = None;
                let text = format!("Lagret {}", s.file.path.display());
                // An error on screen waits for a key; «Lagret» does not hide it.
                if !self.status.as_ref().is_some_and(|s| s.error) {
                    self.info(text);
                }
                self.listed_saved();
                SaveResult::Saved
            }
            Ok(saved) => {
                if unchanged {
                    s.dirty_since = None;
                }
                s.retry_at = None;
                let text = saved.message();
                self.error(text.clone());
                self.refresh_list();
                SaveResult::Conflict(text)
            }
            Err(e) if auto && e.busy => {
                s.retry_at = Some(now + BUSY_RETRY);
                SaveResult::Failed
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
    fn save_before_leaving(&mut self, now: Instant) -> Option<SaveResult> {
        if !self
            .core
            .session
            .as_ref()
            .is_some_and(OpenOutcome::is_dirty)
        {
            return Some(SaveResult::Clean);
        }
        match self.save_now(now) {
            SaveResult::Failed => None,
            other => Some(other),
        }
    }

    /// Makes `session` the open outcome: cursors into the old one go, and
    /// the next start reopens this one.
    fn set_open(&mut self, session: Option<OpenOutcome>) {
        self.core.session = session;
        // The voices read belong to the outcome that was open.
        self.core.voices = Default::default();
        self.core.voices_read = None;
        for screen in &mut self.screens {
            screen.reset();
        }
        self.remember_place();
    }

    pub(super) fn open(&mut self, path: &Path) {
        if self.open_path() == Some(path) {
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
                self.set_open(Some(OpenOutcome::new(outcome, file)));
                self.report_after_leaving(text, left);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn create(&mut self, o: Outcome) {
        let Some(dir) = self.core.outcomes_dir.clone() else {
            self.error("Fant ingen mappe for økter. Bruk --outcomes MAPPE.");
            return;
        };
        // The open outcome is saved before another takes its place.
        let Some(left) = self.save_before_leaving(Instant::now()) else {
            self.push_layer(outcome_form_for_new(&o));
            return;
        };
        match outcome::create(&dir, &o) {
            Ok(file) => {
                let text = format!("Opprettet «{}» i {}", o.title, file.path.display());
                let path = file.path.clone();
                self.set_open(Some(OpenOutcome::new(o, file)));
                self.refresh_list();
                self.apply(Effect::Select(Selection::Outcome(path)));
                self.report_after_leaving(text, left);
            }
            Err(e) => {
                // Nothing typed is lost: the form comes back with the error.
                let mut form = outcome_form_for_new(&o);
                form.error = Some(e.to_string());
                self.push_layer(form);
            }
        }
    }

    fn duplicate(&mut self, path: &Path) {
        let Some(dir) = self.core.outcomes_dir.clone() else {
            return;
        };
        let source = match self.outcome().filter(|_| self.open_path() == Some(path)) {
            Some(o) => o.clone(),
            None => match outcome::load(path) {
                Ok((o, _)) => o,
                Err(e) => {
                    self.error(e.to_string());
                    return;
                }
            },
        };
        let now = self.core.clock.now().stamp;
        let copy = source.duplicate(outcome::new_id(now), now);
        match outcome::create(&dir, &copy) {
            Ok(file) => {
                self.refresh_list();
                self.apply(Effect::Select(Selection::Outcome(file.path)));
                self.info(format!(
                    "Kopiert til «{}»: et nytt utkast, uten ledelsens beslutninger, neste gjennomgang og frister.",
                    copy.title
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn rename_file(&mut self, path: &Path, title: String) {
        let stamp = self.core.clock.now().stamp;
        let result =
            outcome::load(path)
                .map_err(|e| e.to_string())
                .and_then(|(mut o, mut file)| {
                    o.title = title;
                    o.updated = stamp;
                    outcome::save(&mut file, &o).map_err(|e| e.to_string())
                });
        match result {
            Ok(Saved::InPlace) => self.info("Nytt navn er lagret."),
            Ok(saved) => self.error(saved.message()),
            Err(e) => self.error(e),
        }
        self.refresh_list();
    }

    fn trash(&mut self, path: &Path) {
        let Some(dir) = self.core.outcomes_dir.clone() else {
            return;
        };
        if self.open_path() == Some(path) {
            // Its last changes go with it into the basket.
            if self.save_before_leaving(Instant::now()).is_none() {
                return;
            }
            self.set_open(None);
        }
        match trash::trash(&dir, path) {
            Ok(to) => self.info(format!(
                "Lagt i papirkurven: {}. Den kan legges tilbake derfra ({{sessions.next_view}}).",
                to.display()
            )),
            Err(e) => self.error(format!(
                "Kunne ikke legge {} i papirkurven: {e}",
                path.display()
            )),
        }
        self.refresh_list();
    }

    fn restore(&mut self, path: &Path) {
        let Some(dir) = self.core.outcomes_dir.clone() else {
            return;
        };
        match trash::restore(&dir, path) {
            Ok(to) => {
                self.refresh_list();
                self.apply(Effect::Select(Selection::Outcome(to.clone())));
                self.info(format!("Lagt tilbake: {}", to.display()));
            }
            Err(e) => self.error(format!("Kunne ikke legge tilbake {}: {e}", path.display())),
        }
    }

    /// Quits, but never silently with unsaved work: it saves first, and asks
    /// if that fails. Asked twice, it quits.
    pub(super) fn quit(&mut self) {
        let asked = self
            .top::<Confirm>()
            .and_then(|c| c.on_yes.as_deref())
            .is_some_and(|e| matches!(e, Effect::QuitAnyway));
        if asked {
            self.running = false;
            return;
        }
        if self
            .overlays
            .iter()
            .any(|o| super::as_a::<Form>(o.as_ref()).is_some())
        {
            // What is typed in a form is not in the record yet.
            self.push_layer(Confirm {
                question:
                    "Skjemaet er ikke lagret. Avslutte likevel og miste det som er skrevet der?"
                        .to_owned(),
                on_yes: Some(Box::new(Effect::QuitAnyway)),
            });
            return;
        }
        let left = self.save_before_leaving(Instant::now());
        let question = match left {
            // The work is safe in the conflict file; make sure it was seen.
            Some(SaveResult::Conflict(why)) => format!("{why} Avslutte?"),
            Some(_) => {
                self.running = false;
                return;
            }
            None => {
                let why = self
                    .status
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                format!("Endringene er ikke lagret. {why} Avslutte likevel og miste dem?")
            }
        };
        self.push_layer(Confirm {
            question,
            on_yes: Some(Box::new(Effect::QuitAnyway)),
        });
    }

    /// Reports what happened after leaving an outcome, keeping a conflict
    /// warning in sight rather than letting the new message hide it.
    fn report_after_leaving(&mut self, text: String, left: SaveResult) {
        match left {
            SaveResult::Conflict(warning) => self.error(format!("{text} NB: {warning}")),
            _ => self.info(text),
        }
    }
}
