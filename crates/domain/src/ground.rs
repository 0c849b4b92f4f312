//! Format 7: what a decision rests on (issue 25). A decision round keeps
//! the platform facts it was made on (each platform's five facts and its
//! cases, with their words, status and checked date) and the guideline
//! items the assessment cited, each with a fingerprint of its content. When
//! the catalogue says something else later, or a fact grows old, or the
//! review date passes, the decision is «til ny vurdering», and why is said
//! fact by fact, with what it said then and says now. A round also keeps
//! what the record held (`Snapshot`), and a review of it (`Review`) what
//! changed since, whether the measures worked and whether the change is
//! material.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::platform::{
    Fact, FactStatus, Platform, PlatformCatalog, PlatformName, STALE_AFTER_MONTHS, Source,
};
use crate::risk::{MeasureStatus, Score};
use crate::words::Words;

/// What a round rested on when it was recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ground {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<FactGround>,
    /// The cited items: id → fingerprint of its text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, String>,
    /// What the record held (scores, measures, participants), for a review
    /// to compare with.
    #[serde(default, skip_serializing_if = "Snapshot::is_empty")]
    pub record: Snapshot,
}

impl Ground {
    /// What a round recorded before format 7 rests on, as far as is known.
    pub const EMPTY: Ground = Ground {
        facts: Vec::new(),
        items: BTreeMap::new(),
        record: Snapshot::EMPTY,
    };
}

/// One platform fact (or case) as it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactGround {
    /// The platform's id in the catalogue (`tiktok`).
    pub platform: String,
    /// `transfers`, or `sak: 2025-07-10 Data Protection Commission` for a case.
    pub field: String,
    /// What it said; empty for a fact nobody had found a source for.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub status: FactStatus,
    /// When it had last been checked (`YYYY-MM-DD`), as the catalogue said.
    #[serde(default)]
    pub checked: String,
    pub fingerprint: String,
}

/// What the record held when a round (or a review) was recorded: the
/// scores, the measures and their status, the participants, for a review
/// to compare with (`review::differences`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<ScoreAt>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureAt>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// «Kari Nilsen (kommunikasjon)».
    pub participants: Vec<String>,
}

impl Snapshot {
    pub const EMPTY: Snapshot = Snapshot {
        scores: Vec::new(),
        measures: Vec::new(),
        participants: Vec::new(),
    };

    pub fn is_empty(&self) -> bool {
        self.scores.is_empty() && self.measures.is_empty() && self.participants.is_empty()
    }
}

/// A risk's scores, shared or one platform's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreAt {
    pub risk: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<PlatformName>,
    #[serde(default)]
    pub inherent: Option<Score>,
    #[serde(default)]
    pub residual: Option<Score>,
}

/// A measure where it is kept (`key`, as the action plan names it: the
/// risk or question, the platform, its place there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureAt {
    pub key: String,
    pub text: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default, with = "crate::date::optional")]
    pub due: Option<Date>,
    #[serde(default)]
    pub status: MeasureStatus,
}

/// Whether a measure worked, as the team judges it at a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Worked {
    Ja,
    Delvis,
    Nei,
    ForTidligASi,
}

impl Worked {
    pub const ALL: &'static [Worked] = <Worked as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            Worked::Ja => "ja",
            Worked::Delvis => "delvis",
            Worked::Nei => "nei",
            Worked::ForTidligASi => "for tidlig å si",
        }
    }
}

/// A measure's effect as judged at a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureEffect {
    pub key: String,
    pub text: String,
    pub worked: Worked,
}

/// A review of the latest decision round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The decision round reviewed, counted from 1.
    pub round: usize,
    #[serde(default, with = "crate::date::optional")]
    pub date: Option<Date>,
    /// Who reviewed (names or roles).
    #[serde(default)]
    pub by: String,
    /// What had changed since the round, as the team saw it at the review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureEffect>,
    /// Material: management must decide again. Not material: the decision
    /// stands, now on `ground`.
    pub material: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What the decision rests on after the review.
    #[serde(default)]
    pub ground: Ground,
}

