//! Calendar dates for the generator: arithmetic in days and the forms
//! articles and letters write them in.

use std::cmp::Ordering;

pub const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
pub const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl PartialOrd for Ymd {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ymd {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.y, self.m, self.d).cmp(&(other.y, other.m, other.d))
    }
}

impl Ymd {
    pub fn new(y: i32, m: u32, d: u32) -> Ymd {
        Ymd { y, m, d }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days(&self) -> i64 {
        let y = if self.m <= 2 { self.y - 1 } else { self.y } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
        Ymd { y, m, d }
    }

    pub fn add_days(&self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }

    /// 0 = Monday.
    pub fn weekday(&self) -> usize {
        ((self.days() + 3).rem_euclid(7)) as usize
    }

    /// The same day or the next one that is a weekday.
    pub fn to_weekday(&self) -> Ymd {
        match self.weekday() {
            5 => self.add_days(2),
            6 => self.add_days(1),
            _ => *self,
        }
    }

    pub fn month_name(&self) -> &'static str {
        MONTHS[self.m as usize - 1]
    }

    pub fn short_month(&self) -> &'static str {
        &MONTHS[self.m as usize - 1][..3]
    }

    /// `24 April 2018`
    pub fn long(&self) -> String {
        format!("{} {} {}", self.d, self.month_name(), self.y)
    }

    /// `24 April`
    pub fn day_month(&self) -> String {
        format!("{} {}", self.d, self.month_name())
    }

    /// `April 2018`
    pub fn month_year(&self) -> String {
        format!("{} {}", self.month_name(), self.y)
    }

    /// `Monday, 7th December 2020`
    pub fn dateline(&self) -> String {
        format!("{}, {}{} {} {}", WEEKDAYS[self.weekday()], self.d, ordinal_suffix(self.d), self.month_name(), self.y)
    }

    /// `THURSDAY 7 SEPTEMBER 2023`
    pub fn minutes_line(&self) -> String {
        format!("{} {} {} {}", WEEKDAYS[self.weekday()], self.d, self.month_name(), self.y).to_uppercase()
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    pub fn iso_month(&self) -> String {
        format!("{:04}-{:02}", self.y, self.m)
    }

    pub fn iso_year(&self) -> String {
        format!("{:04}", self.y)
    }
}

pub fn ordinal_suffix(d: u32) -> &'static str {
    match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// `first`, `second`, ... for counts up to ten.
pub fn ordinal_word(n: usize) -> &'static str {
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"][n.clamp(1, 10) - 1]
}

/// `two`, `three`, ... for small counts.
pub fn number_word(n: usize) -> String {
    const W: [&str; 13] = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    W.get(n).map_or_else(|| n.to_string(), |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekdays() {
        let d = Ymd::new(2020, 12, 7);
        assert_eq!(Ymd::from_days(d.days()), d);
        assert_eq!(d.weekday(), 0, "7 December 2020 was a Monday");
        assert_eq!(Ymd::new(1970, 1, 1).days(), 0);
        assert_eq!(Ymd::new(2024, 2, 28).add_days(1), Ymd::new(2024, 2, 29));
        assert_eq!(Ymd::new(2023, 12, 31).add_days(1), Ymd::new(2024, 1, 1));
        assert_eq!(d.dateline(), "Monday, 7th December 2020");
        assert_eq!(Ymd::new(2023, 9, 7).minutes_line(), "THURSDAY 7 SEPTEMBER 2023");
    }
}
