//! A form of typed fields: text, multi-line text, a choice picked with ←/→,
//! a date, and lists of rows (participants, measures) edited row by row.
//! What a submitted form does is its `OnSubmit`'s business, kept beside the
//! screen that opens it; the form only collects and checks values.

use crate::ui::cells;
use std::borrow::Cow;

use std::fmt;
use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::action::Action;
use crate::domain::date;
use crate::keymap::{Context, Keymap};
use crate::ui::input::TextInput;
use crate::ui::screen::{Ctx, Effect, Layer};
use crate::ui::theme::Theme;
use crate::ui::widgets::popup;

/// What a form does with its values when submitted.
pub trait OnSubmit: fmt::Debug {
    /// Reads and checks the values; the effect changes the record, or the
    /// message says what is wrong and the form stays open.
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String>;
}

/// A choice among fixed options; `None` until the user picks one.
#[derive(Debug, Clone)]
pub struct Choice {
    pub options: Vec<String>,
    pub selected: Option<usize>,
}

impl Choice {
    pub fn new(
        options: impl IntoIterator<Item = impl Into<String>>,
        selected: Option<usize>,
    ) -> Self {
        Choice {
            options: options.into_iter().map(Into::into).collect(),
            selected,
        }
    }

    fn step(&mut self, forward: bool) {
        let n = self.options.len();
        if n == 0 {
            return;
        }
        self.selected = Some(match (self.selected, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
    }

    /// Picks the next option starting with the typed letter.
    fn jump(&mut self, c: char) {
        let c = c.to_lowercase().next().unwrap_or(c);
        let n = self.options.len();
        let start = self.selected.map_or(0, |i| i + 1);
        if let Some(i) = (0..n).map(|k| (start + k) % n).find(|&i| {
            self.options[i]
                .chars()
                .next()
                .is_some_and(|f| f.to_lowercase().next() == Some(c))
        }) {
            self.selected = Some(i);
        }
    }
}

/// The key of a text field (one line or several): what the form gives
/// back for it is its text. Never shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextKey(pub Cow<'static, str>);

impl TextKey {
    pub const fn new(name: &'static str) -> Self {
        TextKey(Cow::Borrowed(name))
    }
}

/// The key of a date field: the form gives back a day, none, or why the
/// text is no day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateKey(pub Cow<'static, str>);

impl DateKey {
    pub const fn new(name: &'static str) -> Self {
        DateKey(Cow::Borrowed(name))
    }
}

/// The key of a choice among `values`: the form gives back the value
/// chosen, never an index into a list the reader must know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceKey<T: Clone + 'static> {
    pub name: Cow<'static, str>,
    pub values: Cow<'static, [T]>,
}

impl<T: Clone + 'static> ChoiceKey<T> {
    pub const fn new(name: &'static str, values: &'static [T]) -> Self {
        ChoiceKey {
            name: Cow::Borrowed(name),
            values: Cow::Borrowed(values),
        }
    }

    /// A key made when the form is built (a field per platform, choices
    /// from the content).
    pub fn owned(name: String, values: Vec<T>) -> Self {
        ChoiceKey {
            name: Cow::Owned(name),
            values: Cow::Owned(values),
        }
    }

    fn value(&self, index: Option<usize>) -> Option<T> {
        index.and_then(|i| self.values.get(i).cloned())
    }
}

/// The two answers of a yes-or-no choice, in the order they are offered.
pub const YES_NO: &[bool] = &[true, false];

/// «ja» or «nei».
pub fn yes_no_label(yes: &bool) -> String {
    if *yes { "ja" } else { "nei" }.to_owned()
}

#[derive(Debug, Clone)]
pub enum Input {
    Text(TextInput),
    Choice(Choice),
    /// A date typed as text and checked as it is typed.
    Date(TextInput),
}

#[derive(Debug, Clone)]
pub struct Field {
    /// How the form's reader finds it; never shown. Mostly a constant
    /// beside the form; made when a form has a field per platform.
    pub key: Cow<'static, str>,
    pub label: String,
    pub hint: &'static str,
    pub input: Input,
    /// For fields in a list of rows: (group key, row number).
    pub row: Option<(&'static str, usize)>,
}

impl Field {
    pub fn single(key: &TextKey, label: &str, hint: &'static str, text: &str) -> Self {
        Self::new(
            key.0.clone(),
            label,
            hint,
            Input::Text(TextInput::single(text)),
        )
    }

