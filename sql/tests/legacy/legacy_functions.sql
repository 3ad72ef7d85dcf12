-- The retrofit's SQL functions as a fresh install sees them (006 ran every step
-- inline): what each returns, the errors they raise, who may call them. The
-- data path (seed, backfill, move, sync, unswap) runs end to end in
-- tests/test_platform_retrofit.py.
BEGIN;
SELECT plan(16);

SELECT tests.make_tenant('lg_a');
SELECT tests.make_wallet('lg_a', 'lg_a1', 10);

SELECT is((SELECT count(*) FROM monay_private.legacy_steps WHERE direction = 'migrate' AND status <> 'done'), 0::bigint,
          'a fresh install ran every step of 006 inline');
SELECT is((SELECT kind || ':' || coalesce(body, '') FROM monay_private.legacy_steps WHERE name = 'default_groups'),
          'batch:SELECT monay_private.groups_default_groups_batch($1)',
          'the default-groups step makes the legacy households in batches (groups)');
SELECT is(monay_private.legacy_mirror_id('00000000-0000-0000-0000-000000000001'),
          md5('monay-mirror:00000000-0000-0000-0000-000000000001')::uuid, 'a mirror''s id derives from the original''s');
SELECT throws_ok($$ SELECT monay_private.legacy_seed_users(10) $$, 'MP010', NULL,
                 'legacy seed refuses the tenant-scoped shape (MP010)');
SELECT throws_ok($$ SELECT monay_private.legacy_seed_transactions(1, 10, 10) $$, 'MP010', NULL,
                 'legacy seed of transactions too (MP010)');
SELECT throws_ok($$ SELECT monay_private.legacy_backfill_batch('users', 10) $$, '22023', NULL,
                 'the backfill knows wallets, cards and invoices only (22023)');
SELECT is((SELECT count(*) FROM monay_private.legacy_invalid_index_statements()), 0::bigint,
          'no invalid index to drop');
SELECT is((SELECT count(*) FROM monay_private.legacy_pre_tenancy_key_statements()), 4::bigint,
          'after the swap the rollback has four pre-tenancy keys to build');
SELECT is((SELECT array_agg(status ORDER BY ord) FROM monay_private.legacy_progress('rollback')),
          ARRAY['pending', 'pending', 'pending'], 'the rollback steps wait');

-- verify on the final shape: every invariant holds, no baseline = nothing judged against one
SELECT is((SELECT count(*) FROM monay_private.legacy_verify(NULL) WHERE NOT ok), 0::bigint,
          'verify without a baseline: every invariant holds');
SELECT is((SELECT actual FROM monay_private.legacy_verify(NULL) WHERE check_name = 'rows:wallets'), '1',
          'it counts the wallet');
SELECT is((SELECT ok FROM monay_private.legacy_verify(jsonb_build_object('cutoff', now(),
               'checks', jsonb_build_object('rows:wallets', '2'))) WHERE check_name = 'rows:wallets'), false,
          'a count that differs from the baseline is a difference');
UPDATE monay.transactions SET status = status WHERE false;
INSERT INTO monay_private.transactions_pre_tenancy (id, wallet_id, kind, amount_cents)
VALUES (gen_random_uuid(), tests.wallet_id('lg_a1'), 'deposit', 1);
SELECT is((SELECT actual FROM monay_private.legacy_verify(NULL) WHERE check_name = 'sync:transactions'), '1',
          'a row only in the kept pre-tenancy table breaks the sync check');

-- the personal tenant of a user: created once through create_tenant's rules
SELECT tests.make_user('lg_legacy_user');
SELECT is(monay_private.legacy_personal_tenant(tests.user_id('lg_legacy_user')),
          monay_private.legacy_personal_tenant(tests.user_id('lg_legacy_user')), 'one personal tenant per user');
SELECT is((SELECT tenant_type || '/' || billing_tier FROM monay.tenants
           WHERE id = monay_private.legacy_personal_tenant(tests.user_id('lg_legacy_user'))), 'individual/free',
          'individual, free tier');

-- nobody but the owner runs them
SELECT tests.act_as('lg_a');
SELECT throws_ok($$ SELECT monay_private.legacy_verify(NULL) $$, '42501', NULL,
                 'the application cannot run the retrofit''s functions');

SELECT * FROM finish();
ROLLBACK;
