//! Risiko: KS's privacy risks and the scenario bank, scored by the team,
//! with measures, treatment and residual risk, and the risk matrix.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::action::Action;
use crate::domain::risk::{
    CustomRisk, Measure, RiskAssessment, RiskCatalog, RiskInfo, RiskPart, RiskSource, Scales,
    Score, ScoreField, Side, matrix_points,
};
use crate::ui::form::{Field, Form, FormKind};
use crate::ui::matrix::RiskMatrix;
use crate::ui::theme::Theme;

/// What the right-hand side (or the whole screen) shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RiskView {
    /// The selected risk's assessment beside the list of risks.
    #[default]
    Assessment,
    /// KS's table, goal by goal, with the A/B/C categories.
    Table,
    /// All assessed risks on the matrix.
    Matrix,
}

impl RiskView {
    fn next(self) -> Self {
        match self {
            RiskView::Assessment => RiskView::Table,
            RiskView::Table => RiskView::Matrix,
            RiskView::Matrix => RiskView::Assessment,
        }
    }

    fn title(self) -> &'static str {
        match self {
            RiskView::Assessment => "Vurdering",
            RiskView::Table => "KS-tabellen",
            RiskView::Matrix => "Risikomatrise",
        }
    }
}

/// What the screen draws from; the app supplies it.
pub struct RiskData<'a> {
    pub catalog: &'a RiskCatalog,
    pub scales: &'a Scales,
    /// The open outcome's risk part; None when no outcome is open.
    pub part: Option<&'a RiskPart>,
}

#[derive(Debug, Clone, Default)]
pub struct RiskScreen {
    /// The selected risk's id; the first risk when empty.
    selected: String,
    pub view: RiskView,
    pub field: ScoreField,
    list: ListState,
    scroll: u16,
    page: usize,
}

impl RiskScreen {
    pub fn select(&mut self, id: &str) {
        self.selected = id.to_owned();
        self.field = ScoreField::default();
    }

    pub fn selected_index(&self, risks: &[RiskInfo]) -> usize {
        risks
            .iter()
            .position(|r| r.id == self.selected)
            .unwrap_or(0)
    }

