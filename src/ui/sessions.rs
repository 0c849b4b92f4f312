//! Økter: the saved outcomes, with the form that creates and edits them and
//! the confirmation asked before anything is deleted or lost.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, TableState, Wrap};

use crate::action::Action;
use crate::domain::{Outcome, Participant};
use crate::outcome::Listed;
use crate::outcome::migrate::split_list;
use crate::ui::form::{Field, Form, FormKind};
use crate::ui::search::centered;
use crate::ui::theme::Theme;

/// What the Økter screen shows; the app reads it from disk, the screen never does.
pub struct SessionsView<'a> {
    pub listed: &'a [Listed],
    pub dir: Option<&'a Path>,
    /// The outcome open in this session, if any, and whether it has unsaved changes.
    pub open: Option<(&'a Path, bool)>,
    /// "n" or whatever key creates an outcome, for the empty list's hint.
    pub new_key: String,
}

#[derive(Debug, Clone, Default)]
pub struct SessionsScreen {
    table: TableState,
}

impl SessionsScreen {
    pub fn selected(&self) -> usize {
        self.table.selected().unwrap_or(0)
    }

    pub fn select_path(&mut self, listed: &[Listed], path: &Path) {
        if let Some(i) = listed.iter().position(|l| l.path == path) {
            self.table.select(Some(i));
        }
    }

