"""Cluster-level setup that a migration may not do: login roles and connection strings.

Migrations create only NOLOGIN group roles (DESIGN.md 3). The durable audit of
refused logins writes through dblink to the same database (DESIGN.md 4), which
needs a login role and a connection string. On the embedded cluster (trust
authentication over the socket) this module creates `monay_audit_writer` and
stores the DSN; in production the DBA does the same with a password (README).
"""

from __future__ import annotations

from psycopg import sql

from .database import Target

AUDIT_ROLE = "monay_audit_writer"


def configure_site(target: Target) -> bool:
    """Create the audit writer role and point the audit link at this database.

    Returns False (and does nothing) when the target has no place for it yet
    (before the tenancy migration) or when we may not create roles there.
    """
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
