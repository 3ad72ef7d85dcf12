-- Billing: tier prices (versioned), operation costs, usage events (monthly
-- partitions kept by pg_partman), sharded usage counters, monthly bills,
-- stablecoin payments with their allocations, and the monthly runs.
--
-- The rules (rounding, proration, limits, late events, idempotency) live in
-- sql/functions/billing/ and are written down in docs/billing.md. Tables
-- that hold money or usage are written only through those functions; the
-- one exception is the seed's raw INSERT INTO billing_operations, which goes
-- through the same triggers as monay.track_operation.
-- depends: 003_tenant_management

-- Fail fast instead of queueing behind long transactions on a busy database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

-- ---------------------------------------------------------------------------
-- Superuser part: pg_partman in its own schema, usable by monay_owner only.
-- ---------------------------------------------------------------------------
CREATE SCHEMA IF NOT EXISTS partman;
CREATE EXTENSION IF NOT EXISTS pg_partman WITH SCHEMA partman;
REVOKE ALL ON SCHEMA partman FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA partman FROM PUBLIC;
REVOKE EXECUTE ON ALL PROCEDURES IN SCHEMA partman FROM PUBLIC;
GRANT USAGE ON SCHEMA partman TO monay_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA partman TO monay_owner;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA partman TO monay_owner;
GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA partman TO monay_owner;

SET LOCAL ROLE monay_owner;

-- ---------------------------------------------------------------------------
-- Configuration (global, read by everyone, written by the platform only)
-- ---------------------------------------------------------------------------

-- One row per tier and price version. A version takes effect on the first day
-- of a month and bills every month from then until the next version: a price
-- change is a new row effective from a future month (trigger
-- billing_tier_config_guard), so it never rewrites a past or the current bill.
CREATE TABLE monay.billing_tier_config (
    tier                          text NOT NULL,
    effective_from                date NOT NULL,
    base_fee_cents                bigint NOT NULL,
    included_transactions         bigint NOT NULL,
    included_computation_units    bigint NOT NULL,
    overage_transaction_cents     bigint NOT NULL,
    overage_per_1000_units_cents  bigint NOT NULL,
    overage_policy                text NOT NULL,
    gross_margin_min_percent      numeric(5, 2) NOT NULL,
    gross_margin_max_percent      numeric(5, 2) NOT NULL,
    rate_limit_per_second         bigint NOT NULL,
    rate_limit_burst              bigint NOT NULL,
    counter_slots                 bigint NOT NULL,
    created_at                    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tier, effective_from),
    CONSTRAINT billing_tier_config_tier_known CHECK (tier IN ('free', 'small_business', 'enterprise')),
    CONSTRAINT billing_tier_config_month_start CHECK (effective_from = date_trunc('month', effective_from)::date),
    CONSTRAINT billing_tier_config_amounts_non_negative CHECK (
        base_fee_cents >= 0 AND included_transactions >= 0 AND included_computation_units >= 0
        AND overage_transaction_cents >= 0 AND overage_per_1000_units_cents >= 0),
    CONSTRAINT billing_tier_config_policy_known CHECK (overage_policy IN ('refuse', 'bill')),
    CONSTRAINT billing_tier_config_margin_range CHECK (
        gross_margin_min_percent BETWEEN 0 AND 99.99
        AND gross_margin_max_percent BETWEEN gross_margin_min_percent AND 99.99),
    CONSTRAINT billing_tier_config_rate_positive CHECK (
        rate_limit_per_second > 0 AND rate_limit_burst >= rate_limit_per_second),
    CONSTRAINT billing_tier_config_slots_range CHECK (counter_slots BETWEEN 1 AND 64),
    -- A tier that refuses usage beyond its allowance counts it on one row, so
    -- the refusal is exact under concurrency (docs/billing.md, "Limits").
    CONSTRAINT billing_tier_config_refuse_one_slot CHECK (overage_policy = 'bill' OR counter_slots = 1)
);
COMMENT ON TABLE monay.billing_tier_config IS
    'Tier prices, allowances, margin range and rate limit, versioned by effective_from (first of a month).';

