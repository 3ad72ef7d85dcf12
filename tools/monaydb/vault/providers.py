"""Key providers: where the master seed lives. Never in the database.

* `EncryptedSeedFile` (development): the 64-byte BIP-39 seed in a JSON file, encrypted with
  AES-256-GCM under a key derived by scrypt from a passphrase read from the environment
  (MONAY_VAULT_PASSPHRASE). The `cryptography` package does both.
* `Pkcs11SeedProvider` (HSM_INTEGRATION): the seed is stored on the token as a private data
  object, encrypted (wrapped) with AES-256-GCM under an AES key generated on the token as
  sensitive and non-extractable, so the key never leaves it; the token decrypts the seed
  for a derivation. python-pkcs11; SoftHSM2 in development and tests.

Both return the seed as a `bytearray` that the caller wipes (`wipe`) when done.
Every failure is a `KeyProviderError` with a one-line message that says what to do.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

SEED_AAD = b"monaydb.vault/seed/v1"
PASSPHRASE_ENV = "MONAY_VAULT_PASSPHRASE"
PIN_ENV = "MONAY_PKCS11_PIN"
DEFAULT_PKCS11_MODULE = "/usr/lib/softhsm/libsofthsm2.so"


class KeyProviderError(RuntimeError):
    """The seed cannot be had: a one-line reason (wrong PIN, missing key, bad passphrase...)."""


class KeyProvider(Protocol):
    name: str

    def describe(self) -> str: ...

    def exists(self) -> bool: ...

    def create(self, seed: bytes) -> None: ...

    def load_seed(self) -> bytearray: ...


def wipe(buf: bytearray) -> None:
    """Overwrite a seed buffer in place (best effort: Python may hold other copies)."""
    for i in range(len(buf)):
        buf[i] = 0


def _check_seed(seed: bytes) -> None:
    if len(seed) not in (16, 32, 64):
        raise KeyProviderError(f"a master seed is 16, 32 or 64 bytes, got {len(seed)}")


# --- development: an encrypted file ------------------------------------------------------

@dataclass
class EncryptedSeedFile:
    path: Path
    passphrase_env: str = PASSPHRASE_ENV
    scrypt_n: int = 2**15
    name: str = "file"

    def describe(self) -> str:
        return f"encrypted seed file {self.path}"

    def _passphrase(self) -> bytes:
        value = os.environ.get(self.passphrase_env)
        if not value:
            raise KeyProviderError(f"{self.passphrase_env} is not set: the passphrase of {self.path} "
                                   "comes from the environment")
        return value.encode()

    @staticmethod
    def _kdf(salt: bytes, n: int) -> Scrypt:
        return Scrypt(salt=salt, length=32, n=n, r=8, p=1)

    def exists(self) -> bool:
        return self.path.exists()

    def create(self, seed: bytes) -> None:
        _check_seed(seed)
        if self.path.exists():
            raise KeyProviderError(f"{self.path} exists already: refusing to replace a master seed")
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        key = self._kdf(salt, self.scrypt_n).derive(self._passphrase())
        blob = AESGCM(key).encrypt(nonce, bytes(seed), SEED_AAD)
        doc = {"format": "monaydb.vault/seed-file/v1", "kdf": "scrypt", "n": self.scrypt_n, "r": 8, "p": 1,
               "salt": base64.b64encode(salt).decode(), "cipher": "AES-256-GCM",
               "nonce": base64.b64encode(nonce).decode(), "ciphertext": base64.b64encode(blob).decode()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(doc, fh, indent=1)

    def load_seed(self) -> bytearray:
        try:
            doc = json.loads(self.path.read_text())
        except FileNotFoundError:
            raise KeyProviderError(f"seed file {self.path} does not exist (create it with "
                                   "`monaydb vault init --provider file`)") from None
        except (OSError, ValueError) as exc:
            raise KeyProviderError(f"seed file {self.path} cannot be read: {exc}") from None
        try:
            salt, nonce, blob = (base64.b64decode(doc[k]) for k in ("salt", "nonce", "ciphertext"))
            key = self._kdf(salt, int(doc["n"])).derive(self._passphrase())
        except (KeyError, TypeError, ValueError) as exc:
            raise KeyProviderError(f"seed file {self.path} is not a monaydb seed file ({exc})") from None
        try:
            return bytearray(AESGCM(key).decrypt(nonce, blob, SEED_AAD))
        except InvalidTag:
            raise KeyProviderError(f"seed file {self.path}: wrong passphrase ({self.passphrase_env}) "
                                   "or the file was altered") from None


# --- HSM: PKCS#11 -----------------------------------------------------------------------

@dataclass
class Pkcs11SeedProvider:
    module: str = DEFAULT_PKCS11_MODULE
    token_label: str = "monay-vault"
    key_label: str = "monay-vault-wrap"
    seed_label: str = "monay-vault-seed"
    pin_env: str = PIN_ENV
    keep_loaded: bool = False
    name: str = "pkcs11"

    def describe(self) -> str:
        return f"PKCS#11 token {self.token_label!r} ({self.module}), key {self.key_label!r}"

    @contextmanager
    def _session(self, rw: bool = False) -> Iterator[Any]:
        """A logged-in session; afterwards the library is finalized unless keep_loaded (so each
        use reads the module's configuration afresh, e.g. SOFTHSM2_CONF)."""
        import pkcs11
        from pkcs11 import exceptions as px

        pin = os.environ.get(self.pin_env)
        if not pin:
            raise KeyProviderError(f"{self.pin_env} is not set: the user PIN of token {self.token_label!r} "
                                   "comes from the environment")
        try:
            lib = pkcs11.lib(self.module)
        except Exception as exc:  # python-pkcs11 raises a bare PKCS11Error for dlopen failures
            raise KeyProviderError(f"cannot load the PKCS#11 module {self.module}: {exc}") from None
        try:
            try:
                token = lib.get_token(token_label=self.token_label)
            except px.NoSuchToken:
                raise KeyProviderError(f"no PKCS#11 token labelled {self.token_label!r} in {self.module}") from None
            try:
                session = token.open(user_pin=pin, rw=rw)
            except px.PinIncorrect:
                raise KeyProviderError(f"wrong PIN for PKCS#11 token {self.token_label!r} ({self.pin_env})") from None
            except px.PinLocked:
                raise KeyProviderError(f"the user PIN of PKCS#11 token {self.token_label!r} is locked") from None
            with session:
                yield session
        finally:
            if not self.keep_loaded:
                lib.finalize()

    def _key(self, session: Any) -> Any:
        from pkcs11 import KeyType, ObjectClass
        from pkcs11 import exceptions as px

        try:
            return session.get_key(object_class=ObjectClass.SECRET_KEY, key_type=KeyType.AES, label=self.key_label)
        except px.NoSuchKey:
            raise KeyProviderError(f"no AES key labelled {self.key_label!r} on PKCS#11 token {self.token_label!r} "
                                   "(create it with `monaydb vault init --provider pkcs11`)") from None

    def _blob(self, session: Any) -> bytes | None:
        from pkcs11 import Attribute, ObjectClass

        found = list(session.get_objects({Attribute.CLASS: ObjectClass.DATA, Attribute.LABEL: self.seed_label}))
        return bytes(found[0][Attribute.VALUE]) if found else None

    def exists(self) -> bool:
        from pkcs11 import Attribute, ObjectClass

        with self._session() as session:
            keys = list(session.get_objects({Attribute.CLASS: ObjectClass.SECRET_KEY, Attribute.LABEL: self.key_label}))
            return bool(keys) or self._blob(session) is not None

    def create(self, seed: bytes) -> None:
        from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass
        from pkcs11.mechanisms import GCMParams

        _check_seed(seed)
        if self.exists():
            raise KeyProviderError(f"token {self.token_label!r} already holds {self.key_label!r} or "
                                   f"{self.seed_label!r}: refusing to replace a master seed")
        with self._session(rw=True) as session:
            key = session.generate_key(KeyType.AES, 256, label=self.key_label, store=True, template={
                Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False, Attribute.PRIVATE: True,
                Attribute.ENCRYPT: True, Attribute.DECRYPT: True, Attribute.WRAP: False,
                Attribute.UNWRAP: False, Attribute.MODIFIABLE: False})
            nonce = secrets.token_bytes(12)
            wrapped = key.encrypt(bytes(seed), mechanism=Mechanism.AES_GCM,
                                  mechanism_param=GCMParams(nonce, SEED_AAD, 128))
            session.create_object({
                Attribute.CLASS: ObjectClass.DATA, Attribute.LABEL: self.seed_label, Attribute.TOKEN: True,
                Attribute.PRIVATE: True, Attribute.APPLICATION: "monaydb.vault",
                Attribute.VALUE: b"MVS1" + nonce + bytes(wrapped)})

    def load_seed(self) -> bytearray:
        from pkcs11 import Mechanism
        from pkcs11 import exceptions as px
        from pkcs11.mechanisms import GCMParams

        with self._session() as session:
            key = self._key(session)
            blob = self._blob(session)
            if blob is None:
                raise KeyProviderError(f"no wrapped seed labelled {self.seed_label!r} on PKCS#11 token "
                                       f"{self.token_label!r} (create it with `monaydb vault init --provider pkcs11`)")
            if not blob.startswith(b"MVS1") or len(blob) < 4 + 12 + 16 + 16:
                raise KeyProviderError(f"object {self.seed_label!r} on token {self.token_label!r} "
                                       "is not a wrapped monaydb seed")
            try:
                return bytearray(key.decrypt(blob[16:], mechanism=Mechanism.AES_GCM,
                                             mechanism_param=GCMParams(blob[4:16], SEED_AAD, 128)))
            except px.PKCS11Error as exc:
                raise KeyProviderError(f"the token could not unwrap {self.seed_label!r} with {self.key_label!r} "
                                       f"(another key, or the object was altered): {type(exc).__name__}") from None


def provider_from_env(kind: str | None = None, seed_file: str | None = None, module: str | None = None,
                      token_label: str | None = None, key_label: str | None = None,
                      seed_label: str | None = None) -> EncryptedSeedFile | Pkcs11SeedProvider:
    """The provider the options or the environment name (MONAY_VAULT_PROVIDER, MONAY_VAULT_SEED_FILE,
    MONAY_PKCS11_MODULE, MONAY_PKCS11_TOKEN, MONAY_PKCS11_KEY_LABEL, MONAY_PKCS11_SEED_LABEL)."""
    env = os.environ.get
    kind = kind or env("MONAY_VAULT_PROVIDER") or "file"
    if kind == "file":
        path = seed_file or env("MONAY_VAULT_SEED_FILE") or str(Path(".monaydb") / "vault" / "seed.json")
        return EncryptedSeedFile(Path(path))
    if kind == "pkcs11":
        return Pkcs11SeedProvider(
            module=module or env("MONAY_PKCS11_MODULE") or DEFAULT_PKCS11_MODULE,
            token_label=token_label or env("MONAY_PKCS11_TOKEN") or "monay-vault",
            key_label=key_label or env("MONAY_PKCS11_KEY_LABEL") or "monay-vault-wrap",
            seed_label=seed_label or env("MONAY_PKCS11_SEED_LABEL") or "monay-vault-seed")
    raise KeyProviderError(f"unknown key provider {kind!r}: use file or pkcs11")
