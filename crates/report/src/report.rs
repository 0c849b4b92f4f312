//! The report as a document shaped like a saksframlegg: what it says, in
//! blocks that the Markdown and the PDF writers each lay out their own way.
//! Everything the report says is decided here, once.

mod voices;

use crate::plan::action_plan;
use somevett_content::Library;
use somevett_domain::Outcome;
use somevett_domain::checklist::{Question, Status, keys};
use somevett_domain::date::{Date, Timestamp};
use somevett_domain::decision::{Correction, DecisionRound, PlatformDecision};
use somevett_domain::per_platform::board;

use crate::board::{HEADINGS, texts_in};
use somevett_domain::risk::{RiskAssessment, RiskId, RiskInfo, Scales, Score, matrix_points};
use somevett_domain::rules;
use somevett_domain::wheel::{Reflection, Wheel};
use somevett_domain::words::Words;

/// A finished report: its metadata and its blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    /// The running header of every page but the first.
    pub header: String,
    /// For the document's metadata: the municipality (and unit) as author.
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// The outcome's last change.
    pub updated: Timestamp,
    /// The document's date: the day it was written (exported), when known.
    pub date: Option<Date>,
    /// Its language for the PDF and HTML: `nb` or `nn`.
    pub lang: String,
    pub blocks: Vec<Block>,
    /// In nynorsk: the bokmål texts the tables (`data/nn/`) lack, which
    /// stand in bokmål (a `--data` pack's own texts); empty in bokmål.
    pub untranslated: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title on the front page.
    Title(String),
    Heading(u8, String),
    Para(String),
    /// A paragraph that leads with a bold phrase.
    Lead(String, String),
    /// Label: value pairs.
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    Table(Table),
    /// The risk matrix as a figure: a 5×5 grid with the risks' numbers.
    Matrix(Matrix),
    /// Lines to sign on: one per label.
    Signatures(Vec<String>),
    PageBreak,
}

/// Heading levels that never skip: a heading asked for at some level is
/// nested by how that level compares to the open headings' (an H3 right
/// after an H1 becomes an H2, and so does its sibling). The PDF's tags and
/// the Markdown's `#`s both take their levels from here.
#[derive(Debug, Clone, Default)]
pub struct HeadingLevels {
    open: Vec<u16>,
}

impl HeadingLevels {
    /// The level a heading asked for at `asked` would get now, 1 to 6.
    pub fn peek(&self, asked: u16) -> u16 {
        let outer = self.open.iter().filter(|l| **l < asked).count();
        u16::try_from(outer + 1).unwrap_or(6).min(6)
    }

    /// The level it gets, and it is open from now on.
    pub fn next(&mut self, asked: u16) -> u16 {
        let level = self.peek(asked);
        self.open.retain(|l| *l < asked);
        self.open.push(asked);
        level
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Relative column widths for the PDF.
    pub widths: Vec<f32>,
}

/// The matrix before or after measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    pub title: String,
    /// What it shows, in words, for a reader who cannot see it (the PDF's
    /// figure text).
    pub alt: String,
    /// The axes' names: likelihood (up) and consequence (across).
    pub axes: [String; 2],
    /// Row by row, likelihood 5 at the top; each row consequence 1 to 5.
    pub cells: Vec<Vec<MatrixCell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MatrixCell {
    pub likelihood: u8,
    pub consequence: u8,
    /// The band's index from the lowest, and its name.
    pub band: usize,
    pub band_name: String,
    pub top: bool,
    /// The numbers of the risks in the cell.
    pub markers: Vec<String>,
}

/// `23.11.2026`.
pub fn norwegian_date(d: Date) -> String {
    d.strftime("%d.%m.%Y").to_string()
}

/// `23.11.2026`, or `if_none`.
fn norwegian_day_or(d: Option<Date>, if_none: &str) -> String {
    d.map_or_else(|| if_none.to_owned(), norwegian_date)
}

/// `23.11.2026 kl. 12.24`, Norwegian local time (the same in nynorsk).
pub fn norwegian_time(t: Timestamp) -> String {
    // Norway's time zone, from the time-zone database built into jiff.
    let zone = jiff::tz::TimeZone::get("Europe/Oslo").unwrap_or(jiff::tz::TimeZone::UTC);
    t.to_zoned(zone).strftime("%d.%m.%Y kl. %H.%M").to_string()
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "–".to_owned()
    } else {
        s.trim().to_owned()
    }
}

/// Label and value pairs, those with a value only: a field not set is not
/// printed. The labels in `w`'s målform.
fn set_fields<const N: usize>(w: &Words, pairs: [(&str, String); N]) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (w.t(k), v))
        .collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn score_text(score: Option<Score>, library: &Library, w: &Words) -> String {
    let scales = &library.scales;
    match score.filter(|s| s.is_complete()) {
        None => "–".to_owned(),
        Some(s) => {
            let band = scales
                .band(s.value())
                .map_or(String::new(), |b| format!(" {}", w.t(&b.name)));
            let flag = if scales.is_top(s.value()) { " (!)" } else { "" };
            format!(
                "{}×{} = {}{band}{flag}",
                s.likelihood,
                s.consequence,
                s.value()
            )
        }
    }
}

/// The report of `outcome`. The library gives the texts of risks and
/// questions, the scales and the sources.
pub fn build(outcome: &Outcome, library: &Library) -> Report {
    build_on(outcome, library, None)
}

/// The report written on `date`: its document date (dokumentdato), shown
/// on the front page and in the PDF's metadata. It is in the outcome's
/// målform: nynorsk from `library`'s tables, quotes in their own words.
pub fn build_on(outcome: &Outcome, library: &Library, date: Option<Date>) -> Report {
    let w = library.words(outcome.public.malform);
    let mut report = build_in(outcome, library, date, &w);
    report.untranslated = w.missing();
    report
}

