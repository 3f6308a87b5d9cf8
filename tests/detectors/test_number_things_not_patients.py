"""Ten digits that pass Modulus 11 and are still no one's health number, weighed by what they
are: a form's placeholder, part of a link's path, an item of a labelled list with notes between
its items, the value of a data file's key, a Welsh reference, a clinical terminology's code.
Each with the patient case it must not hide."""

from __future__ import annotations

import random

import pytest

from dlpgate import policy
from dlpgate.config import DEFAULT_RULES
from dlpgate.detectors import chi_number, hc_number, nhs_number
from dlpgate.detectors.checksums import verhoeff_valid
from dlpgate.detectors.identifiers import placeholder_digits
from dlpgate.detectors.numbers import classify, sctid_shaped
from dlpgate.types import Action, ParsedMessage, Segment
from tests.detectors.test_number_lists import CTX
from tests.synthetic import nhs_numbers, spaced, with_check

DETECTORS = [m.build(m.DEFAULTS, CTX) for m in (nhs_number, chi_number, hc_number)]
RULES = list(DEFAULT_RULES.values())
N = nhs_numbers(8, seed=4511, prefix_range=(600, 799))


def held(text: str, where: str = "message body", tabular: bool = False) -> bool:
    msg = ParsedMessage(segments=(Segment(text, where, tabular),))
    findings = [f for d in DETECTORS for f in d.detect(msg)]
    return policy.decide(findings, RULES, True)[0] == Action.HOLD


def _sct_nhs_numbers(n: int) -> list[str]:
    """NHS numbers (issued ranges) that are also built as SNOMED CT identifiers."""
    rng = random.Random(45)
    out: list[str] = []
    while len(out) < n:
        head = f"{rng.choice((rng.randint(400, 499), rng.randint(600, 799)))}{rng.randint(0, 9999):04d}"
        for part in ("00", "10"):
            number = with_check(head + part)
            if number and sctid_shaped(number) and number not in out:
                out.append(number)
    return out


S = _sct_nhs_numbers(4)


# --- placeholders -------------------------------------------------------------


@pytest.mark.parametrize("digits", ["0000000000", "4444444444", "9876543210", "6767676767", "2345678901"])
def test_a_placeholders_digits_are_no_ones(digits) -> None:
    assert placeholder_digits(digits)
    assert classify(digits) is None
    for ordinary in ("4526018155", "1234", "123456", "6012345678", "7678767676", N[0]):
        assert not placeholder_digits(ordinary)


@pytest.mark.parametrize("filler", ["000 000 0000", "444 444 4444", "987 654 3210", "7777777777"])
def test_a_templates_filler_under_the_nhs_number_label_is_not_held(filler) -> None:
    form = "Referral form (blank copy)\nPatient name: ________\nNHS Number: {}\nClinic: Dermatology\n"
    assert not held(form.format(filler), "attachment referral_form.docx")
    # ... but a mistyped number there (870: a range no NHS number is issued from) is someone's
    mistyped = next(x for x in (with_check(f"870{i:06d}") for i in range(31, 999)) if x)
    assert held(form.format(spaced(mistyped)), "attachment referral_form.docx")
    assert held(form.format(spaced(N[0])), "attachment referral_form.docx")


# --- links and paths -----------------------------------------------------------


def test_a_number_in_a_path_left_of_a_link_is_weak() -> None:
    # what remains of a link once its tracking parts are cut: the path and its file name
    links = f"https://cdn.example.org/ a f c /media/header_{N[1]}.gif\nhttps://img.example.net/ e b /team/photo_{N[2]}.jpg\n"
    assert not held(links, "message body (html), links")
    # ... but a path that names a patient, and a file name alone, still hold
    assert held(f"/records/patients/{N[3]}/summary\n", "message body (html), links")
    assert held(f"Attached: DOE_JOHN_{N[4]}.pdf\n")
    assert held(f"Letter saved to /shared/clinic/letters/DOE_JOHN_{N[4]}.pdf for sending\n")  # a file's path in a sentence


# --- labelled lists with notes between their items ------------------------------