    pub fn selected<'a, 'b>(&self, risks: &'b [RiskInfo<'a>]) -> Option<&'b RiskInfo<'a>> {
        risks.get(self.selected_index(risks))
    }

    /// Moving and switching views; scoring is the app's, as it changes the outcome.
    pub fn update(&mut self, action: Action, risks: &[RiskInfo]) {
        if self.view == RiskView::Table {
            let page = self.page.max(1) as u16;
            self.scroll = match action {
                Action::Up => self.scroll.saturating_sub(1),
                Action::Down => self.scroll.saturating_add(1),
                Action::PageUp => self.scroll.saturating_sub(page),
                Action::PageDown => self.scroll.saturating_add(page),
                Action::First => 0,
                // Clamped to the table's length when drawn.
                Action::Last => u16::MAX,
                _ => self.scroll,
            };
        }
        let last = risks.len().saturating_sub(1);
        let current = self.selected_index(risks);
        let page = self.page.max(1);
        let next = match action {
            Action::NextView => {
                self.view = self.view.next();
                return;
            }
            Action::NextField if self.view == RiskView::Assessment => {
                self.field = self.field.next();
                return;
            }
            Action::PrevField if self.view == RiskView::Assessment => {
                self.field = self.field.prev();
                return;
            }
            // The table scrolls (above); the matrix shows every risk at once.
            _ if self.view != RiskView::Assessment => return,
            Action::Up => current.saturating_sub(1),
            Action::Down => (current + 1).min(last),
            Action::PageUp => current.saturating_sub(page),
            Action::PageDown => (current + page).min(last),
            Action::First => 0,
            Action::Last => last,
            _ => return,
        };
        if let Some(r) = risks.get(next) {
            self.select(&r.id);
        }
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, data: &RiskData, theme: &Theme) {
        let empty = RiskPart::default();
        let part = data.part.unwrap_or(&empty);
        let risks = data.catalog.assessable(part);
        match self.view {
            RiskView::Table => self.render_table(frame, area, data.catalog, theme),
            RiskView::Matrix => render_matrix(frame, area, &risks, part, data.scales, theme),
            RiskView::Assessment => {
                let [list_area, detail_area] = area.layout(&Layout::horizontal([
                    Constraint::Percentage(45),
                    Constraint::Percentage(55),
                ]));
                self.render_list(frame, list_area, &risks, part, data.scales, theme);
                let detail = match self.selected(&risks) {
                    Some(risk) => self.detail(risk, data, part, theme),
                    None => Text::styled("Ingen risikoer er lastet.", theme.dim),
                };
                let mut block = Block::bordered()
                    .title(Line::styled(
                        format!(" {} ", self.view.title()),
                        theme.title,
                    ))
                    .border_style(theme.border);
                if data.part.is_none() {
                    block = block.title_bottom(Line::styled(
                        " Ingen økt er åpen: åpne en under Økter for å vurdere ",
                        theme.error,
                    ));
                }
                frame.render_widget(
                    Paragraph::new(detail)
                        .wrap(Wrap { trim: false })
                        .block(block),
                    detail_area,
                );
            }
        }
    }

    fn render_list(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        risks: &[RiskInfo],
        part: &RiskPart,
        scales: &Scales,
        theme: &Theme,
    ) {
        let mut items = Vec::new();
        let mut selected_row = 0;
        let mut group = "";
        for (i, risk) in risks.iter().enumerate() {
            if risk.group != group {
                group = risk.group;
                items.push(ListItem::new(Line::styled(group.to_owned(), theme.section)));
            }
            if risk.id == risks[self.selected_index(risks)].id {
                selected_row = items.len();
            }
            let badge = badge(part.get(&risk.id));
            let flag = if top_after_measures(part.get(&risk.id), scales) {
                "!"
            } else {
                " "
            };
            items.push(ListItem::new(Line::from(vec![
                Span::styled(format!("{flag}{:>2} ", i + 1), theme.dim),
                Span::styled(format!("{badge:<8} "), theme.label),
                Span::raw(risk.title.to_owned()),
            ])));
        }
        let block = Block::bordered()
            .title(Line::styled(" Risikoer ", theme.title))
            .border_style(theme.border_focus);
        self.page = block.inner(area).height as usize;
        self.list.select(Some(selected_row));
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected)
            .highlight_symbol("›");
        frame.render_stateful_widget(list, area, &mut self.list);
    }

    fn detail<'a>(
        &self,
        risk: &RiskInfo<'a>,
        data: &RiskData<'a>,
        part: &RiskPart,
        theme: &Theme,
    ) -> Text<'a> {
        let scales = data.scales;
        let empty = RiskAssessment::default();
        let a = part.get(&risk.id).unwrap_or(&empty);
        let label = |s: &'static str| Span::styled(format!("{s:<13}"), theme.label);
        let mut lines = vec![Line::styled(risk.title.to_owned(), theme.title)];
        let origin = match risk.source {
            RiskSource::Table(goal, _) => format!("{} · {}", goal.name, goal.source),
            RiskSource::Scenario(s) => format!(
                "Scenario skrevet for somevett, bygger på {}",
                s.sources.join(", ")
            ),
            RiskSource::Custom(_) => "Lagt til av teamet".to_owned(),
        };
        lines.push(Line::styled(origin, theme.dim));
        match risk.source {
            RiskSource::Scenario(s) => lines.push(Line::raw(s.description.clone())),
            RiskSource::Custom(c) if !c.description.is_empty() => {
                lines.push(Line::raw(c.description.clone()))
            }
            _ => {}
        }
        lines.push(Line::default());
        for side in [Side::Inherent, Side::Residual] {
            let title = if side == Side::Inherent {
                "Før tiltak"
            } else {
                "Etter tiltak"
            };
            let [numbers, names] = self.score_lines(a.score(side), side, scales, theme);
            lines.push(Line::from([vec![label(title)], numbers].concat()));
            if !names.iter().all(|n| n.content.is_empty()) {
                lines.push(Line::from([vec![label("")], names].concat()));
            }
            if side == Side::Inherent {
                let treatment = a.treatment.map_or("ikke valgt", |t| t.label());
                lines.push(Line::from(vec![label("Behandling"), Span::raw(treatment)]));
                if a.measures.is_empty() {
                    lines.push(Line::from(vec![
                        label("Tiltak"),
                        Span::styled("ingen ennå", theme.dim),
                    ]));
                }
                for (i, m) in a.measures.iter().enumerate() {
                    let who = match (m.owner.is_empty(), m.due.is_empty()) {
                        (true, true) => String::new(),
                        _ => format!(" ({}, {})", or_dash(&m.owner), or_dash(&m.due)),
                    };
                    let head = if i == 0 { label("Tiltak") } else { label("") };
                    lines.push(Line::from(vec![
                        head,
                        Span::raw(format!("• {}{who}", m.text)),
                    ]));
                }
            }
        }
        if !a.note.is_empty() {
            lines.push(Line::from(vec![label("Notat"), Span::raw(a.note.clone())]));
        }
        if let RiskSource::Table(goal, _) = risk.source
            && !goal.considerations.is_empty()
        {
            lines.push(Line::default());
            lines.push(Line::styled("Momenter (KS)", theme.label));
            lines.extend(
                goal.considerations
                    .iter()
                    .map(|c| Line::raw(format!("• {}", c.text))),
            );
        }
        let suggested = data.catalog.suggested_measures(risk).len();
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("{suggested} foreslåtte tiltak i kildene"),
            theme.dim,
        ));
        Text::from(lines)
    }

    /// Two lines: "S [4]  K [3]  = 12 Betydelig !" with the field being
    /// scored marked, then the scale labels ("Sannsynlig × Moderat").
    fn score_lines(
        &self,
        score: Option<Score>,
        side: Side,
        scales: &Scales,
        theme: &Theme,
    ) -> [Vec<Span<'static>>; 2] {
        let s = score.unwrap_or_default();
        let (lf, kf) = match side {
            Side::Inherent => (
                ScoreField::InherentLikelihood,
                ScoreField::InherentConsequence,
            ),
            Side::Residual => (
                ScoreField::ResidualLikelihood,
                ScoreField::ResidualConsequence,
            ),
        };
        let number = |v: u8, field: ScoreField| {
            let text = if v == 0 {
                "[ ]".to_owned()
            } else {
                format!("[{v}]")
            };
            let style = if field == self.field {
                theme.selected
            } else {
                theme.base
            };
            Span::styled(text, style)
        };
        let mut first = vec![
            Span::raw("S "),
            number(s.likelihood, lf),
            Span::raw("  K "),
            number(s.consequence, kf),
        ];
        if s.is_complete()
            && let Some(band) = scales.band(s.value())
        {
            let flag = if scales.is_top(s.value()) { " !" } else { "" };
            first.push(Span::raw("  = "));
            first.push(Span::styled(
                format!("{} {}{flag}", s.value(), band.name),
                theme.band(band.color),
            ));
        }
        let names = match (
            scales.likelihood_label(s.likelihood),
            scales.consequence_label(s.consequence),
        ) {
            ("", "") => String::new(),
            (l, "") => format!("{l} × ?"),
            ("", k) => format!("? × {k}"),
            (l, k) => format!("{l} × {k}"),
        };
        [first, vec![Span::styled(names, theme.dim)]]
    }

    fn render_table(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        catalog: &RiskCatalog,
        theme: &Theme,
    ) {
        let block = Block::bordered()
            .title(Line::styled(
                " KS-tabellen: personvernmål, risiko, momenter og tiltak ",
                theme.title,
            ))
            .border_style(theme.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines = table_lines(catalog, inner.width as usize, theme);
        self.page = inner.height as usize;
        let max = (lines.len() as u16).saturating_sub(inner.height);
        self.scroll = self.scroll.min(max);
        frame.render_widget(Paragraph::new(lines).scroll((self.scroll, 0)), inner);
    }
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() { "–" } else { s }
}

