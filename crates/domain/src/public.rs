//! What the public reads (issue 27, format 8): the municipality's målform,
//! which the report and the public texts follow, and the few details a
//! page's privacy statement, its comment rules and the record of processing
//! need that the assessment does not hold (contacts, the categories of
//! data, the recipients, where a case goes instead of a comment, when
//! comments are moderated). A detail left empty is a visible «[fyll inn: …]»
//! in the texts, never a guess.

use serde::{Deserialize, Serialize};

/// Bokmål or nynorsk, by the municipality's own language decision
/// (språklova). Quotes from the sources keep their own words.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum Malform {
    #[default]
    Bokmal,
    Nynorsk,
}

impl Malform {
    pub const ALL: &'static [Malform] = <Malform as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            Malform::Bokmal => "bokmål",
            Malform::Nynorsk => "nynorsk",
        }
    }

    /// The language tag for HTML and PDF: `nb` or `nn`.
    pub fn lang(self) -> &'static str {
        match self {
            Malform::Bokmal => "nb",
            Malform::Nynorsk => "nn",
        }
    }

    pub fn is_bokmal(&self) -> bool {
        *self == Malform::Bokmal
    }
}

/// The details the public texts need beyond the assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicInfo {
    #[serde(default, skip_serializing_if = "Malform::is_bokmal")]
    pub malform: Malform,
    /// The controller's contact: address, e-mail, telephone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub controller_contact: String,
    /// The data protection officer's contact (art. 13(1)(b)).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dpo_contact: String,
    /// The categories of personal data the page processes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data_categories: String,
    /// Recipients beyond the municipality and the platform (art. 13(1)(e)).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recipients: String,
    /// Where a citizen sends a case instead of writing it in a comment or a
    /// message (KS advises against case handling in comments).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub case_channel: String,
    /// When comments and messages are read and moderated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub moderation: String,
}

impl PublicInfo {
    pub fn is_empty(&self) -> bool {
        *self == PublicInfo::default()
    }

    /// Every text it holds, to clean once when read from a file.
    pub fn texts_mut(&mut self) -> [&mut String; 6] {
        [
            &mut self.controller_contact,
            &mut self.dpo_contact,
            &mut self.data_categories,
            &mut self.recipients,
            &mut self.case_channel,
            &mut self.moderation,
        ]
    }
}