def test_a_lists_label_governs_items_with_bracketed_notes() -> None:
    assert not held(f"Our refs {N[0]} (boiler), {N[1]} (roof leak)\n")
    assert not held(f"Hello,\n\nRefs:  {N[2]} (lift stuck); {N[3]} (no hot water on level 2)\n\nRegards")
    # ... and a list of health numbers with notes still holds
    assert held(f"NHS numbers {N[0]} (ward 4), {N[1]} (day unit) - bloods outstanding\n")


# --- data files' keys ------------------------------------------------------------


@pytest.mark.parametrize("line", [
    'rosterGroup: "{n}"', "shard_bucket: {n}", 'release-train: "{n}"', "<budgetHolder>{n}</budgetHolder>",
    "renewalCycle: {n}",
])
def test_a_data_files_key_names_its_value(line) -> None:
    config = "service:\n  name: roster-api\n  replicas: 2\n  {}\n  port: 8443\n"
    assert not held(config.format(line.format(n=N[5])), "attachment values.yaml")
    # ... but a key that names a patient's number, or a person, still holds, as do a note's headings
    for key in ('nhsNumber: "{n}"', "patient_id: {n}", 'personIdentifier: "{n}"', "<nhs-number>{n}</nhs-number>",
                "Follow-up: {n}"):
        assert held(config.format(key.format(n=N[6])), "attachment export.yaml")
    assert held(f"Seen in clinic today.\nFollow-up: {N[6]}\nSelf-referral: {N[7]}\n")


def test_a_json_key_naming_a_person_is_no_other_things() -> None:
    assert held('{"subjectIdentifier": "' + N[7] + '", "ward": "Elm"}', "attachment export.json")


# --- Welsh labels -------------------------------------------------------------------


@pytest.mark.parametrize("label", ["rhif cyfrif", "ID y cyfarfod", "rhif y gynhadledd", "cod mynediad", "eich cyfeirnod",
                                   "rhif tocyn", "rhif ffôn"])
def test_welsh_labels_of_other_things(label) -> None:
    assert not held(f"Bore da! Mae'r manylion yma: {label} {N[0]}, am ddeg o'r gloch.\n")
    # ... and the Welsh for the NHS number, or a hospital number, still holds
    for health in ("Rhif GIG", "rhif y GIG", "Rhif GIG y claf", "rhif ysbyty"):
        assert held(f"Bore da! Mae'r manylion yma: {health} {spaced(N[1])}, am ddeg o'r gloch.\n")


def test_the_welsh_nhs_number_label_is_one() -> None:
    assert held(f"Annwyl bawb, mae rhif y GIG {N[2]} ar y llythyr.\n")


# --- clinical terminologies' codes -------------------------------------------------


def test_a_code_list_of_a_terminology_is_no_patient_list() -> None:
    sheet = "system|code|description|type\n" + "".join(
        f"{scheme}|{s}|Made-up preparation {i} 5mg tablets|{kind}\n"
        for i, (s, scheme, kind) in enumerate(zip(S, ("dm+d", "dm+d", "SNOMED CT", "dm+d"), ("VMP", "AMP", "", "VMP"),
                                                  strict=True)))
    assert not held(sheet, "attachment codes.csv", tabular=True)
    assert not held(sheet.replace("|", "\t"))  # pasted as a layout table
    assert not held(f"- {S[0]} Made-up preparation 5mg tablets [dm+d]\n- {S[1]} Other preparation 2mg capsules [dm+d]\n")
    # ... built as SNOMED CT identifiers are (a partition, the Verhoeff check digit), which
    # one NHS number in about 170 is: under an NHS number's label they still hold
    assert all(verhoeff_valid(s) and s[-3:-1] in ("00", "10") for s in S)
    assert not sctid_shaped(next(n for n in N if not verhoeff_valid(n)))
    sheet = "NHS Number|Name|Coded as\n" + "".join(f"{s}|Pat Example {i}|SNOMED 44054006\n" for i, s in enumerate(S))
    assert held(sheet, "attachment list.csv", tabular=True)
    assert held(f"NHS no {S[2]} - SNOMED 44054006 added to the problem list\n")