    pub fn multi(key: &TextKey, label: &str, hint: &'static str, text: &str) -> Self {
        Self::new(
            key.0.clone(),
            label,
            hint,
            Input::Text(TextInput::multi(text)),
        )
    }

    /// A choice among the key's values, each shown by `show`, with
    /// `selected` chosen (none: «velg med ←/→»).
    pub fn choice<T: Clone + PartialEq + 'static>(
        key: &ChoiceKey<T>,
        label: &str,
        hint: &'static str,
        show: impl Fn(&T) -> String,
        selected: Option<&T>,
    ) -> Self {
        let index = selected.and_then(|s| key.values.iter().position(|v| v == s));
        let choice = Choice::new(key.values.iter().map(show), index);
        Self::new(key.name.clone(), label, hint, Input::Choice(choice))
    }

    pub fn date(key: &DateKey, label: &str, hint: &'static str, text: &str) -> Self {
        Self::new(
            key.0.clone(),
            label,
            hint,
            Input::Date(TextInput::single(text)),
        )
    }

    fn new(key: Cow<'static, str>, label: &str, hint: &'static str, input: Input) -> Self {
        Field {
            key,
            label: label.to_owned(),
            hint,
            input,
            row: None,
        }
    }

    fn is_multiline(&self) -> bool {
        matches!(&self.input, Input::Text(t) if t.is_multiline())
    }

    fn takes_text(&self) -> bool {
        matches!(self.input, Input::Text(_) | Input::Date(_))
    }

    fn text(&self) -> String {
        match &self.input {
            Input::Text(t) | Input::Date(t) => t.text(),
            Input::Choice(c) => c
                .selected
                .and_then(|i| c.options.get(i).cloned())
                .unwrap_or_default(),
        }
    }

    /// The index of the chosen option, for a choice.
    fn chosen(&self) -> Option<usize> {
        match &self.input {
            Input::Choice(c) => c.selected,
            _ => None,
        }
    }

    /// The inline problem with the value, for date fields.
    fn problem(&self) -> Option<String> {
        match &self.input {
            Input::Date(t) => date::parse_optional(&t.text()).err(),
            _ => None,
        }
    }
}

/// A list of rows: each row has the same columns (e.g. rolle + navn).
#[derive(Debug, Clone)]
pub struct RowGroup {
    pub key: &'static str,
    /// The row heading, numbered: «Deltaker» -> «Deltaker 2».
    pub label: &'static str,
    pub hint: &'static str,
    /// Makes the fields of one row, filled from `values` (empty for a new row).
    pub columns: fn(Option<&[String]>) -> Vec<Field>,
}

/// One row of a row group, for reading.
pub struct RowValues<'a> {
    fields: Vec<&'a Field>,
}

impl RowValues<'_> {
    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().copied().find(|f| f.key == key)
    }

    pub fn text(&self, key: &TextKey) -> String {
        self.field(&key.0).map(Field::text).unwrap_or_default()
    }

    /// A date in the row (none if left empty), or why it is no date.
    pub fn date(&self, key: &DateKey) -> Result<Option<date::Date>, String> {
        date::parse_optional(&self.field(&key.0).map(Field::text).unwrap_or_default())
    }

    pub fn choice<T: Clone + 'static>(&self, key: &ChoiceKey<T>) -> Option<T> {
        key.value(self.field(&key.name).and_then(Field::chosen))
    }

    /// Whether every text in the row is empty and nothing is chosen.
    pub fn is_empty(&self) -> bool {
        self.fields.iter().all(|f| match &f.input {
            Input::Choice(c) => c.selected.is_none(),
            _ => f.text().trim().is_empty(),
        })
    }
}

#[derive(Debug)]
pub struct Form {
    heading: String,
    fields: Vec<Field>,
    groups: Vec<RowGroup>,
    focus: usize,
    /// The first line shown when the form is taller than its popup.
    scroll: usize,
    pub error: Option<String>,
    spec: Box<dyn OnSubmit>,
    /// What the form held before its first edit, to tell whether closing
    /// it would lose anything.
    initial: Option<Vec<String>>,
    /// What the form is about, drawn above its fields: the question, the
    /// risk, the alternative and dimension, or what a choice rests on, so
    /// the form never hides what it is written for.
    about: Vec<String>,
}

