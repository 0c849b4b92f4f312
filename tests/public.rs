//! What the public reads (issue 27): the page's privacy statement, its
//! comment rules and the record of processing, written from the decision
//! in the outcome's målform, with every gap visible.

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use somevett::domain::Outcome;
use somevett::domain::public::{Malform, PublicInfo};
use somevett::outcome::public::{
    PublicExport, PublicKind, comment_rules, export_bytes, gaps, privacy_statement,
};

use crate::common::{self, press, render, screen_text};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn today() -> Option<somevett::domain::date::Date> {
    common::day("2026-11-23")
}

fn md(outcome: &Outcome, platform: &str) -> String {
    let library = common::library();
    let t = privacy_statement(outcome, &library, platform, today());
    somevett::outcome::export::render(&t.report)
}

/// Art. 13(1)-(2) element by element: the controller and its contact, the
/// DPO, purposes and basis, recipients, transfer, retention, rights,
/// complaint; each is the outcome's words or a visible gap.
#[test]
fn every_article_13_element_is_there_or_marked_fill_in() {
    let library = common::library();
    let mut rich = common::rich_decided(&library);
    let text = md(&rich, "Facebook");
    for heading in [
        "## Behandlingsansvarlig",
        "## Personvernombud",
        "## Hvorfor vi behandler personopplysninger",
        "## Behandlingsgrunnlag",
        "## Hvilke personopplysninger vi behandler, og om hvem",
        "## Hvem som får opplysningene",
        "## Overføring til land utenfor EU/EØS",
        "## Hvor lenge vi lagrer opplysningene",
        "## Dine rettigheter",
        "## Rett til å klage",
    ] {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for from_the_outcome in [
        "postmottak@kafjord.example",
        "personvernombud@kafjord.example",
        "Informere innbyggerne raskt om tjenester",
        "artikkel 6 nr. 1 bokstav e",
        "Kommuneloven § 4-1",
        "Følgere og de som kommenterer",
        "Ingen andre enn kommunen og plattformen",
        "Innlegg arkiveres etter arkivplanen",
    ] {
        assert!(
            flat.contains(from_the_outcome),
            "{from_the_outcome}:\n{text}"
        );
    }
    // Facebook's arrangement for joint controllership is cited with its source.
    assert!(flat.contains("felles behandlingsansvarlige for deler av behandlingen"));
    assert!(flat.contains("facebook.com/legal/terms/page_controller_addendum"));
    assert!(!flat.contains("[fyll inn"), "{text}");
    // Without the public details, each is a gap, and check-texts lists it.
    rich.public = PublicInfo::default();
    let flat = md(&rich, "Facebook")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("Kontakt: \\[fyll inn: kommunens adresse, e-post og telefon\\]"));
    assert!(flat.contains("\\[fyll inn: personvernombudets navn og e-post\\]"));
    let listed = gaps(&rich, &library, today());
    assert!(
        listed
            .iter()
            .any(|g| g
                == "Facebook, personvernerklæring: [fyll inn: personvernombudets navn og e-post]"),
        "{listed:#?}"
    );
}

/// A fact changed in a pack changes the text: TikTok's transfers under
/// appeal are marked for review, and check-texts says so.
#[test]
fn a_fact_under_appeal_is_marked_for_review_before_publishing() {
    let mut library = common::library();
    let rich = common::rich_decided(&library);
    let before = privacy_statement(&rich, &library, "TikTok", today());
    assert!(
        !before.gaps.iter().any(|g| g.contains("anket")),
        "{:?}",
        before.gaps
    );
    common::appeal_tiktok_transfers(&mut library);
    let after = privacy_statement(&rich, &library, "TikTok", today());
    let mark = "[til vurdering før publisering: opplysningen om overføring til land utenfor EU/EØS har status «anket» og ble sjekket";
    assert!(
        after.gaps.iter().any(|g| g.starts_with(mark)),
        "{:?}",
        after.gaps
    );
    assert!(
        gaps(&rich, &library, today())
            .iter()
            .any(|g| g.contains("anket"))
    );
}

