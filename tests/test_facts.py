"""Every fact the seeds README lets the site state is on the built site, in Swedish and in English.

One row per atomic fact of "Facts the site may state" and "When to seek care for a
headache" in shared/seeds/README.md: the Swedish page and the words on it that carry the
fact, then the same for English. A number only for readers outside Sweden (999, 911,
NHS 111) is on the English page and, as the glossary's wrong_emergency_numbers say, must
not be on the Swedish one. A page's
visible text is the text of its <main> element, tags stripped, whitespace (no-break spaces
included) collapsed to one space; a data set table's cells are separated by one space, so
a row reads "CA California Physical therapists may not do it".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.build import BuildResult, load_site
from sitegen.config import load_config
from sitegen.markup.phones import phone_pattern
from tests.web_site import BuiltSite

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Fact:
    """A fact and, per language, the page path and the phrases on it that state it."""

    id: str
    sv_page: str
    sv: tuple[str, ...]
    en_page: str
    en: tuple[str, ...]
    sv_absent: tuple[str, ...] = ()


def fact(
    id: str,
    sv_page: str,
    sv: str | tuple[str, ...],
    en_page: str,
    en: str | tuple[str, ...],
    sv_absent: tuple[str, ...] = (),
) -> Fact:
    return Fact(
        id,
        sv_page,
        (sv,) if isinstance(sv, str) else sv,
        en_page,
        (en,) if isinstance(en, str) else en,
        sv_absent,
    )


SV_RES, EN_RES = "/sv/forskningen/", "/en/the-research/"
SV_TYPES, EN_TYPES = "/sv/huvudvarkstyper/", "/en/headache-types/"
SV_SIDE, EN_SIDE = "/sv/biverkningar/", "/en/side-effects/"
SV_ACU, EN_ACU = "/sv/dry-needling-och-akupunktur/", "/en/dry-needling-and-acupuncture/"
SV_US, EN_US = "/sv/regler-i-usa/", "/en/rules-in-the-us/"
SV_FIND, EN_FIND = "/sv/hitta-behandlare/", "/en/finding-a-provider/"
SV_WHAT, EN_WHAT = "/sv/vad-ar-dry-needling/", "/en/what-is-dry-needling/"
SV_PREV, EN_PREV = "/sv/forebygga-huvudvark/", "/en/preventing-headache/"
SV_CARE, EN_CARE = "/sv/nar-soka-vard/", "/en/when-to-seek-care/"

FACTS = [
    # Where the evidence stands.
    fact("evidence-limited", SV_RES, "Det vetenskapliga underlaget är begränsat", EN_RES, "The evidence is limited"),
    fact("evidence-low-to-moderate", SV_RES, "Kvaliteten är låg till måttlig", EN_RES, "Its quality is low to moderate"),
    fact("tension-type-less-often-and-less-pain", SV_TYPES, "dry needling göra att spänningshuvudvärk kommer mer sällan och gör mindre ont",
         EN_TYPES, "dry needling may make tension-type headache come less often and hurt less"),
    fact("cervicogenic-less-often-and-less-pain", SV_TYPES, "dry needling göra att cervikogen huvudvärk kommer mer sällan och gör mindre ont",
         EN_TYPES, "dry needling may make cervicogenic headache come less often and hurt less"),
    fact("migraine-evidence-thin", SV_RES, "För migrän är forskningen tunn", EN_RES, "For migraine, the evidence is thin"),
    fact("cluster-no-evidence", SV_TYPES, ("Hortons huvudvärk (klusterhuvudvärk)", "Det finns inget stöd för att dry needling hjälper mot Hortons huvudvärk"),
         EN_TYPES, "There is no evidence that dry needling helps cluster headache"),
    fact("sinus-no-evidence", SV_TYPES, "Det finns inte heller något stöd för att dry needling hjälper mot huvudvärk från bihålorna",
         EN_TYPES, "There is no evidence that dry needling helps headache linked to the sinuses"),
    # 2019 randomised trial.
    fact("2019-trial-vs-sham", SV_RES, "2019: dry needling jämfört med låtsasbehandling", EN_RES, "2019: dry needling compared with a sham treatment"),
    fact("2019-trial-randomised-chronic-tension-type", SV_RES, "I den här randomiserade studien deltog personer som länge haft spänningshuvudvärk, alltså kronisk spänningshuvudvärk",
         EN_RES, "This randomised trial included people with long-term (chronic) tension-type headache"),
    fact("2019-trial-less-intensity", SV_RES, "Gruppen som fick dry needling fick mildare huvudvärk", EN_RES, "The dry needling group had headaches that were less strong"),
    fact("2019-trial-less-frequency", SV_RES, "Huvudvärken kom också mer sällan", EN_RES, "The headaches also came less often"),
    fact("2019-trial-shorter-duration", SV_RES, "varade kortare tid", EN_RES, "did not last as long"),
    fact("2019-trial-short-follow-up", SV_RES, "Personerna följdes bara under kort tid", EN_RES, "People were only followed for a short time"),
    # 2021 randomised trial.
    fact("2021-trial-randomised-cervicogenic", SV_RES, ("2021: nålar och manipulation vid cervikogen huvudvärk", "I den här randomiserade studien deltog personer med cervikogen huvudvärk"),
         EN_RES, ("2021: needling and manipulation for cervicogenic headache", "This randomised trial included people with cervicogenic headache")),
    fact("2021-trial-manipulation-plus-electrical-needling", SV_RES, ("manipulation av ryggraden", "elektrisk dry needling, där en svag elektrisk ström leds genom nålarna"),
         EN_RES, ("spinal manipulation", "electrical dry needling, where a weak electric current is passed through the needles")),
    fact("2021-trial-vs-mobilisation-plus-exercise", SV_RES, "Den andra gruppen fick mobilisering och träning", EN_RES, "The other group got mobilisation and exercise"),
    fact("2021-trial-did-better", SV_RES, "Det gick bättre för gruppen som fick manipulation och elektrisk dry needling",
         EN_RES, "The group that got manipulation and electrical dry needling did better"),
    fact("2021-trial-combined-no-sham", SV_RES, "Nålarna gavs tillsammans med en annan behandling. Det fanns heller ingen låtsasbehandling att jämföra med",
         EN_RES, "The needling was given together with another treatment. And there was no sham treatment to compare with"),
    fact("2021-trial-cannot-credit-needling-alone", SV_RES, "Studien kan alltså inte visa att dry needling fungerar på egen hand",
         EN_RES, "So the trial cannot show that dry needling on its own works"),
    # 2021 systematic review and meta-analysis.
    fact("2021-review-meta-analysis", SV_RES, "Den här systematiska översikten och metaanalysen", EN_RES, "This systematic review and meta-analysis"),
    fact("2021-review-very-low-quality", SV_RES, "Översikten bedömde att underlaget hade mycket låg kvalitet", EN_RES, "The review rated the evidence as very low quality"),
    fact("2021-review-short-term-pain-not-better", SV_RES, "På kort sikt lindrade dry needling inte smärtan bättre än andra behandlingar",
         EN_RES, "In the short term, dry needling did not ease pain better than other treatments"),
    fact("2021-review-short-term-disability-better", SV_RES, "på kort sikt begränsade huvudvärken vardagen mindre än efter andra behandlingar",
         EN_RES, "in the short term, the headache limited daily life less than after other treatments"),
    # 2022 systematic review.
    fact("2022-review-8-trials", SV_RES, ("2022: en översikt av 8 studier", "Den här systematiska översikten tog med 8 studier"),
         EN_RES, ("2022: a review of 8 trials", "This systematic review included 8 trials")),
    fact("2022-review-577-patients", SV_RES, "8 studier med sammanlagt 577 patienter", EN_RES, "8 trials with 577 patients in total"),
    fact("2022-review-about-as-effective", SV_RES, "Dry needling fungerade ungefär lika bra som andra behandlingar mot huvudvärk",
         EN_RES, "Dry needling worked about as well as other treatments for headache"),
    # Side effects.
    fact("side-effects-mild-common", SV_SIDE, "Lindriga biverkningar är vanliga", EN_SIDE, "Mild side effects are common"),
    fact("side-effect-bruising", SV_SIDE, "Oftast handlar det om blåmärken", EN_SIDE, "The most usual are bruising"),
    fact("side-effect-bleeding", SV_SIDE, "blåmärken, blödning och ömhet", EN_SIDE, "bruising, bleeding and soreness"),
    fact("side-effect-pain-during-or-after", SV_SIDE, "Muskeln kan värka eller kännas öm. Det kan hända under behandlingen eller efteråt",
         EN_SIDE, "The muscle may ache or feel sore. This can happen during the session or after it"),
    fact("side-effects-less-common", SV_SIDE, "Mindre vanliga biverkningar", EN_SIDE, "Less common side effects"),
    fact("side-effect-drowsiness", SV_SIDE, "dåsighet, alltså att du blir sömnig", EN_SIDE, "drowsiness (feeling sleepy)"),
    fact("side-effect-headache", SV_SIDE, "får huvudvärk", EN_SIDE, "get a headache"),
    fact("side-effect-nausea", SV_SIDE, "blir dåsiga eller illamående", EN_SIDE, "nausea (feeling sick)"),
    fact("side-effect-worse-symptoms", SV_SIDE, "värre besvär än innan", EN_SIDE, "worse symptoms than before"),
    fact("side-effect-itching-rare", SV_SIDE, "Klåda, domningar och infektion där nålen gick in är sällsynta",
         EN_SIDE, "Itching, numbness and infection where the needle went in are rare"),
    fact("side-effect-numbness-rare", SV_SIDE, "Domningar Sällsynt", EN_SIDE, "Numbness Rare"),
    fact("side-effect-infection-rare", SV_SIDE, "Infektion där nålen gick in Sällsynt", EN_SIDE, "Infection where the needle went in Rare"),
    fact("pneumothorax-rare-but-serious", SV_SIDE, ("Punkterad lunga (pneumothorax) är sällsynt men allvarligt", "Punkterad lunga är sällsynt men allvarligt"),
         EN_SIDE, ("A collapsed lung (pneumothorax) is rare but serious", "A collapsed lung is rare but serious")),
    fact("pneumothorax-near-chest", SV_SIDE, "I sällsynta fall kan en nål där eller nära bröstkorgen ge en punkterad lunga (pneumothorax)",
         EN_SIDE, "In rare cases, a needle there or near the chest can cause a collapsed lung (pneumothorax)"),
    fact("chest-pain-or-breathlessness-urgent", SV_SIDE, "Bröstsmärta eller andnöd efter behandlingen kräver akut vård",
         EN_SIDE, "Chest pain or breathlessness after the session needs urgent care"),
    # 2014 survey.
    fact("2014-survey-7629-treatments", SV_SIDE, "Den första är från 2014 och gällde 7 629 behandlingar",
         EN_SIDE, "The first is from 2014. It looked at 7,629 treatments"),
    fact("2014-survey-19.18-mild", SV_SIDE, "Lindriga biverkningar kom efter 19,18 % av behandlingarna", EN_SIDE, "Of these, 19.18% were followed by a mild side effect"),
    fact("2014-survey-bruising-7.55", SV_SIDE, "Vanligast var blåmärken, som kom efter 7,55 % av behandlingarna", EN_SIDE, "The most common was bruising, after 7.55% of treatments"),
    fact("2014-survey-bleeding-4.65", SV_SIDE, "blödning (4,65 %)", EN_SIDE, "bleeding (4.65%)"),
    fact("2014-survey-pain-during-3.01", SV_SIDE, "smärta under behandlingen (3,01 %)", EN_SIDE, "pain during the session (3.01%)"),
    fact("2014-survey-pain-after-2.19", SV_SIDE, "smärta efteråt (2,19 %)", EN_SIDE, "pain afterwards (2.19%)"),
    fact("2014-survey-worse-symptoms-0.88", SV_SIDE, "Dina vanliga besvär blir värre Mindre vanlig 0,88 %", EN_SIDE, "Your usual symptoms get worse Less common 0.88%"),
    fact("2014-survey-drowsiness-0.26", SV_SIDE, "Dåsighet Mindre vanlig 0,26 %", EN_SIDE, "Drowsiness (feeling sleepy) Less common 0.26%"),
    fact("2014-survey-headache-0.14", SV_SIDE, "Huvudvärk Mindre vanlig 0,14 %", EN_SIDE, "Headache Less common 0.14%"),
    fact("2014-survey-nausea-0.13", SV_SIDE, "Illamående Mindre vanlig 0,13 %", EN_SIDE, "Nausea (feeling sick) Less common 0.13%"),
    fact("2014-survey-no-serious-event", SV_SIDE, "Ingen fick någon allvarlig biverkning", EN_SIDE, "No one had a serious side effect"),
    # 2020 survey.
    fact("2020-survey-20464-sessions", SV_SIDE, "Den andra är från 2020 och gällde 20 464 behandlingstillfällen",
         EN_SIDE, "The second is from 2020. It looked at 20,464 sessions"),
    fact("2020-survey-36.7-minor", SV_SIDE, "Lindriga biverkningar kom efter 36,7 % av tillfällena", EN_SIDE, "Of these, 36.7% were followed by a minor side effect"),
    fact("2020-survey-under-0.1-major", SV_SIDE, "Allvarliga biverkningar kom efter under 0,1 %", EN_SIDE, "Under 0.1% were followed by a major one"),
    # Dry needling and acupuncture.
    fact("acupuncture-traditional-chinese-medicine", SV_ACU, "Akupunktur kommer från traditionell kinesisk medicin", EN_ACU, "Acupuncture comes from traditional Chinese medicine"),
    fact("acupuncture-thousands-of-years", SV_ACU, "Metoden är flera tusen år gammal", EN_ACU, "It is thousands of years old"),
    fact("acupuncture-many-conditions", SV_ACU, "I dag används den mot många olika besvär", EN_ACU, "Today it is used for many different conditions"),
    fact("dry-needling-under-a-century", SV_ACU, "Dry needling har funnits i mindre än 100 år", EN_ACU, "Dry needling is less than 100 years old"),
    fact("dry-needling-western-anatomy", SV_ACU, "Metoden bygger på västerländsk anatomi", EN_ACU, "It is based on Western anatomy"),
    fact("dry-needling-muscle-pain-trigger-points", SV_ACU, "Dry needling används främst mot smärta i muskler och triggerpunkter",
         EN_ACU, "Dry needling is mainly used for muscle pain and trigger points"),
    fact("some-experts-see-a-kind-of-acupuncture", SV_ACU, "Vissa experter ser dry needling som en form av akupunktur",
         EN_ACU, "Some experts see dry needling as a kind of acupuncture"),
    fact("ama-invasive-procedure", SV_ACU, "AMA kallar dry needling ett invasivt ingrepp", EN_ACU, "It calls dry needling an invasive procedure"),
    fact("ama-trained-practitioners", SV_ACU, "Enligt AMA ska bara utbildade behandlare göra det, till exempel läkare och akupunktörer",
         EN_ACU, "The AMA says that only trained practitioners should do it, such as doctors and acupuncturists"),
    fact("apta-most-states-allow-physical-therapists", SV_ACU, "Enligt APTA låter de flesta delstater i USA fysioterapeuter ge dry needling",
         EN_ACU, "It reports that most US states let physical therapists do dry needling"),
    # US regulation.
    fact("us-no-state-bans-outright", SV_US, "Ingen delstat i USA förbjuder dry needling helt", EN_US, "No US state bans dry needling outright"),
    *[
        fact(f"us-{code.lower()}-physical-therapists-barred", SV_US, (prose_sv, f"{code} {name_sv} Fysioterapeuter får inte utföra det"),
             EN_US, (prose_en, f"{code} {name} Physical therapists may not do it"))
        for code, name, name_sv, prose_sv, prose_en in [
            ("CA", "California", "Kalifornien", "I Kalifornien,", "In California,"),
            ("HI", "Hawaii", "Hawaii", "Hawaii, New York och Oregon får fysioterapeuter inte ge dry needling",
             "Hawaii, New York and Oregon, physical therapists may not do dry needling"),
            ("NY", "New York", "New York", "New York och Oregon får fysioterapeuter inte ge dry needling", "New York and Oregon, physical therapists may not do dry needling"),
            ("OR", "Oregon", "Oregon", "Oregon får fysioterapeuter inte ge dry needling", "Oregon, physical therapists may not do dry needling"),
        ]
    ],
    *[
        fact(f"us-{code.lower()}-no-law", SV_US, (prose_sv, f"{code} {name} Ingen lag om dry needling"),
             EN_US, (prose_en, f"{code} {name} No law on dry needling"))
        for code, name, prose_sv, prose_en in [
            ("CT", "Connecticut", "Connecticut, Massachusetts, Michigan och Minnesota har ingen lag om dry needling",
             "Connecticut, Massachusetts, Michigan and Minnesota have no law on dry needling"),
            ("MA", "Massachusetts", "Massachusetts, Michigan och Minnesota har ingen lag", "Massachusetts, Michigan and Minnesota have no law"),
            ("MI", "Michigan", "Michigan och Minnesota har ingen lag", "Michigan and Minnesota have no law"),
            ("MN", "Minnesota", "Minnesota har ingen lag om dry needling", "Minnesota have no law on dry needling"),
            ("MO", "Missouri", "Inte heller Missouri, Oklahoma och Pennsylvania har någon sådan lag", "Nor do Missouri, Oklahoma and Pennsylvania"),
            ("OK", "Oklahoma", "Oklahoma och Pennsylvania", "Oklahoma and Pennsylvania"),
            ("PA", "Pennsylvania", "Inte heller Missouri, Oklahoma och Pennsylvania har någon sådan lag", "Nor do Missouri, Oklahoma and Pennsylvania"),
        ]
    ],
    fact("us-rules-dated", SV_US, ("Källan anger inget datum för dem", "Vi jämförde senast sidan med källan den 21 november 2026"),
         EN_US, ("Our source gives no date for them", "We last checked this page against it on 21 November 2026")),
    fact("us-rules-change", SV_US, "Reglerna ändras", EN_US, "Rules change"),
    # Finding a provider.
    fact("provider-nccaom", SV_FIND, "National Certification Commission for Acupuncture and Oriental Medicine (NCCAOM)",
         EN_FIND, "National Certification Commission for Acupuncture and Oriental Medicine (NCCAOM)"),
    fact("provider-ccahm", SV_FIND, "Council of Colleges of Acupuncture & Herbal Medicine (CCAHM)", EN_FIND, "Council of Colleges of Acupuncture & Herbal Medicine (CCAHM)"),
    fact("provider-aama", SV_FIND, "American Academy of Medical Acupuncture (AAMA)", EN_FIND, "American Academy of Medical Acupuncture (AAMA)"),
    fact("provider-licensed-physical-therapist", SV_FIND, "Du kan också leta efter en legitimerad fysioterapeut som har utbildning i dry needling",
         EN_FIND, "You can also look for a licensed physical therapist who is trained in dry needling"),
    fact("provider-ask-training-and-experience", SV_FIND, ("Vilken utbildning har du i dry needling?", "Hur mycket erfarenhet har du?"),
         EN_FIND, ("What training do you have in dry needling?", "How much experience do you have?")),
    fact("sweden-legitimerade-fysioterapeuter", SV_FIND, "I Sverige ges dry needling oftast av legitimerade fysioterapeuter",
         EN_FIND, "In Sweden, dry needling is mostly given by licensed physiotherapists"),
    fact("sweden-naprapater", SV_FIND, "En del naprapater ger det också", EN_FIND, "Some naprapaths offer it too"),
    fact("sweden-1177-advice", SV_FIND, "I Sverige kan du ringa 1177 för råd om vård", EN_FIND, "In Sweden, call 1177 for health advice"),
    fact("sweden-112-emergency", SV_FIND, "Vid fara för liv, ring 112", EN_FIND, "If a life is at risk, call 112"),
    # Myofascial pain and how dry needling may work.
    fact("myofascial-taut-band", SV_WHAT, "Ett spänt band", EN_WHAT, "A taut band"),
    fact("myofascial-tenderness", SV_WHAT, "Ömhet. Det gör ont när du trycker på punkten", EN_WHAT, "Tenderness. It hurts when you press on the spot"),
    fact("myofascial-referred-pain", SV_WHAT, "Det kallas refererad smärta", EN_WHAT, "Referred pain. You feel the pain in another place"),
    fact("needle-removed-when-inactivated", SV_WHAT, "Nålen tas ut när triggerpunkten har slutat vara aktiv",
         EN_WHAT, ('When the trigger point has been "switched off", the needle is taken out', "The word for this is inactivated")),
    fact("stretching-follows", SV_WHAT, "När nålen har tagits ut kan behandlaren föreslå att du stretchar", EN_WHAT, "After the needling, your therapist may suggest stretching"),
    fact("ergonomic-changes-follow", SV_WHAT, "Du kan också få råd om hur du sitter, står eller arbetar. Det kallas ergonomi",
         EN_WHAT, "They may also suggest changes to how you sit, stand or work. This is called ergonomics"),
    fact("mechanism-gate-control", SV_WHAT, "Grindteorin", EN_WHAT, "Gate control"),
    fact("mechanism-dnic", SV_WHAT, "diffuse noxious inhibitory control", EN_WHAT, "Diffuse noxious inhibitory control"),
    fact("mechanisms-unproven", SV_WHAT, "Ingen av teorierna är bevisad", EN_WHAT, "These ideas have not been proven"),
    # Migraine self-care.
    fact("self-care-triggers", SV_PREV, "Lär dig vad som sätter i gång besvären", EN_PREV, "Learn what sets off your headaches"),
    fact("self-care-meals-and-fluids", SV_PREV, ("Ät och drick regelbundet", "Drick vatten under dagen"), EN_PREV, ("Eat and drink at regular times", "Drink water through the day")),
    fact("self-care-movement", SV_PREV, "Rör på dig", EN_PREV, "Keep active"),
    fact("self-care-sleep", SV_PREV, "Sov tillräckligt", EN_PREV, "Get enough sleep"),
    fact("self-care-stress", SV_PREV, "Minska stressen", EN_PREV, "Lower your stress"),
    fact("self-care-preventive-treatment", SV_PREV, "Prata med en läkare om förebyggande behandling", EN_PREV, "Talk to a doctor about treatment to prevent headaches"),
    # When to seek care for a headache: the three levels, from the NHS and Terveyskylä.
    fact("care-three-levels", SV_CARE, ("Ring direkt", "Sök vård i dag", "Boka en tid"), EN_CARE, ("Call for help now", "Get care today", "Book an appointment")),
    fact("care-sources-named", SV_CARE, ("NHS, den offentliga vården i England", "Terveyskylä, de finska offentliga sjukhusens webbplats", "Varningssignaler vid huvudvärk"),
         EN_CARE, ("the NHS, the public health service in England", "Terveyskylä, the health website of the public hospitals in Finland")),
    # NHS: see a GP.
    fact("gp-keeps-coming-back", SV_CARE, "Det räcker att boka en tid om: huvudvärken kommer tillbaka gång på gång", EN_CARE, "Book an ordinary appointment if: your headache keeps coming back"),
    fact("gp-painkillers-do-not-help", SV_CARE, "värktabletter inte hjälper och huvudvärken blir värre", EN_CARE, "painkillers do not help and the headache gets worse"),
    fact("gp-throbbing-front-or-side", SV_CARE, "kraftig, bultande värk i pannan eller i ena sidan av huvudet", EN_CARE, "a bad, throbbing pain at the front or side of your head"),
    fact("gp-sick-vomiting-light-noise", SV_CARE, "du mår illa eller kräks, och ljus eller ljud gör ont", EN_CARE, "you feel sick or vomit, and light or noise hurts"),
    # NHS: urgent, NHS 111 (in Sweden: 1177, vårdcentral or akutmottagning).
    fact("urgent-where-to-go", SV_CARE, ("Ring 1177 för att få råd om vart du ska vända dig", "Det kan vara en vårdcentral eller en akutmottagning"),
         EN_CARE, ("In Sweden, call 1177 for advice on where to go", "a health centre (vårdcentral) or an emergency department (akutmottagning)")),
    fact("urgent-nhs-111", SV_CARE, (), EN_CARE, "In the UK, call NHS 111 or go to 111.nhs.uk", sv_absent=("111",)),
    fact("urgent-jaw-pain", SV_CARE, "Sök vård i dag om du har svår huvudvärk och samtidigt: ont i käken när du äter", EN_CARE, "Get care today if you have a severe headache and also: pain in your jaw when you eat"),
    fact("urgent-blurred-vision", SV_CARE, "suddig syn", EN_CARE, "blurred vision"),
    fact("urgent-sore-scalp", SV_CARE, "ömmande hårbotten", EN_CARE, "a sore scalp"),
    fact("urgent-numbness-or-weakness", SV_CARE, "svaghet eller domningar i ena sidan av kroppen, eller i en arm eller ett ben",
         EN_CARE, "weakness or numbness in one side of the body, or in an arm or a leg"),
    fact("double-vision", SV_CARE, "dubbelseende", EN_CARE, "double vision"),
    # NHS: emergency, 999 or A&E.
    fact("emergency-head-injury", SV_CARE, "huvudvärk efter en svår skada mot huvudet, till exempel efter ett fall eller en olycka",
         EN_CARE, "a headache after a bad injury to the head, for example from a fall or an accident"),
    fact("emergency-sudden-extremely-painful", SV_CARE, "en huvudvärk som kom plötsligt och gör mycket ont, kanske den värsta du har haft",
         EN_CARE, "a headache that came on suddenly and is extremely painful, perhaps the worst you have ever had"),
    fact("emergency-speaking-or-remembering", SV_CARE, "plötsliga svårigheter att prata eller minnas", EN_CARE, "sudden trouble speaking or remembering"),
    fact("emergency-loss-of-vision", SV_CARE, "synbortfall", EN_CARE, "loss of sight"),
    fact("emergency-drowsiness-or-confusion", SV_CARE, "förvirring, stark dåsighet", EN_CARE, "confusion, marked drowsiness"),
    fact("emergency-temperature-stiff-neck-rash", SV_CARE, "hög feber och stel nacke eller utslag", EN_CARE, "a very high temperature and a stiff neck or a rash"),
    fact("emergency-red-eye", SV_CARE, "mycket svår huvudvärk, och det vita i ena ögat har blivit rött", EN_CARE, "a very painful headache, and the white of an eye has turned red"),
    # Terveyskylä: at once.
    fact("at-once-unconsciousness", SV_CARE, "om personen svimmar", EN_CARE, "if the person passes out"),
    fact("at-once-seizures", SV_CARE, "kramper", EN_CARE, "fits (seizures)"),
    fact("at-once-severe-dizziness", SV_CARE, "kraftig yrsel", EN_CARE, "severe dizziness"),
    fact("at-once-drooping-mouth", SV_CARE, "en mungipa som hänger", EN_CARE, "a corner of the mouth that droops"),
    fact("at-once-fever-worsening", SV_CARE, "huvudvärk och feber, om du snabbt blir mycket sämre", EN_CARE, "a headache with fever, if you quickly get much worse"),
    # Terveyskylä: within days.
    fact("within-days-pregnancy", SV_CARE, ("Boka en tid hos en läkare inom några dagar om", "du får en ny sorts svår huvudvärk när du är gravid eller ammar"),
         EN_CARE, ("Book a visit to a GP or your own doctor within a few days if", "you get a new kind of severe headache while you are pregnant or breastfeeding")),
    fact("within-days-worse-day-by-day", SV_CARE, "huvudvärken blir värre för varje dag", EN_CARE, "your headache gets worse day by day"),
    # Numbers by country.
    fact("number-112-sweden-eu", SV_CARE, ("Ring 112 om det är akut", "Numret gäller i hela Sverige och i resten av EU"), EN_CARE, "call 112 in Sweden and the EU"),
    fact("number-1177-sweden", SV_CARE, "Ring 1177 om du behöver råd om vård", EN_CARE, "call 1177 in Sweden"),
    fact("number-999-uk", SV_CARE, (), EN_CARE, "999 or 112 in the UK", sv_absent=("999",)),
    fact("number-nhs-111-uk", SV_CARE, (), EN_CARE, "NHS 111 in the UK", sv_absent=("111",)),
    fact("number-911-us", SV_CARE, (), EN_CARE, "911 in the US", sv_absent=("911",)),
    fact("number-elsewhere-own-doctor", SV_CARE, (), EN_CARE, "Elsewhere, contact your own doctor", sv_absent=("999", "911", "111")),
    # Needling near the neck, shoulders or upper back as well as the chest.
    fact("pneumothorax-neck-shoulders-upper-back", SV_CARE, ("Dry needling mot huvudvärk ges ofta i nacken, axlarna och övre delen av ryggen", "ge en punkterad lunga (pneumothorax)"),
         EN_CARE, ("Dry needling for headache is often given in the neck, the shoulders and the upper back", "cause a collapsed lung (pneumothorax)")),
    fact("chest-pain-emergency-wherever-treated", SV_CARE, "ont i bröstet eller svårt att andas efter dry needling, oavsett var du fick behandlingen",
         EN_CARE, "chest pain or trouble breathing after dry needling, wherever you were treated"),
    fact("after-session-headache-red-flags", SV_CARE, ("Men huvudvärk efter en behandling kan också vara ett varningstecken", "Ring 112 om den kommer plötsligt och är mycket svår"),
         EN_CARE, ("But a headache after a session can also be a warning sign", "Call 112 (Sweden and the EU), 999 (UK) or 911 (US) if it comes on suddenly and is very severe")),
    # The word "dry" (seed 004).
    fact("dry-means-nothing-injected", SV_WHAT, "Ordet dry betyder torr. Det syftar på att inget sprutas in", EN_WHAT, 'The word "dry" means that nothing is injected'),
]  # fmt: skip


class _MainText(HTMLParser):
    """Collect the text inside <main>, leaving out scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._main = 0
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._main += tag == "main"
        self._hidden += tag in ("script", "style")
        self.parts.append(" ")  # a tag separates words: table cells, list items

    def handle_endtag(self, tag: str) -> None:
        self._main -= tag == "main"
        self._hidden -= tag in ("script", "style")
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._main and not self._hidden:
            self.parts.append(data)


