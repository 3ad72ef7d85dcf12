-- Undo 020_idempotency_claim: operation keys stored without a response get it back, rebuilt
-- from their event exactly as track_operation(s) built it before 020; then the columns and the
-- check go. (Run it with the function files of before 020: the ones of 020 read the columns.)
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';

-- Data (as the migrating role: the events are under forced RLS for monay_owner).
UPDATE monay_private.billing_idempotency_keys k
SET response = jsonb_build_object(
        'operation_id', o.id, 'tenant_id', o.tenant_id, 'operation_type', o.operation_type,
        'quantity', o.quantity, 'computation_units', o.computation_units,
        'transactions', o.transactions, 'occurred_at', o.occurred_at,
        'billing_period', o.billing_period, 'late', o.late, 'duplicate', false)
FROM monay.billing_operations o
WHERE k.scope = 'operation' AND k.response IS NULL
  AND o.tenant_id = k.tenant_id AND o.occurred_at = k.occurred_at AND o.id = k.operation_id;

-- Tables.
SET LOCAL ROLE monay_owner;
DROP TRIGGER tenants_310_billing_state_created_at ON monay.tenants;
DROP FUNCTION monay_private.billing_tenant_state_created_at();
ALTER TABLE monay_private.billing_tenant_state DROP COLUMN created_at;
ALTER TABLE monay_private.billing_idempotency_keys
    DROP CONSTRAINT billing_idempotency_keys_operation_ref,
    DROP COLUMN occurred_at,
    DROP COLUMN operation_id;
RESET ROLE;
