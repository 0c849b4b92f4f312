//! The user-facing actions: the names used in `keymaps/*.ron`.

use serde::{Deserialize, Serialize};

use crate::domain::checklist::Status;
use crate::domain::risk::Treatment;
use crate::domain::wheel::Stance;

/// Everything a key can be bound to. Names are snake_case in keymap files,
/// e.g. `(on: ["q"], run: quit)` or `(on: ["1"], run: tab(1))`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    NextTab,
    PrevTab,
    /// Go to screen 1-7.
    Tab(u8),
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    /// Expand the selected document or section, or step into it.
    Open,
    /// Collapse, or go to the parent.
    Collapse,
    Search,
    Close,
    /// Search: go to the selected hit.
    Accept,
    NextResult,
    PrevResult,
    ClearInput,
    /// Save the open outcome now.
    Save,
    NewOutcome,
    /// Edit the open outcome's description (title, participants, notes ...).
    Edit,
    Rename,
    Duplicate,
    /// Write the open outcome's report (PDF, Markdown, calendar or sheet).
    Export,
    Delete,
    NextField,
    PrevField,
    /// Form: save what is filled in.
    Submit,
    /// Answer yes to a question.
    Confirm,
    /// Risk: set the number being scored (0 clears it).
    Score(u8),
    CycleTreatment,
    /// Risk, while scoring: pick a treatment by its first letter.
    Treatment(Treatment),
    PickMeasure,
    NewRisk,
    /// Risk: assessment -> KS's table -> matrix. Wheel: wheel <-> summary.
    NextView,
    NextDimension,
    PrevDimension,
    /// Wheel: how the current dimension bears on the selected alternative.
    Stance(Stance),
    CycleStance,
    NewReflection,
    NextReflection,
    PrevReflection,
    AddAlternative,
    /// Wheel: make the selected alternative the chosen one.
    Choose,
    /// Wheel: write the conflicts and the justification.
    Justify,
    /// Checklists: answer the selected question.
    SetStatus(Status),
    CycleStatus,
    /// Vurdering: answer as the app suggests from what the outcome holds.
    AcceptSuggestion,
    /// Checklists: go to the next question not yet assessed.
    NextUnassessed,
    /// Vurdering: record a new round of management's decision.
    Decide,
    /// Vurdering: correct the latest round (the correction is kept beside it).
    CorrectDecision,
    /// Vurdering: the saksframlegg's fields and the forslag til vedtak.
    EditCase,
    /// Vurdering: the description of the processing, the legal basis and
    /// the DPO's advice.
    EditProcessing,
    /// Vurdering: review the latest decision: what changed since, whether
    /// the measures worked, and whether the change is material.
    Review,
    /// Økter: every unit × platform at once, and back.
    Overview,
    /// Risiko: start scoring the selected risk (digits then set S and K).
    StartScoring,
    /// Undo the last change to the open outcome.
    Undo,
    Redo,
    /// Forms: a new row in a list of rows (participants, measures).
    AddRow,
    RemoveRow,
    /// A guideline item over another screen: show it under Retningslinjer.
    OpenInGuidelines,
    /// Økter's waste basket: put the outcome back.
    Restore,
    /// Risiko, Dilemmaer, Vurdering: show the shared assessment, then each listed platform's.
    NextPlatform,
    /// Risiko: the selected risk is not relevant for the platform shown (or is again).
    ToggleRelevant,
    /// Risiko and Økter: score on one's own, as a voice (format 8).
    MyVoice,
    /// Risiko: the voices' board: who has handed in, the reveal, the spread.
    Voices,
    /// A voice: sterk, middels, svak kunnskap.
    CycleKnowledge,
    /// A voice: hand the round in.
    HandIn,
    /// The voices' board: show the round's scores.
    Reveal,
    /// The voices' board: a new round for the risks in dispute.
    NewRound,
    /// The voices' board: hide who scored what, or not.
    ToggleAnonymous,
    /// Vurdering: the målform and the public texts' details.
    EditPublic,
    /// Vurdering: preview and write the public texts.
    PublicTexts,
}

