-- monay_private.refuse_access: records the refusal durably, then raises the SQLSTATE it is given.
-- Internal (only monay_owner may execute it): called as the test superuser.
BEGIN;
SELECT plan(7);

SELECT has_function('monay_private', 'refuse_access', ARRAY['text', 'text', 'text', 'uuid', 'uuid', 'jsonb'],
                    'refuse_access(text, text, text, uuid, uuid, jsonb) exists');
SELECT is_definer('monay_private', 'refuse_access', ARRAY['text', 'text', 'text', 'uuid', 'uuid', 'jsonb'],
                  'refuse_access is SECURITY DEFINER (it writes the audit log)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.refuse_access(text, text, text, uuid, uuid, jsonb)', 'EXECUTE'),
          'monay_app cannot execute refuse_access');

CREATE TEMP TABLE marker AS SELECT gen_random_uuid() AS u, gen_random_uuid() AS t;
SELECT tests.make_tenant('a');

-- The SQLSTATE and message are the caller's (MT205 and 42501 stand for any).
SELECT throws_ok(format($$ SELECT monay_private.refuse_access('switch_refused', 'MT205', 'no such membership', %L, %L, '{"k": 1}') $$,
                        tests.id('a'), (SELECT u FROM marker)),
                 'MT205', 'no such membership', 'raises the given SQLSTATE (MT205) with the given message');
SELECT throws_ok(format($$ SELECT monay_private.refuse_access('auth_refused', '42501', 'refused', NULL, %L, NULL) $$,
                        (SELECT t FROM marker)),
                 '42501', 'refused', 'raises 42501 when asked to, with a NULL detail');

-- throws_ok rolled its statement back: the events were written over dblink and survive.
SELECT results_eq($$ SELECT action, tenant_id, detail FROM monay.audit_log WHERE actor_user_id = (SELECT u FROM marker) $$,
                  $$ VALUES ('switch_refused'::text, tests.id('a'),
                             '{"k": 1, "sqlstate": "MT205", "reason": "no such membership"}'::jsonb) $$,
                  'the refusal is recorded durably: action, tenant, caller''s detail plus sqlstate and reason');
SELECT is((SELECT detail FROM monay.audit_log WHERE actor_user_id = (SELECT t FROM marker)),
          '{"sqlstate": "42501", "reason": "refused"}'::jsonb, 'a NULL detail is recorded as sqlstate and reason only');

SELECT * FROM finish();
ROLLBACK;
