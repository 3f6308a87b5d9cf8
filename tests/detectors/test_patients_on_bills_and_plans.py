"""A private clinic's money side names its patients: an invoice to an employer's accounts team,
a statement, a debt passed to a collection agency, a treatment plan sent to HR. Whoever the
bill's person is called (patient, employee, client, debtor, member, "Re:" a name, "the plan for"
a name) and however the care is laid out (a field, a line item with its price, an HTML table's
cells, a PDF's lines), the person and the care billed are a patient's health. Each case is paired
with its twin of the same shape that names no patient: goods for a theatre, a course's fee, an
employer's totals, a price list, a lease."""

from __future__ import annotations

import pytest

from dlpgate import mime
from tests.detectors.test_health_terms import DETECTOR, patients
from tests.detectors.test_patients_in_quick_mail import _to_one_reader

# (held, its twin): the same layout, the person a patient in the first only.
BILLS = [
    # a statement's account holder and the treatment described
    ("STATEMENT 2026-114\nAccount holder: Mr Callum Example\nDescription: Osteopathy for sacroiliac joint "
     "dysfunction, 3 visits\nBalance now due: £165.00\n",
     "STATEMENT 2026-114\nAccount holder: Mr Callum Example\nDescription: Car park permit, 3 months\n"
     "Balance now due: £165.00\n"),
    # a debt placed with an agency: the debtor, where they live, the operation unpaid (its price on the line)
    ("New placement, ref 7781\nDebtor: Ms Hollie Example, 12 Quarry Lane, Otley LS21 1AA\nTreatment: "
     "laparoscopic cholecystectomy on 02/09/2026 (deposit of £400 received)\nOwed: £3,450.00\n",
     "New placement, ref 7781\nDebtor: Example Builders Ltd, Unit 3, Otley LS21 1AA\nTreatment: unpaid room hire "
     "on 02/09/2026 (deposit of £400 received)\nOwed: £3,450.00\n"),
    # an employer's invoice: the employee, and the care as the line item priced
    ("INVOICE 3310\nBill to: HR, Example Freight Ltd\nEmployee: Mr Oskar Example\n"
     "Physiotherapy - frozen shoulder (4 sessions)   £220.00\nTotal   £220.00\n",
     "INVOICE 3310\nBill to: HR, Example Freight Ltd\nEmployee: Mr Oskar Example\n"
     "Sports massage course - frozen shoulder module   £220.00\nTotal   £220.00\n"),
    # one person who is both ("Member / patient:"), in a PDF's laid-out lines
    ("Example Spine Clinic      Invoice INV-0912      Date: 04/11/2026\nMember / patient: Mrs Dana Example "
     "(policy EX-4471)\nCondition: lumbar radiculopathy, right L5\nFee: GBP 180.00\n",
     "Example Spine Clinic      Invoice INV-0912      Date: 04/11/2026\nMember / patient: Example Holdings Ltd "
     "(policy EX-4471)\nCondition: annual service of the treatment couches\nFee: GBP 180.00\n"),
    # a claimant's procedure on a bill
    ("Claim form, private treatment\nClaimant: Mr Farid Example\nProcedure: blepharoplasty, both upper lids\n"
     "Cost: £3,100\n",
     "Order form, theatre supplies\nCustomer: Mr Farid Example\nItem: blepharoplasty instrument tray, both sizes\n"
     "Cost: £3,100\n"),
]


@pytest.mark.parametrize(("held", "twin"), BILLS)
def test_a_bill_names_its_person_and_the_care_it_charges_for(held: str, twin: str) -> None:
    assert patients(held) == {"patient_name": 1}, held
    assert patients(twin) == {}, twin


# A letter's "Re:" line, or the sentence introducing the fields ("the plan for ..."), names whom
# the care below is of.
INTRODUCED = [
    ("Dear Sirs,\n\nRe: Mrs Yvonne Example\n\nPlease find the invoice for her care.\nProcedure: rhinoplasty under "
     "general anaesthetic\nTotal: £5,400\n",
     "Dear Sirs,\n\nRe: Mrs Yvonne Example - lease of Unit 4\n\nPlease find the invoice for the rent.\n"
     "Item: quarterly service charge\nTotal: £5,400\n"),
    ("Hello Priya,\n\nAttached is the rehabilitation plan for Tariq Example after today's assessment.\n\n"
     "Findings: left tennis elbow, grip painful\nPlan: five sessions, then review\nCost: 5 x £50\n",
     "Hello Priya,\n\nAttached is the rehabilitation plan for Tariq Example after today's assessment.\n\n"
     "Findings: he wants more hours on the loading bay\nPlan: five shifts, then review\nCost: 5 x £50\n"),
    ("Morning Sam,\n\nHere is the report on Lena Example you asked for.\n\nFindings: right plantar fasciitis, "
     "worse on standing\nAdvice: seated duties for two weeks\n",
     "Morning Sam,\n\nHere is the report on Lena Example you asked for.\n\nFindings: all four fire doors on "
     "her floor fail to close\nAdvice: replace the closers\n"),
]


