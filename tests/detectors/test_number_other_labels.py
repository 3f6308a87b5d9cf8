"""Numbers that another thing's label or header names: a table's column, a slashed label,
a reference list, a clause about payments. Each with the patient case it must not hide."""

from __future__ import annotations

import pytest

from dlpgate import policy
from dlpgate.config import DEFAULT_RULES
from dlpgate.detectors import chi_number, hc_number, nhs_number
from dlpgate.detectors.numbers import analyse
from dlpgate.types import Action, ParsedMessage, Segment
from tests.detectors.test_number_lists import CTX
from tests.synthetic import nhs_numbers, spaced, with_check

DETECTORS = [m.build(m.DEFAULTS, CTX) for m in (nhs_number, chi_number, hc_number)]
RULES = list(DEFAULT_RULES.values())
N = nhs_numbers(6, seed=31, prefix_range=(600, 799))


def held(text: str, tabular: bool = False) -> bool:
    msg = ParsedMessage(segments=(Segment(text, "attachment list.csv" if tabular else "message body", tabular),))
    findings = [f for d in DETECTORS for f in d.detect(msg)]
    return policy.decide(findings, RULES, True)[0] == Action.HOLD


def rows(header: str, first: str = "", rest: str = ",MedSupply Ltd,200,312.00") -> str:
    return header + "\n" + "".join(f"{first}{n}{rest}\n" for n in N[:5])


@pytest.mark.parametrize("header", ["PO Number,Supplier,Qty,Value", "Mobile,Name,Role", "Customer No,Customer,Balance",
                                    "InvoiceNumber,SupplierId,InvoiceDate", "OrderNo,CustomerRef,MobileNo"])
def test_a_column_headed_as_another_things_number_is_not_a_patient_list(header) -> None:
    # Every number in the column passes the check digit: the header still says what they are.
    assert not held(rows(header), tabular=True)
    assert not held(rows(header.replace(",", "\t"), rest="\tMedSupply Ltd\t200\t312.00"))  # pasted as a layout table


def test_a_column_headed_as_nhs_numbers_still_is() -> None:
    assert held(rows("NHS Number,Name,Clinic"), tabular=True)
    assert held(rows("Column A,Column B,Column C,Column D"), tabular=True)  # a header that names nothing


@pytest.mark.parametrize("header", ["Serial (first)", "Serial number (pack)", "Serial (pack) no.", "PO Number (SAP)",
                                    "Asset tag [site]", "Order # (SAP)", "Serial no. (box) #"])
def test_a_header_with_a_qualifier_in_brackets_is_still_its_label(header) -> None:
    sheet = f"GTIN,Product,{header},Qty\n" + "".join(f"50123450{i:05d},Apixaban 5mg,{n},12\n" for i, n in enumerate(N[:5]))
    assert not held(sheet, tabular=True)
    assert not held(sheet.replace(",", "\t"))  # pasted as a layout table
    # a qualifier naming the health number, or a patient's column, still holds
    assert held(sheet.replace(header, "Reference (NHS number)"), tabular=True)
    assert held(sheet.replace(header, "Patient ID (local)"), tabular=True)
    assert held(sheet.replace(header, "NHS No (10 digits)"), tabular=True)


def test_a_table_drawn_with_bars_has_its_header_read() -> None:
    table = " device_id |   serial   | model\n-----------+------------+------\n" + "".join(
        f"     33{i:02d} | {n} | ZT-411\n" for i, n in enumerate(N[:5]))
    assert not held("Output from our inventory DB:\n\n" + table)
    assert held("Clinic list:\n\n" + table.replace("  serial  ", "NHS number"))


@pytest.mark.parametrize("label", ["Batch/Lot: ", "Lot/Batch No. ", "PO/Order no: ", "Order/PO: ", "Invoice/Ref: "])
def test_two_labels_joined_by_a_slash_are_read_as_labels(label) -> None:
    assert analyse(f"Returning 3 boxes.\n{label}{N[0]}\nExpiry 06/2027\n").by_scheme["nhs_number"][0][2] == "other_id"


@pytest.mark.parametrize("label", ["DOB/NHS No: ", "Name/NHS number: ", "NHS/Hosp No: "])
def test_a_health_label_joined_by_a_slash_still_labels_the_number(label) -> None:
    assert held(f"{label}{spaced(N[0])}")


def test_a_reference_list_in_vancouver_style_is_a_reading_list() -> None:
    refs = (
        "1. Longmore M, et al. Oxford Handbook of Clinical Medicine. Blackwell; 2014. ISBN 1405108738\n"
        "2. Davidson's Principles and Practice of Medicine. Churchill Livingstone; 2018. 0702033219\n"
        "3. Sato K. Clinical reasoning cases. Tokyo: Igaku-Shoin; 2019. 4331022560\n"
    )
    assert not held(refs)


def test_a_ward_named_beside_a_payment_does_not_make_the_number_a_patients() -> None:
    mail = (f"can you chase {N[1]} please - our system shows it as paid on 14/10 by BACS but it is still on"
            " your statement. The other two I've asked the ward to goods-receipt today.")
    assert not held(mail)
    assert held(f"Patient on the ward: {N[1]}, paid a visit by the team today")  # a patient's label decides


