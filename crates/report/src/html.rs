//! A report as one HTML page: the language in `lang`, the title as the one
//! `h1`, headings that never skip a level (`HeadingLevels`, as the Markdown
//! and the PDF), lists, tables with header cells, and every text escaped.
//! For the public texts, which a municipality pastes into its web pages.

use crate::report::{Block, HeadingLevels, Report};

/// Text as HTML: `&`, `<`, `>`, `"` and `'` escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report as a whole HTML document.
pub fn render(r: &Report) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n",
        escape(&r.lang),
        escape(&r.title)
    );
    let mut levels = HeadingLevels::default();
    let mut titled = false;
    for block in &r.blocks {
        match block {
            Block::Title(t) if !titled => {
                titled = true;
                levels.next(1);
                out.push_str(&format!("<h1>{}</h1>\n", escape(t)));
            }
            // One h1 only: a second title is a heading below it.
            Block::Title(t) => {
                let level = levels.next(2).clamp(2, 6);
                out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(t)));
            }
            Block::Heading(level, t) => {
                let level = levels.next(u16::from(*level) + 1).clamp(2, 6);
                out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(t)));
            }
            Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", escape(t))),
            Block::Lead(lead, t) => out.push_str(&format!(
                "<p><strong>{}</strong> {}</p>\n",
                escape(lead),
                escape(t)
            )),
            Block::Fields(fields) => {
                out.push_str("<dl>\n");
                for (label, value) in fields {
                    out.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>\n",
                        escape(label),
                        escape(value)
                    ));
                }
                out.push_str("</dl>\n");
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", escape(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => {
                out.push_str("<table>\n<thead><tr>");
                for h in &t.header {
                    out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    out.push_str("<tr>");
                    for c in row {
                        out.push_str(&format!("<td>{}</td>", escape(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Matrix(m) => out.push_str(&format!("<p>{}</p>\n", escape(&m.title))),
            Block::Signatures(labels) => {
                for label in labels {
                    out.push_str(&format!(
                        "<p>{}: ______________________</p>\n",
                        escape(label)
                    ));
                }
            }
            Block::PageBreak => {}
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_there_is_one_h1() {
        let r = Report {
            title: "A & B".into(),
            header: String::new(),
            author: String::new(),
            subject: String::new(),
            keywords: Vec::new(),
            updated: jiff::Timestamp::UNIX_EPOCH,
            date: None,
            lang: "nn".into(),
            blocks: vec![
                Block::Title("<script>".into()),
                Block::Heading(2, "Del".into()),
                Block::Title("Andre".into()),
            ],
            untranslated: Vec::new(),
        };
        let html = render(&r);
        assert!(html.contains("<html lang=\"nn\">"));
        assert!(html.contains("<h1>&lt;script&gt;</h1>"));
        assert_eq!(html.matches("<h1>").count(), 1);
    }
}
