-- The isolation matrix: every tenancy table x every command x every kind of context.
--
-- Two layers are proven:
--   app:     what monay_app / monay_platform may do with the tables directly. These
--            tables are written only through functions (DESIGN.md 4): SELECT is
--            filtered by RLS; INSERT/UPDATE/DELETE have no grant (42501).
--   definer: what RLS lets monay_owner do, i.e. any SECURITY DEFINER function of
--            ours, since FORCE RLS holds for the owner: own tenant allowed, another
--            tenant invisible (0 rows) or refused (42501 on INSERT), no context and a
--            forged context see and change nothing, the platform context everything.
-- Each statement runs in a subtransaction that is rolled back, so cases do not
-- affect each other; the result is the row count or the SQLSTATE. "ALL" means
-- the same result the superuser (no RLS) gets for that statement.
--
-- Contexts: own = authenticated as a's owner, statement aimed at tenant a;
-- other = same context, aimed at tenant b; none = no context (aimed at a);
-- forged = set_config context of a's owner (aimed at a); forged_platform =
-- set_config platform flag (aimed at b); platform = set_platform_context (aimed at b).
--
-- Documented exceptions: audit_log's INSERT policy is WITH CHECK (true) (triggers
-- and the durable security-event writer insert rows of any tenant, or none),
-- so the definer may insert in every context; its UPDATE and DELETE policies
-- are false (0 rows everywhere; the append-only trigger covers the rest).
-- tenants: a fresh tenant id is inside no tenant's range, so only the platform
-- may INSERT; DELETE of tenant a reaches the foreign keys (23503), meaning RLS let it through.
BEGIN;

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.add_member('a', 'a_member');
SELECT tests.make_user('newbie');
-- vault tables: a and b have their vault (trigger); one address each
INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index, address, purpose)
SELECT tests.id(n), tests.vault_base(n) || '/0''/0''', 0, 0, tests.vault_address('matrix_' || n), 'deposit'
FROM unnest(ARRAY['a', 'b']) AS n;
-- the platform tables (006): one row of each in tenants a and b
SELECT tests.make_wallet(t, 'iso-' || t) FROM unnest(ARRAY['a', 'b']) t;
INSERT INTO monay.cards (tenant_id, user_id, wallet_id, brand, last4, expires_on)
SELECT tests.id(t), tests.user_id(t || '_owner'), tests.wallet_id('iso-' || t), 'visa', '4242', '2030-01-01'
FROM unnest(ARRAY['a', 'b']) t;
INSERT INTO monay.invoices (tenant_id, user_id, invoice_number, customer_name, amount_cents)
SELECT tests.id(t), tests.user_id(t || '_owner'), 'ISO-1', 'customer', 100 FROM unnest(ARRAY['a', 'b']) t;
INSERT INTO monay.transactions (tenant_id, wallet_id, kind, amount_cents)
SELECT tests.id(t), tests.wallet_id('iso-' || t), 'deposit', 100 FROM unnest(ARRAY['a', 'b']) t;
-- groups: one holding per tenant (fixed ids), its parent member, a grant to a third tenant.
SELECT tests.make_tenant('gm_c');
INSERT INTO monay.groups (tenant_id, id, kind, name, member_count)
SELECT t, md5('matrix-group:' || t)::uuid, 'holding_company', 'matrix', 1 FROM (VALUES (tests.id('a')), (tests.id('b'))) v (t);
INSERT INTO monay.group_members (tenant_id, group_id, group_kind, role, member_tenant_id)
SELECT t, md5('matrix-group:' || t)::uuid, 'holding_company', 'parent', t FROM (VALUES (tests.id('a')), (tests.id('b'))) v (t);
INSERT INTO monay.treasury_access_grants (tenant_id, group_id, wallet_id, grantee_tenant_id, access, expires_at)
SELECT t, md5('matrix-group:' || t)::uuid, tests.wallet_id('iso-' || CASE t WHEN tests.id('a') THEN 'a' ELSE 'b' END), tests.id('gm_c'), 'read', now() + interval '1 day'
FROM (VALUES (tests.id('a')), (tests.id('b'))) v (t);

