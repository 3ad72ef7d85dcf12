-- Case 7, provisioning (platform job): sign a new owner up and create their
-- tenant with an idempotency key, in one transaction.
BEGIN;
SELECT monay.set_platform_context();
SELECT (monay.create_user('p-' || gen_random_uuid() || '@bench.test', 'bench owner')).id AS owner \gset
SELECT (monay.create_tenant('bench provisioned', 'small_business', 'small_business', :owner, NULL,
                            gen_random_uuid()::text)).id;
COMMIT;
