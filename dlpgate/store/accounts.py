"""Tables for web console accounts, their sessions, login throttling and staff release requests.

They share ``metadata`` with the quarantine tables, so ``Store`` creates them too.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Integer, String, Table, Text

from dlpgate.store.schema import metadata

ROLES = ("releaser", "reviewer", "admin")  # each may do what the ones before it may

users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2id, never the password
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created", Float, nullable=False),
    Column("updated", Float, nullable=False),
)

# One row per (account, source address) with recent failed logins. Counted in
# the store, under a row lock, so parallel guesses cannot slip past the limit,
# and so every node behind a load balancer sees the same count.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("account", String(100), primary_key=True),  # lower-cased name as typed (it may not exist)
    Column("address", String(100), primary_key=True),
    Column("failures", Integer, nullable=False, default=0),  # attempts counted, including ones in flight
    Column("locked_until", Float, nullable=False, default=0.0),
    Column("last", Float, nullable=False, index=True),
)

# Console sessions. The cookie holds a random id; only its SHA-256 is kept, so
# a copy of the database opens no session. Deleting the row ends the session
# on every node at once (logout, password change, disable).
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user", String(64), nullable=False, index=True),
    Column("fingerprint", String(32), nullable=False),  # of the password hash at login
    Column("address", String(100), nullable=False, default=""),
    Column("created", Float, nullable=False),
    Column("seen", Float, nullable=False, index=True),
)

release_requests = Table(
    "release_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The request link's nonce: unique, so each link works once.
    Column("token_id", String(64), nullable=False, unique=True),
    Column("qid", String(40), nullable=False, index=True),
    Column("sender", Text, nullable=False),
    Column("justification", Text, nullable=False),
    # pending, approved, declined, self_released, failed
    Column("state", String(16), nullable=False, index=True),
    Column("created", Float, nullable=False),
    Column("decided", Float, nullable=True),
    Column("decided_by", Text, nullable=False, default=""),
    Column("decision_reason", Text, nullable=False, default=""),
)
