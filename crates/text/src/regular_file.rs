//! Bounded reads of regular files, for outcomes, packs and keymaps. A FIFO,
//! a device (`/dev/zero`), a folder or a file larger than `MAX_SIZE` is
//! refused with a reason before it is read, so nothing can hang the app or
//! fill its memory.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// The largest file somevett reads. The biggest real outcome is well under
/// 1 MB; packs are smaller still.
pub const MAX_SIZE: u64 = 16 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// Not a regular file: what it is instead.
    NotRegular(&'static str),
    TooLarge(u64),
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => write!(f, "filen finnes ikke"),
            ReadError::NotRegular(kind) => {
                write!(f, "ikke en vanlig fil ({kind}); den leses ikke")
            }
            ReadError::TooLarge(size) => write!(
                f,
                "filen er for stor ({} MB; grensen er {} MB); den leses ikke",
                size.div_ceil(1024 * 1024),
                MAX_SIZE / (1024 * 1024)
            ),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::NotFound)
    }

    pub fn is_permission_denied(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::PermissionDenied)
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::NotFound
        } else {
            ReadError::Io(e)
        }
    }
}

/// Whether a path (symlinks followed) is a regular file within the size
/// limit; otherwise what it is.
pub fn check(path: &Path) -> Result<(), ReadError> {
    let meta = std::fs::metadata(path)?;
    kind_ok(&meta, MAX_SIZE)
}

/// A regular file of at most `max` bytes, or what it is instead.
fn kind_ok(meta: &std::fs::Metadata, max: u64) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_name(meta)));
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(meta.len()));
    }
    Ok(())
}

#[cfg(unix)]
fn kind_name(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "en mappe"
    } else if t.is_fifo() {
        "en FIFO"
    } else if t.is_socket() {
        "en socket"
    } else if t.is_char_device() || t.is_block_device() {
        "en enhet"
    } else {
        "en spesialfil"
    }
}

#[cfg(not(unix))]
fn kind_name(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        "en mappe"
    } else {
        "en spesialfil"
    }
}

/// Reads a regular file of at most `MAX_SIZE` bytes. The file is opened
/// without blocking (a FIFO swapped in after the check cannot hang us) and
/// checked again through the open handle.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = open(path, MAX_SIZE)?;
    let mut bytes = Vec::new();
    file.take(MAX_SIZE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SIZE {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens a regular file of at most `max` bytes for reading: what is at
/// `path` is looked at before it is opened (a FIFO is never opened), it is
/// opened without blocking (a FIFO swapped in after the look cannot hang
/// us), and looked at again through the handle.
pub fn open(path: &Path, max: u64) -> Result<std::fs::File, ReadError> {
    kind_ok(&std::fs::metadata(path)?, max)?;
    let file = open_nonblocking(path)?;
    kind_ok(&file.metadata()?, max)?;
    Ok(file)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Text of a file that must be UTF-8: a leading BOM is dropped; invalid
/// UTF-8 is an error with the line and column of the first bad byte.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, ((usize, usize), String)> {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let good = &body[..e.valid_up_to()];
        let text = std::str::from_utf8(good).unwrap_or_default();
        let at = crate::error::line_col(text, text.len());
        let byte = body.get(e.valid_up_to()).copied().unwrap_or(0);
        (
            at,
            format!(
                "filen er ikke UTF-8 (byte 0x{byte:02x}); lagre den som UTF-8, for eksempel fra Latin-1 med «iconv -f latin1 -t utf-8»"
            ),
        )
    })
}

/// Whether a file name ends in `.ron`, in any case (`Skole.RON` too).
pub fn is_ron(name: &str) -> bool {
    name.len() > 4
        && name.is_char_boundary(name.len() - 4)
        && name[name.len() - 4..].eq_ignore_ascii_case(".ron")
}

/// The name without its `.ron` (any case), if it has one.
pub fn strip_ron(name: &str) -> Option<&str> {
    is_ron(name).then(|| &name[..name.len() - 4])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `open` holds to the limit it is given, not to `MAX_SIZE`: the parse
    /// cache may be larger than a file somevett reads for the user.
    #[test]
    fn open_takes_its_own_limit() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("stor.bin");
        std::fs::File::create(&path)?.set_len(MAX_SIZE + 1)?;
        assert!(open(&path, 2 * MAX_SIZE).is_ok());
        assert!(matches!(open(&path, MAX_SIZE), Err(ReadError::TooLarge(_))));
        assert!(matches!(read(&path), Err(ReadError::TooLarge(_))));
        Ok(())
    }

    #[test]
    fn ron_files_are_known_in_any_case() {
        assert!(is_ron("a.ron") && is_ron("Skole.RON") && is_ron("x.Ron"));
        assert!(!is_ron(".ron") && !is_ron("aron") && !is_ron("a.rono") && !is_ron("æ"));
        assert_eq!(strip_ron("Skole.RON"), Some("Skole"));
        assert_eq!(strip_ron("Skole.txt"), None);
    }

    #[test]
    fn a_bom_is_dropped_and_latin1_is_located() {
        assert_eq!(decode_utf8(b"\xef\xbb\xbf(a)"), Ok("(a)"));
        let err = decode_utf8(b"(\n  x: \"Mer\xe5ker\"").err();
        assert_eq!(err.map(|e| e.0), Some((2, 10)));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_and_a_device_are_refused_without_being_opened()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let fifo = dir.path().join("fifo.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status()?;
        assert!(made.success());
        assert!(matches!(read(&fifo), Err(ReadError::NotRegular(_))));
        assert!(matches!(
            read(Path::new("/dev/zero")),
            Err(ReadError::NotRegular(_))
        ));
        assert!(matches!(read(dir.path()), Err(ReadError::NotRegular(_))));
        Ok(())
    }

    #[test]
    fn a_file_over_the_limit_is_refused() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let big = dir.path().join("big.ron");
        std::fs::File::create(&big)?.set_len(MAX_SIZE + 1)?;
        assert!(matches!(read(&big), Err(ReadError::TooLarge(_))));
        Ok(())
    }
}
