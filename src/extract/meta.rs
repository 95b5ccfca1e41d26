//! A document's own title, date and byline, from the forms articles and letters
//! use: a ` date 2021-03-25` header, a `Monday, 7th December 2020, 12:47 pm`
//! dateline, a letter's date line, `Published 14 March 2023`, a relative
//! `today (Tuesday, January 6)` pinned by its weekday, and `By NAME` bylines.

use super::date::find_dates;
use crate::date::{month_number, PartialDate, WEEKDAYS};
use crate::document::Document;
use crate::schema::{re, re_cs, Pattern};
use std::sync::OnceLock;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    /// The normalised span of each byline name.
    pub bylines: Vec<(usize, usize)>,
}

/// Lines looked at for a dateline or byline.
const HEADER_LINES: usize = 30;

struct Patterns {
    date_header: Pattern,
    byline: Pattern,
    published: Pattern,
    dear: Pattern,
    leading_time: Pattern,
    meeting: Pattern,
    today_weekday: Pattern,
    year: Pattern,
}

/// Compiles this extractor's patterns now, rather than at first use.
pub(crate) fn warm_up() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        date_header: re(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$"),
        byline: re_cs(r"(?:^\s*|\s)[Bb]y:?\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3})\s*(?:(?:,|\s+on\s|\s+-\s|\s+\|).*)?$"),
        published: re(r"^\s*(?:published|posted|dated|last updated|date(?: and time)?|meeting date|date of (?:meeting|visit|letter))?:?\s*(?:on\s+)?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?(.*)$"),
        dear: re_cs(r"^\s*Dear\s"),
        leading_time: re(r"^\d{1,2}[:.]\d{2}\s*(?:am|pm|gmt|bst)?\s*,?\s*"),
        meeting: re(r"\b(?:minutes|meeting|held)\b"),
        today_weekday: re(r"\btoday\s*\(\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)|([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?)\s*\)"),
        year: re_cs(r"\b(?:19[5-9]|20[0-4])\d\b"),
    })
}

pub fn read(doc: &Document) -> Meta {
    let p = patterns();
    let text = &doc.norm.text;
    let mut meta = Meta::default();
    let lines: Vec<(usize, &str)> = line_offsets(text).take(HEADER_LINES).collect();
    let first = lines.iter().find(|(_, l)| !l.trim().is_empty());

    if let Some((_, line)) = first {
        if let Some(c) = p.date_header.captures(line) {
            meta.date = PartialDate::parse_iso(&c[1]);
            let rest = c[2].trim();
            meta.title = (!rest.is_empty()).then(|| rest.to_string());
        }
    }
    if meta.date.is_none() {
        meta.date = dateline(&lines);
    }
    if meta.date.is_none() {
        // `MINUTES OF THE MEETING HELD ... ON THURSDAY 7 SEPTEMBER 2023`
        meta.date = lines.iter().take(12).filter(|(_, l)| p.meeting.is_match(l)).find_map(|(_, l)| {
            let titled = title_case_capitals(l);
            find_dates(&titled, 0, None).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date)
        });
    }
    if meta.date.is_none() {
        // `By Jo Bloggs on March 12, 2023 in News`: a byline with its date.
        meta.date = lines.iter().filter(|(_, l)| p.byline.is_match(l)).find_map(|(_, l)| find_dates(l, 0, None).into_iter().find(|d| d.date.day.is_some())).map(|d| d.date);
    }
    if meta.date.is_none() {
        meta.date = relative_today(text);
    }
    if meta.title.is_none() {
        let dear = lines.iter().position(|(_, l)| p.dear.is_match(l));
        let title_line = match dear {
            Some(i) => lines[i + 1..].iter().find(|(_, l)| !l.trim().is_empty()),
            None => first,
        };
        meta.title = title_line.map(|(_, l)| l.trim().to_string());
    }
    for (at, line) in &lines {
        if let Some(c) = p.byline.captures(line) {
            let g = c.get(1).unwrap();
            meta.bylines.push((at + g.start(), at + g.end()));
        }
    }
    meta
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split('\n').map(move |l| {
        let start = at;
        at += l.len() + 1;
        (start, l)
    })
}

