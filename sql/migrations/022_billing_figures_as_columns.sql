-- Bills stored as figures (issue 13): the monthly run writes a bill's figures as columns
-- (the ones billing_metrics already had, the tier's target margin, and the tier lines as an
-- array of monay.billing_bill_line) and no longer its ~1.45 kB JSON document; the readers
-- (calculate_tenant_billing, get_billing_history, generate_invoice_data, the groups'
-- consolidation) get the same document, built on read by monay_private.billing_bill_json.
-- Bills stored before keep their `bill` JSON, which the readers prefer when present.
-- billing_runs gets the part of a run (parallel parts of one month: `monaydb billing run
-- --jobs N`, monay.billing_run_part).
-- Online-safe: nullable columns without defaults and DROP NOT NULL are catalog-only; the new
-- CHECK is added NOT VALID (every row stored before has its bill: `bill` was NOT NULL), so
-- no scan runs under the ACCESS EXCLUSIVE lock. Functions whose signature changes are
-- dropped and replaced (sql/functions re-creates them).
-- Depends on billing's migrations only, not on 006 (nor 017, which depends on it): the legacy
-- retrofit (`monaydb legacy migrate`, bench case retrofit) rolls back 006 and what depends on it,
-- then re-applies sql/functions before 006 comes back, and billing_price / billing_bill_json
-- name monay.billing_bill_line in their signatures: the type must stay.
-- depends: 008_billing_safety 016_hardening

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

-- One tier line of a bill, in the order and with the figures of the bill's "lines" array
-- (overage_transactions and overage_computation_units are derived on read).
CREATE TYPE monay.billing_bill_line AS (
    tier                              text,
    days                              integer,
    price_version                     date,
    overage_policy                    text,
    base_fee_cents                    bigint,
    included_transactions             bigint,
    transactions_used                 bigint,
    overage_transaction_price_cents   bigint,
    overage_transactions_cents        bigint,
    included_computation_units        bigint,
    computation_units_used            bigint,
    overage_per_1000_units_cents      bigint,
    overage_computation_units_cents   bigint,
    cost_millicents                   bigint
);
COMMENT ON TYPE monay.billing_bill_line IS
    'One tier line of a stored bill (monay.billing_metrics.lines); the bill JSON is built from it on read.';

ALTER TABLE monay.billing_metrics
    ADD COLUMN target_gross_margin_percent numeric(5, 2),
    ADD COLUMN lines monay.billing_bill_line[],
    -- `bill` may be NULL from now on (the readers build it: billing_stored_bill), on purpose.
    -- squawk-ignore ban-drop-not-null
    ALTER COLUMN bill DROP NOT NULL,
    -- NOT VALID: every row stored before has its bill (the column was NOT NULL).
    ADD CONSTRAINT billing_metrics_bill_or_lines CHECK (bill IS NOT NULL OR lines IS NOT NULL) NOT VALID;
COMMENT ON COLUMN monay.billing_metrics.bill IS
    'The bill JSON as stored before migration 022; NULL for bills stored since (built on read from the columns).';
COMMENT ON COLUMN monay.billing_metrics.lines IS
    'The bill''s tier lines (monay.billing_bill_line), for bills stored since migration 022.';

-- part and parts are 1..64 (integer is plenty); billing_runs has one row per run (a few a
-- month), so its CHECK is validated at once.
ALTER TABLE monay.billing_runs
    -- squawk-ignore prefer-bigint-over-int
    ADD COLUMN part integer,
    -- squawk-ignore prefer-bigint-over-int
    ADD COLUMN parts integer,
    -- squawk-ignore constraint-missing-not-valid
    ADD CONSTRAINT billing_runs_part_in_range CHECK ((part IS NULL AND parts IS NULL)
        OR (parts BETWEEN 1 AND 64 AND part BETWEEN 1 AND parts));
COMMENT ON COLUMN monay.billing_runs.part IS
    'A run over part k of n of the tenants (monay.billing_run_part): k; NULL for a run over every tenant.';
COMMENT ON COLUMN monay.billing_runs.parts IS
    'A run over part k of n of the tenants: n (the tenants whose period-lock bucket modulo n is k - 1).';

-- Dropped and replaced (new signatures in sql/functions/billing).
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay_private.billing_price(uuid[], date, text, bigint, bigint, bigint, text);
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay.billing_run_start(date);

RESET ROLE;
