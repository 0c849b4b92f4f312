//! The loop: terminal event -> keymap -> `Action` -> the component on top
//! (an overlay, else the screen) -> `Effect` -> `App::apply` -> `render`.
//! The app owns no screen's rules; it applies effects, keeps undo, and is
//! the one place that asks `outcome/` to read and write files.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::{Frame, Terminal};

use crate::action::Action;
use crate::clock::Clock;
use crate::content::Library;
use crate::domain::Outcome;
use crate::keymap::{Context, ContextBindings, KeyChord, Keymap, quit_chord};
use crate::outcome::{Listed, state};
use crate::search::SearchIndex;
use crate::ui::form::Form;
use crate::ui::help::HelpOverlay;
use crate::ui::overlay::{Confirm, Message};
use crate::ui::screen::{Ctx, Edit, Effect, Layer, Screen, Selection};
use crate::ui::search::SearchOverlay;
use crate::ui::theme::Theme;
use crate::ui::{self, Tab, keybar, strings};

mod hangup;
mod loading;
mod open_outcome;

pub use hangup::HangUp;

pub use loading::load_error;
pub use open_outcome::{OpenOutcome, SaveResult};

/// How long after the last change the open outcome is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);
/// How long to wait before trying again after a failed save.
const RETRY_DELAY: Duration = Duration::from_secs(5);
/// How long an info message stays; errors stay until a key is pressed.
pub const INFO_TTL: Duration = Duration::from_secs(4);
/// How often the voices' board reads the voices' files again.
pub const VOICES_EVERY: Duration = Duration::from_secs(2);
/// How many changes can be undone per open outcome.
pub const UNDO_STEPS: usize = 200;
/// The longest the loop sleeps before it looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(100);
/// The most events taken in one read: a long paste of keys is looked at in
/// pieces, and the screen is drawn between them.
const BATCH: usize = 4096;
/// How long to look for more of what was read together. Not zero: with
/// `use-dev-tty`, crossterm 0.29 does not look at the events it has already
/// parsed when asked to poll for zero time.
const MORE: Duration = Duration::from_millis(1);

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
    /// Stays until the next key, not for `INFO_TTL` (errors, and what undo
    /// took back: the user must be able to read it).
    pub until_key: bool,
    pub at: Instant,
}

/// What every component reads: the content, the keys, the open outcome and
/// the outcomes folder. Kept apart from the screens so both can be borrowed.
pub(crate) struct Core {
    library: Library,
    index: SearchIndex,
    keymap: Keymap,
    theme: Theme,
    outcomes_dir: Option<PathBuf>,
    listed: Vec<Listed>,
    trashed: Vec<Listed>,
    /// The first listing of the outcomes folder, read on another thread
    /// so a folder of 1,000 outcomes does not hold back the first frame.
    listing: Option<std::sync::mpsc::Receiver<Listing>>,
    /// The screen a `GoTo` left, for `Back`.
    came_from: Option<usize>,
    /// The folder is to be read when Økter is first shown (or the list is
    /// needed), not before: reading 1,000 outcomes beside typing slows the
    /// keys (the two threads share one allocator arena, see `main`).
    list_later: bool,
    session: Option<OpenOutcome>,
    /// Where the app remembers the outcome open at quit.
    state_file: Option<PathBuf>,
    /// The one clock the record's times and dates come from.
    clock: Clock,
    /// Who scores as a voice here (`--as`, or picked on Økter).
    me: Option<String>,
    /// The open outcome's voices as last read, and when.
    voices: crate::domain::voices::Merged,
    voices_read: Option<Instant>,
}

impl Core {
    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            library: &self.library,
            index: &self.index,
            keymap: &self.keymap,
            theme: &self.theme,
            outcome: self.session.as_ref().map(|s| &s.outcome),
            open_file: self
                .session
                .as_ref()
                .map(|s| (s.file.path.as_path(), s.is_dirty())),
            outcomes_dir: self.outcomes_dir.as_deref(),
            listed: &self.listed,
            trashed: &self.trashed,
            listing: self.listing.is_some() || self.list_later,
            can_go_back: self.came_from.is_some(),
            now: self.clock.now(),
            me: self.me.as_deref(),
            voices: &self.voices,
        }
    }
}

pub struct App {
    core: Core,
    screens: Vec<Box<dyn Screen>>,
    /// Index into `screens` of the one shown.
    current: usize,
    /// Help, questions, forms, pickers, search, items: the top one gets the keys.
    overlays: Vec<Box<dyn Layer>>,
    status: Option<StatusLine>,
    running: bool,
    /// Key events right after a paste are pasted text.
    paste_guard: crate::paste::PasteGuard,
    /// Set (to the signal's number) by SIGTERM, SIGHUP or SIGINT, and to
    /// SIGHUP's when the terminal hangs up.
    stop: Option<Arc<AtomicUsize>>,
    hangup: HangUp,
    /// `--data` packs being loaded on another thread (`loading.rs`).
    loading: Option<loading::Loading>,
    /// The tabs, the screen and all overlays but the top one as last drawn,
    /// reused while only the top overlay changes: see `render`.
    background: Option<(BackgroundKey, Buffer)>,
    /// Counts changes that may show in the tabs or the screen.
    background_generation: u64,
    /// What to say on standard error once the terminal is restored: where
    /// work was kept when the app had to stop without asking.
    farewell: Vec<String>,
    /// An autosave writing on another thread.
    saving: Option<open_outcome::Saving>,
}

/// Makes the calling thread yield to the others (nice 10, on Linux a
/// thread's own), for work the user is not waiting for.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take plain integers and touch no memory
    // of ours; a failure leaves the priority as it was.
    unsafe {
        let tid = libc::gettid();
        let _ = libc::setpriority(libc::PRIO_PROCESS, tid.cast_unsigned(), 10);
    }
}

