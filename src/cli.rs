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

/// The help's layout in Norwegian: clap's own headings are English.
const HELP: &str = "{about-with-newline}\nBruk: {usage}\n\n{all-args}{after-help}";

/// The command line. Its help texts are the user's, so they are Norwegian
/// (`help = ...`); clap's English headings, help flag and help subcommand
/// are replaced (`HELP`, `Cli::help`), and its errors are put in Norwegian
/// by `main`.
#[derive(Debug, Parser)]
#[command(
    name = "somevett",
    version,
    about = "Vurder kommunens bruk av sosiale medier: retningslinjer, risiko, etikk og beslutning.",
    help_template = HELP,
    subcommand_help_heading = "Kommandoer",
    subcommand_value_name = "KOMMANDO",
    next_help_heading = "Valg",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    override_usage = "somevett [VALG] [KOMMANDO]"
)]
pub struct Cli {
    #[arg(
        long,
        global = true,
        value_name = "MAPPE",
        help = "Ekstra datamappe: pakker i MAPPE/guidelines/*.ron legger til dokumenter eller erstatter de innebygde."
    )]
    pub data: Option<PathBuf>,

    #[arg(
        long,
        global = true,
        value_name = "FIL",
        help = "Taster som endrer standardoppsettet (ellers keymap.ron i konfigurasjonsmappen, om den finnes)."
    )]
    pub keymap: Option<PathBuf>,

    #[arg(
        long,
        global = true,
        value_name = "MAPPE",
        help = "Mappen for lagrede økter (ellers $SOMEVETT_OUTCOMES, ellers plattformens datamappe)."
    )]
    pub outcomes: Option<PathBuf>,

    #[arg(
        long,
        global = true,
        help = "Les --data-pakkene på nytt: verken les eller skriv den ferdig tolkede kopien i hurtigbufferen (også SOMEVETT_NO_CACHE=1)."
    )]
    pub no_cache: bool,

    #[arg(
        long,
        value_enum,
        value_name = "NAVN",
        hide_possible_values = true,
        help = "Fargetema: dark, light, projector (høy kontrast for prosjektor) eller mono (uten farger); ellers «theme» i config.ron i konfigurasjonsmappen, ellers dark."
    )]
    pub theme: Option<ThemeName>,

    #[arg(
        long = "today",
        hide = true,
        value_name = "DATO",
        help = "Kjør appen som om det er denne dagen (ÅÅÅÅ-MM-DD, kl. 10 UTC), for tester: hva som er forfalt eller til ny vurdering avhenger av datoen."
    )]
    pub today: Option<String>,

    #[arg(
        long = "as",
        value_name = "NAVN",
        help = "Skår som en av deltakerne (Min stemme, M på Risiko): stemmen lagres som en egen fil ved siden av økten, og ingen ser tallene før tilretteleggeren viser dem."
    )]
    pub voice: Option<String>,

    #[arg(short, long, global = true, action = clap::ArgAction::Help, help = "Vis hjelp")]
    pub help: Option<bool>,

    #[arg(short = 'V', long, action = clap::ArgAction::Version, help = "Vis versjonen")]
    pub version: Option<bool>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
