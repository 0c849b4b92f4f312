//! The action plan for other tools: calendar entries (iCalendar, RFC 5545)
//! and a sheet (CSV).

use icalendar::{Calendar, Component, Event, Property};

use crate::plan::action_plan;
use somevett_content::Library;
use somevett_domain::Outcome;
use somevett_domain::date::{Date, Timestamp};

/// `20261123T110000Z`: an instant as iCalendar writes one in UTC.
fn ical_stamp(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// One all-day event per measure with a due date, on that date, and one for
/// the next review. Measures without a due date have no place in a calendar;
/// the count of those left out is returned beside the text.
/// A calendar with no event is refused (RFC 5545 wants at least one), with
/// a message that says why. Each event is transparent (an all-day deadline
/// does not make the day busy) and its UID is the measure's place
/// (`PlanEntry::key`), so a new export updates the entries of the last one
/// instead of adding new ones when a due date or a text changes.
pub fn to_ics(outcome: &Outcome, library: &Library) -> Result<(String, usize), String> {
    let mut cal = Calendar::new();
    let name = if outcome.municipality.is_empty() {
        format!("Tiltaksplan: {}", outcome.title)
    } else {
        format!("Tiltaksplan: {} ({})", outcome.title, outcome.municipality)
    };
    cal.name(&name);
    let stamp = ical_stamp(outcome.updated);
    let plan = action_plan(outcome, library);
    let mut left_out = 0;
    let mut event = |uid: String, date: Date, summary: String, description: String| {
        let mut e = Event::new();
        e.uid(&uid)
            .summary(&summary)
            .description(&description)
            .append_property(
                Property::new("DTSTART", date.strftime("%Y%m%d").to_string())
                    .add_parameter("VALUE", "DATE")
                    .done(),
            );
        e.add_property("DTSTAMP", &stamp);
        e.add_property("TRANSP", "TRANSPARENT");
        cal.push(e.done());
    };
    let mut events = 0;
    for m in &plan {
        let Some(due) = m.due else {
            left_out += 1;
            continue;
        };
        let mut description = vec![format!("Fra: {}", m.origin)];
        if !m.owner.is_empty() {
            description.push(format!("Ansvarlig: {}", m.owner));
        }
        description.push(format!("Status: {}", m.status.label()));
        if let Some(name) = crate::report::measure_source(library, &m.source) {
            description.push(format!("Kilde: {name}"));
        }
        if !m.note.is_empty() {
            description.push(format!("Merknad: {}", m.note));
        }
        description.push(format!("Vurdering: {}", outcome.title));
        event(
            format!(
                "{}-tiltak-{}@somevett",
                uid_part(&outcome.id),
                uid_part(&m.key)
            ),
            due,
            format!("Frist: {}", m.text),
            description.join("\n"),
        );
        events += 1;
    }
    if let Some(review) = outcome.next_review {
        events += 1;
        event(
            format!("{}-gjennomgang@somevett", outcome.id),
            review,
            format!("Ny gjennomgang: {}", outcome.title),
            "Vurderingen av sosiale medier skal gjennomgås igjen.".into(),
        );
    }
    if events == 0 {
        return Err(format!(
            "Kalenderen ville vært tom: ingen av de {left_out} tiltakene har frist, og ingen ny gjennomgang er satt. Sett en frist på et tiltak eller neste gjennomgang først."
        ));
    }
    Ok((cal.done().to_string(), left_out))
}

/// A part of a UID in letters, digits, `.` and `-` only.
fn uid_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Text as a sheet's cell that a spreadsheet shows and never runs: a cell
/// that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be
/// taken for a formula (`=HYPERLINK(…)`), so it gets a leading `'`, as
/// OWASP's advice on CSV injection has it.
pub(crate) fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The action plan as CSV with a header row, semicolon-separated as
/// Norwegian spreadsheets expect, in UTF-8 with a byte order mark so Excel
/// reads «æøå» right.
pub fn to_csv(outcome: &Outcome, library: &Library) -> Result<Vec<u8>, String> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |e: csv::Error| e.to_string();
        w.write_record([
            "Tiltak",
            "Ansvarlig",
            "Frist",
            "Status",
            "Fra",
            "Kilde",
            "Merknad",
        ])
        .map_err(fail)?;
        for m in action_plan(outcome, library) {
            w.write_record([
                &*cell(&m.text),
                &cell(&m.owner),
                &somevett_domain::date::show(m.due),
                m.status.label(),
                &cell(&m.origin),
                &cell(&crate::report::measure_source(library, &m.source).unwrap_or_default()),
                &cell(&m.note),
            ])
            .map_err(fail)?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}
