//! The loop: terminal event -> keymap -> `Action` -> `App::update` -> state -> `render`.
//! The app is also the one place that asks `outcome/` to read and write files;
//! screens only hold state and draw.

use std::io;
use std::path::{Path, PathBuf};
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

/// The bindings to show for one context: each action with all its keys.
pub type ContextBindings = (Context, Vec<(Action, Vec<KeyChord>)>);

/// How long after the last change the open outcome is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);
/// How far the decision view may scroll: enough for many rounds of history.
const DECISION_SCROLL_MAX: u16 = 500;

/// How long to wait before trying again after a failed save.
const RETRY_DELAY: Duration = Duration::from_secs(5);

/// The outcome open in this session.
#[derive(Debug, Clone)]
pub struct Session {
    pub outcome: Outcome,
    pub file: OpenFile,
    /// When the first change not yet on disk was made.
    pub dirty_since: Option<Instant>,
    /// After a failed save: not before this time again, unless asked.
    retry_at: Option<Instant>,
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
        }
    }

    /// Uses `dir` for outcomes and reads what is there.
    pub fn with_outcomes(mut self, dir: Option<PathBuf>) -> Self {
        self.outcomes_dir = dir;
        self.refresh_list();
        self
    }

    pub fn run(mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        while self.running {
            terminal.draw(|frame| self.render(frame))?;
            let wait = self.next_deadline().map_or(Duration::from_secs(60), |d| {
                d.saturating_duration_since(Instant::now())
            });
            if event::poll(wait)? {
                match event::read()? {
                    Event::Key(key) => self.handle_key(key),
                    Event::Paste(text) => self.paste(&text),
                    _ => {}
                }
            }
            self.tick(Instant::now());
        }
        Ok(())
    }

    /// When the loop must wake up by itself: the next autosave.
    fn next_deadline(&self) -> Option<Instant> {
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
    fn top_below_help(&self) -> Context {
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

    fn screen_context(&self) -> Context {
        match self.screen {
            Screen::Guidelines => Context::Guidelines,
            Screen::Risk => Context::Risk,
            Screen::Wheel => Context::Wheel,
            Screen::Dilemmas | Screen::Assessment => Context::Checklist,
            Screen::Sessions => Context::Sessions,
        }
    }

    /// Whether the top of the stack is a text field that takes plain keys.
    fn typing(&self) -> bool {
        self.help.is_none()
            && self.confirm.is_none()
            && (self.form.is_some() || self.search.is_some())
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
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
        let in_risk = self.screen == Screen::Risk;
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
            Action::Save => self.save_now(Instant::now()),
            Action::Submit => self.submit_form(),
            _ => self.forward(action),
        }
    }

    fn switch_screen(&mut self, action: Action) {
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
    fn forward(&mut self, action: Action) {
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

    fn sessions_action(&mut self, action: Action) {
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

    /// The id of the risk selected on the Risiko screen.
    fn selected_risk_id(&self) -> Option<String> {
        let empty = Default::default();
        let part = self.session.as_ref().map_or(&empty, |s| &s.outcome.risk);
        let risks = self.library.risks.assessable(part);
        self.risk.selected(&risks).map(|r| r.id.clone())
    }

    fn risk_action(&mut self, action: Action) {
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

    /// The reflection shown on the wheel screen, if any.
    fn current_reflection(&self) -> Option<&Reflection> {
        self.session
            .as_ref()?
            .outcome
            .wheel
            .reflections
            .get(self.wheel.reflection)
    }

    fn wheel_action(&mut self, action: Action) {
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

    fn checklist_action(&mut self, action: Action) {
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
                self.decision_view = !self.decision_view
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
                    Action::Down => self
                        .decision_scroll
                        .saturating_add(1)
                        .min(DECISION_SCROLL_MAX),
                    Action::PageUp => self.decision_scroll.saturating_sub(10),
                    Action::PageDown => self
                        .decision_scroll
                        .saturating_add(10)
                        .min(DECISION_SCROLL_MAX),
                    Action::First => 0,
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
    fn open_guideline(&mut self, id: &str) {
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

    fn add_measure(&mut self, source: String, text: String) {
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

    fn open_outcome_at(&self, path: &Path) -> Option<&Outcome> {
        self.session
            .as_ref()
            .filter(|s| s.file.path == path)
            .map(|s| &s.outcome)
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
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
    pub fn save_now(&mut self, now: Instant) {
        let Some(s) = &mut self.session else {
            return;
        };
        if !s.is_dirty() {
            self.info("Ingen endringer å lagre.");
            return;
        }
        match outcome::save(&mut s.file, &s.outcome) {
            Ok(Saved::InPlace) => {
                s.dirty_since = None;
                s.retry_at = None;
                let text = format!("Lagret {}", s.file.path.display());
                self.info(text);
                self.refresh_list();
            }
            Ok(Saved::Conflict { theirs, ours }) => {
                s.dirty_since = None;
                s.retry_at = None;
                let text = format!(
                    "Filen {} ble endret utenfor somevett og er ikke overskrevet. Din versjon er lagret i {}.",
                    theirs.display(),
                    ours.display()
                );
                self.error(text);
                self.refresh_list();
            }
            Err(e) => {
                s.retry_at = Some(now + RETRY_DELAY);
                self.error(e.to_string());
            }
        }
    }

    fn open(&mut self, path: &Path) {
        if self.session.as_ref().is_some_and(|s| s.file.path == path) {
            self.info("Økten er allerede åpen.");
            return;
        }
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.save_now(Instant::now());
            if self.session.as_ref().is_some_and(Session::is_dirty) {
                return;
            }
        }
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
                self.info(text);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn submit_form(&mut self) {
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
    fn edit_outcome(&mut self, now: Instant, change: impl FnOnce(&mut Outcome)) -> bool {
        let Some(s) = &mut self.session else {
            self.error("Ingen økt er åpen: åpne eller lag en under Økter først.");
            return false;
        };
        change(&mut s.outcome);
        self.touch(now);
        true
    }

    fn submit_outcome(&mut self, values: FormValues, now: Instant) {
        let kind = self.form.as_ref().map(|f| f.kind.clone());
        match kind {
            Some(FormKind::NewOutcome) => {
                // The open outcome is saved before another takes its place.
                if self.session.as_ref().is_some_and(Session::is_dirty) {
                    self.save_now(now);
                }
                if self.session.as_ref().is_some_and(Session::is_dirty) {
                    if let Some(form) = &mut self.form {
                        form.error = Some("Den åpne økten kunne ikke lagres; ny økt er ikke laget. Se statuslinjen.".into());
                    }
                    return;
                }
                let Some(dir) = self.outcomes_dir.clone() else {
                    if let Some(form) = &mut self.form {
                        form.error =
                            Some("Fant ingen mappe for økter. Bruk --outcomes MAPPE.".into());
                    }
                    return;
                };
                let mut o = Outcome::new(outcome::new_id(), values.title.clone(), outcome::now());
                values.apply(&mut o);
                self.create(&dir, o);
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

    fn create(&mut self, dir: &Path, o: Outcome) {
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
                self.refresh_list();
                self.sessions.select_path(&self.listed, &path);
                self.info(text);
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

    fn duplicate(&mut self, source: Outcome) {
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

    fn rename_file(&mut self, path: &Path, title: String) {
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
            Ok(Saved::Conflict { ours, .. }) => self.error(format!(
                "Filen ble endret samtidig; det nye navnet er lagret i {}",
                ours.display()
            )),
            Err(e) => self.error(e),
        }
        self.refresh_list();
    }

    fn confirmed(&mut self) {
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
    fn quit(&mut self) {
        if self
            .confirm
            .as_ref()
            .is_some_and(|c| c.pending == Pending::QuitUnsaved)
        {
            self.running = false;
            return;
        }
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.save_now(Instant::now());
        }
        if self.session.as_ref().is_some_and(Session::is_dirty) {
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
                crate::ui::decision::render(
                    frame,
                    body,
                    outcome,
                    &self.library,
                    &key,
                    self.decision_scroll,
                    &self.theme,
                );
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
