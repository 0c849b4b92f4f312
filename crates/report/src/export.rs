//! The Markdown report: the same document as the PDF (see `report`), laid
//! out to read as plain text too: lines of at most 80 columns, no HTML, and
//! a table only where it fits the width, else a list.

use crate::report::{self, Block, Matrix, Table};
use somevett_content::Library;
use somevett_domain::Outcome;

/// The text width every line is kept within (a long word or URL may pass it).
pub const WIDTH: usize = 80;

/// The whole outcome as a Markdown document, its attachment (the cited
/// guideline texts) after it.
pub fn to_markdown(outcome: &Outcome, library: &Library) -> String {
    markdown_on(outcome, library, None)
}

/// As `to_markdown`, written on `date`.
pub fn markdown_on(
    outcome: &Outcome,
    library: &Library,
    date: Option<somevett_domain::date::Date>,
) -> String {
    markdown_and_untranslated(outcome, library, date).0
}

/// The Markdown, and the texts of the report and its attachment that
/// stand in bokmål for want of nynorsk (`Report::untranslated`).
fn markdown_and_untranslated(
    outcome: &Outcome,
    library: &Library,
    date: Option<somevett_domain::date::Date>,
) -> (String, Vec<String>) {
    let main = report::build_on(outcome, library, date);
    let mut text = render(&main);
    let mut untranslated = main.untranslated.clone();
    if let Some(attachment) = report::attachment(outcome, library, &main) {
        text.truncate(text.trim_end().len());
        text.push_str("\n\n---\n\n");
        text.push_str(&render(&attachment));
        untranslated.extend(attachment.untranslated);
    }
    (text, untranslated)
}

/// A report as Markdown (CommonMark).
pub fn render(r: &report::Report) -> String {
    let mut out = String::new();
    let mut levels = report::HeadingLevels::default();
    for block in &r.blocks {
        match block {
            Block::Title(t) => {
                levels.next(1);
                out.push_str(&format!("# {}\n\n", escape(t)));
            }
            Block::Heading(level, t) => {
                // One line, however long: a heading's next line would be a
                // paragraph or, indented, a code block. Levels never skip.
                let level = levels.next(u16::from(*level) + 1);
                let hashes = "#".repeat(usize::from(level));
                out.push_str(&format!("{hashes} {}\n\n", escape(t)));
            }
            Block::Para(t) => {
                out.push_str(&wrap(&escape(t), "", ""));
                out.push('\n');
            }
            Block::Lead(lead, t) => {
                let text = if t.is_empty() {
                    format!("**{}**", escape(lead))
                } else {
                    format!("**{}** {}", escape(lead), escape(t))
                };
                out.push_str(&wrap(&text, "", ""));
                out.push('\n');
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let text = format!("**{}:** {}", escape(label), escape(value));
                    out.push_str(&wrap(&text, "- ", "  "));
                }
                out.push('\n');
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&wrap(&escape(item), "- ", "  "));
                }
                out.push('\n');
            }
            Block::Table(t) => {
                out.push_str(&table(t));
                out.push('\n');
            }
            Block::Matrix(m) => {
                out.push_str(&matrix(m));
                out.push('\n');
            }
            Block::Signatures(labels) => {
                for label in labels {
                    out.push_str(&format!("{}:\n\n{}\n\n", escape(label), "_".repeat(50)));
                }
            }
            Block::PageBreak => out.push_str("---\n\n"),
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// `text` filled to `WIDTH`, with the first line's and the others' indents.
/// A continuation line that would start Markdown structure is escaped.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    // Lines break at spaces only: «KS-veilederen» stays one word.
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for (i, line) in textwrap::wrap(text, options).iter().enumerate() {
        let body = &line[if i == 0 {
            0
        } else {
            rest.len().min(line.len())
        }..];
        if i > 0 {
            out.push_str(rest);
            let starts_structure = body.starts_with(['-', '+', '#', '>', '='])
                || body
                    .split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if starts_structure {
                out.push('\\');
            }
            out.push_str(body);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// A pipe table when every line fits `WIDTH`; else each row as a list item
/// with its cells as sub-items, so no line is wider than the page.
fn table(t: &Table) -> String {
    let cells = |row: &[String]| -> Vec<String> { row.iter().map(|c| escape(c)).collect() };
    let lines: Vec<String> = std::iter::once(cells(&t.header))
        .chain(t.rows.iter().map(|r| cells(r)))
        .map(|row| format!("| {} |", row.join(" | ")))
        .collect();
    if lines.iter().all(|l| l.chars().count() <= WIDTH) {
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            out.push_str(line);
            out.push('\n');
            if i == 0 {
                out.push_str(&format!("|{}\n", "---|".repeat(t.header.len())));
            }
        }
        return out;
    }
    // A row's number is text (`- **4.** …`), never an ordered list's
    // marker, which CommonMark renumbers 1, 2, 3: the matrices name the
    // risks by these numbers.
    let numbered = t.header.first().is_some_and(|h| h == "Nr");
    let mut out = String::new();
    for row in &t.rows {
        let (title, rest) = if numbered && row.len() > 1 {
            (format!("**{}.** {}", escape(&row[0]), escape(&row[1])), 2)
        } else {
            (
                format!("**{}**", escape(row.first().map_or("", String::as_str))),
                1,
            )
        };
        let indent = "  ".to_owned();
        out.push_str(&wrap(&title, "- ", &indent));
        for (h, c) in t.header.iter().zip(row).skip(rest) {
            let text = format!("{}: {}", escape(h), escape(c));
            out.push_str(&wrap(&text, &format!("{indent}- "), &format!("{indent}  ")));
        }
    }
    out
}

/// A matrix as a text grid in a code block: each cell has its band's
/// initial (`!` for the top band) and the numbers of the risks in it.
fn matrix(m: &Matrix) -> String {
    let cells: Vec<Vec<String>> = m
        .cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| {
                    let initial = c.band_name.chars().next().unwrap_or(' ');
                    let flag = if c.top { "!" } else { "" };
                    format!("{initial}{flag} {}", c.markers.join(","))
                        .trim_end()
                        .to_owned()
                })
                .collect()
        })
        .collect();
    let width = cells
        .iter()
        .flatten()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let rule = format!("    +{}\n", format!("{}+", "-".repeat(width + 2)).repeat(5));
    let mut out = format!("{}:\n\n```text\n", escape(&m.title));
    out.push_str(&format!(
        "S\\K {}\n",
        (1..=5)
            .map(|k| format!("  {k:<width$} "))
            .collect::<String>()
    ));
    out.push_str(&rule);
    for (row, l) in cells.iter().zip((1..=5).rev()) {
        out.push_str(&format!(" {l}  |"));
        for cell in row {
            out.push_str(&format!(" {cell:<width$} |"));
        }
        out.push('\n');
        out.push_str(&rule);
    }
    out.push_str("```\n");
    out
}

