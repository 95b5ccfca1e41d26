//! A document's own title, date and byline, from the forms articles and letters
//! use: a ` date 2021-03-25` header, a `Monday, 7th December 2020, 12:47 pm`
//! dateline (also after a name, a place or a heading: `Jo Bloggs 03 March 2020`,
//! `Committee - Thursday, 20th July, 2023 5.00 pm`), a letter's date line,
//! `Published 14 March 2023` (before any `Updated ...` date), a byline's
//! `by NAME on DATE`, a relative `today (Tuesday, January 6)` pinned by its
//! weekday or `today (2 December 2016)`, and `By NAME` bylines.

use super::date::{find_dates, DateMention};
use std::cell::OnceCell;
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
/// A weekday as datelines write it, in any case.
const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)";
/// A weekday in title case, for case-sensitive patterns.
const WEEKDAY_CS: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)";

struct Patterns {
    date_header: Pattern,
    byline: Pattern,
    published: Pattern,
    dear: Pattern,
    leading_time: Pattern,
    meeting: Pattern,
    today_weekday: Pattern,
    today_date: Pattern,
    year: Pattern,
    updated: Pattern,
    separator: Pattern,
    name_before: Pattern,
    time_after: Pattern,
    by_on: Pattern,
    weekday_before: Pattern,
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
        published: re(&format!(r"^\s*(?:(?:(?:first\s+)?published|posted|dated|released|issued|(?:last\s+)?(?:updated|modified)|date(?: and time)?(?: published| released| issued)?|meeting date|date of (?:meeting|visit|letter))\s*[:|-]?|[:|])?\s*(?:on\s+)?(?:{WEEKDAY}\.?,?\s+)?(.*)$")),
        dear: re_cs(r"^\s*Dear\s"),
        leading_time: re(r"^\d{1,2}[:.]\d{2}\s*(?:am|pm|gmt|bst)?\s*,?\s*"),
        meeting: re(r"\b(?:minutes|meeting|held)\b"),
        today_weekday: re(r"\btoday\s*\(\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)|([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?)\s*\)"),
        // `today (2 December 2016)`, `today (28/10/19)`
        today_date: re(&format!(r"\btoday\s*\(\s*(?:{WEEKDAY},?\s+)?(?:(\d{{1,2}})/(\d{{1,2}})/(\d\d)|([^()]{{6,30}}))\s*\)")),
        year: re_cs(r"\b(?:19[5-9]|20[0-4])\d\b"),
        updated: re(r"^\s*(?:last\s+)?(?:updated|modified|amended)\b"),
        // `Cabinet Member for Children - Thursday, `: a heading, then its date.
        separator: re(&format!(r"(?:^|\s)[|-]\s*(?:{WEEKDAY}\.?,?\s+)?$")),
        // `Jo Bloggs `, `Oxford, `, `Number 01234, `: a name, a place or a number, then the date.
        name_before: re_cs(&format!(r"^[A-Z][\w'.-]*,?\s+(?:(?:[A-Z][\w'.-]*|\d[\w/-]*|van|von|de|der|den|da|di|du|le|la),?\s+){{0,3}}(?:{WEEKDAY}\.?,?\s+)?$", WEEKDAY = WEEKDAY_CS)),
        // What may follow a dateline's date: a time, a zone, a separator.
        time_after: re(r"^\s*(?:[|,-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:gmt|bst|utc|[a-z]+/[a-z_]+)?)?\s*$"),
        by_on: re_cs(r"\b[Bb]y:?\s+[A-Z][^,|.;:]{1,50}?\s+on\s+$"),
        weekday_before: re(&format!(r"\b{WEEKDAY},?\s+(?:the\s+)?$")),
    })
}

