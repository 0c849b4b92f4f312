//! Outcome persistence: where files live, listing, loading (with migration),
//! atomic saving with conflict detection, and export.

pub mod atomic;
pub mod lock;
pub mod migrate;
pub mod slug;
pub mod state;
pub mod trash;
pub mod voices;

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use somevett_domain::date::{self, Timestamp};
use somevett_domain::{FORMAT_VERSION, Outcome};
use somevett_text::LocatedError;
use somevett_text::regular_file;

/// The environment variable that overrides the outcomes folder.
pub const OUTCOMES_ENV: &str = "SOMEVETT_OUTCOMES";

/// The outcomes folder: `--outcomes DIR`, else `$SOMEVETT_OUTCOMES`, else
/// the platform's data folder.
pub fn outcomes_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(OUTCOMES_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("no", "somevett", "somevett")?;
    Some(dirs.data_dir().join("outcomes"))
}

/// A fresh identity: the time `stamp` plus a random nonce.
pub fn new_id(stamp: Timestamp) -> String {
    let nonce = std::hash::RandomState::new().build_hasher().finish();
    format!("{}-{:08x}", compact(stamp), nonce & 0xffff_ffff)
}

/// What the bytes on disk were when we last read or wrote them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(u64, usize);

impl Fingerprint {
    fn of(bytes: &[u8]) -> Self {
        let mut h = std::hash::DefaultHasher::new();
        h.write(bytes);
        Fingerprint(h.finish(), bytes.len())
    }
}

/// An outcome's file, as this session knows it.
#[derive(Debug, Clone)]
pub struct OpenFile {
    pub path: PathBuf,
    fingerprint: Option<Fingerprint>,
    /// Set when the file was in an older format: its bytes, to back up
    /// before the first save rewrites it.
    migrated: Option<(u32, Vec<u8>)>,
    /// Once the file changed under us, this session's saves go here; with
    /// what we last wrote there, so a change to it is not overwritten either.
    pub conflict: Option<PathBuf>,
    conflict_fingerprint: Option<Fingerprint>,
}

impl OpenFile {
    /// Whether the file this session saves to exists (it may have been
    /// moved or deleted from outside).
    pub fn is_on_disk(&self) -> bool {
        self.conflict.as_ref().unwrap_or(&self.path).exists()
    }

    pub fn migrated_from(&self) -> Option<u32> {
        self.migrated.as_ref().map(|(v, _)| *v)
    }

    /// Whether the file on disk is no longer what this session read or
    /// wrote (another session saved it: the facilitator opened a round).
    pub fn changed_on_disk(&self) -> bool {
        regular_file::read(&self.path)
            .is_ok_and(|bytes| Some(Fingerprint::of(&bytes)) != self.fingerprint)
    }
}

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    Io { path: PathBuf, message: String },
    Parse(LocatedError),
    TooNew { path: PathBuf, found: u32 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, message } => {
                write!(f, "{}: kan ikke lese filen: {message}", path.display())
            }
            LoadError::Parse(e) => write!(f, "{e}"),
            LoadError::TooNew { path, found } => write!(
                f,
                "{}: filen har format {found}, men denne versjonen av somevett kjenner bare format {FORMAT_VERSION} og eldre. Oppdater somevett for å åpne den.",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// A save that did not happen; the outcome is still in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError {
    pub path: PathBuf,
    pub message: String,
    /// Another session was saving the same file: try again shortly.
    pub busy: bool,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Kunne ikke lagre {}: {}. Arbeidet er ikke tapt: det ligger i minnet, og somevett prøver igjen ved neste lagring.",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for SaveError {}

/// What a successful save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Written to the outcome's own file.
    InPlace,
    /// The file had changed on disk: theirs is left as it is, ours went to a
    /// conflict file beside it.
    Conflict { theirs: PathBuf, ours: PathBuf },
    /// The file (or its folder) refused us (permission denied): ours went to
    /// a conflict file where we can write.
    Denied {
        theirs: PathBuf,
        ours: PathBuf,
        reason: String,
    },
    /// The file was moved to the waste basket (by a colleague, or another
    /// session) since we read it: it is not made again behind their back,
    /// and ours went to a conflict file beside where it was.
    Removed { theirs: PathBuf, ours: PathBuf },
}

