//! The checklist widget the two checklist screens share: Dilemmaer
//! (`ui/dilemmas.rs`, the five kinds of dilemma) and Vurdering
//! (`ui/assessment.rs`, KS's assessment with management's decision). Both
//! are groups of questions the team answers ja / delvis / nei / ikke
//! relevant, with a note and, for nei or delvis, a measure, for the shared
//! answers or one platform's.

use crate::domain::date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::action::Action;
use crate::content::Library;
use crate::domain::change::Change;
use crate::domain::checklist::{Answer, ChecklistPart, Group, Question, Status, keys};
use crate::domain::platform::same_platform;
use crate::domain::risk::{Measure, measure_from};
use crate::domain::suggest::{self, Known, Suggestion};
use crate::keymap::Context;
use crate::ui::form::{DateKey, Field, Form, OnSubmit, TextKey};
use crate::ui::overlay::ItemOverlay;
use crate::ui::picker::{OnPick, PickItem, Picker};
use crate::ui::screen::{Ctx, Effect, Spot, Unavailable, require};
use crate::ui::strings;
use crate::ui::theme::Theme;
use crate::ui::widgets::{ListCursor, panel};

/// Which checklist a screen shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    /// Dilemmaer: the five kinds of dilemma.
    #[default]
    Dilemmas,
    /// Vurdering: KS's assessment, with management's decision.
    Assessment,
}

impl Kind {
    pub fn groups(self, library: &Library) -> Vec<Group<'_>> {
        match self {
            Kind::Dilemmas => library.dilemmas.groups(),
            Kind::Assessment => library.assessment.groups(),
        }
    }
}

/// A checklist: its questions in groups, the one selected, and the
/// platform whose answers are shown and set.
#[derive(Debug, Clone, Default)]
pub struct Checklist {
    pub kind: Kind,
    /// Index of the selected question over all groups.
    pub selected: usize,
    list: ListState,
    page: usize,
    /// The platform whose answers are shown and set (`P` steps through the
    /// listed ones); `None`: the shared answers.
    pub platform: Option<String>,
}

