//! The real binary, run as a user would from the shell.

use crate::common;

use std::process::{Command, Output};

use common::{somevett, stderr, stdout};

#[test]
fn search_prints_ranked_hits_as_text() {
    let out = somevett(&["search", "taushetsplikt", "--limit", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.to_lowercase().contains("taushetsplikt"), "{text}");
    assert_eq!(
        text.lines()
            .filter(|l| !l.starts_with(' ') && !l.is_empty())
            .count(),
        3,
        "{text}"
    );
}

#[test]
fn search_as_json_has_exactly_the_documented_fields() -> Result<(), serde_json::Error> {
    let out = somevett(&[
        "search", "bilder", "samtykke", "--format", "json", "--limit", "5",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&out.stdout)?;
    // Only the items that hold both words, and at most the limit.
    assert!((1..=5).contains(&hits.len()), "{}", hits.len());
    for hit in &hits {
        let mut keys: Vec<&str> = hit.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["document", "id", "score", "section", "text"]);
        assert!(hit["score"].is_i64());
    }
    let scores: Vec<i64> = hits.iter().filter_map(|h| h["score"].as_i64()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked best first: {scores:?}"
    );
    Ok(())
}

#[test]
fn search_with_no_hits_is_not_an_error() {
    let out = somevett(&["search", "xqzxqzxqz", "--format", "json"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), "[]");
    let out = somevett(&["search", "xqzxqzxqz"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), "Ingen treff.");
}

#[test]
fn show_prints_an_item_with_document_section_and_source() {
    let out = somevett(&["show", "meraker.privat.3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("meraker.privat.3\n"), "{text}");
    assert!(text.contains("taushetsplikt"), "{text}");
    assert!(text.contains("Meråker kommune"), "{text}");
    assert!(text.contains("Plassering:"), "{text}");
    assert!(text.contains("004_5c52ec4d8a8b17c0.txt"), "{text}");
}

#[test]
fn show_with_an_unknown_id_fails_with_a_message() {
    let out = somevett(&["show", "meraker.privat.99"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("fant ikke punktet «meraker.privat.99»"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("meraker.privat.1"),
        "suggests ids: {}",
        stderr(&out)
    );
}

/// The command line speaks Norwegian: its help and its errors (round 3,
/// ux Minor: clap's English).
#[test]
fn help_and_errors_are_norwegian() {
    let out = somevett(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    for word in [
        "Bruk: somevett [VALG] [KOMMANDO]",
        "Kommandoer:",
        "Valg:",
        "Vis hjelp",
    ] {
        assert!(help.contains(word), "{word}: {help}");
    }
    for english in ["Usage:", "Options:", "Commands:", "Print help", "[default:"] {
        assert!(!help.contains(english), "{english}: {help}");
    }
    let export = stdout(&somevett(&["export", "--help"]));
    assert!(
        export.contains("Argumenter:") && !export.contains("Arguments:"),
        "{export}"
    );
    let out = somevett(&["search", "x", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("feil: ugyldig verdi «xml» for --format"),
        "{err}"
    );
    assert!(err.contains("gyldige: text, json"), "{err}");
    let err = stderr(&somevett(&["finnes"]));
    assert!(err.contains("ukjent kommando «finnes»"), "{err}");
}

#[test]
fn a_bad_argument_fails_with_a_message() {
    let out = somevett(&["search", "x", "--limit", "mange"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--limit"), "{}", stderr(&out));
    let out = somevett(&["search", "x", "--format", "xml"]);
    assert!(!out.status.success());
}

/// clap's errors echo what was typed; they pass the same escaping as every
/// other message (round 3, rel F6: OSC 0, OSC 52, CSI 2J, C1 and U+202E
/// reached the terminal).
#[test]
fn an_argument_with_escape_sequences_is_echoed_escaped() {
    let payload = "A\u{1b}]0;pwned\u{7}\u{1b}[2JPWN\u{1b}]52;c;cm0K\u{7}\u{9b}31m\u{202e}evil";
    for args in [
        vec![payload],
        vec!["search", "x", "--format", payload],
        vec!["search", "x", "--limit", payload],
        vec!["due", "--within", payload],
    ] {
        let out = somevett(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("feil:"), "{err}");
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!err.contains(raw), "{raw:?} in {err:?}");
        }
    }
}

#[test]
fn check_passes_on_the_embedded_data() {
    let out = somevett(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Innhold OK"), "{}", stdout(&out));
}

#[test]
fn check_names_file_line_and_column_of_a_broken_pack() -> std::io::Result<()> {
    let dir = common::data_with("(\n  id: \"egen\",\n  titel: \"feil\",\n)")?;
    let file = dir.path().join("guidelines/egen.ron");
    let data = dir.path().to_string_lossy().into_owned();
    let out = somevett(&["check", "--data", &data]);
    assert!(!out.status.success());
    let expected = format!("{}:3:", file.display());
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
    Ok(())
}

#[test]
fn check_rejects_a_keymap_with_an_unknown_action() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("keymap.ron");
    std::fs::write(&file, "(\n  global: [(on: [\"x\"], run: fly_away)],\n)")?;
    let path = file.to_string_lossy().into_owned();
    let out = somevett(&["check", "--keymap", &path]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("{path}:2:")),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn an_unknown_theme_is_refused_with_the_valid_names() {
    let out = somevett(&["--theme", "neon"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("neon"), "{err}");
    assert!(
        ["dark", "light", "projector", "mono"]
            .iter()
            .all(|t| err.contains(t)),
        "{err}"
    );
}

/// somevett run with its config folder in `home` (XDG_CONFIG_HOME, which
/// the `directories` crate reads on Linux only).
#[cfg(target_os = "linux")]
fn somevett_configured(home: &std::path::Path, config: &str, args: &[&str]) -> Output {
    let folder = home.join("somevett");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(folder.join("config.ron"), config).unwrap_or_else(|e| panic!("{e}"));
    Command::new(env!("CARGO_BIN_EXE_somevett"))
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("NO_COLOR", "1")
        .env("SOMEVETT_NO_CACHE", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run somevett: {e}"))
}

/// config.ron is read as every other file (round 3, rel F11): a BOM is
/// dropped, a FIFO, a folder, a link that points nowhere or a file over
/// the size cap is refused with its reason, never silently passed over.
#[cfg(target_os = "linux")]
#[test]
fn config_ron_is_read_like_every_other_file() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = somevett_configured(dir.path(), "\u{feff}(theme: \"light\")", &["check"]);
    assert!(out.status.success(), "a BOM is dropped: {}", stderr(&out));
    assert!(stdout(&out).contains("(tema light)"), "{}", stdout(&out));
    let config = dir.path().join("somevett/config.ron");
    let check = |what: &str, expect: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_somevett"))
            .arg("check")
            .env("XDG_CONFIG_HOME", dir.path())
            .env("SOMEVETT_NO_CACHE", "1")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.contains("config.ron") && err.contains(expect),
            "{what}: {err}"
        );
    };
    std::fs::remove_file(&config)?;
    std::fs::create_dir(&config)?;
    check("a folder", "ikke en vanlig fil");
    std::fs::remove_dir(&config)?;
    std::os::unix::fs::symlink(dir.path().join("borte.ron"), &config)?;
    check("a dangling link", "lenke som ikke peker til noen fil");
    std::fs::remove_file(&config)?;
    let status = Command::new("mkfifo").arg(&config).status()?;
    assert!(status.success());
    check("a FIFO", "ikke en vanlig fil");
    std::fs::remove_file(&config)?;
    let big = std::fs::File::create(&config)?;
    big.set_len(200 * 1024 * 1024)?;
    check("200 MB", "for stor");
    Ok(())
}

/// A pack that is a link pointing nowhere fails `check` (rel F11).
#[cfg(unix)]
#[test]
fn a_dangling_pack_link_fails_check() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let guidelines = dir.path().join("guidelines");
    std::fs::create_dir(&guidelines)?;
    std::os::unix::fs::symlink(
        dir.path().join("borte.ron"),
        guidelines.join("minkommune.ron"),
    )?;
    let d = dir.path().to_string_lossy().into_owned();
    let out = somevett(&["check", "--data", &d]);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("minkommune.ron") && stderr(&out).contains("lenke"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[cfg(target_os = "linux")]
#[test]
fn the_config_file_chooses_the_theme_and_check_reports_it() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = somevett_configured(dir.path(), "(theme: \"projector\")", &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("(tema projector)"),
        "{}",
        stdout(&out)
    );
    Ok(())
}

#[cfg(target_os = "linux")]
#[test]
fn an_unknown_theme_in_the_config_file_names_the_place_and_the_valid_ones() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("somevett/config.ron");
    for args in [&["check"][..], &[][..], &["--theme", "mono"][..]] {
        let out = somevett_configured(dir.path(), "(\n  theme: \"neon\",\n)", args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{}:2:", file.display())),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("«neon»") && err.contains("dark, light, projector, mono"),
            "{args:?}: {err}"
        );
    }
    Ok(())
}

#[test]
fn a_data_pack_is_searchable_from_the_shell() -> std::io::Result<()> {
    let dir = common::data_with(&common::PACK.replace("Snøskuter", "Snøscooter"))?;
    let data = dir.path().to_string_lossy().into_owned();
    let out = somevett(&["search", "snoscooter", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("egen.a.1"), "{}", stdout(&out));
    Ok(())
}

#[test]
fn readme_key_table_matches_the_default_keymap() -> Result<(), Box<dyn std::error::Error>> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))?;
    let table = somevett::keymap::Keymap::default_keymap()?.markdown_table();
    assert!(
        readme.contains(&table),
        "README's key table is stale; it should read:\n{table}"
    );
    Ok(())
}

#[test]
fn readme_starts_with_the_two_commands_for_a_fresh_machine() -> std::io::Result<()> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))?;
    let opening: String = readme.lines().take(15).collect::<Vec<_>>().join("\n");
    assert!(opening.contains("cargo run --release"), "{opening}");
    assert!(opening.contains("cargo test --locked"), "{opening}");
    Ok(())
}

const OUTCOME: &str = r#"(
    format_version: 2,
    id: "20261123-test",
    title: "Skolens Instagram",
    municipality: "Meråker kommune",
    unit: "Oppvekst",
    platforms: ["Instagram"],
    participants: [(role: personvernombud, name: "Kari")],
    created: "2026-11-23T08:00:00Z",
    updated: "2026-11-23T09:00:00Z",
    notes: "Vi starter med en prøveperiode.",
)
"#;

