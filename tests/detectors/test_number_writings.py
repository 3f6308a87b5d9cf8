"""Health numbers as people and software write them (held), and what only looks like one (not held).

Every number is synthetic and computed here to pass the checks of the scheme it
imitates, so a trap is not held because of its context, never because of its
digits. "Held" is what the shipped rules decide for a message to an external
recipient (policy.decide with DEFAULT_RULES).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import phonenumbers
import pytest

from dlpgate import policy
from dlpgate.config import DEFAULT_RULES
from dlpgate.detectors import chi_number, hc_number, nhs_number, numbers
from dlpgate.types import Action, DetectorContext, ParsedMessage, Segment
from tests.synthetic import with_check

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")
CTX = DetectorContext(config_dir=CONFIG)
DETECTORS = [m.build(m.DEFAULTS, CTX) for m in (nhs_number, chi_number, hc_number)]
RULES = list(DEFAULT_RULES.values())


def findings(text: str, tabular: bool = False):
    msg = ParsedMessage(segments=(Segment(text, "message body", tabular),))
    return [f for d in DETECTORS for f in d.detect(msg)]


def held(text: str, tabular: bool = False) -> bool:
    action, _ = policy.decide(findings(text, tabular), RULES, True)
    return action == Action.HOLD


def first_valid(prefix: str, start: int = 0, ok=lambda n: True) -> str:
    i = start
    while True:
        n = with_check(prefix + str(i % 10 ** (9 - len(prefix))).zfill(9 - len(prefix)))
        if n and ok(n):
            return n
        i += 1


def luhn_ok(ten: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(ten)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


def phone_valid(prefix: str):
    return lambda n: phonenumbers.is_valid_number(phonenumbers.parse(prefix + n, "GB"))


A = first_valid("4526", 1815)  # NHS 4xx
B = first_valid("612", 34567)  # NHS 6xx
M = first_valid("79", 158383, phone_valid("+44"))  # NHS 7xx that is also a UK mobile
HCN = first_valid("355", 4711)  # Health and Care
CHI = first_valid("150387")  # CHI, Modulus 11
CHI_LUHN = next(f"070512{i:04d}" for i in range(10_000) if luhn_ok(f"070512{i:04d}") and not with_check(f"070512{i:03d}"[:9]) == f"070512{i:04d}")
NANP = first_valid("617", 200_000, phone_valid("+1"))  # a Boston number that passes the NHS check
NANP7 = first_valid("713", 200_000, phone_valid("+1"))
UK_MOBILE = first_valid("7933", 0, phone_valid("+44"))  # a UK mobile without its 0: NHS-valid
INDIA = first_valid("70", 0, phone_valid("+91"))  # an Indian mobile that passes the NHS check
ISBN = first_valid("410")  # every ISBN-10 without an X passes Modulus 11
TIMESTAMP = first_valid("17061", 0)  # 17/06/1x...: a Unix time of June 2024 that is CHI-valid
DNS_SERIAL = first_valid("20100923")  # a zone serial of 23 September 2010, CHI-valid as 20/10/09


def unix_time_chi() -> str:
    """A Unix time within a year and a half of now that is also a valid CHI (18/01/27...)."""
    now = int(time.time())
    for ts in range(now - 4 * 365 * 86_400, now + 547 * 86_400, 997):
        digits = str(ts)
        day, month = int(digits[:2]), int(digits[2:4])
        if 1 <= day <= 31 and 1 <= month <= 12 and with_check(digits[:9]) == digits:
            return digits
    raise AssertionError("no such time")


UNIX_NOW = unix_time_chi()  # in 2027, Unix times start 18: the 18th of a month


def date_and_time_chi() -> str:
    """DDMMYY of a recent day and HHMM a time of that day that pass the CHI check: a file
    name as scanners and dictation write it."""
    import datetime

    day = datetime.date.today() - datetime.timedelta(days=40)
    for back in range(400):
        d = (day - datetime.timedelta(days=back)).strftime("%d%m%y")
        for minutes in range(8 * 60, 18 * 60, 7):
            digits = f"{d}{minutes // 60:02d}{minutes % 60:02d}"
            if with_check(digits[:9]) == digits:
                return digits
    raise AssertionError("no such stamp")


STAMP = date_and_time_chi()


def g(n: str, s1: str = " ", s2: str | None = None) -> str:
    return f"{n[:3]}{s1}{n[3:6]}{s1 if s2 is None else s2}{n[6:]}"


DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63", "\uff0d", "\u00ad"]
SPACES = [" ", "\u00a0", "\u2002", "\u2003", "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000", "\t", "  "]
OTHER_SEPARATORS = [".", "/", "_", " - ", " \u2013 ", " / ", ". ", "\u200b"]

WRITINGS = (
    [(f"dash U+{ord(d):04X}", f"NHS number {g(A, d)}") for d in DASHES]
    + [(f"bare, dash U+{ord(d):04X}", f"Could you check {g(B, d)} for me?") for d in DASHES[:6]]
    + [(f"space U+{ord(s[0]):04X}x{len(s)}", f"Patient {g(A, s)}") for s in SPACES]
    + [(f"separator {s!r}", f"NHS No {g(B, s)}") for s in OTHER_SEPARATORS]
    + [
        ("mixed hyphen and space", f"NHS number {g(A, '-', ' ')}"),
        ("mixed dot and hyphen", f"NHS number {g(A, '.', '-')}"),
        ("mixed NBSP and space", f"{g(B, chr(0xA0), ' ')} is the patient"),
        ("line break in a table cell", f"Patient\tNHS number\nJones\t{A[:3]} {A[3:6]}\n{A[6:]}"),
        ("line break with spaces", f"NHS number: {A[:3]} {A[3:6]} \n {A[6:]}"),
        ("CRLF in a cell", f"{A[:3]} {A[3:6]}\r\n{A[6:]}\r\n"),
        ("a reply's quote marker across the line break",
         f"On Monday Dr A wrote:\n> Please book the scan for the patient, NHS number {A[:3]} {A[3:6]}\n> {A[6:]} next week."),
        ("nested quote markers, CRLF", f">> Could you check {B[:3]} {B[3:6]}\r\n>> {B[6:]} for me?"),
        ("spaced nested quote markers", f"> > NHS number {A[:3]}-{A[3:6]}-\n> > {A[6:]}"),
        ("quote markers after a grouped 6-4", f"> CHI number {CHI[:6]}\n> {CHI[6:]}"),
        ("three spaced quote levels, CRLF", f"> > > her NHS number is {A[:3]} {A[3:6]}\r\n> > > {A[6:]} and she is"),
        ("four spaced quote levels", f"> > > > NHS number {A[:3]} {A[3:6]}\n> > > > {A[6:]}"),
        ("five spaced quote levels, CRLF", f"> > > > > We have {A[:3]} {A[3:6]}\r\n> > > > > {A[6:]} on file"),
        ("six spaced quote levels", f"> > > > > > NHS No: {A[:3]} {A[3:6]}\n> > > > > > {A[6:]}"),
        ("nine spaced quote levels, CRLF", f"{'> ' * 9}NHS No: {A[:3]}\r\n{'> ' * 9}{A[3:6]} {A[6:]}"),
        ("twenty unspaced quote levels", f"{'>' * 20} NHS No: {A[:3]} {A[3:6]}\n{'>' * 20} {A[6:]}"),
        ("an odd grouping under its label on the line before, quoted six levels deep",
         f"{'> ' * 6}NHS No:\n{'> ' * 6}{A[:4]} {A[4:7]} {A[7:]}"),
        ("tab inside a cell", f"401 row\t{A[:3]} {A[3:6]}\t{A[6:]}"),
        ("float export", f"{A}.0"),
        ("float export .00", f"NHS,{A}.00,Smith"),
        ("exponent E+09", f"{A[0]}.{A[1:]}E+09"),
        ("exponent e+009", f"{A[0]}.{A[1:]}e+009"),
        ("exponent in a CSV cell", f"nhs,name\n{B[0]}.{B[1:]}E+09,Jones\n"),
        ("list number with a dot", f"1.{A}"),
        ("two-digit list number", f"Patients:\n12.{B}\n"),
        ("list number and a space", f"3. {g(A)}"),
        ("list number with a bracket", f"12) {A}"),
        ("bullet", f"\u2022 {A}"),
        ("in brackets", f"(NHS {A})"),
        ("quoted", f'"{A}"'),
        ("sentence end", f"The number is {A}."),
        ("bare on its own", A),
        ("bare in a sentence", f"Please can you look up {A} before Friday."),
        ("bare 7xx that is also a UK mobile", f"Please can you look up {g(M)} for me"),
        ("H&C labelled", f"H&C number {g(HCN)}"),
        ("H&C bare", f"please check {HCN}"),
        ("H&C with an en dash", f"HCN {g(HCN, chr(0x2013))}"),
        ("CHI labelled", f"CHI {CHI}"),
        ("CHI date then four digits", f"CHI No: {CHI[:6]} {CHI[6:]}"),
        ("CHI date, hyphen, four digits", f"CHI {CHI[:6]}-{CHI[6:]}"),
        ("CHI bare beside a name", f"Re: Joan Example\n{CHI}"),
        ("CHI bare, grouped as a person writes it", f"Re {g(CHI)}"),
        ("CHI Luhn with CHI label", f"CHI: {CHI_LUHN}"),
        ("signature NHS word does not hurt", f"{A}\n\nJane Smith\nExample NHS Foundation Trust\nTel 020 7946 0018"),
        ("NHS number beside a phone number", f"NHS No {g(A)}, tel 020 7946 0018"),
        ("label on the line before", f"NHS number:\n{g(A)}"),
        ("patient ref label", f"Patient ref {A}"),
        ("NHS number in a URL query", f"https://ehr.example.nhs.uk/view?nhs_number={A}"),
        ("hospital number label", f"Hospital No {A}"),
        ("two NHS numbers joined by or", f"NHS number {g(A)} or {g(B)}"),
        ("after a phone number on the line before", f"Tel 0161 496 0000\nNHS number {A}"),
        ("a name after the number", f"{A} Smith"),
        ("a CHI that is also a Unix time of these years, labelled", f"CHI: {UNIX_NOW}"),
        ("a CHI that is also a Unix time of these years, grouped", f"Please check {UNIX_NOW[:6]} {UNIX_NOW[6:]}"),
        ("two CHI numbers joined by a slash", f"CHI {first_valid('010101')} / {first_valid('020202')}"),
        ("URL path segment names patients", f"Record: https://ehr.example.nhs.uk/patients/{A}/summary"),
        ("URL path segment names the NHS number", f"https://portal.example.org/nhs-number/{B}"),
        ("URL fragment route to a patient", f"https://app.example.org/#/patient/{A}"),
        ("filename", f"see attached {A}.pdf"),
        ("hyphens in a sentence above a signature", f"Please check {g(A, '-')} today.\nThanks\njane@example.com"),
        ("NHS number of", f"The NHS number of the child is {g(B)}"),
        ("hyphens on their own line with an address nearby", f"Patient:\n{g(A, '-')}\nsee jane@nhs.net"),
        ("test range with test_range", None),
    ]
)
WRITINGS = [w for w in WRITINGS if w[1] is not None]


@pytest.mark.parametrize("label,text", WRITINGS, ids=[w[0] for w in WRITINGS])
def test_writings_are_held(label: str, text: str) -> None:
    assert held(text), [(f.kind, f.confidence, f.category) for f in findings(text)]


def clinic_list(numbers: list[str], sep: str = ",") -> str:
    rows = ["NHS number,Surname,Date of birth".replace(",", sep)]
    rows += [f"{n}{sep}Surname{i}{sep}0{i % 9 + 1}/02/1960" for i, n in enumerate(numbers)]
    return "\n".join(rows)


TABLES = [
    ("CSV of float exports", "\n".join(["nhs"] + [f"{first_valid('45', i * 997)}.0" for i in range(20)]), True),
    ("CSV of exponents", "\n".join(["nhs"] + [f"4.{first_valid('45', i * 997)[1:]}E+09" for i in range(20)]), True),
    ("PDF layout table", "Surname Forename NHS No Diagnosis\n" + "\n".join(
        f"Smith Ann {g(first_valid('61', i * 3331))} asthma" for i in range(12)), False),
    ("HTML table with wrapped cells", "\n".join(
        f"Row {i}\t{first_valid('45', i * 131)[:3]} {first_valid('45', i * 131)[3:6]}\n{first_valid('45', i * 131)[6:]}"
        for i in range(10)), False),
]


def test_a_column_of_a_laboratorys_counts_is_no_list_of_numbers() -> None:
    rows = "".join(f"QC-1,A{i},{n[0]}.{n[1:]}E+09,14.51\n" for i, n in enumerate(
        first_valid("45", i * 997) for i in range(8)))
    assert not [f for f in findings("Run,Well,Copies_per_mL,Ct\n" + rows, True) if f.confidence >= 0.5]
    assert [f for f in findings("Run,Well,NHS number,Ct\n" + rows, True) if f.confidence >= 0.5]


@pytest.mark.parametrize("label,text,tabular", TABLES, ids=[t[0] for t in TABLES])
def test_tables_are_held_in_full(label: str, text: str, tabular: bool) -> None:
    found = [f for f in findings(text, tabular) if f.confidence >= 0.5]
    assert sum(f.count for f in found) >= 10


def test_test_range_only_with_the_option() -> None:
    t = first_valid("999", 31)
    det = nhs_number.build({"test_range": True}, CTX)
    msg = ParsedMessage(segments=(Segment(f"see {g(t, chr(0x2011))}", "message body"),))
    assert policy.decide(det.detect(msg), RULES, True)[0] == Action.HOLD
    assert not held(f"see {g(t)}")


# --- traps ----------------------------------------------------------------------

PHONE_CUES = [
    "Tel", "Tel.", "Tel:", "Tel no.", "Telephone", "Telephone:", "Ph", "Ph:", "Phone", "Phone number:", "Mob",
    "Mob.", "Mobile", "Mobile:", "Cell", "Cell:", "Fax", "Fax:", "T:", "M:", "F:", "Direct", "Direct line:",
    "DDI", "DDI:", "Switchboard:", "WhatsApp", "WhatsApp:", "Call", "Text", "Landline:", "Office:", "Main:",
    "Pager", "Contact number:", "Helpline", "Freephone", "The form can be faxed to", "Fax it to",
    "Please call us on", "Ring me on", "Or text me on", "Call us at", "You can reach me at",
    "Hi, my new number is", "My mobile is", "my number is",
    # signatures from abroad
    "тел.", "Тел:", "моб.", "Telefono:", "Teléfono", "Tfno.", "Móvil:", "Cel.", "Celular:", "Cellulare",
    "Port.", "Mobil:", "Mobiel:", "GSM", "Kom.", "tel. kom.", "Puh.", "Cep:", "Τηλ.", "Κιν.", "電話:", "手机:",
    "전화:", "휴대폰",
]
ID_LABELS = [
    "Meeting ID", "Meeting ID:", "Conference ID:", "Webinar ID", "Order", "Order No.", "Order number:",
    "Order #", "PO", "PO#", "PO No", "P.O.", "Purchase order", "Purchase Order No:", "Invoice", "Invoice No:",
    "INV", "Ticket", "Ticket #", "Case", "Case No:", "Incident", "Tracking", "Tracking number:",
    "Tracking ID", "Consignment", "Parcel", "Account", "Account No.", "Acct", "A/C", "Reference", "Ref",
    "Ref:", "Our ref:", "Your ref", "Customer", "Customer No", "Serial", "Serial No.", "S/N", "ISBN",
    "ISBN-10:", "Transaction", "Booking ref", "Confirmation", "Claim", "Policy", "Member", "Employee ID",
    "Student ID", "Barcode", "SKU", "Item", "Version", "Build", "Timestamp", "Job", "Quote", "Contract",
    "SSN", "Your SSN is", "Social security number:", "BBAN", "Sort code and account", "CPR", "Personnummer",
]

TRAPS = (
    [(f"phone cue {c!r}", f"{c} {g(M)}") for c in PHONE_CUES]
    + [(f"phone cue {c!r}, NHS 4xx", f"{c} {g(A, '-')}") for c in PHONE_CUES[:12]]
    + [(f"ID label {lab!r}", f"{lab} {g(A)}") for lab in ID_LABELS]
    + [(f"ID label {lab!r}, contiguous", f"{lab} {B}") for lab in ID_LABELS[::3]]
    + [
        # North American and other international phone numbers
        ("NANP signature", f"Jane Doe\nSales Director\n{g(NANP, '-')}\njane@example.com"),
        ("NANP with dots in a signature", f"Jane Doe | {g(NANP, '.')} | www.example.com"),
        ("NANP with 1-", f"1-{g(NANP, '-')}"),
        ("NANP with +1 and hyphens", f"+1 {g(NANP7, '-')}"),
        ("NANP with +1-", f"+1-{g(NANP7, '-')}"),
        ("NANP with +1 and spaces", f"+1 {g(NANP)}"),
        ("NANP with 001", f"001 {g(NANP)}"),
        ("NANP with 00 1", f"00 1 {g(NANP, '-')}"),
        ("NANP with ext", f"{g(NANP, '-')} ext. 204"),
        ("NANP with x", f"{g(NANP, '-')} x123"),
        ("NANP with extension", f"{g(NANP, '-')}, extension 12"),
        ("Polish extension", f"{g(A, '-')} wew. 12"),
        ("Russian extension", f"{g(A, '-')} доб. 123"),
        ("French extension", f"{g(A)} poste 4567"),
        ("NANP with Office cue", f"Office: {g(NANP, '-')}"),
        ("country code glued to the number", f"Contact: +{g(B)}"),
        ("cue, then a country code glued", f"Fax: +{A}"),
        ("after a +1 number with an extension", f"You can reach her at +1-617-555-0100x42 or {g(A, '.')}."),
        ("after a UK number", f"Call 0161 496 0000 or {A} in the evening"),
        ("after an area code in brackets", f"(0161) 496 0000 / {g(B)}"),
        ("after a number with an extension", f"{g(NANP, '.')} x204, {B}"),
        ("meter reading in kWh", f"Reading {A} kWh on meter 95969171"),
        ("a size in bytes", f"backup.tar {A} bytes"),
        ("a viral load in copies", f"high calibrator read {A[0]}.{A[1:]}E+09 copies/mL against 3.2E+09"),
        ("Indian mobile after Mobile: +91", f"Mobile: +91 {INDIA}"),
        ("Indian mobile +91-", f"+91-{INDIA}"),
        ("Indian mobile 0091", f"0091 {INDIA}"),
        ("UK mobile +44", f"Mobile: +44 {g(M)}"),
        ("UK mobile +44 (0)", f"+44 (0){g(M)}"),
        ("UK mobile (+44)", f"(+44) {g(M)}"),
        ("UK mobile 0044", f"0044 {M}"),
        ("UK mobile with trunk 0", f"0 {g(M)}"),
        ("Mexican number", f"+52 {g(B)}"),
        ("Pakistani mobile, H&C-like", f"+92 {HCN}"),
        ("Canadian number", f"+1 {g(first_valid('416', 200_000, phone_valid('+1')), '-')}"),
        ("Zoom dial string", f"+16465588656,,{B}# US (New York)"),
        ("Zoom meeting ID", f"Meeting ID: {g(B)}\nPasscode: 123456"),
        ("Zoom meeting ID in prose", f"Please join Zoom meeting {g(B)}, passcode 1234"),
        ("Teams meeting ID in a clinic's invitation",
         f"Patient safety huddle, Ward 4.\nJoin Microsoft Teams meeting\nMeeting ID: {g(B)}\nPasscode: x7Yb"),
        ("a deep-quoted phone number", f"{'> ' * 7}Tel: {B[:3]} {B[3:6]}\n{'> ' * 7}{B[6:]}"),
        ("a deep-quoted invoice number under its label", f"{'> ' * 6}Invoice number:\n{'> ' * 6}{g(B)}"),
        # other identifiers by form
        ("ISBN in a reading list", f"Murakami, H. (1987) Norwegian Wood. Kodansha. {ISBN}"),
        ("ISBN-10 labelled", f"ISBN-10: {ISBN}"),
        ("Amazon /dp/ link", f"https://www.amazon.co.uk/dp/{ISBN}"),
        ("Amazon product link", f"https://www.amazon.co.uk/Norwegian-Wood/dp/{ISBN}/ref=sr_1_1"),
        ("DOI", f"https://doi.org/10.1016/{A}"),
        ("DOI without a scheme", f"doi:10.1000/{A}"),
        ("tracking URL with H&C-like digits", f"https://track.example.com/parcel?id={HCN}&utm_source=email"),
        ("URL path", f"https://shop.example.com/orders/{A}/invoice"),
        ("www link", f"www.example.com/p/{A}"),
        ("NHS site, other path segment", f"https://www.england.nhs.uk/publication/{A}/"),
        ("a path segment that only contains a health word", f"https://example.com/nhs-app-news/{B}"),
        ("URL fragment", f"https://www.royalmail.com/track-your-item#/tracking-results/{A}"),
        ("query without a health key", f"https://example.com/c?utm_campaign={B}"),
        ("version string", f"v{A}"),
        ("letters glued before", f"INV{A}"),
        ("reference with a letter prefix and hyphen", f"Payment reference: BACS-{CHI[:6]}-{CHI[6:]}"),
        ("reference with a slash", f"INV/{A}"),
        ("letters glued after", f"{A}GB"),
        ("more digit groups before", f"123-{g(A, '-')}"),
        ("more digit groups after", f"{A}-01"),
        ("another identifier's label joined by an underscore", f"INV_{A}.pdf"),
        ("DNS zone serial", f"@ IN SOA ns1.example.com. hostmaster.example.com. (\n {DNS_SERIAL} ; serial"),
        ("DNS zone serial, bare", f"( {DNS_SERIAL} 3600 900 604800 86400 )"),
        ("Unix timestamp labelled", f'{{"created": {TIMESTAMP}, "id": 7}}'),
        ("Unix timestamp ts=", f"ts={TIMESTAMP}"),
        ("Unix timestamp epoch", f"epoch {TIMESTAMP}"),
        ("CHI Luhn without context", f"see {CHI_LUHN}"),
        ("Unix time of these years in a log line", f"[{UNIX_NOW}] GET /index.html 200"),
        ("Unix time of these years, bare", f"{UNIX_NOW} INFO job done"),
        ("Unix time of these years in JSON", f'{{"id": 7, "t": {UNIX_NOW}}}'),
        # the number's own clause says what it is
        ("a parcel's tracking number", f"Your parcel is on its way. Track it with {A} at dpd.co.uk"),
        ("a requisition", f"Requisition {B} approved."),
        ("a caller's number", f"You received a voice message from {A}. Duration 0:32"),
        ("an SMS sender", f"SMS reply from {B}: Yes I can attend"),
        ("an invoice in prose", f"Could you chase payment of {A} from last month?"),
        # how scanners and dictation name files: a recent date and a time of day
        ("a date and time stamp", f"Scan_{STAMP[:6]}_{STAMP[6:]}.pdf"),
        ("a date and time stamp in a sentence", f"Minutes {STAMP[:6]} {STAMP[6:]} attached"),
        # a clinician's signature from abroad: its own clinical words do not outweigh it
        ("a clinic's signature", f"Dr Kim Park MD\nMayo Clinic, Hospital Medicine\n{g(NANP, '.')}\nkpark@clinic.example.org"),
        ("a phone cue after the number", f"Jennifer Walsh\n{g(NANP, '-')} (office)\njwalsh@example.org"),
        ("a phone cue word after the number", f"Call me: {g(NANP7, '-')} mobile\nThanks"),
        ("a delivery note", f"Delivery note {A} shows only 8 boxes."),
        ("a certificate", f"Certificate number {B}"),
        ("a building society roll number", f"Roll number {A}"),
        # business mail's own numbers, their labels right before them
        ("a credit note", f"Credit note {A} appears on your statement"),
        ("a remittance", f"Remittance number: {B}"),
        ("a goods received note", f"GRN {A} booked in"),
        ("a despatch note", f"Despatch note {B}"),
        ("an SAP document", f"Material document {A}"),
        ("a document number", f"Doc No. {B}"),
        ("a Dell express service code", f"Express Service Code: {A}"),
        ("a gas meter", f"MPRN: {B}"),
        ("a Polish tax number", f"NIP: {A}"),
        ("a lease agreement", f"Vehicle lease agreement: {B}"),
        ("a TCP sequence number", f"Flags [S], seq {A}, win 64240"),
        ("an SNMP counter", f"ifInOctets.10101 = Counter32: {B}"),
        ("another thing's ID", f"Merchant ID: {A}"),
        ("a meeting's SIP address", f"Join by SIP\n\u2022 {B}@zoomcrc.com"),
        ("a colleague's number in a sentence", f"His number is {g(NANP, '-')}."),
        ("a second phone number after or on", f"you can reach her at 020 7946 0000 or on {g(NANP)}."),
        # a noun and "number", "No" or "code" name another thing's number; so does a plural label
        ("a noun that names its number", f"Unique Learner Number (ULN): {A}"),
        ("a noun that names its number, asked", f"Your enquiry number is {B}"),
        ("a named code", f"Guest code {A}"),
        ("a plural label", f"Please chase order numbers {A} and {B}"),
        ("the plural of a label", f"Invoices {A}, {B} are overdue"),
        ("a list after one label", f"Ticket {B}, {A} and {g(A)} are closed"),
        ("a bracketed name of another number", f"Reference (UTR) {A}"),
        ("a PIN after a phone number", f"Number: 0800 031 8123 / then {A}#"),
        ("a meeting ID with its passcode", f"(ID: {g(B)}, passcode 367574)"),
        ("a study participant", f"Screening log: participant {A} screened, not eligible."),
        # signatures and phone lines as US and international business mail writes them
        ("a signature's phone line under a sign-off", f"Best regards,\nAisha Jamal\nEnergy Institute\n{g(NANP7, '-')}"),
        ("a signature's phone line before a quoted message", f"Rice University\n{g(NANP7, '.')}\n----- Original Message -----"),
        ("a cue after a dash", f"Jane Walsh\n{g(NANP7, '-')} - direct\n"),
        ("a cue in brackets", f"Call {g(NANP7, '.')} ( bus ) or the desk."),
        ("a fax after a comma", f"Office {g(NANP7, '-')}, fax 713-520-4433"),
        ("a country code without its plus after a cue", f"T: 44 {UK_MOBILE[:3]} {UK_MOBILE[3:6]}-{UK_MOBILE[6:]}"),
        ("a North American 1 and a space", f"Houston, TX 77251\n1 {g(NANP7, '-')}"),
        ("a phone word in the clause", f"You could fax the information as well ( {g(NANP7, '-')} )"),
        ("a JSON value under a key that names something else", f'{{"service": "reminders", "checked": {A}}}'),
        ("a list of labelled ISBNs", f"ISBN {A}\nISBN {B}\nISBN {first_valid('4526', 9000)}\n"),
    ]
)


def test_a_chi_column_that_lost_its_leading_zeros_is_read_as_chi_numbers() -> None:
    # A spreadsheet keeps a CHI of the 1st to the 9th of a month as a 9-digit number.
    early = [first_valid(f"0{d}0385", 10 * d) for d in range(1, 4)]
    sheet = "Name,CHI,Diagnosis\n" + "".join(f"P{i},{n[1:]},COPD\n" for i, n in enumerate(early))
    chi = [f for f in findings(sheet, tabular=True) if f.kind == "chi_number" and f.confidence >= 0.5]
    assert sum(f.count for f in chi) == 3
    assert held(sheet, tabular=True)
    other = sheet.replace("CHI", "Ref")
    assert not [f for f in findings(other, tabular=True) if f.kind == "chi_number"]


def test_a_team_named_after_patients_is_no_patient_context() -> None:
    keywords = numbers.context_keywords(300)
    for text, near in [
        (f"Ref {A}\n\nJo Bloggs\nPatient Experience Team", False),
        (f"Ref {A}\n\nPALS (Patient Advice and Liaison Service)", False),
        (f"Ref {A}\n\nThe patient rang today", True),
    ]:
        start = text.index(A)
        assert keywords.near_each(text, [(start, start + 10)]) == [near], text


def test_only_a_meeting_service_makes_an_address_local_part_a_meeting_id() -> None:
    assert held(f"Send to {A}@patients.example.org")
    assert not held(f"Join by SIP: {A}@zoomcrc.com")


def test_a_meeting_id_in_prose_is_held_only_after_a_health_numbers_label() -> None:
    assert not held(f"Please join Zoom meeting {g(B)}, passcode 1234")
    assert held(f"NHS number {g(B)}, please join Zoom meeting later")
    assert held(f"Join the Zoom meeting to discuss NHS number {g(B)}")


def test_a_patients_sex_after_the_number_is_no_phone_cue() -> None:
    assert held(f"NHS number {g(A)} (M)")
    assert held(f"Roe, Jane {g(B)} (F), seen in clinic")


def test_a_chi_number_of_a_baby_is_still_held_with_its_label() -> None:
    assert held(f"CHI {STAMP}")


def test_coordinates_cut_by_decimal_points_are_no_number() -> None:
    # PostScript's path coordinates: "345." before it is no list number when the digits after it are decimals too
    digits = first_valid("752")
    text = f"%!PS-Adobe-3.0 EPSF-3.0\n345.{digits[:3]} {digits[3:6]}.{digits[6:]} m\n0 0 l\nstroke\n"
    assert not numbers.scan_all(text)
    assert numbers.scan_all(f"345.{digits}\n")  # a list number glued to it, as before


def test_an_underscore_parts_words_as_in_file_names() -> None:
    assert held(f"I saved it as ROE_JANE_{A}_02031970.pdf in the shared drive")
    assert held(f"NHS_No_{B}")


def test_a_log_fields_file_path_is_a_file_name_not_a_links_query() -> None:
    # "path=" before a share's or a drive's path is a log's field, not a URL's query
    assert held(f"2026-11-06 02:14:51 DETECT path=\\\\fs02\\letters\\Clinic_Letter_ROE_Jane_{A}.pdf")
    assert held(f"quarantine failed file=C:\\Scans\\ROE_JANE_{B}.pdf")
    assert not held(f"GET /search?item={A}&page=2 200")  # a URL's query stays one


def test_clinical_words_outweigh_a_clause_about_other_numbers() -> None:
    assert held(f"Invoice query for patient {A}, seen in clinic last week")
    assert held(f"MDT meeting: please discuss {A} on Tuesday")  # "meeting" is no clause word
    assert held(f"Order the bloods for {B} please")


def test_the_longest_label_wins_so_patient_labels_ending_in_id_are_patient_labels() -> None:
    # "Client" alone names a customer's number, "Client ID" a social-care record's;
    # a record system's own number ("RiO ID") is no other thing's ID ("Merchant ID").
    for label in ("Client ID", "Client No", "Person ID", "RiO ID", "SystmOne ID", "Mosaic ID", "Hospital ID"):
        assert held(f"({label}: {A})"), label
    assert not held(f"Client: {A}")
    assert not held(f"Merchant ID: {A}")
    assert numbers.label_class("my new number is ", 17) == "phone"


def test_a_table_laid_out_in_text_names_its_columns() -> None:
    # a rendered HTML table (cells apart by tabs), and a report's columns aligned by spaces
    second = first_valid("4526", 7000)
    tabbed = f"Payment Method: BACS\nInvoice Number\tInvoice Date\tAmount\n{A}\t20/08/2026\t£7.94\n{second}\t05/10/2026\t£1.00\n"
    spaced_out = f"Invoice No     Inv Date     Gross\n-------------------------------\n{A}     01/11/2026   £2.83\n"
    assert not held(tabbed) and not held(spaced_out)
    assert held(tabbed.replace("Invoice Number", "NHS Number"))
    conf = [f.confidence for f in findings(f"Name          NHS Number      Clinic\nJane Roe      {A}    Diabetes\n")]
    assert max(conf) >= 0.95  # a health number's own header counts as its label


def test_a_babys_chi_number_with_its_birth_date_written_is_no_date_and_time_stamp() -> None:
    born = f"{STAMP[:2]}/{STAMP[2:4]}/{STAMP[4:6]}"
    assert held(f"Baby of Eilidh Fraser {STAMP}, born {born}, please book a hip ultrasound")
    assert not held(f"Scan_{STAMP[:6]}_{STAMP[6:]}.pdf, scanned {born}0")  # no date of its own


def test_a_sign_off_below_a_patients_number_makes_no_signature() -> None:
    assert held(f"Please book the patient below into clinic.\n{g(A, '-')}\n\nThanks,\nJo")
    assert held(f"Thanks,\nJo\n\nNHS No {g(A, '-')}")


def test_at_before_a_number_is_no_timestamp_unless_it_says_so() -> None:
    assert held(f"Can you look at {A} urgently please?")
    assert not held(f"please contact\nCustomer Support at {g(NANP, '-')}.")
    assert not held(f"created at {TIMESTAMP}")


def test_a_json_key_is_its_values_label() -> None:
    assert held(f'{{"nhsNumber": "{A}", "name": "Jane Roe"}}')
    assert held(f'{{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "{A}"}}')
    assert not held(f'{{"orderId": {A}, "total": 12.5}}')


def test_a_json_objects_bare_id_is_what_its_key_or_type_says_it_is() -> None:
    # the object's key, on the same line or pretty-printed over several; a list of them
    assert not held(f'{{"ticket": {{"id": {A}, "subject": "Printer jam"}}}}')
    assert not held(f'{{\n  "ticket": {{\n    "id": {A},\n    "subject": "Printer jam"\n  }}\n}}')
    assert not held(f'{{"orders": [{{"id": {B}, "qty": 3}}, {{"id": {A}, "qty": 1}}]}}')
    # ... or its declared type
    assert not held(f'{{"event":"form.submitted","id":{A},"created":1718452802}}')
    assert not held(f'{{"resourceType":"Appointment","id":"{A}","status":"booked"}}')
    # a person's record, a health number's type, a container or nothing at all: still a patient's number
    assert held(f'{{"id": {A}}}')
    assert held(f'{{"patient": {{"id": {A}, "name": "x"}}}}')
    assert held(f'{{"patients": [{{"id": {A}}}, {{"id": {B}}}]}}')
    assert held(f'{{"resourceType":"Patient","id":"{A}","name":[{{"family":"Roe"}}]}}')
    assert held(f'{{"resourceType":"Bundle","entry":[{{"resource":{{"resourceType":"Patient","id":"{A}"}}}}]}}')
    assert held(f'{{"identifier": {{"type": "NHS", "id": "{A}"}}}}')
    assert held(f'{{"data": [{{"id": {A}, "name": "Jane Roe"}}]}}')
    # XML pasted into a message: the element an <ID> is the child of
    assert not held(f"<Ticket>\n  <Id>{A}</Id>\n  <Subject>Printer jam</Subject>\n</Ticket>")
    assert not held(f"<Order><Line><Qty>3</Qty></Line><ID>{A}</ID></Order>")
    assert held(f"<Patient><ID>{A}</ID></Patient>")
    assert held(f"<Patients><Row><ID>{A}</ID></Row><Row><ID>{B}</ID></Row></Patients>")


def test_a_things_id_written_as_one_word_or_as_a_json_key_is_that_things() -> None:
    assert not held(f'{{"event":"form.submitted","created":1718452802,"form_id":{A}}}')
    sheet = "RowID,Item,Qty\n" + "".join(f"{n},A4 paper,40\n" for n in (A, B, first_valid("4721", 500)))
    assert not held(sheet, tabular=True)
    assert held(sheet.replace("RowID", "PatientID"), tabular=True)


def test_a_persons_name_before_id_is_whose_id_it_is() -> None:
    # "Merchant ID" names a thing; "Jane Roe ID" and "Mrs Roe ID" a person
    assert held(f"Jane Roe ID {A}")
    assert held(f"Mrs Roe ID {A}")
    assert held(f"Name: Jane Roe, ID {A}")
    assert not held(f"Your merchant ID {A}")


def test_a_date_after_a_slash_is_the_next_field_not_more_digits() -> None:
    assert held(f"Please add Lloyd Owen {A}/19/07/1956 to the diabetes clinic.")
    assert not held(f"Please add Lloyd Owen {A}/1907 to the diabetes clinic.")


def test_a_digit_or_two_after_a_slash_are_a_grouped_numbers_suffix() -> None:
    # a visit's or an episode's number after the NHS number in its groups: the number is whole
    for sep in (".", " ", "-"):
        assert held(f"Patient ref for Mr Stan Example (NHS) is {g(A, sep)}/2 - visit 2 of the wound care pathway.")
        assert held(f"Mrs Example {g(A, sep)}/12 wound review")
    # ... not after ten digits run together, nor more than two
    assert not held(f"Please add Lloyd Owen {A}/2 to the diabetes clinic.")
    assert not held(f"Please add Lloyd Owen {g(A, '.')}/123 to the diabetes clinic.")


def test_a_service_name_before_a_reference_on_a_bank_statement_is_the_payer() -> None:
    statement = ("Date,Description,Amount,Balance\n"
                 f"01/12/2026,NHS ENGLAND REF {B},10237.32,130237.32\n"
                 f"05/12/2026,NHS {A} BGC,8878.27,133621.69\n"
                 "06/12/2026,CARD PAYMENT STAPLES,-42.10,133579.59\n")
    assert not held(statement, tabular=True)
    assert not held(statement.replace(",", "\t"), tabular=True)
    # pasted into a message: the transaction's code after it and the amounts on its line
    assert not held(f"05 Dec  NHS {A} BGC   8,878.27   133,621.69")
    assert not held(f"05/12  NHS {A} FPI  -1,250.00")
    # a health number's own name still names it, on a statement's line or not; no code, no amount: as before
    assert held(statement.replace(f"NHS {A} BGC", f"NHS No {A} Mrs Jo Example"), tabular=True)
    assert held(f"NHS {A} - Mrs Jo Example, diabetes review BGC")
    assert held(f"NHS {A} DD - Mrs Jo Example, diabetes review")


def test_a_list_after_a_health_number_label_is_a_list_of_health_numbers() -> None:
    assert held(f"NHS numbers {A} and {B}")
    conf = [f.confidence for f in findings(f"NHS numbers {A}, {B} and {g(A)}") if f.kind == "nhs_number"]
    assert conf and min(conf) >= 0.95


def test_a_value_counts_once_in_its_list() -> None:
    # one meeting's ID repeated through its invitation is no list of passing numbers
    once = max(f.confidence for f in findings(f"{A}\n{A}\n{A}\n") if f.kind == "nhs_number")
    three = max(f.confidence for f in findings(f"{A}\n{B}\n{first_valid('4526', 5000)}\n") if f.kind == "nhs_number")
    assert once < 0.9 <= three


NOT_CANDIDATES = [
    # ">" between groups is a reply's quote marker only after a line break
    ("greater-than signs between groups", f"ranges {A[:3]}>{A[3:6]}>{A[6:]}"),
    ("a marker before the line break", f"{A[:3]} {A[3:6]}>\n{A[6:]}"),
    ("a quote marker and text after it", f"{A[:3]} {A[3:6]}\n> x {A[6:]}"),
    ("six spaces between groups", f"total {A[:3]}      {A[3:6]} {A[6:]}"),
]


@pytest.mark.parametrize("label,text", NOT_CANDIDATES, ids=[t[0] for t in NOT_CANDIDATES])
def test_not_candidates(label: str, text: str) -> None:
    assert not numbers.scan_all(text)


@pytest.mark.parametrize("label,text", TRAPS, ids=[t[0] for t in TRAPS])
def test_traps_are_not_held(label: str, text: str) -> None:
    assert findings(text) or "{" in text or label.startswith("CHI Luhn"), "the trap's number must pass the checks"
    assert not held(text), [(f.kind, f.confidence, f.category) for f in findings(text)]


def test_trap_numbers_pass_their_checks() -> None:
    # Each trap number is held when written bare (a CHI beside a patient's word: alone it is one
    # ten-digit count or time in three hundred): only the trap's context keeps it out.
    for n in (A, B, M, HCN, CHI, NANP, NANP7, INDIA, ISBN):
        assert held(f"please check {n} for the patient"), n
    for n in (A, B, M, HCN, NANP, NANP7, INDIA, ISBN):
        assert held(f"please check {n}"), n
    assert held(f"CHI {TIMESTAMP}") and held(f"CHI {DNS_SERIAL}")


def test_log_of_timestamps_is_not_held() -> None:
    rng = random.Random(3)
    lines = [f"{TIMESTAMP if i == 5 else 1717000000 + rng.randrange(10**6)} INFO request served" for i in range(30)]
    assert not held("\n".join(lines))


def test_phone_book_of_nanp_numbers_is_not_held() -> None:
    rng = random.Random(5)
    rows = [f"Office {i}: {rng.randint(200, 999)}-{rng.randint(200, 999)}-{rng.randint(0, 9999):04d}" for i in range(30)]
    rows.insert(7, f"Office 99: {g(NANP, '-')}")
    assert not held("\n".join(rows))


def test_phone_column_in_a_patient_list() -> None:
    # A clinic list whose phone column lost its leading 0 in Excel: the NHS numbers are held,
    # the phone column (a few of which pass the NHS check) is not counted.
    nhs = [first_valid("46", i * 7919) for i in range(40)]
    rng = random.Random(9)
    phones = [f"79{rng.randrange(10**8):08d}" for _ in range(40)]
    text = "NHS number,Name,Mobile\n" + "\n".join(f"{n},Name{i},{p}" for i, (n, p) in enumerate(zip(nhs, phones, strict=True)))
    counted = sum(f.count for f in findings(text, tabular=True) if f.confidence >= 0.5)
    assert counted == 40
    assert held(text, tabular=True)


def test_id_column_next_to_nhs_column() -> None:
    nhs = [first_valid("61", i * 7919) for i in range(30)]
    rng = random.Random(2)
    ids = [f"{rng.randrange(4 * 10**9, 8 * 10**9)}" for _ in range(30)]
    text = "Order ID,NHS number\n" + "\n".join(f"{o},{n}" for o, n in zip(ids, nhs, strict=True))
    assert sum(f.count for f in findings(text, tabular=True) if f.confidence >= 0.5) == 30


def test_a_health_column_header_raises_a_short_column() -> None:
    two = [first_valid("45", 11), first_valid("45", 5011)]
    text = "Surname,NHS number,Ward\n" + "\n".join(f"Smith,{n},7" for n in two)
    found = findings(text, tabular=True)
    assert sum(f.count for f in found) == 2 and min(f.confidence for f in found) > 0.95
    plain = findings("Surname,Value,Ward\n" + "\n".join(f"Smith,{n},7" for n in two), tabular=True)
    assert max(f.confidence for f in plain) < 0.95


def test_a_trust_signature_does_not_make_an_id_list_a_patient_list() -> None:
    rng = random.Random(4)
    ids = [str(rng.randrange(10**9, 10**10)) for _ in range(20)] + [A]
    rng.shuffle(ids)
    signature = "\n\nJane Smith\nProcurement\nExample Hospitals NHS Foundation Trust\nwww.example.nhs.uk"
    assert not held("Order IDs:\n" + "\n".join(ids) + signature)


def test_chi_date_of_birth_century() -> None:
    from datetime import date

    from dlpgate.detectors.numbers import chi_birth_date

    today = date(2026, 12, 4)
    assert chi_birth_date("0101300000", today) == date(1930, 1, 1)
    assert chi_birth_date("0101200000", today) == date(2020, 1, 1)
    assert chi_birth_date("3112260000", today) == date(1926, 12, 31)  # 2026-12-31 is still to come
    assert chi_birth_date("2902000000", today) == date(2000, 2, 29)
    # Seen in 1999: 29/02/00 would be a birth still to come, and 1900 was not a leap year.
    assert chi_birth_date("2902000000", date(1999, 6, 1)) is None


def test_someones_number_counts_only_a_little_against() -> None:
    # said of a patient, it is their NHS number; clinical words nearby outweigh it
    assert held(f"Re the patient we discussed, her number is {A}. She has epilepsy and was seen in clinic.")
    assert not held(f"Ring Sam, his number is {A}.")
    assert not held(f"Ring Sam, my number is {A}.")


@pytest.mark.parametrize(
    "before", ["Re: Mrs Wang Fang,", "Name(", "Jones;", "王芳（Wang Fang），", "患者", "佐藤様（", "ROBERTS, Alice (Mrs)", "[Ward 4]"]
)
def test_a_label_glued_to_the_words_before_it_is_still_its_label(before: str) -> None:
    # Terse notes and East Asian text write no space before the label (full-width marks are
    # made ASCII by the parser's NFKC, as here).
    import unicodedata

    for label in ("NHS No:", "NHS:", "NHS号码:", "NHS番号："):
        assert held(unicodedata.normalize("NFKC", f"{before}{label}{g(A)}")), (before, label)
    # another thing's label glued the same way stays that thing's
    assert not held(f"Supplier Medline,Order No:{g(A)}")
    assert not held(f"Thanks,Invoice:{g(B)} paid")
    assert not held(f"Medline (UK)Order No:{g(A)}")


def test_a_babys_chi_with_words_about_the_baby_is_no_date_and_time_stamp() -> None:
    # a new-born's CHI: its date of birth is of these weeks and its last four digits may read as a time
    assert held(f"Baby boy Example {STAMP} - SBR today 280, below treatment line. Mum breastfeeding well.")
    assert held(f"Baby boy Example {STAMP[:6]} {STAMP[6:]} - SBR today 280, below treatment line.")
    # scanners', logs' and systems' stamps stay stamps, whatever the baby words around them
    assert not held(f"scan_{STAMP}.pdf - baby notes for filing")
    assert not held(f"Baby clinic notes scanned {STAMP}, 14 pages")
    assert not held(f"Log {STAMP} NNU cot monitor alarm cleared")
    assert not held(f"Minutes {STAMP[:6]} {STAMP[6:]} attached")


def _signed_ints(k: int, seed: int) -> list[str]:
    """A script's array of signed 32-bit integers, none of them passing a health check."""
    rnd = random.Random(seed)
    out: list[str] = []
    while len(out) < k:
        v = rnd.randrange(-2**31, 2**31)
        digits = str(abs(v))
        if len(digits) == 10 and with_check(digits[:9]) != digits and not luhn_ok(digits):
            out.append(str(v))
    return out


