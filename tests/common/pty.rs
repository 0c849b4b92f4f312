//! The real binary in a pseudo-terminal (portable-pty), its screen read
//! back through a terminal emulator (vt100): what `e2e.rs` and
//! `e2e_data.rs` drive.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub struct Terminal {
    pub parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Kept open while the app runs: closing it hangs the terminal up.
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Terminal {
    /// Starts `somevett ARGS` in a `rows`×`cols` terminal. Its home, state,
    /// config, data and cache folders are under `home`; with `cache` false
    /// parsed packs are not cached at all.
    pub fn start<S: AsRef<OsStr>>(
        home: &Path,
        args: &[S],
        cache: bool,
        rows: u16,
        cols: u16,
    ) -> Result<Self, Box<dyn std::error::Error>> {
        let pty = native_pty_system().openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_somevett"));
        // On a day of its own, as the in-process tests' clock: what is
        // overdue or to be assessed again must not depend on when it runs.
        cmd.args(["--today", super::TODAY]);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        if cache {
            cmd.env_remove("SOMEVETT_NO_CACHE");
        } else {
            cmd.env("SOMEVETT_NO_CACHE", "1");
        }
        cmd.env("HOME", home);
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
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
        Ok(Terminal {
            parser,
            writer,
            child,
            master: pty.master,
        })
    }

    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen shows `text`; fails with the screen after 10 s.
    pub fn wait_for(&self, text: &str) -> Result<(), String> {
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

    /// Resizes the terminal, as a window dragged larger or smaller does
    /// (the app gets SIGWINCH).
    pub fn resize(&mut self, rows: u16, cols: u16) -> Result<(), Box<dyn std::error::Error>> {
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(rows, cols);
        }
        self.master.resize(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        Ok(())
    }

    /// The app's process id, to send it a signal.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Writes `text` at once, as a fast typist or a paste would.
    pub fn write(&mut self, text: &str) -> std::io::Result<()> {
        self.write_bytes(text.as_bytes())
    }

    /// Writes `bytes` at once, UTF-8 or not.
    pub fn write_bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.writer.write_all(bytes)?;
        self.writer.flush()
    }

    /// Types keys; each is sent alone and given a moment, as a person would.
    pub fn keys(&mut self, keys: &[&str]) -> std::io::Result<()> {
        for k in keys {
            self.write(k)?;
            std::thread::sleep(Duration::from_millis(60));
        }
        Ok(())
    }

    pub fn wait_exit(&mut self) -> Result<portable_pty::ExitStatus, String> {
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
