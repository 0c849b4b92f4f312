//! What a decision rests on, read from the library (issue 25): the items
//! an outcome's assessment cites, the ground a new decision round records,
//! and why the latest decision is to be assessed again.

use std::collections::HashSet;

use somevett_domain::Outcome;
use somevett_domain::date::Date;
use somevett_domain::ground::{self, Ground, Reopened};
use somevett_domain::review;
use somevett_domain::risk::RiskId;
use somevett_domain::words::Words;

use crate::Library;

impl Library {
    /// The guideline items an outcome's assessment rests on, by full id:
    /// those the answered checklist questions cite (an answer, a note or a
    /// measure), the assessed scenarios' sources and the sources of
    /// measures picked from the guidelines. The report's vedlegg prints
    /// them; a decision round records them.
    pub fn cited_items(&self, o: &Outcome) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut ids = Vec::new();
        let mut add = |id: &str| {
            if self.find(id).is_some() && seen.insert(id.to_owned()) {
                ids.push(id.to_owned());
            }
        };
        for g in self
            .assessment
            .groups()
            .into_iter()
            .chain(self.dilemmas.groups())
        {
            for (q, key) in &g.questions {
                let answered = o.checklists.get(key).is_some_and(|a| {
                    a.status.is_assessed() || !a.note.trim().is_empty() || a.measure.is_some()
                });
                if answered {
                    q.guidelines.iter().for_each(|id| add(id));
                }
            }
        }
        for s in &self.risks.scenarios {
            if o.risk.get(RiskId::scenario(&s.id)).is_some() {
                s.sources.iter().for_each(|id| add(id));
            }
        }
        for m in o.risk.assessments.iter().flat_map(|a| &a.measures) {
            add(&m.source);
        }
        ids
    }

    /// What a decision on `o` made now rests on: the catalogue's facts for
    /// its platforms and the items it cites.
    pub fn ground(&self, o: &Outcome) -> Ground {
        let items = self.cited_items(o).into_iter().filter_map(|id| {
            let text = self.find(&id)?.item.text.to_string();
            Some((id, text))
        });
        let mut ground = ground::ground(&self.platforms, &o.platforms, items);
        ground.record = review::snapshot(o);
        ground
    }

    /// Why the latest decision on `o` is to be assessed again on `today`
    /// (empty: it stands, or nothing is decided). A round recorded before
    /// format 7 has no ground to compare; only its review date counts.
    /// A review of the latest round that found no material change moves
    /// the ground to what it was at the review; one that found a material
    /// change reopens the decision until management decides again.
    pub fn reopened(&self, o: &Outcome, today: Date) -> Vec<Reopened> {
        let Some(standing) = self.standing_ground(o) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(review) = self.latest_review(o)
            && review.material
        {
            out.push(Reopened::Material { date: review.date });
        }
        out.extend(self.moved(standing, o.next_review, today));
        out
    }

    /// What the latest decision stands on now: its latest review's ground,
    /// else its own (empty for a round recorded before format 7); none
    /// when nothing is decided.
    fn standing_ground<'o>(&self, o: &'o Outcome) -> Option<&'o Ground> {
        static EMPTY: Ground = Ground::EMPTY;
        let latest = o.decision.latest()?;
        Some(match self.latest_review(o) {
            Some(r) => &r.ground,
            None => latest.ground.as_ref().unwrap_or(&EMPTY),
        })
    }

    /// The facts and cited items that moved since `standing`, and the
    /// review date if it has passed.
    fn moved(&self, standing: &Ground, review: Option<Date>, today: Date) -> Vec<Reopened> {
        ground::reopened(
            standing,
            &self.platforms,
            |id| self.find(id).map(|v| v.item.text.to_string()),
            review,
            today,
        )
    }

    /// The latest review of the latest round, if any.
    pub fn latest_review<'o>(&self, o: &'o Outcome) -> Option<&'o somevett_domain::ground::Review> {
        let round = o.decision.rounds.len();
        o.decision.reviews.iter().rev().find(|r| r.round == round)
    }

    /// What changed since the latest round (or its latest review): the facts
    /// and cited items that moved, then the record's scores, measures and
    /// participants, in words; empty when nothing did.
    pub fn changes_since(&self, o: &Outcome, today: Date) -> Vec<String> {
        let Some(standing) = self.standing_ground(o) else {
            return Vec::new();
        };
        let mut out: Vec<String> = self
            .moved(standing, None, today)
            .iter()
            .map(|r| self.describe(r))
            .collect();
        let risks = self.risks.assessable(&o.risk);
        let title = |id: &str| {
            risks.iter().position(|r| r.id.as_str() == id).map_or_else(
                || format!("risiko {id}"),
                |i| format!("risiko {} «{}»", i + 1, risks[i].title),
            )
        };
        out.extend(review::differences(
            &standing.record,
            &review::snapshot(o),
            title,
        ));
        out
    }

    /// The same for one of the outcome's platforms: the reasons about its
    /// facts, and those about the whole (items, the review date).
    pub fn reopened_for(&self, o: &Outcome, platform: &str, today: Date) -> Vec<Reopened> {
        self.reopened(o, today)
            .into_iter()
            .filter(|r| self.concerns(r, platform))
            .collect()
    }

    /// Whether a reason concerns `platform` (as an outcome names it): one
    /// about its facts, or one about the whole decision.
    pub fn concerns(&self, r: &Reopened, platform: &str) -> bool {
        let id = self.platforms.find(platform).map(|p| p.id.as_str());
        r.platform().is_none_or(|p| Some(p) == id)
    }

    /// A reason in words, with the platform's name as the catalogue has it.
    pub fn describe(&self, r: &Reopened) -> String {
        self.describe_in(r, &Words::bokmal())
    }

    /// As `describe`, in `w`'s målform.
    pub fn describe_in(&self, r: &Reopened, w: &Words) -> String {
        r.describe_in(
            |id| {
                self.platforms
                    .platforms
                    .iter()
                    .find(|p| p.id == id)
                    .map_or_else(|| id.to_owned(), |p| p.name.clone())
            },
            w,
        )
    }
}
