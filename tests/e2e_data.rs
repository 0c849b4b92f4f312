//! The real binary in a pseudo-terminal with `--data`: the app draws before
//! the packs are loaded, a search typed at once finds what they hold, and a
//! pack error ends the app with its `file:line:col`.

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
    fn start(home: &Path, data: &Path) -> Result<Self, Box<dyn std::error::Error>> {
        let (rows, cols) = (30, 100);
        let pty = native_pty_system().openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_somevett"));
        cmd.arg("--outcomes");
        cmd.arg(home.join("okter"));
        cmd.arg("--data");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env_remove("SOMEVETT_NO_CACHE");
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
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

    fn wait_for(&self, text: &str) -> Result<(), String> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().contains(text) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Err(format!(
            "waited for «{text}», the screen shows:\n{}",
            self.screen()
        ))
    }

    fn write(&mut self, text: &str) -> std::io::Result<()> {
        self.writer.write_all(text.as_bytes())?;
        self.writer.flush()
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

const PACK: &str = r#"(id: "egen", title: "Egne regler", issuer: "Testkommune", kind: Retningslinjer, source: "egne.docx",
    sections: [(id: "a", title: "A", items: [(id: "1", text: "Snøskuter på isen krever løyve.", tags: [], place: "1")])])"#;

fn data_with(pack: &str) -> Result<tempfile::TempDir, std::io::Error> {
    let data = tempfile::tempdir()?;
    std::fs::create_dir(data.path().join("guidelines"))?;
    std::fs::write(data.path().join("guidelines/egen.ron"), pack)?;
    Ok(data)
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
        let mut term = Terminal::start(home.path(), data.path())?;
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
    let mut term = Terminal::start(home.path(), data.path())?;
    let status = term.wait_exit()?;
    assert!(!status.success(), "{status:?}");
    term.wait_for("egen.ron:2:")?;
    Ok(())
}
