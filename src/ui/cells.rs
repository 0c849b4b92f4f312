//! Terminal cells from counts and geometry. A terminal is at most
//! `u16::MAX` cells wide or high: a count or a coordinate beyond that is
//! clamped to the edge, never wrapped around as a bare `as` cast would.

/// A count of lines, columns or characters, as cells.
pub fn count(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A coordinate computed in floating point, rounded down to its cell.
pub fn floor(x: f64) -> u16 {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..=u16::MAX first"
    )]
    let cell = x.floor().clamp(0.0, f64::from(u16::MAX)) as u16;
    cell
}

/// A coordinate computed in floating point, rounded to the nearest cell.
pub fn round(x: f64) -> u16 {
    floor(x.round())
}

/// A non-negative quantity computed in floating point, as a whole count.
pub fn whole(x: f64) -> usize {
    usize::from(floor(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_does_not_fit_is_clamped_not_wrapped() {
        assert_eq!(count(70_000), u16::MAX);
        assert_eq!(count(12), 12);
        assert_eq!(floor(-3.5), 0);
        assert_eq!(floor(2.9), 2);
        assert_eq!(round(2.5), 3);
        assert_eq!(floor(1e9), u16::MAX);
        assert_eq!(whole(f64::NAN), 0);
    }
}
