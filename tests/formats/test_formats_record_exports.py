"""Exports of records (contact cards, calendars, map points, JSON lists, XML records): a person's
name in one field of a record and a note of their health in another field of the same record
are health about an identifiable patient; a staff member's card, a clinic's or a team's
calendar, a map of services, a catalogue or an app's settings are not; and one record's name
is never joined with another record's health."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from dlpgate.types import Action
from tests.formats import docs


def _vcard(*cards: str) -> bytes:
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{card}END:VCARD\r\n" for card in cards).encode()


def _ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nUID:{i}@example.org\r\nDTSTART:2026120{i % 9 + 1}T090000Z\r\n{e}END:VEVENT\r\n"
                   for i, e in enumerate(events))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n{body}END:VCALENDAR\r\n".encode()


def _gpx(*points: tuple[str, str]) -> bytes:
    wpts = "".join(f'<wpt lat="51.5{i}" lon="-0.1{i}"><name>{n}</name><desc>{d}</desc></wpt>'
                   for i, (n, d) in enumerate(points))
    return f'<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">{wpts}</gpx>'.encode()


def _kml(*marks: tuple[str, str]) -> bytes:
    placemarks = "".join(f"<Placemark><name>{n}</name><description>{d}</description>"
                         f"<Point><coordinates>-0.1{i},51.5{i}</coordinates></Point></Placemark>"
                         for i, (n, d) in enumerate(marks))
    return ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
            f"<name>Round</name>{placemarks}</Document></kml>").encode()


def _json(value: object) -> bytes:
    return json.dumps(value, indent=1).encode()


VCF, ICS, GPX, KML, JSON, XML = ("text/vcard", "text/calendar", "application/gpx+xml",
                                 "application/vnd.google-earth.kml+xml", "application/json", "application/xml")

PATIENT_CARD = ("FN:Joan Example\r\nN:Example;Joan;;Mrs;\r\nADR;TYPE=HOME:;;12 High Street;Exampleton;;EX1 2AB;UK\r\n"
                "TEL;TYPE=HOME:01632 960123\r\nNOTE:Insulin 4pm\\, leg ulcer dressing twice weekly\r\n")

# (file name, content type, bytes): a patient's health in one record
HELD = [
    ("one patient's card", "joan.vcf", VCF, _vcard(PATIENT_CARD)),
    ("a card named by N only, with a phone", "peter.vcf", VCF,
     _vcard("N:Example;Peter;;Mr;\r\nTEL;TYPE=CELL:07700 900123\r\nNOTE:COPD\\, on home oxygen\r\n")),
    ("a district nurse's visits", "visits.ics", ICS, _ics(
        "SUMMARY:Visit Mrs Joan Example\r\nLOCATION:12 High Street\r\nDESCRIPTION:Insulin 4pm\\, leg ulcer dressing\r\n",
        "SUMMARY:Visit Mr Peter Example\r\nDESCRIPTION:COPD\\, on home oxygen - check saturations\r\n")),
    ("one visit", "visit.ics", ICS, _ics(
        "SUMMARY:Visit Mrs Joan Example\r\nDESCRIPTION:Insulin 4pm\\, leg ulcer dressing\r\n")),
    ("a waypoint", "round.gpx", GPX, _gpx(("Mrs Joan Example", "insulin 4pm, leg ulcer dressing"))),
    ("a round of waypoints", "round.gpx", GPX, _gpx(
        ("Joan Example", "insulin 4pm, leg ulcer dressing"), ("Peter Example", "COPD, on home oxygen"))),
    ("a map of placemarks", "round.kml", KML, _kml(
        ("Joan Example", "insulin 4pm, leg ulcer dressing"), ("Peter Example", "COPD, on home oxygen"))),
    ("a CRM's record", "clients.json", JSON, _json(
        [{"name": "Peter Example", "address": "12 High St", "notes": "COPD, on home oxygen"}])),
    ("a to-do app's list", "tasks.json", JSON, _json({"items": [
        {"title": "Dressing", "name": "Joan Example", "notes": "leg ulcer dressing, insulin 4pm"},
        {"title": "Call", "name": "Peter Example", "notes": "COPD, on home oxygen"}]})),
    ("XML records", "patients.xml", XML,
     b"<?xml version='1.0'?><people><person><fullName>Peter Example</fullName><address>12 High St</address>"
     b"<notes>COPD, on home oxygen</notes></person></people>"),
]

# A record set of staff or services, or names and health terms in different records
DELIVERED = [
    ("a specialist nurse's card", "nurse.vcf", VCF, _vcard(
        "FN:Jane Example\r\nN:Example;Jane;;;\r\nTITLE:Diabetes Specialist Nurse\r\nORG:Example NHS Trust\r\n"
        "TEL;TYPE=WORK:01632 960456\r\nNOTE:Diabetes clinic Tuesdays and Thursdays\r\n")),
    ("a team's calendar", "team.ics", ICS, _ics(
        "SUMMARY:Diabetes clinic - Dr Example\r\nLOCATION:Outpatients\r\n",
        "SUMMARY:Asthma review clinic\r\nDESCRIPTION:Nurse-led asthma reviews\r\n",
        "SUMMARY:Team meeting re: falls pathway\r\nDESCRIPTION:Agenda: falls pathway\\, pressure ulcer audit\r\n")),
    ("a public events calendar", "events.ics", ICS, _ics(
        "SUMMARY:Dementia awareness coffee morning\r\nDESCRIPTION:Open to all\\, learn about dementia support\r\n",
        "SUMMARY:Diabetes prevention talk\r\nDESCRIPTION:A talk on type 2 diabetes\r\n")),
    ("a map of pharmacies and surgeries", "services.kml", KML, _kml(
        ("Boots Pharmacy", "asthma clinic Tuesdays"), ("Example Road Surgery", "diabetes clinic, flu jabs"),
        ("Example Health Centre", "COPD and asthma clinics"))),
    ("a map of pharmacies (GPX)", "services.gpx", GPX, _gpx(
        ("Boots Pharmacy", "asthma clinic Tuesdays"), ("Lloyds Pharmacy", "diabetes checks"))),
    ("a product catalogue", "catalogue.json", JSON, _json([
        {"name": "Blood glucose meter", "description": "For people with diabetes", "price": 19.99},
        {"name": "Inhaler spacer", "description": "For asthma inhalers", "price": 4.5}])),
    ("an app's settings", "config.json", JSON, _json({"app": {"name": "Asthma Diary", "theme": "dark"}, "plugins": [
        {"name": "reminders", "description": "inhaler reminders for asthma"},
        {"name": "export", "description": "export your COPD diary"}]})),
    ("names and health in different records", "list.json", JSON, _json([
        {"name": "Peter Example", "address": "12 High St", "notes": "Call back Monday"},
        {"name": "Boots Pharmacy", "address": "1 Market Sq", "notes": "COPD, on home oxygen, insulin"}])),
    ("cards: a name in one, a note in another", "contacts.vcf", VCF, _vcard(
        "FN:Joan Example\r\nTEL;TYPE=HOME:01632 960123\r\nNOTE:Prefers mornings\r\n",
        "FN:Example Road Surgery\r\nNOTE:Leg ulcer clinic\\, insulin reviews\r\n")),
    ("events: a name in one, health in another", "visits.ics", ICS, _ics(
        "SUMMARY:Visit Mrs Joan Example\r\nDESCRIPTION:Bring the new key code\r\n",
        "SUMMARY:Audit\r\nDESCRIPTION:leg ulcer dressing audit\\, insulin storage audit\r\n")),
]


@pytest.mark.parametrize("declared", [True, False], ids=["declared type", "octet-stream"])
@pytest.mark.parametrize("label, name, ctype, data", HELD, ids=[c[0] for c in HELD])
def test_a_patients_record_is_held(label: str, name: str, ctype: str, data: bytes, declared: bool) -> None:
    # (by what the bytes are, whatever the type it is sent as)
    v = docs.verdict(docs.message((name, ctype if declared else docs.OCTET, data)))
    assert v.action == Action.HOLD, label
    assert any(f.kind == "patient_identifier" for f in v.findings)


@pytest.mark.parametrize("label, name, ctype, data", DELIVERED, ids=[c[0] for c in DELIVERED])
def test_staff_services_and_split_records_are_delivered(label: str, name: str, ctype: str, data: bytes) -> None:
    v = docs.verdict(docs.message((name, ctype, data)))
    assert v.action == Action.DELIVER, (label, [(f.kind, f.where, f.category) for f in v.findings])


def test_records_read_one_row_each() -> None:
    parsed = docs.parse_attachment("contacts.vcf", _vcard(PATIENT_CARD, "FN:Peter Example\r\nNOTE:COPD\r\n"), VCF)
    table = next(s for s in parsed.segments if s.where == "attachment contacts.vcf, records")
    assert table.tabular
    assert table.text.splitlines() == [
        "Name\tAddress\tPhone\tNotes",
        "Joan Example\t12 High Street, Exampleton, EX1 2AB, UK\t01632 960123\tInsulin 4pm, leg ulcer dressing twice weekly",
        "Peter Example\t\t\tCOPD",
    ]


def test_an_events_alarm_stays_in_its_event() -> None:
    ics = _ics("SUMMARY:Visit Mrs Joan Example\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\n"
               "END:VALARM\r\nDESCRIPTION:Insulin 4pm\\, leg ulcer dressing\r\n")
    parsed = docs.parse_attachment("visit.ics", ics, ICS)
    table = next(s for s in parsed.segments if s.where == "attachment visit.ics, records")
    assert table.text.splitlines()[1:] == ["Mrs Joan Example\tVisit Mrs Joan Example\tInsulin 4pm, leg ulcer dressing"]


@pytest.mark.parametrize("label, name, ctype, data", HELD[:1] + HELD[4:5] + HELD[7:8],
                         ids=["vcf", "gpx", "json"])
def test_in_a_zip_too(label: str, name: str, ctype: str, data: bytes) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(f"export/{name}", data)
    v = docs.verdict(docs.message(("export.zip", "application/zip", buf.getvalue())))
    assert v.action == Action.HOLD, label


def test_a_phones_contacts_colleagues_apart() -> None:
    # a district nurse's phone: her colleagues' cards (a job title, an organisation) and her
    # patients' cards; the colleagues' columns say nothing of the patients' cards
    data = _vcard(
        "FN:Jane Example\r\nTITLE:Diabetes Specialist Nurse\r\nORG:Example NHS Trust\r\nNOTE:insulin starts\r\n",
        "FN:Joan Example\r\nTEL;TYPE=HOME:01632 960123\r\nNOTE:leg ulcer dressing Mon/Thu\r\n",
        "FN:Peter Example\r\nTEL;TYPE=HOME:01632 960124\r\nNOTE:COPD\\, home oxygen\r\n")
    v = docs.verdict(docs.message(("contacts.vcf", VCF, data)))
    assert v.action == Action.HOLD
    assert {f.where for f in v.findings if f.kind == "patient_identifier"} == {"attachment contacts.vcf, records"}


def test_a_json_records_person_inside_it() -> None:
    data = _json({"visits": [
        {"time": "09:00", "patient": {"name": "Joan Example", "postcode": "EX1 2AB"}, "task": "leg ulcer dressing"},
        {"time": "10:30", "patient": {"name": "Peter Example", "postcode": "EX1 3CD"}, "task": "COPD review, oxygen"}]})
    parsed = docs.parse_attachment("visits.json", data, JSON)
    table = next(s for s in parsed.segments if s.where == "attachment visits.json, records")
    assert table.text.splitlines()[0] == "Time\tPatient name\tPatient postcode\tTask"
    assert docs.verdict(docs.message(("visits.json", JSON, data))).action == Action.HOLD


def test_json_read_by_its_values_and_its_records_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from dlpgate.mime.formats import text as text_fmt

    calls: list[str] = []
    parse = text_fmt.json_documents

    def counted(text: str) -> text_fmt.Documents:
        calls.append(text)
        return parse(text)

    monkeypatch.setattr(text_fmt, "json_documents", counted)
    data = _json({
        "blocks": [{"type": "rich_text", "elements": [{"type": "text", "text": "Mr Leonard Example"},
                                                       {"type": "text", "text": " in bay 2 - new diagnosis"}]}],
        "visits": [{"name": "Joan Example", "task": "leg ulcer dressing"},
                   {"name": "Peter Example", "task": "COPD review"}]})
    places = [s.where for s in docs.parse_attachment("chat.json", data, JSON).segments]
    assert places.count("attachment chat.json") == 2  # the text and its values
    assert "attachment chat.json, records" in places  # ... and its records: one parse between them
    assert len(calls) == 1
