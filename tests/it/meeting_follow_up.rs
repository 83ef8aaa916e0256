//! After the decisions: the dates schools, dioceses and the regional team were told, the
//! to-inform list and its CSV, and the minutes filed at the close (where, and that they stand).

use crate::meeting_keys::{k, planned_and_started};
use crate::meeting_run::{ASHBY, GREETHAM, decision_in, go_to, screen};
use sqa_board::app::Record;
use sqa_board::app::meeting::MeetingView;
use sqa_board::domain::{MeetingStatus, minutes};

#[test]
fn follow_up_toggles_informed_dates() {
    let mut a = planned_and_started(2);
    k(&mut a, "=x<Enter>");
    k(&mut a, "I");
    assert_eq!(a.meeting.as_ref().unwrap().view, MeetingView::Inform);
    // Each asks for the date, today by default.
    k(&mut a, "i");
    assert!(
        a.meeting.as_ref().unwrap().prompt.is_some(),
        "asks the date"
    );
    k(&mut a, "<Enter>");
    k(&mut a, "g");
    let saved = k(&mut a, "<Enter>");
    let last = saved
        .iter()
        .filter_map(|r| match r {
            Record::Decision(d) => Some(d.clone()),
            _ => None,
        })
        .next_back()
        .unwrap();
    assert_eq!(last.school_informed, Some(a.today));
    assert_eq!(last.shared_regional, Some(a.today));
}

/// Follow-up dates: asked for (today offered), never before the decision nor in the future;
/// `clear` clears one (said so, with the date it had); a school with no diocese has none to
/// inform and is not outstanding for one.
#[test]
fn informed_dates_are_asked_checked_and_cleared_deliberately() {
    let mut a = planned_and_started(8);
    go_to(&mut a, GREETHAM);
    k(&mut a, "3First look<Enter>");
    k(&mut a, "I");
    let sel = minutes::outcomes(&a.data, a.current_meeting().unwrap())
        .iter()
        .position(|o| o.urn == GREETHAM)
        .unwrap();
    k(&mut a, &"j".repeat(sel));
    // No diocese: `o` says so and saves nothing.
    assert!(k(&mut a, "o").is_empty());
    assert!(a.status.clone().unwrap_or_default().contains("no diocese"));
    assert!(a.meeting.as_ref().unwrap().prompt.is_none());
    // Before the meeting: refused.
    k(&mut a, "i");
    let shown = a.meeting.as_ref().unwrap().prompt.clone().unwrap().text;
    assert_eq!(shown, "23/11/2026", "today is offered");
    let back = "<Bs>".repeat(shown.chars().count());
    assert!(k(&mut a, &format!("{back}20/11/2026<Enter>")).is_empty());
    assert!(
        a.status
            .clone()
            .unwrap_or_default()
            .contains("cannot have been shared before")
    );
    assert!(k(&mut a, &format!("{back}24/11/2026<Enter>")).is_empty());
    assert!(
        a.status
            .clone()
            .unwrap_or_default()
            .contains("still to come")
    );
    let d = decision_in(&k(&mut a, &format!("{back}23/11/2026<Enter>"))).expect("saved");
    assert_eq!(d.school_informed, Some(a.today));
    // Told, and no diocese to tell: not outstanding.
    let m = a.current_meeting().unwrap().clone();
    assert!(
        !minutes::schools_to_inform(&a.data, &m)
            .iter()
            .any(|(_, u)| *u == GREETHAM)
    );
    // Clearing needs the word: Enter on the date offered changes nothing.
    k(&mut a, "i");
    assert!(k(&mut a, "<Enter>").is_empty());
    k(&mut a, "i");
    let cleared = decision_in(&k(&mut a, &format!("{back}clear<Enter>"))).expect("cleared");
    assert_eq!(cleared.school_informed, None);
    assert!(
        a.status
            .clone()
            .unwrap_or_default()
            .contains("cleared (was 23/11/2026)"),
        "{:?}",
        a.status
    );
}