/// Why a decision is to be assessed again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reopened {
    /// The catalogue says something else: a new status, text, answer or
    /// source; `now` is none when the fact (or case) is gone.
    FactChanged {
        was: FactGround,
        now: Option<FactGround>,
    },
    /// A fact or case the catalogue has now that the decision did not know.
    FactNew { now: FactGround },
    /// The fact has not been checked for more than 12 months.
    FactOld { now: FactGround },
    /// A cited guideline item's text changed, or it is gone.
    ItemChanged { id: String, gone: bool },
    /// The outcome's review date has passed.
    ReviewPassed { date: Date },
    /// A review found a material change: management must decide again.
    Material { date: Option<Date> },
}

impl Reopened {
    /// The catalogue id of the platform a reason is about; none for the
    /// reasons about the whole decision (a cited item, the review date).
    pub fn platform(&self) -> Option<&str> {
        match self {
            Reopened::FactChanged { was, .. } => Some(&was.platform),
            Reopened::FactNew { now } | Reopened::FactOld { now } => Some(&now.platform),
            Reopened::ItemChanged { .. }
            | Reopened::ReviewPassed { .. }
            | Reopened::Material { .. } => None,
        }
    }

    /// One line for a list or the shell: what, and what changed.
    pub fn describe(&self, platform_name: impl Fn(&str) -> String) -> String {
        self.describe_in(platform_name, &Words::bokmal())
    }

    /// As `describe`, in `w`'s målform.
    pub fn describe_in(&self, platform_name: impl Fn(&str) -> String, w: &Words) -> String {
        match self {
            Reopened::FactChanged {
                was,
                now: Some(now),
            } => {
                let what = if was.status != now.status {
                    w.f(
                        "status {was} → {now}",
                        &[
                            ("was", &w.t(was.status.label())),
                            ("now", &w.t(now.status.label())),
                        ],
                    )
                } else if was.text.is_empty() {
                    w.t("var ukjent, er nå kjent")
                } else if now.text.is_empty() {
                    w.t("er nå ukjent")
                } else if was.text != now.text {
                    w.t("teksten er endret")
                } else {
                    w.t("kildene er endret")
                };
                w.f(
                    "{platform}: {field} er endret ({what})",
                    &[
                        ("platform", &platform_name(&was.platform)),
                        ("field", &field_label_in(&was.field, w)),
                        ("what", &what),
                    ],
                )
            }
            Reopened::FactChanged { was, now: None } => w.f(
                "{platform}: {field} er fjernet fra katalogen",
                &[
                    ("platform", &platform_name(&was.platform)),
                    ("field", &field_label_in(&was.field, w)),
                ],
            ),
            Reopened::FactNew { now } => w.f(
                "{platform}: {field} er nytt i katalogen",
                &[
                    ("platform", &platform_name(&now.platform)),
                    ("field", &field_label_in(&now.field, w)),
                ],
            ),
            Reopened::FactOld { now } => w.f(
                "{platform}: {field} er sist sjekket {checked} (mer enn {months} måneder siden)",
                &[
                    ("platform", &platform_name(&now.platform)),
                    ("field", &field_label_in(&now.field, w)),
                    ("checked", &now.checked),
                    ("months", &STALE_AFTER_MONTHS),
                ],
            ),
            Reopened::ItemChanged { id, gone: false } => {
                w.f("punktet {id} i kildene har fått ny tekst", &[("id", id)])
            }
            Reopened::ItemChanged { id, gone: true } => {
                w.f("punktet {id} i kildene finnes ikke lenger", &[("id", id)])
            }
            Reopened::ReviewPassed { date } => w.f(
                "datoen for ny vurdering ({date}) er passert",
                &[("date", date)],
            ),
            Reopened::Material { date: None } => {
                w.t("gjennomgangen fant en vesentlig endring: ledelsen må beslutte på nytt")
            }
            Reopened::Material { date: Some(d) } => w.f(
                "gjennomgangen {date} fant en vesentlig endring: ledelsen må beslutte på nytt",
                &[("date", d)],
            ),
        }
    }
}

