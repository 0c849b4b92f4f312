//! One action plan: every measure of an outcome, from the risk table and the
//! checklists, with where it came from; and what of it is overdue or soon due.

use somevett_content::Library;
use somevett_domain::Outcome;
use somevett_domain::date::Date;
use somevett_domain::public::Malform;
use somevett_domain::review::{answer_measure_key, risk_measure_key};
use somevett_domain::risk::{Measure, MeasureStatus, RiskAssessment};

/// One measure in the action plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    pub text: String,
    pub owner: String,
    pub due: Option<Date>,
    pub status: MeasureStatus,
    pub note: String,
    /// Where the measure was recorded, e.g. «Risiko 3: Opphavsretten brytes».
    pub origin: String,
    /// The guideline or privacy goal it was picked from, if any.
    pub source: String,
    /// Where it is stored, the same across exports and edits of its text
    /// or due date: the risk or question, the platform, and its place
    /// there (`tabell.apenhet.r1/2`, `vurdering.a.1/TikTok`). A calendar
    /// entry's UID is made from it.
    pub key: String,
}

impl PlanEntry {
    fn new(m: &Measure, origin: String, key: String) -> Self {
        PlanEntry {
            key,
            text: m.text.clone(),
            owner: m.owner.clone(),
            due: m.due,
            status: m.status,
            note: m.note.clone(),
            origin,
            source: m.source.clone(),
        }
    }
}

/// A risk's shared measures, then each platform's own, marked with it.
/// A platform's own measure's origin: «… (bare TikTok)», in `malform`.
fn only_for(library: &Library, malform: Malform, origin: &str, platform: &str) -> String {
    library.public.fill(
        "plan.bare",
        malform,
        &[("opphav", origin), ("plattform", platform)],
    )
}

fn push_measures(
    plan: &mut Vec<PlanEntry>,
    a: &RiskAssessment,
    origin: &str,
    library: &Library,
    malform: Malform,
) {
    for (i, m) in a.measures.iter().enumerate() {
        let key = risk_measure_key(&a.risk, None, i);
        plan.push(PlanEntry::new(m, origin.to_owned(), key));
    }
    for p in &a.platforms {
        for (i, m) in p.measures.iter().enumerate() {
            let key = risk_measure_key(&a.risk, Some(&p.platform), i);
            plan.push(PlanEntry::new(
                m,
                only_for(library, malform, origin, p.platform.as_str()),
                key,
            ));
        }
    }
}

/// Every measure, sorted by due date (those without one last), then by
/// where it came from. Risks are numbered as in the risk table.
pub fn action_plan(outcome: &Outcome, library: &Library) -> Vec<PlanEntry> {
    action_plan_in(outcome, library, Malform::Bokmal)
}

/// The action plan with its own words (where a measure comes from) in
/// `malform`, somevett's questions and scenarios too; the measures and KS's
/// risks keep their words.
pub fn action_plan_in(outcome: &Outcome, library: &Library, malform: Malform) -> Vec<PlanEntry> {
    let t = |key: &str, values: &[(&str, &str)]| library.public.fill(key, malform, values);
    let w = library.words(malform);
    let mut plan = Vec::new();
    let risks = library.risks.assessable(&outcome.risk);
    for (i, r) in risks.iter().enumerate() {
        if let Some(a) = outcome.risk.get(&r.id) {
            let n = (i + 1).to_string();
            let origin = t("plan.risiko", &[("n", &n), ("tittel", &r.title_in(&w))]);
            push_measures(&mut plan, a, &origin, library, malform);
        }
    }
    // Risks the library no longer knows keep their measures too.
    for a in &outcome.risk.assessments {
        if !risks.iter().any(|r| r.id.as_str() == a.risk) {
            let origin = t("plan.risiko.id", &[("id", &a.risk)]);
            push_measures(&mut plan, a, &origin, library, malform);
        }
    }
    let groups = [
        (t("plan.vurdering", &[]), library.assessment.groups()),
        (t("plan.dilemma", &[]), library.dilemmas.groups()),
    ];
    let mut known = std::collections::HashSet::new();
    for (kind, groups) in &groups {
        for g in groups {
            for (q, key) in &g.questions {
                known.insert(key.clone());
                let Some(a) = outcome.checklists.get(key) else {
                    continue;
                };
                let origin = format!("{kind} «{}»: {}", w.t(g.title), w.t(&q.text));
                if let Some(m) = &a.measure {
                    plan.push(PlanEntry::new(
                        m,
                        origin.clone(),
                        answer_measure_key(key, None),
                    ));
                }
                for p in &a.platforms {
                    if let Some(m) = &p.measure {
                        plan.push(PlanEntry::new(
                            m,
                            only_for(library, malform, &origin, p.platform.as_str()),
                            answer_measure_key(key, Some(&p.platform)),
                        ));
                    }
                }
            }
        }
    }
    for a in &outcome.checklists.answers {
        if let Some(m) = &a.measure
            && !known.contains(&a.item)
        {
            plan.push(PlanEntry::new(
                m,
                t("plan.sjekkliste", &[("id", &a.item)]),
                answer_measure_key(&a.item, None),
            ));
        }
    }
    plan.sort_by_key(|e| (e.due.is_none(), e.due));
    plan
}