-- Computation units and cost of one unit of each operation type. Units and
-- cost are copied onto every usage event when it is tracked, so a change here
-- applies to operations tracked from then on and never to past usage.
CREATE TABLE monay.operation_costs (
    operation_type         text PRIMARY KEY,
    computation_units      bigint NOT NULL,
    counts_as_transaction  boolean NOT NULL,
    cost_millicents        bigint NOT NULL,
    description            text NOT NULL,
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT operation_costs_type_format CHECK (operation_type ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT operation_costs_units_non_negative CHECK (computation_units >= 0),
    CONSTRAINT operation_costs_cost_non_negative CHECK (cost_millicents >= 0)
);
COMMENT ON TABLE monay.operation_costs IS
    'Per operation type: computation units, whether it counts as a transaction, cost to Monay (1/1000 cent).';

CREATE TABLE monay.stablecoin_payment_config (
    symbol            text PRIMARY KEY,
    name              text NOT NULL,
    decimals          bigint NOT NULL,
    network           text NOT NULL,
    contract_address  text,
    discount_percent  bigint NOT NULL DEFAULT 0,
    enabled           boolean NOT NULL DEFAULT true,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- Stablecoins only: fiat has no row here and cannot get one.
    CONSTRAINT stablecoin_payment_config_symbol_known CHECK (symbol IN ('USDXM', 'USDC', 'USDT')),
    CONSTRAINT stablecoin_payment_config_decimals_range CHECK (decimals BETWEEN 2 AND 30),
    CONSTRAINT stablecoin_payment_config_discount_range CHECK (discount_percent BETWEEN 0 AND 100)
);
COMMENT ON TABLE monay.stablecoin_payment_config IS
    'Accepted stablecoins: decimals, network, token contract, discount (USDXM 10%), enabled.';

-- ---------------------------------------------------------------------------
-- Usage events: range-partitioned by month on occurred_at (pg_partman)
-- ---------------------------------------------------------------------------

CREATE SEQUENCE monay.billing_operation_id_seq AS bigint CACHE 32;

-- No foreign keys on purpose: a foreign key check locks the referenced row
-- (FOR KEY SHARE) on every insert, which would serialise one tenant's
-- operations on its tenants row. operation_type and tenant_id are checked by
-- the functions and triggers that insert.
CREATE TABLE monay.billing_operations (
    id                 bigint NOT NULL DEFAULT nextval('monay.billing_operation_id_seq'),
    tenant_id          uuid NOT NULL DEFAULT monay.current_tenant_id(),
    operation_type     text NOT NULL,
    quantity           bigint NOT NULL DEFAULT 1,
    computation_units  bigint NOT NULL,
    transactions       bigint NOT NULL DEFAULT 0,
    cost_millicents    bigint NOT NULL DEFAULT 0,
    occurred_at        timestamptz NOT NULL DEFAULT now(),
    billing_period     date NOT NULL,
    late               boolean NOT NULL DEFAULT false,
    idempotency_key    text,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, occurred_at, id),
    CONSTRAINT billing_operations_quantity_positive CHECK (quantity > 0),
    CONSTRAINT billing_operations_counts_non_negative CHECK (
        computation_units >= 0 AND transactions >= 0 AND cost_millicents >= 0),
    CONSTRAINT billing_operations_period_month_start CHECK (
        billing_period = date_trunc('month', billing_period)::date)
) PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE monay.billing_operation_id_seq OWNED BY monay.billing_operations.id;
COMMENT ON TABLE monay.billing_operations IS
    'Usage events (append-only), monthly partitions on occurred_at kept by pg_partman. '
    'billing_period: the month whose bill counts the event (a later one for late events).';

-- pg_partman copies properties a native partition does not inherit from this
-- template (none needed today); ours instead of one in schema partman.
CREATE TABLE monay_private.billing_operations_template (LIKE monay.billing_operations);
COMMENT ON TABLE monay_private.billing_operations_template IS
    'pg_partman template of monay.billing_operations (p_template_table).';

DO $$
BEGIN
    PERFORM partman.create_parent(
        p_parent_table := 'monay.billing_operations',
        p_control := 'occurred_at',
        p_type := 'native',
        p_interval := 'monthly',
        p_premake := 4,
        p_template_table := 'monay_private.billing_operations_template',
        p_jobmon := false);
END
$$;
-- Keep every partition (no retention) until a DBA sets one; new months are
-- premade by partman.run_maintenance_proc() (docs/billing.md, "Operations").
UPDATE partman.part_config SET infinite_time_partitions = true
WHERE parent_table = 'monay.billing_operations';

