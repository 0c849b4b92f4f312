//! Plattformer: the platforms the outcome lists side by side, one row each,
//! with «ikke bruke plattformen» as the baseline: the highest risk that
//! stands for each, risks in the top band, open measures, transfer to a
//! third country, a joint-controller arrangement, and management's latest
//! decision. Below, the selected platform in full. Nothing here changes
//! the record: the numbers are set on Risiko (`p` shows a platform) and the
//! decisions on Vurdering.

use crate::ui::cells;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::action::Action;
use crate::domain::Outcome;
use crate::domain::decision::Decision;
use crate::domain::per_platform::{Column, board};
use crate::domain::platform::{Fact, Platform};
use crate::domain::rules;
use crate::keymap::Context;
use crate::ui::screen::{Ctx, Effect, Screen, Spot, Unavailable, require};
use crate::ui::strings;
use crate::ui::theme::Theme;
use crate::ui::widgets::{ListCursor, Scroll, panel};

#[derive(Debug, Default)]
pub struct CompareScreen {
    cursor: ListCursor,
    table: TableState,
    detail: Scroll,
}

impl CompareScreen {
    fn render_board(&mut self, frame: &mut Frame, area: Rect, outcome: &Outcome, ctx: &Ctx) {
        let theme = ctx.theme;
        let columns = board(outcome, &ctx.library.scales, &ctx.library.platforms);
        self.cursor.clamp(columns.len());
        // Rows, the header and the borders; the baseline may take two lines.
        let height = cells::count(columns.len())
            .saturating_add(4)
            .min(area.height / 2)
            .max(5);
        let [board_area, detail_area] = area.layout(&Layout::vertical([
            Constraint::Length(height),
            Constraint::Fill(1),
        ]));
        // What the fixed columns leave for the platform's name.
        let name_room = (board_area.width as usize)
            .saturating_sub(2 + 1 + 6 + 59)
            .max(8);
        // A decision whose ground has moved reads «til ny vurdering» (the
        // detail below says why).
        let reasons = ctx.library.reopened(outcome, ctx.now.today);
        let reopened: Vec<bool> = columns
            .iter()
            .map(|c| {
                !c.baseline
                    && c.decision.is_some()
                    && reasons.iter().any(|r| ctx.library.concerns(r, &c.platform))
            })
            .collect();
        let rows = columns.iter().zip(&reopened).map(|(c, reopened)| {
            let mut texts = crate::outcome::board::texts(c);
            // The title names the round; the detail below has them all.
            if let Some((_, d)) = c.decision {
                texts[6] = if *reopened {
                    "til ny vurdering".to_owned()
                } else {
                    d.label().to_owned()
                };
            }
            // «!»: Datatilsynet must be asked (the detail says why).
            if c.consultation_required {
                texts[6].push_str(" !");
            }
            let style = |i: usize| -> Style {
                match (i, &c.highest) {
                    (1, Some(h)) => h.color.map_or(theme.base, |col| theme.band(col)),
                    (2, _) if !c.top_risks.is_empty() => theme.error,
                    (6, _) if c.consultation_required || *reopened => theme.error,
                    (0, _) if c.baseline => theme.dim,
                    _ => theme.base,
                }
            };
            // A long name (the baseline's) takes two lines where room is short.
            let name: Vec<Line> = textwrap::wrap(&texts[0], name_room)
                .into_iter()
                .take(2)
                .map(|l| Line::styled(l.into_owned(), style(0)))
                .collect();
            let height = cells::count(name.len().max(1));
            let mut cells = vec![Cell::from(name)];
            cells.extend(
                texts
                    .into_iter()
                    .enumerate()
                    .skip(1)
                    .map(|(i, t)| Cell::from(Span::styled(t, style(i)))),
            );
            Row::new(cells).height(height)
        });
        let widths = [
            Constraint::Fill(1),
            Constraint::Length(12),
            Constraint::Length(6),
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Length(8),
            Constraint::Length(18),
        ];
        let headings = [
            "Plattform",
            "Høyest nå",
            "I topp",
            "Åpne",
            "Tredjeland",
            "Art. 26",
            "Beslutning",
        ];
        let header = Row::new(headings.map(|h| Cell::from(Span::styled(h, theme.label))));
        let title = match (
            outcome.decision.rounds.len(),
            reopened.iter().filter(|r| **r).count(),
        ) {
            (0, _) => "Plattformene side om side".to_owned(),
            (n, 0) => format!("Plattformene side om side · beslutning i runde {n}"),
            (n, k) => {
                format!("Plattformene side om side · beslutning i runde {n} · {k} til ny vurdering")
            }
        };
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(theme.selected)
            .highlight_symbol("›")
            .block(panel(title, true, theme));
        self.cursor.page = board_area.height.saturating_sub(3) as usize;
        self.table.select(Some(self.cursor.selected));
        frame.render_stateful_widget(table, board_area, &mut self.table);

        let lines = match columns.get(self.cursor.selected) {
            Some(c) if c.baseline => baseline_lines(theme),
            Some(c) => detail_lines(c, outcome, ctx),
            None => Vec::new(),
        };
        let title = columns
            .get(self.cursor.selected)
            .map_or(String::new(), |c| c.platform.clone());
        let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
        let inner_width = detail_area.width.saturating_sub(2);
        self.detail.clamp(
            paragraph.line_count(inner_width),
            detail_area.height.saturating_sub(2),
        );
        frame.render_widget(
            paragraph
                .scroll((self.detail.offset, 0))
                .block(panel(title, false, theme)),
            detail_area,
        );
    }
}

