-- billing_limit_errors.sql: monay_private.billing_refuse_over_allowance (MT402),
-- billing_refuse_rate (MT403) and billing_refuse_status (MT301/MT404), the raisers the
-- recording path and enforce_tenant_limits share. Internal: called as the test superuser.
BEGIN;
SELECT plan(12);

SELECT isnt_definer('monay_private', 'billing_refuse_over_allowance', ARRAY['uuid', 'text', 'date', 'text', 'bigint', 'bigint', 'bigint'],
                    'billing_refuse_over_allowance exists, SECURITY INVOKER');
SELECT isnt_definer('monay_private', 'billing_refuse_rate', ARRAY['uuid', 'text', 'bigint', 'bigint', 'bigint', 'bigint'],
                    'billing_refuse_rate exists, SECURITY INVOKER');
SELECT isnt_definer('monay_private', 'billing_refuse_status', ARRAY['uuid', 'text'],
                    'billing_refuse_status exists, SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_refuse_over_allowance(uuid, text, date, text, bigint, bigint, bigint)', 'EXECUTE')
          AND NOT has_function_privilege('monay_app', 'monay_private.billing_refuse_rate(uuid, text, bigint, bigint, bigint, bigint)', 'EXECUTE')
          AND NOT has_function_privilege('monay_app', 'monay_private.billing_refuse_status(uuid, text)', 'EXECUTE'),
          'monay_app cannot execute any of the three');

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

SELECT throws_ok(format($$ SELECT monay_private.billing_refuse_status(%L, NULL) $$, tests.id('ghost')),
                 'MT301', format('tenant %s does not exist', tests.id('ghost')), 'no status: MT301 naming the tenant');
SELECT throws_ok(format($$ SELECT monay_private.billing_refuse_status(%L, 'suspended') $$, tests.id('a')),
                 'MT404', format('tenant %s is suspended: usage is refused', tests.id('a')), 'suspended: MT404 naming tenant and status');
SELECT throws_ok(format($$ SELECT monay_private.billing_refuse_status(%L, 'closed') $$, tests.id('a')),
                 'MT404', NULL, 'closed: MT404');

-- Through the recording path: a free tenant past its allowance gets the MT402 message.
SELECT tests.billing_tenant('f', 'free');
SELECT tests.act_as('f');
SELECT throws_like($$ SELECT monay.track_operation(tests.id('f'), 'transfer', 1001) $$,
                   '%(tier free) would exceed its included transactions for %: limit 1000, used 0, requested 1001',
                   'track_operation raises it as billing_refuse_over_allowance words it');

SELECT * FROM finish();
ROLLBACK;
