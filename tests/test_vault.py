"""monaydb.vault: the published Solana vector, both key providers (SoftHSM2 for real, in a
token directory of each test's own), and the CLI over a real database: derive then
recover, a corrupted address reported, rotation, refusals with one-line messages."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from monaydb.cli import main
from monaydb.database import Target
from monaydb.vault import (
    TEST_MNEMONIC,
    TEST_VECTOR_ADDRESS,
    TEST_VECTOR_PATH,
    DerivationError,
    EncryptedSeedFile,
    KeyProviderError,
    Pkcs11SeedProvider,
    derive_address,
    seed_from_mnemonic,
)
from monaydb.vault.softhsm import SOFTHSM_MODULE, init_token

SEED = seed_from_mnemonic(TEST_MNEMONIC)


# --- derivation ---------------------------------------------------------------------------

def test_published_solana_vector() -> None:
    assert TEST_MNEMONIC.split() == ["abandon"] * 11 + ["about"]
    assert TEST_VECTOR_ADDRESS == "HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk"
    assert derive_address(SEED, "m/44'/501'/0'/0'") == TEST_VECTOR_ADDRESS
    assert TEST_VECTOR_PATH == "m/44'/501'/0'/0'"


def test_derivation_is_hardened_only_and_deterministic() -> None:
    a = derive_address(SEED, "m/44'/501'/7'/0'/3'")
    assert a == derive_address(SEED, "m/44'/501'/7'/0'/3'")
    assert a != derive_address(SEED, "m/44'/501'/8'/0'/3'")
    for bad in ("m/44'/501'/0", "m/44h/501h", "44'/501'", "m", "m/2147483648'"):
        with pytest.raises(DerivationError, match="malformed derivation path"):
            derive_address(SEED, bad)


# --- key providers ------------------------------------------------------------------------

def test_encrypted_seed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    provider = EncryptedSeedFile(tmp_path / "seed.json")
    monkeypatch.delenv("MONAY_VAULT_PASSPHRASE", raising=False)
    with pytest.raises(KeyProviderError, match="MONAY_VAULT_PASSPHRASE is not set"):
        provider.create(SEED)
    monkeypatch.setenv("MONAY_VAULT_PASSPHRASE", "correct horse battery staple")
    with pytest.raises(KeyProviderError, match="does not exist"):
        provider.load_seed()
    provider.create(SEED)
    text = (tmp_path / "seed.json").read_text()
    assert SEED.hex() not in text and "abandon" not in text
    assert oct((tmp_path / "seed.json").stat().st_mode & 0o777) == "0o600"
    assert bytes(provider.load_seed()) == SEED
    with pytest.raises(KeyProviderError, match="refusing to replace"):
        provider.create(SEED)
    monkeypatch.setenv("MONAY_VAULT_PASSPHRASE", "wrong")
    with pytest.raises(KeyProviderError, match=r"wrong passphrase \(MONAY_VAULT_PASSPHRASE\) or the file was altered"):
        provider.load_seed()


@pytest.fixture
def softhsm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Pkcs11SeedProvider:
    """A SoftHSM2 token in this test's own directory (never the system's), PIN in the environment."""
    conf = init_token(tmp_path / "hsm", "monay-test", "1234", "5678")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    monkeypatch.setenv("MONAY_PKCS11_PIN", "1234")
    return Pkcs11SeedProvider(module=SOFTHSM_MODULE, token_label="monay-test")


def test_pkcs11_provider_wraps_the_seed_under_a_key_that_never_leaves(softhsm: Pkcs11SeedProvider) -> None:
    import pkcs11
    from pkcs11 import Attribute, KeyType, ObjectClass

    with pytest.raises(KeyProviderError, match="no AES key labelled 'monay-vault-wrap'"):
        softhsm.load_seed()
    softhsm.create(SEED)
    assert bytes(softhsm.load_seed()) == SEED
    with pytest.raises(KeyProviderError, match="refusing to replace"):
        softhsm.create(SEED)
    lib = pkcs11.lib(SOFTHSM_MODULE)
    try:
        with lib.get_token(token_label="monay-test").open(user_pin="1234") as session:
            key = session.get_key(object_class=ObjectClass.SECRET_KEY, key_type=KeyType.AES, label="monay-vault-wrap")
            assert key[Attribute.SENSITIVE] and not key[Attribute.EXTRACTABLE]
            with pytest.raises(pkcs11.exceptions.AttributeSensitive):
                key[Attribute.VALUE]
            blob = next(iter(session.get_objects({Attribute.CLASS: ObjectClass.DATA,
                                                  Attribute.LABEL: "monay-vault-seed"})))
            assert SEED not in bytes(blob[Attribute.VALUE]) and blob[Attribute.PRIVATE]
    finally:
        lib.finalize()


def test_pkcs11_refusals_are_one_line(softhsm: Pkcs11SeedProvider, monkeypatch: pytest.MonkeyPatch) -> None:
    softhsm.create(SEED)
    monkeypatch.setenv("MONAY_PKCS11_PIN", "0000")
    with pytest.raises(KeyProviderError) as wrong:
        softhsm.load_seed()
    assert str(wrong.value) == "wrong PIN for PKCS#11 token 'monay-test' (MONAY_PKCS11_PIN)"
    monkeypatch.setenv("MONAY_PKCS11_PIN", "1234")
    other = Pkcs11SeedProvider(module=SOFTHSM_MODULE, token_label="monay-test", key_label="missing")
    with pytest.raises(KeyProviderError, match="no AES key labelled 'missing' on PKCS#11 token 'monay-test'"):
        other.load_seed()
    with pytest.raises(KeyProviderError, match="no PKCS#11 token labelled 'nope'"):
        Pkcs11SeedProvider(module=SOFTHSM_MODULE, token_label="nope").load_seed()
    with pytest.raises(KeyProviderError, match="cannot load the PKCS#11 module /nonexistent.so"):
        Pkcs11SeedProvider(module="/nonexistent.so").load_seed()
    monkeypatch.delenv("MONAY_PKCS11_PIN")
    with pytest.raises(KeyProviderError, match="MONAY_PKCS11_PIN is not set"):
        softhsm.load_seed()


# --- the CLI over a database --------------------------------------------------------------

def _tenant(db: Target, name: str) -> str:
    tenant_id = str(uuid.uuid4())
    with db.connect(autocommit=True) as conn, conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("INSERT INTO monay.tenants (id, name) VALUES (%s, %s)", [tenant_id, name])
    return tenant_id


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["vault", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def seed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The test mnemonic imported into a development seed file; the provider options for the CLI."""
    monkeypatch.setenv("MONAY_VAULT_PASSPHRASE", "pytest passphrase")
    monkeypatch.setenv("TEST_MNEMONIC", TEST_MNEMONIC)
    opts = ["--provider", "file", "--seed-file", str(tmp_path / "seed.json")]
    code, out, err = _run("init", *opts, "--mnemonic-env", "TEST_MNEMONIC")
    assert code == 0, err
    return opts


