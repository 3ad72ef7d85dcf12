-- Undo 022_billing_figures_as_columns: every bill stored without its JSON gets it back (built
-- by monay_private.billing_bill_json, the function the readers use, while it still exists),
-- then the columns, the CHECK and the line type go and `bill` is NOT NULL again. The functions
-- of the new code that use the line type (billing_price, billing_bill_json) go with it
-- (DROP TYPE ... CASCADE); re-apply the previous code's sql/functions afterwards (`monaydb
-- migrate` does), which re-creates billing_price and billing_run_start with their old signatures.
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM monay.billing_metrics m WHERE m.bill IS NULL) THEN
        -- The guard trigger refuses any change to a finalized bill's JSON: off for this one UPDATE.
        ALTER TABLE monay.billing_metrics DISABLE TRIGGER billing_metrics_guard;
        EXECUTE $u$
            UPDATE monay.billing_metrics m
            SET bill = monay_private.billing_bill_json(m.tenant_id, m.period, m.tier, 'finalized', 'USDXM',
                           m.days_in_period, m.transactions_included, m.transactions_used,
                           m.computation_units_included, m.computation_units_used, m.late_transactions,
                           m.late_computation_units, m.base_fee_cents, m.overage_transactions_cents,
                           m.overage_computation_units_cents, m.total_before_discount_cents,
                           m.usdxm_discount_cents, m.cost_cents, m.gross_margin_percent,
                           m.target_gross_margin_percent, m.lines, true)
            WHERE m.bill IS NULL $u$;
        ALTER TABLE monay.billing_metrics ENABLE TRIGGER billing_metrics_guard;
    END IF;
END
$$;

ALTER TABLE monay.billing_runs
    DROP CONSTRAINT billing_runs_part_in_range,
    DROP COLUMN parts,
    DROP COLUMN part;

ALTER TABLE monay.billing_metrics
    DROP CONSTRAINT billing_metrics_bill_or_lines,
    ALTER COLUMN bill SET NOT NULL,
    DROP COLUMN lines,
    DROP COLUMN target_gross_margin_percent;
COMMENT ON COLUMN monay.billing_metrics.bill IS NULL;

DROP TYPE monay.billing_bill_line CASCADE;
-- What 022's code added or re-signed (the previous code re-creates billing_run_start(date)).
DROP PROCEDURE IF EXISTS monay.billing_run_part(date, integer, integer);
DROP FUNCTION IF EXISTS monay.billing_run_start(date, integer, integer);

RESET ROLE;
