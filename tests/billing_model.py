"""A model of the billing rules in plain Python, written from docs/billing.md, not from the SQL.

It is deliberately naive: day-by-day tier ownership, Python integers (no float anywhere, no
Decimal needed), one function per rule. The property tests compare
monay.calculate_tenant_billing with it.

Rules (docs/billing.md):
- A period is a calendar month in UTC, [first day 00:00, first day of next month 00:00).
- Day d of the month (1..D) ends at period start + d days; it belongs to the tier in force at
  that instant: the last tier-history row with effective_at strictly before it. Days before
  the tenant's first row belong to nobody.
- For each tier held (days > 0) or used in the month, with that tier's prices:
    base      = floor(base_fee * days / D)
    included  = the full allowance for a tier that refuses overage (free),
                floor(allowance * days / D) otherwise
    overage_tx_cents = max(0, tx - included_tx) * overage_transaction_cents
    overage_cu_cents = floor(max(0, units - included_units) * price_per_1000 / 1000)
- total_before_discount = sum of all of it; usdxm_discount = floor(total * 10 / 100);
  total = total_before_discount - usdxm_discount.
- Late usage (issue 16): an operation before the tenant's creation is refused (MT415); one of the
  running month, or of last month while last month has no bill, counts in its own month; any
  other (older, or billed) counts in the running month, marked late.
- Payments (issue 16): the discount of a payment is taken per bill it settles, so that a bill
  settled in several payments of one coin costs exactly total - floor(total x percent / 100): for
  each part x of a bill settled after s of it was settled, floor((s + x)p/100) - floor(s p/100);
  what is left as credit, floor(r p/100). The waterfall settles bills oldest first, from the
  oldest credit first.
- cost_cents = ceil(cost_millicents / 1000); margin = round((total - cost) * 100 / total, 2)
  (half away from zero), None when total is 0.
- Margin floor of the configuration (docs/billing.md, "Margin floor"), for every tier version with
  a floor f > 0, revenue counted after the largest payment discount d:
    overage (tiers that bill it): one unit of each operation, cost <= (1 - f)(1 - d) x its price;
    allowance: included_tx x (dearest transaction) + included_units x (dearest unit)
               <= (1 - f)(1 - d) x base fee.
  Here with exact fractions (the SQL cross-multiplies instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction


@dataclass(frozen=True)
class TierPrice:
    base_fee_cents: int
    included_transactions: int
    included_units: int
    overage_transaction_cents: int
    overage_per_1000_units_cents: int
    refuses_overage: bool


@dataclass(frozen=True)
class Operation:
    units: int
    counts_as_transaction: bool
    cost_millicents: int


# The defaults of migration 005, as docs/billing.md lists them.
DEFAULT_PRICES: dict[str, TierPrice] = {
    "free": TierPrice(0, 1_000, 10_000, 0, 0, True),
    "small_business": TierPrice(4_900, 10_000, 100_000, 2, 100, False),
    "enterprise": TierPrice(49_900, 100_000, 1_000_000, 1, 50, False),
}
FLOOR_PERCENT: dict[str, Fraction] = {"free": Fraction(0), "small_business": Fraction(60), "enterprise": Fraction(70)}
DEFAULT_OPERATIONS: dict[str, Operation] = {
    "transfer": Operation(1, True, 10),
    "payment": Operation(1, True, 10),
    "card_authorization": Operation(2, True, 20),
    "wallet_create": Operation(10, False, 100),
    "kyc_check": Operation(500, False, 5_000),
    "invoice_create": Operation(2, False, 20),
    "api_call": Operation(1, False, 1),
    "smart_contract_call": Operation(50, False, 500),
    "smart_contract_deploy": Operation(5_000, False, 50_000),
}
USDXM_DISCOUNT_PERCENT = 10
TIER_ORDER = ("free", "small_business", "enterprise")


@dataclass(frozen=True)
class Usage:
    transactions: int = 0
    units: int = 0
    cost_millicents: int = 0


def month_start(d: date) -> date:
    return d.replace(day=1)


def next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def days_in_month(period: date) -> int:
    return (next_month(period) - period).days


def period_of(at: datetime) -> date:
    """The billing period (first day of the UTC month) holding an instant."""
    u = at.astimezone(UTC)
    return date(u.year, u.month, 1)


def utc_midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def tier_days(period: date, history: list[tuple[datetime, str]]) -> dict[str, int]:
    """Days of the month owned by each tier, counted one day at a time."""
    start = utc_midnight(period)
    owned: dict[str, int] = {}
    for d in range(1, days_in_month(period) + 1):
        end_of_day = start + timedelta(days=d)
        in_force = [tier for at, tier in sorted(history) if at < end_of_day]
        if in_force:
            owned[in_force[-1]] = owned.get(in_force[-1], 0) + 1
    return owned


def round_half_away(numerator: int, denominator: int, places: int = 2) -> str:
    """numerator / denominator rounded to `places` decimals, half away from zero, as text."""
    scale = 10 ** places
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    n, dd = abs(numerator) * scale, abs(denominator)
    q, r = divmod(n, dd)
    if 2 * r >= dd:
        q += 1
    q *= sign
    whole, frac = divmod(abs(q), scale)
    return f"{'-' if q < 0 else ''}{whole}.{frac:0{places}d}"


def bill(period: date, history: list[tuple[datetime, str]], usage: dict[str, Usage],
         prices: dict[str, TierPrice] | None = None) -> dict:
    """The bill of one tenant for `period`: the fields calculate_tenant_billing reports."""
    prices = prices or DEFAULT_PRICES
    days_total = days_in_month(period)
    owned = tier_days(period, history)
    tiers = [t for t in TIER_ORDER if owned.get(t, 0) > 0 or t in usage]
    lines = []
    for tier in tiers:
        p = prices[tier]
        days = owned.get(tier, 0)
        u = usage.get(tier, Usage())
        if p.refuses_overage:
            inc_tx, inc_units = p.included_transactions, p.included_units
        else:
            inc_tx = p.included_transactions * days // days_total
            inc_units = p.included_units * days // days_total
        over_tx = max(0, u.transactions - inc_tx)
        over_units = max(0, u.units - inc_units)
        lines.append({
            "tier": tier,
            "days": days,
            "base_fee_cents": p.base_fee_cents * days // days_total,
            "included_transactions": inc_tx,
            "transactions_used": u.transactions,
            "overage_transactions_cents": over_tx * p.overage_transaction_cents,
            "included_computation_units": inc_units,
            "computation_units_used": u.units,
            "overage_computation_units_cents": over_units * p.overage_per_1000_units_cents // 1000,
            "cost_millicents": u.cost_millicents,
        })
    base = sum(line["base_fee_cents"] for line in lines)
    over_tx_cents = sum(line["overage_transactions_cents"] for line in lines)
    over_units_cents = sum(line["overage_computation_units_cents"] for line in lines)
    total_before = base + over_tx_cents + over_units_cents
    discount = total_before * USDXM_DISCOUNT_PERCENT // 100
    total = total_before - discount
    cost_mc = sum(line["cost_millicents"] for line in lines)
    cost_cents = -(-cost_mc // 1000)
    used_tx = sum(line["transactions_used"] for line in lines)
    used_units = sum(line["computation_units_used"] for line in lines)
    limit_tx = sum(line["included_transactions"] for line in lines)
    limit_units = sum(line["included_computation_units"] for line in lines)
    return {
        "period": period.isoformat(),
        "days_in_period": days_total,
        "costs": {
            "base_fee_cents": base,
            "overage_transactions_cents": over_tx_cents,
            "overage_computation_units_cents": over_units_cents,
            "total_before_discount_cents": total_before,
            "usdxm_discount_cents": discount,
            "total_cents": total,
        },
        "usage": {
            "transactions": {"limit": limit_tx, "used": used_tx, "remaining": max(0, limit_tx - used_tx)},
            "computation_units": {"limit": limit_units, "used": used_units,
                                  "remaining": max(0, limit_units - used_units)},
        },
        "margin": {
            "cost_cents": cost_cents,
            "gross_margin_percent": round_half_away((total - cost_cents) * 100, total) if total > 0 else None,
        },
        "lines": [{k: line[k] for k in ("tier", "days", "base_fee_cents")} for line in lines],
    }


def payment(amount_cents: int, discount_percent: int) -> tuple[int, int]:
    """(discount_applied, final_amount) of a payment with a coin's discount, when no bill is due
    (all of it becomes credit)."""
    discount = amount_cents * discount_percent // 100
    return discount, amount_cents - discount


def counting_period(at: datetime, created: datetime, now: datetime, billed: set[date]) -> tuple[date, bool] | None:
    """(period, late) in which an operation that happened at `at` counts, or None when it is
    refused (before the tenant was created)."""
    if at < created:
        return None
    own, this = period_of(at), period_of(now)
    last = period_of(utc_midnight(this) - timedelta(days=1))
    if own >= this or (own == last and last not in billed):
        return own, False
    return this, True


@dataclass
class Ledger:
    """A tenant's bills (period -> [total, settled]) and credit, and the per-bill payment discount."""
    bills: dict[date, list[int]]
    credit: int = 0

    def finalize(self, period: date, total: int) -> None:
        """A new bill; the waterfall applies the credit to the unpaid bills, oldest first."""
        self.bills[period] = [total, 0]
        for p in sorted(self.bills):
            take = min(self.bills[p][0] - self.bills[p][1], self.credit)
            self.bills[p][1] += take
            self.credit -= take

    def pay(self, amount: int, discount_percent: int) -> int:
        """Records a payment of `amount` cents; returns its discount (the waterfall runs after)."""
        left_credit, left = self.credit, amount
        discount = 0
        plan: list[tuple[date, int]] = []
        for period in sorted(self.bills):
            total, settled = self.bills[period]
            due = total - settled
            from_credit = min(due, left_credit)
            left_credit -= from_credit
            s = settled + from_credit
            x = min(due - from_credit, left)
            if x > 0:
                discount += (s + x) * discount_percent // 100 - s * discount_percent // 100
                left -= x
            plan.append((period, from_credit + max(x, 0)))
        discount += left * discount_percent // 100
        for period, settled_now in plan:
            self.bills[period][1] += settled_now
        self.credit = self.credit + amount - sum(v for _, v in plan)
        return discount


