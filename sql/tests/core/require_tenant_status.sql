-- monay_private.require_tenant_status: the tenant exists (MT301) and its status is not refused
-- (the caller's code: MT304 in tenancy, MT404 for billing usage).
BEGIN;
SELECT plan(14);

SELECT tests.make_tenant('rts_a');
SELECT tests.make_tenant('rts_b', 'free', NULL, 'closed');

SELECT has_function('monay_private', 'require_tenant_status', ARRAY['uuid', 'text', 'text', 'text', 'text[]'],
                    'require_tenant_status(uuid, text, text, text, text[]) exists');
SELECT isnt_definer('monay_private', 'require_tenant_status', ARRAY['uuid', 'text', 'text', 'text', 'text[]'],
                    'require_tenant_status is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.require_tenant_status(uuid, text, text, text, text[])', 'EXECUTE'),
          'monay_app cannot execute require_tenant_status');

SELECT tests.act_as('rts_a');
SELECT throws_ok($$ SELECT monay_private.require_tenant_status(tests.id('rts_a'), 'active', 'MT304', 'x') $$, '42501', NULL,
                 'the application cannot call the helper itself (42501)');
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.require_tenant_status(tests.id('rts_a'), 'active', 'MT304', 'it cannot change') $$,
                'active: passes');
SELECT lives_ok($$ SELECT monay_private.require_tenant_status(tests.id('rts_a'), 'suspended', 'MT304', 'it cannot change') $$,
                'suspended passes the default refused statuses (only closed)');
SELECT throws_ok(format($$ SELECT monay_private.require_tenant_status(%L, NULL, 'MT304', 'it cannot change') $$, tests.id('ghost')),
                 'MT301', format('tenant %s does not exist', tests.id('ghost')), 'no status: MT301 naming the tenant');
SELECT throws_ok($$ SELECT monay_private.require_tenant_status(tests.id('rts_a'), 'closed', 'MT304', 'its tier cannot change') $$,
                 'MT304', format('tenant %s is closed: its tier cannot change', tests.id('rts_a')),
                 'closed: MT304 naming the tenant, the status and what is refused');
SELECT throws_ok($$ SELECT monay_private.require_tenant_status(tests.id('rts_a'), 'suspended', 'MT404', 'usage is refused',
                                                                 ARRAY['suspended', 'closed']) $$,
                 'MT404', format('tenant %s is suspended: usage is refused', tests.id('rts_a')),
                 'the caller''s statuses and code: suspended is MT404 for billing usage');
SELECT throws_ok($$ SELECT monay_private.require_tenant_status(tests.id('rts_a'), 'closed', 'MT404', 'usage is refused',
                                                                 ARRAY['suspended', 'closed']) $$,
                 'MT404', NULL, 'and closed too');
SELECT throws_ok(format($$ SELECT monay_private.require_tenant_status(%L, NULL, 'MT404', 'usage is refused',
                                                                        ARRAY['suspended', 'closed']) $$, tests.id('ghost')),
                 'MT301', NULL, 'no status is MT301 whatever the refused code');
-- What another tenant sees: in a's context b's status reads as NULL (RLS): MT301, not b's MT304.
SELECT throws_ok($$ SELECT monay_private.require_tenant_status(tests.id('rts_b'),
                        (SELECT t.status FROM monay.tenants t WHERE t.id = tests.id('rts_b')), 'MT304', 'x') $$,
                 'MT301', NULL, 'in a''s context the closed tenant b is not visible: MT301, its status is not told');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_tenant_status(tests.id('rts_b'),
                        (SELECT t.status FROM monay.tenants t WHERE t.id = tests.id('rts_b')), 'MT304', 'x') $$,
                 'MT304', NULL, 'the platform sees b closed: MT304');
-- Through a caller, as the platform.
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.suspend_tenant(tests.id('rts_b')) $$, 'MT304',
                 format('tenant %s is closed: it cannot be suspended', tests.id('rts_b')),
                 'suspend_tenant of a closed tenant: MT304 in the helper''s words');

SELECT * FROM finish();
ROLLBACK;
