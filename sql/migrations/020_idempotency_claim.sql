-- The one idempotency claim (monay_private.idempotency_claim, issues 9 and 13) and a cheaper
-- usage path:
-- 1. An operation's idempotency key stores what it stands for, the operation's id and its
--    occurred_at (the events' partition key), instead of the whole ~250-byte response: the
--    response of a retry is rebuilt from the event row: a key row is ~1/3 of what it was (heap
--    and WAL of a keyed batch). Keys stored before keep their response (the claim reads either);
--    a CHECK says every operation key has one or the other. It is added NOT VALID and left so:
--    it holds for every new row, and every row stored before 020 has its response (validating
--    here would scan the table under this transaction's ACCESS EXCLUSIVE lock; run `VALIDATE
--    CONSTRAINT billing_idempotency_keys_operation_ref` on its own if wanted). Payments keep
--    their stored response.
-- 2. billing_tenant_state (the hot path's mirror of monay.tenants) also carries created_at, so
--    that billing_period_for no longer reads monay.tenants under RLS per operation; trigger
--    tenants_310_billing_state_created_at keeps it. Backfilled here; NULL (never, after this)
--    would make billing_period_for read monay.tenants as before.
-- Online-safe: nullable columns without default and a NOT VALID check (catalog only), one
-- UPDATE of the mirror (one row per tenant, read-only for the hot path).
-- depends: 017_treasury_wallet_links

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

-- Tables.
ALTER TABLE monay_private.billing_idempotency_keys
    ADD COLUMN operation_id bigint,
    ADD COLUMN occurred_at timestamptz;
COMMENT ON COLUMN monay_private.billing_idempotency_keys.operation_id IS
    'scope operation: the event the key recorded (with occurred_at, its partition key); the response is rebuilt from it.';
COMMENT ON COLUMN monay_private.billing_idempotency_keys.occurred_at IS
    'scope operation: occurred_at of the event the key recorded (the partition key of monay.billing_operations).';
ALTER TABLE monay_private.billing_idempotency_keys
    ADD CONSTRAINT billing_idempotency_keys_operation_ref
    CHECK (scope <> 'operation' OR (operation_id IS NOT NULL AND occurred_at IS NOT NULL) OR response IS NOT NULL)
    NOT VALID;

ALTER TABLE monay_private.billing_tenant_state ADD COLUMN created_at timestamptz;
COMMENT ON COLUMN monay_private.billing_tenant_state.created_at IS
    'monay.tenants.created_at (the earliest occurred_at usage may have), for billing_period_for.';

-- The mirror's created_at is kept by a trigger of its own (the function file re-declares the
-- function; the trigger lives here): the legacy retrofit applies the function files before
-- this migration exists, so the sync trigger of 005 must not name the new column.
CREATE OR REPLACE FUNCTION monay_private.billing_tenant_state_created_at()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    UPDATE monay_private.billing_tenant_state s SET created_at = NEW.created_at
    WHERE s.tenant_id = NEW.id AND s.created_at IS DISTINCT FROM NEW.created_at;
    RETURN NULL;
END;
$fn$;
REVOKE ALL ON FUNCTION monay_private.billing_tenant_state_created_at() FROM PUBLIC;
CREATE TRIGGER tenants_310_billing_state_created_at
    AFTER INSERT OR UPDATE OF created_at ON monay.tenants
    FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tenant_state_created_at();

-- Data (as the migrating role: monay.tenants is under forced RLS for monay_owner).
RESET ROLE;
UPDATE monay_private.billing_tenant_state s SET created_at = t.created_at
FROM monay.tenants t WHERE t.id = s.tenant_id AND s.created_at IS DISTINCT FROM t.created_at;
