//! What the public reads (issue 27), on Vurdering: `O` fills in the
//! målform and the details the public texts need beyond the assessment
//! (one `Change::Public`); `T`, once management has decided, previews the
//! page's privacy statement, its comment rules and the record of processing
//! as they will be written (`v` switches text, `p` platform), with what is
//! still to fill in, and `x` writes the one shown (`FileOp::ExportPublic`).

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::action::Action;
use crate::domain::change::Change;
use crate::domain::public::{Malform, PublicInfo};
use crate::keymap::Context;
use crate::outcome::public::PublicExport;
use crate::ui::form::{ChoiceKey, Field, Form, OnSubmit, TextKey};
use crate::ui::screen::{Ctx, Effect, FileOp, Layer};
use crate::ui::widgets::{Scroll, popup};

const MALFORM: ChoiceKey<Malform> = ChoiceKey::new("malform", Malform::ALL);
const CONTROLLER: TextKey = TextKey::new("kontakt");
const DPO: TextKey = TextKey::new("personvernombud");
const CATEGORIES: TextKey = TextKey::new("kategorier");
const RECIPIENTS: TextKey = TextKey::new("mottakere");
const CHANNEL: TextKey = TextKey::new("kanal");
const MODERATION: TextKey = TextKey::new("moderering");
const PATH: TextKey = TextKey::new("fil");

fn malform_label(m: &Malform) -> String {
    m.label().to_owned()
}

/// The form for the målform and the public texts' details.
pub fn public_form(ctx: &Ctx) -> Option<Form> {
    let p = &ctx.outcome?.public;
    Some(
        Form::new(
            "Til publikum: målform og opplysninger",
            vec![
                Field::choice(
                    &MALFORM,
                    "Målform",
                    "Kommunens målform (språklova): rapporten, tiltaksplanen og tekstene til publikum følger den; sitater og det dere har skrevet, står med egne ord.",
                    malform_label,
                    Some(&p.malform),
                ),
                Field::single(&CONTROLLER, "Kommunens kontakt", "Adresse, e-post og telefon.", &p.controller_contact),
                Field::single(&DPO, "Personvernombud", "Navn og e-post (art. 13 nr. 1 b).", &p.dpo_contact),
                Field::multi(&CATEGORIES, "Opplysninger", "Hvilke personopplysninger siden behandler.", &p.data_categories),
                Field::multi(&RECIPIENTS, "Andre mottakere", "Utover kommunen og plattformen, eller «ingen».", &p.recipients),
                Field::single(&CHANNEL, "Hvor en sak sendes", "E-post, skjema eller telefon i stedet for kommentarer og meldinger.", &p.case_channel),
                Field::single(&MODERATION, "Moderering", "Når kommentarer og meldinger leses, f.eks. «hverdager kl. 8–15».", &p.moderation),
            ],
            PublicSpec,
        )
        .with_about(vec![
            "Det som står tomt, blir «[fyll inn: …]» i tekstene til publikum.".to_owned(),
        ]),
    )
}

#[derive(Debug)]
struct PublicSpec;

impl OnSubmit for PublicSpec {
    fn submit(&self, form: &Form, _ctx: &Ctx) -> Result<Effect, String> {
        let text = |k: &TextKey| form.text(k).trim().to_owned();
        let public = PublicInfo {
            malform: form.choice(&MALFORM).unwrap_or_default(),
            controller_contact: text(&CONTROLLER),
            dpo_contact: text(&DPO),
            data_categories: text(&CATEGORIES),
            recipients: text(&RECIPIENTS),
            case_channel: text(&CHANNEL),
            moderation: text(&MODERATION),
        };
        Ok(Effect::edit(
            "målform og opplysninger til publikum",
            Change::Public(Box::new(public)),
        ))
    }
}

/// The preview of the public texts.
#[derive(Debug, Default)]
pub struct PublicPreview {
    which: usize,
    platform: usize,
    scroll: Scroll,
}

impl PublicPreview {
    fn what(&self) -> PublicExport {
        PublicExport::ALL[self.which % PublicExport::ALL.len()]
    }