@pytest.mark.parametrize(("held", "twin"), INTRODUCED)
def test_the_person_a_papers_fields_are_of_is_named_above_them(held: str, twin: str) -> None:
    assert patients(held) == {"patient_name": 1}, held
    assert patients(twin) == {}, twin


def test_an_html_tables_cells_name_the_employee_and_their_problem() -> None:
    """The plain part says only "see the HTML"; the table's rows are label and value cells."""
    def message(problem: str) -> bytes:
        html = ("<html><body><p>Dear Ms Example,</p><p>The osteopathy plan for your member of staff:</p>"
                "<table><tr><th>Employee</th><td>Rhys Example</td></tr>"
                f"<tr><th>Presenting problem</th><td>{problem}</td></tr>"
                "<tr><th>Fee</th><td>&pound;52 a visit</td></tr></table></body></html>")
        return ("From: clinic@example.org\r\nTo: hr@example.com\r\nSubject: Plan\r\nMIME-Version: 1.0\r\n"
                "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                "Please open the HTML version.\r\n--b\r\nContent-Type: text/html\r\n\r\n" + html
                + "\r\n--b--\r\n").encode()

    def named(raw: bytes) -> bool:
        return any(f.kind == "patient_identifier" for f in DETECTOR.detect(mime.parse(raw)))

    assert named(message("tension headaches and mechanical neck pain"))
    assert not named(message("a sit-stand desk and a new chair for the office"))


def test_a_staff_forms_cells_with_the_jabs_a_role_needs_name_no_patient() -> None:
    """An employee's name cell beside their job's cells: the boosters asked for are the role's,
    a condition would be theirs."""
    form = ("Employee name\tGrace Example\nJob title\tPhlebotomist\nManager\tSister Jo Example\n"
            "Reason for referral\tHepatitis B booster due\nAvailability\tMornings\n")
    assert patients(form) == {}
    assert patients(form.replace("Hepatitis B booster due", "recurrent lower back pain")) == {"patient_name": 1}


# A clinic's recap to its one reader, whose mailbox gives their given and family names: the
# greeting's given name is that person (as test_a_greetings_given_name_is_the_one_reader_the_to_header_names).
RECAPS = [
    ("Hi Poppy,\n\nThanks for coming in on Thursday. Here is a summary of your consultation with Mr Adeyemi:\n\n"
     "- Procedure discussed: abdominoplasty with muscle repair\n- Recovery: two weeks off work\n",
     "Hi Poppy,\n\nThanks for coming in on Thursday. Here is a summary of your interview with Mr Adeyemi:\n\n"
     "- Role discussed: theatre nurse for abdominoplasty lists\n- Start: two weeks from now\n"),
    ("Hi Poppy,\n\nGreat to meet you today. You let us know about previous gallstones, so the surgeon will ring "
     "you before the day.\n",
     "Hi Poppy,\n\nGreat to meet you today. You let us know about the gallstones talk, so we will save you a seat "
     "before the day.\n"),
    ("Hi Poppy,\n\nLovely to see you. You mentioned previous panic attacks - we will ask your GP for a letter.\n",
     "Hi Poppy,\n\nLovely to see you. If you mentioned panic attacks on the form, we will ask your GP for a letter.\n"),
]


@pytest.mark.parametrize(("held", "twin"), RECAPS)
def test_a_recap_of_the_readers_own_consultation(held: str, twin: str) -> None:
    assert _to_one_reader("", "poppy.wetherall@gmail.com", held), held
    assert not _to_one_reader("", "poppy.wetherall@gmail.com", twin), twin
    # a given name alone, to a mailbox that names no one, identifies no one
    assert not _to_one_reader("", "bookings4u@gmail.com", held), held
