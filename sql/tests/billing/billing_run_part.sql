-- monay.billing_run_part (the monthly run over part k of n of the tenants, by period-lock bucket)
-- and the part of monay.billing_run_start / monay.billing_run_batch. The committing parts running at
-- once, killed and rerun: tests/test_billing_parts.py.
BEGIN;
SELECT plan(15);

SELECT ok(EXISTS (SELECT 1 FROM pg_proc WHERE oid = 'monay.billing_run_part(date, integer, integer)'::regprocedure
                  AND prokind = 'p' AND NOT prosecdef), 'billing_run_part(date, integer, integer) is an invoker procedure');
SELECT ok(NOT has_function_privilege('monay_app', 'monay.billing_run_part(date, integer, integer)', 'EXECUTE'),
          'monay_app may not run it');
SELECT ok(has_function_privilege('monay_platform', 'monay.billing_run_part(date, integer, integer)', 'EXECUTE'),
          'monay_platform may');

-- Fixtures in both parts of 2 (bucket = hashtext(id) & 255; part 1 = even buckets).
SELECT tests.billing_tenant(n, 'small_business') FROM unnest(ARRAY['rp_a', 'rp_b', 'rp_c', 'rp_d']) n;
SELECT tests.as_superuser();
CREATE TEMP TABLE rp_half ON COMMIT DROP AS
SELECT n AS name, tests.id(n) AS id, 1 + (hashtext(tests.id(n)::text) & 255) % 2 AS part
FROM unnest(ARRAY['rp_a', 'rp_b', 'rp_c', 'rp_d']) n;
GRANT SELECT ON rp_half TO PUBLIC;

SELECT tests.act_as_platform();
SELECT throws_ok($$ CALL monay.billing_run_part('2025-01-01', 0, 2) $$, '22023', NULL, 'part 0 is refused');
SELECT throws_ok($$ CALL monay.billing_run_part('2025-01-01', 3, 2) $$, '22023', NULL, 'part 3 of 2 is refused');
SELECT throws_ok($$ CALL monay.billing_run_part('2025-01-01', 1, 65) $$, '22023', NULL, 'more than 64 parts are refused');
SELECT throws_ok($$ CALL monay.billing_run_part('2025-01-01', NULL, 2) $$, '22023', NULL, 'a NULL part is refused');
SELECT throws_ok($$ CALL monay.billing_run_part('2025-01-01', 1, 2) $$, '2D000', NULL,
                 'inside a transaction block it refuses to run (it commits per batch)');
SELECT throws_ok($$ SELECT monay.billing_run_start('2025-01-01', 2, NULL) $$, '22023', NULL,
                 'billing_run_start refuses a part without its number of parts');
SELECT tests.act_as('rp_a');
SELECT throws_ok($$ CALL monay.billing_run_part('2025-01-01', 1, 2) $$, '42501', NULL, 'the application role cannot call it');

-- A run over part 1 of 2 counts and bills the tenants of its buckets only.
SELECT tests.as_superuser();
UPDATE monay.settings SET value = '1' WHERE key = 'BILLING_RUN_BATCH_SIZE';
SELECT tests.act_as_platform();
CREATE TEMP TABLE rp_run ON COMMIT DROP AS
SELECT monay.billing_run_start('2025-01-01', 1, 2) AS v;
SELECT is((SELECT (v ->> 'part') || '/' || (v ->> 'parts') FROM rp_run), '1/2', 'the run records its part');
SELECT is((SELECT (v ->> 'tenants_total')::int FROM rp_run),
          (SELECT count(*)::int FROM monay.tenants t WHERE (hashtext(t.id::text) & 255) % 2 = 0
           AND t.created_at < '2025-02-01'),
          'it counts the tenants of its part only');
-- Walk the whole range batch by batch (one tenant a batch).
CREATE TEMP TABLE rp_walk (n int, v jsonb) ON COMMIT DROP;
DO $$
DECLARE
    v_after uuid;
    v_b jsonb;
BEGIN
    FOR i IN 1 .. 1000 LOOP
        v_b := monay.billing_run_batch((SELECT (v ->> 'run_id')::bigint FROM rp_run), v_after);
        INSERT INTO rp_walk VALUES (i, v_b);
        EXIT WHEN v_b ->> 'last_tenant_id' IS NULL;
        v_after := (v_b ->> 'last_tenant_id')::uuid;
    END LOOP;
END
$$;
SELECT ok((SELECT bool_and((w.v ->> 'last_tenant_id') IS NULL
                           OR (hashtext(w.v ->> 'last_tenant_id') & 255) % 2 = 0) FROM rp_walk w),
          'its batches never take a tenant of the other part');
SELECT is((SELECT array_agg(h.name ORDER BY h.name) FROM rp_half h
           JOIN monay.billing_metrics m ON m.tenant_id = h.id AND m.period = '2025-01-01'),
          (SELECT array_agg(h.name ORDER BY h.name) FROM rp_half h WHERE h.part = 1),
          'of the fixtures, exactly those of part 1 are billed');

SELECT ok((SELECT count(DISTINCT part) = 2 FROM rp_half), 'the fixtures fall in both parts (the test can fail)');

SELECT * FROM finish();
ROLLBACK;
