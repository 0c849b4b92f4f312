//! A terminal that goes away. When a terminal window closes, the kernel
//! hangs up its side of the pseudo-terminal: reads fail (EIO) or end, and
//! the session's leader is sent SIGHUP. The read error can come before the
//! signal, and an app that is not the session's leader (started with
//! `setsid`, or under some multiplexers) gets no signal at all. Either way
//! the app must do what SIGHUP asks: save, restore, and exit 129.

use std::fs::File;
use std::io::IsTerminal;
use std::os::fd::{AsFd, OwnedFd};

/// The signal number a hang-up is reported as.
#[cfg(unix)]
pub const SIGHUP: usize = libc::SIGHUP as usize;
#[cfg(not(unix))]
pub const SIGHUP: usize = 1;

/// The controlling terminal, held open only to ask whether it hung up.
#[derive(Debug, Default)]
pub struct HangUp {
    tty: Option<OwnedFd>,
}

impl HangUp {
    /// Watches the terminal the app reads keys from, as crossterm picks it:
    /// standard input when it is a terminal, else `/dev/tty`; without
    /// one, nothing.
    pub fn terminal_input() -> Self {
        let stdin = std::io::stdin();
        let tty = if stdin.is_terminal() {
            stdin.as_fd().try_clone_to_owned().ok()
        } else {
            File::open("/dev/tty").ok().map(OwnedFd::from)
        };
        HangUp { tty }
    }

    /// Whether the terminal has hung up: its input reports a hang-up or an
    /// error, without waiting.
    #[cfg(unix)]
    pub fn happened(&self) -> bool {
        use std::os::fd::AsRawFd;
        let Some(tty) = &self.tty else {
            return false;
        };
        let mut fd = libc::pollfd {
            fd: tty.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one pollfd for a descriptor we own, no waiting.
        let ready = unsafe { libc::poll(&raw mut fd, 1, 0) };
        ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }

    #[cfg(not(unix))]
    pub fn happened(&self) -> bool {
        false
    }
}
