//! One-line questions asked in meeting mode: the word that confirms closing (or starting a
//! meeting before its date), the school to go to, the category of a scheme with more than
//! nine, and the date a school was told. Plain typing never answers one by accident: a close
//! or an early start needs its word typed, and Enter alone confirms nothing.

use super::*;

/// Who was told of a decision (the "to inform" list's columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    School,
    Diocese,
    Regional,
}

impl Told {
    pub fn what(self) -> &'static str {
        match self {
            Told::School => "school informed",
            Told::Diocese => "diocese informed",
            Told::Regional => "shared with the regional team",
        }
    }

    fn slot(self, d: &mut Decision) -> &mut Option<NaiveDate> {
        match self {
            Told::School => &mut d.school_informed,
            Told::Diocese => &mut d.diocese_informed,
            Told::Regional => &mut d.shared_regional,
        }
    }

    pub fn get(self, d: &Decision) -> Option<NaiveDate> {
        match self {
            Told::School => d.school_informed,
            Told::Diocese => d.diocese_informed,
            Told::Regional => d.shared_regional,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Type "close": closing files the minutes and nothing can be changed after.
    Close,
    /// Type "start": the meeting's date is still to come.
    StartEarly(Id),
    /// Why the school is deferred (required).
    Defer,
    /// Name or URN of a school on the agenda.
    GoTo,
    /// A category by number or name (schemes with more than nine categories).
    Category,
    /// The date one was told of decision `Id` (`clear` clears it).
    Informed(Told, Id),
}

/// The word a prompt wants typed before Enter does anything, if any.
impl PromptKind {
    pub fn word(self) -> Option<&'static str> {
        match self {
            PromptKind::Close => Some("close"),
            PromptKind::StartEarly(_) => Some("start"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

impl App {
    pub(super) fn ask(&mut self, kind: PromptKind, text: String) {
        let st = self.st();
        st.prompt = Some(Prompt { kind, text });
        st.editing = None;
        // The caret starts at the end of what is offered.
        self.line = None;
    }

    /// The schools of the open meeting not decided (yet): each name with its state.
    pub fn undecided_schools(&self) -> Vec<(String, AgendaState)> {
        self.current_meeting()
            .map(|m| {
                m.agenda
                    .iter()
                    .filter(|i| i.state != AgendaState::Decided)
                    .map(|i| (self.school_name(i.urn), i.state))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(super) fn update_prompt(&mut self, action: MeetingAction) -> Vec<Effect> {
        let Some(p) = self.meeting.as_ref().and_then(|m| m.prompt.clone()) else {
            return vec![];
        };
        match action {
            MeetingAction::Backspace => {
                self.edit_text(Edit::Backspace);
            }
            MeetingAction::Cancel | MeetingAction::Back => self.st().prompt = None,
            MeetingAction::Submit => return self.answer(p),
            _ => {}
        }
        vec![]
    }

    fn answer(&mut self, p: Prompt) -> Vec<Effect> {
        let typed = p.text.trim().to_string();
        if let Some(word) = p.kind.word()
            && !typed.eq_ignore_ascii_case(word)
        {
            self.set_status(format!("Type the word {word}, then Enter (Esc: cancel)"));
            return vec![];
        }
        match p.kind {
            PromptKind::Close => {
                self.st().prompt = None;
                self.close_meeting()
            }
            PromptKind::StartEarly(id) => {
                self.st().prompt = None;
                self.start_meeting(id)
            }
            PromptKind::Defer => {
                if typed.is_empty() {
                    self.set_status("Say why it is deferred, then Enter (Esc: cancel)".into());
                    return vec![];
                }
                self.st().prompt = None;
                self.set_item_state(AgendaState::Deferred, Some(typed))
            }
            PromptKind::GoTo => {
                match self.find_on_agenda(&typed) {
                    Ok(pos) => {
                        let s = self.st();
                        s.prompt = None;
                        s.pos = pos;
                    }
                    Err(msg) => self.set_status(msg),
                }
                vec![]
            }
            PromptKind::Category => {
                match self.find_category(&typed) {
                    Ok(k) => {
                        self.st().prompt = None;
                        self.choose_category(k);
                    }
                    Err(msg) => self.set_status(msg),
                }
                vec![]
            }
            PromptKind::Informed(told, id) => self.record_told(told, id, &typed),
        }
    }

    /// The agenda position of the school named (or part-named) or numbered by `typed`.
    fn find_on_agenda(&self, typed: &str) -> Result<usize, String> {
        let Some(m) = self.current_meeting() else {
            return Err("No meeting open.".into());
        };
        if typed.is_empty() {
            return Err("Type part of a school's name, or its URN".into());
        }
        if let Ok(urn) = typed.parse::<Urn>() {
            return m
                .agenda
                .iter()
                .position(|i| i.urn == urn)
                .ok_or_else(|| format!("URN {urn} is not on this meeting's agenda"));
        }
        let needle = typed.to_lowercase();
        let hits: Vec<usize> = m
            .agenda
            .iter()
            .enumerate()
            .filter(|(_, i)| self.school_name(i.urn).to_lowercase().contains(&needle))
            .map(|(n, _)| n)
            .collect();
        match hits.as_slice() {
            [] => Err(format!("No school on the agenda matches \"{typed}\"")),
            [one] => Ok(*one),
            many => {
                // An exact name wins over names that merely contain it.
                let exact = many
                    .iter()
                    .find(|&&n| self.school_name(m.agenda[n].urn).to_lowercase() == needle);
                exact.copied().ok_or_else(|| {
                    format!(
                        "{} schools match \"{typed}\": type more of the name",
                        many.len()
                    )
                })
            }
        }
    }

    /// The 1-based place in the scheme of the category numbered or named by `typed`.
    fn find_category(&self, typed: &str) -> Result<usize, String> {
        let cats = &self.data.scheme.categories;
        if let Ok(n) = typed.parse::<usize>() {
            return if (1..=cats.len()).contains(&n) {
                Ok(n)
            } else {
                Err(format!("Categories are numbered 1 to {}", cats.len()))
            };
        }
        let needle = typed.to_lowercase();
        let hits: Vec<usize> = cats
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.key.to_lowercase() == needle
                    || c.label.to_lowercase().starts_with(&needle)
                    || c.name.to_lowercase().starts_with(&needle)
            })
            .map(|(i, _)| i + 1)
            .collect();
        match hits.as_slice() {
            [one] if !needle.is_empty() => Ok(*one),
            [] => Err(format!("No category matches \"{typed}\"")),
            _ => Err(format!(
                "Type the category's number (1 to {}) or more of its name",
                cats.len()
            )),
        }
    }

    /// Records (or, for `clear`, clears) the date one was told of a decision. A date before
    /// the meeting is refused: nobody can be told of a decision not yet made.
    fn record_told(&mut self, told: Told, id: Id, typed: &str) -> Vec<Effect> {
        let Some(mut d) = self.decision_by_id(id).cloned() else {
            self.st().prompt = None;
            return vec![];
        };
        let what = told.what();
        let date = if typed.eq_ignore_ascii_case("clear") {
            None
        } else {
            match parse_date(typed, self.today) {
                Ok(date) if date < d.date => {
                    self.set_status(format!(
                        "The decision was made on {}: it cannot have been shared before then",
                        fmt_date(d.date)
                    ));
                    return vec![];
                }
                Ok(date) if date > self.today => {
                    self.set_status("That date is still to come: record it once it is done".into());
                    return vec![];
                }
                Ok(date) => Some(date),
                Err(e) => {
                    self.set_status(format!("{e} (or type clear to clear it)"));
                    return vec![];
                }
            }
        };
        self.st().prompt = None;
        if *told.slot(&mut d) == date {
            return vec![];
        }
        let was = *told.slot(&mut d);
        *told.slot(&mut d) = date;
        let name = self.school_name(d.urn);
        let summary = match (date, was) {
            (Some(x), _) => format!("{what} {}", fmt_date(x)),
            (None, Some(w)) => format!("{what}: cleared (was {})", fmt_date(w)),
            (None, None) => format!("{what}: cleared"),
        };
        vec![Effect::Save(SaveRequest {
            records: vec![(Record::Decision(d), summary.clone())],
            done_message: format!("{name}: {summary}"),
        })]
    }
}
