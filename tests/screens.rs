//! Every screen, overlay and form of a workshop, drawn at 80x24 and 120x36
//! and pinned as snapshots (monochrome; `themes.rs` pins the colours).

use crate::common;

use common::{press, render, screen_text, type_text};
use somevett::app::App;
use somevett::keymap::Context;

/// A workshop in progress: an outcome with a scored risk, a reflection and
/// a few answers, as a team would have it after half an hour.
fn workshop(dir: &std::path::Path) -> App {
    let mut app = common::app().with_outcomes(Some(dir.to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Skolens Instagram");
    press(&mut app, &["tab"]);
    type_text(&mut app, "Meråker kommune");
    press(&mut app, &["tab", "tab"]);
    type_text(&mut app, "Instagram, Facebook");
    press(&mut app, &["tab"]);
    type_text(&mut app, "Kari");
    press(&mut app, &["tab", "p", "enter"]);
    press(&mut app, &["2", "s", "4", "4", "2", "3", "enter", "b"]);
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Skal skolen opprette en Instagram-konto?");
    press(&mut app, &["ctrl-s", "f", "down", "m"]);
    press(&mut app, &["4", "y", "p", "5", "y"]);
    app
}

/// The states to draw: a name and the keys that reach it from the workshop.
const STATES: &[(&str, &[&str])] = &[
    ("guidelines", &["1"]),
    ("guidelines_item", &["1", "enter", "enter", "enter"]),
    ("search", &["/", "b", "i", "l", "d", "e", "r"]),
    ("search_item", &["/", "b", "i", "l", "d", "e", "r", "enter"]),
    ("help", &["2", "?"]),
    ("risk", &["2"]),
    ("risk_scoring", &["2", "s", "5"]),
    ("risk_table", &["2", "v"]),
    ("risk_matrix", &["2", "v", "v"]),
    ("risk_measure_picker", &["2", "down", "down", "t"]),
    ("risk_details_form", &["2", "e"]),
    ("risk_custom_form", &["2", "n"]),
    ("risk_platform", &["2", "p", "down", "i"]),
    ("risk_platform_form", &["2", "p", "e"]),
    ("wheel", &["3"]),
    ("wheel_summary", &["3", "v"]),
    ("wheel_dilemma_form", &["3", "n"]),
    ("wheel_alternative_form", &["3", "a"]),
    ("wheel_note_form", &["3", "e"]),
    ("wheel_justification_form", &["3", "b"]),
    ("wheel_delete_question", &["3", "d"]),
    ("dilemmas", &["4"]),
    ("dilemmas_answer_form", &["4", "e"]),
    ("dilemmas_guideline_picker", &["4", "home", "enter"]),
    ("assessment", &["5"]),
    ("assessment_decision_view", &["5", "v"]),
    ("assessment_decision_form", &["5", "b"]),
    ("sessions", &["6"]),
    ("sessions_new_form", &["6", "n"]),
    ("sessions_edit_form", &["6", "e"]),
    ("sessions_rename_form", &["6", "r"]),
    ("sessions_delete_question", &["6", "d"]),
    ("sessions_trash", &["6", "v"]),
    ("sessions_overview", &["6", "o"]),
    ("platforms", &["7"]),
    ("platforms_baseline", &["7", "G"]),
];

/// Timestamps and temporary folders change from run to run.
fn stable(text: &str, dir: &std::path::Path) -> String {
    let text = text.replace(&dir.display().to_string(), "[MAPPE]");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let digit = |c: Option<&char>| c.is_some_and(char::is_ascii_digit);
    while i < chars.len() {
        let date = (0..10).all(|k| {
            let c = chars.get(i + k);
            if k == 4 || k == 7 {
                c == Some(&'-')
            } else {
                digit(c)
            }
        });
        if date {
            out.push_str("ÅÅÅÅ-MM-DD");
            i += 10;
            let time = chars.get(i) == Some(&' ')
                && digit(chars.get(i + 1))
                && digit(chars.get(i + 2))
                && chars.get(i + 3) == Some(&':');
            if time {
                out.push_str(" tt:mm");
                i += 6;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn every_screen_overlay_and_form_at_80x24_and_120x36() {
    // A fixed, short folder, the same on every machine: a path that wraps or
    // hides behind a popup then draws the same everywhere.
    let dir = std::env::temp_dir().join("somevett-skjermbilder");
    let _ = std::fs::remove_dir_all(&dir);
    for (name, keys) in STATES {
        for (w, h) in [(80, 24), (120, 36)] {
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
            let mut app = workshop(&dir);
            press(&mut app, keys);
            app.clear_status();
            let text = stable(&screen_text(&render(&mut app, w, h)), &dir);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
            if name.ends_with("_form") {
                assert_eq!(app.top_context(), Context::Form, "{name}");
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
