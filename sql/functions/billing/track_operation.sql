-- sql/functions/billing/track_operation.sql
CREATE OR REPLACE FUNCTION monay.track_operation(
    p_tenant_id          uuid
    , p_operation_type   text
    , p_quantity         integer DEFAULT 1
    , p_idempotency_key  text DEFAULT NULL
    , p_occurred_at      timestamptz DEFAULT now()
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Records p_quantity operations of type p_operation_type for p_tenant_id and
   returns {operation_id, tenant_id, operation_type, quantity,
   computation_units, transactions, occurred_at, billing_period, late,
   duplicate}. Units, transactions and cost come from monay.operation_costs at
   this moment. The limits of monay.enforce_tenant_limits are enforced while
   recording (monay_private.billing_account, atomic with the counters):
   suspended/closed tenant, free allowance, rate limit (one token per call).
   Idempotency: with p_idempotency_key, the first call records and stores its
   response; any later call with the same key (also concurrent: it waits for
   the first to commit) records nothing and returns that response with
   duplicate = true. The key's fingerprint is (operation type, quantity); the
   same key with another type or quantity is refused (MT406). occurred_at is
   not in the fingerprint: a retry that leaves it to default gets a new now().
   The claim is monay_private.idempotency_claim's; the key stores the
   operation's id and occurred_at, and a retry's response is rebuilt from the
   event row (the same fields as the first response; only {operation_id,
   tenant_id, operation_type, quantity, duplicate} if the event's partition was
   dropped by a retention shorter than BILLING_IDEMPOTENCY_RETENTION).
   Raises:
     42501 the context may not act on p_tenant_id (names both tenants)
     22023 NULL tenant, quantity < 1 or NULL, occurred_at NULL or > 5 min ahead,
           idempotency key longer than 200 characters
     MT401 unknown operation type      MT402 free allowance exceeded
     MT403 rate limit exceeded         MT404 tenant suspended or closed
     MT301 tenant does not exist       MT406 idempotency key reused differently
     MT415 occurred_at not finite or before the tenant was created
     MT416 quantity above BILLING_MAX_OPERATION_QUANTITY, or the month's
           counters beyond what billing can hold
   Late events follow the rule of monay_private.billing_period_for: the
   previous month counts its own late usage until it is billed; anything
   older or billed counts in the running month, marked late. */
DECLARE
    v_cost   monay.operation_costs;
    v_id     bigint;
    v_bp     record;
    v_result jsonb;
    v_claim  record;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'track_operation');
    v_cost := monay_private.billing_operation_cost(p_tenant_id, p_operation_type, p_quantity, 'track_operation');
    IF p_occurred_at IS NULL OR p_occurred_at > clock_timestamp() + interval '5 minutes' THEN
        RAISE EXCEPTION 'track_operation: occurred_at % is NULL or in the future (tenant %)',
            coalesce(p_occurred_at::text, 'NULL'), p_tenant_id USING ERRCODE = '22023';
    END IF;
    IF length(p_idempotency_key) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'track_operation: idempotency key must have 1 to 200 characters (tenant %)', p_tenant_id
            USING ERRCODE = '22023';
    END IF;

    v_id := nextval('monay.billing_operation_id_seq');
    v_bp := monay_private.billing_period_for(p_tenant_id, p_occurred_at);
    IF p_idempotency_key IS NOT NULL THEN
        -- The key stands for this operation (id, occurred_at); a retry rebuilds the response from it.
        v_claim := monay_private.idempotency_claim('operation', p_tenant_id, p_idempotency_key,
                                                   p_operation_type || '|' || p_quantity, 'MT406', v_id, p_occurred_at);
        IF NOT v_claim.claimed THEN
            IF v_claim.prior_response IS NOT NULL THEN  -- a key stored before migration 020
                RETURN v_claim.prior_response || '{"duplicate": true}'::jsonb;
            END IF;
            SELECT jsonb_build_object(
                       'operation_id', o.id, 'tenant_id', o.tenant_id, 'operation_type', o.operation_type,
                       'quantity', o.quantity, 'computation_units', o.computation_units,
                       'transactions', o.transactions, 'occurred_at', o.occurred_at,
                       'billing_period', o.billing_period, 'late', o.late, 'duplicate', true)
            INTO v_result
            FROM monay.billing_operations o
            WHERE o.tenant_id = p_tenant_id AND o.occurred_at = v_claim.prior_ref_at AND o.id = v_claim.prior_ref_id;
            RETURN coalesce(v_result, jsonb_build_object('operation_id', v_claim.prior_ref_id, 'tenant_id', p_tenant_id,
                                                         'operation_type', p_operation_type, 'quantity', p_quantity,
                                                         'duplicate', true));
        END IF;
    END IF;

    INSERT INTO monay.billing_operations (id, tenant_id, operation_type, quantity, computation_units,
        transactions, cost_millicents, occurred_at, billing_period, late, idempotency_key)
    VALUES (v_id, p_tenant_id, p_operation_type, p_quantity, v_cost.computation_units * p_quantity,
        CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END,
        v_cost.cost_millicents * p_quantity, p_occurred_at, v_bp.period, v_bp.late, p_idempotency_key);
    PERFORM monay_private.billing_account(p_tenant_id, v_bp.period,
        CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END,
        v_cost.computation_units * p_quantity, p_quantity, v_cost.cost_millicents * p_quantity, v_bp.late, true);
    RETURN jsonb_build_object(
        'operation_id', v_id, 'tenant_id', p_tenant_id, 'operation_type', p_operation_type,
        'quantity', p_quantity, 'computation_units', v_cost.computation_units * p_quantity,
        'transactions', CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END,
        'occurred_at', p_occurred_at, 'billing_period', v_bp.period, 'late', v_bp.late,
        'duplicate', false);
END;
$$;

COMMENT ON FUNCTION monay.track_operation(uuid, text, integer, text, timestamptz) IS
    'Records usage (idempotent with a key), enforcing status, free allowance and rate limit.';
REVOKE ALL ON FUNCTION monay.track_operation(uuid, text, integer, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.track_operation(uuid, text, integer, text, timestamptz)
    TO monay_app, monay_platform;