@pytest.mark.parametrize("label", ["FIN: ", "FIN# ", "FIN NBR: ", "Financial Number: ", "CSN: ", "HAR: ",
                                   "Hospital Account: ", "Encounter no.: ", "Visit ID: ", "Account number: "])
def test_an_encounters_billing_number_beside_a_patients_banner_is_no_nhs_number(label: str) -> None:
    # Cerner's FIN (financial number), Epic's CSN and HAR: a stay's own numbers in the banner
    banner = f"CARTWRIGHT, EDITH    DOB: 14-JUN-1938    Age: 86Y    Sex: F\nMRN: 30088123    {label}{N[0]}    Loc: W12\n"
    assert analyse(banner).by_scheme["nhs_number"][0][2] == "other_id"
    # ... where the NHS number's own label in the same banner still names it
    assert analyse(banner.replace(label, "NHS: ")).by_scheme["nhs_number"][0][2] == ""


def listed(lead: str, row: str = "{n}", n: int = 4) -> str:
    return lead + "\n\n" + "".join("  " + row.format(n=x) + "\n" for x in N[:n])


@pytest.mark.parametrize("lead", [
    "the following timesheets were rejected by the authoriser (hours don't match the booking):",
    "Log excerpt from the router below as requested (epoch timestamps):",
    "consignment notes for October collections were:",
    "We cannot find the following\ninvoices on our ledger. Please send copies so we can\nprocess them:",
    "Asset tags as they appear in our CAFM system\n(asset number, then description):",
    "The returned pumps went with the courier this afternoon. Air waybill numbers:",
    "Consignment numbers for the two pallets:",
    "Three booking references are duplicated on this month's invoice, please credit:",
])
def test_a_list_introduced_as_another_things_numbers_is_not_a_patient_list(lead) -> None:
    assert not held(listed(lead))
    assert not held(listed(lead, "- {n}   £1218.23   02/09/2026"))
    assert not held(listed(lead, "{n} INFO assoc accepted calling=CT_SCANNER2"))


@pytest.mark.parametrize("lead", [
    # a business word that is not what the numbers are
    "Order of the list below:",
    "Case list for Friday's review:",
    "still outstanding at the time of writing:",
    "Our reception staff have flagged these as having moved out of area:",
    "Can you send the invoices for the following self-funding residents:",
    "Bookings for transport:",  # a plural that may be patients' (bookings, requests, cases)
    "Outstanding requests for notes:",
])
def test_a_list_introduced_with_a_business_word_that_is_not_its_numbers_is_still_weighed(lead) -> None:
    assert held(listed(lead))


@pytest.mark.parametrize("row", ["{n}  Mr Albert Example", "{n} - HARTLEY, Susan   Sat 09:20"])
def test_rows_that_name_people_are_a_list_of_people_whatever_their_introduction(row) -> None:
    assert held(listed("Cancelled bookings:", row))
    assert held(listed("Outstanding requests:", row))


@pytest.mark.parametrize("heading", ["Fixes", "Known issues", "## Bug fixes"])
def test_a_list_under_a_heading_of_another_things_numbers_is_not_a_patient_list(heading) -> None:
    # release notes: a heading of its own, no colon, over rows of defect numbers and what was fixed
    rows = "".join(f"- {n}  Fixed: the insulin chart showed the wrong times after discharge\n" for n in N[:4])
    assert not held(heading + "\n" + rows)
    assert held("Patients\n" + rows)  # a heading that names patients: weighed as before


def test_a_contractors_reference_is_not_an_nhs_number() -> None:
    assert not held(f"Barrier at staff car park B is stuck again. Reference from the contractor: {N[3]}.")


def test_defect_numbers_named_as_such_are_not_nhs_numbers() -> None:
    assert not held(f"Defects {N[0]} and {N[1]} confirmed fixed on the allergy banner.")
    assert not held(f"Defect {N[2]} is still open on the discharge summary.")


@pytest.mark.parametrize("label", ["Problem record", "Change request", "Incident no.", "Known error"])
def test_service_management_records_are_not_nhs_numbers(label: str) -> None:
    review = ("Post-incident review: network outage 10 Nov\n\nImpact: PACS and the clinic letter system were down "
              "for 40 minutes; no patient harm, two clinics ran on paper.\n\n" + label + f": {N[4]}\n")
    assert not held(review)
    assert held(review.replace(label, "NHS number"))


def test_a_health_numbers_label_starts_a_phrase_that_ends_in_where_it_came_from() -> None:
    # "registration" or "record" after the health number's own name says where the number came from
    chi = with_check("210765120")
    assert chi is not None
    assert held(f"Child's CHI as supplied by her mother from her previous Scottish registration: {chi}. Summary follows.")
    assert held(f"Patient's NHS number as written on the old GP registration: {N[1]}")
    assert not held(f"Vehicle registration: {N[1]}")
    assert not held(f"Tai chi class registration: {chi}")


def test_a_numbered_list_of_tickets_is_tickets() -> None:
    assert not held(listed("The tickets still open with you:", "1. {n} - results interface"))


@pytest.mark.parametrize("lead", [
    "Patients for Monday's clinic:",
    "Please check these NHS numbers for me:",
    "Invoices for the patients below:",  # a patient word: the list may be theirs
    "Can you look these up:",  # names nothing
    "Here they are.",  # no colon: no introduction
])
def test_a_list_introduced_otherwise_is_weighed_as_before(lead) -> None:
    assert held(listed(lead))