impl Checklist {
    /// The selected question and its key.
    pub fn current<'a, 'b>(
        &self,
        groups: &'b [Group<'a>],
    ) -> Option<(&'b Group<'a>, &'a Question, &'b str)> {
        groups
            .iter()
            .flat_map(|g| g.questions.iter().map(move |(q, k)| (g, *q, k.as_str())))
            .nth(self.selected)
    }

    pub fn update(&mut self, action: Action, groups: &[Group], answers: Option<&ChecklistPart>) {
        let count = groups.iter().map(|g| g.questions.len()).sum::<usize>();
        let last = count.saturating_sub(1);
        let mut cursor = ListCursor {
            selected: self.selected,
            page: self.page,
        };
        if cursor.apply(action, count) {
            self.selected = cursor.selected;
            return;
        }
        self.selected = match action {
            Action::NextUnassessed => {
                let empty = ChecklistPart::default();
                let keys: Vec<&str> = keys(groups).collect();
                answers
                    .unwrap_or(&empty)
                    .next_unassessed(&keys, self.selected)
                    .unwrap_or(self.selected)
            }
            _ => self.selected,
        }
        .min(last);
    }

    pub fn new(kind: Kind) -> Self {
        Checklist {
            kind,
            ..Checklist::default()
        }
    }

    /// The key of the selected question.
    pub fn current_key(&self, ctx: &Ctx) -> Option<String> {
        let groups = self.kind.groups(ctx.library);
        self.current(&groups).map(|(_, _, key)| key.to_owned())
    }

    /// What the outcome suggests for the question `key` on Vurdering, when
    /// it differs from the answer shown (for the platform shown).
    pub fn suggestion(&self, key: &str, ctx: &Ctx) -> Option<Suggestion> {
        if self.kind != Kind::Assessment {
            return None;
        }
        let outcome = ctx.outcome?;
        let known = Known {
            risks: &ctx.library.risks,
            dilemmas: &ctx.library.dilemmas,
        };
        let platform = self.platform.as_deref();
        let suggested = suggest::suggestion(key, outcome, known, platform)?;
        let answers = &outcome.checklists;
        let shown = match platform {
            Some(p) => answers.for_platform(p).status(key),
            None => answers.status(key),
        };
        (suggested.status != shown).then_some(suggested)
    }

    /// The answers as they stand for the platform shown.
    fn resolved(&self, answers: Option<&ChecklistPart>) -> Option<ChecklistPart> {
        match (&self.platform, answers) {
            (Some(p), Some(a)) => Some(a.for_platform(p)),
            _ => None,
        }
    }

    /// Draws the questions on the left and the selected one on the right.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let groups = self.kind.groups(ctx.library);
        let answers = ctx.outcome.map(|o| &o.checklists);
        self.draw(frame, area, (&groups, answers), ctx);
    }

    fn draw(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        (groups, answers): (&[Group], Option<&ChecklistPart>),
        ctx: &Ctx,
    ) {
        let (library, theme) = (ctx.library, ctx.theme);
        let open_key = ctx.key(Context::Checklist, Action::Open);
        let no_outcome = strings::no_outcome(ctx.keymap);
        let (open_key, no_outcome) = (open_key.as_str(), no_outcome.as_str());
        let base = match self.kind {
            Kind::Dilemmas => "Dilemmaer",
            Kind::Assessment => "KS-vurderingen",
        };
        let listed = ctx.outcome.map_or(0, |o| o.platforms.len());
        let title = match (&self.platform, listed) {
            (Some(p), _) => format!("{base} · {p}"),
            (None, n) if n > 0 => format!("{base} · felles"),
            (None, _) => base.to_owned(),
        };
        let empty = ChecklistPart::default();
        let resolved = self.resolved(answers);
        let part = resolved.as_ref().or(answers).unwrap_or(&empty);
        let own = |key: &str| {
            self.platform
                .as_deref()
                .is_some_and(|p| answers.is_some_and(|a| a.is_own(key, p)))
        };
        let [list_area, detail_area] = area.layout(&Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]));
        let mut items = Vec::new();
        let mut selected_row = 0;
        let mut index = 0;
        for g in groups {
            let (done, total) = part.progress(g.keys());
            items.push(ListItem::new(Line::from(vec![
                Span::styled(g.title.to_owned(), theme.section),
                Span::styled(format!("  {done}/{total}"), theme.dim),
            ])));
            for (q, key) in &g.questions {
                if index == self.selected {
                    selected_row = items.len();
                }
                let status = part.status(key);
                // «*»: this platform's own answer.
                let mark = if own(key) { "*" } else { " " };
                items.push(ListItem::new(Line::from(vec![
                    Span::styled(format!(" [{}]{mark}", status.symbol()), theme.label),
                    Span::raw(q.text.clone()),
                ])));
                index += 1;
            }
        }
        let (done, total) = part.progress(keys(groups));
        let mut block = panel(title, true, theme).title_bottom(
            Line::styled(format!(" {done}/{total} vurdert "), theme.dim).right_aligned(),
        );
        // On Vurdering, a decision whose ground has moved says so here too;
        // the decision view says why.
        if self.kind == Kind::Assessment
            && let Some(o) = ctx.outcome
            && !ctx.library.reopened(o, ctx.now.today).is_empty()
        {
            let view = ctx.key(Context::Checklist, Action::NextView);
            block = block.title_bottom(
                Line::styled(
                    format!(" til ny vurdering: {view} viser hvorfor "),
                    theme.error,
                )
                .left_aligned(),
            );
        }
        self.page = block.inner(list_area).height as usize;
        self.list.select(Some(selected_row));
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected)
            .highlight_symbol("›");
        frame.render_stateful_widget(list, list_area, &mut self.list);

        let mut detail = match self.current(groups) {
            Some((group, q, key)) => {
                let suggested = self.suggestion(key, ctx).map(|s| {
                    let accept = ctx.key(Context::Checklist, Action::AcceptSuggestion);
                    Line::from(vec![
                        Span::styled(format!("{:<10}", "Forslag"), theme.label),
                        Span::styled(
                            format!(
                                "[{}] {}: {} ({accept} godtar)",
                                s.status.symbol(),
                                s.status.label(),
                                s.why
                            ),
                            theme.dim,
                        ),
                    ])
                });
                let mut text = question_detail(
                    group,
                    q,
                    (part.get(key), suggested),
                    library,
                    theme,
                    open_key,
                );
                if let Some(p) = &self.platform {
                    let whose = if own(key) {
                        Line::styled(format!("Eget svar for {p} (* i listen)."), theme.label)
                    } else {
                        Line::styled(
                            format!("Felles svar: {p} har ikke et eget svar her."),
                            theme.dim,
                        )
                    };
                    text.lines.insert(2, whose);
                }
                text
            }
            None => Text::styled("Ingen spørsmål er lastet.", theme.dim),
        };
        if answers.is_none() {
            detail
                .lines
                .insert(0, Line::styled(no_outcome.to_owned(), theme.error));
        }
        // What the marks in the list mean, from the statuses themselves.
        let legend: Vec<String> = Status::ALL
            .iter()
            .filter(|s| s.is_assessed())
            .map(|s| format!("{} {}", s.symbol(), s.label()))
            .collect();
        let block = panel("Spørsmål", false, theme)
            .title_bottom(Line::styled(format!(" {} ", legend.join(" ")), theme.dim));
        frame.render_widget(
            Paragraph::new(detail)
                .wrap(Wrap { trim: false })
                .block(block),
            detail_area,
        );
    }
}

