//! The loop: terminal event -> keymap -> `Action` -> `App::update` -> state -> `render`.
//! The app is also the one place that asks `outcome/` to read and write files;
//! screens only hold state and draw.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::{DefaultTerminal, Frame};

use crate::action::Action;
use crate::content::Library;
use crate::domain::Outcome;
use crate::domain::risk::Treatment;
use crate::domain::wheel::{Alternative, Reflection, Stance};
use crate::keymap::{Context, KeyChord, Keymap};
use crate::outcome::{self, Listed, OpenFile, Saved};
use crate::search::SearchIndex;
use crate::ui::checklist::{
    ChecklistScreen, ChecklistView, answer_form, assessment_groups, dilemma_groups, read_answer,
};
use crate::ui::decision::{DecisionValues, decision_form};
use crate::ui::form::{Form, FormKind};
use crate::ui::guidelines::GuidelinesScreen;
use crate::ui::help::HelpOverlay;
use crate::ui::picker::{PickKind, Picker};
use crate::ui::risk::{
    CustomRiskValues, RiskData, RiskDetails, RiskScreen, RiskView, custom_risk_form, details_form,
};
use crate::ui::search::SearchOverlay;
use crate::ui::sessions::{
    Confirm, FormValues, Pending, SessionsScreen, SessionsView, outcome_form, rename_form,
};
use crate::ui::theme::Theme;
use crate::ui::wheel::{
    WheelData, WheelScreen, alternative_form, dilemma_form, justification_form, note_form,
    read_dilemma, read_justification, read_name, read_note,
};
use crate::ui::{self, Screen, keybar};

mod checklist;
mod risk;
mod session;
mod wheel;

pub use session::{Session, Status};

/// The bindings to show for one context: each action with all its keys.
pub type ContextBindings = (Context, Vec<(Action, Vec<KeyChord>)>);

/// How long after the last change the open outcome is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);
/// How long to wait before trying again after a failed save.
const RETRY_DELAY: Duration = Duration::from_secs(5);
/// Issue 10: the longest the loop sleeps before it looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(100);

pub struct App {
    pub library: Library,
    index: SearchIndex,
    pub keymap: Keymap,
    pub theme: Theme,
    pub screen: Screen,
    pub guidelines: GuidelinesScreen,
    pub sessions: SessionsScreen,
    pub risk: RiskScreen,
    pub wheel: WheelScreen,
    pub dilemmas: ChecklistScreen,
    pub assessment: ChecklistScreen,
    /// Vurdering shows the decision view instead of the checklist.
    pub decision_view: bool,
    /// How far the decision view is scrolled (both panes).
    pub decision_scroll: u16,
    pub search: Option<SearchOverlay>,
    pub picker: Option<Picker>,
    pub help: Option<HelpOverlay>,
    pub form: Option<Form>,
    pub confirm: Option<Confirm>,
    /// Where outcomes live; None when no folder could be found.
    pub outcomes_dir: Option<PathBuf>,
    pub listed: Vec<Listed>,
    pub session: Option<Session>,
    pub status: Option<Status>,
    pub running: bool,
    /// Issue 10: key events right after a paste are pasted text.
    paste_guard: crate::paste::PasteGuard,
    /// Issue 10: set (to the signal's number) by SIGTERM, SIGHUP or SIGINT.
    stop: Option<Arc<AtomicUsize>>,
}
impl App {
    pub fn new(library: Library, keymap: Keymap, theme: Theme) -> Self {
        let index = SearchIndex::new(&library);
        App {
            library,
            index,
            keymap,
            theme,
            screen: Screen::Guidelines,
            guidelines: GuidelinesScreen::default(),
            sessions: SessionsScreen::default(),
            risk: RiskScreen::default(),
            wheel: WheelScreen::default(),
            dilemmas: ChecklistScreen::default(),
            assessment: ChecklistScreen::default(),
            decision_view: false,
            decision_scroll: 0,
            search: None,
            picker: None,
            help: None,
            form: None,
            confirm: None,
            outcomes_dir: None,
            listed: Vec::new(),
            session: None,
            status: None,
            running: true,
            paste_guard: crate::paste::PasteGuard::default(),
            stop: None,
        }
    }

    /// Issue 10: the loop saves and stops once `flag` is non-zero (a signal
    /// handler sets it).
    pub fn with_stop_flag(mut self, flag: Arc<AtomicUsize>) -> Self {
        self.stop = Some(flag);
        self
    }