/// The status line's text in at most two lines of `width` columns, each
/// after a space: a longer message keeps its beginning and its end (where a
/// file's name is), with «…» between, never cut before the name.
fn status_lines(text: &str, width: usize) -> Vec<String> {
    let room = width.saturating_sub(1).max(10);
    let wrapped: Vec<String> = textwrap::wrap(text, room)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect();
    if wrapped.len() <= 2 {
        return wrapped.into_iter().map(|l| format!(" {l}")).collect();
    }
    let chars: Vec<char> = text.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(room - 1)..]
        .iter()
        .collect();
    vec![format!(" {}", wrapped[0]), format!(" …{tail}")]
}

/// What another thread sent on `receiver`: `None` while it is still at
/// work (never when `wait`), `Some(None)` when it ended without sending.
fn received<T>(receiver: &std::sync::mpsc::Receiver<T>, wait: bool) -> Option<Option<T>> {
    if wait {
        return Some(receiver.recv().ok());
    }
    match receiver.try_recv() {
        Ok(got) => Some(Some(got)),
        Err(std::sync::mpsc::TryRecvError::Empty) => None,
        Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(None),
    }
}

/// The first listing: the outcomes, and the waste basket's.
type Listing = (std::io::Result<Vec<Listed>>, Vec<Listed>);

/// What the tabs and screen under an overlay were drawn for.
type BackgroundKey = (Rect, Rect, usize, u64, usize);

impl App {
    pub fn new(library: Library, keymap: Keymap, theme: Theme) -> Self {
        let index = SearchIndex::new(&library);
        App {
            core: Core {
                library,
                index,
                keymap,
                theme,
                outcomes_dir: None,
                listed: Vec::new(),
                trashed: Vec::new(),
                listing: None,
                came_from: None,
                list_later: false,
                session: None,
                state_file: None,
                clock: Clock::System,
                me: None,
                voices: Default::default(),
                voices_read: None,
            },
            screens: ui::screens(),
            current: 0,
            overlays: Vec::new(),
            status: None,
            running: true,
            paste_guard: crate::paste::PasteGuard::default(),
            stop: None,
            hangup: HangUp::default(),
            farewell: Vec::new(),
            saving: None,
            loading: None,
            background: None,
            background_generation: 0,
        }
    }

    /// Scores as the voice `name` (`--as`).
    pub fn with_voice(mut self, name: Option<String>) -> Self {
        self.core.me = name.filter(|n| !n.trim().is_empty());
        self
    }

    /// The loop saves and stops once `flag` is non-zero (a signal handler sets it).
    pub fn with_stop_flag(mut self, flag: Arc<AtomicUsize>) -> Self {
        self.stop = Some(flag);
        self
    }

