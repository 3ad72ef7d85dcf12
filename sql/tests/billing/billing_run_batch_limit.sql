-- monay_private.billing_run_batch_limit: tenants per monthly-run batch, the setting capped so
-- that the run's parts hold at most half of the server's lock table (a batch holds one lock per
-- tenant billed above 0 and up to 256 period locks until it commits). Pure function.
BEGIN;
SELECT plan(11);

SELECT has_function('monay_private', 'billing_run_batch_limit', ARRAY['integer', 'integer', 'bigint'],
                    'billing_run_batch_limit(integer, integer, bigint) exists');
SELECT is((SELECT provolatile::text FROM pg_proc
           WHERE oid = 'monay_private.billing_run_batch_limit(integer, integer, bigint)'::regprocedure), 'i',
          'it is IMMUTABLE');
SELECT ok(NOT has_function_privilege('monay_platform', 'monay_private.billing_run_batch_limit(integer, integer, bigint)',
                                     'EXECUTE'), 'internal: the platform role cannot execute it');

SELECT is(monay_private.billing_run_batch_limit(4000, 2, 128 * 200), 4000,
          'the embedded cluster (128 x 200 lock slots), two parts: the setting, 4,000');
SELECT is(monay_private.billing_run_batch_limit(4000, 2, 64 * 100), 1344,
          'PostgreSQL''s defaults (64 x 100), two parts: 6,400 / 4 - 256 = 1,344');
SELECT is(monay_private.billing_run_batch_limit(4000, NULL, 64 * 100), 2944, 'a whole run is one part');
SELECT is(monay_private.billing_run_batch_limit(4000, 64, 128 * 200), 100,
          'never fewer than 100 (64 parts on a small lock table)');
SELECT is(monay_private.billing_run_batch_limit(5, 8, 64 * 100), 5, 'a small setting is kept');
SELECT is(monay_private.billing_run_batch_limit(NULL, 2, 128 * 200), 1, 'no setting: 1');
SELECT is(monay_private.billing_run_batch_limit(-3, 0, NULL), 1, 'nonsense inputs: 1, never an error');
-- The run's default since migration 026, under the cap in this cluster (the test cluster is the
-- embedded one: 128 x 200).
SELECT is((SELECT value FROM monay.settings WHERE key = 'BILLING_RUN_BATCH_SIZE'), '4000'::jsonb,
          'the default batch is 4,000 tenants (migration 026)');

SELECT * FROM finish();
ROLLBACK;
