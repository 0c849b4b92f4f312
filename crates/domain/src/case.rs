//! Format 6: what makes the assessment a case document a municipality can
//! propose, decide, publish and archive (a saksframlegg), and what KS asks
//! the assessment to describe rather than tick: the processing (KS ch. 2),
//! the legal basis chosen (KS ch. 5) and the data protection officer's
//! advice (GDPR art. 35(2)). Every field may stay empty; nothing is printed
//! for one that is.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::decision::Decision;
use crate::platform::PlatformName;

/// The saksframlegg's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseInfo {
    /// Saksbehandler: who prepared the case, and their unit.
    #[serde(default)]
    pub officer: String,
    #[serde(default)]
    pub officer_unit: String,
    /// Arkivsak/dokumentnummer and arkivkode, as the archive gives them.
    #[serde(default)]
    pub document_ref: String,
    #[serde(default)]
    pub archive_code: String,
    /// The body that decides (utvalg) and its meeting, or, for a delegated
    /// decision, the authority it is made under.
    #[serde(default)]
    pub body: String,
    #[serde(default, with = "crate::date::optional")]
    pub meeting: Option<Date>,
    #[serde(default)]
    pub delegation: String,
    /// Access code with its legal basis, e.g. «Unntatt offentlighet, offl.
    /// § 24 tredje ledd»; when set, every page of the report says so.
    #[serde(default)]
    pub access: String,
    /// Forslag til vedtak: the team's recommendation, written before
    /// management decides and kept beside what it decided.
    #[serde(default)]
    pub proposal: Proposal,
}

/// The team's recommendation: its wording, and a decision proposed for
/// each platform (or for the whole, with one platform).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub decision: Option<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<ProposedFor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposedFor {
    pub platform: PlatformName,
    pub decision: Option<Decision>,
}

impl Proposal {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.decision.is_none()
            && self.platforms.iter().all(|p| p.decision.is_none())
    }

    /// The decision proposed for `platform`, if any.
    pub fn for_platform(&self, platform: &str) -> Option<Decision> {
        self.platforms
            .iter()
            .find(|p| crate::platform::same_platform(&p.platform, platform))
            .and_then(|p| p.decision)
    }
}

impl CaseInfo {
    /// Whether nothing of the case is filled in.
    pub fn is_empty(&self) -> bool {
        self.officer.trim().is_empty()
            && self.officer_unit.trim().is_empty()
            && self.document_ref.trim().is_empty()
            && self.archive_code.trim().is_empty()
            && self.body.trim().is_empty()
            && self.meeting.is_none()
            && self.delegation.trim().is_empty()
            && self.access.trim().is_empty()
            && self.proposal.is_empty()
    }
}

/// The legal basis for the processing (GDPR art. 6(1)) a municipality
/// chooses; KS ch. 5 points to (e), with a supplementary legal basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    /// Art. 6(1)(e): a task in the public interest or the exercise of
    /// official authority.
    OffentligOppgave,
    /// Art. 6(1)(c): a legal obligation.
    RettsligForpliktelse,
    /// Art. 6(1)(a): consent.
    Samtykke,
    /// Art. 6(1)(f): legitimate interests (not for a public authority's
    /// own tasks).
    BerettigetInteresse,
}

impl LegalBasis {
    /// Every basis, in the order offered.
    pub const ALL: &'static [LegalBasis] = <LegalBasis as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            LegalBasis::OffentligOppgave => {
                "art. 6 nr. 1 bokstav e (allmennhetens interesse / offentlig myndighet)"
            }
            LegalBasis::RettsligForpliktelse => "art. 6 nr. 1 bokstav c (rettslig forpliktelse)",
            LegalBasis::Samtykke => "art. 6 nr. 1 bokstav a (samtykke)",
            LegalBasis::BerettigetInteresse => "art. 6 nr. 1 bokstav f (berettiget interesse)",
        }
    }
}

/// What the assessment describes: KS ch. 2's systematic description, the
/// legal basis chosen, and the data protection officer's advice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Processing {
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub audience: String,
    /// The platform's functions the municipality will use.
    #[serde(default)]
    pub functions: String,
    /// Whose data, and which categories.
    #[serde(default)]
    pub subjects: String,
    #[serde(default)]
    pub volume: String,
    #[serde(default)]
    pub retention: String,
    #[serde(default)]
    pub geography: String,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub basis: Option<LegalBasis>,
    /// The supplementary legal basis in national law (art. 6(3)).
    #[serde(default)]
    pub supplementary_law: String,
    #[serde(default)]
    pub basis_note: String,
    #[serde(default)]
    pub dpo: DpoAdvice,
}

/// The data protection officer's advice on the assessment (art. 35(2)),
/// and whether it was followed, and why (not).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DpoAdvice {
    #[serde(default)]
    pub advice: String,
    #[serde(default, with = "crate::date::optional")]
    pub date: Option<Date>,
    #[serde(default)]
    pub followed: Option<bool>,
    #[serde(default)]
    pub why: String,
}

impl Processing {
    /// The parts of KS ch. 2's description, with their headings, in KS's order.
    pub fn description(&self) -> [(&'static str, &str); 8] {
        [
            ("Formål", &self.purpose),
            ("Målgruppe", &self.audience),
            ("Funksjoner som brukes", &self.functions),
            ("Registrerte og kategorier av opplysninger", &self.subjects),
            ("Omfang", &self.volume),
            ("Lagringstid", &self.retention),
            ("Geografi", &self.geography),
            ("Sammenheng", &self.context),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.description().iter().all(|(_, v)| v.trim().is_empty())
            && self.basis.is_none()
            && self.supplementary_law.trim().is_empty()
            && self.basis_note.trim().is_empty()
            && self.dpo == DpoAdvice::default()
    }
}