impl Saved {
    /// Where this session's version went, if not to the outcome's own file.
    pub fn conflict_file(&self) -> Option<&Path> {
        match self {
            Saved::InPlace => None,
            Saved::Conflict { ours, .. }
            | Saved::Denied { ours, .. }
            | Saved::Removed { ours, .. } => Some(ours),
        }
    }

    /// What happened, for the status line.
    pub fn message(&self) -> String {
        use somevett_text::terminal::path as shown;
        match self {
            Saved::InPlace => String::from("Lagret."),
            Saved::Conflict { theirs, ours } => format!(
                "Filen {} ble endret utenfor somevett og er ikke overskrevet. Din versjon er lagret i {}.",
                shown(theirs),
                shown(ours)
            ),
            Saved::Denied {
                theirs,
                ours,
                reason,
            } => format!(
                "Kunne ikke skrive {} ({reason}). Din versjon er lagret i {}.",
                shown(theirs),
                shown(ours)
            ),
            Saved::Removed { theirs, ours } => format!(
                "{} er flyttet til papirkurven utenfor denne økten, og lages ikke på nytt. Din versjon er lagret i {}; på Økter kan den gamle hentes fra papirkurven.",
                shown(theirs),
                shown(ours)
            ),
        }
    }
}

#[derive(Debug, Deserialize)]
struct VersionProbe {
    /// 0 when the field is missing.
    #[serde(default)]
    format_version: u32,
}

/// Pretty, stable RON: fields in declaration order, so files diff well.
pub fn to_ron(outcome: &Outcome) -> Result<String, ron::Error> {
    pretty_ron(outcome, 8)
}

/// RON as the store writes it: pretty, fields in a fixed order, four
/// spaces, down to `depth`, with a final line end; so files diff well.
pub(crate) fn pretty_ron<T: serde::Serialize>(
    value: &T,
    depth: usize,
) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(depth)
        .indentor("    ".to_owned())
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::ser::to_string_pretty(value, config)?;
    text.push('\n');
    Ok(text)
}

/// Parses an outcome file's text, migrating older formats in memory.
/// Returns the outcome and the version it was migrated from, if any.
pub fn parse(file: &str, text: &str) -> Result<(Outcome, Option<u32>), LoadError> {
    let path = PathBuf::from(file);
    let probe: VersionProbe =
        ron::from_str(text).map_err(|e| LoadError::Parse(LocatedError::from_ron(file, &e)))?;
    let version = probe.format_version;
    if version == 0 {
        return Err(LoadError::Parse(LocatedError::new(
            file,
            (1, 1),
            "mangler format_version",
        )));
    }
    let parse_err =
        |e: ron::error::SpannedError| LoadError::Parse(LocatedError::from_ron(file, &e));
    match version {
        v if v > FORMAT_VERSION => Err(LoadError::TooNew { path, found: v }),
        FORMAT_VERSION => Ok((
            checked(file, text, ron::from_str(text).map_err(parse_err)?)?,
            None,
        )),
        1 => {
            let old: migrate::OutcomeV1 = ron::from_str(text).map_err(parse_err)?;
            let outcome = migrate::upgrade(old.into(), 1);
            Ok((checked(file, text, outcome)?, Some(1)))
        }
        // Formats 2 to 4 share a schema where dates are text.
        v @ (2..=4) => {
            let old: migrate::OutcomeV4 = ron::from_str(text).map_err(parse_err)?;
            let outcome = migrate::upgrade(old.into_current(v), v);
            Ok((checked(file, text, outcome)?, Some(v)))
        }
        // Formats 5 to 7 are the current schema without what came later
        // (the case and the description; a round's ground; the voices),
        // which starts empty.
        v @ (5..=7) => {
            let old: Outcome = ron::from_str(text).map_err(parse_err)?;
            let outcome = migrate::upgrade(old, v);
            Ok((checked(file, text, outcome)?, Some(v)))
        }
        v => Err(LoadError::Parse(LocatedError::new(
            file,
            (1, 1),
            format!("ukjent format_version {v}"),
        ))),
    }
}

