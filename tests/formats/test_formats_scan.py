"""End to end through `dlpgate scan --json`: each format, its `where`, and `unscannable` with a reason."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.formats import docs
from tests.formats.docs import DOCX, PPTX, XLSX
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(20, seed=67)
ROOT = Path(__file__).resolve().parents[2]
DLPGATE = (
    [sys.executable, "-m", "dlpgate.cli"]
    if not (Path(sys.executable).parent / "dlpgate").exists()
    else [str(Path(sys.executable).parent / "dlpgate")]
)


def scan(tmp_path: Path, messages: dict[str, bytes], *config_lines: str) -> dict[str, dict]:
    cfg = tmp_path / "dlpgate.toml"
    cfg.write_text('[domains]\ninternal = ["example-trust.nhs.uk"]\n[inspection]\n' + "\n".join(config_lines) + "\n")
    paths = []
    for name, raw in messages.items():
        (tmp_path / name).write_bytes(raw)
        paths.append(str(tmp_path / name))
    done = subprocess.run(
        [*DLPGATE, "scan", "--json", "--config", str(cfg), *paths],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=True,
    )
    out = {}
    for line in done.stdout.splitlines():
        result = json.loads(line)
        out[Path(result["file"]).name] = result
    return out


def rows(result: dict, kind: str) -> dict[str, int]:
    return {r["where"]: r["count"] for r in result["findings"] if r["kind"] == kind}


def test_scan_finds_identifiers_in_every_format(tmp_path: Path) -> None:
    chi = "0101011237"  # a valid synthetic CHI number: 01/01/01, Modulus 11
    messages = {
        "xlsx.eml": docs.message(
            ("list.xlsx", XLSX, docs.xlsx({"Patients": [["NHS number"], [int(N[0])], [int(N[1])]]}))
        ),
        "docx.eml": docs.message(
            ("letter.docx", DOCX, docs.docx_raw(body=[f"NHS {spaced(N[2])}"], footer=f"CHI {chi}"))
        ),
        "pptx.eml": docs.message(("review.pptx", PPTX, docs.pptx(f"NHS {N[3]}"))),
        "pdf.eml": docs.message(("letter.pdf", "application/pdf", docs.pdf(["Cover", f"NHS number {N[4]}"]))),
        "odt.eml": docs.message(("letter.odt", "application/octet-stream", docs.odt(f"NHS {N[5]}"))),
        "zip.eml": docs.message(
            (
                "bundle.zip",
                "application/zip",
                docs.zip_of({"in.zip": docs.zip_of({"list.csv": f"NHS number\n{N[6]}\n"})}),
            )
        ),
        "health.eml": docs.message(
            (
                "clinic.xlsx",
                XLSX,
                docs.xlsx({"Clinic": [["Date of birth", "Diagnosis"], ["01/02/1970", "HIV positive"]]}),
            )
        ),
    }
    got = scan(tmp_path, messages)
    assert rows(got["xlsx.eml"], "nhs_number") == {"attachment list.xlsx, sheet Patients": 2}
    assert rows(got["docx.eml"], "nhs_number") == {"attachment letter.docx": 1}
    assert rows(got["docx.eml"], "chi_number") == {"attachment letter.docx, footer": 1}
    assert rows(got["pptx.eml"], "nhs_number") == {"attachment review.pptx, slide 2": 1}
    assert rows(got["pdf.eml"], "nhs_number") == {"attachment letter.pdf, page 2": 1}
    assert rows(got["odt.eml"], "nhs_number") == {"attachment letter.odt": 1}
    assert rows(got["zip.eml"], "nhs_number") == {"attachment bundle.zip > in.zip > list.csv": 1}
    assert rows(got["health.eml"], "health_terms") == {"attachment clinic.xlsx, sheet Clinic": 1}
    assert "patient_health_data_external" in got["health.eml"]["rules"]
    for name, result in got.items():
        assert result["action"] == "hold", name
        assert not rows(result, "unscannable"), name
    # Never the values themselves.
    assert not any(n in json.dumps(got) for n in N[:7])


def test_scan_reports_unscannable_with_its_reason(tmp_path: Path) -> None:
    messages = {
        "protected.eml": docs.message(
            ("secret.docx", DOCX, docs.encrypt_ooxml(docs.docx_lib("x"))),
            ("secret.pdf", "application/pdf", docs.pdf_encrypted(docs.pdf(["x"]))),
            ("secret.zip", "application/zip", docs.zip_with_encrypted_member("a.csv", b"a,b")),
        ),
        "deep.eml": docs.message(("deep.zip", "application/zip", docs.nested_zip(12, "a.txt", b"hello"))),
        "broken.eml": docs.message(("cut.pdf", "application/pdf", docs.pdf(["hello"])[:300])),
    }
    got = scan(tmp_path, messages)
    protected = {r["where"]: r["categories"] for r in got["protected.eml"]["findings"] if r["kind"] == "unscannable"}
    assert protected == {
        "attachment secret.docx": ["encrypted"],
        "attachment secret.pdf": ["encrypted"],
        "attachment secret.zip > a.csv": ["encrypted"],
    }
    assert [r["categories"] for r in got["deep.eml"]["findings"] if r["kind"] == "unscannable"] == [["too_deep"]]
    assert [r["categories"] for r in got["broken.eml"]["findings"] if r["kind"] == "unscannable"] == [["corrupt"]]
    assert {r["action"] for r in got.values()} == {"hold"}


def test_scan_with_encrypted_archives_sanctioned(tmp_path: Path) -> None:
    raw = docs.message(("secret.zip", "application/zip", docs.zip_with_encrypted_member("a.csv", b"a,b")))
    rules = [
        "[rules.unscannable_external]",
        'except_categories = ["encrypted"]',
    ]
    got = scan(tmp_path, {"m.eml": raw}, *rules)
    assert got["m.eml"]["action"] == "deliver"
    assert got["m.eml"]["findings"][0]["categories"] == ["encrypted"]


@pytest.mark.parametrize("ocr", [True, False])
def test_scan_ocr_switch(tmp_path: Path, ocr: bool) -> None:
    raw = docs.message(("scan.png", "image/png", docs.png_text([f"NHS No: {spaced(N[8])}"])))
    got = scan(tmp_path, {"m.eml": raw}, f"ocr = {str(ocr).lower()}")["m.eml"]
    if ocr:
        assert rows(got, "nhs_number") == {"attachment scan.png (OCR)": 1} and got["action"] == "hold"
    else:
        assert got["findings"] == [] and got["action"] == "deliver"
