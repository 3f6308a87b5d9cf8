"""A person named at the head of a block, their health told in the block below: a heading
that says where they are or live ("Mrs Example, Room 7", "Re: Mr Example, 22 Mill Lane"), a
paragraph that names them (by title, as the reader's relative, after "for") over a bulleted
list, a form's name field over fields or a paragraph of their care, a relative named as the
subject of their result. And the blocks of staff, events, suppliers, applicants and blank
templates that look the same and name no patient."""

from __future__ import annotations

import pytest

from dlpgate.detectors import health_terms
from dlpgate.types import DetectorContext, ParsedMessage, Segment
from tests.detectors.test_health_terms import CONFIG, patients

DETECTOR = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))

BLOCKS = [
    # a heading: a titled name and a room, a "Re:" line, an untitled name and a bed
    "Mrs Ivy Thornton, Room 7\n- COPD, on home oxygen since March\n- started prednisolone 30mg yesterday\n"
    "- chest infection, sputum sent",
    "Re: Mr Colin Ashworth, 22 Mill Lane\n- type 2 diabetes, started insulin last month\n"
    "- foot ulcer on the left heel, dressing changed daily",
    "Re: Mrs Hilda Brandt\n- HIV positive, on Biktarvy\n- VL undetectable in October",
    "Arthur Pennington, Bed 4\n- NSTEMI, troponin rising\n- started on heparin, cardiology review today",
    "Notes for the home:\n\nMr Walter Ingram, Room 3\n- motor neurone disease, diagnosed 2022\n"
    "- started riluzole 50mg bd\n- PEG feeding plan agreed\n- low mood, watch for suicidal talk",
    # a paragraph over the list: a titled name and a street, a relative and a given name, "for"
    "Could you update your records for Mr Dennis Fulton, 9 Orchard Way - he has agreed we can share this.\n\n"
    "- epilepsy, no seizures since 2022\n- started lamotrigine 100mg bd\n- bloods normal",
    "Thanks for bringing your dad, Stanley, to clinic yesterday. Here is what we agreed:\n\n"
    "- Diagnosis: Parkinson's disease\n- started co-careldopa 62.5mg three times a day\n- falls clinic referral made",
    "For Mrs Doreen Clegg:\n- vascular dementia, diagnosed 2021\n- started memantine in June\n"
    "- UTI last week, treated with nitrofurantoin",
    "Update for Jane Rowe:\n- COPD exacerbation, started doxycycline\n- sats 91% on air",
    "Handover for Mrs Edith Marsh, bed 9:\n\n- NOF fracture, fixed Tuesday\n- started enoxaparin\n- delirium overnight",
    # a form: its name field, the person's age or contact, a field of history or a scan
    "Name: Megan Lowry\nAge: 24\nHx: ectopic pregnancy 2023, endometriosis",
    "Referral below.\n\nName: Priya Nair\nContact: 07700 900321\nDating scan: 11+2, miscarriage confirmed",
    # ... its age and home after the name, the paragraph after the fields its care
    "Victim: Leanne Ellery, 42, 18 Cedar Close\nAlleged perpetrator: ex-partner\nRisk score 15, second referral\n\n"
    "Came to ED on 3/12 with a broken wrist and bruising, told staff he pushed her down the stairs. She is 30/40 pregnant.",
    # a relative named, then what they have
    "Thanks for coming in with your mum, Enid, on Monday. She has Alzheimer's disease.",
]

