//! Several voices, one record (issue 24): participants score on their own,
//! the facilitator reveals, opens a second round for the disputed risk,
//! sets the group's score, and the dissent is kept and reported.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use somevett::domain::Outcome;
use somevett::domain::change::Change;
use somevett::domain::checklist::Status;
use somevett::domain::risk::Score;
use somevett::domain::voices::{self, Knowledge, ScoreKey, Voice, VoiceScore};
use somevett::outcome;
use somevett::ui::screen::{Effect, FileOp};

use crate::common::{self, press, render, screen_text};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The README's example's one risk in the table.
const RISK: &str = "tabell.apenhet.r2";

fn score(l: u8, c: u8) -> Option<Score> {
    Some(Score {
        likelihood: l,
        consequence: c,
    })
}

/// A voice that has handed in `round` with these scores of `RISK`.
fn voice(outcome: &Outcome, name: &str, round: u32, before: (u8, u8), after: (u8, u8)) -> Voice {
    let mut v = Voice::new(&outcome.id, name, common::now());
    let r = v.round_mut(round);
    r.handed_in = Some(common::now());
    r.scores.push(VoiceScore {
        key: ScoreKey::new(RISK, None),
        title: "Enkelte typer tema".into(),
        inherent: score(before.0, before.1),
        residual: score(after.0, after.1),
        knowledge: Some(if name == "Ola Nordmann" {
            Knowledge::Svak
        } else {
            Knowledge::Sterk
        }),
        reason: format!("{name} sin grunn"),
        measures: if name == "Åse Ødegård" {
            vec!["Stenge kommentarene om kvelden".into()]
        } else {
            Vec::new()
        },
    });
    v
}

/// The key of KS's first assessment item.
fn first_item() -> String {
    let library = common::library();
    library.assessment.groups()[0].questions[0].1.clone()
}

/// The README's example in a folder of its own.
fn workshop() -> Result<(tempfile::TempDir, PathBuf, Outcome), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("workshop.ron");
    std::fs::copy("tests/data/workshop.ron", &path)?;
    let (o, _) = outcome::load(&path)?;
    Ok((dir, path, o))
}

fn open(dir: &Path, path: &Path, me: Option<&str>) -> somevett::app::App {
    let mut app = common::app()
        .with_outcomes(Some(dir.to_path_buf()))
        .with_voice(me.map(str::to_owned));
    app.apply(Effect::File(FileOp::Open(path.to_path_buf())));
    app
}

