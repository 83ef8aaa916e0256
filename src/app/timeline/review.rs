//! A recorded checkpoint review, read-only (from the school screen's Reviews section or Enter on
//! a done checkpoint review on the timeline); `e` amends it in the review form (audited).

use crate::app::{Action, App, Effect, Screen};
use crate::domain::{Activity, ActivityKind, ActivityStatus, CheckpointReview, Id};
use std::cell::Cell;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewViewState {
    pub id: Id,
    pub scroll: u16,
    /// Furthest the view can scroll, as it last found it.
    pub max: Cell<u16>,
}

/// The recorded review that a done checkpoint-review activity stands for: the school's review
/// on the day it was done (the review form marks the planned activity done on the review's day).
pub fn review_of<'a>(
    reviews: impl IntoIterator<Item = &'a CheckpointReview>,
    a: &Activity,
) -> Option<&'a CheckpointReview> {
    if a.kind != ActivityKind::CheckpointReview || a.status != ActivityStatus::Done {
        return None;
    }
    let done = a.done?;
    let mut n = 0;
    let review = reviews
        .into_iter()
        .inspect(|_| n += 1)
        .filter(|r| r.urn == a.urn && r.date == done)
        .max_by_key(|r| r.id);
    crate::domain::work::seen(n);
    review
}

impl App {
    /// Opens a recorded review read-only over the screen on top.
    pub fn open_review_view(&mut self, id: Id) {
        self.tl.review = Some(ReviewViewState {
            id,
            scroll: 0,
            max: Cell::new(u16::MAX),
        });
        self.push(Screen::ReviewView);
    }

    /// The review open in the read-only view.
    pub fn review_viewed(&self) -> Option<&CheckpointReview> {
        let id = self.tl.review.as_ref()?.id;
        self.checkpoint_by_id(id)
    }

    /// Scroll, amend (`e`: the review form, filled from the review), leave.
    pub(crate) fn update_review_view(&mut self, action: Action) -> Vec<Effect> {
        let Some(v) = self.tl.review.as_mut() else {
            self.close(Screen::ReviewView);
            return vec![];
        };
        let max = v.max.get();
        match action {
            Action::Up => v.scroll = v.scroll.saturating_sub(1),
            Action::Down => v.scroll = v.scroll.saturating_add(1).min(max),
            Action::PageUp => v.scroll = v.scroll.saturating_sub(10),
            Action::PageDown => v.scroll = v.scroll.saturating_add(10).min(max),
            Action::Back => {
                self.tl.review = None;
                self.close(Screen::ReviewView);
            }
            Action::Amend => match self.review_viewed().cloned() {
                Some(r) => self.open_review_amend(r),
                None => self.set_status("This review is no longer in the data.".into()),
            },
            _ => {}
        }
        vec![]
    }
}