def test_derive_then_recover(db: Target, seed_file: list[str]) -> None:
    t = _tenant(db, "vault-cli")
    code, path, _ = _run("path", "-d", db.conninfo, "--tenant", t, "--index", "4")
    assert code == 0 and path.strip().endswith("/0'/4'") and path.startswith("m/44'/501'/")
    code, out, err = _run("derive", "-d", db.conninfo, "--tenant", t, "--count", "3", "--json", *seed_file)
    assert code == 0, err
    rows = json.loads(out)
    assert [r["address_index"] for r in rows] == [0, 1, 2]
    for r in rows:  # what the database holds is what an independent derivation gives
        assert derive_address(SEED, r["derivation_path"]) == r["address"]
    code, out, _ = _run("addresses", "-d", db.conninfo, "--tenant", t, "--json")
    assert [r["address"] for r in json.loads(out)] == [r["address"] for r in rows]
    code, out, err = _run("recover", "-d", db.conninfo, "--tenant", t, *seed_file)
    assert code == 0, err
    assert "3 address(es) re-derived, all match" in out
    # derive again: the next indexes, not the same ones
    code, out, _ = _run("derive", "-d", db.conninfo, "--tenant", t, "--json", *seed_file)
    assert code == 0 and json.loads(out)[0]["address_index"] == 3


def test_recovery_reports_a_corrupted_address(db: Target, seed_file: list[str]) -> None:
    t = _tenant(db, "vault-corrupt")
    code, out, _ = _run("derive", "-d", db.conninfo, "--tenant", t, "--count", "2", "--json", *seed_file)
    victim = json.loads(out)[1]
    forged = derive_address(SEED, "m/44'/501'/999'/0'/0'")  # well-formed, but not this path's key
    with db.connect() as conn:  # as the superuser: what an attacker with write access might do
        conn.execute("UPDATE monay.wallet_addresses SET address = %s WHERE derivation_path = %s",
                     [forged, victim["derivation_path"]])
        conn.commit()
    code, out, err = _run("recover", "-d", db.conninfo, "--tenant", t, "--json", *seed_file)
    assert code == 1
    report = json.loads(out)
    assert (report["checked"], report["ok"]) == (2, False)
    assert report["mismatches"] == [{"derivation_path": victim["derivation_path"], "registered": forged,
                                     "derived": victim["address"], "retired": False}]
    assert err.strip().endswith("1 of 2 registered address(es) do not match the seed")


def test_rotation(db: Target, seed_file: list[str]) -> None:
    t = _tenant(db, "vault-rotate")
    _run("derive", "-d", db.conninfo, "--tenant", t, "--count", "2", *seed_file)
    code, out, err = _run("rotate", "-d", db.conninfo, "--tenant", t, "--from-version", "0", "--json")
    assert code == 0, err
    assert json.loads(out)["key_version"] == 1
    code, out, _ = _run("rotate", "-d", db.conninfo, "--tenant", t, "--from-version", "0", "--json")
    assert json.loads(out)["key_version"] == 1, "a retry does not rotate twice"
    code, out, _ = _run("derive", "-d", db.conninfo, "--tenant", t, "--json", *seed_file)
    new = json.loads(out)[0]
    assert new["derivation_path"].endswith("/1'/0'") and new["key_version"] == 1
    code, out, _ = _run("addresses", "-d", db.conninfo, "--tenant", t, "--json")
    rows = json.loads(out)
    assert [(r["key_version"], r["retired_at"] is not None) for r in rows] == [(0, True), (0, True), (1, False)]
    code, out, _ = _run("recover", "-d", db.conninfo, "--tenant", t, *seed_file)
    assert code == 0 and "3 address(es) re-derived, all match" in out


