"""`monaydb lint`: plpgsql_check, squawk, and a guard over the catalog."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .cluster import ROOT
from .database import Target, scratch_database
from .migrations import MIGRATIONS_DIR, apply_functions, migrate_up

SCHEMAS = ("monay", "monay_private")

# Every PL/pgSQL function of ours; trigger functions are checked with each
# table that uses them (plpgsql_check needs the relation for NEW/OLD).
PLPGSQL_CHECK = """
WITH ours AS (
    SELECT p.oid, p.prorettype = 'pg_catalog.trigger'::regtype AS is_trigger
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    JOIN pg_language l ON l.oid = p.prolang
    WHERE n.nspname = ANY(%(schemas)s) AND l.lanname = 'plpgsql'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
), targets AS (
    SELECT oid, 0::oid AS relid FROM ours WHERE NOT is_trigger
    UNION
    SELECT t.tgfoid, t.tgrelid FROM pg_trigger t JOIN ours o ON o.oid = t.tgfoid
    WHERE o.is_trigger AND NOT t.tgisinternal
)
SELECT t.oid::regprocedure::text, t.relid::regclass::text, c.level, c.message,
       c.lineno, c.statement
FROM targets t
CROSS JOIN LATERAL plpgsql_check_function_tb(t.oid, t.relid,
    fatal_errors => false, performance_warnings => false, extra_warnings => false) c
ORDER BY 1, 2, 5
"""

GUARDS = {
    "function executable by PUBLIC": """
        SELECT p.oid::regprocedure::text FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%(schemas)s)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
          AND has_function_privilege('public', p.oid, 'EXECUTE')""",
    "SECURITY DEFINER without a pinned search_path": """
        SELECT p.oid::regprocedure::text FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%(schemas)s) AND p.prosecdef
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
          AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c
                          WHERE c = 'search_path=pg_catalog, pg_temp')""",
    "object not owned by monay_owner": """
        SELECT c.oid::regclass::text FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%(schemas)s) AND c.relkind IN ('r','p','v','m','S','f')
          AND pg_get_userbyid(c.relowner) <> 'monay_owner'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        UNION ALL
        SELECT p.oid::regprocedure::text FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%(schemas)s) AND pg_get_userbyid(p.proowner) <> 'monay_owner'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')""",
    "table without RLS enabled and forced": """
        SELECT c.oid::regclass::text FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'monay' AND c.relkind IN ('r','p')
          AND NOT c.relispartition
          AND NOT (c.relrowsecurity AND c.relforcerowsecurity)""",
    "role of ours with BYPASSRLS or SUPERUSER": """
        SELECT rolname FROM pg_roles
        WHERE rolname IN ('monay_owner','monay_app','monay_platform','monay_readonly')
          AND (rolbypassrls OR rolsuper)""",
}


@dataclass
class LintReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _squawk(report: LintReport) -> None:
    squawk = shutil.which("squawk") or shutil.which("squawk", path=str(Path(sys.executable).parent))
    if squawk is None:
        report.errors.append("squawk not found: pip install -e '.[dev]' (make setup does)")
        return
    files = [str(p) for p in sorted(MIGRATIONS_DIR.glob("*.sql"))
             if not p.name.endswith(".rollback.sql")]
    if not files:
        return
    proc = subprocess.run([squawk, "--config", str(ROOT / ".squawk.toml"), *files], cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        report.errors.append("squawk:\n" + (proc.stdout + proc.stderr).strip())


def lint(server: Target) -> LintReport:
    report = LintReport()
    with scratch_database(server, "monaydb_lint") as target:
        migrate_up(target)
        apply_functions(target)
        with target.connect() as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS plpgsql_check")
            for fn, rel, level, message, lineno, stmt in conn.execute(
                PLPGSQL_CHECK, {"schemas": list(SCHEMAS)}
            ):
                where = f"{fn}" + (f" on {rel}" if rel and rel != "-" else "")
                line = f"{where}:{lineno or '?'} {level}: {message}" + (f" [{stmt}]" if stmt else "")
                (report.errors if level == "error" else report.warnings).append(line)
            for what, query in GUARDS.items():
                for (name,) in conn.execute(query, {"schemas": list(SCHEMAS)}):
                    report.errors.append(f"schema guard: {what}: {name}")
    _squawk(report)
    return report

