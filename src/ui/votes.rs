//! Stemmer (issue 24): the facilitator's board on the projector. Until a
//! round is revealed it shows who has handed in, by name, never a number;
//! `v` reveals it and the voices become part of the record. Then, per risk,
//! the spread: each voice (or «Stemme n» when the round is anonymous), the
//! minimum, median and maximum of S×K before and after, the risks where the
//! voices are two steps or more apart first. `n` opens a second round for
//! those, `e` sets the group's score (the median offered), and a voice still
//! two steps away is kept as a named dissent with its reason; `t` takes a
//! measure a voice proposed into the outcome.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::action::Action;
use crate::domain::Outcome;
use crate::domain::change::Change;
use crate::domain::risk::{Measure, RiskId, Score};
use crate::domain::voices::{self, GroupScore, Knowledge, Range, ScoreKey, Spread, Voice};
use crate::keymap::Context;
use crate::ui::form::{Field, Form, OnSubmit, TextKey};
use crate::ui::picker::{OnPick, PickItem, Picker};
use crate::ui::screen::{Ctx, Effect, Layer};
use crate::ui::voice::risk_list;
use crate::ui::widgets::{ListCursor, popup};

const BEFORE_S: TextKey = TextKey::new("s-for");
const BEFORE_K: TextKey = TextKey::new("k-for");
const AFTER_S: TextKey = TextKey::new("s-etter");
const AFTER_K: TextKey = TextKey::new("k-etter");

/// The latest revealed round's spreads, disputed first.
pub fn spreads(ctx: &Ctx, outcome: &Outcome) -> Vec<(Spread, String)> {
    let Some(round) = outcome.voting.revealed() else {
        return Vec::new();
    };
    let list = risk_list(ctx, outcome);
    let ids: Vec<&str> = list.iter().map(|(id, _)| id.as_str()).collect();
    let revealed = outcome.voting.voices();
    voices::board(outcome, &ids, &revealed, round.number)
        .into_iter()
        .filter(|s| !s.points.is_empty())
        .map(|s| {
            let title = list
                .iter()
                .find(|(id, _)| *id == s.key.risk)
                .map_or_else(|| s.key.risk.clone(), |(_, t)| t.clone());
            (s, title)
        })
        .collect()
}

/// The dissents the group's scores keep, one line each, for management
/// beside the decision (Vurdering's decision view and the decision form).
pub fn dissent_lines(ctx: &Ctx, outcome: &Outcome) -> Vec<String> {
    let voting = &outcome.voting;
    let list = risk_list(ctx, outcome);
    let revealed = voting.voices();
    voting
        .dissents()
        .into_iter()
        .map(|(key, d)| {
            let title = list.iter().find(|(id, _)| *id == key.risk).map_or_else(
                || key.risk.clone(),
                |(_, t)| t.trim_end_matches('.').to_owned(),
            );
            let name = revealed
                .iter()
                .find(|v| v.name == d.name)
                .map_or_else(|| d.name.clone(), |v| voting.label(v));
            let reason = if d.reason.trim().is_empty() {
                "uten begrunnelse".to_owned()
            } else {
                format!("«{}»", d.reason.trim())
            };
            format!(
                "Dissens: {name} om «{title}»{}: før {}, etter {}; {reason}",
                on(key),
                sxk(d.inherent),
                sxk(d.residual)
            )
        })
        .collect()
}

/// The voices handed in for `round`, as the app has read them.
fn handed_in<'a>(ctx: &'a Ctx, round: u32) -> Vec<&'a Voice> {
    ctx.voices
        .voices
        .iter()
        .filter(|v| v.handed_in(round))
        .collect()
}

/// A text cut to `max` characters, with «…» where it was cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

fn range(r: Option<Range>) -> String {
    r.map_or_else(String::new, |r| {
        if r.min == r.max {
            r.min.to_string()
        } else {
            format!("{}–{}–{}", r.min, r.median, r.max)
        }
    })
}

fn sxk(s: Option<Score>) -> String {
    s.map_or_else(
        || "–".to_owned(),
        |s| format!("{}×{}={}", s.likelihood, s.consequence, s.value()),
    )
}

fn on(key: &ScoreKey) -> String {
    key.platform
        .as_ref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default()
}

#[derive(Debug, Default)]
pub struct VotesLayer {
    cursor: ListCursor,
    table: TableState,
}

#[derive(Debug)]
struct SetGroup {
    spread: Spread,
    round: u32,
    title: String,
}

