//! A folder of 10, 100 and 1,000 realistic outcomes (`examples/outcomes`):
//! an autosave in the app (its cost must not grow with the folder), the
//! Økter list read whole and read again with nothing changed, and
//! `somevett due` and `somevett status` across the folder.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "../examples/outcomes/mod.rs"]
mod outcomes;
use somevett::app::App;
use somevett::content::Library;
use somevett::keymap::Keymap;
use somevett::ui::theme::Theme;

const SIZES: [usize; 3] = [10, 100, 1_000];

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.key_or_pasted(KeyEvent::new(code, KeyModifiers::NONE), Instant::now());
    }
}

fn app_in(library: &Library, dir: &Path) -> App {
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(library.clone(), keymap, Theme::monochrome())
        .with_outcomes(Some(dir.to_path_buf()));
    // Open the newest outcome, then go to the risk table.
    press(&mut app, "6\n2");
    app
}

fn bench(c: &mut Criterion) {
    let library = Library::embedded().unwrap_or_else(|e| panic!("{e}"));
    let folders: Vec<(usize, tempfile::TempDir)> = SIZES
        .iter()
        .map(|&n| {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            outcomes::folder(&library, dir.path(), n).unwrap_or_else(|e| panic!("{e}"));
            (n, dir)
        })
        .collect();
    let mut group = c.benchmark_group("outcomes");
    for (n, dir) in &folders {
        group.bench_with_input(BenchmarkId::new("autosave", n), dir.path(), |b, dir| {
            let mut app = app_in(&library, dir);
            let mut value = 0;
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    // A change (not timed), then the save it causes.
                    value = value % 5 + 1;
                    press(&mut app, &format!("s{value}{value}\n"));
                    let start = Instant::now();
                    app.save_now(start);
                    spent += start.elapsed();
                }
                spent
            });
        });
        group.bench_with_input(BenchmarkId::new("list", n), dir.path(), |b, dir| {
            b.iter(|| somevett::outcome::list(dir).map(|l| l.len()));
        });
        group.bench_with_input(BenchmarkId::new("list-again", n), dir.path(), |b, dir| {
            let mut listed = Vec::new();
            let _ = somevett::outcome::relist(dir, &mut listed);
            b.iter(|| somevett::outcome::relist(dir, &mut listed));
        });
        group.bench_with_input(BenchmarkId::new("due", n), dir.path(), |b, dir| {
            let today = jiff::civil::date(2026, 6, 1);
            b.iter(|| {
                somevett::cli::due(
                    &library,
                    dir,
                    today,
                    14,
                    &mut std::io::sink(),
                    &mut std::io::sink(),
                )
            });
        });
        group.bench_with_input(BenchmarkId::new("status", n), dir.path(), |b, dir| {
            let today = jiff::civil::date(2026, 6, 1);
            b.iter(|| {
                somevett::cli::status(
                    &library,
                    dir,
                    today,
                    somevett::cli::StatusFormat::Tekst,
                    &mut std::io::sink(),
                    &mut std::io::sink(),
                )
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
