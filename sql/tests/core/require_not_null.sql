-- monay_private.require_not_null: the NULL-argument check (22023 naming operation and argument).
BEGIN;
SELECT plan(11);

SELECT tests.make_tenant('rnn_a');

SELECT has_function('monay_private', 'require_not_null', ARRAY['anyelement', 'text', 'text'],
                    'require_not_null(anyelement, text, text) exists');
SELECT isnt_definer('monay_private', 'require_not_null', ARRAY['anyelement', 'text', 'text'],
                    'require_not_null is SECURITY INVOKER');
SELECT volatility_is('monay_private', 'require_not_null', ARRAY['anyelement', 'text', 'text'], 'immutable',
                     'require_not_null is IMMUTABLE');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.require_not_null(anyelement, text, text)', 'EXECUTE'),
          'monay_app cannot execute require_not_null');

SELECT tests.act_as('rnn_a');
SELECT throws_ok($$ SELECT monay_private.require_not_null(1, 'p_x', 'op') $$, '42501', NULL,
                 'the application cannot call the helper itself (42501)');
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.require_not_null(tests.id('rnn_a'), 'p_tenant_id', 'op') $$,
                'a uuid: passes');
SELECT lives_ok($$ SELECT monay_private.require_not_null(''::text, 'p_name', 'op') $$,
                'an empty string is not NULL: passes (emptiness is the caller''s rule)');
SELECT lives_ok($$ SELECT monay_private.require_not_null(0::bigint, 'p_amount', 'op') $$, 'zero passes');
SELECT throws_ok($$ SELECT monay_private.require_not_null(NULL::uuid, 'p_tenant_id', 'suspend_tenant') $$, '22023',
                 'suspend_tenant: p_tenant_id must not be NULL', 'a NULL uuid: 22023 naming the operation and the argument');
SELECT throws_ok($$ SELECT monay_private.require_not_null(NULL::date, 'p_period', 'aggregate_group_billing') $$, '22023',
                 'aggregate_group_billing: p_period must not be NULL', 'a NULL of any type: 22023');
-- Through a caller, as the application: the check comes before any gate or read.
SELECT tests.act_as('rnn_a');
SELECT throws_ok($$ SELECT monay.get_tenant(NULL) $$, '22023', 'get_tenant: p_tenant_id must not be NULL',
                 'a public function reports the NULL argument in the helper''s words');

SELECT * FROM finish();
ROLLBACK;
