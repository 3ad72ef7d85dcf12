-- billing_limit_errors.sql: monay_private.billing_refuse_over_allowance (MT402),
-- and billing_refuse_rate (MT403), the raisers the recording path and enforce_tenant_limits
-- share (MT301/MT404 come from monay_private.require_tenant_status, sql/tests/core).
-- Internal: called as the test superuser.
BEGIN;
SELECT plan(8);

SELECT isnt_definer('monay_private', 'billing_refuse_over_allowance', ARRAY['uuid', 'text', 'date', 'text', 'bigint', 'bigint', 'bigint'],
                    'billing_refuse_over_allowance exists, SECURITY INVOKER');
SELECT isnt_definer('monay_private', 'billing_refuse_rate', ARRAY['uuid', 'text', 'bigint', 'bigint', 'bigint', 'bigint'],
                    'billing_refuse_rate exists, SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_refuse_over_allowance(uuid, text, date, text, bigint, bigint, bigint)', 'EXECUTE')
          AND NOT has_function_privilege('monay_app', 'monay_private.billing_refuse_rate(uuid, text, bigint, bigint, bigint, bigint)', 'EXECUTE'),
          'monay_app cannot execute either');

SELECT throws_ok(format($$ SELECT monay_private.billing_refuse_over_allowance(%L, 'free', '2025-03-01', 'transactions', 1000, 999, 5) $$, tests.id('a')),
                 'MT402', format('tenant %s (tier free) would exceed its included transactions for 2025-03: limit 1000, used 999, requested 5', tests.id('a')),
                 'over allowance raises MT402 naming tenant, tier, what, month, limit, usage and request');

SELECT throws_ok(format($$ SELECT monay_private.billing_refuse_rate(%L, 'free', 20, 40, 1, 1500) $$, tests.id('a')),
                 'MT403', format('tenant %s (tier free) exceeded its rate limit of 20 calls/s (burst 40, over 1 slot(s)): retry in 2 ms', tests.id('a')),
                 'rate limit raises MT403 naming tenant, tier, rate, burst, slots; 1500 us rounds up to 2 ms');
SELECT throws_like(format($$ SELECT monay_private.billing_refuse_rate(%L, 'free', 20, 40, 1, 0) $$, tests.id('a')),
                   '%retry in 1 ms', 'the retry is at least 1 ms');
SELECT throws_like(format($$ SELECT monay_private.billing_refuse_rate(%L, 'free', 20, 40, 1, 1000) $$, tests.id('a')),
                   '%retry in 1 ms', 'a whole millisecond is not rounded up');

-- Through the recording path: a free tenant past its allowance gets the MT402 message.
SELECT tests.billing_tenant('f', 'free');
SELECT tests.act_as('f');
SELECT throws_like($$ SELECT monay.track_operation(tests.id('f'), 'transfer', 1001) $$,
                   '%(tier free) would exceed its included transactions for %: limit 1000, used 0, requested 1001',
                   'track_operation raises it as billing_refuse_over_allowance words it');

SELECT * FROM finish();
ROLLBACK;
