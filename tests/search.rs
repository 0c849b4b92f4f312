//! Real questions an employee asks, answered by the search.

mod common;

use somevett::content::Library;
use somevett::search::SearchIndex;

fn ids(library: &Library, query: &str, limit: usize) -> Vec<String> {
    let index = SearchIndex::new(library);
    index
        .search(query, limit)
        .iter()
        .filter_map(|h| library.view(h.at).map(|v| v.full_id()))
        .collect()
}

fn text_of(library: &Library, id: &str) -> String {
    library
        .find(id)
        .map(|v| v.item.text.to_lowercase())
        .unwrap_or_default()
}

#[test]
fn photo_consent_finds_kafjord_rule_and_nordmore_facebook_rule() {
    let library = common::library();
    let hits = ids(&library, "bilder samtykke", 10);
    assert!(
        hits.iter().any(|id| id.starts_with("kafjord.")
            && text_of(&library, id).contains("bilder skal ikke publiseres uten samtykke")),
        "{hits:?}"
    );
    assert!(
        hits.iter().any(|id| id.starts_with("nordmore.facebook")
            || (id.starts_with("nordmore.") && text_of(&library, id).contains("facebook"))),
        "{hits:?}"
    );
}

#[test]
fn prior_consultation_is_found_without_norwegian_letters() {
    let library = common::library();
    let hits = ids(&library, "forhandsdroftelse", 5);
    let first = hits
        .first()
        .map(|id| text_of(&library, id))
        .unwrap_or_default();
    assert!(
        first.contains("forhåndsdrøftelse") && first.contains("datatilsynet"),
        "{hits:?}: {first}"
    );
    assert!(hits[0].starts_with("ks."), "{hits:?}");
}

#[test]
fn confidentiality_finds_meraker_and_kafjord_rules() {
    let library = common::library();
    let hits = ids(&library, "taushetsplikt", 10);
    assert!(hits.iter().any(|id| id.starts_with("meraker.")), "{hits:?}");
    assert!(hits.iter().any(|id| id.starts_with("kafjord.")), "{hits:?}");
}

#[test]
fn terms_match_in_any_order_and_all_must_match() {
    let library = common::library();
    assert_eq!(
        ids(&library, "bilder samtykke", 50),
        ids(&library, "samtykke bilder", 50)
    );
    let index = SearchIndex::new(&library);
    assert!(index.search("taushetsplikt qqqzzz", 10).is_empty());
}

#[test]
fn search_is_case_insensitive_for_norwegian_letters() {
    let library = common::library();
    assert_eq!(
        ids(&library, "FORHÅNDSDRØFTELSE", 5),
        ids(&library, "forhåndsdrøftelse", 5)
    );
}

#[test]
fn missing_norwegian_letters_still_match() -> Result<(), somevett::content::Errors> {
    let pack = r#"(id: "t", title: "T", issuer: "T", kind: Retningslinjer, source: "t",
        sections: [(id: "s", title: "S", items: [
            (id: "1", text: "Kommunen eier en båt.", tags: ["x"], place: "p"),
            (id: "2", text: "Ærlig talt, blåbær.", tags: ["x"], place: "p"),
        ])])"#;
    let library = Library::from_sources([("t.ron", pack)])?;
    assert_eq!(
        ids(&library, "bat", 5).first().map(String::as_str),
        Some("t.s.1")
    );
    assert_eq!(ids(&library, "aerlig blabaer", 5), vec!["t.s.2".to_owned()]);
    Ok(())
}

#[test]
fn highlighted_positions_are_char_indices_into_the_original_text()
-> Result<(), somevett::content::Errors> {
    let pack = r#"(id: "t", title: "T", issuer: "T", kind: Retningslinjer, source: "t",
        sections: [(id: "s", title: "S", items: [
            (id: "1", text: "Øvelse på båt", tags: ["x"], place: "p"),
        ])])"#;
    let library = Library::from_sources([("t.ron", pack)])?;
    let index = SearchIndex::new(&library);
    assert_eq!(index.search("bat", 1).len(), 1);
    let positions = index.positions("Øvelse på båt", "bat");
    assert_eq!(positions, vec![10, 11, 12]);
    let text: Vec<char> = "Øvelse på båt".chars().collect();
    let matched: String = positions.iter().map(|&i| text[i]).collect();
    assert_eq!(matched, "båt");
    Ok(())
}

#[test]
fn an_empty_query_gives_no_hits() {
    let index = SearchIndex::new(&common::library());
    assert!(index.search("   ", 10).is_empty());
}

#[test]
fn tags_and_section_titles_are_searched_too() {
    let library = common::library();
    let hits = ids(&library, "opphavsrett", 20);
    assert!(!hits.is_empty());
}
