//! Loading and validating platform facts (`data/platforms.ron` and a pack's
//! own `platforms.ron`): every known fact has a source and a check date, every
//! problem is reported with file:line:col.

use std::collections::HashSet;

use jiff::civil::Date;

use super::error::{LocatedError, find_literal, line_col};
use super::is_valid_id;
use super::sanitize::sanitize_in_place;
use somevett_domain::platform::{Case, Fact, PlatformCatalog, Source};

/// The platform facts compiled into the binary.
pub const EMBEDDED_PLATFORMS: (&str, &str) = (
    "data/platforms.ron",
    include_str!("../../../data/platforms.ron"),
);

/// The file in a pack's folder that adds platforms or replaces embedded ones.
pub const PLATFORMS_FILE: &str = "platforms.ron";

/// The facts that are a yes/no question and need an `answer`.
const ANSWERED: &[&str] = &["transfers", "joint_controller"];

/// Parses and validates one platforms file; `None` (with the errors
/// recorded) when it is malformed or breaks a rule.
pub fn parse(file: &str, text: &str, errors: &mut Vec<LocatedError>) -> Option<PlatformCatalog> {
    let mut catalog: PlatformCatalog = match ron::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            errors.push(LocatedError::from_ron(file, &e));
            return None;
        }
    };
    sanitize(&mut catalog);
    let before = errors.len();
    // Where each platform starts (its id), so a problem is named at the
    // field it is in, searched for only within its own platform.
    let mut starts = Vec::with_capacity(catalog.platforms.len());
    let mut cursor = 0;
    for platform in &catalog.platforms {
        cursor = find_literal(text, &platform.id, cursor).unwrap_or(cursor);
        starts.push(cursor);
    }
    let mut ids = HashSet::new();
    for (i, platform) in catalog.platforms.iter_mut().enumerate() {
        let start = starts[i];
        let end = starts.get(i + 1).copied().unwrap_or(text.len()).max(start);
        let region = text.get(start..end).unwrap_or_default();
        let key_at = |key: &str, from: usize| {
            region
                .get(from..)
                .and_then(|r| r.find(&format!("{key}:")))
                .map_or(start, |pos| start + from + pos)
        };
        platform.origin = file.to_owned();
        platform.at = line_col(text, start);
        let mut err_at = |offset: usize, message: String| {
            errors.push(LocatedError::new(file, line_col(text, offset), message));
        };
        let id = platform.id.clone();
        if !is_valid_id(&id) || !ids.insert(id.clone()) {
            err_at(
                start,
                format!("ugyldig eller dobbel plattform-id «{id}»: bruk a-z, 0-9 og -, én gang"),
            );
        }
        if platform.name.trim().is_empty() {
            err_at(start, format!("plattformen «{id}» mangler navn (name)"));
        }
        for (field, _, fact) in platform.facts() {
            let at = key_at(field, 0);
            check_fact(&id, field, fact, &mut |m| err_at(at, m));
        }
        let mut case_from = key_at("cases", 0).saturating_sub(start);
        for (k, case) in platform.cases.iter().enumerate() {
            let at = key_at("date", case_from);
            case_from = at.saturating_sub(start) + 1;
            check_case(&format!("{id}.cases[{k}]"), case, &mut |m| err_at(at, m));
        }
    }
    (errors.len() == before).then_some(catalog)
}

fn check_fact(id: &str, field: &str, fact: &Fact, err: &mut impl FnMut(String)) {
    let Fact::Known {
        answer,
        text,
        sources,
        checked,
        ..
    } = fact
    else {
        return;
    };
    let at = format!("{id}.{field}");
    if text.trim().is_empty() {
        err(format!(
            "«{at}» har tom tekst: skriv Unknown når faktumet ikke er kjent"
        ));
    }
    if ANSWERED.contains(&field) && answer.is_none() {
        err(format!(
            "«{at}» mangler svar: skriv answer: Some(true) eller Some(false)"
        ));
    }
    check_sources(&at, sources, err);
    check_checked(&at, checked, err);
}

fn check_case(at: &str, case: &Case, err: &mut impl FnMut(String)) {
    if !is_case_date(&case.date) {
        err(format!(
            "«{at}» har ugyldig dato «{}»: skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ",
            case.date
        ));
    }
    for (value, what) in [
        (&case.authority, "authority"),
        (&case.title, "title"),
        (&case.summary, "summary"),
    ] {
        if value.trim().is_empty() {
            err(format!("«{at}» mangler {what}"));
        }
    }
    check_sources(at, &case.sources, err);
    check_checked(at, &case.checked, err);
}

