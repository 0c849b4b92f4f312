//! Key bindings: RON keymap files -> (context, key) -> `Action`, and the
//! reverse map (action -> keys) that the help overlay and key bar are built from.
//!
//! The default keymap is embedded; a user keymap patches it: each binding it
//! names takes its keys over, and `unbind` removes keys.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Deserializer};

use crate::action::Action;
use crate::content::error::{LocatedError, line_col};

pub const DEFAULT_KEYMAP_FILE: &str = "keymaps/default.ron";
pub const DEFAULT_KEYMAP: &str = include_str!("../keymaps/default.ron");

/// Declares every context once: its variant, its section name in keymap
/// files and its heading in help. From this one list come `Context`,
/// `Context::ALL`, `Context::title` and the sections a keymap file may have,
/// so a new screen's context is one line here.
macro_rules! contexts {
    ($( $(#[$doc:meta])* $variant:ident => $field:ident, $title:literal; )*) => {
        /// Where a binding applies. The app looks keys up in the most specific
        /// context first (an overlay, then the screen), then in `Global`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Context {
            $( $(#[$doc])* $variant, )*
        }

        impl Context {
            /// Every context, in the order help lists them.
            pub const ALL: &'static [Context] = &[$( Context::$variant, )*];

            /// The Norwegian heading in the help overlay.
            pub fn title(self) -> &'static str {
                match self {
                    $( Context::$variant => $title, )*
                }
            }
        }

        /// A keymap file: a list of bindings per context, and keys to unbind.
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct KeymapFile {
            $(
                #[serde(default)]
                $field: Vec<Binding>,
            )*
            #[serde(default)]
            unbind: Vec<Unbind>,
        }

        impl KeymapFile {
            fn contexts(self) -> (Vec<(Context, Vec<Binding>)>, Vec<Unbind>) {
                (vec![$( (Context::$variant, self.$field), )*], self.unbind)
            }
        }
    };
}

contexts! {
    Global => global, "Overalt";
    Guidelines => guidelines, "Retningslinjer";
    Risk => risk, "Risiko";
    /// Risiko while a risk is being scored: the digits set S and K.
    Scoring => scoring, "Risiko: skåring";
    Wheel => wheel, "Navigasjonshjul";
    Checklist => checklist, "Dilemmaer og vurdering";
    Sessions => sessions, "Økter";
    /// Plattformer: the comparison board.
    Compare => compare, "Plattformer";
    /// Min stemme: one participant scoring on their own.
    Voice => voice, "Min stemme";
    /// The voices' board on the projector.
    Votes => votes, "Stemmer";
    /// The public texts' preview on Vurdering.
    Public => public, "Til publikum";
    /// Økter's waste basket.
    Trash => trash, "Økter: papirkurven";
    Search => search, "Søk";
    /// One guideline item (or a page of text) over a screen.
    Item => item, "Retningslinje";
    Picker => picker, "Velg fra liste";
    Form => form, "Skjema";
    Confirm => confirm, "Spørsmål";
    Help => help, "Hjelp";
}
/// The bindings to show for one context: each action with all its keys.
pub type ContextBindings = (Context, Vec<(Action, Vec<KeyChord>)>);

/// One key with its modifiers, normalised so that the same key press always
/// compares equal (Shift is part of the char for letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyChord {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeyChord { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> Self {
        Self::new(event.code, event.modifiers)
    }

    /// Parses `q`, `?`, `ctrl-c`, `alt-x`, `shift-tab`, `enter`, `f1`, `pagedown` ...
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.is_empty() {
            return Err("tom tast".into());
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        while let Some((head, tail)) = rest.split_once('-')
            && !tail.is_empty()
        {
            match head.to_lowercase().as_str() {
                "ctrl" => modifiers |= KeyModifiers::CONTROL,
                "alt" => modifiers |= KeyModifiers::ALT,
                "shift" => modifiers |= KeyModifiers::SHIFT,
                _ => return Err(format!("ukjent tast «{text}»: ukjent modifikator «{head}»")),
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                "minus" => KeyCode::Char('-'),
                f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(format!("ukjent tast «{text}»")),
                },
                _ => return Err(format!("ukjent tast «{text}»")),
            },
        };
        Ok(KeyChord::new(code, modifiers))
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Mellomrom"),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl<'de> Deserialize<'de> for KeyChord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        KeyChord::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Binding {
    on: Vec<KeyChord>,
    run: Action,
    /// What the binding does here, for help and the key table; the action's
    /// own description when left out.
    #[serde(default)]
    desc: Option<String>,
    /// A word or two for the key bar, where the action's own label does not fit the context.
    #[serde(default)]
    label: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Unbind {
    context: Context,
    on: Vec<KeyChord>,
}

/// The key that always quits, whatever a user keymap says.
pub fn quit_chord() -> KeyChord {
    KeyChord::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
}

/// The active key bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per context, bindings in file order (several keys may share an action).
    contexts: HashMap<Context, Vec<(KeyChord, Action)>>,
    /// Descriptions given in keymap files, per context and action.
    descriptions: HashMap<(Context, Action), String>,
    /// Key-bar labels given in keymap files, per context and action.
    labels: HashMap<(Context, Action), String>,
}