#[test]
fn the_comment_rules_carry_the_decision_and_quote_the_sources() {
    let library = common::library();
    let rich = common::rich_decided(&library);
    let t = comment_rules(&rich, &library, "Facebook", today());
    let text = somevett::outcome::export::render(&t.report);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("hverdager kl. 8–15"), "{text}");
    // Management's condition about comments, from the latest round.
    assert!(
        flat.contains("Kommentarfeltet modereres hver virkedag."),
        "{text}"
    );
    // Nordmøre's Facebook rule, quoted in its own words with its citation.
    assert!(
        flat.contains("«Opplysninger som strider med personvernloven blir slettet.»"),
        "{text}"
    );
    assert!(flat.contains("Send saken din hit: postmottak@kafjord.example"));
    assert!(t.gaps.is_empty(), "{:?}", t.gaps);
}

#[test]
fn the_statement_in_bokmal_and_in_nynorsk() {
    let library = common::library();
    let mut rich = common::rich_decided(&library);
    insta::assert_snapshot!("privacy_statement_facebook_nb", md(&rich, "Facebook"));
    rich.public.malform = Malform::Nynorsk;
    insta::assert_snapshot!("privacy_statement_facebook_nn", md(&rich, "Facebook"));
    let t = comment_rules(&rich, &library, "Facebook", today());
    insta::assert_snapshot!(
        "comment_rules_facebook_nn",
        somevett::outcome::export::render(&t.report)
    );
}

fn count(h: &Handle, name: &str) -> usize {
    let own = match &h.data {
        NodeData::Element { name: n, .. } => usize::from(&*n.local == name),
        _ => 0,
    };
    own + h
        .children
        .borrow()
        .iter()
        .map(|c| count(c, name))
        .sum::<usize>()
}

/// The HTML parses as a browser parses it with no error, has one h1 and
/// says its language.
#[test]
fn the_html_parses_without_errors_with_one_h1_and_its_language() -> TestResult {
    let library = common::library();
    let mut rich = common::rich_decided(&library);
    for (malform, lang) in [(Malform::Bokmal, "nb"), (Malform::Nynorsk, "nn")] {
        rich.public.malform = malform;
        for kind in [PublicKind::Personvern, PublicKind::Kommentarregler] {
            let (bytes, _) = export_bytes(
                PublicExport::Text(kind),
                &rich,
                &library,
                Some("TikTok"),
                "html",
                today(),
            )?;
            let html = String::from_utf8(bytes)?;
            assert!(html.contains(&format!("<html lang=\"{lang}\">")));
            let dom = html5ever::parse_document(RcDom::default(), Default::default())
                .from_utf8()
                .read_from(&mut html.as_bytes())?;
            assert!(dom.errors.borrow().is_empty(), "{:?}", dom.errors.borrow());
            assert_eq!(count(&dom.document, "h1"), 1, "{html}");
        }
    }
    Ok(())
}

#[test]
fn the_pdf_of_a_nynorsk_text_is_tagged_nynorsk() -> TestResult {
    let library = common::library();
    let mut rich = common::rich_decided(&library);
    rich.public.malform = Malform::Nynorsk;
    let (bytes, _) = export_bytes(
        PublicExport::Text(PublicKind::Personvern),
        &rich,
        &library,
        Some("Facebook"),
        "pdf",
        today(),
    )?;
    let doc = lopdf::Document::load_mem(&bytes)?;
    let catalog = doc.catalog()?;
    let lang = catalog.get(b"Lang")?.as_str()?;
    assert_eq!(lang, b"nn");
    Ok(())
}