CELL_LABEL = re.compile(r'<span class="cell-label" aria-hidden="true">[^<]*</span>')


def visible_text(html: str) -> str:
    """Return the text a reader sees in a page's <main>, whitespace collapsed to single spaces."""
    parser = _MainText()
    # A phone card's cell label repeats its column's header; the table reads without it.
    parser.feed(CELL_LABEL.sub("", html))
    parser.close()
    text = "".join(parser.parts)
    # Inline tags (links, citations) must not leave a space before punctuation: '[1].' reads '[1].'
    return re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(text.split()))


@pytest.fixture(scope="session")
def shipped(built_site: BuiltSite) -> tuple[BuildResult, dict[str, str]]:
    """Return the shipped site's build result and each page's HTML by URL path."""
    # The web tests' build, made once per worker: the search index adds pagefind/ and no page.
    out, result = built_site.root, built_site.result
    html = {
        "/" + p.relative_to(out).as_posix().removesuffix("index.html"): p.read_text(encoding="utf-8")
        for p in out.rglob("index.html")
    }
    return result, html


@pytest.fixture(scope="session")
def shipped_pages(shipped: tuple[BuildResult, dict[str, str]]) -> dict[str, str]:
    """Return each shipped page's visible text by URL path."""
    return {url: visible_text(html) for url, html in shipped[1].items()}