def test_a_pay_number_column_is_staffs() -> None:
    sheet = "Pay No\tSurname\tForename\tBand\n" + "".join(f"{x}\tExample\tSam\t5\n" for x in N[:4])
    assert not held(sheet, tabular=True)


def test_a_generic_ref_column_beside_pay_and_pension_columns_is_staffs() -> None:
    head = "SD Number,NI Number,Surname,Forename,Scheme,Pensionable pay,EE contrib,Ref\n"
    sheet = head + "".join(f"4792474{i},NP81305{i}D,Example,Sam,2015,4459.00,227.38,{x}\n" for i, x in enumerate(N[:5]))
    assert not held(sheet, tabular=True)
    patients = sheet.replace("NI Number", "DOB").replace("Pensionable pay", "Clinic").replace("EE contrib", "Ward")
    assert held(patients, tabular=True)


@pytest.mark.parametrize("header", ["Task ID", "Inventory ID", "Event ID", "Plant ID"])
def test_a_column_headed_as_a_things_id_is_that_things(header) -> None:
    sheet = f"{header},Location,Item,Lot\n" + "".join(f"{x},Ward 9 store,Hip stem,L21910{i}\n" for i, x in enumerate(N[:5]))
    assert not held(sheet, tabular=True)
    assert held(sheet.replace(header, "Patient ID"), tabular=True)
    assert held(sheet.replace(header, "ID"), tabular=True)  # a bare ID names nothing: every number passing decides


@pytest.mark.parametrize("text", [
    "Pest Control Service Report - Visit {n}\nSite: Example General Hospital",
    "our HMRC submission receipt last month was {n}. COS claims on the cancer drugs homecare contract",
    "please move them to our customer account (Riverside House site) no. {n} and reissue.",
    "Facture n\u00b0 {n}.pdf",
    "Re: \u3054\u6ce8\u6587\u756a\u53f7 {n} \u7d0d\u671f\u306e\u3054\u78ba\u8a8d",
])
def test_labels_written_with_an_aside_a_verb_or_in_another_language(text) -> None:
    assert not held(text.format(n=N[2]))
    assert held(f"NHS number: {N[2]}, seen in clinic for her diabetes")


def test_an_aside_in_a_patients_label_keeps_it_a_patients() -> None:
    assert held(f"the patient (Mrs Example) no. {N[2]} has cancer")


def test_names_and_numbers_introduced_as_staff_are_staffs_numbers() -> None:
    rows = "".join(f"{name} {x}\n" for name, x in zip(("Sarah Example", "Tanya Example", "Gemma Example"), N, strict=False))
    assert not held("Hi Anne, three staff opting out of NHS Pension from January:\n" + rows)
    assert held("Hi Anne, three patients moving to your list from January:\n" + rows)


@pytest.mark.parametrize("ref", ["Ref", "Reference", "No.", "ID"])
def test_a_header_naming_no_kind_of_number_in_a_patient_table_heads_patients_references(ref) -> None:
    table = f"{ref},Patient,DOB,Clinic\n" + "".join(f"{x},Sam Example,27/10/1951,Cardiology\n" for x in N[:2])
    assert held(table, tabular=True)
    pasted = f"{ref}\tName\tDOB\n" + "".join(f"{x}\tSam Example\t07/05/1976\n" for x in N[:2])
    assert held("Records for both of your clients below:\n\n" + pasted)
    # in a table of suppliers the same header names another thing's number
    assert not held(f"{ref},Supplier,Amount\n" + "".join(f"{x},Bunzl Healthcare,£4409.72\n" for x in N[:1]),
                    tabular=True)


def test_an_amount_of_money_beside_a_bare_number_speaks_against_it() -> None:
    assert not held(f"Can you allocate these two:\n\n{N[0]}   04/11/2026   £14,911.07\n")
    assert held(f"Can you allocate these two:\n\n{N[0]}   04/11/2026   patient refund £14.00, clinic")


def test_clinical_terminology_codes_are_no_patients_numbers() -> None:
    # SNOMED CT concept ids and dm+d medicines: codes, whatever their check digit
    a, b = N[0], N[1]
    assert not held(f"SNOMED CT concept ids for the frailty template:\n\n{a} |Moderate frailty (finding)|\n"
                    f"{b} |Severe frailty (finding)|\n")
    assert not held(f"Which local code is dm+d VMP {a} (apixaban 5mg tablets) mapped to?")
    assert not held(rows("PIP code,GTIN,dm+d,Item,Qty", first="1234567,05012345678900,", rest=",Morphine 10mg,5"),
                    tabular=True)


@pytest.mark.parametrize(
    "phrase",
    [
        "Your NHS number for reference: ",
        "NHS number (for reference): ",
        "Your NHS number, for your reference: ",
        "Please quote your NHS number when you call: ",
        "CHI/NHS no. (quote when you call): ",
    ],
)
def test_a_health_number_label_then_what_the_number_is_for_still_labels_it(phrase) -> None:
    # The last word before the number says what it is for ("reference", "call"), not what it is.
    assert held(f"Your colonoscopy is booked for 9 December.\n\n{phrase}{spaced(N[0])}\n")


