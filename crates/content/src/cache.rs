//! A parsed copy of a `--data` folder's guideline packs, so a large pack is
//! parsed from RON once rather than on every start; and one of the embedded
//! guideline packs (a millisecond of every `somevett search`).
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
//! The copy holds text already sanitised, and is sanitised again as it is
//! read, as a pack is: each chunk's CRC-32 catches a damaged copy, not an
//! edited one. A FIFO, a device or a folder at its path is a miss and never
//! opened to wait on.
//!
//! The format is postcard (serde, compact, no schema) in chunks, each with
//! its length and CRC-32: the header, the number of packs, then one chunk per
//! pack, so only one pack's bytes are in memory at a time. The packs are decoded only
//! after the header matches, and a copy that decodes to anything else is a
//! miss.

use std::hash::{Hash, Hasher};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use somevett_domain::Document;

/// What a cache file starts with; bumped when the layout changes.
const MAGIC: &str = "somevett-packs-3";
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

/// The largest chunk (one pack, or the header) read back.
const MAX_CHUNK: usize = 64 * 1024 * 1024;

/// Reads one chunk into `buffer`: its length, its CRC-32 (a damaged copy
/// could otherwise decode to other text), its bytes.
fn read_chunk<'b>(reader: &mut impl Read, buffer: &'b mut Vec<u8>) -> Option<&'b [u8]> {
    let mut prefix = [0u8; 8];
    reader.read_exact(&mut prefix).ok()?;
    let [l0, l1, l2, l3, c0, c1, c2, c3] = prefix;
    let len = u32::from_le_bytes([l0, l1, l2, l3]) as usize;
    if len > MAX_CHUNK {
        return None;
    }
    buffer.clear();
    buffer.resize(len, 0);
    reader.read_exact(buffer).ok()?;
    (crc32fast::hash(buffer) == u32::from_le_bytes([c0, c1, c2, c3])).then_some(buffer)
}

/// Writes one value as a chunk.
fn write_chunk(out: &mut impl Write, value: &impl Serialize) -> std::io::Result<()> {
    let bytes = postcard::to_stdvec(value).map_err(std::io::Error::other)?;
    let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&crc32fast::hash(&bytes).to_le_bytes())?;
    out.write_all(&bytes)
}

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

    /// The embedded guideline packs: they change only with the build.
    pub fn embedded(cache_dir: &Path) -> Self {
        let folder = "(embedded)".to_owned();
        PackCache {
            file: file_for(cache_dir, &folder),
            header: Header {
                magic: MAGIC.to_owned(),
                build: build_id(),
                folder,
                files: Vec::new(),
            },
            racy: false,
        }
    }

    /// The cached packs, if the cache file matches what is on disk. One
    /// pack's bytes are in memory at a time.
    pub fn read(&self) -> Option<Vec<CachedPack>> {
        // A FIFO, a device or a folder at the path is a miss, never opened
        // to wait on.
        let file = somevett_text::regular_file::open(&self.file, MAX_CACHE_SIZE).ok()?;
        let mut reader = BufReader::new(file);
        let mut chunk = Vec::new();
        let header: Header = postcard::from_bytes(read_chunk(&mut reader, &mut chunk)?).ok()?;
        if header != self.header {
            return None;
        }
        let count: u32 = postcard::from_bytes(read_chunk(&mut reader, &mut chunk)?).ok()?;
        let mut packs = Vec::with_capacity(count.min(1 << 16) as usize);
        for _ in 0..count {
            let mut pack: CachedPack =
                postcard::from_bytes(read_chunk(&mut reader, &mut chunk)?).ok()?;
            // Not trusted more than a pack: a copy edited with a valid CRC
            // must not bring escape sequences or bidi overrides to the
            // terminal. Clean text is passed over a byte at a time.
            crate::guidelines::sanitize_document(&mut pack.1);
            packs.push(pack);
        }
        // Anything after the last pack means the file is not what we wrote.
        (reader.read(&mut [0u8]).ok()? == 0).then_some(packs)
    }

    /// Writes the packs, atomically (a temporary file renamed over the old
    /// one), one pack's bytes in memory at a time; whether it was written.
    pub fn write(&self, packs: &[CachedPack]) -> bool {
        if self.racy {
            return false;
        }
        let Some(dir) = self.file.parent() else {
            return false;
        };
        let Ok(count) = u32::try_from(packs.len()) else {
            return false;
        };
        let written = std::fs::create_dir_all(dir).and_then(|()| {
            let mut out = BufWriter::new(tempfile::NamedTempFile::new_in(dir)?);
            write_chunk(&mut out, &self.header)?;
            write_chunk(&mut out, &count)?;
            for pack in packs {
                write_chunk(&mut out, pack)?;
            }
            let temp = out.into_inner().map_err(|e| e.into_error())?;
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