/// Cleans the text of a parsed outcome and checks what serde cannot: scores
/// are 0-5. Text from files never reaches the terminal raw.
fn checked(file: &str, text: &str, mut outcome: Outcome) -> Result<Outcome, LoadError> {
    if let Some(risk) = outcome.risk.invalid_scores().first() {
        let at = somevett_text::error::find_literal(text, risk, 0).unwrap_or(0);
        return Err(LoadError::Parse(LocatedError::new(
            file,
            somevett_text::error::line_col(text, at),
            format!("risikoen «{risk}» har et tall utenfor 0-5"),
        )));
    }
    if !outcome.voting.is_valid() {
        let at = text.find("voting:").unwrap_or(0);
        return Err(LoadError::Parse(LocatedError::new(
            file,
            somevett_text::error::line_col(text, at),
            "en stemme eller gruppens skår har et tall utenfor 0-5",
        )));
    }
    sanitize_outcome(&mut outcome);
    Ok(outcome)
}

fn clean_measure(m: &mut somevett_domain::risk::Measure) {
    for t in [&mut m.text, &mut m.source, &mut m.owner, &mut m.note] {
        somevett_text::sanitize::sanitize_in_place(t);
    }
}

fn sanitize_outcome(o: &mut Outcome) {
    use somevett_text::sanitize::sanitize_in_place as clean;
    for t in [
        &mut o.id,
        &mut o.title,
        &mut o.municipality,
        &mut o.unit,
        &mut o.case_ref,
        &mut o.notes,
    ] {
        clean(t);
    }
    o.platforms.iter_mut().for_each(clean);
    o.voting.texts_mut().into_iter().for_each(clean);
    o.public.texts_mut().into_iter().for_each(clean);
    o.participants.iter_mut().for_each(|p| clean(&mut p.name));
    for c in &mut o.risk.custom {
        for t in [&mut c.id, &mut c.title, &mut c.description, &mut c.goal] {
            clean(t);
        }
    }
    for a in &mut o.risk.assessments {
        clean(&mut a.risk);
        clean(&mut a.note);
        for p in &mut a.platforms {
            clean(&mut p.platform);
            clean(&mut p.note);
        }
        let own = a.platforms.iter_mut().flat_map(|p| &mut p.measures);
        a.measures.iter_mut().chain(own).for_each(clean_measure);
    }
    for r in &mut o.wheel.reflections {
        for t in [&mut r.dilemma, &mut r.conflicts, &mut r.justification] {
            clean(t);
        }
        for alt in &mut r.alternatives {
            clean(&mut alt.name);
            for a in &mut alt.assessments {
                clean(&mut a.dimension);
                clean(&mut a.note);
            }
        }
    }
    for a in &mut o.checklists.answers {
        clean(&mut a.item);
        clean(&mut a.note);
        if let Some(m) = &mut a.measure {
            clean_measure(m);
        }
        for p in &mut a.platforms {
            clean(&mut p.platform);
            clean(&mut p.note);
            if let Some(m) = &mut p.measure {
                clean_measure(m);
            }
        }
    }
    for round in &mut o.decision.rounds {
        for t in [
            &mut round.justification,
            &mut round.decided_by,
            &mut round.note,
        ] {
            clean(t);
        }
        round.conditions.iter_mut().for_each(clean);
        let platform = |p: &mut somevett_domain::decision::PlatformDecision| {
            clean(&mut p.platform);
            p.conditions.iter_mut().for_each(clean);
        };
        round.platforms.iter_mut().for_each(platform);
        for c in &mut round.corrections {
            c.platforms.iter_mut().for_each(platform);
            for t in [
                &mut c.corrected_by,
                &mut c.reason,
                &mut c.justification,
                &mut c.decided_by,
            ] {
                clean(t);
            }
            c.conditions.iter_mut().for_each(clean);
            for f in &mut c.changes {
                clean(&mut f.field);
                clean(&mut f.before);
                clean(&mut f.after);
            }
        }
    }
}

/// Deletes an outcome file, and its lock file if it has one.
pub fn delete(path: &Path) -> io::Result<()> {
    std::fs::remove_file(path)?;
    lock::forget(path);
    Ok(())
}

