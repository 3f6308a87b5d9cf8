"""Patients named the way staff write quick mail and chat: names in lower case, a subject that
is only the patient's name over a terse note, a relative or the patient written to about
their own care, a greeting on the line of a date of birth, an untitled name and age then
what was done; and the staged shorthand of the lexicon (CKD3b). With each, the twins that
name no patient: ordinary lower-case words, a member of staff's subject, a supplier's or a
colleague's mail."""

from __future__ import annotations

import pytest

from dlpgate.detectors import identifiers
from tests.detectors.test_health_terms import patients, terms
from tests.detectors.test_patients_as_staff_write import _message_patients

# Lower case: a personal title, a bed and an age, "re" and a date of birth around the pair of
# words say it is a person's name, read as the same text capitalised is.
LOWER_CASE = [
    ("mo can u ring mrs shirley khan re her warfarin tmrw, INR 5.8 today, pls hold dose tonight.", "patient_name"),
    ("bed 12 is peter lomax, 71, trop 2900 now, ECG ST dep V4-6. treating as NSTEMI", "name_age"),
    ("hi jo, re margaret ellis (02/03/51) - COPD, FEV1 42%, 3 exacerbations this yr, on LTOT 2L.", "dob"),
    ("can u check mr derek holloway's bloods, K 6.1 ?AKI", "patient_name"),
    ("bay 3 - joan smith 88f - fractured NOF, for theatre", "name_age"),
    ("pt margaret ellis, 74, ?PE, CTPA booked", "name_age"),
    # a note's line led by the name, a dash after it
    ("to self - for tomorrow's clinic\n\nahmed example - started sertraline 50mg for depression 2/52 ago, still"
     " having suicidal thoughts no plan. consider 100mg + crisis team number", "patient_name"),
    # the owner of a relative, before their "'s"
    ("spoke to dave example's wife, he's back on the morphine driver and very sleepy so no visits for now pls",
     "patient_name"),
    ("rang kasia example's husband, her chemo is delayed a week", "patient_name"),
    # a given and a family name then their age or date of birth, an aside between perhaps
    ("referral for pharmacy first: aisha example (as she typed it on the form), 29, 14 weeks pregnant - symptoms"
     " of UTI since yesterday, penicillin allergic", "patient_name"),
    ("please can you see jodie example, 34, with a chest infection, on amoxicillin", "name_age"),
    ("referral for aisha example 12/04/1997, cough and asthma", "dob"),
    # a title and a family name alone beside a bed's or a room's number
    ("mr ferreira bay 4 - ?PE, CTPA booked, on enoxaparin", "patient_name"),
    ("side room 2 mr adeyemi: c diff +ve, barrier nursing", "patient_name"),
]


@pytest.mark.parametrize(("text", "category"), LOWER_CASE)
def test_a_name_typed_in_lower_case_where_its_words_say_it_is_one(text: str, category: str) -> None:
    assert category in patients(text), text


LOWER_CASE_TWINS = [
    "mr scan of knee booked, ?meniscal tear",  # imaging, not a title
    "ms relapse clinic moved to tuesday, the MS nurse is covering",
    "pls don't miss her dose of warfarin tonight, INR 5.8",
    "re diabetes clinic (02/03/2019) - notes attached",  # ordinary words after "re"
    "bed 12 is free now, 71 on the ward with sepsis",  # ordinary words after "is"
    "re amber alert (01/02/2024) - sepsis policy update",  # a given name that is a word too, after "re"
    "can u ring mr patel re his diabetes training",
    "mrs khan's leaving do is friday, she had cancer twice",
    "will need - diabetes clinic moved to tuesday",  # a line's first words
    "amber alert - sepsis policy update",  # a given name that is a word too
    "spoke to the ward sister's husband, he's on the stroke rota",  # no given name before the "'s"
    "spoke to mark example's wife, he is off sick with flu so won't be in",  # a word too; a colleague's absence
    "the diabetes walk (for patients and carers), 12 of us went, asthma nurse came too",  # no given name
    "grace period (see the policy), 14 days for the flu vaccine returns",  # a given name that is a word too
    "mr knee bay 2 - ?meniscal tear, booked for thurs",  # imaging of a bay's patient, no name
    "ms relapse bed 4 clinic moved, the MS nurse is covering",
]


@pytest.mark.parametrize("text", LOWER_CASE_TWINS)
def test_lower_case_words_that_are_no_name(text: str) -> None:
    assert patients(text) == {}, text


def test_lower_case_names_are_capitalised_in_place() -> None:
    text = "ring mrs shirley khan re her warfarin; bed 12 is peter lomax, 71"
    named = identifiers.capitalised_names(text)
    assert named == "ring Mrs Shirley Khan re her warfarin; bed 12 is Peter Lomax, 71"
    assert len(named) == len(text)
    assert identifiers.capitalised_names("the mr scan is at 10, re clinic tomorrow") is None
    assert identifiers.capitalised_names("spoke to dave example's wife") == "spoke to Dave Example's wife"
    assert identifiers.capitalised_names("the nurse's wife, then dave's son") is None
    assert identifiers.capitalised_names("nothing to see here") is None
    assert identifiers.capitalised_names("mr ferreira bay 4 - ?PE") == "Mr Ferreira bay 4 - ?PE"
    assert identifiers.capitalised_names("bed 9 mr ferreira - ?PE") == "bed 9 Mr Ferreira - ?PE"
    assert identifiers.capitalised_names("mr ferreira - ?PE") is None  # no given name, no bed
    assert identifiers.capitalised_names("notes\nahmed example - ?psychosis") == "notes\nAhmed Example - ?psychosis"
    # a lone surrogate (RE2 cannot take one) keeps the places
    assert identifiers.capitalised_names("\ud800 mrs ann lee") == "\ud800 Mrs Ann Lee"


# A subject that is the patient's name, alone or with a few words of what it is about, over
# a short body written as a clinical note about one person.
SUBJECT_NOTES = [
    ("Re: Mr Derek Example", "Hi Claire\n\nbloods back from this am - K 6.1, Na 131, Cr 212 (baseline 98). ?AKI on "
     "ramipril + spironolactone. I've stopped both. Can Mr Vaughan see him Thurs rather than next month pls.\n\nImran"),
    ("mrs edith example", "had fall o/n at yours as you know, ?#NOF on xray, ortho r/v pending. for theatre likely "
     "tomorrow. daughter aware.\n\nAMU"),
    ("JAMES EXAMPLE - HIV clinic f/u", "As discussed. Viral load undetectable, continue Biktarvy, next bloods 6/12.\n\n"
     "HIV clinic"),
    ("FW: Sarah Example", "Seen today. COPD exacerbation, started prednisolone 30mg od 5/7, CXR clear.\n\nThanks"),
    ("Brenda Example", "?UTI, started nitrofurantoin 100mg bd, MSU sent."),
    # a surname that is a word of business, in a quoted header, a mail address, a signature; a
    # list the patient is put on or that is theirs
    ("RE: Kieran Example", "Hi Lisa,\n\nYes, his bloods came back this morning - HbA1c 82, random glucose 19. He'll "
     "need insulin started.\n\nAlun\n\nFrom: Lisa Example <lisa@care-agency.example>\nSent: 14 May 2025 09:12\n"
     "To: Price Alun (EXAMPLE TRUST) <alun.price@example-trust.nhs.uk>\nSubject: Kieran Example\n\n"
     "Hi Dr Price, any update on Kieran's results?\nLisa"),
    ("RE: Kieran Example", "Dr Price will add him to his list Friday. HbA1c 82, insulin started."),
    ("RE: Kieran Example", "HbA1c 82 so insulin started.\n\nAlun Price\nConsultant, Kate Stock Unit"),
    ("Re: Derek Example", "He is on the waiting list for the pump. HbA1c 82, insulin started."),
    # the name after the subject's topic; the body names the person in the health term's sentence
    ("Fwd: Bloods \u2013 Winston Example", "fwd\n\nSickle screen on Winston confirms HbSS.\nLab"),
    # a lower-case title and family name in a bed, over a body that only points to the subject
    ("mr ferreira bed 11 ward 8 - +ve blood cultures, e coli, needs echo", "see subject pls, handover tonight\n\nK"),
    ("Safeguarding concern - Chloe Example, Year 9", "Dear Mrs Ingham,\n\nChloe Example (14) attended the Children's "
     "ED on Saturday after an overdose of paracetamol.\n\nHelen"),
    # a forwarded note under the name: the person yet to be told two sentences on, one put on a list
    ("Fw: RE: Mrs Gwen Example", "FYI\n\nCT came back - 3cm mass R upper lobe, looks like a primary lung carcinoma. "
     "Referred to the lung MDT for Thursday. She doesn't know yet, her son is aware something was found.\n\nRob"),
    ("RE: Mr Tom Example", "Echo shows severe aortic stenosis. Can you make sure he's on the list for the valve clinic "
     "and let him know."),
    # a result by its analyte's name
    ("Fw: Side room 3 - Mr Alan Example", "Hi Paula, as promised here is what the lab said this morning.\n\nSodium "
     "is 118 mmol/L, urea 31 up from 12. Phoned to the registrar as critical.\n\nLab"),
]


