-- The monthly run's batches grow from 2,000 to 4,000 tenants (issue 13, fourth round), where
-- the setting still holds the 2,000 that 023 set. Measured at 1,000,000 tenants, two parts,
-- same database: 4,000 took 25.5-29.3 s (three runs), 2,000 31.4-32.9 s, 8,000 37.4-42.0 s.
-- A batch's fixed costs (its plan, ~6 ms; its statements and commit) are paid half as often.
-- A batch holds one advisory lock per tenant it bills above 0 until it commits; from this
-- version, billing_run_batch caps the batch so that the run's parts hold at most half the
-- server's lock table (monay_private.billing_run_batch_limit): with PostgreSQL's defaults
-- (max_locks_per_transaction 64, max_connections 100) two parts bill 1,344 tenants a batch;
-- raise max_locks_per_transaction (the embedded cluster has 128 x 200) for the full 4,000.
-- Data only (one settings row): online-safe.
-- depends: 025_tenants_billing_walk_index

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

-- Settings change in the platform context only (policy settings_update); the change is audited.
DO $$
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    UPDATE monay.settings SET value = '4000'
    WHERE key = 'BILLING_RUN_BATCH_SIZE' AND value = '2000'::jsonb;
END
$$;