/// Reads and parses one outcome file: a regular file of at most
/// `regular_file::MAX_SIZE` bytes, in UTF-8 (a BOM is accepted). Anything
/// else is an error and the file is never rewritten.
pub fn load(path: &Path) -> Result<(Outcome, OpenFile), LoadError> {
    let bytes = regular_file::read(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let shown = path.display().to_string();
    let text = regular_file::decode_utf8(&bytes)
        .map_err(|(at, message)| LoadError::Parse(LocatedError::new(&shown, at, message)))?;
    let (outcome, migrated_from) = parse(&shown, text)?;
    let file = OpenFile {
        path: path.to_path_buf(),
        fingerprint: Some(Fingerprint::of(&bytes)),
        migrated: migrated_from.map(|v| (v, bytes.clone())),
        conflict: None,
        conflict_fingerprint: None,
    };
    Ok((outcome, file))
}

/// Saves an open outcome, with the user's fallback folder for a conflict
/// file the outcomes folder refuses.
pub fn save(file: &mut OpenFile, outcome: &Outcome) -> Result<Saved, SaveError> {
    save_in(file, outcome, fallback_dir().as_deref())
}

/// Where this user can always write a conflict file: the platform's data
/// folder, `konflikter/`.
pub fn fallback_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("no", "somevett", "somevett")?;
    Some(dirs.data_dir().join("konflikter"))
}

/// Saves an open outcome: atomically, never over a file that changed on
/// disk since we read it (compared and replaced under a lock, so two
/// sessions saving at once cannot both win), and with a backup before a
/// migrated file is rewritten. A file or folder that refuses us (permission
/// denied) gets our version in a conflict file beside it, or in `fallback`.
pub fn save_in(
    file: &mut OpenFile,
    outcome: &Outcome,
    fallback: Option<&Path>,
) -> Result<Saved, SaveError> {
    save_waiting(file, outcome, fallback, lock::WAIT)
}

/// How long an autosave waits for another session's save: the keys wait
/// with it, so it gives up soon and is tried again (`is_busy`).
pub const AUTOSAVE_WAIT: std::time::Duration = std::time::Duration::from_millis(20);

/// A save that waits at most `AUTOSAVE_WAIT` for another session's save.
pub fn autosave(file: &mut OpenFile, outcome: &Outcome) -> Result<Saved, SaveError> {
    save_waiting(file, outcome, fallback_dir().as_deref(), AUTOSAVE_WAIT)
}