#[test]
fn outcomes_lists_files_and_broken_ones_with_their_error() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("skolens-instagram.ron"), OUTCOME)?;
    std::fs::write(
        dir.path().join("odelagt.ron"),
        "(\n  format_version: 2,\n  title: \n",
    )?;
    let path = dir.path().to_string_lossy().into_owned();
    let out = somevett(&["outcomes", "--outcomes", &path]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Skolens Instagram\tMeråker kommune\tInstagram"),
        "{text}"
    );
    assert!(text.contains("odelagt.ron\tØDELAGT\t"), "{text}");
    assert!(
        text.contains("odelagt.ron:"),
        "the error names file:line:col: {text}"
    );
    Ok(())
}

#[test]
fn outcomes_folder_can_come_from_the_environment() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("a.ron"), OUTCOME)?;
    let out = Command::new(env!("CARGO_BIN_EXE_somevett"))
        .arg("outcomes")
        .env("SOMEVETT_NO_CACHE", "1")
        .env("SOMEVETT_OUTCOMES", dir.path())
        .output()?;
    assert!(
        stdout(&out).contains("Skolens Instagram"),
        "{}",
        stdout(&out)
    );
    Ok(())
}

#[test]
fn export_writes_a_markdown_report() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("okt.ron");
    std::fs::write(&file, OUTCOME)?;
    let report = dir.path().join("rapport.md");
    let (f, r) = (
        file.to_string_lossy().into_owned(),
        report.to_string_lossy().into_owned(),
    );
    let out = somevett(&["export", &f, "--format", "md", "-o", &r]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(&report)?;
    assert!(md.starts_with("# Skolens Instagram"), "{md}");
    assert!(md.contains("| personvernombud | Kari |"), "{md}");
    assert!(md.contains("Vi starter med en prøveperiode."), "{md}");
    let out = somevett(&["export", &f]);
    assert_eq!(
        stdout(&out),
        md,
        "without -o the report goes to standard output"
    );
    Ok(())
}