/// Minutes that stand: an open meeting's are marked DRAFT; once closed, they are what was
/// filed, and a school informed afterwards does not change them (from the store too).
#[test]
fn closed_minutes_are_what_was_filed() {
    let mut a = planned_and_started(2);
    k(&mut a, "3Steady<Enter>");
    let open = minutes::minutes(&a.data, a.current_meeting().unwrap());
    assert!(open.contains("**DRAFT**"), "{open}");
    k(&mut a, "3Steady<Enter>");
    k(&mut a, "Cclose<Enter>");
    let m = a.current_meeting().unwrap().clone();
    assert_eq!(m.status, MeetingStatus::Closed);
    let filed = m.minutes.clone().expect("filed with the meeting");
    assert!(!filed.contains("DRAFT"));
    // Later: the school is told. The record changes; the minutes do not.
    let first = minutes::outcomes(&a.data, &m)[0].decision.id;
    k(&mut a, "Ii<Enter>");
    let d = a.data.decisions.iter().find(|d| d.id == first).unwrap();
    assert_eq!(d.school_informed, Some(a.today), "{:?}", a.status);
    let fresh = a.store.load_overview().expect("loads");
    let stored = fresh.meetings.iter().find(|x| x.id == m.id).unwrap();
    assert_eq!(minutes::minutes(&fresh, stored), filed);
    let rewritten = minutes::write_minutes(&fresh, stored);
    assert_ne!(
        rewritten, filed,
        "written afresh, the to-inform list would differ"
    );
}

/// `minutes_dir` says where the minutes are filed (made if missing); the status line gives the
/// full path. Left out, the folder is beside the store.
#[test]
fn minutes_go_to_the_minutes_folder() {
    let c = sqa_board::config::Config::parse("minutes_dir = \"/srv/sqa/minutes\"\n", "t.toml")
        .expect("parses");
    assert_eq!(
        c.minutes_dir,
        Some(std::path::PathBuf::from("/srv/sqa/minutes"))
    );
    assert!(sqa_board::config::Config::parse("minutes_dir = \" \"\n", "t.toml").is_err());
    assert_eq!(
        sqa_board::config::minutes_dir_for(std::path::Path::new("/data/sqa/store")),
        std::path::PathBuf::from("/data/sqa/store-minutes")
    );

    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().join("filed").join("minutes");
    let mut a = planned_and_started(1);
    a.minutes_dir = Some(dir.clone());
    k(&mut a, "3Steady<Enter>");
    k(&mut a, "Cclose<Enter>");
    let file = dir.join("sqa-minutes-2026-11-23.md");
    let text = std::fs::read_to_string(&file).expect("filed in the minutes folder");
    assert_eq!(Some(text), a.current_meeting().unwrap().minutes.clone());
    let status = a.status.clone().unwrap_or_default();
    assert_eq!(status, format!("Minutes written to {}", file.display()));
}

/// The to-inform list shows what changed (↑ ↓ =, ! at risk) and exports as CSV for a mail
/// merge: the schools still to tell, with headteacher, category, change and the reasons; a
/// formula in a rationale is neutralised.
#[test]
fn to_inform_list_shows_changes_and_exports_csv() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = planned_and_started(8);
    a.minutes_dir = Some(folder.path().to_path_buf());
    go_to(&mut a, ASHBY);
    k(&mut a, "2=SUM(A1) leadership restored<Enter>");
    go_to(&mut a, GREETHAM);
    k(&mut a, "3First look<Enter>");
    k(&mut a, "I");
    let s = screen(&a);
    assert!(s.contains("↓ ◆ MED!"), "{s}");
    assert!(s.contains("* "), "{s}");
    // Greetham told (no diocese): no longer to inform.
    let sel = minutes::outcomes(&a.data, a.current_meeting().unwrap())
        .iter()
        .position(|o| o.urn == GREETHAM)
        .unwrap();
    k(&mut a, &"j".repeat(sel));
    k(&mut a, "i<Enter>");
    k(&mut a, "x");
    let file = folder.path().join("sqa-to-inform-2026-11-23.csv");
    let csv = std::fs::read_to_string(&file).expect("written");
    assert_eq!(
        a.status.clone().unwrap_or_default(),
        format!("To-inform list written to {}", file.display())
    );
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "URN,School,Headteacher,Email,Diocese,Category,Change,At risk,Rationale,School informed,Diocese informed,Meeting"
    );
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with("100001,Ashby Fields Primary School,Head of 100001,,,Medium,↓ lowered,yes,'=SUM(A1) leadership restored,,n/a,23/11/2026"), "{csv}");
}
