-- monay_private.commit_elsewhere: the one durable-write mechanism (dblink to this database,
-- its own committed transaction), used by record_security_event and record_billing_failure.
BEGIN;
SELECT plan(7);

SELECT is_definer('monay_private', 'commit_elsewhere', ARRAY['text', 'text'], 'commit_elsewhere is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.commit_elsewhere(text, text)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.commit_elsewhere(text, text)', 'EXECUTE'),
          'no application or platform role can execute it');

SAVEPOINT s;
SELECT is(monay_private.commit_elsewhere(
              format('SELECT monay_private.write_billing_failure(%L, NULL, NULL, NULL, %L, %L)',
                     'payment', 'MT417', 'commit_elsewhere test ' || txid_current()), 'a test row'),
          true, 'a write through the link returns true');
ROLLBACK TO SAVEPOINT s;
SELECT is((SELECT count(*) FROM monay_private.billing_failures WHERE message = 'commit_elsewhere test ' || txid_current()),
          1::bigint, 'and the row survives the rollback of the caller');
SELECT is(monay_private.commit_elsewhere('SELECT no_such_function()', 'a bad call'), false,
          'a failing remote call returns false (a WARNING), it does not raise');
DELETE FROM monay_private.audit_link;
SELECT is(monay_private.commit_elsewhere('SELECT 1', 'no link'), false, 'without an audit link: false');

-- monay_private.billing_period_lock_key: month x one of 256 tenant buckets.
SELECT is((SELECT count(DISTINCT monay_private.billing_period_lock_key(md5(i::text)::uuid, '2026-01-01'))
           FROM generate_series(1, 5000) i), 256::bigint, 'billing_period_lock_key: 5,000 tenants share 256 keys a month');

SELECT * FROM finish();
ROLLBACK;
