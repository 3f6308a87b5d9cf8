"""exposed_recipients: webmail individuals or many organisations visible in To/Cc."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlpgate.detectors import exposed_recipients
from dlpgate.detectors.base import DetectorConfigError
from dlpgate.types import DetectorContext, ParsedMessage, Segment

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")

CTX = DetectorContext(
    internal_domains=("trust.nhs.uk", "Example-Hospital.org.uk"),
    secure_domains=("nhs.net", "gov.uk"),
    config_dir=CONFIG,
)
DETECTOR = exposed_recipients.build(exposed_recipients.DEFAULTS, CTX)


def detect(to=(), cc=(), **kw):
    msg = ParsedMessage(segments=(Segment("", "message body"),), to=tuple(to), cc=tuple(cc), **kw)
    return DETECTOR.detect(msg)


def orgs(n: int, start: int = 0) -> list[str]:
    return [f"person{i}@org{i}.co.uk" for i in range(start, start + n)]


CASES = [
    # label, to, cc, exposed, count
    ("two webmail individuals", ["a@gmail.com", "b@hotmail.co.uk"], [], True, 2),
    ("webmail split over To and Cc", ["a@yahoo.co.uk"], ["B <b@btinternet.com>"], True, 2),
    ("one webmail individual", ["a@gmail.com", "x@trust.nhs.uk"], [], False, 1),
    ("same webmail address twice", ["a@gmail.com", "A <A@Gmail.com>"], [], False, 1),
    ("webmail plus organisations", ["a@gmail.com", "b@outlook.com", "c@acme.com"], [], True, 3),
    ("ten organisation domains", orgs(10), [], True, 10),
    ("nine organisation domains", orgs(9), [], False, 9),
    ("nine orgs plus one in Cc", orgs(9), orgs(1, 9), True, 10),
    ("many at one organisation", [f"p{i}@acme.co.uk" for i in range(40)], [], False, 40),
    ("a company's subdomains are one organisation", [f"p{i}@branch{i}.acme.co.uk" for i in range(12)], [], False, 12),
    ("a university's staff and students are one organisation, five universities five",
     [f"s{i}@{d}leeds{i}.ac.uk" for i in range(5) for d in ("", "student.")], [], False, 10),
    ("one person's plus-addressed alias is the same inbox",
     ["Sam <sam.jones+hospital@outlook.com>", "Sam <sam.jones@outlook.com>"], [], False, 1),
    ("an invisible character after an address is still its domain",
     ["a@sky.com\u200b", "b@gmail.com\u2060"], [], True, 2),
    ("a firm's .com and .co.uk domains are one organisation: five firms are five",
     [f"p{i}@firm{i}.{tld}" for i in range(5) for tld in ("com", "co.uk")], [], False, 10),
    ("ten firms, each under its own name, are ten organisations whatever their suffixes",
     [f"p{i}@firm{i}.{('com', 'co.uk', 'org', 'org.uk', 'net')[i % 5]}" for i in range(10)], [], True, 10),
    ("a public service's bodies are one organisation (12 trusts under nhs.uk)",
     [f"p{i}@trust{i}.nhs.uk" for i in range(12)], [], False, 12),
    ("a multi-agency meeting: trusts, councils, police, schools",
     [f"p{i}@trust{i}.nhs.uk" for i in range(4)] + [f"c{i}@council{i}.gov.uk" for i in range(3)]
     + ["d@merseyside.police.uk", "e@oakfield.sch.uk", "f@charity.org.uk"], [], False, 10),
    ("internal addresses only", [f"p{i}@trust.nhs.uk" for i in range(20)], [], False, 0),
    ("internal subdomain", ["a@mail.trust.nhs.uk", "b@gmail.com"], [], False, 1),
    ("internal domain case-insensitive", ["a@EXAMPLE-hospital.org.uk", "b@gmail.com"], [], False, 1),
    ("secure domains are external for exposure",
     [f"p{i}@org{i}.co.uk" for i in range(9)] + ["a@nhs.net"], [], True, 10),
    ("nhs.net webmail-like but not webmail", [f"p{i}@nhs.net" for i in range(30)], [], False, 30),
    ("display names and quoting",
     ['"Smith, Ann" <ann@gmail.com>', "Bob Jones <bob@icloud.com>"], [], True, 2),
    ("undisclosed recipients group", ["undisclosed-recipients:;"], [], False, 0),
    ("invalid but with a domain still counts", ["a@gmail.com", "bad..dots@hotmail.com"], [], True, 2),
    ("not an address at all", ["a@gmail.com", "nobody"], [], False, 1),
    ("empty", [], [], False, 0),
    ("consumer mail abroad and relay addresses",
     ["a@hotmail.ie", "b@yahoo.co.in", "c@privaterelay.appleid.com", "d@duck.com"], [], True, 4),
    ("BT's business mail is an organisation's", ["pharmacy1@btconnect.com", "pharmacy2@btconnect.com"], [], False, 2),
    ("Mail.ru's, Rambler's and Yandex's other domains",
     ["a@bk.ru", "b@list.ru", "c@inbox.ru", "d@rambler.ru", "e@yandex.ua", "f@ya.ru"], [], True, 6),
    ("older UK and European consumer mail",
     ["a@cableinet.co.uk", "b@lycos.co.uk", "c@compuserve.com", "d@wanadoo.fr", "e@email.cz", "f@hanmail.net"],
     [], True, 6),
    ("one Proton account under two of its domains", ["Sam <sam.a@proton.me>"], ["Sam <sam.a@pm.me>"], False, 1),
    ("one Proton account: protonmail.com, protonmail.ch and proton.me",
     ["sam.a@protonmail.com", "sam.a@protonmail.ch", "sam.a+rehab@proton.me"], [], False, 1),
    ("one Apple ID under icloud.com, me.com and mac.com", ["jo.b@icloud.com", "jo.b@me.com", "jo.b@mac.com"], [], False, 1),
    ("two Apple IDs at icloud.com and me.com", ["jo.b@icloud.com", "sam.c@me.com"], [], True, 2),
    ("two Proton accounts at proton.me and pm.me", ["sam.a@proton.me", "jo.b@pm.me"], [], True, 2),
    ("Proton keeps the dots Gmail drops", ["sam.a@proton.me", "sama@protonmail.com"], [], True, 2),
]


@pytest.mark.parametrize("label,to,cc,exposed,n", CASES, ids=[c[0] for c in CASES])
def test_cases(label, to, cc, exposed, n) -> None:
    found = detect(to, cc)
    assert bool(found) is exposed
    if exposed:
        (f,) = found
        assert f.count == n
        assert (f.kind, f.detector, f.where) == ("exposed_recipients", "exposed_recipients", "To/Cc headers")
        assert f.identifies_patient is False


def test_evidence_has_counts_only() -> None:
    to = ["ann@gmail.com", "bob@hotmail.com", "c@icloud.com", "d@yahoo.co.uk", "e@aol.com",
          "f@acme.com", "g@nhs.net", "h@trust.nhs.uk"]
    (f,) = detect(to)
    assert f.evidence == ("7 external addresses visible", "5 at webmail domains", "2 organisation domains")
    assert f.category == "webmail"
    assert not any("@" in e or "gmail" in e or "acme" in e for e in f.evidence)


def test_category_both() -> None:
    (f,) = detect(orgs(10) + ["a@gmail.com", "b@gmail.com"])
    assert f.category == "webmail+domains" and f.count == 12


def test_bcc_is_never_read() -> None:
    # ParsedMessage has no Bcc; envelope-only recipients are not in to/cc.
    assert detect(["a@gmail.com"]) == []


def test_options(tmp_path) -> None:
    (tmp_path / "webmail.txt").write_text("# mine\nexample.net\n", "utf-8")
    ctx = DetectorContext(internal_domains=("trust.nhs.uk",), config_dir=str(tmp_path))
    det = exposed_recipients.build(
        {**exposed_recipients.DEFAULTS, "min_webmail": 3, "min_domains": 3,
         "webmail_domains": "webmail.txt"}, ctx)
    msg = lambda to: ParsedMessage(segments=(), to=tuple(to))  # noqa: E731
    assert det.detect(msg(["a@example.net", "b@example.net"])) == []
    assert det.detect(msg(["a@example.net", "b@example.net", "c@example.net"]))[0].category == "webmail"
    assert det.detect(msg(["a@gmail.com", "b@x.com", "c@y.com"]))[0].category == "domains"


def test_shipped_webmail_list() -> None:
    domains = exposed_recipients.load_domain_list(f"{CONFIG}/webmail_domains.txt")
    required = """gmail.com googlemail.com hotmail.com hotmail.co.uk outlook.com live.com live.co.uk
        msn.com yahoo.com yahoo.co.uk ymail.com icloud.com me.com mac.com btinternet.com aol.com
        aol.co.uk sky.com virginmedia.com ntlworld.com talktalk.net protonmail.com proton.me gmx.com
        gmx.co.uk mail.com zoho.com tiscali.co.uk blueyonder.co.uk plus.net
        bk.ru list.ru inbox.ru internet.ru rambler.ru lenta.ru ro.ru autorambler.ru myrambler.ru
        yandex.ua yandex.by yandex.kz ya.ru yandex.com wanadoo.fr orange.fr free.fr laposte.net sfr.fr
        email.cz seznam.cz hanmail.net daum.net naver.com cableinet.co.uk lycos.co.uk lycos.com
        compuserve.com web.de gmx.de t-online.de libero.it virgilio.it wp.pl o2.pl interia.pl onet.pl
        abv.bg tuta.com fastmail.com hey.com qq.com 163.com 126.com yahoo.co.jp rediffmail.com
        ntlworld.com talk21.com btopenworld.com""".split()
    assert set(required) <= domains
    assert len(domains) > len(required)


def test_bad_options(tmp_path) -> None:
    with pytest.raises(DetectorConfigError, match="min_domains"):
        exposed_recipients.build({**exposed_recipients.DEFAULTS, "min_domains": 1}, CTX)
    with pytest.raises(DetectorConfigError, match="min_webmail"):
        exposed_recipients.build({**exposed_recipients.DEFAULTS, "min_webmail": 0}, CTX)
    with pytest.raises(DetectorConfigError, match="nope.txt"):
        exposed_recipients.build({**exposed_recipients.DEFAULTS, "webmail_domains": "nope.txt"}, CTX)


def test_resent_to_and_resent_cc_lists_are_counted():
    (f,) = detect(resent_to=("a@gmail.com",), resent_cc=("b@hotmail.co.uk",))
    assert f.count == 2 and f.category == "webmail"


def test_a_bcc_left_in_the_header_is_visible_and_counted():
    (f,) = detect(to=("a@gmail.com",), bcc=("b@gmail.com",))
    assert f.count == 2


@pytest.mark.parametrize(
    "addresses",
    [
        ("a%gmail.com@trust.nhs.uk", "b%hotmail.co.uk@trust.nhs.uk"),
        ('"a@gmail.com"@trust.nhs.uk', '"b@gmail.com"@trust.nhs.uk'),
        ("gmail.com!a@trust.nhs.uk", "hotmail.co.uk!b@trust.nhs.uk"),
    ],
)
def test_routed_local_parts_of_an_internal_domain_count_as_external(addresses):
    (f,) = detect(to=addresses)
    assert f.count == 2 and f.category == "webmail"


def test_recipients_in_where_replies_go_are_exposed_too() -> None:
    (f,) = detect(["clinic@trust.nhs.uk"], reply_to=("a@gmail.com", "b@hotmail.co.uk", "c@icloud.com"))
    assert f.count == 3
    # one or two people meant to get the replies (volunteer coordinators): no exposure
    assert detect(["clinic@trust.nhs.uk"], reply_to=("a@gmail.com", "b@hotmail.co.uk")) == []


def test_a_broken_quote_in_one_entry_hides_no_other() -> None:
    to = ['Smith, Jane " <jane.smith@gmail.com>,', "grace.wright@sky.com", "adaeze58@yahoo.co.uk"]
    assert [f.count for f in detect(to)] == [2]  # the two after it still count


def test_caldav_attendees_by_their_email_parameter() -> None:
    lines = "".join(f'ATTENDEE;CN="P{i}";CUTYPE=INDIVIDUAL;EMAIL="p{i}@gmail.com";PARTSTAT=NEEDS-ACTION:urn:uuid:'
                    f"00000000-0000-0000-0000-00000000000{i}\n" for i in range(5))
    cal = "BEGIN:VCALENDAR\nBEGIN:VEVENT\n" + lines + "END:VEVENT\nEND:VCALENDAR\n"
    msg = ParsedMessage(segments=(Segment(cal, "attachment invite.ics"),), to=("x@trust.nhs.uk",))
    assert [f.category for f in DETECTOR.detect(msg)] == ["attendees"]


def test_a_list_written_without_commas_shows_every_address() -> None:
    from dlpgate.mime import parse

    raw = b"From: a@trust.nhs.uk\r\nTo: p1@gmail.com p2@hotmail.co.uk\r\n p3@yahoo.co.uk\r\nSubject: x\r\n\r\nhi\r\n"
    msg = parse(raw)
    assert {a.lower() for a in msg.to} >= {"p1@gmail.com", "p2@hotmail.co.uk", "p3@yahoo.co.uk"}
    (f,) = DETECTOR.detect(msg)
    assert f.count == 3


def invitation(*attendees: str) -> str:
    lines = "".join(f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE;CN=P {i}:mailto:{a}\n" for i, a in enumerate(attendees))
    return f"BEGIN:VCALENDAR\nBEGIN:VEVENT\nORGANIZER;CN=Clinic:mailto:clinic@trust.nhs.uk\n{lines}END:VEVENT\nEND:VCALENDAR\n"


def test_a_meeting_invitations_attendees_are_exposed_to_each_other() -> None:
    group = ("a@gmail.com", "b@hotmail.co.uk", "c@icloud.com", "d@yahoo.co.uk", "e@outlook.com")
    ics = invitation(*group)
    msg = ParsedMessage(segments=(Segment(ics, "message body (calendar)"),), to=("clinic@trust.nhs.uk",))
    (f,) = DETECTOR.detect(msg)
    assert (f.category, f.count, f.where) == ("attendees", 5, "meeting invitation's attendee list")
    # vCalendar 1.0 writes the address without "mailto:"
    vcs = ics.replace("mailto:", "").replace("BEGIN:VCALENDAR", "BEGIN:VCALENDAR\nVERSION:1.0")
    assert [f.category for f in DETECTOR.detect(ParsedMessage(segments=(Segment(vcs, "attachment a.vcs"),)))] == [
        "attendees"]
    # a video consultation with a patient, family and an interpreter; partners' staff: not an exposure
    for few in (invitation(*group[:3]), invitation(*orgs(12))):
        assert DETECTOR.detect(ParsedMessage(segments=(Segment(few, "message body (calendar)"),))) == []


def test_attendees_outlook_could_not_resolve_have_their_address_in_their_name() -> None:
    group = ("a@gmail.com", "b@hotmail.co.uk", "c@icloud.com", "d@yahoo.co.uk", "e@outlook.com")
    lines = "".join(f'ATTENDEE;CN="{a}";RSVP=TRUE:invalid:nomail\n' for a in group)
    ics = f"BEGIN:VCALENDAR\nBEGIN:VEVENT\n{lines}END:VEVENT\nEND:VCALENDAR\n"
    (f,) = DETECTOR.detect(ParsedMessage(segments=(Segment(ics, "attachment a.ics"),), to=("a@gmail.com",)))
    assert (f.category, f.count) == ("attendees", 5)
    few = ics.replace(lines, "".join(lines.splitlines(keepends=True)[:3]))
    assert DETECTOR.detect(ParsedMessage(segments=(Segment(few, "attachment a.ics"),))) == []


def test_private_people_listed_in_a_calendars_description_are_exposed_to_each_other() -> None:
    group = ("a@gmail.com", "b@hotmail.co.uk", "c@icloud.com", "d@yahoo.co.uk", "e@outlook.com")
    for listed in ("DESCRIPTION:\nGroup: class 4\nConfirmed attendees: " + "; ".join(group) + "\n",
                   "X-ALT-DESC;FMTTYPE=text/html:\nWho is coming:\n" + "".join(f"P {i}\t{a}\n" for i, a in
                                                                           enumerate(group))):
        ics = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:grp-1@bookings.trust.nhs.uk\n" + listed
               + "ORGANIZER;CN=Clinic:mailto:clinic@trust.nhs.uk\nEND:VEVENT\nEND:VCALENDAR\n")
        (f,) = DETECTOR.detect(ParsedMessage(segments=(Segment(ics, "attachment class.ics"),), to=("a@gmail.com",)))
        assert (f.category, f.count) == ("attendees", 5)
    # a description's contacts: a group's own mailboxes, two people, the organiser: no list of people
    contacts = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDESCRIPTION:Questions? hivpeers@gmail.com or info@charity.org.uk"
                ", or Jo (jo.example@gmail.com), Sam (sam.example@hotmail.com)\nORGANIZER;CN=Jo:mailto:jo.ex@gmail.com\n"
                "END:VEVENT\nEND:VCALENDAR\n")
    assert DETECTOR.detect(ParsedMessage(segments=(Segment(contacts, "attachment a.ics"),))) == []
    # a feed's events, each naming its own contact
    feed = "BEGIN:VCALENDAR\n" + "".join(f"BEGIN:VEVENT\nSUMMARY:Open day {i}\nCONTACT:Jo {i}; {a}\nEND:VEVENT\n"
                                          for i, a in enumerate(group)) + "END:VCALENDAR\n"
    assert DETECTOR.detect(ParsedMessage(segments=(Segment(feed, "attachment feed.ics"),))) == []


def test_vcalendar_attendees_written_with_their_names() -> None:
    # vCalendar 1.0's own form: the person's name, then the address in angle brackets
    group = ("lr69@sky.com", "a_nowak@virginmedia.com", "i.fraser6@live.co.uk", "lloyd.c@yahoo.com", "ko@talktalk.net")
    lines = "".join(
        f"ATTENDEE;ROLE=ATTENDEE;STATUS=NEEDS ACTION;RSVP=YES:Person {i} <{a}>\n" for i, a in enumerate(group)
    )
    vcs = f"BEGIN:VCALENDAR\nVERSION:1.0\nBEGIN:VEVENT\n{lines}END:VEVENT\nEND:VCALENDAR\n"
    (f,) = DETECTOR.detect(ParsedMessage(segments=(Segment(vcs, "attachment session.vcs"),), to=("v@charity.org.uk",)))
    assert (f.category, f.count) == ("attendees", 5)
    mailto = vcs.replace(" <", " <mailto:")
    assert [f.count for f in DETECTOR.detect(ParsedMessage(segments=(Segment(mailto, "attachment a.vcs"),)))] == [5]
    # three named people (a consultation with family) are not an exposure
    few = vcs.replace(lines, "".join(lines.splitlines(keepends=True)[:3]))
    assert DETECTOR.detect(ParsedMessage(segments=(Segment(few, "attachment a.vcs"),))) == []


def test_an_exposed_attendee_list_is_held_not_rewritten() -> None:
    from dlpgate import policy
    from dlpgate.config import DEFAULT_RULES
    from dlpgate.types import Action

    ics = invitation("a@gmail.com", "b@hotmail.co.uk", "c@icloud.com", "d@yahoo.co.uk", "e@outlook.com")
    msg = ParsedMessage(segments=(Segment(ics, "message body (calendar)"),), to=("a@gmail.com", "b@hotmail.co.uk"))
    findings = DETECTOR.detect(msg)
    assert {f.category for f in findings} == {"webmail", "attendees"}
    assert policy.decide(findings, list(DEFAULT_RULES.values()), True)[0] == Action.HOLD
    header_only = [f for f in findings if f.category != "attendees"]
    assert policy.decide(header_only, list(DEFAULT_RULES.values()), True)[0] == Action.REWRITE


def test_people_the_header_exposes_who_are_attendees_too_are_held_however_few() -> None:
    from dlpgate import policy
    from dlpgate.config import DEFAULT_RULES
    from dlpgate.types import Action

    rules = list(DEFAULT_RULES.values())
    staff = ("mark.ellis@trust.nhs.uk", "anne.lewis@trust.nhs.uk")
    patients = ("a.b@gmail.com", "c.d@hotmail.co.uk", "e.f@icloud.com")
    for few in (patients[:2], patients):  # fewer than min_attendees: a rewrite would leave them seeing each other
        # one of them written as another spelling of the same inbox in the invitation
        ics = invitation(*staff, *few[:-1], few[-1].replace("@icloud.com", "@me.com"))
        msg = ParsedMessage(segments=(Segment(ics, "attachment invite.ics"),), to=few, cc=staff)
        findings = DETECTOR.detect(msg)
        assert sorted((f.category, f.count) for f in findings) == [("attendees", len(few)), ("webmail", len(few))]
        assert policy.decide(findings, rules, True)[0] == Action.HOLD
    # the header's people are not the invitation's (one of them is): the rewrite hides them
    ics = invitation(*staff, patients[0], "x.y@yahoo.co.uk")
    msg = ParsedMessage(segments=(Segment(ics, "attachment invite.ics"),), to=patients)
    assert [f.category for f in DETECTOR.detect(msg)] == ["webmail"]
    # an invitation alone keeps min_attendees; staff and one outside speaker are no exposure
    msg = ParsedMessage(segments=(Segment(invitation(*patients), "attachment invite.ics"),), to=patients[:1])
    assert DETECTOR.detect(msg) == []
    speaker = (*staff, "j.smith@leeds.ac.uk")
    msg = ParsedMessage(segments=(Segment(invitation(*speaker), "attachment invite.ics"),), to=speaker)
    assert DETECTOR.detect(msg) == []


GLUED_LISTS = {
    "bidi embedding marks around bare addresses": "\u202aa.b@gmail.com\u202c, \u202ac.d@hotmail.co.uk\u202c",
    "bidi isolates inside the angle brackets": "\u2068A B\u2069 <\u2066a.b@gmail.com\u2069>, \u2068C D\u2069 <\u2066c.d@outlook.com\u2069>",
    "Word's curly quotes": "\u201ca.b@gmail.com\u201d, \u201cc.d@hotmail.co.uk\u201d",
    "guillemets": "A B \u00aba.b@gmx.de\u00bb, C D \u00abc.d@web.de\u00bb",
    "HTML-escaped angle brackets": "A B &lt;a.b@gmail.com&gt;, C D &lt;c.d@yahoo.co.uk&gt;",
}


@pytest.mark.parametrize("name", list(GLUED_LISTS))
def test_characters_glued_to_addresses_hide_no_webmail_domain(name) -> None:
    from dlpgate.mime import parse

    raw = f"From: a@trust.nhs.uk\r\nTo: {GLUED_LISTS[name]}\r\nSubject: x\r\n\r\nhi\r\n".encode()
    assert [(f.category, f.count) for f in DETECTOR.detect(parse(raw))] == [("webmail", 2)], name


def test_one_person_with_glued_characters_is_one() -> None:
    from dlpgate.mime import parse

    raw = "From: a@trust.nhs.uk\r\nTo: \u201ca.b@gmail.com\u201d, A B &lt;a.b@gmail.com&gt;\r\n\r\nhi\r\n".encode()
    assert DETECTOR.detect(parse(raw)) == []


def test_an_address_pasted_into_outlook_is_one_address_not_two() -> None:
    # Outlook shows a pasted address as its own display name in single quotes: one person
    # each, at their own organisation: five organisations, counted twice, would reach ten
    from dlpgate.mime import parse

    people = [f"person@org{i}.com" for i in range(5)]
    to = ", ".join(f"'{a}' <{a}>" for a in people)
    raw = f"From: a@trust.nhs.uk\r\nTo: {to}\r\nSubject: x\r\n\r\nhi\r\n".encode()
    assert DETECTOR.detect(parse(raw)) == []
    webmail = ", ".join(f"'{a}' <{a}>" for a in ("a.b@gmail.com", "c.d@hotmail.co.uk", "e.f@yahoo.com"))
    raw = f"From: a@trust.nhs.uk\r\nTo: {webmail}\r\nSubject: x\r\n\r\nhi\r\n".encode()
    assert [(f.category, f.count) for f in DETECTOR.detect(parse(raw))] == [("webmail", 3)]


def test_a_persons_other_address_in_their_display_name_is_no_second_person() -> None:
    from dlpgate.mime import parse

    one = '"Jane Reid (also jane.reid@gmail.com)" <janereid@hotmail.co.uk>'
    raw = f"From: a@trust.nhs.uk\r\nTo: {one}\r\nSubject: x\r\n\r\nhi\r\n".encode()
    assert DETECTOR.detect(parse(raw)) == []
    # with another patient beside her: two people
    raw = f"From: a@trust.nhs.uk\r\nTo: {one}, grace.wright@sky.com\r\nSubject: x\r\n\r\nhi\r\n".encode()
    assert [(f.category, f.count) for f in DETECTOR.detect(parse(raw))] == [("webmail", 2)]


@pytest.mark.parametrize(("address", "private"), [
    ("jane.example77@gmail.com", True),
    ("a.example@btinternet.com", True),
    ("Jane.Example+clinic@googlemail.com", True),
    ("s.rossi.family@icloud.com", True),
    # an organisation's or a role's mailbox at a webmail domain
    ("hivpeers@gmail.com", False),
    ("diabetes.support@hotmail.co.uk", False),
    ("info@btinternet.com", False),
    ("ppg.group@outlook.com", False),
    # an organisation's domain; no address at all
    ("jane.example@example-trust.nhs.uk", False),
    ("sales@medequip.example.co.uk", False),
    ("not an address", False),
])
def test_a_private_persons_own_mailbox(address: str, private: bool) -> None:
    webmail = exposed_recipients.load_domain_list(exposed_recipients.SHIPPED_WEBMAIL)
    assert exposed_recipients.private_mailbox(address, webmail) is private
