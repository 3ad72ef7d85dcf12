-- Undo 004_groups_management, in reverse order: the functions of
-- sql/functions/groups (they depend on these tables), the settings and seed
-- rows, the tables.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

DELETE FROM monay.settings WHERE key IN ('HOUSEHOLD_BILLING_AGGREGATION', 'HOLDING_COMPANY_TREASURY');

SET LOCAL ROLE monay_owner;

-- Every function of the groups domain, found by name so that a file added
-- later is covered as well (triggers go with their tables below).
DO $$
DECLARE
    v_fn regprocedure;
BEGIN
    FOR v_fn IN
        SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE (n.nspname, p.proname) IN (
            ('monay', 'create_household_group'), ('monay', 'create_holding_company'),
            ('monay', 'add_group_member'), ('monay', 'remove_group_member'), ('monay', 'move_group'),
            ('monay', 'get_group_hierarchy'), ('monay', 'calculate_group_limits'),
            ('monay', 'share_treasury_access'), ('monay', 'revoke_treasury_access'),
            ('monay', 'aggregate_group_billing'))
           OR (n.nspname = 'monay_private' AND (p.proname LIKE 'group\_%' OR p.proname LIKE 'treasury\_%'
                                                OR p.proname = 'create_default_groups'))
    LOOP
        EXECUTE format('DROP FUNCTION %s CASCADE', v_fn);
    END LOOP;
END
$$;

DROP TABLE monay.treasury_access_grants;
DROP TABLE monay_private.group_paths;
-- groups' SELECT policy reads group_members: it goes first.
DROP POLICY groups_select ON monay.groups;
DROP TABLE monay.group_members;
DROP TABLE monay.groups;
DROP FUNCTION monay.rls_group_subtree();
DROP TABLE monay.group_member_roles;
DROP TABLE monay.group_kinds;
