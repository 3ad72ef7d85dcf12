-- sql/functions/billing/billing_operation_cost.sql
CREATE OR REPLACE FUNCTION monay_private.billing_operation_cost(
    p_tenant_id        uuid
    , p_operation_type text
    , p_quantity       integer
    , p_caller         text
)
    RETURNS monay.operation_costs
    LANGUAGE plpgsql STABLE
AS $$
/* The checks every per-operation billing function starts with, in one place:
   p_quantity at least 1 (22023, naming p_caller and the tenant) and at most
   BILLING_MAX_OPERATION_QUANTITY (MT416: sums of usage and money must fit
   in bigint, docs/billing.md "Safety limits"), and the operation's row of monay.operation_costs (MT401 for an unknown type).
   SECURITY INVOKER, executable by monay_owner only: called from the
   SECURITY DEFINER billing functions, whose pinned search_path it runs with. */
DECLARE
    v_cost monay.operation_costs;
BEGIN
    IF p_quantity IS NULL OR p_quantity < 1 THEN
        RAISE EXCEPTION '%: quantity must be at least 1, got % (tenant %)',
            p_caller, coalesce(p_quantity::text, 'NULL'), p_tenant_id USING ERRCODE = '22023';
    END IF;
    IF p_quantity > (monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}')::integer THEN
        RAISE EXCEPTION '%: quantity % is above BILLING_MAX_OPERATION_QUANTITY (%) (tenant %)',
            p_caller, p_quantity, monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}', p_tenant_id
            USING ERRCODE = 'MT416', HINT = 'Split the usage into several operations.';
    END IF;
    SELECT * INTO v_cost FROM monay.operation_costs c WHERE c.operation_type = p_operation_type;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown operation type % for tenant %', coalesce(quote_literal(p_operation_type), 'NULL'),
            p_tenant_id USING ERRCODE = 'MT401',
            HINT = 'SELECT operation_type FROM monay.operation_costs lists the known types.';
    END IF;
    RETURN v_cost;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_operation_cost(uuid, text, integer, text) IS
    'Validates the quantity (22023, MT416) and returns the operation''s costs row (MT401 when unknown).';
REVOKE ALL ON FUNCTION monay_private.billing_operation_cost(uuid, text, integer, text) FROM PUBLIC;
