//! Retningslinjer: documents -> sections -> items as a tree on the left, the
//! selected node in full on the right.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::action::Action;
use crate::content::{ItemView, Library};
use crate::domain::ItemRef;
use crate::keymap::Context;
use crate::ui::screen::{Ctx, Effect, Screen, Selection, Spot, Unavailable, require};
use crate::ui::theme::Theme;

/// A node of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    Document(usize),
    Section(usize, usize),
    Item(ItemRef),
}

impl Node {
    fn parent(self) -> Option<Node> {
        match self {
            Node::Document(_) => None,
            Node::Section(d, _) => Some(Node::Document(d)),
            Node::Item(r) => Some(Node::Section(r.document, r.section)),
        }
    }

    fn depth(self) -> usize {
        match self {
            Node::Document(_) => 0,
            Node::Section(..) => 1,
            Node::Item(_) => 2,
        }
    }
}

#[derive(Debug, Clone)]
pub struct GuidelinesScreen {
    selected: Node,
    expanded: BTreeSet<Node>,
    list: ListState,
    /// Rows in the tree's viewport at the last render, for page moves.
    page: usize,
}

impl Default for GuidelinesScreen {
    fn default() -> Self {
        GuidelinesScreen {
            selected: Node::Document(0),
            expanded: BTreeSet::new(),
            list: ListState::default(),
            page: 10,
        }
    }
}

impl GuidelinesScreen {
    pub fn selected(&self) -> Node {
        self.selected
    }

    /// The visible rows, in order: expanded nodes show their children.
    pub fn rows(&self, library: &Library) -> Vec<Node> {
        let mut rows = Vec::new();
        for (d, document) in library.documents.iter().enumerate() {
            let node = Node::Document(d);
            rows.push(node);
            if !self.expanded.contains(&node) {
                continue;
            }
            for (s, section) in document.sections.iter().enumerate() {
                let node = Node::Section(d, s);
                rows.push(node);
                if self.expanded.contains(&node) {
                    rows.extend((0..section.items.len()).map(|item| {
                        Node::Item(ItemRef {
                            document: d,
                            section: s,
                            item,
                        })
                    }));
                }
            }
        }
        rows
    }

    /// Shows an item: expands its document and section and selects it.
    pub fn reveal(&mut self, at: ItemRef) {
        self.expanded.insert(Node::Document(at.document));
        self.expanded.insert(Node::Section(at.document, at.section));
        self.selected = Node::Item(at);
    }

    pub fn update(&mut self, action: Action, library: &Library) {
        let rows = self.rows(library);
        if rows.is_empty() {
            return;
        }
        let current = rows.iter().position(|n| *n == self.selected).unwrap_or(0);
        let last = rows.len() - 1;
        let go = |i: usize| rows[i.min(last)];
        match action {
            Action::Up => self.selected = go(current.saturating_sub(1)),
            Action::Down => self.selected = go(current + 1),
            Action::PageUp => self.selected = go(current.saturating_sub(self.page.max(1))),
            Action::PageDown => self.selected = go(current + self.page.max(1)),
            Action::First => self.selected = go(0),
            Action::Last => self.selected = go(last),
            Action::Open => {
                let node = self.selected;
                if matches!(node, Node::Item(_)) {
                    return;
                }
                if self.expanded.insert(node) {
                    return;
                }
                if let Some(child) = self.rows(library).get(current + 1)
                    && child.parent() == Some(node)
                {
                    self.selected = *child;
                }
            }
            Action::Collapse => {
                let node = self.selected;
                if !matches!(node, Node::Item(_)) && self.expanded.remove(&node) {
                    return;
                }
                if let Some(parent) = node.parent() {
                    self.selected = parent;
                }
            }
            _ => {}
        }
    }

    pub fn draw(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        library: &Library,
        theme: &Theme,
        open_key: &str,
    ) {
        let [tree_area, detail_area] = area.layout(&Layout::horizontal([
            Constraint::Percentage(45),
            Constraint::Percentage(55),
        ]));
        let rows = self.rows(library);
        let selected = rows.iter().position(|n| *n == self.selected);
        let items: Vec<ListItem> = rows
            .iter()
            .map(|node| ListItem::new(self.row_line(*node, library, theme)))
            .collect();
        let block = Block::bordered()
            .title(Line::styled(" Dokumenter ", theme.title))
            .border_style(theme.border_focus);
        self.page = block.inner(tree_area).height as usize;
        self.list.select(selected);
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected)
            .highlight_symbol("›");
        frame.render_stateful_widget(list, tree_area, &mut self.list);

