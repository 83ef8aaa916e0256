//! The "to inform" list after a meeting: who has been told of each decision.

use super::*;

impl App {
    pub(super) fn update_inform(&mut self, action: MeetingAction) -> Vec<Effect> {
        let Some(m) = self.current_meeting().cloned() else {
            self.st().view = MeetingView::List;
            return vec![];
        };
        let outs: Vec<Decision> = minutes::outcomes(&self.data, &m)
            .into_iter()
            .map(|o| o.decision.clone())
            .collect();
        let sel = self.meeting.as_ref().map_or(0, |s| s.inform_sel);
        match action {
            MeetingAction::Up => self.st().inform_sel = sel.saturating_sub(1),
            MeetingAction::Down => {
                self.st().inform_sel = (sel + 1).min(outs.len().saturating_sub(1))
            }
            MeetingAction::Back => {
                let s = self.st();
                s.view = if m.status == MeetingStatus::Closed {
                    MeetingView::List
                } else {
                    MeetingView::Run
                };
            }
            MeetingAction::InformSchool
            | MeetingAction::InformDiocese
            | MeetingAction::InformRegional => {
                let Some(mut d) = outs.get(sel).cloned() else {
                    return vec![];
                };
                let has_diocese = self
                    .data
                    .schools
                    .iter()
                    .any(|s| s.urn == d.urn && s.diocese.is_some());
                let today = Some(self.today);
                let (slot, what) = match action {
                    MeetingAction::InformSchool => (&mut d.school_informed, "school informed"),
                    MeetingAction::InformDiocese => {
                        if !has_diocese {
                            self.set_status("This school has no diocese.".into());
                            return vec![];
                        }
                        (&mut d.diocese_informed, "diocese informed")
                    }
                    _ => (&mut d.shared_regional, "shared with the regional team"),
                };
                let undo = slot.is_some();
                *slot = if undo { None } else { today };
                let name = self.school_name(d.urn);
                let summary = if undo {
                    format!("{what}: cleared")
                } else {
                    format!("{what} {}", fmt_date(self.today))
                };
                return vec![Effect::Save(SaveRequest {
                    records: vec![(Record::Decision(d), summary.clone())],
                    done_message: format!("{name}: {summary}"),
                })];
            }
            _ => {}
        }
        vec![]
    }
}
