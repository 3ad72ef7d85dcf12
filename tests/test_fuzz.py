"""Fuzzing every public function (issue 15): each function of schema `monay` that monay_app or
monay_platform may execute, found in the catalog (a new function is fuzzed without a change
here), is called with generated and hostile arguments in three contexts: the application
authenticated in a tenant, the application with no context, and the platform.

What must hold for every call:
- an error carries a SQLSTATE of the registry `monay.error_codes()`: never XX000, never an
  unregistered code, never a bare 22P02/22003/22007/22008 or a statement timeout (57014);
- a refused call writes nothing: the checksum of every table of `monay` and `monay_private`
  is unchanged after it, except the durable refusal records that exist for that purpose
  (audit_log rows 'auth_refused'/'switch_refused', billing_failures), which are checked to be
  appends only;
- every call is rolled back afterwards, so each example starts from the same data.

Budget: MONAY_FUZZ_EXAMPLES examples per function (default 50, derandomized so `make test`
is reproducible and stays well under two minutes). A longer, random run:

    MONAY_FUZZ_EXAMPLES=2000 MONAY_FUZZ_RANDOM=1 .venv/bin/pytest -q tests/test_fuzz.py

Billing functions are being rewritten on another branch (perf): the defects found in them
were listed in KNOWN_BILLING_DEFECTS while they were open (tolerated for that function and
SQLSTATE only, each with a strict-xfail reproducer); all are fixed now, and their reproducers
stay as ordinary tests.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import jwt
import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import sql
from psycopg.conninfo import make_conninfo
from psycopg.types.json import Jsonb

from conftest import TEST_JWT_SECRET
from monaydb.database import Target
from monaydb.site import configure_site

EXAMPLES = int(os.environ.get("MONAY_FUZZ_EXAMPLES", "50"))
RANDOM = os.environ.get("MONAY_FUZZ_RANDOM", "") not in ("", "0")
STATEMENT_TIMEOUT = "5s"  # far above any legitimate call on this data; quadratic work hits it

# Codes PostgreSQL may give for a refused call that are nonetheless never acceptable, even if
# someone registered them: an internal error, and the bare conversion errors.
NEVER = {"XX000", "22P02", "22003", "22007", "22008", "22015", "57014"}

# Billing defects the fuzzer found (billing is rewritten on branch perf; fixed after the merge).
# (function, sqlstate) -> a known defect, tolerated while its reproducer below is a strict xfail.
KNOWN_BILLING_DEFECTS: dict[tuple[str, str], str] = {}  # all fixed (see the reproducers below)

CONTEXTS = ("app_tenant", "app_none", "platform")
DURABLE_APPENDS = {"monay.audit_log": "action IN ('auth_refused', 'switch_refused')",
                   "monay_private.billing_failures": "true"}


@dataclass(frozen=True)
class Fn:
    name: str
    kind: str  # 'f' or 'p'
    arg_names: tuple[str, ...]
    arg_types: tuple[str, ...]

    @property
    def signature(self) -> str:
        return f"{self.name}({', '.join(self.arg_types)})"


@dataclass
class World:
    target: Target
    app_login: str
    platform_login: str
    tenant_a: uuid.UUID
    tenant_b: uuid.UUID
    owner_a: uuid.UUID
    owner_b: uuid.UUID
    member: uuid.UUID
    registry: frozenset[str]
    functions: tuple[Fn, ...]
    tables: tuple[str, ...]

    def token(self) -> str:
        return jwt.encode({"sub": str(self.owner_a), "tenant_id": str(self.tenant_a),
                           "exp": int(time.time()) + 3600}, TEST_JWT_SECRET, algorithm="HS256")


def discover(conn: psycopg.Connection) -> tuple[Fn, ...]:
    rows = conn.execute("""
        SELECT p.proname, p.prokind,
               coalesce(p.proargnames[1:p.pronargs], ARRAY[]::text[]),
               ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i) ORDER BY i)
        FROM pg_proc p
        WHERE p.pronamespace = 'monay'::regnamespace AND p.prokind IN ('f', 'p')
          AND p.prorettype <> 'trigger'::regtype
          AND (has_function_privilege('monay_app', p.oid, 'EXECUTE')
               OR has_function_privilege('monay_platform', p.oid, 'EXECUTE'))
        ORDER BY 1, 4""").fetchall()
    return tuple(Fn(r[0], r[1], tuple(r[2]), tuple(r[3])) for r in rows)


def _tables(conn: psycopg.Connection) -> tuple[str, ...]:
    rows = conn.execute("""
        SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('monay', 'monay_private') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY 1""").fetchall()
    return tuple(r[0] for r in rows)


def checksums(conn: psycopg.Connection, tables: tuple[str, ...]) -> dict[str, str]:
    """md5 of every table's rows (superuser: RLS does not apply), durable-append tables aside."""
    parts = [sql.SQL("SELECT {name}, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {tbl} t")
             .format(name=sql.Literal(t), tbl=sql.SQL(t)) for t in tables if t not in DURABLE_APPENDS]
    rows = conn.execute(sql.SQL(" UNION ALL ").join(parts)).fetchall()
    return {r[0]: r[1] for r in rows}


