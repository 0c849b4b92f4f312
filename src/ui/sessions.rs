//! Økter: the saved outcomes, with the form that creates and edits them and
//! the confirmation asked before anything is deleted or lost.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::action::Action;
use crate::domain::change::Change;
use crate::domain::outcome::{Description, check_title};
use crate::domain::{Outcome, Participant, Role};
use crate::keymap::Context;
use crate::outcome::Listed;
use crate::ui::form::{ChoiceKey, DateKey, Field, Form, OnSubmit, RowGroup, TextKey};
use crate::ui::overlay::Confirm;
use crate::ui::screen::{Ctx, Effect, FileOp, Screen, Selection, Unavailable, require};
use crate::ui::theme::Theme;
use crate::ui::widgets::{ListCursor, panel};

/// What the Økter screen shows; the app reads it from disk, the screen never does.
pub struct SessionsView<'a> {
    pub listed: &'a [Listed],
    pub dir: Option<&'a Path>,
    /// The outcome open in this session, if any, and whether it has unsaved changes.
    pub open: Option<(&'a Path, bool)>,
    /// "n" or whatever key creates an outcome, for the empty list's hint.
    pub new_key: String,
    /// The waste basket is shown instead of the outcomes.
    pub trash: bool,
    /// The folder is still being read for the first time.
    pub listing: bool,
}

#[derive(Debug, Clone, Default)]
pub struct SessionsScreen {
    cursor: ListCursor,
    /// The selected outcome's file: the cursor follows it when the list is re-sorted.
    selected_path: Option<PathBuf>,
    trash_cursor: ListCursor,
    table: TableState,
    /// Showing the waste basket (`papirkurv/`).
    pub trash: bool,
    /// Showing every unit × platform at once (`overview`).
    pub overview: bool,
    overview_view: crate::ui::overview::Overview,
}

impl SessionsScreen {
    pub fn selected(&self) -> usize {
        self.active().selected
    }

    /// The selected outcome's file, wherever the list has it now.
    pub fn selected_path(&self) -> Option<&Path> {
        self.selected_path.as_deref()
    }

    fn selected_listed<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a Listed> {
        if self.trash {
            ctx.trashed.get(self.trash_cursor.selected)
        } else {
            let under_cursor = || {
                ctx.listed
                    .get(self.cursor.selected.min(ctx.listed.len().saturating_sub(1)))
            };
            match &self.selected_path {
                // A file that is gone gives way to the row under the cursor.
                Some(p) => ctx
                    .listed
                    .iter()
                    .find(|l| &l.path == p)
                    .or_else(under_cursor),
                None => under_cursor(),
            }
        }
    }

    fn active(&self) -> &ListCursor {
        if self.trash {
            &self.trash_cursor
        } else {
            &self.cursor
        }
    }

    pub fn select_path(&mut self, listed: &[Listed], path: &Path) {
        self.selected_path = Some(path.to_path_buf());
        self.follow(listed);
    }

