"""The data the demo's vault story writes holds no key material: neither the seed, nor the
mnemonic, nor any derived private key or chain code, in any encoding, in any table."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from bip_utils import Base58Encoder, Bip32Slip10Ed25519
from rich.console import Console

from monaydb.database import Target
from monaydb.demo_session import Demo
from monaydb.demo_tenancy import provision
from monaydb.demo_vault import vault_story
from monaydb.migrations import apply_demo
from monaydb.vault import TEST_MNEMONIC, seed_from_mnemonic


def _all_data(db: Target) -> str:
    """Every row of every table of the database, as text (read as the superuser: no RLS)."""
    with db.connect() as conn:
        tables = conn.execute(
            "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')").fetchall()
        parts = []
        for (table,) in tables:
            parts += [r[0] for r in conn.execute(f"SELECT t::text FROM {table} t").fetchall()]  # noqa: S608
    return "\n".join(parts)


def test_demo_vault_story_writes_no_key_material(db: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the story points SOFTHSM2_CONF and the PIN at its own token: restore them after the test
    monkeypatch.setenv("SOFTHSM2_CONF", "")
    monkeypatch.setenv("MONAY_PKCS11_PIN", "")
    out = io.StringIO()
    demo = Demo(db, Console(file=out, width=160))
    demo.target = db
    apply_demo(db)  # what demo_tenancy.fresh_database loads into the demo database
    provision(demo)
    vault_story(demo, home=tmp_path / "demo-vault", mnemonic=TEST_MNEMONIC)
    printed = out.getvalue()
    assert "recovery report: 4 registered address(es)" in printed and "CLEAN" in printed

    data = _all_data(db)
    seed = seed_from_mnemonic(TEST_MNEMONIC)
    with db.connect() as conn:
        paths = [r[0] for r in conn.execute("SELECT derivation_path FROM monay.wallet_addresses").fetchall()]
    assert len(paths) == 4 and all(p in data for p in paths), "the story's public data is in the dump"
    secrets_ = {"mnemonic": TEST_MNEMONIC, "first words": "abandon abandon", "seed hex": seed.hex(),
                "seed base64": base64.b64encode(seed).decode()}
    root = Bip32Slip10Ed25519.FromSeed(seed)
    for node_path in {p.rsplit("/", k)[0] for p in paths for k in range(0, 4)}:
        node = root.DerivePath(node_path)
        priv = node.PrivateKey().Raw().ToBytes()
        pub = node.PublicKey().RawCompressed().ToBytes()[1:]
        secrets_[f"{node_path} private hex"] = priv.hex()
        secrets_[f"{node_path} private base64"] = base64.b64encode(priv).decode()
        secrets_[f"{node_path} keypair base58"] = Base58Encoder.Encode(priv + pub)
        secrets_[f"{node_path} chain code hex"] = node.ChainCode().ToHex()
    leaked = [name for name, value in secrets_.items() if value.lower() in data.lower()]
    assert leaked == []