#[test]
fn export_of_a_broken_file_fails_with_file_line_and_column() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("feil.ron");
    std::fs::write(&file, "(\n  format_version: 2,\n  titel: \"x\",\n)")?;
    let f = file.to_string_lossy().into_owned();
    let out = somevett(&["export", &f]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("{f}:3:")),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn the_readme_outcome_example_loads() -> Result<(), Box<dyn std::error::Error>> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))?;
    let start = readme
        .find("```ron\n(\n    format_version")
        .ok_or("no outcome example in README")?
        + "```ron\n".len();
    let end = start + readme[start..].find("```").ok_or("unterminated example")?;
    let (outcome, migrated) = somevett::outcome::parse("README.md", &readme[start..end])?;
    assert_eq!(outcome.title, "Skolens Instagram");
    assert_eq!(migrated, None);
    assert_eq!(outcome.risk.assessments.len(), 1);
    Ok(())
}

#[test]
fn output_cut_short_by_the_reader_is_not_an_error() -> std::io::Result<()> {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_somevett"))
        .args(["search", "e", "--limit", "1000"])
        .env("SOMEVETT_NO_CACHE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let mut first = [0u8; 16];
    if let Some(out) = child.stdout.as_mut() {
        out.read_exact(&mut first)?;
    }
    drop(child.stdout.take()); // like `| head`
    let mut err = String::new();
    if let Some(e) = child.stderr.as_mut() {
        e.read_to_string(&mut err)?;
    }
    let status = child.wait()?;
    assert!(status.success(), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    Ok(())
}

#[test]
fn check_names_the_line_of_a_bad_synonym_group() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("synonyms.ron"),
        "(groups: [\n    (words: [\"snøskuter\", \"scooter\"], source: \"egne.docx\"),\n    (words: [\"bare ett\"], source: \"egne.docx\"),\n])",
    )?;
    let data = dir.path().to_string_lossy().into_owned();
    let out = somevett(&["check", "--data", &data]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("synonyms.ron:3:"), "{err}");
    assert!(err.contains("minst to ord"), "{err}");
    let out = somevett(&["check"]);
    assert!(stdout(&out).contains("Synonymer: "), "{}", stdout(&out));
    Ok(())
}

