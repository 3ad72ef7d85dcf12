-- Tenant codes: TNT-<digits>-<check letter>, generated from a sequence; typos are detected.
BEGIN;
SELECT plan(14);

SELECT tests.make_tenant('a');
SELECT matches((SELECT tenant_code FROM monay.tenants WHERE id = tests.id('a')), '^TNT-[0-9]{6,}-[A-Z]$',
               'a tenant gets a code like TNT-000123-K');
SELECT ok(monay.tenant_code_is_valid(monay.generate_tenant_code()), 'a generated code is valid');
SELECT isnt(monay.generate_tenant_code(), monay.generate_tenant_code(), 'codes come from a sequence (distinct)');
SELECT is(monay.tenant_code_is_valid('TNT-000123-' || monay.tenant_code_check_char('000123')), true, 'the right letter validates');
SELECT is((SELECT count(*) FROM generate_series(0, 9) d
           WHERE d::text <> '3' AND monay.tenant_code_is_valid('TNT-00012' || d || '-' || monay.tenant_code_check_char('000123'))),
          0::bigint, 'every single-digit typo is detected');
SELECT is(monay.tenant_code_is_valid('TNT-000213-' || monay.tenant_code_check_char('000123')), false,
          'a swap of neighbouring digits is detected');
SELECT throws_ok($$ INSERT INTO monay.tenants (name, tenant_code) VALUES ('x', 'TNT-000001-Z') $$, '23514', NULL,
                 'a code with a wrong check letter is refused by the CHECK');

-- Past 999,999 tenants the code grows a digit instead of being cut (the 1M-tenant benchmark found it).
SELECT setval('monay.tenant_code_seq', 999999);
SELECT is(split_part(monay.generate_tenant_code(), '-', 2), '1000000',
          'the 1,000,000th code keeps all seven digits');
SELECT setval('monay.tenant_code_seq', 99999);
SELECT is(split_part(monay.generate_tenant_code(), '-', 2), '100000',
          'and the 100,000th its six, so the two never collide');


-- The fuzzer found quadratic CPU on long input, granted to every app login (issue 15).
SELECT throws_ok($$ SELECT monay.tenant_code_check_char(repeat('7', 1000000)) $$, '22023', NULL,
                 'a million digits is refused at once (22023), not computed for minutes');
SELECT throws_ok($$ SELECT monay.tenant_code_check_char('12a4') $$, '22023', NULL,
                 'a non-digit is 22023, not a bare 22P02');
SELECT is(monay.tenant_code_is_valid('TNT-' || repeat('1', 1000000) || '-A'), false,
          'tenant_code_is_valid answers false for a 1 MB code');
SELECT ok(NOT has_function_privilege('monay_app', 'monay.tenant_code_check_char(text)', 'EXECUTE')
          AND NOT has_function_privilege('monay_readonly', 'monay.tenant_code_check_char(text)', 'EXECUTE'),
          'tenant_code_check_char is the owner''s helper: not granted to the app or readonly');
SET LOCAL ROLE monay_app;
SELECT is(monay.tenant_code_is_valid('TNT-000123-' || 'K'), monay.tenant_code_is_valid('TNT-000123-K'),
          'the app still validates codes with tenant_code_is_valid (it runs as the owner)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