    /// Reads the time from `clock` instead of the system's (tests fix it).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.core.clock = clock;
        self
    }

    /// Treats a hang-up of this terminal as SIGHUP, even when no signal
    /// comes or a read fails first (`hangup.rs`).
    pub fn with_hangup(mut self, hangup: HangUp) -> Self {
        self.hangup = hangup;
        self
    }

    /// Uses `dir` for outcomes and reads what is there.
    pub fn with_outcomes(mut self, dir: Option<PathBuf>) -> Self {
        self.core.outcomes_dir = dir;
        self.refresh_list();
        self
    }

    /// Uses `dir` for outcomes, read on another thread: the first frame
    /// does not wait for a large folder, and Økter says it is being read.
    /// What needs the list before it is read waits for it.
    pub fn with_outcomes_read_later(mut self, dir: Option<PathBuf>) -> Self {
        self.core.outcomes_dir = dir;
        self.core.list_later = self.core.outcomes_dir.is_some();
        self
    }

    /// Starts reading the folder on another thread, if it is to be read
    /// later and Økter is shown now.
    fn list_if_shown(&mut self) {
        if !self.core.list_later || self.screen().context() != Context::Sessions {
            return;
        }
        self.start_listing();
    }

    fn start_listing(&mut self) {
        self.core.list_later = false;
        let Some(dir) = self.core.outcomes_dir.clone() else {
            return;
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        self.core.listing = Some(receiver);
        std::thread::spawn(move || {
            // Behind the keys: the thread that draws comes first.
            lower_priority();
            let listed = crate::outcome::list(&dir);
            let trashed = crate::outcome::trash::list_trash(&dir).unwrap_or_default();
            let _ = sender.send((listed, trashed));
        });
    }

    /// Takes the first listing when it has been read; waits for it when
    /// `wait`. Whether it was taken.
    fn take_listing(&mut self, wait: bool) -> bool {
        if wait && self.core.list_later {
            self.start_listing();
        }
        let Some(got) = self.core.listing.as_ref().and_then(|r| received(r, wait)) else {
            return false;
        };
        self.core.listing = None;
        match got {
            Some((Ok(listed), trashed)) => {
                self.core.listed = listed;
                self.core.trashed = trashed;
            }
            Some((Err(e), _)) => {
                let dir = self
                    .core
                    .outcomes_dir
                    .as_deref()
                    .map(crate::terminal_text::path);
                self.error(format!(
                    "Kan ikke lese mappen {}: {e}",
                    dir.unwrap_or_default()
                ));
            }
            // The thread died: read the folder here.
            None => self.refresh_list(),
        }
        self.background_changed();
        true
    }

    /// Remembers the open outcome in `file` and reopens the one open at the
    /// last quit; on the very first start (no such file yet) shows the
    /// workshop's steps.
    pub fn with_state(mut self, file: Option<PathBuf>) -> Self {
        self.core.state_file = file;
        let Some(file) = self.core.state_file.clone() else {
            return self;
        };
        // Read before an outcome is opened, which writes the file anew.
        let place = state::recall_place(&file);
        match crate::outcome::state::recall(&file) {
            Ok(None) => self.overlays.push(Box::new(Message::new(
                "Slik går et verksted",
                strings::workshop_steps(),
            ))),
            Ok(Some(path)) if path.is_file() => {
                self.open(&path);
                if let Some(s) = &self.core.session {
                    let text = format!("Åpnet igjen «{}», som var åpen sist.", s.outcome.title);
                    self.info(text);
                }
            }
            Ok(Some(_)) | Err(_) => {}
        }
        // The screen the app quit on comes back (with the outcome, if any),
        // showing the platform and the row it showed.
        if let Some(place) = place
            && (1..=self.screens.len()).contains(&usize::from(place.screen))
        {
            self.current = usize::from(place.screen) - 1;
            let spot = crate::ui::screen::Spot {
                platform: place.platform,
                at: place.at,
            };
            let ctx = self.core.ctx();
            if let Some(screen) = self.screens.get_mut(self.current) {
                screen.go_to(&spot, &ctx);
            }
        }
        self.show_drafts(&file);
        self
    }

    /// Text kept from a form when the app last had to stop: shown once,
    /// to copy from, then kept in `utkast/vist/`.
    fn show_drafts(&mut self, state_file: &std::path::Path) {
        for (path, text) in state::unseen_drafts(state_file) {
            let kept = state::mark_seen(&path).unwrap_or(path);
            let mut lines = vec![
                "Et skjema var åpent da somevett sist måtte stoppe (et signal eller en lukket terminal). Dette var skrevet i det, men ikke lagret:".to_owned(),
                String::new(),
            ];
            lines.extend(
                text.lines()
                    .map(crate::terminal_text::escape_line)
                    .map(Into::into),
            );
            lines.push(String::new());
            lines.push(format!("Teksten er tatt vare på i {}.", kept.display()));
            self.overlays
                .push(Box::new(Message::new("Tekst som ikke ble lagret", lines)));
        }
    }

    // ---- what tests and the binary may ask ----

    /// What will be said on standard error when the app has stopped.
    pub fn farewell(&self) -> &[String] {
        &self.farewell
    }

    pub fn library(&self) -> &Library {
        &self.core.library
    }

    /// Draws with another theme from the next frame on.
    pub fn set_theme(&mut self, theme: Theme) {
        self.core.theme = theme;
        self.background_changed();
    }

    pub fn keymap(&self) -> &Keymap {
        &self.core.keymap
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.core.session.as_ref().map(|s| &s.outcome)
    }

    pub fn open_outcome(&self) -> Option<&OpenOutcome> {
        self.core.session.as_ref()
    }

    pub fn open_path(&self) -> Option<&Path> {
        self.core.session.as_ref().map(|s| s.file.path.as_path())
    }

    pub fn listed(&self) -> &[Listed] {
        &self.core.listed
    }

    pub fn trashed(&self) -> &[Listed] {
        &self.core.trashed
    }

    pub fn status(&self) -> Option<&StatusLine> {
        self.status.as_ref()
    }

    pub fn clear_status(&mut self) {
        self.status = None;
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The screen shown, 1-7.
    pub fn screen_number(&self) -> u8 {
        u8::try_from(self.current + 1).unwrap_or(u8::MAX)
    }

    /// How many overlays are open over the screen.
    pub fn overlay_depth(&self) -> usize {
        self.overlays.len()
    }

    /// The overlay on top, if it is a `T`.
    pub(crate) fn top<T: Layer>(&self) -> Option<&T> {
        self.overlays.last().and_then(|o| as_a::<T>(o.as_ref()))
    }

    /// Puts an overlay on top.
    pub(crate) fn push_layer(&mut self, layer: impl Layer) {
        self.overlays.push(Box::new(layer));
    }

    /// The most specific context in force: the top overlay's, else the screen's.
    pub fn top_context(&self) -> Context {
        self.overlays
            .last()
            .map_or_else(|| self.screen().context(), |o| o.context())
    }

    /// The state of the screen of type `T` (tests look at cursors this way).
    pub fn screen_state<T: Screen>(&self) -> Option<&T> {
        self.screens.iter().find_map(|s| {
            let any: &dyn std::any::Any = s.as_ref();
            any.downcast_ref::<T>()
        })
    }

    /// The state of screen `number` (1-7) if it is of type `T`.
    pub fn screen_at<T: Screen>(&self, number: u8) -> Option<&T> {
        let screen = self.screens.get(usize::from(number).checked_sub(1)?)?;
        let any: &dyn std::any::Any = screen.as_ref();
        any.downcast_ref::<T>()
    }

    /// The message a form on top shows for what is wrong, if any.
    pub fn form_error(&self) -> Option<String> {
        self.top::<Form>()
            .and_then(|f| f.error.clone().or_else(|| f.problem()))
    }

    /// The search overlay, if one is open.
    pub fn search(&self) -> Option<&crate::ui::search::SearchOverlay> {
        self.overlays
            .iter()
            .rev()
            .find_map(|o| as_a::<SearchOverlay>(o.as_ref()))
    }

    fn screen(&self) -> &dyn Screen {
        self.screens[self.current].as_ref()
    }

    // ---- the loop ----

    /// Runs until quit. If the terminal fails, the open outcome is saved
    /// before the error is passed on.
    /// (`ratatui::DefaultTerminal` is one such terminal; `main` gives one
    /// whose output is buffered, so a frame leaves in one write.)
    /// Runs until the user quits, a signal asks the app to stop or the
    /// terminal goes away. Returns what to say on standard error once the
    /// terminal is restored (where work was kept, if it had to be).
    pub fn run<W: io::Write>(
        mut self,
        terminal: &mut Terminal<CrosstermBackend<W>>,
    ) -> io::Result<Vec<String>> {
        let result = self.event_loop(terminal);
        // An autosave still writing finishes before the app ends.
        self.finish_saving();
        if result.is_err() {
            self.keep_work();
        }
        self.remember_place();
        match result {
            // The terminal went away (a read or a draw failed because it
            // hung up, or after a signal): the end SIGHUP asks for.
            Err(_) if self.stop_requested() || self.hangup.happened() => {
                self.stop_for(hangup::SIGHUP);
                Ok(self.farewell)
            }
            Err(e) => Err(e),
            Ok(()) => Ok(self.farewell),
        }
    }

    /// Remembers the open outcome, the screen, and the platform and row
    /// shown there, for the next start.
    pub fn remember_place(&self) {
        if let Some(file) = &self.core.state_file {
            let spot = self.screen().spot(&self.core.ctx());
            let place = state::Place {
                screen: u8::try_from(self.current + 1).unwrap_or(1),
                platform: spot.platform,
                at: spot.at,
            };
            // A convenience: failing to write it loses no work.
            let _ = state::remember(file, self.open_path(), &place);
        }
    }

    /// The app must stop without asking (a signal, the terminal gone):
    /// what is typed in an open form is kept as a draft, shown at the next
    /// start; the outcome is saved, and when that fails it is kept as an
    /// emergency copy beside the state file. Where is said on standard error.
    pub fn keep_work(&mut self) {
        let stamp = self.core.clock.now().stamp;
        let drafts: Vec<String> = self.overlays.iter().filter_map(|o| o.draft()).collect();
        if !drafts.is_empty() {
            let text = drafts.join("\n\n");
            let state = self.core.state_file.as_deref();
            self.farewell.push(match state.map(|f| state::keep_draft(f, stamp, &text)) {
                Some(Ok(path)) => format!(
                    "somevett: et åpent skjema var ikke lagret; teksten er i {} og vises ved neste start.",
                    path.display()
                ),
                Some(Err(e)) => format!(
                    "somevett: et åpent skjema var ikke lagret, og teksten kunne ikke legges i en fil ({e}). Den var:\n{text}"
                ),
                None => format!("somevett: et åpent skjema var ikke lagret. Teksten var:\n{text}"),
            });
        }
        if self.save_now(Instant::now()) != SaveResult::Failed {
            return;
        }
        let why = self
            .status
            .as_ref()
            .map_or(String::new(), |s| s.text.clone());
        let Some(s) = &self.core.session else {
            return;
        };
        let copy = crate::outcome::to_ron(&s.outcome)
            .map_err(|e| io::Error::other(e.to_string()))
            .and_then(|ron| {
                let state = self
                    .core
                    .state_file
                    .as_deref()
                    .ok_or_else(|| io::Error::other("ingen mappe for tilstand"))?;
                state::keep_emergency_copy(state, stamp, &ron)
            });
        self.farewell.push(match copy {
            Ok(path) => format!(
                "somevett: {why} Arbeidet er lagret i en nødkopi: {}",
                path.display()
            ),
            Err(e) => format!("somevett: {why} En nødkopi kunne heller ikke skrives ({e})."),
        });
    }

    /// Stops the loop as the signal `number` asks, unless a signal already did.
    fn stop_for(&mut self, number: usize) {
        let flag = self
            .stop
            .get_or_insert_with(|| Arc::new(AtomicUsize::new(0)));
        let _ = flag.compare_exchange(0, number, Ordering::Relaxed, Ordering::Relaxed);
    }

    fn event_loop<W: io::Write>(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<W>>,
    ) -> io::Result<()> {
        // A frame is drawn only when something may have changed: a wake-up
        // to look at the stop flag or the loading packs writes nothing.
        let mut redraw = true;
        while self.running {
            if redraw {
                self.list_if_shown();
                terminal.draw(|frame| self.render(frame))?;
                self.start_loading();
            }
            let wait = self.next_deadline().map_or(Duration::from_secs(60), |d| {
                d.saturating_duration_since(Instant::now())
            });
            // Wake often enough to notice a signal, or the loaded packs.
            let pending =
                self.loading.is_some() || self.core.listing.is_some() || self.saving.is_some();
            let wait = wait.min(if pending {
                loading::LOAD_POLL
            } else {
                STOP_POLL
            });
            redraw = event::poll(wait)?;
            if !redraw && self.hangup.happened() {
                // Hung up with no signal: input only reports the hang-up.
                self.stop_for(hangup::SIGHUP);
            }
            if redraw {
                // What was read together is looked at together: a paste
                // the terminal library did not recognise is one again.
                let mut batch = vec![event::read()?];
                while batch.len() < BATCH && event::poll(MORE)? {
                    batch.push(event::read()?);
                }
                for e in crate::paste::recover_pastes(batch) {
                    match e {
                        Event::Key(key) => self.key_or_pasted(key, Instant::now()),
                        Event::Paste(text) => self.pasted(&text, Instant::now()),
                        // The viewport follows the terminal (`main` fixes it
                        // to the size, so frames do not ask for it).
                        Event::Resize(width, height) => {
                            terminal.resize(Rect::new(0, 0, width, height))?;
                        }
                        _ => {}
                    }
                }
            }
            if self.stop_requested() {
                self.keep_work();
                break;
            }
            let before = (
                self.loading.is_some(),
                self.status.as_ref().map(|s| s.at),
                self.background_generation,
            );
            self.poll_loading()?;
            self.take_listing(false);
            self.take_saved(false, Instant::now());
            self.tick(Instant::now());
            redraw |= before
                != (
                    self.loading.is_some(),
                    self.status.as_ref().map(|s| s.at),
                    self.background_generation,
                );
        }
        Ok(())
    }

    /// Whether a signal asked the app to stop.
    pub fn stop_requested(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|f| f.load(Ordering::Relaxed) != 0)
    }

    /// A key that arrives in the same burst as a paste is more of the pasted
    /// text (the paste held an end marker), never an action.
    pub fn key_or_pasted(&mut self, key: KeyEvent, now: Instant) {
        match self.paste_guard.absorb(&key, now) {
            Some(text) if text.is_empty() => {}
            Some(text) => self.paste(&text),
            None => self.handle_key(key),
        }
    }

    /// A paste as the terminal delivers it.
    pub fn pasted(&mut self, text: &str, now: Instant) {
        self.paste(text);
        self.paste_guard.pasted(now);
    }

    /// When the loop must wake up by itself: the next autosave, or an info
    /// message to take away.
    pub fn next_deadline(&self) -> Option<Instant> {
        let save = self.core.session.as_ref().and_then(|s| {
            let due = s.dirty_since? + AUTOSAVE_DELAY;
            Some(s.retry_at.map_or(due, |r| r.max(due)))
        });
        let info = self
            .status
            .as_ref()
            .filter(|s| !s.until_key)
            .map(|s| s.at + INFO_TTL);
        [save, info, self.voices_due()].into_iter().flatten().min()
    }

    /// When the voices are to be read again: while a layer that shows them
    /// is on top, every `VOICES_EVERY`.
    fn voices_due(&self) -> Option<Instant> {
        if !self.overlays.last().is_some_and(|o| o.watches_voices()) {
            return None;
        }
        Some(
            self.core
                .voices_read
                .map_or_else(Instant::now, |t| t + VOICES_EVERY),
        )
    }

    /// Autosaves once changes have rested for a moment; info messages go.
    pub fn tick(&mut self, now: Instant) {
        if self
            .status
            .as_ref()
            .is_some_and(|s| !s.until_key && now >= s.at + INFO_TTL)
        {
            self.status = None;
        }
        let due = self.core.session.as_ref().and_then(|s| {
            let due = s.dirty_since? + AUTOSAVE_DELAY;
            Some(s.retry_at.map_or(due, |r| r.max(due)))
        });
        if due.is_some_and(|d| now >= d) {
            self.autosave(now);
        }
        if self.voices_due().is_some_and(|d| now >= d) {
            let before = self.core.voices.clone();
            self.read_voices();
            if self.core.voices != before {
                self.background_changed();
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        // A typed control, bidi or zero-width character is dropped.
        if key.kind != KeyEventKind::Press || crate::paste::is_unsafe_key(&key) {
            return;
        }
        if self.status.as_ref().is_some_and(|s| s.until_key) {
            self.status = None;
        }
        let chord = KeyChord::from_event(&key);
        if chord == quit_chord() {
            self.quit();
            return;
        }
        let top = self.top_context();
        let enter_is_text =
            key.code == KeyCode::Enter && self.top::<Form>().is_some_and(Form::enter_is_text);
        if let Some(action) = self.core.keymap.action(top, chord)
            && !enter_is_text
            && self
                .overlays
                .last()
                .is_none_or(|o| o.available(action, &self.core.ctx()))
        {
            self.dispatch(action);
            return;
        }
        let keeps_keys = self
            .overlays
            .last()
            .is_some_and(|o| o.takes_text() || o.is_modal());
        if keeps_keys {
            // A text field or a form takes every key, except commands
            // (Ctrl, Alt, F-keys) the keymap binds everywhere, such as save.
            if is_command(chord)
                && let Some(action) = self.core.keymap.action(Context::Global, chord)
                && self.available(action)
            {
                self.dispatch(action);
                return;
            }
            let ctx = self.core.ctx();
            if let Some(o) = self.overlays.last_mut() {
                o.input(key, &ctx);
            }
            return;
        }
        if let Some(action) = self.core.keymap.action(Context::Global, chord)
            && self.available(action)
        {
            self.dispatch(action);
        }
    }

    /// Pasted text goes to the text field on top, if any; it never runs keys.
    pub fn paste(&mut self, text: &str) {
        let text = &crate::paste::sanitize_paste(text);
        let ctx = self.core.ctx();
        if let Some(o) = self.overlays.last_mut().filter(|o| o.takes_text()) {
            o.paste(text, &ctx);
        }
    }

    fn dispatch(&mut self, action: Action) {
        match action {
            // `q` quits only from a screen; over anything else it closes.
            Action::Quit if !self.overlays.is_empty() => {
                self.overlays.pop();
            }
            Action::Quit => self.quit(),
            Action::Help => match self.overlays.last() {
                Some(top) if as_a::<HelpOverlay>(top.as_ref()).is_some() => {
                    self.overlays.pop();
                }
                _ => self.overlays.push(Box::new(HelpOverlay::default())),
            },
            Action::Save => {
                self.save_now(Instant::now());
            }
            Action::Undo if self.available(Action::Undo) => self.ask_to_undo(),
            Action::Redo if self.available(Action::Redo) => self.redo(),
            Action::Undo | Action::Redo => {}
            Action::Search => {
                if self.top::<SearchOverlay>().is_none() {
                    self.overlays.push(Box::new(SearchOverlay::default()));
                }
            }
            Action::NextTab | Action::PrevTab | Action::Tab(_) => {
                let count = self.screens.len();
                let next = match action {
                    Action::NextTab => (self.current + 1) % count,
                    Action::PrevTab => (self.current + count - 1) % count,
                    Action::Tab(n) => usize::from(n).saturating_sub(1),
                    _ => self.current,
                };
                self.switch_screen(next);
            }
            _ => {
                let ctx = self.core.ctx();
                let effect = match self.overlays.last_mut() {
                    // Every overlay closes the same way.
                    Some(o) if action == Action::Close => Some(o.close(&ctx)),
                    Some(o) => o.handle(action, &ctx),
                    // A screen acts only when the action's precondition
                    // holds, and otherwise says why.
                    None => match self.screens[self.current].check(action, &ctx) {
                        Ok(()) => self.screens[self.current].handle(action, &ctx),
                        Err(unavailable) => unavailable.why.map(Effect::Error),
                    },
                };
                match effect {
                    Some(effect) => self.apply(effect),
                    // An overlay changed only itself (it sees the rest read-only).
                    None if !self.overlays.is_empty() => return,
                    None => {}
                }
            }
        }
        self.background_changed();
    }

    /// The next frame draws everything anew, nothing copied from the last
    /// (a test compares the two ways of drawing at one size).
    pub fn draw_everything_next(&mut self) {
        self.background_changed();
    }

    /// Something under the overlays may look different: draw it anew.
    fn background_changed(&mut self) {
        self.background_generation = self.background_generation.wrapping_add(1);
    }

    /// Shows screen `index`, closing what was open over the old one (a form
    /// or a question is never closed this way: it must be answered first).
    fn switch_screen(&mut self, index: usize) {
        if index >= self.screens.len() || self.overlays.iter().any(|o| o.is_modal()) {
            return;
        }
        self.overlays.clear();
        self.core.came_from = None;
        if self.status.as_ref().is_some_and(|s| !s.error) {
            self.status = None;
        }
        if index != self.current {
            self.screens[self.current].hidden();
            self.current = index;
            if let Some(effect) = self.screens[index].shown() {
                self.apply(effect);
            }
        }
    }

    /// Applies what a component asked for.
    pub fn apply(&mut self, effect: Effect) {
        self.background_changed();
        match effect {
            Effect::Edit(edit) => self.edit(edit),
            Effect::Push(overlay) => self.overlays.push(overlay),
            Effect::Pop => {
                self.overlays.pop();
            }
            Effect::Info(text) => self.info(text),
            Effect::Error(text) => self.error(text),
            Effect::Select(selection) => self.select(&selection),
            Effect::GoTo(screen) => {
                let from = self.current;
                self.switch_screen(screen.index());
                self.core.came_from = (self.current != from).then_some(from);
            }
            Effect::Back => {
                if let Some(n) = self.core.came_from.take() {
                    self.switch_screen(n);
                }
            }
            Effect::File(op) => self.file(op),
            Effect::Quit => self.quit(),
            Effect::QuitAnyway => self.running = false,
            Effect::UndoAnyway => self.undo(),
            Effect::Many(effects) => {
                for e in effects {
                    self.apply(e);
                }
            }
        }
    }

    fn revalidate(&mut self) {
        let ctx = self.core.ctx();
        for screen in &mut self.screens {
            screen.revalidate(&ctx);
        }
    }

    fn select(&mut self, selection: &Selection) {
        let ctx = self.core.ctx();
        for screen in &mut self.screens {
            screen.select(selection, &ctx);
        }
    }

    /// Changes the open outcome, keeping the state before for undo.
    fn edit(&mut self, edit: Edit) {
        let stamp = self.core.clock.now().stamp;
        let Some(s) = &mut self.core.session else {
            self.error(strings::no_outcome_text());
            return;
        };
        s.record(edit.what, edit.change.is_decision(), Instant::now(), stamp);
        if let Err(refusal) = edit.change.apply(&mut s.outcome) {
            s.take_back();
            self.error(refusal.to_string());
        }
        // A screen may point at what the edit took away (a risk, a platform).
        self.revalidate();
    }

    /// Undoes the latest change; management's decision is taken back
    /// only after a question, as recording it was.
    fn ask_to_undo(&mut self) {
        let Some((what, true)) = self.core.session.as_ref().and_then(OpenOutcome::next_undo) else {
            self.undo();
            return;
        };
        let redo = self.core.ctx().key(Context::Global, Action::Redo);
        let question = format!(
            "Angre «{what}»? Ledelsens beslutning tas ut av registreringen ({redo} gjør det om igjen)."
        );
        self.overlays.push(Box::new(Confirm {
            question,
            on_yes: Some(Box::new(Effect::UndoAnyway)),
        }));
    }

    fn undo(&mut self) {
        let stamp = self.core.clock.now().stamp;
        let Some(s) = &mut self.core.session else {
            return;
        };
        match s.undo(Instant::now(), stamp) {
            Some(what) => self.notice(format!("Angret: {what}")),
            None => self.info("Ingenting å angre."),
        }
        self.revalidate();
    }

    fn redo(&mut self) {
        let stamp = self.core.clock.now().stamp;
        let Some(s) = &mut self.core.session else {
            return;
        };
        match s.redo(Instant::now(), stamp) {
            Some(what) => self.notice(format!("Gjort om: {what}")),
            None => self.info("Ingenting å gjøre om."),
        }
        self.revalidate();
    }

    // Status text names files and echoes errors; escaped once here.
    /// An info message, gone after `INFO_TTL`. It does not replace one that
    /// waits for a key (an error, what undo took back): a key clears those
    /// first, so only what happens by itself (an autosave) would.
    pub(crate) fn info(&mut self, text: impl Into<String>) {
        if self.status.as_ref().is_some_and(|s| s.until_key) {
            return;
        }
        self.set_status(text.into(), false, false);
    }

    /// An info message that stays until the next key.
    pub(crate) fn notice(&mut self, text: impl Into<String>) {
        self.set_status(text.into(), false, true);
    }

    pub(crate) fn error(&mut self, text: impl Into<String>) {
        self.set_status(text.into(), true, true);
    }

    fn set_status(&mut self, text: String, error: bool, until_key: bool) {
        // Key tokens (`{risk.next_view}`) name the keys the keymap binds.
        let text = self.core.keymap.fill(&text).into_owned();
        self.status = Some(StatusLine {
            text: crate::terminal_text::escape_line(&text).into_owned(),
            error,
            until_key,
            at: Instant::now(),
        });
    }

    // ---- what is offered ----

    /// Whether an action does something now; the help overlay and key bar
    /// show only those.
    pub fn available(&self, action: Action) -> bool {
        self.available_under(action, self.overlays.len())
    }

    /// Whether an action does something with only the bottom `depth`
    /// overlays open (help asks about what is under it).
    fn available_under(&self, action: Action, depth: usize) -> bool {
        let overlays = &self.overlays[..depth.min(self.overlays.len())];
        let modal = overlays.iter().any(|o| o.is_modal());
        let session = self.core.session.as_ref();
        match action {
            Action::Quit | Action::Help => true,
            Action::Save => session.is_some(),
            // Over a picker or form, undo could take away what it points at.
            Action::Undo => overlays.is_empty() && session.is_some_and(OpenOutcome::can_undo),
            Action::Redo => overlays.is_empty() && session.is_some_and(OpenOutcome::can_redo),
            Action::Search => !modal && self.top::<SearchOverlay>().is_none(),
            Action::NextTab | Action::PrevTab => !modal,
            Action::Tab(n) => !modal && (1..=self.screens.len()).contains(&usize::from(n)),
            _ => match overlays.last() {
                Some(o) => o.available(action, &self.core.ctx()),
                None => self.screen().available(action, &self.core.ctx()),
            },
        }
    }

    /// The contexts in force, most specific first; `Global` is always last.
    pub fn contexts(&self) -> Vec<Context> {
        vec![self.top_context(), Context::Global]
    }

    /// The bindings in force now, for the help overlay and the key bar: keys
    /// shadowed by a more specific context, or typed as text, are left out.
    pub fn visible_bindings(&self, contexts: &[Context]) -> Vec<ContextBindings> {
        self.visible_bindings_under(contexts, self.overlays.len())
    }

    /// The bindings in force with only the bottom `depth` overlays open.
    fn visible_bindings_under(&self, contexts: &[Context], depth: usize) -> Vec<ContextBindings> {
        let top = self.overlays[..depth.min(self.overlays.len())].last();
        // A text field or a form keeps plain keys, so only commands reach past it.
        let typing = top.is_some_and(|o| o.takes_text() || o.is_modal());
        let enter_is_text = top
            .and_then(|o| as_a::<Form>(o.as_ref()))
            .is_some_and(Form::enter_is_text);
        let enter = KeyChord::new(KeyCode::Enter, KeyModifiers::NONE);
        let mut taken: Vec<KeyChord> = Vec::new();
        let mut out = Vec::new();
        for (i, context) in contexts.iter().enumerate() {
            let mut list = Vec::new();
            let bindings = self.core.keymap.bindings(*context);
            for (action, keys) in &bindings {
                let keys: Vec<KeyChord> = keys
                    .iter()
                    .copied()
                    .filter(|k| {
                        let typed_as_text = typing && i > 0 && !is_command(*k);
                        let newline = enter_is_text && *k == enter;
                        !taken.contains(k) && !typed_as_text && !newline
                    })
                    .collect();
                if !keys.is_empty() && self.available_under(*action, depth) {
                    list.push((*action, keys));
                }
            }
            // A key bound here shadows the contexts behind, even while its action is unavailable.
            taken.extend(bindings.iter().flat_map(|(_, keys)| keys.iter().copied()));
            out.push((*context, list));
        }
        out
    }

    // ---- drawing ----

    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        let theme = self.core.theme;
        if ui::too_small(area) {
            ui::render_too_small(frame, area, &theme);
            return;
        }
        let status_lines = self.status.as_ref().map_or_else(Vec::new, |s| {
            let prefix = if s.error { theme.error_prefix } else { "" };
            status_lines(&format!("{prefix}{}", s.text), usize::from(area.width))
        });
        let status_height = ui::cells::count(status_lines.len());
        let [tabs, body, status, bar] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status_height),
            Constraint::Length(1),
        ]));
        let help_bindings = self.help_bindings();
        let ctx = self.core.ctx();
        // Under an overlay everything but the top one (tabs, screen, the
        // overlays beneath) changes only through effects (keys reach the top
        // overlay alone, which sees the rest read-only), so while an overlay
        // takes keys the rest is copied from the last frame, not drawn again.
        let under = self.overlays.len().saturating_sub(1);
        let key = (area, body, self.current, self.background_generation, under);
        let covered = !self.overlays.is_empty();
        match &mut self.background {
            Some((drawn, buffer)) if *drawn == key && covered => {
                let hidden = self.overlays.last().and_then(|o| o.covers(body));
                copy_cells_around(buffer, frame.buffer_mut(), hidden);
            }
            background => {
                let keymap = &self.core.keymap;
                let tab_list: Vec<Tab> = (1u8..)
                    .zip(&self.screens)
                    .map(|(n, s)| Tab {
                        title: s.title(),
                        short: s.short_title(),
                        key: keymap
                            .keys_for(Context::Global, Action::Tab(n))
                            .first()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                    })
                    .collect();
                let note = Self::tab_note(&self.core);
                ui::render_tabs(frame, tabs, &tab_list, self.current, note, &theme);
                self.screens[self.current].render(frame, body, &ctx);
                for overlay in &mut self.overlays[..under] {
                    render_overlay(overlay, frame, body, &help_bindings, &ctx);
                }
                match background {
                    _ if !covered => *background = None,
                    Some((drawn, buffer)) => {
                        *drawn = key;
                        copy_cells(frame.buffer_mut(), buffer);
                    }
                    None => *background = Some((key, frame.buffer_mut().clone())),
                }
            }
        }
        for overlay in &mut self.overlays[under..] {
            render_overlay(overlay, frame, body, &help_bindings, &ctx);
        }
        if let Some(s) = &self.status {
            let style = if s.error { theme.error } else { theme.dim };
            let lines: Vec<Line> = status_lines
                .into_iter()
                .map(|l| Line::styled(l, style))
                .collect();
            frame.render_widget(ratatui::widgets::Paragraph::new(lines), status);
        }
        let mut entries =
            keybar::entries(&self.visible_bindings(&self.contexts()), &self.core.keymap);
        if self.top::<Form>().is_some_and(Form::choosing) {
            // A choice is picked with keys the form handles itself: say so first.
            entries.insert(0, ("←/→".to_owned(), "velg".to_owned(), false));
        }
        keybar::render(frame, bar, &entries, &theme);
    }

    /// What help shows: the keys of whatever is under it, then its own.
    fn help_bindings(&self) -> Vec<ContextBindings> {
        if self.top::<HelpOverlay>().is_none() {
            return Vec::new();
        }
        let behind = self
            .overlays
            .iter()
            .rev()
            .nth(1)
            .map_or_else(|| self.screen().context(), |o| o.context());
        let under_help = self.overlays.len() - 1;
        let mut shown = self.visible_bindings_under(&[behind, Context::Global], under_help);
        shown.push((Context::Help, self.core.keymap.bindings(Context::Help)));
        shown
    }

    /// What the tab bar says at its right end: the open outcome, or the
    /// library's size when none is open.
    fn tab_note(core: &Core) -> Line<'static> {
        let theme = &core.theme;
        match &core.session {
            Some(s) => {
                let mark = if s.is_dirty() { "● " } else { "" };
                Line::from(vec![
                    Span::styled("Økt: ", theme.dim),
                    Span::styled(format!("{mark}{} ", s.outcome.title), theme.title),
                ])
            }
            None => Line::styled(
                format!(
                    "{} dokumenter · {} punkter ",
                    core.library.documents.len(),
                    core.library.item_count()
                ),
                theme.dim,
            ),
        }
    }
}

