//! The record kinds of a JSON export as its reader (`json_stream`) checks them: each kind's
//! place in the file, its rev and its list in a dataset. The id and the references each holds
//! are `domain::refs` (shared with `sqa check`).

use crate::domain::limits::{MAX_RECORDS_PER_KIND, MAX_SCHOOLS};
pub use crate::domain::refs::{Ref, Refers};
use crate::domain::{
    Action, Activity, CheckpointReview, Dataset, Decision, EscalationStep, Meeting, Note, School,
    SupportPlan,
};

/// A record kind as the import sees it: what the store needs (`Record`), its place in the
/// file, its rev, and the records it refers to (`Refers`).
pub trait Checked: crate::store::Record + Refers {
    /// Index in `KINDS`.
    const AT: usize;
    const MAX: usize;
    fn num_id(&self) -> u64 {
        self.ref_id()
    }
    fn num_rev(&self) -> u64;
    fn push_into(self, ds: &mut Dataset);
}

macro_rules! checked {
    ($ty:ty, $at:literal, $max:expr, $list:ident) => {
        impl Checked for $ty {
            const AT: usize = $at;
            const MAX: usize = $max;
            fn num_rev(&self) -> u64 {
                self.rev
            }
            fn push_into(self, ds: &mut Dataset) {
                ds.$list.push(self);
            }
        }
    };
}

checked!(School, 0, MAX_SCHOOLS, schools);
checked!(Decision, 1, MAX_RECORDS_PER_KIND, decisions);
checked!(Meeting, 2, MAX_RECORDS_PER_KIND, meetings);
checked!(Activity, 3, MAX_RECORDS_PER_KIND, activities);
checked!(SupportPlan, 4, MAX_RECORDS_PER_KIND, plans);
checked!(CheckpointReview, 5, MAX_RECORDS_PER_KIND, checkpoints);
checked!(Note, 6, MAX_RECORDS_PER_KIND, notes);
checked!(Action, 7, MAX_RECORDS_PER_KIND, actions);
checked!(EscalationStep, 8, MAX_RECORDS_PER_KIND, escalations);