impl Form {
    pub fn new(
        heading: impl Into<String>,
        fields: Vec<Field>,
        spec: impl OnSubmit + 'static,
    ) -> Self {
        Form {
            heading: format!(" {} ", heading.into()),
            fields,
            groups: Vec::new(),
            focus: 0,
            scroll: 0,
            error: None,
            spec: Box::new(spec),
            initial: None,
            about: Vec::new(),
        }
    }

    /// Lines that say what the form is about, shown above its fields.
    pub fn with_about(mut self, about: Vec<String>) -> Self {
        self.about = about;
        self
    }

    pub fn about(&self) -> &[String] {
        &self.about
    }

    /// Every field's value with its place, to compare.
    fn values(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| format!("{}\u{1f}{:?}\u{1f}{}", f.key, f.row, f.text()))
            .collect()
    }

    /// Keeps what the form held before the first edit.
    fn remember(&mut self) {
        if self.initial.is_none() {
            self.initial = Some(self.values());
        }
    }

    /// Whether anything was typed, picked, added or removed since it opened.
    pub fn is_changed(&self) -> bool {
        self.initial.as_ref().is_some_and(|v| *v != self.values())
    }

    /// What the form holds, as text a person can read and copy from, when
    /// it holds changes that were never saved: its heading, then each
    /// field that is not empty, its label and its text.
    pub fn draft_text(&self) -> Option<String> {
        if !self.is_changed() {
            return None;
        }
        let mut out = format!("{}\n", self.heading);
        for f in &self.fields {
            let text = f.text();
            if text.trim().is_empty() {
                continue;
            }
            let label = match f.row {
                Some((_, n)) => format!("{} {}", f.label, n + 1),
                None => f.label.clone(),
            };
            out.push_str(&format!("\n{label}:\n"));
            for line in text.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        Some(out)
    }

    /// Adds a list of rows after the fields so far, one row per entry in
    /// `rows` (and one empty row when there are none).
    pub fn with_rows(mut self, group: RowGroup, rows: Vec<Vec<String>>) -> Self {
        let rows = if rows.is_empty() {
            vec![Vec::new()]
        } else {
            rows
        };
        for (n, values) in rows.iter().enumerate() {
            let values = (!values.is_empty()).then_some(values.as_slice());
            self.fields.extend(row_fields(&group, n, values));
        }
        self.groups.push(group);
        self
    }

    /// Adds fields after those so far (e.g. a note after a list of rows).
    pub fn with_fields(mut self, fields: Vec<Field>) -> Self {
        self.fields.extend(fields);
        self
    }

    pub fn spec(&self) -> &dyn OnSubmit {
        self.spec.as_ref()
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key && f.row.is_none())
    }

    /// The text of a text field.
    pub fn text(&self, key: &TextKey) -> String {
        self.field(&key.0).map(Field::text).unwrap_or_default()
    }

    /// The value chosen, if any.
    pub fn choice<T: Clone + 'static>(&self, key: &ChoiceKey<T>) -> Option<T> {
        key.value(self.field(&key.name).and_then(Field::chosen))
    }

    /// A date field's value (none if left empty), or why it is no date.
    pub fn date(&self, key: &DateKey) -> Result<Option<date::Date>, String> {
        date::parse_optional(&self.field(&key.0).map(Field::text).unwrap_or_default())
    }

    /// The rows of a row group, in order, empty rows left out.
    pub fn rows(&self, group: &str) -> Vec<RowValues<'_>> {
        let mut out: Vec<RowValues> = Vec::new();
        let mut current = None;
        for f in &self.fields {
            match f.row {
                Some((g, n)) if g == group => {
                    if current != Some(n) {
                        current = Some(n);
                        out.push(RowValues { fields: Vec::new() });
                    }
                    if let Some(last) = out.last_mut() {
                        last.fields.push(f);
                    }
                }
                _ => {}
            }
        }
        out.retain(|r| !r.is_empty());
        out
    }

    /// The first inline problem (an impossible date ...), with the field's label.
    pub fn problem(&self) -> Option<String> {
        self.fields
            .iter()
            .find_map(|f| f.problem().map(|p| format!("{}: {p}", f.label)))
    }

    fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Whether the focused field takes plain keys as text.
    pub fn takes_text(&self) -> bool {
        self.focused().is_some_and(Field::takes_text)
    }

    /// Whether the focused field is a choice (picked with ←/→, not typed).
    pub fn choosing(&self) -> bool {
        self.focused()
            .is_some_and(|f| matches!(f.input, Input::Choice(_)))
    }

    /// Whether Enter in the focused field is text (a new line) rather than submit.
    pub fn enter_is_text(&self) -> bool {
        self.focused().is_some_and(Field::is_multiline)
    }

    pub fn available(&self, action: Action) -> bool {
        let in_group = self.focused().is_some_and(|f| f.row.is_some());
        match action {
            Action::AddRow | Action::RemoveRow => in_group,
            _ => true,
        }
    }

    /// Field moves and row edits; submitting and closing are the app's.
    pub fn update(&mut self, action: Action) {
        let count = self.fields.len().max(1);
        match action {
            Action::NextField => self.focus = (self.focus + 1) % count,
            Action::PrevField => self.focus = (self.focus + count - 1) % count,
            Action::AddRow => self.add_row(),
            Action::RemoveRow => self.remove_row(),
            _ => {}
        }
    }

    fn add_row(&mut self) {
        let Some((group_key, n)) = self.focused().and_then(|f| f.row) else {
            return;
        };
        let Some(group) = self.groups.iter().find(|g| g.key == group_key).cloned() else {
            return;
        };
        let end = self
            .fields
            .iter()
            .rposition(|f| f.row == Some((group_key, n)))
            .map_or(self.fields.len(), |i| i + 1);
        for f in &mut self.fields {
            if let Some((g, m)) = &mut f.row
                && *g == group_key
                && *m > n
            {
                *m += 1;
            }
        }
        let new = row_fields(&group, n + 1, None);
        self.fields.splice(end..end, new);
        self.focus = end;
    }

    fn remove_row(&mut self) {
        let Some((group_key, n)) = self.focused().and_then(|f| f.row) else {
            return;
        };
        let Some(group) = self.groups.iter().find(|g| g.key == group_key).cloned() else {
            return;
        };
        let start = self
            .fields
            .iter()
            .position(|f| f.row == Some((group_key, n)))
            .unwrap_or(self.focus);
        let rows = self
            .fields
            .iter()
            .filter_map(|f| f.row.filter(|(g, _)| *g == group_key).map(|(_, m)| m))
            .max()
            .map_or(0, |m| m + 1);
        self.fields.retain(|f| f.row != Some((group_key, n)));
        if rows <= 1 {
            // The last row is emptied rather than removed, so one can be filled in again.
            let fresh = row_fields(&group, 0, None);
            self.fields.splice(start..start, fresh);
        }
        for f in &mut self.fields {
            if let Some((g, m)) = &mut f.row
                && *g == group_key
                && *m > n
            {
                *m -= 1;
            }
        }
        // The focus goes to the row above (or the row that took this one's place).
        let previous = n.checked_sub(1).and_then(|m| {
            self.fields
                .iter()
                .position(|f| f.row == Some((group_key, m)))
        });
        self.focus = previous
            .unwrap_or(start)
            .min(self.fields.len().saturating_sub(1));
    }

    /// A key that is not bound in the form's context: text for a text
    /// field, ←/→ (or a first letter) for a choice.
    pub fn input(&mut self, key: KeyEvent) {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        self.error = None;
        match &mut f.input {
            Input::Text(t) | Input::Date(t) => {
                t.input(key);
            }
            Input::Choice(c) => match key.code {
                KeyCode::Right | KeyCode::Char(' ') => c.step(true),
                KeyCode::Left => c.step(false),
                KeyCode::Backspace | KeyCode::Delete => c.selected = None,
                KeyCode::Char(ch) => c.jump(ch),
                _ => {}
            },
        }
    }

    /// Pasted text goes into the focused text field, cleaned there.
    pub fn paste(&mut self, text: &str) {
        if let Some(Field {
            input: Input::Text(t) | Input::Date(t),
            ..
        }) = self.fields.get_mut(self.focus)
        {
            t.paste(text);
        }
    }

    /// Draws the form; key tokens in its hints and errors (`{form.submit}`)
    /// name the keys `keymap` binds.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, keymap: &Keymap) {
        let inner = popup(frame, area, (90, 90), &self.heading, theme);
        let inner = self.render_about(frame, inner, theme);
        let lines = self.lines();
        let label_width = cells::count(
            lines
                .iter()
                .map(|l| l.label.chars().count())
                .max()
                .unwrap_or(0),
        )
        .saturating_add(4);
        let multi: Vec<bool> = lines
            .iter()
            .map(|l| l.fields.iter().any(|&i| self.fields[i].is_multiline()))
            .collect();
        // A row of three or more fields (a measure) is a block of two lines.
        let heights: Vec<usize> = lines
            .iter()
            .zip(&multi)
            .map(|(l, &m)| match (m, is_block(l)) {
                (true, _) => 3,
                (false, true) => 2,
                (false, false) => 1,
            })
            .collect();
        let room = usize::from(inner.height.saturating_sub(3));
        let shown = self.shown(&lines, &heights, room);
        let fits = shown.len() == lines.len();
        let mut constraints: Vec<Constraint> = multi[shown.clone()]
            .iter()
            .zip(&heights[shown.clone()])
            .map(|(&m, &h)| match (m, fits) {
                (true, true) => Constraint::Min(3),
                (true, false) => Constraint::Length(3),
                (false, _) => Constraint::Length(cells::count(h)),
            })
            .collect();
        if !fits {
            constraints.push(Constraint::Fill(1));
        }
        constraints.push(Constraint::Length(3));
        let areas = Layout::vertical(constraints).split(inner);
        for (line, line_area) in lines[shown.clone()].iter().zip(areas.iter()) {
            self.render_line(frame, line, *line_area, label_width, theme);
        }
        if let Some(area) = areas.last() {
            let footer = self.footer(&shown, lines.len(), fits, theme, keymap);
            frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), *area);
        }
    }

    /// Draws what the form is about at the top of `inner`, wrapped, and
    /// returns the room left for the fields: it takes at most a third of
    /// the form, so the fields are never pushed out.
    fn render_about(&self, frame: &mut Frame, inner: Rect, theme: &Theme) -> Rect {
        if self.about.is_empty() || inner.width == 0 {
            return inner;
        }
        let width = usize::from(inner.width);
        let needed: usize = self
            .about
            .iter()
            .map(|l| textwrap::wrap(l, width).len().max(1))
            .sum();
        let height = cells::count(needed).min(inner.height / 3);
        if height == 0 {
            return inner;
        }
        let [about, _, rest] = inner.layout(&Layout::vertical([
            Constraint::Length(height),
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        let text: Vec<Line> = self
            .about
            .iter()
            .map(|l| Line::styled(l.clone(), theme.dim))
            .collect();
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), about);
        rest
    }

    /// The lines in view. When the form is taller than its popup, it
    /// scrolls so the focused field is always in view: nothing is typed
    /// where it cannot be seen.
    fn shown(&mut self, lines: &[FormLine], heights: &[usize], room: usize) -> Range<usize> {
        if heights.iter().sum::<usize>() <= room {
            self.scroll = 0;
            return 0..lines.len();
        }
        let focused = lines
            .iter()
            .position(|l| l.fields.contains(&self.focus))
            .unwrap_or(0);
        self.scroll = self.scroll.min(focused);
        while self.scroll < focused && heights[self.scroll..=focused].iter().sum::<usize>() > room {
            self.scroll += 1;
        }
        let mut end = self.scroll;
        let mut used = 0;
        while end < lines.len() && used + heights[end] <= room.max(1) {
            used += heights[end];
            end += 1;
        }
        self.scroll..end.max(self.scroll + 1).min(lines.len())
    }

    /// One screen line: its label, then its field, or a row's columns each
    /// tagged with its name.
    fn render_line(
        &mut self,
        frame: &mut Frame,
        line: &FormLine,
        area: Rect,
        label_width: u16,
        theme: &Theme,
    ) {
        let focused = line.fields.contains(&self.focus);
        let [label_area, rest] = area.layout(&Layout::horizontal([
            Constraint::Length(label_width),
            Constraint::Fill(1),
        ]));
        let marker = if focused { "› " } else { "  " };
        let style = if focused { theme.title } else { theme.label };
        frame.render_widget(
            Line::styled(format!("{marker}{}", line.label), style),
            label_area,
        );
        // A block (a measure: what, then owner, due date and status below
        // it): the first field has the whole first line, so its text reads.
        let (first_line, rest_line) = if is_block(line) && rest.height >= 2 {
            let [a, b] = rest.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
            ]));
            (Some(a), b)
        } else {
            (None, rest)
        };
        let fields: &[usize] = match first_line {
            Some(first) => {
                if let Some(&i) = line.fields.first() {
                    self.render_cell(frame, i, first, true, theme);
                }
                line.fields.get(1..).unwrap_or_default()
            }
            None => &line.fields,
        };
        let columns = Layout::horizontal(fields.iter().map(|_| Constraint::Fill(1)))
            .spacing(1)
            .split(rest_line);
        let tagged = line.fields.len() > 1;
        for (&i, column) in fields.iter().zip(columns.iter()) {
            self.render_cell(frame, i, *column, tagged, theme);
        }
    }

    /// One field of a line, with its label as a tag before it when the
    /// line holds several.
    fn render_cell(
        &mut self,
        frame: &mut Frame,
        i: usize,
        column: Rect,
        tagged: bool,
        theme: &Theme,
    ) {
        {
            let focus = self.focus;
            let Some(field) = self.fields.get_mut(i) else {
                return;
            };
            let mut cell = column;
            if tagged {
                let tag = format!("{}:", field.label);
                let width = cells::count(tag.chars().count())
                    .saturating_add(1)
                    .min(cell.width / 2);
                let [tag_area, input_area] = cell.layout(&Layout::horizontal([
                    Constraint::Length(width),
                    Constraint::Fill(1),
                ]));
                let tag_style = if i == focus { theme.title } else { theme.dim };
                frame.render_widget(Span::styled(tag, tag_style), tag_area);
                cell = input_area;
            }
            render_input(frame, cell, field, i == focus, theme);
        }
    }

    /// Below the fields: where in a long form the view is, the error or
    /// the focused field's problem, and its hint.
    fn footer(
        &self,
        shown: &Range<usize>,
        total: usize,
        fits: bool,
        theme: &Theme,
        keymap: &Keymap,
    ) -> Vec<Line<'static>> {
        let focused = self.fields.get(self.focus);
        let mut footer = Vec::new();
        if let Some(error) = &self.error {
            footer.push(Line::styled(
                format!("{}{}", theme.error_prefix, keymap.fill(error)),
                theme.error,
            ));
        } else if let Some(p) = focused.and_then(Field::problem) {
            footer.push(Line::styled(
                format!("{}{p}", theme.error_prefix),
                theme.error,
            ));
        }
        let hint = focused.map_or("", |f| {
            f.row
                .and_then(|(g, _)| self.groups.iter().find(|x| x.key == g))
                .map_or(f.hint, |g| if f.hint.is_empty() { g.hint } else { f.hint })
        });
        if !fits {
            footer.insert(
                0,
                Line::styled(
                    format!(
                        "Felt {}-{} av {total}: {} og {} blar.",
                        shown.start + 1,
                        shown.end,
                        keymap.fill("{form.next_field}"),
                        keymap.fill("{form.prev_field}"),
                    ),
                    theme.label,
                ),
            );
        }
        footer.push(Line::styled(keymap.fill(hint).into_owned(), theme.dim));
        footer
    }

    /// Fields on screen lines: a single field, or the columns of one row.
    fn lines(&self) -> Vec<FormLine> {
        let mut out: Vec<FormLine> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            match f.row {
                Some((g, n)) => {
                    let label = self
                        .groups
                        .iter()
                        .find(|x| x.key == g)
                        .map_or(String::new(), |x| format!("{} {}", x.label, n + 1));
                    match out.last_mut() {
                        Some(last) if last.row == Some((g, n)) => last.fields.push(i),
                        _ => out.push(FormLine {
                            label,
                            row: Some((g, n)),
                            fields: vec![i],
                        }),
                    }
                }
                None => out.push(FormLine {
                    label: f.label.clone(),
                    row: None,
                    fields: vec![i],
                }),
            }
        }
        out
    }
}