def test_facts_are_unique_and_cover_both_languages() -> None:
    assert len({f.id for f in FACTS}) == len(FACTS)
    assert all(f.sv_page.startswith("/sv/") and f.en_page.startswith("/en/") for f in FACTS)
    # Each fact is said in Swedish, or is a number Swedish readers must not be given.
    assert all(f.en and (f.sv or f.sv_absent) for f in FACTS)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fact", FACTS, ids=[f.id for f in FACTS])
def test_fact_is_on_the_site(fact: Fact, lang: str, shipped_pages: dict[str, str]) -> None:
    page, phrases = (fact.sv_page, fact.sv) if lang == "sv" else (fact.en_page, fact.en)
    assert page in shipped_pages, f"no page {page}"
    missing = [p for p in phrases if p not in shipped_pages[page]]
    assert not missing, f"{page} does not say: {missing}"
    if lang == "sv":
        given = [n for n in fact.sv_absent if re.search(rf"(?<![\d,.]){n}(?![\d,.]\d)", shipped_pages[page])]
        assert not given, f"{page} gives a number for readers outside Sweden: {given}"


def test_visible_text_strips_tags_and_no_break_spaces() -> None:
    html = "<head><title>x</title></head><main><p>Den gällde 7\u00a0629 <a href='#r'>[1]</a>.</p><script>x</script>\n<td>A</td><td>B</td></main>"
    assert visible_text(html) == "Den gällde 7 629 [1]. A B"
    card = '<main><td><span class="cell-label" aria-hidden="true">Hur vanlig</span> Sällsynt</td></main>'
    assert visible_text(card) == "Sällsynt"


