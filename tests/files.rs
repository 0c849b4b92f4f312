//! Files that are hostile, odd or left behind: names with escape sequences,
//! FIFOs and devices, other encodings, crash leftovers, shared folders,
//! unrecognised pack files, pastes that end early, and file-size limits.
//! (Real processes killed and racing are in `tests/processes.rs`.)

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use somevett::domain::Outcome;
use somevett::keymap::Context;
use somevett::outcome::{self, Saved, atomic};
use somevett::terminal_text::has_raw_escape;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const HOSTILE: &str =
    "\u{1b}]0;PWNED\u{7}\u{1b}]52;c;cm0gLXJmIH4K\u{7}\u{202e}evil\u{9b}2J\u{200b}";

fn sample(title: &str) -> Outcome {
    let mut o = Outcome::new(
        outcome::new_id("2026-11-23T10:00:00Z".parse().unwrap()),
        title.into(),
        "2026-11-23T08:00:00Z".parse().unwrap(),
    );
    o.municipality = "Meråker kommune".into();
    o.notes = "Blåbær og røde æbler".into();
    o
}

/// Runs the real binary; fails the test instead of hanging if it does not
/// finish within 20 seconds.
fn somevett(args: &[&str]) -> Result<Output, Box<dyn std::error::Error>> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_somevett"))
        .args(args)
        .env("NO_COLOR", "1")
        // --data packs are never cached in the user's cache folder from here.
        .env("SOMEVETT_NO_CACHE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let started = Instant::now();
    while child.try_wait()?.is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill()?;
            return Err(format!("somevett {args:?} hung").into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(child.wait_with_output()?)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> TestResult {
    let made = Command::new("mkfifo").arg(path).status()?;
    assert!(made.success(), "mkfifo failed");
    Ok(())
}

#[test]
fn outcomes_never_writes_a_file_name_raw() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = outcome::create(dir.path(), &sample("Ok"))?;
    fs::copy(&file.path, dir.path().join(format!("{HOSTILE}.ron")))?;
    fs::write(dir.path().join(format!("{HOSTILE}x.ron")), "(ødelagt")?;
    let out = somevett(&["outcomes", "--outcomes", &dir.path().display().to_string()])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!has_raw_escape(&out.stdout), "{:?}", text(&out.stdout));
    assert!(!has_raw_escape(&out.stderr), "{:?}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("\\u{1b}]0;PWNED\\u{7}"), "{shown}");
    assert!(shown.contains("\\u{202e}evil"), "{shown}");
    assert!(shown.contains("ØDELAGT"), "{shown}");
    Ok(())
}

#[test]
fn the_sessions_screen_shows_a_hostile_file_name_escaped() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = outcome::create(dir.path(), &sample("Ok"))?;
    fs::rename(&file.path, dir.path().join(format!("{HOSTILE}.ron")))?;
    let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
    common::press(&mut app, &["6"]);
    let screen = common::screen_text(&common::render(&mut app, 120, 60));
    assert!(
        !screen.chars().any(somevett::terminal_text::is_unsafe),
        "{screen}"
    );
    assert!(screen.contains("\\u{202e}evil"), "{screen}");
    Ok(())
}

/// A pack whose document id and file name hold escape sequences.
fn hostile_pack(dir: &Path) -> TestResult {
    let guidelines = dir.join("guidelines");
    fs::create_dir_all(&guidelines)?;
    let pack = r#"(
    id: "ond\u{1b}]52;c;cm0K\u{7}\u{9b}2J",
    title: "Test",
    issuer: "Testkommune",
    kind: Retningslinjer,
    source: "test.txt",
    sections: [(id: "a", title: "Del A", items: [(id: "1", text: "Regel.", tags: [], place: "1")])],
)"#;
    fs::write(guidelines.join(format!("{HOSTILE}.ron")), pack)?;
    Ok(())
}

