"""Optional SMTP AUTH (PLAIN, LOGIN) for clients that are not on a fixed network.

smtp.auth_users_file holds one `name:argon2-hash` line per user (blank lines and
`#` comments ignored); `dlpgate auth-hash` prints a hash for a password read
from stdin. AUTH is only offered after STARTTLS (aiosmtpd's auth_require_tls),
so passwords never cross the network in clear. Clients inside
smtp.allowed_clients relay without AUTH as before; a client outside them may
connect only when AUTH is configured, and must authenticate before MAIL.
A session gets smtp.auth_max_failures wrong passwords, then it is closed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from aiosmtpd.smtp import AuthResult, LoginPassword
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

log = logging.getLogger("dlpgate.auth")

_hasher = PasswordHasher()
# A hash to verify against when the user is unknown, so the time taken does
# not tell which user names exist.
_DUMMY = _hasher.hash("not a password")


class UsersFileError(ValueError):
    """The users file cannot be read or has a bad line; one line for the operator."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def load_users(path: str | Path) -> dict[str, str]:
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsersFileError(f"smtp.auth_users_file: cannot read {path}: {exc.__class__.__name__}") from None
    users: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, hashed = line.partition(":")
        if not sep or not name or not hashed.startswith("$argon2"):
            raise UsersFileError(f"smtp.auth_users_file: line {n} must be name:$argon2... (dlpgate auth-hash)")
        users[name] = hashed
    return users


class Authenticator:
    """aiosmtpd authenticator: checks LOGIN/PLAIN credentials against the users file."""

    def __init__(self, users: dict[str, str], max_failures: int = 3):
        self.users = users
        self.max_failures = max_failures

    def __call__(self, server, session, envelope, mechanism: str, auth_data) -> AuthResult:
        if mechanism not in ("LOGIN", "PLAIN") or not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        name = auth_data.login.decode("utf-8", "replace")
        password = auth_data.password.decode("utf-8", "replace")
        hashed = self.users.get(name)
        ok = False
        try:
            ok = _hasher.verify(hashed or _DUMMY, password) and hashed is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if ok:
            log.info("SMTP AUTH succeeded")
            return AuthResult(success=True, auth_data=name)
        failures = getattr(session, "dlpgate_auth_failures", 0) + 1
        session.dlpgate_auth_failures = failures
        log.warning("SMTP AUTH failed (%d in this session)", failures)
        if failures >= self.max_failures and server.transport is not None:
            server.transport.close()
        return AuthResult(success=False, handled=False)
