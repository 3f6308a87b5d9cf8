"""Tables for web console accounts, login attempts and staff release requests.

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

# One row per failed login, keyed "user:NAME" and "addr:IP"; old rows are pruned.
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, index=True),
    Column("ts", Float, nullable=False, index=True),
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