#[test]
fn check_escapes_a_pack_id_and_file_name_and_finds_the_id() -> TestResult {
    let dir = tempfile::tempdir()?;
    hostile_pack(dir.path())?;
    let out = somevett(&["check", "--data", &dir.path().display().to_string()])?;
    assert!(!out.status.success());
    assert!(!has_raw_escape(&out.stdout), "{:?}", text(&out.stdout));
    assert!(!has_raw_escape(&out.stderr), "{:?}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("ugyldig dokument-id"), "{err}");
    assert!(err.contains(".ron:2:5:"), "the id's line, not 1:1: {err}");
    // The app at start says the same, just as safely.
    let out = somevett(&["--data", &dir.path().display().to_string()])?;
    assert!(!out.status.success());
    assert!(!has_raw_escape(&out.stderr), "{:?}", text(&out.stderr));
    Ok(())
}

#[test]
fn check_escapes_a_key_name_from_a_keymap() -> TestResult {
    let dir = tempfile::tempdir()?;
    let keymap = dir.path().join("keymap.ron");
    fs::write(
        &keymap,
        "(global: [(on: [\"ctrl-\\u{1b}]0;PWNED\\u{7}\"], run: quit)])",
    )?;
    let out = somevett(&["check", "--keymap", &keymap.display().to_string()])?;
    assert!(!out.status.success());
    assert!(!has_raw_escape(&out.stderr), "{:?}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("keymap.ron:1:"),
        "{}",
        text(&out.stderr)
    );
    Ok(())
}

#[test]
fn check_names_every_file_it_does_not_recognise_and_fails() -> TestResult {
    let dir = tempfile::tempdir()?;
    let pack = fs::read_to_string("data/guidelines/meraker.ron")?
        .replace("id: \"meraker\"", "id: \"minkommune\"");
    fs::write(dir.path().join("minkommune.ron"), &pack)?;
    fs::write(dir.path().join("scale.ron"), "()")?;
    fs::write(dir.path().join("readme.txt"), "hei")?;
    fs::create_dir(dir.path().join("guidelines"))?;
    fs::write(dir.path().join("guidelines/annen.RON"), &pack)?;
    fs::write(dir.path().join("guidelines/tredje.ron.txt"), &pack)?;
    fs::write(dir.path().join(".hidden"), "ignored")?;
    let out = somevett(&["check", "--data", &dir.path().display().to_string()])?;
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for name in [
        "minkommune.ron",
        "scale.ron",
        "readme.txt",
        "tredje.ron.txt",
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(name) && l.contains("ukjent fil")),
            "{name} is not named:\n{err}"
        );
    }
    assert!(!err.contains(".hidden"), "{err}");
    assert!(
        !err.contains("annen.RON"),
        "a pack named .RON is read like .ron:\n{err}"
    );
    assert!(!text(&out.stdout).contains("Innhold OK"));
    // The app at start says the same and does not start.
    let out = somevett(&["--data", &dir.path().display().to_string()])?;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("scale.ron"),
        "{}",
        text(&out.stderr)
    );
    // A folder with only recognised files is fine.
    let good = tempfile::tempdir()?;
    fs::create_dir(good.path().join("guidelines"))?;
    fs::write(good.path().join("guidelines/minkommune.ron"), &pack)?;
    let out = somevett(&["check", "--data", &good.path().display().to_string()])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_listed_with_a_reason_and_never_opened() -> TestResult {
    let dir = tempfile::tempdir()?;
    outcome::create(dir.path(), &sample("Ok"))?;
    mkfifo(&dir.path().join("fifo.ron"))?;
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("null.ron"))?;
    let out = somevett(&["outcomes", "--outcomes", &dir.path().display().to_string()])?;
    let listed = text(&out.stdout);
    assert!(listed.contains("fifo.ron\tØDELAGT"), "{listed}");
    assert!(listed.contains("en FIFO"), "{listed}");
    assert!(listed.contains("null.ron\tØDELAGT"), "{listed}");
    assert!(listed.contains("en enhet"), "{listed}");
    // Packs and keymaps are read the same way.
    let data = tempfile::tempdir()?;
    fs::create_dir(data.path().join("guidelines"))?;
    mkfifo(&data.path().join("guidelines/fifo.ron"))?;
    std::os::unix::fs::symlink("/dev/zero", data.path().join("risks.ron"))?;
    mkfifo(&data.path().join("keymap.ron"))?;
    let out = somevett(&[
        "check",
        "--data",
        &data.path().display().to_string(),
        "--keymap",
        &data.path().join("keymap.ron").display().to_string(),
    ])?;
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.matches("ikke en vanlig fil").count(), 3, "{err}");
    Ok(())
}