/// The groups of the help overlay, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Change,
    Move,
    Other,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Change => "Endre",
            Section::Move => "Flytte",
            Section::Other => "Vise og annet",
        }
    }
}

impl Action {
    /// The Norwegian description shown in the help overlay.
    pub fn describe(self) -> String {
        match self {
            Action::Quit => "Avslutt".into(),
            Action::Help => "Vis eller skjul hjelp".into(),
            Action::NextTab => "Neste skjermbilde".into(),
            Action::PrevTab => "Forrige skjermbilde".into(),
            Action::Tab(n) => format!("Gå til skjermbilde {n}"),
            Action::Up => "Flytt opp".into(),
            Action::Down => "Flytt ned".into(),
            Action::PageUp => "En side opp".into(),
            Action::PageDown => "En side ned".into(),
            Action::First => "Gå til første".into(),
            Action::Last => "Gå til siste".into(),
            Action::Open => "Åpne / vis innhold".into(),
            Action::Collapse => "Lukk / gå til nivået over".into(),
            Action::Search => "Søk i alle retningslinjer".into(),
            Action::Close => "Lukk".into(),
            Action::Accept => "Gå til valgt treff".into(),
            Action::NextResult => "Neste treff".into(),
            Action::PrevResult => "Forrige treff".into(),
            Action::ClearInput => "Tøm søkefeltet".into(),
            Action::Save => "Lagre økten nå (lagres også automatisk)".into(),
            Action::NewOutcome => "Ny økt".into(),
            Action::Edit => "Rediger den åpne økten".into(),
            Action::Rename => "Gi økten nytt navn".into(),
            Action::Duplicate => "Lag en kopi av økten".into(),
            Action::Export => "Skriv rapporten som PDF for arkivet (eller .md, .ics, .csv)".into(),
            Action::Delete => "Slett økten".into(),
            Action::NextField => "Neste felt".into(),
            Action::PrevField => "Forrige felt".into(),
            Action::Submit => "Lagre skjemaet".into(),
            Action::Confirm => "Ja".into(),
            Action::Score(0) => "Fjern tallet i feltet som vurderes".into(),
            Action::Score(n) => format!("Sett {n} i feltet som vurderes (S eller K), og gå videre"),
            Action::CycleTreatment => "Bytt behandling: redusere, unngå, dele, akseptere".into(),
            Action::Treatment(t) => format!("Behandling: {}", t.label()),
            Action::PickMeasure => "Velg tiltak fra kildene".into(),
            Action::NewRisk => "Ny egen risiko".into(),
            Action::NextView => "Bytt visning".into(),
            Action::NextDimension => "Neste dimensjon rundt hjulet".into(),
            Action::PrevDimension => "Forrige dimensjon rundt hjulet".into(),
            Action::Stance(s) => format!("Dimensjonen {} det valgte alternativet", s.label()),
            Action::CycleStance => "Bytt vurdering: for, mot, uavklart, ikke relevant".into(),
            Action::NewReflection => "Nytt dilemma".into(),
            Action::NextReflection => "Neste refleksjon".into(),
            Action::PrevReflection => "Forrige refleksjon".into(),
            Action::AddAlternative => "Nytt alternativ".into(),
            Action::Choose => "Velg alternativet (eller angre valget)".into(),
            Action::Justify => "Skriv motstrid og begrunnelse".into(),
            Action::SetStatus(s) => format!("Svar: {}", s.label()),
            Action::CycleStatus => "Bytt svar: ja, delvis, nei, ikke relevant, ikke vurdert".into(),
            Action::AcceptSuggestion => {
                "Svar som økten tilsier (forslaget står under spørsmålet)".into()
            }
            Action::NextUnassessed => "Gå til neste spørsmål som ikke er vurdert".into(),
            Action::Decide => "Registrer ledelsens beslutning (ny runde)".into(),
            Action::CorrectDecision => {
                "Korriger siste runde (rettelsen lagres ved siden av)".into()
            }
            Action::EditCase => {
                "Saksframlegg: saksbehandler, utvalg eller delegering, skjerming og forslag til vedtak".into()
            }
            Action::EditProcessing => {
                "Beskriv behandlingen (KS kap. 2), grunnlaget og personvernombudets råd".into()
            }
            Action::Review => {
                "Gjennomgå siste beslutning: hva er endret, virket tiltakene, er endringen vesentlig".into()
            }
            Action::Overview => {
                "Oversikt: hver enhet og plattform, besluttet, til ny vurdering og forfalte tiltak".into()
            }
            Action::StartScoring => "Skår den valgte risikoen: S og K før og etter tiltak".into(),
            Action::Undo => "Angre siste endring".into(),
            Action::Redo => "Gjør om det som ble angret".into(),
            Action::AddRow => "Ny rad".into(),
            Action::RemoveRow => "Fjern raden".into(),
            Action::OpenInGuidelines => "Vis punktet under Retningslinjer".into(),
            Action::Restore => "Legg økten tilbake".into(),
            Action::NextPlatform => {
                "Bytt plattform: felles vurdering, så hver plattform i økta".into()
            }
            Action::ToggleRelevant => {
                "Risikoen er ikke relevant for plattformen som vises (eller er det igjen)".into()
            }
            Action::MyVoice => {
                "Min stemme: skår risikoene på egen hånd; ingen ser tallene før de vises".into()
            }
            Action::Voices => {
                "Stemmer: hvem har levert, vis fordelingen, ny runde, gruppens skår".into()
            }
            Action::CycleKnowledge => "Bytt kunnskapsstyrke: sterk, middels, svak".into(),
            Action::HandIn => "Lever stemmen for runden".into(),
            Action::Reveal => "Vis fordelingen (stemmene blir en del av økten)".into(),
            Action::NewRound => "Ny runde for risikoene der stemmene spriker".into(),
            Action::ToggleAnonymous => "Anonyme stemmer eller med navn (før første visning)".into(),
            Action::EditPublic => {
                "Til publikum: målform, kontakter, opplysninger, mottakere, hvor en sak sendes, moderering".into()
            }
            Action::PublicTexts => {
                "Tekstene til publikum: personvernerklæring, kommentarregler og protokoll, skrevet ut fra beslutningen".into()
            }
        }
    }

