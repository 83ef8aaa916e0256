//! Ofsted inspections of both kinds: the old overall grade (Outstanding … Inadequate, with the
//! categories of serious weaknesses and special measures), and the report card of the framework
//! in force since November 2025, which grades each evaluation area on a five-point scale and
//! judges safeguarding met or not met. The two scales are different things: nothing here orders
//! one against the other, and every text names which kind it is.

use super::School;
use super::calendar::{fmt_compact, fmt_date};
use super::school::OfstedOutcome;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A report card's grade for one evaluation area, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AreaGrade {
    Exceptional,
    StrongStandard,
    ExpectedStandard,
    NeedsAttention,
    UrgentImprovement,
}

impl AreaGrade {
    pub const ALL: [AreaGrade; 5] = [
        AreaGrade::Exceptional,
        AreaGrade::StrongStandard,
        AreaGrade::ExpectedStandard,
        AreaGrade::NeedsAttention,
        AreaGrade::UrgentImprovement,
    ];
    pub fn name(self) -> &'static str {
        match self {
            AreaGrade::Exceptional => "Exceptional",
            AreaGrade::StrongStandard => "Strong standard",
            AreaGrade::ExpectedStandard => "Expected standard",
            AreaGrade::NeedsAttention => "Needs attention",
            AreaGrade::UrgentImprovement => "Urgent improvement",
        }
    }
    /// Three letters, unlike any overall grade's short form, so the board never shows one scale
    /// in the other's words.
    pub fn short(self) -> &'static str {
        match self {
            AreaGrade::Exceptional => "Exc",
            AreaGrade::StrongStandard => "Str",
            AreaGrade::ExpectedStandard => "Exp",
            AreaGrade::NeedsAttention => "NdA",
            AreaGrade::UrgentImprovement => "Urg",
        }
    }
    /// Reads a grade as written in an extract or typed ("Strong standard", "needs attention").
    pub fn parse(v: &str) -> Option<AreaGrade> {
        let v = v.trim();
        AreaGrade::ALL
            .into_iter()
            .find(|g| g.name().eq_ignore_ascii_case(v))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Safeguarding {
    Met,
    NotMet,
}

impl Safeguarding {
    pub fn name(self) -> &'static str {
        match self {
            Safeguarding::Met => "Met",
            Safeguarding::NotMet => "Not met",
        }
    }
    pub fn parse(v: &str) -> Option<Safeguarding> {
        let v = v.trim();
        if v.eq_ignore_ascii_case("met") {
            Some(Safeguarding::Met)
        } else if v.eq_ignore_ascii_case("not met") {
            Some(Safeguarding::NotMet)
        } else {
            None
        }
    }
}

/// The evaluation areas of a report card, in Ofsted's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReportArea {
    Inclusion,
    CurriculumAndTeaching,
    Achievement,
    AttendanceAndBehaviour,
    PersonalDevelopment,
    LeadershipAndGovernance,
    EarlyYears,
    SixthForm,
}

impl ReportArea {
    pub const ALL: [ReportArea; 8] = [
        ReportArea::Inclusion,
        ReportArea::CurriculumAndTeaching,
        ReportArea::Achievement,
        ReportArea::AttendanceAndBehaviour,
        ReportArea::PersonalDevelopment,
        ReportArea::LeadershipAndGovernance,
        ReportArea::EarlyYears,
        ReportArea::SixthForm,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ReportArea::Inclusion => "Inclusion",
            ReportArea::CurriculumAndTeaching => "Curriculum and teaching",
            ReportArea::Achievement => "Achievement",
            ReportArea::AttendanceAndBehaviour => "Attendance and behaviour",
            ReportArea::PersonalDevelopment => "Personal development and well-being",
            ReportArea::LeadershipAndGovernance => "Leadership and governance",
            ReportArea::EarlyYears => "Early years",
            ReportArea::SixthForm => "Sixth form",
        }
    }
}