#[test]
fn a_latin1_outcome_is_listed_as_broken_and_never_rewritten() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = outcome::create(dir.path(), &sample("Latin"))?.path;
    let utf8 = fs::read_to_string(&path)?;
    let latin1: Vec<u8> = utf8.chars().map(|c| c as u32 as u8).collect();
    fs::write(&path, &latin1)?;
    let listed = outcome::list(dir.path())?;
    let err = listed[0]
        .outcome
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(err.contains("ikke UTF-8"), "{err}");
    let (line, col) = utf8
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.chars()
                .position(|c| !c.is_ascii())
                .map(|c| (i + 1, c + 1))
        })
        .ok_or("no letter outside ASCII")?;
    assert!(
        err.contains(&format!(":{line}:{col}:")),
        "the place of the first bad byte, {line}:{col}: {err}"
    );
    // The app cannot open it, so it can never save over it.
    let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
    common::press(&mut app, &["6", "enter", "ctrl-s"]);
    assert!(app.open_outcome().is_none());
    assert_eq!(fs::read(&path)?, latin1);
    Ok(())
}

#[test]
fn a_utf8_bom_is_accepted() -> TestResult {
    let dir = tempfile::tempdir()?;
    let o = sample("Notisblokk");
    let path = outcome::create(dir.path(), &o)?.path;
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(&path)?);
    fs::write(&path, bytes)?;
    assert_eq!(outcome::load(&path)?.0, o);
    Ok(())
}

#[test]
fn a_migration_backup_is_never_skipped() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("gammel.ron");
    let v1 = |title: &str| {
        format!(
            "(format_version: 1, id: \"x\", title: \"{title}\", platforms: \"Facebook\", participants: [], created: \"2025-01-01T10:00:00Z\", updated: \"2025-01-01T10:00:00Z\")"
        )
    };
    for (n, title) in ["Første", "Andre", "Tredje"].into_iter().enumerate() {
        fs::write(&path, v1(title))?;
        let (o, mut file) = outcome::load(&path)?;
        assert_eq!(outcome::save(&mut file, &o)?, Saved::InPlace);
        let backup = outcome::backup_path_n(&path, 1, n + 1);
        assert_eq!(
            fs::read_to_string(&backup)?,
            v1(title),
            "{}",
            backup.display()
        );
    }
    assert!(dir.path().join("gammel.v1.bak-3.ron").exists());
    // Backups are not listed as outcomes.
    assert_eq!(outcome::list(dir.path())?.len(), 1);
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_backup_name_is_not_followed_or_counted_as_a_backup() -> TestResult {
    let dir = tempfile::tempdir()?;
    let target = dir.path().join("target.txt");
    fs::write(&target, "urørt")?;
    let path = dir.path().join("gammel.ron");
    std::os::unix::fs::symlink(&target, dir.path().join("gammel.v1.bak.ron"))?;
    fs::write(
        &path,
        "(format_version: 1, id: \"x\", title: \"T\", created: \"2025-01-01T10:00:00Z\", updated: \"2025-01-01T10:00:00Z\")",
    )?;
    let (o, mut file) = outcome::load(&path)?;
    outcome::save(&mut file, &o)?;
    assert_eq!(fs::read_to_string(&target)?, "urørt");
    assert!(
        fs::read_to_string(dir.path().join("gammel.v1.bak-2.ron"))?.contains("format_version: 1")
    );
    Ok(())
}

