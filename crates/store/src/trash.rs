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

/// The waste basket listed again into `listed`, reading only what changed.
pub fn relist_trash(outcomes: &Path, listed: &mut Vec<Listed>) -> io::Result<usize> {
    super::relist(&trash_dir(outcomes), listed)
}

/// Whether the waste basket of the folder `path` is in holds a file put
/// there from `path` (`NAME`, or `STEM-N.ron` when the name was taken).
pub fn holds(path: &Path) -> bool {
    let (Some(folder), Some(name), Some(stem)) =
        (path.parent(), path.file_name(), path.file_stem())
    else {
        return false;
    };
    let (name, stem) = (name.to_string_lossy(), stem.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(trash_dir(folder)) else {
        return false;
    };
    entries.filter_map(Result::ok).any(|e| {
        let n = e.file_name().to_string_lossy().into_owned();
        n == name
            || n.strip_prefix(&format!("{stem}-"))
                .and_then(somevett_text::regular_file::strip_ron)
                .is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()))
    })
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

/// Creates the waste basket as the outcomes folder shares its files: in a
/// shared folder (setgid, as `outcomes` makes group-shared files there) it is
/// the group's too, `drwxrws---`, so a colleague can trash, see and restore;
/// else it is the user's alone, `drwx------`. A basket made private by an
/// older version in a shared folder is opened to the group when it is ours.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    #[cfg(unix)]
    share_like_parent(dir)?;
    Ok(())
}

#[cfg(unix)]
fn share_like_parent(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let parent = crate::atomic::parent(dir);
    let shared = std::fs::metadata(parent).is_ok_and(|m| m.mode() & 0o2000 != 0);
    if !shared {
        return Ok(());
    }
    let meta = std::fs::metadata(dir)?;
    // SAFETY: geteuid only reads this process's effective user id.
    let ours = meta.uid() == unsafe { libc::geteuid() };
    let wanted = 0o2770;
    if ours && meta.mode() & 0o7777 != wanted {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(wanted))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In a shared (setgid) folder the waste basket is the group's too, so
    /// a colleague can trash, see and restore; one made private before is
    /// opened to the group (round 3, rel F1: «Permission denied»).
    #[cfg(unix)]
    #[test]
    fn in_a_shared_folder_the_waste_basket_is_the_groups() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o7777);
        let shared = tempfile::tempdir()?;
        std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o2775))?;
        let a = shared.path().join("a.ron");
        std::fs::write(&a, "x")?;
        trash(shared.path(), &a)?;
        assert_eq!(mode(&trash_dir(shared.path()))?, 0o2770);
        // A basket an older version made private is opened at the next delete.
        std::fs::set_permissions(
            trash_dir(shared.path()),
            std::fs::Permissions::from_mode(0o2700),
        )?;
        std::fs::write(&a, "y")?;
        trash(shared.path(), &a)?;
        assert_eq!(mode(&trash_dir(shared.path()))?, 0o2770);
        // A private folder keeps a private basket.
        let private = tempfile::tempdir()?;
        let b = private.path().join("b.ron");
        std::fs::write(&b, "z")?;
        trash(private.path(), &b)?;
        assert_eq!(mode(&trash_dir(private.path()))?, 0o700);
        Ok(())
    }

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
