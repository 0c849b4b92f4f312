//! Search per keystroke: the embedded corpus (budget 1 ms) and a generated
//! corpus of 20,000 items, guideline packs of all 356 municipalities (budget
//! 16 ms, one frame).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use somevett::content::Library;
use somevett::domain::{Document, DocumentKind, Item, Section};
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
];

fn embedded() -> Library {
    Library::embedded().unwrap_or_else(|e| panic!("{e}"))
}

/// 356 municipalities, each with the embedded items reworded a little, until
/// there are 20,000 items.
fn generated(total: usize) -> Library {
    let base = embedded();
    let texts: Vec<(String, Vec<String>)> = base
        .items()
        .map(|v| (v.item.text.clone(), v.item.tags.clone()))
        .collect();
    let municipalities = 356;
    let per = total.div_ceil(municipalities);
    let mut library = Library::default();
    let mut n = 0;
    for m in 0..municipalities {
        let name = format!("Kommune {m:03}");
        let items: Vec<Item> = (0..per)
            .take_while(|_| {
                n += 1;
                n <= total
            })
            .map(|i| {
                let (text, tags) = &texts[(m * 7 + i) % texts.len()];
                Item {
                    id: i.to_string(),
                    text: format!("{} ({name}, punkt {i})", text),
                    tags: tags.clone(),
                    place: format!("Punkt {i}"),
                    note: None,
                }
            })
            .collect();
        library.documents.push(Document {
            id: format!("k{m:03}"),
            title: format!("Retningslinjer for sosiale medier i {name}"),
            title_supplied: false,
            short: name.clone(),
            issuer: name,
            kind: DocumentKind::Retningslinjer,
            date: None,
            decision: None,
            version: None,
            source: "generert".into(),
            summary: String::new(),
            sections: vec![Section {
                id: "regler".into(),
                title: "Regler for ansatte".into(),
                page: None,
                items,
            }],
        });
    }
    library
}

fn bench(c: &mut Criterion) {
    let small = embedded();
    let small_index = SearchIndex::new(&small);
    let large = generated(20_000);
    assert_eq!(large.item_count(), 20_000);
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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
