//! Partial calendar dates: a year, a month of a year, or a day, never more
//! precise than the text that gave them.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

pub const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

pub const WEEKDAYS: [&str; 7] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }
    pub fn month(year: i32, month: u8) -> Self {
        PartialDate { year, month: Some(month), day: None }
    }
    /// A full date, if the day exists in that month.
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(PartialDate { year, month: Some(month), day: Some(day) })
    }

    /// Parses ISO 8601 at any of the three precisions (`2019`, `2019-06`, `2019-06-25`).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let year: i32 = parts.first()?.parse().ok()?;
        if parts[0].len() != 4 {
            return None;
        }
        match parts.len() {
            1 => Some(Self::year(year)),
            2 => {
                let m: u8 = parts[1].parse().ok()?;
                (1..=12).contains(&m).then(|| Self::month(year, m))
            }
            3 => Self::day(year, parts[1].parse().ok()?, parts[2].parse().ok()?),
            _ => None,
        }
    }

    /// Whether the two dates agree at their common precision (`2019` and `2019-06`).
    pub fn compatible(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && match (self.month, other.month) {
                (Some(a), Some(b)) if a != b => false,
                (Some(_), Some(_)) => match (self.day, other.day) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                },
                _ => true,
            }
    }

    /// Number of known components: 1 (year), 2 (month) or 3 (day).
    pub fn precision(&self) -> u8 {
        1 + self.month.is_some() as u8 + self.day.is_some() as u8
    }

    /// The first day this date could stand for, as a sortable key.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// Adds `n` months (negative to go back) to a date known at least to the month.
    pub fn add_months(&self, n: i32) -> PartialDate {
        match self.month {
            None => PartialDate::year(self.year + n.div_euclid(12)),
            Some(m) => {
                let total = self.year * 12 + (m as i32 - 1) + n;
                PartialDate::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
            }
        }
    }

    /// Day of the week, 0 = Monday, for a full date.
    pub fn weekday(&self) -> Option<usize> {
        let (y, m, d) = (self.year, self.month? as i32, self.day? as i32);
        // Sakamoto's method; 0 = Sunday there.
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if m < 3 { y - 1 } else { y };
        let dow = (y + y / 4 - y / 100 + y / 400 + t[(m - 1) as usize] + d).rem_euclid(7);
        Some(((dow + 6) % 7) as usize)
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}
impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{:02}", m)?;
            if let Some(d) = self.day {
                write!(f, "-{:02}", d)?;
            }
        }
        Ok(())
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Month number (1-12) from its English name or three-letter abbreviation.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    // A month's name, or its first three letters (or `sept`), in any case.
    let begins = |m: &str| m.len() >= w.len() && m.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes());
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w) || (w.len() >= 3 && begins(m) && (w.len() == 3 || w.eq_ignore_ascii_case("sept"))))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip_keeps_precision() {
        for s in ["2019", "2019-06", "2019-06-25"] {
            assert_eq!(PartialDate::parse_iso(s).unwrap().to_string(), s);
        }
        assert!(PartialDate::parse_iso("2019-02-30").is_none());
        assert!(PartialDate::parse_iso("19-02").is_none());
    }

    #[test]
    fn weekdays_are_right() {
        // 6 January 2015 was a Tuesday; 1 November 2020 a Sunday.
        assert_eq!(PartialDate::day(2015, 1, 6).unwrap().weekday(), Some(1));
        assert_eq!(PartialDate::day(2020, 11, 1).unwrap().weekday(), Some(6));
    }

    #[test]
    fn compatibility_is_at_common_precision() {
        let y = PartialDate::year(2019);
        let m = PartialDate::month(2019, 6);
        assert!(y.compatible(&m) && m.compatible(&y));
        assert!(!m.compatible(&PartialDate::month(2019, 7)));
        assert_eq!(PartialDate::month(2020, 1).add_months(-2).to_string(), "2019-11");
    }
}
