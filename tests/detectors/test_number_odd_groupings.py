"""Health numbers grouped other than 3-3-4: counted right after a health-number label, never bare.

Staff copy numbers from forms with a box per digit, from systems that group them
4-3-3 or 5-5, or retype them with a space in the wrong place. With "NHS No:"
(or a CHI or H&C label) right before, any grouping of the ten digits is the
number; without it, the same groupings are phone numbers and references, and
stay out. Every number is synthetic and passes the checks of its scheme.
"""

from __future__ import annotations

import itertools
from itertools import combinations
from pathlib import Path

import pytest

from dlpgate import policy
from dlpgate.config import DEFAULT_RULES
from dlpgate.detectors import chi_number, hc_number, nhs_number, numbers
from dlpgate.types import Action, DetectorContext, ParsedMessage, Segment
from tests.synthetic import with_check

CTX = DetectorContext(config_dir=str(Path(__file__).resolve().parents[2] / "dlpgate" / "data"))
DETECTORS = [m.build(m.DEFAULTS, CTX) for m in (nhs_number, chi_number, hc_number)]
RULES = list(DEFAULT_RULES.values())


def first_valid(prefix: str) -> str:
    i = 0
    while True:
        n = with_check(prefix + str(i).zfill(9 - len(prefix)))
        if n:
            return n
        i += 1


NHS = first_valid("47639")
HCN = first_valid("3551")
CHI = first_valid("150387")


def held(text: str) -> bool:
    found = [f for d in DETECTORS for f in d.detect(ParsedMessage(segments=(Segment(text, "message body"),)))]
    return policy.decide(found, RULES, True)[0] == Action.HOLD


def groupings(digits: str):
    """Every way of cutting ten digits into two to ten groups."""
    for k in range(1, 10):
        for cuts in combinations(range(1, 10), k):
            bounds = (0, *cuts, 10)
            yield [digits[a:b] for a, b in itertools.pairwise(bounds)]


ALL = list(groupings(NHS))
SEPARATORS = [" ", "-", "\u00a0", "\u2013", " | ", "|", ".", "  "]


def test_every_grouping_after_an_nhs_label_is_held() -> None:
    assert len(ALL) == 511
    missed = [sep.join(groups) for sep in (" ", "-") for groups in ALL if not held(f"NHS No: {sep.join(groups)}")]
    assert not missed, missed[:10]


@pytest.mark.parametrize("sep", SEPARATORS)
@pytest.mark.parametrize(
    "label", ["NHS number", "NHS No:", "N.H.S. no.", "nhs#", "NHS number is", "NHS Number |", "Patient NHS no"]
)
def test_odd_groupings_after_each_label_and_separator(label: str, sep: str) -> None:
    for groups in ([NHS[:4], NHS[4:7], NHS[7:]], [NHS[:5], NHS[5:]], list(NHS)):
        assert held(f"{label} {sep.join(groups)} (seen today)"), (label, sep, groups)


def test_digit_boxes_from_a_form() -> None:
    assert held(f"NHS Number |{'|'.join(NHS)}|")
    assert held(f"NHS Number: [ {' '.join(NHS)} ]")


def test_a_label_earlier_on_the_line() -> None:
    assert held(f"NHS number for Mrs Example: {NHS[:4]} {NHS[4:7]} {NHS[7:]}")


def test_a_label_on_the_line_before() -> None:
    assert held(f"NHS number:\n{NHS[:4]} {NHS[4:7]} {NHS[7:]}\n")
    assert held(f"Patient details\nNHS No\n  {' '.join(NHS)}")


def test_a_label_right_after_the_number() -> None:
    four_three_three = f"{NHS[:4]} {NHS[4:7]} {NHS[7:]}"
    assert held(f"Mrs Yvonne Example - {four_three_three} is her NHS number - needs transport on Friday.")
    assert held(f"Mr Example {four_three_three} (NHS no) for the clinic")
    assert held(f"{NHS[:5]}-{NHS[5:]} was the patient's NHS number")
    assert held(f"{HCN[:4]} {HCN[4:7]} {HCN[7:]} is his H&C number")
    # not its own name after it ("NHS Trust"), nor a number of more digits, nor a failing check digit
    assert not held(f"Call {four_three_three} - NHS Direct")
    assert not held(f"Mr Example 1 {four_three_three} is his NHS number")
    assert not held(f"Mr Example {NHS[:4]} {NHS[4:7]} {int(NHS[7:]) + 1:03d} is his NHS number")


