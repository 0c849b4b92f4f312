//! The action plan for other tools: calendar entries (iCalendar, RFC 5545)
//! and a sheet (CSV).

use icalendar::{Calendar, Component, Event, Property};

use crate::plan::action_plan_in;
use somevett_content::Library;
use somevett_domain::Outcome;
use somevett_domain::date::{Date, Timestamp};
use somevett_domain::public::Malform;
use somevett_domain::risk::MeasureStatus;

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
    // The plan's own words follow the outcome's målform (issue 27).
    let malform = outcome.public.malform;
    let t = |key: &str, values: &[(&str, &str)]| library.public.fill(key, malform, values);
    let mut cal = Calendar::new();
    let name = if outcome.municipality.is_empty() {
        t("plan.kalender", &[("tittel", &outcome.title)])
    } else {
        t(
            "plan.kalender.kommune",
            &[
                ("tittel", &outcome.title),
                ("kommune", &outcome.municipality),
            ],
        )
    };
    cal.name(&name);
    let stamp = ical_stamp(outcome.updated);
    let plan = action_plan_in(outcome, library, malform);
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
        let label = |key: &str, value: &str| format!("{}: {value}", t(key, &[]));
        let mut description = vec![label("plan.h.fra", &m.origin)];
        if !m.owner.is_empty() {
            description.push(label("plan.h.ansvarlig", &m.owner));
        }
        description.push(label(
            "plan.h.status",
            &status_label(library, malform, m.status),
        ));
        if let Some(name) =
            crate::report::measure_source(library, &m.source, &library.words(malform))
        {
            description.push(label("plan.h.kilde", &name));
        }
        if !m.note.is_empty() {
            description.push(label("plan.h.merknad", &m.note));
        }
        description.push(label("plan.h.vurdering", &outcome.title));
        event(
            format!(
                "{}-tiltak-{}@somevett",
                uid_part(&outcome.id),
                uid_part(&m.key)
            ),
            due,
            label("plan.h.frist", &m.text),
            description.join("\n"),
        );
        events += 1;
    }
    if let Some(review) = outcome.next_review {
        events += 1;
        event(
            format!("{}-gjennomgang@somevett", outcome.id),
            review,
            t("plan.gjennomgang", &[("tittel", &outcome.title)]),
            t("plan.gjennomgang.tekst", &[]),
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

/// A measure's status in `malform`.
fn status_label(library: &Library, malform: Malform, status: MeasureStatus) -> String {
    library.public.get(
        match status {
            MeasureStatus::Apen => "status.apen",
            MeasureStatus::Pagar => "status.pagar",
            MeasureStatus::Gjennomfort => "status.gjennomfort",
        },
        malform,
    )
}

/// The action plan as CSV with a header row, semicolon-separated as
/// Norwegian spreadsheets expect, in UTF-8 with a byte order mark so Excel
/// reads «æøå» right.
pub fn to_csv(outcome: &Outcome, library: &Library) -> Result<Vec<u8>, String> {
    // The headings and the plan's own words follow the outcome's målform.
    let malform = outcome.public.malform;
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |e: csv::Error| e.to_string();
        let t = |key: &str| library.public.get(key, malform);
        w.write_record([
            t("plan.h.tiltak"),
            t("plan.h.ansvarlig"),
            t("plan.h.frist"),
            t("plan.h.status"),
            t("plan.h.fra"),
            t("plan.h.kilde"),
            t("plan.h.merknad"),
        ])
        .map_err(fail)?;
        for m in action_plan_in(outcome, library, malform) {
            w.write_record([
                &*cell(&m.text),
                &cell(&m.owner),
                &somevett_domain::date::show(m.due),
                &status_label(library, malform, m.status),
                &cell(&m.origin),
                &cell(
                    &crate::report::measure_source(library, &m.source, &library.words(malform))
                        .unwrap_or_default(),
                ),
                &cell(&m.note),
            ])
            .map_err(fail)?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}