fn read_score(form: &Form, s: &TextKey, k: &TextKey, what: &str) -> Result<Option<Score>, String> {
    let number = |key: &TextKey| -> Result<u8, String> {
        let text = form.text(key);
        let text = text.trim();
        if text.is_empty() {
            return Ok(0);
        }
        match text.parse::<u8>() {
            Ok(n) if (1..=Score::MAX).contains(&n) => Ok(n),
            _ => Err(format!(
                "{what}: skriv et tall fra 1 til 5, eller la feltet stå tomt."
            )),
        }
    };
    let (l, c) = (number(s)?, number(k)?);
    match (l, c) {
        (0, 0) => Ok(None),
        (0, _) | (_, 0) => Err(format!("{what}: sett både S og K, eller ingen av dem.")),
        (l, c) => Ok(Some(Score {
            likelihood: l,
            consequence: c,
        })),
    }
}

impl OnSubmit for SetGroup {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let inherent = read_score(form, &BEFORE_S, &BEFORE_K, "Før tiltak")?;
        let residual = read_score(form, &AFTER_S, &AFTER_K, "Etter tiltak")?;
        let dissents = voices::dissents(&self.spread, inherent, residual);
        let said = if dissents.is_empty() {
            "ingen dissens".to_owned()
        } else {
            let names: Vec<&str> = dissents.iter().map(|d| d.name.as_str()).collect();
            format!("dissens: {}", names.join(", "))
        };
        let group = GroupScore {
            key: self.spread.key.clone(),
            round: self.round,
            inherent,
            residual,
            set: ctx.now.stamp,
            dissents,
        };
        Ok(Effect::edit(
            format!(
                "gruppens skår for «{}»{} ({said})",
                self.title,
                on(&group.key)
            ),
            Change::GroupScore(Box::new(group)),
        ))
    }
}

#[derive(Debug)]
struct TakeMeasure {
    key: ScoreKey,
}

impl OnPick for TakeMeasure {
    fn pick(&self, _index: usize, item: &PickItem) -> Option<Effect> {
        if item.chosen {
            return Some(Effect::Info(
                "Tiltaket står i økten allerede; det legges ikke til to ganger.".into(),
            ));
        }
        Some(Effect::Many(vec![
            Effect::Pop,
            Effect::change(Change::AddMeasure {
                risk: RiskId::stored(&self.key.risk),
                platform: self.key.platform.as_ref().map(|p| p.to_string()),
                measure: Measure {
                    text: item.text.clone(),
                    note: format!("Foreslått av {}.", item.from),
                    ..Measure::default()
                },
            }),
            Effect::Info("Tiltaket er lagt til i risikotabellen.".into()),
        ]))
    }
}

impl VotesLayer {
    fn selected(&self, ctx: &Ctx) -> Option<(Spread, String)> {
        let outcome = ctx.outcome?;
        spreads(ctx, outcome).into_iter().nth(self.cursor.selected)
    }
}

impl Layer for VotesLayer {
    fn context(&self) -> Context {
        Context::Votes
    }

    fn watches_voices(&self) -> bool {
        true
    }