def test_a_label_line_ending_in_a_colon_above_the_number() -> None:
    four_three_three = f"{NHS[:4]} {NHS[4:7]} {NHS[7:]}"
    assert held(f"Hi,\n\nNHS number for the patient below (Mr Lewis Example):\n\n{four_three_three}\n\nKind regards")
    assert held(f"CHI number of the lady we discussed:\n{CHI[:2]} {CHI[2:4]} {CHI[4:6]} {CHI[6:]}\n")
    # a line that names no health number, or one without its colon
    assert not held(f"Example NHS Trust, invoices below:\n\n{four_three_three}\n")
    assert not held(f"NHS number for the patient below\n{four_three_three}\n")


def test_chi_and_hc_labels() -> None:
    assert held(f"CHI: {CHI[:2]} {CHI[2:4]} {CHI[4:6]} {CHI[6:]}")
    assert held(f"H&C number {HCN[:4]} {HCN[4:7]} {HCN[7:]}")
    assert held(f"HCN {' '.join(HCN)}")


@pytest.mark.parametrize("groups", [g for g in ALL if len(g) > 1 and [len(x) for x in g] not in ([3, 3, 4], [6, 4])][::7])
def test_odd_groupings_without_a_label_are_not_held(groups: list[str]) -> None:
    for text in (" ".join(groups), f"Please call {'-'.join(groups)} today", f"see {' '.join(groups)}."):
        assert not held(text), text


@pytest.mark.parametrize(
    "text",
    [
        f"NHS Direct tel {NHS[:4]} {NHS[4:7]} {NHS[7:]}",  # a phone cue between label and number
        f"NHS Trust invoice ref {NHS[:4]} {NHS[4:7]} {NHS[7:]}",  # another identifier's label
        f"NHS Jobs reference: {NHS[:5]} {NHS[5:]}",
        f"NHS number {NHS[:4]} {NHS[4:7]} {NHS[7:]} 12",  # more digits: not ten
        f"NHS number {NHS[:4]} {NHS[4:7]} {NHS[7:]}7",
        f"NHS number 1 {NHS[:4]} {NHS[4:7]} {NHS[7:]}",
        f"Example NHS Trust\n{NHS[:4]} {NHS[4:7]} {NHS[7:]}\n",  # a line before that is more than a label
        f"NHS number\n\n{NHS[:4]} {NHS[4:7]} {NHS[7:]}\n",  # two lines down
        f"NHS 2024/25: {NHS[:4]} {NHS[4:7]} {NHS[7:]}",  # the digits after the label are another number
        f"Example NHS Foundation Trust {'x' * 30} {NHS[:4]} {NHS[4:7]} {NHS[7:]}",  # too far from it
        f"NHS number {NHS[:4]} {NHS[4:7]} {int(NHS[7:]) + 1:03d}",  # wrong check digit
        f"NHS Direct +44 {NHS[:4]} {NHS[4:]}",  # a dialling prefix
    ],
)
def test_traps_after_a_label_are_not_held(text: str) -> None:
    assert not held(text), text


def test_the_console_highlights_a_labelled_odd_grouping_only() -> None:
    text = f"NHS No: {NHS[:4]} {NHS[4:7]} {NHS[7:]}; tel {NHS[:4]} {NHS[4:]}"
    found = numbers.find_candidates(text)
    assert [(c.start, c.form) for c in found] == [(8, numbers.ODD)]


def test_a_lone_surrogate_does_not_stop_the_label_search() -> None:
    text = f"\udd19 NHS number {NHS[:4]} {NHS[4:7]} {NHS[7:]}"
    assert [c[3] for c in numbers.scan_all(text)] == [numbers.ODD]
    assert held(text)