fn baseline_lines(theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::raw(
            "Grunnlinjen: kommunen bruker ikke plattformen. Da deles ingen personopplysninger med den, og risikoene i tabellen gjelder ikke.",
        ),
        Line::styled(
            "Det som står igjen, er det kommunen mister ved ikke å være der: det veier dere i navigasjonshjulet (alternativet «Ikke bruke sosiale medier»).",
            theme.dim,
        ),
    ]
}

fn fact_line(label: &str, fact: &Fact, theme: &Theme) -> Line<'static> {
    let (text, style) = match fact {
        // A fact that no longer simply stands says so before its date.
        Fact::Known {
            text,
            checked,
            status,
            ..
        } => {
            let standing = if status.is_current() {
                String::new()
            } else {
                format!("{}; ", status.label())
            };
            (format!("{text} ({standing}sjekket {checked})"), theme.base)
        }
        Fact::Unknown => ("ukjent: ingen kilde funnet ennå".to_owned(), theme.dim),
    };
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.label),
        Span::styled(text, style),
    ])
}

fn facts_lines(p: &Platform, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = p
        .facts()
        .into_iter()
        .map(|(_, label, fact)| fact_line(label, fact, theme))
        .collect();
    if let Some(case) = p.cases.last() {
        lines.push(Line::from(vec![
            Span::styled("Siste vedtak eller dom: ", theme.label),
            Span::raw(format!("{} {}: {}", case.date, case.authority, case.title)),
        ]));
    }
    lines
}

fn detail_lines(c: &Column, outcome: &Outcome, ctx: &Ctx) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let library = ctx.library;
    let name = c.platform.as_str();
    let mut lines = vec![Line::styled(
        "Høyest nå: høyeste risiko etter tiltak (før, der etter ikke er vurdert). I topp: risikoer i øverste bånd. Åpne: tiltak som ikke er gjennomført. Tredjeland og art. 26: fra plattformkatalogen. «!» ved beslutningen: Datatilsynet må bes om forhåndsdrøftelse.",
        theme.dim,
    )];
    let risks = library.risks.assessable(&outcome.risk);
    let title = |id: &String| {
        risks
            .iter()
            .position(|r| r.id.as_str() == id)
            .map_or(id.clone(), |i| format!("{} {}", i + 1, risks[i].title))
    };
    if c.top_risks.is_empty() {
        lines.push(Line::styled("Ingen risiko i øverste bånd.", theme.dim));
    } else {
        lines.push(Line::styled("Risikoer i øverste bånd:", theme.error));
        lines.extend(
            c.top_risks
                .iter()
                .map(|id| Line::raw(format!("• {}", title(id)))),
        );
    }
    // The rule on prior consultation as it stands for this platform.
    let scope = (outcome.platforms.len() > 1).then_some(name);
    let standing = rules::standings(outcome, &library.scales)
        .into_iter()
        .find(|s| s.platform == scope);
    if let Some(s) = standing {
        if s.required {
            lines.push(Line::styled(
                format!(
                    "KS kap. 8: forhåndsdrøftelse kreves for {name}. Vurderingen har vært i ledelsen mer enn én gang, restrisikoen er i øverste bånd og kommunen ønsker fortsatt plattformen: Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36). Bedt om: {}.",
                    rules::asked(s.asked)
                ),
                theme.error,
            ));
        } else if s.required_next && rounds_wanted(outcome, name) {
            lines.push(Line::styled(
                format!(
                    "KS kap. 8: blir vurderingen lagt fram igjen med restrisiko i øverste bånd og kommunen fortsatt ønsker {name}, må Datatilsynet bes om forhåndsdrøftelse (GDPR art. 36)."
                ),
                theme.error,
            ));
        }
    }
    if c.without_residual > 0 {
        lines.push(Line::raw(format!(
            "{} risikoer er vurdert før tiltak, men ikke etter.",
            c.without_residual
        )));
    }
    if !c.not_relevant.is_empty() {
        lines.push(Line::styled("Ikke relevant for plattformen:", theme.label));
        lines.extend(
            c.not_relevant
                .iter()
                .map(|id| Line::raw(format!("• {}", title(id)))),
        );
    }
    let rounds = &outcome.decision.rounds;
    if !rounds.is_empty() {
        lines.push(Line::styled("Beslutninger:", theme.label));
        for (i, r) in rounds.iter().enumerate() {
            let d = r
                .decision_for(name)
                .map_or("ikke besluttet for plattformen", |d| d.label());
            let day = r
                .date
                .map_or_else(|| "dato mangler".to_owned(), |d| d.to_string());
            lines.push(Line::raw(format!("Runde {} · {day} · {d}", i + 1)));
        }
        lines.extend(crate::ui::ground::lines(
            outcome,
            library,
            Some(name),
            ctx.now.today,
            theme,
        ));
    }
    lines.push(Line::default());
    match library.platforms.find(name) {
        Some(p) => {
            lines.extend(facts_lines(p, theme));
            lines.extend(precedent_lines(library, &p.id, theme));
        }
        None => lines.push(Line::styled(
            format!(
                "{name} er ikke i plattformkatalogen (platforms.ron): fakta om selskap, overføring og art. 26 mangler."
            ),
            theme.dim,
        )),
    }
    lines
}

