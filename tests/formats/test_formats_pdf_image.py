"""PDF text layers, form fields, protection and damage; images and scanned pages with and without OCR."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from tests.formats import docs
from tests.formats.docs import OCTET
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(6, seed=41)
PDF = "application/pdf"


def test_pdf_text_of_every_page_with_its_page() -> None:
    data = docs.pdf(["Clinic letter, nothing personal.", f"Patient NHS number {spaced(N[0])}", f"And {N[1]}"])
    v = docs.verdict(docs.message(("letter.pdf", PDF, data)))
    assert docs.found(v, "nhs_number") == {"attachment letter.pdf, page 2": 1, "attachment letter.pdf, page 3": 1}
    assert not docs.unscannable(v)


@pytest.mark.parametrize("listed", [True, False], ids=["listed", "only on its page"])
def test_pdf_form_fields(listed: bool) -> None:
    data = docs.pdf_with_form_field("NHS number", N[2], listed)
    parsed = docs.parse_attachment("form.pdf", data, PDF)
    assert docs.texts(parsed)["attachment form.pdf, form fields"] == f"NHS number: {N[2]}"  # once, not twice
    v = docs.verdict(docs.message(("form.pdf", PDF, data)))
    assert docs.found(v, "nhs_number") == {"attachment form.pdf, form fields": 1}


def test_a_form_fields_value_drawn_only_by_its_appearance_is_read() -> None:
    # a form "printed to PDF": each field keeps what it shows (/AP /N), no /V
    data = docs.pdf_with_form_field("txtNHSNo", None, drawn=spaced(N[3]))
    parsed = docs.parse_attachment("form.pdf", data, PDF)
    assert docs.texts(parsed)["attachment form.pdf, form fields"] == f"nhs no: {spaced(N[3])}"
    v = docs.verdict(docs.message(("form.pdf", PDF, data)))
    assert docs.found(v, "nhs_number") == {"attachment form.pdf, form fields": 1}


def test_a_form_fields_appearance_is_read_where_it_is_not_its_value() -> None:
    data = docs.pdf_with_form_field("Patient", "Example", drawn=f"Example {N[4]}")
    text = docs.texts(docs.parse_attachment("form.pdf", data, PDF))["attachment form.pdf, form fields"]
    assert text == f"Patient: Example\nPatient: Example {N[4]}"
    same = docs.pdf_with_form_field("Patient", f"Example {N[4]}", drawn=f"Example {N[4]}")
    assert docs.texts(docs.parse_attachment("form.pdf", same, PDF))["attachment form.pdf, form fields"] == (
        f"Patient: Example {N[4]}"  # drawn as its value: once
    )


@pytest.mark.parametrize(
    ("drawn", "kind"),
    [("/Tx BMC EMC", "/Tx"), ("q 0 0 250 20 re S Q", "/Tx"), ("q BT /ZaDb 10 Tf 2 5 Td (4) Tj ET Q", "/Btn")],
    ids=["blank field", "a box", "a tick"],
)
def test_a_blank_forms_appearances_add_nothing(drawn: str, kind: str) -> None:
    data = docs.pdf_with_form_field("NHSNumber", None, drawn=drawn, kind=kind)
    parsed = docs.parse_attachment("form.pdf", data, PDF)
    assert "attachment form.pdf, form fields" not in docs.texts(parsed)
    assert not parsed.problems


def test_a_text_box_comments_appearance_is_read() -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(docs.pdf(["Clinic letter"]))))
    box = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/FreeText"),
        NameObject("/Rect"): ArrayObject([NumberObject(50), NumberObject(700), NumberObject(300), NumberObject(720)]),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): docs.appearance(writer, f"NHS {N[5]}")}),
    })
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(box)])
    buf = io.BytesIO()
    writer.write(buf)
    v = docs.verdict(docs.message(("letter.pdf", PDF, buf.getvalue())))
    assert docs.found(v, "nhs_number") == {"attachment letter.pdf, page 1, comments": 1}


def test_a_form_fields_name_is_read_as_words_without_a_tooltip() -> None:
    data = docs.pdf_with_form_field("form1[0].#subform[0].txtPatientName[0]", "Mrs Example Person")
    parsed = docs.parse_attachment("form.pdf", data, PDF)
    assert docs.texts(parsed)["attachment form.pdf, form fields"] == "patient name: Mrs Example Person"


def test_a_pdf_after_junk_bytes_is_a_pdf_whatever_its_label() -> None:
    data = b"saved by a scanner\n\n" + docs.pdf([f"NHS number {spaced(N[3])}"])
    for ctype in (PDF, OCTET):
        v = docs.verdict(docs.message(("scan", ctype, data)))
        assert docs.found(v, "nhs_number") == {"attachment scan, page 1": 1}


def test_a_pdf_encrypted_for_certificates_is_encrypted() -> None:
    data = _pdf_with_font(b"/BaseFont /Helvetica", b"NHS number")
    data = data.replace(
        b"trailer\n<< ", b"trailer\n<< /Encrypt << /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 >> /ID [<01> <01>] "
    )
    v = docs.verdict(docs.message(("sealed.pdf", PDF, data)))
    assert docs.unscannable(v) == {("attachment sealed.pdf", "encrypted")}


def test_pdf_annotations_null_is_no_annotation() -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, NullObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(docs.pdf([f"NHS number {spaced(N[4])}"]))))
    writer.pages[0][NameObject("/Annots")] = NullObject()
    buf = io.BytesIO()
    writer.write(buf)
    parsed = docs.parse_attachment("a.pdf", buf.getvalue(), PDF)
    assert not parsed.problems
    assert spaced(N[4]) in docs.texts(parsed)["attachment a.pdf, page 1"]


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


@pytest.mark.parametrize(
    ("name", "ctype", "data", "what"),
    [
        ("FAX_0001.tif", "image/tiff", docs.page_image("TIFF", mode="1", compression="group4"), "fax image"),
        ("scan.tif", "image/tiff", docs.page_image("TIFF", mode="L", pages=2), "image of 2 pages"),
        ("scan.png", "image/png", docs.page_image("PNG", mode="1"), "black-and-white page image"),
        ("IMG_0412.jpg", "image/jpeg", docs.page_image("JPEG"), "picture of a page"),
        ("image001.png", "image/png", docs.page_image("PNG", size=(600, 800)), "picture of a page"),
        ("SCAN0034.JPG", "image/jpeg", docs.page_image("JPEG", size=(1754, 1240), mode="L"), "picture of a page"),
        # the label does not decide: the bytes do
        ("letter.dat", "application/octet-stream", docs.page_image("JPEG"), "picture of a page"),
        # scanners and fax servers write TIFF, whatever its pages look like
        ("FAX0001.dat", "application/octet-stream", docs.page_image("TIFF", size=(1728, 900), mode="L"), "TIFF image (scanners' and fax servers' format)"),
        # a picture its sender's software sent as a document: a scan saved under a document's name or label
        ("scan.pdf", "application/pdf", docs.png_text(["Referral"]), "picture sent as a document"),
        ("letter.docx", "application/octet-stream", docs.png_text(["Referral"]), "picture sent as a document"),
    ],
)
def test_a_picture_of_a_document_page_is_unscannable_without_ocr(name, ctype, data, what) -> None:
    # A fax, a multi-page scan, a page photographed or scanned: a document's page, unread as
    # a scanned PDF page is, so held; judged by the picture's bytes, not its label.
    v = docs.verdict(docs.message((name, ctype, data)))
    assert docs.unscannable(v) == {(f"attachment {name}", "unsupported")}
    assert [p.detail for p in v.problems if p.severe] == [f"{what} (document image); OCR is off"]
    assert v.action.label == "hold"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("IMG_2231.jpg", docs.photo_image()),  # a phone's portrait photo
        ("screenshot.png", docs.page_image("PNG", size=(1920, 1080))),  # white with text, but wide
        ("logo.png", docs.page_image("PNG", size=(300, 400))),  # too small to be read as a page
        ("logo.tif", docs.page_image("TIFF", size=(500, 300))),  # a TIFF, but a logo's size
        ("DSC_4471.tif", docs.page_image("TIFF", size=(3000, 2000))),  # a camera's colour TIFF for print
    ],
)
def test_photos_screenshots_and_logos_are_noted_not_held(name, data) -> None:
    v = docs.verdict(docs.message((name, "image/png", data)))
    assert not docs.unscannable(v) and v.action.label == "deliver"


def _stored_on_its_side(data: bytes, orientation: int | None) -> bytes:
    """A phone's photo as it stores it: the pixels turned a quarter, with the EXIF
    orientation that shows them upright (or none: shown as stored)."""
    from PIL import Image

    img = Image.open(io.BytesIO(data)).convert("RGB").transpose(Image.Transpose.ROTATE_90)
    buf = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    img.save(buf, "JPEG", quality=85, exif=exif.tobytes())
    return buf.getvalue()


def test_a_photo_stored_on_its_side_is_judged_as_it_is_shown() -> None:
    # An iPhone stores a portrait photo of a letter landscape, with EXIF orientation 6: the
    # letter is judged upright, as every viewer shows it. Without the tag it is a wide colour
    # picture, as a screenshot is.
    page = docs.page_image("JPEG", size=(1512, 2016))
    held = docs.verdict(docs.message(("IMG_4472.JPG", "image/jpeg", _stored_on_its_side(page, 6))))
    assert [p.detail for p in held.problems if p.severe] == ["picture of a page (document image); OCR is off"]
    wide = docs.verdict(docs.message(("IMG_4472.JPG", "image/jpeg", _stored_on_its_side(page, None))))
    assert not docs.unscannable(wide) and wide.action.label == "deliver"


@pytest.mark.parametrize(
    "data",
    [
        docs.desk_photo(),  # a letter a little turned on a wooden desk
        docs.desk_photo(turn_stored=True),  # the same, stored on its side with EXIF orientation 6
        docs.desk_photo(angle=-8, at=(140, 170)),  # turned further
        docs.desk_photo(desk=(95, 98, 104)),  # on a grey table
        docs.desk_photo(desk=(205, 170, 120)),  # on light oak
        docs.desk_photo(shade=60),  # the phone's shadow over its foot
        docs.desk_photo(size=(4032, 3024), page=(2000, 2830), at=(900, 80), angle=-3),  # taken landscape
    ],
)
def test_a_letter_photographed_on_a_desk_is_unscannable_without_ocr(data) -> None:
    # The page is found inside the photo: the bright, colourless, page-shaped rectangle with
    # lines of print on it, whatever colour the desk around it.
    v = docs.verdict(docs.message(("IMG_4471.JPG", "image/jpeg", data)))
    assert [p.detail for p in v.problems if p.severe] == ["picture of a page (document image); OCR is off"]
    assert v.action.label == "hold"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("IMG_0001.jpg", docs.product_shot()),  # a product on a white sweep: one broad dark shape
        ("chart.jpg", docs.bar_chart()),  # an upright bar chart on white
        ("IMG_0002.jpg", docs.snow_scene()),  # snow under a grey sky
        ("IMG_0003.jpg", docs.white_wall()),  # a white wall and a light switch
        ("IMG_0004.jpg", docs.noise_photo()),  # a busy photo
        ("Screenshot_20240529.png", docs.phone_screenshot()),  # an app's white screen on a phone
        ("IMG_0005.jpg", docs.desk_photo(lines=0)),  # a blank sheet on a desk
        ("IMG_0006.jpg", docs.desk_photo(page=(760, 1075), at=(300, 400))),  # a letter far off: a small part
    ],
)
def test_photos_of_white_things_are_noted_not_held(name, data) -> None:
    v = docs.verdict(docs.message((name, "image/jpeg", data)))
    assert not docs.unscannable(v) and v.action.label == "deliver"


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


def _page_pdf(pictures: list[tuple[bytes, tuple[float, float, float, float]]], text: str = "",
              text_at: float = 10) -> bytes:
    """A one-page A4 PDF: each picture placed at (x, y, w, h) mm, and a line of text ``text_at``
    mm from the top (as a fax cover's line, or a "Page 1 of 1" footer near the bottom)."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_auto_page_break(False)
    doc.set_font("helvetica", size=10)
    doc.add_page()
    for data, (x, y, w, h) in pictures:
        doc.image(io.BytesIO(data), x=x, y=y, w=w, h=h)
    if text:
        doc.set_xy(10, text_at)
        doc.multi_cell(0, 6, text)
    return bytes(doc.output())


_WHOLE_PAGE = (0, 0, 210, 297)
_BELOW_A_LINE = (10, 20, 190, 270)


def _scanned_letter(lines: list[str]) -> bytes:
    """A letter as a scanner writes it (grey JPEG, A4 at 150 dpi): the lines given, large enough
    for OCR, then the body of the letter."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=30)
    body = ["Thank you for seeing this patient in clinic today."] * 30
    for i, line in enumerate([*lines, *body]):
        draw.text((100, 100 + 46 * i), line, font=font, fill=10)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("picture", "at", "text", "text_at"),
    [
        # a fax cover's line above the scanned letter it covers
        (docs.page_image("JPEG", mode="L"), _BELOW_A_LINE, "Fax cover: 1 page follows. From the ward.", 10),
        # a scan saved with the footer its software stamps on every page
        (docs.page_image("JPEG", mode="L"), _WHOLE_PAGE, "Page 1 of 1", 285),
        # a black-and-white scan (decoded from the file's own compression)
        (docs.page_image("PNG", mode="1"), _WHOLE_PAGE, "Page 1 of 1", 285),
        # a letter photographed on a desk, as its own JPEG
        (docs.desk_photo(), _BELOW_A_LINE, "Photo of the referral attached.", 10),
    ],
)
def test_a_scanned_page_beside_a_few_words_of_text_is_unscannable_without_ocr(picture, at, text, text_at) -> None:
    # The words of the text layer are not the page's content: the picture of the letter is.
    v = docs.verdict(docs.message(("scan.pdf", PDF, _page_pdf([(picture, at)], text, text_at))))
    assert docs.unscannable(v) == {("attachment scan.pdf, page 1", "unsupported")}
    assert v.action.label == "hold"


@pytest.mark.parametrize(
    ("pictures", "text"),
    [
        # a searchable scan: its text layer holds the page's words
        ([(docs.page_image("JPEG", mode="L"), _WHOLE_PAGE)],
         "\n".join(["Dear Dr Example, thank you for seeing this lady in clinic today."] * 40)),
        # a poster: a colour photo with a caption
        ([(docs.photo_image(), _BELOW_A_LINE)], "Our new endoscopy unit, opened in June."),
        # a letterhead: a picture of a page, but a small one, beside the letter's text
        ([(docs.page_image("JPEG", mode="L"), (150, 10, 50, 70))], "Dear colleague, see below."),
    ],
)
def test_a_page_whose_text_layer_is_its_content_is_read_not_held(pictures, text) -> None:
    v = docs.verdict(docs.message(("report.pdf", PDF, _page_pdf(pictures, text))))
    assert not docs.unscannable(v) and v.action.label == "deliver"


@pytest.mark.parametrize(
    "picture",
    [
        docs.photo_image(),  # a phone's photo saved as a PDF
        docs.noise_photo(size=(1240, 1754)),  # a report's cover: a full-page photo in colour
    ],
)
def test_a_page_of_a_colour_photo_is_noted_not_held(picture) -> None:
    # Judged as the picture on its own is: a photo is no page of a document.
    data = _page_pdf([(picture, _WHOLE_PAGE)])
    v = docs.verdict(docs.message(("IMG_2231.pdf", PDF, data)))
    assert not docs.unscannable(v) and v.action.label == "deliver"
    assert ("unsupported", "attachment IMG_2231.pdf, page 1", False) in docs.problems(
        docs.parse_attachment("IMG_2231.pdf", data, PDF))


@pytest.mark.parametrize(
    "picture",
    [
        docs.page_image("JPEG", mode="L"),  # a scanner's grey page
        docs.page_image("JPEG"),  # a colour scan of a letter
        docs.desk_photo(),  # a letter photographed on a desk
    ],
)
def test_a_page_of_a_picture_of_a_document_stays_unscannable(picture) -> None:
    v = docs.verdict(docs.message(("scan.pdf", PDF, _page_pdf([(picture, _WHOLE_PAGE)]))))
    assert docs.unscannable(v) == {("attachment scan.pdf, page 1", "unsupported")}


def test_ocr_reads_a_scanned_page_beside_a_few_words_of_text(ocr_on) -> None:
    letter = _scanned_letter([f"NHS number {spaced(N[2])}"])
    data = _page_pdf([(letter, _BELOW_A_LINE)], "Fax cover: 1 page follows.")
    v = docs.verdict(docs.message(("scan.pdf", PDF, data)), **ocr_on)
    assert docs.found(v, "nhs_number") == {"attachment scan.pdf, page 1 (OCR)": 1}
    assert not docs.unscannable(v)


def _pdf_with_font(font: bytes, shown: bytes) -> bytes:
    """A one-page PDF written by hand: its font dictionary and the bytes its page shows."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + shown + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 " + font + b" >>",
    ]
    return docs.pdf_of_objects(objs)


