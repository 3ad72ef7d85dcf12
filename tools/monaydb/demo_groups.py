"""The groups part of `monaydb demo`: a holding company with two subsidiaries, a household with a
child's allowance, a treasury grant, and last month's consolidated bill, paid once.

Only calls what an application or a platform job would: monay.create_tenant, the group functions,
monay.finalize_tenant_billing and monay_private.group_billing_consolidate (the monthly run's step),
monay.process_group_payment, monay.create_wallet, monay.spend_from_treasury (through the grant, and
a refused overspend); the treasury's deposit is demo-only (monay_demo.fund_wallet).
"""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from .demo_fixtures import TENANTS, USERS, previous_month
from .demo_session import Demo, cents

SUBSIDIARIES = [("east", "Carol Corp East"), ("west", "Carol Corp West")]


def groups_story(demo: Demo) -> None:
    period = previous_month()
    carol = "carol@demo.monay"
    demo.section("10. Groups: a holding company with two subsidiaries")
    with demo.conn() as conn:
        for seed, (key, name) in enumerate(SUBSIDIARIES, start=11):
            with conn.transaction():
                demo.as_platform(conn)
                row = conn.execute("SELECT id FROM monay.create_tenant(%s, 'small_business', 'small_business', %s)",
                                   [name, demo.users[carol]]).fetchone()
                assert row is not None
                demo.tenants[key] = str(row["id"])
            with conn.transaction():  # demo only: as if they had signed up before last month
                conn.execute("UPDATE monay.tenants SET created_at = %s WHERE id = %s", [period, demo.tenants[key]])
                conn.execute("UPDATE monay.tenant_tier_history SET effective_at = %s WHERE tenant_id = %s",
                             [period, demo.tenants[key]])
            with conn.transaction():  # their month of usage and its bill, as the monthly run would make it
                demo.as_platform(conn)
                conn.execute("SELECT monay_demo.track_demo_month(%s, %s, %s)", [demo.tenants[key], period, seed])
                conn.execute("SELECT monay.finalize_tenant_billing(%s, %s)", [demo.tenants[key], period])
        with conn.transaction():
            demo.as_user(conn, carol, "corp")
            row = conn.execute("SELECT id FROM monay.create_holding_company('Carol Corp group')").fetchone()
            assert row is not None
            group = str(row["id"])
            for key, _ in SUBSIDIARIES:
                conn.execute("SELECT monay.add_group_member(%s, %s, 'subsidiary')", [group, demo.tenants[key]])
            rows = conn.execute("SELECT member_tenant_id, role FROM monay.group_members WHERE group_id = %s"
                                " ORDER BY role, member_tenant_id", [group]).fetchall()
        label = {demo.tenants[key]: name for key, name, *_ in TENANTS + SUBSIDIARIES}  # display only
        demo.table("Carol Corp group (monay.group_members, as Carol in Carol Corp)",
                   [{"member tenant": label.get(str(r["member_tenant_id"])), "role": r["role"]} for r in rows])
        with conn.transaction():
            demo.as_user(conn, carol, "east")
            seen = conn.execute("SELECT (SELECT count(*) FROM monay.groups) AS groups,"
                                " (SELECT count(*) FROM monay.group_members) AS members").fetchone()
            assert seen is not None
        demo.console.print(f"Carol Corp East sees {seen['groups']} group and {seen['members']} member row "
                           "(its own): not its sibling's")

        demo.section("11. A household with a child's allowance")
        with conn.transaction():
            demo.as_user(conn, "alice@demo.monay", "alice")
            row = conn.execute("SELECT id FROM monay.create_household_group('The Doe family', %s)",
                               [Jsonb({"default_allowance_cents": 2500})]).fetchone()
            assert row is not None
            family = str(row["id"])
            conn.execute("SELECT monay.add_group_member(%s, %s, 'child')", [family, demo.users["dan@demo.monay"]])
            members = conn.execute("SELECT member_user_id, role, allowance_cents FROM monay.group_members"
                                   " WHERE group_id = %s ORDER BY role DESC", [family]).fetchall()
            limits = conn.execute("SELECT monay.calculate_group_limits(%s) AS l", [family]).fetchone()
            assert limits is not None
        who = {demo.users[email]: name for email, name, _ in USERS}  # display only
        demo.table("The Doe family", [{"member": who.get(str(m["member_user_id"])), "role": m["role"],
                                       "allowance / month": "" if m["allowance_cents"] is None
                                       else cents(m["allowance_cents"])} for m in members])
        demo.console.print(f"combined allowances: {cents(limits['l']['allowances']['total_cents'])}; "
                           f"transactions included this month: {limits['l']['transactions']['limit']:,}")

        demo.section("12. A treasury wallet shared with a subsidiary")
        with conn.transaction():
            demo.as_user(conn, carol, "corp")
            w = conn.execute("SELECT id FROM monay.create_wallet('USD', 'demo-treasury')").fetchone()
            assert w is not None
        with conn.transaction():  # demo only: money arrives (sql/demo/fund_wallet.sql)
            conn.execute("SELECT monay_demo.fund_wallet(%s, %s, 2000000)", [demo.tenants["corp"], w["id"]])
        with conn.transaction():
            demo.as_user(conn, carol, "corp")
            g = conn.execute("SELECT id, access, spend_limit_cents, expires_at::date AS until FROM"
                             " monay.share_treasury_access(%s, %s, %s, 'spend', 50000, now() + interval '30 days')",
                             [group, w["id"], demo.tenants["east"]]).fetchone()
            assert g is not None
        with conn.transaction():
            demo.as_user(conn, carol, "west")
            west_sees = conn.execute("SELECT (SELECT count(*) FROM monay.treasury_access_grants) AS grants,"
                                     " (SELECT count(*) FROM monay.wallets WHERE id = %s) AS wallets",
                                     [w["id"]]).fetchone()
            assert west_sees is not None
        demo.console.print(f"Carol Corp East may {g['access']} up to {cents(g['spend_limit_cents'])} from the "
                           f"treasury wallet until {g['until']}; Carol Corp West sees {west_sees['grants']} grants "
                           f"and {west_sees['wallets']} of that wallet")
        with conn.transaction():
            demo.as_user(conn, carol, "east")
            sees = conn.execute("SELECT balance_cents FROM monay.wallets WHERE id = %s", [w["id"]]).fetchone()
            spent = conn.execute("SELECT monay.spend_from_treasury(%s, 12000, 'east-office-rent', 'office rent') AS s",
                                 [g["id"]]).fetchone()
            assert sees is not None and spent is not None
        demo.console.print(f"Carol Corp East sees the treasury wallet ({cents(sees['balance_cents'])}) through its "
                           f"grant and spends {cents(spent['s']['amount_cents'])}: "
                           f"{cents(spent['s']['remaining_cents'])} of the grant left")
        try:
            with conn.transaction():
                demo.as_user(conn, carol, "east")
                conn.execute("SELECT monay.spend_from_treasury(%s, 45000, 'east-new-servers')", [g["id"]])
        except psycopg.Error as exc:
            demo.console.print(f"spending {cents(45000)} more: refused, SQLSTATE {exc.sqlstate}: "
                               f"{exc.diag.message_primary}")

        demo.section(f"13. The consolidated bill for {period:%B %Y}, paid once by Carol Corp")
        with conn.transaction():
            demo.as_user(conn, carol, "corp")
            b = conn.execute("SELECT monay.aggregate_group_billing(%s, %s) AS b", [group, period]).fetchone()
            assert b is not None
        names = {demo.tenants[key]: name for key, name, *_ in TENANTS + SUBSIDIARIES}
        demo.table("aggregate_group_billing: one line per member's own bill",
                   [{"member": names.get(line["tenant_id"], line["tenant_id"]), "role": line["role"],
                     "tier": line["tier"], "status": line["status"],
                     "before discount": cents(line["total_before_discount_cents"]),
                     "own USDXM discount": cents(line["member_usdxm_discount_cents"])} for line in b["b"]["lines"]])
        t = b["b"]["totals"]
        demo.console.print(f"consolidated: {cents(t['total_before_discount_cents'])} before discount, one USDXM "
                           f"discount {cents(t['usdxm_discount_cents'])} (separately "
                           f"{cents(t['separate_usdxm_discounts_cents'])}), {cents(t['total_cents'])} to pay")
        with conn.transaction():  # the monthly run's group step (docs/groups.md)
            conn.execute("SELECT monay.set_platform_context()")
            made = conn.execute("SELECT monay_private.group_billing_consolidate(%s) AS n", [period]).fetchone()
            assert made is not None
        demo.console.print(f"the monthly run's group step made {made['n']} consolidated bill(s)")
        for attempt in ("first", "retry"):
            with conn.transaction():
                demo.as_user(conn, carol, "corp")
                p = conn.execute("SELECT monay.process_group_payment(%s, %s, 'USDXM') AS p", [group, period]).fetchone()
                assert p is not None
            pay = p["p"]
            demo.console.print(f"{attempt}: paid {cents(pay['amount_cents'])} of bills with "
                               f"{cents(pay['final_amount'])} USDXM (discount {cents(pay['discount_applied'])}),"
                               f" duplicate={pay['duplicate']}")
        with conn.transaction():
            demo.as_user(conn, carol, "east")
            own = conn.execute("SELECT b.status, l.payer_tenant_id FROM monay.billing_metrics b JOIN"
                               " monay.group_bill_lines l USING (tenant_id, period) WHERE b.period = %s",
                               [period]).fetchone()
            assert own is not None
        demo.console.print(f"Carol Corp East's own bill: {own['status']}, consolidated and paid by "
                           f"{names.get(str(own['payer_tenant_id']))}")
        try:
            with conn.transaction():
                demo.as_user(conn, carol, "east")
                conn.execute("SELECT monay.aggregate_group_billing(%s, %s)", [group, period])
        except psycopg.Error as exc:
            demo.console.print(f"a subsidiary asking for the group bill: refused, SQLSTATE {exc.sqlstate}")
