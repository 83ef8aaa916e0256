//! Recognising dates, academic years and terms in text, and walking a dataset's JSON for every
//! field that holds one: the means by which `demo_anchor` checks that every date moves.

use super::*;

/// What the test recognises in text, independently of the code under test.
#[derive(Debug, PartialEq)]
pub(super) enum Tok {
    Date(NaiveDate),
    Year(i32),
    Term(String),
}

/// The text with dates (dd/mm/yyyy, yyyy-mm-dd), academic years (2025/26, 2025-26) and term
/// labels ("Spring 2026", "Spring term 2025/26") taken out, and what was taken out, in order.
pub(super) fn tokens(s: &str) -> (String, Vec<Tok>) {
    let chars: Vec<char> = s.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let shape = |i: usize, pat: &str| {
        pat.chars().enumerate().all(|(k, p)| match p {
            '9' => digit(i + k),
            c => chars.get(i + k) == Some(&c),
        }) && !digit(i + pat.chars().count())
            && (i == 0 || !digit(i - 1))
    };
    let text = |i: usize, n: usize| chars[i..i + n].iter().collect::<String>();
    let (mut skeleton, mut out, mut i) = (String::new(), vec![], 0);
    while i < chars.len() {
        if shape(i, "99/99/9999")
            && let Ok(x) = NaiveDate::parse_from_str(&text(i, 10), "%d/%m/%Y")
        {
            out.push(Tok::Date(x));
            skeleton.push_str("<date>");
            i += 10;
            continue;
        }
        if shape(i, "9999-99-99")
            && let Ok(x) = NaiveDate::parse_from_str(&text(i, 10), "%Y-%m-%d")
        {
            out.push(Tok::Date(x));
            skeleton.push_str("<date>");
            i += 10;
            continue;
        }
        if (shape(i, "9999/99") || shape(i, "9999-99"))
            && let Ok(y) = text(i, 4).parse::<i32>()
        {
            out.push(Tok::Year(y));
            skeleton.push_str("<year>");
            i += 7;
            continue;
        }
        let term = ["Autumn ", "Spring ", "Summer "]
            .iter()
            .find(|t| chars.len() >= i + 7 && text(i, 7) == **t);
        if term.is_some() {
            let n = if shape(i + 7, "9999") {
                11
            } else if chars.len() >= i + 12 && text(i + 7, 5) == "term " && shape(i + 12, "9999/99")
            {
                19
            } else {
                0
            };
            if n > 0 {
                out.push(Tok::Term(text(i, n)));
                skeleton.push_str("<term>");
                i += n;
                continue;
            }
        }
        skeleton.push(chars[i]);
        i += 1;
    }
    (skeleton, out)
}

#[test]
fn the_tokens_of_the_check_are_found() {
    let (s, t) =
        tokens("Review 24/09/2026 for 2025/26, key 9/2026-10-15/1, Spring 2026; 123/11/20261");
    assert_eq!(
        s,
        "Review <date> for <year>, key 9/<date>/1, <term>; 123/11/20261"
    );
    assert_eq!(
        t,
        vec![
            Tok::Date(d(2026, 9, 24)),
            Tok::Year(2025),
            Tok::Date(d(2026, 10, 15)),
            Tok::Term("Spring 2026".into())
        ]
    );
}

pub(super) struct Walk {
    pub(super) weeks: i64,
    pub(super) years: i32,
    /// Record fields (indexes as `*`) where a date or timestamp was found and moved.
    pub(super) dated: BTreeSet<String>,
}

impl Walk {
    fn leaf(&mut self, path: &str, a: &Value, b: &Value) {
        let by = Duration::weeks(self.weeks);
        // Fields whose change is a rule of its own, checked by `moved_county_agrees_with_itself`.
        let recounted = ["meetings.*.term", "meetings.*.year"];
        if recounted.contains(&path) {
            return;
        }
        if path == "plans.*.year" {
            assert_eq!(
                b.as_i64(),
                a.as_i64().map(|y| y + i64::from(self.years)),
                "{path}"
            );
            self.dated.insert(path.into());
            return;
        }
        let (Value::String(a), Value::String(b)) = (a, b) else {
            assert_eq!(a, b, "{path} is not a date and must not change");
            return;
        };
        if let Ok(x) = NaiveDate::parse_from_str(a, "%Y-%m-%d") {
            assert_eq!(b, &(x + by).format("%Y-%m-%d").to_string(), "{path}: {a}");
            self.dated.insert(path.into());
            return;
        }
        if let Ok(x) = DateTime::parse_from_rfc3339(a) {
            let y = DateTime::parse_from_rfc3339(b).unwrap_or_else(|e| panic!("{path}: {b}: {e}"));
            assert_eq!(y, x + by, "{path}: {a}");
            self.dated.insert(path.into());
            return;
        }
        let ((sa, ta), (sb, tb)) = (tokens(a), tokens(b));
        assert_eq!(sa, sb, "{path}: only dates, years and terms change in text");
        assert_eq!(ta.len(), tb.len(), "{path}: {a} → {b}");
        for (x, y) in ta.iter().zip(&tb) {
            match (x, y) {
                (Tok::Date(x), Tok::Date(y)) => assert_eq!(*y, *x + by, "{path}: {a} → {b}"),
                // Academic years in text move only where the record's year moves with them.
                (Tok::Year(x), Tok::Year(y))
                    if path.starts_with("plans.") || path == "audit.*.key" =>
                {
                    assert_eq!(*y, x + self.years, "{path}: {a} → {b}")
                }
                // Term labels move only in titles, which name the term of their date.
                (Tok::Term(_), Tok::Term(_))
                    if path == "meetings.*.title" || path == "activities.*.title" => {}
                (x, y) => assert_eq!(x, y, "{path}: {a} → {b}"),
            }
        }
    }

    pub(super) fn walk(&mut self, path: &mut Vec<String>, a: &Value, b: &Value) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                assert_eq!(
                    x.keys().collect::<Vec<_>>(),
                    y.keys().collect::<Vec<_>>(),
                    "{}",
                    path.join(".")
                );
                for (k, v) in x {
                    path.push(k.clone());
                    self.walk(path, v, &y[k]);
                    path.pop();
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                assert_eq!(x.len(), y.len(), "{}", path.join("."));
                // Index-free paths: every record of a kind is the same field.
                path.push("*".into());
                for (v, w) in x.iter().zip(y) {
                    self.walk(path, v, w);
                }
                path.pop();
            }
            _ => self.leaf(&path.join("."), a, b),
        }
    }
}

/// Every field path holding `null` in every record, which the walk could not check.
pub(super) fn never_set(v: &Value) -> BTreeSet<String> {
    fn go(
        v: &Value,
        path: &mut Vec<String>,
        null: &mut BTreeSet<String>,
        set: &mut BTreeSet<String>,
    ) {
        match v {
            // A field that is an object in one record and null in another is set.
            Value::Object(o) => {
                // An optional record (a note's response) set somewhere is set.
                set.insert(path.join("."));
                for (k, x) in o {
                    path.push(k.clone());
                    go(x, path, null, set);
                    path.pop();
                }
            }
            Value::Array(a) => {
                path.push("*".into());
                for x in a {
                    go(x, path, null, set);
                }
                path.pop();
            }
            Value::Null => {
                null.insert(path.join("."));
            }
            _ => {
                set.insert(path.join("."));
            }
        }
    }
    let (mut null, mut set) = (BTreeSet::new(), BTreeSet::new());
    go(v, &mut vec![], &mut null, &mut set);
    null.difference(&set).cloned().collect()
}