def test_a_form_with_a_box_per_digit_in_an_html_mail_is_held() -> None:
    from email.message import EmailMessage

    from dlpgate import pipeline
    from tests.realmail.harness import ENVELOPE, engine

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "staff@example-trust.nhs.uk", "someone@partner.example.org", "Form"
    msg.set_content("See the form below.")
    boxes = "".join(f'<td style="border:1px solid">{d}</td>' for d in NHS)
    msg.add_alternative(f"<table><tr><td>NHS Number:</td>{boxes}</tr></table>", subtype="html")
    verdict = pipeline.inspect(msg.as_bytes(), ENVELOPE, engine())
    assert verdict.action == Action.HOLD
    assert {(f.kind, f.where) for f in verdict.findings} == {("nhs_number", "message body (html)")}


def test_groupings_the_candidate_pattern_reads_become_odd_only_where_their_scheme_is_not_written_so() -> None:
    forms = {
        f"NHS number for Mrs A: {NHS[:3]} {NHS[3:]}": numbers.ODD,  # 3-7
        f"NHS number for Mrs A: {NHS[:6]} {NHS[6:]}": numbers.ODD,  # an NHS number as 6-4
        f"CHI number for Mrs A: {CHI[:6]} {CHI[6:]}": numbers.DATE_FIRST,  # how a CHI number is written
        f"NHS number for Mrs A: {NHS[:3]} {NHS[3:6]} {NHS[6:]}": numbers.GROUPED,
    }
    for text, form in forms.items():
        assert [c[3] for c in numbers.scan_all(text)] == [form], text
        assert held(text), text


def test_columns_of_figures_are_not_a_number_unless_labelled() -> None:
    # wc's output and other reports line figures up in columns, four or more spaces apart.
    chi = first_valid("131131")
    assert not held(f"[~] wc Mail/.folders\n    {chi[:3]}     {chi[3:6]}    {chi[6:]} Mail/.folders\n")
    assert not held(f"total    {NHS[:3]}    {NHS[3:6]}    {NHS[6:]}")
    assert [c[3] for c in numbers.scan_all(f"x {NHS[:3]}     {NHS[3:6]} {NHS[6:]}")] == [numbers.WIDE]
    assert held(f"NHS number: {NHS[:3]}    {NHS[3:6]}    {NHS[6:]}")
    assert held(f"NHS number {NHS[:3]}   {NHS[3:6]}   {NHS[6:]}")  # three spaces: still a grouping
    assert held(f"Please check {NHS[:3]}   {NHS[3:6]}   {NHS[6:]}")


def test_six_digits_a_dot_and_four_are_a_decimal_unless_labelled() -> None:
    chi = first_valid("100670")
    assert not held(f"Dear Computer User {chi[:6]}.{chi[6:]} ,")
    assert not held(f"total {chi[:6]}.{chi[6:]} GBP")
    assert [c[3] for c in numbers.scan_all(f"x {chi[:6]}.{chi[6:]}")] == [numbers.DECIMAL]
    assert held(f"CHI: {chi[:6]}.{chi[6:]}")
    assert held(f"CHI: {chi[:6]} {chi[6:]}") and held(f"Patient {chi[:6]}-{chi[6:]}")


def tabular_held(text: str) -> bool:
    found = [f for d in DETECTORS for f in d.detect(ParsedMessage(segments=(Segment(text, "attachment a.csv", True),)))]
    return policy.decide(found, RULES, True)[0] == Action.HOLD


@pytest.mark.parametrize(
    "cell",
    [f"{NHS[:4]} {NHS[4:7]} {NHS[7:]}", f'"{NHS[0]},{NHS[1:4]},{NHS[4:7]},{NHS[7:]}"', f"{NHS[:5]} {NHS[5:]}"],
    ids=["4-3-3", "thousands separators", "5-5"],
)
def test_a_column_headed_by_a_health_number_label_reads_its_cells_in_any_grouping(cell: str) -> None:
    # as after the label itself: the header stands before every cell of its column
    assert tabular_held(f"Name,NHS Number,Clinic\nJane Roe,{cell},Diabetes\n")
    assert not tabular_held(f"Name,Order,Clinic\nJane Roe,{cell},Diabetes\n")


