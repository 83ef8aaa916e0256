//! A whole `Dataset` out: export of everything in a deterministic order (the import is in
//! `import`, the streamed export in `export_stream`).

use super::read::decode_audit;
use super::{AUDIT_TREE, Store, StoreError};
use crate::domain::dataset::EXPORT_FORMAT;
use crate::domain::{
    Action, Activity, CheckpointReview, Dataset, Decision, EscalationStep, Meeting, Note, School,
    SupportPlan,
};

fn sorted_by<T: Clone, K: Ord>(mut v: Vec<T>, key: impl Fn(&T) -> K) -> List<T> {
    v.sort_by_key(key);
    v.into()
}

use crate::domain::list::List;

impl Store {
    /// Everything, notes and audit included. Schools by urn, other records by id, audit by
    /// sequence number, so two exports of the same data are identical.
    pub fn export_dataset(&self) -> Result<Dataset, StoreError> {
        let audit = self
            .tree(AUDIT_TREE)?
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                decode_audit(&v, &k)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Dataset {
            format: EXPORT_FORMAT,
            scheme: self
                .scheme()?
                .unwrap_or_else(crate::domain::Scheme::la_default),
            schools: sorted_by(self.all::<School>()?, |r| r.urn),
            decisions: sorted_by(self.all::<Decision>()?, |r| r.id),
            meetings: sorted_by(self.all::<Meeting>()?, |r| r.id),
            activities: sorted_by(self.all::<Activity>()?, |r| r.id),
            plans: sorted_by(self.all::<SupportPlan>()?, |r| r.id),
            checkpoints: sorted_by(self.all::<CheckpointReview>()?, |r| r.id),
            notes: sorted_by(self.all::<Note>()?, |r| r.id),
            actions: sorted_by(self.all::<Action>()?, |r| r.id),
            escalations: sorted_by(self.all::<EscalationStep>()?, |r| r.id),
            audit: audit.into(),
        })
    }
}
