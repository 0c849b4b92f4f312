//! Navigasjonshjul: the wheel on the left, the current dimension's questions
//! and the alternatives' stances on the right; a summary grid of dimensions x
//! alternatives leading to the justified choice.

use crate::ui::cells;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::action::Action;
use crate::domain::change::Change;
use crate::domain::per_platform::NOT_USING_SOCIAL_MEDIA;
use crate::domain::wheel::{Alternative, Dimension, Reflection, Stance, Wheel, WheelPart};
use crate::keymap::Context;
use crate::ui::form::{Field, Form, OnSubmit, TextKey};
use crate::ui::overlay::Confirm;
use crate::ui::screen::{Ctx, Effect, Screen, Selection, Spot, Unavailable, require};
use crate::ui::strings;
use crate::ui::theme::Theme;
use crate::ui::wheel_shape::{Sector, WheelShape};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WheelView {
    #[default]
    Wheel,
    Summary,
}

/// What the screen draws from; the app supplies it.
pub struct WheelData<'a> {
    pub wheel: &'a Wheel,
    /// The open outcome's reflections; None when no outcome is open.
    pub part: Option<&'a WheelPart>,
    /// Key hints, from the keymap: (new reflection, add alternative).
    pub new_key: String,
    /// What to do when no outcome is open, with the keymap's keys.
    pub no_outcome: String,
    /// What other public bodies chose (the precedent register), about the
    /// outcome's platforms when it lists any.
    pub precedents: Vec<&'a crate::domain::precedent::Precedent>,
}

#[derive(Debug, Clone, Default)]
pub struct WheelScreen {
    pub reflection: usize,
    pub dimension: usize,
    pub alternative: usize,
    pub view: WheelView,
}

impl WheelScreen {
    /// Keeps the cursor inside what exists.
    pub fn clamp(&mut self, wheel: &Wheel, part: Option<&WheelPart>) {
        let reflections = part.map_or(0, |p| p.reflections.len());
        self.reflection = self.reflection.min(reflections.saturating_sub(1));
        self.dimension = self.dimension.min(wheel.dimensions.len().saturating_sub(1));
        let alternatives = part
            .and_then(|p| p.reflections.get(self.reflection))
            .map_or(0, |r| r.alternatives.len());
        self.alternative = self.alternative.min(alternatives.saturating_sub(1));
    }

    /// Moving round the wheel and between alternatives and reflections. In
    /// the summary, rows are dimensions and columns alternatives, so the
    /// cursor cell moves with ↑/↓ between rows and ←/→ between columns.
    /// On the wheel, each dimension starts at the first alternative: going
    /// round is assessing every alternative from each dimension in turn.
    pub fn update(&mut self, action: Action, wheel: &Wheel, part: Option<&WheelPart>) {
        let dims = wheel.dimensions.len().max(1);
        if self.view != WheelView::Summary
            && matches!(action, Action::NextDimension | Action::PrevDimension)
        {
            self.alternative = 0;
        }
        let action = match (self.view, action) {
            (WheelView::Summary, Action::Down) => Action::NextDimension,
            (WheelView::Summary, Action::Up) => Action::PrevDimension,
            (WheelView::Summary, Action::NextDimension) => Action::Down,
            (WheelView::Summary, Action::PrevDimension) => Action::Up,
            (_, other) => other,
        };
        match action {
            Action::NextDimension => self.dimension = (self.dimension + 1) % dims,
            Action::PrevDimension => self.dimension = (self.dimension + dims - 1) % dims,
            Action::Down => self.alternative += 1,
            Action::Up => self.alternative = self.alternative.saturating_sub(1),
            Action::NextReflection => {
                self.reflection += 1;
                self.alternative = 0;
            }
            Action::PrevReflection => {
                self.reflection = self.reflection.saturating_sub(1);
                self.alternative = 0;
            }
            Action::NextView => {
                self.view = match self.view {
                    WheelView::Wheel => WheelView::Summary,
                    WheelView::Summary => WheelView::Wheel,
                }
            }
            _ => {}
        }
        self.clamp(wheel, part);
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, data: &WheelData, theme: &Theme) {
        self.clamp(data.wheel, data.part);
        let reflection = data.part.and_then(|p| p.reflections.get(self.reflection));
        if self.view == WheelView::Summary
            && let Some(r) = reflection
        {
            self.render_summary(frame, area, data, r, theme);
            return;
        }
        let [wheel_area, side_area] = area.layout(&Layout::horizontal([
            Constraint::Percentage(58),
            Constraint::Percentage(42),
        ]));
        let alternative = reflection.and_then(|r| r.alternatives.get(self.alternative));
        let sectors: Vec<Sector> = data
            .wheel
            .dimensions
            .iter()
            .map(|d| Sector {
                name: &d.name,
                stance: alternative.and_then(|a| a.stance(&d.id)),
            })
            .collect();
        let title = match (data.part, reflection) {
            (Some(p), Some(_)) => format!(
                " Navigasjonshjulet · refleksjon {}/{} ",
                self.reflection + 1,
                p.reflections.len()
            ),
            _ => " Navigasjonshjulet ".to_owned(),
        };
        let block = Block::bordered()
            .title(Line::styled(title, theme.title))
            .border_style(theme.border_focus);
        let inner = block.inner(wheel_area);
        frame.render_widget(block, wheel_area);
        frame.render_widget(
            WheelShape {
                sectors: &sectors,
                current: self.dimension,
                centre: &data.wheel.centre,
                alternative: alternative.map(|a| a.name.as_str()),
                theme,
            },
            inner,
        );
        let side = self.side_text(data, reflection, theme);
        frame.render_widget(
            Paragraph::new(side).wrap(Wrap { trim: false }).block(
                Block::bordered()
                    .title(Line::styled(" Dimensjon ", theme.title))
                    .border_style(theme.border),
            ),
            side_area,
        );
    }