struct FormLine {
    label: String,
    row: Option<(&'static str, usize)>,
    fields: Vec<usize>,
}

fn row_fields(group: &RowGroup, n: usize, values: Option<&[String]>) -> Vec<Field> {
    (group.columns)(values)
        .into_iter()
        .map(|mut f| {
            f.row = Some((group.key, n));
            f
        })
        .collect()
}

fn render_input(frame: &mut Frame, area: Rect, field: &mut Field, focused: bool, theme: &Theme) {
    match &mut field.input {
        Input::Text(t) | Input::Date(t) => t.render(frame, area, focused, theme),
        Input::Choice(c) => {
            let text = match c.selected.and_then(|i| c.options.get(i)) {
                Some(o) => format!("‹ {o} ›"),
                None => "‹ velg med ←/→ ›".to_owned(),
            };
            let style = match (focused, c.selected.is_some()) {
                (true, _) => theme.selected,
                (false, true) => theme.base,
                (false, false) => theme.dim,
            };
            frame.render_widget(Span::styled(text, style), area);
        }
    }
}
impl Layer for Form {
    fn context(&self) -> Context {
        Context::Form
    }

    fn draft(&self) -> Option<String> {
        self.draft_text()
    }

    fn takes_text(&self) -> bool {
        Form::takes_text(self)
    }