def appended_only(conn: psycopg.Connection, before: dict[str, int]) -> list[str]:
    """Rows added to the durable tables since `before` that are not refusal records."""
    bad = []
    for t, allowed in DURABLE_APPENDS.items():
        n = conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE NOT ({})").format(sql.SQL(t), sql.SQL(allowed)))
        count = n.fetchone()[0]  # type: ignore[index]
        if count != before[t]:
            bad.append(f"{t}: {count - before[t]} non-refusal rows written")
    return bad


def durable_counts(conn: psycopg.Connection) -> dict[str, int]:
    return {t: conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE NOT ({})").format(sql.SQL(t), sql.SQL(a)))
            .fetchone()[0] for t, a in DURABLE_APPENDS.items()}  # type: ignore[index]


@pytest.fixture(scope="module")
def world(postgresql_noproc: Any, app_login: str, platform_login: str, server: Target) -> Iterator[World]:
    name = f"monay_fuzz_{os.getpid()}"
    with server.connect(autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(postgresql_noproc.template_dbname)))
    p = server.params
    target = Target(make_conninfo(host=p.get("host"), port=str(p.get("port", "5432")),
                                  user=p.get("user", "postgres"), dbname=name))
    try:
        configure_site(target)
        with target.connect() as conn:
            conn.execute("SELECT monay.set_platform_context()")
            conn.execute("SELECT monay.set_jwt_secret(%s)", [TEST_JWT_SECRET])
            ids = {}
            for who in ("fuzz_a", "fuzz_b", "fuzz_member"):
                ids[who] = conn.execute("SELECT id FROM monay.create_user(%s, %s)",
                                        [f"{who}@example.test", who]).fetchone()[0]  # type: ignore[index]
            ta = conn.execute("SELECT id FROM monay.create_tenant('fuzz a', 'small_business', 'small_business', %s)",
                              [ids["fuzz_a"]]).fetchone()[0]  # type: ignore[index]
            tb = conn.execute("SELECT id FROM monay.create_tenant('fuzz b', 'individual', 'free', %s)",
                              [ids["fuzz_b"]]).fetchone()[0]  # type: ignore[index]
            conn.execute("SELECT monay.add_tenant_member(%s, %s, 'member')", [ta, ids["fuzz_member"]])
            conn.execute("SELECT monay.add_tenant_member(%s, %s, 'viewer')", [tb, ids["fuzz_a"]])
            conn.commit()
            # A finalized month for tenant a (January 2025), so adjust_bill, payments and invoices
            # meet a real bill: the tenant signed up then (the demo's backdating, as superuser).
            conn.execute("UPDATE monay.tenants SET created_at = '2025-01-01' WHERE id = %s", [ta])
            conn.execute("UPDATE monay.tenant_tier_history SET effective_at = '2025-01-01' WHERE tenant_id = %s", [ta])
            conn.commit()
            conn.execute("SELECT monay.set_platform_context()")
            conn.execute("SELECT monay.finalize_tenant_billing(%s, '2025-01-01')", [ta])
            conn.execute("SELECT monay.track_operation(%s, 'transfer', 3, 'fuzz-seed-1')", [ta])
            conn.execute("SELECT monay.process_payment(%s, 500, 'USDC', 'fuzz-pay-1')", [ta])
            conn.commit()
            registry = frozenset(r[0] for r in conn.execute("SELECT sqlstate FROM monay.error_codes()"))
            fns = discover(conn)
            tables = _tables(conn)
        yield World(target, app_login, platform_login, ta, tb, ids["fuzz_a"], ids["fuzz_b"], ids["fuzz_member"],
                    registry, fns, tables)
    finally:
        with server.connect(autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# --- strategies ---------------------------------------------------------------------------------

HOSTILE_TEXT = [
    "", " ", "\t\n", "'", "''", "\\", "%s", "%%", "' OR '1'='1", "'; DROP TABLE monay.tenants; --",
    "$$; SELECT pg_sleep(10); $$", "NULL", "null", "None", "true", "-1", "0", "1e400", "NaN", "Infinity",
    "\u202e\u0645\u0631\u062d\u0628\u0627", "💥" * 50, "é" * 300, "\x01\x02\x1b[31m\x7f", "a" * 8193,
    "TNT-000001-A", "TNT-" + "1" * 40 + "-A", "m/44'/501'/0'/0'/0'", "m/44'/501'/2147483648'/0'/0'",
    "11111111111111111111111111111111", "x@y", "A@EXAMPLE.TEST", "ＡＢＣ", "\u0000".replace("\u0000", "\ufffd"),
    "transfer", "smart_contract_deploy", "USDXM", "USD", "usdc", "free", "small_business", "enterprise",
    "owner", "admin", "member", "viewer", "deposit", "household", "individual", "holding_company",
    "MAX_TENANTS_PER_USER", "KEY_ROTATION_INTERVAL", "TENANT_ISOLATION_ENABLED", "HD_WALLET_ENABLED",
    "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "a.b.c", "..", "e30.e30.e30",
]
MB = "x" * 1_000_000
ST_TEXT = st.one_of(
    st.none(),
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=40),
    st.just(MB),
    st.builds(lambda n: "9" * n, st.integers(20, 200_000)),
)
INT4 = st.one_of(st.none(), st.sampled_from([0, 1, -1, 2, 100, 10_000, 10_001, 2**31 - 1, -(2**31)]),
                 st.integers(-(2**31), 2**31 - 1))
