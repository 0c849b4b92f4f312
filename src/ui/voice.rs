//! Min stemme (issue 24): one participant scores the risks on their own, on
//! their own laptop: S and K before and after measures, how strong their
//! knowledge is (after DSB), a one-line reason and measures they propose.
//! Nothing of the others shows here. Every change is saved at once as the
//! voice's own file beside the outcome (`FileOp::SaveVoice`; the app writes
//! it and keeps it in memory if it cannot); `i` hands the round in.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::action::Action;
use crate::domain::Outcome;
use crate::domain::checklist::Status;
use crate::domain::risk::{Score, ScoreField, Side};
use crate::domain::voices::{self, Knowledge, ScoreKey, Voice, VoiceScore};
use crate::keymap::Context;
use crate::ui::form::{Field, Form, OnSubmit, TextKey};
use crate::ui::picker::{OnPick, PickItem, Picker};
use crate::ui::screen::{Ctx, Effect, FileOp, Layer};
use crate::ui::widgets::{ListCursor, popup};

const REASON: TextKey = TextKey::new("begrunnelse");
const MEASURES: TextKey = TextKey::new("tiltak");

/// The risk table's ids in order, with their titles, for `outcome`.
pub fn risk_list(ctx: &Ctx, outcome: &Outcome) -> Vec<(String, String)> {
    ctx.library
        .risks
        .assessable(&outcome.risk)
        .into_iter()
        .map(|r| (r.id.as_str().to_owned(), r.title.to_owned()))
        .collect()
}

/// The keys a voice scores in `round`, with each risk's title.
pub fn rows(ctx: &Ctx, outcome: &Outcome, round: u32) -> Vec<(ScoreKey, String)> {
    let list = risk_list(ctx, outcome);
    let ids: Vec<&str> = list.iter().map(|(id, _)| id.as_str()).collect();
    let title = |id: &str| {
        list.iter()
            .find(|(i, _)| i == id)
            .map_or_else(|| id.to_owned(), |(_, t)| t.clone())
    };
    voices::keys(outcome, &ids)
        .into_iter()
        .filter(|k| outcome.voting.round(round).is_none_or(|r| r.covers(k)))
        .map(|k| {
            let t = title(&k.risk);
            (k, t)
        })
        .collect()
}

/// The voice of `name` as the app holds it, or a new one.
pub fn own_voice(ctx: &Ctx, name: &str) -> Option<Voice> {
    let outcome = ctx.outcome?;
    let who = voices::who(name);
    Some(
        ctx.voices
            .voices
            .iter()
            .find(|v| v.who() == who && v.outcome == outcome.id)
            .cloned()
            .unwrap_or_else(|| Voice::new(&outcome.id, name, ctx.now.stamp)),
    )
}

/// What the key for Min stemme does: scores as the voice the app knows
/// (`--as`), or asks who among the participants is scoring.
pub fn start(ctx: &Ctx) -> Option<Effect> {
    let outcome = ctx.outcome?;
    if let Some(me) = ctx.me {
        return Some(Effect::File(FileOp::StartVoice(me.to_owned())));
    }
    let items: Vec<PickItem> = outcome
        .participants
        .iter()
        .filter(|p| !p.name.trim().is_empty())
        .map(|p| PickItem {
            id: p.name.clone(),
            text: p.name.clone(),
            from: p.role.label().to_owned(),
            chosen: false,
        })
        .collect();
    if items.is_empty() {
        return Some(Effect::Error(
            "Økten har ingen deltakere med navn: legg dem til under Økter ({sessions.edit}), eller start med somevett --as «navn».".into(),
        ));
    }
    Some(Effect::push(Picker::new(
        PickName,
        "Hvem skårer? Ingen ser tallene før de vises".to_owned(),
        items,
    )))
}

#[derive(Debug)]
struct PickName;

impl OnPick for PickName {
    fn pick(&self, _index: usize, item: &PickItem) -> Option<Effect> {
        Some(Effect::Many(vec![
            Effect::Pop,
            Effect::File(FileOp::StartVoice(item.id.clone())),
        ]))
    }
}