        let detail = Paragraph::new(self.detail(library, theme, open_key))
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .title(Line::styled(" Innhold ", theme.title))
                    .border_style(theme.border),
            );
        frame.render_widget(detail, detail_area);
    }

    fn row_line<'a>(&self, node: Node, library: &'a Library, theme: &Theme) -> Line<'a> {
        let indent = "  ".repeat(node.depth());
        let marker = if matches!(node, Node::Item(_)) {
            "  "
        } else if self.expanded.contains(&node) {
            "▾ "
        } else {
            "▸ "
        };
        match node {
            Node::Document(d) => {
                let doc = &library.documents[d];
                Line::from(vec![
                    Span::raw(format!("{indent}{marker}")),
                    Span::styled(doc.short_name(), theme.document),
                    Span::styled(
                        format!(" · {} ({})", doc.kind.label(), doc.item_count()),
                        theme.dim,
                    ),
                ])
            }
            Node::Section(d, s) => {
                let section = &library.documents[d].sections[s];
                Line::from(vec![
                    Span::raw(format!("{indent}{marker}")),
                    Span::styled(section.title.as_str(), theme.section),
                ])
            }
            Node::Item(r) => match library.view(r) {
                Some(v) => Line::from(vec![
                    Span::raw(format!("{indent}{marker}")),
                    Span::styled(format!("{:>3} ", v.item.id), theme.dim),
                    Span::raw(&*v.item.text),
                ]),
                None => Line::default(),
            },
        }
    }

    fn detail<'a>(&self, library: &'a Library, theme: &Theme, open_key: &str) -> Text<'a> {
        let field = |label: &'static str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label:<11}"), theme.label),
                Span::raw(value),
            ])
        };
        match self.selected {
            Node::Item(r) => library
                .view(r)
                .map(|v| item_detail(&v, theme))
                .unwrap_or_default(),
            Node::Section(d, s) => {
                let document = &library.documents[d];
                let section = &document.sections[s];
                Text::from(vec![
                    Line::styled(format!("{}.{}", document.id, section.id), theme.dim),
                    Line::styled(section.title.as_str(), theme.title),
                    Line::default(),
                    field("Dokument", document.title.clone()),
                    field("Punkter", section.items.len().to_string()),
                    Line::default(),
                    Line::styled(
                        format!("{open_key} viser punktene i denne delen."),
                        theme.dim,
                    ),
                ])
            }
            Node::Document(d) => {
                let Some(document) = library.documents.get(d) else {
                    return Text::from(Line::styled("Ingen dokumenter er lastet.", theme.dim));
                };
                let mut lines = vec![
                    Line::styled(document.id.as_str(), theme.dim),
                    Line::styled(document.title.as_str(), theme.title),
                    Line::default(),
                ];
                lines.extend(
                    document
                        .fields()
                        .into_iter()
                        .map(|(label, value)| field(label, value)),
                );
                lines.push(field("Type", document.kind.label().to_owned()));
                lines.push(field("Kilde", document.citation()));
                lines.push(field("Fil", document.transcription()));
                lines.push(field(
                    "Innhold",
                    format!(
                        "{} deler, {} punkter",
                        document.sections.len(),
                        document.item_count()
                    ),
                ));
                if !document.summary.is_empty() {
                    lines.push(Line::default());
                    lines.push(Line::raw(document.summary.as_str()));
                }
                Text::from(lines)
            }
        }
    }
}

/// One guideline item in full: its text, where it stands and its source.
/// The tree's detail pane and the item overlay show the same.
pub fn item_detail<'a>(v: &ItemView<'a>, theme: &Theme) -> Text<'a> {
    let field = |label: &'static str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<11}"), theme.label),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        Line::styled(v.full_id(), theme.dim),
        Line::styled(&*v.item.text, theme.title),
        Line::default(),
    ];
    // The full reference (document, issuer, date, decision, part, place,
    // page), then somevett's note apart, then the rest.
    lines.push(field("Kilde", v.cite()));
    lines.extend(note_lines(v.item, theme));
    lines.push(Line::default());
    if !v.item.tags.is_empty() {
        let mut tags = vec![Span::styled(format!("{:<11}", "Emner"), theme.label)];
        for (i, tag) in v.item.tags.iter().enumerate() {
            if i > 0 {
                tags.push(Span::raw(" "));
            }
            tags.push(Span::styled(format!("#{tag}"), theme.tag));
        }
        lines.push(Line::from(tags));
    }
    lines.push(field("Fil", v.document.transcription()));
    Text::from(lines)
}

impl Screen for GuidelinesScreen {
    fn title(&self) -> &'static str {
        "Retningslinjer"
    }

    fn short_title(&self) -> &'static str {
        "Retningsl."
    }

    fn context(&self) -> Context {
        Context::Guidelines
    }

    /// `Close` goes back to the screen «vis i retningslinjer» came from.
    fn check(&self, action: Action, ctx: &Ctx) -> Result<(), Unavailable> {
        require(
            action != Action::Close || ctx.can_go_back,
            Unavailable::quietly,
        )
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        if action == Action::Close {
            return ctx.can_go_back.then_some(Effect::Back);
        }
        self.update(action, ctx.library);
        None
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let open_key = ctx.key(Context::Guidelines, Action::Open);
        self.draw(frame, area, ctx.library, ctx.theme, &open_key);
    }

    fn select(&mut self, selection: &Selection, _ctx: &Ctx) {
        if let Selection::Item(at) = selection {
            self.reveal(*at);
        }
    }

    fn spot(&self, ctx: &Ctx) -> Spot {
        let at = match self.selected {
            Node::Item(at) => ctx.library.view(at).map(|v| v.full_id()),
            _ => None,
        };
        Spot { platform: None, at }
    }

    fn go_to(&mut self, spot: &Spot, ctx: &Ctx) {
        if let Some(view) = spot.at.as_deref().and_then(|id| ctx.library.find(id)) {
            self.reveal(view.at);
        }
    }
}

/// An item's note, under its own heading and apart from the source's text;
/// nothing when it has none.
pub fn note_lines<'a>(item: &'a crate::domain::Item, theme: &Theme) -> Vec<Line<'a>> {
    match &item.note {
        Some(note) => vec![
            Line::default(),
            Line::styled(crate::domain::guideline::NOTE_HEADING, theme.label),
            Line::styled(&**note, theme.dim),
        ],
        None => Vec::new(),
    }
}
