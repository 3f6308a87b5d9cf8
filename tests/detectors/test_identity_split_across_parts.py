"""A person's identity and their health told in different parts of one message: the one reader
at their own private mailbox told their own results (in the mail, in an invitation, in a letter
forwarded on), a letter whose greeting names its reader over a clinical letter attached as
theirs, a photo named for a person and their condition, a file named "Family, Given" and a paper
of theirs, a file's title in its properties, a shared file's link text, a chart's tab named for its person, a
quoted question naming the person a short reply answers, a patient's own message forwarded
under their signed name and mobile. Each with its twin that names no patient: a colleague's or
a supplier's mailbox, a business's paper, a headshot, a rota's tabs, a company named in a subject."""

from __future__ import annotations

import pytest

from dlpgate import mime
from dlpgate.types import ParsedMessage, Segment
from tests.detectors.test_health_terms import DETECTOR


def _named(raw: str) -> bool:
    message = mime.parse(raw.replace("\n", "\r\n").encode())
    return any(f.kind == "patient_identifier" for f in DETECTOR.detect(message))


def _segments_named(*segments: tuple[str, str, bool]) -> bool:
    message = ParsedMessage(segments=tuple(Segment(text, where, tabular) for where, text, tabular in segments))
    return any(f.kind == "patient_identifier" for f in DETECTOR.detect(message))


def _mail(to: str, body: str, subject: str = "Your clinic", cc: str = "") -> str:
    return (f"From: Outpatients <opd.example@nhs.net>\nTo: {to}\n" + (f"Cc: {cc}\n" if cc else "")
            + f"Subject: {subject}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n")


# --- the one reader, at their own private mailbox, told their own health ----------------------

SIR_RESULT = ("Dear Madam,\n\nThe sample taken at your cervical screening on 2 November showed CIN2 changes. "
              "You will be offered a colposcopy within four weeks.\n\nColposcopy Office\n")


def test_a_private_readers_own_result_under_a_greeting_that_names_no_one() -> None:
    assert _named(_mail('"Ruth Sampleton" <ruth.sampleton61@hotmail.co.uk>', SIR_RESULT))


@pytest.mark.parametrize("to,cc", [
    # an organisation's mailbox: "Dear Madam" names no one there
    ('"Ruth Sampleton" <ruth.sampleton@sampleton-law.co.uk>', ""),
    # several readers: whose result it is the mail does not say
    ('"Ruth Sampleton" <ruth.sampleton61@hotmail.co.uk>', "records.example@nhs.net"),
])
def test_a_result_told_to_no_one_private_reader_alone_is_not_a_patients(to: str, cc: str) -> None:
    assert not _named(_mail(to, SIR_RESULT, cc=cc))


def test_a_private_readers_order_of_health_goods_is_no_health_of_theirs() -> None:
    body = ("Hello,\n\nYour order of 4mm insulin pen needles for the diabetes clinic has been dispatched "
            "and should arrive on Tuesday.\n\nStores\n")
    assert not _named(_mail('"Ruth Sampleton" <ruth.sampleton61@hotmail.co.uk>', body))


@pytest.mark.parametrize("to,body", [
    # a mailing: its "your" is any member's
    ('"Ruth Sampleton" <ruth.sampleton61@hotmail.co.uk>',
     "Dear Sir/Madam,\n\nOur new evening sessions help you look after your type 2 diabetes at home.\n\n"
     "To unsubscribe, click here."),
    # no name in its To and no greeting: a notice to whoever reads it
    ("ruth.sampleton61@hotmail.co.uk", "Our new evening sessions help you look after your type 2 diabetes at home."),
])
def test_a_mailing_to_a_private_mailbox_tells_no_one_reader_their_health(to: str, body: str) -> None:
    assert not _named(_mail(to, body))


