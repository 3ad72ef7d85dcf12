-- monay.purge_retired_jwt_secrets: deletes secrets whose window ended, keeps the others; platform only.
BEGIN;
SELECT plan(6);

SELECT has_function('monay', 'purge_retired_jwt_secrets', ARRAY[]::text[], 'purge_retired_jwt_secrets() exists');
SELECT tests.make_tenant('prjs_a');
INSERT INTO monay_private.jwt_secrets (secret, retired_at) VALUES
    (convert_to('prjs-expired-secret-of-32-bytes-or-more', 'UTF8'), now() - interval '1 day'),
    (convert_to('prjs-in-window-secret-of-32-bytes-or-more', 'UTF8'), now() + interval '1 hour');

SELECT tests.act_as('prjs_a');
SELECT throws_ok($$ SELECT monay.purge_retired_jwt_secrets() $$, '42501', NULL, 'monay_app cannot (42501)');
SELECT tests.act_as_tenant_job('prjs_a');
SELECT throws_ok($$ SELECT monay.purge_retired_jwt_secrets() $$, '42501', NULL,
                 'monay_platform outside the platform context cannot (42501)');

SELECT tests.act_as_platform();
SELECT is(monay.purge_retired_jwt_secrets(), 1::bigint, 'one expired secret deleted');
SELECT is(monay.purge_retired_jwt_secrets(), 0::bigint, 'nothing more the second time');
SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay_private.jwt_secrets WHERE retired_at IS NULL OR retired_at > now()), 2::bigint,
          'the current secret and the one inside its window stay');

SELECT * FROM finish();
ROLLBACK;
