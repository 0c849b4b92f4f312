//! A parsed copy of a `--data` folder's guideline packs, so a large pack is
//! parsed from RON once rather than on every start.
//!
//! The copy lives in the user's cache folder (`$XDG_CACHE_HOME/somevett/packs/`
//! on Linux), never beside the pack: we do not write into the user's data
//! folder. It holds the documents exactly as they came out of parsing,
//! sanitising and validation, and is written only when every pack file was
//! valid, so errors always come from a fresh parse with their `file:line:col`.
//!
//! It is used only when it matches: the same program build (version, and the
//! size and time of the executable), the same folder, and the same files
//! with the same size, modification time, change time and inode. A file
//! changed in the same clock tick as it was cached would go unnoticed, so a
//! file modified in the last two seconds is never cached (git's "racy"
//! rule). A copy that does not match, or cannot be read or decoded, is
//! ignored without a word and written anew; a copy that cannot be written
//! costs nothing but the time saved. `SOMEVETT_NO_CACHE=1` (or `--no-cache`)
//! turns it off.
//!
//! The format is postcard (serde, compact, no schema); it is decoded only
//! after its header matches, and a copy that decodes to anything else than a
//! list of documents is an error we treat as a miss.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::domain::Document;

/// What a cache file starts with; bumped when the layout changes.
const MAGIC: &str = "somevett-packs-1";
/// A file modified this recently is not cached: a change within the same
/// clock tick would keep its time.
const RACY: Duration = Duration::from_secs(2);
/// A cache file larger than this is not read.
const MAX_CACHE_SIZE: u64 = 512 * 1024 * 1024;

/// How a load used the cache, for tests and measurements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// No cache folder, or no `--data` folder.
    Off,
    /// The packs came from the cache.
    Hit,
    /// The packs were parsed and the cache written.
    Written,
    /// The packs were parsed; nothing was cached (errors, a file just
    /// changed, or the cache folder cannot be written).
    Missed,
}

/// The cache folder: `$SOMEVETT_NO_CACHE` set to anything but empty or `0`
/// turns caching off.
pub fn default_dir() -> Option<PathBuf> {
    if std::env::var_os("SOMEVETT_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    let dirs = directories::ProjectDirs::from("no", "somevett", "somevett")?;
    Some(dirs.cache_dir().join("packs"))
}

/// One pack file as the file system describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    path: String,
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<(Stamp, SystemTime)> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let modified_at = meta.modified().ok()?;
        #[cfg(unix)]
        let (modified, changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                (meta.mtime(), meta.mtime_nsec()),
                (meta.ctime(), meta.ctime_nsec()),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (modified, changed, inode) = {
            let since = modified_at
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap_or_default();
            (
                (since.as_secs() as i64, i64::from(since.subsec_nanos())),
                (0, 0),
                0,
            )
        };
        Some((
            Stamp {
                path: path.display().to_string(),
                len: meta.len(),
                modified,
                changed,
                inode,
            },
            modified_at,
        ))
    }
}

/// What must match for a cache file to be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    magic: String,
    build: String,
    folder: String,
    files: Vec<Stamp>,
}

/// One parsed pack file: its name, the document, and where its id stands.
pub type CachedPack = (String, Document, (usize, usize));

/// The program build: its version and its executable's size and time, so
/// that a rebuilt program (whose documents may have changed shape) never
/// reads an older copy.
fn build_id() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| {
            let at = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .unwrap_or_default();
            format!("{}:{}", m.len(), at.as_nanos())
        })
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

/// The cache file for a data folder, named by a hash of its path (the path
/// itself is checked inside).
fn file_for(cache_dir: &Path, folder: &str) -> PathBuf {
    let mut hasher = std::hash::DefaultHasher::new();
    folder.hash(&mut hasher);
    cache_dir.join(format!("{:016x}.bin", hasher.finish()))
}

/// The cache of one data folder's guideline packs, as found now.
pub struct PackCache {
    file: PathBuf,
    header: Header,
    /// Whether a file changed too recently to be cached.
    racy: bool,
}

impl PackCache {
    /// Describes `paths` (the pack files of `folder`, in order) now, before
    /// they are read. `None` when one of them is not a regular file: then
    /// the parse reports it.
    pub fn new(cache_dir: &Path, folder: &Path, paths: &[PathBuf]) -> Option<Self> {
        let folder = std::fs::canonicalize(folder)
            .unwrap_or_else(|_| folder.to_path_buf())
            .display()
            .to_string();
        let now = SystemTime::now();
        let mut racy = false;
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let (stamp, modified) = Stamp::of(path)?;
            racy |= now.duration_since(modified).map_or(true, |age| age < RACY);
            files.push(stamp);
        }
        Some(PackCache {
            file: file_for(cache_dir, &folder),
            header: Header {
                magic: MAGIC.to_owned(),
                build: build_id(),
                folder,
                files,
            },
            racy,
        })
    }

    /// The cached packs, if the cache file matches what is on disk.
    pub fn read(&self) -> Option<Vec<CachedPack>> {
        let meta = std::fs::metadata(&self.file).ok()?;
        if !meta.is_file() || meta.len() > MAX_CACHE_SIZE {
            return None;
        }
        let bytes = std::fs::read(&self.file).ok()?;
        let (header, rest): (Header, _) = postcard::take_from_bytes(&bytes).ok()?;
        if header != self.header {
            return None;
        }
        let (packs, rest): (Vec<CachedPack>, _) = postcard::take_from_bytes(rest).ok()?;
        rest.is_empty().then_some(packs)
    }

    /// Writes the packs, atomically (a temporary file renamed over the old
    /// one); whether it was written.
    pub fn write(&self, packs: &[CachedPack]) -> bool {
        if self.racy {
            return false;
        }
        let Some(dir) = self.file.parent() else {
            return false;
        };
        let mut bytes = match postcard::to_stdvec(&self.header) {
            Ok(b) => b,
            Err(_) => return false,
        };
        match postcard::to_extend(packs, bytes) {
            Ok(b) => bytes = b,
            Err(_) => return false,
        }
        let written = std::fs::create_dir_all(dir).and_then(|()| {
            let mut temp = tempfile::NamedTempFile::new_in(dir)?;
            std::io::Write::write_all(&mut temp, &bytes)?;
            temp.persist(&self.file).map_err(|e| e.error)?;
            Ok(())
        });
        written.is_ok()
    }

    /// Where the cache file is (for tests).
    pub fn path(&self) -> &Path {
        &self.file
    }
}