INT8 = st.one_of(st.none(), st.sampled_from([0, 1, -1, 10**12, 10**12 + 1, 10**15, 2**53, 2**63 - 1, -(2**63)]),
                 st.integers(-(2**63), 2**63 - 1))
NUMERIC = st.one_of(
    st.none(),
    st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("0"), Decimal("60"),
                     Decimal("99.999"), Decimal("100"), Decimal("-0.001"), Decimal("1E+400"), Decimal("1E-400")]),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**20, max_value=10**20),
)
SPECIAL_DATES = ["2025-01-01", "2025-01-15", "infinity", "-infinity", "0001-01-01", "9999-12-31", "2024-02-29",
                 "2025-02-28", "2025-01-31",
                 "2025-12-31", "2026-11-30", "4713-01-01 BC"]
DATE = st.one_of(st.none(), st.sampled_from(SPECIAL_DATES), st.dates().map(date.isoformat))
TSTZ = st.one_of(
    st.none(),
    st.sampled_from(["infinity", "-infinity", "0001-01-01 00:00:00+00", "9999-12-31 23:59:59+00",
                     "2024-02-29 23:59:59.999999+00", "2025-01-31 23:59:59+14", "2025-02-01 00:00:00-12"]),
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat()),
    st.integers(-3600 * 24 * 40, 3600 * 24 * 40).map(lambda s: (datetime.now(UTC) + timedelta(seconds=s)).isoformat()),
)
JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                        st.floats(allow_nan=False, allow_infinity=False),
                        st.text(max_size=20).filter(lambda s: "\x00" not in s))
JSON_KEY = st.text(max_size=8).filter(lambda s: "\x00" not in s)  # jsonb cannot hold \u0000 (the cast refuses)
JSON_ANY = st.recursive(JSON_SCALAR, lambda c: st.one_of(st.lists(c, max_size=4),
                                                          st.dictionaries(JSON_KEY, c, max_size=4)),
                        max_leaves=12)
OPERATION_TYPES = ["transfer", "payment", "api_call", "kyc_check", "smart_contract_deploy", "nope", "", "TRANSFER"]
BATCH_ITEM = st.fixed_dictionaries(
    {},
    optional={
        "operation_type": st.one_of(st.sampled_from(OPERATION_TYPES), JSON_SCALAR),
        "quantity": st.one_of(st.sampled_from([1, 0, -1, 1.5, "abc", True, [1], 1e10, 10**30, 2**31, None]),
                              JSON_SCALAR),
        "idempotency_key": st.one_of(st.sampled_from(["k1", "k2", "", "x" * 10_000]), JSON_SCALAR),
        "occurred_at": st.one_of(st.sampled_from(["now", "yesterday", "infinity", "0001-01-01", "not a date",
                                                  "9999-12-31T23:59:59Z", "2025-02-29"]), TSTZ, JSON_SCALAR),
    },
)
BATCH = st.one_of(st.lists(BATCH_ITEM, max_size=6), JSON_ANY, st.just([{"operation_type": "api_call"}] * 10_001),
                  st.just([[[[[]]]]] * 3), st.just({"operations": []}))