impl Keymap {
    /// The embedded default keymap.
    pub fn default_keymap() -> Result<Self, LocatedError> {
        let mut keymap = Keymap::empty();
        keymap.patch(DEFAULT_KEYMAP_FILE, DEFAULT_KEYMAP)?;
        Ok(keymap)
    }

    fn empty() -> Self {
        Keymap {
            contexts: HashMap::new(),
            descriptions: HashMap::new(),
            labels: HashMap::new(),
        }
    }

    /// What `action` does in `context`: the keymap's own words if it has
    /// them, else the built-in description.
    pub fn describe(&self, context: Context, action: Action) -> String {
        self.descriptions
            .get(&(context, action))
            .cloned()
            .unwrap_or_else(|| action.describe())
    }

    /// The key bar's label for `action` in `context`, if it has a place there.
    pub fn label(&self, context: Context, action: Action) -> Option<&str> {
        self.labels
            .get(&(context, action))
            .map(String::as_str)
            .or_else(|| action.key_bar_label())
    }

    /// The default keymap patched by a user's file, if one is given and exists.
    pub fn load(user: Option<&Path>) -> Result<Self, LocatedError> {
        let mut keymap = Self::default_keymap()?;
        if let Some(path) = user {
            let shown = path.display().to_string();
            let text = crate::content::read_text(path)?.ok_or_else(|| {
                LocatedError::new(
                    &shown,
                    (1, 1),
                    "kan ikke lese tastaturfilen: filen finnes ikke",
                )
            })?;
            keymap.patch(&shown, &text)?;
        }
        Ok(keymap)
    }

    /// Applies a keymap file: its bindings take over their keys, `unbind` drops keys.
    pub fn patch(&mut self, file: &str, text: &str) -> Result<(), LocatedError> {
        // `desc: "..."` without Some(...): descriptions read as plain strings.
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let parsed: KeymapFile = options
            .from_str(text)
            .map_err(|e| LocatedError::from_ron(file, &e))?;
        let (contexts, unbind) = parsed.contexts();
        let touches_quit = contexts
            .iter()
            .flat_map(|(_, b)| b)
            .any(|b| b.on.contains(&quit_chord()) && b.run != Action::Quit)
            || unbind.iter().any(|u| u.on.contains(&quit_chord()));
        if touches_quit {
            let at = text.to_lowercase().find("ctrl-c").unwrap_or(0);
            return Err(LocatedError::new(
                file,
                line_col(text, at),
                "Ctrl-C avslutter alltid og kan ikke bindes om",
            ));
        }
        for u in unbind {
            if let Some(list) = self.contexts.get_mut(&u.context) {
                list.retain(|(k, _)| !u.on.contains(k));
            }
        }
        for (context, bindings) in contexts {
            let list = self.contexts.entry(context).or_default();
            for binding in bindings {
                if let Some(desc) = binding.desc {
                    self.descriptions.insert((context, binding.run), desc);
                }
                if let Some(label) = binding.label {
                    self.labels.insert((context, binding.run), label);
                }
                for key in binding.on {
                    list.retain(|(k, _)| *k != key);
                    list.push((key, binding.run));
                }
            }
        }
        Ok(())
    }

