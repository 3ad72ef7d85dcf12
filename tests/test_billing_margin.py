"""The gross-margin floor (docs/billing.md, "Margin floor") against the model (tests/billing_model.py).

- The database's default prices, floors and costs are the model's, and keep both rules.
- The configuration guard (MT411) refuses a change exactly when the model's rules say it breaks a
  floor: random price versions (many drawn within a few units of the allowance boundary), operation
  costs, new operation types and payment discounts.
- The conservative allowance bound really bounds: for any configuration keeping both rules, a whole
  month of any usage of one tier costs at most (100 - floor)% of the revenue after the discount
  (model only, exact fractions, no cent rounding).
- With the defaults, any usage of a paid tier (whole month or from a day inside it) gives a bill
  whose realized margin is at least the tier's floor (real path: track_operations, then
  calculate_tenant_billing).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import billing_model as model
from monaydb.database import Target

PAID = ("small_business", "enterprise")
OPS = sorted(model.DEFAULT_OPERATIONS)
NEXT_MONTH_SQL = "(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month')::date"


def _db_violations(prices: dict[str, model.TierPrice], ops: dict[str, model.Operation],
                   discount: int, floors: dict[str, Fraction] | None = None) -> list[str]:
    floors = floors or model.FLOOR_PERCENT
    return [f"{tier}:{v}" for tier, price in sorted(prices.items())
            for v in model.margin_floor_violations(price, floors[tier], ops, discount)]


def test_defaults_match_the_model_and_keep_both_rules(db: Target) -> None:
    with db.connect(autocommit=True) as conn:
        tiers = conn.execute(
            "SELECT tier, base_fee_cents, included_transactions, included_computation_units, "
            "overage_transaction_cents, overage_per_1000_units_cents, overage_policy = 'refuse', "
            "gross_margin_min_percent "
            "FROM monay.billing_tier_config WHERE effective_from = '2000-01-01'").fetchall()
        ops = conn.execute("SELECT operation_type, computation_units, counts_as_transaction, cost_millicents "
                           "FROM monay.operation_costs").fetchall()
        discount = conn.execute("SELECT max(discount_percent) FROM monay.stablecoin_payment_config").fetchone()
    assert {t[0]: model.TierPrice(*t[1:7]) for t in tiers} == model.DEFAULT_PRICES
    assert {t[0]: Fraction(t[7]) for t in tiers} == model.FLOOR_PERCENT
    assert {o[0]: model.Operation(*o[1:]) for o in ops} == model.DEFAULT_OPERATIONS
    assert discount == (model.USDXM_DISCOUNT_PERCENT,)
    assert _db_violations(model.DEFAULT_PRICES, model.DEFAULT_OPERATIONS, model.USDXM_DISCOUNT_PERCENT) == []
    # The numbers docs/billing.md quotes: worst case of the whole allowance vs what the base fee allows.
    bounds = {t: model.allowance_cost_bound(model.DEFAULT_PRICES[t], model.DEFAULT_OPERATIONS) for t in PAID}
    assert bounds == {"small_business": 1_200_000, "enterprise": 12_000_000}


def test_old_defaults_kept_only_the_overage_rule() -> None:
    """The defaults before the allowance rule: every overage unit kept the floor, the allowance did not."""
    old_prices = {"small_business": model.TierPrice(4_900, 10_000, 1_000_000, 2, 100, False),
                  "enterprise": model.TierPrice(49_900, 250_000, 25_000_000, 1, 50, False)}
    old_ops = dict(model.DEFAULT_OPERATIONS, transfer=model.Operation(1, True, 100),
                   payment=model.Operation(1, True, 100), card_authorization=model.Operation(2, True, 200))
    assert _db_violations(old_prices, old_ops, 0) == ["enterprise:allowance", "small_business:allowance"]
    # An enterprise month of 250,000 card authorizations inside the allowance: $500 of cost on $499.
    assert not model.exact_month_margin_holds(old_prices["enterprise"], Fraction(70), old_ops, 0,
                                              {"card_authorization": 250_000})


# --- The guard against the model -------------------------------------------------------------------

@st.composite
def config_changes(draw: st.DrawFn) -> dict:
    kind = draw(st.sampled_from(["price", "price", "cost", "new_operation", "discount"]))
    ops = dict(model.DEFAULT_OPERATIONS)
    prices = {t: model.DEFAULT_PRICES[t] for t in PAID}
    floors = dict(model.FLOOR_PERCENT)
    discount = model.USDXM_DISCOUNT_PERCENT
    if kind == "price":
        tier = draw(st.sampled_from(PAID))
        policy_refuse = draw(st.booleans()) if draw(st.integers(0, 4)) == 0 else False
        floor = Fraction(draw(st.sampled_from([0, 1, 5050, 6000, 6999, 7000, 7001, 8500, 9999])), 100)
        base = draw(st.integers(0, 120_000))
        inc_tx = draw(st.integers(0, 300_000))
        over_tx = draw(st.integers(0, 5))
        over_1000 = draw(st.integers(0, 200))
        keep = (1 - floor / 100) * Fraction(100 - discount, 100)
        # The most units the allowance rule admits (dearest unit 10, dearest transaction 20).
        boundary = (keep * base * 1000 - inc_tx * 20) / 10
        if boundary >= 0 and draw(st.booleans()):
            inc_units = max(0, int(boundary) + draw(st.integers(-2, 2)))
        else:
            inc_units = draw(st.integers(0, 3_000_000))
        new = model.TierPrice(base, inc_tx, inc_units, over_tx, over_1000, policy_refuse)
        floors_new = dict(floors, new=floor)
        expected = _db_violations(dict(prices, new=new), ops, discount, floors_new)
        statement = (
            "INSERT INTO monay.billing_tier_config (tier, effective_from, base_fee_cents, included_transactions, "
            "included_computation_units, overage_transaction_cents, overage_per_1000_units_cents, overage_policy, "
            "gross_margin_min_percent, gross_margin_max_percent, rate_limit_per_second, rate_limit_burst, "
            "counter_slots) "
            f"VALUES (%s, {NEXT_MONTH_SQL}, %s, %s, %s, %s, %s, %s, %s, 99.99, 200, 400, 1)")
        params = [tier, base, inc_tx, inc_units, over_tx, over_1000, "refuse" if policy_refuse else "bill",
                  Decimal(floor.numerator) / Decimal(floor.denominator)]
    elif kind == "cost":
        name = draw(st.sampled_from(OPS))
        op = ops[name]
        cost = draw(st.integers(0, 15 * op.units + 40))
        ops[name] = model.Operation(op.units, op.counts_as_transaction, cost)
        expected = _db_violations(prices, ops, discount)
        statement = "UPDATE monay.operation_costs SET cost_millicents = %s WHERE operation_type = %s"
        params = [cost, name]
    elif kind == "new_operation":
        op = model.Operation(draw(st.integers(0, 60)), draw(st.booleans()), 0)
        op = model.Operation(op.units, op.counts_as_transaction, draw(st.integers(0, 15 * op.units + 60)))
        ops["test_op"] = op
        expected = _db_violations(prices, ops, discount)
        statement = ("INSERT INTO monay.operation_costs (operation_type, computation_units, counts_as_transaction, "
                     "cost_millicents, description) VALUES ('test_op', %s, %s, %s, 'test')")
        params = [op.units, op.counts_as_transaction, op.cost_millicents]
    else:
        symbol = draw(st.sampled_from(["USDXM", "USDT"]))
        percent = draw(st.integers(0, 40))
        expected = _db_violations(prices, ops, max(percent, 10 if symbol != "USDXM" else 0))
        statement = "UPDATE monay.stablecoin_payment_config SET discount_percent = %s WHERE symbol = %s"
        params = [percent, symbol]
    return {"kind": kind, "statement": statement, "params": params, "expected": expected}


@pytest.mark.parametrize("examples", [150])
def test_guard_refuses_exactly_what_the_model_refuses(db: Target, examples: int) -> None:
    conn = db.connect(autocommit=True)
    seen = {True: 0, False: 0}

    @settings(max_examples=examples, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(config_changes())
    def check(change: dict) -> None:
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT monay.set_platform_context()")
            try:
                conn.execute(change["statement"], change["params"])
                refused = None
            except psycopg.Error as e:
                refused = e
        finally:
            conn.execute("ROLLBACK")
        if change["expected"]:
            assert refused is not None and refused.sqlstate == "MT411", (change, refused)
        else:
            assert refused is None, (change, refused)
        seen[bool(change["expected"])] += 1

    try:
        check()
    finally:
        conn.close()
    assert seen[True] > 10 and seen[False] > 10, seen  # both outcomes were exercised


# --- The bound is a bound (model only) -------------------------------------------------------------

@st.composite
def configs_keeping_both_rules(draw: st.DrawFn) -> tuple:
    floor = Fraction(draw(st.integers(1, 9_500)), 100)
    discount = draw(st.integers(0, 50))
    keep = (1 - floor / 100) * Fraction(100 - discount, 100)
    over_tx = draw(st.integers(0, 5))
    over_1000 = draw(st.integers(0, 300))
    probe = model.TierPrice(0, 0, 0, over_tx, over_1000, False)
    ops: dict[str, model.Operation] = {}
    for i in range(draw(st.integers(1, 5))):
        units, is_tx = draw(st.integers(0, 600)), draw(st.booleans())
        price = model.overage_price_millicents(probe, model.Operation(units, is_tx, 0))
        share = Fraction(draw(st.integers(0, 100)), 100)  # of the most the overage rule allows
        ops[f"op{i}"] = model.Operation(units, is_tx, int(share * keep * price))
    inc_tx, inc_units = draw(st.integers(0, 200_000)), draw(st.integers(0, 2_000_000))
    bound = model.allowance_cost_bound(model.TierPrice(0, inc_tx, inc_units, 0, 0, False), ops)
    base = -(-bound // (keep * 1000)) + draw(st.integers(0, 1_000))  # the least base fee that passes, and more
    price = model.TierPrice(int(base), inc_tx, inc_units, over_tx, over_1000, False)
    assert model.margin_floor_violations(price, floor, ops, discount) == []
    scale = max(inc_tx, inc_units, 1)
    quantities = {name: draw(st.one_of(st.just(0), st.integers(0, 3 * scale))) for name in ops}
    if not any(quantities.values()):
        quantities["op0"] = draw(st.integers(1, 3 * scale))
    return price, floor, ops, discount, quantities


@settings(max_examples=600, deadline=None, derandomize=True)
@given(configs_keeping_both_rules())
def test_both_rules_keep_the_floor_for_any_month_of_usage(cfg: tuple) -> None:
    price, floor, ops, discount, quantities = cfg
    assert model.exact_month_margin_holds(price, floor, ops, discount, quantities)


# --- What bills realize with the defaults (database) -----------------------------------------------

MONTHS = [date(2024 + (m // 12), m % 12 + 1, 1) for m in range(34)]  # 2024-01 .. 2026-10 (ended)


@st.composite
def paid_months(draw: st.DrawFn) -> dict:
    """A month of a paid tenant: created before it (whole month) or inside it (from one day), maybe
    one change to the other paid tier at any instant after that; usage of every operation type
    under each tier (up to twice what the tier includes), tracked while that tier is in force."""
    period = draw(st.sampled_from(MONTHS))
    start = model.utc_midnight(period)
    span = model.days_in_month(period) * 86400
    created = start - timedelta(days=3) if draw(st.booleans()) else \
        start + timedelta(seconds=draw(st.integers(0, span - 3600)))
    tiers = [draw(st.sampled_from(PAID))]
    segments = [created]
    if draw(st.booleans()):
        tiers.append(next(t for t in PAID if t != tiers[0]))
        lo = int((max(created, start) - start).total_seconds()) + 60
        segments.append(start + timedelta(seconds=draw(st.integers(lo, span - 60))))
    usage = []
    for tier in tiers:
        price = model.DEFAULT_PRICES[tier]
        quantities = {}
        for name in OPS:
            op = model.DEFAULT_OPERATIONS[name]
            most = 2 * (price.included_transactions if op.counts_as_transaction else price.included_units // op.units)
            quantities[name] = draw(st.one_of(st.just(0), st.integers(0, most), st.integers(0, most // 20)))
        usage.append(quantities)
    return {"period": period, "history": list(zip(segments, tiers, strict=True)), "usage": usage}


def _worst_cases() -> list[dict]:
    """The whole allowance in the dearest operations: a whole month, the last day only, the last
    4 hours of a leap February."""
    cases = []
    for tier in PAID:
        p = model.DEFAULT_PRICES[tier]
        q = dict.fromkeys(OPS, 0) | {"card_authorization": p.included_transactions,
                                     "kyc_check": (p.included_units - 2 * p.included_transactions) // 500}
        for period, created in ((date(2025, 3, 1), model.utc_midnight(date(2025, 2, 1))),
                                (date(2025, 3, 1), model.utc_midnight(date(2025, 3, 31))),
                                (date(2024, 2, 1), model.utc_midnight(date(2024, 2, 29)) + timedelta(hours=20))):
            cases.append({"period": period, "history": [(created, tier)], "usage": [q]})
    return cases


def _bill(conn: psycopg.Connection, sc: dict) -> dict:
    period, history = sc["period"], sc["history"]
    tenant = str(uuid.uuid4())
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT monay.set_platform_context()")
        created, first = history[0]
        conn.execute("INSERT INTO monay.tenants (id, name, billing_tier, gross_margin_percent, created_at) "
                     "VALUES (%s, %s, %s, %s, %s)",
                     [tenant, f"margin-{tenant[:8]}", first, int(model.FLOOR_PERCENT[first]), created])
        for (_at, tier), quantities in zip(history, sc["usage"], strict=True):
            conn.execute("UPDATE monay.tenants SET billing_tier = %s, gross_margin_percent = %s WHERE id = %s",
                         [tier, int(model.FLOOR_PERCENT[tier]), tenant])
            # Counted as it was while the month ran (the late-usage rule sends usage of an old
            # month tracked today to the running month): the counters, under this tier.
            for name, q in quantities.items():
                if q > 0:
                    op = model.DEFAULT_OPERATIONS[name]
                    conn.execute("SELECT monay_private.billing_account(%s, %s, %s, %s, %s, %s, false, false)",
                                 [tenant, period, q if op.counts_as_transaction else 0, op.units * q, q,
                                  op.cost_millicents * q])
        # The history as drawn (the updates above recorded their changes at now()).
        conn.execute("DELETE FROM monay.tenant_tier_history WHERE tenant_id = %s", [tenant])
        for at, tier in history:
            conn.execute("INSERT INTO monay.tenant_tier_history (tenant_id, effective_at, billing_tier, "
                         "gross_margin_percent) VALUES (%s, %s, %s, %s)",
                         [tenant, at, tier, int(model.FLOOR_PERCENT[tier])])
        row = conn.execute("SELECT monay.calculate_tenant_billing(%s, %s)", [tenant, period]).fetchone()
    finally:
        conn.execute("ROLLBACK")
    assert row is not None
    return row[0]


def _assert_floor_kept(sc: dict, bill: dict) -> None:
    """The realized margin is at least the floor of the bill's tiers (the lowest of them when the
    month has two: each tier line keeps its own floor, docs/billing.md)."""
    floor = min(model.FLOOR_PERCENT[line["tier"]] for line in bill["lines"])
    revenue, cost = bill["costs"]["total_cents"], bill["margin"]["cost_cents"]
    assert revenue > 0, (sc, bill)  # a paid tier held for at least a day bills its base fee
    assert (revenue - cost) * 100 >= floor * revenue, (sc, bill["costs"], bill["margin"])
    assert Decimal(str(bill["margin"]["gross_margin_percent"])) >= Decimal(floor.numerator), (sc, bill["margin"])


def test_worst_case_bills_keep_the_floor(db: Target) -> None:
    with db.connect(autocommit=True) as conn:
        for sc in _worst_cases():
            bill = _bill(conn, sc)
            _assert_floor_kept(sc, bill)
            assert min(model.FLOOR_PERCENT[line["tier"]] for line in bill["lines"]) \
                == model.FLOOR_PERCENT[sc["history"][0][1]]
            if sc["history"][0][0] < model.utc_midnight(sc["period"]):  # whole month: exactly the allowance
                for what in ("transactions", "computation_units"):
                    assert bill["usage"][what]["used"] == bill["usage"][what]["limit"], bill["usage"]


@pytest.mark.parametrize("examples", [40])
def test_any_usage_of_a_paid_tier_keeps_its_floor(db: Target, examples: int) -> None:
    conn = db.connect(autocommit=True)

    @settings(max_examples=examples, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(paid_months())
    def check(sc: dict) -> None:
        _assert_floor_kept(sc, _bill(conn, sc))

    try:
        check()
    finally:
        conn.close()
