//! What the public reads (issue 27), written from the decision: the page's
//! privacy statement (art. 13 and 14, with the essence of a joint
//! controllership, art. 26(2)), its comment rules («Om denne siden») and a
//! row per platform for the record of processing (art. 30(1)), in the
//! outcome's målform. Every sentence comes from an outcome field, a
//! platform fact or a source item (quoted in its own words); a field the
//! outcome does not have is a visible «[fyll inn: …]», and a fact under
//! appeal or older than 12 months is marked for review. The texts end with
//! where each part came from, for the municipality to check and remove.

use somevett_content::Library;
use somevett_domain::Outcome;
use somevett_domain::case::LegalBasis;
use somevett_domain::date::Date;
use somevett_domain::decision::Decision;
use somevett_domain::platform::{Fact, FactStatus, Platform, STALE_AFTER_MONTHS, Source};
use somevett_domain::public::Malform;
use somevett_domain::words::Words;

use crate::report::{Block, Report};

/// Which public text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicKind {
    /// The page's privacy statement.
    Personvern,
    /// The rules for comments and messages.
    Kommentarregler,
}

impl PublicKind {
    pub fn label(self) -> &'static str {
        match self {
            PublicKind::Personvern => "personvernerklæring",
            PublicKind::Kommentarregler => "kommentarregler",
        }
    }
}

/// A public text, with what it still lacks.
#[derive(Debug, Clone)]
pub struct PublicText {
    pub report: Report,
    /// Each «[fyll inn: …]» and «[til vurdering …]» in it, as written.
    pub gaps: Vec<String>,
}

/// Builds one text: sentences and the trace of where each part came from.
struct Writer<'a> {
    outcome: &'a Outcome,
    library: &'a Library,
    platform: &'a str,
    fact: Option<&'a Platform>,
    malform: Malform,
    today: Option<Date>,
    blocks: Vec<Block>,
    trace: Vec<String>,
    gaps: Vec<String>,
}

impl<'a> Writer<'a> {
    fn t(&self, key: &str) -> String {
        self.library.public.get(key, self.malform)
    }

