//! The whole municipality at once (issue 25), a view on Økter: every unit ×
//! platform of the outcomes listed, decided (and how), undecided, «til ny
//! vurdering» (and why), and overdue measures, as `somevett status` reports
//! them. The rows are computed when what is listed changes, not per frame.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::action::Action;
use crate::cli::StatusRow;
use crate::ui::screen::Ctx;
use crate::ui::widgets::{ListCursor, panel};

/// The state of a row whose file cannot be read.
const UNREADABLE: &str = "kan ikke leses";

#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// What the rows were computed from, and the rows, with each row's file.
    made_from: Option<u64>,
    rows: Vec<(StatusRow, PathBuf)>,
    cursor: ListCursor,
    table: TableState,
}

impl Overview {
    /// Moves the cursor; true when it moved.
    pub fn apply(&mut self, action: Action) -> bool {
        self.cursor.apply(action, self.rows.len())
    }

    /// The file of the selected row.
    pub fn selected_file(&self) -> Option<&PathBuf> {
        self.rows.get(self.cursor.selected).map(|(_, p)| p)
    }

    /// Whether the selected row's outcome can be opened (it was read).
    pub fn can_open(&self) -> bool {
        self.rows
            .get(self.cursor.selected)
            .is_some_and(|(r, _)| r.state != UNREADABLE)
    }

