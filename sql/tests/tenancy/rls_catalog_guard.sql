-- Catalog guard: every table of schema monay with a tenant_id column (now or
-- added later by any migration) must
--   1. have row-level security ENABLED and FORCED,
--   2. have a policy for each of SELECT, INSERT, UPDATE and DELETE (FOR ALL counts for each),
--   3. have tenant_id NOT NULL, unless allow-listed below,
--   4. (tenant-scoped tables, i.e. not allow-listed) have a primary key that includes tenant_id,
--   5. (tenant-scoped tables) use the standard policy on every command:
--      tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()),
--      possibly widened by a documented OR (see the allow-list of extensions),
--      or deny everything (USING (false): append-only tables).
-- Partitions are checked through their parent (RLS applies when the parent is
-- queried) and must grant nothing to our roles themselves (6).
-- The guard proves it can fail: a bad table created in this transaction is reported.
BEGIN;
SELECT plan(14);

-- Tables whose tenant_id may be NULL: not tenant-scoped, each with its reason.
CREATE TEMP TABLE nullable_tenant_id_allowed (tbl text PRIMARY KEY, reason text NOT NULL);
INSERT INTO nullable_tenant_id_allowed VALUES
    ('audit_log', 'security events and settings changes concern no tenant; its policies are its own (append-only, '
                  'INSERT WITH CHECK (true) for triggers and the durable writer, SELECT for the row''s tenant or the platform)');

-- Policies allowed to widen the standard range with an OR, each with its reason.
CREATE TEMP TABLE policy_extensions_allowed (tbl text, cmd text, reason text NOT NULL, PRIMARY KEY (tbl, cmd));
INSERT INTO policy_extensions_allowed VALUES
    ('tenant_users', 'SELECT', 'a user sees their own memberships in every tenant (tenant selector, authenticate)'),
    ('groups', 'SELECT', 'a group''s members and the owners of its ancestors see its record (docs/groups.md, Visibility)'),
    ('group_members', 'SELECT', 'a member sees its own member row; owners of ancestor groups see their subtree''s members'),
    ('treasury_access_grants', 'SELECT', 'the grantee (user or tenant of the context) sees the grants made to it'),
    ('treasury_access_grants', 'UPDATE', 'the grantee consumes its spend limit (monay_private.treasury_grant_spend)'),
    ('group_bill_lines', 'SELECT', 'the payer of a consolidated bill sees the member lines it pays'),
    ('wallets', 'SELECT', 'the grantee of an active treasury grant sees exactly the granted wallet (017)'),
    ('transactions', 'SELECT', 'the grantee of an active treasury grant sees the granted wallet''s transactions (017)');

CREATE FUNCTION pg_temp.scoped_tables() RETURNS TABLE (oid oid, tbl text, nullable boolean)
    LANGUAGE sql STABLE AS $$
    SELECT c.oid, c.relname::text, NOT a.attnotnull
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'monay' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
$$;

