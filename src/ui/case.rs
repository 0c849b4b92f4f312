//! The two forms that make the assessment a case document, opened from
//! Vurdering: the saksframlegg's fields with the team's forslag til vedtak
//! (`s`), and what the processing is, on what legal basis, and the data
//! protection officer's advice (`o`). Each submits its part whole, as one
//! change that undo takes back.

use crate::domain::case::{CaseInfo, DpoAdvice, LegalBasis, Processing, Proposal, ProposedFor};
use crate::domain::change::Change;
use crate::domain::date;
use crate::domain::decision::Decision;
use crate::domain::platform::PlatformName;
use crate::ui::form::{ChoiceKey, DateKey, Field, Form, OnSubmit, TextKey, YES_NO, yes_no_label};
use crate::ui::screen::{Ctx, Effect};

const OFFICER: TextKey = TextKey::new("saksbehandler");
const OFFICER_UNIT: TextKey = TextKey::new("saksbehandler-enhet");
const DOCUMENT_REF: TextKey = TextKey::new("dokumentnr");
const ARCHIVE_CODE: TextKey = TextKey::new("arkivkode");
const BODY: TextKey = TextKey::new("utvalg");
const MEETING: DateKey = DateKey::new("motedato");
const DELEGATION: TextKey = TextKey::new("delegert");
const ACCESS: TextKey = TextKey::new("skjerming");
const PROPOSAL: TextKey = TextKey::new("forslag");
const PROPOSED: ChoiceKey<Decision> = ChoiceKey::new("foreslatt", Decision::ALL);

fn decision_label(d: &Decision) -> String {
    d.label().to_owned()
}

/// The key of the decision proposed for platform `i`.
fn proposed_key(i: usize) -> ChoiceKey<Decision> {
    ChoiceKey::owned(format!("foreslatt-{i}"), Decision::ALL.to_vec())
}

/// The platforms a proposal is made for one by one: all when there are two
/// or more; with one, the proposal is for the whole.
fn apart(platforms: &[PlatformName]) -> &[PlatformName] {
    if platforms.len() > 1 { platforms } else { &[] }
}

/// The saksframlegg's fields and the forslag til vedtak, filled with what
/// the outcome holds.
pub fn case_form(ctx: &Ctx) -> Option<Form> {
    let outcome = ctx.outcome?;
    let c = &outcome.case;
    let mut fields = vec![
        Field::single(
            &OFFICER,
            "Saksbehandler",
            "Navnet på den som forbereder saken.",
            &c.officer,
        ),
        Field::single(
            &OFFICER_UNIT,
            "Saksbehandlers enhet",
            "Enheten saksbehandleren hører til.",
            &c.officer_unit,
        ),
        Field::single(
            &DOCUMENT_REF,
            "Arkivsak/dokumentnr.",
            "Som arkivet gir det, f.eks. 2026/1234-3. Saksnummeret alene står under Økter.",
            &c.document_ref,
        ),
        Field::single(
            &ARCHIVE_CODE,
            "Arkivkode",
            "Valgfri, f.eks. K2-065.",
            &c.archive_code,
        ),
        Field::single(
            &BODY,
            "Utvalg",
            "Utvalget som behandler saken. Tomt ved delegert vedtak.",
            &c.body,
        ),
        Field::date(
            &MEETING,
            "Møtedato",
            "Utvalgets møte: ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ.",
            &date::show(c.meeting),
        ),
        Field::single(
            &DELEGATION,
            "Delegert vedtak",
            "Ved delegert vedtak: hjemmelen, f.eks. «Delegeringsreglementet pkt. 4.2».",
            &c.delegation,
        ),
        Field::single(
            &ACCESS,
            "Skjerming",
            "Tilgangskode og hjemmel, f.eks. «Unntatt offentlighet, offl. § 24 tredje ledd». Står da øverst på hver side.",
            &c.access,
        ),
        Field::multi(
            &PROPOSAL,
            "Forslag til vedtak",
            "Teamets innstilling, skrevet før ledelsen beslutter; den står ved siden av vedtaket.",
            &c.proposal.text,
        ),
    ];
    let platforms = apart(&outcome.platforms);
    if platforms.is_empty() {
        fields.push(Field::choice(
            &PROPOSED,
            "Foreslått beslutning",
            "Velg med ←/→: godkjent, betinget godkjent eller ikke godkjent.",
            decision_label,
            c.proposal.decision.as_ref(),
        ));
    }
    for (i, p) in platforms.iter().enumerate() {
        fields.push(Field::choice(
            &proposed_key(i),
            &format!("Foreslått for {p}"),
            "Velg med ←/→ hva teamet foreslår for plattformen.",
            decision_label,
            c.proposal.for_platform(p).as_ref(),
        ));
    }
    Some(
        Form::new("Saksframlegg og forslag til vedtak", fields, CaseSpec).with_about(vec![
            "Det som gjør vurderingen til et saksframlegg. Felt som står tomme, skrives ikke i rapporten.".to_owned(),
        ]),
    )
}

