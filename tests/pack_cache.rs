//! The parsed copy of `--data` packs in the cache folder: used when it
//! matches, ignored and rebuilt when it is stale or broken, never changing
//! what is loaded.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use somevett::content::Library;
use somevett::content::cache::CacheUse;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn pack(id: &str, text: &str) -> String {
    format!(
        r#"(id: "{id}", title: "Regler for {id}", issuer: "Testkommune", kind: Retningslinjer, source: "{id}.docx",
            sections: [(id: "a", title: "Del A", items: [
                (id: "1", text: "{text}", tags: ["x"], place: "1"),
                (id: "2", text: "Bilder av barn krever samtykke fra foreldrene.", tags: [], place: "2"),
            ])])"#
    )
}

/// Writes a pack file dated an hour back, as a file not just edited is.
fn write_pack(dir: &Path, id: &str, text: &str) -> TestResult {
    let path = dir.join("guidelines").join(format!("{id}.ron"));
    fs::create_dir_all(dir.join("guidelines"))?;
    fs::write(&path, pack(id, text))?;
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&path)?
        .set_modified(an_hour_ago)?;
    Ok(())
}

fn load(data: &Path, cache: &Path) -> Result<(Library, CacheUse), somevett::content::Errors> {
    Library::load_cached(Some(data), Some(cache))
}

/// The cache files of `--data` folders (not the embedded packs' copy).
fn cache_files(cache: &Path) -> Vec<std::path::PathBuf> {
    let embedded = somevett::content::cache::PackCache::embedded(cache);
    fs::read_dir(cache)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p != embedded.path())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_second_load_comes_from_the_cache_and_is_the_same() -> TestResult {
    let data = tempfile::tempdir()?;
    let cache = tempfile::tempdir()?;
    write_pack(data.path(), "alfa", "Snøskuter på isen krever løyve.")?;
    write_pack(
        data.path(),
        "beta",
        "Kommunen svarer på meldinger innen to dager.",
    )?;
    let fresh = Library::load(Some(data.path()))?;
    let (first, used) = load(data.path(), cache.path())?;
    assert_eq!(used, CacheUse::Written);
    assert_eq!(cache_files(cache.path()).len(), 1);
    let (second, used) = load(data.path(), cache.path())?;
    assert_eq!(used, CacheUse::Hit);
    for library in [&first, &second] {
        assert_eq!(library.documents, fresh.documents);
        assert_eq!(library.origins, fresh.origins);
    }
    Ok(())
}

#[test]
fn a_changed_pack_file_is_parsed_again() -> TestResult {
    let data = tempfile::tempdir()?;
    let cache = tempfile::tempdir()?;
    write_pack(data.path(), "alfa", "Snøskuter på isen krever løyve.")?;
    assert_eq!(load(data.path(), cache.path())?.1, CacheUse::Written);
    // The same size, an older time: only the change time and content differ.
    write_pack(data.path(), "alfa", "Snøskuter på isen krever LØYVE.")?;
    let (library, used) = load(data.path(), cache.path())?;
    assert_ne!(used, CacheUse::Hit);
    assert!(
        library
            .items()
            .any(|v| &*v.item.text == "Snøskuter på isen krever LØYVE."),
        "the pack as it is now"
    );
    // A new file is noticed too.
    write_pack(data.path(), "beta", "Ny regel.")?;
    let (library, used) = load(data.path(), cache.path())?;
    assert_ne!(used, CacheUse::Hit);
    assert!(library.find("beta.a.1").is_some());
    Ok(())
}

