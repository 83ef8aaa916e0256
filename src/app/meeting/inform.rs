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
                let Some(d) = outs.get(sel) else {
                    return vec![];
                };
                let told = match action {
                    MeetingAction::InformSchool => Told::School,
                    MeetingAction::InformDiocese => Told::Diocese,
                    _ => Told::Regional,
                };
                let has_diocese = self
                    .data
                    .schools
                    .iter()
                    .any(|s| s.urn == d.urn && s.diocese.is_some());
                if told == Told::Diocese && !has_diocese {
                    self.set_status("This school has no diocese: there is none to inform.".into());
                    return vec![];
                }
                // The date asked for: today, or the one recorded (to correct, or `clear`).
                let shown = told.get(d).unwrap_or(self.today);
                let id = d.id;
                self.ask(PromptKind::Informed(told, id), fmt_date(shown));
            }
            MeetingAction::ExportInform => {
                let name = format!("sqa-to-inform-{}.csv", m.date.format("%Y-%m-%d"));
                let path = match &self.minutes_dir {
                    Some(dir) => dir.join(name).to_string_lossy().into_owned(),
                    None => name,
                };
                let contents = crate::export::to_inform_csv(&self.data, &m);
                return vec![Effect::WriteFile { path, contents }];
            }
            _ => {}
        }
        vec![]
    }
}