-- ---------------------------------------------------------------------------
-- Usage counters: the month's totals per tenant, tier and slot
-- ---------------------------------------------------------------------------

-- Written on every tracked operation, so they are sharded: a connection adds
-- to slot pg_backend_pid() % counter_slots of its tier (never one hot row per
-- tenant), and readers sum the few slot rows. rl_tat_us is the slot's rate-limit
-- state (GCRA theoretical arrival time, microseconds since the epoch) for
-- the month of the row. Internal:
-- reached only through SECURITY DEFINER functions of schema monay that check
-- the caller's tenant first, hence no RLS (and no RLS cost on the hot path).
CREATE TABLE monay_private.billing_usage_counters (
    tenant_id               uuid NOT NULL REFERENCES monay.tenants (id),
    period                  date NOT NULL,
    tier                    text NOT NULL,
    slot                    bigint NOT NULL,
    transactions            bigint NOT NULL DEFAULT 0,
    computation_units       bigint NOT NULL DEFAULT 0,
    operations              bigint NOT NULL DEFAULT 0,
    cost_millicents         bigint NOT NULL DEFAULT 0,
    late_transactions       bigint NOT NULL DEFAULT 0,
    late_computation_units  bigint NOT NULL DEFAULT 0,
    rl_tat_us               bigint,
    PRIMARY KEY (tenant_id, period, tier, slot)
) WITH (fillfactor = 50);
COMMENT ON TABLE monay_private.billing_usage_counters IS
    'Sharded monthly usage totals (sum the slots) and per-slot rate-limit state.';

-- What the hot path needs of a tenant (status, tier), kept in step with
-- monay.tenants by trigger monay_private.billing_tenant_state_sync (same
-- transaction). Reading monay.tenants itself costs three signature checks of
-- its RLS policy per operation; this row costs none.
CREATE TABLE monay_private.billing_tenant_state (
    tenant_id     uuid PRIMARY KEY REFERENCES monay.tenants (id) ON DELETE CASCADE,
    status        text NOT NULL,
    billing_tier  text NOT NULL
);
COMMENT ON TABLE monay_private.billing_tenant_state IS
    'Mirror of monay.tenants (status, billing_tier) for the usage hot path; trigger-maintained.';

-- Idempotency keys of track_operation(s) and process_payment. billing_operations
-- is partitioned by occurred_at, and a unique index there must include it, so
-- the keys live here: (tenant, scope, key) -> the request's fingerprint and the
-- first response. Kept BILLING_IDEMPOTENCY_RETENTION (setting), then purged by
-- monay.purge_billing_idempotency_keys().
CREATE TABLE monay_private.billing_idempotency_keys (
    tenant_id        uuid NOT NULL,
    scope            text NOT NULL,
    idempotency_key  text NOT NULL,
    fingerprint      text NOT NULL,
    response         jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, scope, idempotency_key),
    CONSTRAINT billing_idempotency_keys_scope_known CHECK (scope IN ('operation', 'payment')),
    CONSTRAINT billing_idempotency_keys_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 200)
);
-- BRIN: rows arrive in created_at order; the purge reads by age at almost no
-- write cost to the hot path.
CREATE INDEX billing_idempotency_keys_created_at_brin
    ON monay_private.billing_idempotency_keys USING brin (created_at);
COMMENT ON TABLE monay_private.billing_idempotency_keys IS
    'Idempotency keys of billing writes -> first response; purged after BILLING_IDEMPOTENCY_RETENTION.';

-- ---------------------------------------------------------------------------
-- Bills, adjustments, payments
-- ---------------------------------------------------------------------------

CREATE TABLE monay.billing_runs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period           date NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at      timestamptz,
    backend_pid      bigint NOT NULL DEFAULT pg_backend_pid(),
    run_by           text NOT NULL DEFAULT session_user,
    tenants_total    bigint NOT NULL DEFAULT 0,
    tenants_billed   bigint NOT NULL DEFAULT 0,
    tenants_skipped  bigint NOT NULL DEFAULT 0,
    batches          bigint NOT NULL DEFAULT 0,
    CONSTRAINT billing_runs_period_month_start CHECK (period = date_trunc('month', period)::date)
);
CREATE INDEX billing_runs_period_idx ON monay.billing_runs (period, id);
COMMENT ON TABLE monay.billing_runs IS
    'One row per monay.process_monthly_billing call: progress counters, committed per batch.';

