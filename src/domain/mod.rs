//! The domain: pure types and rules. No I/O, no terminal, no store.

pub mod action;
pub mod activity;
pub mod audit;
pub mod board;
pub mod calendar;
pub mod checkpoint;
pub mod dataset;
pub mod decision;
pub mod integrity;
pub mod limits;
pub mod meeting;
pub mod minutes;
pub mod note;
pub mod ofsted;
pub mod plan;
pub mod priority;
pub mod schedule;
pub mod school;
pub mod school_details;
pub mod shift;
pub mod text;

pub use action::{Action, ActionSource, ActionStatus};
pub use activity::{Activity, ActivityKind, ActivityStatus, ShownStatus};
pub use audit::AuditEntry;
pub use calendar::{AcademicYear, Term, TermBoundaries};
pub use checkpoint::{CheckpointReview, PriorityProgress, Progress, Recommendation};
pub use dataset::Dataset;
pub use decision::{Area, Decision, Id, Rating, RationaleRule, RiskFactor};
pub use meeting::{AgendaItem, AgendaState, Meeting, MeetingStatus};
pub use note::{AgreedAction, Amendment, Note, NoteBody, NoteStatus};
pub use ofsted::{AreaGrade, Inspection, ReportArea, ReportCard, Safeguarding};
pub use plan::{PlanPriority, SupportPlan};
pub use priority::{Category, Change, Entitlement, Scheme};
pub use school::{OfstedOutcome, Phase, School, SchoolType, Urn};
