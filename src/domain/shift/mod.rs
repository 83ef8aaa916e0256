//! Moving a whole dataset through time by whole weeks, so that an invented history (the demo
//! county's) can be told as if it were happening now. Pure: a dataset and a number of weeks in,
//! the moved dataset out.
//!
//! The rules, so that the moved dataset agrees with itself:
//! - Every date and timestamp moves by the same whole number of weeks, so weekdays and the order
//!   of events are kept (a meeting on a Thursday is still on a Thursday, and still the latest).
//! - A meeting's term and academic year move by as many terms as its date crossed, counting terms
//!   with `terms` (the boundaries the app labels dates with). For a meeting whose stored term is
//!   the term of its date, which is how the app makes them, that is simply the term of the moved
//!   date; the count keeps a zero move exact whatever the boundaries.
//! - A support plan's academic year moves by the number of academic years the *story date* moved:
//!   the plan for the year containing the story date belongs to the year containing the moved
//!   story date, and the year before stays the year before. A plan has no date of its own, and
//!   moving each plan by its reviews' dates could put two plans of a school in one year.
//!   (Reviews near a 1 September may so sit in the year after their plan's: a review keeps its
//!   plan by id, so nothing breaks, just as a moved visit may fall in a school holiday.)
//! - Text says what the records say: a `dd/mm/yyyy` date in prose names a day, so it moves with
//!   the records; a meeting's title and an SQA review's title name the term of their date
//!   ("Autumn 2026", or "Autumn term 2026/27" as the app writes them), so they follow the term;
//!   a plan's text names academic years ("2025/26: 68%"), so those move with the plan's year;
//!   an audit key names its record by date (and a plan by year), so it moves too. Other prose
//!   ("the May 2026 inspection", "2026 outcomes") is the story's own wording and is left alone.

use super::calendar::{AcademicYear, Term, TermBoundaries, fmt_date, week_start};
use super::{
    Action, Activity, ActivityKind, AgreedAction, Amendment, AuditEntry, CheckpointReview, Dataset,
    Decision, Meeting, Note, NoteBody, PlanPriority, PriorityProgress, School, SupportPlan,
};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

/// The number of whole weeks that moves `story` into the week (Monday to Sunday) of `today`:
/// zero for any day of the story's own week, negative for a day before it.
pub fn weeks_to_anchor(story: NaiveDate, today: NaiveDate) -> i64 {
    // Both are Mondays, so the difference is a whole number of weeks.
    (week_start(today) - week_start(story)).num_days() / 7
}

/// A move that would take a date off chrono's calendar (hundreds of thousands of years away).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("moving the dates by {weeks} weeks takes {what} off the calendar")]
pub struct OutOfRange {
    pub weeks: i64,
    pub what: String,
}

/// `ds` with every date moved by `weeks` whole weeks, and its terms, academic years and dated
/// text moved to agree (see the module's rules). `story` is the day the history is told from:
/// its academic year decides where the support plans go. A zero move gives back `ds` exactly.
pub fn shift_dataset(
    ds: &Dataset,
    story: NaiveDate,
    weeks: i64,
    terms: &TermBoundaries,
) -> Result<Dataset, OutOfRange> {
    let m = Mover::new(story, weeks, terms)?;
    let mut out = ds.clone();
    // Every record is taken apart field by field, with no `..`: a field added to a type fails to
    // compile here until someone decides whether it moves.
    let Dataset {
        format: _,
        scheme: _,
        schools,
        decisions,
        meetings,
        activities,
        plans,
        checkpoints,
        notes,
        actions,
        escalations,
        audit,
    } = &mut out;
    for s in schools {
        m.school(s)?;
    }
    for d in decisions {
        m.decision(d)?;
    }
    for x in meetings {
        m.meeting(x)?;
    }
    for a in activities {
        m.activity(a)?;
    }
    for p in plans {
        m.plan(p)?;
    }
    for c in checkpoints {
        m.checkpoint(c)?;
    }
    for n in notes {
        m.note(n)?;
    }
    for a in actions {
        m.action(a)?;
    }
    for e in escalations {
        m.escalation(e)?;
    }
    for e in audit {
        m.audit(e)?;
    }
    Ok(out)
}

struct Mover<'a> {
    weeks: i64,
    by: TimeDelta,
    /// Academic years the story date moved: the plans' move.
    years: i32,
    terms: &'a TermBoundaries,
}

