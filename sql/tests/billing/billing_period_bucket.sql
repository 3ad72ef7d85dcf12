-- monay_private.billing_period_bucket and monay_private.billing_period_bucket_key: the tenant's
-- bucket of the billing period lock and the lock's second key per bucket and month, the one
-- definition behind monay_private.billing_period_lock_key (usage path) and the monthly run's
-- parts and batch locks (issue 13, fourth round: one key per bucket of a batch, not per tenant).
-- Pure functions: no tenant data, nothing another tenant could see.
BEGIN;
SELECT plan(12);

SELECT has_function('monay_private', 'billing_period_bucket', ARRAY['uuid'], 'billing_period_bucket(uuid) exists');
SELECT has_function('monay_private', 'billing_period_bucket_key', ARRAY['integer', 'date'],
                    'billing_period_bucket_key(integer, date) exists');
SELECT is((SELECT string_agg(provolatile::text || proparallel::text || (SELECT l.lanname FROM pg_language l WHERE l.oid = prolang), ',' ORDER BY proname)
           FROM pg_proc WHERE oid IN ('monay_private.billing_period_bucket(uuid)'::regprocedure,
                                      'monay_private.billing_period_bucket_key(integer, date)'::regprocedure)),
          'issql,issql', 'both are IMMUTABLE, PARALLEL SAFE, LANGUAGE sql (inlined into their callers)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_period_bucket(uuid)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.billing_period_bucket_key(integer, date)', 'EXECUTE'),
          'neither is executable by the application roles (internal)');

-- The bucket: hashtext of the id's text, low 8 bits; every bucket used by random ids.
CREATE TEMP TABLE ids ON COMMIT DROP AS SELECT gen_random_uuid() AS id FROM generate_series(1, 20000);
SELECT is((SELECT count(*) FROM ids WHERE monay_private.billing_period_bucket(id) <> hashtext(id::text) & 255),
          0::bigint, 'the bucket is hashtext(id::text) & 255');
SELECT is((SELECT (min(b), max(b), count(DISTINCT b))
           FROM (SELECT monay_private.billing_period_bucket(id) AS b FROM ids) s), (0, 255, 256::bigint),
          'buckets run from 0 to 255, all of them used by 20,000 random ids');
-- Time-ordered ids (same leading bits) still spread over the buckets: the hash, not the prefix.
SELECT cmp_ok((SELECT count(DISTINCT monay_private.billing_period_bucket(
                   ('01939b2e-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid))
               FROM generate_series(1, 5000) n), '>=', 250::bigint,
              'ids that share their leading bits still fall in (nearly) every bucket');
SELECT is(monay_private.billing_period_bucket(NULL), NULL::integer, 'NULL has no bucket');

-- The key: the ISO month and the bucket, under any DateStyle; the tenant's key is its bucket's.
SET LOCAL datestyle = 'SQL, DMY';
SELECT is(monay_private.billing_period_bucket_key(7, '2026-03-01'), hashtext('2026-03-01:7'),
          'the key is hashtext of the ISO month and the bucket, under any DateStyle');
RESET datestyle;
SELECT is((SELECT count(*) FROM ids
           WHERE monay_private.billing_period_lock_key(id, '2026-11-01')
                 <> monay_private.billing_period_bucket_key(monay_private.billing_period_bucket(id), '2026-11-01')),
          0::bigint, 'a tenant''s period lock key is the key of its bucket (the run and the usage path agree)');
SELECT isnt(monay_private.billing_period_bucket_key(7, '2026-03-01'), monay_private.billing_period_bucket_key(7, '2026-04-01'),
            'another month, another key');
SELECT is((SELECT count(DISTINCT monay_private.billing_period_bucket_key(b, '2026-11-01')) FROM generate_series(0, 255) b),
          256::bigint, 'the 256 buckets of a month have 256 keys');

SELECT * FROM finish();
ROLLBACK;