@pytest.mark.parametrize(
    "phrase",
    [
        "NHS number not needed. Booking reference: ",  # another sentence
        "NHS number 1 of 2, reference: ",  # a digit between: another number's label
        "For reference: ",
    ],
)
def test_a_purpose_word_without_a_health_label_in_its_phrase_is_what_it_says(phrase) -> None:
    assert not held(f"Thanks for your order of 12 boxes.\n\n{phrase}{N[0]}\n")


@pytest.mark.parametrize("header", ["NHS Number (one digit per box)", "NHS number (if known)", "CHI/NHS no. (where known)"])
def test_a_remark_in_brackets_after_a_health_label_leaves_it_the_label(header) -> None:
    digits = "\t".join(N[0])
    assert held(f"{header}\n{digits}\n", tabular=True)
    assert held(f"{header}: {N[0]}")


def test_a_remark_in_brackets_after_another_label_stays_another_label() -> None:
    assert not held(f"Thanks for the 12 boxes.\nBox number (one digit per box)\n{chr(9).join(N[0])}\n", tabular=True)


@pytest.mark.parametrize("text", [
    # a business label after the number, in brackets, or in the clause
    "Nothing has arrived yet for {n} (our PO no.) - 20 boxes of gloves.",
    "{n} (NHS Supply Chain order) is showing as backordered.",
    # a label on the line above or below a number alone on its line, past blank lines
    "Your ticket reference:\n\n{n}\n\nPlease quote this when the engineer attends.",
    "Drug fridge order\n{n}\n^ that's the PO to put on the invoice",
    # other languages' order, invoice and booking labels
    "N\u00b0 de commande : {n}",
    "Rechnungsnummer {n} wurde am 07.03.2025 bezahlt.",
    "Rhif archeb: {n}\nDyddiad dosbarthu: 14/03/2025",
    # an element that names the number, its value in CDATA
    "<Order>\n  <OrderNumber><![CDATA[{n}]]></OrderNumber>\n</Order>",
    # pasted header fields, a bibliographic record's tag, a barcode's application identifier
    "X-MS-Exchange-Organization-SCL: 5\nX-Campaign: {n}\n\nPlease take the host down.",
    "TY  - JOUR\nJO  - Age and ageing\nM3  - {n}\nER  - ",
    "The scanner reads ]d2 (01)05012345678900(17)270630(10)B7731A(21){n} and the hub rejects it.",
    # imaging's and research's own numbers
    "Accession\tModality\tStudies\n{n}\tCT\t184",
    "Site number 014, sponsor protocol {n}.",
    # estates: hot and cold water outlets
    "H&C outlet {n} (Ward 7 sluice) was missed in last week's flushing log.",
    # a list's label through semicolons and onto a wrapped line; a RIS record's ID tag
    "PO numbers: 7782772044; {n} - both still open.",
    "Outstanding invoices: 7582200330, 6425383232,\n{n}, 4429514542\n(diabetes education sessions, Q2)",
    "TY  - JOUR\nTI  - Asthma outcomes in primary care\nSN  - 1468-2044\nID  - {n}\nER  - ",
    "Numero d'ordine: {n}",
    "Our payroll reference for deductions will be {n}. Deductions start with the January pay run.",
])
def test_another_things_number_however_its_label_is_written(text: str) -> None:
    assert not held(text.format(n=N[0]))


@pytest.mark.parametrize("text", [
    "Patient: Mrs Joy Example, NHS no. {a}\u2219{b}\u2219{c} - her appointment has moved.",
    "Patient: Mr Victor Example, NHS number {a}, {b}, {c} - his appointment has moved.",
    "NHS number:\n\n{a}{b}{c}\n\nDiagnosis: heart failure",
])
def test_a_health_number_written_with_other_separators_after_its_label(text: str) -> None:
    n = N[1]
    assert held(text.format(a=n[:3], b=n[3:6], c=n[6:]))


def test_a_code_list_label_covers_every_code_in_the_list() -> None:
    assert analyse(f"SNOMED codes: 44054006, {N[2]}, 1049301000000100.").by_scheme["nhs_number"][0][2] == "other_id"
    assert all(entry[2] != "other_id" for entry in analyse(f"NHS numbers: {N[3]}, {N[2]}.").by_scheme["nhs_number"])


def test_a_line_with_its_own_value_does_not_label_a_number_alone_below_it() -> None:
    text = f"Booking ref: PHY-22871\n{N[4]}\nMr Desmond Example\nReason: post-op rehab after total knee replacement"
    assert analyse(text).by_scheme["nhs_number"][0][2] != "other_id"


def test_a_label_printers_field_is_read_as_its_text() -> None:
    zpl = "^XA\n^FO40,30^FDMr Kenneth Example^FS\n^FO40,100^FDNHS No: {n}^FS\n^FO40,135^FDWard 7^FS\n^XZ\n"
    assert held(zpl.format(n=N[5]))
    assert held("^XA\n^FO40,100^FD{n}^FS\n^FO40,135^FDWard 7 - Renal^FS\n^XZ\n".replace("{n}", f"NHS {N[5]}"))


@pytest.mark.parametrize("label", ["NHS\u756a\u53f7", "NHS\u53f7\u7801", "NHS \u865f\u78bc", "NHS\ubc88\ud638"],
                         ids=["Japanese", "Chinese", "Chinese, traditional, apart", "Korean"])
