-- Billing fixtures for pgTAP (installed with fixtures.sql into the throw-away
-- test database, as superuser). Build as superuser, then switch with
-- tests.act_as*; they go back to superuser themselves where they must.
-- Loaded before fixtures.sql (alphabetical): nothing here may need it at
-- creation time (PL/pgSQL bodies are resolved when they run).

CREATE SCHEMA IF NOT EXISTS tests;
GRANT USAGE ON SCHEMA tests TO PUBLIC;

-- A tenant (tests.make_tenant) that has existed since p_created_at: its
-- created_at and tier history start then, so past months bill whole days.
CREATE OR REPLACE FUNCTION tests.billing_tenant(p_name text, p_tier text DEFAULT 'free',
                                                p_created_at timestamptz DEFAULT '2024-01-01 00:00+00',
                                                p_status text DEFAULT 'active')
    RETURNS uuid LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
    PERFORM tests.make_tenant(p_name, p_tier, NULL, p_status);
    UPDATE monay.tenants SET created_at = p_created_at WHERE id = tests.id(p_name);
    DELETE FROM monay.tenant_tier_history WHERE tenant_id = tests.id(p_name);
    INSERT INTO monay.tenant_tier_history (tenant_id, effective_at, billing_tier, gross_margin_percent)
    SELECT t.id, p_created_at, t.billing_tier, t.gross_margin_percent FROM monay.tenants t WHERE t.id = tests.id(p_name);
    RETURN tests.id(p_name);
END $$;

-- The tenant moves to p_tier at p_at (a past instant): tenants row and the
-- history row the tenancy trigger writes, moved from now() to p_at.
CREATE OR REPLACE FUNCTION tests.billing_tier_change(p_name text, p_tier text, p_at timestamptz)
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
    UPDATE monay.tenants
    SET billing_tier = p_tier,
        gross_margin_percent = (SELECT b.gross_margin_min_percent FROM monay.billing_tiers b WHERE b.tier = p_tier)
    WHERE id = tests.id(p_name);
    DELETE FROM monay.tenant_tier_history WHERE tenant_id = tests.id(p_name) AND effective_at = now();
    INSERT INTO monay.tenant_tier_history (tenant_id, effective_at, billing_tier, gross_margin_percent)
    VALUES (tests.id(p_name), p_at, p_tier, (SELECT b.gross_margin_min_percent FROM monay.billing_tiers b WHERE b.tier = p_tier))
    ON CONFLICT (tenant_id, effective_at) DO UPDATE SET billing_tier = excluded.billing_tier;
END $$;

-- Usage counted for a tenant and month (sum of the counter slots), readable
-- from any role (the counters are internal: SECURITY DEFINER, test code only).
CREATE OR REPLACE FUNCTION tests.billing_counted(p_name text, p_period date, p_what text DEFAULT 'computation_units')
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    RETURN (SELECT coalesce(sum(CASE p_what WHEN 'transactions' THEN c.transactions
                                            WHEN 'operations' THEN c.operations
                                            ELSE c.computation_units END), 0)::bigint
            FROM monay_private.billing_usage_counters c
            WHERE c.tenant_id = tests.id(p_name) AND c.period = p_period);
END $$;

-- How many counter rows (slots) hold a tenant's month.
CREATE OR REPLACE FUNCTION tests.billing_counter_rows(p_name text, p_period date)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    RETURN (SELECT count(*) FROM monay_private.billing_usage_counters c
            WHERE c.tenant_id = tests.id(p_name) AND c.period = p_period);
END $$;

-- Finalize a tenant's month as the platform, then back to superuser.
CREATE OR REPLACE FUNCTION tests.billing_finalize(p_name text, p_period date) RETURNS jsonb
    LANGUAGE plpgsql AS $$
DECLARE
    v jsonb;
BEGIN
    PERFORM tests.act_as_platform();
    v := monay.finalize_tenant_billing(tests.id(p_name), p_period);
    RESET ROLE;
    RETURN v;
END $$;