#[test]
fn three_voices_are_revealed_rescored_and_decided_with_one_named_dissent() -> TestResult {
    let (dir, path, o) = workshop()?;
    for (name, before, after, answer) in [
        ("Kari", (2, 2), (1, 2), Status::Ja),
        ("Ola Nordmann", (2, 2), (1, 1), Status::Nei),
        ("Åse Ødegård", (4, 4), (2, 3), Status::Ja),
    ] {
        let mut v = voice(&o, name, 1, before, after);
        v.set_answer(1, &first_item(), answer);
        outcome::voices::save(&path, &v)?;
    }
    let mut app = open(dir.path(), &path, None);
    press(&mut app, &["2", "S"]);
    // Before the reveal: who has handed in, never a number.
    let shown = screen_text(&render(&mut app, 120, 36));
    assert!(
        shown.contains("Levert (3): Kari, Ola Nordmann, Åse Ødegård"),
        "{shown}"
    );
    assert!(
        !shown.contains("4×4") && !shown.contains("sin grunn"),
        "{shown}"
    );

    press(&mut app, &["v"]);
    let voting = &app.outcome().ok_or("open")?.voting;
    assert_eq!(voting.round(1).map(|r| r.voices.len()), Some(3));
    let shown = screen_text(&render(&mut app, 120, 36));
    assert!(shown.contains("4–4–16"), "min–median–max: {shown}");
    assert!(shown.contains("Åse Ødegård: før 4×4=16"), "{shown}");
    assert!(
        shown.contains("KS-punkter besvart av stemmene: 1, med ulike svar: 1"),
        "{shown}"
    );

    // A second round for the disputed risk; only Åse scores it again.
    press(&mut app, &["n"]);
    let voting = &app.outcome().ok_or("open")?.voting;
    assert_eq!(voting.current(), 2);
    assert_eq!(voting.round(2).map(|r| r.keys.len()), Some(1));
    let mut ase = voice(&o, "Åse Ødegård", 1, (4, 4), (2, 3));
    ase.rounds
        .push(voice(&o, "Åse Ødegård", 2, (4, 4), (2, 3)).rounds.remove(0));
    outcome::voices::save(&path, &ase)?;
    app.apply(Effect::File(FileOp::ReadVoices));
    press(&mut app, &["v"]);
    // The first round is kept as it was revealed.
    let voting = &app.outcome().ok_or("open")?.voting;
    assert_eq!(voting.round(1).map(|r| r.voices.len()), Some(3));
    assert_eq!(voting.round(2).map(|r| r.voices.len()), Some(1));

    // The group's score starts at the median: 2×2 before, 1×2 after.
    press(&mut app, &["e", "ctrl-s"]);
    let o = app.outcome().ok_or("open")?;
    let a = o.risk.get(RISK).ok_or("risk")?;
    assert_eq!((a.inherent, a.residual), (score(2, 2), score(1, 2)));
    let dissents = o.voting.dissents();
    assert_eq!(dissents.len(), 1, "{dissents:?}");
    assert_eq!(dissents[0].1.name, "Åse Ødegård");
    assert_eq!(dissents[0].1.reason, "Åse Ødegård sin grunn");

    // Åse's proposed measure is taken into the outcome.
    press(&mut app, &["t", "enter"]);
    let o = app.outcome().ok_or("open")?;
    let a = o.risk.get(RISK).ok_or("risk")?;
    let taken = a
        .measures
        .iter()
        .find(|m| m.text == "Stenge kommentarene om kvelden")
        .ok_or("the proposal was not taken")?;
    assert_eq!(taken.note, "Foreslått av Åse Ødegård.");
    // Taking it is undone like any change (once the board is closed, as
    // over any overlay).
    press(&mut app, &["esc", "ctrl-z"]);
    let o = app.outcome().ok_or("open")?;
    assert!(
        !o.measures()
            .any(|m| m.text == "Stenge kommentarene om kvelden")
    );

    // The report: the dissent beside the decision, the spread and the weak knowledge.
    let library = common::library();
    let md = outcome::export::to_markdown(o, &library);
    assert!(md.contains("## Uenighet og usikkerhet"), "{md}");
    assert!(md.contains("**Dissens.** Én stemme"), "{md}");
    assert!(md.contains("**Dissens: Åse Ødegård.**"), "{md}");
    assert!(
        md.contains("| Ola Nordmann | 2×2 = 4 | 1×1 = 1 | svak |"),
        "{md}"
    );
    assert!(md.contains("### Der kunnskapen var svak"), "{md}");
    assert!(md.contains("### Stemmenes svar på KS-punktene"), "{md}");
    // Åse's second round (below) answered nothing: her first round's answer
    // is not in the voice she handed in last.
    assert!(
        md.contains("  - Svar: Kari: ja; Ola Nordmann: nei\n  - Ulikt: ja"),
        "{md}"
    );
    // It survives a save and a load in the new format.
    let text = outcome::to_ron(o)?;
    let (back, migrated) = outcome::parse("x.ron", &text)?;
    assert_eq!(migrated, None);
    assert_eq!(back.voting, o.voting);
    // In nynorsk, the voices' part has every text from data/nn/ (issue 27).
    let mut nn = o.clone();
    nn.public.malform = somevett::domain::public::Malform::Nynorsk;
    let report = outcome::report::build(&nn, &library);
    assert_eq!(report.untranslated, Vec::<String>::new());
    let md = outcome::export::to_markdown(&nn, &library);
    assert!(md.contains("## Usemje og uvisse"), "{md}");
    Ok(())
}

#[test]
fn a_participant_scores_alone_and_sees_no_other_voice() -> TestResult {
    let (dir, path, o) = workshop()?;
    outcome::voices::save(&path, &voice(&o, "Åse Ødegård", 1, (4, 4), (2, 3)))?;
    let mut app = open(dir.path(), &path, Some("Kari"));
    press(&mut app, &["2", "M", "3", "2", "1", "1", "w"]);
    // KS's items, if Kari wants: the first answered «nei».
    press(&mut app, &["v", "n", "v", "L"]);
    let shown = screen_text(&render(&mut app, 80, 24));
    assert!(
        shown.contains("Min stemme: Kari, runde 1 (levert)"),
        "{shown}"
    );
    assert!(!shown.contains("Åse"), "another voice shows: {shown}");
    let kari = outcome::voices::read(&outcome::voices::voice_path(&path, "Kari"))?;
    let r = kari.round(1).ok_or("round 1")?;
    assert!(r.handed_in.is_some());
    assert_eq!(r.scores[0].inherent, score(3, 2));
    assert_eq!(r.scores[0].residual, score(1, 1));
    assert_eq!(r.scores[0].knowledge, Some(Knowledge::Sterk));
    let first = first_item();
    assert_eq!(kari.answer(&first, 1), Some(Status::Nei));
    // Scoring a voice never changes the outcome.
    assert_eq!(app.outcome(), Some(&o));
    Ok(())
}

