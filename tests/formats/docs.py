"""Builders for the documents the format tests read: all generated here, with synthetic numbers."""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Iterable

from dlpgate.mime import parse
from dlpgate.types import Limits, ParsedMessage
from tests.synthetic import build_message

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
OCTET = "application/octet-stream"


def message(*attachments: tuple[str, str, bytes], body: str = "Please see attached.") -> bytes:
    return build_message(body, attachments=list(attachments))


def parse_attachment(name: str, data: bytes, ctype: str = OCTET, limits: Limits | None = None) -> ParsedMessage:
    return parse(message((name, ctype, data)), limits or Limits())


def texts(parsed: ParsedMessage) -> dict[str, str]:
    """where -> all text found there (segments with the same where joined)."""
    out: dict[str, str] = {}
    for s in parsed.segments:
        out[s.where] = out[s.where] + "\n" + s.text if s.where in out else s.text
    return out


def problems(parsed: ParsedMessage) -> set[tuple[str, str, bool]]:
    return {(p.reason, p.where, p.severe) for p in parsed.problems}


# --- Office -------------------------------------------------------------------------


def xlsx(sheets: dict[str, list[list]], number_formats: dict[tuple[str, int, int], str] | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    for (title, r, c), fmt in (number_formats or {}).items():
        wb[title].cell(row=r, column=c).number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _w_par(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx_raw(
    body: Iterable[str] = (),
    table: list[list[str]] | None = None,
    textbox: str = "",
    header: str = "",
    footer: str = "",
    footnote: str = "",
    comment: str = "",
) -> bytes:
    """A minimal docx written part by part (python-docx cannot add footnotes or text boxes)."""
    parts = [_w_par(t) for t in body]
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc>{_w_par(c)}</w:tc>" for c in row) + "</w:tr>" for row in table)
        parts.append(f"<w:tbl>{rows}</w:tbl>")
    if textbox:
        box = f"<w:txbxContent>{_w_par(textbox)}</w:txbxContent>"
        parts.append(
            "<w:p><w:r><mc:AlternateContent>"
            f'<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="urn:wps">{box}</wps:txbx></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:textbox xmlns:v="urn:v">{box}</v:textbox></w:pict></mc:Fallback>'
            "</mc:AlternateContent></w:r></w:p>"
        )
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0"?><w:document {W} {MC}><w:body>{"".join(parts)}</w:body></w:document>',
    }
    if header:
        files["word/header1.xml"] = f"<w:hdr {W}>{_w_par(header)}</w:hdr>"
    if footer:
        files["word/footer1.xml"] = f"<w:ftr {W}>{_w_par(footer)}</w:ftr>"
    if footnote:
        files["word/footnotes.xml"] = (
            f'<w:footnotes {W}><w:footnote w:id="1">{_w_par(footnote)}</w:footnote></w:footnotes>'
        )
    if comment:
        files["word/comments.xml"] = f'<w:comments {W}><w:comment w:id="0">{_w_par(comment)}</w:comment></w:comments>'
    return zip_of(files)


def docx_lib(paragraph: str, header: str = "") -> bytes:
    """A docx written by python-docx (what Word-compatible tools produce)."""
    import docx

    d = docx.Document()
    d.add_paragraph(paragraph)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def encrypt_ooxml(data: bytes, password: str = "Secret123") -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def pptx(slide_text: str, table: list[list[str]] | None = None, notes: str = "") -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Clinic review"
    slide2 = prs.slides.add_slide(prs.slide_layouts[5])
    box = slide2.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    box.text_frame.text = slide_text
    if table:
        shape = slide2.shapes.add_table(len(table), len(table[0]), Inches(1), Inches(3), Inches(6), Inches(2))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                shape.table.cell(r, c).text = value
    if notes:
        slide2.notes_slide.notes_text_frame.text = notes
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def odt(paragraph: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    doc = OpenDocumentText()
    doc.text.addElement(P(text=paragraph))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def ods(title: str, rows: list[list]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=title)
    for row in rows:
        tr = TableRow()
        for value in row:
            if isinstance(value, int):
                # shown in scientific notation, stored as the whole number
                cell = TableCell(valuetype="float", value=str(value))
                cell.addElement(P(text=f"{value:.2E}"))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --- PDF ------------------------------------------------------------------------------


def pdf(pages: list[str]) -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=12)
    for text in pages:
        doc.add_page()
        doc.multi_cell(0, 8, text)
    return bytes(doc.output())


def pdf_with_image(png: bytes, text_page: str = "") -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=12)
    if text_page:
        doc.add_page()
        doc.multi_cell(0, 8, text_page)
    doc.add_page()
    doc.image(io.BytesIO(png), x=10, y=10, w=180)
    return bytes(doc.output())