fn question_detail<'a>(
    group: &Group<'a>,
    q: &'a Question,
    (answer, suggested): (Option<&Answer>, Option<Line<'a>>),
    library: &'a Library,
    theme: &Theme,
    open_key: &str,
) -> Text<'a> {
    let label = |s: &'static str| Span::styled(format!("{s:<10}"), theme.label);
    let mut lines = vec![
        Line::styled(group.title.to_owned(), theme.section),
        Line::styled(group.subtitle.to_owned(), theme.dim),
    ];
    if let Some(example) = group.example {
        lines.push(Line::styled(format!("Eksempel: {example}"), theme.dim));
    }
    lines.push(Line::default());
    lines.push(Line::styled(q.text.clone(), theme.title));
    lines.push(Line::from(vec![
        label("Kilde"),
        Span::raw(q.source.clone()),
    ]));
    let status = answer.map_or(Status::IkkeVurdert, |a| a.status);
    lines.push(Line::from(vec![
        label("Svar"),
        Span::raw(format!("[{}] {}", status.symbol(), status.label())),
    ]));
    lines.extend(suggested);
    if let Some(a) = answer {
        if !a.note.is_empty() {
            lines.push(Line::from(vec![label("Notat"), Span::raw(a.note.clone())]));
        }
        if let Some(m) = &a.measure {
            lines.push(Line::from(vec![
                label("Tiltak"),
                Span::raw(format!(
                    "{} ({}, {})",
                    m.text,
                    or_dash(&m.owner),
                    or_dash(&date::show(m.due))
                )),
            ]));
        }
    }
    if !q.guidelines.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("Bygger på ({open_key} viser):"),
            theme.label,
        ));
        for id in &q.guidelines {
            lines.extend(guideline_lines(library, id, theme));
        }
    }
    Text::from(lines)
}

/// One guideline a question rests on: its id and text, its citation, and
/// its note (if any) apart from the text.
fn guideline_lines<'a>(library: &'a Library, id: &str, theme: &Theme) -> Vec<Line<'a>> {
    let Some(v) = library.find(id) else {
        return vec![Line::from(vec![
            Span::styled(format!("{id} "), theme.dim),
            Span::raw("(finnes ikke i de lastede dataene)"),
        ])];
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{id} "), theme.dim),
            Span::raw(&*v.item.text),
        ]),
        Line::styled(format!("  Kilde: {}", v.cite()), theme.dim),
    ];
    if let Some(note) = &v.item.note {
        lines.push(Line::styled(
            format!("  {}: {note}", crate::domain::guideline::NOTE_HEADING),
            theme.dim,
        ));
    }
    lines
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() { "–" } else { s }
}

const NOTE: TextKey = TextKey::new("notat");
const MEASURE: TextKey = TextKey::new("tiltak");
const OWNER: TextKey = TextKey::new("eier");
const DUE: DateKey = DateKey::new("frist");

