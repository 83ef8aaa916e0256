//! The checkpoint review form: progress on each priority of the school's support plan for the
//! year, an overall judgement, a recommendation for the next SQA meeting and the next checkpoint
//! date (defaulting from the entitlement of the school's category).

use crate::app::kept::KeptForm;
use crate::app::{Action, App, Ctx, Effect, Nav, Record, SaveRequest, Screen};
use crate::domain::calendar::{AcademicYear, fmt_date, parse_date};
use crate::domain::checkpoint::next_checkpoint;
use crate::domain::schedule::latest_review;
use crate::domain::text::clean_line;
use crate::domain::{
    Activity, ActivityKind, ActivityStatus, CheckpointReview, Id, PriorityProgress, Progress,
    Recommendation, SupportPlan, Urn,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckpointField {
    /// Progress on plan priority `i`.
    Progress(usize),
    /// Commentary on plan priority `i`.
    Commentary(usize),
    Overall,
    Judgement,
    Recommendation,
    NextDue,
}

impl CheckpointField {
    pub fn is_text(self) -> bool {
        matches!(
            self,
            CheckpointField::Commentary(_) | CheckpointField::Judgement | CheckpointField::NextDue
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityEntry {
    pub title: String,
    pub criteria: Vec<String>,
    pub progress: Progress,
    pub commentary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointForm {
    pub urn: Urn,
    pub plan: Option<Id>,
    pub year: AcademicYear,
    pub priorities: Vec<PriorityEntry>,
    pub overall: Progress,
    pub judgement: String,
    pub recommendation: Recommendation,
    /// As typed; empty for "no further checkpoint".
    pub next_due: String,
    pub field: usize,
    /// An inline error naming the field.
    pub error: Option<String>,
    pub pending: bool,
    /// Amending this recorded review (`e` in its read-only view): saving replaces it, keeping
    /// its id, day and reviewer, and plans nothing. `None`: a new review.
    pub original: Option<CheckpointReview>,
}

/// Schema of `CheckpointDraft` in the store's form drafts: 2 added `amends` (v1 kept new
/// reviews only; `form_drafts::migrate_checkpoint_draft` reads them).
pub const CHECKPOINT_DRAFT_SCHEMA: u16 = 2;
/// Key prefix of checkpoint review drafts among the store's form drafts.
pub const CHECKPOINT_DRAFT_PREFIX: &str = "checkpoint/";

/// A checkpoint review being typed when the session ended (quit, SIGHUP, SIGTERM): kept in the
/// store and put back when the review of that school is opened again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointDraft {
    pub urn: Urn,
    pub author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    /// The support plan reviewed: a draft for another plan is not restored into this one.
    pub plan: Option<Id>,
    pub progress: Vec<Progress>,
    pub commentary: Vec<String>,
    pub overall: Progress,
    pub judgement: String,
    pub recommendation: Recommendation,
    pub next_due: String,
    /// An amendment of this recorded review (its id, and its revision when the amendment was
    /// opened, so that a review changed since meets the conflict check at save); `None`: a new
    /// review. Field order matters to bincode: new fields go last, with a schema bump.
    pub amends: Option<(Id, u64)>,
}

const PROGRESS: [Progress; 3] = [
    Progress::OnTrack,
    Progress::SomeConcern,
    Progress::NotOnTrack,
];
const RECOMMEND: [Recommendation; 3] = [
    Recommendation::Keep,
    Recommendation::Raise,
    Recommendation::Lower,
];

fn step<T: PartialEq + Copy>(all: &[T], cur: T, dir: isize) -> T {
    let i = all.iter().position(|x| *x == cur).unwrap_or(0) as isize;
    all[(i + dir).rem_euclid(all.len() as isize) as usize]
}

impl CheckpointForm {
    /// What its kept draft is for: the school, and the review it amends (if it does).
    pub fn which(&self) -> (Urn, Option<Id>) {
        (self.urn, self.original.as_ref().map(|r| r.id))
    }

    /// The fields in order.
    pub fn fields(&self) -> Vec<CheckpointField> {
        let mut v = Vec::new();
        for i in 0..self.priorities.len() {
            v.push(CheckpointField::Progress(i));
            v.push(CheckpointField::Commentary(i));
        }
        v.extend([
            CheckpointField::Overall,
            CheckpointField::Judgement,
            CheckpointField::Recommendation,
            CheckpointField::NextDue,
        ]);
        v
    }
    pub fn current(&self) -> CheckpointField {
        let f = self.fields();
        f.get(self.field)
            .copied()
            .unwrap_or(CheckpointField::Overall)
    }
    pub(crate) fn text_mut(&mut self) -> Option<&mut String> {
        match self.current() {
            CheckpointField::Commentary(i) => self.priorities.get_mut(i).map(|p| &mut p.commentary),
            CheckpointField::Judgement => Some(&mut self.judgement),
            CheckpointField::NextDue => Some(&mut self.next_due),
            _ => None,
        }
    }
    fn cycle_value(&mut self, dir: isize) {
        match self.current() {
            CheckpointField::Progress(i) => {
                if let Some(p) = self.priorities.get_mut(i) {
                    p.progress = step(&PROGRESS, p.progress, dir);
                }
            }
            CheckpointField::Overall => self.overall = step(&PROGRESS, self.overall, dir),
            CheckpointField::Recommendation => {
                self.recommendation = step(&RECOMMEND, self.recommendation, dir)
            }
            _ => {}
        }
    }

    /// The next checkpoint date as typed (`None` when left empty), or an error naming the field.
    pub fn next_due_date(&self, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
        if self.next_due.trim().is_empty() {
            return Ok(None);
        }
        // An amended review's next checkpoint comes after the review's own day.
        let after = self.original.as_ref().map_or(today, |r| r.date);
        match parse_date(&self.next_due, today) {
            Ok(d) if d <= after && self.original.is_some() => Err(format!(
                "Next checkpoint: {} is not after the review ({})",
                fmt_date(d),
                fmt_date(after)
            )),
            Ok(d) if d <= after => Err(format!(
                "Next checkpoint: {} is not after today",
                fmt_date(d)
            )),
            Ok(d) => Ok(Some(d)),
            Err(e) => Err(format!("Next checkpoint: {e}")),
        }
    }

    pub fn build(
        &self,
        id: Id,
        today: NaiveDate,
        reviewer: &str,
    ) -> Result<CheckpointReview, String> {
        let next_due = self.next_due_date(today)?;
        Ok(CheckpointReview {
            id,
            urn: self.urn,
            date: today,
            reviewer: reviewer.to_string(),
            plan: self.plan,
            progress: self
                .priorities
                .iter()
                .enumerate()
                .map(|(i, p)| PriorityProgress {
                    priority: i,
                    progress: p.progress,
                    commentary: p.commentary.trim().to_string(),
                })
                .collect(),
            overall: self.overall,
            judgement: self.judgement.trim().to_string(),
            recommendation: self.recommendation,
            next_due,
            rev: 0,
        })
    }
}

/// What was typed in a kept review, into its form (which has as many priorities).
fn fill_from_draft(f: &mut CheckpointForm, d: &CheckpointDraft) {
    for ((p, progress), commentary) in f.priorities.iter_mut().zip(&d.progress).zip(&d.commentary) {
        p.progress = *progress;
        p.commentary = commentary.clone();
    }
    f.overall = d.overall;
    f.judgement = d.judgement.clone();
    f.recommendation = d.recommendation;
    f.next_due = d.next_due.clone();
}

/// The school's support plan for an academic year, from its plans (or any list of plans:
/// `App::plans_of` gives the school's own without a scan).
pub fn plan_for<'a>(
    plans: impl IntoIterator<Item = &'a SupportPlan>,
    urn: Urn,
    year: AcademicYear,
) -> Option<&'a SupportPlan> {
    let mut n = 0;
    let plan = plans
        .into_iter()
        .inspect(|_| n += 1)
        .filter(|p| p.urn == urn && p.year == year)
        .max_by_key(|p| p.id);
    crate::domain::work::seen(n);
    plan
}

impl App {
    /// Opens the checkpoint review form of a school over the screen on top.
    pub fn open_review(&mut self, urn: Urn) {
        let year = AcademicYear::of(self.today);
        let plan = plan_for(self.plans_of(urn), urn, year);
        let last = latest_review(self.checkpoints_of(urn), urn);
        let priorities = plan
            .map(|p| {
                p.priorities
                    .iter()
                    .enumerate()
                    .map(|(i, pr)| PriorityEntry {
                        title: clean_line(&pr.title),
                        criteria: pr.success_criteria.iter().map(|c| clean_line(c)).collect(),
                        // Start from the last review's rating of the same plan.
                        progress: last
                            .filter(|r| r.plan == Some(p.id))
                            .and_then(|r| r.progress.iter().find(|x| x.priority == i))
                            .map_or(Progress::OnTrack, |x| x.progress),
                        commentary: String::new(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let entitlement = self
            .current_decision(urn)
            .and_then(|d| self.data.scheme.get(&d.category))
            .map(|c| c.entitlement.clone());
        let next = entitlement.and_then(|e| next_checkpoint(self.today, &e));
        self.tl.checkpoint = Some(CheckpointForm {
            urn,
            plan: plan.map(|p| p.id),
            year,
            priorities,
            overall: last.map_or(Progress::OnTrack, |r| r.overall),
            judgement: String::new(),
            recommendation: Recommendation::Keep,
            next_due: next.map(fmt_date).unwrap_or_default(),
            field: 0,
            error: None,
            pending: false,
            original: None,
        });
        self.push(Screen::CheckpointForm);
        self.restore_checkpoint_draft();
    }

    /// Opens the review form on a recorded review, to amend it (its plan's priorities, as
    /// recorded; saving replaces the review and is audited as an amendment).
    pub fn open_review_amend(&mut self, r: CheckpointReview) {
        let plan = r.plan.and_then(|id| self.plan_by_id(id));
        let year = plan.map_or(AcademicYear::of(r.date), |p| p.year);
        let n = r
            .progress
            .iter()
            .map(|p| p.priority + 1)
            .max()
            .unwrap_or(0)
            .max(plan.map_or(0, |p| p.priorities.len()));
        let priorities = (0..n)
            .map(|i| {
                let pr = plan.and_then(|p| p.priorities.get(i));
                let rec = r.progress.iter().find(|x| x.priority == i);
                PriorityEntry {
                    title: pr.map_or(format!("Priority {}", i + 1), |p| clean_line(&p.title)),
                    criteria: pr
                        .map(|p| p.success_criteria.iter().map(|c| clean_line(c)).collect())
                        .unwrap_or_default(),
                    progress: rec.map_or(Progress::OnTrack, |x| x.progress),
                    commentary: rec.map(|x| x.commentary.clone()).unwrap_or_default(),
                }
            })
            .collect();
        self.tl.checkpoint = Some(CheckpointForm {
            urn: r.urn,
            plan: r.plan,
            year,
            priorities,
            overall: r.overall,
            judgement: r.judgement.clone(),
            recommendation: r.recommendation,
            next_due: r.next_due.map(fmt_date).unwrap_or_default(),
            field: 0,
            error: None,
            pending: false,
            original: Some(r),
        });
        self.push(Screen::CheckpointForm);
        self.restore_checkpoint_draft();
    }

    /// Puts back what was typed in an earlier session into the review form now open (a new
    /// review, or an amendment of that review), if it was for the same plan. An amendment is
    /// put back on the review as it was then: if it was changed since, saving meets the store's
    /// conflict check and shows both versions rather than saving over the other change.
    fn restore_checkpoint_draft(&mut self) {
        let Some(which) = self.tl.checkpoint.as_ref().map(|f| f.which()) else {
            return;
        };
        let Some(d) = self.checkpoint_drafts.take(which) else {
            return;
        };
        let Some(f) = self.tl.checkpoint.as_mut() else {
            return;
        };
        if d.plan != f.plan || d.progress.len() != f.priorities.len() {
            self.checkpoint_drafts.put_back(d);
            return;
        }
        if let (Some(orig), Some((_, rev))) = (f.original.as_mut(), d.amends) {
            orig.rev = rev;
        }
        fill_from_draft(f, &d);
        self.say_restored(CheckpointDraft::WHAT, &d.author, d.at);
    }

    /// Checkpoint review drafts found in the store at start-up (this user's only).
    pub fn set_checkpoint_drafts(&mut self, drafts: Vec<CheckpointDraft>) {
        self.load_kept(drafts);
    }

    /// The review being typed, to keep when the session ends (nothing if none is open, it is
    /// being saved, or nothing has been typed in it).
    pub fn checkpoint_draft_on_exit(&self, now_ms: i64) -> Option<CheckpointDraft> {
        CheckpointDraft::open(self, now_ms)
    }

    /// The review of `urn` was saved or given up: a draft of it in the store is obsolete.
    pub(in crate::app) fn checkpoint_draft_done(&mut self, which: (Urn, Option<Id>)) {
        self.kept_done::<CheckpointDraft>(which);
    }

    /// The checkpoint review form's keys (`CheckpointForm::update`); leaving it lets go of
    /// the review kept for this school.
    pub(crate) fn update_checkpoint_form(&mut self, action: Action) -> Vec<Effect> {
        let typed = self.checkpoint_draft_on_exit(0);
        let Some(mut f) = self.tl.checkpoint.take() else {
            self.close(Screen::CheckpointForm);
            return vec![];
        };
        let (effects, nav) = f.update(action, &mut self.ctx());
        if nav == Nav::Pop {
            self.close(Screen::CheckpointForm);
            self.kept_given_up(f.which(), typed);
        } else {
            self.tl.checkpoint = Some(f);
            self.nav(nav);
        }
        effects
    }
}

impl CheckpointForm {
    /// Moving between fields, choosing progress or a recommendation, saving and closing
    /// without saving.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> (Vec<Effect>, Nav) {
        let n = self.fields().len();
        match action {
            Action::FieldNext => self.field = (self.field + 1) % n,
            Action::FieldPrev => self.field = (self.field + n - 1) % n,
            // On a text field ← → move the caret (App::update).
            Action::ValueNext => self.cycle_value(1),
            Action::ValuePrev => self.cycle_value(-1),
            Action::FormCancel => {
                ctx.say("Checkpoint review not saved.");
                return (vec![], Nav::Pop);
            }
            Action::FormSave => return (self.save(ctx), Nav::Stay),
            _ => {}
        }
        (vec![], Nav::Stay)
    }

    /// An amended review: the same record (id, day, reviewer; its revision for the store's
    /// conflict check) with what was changed, audited as amended by this officer. It plans and
    /// completes nothing: the schedule already followed the review when it was recorded.
    fn save_amendment(&mut self, orig: CheckpointReview, ctx: &mut Ctx) -> Vec<Effect> {
        let built = match self.build(orig.id, orig.date, &orig.reviewer) {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(e);
                return vec![];
            }
        };
        let review = CheckpointReview {
            rev: orig.rev,
            ..built
        };
        if review == orig {
            ctx.say("Nothing changed in the review.");
            return vec![];
        }
        self.pending = true;
        vec![Effect::Save(SaveRequest {
            records: vec![(
                Record::Checkpoint(review),
                format!("amended by {}", clean_line(ctx.user)),
            )],
            done_message: "Checkpoint review amended".into(),
        })]
    }

    /// The review, the planned checkpoint it carries out (done today) and the next one (planned),
    /// saved together; nothing while a save is in flight or the form is not valid.
    fn save(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let today = ctx.today;
        if self.pending {
            return vec![];
        }
        if let Err(e) = self.next_due_date(today) {
            self.error = Some(e);
            return vec![];
        }
        if let Some(orig) = self.original.clone() {
            return self.save_amendment(orig, ctx);
        }
        let Some(id) = ctx.new_id() else {
            return vec![];
        };
        let review = match self.build(id, today, ctx.user) {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(e);
                return vec![];
            }
        };
        let urn = self.urn;
        let mut records = vec![(Record::Checkpoint(review.clone()), "recorded".to_string())];
        // The planned checkpoint this review carries out: the earliest one still planned
        // before the next one.
        let planned: Vec<&Activity> = {
            let mut v: Vec<&Activity> = ctx
                .activities_of(urn)
                .into_iter()
                .filter(|a| {
                    a.kind == ActivityKind::CheckpointReview && a.status == ActivityStatus::Planned
                })
                .collect();
            v.sort_by_key(|a| (a.planned, a.id));
            v
        };
        if let Some(a) = planned
            .iter()
            .find(|a| review.next_due.is_none_or(|n| a.planned < n))
        {
            let mut a = (*a).clone();
            a.status = ActivityStatus::Done;
            a.done = Some(today);
            records.push((Record::Activity(a), "checkpoint review recorded".into()));
        }
        if let Some(next) = review.next_due
            && !planned.iter().any(|a| a.planned == next)
        {
            let Some(aid) = ctx.new_id() else {
                return vec![];
            };
            let owner = ctx
                .school(urn)
                .map(|s| clean_line(&s.link_officer))
                .unwrap_or_else(|| ctx.user.to_string());
            records.push((
                Record::Activity(Activity {
                    id: aid,
                    urn,
                    kind: ActivityKind::CheckpointReview,
                    title: "Checkpoint review".into(),
                    planned: next,
                    done: None,
                    status: ActivityStatus::Planned,
                    owner,
                    note: None,
                    rev: 0,
                }),
                "planned after a checkpoint review".into(),
            ));
        }
        self.pending = true;
        let msg = match review.next_due {
            Some(d) => format!("Checkpoint review saved; next due {}", fmt_date(d)),
            None => "Checkpoint review saved; no further checkpoint".to_string(),
        };
        vec![Effect::Save(SaveRequest {
            records,
            done_message: msg,
        })]
    }
}
