//! Risiko: KS's privacy risks and the scenario bank, scored by the team,
//! with measures, treatment and residual risk, and the risk matrix.

use crate::ui::cells;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::action::Action;
use crate::domain::change::Change;
use crate::domain::platform::{PlatformName, same_platform};
use crate::domain::risk::{
    Measure, RiskAssessment, RiskCatalog, RiskId, RiskInfo, RiskPart, RiskSource, Scales, Score,
    ScoreField, Side, Treatment, matrix_points, measure_from,
};
use crate::domain::voices::Spread;
use crate::keymap::Context;
use crate::ui::form::{ChoiceKey, DateKey, Field, Form, OnSubmit, RowGroup, TextKey};
use crate::ui::matrix::{RiskMatrix, VoiceRange};
use crate::ui::overlay::Confirm;
use crate::ui::picker::{OnPick, PickItem, Picker};
use crate::ui::screen::{Ctx, Effect, FileOp, Screen, Selection, Spot, Unavailable, require};
use crate::ui::strings;
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
    /// The platforms the outcome lists.
    pub platforms: &'a [PlatformName],
    /// For the keys hints name.
    pub keymap: &'a crate::keymap::Keymap,
    /// The voices' spread of each risk as last revealed (format 8), shown
    /// as a range beside the matrix.
    pub spreads: Vec<crate::domain::voices::Spread>,
}

#[derive(Debug, Clone, Default)]
pub struct RiskScreen {
    /// The selected risk's id; the first risk when none.
    selected: Option<RiskId>,
    pub view: RiskView,
    /// While true the digits score the selected risk (started with `s`).
    pub scoring: bool,
    pub field: ScoreField,
    /// The platform whose assessment is shown and changed; None for the
    /// shared one. Only platforms the outcome lists.
    pub platform: Option<String>,
    list: ListState,
    scroll: u16,
    page: usize,
}

impl RiskScreen {
    pub fn select(&mut self, id: &RiskId) {
        if self.selected.as_ref() != Some(id) {
            self.scoring = false;
        }
        self.selected = Some(id.clone());
        self.field = ScoreField::default();
    }

    /// The risk selected, once one has been (the first is shown before).
    pub fn selected_risk(&self) -> Option<&RiskId> {
        self.selected.as_ref()
    }

    pub fn selected_index(&self, risks: &[RiskInfo]) -> usize {
        risks
            .iter()
            .position(|r| Some(&r.id) == self.selected.as_ref())
            .unwrap_or(0)
    }