/// The kinds of file an outcome can be exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Md,
    Pdf,
    Ics,
    Csv,
}

impl Kind {
    /// The kind a file name's extension names: `.md`, `.pdf`, `.ics` or `.csv`.
    pub fn from_path(path: &std::path::Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Kind::Md,
            "pdf" => Kind::Pdf,
            "ics" => Kind::Ics,
            "csv" => Kind::Csv,
            _ => return None,
        })
    }
}

/// A report as files: the main document, the attachments written beside
/// it (each with the ending its name gets, e.g. `-vedlegg-1.pdf`), and a
/// remark for the user (e.g. how many measures a calendar left out for want
/// of a due date).
#[derive(Debug, Clone, Default)]
pub struct Exported {
    pub main: Vec<u8>,
    pub attachments: Vec<(String, Vec<u8>)>,
    pub remark: Option<String>,
}

/// The ending of the PDF attachment's file name.
pub const ATTACHMENT_SUFFIX: &str = "-vedlegg-1.pdf";

/// Where an attachment with `suffix` goes beside `path`: «rapport.pdf» ->
/// «rapport-vedlegg-1.pdf».
pub fn attachment_path(path: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}{suffix}"))
}

/// The outcome as files of `kind` (see `Exported`), written on `date`.
pub fn export(
    outcome: &Outcome,
    library: &Library,
    kind: Kind,
    date: Option<somevett_domain::date::Date>,
) -> Result<Exported, String> {
    if kind == Kind::Md {
        let (text, untranslated) = markdown_and_untranslated(outcome, library, date);
        return Ok(Exported {
            main: text.into_bytes(),
            attachments: Vec::new(),
            remark: untranslated_remark(untranslated),
        });
    }
    if kind != Kind::Pdf {
        let (main, remark) = bytes(outcome, library, kind, date)?;
        return Ok(Exported {
            main,
            attachments: Vec::new(),
            remark,
        });
    }
    let report = report::build_on(outcome, library, date);
    let (main, mut missing) = crate::pdf::render_checked(&report)?;
    let mut untranslated = report.untranslated.clone();
    let attachments = match report::attachment(outcome, library, &report) {
        Some(a) => {
            let (pdf, more) = crate::pdf::render_checked(&a)?;
            missing.extend(more);
            untranslated.extend(a.untranslated);
            vec![(ATTACHMENT_SUFFIX.to_owned(), pdf)]
        }
        None => Vec::new(),
    };
    missing.sort_unstable();
    missing.dedup();
    // A sign no embedded font has is drawn as «?»: say which, so nothing
    // is lost without a word.
    let signs = (!missing.is_empty()).then(|| {
        let signs: String = missing.iter().take(20).flat_map(|c| [*c, ' ']).collect();
        format!(
            "Advarsel: {} tegn finnes ikke i PDF-ens skrifter og står som «?»: {}",
            missing.len(),
            somevett_text::terminal::escape_line(signs.trim_end())
        )
    });
    let remark = [signs, untranslated_remark(untranslated)]
        .into_iter()
        .flatten()
        .reduce(|a, b| format!("{a}\n{b}"));
    Ok(Exported {
        main,
        attachments,
        remark,
    })
}