fn build_in(outcome: &Outcome, library: &Library, date: Option<Date>, w: &Words) -> Report {
    let rounds = outcome.decision.rounds.len();
    let municipality = outcome.municipality.trim().to_owned();
    let round_text = match rounds {
        0 => w.t("ikke behandlet"),
        n => w.f("runde {n}", &[("n", &n)]),
    };
    let mut b = Vec::new();
    // As a saksframlegg reads: the case, the team's proposal, management's
    // decision, then the summary, the action plan and the assessment.
    front_page(&mut b, outcome, &round_text, date, w);
    proposal(&mut b, outcome, w);
    decisions(&mut b, outcome, library, w);
    signatures(&mut b, outcome, w);
    summary(&mut b, outcome, library, date, w);
    plan(&mut b, outcome, library, w);
    processing(&mut b, outcome, w);
    risks(&mut b, outcome, library, w);
    voices::disagreement(&mut b, outcome, library, w);
    platforms(&mut b, outcome, library, w);
    wheel(&mut b, outcome, library, w);
    checklists(&mut b, outcome, library, w);
    sources(&mut b, outcome, library, w);
    attachments(&mut b, outcome, library, w);
    let author = [outcome.municipality.trim(), outcome.unit.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    // A document exempt from public access says so on every page.
    let access = outcome.case.access.trim();
    let header = [
        access,
        municipality.as_str(),
        outcome.title.as_str(),
        round_text.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    Report {
        title: outcome.title.clone(),
        header,
        author,
        subject: w.t("Vurdering av kommunens bruk av sosiale medier (KS-veilederen)"),
        keywords: std::iter::once(w.t("sosiale medier"))
            .chain(std::iter::once(w.t("personvern")))
            .chain(outcome.platforms.iter().map(ToString::to_string))
            .chain((!outcome.case_ref.is_empty()).then(|| outcome.case_ref.clone()))
            .collect(),
        updated: outcome.updated,
        date,
        lang: w.malform().lang().to_owned(),
        blocks: b,
        untranslated: Vec::new(),
    }
}

fn front_page(b: &mut Vec<Block>, o: &Outcome, round_text: &str, date: Option<Date>, w: &Words) {
    b.push(Block::Title(o.title.clone()));
    b.push(Block::Para(w.t(
        "Vurdering av kommunens bruk av sosiale medier, gjort etter KS-veilederen og lagt fram for ledelsen til beslutning. Dokumentert med somevett.",
    )));
    let status = w.t(if o.decision.rounds.is_empty() {
        "utkast (ikke behandlet av ledelsen)"
    } else {
        "behandlet av ledelsen"
    });
    let c = &o.case;
    let officer = [c.officer.trim(), c.officer_unit.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let body = match (c.body.trim(), c.meeting) {
        ("", None) => String::new(),
        (body, Some(day)) => format!("{body} {}", norwegian_date(day)).trim().to_owned(),
        (body, None) => body.to_owned(),
    };
    // A field that is not set is not printed.
    let fields = set_fields(
        w,
        [
            ("Skjerming", c.access.trim().to_owned()),
            ("Kommune", o.municipality.trim().to_owned()),
            ("Enhet", o.unit.trim().to_owned()),
            ("Saksnummer", o.case_ref.trim().to_owned()),
            ("Arkivsak/dokumentnr.", c.document_ref.trim().to_owned()),
            ("Arkivkode", c.archive_code.trim().to_owned()),
            ("Saksbehandler", officer),
            ("Dokumentdato", date.map(norwegian_date).unwrap_or_default()),
            ("Utvalg og møte", body),
            ("Delegert vedtak", c.delegation.trim().to_owned()),
            (
                "Plattformer",
                somevett_domain::platform::join(&o.platforms, ", "),
            ),
            ("Behandling", round_text.to_owned()),
            ("Dokumentstatus", status),
            ("Opprettet", norwegian_time(o.created)),
            ("Sist endret", norwegian_time(o.updated)),
            ("Neste gjennomgang", norwegian_day_or(o.next_review, "")),
        ],
    );
    b.push(Block::Fields(fields));
    b.push(Block::Heading(2, w.t("Deltakere")));
    if o.participants.is_empty() {
        b.push(Block::Para(w.t("Ingen deltakere er registrert.")));
    } else {
        b.push(Block::Table(Table {
            header: vec![w.t("Rolle"), w.t("Navn")],
            rows: o
                .participants
                .iter()
                .map(|p| vec![w.t(p.role.label()), or_dash(&p.name)])
                .collect(),
            widths: vec![1.0, 2.0],
        }));
    }
    if !o.notes.trim().is_empty() {
        b.push(Block::Heading(2, w.t("Notater")));
        for line in o.notes.lines().filter(|l| !l.trim().is_empty()) {
            b.push(Block::Para(line.trim().to_owned()));
        }
    }
    b.push(Block::PageBreak);
}

/// The date of a round; an older file's date that was no date is in the
/// round's note, and never shown as a date.
fn round_date(r: &DecisionRound, w: &Words) -> String {
    norwegian_day_or(r.date, &w.t("ikke gyldig (se merknad)"))
}

/// What the round's overall decision means: with a decision per platform,
/// theirs is what the municipality may do.
fn overall_meaning(r: &DecisionRound, w: &Words) -> String {
    w.t(if r.decided_apart().is_empty() {
        r.decision.meaning()
    } else {
        "Samlet beslutning for vurderingen; hva kommunen kan gjøre med hver plattform, står under."
    })
}

/// Sentences as paragraphs, with the lines that start with «• » as a list.
fn paragraphs(b: &mut Vec<Block>, lines: Vec<String>) {
    let mut bullets = Vec::new();
    for line in lines {
        match line.strip_prefix("• ") {
            Some(item) => bullets.push(item.to_owned()),
            None => {
                if !bullets.is_empty() {
                    b.push(Block::Bullets(std::mem::take(&mut bullets)));
                }
                b.push(Block::Para(line));
            }
        }
    }
    if !bullets.is_empty() {
        b.push(Block::Bullets(bullets));
    }
}

/// Forslag til vedtak: the team's recommendation, kept beside management's
/// decision; nothing when none is written.
fn proposal(b: &mut Vec<Block>, o: &Outcome, w: &Words) {
    let p = &o.case.proposal;
    if p.is_empty() {
        return;
    }
    b.push(Block::Heading(1, w.t("Forslag til vedtak")));
    paragraphs(
        b,
        p.text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_owned())
            .collect(),
    );
    let mut fields = Vec::new();
    if let Some(d) = p.decision {
        fields.push((w.t("Foreslått beslutning"), w.t(d.label())));
    }
    for f in &p.platforms {
        if let Some(d) = f.decision {
            fields.push((
                w.f("Foreslått for {platform}", &[("platform", &f.platform)]),
                w.t(d.label()),
            ));
        }
    }
    if !fields.is_empty() {
        b.push(Block::Fields(fields));
    }
    b.push(Block::Para(w.t(
        "Forslaget er teamets innstilling; ledelsens vedtak står under «Ledelsens beslutning».",
    )));
}

/// KS ch. 2's description of the processing, the legal basis chosen
/// (KS ch. 5) and the data protection officer's advice (GDPR art. 35(2)),
/// each only where the team has written it.
fn processing(b: &mut Vec<Block>, o: &Outcome, w: &Words) {
    let p = &o.processing;
    let described: Vec<(String, String)> = p
        .description()
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (w.t(k), one_line(v)))
        .collect();
    if !described.is_empty() {
        b.push(Block::Heading(1, w.t("Beskrivelse av behandlingen")));
        b.push(Block::Para(
            w.t("Systematisk beskrivelse etter KS-veilederen kapittel 2."),
        ));
        b.push(Block::Fields(described));
    }
    let basis = set_fields(
        w,
        [
            (
                "Grunnlag",
                p.basis.map(|b| w.t(b.label())).unwrap_or_default(),
            ),
            ("Supplerende rettsgrunnlag", one_line(&p.supplementary_law)),
            ("Merknad", one_line(&p.basis_note)),
        ],
    );
    if !basis.is_empty() {
        b.push(Block::Heading(1, w.t("Behandlingsgrunnlag")));
        b.push(Block::Fields(basis));
    }
    let d = &p.dpo;
    let followed = match d.followed {
        Some(true) => w.t("ja"),
        Some(false) => w.t("nei"),
        None => String::new(),
    };
    let advice = set_fields(
        w,
        [
            ("Råd", one_line(&d.advice)),
            ("Gitt", d.date.map(norwegian_date).unwrap_or_default()),
            ("Fulgt", followed),
            ("Hvorfor", one_line(&d.why)),
        ],
    );
    if !advice.is_empty() {
        b.push(Block::Heading(1, w.t("Personvernombudets råd")));
        b.push(Block::Fields(advice));
    }
}

fn summary(b: &mut Vec<Block>, o: &Outcome, library: &Library, date: Option<Date>, w: &Words) {
    b.push(Block::Heading(1, w.t("Sammendrag")));
    // A decision whose ground has moved since (on the document's date).
    if let Some(today) = date {
        let why = library.reopened(o, today);
        if !why.is_empty() {
            b.push(Block::Lead(
                w.t("Til ny vurdering:"),
                w.f(
                    "beslutningen i runde {n} hviler på noe som har endret seg siden.",
                    &[("n", &o.decision.rounds.len())],
                ),
            ));
            b.push(Block::Bullets(
                why.iter().map(|r| library.describe_in(r, w)).collect(),
            ));
        }
    }
    let mut items = decision_summary(o, w);
    let standings = rules::standings(o, &library.scales);
    for s in standings.iter().filter(|s| s.required) {
        items.push(match s.platform {
            Some(p) => w.f(
                "{platform}: Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36).",
                &[("platform", &p)],
            ),
            None => w.t("Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36)."),
        });
    }
    let (done, total) = o.checklists.progress(keys(&library.assessment.groups()));
    items.push(w.f(
        "Vurderingen etter KS-veilederen: {done} av {total} punkter vurdert.",
        &[("done", &done), ("total", &total)],
    ));
    let (done, total) = o.checklists.progress(keys(&library.dilemmas.groups()));
    items.push(w.f(
        "Dilemmasjekklistene: {done} av {total} spørsmål besvart.",
        &[("done", &done), ("total", &total)],
    ));
    let tops = risk_summary(&mut items, o, library, &standings, w);
    let plan = action_plan(o, library);
    let done_measures = plan.iter().filter(|m| m.status.is_done()).count();
    items.push(w.f(
        "Tiltaksplan: {n} tiltak, {done} gjennomført.",
        &[("n", &plan.len()), ("done", &done_measures)],
    ));
    let chosen = o
        .wheel
        .reflections
        .iter()
        .filter(|r| r.choice.is_some())
        .count();
    items.push(w.f(
        "Etisk refleksjon: {reflections}, {chosen} med begrunnet valg.",
        &[
            (
                "reflections",
                &w.count(
                    o.wheel.reflections.len(),
                    "1 refleksjon",
                    "{n} refleksjoner",
                ),
            ),
            ("chosen", &chosen),
        ],
    ));
    b.push(Block::Bullets(items));
    let band = library
        .scales
        .bands
        .last()
        .map_or(String::new(), |b| w.t(&b.name));
    for (platform, top) in tops {
        b.push(Block::Lead(
            match platform {
                Some(p) => w.f(
                    "I øverste bånd ({band}) for {platform} slik de står nå:",
                    &[("band", &band), ("platform", &p)],
                ),
                None => w.f(
                    "I øverste bånd ({band}) slik de står nå:",
                    &[("band", &band)],
                ),
            },
            top.join("; "),
        ));
    }
    b.push(Block::Heading(2, w.t("Forhåndsdrøftelse med Datatilsynet")));
    paragraphs(b, rules::rule_text(o, &library.scales, w));
    let missing = rules::missing(o, &library.assessment, &library.dilemmas, &library.risks, w);
    b.push(Block::Heading(2, w.t("Mangler før beslutning")));
    if missing.is_empty() {
        b.push(Block::Para(w.t("Ingenting: alle deler er vurdert.")));
    } else {
        b.push(Block::Bullets(missing));
    }
}

/// The summary's lines on management's latest decision: overall, per
/// platform and their conditions.
fn decision_summary(o: &Outcome, w: &Words) -> Vec<String> {
    let mut items = Vec::new();
    match o.decision.latest() {
        Some(r) => {
            items.push(w.f(
                "Ledelsens beslutning: {decision} ({by}, {date}, runde {n}). {meaning}",
                &[
                    ("decision", &w.t(r.decision.label())),
                    ("by", &or_dash(&r.decided_by)),
                    ("date", &round_date(r, w)),
                    ("n", &o.decision.rounds.len()),
                    ("meaning", &overall_meaning(r, w)),
                ],
            ));
            for p in r.decided_apart() {
                items.push(format!(
                    "{}: {}. {}",
                    p.platform,
                    w.t(p.decision.label()),
                    w.t(p.decision.meaning())
                ));
                for c in &p.conditions {
                    items.push(w.f(
                        "Vilkår for {platform}: {condition}",
                        &[("platform", &p.platform), ("condition", &one_line(c))],
                    ));
                }
            }
            for c in &r.conditions {
                items.push(w.f("Vilkår: {condition}", &[("condition", &one_line(c))]));
            }
        }
        None => items.push(w.t("Ledelsens beslutning: ikke behandlet av ledelsen ennå.")),
    }
    items
}

/// The summary's lines on risk per platform (how many scored, how many in
/// the top band as each platform's assessment stands); returns the top
/// band's risks per platform, numbered as in the risk table.
fn risk_summary<'s>(
    items: &mut Vec<String>,
    o: &Outcome,
    library: &Library,
    standings: &[rules::Standing<'s>],
    w: &Words,
) -> Vec<(Option<&'s str>, Vec<String>)> {
    let risks = library.risks.assessable(&o.risk);
    let number = |id: &str| risks.iter().position(|r| r.id.as_str() == id);
    // Risk per platform: the top band as each platform's assessment stands.
    let mut tops = Vec::new();
    for s in standings {
        let part = rules::risk_for(o, s.platform);
        let scored = part
            .assessments
            .iter()
            .filter_map(RiskAssessment::current)
            .filter(|s| s.is_complete())
            .count();
        let scored = w.count(scored, "1 risiko", "{n} risikoer");
        let top = s.top_now.len();
        items.push(match s.platform {
            Some(p) => w.f(
                "Risiko for {platform}: {scored} vurdert, {top} i øverste bånd slik de står nå.",
                &[("platform", &p), ("scored", &scored), ("top", &top)],
            ),
            None => w.f(
                "Risiko: {scored} vurdert, {top} i øverste bånd slik de står nå.",
                &[("scored", &scored), ("top", &top)],
            ),
        });
        let top: Vec<String> = s
            .top_now
            .iter()
            .filter_map(|id| {
                let i = number(id)?;
                Some(format!("{} {}", i + 1, risks[i].title_in(w)))
            })
            .collect();
        if !top.is_empty() {
            tops.push((s.platform, top));
        }
    }
    tops
}

fn plan(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    b.push(Block::Heading(1, w.t("Tiltaksplan")));
    let plan = crate::plan::action_plan_in(o, library, w.malform());
    if plan.is_empty() {
        b.push(Block::Para(w.t("Ingen tiltak er registrert.")));
        return;
    }
    b.push(Block::Para(w.t(
        "Alle tiltak fra risikovurderingen og sjekklistene, etter frist. KS spør om tiltakene står i en handlingsplan der hvert tiltak har en ansvarlig og en frist.",
    )));
    b.push(Block::Table(Table {
        header: ["Nr", "Tiltak", "Ansvarlig", "Frist", "Status", "Fra"]
            .map(|h| w.t(h))
            .to_vec(),
        rows: plan
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut what = one_line(&m.text);
                if !m.note.is_empty() {
                    what.push_str(&w.f(" (Merknad: {note})", &[("note", &one_line(&m.note))]));
                }
                let mut from = m.origin.clone();
                if let Some(name) = measure_source(library, &m.source, w) {
                    from.push_str(&w.f(" (tiltak fra {name})", &[("name", &name)]));
                }
                vec![
                    (i + 1).to_string(),
                    what,
                    or_dash(&m.owner),
                    norwegian_day_or(m.due, &w.t("ingen")),
                    w.t(m.status.label()),
                    from,
                ]
            })
            .collect(),
        widths: vec![0.5, 3.5, 2.1, 1.4, 1.8, 3.0],
    }));
}