/// "12→6" style: the risk before and after measures.
fn badge(a: Option<&RiskAssessment>) -> String {
    let show = |s: Option<Score>| s.filter(|s| s.is_complete()).map(|s| s.value().to_string());
    match a {
        None => String::new(),
        Some(a) => match (show(a.inherent), show(a.residual)) {
            (None, None) => "…".to_owned(),
            (Some(i), None) => i,
            (None, Some(r)) => format!("?→{r}"),
            (Some(i), Some(r)) => format!("{i}→{r}"),
        },
    }
}

/// Whether the risk, as it stands after measures (or before, if no residual
/// is set), is in the top band.
fn top_after_measures(a: Option<&RiskAssessment>, scales: &Scales) -> bool {
    a.and_then(|a| a.residual.filter(|s| s.is_complete()).or(a.inherent))
        .is_some_and(|s| s.is_complete() && scales.is_top(s.value()))
}

/// KS's table as lines: per goal a heading, then Risiko / Momenter / Tiltak
/// side by side, each entry wrapped in its column.
pub fn table_lines(catalog: &RiskCatalog, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let col = (width.saturating_sub(6) / 3).max(8);
    let mut lines = Vec::new();
    let header = format!("{:<col$} │ {:<col$} │ {}", "Risiko", "Momenter", "Tiltak");
    for goal in &catalog.goals {
        lines.push(Line::styled(goal.name.clone(), theme.title));
        lines.push(Line::styled(header.clone(), theme.label));
        let column = |entries: &[crate::domain::risk::Entry]| -> Vec<String> {
            let mut out = Vec::new();
            for e in entries {
                let wrapped = textwrap::wrap(&e.text, col.saturating_sub(2).max(4));
                for (i, l) in wrapped.iter().enumerate() {
                    out.push(format!("{}{l}", if i == 0 { "• " } else { "  " }));
                }
            }
            if entries.is_empty() {
                out.push("(ingen i kilden)".to_owned());
            }
            out
        };
        let cols = [
            column(&goal.risks),
            column(&goal.considerations),
            column(&goal.measures),
        ];
        let rows = cols.iter().map(Vec::len).max().unwrap_or(0);
        for r in 0..rows {
            let cell = |c: usize| cols[c].get(r).cloned().unwrap_or_default();
            lines.push(Line::raw(format!(
                "{} │ {} │ {}",
                pad(&cell(0), col),
                pad(&cell(1), col),
                cell(2)
            )));
        }
        lines.push(Line::default());
    }
    if !catalog.categories.is_empty() {
        lines.push(Line::styled("Kategorier for innhold (KS)", theme.title));
        for c in &catalog.categories {
            for l in textwrap::wrap(&format!("{}: {}", c.name, c.text), width.max(10)) {
                lines.push(Line::raw(l.into_owned()));
            }
        }
    }
    lines
}

