//! Realistic outcomes for benchmarks: a municipality's unit, one to three
//! platforms, participants, a dozen scored risks with measures (some per
//! platform), most of KS's assessment answered, a reflection on the wheel
//! and one or two decision rounds. Deterministic: outcome `i` is always
//! the same. Used by `gen_outcomes` and `benches/outcomes.rs`.

use std::path::Path;

use somevett::content::Library;
use somevett::domain::checklist::{Status, keys};
use somevett::domain::date::{Date, Timestamp};
use somevett::domain::decision::{Decision, DecisionRound, PlatformDecision};
use somevett::domain::risk::{Measure, MeasureStatus, PlatformRisk, RiskPart, Score, Treatment};
use somevett::domain::wheel::{Alternative, Assessment, Reflection, Stance};
use somevett::domain::{Outcome, Participant, Role};

const UNITS: &[&str] = &[
    "Kultur",
    "Oppvekst",
    "Helse og omsorg",
    "Teknisk",
    "Servicetorget",
    "Biblioteket",
    "Ungdomsskolen",
    "Brann og redning",
    "Barnehagene",
    "Næring",
];
const PLATFORMS: &[&str] = &["Facebook", "Instagram", "TikTok", "LinkedIn", "YouTube"];
const MEASURES: &[&str] = &[
    "Moderer kommentarfeltet hver virkedag og skjul innlegg med personopplysninger.",
    "Slå på tofaktorautentisering for alle administratorer av kontoen.",
    "Lær opp de ansatte i bildebruk og samtykke før de publiserer.",
    "Skriv en personvernerklæring for kontoen og lenk til den i profilen.",
    "Journalfør henvendelser som krever saksbehandling i sak- og arkivsystemet.",
];

/// A small deterministic generator: the same `i` gives the same numbers.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

fn day(i: usize) -> Option<Date> {
    let base = jiff::civil::date(2026, 1, 1);
    base.checked_add(jiff::Span::new().days(i64::try_from(i % 700).unwrap_or(0)))
        .ok()
}