def test_a_reader_greeted_by_name_given_the_result_of_a_test_they_had() -> None:
    """A greeting that names the one private reader (by title and family name, or by the given
    name of their mailbox), then the result of a test "you had" or one "taken" on a date, the
    finding after it: their own health, though no "your" stands before the term."""
    kidney = ("Dear Mrs Samplewood,\n\nFurther to your phone call, here is the result of the kidney function test "
              "you had last Tuesday.\n\neGFR 41 (it was 48 in June)\n\nThe doctor would like you to come in to "
              "talk about chronic kidney disease.\n\nReception\n")
    skin = ("Hi Tomasz,\n\nAs asked, the letter from the Dermatology team: Results of the biopsy taken "
            "14/10/2026 - basal cell carcinoma, completely excised.\n\nPatient Services\n")
    assert _named(_mail('"Edith Samplewood" <edith.samplewood48@gmail.com>', kidney))
    assert _named(_mail("tomasz.samplewicz@btinternet.com", skin))


@pytest.mark.parametrize("body", [
    # a mask's fit test told to a member of staff: their work's, no care of theirs
    "Dear Mrs Samplewood,\n\nHere are the results of your fit test on 3 March: fail with the FFP3 mask, so please "
    "stay out of the side rooms with measles or chickenpox until you have been refitted.\n",
    # a contractor's water samples: no person's
    "Dear Mrs Samplewood,\n\nResults of the water samples taken 12/10/2026: Pseudomonas aeruginosa and Legionella "
    "pneumophila found at two outlets.\n",
    # a mailing's "your results": any member's
    "Dear Mrs Samplewood,\n\nWhen you get the results of your cholesterol test: high cholesterol can be lowered "
    "with diet.\n\nTo unsubscribe, click here.\n",
])
def test_results_of_work_or_a_mailing_told_to_a_named_reader_are_no_health_of_theirs(body: str) -> None:
    assert not _named(_mail('"Edith Samplewood" <edith.samplewood48@gmail.com>', body))


FORWARDED_LETTER = (
    "Hi,\n\nSending this on to the address you gave us.\n\nBookings\n\n"
    "-------- Original Message --------\nSubject: Appointment\nDate: 02/11/2026 10:05\n"
    "From: Bookings <bookings.example@nhs.net>\nTo: Owen Sampleford <{to}>\n\n"
    "Dear Sir,\n\nAn appointment has been made for you at the Heart Failure Clinic on 20 November. "
    "Please bring a list of your medicines, including furosemide.\n"
)


def test_a_letter_forwarded_on_told_its_private_reader_their_own_care() -> None:
    raw = _mail("office@sampleford-joinery.co.uk", FORWARDED_LETTER.format(to="owen.sampleford1959@gmail.com"),
                subject="FW: Appointment")
    assert _named(raw)


def test_a_letter_forwarded_on_to_an_organisations_mailbox_names_no_reader() -> None:
    raw = _mail("office@sampleford-joinery.co.uk", FORWARDED_LETTER.format(to="accounts@sampleford-joinery.co.uk"),
                subject="FW: Appointment")
    assert not _named(raw)


# --- a greeting that names its reader over a clinical letter attached as theirs ----------------

def _with_letter(greeting: str, cover: str, letter: str, to: str = "Gwen Example <gwen@example-lettings.co.uk>") -> str:
    return (f"From: Orthopaedics <ortho.example@nhs.net>\nTo: {to}\nSubject: Copy letter\nMIME-Version: 1.0\n"
            "Content-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain; charset=utf-8\n\n"
            f"{greeting}\n\n{cover}\n\nOrthopaedic secretaries\n--zz\nContent-Type: text/plain; charset=utf-8\n"
            f'Content-Disposition: attachment; filename="letter.txt"\n\n{letter}\n--zz--\n')


CLINIC_LETTER = ("Diagnosis: undisplaced fracture of the right fifth metatarsal.\n"
                 "Plan: walking boot for six weeks, then repeat X-ray.\n")


def test_a_letter_greeting_its_reader_by_title_sends_them_their_clinical_letter() -> None:
    assert _named(_with_letter("Dear Mrs Example,", "As requested, your clinic letter is attached.", CLINIC_LETTER))


@pytest.mark.parametrize("greeting,cover", [
    ("Dear Mrs Example,", "As requested, your invoice for the parking permit is attached."),  # a business paper
    ("Dear Dr Example,", "As requested, your clinic letter is attached."),  # a colleague's
    ("Dear colleague,", "As requested, your clinic letter is attached."),  # no one named
])
def test_a_cover_note_that_names_no_patient_reader_of_their_own_letter(greeting: str, cover: str) -> None:
    assert not _named(_with_letter(greeting, cover, CLINIC_LETTER))


