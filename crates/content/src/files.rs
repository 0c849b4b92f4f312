//! Reading a data folder: a pack file's text (a regular file, bounded,
//! UTF-8), and the entries of a folder, hidden ones passed over.

use super::*;

/// The text of a pack or keymap file: a regular file of at most
/// `regular_file::MAX_SIZE` bytes in UTF-8 (a BOM is dropped). `Ok(None)`
/// when it does not exist; a FIFO or device is never opened.
pub fn read_text(path: &Path) -> Result<Option<String>, LocatedError> {
    let name = path.display().to_string();
    let bytes = match regular_file::read(path) {
        Ok(bytes) => bytes,
        // A link that points nowhere was put there to be read: say so.
        Err(e) if e.is_not_found() && path.symlink_metadata().is_ok() => {
            return Err(LocatedError::new(
                &name,
                (1, 1),
                "kan ikke lese filen: en lenke som ikke peker til noen fil",
            ));
        }
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => {
            return Err(LocatedError::new(
                &name,
                (1, 1),
                format!("kan ikke lese filen: {e}"),
            ));
        }
    };
    regular_file::decode_utf8(&bytes)
        .map(|text| Some(text.to_owned()))
        .map_err(|(at, message)| LocatedError::new(&name, at, message))
}

/// A pack file that may or may not be there.
pub(crate) fn read_optional(
    path: &Path,
    errors: &mut Vec<LocatedError>,
) -> Option<(String, String)> {
    match read_text(path) {
        Ok(text) => text.map(|t| (path.display().to_string(), t)),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// The names a data folder may hold: `guidelines/` and the override files.
pub(crate) const KNOWN_IN_DATA_DIR: &[&str] = &[
    GUIDELINES_DIR,
    RISKS_FILE,
    SCALES_FILE,
    WHEEL_FILE,
    DILEMMAS_FILE,
    ASSESSMENT_FILE,
    platforms::PLATFORMS_FILE,
    crate::precedents::PRECEDENTS_FILE,
    synonyms::SYNONYMS_FILE,
    crate::public::PUBLIC_FILE,
    crate::nynorsk::NYNORSK_DIR,
];

/// Every entry of `dir` that is not hidden, sorted; unreadable folders are
/// an error.
pub(crate) fn entries(
    dir: &Path,
    errors: &mut Vec<LocatedError>,
) -> Option<Vec<std::path::PathBuf>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut paths: Vec<_> = entries
                .filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect();
            paths.sort();
            Some(paths)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(Vec::new()),
        Err(e) => {
            errors.push(LocatedError::new(
                &dir.display().to_string(),
                (1, 1),
                format!("kan ikke lese datamappen: {e}"),
            ));
            None
        }
    }
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