/// In nynorsk, the texts of a report and its attachment that the tables
/// (`data/nn/`, a pack's `nn/`) lack and that therefore stand in bokmål:
/// a pack's own texts, said so that nothing is half-translated unseen.
fn untranslated_remark(mut texts: Vec<String>) -> Option<String> {
    texts.sort_unstable();
    texts.dedup();
    if texts.is_empty() {
        return None;
    }
    let shown: Vec<String> = texts
        .iter()
        .take(5)
        .map(|t| {
            let t: String = t.chars().take(60).collect();
            format!("«{}»", somevett_text::terminal::escape_line(&t))
        })
        .collect();
    Some(format!(
        "Advarsel: {} tekster har ingen nynorsk i data/nn/ eller datamappens nn/ og står på bokmål: {}{}",
        texts.len(),
        shown.join(", "),
        if texts.len() > 5 { " …" } else { "" }
    ))
}

/// The outcome as one file of `kind`, and a remark for the user. A PDF is
/// the main document alone (`export` gives its attachment too); Markdown
/// holds the attachment after the report.
pub fn bytes(
    outcome: &Outcome,
    library: &Library,
    kind: Kind,
    date: Option<somevett_domain::date::Date>,
) -> Result<(Vec<u8>, Option<String>), String> {
    Ok(match kind {
        Kind::Md => (markdown_on(outcome, library, date).into_bytes(), None),
        Kind::Pdf => (crate::pdf::to_pdf_on(outcome, library, date)?, None),
        Kind::Ics => {
            let (text, left_out) = crate::calendar::to_ics(outcome, library)?;
            let remark = (left_out > 0)
                .then(|| format!("{left_out} tiltak uten frist er ikke med i kalenderen."));
            (text.into_bytes(), remark)
        }
        Kind::Csv => (crate::calendar::to_csv(outcome, library)?, None),
    })
}

/// Writes the outcome to `path` as the kind its extension names, atomically:
/// a failed write leaves any earlier file there as it was. Returns the
/// message for the status line.
/// What is at a report's path before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing: the report is a new file.
    New,
    /// A regular file, which writing replaces: ask first.
    Existing,
}

/// Whether a report may be written to `path`, and what is there. Never
/// over an outcome file (a `.ron` name) or anything but a regular file: a
/// link, a FIFO, a device or a folder is refused with what it is, so
/// `-o /dev/stdout` never turns a device into a file.
pub fn target(path: &std::path::Path) -> Result<Target, String> {
    let shown = somevett_text::terminal::path(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    if name
        .as_deref()
        .is_some_and(somevett_text::regular_file::is_ron)
    {
        return Err(format!(
            "{shown} er en RON-fil, og rapporten skrives aldri over en økt: velg et navn som slutter på .pdf, .md, .ics eller .csv."
        ));
    }
    let meta = match path.symlink_metadata() {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::New),
        Err(e) => return Err(format!("Kan ikke se på {shown}: {e}")),
    };
    if meta.file_type().is_symlink() {
        return Err(format!(
            "{shown} er en lenke; rapporten skrives bare til en vanlig fil."
        ));
    }
    if !meta.is_file() {
        return Err(format!(
            "{shown} er ikke en vanlig fil; rapporten skrives bare til en vanlig fil (uten -o går den til standard ut)."
        ));
    }
    Ok(Target::Existing)
}