#[test]
fn leftovers_of_a_crash_are_removed_at_start_and_live_saves_are_not() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = outcome::create(dir.path(), &sample("Rester"))?;
    let old = dir.path().join(".somevett-elsewhere-1-abcdef.tmp");
    fs::write(&old, "gammel")?;
    fs::File::options()
        .write(true)
        .open(&old)?
        .set_modified(SystemTime::now() - atomic::LEFTOVER_AGE - Duration::from_secs(1))?;
    let fresh_elsewhere = dir.path().join(".somevett-elsewhere-1-ghijkl.tmp");
    fs::write(&fresh_elsewhere, "en annen maskin lagrer nå")?;
    // A live save of this very process: its temp file must stay.
    let live = atomic::prepare(&file.path, b"(under arbeid)")?;
    // Someone else's file that only looks a little like ours.
    let other = dir.path().join(".somevett-notes.txt");
    fs::write(&other, "ikke vår")?;
    let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
    common::press(&mut app, &["6"]);
    assert!(!old.exists(), "an old leftover is removed at start");
    assert!(
        fresh_elsewhere.exists(),
        "a young file of another machine stays"
    );
    assert!(other.exists());
    let names: Vec<String> = fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.iter().filter(|n| n.ends_with(".tmp")).count(),
        2,
        "{names:?}"
    );
    drop(live);
    Ok(())
}

#[cfg(unix)]
#[test]
fn saving_keeps_a_files_mode_and_new_files_and_folders_are_private() -> TestResult {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let base = tempfile::tempdir()?;
    let dir = base.path().join("ny/mappe");
    let mut file = outcome::create(&dir, &sample("Modus"))?;
    assert_eq!(fs::metadata(&dir)?.mode() & 0o777, 0o700);
    assert_eq!(fs::metadata(base.path().join("ny"))?.mode() & 0o777, 0o700);
    assert_eq!(fs::metadata(&file.path)?.mode() & 0o777, 0o600);
    fs::set_permissions(&file.path, fs::Permissions::from_mode(0o640))?;
    outcome::save(&mut file, &sample("Modus"))?;
    assert_eq!(fs::metadata(&file.path)?.mode() & 0o777, 0o640);
    // A group-shared folder (setgid): new files are for the group too.
    let shared = base.path().join("delt");
    fs::create_dir(&shared)?;
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o2770))?;
    let file = outcome::create(&shared, &sample("Delt"))?;
    assert_eq!(fs::metadata(&file.path)?.mode() & 0o777, 0o660);
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_clear_error_or_a_conflict_file_elsewhere() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir()?;
    let mut file = outcome::create(dir.path(), &sample("Lesetilgang"))?;
    let before = fs::read(&file.path)?;
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500))?;
    if fs::write(dir.path().join("probe"), "x").is_ok() {
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700))?;
        println!(
            "root ignores mode bits: this case runs as another user in tests/processes.rs \
             (a_read_only_folder_refuses_a_save_even_when_the_tests_run_as_root)"
        );
        return Ok(());
    }
    let fallback = tempfile::tempdir()?;
    let mut edited = sample("Lesetilgang");
    edited.notes = "Viktig".into();
    let saved = outcome::save_in(&mut file, &edited, Some(fallback.path()));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700))?;
    let saved = saved?;
    let ours = saved.conflict_file().ok_or("expected a conflict file")?;
    assert!(ours.starts_with(fallback.path()));
    assert!(saved.message().contains(&ours.display().to_string()));
    assert_eq!(fs::read(&file.path)?, before);
    Ok(())
}

#[test]
fn a_paste_holding_the_end_marker_cannot_fire_keys() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
    common::press(&mut app, &["6", "n"]);
    common::type_text(&mut app, "Viktig");
    common::press(&mut app, &["enter"]);
    let path = common::open_file(&app)?;
    common::press(&mut app, &["6", "e"]);
    assert_eq!(app.top_context(), Context::Form);
    // The terminal delivers the paste up to its ESC [ 201 ~ ...
    let t0 = Instant::now();
    app.pasted("tekst", t0);
    // ... and the rest of it as key presses, in the same burst.
    let keys = [
        KeyCode::Esc,
        KeyCode::Char('6'),
        KeyCode::Char('d'),
        KeyCode::Enter,
        KeyCode::Char('y'),
    ];
    for (i, code) in keys.into_iter().enumerate() {
        let at = t0 + Duration::from_millis(1 + i as u64);
        app.key_or_pasted(KeyEvent::new(code, KeyModifiers::NONE), at);
    }
    assert_eq!(
        app.top_context(),
        Context::Form,
        "Esc from the paste did not close the form; no delete was asked for"
    );
    assert!(path.exists());
    // A key pressed later is a key again: Esc on a form with pasted text
    // asks before the text is thrown away.
    app.key_or_pasted(
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        t0 + Duration::from_secs(1),
    );
    assert_eq!(app.top_context(), Context::Confirm);
    common::press(&mut app, &["y"]);
    assert_eq!(app.top_context(), Context::Sessions);
    Ok(())
}

