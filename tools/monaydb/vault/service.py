"""What a signer service does with a tenant's vault, over a connection the caller opened.

The caller owns the transaction and its context (monay.authenticate for a user request,
monay.set_tenant_context / set_platform_context for a platform job); these functions only
call the SQL functions, which decide every rule (whose subtree, which paths, what is
valid), and derive with the seed from a key provider. Nothing secret is sent to the
database: only paths and public addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.rows import dict_row, tuple_row

from .derivation import derive_addresses
from .providers import KeyProvider, KeyProviderError, wipe


@dataclass
class Mismatch:
    derivation_path: str
    registered: str
    derived: str
    retired: bool


@dataclass
class RecoveryReport:
    tenant_id: str
    checked: int
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def as_dict(self) -> dict[str, Any]:
        return {"tenant_id": self.tenant_id, "checked": self.checked, "ok": self.ok,
                "mismatches": [m.__dict__ for m in self.mismatches]}


def require_hsm_policy(conn: psycopg.Connection, provider: KeyProvider) -> None:
    """HSM_INTEGRATION on: only a PKCS#11 provider may hold the seed."""
    with conn.cursor(row_factory=tuple_row) as cur:
        row = cur.execute("SELECT (monay.get_setting('HSM_INTEGRATION') #>> '{}')::boolean").fetchone()
    if row and row[0] and provider.name != "pkcs11":
        raise KeyProviderError("HSM_INTEGRATION is on: the master seed must come from the HSM "
                               f"(--provider pkcs11), not from the {provider.describe()}")


def wallet_path(conn: psycopg.Connection, tenant_id: str, index: int = 0) -> str:
    """GET /api/wallets/path/:tenantId -> monay.get_wallet_path."""
    with conn.cursor(row_factory=tuple_row) as cur:
        row = cur.execute("SELECT monay.get_wallet_path(%s, %s)", [tenant_id, index]).fetchone()
    assert row is not None
    return str(row[0])


def wallet_addresses(conn: psycopg.Connection, tenant_id: str) -> list[dict[str, Any]]:
    """GET /api/wallets/addresses/:tenantId -> monay.get_wallet_addresses."""
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute("SELECT derivation_path, address, purpose, key_version, address_index, created_at, "
                           "retired_at FROM monay.get_wallet_addresses(%s)", [tenant_id]).fetchall()


def derive(conn: psycopg.Connection, provider: KeyProvider, tenant_id: str, count: int = 1,
           purpose: str = "deposit") -> list[dict[str, Any]]:
    """POST /api/wallets/derive/:tenantId: the next `count` paths of the tenant's subtree
    (monay.next_wallet_paths), derived here, registered with monay.register_wallet_address."""
    require_hsm_policy(conn, provider)
    with conn.cursor(row_factory=tuple_row) as cur:
        paths = [r[0] for r in cur.execute("SELECT derivation_path FROM monay.next_wallet_paths(%s, %s)",
                                           [tenant_id, count]).fetchall()]
    seed = provider.load_seed()
    try:
        derived = derive_addresses(bytes(seed), paths)
    finally:
        wipe(seed)
    out = []
    with conn.cursor(row_factory=dict_row) as cur:
        for path in paths:
            out.append(cur.execute("SELECT derivation_path, address, purpose, key_version, address_index "
                                   "FROM monay.register_wallet_address(%s, %s, %s, %s)",
                                   [tenant_id, path, derived[path], purpose]).fetchone())
    return out


def recover(conn: psycopg.Connection, provider: KeyProvider, tenant_id: str) -> RecoveryReport:
    """POST /api/wallets/recover/:tenantId: re-derive every registered path (retired ones too)
    and report each address that the seed does not give back."""
    require_hsm_policy(conn, provider)
    rows = wallet_addresses(conn, tenant_id)
    seed = provider.load_seed()
    try:
        derived = derive_addresses(bytes(seed), [r["derivation_path"] for r in rows])
    finally:
        wipe(seed)
    report = RecoveryReport(tenant_id=tenant_id, checked=len(rows))
    for r in rows:
        if derived[r["derivation_path"]] != r["address"]:
            report.mismatches.append(Mismatch(r["derivation_path"], r["address"], derived[r["derivation_path"]],
                                              r["retired_at"] is not None))
    return report


def rotate(conn: psycopg.Connection, tenant_id: str, from_version: int | None = None) -> dict[str, Any]:
    """A new key version for the tenant (monay.rotate_tenant_keys); idempotent with from_version."""
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute("SELECT tenant_id::text, account_index, base_path, key_version, rotated_at "
                          "FROM monay.rotate_tenant_keys(%s, %s)", [tenant_id, from_version]).fetchone()
    assert row is not None
    return row