/// The first header line that is a full date and little else: a dateline,
/// a letter's date line, or `Published ...`. `Updated ...` lines are not.
fn dateline(lines: &[(usize, &str)]) -> Option<PartialDate> {
    let p = patterns();
    for (_, line) in lines {
        let l = line.trim();
        if l.is_empty() || l.len() > 80 || l.to_lowercase().starts_with("updated") {
            continue;
        }
        // Minutes write their date line in capitals.
        let titled;
        titled = title_case_capitals(l);
        let l = titled.as_str();
        let rest = p.published.captures(l).map(|c| c.get(1).unwrap().as_str()).unwrap_or(l);
        // `14:32, 5 JUL 2023`: a time may come first.
        let rest = p.leading_time.find(rest).map_or(rest, |m| &rest[m.end()..]);
        let found = find_dates(rest, 0, None);
        if let Some(m) = found.first() {
            // The date must open what is left of the line, and be a day.
            if m.start == 0 && m.date.day.is_some() {
                return Some(m.date);
            }
        }
    }
    None
}

/// `THURSDAY 7 SEPTEMBER 2023` -> `Thursday 7 September 2023`: words in capitals
/// title-cased so the date patterns read them.
fn title_case_capitals(l: &str) -> String {
    l.split(' ')
        .map(|w| if w.chars().any(|c| c.is_lowercase()) { w.to_string() } else { w.chars().take(1).chain(w.chars().skip(1).flat_map(char::to_lowercase)).collect() })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `today (Tuesday, January 6)`: the year is the first one, from the latest
/// year the text mentions, on which that day falls on that weekday.
fn relative_today(text: &str) -> Option<PartialDate> {
    let p = patterns();
    let c = p.today_weekday.captures(text)?;
    let weekday = WEEKDAYS.iter().position(|w| c[1].eq_ignore_ascii_case(w))?;
    let (day, month) = match (c.get(2), c.get(3), c.get(4), c.get(5)) {
        (Some(d), Some(m), _, _) => (d.as_str(), m.as_str()),
        (_, _, Some(m), Some(d)) => (d.as_str(), m.as_str()),
        _ => return None,
    };
    let (day, month): (u8, u8) = (day.parse().ok()?, month_number(month)?);
    let latest: i32 = p.year.find_iter(text).filter_map(|m| m.as_str().parse().ok()).max()?;
    (latest..=latest + 7)
        .filter_map(|y| PartialDate::day(y, month, day))
        .find(|d| d.weekday() == Some(weekday))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Meta {
        read(&Document::new("t.txt", text.to_string()))
    }

    #[test]
    fn header_forms() {
        let m = meta(" date 2021-03-25 Continued improvement for the service\n\nBody.");
        assert_eq!(m.date.unwrap().to_string(), "2021-03-25");
        assert_eq!(m.title.as_deref(), Some("Continued improvement for the service"));

        let m = meta("Headline here\n\nBy Jo Bloggs\nMonday, 7th December 2020, 12:47 pm\nUpdated Tuesday, 8th December 2020\nText.");
        assert_eq!(m.date.unwrap().to_string(), "2020-12-07");
        assert_eq!(m.title.as_deref(), Some("Headline here"));
        assert_eq!(m.bylines.len(), 1);

        let m = meta("Ofsted\nSome Street\n\n18 May 2018\n\nA Person\nDear A,\n\nFocused visit to X\n\nText.");
        assert_eq!(m.date.unwrap().to_string(), "2018-05-18");
        assert_eq!(m.title.as_deref(), Some("Focused visit to X"));
    }

    #[test]
    fn trade_press_bylines_carry_the_date() {
        let m = meta("Headline\n\nBy Jo Bloggs on March 12, 2023 in Children\n\nText.");
        assert_eq!(m.date.unwrap().to_string(), "2023-03-12");
        assert_eq!(m.bylines.len(), 1);
        let m = meta("Headline\n\nMon 4 Sep 2023\n\nText.");
        assert_eq!(m.date.unwrap().to_string(), "2023-09-04");
    }

    #[test]
    fn relative_today_is_pinned_by_weekday_and_years() {
        let m = meta("Title\n\nSince a 2013 report, the watchdog said today (Tuesday, January 6) that it improved.");
        assert_eq!(m.date.unwrap().to_string(), "2015-01-06");
    }

    #[test]
    fn undated_stays_undated() {
        assert_eq!(meta("Title\n\nIn October 2019 something happened.").date, None);
    }
}