/// What other public bodies chose about the platform, and why (the
/// precedent register), newest first.
fn precedent_lines(
    library: &crate::content::Library,
    platform: &str,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let found = library.precedents.for_platform(platform);
    if found.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::default(),
        Line::styled(
            "Hva andre valgte, og hvorfor (lagt til av somevett):",
            theme.label,
        ),
    ];
    for p in found {
        lines.push(Line::raw(format!("• {}", p.headline())));
        lines.push(Line::styled(format!("  {}", p.why), theme.dim));
    }
    lines
}

/// Whether the municipality still wants the platform: the latest round
/// wants it and did not turn this platform down (true before any round).
fn rounds_wanted(outcome: &Outcome, platform: &str) -> bool {
    outcome.decision.latest().is_none_or(|r| {
        r.wants(Some(platform)) && r.decision_for(platform) != Some(Decision::IkkeGodkjent)
    })
}

impl Screen for CompareScreen {
    fn title(&self) -> &'static str {
        "Plattformer"
    }

    /// The platform selected, by name.
    fn spot(&self, ctx: &Ctx) -> Spot {
        let platform = ctx.outcome.and_then(|o| {
            board(o, &ctx.library.scales, &ctx.library.platforms)
                .into_iter()
                .nth(self.cursor.selected)
                .map(|c| c.platform)
        });
        Spot { platform, at: None }
    }

    fn go_to(&mut self, spot: &Spot, ctx: &Ctx) {
        let (Some(outcome), Some(wanted)) = (ctx.outcome, spot.platform.as_deref()) else {
            return;
        };
        let columns = board(outcome, &ctx.library.scales, &ctx.library.platforms);
        if let Some(i) = columns
            .iter()
            .position(|c| crate::domain::platform::same_platform(&c.platform, wanted))
        {
            self.cursor.selected = i;
        }
    }

    fn short_title(&self) -> &'static str {
        "Plattf."
    }

    fn context(&self) -> Context {
        Context::Compare
    }

    fn check(&self, action: Action, ctx: &Ctx) -> Result<(), Unavailable> {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => require(ctx.outcome.is_some(), Unavailable::quietly),
            _ => Ok(()),
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let outcome = ctx.outcome?;
        // The baseline column is one more row.
        let len = outcome.platforms.len() + 1;
        if matches!(action, Action::PageUp | Action::PageDown) {
            // The rows fit; paging reads the selected platform's details.
            self.detail.apply(action);
            return None;
        }
        let before = self.cursor.selected;
        if self.cursor.apply(action, len) && self.cursor.selected != before {
            self.detail = Scroll::default();
        }
        None
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        match ctx.outcome {
            None => frame.render_widget(
                Paragraph::new(Line::styled(strings::no_outcome(ctx.keymap), theme.error))
                    .wrap(Wrap { trim: true })
                    .block(panel("Plattformene side om side", true, theme)),
                area,
            ),
            Some(o) if o.platforms.is_empty() => frame.render_widget(
                Paragraph::new(vec![
                    Line::styled("Økta lister ingen plattformer.", theme.error),
                    Line::raw(
                        "Skriv plattformene (f.eks. Facebook, TikTok) i øktas beskrivelse: 6 Økter, e. Da vurderes og besluttes hver for seg, og de vises her side om side.",
                    ),
                ])
                .wrap(Wrap { trim: true })
                .block(panel("Plattformene side om side", true, theme)),
                area,
            ),
            Some(o) => self.render_board(frame, area, o, ctx),
        }
    }

    fn reset(&mut self) {
        self.cursor = ListCursor::default();
        self.detail = Scroll::default();
    }
}
