//! Date expressions in text, resolved against a reference date to ISO 8601 at
//! the precision the words support and never finer.
//!
//! `24 April 2018` is a day, `June 2019` a month, `autumn 2019` and `two years
//! ago` a year; `in October` and `last month` need the reference (the
//! document's date) and are dropped without one.

use crate::date::{month_number, PartialDate};
use super::gate::Gate;
use crate::schema::{re, re_cs, Pattern};
use std::sync::OnceLock;

/// A date found in text: its span (in the text searched) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
    /// Resolved through the reference date rather than stated in full.
    pub relative: bool,
}

/// Month names as written in prose, and in capitals as datelines print them (`5 JUL 2023`).
const MONTH: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?";
const SEASON_YEAR: &str = r"\b(?:(?:the\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?|(?:the\s+)?(?:start|end|beginning|middle)\s+of)\s+((?:19|20)\d\d)\b";
const RELATIVE_UNIT: &str = r"\b(this|last|next|the previous|the following)\s+(year|month|spring|summer|autumn|winter)\b";
const AGO: &str = r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(years?|months?)\s+ago\b";
const TODAY: &str = r"\b(today|this week|yesterday)\b";
const MONTH_STARTS: [&str; 24] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const NUMBER_WORDS: [&str; 11] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

struct Patterns {
    /// `25 April to 6 May 2022`, `11 to 15 September 2023`: the first day.
    day_range: Pattern,
    /// `2023-03-12`, and the British `12/03/2023`.
    numeric: Pattern,
    day_month_year: Pattern,
    month_day_year: Pattern,
    month_year: Pattern,
    season_year: Pattern,
    relative_unit: Pattern,
    ago: Pattern,
    bare_month: Pattern,
    /// `on 1 April`, `from September 6`: a day whose year the reference gives.
    day_month: Pattern,
    /// `2-3 November`, `on 14 to 16 May`: the first day, its year from the reference.
    day_range_bare: Pattern,
    today: Pattern,
    year: Pattern,
    future_cue: Pattern,
    /// The first three letters of every month's name as `MONTH` writes it
    /// (`Jan`, `Sep`, `JAN`): a text without any has no date that names a month.
    month_start: aho_corasick::AhoCorasick,
    /// The words of `season_year`, `relative_unit`, `ago` and `today`, in that order.
    words: Gate,
}

/// Compiles this extractor's patterns now, rather than at first use.
pub(crate) fn warm_up() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        numeric: re_cs(r"\b(?:((?:19|20)\d\d)-(\d{2})-(\d{2})|(\d{1,2})/(\d{1,2})/((?:19|20)\d\d))\b"),
        day_range: re_cs(&format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+{MONTH})?\s*(?:-|to|and|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\s*,?\s+((?:19|20)\d\d)\b")),
        day_month_year: re_cs(&format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s*,?\s+((?:19|20)\d\d)\b")),
        month_day_year: re_cs(&format!(r"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")),
        month_year: re_cs(&format!(r"\b{MONTH},?\s+((?:19|20)\d\d)\b")),
        season_year: re(SEASON_YEAR),
        relative_unit: re(RELATIVE_UNIT),
        ago: re(AGO),
        day_month: re_cs(&format!(r"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}|{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?)\b")),
        day_range_bare: re_cs(&format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|to|and|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:\s|$|[.,;:)])")),
        bare_month: re_cs(&format!(r"\b{MONTH}\b(\s+this\s+year|\s+last\s+year|\s+next\s+year)?")),
        today: re(TODAY),
        year: re_cs(r"\b((?:19[5-9]|20[0-4])\d)\b"),
        future_cue: re(r"\b(will|due|expected|by the end of|planned|proposed|deadline|until|next)\b"),
        month_start: aho_corasick::AhoCorasick::new(MONTH_STARTS).expect("the months' first letters make an automaton"),
        words: Gate::new([SEASON_YEAR, RELATIVE_UNIT, AGO, TODAY]),
    })
}

/// Every date in `text`, left to right, without overlaps. `reference` anchors
/// relative expressions; `base` is added to every offset.
pub fn find_dates(text: &str, base: usize, reference: Option<PartialDate>) -> Vec<DateMention> {
    find(text, base, reference, false)
}