/// KS's assessment items a voice may answer: each key with its group and
/// its question.
pub fn items(ctx: &Ctx) -> Vec<(String, String, String)> {
    ctx.library
        .assessment
        .groups()
        .iter()
        .flat_map(|g| {
            g.questions
                .iter()
                .map(|(q, key)| (key.clone(), g.title.to_owned(), q.text.clone()))
        })
        .collect()
}

/// What Min stemme shows: the risks to score, or KS's items to answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum View {
    #[default]
    Risks,
    Items,
}

#[derive(Debug)]
pub struct VoiceLayer {
    name: String,
    view: View,
    cursor: ListCursor,
    item_cursor: ListCursor,
    field: ScoreField,
    table: TableState,
}

impl VoiceLayer {
    pub fn new(name: &str) -> Self {
        VoiceLayer {
            name: name.trim().to_owned(),
            view: View::default(),
            cursor: ListCursor::default(),
            item_cursor: ListCursor::default(),
            field: ScoreField::default(),
            table: TableState::default(),
        }
    }

    /// Answers the selected item and saves the voice.
    fn answer(&self, ctx: &Ctx, status: Status) -> Option<Effect> {
        let outcome = ctx.outcome?;
        let round = outcome.voting.current();
        let (item, _, _) = items(ctx).into_iter().nth(self.item_cursor.selected)?;
        let mut voice = own_voice(ctx, &self.name)?;
        voice.set_answer(round, &item, status);
        voice.updated = ctx.now.stamp;
        Some(Effect::File(FileOp::SaveVoice(Box::new(voice))))
    }

    fn render_items(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx, round: u32) {
        let theme = ctx.theme;
        let voice = own_voice(ctx, &self.name);
        let items = items(ctx);
        // The selected question in full below the list: the list cuts it.
        let [list_area, full_area] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(3),
        ]));
        self.item_cursor.clamp(items.len());
        self.item_cursor.page = list_area.height.saturating_sub(1).max(1) as usize;
        self.table.select(Some(self.item_cursor.selected));
        // A narrow terminal leaves the part out: the question needs the room.
        let with_group = area.width >= 100;
        let rows: Vec<Row> = items
            .iter()
            .map(|(key, group, text)| {
                let answer = voice
                    .as_ref()
                    .and_then(|v| v.answer(key, round))
                    .map_or("", Status::label);
                let mut cells = vec![Cell::from(answer)];
                if with_group {
                    cells.push(Cell::from(Span::styled(group.clone(), theme.dim)));
                }
                cells.push(Cell::from(text.clone()));
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![Constraint::Length(13)];
        let mut header = vec!["Ditt svar"];
        if with_group {
            widths.push(Constraint::Length(24));
            header.push("Del");
        }
        widths.push(Constraint::Fill(1));
        header.push("Punkt");
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.label))
            .row_highlight_style(theme.selected)
            .column_spacing(1);
        frame.render_stateful_widget(table, list_area, &mut self.table);
        if let Some((_, group, text)) = items.get(self.item_cursor.selected) {
            frame.render_widget(
                Paragraph::new(vec![Line::from(vec![
                    Span::styled(format!("{group}: "), theme.title),
                    Span::raw(text.clone()),
                ])])
                .wrap(Wrap { trim: true }),
                full_area,
            );
        }
    }

    /// The voice, the round it scores in, and the selected key.
    fn current(&self, ctx: &Ctx) -> Option<(Voice, u32, ScoreKey, String)> {
        let outcome = ctx.outcome?;
        let round = outcome.voting.current();
        let (key, title) = rows(ctx, outcome, round)
            .into_iter()
            .nth(self.cursor.selected)?;
        Some((own_voice(ctx, &self.name)?, round, key, title))
    }

    /// Changes the selected key's score in the voice and saves it.
    fn change(&self, ctx: &Ctx, f: impl FnOnce(&mut VoiceScore)) -> Option<Effect> {
        let (mut voice, round, key, title) = self.current(ctx)?;
        let earlier = voice.latest(&key, round).cloned();
        let r = voice.round_mut(round);
        let i = match r.scores.iter().position(|s| s.key == key) {
            Some(i) => i,
            None => {
                // A key rescored in a later round starts from the voice's
                // earlier score of it.
                let start = earlier.unwrap_or_default();
                r.scores.push(VoiceScore { key, ..start });
                r.scores.len() - 1
            }
        };
        r.scores[i].title = title;
        f(&mut r.scores[i]);
        voice.updated = ctx.now.stamp;
        Some(Effect::File(FileOp::SaveVoice(Box::new(voice))))
    }

    fn hand_in(&self, ctx: &Ctx, round: u32) -> Option<Effect> {
        let mut voice = own_voice(ctx, &self.name)?;
        voice.round_mut(round).handed_in = Some(ctx.now.stamp);
        voice.updated = ctx.now.stamp;
        Some(Effect::Many(vec![
            Effect::File(FileOp::SaveVoice(Box::new(voice))),
            Effect::Info(format!(
                "Runde {round} er levert. De andre ser ikke tallene dine før tilretteleggeren viser fordelingen."
            )),
        ]))
    }

    fn revealed(ctx: &Ctx) -> bool {
        ctx.outcome
            .is_some_and(|o| o.voting.is_revealed(o.voting.current()))
    }
}

