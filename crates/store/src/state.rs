//! What the app remembers between runs: the outcome that was open when it
//! last quit and where the app was, so the next start comes back there.

use std::io;

use somevett_domain::date::Timestamp;
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
/// An empty first line means no outcome was open.
pub fn recall(file: &Path) -> io::Result<Option<PathBuf>> {
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(Some(PathBuf::from(text.lines().next().unwrap_or_default()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Where the app was when it last quit: the screen (1-based), the platform
/// it showed there and the row selected, by a name that outlives a change
/// of data (a risk id, a question key, an item id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub screen: u8,
    pub platform: Option<String>,
    pub at: Option<String>,
}

/// The place remembered, if any: `skjerm N` on the second line, then
/// optionally `plattform NAME` and `ved NAME`.
pub fn recall_place(file: &Path) -> Option<Place> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines().skip(1);
    let screen = lines.next()?.strip_prefix("skjerm ")?.trim().parse().ok()?;
    let mut place = Place {
        screen,
        ..Place::default()
    };
    for line in lines {
        if let Some(p) = line.strip_prefix("plattform ") {
            place.platform = Some(p.to_owned());
        } else if let Some(at) = line.strip_prefix("ved ") {
            place.at = Some(at.to_owned());
        }
    }
    Some(place)
}

/// Remembers `open` (or that none is open) and where the app is, for the
/// next start.
pub fn remember(file: &Path, open: Option<&Path>, place: &Place) -> io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // One value per line: a line break in a name would start another.
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let path = open.map(|p| p.display().to_string()).unwrap_or_default();
    let mut text = format!("{path}\nskjerm {}\n", place.screen);
    if let Some(p) = &place.platform {
        text.push_str(&format!("plattform {}\n", one_line(p)));
    }
    if let Some(at) = &place.at {
        text.push_str(&format!("ved {}\n", one_line(at)));
    }
    super::atomic::write(file, text.as_bytes())
}

/// Text a signal or a lost terminal would have taken: what was typed in a
/// form that was open, kept as a text file in `utkast/` beside the state
/// file and shown at the next start (then moved to `utkast/vist/`).
pub fn drafts_dir(state_file: &Path) -> PathBuf {
    state_file
        .parent()
        .map_or_else(|| PathBuf::from("utkast"), |d| d.join("utkast"))
}

/// Keeps `text` as a new draft named for `at` (`utkast-20261207123000.txt`,
/// `-2` and on when that is taken); returns its path.
pub fn keep_draft(state_file: &Path, at: Timestamp, text: &str) -> io::Result<PathBuf> {
    keep_new(
        &drafts_dir(state_file),
        &format!("utkast-{}", super::compact(at)),
        "txt",
        text,
    )
}

/// Keeps the outcome `ron` that could not be saved where it belongs, as
/// `nodkopier/nodkopi-STAMP.ron` beside the state file; returns its path.
pub fn keep_emergency_copy(state_file: &Path, at: Timestamp, ron: &str) -> io::Result<PathBuf> {
    let dir = state_file
        .parent()
        .map_or_else(|| PathBuf::from("nodkopier"), |d| d.join("nodkopier"));
    keep_new(&dir, &format!("nodkopi-{}", super::compact(at)), "ron", ron)
}

fn keep_new(dir: &Path, base: &str, ext: &str, text: &str) -> io::Result<PathBuf> {
    super::atomic::create_dir(dir)?;
    super::atomic::write_numbered(dir, base, ext, text.as_bytes()).map_err(|(_, e)| e)
}

/// The drafts not shown yet, oldest first, with their text. A file that is
/// not a readable regular text file is passed over.
pub fn unseen_drafts(state_file: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(drafts_dir(state_file)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    // Oldest first: by when written, then by name.
    paths.sort_by_key(|p| {
        (
            std::fs::metadata(p).and_then(|m| m.modified()).ok(),
            p.clone(),
        )
    });
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = somevett_text::regular_file::read(&p).ok()?;
            let text = somevett_text::regular_file::decode_utf8(&bytes)
                .ok()?
                .to_owned();
            Some((p, text))
        })
        .collect()
}

/// Moves a draft that has been shown to `utkast/vist/`: kept, not shown again.
pub fn mark_seen(draft: &Path) -> io::Result<PathBuf> {
    let dir = draft
        .parent()
        .map_or_else(|| PathBuf::from("vist"), |d| d.join("vist"));
    super::atomic::create_dir(&dir)?;
    let to = dir.join(draft.file_name().unwrap_or_default());
    std::fs::rename(draft, &to)?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_kept_shown_once_and_never_deleted() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let state = dir.path().join("sist-apnet.txt");
        let at: Timestamp = "2026-12-07T12:00:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let first = keep_draft(&state, at, "Notater:\n  mye tekst")?;
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = keep_draft(&state, at, "mer")?;
        assert_ne!(first, second);
        let unseen = unseen_drafts(&state);
        assert_eq!(unseen.len(), 2);
        assert_eq!(unseen[0].1, "Notater:\n  mye tekst");
        let kept = mark_seen(&first)?;
        assert!(kept.is_file());
        assert_eq!(unseen_drafts(&state).len(), 1);
        let copy = keep_emergency_copy(&state, at, "(format_version: 5)")?;
        assert!(copy.ends_with("nodkopi-20261207120000.ron"), "{copy:?}");
        assert_eq!(std::fs::read_to_string(copy)?, "(format_version: 5)");
        Ok(())
    }

    #[test]
    fn the_place_round_trips_and_an_older_file_gives_the_screen_alone() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let state = dir.path().join("sist-apnet.txt");
        let place = Place {
            screen: 2,
            platform: Some("TikTok".into()),
            at: Some("tabell.apenhet.r1".into()),
        };
        remember(&state, Some(Path::new("/okter/a.ron")), &place)?;
        assert_eq!(recall_place(&state), Some(place));
        assert_eq!(recall(&state)?, Some(PathBuf::from("/okter/a.ron")));
        // What the app wrote before it remembered more than the screen.
        std::fs::write(&state, "/okter/a.ron\nskjerm 5\n")?;
        let older = recall_place(&state);
        assert_eq!(
            older.map(|p| (p.screen, p.platform, p.at)),
            Some((5, None, None))
        );
        // A name with a line break stays on its line.
        let odd = Place {
            screen: 1,
            platform: Some("Tik\nTok".into()),
            at: None,
        };
        remember(&state, None, &odd)?;
        assert_eq!(
            recall_place(&state).and_then(|p| p.platform).as_deref(),
            Some("Tik Tok")
        );
        Ok(())
    }
}
