//! Data out: pure functions from domain values to text (CSV for spreadsheets, Markdown for
//! documents). The caller writes the files.

pub mod csv;
pub mod escalation_md;
pub mod inform_csv;
pub mod markdown;

pub use self::csv::board_csv;
pub use inform_csv::to_inform_csv;
pub use markdown::{Readers, note_markdown, school_profile};
