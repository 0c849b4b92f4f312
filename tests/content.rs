//! Loading and validating guideline packs.

use crate::common;

use std::fs;

use somevett::content::Library;

/// Each seed document, its pack id, and the fewest items a complete
/// transcription can have.
const SEEDS: &[(&str, &str, usize)] = &[
    ("001_9fe248a0ac57bfb7.txt", "ks", 80),
    ("004_5c52ec4d8a8b17c0.txt", "meraker", 24),
    ("002_cf27432ddb43ec93.txt", "kafjord", 35),
    ("003_903d029c2c43ae4e.txt", "nordmore", 60),
    ("000_ab1dcec1139b9a05.txt", "personvern-some", 20),
];

#[test]
fn every_embedded_pack_loads() {
    let library = common::library();
    assert_eq!(library.documents.len(), SEEDS.len());
}

#[test]
fn every_seed_document_is_transcribed_in_full() {
    let library = common::library();
    let mut report = String::new();
    for (seed, id, minimum) in SEEDS {
        let doc = library.documents.iter().find(|d| d.id == *id);
        let Some(doc) = doc else {
            panic!("no pack for seed {seed} (id {id})");
        };
        assert_eq!(doc.source, *seed, "{id} must cite its seed file");
        let count = doc.item_count();
        report.push_str(&format!("{id}: {count} items\n"));
        assert!(
            count >= *minimum,
            "{id} is thin: {count} items, expected at least {minimum}"
        );
    }
    println!("{report}");
}

#[test]
fn every_item_has_a_place_in_its_source_and_tags() {
    for v in common::library().items() {
        assert!(
            !v.item.place.trim().is_empty(),
            "{} has no place",
            v.full_id()
        );
        assert!(!v.item.tags.is_empty(), "{} has no tags", v.full_id());
    }
}

#[test]
fn full_ids_are_unique_and_findable() {
    let library = common::library();
    let mut seen = std::collections::HashSet::new();
    for v in library.items() {
        let id = v.full_id();
        assert!(seen.insert(id.clone()), "duplicate id {id}");
        assert_eq!(library.find(&id).map(|f| f.at), Some(v.at));
    }
}

#[test]
fn embedded_text_is_free_of_control_characters_and_ocr_damage() {
    for v in common::library().items() {
        let text = &v.item.text;
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{}",
            v.full_id()
        );
        for damage in [
            "gnsker", "veere", "Malet", " pa ", "Kafjord", "fglges", "hgflig", "talergr",
        ] {
            assert!(
                !text.contains(damage),
                "{} still has OCR damage «{damage}»: {text}",
                v.full_id()
            );
        }
        assert_ne!(text.trim(), "xxx", "{}", v.full_id());
    }
}

const VALID: &str = r#"(
    id: "test",
    title: "Test",
    issuer: "Testkommune",
    kind: Retningslinjer,
    source: "test.txt",
    sections: [
        (
            id: "a",
            title: "Del A",
            items: [
                (id: "1", text: "Første regel.", tags: ["konto"], place: "Punkt 1"),
                (id: "2", text: "Andre regel.", tags: ["konto"], place: "Punkt 2"),
            ],
        ),
    ],
)"#;

