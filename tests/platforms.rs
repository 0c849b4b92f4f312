//! Platform facts (`data/platforms.ron`): every fact sourced and dated, a
//! municipality's own file replaces or adds, old facts are flagged, broken
//! files are named with their place, and the shell shows the facts.

use crate::common;

use std::path::Path;

use common::{somevett, stderr, stdout};
use somevett::content::Library;
use somevett::domain::platform::{Fact, Platform};

const PLATFORMS: &[&str] = &[
    "facebook",
    "instagram",
    "tiktok",
    "linkedin",
    "youtube",
    "snapchat",
    "x",
];

/// A platform with one sourced fact, checked on `checked`, and one case.
fn own_platform(id: &str, name: &str, checked: &str) -> String {
    format!(
        r#"(
            id: "{id}",
            name: "{name}",
            company: Known(
                text: "Drives av en forening i Tyskland.",
                sources: [(title: "Om oss", publisher: "{name}", url: Some("https://example.org/om"))],
                checked: "{checked}",
            ),
            jurisdiction: Unknown,
            transfers: Known(
                answer: Some(false),
                text: "Nei, serveren står i EØS.",
                sources: [(title: "Personvern", publisher: "{name}", url: None)],
                checked: "{checked}",
            ),
            joint_controller: Unknown,
            advertising: Unknown,
            cases: [],
        )"#
    )
}

fn write_pack(dir: &Path, platforms: &[String]) -> std::io::Result<std::path::PathBuf> {
    let file = dir.join("platforms.ron");
    std::fs::write(&file, format!("(platforms: [{}])", platforms.join(",")))?;
    Ok(file)
}

/// `file:line:` of the first line of `file` that holds `needle`.
fn place_of(file: &Path, needle: &str) -> std::io::Result<String> {
    place_after(file, "", needle)
}

/// `file:line:` of the first line holding `needle` at or after the first
/// line holding `anchor`.
fn place_after(file: &Path, anchor: &str, needle: &str) -> std::io::Result<String> {
    let text = std::fs::read_to_string(file)?;
    let from = text.lines().position(|l| l.contains(anchor)).unwrap_or(0);
    let line = text
        .lines()
        .enumerate()
        .skip(from)
        .find(|(_, l)| l.contains(needle))
        .map_or(0, |(i, _)| i + 1);
    Ok(format!("{}:{line}:", file.display()))
}

fn dated(checked: &str) -> bool {
    checked.len() == 10 && checked.parse::<jiff::civil::Date>().is_ok()
}

#[test]
fn the_embedded_facts_cover_the_seven_platforms() {
    let library = common::library();
    let ids: Vec<&str> = library
        .platforms
        .platforms
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(ids, PLATFORMS);
}

#[test]
fn every_known_fact_and_case_has_a_source_and_a_check_date() {
    let library = common::library();
    let mut problems = Vec::new();
    for p in &library.platforms.platforms {
        for (field, _, fact) in p.facts() {
            if let Fact::Known {
                text,
                sources,
                checked,
                ..
            } = fact
            {
                let sourced = !sources.is_empty()
                    && sources
                        .iter()
                        .all(|s| !s.title.trim().is_empty() && !s.publisher.trim().is_empty());
                if text.trim().is_empty() || !sourced || !dated(checked) {
                    problems.push(format!("{}.{field}", p.id));
                }
            }
        }
        for (i, c) in p.cases.iter().enumerate() {
            if c.sources.is_empty() || !dated(&c.checked) || c.date.len() < 4 {
                problems.push(format!("{}.cases[{i}]", p.id));
            }
        }
    }
    assert!(problems.is_empty(), "unsourced or undated: {problems:?}");
}

#[test]
fn the_yes_no_facts_say_yes_or_no_when_they_are_known() {
    let library = common::library();
    for p in &library.platforms.platforms {
        for fact in [&p.transfers, &p.joint_controller] {
            if let Fact::Known { answer, .. } = fact {
                assert!(
                    answer.is_some(),
                    "{} has a known fact without an answer",
                    p.id
                );
            }
        }
    }
}