def strategy_for(arg_name: str, arg_type: str, w: World) -> st.SearchStrategy[Any]:
    if arg_type == "uuid":
        return st.one_of(st.none(), st.sampled_from([w.tenant_a, w.tenant_b, w.owner_a, w.owner_b, w.member,
                                                     uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)]), st.uuids())
    if arg_type == "uuid[]":
        return st.one_of(st.none(), st.lists(st.one_of(st.none(), st.sampled_from([w.tenant_a, w.tenant_b]),
                                                       st.uuids()), max_size=5))
    if arg_type == "integer":
        return INT4
    if arg_type == "bigint":
        return INT8
    if arg_type == "numeric":
        return NUMERIC
    if arg_type == "date":
        return DATE
    if arg_type == "timestamp with time zone":
        return TSTZ
    if arg_type == "jsonb":
        return st.one_of(st.none(), BATCH if "operations" in arg_name else JSON_ANY).map(
            lambda v: None if v is None else Jsonb(v))
    if arg_type == "boolean":
        return st.one_of(st.none(), st.booleans())
    if arg_type == "text":
        if arg_name == "p_token":
            return st.one_of(ST_TEXT, st.builds(w.token), st.builds(lambda: w.token()[:-2] + "xx"))
        return ST_TEXT
    raise AssertionError(f"no strategy for {arg_name} {arg_type}: add one (the fuzzer covers every type)")


# --- the calls ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    sqlstate: str | None
    message: str


def call(w: World, conn: psycopg.Connection, fn: Fn, context: str, args: list[Any]) -> Outcome:
    placeholders = sql.SQL(", ").join(
        sql.SQL("{}::{}").format(sql.Placeholder(), sql.SQL(t)) for t in fn.arg_types)
    stmt = (sql.SQL("CALL monay.{}({})") if fn.kind == "p" else sql.SQL("SELECT monay.{}({})")).format(
        sql.Identifier(fn.name), placeholders)
    conn.execute("BEGIN")
    try:
        conn.execute(sql.SQL("SET LOCAL statement_timeout = {}").format(sql.Literal(STATEMENT_TIMEOUT)))
        if context == "app_tenant":
            conn.execute("SELECT monay.authenticate(%s)", [w.token()])
        elif context == "platform":
            conn.execute("SELECT monay.set_platform_context()")
        conn.execute(stmt, args)
        return Outcome(None, "")
    except psycopg.Error as exc:
        return Outcome(exc.sqlstate, str(exc).splitlines()[0] if str(exc) else "")
    finally:
        conn.execute("ROLLBACK")


def acceptable(w: World, fn_name: str, sqlstate: str) -> bool:
    """The oracle: a registered code that is never a bare conversion error (or a listed defect)."""
    return (fn_name, sqlstate) in KNOWN_BILLING_DEFECTS or (sqlstate in w.registry and sqlstate not in NEVER)


def _fuzz(w: World, fn: Fn, conns: dict[str, psycopg.Connection], su: psycopg.Connection,
          baseline: dict[str, str], data: st.DataObject) -> None:
    context = data.draw(st.sampled_from(CONTEXTS), label="context")
    args = [data.draw(strategy_for(n, t, w), label=n) for n, t in zip(fn.arg_names, fn.arg_types, strict=True)]
    before = durable_counts(su)
    out = call(w, conns["platform" if context == "platform" else "app"], fn, context, args)
    if out.sqlstate is None:
        return
    assert acceptable(w, fn.name, out.sqlstate), (
        f"{fn.signature} as {context} raised {out.sqlstate} (not in monay.error_codes() or never acceptable): "
        f"{out.message[:300]}")
    after = checksums(su, w.tables)
    changed = [t for t in baseline if after.get(t) != baseline[t]]
    assert not changed, f"{fn.signature} as {context} refused with {out.sqlstate} but changed {changed}"
    assert not appended_only(su, before), f"{fn.signature} as {context}: durable rows that are not refusals"


