"""Places and Subjects as shown: a name read from the message (a file's, a zip member's, a
sheet's, an attached message's, a header field's) never takes a patient's name, number,
diagnosis or address into the scan command, the quarantine record or the notices."""

from __future__ import annotations

import io
import json
import re
import zipfile
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import openpyxl
import pytest

from dlpgate import cli, config, pipeline, redaction
from dlpgate.actions import notice
from dlpgate.cli import envelope_from_headers
from dlpgate.report import verdict_record
from dlpgate.store.quarantine import stored_subject
from dlpgate.types import Finding, mask_numbers
from tests.synthetic import nhs_numbers

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "config" / "dlpgate.toml"
NHS = nhs_numbers(2, seed=33)
N = NHS[0]
GROUPED = f"{N[:3]} {N[3:6]} {N[6:]}"
BODY = f"Patient NHS number {GROUPED}, HIV positive, viral load follow up.\n"
# What none of the places, records or notices may hold.
SECRETS = ("walsh", "jane", "brennan", "ellie", "hiv", "overdose", "chlamydia", "sam.ellis", "jane.walsh62")


@pytest.mark.parametrize(
    ("where", "shown"),
    [
        (f"file name of attachment WALSH Jane - HIV clinic letter - {mask_numbers(GROUPED)}.txt", "file name of attachment [...].txt"),
        ("attachment clinic_files.zip > Patients/Walsh_Jane_HIV_positive_result.txt", "attachment clinic_files.zip > Patients/[...].txt"),
        ("attachment list.xlsx, sheet Walsh J - HIV", "attachment list.xlsx, sheet [...]"),
        ("attachment list.xlsx, sheet Brennan ##########", "attachment list.xlsx, sheet [...]"),
        ("attached message 'RE Jane Walsh - overdose follow up.eml' > subject", "attached message '[...].eml' > subject"),
        ("attachment letter_jane.walsh62@gmail.com.txt", "attachment [...].txt"),
        ("header X-Patient-Walsh-Jane-HIV", "header [...]"),
        ("attachment Brennan, Ellie – CAMHS self-harm referral.txt", "attachment [...].txt"),
        ("attachment Walsh J clinic letter HIV.docx, properties", "attachment [...].docx, properties"),
        ("attachment Mrs K Walsh.pdf > page 2", "attachment [...].pdf > page 2"),
        ("attachment scan 03/04/2001.pdf", "attachment [...].pdf"),
        # nothing personal: unchanged
        ("attachment Book1.xlsx, sheet Sheet1", "attachment Book1.xlsx, sheet Sheet1"),
        ("page 3", "page 3"),
        ("attachment June Report v1.2.docx, header X-MS-Has-Attach", "attachment June Report v1.2.docx, header X-MS-Has-Attach"),
        ("attached message 2 > message body (html)", "attached message 2 > message body (html)"),
        ("header To (display names)", "header To (display names)"),
    ],
)
def test_a_place_shows_no_one(where: str, shown: str) -> None:
    assert redaction.place(where) == shown
    assert redaction.place(shown) == shown  # masking twice changes nothing


@pytest.mark.parametrize(
    "grouped",
    [f"{N[:3]}{sep}{N[3:6]}{sep}{N[6:]}" for sep in (",", "\u00b7", "+", " -- ", "#", "][")] + [f"[{N[:3]}][{N[3:6]}][{N[6:]}]"],
)
def test_a_number_in_a_name_is_masked_however_it_is_grouped(grouped: str) -> None:
    assert not re.search(r"\d", mask_numbers(f"Walsh_NHS_{grouped}_letter.txt"))
    assert not re.search(r"\d", Finding("d", "nhs_number", f"attachment {grouped}.txt", 1).where)
    assert redaction.place(Finding("d", "nhs_number", f"attachment Walsh_NHS_{grouped}.txt", 1).where) == "attachment [...].txt"


def _message(subject: str) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "dr.jones@example-trust.nhs.uk"
    msg["To"] = "someone@partner.example.org"
    msg["Subject"] = subject
    msg.set_content("Please see attached.\n")
    return msg


