//! `dilemmas.ron` and `assessment.ron`: the dilemma checklists and KS's
//! assessment, and what their questions must hold.

use crate::*;

pub(crate) fn parse_dilemmas(
    file: &str,
    text: &str,
    library: Option<&Library>,
    errors: &mut Vec<LocatedError>,
) -> Option<DilemmaCatalog> {
    let mut catalog: DilemmaCatalog = parse_ron(file, text, errors)?;
    sanitize_in_place(&mut catalog.source);
    for kind in &mut catalog.kinds {
        for t in [&mut kind.name, &mut kind.description, &mut kind.example] {
            sanitize_in_place(t);
        }
        kind.questions.iter_mut().for_each(sanitize_question);
    }
    let before = errors.len();
    let mut ids = HashSet::new();
    for kind in &catalog.kinds {
        let complete = !kind.name.trim().is_empty() && !kind.description.trim().is_empty();
        let group = QuestionGroup {
            id: &kind.id,
            complete,
            what: "dilemmaet",
            missing: "navn eller beskrivelse",
        };
        group.check(file, text, &mut ids, &kind.questions, library, errors);
    }
    (errors.len() == before).then_some(catalog)
}

pub(crate) fn parse_assessment(
    file: &str,
    text: &str,
    library: Option<&Library>,
    errors: &mut Vec<LocatedError>,
) -> Option<AssessmentChecklist> {
    let mut checklist: AssessmentChecklist = parse_ron(file, text, errors)?;
    sanitize_in_place(&mut checklist.source);
    for section in &mut checklist.sections {
        sanitize_in_place(&mut section.title);
        sanitize_in_place(&mut section.chapter);
        section.items.iter_mut().for_each(sanitize_question);
    }
    let before = errors.len();
    let mut ids = HashSet::new();
    for section in &checklist.sections {
        let complete = !section.title.trim().is_empty() && !section.chapter.trim().is_empty();
        let group = QuestionGroup {
            id: &section.id,
            complete,
            what: "delen",
            missing: "tittel eller kapittel",
        };
        group.check(file, text, &mut ids, &section.items, library, errors);
    }
    (errors.len() == before).then_some(checklist)
}

/// A dilemma kind or an assessment section, as far as validation goes.
pub(crate) struct QuestionGroup<'a> {
    id: &'a str,
    /// Whether its own texts (name, description, title ...) are filled in.
    complete: bool,
    what: &'static str,
    missing: &'static str,
}

impl<'a> QuestionGroup<'a> {
    fn check(
        &self,
        file: &str,
        text: &str,
        ids: &mut HashSet<&'a str>,
        questions: &[Question],
        library: Option<&Library>,
        errors: &mut Vec<LocatedError>,
    ) {
        if !is_valid_id(self.id) || !ids.insert(self.id) {
            locate(
                errors,
                file,
                text,
                self.id,
                format!("ugyldig eller dobbel id «{}»", self.id),
            );
        }
        if !self.complete {
            locate(
                errors,
                file,
                text,
                self.id,
                format!("{} «{}» mangler {}", self.what, self.id, self.missing),
            );
        }
        check_questions(file, text, self.id, questions, library, errors);
    }
}

pub(crate) fn sanitize_question(q: &mut Question) {
    sanitize_in_place(&mut q.text);
    sanitize_in_place(&mut q.source);
}

pub(crate) fn locate(
    errors: &mut Vec<LocatedError>,
    file: &str,
    text: &str,
    needle: &str,
    message: String,
) {
    let at = find_literal(text, needle, 0).unwrap_or(0);
    errors.push(LocatedError::new(file, line_col(text, at), message));
}

/// Ids, texts and sources of a list of questions; cited guideline items must
/// exist when `library` is given.
pub(crate) fn check_questions(
    file: &str,
    text: &str,
    owner: &str,
    questions: &[Question],
    library: Option<&Library>,
    errors: &mut Vec<LocatedError>,
) {
    let mut ids = HashSet::new();
    let owner_at = find_literal(text, owner, 0).unwrap_or(0);
    for q in questions {
        let at = find_literal(text, &q.id, owner_at).unwrap_or(owner_at);
        let mut err =
            |message: String| errors.push(LocatedError::new(file, line_col(text, at), message));
        if !is_valid_id(&q.id) || !ids.insert(q.id.as_str()) {
            err(format!(
                "ugyldig eller dobbel spørsmåls-id «{}» i «{owner}»",
                q.id
            ));
        }
        if q.text.trim().is_empty() {
            err(format!("spørsmålet «{owner}.{}» har tom tekst", q.id));
        }
        if q.source.trim().is_empty() {
            err(format!("spørsmålet «{owner}.{}» mangler kilde", q.id));
        }
        for g in &q.guidelines {
            if library.is_some_and(|l| l.find(g).is_none()) {
                err(format!(
                    "spørsmålet «{owner}.{}» viser til ukjent retningslinje «{g}»",
                    q.id
                ));
            }
        }
    }
    if questions.is_empty() {
        locate(
            errors,
            file,
            text,
            owner,
            format!("«{owner}» har ingen spørsmål"),
        );
    }
}