/// A fact's field as a reader knows it: «Overføring til tredjeland», or the
/// case's date and authority.
pub fn field_label(field: &str) -> String {
    field_label_in(field, &Words::bokmal())
}

/// As `field_label`, in `w`'s målform.
pub fn field_label_in(field: &str, w: &Words) -> String {
    if let Some(case) = field.strip_prefix(CASE_PREFIX) {
        return w.f("saken {case}", &[("case", &case)]);
    }
    crate::platform::FACTS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or_else(|| field.to_owned(), |(_, label)| w.t(label))
}

const CASE_PREFIX: &str = "sak: ";

/// A stable fingerprint of some parts of text: CRC-32 (IEEE), each part
/// ended by a unit separator, in hex. It tells a change, not an attack; the
/// words themselves are kept for facts.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut crc = crc32fast::Hasher::new();
    for part in parts {
        crc.update(part.as_bytes());
        crc.update(&[0x1f]);
    }
    format!("{:08x}", crc.finalize())
}

/// A platform's facts and cases as ground: unknown facts too (a fact found
/// later is a change).
pub fn platform_ground(p: &Platform) -> Vec<FactGround> {
    let mut out: Vec<FactGround> = p
        .facts()
        .into_iter()
        .map(|(field, _, fact)| fact_ground(&p.id, field, fact))
        .collect();
    for c in &p.cases {
        let mut parts = vec![c.title.as_str(), c.summary.as_str(), c.status.label()];
        parts.extend(source_parts(&c.sources));
        out.push(FactGround {
            platform: p.id.clone(),
            field: format!("{CASE_PREFIX}{} {}", c.date, c.authority),
            text: format!("{}: {}", c.title, c.summary),
            status: c.status,
            checked: c.checked.clone(),
            fingerprint: fingerprint(&parts),
        });
    }
    out
}

/// The parts of sources a fingerprint covers: title, publisher, address.
fn source_parts(sources: &[Source]) -> impl Iterator<Item = &str> {
    sources.iter().flat_map(|s| {
        [
            s.title.as_str(),
            s.publisher.as_str(),
            s.url.as_deref().unwrap_or(""),
        ]
    })
}

fn fact_ground(platform: &str, field: &str, fact: &Fact) -> FactGround {
    match fact {
        Fact::Unknown => FactGround {
            platform: platform.to_owned(),
            field: field.to_owned(),
            text: String::new(),
            status: FactStatus::Gjeldende,
            checked: String::new(),
            fingerprint: fingerprint(&["ukjent"]),
        },
        Fact::Known {
            answer,
            text,
            sources,
            checked,
            status,
        } => {
            let answer = match answer {
                Some(true) => "ja",
                Some(false) => "nei",
                None => "",
            };
            let mut parts = vec![answer, text.as_str(), status.label()];
            parts.extend(source_parts(sources));
            FactGround {
                platform: platform.to_owned(),
                field: field.to_owned(),
                text: text.clone(),
                status: *status,
                checked: checked.clone(),
                fingerprint: fingerprint(&parts),
            }
        }
    }
}

/// The ground of a decision on `platforms` (as the outcome names them):
/// the catalogue's facts for each one it knows, and the cited items with
/// their texts' fingerprints.
pub fn ground(
    catalog: &PlatformCatalog,
    platforms: &[crate::platform::PlatformName],
    items: impl IntoIterator<Item = (String, String)>,
) -> Ground {
    let mut facts = Vec::new();
    let mut seen = Vec::new();
    for name in platforms {
        if let Some(p) = catalog.find(name.as_str())
            && !seen.contains(&p.id)
        {
            seen.push(p.id.clone());
            facts.extend(platform_ground(p));
        }
    }
    Ground {
        record: Snapshot::default(),
        facts,
        items: items
            .into_iter()
            .map(|(id, text)| (id, fingerprint(&[&text])))
            .collect(),
    }
}