    fn side_text<'a>(
        &self,
        data: &WheelData<'a>,
        reflection: Option<&'a Reflection>,
        theme: &Theme,
    ) -> Text<'a> {
        let Some(d) = data.wheel.dimensions.get(self.dimension) else {
            return Text::default();
        };
        let mut lines = Vec::new();
        match (data.part, reflection) {
            (None, _) => lines.push(Line::styled(data.no_outcome.clone(), theme.error)),
            (Some(_), None) => lines.push(Line::styled(
                format!(
                    "Ingen refleksjon ennå. Trykk {} for å beskrive et dilemma.",
                    data.new_key
                ),
                theme.dim,
            )),
            (Some(_), Some(r)) => {
                lines.push(Line::styled(format!("Dilemma: {}", r.dilemma), theme.base))
            }
        }
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{}/{} {}: ",
                    self.dimension + 1,
                    data.wheel.dimensions.len(),
                    d.name
                ),
                theme.title,
            ),
            Span::styled(d.question.clone(), theme.title),
        ]));
        lines.extend(
            d.questions
                .iter()
                .map(|q| Line::styled(format!("• {q}"), theme.dim)),
        );
        if let Some(r) = reflection {
            lines.push(Line::default());
            for (i, alt) in r.alternatives.iter().enumerate() {
                let a = alt.get(&d.id);
                let stance = a.and_then(|a| a.stance);
                let marker = if i == self.alternative { "› " } else { "  " };
                let chosen = if r.choice == Some(i) { " ✓" } else { "" };
                let style = if i == self.alternative {
                    theme.selected
                } else {
                    theme.base
                };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{marker}[{}] ", stance.map_or(" ", Stance::symbol)),
                        style,
                    ),
                    Span::styled(format!("{}{chosen}", alt.name), style),
                    Span::styled(
                        format!("  {}", stance.map_or("ikke vurdert", Stance::label)),
                        theme.dim,
                    ),
                ]));
                if let Some(note) = a.map(|a| a.note.as_str()).filter(|n| !n.is_empty()) {
                    lines.push(Line::styled(format!("      {note}"), theme.dim));
                }
            }
        }
        // What others who weighed this dimension chose, and why.
        let others: Vec<_> = data
            .precedents
            .iter()
            .filter(|p| p.dimensions.contains(&d.id))
            .collect();
        if !others.is_empty() {
            lines.push(Line::default());
            lines.push(Line::styled(
                format!(
                    "Hva andre valgte, der {} veide med (lagt til av somevett):",
                    d.name
                ),
                theme.label,
            ));
            for p in others {
                lines.push(Line::styled(format!("• {}", p.headline()), theme.dim));
            }
        }
        // Who made the wheel, last so it never hides the team's work.
        if !data.wheel.source.is_empty() {
            lines.push(Line::default());
            lines.push(Line::styled(
                format!("Kilde: {}", data.wheel.source),
                theme.dim,
            ));
        }
        Text::from(lines)
    }

    /// Dimensions down, alternatives across, each cell the stance; the
    /// dimensions that divide the alternatives marked ⇄, and a sum row.
    fn render_grid(
        &self,
        frame: &mut Frame,
        area: Rect,
        wheel: &Wheel,
        r: &Reflection,
        dividing: &[String],
        theme: &Theme,
    ) {
        let mut header = vec![Cell::from("Dimensjon")];
        header.extend(r.alternatives.iter().enumerate().map(|(i, a)| {
            // The mark first: a narrow column cuts the name's end, never the ✓.
            let chosen = if r.choice == Some(i) { "✓ " } else { "" };
            Cell::from(format!("{chosen}{}", a.name))
        }));
        let mut rows: Vec<Row> = wheel
            .dimensions
            .iter()
            .enumerate()
            .map(|(di, d)| {
                let mark = if dividing.contains(&d.id) { " ⇄" } else { "" };
                let mut cells = vec![Cell::from(format!("{}{mark}", d.name))];
                cells.extend(r.alternatives.iter().enumerate().map(|(ai, a)| {
                    let s = a.stance(&d.id);
                    let here = di == self.dimension && ai == self.alternative;
                    let text = format!(
                        "{}{} {}",
                        if here { "›" } else { " " },
                        s.map_or(" ", Stance::symbol),
                        s.map_or("", Stance::label)
                    );
                    let style = if here { theme.selected } else { theme.base };
                    Cell::from(Span::styled(text, style))
                }));
                Row::new(cells)
            })
            .collect();
        let mut totals = vec![Cell::from(Span::styled("Sum", theme.label))];
        totals.extend((0..r.alternatives.len()).map(|i| {
            let s = r.summary(wheel, i);
            let conflict = if s.is_conflicted() { " konflikt" } else { "" };
            Cell::from(Span::styled(
                format!("+{} −{}{conflict}", s.for_.len(), s.against.len()),
                theme.label,
            ))
        }));
        rows.push(Row::new(totals));
        let columns = cells::count(r.alternatives.len().max(1));
        let mut widths = vec![Constraint::Length(13)];
        widths.extend((0..columns).map(|_| Constraint::Fill(1)));
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.label))
            .block(
                Block::bordered()
                    .title(Line::styled(
                        format!(" Oppsummering: {} ", r.dilemma),
                        theme.title,
                    ))
                    .border_style(theme.border_focus),
            );
        // The cursor's row stays in view however short the terminal.
        let mut state = TableState::default().with_selected(Some(self.dimension));
        frame.render_stateful_widget(table, area, &mut state);
    }

    fn render_summary(
        &self,
        frame: &mut Frame,
        area: Rect,
        data: &WheelData,
        r: &Reflection,
        theme: &Theme,
    ) {
        let [grid_area, decision_area] = area.layout(&Layout::vertical([
            Constraint::Fill(3),
            Constraint::Fill(2),
        ]));
        let wheel = data.wheel;
        let dividing = r.dividing_dimensions(wheel);
        self.render_grid(frame, grid_area, wheel, r, &dividing, theme);
        let lines = decision_lines(wheel, r, &dividing, theme);
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                Block::bordered()
                    .title(Line::styled(" Beslutning ", theme.title))
                    .border_style(theme.border),
            ),
            decision_area,
        );
    }
}

