//! The calendar of an English school year: academic years (1 September – 31 August), three terms
//! with configurable boundaries, and British date parsing and display.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An academic year, named by the calendar year in which it starts: `AcademicYear(2026)` is
/// "2026/27", running 1 Sep 2026 – 31 Aug 2027.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AcademicYear(pub i32);

impl AcademicYear {
    pub fn of(date: NaiveDate) -> Self {
        if date.month() >= 9 {
            AcademicYear(date.year())
        } else {
            AcademicYear(date.year() - 1)
        }
    }
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 9, 1).unwrap_or(NaiveDate::MIN)
    }
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 8, 31).unwrap_or(NaiveDate::MAX)
    }
    pub fn contains(self, date: NaiveDate) -> bool {
        date >= self.start() && date <= self.end()
    }
    pub fn next(self) -> Self {
        AcademicYear(self.0 + 1)
    }
    pub fn prev(self) -> Self {
        AcademicYear(self.0 - 1)
    }
    /// Parses "2026/27" or "2026".
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (a, b) = match s.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        let y: i32 = a.parse().ok()?;
        if let Some(b) = b {
            let expect = (y + 1).rem_euclid(100);
            let got: i32 = b.parse().ok()?;
            if got != expect && got != y + 1 {
                return None;
            }
        }
        Some(AcademicYear(y))
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Term {
    Autumn,
    Spring,
    Summer,
}

impl Term {
    pub const ALL: [Term; 3] = [Term::Autumn, Term::Spring, Term::Summer];
    pub fn name(self) -> &'static str {
        match self {
            Term::Autumn => "Autumn",
            Term::Spring => "Spring",
            Term::Summer => "Summer",
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where the spring and summer terms start, as (month, day). Autumn always starts on 1 September.
/// Local authorities set their own dates; the defaults are the usual January and April starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermBoundaries {
    pub spring_starts: (u32, u32),
    pub summer_starts: (u32, u32),
}

impl Default for TermBoundaries {
    fn default() -> Self {
        TermBoundaries {
            spring_starts: (1, 1),
            summer_starts: (4, 1),
        }
    }
}

impl TermBoundaries {
    pub fn term_of(&self, date: NaiveDate) -> Term {
        let md = (date.month(), date.day());
        if date.month() >= 9 {
            Term::Autumn
        } else if md >= self.summer_starts {
            Term::Summer
        } else if md >= self.spring_starts {
            Term::Spring
        } else {
            Term::Autumn
        }
    }
    /// First day of a term in a given academic year.
    pub fn start(&self, year: AcademicYear, term: Term) -> NaiveDate {
        let (y, (m, d)) = match term {
            Term::Autumn => (year.0, (9, 1)),
            Term::Spring => (year.0 + 1, self.spring_starts),
            Term::Summer => (year.0 + 1, self.summer_starts),
        };
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| year.start())
    }
    pub fn end(&self, year: AcademicYear, term: Term) -> NaiveDate {
        match term {
            Term::Autumn => self.start(year, Term::Spring) - Duration::days(1),
            Term::Spring => self.start(year, Term::Summer) - Duration::days(1),
            Term::Summer => year.end(),
        }
    }
}

