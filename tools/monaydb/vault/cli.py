"""`monaydb vault`: a tenant's HD subtree from the command line (a platform job).

Thin: each command opens one transaction as monay_platform, sets the narrowest context
that the SQL function accepts (the tenant's own context; the platform context only to
rotate or to look a tenant code up), and calls monaydb.vault. The PIN and passphrases
come from the environment only, never from an option.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

import click
import psycopg
from psycopg import sql
from rich.console import Console
from rich.table import Table

from ..database import Target, TargetError
from ..options import database_option, json_option, role_option
from . import service
from .derivation import DerivationError, new_mnemonic, seed_from_mnemonic
from .providers import KeyProviderError, provider_from_env

tenant_option = click.option("--tenant", "-t", required=True, metavar="TENANT",
                             help="Tenant id (uuid) or tenant code.")


def provider_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    opts = [
        click.option("--provider", type=click.Choice(["file", "pkcs11"]), envvar="MONAY_VAULT_PROVIDER",
                     help="Where the master seed lives (default: MONAY_VAULT_PROVIDER, else file)."),
        click.option("--seed-file", metavar="PATH", envvar="MONAY_VAULT_SEED_FILE",
                     help="Encrypted development seed file (passphrase: MONAY_VAULT_PASSPHRASE)."),
        click.option("--pkcs11-module", metavar="PATH", envvar="MONAY_PKCS11_MODULE",
                     help="PKCS#11 library of the HSM (default /usr/lib/softhsm/libsofthsm2.so)."),
        click.option("--token-label", metavar="LABEL", envvar="MONAY_PKCS11_TOKEN",
                     help="Token label (default monay-vault; PIN: MONAY_PKCS11_PIN)."),
        click.option("--key-label", metavar="LABEL", envvar="MONAY_PKCS11_KEY_LABEL",
                     help="Label of the AES key that wraps the seed (default monay-vault-wrap)."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _provider(kw: dict[str, Any]):  # type: ignore[no-untyped-def]
    return provider_from_env(kw.pop("provider"), kw.pop("seed_file"), kw.pop("pkcs11_module"),
                             kw.pop("token_label"), kw.pop("key_label"))


def friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Known failures -> one line on stderr, exit 1 (SQLSTATE first for database errors)."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (KeyProviderError, DerivationError, TargetError) as exc:
            raise click.ClickException(str(exc)) from None
        except psycopg.Error as exc:
            raise click.ClickException(f"{exc.diag.sqlstate or '?'}: {exc.diag.message_primary or exc}") from None

    return wrapper


@contextmanager
def job(database: str | None, role: str, tenant: str,
        platform: bool = False) -> Iterator[tuple[psycopg.Connection, str]]:
    """One transaction as `role` in the tenant's context (or the platform's); yields (conn, tenant id)."""
    target = Target.resolve(database)
    with target.connect() as conn, conn.transaction():
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role)))
        try:
            tenant_id = str(uuid.UUID(tenant))
        except ValueError:
            conn.execute("SELECT monay.set_platform_context()")
            row = conn.execute("SELECT id::text FROM monay.tenants WHERE tenant_code = %s", [tenant]).fetchone()
            if row is None:
                raise click.ClickException(f"no tenant with id or code {tenant!r}") from None
            tenant_id = row[0]
        if platform:
            conn.execute("SELECT monay.set_platform_context()")
        else:
            conn.execute("SELECT monay.set_tenant_context(%s)", [tenant_id])
        yield conn, tenant_id


def _table(title: str, rows: list[dict[str, Any]], cols: list[str]) -> None:
    t = Table(title=title, title_justify="left")
    for c in cols:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in cols])
    Console().print(t)


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, default=str, sort_keys=True))


@click.group()
def vault() -> None:
    """Vaults: a tenant's HD subtree (paths, addresses, rotation, recovery); docs/vault.md."""


@vault.command()
@provider_options
@click.option("--mnemonic-env", metavar="VAR",
              help="Import the BIP-39 mnemonic held by this environment variable instead of making a new one.")