# What every article of the shipped site must show, whatever its subject (issue 13).
SHIPPED_CONFIG = load_config(REPO)
SHIPPED_ARTICLES = load_site(SHIPPED_CONFIG)[0].articles
ARTICLES = sorted((a.lang, a.url) for a in SHIPPED_ARTICLES)
CARE_PAGES = {a.url for a in SHIPPED_ARTICLES if a.translation_key == SHIPPED_CONFIG.care_page}


def element(html: str, tag: str, css_class: str) -> str:
    """Return the first element with this tag and class, up to its first closing tag."""
    start = re.search(rf'<{tag} class="{re.escape(css_class)}"', html)
    assert start is not None, f'no <{tag} class="{css_class}">'
    return html[start.start() : html.index(f"</{tag}>", start.start())]


@pytest.mark.parametrize(("lang", "url"), ARTICLES, ids=[url for _, url in ARTICLES])
def test_every_article_shows_the_required_blocks(
    lang: str, url: str, shipped: tuple[BuildResult, dict[str, str]]
) -> None:
    result, pages = shipped
    html = pages[url]
    body = element(html, "div", "article-body")
    # It opens with the "In short" box of three to five points; the seek-care page puts its
    # emergency card first, so that it is on a phone's first screen (issue 14), and the box next.
    opening = '<div class="article-body">\n'
    if url in CARE_PAGES:
        assert body.startswith(opening + '<section class="care care-emergency"'), url
        opening = body[: body.index("</section>") + len("</section>\n")]
    assert body.startswith(opening + '<section class="in-short"'), url
    points = element(body, "section", "in-short").count("<li>")
    assert 3 <= points <= 5, f"{url}: {points} points in the In short box"
    # The review dates.
    dates = element(html, "dl", "review-info")
    assert len(re.findall(r'<time datetime="\d{4}-\d{2}-\d{2}">', dates)) == 2, url
    # The seek-care box, its three levels and a tel: link for each number of the language.
    box = html[
        html.index('<aside class="seek-care"') : html.index(
            "</aside>", html.index('<aside class="seek-care"')
        )
    ]
    for level in ("emergency", "urgent", "routine"):
        assert f'class="care care-{level}"' in box, f"{url}: no {level} level"
    numbers = result.site.config.care[lang].numbers
    assert numbers and all(f'<a href="tel:{n}">{n}</a>' in box for n in numbers), f"{url}: {numbers}"
    # The disclaimer.
    assert '<aside class="disclaimer"' in html, url


def test_the_languages_get_their_own_numbers(shipped: tuple[BuildResult, dict[str, str]]) -> None:
    care = shipped[0].site.config.care
    assert care["sv"].numbers == ("112", "1177")
    assert care["en"].numbers == ("112", "999", "911", "1177", "111")


class _TextOutsideLinks(HTMLParser):
    """Collect the text of <main> that is not inside a link."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._main = self._link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._main += tag == "main"
        self._link += tag == "a"
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self._main -= tag == "main"
        self._link -= tag == "a"
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._main and not self._link:
            self.parts.append(data)


@pytest.mark.parametrize(("lang", "url"), ARTICLES, ids=[url for _, url in ARTICLES])
def test_every_phone_number_is_a_tel_link(
    lang: str, url: str, shipped: tuple[BuildResult, dict[str, str]]
) -> None:
    result, pages = shipped
    pattern = phone_pattern(result.site.config.phone_numbers)
    assert pattern is not None
    parser = _TextOutsideLinks()
    parser.feed(pages[url])
    text = " ".join("".join(parser.parts).split())
    assert pattern.findall(text) == [], url
    links = re.findall(r'<a href="tel:([^"]+)">([^<]+)</a>', pages[url])
    assert links and all(href == shown for href, shown in links), url