/// What a due item says when it is the outcome's next review.
pub const REVIEW_WHAT: &str = "Ny gjennomgang av vurderingen";

/// What `somevett due` reports about one measure or review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub due: Date,
    pub overdue: bool,
    /// The measure's text, or «Ny gjennomgang av vurderingen».
    pub what: String,
    pub owner: String,
    pub status: Option<MeasureStatus>,
    pub origin: String,
}

/// Measures not done and the next review, when due before `today` (overdue)
/// or within `within` days of it.
pub fn due_items(outcome: &Outcome, library: &Library, today: Date, within: i64) -> Vec<DueItem> {
    let horizon = today
        .checked_add(jiff::Span::new().days(within))
        .unwrap_or(today);
    let mut items: Vec<DueItem> = action_plan(outcome, library)
        .into_iter()
        .filter(|e| !e.status.is_done())
        .filter_map(|e| {
            let due = e.due.filter(|d| *d <= horizon)?;
            Some(DueItem {
                overdue: due < today,
                due,
                what: e.text,
                owner: e.owner,
                status: Some(e.status),
                origin: e.origin,
            })
        })
        .collect();
    if let Some(review) = outcome.next_review.filter(|d| *d <= horizon) {
        items.push(DueItem {
            overdue: review < today,
            due: review,
            what: REVIEW_WHAT.into(),
            owner: String::new(),
            status: None,
            origin: "Neste gjennomgang".into(),
        });
    }
    items.sort_by_key(|i| i.due);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(text: &str, due: &str, status: MeasureStatus) -> Measure {
        Measure {
            text: text.into(),
            due: due.parse().ok(),
            status,
            ..Measure::default()
        }
    }

    #[test]
    fn the_plan_gathers_risk_and_checklist_measures_by_due_date() {
        let mut o = Outcome::new(
            "id".into(),
            "t".into(),
            "2026-11-23T08:00:00Z".parse().unwrap(),
        );
        let id = o
            .risk
            .add_custom("Kontoen kapres".into(), String::new(), String::new());
        o.risk.entry(&id).measures = vec![
            measure("Slå på tofaktor", "2027-02-01", MeasureStatus::Apen),
            measure("Uten frist", "", MeasureStatus::Apen),
        ];
        o.checklists.entry("ukjent.a.1").measure =
            Some(measure("Skriv rutine", "2027-01-01", MeasureStatus::Pagar));
        let plan = action_plan(&o, &Library::default());
        let texts: Vec<&str> = plan.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["Skriv rutine", "Slå på tofaktor", "Uten frist"]);
        assert_eq!(plan[1].origin, "Risiko 1: Kontoen kapres");
        assert_eq!(plan[0].origin, "Sjekkliste ukjent.a.1");
    }

    #[test]
    fn due_finds_overdue_and_soon_due_but_not_done_or_far_off() {
        let mut o = Outcome::new(
            "id".into(),
            "t".into(),
            "2026-11-23T08:00:00Z".parse().unwrap(),
        );
        o.next_review = "2027-01-10".parse().ok();
        o.risk.entry("egen.1").measures = vec![
            measure("forsinket", "2026-12-31", MeasureStatus::Pagar),
            measure("snart", "2027-01-20", MeasureStatus::Apen),
            measure("ferdig", "2026-12-01", MeasureStatus::Gjennomfort),
            measure("langt fram", "2027-06-01", MeasureStatus::Apen),
        ];
        let today = jiff::civil::date(2027, 1, 1);
        let due = due_items(&o, &Library::default(), today, 30);
        let got: Vec<(&str, bool)> = due.iter().map(|d| (d.what.as_str(), d.overdue)).collect();
        assert_eq!(
            got,
            [
                ("forsinket", true),
                ("Ny gjennomgang av vurderingen", false),
                ("snart", false)
            ]
        );
    }
}