    pub fn update(&mut self, action: Action, count: usize) {
        let last = count.saturating_sub(1);
        let current = self.selected().min(last);
        let next = match action {
            Action::Up => current.saturating_sub(1),
            Action::Down => (current + 1).min(last),
            Action::First => 0,
            Action::Last => last,
            Action::PageUp => current.saturating_sub(10),
            Action::PageDown => (current + 10).min(last),
            _ => current,
        };
        self.table.select(Some(next));
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &SessionsView, theme: &Theme) {
        let [list_area, detail_area] = area.layout(&Layout::vertical([
            Constraint::Fill(3),
            Constraint::Fill(2),
        ]));
        let folder = view.dir.map_or(
            "ingen mappe for økter".to_owned(),
            crate::terminal_text::path,
        );
        let block = Block::bordered()
            .title(Line::styled(" Økter ", theme.title))
            .title_bottom(Line::styled(format!(" {folder} "), theme.dim).right_aligned())
            .border_style(theme.border_focus);
        if view.listed.is_empty() {
            let hint = Paragraph::new(vec![
                Line::raw("Ingen lagrede økter ennå."),
                Line::raw(format!("Trykk {} for å lage en ny.", view.new_key)),
            ])
            .block(block)
            .style(theme.dim);
            frame.render_widget(hint, list_area);
            frame.render_widget(Block::bordered().border_style(theme.border), detail_area);
            return;
        }
        if self.table.selected().is_none_or(|s| s >= view.listed.len()) {
            self.table.select(Some(0));
        }
        let rows: Vec<Row> = view
            .listed
            .iter()
            .map(|l| {
                let is_open = view.open.is_some_and(|(p, _)| p == l.path);
                match &l.outcome {
                    Ok(o) => Row::new(vec![
                        Cell::from(o.title.clone()),
                        Cell::from(o.municipality.clone()),
                        Cell::from(o.platforms.join(", ")),
                        Cell::from(short_time(&o.updated)),
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
            .get(self.selected())
            .map(|l| detail(l, theme))
            .unwrap_or_default();
        frame.render_widget(
            Paragraph::new(detail).wrap(Wrap { trim: false }).block(
                Block::bordered()
                    .title(Line::styled(" Detaljer ", theme.title))
                    .border_style(theme.border),
            ),
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

/// "2026-11-23T08:15:02Z" -> "2026-11-23 08:15".
fn short_time(rfc3339: &str) -> String {
    rfc3339
        .chars()
        .take(16)
        .collect::<String>()
        .replace('T', " ")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| crate::terminal_text::escape_line(&n.to_string_lossy()).into_owned())
        .unwrap_or_default()
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
            let mut lines = vec![
                Line::styled(o.title.clone(), theme.title),
                field("Fil", crate::terminal_text::path(&listed.path)),
                field("Kommune", o.municipality.clone()),
                field("Enhet", o.unit.clone()),
                field("Plattformer", o.platforms.join(", ")),
                field("Deltakere", participants.join("; ")),
                field("Opprettet", short_time(&o.created)),
            ];
            if !o.notes.is_empty() {
                lines.push(field(
                    "Notater",
                    o.notes.lines().next().unwrap_or_default().to_owned(),
                ));
            }
            Text::from(lines)
        }
    }
}

/// The form for a new outcome, or for editing the open one.
pub fn outcome_form(kind: FormKind, o: Option<&Outcome>) -> Form {
    let get = |f: fn(&Outcome) -> String| o.map(f).unwrap_or_default();
    let participants = get(|o| {
        o.participants
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    });
    let heading = if kind == FormKind::NewOutcome {
        " Ny økt "
    } else {
        " Rediger økt "
    };
    Form::new(
        kind,
        heading,
        vec![
            Field::single(
                TITLE,
                "Hva vurderes? F.eks. «Skolens Instagram-konto».",
                &get(|o| o.title.clone()),
            ),
            Field::single(
                "Kommune",
                "Kommunen som vurderer.",
                &get(|o| o.municipality.clone()),
            ),
            Field::single(
                "Enhet",
                "Virksomhet eller tjeneste, f.eks. «Oppvekst» eller «Servicekontoret».",
                &get(|o| o.unit.clone()),
            ),
            Field::single(
                "Plattformer",
                "Kommaseparert: Facebook, Instagram, TikTok ...",
                &get(|o| o.platforms.join(", ")),
            ),
            Field::single(
                "Deltakere",
                "rolle: navn; ... Roller: kommunikasjon, personvernombud, informasjonssikkerhet, leder, jurist, arkiv, fagperson. Navn er valgfritt.",
                &participants,
            ),
            Field::multi(
                "Notater",
                "Fritt notat fra verkstedet. Enter gir ny linje.",
                &get(|o| o.notes.clone()),
            ),
        ],
    )
}

pub fn rename_form(path: PathBuf, title: &str) -> Form {
    Form::new(
        FormKind::Rename(path),
        " Gi nytt navn ",
        vec![Field::single(
            TITLE,
            "Det nye navnet. Filnavnet beholdes.",
            title,
        )],
    )
}

const TITLE: &str = "Tittel";

/// The values of an outcome form, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormValues {
    pub title: String,
    pub municipality: String,
    pub unit: String,
    pub platforms: Vec<String>,
    pub participants: Vec<Participant>,
    pub notes: String,
}

impl FormValues {
    pub fn read(form: &Form) -> Result<Self, String> {
        let title = form.text(TITLE).trim().to_owned();
        if title.is_empty() {
            return Err("Tittelen kan ikke være tom.".to_owned());
        }
        Ok(FormValues {
            title,
            municipality: form.text("Kommune").trim().to_owned(),
            unit: form.text("Enhet").trim().to_owned(),
            platforms: split_list(&form.text("Plattformer")),
            participants: form
                .text("Deltakere")
                .split(';')
                .filter_map(Participant::parse)
                .collect(),
            notes: form.text("Notater").trim_end().to_owned(),
        })
    }

    pub fn apply(self, o: &mut Outcome) {
        o.title = self.title;
        o.municipality = self.municipality;
        o.unit = self.unit;
        o.platforms = self.platforms;
        o.participants = self.participants;
        o.notes = self.notes;
    }
}

/// Something that needs a yes before it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Delete(PathBuf),
    /// One of the team's own risks, by its assessment id (`egen.N`).
    DeleteRisk(String),
    /// An alternative of a wheel reflection: (reflection, alternative).
    DeleteAlternative(usize, usize),
    QuitUnsaved,
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub pending: Pending,
    pub question: String,
}

impl Confirm {
    pub fn render(&self, frame: &mut Frame, area: Rect, keys: &str, theme: &Theme) {
        let popup = centered(area, 60, 40);
        frame.render_widget(Clear, popup);
        let text = vec![
            Line::raw(crate::terminal_text::escape_line(&self.question)),
            Line::default(),
            Line::styled(keys, theme.label),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(
                Block::bordered()
                    .title(Line::styled(" Bekreft ", theme.title))
                    .border_style(theme.border_focus),
            ),
            popup,
        );
    }
}
