//! The real binary in a pseudo-terminal: a short workshop typed as keys,
//! the screen read back through a terminal emulator, and the saved file
//! checked on disk.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

type TestResult = Result<(), Box<dyn std::error::Error>>;

struct Terminal {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Terminal {
    fn start(dir: &Path, rows: u16, cols: u16) -> Result<Self, Box<dyn std::error::Error>> {
        let pty = native_pty_system().openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_somevett"));
        cmd.arg("--outcomes");
        cmd.arg(dir.join("okter"));
        cmd.env("TERM", "xterm-256color");
        // Parsed packs are never cached in the user's cache folder from here.
        cmd.env("SOMEVETT_NO_CACHE", "1");
        cmd.env("HOME", dir);
        cmd.env("XDG_STATE_HOME", dir.join("state"));
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd)?;
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pty.master.try_clone_reader()?;
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        let writer = pty.master.take_writer()?;
        // The master must outlive the child; leaking it ends with the test.
        std::mem::forget(pty.master);
        Ok(Terminal {
            parser,
            writer,
            child,
        })
    }

    fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen shows `text`; fails with the screen after 10 s.
    fn wait_for(&self, text: &str) -> Result<(), String> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().contains(text) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(format!(
            "waited for «{text}», the screen shows:\n{}",
            self.screen()
        ))
    }

    /// Types keys; each is sent alone and given a moment, as a person would.
    fn keys(&mut self, keys: &[&str]) -> std::io::Result<()> {
        for k in keys {
            self.writer.write_all(k.as_bytes())?;
            self.writer.flush()?;
            std::thread::sleep(Duration::from_millis(60));
        }
        Ok(())
    }

    fn wait_exit(&mut self) -> Result<portable_pty::ExitStatus, String> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Ok(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        Err(format!("the app did not quit:\n{}", self.screen()))
    }
}

const ESC: &str = "\x1b";
const TAB: &str = "\t";
const ENTER: &str = "\r";
const CTRL_S: &str = "\x13";

#[test]
fn a_short_workshop_in_a_real_terminal_is_saved_as_typed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut term = Terminal::start(dir.path(), 30, 100)?;
    term.wait_for("Slik går et verksted")?;
    term.keys(&[ESC, "6", "n"])?;
    term.wait_for("Ny økt")?;
    term.keys(&[
        "Skolens Instagram",
        TAB,
        "Meråker kommune",
        TAB,
        TAB,
        "Instagram",
    ])?;
    term.keys(&[TAB, "Kari", TAB, "p", ENTER])?;
    term.wait_for("Økt: Skolens Instagram")?;
    // Score the first risk: s, four digits, Enter. Then 3 goes to the wheel.
    term.keys(&["2", "s", "4", "4", "2", "3", ENTER, "3"])?;
    term.wait_for("Navigasjonshjulet")?;
    term.keys(&["4", "y", CTRL_S])?;
    term.wait_for("Lagret")?;
    term.keys(&["q"])?;
    let status = term.wait_exit()?;
    assert!(status.success(), "{status:?}");
    let parser = term.parser.lock().map_err(|e| e.to_string())?;
    assert!(
        !parser.screen().alternate_screen(),
        "the terminal is back on the main screen"
    );
    drop(parser);

    let listed = somevett::outcome::list(&dir.path().join("okter"))?;
    let saved = listed
        .first()
        .and_then(|l| l.outcome.as_ref().ok())
        .ok_or("no outcome saved")?;
    assert_eq!(saved.title, "Skolens Instagram");
    assert_eq!(saved.participants.len(), 1);
    assert_eq!(saved.participants[0].name, "Kari");
    let first = saved
        .risk
        .get("tabell.medbestemmelse.r1")
        .ok_or("the first risk is not scored")?;
    assert_eq!(first.inherent.map(|s| s.value()), Some(16));
    assert_eq!(first.residual.map(|s| s.value()), Some(6));
    assert_eq!(
        saved.risk.assessments.len(),
        1,
        "3 switched screens, it did not score"
    );
    assert_eq!(saved.checklists.answers.len(), 1);
    Ok(())
}

#[test]
fn two_platforms_scored_apart_are_side_by_side_in_a_real_terminal() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut term = Terminal::start(dir.path(), 24, 80)?;
    term.wait_for("Slik går et verksted")?;
    term.keys(&[ESC, "6", "n"])?;
    term.wait_for("Ny økt")?;
    term.keys(&["Kontoer", TAB, TAB, TAB, "Facebook, TikTok", ENTER])?;
    term.wait_for("Økt: Kontoer")?;
    // The shared score, then TikTok's own after measures.
    term.keys(&["2", "s", "3", "3", "2", "2", ENTER])?;
    term.keys(&["p", "p"])?;
    term.wait_for("Risikoer · TikTok")?;
    term.keys(&["s", "3", "3", "5", "5", ENTER, "7"])?;
    term.wait_for("25 Høy")?;
    term.wait_for("4 Lav")?;
    term.keys(&["q"])?;
    let status = term.wait_exit()?;
    assert!(status.success(), "{status:?}");
    let listed = somevett::outcome::list(&dir.path().join("okter"))?;
    let saved = listed
        .first()
        .and_then(|l| l.outcome.as_ref().ok())
        .ok_or("no outcome saved")?;
    let first = saved
        .risk
        .get("tabell.medbestemmelse.r1")
        .ok_or("the first risk is not scored")?;
    assert_eq!(first.residual.map(|s| s.value()), Some(4));
    assert_eq!(
        first.for_platform("TikTok").residual.map(|s| s.value()),
        Some(25)
    );
    assert_eq!(
        first.for_platform("Facebook").residual.map(|s| s.value()),
        Some(4)
    );
    Ok(())
}

#[test]
fn the_next_start_reopens_the_outcome() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut term = Terminal::start(dir.path(), 24, 80)?;
    term.wait_for("Slik går et verksted")?;
    term.keys(&[ESC, "6", "n", "Kommunens TikTok", ENTER])?;
    term.wait_for("Kommunens TikTok")?;
    term.keys(&["q"])?;
    term.wait_exit()?;
    let mut again = Terminal::start(dir.path(), 24, 80)?;
    again.wait_for("Åpnet igjen «Kommunens TikTok»")?;
    again.keys(&["q"])?;
    again.wait_exit()?;
    Ok(())
}