/// The note and, for nei or delvis, the measure of one answer, shared or
/// (with `platform`) that platform's own.
pub fn answer_form(key: &str, platform: Option<&str>, answer: Option<&Answer>) -> Form {
    let m = answer.and_then(|a| a.measure.as_ref());
    let get = |f: fn(&Measure) -> &str| m.map(f).unwrap_or_default().to_owned();
    let heading = match platform {
        Some(p) => format!("Notat og tiltak for {p}"),
        None => "Notat og tiltak".to_owned(),
    };
    Form::new(
        &heading,
        vec![
            Field::multi(
                &NOTE,
                "Notat",
                "Hva vet dere, og hva mangler? Enter gir ny linje; {form.submit/uten-enter} lagrer.",
                &answer.map(|a| a.note.clone()).unwrap_or_default(),
            ),
            Field::single(
                &MEASURE,
                "Tiltak",
                "Ved nei eller delvis: hva gjøres? Tomt betyr ingen tiltak.",
                &get(|m| &m.text),
            ),
            Field::single(
                &OWNER,
                "Eier",
                "Hvem har ansvaret for tiltaket?",
                &get(|m| &m.owner),
            ),
            Field::date(
                &DUE,
                "Frist",
                "ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ.",
                &m.map(|m| date::show(m.due)).unwrap_or_default(),
            ),
            crate::ui::export::status_field(m.map(|m| m.status)),
        ],
        AnswerSpec {
            key: key.to_owned(),
            platform: platform.map(str::to_owned),
        },
    )
}

/// Submitting the answer form: the note and measure of one answer, by key,
/// shared or for a platform.
#[derive(Debug, Clone)]
pub struct AnswerSpec {
    key: String,
    platform: Option<String>,
}

impl OnSubmit for AnswerSpec {
    fn submit(&self, form: &Form, _ctx: &Ctx) -> Result<Effect, String> {
        let status = form.choice(&crate::ui::export::STATUS).unwrap_or_default();
        let measure = measure_from(
            &form.text(&MEASURE),
            &form.text(&OWNER),
            form.date(&DUE)?,
            status,
        )?;
        let note = form.text(&NOTE).trim_end().to_owned();
        Ok(Effect::change(Change::AnswerDetails {
            key: self.key.clone(),
            platform: self.platform.clone(),
            note,
            measure,
        }))
    }
}

impl Checklist {
    /// Sets (or cycles) the answer to the question `key`, for the platform
    /// shown; an answer given, the cursor moves on to the next open
    /// question (cycling with space stays, to go round).
    pub fn answer(
        &mut self,
        action: Action,
        key: String,
        groups: &[Group],
        answers: Option<&ChecklistPart>,
    ) -> Effect {
        let resolved = self.resolved(answers);
        let shown = resolved.as_ref().or(answers);
        let old = shown.map_or(Status::IkkeVurdert, |a| a.status(&key));
        let new = match action {
            Action::SetStatus(s) => s,
            _ => old.cycle(),
        };
        if matches!(action, Action::SetStatus(s) if s.is_assessed()) {
            let keys: Vec<&str> = keys(groups).collect();
            let empty = ChecklistPart::default();
            let part = shown.unwrap_or(&empty);
            if let Some(next) = part.next_unassessed(&keys, self.selected) {
                self.selected = next;
            }
        }
        Effect::change(Change::Answer {
            key,
            platform: self.platform.clone(),
            status: new,
        })
    }
}

/// Picking one of the guidelines a question rests on shows it whole, over
/// the picker, so `Esc` comes back to the list.
#[derive(Debug, Clone)]
struct ReadGuideline(Vec<crate::domain::ItemRef>);

impl OnPick for ReadGuideline {
    fn pick(&self, index: usize, _item: &PickItem) -> Option<Effect> {
        let at = *self.0.get(index)?;
        Some(Effect::Many(vec![
            Effect::Select(crate::ui::screen::Selection::Item(at)),
            Effect::push(ItemOverlay::new(at)),
        ]))
    }
}

/// The guidelines a question points to: the one in full, or a picker
/// when there are several.
fn open_guidelines(guidelines: &[String], ctx: &Ctx) -> Effect {
    let found: Vec<_> = guidelines
        .iter()
        .filter_map(|id| ctx.library.find(id))
        .collect();
    match found.as_slice() {
        [] => Effect::Info(
            "Spørsmålet viser ikke til noen retningslinje i de lastede dataene.".into(),
        ),
        [only] => Effect::push(ItemOverlay::new(only.at)),
        many => {
            let items = many
                .iter()
                .map(|v| PickItem {
                    id: v.full_id(),
                    text: v.item.text.to_string(),
                    from: format!(
                        "{}, {}",
                        v.document.short_name(),
                        v.document.locate(v.section, v.item)
                    ),
                    chosen: false,
                })
                .collect();
            let refs = many.iter().map(|v| v.at).collect();
            Effect::push(Picker::new(
                ReadGuideline(refs),
                "Les en retningslinje".to_owned(),
                items,
            ))
        }
    }
}