/// The record of processing: a row per platform with the fields art.
/// 30(1) lists, as JSON and as a sheet safe from formulas.
#[test]
fn the_record_of_processing_has_a_row_per_platform() -> TestResult {
    let library = common::library();
    let mut rich = common::rich_decided(&library);
    let (json, gaps) = export_bytes(
        PublicExport::Protokoll,
        &rich,
        &library,
        None,
        "json",
        today(),
    )?;
    assert!(gaps.is_empty(), "{gaps:?}");
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_slice(&json)?;
    assert_eq!(rows.len(), 2);
    for field in [
        "Behandlingsansvarlig og kontakt",
        "Personvernombud",
        "Formål",
        "Kategorier av registrerte",
        "Kategorier av personopplysninger",
        "Kategorier av mottakere",
        "Overføring til tredjeland",
        "Planlagte slettefrister",
        "Tekniske og organisatoriske sikkerhetstiltak",
    ] {
        assert!(rows[0].contains_key(field), "{field}: {rows:?}");
    }
    assert_eq!(rows[0]["Felles behandlingsansvarlig"], "ja");
    assert_eq!(rows[1]["Vurdering og beslutning"], "ikke godkjent");
    rich.public.recipients = "=HYPERLINK(\"http://x\")".into();
    let (csv, _) = export_bytes(
        PublicExport::Protokoll,
        &rich,
        &library,
        None,
        "csv",
        today(),
    )?;
    let text = String::from_utf8(csv)?;
    assert!(
        text.contains("'=HYPERLINK") || text.contains("; =HYPERLINK"),
        "{text}"
    );
    assert!(!text.contains(";=HYPERLINK"), "{text}");
    Ok(())
}