    /// The content's own words (a status, a publisher's note, how a
    /// document is cited) in the målform, from `data/nn/`.
    fn words(&self) -> Words<'a> {
        self.library.words(self.malform)
    }

    /// Where an item is, cited in the målform.
    fn cite(&self, v: &somevett_content::ItemView) -> String {
        v.document.cite_in(v.section, v.item, &self.words())
    }

    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut all: Vec<(&str, &str)> = vec![("plattform", self.platform)];
        all.extend_from_slice(values);
        self.library.public.fill(key, self.malform, &all)
    }

    /// A gap the municipality must fill: «[fyll inn: what]», remembered.
    fn gap(&mut self, what_key: &str) -> String {
        let what = self.fill(what_key, &[]);
        let text = format!("[{}: {what}]", self.t("fyll"));
        self.gaps.push(text.clone());
        text
    }

    /// An outcome field's text, or a gap.
    fn field(&mut self, value: &str, what_key: &str) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.gap(what_key)
        } else {
            value.to_owned()
        }
    }

    /// A part that carries one outcome field: its heading, the sentence
    /// with the field's value (or its gap) in `{name}`, and where it came
    /// from.
    fn field_part(&mut self, heading: &str, sentence: &str, field: (&str, &str, &str), from: &str) {
        let (name, value, missing) = field;
        let h = self.heading(heading);
        let value = self.field(value, missing);
        let text = self.fill(sentence, &[(name, &value)]);
        self.para(text);
        self.traced_to_field(&h, from);
    }

    fn heading(&mut self, key: &str) -> String {
        let h = self.fill(key, &[]);
        self.blocks.push(Block::Heading(2, h.clone()));
        h
    }

    fn para(&mut self, text: String) {
        self.blocks.push(Block::Para(text));
    }

    fn traced_to_field(&mut self, heading: &str, field: &str) {
        let from = self
            .library
            .public
            .fill("fra.felt", self.malform, &[("felt", field)]);
        self.trace.push(format!("{heading}: {from}"));
    }

    fn traced_to_items(&mut self, heading: &str, section: &str) {
        for id in self.library.public.items(section) {
            let cite = self
                .library
                .find(id)
                .map_or_else(|| id.clone(), |v| format!("{id}, {}", self.cite(&v)));
            let from = self
                .library
                .public
                .fill("fra.punkt", self.malform, &[("punkt", &cite)]);
            self.trace.push(format!("{heading}: {from}"));
        }
    }

    /// The items a section quotes, in their own words with their citation.
    fn quotes(&self, section: &str) -> Vec<String> {
        self.library
            .public
            .items(section)
            .iter()
            .filter_map(|id| self.library.find(id))
            .map(|v| format!("«{}» ({})", v.item.text.trim(), self.cite(&v)))
            .collect()
    }

    /// A platform fact's answer, marked for review when it is under appeal
    /// (or set aside, or history) or older than 12 months; its sources.
    fn fact(&mut self, heading: &str, fact: Option<&Fact>, what_key: &str) -> Option<bool> {
        let Some(Fact::Known {
            answer,
            sources,
            checked,
            status,
            ..
        }) = fact
        else {
            return None;
        };
        let what = self.t(what_key);
        let status_label = self.words().t(status.label());
        if *status != FactStatus::Gjeldende {
            let mark = format!(
                "[{}]",
                self.library.public.fill(
                    "vurder",
                    self.malform,
                    &[("hva", &what), ("status", &status_label), ("dato", checked)]
                )
            );
            self.gaps.push(mark.clone());
            self.para(mark);
        } else if self.stale(checked) {
            let mark = format!(
                "[{}]",
                self.library.public.fill(
                    "vurder.gammel",
                    self.malform,
                    &[("hva", &what), ("dato", checked)]
                )
            );
            self.gaps.push(mark.clone());
            self.para(mark);
        }
        let from = self.library.public.fill(
            "fra.faktum",
            self.malform,
            &[
                ("hva", &what),
                ("plattform", self.platform),
                ("dato", checked),
                ("status", &status_label),
            ],
        );
        self.trace.push(format!("{heading}: {from}"));
        self.sources(sources);
        *answer
    }

    /// A sentence that rests on a platform fact, written from the fact's
    /// answer, followed by the fact's review mark and its sources.
    fn fact_part(
        &mut self,
        heading: &str,
        fact: Option<&Fact>,
        what_key: &str,
        sentence: impl FnOnce(&mut Self, Option<bool>) -> String,
    ) {
        let at = self.blocks.len();
        let answer = self.fact(heading, fact, what_key);
        let text = sentence(self, answer);
        self.blocks.insert(at, Block::Para(text));
    }

    fn stale(&self, checked: &str) -> bool {
        let Some(today) = self.today else {
            return false;
        };
        let Ok(limit) = today.checked_sub(jiff::Span::new().months(STALE_AFTER_MONTHS)) else {
            return false;
        };
        checked.parse::<Date>().is_ok_and(|d| d < limit)
    }

    fn sources(&mut self, sources: &[Source]) {
        if sources.is_empty() {
            return;
        }
        self.para(self.t("personvern.kilder"));
        let w = self.words();
        self.blocks.push(Block::Bullets(
            sources
                .iter()
                .map(|s| {
                    // A title stays as published; somevett's note on the
                    // publisher follows the målform.
                    let publisher = w.t(&s.publisher);
                    match &s.url {
                        Some(url) => format!("{} ({publisher}): {url}", s.title),
                        None => format!("{} ({publisher})", s.title),
                    }
                })
                .collect(),
        ));
    }

    fn municipality(&mut self) -> String {
        let name = self.outcome.municipality.clone();
        self.field(&name, "mangler.kommune")
    }

    /// The last part: where each part came from, for the municipality.
    fn finish(mut self, title: String) -> PublicText {
        self.blocks
            .push(Block::Heading(2, self.t("grunnlagstekst.h")));
        self.blocks.push(Block::Para(self.t("grunnlagstekst")));
        self.blocks
            .push(Block::Bullets(std::mem::take(&mut self.trace)));
        let o = self.outcome;
        let mut blocks = vec![Block::Title(title.clone())];
        blocks.append(&mut self.blocks);
        PublicText {
            report: Report {
                title: title.clone(),
                header: title,
                author: [o.municipality.trim(), o.unit.trim()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                subject: title_subject(self.malform),
                keywords: vec![
                    "personvern".to_owned(),
                    match self.malform {
                        Malform::Bokmal => "sosiale medier",
                        Malform::Nynorsk => "sosiale medium",
                    }
                    .to_owned(),
                    self.platform.to_owned(),
                ],
                updated: o.updated,
                date: self.today,
                lang: self.malform.lang().to_owned(),
                blocks,
                untranslated: Vec::new(),
            },
            gaps: self.gaps,
        }
    }
}

