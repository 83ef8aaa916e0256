//! One text field everywhere (issue 13 item 5): every one-line field has the note form's
//! editing model (undo and redo, word motions, word and line deletes, paste at the caret as one
//! edit). Key scripts on the app state in the meeting's rationale, a checkpoint review's
//! commentary, an activity's title, a school details field and the board's search; the note
//! search's caret drawn at 80x24.

use crate::app_common::{Live, app, dataset, keys, notes, today};
use crate::timeline_keys::{SALLOW, demo_app, select_on_board};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::Screen;

fn rationale(a: &Live) -> String {
    a.current_form().expect("form").rationale.clone()
}

#[test]
fn the_meeting_rationale_has_undo_redo_word_motions_and_paste() {
    let mut a = crate::meeting_keys::planned_and_started(2);
    keys(&mut a, "=Strong governance and clear plans");
    // Ctrl-← twice: before "clear"; Ctrl-W takes the word before ("and ").
    keys(&mut a, "<C-Left><C-Left><C-w>");
    assert_eq!(rationale(&a), "Strong governance clear plans");
    keys(&mut a, "<C-z>");
    assert_eq!(rationale(&a), "Strong governance and clear plans");
    keys(&mut a, "<C-y>");
    assert_eq!(rationale(&a), "Strong governance clear plans");
    // A paste lands at the caret (before "clear"), one line, and one Ctrl-Z takes it back.
    a.paste("with\r\nvery ");
    assert_eq!(rationale(&a), "Strong governance with very clear plans");
    keys(&mut a, "<C-z>");
    assert_eq!(rationale(&a), "Strong governance clear plans");
    // Alt-Backspace deletes a word too; Ctrl-→ and End move on; typing goes at the caret.
    keys(&mut a, "<A-Bs><C-Right><End>.");
    assert_eq!(rationale(&a), "Strong clear plans.");
    assert_eq!(a.screen(), Screen::Meeting);
}

#[test]
fn a_checkpoint_commentary_has_undo_and_word_motions() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "<Enter>r<Tab>Governors now challenge");
    let text = |a: &sqa_board::app::App| {
        a.tl.checkpoint.as_ref().expect("form").priorities[0]
            .commentary
            .clone()
    };
    // Alt-b twice: before "now"; Ctrl-U deletes back to the start.
    keys(&mut a, "<A-b><A-b><C-u>");
    assert_eq!(text(&a), "now challenge");
    keys(&mut a, "<C-z>");
    assert_eq!(text(&a), "Governors now challenge");
    // The caret came back where it was: Alt-f goes to the next word, and typing lands there.
    keys(&mut a, "<A-f>well ");
    assert_eq!(text(&a), "Governors now well challenge");
    a.paste("and\tthen ");
    assert_eq!(text(&a), "Governors now well and then challenge");
    assert_eq!(
        a.screen(),
        Screen::CheckpointForm,
        "Alt keys never leave the form"
    );
}

#[test]
fn an_activity_title_has_undo_word_delete_and_paste() {
    let mut a = demo_app();
    keys(&mut a, "<Enter>ta<Tab>");
    assert_eq!(a.screen(), Screen::ActivityForm);
    let title = |a: &sqa_board::app::App| a.tl.activity.as_ref().expect("form").title.clone();
    keys(&mut a, "Deep dive reading<C-w>");
    assert_eq!(title(&a), "Deep dive ");
    keys(&mut a, "<C-z>");
    assert_eq!(title(&a), "Deep dive reading");
    a.paste("\r\nKS2");
    assert_eq!(title(&a), "Deep dive reading KS2");
    keys(&mut a, "<C-a>X<C-e><Bs>");
    assert_eq!(title(&a), "XDeep dive reading KS");
    // Undo goes back edit by edit, to the empty field the form opened with, and no further.
    keys(&mut a, &"<C-z>".repeat(40));
    assert_eq!(title(&a), "");
    // Undo belongs to the field: after a Tab away and back, Ctrl-Z has nothing of the
    // other field's to take back.
    keys(&mut a, "<C-y><C-y><C-y>");
    let redone = title(&a);
    keys(&mut a, "<Tab><S-Tab><C-z>");
    assert_eq!(title(&a), redone);
    assert_eq!(a.screen(), Screen::ActivityForm);
}

#[test]
fn a_school_details_field_has_undo_and_word_motions() {
    let mut a = app();
    keys(&mut a, "<Enter>e<Tab><Tab><Tab>office@ashby.example");
    assert_eq!(a.screen(), Screen::SchoolForm);
    let email = |a: &sqa_board::app::App| {
        a.school_form
            .as_ref()
            .expect("form")
            .details
            .contact_email
            .clone()
    };
    assert_eq!(email(&a), "office@ashby.example");
    keys(&mut a, "<C-w>");
    assert_eq!(email(&a), "office@ashby.");
    keys(&mut a, "<C-z><Home><Del>O");
    assert_eq!(email(&a), "Office@ashby.example");
    keys(&mut a, "<C-z><C-z>");
    assert_eq!(email(&a), "office@ashby.example");
    // Undo leaves the caret where the edit was (after the o); Home, then a paste there.
    keys(&mut a, "<Home>");
    a.paste("head.");
    assert_eq!(email(&a), "head.office@ashby.example");
}

#[test]
fn the_board_search_has_a_caret_undo_and_word_delete_and_still_filters() {
    let mut a = app();
    let name = a.data.schools[3].name.clone();
    let word = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    keys(&mut a, "/");
    keys(&mut a, &format!("{word} zzz"));
    assert!(a.board.visible.is_empty(), "nothing matches \"{word} zzz\"");
    keys(&mut a, "<C-w>");
    assert_eq!(a.board.search, format!("{word} "));
    assert!(!a.board.visible.is_empty(), "filters again as edited");
    keys(&mut a, "<C-z>");
    assert_eq!(a.board.search, format!("{word} zzz"));
    // ← and Home move the caret; typing lands there.
    keys(&mut a, "<Home>(<Left><End><Bs><Bs><Bs><Bs>");
    assert_eq!(a.board.search, format!("({word}"));
    keys(&mut a, "<Enter>");
    assert_eq!(a.screen(), Screen::Board);
}

#[test]
fn the_note_search_caret_is_drawn_where_it_is_at_80x24() {
    let mut data = dataset();
    let urn = data.schools[2].urn;
    data.notes.extend(notes(urn));
    let mut a = Live::new(&data, "tester", today());
    a.set_no_color(true);
    keys(&mut a, "Fautumn check<C-Left>");
    assert_eq!(a.screen(), Screen::NoteSearch);
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, &a)).expect("draw");
    let s = crate::app_common::text_with_caret(t.backend());
    assert!(s.contains("Words: autumn ▏check"), "{s}");
    insta::assert_snapshot!("line_edit_note_search_caret_80x24", s);
}
