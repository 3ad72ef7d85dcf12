"""A SoftHSM2 token in a directory of our own (development, tests, the demo).

Never the system's token directory: the configuration file lives beside the tokens, and
SOFTHSM2_CONF must point at it for the library (set it in the environment of whatever
loads libsofthsm2.so; Pkcs11SeedProvider re-reads it on every use).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def init_token(directory: Path, label: str, user_pin: str, so_pin: str) -> Path:
    """Create `directory`/tokens and `directory`/softhsm2.conf, initialise a token `label` in
    the first free slot with these PINs, and return the configuration file's path."""
    tool = shutil.which("softhsm2-util") or shutil.which("softhsm2-util", path="/usr/bin")
    if tool is None:
        raise RuntimeError("softhsm2-util not found: install softhsm2 (make setup does)")
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
                    "slots.removable = false\n")
    proc = subprocess.run([tool, "--init-token", "--free", "--label", label, "--pin", user_pin, "--so-pin", so_pin],
                          env={"SOFTHSM2_CONF": str(conf), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"softhsm2-util --init-token failed: {(proc.stderr or proc.stdout).strip()}")
    return conf