/// A report card. An area is `None` when it does not apply (early years, sixth form) or was not
/// given in the source; safeguarding is `None` only when the source did not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCard {
    pub date: NaiveDate,
    pub inclusion: Option<AreaGrade>,
    pub curriculum_and_teaching: Option<AreaGrade>,
    pub achievement: Option<AreaGrade>,
    pub attendance_and_behaviour: Option<AreaGrade>,
    pub personal_development: Option<AreaGrade>,
    pub leadership_and_governance: Option<AreaGrade>,
    pub early_years: Option<AreaGrade>,
    pub sixth_form: Option<AreaGrade>,
    pub safeguarding: Option<Safeguarding>,
}

impl ReportCard {
    /// A card dated `date` with no grades yet.
    pub fn empty(date: NaiveDate) -> ReportCard {
        ReportCard {
            date,
            inclusion: None,
            curriculum_and_teaching: None,
            achievement: None,
            attendance_and_behaviour: None,
            personal_development: None,
            leadership_and_governance: None,
            early_years: None,
            sixth_form: None,
            safeguarding: None,
        }
    }
    pub fn grade(&self, area: ReportArea) -> Option<AreaGrade> {
        match area {
            ReportArea::Inclusion => self.inclusion,
            ReportArea::CurriculumAndTeaching => self.curriculum_and_teaching,
            ReportArea::Achievement => self.achievement,
            ReportArea::AttendanceAndBehaviour => self.attendance_and_behaviour,
            ReportArea::PersonalDevelopment => self.personal_development,
            ReportArea::LeadershipAndGovernance => self.leadership_and_governance,
            ReportArea::EarlyYears => self.early_years,
            ReportArea::SixthForm => self.sixth_form,
        }
    }
    pub fn set(&mut self, area: ReportArea, grade: Option<AreaGrade>) {
        let slot = match area {
            ReportArea::Inclusion => &mut self.inclusion,
            ReportArea::CurriculumAndTeaching => &mut self.curriculum_and_teaching,
            ReportArea::Achievement => &mut self.achievement,
            ReportArea::AttendanceAndBehaviour => &mut self.attendance_and_behaviour,
            ReportArea::PersonalDevelopment => &mut self.personal_development,
            ReportArea::LeadershipAndGovernance => &mut self.leadership_and_governance,
            ReportArea::EarlyYears => &mut self.early_years,
            ReportArea::SixthForm => &mut self.sixth_form,
        };
        *slot = grade;
    }
    /// The graded areas, in Ofsted's order.
    pub fn grades(&self) -> impl Iterator<Item = (ReportArea, AreaGrade)> + '_ {
        ReportArea::ALL
            .into_iter()
            .filter_map(|a| self.grade(a).map(|g| (a, g)))
    }
    /// The weakest area grade: what a facilitator looks at first.
    pub fn lowest(&self) -> Option<AreaGrade> {
        self.grades().map(|(_, g)| g).max()
    }
    pub fn safeguarding_not_met(&self) -> bool {
        self.safeguarding == Some(Safeguarding::NotMet)
    }
    /// "Urg SG!" for the board: the weakest grade, and a mark when safeguarding is not met.
    pub fn short(&self) -> String {
        let low = self.lowest().map_or("RC", AreaGrade::short);
        if self.safeguarding_not_met() {
            format!("{low} SG!")
        } else {
            low.to_string()
        }
    }
    /// One line: "Report card (3 Nov 2026): lowest Needs attention; safeguarding not met".
    pub fn summary(&self, date: impl Fn(NaiveDate) -> String) -> String {
        let low = self.lowest().map_or("no area grades".to_string(), |g| {
            format!("lowest {}", g.name())
        });
        let sg = match self.safeguarding {
            Some(Safeguarding::Met) => "safeguarding met",
            Some(Safeguarding::NotMet) => "SAFEGUARDING NOT MET",
            None => "safeguarding not recorded",
        };
        format!("Report card ({}): {low}; {sg}", date(self.date))
    }
}