-- One bill per tenant and month. Created finalized by the monthly run (or
-- monay.finalize_tenant_billing); from then on its usage and amounts never
-- change (trigger billing_metrics_guard): corrections are rows of
-- monay.billing_adjustments. Only status (finalized <-> paid, -> void),
-- payment_method and paid_at move.
CREATE TABLE monay.billing_metrics (
    tenant_id                        uuid NOT NULL REFERENCES monay.tenants (id),
    period                           date NOT NULL,
    tier                             text NOT NULL,
    status                           text NOT NULL DEFAULT 'finalized',
    payment_method                   text NOT NULL DEFAULT 'USDXM',
    days_in_period                   bigint NOT NULL,
    transactions_included            bigint NOT NULL,
    transactions_used                bigint NOT NULL,
    computation_units_included       bigint NOT NULL,
    computation_units_used           bigint NOT NULL,
    late_transactions                bigint NOT NULL DEFAULT 0,
    late_computation_units           bigint NOT NULL DEFAULT 0,
    base_fee_cents                   bigint NOT NULL,
    overage_transactions_cents       bigint NOT NULL,
    overage_computation_units_cents  bigint NOT NULL,
    total_before_discount_cents      bigint NOT NULL,
    usdxm_discount_cents             bigint NOT NULL,
    total_cents                      bigint NOT NULL,
    cost_cents                       bigint NOT NULL,
    gross_margin_percent             numeric(9, 2),
    bill                             jsonb NOT NULL,
    run_id                           bigint REFERENCES monay.billing_runs (id),
    finalized_at                     timestamptz NOT NULL DEFAULT now(),
    paid_at                          timestamptz,
    PRIMARY KEY (tenant_id, period),
    CONSTRAINT billing_metrics_period_month_start CHECK (period = date_trunc('month', period)::date),
    CONSTRAINT billing_metrics_status_known CHECK (status IN ('draft', 'finalized', 'paid', 'void')),
    -- Stablecoins only (seed 10.1): UPDATE billing_metrics SET payment_method = 'USD' fails.
    CONSTRAINT billing_metrics_payment_method_stablecoin CHECK (payment_method IN ('USDXM', 'USDC', 'USDT')),
    CONSTRAINT billing_metrics_amounts_non_negative CHECK (
        transactions_used >= 0 AND computation_units_used >= 0 AND base_fee_cents >= 0
        AND overage_transactions_cents >= 0 AND overage_computation_units_cents >= 0
        AND usdxm_discount_cents >= 0 AND cost_cents >= 0),
    CONSTRAINT billing_metrics_total_adds_up CHECK (
        total_before_discount_cents = base_fee_cents + overage_transactions_cents + overage_computation_units_cents
        AND total_cents = total_before_discount_cents - usdxm_discount_cents),
    CONSTRAINT billing_metrics_paid_has_date CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
-- (period, tenant_id): a probe for one tenant's bill stays one index descent whichever
-- index the planner picks, also while a run makes the statistics of the month stale.
CREATE INDEX billing_metrics_period_idx ON monay.billing_metrics (period, tenant_id);
CREATE INDEX billing_metrics_unpaid_idx ON monay.billing_metrics (tenant_id, period) WHERE status = 'finalized';
COMMENT ON TABLE monay.billing_metrics IS
    'Monthly bills (PK tenant, period): usage, base fee, overages, USDXM discount, margin. '
    'Finalized rows are immutable; corrections go to billing_adjustments.';

-- A correction of a finalized bill: changes what is due on it (positive: owed,
-- negative: credited), never the bill itself.
CREATE TABLE monay.billing_adjustments (
    tenant_id     uuid NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    period        date NOT NULL,
    amount_cents  bigint NOT NULL,
    reason        text NOT NULL,
    created_by    uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, period) REFERENCES monay.billing_metrics (tenant_id, period),
    CONSTRAINT billing_adjustments_amount_nonzero CHECK (amount_cents <> 0),
    CONSTRAINT billing_adjustments_reason_not_blank CHECK (length(btrim(reason)) BETWEEN 1 AND 500)
);
CREATE INDEX billing_adjustments_bill_idx ON monay.billing_adjustments (tenant_id, period);
COMMENT ON TABLE monay.billing_adjustments IS
    'Corrections of finalized bills (signed cents); the bill row itself never changes.';

