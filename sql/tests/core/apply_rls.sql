-- monay_private.apply_rls: the named RLS patterns, what each lets a tenant, the platform and
-- nobody do, and its refusal of an unknown pattern.
BEGIN;
SELECT plan(13);

SELECT tests.make_tenant('rls_a');
SELECT tests.make_tenant('rls_b');
CREATE TABLE tests.rls_probe (tenant_id uuid NOT NULL, v int NOT NULL);
CREATE TABLE tests.rls_config (k text PRIMARY KEY, v int NOT NULL);
GRANT ALL ON tests.rls_probe, tests.rls_config TO monay_app, monay_platform;
INSERT INTO tests.rls_probe VALUES (tests.id('rls_a'), 1), (tests.id('rls_b'), 2);
INSERT INTO tests.rls_config VALUES ('x', 1);

SELECT throws_ok($$ SELECT monay_private.apply_rls('tests.rls_probe', 'tenant_everything') $$, '22023',
                 'unknown RLS pattern ''tenant_everything''', 'an unknown pattern is refused, named');
SELECT monay_private.apply_rls('tests.rls_probe', 'tenant_append_only');
SELECT policies_are('tests', 'rls_probe', ARRAY['rls_probe_select', 'rls_probe_insert', 'rls_probe_update',
                    'rls_probe_delete'], 'one policy per command, named <table>_<command>');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = 'tests.rls_probe'::regclass),
          'RLS enabled and forced');
SELECT is((SELECT obj_description(oid, 'pg_policy') FROM pg_policy WHERE polname = 'rls_probe_update'),
          'tenant_append_only', 'each policy names its pattern');

SELECT tests.act_as('rls_a');
SELECT results_eq($$ SELECT v FROM tests.rls_probe $$, ARRAY[1], 'append-only: a tenant reads its own rows');
SELECT lives_ok($$ INSERT INTO tests.rls_probe VALUES (tests.id('rls_a'), 3) $$, 'and appends to them');
SELECT throws_ok($$ INSERT INTO tests.rls_probe VALUES (tests.id('rls_b'), 4) $$, '42501', NULL,
                 'but not to another tenant''s');
SELECT is_empty($$ UPDATE tests.rls_probe SET v = 0 RETURNING v $$, 'append-only: no update');
SELECT tests.act_as_nobody();
SELECT is_empty($$ SELECT v FROM tests.rls_probe $$, 'no context: nothing');

-- Replacing the pattern swaps the policies.
SELECT tests.as_superuser();
SELECT monay_private.apply_rls('tests.rls_probe', 'tenant_read_write');
SELECT tests.act_as('rls_a');
SELECT results_eq($$ UPDATE tests.rls_probe SET v = v * 10 RETURNING v $$, ARRAY[10, 30],
                  'read-write: the tenant updates its own rows only');

SELECT tests.as_superuser();
SELECT monay_private.apply_rls('tests.rls_config', 'platform_config');
SELECT tests.act_as('rls_b');
SELECT results_eq($$ SELECT v FROM tests.rls_config $$, ARRAY[1], 'configuration: everyone reads');
SELECT throws_ok($$ INSERT INTO tests.rls_config VALUES ('y', 2) $$, '42501', NULL, 'only the platform writes it');
SELECT tests.act_as_platform();
SELECT lives_ok($$ INSERT INTO tests.rls_config VALUES ('y', 2) $$, 'the platform writes it');

SELECT * FROM finish();
ROLLBACK;