#[test]
fn typed_control_and_bidi_characters_never_reach_a_field() -> TestResult {
    let mut app = common::app();
    common::press(&mut app, &["/"]);
    common::type_text(&mut app, "ab\u{202e}c\u{9b}d\u{200b}e");
    let screen = common::screen_text(&common::render(&mut app, 80, 24));
    assert!(screen.contains("abcde"), "{screen}");
    assert!(!screen.chars().any(somevett::terminal_text::is_unsafe));
    Ok(())
}

#[test]
fn zero_width_characters_in_a_pack_never_reach_the_output() -> TestResult {
    let dir = tempfile::tempdir()?;
    fs::create_dir(dir.path().join("guidelines"))?;
    fs::write(
        dir.path().join("guidelines/null.ron"),
        r#"(id: "nullbredde", title: "Mer\u{200d}åker", issuer: "K", kind: Retningslinjer, source: "s.txt",
            sections: [(id: "a", title: "Del\u{2060} A", items: [(id: "1", text: "Sky\u{200b}lagring\u{feff} og bil\u{ad}der", tags: [], place: "1")])])"#,
    )?;
    let data = dir.path().display().to_string();
    for args in [
        vec!["search", "skylagring", "--data", &data],
        vec!["search", "skylagring", "--format", "json", "--data", &data],
        vec!["show", "nullbredde.a.1", "--data", &data],
    ] {
        let out = somevett(&args)?;
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(
            !has_raw_escape(&out.stdout),
            "{args:?}: {:?}",
            text(&out.stdout)
        );
        assert!(
            text(&out.stdout).contains("Skylagring og bilder"),
            "{}",
            text(&out.stdout)
        );
    }
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_file_size_limit_is_an_error_not_a_kill() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut o = sample("Stor");
    o.notes = "ø".repeat(20_000);
    let path = outcome::create(dir.path(), &o)?.path;
    let report = dir.path().join("rapport.md");
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1; exec \"$0\" export \"$1\" -o \"$2\"")
        .arg(env!("CARGO_BIN_EXE_somevett"))
        .arg(&path)
        .arg(&report)
        .env("SOMEVETT_NO_CACHE", "1")
        .output()?;
    assert_eq!(out.status.code(), Some(1), "{:?}", out.status);
    let err = text(&out.stderr);
    assert!(err.contains("kan ikke skrive"), "{err}");
    assert!(!report.exists(), "no half report");
    let leftovers = fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
    Ok(())
}

/// A file named `.RON` (copied from a system that shouts) is an outcome
/// like any other; it was left out of the list before.
#[test]
fn an_outcome_file_ending_in_upper_case_ron_is_listed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = outcome::create(dir.path(), &sample("Store bokstaver"))?;
    let upper = dir.path().join("store-bokstaver.RON");
    fs::rename(&file.path, &upper)?;
    let listed = outcome::list(dir.path())?;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].path, upper);
    let title = listed[0].outcome.as_ref().map(|o| o.title.clone());
    assert_eq!(title.ok(), Some("Store bokstaver".to_owned()));
    Ok(())
}

/// A `--data` pack named `.RON` is read, not refused as «not a .ron file».
#[test]
fn a_pack_ending_in_upper_case_ron_is_loaded() -> TestResult {
    let data = common::data_with(common::PACK)?;
    fs::rename(
        data.path().join("guidelines/egen.ron"),
        data.path().join("guidelines/egen.RON"),
    )?;
    let library = somevett::content::Library::load(Some(data.path()))?;
    assert!(library.find("egen.a.1").is_some());
    Ok(())
}
