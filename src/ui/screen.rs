//! The component contract every screen implements, the read-only context it
//! is given, and the effects it answers with. Screens own their cursor and
//! their rules; only `App` applies effects, so screens never touch files.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::clock::Now;
use crate::content::Library;
use crate::domain::change::Change;
use crate::domain::risk::RiskId;
use crate::domain::{ItemRef, Outcome};
use crate::keymap::{Context, Keymap};
use crate::outcome::Listed;
use crate::search::SearchIndex;
use crate::ui::theme::Theme;

/// Everything a screen may read while it handles an action or draws.
pub struct Ctx<'a> {
    pub library: &'a Library,
    pub index: &'a SearchIndex,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    /// The open outcome, if any.
    pub outcome: Option<&'a Outcome>,
    /// The open outcome's file and whether it has unsaved changes.
    pub open_file: Option<(&'a Path, bool)>,
    /// Where outcomes live, and what is there (and in its waste basket).
    pub outcomes_dir: Option<&'a Path>,
    pub listed: &'a [Listed],
    pub trashed: &'a [Listed],
    /// The outcomes folder is still being read for the first time.
    pub listing: bool,
    /// A `GoTo` brought the user here from another screen, and `Back`
    /// returns there.
    pub can_go_back: bool,
    /// The time, read once from the app's clock: `now.stamp` for when a
    /// change is made, `now.today` for a date a form suggests.
    pub now: Now,
    /// Who scores as a voice here (`--as`, or picked on Økter), if anyone.
    pub me: Option<&'a str>,
    /// The open outcome's voices as last read from their files, merged.
    pub voices: &'a crate::domain::voices::Merged,
}

impl Ctx<'_> {
    /// The first key bound to `action` in `context`, for hints such as «Trykk n».
    pub fn key(&self, context: Context, action: Action) -> String {
        self.keymap
            .keys_for(context, action)
            .first()
            .map_or_else(|| "?".to_owned(), ToString::to_string)
    }
}

/// A change to the open outcome, described for the status line and undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// What the change does in the screen's words, e.g. «poeng for «Åpenhet»».
    pub what: String,
    /// The change itself, as data (`domain::change`).
    pub change: Change,
}

/// What a screen or overlay asks the app to do.
#[derive(Debug)]
pub enum Effect {
    /// Change the open outcome (undoable; saved shortly after).
    Edit(Edit),
    /// Put an overlay on top.
    Push(Box<dyn Layer>),
    /// Close the overlay on top.
    Pop,
    Info(String),
    Error(String),
    /// Point the screens' cursors at something (a new risk, a new reflection ...).
    Select(Selection),
    /// Go to a screen, closing overlays that belong to the old one; `Back`
    /// returns to the screen it came from.
    GoTo(crate::ui::ScreenId),
    /// Back to the screen a `GoTo` left (after «vis i retningslinjer»).
    Back,
    /// A file operation on outcomes; only the app performs these.
    File(FileOp),
    /// Quit, saving first and asking if that fails.
    Quit,
    /// Quit without another question (the user has said yes to losing work).
    QuitAnyway,
    /// Undo the latest change without another question (the user has said
    /// yes to taking back management's decision).
    UndoAnyway,
    /// Several effects in order.
    Many(Vec<Effect>),
}

impl Effect {
    pub fn push(overlay: impl Layer) -> Self {
        Effect::Push(Box::new(overlay))
    }

    pub fn edit(what: impl Into<String>, change: Change) -> Self {
        Effect::Edit(Edit {
            what: what.into(),
            change,
        })
    }

    /// An edit described in the change's own words.
    pub fn change(change: Change) -> Self {
        Effect::edit(change.describe(), change)
    }
}

/// Something the screens may want to show after a change elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Risk(RiskId),
    Reflection(usize),
    Item(ItemRef),
    Outcome(PathBuf),
}

/// The outcome file operations a screen may ask for.
#[derive(Debug)]
pub enum FileOp {
    /// Create a new outcome (after saving the open one) and open it.
    Create(Box<Outcome>),
    Open(PathBuf),
    Rename(PathBuf, String),
    Duplicate(PathBuf),
    /// Move to the waste basket (`papirkurv/`), restorable.
    Trash(PathBuf),
    Restore(PathBuf),
    /// Read the outcomes folder again.
    Refresh,
    /// Write the open outcome's report to this file (its extension says the kind).
    Export(PathBuf),
    /// Read the open outcome's voices again (`NAME.stemmer/`).
    ReadVoices,
    /// Save a voice beside the open outcome (kept in memory if it cannot be).
    SaveVoice(Box<crate::domain::voices::Voice>),
    /// Score on one's own as `name`: the outcome is read again if it
    /// changed on disk (a new round), and Min stemme opens.
    StartVoice(String),
    /// Write a public text (or the record of processing) to `path`.
    ExportPublic {
        what: crate::outcome::public::PublicExport,
        platform: Option<String>,
        path: PathBuf,
    },
}