const WORKSHOP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/workshop.ron");

/// An outcomes folder holding the README's example workshop.
fn workshop_dir() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::copy(
        WORKSHOP,
        dir.path().join("skolens-instagram-2026-11-23.ron"),
    )?;
    Ok(dir)
}

/// A newline or a tab in a file name, a title or a measure never adds a
/// line or a column to `outcomes` and `due` (round 3, rel F10: a file name
/// printed a fake «ØDELAGT» record, a measure two «FORFALT» lines).
#[test]
fn names_and_texts_with_newlines_stay_on_their_line() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let text = std::fs::read_to_string(WORKSHOP)?
        .replace("\"Skolens Instagram\"", "\"Skolens\\nfalsk\\tlinje\"")
        .replace(
            "\"Lær opp de ansatte i bildebruk og samtykke.\"",
            "\"Lær opp\\n  FORFALT 2026-01-01  falsk\"",
        );
    std::fs::write(dir.path().join("a\nfalsk.ron\tØDELAGT\tx.ron"), text)?;
    let d = dir.path().to_string_lossy().into_owned();
    let out = somevett(&["--outcomes", &d, "outcomes"]);
    let listing = stdout(&out);
    assert_eq!(listing.lines().count(), 1, "{listing}");
    assert_eq!(listing.trim_end().split('\t').count(), 5, "{listing}");
    assert!(listing.contains("Skolens\\nfalsk"), "{listing}");
    let out = somevett(&["--outcomes", &d, "due", "--today", "16.12.2026"]);
    let due = stdout(&out);
    assert_eq!(
        due.matches("FORFALT").count(),
        2,
        "one line, the text escaped: {due}"
    );
    assert!(
        due.contains("Lær opp\\n  FORFALT 2026-01-01  falsk"),
        "{due}"
    );
    assert!(
        due.lines().all(|l| !l.starts_with("  FORFALT 2026-01-01")),
        "{due}"
    );
    Ok(())
}