def test_a_forms_digit_boxes_read_a_digit_a_line_are_read_after_their_label() -> None:
    # PDF text gives each box of a form on a line of its own
    boxes = "\n".join(NHS)
    assert held(f"NHS No\n{boxes}\nReason for referral: knee pain")
    assert held(f"Patient: Jack Evans   NHS number\n{boxes}\n")
    assert not held(f"Ward list\n{boxes}\n")  # no label: a column of digits


@pytest.mark.parametrize("sep", [",", "\u00b7", "\u2022", ":", "|", " | ", "\t|\t", "'", "\\-", "\u3002", "\u30fb", "\u30fc"],
                         ids=["comma", "middle dot", "bullet", "colon", "bar", "spaced bar", "bar between tabs",
                              "Swiss apostrophe", "Markdown-escaped hyphen", "ideographic full stop",
                              "katakana middle dot", "katakana long vowel mark"])
def test_separators_only_a_label_vouches_for(sep: str) -> None:
    # a number format's thousands separators, a middle dot or a bullet typed between groups
    assert held(f"NHS No: {sep.join((NHS[:3], NHS[3:6], NHS[6:]))}")
    assert held(f"NHS number {sep.join((NHS[0], NHS[1:4], NHS[4:7], NHS[7:]))}")
    assert not held(f"Total {sep.join((NHS[:3], NHS[3:6], NHS[6:]))}")


def test_thousands_separators_need_the_label_right_before() -> None:
    money = f"{NHS[0]},{NHS[1:4]},{NHS[4:7]},{NHS[7:]}"
    assert held(f"NHS number: {money}")
    assert not held(f"NHS England's allocation this year: {money}")


def ocr(digits: str) -> str:
    """The number as OCR reads a fax: every 1 an "l", the first 0 an "O"."""
    return digits.replace("1", "l").replace("0", "O", 1)


NHS_ONES = first_valid("470187")  # 470 187 ...: ones and a zero for OCR to misread
CHI_LEAD = first_valid("010185")  # a CHI of the 1st: it starts with 0


@pytest.mark.parametrize("text", [
    f"NHS No: {NHS_ONES[:3]} {ocr(NHS_ONES[3:6])} {ocr(NHS_ONES[6:])}",  # lower-case l for 1
    f"NHS number {NHS_ONES.replace('1', 'I')}",  # capital I for 1
    f"NHS No: {ocr(NHS_ONES[:3])} {NHS_ONES[3:6]} {NHS_ONES[6:]}",  # O for 0
    f"NHS No: {NHS_ONES[:2]}o {NHS_ONES[3:6]} {NHS_ONES[6:]}",  # o for 0
    f"REFERRAL\nNHS No:\n{ocr(NHS_ONES[:3])} {ocr(NHS_ONES[3:6])} {ocr(NHS_ONES[6:])}\nHx: asthma",  # the label the line above
    f"CHI: O{CHI_LEAD[1:6]} {CHI_LEAD[6:]}",  # a CHI's leading 0 read as O
], ids=["l for 1", "I for 1", "O for 0", "o for 0", "label the line above", "CHI leading O"])
def test_letters_for_digits_right_after_a_health_number_label_are_those_digits(text: str) -> None:
    # a faxed referral run through OCR, a number retyped from it
    assert held(text), text


@pytest.mark.parametrize("text", [
    f"Ref: {NHS_ONES[:3]} {ocr(NHS_ONES[3:6])} {ocr(NHS_ONES[6:])}",  # no health label
    f"Invoice No: {NHS_ONES[:3]} {ocr(NHS_ONES[3:6])} {ocr(NHS_ONES[6:])}",
    f"{NHS_ONES[:3]} {ocr(NHS_ONES[3:6])} {ocr(NHS_ONES[6:])} per the fax",
    f"NHS number for Mrs A: {NHS_ONES[:3]} {ocr(NHS_ONES[3:6])} {ocr(NHS_ONES[6:])}",  # the label not right before
    "NHS No: lol", "NHS No: lOl lIl OOlO", "NHS No: I looked it up", "NHS number: lOOl Ol0 O1l",
    f"NHS No: {NHS_ONES[:3]} {ocr(NHS_ONES[3:6])} {ocr(NHS_ONES[6:])}l",  # eleven: glued to more
    f"NHS No: {NHS_ONES[:3]} {ocr(NHS_ONES[3:6])} {ocr(NHS_ONES[6:-1])}{(int(NHS_ONES[-1]) + 1) % 10}",  # check digit
])
def test_letters_for_digits_without_the_label_right_before_are_no_number(text: str) -> None:
    assert not held(text), text