impl Checklist {
    /// The preconditions of the actions on questions (`None` for the others).
    pub fn check(&self, action: Action, ctx: &Ctx) -> Option<Result<(), Unavailable>> {
        let open = || require(ctx.outcome.is_some(), Unavailable::no_outcome);
        Some(match action {
            Action::NextPlatform => open().and_then(|()| {
                require(ctx.outcome.is_some_and(|o| !o.platforms.is_empty()), || {
                    Unavailable::because(
                        "Økten lister ingen plattformer: legg dem til under Økter ({sessions.edit}).",
                    )
                })
            }),
            Action::SetStatus(_) | Action::CycleStatus | Action::Edit => open(),
            Action::AcceptSuggestion => open().and_then(|()| {
                let has = self
                    .current_key(ctx)
                    .is_some_and(|key| self.suggestion(&key, ctx).is_some());
                require(has, || {
                    Unavailable::because(
                        "Økten har ikke noe forslag til dette spørsmålet (eller svaret er det samme som forslaget).",
                    )
                })
            }),
            Action::NextUnassessed | Action::Open => Ok(()),
            _ => return None,
        })
    }

    /// Moving through the questions and answering them.
    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let groups = self.kind.groups(ctx.library);
        let current = self
            .current(&groups)
            .map(|(_, q, key)| (q.guidelines.clone(), key.to_owned()));
        let answers = ctx.outcome.map(|o| &o.checklists);
        match action {
            Action::NextPlatform => {
                let platforms = ctx.outcome.map_or(&[][..], |o| &o.platforms);
                self.platform = crate::ui::risk::next_platform(platforms, self.platform.as_deref());
                Some(Effect::Info(match &self.platform {
                    Some(p) => format!("Viser svarene for {p}; * er svar som bare gjelder {p}."),
                    None => "Viser de felles svarene.".to_owned(),
                }))
            }
            Action::SetStatus(_) | Action::CycleStatus => {
                let (_, key) = current?;
                Some(self.answer(action, key, &groups, answers))
            }
            Action::AcceptSuggestion => {
                let (_, key) = current?;
                let s = self.suggestion(&key, ctx)?;
                Some(self.answer(Action::SetStatus(s.status), key, &groups, answers))
            }
            Action::Edit => {
                let (_, key) = current?;
                let resolved = self.resolved(answers);
                let answer = resolved.as_ref().or(answers).and_then(|a| a.get(&key));
                let question = self.current(&groups).map(|(_, q, _)| q.text.clone());
                let status = answer.map_or(Status::IkkeVurdert, |a| a.status);
                let about = question
                    .into_iter()
                    .chain([format!("Svar: [{}] {}", status.symbol(), status.label())])
                    .collect();
                Some(Effect::push(
                    answer_form(&key, self.platform.as_deref(), answer).with_about(about),
                ))
            }
            Action::Open => {
                let (guidelines, _) = current?;
                Some(open_guidelines(&guidelines, ctx))
            }
            other => {
                let resolved = self.resolved(answers);
                self.update(other, &groups, resolved.as_ref().or(answers));
                None
            }
        }
    }

    /// After undo or redo: a platform no longer listed shows the shared answers.
    pub fn revalidate(&mut self, ctx: &Ctx) {
        let platforms = ctx.outcome.map_or(&[][..], |o| &o.platforms);
        if let Some(p) = &self.platform
            && !platforms.iter().any(|x| same_platform(x, p))
        {
            self.platform = None;
        }
    }

    pub fn spot(&self, ctx: &Ctx) -> Spot {
        Spot {
            platform: self.platform.clone(),
            at: self.current_key(ctx),
        }
    }

    pub fn go_to(&mut self, spot: &Spot, ctx: &Ctx) {
        self.platform = spot.listed_platform(ctx);
        let groups = self.kind.groups(ctx.library);
        if let Some(at) = &spot.at
            && let Some(i) = keys(&groups).position(|k| k == at)
        {
            self.selected = i;
        }
    }
}