def pdf_encrypted(data: bytes, user_password: str = "Secret123", owner_password: str | None = None) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def pdf_with_form_field(name: str, value: str | None, listed: bool = True, drawn: str | None = None,
                        kind: str = "/Tx") -> bytes:
    """A one-page PDF whose AcroForm has one filled-in text field (``listed``: in its
    /Fields array; else the array is null, and only the page's widget shows it; ``value``
    None: no /V). ``drawn``: the content of the widget's normal appearance, text shown
    in Helvetica ("(...) Tj"), or the stream itself when it holds an operator already."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NullObject, NumberObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject(kind),
            NameObject("/T"): TextStringObject(name),
            NameObject("/Rect"): ArrayObject(
                [NumberObject(50), NumberObject(700), NumberObject(300), NumberObject(720)]
            ),
        }
    )
    if value is not None:
        field[NameObject("/V")] = TextStringObject(value)
    if drawn is not None:
        field[NameObject("/AP")] = DictionaryObject({NameObject("/N"): appearance(writer, drawn)})
    ref = writer._add_object(field)
    page[NameObject("/Annots")] = ArrayObject([ref])
    fields = ArrayObject([ref]) if listed else NullObject()
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): fields})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def appearance(writer, drawn: str):
    """An appearance stream (a Form XObject with Helvetica as /Helv) added to ``writer``:
    ``drawn`` shown as text, or as the content itself when it is content already."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    stream = DecodedStreamObject()
    stream.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(250), NumberObject(20)]),
        NameObject("/Resources"): DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/Helv"): font})}),
    })
    content = drawn if (" BMC" in drawn or " re" in drawn) else f"/Tx BMC q BT /Helv 10 Tf 2 5 Td ({drawn}) Tj ET Q EMC"
    stream.set_data(content.encode("latin-1"))
    return writer._add_object(stream)


