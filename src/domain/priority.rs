//! Priority categories: an ordered, configurable scheme whose categories carry an entitlement.

use super::list::List;
use serde::{Deserialize, Serialize};

/// What a school in a category is entitled to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entitlement {
    /// Weeks between checkpoint reviews; `None` when the category has no checkpoints.
    pub checkpoint_weeks: Option<u32>,
    /// Visits by the link officer in an academic year.
    pub visits_per_year: u32,
    /// Whether LA strategy meetings are held termly at the school.
    pub strategy_meetings: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Stable key stored in decisions (never renamed once used).
    pub key: String,
    pub name: String,
    /// Short label for narrow columns, e.g. "HIGH".
    pub label: String,
    /// A symbol so the category is readable without colour, e.g. "▲".
    pub symbol: String,
    /// A colour name: red, yellow, green, blue, magenta, cyan, gray, white.
    pub colour: String,
    pub description: String,
    pub entitlement: Entitlement,
}

/// An ordered list of categories, most support first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheme {
    pub name: String,
    pub categories: Vec<Category>,
    /// Categories of an earlier scheme and the category of this one each now counts as
    /// (`[scheme] map` in the config): past decisions keep the key they were made with, and
    /// the board, the moves and the minutes read it through this (`get`, `rank`, `change`).
    #[serde(default)]
    pub map: Vec<(String, String)>,
}

/// How a decision moved a school relative to its previous decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Change {
    /// More support than before (a higher priority).
    Raised,
    Lowered,
    Same,
    /// First decision for the school.
    New,
}

impl Change {
    pub fn symbol(self) -> &'static str {
        match self {
            Change::Raised => "↑",
            Change::Lowered => "↓",
            Change::Same => "=",
            Change::New => "*",
        }
    }
    pub fn word(self) -> &'static str {
        match self {
            Change::Raised => "raised",
            Change::Lowered => "lowered",
            Change::Same => "same",
            Change::New => "new",
        }
    }
}

impl Scheme {
    /// Rank of a category: 0 is the most support. Unknown keys (from an older scheme) rank last.
    /// The key of this scheme's category that `key` stands for: itself, or what an earlier
    /// scheme's key is mapped to.
    pub fn resolve<'a>(&'a self, key: &'a str) -> &'a str {
        if self.categories.iter().any(|c| c.key == key) {
            return key;
        }
        self.map
            .iter()
            .find(|(old, _)| old == key)
            .map_or(key, |(_, new)| new.as_str())
    }
    pub fn rank(&self, key: &str) -> usize {
        let key = self.resolve(key);
        self.categories
            .iter()
            .position(|c| c.key == key)
            .unwrap_or(self.categories.len())
    }
    pub fn get(&self, key: &str) -> Option<&Category> {
        let key = self.resolve(key);
        self.categories.iter().find(|c| c.key == key)
    }
    pub fn change(&self, previous: Option<&str>, current: &str) -> Change {
        match previous {
            None => Change::New,
            Some(p) => {
                let (p, c) = (self.rank(p), self.rank(current));
                match c.cmp(&p) {
                    std::cmp::Ordering::Less => Change::Raised,
                    std::cmp::Ordering::Greater => Change::Lowered,
                    std::cmp::Ordering::Equal => Change::Same,
                }
            }
        }
    }

    /// The local-authority default: High / Medium / Low / Universal.
    pub fn la_default() -> Scheme {
        Scheme {
            map: vec![],
            name: "Local authority default".into(),
            categories: vec![
                cat(
                    "high",
                    "High",
                    "HIGH",
                    "▲",
                    "red",
                    "Intensive support",
                    Some(6),
                    9,
                    true,
                ),
                cat(
                    "medium",
                    "Medium",
                    "MED",
                    "◆",
                    "yellow",
                    "Targeted support",
                    Some(12),
                    6,
                    false,
                ),
                cat(
                    "low",
                    "Low",
                    "LOW",
                    "●",
                    "green",
                    "Light touch",
                    None,
                    3,
                    false,
                ),
                cat(
                    "universal",
                    "Universal",
                    "UNIV",
                    "○",
                    "blue",
                    "Self-improving",
                    None,
                    1,
                    false,
                ),
            ],
        }
    }

