-- monay_private.tenants_never_deleted (migration 023): a tenant row is never deleted, whoever
-- asks (MT306), so bills, which name their tenant without a foreign key, never lose it. The
-- application role has no DELETE at all (42501); closing and purging keep the row.
BEGIN;
SELECT plan(8);

SELECT tests.make_tenant('tnd_a', 'small_business');
SELECT tests.make_tenant('tnd_b');

SELECT has_trigger('monay', 'tenants', 'tenants_050_never_deleted', 'tenants has the never-deleted trigger');
SELECT col_isnt_fk('monay', 'billing_metrics', 'tenant_id',
                   'billing_metrics.tenant_id has no foreign key (no row lock on the tenant per bill)');

SELECT throws_ok(format('DELETE FROM monay.tenants WHERE id = %L', tests.id('tnd_a')), 'MT306', NULL,
                 'a superuser''s DELETE of a tenant is refused with MT306');

-- The owner, in the platform context (the DELETE policy lets it see every tenant).
SET LOCAL ROLE monay_owner;
SELECT monay_private.set_context(NULL, NULL, true);
SELECT throws_ok(format('DELETE FROM monay.tenants WHERE id = %L', tests.id('tnd_b')), 'MT306', NULL,
                 'the owner''s DELETE, in the platform context, is refused with MT306');
SELECT throws_ok('DELETE FROM monay.tenants', 'MT306', NULL, 'a DELETE of every tenant is refused with MT306');
RESET ROLE;

SET LOCAL ROLE monay_app;
SELECT throws_ok(format('DELETE FROM monay.tenants WHERE id = %L', tests.id('tnd_a')), '42501', NULL,
                 'the application role may not DELETE tenants at all (42501)');
RESET ROLE;

SELECT is((SELECT count(*) FROM monay.tenants WHERE id IN (tests.id('tnd_a'), tests.id('tnd_b'))), 2::bigint,
          'both tenants are still there');
SELECT lives_ok(format('UPDATE monay.tenants SET name = ''tnd renamed'' WHERE id = %L', tests.id('tnd_a')),
                'other changes to a tenant row are not affected');

SELECT * FROM finish();
ROLLBACK;