/// Draws one overlay; help is given the keys behind it.
fn render_overlay(
    overlay: &mut Box<dyn Layer>,
    frame: &mut Frame,
    body: Rect,
    help_bindings: &[ContextBindings],
    ctx: &Ctx,
) {
    let any: &mut dyn std::any::Any = overlay.as_mut();
    match any.downcast_mut::<HelpOverlay>() {
        Some(help) => help.render(frame, body, help_bindings, ctx.keymap, ctx.theme),
        None => overlay.render(frame, body, ctx),
    }
}

/// The overlay as a `T`, if it is one.
fn as_a<T: Layer>(layer: &dyn Layer) -> Option<&T> {
    let any: &dyn std::any::Any = layer;
    any.downcast_ref::<T>()
}

/// Copies `from` into `to` in place: a frame's buffer is too large to
/// allocate anew on every keystroke.
fn copy_cells(from: &Buffer, to: &mut Buffer) {
    if from.area == to.area {
        to.content.clone_from_slice(&from.content);
    } else {
        to.clone_from(from);
    }
}

/// Copies `from` into `to` but for the cells of `hidden`, which something
/// is about to draw over whole (`to` is a frame's fresh buffer).
fn copy_cells_around(from: &Buffer, to: &mut Buffer, hidden: Option<Rect>) {
    let area = from.area;
    let hidden = hidden.map_or(Rect::ZERO, |h| h.intersection(area));
    if to.area != area || hidden.is_empty() {
        return copy_cells(from, to);
    }
    let width = usize::from(area.width);
    for y in 0..area.height {
        let row = usize::from(y) * width;
        let rows = row..row + width;
        if !(hidden.top()..hidden.bottom()).contains(&(area.y + y)) {
            to.content[rows.clone()].clone_from_slice(&from.content[rows]);
            continue;
        }
        let left = row + usize::from(hidden.x - area.x);
        let right = left + usize::from(hidden.width);
        to.content[row..left].clone_from_slice(&from.content[row..left]);
        to.content[right..rows.end].clone_from_slice(&from.content[right..rows.end]);
    }
}