    /// Puts the cursor on the selected file wherever the list now has it; a
    /// file that is gone (deleted, moved) gives way to the row under the cursor.
    fn follow(&mut self, listed: &[Listed]) {
        match self
            .selected_path
            .as_ref()
            .and_then(|p| listed.iter().position(|l| &l.path == p))
        {
            Some(i) => self.cursor.selected = i,
            None => {
                self.cursor.clamp(listed.len());
                self.selected_path = listed.get(self.cursor.selected).map(|l| l.path.clone());
            }
        }
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, view: &SessionsView, theme: &Theme) {
        let [list_area, detail_area] = area.layout(&Layout::vertical([
            Constraint::Fill(3),
            Constraint::Fill(2),
        ]));
        let folder = view.dir.map_or(
            "ingen mappe for økter".to_owned(),
            crate::terminal_text::path,
        );
        let title = if view.trash {
            "Økter: papirkurven"
        } else {
            "Økter"
        };
        let block = panel(title, true, theme)
            .title_bottom(Line::styled(format!(" {folder} "), theme.dim).right_aligned());
        if view.listed.is_empty() {
            let lines = if view.listing {
                vec![Line::raw("Leser øktene i mappen …")]
            } else if view.trash {
                vec![Line::raw("Papirkurven er tom.")]
            } else {
                vec![
                    Line::raw("Ingen lagrede økter ennå."),
                    Line::raw(format!("Trykk {} for å lage en ny.", view.new_key)),
                ]
            };
            frame.render_widget(
                Paragraph::new(lines).block(block).style(theme.dim),
                list_area,
            );
            frame.render_widget(panel("Detaljer", false, theme), detail_area);
            return;
        }
        let cursor = if view.trash {
            &mut self.trash_cursor
        } else {
            &mut self.cursor
        };
        cursor.clamp(view.listed.len());
        cursor.page = list_area.height.saturating_sub(3).max(1) as usize;
        let selected = cursor.selected;
        self.table.select(Some(selected));
        let rows: Vec<Row> = view
            .listed
            .iter()
            .map(|l| {
                let is_open = view.open.is_some_and(|(p, _)| p == l.path);
                match &l.outcome {
                    Ok(o) => Row::new(vec![
                        Cell::from(o.title.clone()),
                        Cell::from(o.municipality.clone()),
                        Cell::from(crate::domain::platform::join(&o.platforms, ", ")),
                        Cell::from(short_time(o.updated)),
                        Cell::from(status(
                            is_open,
                            view.open.is_some_and(|(_, dirty)| dirty && is_open),
                        )),
                    ]),
                    Err(_) => Row::new(vec![
                        Cell::from(file_name(&l.path)),
                        Cell::from(""),
                        Cell::from(""),
                        Cell::from(""),
                        Cell::from(Span::styled("ødelagt", theme.error)),
                    ]),
                }
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Length(16),
                Constraint::Length(9),
            ],
        )
        .header(
            Row::new(["Tittel", "Kommune", "Plattformer", "Sist endret", "Status"])
                .style(theme.label),
        )
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ")
        .block(block);
        frame.render_stateful_widget(table, list_area, &mut self.table);

        let detail = view
            .listed
            .get(selected)
            .map(|l| detail(l, theme))
            .unwrap_or_default();
        frame.render_widget(
            Paragraph::new(detail)
                .wrap(Wrap { trim: false })
                .block(panel("Detaljer", false, theme)),
            detail_area,
        );
    }
}

fn status(is_open: bool, dirty: bool) -> String {
    match (is_open, dirty) {
        (true, true) => "åpen ●".to_owned(),
        (true, false) => "åpen".to_owned(),
        _ => String::new(),
    }
}

/// `2026-11-23 08:15` (UTC), as the list has always shown it.
fn short_time(t: crate::domain::date::Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M").to_string()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| crate::terminal_text::escape_line(&n.to_string_lossy()).into_owned())
        .unwrap_or_default()
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "–".to_owned()
    } else {
        text.to_owned()
    }
}

/// Management's latest decision, with its round and date, per platform
/// when the round decided them apart.
fn decision_line(o: &crate::domain::Outcome) -> String {
    let Some(r) = o.decision.latest() else {
        return "ikke behandlet av ledelsen".to_owned();
    };
    let date = r.date.map_or_else(String::new, |d| format!(", {d}"));
    let apart: Vec<String> = r
        .decided_apart()
        .iter()
        .map(|p| format!("{} {}", p.platform, p.decision.label()))
        .collect();
    let what = if apart.is_empty() {
        r.decision.label().to_owned()
    } else {
        apart.join(", ")
    };
    format!("{what} (runde {}{date})", o.decision.rounds.len())
}

/// How far the assessment has come: risks scored, measures done.
fn progress_line(o: &crate::domain::Outcome) -> String {
    let scored = o
        .risk
        .assessments
        .iter()
        .filter(|a| a.inherent.is_some_and(|s| s.is_complete()))
        .count();
    let measures: Vec<&crate::domain::risk::Measure> = o.measures().collect();
    let done = measures.iter().filter(|m| m.status.is_done()).count();
    let answered = o
        .checklists
        .answers
        .iter()
        .filter(|a| a.status.is_assessed())
        .count();
    format!(
        "{scored} risikoer skåret, {answered} spørsmål besvart, {done} av {} tiltak gjennomført",
        measures.len()
    )
}

