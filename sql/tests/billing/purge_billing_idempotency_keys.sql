-- monay.purge_billing_idempotency_keys: keys are kept BILLING_IDEMPOTENCY_RETENTION.
BEGIN;
SELECT plan(6);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT has_function('monay', 'purge_billing_idempotency_keys', ARRAY['integer'], 'purge_billing_idempotency_keys(integer) exists');
SELECT tests.act_as('a');
SELECT monay.track_operation(tests.id('a'), 'transfer', 1, 'old-key');
SELECT monay.track_operation(tests.id('a'), 'transfer', 1, 'new-key');
SELECT tests.as_superuser();
UPDATE monay_private.billing_idempotency_keys SET created_at = now() - interval '91 days' WHERE idempotency_key = 'old-key';
SELECT tests.act_as_platform();
SELECT is(monay.purge_billing_idempotency_keys(), 1::bigint, 'keys older than 90 days are deleted');
SELECT is(monay.purge_billing_idempotency_keys(), 0::bigint, 'a second run finds nothing');
SELECT tests.act_as('a');
SELECT is(monay.track_operation(tests.id('a'), 'transfer', 1, 'new-key') ->> 'duplicate', 'true', 'recent keys stay');
SELECT throws_ok($$ SELECT monay.purge_billing_idempotency_keys() $$, '42501', NULL, 'platform only');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.purge_billing_idempotency_keys(0) $$, '22023', NULL, 'p_limit below 1');

SELECT * FROM finish();
ROLLBACK;