/// Pads to a display width (Norwegian letters are one column).
fn pad(text: &str, width: usize) -> String {
    let w = textwrap::core::display_width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn render_matrix(
    frame: &mut Frame,
    area: Rect,
    risks: &[RiskInfo],
    part: &RiskPart,
    scales: &Scales,
    theme: &Theme,
) {
    let [matrix_area, legend_area] = area.layout(&Layout::horizontal([
        Constraint::Percentage(60),
        Constraint::Percentage(40),
    ]));
    let numbered = matrix_points(risks, part);
    let points: Vec<_> = numbered.iter().map(|(_, p)| p.clone()).collect();
    let block = Block::bordered()
        .title(Line::styled(
            " Risikomatrise: sannsynlighet × konsekvens ",
            theme.title,
        ))
        .border_style(theme.border_focus);
    let inner = block.inner(matrix_area);
    frame.render_widget(block, matrix_area);
    frame.render_widget(
        RiskMatrix {
            scales,
            points: &points,
            theme,
        },
        inner,
    );

    let mut legend = Vec::new();
    if numbered.is_empty() {
        legend.push(Line::styled("Ingen risikoer er vurdert ennå.", theme.dim));
    }
    for (i, p) in &numbered {
        let value = |s: Option<Score>| s.map_or("–".to_owned(), |s| s.value().to_string());
        let top = p
            .residual
            .or(p.inherent)
            .is_some_and(|s| scales.is_top(s.value()));
        let style = if top { theme.error } else { theme.base };
        legend.push(Line::from(vec![
            Span::styled(
                format!("{}{:>2} ", if top { "!" } else { " " }, p.label),
                style,
            ),
            Span::styled(
                format!("{:>2}→{:<2} ", value(p.inherent), value(p.residual)),
                theme.label,
            ),
            Span::raw(risks[*i].title.to_owned()),
        ]));
    }
    legend.push(Line::default());
    for band in &scales.bands {
        legend.push(Line::from(vec![
            Span::styled(format!(" {} ", band.name), theme.band(band.color)),
            Span::styled(
                format!(" {}-{}: {}", band.min, band.max, band.acceptance),
                theme.dim,
            ),
        ]));
    }
    frame.render_widget(
        Paragraph::new(legend).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(Line::styled(" Forklaring ", theme.title))
                .border_style(theme.border),
        ),
        legend_area,
    );
}

const MEASURES: &str = "Tiltak";
const NOTE: &str = "Notat";