@pytest.mark.parametrize(("subject", "body"), SUBJECT_NOTES)
def test_a_subject_that_is_the_patients_name_over_a_clinical_note(subject: str, body: str) -> None:
    assert _message_patients(("subject", subject), ("message body", body)), subject


SUBJECT_NOTE_TWINS = [
    # a birth told as a story, the baby's name the subject: "his" goes on with the story, no one asked after
    ("Oscar Benedict Example", "Oscar Benedict Example arrived at 3am after a long night. In the end an emergency "
     "caesarean section was called. The cord was wrapped twice around his neck but he is feeding well.\n\nmore soon"),
    # a member of staff's name: their training, their leave, their list, their learning, a job after the name
    ("Sarah Example", "Hi, Sarah starts on Monday on the stroke unit, please set up her ECG training."),
    ("Re: John Example", "Thanks for the bloods training yesterday, the diabetes module is next."),
    ("Mr Ahmed Example", "Theatre list Monday: fractured NOF list, laparoscopic cholecystectomy list in Theatre 3."),
    ("Mr Hart", "list tomorrow: 3 x ?appendicitis, lap chole x2, all consented."),
    ("Re: Jane Example", "Jane has tested positive for COVID so won't be in for her shifts this week, 2 nights to cover."),
    ("Mr Example - annual leave w/c 3 Nov - cover needed", "He has started 2 ?appendicitis lists; locum needed."),
    ("Claire Example - Diabetes Specialist Nurse", "Continue the insulin 10 units teaching at 2pm."),
    ("Jane Example", "Jane's CPD: continued IV cannulation competency, ECG interpretation signed off."),
    ("Re: Dr Aisha Example", "?AKI teaching case attached, K 6.1 on day 2."),
    ("John Example - MRSA screening training slides", "Slides attached; MRSA screening ?update 2026."),
    # the mail is to or from the person the subject names
    ("Re: James Example", "Hi James,\n\nThe HIV clinic started at 9, K 6.1 sample example for the slides.\n\nAnna"),
    ("Re: Ms Claire Example", "Thanks Claire, 2 pts for ERCP ?CBD stones moved to Tuesday."),
    # a supplier's mail about a drug
    ("James Example", "Biktarvy 50mg started shipping; your order of 20 packs is held at the wholesaler."),
    # no note: a topic, a move
    ("Re: Mr Daniel Example - Friday", "The HIV clinic moves to Friday."),
    # a consultant at work, and their patients: by a title and a family name alone, asked to see
    # one, their list; the note's patient someone in a bed, or spoken to
    ("Re: Mr Patel", "?AKI on ramipril, stopped it."),
    ("Re: Mr Ahmed Example", "Can he see the ?PE in ED before clinic, bloods done."),
    ("Re: Mr Ahmed Example", "?appendicitis for his list tomorrow, bloods sent."),
    ("John Example", "Re the lady in bed 4: ?PE, CTPA booked, started apixaban."),
    ("Re: Sarah Example", "Sarah - the ?sepsis in bay 4 had bloods, started on tazocin."),
    ("Re: Sarah Example", "Did the diabetes leaflets arrive? Thanks"),
    # words of work or an event before the name; a relative's health; a word of business capitalised
    ("Interview feedback - Jane Example", "Jane was great; she has run the diabetes clinic, insulin 10 units teaching."),
    ("Welcome - Jane Example", "Jane joins us from the stroke unit and started on Monday."),
    ("Grand round - Jane Example", "Jane will present her case of sepsis, started on tazocin."),
    ("Re: Jane Example", "Jane's mum has dementia, started on donepezil, so she needs Friday off."),
    ("James Example", "Biktarvy 50mg started shipping; Price list attached."),
    # not yet knowing something that is no news of theirs; a level a service sets
    ("Mark Example", "The new MRI scanner arrives in March. He doesn't know yet which room it goes in."),
    ("Re: Jane Example", "Creatinine 150 is the alert level the lab phones for. Thanks"),
    ("Re: Jane Example", "A potassium of 6.0 mmol/L or above is phoned through by the lab. Thanks"),
]


@pytest.mark.parametrize(("subject", "body"), SUBJECT_NOTE_TWINS)
def test_a_subject_that_is_a_name_over_mail_of_work(subject: str, body: str) -> None:
    assert not _message_patients(("subject", subject), ("message body", body)), subject


def test_a_subject_that_is_a_name_over_a_long_body_is_no_note() -> None:
    body = "?UTI, started nitrofurantoin 100mg bd, MSU sent.\n" + "The ward's news for the month follows.\n" * 80
    assert not _message_patients(("subject", "Brenda Example"), ("message body", body))


def test_a_bodys_plain_and_html_copies_are_one_body() -> None:
    # Outlook sends the note twice, as text and as HTML; with a signature and a disclaimer
    # each copy is long, together they were taken for a long body
    body = "?UTI, started nitrofurantoin 100mg bd, MSU sent.\n\nKind regards\nAnna\n" + "Disclaimer text. " * 70
    both = (("subject", "Brenda Example"), ("message body", body), ("message body (html)", body + "\n"))
    assert _message_patients(*both)
    # two bodies, each a copy of its own: still two
    twice = (("subject", "Brenda Example"), ("message body", body), ("message body part 2 (html)", body))
    assert not _message_patients(*twice)


# A relative written to about their family member: their health said as theirs, without a
# word of their care; or the reader's family named by a given name alone in a letter to them.
RELATIVES = [
    "Hi Sue,\n\nJust to update you as promised. I visited your mum, Mrs Patricia Example, this morning. Her leg "
    "ulcers are slowly healing but the left one looked infected again so the GP has started her on flucloxacillin "
    "500mg four times a day for 7 days.",
    "I popped in to see your dad Ken Example today. His cellulitis is much better.",
    "Dear Mrs Gill,\n\nFollowing our call this morning: I'm so sorry that Raymond's scan showed the cancer has spread "
    "to his liver. Dr Patel will see you both in clinic on Tuesday to talk about palliative chemotherapy.",
    "Dear Mr Hart, I'm sorry to say Eileen's dementia has got worse this week.",
]


