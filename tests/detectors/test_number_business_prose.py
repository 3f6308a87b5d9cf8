"""Ten digits that pass a health number's check but are something else by what is written
around them: a book's ISBN, a count, a Unix time in a log or a file name, a consignment's
reference among goods. Each with the patient case it must not hide."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dlpgate.detectors.numbers import analyse, chi_birth_date
from tests.detectors.test_number_other_labels import held
from tests.synthetic import nhs_numbers, spaced, with_check

N = nhs_numbers(4, seed=77, prefix_range=(600, 799))


def chi_like(prefix: str) -> str:
    """The first CHI-valid ten digits starting with ``prefix`` (a date, then serial digits)."""
    for i in range(10 ** (9 - len(prefix))):
        digits = with_check(prefix + str(i).zfill(9 - len(prefix)))
        if digits and chi_birth_date(digits, date(2026, 12, 5)):
            return digits
    raise AssertionError(prefix)


def test_a_book_named_after_its_number_is_a_book() -> None:
    isbn = chi_like("07020")  # an Elsevier ISBN-10: every ISBN-10 passes the same check
    assert not held(f"Could you check stock of {isbn} (Elsevier, 2019)? The catalogue shows it on order.")
    assert held(f"Could you check the notes of {isbn} (Mrs Example, 1949)? She is on the ward.") is held(
        f"Could you check the notes of {isbn}? She is on the ward."
    )


def test_a_text_tables_header_may_hold_digits() -> None:
    isbns = [chi_like("07020"), chi_like("14051")]
    table = "Title                              ISBN-10       Copies\n" + "".join(
        f"{t:<35}{n}    10\n" for t, n in zip(("Surgical Recall", "Lecture Notes"), isbns, strict=True)
    )
    assert not held("For the bookshop pre-order:\n\n" + table)
    assert held("Clinic list:\n\n" + table.replace("ISBN-10", "NHS No ").replace("Copies", "Ward  "))


def test_a_column_of_counts_is_no_health_numbers() -> None:
    table = "Lane   Total reads    Q30 (%)   Yield (Gb)\n" + "".join(
        f"L{i}     {n}     92.1      1.5\n" for i, n in enumerate(N[:2], 1))
    assert not held("Sequencing QC summary for run NV0419:\n\n" + table)


def test_unix_times_in_logs_and_file_names() -> None:
    old = chi_like("16045")  # a 2020 Unix time, a CHI's date too
    assert not held(f"The service account shows a last logon of {old} in your admin console.")
    now = chi_like("17128")
    assert not held(f"Files:\n  activity_summary_{now}.csv   412 KB\n")
    # a CHI with its label, or in a patient's letter, stays one
    assert held(f"CHI {old} - last logon to the patient portal")
    assert analyse(f"Patient: Mrs A Example, {old}, seen in clinic today.").by_scheme["chi_number"][0][1] >= 0.5


def test_unix_times_written_as_software_writes_them() -> None:
    now = chi_like("17121")
    assert not held(f"tree 4b825dc6\nauthor Priya Example <p.example@example.org> {now} +0000\n\n    Fix date picker\n")
    assert not held(f"Shell history from the interface server:\n\n#{now}\nsudo systemctl restart mirth\n")
    assert not held(f"Run `date -d @{now}` to see when the job started.")
    assert not held(f"From ~/.zsh_history:\n\n: {now}:0;sudo systemctl restart mirth-connect\n")
    assert not held(f"fish history:\n- cmd: sudo ./reindex_patients.sh\n  when: {now}\n")
    assert not held(f"The marker file just contains {now}. Run date -r {now} to read it.")
    assert held(f"CHI {now} +0000")  # its label still decides


def _moments(seconds: int) -> list[str]:
    """The moment of a Unix time as logs and alerts print it, in UTC and in zones either side."""
    from datetime import UTC, datetime, timedelta, timezone

    utc = datetime.fromtimestamp(seconds, UTC)
    bst, est = utc.astimezone(timezone(timedelta(hours=1))), utc.astimezone(timezone(timedelta(hours=-5)))
    return [
        bst.strftime("%Y-%m-%d %H:%M:%S"), utc.strftime("%Y-%m-%dT%H:%M:%SZ"), bst.strftime("%d/%m/%Y %H:%M"),
        est.strftime("%m/%d/%y %H:%M").lstrip("0"), est.strftime("%b %d, %Y, %I:%M:%S %p"), utc.strftime("%d %b %Y %H:%M:%S"), bst.strftime("%a %b %d %H:%M:%S BST %Y"),
        (bst - timedelta(seconds=25)).strftime("%Y-%m-%d %H:%M:%S"),  # printed as it was read, a little late or early
    ]


@pytest.mark.parametrize("prefix", ["17127", "16045", "12034"])
def test_a_unix_time_beside_its_own_moment_is_a_time(prefix: str) -> None:
    t = chi_like(prefix)
    for moment in _moments(int(t)):
        # an interface engine's alert, its route's and point's names read as a patient's words ("pt")
        alert = (f"Route: PAS_ADT_to_EPR\nCommunication pt: EPR_MLLP_OUT\n"
                 f"Oldest message: MSG00044381 received {t} ({moment})\n")
        assert not held(alert), moment
        assert not held(f"{moment} [worker-3] job finished, epoch {t}"), moment
        # its label still decides
        assert held(f"CHI {t} ({moment})"), moment
    # a date and a time beside it that are another moment leave it to the words around it
    assert held(f"Patient seen {t} on 03/02/2019 at 10:15 in clinic")


def test_a_zone_offset_or_a_time_after_a_labelled_chi_leaves_it_a_chi() -> None:
    """A zone offset after a Unix time is git's and a log's; after a number a patient's label
    names, it is a time of day written beside it."""
    now, old = chi_like("17121"), chi_like("15038")
    for label in ("CHI", "CHI:", "Hospital number", "Patient"):
        for after in (" -0930", " - 09:30", " +0100"):
            assert held(f"{label} {now}{after}"), (label, after)
            assert held(f"{label} {old}{after}"), (label, after)
    assert not held(f"{now} -0930")
    assert not held(f"commit 4b825dc6\nauthor Priya Example <p.example@example.org> {now} -0930\n\n    Fix\n")


def test_a_column_headed_with_a_unit_holds_quantities() -> None:
    table = "Server        Status   Transferred (bytes)   Duration\n" + "".join(
        f"FS0{i}          OK       {n}            01:12:44\n" for i, n in enumerate(N[:2], 1))
    assert not held("Backup job report:\n\n" + table)
    assert held("Clinic list:\n\n" + table.replace("Transferred (bytes)", "NHS number         "))
    assert not held(f"DISMAN-EVENT-MIB::sysUpTimeInstance = Timeticks: ({N[0]}) 497 days, 1:33:12.34")


def test_a_links_key_or_path_names_the_number_in_it() -> None:
    assert held(f"<https://track.example.org/open.gif?nhs={N[0]}&c=breastscreen>")
    assert held(f"https://records.example.org/api/patients/{N[1]}/summary")
    assert not held(f"https://shop.example.org/open.gif?order={N[0]}&c=stationery")
    assert held(f"https://api.example.com/v2/patients/by-nhs-number/{N[2]}/appointments")
    # a key or a path that only holds the letters of one: a jobs board's, a leaflet's, an offer's category
    assert not held(f"https://www.jobs.example.co.uk/apply?nhsjobs={N[0]}&utm_source=email")
    assert not held(f"https://leaflets.example.org/library/item?patientInfoLeafletId={N[1]}")
    assert not held(f"https://staffbenefits.example.co.uk/offers/nhs/{N[2]}")


@pytest.mark.parametrize("query", [
    "?idType=NHS&id={n}",
    "?identifierType=nhs_number&value={n}", "?type=nhs_number&value={n}", "?idType=H%26C&id={n}",
    "?id={n}&id_type=NHS",  # the kind after the value
    "?system=https://fhir.nhs.uk/Id/nhs-number&identifier={n}",
    "?system=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number&identifier={n}",
    "?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C{n}",  # a FHIR token search, encoded
    "?hc={n}", "?ris_pat_id={n}", "?patid={n}", "?pas_id={n}",
    "?q=nhs%3A{n}", "?search=NHS{n}", "?q=nhs+number+{n}",
])
def test_a_query_names_its_value_by_another_parameter_or_its_own_words(query) -> None:
    assert held(f"https://portal.example.nhs.uk/lookup{query.format(n=N[0])}")


def test_a_form_posts_its_values_kind_beside_it() -> None:
    assert held(f"Request body: idType=NHS&id={N[1]}&submit=Go")
    assert not held(f"Request body: idType=order&id={N[1]}&submit=Go")


@pytest.mark.parametrize("query", [
    "?type=order&id={n}", "?idType=invoice&id={n}", "?identifierType=sku&value={n}",
    "?utm_source=nhs&id={n}",  # the campaign's source, not the value's kind
    "?type=nhs&id={n}",  # an offer's category: a bare "NHS" names a value's kind only under an identifier's
    "?type=NHS&orderId={n}",  # the value's own key names another thing
    "?q=order%3A{n}", "?search=SKU{n}",
])
def test_a_query_that_names_another_kind_is_a_link(query) -> None:
    assert not held(f"https://shop.example.com/view{query.format(n=N[0])}")


@pytest.mark.parametrize(
    "sentence",
    [
        "Re {n} - the delivery yesterday was short by 2 cartons (we received 6 of 8).",
        "Two of the laptops you collected were not on the manifest: {n}. Please add them.",
        "The ledger balance figure in the draft (pence): {n}. Does it tie to your working papers?",
    ],
)
def test_goods_kit_and_ledgers_in_the_numbers_clause(sentence) -> None:
    assert not held(sentence.format(n=N[0]))
    assert held(f"NHS number {N[0]}. " + sentence.format(n="the order"))  # its label still decides


def valid_numbers(n: int) -> list[str]:
    return nhs_numbers(n, seed=5, prefix_range=(600, 799))


def test_a_reports_title_lines_come_before_its_header_row() -> None:
    # Every number passes the check (a scheme with a mod-11 check digit of its own): only the
    # header says what they are, and the report's title lines come first.
    rows = "".join(f"{n}\t13/10/2026\tOwens & Minor\t492.77\n" for n in valid_numbers(12))
    titles = "Accounts Payable - paid invoices\nRun date: 09-Nov-2026\n"
    assert not held(titles + "Invoice Number\tDate\tSupplier\tAmount\n" + rows, tabular=True)
    assert held(titles + "NHS Number\tDate\tClinic\tAmount\n" + rows, tabular=True)
    csv = rows.replace("\t", ";")
    assert not held(titles + "Invoice Number;Date;Supplier;Amount\n" + csv, tabular=True)


def test_a_text_tables_header_reaches_every_row() -> None:
    rows = "".join(f"{n}    03/10/2026    Bunzl Healthcare    622.16\n" for n in valid_numbers(60))
    assert not held("Invoices on hold:\n\nInvoice No    Date          Supplier            Amount\n" + rows)
    assert held("Clinic list:\n\nNHS No        Date          Clinic              Amount\n" + rows)


@pytest.mark.parametrize(
    "sentence",
    ["For your pension, please call NHS Pensions on {n} (lines open 8-6).",
     "You'll need to ring HMRC about that - they're on {n}, lines open 8-6.",
     "Could you phone the ward manager on {n} before Friday?"],
)
def test_a_clause_that_calls_someone_on_a_number_names_a_phone(sentence) -> None:
    n = spaced(N[2])
    assert not held(sentence.format(n=n))
    assert held(f"Call the ward about Mrs Example, her NHS number on {n}.")  # a health number's label in it


def test_a_chi_whose_leading_zero_a_spreadsheet_dropped_is_read_after_its_label() -> None:
    chi = chi_like("0403")  # born on the 4th: a spreadsheet keeps 403..., nine digits
    assert held(f"Row 212 in the stroke audit file - CHI {chi[1:]} (Excel ate the leading zero), Mrs Janet Example")
    assert not held(f"Row 212 in the stroke audit file - order {chi[1:]} for Mrs Janet Example")


@pytest.mark.parametrize("written", [lambda t: t, lambda t: f"{t[:6]} {t[6:]}"], ids=["together", "apart"])
def test_a_logs_ddmmyyhhmm_times_are_times(written: Callable[[str], str]) -> None:
    # a log's DDMMYYHHMM times, together ("0412260905") or with the date and the time apart
    # ("041226 0905", as print servers write them)
    times = sorted(chi_like(f"041226{hhmm}") for hhmm in ("09", "10", "13", "16"))  # 4 Dec 26, 09:xx, 10:xx...
    log = "Error log from the printer (device time):\n\n" + "".join(f"{written(t)}  ERR 0x4F21 fuser over-temp\n" for t in times)
    assert not held(log)
    # babies born on one day, numbered as their CHIs are: not in a clock's order
    babies = "Postnatal ward, babies born today:\n\n" + "".join(
        f"{written(t)}  Baby of Example {i}, born 04/12/26\n" for i, t in enumerate(reversed(times)))
    assert held(babies)


def test_a_title_after_a_number_is_no_unit() -> None:
    # "ms" after a number is milliseconds; "Ms" before a name is whose number it is
    assert held(f"Referral {spaced(N[0])} Ms T Example.pdf")
    assert held(f"Referral {N[0]} MS Jane Example")
    assert not held(f"Query took {N[0]} ms on the replica")


def test_a_framework_call_off_is_an_order() -> None:
    assert not held(f"Same as framework call-off {N[1]} - check with procurement")
    assert not held(f"Call-off order: {N[1]}")
    assert held(f"Same as the referral for {N[1]} - check with the clinic")


def test_a_record_written_with_bars_is_no_terminology_code() -> None:
    n = N[3]
    assert held(f"Hi Jen,\n\nHazel Example | {n} | 29/05/1936 | COPD review\n")
    assert not held(f"SNOMED: {n} |Moderate frailty (finding)|")
    # concepts one after another on a line, as an HTML body renders a list
    assert not held(f"Refset: 4102213007 |Moderate frailty (finding)| {n} |Severe frailty (finding)|")


@pytest.mark.parametrize(
    "sentence",
    [
        "Site: Example General Hospital, Hospital Road\nUPRN: {n}\nTitle number: MAN123456",
        "Vaccine fridge 3 alarmed at 02:14 - logger {n} shows 9.1C for 22 minutes.",
        "Folio {n} shows 4 nights but the PO was raised for 3.",
        "The loan kit went back yesterday with DHL, it's {n}. Should be with you tomorrow.",
        "Bootstrap seed used: {n}",
        "The Home Office reference for your Health and Care visa is {n}.",
        "{n} is your confirmation number for the Dementia Friends session.",
        "Virtual meeting room: {n}\nHost PIN: not required",
        "Our insurer's claim ref is (\u201c{n}\u201d) for the flood damage in the plant room.",
        "The worst was patient monitor {n} on CCU (earth bond).",
        "The Tai Chi sessions have moved to a new Zoom room: Tai Chi {n}, passcode balance.",
        "User name: {n}\nTemporary password: issued via text",
        "Files: QC_papers_March.pdf (14.2 MB)\nAccess key: {n}\nExpires: 26 March",
        "The overnight import failed again (job 7, run {n}) with a duplicate key.",
        "Our contract number for the service is {n}; pharmacy ODS FA123.",
    ],
)
def test_what_else_a_bare_ten_digits_are(sentence) -> None:
    """Carriers, bookings, property, devices, logins: the number's own clause says what it is."""
    assert not held(sentence.format(n=N[1]))
    assert held(f"NHS number {N[1]}. " + sentence.format(n="the booking"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The replacement actuator for the bed frames is Pt No. {n}, \u00a3184.00 + VAT each.",
        "40 x bariatric commodes to Ward 9 were receipted on Oracle yesterday (MRN {n}).",
    ],
)
def test_a_patient_labels_words_in_a_clause_of_trade(sentence) -> None:
    assert not held(sentence.format(n=N[2]))
    # a patient's label still counts beside a phone number or where no trade is spoken of
    assert held(f"Pt No. {N[2]}, tel 0161 496 0000, seen in clinic today.")
    assert held(f"Mrs Example (MRN {N[2]}) was admitted yesterday.")


