-- monay.update_tenant_profile (PUT /api/tenants/:id): owners, admins, the platform.
BEGIN;
SELECT plan(14);

SELECT has_function('monay', 'update_tenant_profile', ARRAY['uuid', 'text', 'text'], 'update_tenant_profile exists');
SELECT is_definer('monay', 'update_tenant_profile', ARRAY['uuid', 'text', 'text'], 'it is SECURITY DEFINER');

SELECT tests.make_tenant('utp_a', 'small_business');
SELECT tests.make_tenant('utp_b');
SELECT tests.make_tenant('utp_closed', 'free', NULL, 'closed');
SELECT tests.add_member('utp_a', 'utp_admin', 'admin');
SELECT tests.add_member('utp_a', 'utp_member', 'member');

SELECT tests.act_as('utp_a');
SELECT is((monay.update_tenant_profile(tests.id('utp_a'), '  Acme Ltd  ')).name, 'Acme Ltd', 'the owner renames (trimmed)');
SELECT is((monay.update_tenant_profile(tests.id('utp_a'), NULL, 'enterprise')).tenant_type, 'enterprise',
          'and changes the type alone (NULL keeps the name)');
SELECT is((SELECT name FROM monay.tenants WHERE id = tests.id('utp_a')), 'Acme Ltd', 'the name was kept');
SELECT throws_ok(format('SELECT monay.update_tenant_profile(%L, %L)', tests.id('utp_a'), ' '), '22023', NULL,
                 'a blank name: 22023');
SELECT throws_ok(format('SELECT monay.update_tenant_profile(%L, %L)', tests.id('utp_a'), repeat('x', 201)), '22023', NULL,
                 'a name over 200 characters: 22023');
SELECT throws_ok(format('SELECT monay.update_tenant_profile(%L, NULL, %L)', tests.id('utp_a'), 'bank'), '22023', NULL,
                 'an unknown type: 22023');
SELECT throws_ok(format('SELECT monay.update_tenant_profile(%L)', tests.id('utp_a')), '22023', NULL,
                 'nothing to change: 22023');
SELECT throws_ok(format('SELECT monay.update_tenant_profile(%L, %L)', tests.id('utp_b'), 'mine'), '42501', NULL,
                 'another tenant: 42501');

SELECT tests.act_as('utp_a', 'utp_admin');
SELECT is((monay.update_tenant_profile(tests.id('utp_a'), 'Acme')).name, 'Acme', 'an admin may too');
SELECT tests.act_as('utp_a', 'utp_member');
SELECT throws_ok(format('SELECT monay.update_tenant_profile(%L, %L)', tests.id('utp_a'), 'x'), '42501', NULL,
                 'a plain member may not: 42501');

SELECT tests.act_as_platform();
SELECT throws_ok(format('SELECT monay.update_tenant_profile(%L, %L)', tests.id('utp_closed'), 'x'), 'MT304', NULL,
                 'a closed tenant: MT304');
SELECT throws_ok(format('SELECT monay.update_tenant_profile(%L, %L)', gen_random_uuid(), 'x'), 'MT301', NULL,
                 'an unknown tenant: MT301');

SELECT * FROM finish();
ROLLBACK;