RARE = first_valid("458258")  # 5s, 8s and a 2 for OCR to read as S, B and Z
CHI_ONES = first_valid("110385")  # a CHI of 11/03/85
HC_FIVES = first_valid("3552")


@pytest.mark.parametrize("text", [
    f"NHS No: {RARE[:3].replace('5', 'S')} {RARE[3:6].replace('5', 'S')} {RARE[6:]}",  # S for 5, 3-3-4
    f"NHS No {RARE.replace('8', 'B')}",  # B for 8, ten together
    f"NHS number: {RARE.replace('2', 'Z')}",  # Z for 2
    f"NHS No: {first_valid('410')[:1]}i{first_valid('410')[2:3]} {first_valid('410')[3:6]} {first_valid('410')[6:]}",
    f"CHl No: {ocr(CHI_ONES)}",  # the label OCR'd too: l for I
    f"CH1 number: {ocr(CHI_ONES)}",
    f"NHS N0: {RARE[:3].replace('5', 'S')} {RARE[3:6]} {RARE[6:]}",  # 0 for o in the label
    f"H&C N0: {HC_FIVES[:3].replace('5', 'S')} {HC_FIVES[3:6]} {HC_FIVES[6:]}",
], ids=["S for 5", "B for 8", "Z for 2", "i for 1", "CHl No", "CH1 number", "NHS N0", "H&C N0"])
def test_rarer_letters_for_digits_and_an_ocr_label_read_in_the_numbers_grouping(text: str) -> None:
    # a scanned referral's text layer: the number's digits and its label both misread
    assert held(text), text


@pytest.mark.parametrize("text", [
    f"NHS No: SB{first_valid('58')[2:]}",  # two letters leading: a reference's prefix
    f"NHS No: {RARE[:4].replace('5', 'S')} {RARE[4:7].replace('5', 'S')} {RARE[7:]}",  # not its grouping
    f"Ref: {RARE[:3].replace('5', 'S')} {RARE[3:6].replace('5', 'S')} {RARE[6:]}",  # no health label
    f"Order No: {RARE.replace('8', 'B')}",
    f"NHS No: {RARE[:3].replace('5', 'S')} {RARE[3:6]} {RARE[6:-1]}{(int(RARE[-1]) + 1) % 10}",  # check digit
    f"CHl No: {ocr(CHI_ONES[:-1])}{(int(CHI_ONES[-1]) + 1) % 10}",
    f"Chl: {RARE[:3].replace('5', 'S')} {RARE[3:6]} {RARE[6:]}",  # a damaged name without its "No"
    "NHS No: to follow. Order code AB1234567, Sheffield S4 9QP, tel 0114 496 0000",  # a code, a postcode
    "NHS No: see below\nCatalogue: SB 2258 9901 / Z8 5521",
])
def test_look_alike_references_and_postcodes_are_no_number(text: str) -> None:
    assert not held(text), text