#[command(help_template = HELP, next_help_heading = "Valg")]
pub enum Command {
    #[command(
        about = "Søk i alle retningslinjene; skriver treffene, beste først.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett search [VALG] <ORD>..."
    )]
    Search {
        #[arg(
            required = true,
            num_args = 1..,
            value_name = "ORD",
            help_heading = "Argumenter",
            help = "Søkeordene; alle må treffe, i hvilken som helst rekkefølge."
        )]
        query: Vec<String>,
        #[arg(
            long,
            default_value_t = 10,
            hide_default_value = true,
            value_name = "ANTALL",
            help = "Høyst så mange treff (standard 10)."
        )]
        limit: usize,
        #[arg(
            long,
            value_enum,
            default_value_t = Format::Text,
            hide_possible_values = true,
            hide_default_value = true,
            help = "text (standard) eller json."
        )]
        format: Format,
    },
    #[command(
        about = "Vis ett punkt i retningslinjene i sin helhet, med id (f.eks. meraker.privat.3).",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett show [VALG] <ID>"
    )]
    Show {
        #[arg(value_name = "ID", help_heading = "Argumenter", help = "Punktets id.")]
        id: String,
    },
    #[command(
        about = "Kontroller de innebygde dataene, --data-pakkene, innstillingene og tastaturoppsettet.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett check [VALG]"
    )]
    Check,
    #[command(
        about = "Fakta om plattformene (selskap, overføring, art. 26, reklame, vedtak og dommer), hver med kilder og dato for kontroll.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett platforms [VALG] [NAVN]"
    )]
    Platforms {
        #[arg(
            value_name = "NAVN",
            help_heading = "Argumenter",
            help = "Én plattform, med id eller navn (f.eks. tiktok); alle når den utelates."
        )]
        name: Option<String>,
        #[arg(
            long,
            value_enum,
            default_value_t = Format::Text,
            hide_possible_values = true,
            hide_default_value = true,
            help = "text (standard) eller json."
        )]
        format: Format,
    },
    #[command(
        about = "List lagrede økter, og filer som ikke kan leses, med feilen.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett outcomes [VALG]"
    )]
    Outcomes,
    #[command(
        about = "Skriv rapporten for en økt: Markdown, PDF/A for arkivet, eller tiltaksplanen som kalender eller regneark.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett export [VALG] <ØKT>"
    )]
    Export {
        #[command(flatten)]
        which: OutcomeName,
        #[arg(
            long,
            value_enum,
            hide_possible_values = true,
            help = "md (standard), pdf (PDF/A-2a, merket for skjermlesere), ics (kalender) eller csv (regneark); uten den, etter filendelsen til UT. Til publikum: personvern (sidens personvernerklæring), kommentarregler (Om denne siden) eller protokoll (rad i behandlingsprotokollen); de skrives som Markdown, HTML eller PDF/A (protokollen som CSV eller JSON) etter filendelsen til UT."
        )]
        format: Option<ExportFormat>,
        #[arg(
            long,
            value_name = "NAVN",
            help = "Plattformen teksten til publikum gjelder, når økten har flere."
        )]
        platform: Option<String>,
        #[command(flatten)]
        today: Today,
        #[arg(
            short,
            long,
            value_name = "UT",
            help = "Skriv til denne filen i stedet for standard ut (må til for pdf)."
        )]
        output: Option<PathBuf>,
        #[arg(
            long,
            help = "Skriv over UT om den finnes (aldri over en økt eller noe annet enn en vanlig fil)."
        )]
        force: bool,
    },
    #[command(
        about = "List forfalte tiltak og tiltak med frist snart, gjennomganger, og beslutninger som hviler på plattformfakta eller kildepunkter som har endret seg (til ny vurdering), i alle økter; avslutter med 1 når noe er forfalt eller til ny vurdering, 2 når noe ikke kan leses.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett due [VALG]"
    )]
    Due {
        #[arg(
            long,
            default_value_t = 14,
            hide_default_value = true,
            value_name = "DAGER",
            help = "List også det som forfaller innen så mange dager (standard 14)."
        )]
        within: u16,
        #[command(flatten)]
        today: Today,
    },
    #[command(
        about = "Vis hele kommunen på én gang: hver enhet og plattform i alle økter, besluttet (og hvordan), ikke besluttet, til ny vurdering (og hvorfor) og forfalte tiltak; avslutter med 1 når noe er til ny vurdering eller forfalt, 2 når noe ikke kan leses.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett status [VALG]"
    )]
    Status {
        #[arg(
            long,
            value_enum,
            hide_possible_values = true,
            value_name = "FORMAT",
            help = "tekst (standard), csv (regneark, UTF-8) eller json."
        )]
        format: Option<StatusFormat>,
        #[command(flatten)]
        today: Today,
    },
    #[command(
        about = "List det som mangler i tekstene til publikum (personvernerklæringen og kommentarreglene for hver plattform): hvert «[fyll inn: …]» og hver opplysning som er anket eller eldre enn 12 måneder; avslutter med 1 når noe mangler.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett check-texts [VALG] <ØKT>"
    )]
    CheckTexts {
        #[command(flatten)]
        which: OutcomeName,
        #[command(flatten)]
        today: Today,
    },
    #[command(
        about = "List stemmene til en økt: hvem har levert hvilken runde, og hva som ikke lenger passer med risikolisten; --import henter inn en stemmefil fra e-post eller minnepinne.",
        help_template = HELP,
        next_help_heading = "Valg",
        override_usage = "somevett voices [VALG] <ØKT>"
    )]
    Voices {
        #[command(flatten)]
        which: OutcomeName,
        #[arg(
            long,
            value_name = "FIL",
            help = "Hent inn denne stemmefilen ved siden av økten (den nyeste av to fra samme person gjelder)."
        )]
        import: Option<PathBuf>,
    },
}