const DILEMMA: TextKey = TextKey::new("dilemma");
const ALTERNATIVES: TextKey = TextKey::new("alternativer");
const NAME: TextKey = TextKey::new("navn");
const NOTE: TextKey = TextKey::new("notat");
const CONFLICTS: TextKey = TextKey::new("motstrid");
const JUSTIFICATION: TextKey = TextKey::new("begrunnelse");

/// A new reflection: the dilemma and its alternatives, one per line. When
/// the outcome lists platforms, they are the suggested alternatives, with
/// «ikke bruke sosiale medier» as one more; else the usual three.
pub fn dilemma_form(platforms: &[crate::domain::platform::PlatformName]) -> Form {
    let usual = Reflection::new("");
    let alternatives: Vec<&str> = if platforms.is_empty() {
        usual.alternatives.iter().map(|a| a.name.as_str()).collect()
    } else {
        platforms
            .iter()
            .map(crate::domain::platform::PlatformName::as_str)
            .chain([NOT_USING_SOCIAL_MEDIA])
            .collect()
    };
    Form::new(
        "Nytt dilemma",
        vec![
            Field::multi(
                &DILEMMA,
                "Dilemma",
                "Hva står dere overfor? F.eks. «Skal skolen opprette en Instagram-konto?» {form.submit/uten-enter} lagrer.",
                "",
            ),
            Field::multi(
                &ALTERNATIVES,
                "Alternativer",
                "Minst to alternativer som trekker mot hverandre, ett per linje. {form.submit/uten-enter} lagrer.",
                &alternatives.join("\n"),
            ),
        ],
        NewReflection,
    )
}