/// Writes the report of `outcome` to `path`, whose target the caller has
/// checked (`target`) and, for an existing file, had confirmed; `date` is
/// the document's date (the day it is written).
pub fn write_file(
    outcome: &Outcome,
    library: &Library,
    path: &std::path::Path,
    date: Option<somevett_domain::date::Date>,
) -> Result<String, String> {
    let kind = Kind::from_path(path).ok_or_else(|| {
        format!(
            "{}: filen må slutte på .pdf, .md, .ics eller .csv.",
            path.display()
        )
    })?;
    target(path)?;
    let exported = export(outcome, library, kind, date)?;
    // The attachments first: a report is never left pointing at an
    // attachment that could not be written.
    let mut written = Vec::new();
    for (suffix, data) in &exported.attachments {
        let beside = attachment_path(path, suffix);
        target(&beside)?;
        somevett_store::atomic::write(&beside, data)
            .map_err(|e| format!("Kan ikke skrive {}: {e}", beside.display()))?;
        written.push(beside);
    }
    somevett_store::atomic::write(path, &exported.main)
        .map_err(|e| format!("Kan ikke skrive {}: {e}", path.display()))?;
    let mut message = format!("Rapporten er skrevet til {}", path.display());
    for beside in &written {
        message.push_str(&format!(", vedlegget til {}", beside.display()));
    }
    if let Some(r) = exported.remark {
        message.push_str(". ");
        message.push_str(&r);
    }
    Ok(message)
}

/// Keeps typed text from turning into Markdown structure (tables, headings, HTML).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // An underscore inside a word never starts emphasis (CommonMark):
        // `001_9fe` stays as it is, for whoever reads the text as text.
        let inside_word = |i: usize| {
            i > 0
                && chars.get(i - 1).is_some_and(|p| p.is_alphanumeric())
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        };
        match c {
            '_' if inside_word(i) => out.push(c),
            '|' | '\\' | '<' | '>' | '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use somevett_domain::{Participant, Role};

    #[test]
    fn report_lists_metadata_participants_and_notes() {
        let mut o = Outcome::new(
            "id-1".into(),
            "Skolens Instagram".into(),
            "2026-11-23T08:00:00Z".parse().unwrap(),
        );
        o.municipality = "Meråker".into();
        o.platforms = vec!["Instagram".into(), "Facebook".into()];
        o.participants = vec![Participant {
            role: Role::Personvernombud,
            name: "Kari".into(),
        }];
        o.notes = "Første linje\n| ikke en tabell |".into();
        let md = to_markdown(&o, &Library::default());
        assert!(md.starts_with("# Skolens Instagram\n"));
        assert!(md.contains("- **Kommune:** Meråker\n"), "{md}");
        assert!(
            md.contains("- **Plattformer:** Instagram, Facebook\n"),
            "{md}"
        );
        assert!(md.contains("| personvernombud | Kari |"));
        assert!(md.contains("\\| ikke en tabell \\|"));
        assert!(md.lines().all(|l| l.chars().count() <= WIDTH), "{md}");
        assert!(!md.contains("<br>"));
    }

    #[test]
    fn a_table_too_wide_for_the_page_becomes_a_list() {
        let t = Table {
            header: vec!["Nr".into(), "Tiltak".into(), "Ansvarlig".into()],
            rows: vec![vec!["1".into(), "ord ".repeat(30), "rektor".into()]],
            widths: vec![1.0, 1.0, 1.0],
        };
        let text = table(&t);
        assert!(!text.contains('|'), "{text}");
        assert!(text.starts_with("- **1.** ord ord"), "{text}");
        assert!(text.contains("  - Ansvarlig: rektor\n"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        let narrow = Table {
            rows: vec![vec!["1".into(), "kort".into(), "rektor".into()]],
            ..t
        };
        assert!(table(&narrow).starts_with("| Nr | Tiltak | Ansvarlig |\n|---|---|---|\n"));
    }
}
