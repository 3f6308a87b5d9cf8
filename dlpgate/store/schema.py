"""Tables for the quarantine, the outbox, the audit trail and failed inspections (SQLAlchemy Core).

The accounts tables (accounts.py) share ``metadata``."""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("state", String(16), nullable=False, index=True),  # held, releasing, released, deleted, expired
    Column("received", Float, nullable=False, index=True),
    Column("sender", Text, nullable=False),
    Column("recipients", Text, nullable=False),  # JSON list
    Column("message_id", Text, nullable=False, default=""),
    Column("subject", Text, nullable=False, default=""),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("action", String(16), nullable=False),
    Column("rules", Text, nullable=False),  # JSON list of rule names that acted
    Column("verdict", Text, nullable=False),  # JSON: findings, problems, hits
    Column("raw", LargeBinary, nullable=True),  # NULL once deleted or expired
    Column("updated", Float, nullable=False),
    Column("updated_by", Text, nullable=False, default=""),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # notice, dsn, copy
    Column("ref", String(40), nullable=False, default=""),
    Column("mail_from", Text, nullable=False),
    Column("rcpt_tos", Text, nullable=False),  # JSON list
    Column("raw", LargeBinary, nullable=False),
    Column("state", String(16), nullable=False, index=True),  # pending, sent, failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", Float, nullable=False, index=True),
    Column("created", Float, nullable=False),
    Column("last_error", Text, nullable=False, default=""),
)

audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("ts", Float, nullable=False),
    Column("event", String(32), nullable=False, index=True),
    Column("actor", Text, nullable=False),
    Column("ref", String(40), nullable=False, default="", index=True),
    Column("data", Text, nullable=False),  # JSON, never detected values
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The newest record's seq and hash, written in the same transaction as the
# record: cutting records off the end of the chain no longer goes unseen.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

# Inspections of one message content (canonical bytes' SHA-256) that failed, by
# how: "timeout" or the error's class name. Shared by every worker process and
# node, so a message that fails the same way twice is held, not retried forever.
inspection_failures = Table(
    "inspection_failures",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("reason", String(80), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("first", Float, nullable=False),
    Column("last", Float, nullable=False, index=True),
)