-- A stablecoin payment. amount_cents is the USD value it settles (what the
-- waterfall allocates); final_amount_cents what the payer transferred after
-- the coin's discount (USDXM 10%), token_amount the same in the token's base
-- units (an integer, numeric(78,0) to hold any ERC-20/SPL amount).
CREATE TABLE monay.payments (
    tenant_id           uuid NOT NULL REFERENCES monay.tenants (id),
    id                  bigint GENERATED ALWAYS AS IDENTITY,
    amount_cents        bigint NOT NULL,
    payment_method      text NOT NULL,
    discount_cents      bigint NOT NULL,
    final_amount_cents  bigint NOT NULL,
    token_decimals      bigint NOT NULL,
    token_amount        numeric(78, 0) NOT NULL,
    idempotency_key     text,
    created_by          uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT payments_amount_positive CHECK (amount_cents > 0),
    CONSTRAINT payments_method_stablecoin CHECK (payment_method IN ('USDXM', 'USDC', 'USDT')),
    CONSTRAINT payments_discount_adds_up CHECK (
        discount_cents >= 0 AND final_amount_cents = amount_cents - discount_cents)
);
COMMENT ON TABLE monay.payments IS
    'Stablecoin payments: USD value settled (amount_cents), discount, amount transferred (cents, base units).';

CREATE TABLE monay.payment_allocations (
    tenant_id     uuid NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    payment_id    bigint NOT NULL,
    period        date NOT NULL,
    amount_cents  bigint NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, payment_id) REFERENCES monay.payments (tenant_id, id),
    FOREIGN KEY (tenant_id, period) REFERENCES monay.billing_metrics (tenant_id, period),
    CONSTRAINT payment_allocations_amount_positive CHECK (amount_cents > 0)
);
CREATE INDEX payment_allocations_payment_idx ON monay.payment_allocations (tenant_id, payment_id);
CREATE INDEX payment_allocations_bill_idx ON monay.payment_allocations (tenant_id, period);
COMMENT ON TABLE monay.payment_allocations IS
    'Which payment paid how much of which bill (waterfall: oldest unpaid bill first).';

-- The tenant's credit: what its payments settled and no bill has used yet.
-- security_invoker: the caller's RLS applies (a tenant sees its own row).
CREATE VIEW monay.tenant_credit_balances WITH (security_invoker = true) AS
SELECT p.tenant_id,
       sum(p.amount_cents)::bigint AS paid_cents,
       coalesce((SELECT sum(a.amount_cents) FROM monay.payment_allocations a
                 WHERE a.tenant_id = p.tenant_id), 0)::bigint AS allocated_cents,
       (sum(p.amount_cents) - coalesce((SELECT sum(a.amount_cents) FROM monay.payment_allocations a
                                        WHERE a.tenant_id = p.tenant_id), 0))::bigint AS credit_cents
FROM monay.payments p
GROUP BY p.tenant_id;
COMMENT ON VIEW monay.tenant_credit_balances IS
    'Derived credit per tenant: payments minus allocations (applied to the next bill by the waterfall).';

-- ---------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------

ALTER TABLE monay.billing_tier_config ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.billing_tier_config FORCE ROW LEVEL SECURITY;
CREATE POLICY billing_tier_config_select ON monay.billing_tier_config FOR SELECT USING (true);
CREATE POLICY billing_tier_config_insert ON monay.billing_tier_config FOR INSERT
    WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY billing_tier_config_update ON monay.billing_tier_config FOR UPDATE
    USING ((SELECT monay.is_platform_context())) WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY billing_tier_config_delete ON monay.billing_tier_config FOR DELETE
    USING ((SELECT monay.is_platform_context()));

ALTER TABLE monay.operation_costs ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.operation_costs FORCE ROW LEVEL SECURITY;
CREATE POLICY operation_costs_select ON monay.operation_costs FOR SELECT USING (true);
CREATE POLICY operation_costs_insert ON monay.operation_costs FOR INSERT
    WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY operation_costs_update ON monay.operation_costs FOR UPDATE
    USING ((SELECT monay.is_platform_context())) WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY operation_costs_delete ON monay.operation_costs FOR DELETE
    USING ((SELECT monay.is_platform_context()));