/// The dates of `find_dates(text, 0, None)` known to the month or the day,
/// found without the patterns of those known only to the year (`autumn
/// 2019`, `2019`), which come last and so never take a span from them: what
/// a whole document's dates are read for (its latest stated month).
pub fn find_month_dates(text: &str) -> Vec<DateMention> {
    find(text, 0, None, true).into_iter().filter(|d| d.date.month.is_some()).collect()
}

fn find(text: &str, base: usize, reference: Option<PartialDate>, months_only: bool) -> Vec<DateMention> {
    let p = patterns();
    let mut found: Vec<DateMention> = Vec::new();
    let free = |found: &Vec<DateMention>, s: usize, e: usize| {
        found.iter().all(|m| e <= m.start - base || s >= m.end - base)
    };
    let push = |found: &mut Vec<DateMention>, s: usize, e: usize, date: Option<PartialDate>, relative: bool| {
        if let Some(date) = date {
            if free(found, s, e) {
                found.push(DateMention { start: base + s, end: base + e, date, relative });
            }
        }
    };
    // Every pattern but the relative ones needs a number, and a number that
    // is not ASCII never parses: a text without ASCII digits skips them.
    let numbered = if text.bytes().any(|b| b.is_ascii_digit()) { text } else { "" };
    // Those that name a month need one of its first three letters; the
    // others their words (`Gate`), read only if one of them is searched.
    let has_month = p.month_start.is_match(text);
    let (monthed, numbered_monthed) = if has_month { (text, numbered) } else { ("", "") };
    let words = std::cell::OnceCell::new();
    let admits = |i: usize| p.words.admits(i, words.get_or_init(|| p.words.present(text)));
    for c in p.numeric.captures_iter(numbered) {
        let m = c.get(0).unwrap();
        let num = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<i32>().ok());
        let date = match (num(1), num(2), num(3)) {
            (Some(y), Some(mo), Some(d)) => PartialDate::day(y, mo as u8, d as u8),
            _ => (|| PartialDate::day(num(6)?, num(5)? as u8, num(4)? as u8))(),
        };
        push(&mut found, m.start(), m.end(), date, false);
    }
    for c in p.day_range.captures_iter(numbered_monthed) {
        let m = c.get(0).unwrap();
        let month = c.get(2).or(c.get(3)).and_then(|g| month_number(g.as_str()));
        let date = (|| PartialDate::day(c[4].parse().ok()?, month?, c[1].parse().ok()?))();
        push(&mut found, m.start(), m.end(), date, false);
    }
    for c in p.day_month_year.captures_iter(numbered_monthed) {
        let m = c.get(0).unwrap();
        let date = (|| PartialDate::day(c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?))();
        push(&mut found, m.start(), m.end(), date, false);
    }
    for c in p.month_day_year.captures_iter(numbered_monthed) {
        let m = c.get(0).unwrap();
        let date = (|| PartialDate::day(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?))();
        push(&mut found, m.start(), m.end(), date, false);
    }
    for c in p.month_year.captures_iter(numbered_monthed) {
        let m = c.get(0).unwrap();
        let date = (|| Some(PartialDate::month(c[2].parse().ok()?, month_number(&c[1])?)))();
        push(&mut found, m.start(), m.end(), date, false);
    }
    for c in p.season_year.captures_iter(if !months_only && !numbered.is_empty() && admits(0) { numbered } else { "" }) {
        let m = c.get(0).unwrap();
        push(&mut found, m.start(), m.end(), c[1].parse().ok().map(PartialDate::year), false);
    }
    if let Some(r) = reference {
        for c in p.ago.captures_iter(if admits(2) { text } else { "" }) {
            let m = c.get(0).unwrap();
            let n: i32 = match c[1].to_lowercase().as_str() {
                "a" => 1,
                w => w.parse().ok().or_else(|| NUMBER_WORDS.iter().position(|x| *x == w).map(|i| i as i32)).unwrap_or(0),
            };
            let date = if c[2].to_lowercase().starts_with("year") {
                Some(PartialDate::year(r.year - n))
            } else {
                r.month.map(|_| r.add_months(-n))
            };
            push(&mut found, m.start(), m.end(), date, true);
        }
        for m in p.today.find_iter(if admits(3) { text } else { "" }) {
            let date = if m.as_str().eq_ignore_ascii_case("today") { Some(r) } else { Some(PartialDate { day: None, ..r }) };
            push(&mut found, m.start(), m.end(), date, true);
        }
        for c in p.day_range_bare.captures_iter(numbered_monthed) {
            let m = c.get(0).unwrap();
            if text[m.end()..].trim_start().starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let (Ok(day), Some(month)) = (c[1].parse::<u8>(), month_number(&c[2])) else { continue };
            let future = p.future_cue.is_match(super::clip_before(text, m.start(), 40));
            let year = resolve_month(month, &r, future).year;
            push(&mut found, m.start(), m.end(), PartialDate::day(year, month, day), true);
        }
        for c in p.day_month.captures_iter(numbered_monthed) {
            let m = c.get(0).unwrap();
            // Not a day-month-year, a count (`1 May` is fine, `30 Mar` too) or a time.
            if text[m.end()..].trim_start().starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let (day, month) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
                (Some(d), Some(mo), _, _) => (d.as_str(), mo.as_str()),
                (_, _, Some(mo), Some(d)) => (d.as_str(), mo.as_str()),
                _ => continue,
            };
            let (Ok(day), Some(month)) = (day.parse::<u8>(), month_number(month)) else { continue };
            let future = p.future_cue.is_match(super::clip_before(text, m.start(), 40));
            let year = resolve_month(month, &r, future).year;
            push(&mut found, m.start(), m.end(), PartialDate::day(year, month, day), true);
        }
        for c in p.bare_month.captures_iter(monthed) {
            let m = c.get(0).unwrap();
            // "May" is mostly the verb; only take it after a preposition.
            if (&c[1] == "May" || &c[1] == "MAY") && !preceded_by_preposition(&text[..m.start()]) {
                continue;
            }
            let Some(month) = month_number(&c[1]) else { continue };
            let future = p.future_cue.is_match(super::clip_before(text, m.start(), 40));
            let date = match c.get(2).map(|g| g.as_str().trim().to_lowercase()) {
                Some(s) if s.ends_with("this year") => Some(PartialDate::month(r.year, month)),
                Some(s) if s.starts_with("last") => Some(PartialDate::month(r.year - 1, month)),
                Some(_) => Some(PartialDate::month(r.year + 1, month)),
                None => Some(resolve_month(month, &r, future)),
            };
            push(&mut found, m.start(), m.end(), date, true);
        }
        for c in p.relative_unit.captures_iter(if admits(1) { text } else { "" }) {
            let m = c.get(0).unwrap();
            let which = c[1].to_lowercase();
            let step = match which.as_str() {
                "last" | "the previous" => -1,
                "next" | "the following" => 1,
                _ => 0,
            };
            let date = match c[2].to_lowercase().as_str() {
                "year" => Some(PartialDate::year(r.year + step)),
                "month" => r.month.map(|_| r.add_months(step)),
                season => season_year(season, step, &r),
            };
            push(&mut found, m.start(), m.end(), date, true);
        }
    }
    for m in p.year.find_iter(if months_only { "" } else { numbered }) {
        // Not a money amount, a count or part of a code.
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if matches!(before, Some('£' | '$' | ',' | '.' | '-' | '/')) || matches!(after, Some(',' | '%')) && text[m.end()..].chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        push(&mut found, m.start(), m.end(), m.as_str().parse().ok().map(PartialDate::year), false);
    }
    found.sort_by_key(|m| m.start);
    found
}