fn risks(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    b.push(Block::Heading(1, w.t("Risikovurdering")));
    let scales = &library.scales;
    let risks = library.risks.assessable(&o.risk);
    let assessed: Vec<(usize, &RiskInfo)> = risks
        .iter()
        .enumerate()
        .filter(|(_, r)| o.risk.get(&r.id).is_some())
        .collect();
    if assessed.is_empty() {
        b.push(Block::Para(w.t("Ingen risikoer er vurdert.")));
        return;
    }
    b.push(Block::Para(w.f(
        "Risiko = sannsynlighet (S) × konsekvens (K), hver fra 1 til 5. Skala og akseptkriterier: {source}",
        &[("source", &w.t(&scales.source))],
    )));
    b.push(Block::Fields(scale_fields(scales, w)));
    b.push(Block::Table(Table {
        header: ["Nr", "Risiko", "Før tiltak", "Behandling", "Etter tiltak"]
            .map(|h| w.t(h))
            .to_vec(),
        rows: assessed
            .iter()
            .filter_map(|(i, r)| {
                let a = o.risk.get(&r.id)?;
                Some(vec![
                    (i + 1).to_string(),
                    format!("{} ({})", r.title_in(w), w.t(r.group)),
                    score_text(a.inherent, library, w),
                    a.treatment.map_or("–".to_owned(), |t| w.t(t.label())),
                    score_text(a.residual, library, w),
                ])
            })
            .collect(),
        widths: vec![0.5, 4.5, 2.0, 1.5, 2.0],
    }));
    b.push(Block::Para(w.t(
        "(!) = øverste bånd. Tiltakene for hver risiko står i tiltaksplanen.",
    )));
    let notes: Vec<String> = assessed
        .iter()
        .filter_map(|(i, r)| {
            let a = o.risk.get(&r.id)?;
            (!a.note.trim().is_empty())
                .then(|| format!("{} {}: {}", i + 1, r.title_in(w), one_line(&a.note)))
        })
        .collect();
    if !notes.is_empty() {
        b.push(Block::Heading(2, w.t("Notater til risikoene")));
        b.push(Block::Bullets(notes));
    }
    b.push(Block::Heading(2, w.t("Risikomatrise før og etter tiltak")));
    b.push(Block::Para(w.t(
        "Tallene er risikoenes nummer i tabellen over. Sannsynlighet (S) oppover, konsekvens (K) bortover; fargen er båndet.",
    )));
    matrices(b, &matrix_points(&risks, &o.risk), scales, "", w);
    platform_matrices(b, o, &risks, scales, w);
}