ALTER TABLE monay.stablecoin_payment_config ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.stablecoin_payment_config FORCE ROW LEVEL SECURITY;
CREATE POLICY stablecoin_payment_config_select ON monay.stablecoin_payment_config FOR SELECT USING (true);
CREATE POLICY stablecoin_payment_config_insert ON monay.stablecoin_payment_config FOR INSERT
    WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY stablecoin_payment_config_update ON monay.stablecoin_payment_config FOR UPDATE
    USING ((SELECT monay.is_platform_context())) WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY stablecoin_payment_config_delete ON monay.stablecoin_payment_config FOR DELETE
    USING ((SELECT monay.is_platform_context()));

-- Usage events: append-only.
ALTER TABLE monay.billing_operations ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.billing_operations FORCE ROW LEVEL SECURITY;
CREATE POLICY billing_operations_select ON monay.billing_operations FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY billing_operations_insert ON monay.billing_operations FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY billing_operations_update ON monay.billing_operations FOR UPDATE USING (false);
CREATE POLICY billing_operations_delete ON monay.billing_operations FOR DELETE USING (false);

ALTER TABLE monay.billing_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.billing_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY billing_runs_select ON monay.billing_runs FOR SELECT
    USING ((SELECT monay.is_platform_context()));
CREATE POLICY billing_runs_insert ON monay.billing_runs FOR INSERT
    WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY billing_runs_update ON monay.billing_runs FOR UPDATE
    USING ((SELECT monay.is_platform_context())) WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY billing_runs_delete ON monay.billing_runs FOR DELETE USING (false);

-- Bills: the run (platform) inserts, the waterfall (tenant or platform) moves
-- the status; nobody deletes.
ALTER TABLE monay.billing_metrics ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.billing_metrics FORCE ROW LEVEL SECURITY;
CREATE POLICY billing_metrics_select ON monay.billing_metrics FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY billing_metrics_insert ON monay.billing_metrics FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY billing_metrics_update ON monay.billing_metrics FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY billing_metrics_delete ON monay.billing_metrics FOR DELETE USING (false);

ALTER TABLE monay.billing_adjustments ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.billing_adjustments FORCE ROW LEVEL SECURITY;
CREATE POLICY billing_adjustments_select ON monay.billing_adjustments FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY billing_adjustments_insert ON monay.billing_adjustments FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY billing_adjustments_update ON monay.billing_adjustments FOR UPDATE USING (false);
CREATE POLICY billing_adjustments_delete ON monay.billing_adjustments FOR DELETE USING (false);

ALTER TABLE monay.payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.payments FORCE ROW LEVEL SECURITY;
CREATE POLICY payments_select ON monay.payments FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY payments_insert ON monay.payments FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY payments_update ON monay.payments FOR UPDATE USING (false);
CREATE POLICY payments_delete ON monay.payments FOR DELETE USING (false);

ALTER TABLE monay.payment_allocations ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.payment_allocations FORCE ROW LEVEL SECURITY;
CREATE POLICY payment_allocations_select ON monay.payment_allocations FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY payment_allocations_insert ON monay.payment_allocations FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY payment_allocations_update ON monay.payment_allocations FOR UPDATE USING (false);
CREATE POLICY payment_allocations_delete ON monay.payment_allocations FOR DELETE USING (false);

-- ---------------------------------------------------------------------------
-- Grants. Money and usage tables are written only through functions; the
-- seed's raw INSERT INTO billing_operations may name these columns only (the
-- rest is filled by trigger billing_operations_fill).
-- ---------------------------------------------------------------------------

GRANT SELECT ON monay.billing_tier_config, monay.operation_costs, monay.stablecoin_payment_config,
    monay.billing_operations, monay.billing_metrics, monay.billing_adjustments, monay.payments,
    monay.payment_allocations, monay.tenant_credit_balances
    TO monay_app, monay_platform, monay_readonly;
GRANT INSERT (tenant_id, operation_type, quantity, computation_units, occurred_at)
    ON monay.billing_operations TO monay_app;
GRANT USAGE ON SEQUENCE monay.billing_operation_id_seq TO monay_app;
GRANT SELECT ON monay.billing_runs TO monay_platform;
GRANT INSERT, UPDATE, DELETE ON monay.billing_tier_config, monay.operation_costs,
    monay.stablecoin_payment_config TO monay_platform;