    fn platform<'a>(&self, ctx: &'a Ctx) -> Option<&'a str> {
        let platforms = &ctx.outcome?.platforms;
        platforms
            .get(self.platform % platforms.len().max(1))
            .map(|p| p.as_str())
    }

    /// The text as it will be written (Markdown; the record of processing
    /// as its CSV), and its gaps.
    fn shown(&self, ctx: &Ctx) -> Result<(String, Vec<String>), String> {
        let outcome = ctx.outcome.ok_or("Ingen økt er åpen.")?;
        // The record of processing as a reader reads it: each field with
        // its value, a block per platform (the file is CSV or JSON).
        if self.what() == PublicExport::Protokoll {
            if outcome.platforms.is_empty() {
                return Err("økten lister ingen plattformer: legg dem til under Økter (e)".into());
            }
            let rows = crate::outcome::public::protocol(outcome, ctx.library, Some(ctx.now.today));
            let gaps =
                crate::outcome::public::protocol_gaps(&rows, ctx.library, outcome.public.malform);
            let text = rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            return Ok((text, gaps));
        }
        // A text as a reader reads it: its blocks as plain lines (the file
        // is Markdown, HTML or PDF).
        let PublicExport::Text(kind) = self.what() else {
            return Ok((String::new(), Vec::new()));
        };
        let platform = crate::outcome::public::choose_platform(outcome, self.platform(ctx))?;
        let t = crate::outcome::public::text(
            kind,
            outcome,
            ctx.library,
            &platform,
            Some(ctx.now.today),
        );
        Ok((plain(&t.report), t.gaps))
    }
}

/// A report's blocks as plain lines: headings underlined by a blank line,
/// lists with bullets, no markup.
fn plain(r: &crate::outcome::report::Report) -> String {
    use crate::outcome::report::Block;
    let mut out: Vec<String> = Vec::new();
    for block in &r.blocks {
        match block {
            Block::Title(t) => out.push(t.to_uppercase()),
            Block::Heading(_, t) => out.push(format!("\n{t}")),
            Block::Para(t) => out.push(t.clone()),
            Block::Lead(lead, t) => out.push(format!("{lead} {t}")),
            Block::Fields(fields) => {
                out.extend(fields.iter().map(|(l, v)| format!("{l}: {v}")));
            }
            Block::Bullets(items) => out.extend(items.iter().map(|i| format!("• {i}"))),
            Block::Table(t) => {
                out.push(t.header.join(" | "));
                out.extend(t.rows.iter().map(|r| r.join(" | ")));
            }
            Block::Matrix(m) => out.push(m.title.clone()),
            Block::Signatures(_) | Block::PageBreak => {}
        }
    }
    out.join("\n")
}

/// Where a public text goes by default: beside the outcome, named by what
/// it is and for which platform.
fn default_path(ctx: &Ctx, what: PublicExport, platform: Option<&str>) -> PathBuf {
    let base = ctx
        .open_file
        .map(|(p, _)| p.with_extension(""))
        .unwrap_or_else(|| ctx.outcomes_dir.unwrap_or(Path::new(".")).join("okt"));
    let stem = base.to_string_lossy().into_owned();
    let ending = what.endings()[0];
    match (what, platform) {
        (PublicExport::Text(_), Some(p)) => PathBuf::from(format!(
            "{stem}-{}-{}.{ending}",
            what.label().replace('æ', "ae"),
            crate::outcome::slug::slug(p)
        )),
        _ => PathBuf::from(format!("{stem}-{}.{ending}", what.label())),
    }
}

#[derive(Debug)]
struct WriteSpec {
    what: PublicExport,
    platform: Option<String>,
}

