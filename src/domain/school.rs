//! Schools as the register of schools describes them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Unique Reference Number, the DfE's identifier for an establishment.
pub type Urn = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    Nursery,
    Primary,
    Middle,
    Secondary,
    AllThrough,
    Special,
    Pru,
    Post16,
}

impl Phase {
    pub const ALL: [Phase; 8] = [
        Phase::Nursery,
        Phase::Primary,
        Phase::Middle,
        Phase::Secondary,
        Phase::AllThrough,
        Phase::Special,
        Phase::Pru,
        Phase::Post16,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Phase::Nursery => "Nursery",
            Phase::Primary => "Primary",
            Phase::Middle => "Middle",
            Phase::Secondary => "Secondary",
            Phase::AllThrough => "All-through",
            Phase::Special => "Special",
            Phase::Pru => "PRU",
            Phase::Post16 => "Post-16",
        }
    }
    /// Three letters for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            Phase::Nursery => "Nur",
            Phase::Primary => "Pri",
            Phase::Middle => "Mid",
            Phase::Secondary => "Sec",
            Phase::AllThrough => "A-T",
            Phase::Special => "Spe",
            Phase::Pru => "PRU",
            Phase::Post16 => "16+",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SchoolType {
    Community,
    VoluntaryAided,
    VoluntaryControlled,
    Foundation,
    AcademyConverter,
    AcademySponsorLed,
    FreeSchool,
}

impl SchoolType {
    pub const ALL: [SchoolType; 7] = [
        SchoolType::Community,
        SchoolType::VoluntaryAided,
        SchoolType::VoluntaryControlled,
        SchoolType::Foundation,
        SchoolType::AcademyConverter,
        SchoolType::AcademySponsorLed,
        SchoolType::FreeSchool,
    ];
    pub fn name(self) -> &'static str {
        match self {
            SchoolType::Community => "Community",
            SchoolType::VoluntaryAided => "Voluntary aided",
            SchoolType::VoluntaryControlled => "Voluntary controlled",
            SchoolType::Foundation => "Foundation",
            SchoolType::AcademyConverter => "Academy converter",
            SchoolType::AcademySponsorLed => "Academy sponsor-led",
            SchoolType::FreeSchool => "Free school",
        }
    }
    pub fn short(self) -> &'static str {
        match self {
            SchoolType::Community => "Comm",
            SchoolType::VoluntaryAided => "VA",
            SchoolType::VoluntaryControlled => "VC",
            SchoolType::Foundation => "Fdn",
            SchoolType::AcademyConverter => "AcConv",
            SchoolType::AcademySponsorLed => "AcSpon",
            SchoolType::FreeSchool => "Free",
        }
    }
    pub fn is_academy(self) -> bool {
        matches!(
            self,
            SchoolType::AcademyConverter | SchoolType::AcademySponsorLed | SchoolType::FreeSchool
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum OfstedOutcome {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
    /// Since September 2024 inspections report by area rather than one overall grade.
    NoOverallGrade,
    NotYetInspected,
    /// Inadequate, in the category of serious weaknesses. Added after the others: a stored
    /// enum's variants keep their places, so new ones go last.
    SeriousWeaknesses,
    /// Inadequate, in the category of special measures.
    SpecialMeasures,
}

impl OfstedOutcome {
    pub fn name(self) -> &'static str {
        match self {
            OfstedOutcome::Outstanding => "Outstanding",
            OfstedOutcome::Good => "Good",
            OfstedOutcome::RequiresImprovement => "Requires improvement",
            OfstedOutcome::Inadequate => "Inadequate",
            OfstedOutcome::NoOverallGrade => "No overall grade",
            OfstedOutcome::NotYetInspected => "Not yet inspected",
            OfstedOutcome::SeriousWeaknesses => "Inadequate (serious weaknesses)",
            OfstedOutcome::SpecialMeasures => "Inadequate (special measures)",
        }
    }
    pub fn short(self) -> &'static str {
        match self {
            OfstedOutcome::Outstanding => "Outst",
            OfstedOutcome::Good => "Good",
            OfstedOutcome::RequiresImprovement => "RI",
            OfstedOutcome::Inadequate => "Inad",
            OfstedOutcome::NoOverallGrade => "NoGrd",
            OfstedOutcome::NotYetInspected => "None",
            OfstedOutcome::SeriousWeaknesses => "Inad SW",
            OfstedOutcome::SpecialMeasures => "Inad SM",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct School {
    pub urn: Urn,
    pub name: String,
    pub phase: Phase,
    pub school_type: SchoolType,
    /// Multi-academy trust or federation, if any.
    pub trust: Option<String>,
    pub diocese: Option<String>,
    pub headteacher: String,
    pub chair_of_governors: String,
    /// The LA officer who links with this school.
    pub link_officer: String,
    /// How the authority reaches the school (the LA's own, kept across a GIAS re-import).
    #[serde(default)]
    pub contact_email: String,
    /// The LA's notes on the school (its own; kept across a GIAS re-import).
    #[serde(default)]
    pub notes: String,
    pub pupils: u32,
    pub ofsted: OfstedOutcome,
    pub ofsted_date: Option<NaiveDate>,
    /// The latest inspection under the November 2025 framework, if the school has had one. While
    /// it is `None` the school's inspection is the overall grade above (the "overall grade"
    /// kind); see [`School::inspection`].
    #[serde(default)]
    pub report_card: Option<super::ofsted::ReportCard>,
    /// Date the school opened or converted to an academy.
    pub opened: Option<NaiveDate>,
    /// Revision, bumped by the store on every save (compare-and-swap).
    pub rev: u64,
}