fn save_waiting(
    file: &mut OpenFile,
    outcome: &Outcome,
    fallback: Option<&Path>,
    wait: std::time::Duration,
) -> Result<Saved, SaveError> {
    let fail = |path: &Path, e: &dyn fmt::Display| SaveError {
        path: path.to_path_buf(),
        message: e.to_string(),
        busy: false,
    };
    let text = to_ron(outcome).map_err(|e| fail(&file.path, &e))?;
    if let Some(ours) = file.conflict.clone() {
        // Someone changed the conflict file too: start another one.
        let changed = match regular_file::read(&ours) {
            Ok(bytes) => Some(Fingerprint::of(&bytes)) != file.conflict_fingerprint,
            Err(e) => !e.is_not_found(),
        };
        if !changed {
            atomic::write(&ours, text.as_bytes()).map_err(|e| fail(&ours, &e))?;
            file.conflict_fingerprint = Some(Fingerprint::of(text.as_bytes()));
            return Ok(Saved::Conflict {
                theirs: file.path.clone(),
                ours,
            });
        }
        return write_conflict(file, &text, fallback, None);
    }
    let _lock = lock::acquire_within(&file.path, wait).map_err(|e| SaveError {
        path: file.path.clone(),
        message: e.to_string(),
        busy: e.kind() == io::ErrorKind::WouldBlock,
    })?;
    let on_disk = match regular_file::read(&file.path) {
        Ok(bytes) => Some(Fingerprint::of(&bytes)),
        Err(e) if e.is_not_found() => None,
        Err(e) if e.is_permission_denied() => {
            return write_conflict(file, &text, fallback, Some(e.to_string()));
        }
        Err(e) => return Err(fail(&file.path, &e)),
    };
    let changed_under_us = on_disk.is_some() && on_disk != file.fingerprint;
    if changed_under_us {
        return write_conflict(file, &text, fallback, None);
    }
    // Moved to the waste basket since we read or wrote it: a colleague's
    // delete is not undone. (A file that is simply gone, its folder made
    // again, is written again: nobody chose to put it away.)
    if on_disk.is_none() && file.fingerprint.is_some() && trash::holds(&file.path) {
        return write_conflict(file, &text, fallback, None).map(|saved| match saved {
            Saved::Conflict { theirs, ours } => Saved::Removed { theirs, ours },
            other => other,
        });
    }
    // A file we may not write (read-only, or a colleague's without group
    // write) is not replaced behind its owner's back, although the folder
    // would allow the rename.
    if on_disk.is_some()
        && let Err(e) = std::fs::OpenOptions::new().write(true).open(&file.path)
        && e.kind() == io::ErrorKind::PermissionDenied
    {
        return write_conflict(file, &text, fallback, Some(e.to_string()));
    }
    if let Some((version, original)) = &file.migrated {
        write_backup(&file.path, *version, original).map_err(|(p, e)| fail(&p, &e))?;
    }
    match atomic::write(&file.path, text.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return write_conflict(file, &text, fallback, Some(e.to_string()));
        }
        Err(e) => return Err(fail(&file.path, &e)),
    }
    file.fingerprint = Some(Fingerprint::of(text.as_bytes()));
    file.migrated = None;
    Ok(Saved::InPlace)
}

/// The original of a migrated file, in the first free backup name:
/// `NAME.v1.bak.ron`, then `NAME.v1.bak-2.ron` ... A backup is never skipped
/// and never replaces anything.
fn write_backup(
    path: &Path,
    version: u32,
    original: &[u8],
) -> Result<PathBuf, (PathBuf, io::Error)> {
    let mut n = 1;
    loop {
        let backup = backup_path_n(path, version, n);
        match atomic::write_new(&backup, original) {
            Ok(()) => return Ok(backup),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err((backup, e)),
        }
    }
}

/// Writes this session's version to a new conflict file, claimed
/// exclusively beside the outcome, or in `fallback` when the folder refuses
/// us; and remembers what it wrote. `denied` is why the outcome's own file
/// could not be written, if that was the reason.
fn write_conflict(
    file: &mut OpenFile,
    text: &str,
    fallback: Option<&Path>,
    denied: Option<String>,
) -> Result<Saved, SaveError> {
    let fail = |path: &Path, e: &dyn fmt::Display| SaveError {
        path: path.to_path_buf(),
        message: e.to_string(),
        busy: false,
    };
    let here = atomic::parent(&file.path).to_path_buf();
    let (ours, denied) = match claim_conflict(&here, &file.path, text) {
        Ok(p) => (p, denied),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && fallback.is_some() => {
            let dir = fallback.unwrap_or(&here);
            atomic::create_dir(dir).map_err(|e| fail(dir, &e))?;
            let p = claim_conflict(dir, &file.path, text).map_err(|e| fail(dir, &e))?;
            (p, Some(denied.unwrap_or_else(|| e.to_string())))
        }
        Err(e) => return Err(fail(&here, &e)),
    };
    file.conflict = Some(ours.clone());
    file.conflict_fingerprint = Some(Fingerprint::of(text.as_bytes()));
    let theirs = file.path.clone();
    Ok(match denied {
        Some(reason) => Saved::Denied {
            theirs,
            ours,
            reason,
        },
        None => Saved::Conflict { theirs, ours },
    })
}

/// `NAME.konflikt-STAMP.ron` in `dir`, created exclusively with `text`.
fn claim_conflict(dir: &Path, path: &Path, text: &str) -> io::Result<PathBuf> {
    // Named for the moment the copy is made, whatever the app's clock says:
    // only the name, never the record, carries it.
    let stamp = compact(Timestamp::now());
    let base = format!("{}.konflikt-{stamp}", stem(path));
    atomic::write_numbered(dir, &base, "ron", text.as_bytes()).map_err(|(_, e)| e)
}