def test_a_health_label_glued_to_a_cjk_word_for_number_is_the_label(label) -> None:
    # as an IME writes it: "NHS番号 452・601・8155"
    n = N[2]
    assert held(f"Mrs Example {label} {n[:3]}\u30fb{n[3:6]}\u30fb{n[6:]}")
    assert held(f"{label}: {n[:4]} {n[4:7]} {n[7:]}")
    assert not held(f"\u756a\u53f7 {n[:3]}\u30fb{n[3:6]}\u30fb{n[6:]}")  # "number" alone names nothing


def test_a_bar_tables_first_column_is_read_under_its_header() -> None:
    # "N | Name | ..." first on its row is a table's cell, not a SNOMED concept and its |term|
    rows = "".join(f"{n} | Harriet Example | HIE following delayed delivery\n" for n in N[:2])
    assert held("Records uploaded to the portal:\n\nNHS No | Claimant | Allegation\n" + rows)
    assert not held("Records uploaded to the portal:\n\nOrder No | Customer | Item\n" + rows)
    assert not held("".join(f"{n} |Moderate frailty (finding)|\n" for n in N[:2]))  # concepts and their terms


@pytest.mark.parametrize("text", [
    "Thank you for your email about the pay machines in the car park. Your complaint reference is\n"
    "{n}; please quote it if you contact us again.",
    "Thank you for contacting PALS about visiting times. Your case reference is\n{n}. Visiting is now 11am to 8pm.",
    "Please change the delivery address for the nitrile gloves to Goods In, Gate 5. Our order number is\n"
    "{n}. The old address (Stores, Gate 2) closes on Friday.",
    "> Thank you for contacting PALS about visiting times. Your case reference is\n> {n}. Visiting is now 11am.",
])
def test_a_label_and_its_is_ending_a_hard_wrapped_line_label_the_number_starting_the_next(text) -> None:
    assert not held(text.format(n=N[3]))


def test_a_health_label_ending_a_hard_wrapped_line_still_labels_its_number() -> None:
    assert held(f"Thanks for seeing him on Tuesday, he is on warfarin. His NHS number is\n{spaced(N[3])} if you need it.")
    assert held(f"> Thanks for seeing him on Tuesday. His NHS number is\n> {N[3]}, DOB 02/03/1950.")
    # a label that ends a line without its "is" still labels only a number alone under it
    assert held(f"Could you book her into the clinic and send the invoice\n{N[3]} is her NHS number, seen 2/11")


def test_a_booking_made_for_a_number_is_no_bookings_own_number() -> None:
    # "Booking confirmed for" is said of whoever the booking is for, as "Booked for" is
    assert held(f"Booking confirmed for {spaced(N[4])}, MRI right knee 14/11 at 16:20 (?ACL tear).")
    assert held(f"Booked for {spaced(N[4])}, MRI right knee 14/11 at 16:20 (?ACL tear).")
    # the booking's own number, and other things' bookings
    for text in ("Booking reference {n}", "Booking ref for {n}, 2 nights", "Your booking {n} is confirmed.",
                 "Hotel booking confirmed for {n}, 2 nights", "Your parcel booking for {n} is confirmed"):
        assert not held(text.format(n=N[4])), text


def test_a_generic_reference_in_the_nhs_grouping_is_decided_by_the_words_around_it() -> None:
    # "Our ref:" names no kind of number: a practice's letter may give the NHS number as its reference
    assert held(f"Our ref: {spaced(N[5])}\n\nRe: your referral to the shoulder clinic\n")
    assert held(f"Your ref: {spaced(N[5])}. Thank you for the referral of this patient.")
    assert not held(f"Our ref: {spaced(N[5])}\n\nRe: your council tax account\n")
    # not grouped as the NHS writes its numbers, or another thing's own label
    assert not held(f"Our ref: {N[5]}\n\nRe: your referral to the shoulder clinic\n")
    assert not held(f"Order ref: {spaced(N[5])}\n\nRe: gloves for the shoulder clinic\n")


@pytest.mark.parametrize("line", [
    # SAP's and Oracle's order acknowledgements, a catalogue's and a German, French or Dutch
    # supplier's order lines, NHS Supply Chain's and the maker's product codes
    "Line 20  Mat. no. {n}  Introcan Safety 22G x 25mm  Qty 20 BX  - back order",
    "Material {n}  Discofix C 3-way tap  Qty 10 BX",
    "Mat.-Nr. {n}  Infusomat Space Leitung",
    "Cat. No. {n}   Blood agar plates, 90mm, pack of 20     Qty 50 packs/month",
    "Cat No {n} transport swabs",
    "Cat# {n} - nitrile gloves, medium",
    "Art.-Nr. {n}   Flow sensor, reusable    Qty 4",
    "Art. no. {n} O-ring set",
    "Best.-Nr. {n}, Lieferschein folgt",
    "Artikelnr. {n} - 12 stuks",
    "Réf. {n} compresses stériles",
    "NPC {n} Examination gloves nitrile",
    "MPC: {n}",
])
def test_a_products_number_under_its_abbreviated_label_is_the_products(line: str) -> None:
    # the ten digits pass the NHS number's check; the paperwork's label says what they are
    assert not held(f"Hi,\n\nPlease can you confirm stock for:\n\n{line.format(n=N[0])}\n\nThanks")
    assert held(f"Hi,\n\nPlease can you confirm stock for:\n\n{line.format(n=N[0])}\n\nPatient NHS no {N[1]}\n")


