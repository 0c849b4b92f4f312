//! Atomic file replacement: write a temporary file in the same folder, fsync
//! it, rename it over the target, fsync the folder. A crash at any point
//! leaves either the old file or the new one, never a mix.
//!
//! Permissions: a replaced file keeps its mode and group, so a colleague in
//! a shared folder can still read and save it. A new file is 0600 (notes may
//! hold personal data), or 0660 when the folder is group-shared (its setgid
//! bit is set). Temporary files are named `.somevett-HOST-PID-XXXXXX.tmp`,
//! so the leftovers of a killed process can be recognised and removed.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

/// How temporary files begin and end.
pub const TEMP_PREFIX: &str = ".somevett-";
pub const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file older than this is a crash's leftover, whoever made it.
pub const LEFTOVER_AGE: Duration = Duration::from_secs(60);

/// A fully written and synced temporary file, not yet in place. Dropping it
/// without `commit` removes it and leaves the target untouched.
pub struct Prepared {
    file: NamedTempFile,
}

/// Writes `bytes` to a temporary file beside `target`, with the mode and
/// group the target has (or a new file's mode).
pub fn prepare(target: &Path, bytes: &[u8]) -> io::Result<Prepared> {
    let dir = parent(target);
    let mut file = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-{}-", host(), std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    permissions::copy_to(file.as_file(), target)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    Ok(Prepared { file })
}

impl Prepared {
    /// Renames the file over `target` and syncs the folder.
    pub fn commit(self, target: &Path) -> io::Result<()> {
        self.file.persist(target).map_err(|e| e.error)?;
        sync_dir(parent(target))
    }
}

pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    prepare(target, bytes)?.commit(target)
}

/// How many names `write_numbered` tries before it gives up.
pub const NUMBERED_TRIES: usize = 1000;

/// Creates `dir/BASE.EXT`, or `dir/BASE-2.EXT`, `-3` … when a name is
/// taken, with `bytes` (see `write_new`): for new outcomes, conflict files,
/// drafts and emergency copies, which never replace anything. Returns the
/// name it got, or the name it failed on and why.
pub fn write_numbered(
    dir: &Path,
    base: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<PathBuf, (PathBuf, io::Error)> {
    let mut n = 1;
    loop {
        let path = if n == 1 {
            dir.join(format!("{base}.{ext}"))
        } else {
            dir.join(format!("{base}-{n}.{ext}"))
        };
        match write_new(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < NUMBERED_TRIES => n += 1,
            Err(e) => return Err((path, e)),
        }
    }
}

/// Creates `path` with `bytes` if nothing (not even a dangling symlink) is
/// there, with a new file's mode; `AlreadyExists` otherwise. Used for new
/// outcomes, backups and conflict files, which must never replace anything.
/// The file appears whole or not at all: a synced temporary file is
/// hard-linked into place (which fails if the name is taken). Where hard
/// links are not supported, the file is created exclusively and written.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let prepared = prepare(path, bytes)?;
    match std::fs::hard_link(prepared.file.path(), path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => {
            let mut file = create_new(path)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
    }
    drop(prepared);
    sync_dir(parent(path))
}

/// Opens a new file exclusively (`O_EXCL`: a symlink there counts as taken).
pub fn create_new(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    permissions::new_file_mode(&mut options, parent(path));
    let file = options.open(path)?;
    permissions::set_new_file_mode(&file, parent(path));
    Ok(file)
}

/// Creates a folder and its parents, readable by the owner only.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// This machine's name, as far as it can be put in a file name.
fn host() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let clean: String = name
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(40)
        .collect();
    if clean.is_empty() {
        "host".to_owned()
    } else {
        clean
    }
}

/// Removes temporary files of somevett's own naming in `dir` that no save
/// can still be using: older than `LEFTOVER_AGE`, or made on this machine
/// by a process that is gone. Returns the files removed.
pub fn remove_leftovers(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let this_host = host();
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(middle) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > LEFTOVER_AGE);
        if old || made_by_a_dead_process(middle, &this_host) {
            let path = entry.path();
            if std::fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
    }
    removed
}

/// `HOST-PID-RANDOM`: whether HOST is this machine and PID is not running.
fn made_by_a_dead_process(middle: &str, this_host: &str) -> bool {
    let mut parts = middle.rsplitn(3, '-');
    let (_random, pid, host) = (parts.next(), parts.next(), parts.next());
    let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    if host != Some(this_host) || pid == std::process::id() {
        return false;
    }
    // Only where /proc shows running processes can we tell.
    Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(unix)]
mod permissions {
    use std::fs::{File, OpenOptions, Permissions};
    use std::io;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    use std::path::Path;

    /// 0660 in a group-shared (setgid) folder, else 0600.
    fn new_mode(dir: &Path) -> u32 {
        let shared = std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2000 != 0);
        if shared { 0o660 } else { 0o600 }
    }

    pub fn new_file_mode(options: &mut OpenOptions, dir: &Path) {
        options.mode(new_mode(dir));
    }

    /// The umask may have narrowed the mode given at open; set it exactly.
    pub fn set_new_file_mode(file: &File, dir: &Path) {
        let _ = file.set_permissions(Permissions::from_mode(new_mode(dir)));
    }

    /// Gives `file` the mode and group of `target`, or a new file's mode.
    pub fn copy_to(file: &File, target: &Path) -> io::Result<()> {
        match std::fs::metadata(target) {
            Ok(meta) if meta.is_file() => {
                file.set_permissions(Permissions::from_mode(meta.mode() & 0o777))?;
                let ours = file.metadata()?;
                if ours.gid() != meta.gid() {
                    // Not a member of that group: the folder's group stays.
                    let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
                }
                Ok(())
            }
            _ => file.set_permissions(Permissions::from_mode(new_mode(super::parent(target)))),
        }
    }
}

#[cfg(not(unix))]
mod permissions {
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::path::Path;

    pub fn new_file_mode(_: &mut OpenOptions, _: &Path) {}
    pub fn set_new_file_mode(_: &File, _: &Path) {}
    pub fn copy_to(_: &File, _: &Path) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> io::Result<()> {
    Ok(())
}