/// A school's latest inspection, of whichever kind it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inspection<'a> {
    /// The old framework: one overall grade (or none yet).
    OverallGrade(OfstedOutcome, Option<NaiveDate>),
    ReportCard(&'a ReportCard),
}

impl School {
    pub fn inspection(&self) -> Inspection<'_> {
        match &self.report_card {
            Some(c) => Inspection::ReportCard(c),
            None => Inspection::OverallGrade(self.ofsted, self.ofsted_date),
        }
    }
    /// The board's cell: "Good", "Inad SM", "NdA", "Urg SG!".
    pub fn ofsted_short(&self) -> String {
        match self.inspection() {
            Inspection::OverallGrade(o, _) => o.short().to_string(),
            Inspection::ReportCard(c) => c.short(),
        }
    }
    /// One line naming the kind: "Good (12 Mar 2019)" or "Report card (…): lowest …; …".
    pub fn ofsted_summary(&self) -> String {
        match self.inspection() {
            Inspection::OverallGrade(o, Some(d)) => format!("{} ({})", o.name(), fmt_date(d)),
            Inspection::OverallGrade(o, None) => o.name().to_string(),
            Inspection::ReportCard(c) => c.summary(fmt_date),
        }
    }
    /// The date of the latest inspection of either kind.
    pub fn ofsted_latest(&self) -> Option<NaiveDate> {
        match self.inspection() {
            Inspection::OverallGrade(_, d) => d,
            Inspection::ReportCard(c) => Some(c.date),
        }
    }
    /// The full record, one (label, value) a line: for a report card every area (those that do
    /// not apply say so), safeguarding, and the last overall grade, labelled as the old
    /// framework's so it is not read as a grade on the new scale.
    pub fn ofsted_detail(&self) -> Vec<(String, String)> {
        match self.inspection() {
            Inspection::OverallGrade(..) => vec![("Ofsted".into(), self.ofsted_summary())],
            Inspection::ReportCard(c) => {
                let mut out = vec![(
                    "Ofsted".into(),
                    format!("Report card, {}", fmt_date(c.date)),
                )];
                for a in ReportArea::ALL {
                    let v = match c.grade(a) {
                        Some(g) => g.name().to_string(),
                        None => "— (does not apply or not given)".to_string(),
                    };
                    out.push((format!("  {}", a.name()), v));
                }
                out.push((
                    "  Safeguarding".into(),
                    c.safeguarding
                        .map_or("not recorded", Safeguarding::name)
                        .to_string(),
                ));
                if !matches!(
                    self.ofsted,
                    OfstedOutcome::NoOverallGrade | OfstedOutcome::NotYetInspected
                ) {
                    let when = self
                        .ofsted_date
                        .map(|d| format!(" ({})", fmt_compact(d)))
                        .unwrap_or_default();
                    out.push((
                        "  Before: old framework's grade".into(),
                        format!("{}{when}", self.ofsted.name()),
                    ));
                }
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn lowest_grade_and_safeguarding_mark() {
        let mut c = ReportCard::empty(d(2026, 3, 2));
        assert_eq!(c.short(), "RC");
        c.inclusion = Some(AreaGrade::StrongStandard);
        c.achievement = Some(AreaGrade::NeedsAttention);
        c.safeguarding = Some(Safeguarding::Met);
        assert_eq!(c.lowest(), Some(AreaGrade::NeedsAttention));
        assert_eq!(c.short(), "NdA");
        c.safeguarding = Some(Safeguarding::NotMet);
        assert_eq!(c.short(), "NdA SG!");
        assert!(
            c.summary(|d| d.to_string())
                .contains("SAFEGUARDING NOT MET")
        );
    }

    #[test]
    fn parses_grades_and_safeguarding() {
        assert_eq!(
            AreaGrade::parse(" strong standard"),
            Some(AreaGrade::StrongStandard)
        );
        assert_eq!(AreaGrade::parse("Good"), None);
        assert_eq!(Safeguarding::parse("Not met"), Some(Safeguarding::NotMet));
        assert_eq!(Safeguarding::parse("maybe"), None);
    }
}