@pytest.mark.parametrize("text", [
    '{{"buyerOrgId":"RX1","orderId":"{n}","requisitionId":"REQ-00418823","currency":"GBP"}}',
    '{{"order":{{"orderId":"{n}","lines":[{{"lineNo":1}}]}}}}',
    "{{buyerOrgId:'RX1',orderId:'{n}',qty:4}}",
    "<Buyer>RX1</Buyer><OrderId>{n}</OrderId>",
    "buyer=RX1;orderId={n};status=422",
])
def test_a_keys_label_in_a_run_written_without_spaces(text: str) -> None:
    # minified JSON, a script's object, markup and a log's fields: each key labels its value
    assert not held(text.format(n=N[0]))
    assert held(text.format(n=N[0]).replace("orderId", "nhsNumber").replace("OrderId", "NhsNumber"))


# Labels no list holds, read by their shape: an acronym or a short word before "number",
# "no." or "code", an acronym alone or with one noun right before the number.
@pytest.mark.parametrize("text", [
    "Our SBS no {n} for the porters has changed.",
    "The lift has RIDDOR {n} against it.",
    "NPSA alert {n} was closed on the system last week.",
    "Pool car no. {n} is booked for the site visit.",
    "Main Block:\nBMS {n} - chiller alarm on level 3\nPlease attend.",
])
def test_a_number_after_a_label_no_list_holds_is_that_labels(text) -> None:
    assert not held(text.format(n=N[0]))


@pytest.mark.parametrize("text", [
    "AMU {n} Mrs Joan Example - chest pain, for review",  # a ward's list of patients: the name after it
    "Joan LEE {n} came to clinic today",  # a name in capitals
    "LEE, Joan {n}",
    "PAS {n}",  # a patient record's acronym
    "BMS {n} - patient referred by the GP",  # patient words outweigh an acronym alone
    "RE: {n}",  # a reply's prefix names nothing
])
def test_a_name_a_health_acronym_or_patient_words_keep_the_number_held(text) -> None:
    assert held(text.format(n=N[1]))


LOG = ("1796481316 INFO  listener connection from 10.40.2.17:51344\n"
       "1796481736 DEBUG rx MSH|^~\\&|EPR|EXH|PACS|VENDOR|20261203091200||ORM^O01|MSG5978264707|P|2.4\n"
       "1796481926 DEBUG rx PID|1||{n}{cx}||EXAMPLE^JOAN^J||19740612|F\n"
       "1796481891 DEBUG rx OBR|1|6785844550||CTCHAP^CT chest\n"
       "1796481462 ERROR ack timeout after 30000ms\n")


@pytest.mark.parametrize("cx", ["^^^NHS^NH", "^^^NHS&2.16.840.1.113883.2.1.4.1&ISO^NH", "^^^RXX^NH"])
def test_an_hl7_identifiers_authority_or_type_labels_the_number_among_a_logs_times(cx) -> None:
    assert held(LOG.format(n=N[2], cx=cx))


# An interface engine's log writes a field by its path ("pid.3=", "PID-3.1: "), not as a segment.
PATH_LOG = ("1796512004 INFO  [pas-feed] A08 update ward=W12 slot=9 ref={a} trace=4be17c02\n"
            "1796512390 WARN  [pas-feed] identity clash {path}{n} pid.5=FAIRBROTHER^ALMA msh.10={b}\n"
            "1796512877 INFO  [pas-feed] A08 update ward=W12 slot=4 ref={c} trace=0c93aa71\n")


@pytest.mark.parametrize("path", ["pid.3=", "PID_2=", "pid.3.1="])
def test_an_hl7_patient_field_by_its_path_labels_the_number_among_a_logs_times(path) -> None:
    assert held(PATH_LOG.format(path=path, n=N[3], a=N[0], b=N[1], c=N[4]))
    # a message's control id, a visit's number, a date-time field, the patient's account number
    for other in ("msh.10=", "pv1.19=", "obr.8=", "pid.18="):
        assert not held(PATH_LOG.format(path=other, n=N[3], a=N[0], b=N[1], c=N[4])), other


def test_an_hl7_identifier_of_another_type_among_a_logs_times_is_still_weighed_as_a_list() -> None:
    assert not held(LOG.format(n=N[2], cx="^^^EXH^VN"))


FORM = "Wheelchair Service Order\nPO: 4940600710\nOur ref: {n}\n{person}\nItem: lightweight self-propelled chair\n"


@pytest.mark.parametrize("person", ["Client: Mr Peter Example", "Name: EXAMPLE, Ruth", "Mrs Ruth Example"])
def test_a_reference_in_the_nhs_spacing_beside_a_persons_name_is_a_patients(person) -> None:
    assert held(FORM.format(n=spaced(N[3]), person=person))


@pytest.mark.parametrize("person", ["Contact: Mr Peter Example (sales)", "Delivery: Unit 4, Example Park", ""])
def test_a_reference_in_the_nhs_spacing_beside_a_contact_or_no_one_is_a_reference(person) -> None:
    assert not held(FORM.format(n=spaced(N[3]), person=person))


def ledger(last: str, every: str = "") -> str:
    """A payments sheet: invoice numbers that fail the check digit, and a last row with a valid one."""
    failing = [f"{n[:9]}{(int(n[9]) + 1) % 10}" for n in nhs_numbers(9, seed=33, prefix_range=(600, 799))]
    rows = "".join(f"{n},{100 + i}.50,Walking frame repair{every}\n" for i, n in enumerate(failing))
    return f"Invoice No,Amount,Narrative\n{rows}{N[4]},240.00,{last}\n"


