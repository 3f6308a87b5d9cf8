"""PDF text layers, form fields, protection and damage; images and scanned pages with and without OCR."""

from __future__ import annotations

import shutil

import pytest

from tests.formats import docs
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(6, seed=41)
PDF = "application/pdf"


def test_pdf_text_of_every_page_with_its_page() -> None:
    data = docs.pdf(["Clinic letter, nothing personal.", f"Patient NHS number {spaced(N[0])}", f"And {N[1]}"])
    v = docs.verdict(docs.message(("letter.pdf", PDF, data)))
    assert docs.found(v, "nhs_number") == {"attachment letter.pdf, page 2": 1, "attachment letter.pdf, page 3": 1}
    assert not docs.unscannable(v)


def test_pdf_form_fields() -> None:
    data = docs.pdf_with_form_field("NHS number", N[2])
    v = docs.verdict(docs.message(("form.pdf", PDF, data)))
    assert docs.found(v, "nhs_number") == {"attachment form.pdf, form fields": 1}


def test_pdf_with_a_user_password_is_encrypted() -> None:
    data = docs.pdf_encrypted(docs.pdf([f"NHS {N[0]}"]))
    v = docs.verdict(docs.message(("secret.pdf", PDF, data)))
    assert docs.unscannable(v) == {("attachment secret.pdf", "encrypted")}
    assert v.action.label == "hold"


def test_pdf_with_only_an_owner_password_is_read() -> None:
    data = docs.pdf_encrypted(docs.pdf([f"NHS {N[0]}"]), user_password="", owner_password="owner")
    v = docs.verdict(docs.message(("locked.pdf", PDF, data)))
    assert docs.found(v, "nhs_number") == {"attachment locked.pdf, page 1": 1}
    assert not docs.unscannable(v)


def test_truncated_pdf_is_recorded_and_still_gets_a_verdict() -> None:
    whole = docs.pdf([f"NHS {N[0]}", "page two " * 200])
    for cut in (len(whole) // 2, 200, 20):
        v = docs.verdict(docs.message(("cut.pdf", PDF, whole[:cut]), body="see attached"))
        assert docs.unscannable(v) == {("attachment cut.pdf", "corrupt")}, cut
        assert v.action.label == "hold"


def test_image_without_ocr_is_noted_not_unscannable() -> None:
    png = docs.png_text([f"NHS {spaced(N[0])}"])
    v = docs.verdict(docs.message(("photo.png", "image/png", png)))
    assert not docs.unscannable(v) and v.action.label == "deliver"
    assert {(p.reason, p.severe) for p in v.problems} == {("unsupported", False)}


def test_scanned_pdf_page_without_ocr_is_unscannable() -> None:
    data = docs.pdf_with_image(docs.png_text(["Referral letter"]), text_page="Cover page")
    v = docs.verdict(docs.message(("scan.pdf", PDF, data)))
    assert docs.unscannable(v) == {("attachment scan.pdf, page 2", "unsupported")}
    assert v.action.label == "hold"


@pytest.fixture
def ocr_on():
    # The Makefile installs tesseract-ocr (tests/system-packages.txt): a missing one is a failure.
    assert shutil.which("tesseract"), "tesseract-ocr is not installed (make test installs it)"
    return {"ocr": True}


def test_ocr_reads_images(ocr_on) -> None:
    png = docs.png_text([f"Patient NHS No: {spaced(N[0])}", "Diagnosis: diabetes"])
    v = docs.verdict(docs.message(("photo.png", "image/png", png)), **ocr_on)
    assert docs.found(v, "nhs_number") == {"attachment photo.png (OCR)": 1}
    assert v.action.label == "hold"


def test_ocr_reads_scanned_pdf_pages(ocr_on) -> None:
    data = docs.pdf_with_image(docs.png_text([f"NHS number {spaced(N[1])}"]))
    v = docs.verdict(docs.message(("scan.pdf", PDF, data)), **ocr_on)
    assert docs.found(v, "nhs_number") == {"attachment scan.pdf, page 1 (OCR)": 1}
    assert not docs.unscannable(v)