/// Why a decision resting on `ground` is to be assessed again, on `today`:
/// each fact that changed, is new or has grown old, each cited item whose
/// text changed (`item_text` gives today's text, none when it is gone), and
/// a review date passed. Empty: the ground holds.
pub fn reopened(
    ground: &Ground,
    catalog: &PlatformCatalog,
    item_text: impl Fn(&str) -> Option<String>,
    review: Option<Date>,
    today: Date,
) -> Vec<Reopened> {
    let mut out = Vec::new();
    let limit = today
        .checked_sub(jiff::Span::new().months(STALE_AFTER_MONTHS))
        .ok();
    let mut platforms: Vec<&str> = Vec::new();
    for f in &ground.facts {
        if !platforms.contains(&f.platform.as_str()) {
            platforms.push(&f.platform);
        }
    }
    for id in platforms {
        let now: Vec<FactGround> = catalog
            .platforms
            .iter()
            .find(|p| p.id == id)
            .map(platform_ground)
            .unwrap_or_default();
        let was: Vec<&FactGround> = ground.facts.iter().filter(|f| f.platform == id).collect();
        for w in &was {
            match now.iter().find(|n| n.field == w.field) {
                Some(n) if n.fingerprint != w.fingerprint => out.push(Reopened::FactChanged {
                    was: (*w).clone(),
                    now: Some(n.clone()),
                }),
                Some(_) => {}
                None => out.push(Reopened::FactChanged {
                    was: (*w).clone(),
                    now: None,
                }),
            }
        }
        for n in &now {
            let before = was.iter().find(|w| w.field == n.field);
            if before.is_none() {
                out.push(Reopened::FactNew { now: n.clone() });
            } else if let Some(limit) = limit
                // A changed fact is said once, as changed.
                && before.is_some_and(|w| w.fingerprint == n.fingerprint)
                && n.checked.parse::<Date>().is_ok_and(|d| d < limit)
            {
                out.push(Reopened::FactOld { now: n.clone() });
            }
        }
    }
    for (id, print) in &ground.items {
        match item_text(id) {
            Some(text) if fingerprint(&[&text]) != *print => {
                out.push(Reopened::ItemChanged {
                    id: id.clone(),
                    gone: false,
                });
            }
            Some(_) => {}
            None => out.push(Reopened::ItemChanged {
                id: id.clone(),
                gone: true,
            }),
        }
    }
    if let Some(date) = review
        && date < today
    {
        out.push(Reopened::ReviewPassed { date });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{Case, Source};

    fn known(text: &str, checked: &str, status: FactStatus) -> Fact {
        Fact::Known {
            answer: Some(true),
            text: text.into(),
            sources: vec![Source {
                title: "Kilde".into(),
                publisher: "Utgiver".into(),
                url: None,
            }],
            checked: checked.into(),
            status,
        }
    }

    fn catalog(transfers: Fact) -> PlatformCatalog {
        let p = |id: &str, transfers: Fact| Platform {
            id: id.into(),
            name: id.to_uppercase(),
            company: known("Selskapet", "2026-11-01", FactStatus::Gjeldende),
            jurisdiction: Fact::Unknown,
            transfers,
            joint_controller: Fact::Unknown,
            advertising: Fact::Unknown,
            cases: vec![Case {
                date: "2025-07-10".into(),
                authority: "DPC".into(),
                title: "Granskning".into(),
                summary: "Åpnet.".into(),
                sources: Vec::new(),
                checked: "2026-11-01".into(),
                status: FactStatus::Gjeldende,
            }],
            origin: String::new(),
            at: (1, 1),
        };
        PlatformCatalog {
            platforms: vec![
                p("tiktok", transfers.clone()),
                p(
                    "facebook",
                    known("Til USA", "2026-11-01", FactStatus::Gjeldende),
                ),
            ],
        }
    }

    fn today() -> Date {
        "2026-12-07".parse().unwrap_or_default()
    }

    /// The CRC is the standard one, so a fingerprint written today is read
    /// the same by every later version: CRC-32 of "123456789\x1f".
    #[test]
    fn the_fingerprint_is_crc32_of_the_parts() {
        assert_eq!(fingerprint(&["123456789"]), "8dcc93bc");
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
    }

    /// A catalogue change reopens exactly the decisions that cite the
    /// changed fact: TikTok's transfers changed status; a decision on
    /// Facebook alone holds.
    #[test]
    fn a_changed_fact_reopens_only_decisions_that_rest_on_it() {
        let before = catalog(known("Til Kina", "2026-11-01", FactStatus::Gjeldende));
        let after = catalog(known("Til Kina", "2026-11-01", FactStatus::Anket));
        let on_tiktok = ground(&before, &["TikTok".into()], []);
        let on_facebook = ground(&before, &["Facebook".into()], []);
        assert_eq!(on_tiktok.facts.len(), 6, "five facts and a case");
        assert!(reopened(&on_tiktok, &before, |_| None, None, today()).is_empty());
        let why = reopened(&on_tiktok, &after, |_| None, None, today());
        assert_eq!(why.len(), 1, "{why:?}");
        let Reopened::FactChanged {
            was,
            now: Some(now),
        } = &why[0]
        else {
            panic!("{why:?}")
        };
        assert_eq!(
            (was.status, now.status),
            (FactStatus::Gjeldende, FactStatus::Anket)
        );
        assert_eq!(
            why[0].describe(|id| id.to_uppercase()),
            "TIKTOK: Overføring til tredjeland er endret (status gjeldende → anket)"
        );
        assert!(reopened(&on_facebook, &after, |_| None, None, today()).is_empty());
    }

    /// Re-checking a fact without changing it does not reopen; a fact found
    /// for an unknown, a fact grown old, a changed item and a passed review
    /// date do, each said.
    #[test]
    fn each_kind_of_stale_ground_is_said() {
        let before = catalog(Fact::Unknown);
        let g = ground(
            &before,
            &["tiktok".into()],
            [("ks.behov.2".to_owned(), "Teksten".to_owned())],
        );
        let mut rechecked = catalog(Fact::Unknown);
        if let Fact::Known { checked, .. } = &mut rechecked.platforms[0].company {
            *checked = "2026-12-01".into();
        }
        let same = |id: &str| (id == "ks.behov.2").then(|| "Teksten".to_owned());
        assert!(reopened(&g, &rechecked, same, None, today()).is_empty());

        let found = catalog(known("Til Kina", "2024-01-01", FactStatus::Gjeldende));
        let review: Date = "2026-12-01".parse().unwrap_or_default();
        let why = reopened(
            &g,
            &found,
            |_| Some("Ny tekst".to_owned()),
            Some(review),
            today(),
        );
        let lines: Vec<String> = why.iter().map(|r| r.describe(|id| id.to_owned())).collect();
        assert_eq!(
            lines,
            [
                "tiktok: Overføring til tredjeland er endret (var ukjent, er nå kjent)",
                "punktet ks.behov.2 i kildene har fått ny tekst",
                "datoen for ny vurdering (2026-12-01) er passert",
            ]
        );
        let old = catalog(Fact::Unknown);
        let mut aged = old.clone();
        if let Fact::Known { checked, .. } = &mut aged.platforms[0].company {
            *checked = "2025-11-01".into();
        }
        let g = ground(&old, &["tiktok".into()], []);
        let why = reopened(&g, &aged, |_| None, None, today());
        assert!(
            matches!(&why[..], [Reopened::FactOld { now }] if now.field == "company"),
            "{why:?}"
        );
    }

    /// A case gone from the catalogue and one added are both said.
    #[test]
    fn a_case_removed_or_added_is_said() {
        let before = catalog(Fact::Unknown);
        let g = ground(&before, &["tiktok".into()], []);
        let mut after = before.clone();
        after.platforms[0].cases[0].date = "2025-07-11".into();
        let why = reopened(&g, &after, |_| None, None, today());
        let lines: Vec<String> = why.iter().map(|r| r.describe(|id| id.to_owned())).collect();
        assert_eq!(
            lines,
            [
                "tiktok: saken 2025-07-10 DPC er fjernet fra katalogen",
                "tiktok: saken 2025-07-11 DPC er nytt i katalogen",
            ]
        );
    }
}