@pytest.mark.parametrize("sep", [",", ", ", " "])
def test_many_values_on_one_line_are_a_list(sep: str) -> None:
    # A value that passes a check among many on one line that do not (a script's array of
    # integers, a run of ids pasted into a sentence) is one of the list's values, as it
    # would be one per line, not a health number standing alone.
    values = _signed_ints(40, seed=len(sep))
    for valid in (CHI, A, "-" + CHI):
        line = sep.join(values[:17] + [valid] + values[17:])
        assert not held(f"var ar = new Array({line})\nprocess(ar)"), (valid, sep)
        column = "\n".join(values[:17] + [valid] + values[17:])
        assert not held(column), valid
    # a short run beside its label is no such list; many numbers that pass are a list of them
    assert held(f"NHS numbers: {A}, {values[0]}, {values[1]}")
    assert held("NHS numbers: " + sep.join([A, B, first_valid("4527"), first_valid("4528"), first_valid("4529")]))


# --- digits said in words ------------------------------------------------------------

_WORDS = dict(zip("0123456789", "zero one two three four five six seven eight nine".split(), strict=True))
_WELSH = dict(zip("0123456789", "dim un dau tri pedwar pump chwech saith wyth naw".split(), strict=True))
SAID = first_valid("642313")


def said(digits: str, sep: str = " ", words: dict[str, str] = _WORDS) -> str:
    """The digits in words, 3-3-4 groups apart by ``sep`` ("six four two, three one three, ...")."""
    groups = (digits[:3], digits[3:6], digits[6:])
    return sep.join(" ".join(words[d] for d in g) for g in groups)