def _leaky_messages() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    m = _message("Letters")
    m.add_attachment(BODY.encode(), "text", "plain", filename=f"WALSH Jane - HIV clinic letter - {GROUPED}.txt")
    m.add_attachment(BODY.encode(), "text", "plain", filename=f"Walsh_NHS_{N[:3]},{N[3:6]},{N[6:]}_letter.txt")
    m.add_attachment(BODY.encode(), "text", "plain", filename="letter_jane.walsh62@gmail.com.txt")
    out["names"] = m.as_bytes()

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("Patients/Walsh_Jane_HIV_positive_result.txt", BODY)
    m = _message("Clinic files")
    m.add_attachment(buf.getvalue(), "application", "zip", filename="clinic_files.zip")
    out["zip"] = m.as_bytes()

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Walsh J - HIV"
    sheet.append(["Name", "NHS number", "Result"])
    sheet.append(["J Walsh", N, "HIV positive"])
    buf = io.BytesIO()
    book.save(buf)
    m = _message("List")
    m.add_attachment(buf.getvalue(), "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename="list.xlsx")
    out["sheet"] = m.as_bytes()

    inner = _message("RE Jane Walsh - overdose follow up")
    inner.set_content(BODY)
    m = _message("Forwarding")
    m.add_attachment(inner, filename="RE Jane Walsh - overdose follow up.eml")
    out["attached"] = m.as_bytes()

    m = _message(f"Ellie Brennan DOB 03/04/2001 - chlamydia result NHS {GROUPED}")
    m["X-Patient-Walsh-Jane-HIV"] = f"NHS {GROUPED}"
    out["subject_header"] = m.as_bytes()

    m = _message("Re: your results (sam.ellis88@hotmail.co.uk)")
    m.set_content(BODY)
    out["subject_address"] = m.as_bytes()
    return out


def _leaks(text: str) -> list[str]:
    low = text.lower()
    found = [s for s in SECRETS if s in low]
    if N in re.sub(r"[^0-9]", "", text):
        found.append(N)
    return found


@pytest.fixture(scope="module")
def gateway():
    settings = config.load(CONFIG)
    return settings, pipeline.build_engine(settings)


def test_nothing_personal_reaches_the_scan_the_record_or_the_notices(gateway, tmp_path, capsys) -> None:
    settings, engine = gateway
    files = []
    for name, raw in _leaky_messages().items():
        path = tmp_path / f"{name}.eml"
        path.write_bytes(raw)
        files.append(path)
        env = envelope_from_headers(raw)
        verdict = pipeline.inspect(raw, env, engine)
        assert verdict.action.label == "hold", name
        record = verdict_record(verdict)
        places = [f["where"] for f in record["findings"]] + [p["where"] for p in record["problems"]]
        assert _leaks(json.dumps(places)) == [], (name, places)
        hold = notice.hold_notice("Q1", env, verdict, "dlpgate@example-trust.nhs.uk", settings=settings).decode()
        admin = notice.admin_notice("Q1", env, verdict, "dlpgate@example-trust.nhs.uk", ("ig@example-trust.nhs.uk",), settings=settings).decode()
        kept = stored_subject(verdict, notice.subject_to_keep(verdict, settings))
        for shown in (hold, admin, kept):
            body = shown.replace("example-trust.nhs.uk", "").replace("partner.example.org", "")
            assert _leaks(body) == [], (name, body)
        if name == "sheet":
            assert "attachment list.xlsx, sheet [...]" in places
        if name == "zip":
            assert any(p.startswith("attachment clinic_files.zip > Patients/[...].txt") for p in places), places
    capsys.readouterr()
    cli.main(["scan", "--json", "--config", str(CONFIG), *map(str, files)])
    out = capsys.readouterr().out.replace(str(tmp_path), "")
    assert '"findings"' in out and "[...]" in out
    assert _leaks(out.replace("hiv_sexual_health", "")) == [], out


def test_a_harmless_place_stays_readable(gateway) -> None:
    settings, engine = gateway
    book = openpyxl.Workbook()
    book.active.append(["Name", "NHS number", "Result"])
    for i, n in enumerate(nhs_numbers(3, seed=34)):
        book.active.append([f"Patient {i}", n, "HIV positive"])
    buf = io.BytesIO()
    book.save(buf)
    m = _message("Weekly list")
    m.add_attachment(buf.getvalue(), "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename="Book1.xlsx")
    raw = m.as_bytes()
    verdict = pipeline.inspect(raw, envelope_from_headers(raw), engine)
    assert "attachment Book1.xlsx, sheet Sheet" in {f.where for f in verdict.findings}
    assert stored_subject(verdict, notice.subject_to_keep(verdict, settings)) == "Weekly list"


def test_the_kept_subject_masks_only_what_is_personal_when_nothing_was_found_in_it(gateway) -> None:
    settings, _engine = gateway
    from dlpgate.types import Action, Verdict

    plain = Verdict(action=Action.HOLD, subject="Minutes 3 - lunch with Sam Ellis (sam.ellis88@hotmail.co.uk)")
    assert notice.subject_to_keep(plain, settings) == "Minutes 3 - lunch with [...] ([...])"
    flagged = Verdict(action=Action.HOLD, subject=f"Minutes 3 NHS {GROUPED}", findings=(Finding("d", "nhs_number", "subject", 1),))
    assert notice.subject_to_keep(flagged, settings) == "Minutes [...] NHS [...]"