    /// A trust's Stabilise / Repair / Improve / Sustain model, most support first.
    pub fn trust_sustain() -> Scheme {
        Scheme {
            map: vec![],
            name: "Trust: Stabilise / Repair / Improve / Sustain".into(),
            categories: vec![
                cat(
                    "stabilise",
                    "Stabilise",
                    "STAB",
                    "▲",
                    "red",
                    "Urgent, intensive intervention",
                    Some(4),
                    12,
                    true,
                ),
                cat(
                    "repair",
                    "Repair",
                    "REPR",
                    "◆",
                    "magenta",
                    "Significant weaknesses to repair",
                    Some(6),
                    9,
                    true,
                ),
                cat(
                    "improve",
                    "Improve",
                    "IMPR",
                    "●",
                    "yellow",
                    "Improving, with support",
                    Some(12),
                    6,
                    false,
                ),
                cat(
                    "sustain",
                    "Sustain",
                    "SUST",
                    "○",
                    "green",
                    "Strong and sustaining",
                    None,
                    3,
                    false,
                ),
            ],
        }
    }

    /// Wales' national support categories, red (most support) to green.
    pub fn wales() -> Scheme {
        Scheme {
            map: vec![],
            name: "Wales support categories".into(),
            categories: vec![
                cat(
                    "red",
                    "Red",
                    "RED",
                    "▲",
                    "red",
                    "Greatest support",
                    Some(6),
                    25,
                    true,
                ),
                cat(
                    "amber",
                    "Amber",
                    "AMBR",
                    "◆",
                    "magenta",
                    "Considerable support",
                    Some(8),
                    15,
                    false,
                ),
                cat(
                    "yellow",
                    "Yellow",
                    "YELW",
                    "●",
                    "yellow",
                    "Some support",
                    Some(12),
                    10,
                    false,
                ),
                cat(
                    "green",
                    "Green",
                    "GRN",
                    "○",
                    "green",
                    "Least support",
                    None,
                    4,
                    false,
                ),
            ],
        }
    }

    pub fn presets() -> Vec<(&'static str, Scheme)> {
        vec![
            ("la-default", Scheme::la_default()),
            ("trust-sustain", Scheme::trust_sustain()),
            ("wales", Scheme::wales()),
        ]
    }
}

/// The categories of schools' current decisions that `scheme` neither has nor maps, with how
/// many schools each: switching to it would leave them unknown.
pub fn unmapped_categories(
    scheme: &Scheme,
    decisions: &List<super::Decision>,
) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for d in super::board::current_decisions(decisions).values() {
        if scheme.get(&d.category).is_none() {
            *counts.entry(d.category.clone()).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

#[allow(clippy::too_many_arguments)]
fn cat(
    key: &str,
    name: &str,
    label: &str,
    symbol: &str,
    colour: &str,
    description: &str,
    checkpoint_weeks: Option<u32>,
    visits_per_year: u32,
    strategy_meetings: bool,
) -> Category {
    Category {
        key: key.into(),
        name: name.into(),
        label: label.into(),
        symbol: symbol.into(),
        colour: colour.into(),
        description: description.into(),
        entitlement: Entitlement {
            checkpoint_weeks,
            visits_per_year,
            strategy_meetings,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn change_follows_rank() {
        let s = Scheme::la_default();
        assert_eq!(s.change(None, "high"), Change::New);
        assert_eq!(s.change(Some("medium"), "high"), Change::Raised);
        assert_eq!(s.change(Some("high"), "low"), Change::Lowered);
        assert_eq!(s.change(Some("low"), "low"), Change::Same);
        assert_eq!(s.rank("gone"), 4);
        for (_, p) in Scheme::presets() {
            assert_eq!(p.categories.len(), 4);
        }
    }
}