type Moved<T> = Result<T, OutOfRange>;

impl<'a> Mover<'a> {
    fn new(story: NaiveDate, weeks: i64, terms: &'a TermBoundaries) -> Moved<Mover<'a>> {
        let off = |what: &str| OutOfRange {
            weeks,
            what: what.to_string(),
        };
        let by = TimeDelta::try_weeks(weeks).ok_or_else(|| off("every date"))?;
        let moved = story
            .checked_add_signed(by)
            .ok_or_else(|| off("the story date"))?;
        let years = AcademicYear::of(moved).0 - AcademicYear::of(story).0;
        Ok(Mover {
            weeks,
            by,
            years,
            terms,
        })
    }

    fn off(&self, what: impl std::fmt::Display) -> OutOfRange {
        OutOfRange {
            weeks: self.weeks,
            what: what.to_string(),
        }
    }

    fn date(&self, d: NaiveDate) -> Moved<NaiveDate> {
        d.checked_add_signed(self.by)
            .ok_or_else(|| self.off(fmt_date(d)))
    }

    fn opt(&self, d: Option<NaiveDate>) -> Moved<Option<NaiveDate>> {
        d.map(|d| self.date(d)).transpose()
    }

    fn stamp(&self, t: DateTime<Utc>) -> Moved<DateTime<Utc>> {
        t.checked_add_signed(self.by)
            .ok_or_else(|| self.off(t.to_rfc3339()))
    }

    fn year(&self, y: AcademicYear) -> Moved<AcademicYear> {
        y.0.checked_add(self.years)
            .map(AcademicYear)
            .ok_or_else(|| self.off(format!("academic year {y}")))
    }

    /// Prose: its `dd/mm/yyyy` dates move.
    fn text(&self, s: &mut String) -> Moved<()> {
        *s = rewrite(s, 10, |t| {
            match NaiveDate::parse_from_str(t, "%d/%m/%Y") {
                // Only a date written the way `fmt_date` writes it, so "1/2/2026" or a
                // ratio that happens to parse is not taken for one.
                Ok(d) if fmt_date(d) == t => self.date(d).map(|d| Some(fmt_date(d))),
                _ => Ok(None),
            }
        })?;
        Ok(())
    }

    fn texts(&self, v: &mut [String]) -> Moved<()> {
        v.iter_mut().try_for_each(|s| self.text(s))
    }

    /// Prose that names academic years as "2025/26": those move with the plans.
    fn year_labels(&self, s: &mut String) -> Moved<()> {
        *s = rewrite(s, 7, |t| match year_label(t, '/') {
            Some(y) => self.year(y).map(|y| Some(y.to_string())),
            None => Ok(None),
        })?;
        Ok(())
    }

    /// Where (academic year, term) goes when a record dated `from` is moved to `to`.
    fn term(
        &self,
        (year, term): (AcademicYear, Term),
        from: NaiveDate,
        to: NaiveDate,
    ) -> Moved<(AcademicYear, Term)> {
        let index = |d: NaiveDate| term_index(AcademicYear::of(d), self.terms.term_of(d));
        let moved = term_index(year, term) + index(to) - index(from);
        let y = i32::try_from(moved.div_euclid(3))
            .map_err(|_| self.off(format!("the {term} term {year}")))?;
        // rem_euclid(3) is 0, 1 or 2.
        let t = Term::ALL[moved.rem_euclid(3) as usize];
        Ok((AcademicYear(y), t))
    }

    /// A title naming the term `from` by either label gets the same label of `to`.
    fn term_title(&self, title: &mut String, from: (AcademicYear, Term), to: (AcademicYear, Term)) {
        if from == to {
            return;
        }
        for label in [term_label, term_label_app] {
            let (old, new) = (label(self.terms, from), label(self.terms, to));
            if title.contains(&old) {
                *title = title.replace(&old, &new);
            }
        }
    }

    fn school(&self, s: &mut School) -> Moved<()> {
        let School {
            urn: _,
            name: _,
            phase: _,
            school_type: _,
            trust: _,
            diocese: _,
            headteacher: _,
            chair_of_governors: _,
            link_officer: _,
            contact_email: _,
            notes: _,
            pupils: _,
            ofsted: _,
            ofsted_date,
            report_card,
            opened,
            rev: _,
        } = s;
        *ofsted_date = self.opt(*ofsted_date)?;
        if let Some(c) = report_card {
            c.date = self.date(c.date)?;
        }
        *opened = self.opt(*opened)?;
        Ok(())
    }

    fn decision(&self, d: &mut Decision) -> Moved<()> {
        let Decision {
            id: _,
            urn: _,
            meeting: _,
            date,
            category: _,
            previous: _,
            rationale,
            evidence,
            ratings: _,
            risks: _,
            at_risk: _,
            decided_by: _,
            recorded_at,
            supersedes: _,
            school_informed,
            diocese_informed,
            shared_regional,
            rev: _,
        } = d;
        *date = self.date(*date)?;
        *recorded_at = self.stamp(*recorded_at)?;
        *school_informed = self.opt(*school_informed)?;
        *diocese_informed = self.opt(*diocese_informed)?;
        *shared_regional = self.opt(*shared_regional)?;
        self.text(rationale)?;
        self.texts(evidence)
    }

    fn meeting(&self, x: &mut Meeting) -> Moved<()> {
        let Meeting {
            id: _,
            date,
            term,
            year,
            title,
            attendees: _,
            agenda,
            status: _,
            // Filed minutes are a document as it was filed: never rewritten.
            minutes: _,
            rev: _,
        } = x;
        for item in agenda.iter_mut() {
            if let Some(r) = item.reason.as_mut() {
                self.text(r)?;
            }
        }
        let from = *date;
        *date = self.date(from)?;
        let was = (*year, *term);
        let now = self.term(was, from, *date)?;
        (*year, *term) = now;
        self.term_title(title, was, now);
        self.text(title)
    }

    fn activity(&self, a: &mut Activity) -> Moved<()> {
        let Activity {
            id: _,
            urn: _,
            kind,
            title,
            planned,
            done,
            status: _,
            owner: _,
            note: _,
            rev: _,
        } = a;
        let from = *planned;
        *planned = self.date(from)?;
        *done = self.opt(*done)?;
        if *kind == ActivityKind::SqaReview {
            // Its title names the term of the meeting it records, which is on its date.
            let was = (AcademicYear::of(from), self.terms.term_of(from));
            let now = self.term(was, from, *planned)?;
            self.term_title(title, was, now);
        }
        self.text(title)
    }

    fn plan(&self, p: &mut SupportPlan) -> Moved<()> {
        let SupportPlan {
            id: _,
            urn: _,
            year,
            priorities,
            rev: _,
        } = p;
        *year = self.year(*year)?;
        for PlanPriority {
            title,
            success_criteria,
        } in priorities
        {
            self.year_labels(title)?;
            self.text(title)?;
            for c in success_criteria {
                self.year_labels(c)?;
                self.text(c)?;
            }
        }
        Ok(())
    }

    fn checkpoint(&self, c: &mut CheckpointReview) -> Moved<()> {
        let CheckpointReview {
            id: _,
            urn: _,
            date,
            reviewer: _,
            plan: _,
            progress,
            overall: _,
            judgement,
            recommendation: _,
            next_due,
            rev: _,
        } = c;
        *date = self.date(*date)?;
        *next_due = self.opt(*next_due)?;
        self.text(judgement)?;
        for PriorityProgress {
            priority: _,
            progress: _,
            commentary,
        } in progress
        {
            self.text(commentary)?;
        }
        Ok(())
    }

    fn body(&self, b: &mut NoteBody) -> Moved<()> {
        let NoteBody {
            date,
            visitors: _,
            visit_type,
            purpose,
            people_met,
            focus: _,
            evidence,
            strengths,
            development,
            actions,
            next_steps,
            next_visit,
            text,
        } = b;
        *date = self.opt(*date)?;
        *next_visit = self.opt(*next_visit)?;
        for AgreedAction {
            text,
            owner: _,
            due,
            action: _,
        } in actions
        {
            *due = self.opt(*due)?;
            self.text(text)?;
        }
        for s in [
            visit_type,
            purpose,
            people_met,
            evidence,
            strengths,
            development,
            next_steps,
            text,
        ] {
            self.text(s)?;
        }
        Ok(())
    }

    fn note(&self, n: &mut Note) -> Moved<()> {
        let Note {
            id: _,
            urn: _,
            author: _,
            created,
            status: _,
            finalised,
            body,
            amendments,
            response,
            rev: _,
        } = n;
        *created = self.stamp(*created)?;
        *finalised = finalised.map(|t| self.stamp(t)).transpose()?;
        self.body(body)?;
        for Amendment {
            version: _,
            reason,
            author: _,
            at,
            previous,
        } in amendments
        {
            *at = self.stamp(*at)?;
            self.text(reason)?;
            self.body(previous)?;
        }
        if let Some(r) = response {
            r.received = self.date(r.received)?;
            r.recorded_at = self.stamp(r.recorded_at)?;
            self.text(&mut r.comment)?;
        }
        Ok(())
    }

    fn action(&self, a: &mut Action) -> Moved<()> {
        let Action {
            id: _,
            urn: _,
            source: _,
            text,
            owner: _,
            due,
            status: _,
            completed,
            rev: _,
        } = a;
        *due = self.opt(*due)?;
        *completed = self.opt(*completed)?;
        self.text(text)
    }

    fn audit(&self, e: &mut AuditEntry) -> Moved<()> {
        let AuditEntry {
            seq: _,
            at,
            user: _,
            kind,
            key,
            summary,
        } = e;
        *at = self.stamp(*at)?;
        // Keys read "100234/2026-11-23/17" (dated kinds, meetings) or "100234/2026-27/5" (plans).
        *key = rewrite(key, 10, |t| {
            match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                Ok(d) if d.format("%Y-%m-%d").to_string() == t => {
                    self.date(d).map(|d| Some(d.format("%Y-%m-%d").to_string()))
                }
                _ => Ok(None),
            }
        })?;
        if kind == "plan" {
            *key = rewrite(key, 7, |t| match year_label(t, '-') {
                Some(y) => self
                    .year(y)
                    .map(|y| Some(format!("{}-{:02}", y.0, (y.0 + 1).rem_euclid(100)))),
                None => Ok(None),
            })?;
        }
        self.text(summary)
    }
}

