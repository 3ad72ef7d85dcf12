"""Cluster-level setup that a migration may not do: the audit link's login role and DSN.

Migrations create only NOLOGIN group roles. The durable audit of refused logins
writes through dblink to the same database, which needs a login role and a
connection string. On the embedded development cluster (trust authentication
over its own socket) this module creates `monay_audit_writer` and points the
link at the migrated database. On any other server it does nothing: the DBA
creates the role with a password and sets the DSN (docs/operations.md), and
`monaydb migrate` never creates that role nor overwrites what the DBA set.
"""

from __future__ import annotations

from psycopg import sql

from .cluster import Cluster
from .database import Target

AUDIT_ROLE = "monay_audit_writer"


def is_embedded(target: Target) -> bool:
    """True when `target` is a database of this checkout's embedded cluster (its socket and port)."""
    cluster = Cluster()
    if not (cluster.state_dir / "port").exists():
        return False
    p = target.params
    return p.get("host") == str(cluster.socket_dir) and p.get("port") == str(cluster.port)


def audit_link_configured(target: Target) -> bool | None:
    """Whether a DSN is set (None before the tenancy migration)."""
    with target.connect() as conn:
        row = conn.execute("SELECT to_regclass('monay_private.audit_link') IS NOT NULL").fetchone()
        if not (row and row[0]):
            return None
        row = conn.execute("SELECT EXISTS (SELECT 1 FROM monay_private.audit_link)").fetchone()
        return bool(row and row[0])


def configure_site(target: Target) -> bool:
    """On the embedded cluster only: create the audit writer role and point the audit link
    at this database. Returns False (and does nothing) anywhere else, before the tenancy
    migration, or when we may not create roles."""
    if not is_embedded(target):
        return False
    with target.connect() as conn:
        has_link = conn.execute(
            "SELECT to_regprocedure('monay_private.configure_audit_link(text)') IS NOT NULL"
        ).fetchone()
        is_super = conn.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        if not (has_link and has_link[0] and is_super and is_super[0]):
            return False
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [AUDIT_ROLE]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(AUDIT_ROLE)))
        conn.execute(sql.SQL("GRANT monay_audit TO {}").format(sql.Identifier(AUDIT_ROLE)))
        p = target.params
        dsn_parts = {"dbname": target.dbname, "user": AUDIT_ROLE}
        for key in ("host", "port"):
            if key in p:
                dsn_parts[key] = p[key]
        dsn = " ".join(f"{k}='{v}'" for k, v in dsn_parts.items())
        conn.execute("SELECT monay_private.configure_audit_link(%s)", [dsn])
        conn.commit()
    return True
