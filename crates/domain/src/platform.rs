//! Facts about the platforms a municipality may use (`data/platforms.ron`):
//! the company behind each, where data goes, whether a joint-controller
//! arrangement (GDPR art. 26) is offered, advertising and profiling, and the
//! regulators' decisions and court cases. Every fact carries its sources and
//! the day it was checked; a fact nobody could source is `Unknown`, never a
//! guess.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How old a fact may be before `check` asks for it to be checked again.
pub const STALE_AFTER_MONTHS: i64 = 12;

/// Whether two platform names name the same platform: any case, trimmed.
pub fn same_platform(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A platform as an outcome lists it («TikTok»): kept as the team wrote it,
/// but the same platform in any case and with spaces around (`tiktok`,
/// ` TikTok `), so a platform's own scores, answers and decisions are never
/// lost to how a name was typed. Stored as a plain string.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlatformName(String);

impl PlatformName {
    pub fn new(name: impl Into<String>) -> Self {
        PlatformName(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text itself, for cleaning it once when a file is loaded.
    pub fn text_mut(&mut self) -> &mut String {
        &mut self.0
    }

    /// The form every comparison and hash uses.
    fn key(&self) -> String {
        self.0.trim().to_lowercase()
    }
}

/// The names joined by `separator`, as written: «Facebook, TikTok».
pub fn join(platforms: &[PlatformName], separator: &str) -> String {
    platforms
        .iter()
        .map(PlatformName::as_str)
        .collect::<Vec<_>>()
        .join(separator)
}

impl PartialEq for PlatformName {
    fn eq(&self, other: &Self) -> bool {
        same_platform(&self.0, &other.0)
    }
}

impl Eq for PlatformName {}

impl std::hash::Hash for PlatformName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialEq<str> for PlatformName {
    fn eq(&self, other: &str) -> bool {
        same_platform(&self.0, other)
    }
}

impl PartialEq<&str> for PlatformName {
    fn eq(&self, other: &&str) -> bool {
        same_platform(&self.0, other)
    }
}

impl PartialEq<String> for PlatformName {
    fn eq(&self, other: &String) -> bool {
        same_platform(&self.0, other)
    }
}

impl std::ops::Deref for PlatformName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for PlatformName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PlatformName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for PlatformName {
    fn from(name: &str) -> Self {
        PlatformName(name.to_owned())
    }
}

impl From<String> for PlatformName {
    fn from(name: String) -> Self {
        PlatformName(name)
    }
}

/// `data/platforms.ron`, or a municipality's own `platforms.ron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformCatalog {
    pub platforms: Vec<Platform>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// Lower-case id, e.g. "facebook"; a pack's platform with the same id
    /// replaces the embedded one.
    pub id: String,
    /// The name people know it by, e.g. "X (tidligere Twitter)".
    pub name: String,
    /// The company behind it, and the one that serves users in the EEA.
    pub company: Fact,
    /// Where the company is, and who supervises it in the EEA.
    pub jurisdiction: Fact,
    /// Whether personal data goes to a third country, and where.
    pub transfers: Fact,
    /// Whether an art. 26 arrangement is offered, and where it is found.
    pub joint_controller: Fact,
    /// Advertising and profiling.
    pub advertising: Fact,
    /// Regulators' decisions and court cases, oldest first.
    #[serde(default)]
    pub cases: Vec<Case>,
    /// The file it was read from (set when loaded).
    #[serde(skip)]
    pub origin: String,
    /// Line and column of its id in that file (set when loaded).
    #[serde(skip)]
    pub at: (usize, usize),
}

/// One fact: sourced and dated, or not known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Fact {
    /// No source was found: the answer is not known (which is not «no»).
    Unknown,
    Known {
        /// Yes or no, for the questions that have one (transfers, joint controller).
        #[serde(default)]
        answer: Option<bool>,
        /// What the sources say, in somevett's words.
        text: String,
        sources: Vec<Source>,
        /// The day somevett (or the municipality) last checked it, `YYYY-MM-DD`.
        checked: String,
        /// Whether what the sources say still stands: in force, under
        /// appeal, set aside, or history. Left out: in force.
        #[serde(default, skip_serializing_if = "FactStatus::is_current")]
        status: FactStatus,
    },
}

/// Whether a fact or a decision still stands (issue 23: facts as they
/// stand today, with their status).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactStatus {
    #[default]
    Gjeldende,
    /// Appealed: it may yet change.
    Anket,
    /// Set aside (overturned, revoked).
    Opphevet,
    /// No longer so; kept as history.
    Historisk,
}

impl FactStatus {
    pub fn is_current(&self) -> bool {
        *self == FactStatus::Gjeldende
    }

    pub fn label(self) -> &'static str {
        match self {
            FactStatus::Gjeldende => "gjeldende",
            FactStatus::Anket => "anket",
            FactStatus::Opphevet => "opphevet",
            FactStatus::Historisk => "historisk",
        }
    }
}

/// A regulator's decision or a court's judgment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the source gives no more.
    pub date: String,
    /// Who decided: "Datatilsynet", "EU-domstolen" ...
    pub authority: String,
    pub title: String,
    pub summary: String,
    pub sources: Vec<Source>,
    pub checked: String,
    /// Whether the decision still stands (appealed, set aside ...).
    #[serde(default, skip_serializing_if = "FactStatus::is_current")]
    pub status: FactStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// The facts every platform has, in display order: (field name, label).
pub const FACTS: [(&str, &str); 5] = [
    ("company", "Selskap"),
    ("jurisdiction", "Jurisdiksjon og tilsyn"),
    ("transfers", "Overføring til tredjeland"),
    ("joint_controller", "Felles behandlingsansvar (art. 26)"),
    ("advertising", "Annonser og profilering"),
];