    /// Where the help overlay lists the action: moving, changing the record,
    /// or the rest (views, windows, files).
    pub fn section(self) -> Section {
        match self {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last
            | Action::Open
            | Action::Collapse
            | Action::NextTab
            | Action::PrevTab
            | Action::Tab(_)
            | Action::NextResult
            | Action::PrevResult
            | Action::NextField
            | Action::PrevField
            | Action::NextDimension
            | Action::PrevDimension
            | Action::NextReflection
            | Action::PrevReflection
            | Action::NextUnassessed
            | Action::Accept
            | Action::OpenInGuidelines => Section::Move,
            Action::Score(_)
            | Action::StartScoring
            | Action::CycleTreatment
            | Action::Treatment(_)
            | Action::PickMeasure
            | Action::NewRisk
            | Action::ToggleRelevant
            | Action::MyVoice
            | Action::Voices
            | Action::CycleKnowledge
            | Action::HandIn
            | Action::Reveal
            | Action::NewRound
            | Action::ToggleAnonymous
            | Action::Stance(_)
            | Action::CycleStance
            | Action::NewReflection
            | Action::AddAlternative
            | Action::Choose
            | Action::Justify
            | Action::SetStatus(_)
            | Action::CycleStatus
            | Action::AcceptSuggestion
            | Action::Decide
            | Action::CorrectDecision
            | Action::EditCase
            | Action::EditProcessing
            | Action::EditPublic
            | Action::Review
            | Action::Edit
            | Action::Rename
            | Action::Delete
            | Action::NewOutcome
            | Action::Duplicate
            | Action::Restore
            | Action::Undo
            | Action::Redo
            | Action::AddRow
            | Action::RemoveRow
            | Action::Submit
            | Action::Confirm => Section::Change,
            _ => Section::Other,
        }
    }