def test_decimals_are_no_list_numbers() -> None:
    """A coordinate's or a reading's decimals ("53.4882209063") are no ten digits of their
    own; a list's number first on its line ("12.4882209063") is."""
    n = N[3]
    assert not held(f"Bay A: 53.{n}, -1.7528192260\nBay B: 53.7351508852, -1.6381982519")
    assert not held(f"harsh braking  05/12 08:14  Loc 53.{n} , -2.7943956729")
    assert held(f"Patients:\n12.{n}\n")
    assert held(f"NHS numbers:\n  3.{n}\n")


def test_an_identifiers_system_names_its_value() -> None:
    """FHIR writes what an identifier is as its system, before the value."""
    order = '{"identifier": [{"system": "https://fhir.supplier.example.com/Id/order-number",\n  "value": "%s"}]}'
    nhs = '{"identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number",\n  "value": "%s"}]}'
    xml = '<identifier><system value="https://fhir.nhs.uk/Id/nhs-number"/><value value="%s"/></identifier>'
    assert not held(order % N[0])
    assert held(nhs % N[0])
    assert held(xml % N[0])


def test_a_column_of_amounts_is_no_health_numbers() -> None:
    """A header that names money ("NHS funding (£)") heads amounts, whatever else it names."""
    sheet = f"Provider\tNHS funding (£)\tLocal authority (£)\nExample Hospitals NHS Trust\t{N[2]}\t87868767\n"
    assert not held(sheet, tabular=True)
    assert held(sheet.replace("NHS funding (£)", "NHS number"), tabular=True)