#[test]
fn what_the_issue_names_is_on_record_with_its_source() {
    let library = common::library();
    let find = |id: &str| -> &Platform {
        library
            .platforms
            .find(id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    // NSM's 2023 advice against TikTok on work devices.
    let nsm = find("tiktok")
        .cases
        .iter()
        .find(|c| c.authority.contains("NSM"));
    let nsm = nsm.unwrap_or_else(|| panic!("NSM's advice missing"));
    assert!(nsm.date.starts_with("2023-03"));
    assert!(nsm.sources.iter().any(|s| {
        s.url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://nsm.no/"))
    }));
    // Datatilsynet left Facebook; the CJEU made page owners joint controllers.
    let facebook = find("facebook");
    assert!(facebook.cases.iter().any(|c| c.title.contains("C-210/16")));
    assert!(
        facebook
            .cases
            .iter()
            .any(|c| c.authority == "Datatilsynet" && c.date == "2021-09-22")
    );
}

#[test]
fn a_municipalitys_file_replaces_a_platform_and_adds_one() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    write_pack(
        dir.path(),
        &[
            own_platform("tiktok", "TikTok (vår vurdering)", "2026-10-01"),
            own_platform("mastodon", "Mastodon", "2026-10-01"),
        ],
    )?;
    let library = Library::load(Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    let platforms = &library.platforms;
    let ids: Vec<&str> = platforms.platforms.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(&ids[..PLATFORMS.len()], PLATFORMS, "the order is kept");
    assert_eq!(ids.last(), Some(&"mastodon"));
    let tiktok = platforms
        .find("tiktok")
        .unwrap_or_else(|| panic!("tiktok missing"));
    assert_eq!(tiktok.name, "TikTok (vår vurdering)");
    assert!(tiktok.cases.is_empty(), "the whole platform is replaced");
    assert!(tiktok.origin.ends_with("platforms.ron") && tiktok.origin != "data/platforms.ron");
    let facebook = platforms
        .find("facebook")
        .unwrap_or_else(|| panic!("facebook missing"));
    assert_eq!(facebook.origin, "data/platforms.ron");
    Ok(())
}

#[test]
fn check_warns_about_a_fact_checked_over_a_year_ago() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = write_pack(
        dir.path(),
        &[own_platform("mastodon", "Mastodon", "2020-01-31")],
    )?;
    let out = somevett(&["check", "--data", &dir.path().to_string_lossy()]);
    let err = stderr(&out);
    assert!(out.status.success(), "a warning, not an error: {err}");
    let place = format!("advarsel: {}", place_of(&file, "\"mastodon\"")?);
    for field in ["company", "transfers"] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("mastodon.{field} ble sist sjekket 2020-01-31")));
        let line = line.unwrap_or_else(|| panic!("no warning for {field}:\n{err}"));
        assert!(line.starts_with(&place), "{line}");
    }
    assert!(stdout(&out).contains("Plattformer: 8"), "{}", stdout(&out));
    Ok(())
}

#[test]
fn a_fact_checked_this_year_gives_no_warning() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    write_pack(dir.path(), &[own_platform("mastodon", "Mastodon", &today)])?;
    let out = somevett(&["check", "--data", &dir.path().to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("mastodon."), "{}", stderr(&out));
    Ok(())
}

#[test]
fn a_malformed_file_is_named_with_line_and_column() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("platforms.ron");
    std::fs::write(
        &file,
        "(platforms: [(\n    id: \"mastodon\",\n    navn: \"Mastodon\",\n)])",
    )?;
    let out = somevett(&["check", "--data", &dir.path().to_string_lossy()]);
    assert!(!out.status.success());
    let expected = format!("{}:3:", file.display());
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
    Ok(())
}

