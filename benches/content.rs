//! Loading the content at start-up: every embedded pack parsed, validated and
//! sanitised, and the platform facts (`data/platforms.ron`) alone. Budget: the
//! app's first frame, 16 ms, for everything together. The nynorsk tables
//! (`data/nn/`) are not part of it: they are read the first time a report
//! is written in nynorsk, and measured here alone, with the whole report
//! of the rich example in each målform.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use somevett::content::Library;
use somevett::content::platforms::{EMBEDDED_PLATFORMS, parse};
use somevett::domain::public::Malform;

#[allow(dead_code)]
#[path = "../examples/outcomes/mod.rs"]
mod example_outcomes;

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
    c.bench_function("parse the nynorsk tables", |b| {
        b.iter(|| black_box(somevett::content::nynorsk::embedded_errors().len()))
    });
    let Ok(library) = Library::embedded() else {
        return;
    };
    for (name, malform) in [("bokmål", Malform::Bokmal), ("nynorsk", Malform::Nynorsk)] {
        let mut rich = example_outcomes::rich(&library);
        rich.public.malform = malform;
        c.bench_function(&format!("the rich example's report in {name}"), |b| {
            b.iter(|| {
                black_box(
                    somevett::outcome::report::build(&rich, &library)
                        .blocks
                        .len(),
                )
            })
        });
    }
}

criterion_group!(benches, load);
criterion_main!(benches);
