-- monay.get_setting / monay.set_setting: the seed's defaults, types, who may change them.
BEGIN;
SELECT plan(14);

SELECT has_function('monay', 'get_setting', ARRAY['text'], 'get_setting(text) exists');
SELECT volatility_is('monay', 'get_setting', ARRAY['text'], 'stable', 'get_setting is STABLE');

SELECT tests.act_as_nobody();
SELECT is(monay.get_setting('DEFAULT_TENANT_TIER') #>> '{}', 'free', 'DEFAULT_TENANT_TIER is free');
SELECT is((monay.get_setting('MAX_TENANTS_PER_USER'))::int, 5, 'MAX_TENANTS_PER_USER is 5');
SELECT is((monay.get_setting('MAX_GROUP_MEMBERS'))::int, 100, 'MAX_GROUP_MEMBERS is 100');
SELECT is((monay.get_setting('GROUP_HIERARCHY_DEPTH'))::int, 5, 'GROUP_HIERARCHY_DEPTH is 5');
SELECT is((monay.get_setting('DEFAULT_MARGIN_PERCENT'))::numeric, 60::numeric, 'DEFAULT_MARGIN_PERCENT is 60');
SELECT is(monay.get_setting('WALLET_DERIVATION_PATH') #>> '{}', 'm/44''/501''', 'WALLET_DERIVATION_PATH is m/44''/501''');
SELECT is((monay.get_setting('KEY_ROTATION_INTERVAL') #>> '{}')::interval, interval '90 days',
          'KEY_ROTATION_INTERVAL is 90 days');
SELECT throws_ok($$ SELECT monay.get_setting('NO_SUCH_SETTING') $$, 'MT101', NULL,
                 'an unknown key raises MT101');

-- Only the platform changes settings; isolation cannot be turned off.
SELECT throws_ok($$ SELECT monay.set_setting('MAX_TENANTS_PER_USER', '6') $$, '42501', NULL,
                 'the application role cannot call set_setting');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.set_setting('TENANT_ISOLATION_ENABLED', 'false') $$, 'MT102', NULL,
                 'TENANT_ISOLATION_ENABLED cannot be turned off');
SELECT throws_ok($$ SELECT monay.set_setting('MAX_TENANTS_PER_USER', '"five"') $$, 'MT102', NULL,
                 'a value of the wrong type is refused with MT102');
SELECT is((monay.set_setting('MAX_TENANTS_PER_USER', '6')).value, '6'::jsonb,
          'the platform changes MAX_TENANTS_PER_USER');

SELECT * FROM finish();
ROLLBACK;
