//! The command line: running the app and the shell subcommands.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::config::{Config, ThemeName};
use crate::content::{Errors, Library, LocatedError};
use crate::domain::guideline::NOTE_HEADING;
use crate::domain::platform::{self, Case, Fact, Platform, STALE_AFTER_MONTHS, Source};
use crate::keymap::Keymap;
use crate::search::SearchIndex;

#[derive(Debug, Parser)]
#[command(
    name = "somevett",
    version,
    about = "Vurder kommunens bruk av sosiale medier: retningslinjer, risiko, etikk og beslutning."
)]
pub struct Cli {
    /// Extra data folder: packs in DIR/guidelines/*.ron add documents or replace embedded ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Key bindings that patch the defaults (otherwise keymap.ron in the config folder, if any).
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,

    /// Folder for saved outcomes (otherwise $SOMEVETT_OUTCOMES, else the platform data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub outcomes: Option<PathBuf>,

    /// Parse --data packs afresh: neither read nor write their parsed copy in
    /// the cache folder (also SOMEVETT_NO_CACHE=1).
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Colour theme (otherwise `theme` in config.ron in the config folder, else dark).
    #[arg(long, value_enum, value_name = "NAME")]
    pub theme: Option<ThemeName>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search every guideline; prints ranked hits.
    Search {
        /// Search terms; all must match, in any order.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// At most this many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show one guideline item in full, by its id (e.g. meraker.privat.3).
    Show { id: String },
    /// Validate the embedded data, the --data packs and the keymap.
    Check,
    /// Facts about the platforms (company, transfers, art. 26, advertising,
    /// decisions and judgments), each with its sources and check date.
    Platforms {
        /// One platform, by id or name (e.g. tiktok); all when left out.
        name: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List saved outcomes, and files that cannot be read with their error.
    Outcomes,
    /// Write the report of an outcome: Markdown, PDF/A for the archive, or the action plan as calendar entries or a sheet.
    Export {
        /// The outcome: a .ron file, or the title or file name (without .ron) of one in the outcomes folder.
        outcome: String,
        /// md (default), pdf (PDF/A-2b), ics (calendar) or csv (sheet); without it, guessed from OUT's extension.
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Write to this file instead of standard output (required for pdf).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Write over OUT if it exists (never over an outcome file or anything but a regular file).
        #[arg(long)]
        force: bool,
    },
    /// List overdue and soon-due measures and reviews across all outcomes; exits 1 when anything is overdue.
    Due {
        /// Also list what falls due within this many days.
        #[arg(long, default_value_t = 14, value_name = "DAYS")]
        within: u16,
        /// The date to count from instead of today (YYYY-MM-DD), for tests and planning.
        #[arg(long, hide = true, value_name = "DATE")]
        today: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Pdf,
    Ics,
    Csv,
}

impl ExportFormat {
    /// The format an output file's extension names, if any.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        ExportFormat::from_str(&ext, true).ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The user's own keymap: `--keymap FILE`, else keymap.ron in the platform
/// config folder if it exists.
pub fn keymap_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("no", "somevett", "somevett")?;
    present(dirs.config_dir().join("keymap.ron"))
}

/// A settings file that is there in any form: a FIFO, a folder or a link
/// that points nowhere is read, and refused with its reason, never
/// silently passed over.
fn present(path: PathBuf) -> Option<PathBuf> {
    path.symlink_metadata().is_ok().then_some(path)
}

/// The settings file: config.ron in the platform config folder, if it exists.
pub fn config_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("no", "somevett", "somevett")?;
    present(dirs.config_dir().join("config.ron"))
}

/// The theme to draw with: `--theme NAME`, else the config file's, else dark.
/// A broken config file is an error even when `--theme` is given, so a typo
/// there is not found only on the day the flag is left out.
pub fn theme_name(explicit: Option<ThemeName>) -> Result<ThemeName, LocatedError> {
    let config = Config::load(config_path().as_deref())?;
    Ok(explicit.or(config.theme).unwrap_or_default())
}

#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    id: String,
    document: &'a str,
    section: &'a str,
    text: &'a str,
    score: i64,
}

/// `somevett search`: ranked hits as text or JSON.
pub fn search(
    library: &Library,
    query: &[String],
    limit: usize,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    // One write per buffer, not per line: the terminal's line buffering cost
    // more than the search.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    search_into(library, query, limit, format, &mut out)?;
    out.flush()
}

fn search_into(
    library: &Library,
    query: &[String],
    limit: usize,
    format: Format,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let index = SearchIndex::new(library);
    let hits = index.search(&query.join(" "), limit);
    let views = hits
        .iter()
        .filter_map(|h| library.view(h.at).map(|v| (h, v)));
    match format {
        Format::Json => {
            let json: Vec<JsonHit> = views
                .map(|(h, v)| JsonHit {
                    id: v.full_id(),
                    document: &v.document.title,
                    section: &v.section.title,
                    text: &v.item.text,
                    score: h.score,
                })
                .collect();
            let text = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
            // JSON escapes, so the output stays valid JSON.
            writeln!(out, "{}", crate::terminal_text::escape_json(&text))
        }
        Format::Text => {
            if hits.is_empty() {
                return writeln!(out, "Ingen treff.");
            }
            for (i, (_, v)) in views.enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(
                    out,
                    "{}  ({} › {})",
                    v.full_id(),
                    v.document.short_name(),
                    v.section.title
                )?;
                writeln!(out, "  {}", v.item.text)?;
            }
            Ok(())
        }
    }
}

