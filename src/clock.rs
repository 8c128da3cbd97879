//! Time: now, in the units IMS uses, and the date the end-of-life rules compare with.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// When the run began (the first call, made first thing in `main`): `--max-time` counts from it.
pub fn run_started() -> Instant {
    static STARTED: OnceLock<Instant> = OnceLock::new();
    *STARTED.get_or_init(Instant::now)
}

/// Milliseconds since the epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Seconds since the epoch.
pub fn now_secs() -> u64 {
    now_ms() / 1000
}

/// A calendar day, counted in days since 1970-01-01 (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub i64);

impl Day {
    /// The day of a `YYYY-MM-DD` date.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i64 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self(days_from_civil(year, month, day)))
    }

    /// `const` form for dates written in the code.
    pub const fn ymd(year: i64, month: u32, day: u32) -> Self {
        Self(days_from_civil(year, month, day))
    }

    /// Days from `self` until `later` (negative when `later` is before).
    pub fn until(self, later: Day) -> i64 {
        later.0 - self.0
    }
}

/// Today, by the system clock.
pub fn today() -> Day {
    Day(i64::try_from(now_secs() / 86_400).unwrap_or(i64::MAX))
}

const fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

const fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_after_the_end_of_jwt() {
        assert!(today() > Day::ymd(2026, 1, 1));
    }

    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(Day::parse("1970-01-01"), Some(Day(0)));
        assert_eq!(Day::parse("2026-03-01"), Some(Day(20_513)));
        assert_eq!(Day::ymd(2026, 3, 1).until(Day::ymd(2026, 3, 31)), 30);
        assert_eq!(Day::parse("2024-02-29").map(|d| d.0), Some(19_782));
        for bad in ["2025-02-29", "2026-13-01", "2026-1", "soon", "2026-04-31"] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }
}