-- The closed-tenant purge keeps accounting (monay_private.purge_retained_tables).
INSERT INTO monay_private.purge_retained_tables (table_name, reason) VALUES
    ('billing_operations', 'usage events behind billed periods (partitions dropped by pg_partman retention)'),
    ('billing_metrics', 'bills: accounting records'),
    ('billing_adjustments', 'corrections of bills: accounting records'),
    ('payments', 'payments: accounting records'),
    ('payment_allocations', 'which payment paid which bill: accounting records');

RESET ROLE;

-- ---------------------------------------------------------------------------
-- Defaults (docs/billing.md shows them), written as the migrating superuser
-- (these tables have FORCE RLS and want a platform context for INSERT), and
-- before the guard triggers exist (sql/functions/billing), so the first
-- versions may start in the past.
--
-- They keep both gross-margin rules of the guard (billing_config_guard.sql,
-- docs/billing.md "Margin floor"), with the 10% USDXM discount: every
-- operation costs Monay at most 10 millicents per computation unit and 20 per
-- transaction, so the whole allowance of small_business costs at most
-- 10,000 x 20 + 100,000 x 10 = 1,200,000 millicents ($12; the floor allows
-- 4,900 x 1000 x 0.9 x 0.4 = 1,764,000), of enterprise 100,000 x 20 +
-- 1,000,000 x 10 = 12,000,000 ($120; allowed 49,900 x 1000 x 0.9 x 0.3 =
-- 13,473,000); on overage the dearest operation keeps 88.9% (small_business)
-- and 77.8% (enterprise, KYC and deployments) after the discount.
-- ---------------------------------------------------------------------------

INSERT INTO monay.billing_tier_config (tier, effective_from, base_fee_cents, included_transactions,
    included_computation_units, overage_transaction_cents, overage_per_1000_units_cents, overage_policy,
    gross_margin_min_percent, gross_margin_max_percent, rate_limit_per_second, rate_limit_burst,
    counter_slots) VALUES
    ('free',           '2000-01-01',     0,   1000,    10000, 0,   0, 'refuse',  0,  0,    20,    40,  1),
    ('small_business', '2000-01-01',  4900,  10000,   100000, 2, 100, 'bill',   60, 70,   200,   400,  1),
    ('enterprise',     '2000-01-01', 49900, 100000,  1000000, 1,  50, 'bill',   70, 90, 20000, 40000, 16);

INSERT INTO monay.operation_costs (operation_type, computation_units, counts_as_transaction,
    cost_millicents, description) VALUES
    ('transfer',              1,    true,     10, 'Stablecoin transfer between wallets'),
    ('payment',               1,    true,     10, 'Payment to a merchant or payee'),
    ('card_authorization',    2,    true,     20, 'Card authorization'),
    ('wallet_create',        10,    false,   100, 'New wallet (HD derivation, address)'),
    ('kyc_check',           500,    false,  5000, 'KYC / KYB verification'),
    ('invoice_create',        2,    false,    20, 'Invoice issued'),
    ('api_call',              1,    false,     1, 'Other metered API call'),
    ('smart_contract_call',  50,    false,   500, 'Smart contract call'),
    ('smart_contract_deploy', 5000, false, 50000, 'Smart contract deployment');

INSERT INTO monay.stablecoin_payment_config (symbol, name, decimals, network, contract_address,
    discount_percent, enabled) VALUES
    ('USDXM', 'USD eXpress Monay', 6, 'solana', NULL, 10, true),
    ('USDC', 'USD Coin', 6, 'solana', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', 0, true),
    ('USDT', 'Tether USD', 6, 'solana', 'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB', 0, true);

-- Tenants that exist already (the trigger keeps the mirror from here on).
INSERT INTO monay_private.billing_tenant_state (tenant_id, status, billing_tier)
SELECT t.id, t.status, t.billing_tier FROM monay.tenants t;

-- Billing's settings.
INSERT INTO monay.settings (key, value, value_type, description) VALUES
    ('BILLING_RUN_BATCH_SIZE', '500', 'integer',
     'Tenants billed per committed batch of monay.process_monthly_billing.'),
    ('BILLING_MAX_BATCH_OPERATIONS', '10000', 'integer',
     'Most operations in one monay.track_operations call.'),
    ('BILLING_IDEMPOTENCY_RETENTION', '"90 days"', 'interval',
     'How long billing idempotency keys are kept before monay.purge_billing_idempotency_keys deletes them.');