def said_doubled(digits: str) -> str:
    """As one says a number on the phone: "oh" for 0, "double"/"triple" for a digit repeated."""
    out, i = [], 0
    while i < len(digits):
        run = 1
        while i + run < len(digits) and digits[i + run] == digits[i] and run < 3:
            run += 1
        word = "oh" if digits[i] == "0" else _WORDS[digits[i]]
        out.append({1: word, 2: f"double {word}", 3: f"triple {word}"}[run])
        i += run
    return " ".join(out)


SAID_FORMS = [
    lambda n: f"Hi it's Mrs Example, my NHS number is {said(n, ', ')}, I was told to ring about my biopsy result.",
    lambda n: f"Says NHS number is {said_doubled(n)}\nMessage: wants a call back about her warfarin.",
    lambda n: f"NHS no. {said(n, ' - ')}",
    lambda n: f"NHS number: {said(n, chr(10))}",  # hard-wrapped over lines
    lambda n: f"Rhif GIG: {said(n, ' ', _WELSH)}",
    lambda n: "Lorem ipsum dolor sit amet. " * 30 + f"My NHS number is {said(n)}.",  # past the pre-check's length
]


@pytest.mark.parametrize("form", SAID_FORMS, ids=["commas", "oh and double", "hyphens", "lines", "Welsh", "long text"])
def test_a_health_number_said_in_words_is_read_as_its_digits(form) -> None:
    assert held(form(SAID))
    # its check digit decides, as for the number written
    assert not held(form(SAID[:9] + str((int(SAID[9]) + 1) % 10)))