/// The scales: each step of likelihood and consequence, and the bands with
/// what they accept.
fn scale_fields(scales: &Scales, w: &Words) -> Vec<(String, String)> {
    let steps = |steps: &[somevett_domain::risk::ScaleStep]| {
        steps
            .iter()
            .map(|s| format!("{} {}", s.value, w.t(&s.label)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let bands: Vec<String> = scales
        .bands
        .iter()
        .map(|band| {
            format!(
                "{} {}–{}: {}",
                w.t(&band.name),
                band.min,
                band.max,
                w.t(&band.acceptance)
            )
        })
        .collect();
    vec![
        (w.t("Sannsynlighet"), steps(&scales.likelihood)),
        (w.t("Konsekvens"), steps(&scales.consequence)),
        (w.t("Bånd"), bands.join("; ")),
    ]
}

/// A platform whose scores differ from the shared ones gets its own
/// matrices: what management decides for it rests on them.
fn platform_matrices(
    b: &mut Vec<Block>,
    o: &Outcome,
    risks: &[RiskInfo],
    scales: &Scales,
    w: &Words,
) {
    for platform in o.platforms.iter().filter(|_| o.platforms.len() > 1) {
        let own = o
            .risk
            .assessments
            .iter()
            .any(|a| a.platform(platform).is_some());
        if !own {
            continue;
        }
        b.push(Block::Heading(
            2,
            w.f(
                "Risikomatrise for {platform} før og etter tiltak",
                &[("platform", platform)],
            ),
        ));
        b.push(Block::Para(w.f(
            "Slik risikoene står for {platform}: egne skårer der {platform} har dem, ellers de felles; risikoer som ikke er relevante for {platform}, er utelatt.",
            &[("platform", platform)],
        )));
        let part = o.risk.for_platform(platform);
        matrices(b, &matrix_points(risks, &part), scales, platform, w);
    }
}

/// The before and after matrices of `points`; `platform` names whose they
/// are (empty: the shared scores).
fn matrices(
    b: &mut Vec<Block>,
    points: &[(usize, somevett_domain::risk::MatrixPoint)],
    scales: &somevett_domain::risk::Scales,
    platform: &str,
    w: &Words,
) {
    for (title, after) in [("Før tiltak", false), ("Etter tiltak", true)] {
        let title = w.t(title);
        let cells: Vec<Vec<MatrixCell>> = (1..=5u8)
            .rev()
            .map(|l| {
                (1..=5u8)
                    .map(|k| {
                        let v = l * k;
                        let band = scales
                            .bands
                            .iter()
                            .position(|b| b.min <= v && v <= b.max)
                            .unwrap_or(0);
                        MatrixCell {
                            likelihood: l,
                            consequence: k,
                            band,
                            band_name: scales.band(v).map_or(String::new(), |b| w.t(&b.name)),
                            top: scales.is_top(v),
                            markers: points
                                .iter()
                                .map(|(_, p)| p)
                                .filter(|p| {
                                    let s = if after { p.residual } else { p.inherent };
                                    s.is_some_and(|s| s.likelihood == l && s.consequence == k)
                                })
                                .map(|p| p.label.clone())
                                .collect(),
                        }
                    })
                    .collect()
            })
            .collect();
        let title = if platform.is_empty() {
            title
        } else {
            format!("{platform}: {}", title.to_lowercase())
        };
        let alt = matrix_alt(&title, &cells, w);
        b.push(Block::Matrix(Matrix {
            title,
            alt,
            axes: [w.t("Sannsynlighet (S)"), w.t("Konsekvens (K)")],
            cells,
        }));
    }
}

/// What a matrix shows, in words: its axes, its bands and where each risk
/// is, for a reader who cannot see it.
fn matrix_alt(title: &str, cells: &[Vec<MatrixCell>], w: &Words) -> String {
    let mut bands: Vec<&str> = Vec::new();
    let mut risks = Vec::new();
    for c in cells.iter().flatten() {
        if !bands.contains(&c.band_name.as_str()) {
            bands.push(&c.band_name);
        }
        if !c.markers.is_empty() {
            risks.push(w.f(
                "{risks} i S{s} × K{k} = {value} ({band})",
                &[
                    ("risks", &c.markers.join(", ")),
                    ("s", &c.likelihood),
                    ("k", &c.consequence),
                    (
                        "value",
                        &(u16::from(c.likelihood) * u16::from(c.consequence)),
                    ),
                    ("band", &c.band_name),
                ],
            ));
        }
    }
    let placed = if risks.is_empty() {
        w.t("Ingen risikoer er plassert.")
    } else {
        w.f(
            "Risikoene (nummer i tabellen): {risks}.",
            &[("risks", &risks.join("; "))],
        )
    };
    w.f(
        "{title}: rutenett med sannsynlighet (S) 1 til 5 nedover og konsekvens (K) 1 til 5 bortover; hver rute har produktet S × K og bokstaven for båndet ({bands}). {placed}",
        &[("title", &title), ("bands", &bands.join(", ")), ("placed", &placed)],
    )
}

/// «Plattformene side om side»: one row per listed platform and the
/// baseline, then where each platform's risk assessment differs.
fn platforms(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    if o.platforms.is_empty() {
        return;
    }
    b.push(Block::Heading(1, w.t("Plattformene side om side")));
    b.push(Block::Para(w.t(
        "Hver plattform er vurdert for seg (KS: vurderingen gjøres for plattformen det gjelder). Høyeste risiko nå er etter tiltak der det er vurdert, ellers før. Tredjeland og art. 26 (felles behandlingsansvar) er fra plattformkatalogen med kilder og dato; «ukjent» betyr at ingen kilde er funnet. «Ikke bruke plattformen» er grunnlinjen.",
    )));
    let columns = board(o, &library.scales, &library.platforms);
    b.push(Block::Table(Table {
        header: HEADINGS.map(|h| w.t(h)).to_vec(),
        rows: columns.iter().map(|c| texts_in(c, w).to_vec()).collect(),
        widths: vec![1.9, 1.9, 1.1, 1.1, 1.3, 1.1, 3.0],
    }));
    let risks = library.risks.assessable(&o.risk);
    let mut differences = Vec::new();
    for (i, r) in risks.iter().enumerate() {
        let Some(a) = o.risk.get(&r.id) else { continue };
        for p in &a.platforms {
            let mut what = Vec::new();
            if p.not_relevant {
                what.push(w.t("ikke relevant"));
            }
            if let Some(s) = p.inherent {
                what.push(w.f(
                    "før tiltak {score}",
                    &[("score", &score_text(Some(s), library, w))],
                ));
            }
            if let Some(s) = p.residual {
                what.push(w.f(
                    "etter tiltak {score}",
                    &[("score", &score_text(Some(s), library, w))],
                ));
            }
            if let Some(t) = p.treatment {
                what.push(w.f("behandling {how}", &[("how", &w.t(t.label()))]));
            }
            if !p.measures.is_empty() {
                what.push(w.f("{n} egne tiltak", &[("n", &p.measures.len())]));
            }
            if !p.note.trim().is_empty() {
                what.push(w.f("notat: {note}", &[("note", &one_line(&p.note))]));
            }
            differences.push(format!(
                "{} {} – {}: {}",
                i + 1,
                r.title_in(w),
                p.platform,
                what.join("; ")
            ));
        }
    }
    b.push(Block::Heading(
        2,
        w.t("Der plattformene skiller seg fra den felles vurderingen"),
    ));
    if differences.is_empty() {
        b.push(Block::Para(w.t(
            "Ingen: alle plattformene har den felles risikovurderingen.",
        )));
    } else {
        b.push(Block::Bullets(differences));
    }
}

fn wheel(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    let wheel = &library.wheel;
    b.push(Block::Heading(
        1,
        w.t("Etisk refleksjon (navigasjonshjulet)"),
    ));
    if !wheel.source.trim().is_empty() {
        b.push(Block::Para(
            w.f("Kilde: {source}", &[("source", &w.t(&wheel.source))]),
        ));
    }
    if o.wheel.reflections.is_empty() {
        b.push(Block::Para(w.t("Ingen refleksjoner er gjort.")));
        return;
    }
    for (n, r) in o.wheel.reflections.iter().enumerate() {
        b.push(Block::Heading(
            2,
            w.f(
                "Refleksjon {n}: {dilemma}",
                &[("n", &(n + 1)), ("dilemma", &r.dilemma)],
            ),
        ));
        b.push(Block::Table(stance_table(wheel, r, w)));
        let notes: Vec<String> = r
            .alternatives
            .iter()
            .flat_map(|a| {
                wheel.dimensions.iter().filter_map(move |d| {
                    let note = a
                        .get(&d.id)
                        .map(|x| x.note.trim())
                        .filter(|t| !t.is_empty())?;
                    Some(format!("{} / {}: {}", a.name, w.t(&d.name), one_line(note)))
                })
            })
            .collect();
        if !notes.is_empty() {
            b.push(Block::Lead(w.t("Notater:"), String::new()));
            b.push(Block::Bullets(notes));
        }
        let dividing: Vec<String> = r
            .dividing_dimensions(wheel)
            .iter()
            .filter_map(|id| wheel.dimensions.iter().find(|d| &d.id == id))
            .map(|d| w.t(&d.name))
            .collect();
        if !dividing.is_empty() {
            b.push(Block::Lead(
                w.t("Dimensjoner som skiller alternativene:"),
                dividing.join(", "),
            ));
        }
        let or_none = |s: &str, none: &str| {
            if s.trim().is_empty() {
                w.t(none)
            } else {
                one_line(s)
            }
        };
        b.push(Block::Lead(
            w.t("Hensyn som står mot hverandre:"),
            or_none(&r.conflicts, "ikke beskrevet"),
        ));
        b.push(Block::Lead(
            w.t("Valgt alternativ:"),
            r.chosen()
                .map_or_else(|| w.t("ikke valgt"), |a| a.name.clone()),
        ));
        b.push(Block::Lead(
            w.t("Begrunnelse:"),
            or_none(&r.justification, "ikke skrevet"),
        ));
    }
}

/// A reflection's stances: dimensions down, alternatives across, and a
/// sum row of what speaks for and against each.
fn stance_table(wheel: &Wheel, r: &Reflection, w: &Words) -> Table {
    let mut header = vec![w.t("Dimensjon")];
    header.extend(r.alternatives.iter().map(|a| a.name.clone()));
    let mut rows: Vec<Vec<String>> = wheel
        .dimensions
        .iter()
        .map(|d| {
            std::iter::once(w.t(&d.name))
                .chain(r.alternatives.iter().map(|a| {
                    a.stance(&d.id).map_or_else(
                        || w.t("ikke vurdert"),
                        |s| format!("{} {}", s.symbol(), w.t(s.label())),
                    )
                }))
                .collect()
        })
        .collect();
    rows.push(
        std::iter::once(w.t("Sum"))
            .chain((0..r.alternatives.len()).map(|i| {
                let s = r.summary(wheel, i);
                let values: [(&str, &dyn std::fmt::Display); 2] =
                    [("for", &s.for_.len()), ("against", &s.against.len())];
                if s.is_conflicted() {
                    w.f("{for} for, {against} mot, i konflikt", &values)
                } else {
                    w.f("{for} for, {against} mot", &values)
                }
            }))
            .collect(),
    );
    let mut widths = vec![1.5];
    widths.extend(r.alternatives.iter().map(|_| 2.0));
    Table {
        header,
        rows,
        widths,
    }
}

fn checklist_groups<'a>(
    b: &mut Vec<Block>,
    title: &str,
    source: &str,
    groups: impl Iterator<Item = (String, Vec<(&'a Question, String)>)>,
    o: &Outcome,
    w: &Words,
) {
    b.push(Block::Heading(1, w.t(title)));
    if !source.trim().is_empty() {
        b.push(Block::Para(
            w.f("Kilde: {source}", &[("source", &w.t(source))]),
        ));
    }
    for (heading, items) in groups {
        let (done, total) = o.checklists.progress(items.iter().map(|(_, k)| k.as_str()));
        b.push(Block::Heading(
            2,
            w.f(
                "{heading} ({done}/{total} vurdert)",
                &[("heading", &heading), ("done", &done), ("total", &total)],
            ),
        ));
        // Only what the team answered is listed; the rest is counted, so an
        // unanswered checklist is one line, not a page of «ikke vurdert».
        let answered: Vec<_> = items
            .iter()
            .filter(|(_, key)| {
                o.checklists.get(key).is_some_and(|a| {
                    a.status.is_assessed()
                        || !a.note.trim().is_empty()
                        || a.measure.is_some()
                        || !a.platforms.is_empty()
                })
            })
            .collect();
        let open = total - done;
        if answered.is_empty() {
            b.push(Block::Para(w.f(
                "Ingen av de {total} spørsmålene er vurdert.",
                &[("total", &total)],
            )));
            continue;
        }
        b.push(Block::Table(Table {
            header: ["Spørsmål", "Svar", "Notat og tiltak"]
                .map(|h| w.t(h))
                .to_vec(),
            rows: answered
                .iter()
                .map(|(q, key)| {
                    let a = o.checklists.get(key);
                    let status = a.map_or(Status::IkkeVurdert, |a| a.status);
                    let mut note = a.map_or(String::new(), |a| one_line(&a.note));
                    if let Some(m) = a.and_then(|a| a.measure.as_ref()) {
                        if !note.is_empty() {
                            note.push(' ');
                        }
                        note.push_str(&w.f(
                            "Tiltak: {measure} (se tiltaksplanen)",
                            &[("measure", &one_line(&m.text))],
                        ));
                    }
                    // A platform's own answer, note or measure, named.
                    let mut answer = w.t(status.label());
                    for p in a.map_or(&[][..], |a| &a.platforms) {
                        if let Some(s) = p.status {
                            answer.push_str(&format!("; {}: {}", p.platform, w.t(s.label())));
                        }
                        let mut own = one_line(&p.note);
                        if let Some(m) = &p.measure {
                            if !own.is_empty() {
                                own.push(' ');
                            }
                            own.push_str(&w.f(
                                "Tiltak: {measure} (se tiltaksplanen)",
                                &[("measure", &one_line(&m.text))],
                            ));
                        }
                        if !own.is_empty() {
                            if !note.is_empty() {
                                note.push(' ');
                            }
                            note.push_str(&format!("{}: {own}", p.platform));
                        }
                    }
                    vec![w.t(&q.text), answer, or_dash(&note)]
                })
                .collect(),
            widths: vec![6.0, 1.1, 2.9],
        }));
        if open > 0 {
            b.push(Block::Para(w.f(
                "{open} av {total} spørsmål er ikke vurdert ennå.",
                &[("open", &open), ("total", &total)],
            )));
        }
    }
}

fn checklists(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    checklist_groups(
        b,
        "Vurdering etter KS-veilederen",
        &library.assessment.source,
        library.assessment.groups().into_iter().map(|g| {
            (
                format!("{} ({})", w.t(g.title), w.t(g.subtitle)),
                g.questions,
            )
        }),
        o,
        w,
    );
    checklist_groups(
        b,
        "Dilemmasjekklister",
        &library.dilemmas.source,
        library
            .dilemmas
            .groups()
            .into_iter()
            .map(|g| (w.t(g.title), g.questions)),
        o,
        w,
    );
}

fn decisions(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    b.push(Block::Heading(1, w.t("Ledelsens beslutning")));
    let part = &o.decision;
    let Some(latest) = part.latest() else {
        b.push(Block::Para(
            w.t("Ledelsen har ikke behandlet vurderingen ennå."),
        ));
        voices::dissent_beside_decision(b, o, library, w);
        return;
    };
    b.push(Block::Lead(
        format!(
            "{} ({}, {}).",
            w.t(latest.decision.label()).to_uppercase(),
            or_dash(&latest.decided_by),
            round_date(latest, w)
        ),
        overall_meaning(latest, w),
    ));
    voices::dissent_beside_decision(b, o, library, w);
    if !latest.decided_apart().is_empty() {
        b.push(Block::Bullets(
            latest
                .decided_apart()
                .iter()
                .map(|p| {
                    format!(
                        "{}: {}. {}",
                        p.platform,
                        w.t(p.decision.label()).to_uppercase(),
                        w.t(p.decision.meaning())
                    )
                })
                .collect(),
        ));
    }
    for s in rules::standings(o, &library.scales) {
        if !s.required {
            continue;
        }
        let asked = w.t(match s.asked {
            Some(true) => "Kommunen har bedt Datatilsynet om forhåndsdrøftelse.",
            _ => "Det er ikke registrert at Datatilsynet er bedt om forhåndsdrøftelse.",
        });
        let whose = s.platform.map_or(String::new(), |p| format!("{p}: "));
        b.push(Block::Para(format!(
            "{whose}{} {asked}",
            w.t("Vurderingen har vært i ledelsen mer enn én gang, restrisikoen er fortsatt i øverste bånd og kommunen ønsker fortsatt plattformen: etter KS kap. 8 må kommunen anmode Datatilsynet om forhåndsdrøftelse og dokumentere at den ikke greier å gjøre risikoen lavere. (Forhåndsdrøftelse er regulert i personvernforordningen art. 36; KS viser ikke til artikkelen.)")
        )));
    }
    b.push(Block::Heading(2, w.t("Historikk")));
    for (i, r) in part.rounds.iter().enumerate() {
        b.push(Block::Heading(
            3,
            w.f(
                "Runde {n}: {decision}",
                &[("n", &(i + 1)), ("decision", &w.t(r.decision.label()))],
            ),
        ));
        b.push(Block::Fields(round_fields(r, w)));
        for review in part.reviews.iter().filter(|v| v.round == i + 1) {
            review_blocks(b, review, w);
        }
    }
}

/// A review of a round (issue 25): when, by whom, whether the change was
/// material, what had changed, and whether each measure worked.
fn review_blocks(b: &mut Vec<Block>, r: &somevett_domain::ground::Review, w: &Words) {
    let when = r.date.map_or_else(|| w.t("uten dato"), |d| d.to_string());
    b.push(Block::Heading(
        4,
        w.f(
            "Gjennomgang av runde {n} ({when})",
            &[("n", &r.round), ("when", &when)],
        ),
    ));
    let mut fields = Vec::new();
    if !r.by.trim().is_empty() {
        fields.push((w.t("Gjennomgått av"), r.by.clone()));
    }
    fields.push((
        w.t("Vesentlig endring"),
        w.t(if r.material {
            "ja: ledelsen må beslutte på nytt"
        } else {
            "nei: beslutningen står"
        }),
    ));
    if !r.note.trim().is_empty() {
        fields.push((w.t("Merknad"), r.note.clone()));
    }
    b.push(Block::Fields(fields));
    if r.changes.is_empty() {
        b.push(Block::Para(w.t("Ingenting var endret siden runden.")));
    } else {
        b.push(Block::Para(w.t("Endret siden runden:")));
        b.push(Block::Bullets(r.changes.clone()));
    }
    if !r.measures.is_empty() {
        b.push(Block::Table(Table {
            header: vec![w.t("Tiltak"), w.t("Virket")],
            rows: r
                .measures
                .iter()
                .map(|m| vec![m.text.clone(), w.t(m.worked.label())])
                .collect(),
            widths: vec![4.0, 1.2],
        }));
    }
}

/// A round in the history: what was decided, for each platform when it
/// decided apart, and every correction with what it changed.
fn round_fields(r: &DecisionRound, w: &Words) -> Vec<(String, String)> {
    let yes_no = |v: bool| w.t(if v { "ja" } else { "nei" });
    let asked = |v: Option<bool>| {
        v.map_or("–".to_owned(), |v| {
            w.t(if v { "bedt om" } else { "ikke bedt om" })
        })
    };
    let date = round_date(r, w);
    let mut fields = vec![
        (w.t("Dato"), date),
        (w.t("Besluttet av"), or_dash(&r.decided_by)),
    ];
    for c in &r.conditions {
        fields.push((w.t("Vilkår"), one_line(c)));
    }
    fields.push((w.t("Begrunnelse"), or_dash(&one_line(&r.justification))));
    let apart = r.decided_apart();
    if apart.is_empty() {
        fields.push((w.t("Ønsker plattformen"), yes_no(r.wants_platform)));
        fields.push((w.t("Restrisiko i øverste bånd"), yes_no(r.residual_top)));
        fields.push((w.t("Forhåndsdrøftelse"), asked(r.prior_consultation)));
    }
    for p in apart {
        fields.extend(platform_fields(r, p, w));
    }
    if let Some(reading) = r.reading {
        fields.push((w.t("Forhåndsdrøftelse lest etter"), w.t(reading.label())));
    }
    if r.computed_the_old_way() {
        fields.push((
            w.t("Merk"),
            w.t("Flagget for øverste bånd i denne runden ble regnet ut fra de felles skårene, ikke fra hver plattforms egne."),
        ));
    }
    if !r.note.trim().is_empty() {
        fields.push((w.t("Merknad"), one_line(&r.note)));
    }
    for c in &r.corrections {
        fields.push((w.t("Rettet"), correction_text(c, w)));
    }
    fields
}

/// One platform's part of a round: its decision, conditions, wish, top
/// band and prior consultation.
fn platform_fields(r: &DecisionRound, p: &PlatformDecision, w: &Words) -> Vec<(String, String)> {
    let yes_no = |v: bool| w.t(if v { "ja" } else { "nei" });
    let name = p.platform.as_str();
    let named = |template: &str| w.f(template, &[("name", &name)]);
    let mut fields = vec![(named("Beslutning for {name}"), w.t(p.decision.label()))];
    for c in &p.conditions {
        fields.push((named("Vilkår for {name}"), one_line(c)));
    }
    fields.push((
        named("{name}: ønsker plattformen"),
        yes_no(r.wants(Some(name))),
    ));
    let top = yes_no(r.top(Some(name)));
    fields.push((
        named("{name}: restrisiko i øverste bånd"),
        if p.residual_top.is_none() {
            w.f(
                "{top} (de felles skårene: runden ble registrert før hver plattform ble vurdert for seg)",
                &[("top", &top)],
            )
        } else {
            top
        },
    ));
    fields.push((
        named("{name}: forhåndsdrøftelse"),
        r.asked(Some(name)).map_or("–".to_owned(), |v| {
            w.t(if v { "bedt om" } else { "ikke bedt om" })
        }),
    ));
    fields
}

/// A correction: when, by whom, what changed (or, before format 5, what
/// the round said before) and why.
fn correction_text(c: &Correction, w: &Words) -> String {
    let who = if c.corrected_by.is_empty() {
        String::new()
    } else {
        w.f(" av {who}", &[("who", &c.corrected_by)])
    };
    let why = if c.reason.is_empty() {
        String::new()
    } else {
        w.f(
            " Hvorfor: {why}.",
            &[("why", &one_line(&c.reason).trim_end_matches('.'))],
        )
    };
    let what = if c.changes.is_empty() {
        w.f(
            "før rettingen «{decision}», {justification} ({by}, {date})",
            &[
                ("decision", &w.t(c.decision.label())),
                ("justification", &one_line(&c.justification)),
                ("by", &c.decided_by),
                ("date", &norwegian_day_or(c.date, &w.t("ingen dato"))),
            ],
        )
    } else {
        let changes: Vec<String> = c
            .changes
            .iter()
            .map(|f| {
                format!(
                    "{}: {} → {}",
                    w.t(&f.field),
                    one_line(&f.before),
                    one_line(&f.after)
                )
            })
            .collect();
        w.f("endret {changes}", &[("changes", &changes.join("; "))])
    };
    format!("{}{who}: {what}.{why}", norwegian_time(c.corrected))
}

/// Who decided and when; lines to sign only once management has decided (a
/// draft has nothing to sign).
fn signatures(b: &mut Vec<Block>, o: &Outcome, w: &Words) {
    if o.decision.rounds.is_empty() {
        return;
    }
    b.push(Block::Heading(1, w.t("Godkjenning")));
    let by = o
        .decision
        .latest()
        .map(|r| {
            w.f(
                "Besluttet av {by} den {date}.",
                &[("by", &or_dash(&r.decided_by)), ("date", &round_date(r, w))],
            )
        })
        .unwrap_or_else(|| w.t("Ikke besluttet ennå."));
    b.push(Block::Para(by));
    b.push(Block::Signatures(vec![
        w.t("Sted og dato"),
        w.t("Signatur, den som besluttet"),
        w.t("Signatur, saksbehandler"),
    ]));
}

/// Where a measure picked from the sources comes from, in words: KS's
/// measures for a privacy goal, or a risk scenario's own; None for one the
/// team wrote.
pub(crate) fn measure_source(library: &Library, source: &str, w: &Words) -> Option<String> {
    if source.trim().is_empty() {
        return None;
    }
    if let Some(rest) = source.strip_prefix("scenario.") {
        let id = rest.rsplit_once('.').map_or(rest, |(id, _)| id);
        return library
            .risks
            .scenarios
            .iter()
            .find(|s| s.id == id)
            .map(|s| w.f("risikoscenarioet «{title}»", &[("title", &w.t(&s.title))]));
    }
    let goal = source.split('.').next()?;
    library.risks.goal(goal).map(|g| {
        w.f(
            "{source}, for {goal}",
            &[("source", &w.t(&g.source)), ("goal", &w.t(&g.name))],
        )
    })
}

fn sources(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    b.push(Block::Heading(1, w.t("Kilder")));
    // Each document once, under the short name the lists below cite it by.
    b.push(Block::Bullets(
        library
            .documents
            .iter()
            .map(|d| {
                if d.short_name() == d.issuer {
                    d.citation_in(w)
                } else {
                    format!("{} – {}", w.t(d.short_name()), d.citation_in(w))
                }
            })
            .collect(),
    ));
    let scenarios: Vec<String> = library
        .risks
        .scenarios
        .iter()
        .filter(|s| o.risk.get(RiskId::scenario(&s.id)).is_some())
        .map(|s| {
            format!(
                "{}: {}",
                w.t(&s.title),
                short_citations(library, &s.sources, w)
            )
        })
        .collect();
    if !scenarios.is_empty() {
        b.push(Block::Para(w.t(
            "Risikoscenarioene er skrevet for somevett og bygger på disse punktene i kildene over:",
        )));
        b.push(Block::Bullets(scenarios));
    }
}

/// Items by their document's short name and their places, each document
/// once («KS: Kap. 2.2, s. 8 ff.; Kap. 7, tabell»): the full reference is in
/// the sources list once per document (report.md §2).
fn short_citations(library: &Library, ids: &[String], w: &Words) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for id in ids {
        let (name, place) = match library.find(id) {
            Some(v) => (w.t(v.document.short_name()), v.item.place.to_string()),
            None => (id.clone(), String::new()),
        };
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, places)) => {
                if !place.is_empty() && !places.contains(&place) {
                    places.push(place);
                }
            }
            None => groups.push((
                name,
                [place].into_iter().filter(|p| !p.is_empty()).collect(),
            )),
        }
    }
    groups
        .into_iter()
        .map(|(name, places)| {
            if places.is_empty() {
                name
            } else {
                format!("{name}: {}", places.join("; "))
            }
        })
        .collect::<Vec<_>>()
        .join(". ")
}

