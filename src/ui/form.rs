//! A form of labelled text fields, used wherever the team writes something:
//! outcomes, risk details, the team's own risks.

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::action::Action;
use crate::ui::input::TextInput;
use crate::ui::search::centered;
use crate::ui::theme::Theme;

/// What a submitted form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    NewOutcome,
    /// Edit the open outcome's description.
    EditOutcome,
    /// A new title for the outcome in this file.
    Rename(PathBuf),
    /// Measures and note of the assessment of this risk id.
    RiskDetails(String),
    /// A risk the team adds itself.
    CustomRisk,
    /// A new wheel reflection: dilemma and alternatives.
    NewReflection,
    /// Add (None) or rename an alternative of a reflection.
    Alternative {
        reflection: usize,
        alternative: Option<usize>,
    },
    /// The note for one alternative on one dimension.
    WheelNote {
        reflection: usize,
        alternative: usize,
        dimension: String,
    },
    /// The conflicts and the justification of a reflection's choice.
    Justification(usize),
    /// Note and measure of a checklist answer, by its key.
    Answer(String),
    /// A new round of management's decision.
    Decision,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub hint: &'static str,
    pub input: TextInput,
}

impl Field {
    pub fn single(label: &'static str, hint: &'static str, text: &str) -> Self {
        Field {
            label,
            hint,
            input: TextInput::single(text),
        }
    }

    pub fn multi(label: &'static str, hint: &'static str, text: &str) -> Self {
        Field {
            label,
            hint,
            input: TextInput::multi(text),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    heading: &'static str,
    fields: Vec<Field>,
    focus: usize,
    pub error: Option<String>,
}

impl Form {
    pub fn new(kind: FormKind, heading: &'static str, fields: Vec<Field>) -> Self {
        Form {
            kind,
            heading,
            fields,
            focus: 0,
            error: None,
        }
    }

    /// The text of the field with this label.
    pub fn text(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.input.text())
            .unwrap_or_default()
    }

    /// Whether Enter in the focused field is text (a new line) rather than submit.
    pub fn enter_is_text(&self) -> bool {
        self.fields
            .get(self.focus)
            .is_some_and(|f| f.input.is_multiline())
    }

    pub fn update(&mut self, action: Action) {
        let count = self.fields.len();
        match action {
            Action::NextField => self.focus = (self.focus + 1) % count,
            Action::PrevField => self.focus = (self.focus + count - 1) % count,
            _ => {}
        }
    }

    pub fn input(&mut self, key: KeyEvent) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.input.input(key);
            self.error = None;
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.input.paste(text);
        }
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let popup = centered(area, 90, 90);
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .title(Line::styled(self.heading, theme.title))
            .border_style(theme.border_focus);
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let mut constraints: Vec<Constraint> = self
            .fields
            .iter()
            .map(|f| {
                if f.input.is_multiline() {
                    Constraint::Min(3)
                } else {
                    Constraint::Length(1)
                }
            })
            .collect();
        constraints.push(Constraint::Length(3));
        let areas = Layout::vertical(constraints).split(inner);
        for (i, field) in self.fields.iter_mut().enumerate() {
            let [label, input] = areas[i].layout(&Layout::horizontal([
                Constraint::Length(14),
                Constraint::Fill(1),
            ]));
            let style = if i == self.focus {
                theme.title
            } else {
                theme.label
            };
            let marker = if i == self.focus { "› " } else { "  " };
            frame.render_widget(
                Line::styled(format!("{marker}{}", field.label), style),
                label,
            );
            field.input.render(frame, input, i == self.focus, theme);
        }
        let hint = self
            .fields
            .get(self.focus)
            .map(|f| f.hint)
            .unwrap_or_default();
        let mut footer = vec![Line::styled(hint, theme.dim)];
        if let Some(error) = &self.error {
            footer.insert(
                0,
                Line::styled(format!("{}{error}", theme.error_prefix), theme.error),
            );
        }
        if let Some(area) = areas.last() {
            frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), *area);
        }
    }
}
