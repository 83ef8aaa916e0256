//! Priority decisions: one per school per SQA meeting. History: never overwritten, only superseded.

use super::school::Urn;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub type Id = u64;

/// The areas a school is evaluated on (ratings by area, areas in focus on a visit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Area {
    QualityOfEducation,
    Standards,
    Leadership,
    Behaviour,
    Safeguarding,
    Finance,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::QualityOfEducation,
        Area::Standards,
        Area::Leadership,
        Area::Behaviour,
        Area::Safeguarding,
        Area::Finance,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Area::QualityOfEducation => "Quality of education",
            Area::Standards => "Standards (attainment and progress)",
            Area::Leadership => "Leadership and management, incl. governance",
            Area::Behaviour => "Behaviour, attitudes and attendance",
            Area::Safeguarding => "Safeguarding",
            Area::Finance => "Finance",
        }
    }
    pub fn short(self) -> &'static str {
        match self {
            Area::QualityOfEducation => "QoE",
            Area::Standards => "Standards",
            Area::Leadership => "L&M",
            Area::Behaviour => "Behaviour",
            Area::Safeguarding => "Safeguarding",
            Area::Finance => "Finance",
        }
    }
}

/// A best-fit rating of one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rating {
    Strong,
    Secure,
    Concern,
    SeriousConcern,
}

impl Rating {
    pub fn name(self) -> &'static str {
        match self {
            Rating::Strong => "Strong",
            Rating::Secure => "Secure",
            Rating::Concern => "Concern",
            Rating::SeriousConcern => "Serious concern",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskFactor {
    Complaints,
    OfstedOutcome,
    LeadershipChange,
    SafeguardingConcern,
    LossOfConfidence,
    BudgetDeficit,
}

impl RiskFactor {
    pub const ALL: [RiskFactor; 6] = [
        RiskFactor::Complaints,
        RiskFactor::OfstedOutcome,
        RiskFactor::LeadershipChange,
        RiskFactor::SafeguardingConcern,
        RiskFactor::LossOfConfidence,
        RiskFactor::BudgetDeficit,
    ];
    pub fn name(self) -> &'static str {
        match self {
            RiskFactor::Complaints => "Pattern of complaints",
            RiskFactor::OfstedOutcome => "Ofsted outcome",
            RiskFactor::LeadershipChange => "Leadership change or absence",
            RiskFactor::SafeguardingConcern => "Safeguarding concern",
            RiskFactor::LossOfConfidence => "Loss of confidence",
            RiskFactor::BudgetDeficit => "Budget deficit",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: Id,
    pub urn: Urn,
    /// The SQA meeting that made it, if any (a decision can be made between meetings).
    pub meeting: Option<Id>,
    pub date: NaiveDate,
    /// Category key in the scheme in force when it was made.
    pub category: String,
    pub previous: Option<String>,
    pub rationale: String,
    pub evidence: Vec<String>,
    pub ratings: Vec<(Area, Rating)>,
    pub risks: Vec<RiskFactor>,
    /// The "at risk" flag some schemes carry beside the category.
    pub at_risk: bool,
    pub decided_by: String,
    pub recorded_at: DateTime<Utc>,
    /// The decision this one supersedes (the school's previous decision).
    pub supersedes: Option<Id>,
    pub school_informed: Option<NaiveDate>,
    pub diocese_informed: Option<NaiveDate>,
    pub shared_regional: Option<NaiveDate>,
    pub rev: u64,
}

impl Decision {
    /// Not yet communicated: the school has not been told, or the diocese (where there is one).
    pub fn awaiting_communication(&self, has_diocese: bool) -> bool {
        awaiting_communication(
            self.school_informed.is_some(),
            self.diocese_informed.is_some(),
            has_diocese,
        )
    }
}

/// When a decision must give its reasons (the `rationale` setting). The seeds are explicit
/// that a status is agreed *with the reasons*; an authority may want them always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RationaleRule {
    /// When the category changes, the at-risk flag changes or a risk factor is added.
    #[default]
    OnChange,
    Always,
    Never,
}

impl RationaleRule {
    pub fn parse(s: &str) -> Option<RationaleRule> {
        match s.trim() {
            "on-change" | "required_on_change" => Some(RationaleRule::OnChange),
            "always" => Some(RationaleRule::Always),
            "never" => Some(RationaleRule::Never),
            _ => None,
        }
    }
}

/// Why a decision needs a rationale it lacks, or `None` when it may be saved. `before` is the
/// decision the school held before the meeting (none for a first decision).
pub fn rationale_needed(
    rule: RationaleRule,
    before: Option<&Decision>,
    category: &str,
    at_risk: bool,
    risks: &[RiskFactor],
    rationale: &str,
) -> Option<&'static str> {
    if !rationale.trim().is_empty() {
        return None;
    }
    match rule {
        RationaleRule::Never => None,
        RationaleRule::Always => Some("every decision gives its reasons"),
        RationaleRule::OnChange => match before {
            None => Some("a first decision gives its reasons"),
            Some(b) if b.category != category => Some("the category changes"),
            Some(b) if b.at_risk != at_risk => Some("the at-risk flag changes"),
            Some(b) if risks.iter().any(|r| !b.risks.contains(r)) => Some("a risk factor is added"),
            Some(_) => None,
        },
    }
}

/// Not yet communicated: the school has not been told, or the diocese (where there is one).
pub fn awaiting_communication(school_told: bool, diocese_told: bool, has_diocese: bool) -> bool {
    !school_told || (has_diocese && !diocese_told)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rationale_setting_words() {
        for (word, rule) in [
            ("on-change", RationaleRule::OnChange),
            ("required_on_change", RationaleRule::OnChange),
            ("always", RationaleRule::Always),
            ("never", RationaleRule::Never),
        ] {
            assert_eq!(RationaleRule::parse(word), Some(rule), "{word}");
        }
        assert_eq!(RationaleRule::parse("sometimes"), None);
    }
}
