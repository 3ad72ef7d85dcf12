-- The monthly run's write path (issue 13): storing a bill no longer locks a row of another
-- table. The foreign keys billing_metrics(tenant_id) -> tenants(id) and billing_metrics(run_id)
-- -> billing_runs(id) checked every stored bill with `SELECT ... FOR KEY SHARE` of the
-- referenced row: for the tenant a write to its row (its xmax, a WAL record, a dirtied page),
-- a million tenants' rows rewritten by every monthly run. Measured (docs/bench.md): in a batch
-- of 500, "Trigger for constraint billing_metrics_tenant_id_fkey: time=10.3 ms"; the run's key
-- 7.3 us a bill (pg_stat_statements); an INSERT of 200,000 bills 4.8 s with the run's key,
-- 3.2 s without. What the keys guaranteed stays true by rules that are each enforced:
--   * a bill is written only by monay_private.billing_store_bills (no role but the owner may
--     INSERT into billing_metrics), whose rows come from monay_private.billing_price, which
--     returns a row only for a tenant that exists (its tier history has its own key to
--     tenants, or the tenants row itself is read), and whose run id is the run the caller
--     read in the same transaction;
--   * a tenant is never deleted: closing and purging keep the row (monay.purge_closed_tenants
--     marks it purged_at), and from here a trigger refuses DELETE on monay.tenants (MT306);
--   * a run is never deleted: billing_runs' DELETE policy is USING (false), and its row
--     security is forced (the owner too).
-- The run's default batch grows from 500 to 2,000 tenants (only where the setting still holds
-- the shipped 500): a batch's plan costs 8-10 ms whatever its size, i.e. 18 us a tenant at 500
-- and 4 us at 2,000.
-- Online-safe: dropping foreign keys and creating a trigger take short locks and scan nothing.
-- depends: 022_billing_figures_as_columns

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

-- On purpose (the guarantees move to the rules above, each tested):
ALTER TABLE monay.billing_metrics
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT billing_metrics_tenant_id_fkey,
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT billing_metrics_run_id_fkey;

CREATE FUNCTION monay_private.tenants_never_deleted()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
/* BEFORE DELETE on monay.tenants: a tenant row is never deleted (bills, audit rows and
   retained accounting rows name it without a foreign key to lock; its code stays unique).
   Close it (monay.close_tenant) and let monay.purge_closed_tenants delete its data: the row
   stays, marked purged_at. Raises MT306. */
BEGIN
    RAISE EXCEPTION 'tenant % cannot be deleted: tenants are closed (monay.close_tenant), and purged by '
        'monay.purge_closed_tenants, which keeps the row', OLD.id
        USING ERRCODE = 'MT306';
END;
$$;
COMMENT ON FUNCTION monay_private.tenants_never_deleted() IS
    'Trigger: refuses DELETE on monay.tenants (MT306); tenants are closed and purged, never deleted.';
REVOKE ALL ON FUNCTION monay_private.tenants_never_deleted() FROM PUBLIC;

CREATE TRIGGER tenants_050_never_deleted BEFORE DELETE ON monay.tenants
    FOR EACH ROW EXECUTE FUNCTION monay_private.tenants_never_deleted();

COMMENT ON COLUMN monay.billing_metrics.tenant_id IS
    'The billed tenant. No foreign key (migration 023): bills are written only by billing_store_bills for '
    'tenants that exist, and tenants are never deleted (trigger tenants_050_never_deleted).';
COMMENT ON COLUMN monay.billing_metrics.run_id IS
    'The monthly run that stored the bill (NULL: finalized alone). No foreign key (migration 023): runs are '
    'never deleted (policy billing_runs_delete).';

-- Settings change in the platform context only (policy settings_update); the change is audited.
DO $$
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    UPDATE monay.settings SET value = '2000'
    WHERE key = 'BILLING_RUN_BATCH_SIZE' AND value = '500'::jsonb;
END
$$;