/// The title of the case's one attachment: the cited guideline items.
pub const ATTACHMENT_TITLE: &str = "Vedlegg 1: Punktene i kildene som er sitert";

/// The main document's list of attachments: the cited guideline texts are
/// a vedlegg of their own (a second document beside the report), so what
/// management reads stays short.
fn attachments(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    if library.cited_items(o).is_empty() {
        return;
    }
    b.push(Block::Heading(1, w.t("Vedlegg")));
    b.push(Block::Bullets(vec![format!(
        "{}: {}",
        w.t(ATTACHMENT_TITLE),
        w.t("teksten til hvert punkt sjekklistene og risikoscenarioene bygger på, med hvor i kilden det står.")
    )]));
}

/// The attachment of `main` (the report of `outcome`, already built) as a
/// document of its own, of the same date and metadata: the guideline items
/// the report cites; None when it cites none.
pub fn attachment(outcome: &Outcome, library: &Library, main: &Report) -> Option<Report> {
    let ids = library.cited_items(outcome);
    if ids.is_empty() {
        return None;
    }
    let date = main.date;
    let w = library.words(outcome.public.malform);
    let title = w.t(ATTACHMENT_TITLE);
    let mut b = vec![Block::Title(title.clone())];
    let mut fields = vec![(w.t("Til saken"), outcome.title.clone())];
    if !outcome.case_ref.trim().is_empty() {
        fields.push((w.t("Saksnummer"), outcome.case_ref.trim().to_owned()));
    }
    if let Some(d) = date {
        fields.push((w.t("Dokumentdato"), norwegian_date(d)));
    }
    b.push(Block::Fields(fields));
    appendix(&mut b, library, &ids, &w);
    Some(Report {
        title: format!("{title} – {}", outcome.title),
        header: format!("{} · {}", w.t("Vedlegg 1"), main.header),
        author: main.author.clone(),
        subject: main.subject.clone(),
        keywords: main.keywords.clone(),
        updated: main.updated,
        date,
        lang: main.lang.clone(),
        blocks: b,
        untranslated: w.missing(),
    })
}

fn appendix(b: &mut Vec<Block>, library: &Library, ids: &[String], w: &Words) {
    b.push(Block::Para(w.t(
        "Teksten til hvert punkt i kildene som sjekklistene og risikoscenarioene bygger på, med hvor i kilden det står. Merknader fra somevett står for seg og er ikke en del av kilden.",
    )));
    let found = ids.iter().filter_map(|id| library.find(id));
    for (n, v) in (1..).zip(found) {
        // Numbered, and where the item is in its source, as a reader finds
        // it (not its internal id).
        b.push(Block::Heading(
            3,
            format!(
                "{n}. {}, {}",
                w.t(v.document.short_name()),
                v.document.locate(v.section, v.item)
            ),
        ));
        b.push(Block::Para(v.item.text.to_string()));
        let mut fields = vec![(w.t("Kilde"), v.document.cite_in(v.section, v.item, w))];
        if let Some(note) = &v.item.note {
            fields.push((w.t(somevett_domain::guideline::NOTE_HEADING), w.t(note)));
        }
        b.push(Block::Fields(fields));
    }
}
