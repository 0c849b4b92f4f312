//! Calendar dates as people in Norway write them, stored as ISO 8601.

use jiff::civil::Date;

/// Reads `2027-01-31`, `31.01.2027` or `31.1.27` (two-digit years are 20xx)
/// and returns the date as `2027-01-31`; anything else, or a day that does
/// not exist, is refused with a message for the user.
pub fn parse(text: &str) -> Result<String, String> {
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
    Ok(date.to_string())
}

/// An optional date field: empty is allowed, anything else must be a date.
pub fn parse_optional(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Ok(String::new())
    } else {
        parse(text)
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, from an RFC 3339 timestamp.
pub fn day_of(rfc3339: &str) -> String {
    rfc3339.chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_ways_people_write_a_date_are_stored_as_iso() {
        assert_eq!(parse("2027-01-31"), Ok("2027-01-31".into()));
        assert_eq!(parse("31.01.2027"), Ok("2027-01-31".into()));
        assert_eq!(parse("31.1.27"), Ok("2027-01-31".into()));
        assert_eq!(parse(" 5.12.2026 "), Ok("2026-12-05".into()));
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
        assert_eq!(parse("29.02.2028"), Ok("2028-02-29".into()));
    }

    #[test]
    fn an_optional_date_may_be_empty() {
        assert_eq!(parse_optional("  "), Ok(String::new()));
        assert!(parse_optional("snart").is_err());
    }
}
