//! Drawing the navigation wheel, which is redrawn on every frame: at the
//! sizes an 80x24 and a 200x60 terminal give it, in colour and without
//! (budget: well inside one frame, 16 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use somevett::domain::wheel::Stance;
use somevett::ui::theme::{ColorDepth, Theme, ThemeName};
use somevett::ui::wheel_shape::{Sector, WheelShape};

fn wheel(c: &mut Criterion) {
    let names = ["Jus", "Identitet", "Moral", "Omdømme", "Økonomi", "Etikk"];
    let stances = [
        Some(Stance::TalerFor),
        Some(Stance::TalerMot),
        Some(Stance::Uavklart),
        Some(Stance::IkkeRelevant),
        None,
        None,
    ];
    let sectors: Vec<Sector> = names
        .iter()
        .zip(stances)
        .map(|(name, stance)| Sector { name, stance })
        .collect();
    for (theme_name, theme) in [
        ("dark", Theme::new(ThemeName::Dark, ColorDepth::Ansi256)),
        ("mono", Theme::monochrome()),
    ] {
        for (w, h) in [(44u16, 20u16), (116, 56)] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            c.bench_function(&format!("wheel {theme_name} {w}x{h}"), |b| {
                b.iter(|| {
                    buf.reset();
                    WheelShape {
                        sectors: &sectors,
                        current: 4,
                        centre: "Hva gjør du?",
                        alternative: Some("Ikke være til stede"),
                        theme: &theme,
                    }
                    .render(area, &mut buf);
                    black_box(&buf);
                })
            });
        }
    }
}

criterion_group!(benches, wheel);
criterion_main!(benches);
