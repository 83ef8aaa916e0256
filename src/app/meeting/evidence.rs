//! The evidence considered for a decision: offered from what the evidence panel shows (notes
//! of visits and checkpoint reviews since the last decision, Ofsted, risk factors), then
//! edited on the form (lines left out, lines added) and saved in `Decision.evidence`.

use super::*;

impl App {
    /// What the evidence panel shows for `urn`, one line each, newest first within a kind.
    pub fn suggested_evidence(&self, urn: Urn) -> Vec<String> {
        let last = self.decision_before_meeting(urn);
        let since = last.map(|d| d.date);
        let after = |d: NaiveDate| since.is_none_or(|s| d > s);
        let mut out = vec![];
        if let Some(s) = self.school_by_urn(urn) {
            out.push(format!("Ofsted: {}", s.ofsted_summary()));
        }
        if let Some(d) = last
            && !d.risks.is_empty()
        {
            let r: Vec<&str> = d.risks.iter().map(|r| r.name()).collect();
            out.push(format!("Risk factors: {}", r.join(", ")));
        }
        if let Some(notes) = self.notes.get(&urn) {
            let mut v: Vec<_> = notes.iter().filter(|n| after(n.date())).collect();
            v.sort_by_key(|n| std::cmp::Reverse(n.date()));
            for n in v {
                out.push(format!(
                    "Note of visit {}: {}",
                    fmt_date(n.date()),
                    crate::domain::text::clean_line(&n.title())
                ));
            }
        }
        let mut cps: Vec<_> = self
            .checkpoints_of(urn)
            .into_iter()
            .filter(|c| after(c.date))
            .collect();
        cps.sort_by_key(|c| std::cmp::Reverse(c.date));
        for c in cps {
            out.push(format!(
                "Checkpoint review {}: {}, {}",
                fmt_date(c.date),
                c.overall.name(),
                c.recommendation.name()
            ));
        }
        out
    }

    /// The evidence list of `urn`'s form: as edited, else as offered (every line in).
    pub fn form_evidence(&self, urn: Urn) -> Vec<EvidenceLine> {
        let form = self.meeting.as_ref().and_then(|m| m.forms.get(&urn));
        if let Some(v) = form.and_then(|f| f.evidence.clone()) {
            return v;
        }
        // Decided at this meeting: the evidence as saved.
        match self.decision_at_this_meeting(urn) {
            Some(d) => evidence_lines(&d.evidence),
            None => self
                .suggested_evidence(urn)
                .into_iter()
                .map(|text| EvidenceLine { text, on: true })
                .collect(),
        }
    }

    /// The form's evidence list to edit: from now on it is the form's own.
    pub(super) fn evidence_mut(&mut self, urn: Urn) -> &mut Vec<EvidenceLine> {
        let shown = self.form_evidence(urn);
        self.form(urn).evidence.get_or_insert(shown)
    }
}

/// Saved evidence as form lines (every one in).
pub(super) fn evidence_lines(saved: &[String]) -> Vec<EvidenceLine> {
    saved
        .iter()
        .map(|t| EvidenceLine {
            text: t.clone(),
            on: true,
        })
        .collect()
}