def margin_markup(cost_cents: int, margin_percent: int) -> int:
    """Lowest whole-cent price with at least the margin (integer margin percent)."""
    return -(-cost_cents * 100 // (100 - margin_percent))


def overage_price_millicents(price: TierPrice, op: Operation) -> int:
    """What one unit of an operation is billed on overage, in millicents."""
    return (price.overage_transaction_cents * 1000 if op.counts_as_transaction else 0) \
        + op.units * price.overage_per_1000_units_cents


def allowance_cost_bound(price: TierPrice, operations: dict[str, Operation]) -> Fraction:
    """Conservative worst-case cost (millicents) of using the whole included allowance."""
    dearest_tx = max((op.cost_millicents for op in operations.values() if op.counts_as_transaction), default=0)
    dearest_unit = max((Fraction(op.cost_millicents, op.units) for op in operations.values() if op.units > 0),
                       default=Fraction(0))
    return price.included_transactions * dearest_tx + price.included_units * dearest_unit


def margin_floor_violations(price: TierPrice, floor_percent: Fraction, operations: dict[str, Operation],
                            discount_percent: int) -> list[str]:
    """Which rules one tier version breaks ([] when it keeps its floor)."""
    if floor_percent <= 0:
        return []
    keep = (1 - floor_percent / 100) * Fraction(100 - discount_percent, 100)  # share of revenue cost may take
    broken = []
    if not price.refuses_overage:
        broken += [f"overage:{name}" for name, op in sorted(operations.items())
                   if op.cost_millicents > keep * overage_price_millicents(price, op)]
    if allowance_cost_bound(price, operations) > keep * price.base_fee_cents * 1000:
        broken.append("allowance")
    return broken


def exact_month_margin_holds(price: TierPrice, floor_percent: Fraction, operations: dict[str, Operation],
                             discount_percent: int, quantities: dict[str, int]) -> bool:
    """For a whole month of one tier: cost <= (1 - f) x revenue, with exact fractions (no cent rounding)."""
    tx = sum(q for name, q in quantities.items() if operations[name].counts_as_transaction)
    units = sum(q * operations[name].units for name, q in quantities.items())
    cost = sum(q * operations[name].cost_millicents for name, q in quantities.items())
    revenue = (price.base_fee_cents * 1000
               + max(0, tx - price.included_transactions) * price.overage_transaction_cents * 1000
               + max(0, units - price.included_units) * price.overage_per_1000_units_cents)
    revenue_after_discount = Fraction(revenue * (100 - discount_percent), 100)
    return cost <= (1 - floor_percent / 100) * revenue_after_discount