def test_a_generic_headers_column_is_what_its_values_are() -> None:
    """"Ref" over a column nearly all of whose values pass the check, beside a clinic's
    columns, heads patients' numbers; beside amounts, or over one number, a ledger's."""
    numbers = nhs_numbers(6, seed=31, prefix_range=(600, 799))
    clinic = "Ref,Clinic,Date,Time\n" + "".join(f"{n},Diabetes Review,16/12/2026,10:00\n" for n in numbers)
    assert held(clinic, tabular=True)
    ledger = "Ref,Date,Net,VAT,Gross\n" + "".join(f"{n},22/10/2026,3314.04,662.81,3976.85\n" for n in numbers)
    assert not held(ledger, tabular=True)
    assert not held(f"Ref,Clinic,Date\n{numbers[0]},Diabetes Review,16/12/2026\n", tabular=True)
    text = "Friday list:\n\nRef          Name                     Age  Clinic\n" + "".join(
        f"{n}   Ella Example             49   Urology New\n" for n in numbers)
    assert held(text)


def test_a_pivot_tables_row_labels() -> None:
    """A pivot pasted as values: its caption ("Count of Attendance  Column Labels") is above
    the header row ("Row Labels ..."), whose first column holds the patients' numbers."""
    numbers = nhs_numbers(6, seed=41, prefix_range=(600, 799))
    pivot = "Count of Attendance\tColumn Labels\nRow Labels\tED\tUTC\tGrand Total\n" + "".join(
        f"{n}\t7\t2\t9\n" for n in numbers)
    assert held(pivot, tabular=True)