#[derive(Debug, Clone)]
pub struct NewReflection;

impl OnSubmit for NewReflection {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let dilemma = form.text(&DILEMMA).trim().to_owned();
        if dilemma.is_empty() {
            return Err("Beskriv dilemmaet.".to_owned());
        }
        let mut r = Reflection::new(dilemma);
        r.alternatives = form
            .text(&ALTERNATIVES)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(Alternative::new)
            .collect();
        r.check_alternatives()?;
        let index = ctx.outcome.map_or(0, |o| o.wheel.reflections.len());
        Ok(Effect::Many(vec![
            Effect::change(Change::AddReflection(r)),
            Effect::Select(Selection::Reflection(index)),
        ]))
    }
}

pub fn alternative_form(reflection: usize, alternative: Option<usize>, name: &str) -> Form {
    let heading = if alternative.is_some() {
        "Gi alternativet nytt navn"
    } else {
        "Nytt alternativ"
    };
    Form::new(
        heading,
        vec![Field::single(&NAME, "Navn", "Hva er alternativet?", name)],
        AlternativeSpec {
            reflection,
            alternative,
        },
    )
}

/// Adds an alternative (`alternative: None`) or renames one.
#[derive(Debug, Clone)]
pub struct AlternativeSpec {
    reflection: usize,
    alternative: Option<usize>,
}

impl OnSubmit for AlternativeSpec {
    fn submit(&self, form: &Form, _ctx: &Ctx) -> Result<Effect, String> {
        let name = form.text(&NAME).trim().to_owned();
        if name.is_empty() {
            return Err("Alternativet trenger et navn.".to_owned());
        }
        Ok(Effect::change(Change::NameAlternative {
            reflection: self.reflection,
            alternative: self.alternative,
            name,
        }))
    }
}

/// The note on one alternative seen from one dimension; the form names
/// both, the dilemma and the dimension's question.
pub fn note_form(
    (index, reflection): (usize, &Reflection),
    alternative: usize,
    dimension: &Dimension,
    note: &str,
) -> Form {
    let name = reflection
        .alternatives
        .get(alternative)
        .map_or("", |a| a.name.as_str());
    Form::new(
        format!("Notat: «{name}» sett fra {}", dimension.name),
        vec![Field::multi(
            &NOTE,
            "Notat",
            "Hva taler for eller mot, sett fra denne dimensjonen? {form.submit/uten-enter} lagrer.",
            note,
        )],
        WheelNote {
            reflection: index,
            alternative,
            dimension: dimension.id.clone(),
        },
    )
    .with_about(vec![
        format!("Dilemma: {}", reflection.dilemma),
        format!("{}: {}", dimension.name, dimension.question),
    ])
}

#[derive(Debug, Clone)]
pub struct WheelNote {
    reflection: usize,
    alternative: usize,
    dimension: String,
}

impl OnSubmit for WheelNote {
    fn submit(&self, form: &Form, _ctx: &Ctx) -> Result<Effect, String> {
        let note = form.text(&NOTE).trim_end().to_owned();
        Ok(Effect::change(Change::WheelNote {
            reflection: self.reflection,
            alternative: self.alternative,
            dimension: self.dimension.clone(),
            note,
        }))
    }
}

