-- monay.switch_tenant: move the authenticated user between their tenants; refusals recorded durably.
BEGIN;
SELECT plan(23);

SELECT has_function('monay', 'switch_tenant', ARRAY['uuid'], 'switch_tenant(uuid) exists');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.make_tenant('c');
SELECT tests.make_tenant('susp', 'free', NULL, 'suspended');
SELECT tests.add_member('b', 'a_owner', 'viewer');
SELECT tests.add_member('susp', 'a_owner');
SELECT tests.add_member('c', 'a_owner');
UPDATE monay.tenant_users SET status = 'removed' WHERE tenant_id = tests.id('c') AND user_id = tests.user_id('a_owner');

CREATE TEMP TABLE ev AS
SELECT count(*) FILTER (WHERE true) AS n FROM monay.audit_log
WHERE action = 'switch_refused' AND actor_user_id = tests.user_id('a_owner');
GRANT SELECT ON ev TO PUBLIC;

SELECT tests.act_as('a');
SELECT is(monay.switch_tenant(tests.id('b')) ->> 'role', 'viewer', 'the user switches to b (their role there: viewer)');
SELECT is(monay.current_tenant_id(), tests.id('b'), 'the context is now tenant b');
SELECT is(monay.current_user_id(), tests.user_id('a_owner'), '... for the same user');
SELECT set_eq($$ SELECT user_id FROM monay.tenant_users WHERE tenant_id = tests.id('b') $$,
              ARRAY[tests.user_id('b_owner'), tests.user_id('a_owner')], 'RLS now shows all of tenant b''s members');
SELECT is(monay.switch_tenant(tests.id('a')) ->> 'tenant_id', tests.id('a')::text, 'and back to a');

SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('susp')), 'MT205', NULL, 'to a suspended tenant: MT205');
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('c')), 'MT204', NULL, 'to a tenant they were removed from: MT204');
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', gen_random_uuid()), 'MT204', NULL, 'to an unknown tenant: MT204');
SELECT throws_ok($$ SELECT monay.switch_tenant(NULL) $$, '22023', NULL, 'NULL: 22023');
SELECT is(monay.current_tenant_id(), tests.id('a'), 'a refused switch leaves the context where it was');

SELECT tests.act_as('b');
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('a')), 'MT204', NULL,
                 'b''s owner cannot switch into a (MT204)');

SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay.audit_log WHERE action = 'switch_refused'
           AND actor_user_id = tests.user_id('a_owner')) - (SELECT n FROM ev), 4::bigint,
          'each refused switch of a_owner left a durable audit row (suspended, removed, unknown, NULL)');
SELECT ok(EXISTS (SELECT 1 FROM monay.audit_log WHERE action = 'switch_refused' AND actor_user_id = tests.user_id('a_owner')
                  AND detail ->> 'sqlstate' = '22023' AND detail ->> 'to_tenant_id' IS NULL),
          'switch_tenant(NULL) is recorded too (sqlstate 22023), as every refused switch (the fuzzer found it unrecorded)');
SELECT ok(EXISTS (SELECT 1 FROM monay.audit_log WHERE action = 'switch_refused' AND tenant_id = tests.id('a')
                  AND actor_user_id = tests.user_id('b_owner')
                  AND detail ->> 'from_tenant_id' = tests.id('b')::text AND detail ->> 'sqlstate' = 'MT204'),
          'the row names the target tenant, the user, where they came from and the SQLSTATE');

-- Without an authenticated user.
SELECT tests.act_as_nobody();
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('a')), 'MT206', NULL, 'no context: MT206');
SELECT tests.act_as_forger('a');
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('a')), 'MT206', NULL, 'a forged context: MT206');
SELECT tests.act_as_tenant_job('a');
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('b')), 'MT206', NULL,
                 'a platform job in a tenant (no user): MT206');
SELECT is(monay.current_tenant_id(), tests.id('a'), 'the job''s context is unchanged');
SELECT tests.act_as_platform();
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('b')), 'MT206', NULL, 'the platform context has no user: MT206');


-- TENANT_SWITCHING_ENABLED (the seed's quick disable switch).
SELECT tests.act_as_platform();
SELECT lives_ok($$ SELECT monay.set_setting('TENANT_SWITCHING_ENABLED', 'false') $$, 'the platform turns switching off');
SELECT tests.act_as('a');
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('b')), 'MT209', NULL,
                 'switching disabled: MT209, even to a tenant the user belongs to');
SELECT tests.as_superuser();
SELECT ok(EXISTS (SELECT 1 FROM monay.audit_log WHERE action = 'switch_refused' AND actor_user_id = tests.user_id('a_owner')
                  AND detail ->> 'sqlstate' = 'MT209'), 'the disabled switch is recorded durably');

SELECT * FROM finish();
ROLLBACK;
