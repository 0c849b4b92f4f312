//! Issue 27: the report (saksframlegg) in the outcome's målform. In
//! nynorsk every text of the report's own, the domain's labels and rules
//! and the content's own words comes from `data/nn/`; quotes keep their
//! words. These tests hold the embedded tables to every text the report
//! can print, three ways: the report of several outcomes, every label of
//! the domain's enums, and every literal the code hands to `Words`.

use std::collections::BTreeSet;

use crate::common;
use somevett::content::Library;
use somevett::domain::Outcome;
use somevett::domain::public::Malform;
use somevett::outcome;

fn nynorsk(mut o: Outcome) -> Outcome {
    o.public.malform = Malform::Nynorsk;
    o
}

/// The outcomes whose reports together print every part: the rich
/// two-platform example decided (proposal, processing, rounds, plan,
/// platforms, matrices per platform), the same reopened (a fact appealed),
/// the README's workshop with three voices revealed and a dissent, and an
/// empty outcome.
fn outcomes(library: &Library) -> Vec<Outcome> {
    let rich = common::rich_decided(library);
    let mut empty = Outcome::new("Tom vurdering".into(), String::new(), common::now());
    empty.platforms.clear();
    vec![rich, voiced(), empty]
}

fn voiced() -> Outcome {
    match outcome::load(std::path::Path::new("tests/data/workshop.ron")) {
        Ok((o, _)) => o,
        Err(e) => panic!("{e}"),
    }
}

fn untranslated(library: &Library, outcomes: Vec<Outcome>) -> BTreeSet<String> {
    let mut missing = BTreeSet::new();
    for o in outcomes {
        let o = nynorsk(o);
        let report = outcome::report::build_on(&o, library, common::day(common::TODAY));
        missing.extend(report.untranslated.iter().cloned());
        if let Some(a) = outcome::report::attachment(&o, library, &report) {
            missing.extend(a.untranslated);
        }
    }
    missing
}

