//! The lock that makes a save's compare-and-replace exclusive: two sessions
//! that save the same outcome at the same moment take turns, so the second
//! sees the first's file and writes a conflict file instead of overwriting.
//!
//! The lock is an advisory lock (`flock`) on `.NAME.ron.lock` beside the
//! outcome. Where such locks do not work (some network shares), a lock file
//! `.NAME.ron.lck` created exclusively, holding host and pid, stands in; one
//! older than `STALE` is left over from a crash and is taken over.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::atomic;

/// How long a save waits for another session's save to finish.
pub const WAIT: Duration = Duration::from_secs(10);
/// An exclusive lock file older than this is a crash's leftover.
pub const STALE: Duration = Duration::from_secs(30);

/// Held while a save compares and replaces; released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: Option<File>,
    created: Option<PathBuf>,
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(path) = &self.created {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    atomic::parent(target).join(format!(".{name}.{suffix}"))
}

/// Locks `target` for a save. `Ok(None)` when the folder cannot hold a lock
/// file at all (read-only, no permission): the save itself will then fail
/// or go elsewhere, so there is nothing to protect.
pub fn acquire(target: &Path) -> io::Result<Option<Lock>> {
    acquire_within(target, WAIT)
}

/// Like `acquire`, waiting at most `wait` for another session's save; then
/// an error of kind `WouldBlock`.
pub fn acquire_within(target: &Path, wait: Duration) -> io::Result<Option<Lock>> {
    let path = sibling(target, "lock");
    let file = match open(&path) {
        Ok(f) => f,
        Err(e) if is_refusal(&e) => return Ok(None),
        Err(e) => return Err(e),
    };
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => {
                return Ok(Some(Lock {
                    _file: Some(file),
                    created: None,
                }));
            }
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(TryLockError::WouldBlock) => return Err(busy()),
            Err(TryLockError::Error(e)) if locks_unsupported(&e) => {
                return exclusive_file(target).map(Some);
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

fn busy() -> io::Error {
    io::Error::new(
        io::ErrorKind::WouldBlock,
        "en annen økt lagrer den samme filen akkurat nå",
    )
}

fn is_refusal(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

fn locks_unsupported(e: &io::Error) -> bool {
    #[cfg(unix)]
    if matches!(e.raw_os_error(), Some(libc::ENOLCK | libc::EOPNOTSUPP)) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// The lock file, opened for writing if we may, else for reading (a shared
/// lock file made by a colleague; `flock` works on either).
fn open(path: &Path) -> io::Result<File> {
    match atomic::create_new(path) {
        Ok(f) => return Ok(f),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    OpenOptions::new()
        .write(true)
        .open(path)
        .or_else(|_| File::open(path))
}

/// The fallback: `.NAME.ron.lck`, created exclusively, with host and pid.
fn exclusive_file(target: &Path) -> io::Result<Lock> {
    let path = sibling(target, "lck");
    let deadline = Instant::now() + WAIT;
    loop {
        match atomic::create_new(&path) {
            Ok(mut f) => {
                let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
                let _ = writeln!(f, "{} {}", host.trim(), std::process::id());
                return Ok(Lock {
                    _file: None,
                    created: Some(path),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let stale = std::fs::symlink_metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|m| SystemTime::now().duration_since(m).ok())
                    .is_some_and(|age| age > STALE);
                if stale {
                    let _ = std::fs::remove_file(&path);
                } else if Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(5));
                } else {
                    return Err(busy());
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// Removes the lock file of an outcome that is deleted.
pub fn forget(target: &Path) {
    let _ = std::fs::remove_file(sibling(target, "lock"));
}

/// For tests and for places where `flock` is known not to work.
pub fn acquire_exclusive_file(target: &Path) -> io::Result<Lock> {
    exclusive_file(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("a.ron");
        let first = acquire(&target)?;
        assert!(first.is_some());
        let started = Instant::now();
        let handle = std::thread::spawn({
            let target = target.clone();
            move || acquire(&target).map(|l| (l.is_some(), started.elapsed()))
        });
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        let (got, waited) = handle.join().map_err(|_| "thread panicked")??;
        assert!(got);
        assert!(waited >= Duration::from_millis(100), "{waited:?}");
        Ok(())
    }

    #[test]
    fn the_exclusive_lock_file_is_taken_over_only_when_stale()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("a.ron");
        let lock = acquire_exclusive_file(&target)?;
        let lck = dir.path().join(".a.ron.lck");
        assert!(std::fs::read_to_string(&lck)?.contains(&std::process::id().to_string()));
        drop(lock);
        assert!(!lck.exists(), "released on drop");
        // A leftover from a crash, older than STALE.
        std::fs::write(&lck, "elsewhere 1\n")?;
        let old = SystemTime::now() - STALE - Duration::from_secs(5);
        File::options().write(true).open(&lck)?.set_modified(old)?;
        let _again = acquire_exclusive_file(&target)?;
        Ok(())
    }
}
