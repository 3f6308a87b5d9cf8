"""Optional SMTP AUTH: PLAIN/LOGIN only over TLS, argon2 hashes in smtp.auth_users_file."""

from __future__ import annotations

import base64
import smtplib
import ssl
import subprocess
import sys

import pytest
import trustme

from tests.security.test_security_tls import cert_files
from tests.synthetic import build_message

EXT = "someone@partner.example.org"
SENDER = "dr.jones@example-trust.nhs.uk"
OUTSIDE = ("127.0.0.2", 0)


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


@pytest.fixture
def auth_gateway(make_gateway, ca, tmp_path):
    line = subprocess.run(
        [sys.executable, "-m", "dlpgate.cli", "auth-hash", "mailer"], input="correct horse\n", capture_output=True, text=True
    )
    assert line.returncode == 0, line.stderr
    users = tmp_path / "users"
    users.write_text("# SMTP AUTH users\n" + line.stdout)
    cert, key = cert_files(ca, tmp_path)
    return make_gateway(
        smtp={"allowed_clients": ["127.0.0.1/32"], "tls_cert": cert, "tls_key": key, "auth_users_file": str(users)}
    )


def tls(ca) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ca.configure_trust(ctx)
    return ctx


def test_outside_client_must_starttls_then_authenticate(auth_gateway, sink, ca):
    gw = auth_gateway
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=10, source_address=OUTSIDE) as c:
        c.ehlo("x")
        assert c.mail(SENDER)[0] == 530  # authentication required
        c.rset()
        plain = base64.b64encode(b"\0mailer\0correct horse").decode()
        assert c.docmd("AUTH", f"PLAIN {plain}")[0] == 538  # not before TLS
        c.starttls(context=tls(ca))
        c.ehlo("x")
        assert "PLAIN" in c.esmtp_features.get("auth", "") and "LOGIN" in c.esmtp_features.get("auth", "")
        with pytest.raises(smtplib.SMTPAuthenticationError):
            c.login("mailer", "wrong")
        c.login("mailer", "correct horse")
        c.sendmail(SENDER, [EXT], build_message("authenticated relay\r\n"))
    assert len(sink.wait_for(1)) == 1


def test_unknown_user_and_repeated_failures_close_the_session(auth_gateway, sink, ca):
    gw = auth_gateway
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=10, source_address=OUTSIDE) as c:
        c.starttls(context=tls(ca))
        c.ehlo("x")
        def plain(user: str, password: str) -> int:
            return c.docmd("AUTH", "PLAIN " + base64.b64encode(f"\0{user}\0{password}".encode()).decode())[0]

        assert plain("nobody", "guess") == 535
        assert plain("mailer", "guess") == 535
        try:  # the third failure closes the session
            third = plain("mailer", "guess again")
        except (smtplib.SMTPServerDisconnected, OSError):
            third = 0
        assert third in (0, 535, 421)
        with pytest.raises((smtplib.SMTPServerDisconnected, OSError)):
            c.mail(SENDER)
    assert sink.messages == []


def test_inside_clients_still_relay_without_auth(auth_gateway, sink):
    assert auth_gateway.send(build_message("inside\r\n"), SENDER, [EXT])[0] == 250


def test_auth_without_tls_is_a_config_error(tmp_path):
    from dlpgate import config as config_mod

    users = tmp_path / "users"
    users.write_text("mailer:$argon2id$v=19$m=65536,t=3,p=4$abc$def\n")
    with pytest.raises(config_mod.ConfigError, match="AUTH only over TLS"):
        config_mod.from_mapping({"smtp": {"auth_users_file": str(users)}}, config_mod.PROJECT_CONFIG_DIR)
    users.write_text("mailer:plaintext\n")
    with pytest.raises(config_mod.ConfigError, match="line 1"):
        from dlpgate.auth import UsersFileError, load_users

        try:
            load_users(users)
        except UsersFileError as exc:
            raise config_mod.ConfigError(str(exc)) from None