/// The outcome a command is about (`export`, `check-texts`, `voices`).
#[derive(Debug, Clone, clap::Args)]
pub struct OutcomeName {
    #[arg(
        value_name = "ØKT",
        help_heading = "Argumenter",
        help = "Økten: en .ron-fil, eller tittelen eller filnavnet (uten .ron) til en i mappen for økter."
    )]
    pub outcome: String,
}

/// `--today`: the day `due` and `status` count from, instead of the local
/// date (for tests and planning).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Today {
    #[arg(
        long = "today",
        hide = true,
        value_name = "DATO",
        help = "Datoen det regnes fra i stedet for i dag (ÅÅÅÅ-MM-DD), for tester og planlegging."
    )]
    pub day: Option<String>,
}

impl Today {
    /// The day given, or the local date; why not when it is no date.
    pub fn date(&self) -> Result<jiff::civil::Date, String> {
        match &self.day {
            Some(t) => crate::domain::date::parse(t).map_err(|e| format!("somevett: --today: {e}")),
            None => Ok(crate::clock::Clock::System.now().today),
        }
    }
}

/// How `somevett status` writes its overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Tekst,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Pdf,
    Ics,
    Csv,
    /// The page's privacy statement.
    Personvern,
    /// The rules for comments and messages.
    Kommentarregler,
    /// The record of processing, a row per platform.
    Protokoll,
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
    let precedents = precedent_hits(library, query);
    match format {
        Format::Json => {
            let mut json: Vec<JsonHit> = views
                .map(|(h, v)| JsonHit {
                    id: v.full_id(),
                    document: &v.document.title,
                    section: &v.section.title,
                    text: &v.item.text,
                    score: h.score,
                })
                .collect();
            json.extend(precedents.iter().map(|p| JsonHit {
                id: format!("{PRECEDENT_PREFIX}{}", p.id),
                document: PRECEDENTS_TITLE,
                section: &p.body,
                text: &p.summary,
                score: 0,
            }));
            let text = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
            // JSON escapes, so the output stays valid JSON.
            writeln!(out, "{}", crate::terminal_text::escape_json(&text))
        }
        Format::Text => {
            if hits.is_empty() && precedents.is_empty() {
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
            // What other bodies chose, after the guidelines: somevett's
            // summaries, not the sources' words.
            for (i, p) in precedents.iter().enumerate() {
                if i > 0 || !hits.is_empty() {
                    writeln!(out)?;
                }
                writeln!(out, "{PRECEDENT_PREFIX}{}  ({PRECEDENTS_TITLE})", p.id)?;
                writeln!(out, "  {}", one_line(&p.headline()))?;
                writeln!(out, "  {}", one_line(&p.summary))?;
            }
            Ok(())
        }
    }
}

/// How a precedent is named in search hits and to `show`.
const PRECEDENT_PREFIX: &str = "presedens.";
const PRECEDENTS_TITLE: &str = "Presedenser: hva andre valgte (lagt til av somevett)";