CREATE FUNCTION pg_temp.offenders(p_rule int) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM (
        -- 1. RLS enabled and forced
        SELECT s.tbl AS x FROM pg_temp.scoped_tables() s JOIN pg_class c ON c.oid = s.oid
        WHERE p_rule = 1 AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
        UNION ALL
        -- 2. a policy per command
        SELECT s.tbl || ' ' || cmd.name FROM pg_temp.scoped_tables() s
        CROSS JOIN (VALUES ('r', 'SELECT'), ('a', 'INSERT'), ('w', 'UPDATE'), ('d', 'DELETE')) AS cmd (code, name)
        WHERE p_rule = 2 AND NOT EXISTS (
            SELECT 1 FROM pg_policy p WHERE p.polrelid = s.oid AND p.polcmd IN (cmd.code::"char", '*'))
        UNION ALL
        -- 3. tenant_id NOT NULL unless allow-listed
        SELECT s.tbl FROM pg_temp.scoped_tables() s
        WHERE p_rule = 3 AND s.nullable AND s.tbl NOT IN (SELECT tbl FROM nullable_tenant_id_allowed)
        UNION ALL
        -- 4. the primary key of a tenant-scoped table includes tenant_id
        SELECT s.tbl FROM pg_temp.scoped_tables() s
        WHERE p_rule = 4 AND s.tbl NOT IN (SELECT tbl FROM nullable_tenant_id_allowed)
          AND NOT EXISTS (
            SELECT 1 FROM pg_constraint k
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) AND a.attname = 'tenant_id'
            WHERE k.conrelid = s.oid AND k.contype = 'p')
        UNION ALL
        -- 5. every policy of a tenant-scoped table carries the standard range on tenant_id
        SELECT s.tbl || ' ' || p.polname FROM pg_temp.scoped_tables() s
        JOIN pg_policy p ON p.polrelid = s.oid
        CROSS JOIN LATERAL (SELECT coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' | '
                                   || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') AS e) x
        WHERE p_rule = 5 AND s.tbl NOT IN (SELECT tbl FROM nullable_tenant_id_allowed)
          -- a deny-all policy (false) is stricter than the range: fine
          AND NOT (coalesce(pg_get_expr(p.polqual, p.polrelid), 'false') = 'false'
                   AND coalesce(pg_get_expr(p.polwithcheck, p.polrelid), 'false') = 'false')
          AND NOT (
                -- every expression present (USING and/or WITH CHECK) holds the range
                (p.polqual IS NULL OR pg_get_expr(p.polqual, p.polrelid)
                    ~ 'tenant_id >= \( SELECT monay\.rls_tenant_low\(\).*tenant_id <= \( SELECT monay\.rls_tenant_high\(\)')
            AND (p.polwithcheck IS NULL OR pg_get_expr(p.polwithcheck, p.polrelid)
                    ~ 'tenant_id >= \( SELECT monay\.rls_tenant_low\(\).*tenant_id <= \( SELECT monay\.rls_tenant_high\(\)')
            -- and it is the whole expression, or a documented widening
            AND (x.e !~* '\mOR\M' OR EXISTS (
                    SELECT 1 FROM policy_extensions_allowed pe
                    WHERE pe.tbl = s.tbl AND pe.cmd = CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT'
                                                                    WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END))
            AND p.polpermissive)
        UNION ALL
        -- 6. partitions grant nothing to our roles (access goes through the parent's RLS)
        SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE p_rule = 6 AND n.nspname = 'monay' AND c.relispartition
          AND EXISTS (SELECT 1 FROM unnest(ARRAY['monay_app', 'monay_platform', 'monay_readonly']) r
                      WHERE has_table_privilege(r, c.oid, 'SELECT,INSERT,UPDATE,DELETE'))
          AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
    ) o
$$;

SELECT ok((SELECT count(*) FROM pg_temp.scoped_tables() WHERE tbl IN ('tenant_users', 'tenant_tier_history', 'audit_log')) = 3,
          'the guard finds the tenancy tables (it cannot pass vacuously)');
SELECT ok((SELECT count(*) FROM pg_temp.scoped_tables() WHERE tbl IN ('tenant_vaults', 'wallet_addresses')) = 2,
          'the guard finds the vault tables');
SELECT ok((SELECT count(*) FROM pg_temp.scoped_tables() WHERE tbl IN ('wallets', 'cards', 'invoices', 'transactions')) = 4,
          'the guard finds the platform tables (006)');
SELECT is(pg_temp.offenders(1), '{}', 'every table with tenant_id has RLS enabled and forced');
SELECT is(pg_temp.offenders(2), '{}', 'every table with tenant_id has a SELECT, INSERT, UPDATE and DELETE policy');
SELECT is(pg_temp.offenders(3), '{}', 'tenant_id is NOT NULL everywhere but the documented allow-list (audit_log)');
SELECT is(pg_temp.offenders(4), '{}', 'every tenant-scoped table''s primary key includes tenant_id');
SELECT is(pg_temp.offenders(5), '{}', 'every policy of a tenant-scoped table is the standard tenant_id range (or a documented widening)');
SELECT is(pg_temp.offenders(6), '{}', 'no partition grants our roles access around its parent''s RLS');

-- The guard can fail: a table added "later" the wrong way is reported by every rule.
SET LOCAL ROLE monay_owner;
CREATE TABLE monay.zz_bad (id int PRIMARY KEY, tenant_id uuid);
CREATE TABLE monay.zz_half (tenant_id uuid NOT NULL, id int, PRIMARY KEY (tenant_id, id));
ALTER TABLE monay.zz_half ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.zz_half FORCE ROW LEVEL SECURITY;
CREATE POLICY zz_half_select ON monay.zz_half FOR SELECT USING (true);
RESET ROLE;
SELECT ok('zz_bad' = ANY (pg_temp.offenders(1)) AND 'zz_half' <> ALL (pg_temp.offenders(1)),
          'rule 1 reports a table without RLS');
SELECT ok('zz_half INSERT' = ANY (pg_temp.offenders(2)) AND 'zz_half SELECT' <> ALL (pg_temp.offenders(2)),
          'rule 2 reports each missing command');
SELECT ok('zz_bad' = ANY (pg_temp.offenders(3)), 'rule 3 reports a nullable tenant_id');
SELECT ok('zz_bad' = ANY (pg_temp.offenders(4)) AND 'zz_half' <> ALL (pg_temp.offenders(4)),
          'rule 4 reports a primary key without tenant_id');
SELECT ok('zz_half zz_half_select' = ANY (pg_temp.offenders(5)), 'rule 5 reports a policy that is not the tenant range');

SELECT * FROM finish();
ROLLBACK;
