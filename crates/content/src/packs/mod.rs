//! The packs that replace embedded content, one module each: scales, risks,
//! the wheel, and the two checklists. Each is a `Pack`: a file name in a
//! `--data` folder, an embedded copy, and one function that parses,
//! sanitises and validates it. Adding a kind is a module here, its
//! `impl Pack`, its file in `data/`, and one line in `Library::load_cached`.

mod checklists;
mod risks;
mod scales;
mod wheel;

use std::path::Path;

use somevett_domain::checklist::{AssessmentChecklist, DilemmaCatalog};
use somevett_domain::risk::{RiskCatalog, Scales};
use somevett_domain::wheel::Wheel;

use crate::{
    ASSESSMENT_FILE, DILEMMAS_FILE, EMBEDDED_ASSESSMENT, EMBEDDED_DILEMMAS, EMBEDDED_RISKS,
    EMBEDDED_SCALES, EMBEDDED_WHEEL, Library, LocatedError, RISKS_FILE, SCALES_FILE, WHEEL_FILE,
    read_optional,
};

/// One kind of pack that replaces embedded content.
pub trait Pack: Sized {
    /// Its file in a `--data` folder, e.g. `risks.ron`.
    const FILE: &'static str;
    /// The embedded copy: the name it is shown by, and its text.
    const EMBEDDED: (&'static str, &'static str);

    /// Parses, sanitises and validates `text`, recording every problem with
    /// its place. `library` is given for a pack from a `--data` folder: the
    /// guideline items it cites must be loaded. (The embedded ones cite
    /// embedded items, which the tests keep true, and a pack may replace
    /// those documents.)
    fn parse(
        file: &str,
        text: &str,
        library: Option<&Library>,
        errors: &mut Vec<LocatedError>,
    ) -> Option<Self>;

    /// The pack from `dir` when it has one, else the embedded copy.
    fn load(dir: Option<&Path>, library: &Library, errors: &mut Vec<LocatedError>) -> Option<Self> {
        let own = dir.and_then(|d| read_optional(&d.join(Self::FILE), errors));
        let (file, text) = own
            .as_ref()
            .map_or(Self::EMBEDDED, |(f, t)| (f.as_str(), t.as_str()));
        Self::parse(file, text, own.is_some().then_some(library), errors)
    }
}

impl Pack for Scales {
    const FILE: &'static str = SCALES_FILE;
    const EMBEDDED: (&'static str, &'static str) = EMBEDDED_SCALES;

    fn parse(
        file: &str,
        text: &str,
        _library: Option<&Library>,
        errors: &mut Vec<LocatedError>,
    ) -> Option<Self> {
        scales::parse_scales(file, text, errors)
    }
}

impl Pack for RiskCatalog {
    const FILE: &'static str = RISKS_FILE;
    const EMBEDDED: (&'static str, &'static str) = EMBEDDED_RISKS;

    fn parse(
        file: &str,
        text: &str,
        library: Option<&Library>,
        errors: &mut Vec<LocatedError>,
    ) -> Option<Self> {
        risks::parse_risks(file, text, library, errors)
    }
}

impl Pack for Wheel {
    const FILE: &'static str = WHEEL_FILE;
    const EMBEDDED: (&'static str, &'static str) = EMBEDDED_WHEEL;

    fn parse(
        file: &str,
        text: &str,
        _library: Option<&Library>,
        errors: &mut Vec<LocatedError>,
    ) -> Option<Self> {
        wheel::parse_wheel(file, text, errors)
    }
}

impl Pack for DilemmaCatalog {
    const FILE: &'static str = DILEMMAS_FILE;
    const EMBEDDED: (&'static str, &'static str) = EMBEDDED_DILEMMAS;

    fn parse(
        file: &str,
        text: &str,
        library: Option<&Library>,
        errors: &mut Vec<LocatedError>,
    ) -> Option<Self> {
        checklists::parse_dilemmas(file, text, library, errors)
    }
}

impl Pack for AssessmentChecklist {
    const FILE: &'static str = ASSESSMENT_FILE;
    const EMBEDDED: (&'static str, &'static str) = EMBEDDED_ASSESSMENT;

    fn parse(
        file: &str,
        text: &str,
        library: Option<&Library>,
        errors: &mut Vec<LocatedError>,
    ) -> Option<Self> {
        checklists::parse_assessment(file, text, library, errors)
    }
}
