//! What importing an extract would change in the schools already held: added, updated,
//! unchanged, and those that have left the extract. Pure: the caller shows it, asks, then saves.

use super::gias::{GiasParse, Skipped};
use crate::domain::school_details::{DetailField, GIAS_ALSO_SUPPLIES, SchoolDetails};
use crate::domain::text::clean_line;
use crate::domain::{School, Urn};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What an import would change. Pure: the caller shows it, asks, then saves.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    pub added: Vec<School>,
    /// (old, new): the new keeps the old revision (for compare-and-swap) and the LA's own
    /// fields: link officer, chair of governors where GIAS has none, and a report card where
    /// the extract has none.
    pub updated: Vec<(School, School)>,
    pub unchanged: Vec<u32>,
    /// In the store but not in the extract (nor skipped from it): reported, never deleted.
    pub left_extract: Vec<School>,
    /// An officer's correction of a detail GIAS also supplies, kept over the extract's value.
    pub kept_local: Vec<KeptLocal>,
}

/// A local edit the import kept, and what the extract says instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptLocal {
    pub urn: Urn,
    pub field: DetailField,
    pub held: String,
    pub gias: String,
}

/// Compares the extract with the schools already held. Results are sorted by URN.
pub fn plan_import<'a>(
    existing: impl IntoIterator<Item = &'a School> + Copy,
    parsed: &GiasParse,
) -> ImportPlan {
    plan_import_keeping(existing, parsed, &HashMap::new())
}

/// `plan_import`, keeping the details officers have corrected since each school's last import
/// (`edited`, read from the audit trail by the caller) where the extract differs from them:
/// each such difference is in `kept_local`, for the report.
pub fn plan_import_keeping<'a>(
    existing: impl IntoIterator<Item = &'a School> + Copy,
    parsed: &GiasParse,
    edited: &HashMap<Urn, Vec<DetailField>>,
) -> ImportPlan {
    let held: HashMap<Urn, &School> = existing.into_iter().map(|s| (s.urn, s)).collect();
    let mut plan = ImportPlan::default();
    let mut in_extract: HashSet<Urn> = parsed.skipped.iter().filter_map(|s| s.urn).collect();
    for row in &parsed.schools {
        let new = &row.school;
        in_extract.insert(new.urn);
        match held.get(&new.urn) {
            None => plan.added.push(new.clone()),
            Some(old) => {
                let mut merged = new.clone();
                merged.rev = old.rev;
                // The LA's own fields: GIAS does not hold them, so an import never changes them.
                merged.link_officer = old.link_officer.clone();
                merged.contact_email = old.contact_email.clone();
                merged.notes = old.notes.clone();
                if merged.chair_of_governors.trim().is_empty() {
                    merged.chair_of_governors = old.chair_of_governors.clone();
                }
                // An extract without report-card columns (or without this school's card) says
                // nothing about a card already held, recorded from a JSON import or an earlier
                // extract: keep it.
                if merged.report_card.is_none() {
                    merged.report_card = old.report_card.clone();
                }
                for &f in edited.get(&new.urn).into_iter().flatten() {
                    if !GIAS_ALSO_SUPPLIES.contains(&f) {
                        continue;
                    }
                    let (held, mut theirs) = (SchoolDetails::of(old), SchoolDetails::of(&merged));
                    if held.get(f) != theirs.get(f) {
                        plan.kept_local.push(KeptLocal {
                            urn: new.urn,
                            field: f,
                            held: held.get(f).to_string(),
                            gias: theirs.get(f).to_string(),
                        });
                        theirs.set(f, held.get(f));
                        merged = theirs.apply(&merged);
                    }
                }
                if &merged == *old {
                    plan.unchanged.push(new.urn);
                } else {
                    plan.updated.push(((*old).clone(), merged));
                }
            }
        }
    }
    plan.left_extract = existing
        .into_iter()
        .filter(|s| !in_extract.contains(&s.urn))
        .cloned()
        .collect();
    plan.added.sort_by_key(|s| s.urn);
    plan.updated.sort_by_key(|(o, _)| o.urn);
    plan.unchanged.sort_unstable();
    plan.left_extract.sort_by_key(|s| s.urn);
    plan.kept_local.sort_by_key(|k| k.urn);
    plan
}

/// How many distinct skip reasons, and schools that left the extract, a summary names before
/// "and N more" (the full lists are in [`GiasParse::skipped`] and [`ImportPlan::left_extract`]).
pub const SUMMARY_ITEMS: usize = 10;

impl ImportPlan {
    /// One line for a person: "added 3, updated 2, unchanged 20, skipped 4 (…), left the
    /// extract 1 (…)". Repeated reasons (such as "not open (Closed)") are counted, not repeated.
    pub fn summary(&self, skipped: &[Skipped]) -> String {
        let mut s = format!(
            "added {}, updated {}, unchanged {}, skipped {}",
            self.added.len(),
            self.updated.len(),
            self.unchanged.len(),
            skipped.len()
        );
        if !skipped.is_empty() {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            let mut order: Vec<&str> = vec![];
            for k in skipped {
                let c = counts.entry(k.reason.as_str()).or_insert(0);
                if *c == 0 {
                    order.push(&k.reason);
                }
                *c += 1;
            }
            let mut parts: Vec<String> = order
                .iter()
                .take(SUMMARY_ITEMS)
                .map(|r| match counts.get(r) {
                    Some(&n) if n > 1 => format!("{n} × {r}"),
                    _ => r.to_string(),
                })
                .collect();
            if order.len() > SUMMARY_ITEMS {
                parts.push(format!("and {} more", order.len() - SUMMARY_ITEMS));
            }
            s.push_str(&format!(" ({})", parts.join("; ")));
        }
        if !self.kept_local.is_empty() {
            let mut parts: Vec<String> = self
                .kept_local
                .iter()
                .take(SUMMARY_ITEMS)
                .map(|k| {
                    format!(
                        "{} {}: kept \"{}\", GIAS has \"{}\"",
                        k.urn,
                        k.field.name(),
                        clean_line(&k.held),
                        clean_line(&k.gias)
                    )
                })
                .collect();
            if self.kept_local.len() > SUMMARY_ITEMS {
                parts.push(format!(
                    "and {} more",
                    self.kept_local.len() - SUMMARY_ITEMS
                ));
            }
            s.push_str(&format!(
                ", kept {} local edit(s) the extract differs on ({})",
                self.kept_local.len(),
                parts.join("; ")
            ));
        }
        s.push_str(&format!(", left the extract {}", self.left_extract.len()));
        if !self.left_extract.is_empty() {
            let mut parts: Vec<String> = self
                .left_extract
                .iter()
                .take(SUMMARY_ITEMS)
                .map(|x| format!("{} {}", x.urn, clean_line(&x.name)))
                .collect();
            if self.left_extract.len() > SUMMARY_ITEMS {
                parts.push(format!(
                    "and {} more",
                    self.left_extract.len() - SUMMARY_ITEMS
                ));
            }
            s.push_str(&format!(" ({})", parts.join("; ")));
        }
        s
    }
}
