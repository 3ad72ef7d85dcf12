-- Tenant codes: TNT-<digits>-<check letter>, generated from a sequence; typos are detected.
BEGIN;
SELECT plan(9);

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

SELECT * FROM finish();
ROLLBACK;
