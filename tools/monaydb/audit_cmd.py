"""`monaydb audit`: is the audit link (durable refusals) working, and point it somewhere.

The SQL function monay_private.check_audit_link decides (it connects over the link,
checks that it reaches this very database as a role in monay_audit, and writes
nothing); this command prints its answer and exits non-zero when the link is broken.
"""

from __future__ import annotations

import json
from typing import Any

import click
import psycopg

from .database import Target
from .options import database_option, friendly, json_option_for


def check_link(target: Target) -> dict[str, Any]:
    with target.connect() as conn:
        try:
            row = conn.execute("SELECT monay_private.check_audit_link()").fetchone()
        except psycopg.errors.InsufficientPrivilege:
            raise click.ClickException("checking the audit link needs a superuser (or monay_owner)") from None
        except psycopg.errors.UndefinedFunction:
            raise click.ClickException(f"{target.describe()} is not migrated: run `monaydb migrate`") from None
    assert row is not None
    return dict(row[0])


def _report(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result, sort_keys=True))
    elif result["ok"]:
        click.echo(f"audit link ok: connects as {result['link_user']} to this database ({result['this_database']})")
    if not result["ok"]:
        raise click.ClickException(f"audit link broken, refusals are not recorded durably: {result['reason']}")


answer_json_option = json_option_for("Print the check's answer as JSON.")


@click.group()
def audit() -> None:
    """The audit link: refused logins and switches recorded durably (docs/operations.md)."""


@audit.command(name="check")
@database_option
@answer_json_option
@friendly
def check(database: str | None, as_json: bool) -> None:
    """Connect over the audit link, writing nothing; exit 1 with the reason when it is broken."""
    _report(check_link(Target.resolve(database)), as_json)


@audit.command(name="link")
@database_option
@click.argument("dsn")
@answer_json_option
@friendly
def link(database: str | None, dsn: str, as_json: bool) -> None:
    """Point the audit link at DSN (e.g. after a restore), then check it. DSN '' removes it."""
    target = Target.resolve(database)
    try:
        with target.connect() as conn:
            conn.execute("SELECT monay_private.configure_audit_link(%s)", [dsn])
            conn.commit()
    except psycopg.errors.InsufficientPrivilege:
        raise click.ClickException("setting the audit link needs a superuser (or monay_owner)") from None
    if not dsn.strip():
        click.echo("audit link removed")
        return
    _report(check_link(target), as_json)