    /// The action bound to `key` in `context`, if any.
    pub fn action(&self, context: Context, key: KeyChord) -> Option<Action> {
        self.contexts
            .get(&context)?
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| *a)
    }

    /// The first action bound to `key` in the first of `contexts` that binds it.
    pub fn resolve(&self, contexts: &[Context], key: KeyChord) -> Option<Action> {
        contexts.iter().find_map(|c| self.action(*c, key))
    }

    /// Keys bound to `action` in `context`, in file order.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<KeyChord> {
        self.contexts
            .get(&context)
            .map(|list| {
                list.iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| *k)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `text` with each key token replaced by the key the active keymap
    /// binds, so a hint stays true under a user's keymap: `{form.submit}` is
    /// the first key of `submit` in the form context (`Enter`), and
    /// `{form.submit/uten-enter}` the first that is not Enter (`Ctrl-S`, for
    /// a notes field where Enter is a new line). A token whose action has no
    /// key there reads «(ingen tast)»; anything else in braces is left.
    pub fn fill<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if !text.contains('{') {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                return std::borrow::Cow::Owned(out);
            };
            let token = &after[..end];
            match self.token_key(token) {
                Some(key) => out.push_str(&key),
                None => {
                    out.push('{');
                    out.push_str(token);
                    out.push('}');
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        std::borrow::Cow::Owned(out)
    }

    /// The key a `context.action[/uten-enter]` token stands for; None when
    /// it is no such token.
    fn token_key(&self, token: &str) -> Option<String> {
        let (token, no_enter) = match token.strip_suffix("/uten-enter") {
            Some(t) => (t, true),
            None => (token, false),
        };
        let (context, action) = token.split_once('.')?;
        let context: Context = ron::from_str(context).ok()?;
        let action: Action = ron::from_str(action).ok()?;
        let key = self
            .keys_for(context, action)
            .into_iter()
            .find(|k| !(no_enter && k.code == KeyCode::Enter && k.modifiers.is_empty()));
        Some(key.map_or_else(|| "(ingen tast)".to_owned(), |k| k.to_string()))
    }

    /// The reverse map for one context: each action once, with all its keys,
    /// in the order the actions first appear.
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<KeyChord>)> {
        let mut out: Vec<(Action, Vec<KeyChord>)> = Vec::new();
        for (key, action) in self.contexts.get(&context).into_iter().flatten() {
            match out.iter_mut().find(|(a, _)| a == action) {
                Some((_, keys)) => keys.push(*key),
                None => out.push((*action, vec![*key])),
            }
        }
        out
    }
}