#[test]
fn a_broken_cache_file_is_ignored_and_written_anew() -> TestResult {
    let data = tempfile::tempdir()?;
    let cache = tempfile::tempdir()?;
    write_pack(data.path(), "alfa", "Snøskuter på isen krever løyve.")?;
    let fresh = Library::load(Some(data.path()))?;
    load(data.path(), cache.path())?;
    let files = cache_files(cache.path());
    let [file] = files.as_slice() else {
        return Err("one cache file".into());
    };
    let good = fs::read(file)?;
    // Cut short, one bit flipped in a pack's text (which would still
    // decode), longer, and garbage: each is a miss.
    let text = "Snøskuter på isen krever løyve.".as_bytes();
    let at = good
        .windows(text.len())
        .position(|w| w == text)
        .ok_or("the text is in the copy")?;
    let mut flipped = good.clone();
    flipped[at] ^= 0x01;
    let mut longer = good.clone();
    longer.push(0);
    for broken in [
        good[..good.len() / 2].to_vec(),
        flipped,
        longer,
        b"garbage".to_vec(),
    ] {
        fs::write(file, &broken)?;
        let (library, used) = load(data.path(), cache.path())?;
        assert_eq!(library.documents, fresh.documents);
        assert_ne!(used, CacheUse::Hit, "a broken copy is never used");
        assert_eq!(fs::read(file)?, good, "and is written anew");
    }
    Ok(())
}

/// A copy edited with valid CRCs is not trusted more than a pack: its text
/// is sanitised as it is read (round 3, rel F9: U+202E and an OSC title
/// reached the terminal from a forged copy).
#[test]
fn a_forged_cache_file_brings_no_escape_sequence() -> TestResult {
    use somevett::content::cache::PackCache;
    let data = tempfile::tempdir()?;
    let cache = tempfile::tempdir()?;
    write_pack(data.path(), "alfa", "Snøskuter på isen krever løyve.")?;
    load(data.path(), cache.path())?;
    let paths = vec![data.path().join("guidelines").join("alfa.ron")];
    let copy = PackCache::new(cache.path(), data.path(), &paths).ok_or("no cache")?;
    let mut packs = copy.read().ok_or("the copy reads")?;
    packs[0].1.sections[0].items[0].text = "\u{1b}]0;pwn\u{7}\u{202e}X på rollen".into();
    assert!(
        copy.write(&packs),
        "the forged copy is written with valid CRCs"
    );
    let (library, used) = load(data.path(), cache.path())?;
    assert_eq!(used, CacheUse::Hit);
    let text = &library.documents[0].sections[0].items[0].text;
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    Ok(())
}

/// A FIFO at the copy's path is a miss, never opened to wait on (rel F9:
/// `search`, `outcomes` and the app hung).
#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_cache_file_hangs_nothing() -> TestResult {
    let data = tempfile::tempdir()?;
    let cache = tempfile::tempdir()?;
    write_pack(data.path(), "alfa", "Snøskuter på isen krever løyve.")?;
    load(data.path(), cache.path())?;
    let files = cache_files(cache.path());
    let [file] = files.as_slice() else {
        return Err("one cache file".into());
    };
    fs::remove_file(file)?;
    assert!(Command::new("mkfifo").arg(file).status()?.success());
    let (data_dir, cache_dir) = (data.path().to_path_buf(), cache.path().to_path_buf());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(load(&data_dir, &cache_dir).map(|(l, u)| (l.documents.len(), u)));
    });
    let (documents, used) = rx
        .recv_timeout(Duration::from_secs(10))
        .map_err(|_| "the load hung on the FIFO")??;
    assert!(documents > 0);
    assert_ne!(used, CacheUse::Hit);
    Ok(())
}

#[test]
fn a_pack_just_written_or_with_errors_is_not_cached() -> TestResult {
    let data = tempfile::tempdir()?;
    let cache = tempfile::tempdir()?;
    fs::create_dir_all(data.path().join("guidelines"))?;
    fs::write(
        data.path().join("guidelines/ny.ron"),
        pack("ny", "Skrevet akkurat nå."),
    )?;
    assert_eq!(load(data.path(), cache.path())?.1, CacheUse::Missed);
    assert!(cache_files(cache.path()).is_empty());
    write_pack(data.path(), "ny", "Ugyldig \" sitat")?;
    let err = load(data.path(), cache.path())
        .err()
        .ok_or("a broken pack")?;
    assert!(err.to_string().contains("ny.ron:"), "{err}");
    assert!(cache_files(cache.path()).is_empty());
    Ok(())
}

fn somevett(args: &[&str], cache: &Path, extra_env: &[(&str, &str)]) -> std::io::Result<Output> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_somevett"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("SOMEVETT_NO_CACHE")
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_STATE_HOME", cache.join("state"));
    for (key, value) in extra_env {
        command.env(key, value);
    }
    command.output()
}