/// The conflicts and the justification of a reflection's choice; above
/// the fields, what they justify: the dilemma, the choice and how each
/// alternative came out on the wheel.
pub fn justification_form(reflection: usize, r: &Reflection, wheel: &Wheel) -> Form {
    let chosen = r
        .chosen()
        .map_or_else(|| "ingen ennå".to_owned(), |a| format!("«{}»", a.name));
    let mut about = vec![
        format!("Dilemma: {}", r.dilemma),
        format!("Valgt: {chosen}"),
    ];
    let name = |id: &String| {
        wheel
            .dimensions
            .iter()
            .find(|d| &d.id == id)
            .map_or_else(|| id.clone(), |d| d.name.clone())
    };
    let names = |ids: &[String]| ids.iter().map(name).collect::<Vec<_>>().join(", ");
    for (i, a) in r.alternatives.iter().enumerate() {
        let summary = r.summary(wheel, i);
        let part = |label: &str, ids: &[String]| {
            (!ids.is_empty()).then(|| format!("{label} {}", names(ids)))
        };
        let parts: Vec<String> = [
            part("for:", &summary.for_),
            part("mot:", &summary.against),
            part("uavklart:", &summary.open),
        ]
        .into_iter()
        .flatten()
        .collect();
        let said = if parts.is_empty() {
            "ikke vurdert".to_owned()
        } else {
            parts.join("; ")
        };
        about.push(format!("«{}»: {said}", a.name));
    }
    Form::new(
        "Motstrid og begrunnelse",
        vec![
            Field::multi(
                &CONFLICTS,
                "Motstrid",
                "Hvilke hensyn står mot hverandre? {form.submit/uten-enter} lagrer.",
                &r.conflicts,
            ),
            Field::multi(
                &JUSTIFICATION,
                "Begrunnelse",
                "Hvorfor valgte dere som dere gjorde? Kunne dere forsvart det åpent? {form.submit/uten-enter} lagrer.",
                &r.justification,
            ),
        ],
        Justification(reflection),
    )
    .with_about(about)
}

#[derive(Debug, Clone)]
pub struct Justification(usize);

impl OnSubmit for Justification {
    fn submit(&self, form: &Form, _ctx: &Ctx) -> Result<Effect, String> {
        let conflicts = form.text(&CONFLICTS).trim_end().to_owned();
        let justification = form.text(&JUSTIFICATION).trim_end().to_owned();
        Ok(Effect::change(Change::Justify {
            reflection: self.0,
            conflicts,
            justification,
        }))
    }
}

impl WheelScreen {
    fn current<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a Reflection> {
        ctx.outcome?.wheel.reflections.get(self.reflection)
    }
}

