//! Norwegian texts the screens share, in one place. A key is named by a
//! token, `{context.action}`, which the status line, forms, questions and
//! pages replace with the key the active keymap binds (`Keymap::fill`).

use crate::ui::ScreenId;

/// Shown where something needs an open outcome.
pub fn no_outcome_text() -> String {
    format!(
        "Ingen økt er åpen: trykk {} og {{sessions.new_outcome}} for å lage en, eller {{sessions.open}} på en lagret.",
        ScreenId::Sessions.key_token()
    )
}
pub const NO_REFLECTION: &str =
    "Ingen refleksjon ennå: beskriv et dilemma først ({wheel.new_reflection}).";
pub const CONFIRM_TITLE: &str = "Bekreft";

/// `no_outcome_text` with the keys the keymap binds, for a screen to draw.
pub fn no_outcome(keymap: &crate::keymap::Keymap) -> String {
    keymap.fill(&no_outcome_text()).into_owned()
}

/// The workshop, step by step: shown on the very first start.
pub fn workshop_steps() -> Vec<String> {
    let key = |screen: ScreenId| screen.key_token();
    vec![
        "Velkommen til somevett. Et verksted går slik:".to_owned(),
        String::new(),
        format!("1. Økter ({}): trykk {{sessions.new_outcome}} og beskriv vurderingen: tittel, kommune, plattformer og deltakere.", key(ScreenId::Sessions)),
        format!("2. Risiko ({}): velg en risiko, trykk {{risk.start_scoring}} og skår sannsynlighet og konsekvens før og etter tiltak.", key(ScreenId::Risk)),
        "   Velg behandling ({risk.cycle_treatment}) og tiltak fra kildene ({risk.pick_measure}).".to_owned(),
        format!("3. Navigasjonshjul ({}): beskriv et dilemma ({{wheel.new_reflection}}), gå rundt hjulet ({{wheel.next_dimension}}) og vurder hvert alternativ.", key(ScreenId::Wheel)),
        format!("4. Dilemmaer ({}) og Vurdering ({}): svar ja / delvis / nei / ikke relevant ({{checklist.set_status(ja)}} {{checklist.set_status(delvis)}} {{checklist.set_status(nei)}} {{checklist.set_status(ikke_relevant)}}).", key(ScreenId::Dilemmas), key(ScreenId::Assessment)),
        format!("5. Vurdering ({}): {{checklist.next_view}} viser hva som mangler; {{checklist.decide}} registrerer ledelsens beslutning.", key(ScreenId::Assessment)),
        String::new(),
        "Overalt: {global.search} søker i retningslinjene, {global.undo} angrer, {global.help} viser alle taster.".to_owned(),
        "Alt lagres automatisk. {item.close} lukker denne siden.".to_owned(),
    ]
}