_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = dict(zip("23456789", "twenty thirty forty fifty sixty seventy eighty ninety".split(), strict=True))


def said_pair(two: str) -> str:
    """Two digits as a pair is said: "fifty-four", "twelve", "forty", "oh five"."""
    if two[0] == "1":
        return _TEENS[int(two[1])]
    if two[0] == "0":
        return f"oh {_WORDS[two[1]]}"
    return _TENS[two[0]] + ("" if two[1] == "0" else "-" + _WORDS[two[1]])


def said_hundreds(three: str) -> str:
    """Three digits as a number is said: "four hundred and one", "two hundred and forty-seven"."""
    head = f"{_WORDS[three[0]]} hundred"
    if three[1:] == "00":
        return head
    return f"{head} and {_WORDS[three[2]] if three[1] == '0' else said_pair(three[1:])}"


SAID_AS_PEOPLE_DO = [
    # the last four as pairs, in a voicemail's transcript
    lambda n: (f"Voicemail transcript: Calling about Mr Frank Example, NHS number {' '.join(_WORDS[d] for d in n[:3])}, "
               f"{' '.join(_WORDS[d] for d in n[3:6])}, {said_pair(n[6:8])} {said_pair(n[8:])}. Wants a call back."),
    # hundreds, then pairs
    lambda n: (f"Mrs Olive Example rang, her NHS number is {said_hundreds(n[:3])}, {said_hundreds(n[3:6])}, "
               f"{said_pair(n[6:8])} {said_pair(n[8:])}. Please call her back."),
    # a transcript's punctuation: commas between the digits, full stops between the groups
    lambda n: ("00:01:12 Sarah Example: The patient is Mr Neil Example.\n00:01:15 Sarah Example: NHS number. "
               + ". ".join(", ".join(_WORDS[d] for d in grp) for grp in (n[:3], n[3:6], n[6:]))
               + ".\n00:01:24 Mark Example: Got it, thanks."),
    # the separator said
    lambda n: f"...the patient\u2019s NHS number {said(n, ' dash ')}, that\u2019s Mr Harvey Example...",
    # "o" for zero within the run
    lambda n: f"Mrs Ruth Example's daughter called - NHS number {said(n, ', ').replace('zero', 'o')} - wants a call",
    # a word and numerals mixed
    lambda n: f"Phone msg: NHS no {_WORDS[n[0]]} {n[1:3]}, {n[3:6]}, {n[6:]} - Mrs Dora Example - rebook physio.",
    # dictation software's spaced digits with the separator said
    lambda n: f"NHS number {' dash '.join(' '.join(grp) for grp in (n[:3], n[3:6], n[6:]))} patient Harriet Example",
]
# zeros for "o", pairs from twenty, a hundred's "and" with a ten and with a unit
PEOPLE_SAID = first_valid("4250", 80520, ok=lambda n: "0" in n[1:] and n[6] > "1" and n[8] > "1")