    pub fn selected<'a, 'b>(&self, risks: &'b [RiskInfo<'a>]) -> Option<&'b RiskInfo<'a>> {
        risks.get(self.selected_index(risks))
    }

    /// Moving and switching views; nothing here changes the outcome.
    pub fn update(&mut self, action: Action, risks: &[RiskInfo]) {
        if self.view == RiskView::Table {
            let page = cells::count(self.page.max(1));
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
                self.scoring = false;
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

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, data: &RiskData, theme: &Theme) {
        let empty = RiskPart::default();
        let stored = data.part.unwrap_or(&empty);
        // What the lists, badges and the matrix read: the shared assessment,
        // or the one for the platform shown.
        let shown;
        let part = match &self.platform {
            Some(p) => {
                shown = stored.shown_for(p);
                &shown
            }
            None => stored,
        };
        let risks = data.catalog.assessable(stored);
        match self.view {
            RiskView::Table => self.render_table(frame, area, data.catalog, theme),
            RiskView::Matrix => {
                let relevant = match &self.platform {
                    Some(p) => stored.for_platform(p),
                    None => part.clone(),
                };
                // Voices score per platform when there are several: the
                // shared view of such an outcome has no spread of its own.
                let spreads: Vec<&Spread> = data
                    .spreads
                    .iter()
                    .filter(|s| match (&s.key.platform, &self.platform) {
                        (None, _) => data.platforms.len() < 2,
                        (Some(k), Some(p)) => k == p.as_str(),
                        (Some(_), None) => false,
                    })
                    .collect();
                render_matrix(
                    frame,
                    area,
                    &MatrixShown {
                        risks: &risks,
                        part: &relevant,
                        scales: data.scales,
                        platform: self.platform.as_deref(),
                        spreads: &spreads,
                    },
                    theme,
                )
            }
            RiskView::Assessment => {
                let [list_area, detail_area] = area.layout(&Layout::horizontal([
                    Constraint::Percentage(45),
                    Constraint::Percentage(55),
                ]));
                self.render_list(frame, list_area, &risks, part, data, theme);
                let detail = match self.selected(&risks) {
                    Some(risk) => {
                        let width = usize::from(detail_area.width.saturating_sub(2));
                        self.detail(risk, data, stored, width, theme)
                    }
                    None => Text::styled("Ingen risikoer er lastet.", theme.dim),
                };
                let title = if self.scoring {
                    data.keymap
                        .fill(" Skårer: 1–5 i merket felt, {scoring.close} ferdig ")
                        .into_owned()
                } else {
                    format!(" {} ", self.view.title())
                };
                let border = if self.scoring {
                    theme.border_focus
                } else {
                    theme.border
                };
                let mut block = Block::bordered()
                    .title(Line::styled(title, theme.title))
                    .border_style(border);
                if data.part.is_none() {
                    block = block.title_bottom(Line::styled(
                        format!(" {} ", strings::no_outcome(data.keymap)),
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
        data: &RiskData,
        theme: &Theme,
    ) {
        let scales = data.scales;
        let stored = data.part;
        let mut items = Vec::new();
        let mut selected_row = 0;
        let mut group = "";
        let irrelevant = |risk: &RiskInfo| {
            self.platform.as_deref().is_some_and(|p| {
                stored
                    .and_then(|s| s.get(&risk.id))
                    .is_some_and(|a| !a.relevant_for(p))
            })
        };
        let badge_of = |risk: &RiskInfo| {
            if irrelevant(risk) {
                "irrelevant".to_owned()
            } else {
                badge(part.get(&risk.id))
            }
        };
        // The score column is as wide as its widest entry, so a narrow
        // terminal gives the room to the risks' titles.
        let column = risks
            .iter()
            .map(|r| badge_of(r).chars().count())
            .max()
            .unwrap_or(0);
        for (i, risk) in risks.iter().enumerate() {
            if risk.group != group {
                group = risk.group;
                items.push(ListItem::new(Line::styled(group.to_owned(), theme.section)));
            }
            if i == self.selected_index(risks) {
                selected_row = items.len();
            }
            let badge = badge_of(risk);
            let flag = if !irrelevant(risk) && top_after_measures(part.get(&risk.id), scales) {
                "!"
            } else {
                " "
            };
            items.push(ListItem::new(Line::from(vec![
                Span::styled(format!("{flag}{:>2} ", i + 1), theme.dim),
                Span::styled(
                    if column == 0 {
                        String::new()
                    } else {
                        format!("{badge:<column$} ")
                    },
                    theme.label,
                ),
                Span::raw(risk.title.to_owned()),
            ])));
        }
        let title = match (&self.platform, data.platforms.is_empty()) {
            (Some(p), _) => format!(" Risikoer · {p} "),
            (None, false) => " Risikoer · felles ".to_owned(),
            (None, true) => " Risikoer ".to_owned(),
        };
        let block = Block::bordered()
            .title(Line::styled(title, theme.title))
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
        width: usize,
        theme: &Theme,
    ) -> Text<'a> {
        let empty = RiskAssessment::default();
        let stored = part.get(&risk.id).unwrap_or(&empty);
        let platform = self.platform.as_deref();
        let resolved = platform.map(|p| stored.for_platform(p));
        let a = resolved.as_ref().unwrap_or(stored);
        let mut lines = about(risk, stored, platform, theme);
        lines.push(Line::default());
        lines.extend(self.assessment_lines(a, stored, data.scales, width, theme));
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

    /// The scores before and after measures, the treatment, the measures
    /// and the notes, as they stand for the platform shown (`a`), each
    /// marked «egen for P» or «felles» when a platform is shown. Both
    /// scores come first, so the field being scored is in view however
    /// many measures follow.
    fn assessment_lines(
        &self,
        a: &RiskAssessment,
        stored: &RiskAssessment,
        scales: &Scales,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let platform = self.platform.as_deref();
        let own = platform.and_then(|p| stored.platform(p));
        let mark = |set: bool| match (platform, set) {
            (Some(p), true) => Span::styled(format!("  egen for {p}"), theme.label),
            (Some(_), false) => Span::styled("  felles", theme.dim),
            _ => Span::raw(""),
        };
        let mut lines = Vec::new();
        for side in [Side::Inherent, Side::Residual] {
            let title = if side == Side::Inherent {
                "Før tiltak"
            } else {
                "Etter tiltak"
            };
            let [numbers, names] = self.score_lines(a.score(side), side, scales, theme);
            let set = own.is_some_and(|o| match side {
                Side::Inherent => o.inherent.is_some(),
                Side::Residual => o.residual.is_some(),
            });
            lines.push(Line::from(
                [vec![label(title, theme)], numbers, vec![mark(set)]].concat(),
            ));
            if !names.iter().all(|n| n.content.is_empty()) {
                lines.push(Line::from([vec![label("", theme)], names].concat()));
            }
        }
        let treatment = a.treatment.map_or("ikke valgt", |t| t.label());
        lines.push(Line::from(vec![
            label("Behandling", theme),
            Span::raw(treatment),
            mark(own.is_some_and(|o| o.treatment.is_some())),
        ]));
        let blocks = MeasureBlocks {
            shared: stored.measures.len(),
            platform,
            width,
        };
        lines.extend(blocks.lines(&a.measures, theme));
        if !a.note.is_empty() {
            lines.push(Line::from(vec![
                label("Notat", theme),
                Span::raw(a.note.clone()),
            ]));
        }
        if let Some(o) = own.filter(|o| !o.note.is_empty()) {
            lines.push(Line::from(vec![
                label("Notat, egen", theme),
                Span::raw(o.note.clone()),
            ]));
        }
        lines
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
            let style = if self.scoring && field == self.field {
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
        let max = cells::count(lines.len()).saturating_sub(inner.height);
        self.scroll = self.scroll.min(max);
        frame.render_widget(Paragraph::new(lines).scroll((self.scroll, 0)), inner);
    }
}

/// A label in the detail pane's first column.
fn label(s: &'static str, theme: &Theme) -> Span<'static> {
    Span::styled(format!("{s:<LABEL_COLUMN$}"), theme.label)
}

/// The risk's title, where it comes from, whether it applies to the
/// platform shown, and its description.
fn about<'a>(
    risk: &RiskInfo<'a>,
    stored: &RiskAssessment,
    platform: Option<&str>,
    theme: &Theme,
) -> Vec<Line<'a>> {
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
    if let Some(p) = platform {
        if stored.relevant_for(p) {
            lines.push(Line::styled(
                format!("Vurdert for {p}: det som ikke er eget for {p}, er felles."),
                theme.label,
            ));
        } else {
            lines.push(Line::styled(
                format!("Ikke relevant for {p} (i gjør den relevant igjen)."),
                theme.error,
            ));
        }
    }
    match risk.source {
        RiskSource::Scenario(s) => lines.push(Line::raw(s.description.clone())),
        RiskSource::Custom(c) if !c.description.is_empty() => {
            lines.push(Line::raw(c.description.clone()));
        }
        _ => {}
    }
    lines
}

/// The measures as blocks: each one's whole text, wrapped under its
/// number, and below it who owns it, when it is due and how far it has
/// come. The first `shared` are the shared measures; those after them are
/// the platform's own.
struct MeasureBlocks<'p> {
    shared: usize,
    platform: Option<&'p str>,
    /// The pane's inner width.
    width: usize,
}

/// The detail pane's first column: labels, then what they label.
const LABEL_COLUMN: usize = 13;

impl MeasureBlocks<'_> {
    fn lines(&self, measures: &[Measure], theme: &Theme) -> Vec<Line<'static>> {
        if measures.is_empty() {
            return vec![Line::from(vec![
                label("Tiltak", theme),
                Span::styled("ingen ennå", theme.dim),
            ])];
        }
        let mut lines = Vec::new();
        for (i, m) in measures.iter().enumerate() {
            let only = match self.platform {
                Some(p) if i >= self.shared => format!(" (bare {p})"),
                _ => String::new(),
            };
            let number = format!("{}. ", i + 1);
            let text = format!("{}{only}", m.text);
            let head = if i == 0 { "Tiltak" } else { "" };
            for (k, part) in self.wrap(&text, number.len()).into_iter().enumerate() {
                let lead = if k == 0 {
                    label(head, theme)
                } else {
                    label("", theme)
                };
                let number = if k == 0 {
                    number.clone()
                } else {
                    " ".repeat(number.len())
                };
                lines.push(Line::from(vec![lead, Span::raw(format!("{number}{part}"))]));
            }
            let due = crate::domain::date::show(m.due);
            let facts = format!(
                "eier: {} · frist: {} · {}",
                or_dash(&m.owner),
                or_dash(&due),
                m.status.label()
            );
            for part in self.wrap(&facts, number.len()) {
                let indent = " ".repeat(number.len());
                lines.push(Line::from(vec![
                    label("", theme),
                    Span::styled(format!("{indent}{part}"), theme.dim),
                ]));
            }
        }
        lines
    }

    /// `text` in lines that fit beside the label column and an indent.
    fn wrap(&self, text: &str, indent: usize) -> Vec<String> {
        let room = self.width.saturating_sub(LABEL_COLUMN + indent).max(10);
        textwrap::wrap(text, room)
            .into_iter()
            .map(std::borrow::Cow::into_owned)
            .collect()
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
    a.and_then(RiskAssessment::current)
        .is_some_and(|s| scales.is_top(s.value()))
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

/// The voices' range on a risk: «før S 2–4 K 2–4, etter S 1–2 K 1–3»,
/// and «spriker» when voices are two steps or more apart.
fn voice_range(s: &Spread) -> String {
    let side = |scores: Vec<Score>| -> Option<String> {
        let span = |v: Vec<u8>| {
            let (lo, hi) = (v.iter().min().copied()?, v.iter().max().copied()?);
            Some(if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            })
        };
        Some(format!(
            "S {} K {}",
            span(scores.iter().map(|s| s.likelihood).collect())?,
            span(scores.iter().map(|s| s.consequence).collect())?
        ))
    };
    let before = side(s.points.iter().filter_map(|p| p.inherent).collect());
    let after = side(s.points.iter().filter_map(|p| p.residual).collect());
    let mut parts = Vec::new();
    if let Some(b) = before {
        parts.push(format!("før {b}"));
    }
    if let Some(a) = after {
        parts.push(format!("etter {a}"));
    }
    if s.disputed {
        parts.push("spriker".to_owned());
    }
    parts.join(", ")
}

/// Pads to a display width (Norwegian letters are one column).
fn pad(text: &str, width: usize) -> String {
    let w = textwrap::core::display_width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// What the matrix view draws: the risks as scored for the platform shown
/// (or the shared assessment), and the voices' spread of each.
struct MatrixShown<'a> {
    risks: &'a [RiskInfo<'a>],
    part: &'a RiskPart,
    scales: &'a Scales,
    platform: Option<&'a str>,
    spreads: &'a [&'a Spread],
}

fn render_matrix(frame: &mut Frame, area: Rect, shown: &MatrixShown, theme: &Theme) {
    let MatrixShown {
        risks,
        part,
        scales,
        platform,
        spreads,
    } = *shown;
    let [matrix_area, legend_area] = area.layout(&Layout::horizontal([
        Constraint::Percentage(60),
        Constraint::Percentage(40),
    ]));
    let numbered = matrix_points(risks, part);
    let points: Vec<_> = numbered.iter().map(|(_, p)| p.clone()).collect();
    let ranges: Vec<VoiceRange> = numbered
        .iter()
        .filter_map(|(i, p)| {
            let s = spreads
                .iter()
                .find(|s| s.key.risk == risks[*i].id.as_str())?;
            let before: Vec<Score> = s.points.iter().filter_map(|p| p.inherent).collect();
            let span = |v: Vec<u8>| Some((v.iter().min().copied()?, v.iter().max().copied()?));
            Some(VoiceRange {
                label: p.label.clone(),
                likelihood: span(before.iter().map(|s| s.likelihood).collect())?,
                consequence: span(before.iter().map(|s| s.consequence).collect())?,
            })
        })
        .collect();
    let title = match platform {
        Some(p) => format!(" Risikomatrise for {p}: sannsynlighet × konsekvens "),
        None => " Risikomatrise: sannsynlighet × konsekvens ".to_owned(),
    };
    let block = Block::bordered()
        .title(Line::styled(title, theme.title))
        .border_style(theme.border_focus);
    let inner = block.inner(matrix_area);
    frame.render_widget(block, matrix_area);
    frame.render_widget(
        RiskMatrix {
            scales,
            points: &points,
            theme,
            ranges: &ranges,
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
        // The voices' spread as a range: each of S and K from the lowest
        // voice to the highest, before and after measures.
        if let Some(s) = spreads.iter().find(|s| s.key.risk == risks[*i].id.as_str()) {
            legend.push(Line::styled(
                format!("      stemmer: {}", voice_range(s)),
                if s.disputed { theme.error } else { theme.dim },
            ));
        }
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

const MEASURES: &str = "tiltak";
const MEASURE: TextKey = TextKey::new("tiltak");
const OWNER: TextKey = TextKey::new("eier");
const DUE: DateKey = DateKey::new("frist");
const NOTE: TextKey = TextKey::new("notat");

/// The columns of one measure row: what, who, by when.
pub fn measure_columns(values: Option<&[String]>) -> Vec<Field> {
    let get = |i: usize| values.and_then(|v| v.get(i)).map_or("", String::as_str);
    vec![
        Field::single(&MEASURE, "Hva", "Hva skal gjøres?", get(0)),
        Field::single(&OWNER, "Eier", "Hvem har ansvaret?", get(1)),
        Field::date(&DUE, "Frist", "ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ", get(2)),
        crate::ui::export::status_field(crate::domain::risk::MeasureStatus::parse(get(3))),
    ]
}

pub const MEASURE_ROWS: RowGroup = RowGroup {
    key: MEASURES,
    label: "Tiltak",
    hint: "Ett tiltak per rad. {form.add_row} ny rad, {form.remove_row} fjerner raden.",
    columns: measure_columns,
};

/// A measure as the values of a measure row.
pub fn measure_row(m: &Measure) -> Vec<String> {
    vec![
        m.text.clone(),
        m.owner.clone(),
        crate::domain::date::show(m.due),
        m.status.label().to_owned(),
    ]
}

/// The measures in a form's measure rows; a row needs its text.
pub fn read_measures(form: &Form) -> Result<Vec<Measure>, String> {
    let rows = form.rows(MEASURES);
    let mut out = Vec::new();
    for r in &rows {
        // A row left empty is no measure.
        if let Some(m) = measure_from(
            &r.text(&MEASURE),
            &r.text(&OWNER),
            r.date(&DUE)?,
            r.choice(&crate::ui::export::STATUS).unwrap_or_default(),
        )? {
            out.push(m);
        }
    }
    Ok(out)
}

/// The form for a risk's measures (one row each: tiltak, eier, frist) and
/// note: the shared ones, or what one platform has of its own (measures for
/// it only, and why it differs).
pub fn details_form(risk: &RiskId, platform: Option<&str>, a: Option<&RiskAssessment>) -> Form {
    let own = platform.and_then(|p| a.and_then(|a| a.platform(p)));
    let (measures, note) = match (platform, a) {
        (Some(_), _) => own.map_or((&[][..], ""), |o| (&o.measures[..], &o.note[..])),
        (None, Some(a)) => (&a.measures[..], &a.note[..]),
        (None, None) => (&[][..], ""),
    };
    let (heading, hint) = match platform {
        Some(p) => (
            format!("Tiltak og notat bare for {p}"),
            "Hvorfor plattformen skiller seg ut. Felles tiltak og notat endres i den felles visningen ({risk.next_platform}).",
        ),
        None => (
            "Tiltak og notat".to_owned(),
            "Begrunnelse og annet teamet vil huske. Enter gir ny linje; {form.submit/uten-enter} lagrer.",
        ),
    };
    Form::new(
        heading,
        Vec::new(),
        RiskDetails {
            risk: risk.clone(),
            platform: platform.map(str::to_owned),
        },
    )
    .with_rows(MEASURE_ROWS, measures.iter().map(measure_row).collect())
    .with_fields(vec![Field::multi(&NOTE, "Notat", hint, note)])
}

/// Submitting the details form: measures and note of one risk, shared or
/// one platform's own.
#[derive(Debug, Clone)]
pub struct RiskDetails {
    risk: RiskId,
    platform: Option<String>,
}

impl OnSubmit for RiskDetails {
    fn submit(&self, form: &Form, _ctx: &Ctx) -> Result<Effect, String> {
        let measures = read_measures(form)?;
        let note = form.text(&NOTE).trim_end().to_owned();
        let (risk, platform) = (self.risk.clone(), self.platform.clone());
        Ok(Effect::edit(
            format!("tiltak og notat{}", for_platform(platform.as_deref())),
            Change::RiskDetails {
                risk,
                platform,
                measures,
                note,
            },
        ))
    }
}

/// « for TikTok», or nothing for the shared assessment.
fn for_platform(platform: Option<&str>) -> String {
    platform.map_or(String::new(), |p| format!(" for {p}"))
}

/// The platform after `current`: the shared view, then each listed one.
pub fn next_platform(platforms: &[PlatformName], current: Option<&str>) -> Option<String> {
    let at = current.and_then(|c| platforms.iter().position(|p| same_platform(p, c)));
    let next = match at {
        None => 0,
        Some(i) => i + 1,
    };
    platforms.get(next).map(ToString::to_string)
}

const RISK_TITLE: TextKey = TextKey::new("tittel");
const DESCRIPTION: TextKey = TextKey::new("beskrivelse");
/// The privacy goal of a risk of the team's own: one of the catalog's, by id.
fn goal_key(catalog: &RiskCatalog) -> ChoiceKey<String> {
    ChoiceKey::owned(
        "mal".to_owned(),
        catalog.goals.iter().map(|g| g.id.clone()).collect(),
    )
}

pub fn custom_risk_form(catalog: &RiskCatalog) -> Form {
    let goal = goal_key(catalog);
    let name = |id: &String| {
        catalog
            .goal(id)
            .map_or_else(|| id.clone(), |g| g.name.clone())
    };
    Form::new(
        "Ny egen risiko",
        vec![
            Field::single(&RISK_TITLE, "Risiko", "Den uønskede hendelsen, kort.", ""),
            Field::multi(
                &DESCRIPTION,
                "Beskrivelse",
                "Hva kan skje, og hvem rammes?",
                "",
            ),
            Field::choice(
                &goal,
                "Personvernmål",
                "Velg med ←/→; kan stå tomt (Backspace tømmer).",
                name,
                None,
            ),
        ],
        CustomRiskSpec { goal },
    )
}

#[derive(Debug, Clone)]
pub struct CustomRiskSpec {
    goal: ChoiceKey<String>,
}

impl OnSubmit for CustomRiskSpec {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let title = form.text(&RISK_TITLE).trim().to_owned();
        if title.is_empty() {
            return Err("Risikoen trenger en tittel.".to_owned());
        }
        let description = form.text(&DESCRIPTION).trim_end().to_owned();
        let goal = form.choice(&self.goal).unwrap_or_default();
        let outcome = ctx.outcome.ok_or_else(strings::no_outcome_text)?;
        let id = RiskId::custom(&outcome.risk.next_custom_id());
        Ok(Effect::Many(vec![
            Effect::edit(
                format!("ny risiko «{title}»"),
                Change::AddCustomRisk {
                    title,
                    description,
                    goal,
                },
            ),
            Effect::Select(Selection::Risk(id)),
        ]))
    }
}

impl RiskScreen {
    fn selected_id(&self, ctx: &Ctx) -> Option<RiskId> {
        let empty = RiskPart::default();
        let part = ctx.outcome.map_or(&empty, |o| &o.risk);
        let risks = ctx.library.risks.assessable(part);
        self.selected(&risks).map(|r| r.id.clone())
    }
}

impl Screen for RiskScreen {
    fn title(&self) -> &'static str {
        "Risiko"
    }

    fn context(&self) -> Context {
        if self.scoring {
            Context::Scoring
        } else {
            Context::Risk
        }
    }

    fn check(&self, action: Action, ctx: &Ctx) -> Result<(), Unavailable> {
        let open = || require(ctx.outcome.is_some(), Unavailable::no_outcome);
        let assessing = || {
            require(self.view == RiskView::Assessment, || {
                Unavailable::because(
                    "Bytt til vurderingen ({risk.next_view}) for å endre en risiko.",
                )
            })
        };
        match action {
            Action::Score(_)
            | Action::Treatment(_)
            | Action::NextField
            | Action::PrevField
            | Action::Close => require(self.scoring, Unavailable::quietly),
            Action::StartScoring | Action::CycleTreatment | Action::PickMeasure | Action::Edit => {
                open()?;
                assessing()
            }
            Action::NextPlatform => {
                open()?;
                require(ctx.outcome.is_some_and(|o| !o.platforms.is_empty()), || {
                    Unavailable::because(
                        "Økten lister ingen plattformer: legg dem til under Økter ({sessions.edit}).",
                    )
                })
            }
            Action::ToggleRelevant => {
                open()?;
                assessing()?;
                require(self.platform.is_some(), || {
                    Unavailable::because(
                        "Velg en plattform med {risk.next_platform} først: relevans gjelder én plattform.",
                    )
                })
            }
            Action::NewRisk | Action::MyVoice | Action::Voices => open(),
            Action::Delete => {
                open()?;
                assessing()?;
                require(
                    self.selected_id(ctx).is_some_and(|id| id.is_custom()),
                    || {
                        Unavailable::because(
                            "Bare teamets egne risikoer kan slettes; KS-tabellens risikoer og scenarioene står. Sett en risiko som ikke gjelder, som ikke relevant for en plattform ({risk.toggle_relevant}).",
                        )
                    },
                )
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => require(self.view != RiskView::Matrix, Unavailable::quietly),
            _ => Ok(()),
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let empty = RiskPart::default();
        let part = ctx.outcome.map_or(&empty, |o| &o.risk);
        let risks = ctx.library.risks.assessable(part);
        let risk = self.selected(&risks);
        let id = risk.map(|r| r.id.clone());
        let title = risk.map_or(String::new(), |r| r.title.to_owned());
        match action {
            Action::StartScoring => {
                if let Some(id) = &id {
                    self.selected = Some(id.clone());
                    self.scoring = true;
                    self.field = ScoreField::default();
                }
                None
            }
            Action::Close => {
                self.scoring = false;
                None
            }
            Action::Score(n) => Some(self.score(id?, &title, n)),
            Action::CycleTreatment => Some(self.cycle_treatment(part, id?)),
            Action::Treatment(treatment) => Some(self.set_treatment(part, id?, treatment)),
            Action::PickMeasure => {
                let risk = risk?;
                let items = self.measure_items(ctx, part, risk);
                let only = self
                    .platform
                    .as_ref()
                    .map_or(String::new(), |p| format!(", bare for {p}"));
                let own = details_form(&risk.id, self.platform.as_deref(), part.get(&risk.id))
                    .with_about(self.about(risk, part, ctx));
                Some(Effect::push(
                    Picker::new(
                        AddPicked {
                            risk: risk.id.clone(),
                            platform: self.platform.clone(),
                        },
                        format!("Tiltak for «{}»{only}", risk.title),
                        items,
                    )
                    .with_own(Effect::push(own)),
                ))
            }
            Action::Edit => {
                let risk = risk?;
                Some(Effect::push(
                    details_form(&risk.id, self.platform.as_deref(), part.get(&risk.id))
                        .with_about(self.about(risk, part, ctx)),
                ))
            }
            Action::NextPlatform => {
                let platforms = ctx.outcome.map_or(&[][..], |o| &o.platforms);
                self.platform = next_platform(platforms, self.platform.as_deref());
                self.scoring = false;
                let shown = match &self.platform {
                    Some(p) => format!("Viser vurderingen for {p}."),
                    None => "Viser den felles vurderingen.".to_owned(),
                };
                Some(Effect::Info(shown))
            }
            Action::ToggleRelevant => self.toggle_relevant(part, id?, &title),
            Action::NewRisk => Some(Effect::push(custom_risk_form(&ctx.library.risks))),
            Action::MyVoice => crate::ui::voice::start(ctx),
            Action::Voices => Some(Effect::Many(vec![
                Effect::File(FileOp::ReadVoices),
                Effect::push(crate::ui::votes::VotesLayer::default()),
            ])),
            Action::Delete => {
                let id = id.filter(RiskId::is_custom)?;
                Some(Effect::push(Confirm {
                    question: format!(
                        "Slette den egne risikoen «{title}» og vurderingen av den? ({{global.undo}} angrer)"
                    ),
                    on_yes: Some(Box::new(Effect::edit(
                        format!("slettet risiko «{title}»"),
                        Change::RemoveCustomRisk { risk: id },
                    ))),
                }))
            }
            other => {
                self.update(other, &risks);
                None
            }
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let data = RiskData {
            catalog: &ctx.library.risks,
            scales: &ctx.library.scales,
            part: ctx.outcome.map(|o| &o.risk),
            platforms: ctx.outcome.map_or(&[][..], |o| &o.platforms),
            keymap: ctx.keymap,
            spreads: if self.view == RiskView::Matrix {
                ctx.outcome
                    .map(|o| {
                        crate::ui::votes::spreads(ctx, o)
                            .into_iter()
                            .map(|(s, _)| s)
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                Vec::new()
            },
        };
        self.draw(frame, area, &data, ctx.theme);
    }

    fn select(&mut self, selection: &Selection, _ctx: &Ctx) {
        if let Selection::Risk(id) = selection {
            self.select(id);
        }
    }

    fn spot(&self, _ctx: &Ctx) -> Spot {
        Spot {
            platform: self.platform.clone(),
            at: self.selected.as_ref().map(ToString::to_string),
        }
    }

    fn go_to(&mut self, spot: &Spot, ctx: &Ctx) {
        self.platform = spot.listed_platform(ctx);
        let empty = RiskPart::default();
        let part = ctx.outcome.map_or(&empty, |o| &o.risk);
        if let Some(at) = &spot.at
            && let Some(risk) = ctx
                .library
                .risks
                .assessable(part)
                .into_iter()
                .find(|r| r.id.as_ref() == at)
        {
            self.select(&risk.id);
        }
    }

    fn hidden(&mut self) {
        self.scoring = false;
    }

    fn revalidate(&mut self, ctx: &Ctx) {
        let empty = RiskPart::default();
        let part = ctx.outcome.map_or(&empty, |o| &o.risk);
        let risks = ctx.library.risks.assessable(part);
        if self
            .selected
            .as_ref()
            .is_some_and(|id| !risks.iter().any(|r| &r.id == id))
        {
            // The selected risk is gone: scoring must not move on to another.
            self.selected = None;
            self.scoring = false;
        }
        let platforms = ctx.outcome.map_or(&[][..], |o| &o.platforms);
        if let Some(p) = &self.platform
            && !platforms.iter().any(|x| same_platform(x, p))
        {
            // The platform is no longer listed: show the shared assessment.
            self.platform = None;
            self.scoring = false;
        }
    }

    fn reset(&mut self) {
        self.scoring = false;
    }
}

/// Picking a measure from the sources adds it to the risk (the shared
/// list, or one platform's own), once.
#[derive(Debug, Clone)]
struct AddPicked {
    risk: RiskId,
    platform: Option<String>,
}

impl OnPick for AddPicked {
    fn pick(&self, _index: usize, item: &PickItem) -> Option<Effect> {
        if item.chosen {
            return Some(Effect::Info(
                "Tiltaket er valgt allerede; det legges ikke til to ganger.".into(),
            ));
        }
        Some(Effect::Many(vec![
            Effect::Pop,
            Effect::change(Change::AddMeasure {
                risk: self.risk.clone(),
                platform: self.platform.clone(),
                measure: Measure {
                    text: item.text.clone(),
                    source: item.id.clone(),
                    ..Measure::default()
                },
            }),
            Effect::Info("Tiltaket er lagt til. Eier og frist settes med {risk.edit}.".into()),
        ]))
    }
}

impl RiskScreen {
    /// The measures the sources suggest for `risk`, each named by where it
    /// comes from and marked when the assessment shown has it already.
    fn measure_items(&self, ctx: &Ctx, part: &RiskPart, risk: &RiskInfo) -> Vec<PickItem> {
        let current = part
            .get(&risk.id)
            .map(|a| match &self.platform {
                Some(p) => a.for_platform(p).measures,
                None => a.measures.clone(),
            })
            .unwrap_or_default();
        let goal = ctx.library.risks.goal(risk.goal_id());
        let from_goal = goal.map_or_else(String::new, |g| {
            format!("{}, tiltak for {}", g.source, g.name)
        });
        ctx.library
            .risks
            .suggested_measures(risk)
            .into_iter()
            .map(|(id, text)| {
                let chosen = current.iter().any(|m| m.source == id || m.text == text);
                let from = if id.starts_with("scenario.") {
                    format!("Scenarioet «{}»", risk.title)
                } else {
                    from_goal.clone()
                };
                PickItem {
                    id,
                    text,
                    from,
                    chosen,
                }
            })
            .collect()
    }

    /// Sets the field being scored to `n` and moves to the next field.
    fn score(&mut self, id: RiskId, title: &str, n: u8) -> Effect {
        let field = self.field;
        self.field = field.next();
        let platform = self.platform.clone();
        Effect::edit(
            format!("poeng for «{title}»{}", for_platform(platform.as_deref())),
            Change::Score {
                risk: id,
                platform,
                field,
                value: n,
            },
        )
    }

    /// The next treatment for the risk (for the platform shown, where
    /// «som felles» follows the last).
    fn cycle_treatment(&self, part: &RiskPart, id: RiskId) -> Effect {
        let platform = self.platform.clone();
        let assessment = part.get(&id).cloned().unwrap_or_default();
        let treatment = assessment.next_treatment(platform.as_deref());
        let shown = match (&platform, treatment) {
            (Some(_), None) => format!(
                "som felles ({})",
                assessment.treatment.map_or("ikke valgt", Treatment::label)
            ),
            (_, t) => t.map_or("ikke valgt", Treatment::label).to_owned(),
        };
        Effect::edit(
            format!("behandling «{shown}»{}", for_platform(platform.as_deref())),
            Change::Treatment {
                risk: id,
                platform,
                treatment,
            },
        )
    }

    /// What a form on `risk` is about: the risk and its scores as they
    /// stand for the platform shown.
    fn about(&self, risk: &RiskInfo, part: &RiskPart, ctx: &Ctx) -> Vec<String> {
        let a = part.get(&risk.id).map(|a| match &self.platform {
            Some(p) => a.for_platform(p),
            None => a.clone(),
        });
        let scales = &ctx.library.scales;
        let score = |s: Option<Score>| match s.filter(|s| s.is_complete()) {
            Some(s) => {
                let band = scales.band(s.value()).map_or("", |b| b.name.as_str());
                format!(
                    "S{} × K{} = {} {band}",
                    s.likelihood,
                    s.consequence,
                    s.value()
                )
            }
            None => "ikke skåret".to_owned(),
        };
        let scores = format!(
            "før tiltak {}; etter tiltak {}",
            score(a.as_ref().and_then(|a| a.inherent)),
            score(a.as_ref().and_then(|a| a.residual))
        );
        let scores = match &self.platform {
            Some(p) => format!("For {p}: {scores}"),
            None => format!("Skår: {scores}"),
        };
        vec![format!("Risiko: {} ({})", risk.title, risk.group), scores]
    }

    /// Sets the treatment by name (its first letter while scoring).
    fn set_treatment(&self, part: &RiskPart, id: RiskId, treatment: Treatment) -> Effect {
        let platform = self.platform.clone();
        let current = part.get(&id).and_then(|a| match &platform {
            Some(p) => a.for_platform(p).treatment,
            None => a.treatment,
        });
        if current == Some(treatment) {
            return Effect::Info(format!(
                "Behandlingen er allerede «{}»{}.",
                treatment.label(),
                for_platform(platform.as_deref())
            ));
        }
        Effect::edit(
            format!(
                "behandling «{}»{}",
                treatment.label(),
                for_platform(platform.as_deref())
            ),
            Change::Treatment {
                risk: id,
                platform,
                treatment: Some(treatment),
            },
        )
    }

    /// Marks the risk as not relevant for the platform shown, or relevant
    /// again (`check` asks for a platform first).
    fn toggle_relevant(&self, part: &RiskPart, id: RiskId, title: &str) -> Option<Effect> {
        let platform = self.platform.clone()?;
        let now_relevant = part.get(&id).is_none_or(|a| a.relevant_for(&platform));
        let what = if now_relevant {
            format!("«{title}» ikke relevant for {platform}")
        } else {
            format!("«{title}» relevant igjen for {platform}")
        };
        Some(Effect::edit(
            what,
            Change::Relevant {
                risk: id,
                platform,
                relevant: !now_relevant,
            },
        ))
    }
}
