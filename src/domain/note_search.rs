//! Finding anything written about a school by its words: notes of visits (every field of the
//! current version), checkpoint reviews (the judgement and each priority's commentary) and
//! decisions (the rationale), case ignored. A query is words, and filters written into it:
//! `by:` an officer (login or display name), `type:` a visit type, `from:` and `to:` dates
//! (British, as typed anywhere else), `in:` notes, reviews or decisions. Each hit gives the
//! line that matched, for a results list a facilitator can read.
//!
//! `SearchIndex` holds every searchable record with its text lowercased once, so a search is
//! one pass over strings: fast enough to run on every keystroke on a large authority.

use super::calendar::parse_date;
use super::checkpoint::CheckpointReview;
use super::decision::Decision;
use super::note::Note;
use super::officers::OfficerNames;
use super::school::Urn;
use super::text::clean_line;
use chrono::NaiveDate;

/// The most hits one search gives (newest first): a query that matches more is too broad to
/// read anyway, and says so.
pub const MAX_HITS: usize = 200;

/// What a hit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Note(Note),
    Review(CheckpointReview),
    Decision(Decision),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Notes,
    Reviews,
    Decisions,
}

impl Found {
    pub fn kind(&self) -> Kind {
        match self {
            Found::Note(_) => Kind::Notes,
            Found::Review(_) => Kind::Reviews,
            Found::Decision(_) => Kind::Decisions,
        }
    }
    pub fn urn(&self) -> Urn {
        match self {
            Found::Note(n) => n.urn,
            Found::Review(r) => r.urn,
            Found::Decision(d) => d.urn,
        }
    }
    pub fn date(&self) -> NaiveDate {
        match self {
            Found::Note(n) => n.date(),
            Found::Review(r) => r.date,
            Found::Decision(d) => d.date,
        }
    }
    fn id(&self) -> u64 {
        match self {
            Found::Note(n) => n.id,
            Found::Review(r) => r.id,
            Found::Decision(d) => d.id,
        }
    }
    /// The officer who wrote it (login).
    pub fn officer(&self) -> &str {
        match self {
            Found::Note(n) => &n.author,
            Found::Review(r) => &r.reviewer,
            Found::Decision(d) => &d.decided_by,
        }
    }
    /// "Note", "Review", "Decision": the results list's first word.
    pub fn label(&self) -> &'static str {
        match self {
            Found::Note(_) => "Note",
            Found::Review(_) => "Review",
            Found::Decision(_) => "Decision",
        }
    }
}

/// One record that matched, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub found: Found,
    /// The field the first match is in ("Evidence seen", "Commentary", "Rationale"…).
    pub field: &'static str,
    /// The matching line of that field, cleaned to one line.
    pub line: String,
}

/// A query: its words, and its filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub words: Vec<String>,
    pub by: Option<String>,
    pub visit_type: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub only: Option<Kind>,
}

impl Query {
    /// Reads `text`: words, and `by:` `type:` `from:` `to:` `in:` filters (a filter's value
    /// runs to the next space; `by:"Jo Marsh"` and `type:"Support visit"` take quotes). A
    /// filter that cannot be read is named in the error.
    pub fn parse(text: &str, today: NaiveDate) -> Result<Query, String> {
        let mut q = Query::default();
        for token in tokens(text) {
            let Some((name, value)) = token.split_once(':').filter(|(n, v)| {
                !v.is_empty() && matches!(*n, "by" | "type" | "from" | "to" | "in")
            }) else {
                q.words.push(token.to_lowercase());
                continue;
            };
            let value = value.trim_matches('"');
            let date = || {
                parse_date(value, today)
                    .map_err(|_| format!("{name}: \"{value}\" is not a date (e.g. 01/09/2026)"))
            };
            match name {
                "by" => q.by = Some(value.to_lowercase()),
                "type" => q.visit_type = Some(value.to_lowercase()),
                "from" => q.from = Some(date()?),
                "to" => q.to = Some(date()?),
                _ => {
                    q.only = Some(match value.to_lowercase().as_str() {
                        "note" | "notes" => Kind::Notes,
                        "review" | "reviews" => Kind::Reviews,
                        "decision" | "decisions" => Kind::Decisions,
                        other => {
                            return Err(format!(
                                "in: \"{other}\" is not notes, reviews or decisions"
                            ));
                        }
                    })
                }
            }
        }
        Ok(q)
    }

