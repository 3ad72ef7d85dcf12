-- Undo 008_billing_safety, in reverse order: settings, the functions that
-- need its objects, invitations (they grant nothing and have no place in the
-- old CHECK: deleted), the run's failure count, the failure record, and the
-- advisory-lock grants (PUBLIC may execute them again, the default).
-- depends: 005_billing_infrastructure

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

DELETE FROM monay.settings WHERE key IN ('BILLING_MAX_OPERATION_QUANTITY', 'BILLING_RUN_LOCK_TIMEOUT');
-- As the superuser (tenant_users has FORCE RLS): invitations grant nothing
-- and have no place in the old CHECK.
DELETE FROM monay.tenant_users WHERE status = 'invited';

SET LOCAL ROLE monay_owner;

DROP FUNCTION IF EXISTS monay.accept_tenant_invitation(uuid);
DROP FUNCTION IF EXISTS monay_private.record_billing_failure(text, bigint, uuid, date, text, text);
DROP FUNCTION IF EXISTS monay_private.write_billing_failure(text, bigint, uuid, date, text, text);

-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.tenant_users DROP CONSTRAINT tenant_users_status_known;
ALTER TABLE monay.tenant_users ADD CONSTRAINT tenant_users_status_known
    CHECK (status IN ('active', 'removed')) NOT VALID;
-- squawk-ignore constraint-missing-not-valid
ALTER TABLE monay.tenant_users VALIDATE CONSTRAINT tenant_users_status_known;

ALTER TABLE monay.billing_runs DROP COLUMN tenants_failed;
DROP TABLE monay_private.billing_failures;

RESET ROLE;
DO $$
DECLARE
    v_fn regprocedure;
BEGIN
    FOR v_fn IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = 'pg_catalog'::regnamespace
          AND (p.proname LIKE 'pg\_advisory\_%' OR p.proname LIKE 'pg\_try\_advisory\_%')
        ORDER BY 1
    LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM monay_owner', v_fn);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', v_fn);
    END LOOP;
END $$;