#[test]
fn the_cli_writes_the_texts_and_check_texts_exits_1_while_anything_is_missing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("workshop.ron");
    std::fs::copy("tests/data/workshop.ron", &path)?;
    let folder = dir.path().display().to_string();
    let base = ["--outcomes", folder.as_str()];
    let run = |args: &[&str]| {
        let all: Vec<&str> = base.iter().chain(args).copied().collect();
        common::somevett(&all)
    };
    let out = run(&["check-texts", "workshop", "--today", "2026-11-23"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    let text = common::stdout(&out);
    assert!(
        text.contains(
            "Instagram, personvernerklæring: [fyll inn: personvernombudets navn og e-post]"
        ),
        "{text}"
    );
    let html = dir.path().join("personvern.html");
    let html_arg = html.display().to_string();
    let out = run(&[
        "export",
        "workshop",
        "--format",
        "personvern",
        "-o",
        &html_arg,
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("ting mangler eller må vurderes"));
    assert!(
        std::fs::read_to_string(&html)?
            .contains("<h1>Personvernerklæring for Meråker kommune på Instagram</h1>")
    );
    let out = run(&["export", "workshop", "--format", "protokoll", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("protokoll skrives som .csv, .json"),
        "{}",
        common::stderr(&out)
    );
    // With every detail filled in, nothing is left to fill in; what stays
    // is Facebook's transfers, under appeal in the platform facts.
    let library = common::library();
    let mut rich = common::rich_decided(&library);
    rich.title = "Rik".into();
    std::fs::write(
        dir.path().join("rik.ron"),
        somevett::outcome::to_ron(&rich)?,
    )?;
    let out = run(&["check-texts", "Rik", "--today", "2026-11-23"]);
    let text = common::stdout(&out);
    assert!(!text.contains("fyll inn"), "{text}");
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.contains("til vurdering før publisering")),
        "{text}"
    );
    let out = run(&["export", "Rik", "--format", "personvern"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("velg én"),
        "{}",
        common::stderr(&out)
    );
    Ok(())
}

#[test]
fn vurdering_previews_the_texts_after_a_decision_and_fills_in_the_details() -> TestResult {
    let library = common::library();
    let dir = tempfile::tempdir()?;
    let mut rich = common::rich_decided(&library);
    rich.public = PublicInfo::default();
    let path = dir.path().join("rik.ron");
    std::fs::write(&path, somevett::outcome::to_ron(&rich)?)?;
    let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
    app.apply(somevett::ui::screen::Effect::File(
        somevett::ui::screen::FileOp::Open(path),
    ));
    press(&mut app, &["5", "T"]);
    let shown = screen_text(&render(&mut app, 120, 36));
    assert!(
        shown.contains("Til publikum: personvernerklæring for Facebook (bokmål)"),
        "{shown}"
    );
    assert!(shown.contains("ting å fylle inn eller vurdere"), "{shown}");
    // O: the målform and the details, one change.
    press(&mut app, &["esc", "O", "right"]);
    common::type_text(&mut app, "");
    press(&mut app, &["tab"]);
    common::type_text(&mut app, "postmottak@meraker.example");
    press(&mut app, &["ctrl-s"]);
    let o = app.outcome().ok_or("open")?;
    assert_eq!(o.public.malform, Malform::Nynorsk);
    assert_eq!(o.public.controller_contact, "postmottak@meraker.example");
    press(&mut app, &["T", "v"]);
    let shown = screen_text(&render(&mut app, 120, 36));
    assert!(
        shown.contains("Til publikum: kommentarregler for Facebook (nynorsk)"),
        "{shown}"
    );
    assert!(
        shown.contains("OM DENNE SIDA: KÅFJORD KOMMUNE PÅ FACEBOOK"),
        "{shown}"
    );
    // Undo takes the details back.
    press(&mut app, &["esc", "ctrl-z"]);
    assert_eq!(
        app.outcome().map(|o| o.public.malform),
        Some(Malform::Bokmal)
    );
    Ok(())
}

#[test]
fn a_pack_may_reword_a_text_and_names_an_item_that_is_not_there() -> TestResult {
    let data = common::data_with(common::PACK)?;
    std::fs::write(
        data.path().join("public.ron"),
        "(texts: [(key: \"personvern.klage\", nb: \"Klag til Datatilsynet.\", nn: \"Klag til Datatilsynet.\")], items: [])",
    )?;
    let library = somevett::content::Library::load(Some(data.path())).map_err(|e| e.to_string())?;
    let rich = common::rich_decided(&library);
    let t = privacy_statement(&rich, &library, "Facebook", today());
    let text = somevett::outcome::export::render(&t.report);
    assert!(text.contains("Klag til Datatilsynet."), "{text}");
    std::fs::write(
        data.path().join("public.ron"),
        "(texts: [], items: [(section: \"kommentar.regler\", ids: [\"nordmore.facebook.99\"])])",
    )?;
    let Err(e) = somevett::content::Library::load(Some(data.path())) else {
        return Err("an unknown item was accepted".into());
    };
    let message = e.to_string();
    assert!(message.contains("public.ron:1:"), "{message}");
    assert!(
        message.contains("«nordmore.facebook.99», som ikke finnes"),
        "{message}"
    );
    Ok(())
}

/// The embedded file quotes only items the embedded library has (a pack
/// that replaces a document may drop some, and they are left out).
#[test]
fn the_embedded_texts_quote_items_that_exist() -> TestResult {
    let library = common::library();
    let (file, text) = somevett::content::public::EMBEDDED_PUBLIC;
    let mut errors = Vec::new();
    let strict = somevett::content::public::parse(file, text, &library, true, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(strict.as_ref(), Some(&library.public));
    Ok(())
}

#[test]
fn every_text_the_writers_use_is_in_both_malformer() {
    let library = common::library();
    let mut rich = common::rich_decided(&library);
    for malform in [Malform::Bokmal, Malform::Nynorsk] {
        rich.public.malform = malform;
        let empty = Outcome {
            public: PublicInfo {
                malform,
                ..PublicInfo::default()
            },
            ..Outcome::new("x".into(), "x".into(), common::now())
        };
        for o in [&rich, &empty] {
            let mut all = String::new();
            for p in ["Facebook", "TikTok"] {
                for t in [
                    privacy_statement(o, &library, p, today()),
                    comment_rules(o, &library, p, today()),
                ] {
                    all.push_str(&somevett::outcome::export::render(&t.report));
                }
            }
            for row in somevett::outcome::public::protocol(o, &library, today()) {
                for (k, v) in row {
                    all.push_str(&k);
                    all.push_str(&v);
                }
            }
            assert!(!all.contains("mangler tekst"), "{all}");
        }
    }
}

/// The action plan's sheet and calendar follow the målform in their own
/// words; the measures and the risks keep theirs.
#[test]
fn the_action_plan_speaks_the_outcomes_malform() -> TestResult {
    let library = common::library();
    let mut rich = common::rich_decided(&library);
    let sheet = String::from_utf8(somevett::outcome::calendar::to_csv(&rich, &library)?)?;
    assert!(
        sheet.contains("Tiltak;Ansvarlig;Frist;Status;Fra;Kilde;Merknad"),
        "{sheet}"
    );
    rich.public.malform = Malform::Nynorsk;
    let sheet = String::from_utf8(somevett::outcome::calendar::to_csv(&rich, &library)?)?;
    assert!(
        sheet.contains("Tiltak;Ansvarleg;Frist;Status;Frå;Kjelde;Merknad"),
        "{sheet}"
    );
    assert!(
        sheet.contains(";open;") || sheet.contains(";pågår;"),
        "{sheet}"
    );
    assert!(sheet.contains("(berre TikTok)"), "{sheet}");
    let (ics, _) = somevett::outcome::calendar::to_ics(&rich, &library)?;
    assert!(ics.contains("Frå: Risiko"), "{ics}");
    assert!(!ics.contains("Fra: "), "{ics}");
    Ok(())
}

/// A `--data` pack that puts TikTok's transfers under appeal changes the
/// text: check-texts names it, and the statement is marked for review.
#[test]
fn a_fact_changed_in_a_data_pack_changes_the_text() -> TestResult {
    use somevett::domain::platform::{Fact, FactStatus, PlatformCatalog};
    let library = common::library();
    let dir = tempfile::tempdir()?;
    let mut rich = common::rich_decided(&library);
    rich.title = "Rik".into();
    std::fs::write(
        dir.path().join("rik.ron"),
        somevett::outcome::to_ron(&rich)?,
    )?;
    let folder = dir.path().display().to_string();
    let run = |extra: &[&str]| {
        let mut args = vec!["--outcomes", folder.as_str()];
        args.extend_from_slice(extra);
        args.extend(["check-texts", "Rik", "--today", "2026-11-23"]);
        common::somevett(&args)
    };
    let before = common::stdout(&run(&[]));
    assert!(
        !before.contains("TikTok, personvernerklæring: [til vurdering"),
        "{before}"
    );
    let mut tiktok = library.platforms.find("TikTok").ok_or("TikTok")?.clone();
    if let Fact::Known { status, .. } = &mut tiktok.transfers {
        *status = FactStatus::Anket;
    }
    let data = dir.path().join("data");
    std::fs::create_dir(&data)?;
    std::fs::write(
        data.join("platforms.ron"),
        ron::ser::to_string_pretty(
            &PlatformCatalog {
                platforms: vec![tiktok],
            },
            ron::ser::PrettyConfig::default(),
        )?,
    )?;
    let data = data.display().to_string();
    let out = run(&["--data", &data]);
    let after = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{after}");
    assert!(
        after.contains("TikTok, personvernerklæring: [til vurdering før publisering: opplysningen om overføring til land utenfor EU/EØS har status «anket»"),
        "{after}"
    );
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Random keys from the whole keymap over the public texts' preview and
    /// form: nothing panics, and the outcome still saves and loads unchanged.
    #[test]
    fn random_keys_over_the_public_texts_keep_the_outcome_saveable(
        picks in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 0..50),
        start in proptest::prop_oneof![proptest::strategy::Just("T"), proptest::strategy::Just("O")],
    ) {
        use proptest::test_runner::TestCaseError;
        let fail = |e: &dyn std::fmt::Display| TestCaseError::fail(e.to_string());
        let library = common::library();
        let dir = tempfile::tempdir().map_err(|e| fail(&e))?;
        let path = dir.path().join("rik.ron");
        let text = somevett::outcome::to_ron(&common::rich_decided(&library)).map_err(|e| fail(&e))?;
        std::fs::write(&path, text).map_err(|e| fail(&e))?;
        let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
        app.apply(somevett::ui::screen::Effect::File(somevett::ui::screen::FileOp::Open(path)));
        press(&mut app, &["5", start]);
        // Every key the keymap binds, and typed text; none that quits.
        let keys = &crate::keys::KEYS;
        for i in picks {
            let chord = keys[i.index(keys.len())];
            app.handle_key(crossterm::event::KeyEvent::new(chord.code, chord.modifiers));
            render(&mut app, 80, 24);
        }
        if let Some(s) = app.open_outcome() {
            let text = somevett::outcome::to_ron(&s.outcome).map_err(|e| fail(&e))?;
            let (back, _) = somevett::outcome::parse("prop.ron", &text).map_err(|e| fail(&e))?;
            proptest::prop_assert_eq!(&back, &s.outcome);
        }
    }
}