    /// The rows for what `ctx` lists now (the open outcome as it is in
    /// memory), computed again only when that changed.
    fn refresh(&mut self, ctx: &Ctx) {
        let mut h = DefaultHasher::new();
        ctx.now.today.hash(&mut h);
        for l in ctx.listed {
            l.path.hash(&mut h);
            l.outcome.as_ref().ok().map(|o| o.updated).hash(&mut h);
        }
        ctx.outcome.map(|o| o.updated).hash(&mut h);
        ctx.open_file.map(|(p, _)| p).hash(&mut h);
        let made_from = h.finish();
        if self.made_from == Some(made_from) {
            return;
        }
        let open = ctx.open_file.map(|(p, _)| p);
        let outcomes: Vec<_> = ctx
            .listed
            .iter()
            .filter_map(|l| {
                let o = match (open, ctx.outcome) {
                    (Some(p), Some(o)) if p == l.path => o,
                    _ => l.outcome.as_ref().ok()?,
                };
                Some((l.path.as_path(), o))
            })
            .collect();
        // An outcome gives a row per platform (one without platforms, one).
        let files: Vec<PathBuf> = outcomes
            .iter()
            .flat_map(|(p, o)| std::iter::repeat_n(p.to_path_buf(), o.platforms.len().max(1)))
            .collect();
        let rows = crate::cli::status_rows_of(ctx.library, outcomes, ctx.now.today);
        self.rows = rows.into_iter().zip(files).collect();
        // A file that cannot be read is said, never left out.
        for l in ctx.listed {
            if let Err(e) = &l.outcome {
                self.rows.push((
                    StatusRow {
                        unit: String::new(),
                        outcome: l
                            .path
                            .file_name()
                            .map(|n| {
                                crate::terminal_text::escape_line(&n.to_string_lossy()).into_owned()
                            })
                            .unwrap_or_default(),
                        platform: String::new(),
                        state: UNREADABLE.to_owned(),
                        decision: String::new(),
                        why: crate::terminal_text::escape_line(&e.to_string()).into_owned(),
                        overdue_measures: 0,
                        file: crate::terminal_text::path(&l.path),
                    },
                    l.path.clone(),
                ));
            }
        }
        self.made_from = Some(made_from);
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.refresh(ctx);
        let theme = ctx.theme;
        let [list_area, detail_area] = area.layout(&Layout::vertical([
            Constraint::Fill(3),
            Constraint::Fill(2),
        ]));
        let count = |state: &str| self.rows.iter().filter(|(r, _)| r.state == state).count();
        let mut title = format!(
            "Oversikt: {} besluttet, {} ikke besluttet, {} til ny vurdering",
            count("besluttet"),
            count("ikke besluttet"),
            count("til ny vurdering")
        );
        if count(UNREADABLE) > 0 {
            title.push_str(&format!(", {} kan ikke leses", count(UNREADABLE)));
        }
        self.cursor.clamp(self.rows.len());
        self.cursor.page = list_area.height.saturating_sub(3).max(1) as usize;
        self.table.select(Some(self.cursor.selected));
        // A narrow screen leaves the unit to the panel below: the outcome's
        // title says more in the room there is.
        let with_unit = area.width >= 100;
        let rows: Vec<Row> = self
            .rows
            .iter()
            .map(|(r, _)| {
                let state_style = match r.state.as_str() {
                    "til ny vurdering" | UNREADABLE => theme.error,
                    "ikke besluttet" => theme.dim,
                    _ => theme.base,
                };
                let overdue = match r.overdue_measures {
                    0 => Span::styled("–", theme.dim),
                    n => Span::styled(n.to_string(), theme.error),
                };
                let mut cells = vec![
                    Cell::from(r.outcome.clone()),
                    Cell::from(dash(&r.platform)),
                    Cell::from(Span::styled(r.state.clone(), state_style)),
                    Cell::from(dash(&r.decision)),
                    Cell::from(overdue),
                ];
                if with_unit {
                    cells.insert(0, Cell::from(dash(&r.unit)));
                }
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![
            Constraint::Fill(3),
            Constraint::Length(10),
            Constraint::Length(16),
            Constraint::Length(17),
            Constraint::Length(7),
        ];
        let mut header = vec!["Økt", "Plattform", "Status", "Beslutning", "Forfalt"];
        if with_unit {
            widths.insert(0, Constraint::Fill(3));
            header.insert(0, "Enhet");
        }
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.label))
            .row_highlight_style(theme.selected)
            .highlight_symbol("› ")
            .block(panel(title, true, theme));
        frame.render_stateful_widget(table, list_area, &mut self.table);

        let detail: Vec<Line> = match self.rows.get(self.cursor.selected) {
            None => vec![Line::styled(
                "Ingen økter å vise. Oversikten viser hver enhet og plattform i mappen for økter.",
                theme.dim,
            )],
            Some((r, _)) => {
                // The whole of what the columns may cut.
                let mut lines = vec![
                    Line::from(vec![
                        Span::styled("Enhet: ", theme.label),
                        Span::raw(dash(&r.unit)),
                    ]),
                    Line::from(vec![
                        Span::styled("Økt: ", theme.label),
                        Span::raw(r.outcome.clone()),
                    ]),
                ];
                if r.state == UNREADABLE {
                    lines.push(Line::styled(
                        format!("Filen kan ikke leses, og blir ikke endret: {}", r.why),
                        theme.error,
                    ));
                } else if !r.why.is_empty() {
                    lines.push(Line::styled("Til ny vurdering fordi:", theme.error));
                    lines.extend(r.why.split("; ").map(|w| Line::raw(format!("• {w}"))));
                }
                if r.overdue_measures > 0 {
                    lines.push(Line::raw(format!(
                        "{} tiltak har passert fristen.",
                        r.overdue_measures
                    )));
                }
                lines.push(Line::styled(format!("Fil: {}", r.file), theme.dim));
                if r.state != UNREADABLE {
                    let open = ctx.key(crate::keymap::Context::Sessions, Action::Open);
                    lines.push(Line::styled(format!("{open} åpner økten."), theme.dim));
                }
                lines
            }
        };
        frame.render_widget(
            Paragraph::new(detail)
                .wrap(Wrap { trim: false })
                .block(panel("Hvorfor", false, theme)),
            detail_area,
        );
    }
}

fn dash(text: &str) -> String {
    if text.trim().is_empty() {
        "–".to_owned()
    } else {
        text.to_owned()
    }
}
