//! Random key sequences never panic and keep the app's state consistent.

mod common;

use proptest::prelude::*;

const KEYS: &[&str] = &[
    "up",
    "down",
    "left",
    "right",
    "enter",
    "esc",
    "tab",
    "shift-tab",
    "pageup",
    "pagedown",
    "home",
    "end",
    "g",
    "G",
    "j",
    "k",
    "h",
    "l",
    "/",
    "?",
    "f1",
    "backspace",
    "ctrl-w",
    "ctrl-u",
    "ctrl-n",
    "ctrl-p",
    "a",
    "b",
    "å",
    "ø",
    " ",
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "n",
    "e",
    "r",
    "c",
    "d",
    "y",
    "t",
    "v",
    "ctrl-s",
    "ctrl-k",
    "ctrl-m",
    "alt-b",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_keys_never_panic(keys in proptest::collection::vec(0..KEYS.len(), 0..60), w in 1u16..140, h in 1u16..50) {
        // No outcomes folder: whatever the keys ask for, nothing is written.
        // No outcomes folder: whatever the keys ask for, nothing is written.
        let mut app = common::app();
        for k in keys {
            common::press(&mut app, &[KEYS[k]]);
            prop_assert!(app.running, "only q and Ctrl-C quit");
        }
        common::render(&mut app, w, h);
        common::render(&mut app, 80, 24);
        let rows = app.guidelines.rows(&app.library);
        prop_assert!(rows.contains(&app.guidelines.selected()), "the selection is always a visible row");
    }
}
