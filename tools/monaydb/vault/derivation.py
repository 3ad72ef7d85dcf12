"""HD derivation for Solana: SLIP-0010 over ed25519, hardened at every level (bip-utils).

No curve code of ours: bip-utils derives the keys (Bip32Slip10Ed25519) and encodes the
address (SolAddrEncoder). Only public results leave this module; the private key of a
derived node is never returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bip_utils import Bip32Slip10Ed25519, Bip39MnemonicGenerator, Bip39SeedGenerator, Bip39WordsNum, SolAddrEncoder

#: The published vector: BIP-39 test mnemonic, empty passphrase, m/44'/501'/0'/0'.
TEST_MNEMONIC = " ".join(["abandon"] * 11 + ["about"])
TEST_VECTOR_PATH = "m/44'/501'/0'/0'"
TEST_VECTOR_ADDRESS = "HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk"

_PATH_RE = re.compile(r"^m(/[0-9]{1,10}')+$")
_MAX_HARDENED = 2**31 - 1


class DerivationError(ValueError):
    """A path that SLIP-0010 ed25519 cannot derive (not m/…, a level not hardened, too large)."""


def check_path(path: str) -> str:
    """Return `path` if it is m/<i>'/<j>'/… with every index hardened and at most 2^31 - 1."""
    if not _PATH_RE.match(path) or any(int(p[:-1]) > _MAX_HARDENED for p in path.split("/")[1:]):
        raise DerivationError(f"malformed derivation path {path!r}: expected m/<index>'/... "
                              "with every level hardened (ed25519 has no other kind)")
    return path


def seed_from_mnemonic(mnemonic: str, passphrase: str = "") -> bytes:
    """The 64-byte BIP-39 seed of a mnemonic (checksum verified by bip-utils)."""
    return bytes(Bip39SeedGenerator(mnemonic).Generate(passphrase))


def new_mnemonic(words: int = 24) -> str:
    """A fresh BIP-39 mnemonic from the operating system's random source."""
    num = {12: Bip39WordsNum.WORDS_NUM_12, 24: Bip39WordsNum.WORDS_NUM_24}[words]
    return str(Bip39MnemonicGenerator().FromWordsNumber(num))


def derive_addresses(seed: bytes, paths: Iterable[str]) -> dict[str, str]:
    """path -> base58 Solana address (the ed25519 public key) for each path, from one root."""
    root = Bip32Slip10Ed25519.FromSeed(seed)
    out: dict[str, str] = {}
    for path in paths:
        node = root.DerivePath(check_path(path))
        out[path] = SolAddrEncoder.EncodeKey(node.PublicKey().KeyObject())
    return out


def derive_address(seed: bytes, path: str) -> str:
    """The base58 Solana address at `path` (SLIP-0010 ed25519, all hardened)."""
    return derive_addresses(seed, [path])[path]
