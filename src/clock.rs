//! The one clock: the app reads the time here and passes it down (`Ctx::now`,
//! `Ctx::today`), so screens and the domain never read the system clock, and
//! a test sets the time it needs (`Clock::fixed`) and is true on any date.

use jiff::tz::TimeZone;
use somevett_domain::date::{self, Date, Timestamp};

/// Where the time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system's clock, and the user's time zone for dates.
    System,
    /// Always this instant, with dates in UTC: for tests.
    Fixed(Timestamp),
}

/// One reading of a clock, as the record stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// The instant, to the second (stored as `2026-11-23T10:00:00Z`).
    pub stamp: Timestamp,
    /// The calendar date where the user is.
    pub today: Date,
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

    /// Reads the clock once: the stamp and the day agree. The system clock's
    /// day is the local one (the system's time zone, `TZ` honoured), so a
    /// measure due yesterday is overdue right after local midnight.
    pub fn now(self) -> Now {
        let zone = match self {
            Clock::System => TimeZone::system(),
            Clock::Fixed(_) => TimeZone::UTC,
        };
        self.now_in(&zone)
    }

    /// The clock read in `zone`.
    pub fn now_in(self, zone: &TimeZone) -> Now {
        let t = self.timestamp();
        let zone = zone.clone();
        Now {
            // Whole seconds: the stored stamps have never carried fractions.
            stamp: date::whole_seconds(t),
            today: t.to_zoned(zone).date(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round 3 (report.md §4): at 00:30 in Oslo it is already the next day,
    /// whatever UTC says; the time-zone data is built in.
    #[test]
    fn the_day_is_the_local_one() {
        let clock = Clock::fixed("2026-12-07T23:30:00Z");
        let oslo = TimeZone::get("Europe/Oslo").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(clock.now_in(&oslo).today.to_string(), "2026-12-08");
        assert_eq!(clock.now_in(&TimeZone::UTC).today.to_string(), "2026-12-07");
    }

    #[test]
    fn a_fixed_clock_reads_the_same_stamp_and_day() {
        let now = Clock::fixed("2026-11-23T23:30:12.5Z").now();
        assert_eq!(now.stamp.to_string(), "2026-11-23T23:30:12Z");
        assert_eq!(now.today.to_string(), "2026-11-23");
    }

    #[test]
    fn the_system_clock_gives_an_rfc3339_stamp() {
        let now = Clock::System.now();
        let stamp = now.stamp.to_string();
        assert!(stamp.ends_with('Z'), "{stamp}");
        assert_eq!(stamp.len(), 20, "{stamp}");
        assert_eq!(now.today.to_string().len(), 10, "{}", now.today);
    }
}
