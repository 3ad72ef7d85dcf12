-- monay.purge_closed_tenants: catalog-driven, FK-safe, keeps audit and retained tables, idempotent.
BEGIN;
SELECT plan(21);

SELECT has_function('monay', 'purge_closed_tenants', ARRAY['integer'], 'purge_closed_tenants(integer) exists');

-- Tables "added later": a parent and a child whose names sort the wrong way
-- for deletion (the child must go first), and an accounting table retained.
SET LOCAL ROLE monay_owner;
CREATE TABLE monay.zz_a_parent (tenant_id uuid NOT NULL REFERENCES monay.tenants (id), id int,
                                PRIMARY KEY (tenant_id, id));
CREATE TABLE monay.zz_b_child (tenant_id uuid NOT NULL, id int, parent_id int,
                               PRIMARY KEY (tenant_id, id),
                               FOREIGN KEY (tenant_id, parent_id) REFERENCES monay.zz_a_parent (tenant_id, id));
CREATE TABLE monay.zz_c_ledger (tenant_id uuid NOT NULL REFERENCES monay.tenants (id), id int, parent_id int,
                                PRIMARY KEY (tenant_id, id),
                                FOREIGN KEY (tenant_id, parent_id) REFERENCES monay.zz_a_parent (tenant_id, id));
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['zz_a_parent', 'zz_b_child', 'zz_c_ledger'] LOOP
        EXECUTE format('ALTER TABLE monay.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE monay.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('GRANT SELECT ON monay.%I TO monay_platform, monay_app', t);
        EXECUTE format('CREATE POLICY p ON monay.%I USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))', t);
    END LOOP;
END $$;
-- An append-only table nobody listed as retained: its DELETE policy refuses.
CREATE TABLE monay.zz_d_append_only (tenant_id uuid NOT NULL REFERENCES monay.tenants (id), id int,
                                     PRIMARY KEY (tenant_id, id));
ALTER TABLE monay.zz_d_append_only ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.zz_d_append_only FORCE ROW LEVEL SECURITY;
CREATE POLICY s ON monay.zz_d_append_only FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY d ON monay.zz_d_append_only FOR DELETE USING (false);
RESET ROLE;
INSERT INTO monay_private.purge_retained_tables VALUES ('zz_c_ledger', 'test: accounting rows');

SELECT tests.make_tenant(n) FROM unnest(ARRAY['old', 'old2', 'recent', 'live', 'blocked']) AS n;
INSERT INTO monay.zz_a_parent SELECT tests.id(n), 1 FROM unnest(ARRAY['old', 'old2', 'recent', 'live', 'blocked']) AS n;
INSERT INTO monay.zz_b_child SELECT tests.id(n), 1, 1 FROM unnest(ARRAY['old', 'old2', 'recent', 'live', 'blocked']) AS n;
-- blocked: a retained row points at a row the purge would delete.
INSERT INTO monay.zz_c_ledger VALUES (tests.id('blocked'), 1, 1);
UPDATE monay.tenants SET status = 'closed', purge_after = now() - interval '1 day' WHERE id = tests.id('old');
UPDATE monay.tenants SET status = 'closed', purge_after = now() - interval '2 days' WHERE id = tests.id('blocked');
UPDATE monay.tenants SET status = 'closed', purge_after = now() - interval '1 hour' WHERE id = tests.id('old2');
UPDATE monay.tenants SET status = 'closed', purge_after = now() + interval '1 day' WHERE id = tests.id('recent');
CREATE TEMP TABLE audit_before AS
    SELECT count(*) AS n FROM monay.audit_log WHERE tenant_id = tests.id('old');
GRANT SELECT ON audit_before TO PUBLIC;

SELECT tests.act_as_platform();
CREATE TEMP TABLE run1 AS SELECT * FROM monay.purge_closed_tenants(2);
GRANT SELECT ON run1 TO PUBLIC;
SELECT results_eq($$ SELECT tenant_id FROM run1 $$, ARRAY[tests.id('blocked'), tests.id('old')],
                  'p_limit 2: the two oldest purge_after first');
SELECT alike((SELECT error FROM run1 WHERE tenant_id = tests.id('blocked')), '23503: %',
            'a tenant whose retained rows reference purged ones fails alone, with the SQLSTATE');
SELECT is((SELECT deleted_rows FROM run1 WHERE tenant_id = tests.id('old')),
          '{"zz_a_parent": 1, "zz_b_child": 1, "tenant_users": 1, "tenant_vaults": 1}'::jsonb,
          'the old tenant''s rows are deleted from every tenant_id table, child before parent');
SELECT is((SELECT count(*) FROM monay.zz_a_parent WHERE tenant_id = tests.id('blocked')), 1::bigint,
          'the failed tenant is not half-purged');
SELECT is((SELECT purged_at FROM monay.tenants WHERE id = tests.id('blocked')), NULL, '... nor marked purged');
SELECT is((SELECT purged_at FROM monay.tenants WHERE id = tests.id('old')), now(), 'the old tenant is marked purged_at');
SELECT ok((SELECT count(*) FROM monay.audit_log WHERE tenant_id = tests.id('old')) > (SELECT n FROM audit_before),
          'its audit rows are kept (and the membership deletions added)');
SELECT is((SELECT count(*) FROM monay.tenant_tier_history WHERE tenant_id = tests.id('old')), 1::bigint,
          'its tier history is retained (listed in purge_retained_tables)');

CREATE TEMP TABLE run2 AS SELECT * FROM monay.purge_closed_tenants();
GRANT SELECT ON run2 TO PUBLIC;
SELECT results_eq($$ SELECT tenant_id FROM run2 ORDER BY tenant_id = tests.id('blocked') DESC $$,
                  ARRAY[tests.id('blocked'), tests.id('old2')],
                  'the next run takes the rest and retries the failed one, never the purged one');
SELECT is((SELECT count(*) FROM monay.zz_b_child WHERE tenant_id = tests.id('recent')), 1::bigint,
          'a tenant whose retention has not passed keeps its data');
SELECT is((SELECT count(*) FROM monay.zz_b_child WHERE tenant_id = tests.id('live')), 1::bigint,
          'an active tenant keeps its data');
SELECT is((SELECT count(*) FROM monay.zz_c_ledger), 1::bigint, 'retained rows are never deleted');
SELECT is_empty($$ SELECT 1 FROM monay.purge_closed_tenants() WHERE error IS NULL $$,
                'a third run purges nothing more (idempotent)');
SELECT throws_ok($$ SELECT * FROM monay.purge_closed_tenants(0) $$, '22023', NULL, 'p_limit 0: 22023');

-- A table whose DELETE policy refuses: the tenant fails with MT308, nothing half-purged.
SELECT tests.as_superuser();
SELECT tests.make_tenant('stuck');
INSERT INTO monay.zz_d_append_only VALUES (tests.id('stuck'), 1);
UPDATE monay.tenants SET status = 'closed', purge_after = now() - interval '1 day' WHERE id = tests.id('stuck');
SELECT tests.act_as_platform();
SELECT alike((SELECT error FROM monay.purge_closed_tenants() WHERE tenant_id = tests.id('stuck')),
             'MT308: table monay.zz_d_append_only kept 1 row(s) of tenant % that its DELETE policy refuses',
             'rows a DELETE policy refuses fail the tenant with MT308 (not marked purged with data left)');
SELECT is((SELECT count(*) FROM monay.tenant_users WHERE tenant_id = tests.id('stuck')), 1::bigint,
          '... and its other rows are rolled back with it');

SELECT tests.act_as('live');
SELECT throws_ok($$ SELECT * FROM monay.purge_closed_tenants() $$, '42501', NULL, 'the application cannot run it (42501)');
SELECT tests.act_as_tenant_job('live');
SELECT throws_ok($$ SELECT * FROM monay.purge_closed_tenants() $$, '42501', NULL,
                 'monay_platform in a tenant context cannot (42501)');
SELECT tests.act_as_forger('live', true);
SELECT throws_ok($$ SELECT * FROM monay.purge_closed_tenants() $$, '42501', NULL, 'a forged platform context cannot (42501)');
SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay.zz_a_parent WHERE tenant_id = tests.id('blocked')), 1::bigint,
          'the blocked tenant still has its data');

SELECT * FROM finish();
ROLLBACK;