/// `somevett show`: one item in full. Returns false when the id is unknown.
pub fn show(
    library: &Library,
    id: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let Some(v) = library.find(id) else {
        writeln!(err, "somevett: fant ikke punktet «{id}»")?;
        let near = suggestions(library, id);
        if !near.is_empty() {
            writeln!(err, "Mente du:")?;
            for id in near {
                writeln!(err, "  {id}")?;
            }
        }
        return Ok(false);
    };
    writeln!(out, "{}", v.full_id())?;
    writeln!(out, "{}", v.item.text)?;
    writeln!(out)?;
    let mut fields = v.document.item_fields(v.section, v.item);
    if !v.item.tags.is_empty() {
        fields.push(("Emner", v.item.tags.join(", ")));
    }
    for (label, value) in fields {
        writeln!(out, "{:<12}{value}", format!("{label}:"))?;
    }
    if let Some(note) = &v.item.note {
        writeln!(out)?;
        writeln!(out, "{NOTE_HEADING}:")?;
        writeln!(out, "  {note}")?;
    }
    Ok(true)
}

/// Ids close to an unknown one: the items of the longest known prefix
/// (`doc.section.`, then `doc.`), else the best fuzzy matches.
fn suggestions(library: &Library, id: &str) -> Vec<String> {
    const MAX: usize = 5;
    let mut prefix = id;
    while let Some((head, _)) = prefix.rsplit_once('.') {
        let wanted = format!("{head}.");
        let found: Vec<String> = library
            .items()
            .map(|v| v.full_id())
            .filter(|full| full.starts_with(&wanted))
            .take(MAX)
            .collect();
        if !found.is_empty() {
            return found;
        }
        prefix = head;
    }
    let index = SearchIndex::new(library);
    index
        .search(&id.replace(['.', '-'], " "), MAX)
        .iter()
        .filter_map(|h| library.view(h.at).map(|v| v.full_id()))
        .collect()
}

/// A field of a line-based listing, kept on its line.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    crate::terminal_text::escape_line(text)
}