# --- a file named for a person and their condition -------------------------------------------

WOUND_NOTE = ("message body", "Photo from this morning. The edges are macerated and he says the pain is worse "
              "at night. He has type 2 diabetes. Would you suggest a change of dressing?", False)


def test_a_photo_named_for_a_person_and_their_condition() -> None:
    assert _segments_named(WOUND_NOTE, ("file name of attachment Sampleton_Gordon_venous_leg_ulcer_day10.png",
                                        "Sampleton Gordon venous leg ulcer day10.png", False))


@pytest.mark.parametrize("name", [
    "Dr Gordon Sampleton headshot.png",  # a clinician's photo
    "Gordon Sampleton diabetes nurse.png",  # a role after the term: their job
    "venous ulcer dressing guide.png",  # no one's name
])
def test_a_photo_named_for_no_patients_condition(name: str) -> None:
    assert not _segments_named(WOUND_NOTE, ("file name of attachment " + name.replace(" ", "_"), name, False))


MEMORY_PAGE = ("attachment scan.pdf, page 1", "Cognitive testing\nAddenbrooke's score 64/100.\n"
               "Impression: moderate Alzheimer's disease.", False)


def test_a_file_named_family_name_comma_given_name_and_their_assessment() -> None:
    assert _segments_named(MEMORY_PAGE, ("file name of attachment scan.pdf",
                                         "Sampleton, Gordon   memory assessment.pdf", False))


@pytest.mark.parametrize("name", [
    "Sampleton, G   annual leave.xlsx",  # staff's leave: no paper of care
    "Sampleton, Gordon   Consultant Psychiatrist CV.pdf",  # a clinician's own CV
    "Sampleton, Gordon   memory assessment template.pdf",  # a blank form
])
def test_a_file_named_family_name_comma_for_no_patients_paper(name: str) -> None:
    assert not _segments_named(MEMORY_PAGE, ("file name of attachment scan.pdf", name, False))


# --- a file's title in its properties -------------------------------------------------------

REPORT_TEXT = ("attachment draft.docx", "Report for the tribunal.\nHe has a long history of bipolar affective "
               "disorder and was detained under section 2 in March.", False)


@pytest.mark.parametrize("properties", [
    "Psychological report - Gordon Sampleton\nBipolar disorder\nAdmin\n2026-10-01T10:00:00Z",  # a Word file's core
    "title: Capacity assessment - Sampleton, Gordon\nauthor: Dr R Example",  # a legacy file's
])
def test_a_files_title_property_names_its_patient(properties: str) -> None:
    assert _segments_named(REPORT_TEXT, ("attachment draft.docx, properties", properties, False))


@pytest.mark.parametrize("properties", [
    "Psychological report\nGordon Sampleton\n2026-10-01T10:00:00Z",  # its author: staff
    "title: Capacity assessment\nauthor: Gordon Sampleton",
    "Psychological report template - Gordon Sampleton",  # a blank form its author made
    "Gordon Sampleton - Consultant Psychiatrist CV",  # a clinician's own
])
def test_a_files_properties_that_name_no_patient(properties: str) -> None:
    assert not _segments_named(REPORT_TEXT, ("attachment draft.docx, properties", properties, False))


def test_a_files_title_names_its_patient_over_a_text_of_no_health() -> None:
    assert not _segments_named(("attachment draft.docx", "Room booking for the tribunal, 3 March.", False), (
        "attachment draft.docx, properties", "Psychological report - Gordon Sampleton", False))


# --- a link's text naming a shared file --------------------------------------------------------

def test_a_shared_files_link_text_names_a_person_and_their_health() -> None:
    assert _segments_named(("message body (html)", "Here it is - Gordon Sampleton - falls clinic, Parkinson's "
                            "disease, MMSE 19/30\nThanks", False), (
        "message body (html), shared file names", "Gordon Sampleton - falls clinic, Parkinson's disease, MMSE 19/30",
        False))