/// Writes a new outcome to a fresh file named after its title and date,
/// claimed exclusively so two sessions never pick the same name. A folder
/// somevett creates is readable by the owner only.
pub fn create(dir: &Path, outcome: &Outcome) -> Result<OpenFile, SaveError> {
    let fail = |path: &Path, e: &dyn fmt::Display| SaveError {
        path: path.to_path_buf(),
        message: e.to_string(),
        busy: false,
    };
    atomic::create_dir(dir).map_err(|e| fail(dir, &e))?;
    let text = to_ron(outcome).map_err(|e| fail(dir, &e))?;
    // `<slug>-<date>.ron`, or `-N` after it when that is taken.
    let base = format!(
        "{}-{}",
        slug::slug(&outcome.title),
        date::day_of(outcome.created)
    );
    let path = atomic::write_numbered(dir, &base, "ron", text.as_bytes())
        .map_err(|(path, e)| fail(&path, &e))?;
    Ok(OpenFile {
        path,
        fingerprint: Some(Fingerprint::of(text.as_bytes())),
        migrated: None,
        conflict: None,
        conflict_fingerprint: None,
    })
}

/// `20261123100000`: an instant in UTC, to the second, as file names and
/// identities carry it.
pub fn compact(t: Timestamp) -> String {
    t.strftime("%Y%m%d%H%M%S").to_string()
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The first backup name of a migrated file: `NAME.vN.bak.ron`.
pub fn backup_path(path: &Path, version: u32) -> PathBuf {
    backup_path_n(path, version, 1)
}

/// The `n`th backup name: `NAME.vN.bak.ron`, `NAME.vN.bak-2.ron` ...
pub fn backup_path_n(path: &Path, version: u32, n: usize) -> PathBuf {
    if n == 1 {
        path.with_file_name(format!("{}.v{version}.bak.ron", stem(path)))
    } else {
        path.with_file_name(format!("{}.v{version}.bak-{n}.ron", stem(path)))
    }
}

/// Whether a file name is one of our backups, which the list leaves out.
fn is_backup(name: &str) -> bool {
    let Some(rest) = regular_file::strip_ron(name) else {
        return false;
    };
    rest.ends_with(".bak")
        || rest
            .rsplit_once(".bak-")
            .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// One file in the outcomes folder: an outcome, or why it cannot be read.
#[derive(Debug, Clone)]
pub struct Listed {
    pub path: PathBuf,
    pub outcome: Result<Outcome, LoadError>,
    /// What the file was when it was read: a listing again reads only the
    /// files whose stamp changed.
    pub stamp: Option<FileStamp>,
}

/// What tells a changed file from an unchanged one without reading it: its
/// size, modification time and, on Unix, inode and change time (a file
/// replaced by a rename has a new inode). A file modified in the last two
/// seconds is always read again: a change within the same clock tick keeps
/// its time (git's "racy" rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
    changed: (i64, i64),
}

impl FileStamp {
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok();
        let racy = modified
            .and_then(|m| m.elapsed().ok())
            .is_none_or(|age| age < std::time::Duration::from_secs(2));
        if racy {
            return None;
        }
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), (meta.ctime(), meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, (0, 0));
        Some(FileStamp {
            len: meta.len(),
            modified,
            inode,
            changed,
        })
    }
}

/// Every outcome file in `dir`, newest change first; broken files (and
/// anything that is not a regular file) are listed with their error, never
/// changed. Backups, lock files and temporary files are left out; temporary
/// files a crash left behind are removed first (see `atomic::remove_leftovers`).
pub fn list(dir: &Path) -> io::Result<Vec<Listed>> {
    let mut listed = Vec::new();
    relist(dir, &mut listed)?;
    Ok(listed)
}

