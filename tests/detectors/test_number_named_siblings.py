"""What a number's siblings say of it: a plural noun and a comma before a list of numbers
("the two dockets, ... and ..."), a bare number in a text whose others of its form are
named as another thing's (a ticket's, an order's), and a column of UK mobiles a sheet
stripped of their leading 0 beside landlines. Each with the patient's case it must not hide."""

from __future__ import annotations

from dlpgate import pipeline, policy
from dlpgate.config import DEFAULT_RULES
from dlpgate.detectors.numbers import analyse
from dlpgate.types import Action, Envelope, ParsedMessage, Segment
from tests.detectors.test_number_other_labels import held
from tests.detectors.test_number_trade import DETECTORS as NUMBER_DETECTORS
from tests.formats.docs import engine
from tests.synthetic import build_message, nhs_numbers

RULES = list(DEFAULT_RULES.values())

N = nhs_numbers(4, seed=311)
M = nhs_numbers(4, seed=53, prefix_range=(771, 779))  # pass the check digit, and read as 07... mobiles


def test_a_plural_noun_and_a_comma_name_the_numbers_listed_after_them() -> None:
    assert not held(f"Any news on the two dockets, {N[0]} and {N[1]}? Neither has reached the stores yet.")
    assert not held(f"Quick update on last week's builds, {N[2]}, {N[3]} - both failed the smoke test.\n")
    # the patients' own things, or the patients themselves, before the comma
    assert held(f"Two of this morning's samples, {N[0]} and {N[1]}, were haemolysed; please repeat.")
    assert held(f"Results for the patients, {N[2]} and {N[3]}, are back from the lab.")


def test_a_bare_number_beside_its_named_siblings_is_one_more_of_their_kind() -> None:
    text = (
        f"Hello,\n\nStill seeing the same fault. The engineer reckons it is the one we had in {N[1]} "
        "(roaming profile rebuild), which you resolved on Friday.\n\nRegards,\nPaul\n\n"
        f"> Your Ticket #{N[0]} has been updated by the service desk\n> State: Awaiting user\n"
    )
    assert not held(text)
    # a patient spoken of near it, a person named beside it, or a health number's label in the text
    assert held(text.replace("(roaming profile rebuild)", "(the patient's record would not open)"))
    assert held(text.replace(f"in {N[1]} ", f"in\nMrs Joan Example {N[1]}\n"))
    assert held(text + f"\nNHS number {N[2]}\n")
    # nothing said of it in brackets, as a list of such things writes each one's subject, nor
    # what was done with it as a job ("which you resolved")
    assert not held(text.replace(" (roaming profile rebuild)", ""))
    assert held(text.replace(" (roaming profile rebuild), which you resolved", ", which came back"))
    # no sibling named: a bare number alone is weighed as before
    assert held(text.replace(f"Your Ticket #{N[0]}", "Your call"))


def _contacts(header: str, mobiles: list[str]) -> str:
    rows = "".join(f"Person {k} Example\tPorter\t{m}\t0113496{k:04d}\n" for k, m in enumerate(mobiles))
    return f"On-call numbers for the move on Sunday:\n\n{header}" + rows + "\nThe mobiles are missing their 0, sorry.\n"


def test_a_column_of_mobiles_that_lost_their_zero_beside_landlines_is_phones() -> None:
    assert not held(_contacts("Name\tJob\tNo.\tOther No.\n", M))
    assert not held(_contacts("", M[:3]))  # no header at all
    # under a health number's header, or mixed with numbers of other shapes, or with no phone on the rows
    assert held(_contacts("Name\tJob\tNHS No\tPhone\n", M))
    assert held(_contacts("Name\tJob\tNo.\tOther No.\n", [*M[:2], N[0], M[2]]))
    assert held("Ward 9 list:\n\nName\tNo.\n" + "".join(f"Person {k} Example\t{m}\n" for k, m in enumerate(M)))


def test_a_sheets_column_of_mobiles_without_their_zero_is_phones() -> None:
    sheet = "Name,Job,No.,Other No.\n" + "".join(f"Person {k} Example,Porter,{m},0113496{k:04d}\n" for k, m in enumerate(M))
    assert not held(sheet, tabular=True)
    assert held(sheet.replace("No.,Other", "NHS No,Other"), tabular=True)
    assert held(sheet.replace(",0113496", ",Ward "), tabular=True)  # no phone on the rows


# --- siblings named in another part of the message ---------------------------------------

S = nhs_numbers(4, seed=4617, prefix_range=(400, 499))


def _message(subject: str, body: str, *parts: tuple[str, str]) -> ParsedMessage:
    segments = (Segment(subject, "subject"), Segment(body, "message body"), *(Segment(t, w) for t, w in parts))
    return ParsedMessage(segments=segments, from_=("it.desk@example-trust.nhs.uk",), to=("help@vendor.example.com",),
                         subject=subject)


def held_message(subject: str, body: str, *parts: tuple[str, str]) -> bool:
    message = _message(subject, body, *parts)
    findings = [f for d in NUMBER_DETECTORS for f in d.detect(message)]
    return policy.decide(findings, RULES, True)[0] == Action.HOLD


