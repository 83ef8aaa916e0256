//! A bracketed paste lands in whatever text field has the keyboard, not only the note form:
//! the board's search, an activity's title, a meeting's rationale; cleaned to one line, and
//! never taken as commands. Where no field takes text, the status line says so.

use crate::app_common::{app, keys};
use sqa_board::app::Screen;

#[test]
fn a_paste_into_the_board_search_filters_as_typed() {
    let mut a = app();
    let name = a.data.schools[3].name.clone();
    let word: String = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    keys(&mut a, "/");
    // Pasted from a document: with a line break and an escape sequence.
    a.paste(&format!("{word}\r\n\u{1b}[31m"));
    assert_eq!(a.board.search.trim(), word, "{:?}", a.board.search);
    assert!(!a.should_quit());
}

#[test]
fn a_paste_on_the_board_outside_the_search_is_not_taken_as_keys() {
    let mut a = app();
    // "q" would quit, "/" search, "n" open a note: none of it happens.
    a.paste("q/n");
    assert!(!a.should_quit());
    assert_eq!(a.screen(), Screen::Board);
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("Nothing here takes pasted text")
    );
}

#[test]
fn a_paste_into_an_activity_title_and_a_meeting_rationale() {
    let mut a = crate::timeline_keys::demo_app();
    keys(&mut a, "<Enter>ta<Tab>");
    assert_eq!(a.screen(), Screen::ActivityForm);
    a.paste("Deep dive: reading\tin KS2");
    let f = a.tl.activity.as_ref().expect("the form");
    assert_eq!(f.title, "Deep dive: reading in KS2");

    let mut m = crate::meeting_keys::planned_and_started(2);
    keys(&mut m, "=");
    m.paste("Still the best fit q 1s");
    assert_eq!(
        m.current_form().expect("form").rationale,
        "Still the best fit q 1s"
    );
    assert!(!m.should_quit());
}

/// Every text field of the escalation step form takes a paste at its caret, one line.
#[test]
fn a_paste_into_every_field_of_the_escalation_step_form() {
    use sqa_board::app::escalation::StepField;
    let mut a = crate::timeline_keys::demo_app();
    crate::timeline_keys::select_on_board(&mut a, crate::timeline_keys::SALLOW);
    // A warning notice: it has every field, the response date too.
    keys(&mut a, "<Enter>E<Right>");
    assert_eq!(a.screen(), Screen::StepForm);
    let fields = a.step_form.as_ref().expect("the form").fields();
    let mut pasted = 0;
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            keys(&mut a, "<Tab>");
        }
        if !field.is_text() {
            continue;
        }
        keys(&mut a, "<C-u>");
        a.paste(&format!("pasted {i}\r\nline"));
        let f = a.step_form.as_ref().expect("the form");
        let got = match field {
            StepField::Date => &f.date,
            StepField::By => &f.by,
            StepField::Grounds => &f.grounds,
            StepField::ResponseDue => &f.response_due,
            _ => unreachable!("a text field"),
        };
        assert_eq!(got, &format!("pasted {i} line"), "{field:?}");
        pasted += 1;
    }
    assert_eq!(pasted, 4, "date, who, grounds, response due");
}

/// Every text field of the school details form, of a checkpoint review and of a support plan
/// takes a paste.
#[test]
fn a_paste_into_the_school_details_review_and_plan_fields() {
    use sqa_board::domain::school_details::DetailField;
    let mut a = crate::timeline_keys::demo_app();
    crate::timeline_keys::select_on_board(&mut a, crate::timeline_keys::SALLOW);
    keys(&mut a, "<Enter>e");
    assert_eq!(a.screen(), Screen::SchoolForm);
    for (i, field) in DetailField::ALL.iter().enumerate() {
        if i > 0 {
            keys(&mut a, "<Tab>");
        }
        if !field.is_text() {
            continue;
        }
        keys(&mut a, "<C-u>");
        a.paste("Jo\tMarsh");
        let f = a.school_form.as_ref().expect("the form");
        assert!(f.details.get(*field).starts_with("Jo Marsh"), "{field:?}");
    }
    keys(&mut a, "<C-q>r<Tab>");
    a.paste("Phonics\r\nlead");
    let f = a.tl.checkpoint.as_ref().expect("the review");
    assert_eq!(f.priorities[0].commentary, "Phonics lead");
    keys(&mut a, "<C-q>t]P");
    a.paste("Improve\r\nattendance");
    let f = a.tl.plan.as_ref().expect("the plan");
    assert_eq!(f.priorities[0].title, "Improve attendance");
}