@pytest.mark.parametrize("text", [
    "Parkinson's disease pathway - falls clinic referral criteria",  # no one's name
    "Gordon Sampleton - Parkinson's disease nurse specialist induction pack",  # a nurse's
])
def test_a_shared_files_link_text_that_names_no_patient(text: str) -> None:
    assert not _segments_named(("message body (html)", "Here it is - " + text, False),
                               ("message body (html), shared file names", text, False))


# --- a chart's tab named for its person ------------------------------------------------------

CHART = "Date\tWound\tDressing\tNotes\n03/11/2026\tleft heel\tAquacel\tgrade 3 pressure ulcer, sloughy\n"
ROTA = "Day\tAM\tPM\nMon\tDiabetes clinic\tEndoscopy list\nTue\tOff\tFracture clinic\n"


def test_a_care_charts_tab_named_by_initial_and_family_name() -> None:
    assert _segments_named(("attachment charts.xlsx, sheet K Sampleworth", CHART, True))


@pytest.mark.parametrize("where,text", [
    ("attachment rota.xlsx, sheet K Sampleworth", ROTA),  # a nurse's sessions
    ("attachment charts.xlsx, sheet Appendix B", CHART),  # no one's name
])
def test_a_tab_that_names_no_patient_over_its_cells(where: str, text: str) -> None:
    assert not _segments_named((where, text, True))


# --- a quoted question naming the person a short reply answers -------------------------------

def _reply(quoted: str) -> str:
    return ("Afraid so - positive. Referred to the Hepatology clinic, she'll hear from them within a fortnight.\n\n"
            "OH Nurse\n\nOn Tue, 3 Nov 2026 at 09:10, Lee Sample <lee.sample@temps-example.co.uk> wrote:\n> " + quoted + "\n")


def test_a_short_reply_answers_a_question_naming_the_person() -> None:
    assert _segments_named(("message body", _reply(
        "Morning, is Marta Examplowa's QuantiFERON result back yet? We have her down for Ward 9 next week."), False))


def test_a_short_reply_about_a_named_persons_interview_is_no_result_of_theirs() -> None:
    assert not _segments_named(("message body", _reply(
        "Morning, how did Marta Examplowa's interview go? We have her down for Ward 9 next week."), False))


# --- a patient's own message forwarded under their signed name and mobile ---------------------

def _forwarded(signature: str) -> str:
    return ("Hi - could you call this lady back about a private appointment?\n\nThanks\nDee\n\n"
            "---------- Forwarded message ---------\nDate: Mon, 2 Nov 2026 at 08:40\nSubject: after my procedure\n\n"
            "Hello,\n\nSince the ablation last month I have had palpitations most evenings and my ankles "
            "are swelling. Should I still be taking the apixaban?\n\nThank you,\n" + signature + "\n")


def test_a_forwarded_message_of_own_health_signed_with_name_and_mobile() -> None:
    assert _segments_named(("message body", _forwarded("Irene Samplewood\n07700 900 612"), False))


@pytest.mark.parametrize("signature", [
    "Irene Samplewood\nStaff Nurse, Cardiology\n07700 900 612",  # a member of staff's
    "Irene Samplewood",  # no mobile: nothing but a name
])
def test_a_forwarded_message_signed_by_staff_or_without_a_number(signature: str) -> None:
    assert not _segments_named(("message body", _forwarded(signature), False))


# --- a company named in a subject, and a person named abroad ---------------------------------

def test_a_company_leading_a_subject_is_no_person() -> None:
    body = "Hi Paul,\n\nThanks for the prices. Can you do better on the larger order?\n\nBuyer"
    assert not _segments_named(("subject", "Stanley Healthcare - stoma bag quote", False),
                               ("message body", body, False))


def test_a_nordic_given_name_names_a_person() -> None:
    body = ("Dear colleagues,\n\nMette Sampleborg has been under our care since 14 weeks. She has pre-eclampsia, "
            "on labetalol 200mg twice daily.\n\nBest wishes\nMidwifery team")
    assert _segments_named(("subject", "Transfer of care - Mette Sampleborg, 33+4 weeks", False),
                           ("message body", body, False))
