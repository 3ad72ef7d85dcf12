-- sql/functions/tenancy/purge_closed_tenants.sql
CREATE OR REPLACE FUNCTION monay.purge_closed_tenants(
    p_limit integer DEFAULT 100
)
    RETURNS TABLE (tenant_id uuid, tenant_code text, deleted_rows jsonb, error text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The platform job that deletes the data of closed tenants whose retention
   has passed (status 'closed', purge_after <= now(), purged_at NULL), at most
   p_limit tenants per call, oldest purge_after first. One row per tenant:
   deleted_rows = {table: rows deleted} and error NULL, or deleted_rows NULL and
   error = 'SQLSTATE: message' when that tenant's purge failed (it is rolled
   back alone and retried by the next run; the others go on).
   What is deleted: the tenant's rows (tenant_id = the tenant) in EVERY table
   of schema monay that has a tenant_id column, found in the catalog at each
   run, so tables added later are covered without a change here; partitioned
   tables through their parent. Kept: monay.audit_log (append-only, always)
   and every table listed in monay_private.purge_retained_tables (accounting:
   the billing domain lists its tables there). Order: a table is emptied
   before any table it references (foreign keys among the purged tables,
   topologically sorted; self-references are fine in one DELETE). The
   tenants row itself stays, marked purged_at = now(): codes stay unique and
   retained rows keep their foreign key. Membership deletions are audited.
   A table whose DELETE policy leaves some of the tenant's rows in place
   (USING (false) on an append-only table not listed as retained) fails that
   tenant with MT308 instead of marking it purged with data left behind.
   Idempotent: a purged tenant is never selected again; concurrent runs skip
   each other's tenants (FOR UPDATE SKIP LOCKED). Platform context only.
   Raises:
     42501 not the platform context
     22023 p_limit NULL or below 1 */
DECLARE
    v_tables  text[];
    v_order   text[] := '{}'::text[];
    v_ready   text[];
    v_tenant  record;
    v_table   text;
    v_count   bigint;
    v_counts  jsonb;
BEGIN
    PERFORM monay_private.require_platform('purge_closed_tenants');
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'purge_closed_tenants: p_limit must be at least 1, got %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;

    -- Tables to purge: schema monay, a tenant_id column, not retained.
    SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') INTO v_tables
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                                  AND NOT a.attisdropped AND a.attnum > 0
    WHERE n.nspname = 'monay' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname <> 'audit_log'
      AND c.relname NOT IN (SELECT r.table_name FROM monay_private.purge_retained_tables r);

    -- FK-safe order (Kahn): take the tables that no remaining table references.
    WHILE cardinality(v_tables) > 0 LOOP
        SELECT coalesce(array_agg(t ORDER BY t), '{}') INTO v_ready
        FROM unnest(v_tables) AS t
        WHERE NOT EXISTS (
            SELECT 1 FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class child ON child.oid = k.conrelid
            WHERE k.contype = 'f'
              AND k.confrelid = ('monay.' || quote_ident(t))::regclass
              AND k.conrelid <> k.confrelid
              AND child.relname::text = ANY (v_tables)
              AND child.relnamespace = 'monay'::regnamespace);
        IF cardinality(v_ready) = 0 THEN
            -- A cycle of foreign keys: no safe order exists; try the rest as they
            -- come (a failing tenant is reported, not half-purged).
            v_ready := v_tables;
        END IF;
        v_order := v_order || v_ready;
        SELECT coalesce(array_agg(t), '{}') INTO v_tables FROM unnest(v_tables) AS t WHERE t <> ALL (v_ready);
    END LOOP;

    FOR v_tenant IN
        SELECT t.id, t.tenant_code FROM monay.tenants t
        WHERE t.status = 'closed' AND t.purge_after <= now() AND t.purged_at IS NULL
        ORDER BY t.purge_after, t.id
        LIMIT p_limit
        FOR NO KEY UPDATE SKIP LOCKED
    LOOP
        tenant_id := v_tenant.id;
        tenant_code := v_tenant.tenant_code;
        BEGIN
            v_counts := '{}';
            FOREACH v_table IN ARRAY v_order LOOP
                EXECUTE format('DELETE FROM monay.%I WHERE tenant_id = $1', v_table) USING v_tenant.id;
                GET DIAGNOSTICS v_count = ROW_COUNT;
                IF v_count > 0 THEN
                    v_counts := v_counts || jsonb_build_object(v_table, v_count);
                END IF;
                -- Rows a DELETE policy refused (e.g. USING (false) on an append-only
                -- table) would survive silently: refuse to call the tenant purged.
                EXECUTE format('SELECT count(*) FROM monay.%I WHERE tenant_id = $1', v_table)
                    INTO v_count USING v_tenant.id;
                IF v_count > 0 THEN
                    RAISE EXCEPTION 'table monay.% kept % row(s) of tenant % that its DELETE policy refuses',
                        v_table, v_count, v_tenant.id
                        USING ERRCODE = 'MT308',
                              HINT = 'List the table in monay_private.purge_retained_tables, or let the platform context delete it.';
                END IF;
            END LOOP;
            UPDATE monay.tenants t SET purged_at = now() WHERE t.id = v_tenant.id;
            deleted_rows := v_counts;
            error := NULL;
        EXCEPTION WHEN OTHERS THEN
            deleted_rows := NULL;
            error := SQLSTATE || ': ' || SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION monay.purge_closed_tenants(integer) IS
    'Platform job: deletes closed tenants'' data after purge_after (catalog-driven, FK-safe; keeps audit and retained tables).';
REVOKE ALL ON FUNCTION monay.purge_closed_tenants(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.purge_closed_tenants(integer) TO monay_platform;