fn title_subject(m: Malform) -> String {
    match m {
        Malform::Bokmal => "Informasjon til publikum om kommunens side i sosiale medier".into(),
        Malform::Nynorsk => "Informasjon til publikum om sida til kommunen i sosiale medium".into(),
    }
}

fn basis_key(b: LegalBasis) -> &'static str {
    match b {
        LegalBasis::OffentligOppgave => "grunnlag.offentlig_oppgave",
        LegalBasis::RettsligForpliktelse => "grunnlag.rettslig_forpliktelse",
        LegalBasis::Samtykke => "grunnlag.samtykke",
        LegalBasis::BerettigetInteresse => "grunnlag.berettiget_interesse",
    }
}

fn writer<'a>(
    outcome: &'a Outcome,
    library: &'a Library,
    platform: &'a str,
    today: Option<Date>,
) -> Writer<'a> {
    Writer {
        outcome,
        library,
        platform,
        fact: library.platforms.find(platform),
        malform: outcome.public.malform,
        today,
        blocks: Vec::new(),
        trace: Vec::new(),
        gaps: Vec::new(),
    }
}

/// The page's privacy statement for `platform`, as the two source
/// statements are built: who is responsible (and the joint controllership),
/// the DPO, purpose and basis, the data and whose, recipients, transfer,
/// retention, rights, complaint, and what the municipality does not do.
pub fn privacy_statement(
    outcome: &Outcome,
    library: &Library,
    platform: &str,
    today: Option<Date>,
) -> PublicText {
    let mut w = writer(outcome, library, platform, today);
    let p = &outcome.processing;
    let public = &outcome.public;
    let kommune = w.municipality();
    let title = w.fill("personvern.tittel", &[("kommune", &kommune)]);
    let intro = w.fill("personvern.innledning", &[("kommune", &kommune)]);
    w.para(intro);

    let h = w.heading("personvern.h.ansvarlig");
    let text = w.fill("personvern.ansvarlig", &[("kommune", &kommune)]);
    w.para(text);
    let contact = w.field(&public.controller_contact, "mangler.kontakt");
    let text = w.fill("personvern.kontakt", &[("kontakt", &contact)]);
    w.para(text);
    w.traced_to_field(&h, "kommune, kontakt (Vurdering, o)");
    let joint = w.fact.map(|f| &f.joint_controller);
    w.fact_part(&h, joint, "hva.felles", |w, answer| match answer {
        Some(true) => w.fill("personvern.felles.ja", &[("kommune", &kommune)]),
        _ => w.fill("personvern.felles.nei", &[("kommune", &kommune)]),
    });

    w.field_part(
        "personvern.h.pvo",
        "personvern.pvo",
        ("kontakt", &public.dpo_contact, "mangler.pvo"),
        "personvernombudets kontakt",
    );
    w.field_part(
        "personvern.h.formal",
        "personvern.formal",
        ("formal", &p.purpose, "mangler.formal"),
        "formål (KS kap. 2)",
    );

    let h = w.heading("personvern.h.grunnlag");
    let basis = match p.basis {
        Some(b) => w.t(basis_key(b)),
        None => w.gap("mangler.grunnlag"),
    };
    let text = w.fill("personvern.grunnlag", &[("grunnlag", &basis)]);
    w.para(text);
    let law = w.field(&p.supplementary_law, "mangler.lov");
    let text = w.fill("personvern.supplerende", &[("lov", &law)]);
    w.para(text);
    w.traced_to_field(
        &h,
        "behandlingsgrunnlag og supplerende rettsgrunnlag (KS kap. 5)",
    );

    let h = w.heading("personvern.h.opplysninger");
    let categories = w.field(&public.data_categories, "mangler.kategorier");
    let text = w.fill("personvern.kategorier", &[("kategorier", &categories)]);
    w.para(text);
    let subjects = w.field(&p.subjects, "mangler.registrerte");
    let text = w.fill("personvern.registrerte", &[("registrerte", &subjects)]);
    w.para(text);
    w.traced_to_field(&h, "kategorier av opplysninger; registrerte (KS kap. 2)");

    let h = w.heading("personvern.h.mottakere");
    let text = w.fill("personvern.plattform", &[]);
    w.para(text);
    let recipients = w.field(&public.recipients, "mangler.mottakere");
    let text = w.fill("personvern.mottakere", &[("mottakere", &recipients)]);
    w.para(text);
    w.traced_to_field(&h, "mottakere");

    let h = w.heading("personvern.h.overforing");
    let transfers = w.fact.map(|f| &f.transfers);
    w.fact_part(&h, transfers, "hva.overforing", |w, answer| match answer {
        Some(true) => w.fill("personvern.overforing.ja", &[]),
        Some(false) => w.fill("personvern.overforing.nei", &[]),
        None => w.gap("mangler.overforing"),
    });

    w.field_part(
        "personvern.h.lagring",
        "personvern.lagring",
        ("lagring", &p.retention, "mangler.lagring"),
        "lagringstid (KS kap. 2)",
    );

    let h = w.heading("personvern.h.rettigheter");
    let text = w.t("personvern.rettigheter");
    w.para(text);
    let text = w.fill("personvern.bruke", &[("kontakt", &contact)]);
    w.para(text);
    w.traced_to_items(&h, "personvern.rettigheter");

    let h = w.heading("personvern.h.klage");
    let text = w.t("personvern.klage");
    w.para(text);
    w.traced_to_items(&h, "personvern.klage");

    let h = w.heading("personvern.h.ikke");
    let channel = w.field(&public.case_channel, "mangler.kanal");
    let text = w.fill("personvern.ikke", &[("kanal", &channel)]);
    w.para(text);
    w.traced_to_items(&h, "personvern.ikke");
    w.finish(title)
}