/// `export -o` never writes over a file without `--force`, never over an
/// outcome file or anything but a regular file (round 3, rel F8: `-o
/// b.ron` replaced an outcome with Markdown, and a FIFO or `/dev/stdout`
/// became a regular file).
#[test]
fn export_writes_over_nothing_it_should_not() -> std::io::Result<()> {
    let dir = workshop_dir()?;
    let d = dir.path().to_string_lossy().into_owned();
    let report = dir.path().join("rapport.md");
    std::fs::write(&report, "mine notater")?;
    let r = report.to_string_lossy().into_owned();
    let out = somevett(&["--outcomes", &d, "export", "Skolens Instagram", "-o", &r]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&report)?, "mine notater");
    let out = somevett(&[
        "--outcomes",
        &d,
        "export",
        "Skolens Instagram",
        "-o",
        &r,
        "--force",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&report)?.starts_with("# Skolens"));
    let other = dir.path().join("annen.ron");
    std::fs::write(&other, "(format_version: 5)")?;
    let o = other.to_string_lossy().into_owned();
    let out = somevett(&[
        "--outcomes",
        &d,
        "export",
        "Skolens Instagram",
        "--format",
        "md",
        "-o",
        &o,
        "--force",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("RON-fil"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&other)?, "(format_version: 5)");
    #[cfg(unix)]
    {
        let fifo = dir.path().join("rør.md");
        assert!(Command::new("mkfifo").arg(&fifo).status()?.success());
        let link = dir.path().join("lenke.md");
        std::os::unix::fs::symlink(&report, &link)?;
        for target in [fifo, link] {
            let t = target.to_string_lossy().into_owned();
            let out = somevett(&[
                "--outcomes",
                &d,
                "export",
                "Skolens Instagram",
                "-o",
                &t,
                "--force",
            ]);
            assert!(!out.status.success(), "{t}");
            assert!(stderr(&out).contains("vanlig fil"), "{}", stderr(&out));
            assert!(
                !std::fs::symlink_metadata(&target)?.is_file(),
                "{t} is left as it was"
            );
        }
    }
    Ok(())
}

