//! The Markdown report: everything recorded, readable by management without the app.

use crate::domain::Outcome;

/// The whole outcome as a Markdown document.
pub fn to_markdown(outcome: &Outcome) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", escape(&outcome.title)));
    out.push_str("Vurdering av kommunens bruk av sosiale medier, dokumentert med somevett.\n\n");
    out.push_str("| | |\n|---|---|\n");
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "–".to_owned()
        } else {
            escape(s)
        }
    };
    out.push_str(&format!(
        "| Kommune | {} |\n",
        or_dash(&outcome.municipality)
    ));
    out.push_str(&format!("| Enhet | {} |\n", or_dash(&outcome.unit)));
    out.push_str(&format!(
        "| Plattformer | {} |\n",
        or_dash(&outcome.platforms.join(", "))
    ));
    out.push_str(&format!("| Opprettet | {} |\n", escape(&outcome.created)));
    out.push_str(&format!("| Sist endret | {} |\n", escape(&outcome.updated)));
    out.push_str(&format!("| Id | {} |\n\n", escape(&outcome.id)));

    out.push_str("## Deltakere\n\n");
    if outcome.participants.is_empty() {
        out.push_str("Ingen deltakere er registrert.\n\n");
    } else {
        out.push_str("| Rolle | Navn |\n|---|---|\n");
        for p in &outcome.participants {
            out.push_str(&format!("| {} | {} |\n", p.role.label(), or_dash(&p.name)));
        }
        out.push('\n');
    }

    out.push_str("## Notater\n\n");
    if outcome.notes.trim().is_empty() {
        out.push_str("Ingen notater.\n");
    } else {
        for line in outcome.notes.lines() {
            out.push_str(&escape(line));
            out.push_str("  \n");
        }
    }
    out
}

/// Keeps typed text from turning into Markdown structure (tables, headings, HTML).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '|' | '\\' | '<' | '>' | '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Participant, Role};

    #[test]
    fn report_lists_metadata_participants_and_notes() {
        let mut o = Outcome::new(
            "id-1".into(),
            "Skolens Instagram".into(),
            "2026-11-23T08:00:00Z".into(),
        );
        o.municipality = "Meråker".into();
        o.platforms = vec!["Instagram".into(), "Facebook".into()];
        o.participants = vec![Participant {
            role: Role::Personvernombud,
            name: "Kari".into(),
        }];
        o.notes = "Første linje\n| ikke en tabell |".into();
        let md = to_markdown(&o);
        assert!(md.starts_with("# Skolens Instagram\n"));
        assert!(md.contains("| Kommune | Meråker |"));
        assert!(md.contains("| Plattformer | Instagram, Facebook |"));
        assert!(md.contains("| personvernombud | Kari |"));
        assert!(md.contains("\\| ikke en tabell \\|"));
    }
}
