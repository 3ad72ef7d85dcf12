-- sql/functions/billing/billing_metrics_guard.sql
CREATE OR REPLACE FUNCTION monay_private.billing_metrics_guard()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* BEFORE UPDATE OR DELETE on monay.billing_metrics: a bill that is not a
   draft never changes its tenant, period, usage or amounts and is never
   deleted (MT408); corrections are rows of monay.billing_adjustments. What
   may move: status (finalized -> paid -> finalized when an adjustment
   reopens it, finalized -> void), payment_method and paid_at. A void bill
   stays void. payment_method is not guarded here: the stablecoin CHECK
   refuses fiat (23514). */
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'bill of tenant % for % is % and cannot be deleted', OLD.tenant_id,
                to_char(OLD.period, 'YYYY-MM'), OLD.status USING ERRCODE = 'MT408';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'draft' THEN
        RETURN NEW;
    END IF;
    IF (NEW.tenant_id, NEW.period, NEW.tier, NEW.days_in_period, NEW.transactions_included, NEW.transactions_used,
        NEW.computation_units_included, NEW.computation_units_used, NEW.late_transactions,
        NEW.late_computation_units, NEW.base_fee_cents, NEW.overage_transactions_cents,
        NEW.overage_computation_units_cents, NEW.total_before_discount_cents, NEW.usdxm_discount_cents,
        NEW.total_cents, NEW.cost_cents, NEW.gross_margin_percent, NEW.bill, NEW.run_id, NEW.finalized_at,
        NEW.target_gross_margin_percent, NEW.lines)
       IS DISTINCT FROM
       (OLD.tenant_id, OLD.period, OLD.tier, OLD.days_in_period, OLD.transactions_included, OLD.transactions_used,
        OLD.computation_units_included, OLD.computation_units_used, OLD.late_transactions,
        OLD.late_computation_units, OLD.base_fee_cents, OLD.overage_transactions_cents,
        OLD.overage_computation_units_cents, OLD.total_before_discount_cents, OLD.usdxm_discount_cents,
        OLD.total_cents, OLD.cost_cents, OLD.gross_margin_percent, OLD.bill, OLD.run_id, OLD.finalized_at,
        OLD.target_gross_margin_percent, OLD.lines) THEN
        RAISE EXCEPTION 'bill of tenant % for % is % and immutable: record a correction with monay.adjust_bill',
            OLD.tenant_id, to_char(OLD.period, 'YYYY-MM'), OLD.status USING ERRCODE = 'MT408';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
           (OLD.status = 'finalized' AND NEW.status IN ('paid', 'void'))
        OR (OLD.status = 'paid' AND NEW.status = 'finalized')) THEN
        RAISE EXCEPTION 'bill of tenant % for %: status cannot go from % to %', OLD.tenant_id,
            to_char(OLD.period, 'YYYY-MM'), OLD.status, NEW.status USING ERRCODE = 'MT408';
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_metrics_guard() IS
    'Trigger: finalized bills are immutable (MT408) except status, payment_method, paid_at.';
REVOKE ALL ON FUNCTION monay_private.billing_metrics_guard() FROM PUBLIC;

CREATE OR REPLACE TRIGGER billing_metrics_guard BEFORE UPDATE OR DELETE ON monay.billing_metrics
    FOR EACH ROW EXECUTE FUNCTION monay_private.billing_metrics_guard();
