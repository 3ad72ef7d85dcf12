-- sql/functions/billing/billing_operations_fill.sql
CREATE OR REPLACE FUNCTION monay_private.billing_operations_fill()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* BEFORE INSERT on monay.billing_operations for rows that arrive without a
   billing_period: the seed's raw
     INSERT INTO billing_operations (operation_type, computation_units) VALUES (...)
   under a tenant context (monay_app may name only tenant_id, operation_type,
   quantity, computation_units and occurred_at). Does per row what
   track_operation does per call: fills the tenant from the context, units,
   transactions and cost from monay.operation_costs, the billing period (late
   rule), then counts the row and enforces the limits through
   monay_private.billing_account (each row counts as one call for the rate
   limit). Raises as track_operation does (MT301, MT402, MT403, MT404), and:
   Raises:
     42501 no tenant (no verified context), or another tenant's row
     MT401 unknown operation type
     MT410 computation_units given and not units x quantity of the type
     22023 occurred_at in the future (more than 5 minutes ahead)
     MT415 occurred_at not finite or before the tenant was created
     MT416 quantity above BILLING_MAX_OPERATION_QUANTITY (or counters full)
   Locks: the period lock of billing_period_for, keyed by month and tenant
   bucket, so one statement holds at most 256 per month whatever its size. */
DECLARE
    v_cost monay.operation_costs;
    v_bp   record;
BEGIN
    IF NEW.tenant_id IS NULL THEN
        RAISE EXCEPTION 'billing_operations: no tenant: insert under a verified tenant context or name tenant_id'
            USING ERRCODE = '42501';
    END IF;
    PERFORM monay_private.require_tenant_access(NEW.tenant_id, 'billing_operations');
    SELECT * INTO v_cost FROM monay.operation_costs c WHERE c.operation_type = NEW.operation_type;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown operation type % for tenant %', coalesce(quote_literal(NEW.operation_type), 'NULL'),
            NEW.tenant_id USING ERRCODE = 'MT401',
            HINT = 'SELECT operation_type FROM monay.operation_costs lists the known types.';
    END IF;
    NEW.quantity := coalesce(NEW.quantity, 1);
    IF NEW.quantity > (monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}')::integer THEN
        RAISE EXCEPTION 'quantity % is above BILLING_MAX_OPERATION_QUANTITY (%) (tenant %)',
            NEW.quantity, monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}', NEW.tenant_id
            USING ERRCODE = 'MT416';
    END IF;
    IF NEW.computation_units IS NULL THEN
        NEW.computation_units := v_cost.computation_units * NEW.quantity;
    ELSIF NEW.computation_units <> v_cost.computation_units * NEW.quantity THEN
        RAISE EXCEPTION 'computation_units % does not match % x % = % for operation type % of tenant %',
            NEW.computation_units, NEW.quantity, v_cost.computation_units,
            v_cost.computation_units * NEW.quantity, NEW.operation_type, NEW.tenant_id
            USING ERRCODE = 'MT410';
    END IF;
    IF NEW.occurred_at > clock_timestamp() + interval '5 minutes' THEN
        RAISE EXCEPTION 'occurred_at % is in the future (tenant %)', NEW.occurred_at, NEW.tenant_id
            USING ERRCODE = '22023';
    END IF;
    NEW.transactions := CASE WHEN v_cost.counts_as_transaction THEN NEW.quantity ELSE 0 END;
    NEW.cost_millicents := v_cost.cost_millicents * NEW.quantity;
    v_bp := monay_private.billing_period_for(NEW.tenant_id, NEW.occurred_at);
    NEW.billing_period := v_bp.period;
    NEW.late := v_bp.late;
    NEW.recorded_at := now();
    PERFORM monay_private.billing_account(NEW.tenant_id, NEW.billing_period, NEW.transactions,
        NEW.computation_units, NEW.quantity, NEW.cost_millicents, NEW.late, true);
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_operations_fill() IS
    'Trigger: fills a raw billing_operations insert (tenant, units, cost, period) and checks it.';
REVOKE ALL ON FUNCTION monay_private.billing_operations_fill() FROM PUBLIC;

-- Only rows without a billing_period: monay_app cannot name that column, and
-- track_operation(s), which fill every column and count the usage themselves
-- (set-based for a batch), skip this trigger.
CREATE OR REPLACE TRIGGER billing_operations_fill BEFORE INSERT ON monay.billing_operations
    FOR EACH ROW WHEN (NEW.billing_period IS NULL)
    EXECUTE FUNCTION monay_private.billing_operations_fill();