    /// A form keeps every key until it is saved or closed.
    fn is_modal(&self) -> bool {
        true
    }

    fn available(&self, action: Action, _ctx: &Ctx) -> bool {
        Form::available(self, action)
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        if action != Action::Submit {
            self.remember();
            self.update(action);
            return None;
        }
        if let Some(problem) = self.problem() {
            self.error = Some(problem);
            return None;
        }
        match self.spec().submit(self, ctx) {
            // A question on top keeps the form open below it.
            Ok(effect @ Effect::Push(_)) => Some(effect),
            Ok(effect) => Some(Effect::Many(vec![Effect::Pop, effect])),
            Err(message) => {
                self.error = Some(message);
                None
            }
        }
    }

    fn input(&mut self, key: KeyEvent, _ctx: &Ctx) {
        self.remember();
        Form::input(self, key);
    }

    fn paste(&mut self, text: &str, _ctx: &Ctx) {
        self.remember();
        Form::paste(self, text);
    }

    /// A form with changes asks before they are thrown away: a long
    /// justification is never one key from gone.
    fn close(&mut self, ctx: &Ctx) -> Effect {
        if !self.is_changed() {
            return Effect::Pop;
        }
        Effect::push(crate::ui::overlay::Confirm {
            question: format!(
                "Forkaste endringene i «{}»? Det som er skrevet, går tapt ({} går tilbake til skjemaet).",
                self.heading.trim(),
                ctx.key(Context::Confirm, Action::Close)
            ),
            on_yes: Some(Box::new(Effect::Pop)),
        })
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        Form::render(self, frame, area, ctx.theme, ctx.keymap);
    }
}

/// A line of three or more fields (a measure row) is drawn as a block.
fn is_block(line: &FormLine) -> bool {
    line.fields.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::Decision;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[derive(Debug)]
    struct Nothing;

    impl OnSubmit for Nothing {
        fn submit(&self, _form: &Form, _ctx: &Ctx) -> Result<Effect, String> {
            Ok(Effect::Pop)
        }
    }

    /// A form reads back what its fields hold, typed by their keys: a
    /// choice gives its value, never an index; keys made per row or per
    /// platform are as many as are needed (once, 12 platforms were the limit).
    #[test]
    fn a_form_gives_back_typed_values_for_any_number_of_fields() {
        const NOTE: TextKey = TextKey::new("notat");
        const DUE: DateKey = DateKey::new("frist");
        let keys: Vec<ChoiceKey<Decision>> = (0..20)
            .map(|i| ChoiceKey::owned(format!("beslutning-{i}"), Decision::ALL.to_vec()))
            .collect();
        let mut fields = vec![
            Field::multi(&NOTE, "Notat", "", "tekst"),
            Field::date(&DUE, "Frist", "", "31.1.27"),
        ];
        fields.extend(
            keys.iter()
                .map(|k| Field::choice(k, "Beslutning", "", |d| d.label().to_owned(), None)),
        );
        let mut form = Form::new("Test", fields, Nothing);
        // The last platform's choice, two steps right.
        form.focus = 21;
        form.input(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        form.input(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(form.text(&NOTE), "tekst");
        assert_eq!(
            form.date(&DUE),
            Ok(jiff::civil::Date::new(2027, 1, 31).ok())
        );
        assert_eq!(form.choice(&keys[19]), Some(Decision::ALL[1]));
        assert_eq!(form.choice(&keys[0]), None);
    }
}
