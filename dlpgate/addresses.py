"""Envelope addresses that route somewhere else than their domain says.

``x%gmail.com@trust.example.nhs.uk`` (the "percent hack"), ``gmail.com!x@trust...``
(a UUCP bang path) and ``"x@gmail.com"@trust...`` (an @ in a quoted local part)
name an internal domain, yet a mail server that still honours these forms
sends them on to gmail.com. Judged by the domain alone they would be internal,
and content rules would not apply. The gateway refuses them at RCPT, or (with
smtp.routed_local_parts = "external") counts them as external recipients.

A source route (``<@relay.example:x@trust...>``) is no such case: aiosmtpd drops
the route, as RFC 5321 tells servers to, and only ``x@trust...`` is relayed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().rstrip(">").lower().rstrip(".")


def domain_in(domain: str, domains: Collection[str]) -> bool:
    """``domain`` equals, or is a subdomain of, one of ``domains`` (all lower case, no leading dot)."""
    if domain in domains:
        return True
    parts = domain.split(".")
    return any(".".join(parts[i:]) in domains for i in range(1, len(parts)))


def in_domains(domain: str, domains: Iterable[str]) -> bool:
    """True when domain is one of domains or a subdomain of one (any case, leading dots allowed)."""
    return domain_in(domain.lower(), {d.lower().lstrip(".") for d in domains})

# Characters that turn a local part into a route to another host.
ROUTING_CHARACTERS = frozenset("%!@")


def local_part(address: str) -> str:
    return address.rpartition("@")[0]


def routed(address: str) -> bool:
    """True when the local part carries a route to another host (%, ! or a quoted @)."""
    return any(c in ROUTING_CHARACTERS for c in local_part(address))


def routed_domain(address: str) -> str:
    """The domain a routed local part points at ("" when none can be read)."""
    local = local_part(address).strip('"')
    for sep in ("@", "%"):
        if sep in local:
            return local.rpartition(sep)[2].strip().lower().rstrip(".")
    if "!" in local:
        return local.partition("!")[0].strip().lower().rstrip(".")
    return ""


def is_internal(address: str, internal_domains: Iterable[str], routed_is_external: bool = True) -> bool:
    """Internal by domain, and (by default) not routed elsewhere by its local part."""
    if routed_is_external and routed(address):
        return False
    return in_domains(domain_of(address), internal_domains)