/// A chord that is a command rather than text: Ctrl or Alt held, or a key
/// that types nothing (F-keys, Esc, Tab).
fn is_command(chord: KeyChord) -> bool {
    chord
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        || matches!(
            chord.code,
            KeyCode::F(_) | KeyCode::Esc | KeyCode::Tab | KeyCode::BackTab
        )
}

#[cfg(test)]
mod tests {
    use super::status_lines;

    /// A long message wraps to two lines, and a longer one keeps its end,
    /// where the file's name is (round 3, ux: an export path was cut
    /// before the file name).
    #[test]
    fn a_long_status_keeps_the_file_name_at_its_end() {
        assert_eq!(status_lines("Lagret.", 80), [" Lagret."]);
        let two = status_lines(&format!("Rapporten er skrevet til {}", "/a".repeat(30)), 60);
        assert_eq!(two.len(), 2);
        let path = format!(
            "/home/kari/{}/rapport-til-ledelsen.pdf",
            "mappe/".repeat(30)
        );
        let long = status_lines(&format!("Rapporten er skrevet til {path}"), 60);
        assert_eq!(long.len(), 2);
        assert!(long[0].starts_with(" Rapporten er skrevet til"), "{long:?}");
        assert!(long[1].ends_with("rapport-til-ledelsen.pdf"), "{long:?}");
        assert!(long[1].starts_with(" …"), "{long:?}");
        assert!(long.iter().all(|l| l.chars().count() <= 60), "{long:?}");
    }
}
