"""The actions as objects: one per verdict, each leaving one audit record; events; release links."""

from __future__ import annotations

import email
import re
from email import policy

import pytest

from dlpgate.actions.chain import Deliver, Hold, Reject, Rewrite
from dlpgate.events import EventBus, MessageHeld, MessageTempfailed, VerdictReached
from dlpgate.links import ReleaseLinks, load_secret, read_token, secret_path, sender_hash
from dlpgate.store import Outgoing
from dlpgate.types import Action, Envelope, Verdict
from tests.synthetic import build_message

EXT = "someone@partner.example.org"
SENDER = "dr.jones@example-trust.nhs.uk"
ENV = Envelope(SENDER, (EXT,))


def test_every_action_has_its_object(make_gateway):
    gw = make_gateway()
    table = {action: type(obj) for action, obj in gw.gateway.actions.items()}
    assert table == {Action.DELIVER: Deliver, Action.REWRITE: Rewrite, Action.HOLD: Hold, Action.REJECT: Reject}


REJECT_NHS = {"reject_nhs": {"kinds": ["nhs_number"], "recipients": "any", "action": "reject"}}


@pytest.mark.parametrize(
    "kind, rules, expected_code, action",
    [
        ("clean", {}, 250, "deliver"),
        ("exposed", {}, 250, "rewrite"),
        ("nhs", {}, 250, "hold"),
        ("nhs", REJECT_NHS, 550, "reject"),
    ],
)
def test_each_verdict_leaves_exactly_one_audit_record(make_gateway, sink, nhs, kind, rules, expected_code, action):
    gw = make_gateway(rules=rules) if rules else make_gateway()
    patients = [f"patient{i}@gmail.com" for i in range(3)]
    if kind == "exposed":
        raw, rcpts = build_message("Clinic moved.\r\n", to=", ".join(patients)), patients
    elif kind == "nhs":
        raw, rcpts = build_message(f"NHS No: {nhs[0]}\r\n"), [EXT]
    else:
        raw, rcpts = build_message("The meeting is on Tuesday.\r\n"), [EXT]
    code, reply = gw.send(raw, SENDER, rcpts)
    assert code == expected_code, reply
    (record,) = [r for r in gw.store.audit_records() if r["event"] == "verdict"]
    assert record["actor"] == "gateway" and record["data"]["action"] == action
    assert set(record["data"]) == {
        "message_id", "sender", "recipients", "external_recipients", "sha256", "findings", "rules", "action"
    }
    # A held message's record names its quarantine ID; the others name nothing.
    held = re.search(rb"Held for review as (\S+)", reply)
    assert record["ref"] == (held.group(1).decode() if held else "")
    assert str(nhs[0]) not in str(record)
    assert gw.store.audit_verify().ok


def test_subscribers_hear_their_events_in_order_and_answer_with_mail():
    bus = EventBus()
    heard: list[str] = []
    bus.subscribe(MessageHeld, lambda e: heard.append(f"first {e.qid}"))
    bus.subscribe(MessageHeld, lambda e: [Outgoing("notice", "", (e.envelope.mail_from,), b"n", e.qid)])
    bus.subscribe(MessageTempfailed, lambda e: heard.append("tempfail"))
    mail = bus.publish(MessageHeld("Q1", ENV, Verdict(Action.HOLD)))
    assert heard == ["first Q1"]
    assert mail == [Outgoing("notice", "", (SENDER,), b"n", "Q1")]
    assert bus.publish(VerdictReached(ENV, Verdict(Action.DELIVER), 10, "250")) == []


def test_metrics_count_from_events(make_gateway):
    from prometheus_client import REGISTRY

    def tempfails() -> float:
        return REGISTRY.get_sample_value("dlpgate_messages_total", {"action": "tempfail"}) or 0.0

    gw = make_gateway()
    before = tempfails()
    gw.gateway.events.publish(MessageTempfailed("inspection_busy", 10))
    assert tempfails() == before + 1


def test_release_links_use_the_secret_read_at_start_up(make_gateway, sink, nhs):
    gw = make_gateway(web={"base_url": "http://console.test"})
    secret = load_secret(gw.settings)
    # Holding mail reads no file: a secret gone from disk later does not change the links.
    secret_path(gw.settings).unlink()
    code, reply = gw.send(build_message(f"NHS No: {nhs[0]}\r\n"), SENDER, [EXT])
    assert code == 250, reply
    qid = reply.decode().rsplit(" ", 1)[1]
    gw.flush()
    sink.wait_for(2)
    (notice,) = sink.to(SENDER)
    text = email.message_from_bytes(notice, policy=policy.default).get_body().get_content()
    token = re.search(r"http://console\.test/request/(\S+)", text).group(1)
    tok = read_token(secret, token)
    assert tok.qid == qid and tok.sender_hash == sender_hash(SENDER)
    assert not secret_path(gw.settings).exists()


@pytest.mark.parametrize(
    "web, sender, linked",
    [
        ({"enabled": True, "base_url": "http://console.test/"}, SENDER, True),
        ({"enabled": True, "base_url": ""}, SENDER, False),
        ({"enabled": False, "base_url": "http://console.test"}, SENDER, False),
        ({"enabled": True, "base_url": "http://console.test"}, "", False),
    ],
)
def test_a_link_only_where_a_console_can_be_reached(tmp_path, web, sender, linked):
    from dlpgate import config as config_mod

    settings = config_mod.from_mapping({"storage": {"path": str(tmp_path)}, "web": web}, config_mod.PROJECT_CONFIG_DIR, "test")
    url = ReleaseLinks.for_settings(settings).url("Q1", sender)
    assert url.startswith("http://console.test/request/") if linked else url == ""
    # No console, no secret made for it.
    assert secret_path(settings).exists() == bool(web["enabled"] and web["base_url"])