def _body_counts(message: ParsedMessage) -> bool:
    """The body's number counts (0.5 or more) whatever the rest of the message holds."""
    findings = [f for d in NUMBER_DETECTORS for f in d.detect(message)]
    return any(f.where == "message body" and f.confidence >= 0.5 for f in findings)


def inspected(subject: str, body: str) -> Action:
    raw = build_message(body, subject=subject, to="help@vendor.example.com")
    return pipeline.inspect(raw, Envelope("", ("help@vendor.example.com",)), engine()).action


JOB_BODY = (
    "Morning,\n\nThe label printer in goods-in is jamming again. Probably the same as {n} "
    "(roller swap) back in March.\n\nCheers,\nRob\n"
)


def test_a_bare_number_whose_sibling_the_subject_names_as_a_job_is_one_more_job() -> None:
    subject = f"RE: [Job#{S[0]}] goods-in label printer"
    body = JOB_BODY.format(n=S[1])
    assert not held_message(subject, body)
    assert inspected(subject, body) is Action.DELIVER
    # named in an attachment's text instead of the subject
    assert not held_message("printer again", body, (f"Service desk job {S[0]} - logged by Rob", "attachment job.txt"))
    # the subject names nothing: weighed alone, as before
    assert held_message("goods-in label printer", body)
    assert inspected("goods-in label printer", body) is Action.HOLD
    # not when a part speaks for patients: a health number's label in the body, on another number
    assert held_message(subject, body + f"\nPS also merge the duplicate, NHS no. {S[2]}\n")
    # ... or in an attachment's text
    assert held_message(subject, body, (f"Duplicate record, NHS No: {S[2]}", "attachment merge.txt"))
    # a person named beside the number itself
    assert held_message(subject, body.replace(f"as {S[1]} ", f"as Mrs Kay Example {S[1]} "))
    # a patient's name beside a different number in the body
    assert held_message(subject, body + f"\nAnd could you look at Mr Idris Example {S[3]} on ward 7.\n")
    assert inspected(subject, body + f"\nAnd could you look at Mr Idris Example {S[3]} on ward 7.\n") is Action.HOLD
    # nothing said of it in brackets: weighed as a sibling named in its own text would be
    assert held_message(subject, body.replace(" (roller swap)", ""))
    # a health number's label in the subject still labels those digits in the body
    assert held_message(f"NHS No {S[0]} - duplicate", f"Hi, can you merge {S[0]} into the older record?\n")
    assert inspected(f"NHS No {S[0]} - duplicate", f"Hi, can you merge {S[0]} into the older record?\n") is Action.HOLD
    # and the subject's label stops any sibling named as another thing's from weakening the body's numbers
    assert _body_counts(_message(f"NHS No {S[0]}", JOB_BODY.format(n=S[1]), (f"Job {S[2]} notes", "attachment job.txt")))
    assert not _body_counts(_message("printer", JOB_BODY.format(n=S[1]), (f"Job {S[2]} notes", "attachment job.txt")))
    # the very digits the subject names as an order are that order in the body
    assert not held_message(f"Fwd: Purchase order {S[0]} - short delivery", f"Hi,\n\n{S[0]} came without the lids.\n")
    assert inspected(f"Fwd: Purchase order {S[0]} - short delivery", f"Hi,\n\n{S[0]} came without the lids.\n") is Action.DELIVER
    assert held_message("Fwd: short delivery", f"Hi,\n\n{S[0]} came without the lids.\n")


def test_analyse_counts_siblings_named_elsewhere_and_reports_its_own() -> None:
    body = JOB_BODY.format(n=S[1])
    alone = analyse(body)
    assert alone.unlabelled and not alone.named and not alone.patients
    assert not analyse(body, named_elsewhere={"contiguous": frozenset({S[0]})}).unlabelled
    # the very digits named elsewhere are not a sibling of themselves (recogniser moves them)
    assert analyse(body, named_elsewhere={"contiguous": frozenset({S[1]})}).unlabelled
    # of another form: not its sibling
    assert analyse(body, named_elsewhere={"grouped": frozenset({S[0]})}).unlabelled
    assert analyse(f"Job no. {S[0]}").named == {"contiguous": frozenset({S[0]})}
    assert analyse(f"NHS number {S[0]}").patients
    assert analyse(f"NHS number {S[0]}, job no. {S[2]}").patients


def test_the_same_digits_after_a_label_known_by_its_shape_are_that_things_number_unless_a_patients() -> None:
    subject = f"RE: [SR#{S[0]}] monitor arm for desk 14"
    body = f"Hi both,\n\nIs {S[0]} with the fitters yet? Nothing has turned up.\n\nTa\nMo\n"
    assert not held_message(subject, body)
    assert inspected(subject, body) is Action.DELIVER
    assert held_message("monitor arm for desk 14", body)  # no label anywhere: weighed alone
    # a person beside it, a patient's word near it, a health number's label anywhere in the message
    assert held_message(subject, body.replace(f"Is {S[0]}", f"Is Mr Tobias Example {S[0]}"))
    assert held_message(subject, body.replace(f"Is {S[0]} with the fitters yet?", f"Is the patient {S[0]} on the list yet?"))
    assert held_message(subject, body + f"\nPS NHS number {S[2]} was on the old form.\n")
    assert _body_counts(_message(subject, body, (f"NHS no: {S[2]}", "attachment form.txt")))


