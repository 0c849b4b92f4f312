//! Dates and instants in the record. A day (a due date, a review date, a
//! decision's date) is a `jiff::civil::Date`; an instant (created, updated,
//! corrected) is a `jiff::Timestamp`. Both are stored as ISO 8601 text:
//! `2027-01-31` and `2026-11-23T10:00:00Z`. People in Norway write days in
//! more ways than one, and `parse` reads them.

pub use jiff::Timestamp;
pub use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Reads `2027-01-31`, `31.01.2027` or `31.1.27` (two-digit years are 20xx)
/// and returns the date; anything else, or a day that does not exist, is
/// refused with a message for the user.
pub fn parse(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let refuse = || format!("«{text}» er ikke en dato: skriv ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ.");
    let numbers = |parts: Vec<&str>| -> Option<Vec<u32>> {
        parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let (year, month, day) = if text.contains('-') {
        let parts: Vec<&str> = text.split('-').collect();
        match (parts.as_slice(), numbers(parts.clone())) {
            ([y, m, d], Some(n)) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                (n[0], n[1], n[2])
            }
            _ => return Err(refuse()),
        }
    } else {
        let parts: Vec<&str> = text.split('.').collect();
        match (parts.as_slice(), numbers(parts.clone())) {
            ([d, m, y], Some(n)) if d.len() <= 2 && m.len() <= 2 => match y.len() {
                4 => (n[2], n[1], n[0]),
                2 => (2000 + n[2], n[1], n[0]),
                _ => return Err(refuse()),
            },
            _ => return Err(refuse()),
        }
    };
    let date = i16::try_from(year)
        .ok()
        .zip(i8::try_from(month).ok())
        .zip(i8::try_from(day).ok())
        .and_then(|((y, m), d)| Date::new(y, m, d).ok())
        .ok_or_else(|| format!("{text} finnes ikke i kalenderen."))?;
    Ok(date)
}

/// An optional date field: empty is no date, anything else must be a date.
pub fn parse_optional(text: &str) -> Result<Option<Date>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}

/// An optional date as a form or a table shows it: ISO, or empty.
pub fn show(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The day (UTC) an instant falls on, as the record has always shown it.
pub fn day_of(t: Timestamp) -> Date {
    t.to_zoned(TimeZone::UTC).date()
}

/// An instant as the record stores it: RFC 3339 in UTC, to the second.
pub fn whole_seconds(t: Timestamp) -> Timestamp {
    Timestamp::from_second(t.as_second()).unwrap_or(t)
}

/// Serde for an optional day, stored as `""` when there is none and as
/// `YYYY-MM-DD` when there is one: the text outcome files have always held,
/// so a file stays readable by the versions before dates were typed.
/// Anything else is refused when read, with the text in the message.
pub mod optional {
    use super::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::show(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        text.trim()
            .parse::<Date>()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("«{text}» er ikke en dato (ÅÅÅÅ-MM-DD)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_ways_people_write_a_date_are_one_date() {
        let day = jiff::civil::date(2027, 1, 31);
        assert_eq!(parse("2027-01-31"), Ok(day));
        assert_eq!(parse("31.01.2027"), Ok(day));
        assert_eq!(parse("31.1.27"), Ok(day));
        assert_eq!(parse(" 5.12.2026 "), Ok(jiff::civil::date(2026, 12, 5)));
        assert_eq!(day.to_string(), "2027-01-31");
    }

    #[test]
    fn what_the_audit_typed_is_refused() {
        for bad in [
            "2026-11-2305.12.2026",
            "snart",
            "2027-13-45",
            "29.02.2027",
            "31.04.2027",
            "",
            "1.1.1",
            "2027-1",
            "+2027-01-01",
        ] {
            assert!(parse(bad).is_err(), "{bad} must be refused");
        }
        assert_eq!(parse("29.02.2028"), Ok(jiff::civil::date(2028, 2, 29)));
    }

    #[test]
    fn an_optional_date_may_be_empty() {
        assert_eq!(parse_optional("  "), Ok(None));
        assert!(parse_optional("snart").is_err());
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Due {
        #[serde(with = "optional")]
        due: Option<Date>,
    }

    #[test]
    fn an_optional_day_is_stored_as_the_text_files_have_always_held() {
        let some = Due {
            due: Some(jiff::civil::date(2027, 1, 31)),
        };
        assert_eq!(
            ron::to_string(&some).ok().as_deref(),
            Some("(due:\"2027-01-31\")")
        );
        assert_eq!(
            ron::to_string(&Due { due: None }).ok().as_deref(),
            Some("(due:\"\")")
        );
        assert_eq!(
            ron::from_str::<Due>("(due: \"2027-01-31\")").ok(),
            Some(some)
        );
        assert_eq!(
            ron::from_str::<Due>("(due: \" \")").ok(),
            Some(Due { due: None })
        );
        let err = ron::from_str::<Due>("(due: \"snart\")")
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("«snart» er ikke en dato")));
    }

    #[test]
    fn an_instant_falls_on_its_utc_day() {
        let t: Timestamp = "2026-11-23T23:30:12.5Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(day_of(t), jiff::civil::date(2026, 11, 23));
        assert_eq!(whole_seconds(t).to_string(), "2026-11-23T23:30:12Z");
    }
}