    /// Uses `dir` for outcomes and reads what is there.
    pub fn with_outcomes(mut self, dir: Option<PathBuf>) -> Self {
        self.outcomes_dir = dir;
        self.refresh_list();
        self
    }

    /// Runs until quit. If the terminal fails, the open outcome is saved
    /// before the error is passed on.
    pub fn run(mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        let result = self.event_loop(terminal);
        if result.is_err() {
            self.save_now(Instant::now());
        }
        result
    }

    fn event_loop(&mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        while self.running {
            terminal.draw(|frame| self.render(frame))?;
            let wait = self.next_deadline().map_or(Duration::from_secs(60), |d| {
                d.saturating_duration_since(Instant::now())
            });
            // Issue 10: wake often enough to notice a signal.
            let wait = wait.min(STOP_POLL);
            if event::poll(wait)? {
                match event::read()? {
                    Event::Key(key) => self.key_or_pasted(key, Instant::now()),
                    Event::Paste(text) => {
                        self.paste(&text);
                        self.paste_guard.pasted(Instant::now());
                    }
                    _ => {}
                }
            }
            if self.stop_requested() {
                self.save_now(Instant::now());
                break;
            }
            self.tick(Instant::now());
        }
        Ok(())
    }

    /// Issue 10: whether a signal asked the app to stop.
    pub fn stop_requested(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|f| f.load(Ordering::Relaxed) != 0)
    }

    /// Issue 10: a key that arrives in the same burst as a paste is more of
    /// the pasted text (the paste held an end marker), never an action.
    pub fn key_or_pasted(&mut self, key: KeyEvent, now: Instant) {
        match self.paste_guard.absorb(&key, now) {
            Some(text) if text.is_empty() => {}
            Some(text) => self.paste(&text),
            None => self.handle_key(key),
        }
    }

    /// Issue 10: a paste as the terminal delivers it, for tests.
    pub fn pasted(&mut self, text: &str, now: Instant) {
        self.paste(text);
        self.paste_guard.pasted(now);
    }

    /// When the loop must wake up by itself: the next autosave.
    pub(super) fn next_deadline(&self) -> Option<Instant> {
        let s = self.session.as_ref()?;
        let due = s.dirty_since? + AUTOSAVE_DELAY;
        Some(s.retry_at.map_or(due, |r| r.max(due)))
    }

    /// Autosaves the open outcome once changes have rested for a moment.
    pub fn tick(&mut self, now: Instant) {
        if self.next_deadline().is_some_and(|d| now >= d) {
            self.save_now(now);
        }
    }

    /// The contexts in force, most specific first; `Global` is always last.
    pub fn contexts(&self) -> Vec<Context> {
        let top = if self.help.is_some() {
            Context::Help
        } else {
            self.top_below_help()
        };
        vec![top, Context::Global]
    }

    /// The most specific context apart from the help overlay: a question, a
    /// form, a picker, the search, or the screen.
    pub(super) fn top_below_help(&self) -> Context {
        if self.confirm.is_some() {
            Context::Confirm
        } else if self.form.is_some() {
            Context::Form
        } else if self.picker.is_some() {
            Context::Picker
        } else if self.search.is_some() {
            Context::Search
        } else {
            self.screen_context()
        }
    }

    pub(super) fn screen_context(&self) -> Context {
        match self.screen {
            Screen::Guidelines => Context::Guidelines,
            Screen::Risk => Context::Risk,
            Screen::Wheel => Context::Wheel,
            Screen::Dilemmas | Screen::Assessment => Context::Checklist,
            Screen::Sessions => Context::Sessions,
        }
    }

    /// Whether the top of the stack is a text field that takes plain keys.
    pub(super) fn typing(&self) -> bool {
        self.help.is_none()
            && self.confirm.is_none()
            && (self.form.is_some() || self.search.is_some())
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        // Issue 10: a typed control, bidi or zero-width character is dropped.
        if key.kind != KeyEventKind::Press || crate::paste::is_unsafe_key(&key) {
            return;
        }
        let chord = KeyChord::from_event(&key);
        let contexts = self.contexts();
        let first = self.keymap.action(contexts[0], chord);
        // In the notes field Enter is a new line, not submit.
        let enter_is_text =
            key.code == KeyCode::Enter && self.form.as_ref().is_some_and(Form::enter_is_text);
        if let Some(action) = first
            && !(enter_is_text && contexts[0] == Context::Form)
        {
            self.update(action);
            return;
        }
        if self.typing() {
            if let Some(form) = &mut self.form {
                if !is_shortcut(chord) {
                    form.input(key);
                    return;
                }
            } else if let Some(search) = &mut self.search
                && !is_shortcut(chord)
            {
                search.input(key, &self.index);
                return;
            }
        }
        if let Some(action) = self.keymap.resolve(&contexts[1..], chord) {
            self.update(action);
        }
    }

    /// Pasted text goes to the text field in front, if any.
    pub fn paste(&mut self, text: &str) {
        let text = &crate::paste::sanitize_paste(text);
        if let Some(form) = &mut self.form {
            form.paste(text);
        } else if let Some(search) = &mut self.search {
            search.paste(text, &self.index);
        }
    }

    /// Whether an action does something in the current state; the help
    /// overlay and key bar show only those.
    pub fn available(&self, action: Action) -> bool {
        let selected_ok = self
            .listed
            .get(self.sessions.selected())
            .is_some_and(|l| l.outcome.is_ok());
        let in_risk = self.top_below_help() == Context::Risk;
        match action {
            Action::NextTab | Action::PrevTab => Screen::ALL.len() > 1,
            Action::Tab(n) => Screen::by_number(n).is_some(),
            Action::Score(_)
            | Action::CycleTreatment
            | Action::PickMeasure
            | Action::Edit
            | Action::Delete
            | Action::NextField
            | Action::PrevField
                if in_risk && self.risk.view != RiskView::Assessment =>
            {
                false
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last
                if in_risk && self.risk.view == RiskView::Matrix =>
            {
                false
            }
            Action::Delete if in_risk => self
                .selected_risk_id()
                .is_some_and(|id| id.starts_with("egen.")),
            Action::Score(_) | Action::CycleTreatment | Action::PickMeasure | Action::NewRisk => {
                self.session.is_some()
            }
            Action::NewReflection => self.session.is_some(),
            Action::NextView | Action::Decide if self.screen == Screen::Dilemmas => false,
            Action::Decide => self.session.is_some() && self.screen == Screen::Assessment,
            Action::NextUnassessed | Action::Open
                if self.screen == Screen::Assessment && self.decision_view =>
            {
                false
            }
            Action::SetStatus(_) | Action::CycleStatus | Action::Edit
                if matches!(self.screen, Screen::Dilemmas | Screen::Assessment) =>
            {
                self.session.is_some() && !(self.screen == Screen::Assessment && self.decision_view)
            }
            Action::Stance(_)
            | Action::CycleStance
            | Action::AddAlternative
            | Action::Choose
            | Action::Justify
            | Action::Rename
            | Action::Delete
            | Action::Edit
                if self.screen == Screen::Wheel =>
            {
                self.current_reflection().is_some()
            }
            Action::NextReflection | Action::PrevReflection => self
                .session
                .as_ref()
                .is_some_and(|s| s.outcome.wheel.reflections.len() > 1),
            Action::Save | Action::Edit => self.session.is_some(),
            Action::Open if self.screen == Screen::Sessions => selected_ok,
            Action::Rename | Action::Duplicate => selected_ok,
            Action::Delete => !self.listed.is_empty(),
            _ => true,
        }
    }

    /// The bindings in force now, for the help overlay and the key bar: keys
    /// shadowed by a more specific context, or typed as text, are left out.
    pub fn visible_bindings(&self, contexts: &[Context]) -> Vec<ContextBindings> {
        let typing = matches!(contexts.first(), Some(Context::Search | Context::Form));
        let mut taken: Vec<KeyChord> = Vec::new();
        let mut out = Vec::new();
        for (i, context) in contexts.iter().enumerate() {
            let mut list = Vec::new();
            let bindings = self.keymap.bindings(*context);
            for (action, keys) in &bindings {
                let keys: Vec<KeyChord> = keys
                    .iter()
                    .copied()
                    .filter(|k| {
                        let typed_as_text = typing && i > 0 && !is_shortcut(*k);
                        !taken.contains(k) && !typed_as_text
                    })
                    .collect();
                if !keys.is_empty() && self.available(*action) {
                    list.push((*action, keys));
                }
            }
            // A key bound here shadows the contexts behind, even while its action is unavailable.
            taken.extend(bindings.iter().flat_map(|(_, keys)| keys.iter().copied()));
            out.push((*context, list));
        }
        out
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit(),
            Action::Help => {
                self.help = match self.help {
                    Some(_) => None,
                    None => Some(HelpOverlay::default()),
                }
            }
            Action::Close if self.help.is_some() => self.help = None,
            Action::Close if self.confirm.is_some() => self.confirm = None,
            Action::Close if self.form.is_some() => self.form = None,
            Action::Close if self.picker.is_some() => self.picker = None,
            Action::Close => self.search = None,
            Action::Confirm => self.confirmed(),
            Action::Search if self.screen == Screen::Guidelines => {
                if self.search.is_none() {
                    self.search = Some(SearchOverlay::default());
                }
            }
            Action::NextTab | Action::PrevTab | Action::Tab(_) => self.switch_screen(action),
            Action::Save => {
                self.save_now(Instant::now());
            }
            Action::Submit => self.submit_form(),
            _ => self.forward(action),
        }
    }

    pub(super) fn switch_screen(&mut self, action: Action) {
        let count = Screen::ALL.len();
        let current = Screen::ALL
            .iter()
            .position(|s| *s == self.screen)
            .unwrap_or(0);
        let next = match action {
            Action::NextTab => Screen::ALL[(current + 1) % count],
            Action::PrevTab => Screen::ALL[(current + count - 1) % count],
            Action::Tab(n) => Screen::by_number(n).unwrap_or(self.screen),
            _ => self.screen,
        };
        if next == Screen::Sessions && self.screen != Screen::Sessions {
            self.refresh_list();
        }
        self.search = None;
        self.picker = None;
        if self
            .confirm
            .as_ref()
            .is_some_and(|c| c.pending != Pending::QuitUnsaved)
        {
            self.confirm = None;
        }
        self.screen = next;
    }

    /// Sends an action to whatever is on top: help, form, search, or the screen.
    pub(super) fn forward(&mut self, action: Action) {
        if let Some(help) = &mut self.help {
            help.update(action);
        } else if self.confirm.is_some() {
        } else if let Some(form) = &mut self.form {
            form.update(action);
        } else if let Some(picker) = &mut self.picker {
            let kind = picker.kind;
            if let Some((source, text)) = picker.update(action) {
                self.picker = None;
                match kind {
                    PickKind::Measure => self.add_measure(source, text),
                    PickKind::Guideline => self.open_guideline(&source),
                }
            }
        } else if let Some(search) = &mut self.search {
            if let Some(at) = search.update(action, &self.index) {
                self.guidelines.reveal(at);
                self.screen = Screen::Guidelines;
                self.search = None;
            }
        } else {
            match self.screen {
                Screen::Guidelines => self.guidelines.update(action, &self.library),
                Screen::Risk => self.risk_action(action),
                Screen::Wheel => self.wheel_action(action),
                Screen::Dilemmas | Screen::Assessment => self.checklist_action(action),
                Screen::Sessions => self.sessions_action(action),
            }
        }
    }

    // Issue 10: status text names files and echoes errors; escaped once here.
    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: crate::terminal_text::escape_line(&text.into()).into_owned(),
            error: false,
        });
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: crate::terminal_text::escape_line(&text.into()).into_owned(),
            error: true,
        });
    }

    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        if ui::too_small(area) {
            ui::render_too_small(frame, area, &self.theme);
            return;
        }
        let status_height = u16::from(self.status.is_some());
        let [tabs, body, status, bar] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status_height),
            Constraint::Length(1),
        ]));
        ui::render_tabs(frame, tabs, self.screen, self.tab_note(), &self.theme);
        match self.screen {
            Screen::Guidelines => self
                .guidelines
                .render(frame, body, &self.library, &self.theme),
            Screen::Sessions => {
                let new_key = self
                    .keymap
                    .keys_for(Context::Sessions, Action::NewOutcome)
                    .first()
                    .map_or_else(|| "?".to_owned(), ToString::to_string);
                let view = SessionsView {
                    listed: &self.listed,
                    dir: self.outcomes_dir.as_deref(),
                    open: self
                        .session
                        .as_ref()
                        .map(|s| (s.file.path.as_path(), s.is_dirty())),
                    new_key,
                };
                self.sessions.render(frame, body, &view, &self.theme);
            }
            Screen::Risk => {
                let data = RiskData {
                    catalog: &self.library.risks,
                    scales: &self.library.scales,
                    part: self.session.as_ref().map(|s| &s.outcome.risk),
                };
                self.risk.render(frame, body, &data, &self.theme);
            }
            Screen::Dilemmas => {
                let view = ChecklistView {
                    title: "Dilemmaer",
                    groups: dilemma_groups(&self.library),
                    answers: self.session.as_ref().map(|s| &s.outcome.checklists),
                };
                self.dilemmas
                    .render(frame, body, &view, &self.library, &self.theme);
            }
            Screen::Assessment if self.decision_view => {
                let key = self
                    .keymap
                    .keys_for(Context::Checklist, Action::Decide)
                    .first()
                    .map_or_else(|| "?".to_owned(), ToString::to_string);
                let outcome = self.session.as_ref().map(|s| &s.outcome);
                let last = crate::ui::decision::render(
                    frame,
                    body,
                    outcome,
                    &self.library,
                    &key,
                    self.decision_scroll,
                    &self.theme,
                );
                self.decision_scroll = self.decision_scroll.min(last);
            }
            Screen::Assessment => {
                let view = ChecklistView {
                    title: "KS-vurderingen",
                    groups: assessment_groups(&self.library),
                    answers: self.session.as_ref().map(|s| &s.outcome.checklists),
                };
                self.assessment
                    .render(frame, body, &view, &self.library, &self.theme);
            }
            Screen::Wheel => {
                let new_key = self
                    .keymap
                    .keys_for(Context::Wheel, Action::NewReflection)
                    .first()
                    .map_or_else(|| "?".to_owned(), ToString::to_string);
                let data = WheelData {
                    wheel: &self.library.wheel,
                    part: self.session.as_ref().map(|s| &s.outcome.wheel),
                    new_key,
                };
                self.wheel.render(frame, body, &data, &self.theme);
            }
        }
        if let Some(picker) = &mut self.picker {
            picker.render(frame, body, &self.theme);
        }
        if let Some(search) = &mut self.search {
            search.render(frame, body, &self.library, &self.index, &self.theme);
        }
        if let Some(form) = &mut self.form {
            form.render(frame, body, &self.theme);
        }
        if let Some(confirm) = &self.confirm {
            let keys = |a: Action| {
                self.keymap
                    .keys_for(Context::Confirm, a)
                    .first()
                    .map_or_else(String::new, ToString::to_string)
            };
            let hint = format!(
                "{} = ja   {} = nei",
                keys(Action::Confirm),
                keys(Action::Close)
            );
            confirm.render(frame, body, &hint, &self.theme);
        }
        let contexts = self.contexts();
        if self.help.is_some() {
            let behind = [self.top_below_help(), Context::Global];
            let mut shown = self.visible_bindings(&behind);
            shown.push((Context::Help, self.keymap.bindings(Context::Help)));
            if let Some(help) = &mut self.help {
                help.render(frame, body, &shown, &self.theme);
            }
        }
        if let Some(s) = &self.status {
            let style = if s.error {
                self.theme.error
            } else {
                self.theme.dim
            };
            frame.render_widget(Line::styled(format!(" {}", s.text), style), status);
        }
        let entries = keybar::entries(&self.visible_bindings(&contexts));
        keybar::render(frame, bar, &entries, &self.theme);
    }

    fn tab_note(&self) -> Line<'static> {
        match &self.session {
            Some(s) => {
                let mark = if s.is_dirty() { "● " } else { "" };
                Line::from(vec![
                    Span::styled("Økt: ", self.theme.dim),
                    Span::styled(format!("{mark}{} ", s.outcome.title), self.theme.title),
                ])
            }
            None => Line::styled(
                format!(
                    "{} dokumenter · {} punkter ",
                    self.library.documents.len(),
                    self.library.item_count()
                ),
                self.theme.dim,
            ),
        }
    }
}

/// Keys a text field never takes: function keys and Ctrl/Alt chords that
/// the keymap may use (Ctrl-C, Ctrl-S ...). Everything else edits text.
fn is_shortcut(chord: KeyChord) -> bool {
    matches!(
        chord.code,
        KeyCode::F(_) | KeyCode::Esc | KeyCode::Tab | KeyCode::BackTab
    ) || (chord.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(chord.code, KeyCode::Char('c' | 's' | 'q')))
}
