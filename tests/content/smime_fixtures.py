"""Genuine S/MIME objects built with the cryptography package (self-signed, generated per run)."""

from __future__ import annotations

import base64
import datetime
from functools import lru_cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

HEAD = (
    b"From: Dr Jones <dr.jones@example-trust.nhs.uk>\r\n"
    b"To: someone@partner.example.org\r\n"
    b"Subject: Referral\r\n"
    b"Message-ID: <smime-test@example-trust.nhs.uk>\r\n"
)


@lru_cache(maxsize=1)
def signer() -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Dr Jones"),
                      x509.NameAttribute(NameOID.EMAIL_ADDRESS, "dr.jones@example-trust.nhs.uk")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _entity(body: str) -> bytes:
    return b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + body.encode() + b"\r\n"


def _sign(body: str, options: list) -> bytes:
    cert, key = signer()
    builder = pkcs7.PKCS7SignatureBuilder().set_data(_entity(body)).add_signer(cert, key, hashes.SHA256())
    return builder.sign(serialization.Encoding.SMIME, options)


def detached_signed(body: str) -> bytes:
    """multipart/signed: the body in clear, an application/pkcs7-signature beside it."""
    return HEAD + _sign(body, [pkcs7.PKCS7Options.DetachedSignature])


def opaque_signed(body: str, smime_type: str = "signed-data", name: str = "smime.p7m") -> bytes:
    """application/pkcs7-mime; smime-type=signed-data: the body inside the signature."""
    cert, key = signer()
    builder = pkcs7.PKCS7SignatureBuilder().set_data(_entity(body)).add_signer(cert, key, hashes.SHA256())
    der = builder.sign(serialization.Encoding.DER, [])
    b64 = base64.encodebytes(der).replace(b"\n", b"\r\n")
    return (
        HEAD
        + b"MIME-Version: 1.0\r\n"
        + f'Content-Type: application/pkcs7-mime; smime-type={smime_type}; name="{name}"\r\n'.encode()
        + f'Content-Disposition: attachment; filename="{name}"\r\n'.encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + b64
    )


def detached_signature_der(body: str) -> bytes:
    cert, key = signer()
    builder = pkcs7.PKCS7SignatureBuilder().set_data(_entity(body)).add_signer(cert, key, hashes.SHA256())
    return builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature])


def certs_only() -> bytes:
    """A .p7c bundle: signedData with certificates and no signers or content."""
    return pkcs7.serialize_certificates([signer()[0]], serialization.Encoding.DER)


def enveloped(body: str) -> bytes:
    """application/pkcs7-mime; smime-type=enveloped-data."""
    cert, _key = signer()
    builder = pkcs7.PKCS7EnvelopeBuilder().set_data(_entity(body)).add_recipient(cert)
    return HEAD + builder.encrypt(serialization.Encoding.SMIME, [])


def enveloped_der(body: str) -> bytes:
    """The enveloped-data itself (DER), as an encrypted Outlook item keeps it in its smime.p7m."""
    cert, _key = signer()
    return pkcs7.PKCS7EnvelopeBuilder().set_data(_entity(body)).add_recipient(cert).encrypt(serialization.Encoding.DER, [])
