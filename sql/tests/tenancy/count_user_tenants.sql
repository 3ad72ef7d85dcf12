-- monay_private.count_user_tenants: the MAX_TENANTS_PER_USER counter, even for raw inserts.
BEGIN;
SELECT plan(9);

SELECT trigger_is('monay', 'tenant_users', 'tenant_users_700_count_user_tenants', 'monay_private', 'count_user_tenants',
                  'tenant_users carries the counting trigger');

SELECT tests.make_tenant('t' || i) FROM generate_series(1, 6) AS i;
-- Raw inserts as superuser (no function involved) still count and are limited.
SELECT tests.add_member('t' || i, 'zoe') FROM generate_series(1, 5) AS i;
SELECT is(tests.tenant_count('zoe'), 5::bigint, 'five raw memberships count five');
SELECT throws_ok($$ SELECT tests.add_member('t6', 'zoe') $$, 'MT303', NULL, 'a sixth raw insert is refused (MT303)');
SELECT throws_like($$ SELECT tests.add_member('t6', 'zoe') $$,
                   '%' || tests.user_id('zoe') || ' already belongs to 5 tenants%MAX_TENANTS_PER_USER (5)%',
                   'the message names the user, the count and the limit');

UPDATE monay.tenant_users SET status = 'removed' WHERE user_id = tests.user_id('zoe') AND tenant_id = tests.id('t1');
SELECT is(tests.tenant_count('zoe'), 4::bigint, 'a status change to removed decrements');
SELECT lives_ok($$ SELECT tests.add_member('t6', 'zoe') $$, 'the freed slot can be used');
SELECT throws_ok($$ UPDATE monay.tenant_users SET status = 'active'
                    WHERE user_id = tests.user_id('zoe') AND tenant_id = tests.id('t1') $$,
                 'MT303', NULL, 're-activation is limited too (MT303)');
DELETE FROM monay.tenant_users WHERE user_id = tests.user_id('zoe') AND tenant_id = tests.id('t2');
SELECT is(tests.tenant_count('zoe'), 4::bigint, 'deleting an active membership decrements');

-- The limit is a setting.
SELECT tests.act_as_platform();
SELECT monay.set_setting('MAX_TENANTS_PER_USER', '7');
SELECT tests.as_superuser();
SELECT lives_ok($$ UPDATE monay.tenant_users SET status = 'active'
                   WHERE user_id = tests.user_id('zoe') AND tenant_id = tests.id('t1') $$,
                'a raised MAX_TENANTS_PER_USER lets more through');

SELECT * FROM finish();
ROLLBACK;
