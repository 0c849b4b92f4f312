//! Content to the letter (issue 11): every item cites a place in its own
//! document, every document carries its bibliographic metadata, no text names
//! an act outside `data/acts.ron`, what somevett adds is kept in a note apart
//! from the source's statement, and the words the sources use are findable.
//!
//! The tests that read the seed documents in `../shared/seeds/` (beside
//! the repository, not in it) are ignored in a plain `cargo test`: a fresh
//! clone alone has no seeds. `.ci/run` runs them with `--ignored` where
//! the seeds are.

use crate::common;

use std::process::Command;

use somevett::domain::Outcome;
use somevett::outcome;
use somevett::search::SearchIndex;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/");

/// The seed a document was transcribed from.
fn seed(source: &str) -> String {
    let path = format!("{SEEDS}{source}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Lower case, Norwegian letters folded, and the Kåfjord scan's OCR
/// substitutions (é and @ for å and ø) folded the same way.
fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .flat_map(|c| match c {
            'å' | 'ä' | 'é' => vec!['a'],
            'ø' | 'ö' | '@' => vec!['o'],
            'æ' => vec!['a', 'e'],
            '\n' | '\t' => vec![' '],
            // The transcription's Markdown emphasis is not the source's words.
            '*' => vec![],
            c => vec![c],
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// KS's table of contents: chapter number and page, e.g. ("5.1", 18).
fn table_of_contents(seed: &str) -> Vec<(String, u32)> {
    seed.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let [number, _title, page] = cells[..] else {
                return None;
            };
            let number = number.trim().trim_end_matches('.');
            let page = page.trim().parse().ok()?;
            (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.'))
                .then(|| (number.to_owned(), page))
        })
        .collect()
}

/// Why `place` does not resolve to the document's seed, or None when it does.
fn unresolved(place: &str, seed: &str, toc: &[(String, u32)]) -> Option<String> {
    let head = place.split(',').next().unwrap_or_default().trim();
    if let Some(chapter) = head.strip_prefix("Kap. ") {
        let number: String = chapter
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return (!toc.iter().any(|(n, _)| *n == number))
            .then(|| format!("chapter {number} is not in the table of contents"));
    }
    let mut head = head;
    // "8. Facebook": the numbered section must exist, and the heading after it.
    if let Some((number, rest)) = head.split_once(". ")
        && number.chars().all(|c| c.is_ascii_digit())
    {
        if !seed.lines().any(|l| l.starts_with(&format!("{number}. "))) {
            return Some(format!("section {number} is not in the source"));
        }
        head = rest;
    }
    for prefix in ["Avsnittet om ", "Avsnittet "] {
        head = head.strip_prefix(prefix).unwrap_or(head);
    }
    let head = head.split(" (").next().unwrap_or_default();
    let head = head.trim_matches(|c: char| "«»…. ".contains(c));
    if [
        "Innledning",
        "Første avsnitt",
        "Siste avsnitt",
        "Nest siste avsnitt",
    ]
    .contains(&head)
    {
        return None; // a position in the text, not a heading
    }
    (!fold(seed).contains(&fold(head))).then(|| format!("«{head}» is not in the source"))
}

#[test]
#[ignore = "reads ../shared/seeds (run by .ci/run where they are)"]
fn every_items_place_resolves_to_its_document() {
    let library = common::library();
    let mut problems = Vec::new();
    for d in &library.documents {
        let text = seed(&d.source);
        let toc = table_of_contents(&text);
        for s in &d.sections {
            for item in &s.items {
                if let Some(why) = unresolved(&item.place, &text, &toc) {
                    problems.push(format!(
                        "{}: place «{}»: {why}",
                        d.full_id(s, item),
                        item.place
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore = "reads ../shared/seeds (run by .ci/run where they are)"]
fn a_place_in_another_document_does_not_resolve() {
    let ks = seed("001_9fe248a0ac57bfb7.txt");
    let toc = table_of_contents(&ks);
    assert_eq!(toc.len(), 18, "KS's table of contents has 18 chapters");
    assert!(unresolved("Kap. 9.1", &ks, &toc).is_some());
    assert!(unresolved("10. Dine rettigheter", &ks, &toc).is_some());
    assert!(unresolved("Avsnittet om kommunal mail", &ks, &toc).is_some());
    assert!(unresolved("Kap. 5.1", &ks, &toc).is_none());
}

#[test]
#[ignore = "reads ../shared/seeds (run by .ci/run where they are)"]
fn ks_pages_are_the_table_of_contents_pages() {
    let library = common::library();
    let ks = library
        .documents
        .iter()
        .find(|d| d.id == "ks")
        .expect("the KS pack is embedded");
    let text = seed(&ks.source);
    let toc = table_of_contents(&text);
    // Unnumbered entries («\tVedlegg\t29») are found by their title.
    let unnumbered: Vec<(&str, u32)> = text
        .lines()
        .filter_map(|line| match line.split('\t').collect::<Vec<_>>()[..] {
            ["", title, page] => Some((title.trim(), page.trim().parse().ok()?)),
            _ => None,
        })
        .collect();
    for s in &ks.sections {
        let number = s.title.split(' ').next().unwrap_or_default();
        let expected = toc
            .iter()
            .find(|(n, _)| n == number)
            .map(|(_, p)| *p)
            .or_else(|| {
                unnumbered
                    .iter()
                    .find(|(t, _)| *t == s.title)
                    .map(|(_, p)| *p)
            });
        assert_eq!(s.page, expected, "{}: «{}»", s.id, s.title);
    }
    assert!(
        ks.sections.iter().filter(|s| s.page.is_some()).count() >= 18,
        "every chapter has its page"
    );
}

#[test]
#[ignore = "reads ../shared/seeds (run by .ci/run where they are)"]
fn every_document_has_complete_metadata() {
    let library = common::library();
    for (d, origin) in library.documents.iter().zip(&library.origins) {
        let text = seed(&d.source);
        assert!(!d.title.trim().is_empty() && !d.issuer.trim().is_empty());
        // Every field is decided in the pack, even when the source is silent.
        let raw = somevett::content::EMBEDDED_GUIDELINES
            .iter()
            .find(|(file, _)| file == origin)
            .map(|(_, raw)| *raw)
            .unwrap_or_default();
        for field in [
            "title_supplied:",
            "date:",
            "decision:",
            "version:",
            "source:",
        ] {
            assert!(raw.contains(field), "{}: states no {field}", d.id);
        }
        // A title is the source's own, or marked as supplied.
        if d.title_supplied {
            assert!(d.citation().contains("tittel satt av somevett"), "{}", d.id);
        } else {
            assert!(
                fold(&text).contains(&fold(&d.title)),
                "{}: «{}» is not the source's title; mark it title_supplied",
                d.id,
                d.title
            );
        }
        // A date the source does not state is not given, and vice versa.
        match &d.date {
            Some(date) => {
                let [y, m, day] = date.split('-').collect::<Vec<_>>()[..] else {
                    panic!("{}: {date}", d.id)
                };
                assert!(text.contains(&format!("{day}.{m}.{y}")), "{}", d.id);
                assert!(d.citation().contains(date.as_str()));
            }
            None => assert!(d.citation().contains("Udatert"), "{}", d.id),
        }
        if let Some(decision) = &d.decision {
            let sak = decision.rsplit(' ').next().unwrap_or_default();
            assert!(text.contains(sak), "{}: «{sak}» not in the source", d.id);
            assert!(d.citation().contains(decision.as_str()));
        }
        // The transcription is secondary: not the citation.
        assert!(!d.citation().contains(&d.source), "{}", d.id);
    }
    let meraker = library.documents.iter().find(|d| d.id == "meraker");
    assert_eq!(
        meraker.and_then(|d| d.decision.as_deref()),
        Some("Vedtatt i kommunestyret 24.04.2017, sak 41/17")
    );
}

#[test]
#[ignore = "reads ../shared/seeds (run by .ci/run where they are)"]
fn no_text_names_an_act_outside_the_list() {
    let library = common::library();
    let unknown = library.unknown_acts();
    assert!(unknown.is_empty(), "acts not in data/acts.ron: {unknown:?}");
    // The list is small and every act on it is named somewhere in the sources
    // or by a note, so it cannot grow into a dictionary of guesses.
    assert!(library.acts.acts.len() <= 25);
    let seeds: String = library
        .documents
        .iter()
        .map(|d| fold(&seed(&d.source)))
        .collect();
    for act in &library.acts.acts {
        let named = act.forms.iter().any(|f| seeds.contains(&fold(f))) || act.note.is_some();
        assert!(named, "{} is named by no source and has no note", act.name);
    }
}

#[test]
fn an_invented_act_name_is_caught() {
    let library = common::library();
    assert_eq!(
        library
            .acts
            .unknown("Opphavsrettsloven (copyright) skal ikke brytes."),
        ["Opphavsrettsloven"]
    );
    assert!(
        library
            .acts
            .unknown("Etter åndsverkloven og arkivloven.")
            .is_empty()
    );
}

/// The article numbers an item's text cites: "art. 36", "artikkel 13".
fn articles(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for key in ["art. ", "artikkel ", "artiklene "] {
        for (at, _) in lower.match_indices(key) {
            let number: String = lower[at + key.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !number.is_empty() {
                out.push(number);
            }
        }
    }
    out
}

#[test]
#[ignore = "reads ../shared/seeds (run by .ci/run where they are)"]
fn what_the_source_does_not_say_is_in_a_note_not_in_the_text() {
    let library = common::library();
    let mut problems = Vec::new();
    let acts = &library.acts;
    for v in library.items() {
        let source = fold(&seed(&v.document.source));
        let text = &v.item.text;
        // Every article a statement cites is one its source cites.
        for n in articles(text) {
            // "artikkel 5 nr. 1 bokstav f og 32" cites art. 32 too.
            let cited = source.match_indices("art").any(|(at, _)| {
                let after = source[at..].chars().take(40).collect::<String>();
                after
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|number| number == n)
            });
            if !cited {
                problems.push(format!("{}: art. {n} is not in the source", v.full_id()));
            }
        }
        // Every act a statement names is one its source names.
        for word in somevett::content::acts::act_names(text) {
            let forms = acts
                .acts
                .iter()
                .find(|a| a.forms.contains(&word.to_lowercase()))
                .map(|a| a.forms.clone())
                .unwrap_or_default();
            if !forms.iter().any(|f| source.contains(&fold(f))) {
                problems.push(format!("{}: «{word}» is not in the source", v.full_id()));
            }
        }
        if let Some(note) = &v.item.note
            && (note.trim().is_empty() || text.contains(&**note) || note.contains(&**text))
        {
            problems.push(format!(
                "{}: the note is not apart from the text",
                v.full_id()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The audit's additions now live in notes.
    for (id, added) in [
        ("ks.ledelse.9", "art. 36"),
        ("kafjord.til-brukere.7", "åndsverkloven"),
        ("ks.etikk.6", "rolle-, tempo-"),
        ("ks.overforing.2", "kap. 5"),
    ] {
        let v = library.find(id).unwrap_or_else(|| panic!("{id}"));
        assert!(!v.item.text.contains(added), "{id}: «{added}» in the text");
        let note = v.item.note.as_deref().unwrap_or_default();
        assert!(note.contains(added), "{id}: «{added}» not in the note");
    }
}

#[test]
fn show_prints_the_citation_and_the_note_apart_from_the_text() {
    let out = Command::new(env!("CARGO_BIN_EXE_somevett"))
        .args(["show", "ks.ledelse.9"])
        .env("SOMEVETT_NO_CACHE", "1")
        .output()
        .expect("the binary runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let heading = text
        .find("Merknad fra somevett (står ikke i kilden):")
        .unwrap_or_else(|| panic!("no note heading: {text}"));
    let art = text.find("art. 36").unwrap_or_else(|| panic!("{text}"));
    assert!(art > heading, "art. 36 shown as the source's words: {text}");
    assert!(text.contains("Kilde:      KS (KS Fagråd"), "{text}");
    assert!(text.contains("s. 26 ff."), "KS's page: {text}");
    let file = text.find("001_9fe248a0ac57bfb7.txt").unwrap_or(0);
    let kilde = text.find("Kilde:").unwrap_or(usize::MAX);
    assert!(file > kilde, "the file comes after the citation: {text}");

    let out = Command::new(env!("CARGO_BIN_EXE_somevett"))
        .args(["show", "meraker.privat.1"])
        .env("SOMEVETT_NO_CACHE", "1")
        .output()
        .expect("the binary runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Vedtak:     Vedtatt i kommunestyret 24.04.2017, sak 41/17"),
        "{text}"
    );
    assert!(!text.contains("Merknad"), "no note, no heading: {text}");
}

#[test]
fn the_report_cites_documents_and_keeps_notes_apart() {
    let library = common::library();
    let mut o = Outcome::new(
        "id".into(),
        "Test".into(),
        "2026-11-23T10:00:00Z".parse().unwrap(),
    );
    o.risk.entry("scenario.opphavsrett").note = "Sjekk kreditering.".into();
    let md = outcome::export::to_markdown(&o, &library);
    // Lines are wrapped at 80 columns: look in the flowed text.
    let md = md.split_whitespace().collect::<Vec<_>>().join(" ");
    let sources = md.find("## Kilder").unwrap_or_else(|| panic!("{md}"));
    let tail = &md[sources..];
    assert!(
        tail.contains("Vedtatt i kommunestyret 24.04.2017, sak 41/17"),
        "{tail}"
    );
    assert!(
        tail.contains(
            "\\[Retningslinjer for sosiale medier i Kåfjord kommune\\] (tittel satt av somevett"
        ),
        "{tail}"
    );
    assert!(
        tail.contains("**Merknad fra somevett (står ikke i kilden):**"),
        "{tail}"
    );
    // An assessed scenario says it is somevett's and cites what it builds on.
    assert!(tail.contains("skrevet for somevett"), "{tail}");
    assert!(
        tail.contains("- Opphavsretten brytes: Kåfjord kommune:"),
        "{tail}"
    );
    // Cited by where the item is, never by its internal id.
    assert!(!tail.contains("kafjord.til-brukere.7"), "{tail}");
    assert!(
        md.contains("Kvalnes 2020")
            || md.contains("Kvalnes, Digital Dilemmas")
            || md.contains("Øyvind Kvalnes"),
        "{md}"
    );
    assert!(
        md.contains("Einar Øverenget og Øyvind Kvalnes"),
        "the wheel's makers: {md}"
    );
}

/// Audit §7: the sources' own words, and the items that must keep them.
const SOURCE_WORDS: &[(&str, &[&str])] = &[
    (
        "mail",
        &[
            "meraker.e-post.1",
            "meraker.e-post.2",
            "meraker.e-post.3",
            "kafjord.kanaler.1",
        ],
    ),
    ("mailen", &["meraker.e-post.2"]),
    (
        "SoMe",
        &[
            "ks.behov.1",
            "ks.sikkerhet.1",
            "ks.risiko.6",
            "ks.art-omfang.4",
        ],
    ),
    ("SoMes", &["ks.risiko.6"]),
    ("SoMe-bruker", &["ks.art-omfang.15"]),
    ("kommentarfunksjonalitet", &["ks.risiko.15"]),
    ("kommunens sider", &["ks.risiko.17"]),
    ("interagere", &["ks.risiko.2"]),
    ("interagering", &["ks.risiko.24"]),
    ("uhensiktsmessig", &["ks.art-omfang.8"]),
    ("liker", &["ks.art-omfang.5"]),
    ("data mining", &["ks.etikk.2"]),
    ("GDPR", &["ks.grunnlag.5"]),
    ("borgere", &["personvern-some.samtykke.1"]),
    (
        "automatiske avgjørelser",
        &["personvern-some.automatiske-avgjorelser.1"],
    ),
    ("oppbevaringstiden", &["personvern-some.lagring.2"]),
    ("cookies", &["nordmore.analyse.2"]),
    ("overdrivelse", &["nordmore.rettigheter.5"]),
    ("nett-etikk", &["kafjord.nettetikk.1"]),
    ("nettetikett", &["kafjord.ansatte.2"]),
    ("link", &["kafjord.til-brukere.8"]),
    ("copyright", &["kafjord.til-brukere.7"]),
    (
        "personvernkonsekvensvurdering",
        &["ks.behov.2", "ks.ledelse.2", "ks.ledelse.5"],
    ),
];

#[test]
fn the_sources_own_words_are_kept_and_findable() {
    assert_eq!(SOURCE_WORDS.len(), 23, "the audit lists 23 pairs");
    let library = common::library();
    let index = SearchIndex::new(&library);
    let mut problems = Vec::new();
    for (word, ids) in SOURCE_WORDS {
        let hits: Vec<String> = index
            .search(word, 400)
            .iter()
            .filter_map(|h| library.view(h.at).map(|v| v.full_id()))
            .collect();
        for id in *ids {
            let Some(v) = library.find(id) else {
                problems.push(format!("{id} is gone"));
                continue;
            };
            if !v.item.text.to_lowercase().contains(&word.to_lowercase()) {
                problems.push(format!("{id} lost the source's word «{word}»"));
            }
            if !hits.contains(&id.to_string()) {
                problems.push(format!("search «{word}» does not find {id}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_consideration_request_or_recommendation_stays_one() {
    let library = common::library();
    // (item, what the audit found added, what the source says)
    let cases = [
        ("ks.risiko.12", "må", "Rett beredskap"),
        ("ks.risiko.9", "Innbyggerne", "Lite kjennskap til SoMe"),
        (
            "nordmore.tilbakemelding.2",
            "skal ikke",
            "ber deg derfor om ikke å",
        ),
        ("nordmore.facebook.6", "skal sendes", "ta kontakt"),
        ("nordmore.facebook.2", "samtykke", "godkjent for bruk"),
        (
            "kafjord.til-brukere.9",
            "reglene over",
            "Hvis dette blir brutt",
        ),
        ("ks.innledning.3", "skal", "bør dere enkelt kunne"),
        ("ks.innledning.4", "skal", "bør dere enkelt kunne"),
        ("ks.innledning.5", "skal", "bør dere enkelt kunne"),
        ("ks.innledning.6", "skal", "bør dere enkelt kunne"),
        ("ks.offentlig-myndighet.7", "må det", "er det viktig at"),
        ("kafjord.til-brukere.11", "skal følges", "Det er viktig at"),
        ("ks.risiko.2", "Kommunen bør", "bør ha som mål"),
    ];
    for (id, added, said) in cases {
        let text = library
            .find(id)
            .map(|v| v.item.text.clone())
            .unwrap_or_else(|| panic!("{id}"));
        assert!(!text.contains(added), "{id}: «{added}» is back: {text}");
        // As the source says it; a sentence may start with it.
        assert!(
            text.to_lowercase().contains(&said.to_lowercase()),
            "{id}: lost «{said}»: {text}"
        );
    }
}

#[test]
#[ignore = "reads ../shared/seeds (run by .ci/run where they are)"]
fn names_the_audit_found_added_appear_only_where_the_source_has_them() {
    let library = common::library();
    for v in library.items() {
        let source = seed(&v.document.source);
        for name in [
            "TikTok",
            "Nordmøre",
            "DPIA",
            "Opphavsrettsloven",
            "Gjøvik-regionens kommuner",
        ] {
            if v.item.text.contains(name) {
                assert!(
                    source.contains(name),
                    "{}: «{name}» is not in the source",
                    v.full_id()
                );
            }
        }
    }
    let scenario = library
        .risks
        .scenarios
        .iter()
        .find(|s| s.id == "kommentarer-er-offentlige")
        .map(|s| (s.description.clone(), s.sources.join(" ")))
        .unwrap_or_default();
    assert!(!scenario.0.contains("Gjøvik") && !scenario.1.contains("vedlegg 6"));
}

const PACK: &str = r#"(
    id: "egen",
    title: "Egne retningslinjer",
    issuer: "Testkommune",
    kind: Retningslinjer,
    date: Some("DATE"),
    decision: Some("Vedtatt i kommunestyret 01.02.2024, sak 1/24"),
    source: "egne.txt",
    sections: [
        (
            id: "a",
            title: "Del A",
            page: Some(3),
            items: [
                (id: "1", text: "TEXT", tags: ["konto"], place: "Punkt 1", note: Some("Lagt til av kommunen.")),
            ],
        ),
    ],
)"#;

/// What `check` wrote to stderr, less the warnings about platform facts
/// checked over 12 months ago: those come with the calendar, not with the
/// pack under test (tests/platforms.rs tests them).
fn warnings(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.contains("ble sist sjekket"))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn check_pack(date: &str, text: &str) -> std::io::Result<std::process::Output> {
    let dir = common::data_with(&PACK.replace("DATE", date).replace("TEXT", text))?;
    Command::new(env!("CARGO_BIN_EXE_somevett"))
        .args(["check", "--data", &dir.path().to_string_lossy()])
        .env("SOMEVETT_NO_CACHE", "1")
        .output()
}

#[test]
fn a_pack_with_metadata_and_a_note_passes_check() -> std::io::Result<()> {
    let out = check_pack("2024-02-01", "Bruk kommunens grafiske profil.")?;
    let err = warnings(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("advarsel"), "{err}");
    Ok(())
}

#[test]
fn check_warns_about_an_act_not_on_the_list() -> std::io::Result<()> {
    let out = check_pack("2024", "Opphavsrettsloven skal ikke brytes.")?;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a warning, not an error: {err}");
    assert!(err.contains("egen.a.1 nevner «Opphavsrettsloven»"), "{err}");
    Ok(())
}

#[test]
fn check_rejects_a_date_that_is_not_a_date_naming_file_line_and_column() -> std::io::Result<()> {
    let out = check_pack("24.04.2017", "Regel.")?;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("egen.ron:6:"), "{err}");
    assert!(err.contains("ugyldig dato «24.04.2017»"), "{err}");
    Ok(())
}

#[test]
fn check_on_the_embedded_data_warns_about_nothing() {
    let out = Command::new(env!("CARGO_BIN_EXE_somevett"))
        .arg("check")
        .env("SOMEVETT_NO_CACHE", "1")
        .output()
        .expect("the binary runs");
    assert!(out.status.success());
    assert_eq!(warnings(&out), "");
}

#[test]
fn the_item_view_shows_the_citation_and_the_note_apart_from_the_text() {
    let mut app = common::app();
    let at = app
        .library()
        .find("ks.ledelse.9")
        .map(|v| v.at)
        .expect("ks.ledelse.9");
    app.apply(somevett::ui::screen::Effect::Select(
        somevett::ui::screen::Selection::Item(at),
    ));
    let text = common::screen_text(&common::render(&mut app, 160, 48));
    let heading = text
        .find("Merknad fra somevett (står ikke i kilden)")
        .unwrap_or_else(|| panic!("no note heading: {text}"));
    let kilde = text.find("Kilde").unwrap_or_else(|| panic!("{text}"));
    let art = text.find("art. 36").unwrap_or_else(|| panic!("{text}"));
    assert!(kilde < heading && heading < art, "{text}");
    assert!(text.contains("s. 26 ff."), "KS's page: {text}");
    assert!(
        !text.contains("Kilde      001_"),
        "a file is not a source: {text}"
    );
}

#[test]
fn the_ks_items_keep_some_where_their_source_says_it() {
    // KS writes «SoMe» 59 times; the audit found it in none of the 151 KS
    // items. Items whose source sentence says it now keep it.
    let library = common::library();
    let with = library
        .items()
        .filter(|v| v.document.id == "ks" && v.item.text.contains("SoMe"))
        .count();
    assert!(with >= 45, "only {with} KS items keep «SoMe»");
}

/// The fragments of an item's text that must stand in its source: the text
/// cut at every «[…]» (left out) and «[ord]» (added), folded as `fold`
/// does (case, whitespace and line breaks, the scan's OCR letters).
fn fragments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push(rest[..open].to_owned());
        rest = rest[open..]
            .find(']')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    out.push(rest.to_owned());
    out.into_iter()
        .map(|f| fold(f.trim_matches(|c: char| c.is_whitespace() || c == ':')))
        .filter(|f| f.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .collect()
}

/// Seeds that are OCR scans: Kåfjord's reads «ø» as «g» or «@», «æ» as
/// «ze», «ee» or «ae», «å» as «a», «d», «&» or «é». The items are written
/// as the printed document has them, in correct letters.
const OCR_SCANS: &[&str] = &["002_cf27432ddb43ec93.txt"];

/// A scan's text on the letters it does not confuse: folded, then without
/// the vowels and the letters the scan puts in their place (a, e, o, z, g,
/// d, &). Word breaks, the other letters and punctuation still count.
fn skeleton(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| !"aeozgd&".contains(*c))
        .collect()
}

/// The items whose text is not (yet) their source's words, each fragment
/// in order: what issue 23 item 1 is to put right, one by one.
fn paraphrased(library: &somevett::content::Library) -> Vec<String> {
    let mut out = Vec::new();
    for d in &library.documents {
        // A scan is read on the letters it does not confuse (`skeleton`);
        // the other seeds as they stand.
        let scanned = OCR_SCANS.contains(&d.source.as_str());
        let read = |text: &str| if scanned { skeleton(text) } else { fold(text) };
        let source = read(&seed(&d.source));
        for s in &d.sections {
            for item in &s.items {
                let mut from = 0;
                let in_order = fragments(&item.text)
                    .iter()
                    .map(|f| if scanned { skeleton(f) } else { f.clone() })
                    .all(|f| match source[from..].find(f.as_str()) {
                        Some(at) => {
                            from += at + f.len();
                            true
                        }
                        None => false,
                    });
                if !in_order {
                    out.push(d.full_id(s, item));
                }
            }
        }
    }
    out
}

/// Issue 23 item 1: every item's text is its source's words, with «[…]» for
/// what is left out and «[ord]» for what is added (case, whitespace and the
/// transcription's Markdown emphasis aside; Kåfjord's scan on the letters it
/// does not confuse). No item is allowed to differ: 372 of the 379 did at
/// first (2026-12-07), put in other words; a new paraphrase fails here.
#[test]
#[ignore = "reads ../shared/seeds"]
fn every_item_is_its_sources_words() {
    let library = common::library();
    let found = paraphrased(&library);
    assert!(
        found.is_empty(),
        "{} items are not their source's words: {found:?}",
        found.len()
    );
}