#[test]
fn a_known_fact_without_a_source_is_refused_at_its_field() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let unsourced = own_platform("mastodon", "Mastodon", "2026-10-01").replace(
        r#"sources: [(title: "Personvern", publisher: "Mastodon", url: None)]"#,
        "sources: []",
    );
    let file = write_pack(
        dir.path(),
        &[own_platform("a", "A", "2026-10-01"), unsourced],
    )?;
    let out = somevett(&["check", "--data", &dir.path().to_string_lossy()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let expected = place_after(&file, "\"mastodon\"", "transfers:")?;
    assert!(
        err.contains(&expected) && err.contains("mastodon.transfers» har ingen kilde"),
        "{err}"
    );
    Ok(())
}

#[test]
fn the_shell_prints_a_known_fact_with_its_source() {
    let out = somevett(&["platforms", "TikTok"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("TikTok (tiktok)"), "{text}");
    assert!(text.contains("Overføring til tredjeland: ja"), "{text}");
    assert!(
        text.contains("Nasjonal sikkerhetsmyndighet")
            && text.contains(
                "https://nsm.no/aktuelt/anbefaler-ikke-tiktok-eller-telegram-pa-tjenesteenheter"
            ),
        "{text}"
    );
    assert!(
        text.contains("Felles behandlingsansvar (art. 26): ikke kjent"),
        "{text}"
    );
    assert!(text.contains("Sjekket 2026-11-23."), "{text}");
}

#[test]
fn the_shell_prints_every_platform_without_a_name() {
    let out = somevett(&["platforms"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for name in ["Facebook (facebook)", "X (tidligere Twitter) (x)"] {
        assert!(text.contains(name), "{name} missing");
    }
}

#[test]
fn the_json_has_every_fact_with_known_answer_and_sources() -> Result<(), serde_json::Error> {
    let out = somevett(&["platforms", "facebook", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let facebook = &json[0];
    assert_eq!(facebook["id"], "facebook");
    let facts = facebook["facts"].as_array().map_or(0, Vec::len);
    assert_eq!(facts, 5);
    let joint = &facebook["facts"][3];
    assert_eq!(joint["field"], "joint_controller");
    assert_eq!(joint["known"], true);
    assert_eq!(joint["answer"], true);
    assert!(joint["sources"][0]["url"].is_string());
    let out = somevett(&["platforms", "youtube", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let joint = &json[0]["facts"][3];
    assert_eq!(joint["field"], "joint_controller");
    assert_eq!(joint["known"], false);
    assert!(joint["answer"].is_null() && joint["text"].is_null());
    Ok(())
}

#[test]
fn an_unknown_platform_fails_and_lists_the_known_ones() {
    let out = somevett(&["platforms", "myspace"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("«myspace»"), "{err}");
    assert!(err.contains(&PLATFORMS.join(", ")), "{err}");
}

#[test]
fn escapes_in_a_municipalitys_file_never_reach_the_terminal() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let platform = own_platform("mastodon", "Mastodon", "2026-10-01").replace(
        "Drives av en forening",
        "Drives\u{1b}]0;pwned\u{7} av\u{1b}[2J en forening",
    );
    write_pack(dir.path(), &[platform])?;
    let data = dir.path().to_string_lossy().into_owned();
    let out = somevett(&["platforms", "mastodon", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!out.stdout.contains(&0x1b), "{:?}", stdout(&out));
    assert!(
        stdout(&out).contains("Drives av en forening"),
        "{}",
        stdout(&out)
    );
    Ok(())
}

#[test]
fn an_invented_act_in_a_platform_fact_is_flagged_by_check() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let platform = own_platform("mastodon", "Mastodon", "2026-10-01")
        .replace("Nei, serveren står i EØS.", "Nei, jf. opphavsrettsloven.");
    write_pack(dir.path(), &[platform])?;
    let out = somevett(&["check", "--data", &dir.path().to_string_lossy()]);
    assert!(
        out.status.success(),
        "a warning, not an error: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("platforms.ron mastodon.transfers nevner «opphavsrettsloven»"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

/// Issue 23 item 2: a fact says whether it still stands. The EU–US Data
/// Privacy Framework was upheld by the General Court (T-553/23) and is under
/// appeal (C-703/25 P): the transfer facts resting on it are «anket», with
/// the court's case cited; the Norwegian ban on Meta is history and says
/// that Personvernnemnda revoked the coercive fine.
#[test]
fn facts_say_whether_they_still_stand() -> Result<(), Box<dyn std::error::Error>> {
    let out = common::somevett(&["platforms", "facebook"]);
    let text = common::stdout(&out);
    assert!(text.contains("Status: anket."), "{text}");
    assert!(text.contains("C-703/25 P"), "{text}");
    assert!(
        text.contains("Personvernnemnda opphevet tvangsmulkten"),
        "{text}"
    );
    assert!(text.contains("Status: historisk."), "{text}");
    let json = common::stdout(&common::somevett(&[
        "platforms",
        "linkedin",
        "--format",
        "json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json)?;
    let facts = value
        .pointer("/0/facts")
        .or_else(|| value.pointer("/facts"))
        .and_then(|f| f.as_array())
        .ok_or("no facts")?;
    let transfers = facts
        .iter()
        .find(|f| f["field"] == "transfers")
        .ok_or("no transfers")?;
    assert_eq!(transfers["status"], "anket", "{transfers}");
    Ok(())
}

/// Issue 25 in the app: management's decision recorded on Vurdering keeps
/// what it rests on; when a fact it rests on changes in the catalogue,
/// screen 7 says «til ny vurdering» for that platform, and what the fact
/// said then and says now.
#[test]
fn a_decision_records_its_ground_and_screen_7_reopens_it_when_a_fact_moves()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let library = common::library();
    let mut rich = crate::example_outcomes::rich(&library);
    rich.next_review = None;
    let file = dir.path().join("kommunens-facebook-og-tiktok.ron");
    std::fs::write(&file, somevett::outcome::to_ron(&rich)?)?;
    let mut app = common::app_with(library).with_outcomes(Some(dir.path().to_path_buf()));
    common::press(&mut app, &["6", "enter", "5", "b"]);
    // Facebook godkjent and wanted, TikTok ikke godkjent and wanted.
    common::press(
        &mut app,
        &[
            "tab", "right", "tab", "tab", "right", "tab", "tab", "right", "right", "right", "tab",
            "tab", "right", "tab", "tab", "tab",
        ],
    );
    common::type_text(&mut app, "kommunedirektør");
    common::press(&mut app, &["shift-tab"]);
    common::type_text(&mut app, "Facebook med tiltakene.");
    common::press(&mut app, &["ctrl-s", "y"]);
    let open = app.open_outcome();
    let open = open.as_ref().ok_or("open")?;
    let latest = open.outcome.decision.latest().ok_or("a round")?;
    assert_eq!(open.outcome.decision.rounds.len(), 3);
    let ground = latest.ground.as_ref().ok_or("the round keeps its ground")?;
    assert!(
        ground
            .facts
            .iter()
            .any(|f| f.platform == "tiktok" && f.field == "transfers")
    );
    common::press(&mut app, &["ctrl-s"]);
    drop(app);

    // The catalogue moves: TikTok's transfers are under appeal.
    let mut moved = common::library();
    common::appeal_tiktok_transfers(&mut moved);
    let mut app = common::app_with(moved).with_outcomes(Some(dir.path().to_path_buf()));
    common::press(&mut app, &["6", "enter", "7", "home", "down"]);
    let text = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(text.contains("· 1 til ny vurdering"), "{text}");
    assert!(
        text.contains("TikTok") && text.contains("til ny vurdering !"),
        "{text}"
    );
    assert!(
        text.contains("• TikTok: Overføring til tredjeland er endret (status gjeldende → anket)"),
        "{text}"
    );
    assert!(
        text.contains("  Da: ") && text.contains("(gjeldende; sjekket"),
        "{text}"
    );
    assert!(text.contains("  Nå: "), "{text}");
    insta::assert_snapshot!(text);
    // Vurdering says it too, below its checklist.
    common::press(&mut app, &["5"]);
    let text = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(text.contains("til ny vurdering: v viser hvorfor"), "{text}");
    Ok(())
}

/// Issue 25: a review starts from the last decision. With nothing changed
/// its list is empty; the team says which measures worked and that the
/// change is not material, and the decision stands. When a fact moves, the
/// next review lists it, and a material change reopens the decision until
/// management decides again; the report shows the reviews.
#[test]
fn a_review_lists_what_changed_records_the_measures_and_material_reopens()
-> Result<(), Box<dyn std::error::Error>> {
    use somevett::domain::ground::Worked;
    let dir = tempfile::tempdir()?;
    let library = common::library();
    let rich = common::rich_decided(&library);
    let file = dir.path().join("kommunens-facebook-og-tiktok.ron");
    std::fs::write(&file, somevett::outcome::to_ron(&rich)?)?;
    let mut app = common::app_with(library).with_outcomes(Some(dir.path().to_path_buf()));
    common::press(&mut app, &["6", "enter", "5", "R"]);
    let text = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(text.contains("Gjennomgang av runde 2"), "{text}");
    assert!(
        text.contains("Ingenting er endret siden runde 2."),
        "{text}"
    );
    assert!(text.contains("R1: Moderer kommentarfeltet…"), "{text}");
    common::press(&mut app, &["tab"]);
    common::type_text(&mut app, "Per Olsen");
    // The first measure worked; then on to «Vesentlig endring»: nei.
    common::press(&mut app, &["tab", "right"]);
    let measures = somevett::domain::review::measures(&rich).len();
    for _ in 0..measures {
        common::press(&mut app, &["tab"]);
    }
    common::press(&mut app, &["right", "right", "ctrl-s"]);
    let open = app.open_outcome();
    let open = open.as_ref().ok_or("open")?;
    let review = open.outcome.decision.reviews.last().ok_or("a review")?;
    assert_eq!((review.round, review.material), (2, false));
    assert_eq!(review.by, "Per Olsen");
    assert!(review.changes.is_empty(), "{:?}", review.changes);
    assert_eq!(review.measures.len(), 1);
    assert_eq!(review.measures[0].worked, Worked::Ja);
    common::press(&mut app, &["ctrl-s"]);
    drop(app);

    // TikTok's transfers move; the next review lists it, and calls it material.
    let mut moved = common::library();
    common::appeal_tiktok_transfers(&mut moved);
    let mut app = common::app_with(moved.clone()).with_outcomes(Some(dir.path().to_path_buf()));
    common::press(&mut app, &["6", "enter", "5", "R"]);
    let text = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(
        text.contains("Endret siden gjennomgangen")
            && text.contains("TikTok: Overføring til tredjeland er endret"),
        "{text}"
    );
    common::press(&mut app, &["tab"]);
    for _ in 0..measures {
        common::press(&mut app, &["tab"]);
    }
    common::press(&mut app, &["tab", "right", "ctrl-s"]);
    let open = app.open_outcome();
    let outcome = &open.as_ref().ok_or("open")?.outcome;
    assert!(outcome.decision.reviews.last().is_some_and(|r| r.material));
    let why: Vec<String> = moved
        .reopened(outcome, "2026-11-23".parse()?)
        .iter()
        .map(|r| moved.describe(r))
        .collect();
    assert_eq!(
        why,
        ["gjennomgangen 2026-11-23 fant en vesentlig endring: ledelsen må beslutte på nytt"],
        "the review's ground is today's: only the material change speaks"
    );
    let report = somevett::outcome::export::to_markdown(outcome, &moved);
    assert!(
        report.contains("Gjennomgang av runde 2 (2026-11-23)")
            && report.contains("nei: beslutningen står")
            && report.contains("ja: ledelsen må beslutte på nytt")
            && report.contains("TikTok: Overføring til tredjeland er endret"),
        "{report}"
    );
    Ok(())
}

/// Issue 25: the precedent register is dated, sourced and checked, and
/// links only platforms, risks and wheel dimensions the embedded library
/// has (held strictly here; beside a pack that replaces them, a link it
/// lacks is left out).
#[test]
fn the_precedent_register_is_dated_sourced_and_linked() {
    let library = common::library();
    let (file, text) = somevett::content::precedents::EMBEDDED_PRECEDENTS;
    let mut errors = Vec::new();
    let strict = somevett::content::precedents::parse(file, text, &library, true, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    let register = strict.unwrap_or_default();
    assert_eq!(register, library.precedents);
    let ids: Vec<&str> = register.precedents.iter().map(|p| p.id.as_str()).collect();
    for wanted in [
        "datatilsynet-2021",
        "teknologiradet-2021",
        "digdir-2022",
        "sivilombudet-2022",
        "lyngdal-2023",
        "bergen-tiktok-2023",
        "vg-koln-2025",
    ] {
        assert!(ids.contains(&wanted), "{wanted} in {ids:?}");
    }
    for p in &register.precedents {
        assert!(
            !p.sources.is_empty() && p.sources.iter().all(|s| s.url.is_some()),
            "{}",
            p.id
        );
        assert!(!p.risks.is_empty() && !p.dimensions.is_empty(), "{}", p.id);
    }
    let koln = library.precedents.find("vg-koln-2025");
    assert_eq!(
        koln.map(|p| p.status),
        Some(somevett::domain::platform::FactStatus::Anket),
        "the judgment is under appeal"
    );
    let facebook: Vec<&str> = library
        .precedents
        .for_platform("facebook")
        .iter()
        .map(|p| p.date.as_str())
        .collect();
    let mut sorted = facebook.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(facebook, sorted, "newest first");
}

/// A municipality's `precedents.ron` adds its own and replaces by id; one
/// naming a risk the library does not have is refused with its place.
#[test]
fn a_pack_adds_precedents_and_a_bad_link_is_named_with_its_place()
-> Result<(), Box<dyn std::error::Error>> {
    let own = |risk: &str| {
        format!(
            r#"(precedents: [(
                id: "naboen-2024",
                date: "2024-05",
                body: "Nabokommunen",
                platforms: ["facebook"],
                chose: begrense,
                summary: "Stengte kommentarfeltet.",
                why: "For mye å moderere.",
                risks: ["{risk}"],
                dimensions: ["okonomi"],
                sources: [(title: "Vedtak i formannskapet", publisher: "Nabokommunen", url: None)],
                checked: "2026-12-01",
            )])"#
        )
    };
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("precedents.ron"), own("tabell.apenhet.r2"))?;
    let library = Library::load(Some(dir.path())).map_err(|e| e.to_string())?;
    assert!(library.precedents.find("naboen-2024").is_some());
    assert!(
        library.precedents.find("datatilsynet-2021").is_some(),
        "the embedded stay"
    );
    std::fs::write(dir.path().join("precedents.ron"), own("tabell.finnes.ikke"))?;
    let out = somevett(&["check", "--data", &dir.path().to_string_lossy()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("precedents.ron:2:") && err.contains("ukjent risiko «tabell.finnes.ikke»"),
        "{err}"
    );
    Ok(())
}

/// `somevett search` finds precedents after the guidelines, marked as
/// somevett's summaries; `somevett show` prints one with its sources.
#[test]
fn search_and_show_find_precedents() {
    let out = somevett(&["search", "Lyngdal"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "presedens.lyngdal-2023  (Presedenser: hva andre valgte (lagt til av somevett))"
        ),
        "{text}"
    );
    let out = somevett(&["show", "presedens.datatilsynet-2021"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        text.contains("2021-09-22 Datatilsynet: valgte å ikke bruke plattformen")
            && text.contains("Kilder:")
            && text.contains("https://www.ks.no/")
            && text.contains("Lagt til av somevett"),
        "{text}"
    );
    let json = stdout(&somevett(&["search", "Köln", "--format", "json"]));
    assert!(
        json.contains("\"id\": \"presedens.vg-koln-2025\""),
        "{json}"
    );
}
