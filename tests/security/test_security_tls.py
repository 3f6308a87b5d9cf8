"""TLS: STARTTLS for clients (optionally required) and TLS to the downstream
(none, opportunistic, or required with verification). Certificates are made in
the test with trustme."""

from __future__ import annotations

import smtplib
import ssl

import pytest
import trustme
from aiosmtpd.controller import Controller

from tests.conftest import Sink, free_port
from tests.synthetic import build_message

EXT = "someone@partner.example.org"
SENDER = "dr.jones@example-trust.nhs.uk"


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def cert_files(ca: trustme.CA, tmp_path, name: str = "gw"):
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_path, key_path = tmp_path / f"{name}.crt", tmp_path / f"{name}.key"
    with open(cert_path, "wb") as fh:
        for blob in cert.cert_chain_pems:
            fh.write(blob.bytes())
    cert.private_key_pem.write_to_path(str(key_path))
    return str(cert_path), str(key_path)


def ca_file(ca: trustme.CA, tmp_path, name: str = "ca.pem") -> str:
    path = tmp_path / name
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def client_context(ca: trustme.CA) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ca.configure_trust(ctx)
    return ctx


def test_starttls_is_offered_and_mail_goes_through_encrypted(make_gateway, sink, ca, tmp_path):
    cert, key = cert_files(ca, tmp_path)
    gw = make_gateway(smtp={"tls_cert": cert, "tls_key": key})
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=10) as c:
        c.ehlo("x")
        assert c.has_extn("starttls")
        c.starttls(context=client_context(ca))
        c.ehlo("x")
        assert isinstance(c.sock, ssl.SSLSocket) and c.sock.version() in ("TLSv1.2", "TLSv1.3")
        c.sendmail(SENDER, [EXT], build_message("over TLS\r\n"))
    assert len(sink.wait_for(1)) == 1


def test_require_tls_refuses_mail_before_starttls(make_gateway, sink, ca, tmp_path):
    cert, key = cert_files(ca, tmp_path)
    gw = make_gateway(smtp={"tls_cert": cert, "tls_key": key, "require_tls": True})
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=10) as c:
        c.ehlo("x")
        code, msg = c.mail(SENDER)
        assert code == 530
        c.starttls(context=client_context(ca))
        c.ehlo("x")
        assert c.mail(SENDER)[0] == 250
        assert c.rcpt(EXT)[0] == 250
        assert c.data(build_message("after STARTTLS\r\n"))[0] == 250
    assert len(sink.wait_for(1)) == 1


class TlsSink(Sink):
    """A downstream that records whether each message came over TLS."""

    def __init__(self) -> None:
        super().__init__()
        self.tls: list[bool] = []

    async def handle_DATA(self, server, session, envelope):
        self.tls.append(session.ssl is not None)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def tls_downstream(ca, tmp_path):
    # Tests list it before make_gateway, so the gateway (and the connection it
    # keeps open to this server) stops first: aiosmtpd's Controller.stop leaves
    # the sockets of sessions still open behind.
    cert, key = cert_files(ca, tmp_path, "ds")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    s = TlsSink()
    s.port = free_port()
    controller = Controller(s, hostname="127.0.0.1", port=s.port, tls_context=ctx)
    controller.start()
    yield s
    controller.stop()


def test_relay_tls_required_verifies_and_encrypts(tls_downstream, make_gateway, ca, tmp_path):
    gw = make_gateway(
        smtp={"relay": f"127.0.0.1:{tls_downstream.port}", "relay_tls": "required", "relay_ca_file": ca_file(ca, tmp_path)}
    )
    assert gw.send(build_message("to a verified downstream\r\n"), SENDER, [EXT])[0] == 250
    tls_downstream.wait_for(1)
    assert tls_downstream.tls == [True]


def test_relay_tls_required_with_an_untrusted_certificate_is_451_nothing_sent(tls_downstream, make_gateway, tmp_path):
    other_ca = trustme.CA()  # the downstream's certificate is not from this CA
    gw = make_gateway(
        smtp={"relay": f"127.0.0.1:{tls_downstream.port}", "relay_tls": "required", "relay_ca_file": ca_file(other_ca, tmp_path, "other.pem")}
    )
    code, reply = gw.send(build_message("must not go in clear or unverified\r\n"), SENDER, [EXT])
    assert code == 451 and reply.startswith(b"4.4.1")
    assert tls_downstream.messages == []


def test_relay_tls_required_without_starttls_downstream_is_451(make_gateway, sink, ca, tmp_path):
    gw = make_gateway(smtp={"relay_tls": "required", "relay_ca_file": ca_file(ca, tmp_path)})
    code, reply = gw.send(build_message("no STARTTLS downstream\r\n"), SENDER, [EXT])
    assert code == 451 and reply.startswith(b"4.4.1")
    assert sink.messages == []


def test_relay_tls_opportunistic_encrypts_without_verifying(tls_downstream, make_gateway):
    gw = make_gateway(smtp={"relay": f"127.0.0.1:{tls_downstream.port}", "relay_tls": "opportunistic"})
    assert gw.send(build_message("opportunistic\r\n"), SENDER, [EXT])[0] == 250
    tls_downstream.wait_for(1)
    assert tls_downstream.tls == [True]


def test_relay_tls_none_sends_in_clear(tls_downstream, make_gateway):
    gw = make_gateway(smtp={"relay": f"127.0.0.1:{tls_downstream.port}", "relay_tls": "none"})
    assert gw.send(build_message("plain\r\n"), SENDER, [EXT])[0] == 250
    tls_downstream.wait_for(1)
    assert tls_downstream.tls == [False]


@pytest.mark.parametrize(
    "smtp, message",
    [
        ({"tls_cert": "/nonexistent.crt", "tls_key": "/nonexistent.key"}, "config: smtp.tls_cert file not found"),
        ({"require_tls": True}, "config: smtp.require_tls needs smtp.tls_cert"),
        ({"relay_tls": "maybe"}, "config: smtp.relay_tls must be none, opportunistic or required"),
        ({"max_recipients": 0}, "config: smtp.max_recipients must be positive"),
    ],
)
def test_bad_tls_and_limit_config_is_one_line(smtp, message):
    from dlpgate import config as config_mod

    with pytest.raises(config_mod.ConfigError) as err:
        config_mod.from_mapping({"smtp": smtp}, config_mod.PROJECT_CONFIG_DIR)
    assert str(err.value).startswith(message)