/// Something that opens over a screen: help, a question, a form, a list to
/// pick from, the search, one guideline item, a page of text. They live on
/// one stack in the app: the top one gets the keys, and they are drawn
/// bottom to top. Each kind is a type of its own in its own module; this
/// trait is all the app and the screens know of them.
pub trait Layer: std::fmt::Debug + std::any::Any {
    /// Where its keys are looked up.
    fn context(&self) -> Context;
    /// Whether plain keys are text here (a text field has focus).
    fn takes_text(&self) -> bool {
        false
    }
    /// Whether it keeps every key it does not bind (a form or a question):
    /// screen switches and global commands wait until it closes.
    fn is_modal(&self) -> bool {
        false
    }
    /// Whether `action` does something here now.
    fn available(&self, _action: Action, _ctx: &Ctx) -> bool {
        true
    }
    /// Handles an action bound in its context (`Close` goes to `close`).
    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect>;
    /// What closing it does: it goes, unless it holds work to ask about.
    fn close(&mut self, _ctx: &Ctx) -> Effect {
        Effect::Pop
    }
    /// Typed work it holds that is not in the record yet, as text to keep
    /// when the app must stop without asking (a signal, a lost terminal).
    fn draft(&self) -> Option<String> {
        None
    }
    /// A key not bound in its context, for a text field.
    fn input(&mut self, _key: crossterm::event::KeyEvent, _ctx: &Ctx) {}
    fn paste(&mut self, _text: &str, _ctx: &Ctx) {}
    /// The part of `area` it draws whole on every frame, so what lies under
    /// it need not be there first.
    fn covers(&self, _area: Rect) -> Option<Rect> {
        None
    }
    /// The content was loaded anew (`--data` packs swapped in): whether it
    /// still stands (an item whose text changed does not).
    fn library_changed(&mut self, _old: &Library, _new: &Library, _index: &SearchIndex) -> bool {
        true
    }
    /// Whether it shows the voices' files, which the app reads again while
    /// it is on top (voices hand in on other laptops).
    fn watches_voices(&self) -> bool {
        false
    }
    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx);
}

/// One screen of the app: its keymap context, which actions it offers now,
/// how an action changes it, and how it draws.
pub trait Screen: std::any::Any {
    /// The tab title, e.g. «Risiko», and a short form for narrow terminals.
    fn title(&self) -> &'static str;
    fn short_title(&self) -> &'static str {
        self.title()
    }
    /// Where its keys are looked up (a screen may switch, e.g. while scoring).
    fn context(&self) -> Context;
    /// Whether `action` does something here now, and if not, why: the one
    /// precondition of each action. Help and the key bar show only what
    /// passes; the app calls `handle` only when it passes, and otherwise
    /// says why on the status line.
    fn check(&self, action: Action, ctx: &Ctx) -> Result<(), Unavailable>;
    /// Whether `action` does something here now (`check` passes).
    fn available(&self, action: Action, ctx: &Ctx) -> bool {
        self.check(action, ctx).is_ok()
    }
    /// Handles an action bound in its context once `check` has passed; the
    /// effect is for the app to apply.
    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect>;
    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx);
    /// Moves the cursor to something that just changed or was asked for.
    fn select(&mut self, _selection: &Selection, _ctx: &Ctx) {}
    /// Called when the screen is shown after another; may ask for an effect.
    fn shown(&mut self) -> Option<Effect> {
        None
    }
    /// Called after undo or redo: cursors into what is gone must let go.
    fn revalidate(&mut self, _ctx: &Ctx) {}
    /// Called when another screen is shown instead: modes end (scoring ...).
    fn hidden(&mut self) {}
    /// Called when another outcome is opened: cursors into the old one go.
    fn reset(&mut self) {}
    /// Where the screen stands, to come back to at the next start.
    fn spot(&self, _ctx: &Ctx) -> Spot {
        Spot::default()
    }
    /// Comes back to a spot it gave; what no longer exists (a platform no
    /// longer listed, a risk deleted) is passed over.
    fn go_to(&mut self, _spot: &Spot, _ctx: &Ctx) {}
}

/// Why an action does nothing on a screen now. `why` is said on the status
/// line when its key is pressed anyway (key tokens are filled in); `None`
/// when there is nothing to explain (a list move where no list is shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable {
    pub why: Option<String>,
}

impl Unavailable {
    /// Not here, and nothing to say about it.
    pub fn quietly() -> Self {
        Unavailable { why: None }
    }

    pub fn because(why: impl Into<String>) -> Self {
        Unavailable {
            why: Some(why.into()),
        }
    }

    /// Needs an open outcome.
    pub fn no_outcome() -> Self {
        Unavailable::because(crate::ui::strings::no_outcome_text())
    }
}

/// `Ok` when `cond` holds, else `unavailable`: `check` reads as a list of
/// preconditions.
pub fn require(cond: bool, unavailable: impl FnOnce() -> Unavailable) -> Result<(), Unavailable> {
    if cond { Ok(()) } else { Err(unavailable()) }
}

/// Where a screen stands: the platform it shows and the row selected, by a
/// name that outlives a change of data (a risk id, a question key, a guideline
/// item's id, a reflection's number).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spot {
    pub platform: Option<String>,
    pub at: Option<String>,
}

impl Spot {
    /// The platform, if the open outcome still lists it (as it lists it).
    pub fn listed_platform(&self, ctx: &Ctx) -> Option<String> {
        let wanted = self.platform.as_deref()?;
        ctx.outcome?
            .platforms
            .iter()
            .find(|p| crate::domain::platform::same_platform(p, wanted))
            .map(ToString::to_string)
    }
}
