"""The vault half of `monaydb demo`: a tenant's HD subtree with the seed held by SoftHSM2.

A SoftHSM2 token is initialised under the demo's own directory (.monaydb/demo-vault/, never
the system's tokens); `monaydb.vault` creates the master seed there, wrapped by an AES key
generated on the token (sensitive, not extractable). Then, as Bob's application would:
the tenant's derivation path (monay.get_wallet_path), three derived addresses
(monay.next_wallet_paths + bip-utils + monay.register_wallet_address), a rotation
(monay.rotate_tenant_keys), one more address, and a clean recovery report. Every rule is
the database's; the seed never reaches it.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import Any

import psycopg

from .cluster import Cluster
from .demo_fixtures import TENANTS
from .demo_session import Demo
from .vault import Pkcs11SeedProvider, derive, recover, rotate, seed_from_mnemonic, wallet_addresses, wallet_path, wipe
from .vault.derivation import new_mnemonic
from .vault.softhsm import SOFTHSM_MODULE, init_token

TOKEN_LABEL = "monay-demo-vault"


def hsm_provider(home: Path, mnemonic: str | None = None) -> Pkcs11SeedProvider:
    """A fresh token under `home` holding a new master seed (or the one of `mnemonic`)."""
    shutil.rmtree(home, ignore_errors=True)
    user_pin, so_pin = secrets.token_hex(8), secrets.token_hex(8)
    conf = init_token(home, TOKEN_LABEL, user_pin, so_pin)
    os.environ["SOFTHSM2_CONF"] = str(conf)      # this process only: the demo's token
    os.environ["MONAY_PKCS11_PIN"] = user_pin
    provider = Pkcs11SeedProvider(module=SOFTHSM_MODULE, token_label=TOKEN_LABEL)
    seed = bytearray(seed_from_mnemonic(mnemonic or new_mnemonic()))
    try:
        provider.create(bytes(seed))
    finally:
        wipe(seed)
    return provider


def vault_story(demo: Demo, tenant: str = "bikes", owner: str = "bob@demo.monay",
                home: Path | None = None, mnemonic: str | None = None) -> None:
    assert demo.target is not None
    home = home or Cluster().state_dir / "demo-vault"
    name = {key: n for key, n, *_ in TENANTS}[tenant]
    tenant_id = demo.tenants[tenant]

    demo.section("14. Vaults: the master seed in an HSM (SoftHSM2), a tenant's HD subtree")
    provider = hsm_provider(home, mnemonic)
    demo.table("key provider", [
        {"what": "PKCS#11 module", "value": provider.module},
        {"what": "token", "value": f"{TOKEN_LABEL} (initialised in {home}, SOFTHSM2_CONF)"},
        {"what": "wrapping key", "value": f"{provider.key_label}: AES-256, generated on the token, "
                                          "sensitive, not extractable"},
        {"what": "master seed", "value": f"{provider.seed_label}: encrypted under it on the token (AES-GCM)"},
        {"what": "PIN", "value": "from the environment (MONAY_PKCS11_PIN), never an option"}])
    with demo.conn() as conn:
        with conn.transaction():
            demo.as_platform(conn)
            conn.execute("SELECT monay.set_setting('HSM_INTEGRATION', 'true')")
            vault_row = conn.execute("SELECT account_index, base_path, key_version FROM monay.tenant_vaults "
                                     "WHERE tenant_id = %s", [tenant_id]).fetchone()
        assert vault_row is not None
        with conn.transaction():
            demo.as_user(conn, owner, tenant)
            path0 = wallet_path(conn, tenant_id, 0)
        demo.console.print(f"  {name}: account {vault_row['account_index']}, subtree {vault_row['base_path']}, "
                           f"key version {vault_row['key_version']}")
        demo.console.print(f"  monay.get_wallet_path(tenant, 0) = {path0}  (every level hardened: SLIP-0010 ed25519)")

        with conn.transaction():
            demo.as_user(conn, owner, tenant)
            derived = derive(conn, provider, tenant_id, count=3)
        demo.table(f"three addresses derived for {name} (the signer derives, the database registers)",
                   [dict(r) for r in derived], ["derivation_path", "address", "purpose", "key_version"])

        with conn.transaction():
            demo.as_user(conn, owner, tenant)
            try:
                with conn.transaction():
                    wallet_path(conn, demo.tenants["corp"], 0)
                refused = "allowed?!"
            except psycopg.Error as exc:
                refused = f"refused ({exc.diag.sqlstate})"
        demo.console.print(f"  {name} asks for a path in Carol Corp's subtree: {refused}")

        with conn.transaction():
            demo.as_user(conn, owner, tenant)
            rotated: dict[str, Any] = rotate(conn, tenant_id, from_version=int(vault_row["key_version"]))
            again = rotate(conn, tenant_id, from_version=int(vault_row["key_version"]))
            after = derive(conn, provider, tenant_id, count=1)
        demo.console.print(f"  rotation: key version {vault_row['key_version']} -> {rotated['key_version']} "
                           f"(a retry with the same from_version stays at {again['key_version']}); "
                           f"the next address is {after[0]['derivation_path']}")

        with conn.transaction():
            demo.as_user(conn, owner, tenant)
            rows = wallet_addresses(conn, tenant_id)
            report = recover(conn, provider, tenant_id)
        demo.table(f"addresses of {name} after the rotation (retired ones still receive and are recovered)",
                   [{**r, "retired": "retired" if r["retired_at"] else ""} for r in rows],
                   ["derivation_path", "address", "key_version", "retired"])
        demo.console.print(f"  recovery report: {report.checked} registered address(es) re-derived from the HSM's "
                           f"seed, {len(report.mismatches)} mismatch(es): "
                           + ("CLEAN" if report.ok else "MISMATCH"))
