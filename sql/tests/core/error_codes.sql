-- The SQLSTATE registry (monay.error_codes) against the code: every code a function body
-- raises is registered, every registered 'function' code is raised somewhere, custom codes
-- sit in their domain's range; and the rule is shown able to fail.
BEGIN;
SELECT plan(9);

SELECT has_function('monay', 'error_codes', ARRAY[]::text[], 'monay.error_codes() exists');
SELECT volatility_is('monay', 'error_codes', ARRAY[]::text[], 'immutable', 'it is immutable data');

SELECT is_empty($$ SELECT sqlstate FROM monay_private.error_code_raisers()
                   EXCEPT SELECT sqlstate FROM monay.error_codes() $$,
                'every SQLSTATE our functions raise is registered');
SELECT is_empty($$ SELECT sqlstate FROM monay.error_codes() WHERE origin = 'function'
                   EXCEPT SELECT sqlstate FROM monay_private.error_code_raisers() $$,
                'every registered function code is raised somewhere (no stale entry)');
SELECT is((SELECT count(*) FROM monay.error_codes()), (SELECT count(DISTINCT sqlstate) FROM monay.error_codes()),
          'one row per code');
SELECT is_empty($$ SELECT sqlstate FROM monay.error_codes()
                   WHERE sqlstate ~ '^M' AND NOT (
                         (domain = 'settings'   AND sqlstate ~ '^MT1[0-9]{2}$')
                      OR (domain = 'tenancy'    AND sqlstate ~ '^MT[23][0-9]{2}$')
                      OR (domain = 'billing'    AND sqlstate ~ '^MT4[0-9]{2}$')
                      OR (domain = 'platform'   AND sqlstate ~ '^MP0[0-9]{2}$')
                      OR (domain = 'groups'     AND sqlstate ~ '^MG0[0-9]{2}$')
                      OR (domain = 'vault'      AND sqlstate ~ '^MV0[0-9]{2}$')
                      OR (domain = 'monitoring' AND sqlstate ~ '^MM0[0-9]{2}$')) $$,
                'each custom code sits in its domain''s range');
SELECT is_empty($$ SELECT sqlstate FROM monay.error_codes()
                   WHERE origin NOT IN ('function', 'server') OR length(meaning) < 10 OR length(caller_action) < 2 $$,
                'every code says where it comes from, what it means and what to do');

-- The rule can fail: a function that raises an unregistered code is found.
CREATE FUNCTION monay_private.tmp_raises_unregistered() RETURNS void LANGUAGE plpgsql AS
$f$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'MT999'; END $f$;
SELECT results_eq($$ SELECT sqlstate FROM monay_private.error_code_raisers()
                     EXCEPT SELECT sqlstate FROM monay.error_codes() $$,
                  ARRAY['MT999'], 'an unregistered code in a new function is caught');

SELECT tests.make_tenant('ec');
SELECT tests.act_as('ec');
SELECT is((SELECT meaning FROM monay.error_codes() WHERE sqlstate = 'MT202'), 'token expired',
          'applications can read the registry');

SELECT * FROM finish();
ROLLBACK;