#[derive(Debug)]
struct Reason {
    voice: Box<Voice>,
    round: u32,
    key: ScoreKey,
}

impl OnSubmit for Reason {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let mut voice = (*self.voice).clone();
        let r = voice.round_mut(self.round);
        let Some(s) = r.scores.iter_mut().find(|s| s.key == self.key) else {
            return Err("Risikoen er ikke lenger med i runden.".to_owned());
        };
        s.reason = form.text(&REASON).trim().to_owned();
        s.measures = form
            .text(&MEASURES)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        voice.updated = ctx.now.stamp;
        Ok(Effect::File(FileOp::SaveVoice(Box::new(voice))))
    }
}

fn numbers(s: Option<Score>) -> (String, String) {
    let n = |v: u8| {
        if v == 0 {
            "·".to_owned()
        } else {
            v.to_string()
        }
    };
    match s {
        Some(s) => (n(s.likelihood), n(s.consequence)),
        None => ("·".into(), "·".into()),
    }
}

impl Layer for VoiceLayer {
    fn context(&self) -> Context {
        Context::Voice
    }

    fn is_modal(&self) -> bool {
        true
    }

    fn available(&self, action: Action, _ctx: &Ctx) -> bool {
        match action {
            Action::SetStatus(_) => self.view == View::Items,
            Action::NextField | Action::PrevField | Action::CycleKnowledge | Action::Edit => {
                self.view == View::Risks
            }
            Action::Score(n) => n == 0 || self.view == View::Risks,
            _ => true,
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let outcome = ctx.outcome?;
        let round = outcome.voting.current();
        if action == Action::NextView {
            self.view = match self.view {
                View::Risks => View::Items,
                View::Items => View::Risks,
            };
            return None;
        }
        let len = rows(ctx, outcome, round).len();
        let moved = match self.view {
            View::Risks => self.cursor.apply(action, len),
            View::Items => self.item_cursor.apply(action, items(ctx).len()),
        };
        if moved {
            return None;
        }
        let changes = matches!(
            action,
            Action::Score(_)
                | Action::CycleKnowledge
                | Action::Edit
                | Action::HandIn
                | Action::SetStatus(_)
        );
        if changes && Self::revealed(ctx) {
            return Some(Effect::Error(format!(
                "Runde {round} er vist: stemmen kan ikke endres før tilretteleggeren åpner en ny runde."
            )));
        }
        if self.view == View::Items {
            return match action {
                Action::SetStatus(status) => self.answer(ctx, status),
                Action::Score(0) => self.answer(ctx, Status::IkkeVurdert),
                Action::HandIn => self.hand_in(ctx, round),
                _ => None,
            };
        }
        match action {
            Action::NextField => {
                self.field = self.field.next();
                None
            }
            Action::PrevField => {
                self.field = self.field.prev();
                None
            }
            Action::Score(n) => {
                let field = self.field;
                let effect = self.change(ctx, |s| {
                    let slot = match field.side() {
                        Side::Inherent => &mut s.inherent,
                        Side::Residual => &mut s.residual,
                    };
                    let mut score = slot.unwrap_or_default();
                    match field {
                        ScoreField::InherentLikelihood | ScoreField::ResidualLikelihood => {
                            score.likelihood = n
                        }
                        _ => score.consequence = n,
                    }
                    *slot = (score != Score::default()).then_some(score);
                });
                if n > 0 {
                    self.field = self.field.next();
                    if self.field == ScoreField::InherentLikelihood {
                        self.cursor.selected =
                            (self.cursor.selected + 1).min(len.saturating_sub(1));
                    }
                }
                effect
            }
            Action::CycleKnowledge => {
                self.change(ctx, |s| s.knowledge = Knowledge::cycle(s.knowledge))
            }
            Action::Edit => {
                let (voice, round, key, title) = self.current(ctx)?;
                let earlier = voice.latest(&key, round).cloned().unwrap_or_default();
                let mut voice = voice;
                let r = voice.round_mut(round);
                if !r.scores.iter().any(|s| s.key == key) {
                    r.scores.push(VoiceScore {
                        key: key.clone(),
                        title: title.clone(),
                        ..earlier.clone()
                    });
                }
                let on = key
                    .platform
                    .as_ref()
                    .map(|p| format!(" for {p}"))
                    .unwrap_or_default();
                let form = Form::new(
                    "Begrunnelse og forslag",
                    vec![
                        Field::single(
                            &REASON,
                            "Begrunnelse",
                            "én linje: hvorfor disse tallene",
                            &earlier.reason,
                        ),
                        Field::multi(
                            &MEASURES,
                            "Tiltak du foreslår",
                            "ett per linje",
                            &earlier.measures.join("\n"),
                        ),
                    ],
                    Reason {
                        voice: Box::new(voice),
                        round,
                        key,
                    },
                )
                .with_about(vec![format!("«{title}»{on}, runde {round}")]);
                Some(Effect::push(form))
            }
            Action::HandIn => self.hand_in(ctx, round),
            _ => None,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(outcome) = ctx.outcome else { return };
        let theme = ctx.theme;
        let round = outcome.voting.current();
        let voice = own_voice(ctx, &self.name);
        let handed = voice
            .as_ref()
            .and_then(|v| v.round(round))
            .and_then(|r| r.handed_in);
        let state = match handed {
            Some(_) => "levert".to_owned(),
            None => "ikke levert".to_owned(),
        };
        let title = format!("Min stemme: {}, runde {round} ({state})", self.name);
        let inner = popup(frame, area, (96, 92), &title, theme);
        let rows = rows(ctx, outcome, round);
        let [hint_area, table_area, detail_area] = inner.layout(&Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(3),
        ]));
        let hint = if Self::revealed(ctx) {
            format!("Runde {round} er vist. Vent til tilretteleggeren åpner en ny runde.")
        } else if self.view == View::Items {
            format!(
                "KS-punktene, om du vil: {} ja, {} delvis, {} nei, {} ikke relevant. {} tilbake til risikoene, {} leverer.",
                ctx.key(Context::Voice, Action::SetStatus(Status::Ja)),
                ctx.key(Context::Voice, Action::SetStatus(Status::Delvis)),
                ctx.key(Context::Voice, Action::SetStatus(Status::Nei)),
                ctx.key(Context::Voice, Action::SetStatus(Status::IkkeRelevant)),
                ctx.key(Context::Voice, Action::NextView),
                ctx.key(Context::Voice, Action::HandIn),
            )
        } else if rows.is_empty() {
            "Økten har ingen risikoer å skåre.".to_owned()
        } else {
            format!(
                "Ingen ser tallene dine før de vises. {} og {} velger felt, 1-5 setter tallet, {} kunnskap, {} begrunnelse, {} KS-punktene (valgfritt), {} leverer.",
                ctx.key(Context::Voice, Action::PrevField),
                ctx.key(Context::Voice, Action::NextField),
                ctx.key(Context::Voice, Action::CycleKnowledge),
                ctx.key(Context::Voice, Action::Edit),
                ctx.key(Context::Voice, Action::NextView),
                ctx.key(Context::Voice, Action::HandIn),
            )
        };
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme.dim)
                .wrap(Wrap { trim: true }),
            hint_area,
        );
        if self.view == View::Items {
            self.render_items(frame, table_area.union(detail_area), ctx, round);
            return;
        }
        self.cursor.clamp(rows.len());
        self.cursor.page = table_area.height.saturating_sub(2).max(1) as usize;
        self.table.select(Some(self.cursor.selected));
        let several = outcome.platforms.len() > 1;
        let mut lines = Vec::new();
        for (i, (key, title)) in rows.iter().enumerate() {
            let s = voice.as_ref().and_then(|v| v.latest(key, round));
            let (il, ic) = numbers(s.and_then(|s| s.inherent));
            let (rl, rc) = numbers(s.and_then(|s| s.residual));
            let mut cells = vec![Cell::from(title.clone())];
            if several {
                cells.push(Cell::from(
                    key.platform
                        .as_ref()
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                ));
            }
            for (field, text) in ScoreField::ALL.iter().zip([il, ic, rl, rc]) {
                let style = if i == self.cursor.selected && *field == self.field {
                    theme.selected
                } else {
                    theme.base
                };
                cells.push(Cell::from(Span::styled(format!(" {text} "), style)));
            }
            cells.push(Cell::from(
                s.and_then(|s| s.knowledge).map_or("", Knowledge::label),
            ));
            cells.push(Cell::from(s.map(|s| s.reason.clone()).unwrap_or_default()));
            lines.push(Row::new(cells));
        }
        let mut widths = vec![Constraint::Fill(3)];
        let mut header = vec!["Risiko"];
        if several {
            widths.push(Constraint::Length(10));
            header.push("Plattform");
        }
        widths.extend([Constraint::Length(3); 4]);
        header.extend(["S", "K", "S", "K"]);
        widths.push(Constraint::Length(8));
        header.push("Kunnskap");
        widths.push(Constraint::Fill(2));
        header.push("Begrunnelse");
        let table = Table::new(lines, widths)
            .header(Row::new(header).style(theme.label))
            .row_highlight_style(
                theme
                    .selected
                    .remove_modifier(ratatui::style::Modifier::REVERSED),
            )
            .column_spacing(1);
        frame.render_stateful_widget(table, table_area, &mut self.table);
        let field = match self.field {
            ScoreField::InherentLikelihood => "sannsynlighet før tiltak",
            ScoreField::InherentConsequence => "konsekvens før tiltak",
            ScoreField::ResidualLikelihood => "sannsynlighet etter tiltak",
            ScoreField::ResidualConsequence => "konsekvens etter tiltak",
        };
        let detail = match rows.get(self.cursor.selected) {
            Some((key, title)) => {
                let on = key
                    .platform
                    .as_ref()
                    .map(|p| format!(" for {p}"))
                    .unwrap_or_default();
                let proposals = voice
                    .as_ref()
                    .and_then(|v| v.latest(key, round))
                    .map_or(0, |s| s.measures.len());
                vec![
                    Line::from(vec![
                        Span::styled(format!("«{title}»{on}: "), theme.title),
                        Span::raw(format!("du setter {field}.")),
                    ]),
                    Line::styled(format!("Dine forslag til tiltak: {proposals}."), theme.dim),
                ]
            }
            None => Vec::new(),
        };
        frame.render_widget(
            Paragraph::new(detail).wrap(Wrap { trim: true }),
            detail_area,
        );
    }
}