/// Whether a measure or condition is about comments and messages.
fn about_comments(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "kommentar",
        "melding",
        "moder",
        "innlegg",
        "innboks",
        "chat",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The rules for comments and messages on the page for `platform`: when
/// they are read, what management decided (its conditions and the measures
/// about comments), what may be deleted (the sources' rules, quoted), and
/// where a case goes instead.
pub fn comment_rules(
    outcome: &Outcome,
    library: &Library,
    platform: &str,
    today: Option<Date>,
) -> PublicText {
    let mut w = writer(outcome, library, platform, today);
    let public = &outcome.public;
    let kommune = w.municipality();
    let title = w.fill("kommentar.tittel", &[("kommune", &kommune)]);
    let intro = w.fill("kommentar.innledning", &[("kommune", &kommune)]);
    w.para(intro);

    w.field_part(
        "kommentar.h.moderering",
        "kommentar.moderering",
        ("moderering", &public.moderation, "mangler.moderering"),
        "moderering",
    );

    let h = w.heading("kommentar.h.bestemt");
    let mut decided: Vec<String> = Vec::new();
    if let Some((n, round)) = outcome.decision.rounds.iter().enumerate().next_back() {
        // The round's conditions and the platform's own.
        let own = round
            .platform(platform)
            .map_or(&[][..], |p| &p.conditions[..]);
        let conditions: Vec<&String> = round.conditions.iter().chain(own).collect();
        for c in conditions.into_iter().filter(|c| about_comments(c)) {
            decided.push(c.trim().to_owned());
            let from = library.public.fill(
                "fra.beslutning",
                w.malform,
                &[("runde", &(n + 1).to_string())],
            );
            w.trace.push(format!("{h}: {from}"));
        }
    }
    for a in &outcome.risk.assessments {
        if !a.relevant_for(platform) {
            continue;
        }
        for m in a.for_platform(platform).measures {
            if about_comments(&m.text) && !decided.contains(&m.text) {
                let from =
                    library
                        .public
                        .fill("fra.tiltak", w.malform, &[("tiltak", m.text.trim())]);
                w.trace.push(format!("{h}: {from}"));
                decided.push(m.text.trim().to_owned());
            }
        }
    }
    if decided.is_empty() {
        let text = w.fill("kommentar.ingen.bestemt", &[]);
        w.gaps.push(text.clone());
        w.para(text);
    } else {
        let text = w.fill("kommentar.bestemt", &[]);
        w.para(text);
        w.blocks.push(Block::Bullets(decided));
    }

    let h = w.heading("kommentar.h.regler");
    let text = w.t("kommentar.regler");
    w.para(text);
    let quotes = w.quotes("kommentar.regler");
    w.blocks.push(Block::Bullets(quotes));
    w.traced_to_items(&h, "kommentar.regler");

    let h = w.heading("kommentar.h.sak");
    let channel = w.field(&public.case_channel, "mangler.kanal");
    let text = w.fill("kommentar.sak", &[("kanal", &channel)]);
    w.para(text);
    let quotes = w.quotes("kommentar.sak");
    w.blocks.push(Block::Bullets(quotes));
    w.traced_to_items(&h, "kommentar.sak");
    let text = w.t("kommentar.personvern");
    w.para(text);
    w.finish(title)
}

/// One text for `platform`.
pub fn text(
    kind: PublicKind,
    outcome: &Outcome,
    library: &Library,
    platform: &str,
    today: Option<Date>,
) -> PublicText {
    match kind {
        PublicKind::Personvern => privacy_statement(outcome, library, platform, today),
        PublicKind::Kommentarregler => comment_rules(outcome, library, platform, today),
    }
}

/// Every gap of both texts for every platform the outcome lists, as
/// «platform, text: gap», for `somevett check-texts`.
pub fn gaps(outcome: &Outcome, library: &Library, today: Option<Date>) -> Vec<String> {
    let mut out = Vec::new();
    for p in &outcome.platforms {
        for kind in [PublicKind::Personvern, PublicKind::Kommentarregler] {
            let t = text(kind, outcome, library, p.as_str(), today);
            for g in t.gaps {
                let line = format!("{p}, {}: {g}", kind.label());
                if !out.contains(&line) {
                    out.push(line);
                }
            }
        }
    }
    out
}

/// The record of processing (art. 30(1)): per platform, the fields the
/// article lists with their values, in the målform; a missing value is a
/// gap as in the texts.
pub fn protocol(
    outcome: &Outcome,
    library: &Library,
    today: Option<Date>,
) -> Vec<Vec<(String, String)>> {
    outcome
        .platforms
        .iter()
        .map(|p| protocol_row(outcome, library, p.as_str(), today))
        .collect()
}

fn protocol_row(
    outcome: &Outcome,
    library: &Library,
    platform: &str,
    today: Option<Date>,
) -> Vec<(String, String)> {
    let mut w = writer(outcome, library, platform, today);
    let pr = &outcome.processing;
    let public = &outcome.public;
    let yes_no = |w: &Writer, answer: Option<bool>| match answer {
        Some(true) => w.t("protokoll.ja"),
        Some(false) => w.t("protokoll.nei"),
        None => w.t("protokoll.ukjent"),
    };
    let answer = |f: Option<&Fact>| match f {
        Some(Fact::Known { answer, .. }) => *answer,
        _ => None,
    };
    let kommune = w.municipality();
    let contact = w.field(&public.controller_contact, "mangler.kontakt");
    let dpo = w.field(&public.dpo_contact, "mangler.pvo");
    let purpose = w.field(&pr.purpose, "mangler.formal");
    let basis = match pr.basis {
        Some(b) => {
            let law = pr.supplementary_law.trim();
            if law.is_empty() {
                w.t(basis_key(b))
            } else {
                format!("{}; {law}", w.t(basis_key(b)))
            }
        }
        None => w.gap("mangler.grunnlag"),
    };
    let subjects = w.field(&pr.subjects, "mangler.registrerte");
    let categories = w.field(&public.data_categories, "mangler.kategorier");
    let recipients = {
        let own = w.field(&public.recipients, "mangler.mottakere");
        format!("{platform}; {own}")
    };
    let transfers = yes_no(&w, answer(w.fact.map(|f| &f.transfers)));
    let joint = yes_no(&w, answer(w.fact.map(|f| &f.joint_controller)));
    let retention = w.field(&pr.retention, "mangler.lagring");
    let measures = outcome.measures().count().to_string();
    let case = if outcome.case_ref.trim().is_empty() {
        w.gap("mangler.saksnummer")
    } else {
        outcome.case_ref.trim().to_owned()
    };
    let security = w.library.public.fill(
        "protokoll.tiltak",
        w.malform,
        &[("antall", &measures), ("sak", &case)],
    );
    let decision = match outcome
        .decision
        .latest()
        .and_then(|r| r.decision_for(platform).or(Some(r.decision)))
    {
        Some(d) => w.t(match d {
            Decision::Godkjent => "beslutning.godkjent",
            Decision::BetingetGodkjent => "beslutning.betinget_godkjent",
            Decision::IkkeGodkjent => "beslutning.ikke_godkjent",
        }),
        None => w.gap("mangler.beslutning"),
    };
    let value = w.fill("protokoll.behandling.verdi", &[]);
    [
        ("protokoll.behandling", value),
        ("protokoll.ansvarlig", format!("{kommune}; {contact}")),
        ("protokoll.felles", joint),
        ("protokoll.pvo", dpo),
        ("protokoll.formal", purpose),
        ("protokoll.grunnlag", basis),
        ("protokoll.registrerte", subjects),
        ("protokoll.opplysninger", categories),
        ("protokoll.mottakere", recipients),
        ("protokoll.overforing", transfers),
        ("protokoll.sletting", retention),
        ("protokoll.sikkerhet", security),
        ("protokoll.vurdering", decision),
    ]
    .into_iter()
    .map(|(k, v)| (w.t(k), v))
    .collect()
}

/// The record of processing as a sheet: a header row and a row per
/// platform, semicolon-separated UTF-8 with a byte order mark, each cell
/// safe from being run as a formula (as the action plan's sheet).
pub fn protocol_csv(rows: &[Vec<(String, String)>]) -> Result<Vec<u8>, String> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |e: csv::Error| e.to_string();
        if let Some(first) = rows.first() {
            w.write_record(
                first
                    .iter()
                    .map(|(h, _)| crate::calendar::cell(h).into_owned()),
            )
            .map_err(fail)?;
        }
        for row in rows {
            w.write_record(
                row.iter()
                    .map(|(_, v)| crate::calendar::cell(v).into_owned()),
            )
            .map_err(fail)?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// What `export_bytes` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicExport {
    Text(PublicKind),
    /// The record of processing, every platform.
    Protokoll,
}

impl PublicExport {
    pub const ALL: [PublicExport; 3] = [
        PublicExport::Text(PublicKind::Personvern),
        PublicExport::Text(PublicKind::Kommentarregler),
        PublicExport::Protokoll,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PublicExport::Text(k) => k.label(),
            PublicExport::Protokoll => "protokoll",
        }
    }

    /// The endings it is written with; the first is the default.
    pub fn endings(self) -> &'static [&'static str] {
        match self {
            PublicExport::Text(_) => &["html", "md", "pdf"],
            PublicExport::Protokoll => &["csv", "json"],
        }
    }
}

