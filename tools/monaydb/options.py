"""Click options and failure handling shared by every `monaydb` command module.

One definition each, so that `--database`, `--json` and `--role` read the same in every
command, and a known failure ends the same way everywhere: one line on stderr, exit code 1
(docs/development.md, CONVENTIONS.md "Python"). A command module imports what it needs:

    from .options import database_option, friendly, json_option

    @click.command()
    @database_option
    @json_option
    @friendly
    def status(database: str | None, as_json: bool) -> None: ...
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click
import psycopg

from .cluster import ClusterError
from .database import TargetError
from .migrations import MigrationError

F = TypeVar("F", bound=Callable[..., Any])

DATABASE_HELP = ("libpq URL or keywords of the target database (default: DATABASE_URL, "
                 "else the embedded cluster, started if needed).")


def database_option_for(help: str) -> Callable[[F], F]:  # noqa: A002 - click's name
    """`--database/-d URL` (or DATABASE_URL) with a help text of the command's own."""
    return click.option("--database", "-d", metavar="URL", envvar="DATABASE_URL", help=help)


def json_option_for(help: str) -> Callable[[F], F]:  # noqa: A002 - click's name
    """`--json` (parameter `as_json`) with a help text of the command's own."""
    return click.option("--json", "as_json", is_flag=True, help=help)


# The target database, for every command that works on one.
database_option = database_option_for(DATABASE_HELP)
# On `migrate` subcommands: no envvar, so that the group's --database (or DATABASE_URL)
# applies unless this one is given.
sub_database_option = click.option(
    "--database", "-d", metavar="URL", help="Target database (overrides the one given to `migrate`).")
json_option = json_option_for("Machine-readable output.")
role_option = click.option("--role", default="monay_platform", show_default=True,
                           help="Role the command runs as (SET ROLE); the connecting user must be a member.")


def friendly(fn: F) -> F:
    """Turn our known failures (bad target, cluster, migration, RuntimeError and its subclasses)
    into a one-line message on stderr and exit code 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (TargetError, ClusterError, MigrationError, RuntimeError) as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def sql_failure(what: str, exc: psycopg.Error) -> click.ClickException:
    """A database error as one line: `WHAT failed (SQLSTATE): primary message`."""
    message = exc.diag.message_primary or (str(exc).strip().splitlines() or [repr(exc)])[0]
    return click.ClickException(f"{what} failed ({exc.sqlstate or '?'}): {message}")
