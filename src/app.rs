//! The loop: terminal event -> keymap -> `Action` -> `App::update` -> state -> `render`.

use std::io;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::{DefaultTerminal, Frame};

use crate::action::Action;
use crate::content::Library;
use crate::keymap::{Context, KeyChord, Keymap};
use crate::search::SearchIndex;
use crate::ui::guidelines::GuidelinesScreen;
use crate::ui::help::HelpOverlay;
use crate::ui::search::SearchOverlay;
use crate::ui::theme::Theme;
use crate::ui::{self, Screen, keybar};

/// The bindings to show for one context: each action with all its keys.
pub type ContextBindings = (Context, Vec<(Action, Vec<KeyChord>)>);

pub struct App {
    pub library: Library,
    index: SearchIndex,
    pub keymap: Keymap,
    pub theme: Theme,
    pub screen: Screen,
    pub guidelines: GuidelinesScreen,
    pub search: Option<SearchOverlay>,
    pub help: Option<HelpOverlay>,
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
            search: None,
            help: None,
            running: true,
        }
    }

    pub fn run(mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        while self.running {
            terminal.draw(|frame| self.render(frame))?;
            if let Event::Key(key) = event::read()? {
                self.handle_key(key);
            }
        }
        Ok(())
    }

    /// The contexts in force, most specific first; `Global` is always last.
    pub fn contexts(&self) -> Vec<Context> {
        let top = if self.help.is_some() {
            Context::Help
        } else if self.search.is_some() {
            Context::Search
        } else {
            self.screen_context()
        };
        vec![top, Context::Global]
    }

    fn screen_context(&self) -> Context {
        match self.screen {
            Screen::Guidelines => Context::Guidelines,
        }
    }

    fn typing(&self) -> bool {
        self.help.is_none() && self.search.is_some()
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let chord = KeyChord::from_event(&key);
        let contexts = self.contexts();
        if let Some(action) = self.keymap.action(contexts[0], chord) {
            self.update(action);
            return;
        }
        // In a text field, plain characters are text, not global shortcuts.
        if self.typing()
            && let Some(c) = text_char(chord)
        {
            if let Some(search) = &mut self.search {
                search.insert(c, &self.index);
            }
            return;
        }
        if let Some(action) = self.keymap.resolve(&contexts[1..], chord) {
            self.update(action);
        }
    }

    /// Whether an action does something in the current state; the help
    /// overlay and key bar show only those.
    pub fn available(&self, action: Action) -> bool {
        match action {
            Action::NextTab | Action::PrevTab => Screen::ALL.len() > 1,
            Action::Tab(n) => {
                Screen::ALL.len() > 1 && (1..=Screen::ALL.len()).contains(&(n as usize))
            }
            _ => true,
        }
    }

    /// The bindings in force now, for the help overlay and the key bar: keys
    /// shadowed by a more specific context, or typed as text, are left out.
    pub fn visible_bindings(&self, contexts: &[Context]) -> Vec<ContextBindings> {
        let typing = contexts.first() == Some(&Context::Search);
        let mut taken: Vec<KeyChord> = Vec::new();
        let mut out = Vec::new();
        for context in contexts {
            let mut list = Vec::new();
            for (action, keys) in self.keymap.bindings(*context) {
                let keys: Vec<KeyChord> = keys
                    .into_iter()
                    .filter(|k| {
                        let typed_as_text =
                            typing && *context != Context::Search && text_char(*k).is_some();
                        !taken.contains(k) && !typed_as_text
                    })
                    .collect();
                if !keys.is_empty() && self.available(action) {
                    list.push((action, keys));
                }
            }
            taken.extend(list.iter().flat_map(|(_, keys)| keys.iter().copied()));
            out.push((*context, list));
        }
        out
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.running = false,
            Action::Help => {
                self.help = match self.help {
                    Some(_) => None,
                    None => Some(HelpOverlay::default()),
                }
            }
            Action::Close if self.help.is_some() => self.help = None,
            Action::Close => self.search = None,
            Action::Search => {
                if self.search.is_none() {
                    self.search = Some(SearchOverlay::default());
                }
            }
            Action::NextTab | Action::PrevTab | Action::Tab(_) => self.switch_screen(action),
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
            Action::NextTab => (current + 1) % count,
            Action::PrevTab => (current + count - 1) % count,
            Action::Tab(n) if (1..=count).contains(&(n as usize)) => n as usize - 1,
            _ => current,
        };
        self.screen = Screen::ALL[next];
    }

    /// Sends an action to whatever is on top: help, search, or the screen.
    fn forward(&mut self, action: Action) {
        if let Some(help) = &mut self.help {
            help.update(action);
        } else if let Some(search) = &mut self.search {
            if let Some(at) = search.update(action, &self.index) {
                self.guidelines.reveal(at);
                self.screen = Screen::Guidelines;
                self.search = None;
            }
        } else {
            match self.screen {
                Screen::Guidelines => self.guidelines.update(action, &self.library),
            }
        }
    }

    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        if ui::too_small(area) {
            ui::render_too_small(frame, area, &self.theme);
            return;
        }
        let [tabs, body, bar] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        let note = format!(
            "{} dokumenter · {} punkter ",
            self.library.documents.len(),
            self.library.item_count()
        );
        ui::render_tabs(frame, tabs, self.screen, &note, &self.theme);
        match self.screen {
            Screen::Guidelines => self
                .guidelines
                .render(frame, body, &self.library, &self.theme),
        }
        if let Some(search) = &mut self.search {
            search.render(frame, body, &self.library, &self.index, &self.theme);
        }
        let contexts = self.contexts();
        if self.help.is_some() {
            let behind = if self.search.is_some() {
                Context::Search
            } else {
                self.screen_context()
            };
            let mut shown = self.visible_bindings(&[behind, Context::Global]);
            shown.push((Context::Help, self.keymap.bindings(Context::Help)));
            if let Some(help) = &mut self.help {
                help.render(frame, body, &shown, &self.theme);
            }
        }
        let entries = keybar::entries(&self.visible_bindings(&contexts));
        keybar::render(frame, bar, &entries, &self.theme);
    }
}

/// The character a key types into a text field, if it is plain text.
fn text_char(chord: KeyChord) -> Option<char> {
    match chord.code {
        KeyCode::Char(c)
            if !chord
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}