def test_a_sibling_a_clause_handles_as_a_job_is_one_more_job() -> None:
    subject = f"RE: [SR#{S[0]}] badge reader at the staff entrance"
    closing = (f"Hi,\n\nThe swap did not help. Could you close {S[0]} and open a new one for {S[1]}, as the "
               "fault has moved to the second reader?\n\nThanks\nDesk\n")
    escalate = f"Hello,\n\n{S[0]} can be closed now.\n{S[1]} is still open - please escalate it to the vendor.\n"
    for body in (closing, escalate):
        assert not held_message(subject, body), body
        assert inspected(subject, body) is Action.DELIVER
        # no sibling named anywhere: weighed alone, as before
        assert held_message("badge reader at the staff entrance", body.replace(str(S[0]), "the old call"))
    # the handling said of another sentence's number, not this one's
    assert held_message(subject, f"Please close {S[0]}. Separately, {S[1]} has been on the ward since Monday.\n")
    # a person named against the sibling, or a health number's label in the message
    assert held_message(subject, closing.replace(f"for {S[1]}", f"for Mrs Ada Example {S[1]}"))
    assert held_message(subject, closing + f"\nPS the NHS number on the old form was {S[2]}.\n")


def test_a_name_written_against_the_digits_an_order_label_names_keeps_them_a_patients() -> None:
    subject = f"Re: Order {S[0]}"
    assert held_message(subject, f"Hi,\n\nMrs Joan Example {S[0]} was seen in clinic today, bloods sent.\n")
    assert held_message(subject, f"Hi,\n\n{S[0]} - Joan Example, seen in clinic today.\n")
    # a greeting on the row, or a sender's thanks before it, is no one's number
    assert not held_message(subject, f"Hi Mr Patel, {S[0]} is ready for collection from goods-in.\n")
    assert not held_message(subject, f"Thanks John Example, {S[0]} has been dispatched.\n")
    assert not held_message(subject, f"Thanks Liam, the box arrived but {S[0]} is still showing in transit.\n")


# --- a number another part shows only rounded, in a column of another thing's ------------------

R = nhs_numbers(6, seed=5309, prefix_range=(400, 499))


def rounded(n: str) -> str:
    """How a spreadsheet shows ten digits in a narrow column: "4.56E+09"."""
    return f"{int(n) / 1e9:.2f}E+09"


def held_with_sheet(body: str, sheet: str) -> bool:
    message = ParsedMessage(
        segments=(Segment("Stock sheet", "subject"), Segment(body, "message body"),
                  Segment(sheet, "attachment stock_take.csv", True)),
        from_=("ward9@example-trust.nhs.uk",), to=("jo@partner.example.org",), subject="Stock sheet")
    findings = [f for d in NUMBER_DETECTORS for f in d.detect(message)]
    return policy.decide(findings, RULES, True)[0] == Action.HOLD


def _sheet(header: str) -> str:
    return header + "\n" + "".join(f"{rounded(n)},Suture pack {i},{i + 2}\n" for i, n in enumerate(R[:4]))


STORES_BODY = "Hi,\n\nThe sheet lost the long numbers again. The second line should read {n} (suture pack 1).\n\nThanks\n"


def test_a_number_spelled_out_that_a_column_of_another_things_shows_rounded_is_one_of_them() -> None:
    assert not held_with_sheet(STORES_BODY.format(n=R[1]), _sheet("Catalogue no,Item,Boxes"))
    assert not held_with_sheet(STORES_BODY.format(n=R[1]), _sheet("Item code,Item,Boxes"))
    # the column is the patients' numbers: the one spelled out is a patient's
    assert held_with_sheet(STORES_BODY.format(n=R[1]), _sheet("NHS Number,Item,Boxes"))
    # a column that names nothing says nothing
    assert held_with_sheet(STORES_BODY.format(n=R[1]), _sheet("Col1,Item,Boxes"))
    # a number none of the column's rounds to
    assert held_with_sheet(STORES_BODY.format(n=R[5]), _sheet("Catalogue no,Item,Boxes"))
    # a person named against it
    assert held_with_sheet(f"Mrs Joan Example {R[1]} needs the suture pack at home.", _sheet("Catalogue no,Item,Boxes"))


def test_a_csv_attachment_showing_the_codes_rounded_explains_the_one_spelled_out_in_the_body() -> None:
    sheet = _sheet("Catalogue no,Item,Boxes").replace("\n", "\r\n").encode()
    to = "jo@partner.example.org"
    for body, action in ((STORES_BODY.format(n=R[1]), Action.DELIVER), (STORES_BODY.format(n=R[5]), Action.HOLD)):
        raw = build_message(body, subject="Stock sheet", to=to, attachments=[("stock_take.csv", "text/csv", sheet)])
        assert pipeline.inspect(raw, Envelope("", (to,)), engine()).action == action
