"""The billing half of `monaydb demo`: a month of usage, the monthly run, bills, a payment.

Only calls: monay_demo.track_demo_month (platform), CALL monay.process_monthly_billing,
monay.calculate_tenant_billing, monay.generate_invoice_data, monay.process_payment,
monay.get_billing_history. The numbers printed are the database's.
"""

from __future__ import annotations

from typing import Any

import psycopg

from .demo_fixtures import TENANTS, previous_month
from .demo_session import Demo, cents


def _units(base_units: str, decimals: int) -> str:
    s = str(base_units).rjust(decimals + 1, "0")
    return f"{int(s[:-decimals]):,}.{s[-decimals:]}"


def billing_story(demo: Demo) -> None:
    period = previous_month()
    assert demo.target is not None
    names = {key: name for key, name, *_ in TENANTS}

    demo.section(f"6. A month of usage: {period:%B %Y}, tracked through monay.track_operations")
    usage = []
    with demo.conn() as conn:
        for seed, (key, *_) in enumerate(TENANTS, start=1):
            with conn.transaction():
                demo.as_platform(conn)
                row = conn.execute("SELECT monay_demo.track_demo_month(%s, %s, %s) AS r",
                                   [demo.tenants[key], period, seed]).fetchone()
                assert row is not None
                r = row["r"]
            usage.append({"tenant": names[key], "tier": r["tier"], "calls": r["calls"],
                          "operations": f"{int(r['operations']):,}",
                          "transactions": f"{int(r['transactions']):,}",
                          "computation units": f"{int(r['computation_units']):,}"})
    demo.table("tracked usage", usage)

    demo.section(f"7. The monthly billing run: CALL monay.process_monthly_billing('{period}')")
    notices: list[str] = []
    with demo.target.connect(autocommit=True) as conn:
        conn.add_notice_handler(lambda d: notices.append(d.message_primary or ""))
        conn.execute("SET ROLE monay_platform")
        conn.execute("CALL monay.process_monthly_billing(%s)", [period])
        conn.execute("CALL monay.process_monthly_billing(%s)", [period])  # again: bills nobody twice
    for n in notices:
        demo.console.print(f"  {n}")

    demo.section("8. The bills (finalized), with the price in each stablecoin")
    bills = []
    invoices: dict[str, dict[str, Any]] = {}
    with demo.conn() as conn:
        for key, *_ in TENANTS:
            with conn.transaction():
                demo.as_platform(conn)
                b = conn.execute("SELECT monay.calculate_tenant_billing(%s, %s) AS b",
                                 [demo.tenants[key], period]).fetchone()
                inv = conn.execute("SELECT monay.generate_invoice_data(%s, %s) AS i",
                                   [demo.tenants[key], period]).fetchone()
                assert b is not None and inv is not None
            bill, invoices[key] = b["b"], inv["i"]
            c = bill["costs"]
            pay = {p["symbol"]: p for p in invoices[key]["pay_with"]}
            usdxm = pay.get("USDXM")
            bills.append({
                "tenant": names[key], "tier": bill["tier"],
                "base fee": cents(c["base_fee_cents"]),
                "overage tx": cents(c["overage_transactions_cents"]),
                "overage CU": cents(c["overage_computation_units_cents"]),
                "before discount": cents(c["total_before_discount_cents"]),
                "USDXM -10%": cents(-int(c["usdxm_discount_cents"])),
                "total": cents(c["total_cents"]),
                "USDXM to send": _units(usdxm["amount_base_units"], int(usdxm["decimals"])) if usdxm else "",
                "USDC to send": (_units(pay["USDC"]["amount_base_units"], int(pay["USDC"]["decimals"]))
                                 if "USDC" in pay else ""),
                "margin %": bill["margin"]["gross_margin_percent"],
            })
    demo.table(f"bills for {period:%B %Y}", bills)

    demo.section("9. A payment: Bob's Bikes pays its bill in USDXM (10% off)")
    inv = invoices["bikes"]
    due = int(inv["totals"]["total_before_discount_cents"])
    with demo.conn() as conn:
        key = f"demo-{period:%Y%m}-bikes"
        with conn.transaction():
            demo.as_user(conn, "bob@demo.monay", "bikes")
            p = conn.execute("SELECT monay.process_payment(%s, %s, 'USDXM', %s) AS p",
                             [demo.tenants["bikes"], due, key]).fetchone()
            assert p is not None
        with conn.transaction():  # a client retry with the same key: the same answer, no second payment
            demo.as_user(conn, "bob@demo.monay", "bikes")
            again = conn.execute("SELECT monay.process_payment(%s, %s, 'USDXM', %s) AS p",
                                 [demo.tenants["bikes"], due, key]).fetchone()
            assert again is not None
        with conn.transaction():
            demo.as_user(conn, "bob@demo.monay", "bikes")
            hist = conn.execute("SELECT monay.get_billing_history(%s) AS h", [demo.tenants["bikes"]]).fetchone()
            assert hist is not None
        try:
            with conn.transaction():
                demo.as_user(conn, "bob@demo.monay", "bikes")
                conn.execute("SELECT monay.process_payment(%s, 100, 'USD')", [demo.tenants["bikes"]])
        except psycopg.Error as exc:
            fiat = f"refused, SQLSTATE {exc.sqlstate}: {exc.diag.message_primary}"
    pay = p["p"]
    demo.console.print(f"process_payment({cents(due)}, USDXM): discount_applied {cents(pay['discount_applied'])}, "
                       f"final_amount {cents(pay['final_amount'])}")
    demo.console.print(f"the same call retried with its idempotency key: duplicate={again['p'].get('duplicate')}, "
                       f"final_amount {cents(again['p']['final_amount'])}")
    demo.console.print(f"paying in fiat USD: {fiat}")
    history = hist["h"]
    rows = history if isinstance(history, list) else history.get("bills", history.get("history", []))
    demo.table("monay.get_billing_history (Bob's Bikes): its bills",
               [{"period": r.get("period"), "tier": r.get("tier"), "status": r.get("status"),
                 "owed (before discount)": cents(r.get("total_before_discount_cents", 0)),
                 "in USDXM": cents(r.get("total_cents", 0)), "paid": cents(r.get("paid_cents", 0)),
                 "balance due": cents(r.get("balance_due_cents", 0)), "paid with": r.get("payment_method"),
                 "paid at": str(r.get("paid_at") or "")[:19]} for r in rows][:6])