def _pdf_drawing(content: bytes, xobject: bytes | None) -> bytes:
    """A one-page PDF with no text: ``content`` drawn, with one XObject /X1 (its dictionary
    and stream) when given."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        + (b" /Resources << /XObject << /X1 5 0 R >> >>" if xobject else b"")
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    if xobject:
        objs.append(xobject)
    return docs.pdf_of_objects(objs)


def test_a_page_of_drawings_is_no_scanned_page_and_a_picture_is() -> None:
    grid = b"0 0 m 500 0 l 500 700 l S 0 350 m 500 350 l S"
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Length %d >>\nstream\n%s\nendstream" % (len(grid), grid)
    def image_of(side: int) -> bytes:
        return (
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
            b" /Length %d >>\nstream\n%s\nendstream" % (side, side, side * side, b"\x80" * (side * side))
        )

    image, logo = image_of(64), image_of(16)
    inline = b"q 100 0 0 100 50 50 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q"
    for content, xobject, scanned in [
        (b"q /X1 Do Q", form, False),  # a blank form's grid
        (grid, None, False),
        (b"q 100 0 0 100 50 50 cm /X1 Do Q", image, True),
        (b"q 100 0 0 100 50 50 cm /X1 Do Q", logo, False),  # too small to hold a line of text: a logo
        (b" ", image, False),  # a blank page that shares its resources with a page that draws the picture
        (inline, None, True),  # an image inline in the page's content
    ]:
        problems = docs.problems(docs.parse_attachment("p.pdf", _pdf_drawing(content, xobject), PDF))
        assert (("unsupported", "attachment p.pdf, page 1", True) in problems) is scanned, content


def test_a_page_of_a_megabyte_of_drawing_still_has_the_text_of_its_forms_read() -> None:
    paths = b"0 0 m 10 10 l S\n" * 80_000  # over a megabyte of drawing, no text object
    assert not docs.problems(docs.parse_attachment("map.pdf", _pdf_drawing(paths, None), PDF))
    shown = f"BT /F1 12 Tf 72 720 Td (NHS number {spaced(N[5])}) Tj ET".encode()
    form = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 << /Type /Font"
        b" /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Length %d >>\nstream\n%s\nendstream" % (len(shown), shown)
    )
    texts = docs.texts(docs.parse_attachment("map.pdf", _pdf_drawing(paths + b"q /X1 Do Q", form), PDF))
    assert spaced(N[5]) in texts["attachment map.pdf, page 1"]


def test_a_page_whose_font_names_no_characters_is_unscannable() -> None:
    made_up = b"/BaseFont /ABCDEF+Custom /Encoding << /Type /Encoding /Differences [65 " + b" ".join(
        b"/g%d" % i for i in range(1, 27)
    ) + b"] >>"
    unmapped = _pdf_with_font(made_up, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGH")
    assert docs.problems(docs.parse_attachment("u.pdf", unmapped, "application/pdf")) == {
        ("unsupported", "attachment u.pdf, page 1", True)
    }
    # codes that are a TrueType font's glyph numbers (character - 29): the letters come out
    # as other letters, the spaces and digits as control characters
    letter = "Dear Mrs Roe, your NHS number is 452 621 4299. Diagnosis: HIV. Please attend clinic."
    shifted = bytes(ord(c) - 29 for c in letter)
    for a, b in ((b"\\", b"\\\\"), (b"(", b"\\("), (b")", b"\\)"), (b"\r", b"\\r"), (b"\n", b"\\n")):
        shifted = shifted.replace(a, b)
    glyph_codes = _pdf_with_font(b"/BaseFont /ABCDEF+Custom", shifted)
    assert docs.problems(docs.parse_attachment("g.pdf", glyph_codes, "application/pdf")) == {
        ("unsupported", "attachment g.pdf, page 1", True)
    }
    readable = _pdf_with_font(b"/BaseFont /Helvetica", b"Clinic letter for the ward, see /g1 and /g2 below")
    assert not docs.problems(docs.parse_attachment("r.pdf", readable, "application/pdf"))


def test_a_letter_spaced_page_is_read_with_its_letters_joined() -> None:
    # data/README.md: each glyph its own text object, as some report writers draw them
    data = (Path(__file__).parent / "data" / "pdf_letter_spaced.pdf").read_bytes()
    texts = docs.texts(docs.parse_attachment("report.pdf", data, PDF))
    assert "Date of Birth: 12/03/1947" in texts["attachment report.pdf, page 1, letters joined"].splitlines()
    v = docs.verdict(docs.message(("report.pdf", PDF, data)))
    assert "patient_health_data_external" in v.rules
    # an ordinary page gets no second reading
    plain = docs.texts(docs.parse_attachment("l.pdf", docs.pdf(["Dear colleague, the clinic moved."]), PDF))
    assert not [where for where in plain if "letters joined" in where]
