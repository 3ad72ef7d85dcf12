-- monay_private.vault_of: the tenant's vault under the caller's RLS, MV007 when none.
BEGIN;
SELECT plan(5);

SELECT tests.make_tenant('vof_a');
SELECT tests.make_tenant('vof_b');

SELECT has_function('monay_private', 'vault_of', ARRAY['uuid', 'text', 'text'], 'vault_of(uuid, text, text) exists');
SELECT tests.act_as('vof_a');
SELECT tests.act_as_definer();
SELECT is((monay_private.vault_of(tests.id('vof_a'), 'x', 'share')).tenant_id, tests.id('vof_a'),
          'its own vault, locked for share');
SELECT is((monay_private.vault_of(tests.id('vof_a'), 'x', 'update')).tenant_id, tests.id('vof_a'),
          'its own vault, locked for update');
SELECT throws_ok($$ SELECT monay_private.vault_of(tests.id('vof_b'), 'probe') $$, 'MV007', NULL,
                 'another tenant''s vault is invisible under RLS (MV007)');
SELECT tests.as_superuser();
SELECT throws_ok($$ SELECT monay_private.vault_of(tests.id('vof_nobody'), 'get_wallet_path') $$, 'MV007',
                 format('get_wallet_path: tenant %s has no vault (no such tenant)', tests.id('vof_nobody')),
                 'a tenant that does not exist: MV007 naming it');

SELECT * FROM finish();
ROLLBACK;
