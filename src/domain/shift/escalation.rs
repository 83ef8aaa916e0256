//! Moving an escalation step: its dates, and dates in its grounds.

use super::{Moved, Mover};
use crate::domain::EscalationStep;

impl Mover<'_> {
    pub(super) fn escalation(&self, e: &mut EscalationStep) -> Moved<()> {
        let EscalationStep {
            id: _,
            urn: _,
            kind: _,
            date,
            by: _,
            status: _,
            grounds,
            response_due,
            prompted_by: _,
            rev: _,
        } = e;
        *date = self.date(*date)?;
        *response_due = self.opt(*response_due)?;
        self.text(grounds)
    }
}