def png_text(lines: list[str]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=48)
    img = Image.new("L", (1500, 120 + 100 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 100 * i), line, font=font, fill=0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def page_image(fmt: str = "JPEG", size: tuple[int, int] = (1240, 1754), mode: str = "RGB", pages: int = 1,
               **save: object) -> bytes:
    """A letter as a scanner or a phone camera writes it: lines of dark text on a white page."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    for i in range(min(40, (size[1] - 200) // 38)):
        draw.text((100, 100 + 38 * i), "Dear Dr Example, thank you for seeing this lady in clinic today.",
                  fill=(20, 20, 20))
    img = img.convert(mode)
    buf = io.BytesIO()
    if pages > 1:
        img.save(buf, fmt, save_all=True, append_images=[img.copy() for _ in range(pages - 1)], **save)
    else:
        img.save(buf, fmt, **save)
    return buf.getvalue()


def photo_image(size: tuple[int, int] = (3024, 4032)) -> bytes:
    """A photo's colours: smooth gradients, no white paper."""
    from PIL import Image

    bands = [Image.linear_gradient("L").resize(size), Image.radial_gradient("L").resize(size),
             Image.linear_gradient("L").rotate(90).resize(size)]
    buf = io.BytesIO()
    Image.merge("RGB", bands).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _jpeg(img: object, **save: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85, **save)  # type: ignore[attr-defined]
    return buf.getvalue()


def _letter(size: tuple[int, int], lines: int = 18, paper: tuple[int, int, int] = (246, 245, 241)) -> object:
    """A typed letter: lines of print on a sheet of paper, its heading bold."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = size
    page = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=max(10, height // 70))
    y = height // 16
    for i in range(lines):
        text = ("Re: Mrs Example Patient, 12 Mill Lane" if i % 5 == 1 else
                "Thank you for seeing this lady with a six week history of pain." if i % 3 else "Yours sincerely,")
        draw.text((width // 11, y), text, fill=(35, 35, 40), font=font, stroke_width=1 if i == 0 else 0)
        y += height // 40
    return page


def desk_photo(size: tuple[int, int] = (1512, 2016), page: tuple[int, int] = (1100, 1556), angle: float = 2.5,
               desk: tuple[int, int, int] = (122, 84, 52), at: tuple[int, int] = (170, 200), shade: int = 0,
               turn_stored: bool = False, lines: int = 18) -> bytes:
    """A phone's photo of a letter lying on a desk: the page a little turned, desk around it;
    shade darkens the page towards its foot (the phone's shadow); turn_stored keeps the
    pixels on their side with the EXIF orientation (6) that shows them upright, as iPhones do."""
    from PIL import Image, ImageDraw

    photo = Image.new("RGB", size, desk)
    draw = ImageDraw.Draw(photo)
    for y in range(0, size[1], 9):  # the grain of the wood
        draw.line([(0, y), (size[0], y + 30)], fill=tuple(max(0, c - 12 + y % 23) for c in desk))
    sheet = _letter(page, lines)
    if shade:
        ramp = Image.linear_gradient("L").resize(page).point(lambda v: 255 - v * shade // 255)
        sheet = Image.composite(sheet, Image.new("RGB", page, (0, 0, 0)), ramp)
    turned = sheet.rotate(angle, expand=True, fillcolor=(0, 0, 0))  # type: ignore[attr-defined]
    mask = Image.new("L", page, 255).rotate(angle, expand=True)
    photo.paste(turned, at, mask)
    if not turn_stored:
        return _jpeg(photo)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Apple"
    return _jpeg(photo.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes())


def product_shot(size: tuple[int, int] = (1536, 2048)) -> bytes:
    """A product photographed on a white sweep: one broad dark object, a small label on it."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (244, 244, 244))
    draw = ImageDraw.Draw(img)
    w, h = size
    draw.rounded_rectangle((w * 0.3, h * 0.25, w * 0.7, h * 0.8), radius=60, fill=(40, 44, 52))
    draw.ellipse((w * 0.42, h * 0.35, w * 0.58, h * 0.47), fill=(90, 90, 95))
    draw.text((w * 0.42, h * 0.6), "PUMP 3000", fill=(230, 230, 230))
    return _jpeg(img)


def bar_chart(size: tuple[int, int] = (1200, 1600)) -> bytes:
    """A bar chart exported upright: bars in a few colours, axis labels, on white."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=22)
    w, h = size
    draw.line((120, 100, 120, h - 150), fill="black", width=3)
    draw.line((120, h - 150, w - 60, h - 150), fill="black", width=3)
    for i, (height, colour) in enumerate(zip((900, 600, 1100, 400, 750), ("#005eb8", "#41b6e6", "#005eb8", "#768692", "#41b6e6"), strict=True)):
        x = 170 + i * 200
        draw.rectangle((x, h - 150 - height, x + 120, h - 150), fill=colour)
        draw.text((x, h - 130), f"Q{i + 1}", fill="black", font=font)
    draw.text((300, 40), "ED attendances by quarter", fill="black", font=font)
    return _jpeg(img)


def snow_scene(size: tuple[int, int] = (1512, 2016)) -> bytes:
    """A snowy field under a grey sky, dark trees along its edge."""
    from PIL import Image, ImageDraw

    w, h = size
    img = Image.new("RGB", size, (238, 240, 244))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, w, h * 0.35), fill=(168, 176, 186))
    for x in range(0, w, 37):
        draw.rectangle((x, h * 0.25, x + 9 + x % 13, h * 0.38), fill=(48, 42, 38))
    for y in range(int(h * 0.45), h, 61):  # tracks in the snow
        draw.line((w * 0.3 + y % 50, y, w * 0.32 + y % 50, y + 30), fill=(205, 208, 214), width=4)
    return _jpeg(img)


def white_wall(size: tuple[int, int] = (1512, 2016)) -> bytes:
    """A white wall with a light switch and a skirting board, a little shaded."""
    from PIL import Image, ImageDraw

    w, h = size
    img = Image.linear_gradient("L").resize(size).point(lambda v: 250 - v // 12).convert("RGB")
    draw = ImageDraw.Draw(img)
    draw.rectangle((w * 0.6, h * 0.4, w * 0.68, h * 0.46), outline=(190, 190, 190), width=6)
    draw.rectangle((0, h * 0.93, w, h), fill=(120, 110, 100))
    return _jpeg(img)


def phone_screenshot(size: tuple[int, int] = (1170, 2532)) -> bytes:
    """An app's white screen on a phone: a coloured bar, lines of text, a tab bar."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = size
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=40)
    draw.rectangle((0, 0, w, 260), fill=(0, 94, 184))
    for i in range(30):
        draw.text((60, 320 + 62 * i), "Message from the ward team about the rota", fill=(30, 30, 30), font=font)
    draw.rectangle((0, h - 280, w, h), fill=(240, 240, 245))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def noise_photo(size: tuple[int, int] = (3024, 4032), seed: int = 5) -> bytes:
    """A busy photo's texture: coloured noise over a gradient, no paper in it."""
    import random

    from PIL import Image

    rng = random.Random(seed)
    small = Image.new("RGB", (96, 128))
    small.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(96 * 128)])
    return _jpeg(small.resize(size, Image.Resampling.BILINEAR))


