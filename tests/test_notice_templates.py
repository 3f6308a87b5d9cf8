"""Notices read by clinicians: templates a trust can replace, a contact, plain reasons,
a Subject that names the original with the flagged parts masked."""

from __future__ import annotations

import email
from email import policy

import pytest

from dlpgate import config
from dlpgate.actions import notice
from dlpgate.types import Action, Envelope, Finding, RuleHit, Verdict
from tests.synthetic import nhs_numbers

NHS = nhs_numbers(2, seed=5)
SENDER = "dr.jones@leeds-trust.nhs.uk"
EXT = "someone@partner.example.org"


def settings(tmp_path, **sections):
    data = {"domains": {"internal": ["leeds-trust.nhs.uk"]}, "notices": {"sender": "dlpgate@leeds-trust.nhs.uk"}}
    for key, table in sections.items():
        data.setdefault(key, {}).update(table)
    return config.from_mapping(data, tmp_path)


def held_verdict(subject: str, rules=("health_identifier_external",), where="subject") -> Verdict:
    return Verdict(
        action=Action.HOLD,
        hits=tuple(RuleHit(r, Action.HOLD) for r in rules),
        findings=(Finding("nhs_number", "nhs_number", where, 1), Finding("health_terms", "health_terms", "message body", 2, category="mental_health")),
        external_recipients=(EXT,),
        subject=subject,
    )


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def test_hold_notice_names_the_original_masked_gives_contact_and_plain_reasons(tmp_path):
    s = settings(tmp_path, notices={"contact": {"name": "the IG team", "email": "ig@leeds-trust.nhs.uk", "phone": "0113 000 0000"}})
    subject = f"Schizophrenia follow-up for {NHS[0]} (Mrs Smith)"
    raw = notice.hold_notice("Q1", Envelope(SENDER, (EXT,)), held_verdict(subject), s.notices.sender, 30, "", settings=s)
    msg = parse(raw)
    text = msg.get_content()
    # Masked, not hidden: the sender can tell which email it was.
    assert msg["Subject"].startswith('Message held, not sent: "[...] follow-up for [...] ([...])"'), msg["Subject"]
    for secret in (NHS[0], "chizophrenia"):
        assert secret not in raw.decode("utf-8", "replace")
    assert "the IG team (ig@leeds-trust.nhs.uk, 0113 000 0000)" in text
    assert "health_identifier_external" not in text  # no rule IDs for clinicians
    assert config.DEFAULT_RULES["health_identifier_external"].description in text
    assert "Q1" in text


def test_reason_comes_from_the_rules_description(tmp_path):
    s = settings(tmp_path, rules={"local_rule": {"kinds": ["nhs_number"], "description": "Our local policy stops patient lists going out."}})
    raw = notice.hold_notice("Q2", Envelope(SENDER, (EXT,)), held_verdict("Rota", ("local_rule",), "message body"), "d@leeds-trust.nhs.uk", settings=s)
    text = parse(raw).get_content()
    assert "Our local policy stops patient lists going out." in text and "local_rule" not in text
    assert parse(raw)["Subject"] == 'Message held, not sent: "Rota"'


def test_admin_notice_links_to_the_console_when_base_url_is_set(tmp_path):
    env, v = Envelope(SENDER, (EXT,)), held_verdict("Rota", where="message body")
    plain = parse(notice.admin_notice("Q3", env, v, "d@leeds-trust.nhs.uk", ("ig@leeds-trust.nhs.uk",), settings=settings(tmp_path)))
    assert "dlpgate quarantine show Q3" in plain.get_content()
    s = settings(tmp_path, web={"base_url": "https://dlpgate.leeds-trust.nhs.uk/"})
    linked = parse(notice.admin_notice("Q3", env, v, "d@leeds-trust.nhs.uk", ("ig@leeds-trust.nhs.uk",), settings=s))
    assert "https://dlpgate.leeds-trust.nhs.uk/message/Q3" in linked.get_content()
    assert "quarantine show" not in linked.get_content()


def test_a_trust_can_override_any_template(tmp_path):
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "hold.j2").write_text("Subject: HELD {{ qid }}\n\nCall {{ contact.phone }} about {{ subject }}.\n")
    s = settings(tmp_path, notices={"templates": "notices", "contact": {"phone": "123"}})
    assert s.notices.templates == str(folder)
    msg = parse(notice.hold_notice("Q4", Envelope(SENDER, (EXT,)), held_verdict("Rota", where="message body"), "d@leeds-trust.nhs.uk", settings=s))
    assert msg["Subject"] == "HELD Q4" and msg.get_content().strip() == 'Call 123 about "Rota".'
    # the others still come from the package
    assert "released" in notice.render(s, "released", qid="Q", subject='"x"', reason="", rewritten=False)[0]


@pytest.mark.parametrize(
    "body, message",
    [("no subject line\n", "must start with a 'Subject: ...' line"), ("Subject: {{ nope }}\n\nx\n", "'nope' is undefined"),
     ("Subject: {% if %}\n", "hold.j2")],
)
def test_a_broken_trust_template_stops_start_up(tmp_path, body, message):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "hold.j2").write_text(body)
    s = settings(tmp_path, notices={"templates": str(folder)})
    with pytest.raises(config.ConfigError, match="notices.templates") as err:
        notice.check_templates(s)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_every_shipped_template_renders():
    notice.check_templates(config.from_mapping({}, config.PROJECT_CONFIG_DIR))
    for name in notice.TEMPLATES:
        assert (config.DATA_DIR.parent / "notices" / f"{name}.j2").is_file()


@pytest.mark.parametrize("subject", [f"{NHS[0]}", f"DOB 01/02/1980 ref {NHS[1][:3]} {NHS[1][3:6]} {NHS[1][6:]}", "HIV clinic results"])
def test_masked_subject_keeps_no_numbers_or_terms(subject):
    masked = notice.mask_subject(subject)
    assert masked and not any(ch.isdigit() for ch in masked)
    assert "HIV" not in masked


def test_the_gateway_masks_subjects_with_its_own_engines_detectors(tmp_path):
    """The gateway hands its engine's detectors to the Subject masking at start-up: one set, built once."""
    from dlpgate import config as config_mod
    from dlpgate.actions import notice
    from dlpgate.detectors.spans import Span
    from dlpgate.server import build_gateway

    settings = config_mod.from_mapping(
        {"storage": {"path": str(tmp_path / "var")}, "detectors": {"health_terms": {"term_confidence": 0.61}}},
        config_mod.PROJECT_CONFIG_DIR,
    )
    gateway = build_gateway(settings)
    try:
        key = notice._detectors_key(settings)
        assert notice._span_detectors[key] == tuple(gateway.engine.detectors)

        class Marker:
            def spans(self, text: str) -> list[Span]:
                at = text.find("Rory")
                return [Span(at, at + 4, "test")] if at >= 0 else []

        notice.share_detectors(settings, (Marker(),))
        assert notice.mask_subject("Letter for Rory", settings) == "Letter for [...]"
    finally:
        notice._span_detectors.pop(notice._detectors_key(settings), None)
        gateway.store.close()
