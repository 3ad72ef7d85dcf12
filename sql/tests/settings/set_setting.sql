-- monay.set_setting on hostile values (issue 15, found by the fuzzer) and the seed's
-- feature flags that concern the database.
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('a');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.set_setting('KEY_ROTATION_INTERVAL', '"1000000000 years"') $$, 'MT102', NULL,
                 'an interval beyond what PostgreSQL holds is MT102, not a bare 22008');
SELECT throws_ok($$ SELECT monay.set_setting('KEY_ROTATION_INTERVAL', '"2147483648 days"') $$, 'MT102', NULL,
                 'an interval field overflow is MT102, not a bare 22015');
SELECT throws_ok($$ SELECT monay.set_setting('TENANT_DATA_RETENTION', '"soon"') $$, 'MT102', NULL,
                 'a malformed interval is MT102');
SELECT throws_ok($$ SELECT monay.set_setting('MAX_TENANTS_PER_USER', '1e400') $$, 'MT102', NULL,
                 'an integer setting beyond int (its readers cast ::int) is MT102 (the fuzzer found it accepted)');
SELECT is(monay.get_setting('KEY_ROTATION_INTERVAL') #>> '{}', '90 days', 'the refused values changed nothing');

-- Feature flags from the seed's configuration (booleans, default true).
SELECT is(monay.get_setting('TENANT_SWITCHING_ENABLED'), 'true'::jsonb, 'TENANT_SWITCHING_ENABLED defaults to true');
SELECT is(monay.get_setting('MARGIN_CALCULATION_ENABLED'), 'true'::jsonb, 'MARGIN_CALCULATION_ENABLED defaults to true');
SELECT throws_ok($$ SELECT monay.set_setting('TENANT_SWITCHING_ENABLED', '"no"') $$, 'MT102', NULL,
                 'a flag takes a JSON boolean only (MT102)');
SELECT is((monay.set_setting('TENANT_SWITCHING_ENABLED', 'false')).value, 'false'::jsonb, 'the platform turns a flag off');

SELECT tests.act_as('a');
SELECT throws_ok($$ SELECT monay.set_setting('TENANT_SWITCHING_ENABLED', 'true') $$, '42501', NULL,
                 'an application cannot turn a flag back on (42501)');

SELECT * FROM finish();
ROLLBACK;
