-- Billing safety (issue 16): the durable record of billing failures, the run's
-- failure count, membership invitations (consent before a membership counts
-- toward MAX_TENANTS_PER_USER), the settings that bound usage and the monthly
-- run's waits, and advisory locks reserved to the schema owner.
--
-- Rules and reasons: docs/billing.md ("Safety limits", "Locks", "Failures")
-- and README ("For DBAs"). Every change here is online-safe: new table, new
-- columns with constant defaults (metadata only), a CHECK replaced NOT VALID
-- then validated, settings rows, and ACL changes on pg_catalog functions.
-- depends: 005_billing_infrastructure

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

-- ---------------------------------------------------------------------------
-- Superuser part: pg_advisory_* are executable by PUBLIC by default, so any
-- login could take (and hold) the billing period and waterfall locks of any
-- tenant. Only monay_owner (our SECURITY DEFINER functions) may use them in
-- this database; superusers are not affected.
-- ---------------------------------------------------------------------------
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
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', v_fn);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO monay_owner', v_fn);
    END LOOP;
END $$;

SET LOCAL ROLE monay_owner;

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------
CREATE TABLE monay_private.billing_failures (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    failed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    source      text NOT NULL,
    run_id      bigint,
    tenant_id   uuid,
    period      date,
    sqlstate    text NOT NULL,
    message     text NOT NULL,
    CONSTRAINT billing_failures_source_known
        CHECK (source IN ('monthly_run', 'track_operation', 'track_operations', 'payment')),
    CONSTRAINT billing_failures_sqlstate_shape CHECK (sqlstate ~ '^[0-9A-Z]{5}$'),
    CONSTRAINT billing_failures_message_bounded CHECK (length(message) <= 2000)
);
CREATE INDEX billing_failures_failed_at_idx ON monay_private.billing_failures (failed_at);
CREATE INDEX billing_failures_run_idx ON monay_private.billing_failures (run_id) WHERE run_id IS NOT NULL;
COMMENT ON TABLE monay_private.billing_failures IS
    'Durable record of billing failures (written over dblink, survives the caller''s rollback): '
    'one row per failure; source monthly_run | track_operation | track_operations | payment; '
    'counted by monitoring. Internal: no application role reads it.';

ALTER TABLE monay.billing_runs ADD COLUMN tenants_failed bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN monay.billing_runs.tenants_failed IS
    'Tenants this run could not bill (error or lock still busy after the retry): '
    'their reasons are in monay_private.billing_failures (run_id); a rerun bills them.';

-- Invitations: a membership made by a tenant's owner or admin waits for the
-- user's consent (monay.accept_tenant_invitation). Only 'active' memberships
-- count toward MAX_TENANTS_PER_USER and grant access.
-- The CHECK is replaced by a wider one: every existing row satisfies it (the
-- old set is a subset), so nothing is lost; VALIDATE scans memberships (one row
-- per user and tenant) in the migration's transaction, which keeps it atomic.
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.tenant_users DROP CONSTRAINT tenant_users_status_known;
ALTER TABLE monay.tenant_users ADD CONSTRAINT tenant_users_status_known
    CHECK (status IN ('active', 'removed', 'invited')) NOT VALID;
-- squawk-ignore constraint-missing-not-valid
ALTER TABLE monay.tenant_users VALIDATE CONSTRAINT tenant_users_status_known;

-- ---------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------
REVOKE ALL ON monay_private.billing_failures FROM PUBLIC;

-- ---------------------------------------------------------------------------
-- Settings
-- ---------------------------------------------------------------------------
RESET ROLE;
INSERT INTO monay.settings (key, value, value_type, description) VALUES
    ('BILLING_MAX_OPERATION_QUANTITY', '1000000', 'integer',
     'Largest quantity of one tracked operation (MT416 beyond).'),
    ('BILLING_RUN_LOCK_TIMEOUT', '"2 seconds"', 'interval',
     'How long the monthly run waits, on its retry pass, for a tenant''s usage in flight before it reports the tenant busy.');
