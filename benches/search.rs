//! Search per keystroke: the embedded corpus (budget 1 ms) and a generated
//! pack of 20,000 more items, guideline packs of all 356 municipalities
//! (budget 16 ms, one frame), and building the index.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../examples/pack/mod.rs"]
mod pack;
use somevett::content::Library;
use somevett::search::SearchIndex;
use somevett::ui::search::MAX_HITS;

/// Queries as they stand after successive keystrokes, short and long.
const QUERIES: &[&str] = &[
    "b",
    "bil",
    "bilder",
    "bilder samtykke",
    "forhandsdroftelse",
    "taushetsplikt elever",
    "mail",
    "xqzxqzxqz",
    // A compound found through its parts, and a long word that splits into
    // nothing: the compound splitter's cost at its worst.
    "kommentarfeltmoderering",
    "qwertyuiopasdfghjklzxcv",
];

fn embedded() -> Library {
    Library::embedded().unwrap_or_else(|e| panic!("{e}"))
}

/// The embedded library plus a realistic pack (`examples/pack`) of `total` items.
fn generated(total: usize) -> Library {
    let mut library = embedded();
    let documents = pack::documents(&library, total);
    library.documents.extend(documents);
    library
}

fn bench(c: &mut Criterion) {
    let small = embedded();
    let small_index = SearchIndex::new(&small);
    let large = generated(20_000);
    assert_eq!(large.item_count(), 20_000 + small.item_count());
    let large_index = SearchIndex::new(&large);

    let mut group = c.benchmark_group("search");
    for query in QUERIES {
        group.bench_function(format!("embedded/{query}"), |b| {
            b.iter(|| small_index.search(black_box(query), MAX_HITS))
        });
    }
    for query in QUERIES {
        group.bench_function(format!("20000/{query}"), |b| {
            b.iter(|| large_index.search(black_box(query), MAX_HITS))
        });
    }
    group.finish();
    c.bench_function("index/build-20000", |b| {
        b.iter(|| SearchIndex::new(black_box(&large)))
    });
}

/// A keystroke in the app as the user feels it, minus the terminal: the key
/// updates the search overlay, then the whole screen is drawn.
fn keystroke(c: &mut Criterion) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use somevett::app::App;
    use somevett::keymap::Keymap;
    use somevett::ui::theme::Theme;

    for (name, library) in [("embedded", embedded()), ("20000", generated(20_000))] {
        let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
        let mut app = App::new(library, keymap, Theme::monochrome());
        let mut terminal =
            Terminal::new(TestBackend::new(120, 36)).unwrap_or_else(|e| panic!("{e}"));
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        app.handle_key(key(KeyCode::Char('/')));
        for ch in "bilder samtykk".chars() {
            app.handle_key(key(KeyCode::Char(ch)));
        }
        c.bench_function(&format!("keystroke/{name}/type-and-draw"), |b| {
            b.iter(|| {
                // Type the last letter and take it back: two searches, two frames.
                for code in [KeyCode::Char('e'), KeyCode::Backspace] {
                    app.handle_key(key(code));
                    terminal
                        .draw(|frame| app.render(frame))
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            })
        });
        c.bench_function(&format!("keystroke/{name}/draw-only"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| app.render(frame))
                    .unwrap_or_else(|e| panic!("{e}"));
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench, keystroke
}
criterion_main!(benches);
