//! Checklists: the five kinds of dilemma (Dilemmaer) and KS's assessment
//! (Vurdering). Both are groups of questions the team answers ja / delvis /
//! nei / ikke relevant, with a note and, for nei or delvis, a measure.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::action::Action;
use crate::content::Library;
use crate::domain::checklist::{ChecklistPart, Question, Status, assessment_key, dilemma_key};
use crate::domain::risk::Measure;
use crate::ui::form::{Field, Form, FormKind};
use crate::ui::theme::Theme;

/// A group of questions: one kind of dilemma, or one chapter of KS's assessment.
pub struct Group<'a> {
    pub title: String,
    /// The chapter, or the kind's description.
    pub subtitle: &'a str,
    /// A typical situation, for the dilemma kinds.
    pub example: Option<&'a str>,
    /// Each question with the key its answer is stored under.
    pub questions: Vec<(&'a Question, String)>,
}

/// The dilemma kinds as groups.
pub fn dilemma_groups(library: &Library) -> Vec<Group<'_>> {
    library
        .dilemmas
        .kinds
        .iter()
        .map(|k| Group {
            title: k.name.clone(),
            subtitle: &k.description,
            example: Some(&k.example),
            questions: k
                .questions
                .iter()
                .map(|q| (q, dilemma_key(&k.id, &q.id)))
                .collect(),
        })
        .collect()
}

/// KS's assessment as groups.
pub fn assessment_groups(library: &Library) -> Vec<Group<'_>> {
    library
        .assessment
        .sections
        .iter()
        .map(|s| Group {
            title: s.title.clone(),
            subtitle: &s.chapter,
            example: None,
            questions: s
                .items
                .iter()
                .map(|q| (q, assessment_key(&s.id, &q.id)))
                .collect(),
        })
        .collect()
}

/// Every answer key in the groups, in order.
pub fn keys<'a>(groups: &'a [Group]) -> impl Iterator<Item = &'a str> {
    groups
        .iter()
        .flat_map(|g| g.questions.iter().map(|(_, k)| k.as_str()))
}

/// What a checklist screen draws; the app supplies it.
pub struct ChecklistView<'a> {
    pub title: &'static str,
    pub groups: Vec<Group<'a>>,
    /// The open outcome's answers; None when no outcome is open.
    pub answers: Option<&'a ChecklistPart>,
}

#[derive(Debug, Clone, Default)]
pub struct ChecklistScreen {
    /// Index of the selected question over all groups.
    pub selected: usize,
    list: ListState,
    page: usize,
}

impl ChecklistScreen {
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
        let page = self.page.max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::First => 0,
            Action::Last => last,
            Action::NextUnassessed => {
                let empty = ChecklistPart::default();
                let answers = answers.unwrap_or(&empty);
                let keys: Vec<&str> = keys(groups).collect();
                (1..=count)
                    .map(|step| (self.selected + step) % count.max(1))
                    .find(|&i| {
                        keys.get(i)
                            .is_some_and(|k| !answers.status(k).is_assessed())
                    })
                    .unwrap_or(self.selected)
            }
            _ => self.selected,
        }
        .min(last);
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        view: &ChecklistView,
        library: &Library,
        theme: &Theme,
    ) {
        let (title, groups, answers) = (view.title, &view.groups, view.answers);
        let empty = ChecklistPart::default();
        let part = answers.unwrap_or(&empty);
        let [list_area, detail_area] = area.layout(&Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]));
        let mut items = Vec::new();
        let mut selected_row = 0;
        let mut index = 0;
        for g in groups {
            let (done, total) = part.progress(g.questions.iter().map(|(_, k)| k.as_str()));
            items.push(ListItem::new(Line::from(vec![
                Span::styled(g.title.clone(), theme.section),
                Span::styled(format!("  {done}/{total}"), theme.dim),
            ])));
            for (q, key) in &g.questions {
                if index == self.selected {
                    selected_row = items.len();
                }
                let status = part.status(key);
                items.push(ListItem::new(Line::from(vec![
                    Span::styled(format!(" [{}] ", status.symbol()), theme.label),
                    Span::raw(q.text.clone()),
                ])));
                index += 1;
            }
        }
        let (done, total) = part.progress(keys(groups));
        let block = Block::bordered()
            .title(Line::styled(format!(" {title} "), theme.title))
            .title_bottom(
                Line::styled(format!(" {done}/{total} vurdert "), theme.dim).right_aligned(),
            )
            .border_style(theme.border_focus);
        self.page = block.inner(list_area).height as usize;
        self.list.select(Some(selected_row));
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected)
            .highlight_symbol("›");
        frame.render_stateful_widget(list, list_area, &mut self.list);

        let mut detail = match self.current(groups) {
            Some((group, q, key)) => question_detail(group, q, part.get(key), library, theme),
            None => Text::styled("Ingen spørsmål er lastet.", theme.dim),
        };
        if answers.is_none() {
            detail.lines.insert(
                0,
                Line::styled(
                    "Ingen økt er åpen: åpne en under Økter for å svare.",
                    theme.error,
                ),
            );
        }
        frame.render_widget(
            Paragraph::new(detail).wrap(Wrap { trim: false }).block(
                Block::bordered()
                    .title(Line::styled(" Spørsmål ", theme.title))
                    .border_style(theme.border),
            ),
            detail_area,
        );
    }
}

fn question_detail<'a>(
    group: &Group<'a>,
    q: &'a Question,
    answer: Option<&crate::domain::checklist::Answer>,
    library: &'a Library,
    theme: &Theme,
) -> Text<'a> {
    let label = |s: &'static str| Span::styled(format!("{s:<10}"), theme.label);
    let mut lines = vec![
        Line::styled(group.title.clone(), theme.section),
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
                    or_dash(&m.due)
                )),
            ]));
        }
    }
    if !q.guidelines.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Bygger på (Enter åpner):", theme.label));
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
            Span::raw(v.item.text.as_str()),
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

const NOTE: &str = "Notat";
const MEASURE: &str = "Tiltak";
const OWNER: &str = "Eier";
const DUE: &str = "Frist";

/// The note and, for nei or delvis, the measure of one answer.
pub fn answer_form(key: &str, answer: Option<&crate::domain::checklist::Answer>) -> Form {
    let m = answer.and_then(|a| a.measure.as_ref());
    let get = |f: fn(&Measure) -> &str| m.map(f).unwrap_or_default().to_owned();
    Form::new(
        FormKind::Answer(key.to_owned()),
        " Notat og tiltak ",
        vec![
            Field::multi(
                NOTE,
                "Hva vet dere, og hva mangler?",
                &answer.map(|a| a.note.clone()).unwrap_or_default(),
            ),
            Field::single(
                MEASURE,
                "Ved nei eller delvis: hva gjøres? Tomt betyr ingen tiltak.",
                &get(|m| &m.text),
            ),
            Field::single(OWNER, "Hvem har ansvaret for tiltaket?", &get(|m| &m.owner)),
            Field::single(DUE, "Frist, ÅÅÅÅ-MM-DD.", &get(|m| &m.due)),
        ],
    )
}

/// (note, measure) from the answer form.
pub fn read_answer(form: &Form) -> (String, Option<Measure>) {
    let text = form.text(MEASURE).trim().to_owned();
    let measure = (!text.is_empty()).then(|| Measure {
        text,
        source: String::new(),
        owner: form.text(OWNER).trim().to_owned(),
        due: form.text(DUE).trim().to_owned(),
    });
    (form.text(NOTE).trim_end().to_owned(), measure)
}
