//! Voice files: each participant's own scores, beside the outcome in
//! `NAME.stemmer/` (`NAME.ron` is the outcome), one file per person, so ten
//! laptops on a shared folder never write the same file. Saved as outcomes
//! are: under a lock, atomically. A file there that is not a voice we can
//! read is never written over: the voice goes to a new name beside it.

use std::path::{Path, PathBuf};

use somevett_domain::voices::{self, Merged, VOICE_FORMAT, Voice};
use somevett_text::error::LocatedError;
use somevett_text::regular_file;

use crate::{atomic, lock, slug};

/// The folder of an outcome's voices: `NAME.stemmer/` beside `NAME.ron`.
pub fn voices_dir(outcome: &Path) -> PathBuf {
    let stem = outcome
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    atomic::parent(outcome).join(format!("{stem}.stemmer"))
}

/// Where `name`'s voice is kept.
pub fn voice_path(outcome: &Path, name: &str) -> PathBuf {
    voices_dir(outcome).join(format!("{}.ron", slug::slug(name)))
}

/// A voice file's text.
pub fn to_ron(voice: &Voice) -> Result<String, ron::Error> {
    crate::pretty_ron(voice, 6)
}

/// Parses a voice file: RON in the voice format, numbers 0-5, text cleaned.
pub fn parse(file: &str, text: &str) -> Result<Voice, LocatedError> {
    let mut voice: Voice = ron::from_str(text).map_err(|e| LocatedError::from_ron(file, &e))?;
    if voice.format_version != VOICE_FORMAT {
        return Err(LocatedError::new(
            file,
            (1, 1),
            format!(
                "stemmefilen har format {}, men denne versjonen av somevett kjenner bare format {VOICE_FORMAT}",
                voice.format_version
            ),
        ));
    }
    if !voice.is_valid() {
        let at = text.find("likelihood").unwrap_or(0);
        return Err(LocatedError::new(
            file,
            somevett_text::error::line_col(text, at),
            "stemmen har et tall utenfor 0-5",
        ));
    }
    for t in voice.texts_mut() {
        somevett_text::sanitize::sanitize_in_place(t);
    }
    Ok(voice)
}

/// Reads one voice file (a regular file of bounded size, UTF-8).
pub fn read(path: &Path) -> Result<Voice, String> {
    let bytes = regular_file::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let shown = path.display().to_string();
    let text = regular_file::decode_utf8(&bytes)
        .map_err(|(at, message)| LocatedError::new(&shown, at, message).to_string())?;
    parse(&shown, text).map_err(|e| e.to_string())
}

/// One file in an outcome's voices folder, read.
#[derive(Debug, Clone)]
pub struct ReadVoice {
    pub path: PathBuf,
    pub voice: Result<Voice, String>,
}

/// Every voice file beside `outcome`, by file name. A file that cannot be
/// read is listed with why; temporary and lock files are left out.
pub fn read_all(outcome: &Path) -> Vec<ReadVoice> {
    let Ok(entries) = std::fs::read_dir(voices_dir(outcome)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            regular_file::is_ron(&name) && !name.starts_with('.')
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| ReadVoice {
            voice: read(&path),
            path,
        })
        .collect()
}

/// The voices of one outcome (by its id), merged: one per person, the
/// later kept when one was handed in twice. Files of another outcome and
/// files that cannot be read are said in the notes.
pub fn merged(outcome: &Path, outcome_id: &str) -> Merged {
    let mut notes = Vec::new();
    let mut voices = Vec::new();
    for r in read_all(outcome) {
        match r.voice {
            Ok(v) if v.outcome == outcome_id => voices.push(v),
            Ok(v) => notes.push(format!(
                "{} hører til en annen økt ({}) og er ikke tatt med.",
                r.path.display(),
                v.outcome
            )),
            Err(e) => notes.push(format!("Kan ikke lese en stemme: {e}")),
        }
    }
    let mut m = voices::merge(voices);
    notes.append(&mut m.notes);
    m.notes = notes;
    m
}

/// Saves a voice beside its outcome, under a lock and atomically. A file
/// at its name that is not this person's readable voice is left as it is
/// and the voice goes to a numbered name beside it. Returns where it went.
pub fn save(outcome: &Path, voice: &Voice) -> Result<PathBuf, String> {
    let dir = voices_dir(outcome);
    let fail = |path: &Path, e: &dyn std::fmt::Display| {
        format!("Kunne ikke lagre stemmen i {}: {e}", path.display())
    };
    atomic::create_dir(&dir).map_err(|e| fail(&dir, &e))?;
    let text = to_ron(voice).map_err(|e| fail(&dir, &e))?;
    let target = voice_path(outcome, &voice.name);
    let _lock = lock::acquire(&target).map_err(|e| fail(&target, &e))?;
    let ours = match std::fs::symlink_metadata(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(fail(&target, &e)),
        Ok(_) => read(&target).is_ok_and(|v| v.who() == voice.who() && v.outcome == voice.outcome),
    };
    if ours {
        atomic::write(&target, text.as_bytes()).map_err(|e| fail(&target, &e))?;
        return Ok(target);
    }
    // Saved beside it before: the same file again, not a new one per save.
    let earlier = read_all(outcome).into_iter().find(|r| {
        r.voice
            .as_ref()
            .is_ok_and(|v| v.who() == voice.who() && v.outcome == voice.outcome)
    });
    if let Some(r) = earlier {
        let _lock = lock::acquire(&r.path).map_err(|e| fail(&r.path, &e))?;
        atomic::write(&r.path, text.as_bytes()).map_err(|e| fail(&r.path, &e))?;
        return Ok(r.path);
    }
    let base = format!("{}-stemme", slug::slug(&voice.name));
    atomic::write_numbered(&dir, &base, "ron", text.as_bytes()).map_err(|(p, e)| fail(&p, &e))
}