/// The form for a risk's measures (one per line: text | owner | due) and note.
pub fn details_form(risk_id: &str, a: Option<&RiskAssessment>) -> Form {
    let measures: Vec<String> = a
        .map(|a| {
            a.measures
                .iter()
                .map(|m| match (m.owner.is_empty(), m.due.is_empty()) {
                    (true, true) => m.text.clone(),
                    (_, true) => format!("{} | {}", m.text, m.owner),
                    _ => format!("{} | {} | {}", m.text, m.owner, m.due),
                })
                .collect()
        })
        .unwrap_or_default();
    Form::new(
        FormKind::RiskDetails(risk_id.to_owned()),
        " Tiltak og notat ",
        vec![
            Field::multi(
                MEASURES,
                "Ett tiltak per linje: tiltak | eier | frist (ÅÅÅÅ-MM-DD). Tab til notatet, Ctrl-S lagrer.",
                &measures.join("\n"),
            ),
            Field::multi(
                NOTE,
                "Begrunnelse og annet teamet vil huske.",
                &a.map(|a| a.note.clone()).unwrap_or_default(),
            ),
        ],
    )
}

/// The parsed details form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskDetails {
    pub measures: Vec<Measure>,
    pub note: String,
}

impl RiskDetails {
    pub fn read(form: &Form) -> Result<Self, String> {
        let measures = form
            .text(MEASURES)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let mut parts = line.split('|').map(str::trim);
                Measure {
                    text: parts.next().unwrap_or_default().to_owned(),
                    source: String::new(),
                    owner: parts.next().unwrap_or_default().to_owned(),
                    due: parts.next().unwrap_or_default().to_owned(),
                }
            })
            .collect::<Vec<_>>();
        if measures.iter().any(|m| m.text.is_empty()) {
            return Err("Et tiltak mangler tekst foran |.".to_owned());
        }
        Ok(RiskDetails {
            measures,
            note: form.text(NOTE).trim_end().to_owned(),
        })
    }

    /// Replaces measures and note; a measure kept from the sources keeps its source.
    pub fn apply(self, a: &mut RiskAssessment) {
        let old = std::mem::take(&mut a.measures);
        a.measures = self
            .measures
            .into_iter()
            .map(|mut m| {
                if let Some(o) = old.iter().find(|o| o.text == m.text) {
                    m.source = o.source.clone();
                }
                m
            })
            .collect();
        a.note = self.note;
    }
}

const RISK_TITLE: &str = "Risiko";
const DESCRIPTION: &str = "Beskrivelse";
const GOAL: &str = "Personvernmål";

pub fn custom_risk_form() -> Form {
    Form::new(
        FormKind::CustomRisk,
        " Ny egen risiko ",
        vec![
            Field::single(RISK_TITLE, "Den uønskede hendelsen, kort.", ""),
            Field::multi(DESCRIPTION, "Hva kan skje, og hvem rammes?", ""),
            Field::single(
                GOAL,
                "Medbestemmelse, Åpenhet eller Ansvarlighet/Tillit (kan stå tomt).",
                "",
            ),
        ],
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomRiskValues {
    pub title: String,
    pub description: String,
    pub goal: String,
}

impl CustomRiskValues {
    pub fn read(form: &Form, catalog: &RiskCatalog) -> Result<Self, String> {
        let title = form.text(RISK_TITLE).trim().to_owned();
        if title.is_empty() {
            return Err("Risikoen trenger en tittel.".to_owned());
        }
        let typed = crate::search::fold(form.text(GOAL).trim());
        let goal = if typed.is_empty() {
            String::new()
        } else {
            catalog
                .goals
                .iter()
                .find(|g| {
                    crate::search::fold(&g.name).starts_with(&typed) || g.id.starts_with(&typed)
                })
                .map(|g| g.id.clone())
                .ok_or_else(|| format!("Ukjent personvernmål «{}».", form.text(GOAL).trim()))?
        };
        Ok(CustomRiskValues {
            title,
            description: form.text(DESCRIPTION).trim_end().to_owned(),
            goal,
        })
    }

    /// Adds the risk; returns the id its assessment is stored under.
    pub fn add_to(self, part: &mut RiskPart) -> String {
        let id = part.next_custom_id();
        part.custom.push(CustomRisk {
            id: id.clone(),
            title: self.title,
            description: self.description,
            goal: self.goal,
        });
        format!("egen.{id}")
    }
}