def test_a_number_whose_row_alone_names_a_person_is_not_its_columns() -> None:
    # under "Invoice No", among numbers that fail the check, a row naming a patient and a condition
    assert held(ledger("Walking frame fitting - Mr Colin Example, Parkinson's disease"), tabular=True)
    # a row of goods only, or a ledger whose every row names its customer, is the column's
    assert not held(ledger("Walking frame fitting"), tabular=True)
    assert not held(ledger("Walking frame fitting - Mr Colin Example", every=" - Mrs Ann Example"), tabular=True)


def test_a_surgeon_named_in_a_staff_column_beside_another_things_number_is_no_patient() -> None:
    failing = [f"{n[:9]}{(int(n[9]) + 1) % 10}" for n in nhs_numbers(5, seed=34, prefix_range=(600, 799))]
    rows = "".join(f"Virtual clinic {i},Nurse Example,{n},918273\n" for i, n in enumerate(failing))
    sheet = f"Clinic,Clinician,Meeting ID,Passcode\n{rows}Fracture clinic,Mr Colin Example,{N[5]},0\n"
    assert not held(sheet, tabular=True)


ACKS = "".join(f"MSH|^~\\&|TIE|RXX|CRIS|RXX|2024041108{12 + i}33||ACK^O01|88692288{i}|P|2.4\r\n"
               f"MSA|AE|{n}|Field PV1-19 exceeds max length|\r\nERR|^^^207&Application internal error&HL70357\r\n"
               for i, n in enumerate(N[:3]))


def test_hl7_control_ids_are_a_messages_own_numbers_not_a_list_of_patients() -> None:
    text = "Hi,\n\nWe are getting application-error ACKs back for some orders:\n\n" + ACKS + "\nCan you confirm the limit?"
    assert not held(text)
    assert not held(text.replace("MSA|AE|", "MSH|^~\\&|TIE|RXX|CRIS|RXX|20240411||ACK^O01|").replace("|Field", "|P|2.4|"))
    # the same numbers as the patients' identifiers the messages carry
    assert held(text.replace("MSA|AE|", "PID|1||"))
    assert held(text.replace("MSA|AE|", "PID|1||").replace("|Field PV1-19", "^^^NHS^NH|Field PV1-19"))


def test_a_lists_values_labelled_as_another_things_do_not_make_the_others_patients() -> None:
    a, b, c = N[:3]
    prior = analyse(f"Checking {b} now")
    files = analyse(f"INV_{a}_SURGICAL_20240411.pdf\nCN_{b}_SUPPLYCHAIN_20240411.pdf\nINV_{c}_COURIER_20240411.pdf\n")
    assert max(conf for _r, conf, *_ in files.by_scheme["nhs_number"]) == max(
        conf for _r, conf, *_ in prior.by_scheme["nhs_number"])
    # three bare values that pass are still a list of them
    listed = analyse(f"{a}_SURGICAL_20240411.pdf\nCN_{b}_SUPPLYCHAIN_20240411.pdf\n{c}_COURIER_20240411.pdf\n")
    assert max(conf for _r, conf, *_ in listed.by_scheme["nhs_number"]) > max(
        conf for _r, conf, *_ in prior.by_scheme["nhs_number"])


def message_held(*segments: tuple[str, str]) -> bool:
    msg = ParsedMessage(segments=tuple(Segment(text, where, False) for where, text in segments))
    return policy.decide([f for d in DETECTORS for f in d.detect(msg)], RULES, True)[0] == Action.HOLD


# A form's field named as another thing's number in a language the lists do not hold: a word
# for "number" and the thing's name, before a colon.
FOREIGN_FIELDS = [
    "Nr zam\u00f3wienia", "Numer faktury", "Nr klienta",  # Polish: order, invoice, customer
    "Nr. comand\u0103", "Num\u0103r factur\u0103",  # Romanian: order, invoice
    "N.\u00ba da encomenda", "N\u00ba cliente",  # Portuguese: order, customer
    "U\u017esakymo numeris", "S\u0105skaitos numeris",  # Lithuanian: order, account
    "Sipari\u015f numaras\u0131", "Hesap numaras\u0131",  # Turkish: order, account
    "Rendel\u00e9ssz\u00e1m", "\u00dcgyf\u00e9lsz\u00e1m",  # Hungarian: order, customer
]


@pytest.mark.parametrize("field", FOREIGN_FIELDS)
def test_a_field_named_as_another_things_number_in_any_language_is_that_things(field: str) -> None:
    n = N[3]
    order = f"Dzie\u0144 dobry,\n\n{field}: {n}\nProsimy o potwierdzenie terminu dostawy \u0142\u00f3\u017cek (20 szt.).\n"
    assert not held(order)
    # the same digits in the subject are that order's too
    assert not message_held(("subject", f"Zam\u00f3wienie {n}"), ("message body", order))
    assert message_held(("subject", f"Zam\u00f3wienie {n}"), ("message body", "Dzie\u0144 dobry"))
    # a patient named beside it, or clinical words around it, make it a patient's number again
    assert held(f"Pacjentka: Katarzyna Example\n{field}: {n}\n")
    assert held(f"{field}: {n}\nReferred to the diabetes clinic; discharge summary attached.")


