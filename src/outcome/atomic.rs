//! Atomic file replacement: write a temporary file in the same folder, fsync
//! it, rename it over the target, fsync the folder. A crash at any point
//! leaves either the old file or the new one, never a mix.

use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

/// A fully written and synced temporary file, not yet in place. Dropping it
/// without `commit` removes it and leaves the target untouched.
pub struct Prepared {
    file: NamedTempFile,
}

/// Writes `bytes` to a temporary file beside `target`, readable by the owner
/// only (notes may hold personal data).
pub fn prepare(target: &Path, bytes: &[u8]) -> io::Result<Prepared> {
    let dir = parent(target);
    let mut file = tempfile::Builder::new()
        .prefix(".somevett-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    restrict(file.as_file())?;
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

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(unix)]
fn restrict(file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_: &std::fs::File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> io::Result<()> {
    Ok(())
}
