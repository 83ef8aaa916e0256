//! Report-card columns of a GIAS extract (the framework in force since November 2025). Read by
//! header name like every other column, and only when the extract has them: an older extract
//! without them imports as before. A row with a card date gets a card; its grades and
//! safeguarding are read from the columns present, and a value that is not a grade skips the row
//! naming its line and column.

use super::gias::{bad, date, is_placeholder};
use crate::domain::{AreaGrade, ReportArea, ReportCard, Safeguarding};

pub const CARD_DATE: &str = "ReportCardInspectionDate";
pub const CARD_SAFEGUARDING: &str = "ReportCardSafeguarding";

/// The header of each area's column.
pub fn area_column(area: ReportArea) -> &'static str {
    match area {
        ReportArea::Inclusion => "ReportCardInclusion",
        ReportArea::CurriculumAndTeaching => "ReportCardCurriculumAndTeaching",
        ReportArea::Achievement => "ReportCardAchievement",
        ReportArea::AttendanceAndBehaviour => "ReportCardAttendanceAndBehaviour",
        ReportArea::PersonalDevelopment => "ReportCardPersonalDevelopmentAndWellbeing",
        ReportArea::LeadershipAndGovernance => "ReportCardLeadershipAndGovernance",
        ReportArea::EarlyYears => "ReportCardEarlyYears",
        ReportArea::SixthForm => "ReportCardSixthForm",
    }
}

/// Every optional report-card column, read when present (README, "GIAS extract").
pub const CARD_COLUMNS: [&str; 10] = [
    CARD_DATE,
    "ReportCardInclusion",
    "ReportCardCurriculumAndTeaching",
    "ReportCardAchievement",
    "ReportCardAttendanceAndBehaviour",
    "ReportCardPersonalDevelopmentAndWellbeing",
    "ReportCardLeadershipAndGovernance",
    "ReportCardEarlyYears",
    "ReportCardSixthForm",
    CARD_SAFEGUARDING,
];

/// The row's report card, if it has a card date. `get` returns "" for a column the file lacks.
pub fn read_card<'r>(
    get: &impl Fn(&'static str) -> &'r str,
    line: u64,
) -> Result<Option<ReportCard>, String> {
    let Some(when) = date(get(CARD_DATE), line, CARD_DATE)? else {
        return Ok(None);
    };
    let mut card = ReportCard::empty(when);
    for area in ReportArea::ALL {
        let col = area_column(area);
        let v = get(col);
        if is_placeholder(v) {
            continue;
        }
        let g = AreaGrade::parse(v).ok_or_else(|| {
            bad(
                line,
                col,
                v,
                "is not a report-card grade (Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement or empty)",
            )
        })?;
        card.set(area, Some(g));
    }
    let v = get(CARD_SAFEGUARDING);
    if !is_placeholder(v) {
        card.safeguarding = Some(Safeguarding::parse(v).ok_or_else(|| {
            bad(
                line,
                CARD_SAFEGUARDING,
                v,
                "is not a safeguarding judgement (Met, Not met or empty)",
            )
        })?);
    }
    Ok(Some(card))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_columns_are_the_listed_ones() {
        for a in ReportArea::ALL {
            assert!(CARD_COLUMNS.contains(&area_column(a)), "{a:?}");
        }
    }
}