#[test]
fn a_voice_that_cannot_be_saved_is_kept_in_memory_and_said() -> TestResult {
    let (dir, path, _) = workshop()?;
    // A file where the voices' folder should be.
    std::fs::write(outcome::voices::voices_dir(&path), "ikke en mappe")?;
    let mut app = open(dir.path(), &path, Some("Kari"));
    press(&mut app, &["2", "M", "3"]);
    let shown = screen_text(&render(&mut app, 120, 36));
    assert!(shown.contains("Kunne ikke lagre stemmen"), "{shown}");
    assert!(shown.contains("beholdt i minnet"), "{shown}");
    press(&mut app, &["2"]);
    let shown = screen_text(&render(&mut app, 120, 36));
    assert!(
        shown.contains(" 3   2 "),
        "the voice is still there: {shown}"
    );
    Ok(())
}

#[test]
fn two_voices_saving_at_once_lose_nothing() -> TestResult {
    let (_dir, path, o) = workshop()?;
    let barrier = std::sync::Barrier::new(2);
    std::thread::scope(|s| {
        for name in ["Kari", "Ola Nordmann"] {
            let (barrier, path, o) = (&barrier, &path, &o);
            s.spawn(move || {
                barrier.wait();
                outcome::voices::save(path, &voice(o, name, 1, (2, 2), (1, 1)))
            });
        }
    });
    let merged = outcome::voices::merged(&path, &o.id);
    let names: Vec<&str> = merged.voices.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Kari", "Ola Nordmann"]);
    assert!(merged.notes.is_empty(), "{:?}", merged.notes);
    Ok(())
}

#[test]
fn the_group_score_waits_for_the_reveal_and_anonymity_for_nothing_after_it() -> TestResult {
    let (_dir, _path, mut o) = workshop()?;
    let group = voices::GroupScore {
        key: ScoreKey::new(RISK, None),
        round: 1,
        inherent: score(2, 2),
        residual: None,
        set: common::now(),
        dissents: Vec::new(),
    };
    assert!(
        Change::GroupScore(Box::new(group.clone()))
            .apply(&mut o)
            .is_err()
    );
    let reveal = |voices| Change::Reveal {
        round: 1,
        voices,
        at: common::now(),
    };
    assert!(
        reveal(Vec::new()).apply(&mut o).is_err(),
        "nobody handed in"
    );
    reveal(vec![voice(&o, "Kari", 1, (2, 2), (1, 1))])
        .apply(&mut o)
        .map_err(|r| r.0)?;
    assert!(Change::Anonymous(true).apply(&mut o).is_err());
    Change::GroupScore(Box::new(group))
        .apply(&mut o)
        .map_err(|r| r.0)?;
    assert_eq!(o.voting.group.len(), 1);
    Ok(())
}

#[test]
fn a_format_7_outcome_reads_as_format_8_without_voices() -> TestResult {
    let (_dir, path, _) = workshop()?;
    let text = std::fs::read_to_string(&path)?.replace("format_version: 3", "format_version: 7");
    let (o, migrated) = outcome::parse("x.ron", &text)?;
    assert_eq!(migrated, Some(7));
    assert_eq!(o.format_version, 8);
    assert!(o.voting.is_empty());
    Ok(())
}