#[derive(Debug, Clone, Copy)]
pub struct CaseSpec;

impl OnSubmit for CaseSpec {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let outcome = ctx
            .outcome
            .ok_or_else(crate::ui::strings::no_outcome_text)?;
        let trimmed = |key: &TextKey| form.text(key).trim().to_owned();
        let platforms = apart(&outcome.platforms)
            .iter()
            .enumerate()
            .map(|(i, p)| ProposedFor {
                platform: p.clone(),
                decision: form.choice(&proposed_key(i)),
            })
            .collect();
        let case = CaseInfo {
            officer: trimmed(&OFFICER),
            officer_unit: trimmed(&OFFICER_UNIT),
            document_ref: trimmed(&DOCUMENT_REF),
            archive_code: trimmed(&ARCHIVE_CODE),
            body: trimmed(&BODY),
            meeting: form.date(&MEETING)?,
            delegation: trimmed(&DELEGATION),
            access: trimmed(&ACCESS),
            proposal: Proposal {
                text: form.text(&PROPOSAL).trim_end().to_owned(),
                decision: form.choice(&PROPOSED),
                platforms,
            },
        };
        Ok(Effect::change(Change::Case(Box::new(case))))
    }
}

const PURPOSE: TextKey = TextKey::new("formal");
const AUDIENCE: TextKey = TextKey::new("malgruppe");
const FUNCTIONS: TextKey = TextKey::new("funksjoner");
const SUBJECTS: TextKey = TextKey::new("registrerte");
const VOLUME: TextKey = TextKey::new("omfang");
const RETENTION: TextKey = TextKey::new("lagringstid");
const GEOGRAPHY: TextKey = TextKey::new("geografi");
const CONTEXT: TextKey = TextKey::new("sammenheng");
const BASIS: ChoiceKey<LegalBasis> = ChoiceKey::new("grunnlag", LegalBasis::ALL);
const SUPPLEMENTARY: TextKey = TextKey::new("supplerende");
const BASIS_NOTE: TextKey = TextKey::new("grunnlag-merknad");
const ADVICE: TextKey = TextKey::new("pvo-rad");
const ADVICE_DATE: DateKey = DateKey::new("pvo-dato");
const FOLLOWED: ChoiceKey<bool> = ChoiceKey::new("pvo-fulgt", YES_NO);
const WHY: TextKey = TextKey::new("pvo-hvorfor");