/// The platform a text is for: the one asked for, or the outcome's only
/// one; why not when it cannot be chosen.
pub fn choose_platform(outcome: &Outcome, asked: Option<&str>) -> Result<String, String> {
    let platforms = &outcome.platforms;
    let all = || somevett_domain::platform::join(platforms, ", ");
    match (asked, platforms.as_slice()) {
        (Some(p), _) => platforms
            .iter()
            .find(|q| **q == p)
            .map(|q| q.as_str().to_owned())
            .ok_or_else(|| format!("økten lister ikke plattformen «{p}» (den lister {})", all())),
        (None, [only]) => Ok(only.as_str().to_owned()),
        (None, []) => Err("økten lister ingen plattformer: legg dem til under Økter (e)".into()),
        (None, _) => Err(format!(
            "økten lister flere plattformer; velg én ({})",
            all()
        )),
    }
}

/// A public text or the record of processing as bytes, written as `ending`
/// says (`md`, `html`, `pdf`; `csv`, `json`); the gaps it still has.
pub fn export_bytes(
    what: PublicExport,
    outcome: &Outcome,
    library: &Library,
    platform: Option<&str>,
    ending: &str,
    today: Option<Date>,
) -> Result<(Vec<u8>, Vec<String>), String> {
    let ending = ending.to_ascii_lowercase();
    if !what.endings().contains(&ending.as_str()) {
        return Err(format!(
            "{} skrives som {}, ikke .{ending}",
            what.label(),
            what.endings()
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    match what {
        PublicExport::Protokoll => {
            if outcome.platforms.is_empty() {
                return Err("økten lister ingen plattformer: legg dem til under Økter (e)".into());
            }
            let rows = protocol(outcome, library, today);
            let gaps = protocol_gaps(&rows, library, outcome.public.malform);
            let bytes = if ending == "json" {
                let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                            .collect()
                    })
                    .collect();
                let mut text = serde_json::to_string_pretty(&objects).map_err(|e| e.to_string())?;
                text.push('\n');
                text.into_bytes()
            } else {
                protocol_csv(&rows)?
            };
            Ok((bytes, gaps))
        }
        PublicExport::Text(kind) => {
            let platform = choose_platform(outcome, platform)?;
            let t = text(kind, outcome, library, &platform, today);
            let bytes = match ending.as_str() {
                "html" => crate::html::render(&t.report).into_bytes(),
                "pdf" => crate::pdf::render(&t.report)?,
                _ => {
                    let mut md = crate::export::render(&t.report);
                    md.push('\n');
                    md.into_bytes()
                }
            };
            Ok((bytes, t.gaps))
        }
    }
}

/// The gaps in the record of processing's values.
pub fn protocol_gaps(rows: &[Vec<(String, String)>], library: &Library, m: Malform) -> Vec<String> {
    let mark = format!("[{}:", library.public.get("fyll", m));
    let mut out: Vec<String> = Vec::new();
    for (_, v) in rows.iter().flatten() {
        if v.contains(&mark) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}