    fn available(&self, action: Action, ctx: &Ctx) -> bool {
        let Some(outcome) = ctx.outcome else {
            return false;
        };
        let voting = &outcome.voting;
        let current_revealed = voting.is_revealed(voting.current());
        let rows = || !spreads(ctx, outcome).is_empty();
        match action {
            Action::Reveal => !current_revealed,
            Action::NewRound => current_revealed && rows(),
            Action::Edit | Action::PickMeasure => rows(),
            Action::ToggleAnonymous => voting.revealed().is_none(),
            _ => true,
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let outcome = ctx.outcome?;
        let voting = &outcome.voting;
        let round = voting.current();
        let len = spreads(ctx, outcome).len();
        if self.cursor.apply(action, len) {
            return None;
        }
        match action {
            Action::Reveal => {
                if voting.is_revealed(round) {
                    return Some(Effect::Info(format!(
                        "Runde {round} er vist. {} åpner en ny runde.",
                        ctx.key(Context::Votes, Action::NewRound)
                    )));
                }
                let voices: Vec<Voice> = handed_in(ctx, round).into_iter().cloned().collect();
                if voices.is_empty() {
                    return Some(Effect::Error(format!(
                        "Ingen har levert runde {round} ennå."
                    )));
                }
                self.cursor = ListCursor::default();
                Some(Effect::edit(
                    match voices.len() {
                        1 => format!("viste runde {round} (1 stemme)"),
                        n => format!("viste runde {round} ({n} stemmer)"),
                    },
                    Change::Reveal {
                        round,
                        voices,
                        at: ctx.now.stamp,
                    },
                ))
            }
            Action::NewRound => {
                if !voting.is_revealed(round) {
                    return Some(Effect::Error(format!(
                        "Runde {round} er ikke vist ennå: vis den først ({}).",
                        ctx.key(Context::Votes, Action::Reveal)
                    )));
                }
                let disputed: Vec<ScoreKey> = spreads(ctx, outcome)
                    .into_iter()
                    .filter(|(s, _)| s.disputed)
                    .map(|(s, _)| s.key)
                    .collect();
                if disputed.is_empty() {
                    return Some(Effect::Info(
                        "Ingen risikoer der stemmene er to trinn eller mer fra hverandre: sett gruppens skår."
                            .into(),
                    ));
                }
                let n = disputed.len();
                let risks = if n == 1 {
                    "én omstridt risiko".to_owned()
                } else {
                    format!("{n} omstridte risikoer")
                };
                Some(Effect::Many(vec![
                    Effect::edit(
                        format!("runde {} for {risks}", round + 1),
                        Change::OpenVotingRound {
                            keys: disputed,
                            at: ctx.now.stamp,
                        },
                    ),
                    Effect::Info(format!(
                        "Runde {} er åpnet for {risks}. Deltakerne skårer dem igjen under Min stemme; den første runden er tatt vare på.",
                        round + 1
                    )),
                ]))
            }
            Action::Edit => {
                let revealed = voting.revealed()?;
                let (spread, title) = self.selected(ctx)?;
                let group = voting.group(&spread.key);
                let start = |g: Option<Score>, median: Option<Score>| g.or(median);
                let inherent = start(group.and_then(|g| g.inherent), spread.proposal.0);
                let residual = start(group.and_then(|g| g.residual), spread.proposal.1);
                let text = |s: Option<Score>, f: fn(Score) -> u8| {
                    s.map(|s| f(s).to_string()).unwrap_or_default()
                };
                let form = Form::new(
                    "Gruppens skår",
                    vec![
                        Field::single(&BEFORE_S, "S før tiltak", "1-5; medianen er foreslått", &text(inherent, |s| s.likelihood)),
                        Field::single(&BEFORE_K, "K før tiltak", "1-5", &text(inherent, |s| s.consequence)),
                        Field::single(&AFTER_S, "S etter tiltak", "1-5", &text(residual, |s| s.likelihood)),
                        Field::single(&AFTER_K, "K etter tiltak", "1-5", &text(residual, |s| s.consequence)),
                    ],
                    SetGroup {
                        spread: spread.clone(),
                        round: revealed.number,
                        title: title.clone(),
                    },
                )
                .with_about(vec![
                    format!("«{title}»{}", on(&spread.key)),
                    format!(
                        "Stemmene: før {}, etter {} (min–median–maks). En stemme to trinn eller mer unna gruppens S eller K blir en navngitt dissens med sin begrunnelse.",
                        range(spread.inherent),
                        range(spread.residual)
                    ),
                ]);
                Some(Effect::push(form))
            }
            Action::PickMeasure => {
                let (spread, title) = self.selected(ctx)?;
                let current = outcome.risk.get(RiskId::stored(&spread.key.risk)).map(|a| {
                    match &spread.key.platform {
                        Some(p) => a.for_platform(p),
                        None => a.clone(),
                    }
                });
                let items: Vec<PickItem> = spread
                    .points
                    .iter()
                    .flat_map(|p| {
                        let name = voting.label(
                            voting
                                .voices()
                                .into_iter()
                                .find(|v| v.name == p.name)
                                .unwrap_or(&Voice::new("", &p.name, ctx.now.stamp)),
                        );
                        p.measures.iter().map(move |m| (name.clone(), m.clone()))
                    })
                    .map(|(name, text)| PickItem {
                        id: String::new(),
                        chosen: current
                            .as_ref()
                            .is_some_and(|a| a.measures.iter().any(|m| m.text == text)),
                        text,
                        from: name,
                    })
                    .collect();
                if items.is_empty() {
                    return Some(Effect::Info(
                        "Ingen stemme har foreslått tiltak her.".into(),
                    ));
                }
                Some(Effect::push(Picker::new(
                    TakeMeasure {
                        key: spread.key.clone(),
                    },
                    format!("Tiltak stemmene foreslo for «{title}»{}", on(&spread.key)),
                    items,
                )))
            }
            Action::ToggleAnonymous => Some(Effect::edit(
                if voting.anonymous {
                    "stemmer med navn"
                } else {
                    "anonyme stemmer"
                },
                Change::Anonymous(!voting.anonymous),
            )),
            _ => None,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(outcome) = ctx.outcome else { return };
        let theme = ctx.theme;
        let voting = &outcome.voting;
        let round = voting.current();
        let anonymous = if voting.anonymous { ", anonymt" } else { "" };
        let inner = popup(
            frame,
            area,
            (96, 92),
            &format!("Stemmer: runde {round}{anonymous}"),
            theme,
        );
        // Who has handed in: names, never numbers, until the reveal.
        let mut status: Vec<Line> = Vec::new();
        if voting.is_revealed(round) {
            let n = voting.round(round).map_or(0, |r| r.voices.len());
            status.push(Line::styled(
                format!(
                    "Runde {round} er vist: {n} {}. {} åpner en ny runde for risikoene der stemmene spriker; {} setter gruppens skår.",
                    if n == 1 { "stemme" } else { "stemmer" },
                    ctx.key(Context::Votes, Action::NewRound),
                    ctx.key(Context::Votes, Action::Edit),
                ),
                theme.base,
            ));
        } else {
            let handed: Vec<String> = handed_in(ctx, round)
                .iter()
                .map(|v| v.name.clone())
                .collect();
            let started: Vec<String> = ctx
                .voices
                .voices
                .iter()
                .filter(|v| v.round(round).is_some() && !v.handed_in(round))
                .map(|v| v.name.clone())
                .collect();
            status.push(Line::from(vec![
                Span::styled(format!("Levert ({}): ", handed.len()), theme.label),
                Span::raw(if handed.is_empty() {
                    "ingen ennå".to_owned()
                } else {
                    handed.join(", ")
                }),
            ]));
            if !started.is_empty() {
                status.push(Line::from(vec![
                    Span::styled("Skårer fortsatt: ", theme.label),
                    Span::raw(started.join(", ")),
                ]));
            }
            status.push(Line::styled(
                format!(
                    "Ingen tall vises før {} viser fordelingen. Deltakerne skårer under Min stemme (M på Risiko, eller somevett --as «navn»).",
                    ctx.key(Context::Votes, Action::Reveal)
                ),
                theme.dim,
            ));
        }
        // KS's items the voices answered (optional), where they differ.
        if let Some(shown) = voting.revealed() {
            let items = crate::ui::voice::items(ctx);
            let keys: Vec<&str> = items.iter().map(|(k, _, _)| k.as_str()).collect();
            let answered = voices::answer_spreads(&voting.voices(), &keys, shown.number);
            if !answered.is_empty() {
                let differ: Vec<String> = answered
                    .iter()
                    .filter(|a| a.differs)
                    .map(|a| {
                        let text = items
                            .iter()
                            .find(|(k, _, _)| *k == a.item)
                            .map_or(a.item.as_str(), |(_, _, t)| t.as_str());
                        let given: Vec<String> = a
                            .answers
                            .iter()
                            .map(|(name, status)| {
                                let who = voting
                                    .voices()
                                    .into_iter()
                                    .find(|v| v.name == *name)
                                    .map_or_else(|| name.clone(), |v| voting.label(v));
                                format!("{who} {}", status.label())
                            })
                            .collect();
                        format!("«{}» ({})", short(text, 50), given.join(", "))
                    })
                    .collect();
                status.push(Line::styled(
                    format!(
                        "KS-punkter besvart av stemmene: {}, med ulike svar: {}{}",
                        answered.len(),
                        differ.len(),
                        if differ.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", differ.join("; "))
                        }
                    ),
                    theme.dim,
                ));
            }
        }
        let list = risk_list(ctx, outcome);
        let ids: Vec<&str> = list.iter().map(|(id, _)| id.as_str()).collect();
        for note in ctx.voices.notes.iter().chain(
            ctx.voices
                .voices
                .iter()
                .flat_map(|v| voices::mismatches(v, outcome, &ids))
                .collect::<Vec<_>>()
                .iter(),
        ) {
            status.push(Line::styled(note.clone(), theme.error));
        }
        let status_height = (status.len() as u16 + 1).min(inner.height / 3).max(2);
        // The table as tall as its rows (half the room at most): the
        // selected risk's voices and dissents below need the rest.
        let spreads = spreads(ctx, outcome);
        let listed = u16::try_from(spreads.len()).unwrap_or(u16::MAX);
        let table_height = listed
            .saturating_add(1)
            .min(inner.height.saturating_sub(status_height) / 2);
        let [status_area, table_area, detail_area] = inner.layout(&Layout::vertical([
            Constraint::Length(status_height),
            Constraint::Length(table_height.max(2)),
            Constraint::Fill(1),
        ]));
        frame.render_widget(
            Paragraph::new(status).wrap(Wrap { trim: true }),
            status_area,
        );

        if spreads.is_empty() {
            return;
        }
        self.cursor.clamp(spreads.len());
        self.cursor.page = table_area.height.saturating_sub(2).max(1) as usize;
        self.table.select(Some(self.cursor.selected));
        let rows: Vec<Row> = spreads
            .iter()
            .map(|(s, title)| {
                let group = voting.group(&s.key);
                let mark = if s.disputed { "≠" } else { "" };
                let weak = if s.weak() { "svak" } else { "" };
                Row::new(vec![
                    Cell::from(Span::styled(mark, theme.error)),
                    Cell::from(format!("{title}{}", on(&s.key))),
                    Cell::from(range(s.inherent)),
                    Cell::from(range(s.residual)),
                    Cell::from(weak),
                    Cell::from(group.map_or_else(String::new, |g| {
                        format!("{} / {}", sxk(g.inherent), sxk(g.residual))
                    })),
                ])
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Length(1),
                Constraint::Fill(3),
                Constraint::Length(9),
                Constraint::Length(9),
                Constraint::Length(5),
                Constraint::Fill(2),
            ],
        )
        .header(
            Row::new(vec![
                "",
                "Risiko",
                "Før",
                "Etter",
                "Kunn.",
                "Gruppens skår (før / etter)",
            ])
            .style(theme.label),
        )
        .row_highlight_style(theme.selected)
        .column_spacing(1);
        frame.render_stateful_widget(table, table_area, &mut self.table);

        // The selected risk: each voice, the group's score and its dissents.
        let Some((s, title)) = spreads.get(self.cursor.selected) else {
            return;
        };
        let mut lines = vec![Line::styled(
            format!(
                "«{title}»{}: S×K før {} og etter {} (min–median–maks){}",
                on(&s.key),
                range(s.inherent),
                range(s.residual),
                if s.disputed {
                    "; stemmene er to trinn eller mer fra hverandre"
                } else {
                    ""
                }
            ),
            theme.title,
        )];
        let revealed = voting.voices();
        for p in &s.points {
            let label = revealed
                .iter()
                .find(|v| v.name == p.name)
                .map_or_else(|| p.name.clone(), |v| voting.label(v));
            let knowledge = p
                .knowledge
                .map(|k| format!(", {} kunnskap", k.label()))
                .unwrap_or_default();
            let style = if p.knowledge == Some(Knowledge::Svak) {
                theme.error
            } else {
                theme.base
            };
            let mut spans = vec![
                Span::styled(format!("{label}: "), theme.label),
                Span::styled(
                    format!(
                        "før {}, etter {}{knowledge}",
                        sxk(p.inherent),
                        sxk(p.residual)
                    ),
                    style,
                ),
            ];
            if !p.reason.is_empty() {
                spans.push(Span::raw(format!(". «{}»", p.reason)));
            }
            if !p.measures.is_empty() {
                spans.push(Span::styled(
                    format!(" ({} tiltak foreslått)", p.measures.len()),
                    theme.dim,
                ));
            }
            lines.push(Line::from(spans));
        }
        if let Some(g) = voting.group(&s.key) {
            lines.push(Line::styled(
                format!(
                    "Gruppens skår: før {}, etter {}.",
                    sxk(g.inherent),
                    sxk(g.residual)
                ),
                theme.title,
            ));
            for d in &g.dissents {
                let name = revealed
                    .iter()
                    .find(|v| v.name == d.name)
                    .map_or_else(|| d.name.clone(), |v| voting.label(v));
                lines.push(Line::styled(
                    format!(
                        "Dissens: {name} (før {}, etter {}): «{}»",
                        sxk(d.inherent),
                        sxk(d.residual),
                        d.reason
                    ),
                    theme.error,
                ));
            }
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), detail_area);
    }
}