/// Outcome number `i`.
pub fn outcome(library: &Library, i: usize) -> Outcome {
    let mut n = Numbers(i as u64 + 1);
    let created =
        Timestamp::from_second(1_764_000_000 + i as i64 * 3_600).unwrap_or(Timestamp::UNIX_EPOCH);
    let unit = UNITS[i % UNITS.len()];
    let count = 1 + n.next(3);
    let platforms: Vec<&str> = (0..count)
        .map(|k| PLATFORMS[(i + k) % PLATFORMS.len()])
        .collect();
    let mut o = Outcome::new(
        format!("{i:04}-{:08x}", n.next(u32::MAX as usize)),
        format!("{unit} på {} ({i})", platforms.join(" og ")),
        created,
    );
    o.municipality = "Meråker kommune".into();
    o.unit = unit.into();
    o.case_ref = format!("2026/{}", 100 + i);
    o.next_review = day(i + 365);
    o.platforms = platforms.iter().map(|p| (*p).into()).collect();
    o.participants = [
        Role::Kommunikasjon,
        Role::Personvernombud,
        Role::Leder,
        Role::Fagperson,
    ]
    .into_iter()
    .map(|role| Participant {
        role,
        name: format!("Deltaker {}", n.next(90) + 10),
    })
    .collect();
    o.notes =
        "Verksted i kommunestyresalen. Vi gikk gjennom KS-veilederen kapittel for kapittel.".into();
    let risks: Vec<String> = library
        .risks
        .assessable(&RiskPart::default())
        .iter()
        .map(|r| r.id.as_str().to_owned())
        .collect();
    for id in risks.iter().take(12) {
        let score = |n: &mut Numbers| {
            Some(Score {
                likelihood: 1 + n.next(5) as u8,
                consequence: 1 + n.next(5) as u8,
            })
        };
        let measure = |n: &mut Numbers, k: usize| Measure {
            text: MEASURES[(k + n.next(5)) % MEASURES.len()].into(),
            owner: "kommunikasjonssjef".into(),
            due: day(i + k * 30),
            status: [
                MeasureStatus::Apen,
                MeasureStatus::Pagar,
                MeasureStatus::Gjennomfort,
            ][n.next(3)],
            ..Measure::default()
        };
        let a = o.risk.entry(id);
        a.inherent = score(&mut n);
        a.residual = score(&mut n);
        a.treatment = Some(Treatment::ALL[n.next(Treatment::ALL.len())]);
        a.measures = (0..1 + n.next(3)).map(|k| measure(&mut n, k)).collect();
        a.note = "Drøftet i verkstedet; vurderingen bygger på plattformens vilkår.".into();
        if platforms.len() > 1 && n.next(3) == 0 {
            a.platforms.push(PlatformRisk {
                platform: platforms[1].into(),
                residual: score(&mut n),
                measures: vec![measure(&mut n, 9)],
                note: "Eget for denne plattformen.".into(),
                ..PlatformRisk::default()
            });
        }
    }
    let groups = library.assessment.groups();
    for key in keys(&groups).take(40) {
        let a = o.checklists.entry(key);
        a.status = Status::ALL[n.next(Status::ALL.len())];
        a.note = "Vurdert i verkstedet.".into();
    }
    let dimensions = &library.wheel.dimensions;
    let alternative = |name: &str, n: &mut Numbers| Alternative {
        name: name.into(),
        assessments: dimensions
            .iter()
            .map(|d| Assessment {
                dimension: d.id.clone(),
                stance: Some(Stance::ALL[n.next(Stance::ALL.len())]),
                note: "Drøftet.".into(),
            })
            .collect(),
    };
    o.wheel.reflections.push(Reflection {
        dilemma: "Skal vi svare innbyggere i kommentarfeltet?".into(),
        alternatives: vec![
            alternative("Svare offentlig", &mut n),
            alternative("Henvise til e-post", &mut n),
        ],
        conflicts: "Åpenhet mot personvern.".into(),
        choice: Some(1),
        justification: "Henvendelser med personopplysninger hører ikke hjemme i et offentlig felt."
            .into(),
    });
    for round in 0..1 + n.next(2) {
        let decision = [
            Decision::Godkjent,
            Decision::BetingetGodkjent,
            Decision::IkkeGodkjent,
        ][n.next(3)];
        o.decision.rounds.push(DecisionRound {
            decision,
            conditions: Vec::new(),
            justification: "Risikoen er akseptabel med tiltakene i tiltaksplanen.".into(),
            decided_by: "kommunedirektør".into(),
            date: day(i + round * 60),
            wants_platform: true,
            residual_top: false,
            prior_consultation: None,
            platforms: platforms
                .iter()
                .map(|p| {
                    PlatformDecision::only(
                        somevett::domain::platform::PlatformName::from(*p),
                        decision,
                    )
                })
                .collect(),
            corrections: Vec::new(),
            note: String::new(),
            reading: None,
            ground: None,
        });
    }
    // The latest round rests on what the app records with it.
    let ground = library.ground(&o);
    if let Some(last) = o.decision.rounds.last_mut() {
        last.ground = Some(ground);
    }
    o
}

/// Writes outcomes `0..count` into `dir`, dated an hour back as files of
/// an established folder are (a listing trusts their stamps).
pub fn folder(
    library: &Library,
    dir: &Path,
    count: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for i in 0..count {
        let file = somevett::outcome::create(dir, &outcome(library, i))?;
        std::fs::File::options()
            .write(true)
            .open(&file.path)?
            .set_modified(an_hour_ago)?;
    }
    Ok(())
}

