//! What the app remembers between runs: the outcome that was open when it
//! last quit, so the next start reopens it.

use std::io;
use std::path::{Path, PathBuf};

/// The state file in the platform's state folder (`--state` aside).
pub fn state_file() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("no", "somevett", "somevett")?;
    let dir = dirs
        .state_dir()
        .map_or_else(|| dirs.data_local_dir().to_path_buf(), Path::to_path_buf);
    Some(dir.join("sist-apnet.txt"))
}

/// The outcome remembered, `None` if the file does not exist (a first start).
/// An empty file means no outcome was open.
pub fn recall(file: &Path) -> io::Result<Option<PathBuf>> {
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(Some(PathBuf::from(text.trim_end_matches('\n')))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Remembers `open` (or that none is open) for the next start.
pub fn remember(file: &Path, open: Option<&Path>) -> io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = open.map(|p| p.display().to_string()).unwrap_or_default();
    super::atomic::write(file, text.as_bytes())
}