#[test]
fn export_finds_an_outcome_by_title_or_file_stem() -> std::io::Result<()> {
    let dir = workshop_dir()?;
    let d = dir.path().to_string_lossy().into_owned();
    for name in [
        "Skolens Instagram",
        "skolens instagram",
        "skolens-instagram-2026-11-23",
    ] {
        let out = somevett(&["--outcomes", &d, "export", name]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert!(stdout(&out).starts_with("# Skolens Instagram"), "{name}");
    }
    let out = somevett(&["--outcomes", &d, "export", "Finnes ikke"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("fant ingen økt «Finnes ikke»"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn export_writes_pdf_ics_and_csv_by_format_or_extension() -> std::io::Result<()> {
    let dir = workshop_dir()?;
    let d = dir.path().to_string_lossy().into_owned();
    let pdf = dir.path().join("rapport.pdf");
    let out = somevett(&[
        "--outcomes",
        &d,
        "export",
        "Skolens Instagram",
        "--format",
        "pdf",
        "-o",
        &pdf.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rapport.pdf"),
        "the path is shown: {}",
        stderr(&out)
    );
    assert!(std::fs::read(&pdf)?.starts_with(b"%PDF-"));
    let out = somevett(&[
        "--outcomes",
        &d,
        "export",
        "Skolens Instagram",
        "--format",
        "pdf",
    ]);
    assert!(!out.status.success(), "PDF is never written to a terminal");

    let ics = dir.path().join("plan.ics");
    let out = somevett(&[
        "--outcomes",
        &d,
        "export",
        "Skolens Instagram",
        "-o",
        &ics.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&ics)?;
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        4,
        "3 measures and the review: {text}"
    );
    assert!(text.contains("DTSTART;VALUE=DATE:20261215"), "{text}");
    assert!(
        text.contains("DTSTART;VALUE=DATE:20270601"),
        "the review: {text}"
    );
    assert!(
        text.lines().all(|l| l.len() <= 75 + 1),
        "lines folded at 75 octets: {text}"
    );

    let sheet = dir.path().join("plan.csv");
    let out = somevett(&[
        "--outcomes",
        &d,
        "export",
        "Skolens Instagram",
        "-o",
        &sheet.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(&sheet)?;
    assert_eq!(
        csv.lines().next(),
        Some("\u{feff}Tiltak;Ansvarlig;Frist;Status;Fra;Kilde;Merknad"),
        "a file has the byte order mark Excel needs for «æøå»"
    );
    let out = somevett(&[
        "--outcomes",
        &d,
        "export",
        "Skolens Instagram",
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        csv.trim_start_matches('\u{feff}'),
        "standard output has none"
    );
    let out = somevett(&[
        "--outcomes",
        &d,
        "export",
        "Skolens Instagram",
        "--format",
        "ics",
    ]);
    assert!(
        !stdout(&out).contains('\r') && !stdout(&out).contains("\\u{d}"),
        "LF on standard output"
    );
    assert!(stdout(&out).contains("BEGIN:VEVENT\n"), "{}", stdout(&out));
    assert_eq!(csv.lines().count(), 4, "a header and three measures: {csv}");
    assert!(
        csv.contains(
            "Fullfør vurderingen av personvernkonsekvenser.;personvernombud;2026-12-01;gjennomført;"
        ),
        "{csv}"
    );
    Ok(())
}

/// A scheduled job hears when nothing could be read: `due` exits 2 with a
/// message for a folder that is not there or a file it cannot read, not 0
/// as if nothing were due (round 3, report §5).
#[test]
fn due_exits_2_when_the_folder_or_a_file_cannot_be_read() -> std::io::Result<()> {
    let dir = workshop_dir()?;
    let missing = dir
        .path()
        .join("finnes-ikke")
        .to_string_lossy()
        .into_owned();
    let out = somevett(&["--outcomes", &missing, "due", "--today", "2026-11-24"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("finnes ikke"), "{}", stderr(&out));
    std::fs::write(dir.path().join("ødelagt.ron"), "(format_version: 5, tittel")?;
    let d = dir.path().to_string_lossy().into_owned();
    let out = somevett(&[
        "--outcomes",
        &d,
        "due",
        "--today",
        "2026-11-24",
        "--within",
        "30",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("kunne ikke leses"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("Lær opp de ansatte"),
        "the rest is listed"
    );
    Ok(())
}

#[test]
fn due_lists_overdue_measures_and_exits_1_for_a_scheduled_job() -> std::io::Result<()> {
    let dir = workshop_dir()?;
    let d = dir.path().to_string_lossy().into_owned();
    // Before anything is due: exit 0, and what falls due within 30 days.
    let out = somevett(&[
        "--outcomes",
        &d,
        "due",
        "--today",
        "2026-11-24",
        "--within",
        "30",
    ]);
    assert!(out.status.success(), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("snart   2026-12-15  Lær opp de ansatte"),
        "{text}"
    );
    assert!(
        !text.contains("Fullfør"),
        "a done measure is not due: {text}"
    );
    assert!(
        text.contains("0 forfalt, 1 med frist innen 30 dager"),
        "{text}"
    );
    // After 15 December the measure is overdue: exit 1.
    let out = somevett(&["--outcomes", &d, "due", "--today", "16.12.2026"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "FORFALT 2026-12-15  Lær opp de ansatte i bildebruk og samtykke. – rektor [åpen]"
        ),
        "{text}"
    );
    assert!(text.contains("Skolens Instagram"), "{text}");
    let out = somevett(&["--outcomes", &d, "due", "--today", "2026-13-01"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--today"), "{}", stderr(&out));
    Ok(())
}

/// Issue 25 item 4: `somevett status` shows the whole municipality at once:
/// each unit × platform across the outcomes, decided (and how), not decided,
/// to be assessed again (and why) and overdue measures; exit 1 when anything
/// needs attention, 2 when the folder is not there; CSV and JSON for a
/// report to the council.
#[test]
fn status_shows_every_unit_and_platform_and_what_needs_attention()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = workshop_dir()?;
    let mut undecided = somevett::domain::Outcome::new(
        "id-2".into(),
        "Helsestasjonen".into(),
        "2026-11-23T08:00:00Z".parse()?,
    );
    undecided.unit = "Helse".into();
    undecided.platforms = vec!["Facebook".into(), "TikTok".into()];
    std::fs::write(
        dir.path().join("helse.ron"),
        somevett::outcome::to_ron(&undecided)?,
    )?;
    let d = dir.path().to_string_lossy().into_owned();
    // Before the review date: decided, nothing overdue.
    let out = somevett(&["status", "--outcomes", &d, "--today", "2026-11-24"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    assert!(
        text.contains("Helse · Helsestasjonen · TikTok: ikke besluttet"),
        "{text}"
    );
    assert!(
        text.contains("Skolens Instagram · Instagram: besluttet: betinget godkjent"),
        "{text}"
    );
    assert!(
        text.contains(
            "3 plattform(er) i 2 økt(er): 1 besluttet, 2 ikke besluttet, 0 til ny vurdering"
        ),
        "{text}"
    );
    // After the review date: to be assessed again, and why; exit 1.
    let out = somevett(&["status", "--outcomes", &d, "--today", "2027-07-01"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "til ny vurdering: betinget godkjent (datoen for ny vurdering (2027-06-01) er passert)"
        ),
        "{text}"
    );
    assert!(text.contains("forfalte tiltak"), "{text}");
    // CSV and JSON carry the same rows.
    let csv = stdout(&somevett(&[
        "status",
        "--outcomes",
        &d,
        "--format",
        "csv",
        "--today",
        "2026-11-24",
    ]));
    assert!(
        csv.starts_with("Enhet;Økt;Plattform;Status;Beslutning;Hvorfor;Forfalte tiltak;Fil\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let json = stdout(&somevett(&[
        "status",
        "--outcomes",
        &d,
        "--format",
        "json",
        "--today",
        "2026-11-24",
    ]));
    let rows: serde_json::Value = serde_json::from_str(&json)?;
    assert_eq!(rows.as_array().map(Vec::len), Some(3), "{json}");
    // A folder that is not there is never «all clear».
    let missing = dir
        .path()
        .join("finnes-ikke")
        .to_string_lossy()
        .into_owned();
    let out = somevett(&["status", "--outcomes", &missing]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    Ok(())
}

/// Issue 25: a decision records what it rests on; when one platform fact
/// changes in a `--data` pack, `due` and `status` name exactly the
/// decisions that rest on it (TikTok's), with the fact and what changed,
/// and exit 1; the decision on Facebook alone stands.
#[test]
fn a_changed_platform_fact_reopens_the_decisions_that_rest_on_it()
-> Result<(), Box<dyn std::error::Error>> {
    use somevett::domain::platform::{Fact, FactStatus, PlatformCatalog};
    let library = common::library();
    let dir = tempfile::tempdir()?;
    let outcomes = dir.path().join("okter");
    std::fs::create_dir(&outcomes)?;
    let mut both = crate::example_outcomes::rich(&library);
    both.next_review = None;
    let mut facebook = both.clone();
    facebook.id = "facebook-alene".into();
    facebook.title = "Bare Facebook".into();
    facebook.platforms = vec!["Facebook".into()];
    for o in [&mut both, &mut facebook] {
        // Only the ground speaks here: no measure is due.
        o.measures_mut().for_each(|m| m.due = None);
        o.decision.rounds.truncate(1);
        let ground = library.ground(o);
        for round in &mut o.decision.rounds {
            round
                .platforms
                .retain(|p| o.platforms.contains(&p.platform));
            round.ground = Some(ground.clone());
        }
        let file = outcomes.join(format!("{}.ron", o.id));
        std::fs::write(file, somevett::outcome::to_ron(o)?)?;
    }
    let d = outcomes.to_string_lossy().into_owned();
    let today = "2026-12-07";
    let out = somevett(&["due", "--outcomes", &d, "--today", today, "--within", "0"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "nothing has moved yet: {}",
        stdout(&out)
    );

    // A municipality's pack: TikTok's transfers, now under appeal.
    let mut tiktok = library
        .platforms
        .find("TikTok")
        .ok_or("TikTok in the catalogue")?
        .clone();
    if let Fact::Known { status, .. } = &mut tiktok.transfers {
        *status = FactStatus::Anket;
    }
    let data = dir.path().join("data");
    std::fs::create_dir(&data)?;
    let pack = PlatformCatalog {
        platforms: vec![tiktok],
    };
    std::fs::write(
        data.join("platforms.ron"),
        ron::ser::to_string_pretty(&pack, ron::ser::PrettyConfig::default())?,
    )?;
    let data = data.to_string_lossy().into_owned();
    let out = somevett(&[
        "due",
        "--outcomes",
        &d,
        "--data",
        &data,
        "--today",
        today,
        "--within",
        "0",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert_eq!(text.matches("TIL NY VURDERING").count(), 1, "{text}");
    assert!(
        text.contains("Kommunens Facebook og TikTok")
            && text
                .contains("TikTok: Overføring til tredjeland er endret (status gjeldende → anket)"),
        "{text}"
    );
    assert!(!text.contains("Bare Facebook"), "{text}");
    assert!(text.contains("1 beslutning(er) til ny vurdering"), "{text}");

    let out = somevett(&[
        "status",
        "--outcomes",
        &d,
        "--data",
        &data,
        "--today",
        today,
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Kommunens Facebook og TikTok · TikTok: til ny vurdering"),
        "{text}"
    );
    assert!(
        text.contains("Kommunens Facebook og TikTok · Facebook: besluttet")
            && text.contains("Bare Facebook · Facebook: besluttet"),
        "the fact is TikTok's: {text}"
    );
    Ok(())
}