/// The rich two-platform example the case document is measured on (issue
/// 20: its main document within 15 pages), as the round 3 report audit
/// describes its «rich» outcome: Facebook and TikTok, 9 risks scored with
/// 17 measures (some for TikTok alone, with TikTok's own residual scores),
/// all of KS's assessment answered and 5 dilemma questions, a wheel with
/// three alternatives, two decision rounds; and the saksframlegg's fields,
/// KS ch. 2's description, the legal basis and the DPO's advice.
// The report tests use it; `gen_outcomes` and the benches include this
// module too and do not.
#[allow(dead_code)]
pub fn rich(library: &Library) -> Outcome {
    use somevett::domain::case::{LegalBasis, ProposedFor};
    let mut n = Numbers(7);
    let mut o = outcome(library, 1);
    o.title = "Kommunens Facebook og TikTok".into();
    o.municipality = "Kåfjord kommune".into();
    o.unit = "Kommunikasjon".into();
    o.platforms = vec!["Facebook".into(), "TikTok".into()];
    o.participants = vec![
        Participant {
            role: Role::Kommunikasjon,
            name: "Kari Nilsen".into(),
        },
        Participant {
            role: Role::Personvernombud,
            name: "Per Olsen".into(),
        },
        Participant {
            role: Role::Leder,
            name: "Anne Berg".into(),
        },
        Participant {
            role: Role::Fagperson,
            name: "Ola Hansen".into(),
        },
    ];
    o.risk = RiskPart::default();
    let ids: Vec<String> = library
        .risks
        .assessable(&RiskPart::default())
        .iter()
        .map(|r| r.id.as_str().to_owned())
        .collect();
    for (k, id) in ids.iter().take(9).enumerate() {
        let a = o.risk.entry(id);
        a.inherent = Some(Score {
            likelihood: 2 + n.next(3) as u8,
            consequence: 2 + n.next(3) as u8,
        });
        a.residual = Some(Score {
            likelihood: 1 + n.next(3) as u8,
            consequence: 1 + n.next(4) as u8,
        });
        a.treatment = Some(Treatment::ALL[n.next(Treatment::ALL.len())]);
        a.measures = (0..1 + usize::from(k % 2 == 0))
            .map(|m| Measure {
                text: MEASURES[(k + m) % MEASURES.len()].into(),
                owner: ["kommunikasjonsrådgiver", "personvernombudet", "IKT-sjefen"][n.next(3)]
                    .into(),
                due: day(300 + k * 20 + m * 7),
                status: [MeasureStatus::Apen, MeasureStatus::Pagar][n.next(2)],
                ..Measure::default()
            })
            .collect();
        a.note = "Drøftet i verkstedet ut fra plattformens vilkår og KS-veilederen.".into();
        if k % 3 == 0 {
            a.platforms.push(PlatformRisk {
                platform: "TikTok".into(),
                residual: Some(Score {
                    likelihood: 3 + n.next(2) as u8,
                    consequence: 3 + n.next(2) as u8,
                }),
                measures: vec![Measure {
                    text: "Bruk en egen telefon uten andre apper for TikTok-kontoen.".into(),
                    owner: "IKT-sjefen".into(),
                    due: day(320 + k * 20),
                    ..Measure::default()
                }],
                note: "Overføring til tredjeland og innsyn i data er uavklart for TikTok.".into(),
                ..PlatformRisk::default()
            });
        }
    }
    let answers = [Status::Ja, Status::Ja, Status::Delvis, Status::Nei];
    let assessment = library.assessment.groups();
    let dilemmas = library.dilemmas.groups();
    for key in keys(&assessment).chain(keys(&dilemmas).take(5)) {
        let a = o.checklists.entry(key);
        a.status = answers[n.next(answers.len())];
        if n.next(3) == 0 {
            a.note = "Avklart med personvernombudet i verkstedet.".into();
        }
    }
    if let Some(r) = o.wheel.reflections.first_mut() {
        let mut third = r.alternatives[0].clone();
        third.name = "Stenge kommentarfeltet".into();
        r.alternatives.push(third);
    }
    // What the public texts need beyond the assessment (issue 27); the
    // addresses are examples, not the municipality's.
    o.public = somevett::domain::public::PublicInfo {
        malform: somevett::domain::public::Malform::Bokmal,
        controller_contact: "Rådhusgata 1, 9146 Olderdalen; postmottak@kafjord.example; 74 00 00 00"
            .into(),
        dpo_contact: "Personvernombudet, personvernombud@kafjord.example".into(),
        data_categories: "Navn og profilbilde til dem som følger, liker og kommenterer; kommentarer og meldinger; bilder kommunen legger ut".into(),
        recipients: "Ingen andre enn kommunen og plattformen".into(),
        case_channel: "postmottak@kafjord.example eller kommunens skjema på nett".into(),
        moderation: "hverdager kl. 8–15".into(),
    };
    o.case.officer = "Kari Nilsen".into();
    o.case.officer_unit = "Kommunikasjon".into();
    o.case.document_ref = "2026/412-3".into();
    o.case.archive_code = "070".into();
    o.case.body = "Formannskapet".into();
    o.case.meeting = day(330);
    o.case.proposal.text =
        "Kommunen tar i bruk Facebook med tiltakene i tiltaksplanen. TikTok tas ikke i bruk nå."
            .into();
    o.case.proposal.platforms = vec![
        ProposedFor {
            platform: "Facebook".into(),
            decision: Some(Decision::BetingetGodkjent),
        },
        ProposedFor {
            platform: "TikTok".into(),
            decision: Some(Decision::IkkeGodkjent),
        },
    ];
    let p = &mut o.processing;
    p.purpose = "Informere innbyggerne raskt om tjenester, arrangementer og kriser, og nå grupper som ikke leser kommunens nettsider.".into();
    p.audience = "Innbyggere i alle aldre; på TikTok særlig ungdom.".into();
    p.functions = "Side med innlegg, kommentarer og statistikk; meldinger er slått av.".into();
    p.subjects =
        "Følgere og de som kommenterer: navn, profilbilde, kommentarer og reaksjoner.".into();
    p.volume = "Om lag 4 000 følgere på Facebook; TikTok er ikke tatt i bruk.".into();
    p.retention =
        "Innlegg arkiveres etter arkivplanen; kommentarer med personopplysninger skjules straks."
            .into();
    p.geography = "Plattformene behandler data i EU/EØS og i USA.".into();
    p.context = "Kommunen er felles behandlingsansvarlig med plattformen for statistikken.".into();
    p.basis = Some(LegalBasis::OffentligOppgave);
    p.supplementary_law = "Kommuneloven § 4-1 og forvaltningsloven § 11".into();
    p.dpo.advice = "Facebook kan brukes med tiltakene; TikTok bør vente til overføringen til tredjeland er avklart.".into();
    p.dpo.date = day(310);
    p.dpo.followed = Some(true);
    let round = |decision, date, facebook, tiktok| DecisionRound {
        decision,
        conditions: vec!["Kommentarfeltet modereres hver virkedag.".into()],
        justification: "Risikoen er akseptabel med tiltakene i tiltaksplanen.".into(),
        decided_by: "kommunedirektør".into(),
        date,
        wants_platform: true,
        residual_top: false,
        prior_consultation: Some(false),
        platforms: vec![
            PlatformDecision::only(
                somevett::domain::platform::PlatformName::from("Facebook"),
                facebook,
            ),
            PlatformDecision::only(
                somevett::domain::platform::PlatformName::from("TikTok"),
                tiktok,
            ),
        ],
        corrections: Vec::new(),
        note: String::new(),
        reading: None,
        ground: None,
    };
    o.decision.rounds = vec![
        round(
            Decision::IkkeGodkjent,
            day(200),
            Decision::IkkeGodkjent,
            Decision::IkkeGodkjent,
        ),
        round(
            Decision::BetingetGodkjent,
            day(335),
            Decision::BetingetGodkjent,
            Decision::IkkeGodkjent,
        ),
    ];
    o
}