    /// The one-word label in the bottom key bar, for the actions worth a place there.
    /// A screen's main keys: what changes its view or takes the work to its
    /// next step (the report, management's decision, the choice on the
    /// wheel). The key bar drops these last when a terminal is narrow.
    pub fn is_main(self) -> bool {
        matches!(
            self,
            Action::NextView
                | Action::Decide
                | Action::Review
                | Action::Overview
                | Action::HandIn
                | Action::Reveal
                | Action::Export
                | Action::Choose
                | Action::Justify
                | Action::StartScoring
                | Action::CycleTreatment
                | Action::PickMeasure
                | Action::NewOutcome
                | Action::NewReflection
                | Action::Open
                | Action::Accept
                | Action::Submit
                | Action::Confirm
                | Action::Close
        )
    }

    pub fn key_bar_label(self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "avslutt",
            Action::Help => "hjelp",
            Action::Open => "åpne",
            Action::Collapse => "lukk",
            Action::Search => "søk",
            Action::Close => "lukk",
            Action::Accept => "gå til",
            Action::NextResult => "neste",
            Action::PrevResult => "forrige",
            Action::NextTab => "neste fane",
            Action::Save => "lagre",
            Action::NewOutcome => "ny",
            Action::Edit => "rediger",
            Action::Rename => "nytt navn",
            Action::Duplicate => "kopier",
            Action::Export => "rapport",
            Action::Delete => "slett",
            Action::NextField => "neste felt",
            Action::Submit => "lagre",
            Action::Confirm => "ja",
            Action::PickMeasure => "tiltak",
            Action::CycleTreatment => "behandling",
            // r/u/d/a share one entry: «r/u/d/a behandling».
            Action::Treatment(_) => "behandling",
            Action::NextView => "visning",
            Action::NextDimension => "neste dimensjon",
            Action::CycleStance => "vurdering",
            Action::Choose => "velg",
            Action::NewReflection => "nytt dilemma",
            Action::NextUnassessed => "neste uvurderte",
            Action::AcceptSuggestion => "godta forslag",
            Action::Decide => "beslutning",
            Action::CorrectDecision => "korriger",
            Action::EditCase => "saksframlegg",
            Action::EditProcessing => "beskrivelse",
            Action::Review => "gjennomgang",
            Action::Overview => "oversikt",
            Action::StartScoring => "skår",
            Action::Undo => "angre",
            Action::AddRow => "ny rad",
            Action::OpenInGuidelines => "vis i retningslinjer",
            Action::Restore => "legg tilbake",
            Action::NextPlatform => "plattform",
            Action::ToggleRelevant => "ikke relevant",
            // Min stemme and Stemmer are in help: the bar of Risiko keeps
            // its room for scoring and the views.
            Action::CycleKnowledge => "kunnskap",
            Action::HandIn => "lever",
            Action::Reveal => "vis",
            Action::NewRound => "ny runde",
            Action::ToggleAnonymous => "anonymt",
            Action::PublicTexts => "til publikum",
            Action::Stance(s) => s.label(),
            // Clearing an answer is in help; the bar keeps room for the main keys.
            Action::SetStatus(Status::IkkeVurdert) | Action::CycleStatus => return None,
            Action::SetStatus(s) => s.label(),
            Action::Score(0) => "tøm",
            Action::Score(_) => "poeng",
            _ => return None,
        })
    }
}