-- The first day of the current month (UTC) and of the previous one.
CREATE OR REPLACE FUNCTION tests.this_month() RETURNS date LANGUAGE sql STABLE AS $$
    SELECT date_trunc('month', now() AT TIME ZONE 'UTC')::date
$$;
CREATE OR REPLACE FUNCTION tests.last_month() RETURNS date LANGUAGE sql STABLE AS $$
    SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date
$$;

-- The INSERT of a price version of p_tier effective next month: the default
-- version (2000-01-01) with the given base fee and allowances (NULL keeps the
-- default), for throws_ok/lives_ok as the platform.
CREATE OR REPLACE FUNCTION tests.billing_price_sql(p_tier text, p_base_fee_cents bigint DEFAULT NULL,
                                                   p_included_transactions bigint DEFAULT NULL,
                                                   p_included_units bigint DEFAULT NULL,
                                                   p_floor numeric DEFAULT NULL)
    RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format($i$INSERT INTO monay.billing_tier_config (tier, effective_from, base_fee_cents, included_transactions,
                      included_computation_units, overage_transaction_cents, overage_per_1000_units_cents, overage_policy,
                      gross_margin_min_percent, gross_margin_max_percent, rate_limit_per_second, rate_limit_burst,
                      counter_slots)
                  SELECT tier, %L, %s, %s, %s, overage_transaction_cents, overage_per_1000_units_cents, overage_policy,
                         %s, greatest(gross_margin_max_percent, %s), rate_limit_per_second, rate_limit_burst, counter_slots
                  FROM monay.billing_tier_config WHERE tier = %L AND effective_from = '2000-01-01'$i$,
                  (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month')::date,
                  coalesce(p_base_fee_cents::text, 'base_fee_cents'),
                  coalesce(p_included_transactions::text, 'included_transactions'),
                  coalesce(p_included_units::text, 'included_computation_units'),
                  coalesce(p_floor::text, 'gross_margin_min_percent'),
                  coalesce(p_floor::text, 'gross_margin_min_percent'), p_tier)
$$;

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tests TO PUBLIC;

-- Usage of a past month as it was counted while that month was running
-- (the late-usage rule sends anything older than last month, or billed, to
-- the running month, so tests of fixed past months cannot track it now):
-- p_operations is a track_operations array (operation_type, quantity); the
-- counters are written through monay_private.billing_account, with the free
-- allowance enforced for that month and no rate-limit token. No events.
CREATE OR REPLACE FUNCTION tests.billing_usage(p_name text, p_period date, p_operations jsonb)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v record;
BEGIN
    FOR v IN
        SELECT c.counts_as_transaction, c.computation_units, c.cost_millicents, coalesce(o.quantity, 1) AS q
        FROM jsonb_to_recordset(p_operations) AS o(operation_type text, quantity bigint)
        JOIN monay.operation_costs c ON c.operation_type = o.operation_type
    LOOP
        PERFORM monay_private.billing_account(tests.id(p_name), p_period,
            CASE WHEN v.counts_as_transaction THEN v.q ELSE 0 END, v.computation_units * v.q, v.q,
            v.cost_millicents * v.q, false, false);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION tests.billing_usage(text, date, jsonb) TO PUBLIC;

-- Empty the rate-limit bucket of a tenant's counter slots this month (their GCRA state set
-- 10 s ahead): the next call is refused (MT403) whatever the machine's speed, where "41 calls
-- at once" depends on making them within one emission interval (50 ms on free).
CREATE OR REPLACE FUNCTION tests.billing_drain_rate_limit(p_name text)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    UPDATE monay_private.billing_usage_counters c
    SET rl_tat_us = (extract(epoch FROM clock_timestamp()) * 1000000)::bigint + 10000000
    WHERE c.tenant_id = tests.id(p_name) AND c.period = date_trunc('month', now() AT TIME ZONE 'UTC')::date;
END $$;
GRANT EXECUTE ON FUNCTION tests.billing_drain_rate_limit(text) TO PUBLIC;