def test_a_layout_table_in_a_message_reads_its_health_number_column_in_any_grouping() -> None:
    # an Outlook HTML table rendered as text (tabs between cells), French Excel's grouping
    fr = f"{NHS[0]}\u00a0{NHS[1:4]}\u00a0{NHS[4:7]}\u00a0{NHS[7:]}"
    table = "Bonjour,\nNom\tPr\u00e9nom\t{head}\tDiagnostic\nDubois\tMarc\t{cell}\tInsuffisance cardiaque\nCordialement\n"
    for cell in (fr, f"{NHS[:4]} {NHS[4:7]} {NHS[7:]}", f"{NHS[0]},{NHS[1:4]},{NHS[4:7]},{NHS[7:]}"):
        assert held(table.format(head="NHS Number", cell=cell)), cell
        assert not held(table.format(head="Commande", cell=cell)), cell  # an order's column
        assert not held(table.format(head="Total", cell=cell)), cell
    aligned = f"Name          CHI              Clinic\nJane Roe      {CHI[0]} {CHI[1:4]} {CHI[4:7]} {CHI[7:]}    Diabetes\n"
    assert held(aligned)
    assert not held(aligned.replace("CHI", "Ref"))
    # under a blank line the rows are another table's; a sentence naming the NHS heads nothing
    assert not held(f"Name\tNHS Number\nJane Roe\t\n\nRegion\tAmount\nNorth\t{NHS[0]},{NHS[1:4]},{NHS[4:7]},{NHS[7:]}\n")
    assert not held(f"The NHS  budget this year:\n\t{NHS[0]},{NHS[1:4]},{NHS[4:7]},{NHS[7:]}\n")


def test_a_number_split_over_cells_under_its_headers_parts_is_one_number() -> None:
    # a Microsoft Forms export: the number asked for in three boxes
    head = '"ID","Initials","{h} (first 3 digits)","{h} (middle 3 digits)","{h} (last 4 digits)","Reason"\n'
    row = f'1,"IT","{NHS[:3]}","{NHS[3:6]}","{NHS[6:]}","Low mood"\n'
    assert tabular_held(head.format(h="NHS number") + row)
    assert tabular_held(head.format(h="NHS number").replace('"', "") + row.replace('"', ""))  # unquoted
    assert not tabular_held(head.format(h="Order number") + row)  # an order's number in parts
    assert not tabular_held(head.format(h="Phone") + row)
    # the parts must make ten digits: two numbers in neighbouring columns are two
    pair = f"Name,NHS number,NHS number (mother)\nBaby Roe,{NHS[:5]},{NHS[5:]}0\n"
    assert not tabular_held(pair)


def test_a_number_split_over_cells_under_one_merged_header_is_one_number() -> None:
    # an RTF or Word table as text: the header's cell merged over the three the number is typed in
    table = f"Name|{{head}}|||Outcome|\nLinda Example|{NHS[:3]}|{NHS[3:6]}|{NHS[6:]}|DNA x2|\n"
    assert held(table.format(head="NHS"))
    assert not held(table.format(head="Order"))
    assert tabular_held(f"Name,NHS number,,,Outcome\nLinda Example,{NHS[:3]},{NHS[3:6]},{NHS[6:]},DNA\n")
    # beside the NHS column another column with a header: figures, not parts of one number
    assert not held(f"| Provider | NHS | Private |\n| Acute | {NHS[:3]} | {NHS[3:6]}{NHS[6:]} |\n")


@pytest.mark.parametrize("number", [
    f"{NHS[:3]} {NHS[3:6]},{NHS[6:]}", f"{NHS[:3]},{NHS[3:6]} {NHS[6:]}", f"{NHS[:3]}-{NHS[3:6]},{NHS[6:]}",
], ids=["space then comma", "comma then space", "hyphen then comma"])
def test_a_comma_typed_for_one_separator_is_read_right_after_the_label(number: str) -> None:
    # a slip of the finger between the groups, the other separator as written
    assert held(f"Mr Example, NHS {number}, the one with the new diagnosis")
    assert held(f"NHS No: {number}")
    assert not held(f"Total {number}")  # figures, without the label
    assert not held(f"NHS number for Mrs A: {number}")  # the label earlier on the line vouches for no slip


def test_figures_with_thousands_separators_are_no_health_number_without_the_label() -> None:
    assert not held(f"NHS England's allocation this year: {NHS[0]},{NHS[1:4]},{NHS[4:7]},{NHS[7:]}")
    assert not held(f"Totals {NHS[:3]} {NHS[3:6]},{NHS[6:]} and {NHS[:3]},{NHS[3:6]} {NHS[6:]}")