/// `somevett outcomes`: one line per file. Returns false if the folder cannot be read.
pub fn outcomes(dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<bool> {
    let listed = match crate::outcome::list(dir) {
        Ok(l) => l,
        Err(e) => {
            writeln!(err, "somevett: kan ikke lese {}: {e}", dir.display())?;
            return Ok(false);
        }
    };
    if listed.is_empty() {
        writeln!(out, "Ingen økter i {}.", dir.display())?;
        return Ok(true);
    }
    // One line per file, whatever a name or a title holds: a newline or
    // a tab in one is written as \n or \t, never as a line or a column.
    for l in &listed {
        let path = crate::terminal_text::path(&l.path);
        match &l.outcome {
            Ok(o) => writeln!(
                out,
                "{path}\t{}\t{}\t{}\t{}",
                one_line(&o.title),
                one_line(&o.municipality),
                one_line(&crate::domain::platform::join(&o.platforms, ", ")),
                o.updated
            )?,
            Err(e) => writeln!(out, "{path}\tØDELAGT\t{}", one_line(&e.to_string()))?,
        }
    }
    Ok(true)
}

/// What `check` found in the content: each document, the risk table,
/// the wheel, the checklists, the synonyms and the platforms.
fn content_summary(library: &Library, out: &mut dyn Write) -> std::io::Result<()> {
    for (d, origin) in library.documents.iter().zip(&library.origins) {
        writeln!(
            out,
            "{:<16} {:>4} punkter  {}",
            d.id,
            d.item_count(),
            origin
        )?;
    }
    let bands: Vec<String> = library
        .scales
        .bands
        .iter()
        .map(|b| format!("{} {}-{}", b.name, b.min, b.max))
        .collect();
    writeln!(
        out,
        "Risiko: {} personvernmål, {} scenarioer, bånd {}.",
        library.risks.goals.len(),
        library.risks.scenarios.len(),
        bands.join(", ")
    )?;
    writeln!(
        out,
        "Navigasjonshjul: {} dimensjoner.",
        library.wheel.dimensions.len()
    )?;
    let questions: usize = library
        .dilemmas
        .kinds
        .iter()
        .map(|k| k.questions.len())
        .sum();
    let items: usize = library
        .assessment
        .sections
        .iter()
        .map(|s| s.items.len())
        .sum();
    writeln!(
        out,
        "Dilemmaer: {} typer, {questions} spørsmål. Vurdering: {} deler, {items} punkter.",
        library.dilemmas.kinds.len(),
        library.assessment.sections.len(),
    )?;
    writeln!(out, "Synonymer: {} grupper.", library.synonyms.groups.len())?;
    writeln!(
        out,
        "Innhold OK: {} dokumenter, {} punkter.",
        library.documents.len(),
        library.item_count()
    )?;
    let platforms = &library.platforms.platforms;
    let names: Vec<&str> = platforms.iter().map(|p| p.id.as_str()).collect();
    let unknown: usize = platforms.iter().map(|p| p.unknown_fields().len()).sum();
    writeln!(
        out,
        "Plattformer: {} ({}); {unknown} felt uten kilde står som ikke kjent.",
        platforms.len(),
        names.join(", "),
    )
}

/// What may still be true but is worth a look: warnings, not errors.
fn content_warnings(library: &Library, err: &mut dyn Write) -> std::io::Result<()> {
    // An old fact may still be true.
    let today = crate::clock::Clock::System.now().today;
    for s in library.platforms.stale(today) {
        writeln!(
            err,
            "advarsel: {}:{}:{}: {}.{} ble sist sjekket {}, for mer enn {STALE_AFTER_MONTHS} måneder siden; sjekk kildene og oppdater checked",
            s.origin, s.at.0, s.at.1, s.platform, s.field, s.checked
        )?;
    }
    // A misnamed act, or a real act the list does not know.
    for (at, word) in library.unknown_acts() {
        writeln!(
            err,
            "advarsel: {at} nevner «{word}», som ikke står i listen over lover (data/acts.ron); sjekk navnet"
        )?;
    }
    Ok(())
}

/// `somevett check`: validates everything; returns false on any error.
pub fn check(
    data: Option<&Path>,
    keymap: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let mut ok = true;
    match Library::load(data) {
        Ok(library) => {
            content_summary(&library, out)?;
            content_warnings(&library, err)?;
        }
        Err(Errors(errors)) => {
            ok = false;
            for e in &errors {
                writeln!(err, "{e}")?;
            }
        }
    }
    let config_file = config_path();
    match Config::load(config_file.as_deref()) {
        Ok(config) => {
            let theme = config.theme.unwrap_or_default();
            match config_file {
                Some(p) => writeln!(out, "Innstillinger OK: {} (tema {theme})", p.display())?,
                None => writeln!(out, "Innstillinger OK: standard (tema {theme})")?,
            }
        }
        Err(e) => {
            ok = false;
            writeln!(err, "{e}")?;
        }
    }
    let keymap_file = keymap_path(keymap);
    match Keymap::load(keymap_file.as_deref()) {
        Ok(_) => match keymap_file {
            Some(p) => writeln!(out, "Tastatur OK: {}", p.display())?,
            None => writeln!(out, "Tastatur OK: standard")?,
        },
        Err(e) => {
            ok = false;
            writeln!(err, "{e}")?;
        }
    }
    Ok(ok)
}

#[derive(Debug, Serialize)]
struct JsonPlatform<'a> {
    id: &'a str,
    name: &'a str,
    origin: &'a str,
    facts: Vec<JsonFact<'a>>,
    cases: &'a [Case],
}

#[derive(Debug, Serialize)]
struct JsonFact<'a> {
    field: &'a str,
    label: &'a str,
    /// False when no source was found: not known, which is not «no».
    known: bool,
    answer: Option<bool>,
    text: Option<&'a str>,
    sources: &'a [Source],
    checked: Option<&'a str>,
}

/// `somevett platforms`: the facts about one platform, or all, with their
/// sources. Returns false when the name is unknown.
pub fn platforms(
    library: &Library,
    name: Option<&str>,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let catalog = &library.platforms;
    let chosen: Vec<&Platform> = match name {
        None => catalog.platforms.iter().collect(),
        Some(name) => match catalog.find(name) {
            Some(p) => vec![p],
            None => {
                writeln!(err, "somevett: fant ikke plattformen «{name}»")?;
                let known: Vec<&str> = catalog.platforms.iter().map(|p| p.id.as_str()).collect();
                writeln!(err, "Kjente plattformer: {}", known.join(", "))?;
                return Ok(false);
            }
        },
    };
    match format {
        Format::Json => {
            let json: Vec<JsonPlatform> = chosen.iter().map(|p| json_platform(p)).collect();
            let text = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
            writeln!(out, "{}", crate::terminal_text::escape_json(&text))?;
        }
        Format::Text => {
            for (i, p) in chosen.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write_platform(p, out)?;
            }
        }
    }
    Ok(true)
}