# --- archives -----------------------------------------------------------------------


def zip_of(files: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in files.items():
            zf.writestr(name, data.encode() if isinstance(data, str) else data)
    return buf.getvalue()


def zip_with_encrypted_member(name: str, data: bytes, plain: dict[str, bytes] | None = None) -> bytes:
    """Set the 'encrypted' flag bit (0x1) on a member, which is what readers test
    (the stdlib cannot write real ZipCrypto)."""
    raw = bytearray(zip_of({**(plain or {}), name: data}, zipfile.ZIP_STORED))
    target = name.encode()
    for sig, flag_offset, name_offset in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        pos = 0
        while (pos := raw.find(sig, pos)) >= 0:
            if raw[pos + name_offset : pos + name_offset + len(target)] == target:
                raw[pos + flag_offset] |= 0x01
            pos += 4
    return bytes(raw)


def nested_zip(depth: int, inner_name: str, inner: bytes) -> bytes:
    data, name = inner, inner_name
    for level in range(depth):
        data, name = zip_of({name: data}), f"level{level}.zip"
    return data


def tar_gz(files: dict[str, bytes], compress: bool = True) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz" if compress else "w") as tf:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def seven_zip(files: dict[str, bytes], password: str | None = None) -> bytes:
    import py7zr

    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w", password=password, header_encryption=bool(password)) as z:
        for name, data in files.items():
            z.writestr(data, name)
    return buf.getvalue()


def dicom_dataset(sop_class: str, transfer_syntax: str):
    """An empty DICOM dataset with its file meta information (a new instance of ``sop_class``,
    written in ``transfer_syntax``), for a test to fill and write."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = transfer_syntax
    ds = Dataset()
    ds.file_meta = meta
    return ds


# --- verdicts -------------------------------------------------------------------------

_ENGINES: dict = {}


def engine(**inspection):
    """The default engine (every rule shipped), with inspection options changed."""
    from dlpgate import config, pipeline

    key = tuple(sorted(inspection.items()))
    if key not in _ENGINES:
        settings = config.from_mapping({"inspection": inspection} if inspection else {}, config.PROJECT_CONFIG_DIR)
        _ENGINES[key] = pipeline.build_engine(settings)
    return _ENGINES[key]


def verdict(raw: bytes, **inspection):
    from dlpgate import pipeline
    from dlpgate.types import Envelope

    env = Envelope("dr.jones@example-trust.nhs.uk", ("someone@partner.example.org",))
    return pipeline.inspect(raw, env, engine(**inspection))


def found(v, kind: str) -> dict[str, int]:
    """where -> count of findings of one kind."""
    out: dict[str, int] = {}
    for f in v.findings:
        if f.kind == kind:
            out[f.where] = out.get(f.where, 0) + f.count
    return out


def unscannable(v) -> set[tuple[str, str]]:
    return {(f.where, f.category) for f in v.findings if f.kind == "unscannable"}


def pdf_carriers(
    text: str = "A letter.",
    info: dict[str, str] | None = None,
    xmp_description: str = "",
    bookmark: str = "",
    attachment: tuple[str, bytes] | None = None,
    annotation: str = "",
    file_annotation: tuple[str, bytes] | None = None,
) -> bytes:
    """A PDF (fpdf2, then pypdf) carrying text outside its pages: metadata, XMP,
    an outline entry, an embedded file, a comment, a file attachment annotation."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Text
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([text]))))
    if info:
        writer.add_metadata(info)
    if xmp_description:
        xmp = (
            '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{xmp_description}</rdf:li></rdf:Alt></dc:description>'
            '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
        ).encode()
        stream = DecodedStreamObject()
        stream.set_data(xmp)
        stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    if bookmark:
        writer.add_outline_item(title=bookmark, page_number=0)
    if attachment:
        writer.add_attachment(*attachment)
    if annotation:
        writer.add_annotation(0, Text(text=annotation, rect=(50, 550, 200, 650)))
    if file_annotation:
        name, data = file_annotation
        ef = DecodedStreamObject()
        ef.set_data(data)
        ef[NameObject("/Type")] = NameObject("/EmbeddedFile")
        spec = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Filespec"),
                NameObject("/F"): TextStringObject(name),
                NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(ef)}),
            }
        )
        annot = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/FileAttachment"),
                NameObject("/Rect"): ArrayObject([FloatObject(x) for x in (10, 10, 30, 30)]),
                NameObject("/FS"): writer._add_object(spec),
            }
        )
        writer.add_annotation(0, annot)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def ole_with_stream(name: str, payload: bytes) -> bytes:
    """An OLE2 compound file holding one stream: xlwt's writer (it names its one
    stream "Workbook"), with the directory entry renamed."""
    from xlwt.CompoundDoc import XlsDoc

    buf = io.BytesIO()
    XlsDoc().save(buf, payload)
    raw = bytearray(buf.getvalue())
    at = raw.find("Workbook".encode("utf-16-le") + b"\x00\x00")
    raw[at : at + 64] = (name.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
    raw[at + 64 : at + 66] = (len(name) * 2 + 2).to_bytes(2, "little")
    return bytes(raw)


def ole_package_object(label: str, data: bytes) -> bytes:
    """An embedded file as Office's OLE Packager stores it (an ``\\x01Ole10Native`` stream)."""
    path = f"C:\\Users\\jones\\{label}".encode() + b"\x00"
    native = (
        b"\x02\x00" + label.encode() + b"\x00" + path + b"\x00\x00\x03\x00"
        + len(path).to_bytes(4, "little") + path + len(data).to_bytes(4, "little") + data
    )
    return ole_with_stream("\x01Ole10Native", len(native).to_bytes(4, "little") + native)


def ole_with_storage(storage: str, stream: str, payload: bytes, extra: bytes | None = None) -> bytes:
    """An OLE2 file holding ``storage/stream`` (an embedded object inside a legacy
    Excel or Word file): xlwt's one-stream file with its directory rewritten."""
    base = ole_with_stream("Workbook", payload)
    raw = bytearray(base)
    at = raw.find("Workbook".encode("utf-16-le") + b"\x00\x00")
    entry = bytes(raw[at : at + 128])
    sub = bytearray(entry)
    sub[0:64] = (stream.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
    sub[64:66] = (len(stream) * 2 + 2).to_bytes(2, "little")
    raw[at + 128 : at + 256] = sub  # entry 2: the stream, with the data of the old entry
    top = bytearray(entry)
    top[0:64] = (storage.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
    top[64:66] = (len(storage) * 2 + 2).to_bytes(2, "little")
    top[66] = 1  # a storage
    top[76:80] = (2).to_bytes(4, "little")  # whose child is entry 2
    top[116:124] = bytes(8)
    raw[at : at + 128] = top
    return bytes(raw)


def apple_file(entries: dict[int, bytes], single: bool = False) -> bytes:
    """An AppleSingle (with the file's data fork, entry 1) or AppleDouble file of these entries."""
    head = (b"\x00\x05\x16\x00" if single else b"\x00\x05\x16\x07") + b"\x00\x02\x00\x00" + bytes(16)
    head += len(entries).to_bytes(2, "big")
    offset, table, body = len(head) + 12 * len(entries), b"", b""
    for entry_id, data in entries.items():
        table += entry_id.to_bytes(4, "big") + (offset + len(body)).to_bytes(4, "big") + len(data).to_bytes(4, "big")
        body += data
    return head + table + body


# What a Mac writes beside each file: Finder info with its extended attributes, an empty resource fork.
FINDER_INFO = b"TEXTttxt" + bytes(24) + b"ATTR" + bytes(30) + b"com.apple.quarantine\x000083;66a0;Safari;\x00"
EMPTY_FORK = bytes(256) + b"This resource fork intentionally left blank   " + bytes(16)
APPLE_DOUBLE = apple_file({9: FINDER_INFO, 2: EMPTY_FORK})


def pdf_of_objects(objs: list[bytes]) -> bytes:
    """A PDF file of these objects (1 0 R its catalogue), with its cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def outlook_item(message_class: str, subject: str, body: str | None, attachments: list[tuple[str, str, bytes]] = ()) -> bytes:
    """An Outlook .msg item of ``message_class`` (its body property left out when ``body`` is
    None), with attachments by value as (file name, MIME tag, data): written with extract-msg's
    compound-file writer."""
    import struct

    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()

    def strings(storage: str, values: dict[int, str]) -> list[bytes]:
        props = []
        for pid, text in values.items():
            data = text.encode("utf-16-le")
            writer.addEntry(f"{storage}__substg1.0_{pid:04X}001F", data)
            props.append(struct.pack("<HHIII", 0x001F, pid, 6, len(data) + 2, 0))
        return props

    top = {0x001A: message_class, 0x0037: subject, 0x0C1A: "Dr Jones", 0x0C1F: "dr.jones@example-trust.nhs.uk"}
    if body is not None:
        top[0x1000] = body
    props = strings("", top)
    for i, (name, mime_tag, data) in enumerate(attachments):
        storage = f"__attach_version1.0_#{i:08X}/"
        writer.addEntry(storage[:-1], storage=True)
        att = strings(storage, {0x3707: name, 0x3001: name, 0x370E: mime_tag})
        writer.addEntry(f"{storage}__substg1.0_37010102", data)
        att.append(struct.pack("<HHIII", 0x0102, 0x3701, 6, len(data), 0))
        att.append(struct.pack("<HHIII", 0x0003, 0x3705, 6, 1, 0))  # attached by value
        writer.addEntry(f"{storage}__properties_version1.0", bytes(8) + b"".join(att))
    n = len(attachments)
    writer.addEntry("__properties_version1.0", struct.pack("<8sIIII8s", bytes(8), 0, n, 0, n, bytes(8)) + b"".join(props))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
