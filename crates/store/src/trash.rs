//! The waste basket: deleting an outcome moves its file to `papirkurv/`
//! inside the outcomes folder, and it can be moved back. Nothing is unlinked.

use std::io;
use std::path::{Path, PathBuf};

use super::{Listed, list};

/// The waste basket's folder name, inside the outcomes folder.
pub const TRASH_DIR: &str = "papirkurv";

pub fn trash_dir(outcomes: &Path) -> PathBuf {
    outcomes.join(TRASH_DIR)
}

/// Moves `path` into the waste basket; returns where it went. A name
/// already there gets a number, so nothing in the basket is replaced.
pub fn trash(outcomes: &Path, path: &Path) -> io::Result<PathBuf> {
    let dir = trash_dir(outcomes);
    create_private_dir(&dir)?;
    let target = free_name(&dir, path)?;
    std::fs::rename(path, &target)?;
    Ok(target)
}

/// Moves a file from the waste basket back to the outcomes folder.
pub fn restore(outcomes: &Path, path: &Path) -> io::Result<PathBuf> {
    let target = free_name(outcomes, path)?;
    std::fs::rename(path, &target)?;
    Ok(target)
}

/// What is in the waste basket, listed like the outcomes.
pub fn list_trash(outcomes: &Path) -> io::Result<Vec<Listed>> {
    list(&trash_dir(outcomes))
}

/// `dir/NAME`, or `dir/STEM-2.ron`, `-3` ... when that is taken.
fn free_name(dir: &Path, path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "filen har ikke noe navn"))?;
    let first = dir.join(name);
    if !first.exists() {
        return Ok(first);
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..10_000)
        .map(|n| dir.join(format!("{stem}-{n}{ext}")))
        .find(|p| !p.exists())
        .ok_or_else(|| io::Error::other("fant ikke et ledig filnavn"))
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trashed_file_comes_back_and_never_replaces_another() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let a = dir.path().join("a.ron");
        std::fs::write(&a, "first")?;
        let in_trash = trash(dir.path(), &a)?;
        assert!(!a.exists());
        assert_eq!(std::fs::read_to_string(&in_trash)?, "first");
        std::fs::write(&a, "second")?;
        let again = trash(dir.path(), &a)?;
        assert_ne!(again, in_trash, "the first one in the basket is kept");
        let back = restore(dir.path(), &in_trash)?;
        assert_eq!(back, a);
        assert_eq!(std::fs::read_to_string(&back)?, "first");
        Ok(())
    }
}