@pytest.mark.parametrize("form", SAID_AS_PEOPLE_DO, ids=["pairs", "hundreds", "full stops", "dash", "o", "mixed", "spaced"])
def test_a_health_number_said_as_people_say_numbers_is_read_as_its_digits(form) -> None:
    for number in (PEOPLE_SAID, first_valid("4011", 33995), SAID):
        assert held(form(number)), form(number)
        assert [c[2] for c in numbers.scan(form(number)) if c[3] == numbers.SPOKEN] == [number]
        # its check digit decides, as for the number written
        wrong = number[:9] + str((int(number[9]) + 1) % 10)
        assert not held(form(wrong)), form(wrong)


def test_numbers_said_in_prose_and_figures_beside_words_are_no_number_said() -> None:
    for text in (
        "Take one 5 mg tablet twice a day, 2 x 10 day course, review in four 2 weeks",
        "four hundred and twenty five staff, three hundred and ten beds, ninety nine wards",
        "nineteen hundred and ninety-nine, two thousand and one",
        "at ten thirty, eleven fifteen and twelve forty-five on 12.03.2024 - one of three",
        "ring me on oh one six three two, nine six oh, four four nine",  # eleven digits: a phone number
        "Room four o'clock, o 1 2 3",
    ):
        assert [c for c in numbers.scan(text) if c[3] == numbers.SPOKEN] == [], text
    # numerals alone are the candidate pattern's, not read twice
    assert [c[3] for c in numbers.scan(f"NHS no {g(A)} dash 4")] == [numbers.GROUPED]


def test_other_numbers_said_in_words_are_weighed_as_written() -> None:
    order = first_valid("460200")
    # a phone number (eleven digits), an order reference, a number said as someone's phone
    assert not held("ring me back on oh seven seven oh oh nine oh oh seven four four, cheers.")
    assert not held(f"they said the order reference is {said_doubled(order)} and it will ship Thursday")
    assert not held(f"My number is {said(SAID, ' - ')}")
    # words of digits in prose, fewer than ten of them
    assert not held("Oh, one more thing: two or three of them, four five times a day, at one o'clock")
    assert numbers.scan("one two three four five six seven eight nine") == ()
