//! Loading the content at start-up: every embedded pack parsed, validated and
//! sanitised, and the platform facts (`data/platforms.ron`) alone. Budget: the
//! app's first frame, 16 ms, for everything together.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use somevett::content::Library;
use somevett::content::platforms::{EMBEDDED_PLATFORMS, parse};

fn load(c: &mut Criterion) {
    c.bench_function("load all embedded content", |b| {
        b.iter(|| black_box(Library::embedded().map(|l| l.item_count())))
    });
    let (file, text) = EMBEDDED_PLATFORMS;
    c.bench_function("load platforms.ron", |b| {
        b.iter(|| {
            let mut errors = Vec::new();
            black_box(parse(file, black_box(text), &mut errors).map(|c| c.platforms.len()))
        })
    });
}

criterion_group!(benches, load);
criterion_main!(benches);
