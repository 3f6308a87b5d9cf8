"""health_terms: lexicon matching rules and labelled patient identifiers."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest

from dlpgate.detectors import health_terms, identifiers
from dlpgate.detectors.base import DetectorConfigError
from dlpgate.mime.errors import InspectionTimeout
from dlpgate.types import DetectorContext, ParsedMessage, Segment

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")

CTX = DetectorContext(config_dir=CONFIG)
DETECTOR = health_terms.build(health_terms.DEFAULTS, CTX)


def findings(text: str, tabular: bool = False):
    return DETECTOR.detect(ParsedMessage(segments=(Segment(text, "message body", tabular),)))


def terms(text: str) -> dict[str, int]:
    return {f.category: f.count for f in findings(text) if f.kind == "health_terms"}


def patients(text: str, tabular: bool = False) -> dict[str, int]:
    out: Counter[str] = Counter()
    for f in findings(text, tabular):
        if f.kind == "patient_identifier":
            assert f.identifies_patient
            out[f.category] += f.count
    return dict(out)


TERMS = [
    # text, expected {category: count}
    ("Referred to the GUM clinic for an STI screen and PrEP", {"hiv_sexual_health": 3}),
    ("HIV positive, viral load undetectable", {"hiv_sexual_health": 2}),
    ("Seen by CAMHS; history of self-harm and PTSD", {"mental_health": 3}),
    ("Booked for TOP at 9 weeks gestation", {"reproductive_health": 2}),
    ("termination of pregnancy", {"reproductive_health": 1}),
    ("Started on methadone after heroin relapse", {"substance_misuse": 2}),
    ("Oesophageal cancer, on chemotherapy", {"oncology": 2}),
    ("acute lymphoblastic leukaemia", {"oncology": 1}),
    ("Child protection plan; MARAC referral", {"safeguarding": 2}),
    ("BRCA1 carrier, genetic counselling booked", {"genetic": 2}),
    ("Sickle screen confirms HbSS; his brother has HbSC and sickle cell", {"genetic": 3}),
    ("Now septic and delirious; lithium held, memory service aware", {"general": 1, "mental_health": 3}),
    ("#L distal radius, ORIF Tuesday; PEG fed; new AF; on testosterone", {"general": 4}),
    ("peg the tent; af the end", {}),
    ("Still wetting the bed most nights, now on desmopressin", {"general": 2}),
    ("Gender dysphoria; referred to the gender identity clinic", {"gender_identity": 2}),
    ("Anaemia with low haemoglobin and peripheral oedema", {"general": 3}),
    ("Paediatric diarrhoea and vomiting", {"general": 2}),
    ("ECT for treatment-resistant depression", {"mental_health": 2}),
    ("IVF cycle after PCOS diagnosis", {"reproductive_health": 2}),
    ("COPD exacerbation", {"general": 1}),
    ("ADHD assessment", {"mental_health": 1}),
    # Investigations and their results, as a results letter or a lab feed lists them.
    ("LFTs normal, CRP 45, eGFR 52, troponin negative", {"general": 4}),
    ("serum potassium 5.9; D-dimer raised; ferritin low", {"general": 3}),
    ("crp and tsh", {}),  # the short ones in capitals only
    # Case-sensitive short abbreviations: upper-case only.
    ("put it on top of the pile", {}),
    ("TOP", {"reproductive_health": 1}),
    # Acronyms whose lower case is no word match in any case (issue 11: "hiv+").
    ("sti and hiv and pep", {"hiv_sexual_health": 2}),
    ("prep the room", {}),
    ("PREP", {}),
    ("gum disease? chewing gum", {}),
    # Case-insensitive longer terms.
    ("SCHIZOPHRENIA", {"mental_health": 1}),
    ("Chlamydia", {"hiv_sexual_health": 1}),
    # Word boundaries.
    ("the project had an effect on respect", {}),
    ("stop, stopping, laptop", {}),
    ("cancerous", {}),
    ("precancer", {}),
    ("HIV-positive", {"hiv_sexual_health": 1}),
    ("(HIV)", {"hiv_sexual_health": 1}),
    ("HIV1", {}),
    # Plural s.
    ("STIs and tumours", {"hiv_sexual_health": 1, "oncology": 1}),
    # Longest match wins, counted once.
    ("breast cancer", {"oncology": 1}),
    ("non-Hodgkin lymphoma", {"oncology": 1}),
    ("non Hodgkin lymphoma", {"oncology": 1}),
    # Line breaks, NBSP and curly apostrophes inside a term.
    ("sexual\nhealth", {"hiv_sexual_health": 1}),
    ("sexual\u00a0health clinic", {"hiv_sexual_health": 1}),
    ("Crohn\u2019s disease", {"general": 1}),
    ("C. diff and C. difficile", {"general": 2}),
    ("Ehlers Danlos syndrome", {"genetic": 1}),
    ("self harm, self-harm, self\nharm", {"mental_health": 3}),
    ("CAMHS camhs Camhs", {"mental_health": 3}),
    ("STOP TOPIC TOPS", {"reproductive_health": 1}),
    # Ordinary words stay quiet.
    ("Hope you are well, the test was positive, take care of the cold", {}),
    ("Counting: 1, 2, 3", {}),
    # An HL7 v2 segment's name is no abbreviation; the data in its fields still counts.
    ("MSH|^~\\&|PAS\rPID|1||x^^^NHS^NH\rPV1|1|I", {}),
    ("PID|1||x\nOBX|1|ST|HIV^antibody||Positive", {"hiv_sexual_health": 1}),
    ("Diagnosis: PID| pelvic pain", {"hiv_sexual_health": 1}),
    ("HIV=1", {"hiv_sexual_health": 1}),
    # Several categories, counts per category.
    ("HIV; HIV; schizophrenia; cancer", {"hiv_sexual_health": 2, "mental_health": 1, "oncology": 1}),
    # A code among many codes in a list is a code (ISO countries: GRC, GUM, SLE); a short
    # list of services is still one.
    ("\n".join("FIN FRA GUF PYF ATF GAB GMB GEO GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB".split()), {}),
    ("SCG, SYC, SLE, SGP, SVK, SVN, SLB, SOM, ZAF", {}),
    ("Clinics: GUM, HIV, SRH", {"hiv_sexual_health": 2}),
    ("GUM\nHIV\nSRH\nTOP", {"hiv_sexual_health": 2, "reproductive_health": 1}),
    # a record's diagnosis field filled in is a health detail, whatever the lexicon knows
    ("DOB: 03/04/1954\nDiagnosis: plantar fasciitis", {"general": 1}),
    ("Dx - tennis elbow", {"general": 1}),
    ("Diagnosis: n/a", {}),
    ("Diagnosis: ____", {}),
    ("Diagnosis: see letter", {}),
    ("The diagnosis: unclear", {}),
    # ... so is a symptoms field, and the patient's own words that say what their body is doing
    ("Presenting complaint: fall at home, hit head", {"general": 1}),
    ("Symptoms: none reported", {}),
    ("Patient response: the cut on my hand is throbbing and the skin round it is red", {"general": 1}),
    ("Message from patient: I still feel dizzy when I stand up", {"general": 1}),
    ("Patient reply: Yes Thursday at 2 is fine, thank you", {}),
    ("Sent by practice: please tell us if your hand is still swollen", {}),
    # an abbreviation inside a path, a URL or a program's name is no word; two words joined by "/" are
    ("see drivers/staging/msm/board.c", {}),
    ("http://techupdate.cnet.com/i/itu/index.html", {}),
    ("dest_SMI = 1", {}),
    ("HIV/AIDS clinic", {"hiv_sexual_health": 2}),
    # ... nor in a contact field's label, joined to a contact's word, an address after its colon
    ("Julian Example Email&MSM: julian.example@example.org", {}),
    ("MSM/Email: jo@example.org", {}),
    ("Tel + GUM: 0161 496 0000", {}),
    ("Risk: MSM, tested today", {"hiv_sexual_health": 1}),
    ("MSM: 3 partners in the last month", {"hiv_sexual_health": 1}),
    ("Email: jo@example.org\nMSM: yes", {"hiv_sexual_health": 1}),
    # Welsh, its nouns mutated as they are after a possessive or a preposition
    ("Mae ganddi ganser y coluddyn ac mae'r tîm lliniarol yn ymweld.", {"oncology": 2}),
    ("Mae ganddo iselder a chlefyd siwgr.", {"mental_health": 1, "general": 1}),
]


@pytest.mark.parametrize("text,expected", TERMS, ids=[t[0][:40] for t in TERMS])
def test_terms(text: str, expected: dict[str, int]) -> None:
    assert terms(text) == expected


def test_finding_shape() -> None:
    found = findings("HIV and more HIV, and leukaemia")
    by_cat = {f.category: f for f in found}
    f = by_cat["hiv_sexual_health"]
    assert (f.detector, f.kind, f.where, f.count) == ("health_terms", "health_terms", "message body", 2)
    assert f.evidence == ("[hiv_sexual_health term]",)
    assert f.identifies_patient is False
    assert by_cat["oncology"].evidence == ("[oncology term]",)


def test_dotted_i_keeps_offsets() -> None:
    # U+0130 lower-cases to two characters; later matches must still line up.
    assert terms("\u0130stanbul \u0130 HIV") == {"hiv_sexual_health": 1}


PATIENTS = [
    ("DOB: 03/04/1964", {"dob": 1}),
    ("D.O.B. 3 March 1964", {"dob": 1}),
    ("D.O.B 03-04-64", {"dob": 1}),
    ("Date of birth: 1964-04-03", {"dob": 1}),
    ("date of birth 03.04.1964", {"dob": 1}),
    ("Born: 03 Mar 1964", {"dob": 1}),
    ("Born 03/03/1964", {"dob": 1}),
    ("Born 03 Mar 1964 in Leeds, she trained at", {}),  # a biography, not a record
    ("dob (age 60) 03/04/1964", {"dob": 1}),
    ("DOB 3rd March 1964", {"dob": 1}),
    ("DOB: 03Mar1964", {"dob": 1}),  # as some systems print it
    ("DOB 3MAR64", {"dob": 1}),
    ("DOB unknown", {}),
    ("Date of birth: see attached letter", {}),
    ("DOB:\n03/04/1964", {"dob": 1}),  # the label on the line before
    ("DOB:\nnot known\n03/04/1964", {}),
    ("DOB: 35/04/1964", {}),
    ("DOB: 03/13/1964", {"dob": 1}),  # US month first
    ("DOB: 13/13/1964", {}),
    ("born in 1964", {}),
    ("date of birth" + " " * 40 + "03/04/1964", {}),
    ("Hospital No: K123456", {"hospital_number": 1}),
    ("Hospital number 12345678", {"hospital_number": 1}),
    ("Hosp No. A12-3456", {"hospital_number": 1}),
    ("MRN 1234567", {"hospital_number": 1}),
    ("MRN: 1234567", {"hospital_number": 1}),
    ("RTX number: 12345678", {"hospital_number": 1}),
    ("Unit No. AB12345", {"hospital_number": 1}),
    ("Case note No 12-3456", {"hospital_number": 1}),
    ("Case No 12-3456", {}),  # support desks, courts, insurers: not a patient label
    ("Hosp. No: 1234567", {"hospital_number": 1}),
    ("M.R.N. 1234567", {"hospital_number": 1}),
    ("Patient ID: AB123456", {"hospital_number": 1}),
    ("RJ1 No 1234567", {"hospital_number": 1}),
    ("RiO ID: 1234567", {"hospital_number": 1}),
    ("EPR number 12345678", {"hospital_number": 1}),
    ("EMIS no. 123456", {"hospital_number": 1}),
    ("SystmOne ID 123456789", {"hospital_number": 1}),
    ("Mosaic ID: 123456", {"hospital_number": 1}),
    ("rtx number 1234567", {}),
    ("Unit No 4B", {}),
    ("MRN: pending", {}),
    ("in case no one replies by 2023", {}),
    ("Hospital number: ABCDEFG", {}),
    ("DOB 03/04/1964, MRN 7654321; DOB 01/01/1950", {"dob": 2, "hospital_number": 1}),
]


@pytest.mark.parametrize("text,expected", PATIENTS, ids=[p[0][:40] for p in PATIENTS])
def test_patient_identifiers(text: str, expected: dict[str, int]) -> None:
    assert patients(text) == expected


YEAR = datetime.date.today().year
NAMED = [
    # A person's name right before a date of birth, beside health terms.
    ("Re: Jane Example (02/03/1961) - suspected breast cancer", {"dob": 1}),
    ("Jane Example 02.03.61 seen today, HIV viral load undetectable", {"dob": 1}),
    ("EXAMPLE, Jane 02/03/1961 - schizophrenia", {"dob": 1}),
    ("Mrs Example, 3 March 1961, has diabetes", {"dob": 1}),
    ("Aoife O'Brien-Murphy, 1961-03-02: depression", {"dob": 1}),
    ("Jane Example\t02/03/1961\tHIV\nJohn Example\t04/05/1972\tHepatitis B\n", {"dob": 2}),
    ("Letter to the GP about Jane Example 02/03/1961: chemotherapy", {"dob": 1}),
    ("Siobh\u00e1n O'Neill 24/08/1968 - depression", {"dob": 1}),
    ("Zo\u00eb Example 24/08/1968 - depression", {"dob": 1}),
    # a family name in capitals, as record systems print it: any given name after it
    ("STEPHENSON, Dale 24.08.78 - seen in diabetes clinic", {"dob": 1}),
    ("REPORT, Draft 12/03/2019 - diabetes audit", {}),
    # a period is no birth: years of service; a staff column's date is the column's
    ("Maurice Walton (01/04/2018 \u2013 31/03/2023), Mental Health Practitioner", {}),
    ("Ref | Action | Owner | Due date\nA171 | Mortality review for stroke | Jill Mills | 19/03/2023", {}),
    # dates of staff events under a heading that names them, recent enough to be a child's birth
    ("Course: Dementia Awareness\nRoss Lewis 03/05/2021\nJane Example 04/05/2021", {}),
    ("Leavers from the eating disorders service\nDenis West 07/09/2020", {}),
    # ... but a child's date of birth in a referral is one
    ("Referral for asthma review\nLily Example 02/03/2019", {"dob": 1}),
    # Not without health terms.
    ("Re: Jane Example (02/03/1961) - see you on Friday", {}),
    # Clinicians, authors, senders, events, headings.
    ("Dr Jane Example 02/03/1961 - diabetes clinic", {}),
    ("Prof. EXAMPLE, Jane 02/03/1961 - cancer", {}),
    ("By Jane Example 08/08/2019: a history of cancer care", {}),
    ("By Sallie Example and Willie Example 07/23/2002 on cancer", {}),
    ("Approved by Jane Example 02/03/2019 - cancer policy", {}),
    ("Action: Jane Example 02/03/2019 - audit of cancer waits", {}),
    ("Author | Jane Example | 02/03/2019 | Diabetes pathway", {}),
    ("From: Jane Example  Sent: 02/03/2019  Subject: cancer MDT", {}),
    ("Jane Example 02/03/2019 14:00 - cancer MDT", {}),
    ("Cancer Policy Review 02/03/2019", {}),
    ("Trust Board 02/03/2019: cancer waiting times", {}),
    ("San Francisco Business Journals 9/27/2002 on cancer", {}),
    ("Mr Patel 02/03/2019 hernia clinic, then diabetes", {}),  # surgeons are Mr: a title alone needs an adult's date
    (f"Jane Example 02/03/{YEAR} cancer", {}),  # this year's date: an event
    ("May Review 02/03/2019: cancer", {}),  # given names that are words are not in the list
]


@pytest.mark.parametrize("text,expected", NAMED, ids=[p[0][:40] for p in NAMED])
def test_a_name_with_its_date_of_birth(text: str, expected: dict[str, int]) -> None:
    assert patients(text) == expected


PATIENT_NAMES = [
    ("Patient: Jane Example, 1 High Street, Leeds", {"patient_name": 1}),
    ("Patient name: EXAMPLE, Jane", {"patient_name": 1}),
    ("Service user: Mr J Example", {"patient_name": 1}),
    ("  - Patient:\tJ. A. Example", {"patient_name": 1}),
    ("Ward 7 | Patient: Aoife Example | Bed 3", {"patient_name": 1}),
    # as staff and their systems write the label: a dash, Outlook's apostrophe, "Pt", Welsh
    ("Patient - Jane Example", {"patient_name": 1}),
    ("Patient Name \u2013 EXAMPLE, Jane", {"patient_name": 1}),
    ("Patient\u2019s name: Jane Example", {"patient_name": 1}),
    ("Pt: Jane Example", {"patient_name": 1}),
    ("Enw'r claf: Jane Example", {"patient_name": 1}),
    # accented names: the list holds them without their accents
    ("Patient: Si\u00e2n Example", {"patient_name": 1}),
    ("Patient: Se\u00e1n \u00d3 Example", {"patient_name": 1}),
    # Headings, clinicians, prose, other labels
    ("Patient: Discharge Summary", {}),
    ("Patient: Information Leaflet for Diabetes", {}),
    ("Patient: not known", {}),
    ("Patient: Dr Jones", {}),
    ("The patient: Jane Example said", {}),
    ("Patient-centred care: Jane Example", {}),
    ("Name: Jane Example", {}),  # a bare "Name:" is every form's, staff's too
    ("Name: Jane Example\nRole: Cancer nurse specialist", {}),
    # ... and beside a clinical record's field that says no health (see below)
    ("Name: Jane Example\nAddress: 1 High Street\nDiagnosis: see below", {}),
    ("Company name: Example Ltd\nDiagnosis: see below", {}),
    ("Name: Dr Jane Example\nDiagnosis: see below", {}),
]


@pytest.mark.parametrize("text,expected", PATIENT_NAMES, ids=[p[0][:40] for p in PATIENT_NAMES])
def test_a_labelled_patient_name(text: str, expected: dict[str, int]) -> None:
    assert patients(text + "\nHIV positive") == expected  # looked for beside health terms only
    assert patients(text) == {}


def test_a_messaging_systems_patient_fields_with_the_patients_own_words() -> None:
    # a practice's messaging system lays a reply out as fields: the patient's name (family name
    # in capitals) and date of birth, then what they wrote of their body in their own words
    note = ("New message from a patient\nPatient: Jordan PRICE (M) 04-Feb-1990\nOrganisation: Example Surgery\n"
            "Patient reply: My ankle is still really swollen and it hurts to walk on it.\n")
    assert terms(note) == {"general": 1}
    assert patients(note) == {"dob": 1, "patient_name": 1}
    thanks = note.replace("My ankle is still really swollen and it hurts to walk on it.", "Thanks, 10am is fine.")
    assert terms(thanks) == {} and patients(thanks) == {}


def test_a_bare_name_label_counts_beside_a_clinical_field_that_holds_a_health_term() -> None:
    assert patients("Name: Jane Example\nAddress: 1 High Street\nDiagnosis: type 2 diabetes") == {"patient_name": 1}
    assert patients("Full name: EXAMPLE, Jane\n\nPMH: COPD, asthma") == {"patient_name": 1}
    # an IT ticket's or an asset's "Diagnosis:" and "Condition:" (a unit's name is no health)
    assert patients("Name: Jane Example\nLocation: Maternity Unit\nDiagnosis: failed SSD, SMART errors") == {}
    assert patients("Name: Jane Example\nCollect from: Oncology Day Unit\nCondition: Good - scratches on lid") == {}


def test_a_name_field_laid_out_along_a_line_ends_at_the_next_field() -> None:
    # a scanned form's text: the fields of a line set apart by runs of spaces
    assert patients("Name: ROSALIND PEVERELL        Date: 03/02/2026    Signed: R Peverell\n"
                    "Diagnosis: ulcerative colitis") == {"patient_name": 1}


def test_a_study_participants_name_on_a_form_whose_title_names_a_condition() -> None:
    # a consent form or a case report form: its study's title (wrapped over two lines) says what
    # its patients have, and the participant's field names one of them
    form = ("INFORMED CONSENT FORM   v3.0\nStudy title: A placebo-controlled trial of Examplimab for adults\n"
            "living with rheumatoid arthritis\n\n1. I have read the information sheet.   [ RP ]\n\n"
            "Participant's name: Rosalind Peverell    Date: 03/02/2026\n"
            "Researcher: Dr O. Quartey\n")
    assert patients(form) == {"patient_name": 1}
    # a study of healthy volunteers, or of staff's training, is of no one's illness
    assert patients(form.replace("adults\nliving with", "healthy volunteers\nwithout")) == {}
    assert patients(form.replace("A placebo-controlled trial of Examplimab for adults\nliving with",
                                 "Training practice nurses\nto recognise")) == {}
    # a name with no participant's label is not said to be in it
    assert patients(form.replace("Participant's name:", "Witness:")) == {}


def test_a_bare_name_label_beside_the_fields_of_discharge_summaries_and_handovers() -> None:
    """Fields as discharge summaries, handovers (SBAR) and referral forms label them, a few
    words qualifying the label perhaps; the most general ones ("Background:", "Problems:")
    only beside the person's home, age or birth, or another such field; "Plan:" and
    "Notes:" only beside another."""
    assert patients("Name\tDoreen Example\nAge\t91\nAdmission\tFractured neck of femur, hemiarthroplasty 02/11\n"
                    "Comorbidities\tAF on apixaban, CKD 3a") == {"patient_name": 1}
    assert patients("Name: Harold Example\nAddress: 31 Linden Road, Hollins\nBackground: heart failure (EF 30%)\n"
                    "Problems this week: ankles more swollen") == {"patient_name": 1}
    assert patients("Name: Peter Example\nMeds changed: furosemide increased to 80mg") == {"patient_name": 1}
    assert patients("Name: Peter Example\nPresenting complaint: chest pain\nPlan: troponin") == {"patient_name": 1}
    assert patients("Name: Peter Example\nBackground: COPD, ex-smoker\nAssessment: infective exacerbation of COPD"
                    ) == {"patient_name": 1}
    # one general field alone; an insurer's plan; a booking's notes
    assert patients("Name: Peter Example\nBackground: ten years as a diabetes nurse") == {}
    assert patients("Member name: Gareth Example\nMembership no: 7B44120Q\nPlan: Gold, includes cancer cover") == {}
    assert patients("Name: Peter Example\nEmail: p@example.com\nNotes: coeliac, gluten-free lunch please") == {}
    # a member of staff's profile
    assert patients("Name: Jane Example\nRole: Band 6 staff nurse\nBackground: 10 years in stroke and heart failure\n"
                    "Summary: experienced in diabetes and COPD care") == {}


def test_a_list_of_names_and_dates_is_counted_up_to_a_bound_and_keeps_to_the_deadline() -> None:
    rows = "\n".join(f"Jane Example,{day:02d}/03/1961,HIV" for day in range(1, 29)) + "\n"
    assert patients(rows * 50) == {"dob": identifiers.NAMES_ENOUGH}
    times = iter([0.0] + [10.0] * 10)  # the clock passes the deadline once the search starts
    message = ParsedMessage(segments=(Segment(rows * 50, "b"),), clock=lambda: next(times))
    with pytest.raises(InspectionTimeout):
        DETECTOR.detect(message, deadline=5.0)


def test_a_date_of_birth_is_a_year_old_or_more_and_sixteen_with_a_title_alone() -> None:
    assert identifiers.patient_names("Jane Example 02/03/2025", today_year=2026) == (1, 0, 0, 0, 0)
    assert identifiers.patient_names("Jane Example 02/03/2026", today_year=2026) == (0, 0, 0, 0, 0)
    assert identifiers.patient_names("Jane Example 02.03.25", today_year=2026) == (1, 0, 0, 0, 0)  # 2025
    assert identifiers.patient_names("Jane Example 02.03.27", today_year=2026) == (1, 0, 0, 0, 0)  # 1927
    assert identifiers.patient_names("Mrs Example 02/03/2010", today_year=2026) == (1, 0, 0, 0, 0)
    assert identifiers.patient_names("Mrs Example 02/03/2011", today_year=2026) == (0, 0, 0, 0, 0)


def test_a_date_under_a_header_row_is_its_columns() -> None:
    # A training record: the date after each name is when the course was done.
    log = "Name,Completed,Course\nJane Example,02/03/2024,Safeguarding Children Level 3\n"
    assert patients(log, tabular=True) == {}
    assert patients("Training log\n\n" + log.replace(",", "\t")) == {}
    assert patients(log) == {}
    # Prose above is no header; a header of patients' names names patients.
    assert patients("Hi Tom, thanks, here it is\nJane Example, 02/03/1961, HIV") == {"dob": 1}
    assert patients("Patient,Date,Diagnosis\nJane Example,02/03/1961,HIV") == {"dob": 1}
    assert patients("Jane Example,02/03/1961,HIV\n", tabular=True) == {"dob": 1}  # no header row


def test_a_lone_surrogate_does_not_stop_the_name_search() -> None:
    # RE2 takes UTF-8; a text decoded with surrogate escapes is searched as a same-length copy
    assert identifiers.patient_names("\udcff Jane Example (02/03/1961) \ud800") == (1, 0, 0, 0, 0)
    assert patients("Patient: Jane Example \udcff\nHIV") == {"patient_name": 1}


def test_a_labelled_identifier_is_not_counted_again_by_name() -> None:
    assert patients("Jane Example DOB 02/03/1961, HIV") == {"dob": 1}


def test_patient_identifier_finding() -> None:
    (f,) = [f for f in findings("Name: J Bloggs, DOB 03/04/1964") if f.kind == "patient_identifier"]
    assert f.identifies_patient is True and f.category == "dob" and f.count == 1
    assert f.evidence == ("[date of birth]",)
    assert "1964" not in " ".join(f.evidence)


TABLES = [
    ("Name,Date of birth,Clinic\nA,01/01/1960,x\nB,02/02/1970,y\n", {"dob": 2}),
    ("Name\tDOB\nA\t1960\nB\t1961\nC\t1962", {"dob": 3}),
    ('"Patient name","D.O.B."\n"A","03/04/1964"\n,\n\n"B","04/05/1970"\n', {"dob": 2}),
    ("Name;Hospital No;Ward\nA;K123456;1\nB;K234567;2\n", {"hospital_number": 2}),
    ("Surname|MRN|DOB\na|1|2\n", {"dob": 1, "hospital_number": 1}),
    ("Name,Clinic\nA,x\nB,y\n", {}),
    ("Name,Date of birth\n", {}),
]


@pytest.mark.parametrize("text,expected", TABLES, ids=[t[0][:30] for t in TABLES])
def test_tabular_headers(text: str, expected: dict[str, int]) -> None:
    assert patients(text, tabular=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "WALKER Jamie (14/10/1996) - asthma",
        "HILL, Jasmine 07-FEB-1994, asthma",
        "Leanne Jenkins 22Jun1949 asthma",
        "Katie Boyle, September 13, 1992, asthma",
        "Harry Clark, born 03 Feb 1947, seen with asthma",
        "Liam Walker 14/10/1996 asthma",
        "Client: Amelia Barker\nasthma review",
        "Resident: Mr Trevor Turner\nasthma review",
        "Pt name Nicola Berry - asthma review",
    ],
)
def test_patients_as_records_and_care_homes_write_them(text: str) -> None:
    assert patients(text), text


def test_an_applicants_date_of_birth_is_no_patients() -> None:
    ref = "Candidate: Derek Slater\nDate of birth: 06/05/1971\nPost applied for: Sexual Health Adviser\n"
    assert patients(ref) == {}
    assert patients(ref.replace("Candidate", "Patient"))


def test_a_birth_in_staff_news_is_no_patients() -> None:
    assert patients("Happy 60th to porter Megan Griffin, born 05 September 1966! Diabetes ward news.") == {}
    assert patients("Born 3 April 1964 in Leeds, she studied asthma.") == {}


def test_a_table_of_staff_holds_no_patients_dates_of_birth() -> None:
    # a DBS renewal list sent as Outlook renders it: blank paragraphs of a space between
    rows = "Surname\tForename\tDate of Birth\tJob Title\tDBS Level\nGordon\tSimon\t13/09/1973\tPsychologist\tEnhanced\n"
    assert patients("Hi,\n \nStaff due a DBS renewal:\n \n" + rows) == {}
    assert patients(rows.replace("Job Title", "Diagnosis").replace("DBS Level", "Ward"), tabular=True)


def test_a_table_pasted_into_a_body_counts_but_prose_does_not() -> None:
    assert patients("Clinic list:\nName,Date of birth\nA,03/04/1964\nB,4 May 1971\n\nThanks", tabular=False) == {"dob": 2}
    assert patients("Name\tHospital No\nA Example\tRX123456\nB Example\tRX654321\n", tabular=False) == {"hospital_number": 2}
    assert patients("Please bring your date of birth, and address\nThanks\n", tabular=False) == {}


@pytest.mark.parametrize(
    "text",
    [
        # Prose split at its commas: the "header cell" is a clause, the "rows" sentences.
        "residents,\nafter all, the town where Starbucks was born and where the $12 pound\n"
        "of beans became a staple. There is one Starbucks for every 7,000\n"
        "residents in Seattle, compared to one per 64,000 in New York. Seattle\n"
        "also has two other major coffee chains, Tully's Coffee and Seattle's\n",
        "literacy: Ulrika Jonsson, the Swedish-born British television host and\n"
        "girlfriend of England football coach Sven Goran Eriksson, made the list\n"
        "recently. So did Andrea Yates, the Houston mother who drowned her five\n",
        # A blank form: the cells are there, the values are not.
        "Name:\t\nPhone:\t(xxx-xxx-xxxx)\nDate of Birth:\t(mm/dd/yy)\nType of Insurance:\t\nSmoker:\tYes/No\n",
        "Name,Date of birth,Hospital No\nA,x,y\nB,,\n",
        # A form's help text: one label with its format, and an example
        "Date of Birth (mm/dd/yyyy)\n\nEnter your date of birth. For example, enter January 8, 1980 as 01/08/1980.",
        "Date of birth: e.g. 01/08/1980",
    ],
)
def test_prose_and_blank_forms_are_not_tables_of_patients(text: str) -> None:
    assert patients(text, tabular=False) == {}


def test_patient_identifiers_option_off() -> None:
    det = health_terms.build({**health_terms.DEFAULTS, "patient_identifiers": False}, CTX)
    found = det.detect(ParsedMessage(segments=(Segment("DOB 03/04/1964 HIV", "b"),)))
    assert {f.kind for f in found} == {"health_terms"}


def test_missing_lexicon_names_the_path(tmp_path) -> None:
    ctx = DetectorContext(config_dir=str(tmp_path))
    with pytest.raises(DetectorConfigError) as err:
        health_terms.build(health_terms.DEFAULTS, ctx)
    assert str(tmp_path / "lexicon" / "health_terms.tsv") in str(err.value)


def test_custom_lexicon(tmp_path) -> None:
    (tmp_path / "mini.tsv").write_text(
        "# test\noncology\tgrowth factor X\ngeneral\tABC\texact\nsafeguarding\tXYZ\n", "utf-8"
    )
    det = health_terms.build({**health_terms.DEFAULTS, "lexicon": "mini.tsv"},
                             DetectorContext(config_dir=str(tmp_path)))
    found = det.detect(ParsedMessage(segments=(Segment("Growth Factor x; ABC; abc; xyz; X.Y.Z.", "b"),)))
    assert {f.category: f.count for f in found if f.kind == "health_terms"} == {
        "oncology": 1, "general": 1, "safeguarding": 2,
    }


def test_an_hl7_fields_number_is_no_condition() -> None:
    # "PID-3" is the patient segment's third field; PID alone, in a clinical sentence, is the infection
    assert terms("PID-3 carries the MRN and PID.5 the name") == {}
    assert terms("Treated for PID last year") == {"hiv_sexual_health": 1}
    # a condition's abbreviation with its type or grade is the condition
    assert terms("HPV-16 detected") == {"hiv_sexual_health": 1}
    assert terms("BRCA-1 carrier") == {"genetic": 1}
    assert terms("PTSD-5 checklist") == {"mental_health": 1}


@pytest.mark.parametrize("text", [
    "Engine host:      rhapsody-01 / PID 8337",
    "2024-04-10 10:38:20 [mirth] PID 4410 exited with status 1",
    "[PID: 29117] worker restarted",
    "Support contract ref CT-2231-4477120001.",
    "Order MRI-20931 raised for the replacement coil",
    "see ticket PSA-1029 in the service desk",
])
def test_an_abbreviation_in_an_identifier_or_a_process_number_is_no_condition(text: str) -> None:
    # a process's number after "PID" as logs print it; a code glued to a hyphen and digits
    assert terms(text) == {}, text


@pytest.mark.parametrize(("text", "expected"), [
    ("Treated for PID 3 weeks ago", {"hiv_sexual_health": 1}),
    ("PID 2019, chlamydia 2021", {"hiv_sexual_health": 2}),
    ("hx of PID 3/12 ago", {"hiv_sexual_health": 1}),
    ("PID x2 in the last year", {"hiv_sexual_health": 1}),
    ("CT-guided drain; CT 2231 slices", {"general": 2}),
    ("HPV-16 and HPV-18 detected", {"hiv_sexual_health": 2}),
])
def test_a_condition_with_a_time_or_a_grade_after_it_is_still_one(text: str, expected: dict[str, int]) -> None:
    assert terms(text) == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "She has multiple\n> sclerosis and is now in a wheelchair",  # a quoted reply's wrap
        "his motor neurone\n>> > disease has progressed",
        "known multiple \n> sclerosis",  # a flowed line's space kept in the quote
        "dx: motor  neurone  disease",  # typed, or a justified PDF line
        "Problem\tmultiple\t sclerosis",
        "| Diagnosis: motor neurone\n| disease",
    ],
)
def test_a_terms_words_parted_by_spaces_tabs_or_quote_markers_are_the_term(text: str) -> None:
    found = DETECTOR._matches(text)[0]
    assert [text[a:b].split()[-1].strip(">|") for a, b, _c in found] in (["sclerosis"], ["disease"]), found
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b, _c in found)  # offsets as written


def test_a_paragraph_still_ends_a_term() -> None:
    assert DETECTOR._matches("Follow up multiple\n\nsclerosis society leaflets")[0] == []
    assert DETECTOR._matches("Follow up multiple\n>\n> sclerosis society leaflets")[0] == []


# A term that is a given name too ("Yasmin", a contraceptive pill; "TIA"): where it stands
# as a person's name it is one; where it stands as the pill or the condition it is health.
AS_A_NAME = [
    "Applicant: Yasmin Begum\nRole: Finance Administrator",
    "Many thanks\n\nYasmin Begum\nPrivate Patients Officer",
    "Kind regards,\nYasmin\n",
    "Dear Yasmin,\nPlease find the form attached.",
    "Hi Yasmin - thanks for this.",
    "Mrs Yasmin MALIK attended with her son.",
    "From: Begum, Yasmin <yasmin.begum@example-trust.nhs.uk>\nSent: 3 June 2024",
    "From: Yasmin [mailto:y.begum@example-trust.nhs.uk]",
    "Please reply to yasmin.begum@example-trust.nhs.uk",
    "BEGUM, Yasmin (12/03/1988)",
    "ROBERTS, TIA 02/11/1999",
    "MRS TIA ROBERTS",
    # an eponym's family name after a title is a person's: the consultant, the contractor
    "Mr Parkinson's letter about the car park charges is attached.",
    "Please pay Dr Crohn's invoice for the gardening.",
    "Copy to Mrs. Addison and MR HODGKIN",
]
AS_HEALTH = [
    ("She started Yasmin last month", {"reproductive_health": 1}),
    ("on yasmin since 2019", {"reproductive_health": 1}),
    ("Yasmin was stopped after migraines", {"reproductive_health": 1, "general": 1}),
    ("Current medication:\nYasmin OD\nSertraline 50mg", {"reproductive_health": 1, "mental_health": 1}),
    ("Yasmin Pill review", {"reproductive_health": 1}),
    ("Switched from Microgynon, Yasmin", {"reproductive_health": 2}),
    ("Yasmin\n", {"reproductive_health": 1}),
    ("PMH: TIA in 2019", {"general": 2}),
    ("Seen by Mr Down today. She has Down's syndrome.", {"genetic": 1}),
    ("Mrs Example has Parkinson's disease", {"general": 1}),
]


@pytest.mark.parametrize("text", AS_A_NAME)
def test_a_term_that_is_a_persons_name_where_it_stands_is_a_name(text: str) -> None:
    assert terms(text) == {}, text


@pytest.mark.parametrize("text,expected", AS_HEALTH, ids=[t[0][:30] for t in AS_HEALTH])
def test_a_term_that_is_a_given_name_too_is_still_health_where_it_stands_as_one(text: str, expected) -> None:
    assert terms(text) == expected


def test_display_names_name_people_and_clinics() -> None:
    def shown(text: str) -> dict[str, int]:
        found = DETECTOR.detect(ParsedMessage(segments=(Segment(text, "header Cc (display names)"),)))
        return {f.category: f.count for f in found if f.kind == "health_terms"}

    # a person named Yasmin or Tia in a list of recipients, "Malik, Yasmin" as its commas left it
    for people in ("Cc: Malik Yasmin", "Cc: Tomasz Kowalski Yasmin Malik", "Cc: Yasmin", "To: TIA ROBERTS"):
        assert shown(people) == {}, people
    # a clinic's or a team's name, and a person's with their clinic, are still health
    assert shown("To: TIA Clinic") == {"general": 1}
    assert shown("To: Stroke & TIA") == {"general": 2}
    assert shown("To: Jane Example (HIV clinic)") == {"hiv_sexual_health": 1}
    assert shown("To: Diabetes Clinic") == {"general": 1}


def test_the_lexicons_given_names_are_known_as_names() -> None:
    # every term that is a given name too is read by where it stands (build_automaton marks it)
    automaton = health_terms._automaton_for(health_terms.SHIPPED_LEXICON, True)
    names = identifiers.given_names()
    marked = {key.strip() for key, (_n, entries) in automaton.items() if any(e[3] for e in entries)}
    assert {"yasmin", "tia"} <= marked
    assert all(key in names for key in marked)


def test_a_sender_or_recipient_named_yasmin_makes_no_health_data() -> None:
    from dlpgate.mime import parse

    raw = (
        b'From: "Begum, Yasmin" <yasmin.begum@example-trust.nhs.uk>\r\nTo: claims@insurer.example.co.uk\r\n'
        b'Cc: "Malik, Yasmin" <y.malik@insurer.example.co.uk>\r\nSubject: Invoice query\r\n\r\n'
        b"Re: Mr Stan Example, date of birth 02/03/1961\r\n\r\nPlease confirm the membership number.\r\n\r\n"
        b"Kind regards\r\nYasmin Begum\r\nPrivate Patients Officer\r\n"
    )
    got = DETECTOR.detect(parse(raw))
    assert {f.kind for f in got} == {"patient_identifier"}


# Drugs that are given names too: the drug, unless the word stands as a name.
def test_a_drug_that_is_a_given_name_too_is_the_drug_unless_it_stands_as_a_name() -> None:
    assert terms("Mirena fitted today, Kyleena next week, Senna 15mg nocte.") == {"reproductive_health": 2, "general": 1}
    assert patients("Mirena fitted today, Kyleena next week, Senna 15mg nocte.") == {}
    assert terms("Stock check: Mirena Hall store 12 packs, Kyleena 4, Senna tablets 30.") == {
        "reproductive_health": 2, "general": 1}
    # as a name: not the drug, and a person whose health follows
    assert terms("Kyleena Example has been started on sertraline.") == {"mental_health": 1}
    assert patients("Kyleena Example has been started on sertraline.") == {"patient_name": 1}


@pytest.mark.parametrize(("text", "expected"), [
    ("positive for TB; a lump in the left breast; on IV abx; INR 4.1; EEG and CT booked", {"general": 6}),
    ("a 2 week wait referral", {"oncology": 1}),
    ("the 20 week scan", {"reproductive_health": 1}),
    ("his rheumatology appointment, an inpatient with a line infection, a polyp", {"general": 4}),
])
def test_investigations_and_findings_as_staff_write_them(text: str, expected: dict[str, int]) -> None:
    assert terms(text) == expected, text


@pytest.mark.parametrize("text", [
    "a 2 TB disk", "INR 25,000 was paid", "500 INR", "Hartford, CT 06103", "CA CO CT DE", "Modality: CT",
    "a lump sum", "lumps of sugar",
])
def test_a_terms_word_in_its_ordinary_sense(text: str) -> None:
    assert terms(text) == {}, text


# Everyday clinical words of a visit, a ward round or a handover, in phrases with no
# ordinary sense; the ordinary words beside them stay quiet.
CARE_WORDS = [
    ("came in for his B12 injection; dizzy spells since", {"general": 2}),
    ("missed his last three depot injections", {"general": 1}),
    ("attended for her smear; smear results to follow", {"reproductive_health": 2}),
    ("induction of labour for reduced fetal movements", {"reproductive_health": 2}),
    ("termination appointment on Wednesday", {"reproductive_health": 1}),
    ("MUST score now 2, referred to the dietitian", {"general": 2}),
    ("swollen jaw, dental abscess drained; toothache", {"general": 3}),
    ("non-blanching rash, pyrexial", {"general": 2}),
    ("assessed as lacking capacity", {"safeguarding": 1}),
    ("whiplash injury, attending physiotherapy", {"general": 2}),
    ("D&V in rm 2", {"general": 1}),
    ("missed his hearing aid fitting; hard of hearing", {"general": 2}),
    ("a new grade 2 sore on her hip", {"general": 1}),
    ("thickened fluids after his SALT assessment", {"general": 2}),
    ("a history of bisphosphonate use", {"general": 1}),
    ("low mood, PHQ-9 21, GAD-7 15", {"mental_health": 3}),
    ("TTOs ready", {"general": 1}),
    # readings found with the blood results: a BP, sats, a temperature, a pregnancy's weeks
    ("BP 168/94, repeat in 2/52", {"general": 1}),
    ("sats 88% on air; SpO2 91%", {"general": 2}),
    ("temp 39.4, Temp: 38.2C", {"general": 2}),
    ("had a 38.6 temp overnight; 39.1C temperature", {"general": 2}),
    ("fever 39.8 since last night; febrile at 38.6; Fever: 38.2C", {"general": 3}),
    ("the MS has progressed since the summer; her MS is getting worse; MS has progressed to the next round", {"general": 3}),
    ("a rash that doesn't fade with the glass test; a rash which doesn\u2019t fade", {"general": 2}),
    # lay words of a call to a surgery: a fever, a rash on someone, wetting the bed, falls, confusion
    ("fever since last night; a rash on his tummy; wetting the bed again", {"general": 3}),
    ("keeps falling; more confused than usual; swollen calf after the flight", {"general": 3}),
    ("glass test tubes; new confusion over the rota", {}),
    ("36+2/40; 31+4 weeks; is now 36+2; at 34/40", {"general": 4}),
    # ... and their words in their ordinary use
    ("you must score 70% to pass; the salt assessment for the gritters", {}),
    ("a smear campaign; a smear of paint; d&v", {}),
    ("new hearing aids for the office loop; a court hearing", {}),
    ("we are lacking capacity this month; a poor night's sleep; a rash decision", {}),
    ("BP 2019/20 results; BP 12/10; SATs 88%; CPU temp 39.5; room temp 21.5", {}),
    ("version 38.6 template; 37.5 tempo", {}),
    ("World Cup fever 2026; fever pitch at 38.5 million viewers; cabin fever 2.0", {}),
    ("scored 34/40 in the quiz; her score is 34/40; is 34/40 marks; 34/40 tests passed; is 3+2", {}),
    ("booked for induction on Monday (new starters)", {}),
]


@pytest.mark.parametrize("text,expected", CARE_WORDS, ids=[t[0][:40] for t in CARE_WORDS])
def test_everyday_clinical_words_and_readings(text: str, expected: dict[str, int]) -> None:
    assert terms(text) == expected, text


@pytest.mark.parametrize("text", [
    "Tom Sample came in for his B12 injection today.",
    "Piotr Example has missed his last three depot injections.",
    "Jaswinder Example attended for her smear today, result to follow.",
    "Nana Akua Mensah is now 36+2 and booked for induction due to reduced fetal movements.",
    "Mrs Dorothy Example has been assessed as lacking capacity to decide about her placement.",
    "Our client Ms Priya Example sustained a whiplash injury and has been attending physiotherapy.",
    "Your patient, Mr Alun Example, failed to attend his hearing aid fitting on 3rd June.",
    "Can Hannah Example have an interpreter for her termination appointment?",
    "Mr Example needs thickened fluids after his SALT assessment.",
    "Mr Example - BP 168/94, repeat in 2/52.",
    # a death as a care record gives it: its time, or the care that follows it beside it
    "Sorry to tell you that Mr Hamish Example passed away peacefully at 03:40 this morning.",
    "Sad news: Mrs Edna Example died peacefully in the hospice last night, her family were with her.",
    "The coroner's office has asked for the GP records of Mr Example, who died suddenly on 2nd October.",
    "Mr Dennis Example phoned to say his wife Maureen died last night. Could you let the district nurses know.",
])
def test_everyday_care_of_a_named_patient(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", [
    # a death alone is no health detail: a staff member's own loss, a colleague's, an obituary, news
    "Sad news: my father, John Example, passed away peacefully last week. I will be on leave until Monday.",
    "We are sad to announce our colleague Sarah Example died at 14:30 yesterday after a short illness.",
    "Jim Example passed away peacefully at home. Funeral arrangements will follow.",
    "The court heard that Peter Example died at 22:15 after the crash.",
    "Mrs Joan Example died in 1998 and left the house to the charity.",
    # marks, a machine's temperature, a company's year
    "Ann Example scored 34/40 in the quiz and 38/40 in the final.",
    "Kim Example said the CPU temp 39.5 is fine.",
    "Jo Example: BP 2019/20 annual report attached.",
    "Dave Example must score 70% to pass the module.",
    "Our team is lacking capacity this month, says Priya Example.",
    "Lee Example is booked for induction on Monday at 9am.",
])
def test_ordinary_words_of_a_named_person_are_no_care(text: str) -> None:
    assert patients(text) == {}, text