/// Terms counted from year 0: consecutive terms have consecutive indexes.
fn term_index(year: AcademicYear, term: Term) -> i64 {
    let t = match term {
        Term::Autumn => 0,
        Term::Spring => 1,
        Term::Summer => 2,
    };
    i64::from(year.0) * 3 + t
}

/// "Spring 2026": the term and the calendar year in which it starts (as the demo titles it).
fn term_label(terms: &TermBoundaries, (year, term): (AcademicYear, Term)) -> String {
    format!("{term} {}", terms.start(year, term).year())
}

/// "Spring term 2025/26", as the app titles the meetings it plans.
fn term_label_app(_: &TermBoundaries, (year, term): (AcademicYear, Term)) -> String {
    format!("{term} term {year}")
}

/// "2025/26" (with `sep` '/') or "2025-26" (with '-'): an academic year, the second part being
/// the year after the first.
fn year_label(t: &str, sep: char) -> Option<AcademicYear> {
    let (a, b) = t.split_once(sep)?;
    let (y, next): (i32, i32) = (a.parse().ok()?, b.parse().ok()?);
    let ok = a.len() == 4 && b.len() == 2 && next == (y + 1).rem_euclid(100);
    ok.then_some(AcademicYear(y))
}

/// `s` with each token of `width` ASCII bytes that starts and ends with a digit, and is not part
/// of a longer run of digits, replaced where `f` gives a replacement.
fn rewrite(
    s: &str,
    width: usize,
    mut f: impl FnMut(&str) -> Moved<Option<String>>,
) -> Moved<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut copied, mut i) = (0, 0);
    while i + width <= b.len() {
        let end = i + width;
        let candidate = b[i].is_ascii_digit()
            && b[end - 1].is_ascii_digit()
            && b[i..end].is_ascii()
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(end).is_none_or(|c| !c.is_ascii_digit());
        // The token is ASCII and starts after a digit boundary, so `i` and `end` are char
        // boundaries and slicing cannot panic.
        if candidate && let Some(new) = f(&s[i..end])? {
            out.push_str(&s[copied..i]);
            out.push_str(&new);
            copied = end;
            i = end;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[copied..]);
    Ok(out)
}

mod escalation;
#[cfg(test)]
mod tests;