/// "23/11/2026"
pub fn fmt_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "Mon 23 Nov 2026"
pub fn fmt_long(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// "23 Nov" (for narrow columns; the year is implied by context)
pub fn fmt_short(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

/// "23/11/26" — compact but unambiguous in a table column.
pub fn fmt_compact(d: NaiveDate) -> String {
    d.format("%d/%m/%y").to_string()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a date: use dd/mm/yyyy (e.g. 23/11/2026), dd/mm, 'today' or 'yesterday'")]
pub struct DateParseError {
    pub input: String,
}

/// Parses a British date as an officer types it. Accepts `23/11/2026`, `23/11/26`, `23-11-2026`,
/// `23.11.2026`, `23/11` (this year), `2026-11-23` (ISO), `today`, `yesterday`, `tomorrow`,
/// and `23 Nov 2026` / `Mon 23 Nov 2026`. Never reads a date as American.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateParseError> {
    let err = || DateParseError {
        input: input.to_string(),
    };
    let s = input.trim().to_ascii_lowercase();
    match s.as_str() {
        "today" | "t" => return Ok(today),
        "yesterday" | "y" => return Ok(today - Duration::days(1)),
        "tomorrow" => return Ok(today + Duration::days(1)),
        "" => return Err(err()),
        _ => {}
    }
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() == 2 || parts.len() == 3 {
        let nums: Option<Vec<i32>> = parts.iter().map(|p| p.trim().parse::<i32>().ok()).collect();
        if let Some(nums) = nums {
            let (d, m) = (nums[0], nums[1]);
            let y = match nums.get(2) {
                None => today.year(),
                Some(&y) if parts[2].trim().len() <= 2 => 2000 + y,
                Some(&y) if parts[2].trim().len() == 4 => y,
                Some(_) => return Err(err()),
            };
            if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
                return Err(err());
            }
            return NaiveDate::from_ymd_opt(y, m as u32, d as u32).ok_or_else(err);
        }
    }
    // "23 nov 2026", "mon 23 nov 2026", "23 november 2026"
    let words: Vec<&str> = s.split_whitespace().collect();
    let words: &[&str] = if words.len() == 4 {
        &words[1..]
    } else {
        &words
    };
    if words.len() == 3 {
        for fmt in ["%d %b %Y", "%d %B %Y"] {
            if let Ok(d) = NaiveDate::parse_from_str(&words.join(" "), fmt) {
                return Ok(d);
            }
        }
    }
    Err(err())
}

/// Monday of the ISO week containing `d`.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// True if the date falls on a Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn academic_year_edges() {
        assert_eq!(AcademicYear::of(d(2026, 8, 31)), AcademicYear(2025));
        assert_eq!(AcademicYear::of(d(2026, 9, 1)), AcademicYear(2026));
        assert_eq!(AcademicYear::of(d(2027, 1, 1)), AcademicYear(2026));
        assert_eq!(AcademicYear(2026).to_string(), "2026/27");
        assert_eq!(AcademicYear(2099).to_string(), "2099/00");
        assert_eq!(AcademicYear::parse("2026/27"), Some(AcademicYear(2026)));
        assert_eq!(AcademicYear::parse("2026/28"), None);
    }

    #[test]
    fn terms_default_and_configured() {
        let t = TermBoundaries::default();
        assert_eq!(t.term_of(d(2026, 9, 1)), Term::Autumn);
        assert_eq!(t.term_of(d(2026, 12, 31)), Term::Autumn);
        assert_eq!(t.term_of(d(2027, 1, 1)), Term::Spring);
        assert_eq!(t.term_of(d(2027, 3, 31)), Term::Spring);
        assert_eq!(t.term_of(d(2027, 4, 1)), Term::Summer);
        assert_eq!(t.term_of(d(2027, 8, 31)), Term::Summer);
        let easter = TermBoundaries {
            spring_starts: (1, 5),
            summer_starts: (4, 20),
        };
        assert_eq!(easter.term_of(d(2027, 1, 4)), Term::Autumn);
        assert_eq!(easter.term_of(d(2027, 4, 19)), Term::Spring);
        assert_eq!(easter.end(AcademicYear(2026), Term::Spring), d(2027, 4, 19));
    }

    #[test]
    fn parses_british_dates() {
        let today = d(2026, 11, 23);
        assert_eq!(parse_date("23/11/2026", today), Ok(d(2026, 11, 23)));
        assert_eq!(parse_date("1/2/2026", today), Ok(d(2026, 2, 1)));
        assert_eq!(parse_date("01/02/26", today), Ok(d(2026, 2, 1)));
        assert_eq!(parse_date("23/11", today), Ok(d(2026, 11, 23)));
        assert_eq!(parse_date("today", today), Ok(today));
        assert_eq!(parse_date("Yesterday", today), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("2026-11-23", today), Ok(today));
        assert_eq!(parse_date("Mon 23 Nov 2026", today), Ok(today));
        assert_eq!(parse_date("29/02/2028", today), Ok(d(2028, 2, 29)));
        assert!(parse_date("29/02/2027", today).is_err());
        assert!(parse_date("11/23/2026", today).is_err());
        assert!(parse_date("", today).is_err());
        assert!(parse_date("soon", today).is_err());
        assert_eq!(fmt_date(today), "23/11/2026");
        assert_eq!(fmt_long(today), "Mon 23 Nov 2026");
    }
}