def test_pkcs11_end_to_end_and_hsm_policy(db: Target, softhsm: Pkcs11SeedProvider, seed_file: list[str]) -> None:
    softhsm.create(SEED)
    hsm = ["--provider", "pkcs11", "--pkcs11-module", SOFTHSM_MODULE, "--token-label", "monay-test"]
    t = _tenant(db, "vault-hsm")
    with db.connect(autocommit=True) as conn, conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.set_setting('HSM_INTEGRATION', 'true')")
    code, _, err = _run("derive", "-d", db.conninfo, "--tenant", t, *seed_file)
    assert code == 1 and "HSM_INTEGRATION is on" in err and len(err.strip().splitlines()) == 1
    code, out, err = _run("derive", "-d", db.conninfo, "--tenant", t, "--count", "3", "--json", *hsm)
    assert code == 0, err
    assert all(derive_address(SEED, r["derivation_path"]) == r["address"] for r in json.loads(out))
    code, out, _ = _run("recover", "-d", db.conninfo, "--tenant", t, *hsm)
    assert code == 0 and "all match" in out


def test_cli_refusals_are_one_line(db: Target, seed_file: list[str], softhsm: Pkcs11SeedProvider,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    t = _tenant(db, "vault-refusals")
    softhsm.create(SEED)
    monkeypatch.setenv("MONAY_PKCS11_PIN", "9999")
    hsm = ["--provider", "pkcs11", "--pkcs11-module", SOFTHSM_MODULE, "--token-label", "monay-test"]
    code, _, err = _run("derive", "-d", db.conninfo, "--tenant", t, *hsm)
    assert code == 1 and err.strip() == "Error: wrong PIN for PKCS#11 token 'monay-test' (MONAY_PKCS11_PIN)"
    monkeypatch.setenv("MONAY_PKCS11_PIN", "1234")
    code, _, err = _run("derive", "-d", db.conninfo, "--tenant", t, *hsm, "--key-label", "gone")
    assert code == 1 and "no AES key labelled 'gone'" in err and len(err.strip().splitlines()) == 1
    with db.connect(autocommit=True) as conn, conn.transaction():
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.set_setting('HD_WALLET_ENABLED', 'false')")
    code, _, err = _run("derive", "-d", db.conninfo, "--tenant", t, *seed_file)
    assert code == 1 and err.strip() == ("Error: MV001: next_wallet_paths: HD wallet derivation is disabled "
                                         "(setting HD_WALLET_ENABLED is false)")
    code, _, err = _run("path", "-d", db.conninfo, "--tenant", "no-such-code")
    assert code == 1 and "no tenant with id or code 'no-such-code'" in err


def test_rotation_waits_for_a_registration_in_flight(db: Target, connect) -> None:  # type: ignore[no-untyped-def]
    """A registration holds the vault FOR SHARE until it commits, so a concurrent rotation
    retires the address it registered (without the lock it would stay current under a retired version)."""
    import threading
    import time

    t = _tenant(db, "vault-race")
    first = connect()
    first.execute("SELECT monay.set_platform_context()")
    path = first.execute("SELECT monay.get_wallet_path(%s, 0)", [t]).fetchone()[0]
    first.execute("SELECT monay.register_wallet_address(%s, %s, %s)", [t, path, derive_address(SEED, path)])
    second = connect()
    result: dict[str, object] = {}

    def rotate_now() -> None:
        try:
            second.execute("SELECT monay.set_platform_context()")
            result["version"] = second.execute("SELECT (monay.rotate_tenant_keys(%s)).key_version", [t]).fetchone()[0]
            second.commit()
        except Exception as exc:  # pragma: no cover - reported below
            result["error"] = exc

    pid = second.info.backend_pid
    worker = threading.Thread(target=rotate_now)
    worker.start()
    deadline = time.monotonic() + 60
    with db.connect(autocommit=True) as watcher:  # wait until the rotation is blocked on the vault row
        while watcher.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                              [pid]).fetchone() != ("Lock",):
            assert time.monotonic() < deadline and worker.is_alive(), "the rotation did not wait for the registration"
            time.sleep(0.01)
    first.commit()  # the rotation can only proceed now
    worker.join(timeout=60)
    assert not worker.is_alive() and "error" not in result and result["version"] == 1
    with db.connect() as conn:
        retired = conn.execute("SELECT retired_at IS NOT NULL FROM monay.wallet_addresses WHERE derivation_path = %s",
                               [path]).fetchone()
    assert retired == (True,)