/// What importing a voice did, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub path: PathBuf,
    pub notes: Vec<String>,
}

/// Imports a voice file from elsewhere (e-mail, a USB stick) beside the
/// outcome: it must belong to the outcome; when the same person has a voice
/// here already, the later of the two is kept, and that is said.
pub fn import(outcome: &Path, outcome_id: &str, file: &Path) -> Result<Imported, String> {
    let voice = read(file)?;
    if voice.outcome != outcome_id {
        return Err(format!(
            "{} hører til en annen økt ({}), ikke denne ({outcome_id}).",
            file.display(),
            voice.outcome
        ));
    }
    let target = voice_path(outcome, &voice.name);
    let here = read(&target).ok().filter(|v| v.who() == voice.who());
    let Some(here) = here else {
        let path = save(outcome, &voice)?;
        return Ok(Imported {
            path,
            notes: vec![format!("{} er hentet inn.", voice.name)],
        });
    };
    let m = voices::merge([here.clone(), voice]);
    let Some(kept) = m.voices.into_iter().next() else {
        return Err("Ingen stemme å hente inn.".to_owned());
    };
    let mut notes = m.notes;
    if kept == here {
        notes.push(format!(
            "Stemmen her er like ny eller nyere: {} er ikke endret.",
            target.display()
        ));
        return Ok(Imported {
            path: target,
            notes,
        });
    }
    let path = save(outcome, &kept)?;
    Ok(Imported { path, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use somevett_domain::voices::{ScoreKey, VoiceScore};

    fn voice(name: &str, time: &str) -> Voice {
        let mut v = Voice::new(
            "okt-1",
            name,
            time.parse().unwrap_or_else(|e| panic!("{e}")),
        );
        v.round_mut(1).scores.push(VoiceScore {
            key: ScoreKey::new("tabell.a.1", None),
            reason: "fordi".into(),
            ..VoiceScore::default()
        });
        v
    }

    #[test]
    fn a_voice_is_saved_beside_its_outcome_and_read_back() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let outcome = dir.path().join("okt.ron");
        let v = voice("Kari Nilsen", "2026-11-23T10:00:00Z");
        let path = save(&outcome, &v).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(path, dir.path().join("okt.stemmer").join("kari-nilsen.ron"));
        let m = merged(&outcome, "okt-1");
        assert_eq!(m.voices, [v]);
        assert!(m.notes.is_empty());
    }

    #[test]
    fn a_file_that_is_not_this_voice_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let outcome = dir.path().join("okt.ron");
        let target = voice_path(&outcome, "Kari Nilsen");
        atomic::create_dir(&voices_dir(&outcome)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&target, "noe annet").unwrap_or_else(|e| panic!("{e}"));
        let path = save(&outcome, &voice("Kari Nilsen", "2026-11-23T10:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(path, target);
        assert_eq!(
            std::fs::read_to_string(&target).ok().as_deref(),
            Some("noe annet")
        );
        // The next save goes to the same file, not to one more.
        let again = save(&outcome, &voice("Kari Nilsen", "2026-11-23T11:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, path);
        let m = merged(&outcome, "okt-1");
        assert_eq!(m.voices.len(), 1);
        assert!(
            m.notes.iter().any(|n| n.contains("Kan ikke lese")),
            "{:?}",
            m.notes
        );
    }

    #[test]
    fn importing_an_older_copy_keeps_the_newer_and_says_so() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let outcome = dir.path().join("okt.ron");
        let new = voice("Kari Nilsen", "2026-11-23T11:00:00Z");
        save(&outcome, &new).unwrap_or_else(|e| panic!("{e}"));
        let old = dir.path().join("fra-minnepinne.ron");
        let text =
            to_ron(&voice("Kari Nilsen", "2026-11-23T10:00:00Z")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&old, text).unwrap_or_else(|e| panic!("{e}"));
        let got = import(&outcome, "okt-1", &old).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            got.notes.iter().any(|n| n.contains("ikke endret")),
            "{:?}",
            got.notes
        );
        assert_eq!(merged(&outcome, "okt-1").voices, [new]);
        assert!(import(&outcome, "en-annen", &old).is_err());
    }
}