impl Keymap {
    /// The key table in Markdown, as the README shows it (a test keeps the
    /// README equal to this).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| Hvor | Taster | Handling |\n|---|---|---|\n");
        for &context in Context::ALL {
            for (action, keys) in self.bindings(context) {
                let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    context.title(),
                    keys.join(" "),
                    self.describe(context, action)
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_tokens_in_a_text_name_the_keys_the_keymap_binds() -> Result<(), LocatedError> {
        let keymap = Keymap::default_keymap()?;
        assert_eq!(
            keymap.fill(
                "Trykk {global.tab(6)} og {sessions.new_outcome}; {form.submit/uten-enter} lagrer."
            ),
            "Trykk 6 og n; Ctrl-S lagrer."
        );
        assert_eq!(keymap.fill("{form.submit}"), "Enter");
        assert_eq!(keymap.fill("{ukjent.ting} og {"), "{ukjent.ting} og {");
        assert_eq!(keymap.fill("{risk.decide}"), "(ingen tast)");
        Ok(())
    }

    fn key(s: &str) -> KeyChord {
        KeyChord::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn parses_named_keys_and_modifiers() {
        assert_eq!(
            key("ctrl-c"),
            KeyChord::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            key("shift-tab"),
            KeyChord::new(KeyCode::BackTab, KeyModifiers::NONE)
        );
        assert_eq!(
            key("-"),
            KeyChord::new(KeyCode::Char('-'), KeyModifiers::NONE)
        );
        assert_eq!(key("F5"), KeyChord::new(KeyCode::F(5), KeyModifiers::NONE));
        assert!(KeyChord::parse("ctrl-nope").is_err());
        assert!(KeyChord::parse("hyper-x").is_err());
    }

    #[test]
    fn shifted_letters_match_the_terminal_event() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(&event), key("G"));
    }

    #[test]
    fn default_keymap_binds_the_documented_keys() -> Result<(), LocatedError> {
        let km = Keymap::default_keymap()?;
        let g = Context::Global;
        assert_eq!(km.action(g, key("q")), Some(Action::Quit));
        assert_eq!(km.action(g, key("ctrl-c")), Some(Action::Quit));
        assert_eq!(km.action(g, key("?")), Some(Action::Help));
        assert_eq!(km.action(g, key("tab")), Some(Action::NextTab));
        assert_eq!(km.action(g, key("shift-tab")), Some(Action::PrevTab));
        assert_eq!(km.action(g, key("3")), Some(Action::Tab(3)));
        let l = Context::Guidelines;
        for (k, a) in [
            ("j", Action::Down),
            ("down", Action::Down),
            ("k", Action::Up),
            ("up", Action::Up),
        ] {
            assert_eq!(km.action(l, key(k)), Some(a), "{k}");
        }
        assert_eq!(km.action(l, key("l")), Some(Action::Open));
        assert_eq!(km.action(l, key("enter")), Some(Action::Open));
        assert_eq!(km.action(l, key("h")), Some(Action::Collapse));
        assert_eq!(km.action(g, key("/")), Some(Action::Search));
        Ok(())
    }

    #[test]
    fn user_keymap_overrides_one_binding_and_keeps_the_rest() -> Result<(), LocatedError> {
        let mut km = Keymap::default_keymap()?;
        km.patch(
            "user.ron",
            r#"(global: [(on: ["x"], run: quit)], unbind: [(context: global, on: ["q"])])"#,
        )?;
        assert_eq!(km.action(Context::Global, key("x")), Some(Action::Quit));
        assert_eq!(km.action(Context::Global, key("q")), None);
        assert_eq!(km.action(Context::Global, key("?")), Some(Action::Help));
        Ok(())
    }

    #[test]
    fn unknown_action_is_reported_with_file_line_and_column() {
        let mut km = Keymap::empty();
        let err = km.patch(
            "user.ron",
            "(\n  global: [\n    (on: [\"x\"], run: fly),\n  ],\n)",
        );
        let err = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("user.ron:3:"), "{err}");
        assert!(err.contains("fly"), "{err}");
    }

    #[test]
    fn unparsable_key_is_reported_with_file_line_and_column() {
        let mut km = Keymap::empty();
        let err = km.patch(
            "user.ron",
            "(\n  search: [(on: [\"ctrl-banana\"], run: close)],\n)",
        );
        let err = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("user.ron:2:"), "{err}");
        assert!(err.contains("ctrl-banana"), "{err}");
    }

    #[test]
    fn ctrl_c_cannot_be_taken_from_quit() -> Result<(), LocatedError> {
        let mut km = Keymap::default_keymap()?;
        let err = km.patch(
            "user.ron",
            "(unbind: [(context: global, on: [\"ctrl-c\"])])",
        );
        assert!(err.is_err());
        assert_eq!(
            km.action(Context::Global, key("ctrl-c")),
            Some(Action::Quit)
        );
        Ok(())
    }

    #[test]
    fn reverse_map_lists_every_key_of_an_action() -> Result<(), LocatedError> {
        let km = Keymap::default_keymap()?;
        let down = km.keys_for(Context::Guidelines, Action::Down);
        assert!(down.contains(&key("j")) && down.contains(&key("down")));
        Ok(())
    }
}