@click.option("--show-mnemonic", is_flag=True, help="Print a new mnemonic once, for the paper backup.")
@friendly
def init(mnemonic_env: str | None, show_mnemonic: bool, **kw: Any) -> None:
    """Create the master seed in the key provider (refuses to replace one)."""
    provider = _provider(kw)
    if mnemonic_env:
        mnemonic = os.environ.get(mnemonic_env, "")
        if not mnemonic:
            raise click.ClickException(f"{mnemonic_env} is not set")
    else:
        mnemonic = new_mnemonic()
    try:
        seed = seed_from_mnemonic(mnemonic)
    except ValueError as exc:
        raise click.ClickException(f"invalid BIP-39 mnemonic: {exc}") from None
    provider.create(seed)
    click.echo(f"master seed created in {provider.describe()}")
    if show_mnemonic and not mnemonic_env:
        click.echo(f"mnemonic (write it down, it is not shown again): {mnemonic}", err=True)


@vault.command()
@database_option
@tenant_option
@role_option
@click.option("--index", default=0, show_default=True, type=int, help="Address index in the current key version.")
@friendly
def path(database: str | None, tenant: str, role: str, index: int) -> None:
    """The tenant's derivation path for an address index (GET /api/wallets/path/:tenantId)."""
    with job(database, role, tenant) as (conn, tenant_id):
        click.echo(service.wallet_path(conn, tenant_id, index))


@vault.command()
@database_option
@tenant_option
@role_option
@provider_options
@click.option("--count", "-n", default=1, show_default=True, type=int, help="How many new addresses.")
@click.option("--purpose", default="deposit", show_default=True, help="monay.wallet_address_purposes.")
@json_option
@friendly
def derive(database: str | None, tenant: str, role: str, count: int, purpose: str, as_json: bool,
           **kw: Any) -> None:
    """Derive and register the next addresses of the tenant's subtree (POST /api/wallets/derive/:tenantId)."""
    provider = _provider(kw)
    with job(database, role, tenant) as (conn, tenant_id):
        rows = service.derive(conn, provider, tenant_id, count, purpose)
    if as_json:
        _echo_json(rows)
    else:
        _table(f"derived for tenant {tenant_id}", rows, ["derivation_path", "address", "purpose", "key_version"])


@vault.command()
@database_option
@tenant_option
@role_option
@json_option
@friendly
def addresses(database: str | None, tenant: str, role: str, as_json: bool) -> None:
    """Every registered address of the tenant (GET /api/wallets/addresses/:tenantId)."""
    with job(database, role, tenant) as (conn, tenant_id):
        rows = service.wallet_addresses(conn, tenant_id)
    if as_json:
        _echo_json(rows)
    else:
        _table(f"addresses of tenant {tenant_id}", rows,
               ["derivation_path", "address", "purpose", "key_version", "retired_at"])


@vault.command()
@database_option
@tenant_option
@role_option
@provider_options
@json_option
@friendly
def recover(database: str | None, tenant: str, role: str, as_json: bool, **kw: Any) -> None:
    """Re-derive every registered path and report mismatches; exit 1 if any (POST /api/wallets/recover/:tenantId)."""
    provider = _provider(kw)
    with job(database, role, tenant) as (conn, tenant_id):
        report = service.recover(conn, provider, tenant_id)
    if as_json:
        _echo_json(report.as_dict())
    elif report.ok:
        click.echo(f"recovery of tenant {tenant_id}: {report.checked} address(es) re-derived, all match")
    else:
        _table(f"recovery of tenant {tenant_id}: MISMATCH", [m.__dict__ for m in report.mismatches],
               ["derivation_path", "registered", "derived", "retired"])
    if not report.ok:
        raise click.ClickException(f"recovery of tenant {tenant_id}: {len(report.mismatches)} of {report.checked} "
                                   "registered address(es) do not match the seed")


@vault.command()
@database_option
@tenant_option
@role_option
@click.option("--from-version", type=int, default=None,
              help="Rotate only if the vault is still at this version (safe to retry).")
@json_option
@friendly
def rotate(database: str | None, tenant: str, role: str, from_version: int | None, as_json: bool) -> None:
    """A new key version: new addresses from a new hardened branch, old ones retired but kept."""
    with job(database, role, tenant, platform=True) as (conn, tenant_id):
        row = service.rotate(conn, tenant_id, from_version)
    if as_json:
        _echo_json(row)
    else:
        click.echo(f"tenant {tenant_id}: key version {row['key_version']} under {row['base_path']} "
                   f"(rotated {row['rotated_at']:%Y-%m-%d %H:%M:%S} UTC)")