fn preceded_by_preposition(before: &str) -> bool {
    let word = before.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    matches!(word.as_str(), "in" | "on" | "since" | "from" | "until" | "by" | "of" | "during" | "late" | "early" | "mid" | "end" | "before" | "after")
}

/// The month named without a year: the latest one not after the reference
/// (or the next one from it, for a future event).
fn resolve_month(month: u8, r: &PartialDate, future: bool) -> PartialDate {
    match r.month {
        None => PartialDate::month(r.year, month),
        Some(rm) if future => PartialDate::month(if month >= rm { r.year } else { r.year + 1 }, month),
        Some(rm) => PartialDate::month(if month <= rm { r.year } else { r.year - 1 }, month),
    }
}

/// `last summer` is the most recent whole summer before the reference.
fn season_year(season: &str, step: i32, r: &PartialDate) -> Option<PartialDate> {
    let last_month = match season {
        "spring" => 5,
        "summer" => 8,
        "autumn" => 11,
        _ => 2, // winter ends in February
    };
    let rm = r.month? as i32;
    let year = match step {
        -1 if rm > last_month => r.year,
        -1 => r.year - 1,
        1 if rm < last_month => r.year,
        1 => r.year + 1,
        _ => r.year,
    };
    Some(PartialDate::year(year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_dates_are_those_of_all_dates_known_to_the_month() {
        for text in [
            "In the autumn of 2019, 3 May 2020 and May 2021; 2019-04-01; 12/05/2018; the end of 2017 March 2016",
            "the spring of 2019 2020 June 2019, 11 to 15 September 2023 and 2022 April 2022",
            "Updated Monday 4 March 2024. Inspected in 2019, rated good in January 2020.",
        ] {
            let all: Vec<DateMention> = find_dates(text, 0, None).into_iter().filter(|d| d.date.month.is_some()).collect();
            assert_eq!(find_month_dates(text), all, "{text}");
            assert!(!all.is_empty());
        }
    }

    #[test]
    fn every_month_name_starts_with_a_month_start() {
        let names = MONTH.trim_start_matches('(').trim_end_matches(r")\.?").split('|');
        for name in names {
            assert!(MONTH_STARTS.iter().any(|m| name.starts_with(m)), "{name}");
        }
        assert!(find_dates("on 3 Sept 2020 and in JULY 2021", 0, None).len() == 2);
        assert!(find_dates("on 3 sept 2020", 0, None).iter().all(|d| d.date.month.is_none()), "month names are written with a capital");
    }

    fn dates(text: &str, reference: &str) -> Vec<String> {
        let r = PartialDate::parse_iso(reference);
        find_dates(text, 0, r).iter().map(|m| m.date.to_string()).collect()
    }

    #[test]
    fn absolute_dates_keep_their_precision() {
        assert_eq!(dates("a visit on 24 April 2018.", "2018-05-18"), ["2018-04-24"]);
        assert_eq!(dates("formed on November 1, 2020", "2021-03-25"), ["2020-11-01"]);
        assert_eq!(dates("published in June 2019", "2020-12-07"), ["2019-06"]);
        assert_eq!(dates("on site between 25 April and 6 May 2022.", ""), ["2022-04-25"]);
        assert_eq!(dates("from 11 to 15 September 2023", ""), ["2023-09-11"]);
        assert_eq!(dates("14:32, 5 JUL 2023", ""), ["2023-07-05"]);
        assert_eq!(dates("Meeting held 09/03/2023, minutes of 2023-03-16", ""), ["2023-03-09", "2023-03-16"]);
        assert_eq!(dates("quit in autumn 2019", "2020-03"), ["2019"]);
        assert_eq!(dates("the 2013 assessment", "2015-01-06"), ["2013"]);
    }

    #[test]
    fn relative_dates_need_the_reference() {
        assert_eq!(dates("carried out in October", "2020-12-07"), ["2020-10"]);
        assert_eq!(dates("an assessment in December.", "2015-01-06"), ["2014-12"]);
        assert_eq!(dates("last month took on", "2020-12-07"), ["2020-11"]);
        assert_eq!(dates("inadequate two years ago", "2015-01-06"), ["2013"]);
        assert_eq!(dates("found 'inadequate' last summer", "2020-07"), ["2019"]);
        assert_eq!(dates("in late February this year", "2021-03-25"), ["2021-02"]);
        assert_eq!(dates("due to start in May", "2020-03"), ["2020-05"]);
        assert_eq!(dates("took up post on 1 April.", "2023-06-21"), ["2023-04-01"]);
        assert_eq!(dates("will take up the post on 6 September.", "2021-07-15"), ["2021-09-06"]);
        assert_eq!(dates("a monitoring visit on 2-3 November to the trust", "2016-12-02"), ["2016-11-02"]);
        assert_eq!(dates("inspectors were on site from 14 to 16 May.", "2022-07-01"), ["2022-05-14"]);
        assert!(dates("carried out in October", "").is_empty());
    }

    #[test]
    fn may_the_verb_is_no_date() {
        assert!(dates("the deadline may be too tight", "2020-03").is_empty());
        assert!(dates("more than 35 children, 1,100 in care, £2019", "2020-03").is_empty());
    }
}
