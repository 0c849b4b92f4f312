//! The one clock: the app reads the time here and passes it down (`Ctx::now`,
//! `Ctx::today`), so screens and the domain never read the system clock, and
//! a test sets the time it needs (`Clock::fixed`) and is true on any date.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Where the time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system's clock, and the user's time zone for dates.
    System,
    /// Always this instant, with dates in UTC: for tests.
    Fixed(Timestamp),
}

/// One reading of a clock, in the forms the record stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Now {
    /// RFC 3339 in UTC, to the second: `2026-11-23T10:00:00Z`.
    pub stamp: String,
    /// The calendar date where the user is: `2026-11-23`.
    pub today: String,
}

impl Clock {
    /// A fixed clock at `rfc3339`; a value that does not parse is the Unix
    /// epoch, so a test with a typo shows a date nobody expects.
    pub fn fixed(rfc3339: &str) -> Self {
        Clock::Fixed(rfc3339.parse().unwrap_or(Timestamp::UNIX_EPOCH))
    }

    pub fn timestamp(self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(t) => t,
        }
    }

    /// Reads the clock once: the stamp and the day agree.
    pub fn now(self) -> Now {
        let t = self.timestamp();
        let zone = match self {
            Clock::System => TimeZone::system(),
            Clock::Fixed(_) => TimeZone::UTC,
        };
        Now {
            stamp: stamp(t),
            today: t.to_zoned(zone).date().to_string(),
        }
    }
}

/// RFC 3339 in UTC, to the second.
pub fn stamp(t: Timestamp) -> String {
    // Whole seconds: the stored stamps have never carried fractions.
    let seconds = Timestamp::from_second(t.as_second()).unwrap_or(t);
    seconds.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_reads_the_same_stamp_and_day() {
        let now = Clock::fixed("2026-11-23T23:30:12.5Z").now();
        assert_eq!(now.stamp, "2026-11-23T23:30:12Z");
        assert_eq!(now.today, "2026-11-23");
    }

    #[test]
    fn the_system_clock_gives_an_rfc3339_stamp() {
        let now = Clock::System.now();
        assert!(now.stamp.ends_with('Z'), "{}", now.stamp);
        assert_eq!(now.stamp.len(), 20, "{}", now.stamp);
        assert_eq!(now.today.len(), 10, "{}", now.today);
    }
}
