//! The report's words in the outcome's målform (issue 27). Bokmål is the
//! text as the code and `data/*.ron` write it; nynorsk comes from a
//! translation table keyed by that bokmål text (`data/nn/*.ron`), as
//! gettext keys its catalogue by the source language's string. A text the
//! table lacks stays in bokmål and is remembered, so the export can say
//! which, and the tests can hold the embedded data to none.
//!
//! Templates name their values: `"Runde {n}"` with `("n", &2)`.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Display;

use crate::public::Malform;

/// Bokmål text to nynorsk, both with their whitespace folded to single
/// spaces (a text broken over lines in a RON file is the same text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    nynorsk: HashMap<String, String>,
}

/// Whitespace folded: the key both the table and a lookup use.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Catalogue {
    /// Adds `nb` → `nn`; returns the nynorsk it had for `nb` when that
    /// differs (a table that says two things of one text).
    pub fn insert(&mut self, nb: &str, nn: &str) -> Option<String> {
        let nn = nn.trim().to_owned();
        match self.nynorsk.insert(fold(nb), nn.clone()) {
            Some(before) if before != nn => Some(before),
            _ => None,
        }
    }

    /// The nynorsk of `nb`, if the table has it.
    pub fn get(&self, nb: &str) -> Option<&str> {
        // Most texts are asked for as the table writes them.
        self.nynorsk
            .get(nb)
            .or_else(|| self.nynorsk.get(&fold(nb)))
            .map(String::as_str)
    }

    /// Another table's texts over these.
    pub fn merge(&mut self, other: Catalogue) {
        self.nynorsk.extend(other.nynorsk);
    }

    pub fn len(&self) -> usize {
        self.nynorsk.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nynorsk.is_empty()
    }
}

/// Words in one målform. Bokmål needs no table; nynorsk reads tables, the
/// first that has a text giving it (a pack's own over the embedded).
#[derive(Debug)]
pub struct Words<'a> {
    malform: Malform,
    catalogues: Vec<&'a Catalogue>,
    /// The bokmål texts asked for in nynorsk that the table lacks.
    missing: RefCell<BTreeSet<String>>,
}

impl Words<'static> {
    /// Bokmål: every text as written.
    pub fn bokmal() -> Self {
        Words {
            malform: Malform::Bokmal,
            catalogues: Vec::new(),
            missing: RefCell::default(),
        }
    }
}

impl<'a> Words<'a> {
    /// Words in `malform`, nynorsk from the first of `catalogues` that has
    /// a text.
    pub fn layered(malform: Malform, catalogues: Vec<&'a Catalogue>) -> Self {
        Words {
            malform,
            catalogues,
            missing: RefCell::default(),
        }
    }

    pub fn malform(&self) -> Malform {
        self.malform
    }

    /// `nb` in this målform: a fixed text, a label or a text from the
    /// content. In nynorsk without an entry, `nb` itself (remembered).
    pub fn t(&self, nb: &str) -> String {
        if self.malform == Malform::Bokmal || nb.trim().is_empty() {
            return nb.to_owned();
        }
        match self.catalogues.iter().find_map(|c| c.get(nb)) {
            // With the space the text begins or ends with (« av {who}»).
            Some(nn) => {
                let before = &nb[..nb.len() - nb.trim_start().len()];
                let after = &nb[nb.trim_end().len()..];
                format!("{before}{nn}{after}")
            }
            None => {
                self.missing.borrow_mut().insert(fold(nb));
                nb.to_owned()
            }
        }
    }

    /// The template `nb` in this målform with each `{name}` filled in.
    pub fn f(&self, nb: &str, values: &[(&str, &dyn Display)]) -> String {
        let mut text = self.t(nb);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// One or many: `one` when `n` is 1, else `many` (both templates may
    /// use `{n}`).
    pub fn count(&self, n: usize, one: &str, many: &str) -> String {
        self.f(if n == 1 { one } else { many }, &[("n", &n)])
    }

    /// The bokmål texts asked for in nynorsk that the table lacks, folded.
    pub fn missing(&self) -> Vec<String> {
        self.missing.borrow().iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Catalogue {
        let mut c = Catalogue::default();
        assert_eq!(
            c.insert(
                "Ingen tiltak er registrert.",
                "Ingen tiltak er registrerte."
            ),
            None
        );
        assert_eq!(c.insert("Runde {n}", "Runde {n}"), None);
        c
    }

    #[test]
    fn bokmal_is_the_text_as_written_and_misses_nothing() {
        let w = Words::bokmal();
        assert_eq!(
            w.t("Ingen tiltak er registrert."),
            "Ingen tiltak er registrert."
        );
        assert_eq!(w.f("Runde {n}", &[("n", &2)]), "Runde 2");
        assert!(w.missing().is_empty());
    }

    #[test]
    fn nynorsk_reads_the_table_by_the_bokmal_text_with_whitespace_folded() {
        let c = table();
        let w = Words::layered(Malform::Nynorsk, vec![&c]);
        assert_eq!(
            w.t("Ingen tiltak\n   er registrert."),
            "Ingen tiltak er registrerte."
        );
        assert_eq!(w.f("Runde {n}", &[("n", &3)]), "Runde 3");
        assert_eq!(w.f(" Runde {n}", &[("n", &3)]), " Runde 3");
        assert!(w.missing().is_empty());
    }

    #[test]
    fn the_first_table_that_has_a_text_gives_it() {
        let base = table();
        let mut own = Catalogue::default();
        own.insert("Runde {n}", "Omgang {n}");
        let w = Words::layered(Malform::Nynorsk, vec![&own, &base]);
        assert_eq!(w.f("Runde {n}", &[("n", &1)]), "Omgang 1");
        assert_eq!(
            w.t("Ingen tiltak er registrert."),
            "Ingen tiltak er registrerte."
        );
    }

    #[test]
    fn a_text_the_table_lacks_stays_bokmal_and_is_remembered() {
        let c = table();
        let w = Words::layered(Malform::Nynorsk, vec![&c]);
        assert_eq!(w.t("Hva gjør du?"), "Hva gjør du?");
        assert_eq!(w.t(""), "");
        assert_eq!(w.missing(), vec!["Hva gjør du?".to_owned()]);
    }

    #[test]
    fn a_table_that_says_two_things_of_one_text_is_told() {
        let mut c = table();
        assert_eq!(
            c.insert("Runde {n}", "Omgang {n}"),
            Some("Runde {n}".to_owned())
        );
        assert_eq!(c.insert("Runde {n}", "Omgang {n}"), None);
    }

    #[test]
    fn count_takes_one_or_many() {
        let w = Words::bokmal();
        assert_eq!(w.count(1, "1 risiko", "{n} risikoer"), "1 risiko");
        assert_eq!(w.count(3, "1 risiko", "{n} risikoer"), "3 risikoer");
    }
}
