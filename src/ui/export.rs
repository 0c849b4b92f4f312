//! The form that exports the open outcome: one path, editable, PDF by
//! default. Writing the file is the app's (`FileOp::Export`).

use std::path::{Path, PathBuf};

use crate::domain::public::Malform;
use crate::domain::risk::MeasureStatus;
use crate::outcome::export::{Kind, Target};
use crate::ui::form::{ChoiceKey, Field, Form, OnSubmit, TextKey};
use crate::ui::overlay::Confirm;
use crate::ui::screen::{Ctx, Effect, FileOp};

const PATH: TextKey = TextKey::new("fil");

/// The report's default place: beside the open outcome's file, as PDF.
pub fn default_path(open_file: Option<&Path>, outcomes_dir: Option<&Path>) -> PathBuf {
    match open_file {
        Some(p) => p.with_extension("pdf"),
        None => outcomes_dir.unwrap_or(Path::new(".")).join("rapport.pdf"),
    }
}

/// The export form for the open outcome, or None when none is open.
pub fn export_form(ctx: &Ctx) -> Option<Form> {
    let outcome = ctx.outcome?;
    let path = default_path(ctx.open_file.map(|(p, _)| p), ctx.outcomes_dir);
    // The målform the report is written in, and where it is set.
    let help = match outcome.public.malform {
        Malform::Bokmal => {
            "Slutter filen på .pdf blir det PDF/A for arkivet; .md gir Markdown, .ics kalender og .csv regneark. Rapporten skrives på bokmål (O på Vurdering endrer målformen)."
        }
        Malform::Nynorsk => {
            "Slutter filen på .pdf blir det PDF/A for arkivet; .md gir Markdown, .ics kalender og .csv regneark. Rapporten skrives på nynorsk (O på Vurdering endrer målformen)."
        }
    };
    Some(Form::new(
        "Skriv rapport",
        vec![Field::single(&PATH, "Fil", help, &path.to_string_lossy())],
        ExportSpec,
    ))
}

#[derive(Debug, Clone)]
pub struct ExportSpec;

impl OnSubmit for ExportSpec {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let text = form.text(&PATH).trim().to_owned();
        if text.is_empty() {
            return Err("Skriv hvor rapporten skal lagres.".into());
        }
        let path = typed_path(ctx, &text);
        Kind::from_path(&path)
            .ok_or_else(|| "Filen må slutte på .pdf, .md, .ics eller .csv.".to_owned())?;
        write_or_ask(&path, Effect::File(FileOp::Export(path.clone())))
    }
}

/// A path typed in a form: a relative one is beside the open outcome, not
/// wherever the app was started from.
pub fn typed_path(ctx: &Ctx, text: &str) -> PathBuf {
    let folder = ctx
        .open_file
        .and_then(|(p, _)| p.parent())
        .or(ctx.outcomes_dir)
        .unwrap_or(Path::new("."));
    folder.join(text)
}

/// `write` at once when nothing is at `path`, after a question when a file
/// is; never over anything but a regular file (`export::target`).
pub fn write_or_ask(path: &Path, write: Effect) -> Result<Effect, String> {
    match crate::outcome::export::target(path)? {
        Target::New => Ok(write),
        Target::Existing => Ok(Effect::push(Confirm {
            question: format!(
                "{} finnes allerede. Skrive over den?",
                crate::terminal_text::path(path)
            ),
            on_yes: Some(Box::new(write)),
        })),
    }
}

/// The key of a measure's status field, in answer forms and measure rows;
/// read as åpen when none is picked.
pub const STATUS: ChoiceKey<MeasureStatus> = ChoiceKey::new("status", MeasureStatus::ALL);

/// A measure's status as a choice (åpen, pågår, gjennomført). A new
/// measure's is left unpicked, so an empty row stays empty, and is read as åpen.
pub fn status_field(status: Option<MeasureStatus>) -> Field {
    Field::choice(
        &STATUS,
        "Status",
        "Hvor langt tiltaket har kommet: åpen, pågår, gjennomført (←/→).",
        |s| s.label().to_owned(),
        status.as_ref(),
    )
}