/// The label of the cases list.
pub const CASES_LABEL: &str = "Vedtak og dommer";

/// A fact (or case) checked too long ago.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFact {
    pub platform: String,
    /// `transfers`, or `cases[2]` for the third case.
    pub field: String,
    pub checked: String,
    pub origin: String,
    pub at: (usize, usize),
}

impl Fact {
    pub fn is_known(&self) -> bool {
        matches!(self, Fact::Known { .. })
    }

    pub fn checked(&self) -> Option<&str> {
        match self {
            Fact::Known { checked, .. } => Some(checked),
            Fact::Unknown => None,
        }
    }
}

impl Platform {
    /// The five facts with their field names and labels, in display order.
    pub fn facts(&self) -> [(&'static str, &'static str, &Fact); 5] {
        let values = [
            &self.company,
            &self.jurisdiction,
            &self.transfers,
            &self.joint_controller,
            &self.advertising,
        ];
        let mut i = 0;
        values.map(|fact| {
            let (field, label) = FACTS[i];
            i += 1;
            (field, label, fact)
        })
    }

    /// The fields nobody has found a source for.
    pub fn unknown_fields(&self) -> Vec<&'static str> {
        self.facts()
            .into_iter()
            .filter(|(_, _, f)| !f.is_known())
            .map(|(field, _, _)| field)
            .collect()
    }

    /// Whether `name` names this platform: its id or its name, any case.
    pub fn answers_to(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        self.id == name || self.name.to_lowercase() == name
    }
}

impl PlatformCatalog {
    pub fn find(&self, name: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.answers_to(name))
    }

    /// A municipality's platforms: one with a known id replaces it in place,
    /// a new one is added at the end.
    pub fn merge(&mut self, other: PlatformCatalog) {
        for platform in other.platforms {
            match self.platforms.iter_mut().find(|p| p.id == platform.id) {
                Some(slot) => *slot = platform,
                None => self.platforms.push(platform),
            }
        }
    }

    /// Every fact and case checked more than `STALE_AFTER_MONTHS` before
    /// `today`. A date that does not parse is the loader's error, not stale.
    pub fn stale(&self, today: Date) -> Vec<StaleFact> {
        let Ok(limit) = today.checked_sub(jiff::Span::new().months(STALE_AFTER_MONTHS)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for p in &self.platforms {
            let dated = p
                .facts()
                .into_iter()
                .filter_map(|(field, _, fact)| fact.checked().map(|c| (field.to_owned(), c)))
                .chain(
                    p.cases
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (format!("cases[{i}]"), c.checked.as_str())),
                );
            for (field, checked) in dated {
                if checked.parse::<Date>().is_ok_and(|d| d < limit) {
                    out.push(StaleFact {
                        platform: p.id.clone(),
                        field,
                        checked: checked.to_owned(),
                        origin: p.origin.clone(),
                        at: p.at,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_platform_name_is_the_same_in_any_case_and_keeps_how_it_was_written() {
        use std::collections::HashSet;
        let name = PlatformName::from(" TikTok ");
        assert_eq!(name, PlatformName::from("tiktok"));
        assert_eq!(name, "TIKTOK");
        assert_ne!(name, PlatformName::from("Facebook"));
        let set: HashSet<PlatformName> = ["TikTok", "tiktok", " TIKTOK"]
            .into_iter()
            .map(PlatformName::from)
            .collect();
        assert_eq!(set.len(), 1, "one platform, however it is typed");
        assert_eq!(name.as_str(), " TikTok ", "kept as written");
        assert_eq!(ron::to_string(&name).ok().as_deref(), Some("\" TikTok \""));
    }

    fn known(checked: &str) -> Fact {
        Fact::Known {
            answer: None,
            text: "t".into(),
            sources: vec![Source {
                title: "s".into(),
                publisher: "p".into(),
                url: None,
            }],
            checked: checked.into(),
            status: FactStatus::default(),
        }
    }

    fn platform(id: &str, checked: &str) -> Platform {
        Platform {
            id: id.into(),
            name: id.to_uppercase(),
            company: known(checked),
            jurisdiction: Fact::Unknown,
            transfers: Fact::Unknown,
            joint_controller: Fact::Unknown,
            advertising: Fact::Unknown,
            cases: Vec::new(),
            origin: String::new(),
            at: (1, 1),
        }
    }

    #[test]
    fn a_fact_is_stale_only_after_twelve_months() {
        let catalog = PlatformCatalog {
            platforms: vec![platform("a", "2025-11-23"), platform("b", "2025-11-22")],
        };
        let today: Date = "2026-11-23".parse().unwrap_or_default();
        let stale = catalog.stale(today);
        assert_eq!(stale.len(), 1, "{stale:?}");
        assert_eq!(stale[0].platform, "b");
        assert_eq!(stale[0].field, "company");
    }

    #[test]
    fn a_pack_replaces_a_platform_by_id_and_adds_new_ones() {
        let mut catalog = PlatformCatalog {
            platforms: vec![platform("a", "2026-01-01"), platform("b", "2026-01-01")],
        };
        catalog.merge(PlatformCatalog {
            platforms: vec![platform("b", "2026-06-01"), platform("c", "2026-06-01")],
        });
        let ids: Vec<_> = catalog.platforms.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(catalog.platforms[1].company.checked(), Some("2026-06-01"));
    }

    #[test]
    fn a_platform_is_found_by_id_or_name_in_any_case() {
        let catalog = PlatformCatalog {
            platforms: vec![platform("tiktok", "2026-01-01")],
        };
        assert!(catalog.find("TikTok").is_some());
        assert!(catalog.find(" tiktok ").is_some());
        assert!(catalog.find("tik").is_none());
    }
}