pub(crate) fn check_sources(at: &str, sources: &[Source], err: &mut impl FnMut(String)) {
    if sources.is_empty() {
        err(format!(
            "«{at}» har ingen kilde (sources): et faktum uten kilde skal stå som Unknown"
        ));
    }
    for s in sources {
        if s.title.trim().is_empty() || s.publisher.trim().is_empty() {
            err(format!("en kilde i «{at}» mangler title eller publisher"));
        }
        if let Some(url) = &s.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            err(format!(
                "en kilde i «{at}» har ugyldig url «{url}»: skriv http(s)://… eller None"
            ));
        }
    }
}

pub(crate) fn check_checked(at: &str, checked: &str, err: &mut impl FnMut(String)) {
    let iso = checked.len() == 10 && checked.parse::<Date>().is_ok();
    if !iso {
        err(format!(
            "«{at}» har ugyldig sjekkdato (checked) «{checked}»: skriv ÅÅÅÅ-MM-DD"
        ));
    }
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, and a day that exists.
pub(crate) fn is_case_date(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match text.split('-').collect::<Vec<_>>()[..] {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && ("01".."13").contains(&m),
        [_, _, _] => text.len() == 10 && text.parse::<Date>().is_ok(),
        _ => false,
    }
}

fn sanitize(catalog: &mut PlatformCatalog) {
    for p in &mut catalog.platforms {
        sanitize_in_place(&mut p.id);
        sanitize_in_place(&mut p.name);
        for fact in [
            &mut p.company,
            &mut p.jurisdiction,
            &mut p.transfers,
            &mut p.joint_controller,
            &mut p.advertising,
        ] {
            if let Fact::Known {
                text,
                sources,
                checked,
                ..
            } = fact
            {
                sanitize_in_place(text);
                sanitize_in_place(checked);
                sources.iter_mut().for_each(sanitize_source);
            }
        }
        for c in &mut p.cases {
            for t in [
                &mut c.date,
                &mut c.authority,
                &mut c.title,
                &mut c.summary,
                &mut c.checked,
            ] {
                sanitize_in_place(t);
            }
            c.sources.iter_mut().for_each(sanitize_source);
        }
    }
}

pub(crate) fn sanitize_source(s: &mut Source) {
    sanitize_in_place(&mut s.title);
    sanitize_in_place(&mut s.publisher);
    if let Some(url) = &mut s.url {
        sanitize_in_place(url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(text: &str) -> Vec<String> {
        let mut errors = Vec::new();
        let parsed = parse("p.ron", text, &mut errors);
        assert_eq!(parsed.is_some(), errors.is_empty());
        errors.iter().map(ToString::to_string).collect()
    }

    const ONE: &str = r#"(platforms: [(
    id: "demo",
    name: "Demo",
    company: Known(text: "Demo AS", sources: [(title: "T", publisher: "P", url: None)], checked: "2026-11-23"),
    jurisdiction: Unknown,
    transfers: Known(text: "Nei", sources: [(title: "T", publisher: "P")], checked: "2026-11-23"),
    joint_controller: Unknown,
    advertising: Known(text: "Ja", sources: [], checked: "23.11.2026"),
    cases: [(date: "2026-13", authority: "A", title: "T", summary: "S", sources: [(title: "T", publisher: "P", url: Some("www.x"))], checked: "2026-11-23")],
)])"#;

    #[test]
    fn every_broken_rule_is_reported_at_the_platform() {
        let errors = errors_of(ONE);
        let all = errors.join("\n");
        for expected in [
            "demo.transfers» mangler svar",
            "demo.advertising» har ingen kilde",
            "demo.advertising» har ugyldig sjekkdato",
            "demo.cases[0]» har ugyldig dato «2026-13»",
            "ugyldig url «www.x»",
        ] {
            assert!(all.contains(expected), "missing «{expected}» in\n{all}");
        }
        let at = |needle: &str| {
            errors
                .iter()
                .find(|e| e.contains(needle))
                .map(|e| e.split(": ").next().unwrap_or_default().to_owned())
        };
        assert_eq!(
            at("demo.transfers» mangler svar").as_deref(),
            Some("p.ron:6:5")
        );
        assert_eq!(
            at("demo.advertising» har ingen").as_deref(),
            Some("p.ron:8:5")
        );
        assert_eq!(at("«2026-13»").as_deref(), Some("p.ron:9:14"));
    }

    #[test]
    fn a_case_date_may_be_a_year_or_a_month() {
        assert!(is_case_date("2023"));
        assert!(is_case_date("2023-07"));
        assert!(is_case_date("2023-07-14"));
        assert!(!is_case_date("2023-02-30"));
        assert!(!is_case_date("14.07.2023"));
        assert!(!is_case_date("2023-7"));
    }
}
