"""Held messages encrypted at rest (AES-GCM, storage.encryption_key_file)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from dlpgate.store import StoreError, crypto, open_store, store_for
from tests.synthetic import build_message, nhs_numbers, spaced

EXT = "someone@partner.example.org"
SENDER = "dr.jones@example-trust.nhs.uk"


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "quarantine.key"
    out = subprocess.run([sys.executable, "-m", "dlpgate.cli", "keygen", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "key id" in out.stdout
    return path


def test_keygen_writes_a_private_32_byte_key_and_never_overwrites(key_file):
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(crypto.load_key(key_file)) == 32
    again = subprocess.run([sys.executable, "-m", "dlpgate.cli", "keygen", str(key_file)], capture_output=True, text=True)
    assert again.returncode != 0 and "never overwritten" in again.stderr


def test_held_message_is_sealed_on_disk_and_opens_for_view_and_release(make_gateway, sink, key_file, tmp_path):
    gw = make_gateway(storage={"encryption_key_file": str(key_file)})
    nhs = nhs_numbers(1, seed=51)[0]
    raw = build_message(f"Patient NHS No: {spaced(nhs)}\r\nsecret-marker-text\r\n")
    code, reply = gw.send(raw, SENDER, [EXT])
    assert code == 250 and b"Held" in reply
    qid = reply.decode().rsplit(" ", 1)[1]

    con = sqlite3.connect(tmp_path / "var" / "dlpgate.sqlite3")
    (blob,) = con.execute("select raw from quarantine where id=?", (qid,)).fetchone()
    con.close()
    assert blob.startswith(crypto.MAGIC) and blob[8:16] == gw.store.cipher.key_id
    assert b"secret-marker-text" not in blob and spaced(nhs).encode() not in blob
    assert gw.store.content(qid, "admin:test", "review") == raw

    from dlpgate.admin.service import AdminService

    result = gw.call(AdminService(gw.store, gw.gateway.relay).release(qid, "admin:test", "consented"))
    assert result.released
    assert sink.wait_for(3) and sink.to(EXT)[0].endswith(raw)


def test_a_sealed_message_does_not_open_with_another_key_or_in_another_row(tmp_path, key_file):
    c1 = crypto.Cipher.from_file(key_file)
    blob = c1.seal("Q1", b"message")
    assert c1.open("Q1", blob) == b"message"
    with pytest.raises(crypto.SealedError, match="another key"):
        crypto.Cipher(os.urandom(32)).open("Q1", blob)
    with pytest.raises(crypto.SealedError, match="integrity"):
        c1.open("Q2", blob)  # moved to another row
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(crypto.SealedError, match="integrity"):
        c1.open("Q1", tampered)
    with pytest.raises(crypto.SealedError, match="not set"):
        crypto.open_blob(None, "Q1", blob)
    assert crypto.open_blob(None, "Q1", b"plain old row") == b"plain old row"


def test_key_file_readable_by_others_stops_the_gateway_with_one_line(tmp_path, key_file):
    from dlpgate import config as config_mod

    os.chmod(key_file, 0o644)
    settings = config_mod.from_mapping(
        {"storage": {"path": str(tmp_path / "v"), "encryption_key_file": str(key_file)}}, config_mod.PROJECT_CONFIG_DIR
    )
    with pytest.raises(StoreError, match="chmod 600"):
        store_for(settings)
    key_file.write_text("not hex\n")
    os.chmod(key_file, 0o600)
    with pytest.raises(StoreError, match="64 hex digits"):
        store_for(settings)


def test_rows_written_before_encryption_stay_readable(tmp_path, key_file):
    from dlpgate.types import Action, Envelope, Verdict

    store = open_store(tmp_path / "v")
    qid = store.hold(b"Subject: old\r\n\r\nplain\r\n", Envelope(SENDER, (EXT,)), Verdict(Action.HOLD))
    store.cipher = crypto.Cipher.from_file(key_file)
    assert store.content(qid, "admin:test", "review") == b"Subject: old\r\n\r\nplain\r\n"
    store.close()
