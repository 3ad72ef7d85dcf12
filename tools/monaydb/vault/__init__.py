"""monaydb.vault: per-tenant HD wallet subtrees for an application's signer.

    import psycopg
    from monaydb import vault

    provider = vault.provider_from_env()              # MONAY_VAULT_PROVIDER=pkcs11 for an HSM
    with psycopg.connect(dsn) as conn, conn.transaction():
        conn.execute("SELECT monay.authenticate(%s)", [token])
        new = vault.derive(conn, provider, tenant_id, count=3)
        report = vault.recover(conn, provider, tenant_id)

The database decides (monay.get_wallet_path, next_wallet_paths, register_wallet_address,
get_wallet_addresses, rotate_tenant_keys); this package derives with bip-utils (SLIP-0010
ed25519, hardened at every level) from a seed held by a key provider. docs/vault.md.
"""

from .derivation import (
    TEST_MNEMONIC,
    TEST_VECTOR_ADDRESS,
    TEST_VECTOR_PATH,
    DerivationError,
    check_path,
    derive_address,
    derive_addresses,
    new_mnemonic,
    seed_from_mnemonic,
)
from .providers import EncryptedSeedFile, KeyProvider, KeyProviderError, Pkcs11SeedProvider, provider_from_env, wipe
from .service import (
    Mismatch,
    RecoveryReport,
    derive,
    recover,
    require_hsm_policy,
    rotate,
    wallet_addresses,
    wallet_path,
)

__all__ = [
    "TEST_MNEMONIC", "TEST_VECTOR_ADDRESS", "TEST_VECTOR_PATH", "DerivationError", "EncryptedSeedFile",
    "KeyProvider", "KeyProviderError", "Mismatch", "Pkcs11SeedProvider", "RecoveryReport", "check_path",
    "derive", "derive_address", "derive_addresses", "new_mnemonic", "provider_from_env", "recover",
    "require_hsm_policy", "rotate", "seed_from_mnemonic", "wallet_addresses", "wallet_path", "wipe",
]