@pytest.fixture(scope="module")
def sessions(world: World) -> Iterator[tuple[dict[str, psycopg.Connection], psycopg.Connection]]:
    app = world.target.connect(autocommit=True, user=world.app_login)
    plat = world.target.connect(autocommit=True, user=world.platform_login)
    su = world.target.connect(autocommit=True)
    yield {"app": app, "platform": plat}, su
    for c in (app, plat, su):
        c.close()


def test_the_catalog_has_the_functions_the_fuzzer_covers(world: World) -> None:
    names = {f.name for f in world.functions}
    # A sample that must be there; the fuzz below runs over whatever the catalog holds.
    assert {"track_operations", "process_payment", "switch_tenant", "set_setting", "authenticate",
            "create_tenant"} <= names
    assert "tenant_code_check_char" not in names, "an owner's helper is not callable by the app (016)"
    for f in world.functions:
        for n, t in zip(f.arg_names, f.arg_types, strict=True):
            strategy_for(n, t, world)  # raises for a type nobody wrote a strategy for


def _runner(w: World, fn: Fn, conns: dict[str, psycopg.Connection], su: psycopg.Connection,
            baseline: dict[str, str]) -> Any:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _fuzz(w, fn, conns, su, baseline, data)

    return run


def test_fuzz_every_public_function(world: World, sessions: Any) -> None:
    conns, su = sessions
    baseline = checksums(su, world.tables)
    failures: list[str] = []
    for fn in world.functions:
        try:
            _runner(world, fn, conns, su, baseline)()
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0][:600])
    assert not failures, "\n".join(failures)


# --- the billing defects the fuzzer found, fixed; their reproducers stay --------------------------

Q = '[{"operation_type": "transfer", %s}]'
BILLING_REPRODUCERS = [  # (function, statement, the batch item's hostile field)
    ("track_operations", "SELECT monay.track_operations(%(a)s, %(q)s)", '"quantity": 1.5'),
    ("track_operations", "SELECT monay.track_operations(%(a)s, %(q)s)", '"quantity": "abc"'),
    ("track_operations", "SELECT monay.track_operations(%(a)s, %(q)s)", '"quantity": true'),
    ("track_operations", "SELECT monay.track_operations(%(a)s, %(q)s)", '"quantity": [1]'),
    ("track_operations", "SELECT monay.track_operations(%(a)s, %(q)s)", '"quantity": 1e10'),
    ("track_operations", "SELECT monay.track_operations(%(a)s, %(q)s)", '"occurred_at": "not a date"'),
    ("track_operations", "SELECT monay.track_operations(%(a)s, %(q)s)", '"occurred_at": "294277-01-01"'),
    ("apply_margin_markup", "SELECT monay.apply_margin_markup(9223372036854775807, 60)", ""),
    ("adjust_bill", "SELECT monay.adjust_bill(%(a)s, '2025-01-01', 9223372036854775807, 'fuzz')", ""),
]


@pytest.mark.parametrize("fn,stmt,field", BILLING_REPRODUCERS,
                         ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(BILLING_REPRODUCERS)])
def test_billing_defect_reproducer(world: World, sessions: Any, fn: str, stmt: str, field: str) -> None:
    conns, _ = sessions
    conn = conns["platform"]
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute(stmt, {"a": world.tenant_a, "q": Q % field})
        code = None
    except psycopg.Error as exc:
        code = exc.sqlstate
    finally:
        conn.execute("ROLLBACK")
    assert code is None or (code in world.registry and code not in NEVER), f"{fn}: {code}"


def test_the_fuzzer_catches_a_bare_sqlstate(world: World, sessions: Any) -> None:
    """The oracle itself can fail: a bare conversion or overflow code, or an unregistered one, is
    refused; a registered one passes."""
    for bare in ("22P02", "22003", "22007", "22008", "XX000"):
        assert not acceptable(world, "apply_margin_markup", bare), bare
    assert not acceptable(world, "apply_margin_markup", "MT999")
    assert acceptable(world, "apply_margin_markup", "MT416") and acceptable(world, "track_operations", "22023")


def test_track_operations_for_a_tenant_created_this_month(world: World, sessions: Any) -> None:
    conns, _ = sessions
    conn = conns["platform"]
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT monay.set_platform_context()")
        conn.execute("SELECT monay.track_operations(%s, '[{\"operation_type\": \"api_call\"}]')", [world.tenant_b])
        code = None
    except psycopg.Error as exc:
        code = exc.sqlstate
    finally:
        conn.execute("ROLLBACK")
    assert code is None, f"tenant b (created now) cannot batch-track: {code}"
