-- RLS through one helper: monay_private.apply_rls(table, pattern) enables and forces
-- row-level security on a table and gives it one policy per command from a few named
-- patterns, so the tenant-range predicate is written once. Migrations call it for every
-- new table (README, development: "add a table"); 013 recreates the older tables'
-- policies through it. It lives in a migration because migrations run before the
-- function files are applied.
-- depends: 003_tenant_management

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';
SET LOCAL ROLE monay_owner;

CREATE FUNCTION monay_private.apply_rls(
    p_table         regclass
    , p_pattern     text
    , p_column      name DEFAULT 'tenant_id'
    , p_select_also text DEFAULT NULL
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Patterns (T = p_column BETWEEN rls_tenant_low() AND rls_tenant_high(): the context's
   tenant, or every tenant in the platform context; P = the platform context):
     tenant_read_write   select T, insert T, update T/T, delete T
     tenant_no_delete    select T, insert T, update T/T, delete never
     tenant_append_only  select T, insert T, update never, delete never
     platform_config     select everyone, insert/update/delete P   (configuration)
     platform_no_delete  select P, insert P, update P/P, delete never (platform records)
   p_select_also widens SELECT only: "T OR (p_select_also)". Existing policies of the
   table are replaced (in the caller's transaction: the swap is atomic); each policy is
   named <table>_<command> and commented with its pattern. Raises 22023 on an unknown
   pattern. Called by migrations, as the table's owner. */
DECLARE
    v_t    text := format('%I BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())',
                          p_column);
    v_p    text := '(SELECT monay.is_platform_context())';
    v_rule text[];  -- select, insert, update-using, update-check, delete
    v_name text := (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = p_table);
    v_pol  record;
BEGIN
    v_rule := CASE p_pattern
        WHEN 'tenant_read_write'  THEN ARRAY[v_t, v_t, v_t, v_t, v_t]
        WHEN 'tenant_no_delete'   THEN ARRAY[v_t, v_t, v_t, v_t, 'false']
        WHEN 'tenant_append_only' THEN ARRAY[v_t, v_t, 'false', NULL, 'false']
        WHEN 'platform_config'    THEN ARRAY['true', v_p, v_p, v_p, v_p]
        WHEN 'platform_no_delete' THEN ARRAY[v_p, v_p, v_p, v_p, 'false']
    END;
    IF v_rule IS NULL THEN
        RAISE EXCEPTION 'unknown RLS pattern %', quote_nullable(p_pattern) USING ERRCODE = '22023',
            HINT = 'tenant_read_write, tenant_no_delete, tenant_append_only, platform_config, platform_no_delete';
    END IF;
    IF p_select_also IS NOT NULL THEN
        v_rule[1] := format('%s OR (%s)', v_rule[1], p_select_also);
    END IF;
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', p_table);
    FOR v_pol IN SELECT pol.polname FROM pg_catalog.pg_policy pol WHERE pol.polrelid = p_table LOOP
        EXECUTE format('DROP POLICY %I ON %s', v_pol.polname, p_table);
    END LOOP;
    EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (%s)', v_name || '_select', p_table, v_rule[1]);
    EXECUTE format('CREATE POLICY %I ON %s FOR INSERT WITH CHECK (%s)', v_name || '_insert', p_table, v_rule[2]);
    EXECUTE format('CREATE POLICY %I ON %s FOR UPDATE USING (%s)%s', v_name || '_update', p_table, v_rule[3],
                   CASE WHEN v_rule[4] IS NOT NULL THEN format(' WITH CHECK (%s)', v_rule[4]) ELSE '' END);
    EXECUTE format('CREATE POLICY %I ON %s FOR DELETE USING (%s)', v_name || '_delete', p_table, v_rule[5]);
    EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', v_name || '_select', p_table,
                   p_pattern || CASE WHEN p_select_also IS NOT NULL THEN ' (select widened)' ELSE '' END);
    EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', v_name || '_insert', p_table, p_pattern);
    EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', v_name || '_update', p_table, p_pattern);
    EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', v_name || '_delete', p_table, p_pattern);
END;
$$;

COMMENT ON FUNCTION monay_private.apply_rls(regclass, text, name, text) IS
    'Migration helper: RLS enabled, forced, one policy per command from a named pattern.';
REVOKE ALL ON FUNCTION monay_private.apply_rls(regclass, text, name, text) FROM PUBLIC;

RESET ROLE;