    /// Nothing to look for: no words and no filter.
    pub fn is_empty(&self) -> bool {
        self == &Query::default()
    }
}

/// The query's tokens: split at spaces, except inside double quotes.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One searchable record, its text lowercased once.
#[derive(Debug, Clone)]
struct Entry {
    found: Found,
    fields: Vec<(&'static str, String)>,
    lower: String,
    /// Lowercased: the visit type of a note (empty otherwise).
    visit_type: String,
    /// Lowercased logins of whoever wrote it (a note's author and visitors).
    officers: Vec<String>,
}

/// Every searchable record of the store, ready to search.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn build(
        notes: Vec<Note>,
        reviews: Vec<CheckpointReview>,
        decisions: Vec<Decision>,
    ) -> Self {
        let mut entries = Vec::with_capacity(notes.len() + reviews.len() + decisions.len());
        for n in notes {
            let fields = n.body.labelled();
            let mut officers = vec![n.author.to_lowercase()];
            officers.extend(n.body.visitors.iter().map(|v| v.to_lowercase()));
            let visit_type = n.body.visit_type.to_lowercase();
            entries.push(entry(Found::Note(n), fields, visit_type, officers));
        }
        for r in reviews {
            let mut fields = vec![("Judgement", r.judgement.clone())];
            fields.extend(
                r.progress
                    .iter()
                    .map(|p| ("Commentary", p.commentary.clone())),
            );
            let officers = vec![r.reviewer.to_lowercase()];
            entries.push(entry(Found::Review(r), fields, String::new(), officers));
        }
        for d in decisions {
            let fields = vec![("Rationale", d.rationale.clone())];
            let officers = vec![d.decided_by.to_lowercase()];
            entries.push(entry(Found::Decision(d), fields, String::new(), officers));
        }
        // Newest first, once: a search keeps the order.
        entries.sort_by_key(|e| std::cmp::Reverse((e.found.date(), e.found.id())));
        SearchIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The records matching every word and filter of `q`, newest first, at most `MAX_HITS`;
    /// each with the first line that holds the query's first word (or its first line, when
    /// the query is filters only). `names` maps a `by:` display name to logins.
    pub fn search(&self, q: &Query, names: &OfficerNames) -> Vec<Hit> {
        if q.is_empty() {
            return vec![];
        }
        let mut hits = Vec::new();
        for e in &self.entries {
            if !matches(e, q, names) {
                continue;
            }
            let first = q.words.first();
            let found = e.fields.iter().find_map(|(label, text)| {
                text.lines()
                    .find(|l| first.is_none_or(|w| l.to_lowercase().contains(w.as_str())))
                    .map(|l| (*label, clean_line(l)))
            });
            let Some((field, line)) = found else {
                continue;
            };
            hits.push(Hit {
                found: e.found.clone(),
                field,
                line,
            });
            if hits.len() == MAX_HITS {
                break;
            }
        }
        hits
    }
}

fn entry(
    found: Found,
    fields: Vec<(&'static str, String)>,
    visit_type: String,
    officers: Vec<String>,
) -> Entry {
    let lower = fields
        .iter()
        .map(|(_, t)| t.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    Entry {
        found,
        fields,
        lower,
        visit_type,
        officers,
    }
}

fn matches(e: &Entry, q: &Query, names: &OfficerNames) -> bool {
    let date = e.found.date();
    q.only.is_none_or(|k| e.found.kind() == k)
        && q.from.is_none_or(|d| date >= d)
        && q.to.is_none_or(|d| date <= d)
        && q.visit_type
            .as_ref()
            .is_none_or(|t| e.found.kind() == Kind::Notes && e.visit_type.contains(t.as_str()))
        && q.by.as_ref().is_none_or(|who| {
            e.officers.iter().any(|login| {
                login.contains(who.as_str())
                    || names.name(login).to_lowercase().contains(who.as_str())
            })
        })
        && q.words.iter().all(|w| e.lower.contains(w.as_str()))
}

/// The notes among `notes` whose current version holds every word of `query` (no filters):
/// for callers with notes only.
pub fn search(notes: &[Note], query: &str) -> Vec<Hit> {
    let words = query.split_whitespace().map(str::to_lowercase).collect();
    let q = Query {
        words,
        ..Query::default()
    };
    SearchIndex::build(notes.to_vec(), vec![], vec![]).search(&q, &OfficerNames::default())
}

#[cfg(test)]
mod tests;