/// The precedents holding every word of the query (any case).
fn precedent_hits<'a>(
    library: &'a Library,
    query: &[String],
) -> Vec<&'a crate::domain::precedent::Precedent> {
    let words: Vec<String> = query
        .iter()
        .flat_map(|q| q.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    library
        .precedents
        .precedents
        .iter()
        .filter(|p| {
            let text = p.text().to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}

/// `somevett show` of a precedent: all of it, with its sources.
fn show_precedent(
    p: &crate::domain::precedent::Precedent,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{PRECEDENT_PREFIX}{}", p.id)?;
    writeln!(out, "{}", p.headline())?;
    writeln!(out)?;
    writeln!(out, "{}", p.summary)?;
    writeln!(out)?;
    writeln!(out, "Hvorfor: {}", p.why)?;
    writeln!(out)?;
    writeln!(out, "{:<12}{}", "Plattform:", p.platforms.join(", "))?;
    if !p.risks.is_empty() {
        writeln!(out, "{:<12}{}", "Risikoer:", p.risks.join(", "))?;
    }
    if !p.dimensions.is_empty() {
        writeln!(out, "{:<12}{}", "Hjulet:", p.dimensions.join(", "))?;
    }
    writeln!(out, "{:<12}{}", "Sjekket:", p.checked)?;
    writeln!(out, "Kilder:")?;
    for s in &p.sources {
        let url = s
            .url
            .as_deref()
            .map_or(String::new(), |u| format!(" <{u}>"));
        writeln!(out, "  {} ({}){url}", s.title, s.publisher)?;
    }
    if !p.note.is_empty() {
        writeln!(out)?;
        writeln!(out, "{NOTE_HEADING}:")?;
        writeln!(out, "  {}", p.note)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Lagt til av somevett: sammendraget er somevetts ord om det kildene sier."
    )
}

/// `somevett show`: one item in full. Returns false when the id is unknown.
pub fn show(
    library: &Library,
    id: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let precedent = library
        .precedents
        .find(id.strip_prefix(PRECEDENT_PREFIX).unwrap_or(id));
    if let (None, Some(p)) = (library.find(id), precedent) {
        show_precedent(p, out)?;
        return Ok(true);
    }
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
    )?;
    writeln!(
        out,
        "Presedenser: {} (hva andre offentlige organer valgte, med kilder).",
        library.precedents.precedents.len()
    )?;
    writeln!(
        out,
        "Tekster til publikum: {} faste tekster på bokmål og nynorsk.",
        library.public.len()
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

/// `somevett voices`: who has handed in which round, by name (never a
/// number: the reveal is the facilitator's), and what no longer matches the
/// risk list. Returns false when something could not be read or no longer
/// matches.
pub fn voices(
    library: &Library,
    file: &Path,
    outcome: &crate::domain::Outcome,
    out: &mut dyn Write,
) -> std::io::Result<bool> {
    use crate::domain::voices;
    let merged = crate::outcome::voices::merged(file, &outcome.id);
    let voting = &outcome.voting;
    let current = voting.current();
    let revealed = if voting.is_revealed(current) {
        "vist"
    } else {
        "ikke vist"
    };
    let count = match merged.voices.len() {
        1 => "1 stemme".to_owned(),
        n => format!("{n} stemmer"),
    };
    writeln!(
        out,
        "«{}»: runde {current} ({revealed}), {count}.",
        outcome.title
    )?;
    for v in &merged.voices {
        let rounds: Vec<String> = v
            .rounds
            .iter()
            .map(|r| match r.handed_in {
                Some(t) => format!(
                    "runde {} levert {}",
                    r.round,
                    t.strftime("%Y-%m-%d %H:%M UTC")
                ),
                None => format!("runde {} ikke levert", r.round),
            })
            .collect();
        writeln!(out, "{}\t{}", v.name, rounds.join("; "))?;
    }
    let ids: Vec<String> = library
        .risks
        .assessable(&outcome.risk)
        .iter()
        .map(|r| r.id.as_str().to_owned())
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut ok = true;
    for note in merged.notes.iter().cloned().chain(
        merged
            .voices
            .iter()
            .flat_map(|v| voices::mismatches(v, outcome, &ids)),
    ) {
        ok = false;
        writeln!(out, "merk: {note}")?;
    }
    Ok(ok)
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
    // The embedded nynorsk tables are read when a report needs them, not
    // at load: checked here.
    for e in crate::content::nynorsk::embedded_errors() {
        ok = false;
        writeln!(err, "{e}")?;
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
    /// gjeldende, anket, opphevet or historisk.
    status: Option<&'static str>,
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
                status: None,
            },
            Fact::Known {
                answer,
                text,
                sources,
                checked,
                status,
            } => JsonFact {
                field,
                label,
                known: true,
                answer: *answer,
                text: Some(text),
                sources,
                checked: Some(checked),
                status: Some(status.label()),
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
                status,
            } => {
                match answer {
                    Some(true) => writeln!(out, "{label}: ja")?,
                    Some(false) => writeln!(out, "{label}: nei")?,
                    None => writeln!(out, "{label}")?,
                }
                writeln!(out, "  {text}")?;
                if !status.is_current() {
                    writeln!(out, "  Status: {}.", status.label())?;
                }
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
        if !c.status.is_current() {
            writeln!(out, "    Status: {}.", c.status.label())?;
        }
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

/// `somevett due`: what is overdue or due within `within` days, and which
/// decisions rest on ground that has moved (`Library::reopened`), across
/// the outcomes in `dir`. Returns whether anything is overdue or reopened.
pub fn due(
    library: &Library,
    dir: &Path,
    today: jiff::civil::Date,
    within: u16,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Result<bool, String>> {
    let (readable, unread) = match readable_outcomes(dir, err)? {
        Ok(r) => r,
        Err(message) => return Ok(Err(message)),
    };
    let mut overdue = 0;
    let mut soon = 0;
    let mut reopened = 0;
    for (path, o) in &readable {
        let items = crate::outcome::plan::due_items(o, library, today, i64::from(within));
        // The review date is among the items already; the rest of what
        // reopens a decision is said here, fact by fact.
        let why: Vec<String> = library
            .reopened(o, today)
            .iter()
            .filter(|r| !matches!(r, crate::domain::ground::Reopened::ReviewPassed { .. }))
            .map(|r| library.describe(r))
            .collect();
        if items.is_empty() && why.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{} ({})",
            one_line(&o.title),
            crate::terminal_text::path(path)
        )?;
        if !why.is_empty() {
            reopened += 1;
            writeln!(
                out,
                "  TIL NY VURDERING: beslutningen hviler på noe som har endret seg"
            )?;
            for line in &why {
                writeln!(out, "          {}", one_line(line))?;
            }
        }
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
        "{overdue} forfalt, {soon} med frist innen {within} dager, {reopened} beslutning(er) til ny vurdering (fra {today})."
    )?;
    if unread > 0 {
        return Ok(Err(format!(
            "somevett: {unread} økt(er) kunne ikke leses; fristene i dem er ikke med over."
        )));
    }
    Ok(Ok(overdue > 0 || reopened > 0))
}

/// The outcomes of a folder that could be read (with their files), and how
/// many could not.
type Folder = (Vec<(PathBuf, crate::domain::Outcome)>, usize);

/// The outcomes in `dir` that can be read, and how many could not (each
/// named on `err`); an error when the folder is not there or cannot be
/// read: a scheduled job must hear that nothing was read.
fn readable_outcomes(dir: &Path, err: &mut dyn Write) -> std::io::Result<Result<Folder, String>> {
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
    let mut readable = Vec::new();
    let mut unread = 0;
    for l in listed {
        match l.outcome {
            Ok(o) => readable.push((l.path, o)),
            Err(e) => {
                unread += 1;
                writeln!(
                    err,
                    "somevett: hopper over {}: {}",
                    crate::terminal_text::path(&l.path),
                    one_line(&e.to_string())
                )?;
            }
        }
    }
    Ok(Ok((readable, unread)))
}

/// One unit × platform of `somevett status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatusRow {
    pub unit: String,
    pub outcome: String,
    pub platform: String,
    /// «besluttet», «ikke besluttet» or «til ny vurdering».
    pub state: String,
    /// Management's latest decision for the platform, if any.
    pub decision: String,
    /// Why a decision is to be assessed again.
    pub why: String,
    /// Measures past their due date, in the outcome.
    pub overdue_measures: usize,
    pub file: String,
}

/// Every unit × platform of the outcomes in `dir`, as on `today`; the
/// second value says whether anything is to be assessed again or overdue.
pub fn status_rows(
    library: &Library,
    dir: &Path,
    today: jiff::civil::Date,
    err: &mut dyn Write,
) -> std::io::Result<Result<(Vec<StatusRow>, usize), String>> {
    let (readable, unread) = match readable_outcomes(dir, err)? {
        Ok(r) => r,
        Err(message) => return Ok(Err(message)),
    };
    let rows = status_rows_of(
        library,
        readable.iter().map(|(path, o)| (path.as_path(), o)),
        today,
    );
    Ok(Ok((rows, unread)))
}

/// The rows of `somevett status` for outcomes already read (the app's
/// overview on Økter reads the listed ones).
pub fn status_rows_of<'a>(
    library: &Library,
    outcomes: impl IntoIterator<Item = (&'a Path, &'a crate::domain::Outcome)>,
    today: jiff::civil::Date,
) -> Vec<StatusRow> {
    let mut rows = Vec::new();
    for (path, o) in outcomes {
        let review = crate::outcome::plan::REVIEW_WHAT;
        let overdue = crate::outcome::plan::due_items(o, library, today, 0)
            .iter()
            .filter(|d| d.overdue && d.what != review)
            .count();
        let unit = [o.municipality.trim(), o.unit.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let latest = o.decision.latest();
        let reasons = library.reopened(o, today);
        let platforms: Vec<Option<&str>> = if o.platforms.is_empty() {
            vec![None]
        } else {
            o.platforms.iter().map(|p| Some(p.as_str())).collect()
        };
        for platform in platforms {
            let decision = latest.and_then(|r| match platform {
                Some(p) => r.decision_for(p),
                None => Some(r.decision),
            });
            // Each platform's reasons, and those about the whole decision.
            let why: Vec<String> = reasons
                .iter()
                .filter(|r| platform.is_none_or(|p| library.concerns(r, p)))
                .map(|r| library.describe(r))
                .collect();
            let (state, why) = match decision {
                None => ("ikke besluttet", String::new()),
                Some(_) if !why.is_empty() => ("til ny vurdering", why.join("; ")),
                Some(_) => ("besluttet", String::new()),
            };
            rows.push(StatusRow {
                unit: one_line(&unit).into_owned(),
                outcome: one_line(&o.title).into_owned(),
                platform: one_line(platform.unwrap_or("")).into_owned(),
                state: state.to_owned(),
                decision: decision.map_or(String::new(), |d| d.label().to_owned()),
                why,
                overdue_measures: overdue,
                file: crate::terminal_text::path(path),
            });
        }
    }
    rows
}

/// `somevett status`: the whole municipality at once, as text, CSV or JSON.
/// Ok(true) when anything is to be assessed again or overdue (exit 1).
pub fn status(
    library: &Library,
    dir: &Path,
    today: jiff::civil::Date,
    format: StatusFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Result<bool, String>> {
    let (rows, unread) = match status_rows(library, dir, today, err)? {
        Ok(r) => r,
        Err(message) => return Ok(Err(message)),
    };
    let attention = rows
        .iter()
        .any(|r| r.state == "til ny vurdering" || r.overdue_measures > 0);
    match format {
        StatusFormat::Json => {
            let text = serde_json::to_string_pretty(&rows).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        StatusFormat::Csv => {
            // A cell a spreadsheet would run as a formula is shown as text.
            let cell = |s: &str| {
                if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{s}")
                } else {
                    s.to_owned()
                }
            };
            let mut w = csv::WriterBuilder::new()
                .delimiter(b';')
                .from_writer(Vec::new());
            let fail = |e: csv::Error| std::io::Error::other(e.to_string());
            w.write_record([
                "Enhet",
                "Økt",
                "Plattform",
                "Status",
                "Beslutning",
                "Hvorfor",
                "Forfalte tiltak",
                "Fil",
            ])
            .map_err(fail)?;
            for r in &rows {
                w.write_record([
                    cell(&r.unit),
                    cell(&r.outcome),
                    cell(&r.platform),
                    r.state.clone(),
                    r.decision.clone(),
                    cell(&r.why),
                    r.overdue_measures.to_string(),
                    cell(&r.file),
                ])
                .map_err(fail)?;
            }
            // No byte order mark: standard output never carries an invisible
            // sign (open it in a spreadsheet as UTF-8).
            let bytes = w
                .into_inner()
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            out.write_all(&bytes)?;
        }
        StatusFormat::Tekst => {
            for r in &rows {
                let platform = if r.platform.is_empty() {
                    "–"
                } else {
                    &r.platform
                };
                let decided = if r.decision.is_empty() {
                    r.state.clone()
                } else {
                    format!("{}: {}", r.state, r.decision)
                };
                let why = if r.why.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", r.why)
                };
                let overdue = match r.overdue_measures {
                    0 => String::new(),
                    n => format!("; {n} forfalte tiltak"),
                };
                let unit = if r.unit.is_empty() { "–" } else { &r.unit };
                writeln!(
                    out,
                    "{unit} · {} · {platform}: {decided}{why}{overdue}",
                    r.outcome
                )?;
            }
            let count = |state: &str| rows.iter().filter(|r| r.state == state).count();
            writeln!(
                out,
                "{} plattform(er) i {} økt(er): {} besluttet, {} ikke besluttet, {} til ny vurdering (per {today}).",
                rows.len(),
                rows.iter()
                    .map(|r| &r.file)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len(),
                count("besluttet"),
                count("ikke besluttet"),
                count("til ny vurdering"),
            )?;
        }
    }
    if unread > 0 {
        return Ok(Err(format!(
            "somevett: {unread} økt(er) kunne ikke leses og er ikke med over."
        )));
    }
    Ok(Ok(attention))
}