#[test]
fn the_nynorsk_report_has_every_text_from_the_tables() {
    let library = common::library();
    let mut missing = untranslated(&library, outcomes(&library));
    let mut appealed = common::library();
    common::appeal_tiktok_transfers(&mut appealed);
    missing.extend(untranslated(
        &appealed,
        vec![common::rich_decided(&library)],
    ));
    assert!(
        missing.is_empty(),
        "{} texts have no nynorsk in data/nn/:\n{}",
        missing.len(),
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Whether the tables have the nynorsk of `nb`.
fn has_nynorsk(library: &Library, nb: &str) -> bool {
    let w = library.words(Malform::Nynorsk);
    w.t(nb);
    w.missing().is_empty()
}

#[test]
fn the_embedded_tables_are_read_when_needed_and_have_nothing_wrong() {
    let errors = somevett::content::nynorsk::embedded_errors();
    assert!(
        errors.is_empty(),
        "{}",
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Loading the library does not parse them: its own table is a pack's.
    assert!(common::library().nynorsk.is_empty());
    assert!(somevett::content::nynorsk::embedded().len() > 700);
}

#[test]
fn every_label_the_report_prints_of_the_domain_has_nynorsk() {
    use somevett::domain::checklist::Status;
    use somevett::domain::decision::{Decision, Reading};
    use somevett::domain::ground::Worked;
    use somevett::domain::risk::{MeasureStatus, Treatment};
    use somevett::domain::voices::Knowledge;
    use somevett::domain::wheel::Stance;
    use somevett::domain::{Role, case::LegalBasis, platform::FactStatus};
    let library = common::library();
    let mut labels: Vec<&str> = Vec::new();
    labels.extend(Decision::ALL.iter().flat_map(|d| [d.label(), d.meaning()]));
    labels.extend(Reading::ALL.iter().map(|r| r.label()));
    labels.extend(LegalBasis::ALL.iter().map(|b| b.label()));
    labels.extend(Knowledge::ALL.iter().map(|k| k.label()));
    labels.extend(Treatment::ALL.iter().map(|t| t.label()));
    labels.extend(MeasureStatus::ALL.iter().map(|s| s.label()));
    labels.extend(Stance::ALL.iter().map(|s| s.label()));
    labels.extend(Role::ALL.iter().map(|r| r.label()));
    labels.extend(Worked::ALL.iter().map(|w| w.label()));
    labels.extend(Status::ALL.iter().map(|s| s.label()));
    labels.extend(
        [
            FactStatus::Gjeldende,
            FactStatus::Anket,
            FactStatus::Opphevet,
            FactStatus::Historisk,
        ]
        .map(FactStatus::label),
    );
    labels.extend(somevett::domain::platform::FACTS.iter().map(|(_, l)| *l));
    labels.extend(
        somevett::domain::case::Processing::default()
            .description()
            .iter()
            .map(|(k, _)| *k),
    );
    labels.extend(somevett::outcome::board::HEADINGS);
    use somevett::domain::per_platform::FactAnswer;
    labels.extend(
        [
            FactAnswer::Yes,
            FactAnswer::No,
            FactAnswer::SeeText,
            FactAnswer::Unknown,
            FactAnswer::NotInCatalog,
        ]
        .map(somevett::outcome::board::fact),
    );
    let missing: Vec<&str> = labels
        .into_iter()
        .filter(|l| !has_nynorsk(&library, l))
        .collect();
    assert!(
        missing.is_empty(),
        "no nynorsk for:\n{}",
        missing.join("\n")
    );
}

/// The string literals the code hands to `Words` (`w.t("…")`, a
/// template's text in `w.f("…", …)`, both forms in `w.count(n, "…", "…")`
/// and every literal inside a `w.t(…)`, such as `w.t(if v { "ja" } else
/// { "nei" })`), in `source`.
fn literals_for_words(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (call, all) in [("w.t(", true), ("w.count(", true), ("w.f(", false)] {
        let mut rest = source;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            // A template that is not a literal (`w.f(template, …)`) is
            // checked where it is written.
            if !all && !rest.trim_start().starts_with('"') {
                continue;
            }
            let mut depth = 1;
            let mut chars = rest.char_indices().peekable();
            let mut end = rest.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    '"' => {
                        let mut lit = String::new();
                        while let Some((_, c)) = chars.next() {
                            match c {
                                '\\' => {
                                    if let Some((_, n)) = chars.next() {
                                        lit.push(n);
                                    }
                                }
                                '"' => break,
                                c => lit.push(c),
                            }
                        }
                        out.push(lit);
                        if !all {
                            // A template: its first literal; the rest are
                            // the values' names.
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &rest[end.min(rest.len())..];
        }
    }
    // Labels and headings written as lists for `w` to translate:
    // `set_fields(w, [("Label", …), …])` and `["A", "B"].map(|h| w.t(h))`.
    let quoted =
        |s: &str| -> Vec<String> { s.split('"').skip(1).step_by(2).map(str::to_owned).collect() };
    for part in source.split("set_fields(w, [").skip(1) {
        let list = part.split("]);").next().unwrap_or_default();
        for line in list.lines() {
            if let Some(label) = line.trim().strip_prefix("(\"") {
                out.extend(quoted(&format!("\"{label}")).into_iter().take(1));
            }
        }
    }
    for part in source
        .split(".map(|h| w.t(h))")
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .skip(1)
    {
        let part = part.trim_end();
        if part.ends_with(']')
            && let Some(open) = part.rfind('[')
        {
            out.extend(quoted(&part[open..]));
        }
    }
    out
}

#[test]
fn every_text_the_code_hands_to_words_has_nynorsk() {
    let library = common::library();
    let sources = [
        ("report.rs", include_str!("../crates/report/src/report.rs")),
        (
            "report/voices.rs",
            include_str!("../crates/report/src/report/voices.rs"),
        ),
        ("board.rs", include_str!("../crates/report/src/board.rs")),
        ("rules.rs", include_str!("../crates/domain/src/rules.rs")),
        ("ground.rs", include_str!("../crates/domain/src/ground.rs")),
        (
            "guideline.rs",
            include_str!("../crates/domain/src/guideline.rs"),
        ),
    ];
    let mut missing = BTreeSet::new();
    let mut found = 0;
    for (file, source) in sources {
        // The code, not its unit tests.
        let code = source.split("#[cfg(test)]").next().unwrap_or(source);
        for lit in literals_for_words(code) {
            found += 1;
            if !lit.trim().is_empty() && !has_nynorsk(&library, &lit) {
                missing.insert(format!("{file}: {lit}"));
            }
        }
    }
    assert!(found > 150, "the scan found only {found} texts");
    assert!(
        missing.is_empty(),
        "no nynorsk for:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The report's first pages (the case, management's decision, the lines
/// to sign and the summary) of the rich two-platform example, as
/// Markdown up to the action plan.
fn first_pages(malform: Malform) -> String {
    let library = common::library();
    let mut o = common::rich_decided(&library);
    o.public.malform = malform;
    let md = outcome::export::markdown_on(&o, &library, common::day(common::TODAY));
    let end = md.find("\n## Tiltaksplan").unwrap_or(md.len());
    md[..end].to_owned()
}

#[test]
fn the_first_pages_in_bokmal() {
    insta::assert_snapshot!(first_pages(Malform::Bokmal));
}

#[test]
fn the_first_pages_in_nynorsk() {
    insta::assert_snapshot!(first_pages(Malform::Nynorsk));
}

#[test]
fn the_report_in_nynorsk_is_tagged_nn_and_keeps_the_sources_words()
-> Result<(), Box<dyn std::error::Error>> {
    let library = common::library();
    let o = nynorsk(common::rich_decided(&library));
    let report = outcome::report::build(&o, &library);
    assert_eq!(report.lang, "nn");
    let pdf = outcome::pdf::to_pdf_on(&o, &library, common::day(common::TODAY))?;
    let doc = lopdf::Document::load_mem(&pdf)?;
    assert_eq!(doc.catalog()?.get(b"Lang")?.as_str()?, b"nn");
    // A quote from KS's table keeps its words in a nynorsk report.
    let md = outcome::export::to_markdown(&o, &library);
    let bokmal = outcome::export::to_markdown(&common::rich_decided(&library), &library);
    let quoted: Vec<&str> = library
        .risks
        .goals
        .iter()
        .flat_map(|g| &g.risks)
        .map(|r| r.text.as_str())
        .filter(|t| bokmal.contains(t))
        .collect();
    assert!(!quoted.is_empty(), "no KS risk in the report");
    for t in quoted {
        assert!(md.contains(t), "{t}");
    }
    assert!(md.contains("## Avgjerda til leiinga"), "{md}");
    assert!(!md.contains("Ledelsens beslutning"), "{md}");
    Ok(())
}

/// A `--data` folder whose scales name the top band «Kritisk» (a word the
/// embedded tables do not have), and an outcome in nynorsk beside it.
fn pack_with_own_band()
-> Result<(tempfile::TempDir, std::path::PathBuf), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    std::fs::create_dir(&data)?;
    let scales = include_str!("../data/scales.ron").replace("name: \"Høy\"", "name: \"Kritisk\"");
    assert!(scales.contains("Kritisk"));
    std::fs::write(data.join("scales.ron"), scales)?;
    let o = nynorsk(voiced());
    let file = dir.path().join("vurdering.ron");
    std::fs::write(&file, outcome::to_ron(&o)?)?;
    Ok((dir, file))
}

#[test]
fn a_packs_text_without_nynorsk_stands_in_bokmal_and_the_export_says_so()
-> Result<(), Box<dyn std::error::Error>> {
    let (dir, file) = pack_with_own_band()?;
    let data = dir.path().join("data");
    let md = dir.path().join("rapport.md");
    // The Markdown report, written over the last one; what it said.
    let export = || -> Result<String, Box<dyn std::error::Error>> {
        let out = common::somevett(&[
            "export",
            &file.to_string_lossy(),
            "--data",
            &data.to_string_lossy(),
            "-o",
            &md.to_string_lossy(),
            "--force",
        ]);
        let err = common::stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{err}");
        Ok(err)
    };
    let err = export()?;
    assert!(
        err.contains("ingen nynorsk") && err.contains("«Kritisk»"),
        "{err}"
    );
    let text = std::fs::read_to_string(&md)?;
    assert!(text.contains("(Kritisk)"), "{text}");

    // With the pack's own table the word is nynorsk, and nothing is said.
    std::fs::create_dir(data.join("nn"))?;
    std::fs::write(
        data.join("nn/eigne.ron"),
        r#"(texts: [(nb: "Kritisk", nn: "Kritisk (nn)")])"#,
    )?;
    let err = export()?;
    assert!(!err.contains("ingen nynorsk"), "{err}");
    assert!(std::fs::read_to_string(&md)?.contains("(Kritisk (nn))"));
    Ok(())
}

/// A `--data` folder with `table` as its `nn/eigne.ron`.
fn pack_table(table: &str) -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("nn"))?;
    std::fs::write(dir.path().join("nn/eigne.ron"), table)?;
    Ok(dir)
}

/// What loading `dir` says is wrong (an error if it loads).
fn load_errors(dir: &std::path::Path) -> Result<String, &'static str> {
    match Library::load(Some(dir)) {
        Ok(_) => Err("the table was taken"),
        Err(e) => Ok(e.to_string()),
    }
}

#[test]
fn a_packs_table_may_reword_an_embedded_nynorsk() -> Result<(), Box<dyn std::error::Error>> {
    let dir = pack_table(r#"(texts: [(nb: "Sammendrag", nn: "Oppsummering")])"#)?;
    let library = Library::load(Some(dir.path())).map_err(|e| e.to_string())?;
    let md = outcome::export::to_markdown(&nynorsk(voiced()), &library);
    assert!(md.contains("## Oppsummering"), "{md}");
    Ok(())
}

#[test]
fn a_bad_table_is_named_with_its_line_and_column() -> Result<(), Box<dyn std::error::Error>> {
    // A text given two nynorsk ones, and an entry without nynorsk.
    let dir = pack_table(
        "(texts: [\n    (nb: \"Kritisk\", nn: \"Kritisk\"),\n    (nb: \"Kritisk\", nn: \"Alvorleg\"),\n    (nb: \"Uklart\", nn: \"\"),\n])",
    )?;
    let errors = load_errors(dir.path())?;
    assert!(errors.contains("eigne.ron:3:"), "{errors}");
    assert!(errors.contains("to ulike nynorske tekster"), "{errors}");
    assert!(errors.contains("eigne.ron:4:"), "{errors}");
    assert!(
        errors.contains("både nb (bokmål) og nn (nynorsk)"),
        "{errors}"
    );
    // Malformed RON: file, line and column.
    let dir = pack_table("(texts: [\n    (nb: \"A\" nn: \"B\"),\n])")?;
    let errors = load_errors(dir.path())?;
    assert!(errors.contains("eigne.ron:2:"), "{errors}");
    Ok(())
}