@pytest.mark.parametrize("link", [
    "https://viewer.example-trust.nhs.uk/record/{n}",
    "https://results.example-trust.nhs.uk/Results/View?pid={n}&dept=HAEM",
    "https://epr.example.nhs.net/chart/{n}/summary",
    "https://portal.example.nhs.scot/view?recordId={n}",
])
def test_a_records_path_or_key_on_a_health_services_host_names_a_patients_number(link) -> None:
    assert held(f"Paul - here's the record for the gentleman we discussed:\n{link.format(n=N[0])}\nLin")


def test_a_records_path_off_a_health_services_host_needs_words_about_a_patient() -> None:
    assert held(f"Discharge summary for the patient: https://portal.example-clinic.co.uk/records/{N[1]}")
    assert not held(f"Minutes are filed at https://portal.example.co.uk/records/{N[1]}")
    assert not held(f"Well done all: https://www.racetimes.example.com/results/{N[1]}")


@pytest.mark.parametrize("link", [
    "https://viewer.example-trust.nhs.uk/order/{n}",
    "https://supplies.example.com/order/{n}",
    "https://track.example.com/track/{n}",
    "https://helpdesk.example-trust.nhs.uk/view?ticket={n}",
    "https://finance.example.com/invoice/{n}",
    "https://shop.example.com/item?pid={n}",  # a product's: "pid" names a patient only on a health service's host
    "https://nhs.zoom.us/j/{n}?pwd=Ab12",
    "https://twitter.com/NHSEngland/status/{n}",
    "https://www.bbc.co.uk/news/health-{n}",
    "https://viewer.example-trust.nhs.uk/records/{n}.pdf",
])
def test_other_things_links_stay_links_beside_patient_words(link) -> None:
    assert not held(f"For the patient's clinic: {link.format(n=N[2])}")