#[test]
fn the_cli_lists_who_handed_in_and_imports_keeping_the_later() -> TestResult {
    let (dir, path, o) = workshop()?;
    let later = voice(&o, "Kari", 1, (2, 2), (1, 1));
    outcome::voices::save(&path, &later)?;
    let folder = dir.path().display().to_string();
    let out = common::somevett(&["--outcomes", &folder, "voices", "workshop"]);
    let text = common::stdout(&out);
    assert!(out.status.success(), "{text}{}", common::stderr(&out));
    assert!(
        text.contains("«Skolens Instagram»: runde 1 (ikke vist), 1 stemme."),
        "{text}"
    );
    assert!(text.contains("Kari\trunde 1 levert"), "{text}");
    assert!(
        !text.contains("2×2"),
        "no numbers before the reveal: {text}"
    );
    // An older copy from a USB stick: the later one stays, and that is said.
    let mut older = later.clone();
    older.updated = common::at("2026-11-22T10:00:00Z");
    let stick = dir.path().join("minnepinne.ron");
    std::fs::write(&stick, outcome::voices::to_ron(&older)?)?;
    let stick = stick.display().to_string();
    let out = common::somevett(&[
        "--outcomes",
        &folder,
        "voices",
        "workshop",
        "--import",
        &stick,
    ]);
    let text = common::stdout(&out);
    assert!(text.contains("er ikke endret"), "{text}");
    let kept = outcome::voices::read(&outcome::voices::voice_path(&path, "Kari"))?;
    assert_eq!(kept.updated, later.updated);
    // A voice of a risk no longer in the list is named, and the exit says so.
    let mut gone = voice(&o, "Ola Nordmann", 1, (2, 2), (1, 1));
    gone.rounds[0].scores[0].key = ScoreKey::new("egen.99", None);
    gone.rounds[0].scores[0].title = "Slettet risiko".into();
    outcome::voices::save(&path, &gone)?;
    let out = common::somevett(&["--outcomes", &folder, "voices", "workshop"]);
    let text = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "Ola Nordmann skåret «Slettet risiko» i runde 1, som ikke lenger står i risikolisten."
        ),
        "{text}"
    );
    Ok(())
}

fn arb_voices() -> impl Strategy<Value = Vec<Voice>> {
    let score = (1u8..=5, 1u8..=5);
    prop::collection::vec((score.clone(), score, 0u8..3), 1..7).prop_map(|scores| {
        let o = Outcome::new("o".into(), "t".into(), common::now());
        scores
            .into_iter()
            .enumerate()
            .map(|(i, (before, after, _))| voice(&o, &format!("Stemme {i}"), 1, before, after))
            .collect()
    })
}

proptest! {
    /// Merging the same voices in any order gives the same spread and the
    /// same proposal for the group (and the same dissents from it).
    #[test]
    fn merging_in_any_order_gives_the_same_spread(
        (voices, shuffled) in arb_voices().prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let key = ScoreKey::new(RISK, None);
        let a = voices::merge(voices);
        let b = voices::merge(shuffled);
        prop_assert_eq!(&a, &b);
        let ra: Vec<&Voice> = a.voices.iter().collect();
        let rb: Vec<&Voice> = b.voices.iter().collect();
        let sa = voices::spread(&ra, &key, 1);
        let sb = voices::spread(&rb, &key, 1);
        prop_assert_eq!(&sa, &sb);
        let (before, after) = sa.proposal;
        prop_assert_eq!(
            voices::dissents(&sa, before, after),
            voices::dissents(&sb, before, after)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Random keys from the whole keymap in Min stemme and on the board,
    /// with voices handed in: nothing panics, and the outcome still saves
    /// and loads unchanged.
    #[test]
    fn random_keys_among_the_voices_keep_the_outcome_saveable(
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..60),
        start in prop_oneof![Just("M"), Just("S")],
    ) {
        let fail = |e: &dyn std::fmt::Display| TestCaseError::fail(e.to_string());
        let (dir, path, o) = workshop().map_err(|e| fail(&e))?;
        for (name, before) in [("Kari", (2, 2)), ("Åse Ødegård", (4, 4))] {
            outcome::voices::save(&path, &voice(&o, name, 1, before, (1, 2))).map_err(|e| fail(&e))?;
        }
        let mut app = open(dir.path(), &path, Some("Kari"));
        press(&mut app, &["2", start]);
        // Every key the keymap binds, and typed text; none that quits.
        let keys = &crate::keys::KEYS;
        for i in picks {
            let chord = keys[i.index(keys.len())];
            app.handle_key(crossterm::event::KeyEvent::new(chord.code, chord.modifiers));
            render(&mut app, 80, 24);
        }
        if let Some(s) = app.open_outcome() {
            let text = outcome::to_ron(&s.outcome).map_err(|e| fail(&e))?;
            let (back, _) = outcome::parse("prop.ron", &text).map_err(|e| fail(&e))?;
            prop_assert_eq!(&back, &s.outcome);
        }
    }
}
