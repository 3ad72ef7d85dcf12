-- monay.suspend_tenant: platform only; members refused; idempotent; closed refused.
BEGIN;
SELECT plan(12);

SELECT has_function('monay', 'suspend_tenant', ARRAY['uuid', 'text'], 'suspend_tenant(uuid, text) exists');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('closed_t', 'free', NULL, 'closed');
CREATE TEMP TABLE tok AS SELECT tests.make_token(tests.user_id('a_owner'), tests.id('a')) AS token;
GRANT SELECT ON tok TO PUBLIC;

SELECT tests.act_as_platform();
SELECT is((SELECT status || ' / ' || status_reason FROM monay.suspend_tenant(tests.id('a'), 'unpaid invoices')),
          'suspended / unpaid invoices', 'the tenant is suspended with its reason');
SELECT is((SELECT status_reason FROM monay.suspend_tenant(tests.id('a'), 'other')), 'unpaid invoices',
          'suspending again is a no-op (the first reason stays)');
SELECT ok(EXISTS (SELECT 1 FROM monay.audit_log WHERE tenant_id = tests.id('a') AND action = 'UPDATE'
                  AND new_values ->> 'status' = 'suspended'), 'the suspension is audited');
SELECT throws_ok($$ SELECT monay.suspend_tenant(tests.id('closed_t')) $$, 'MT304', NULL, 'a closed tenant: MT304');
SELECT throws_ok($$ SELECT monay.suspend_tenant(gen_random_uuid()) $$, 'MT301', NULL, 'an unknown tenant: MT301');
SELECT throws_ok($$ SELECT monay.suspend_tenant(NULL) $$, '22023', NULL, 'NULL: 22023');

SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.authenticate((SELECT token FROM tok)) $$, 'MT205', NULL,
                 'the owner can no longer authenticate into the suspended tenant (MT205)');

SELECT tests.as_superuser();
UPDATE monay.tenants SET status = 'active' WHERE id = tests.id('a');
SELECT tests.act_as('a');
SELECT throws_ok($$ SELECT monay.suspend_tenant(tests.id('a')) $$, '42501', NULL, 'the tenant''s owner cannot (42501)');
SELECT tests.act_as_tenant_job('a');
SELECT throws_ok($$ SELECT monay.suspend_tenant(tests.id('a')) $$, '42501', NULL,
                 'monay_platform in a tenant context cannot (42501)');
SELECT tests.act_as_forger('a', true);
SELECT throws_ok($$ SELECT monay.suspend_tenant(tests.id('a')) $$, '42501', NULL, 'a forged platform context cannot (42501)');
SELECT tests.as_superuser();
SELECT is((SELECT status FROM monay.tenants WHERE id = tests.id('a')), 'active', 'the refusals changed nothing');

SELECT * FROM finish();
ROLLBACK;