@pytest.mark.parametrize("text", RELATIVES)
def test_a_relative_written_to_about_their_family_members_health(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


RELATIVE_TWINS = [
    "Thank you for your email about your daughter Anya's application for the nursing course. She has a strong "
    "interest in mental health and learning disability nursing.",
    "Dear Mrs Gill,\n\nRaymond's talk on diabetes prevention was excellent, thank you.",
    "Dear Mr Smith,\n\nSarah's diabetes clinic moves to Thursday from next week.",
    "Dear Mrs Jones,\n\nSarah's depression means she won't be in for her shifts this week.",
    "Dear Dr Gill,\n\nRaymond's scan showed the cancer has spread to his liver.",  # a colleague: no family named
    "Dear Mrs Gill,\n\nMarch's audit showed the cancer waiting times improved.",
    "Dear Mrs Gill,\n\nSt Mary's scan showed the cancer service is busy.",
]


@pytest.mark.parametrize("text", RELATIVE_TWINS)
def test_a_relatives_work_or_a_colleagues_patient_names_no_one(text: str) -> None:
    assert patients(text) == {}, text


# The patient written to about their own condition or treatment, named in the greeting.
OWN_CARE = [
    "Dear Mrs Gwenllian Example,\n\nYour next cycle of chemotherapy for your bowel cancer (FOLFOX cycle 4) is on "
    "Tuesday 15 December at 09:30 on the Day Unit.",
    "Annwyl Mrs Gwenllian Example,\n\nDear Mrs Gwenllian Example,\n\nYour next cycle of chemotherapy for your bowel "
    "cancer is on Tuesday.",  # a bilingual letter's greetings
    "Dear Mr Oduya,\n\nWe have changed the dose of insulin for your type 2 diabetes as discussed.",
    "Dear Mr Jones, your epilepsy medication has been increased to 500mg twice daily.",
]


@pytest.mark.parametrize("text", OWN_CARE)
def test_the_reader_told_of_their_own_condition(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


OWN_CARE_TWINS = [
    "Dear Mrs Smith, thank you for your diabetes charity donation of 50 pounds.",
    "Dear Mr Jones, thank you for your dementia awareness talk to the governors.",
    "Dear Ms Lee, your cancer nurse specialist post starts on 3 March.",
    "Dear Mrs Khan, your HIV test is booked for Tuesday at 10:00.",  # a test booked says no result
    "Dear Mr Patel, your stroke unit shifts for March are attached.",
    "Dear Ms Green, your mental health first aid certificate is attached.",
    "Dear Mr Price, your dementia friends session is confirmed.",
    "Dear Dr Bell, your diabetes patients were all reviewed.",  # a colleague
]


@pytest.mark.parametrize("text", OWN_CARE_TWINS)
def test_the_readers_work_or_a_booking_is_not_their_condition(text: str) -> None:
    assert patients(text) == {}, text


def test_a_date_of_birth_on_the_line_of_a_greeting_to_a_doctor() -> None:
    """Outlook writes a paragraph as one line: the greeting's doctor is the reader, the date
    of birth the patient's named after it."""
    assert patients("Dear Dr Karim, Mrs Helen Example (DOB 06/10/1949) - rheumatoid arthritis. Her ALT is 142.") == {
        "dob": 1}
    assert patients("Dear Dr Karim, Helen Example (06/10/1949) has rheumatoid arthritis.") == {"dob": 1}
    # a doctor's own date of birth stays theirs
    assert patients("Dear Dr Karim, Dr Andrew Example (DOB 03/04/1980) joins the diabetes team.") == {}
    assert patients("Dr Andrew Example, DOB 03/04/1980, has diabetes") == {}


def test_an_untitled_name_and_age_then_what_was_done_for_them() -> None:
    note = ("Colin Example, 66, seen in fracture clinic today. CT confirms tibial plateau fracture, Schatzker II. "
            "Listed for ORIF Tuesday.")
    assert patients(note) == {"name_age": 1}
    assert patients("Colin Example, 66, seen in fracture clinic today. Nice chap.") == {}
    assert patients("Colin Example, 66, was seen at the Mayor's reception. He has run 20 marathons for the diabetes "
                    "charity.") == {}


def test_staged_shorthand_of_kidney_disease() -> None:
    assert terms("eGFR 38 (CKD3b), was CKD3 last year; CKD4, CKD5 and AKI2") == {"general": 6}
    assert terms("CKD stage 3b") == {"general": 1}
    assert terms("aki2 and Aki3") == {}  # AKI is a name too: its stages only as written


# Lower case without a dash: whom a note asks to ring or chase for, their health after the name
# with a note's words; a table's rows of names and conditions, its cells apart by spaces.
LOWER_CASE_NOTES = [
    "note to self - ring jack example tues re psa 14, needs urology 2ww + mri. also chase ct for mary example, "
    "?lung ca",
    "pls chase bloods for tariq example, ?sepsis, started on tazocin",
    "hi all, for the new app pilot:\n\nmohammed example  haemodialysis  mon/wed/fri\n"
    "grace example  sickle cell - crisis plan  prn\nolumide example  post renal transplant  weekly bloods\n\nta, kemi",
    "dressings list:\n\nrose example    leg ulcer, venous   twice weekly bloods\n"
    "arthur example    diabetic foot ulcer   ?osteomyelitis\n",
]
LOWER_CASE_NOTE_TWINS = [
    "ring jack on his mobile re the diabetes audit slides",  # a given name alone: a colleague
    "can u call jane example re the ?PE in bay 4, she is the reg on tonight",  # the patient is another
    "pls chase the diabetes training dates for sarah example",  # no note's words of health
    "sam example  diabetes nurse  mon/wed\nlucy example  stroke nurse  tue/thu\n",  # staff and their posts
]


@pytest.mark.parametrize("text", LOWER_CASE_NOTES)
def test_lower_case_names_in_a_note_without_a_dash(text: str) -> None:
    assert "patient_name" in patients(text), text


@pytest.mark.parametrize("text", LOWER_CASE_NOTE_TWINS)
def test_lower_case_notes_of_work_name_no_patient(text: str) -> None:
    assert patients(text) == {}, text


# A subject that names the person between a note's words of care with no separator, or after
# "for", over a body that says their health of "he" or "she".
@pytest.mark.parametrize(("subject", "body"), [
    ("Referral Marek Example urgent 2WW", "Hi, suspected colorectal cancer - FIT 250, iron deficiency anaemia, "
     "weight loss. Patient wants to go privately. Chris"),
    ("Bloods Jane Example ?AKI", "K 6.1, creat 240, stopped ramipril."),
    ("Re: discharge plan for Edith Example", "Hi Sandra,\n\nNot ready yet - still on IV antibiotics for the pneumonia "
     "and her oxygen requirement went up overnight. Realistically Monday.\n\nClaire"),
    ("Discharge summary for Tom Example", "He has been treated for a UTI and is medically fit, home Thursday."),
])
def test_a_subject_name_without_a_separator_over_a_note_about_them(subject: str, body: str) -> None:
    assert _message_patients(("subject", subject), ("message body", body)), subject


@pytest.mark.parametrize(("subject", "body"), [
    ("Referral pathway update urgent", "Hi, the suspected colorectal cancer 2WW form has changed. Chris"),
    ("Re: discharge plan for the ward", "Hi, still waiting on the pneumonia pathway sign-off. Claire"),
    ("Referral Jane Example training", "She will teach the suspected cancer module on Monday."),
    ("Welcome Jane Example", "Jane joins us from the stroke unit; she starts on Monday."),
])
def test_a_subject_of_work_without_a_separator_names_no_patient(subject: str, body: str) -> None:
    assert not _message_patients(("subject", subject), ("message body", body)), subject


# A named person and their health in one sentence of ordinary words, whatever joins them.
PROSE_NAMED = [
    "Sorry to say Agnes Example died on the ward this morning of a pulmonary embolism.",
    "Reuben Example is waiting for his knee replacement, so please hold off the stairlift visit.",
    "Could you chase the CT for Delroy Example? It was requested a month ago.",
    "Please move Halyna Example's appointment at the sexual health clinic to Friday.",
    "Olumide Example \u2013 missed his diabetic clinic for the second time, please ring him.",
    "SAMPLE, Morag \u2013 came in late yesterday in DKA, on ward 4 on a sliding scale.",
    "Can you fit in Liu Yang this week, who has a new lump in her neck?",
    "Zhang Ming has been admitted with pneumonia and will miss Thursday.",
    "Becs Example's 12 week scan is on Monday so she'll be in after lunch.",
    "Tendai Example tested positive for TB on his sputum sample.",
    # a period in a note's shorthand between the name and the term: days, weeks, months
    "Olwen Example is 6/52 post L total knee replacement, still on crutches.",
    "S: Kwame Example, 31. 10/7 post appendicectomy, wound oozing.",
]


@pytest.mark.parametrize("text", PROSE_NAMED)
def test_a_named_persons_health_said_in_a_sentence_of_prose(text: str) -> None:
    assert patients(text), text


PROSE_TWINS = [
    # a member of staff at work: a duty, a job, a talk, a title, a grade, their own absence
    "Agnes Example is on stroke call on Saturday and Reuben Example has diabetes clinic on Monday.",
    "Reuben Example covers the cardiology rota next week.",
    "Delroy Example, consultant cardiologist, will talk on heart failure at grand round.",
    "Dr Halyna Example saw the sepsis patients on ward 5 this morning.",
    "Olumide Example RGN ITU bank shift 12.5 hours, oncology ward.",
    "Tendai Example tested positive for COVID so won't be in for her nights this week.",
    "Mr Example's referrals for hip replacement must now include a BMI.",
    # a public piece, a quiz, a story, money
    "SPRING BULLETIN\nDid you know? Famous Example has lived with type 1 diabetes since childhood.",
    "Quiz answers: 1) Ludwig Example \u2013 deafness. 2) Frida Sample \u2013 polio.",
    "My late client Mr. Edward Example died of a heart attack and left the funds in his bank account unclaimed.",
    # a news agency's story, forwarded
    "LIMA, Peru (Reuters) -- Rosa Example's parents thought their daughter had a tumour until doctors looked again.",
    "LONDON (AP) - Mark Example, the marathon runner, was treated for heart failure after the race.",
    # a public figure's renown beside their name, as a news blog tells a death
    "Ray Example, a giant of hard science fiction, has died at 70 of brain cancer. Link Discuss",
    "The award-winning novelist Tess Example has died of pancreatic cancer, her publisher said.",
    # a reference to a published paper: its authors beside its title's health words
    "Example R, Sample J, Stone P. Circulating tumour DNA to guide chemotherapy in colon cancer. Br J Cancer 2025;132:881-9.",
    "Example R, et al. Hepatitis after checkpoint blockade: a\nretrospective series. ESMO Open 2024;9(3):102338.",
    # things named for a person, a term in its ordinary sense
    "Nominations are open for the Agnes Example Award for cancer nursing.",
    "Reuben Example ordered a 4 TB drive and paid INR 12,000 for it.",
]


@pytest.mark.parametrize("text", PROSE_TWINS)
def test_a_named_person_at_work_or_in_public_is_no_patient(text: str) -> None:
    assert patients(text) == {}, text


# A named person's health told beside a relative of theirs: after their "'s" and a relative of
# one sex, by "he" or "she" of the other; or their baby's, a newborn known by its mother's
# name (whose absence from work is then no colleague's own illness). Whom the writer spoke
# to ("Spoke to ...") is named as any person is.
RELATIONS = [
    "Spoke to Dafydd ap Example's daughter this afternoon, his dementia is getting worse and she's struggling at night.",
    "Harold Example's wife called, he's back on the morphine driver and very sleepy.",
    "Rang Ivy Example's son. Her leg ulcer has broken down again.",
    "Spoke to Dafydd ap Example this afternoon, his dementia is getting worse.",
    "Baby of Amina Example is on NICU with jaundice.",
    "Amina Example won't be back at work this week \u2013 her baby is on NICU with jaundice and she's had a C-section.",
    "Amina Example's newborn baby is on SCBU with sepsis.",
]
RELATION_TWINS = [
    # the relative's own, a colleague's own absence, a duty, a public voice, news, staff
    "Spoke to Dafydd Example's daughter, she has had a fall and is on warfarin.",
    "Harold Example's wife called, he is off sick with flu this week.",
    "Harold Example's wife rang, he is on stroke call tonight so will be late.",
    "Dr Harold Example's wife rang, he is running late for his diabetes clinic.",
    "Jane Example's husband is a trustee of the stroke club and he speaks about his stroke.",
    "Congratulations to Amina Example, her baby news: a girl, born on NICU last week.",
    "Former footballer Gary Example's wife revealed he has been diagnosed with dementia.",
    "Our new Staff Nurse Amina Example brought her baby to see the NICU team.",
    "Spoke to Dafydd Example about his research, his dementia study starts soon.",
    "The baby of the family was seen in the sepsis training video.",
]


@pytest.mark.parametrize("text", RELATIONS)
def test_a_named_persons_health_told_beside_a_relative_or_their_babys(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


@pytest.mark.parametrize("text", RELATION_TWINS)
def test_a_relatives_own_health_or_a_colleagues_absence_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text


# A named person the writer saw with what brought them, in a clause after their name, their
# health said in that sentence or the next.
SEEN_WITH = [
    "Would you be able to see Siddharth Example, who I saw yesterday with a hot swollen knee? I'm worried about "
    "septic arthritis and he is keen to be seen privately.",
    "Thank you for seeing Tariq Example, who came in on Sunday with a swollen calf. A DVT was confirmed on ultrasound.",
    "Could you see Mrs Example, whom we reviewed in clinic with a rash? I suspect shingles.",
]
SEEN_WITH_TWINS = [
    "Thanks to Siddharth Example, who I saw at the conference with my registrar. The sepsis talk was excellent.",
    "Please welcome Siddharth Example, who we saw with the stroke team registrar last week. He starts on the stroke rota.",
    "Siddharth Example, who I saw yesterday with a hot swollen knee, is running the marathon for Arthritis Research.",
    "Dear Mrs Example, who I saw with my colleague, your diabetes leaflet is attached.",
]


@pytest.mark.parametrize("text", SEEN_WITH)
def test_a_named_person_the_writer_saw_with_what_brought_them(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


@pytest.mark.parametrize("text", SEEN_WITH_TWINS)
def test_a_person_seen_at_work_or_in_public_is_no_patient(text: str) -> None:
    assert patients(text) == {}, text


# "Won't make" or "can't make" what is a patient's care (a treatment, an appointment) is no
# colleague's absence from a shift; a duty or a course missed still is.
@pytest.mark.parametrize(("text", "held"), [
    ("Please note Joseph EXAMPLE won't make dialysis transport on Friday \u2013 he's an inpatient on the renal ward "
     "with a line infection.", True),
    ("Joseph Example can't make his chemotherapy on Monday as he has been admitted with sepsis.", True),
    ("Joseph EXAMPLE can't make his dialysis appointment on Friday.", True),
    ("Joseph Example won't make the stroke on-call on Friday, he has flu.", False),
    ("Joseph Example can't make the diabetes clinic on Friday, he has flu.", False),
    ("Joseph Example won't make the sepsis training today, he is off sick.", False),
    ("Tendai Example tested positive for COVID so won't make her nights this week.", False),
])
def test_missed_care_is_no_colleagues_absence(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


@pytest.mark.parametrize(("text", "held"), [
    ("Can you rebook Mateusz Example's HIV clinic appointment for Monday?", True),
    ("Mr Example's prostate cancer clinic appointments are moving to Tuesday.", False),
])
def test_a_clinics_appointment_of_a_named_person(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


# A letter addressed to a named person at their home, whose body tells them of their own
# health ("your PrEP review", "Your HIV test was negative"), is theirs, a given name in its
# greeting; the address block without such a body is no record.
@pytest.mark.parametrize(("body", "held"), [
    ("Dear Jordan,\nThank you for attending your PrEP review. Your HIV test was negative.", True),
    ("Dear Jordan,\nWe are writing about your type 2 diabetes and the new tablets.", True),
    ("Dear Jordan,\nThank you for volunteering with our diabetes team this summer.", False),
    ("Dear Jordan,\nYour HIV awareness talk is booked for Friday.", False),
])
def test_a_letter_to_a_person_at_home_of_their_own_health(body: str, held: bool) -> None:
    text = f"Private and confidential\nMr Jordan Example\n17 Clive Street\nGrangetown\nCardiff CF11 7JB\nDate: 09/06/2025\n{body}"
    assert bool(patients(text)) is held, text


# What is said of a named person, or of them by "she" or "he", beyond a fixed verb: a
# pregnancy's weeks, "'s got", the team they are under for a condition, their death and its cause.
@pytest.mark.parametrize("text", [
    "Pani Agnieszka Example\nAntenatal Clinic, 10/07/2025 14:00\nShe is 31/40 with gestational diabetes.",
    "Please book Mrs Ana Example, who is 31/40 with gestational diabetes.",
    "Olivia Example would like to join the course. She's under the perinatal mental health team for anxiety.",
    "Jane Example has got type 2 diabetes.",
    "Mr John Example died of aspiration pneumonia on Ward 3.",
    "Deceased: Mr Alan Example\nDate of death: 12/06/2025\nCause of death: 1a Aspiration pneumonia 1b CVA",
])
def test_a_named_persons_health_said_by_more_verbs(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", [
    "Sarah Example is under the diabetes team as a rotational nurse.",
    "Jane Example has got a new job on the diabetes ward.",
    "We are sad to announce that our colleague Jane Example passed away after a short illness.",
    "Mr Hughes, our former consultant urologist, died of prostate cancer on 2 March, aged 79.",
])
def test_a_member_of_staffs_post_or_obituary_is_no_patient(text: str) -> None:
    assert patients(text) == {}, text


# A line led by a caption's, a case's or a visit's short label, then a person's name and their health;
# a ward's rows by bed and family name alone.
@pytest.mark.parametrize(("text", "held"), [
    ("Photo 1: Mr Rashid Example - sacral pressure ulcer grade 4, 09/06/25", True),
    ("Fig. 2 Mr Rashid Example - sacral pressure ulcer grade 4", True),
    ("Image 3 - Joan Example - venous leg ulcer, left", True),
    ("Slide 4: Dr Jane Example - diabetes update", False),
    # a visit's or a slot's label, a calendar's summary before it
    ("AM visit: Mrs Joan Example - insulin 14 units, leg ulcer redress", True),
    ("Lunch visit: Mr Leonard Example - Parkinson's meds on time, catheter bag", True),
    ("SUMMARY:Joint visit - Mr Walter Example - venous leg ulcer compression", True),
    ("Lunch & learn - Mr David Example - gynae oncology update", False),
    ("Speaker: Mrs Jane Example - dementia care in the community", False),
    ("Morning slot: Dr Ann Example - diabetes clinic", False),
    ("Bed 12 Kowalczyk - ?CVA, NBM, SALT tomorrow\nBed 14 Evans - DNACPR in place", True),
    ("Bed 14 EVANS: COPD, on NIV", True),
    ("Bed 4 Empty - deep clean after C diff", False),
    ("Bed 2 Patient - CVA", False),
    ("Bed 5 Stroke - awaiting CT", False),
])
def test_a_caption_or_a_bed_before_a_name(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


def test_a_ward_boards_column_of_family_names() -> None:
    board = ("Bed\tSurname\tAge\tDx\tPlan\n1\tPRITCHARD\t84\t#NOF R, hemi 03/06\tPT/OT\n2\tKowalczyk\t77\tCVA L MCA\tNBM"
             "\n3\tAKHTAR\t69\tIECOPD, T2RF on NIV\twean NIV\n")
    assert patients(board, tabular=True), board
    staff = "Surname\tTeam\tRole\nPritchard\tStroke\tStaff nurse\nAkhtar\tDiabetes\tHCA\n"
    assert patients(staff, tabular=True) == {}, staff


# A book club's or a film's people are a story's: their illnesses are no patient's.
def test_a_storys_characters_are_no_patients() -> None:
    text = ("Hi book clubbers,\nThanks for a great discussion of Still Alice - Alice Howland's early-onset "
            "Alzheimer's diagnosis and the storyline hit home.")
    assert patients(text) == {}, text
    assert identifiers.no_real_patient(text)
    assert not identifiers.no_real_patient("Mrs Jane Example has early-onset Alzheimer's. She likes the book club.")


# A Welsh street without an English street type; a procedure booked at a unit on a date.
def test_a_welsh_street_and_a_booked_procedure() -> None:
    text = "Piotr Example\n3 Maes y Coed, Caerphilly CF83 1NQ\nColonoscopy, Endoscopy Unit, 21/06/2025 08:30\nThanks"
    assert patients(text) == {"name_address": 1}, text
    assert patients("Jane Example\nDiabetes, Endocrine Unit\nExample Hospital") == {}


def test_a_one_word_compound_and_a_caesarean_abbreviation_are_terms() -> None:
    assert terms("He underwent a lumbar microdiscectomy on 02/06/2025.") == {"general": 1}
    assert terms("Previous emergency LSCS in 2022.") == {"reproductive_health": 1}


# A question about a named patient, the detail in the next sentence: a pronoun ("he's" for "he
# is" or "he has"), an age and sex in shorthand, or a bare finding refers back to the name, as
# after a statement; a chat's speaker line between is the writer, not whom "he" means.
@pytest.mark.parametrize("text", [
    "Have you seen Mr Wojcik in bed 18? he's still on the CIWA protocol for alcohol withdrawal",
    "Have you seen Mr Wojcik in bed 18? He's been admitted with alcohol withdrawal",
    "Seen Mr Wojcik in bed 18. He's on chlordiazepoxide for alcohol withdrawal",
    "Saw Mrs Wojcik today. She's been diagnosed with breast cancer",
    "Can someone review Mrs Nkechi Adeyemi in side room 3? 62F, known sickle cell, crisis",
    "Can someone review Mrs Nkechi Adeyemi? 62F, known sickle cell, crisis",
    "Can someone review Mrs Nkechi Adeyemi in side room 3. She is 62, known sickle cell, crisis",
    "Can someone see Mr Okafor in bed 9? NEWS 7 ?sepsis",
    "Can someone see Mr Okafor in bed 9?\nKnown sickle cell, in crisis",
    "Sarah Long 12/03/2026 14:02\nHave you seen Mr Wojcik in bed 18? He wants to self discharge\n"
    "Dr Dan Price 12/03/2026 14:05\nhe's still on the CIWA protocol for alcohol withdrawal",
])
def test_a_question_about_a_named_patient_then_their_detail(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", [
    "Thanks Mrs Jones. Sepsis training tomorrow in the seminar room",
    "Saw Mrs Jones at the conference. Great talk on diabetes",
    "Geschäftsordnung: z.B. Mitgliedsbeitrag eintragen, Sepa verfahren etc.\nTOP 4: Wo wollen wir hin?",
    "Dan Price 12/03/2026 14:05\nshe's still on the diabetes rota this week",
])
def test_a_sentence_after_a_name_that_does_not_refer_back(text: str) -> None:
    assert patients(text) == {}, text


# A given name tied to a bed's or a side room's number, with clinical detail: anyone on that
# ward knows whom it means; not a greeting's nor a member of staff's.
@pytest.mark.parametrize(("text", "held"), [
    ("12/03/2026, 21:40 - Staff Nurse Kay: Doris in bed 12 on Ward 7 had an unwitnessed fall at 21:15, ?#NOF L hip", True),
    ("Doris in bed 12 on Ward 7 had a fall, ?#NOF", True),
    ("Ahmed in side room 3, C diff, barrier nursing please", True),
    ("Hi Doris, bed 12 has sepsis", False),
    ("Nurse Doris in bay 3 looking after the sepsis patients", False),
    ("Doris in bed 12 asked for a cup of tea", False),
])
def test_a_given_name_at_a_bed_with_clinical_detail(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


# A public figure's published illness, told as the media tell it (a documentary, a book, a
# family's statement), with no word of care: banter, not a patient's record.
@pytest.mark.parametrize(("text", "held"), [
    ("[11/03/2026, 22:14] Tom: Billy Example's Parkinson's documentary is on iPlayer btw", False),
    ("Did you see Bruce Example's family update on his frontotemporal dementia?", False),
    ("So sad. And Michael J Example's Parkinson's book is brilliant btw", False),
    ("Mr Fox's Parkinson's is worse, please book him into clinic", True),
    ("Mrs Joan Example's Parkinson's is worse, she is on the ward, a documentary crew were filming", True),
    # their own announcement on a platform of theirs, the coverage, the kind of fame that has it
    ("FYI - Darren Example from Love Island posted on TikTok that he's been diagnosed with testicular cancer. "
     "It's all over the Mail Online. Can we get a 'check yourself' post out?", False),
    ("Hi Tom, Gemma Example (Calendar weather) revealed in a video to her followers that she has been diagnosed "
     "with bowel cancer and starts chemo on Monday. Can we pause the screening posts?", False),
    ("Have you seen the headlines? Soap star Kim Example has been diagnosed with breast cancer at 38.", False),
    # ... a patient of ours the papers cover, with their care
    ("Our patient Kim Example, the soap star, has been diagnosed with breast cancer; she is booked for surgery on "
     "Ward 5 and it must not reach the papers.", True),
    ("Gemma Example has been diagnosed with bowel cancer and starts chemo on Monday; it's all over the papers, so "
     "please bring her notes to the ward round.", True),
])
def test_a_public_figures_illness_in_the_media(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


# A name, then the patient's number with a comma typed in its digits, then their condition:
# the comma is the number's, not a cell's, and the name stays joined to the condition.
@pytest.mark.parametrize("number", ["NHS 452 601,8155", "NHS 452,601,8155", "hosp no 1,234,567", "MRN 12,345"])
def test_a_number_with_a_comma_between_a_name_and_a_condition_keeps_them_together(number: str) -> None:
    text = f"Yes that's him - Mr Arjun Example, {number}, the one with the new HIV diagnosis."
    assert patients(text), text
    assert patients(text.replace(f"{number}, ", "")), text


def test_a_comma_between_a_word_and_a_figure_still_splits_name_from_condition() -> None:
    # a row's cells joined by commas: not prose
    assert patients("Mr Arjun Example,12,HIV clinic") == {}
    assert patients("Mr Arjun Example 12,345,HIV clinic") == {}


# A meeting's transcript, its turns labelled by their speakers: a speaker talks of others, so
# "he" in a turn is the person named before it, not the speaker whose label leads the turn.
def test_he_in_a_transcripts_turn_is_the_person_named_before_not_the_speaker() -> None:
    text = (
        "Rachel Moss: OK, so this is the MDT review for Mr Harold Bretherton, 74, the fall on Ward 9.\n"
        "Tom Ainsworth: Yes. Background is T2DM, CKD 3b, eGFR 38, and he was on rivaroxaban for AF.\n"
        "Rachel Moss: And the falls assessment hadn't been done on admission.\n"
    )
    assert patients(text), text
    # no one named before: the speaker is not whom "he" means
    alone = "Rachel Moss: Next item.\nTom Ainsworth: Yes, he was on rivaroxaban for AF.\nRachel Moss: Thanks.\n"
    assert patients(alone) == {}, alone


def test_a_ward_list_of_names_and_notes_is_no_conversation() -> None:
    assert identifiers._a_conversation("Rachel Moss: hello\nTom Ainsworth: hi\nRachel Moss: bye\n")
    assert not identifiers._a_conversation("Mr Example: 74, fall\nMrs Sample: 81, UTI\nMr Other: 66, sepsis\n")


@pytest.mark.parametrize(("text", "held"), [
    ("I saw Mr Harold Example on the ward. He was on rivaroxaban for AF.", True),
    ("John Example was on warfarin until the bleed.", True),
    ("John Example was on call for the stroke unit tonight.", False),
    ("John Example was on the diabetes rota last week.", False),
])
def test_what_a_named_person_was_on(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


# A results letter to the patient named in its greeting: words between the thing tested and
# its result, the results' other verbs, "you have ...", a Welsh greeting or a bilingual
# letter's two columns.
RESULT_LETTERS = [
    "Dear Ms R. O'Example-Mbeki,\n\nYour swab taken at the sexual health clinic on 6 November has come back "
    "positive for chlamydia. This is easily treated with doxycycline.",
    "Dear Mr Owen Example,\n\nYour blood sample taken at Riverside Surgery last Tuesday has come back positive for "
    "hepatitis C.",
    "Dear Mr Tariq Example,\n\nWe have now received the results of the blood tests taken on 3 November. These show "
    "that you have type 2 diabetes (HbA1c 58 mmol/mol).",
    "Dear Mr Kofi Example,\n\nI am writing to let you know that you have gonorrhoea and need treatment.",
    "Dear Mr Kofi Example,\n\nYour test result shows that you have chlamydia.",
    "Dear Ms Anna Example,\n\nThe biopsy showed a small basal cell carcinoma.",
    "Annwyl Mr Rhodri Example,\n\nDangosodd eich prawf ECG guriad calon afreolaidd.\n\nThe ECG test showed an "
    "irregular heartbeat (atrial fibrillation).",
    "Annwyl Mr Gwilym Example,\n\nRydym wedi derbyn canlyniadau eich prawf gwaed. Mae lefel eich colesterol yn "
    "7.2 mmol/L, sydd yn uchel.",
    "Annwyl Mrs Gwenllian Example,\tDear Mrs Gwenllian Example,\nMae eich apwyntiad yn y clinig ar 2 Rhagfyr.\tYour "
    "breast cancer clinic appointment is on 2 December.",
    "Dear Mr Ahmed Example,\n\nYour HIV clinic appointment has moved to Thursday 26 November at 10:20.",
    # a list of results that a line giving the reader theirs introduces
    "Dear Mr Dean Example,\n\nYour results from the clinic on Monday 2/11:\n\n- gonorrhoea: POSITIVE (urine)\n"
    "- syphilis: neg\n",
    "Dear Ms Leah Example,\n\nYour blood test results:\n- HbA1c 74 (high)\n- eGFR 51, kidney function reduced\n",
    "Dear Mrs Ruth Example,\n\nHere are your latest bloods -\n\n1. ferritin 6, low - iron deficiency anaemia\n",
]


@pytest.mark.parametrize("text", RESULT_LETTERS)
def test_a_letter_tells_its_named_reader_their_result(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


RESULT_LETTER_TWINS = [
    "Dear Mr Owen Example,\n\nIf you have diabetes, please bring your meter to the flu clinic.",
    "Dear Mrs Jane Example,\n\nDo you have asthma? Book a flu jab.",
    "Dear Ms Amy Example,\n\nThe results of the audit show that diabetes care improved across the practice.",
    "Dear Mr John Example,\n\nThe results show that diabetes care improved.",
    "Dear Mrs Rhian Example,\n\nYour HIV test appointment is on Tuesday.",
    "Dear Mr Ben Example,\n\nThank you for your application. Your interview for the diabetes nurse post is on Monday.",
    "Dear Mrs Jean Example,\n\nYour appointment for your rheumatoid arthritis review has been rebooked.",
    "Dear Mr Smith,\n\nIf your mum has dementia, our leaflet explains the support at the memory clinic.",
    # a list of results that are no one's health: an audit's, a survey's, a course's
    "Dear Mr Dean Example,\n\nYour results from the practice audit:\n\n- chlamydia screening uptake: 41%\n"
    "- HIV testing offered: 86%\n",
    "Dear Mr Dean Example,\n\nYour results from the audit:\n\n- gonorrhoea positivity: high in under 25s\n",
    "Dear Ms Leah Example,\n\nYour results from the quiz:\n- diabetes: 8/10\n- asthma: 9/10\n",
    "Dear Ms Leah Example,\n\nYour test results for the e-learning module:\n- Sepsis: pass (high score)\n",
    "Dear Mrs Ruth Example,\n\nYour survey results:\n\n- patients with diabetes: 12, low response\n",
]


@pytest.mark.parametrize("text", RESULT_LETTER_TWINS)
def test_a_letter_that_tells_its_reader_no_result_of_theirs(text: str) -> None:
    assert patients(text) == {}, text


# Welsh words written as names are ("Mae" is a verb, "Tîm" a team, "Ysbyty" a hospital).
WELSH_SERVICES = [
    "Mae Ysbyty Gwynedd yn cynnig clinig diabetes newydd.",
    "Mae Tîm Gofal yn cefnogi pobl â dementia.",
    "Bydd Tîm Cof Conwy yn cynnal sesiwn am ddementia ym Mhlas Menai.",
    "Mae Tîm Iechyd Meddwl Pobl Hŷn, yn cefnogi pobl â dementia ac iselder.",
    "Mae Sian Example yn gweithio yn y clinig diabetes.",
]


@pytest.mark.parametrize("text", WELSH_SERVICES)
def test_welsh_services_and_verbs_are_no_names(text: str) -> None:
    assert patients(text) == {}, text


def _to_one_reader(display: str, address: str, body: str, *others: str) -> bool:
    from dlpgate.detectors import health_terms
    from dlpgate.types import DetectorContext, ParsedMessage, Segment
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))
    segments = (Segment(f"To: {display}", "header To (display names)"),) if display else ()
    msg = ParsedMessage(segments=(*segments, Segment(body, "message body")), to=(address, *others))
    return any(f.kind == "patient_identifier" for f in detector.detect(msg))


def test_a_greetings_given_name_is_the_one_reader_the_to_header_names() -> None:
    hiv = "Dear Marcus,\n\nYour HIV clinic appointment has moved to Thursday. Your viral load was undetectable."
    assert _to_one_reader("Marcus Example", "mf1990@outlook.com", hiv)
    assert _to_one_reader("Example Marcus", "mf1990@outlook.com", hiv)
    assert _to_one_reader("", "marcus.example90@outlook.com", hiv)
    assert not _to_one_reader("Marcus Example Jo Bloggs", "mf1990@outlook.com", hiv, "jo@example.org")
    assert not _to_one_reader("Marcus", "mf1990@outlook.com", hiv)  # no family name: no one
    assert not _to_one_reader("Daniel Example", "mf1990@outlook.com", hiv)
    assert not _to_one_reader("Clinic Team", "mf1990@outlook.com", hiv)


def test_the_jabs_a_role_needs_told_to_its_applicant_are_no_health_of_theirs() -> None:
    """A volunteer's or a new starter's next steps: their form's placement, and the jabs
    occupational health checks before they start, are no health of the one reader."""
    volunteer = ("Dear Harriet,\n\nThanks for applying to join our volunteer team. Your details:\n\n"
                 "  Name:        Mrs Harriet Example\n  Placement:   Haematology Ward - ward buddy\n"
                 "  Days:        Mondays\n\nBefore you start, Occupational Health will need to check your "
                 "immunisations and you'll need a DBS check.\n\nKind regards\nVoluntary Services\n")
    starter = ("Dear Harriet,\n\nWelcome aboard! As a new starter on the Stroke Unit, please bring evidence of your "
               "vaccinations to your induction on Monday.\n")
    assert not _to_one_reader("Harriet Example", "harriet.example@gmail.com", volunteer)
    assert not _to_one_reader("Harriet Example", "harriet.example@gmail.com", starter)
    # ... what occupational health found, or a condition told, is theirs
    assert _to_one_reader("Harriet Example", "harriet.example@gmail.com", starter.replace(
        "please bring evidence of your vaccinations", "OH need to discuss your epilepsy"))
    assert _to_one_reader("Harriet Example", "harriet.example@gmail.com", starter.replace(
        "please bring", "your bloods were non-immune, so please bring"))
    # ... and a patient's letter about their jabs stays a patient's
    assert _to_one_reader("Harriet Example", "harriet.example@gmail.com",
                          "Dear Harriet,\n\nAs you start chemotherapy next week, please check your vaccinations "
                          "with the practice nurse.\n")


def test_a_relative_known_by_the_named_reader() -> None:
    dad = ("Hi Darren,\n\nJust a quick update on your dad as promised. His pneumonia is slowly improving - he's "
           "still on IV antibiotics.")
    mum = ("Dear Claire,\n\nThank you for coming with your mum to her dementia review on Tuesday. As discussed, the "
           "scan and memory tests are consistent with Alzheimer's disease.")
    assert _to_one_reader("Darren Example", "d@gmail.com", dad)
    assert _to_one_reader("Claire Example", "c@gmail.com", mum)
    assert patients(mum.replace("Dear Claire", "Dear Mrs Claire Example")) == {"patient_name": 1}
    # a given name alone names no reader, but the care news of "your dad" is the one reader's
    # relative's (see test_care_news_of_the_readers_relative)
    assert _to_one_reader("", "d@gmail.com", dad)
    for twin in (
        "Dear Claire,\n\nIf your mum has dementia, our leaflet explains the support at the memory clinic.",
        "Dear Claire,\n\nSorry for the delay, my dad was admitted to hospital with a stroke last week.",
        "Hi Claire,\n\nSo sorry to hear about your dad's stroke. Take all the time you need.",
    ):
        assert not _to_one_reader("Claire Example", "c@gmail.com", twin), twin


# Care news of the reader's relative, no greeting naming the reader: "your mum" (or "ur mum")
# whose clinical detail is told, as staff tell a family. A colleague's sympathy or small talk,
# a leaflet's or an advert's "your dad", what may happen, and a question name no one.
READERS_RELATIVE_NEWS = [
    "Your gran is a little muddled on the oxycodone today but eating well.",
    "just seen ur dad on the ward - hes on iv antibiotics for the pneumonia now\n\nwill ring later",
    "Your husband's results came back this afternoon: he has a kidney infection and has been started on "
    "co-amoxiclav.",
    "Quick update - your nan went to theatre at 2pm. She is nil by mouth until the surgeons have seen her.",
]
READERS_RELATIVE_TWINS = [
    "Hope your mum is feeling better after the chemo, no rush on the rota.",
    "So sorry to hear about your grandad's heart attack, thinking of you all.",
    "Is your dad taking warfarin? Our pharmacists can check his medication.",
    "Help your mum manage her diabetes with our new app.",
    "Your daughter may be given paracetamol on the ward after the operation.",
    "If your nan has dementia, the memory clinic can help.",
    "Caring for your husband with Parkinson's: a guide for families from the ward team.",
    "Your son did brilliantly on the course; he is now trained in CPR and sepsis recognition for the ward.",
    "Your wife rang to say she can't make the diabetes training on the ward this afternoon.",
    "Hospital newsletter: your dad's stories of the old infirmary ward are on page 4, with his cancer charity run.",
]


@pytest.mark.parametrize("text", READERS_RELATIVE_NEWS)
def test_care_news_of_the_readers_relative(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


@pytest.mark.parametrize("text", READERS_RELATIVE_TWINS)
def test_sympathy_advice_or_small_talk_of_the_readers_relative(text: str) -> None:
    assert patients(text) == {}, text


# A personal title in lower case before words the list of given names does not hold: a bed's or
# a ward's number right after them says they are a person ("mr bongani example bed 14"); the
# same title before an MR scan's or an MS service's words stays a word.
TITLED_AT_A_BED = [
    "mr bongani example bed 14 admitted overnight with pneumonia, on iv abx",
    "ms zanele example on ward 6 - new AF, started apixaban",
    "mr example in side room 2 has c diff, barrier nursing",
]
TITLED_AT_A_BED_TWINS = [
    "mr head bed 4 then CT, ?stroke",
    "ms clinic on ward 7 moved to friday, relapsing MS patients to be told",
    "miss out bed 4, she has flu",
    "mr spine bed 9 booked for tomorrow, ?stroke",
]


@pytest.mark.parametrize("text", TITLED_AT_A_BED)
def test_a_lower_case_title_and_words_at_a_bed_are_a_person(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


@pytest.mark.parametrize("text", TITLED_AT_A_BED_TWINS)
def test_a_lower_case_title_before_a_scans_or_a_services_words_is_none(text: str) -> None:
    assert patients(text) == {}, text


def test_re_and_a_lower_case_name_then_an_aside_and_a_dash() -> None:
    assert patients("re tunde example (SU) - started clozapine, bloods weekly") == {"patient_name": 1}
    assert identifiers.capitalised_names("re tunde example - ok") == "re Tunde Example - ok"
    assert patients("re christian aid - donation of diabetes kits for the clinic") == {}


# A ward's jobs list: a patient by their initials and their bed, or by their family name and
# their ward or bed, their health after it.
KNOWN_BY_BED = [
    ("jobs\nSK bed 3 - ?PE, CTPA today, on apixaban\nbed 8 - LT - hypoglycaemia overnight, review insulin", 2),
    ("could someone trained come tonight? Nowak on ward 5 needs her insulin at 9 and she's a brittle diabetic", 1),
    ("Abara (bed 2) - his warfarin was missed last night", 1),
]
KNOWN_BY_BED_TWINS = [
    "bed 4 OT to see re falls, then home",
    "HCA bed 6 obs 4hrly, sepsis screen neg",
    "BED 9 NG TUBE REPLACED, PEG SITE CLEAN",
    "bed 3 DC today, TTO ready",
    "RN bed 5 to do the diabetes teaching",
    "bed 12 needs a new mattress, pressure ulcer risk",
    "Outbreak on ward 4, she has norovirus",
    "Lady on ward 4 needs her insulin at 10",
    "Sarah on ward 4 needs her insulin competency signed off",
    "Everyone on ward 4 please do your sepsis training",
    "Training on ward 4 for her diabetes link nurses",
]


@pytest.mark.parametrize(("text", "count"), KNOWN_BY_BED)
def test_a_patient_known_by_initials_or_family_name_at_a_bed(text: str, count: int) -> None:
    assert patients(text) == {"patient_name": count}, text


@pytest.mark.parametrize("text", KNOWN_BY_BED_TWINS)
def test_a_beds_job_or_a_staff_word_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text


def test_a_condition_misspelt_as_it_is_typed() -> None:
    assert patients("I popped in to see your dad Ken Example today. His pnuemonia is much better.") == {
        "patient_name": 1}
    assert terms("ward 3 outbreak: dimentia, siezures, excema and paliative care leaflets") == {
        "general": 2, "mental_health": 1, "oncology": 1}


# A handover table typed in lower case: a row's bed number in its first cell, then the name
# ("2<tab>nora example<tab>EoL"), or a title and an initial ("mr k. example"), read capitalised.
def test_a_lower_case_handover_tables_names() -> None:
    table = ("bay\tpatient\tplan\n1\tmr k. example\t?PE, CTPA booked, on apixaban\n2\tnora example\tEoL, DNACPR, "
             "family aware\n3\tmrs j. sample\tT2DM, hypo overnight\n")
    assert patients(table, True) == {"patient_name": 3}
    assert identifiers.capitalised_names("2\tnora example\tEoL") == "2\tNora Example\tEoL"
    assert identifiers.capitalised_names("seen mr k. example today") == "seen Mr K. Example today"
    training = ("week\tname\tcourse\n1\tnora example\tsepsis training\n2\tmr k. example\tdiabetes module\n"
                "3\tmrs j. sample\tstroke study day\n")
    assert patients(training, True) == {}


# A run-on handover: the family coming in "to talk about" the plan is no talk given.
FAMILY_TO_TALK = [
    "Mr Bongani Example bed 9 admitted overnight, he is DNACPR and his son is coming in at 4 to talk about the "
    "ceiling of care",
    "Mr Bongani Example bed 9 came in last night with sepsis, his wife coming in at 4 to talk to the reg",
]
TALKS_GIVEN = [
    "Mr Bongani Example is coming to talk about living with diabetes at our volunteers' evening",
    "Jane Example will give a talk about her breast cancer at the AGM",
    "Jane Example is going to talk about her breast cancer journey at the conference",
]


@pytest.mark.parametrize("text", FAMILY_TO_TALK)
def test_a_family_coming_in_to_talk_is_no_talk_given(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


@pytest.mark.parametrize("text", TALKS_GIVEN)
def test_a_talk_given_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text


def test_a_title_and_name_after_a_bed_in_a_pasted_chat_is_that_beds_patient() -> None:
    chat = ("[08:10, 04/03/2027] Dev: jobs for ward 12\n"
            "[08:12, 04/03/2027] Dev: bed 6 mrs okonkwo-example INR 5.2 hold warfarin, recheck tmrw\n")
    assert patients(chat)
    # an MR scan's words after the bed, and a chat of beds' equipment, name no one
    assert not patients("[08:12, 04/03/2027] Dev: bed 6 mr head booked for 2pm, sepsis screen done earlier\n")
    assert not patients("[08:12, 04/03/2027] Dev: bed 6 needs a new pressure mattress, sepsis trolley restocked\n")