CREATE FUNCTION pg_temp.try(p_sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_n bigint;
BEGIN
    BEGIN
        EXECUTE p_sql;
        GET DIAGNOSTICS v_n = ROW_COUNT;
        RAISE EXCEPTION USING ERRCODE = 'P0099', MESSAGE = v_n::text;
    EXCEPTION WHEN OTHERS THEN
        RETURN CASE WHEN SQLSTATE = 'P0099' THEN SQLERRM ELSE SQLSTATE END;
    END;
END $$;

CREATE FUNCTION pg_temp.enter(p_ctx text, p_layer text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    CASE p_ctx
        WHEN 'own', 'other' THEN PERFORM tests.act_as('a');
        WHEN 'none' THEN PERFORM tests.act_as_nobody();
        WHEN 'forged' THEN PERFORM tests.act_as_forger('a');
        WHEN 'forged_platform' THEN PERFORM tests.act_as_forger('a', true);
        WHEN 'platform' THEN PERFORM tests.act_as_platform();
    END CASE;
    IF p_layer = 'definer' THEN
        PERFORM tests.act_as_definer();
    END IF;
END $$;

CREATE FUNCTION pg_temp.run_case(p_ctx text, p_layer text, p_sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_result text;
BEGIN
    PERFORM pg_temp.enter(p_ctx, p_layer);
    v_result := pg_temp.try(p_sql);
    PERFORM tests.as_superuser();
    RETURN v_result;
END $$;

CREATE TEMP TABLE stmts (tbl text, cmd text, sql text);
INSERT INTO stmts VALUES
    ('tenant_users', 'SELECT', 'SELECT 1 FROM monay.tenant_users WHERE tenant_id = %L'),
    ('tenant_users', 'INSERT', 'INSERT INTO monay.tenant_users (tenant_id, user_id, role) VALUES (%L, tests.user_id(''newbie''), ''viewer'')'),
    ('tenant_users', 'UPDATE', 'UPDATE monay.tenant_users SET role = role WHERE tenant_id = %L'),
    ('tenant_users', 'DELETE', 'DELETE FROM monay.tenant_users WHERE tenant_id = %L'),
    ('tenant_tier_history', 'SELECT', 'SELECT 1 FROM monay.tenant_tier_history WHERE tenant_id = %L'),
    ('tenant_tier_history', 'INSERT', 'INSERT INTO monay.tenant_tier_history VALUES (%L, now() + interval ''1 day'', ''free'', 0, NULL)'),
    ('tenant_tier_history', 'UPDATE', 'UPDATE monay.tenant_tier_history SET changed_by = changed_by WHERE tenant_id = %L'),
    ('tenant_tier_history', 'DELETE', 'DELETE FROM monay.tenant_tier_history WHERE tenant_id = %L'),
    ('audit_log', 'SELECT', 'SELECT 1 FROM monay.audit_log WHERE tenant_id = %L'),
    ('audit_log', 'INSERT', 'INSERT INTO monay.audit_log (tenant_id, action) VALUES (%L, ''INSERT'')'),
    ('audit_log', 'UPDATE', 'UPDATE monay.audit_log SET detail = detail WHERE tenant_id = %L'),
    ('audit_log', 'DELETE', 'DELETE FROM monay.audit_log WHERE tenant_id = %L'),
    ('tenants', 'SELECT', 'SELECT 1 FROM monay.tenants WHERE id = %L'),
    ('tenants', 'INSERT', 'INSERT INTO monay.tenants (id, name) SELECT gen_random_uuid(), ''new'' WHERE %L IS NOT NULL'),
    ('tenants', 'UPDATE', 'UPDATE monay.tenants SET name = name WHERE id = %L'),
    ('tenants', 'DELETE', 'DELETE FROM monay.tenants WHERE id = %L'),
    ('tenant_vaults', 'SELECT', 'SELECT 1 FROM monay.tenant_vaults WHERE tenant_id = %L'),
    ('tenant_vaults', 'INSERT', 'INSERT INTO monay.tenant_vaults (tenant_id, account_index, base_path) SELECT tenant_id, account_index, base_path FROM monay_private.vault_account_allocations CROSS JOIN LATERAL (SELECT ''m/44''''/501''''/'' || account_index || '''''''' AS base_path) x WHERE tenant_id = %L'),
    ('tenant_vaults', 'UPDATE', 'UPDATE monay.tenant_vaults SET key_version = key_version WHERE tenant_id = %L'),
    ('tenant_vaults', 'DELETE', 'DELETE FROM monay.tenant_vaults WHERE tenant_id = %L'),
    ('wallet_addresses', 'SELECT', 'SELECT 1 FROM monay.wallet_addresses WHERE tenant_id = %L'),
    ('wallet_addresses', 'INSERT', 'INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index, address, purpose) VALUES (%L, ''m/44''''/501''''/0''''/0''''/9'''''', 0, 9, ''11111111111111111111111111111111'', ''deposit'')'),
    ('wallet_addresses', 'UPDATE', 'UPDATE monay.wallet_addresses SET purpose = purpose WHERE tenant_id = %L'),
    ('wallet_addresses', 'DELETE', 'DELETE FROM monay.wallet_addresses WHERE tenant_id = %L'),
    ('wallets', 'SELECT', 'SELECT 1 FROM monay.wallets WHERE tenant_id = %L'),
    ('wallets', 'INSERT', 'INSERT INTO monay.wallets (tenant_id, user_id) VALUES (%L, tests.user_id(''a_owner''))'),
    ('wallets', 'UPDATE', 'UPDATE monay.wallets SET status = status WHERE tenant_id = %L'),
    ('wallets', 'DELETE', 'DELETE FROM monay.wallets WHERE tenant_id = %L'),
    ('cards', 'SELECT', 'SELECT 1 FROM monay.cards WHERE tenant_id = %L'),
    ('cards', 'INSERT', 'INSERT INTO monay.cards (tenant_id, user_id, wallet_id, brand, last4, expires_on) VALUES (%1$L, tests.user_id(''a_owner''), md5(''wallet:iso-'' || CASE %1$L::uuid WHEN tests.id(''a'') THEN ''a'' ELSE ''b'' END)::uuid, ''visa'', ''0000'', ''2031-01-01'')'),
    ('cards', 'UPDATE', 'UPDATE monay.cards SET status = status WHERE tenant_id = %L'),
    ('cards', 'DELETE', 'DELETE FROM monay.cards WHERE tenant_id = %L'),
    ('invoices', 'SELECT', 'SELECT 1 FROM monay.invoices WHERE tenant_id = %L'),
    ('invoices', 'INSERT', 'INSERT INTO monay.invoices (tenant_id, user_id, invoice_number, customer_name, amount_cents) VALUES (%L, tests.user_id(''a_owner''), ''ISO-2'', ''c'', 1)'),
    ('invoices', 'UPDATE', 'UPDATE monay.invoices SET status = status WHERE tenant_id = %L'),
    ('invoices', 'DELETE', 'DELETE FROM monay.invoices WHERE tenant_id = %L'),
    ('transactions', 'SELECT', 'SELECT 1 FROM monay.transactions WHERE tenant_id = %L'),
    ('transactions', 'INSERT', 'INSERT INTO monay.transactions (tenant_id, wallet_id, kind, amount_cents) VALUES (%1$L, md5(''wallet:iso-'' || CASE %1$L::uuid WHEN tests.id(''a'') THEN ''a'' ELSE ''b'' END)::uuid, ''deposit'', 1)'),
    ('transactions', 'UPDATE', 'UPDATE monay.transactions SET status = status WHERE tenant_id = %L'),
    ('transactions', 'DELETE', 'DELETE FROM monay.transactions WHERE tenant_id = %L'),
    ('groups', 'SELECT', 'SELECT 1 FROM monay.groups WHERE tenant_id = %L'),
    ('groups', 'INSERT', 'INSERT INTO monay.groups (tenant_id, kind, name) VALUES (%L, ''holding_company'', ''new'')'),
    ('groups', 'UPDATE', 'UPDATE monay.groups SET name = name WHERE tenant_id = %L'),
    ('groups', 'DELETE', 'DELETE FROM monay.groups WHERE tenant_id = %L'),
    ('group_members', 'SELECT', 'SELECT 1 FROM monay.group_members WHERE tenant_id = %L'),
    ('group_members', 'INSERT', 'INSERT INTO monay.group_members (tenant_id, group_id, group_kind, role, member_tenant_id) SELECT t, md5(''matrix-group:'' || t)::uuid, ''holding_company'', ''subsidiary'', tests.id(''gm_c'') FROM (VALUES (%L::uuid)) v (t)'),
    ('group_members', 'UPDATE', 'UPDATE monay.group_members SET role = role WHERE tenant_id = %L'),
    ('group_members', 'DELETE', 'DELETE FROM monay.group_members WHERE tenant_id = %L'),
    ('treasury_access_grants', 'SELECT', 'SELECT 1 FROM monay.treasury_access_grants WHERE tenant_id = %L'),
    ('treasury_access_grants', 'INSERT', 'INSERT INTO monay.treasury_access_grants (tenant_id, group_id, wallet_id, grantee_tenant_id, access, expires_at) SELECT t, md5(''matrix-group:'' || t)::uuid, md5(''wallet:iso-'' || CASE t WHEN tests.id(''a'') THEN ''a'' ELSE ''b'' END)::uuid, tests.id(''gm_c''), ''read'', now() + interval ''1 day'' FROM (VALUES (%L::uuid)) v (t)'),
    ('treasury_access_grants', 'UPDATE', 'UPDATE monay.treasury_access_grants SET spent_cents = spent_cents WHERE tenant_id = %L'),
    ('treasury_access_grants', 'DELETE', 'DELETE FROM monay.treasury_access_grants WHERE tenant_id = %L');

CREATE TEMP TABLE expect (layer text, tbl text, cmd text, ctx text, expected text);
-- definer layer: the general rule, then the documented exceptions.
INSERT INTO expect
SELECT 'definer', s.tbl, s.cmd, c.ctx,
       CASE WHEN c.ctx IN ('own', 'platform') THEN (CASE s.cmd WHEN 'INSERT' THEN '1' ELSE 'ALL' END)
            WHEN s.cmd = 'INSERT' THEN '42501'
            ELSE '0' END
FROM stmts s CROSS JOIN unnest(ARRAY['own', 'other', 'none', 'forged', 'forged_platform', 'platform']) AS c (ctx);
UPDATE expect SET expected = '1' WHERE tbl = 'audit_log' AND cmd = 'INSERT';
UPDATE expect SET expected = '0' WHERE tbl = 'audit_log' AND cmd IN ('UPDATE', 'DELETE');
UPDATE expect SET expected = '42501' WHERE tbl = 'tenants' AND cmd = 'INSERT' AND ctx = 'own';
-- tenant_vaults: one vault per tenant, so a second one for a or b passes RLS and stops at the key (23505);
-- DELETE of a vault with an address reaches the foreign key (23503).
UPDATE expect SET expected = '23505' WHERE tbl = 'tenant_vaults' AND cmd = 'INSERT' AND ctx IN ('own', 'platform');
UPDATE expect SET expected = '23503' WHERE tbl = 'tenant_vaults' AND cmd = 'DELETE' AND ctx IN ('own', 'platform');
-- app layer: SELECT in every context; writes (no grant) for the app and the platform role.
INSERT INTO expect
SELECT 'app', s.tbl, s.cmd, c.ctx,
       CASE WHEN s.cmd <> 'SELECT' THEN '42501'
            WHEN c.ctx IN ('own', 'platform') THEN 'ALL'
            ELSE '0' END
FROM stmts s CROSS JOIN unnest(ARRAY['own', 'other', 'none', 'forged', 'forged_platform', 'platform']) AS c (ctx)
WHERE s.cmd = 'SELECT' OR c.ctx IN ('own', 'platform');

CREATE TEMP TABLE cases AS
SELECT row_number() OVER (ORDER BY e.layer DESC, s.tbl, array_position(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'], s.cmd),
                                   array_position(ARRAY['own', 'other', 'none', 'forged', 'forged_platform', 'platform'], e.ctx)) AS n,
       e.layer, e.tbl, e.cmd, e.ctx, e.expected,
       format(s.sql, CASE WHEN e.ctx IN ('own', 'none', 'forged') THEN tests.id('a') ELSE tests.id('b') END) AS stmt
FROM expect e JOIN stmts s USING (tbl, cmd);
-- "ALL": what the superuser (no RLS) gets for the same statement.
UPDATE cases SET expected = pg_temp.try(stmt) WHERE expected = 'ALL';
GRANT SELECT ON cases TO PUBLIC;

SELECT plan((SELECT count(*)::int FROM cases) + 3);

SELECT ok((SELECT count(*) FROM cases WHERE layer = 'definer' AND cmd = 'SELECT' AND ctx = 'own' AND expected::int > 0)
          = (SELECT count(DISTINCT tbl) FROM stmts),
          'the fixtures give tenant a rows in every table of the matrix (it cannot pass empty)');
SELECT ok((SELECT count(*) FROM cases WHERE layer = 'definer' AND cmd = 'SELECT' AND ctx = 'platform' AND expected::int > 0)
          = (SELECT count(DISTINCT tbl) FROM stmts),
          'and tenant b too');
SELECT is(pg_temp.run_case(c.ctx, c.layer, c.stmt), c.expected,
          format('%s %s %s, %s context: %s', c.layer, c.cmd, c.tbl, c.ctx,
                 CASE c.expected WHEN '0' THEN 'nothing' WHEN '42501' THEN 'refused (42501)'
                                 WHEN '23503' THEN 'allowed by RLS, stopped by a foreign key'
                                 WHEN '23505' THEN 'allowed by RLS, stopped by a unique key'
                                 ELSE c.expected || ' row(s)' END))
FROM cases c ORDER BY c.n;
SELECT is(monay.current_tenant_id(), NULL, 'the matrix leaves no context behind');

SELECT * FROM finish();
ROLLBACK;