fn error_of(text: &str) -> String {
    match Library::from_sources([("pakke.ron", text)]) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_valid_pack_loads() {
    let library = Library::from_sources([("pakke.ron", VALID)]);
    assert!(library.is_ok_and(|l| l.item_count() == 2));
}

#[test]
fn an_empty_tag_or_one_with_a_space_is_reported() {
    for tags in [
        r#"["konto", ""]"#,
        r#"["sosiale medier"]"#,
        r#"["kon\tto"]"#,
    ] {
        let text = VALID.replacen(r#"["konto"]"#, tags, 1);
        let err = error_of(&text);
        assert!(
            err.contains("tomt emneord eller et med mellomrom"),
            "{tags}: {err}"
        );
    }
}

#[test]
fn tags_keep_their_order_and_lose_control_characters() {
    let text = VALID.replacen(
        r#"["konto"]"#,
        r#"["konto", "bil\u{1f}der", "x\u{200b}"]"#,
        1,
    );
    let library = Library::from_sources([("pakke.ron", text.as_str())]).unwrap();
    let tags: Vec<&str> = library.documents[0].sections[0].items[0]
        .tags
        .iter()
        .collect();
    assert_eq!(tags, ["konto", "bilder", "x"]);
}

#[test]
fn an_unknown_field_is_reported_with_file_line_and_column() {
    let text = VALID.replace("place: \"Punkt 2\"", "place: \"Punkt 2\", colour: \"red\"");
    let err = error_of(&text);
    assert!(err.starts_with("pakke.ron:13:"), "{err}");
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn a_syntax_error_is_reported_with_file_line_and_column() {
    let text = VALID.replace("title: \"Del A\",", "title: \"Del A\"");
    let err = error_of(&text);
    assert!(err.starts_with("pakke.ron:11:"), "{err}");
    assert!(err.contains("comma"), "{err}");
}

#[test]
fn a_duplicate_item_id_is_reported_where_it_repeats() {
    let text = VALID.replace("(id: \"2\"", "(id: \"1\"");
    let err = error_of(&text);
    assert_eq!(err, "pakke.ron:13:22: punkt-id «test.a.1» finnes allerede");
}

#[test]
fn an_empty_text_is_reported() {
    let text = VALID.replace("Andre regel.", "  ");
    let err = error_of(&text);
    assert_eq!(err, "pakke.ron:13:22: punktet «test.a.2» har tom tekst");
}

#[test]
fn a_missing_source_is_reported() {
    let without = VALID.replace("    source: \"test.txt\",\n", "");
    let err = error_of(&without);
    assert!(err.starts_with("pakke.ron:"), "{err}");
    assert!(err.contains("source"), "{err}");
    let empty = VALID.replace("source: \"test.txt\"", "source: \"\"");
    assert_eq!(
        error_of(&empty),
        "pakke.ron:2:9: dokumentet mangler kilde (source)"
    );
}

#[test]
fn every_error_in_a_pack_is_reported_not_just_the_first() {
    let text = VALID
        .replace("Første regel.", "")
        .replace("Andre regel.", "");
    assert_eq!(error_of(&text).lines().count(), 2);
}

#[test]
fn escape_sequences_in_a_pack_are_removed_at_load() -> Result<(), Box<dyn std::error::Error>> {
    let text = VALID.replace(
        "Første regel.",
        "Første \\u{1b}[31mregel\\u{1b}[0m.\\u{1b}]0;tittel\\u{7}",
    );
    let library = Library::from_sources([("pakke.ron", text.as_str())])?;
    let item = library.find("test.a.1").map(|v| v.item.text.clone());
    assert_eq!(item.as_deref(), Some("Første regel."));
    Ok(())
}

#[test]
fn a_data_folder_adds_documents_and_replaces_embedded_ones()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    fs::create_dir(dir.path().join("guidelines"))?;
    fs::write(dir.path().join("guidelines/egen.ron"), VALID)?;
    let meraker = VALID.replace("id: \"test\"", "id: \"meraker\"");
    fs::write(dir.path().join("guidelines/meraker.ron"), meraker)?;
    let library = Library::load(Some(dir.path()))?;
    assert!(library.find("test.a.1").is_some());
    let replaced = library.documents.iter().find(|d| d.id == "meraker");
    assert_eq!(replaced.map(|d| d.item_count()), Some(2));
    assert_eq!(library.documents.len(), SEEDS.len() + 1);
    Ok(())
}

#[test]
fn two_packs_in_one_folder_with_the_same_id_are_an_error() -> Result<(), Box<dyn std::error::Error>>
{
    let dir = tempfile::tempdir()?;
    fs::create_dir(dir.path().join("guidelines"))?;
    fs::write(dir.path().join("guidelines/a.ron"), VALID)?;
    fs::write(dir.path().join("guidelines/b.ron"), VALID)?;
    let err = Library::load(Some(dir.path()))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("b.ron:2:"), "{err}");
    assert!(err.contains("finnes også"), "{err}");
    Ok(())
}

#[test]
fn a_missing_data_folder_is_an_error_naming_it() {
    let err = Library::load(Some(std::path::Path::new("/finnes/ikke")))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("/finnes/ikke:1:1:"), "{err}");
}

#[test]
fn scenarios_cite_guideline_items_that_exist() {
    let library = common::library();
    for s in &library.risks.scenarios {
        for source in &s.sources {
            let looks_like_id = source.split('.').count() == 3 && !source.contains(' ');
            if looks_like_id {
                assert!(
                    library.find(source).is_some(),
                    "scenario {} cites unknown item {source}",
                    s.id
                );
            }
        }
    }
}

#[test]
fn a_large_pack_loads_in_file_order_and_reports_every_error_in_order()
-> Result<(), Box<dyn std::error::Error>> {
    // Enough files that they are parsed on several threads.
    let dir = tempfile::tempdir()?;
    fs::create_dir(dir.path().join("guidelines"))?;
    for n in 0..40 {
        let text = VALID.replace("id: \"test\"", &format!("id: \"p{n:02}\""));
        fs::write(dir.path().join(format!("guidelines/p{n:02}.ron")), text)?;
    }
    let library = Library::load(Some(dir.path()))?;
    let ids: Vec<&str> = library.documents[SEEDS.len()..]
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    let expected: Vec<String> = (0..40).map(|n| format!("p{n:02}")).collect();
    assert_eq!(ids, expected);

    fs::write(dir.path().join("guidelines/p05.ron"), "(id: ")?;
    fs::write(dir.path().join("guidelines/p33.ron"), VALID)?;
    fs::write(dir.path().join("guidelines/p34.ron"), VALID)?;
    let err = Library::load(Some(dir.path()))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].contains("p05.ron:1:"), "{err}");
    assert!(
        lines[1].contains("p34.ron:2:") && lines[1].contains("p33.ron"),
        "{err}"
    );
    Ok(())
}