/// KS ch. 2's description of the processing, the legal basis (KS ch. 5) and
/// the data protection officer's advice (GDPR art. 35(2)).
pub fn processing_form(ctx: &Ctx) -> Option<Form> {
    let p = &ctx.outcome?.processing;
    let fields = vec![
        Field::multi(
            &PURPOSE,
            "Formål",
            "Hva skal kommunen bruke plattformen til? (KS kap. 2)",
            &p.purpose,
        ),
        Field::single(&AUDIENCE, "Målgruppe", "Hvem skal nås?", &p.audience),
        Field::multi(
            &FUNCTIONS,
            "Funksjoner som brukes",
            "Sider, innlegg, kommentarer, meldinger, annonser, statistikk …",
            &p.functions,
        ),
        Field::multi(
            &SUBJECTS,
            "Registrerte og opplysninger",
            "Hvem behandles det opplysninger om, og hvilke kategorier (også særlige)?",
            &p.subjects,
        ),
        Field::single(
            &VOLUME,
            "Omfang",
            "Hvor mange registrerte, hvor mye innhold?",
            &p.volume,
        ),
        Field::single(
            &RETENTION,
            "Lagringstid",
            "Hvor lenge lagres innhold og meldinger, og hvem sletter?",
            &p.retention,
        ),
        Field::single(
            &GEOGRAPHY,
            "Geografi",
            "Hvor behandles opplysningene (land, leverandør)?",
            &p.geography,
        ),
        Field::multi(
            &CONTEXT,
            "Sammenheng",
            "Forventer de registrerte behandlingen? Barn, sårbare grupper?",
            &p.context,
        ),
        Field::choice(
            &BASIS,
            "Behandlingsgrunnlag",
            "GDPR art. 6 nr. 1; KS peker på bokstav e for kommunens informasjonsoppgaver (kap. 5). Velg med ←/→.",
            |b| b.label().to_owned(),
            p.basis.as_ref(),
        ),
        Field::single(
            &SUPPLEMENTARY,
            "Supplerende rettsgrunnlag",
            "Loven som gir oppgaven (art. 6 nr. 3), f.eks. kommuneloven § 4-1 eller forvaltningsloven § 11.",
            &p.supplementary_law,
        ),
        Field::multi(
            &BASIS_NOTE,
            "Merknad om grunnlaget",
            "Hvorfor dette grunnlaget.",
            &p.basis_note,
        ),
        Field::multi(
            &ADVICE,
            "Personvernombudets råd",
            "Rådet ombudet ga om vurderingen (GDPR art. 35 nr. 2).",
            &p.dpo.advice,
        ),
        Field::date(
            &ADVICE_DATE,
            "Rådet gitt",
            "ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ.",
            &date::show(p.dpo.date),
        ),
        Field::choice(
            &FOLLOWED,
            "Rådet fulgt",
            "Fulgte kommunen rådet? Velg ja eller nei med ←/→.",
            yes_no_label,
            p.dpo.followed.as_ref(),
        ),
        Field::multi(
            &WHY,
            "Hvorfor (ikke)",
            "Kort: hvorfor rådet ble fulgt eller ikke.",
            &p.dpo.why,
        ),
    ];
    Some(
        Form::new("Behandlingen, grunnlaget og personvernombudets råd", fields, ProcessingSpec)
            .with_about(vec![
                "KS kap. 2 ber vurderingen beskrive behandlingen, ikke bare krysse av for at den er beskrevet. Felt som står tomme, skrives ikke i rapporten.".to_owned(),
            ]),
    )
}

#[derive(Debug, Clone, Copy)]
pub struct ProcessingSpec;

impl OnSubmit for ProcessingSpec {
    fn submit(&self, form: &Form, _ctx: &Ctx) -> Result<Effect, String> {
        let prose = |key: &TextKey| form.text(key).trim_end().to_owned();
        let processing = Processing {
            purpose: prose(&PURPOSE),
            audience: prose(&AUDIENCE),
            functions: prose(&FUNCTIONS),
            subjects: prose(&SUBJECTS),
            volume: prose(&VOLUME),
            retention: prose(&RETENTION),
            geography: prose(&GEOGRAPHY),
            context: prose(&CONTEXT),
            basis: form.choice(&BASIS),
            supplementary_law: prose(&SUPPLEMENTARY),
            basis_note: prose(&BASIS_NOTE),
            dpo: DpoAdvice {
                advice: prose(&ADVICE),
                date: form.date(&ADVICE_DATE)?,
                followed: form.choice(&FOLLOWED),
                why: prose(&WHY),
            },
        };
        Ok(Effect::change(Change::Processing(Box::new(processing))))
    }
}