#[test]
fn the_binary_caches_in_the_users_cache_folder_only() -> TestResult {
    let data = tempfile::tempdir()?;
    let cache = tempfile::tempdir()?;
    write_pack(data.path(), "alfa", "Snøskuter på isen krever løyve.")?;
    let before: Vec<_> = walk(data.path());
    let dir = data.path().display().to_string();
    let args = ["search", "snøskuter", "løyve", "--data", &dir];
    let uncached = somevett(&args, cache.path(), &[("SOMEVETT_NO_CACHE", "1")])?;
    assert!(uncached.status.success());
    let packs = cache.path().join("somevett/packs");
    assert!(
        cache_files(&packs).is_empty(),
        "SOMEVETT_NO_CACHE writes nothing"
    );
    let mut with_flag = args.to_vec();
    with_flag.push("--no-cache");
    somevett(&with_flag, cache.path(), &[])?;
    assert!(cache_files(&packs).is_empty(), "--no-cache writes nothing");
    let first = somevett(&args, cache.path(), &[])?;
    assert_eq!(cache_files(&packs).len(), 1, "cached on the first run");
    let second = somevett(&args, cache.path(), &[])?;
    assert_eq!(first.stdout, uncached.stdout);
    assert_eq!(second.stdout, uncached.stdout);
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("alfa.a.1"),
        "{}",
        String::from_utf8_lossy(&second.stdout)
    );
    // A broken copy still gives the same answer.
    let files = cache_files(&packs);
    let [file] = files.as_slice() else {
        return Err("one cache file".into());
    };
    fs::write(file, b"\x00\x01 not a cache")?;
    let third = somevett(&args, cache.path(), &[])?;
    assert_eq!(third.stdout, uncached.stdout);
    assert_eq!(
        walk(data.path()),
        before,
        "nothing is written beside the pack"
    );
    Ok(())
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out.sort();
    out
}

#[test]
fn the_embedded_packs_are_cached_too() -> TestResult {
    let cache = tempfile::tempdir()?;
    let fresh = Library::embedded()?;
    let (first, used) = Library::load_cached(None, Some(cache.path()))?;
    assert_eq!(used, CacheUse::Written);
    let (second, used) = Library::load_cached(None, Some(cache.path()))?;
    assert_eq!(used, CacheUse::Hit);
    for library in [&first, &second] {
        assert_eq!(library.documents, fresh.documents);
        assert_eq!(library.origins, fresh.origins);
    }
    // A pack that replaces an embedded document still may.
    let data = tempfile::tempdir()?;
    let meraker = fs::read_to_string("data/guidelines/meraker.ron")?
        .replace("Meråker kommune", "Meråker kommune (egen utgave)");
    fs::create_dir_all(data.path().join("guidelines"))?;
    let path = data.path().join("guidelines/meraker.ron");
    fs::write(&path, meraker)?;
    let (library, _) = Library::load_cached(Some(data.path()), Some(cache.path()))?;
    assert_eq!(library.documents.len(), fresh.documents.len());
    assert!(
        library
            .documents
            .iter()
            .any(|d| d.issuer.contains("egen utgave")
                || d.title.contains("egen utgave")
                || d.short.contains("egen utgave")),
        "the pack replaced the embedded document"
    );
    Ok(())
}

#[test]
fn a_search_without_data_reads_the_same_guidelines_and_synonyms() -> TestResult {
    let cache = tempfile::tempdir()?;
    let full = Library::embedded()?;
    for _ in 0..2 {
        let lean = Library::embedded_for_search(Some(cache.path()))?;
        assert_eq!(lean.documents, full.documents);
        assert_eq!(lean.origins, full.origins);
        assert_eq!(lean.synonyms, full.synonyms);
        let query = "bilder samtykke";
        let ids = |library: &Library| -> Vec<String> {
            somevett::search::SearchIndex::new(library)
                .search(query, 30)
                .iter()
                .filter_map(|h| library.view(h.at).map(|v| v.full_id()))
                .collect()
        };
        assert_eq!(ids(&lean), ids(&full));
    }
    Ok(())
}
