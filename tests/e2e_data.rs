//! The real binary in a pseudo-terminal with `--data`: the app draws before
//! the packs are loaded, a search typed at once finds what they hold, and a
//! pack error ends the app with its `file:line:col`.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::pty::Terminal;
use common::{PACK, data_with};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The app with `--data DATA`, its outcomes in `home/okter`, and parsed
/// packs cached in `home/cache`.
fn start(home: &Path, data: &Path) -> Result<Terminal, Box<dyn std::error::Error>> {
    let outcomes = home.join("okter");
    let args = [
        "--outcomes".as_ref(),
        outcomes.as_os_str(),
        "--data".as_ref(),
        data.as_os_str(),
    ];
    Terminal::start(home, &args, true, 30, 100)
}

#[test]
fn a_search_typed_at_start_finds_the_packs_items() -> TestResult {
    let home = tempfile::tempdir()?;
    let data = data_with(PACK)?;
    // Twice: parsing the pack, then (once it is two seconds old, and so
    // cached) from the parsed copy.
    for run in 0..2 {
        if run == 1 {
            std::thread::sleep(Duration::from_millis(2100));
        }
        let mut term = start(home.path(), data.path())?;
        term.wait_for("Dokumenter")?;
        // The first start shows the workshop's steps: Esc closes them.
        if term.screen().contains("Slik går et verksted") {
            term.write("\x1b")?;
            // Esc and a key in one read would be Alt and that key.
            std::thread::sleep(Duration::from_millis(60));
        }
        term.write("/")?;
        term.write("snøskuter")?;
        term.wait_for("egen.a.1")?;
        term.wait_for("snøskuter")?;
        term.write("\x1b")?;
        std::thread::sleep(Duration::from_millis(60));
        term.write("q")?;
        term.wait_exit()?;
    }
    let cached = std::fs::read_dir(home.path().join("cache/somevett/packs"))?.count();
    assert_eq!(cached, 2, "the embedded packs' copy and this folder's");
    Ok(())
}

#[test]
fn a_pack_error_ends_the_app_with_its_place() -> TestResult {
    let home = tempfile::tempdir()?;
    let data = data_with("(id: \"egen\",\n  title: 3)")?;
    let mut term = start(home.path(), data.path())?;
    let status = term.wait_exit()?;
    assert!(!status.success(), "{status:?}");
    term.wait_for("egen.ron:2:")?;
    Ok(())
}