fn detail<'a>(listed: &'a Listed, theme: &Theme) -> Text<'a> {
    let field = |label: &'static str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<13}"), theme.label),
            Span::raw(value),
        ])
    };
    match &listed.outcome {
        Err(e) => Text::from(vec![
            Line::styled(
                "Filen kan ikke leses, og blir ikke endret av somevett:",
                theme.error,
            ),
            Line::raw(crate::terminal_text::escape_line(&e.to_string()).into_owned()),
        ]),
        Ok(o) => {
            let participants: Vec<String> =
                o.participants.iter().map(ToString::to_string).collect();
            // What a reviewer looks for first comes first: the panel is
            // short at 80x24.
            let mut lines = vec![
                Line::styled(o.title.clone(), theme.title),
                field("Beslutning", decision_line(o)),
                field("Fremdrift", progress_line(o)),
                field("Saksnummer", or_dash(&o.case_ref)),
                field(
                    "Gjennomgang",
                    o.next_review
                        .map_or_else(|| "ikke satt".to_owned(), |d| d.to_string()),
                ),
                field("Kommune", o.municipality.clone()),
                field("Enhet", o.unit.clone()),
                field(
                    "Plattformer",
                    crate::domain::platform::join(&o.platforms, ", "),
                ),
                field("Deltakere", participants.join("; ")),
                field("Opprettet", short_time(o.created)),
                field("Fil", crate::terminal_text::path(&listed.path)),
            ];
            for (i, line) in o.notes.lines().filter(|l| !l.trim().is_empty()).enumerate() {
                let label = if i == 0 { "Notater" } else { "" };
                lines.push(field(label, line.to_owned()));
            }
            Text::from(lines)
        }
    }
}

const TITLE: TextKey = TextKey::new("tittel");
const MUNICIPALITY: TextKey = TextKey::new("kommune");
const UNIT: TextKey = TextKey::new("enhet");
const PLATFORMS: TextKey = TextKey::new("plattformer");
const PARTICIPANTS: &str = "deltakere";
const ROLE: ChoiceKey<Role> = ChoiceKey::new("rolle", Role::ALL);
const NAME: TextKey = TextKey::new("navn");
const NOTES: TextKey = TextKey::new("notater");
const CASE_REF: TextKey = TextKey::new("saksnummer");
const NEXT_REVIEW: DateKey = DateKey::new("gjennomgang");

fn participant_columns(values: Option<&[String]>) -> Vec<Field> {
    let role = values
        .and_then(|v| v.first())
        .and_then(|r| Role::ALL.iter().find(|x| x.label() == r));
    let name = values.and_then(|v| v.get(1)).map_or("", String::as_str);
    // The name first, so what is typed there is kept as typed (letters on
    // the role field pick a role).
    vec![
        Field::single(
            &NAME,
            "Navn",
            "Navnet er valgfritt: rollen er nok til å dokumentere gruppen. {form.next_field} til rollen.",
            name,
        ),
        Field::choice(
            &ROLE,
            "Rolle",
            "Velg rollen med ←/→ eller forbokstaven. {form.add_row} ny deltaker, {form.remove_row} fjerner raden.",
            |r| r.label().to_owned(),
            role,
        ),
    ]
}

const PARTICIPANT_ROWS: RowGroup = RowGroup {
    key: PARTICIPANTS,
    label: "Deltaker",
    hint: "Én deltaker per rad: (valgfritt) navn og rolle.",
    columns: participant_columns,
};

/// The form for a new outcome, filled with what was typed before (after a
/// failed create, so nothing is lost).
pub fn outcome_form_for_new(o: &Outcome) -> Form {
    outcome_form_with(Some(o), "Ny økt", OutcomeSpec::New)
}

/// The form for a new outcome, or for editing the open one.
pub fn outcome_form(o: Option<&Outcome>) -> Form {
    match o {
        None => outcome_form_with(None, "Ny økt", OutcomeSpec::New),
        Some(open) => outcome_form_with(
            o,
            &format!("Rediger den åpne økten «{}»", open.title),
            OutcomeSpec::Edit,
        ),
    }
}

fn outcome_form_with(o: Option<&Outcome>, heading: &str, spec: OutcomeSpec) -> Form {
    let get = |f: fn(&Outcome) -> String| o.map(f).unwrap_or_default();
    let rows = o
        .map(|o| {
            o.participants
                .iter()
                .map(|p| vec![p.role.label().to_owned(), p.name.clone()])
                .collect()
        })
        .unwrap_or_default();
    Form::new(
        heading,
        vec![
            Field::single(
                &TITLE,
                "Tittel",
                "Hva vurderes? F.eks. «Skolens Instagram-konto».",
                &get(|o| o.title.clone()),
            ),
            Field::single(
                &MUNICIPALITY,
                "Kommune",
                "Kommunen som vurderer.",
                &get(|o| o.municipality.clone()),
            ),
            Field::single(
                &UNIT,
                "Enhet",
                "Virksomhet eller tjeneste, f.eks. «Oppvekst» eller «Servicekontoret».",
                &get(|o| o.unit.clone()),
            ),
            Field::single(
                &PLATFORMS,
                "Plattformer",
                "Kommaseparert: Facebook, Instagram, TikTok ...",
                &get(|o| crate::domain::platform::join(&o.platforms, ", ")),
            ),
        ],
        spec,
    )
    .with_rows(PARTICIPANT_ROWS, rows)
    .with_fields(vec![
        Field::multi(
            &NOTES,
            "Notater",
            "Fritt notat fra verkstedet. Enter gir ny linje; {form.submit/uten-enter} lagrer.",
            &get(|o| o.notes.clone()),
        ),
        Field::single(
            &CASE_REF,
            "Saksnummer",
            "Saks- eller arkivreferanse, f.eks. «2026/1234». Står på rapportens forside.",
            &get(|o| o.case_ref.clone()),
        ),
        Field::date(
            &NEXT_REVIEW,
            "Neste gjennomgang",
            "Når vurderingen skal gjennomgås igjen: ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ.",
            &get(|o| crate::domain::date::show(o.next_review)),
        ),
    ])
}

