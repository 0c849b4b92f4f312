//! The report's logical structure for the PDF: what each piece drawn on a
//! page is (a heading, a paragraph, a list item, a table's header or data
//! cell, a figure with its text alternative), in reading order, so a screen
//! reader reads the report as a document (PDF/UA-1, PDF/A-2a). The layout
//! opens and closes elements as it places blocks and marks what it draws
//! with a leaf; the PDF writer turns the leaves into marked content and
//! this tree into krilla's tag tree.

use std::collections::HashMap;
use std::num::NonZeroU16;

use crate::report::HeadingLevels;
use krilla::tagging::{Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagTree};

/// What an element is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A heading of level 1-6, with its text as its title.
    Heading(u16, String),
    Para,
    List,
    Item,
    /// A list item's mark («•»).
    Label,
    /// A list item's text.
    Body,
    Table,
    Row,
    /// A header cell: of its column (`true`) or of its row.
    Header(bool),
    Cell,
    /// A drawing, with the text that says what it shows.
    Figure(String),
}

#[derive(Debug, Clone)]
enum Child {
    Elem(usize),
    Leaf(usize),
}

#[derive(Debug, Clone)]
struct Elem {
    kind: Option<Kind>,
    children: Vec<Child>,
}

/// The elements opened so far, the path to the one open now, and the
/// leaves under them.
#[derive(Debug, Clone)]
pub struct Tree {
    elems: Vec<Elem>,
    open: Vec<usize>,
    leaves: usize,
    /// The headings' levels, so none is skipped.
    headings: HeadingLevels,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            elems: vec![Elem {
                kind: None,
                children: Vec::new(),
            }],
            open: vec![0],
            leaves: 0,
            headings: HeadingLevels::default(),
        }
    }
}

impl Tree {
    /// The level a heading asked for at `level` gets (`HeadingLevels`).
    pub fn next_heading(&self, level: u16) -> u16 {
        self.headings.peek(level)
    }

    /// Opens an element inside the one open now; a heading's level is kept
    /// to one below the last heading at most.
    pub fn open(&mut self, kind: Kind) {
        let kind = match kind {
            Kind::Heading(asked, title) => Kind::Heading(self.headings.next(asked), title),
            other => other,
        };
        let id = self.elems.len();
        self.elems.push(Elem {
            kind: Some(kind),
            children: Vec::new(),
        });
        self.push_child(Child::Elem(id));
        self.open.push(id);
    }

    /// Closes the element opened last (never the root).
    pub fn close(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// A new leaf in the element open now: what is drawn while it is the
    /// layout's current leaf belongs there.
    pub fn leaf(&mut self) -> usize {
        let id = self.leaves;
        self.leaves += 1;
        self.push_child(Child::Leaf(id));
        id
    }

    fn push_child(&mut self, child: Child) {
        let top = self.open.last().copied().unwrap_or(0);
        if let Some(e) = self.elems.get_mut(top) {
            e.children.push(child);
        }
    }

    /// krilla's tag tree, each leaf given the marked content drawn for it
    /// (one identifier per page it reaches); a leaf nothing was drawn for
    /// is left out, and so is an element left empty.
    pub fn into_tag_tree(self, drawn: &mut HashMap<usize, Vec<Identifier>>) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some("nb".to_owned()));
        for node in self.nodes(0, drawn) {
            tree.push(node);
        }
        tree
    }

    fn nodes(&self, elem: usize, drawn: &mut HashMap<usize, Vec<Identifier>>) -> Vec<Node> {
        let Some(e) = self.elems.get(elem) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for child in &e.children {
            match child {
                Child::Leaf(leaf) => {
                    out.extend(
                        drawn
                            .remove(leaf)
                            .unwrap_or_default()
                            .into_iter()
                            .map(Node::Leaf),
                    );
                }
                Child::Elem(id) => {
                    let children = self.nodes(*id, drawn);
                    let kind = self.elems.get(*id).and_then(|e| e.kind.clone());
                    if let (false, Some(kind)) = (children.is_empty(), kind) {
                        out.push(Node::Group(TagGroup::with_children(tag(kind), children)));
                    }
                }
            }
        }
        out
    }
}

fn tag(kind: Kind) -> krilla::tagging::TagKind {
    match kind {
        Kind::Heading(level, title) => {
            let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
            Tag::Hn(level, Some(title)).into()
        }
        Kind::Para => Tag::P.into(),
        Kind::List => Tag::L(ListNumbering::Disc).into(),
        Kind::Item => Tag::LI.into(),
        Kind::Label => Tag::Lbl.into(),
        Kind::Body => Tag::LBody.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Row => Tag::TR.into(),
        Kind::Header(column) => Tag::TH(if column {
            TableHeaderScope::Column
        } else {
            TableHeaderScope::Row
        })
        .into(),
        Kind::Cell => Tag::TD.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt)).into(),
    }
}
