//! `--data` packs loaded while the app already runs, and the screen under
//! an overlay copied rather than drawn again.

use crate::common;

use common::{PACK, app, library, press, render, screen_text, type_text};
use somevett::app::load_error;
use somevett::content::Library;
use somevett::ui::theme::Theme;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn with_pack() -> Result<Library, String> {
    let mut sources: Vec<(&str, &str)> = somevett::content::EMBEDDED_GUIDELINES.to_vec();
    sources.push(("egen.ron", PACK));
    Library::from_sources(sources).map_err(|e| e.to_string())
}

#[test]
fn a_search_typed_while_packs_load_is_run_again_on_them() -> TestResult {
    let mut app = app();
    let (go, wait) = std::sync::mpsc::channel::<()>();
    app.load_in_background(move || {
        let _ = wait.recv();
        with_pack()
    });
    assert!(app.is_loading());
    press(&mut app, &["/"]);
    type_text(&mut app, "snøskuter");
    app.poll_loading()?;
    assert!(app.is_loading(), "not before the thread is done");
    assert_eq!(app.search().map(|s| s.total), Some(0));
    go.send(())?;
    assert!(app.finish_loading());
    let search = app.search().ok_or("the search stays open")?;
    assert_eq!(search.query(), "snøskuter", "what was typed is kept");
    let first = search.hits.first().ok_or("a hit in the pack")?;
    assert_eq!(
        app.library().view(first.at).map(|v| v.full_id()),
        Some("egen.a.1".to_owned())
    );
    let status = app.status().ok_or("the status line says so")?;
    assert!(status.text.contains("lastet"), "{}", status.text);
    Ok(())
}

#[test]
fn a_pack_error_stops_the_app_with_its_place() -> TestResult {
    let mut app = app();
    let handle = app.load_in_background(|| {
        Library::from_sources([("feil.ron", "(id: \"x\",\n  title: 3)")]).map_err(|e| e.to_string())
    });
    app.start_loading();
    let thread_says = handle.join().map_err(|_| "the thread panicked")?;
    let error = app.poll_loading().err().ok_or("the loop must stop")?;
    let message = load_error(&error).ok_or("a pack error")?;
    assert!(message.contains("feil.ron:2:"), "{message}");
    assert_eq!(thread_says, Some(message));
    Ok(())
}

#[test]
fn an_item_open_over_a_replaced_document_is_closed() -> TestResult {
    let mut app = app();
    let ks = library().find("ks.behov.1").ok_or("ks.behov.1")?.at;
    app.apply(somevett::ui::screen::Effect::push(
        somevett::ui::overlay::ItemOverlay::new(ks),
    ));
    let changed = move || {
        let mut library = with_pack()?;
        library.documents[ks.document].sections[ks.section].items[ks.item].text =
            "Annen tekst.".into();
        Ok(library)
    };
    app.load_in_background(changed);
    assert!(app.finish_loading());
    assert_eq!(app.overlay_depth(), 0);
    // An item the pack left as it was stays open.
    app.apply(somevett::ui::screen::Effect::push(
        somevett::ui::overlay::ItemOverlay::new(ks),
    ));
    app.load_in_background(changed);
    assert!(app.finish_loading());
    assert_eq!(app.overlay_depth(), 1);
    Ok(())
}

/// Frames drawn by an app whose screen under the search overlay is copied
/// from the last frame equal frames drawn afresh, also after a change under
/// the overlay.
#[test]
fn the_screen_under_an_overlay_is_the_same_copied_or_drawn() -> TestResult {
    let mut cached = app();
    press(&mut cached, &["/"]);
    let mut terminal = render(&mut cached, 100, 30);
    for c in "samtykke".chars() {
        type_text(&mut cached, &c.to_string());
        terminal.draw(|f| cached.render(f))?;
        let mut fresh = app();
        press(&mut fresh, &["/"]);
        type_text(
            &mut fresh,
            &"samtykke"[..cached.search().map_or(0, |s| s.query().len())],
        );
        assert_eq!(
            screen_text(&terminal),
            screen_text(&render(&mut fresh, 100, 30))
        );
    }
    // A change under the overlay shows at once: another theme.
    let before = terminal.backend().buffer().clone();
    cached.set_theme(Theme::dark16());
    terminal.draw(|f| cached.render(f))?;
    assert_ne!(&before, terminal.backend().buffer());
    Ok(())
}

/// Packs swapped in under two overlays (help, and a search over it): the
/// tab bar beneath them counts the new items in the very next frame, as a
/// frame drawn from scratch does.
#[test]
fn packs_swapped_in_under_two_overlays_show_at_once() -> TestResult {
    let mut app = app();
    app.load_in_background(with_pack);
    press(&mut app, &["?", "/"]);
    assert_eq!(app.overlay_depth(), 2);
    let mut kept = render(&mut app, 100, 30);
    let before = screen_text(&kept);
    assert!(app.finish_loading());
    kept.draw(|f| app.render(f))?;
    render(&mut app, 99, 30);
    let fresh = render(&mut app, 100, 30);
    assert_ne!(before, screen_text(&fresh), "the tab bar counts the pack");
    assert_eq!(kept.backend().buffer(), fresh.backend().buffer());
    Ok(())
}