pub fn rename_form(path: PathBuf, title: &str) -> Form {
    Form::new(
        "Gi nytt navn",
        vec![Field::single(
            &TITLE,
            "Tittel",
            "Det nye navnet. Filnavnet beholdes.",
            title,
        )],
        OutcomeSpec::Rename(path),
    )
}

/// What submitting an outcome form does.
#[derive(Debug, Clone)]
pub enum OutcomeSpec {
    New,
    /// The open outcome's description.
    Edit,
    /// A new title for the outcome in this file.
    Rename(PathBuf),
}

/// Reads what describes the outcome from the form on Økter.
fn read_description(form: &Form) -> Result<Description, String> {
    let title = form.text(&TITLE).trim().to_owned();
    check_title(&title)?;
    let participants = form
        .rows(PARTICIPANTS)
        .iter()
        .map(|r| {
            let name = r.text(&NAME).trim().to_owned();
            match r.choice(&ROLE) {
                Some(role) => Ok(Participant { role, name }),
                None => Err(format!("Velg en rolle for «{name}» (←/→).")),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Description {
        title,
        municipality: form.text(&MUNICIPALITY).trim().to_owned(),
        unit: form.text(&UNIT).trim().to_owned(),
        platforms: crate::domain::outcome::split_list(&form.text(&PLATFORMS)),
        case_ref: form.text(&CASE_REF).trim().to_owned(),
        next_review: form.date(&NEXT_REVIEW)?,
        participants,
        notes: form.text(&NOTES).trim_end().to_owned(),
    })
}

impl OnSubmit for OutcomeSpec {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        match self {
            OutcomeSpec::Rename(path) => {
                let title = form.text(&TITLE).trim().to_owned();
                check_title(&title)?;
                if ctx.open_file.is_some_and(|(p, _)| p == path) {
                    return Ok(Effect::change(Change::Title(title)));
                }
                Ok(Effect::File(FileOp::Rename(path.clone(), title)))
            }
            OutcomeSpec::New => {
                let values = read_description(form)?;
                if ctx.outcomes_dir.is_none() {
                    return Err("Fant ingen mappe for økter. Bruk --outcomes MAPPE.".into());
                }
                let now = ctx.now.stamp;
                let mut o = Outcome::new(crate::outcome::new_id(now), values.title.clone(), now);
                values.apply(&mut o);
                Ok(Effect::File(FileOp::Create(Box::new(o))))
            }
            OutcomeSpec::Edit => {
                let values = read_description(form)?;
                Ok(Effect::change(Change::Describe(Box::new(values))))
            }
        }
    }
}

impl Screen for SessionsScreen {
    fn title(&self) -> &'static str {
        "Økter"
    }

    fn context(&self) -> Context {
        if self.trash {
            Context::Trash
        } else {
            Context::Sessions
        }
    }

    fn check(&self, action: Action, ctx: &Ctx) -> Result<(), Unavailable> {
        // The overview only shows; opening an outcome from it is all it does.
        if self.overview && !self.trash {
            return match action {
                // A file that cannot be read is never opened.
                Action::Open => require(self.overview_view.can_open(), Unavailable::quietly),
                Action::Rename
                | Action::Duplicate
                | Action::Delete
                | Action::Restore
                | Action::NewOutcome
                | Action::Edit
                | Action::Export => Err(Unavailable::because(
                    "Oversikten viser bare status: {sessions.overview} går tilbake til øktene.",
                )),
                _ => Ok(()),
            };
        }
        let selected = self.selected_listed(ctx);
        match action {
            Action::Open | Action::Rename | Action::Duplicate => match selected.map(|l| &l.outcome)
            {
                None => Err(Unavailable::quietly()),
                Some(Ok(_)) => Ok(()),
                // A file that cannot be read is never opened, renamed or copied.
                Some(Err(e)) => Err(Unavailable::because(format!(
                    "Filen kan ikke åpnes: {e}. Den blir stående som den er."
                ))),
            },
            Action::Delete | Action::Restore => require(selected.is_some(), Unavailable::quietly),
            Action::Edit | Action::Export | Action::MyVoice => {
                require(ctx.outcome.is_some(), Unavailable::no_outcome)
            }
            _ => Ok(()),
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        if self.trash {
            let selected = ctx.trashed.get(self.selected());
            return match action {
                Action::NextView => {
                    self.trash = false;
                    None
                }
                Action::Overview => {
                    self.trash = false;
                    self.overview = true;
                    None
                }
                Action::Restore => Some(Effect::File(FileOp::Restore(selected?.path.clone()))),
                other => {
                    self.trash_cursor.apply(other, ctx.trashed.len());
                    None
                }
            };
        }
        if self.overview {
            return match action {
                Action::NextView | Action::Overview => {
                    self.overview = false;
                    None
                }
                Action::Open => Some(Effect::File(FileOp::Open(
                    self.overview_view.selected_file()?.clone(),
                ))),
                other => {
                    self.overview_view.apply(other);
                    None
                }
            };
        }
        let selected = self.selected_listed(ctx);
        match action {
            Action::NewOutcome => Some(Effect::push(outcome_form(None))),
            Action::Edit => Some(Effect::push(outcome_form(Some(ctx.outcome?)))),
            Action::Export => match crate::ui::export::export_form(ctx) {
                Some(form) => Some(Effect::push(form)),
                None => Some(Effect::Error(
                    "Ingen økt er åpen: åpne den du vil skrive rapport for ({sessions.open})."
                        .into(),
                )),
            },
            Action::Open => Some(Effect::File(FileOp::Open(selected?.path.clone()))),
            Action::Rename => {
                let l = selected?;
                let open = ctx
                    .outcome
                    .filter(|_| ctx.open_file.is_some_and(|(p, _)| p == l.path));
                let title = match (open, &l.outcome) {
                    (Some(o), _) => o.title.clone(),
                    (None, Ok(o)) => o.title.clone(),
                    (None, Err(_)) => return None,
                };
                Some(Effect::push(rename_form(l.path.clone(), &title)))
            }
            Action::Duplicate => Some(Effect::File(FileOp::Duplicate(selected?.path.clone()))),
            Action::Delete => {
                let l = selected?;
                let name = match &l.outcome {
                    Ok(o) => format!("«{}»", o.title),
                    Err(_) => format!("den ødelagte filen {}", file_name(&l.path)),
                };
                // Two outcomes can share a title: say which one this is.
                let open = if ctx.open_file.is_some_and(|(p, _)| p == l.path) {
                    " (den åpne økten)"
                } else {
                    ""
                };
                let back = ctx.key(Context::Sessions, Action::NextView);
                Some(Effect::push(Confirm {
                    question: format!(
                        "Legge {name}{open} i papirkurven? Den kan legges tilbake derfra ({back})."
                    ),
                    on_yes: Some(Box::new(Effect::File(FileOp::Trash(l.path.clone())))),
                }))
            }
            Action::NextView => {
                self.trash = true;
                Some(Effect::File(FileOp::Refresh))
            }
            Action::Overview => {
                self.overview = true;
                Some(Effect::File(FileOp::Refresh))
            }
            Action::MyVoice => crate::ui::voice::start(ctx),
            other => {
                self.follow(ctx.listed);
                if self.cursor.apply(other, ctx.listed.len()) {
                    self.selected_path =
                        ctx.listed.get(self.cursor.selected).map(|l| l.path.clone());
                }
                None
            }
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if self.overview && !self.trash {
            self.overview_view.render(frame, area, ctx);
            return;
        }
        self.follow(ctx.listed);
        let view = SessionsView {
            listed: if self.trash { ctx.trashed } else { ctx.listed },
            dir: ctx.outcomes_dir,
            open: ctx.open_file,
            new_key: ctx.key(Context::Sessions, Action::NewOutcome),
            trash: self.trash,
            listing: ctx.listing,
        };
        self.draw(frame, area, &view, ctx.theme);
    }

    fn select(&mut self, selection: &Selection, ctx: &Ctx) {
        if let Selection::Outcome(path) = selection {
            self.select_path(ctx.listed, path);
        }
    }

    fn shown(&mut self) -> Option<Effect> {
        Some(Effect::File(FileOp::Refresh))
    }
}