/// Lists `dir` again into `listed`, reading only the files that are new or
/// whose stamp changed since `listed` was made: in a folder of 1,000
/// outcomes, a listing after one change reads one file. Returns how many
/// files were read. On an error `listed` is left as it was.
pub fn relist(dir: &Path, listed: &mut Vec<Listed>) -> io::Result<usize> {
    if listed.is_empty() {
        atomic::remove_leftovers(dir);
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            listed.clear();
            return Ok(0);
        }
        Err(e) => return Err(e),
    };
    let mut known: std::collections::HashMap<PathBuf, Listed> =
        listed.drain(..).map(|l| (l.path.clone(), l)).collect();
    let paths = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            regular_file::is_ron(&name) && !name.starts_with('.') && !is_backup(&name)
        });
    // Files whose stamp is unchanged are kept as listed; the others are
    // read, on every core when there are many.
    let mut slots: Vec<Option<Listed>> = Vec::new();
    let mut to_read = Vec::new();
    for path in paths {
        let stamp = FileStamp::of(&path);
        match known.remove(&path) {
            Some(old) if stamp.is_some() && old.stamp == stamp => slots.push(Some(old)),
            _ => {
                to_read.push((slots.len(), path, stamp));
                slots.push(None);
            }
        }
    }
    let read = to_read.len();
    for (i, l) in read_all(to_read) {
        slots[i] = Some(l);
    }
    listed.extend(slots.into_iter().flatten());
    sort_listed(listed);
    Ok(read)
}

/// Reads the files, each into its slot: on one thread for a few, on every
/// core for many (parsing dominates a folder of 1,000 outcomes).
fn read_all(files: Vec<(usize, PathBuf, Option<FileStamp>)>) -> Vec<(usize, Listed)> {
    let read = |(i, path, stamp): (usize, PathBuf, Option<FileStamp>)| {
        let outcome = load(&path).map(|(o, _)| o);
        (
            i,
            Listed {
                outcome,
                path,
                stamp,
            },
        )
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if files.len() < 32 || threads < 2 {
        return files.into_iter().map(read).collect();
    }
    let per_thread = files.len().div_ceil(threads);
    let mut chunks: Vec<Vec<_>> = Vec::new();
    let mut files = files.into_iter().peekable();
    while files.peek().is_some() {
        chunks.push(files.by_ref().take(per_thread).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(read).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Newest change first, then by name.
pub fn sort_listed(listed: &mut [Listed]) {
    listed.sort_by(|a, b| {
        let key = |l: &Listed| l.outcome.as_ref().map(|o| o.updated).unwrap_or_default();
        key(b).cmp(&key(a)).then(a.path.cmp(&b.path))
    });
}

/// The outcome file a user names on the command line: an existing path, or
/// the file stem (`skolens-instagram-2026-11-23`) or title («Skolens
/// Instagram», any case) of an outcome in `dir`. Several with that title is
/// an error that lists their files, so the user can pick one.
pub fn find(dir: Option<&Path>, name: &str) -> Result<PathBuf, String> {
    let as_path = Path::new(name);
    if as_path.is_file() {
        return Ok(as_path.to_path_buf());
    }
    let Some(dir) = dir else {
        return Err(format!(
            "somevett: fant ikke «{name}», og ingen mappe for økter er kjent; bruk --outcomes MAPPE"
        ));
    };
    let listed =
        list(dir).map_err(|e| format!("somevett: kan ikke lese {}: {e}", dir.display()))?;
    let wanted = name.trim().trim_end_matches(".ron").to_lowercase();
    let by_stem: Vec<&Listed> = listed
        .iter()
        .filter(|l| stem(&l.path).to_lowercase() == wanted)
        .collect();
    let by_title: Vec<&Listed> = listed
        .iter()
        .filter(|l| {
            l.outcome
                .as_ref()
                .is_ok_and(|o| o.title.trim().to_lowercase() == wanted)
        })
        .collect();
    let found = if by_stem.is_empty() {
        by_title
    } else {
        by_stem
    };
    match found.as_slice() {
        [one] => Ok(one.path.clone()),
        [] => Err(format!(
            "somevett: fant ingen økt «{name}» i {} (se `somevett outcomes`)",
            dir.display()
        )),
        many => Err(format!(
            "somevett: flere økter heter «{name}»; velg en fil:\n{}",
            many.iter()
                .map(|l| format!("  {}", l.path.display()))
                .collect::<Vec<_>>()
                .join("\n")
        )),
    }
}
