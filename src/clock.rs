//! The one place that reads the wall clock and the local time zone.
//!
//! Everything else is handed a [`Clock`] (the app, every commit to the store, the CLI) and asks
//! it for today, now and local time, so a test, a replayed meeting or a session for a user in
//! another zone sees one consistent time. `SQA_TODAY` and `SQA_NOW` fix it for a whole process;
//! a unit test below fails if a wall-clock read appears anywhere else under `src/`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use std::time::Instant;

/// Where "now" comes from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// The machine's clock.
    Wall,
    /// Starts at a given instant and runs on with the monotonic clock, so timers (autosave
    /// after a quiet spell) still work when the date is fixed.
    From { start: DateTime<Utc>, at: Instant },
    /// Never moves: for state-level tests that step time themselves.
    Frozen(DateTime<Utc>),
}

/// The zone local times are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The process's zone (`TZ`, else `/etc/localtime`).
    Local,
    Fixed(FixedOffset),
}

/// Today, now and the local zone of one session.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    source: Source,
    zone: Zone,
    /// A day fixed by `SQA_TODAY`: today stays this day even if `now` passes midnight, as it
    /// would for a meeting being replayed.
    today: Option<NaiveDate>,
}

impl Clock {
    /// The machine's clock in the process's zone.
    pub fn system() -> Clock {
        Clock {
            source: Source::Wall,
            zone: Zone::Local,
            today: None,
        }
    }

    /// The clock a process runs on: the machine's, unless `SQA_NOW` (an instant) or
    /// `SQA_TODAY` (a day) fix it. A fixed day starts at the wall clock's time of day on that
    /// day (so times keep their order across sessions on one day); a fixed instant starts there.
    /// Either way the clock then runs on.
    pub fn fixed_by(today: Option<NaiveDate>, now: Option<DateTime<Utc>>) -> Clock {
        let zone = Zone::Local;
        let start = match (now, today) {
            (Some(now), _) => Some(now),
            (None, Some(day)) => {
                let time_of_day = local_in(zone, Utc::now()).time();
                Some(instant_of(zone, day.and_time(time_of_day)))
            }
            (None, None) => None,
        };
        Clock {
            source: start.map_or(Source::Wall, |start| Source::From {
                start,
                at: Instant::now(),
            }),
            zone,
            today: today.or_else(|| now.map(|n| local_in(zone, n).date())),
        }
    }

    /// A clock that never moves, showing times in UTC: for tests.
    pub fn frozen(now: DateTime<Utc>) -> Clock {
        Clock {
            source: Source::Frozen(now),
            zone: Zone::Fixed(utc_offset()),
            today: None,
        }
    }

    /// A frozen clock at midnight UTC starting `day`: for tests that only care about the date.
    pub fn frozen_on(day: NaiveDate) -> Clock {
        Clock::frozen(day.and_time(NaiveTime::MIN).and_utc())
    }

    /// The same clock showing local times in `zone`.
    pub fn in_zone(self, zone: Zone) -> Clock {
        Clock { zone, ..self }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self.source {
            Source::Wall => Utc::now(),
            Source::From { start, at } => {
                let run = chrono::Duration::from_std(at.elapsed()).unwrap_or_default();
                start + run
            }
            Source::Frozen(t) => t,
        }
    }

    /// `now` in milliseconds since the epoch, for the app's timers.
    pub fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }

    /// Today in the clock's zone (or the fixed day).
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| local_in(self.zone, self.now()).date())
    }

    /// `t` as a local date and time in the clock's zone.
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        local_in(self.zone, t)
    }

    pub fn zone(&self) -> Zone {
        self.zone
    }
}

fn utc_offset() -> FixedOffset {
    // Zero is always in range; the fallback is never taken.
    Utc.fix()
}

fn local_in(zone: Zone, t: DateTime<Utc>) -> NaiveDateTime {
    match zone {
        Zone::Local => t.with_timezone(&chrono::Local).naive_local(),
        Zone::Fixed(off) => t.with_timezone(&off).naive_local(),
    }
}

/// The instant of a local date and time; in a gap (the spring change) the hour after, in an
/// overlap (the autumn change) the earlier.
fn instant_of(zone: Zone, local: NaiveDateTime) -> DateTime<Utc> {
    let pick = |r: chrono::LocalResult<DateTime<Utc>>| r.earliest();
    let found = match zone {
        Zone::Local => pick(
            chrono::Local
                .from_local_datetime(&local)
                .map(|t| t.with_timezone(&Utc)),
        ),
        Zone::Fixed(off) => pick(
            off.from_local_datetime(&local)
                .map(|t| t.with_timezone(&Utc)),
        ),
    };
    found.unwrap_or_else(|| instant_of(zone, local + chrono::Duration::hours(1)))
}

/// Parses `SQA_NOW`: RFC 3339 (`2026-11-23T10:00:00Z`), or a local `dd/mm/yyyy HH:MM` or
/// `dd/mm/yyyy HH:MM:SS` in the process's zone.
pub fn parse_now(s: &str) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    for fmt in ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(s, fmt) {
            return Ok(instant_of(Zone::Local, local));
        }
    }
    Err(format!(
        "'{s}' is not a time: use dd/mm/yyyy HH:MM (local) or 2026-11-23T10:00:00Z"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_fixed_instant_fixes_today_and_runs_on() {
        let start = parse_now("2028-02-29T23:30:00Z").unwrap();
        let c = Clock::fixed_by(None, Some(start)).in_zone(Zone::Fixed(utc_offset()));
        assert!(c.now() >= start);
        assert!(c.now() - start < chrono::Duration::minutes(5));
    }

    #[test]
    fn a_fixed_day_is_today_whatever_the_time() {
        let c = Clock::fixed_by(Some(day(2027, 8, 15)), None);
        assert_eq!(c.today(), day(2027, 8, 15));
        assert_eq!(c.local(c.now()).date(), day(2027, 8, 15));
    }

    #[test]
    fn a_frozen_clock_never_moves() {
        let c = Clock::frozen_on(day(2026, 11, 23));
        assert_eq!(c.now(), c.now());
        assert_eq!(c.today(), day(2026, 11, 23));
        assert_eq!(c.local(c.now()).format("%H:%M").to_string(), "00:00");
    }

    #[test]
    fn sqa_now_takes_british_and_rfc3339_forms() {
        assert!(parse_now("23/11/2026 10:00").is_ok());
        assert!(parse_now("23/11/2026 10:00:30").is_ok());
        assert_eq!(
            parse_now("2026-11-23T10:00:00+01:00").unwrap(),
            day(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap().and_utc()
        );
        let e = parse_now("tomorrow").unwrap_err();
        assert!(e.contains("dd/mm/yyyy HH:MM"), "{e}");
    }

    /// Nothing but this module may read the wall clock or the process's zone: a read anywhere
    /// else would make that code's idea of "now" differ from the session's.
    #[test]
    fn no_wall_clock_reads_outside_the_clock() {
        let forbidden = [
            ["Utc", "::now"].concat(),
            ["Local", "::now"].concat(),
            ["chrono::", "Local"].concat(),
            ["&", "Local)"].concat(),
            ["SystemTime", "::now"].concat(),
            ["use chrono::{", "Local"].concat(),
            [", Local", ","].concat(),
            [", Local", "}"].concat(),
        ];
        let mut found = vec![];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("clock.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    if forbidden.iter().any(|f| line.contains(f.as_str())) {
                        found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "wall-clock reads outside src/clock.rs:\n{}",
            found.join("\n")
        );
    }
}
