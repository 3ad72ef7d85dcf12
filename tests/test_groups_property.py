"""monay.aggregate_group_billing against the Python billing model (tests/billing_model.py).

Hypothesis draws a month and a holding of one to four member tenants (tiers, usage under
each); the usage goes through monay.track_operations. The consolidated bill must be the sum of
the members' bills as the model computes them, less one USDXM discount on that sum
(floor(total * 10 / 100)), never less than the members' own discounts added up.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import billing_model as model
from monaydb.database import Target

MARGIN = {"free": 0, "small_business": 60, "enterprise": 70}
UNITS = {name: op.units for name, op in model.DEFAULT_OPERATIONS.items()}
COST = {name: op.cost_millicents for name, op in model.DEFAULT_OPERATIONS.items()}


@st.composite
def holdings(draw: st.DrawFn) -> dict:
    year = draw(st.sampled_from([2024, 2025]))
    period = date(year, draw(st.integers(2, 12)), 1)

    def member(tier: str) -> st.SearchStrategy:
        big = tier != "free"
        return st.tuples(st.just(tier), st.integers(0, 30_000 if big else 900), st.integers(0, 400 if big else 10),
                         st.integers(0, 2_000_000 if big else 1_000))

    members = draw(st.lists(st.sampled_from(list(MARGIN)).flatmap(member), min_size=1, max_size=4))
    return {"period": period, "members": members}


def test_consolidated_bill_is_the_members_bills_less_one_discount(db: Target) -> None:
    conn = db.connect(autocommit=True)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(holdings())
    def check(sc: dict) -> None:
        period: date = sc["period"]
        created = model.utc_midnight(period) - timedelta(days=40)
        model.utc_midnight(period) + timedelta(days=3)
        ids: list[str] = []
        want_totals: list[int] = []
        with conn.transaction():
            conn.execute("SELECT monay.set_platform_context()")
            for tier, q_tx, q_call, q_api in sc["members"]:
                tid = str(uuid.uuid4())
                ids.append(tid)
                conn.execute("INSERT INTO monay.tenants (id, name, billing_tier, gross_margin_percent, created_at) "
                             "VALUES (%s, %s, %s, %s, %s)", [tid, f"gp-{tid[:8]}", tier, MARGIN[tier], created])
                conn.execute("UPDATE monay.tenant_tier_history SET effective_at = %s WHERE tenant_id = %s",
                             [created, tid])
                ops = (("transfer", q_tx), ("smart_contract_call", q_call), ("api_call", q_api))
                # Counted straight into the drawn month (monay_private.billing_account, what tracking
                # does): usage tracked today for a past month counts as late in the running month.
                for t, q in ops:
                    if q > 0:
                        conn.execute(
                            "SELECT monay_private.billing_account(%s, %s, %s, %s, %s, %s, false, false)",
                            [tid, period, q if t == "transfer" else 0, q * UNITS[t], q, q * COST[t]])
                usage = model.Usage(
                    q_tx, q_tx * UNITS["transfer"] + q_call * UNITS["smart_contract_call"] + q_api * UNITS["api_call"],
                    q_tx * COST["transfer"] + q_call * COST["smart_contract_call"] + q_api * COST["api_call"])
                want = model.bill(period, [(created, tier)], {tier: usage} if usage != model.Usage() else {})
                want_totals.append(want["costs"]["total_before_discount_cents"])
            group = conn.execute("SELECT id FROM monay.create_holding_company('prop', '{}', %s)",
                                 [ids[0]]).fetchone()[0]  # type: ignore[index]
            for tid in ids[1:]:
                conn.execute("SELECT monay.add_group_member(%s, %s, 'subsidiary')", [group, tid])
            got = conn.execute("SELECT monay.aggregate_group_billing(%s, %s)", [group, period]).fetchone()[0]  # type: ignore[index]

        lines = {line["tenant_id"]: line["total_before_discount_cents"] for line in got["lines"]}
        assert lines == dict(zip(ids, want_totals, strict=True)), sc
        total = sum(want_totals)
        assert got["totals"]["total_before_discount_cents"] == total
        assert got["totals"]["usdxm_discount_cents"] == total * model.USDXM_DISCOUNT_PERCENT // 100
        assert got["totals"]["total_cents"] == total - total * model.USDXM_DISCOUNT_PERCENT // 100
        separate = sum(t * model.USDXM_DISCOUNT_PERCENT // 100 for t in want_totals)
        assert got["totals"]["separate_usdxm_discounts_cents"] == separate
        assert separate <= got["totals"]["usdxm_discount_cents"] < separate + len(ids)

    try:
        check()
    finally:
        conn.close()