@pytest.mark.parametrize("label", [
    "Rhif GIG", "numer NHS", "Numer NHS pacjenta", "Num\u0103r pacient", "NHS-nummer", "Numer", "Subject", "RE",
    "Can you check this one",
])
def test_a_field_naming_a_health_number_a_patient_or_no_thing_is_weighed_as_before(label: str) -> None:
    assert held(f"Dzie\u0144 dobry,\n\n{label}: {N[3]}\n")


def test_a_field_of_another_language_with_a_patient_beside_it_stays_held() -> None:
    # "health insurance number": a field the lists do not know, a patient named above it
    text = f"Pacjentka: Katarzyna Example\nNumer ubezpieczenia zdrowotnego: {N[3]}\n"
    assert held(text)
    assert not held(text.replace("Pacjentka: Katarzyna Example\n", ""))


@pytest.mark.parametrize("label", ["Session IDs", "Meeting IDs", "Ticket IDs", "Job IDs"])
def test_the_plural_of_an_id_label_names_the_same_things(label) -> None:
    # "Session IDs 4526018155 and ...": the plural of "Session ID", not a bare "IDs"
    text = f"Logs attached. {label} {N[0]} and {N[1]} are the two that hang."
    assert not held(text)
    assert held(f"Patient IDs {N[0]} and {N[1]} were merged in error.")


def test_an_unissued_number_counts_in_a_column_headed_as_nhs_numbers_only() -> None:
    from tests.detectors.test_nhs_number import nhs_like

    unissued = [nhs_like("5", 10_000 * i) for i in range(1, 4)]
    sheet = "Name,NHS Number,Clinic\n" + "".join(f"Pat Example{i},{n},Renal\n" for i, n in enumerate(unissued))
    assert held(sheet, tabular=True)
    assert not held(sheet.replace("NHS Number", "Account"), tabular=True)
    assert not held(sheet.replace("NHS Number", "Ref"), tabular=True)


@pytest.mark.parametrize("label", ["Incident log", "case file", "incident report", "Case report", "Request log", "incident entry"])
def test_a_things_label_then_the_record_it_is_kept_in_names_that_things_number(label: str) -> None:
    # "Job sheet 4526018155": the job's number, kept in its sheet, in a subject as in a body
    n = N[2]
    assert not message_held(("subject", f"FW: {label} {n} - broken barrier, staff car park"),
                            ("message body", f"Following up {label.lower()} {n} (damage to the barrier arm)."))
    assert not held(f"RE: {label} {n} - lift out of service, Block B")
    # a patient's record, or a health number's, is still theirs
    assert held(f"Patient record {n}: seen in clinic, started on insulin.")
    assert held(f"Medical record {n}")
    assert held(f"Client record {n}")  # a person's record: a social care client may be a patient
    assert held(f"Log of NHS No {n}")


def test_a_label_then_a_clause_then_its_copula_names_the_number() -> None:
    # "the <thing> ID <participle> <where> was <number>": the thing's, and a health number's still
    assert not held(f"Hi, the last batch number shown in the portal was {N[0]}. It fails every night at 02:00.")
    assert held(f"Hi, the NHS number printed on her clinic letter was {N[0]}. Could you check it is right?")


def test_an_example_after_a_label_is_that_labels_number() -> None:
    assert not held(f"From March each claim must carry a ten-digit supplier order number, e.g. {N[1]}, on page one.")
    assert not held(f"Quote the delivery note number (for example {N[1]}) when you call.")
    assert held(f"Please confirm the baby's NHS number, for example {N[1]}, on the transfer form.")


def test_a_code_in_brackets_on_an_item_line_is_the_items() -> None:
    order = ("Can we order the below for the loan store:\n\n"
             f"- Walking frame, adjustable  x 6   (code {N[2]})\n- Shower stool x 4  (code {N[3]})\n- Grab rails x 30\n")
    assert not held(order)
    assert held(f"Referral for Mrs Alice Testname (code {N[2]}) to the falls clinic on Monday.")


def test_a_staff_lists_booking_refs_are_bookings_but_a_patients_are_not() -> None:
    rows = f"{N[0]}  22:10  Halton depot -> Riverside site (6 seats)\n{N[4]}  23:40  Riverside site -> Halton depot\n"
    assert not held("Night minibus for ward staff during the closure is confirmed. Your booking refs:\n\n" + rows)
    assert held("Renal patients' transport to dialysis is confirmed. Your booking refs:\n\n" + rows)


def test_a_sensors_number_is_the_sensors() -> None:
    def top(text: str) -> float:
        return max(s[1] for s in analyse(text).by_scheme["nhs_number"])

    row = "Sensor {}  Reagent fridge 3   last reading 3.9 C\n"
    assert top("Probes offline:\n\n" + row.format(N[1])) < 0.1
    assert top("Probes offline:\n\n" + row.format(N[1]).replace("Sensor", "NHS No")) > 0.9


def test_a_meetings_title_then_a_dash_names_whom_it_is_about() -> None:
    assert held(f"SUMMARY:Safeguarding strategy meeting - {N[5]}\nLOCATION:Room 4\n")
    assert not held(f"Join the Teams meeting: {N[5]}\nPasscode: xk29P\n")