impl OnSubmit for WriteSpec {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let text = form.text(&PATH).trim().to_owned();
        if text.is_empty() {
            return Err("Skriv hvor teksten skal lagres.".into());
        }
        let path = crate::ui::export::typed_path(ctx, &text);
        let ending = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !self.what.endings().contains(&ending.as_str()) {
            return Err(format!(
                "Filen må slutte på {}.",
                self.what
                    .endings()
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let write = Effect::File(FileOp::ExportPublic {
            what: self.what,
            platform: self.platform.clone(),
            path: path.clone(),
        });
        crate::ui::export::write_or_ask(&path, write)
    }
}

impl Layer for PublicPreview {
    fn context(&self) -> Context {
        Context::Public
    }

    fn available(&self, action: Action, ctx: &Ctx) -> bool {
        match action {
            Action::NextPlatform => {
                self.what() != PublicExport::Protokoll
                    && ctx.outcome.is_some_and(|o| o.platforms.len() > 1)
            }
            // What `shown` would refuse: no platform to write for.
            Action::Export => ctx.outcome.is_some_and(|o| match self.what() {
                PublicExport::Protokoll => !o.platforms.is_empty(),
                PublicExport::Text(_) => {
                    crate::outcome::public::choose_platform(o, self.platform(ctx)).is_ok()
                }
            }),
            _ => true,
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        if self.scroll.apply(action) {
            return None;
        }
        match action {
            Action::NextView => {
                self.which = (self.which + 1) % PublicExport::ALL.len();
                self.scroll = Scroll::default();
                None
            }
            Action::NextPlatform => {
                self.platform += 1;
                self.scroll = Scroll::default();
                None
            }
            Action::Export => {
                let what = self.what();
                let platform = match what {
                    PublicExport::Protokoll => None,
                    PublicExport::Text(_) => Some(self.platform(ctx)?.to_owned()),
                };
                let path = default_path(ctx, what, platform.as_deref());
                let endings = what
                    .endings()
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                Some(Effect::push(
                    Form::new(
                        "Skriv teksten",
                        vec![Field::single(
                            &PATH,
                            "Fil",
                            "Filendelsen bestemmer formen.",
                            &path.to_string_lossy(),
                        )],
                        WriteSpec { what, platform },
                    )
                    .with_about(vec![format!("{} som {endings}", what.label())]),
                ))
            }
            _ => None,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let what = self.what();
        let on = match (what, self.platform(ctx)) {
            (PublicExport::Text(_), Some(p)) => format!(" for {p}"),
            _ => String::new(),
        };
        let malform = ctx.outcome.map_or(Malform::Bokmal, |o| o.public.malform);
        let title = format!("Til publikum: {}{on} ({})", what.label(), malform.label());
        let inner = popup(frame, area, (92, 92), &title, theme);
        let (body, head) = match self.shown(ctx) {
            Ok((text, gaps)) => {
                let head = if gaps.is_empty() {
                    Line::styled("Ingenting mangler: teksten kan publiseres.", theme.title)
                } else {
                    Line::styled(
                        format!(
                            "{} ting å fylle inn eller vurdere før publisering ({} fyller inn opplysningene på Vurdering).",
                            gaps.len(),
                            ctx.key(Context::Checklist, Action::EditPublic)
                        ),
                        theme.error,
                    )
                };
                (text, head)
            }
            Err(e) => (String::new(), Line::styled(e, theme.error)),
        };
        let hint = Line::styled(
            format!(
                "{} neste tekst, {} neste plattform, {} skriv til fil (.html, .md, .pdf; protokollen .csv, .json)",
                ctx.key(Context::Public, Action::NextView),
                ctx.key(Context::Public, Action::NextPlatform),
                ctx.key(Context::Public, Action::Export),
            ),
            theme.dim,
        );
        // As many rows as the two lines take when wrapped at this width.
        let head = Paragraph::new(vec![head, hint]).wrap(Wrap { trim: true });
        let head_height = u16::try_from(head.line_count(inner.width)).unwrap_or(4);
        let [head_area, text_area] = inner.layout(&Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Fill(1),
        ]));
        frame.render_widget(head, head_area);
        // Wrapped here, so the scroll knows how many rows there are.
        let width = usize::from(text_area.width.max(10));
        let lines: Vec<Line> = body
            .lines()
            .flat_map(|l| {
                if l.is_empty() {
                    vec![Line::default()]
                } else {
                    textwrap::wrap(l, width)
                        .into_iter()
                        .map(|w| Line::raw(w.into_owned()))
                        .collect()
                }
            })
            .collect();
        self.scroll.clamp(lines.len(), text_area.height);
        frame.render_widget(
            Paragraph::new(lines).scroll((self.scroll.offset, 0)),
            text_area,
        );
    }
}
