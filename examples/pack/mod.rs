//! A realistic guideline pack of any size, for benchmarks: 356 municipalities,
//! each with its own rules reworded from the embedded sources the way
//! municipalities do (their own name, titles and units, SoMe for sosiale
//! medier, phone numbers), so the vocabulary grows as a real pack's would.

use somevett::content::Library;
use somevett::domain::{Document, DocumentKind, Item, Section};

pub const MUNICIPALITIES: usize = 356;

const HEADS: &[&str] = &[
    "Nord", "Sør", "Aust", "Vest", "Stor", "Lille", "Høy", "Lang", "Fjell", "Dal", "Vik", "Nes",
    "Berg", "Strand", "Eid", "Bø", "Ås", "Fjord", "Haug", "Holm", "Øy", "Sand", "Mo", "Lund",
    "Skog", "Elve", "Sol", "Kvit", "Rød", "Grøn",
];
const TAILS: &[&str] = &[
    "vik", "dal", "nes", "fjord", "berg", "stad", "heim", "øy", "sund", "våg", "land", "bygd",
    "sand", "ås", "li", "mo",
];
const UNITS: &[&str] = &[
    "barnehagen",
    "sykehjemmet",
    "skolen",
    "biblioteket",
    "kulturhuset",
    "NAV-kontoret",
    "helsestasjonen",
    "ungdomsklubben",
    "frivilligsentralen",
    "servicetorget",
    "brannvesenet",
    "kulturskolen",
];
/// How municipalities reword the sources: (from, to).
const REWORDINGS: &[(&str, &str)] = &[
    ("sosiale medier", "SoMe"),
    ("rådmannen", "kommunedirektøren"),
    ("e-post", "epost"),
    ("Kommunen", "Vi"),
    ("innbyggere", "innbyggjarar"),
    ("bilder", "foto"),
];

/// A small deterministic generator, so every run measures the same pack.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }
}

fn name(m: usize) -> String {
    let head = HEADS[m % HEADS.len()];
    let tail = TAILS[(m / HEADS.len() + m) % TAILS.len()];
    format!("{head}{tail}")
}

/// `total` items over 356 municipalities' documents.
pub fn documents(base: &Library, total: usize) -> Vec<Document> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let sources: Vec<(&str, &Item)> = base
        .items()
        .map(|v| (v.section.title.as_str(), v.item))
        .collect();
    let mut documents = Vec::new();
    for m in 0..MUNICIPALITIES {
        let town = name(m);
        let count = total / MUNICIPALITIES + usize::from(m < total % MUNICIPALITIES);
        if count == 0 {
            continue;
        }
        let mut sections: Vec<Section> = Vec::new();
        for i in 0..count {
            let (title, item) = sources[(m * 53 + i * 7) % sources.len()];
            let mut text = item
                .text
                .replace("Meråker", &town)
                .replace("Kåfjord", &town);
            for (from, to) in REWORDINGS {
                if rng.next().is_multiple_of(4) {
                    text = text.replace(from, to);
                }
            }
            match rng.next() % 5 {
                0 => {
                    let unit = rng.pick(UNITS);
                    text.push_str(&format!(" Dette gjelder også {unit} i {town}."));
                }
                1 => {
                    let (a, b, c, d) = (
                        70 + rng.next() % 30,
                        rng.next() % 100,
                        rng.next() % 100,
                        rng.next() % 100,
                    );
                    text.push_str(&format!(
                        " Spørsmål: ring {town} kommune på {a} {b:02} {c:02} {d:02}."
                    ));
                }
                _ => {}
            }
            let id = format!("s{}", i / 8);
            if sections.last().is_none_or(|s| s.id != id) {
                sections.push(Section {
                    id: id.clone(),
                    title: format!("{title} ({town})"),
                    page: None,
                    items: Vec::new(),
                });
            }
            if let Some(section) = sections.last_mut() {
                section.items.push(Item {
                    id: (i % 8 + 1).to_string().into(),
                    text: text.into(),
                    tags: item.tags.clone(),
                    place: format!("Kapittel {}, punkt {}", i / 8 + 1, i % 8 + 1).into(),
                    note: None,
                });
            }
        }
        documents.push(Document {
            id: format!("k{m:03}"),
            title: format!("Retningslinjer for sosiale medier i {town} kommune"),
            title_supplied: false,
            short: format!("{town} kommune"),
            issuer: format!("{town} kommune"),
            kind: DocumentKind::Retningslinjer,
            date: Some(format!("20{:02}-0{}-1{}", 15 + m % 10, 1 + m % 9, m % 10)),
            decision: None,
            version: None,
            source: format!("{}-retningslinjer.docx", town.to_lowercase()),
            summary: format!("Retningslinjer for {town} kommunes bruk av sosiale medier."),
            sections,
        });
    }
    documents
}