NOT_BLOCKS = [
    # a member of staff heading their duties, a team's profile, a rota, an interview
    "Dr Amy Cole\n- leads the diabetes audit\n- teaching on sepsis for the FY1s\n- runs the Tuesday asthma clinic",
    "Mrs Helen Brook, Room 4\n- leads the dementia friends sessions\n- organises the stroke club coffee morning",
    "Staff profile: Mrs Rita Moss, Ward 9\n- joined us in 2004\n- qualified as a diabetes specialist nurse in 2010\n"
    "- leads our insulin safety training",
    "Rota for next week:\nMrs Jane Orr, Room 2\n- covering the COPD clinic Monday\n- on call Thursday, started at 8am",
    "Mrs Kay Norton\n- Practice Manager\n- diabetes QOF lead, started 2019",
    "Re: Mr Ian Tate\n- interview panel Tuesday, started at 10\n- presentation on sepsis management",
    "Geoffrey Banks\n- HIV awareness talk, started 2021\n- sepsis champion",
    # minutes and a speakers' programme
    "Attendees: Mrs Jo Fenn (chair), Mr Raj Patel, Ms Lucy Hart\n- Diabetes pathway redesign: agreed, started in May\n"
    "- HIV testing week: posters confirmed\n- sepsis audit results presented",
    "Programme for the HIV study day:\n\nMr Tom Reyes, Room 2\n- PrEP and HIV prevention, started 2019\n- keynote at 2pm",
    # a paragraph that names someone over a list of no one's health
    "Hi all, thanks to Mrs Gwen Lloyd, 3 Park Road, for hosting the support group:\n\n"
    "- diabetes education evening confirmed\n- next HIV awareness stall started planning",
    "Re your query for Mrs Ada Price about the new phlebotomy room:\n\n"
    "- the diabetes clinic moves to room 3 from Monday\n- asthma reviews stay in room 1",
    "Please welcome Mrs Diane Shaw, 12 Hill Street, our new receptionist:\n\n"
    "- started Monday\n- will cover the diabetes clinic front desk",
    "For Mrs Jean Webb, Room 5:\n- birthday party Saturday\n- family visiting, started decorating",
    "Meet the team!\n\nMrs Priya Shah, Room 14\n- our new diabetes specialist nurse\n"
    "- started in May, runs the insulin starts clinic",
    "Congratulations to Mrs Amy Lowe on her retirement:\n\n- 30 years on the cancer ward\n"
    "- started the chemo day unit in 2001",
    "Thanks to Mr Bob Grant for his donation:\n\n- new bladder scanner for the ward, started using it Monday\n"
    "- dementia-friendly clocks ordered",
    "Name: Tom Price\nAge: 34\nHistory: ran the London marathon for the British Heart Foundation",
    # a member of staff praised for their care of others; a meeting's item under its agenda
    "Well done to our stars of the month:\n\nAmy Cole, Ward 6\n- spotted sepsis early in two patients, "
    "started the sepsis six\n- referred a deteriorating patient to outreach",
    "Well done to Mrs Amy Cole:\n\n- spotted sepsis in two patients, started antibiotics\n"
    "- diagnosed AKI on the post-take round, started fluids",
    "Agenda:\nMrs Jo Fenn, Room 2\n- diabetes pathway update, started May\n- HIV testing confirmed for June",
    # ... or names the member of staff who sends it
    "Mrs Sue Hartley (diabetes specialist nurse) asked me to pass on the plan:\n\n"
    "- type 1 diabetes, started on a pump in May\n- HbA1c 58, improving\n- retinal screening booked",
    # forms of staff, a supplier, an applicant, a volunteer; blank templates
    "Name: John Smith\nRole: Staff nurse\nTraining: sepsis, anaphylaxis, diabetes foot checks",
    "Name: Owen Baxter\nJob title: Clinical nurse specialist\nHx: 10 years in HIV care",
    "Name: Lara Quinn\nCompany: Medisupply Ltd\nProducts: insulin pens, blood glucose meters\nContact: 07700 900123",
    "Name: Peter Hale\nAddress: 14 Birch Road\nPosition applied for: Band 6 mental health nurse\n"
    "Experience: 4 years on an acute psychiatric ward, diagnosed and managed delirium",
    "Name: Sarah Booth\nContact: 07700 900555\nInterested in volunteering at the dementia cafe, started in September",
    "Name: ______\nAge: ______\nHx: ______\nAllergies: ______\nDiagnosis: ______",
    "Name: Jane Example\nAddress: 1 High Street\nDiagnosis: see below\nHIV positive",
    "Victim support: Karen Bell, 0300 555 0100\nLeaflets on domestic abuse and pregnancy services are in reception.",
    # a relative named with work or a study of theirs
    "Your sister, Jane Doe, has been a volunteer in our cancer support group for years.",
    "Your son, Tom Reed, has joined the diabetes research study team.",
]


@pytest.mark.parametrize("text", BLOCKS, ids=[t[:40] for t in BLOCKS])
def test_a_person_heading_a_block_of_their_health_is_read(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_BLOCKS, ids=[t[:40] for t in NOT_BLOCKS])
def test_a_block_under_a_name_that_tells_no_patients_health(text: str) -> None:
    assert patients(text) == {}, text


# A subject that names a person by their title (an initial will do) over a short body whose
# bulleted list tells one person's health; the twins: a member of staff's cover, teaching, rota.
SUBJECT_LISTS = [
    ("Mr K Fairbairn - clinic letter", "Hi Jo,\n\nKey points from today:\n\n- Huntington's disease confirmed, diagnosed 2019\n"
     "- started tetrabenazine 12.5mg od\n- SALT referral made\n\nThanks\nMandy"),
    ("Mrs P Oduya - for Thursday", "Hello,\n\nAs requested:\n- HIV positive since 2015, on Biktarvy\n"
     "- viral load undetectable, CD4 640\n- started statin in May\n\nBest\nAnn"),
]
SUBJECT_LISTS_NOT = [
    ("Mr K Fairbairn - clinic cover", "Hi,\n\nFor next week:\n- diabetes clinic Tuesday, started at 9\n"
     "- asthma reviews moved to Thursday\n\nThanks"),
    ("Mr K Fairbairn - teaching", "Hi,\n\nTopics:\n- sepsis recognition, started in 2019\n- diabetes emergencies\n\nThanks"),
    ("Mrs P Oduya - rota", "Hi,\n\nShifts:\n- HIV clinic Monday, started 8am\n- PrEP clinic Wednesday\n\nThanks"),
]


def _held(subject: str, body: str) -> bool:
    msg = ParsedMessage(segments=(Segment(subject, "subject"), Segment(body, "message body")))
    return any(f.kind == "patient_identifier" for f in DETECTOR.detect(msg))


@pytest.mark.parametrize(("subject", "body"), SUBJECT_LISTS)
def test_a_titled_subject_over_a_list_of_their_health(subject: str, body: str) -> None:
    assert _held(subject, body), subject


@pytest.mark.parametrize(("subject", "body"), SUBJECT_LISTS_NOT)
def test_a_titled_subject_over_a_list_of_work(subject: str, body: str) -> None:
    assert not _held(subject, body), subject