fn json_platform(p: &Platform) -> JsonPlatform<'_> {
    let facts = p
        .facts()
        .into_iter()
        .map(|(field, label, fact)| match fact {
            Fact::Unknown => JsonFact {
                field,
                label,
                known: false,
                answer: None,
                text: None,
                sources: &[],
                checked: None,
            },
            Fact::Known {
                answer,
                text,
                sources,
                checked,
            } => JsonFact {
                field,
                label,
                known: true,
                answer: *answer,
                text: Some(text),
                sources,
                checked: Some(checked),
            },
        })
        .collect();
    JsonPlatform {
        id: &p.id,
        name: &p.name,
        origin: &p.origin,
        facts,
        cases: &p.cases,
    }
}

fn write_platform(p: &Platform, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{} ({})  fra {}", p.name, p.id, p.origin)?;
    for (_, label, fact) in p.facts() {
        writeln!(out)?;
        match fact {
            Fact::Unknown => {
                writeln!(out, "{label}: ikke kjent")?;
                writeln!(
                    out,
                    "  Ingen kilde funnet; feltet står tomt heller enn å gjette."
                )?;
            }
            Fact::Known {
                answer,
                text,
                sources,
                checked,
            } => {
                match answer {
                    Some(true) => writeln!(out, "{label}: ja")?,
                    Some(false) => writeln!(out, "{label}: nei")?,
                    None => writeln!(out, "{label}")?,
                }
                writeln!(out, "  {text}")?;
                write_sources(sources, checked, "  ", out)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", platform::CASES_LABEL)?;
    if p.cases.is_empty() {
        writeln!(out, "  Ingen registrert.")?;
    }
    for c in &p.cases {
        writeln!(out, "  {}  {}: {}", c.date, c.authority, c.title)?;
        writeln!(out, "    {}", c.summary)?;
        write_sources(&c.sources, &c.checked, "    ", out)?;
    }
    Ok(())
}

fn write_sources(
    sources: &[Source],
    checked: &str,
    indent: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for s in sources {
        match &s.url {
            Some(url) => writeln!(out, "{indent}Kilde: {} ({}) {url}", s.title, s.publisher)?,
            None => writeln!(out, "{indent}Kilde: {} ({})", s.title, s.publisher)?,
        }
    }
    writeln!(out, "{indent}Sjekket {checked}.")
}

/// `somevett due`: what is overdue or due within `within` days, across the
/// outcomes in `dir`. Returns whether anything is overdue.
pub fn due(
    library: &Library,
    dir: &Path,
    today: jiff::civil::Date,
    within: u16,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Result<bool, String>> {
    // A scheduled job must hear that nothing was read: a folder that is not
    // there is no folder with nothing due.
    if !dir.is_dir() {
        return Ok(Err(format!(
            "somevett: mappen for økter finnes ikke: {}",
            crate::terminal_text::path(dir)
        )));
    }
    let listed = match crate::outcome::list(dir) {
        Ok(l) => l,
        Err(e) => {
            return Ok(Err(format!(
                "somevett: kan ikke lese {}: {e}",
                dir.display()
            )));
        }
    };
    let mut overdue = 0;
    let mut soon = 0;
    let mut unread = 0;
    for l in &listed {
        let o = match &l.outcome {
            Ok(o) => o,
            Err(e) => {
                unread += 1;
                writeln!(
                    err,
                    "somevett: hopper over {}: {}",
                    crate::terminal_text::path(&l.path),
                    one_line(&e.to_string())
                )?;
                continue;
            }
        };
        let items = crate::outcome::plan::due_items(o, library, today, i64::from(within));
        if items.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{} ({})",
            one_line(&o.title),
            crate::terminal_text::path(&l.path)
        )?;
        for d in items {
            let label = if d.overdue {
                overdue += 1;
                "FORFALT"
            } else {
                soon += 1;
                "snart  "
            };
            let who = if d.owner.is_empty() {
                String::new()
            } else {
                format!(" – {}", one_line(&d.owner))
            };
            let status = d
                .status
                .map_or(String::new(), |s| format!(" [{}]", s.label()));
            writeln!(
                out,
                "  {label} {}  {}{who}{status}",
                d.due,
                one_line(&d.what)
            )?;
            writeln!(out, "          {}", one_line(&d.origin))?;
        }
    }
    writeln!(
        out,
        "{overdue} forfalt, {soon} med frist innen {within} dager (fra {today})."
    )?;
    if unread > 0 {
        return Ok(Err(format!(
            "somevett: {unread} økt(er) kunne ikke leses; fristene i dem er ikke med over."
        )));
    }
    Ok(Ok(overdue > 0))
}