pub fn read(doc: &Document, whole_text_dates: &OnceCell<Vec<DateMention>>) -> Meta {
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
    let (published, updated) = if meta.date.is_none() { dateline(&lines) } else { (None, None) };
    meta.date = meta.date.or(published);
    if meta.date.is_none() {
        // `MINUTES OF THE MEETING HELD ... ON THURSDAY 7 SEPTEMBER 2023`
        // A heading, not a sentence of the story: no full stop at its end.
        let heading = |l: &str| !l.trim_end().ends_with('.');
        meta.date = lines.iter().take(12).filter(|(_, l)| p.meeting.is_match(l) && heading(l)).find_map(|(_, l)| {
            let titled = title_case_capitals(l);
            find_dates(&titled, 0, None).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date)
        });
    }
    if meta.date.is_none() {
        // `By Jo Bloggs on March 12, 2023 in News`, `by Jo van Dam on 4 May, 2019`: a byline with its date.
        meta.date = lines
            .iter()
            .find_map(|(_, l)| {
                let byline = p.byline.is_match(l);
                // `... by NAME on DATE` closes its line: not `a visit by Ofsted on 5 May 2019 found`.
                let by_on = |d: &super::date::DateMention| p.by_on.is_match(&l[..d.start]) && p.time_after.is_match(&l[d.end..]);
                // Both need `by`, and a day needs a digit: most lines have neither.
                if !(l.bytes().any(|b| b.is_ascii_digit()) && (l.contains("by") || l.contains("By"))) {
                    return None;
                }
                find_dates(l, 0, None).into_iter().find(|d| d.date.day.is_some() && (byline || by_on(d)))
            })
            .map(|d| d.date);
    }
    if meta.date.is_none() {
        meta.date = relative_today(text);
    }
    // `Updated ...` dates a page only where nothing else does.
    meta.date = meta.date.or(updated).or_else(|| weekday_year(text, whole_text_dates.get_or_init(|| super::date::find_month_dates(text))));
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
/// a letter's date line, `Published ...`, or a name, place or heading before
/// the date (`Jo Bloggs 03 March 2020`, `Oxford, 30 June 2016 | 10:48`,
/// `Committee - Thursday, 20th July, 2023 5.00 pm`). Short lines in a row are
/// read as one (`Oxford,` / `30` / `June` / `2016`). `Updated ...` lines are
/// kept apart: the first such date is the second value.
fn dateline(lines: &[(usize, &str)]) -> (Option<PartialDate>, Option<PartialDate>) {
    let p = patterns();
    let mut updated = None;
    for line in joined_short_lines(lines) {
        let l = line.trim();
        // A dateline's date is a day, written with digits, as every date
        // `find_dates` reads without a reference is (most lines have none).
        if l.is_empty() || l.len() > 120 || !l.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // Minutes write their date line in capitals.
        let titled = title_case_capitals(l);
        let Some(date) = line_date(&titled) else { continue };
        if !p.updated.is_match(l) {
            return (Some(date), updated);
        }
        updated = updated.or(Some(date));
    }
    (None, updated)
}

/// The date of one dateline: opening the line (after `Published`, a weekday
/// or a time), or closing it after a separator or a short name.
fn line_date(l: &str) -> Option<PartialDate> {
    let p = patterns();
    let rest = p.published.captures(l).map(|c| c.get(1).unwrap().as_str()).unwrap_or(l);
    // `14:32, 5 JUL 2023`: a time may come first.
    let rest = p.leading_time.find(rest).map_or(rest, |m| &rest[m.end()..]);
    let found = find_dates(rest, 0, None);
    let first = found.first()?;
    // The date must open what is left of a short line, and be a day.
    if first.start == 0 && l.len() <= 80 {
        return first.date.day.map(|_| first.date);
    }
    // Or close it, a time aside, after a heading's separator or a name.
    let last = found.last()?;
    let closes = last.date.day.is_some() && p.time_after.is_match(&rest[last.end..]);
    let before = &rest[..last.start];
    // `Since 5 March 2019` is a clause, not a name and its date.
    let first_word = before.split_whitespace().next().unwrap_or("").to_lowercase();
    let clause = matches!(first_word.as_str(), "since" | "until" | "from" | "before" | "after" | "between" | "to" | "till" | "by" | "for" | "of" | "in" | "at" | "on");
    let named = p.name_before.is_match(before) && !clause;
    (closes && (p.separator.is_match(before) || named)).then_some(last.date)
}