impl Screen for WheelScreen {
    fn title(&self) -> &'static str {
        "Navigasjonshjul"
    }

    fn short_title(&self) -> &'static str {
        "Hjul"
    }

    fn context(&self) -> Context {
        Context::Wheel
    }

    fn check(&self, action: Action, ctx: &Ctx) -> Result<(), Unavailable> {
        let open = || require(ctx.outcome.is_some(), Unavailable::no_outcome);
        match action {
            Action::Stance(_)
            | Action::CycleStance
            | Action::AddAlternative
            | Action::Choose
            | Action::Justify
            | Action::Rename
            | Action::Delete
            | Action::Edit => {
                open()?;
                require(self.current(ctx).is_some(), || {
                    Unavailable::because(strings::NO_REFLECTION)
                })
            }
            Action::NewReflection => open(),
            Action::NextReflection | Action::PrevReflection => require(
                ctx.outcome.is_some_and(|o| o.wheel.reflections.len() > 1),
                Unavailable::quietly,
            ),
            _ => Ok(()),
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let wheel = &ctx.library.wheel;
        self.clamp(wheel, ctx.outcome.map(|o| &o.wheel));
        let (r, a) = (self.reflection, self.alternative);
        let dimension = wheel.dimensions.get(self.dimension).map(|d| d.id.clone());
        let reflection = self.current(ctx);
        let set_stance = move |stance: Option<Stance>| {
            let dim = dimension.clone()?;
            let what = match stance {
                Some(s) => format!("vurdering «{}»", s.label()),
                None => "vurdering".to_owned(),
            };
            let now = reflection?.alternatives.get(a)?.stance(&dim);
            Some(Effect::edit(
                what,
                Change::Stance {
                    reflection: r,
                    alternative: a,
                    dimension: dim,
                    stance: stance.or_else(|| Stance::cycle(now)),
                },
            ))
        };
        match action {
            Action::Stance(s) => set_stance(Some(s)),
            Action::CycleStance => set_stance(None),
            Action::NewReflection => Some(Effect::push(dilemma_form(
                ctx.outcome.map_or(&[][..], |o| &o.platforms),
            ))),
            Action::AddAlternative => Some(Effect::push(alternative_form(r, None, ""))),
            Action::Rename => {
                let name = reflection?.alternatives.get(a)?.name.clone();
                Some(Effect::push(alternative_form(r, Some(a), &name)))
            }
            Action::Edit => {
                let dimension = wheel.dimensions.get(self.dimension)?;
                let reflection = reflection?;
                let alternative = reflection.alternatives.get(a)?;
                let note = alternative
                    .get(&dimension.id)
                    .map(|x| x.note.clone())
                    .unwrap_or_default();
                Some(Effect::push(note_form(
                    (r, reflection),
                    a,
                    dimension,
                    &note,
                )))
            }
            Action::Delete => {
                let reflection = reflection?;
                if let Err(why) = reflection.check_removal() {
                    return Some(Effect::Error(why));
                }
                let name = reflection.alternatives.get(a)?.name.clone();
                Some(Effect::push(Confirm {
                    question: format!(
                        "Slette alternativet «{name}» med vurderingene? ({{global.undo}} angrer)"
                    ),
                    on_yes: Some(Box::new(Effect::edit(
                        format!("slettet alternativ «{name}»"),
                        Change::RemoveAlternative {
                            reflection: r,
                            alternative: a,
                        },
                    ))),
                }))
            }
            Action::Choose => {
                let chosen = reflection?.choice;
                Some(Effect::change(Change::Choose {
                    reflection: r,
                    choice: if chosen == Some(a) { None } else { Some(a) },
                }))
            }
            Action::Justify => Some(Effect::push(justification_form(r, reflection?, wheel))),
            other => {
                self.update(other, wheel, ctx.outcome.map(|o| &o.wheel));
                None
            }
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        // The outcome's platforms' precedents; all of them without any.
        let ids: Vec<&str> = ctx
            .outcome
            .map(|o| {
                o.platforms
                    .iter()
                    .filter_map(|p| ctx.library.platforms.find(p.as_str()))
                    .map(|p| p.id.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let precedents = ctx
            .library
            .precedents
            .precedents
            .iter()
            .filter(|p| ids.is_empty() || p.platforms.iter().any(|x| ids.contains(&x.as_str())))
            .collect();
        let data = WheelData {
            wheel: &ctx.library.wheel,
            part: ctx.outcome.map(|o| &o.wheel),
            new_key: ctx.key(Context::Wheel, Action::NewReflection),
            no_outcome: strings::no_outcome(ctx.keymap),
            precedents,
        };
        self.draw(frame, area, &data, ctx.theme);
    }

    fn select(&mut self, selection: &Selection, _ctx: &Ctx) {
        if let Selection::Reflection(i) = selection {
            self.reflection = *i;
            self.alternative = 0;
            self.dimension = 0;
        }
    }

    fn reset(&mut self) {
        *self = WheelScreen {
            view: self.view,
            ..WheelScreen::default()
        };
    }

    /// The reflection shown, by its number (1-based, as the screen says it).
    fn spot(&self, _ctx: &Ctx) -> Spot {
        Spot {
            platform: None,
            at: Some((self.reflection + 1).to_string()),
        }
    }

    fn go_to(&mut self, spot: &Spot, ctx: &Ctx) {
        let reflections = ctx.outcome.map_or(0, |o| o.wheel.reflections.len());
        if let Some(n) = spot.at.as_deref().and_then(|n| n.parse::<usize>().ok())
            && (1..=reflections).contains(&n)
        {
            self.select(&Selection::Reflection(n - 1), ctx);
        }
    }
}

/// What the reflection came to: the dividing dimensions, the conflicts,
/// the choice and its justification.
fn decision_lines(
    wheel: &Wheel,
    r: &Reflection,
    dividing: &[String],
    theme: &Theme,
) -> Vec<Line<'static>> {
    let names: Vec<String> = dividing
        .iter()
        .filter_map(|id| wheel.dimensions.iter().find(|d| &d.id == id))
        .map(|d| d.name.clone())
        .collect();
    let mut lines = vec![Line::from(vec![
        Span::styled("Skiller alternativene (⇄): ", theme.label),
        Span::raw(if names.is_empty() {
            "ingen ennå".to_owned()
        } else {
            names.join(", ")
        }),
    ])];
    lines.push(Line::from(vec![
        Span::styled("Hensyn som står mot hverandre: ", theme.label),
        Span::raw(if r.conflicts.is_empty() {
            "ikke beskrevet".to_owned()
        } else {
            r.conflicts.clone()
        }),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Valgt alternativ: ", theme.label),
        Span::raw(
            r.chosen()
                .map_or("ikke valgt".to_owned(), |a| a.name.clone()),
        ),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Begrunnelse: ", theme.label),
        Span::raw(if r.justification.is_empty() {
            "ikke skrevet".to_owned()
        } else {
            r.justification.clone()
        }),
    ]));
    lines.push(Line::styled(
        "+ taler for  − taler mot  ? uavklart  · ikke relevant",
        theme.dim,
    ));
    lines
}