/// The header's lines, each run of three or more short lines (a dateline a
/// page set one word a line) followed by the run joined into one line.
fn joined_short_lines(lines: &[(usize, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for (_, l) in lines.iter().chain(std::iter::once(&(0, ""))) {
        let t = l.trim();
        if !t.is_empty() && t.chars().count() <= 16 {
            run.push(t);
            continue;
        }
        out.extend(run.iter().map(|r| r.to_string()));
        if run.len() >= 3 {
            out.push(run.join(" "));
        }
        run.clear();
        out.push(t.to_string());
    }
    out
}

/// `THURSDAY 7 SEPTEMBER 2023` -> `Thursday 7 September 2023`: words in capitals
/// title-cased so the date patterns read them.
fn title_case_capitals(l: &str) -> String {
    l.split(' ')
        .map(|w| if w.chars().any(|c| c.is_lowercase()) { w.to_string() } else { w.chars().take(1).chain(w.chars().skip(1).flat_map(char::to_lowercase)).collect() })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `today (2 December 2016)`, `today (28/10/19)`: the date the words give.
/// `today (Tuesday, January 6)`: the year is the first one, from the latest
/// year the text mentions, on which that day falls on that weekday.
fn relative_today(text: &str) -> Option<PartialDate> {
    let p = patterns();
    let full = p.today_date.captures_iter(text).find_map(|c| match (c.get(1), c.get(2), c.get(3), c.get(4)) {
        (Some(d), Some(m), Some(y), _) => PartialDate::day(2000 + y.as_str().parse::<i32>().ok()?, m.as_str().parse().ok()?, d.as_str().parse().ok()?),
        (.., Some(words)) => find_dates(words.as_str(), 0, None).into_iter().find(|d| d.start == 0 && d.end == words.len() && d.date.day.is_some()).map(|d| d.date),
        _ => None,
    });
    if full.is_some() {
        return full;
    }
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

/// An undated page's year, where its latest date is a day given with its
/// weekday (`published on Monday 9th May 2022`): writers name the weekday of
/// what happened days before, so the page is of that year (and no finer).
fn weekday_year(text: &str, found: &[DateMention]) -> Option<PartialDate> {
    let p = patterns();
    let latest = found.iter().filter(|d| d.date.month.is_some()).max_by_key(|d| d.date)?;
    let weekday = p.weekday_before.find(super::clip_before(text, latest.start, 16))?;
    let named = WEEKDAYS.iter().position(|w| weekday.as_str().to_lowercase().starts_with(&w[..3]))?;
    (latest.date.weekday() == Some(named)).then(|| PartialDate::year(latest.date.year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Meta {
        read(&Document::new("t.txt", text.to_string()), &OnceCell::new())
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
    fn relative_today_with_its_own_date() {
        let m = meta("Title\n\nThe report, published today (3 March 2017), found that the council had improved since 2014.");
        assert_eq!(m.date.unwrap().to_string(), "2017-03-03");
        let m = meta("Title\n\nThe results were published today (14/11/18). More text.");
        assert_eq!(m.date.unwrap().to_string(), "2018-11-14");
        // A parenthesis that is no date leaves the page undated.
        assert_eq!(meta("Title\n\nIt was released today (see below) after the 2016 visit.").date, None);
    }

    #[test]
    fn datelines_as_pages_print_them() {
        let date = |text: &str| meta(text).date.map(|d| d.to_string());
        // A separator before the date, a byline above it.
        assert_eq!(date("Headline\n\nBy Jo Bloggs\n\n| 09 March 2021\n\nText."), Some("2021-03-09".into()));
        assert_eq!(date("Headline\n\nBy Jo Bloggs\nTuesday, October 22, 2019\n\nText."), Some("2019-10-22".into()));
        assert_eq!(date("Headline\n\n22 Oct 2019 09:15\n\nText."), Some("2019-10-22".into()));
        // A name, then the date; a paper's number, then the date.
        assert_eq!(date("Sam Example 14 June 2022\n\nHeadline\n\nText."), Some("2022-06-14".into()));
        assert_eq!(date("RESEARCH BRIEFING\nNumber 01234, 2 March 2020\n\nText."), Some("2020-03-02".into()));
        // A place, the date and a time, one word a line.
        assert_eq!(date("Leeds,\n4\nMay\n2017\n|\n09:30\nEurope/London\n\nHeadline\n\nText."), Some("2017-05-04".into()));
        // `Date Released - ...`, British numbers.
        assert_eq!(date("Headline\n\nDate Released - 11/02/2024\n\nText."), Some("2024-02-11".into()));
        // A meeting's heading, then its date and time.
        assert_eq!(date("Agenda and minutes\n\nCorporate Parenting Panel - Wednesday, 8th March, 2023 2.00 pm\n\nText."), Some("2023-03-08".into()));
        // A byline with lower-case particles and its date.
        assert_eq!(date("Headline\nby Anna de Vries on 3 April, 2018\n\nText."), Some("2018-04-03".into()));
        // Not a story's `by ... on DATE`.
        assert_eq!(date("Headline\n\nA visit by Ofsted on 3 April 2018 found weaknesses.\n\nText."), None);
    }

    #[test]
    fn published_beats_updated() {
        let date = |text: &str| meta(text).date.map(|d| d.to_string());
        assert_eq!(date("Headline\n\nUpdated 9 June 2021\nPublished 7 June 2021\n\nText."), Some("2021-06-07".into()));
        assert_eq!(date("Headline\n\nLast updated: 9 June 2021\n\nPublished: 7 June 2021\n\nText."), Some("2021-06-07".into()));
        // With no other date, the update dates the page.
        assert_eq!(date("Headline\n\nLast updated 9 June 2021\n\nText."), Some("2021-06-09".into()));
    }

    #[test]
    fn a_weekday_dated_event_gives_an_undated_page_its_year() {
        let m = meta("Agenda item\n\nThe report was published on Tuesday 8th March 2022 and is discussed at today's meeting. The last one was in 2019.");
        assert_eq!(m.date.unwrap().to_string(), "2022");
        // A weekday that is not that date's, or a later date, says nothing.
        assert_eq!(meta("Agenda item\n\nThe report was published on Monday 8th March 2022.").date, None);
        assert_eq!(meta("Agenda item\n\nIt was published on Tuesday 8th March 2022; the visit ends in June 2023.").date, None);
    }

    #[test]
    fn undated_stays_undated() {
        assert_eq!(meta("Title\n\nIn October 2019 something happened.").date, None);
        // A clause that opens with a date's preposition is not a dateline.
        assert_eq!(meta("Title\n\nSince 4 May 2017\n\nText.").date, None);
        // A date inside a heading is the story's, not the page's.
        assert_eq!(meta("Title\n\nThe inspection on 4 May 2017 found failings\n\nText.").date, None);
    }
}
