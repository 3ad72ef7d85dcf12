-- Monitoring: schema monay_monitor with the metric views that postgres_exporter
-- scrapes (monitoring/queries.yaml), the least-privilege role monay_monitor that
-- may read those views and nothing else. Billing failures are counted from
-- monay_private.billing_failures (008's durable record).
--
-- Every view returns aggregates, never one tenant's rows. Views that need rows
-- under FORCEd row-level security (audit_log, billing_runs, billing_metrics) or
-- a privilege the monitor must not hold (dblink, every role's statement
-- statistics) read through a SECURITY DEFINER function defined here: the views
-- depend on them, so they are schema (as 003's context primitives are). Those
-- functions open the platform context only for their own duration (their SET
-- clauses restore the context settings when they return). docs/monitoring.md.
-- depends: 005_billing_infrastructure 008_billing_safety 004_groups_management

-- Fail fast instead of queueing behind long transactions on a busy database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

-- ---------------------------------------------------------------------------
-- Superuser part: the role, what this migration added to shared objects (so
-- that the rollback undoes exactly that), statement statistics.
-- ---------------------------------------------------------------------------
CREATE TABLE monay_private.monitoring_installed (
    item  text PRIMARY KEY,
    note  text NOT NULL
);
ALTER TABLE monay_private.monitoring_installed OWNER TO monay_owner;
COMMENT ON TABLE monay_private.monitoring_installed IS
    'What 011_monitoring created or granted that existed without it; its rollback undoes only these.';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'monay_monitor') THEN
        CREATE ROLE monay_monitor NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_stat_statements')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'pg_stat_statements') THEN
        CREATE EXTENSION pg_stat_statements WITH SCHEMA public;
        INSERT INTO monay_private.monitoring_installed VALUES ('extension pg_stat_statements', 'created by 011');
    END IF;
    -- The statement statistics of every role (monay_monitor.function_call_stats
    -- runs as the owner); the monitor itself never sees a statement's text.
    IF NOT pg_catalog.pg_has_role('monay_owner', 'pg_read_all_stats', 'MEMBER') THEN
        GRANT pg_read_all_stats TO monay_owner;
        INSERT INTO monay_private.monitoring_installed VALUES ('grant pg_read_all_stats to monay_owner', 'granted by 011');
    END IF;
END
$$;
COMMENT ON ROLE monay_monitor IS
    'Monitoring (postgres_exporter logins): reads the aggregate views of schema monay_monitor, nothing else.';
CREATE SCHEMA monay_monitor AUTHORIZATION monay_owner;
COMMENT ON SCHEMA monay_monitor IS
    'Metric views for monitoring (aggregates only); read by monay_monitor. docs/monitoring.md.';

SET LOCAL ROLE monay_owner;

-- ---------------------------------------------------------------------------
-- Views over what needs no privilege beyond the owner's
-- ---------------------------------------------------------------------------

-- Tenants by tier and status, from the narrow trigger-maintained mirror.
CREATE VIEW monay_monitor.tenants AS
SELECT s.billing_tier AS tier, s.status, count(*)::bigint AS tenants
FROM monay_private.billing_tenant_state s
GROUP BY s.billing_tier, s.status;

-- Counters that only grow: sequences (not rolled back) and the newest id.
CREATE VIEW monay_monitor.counters AS
SELECT (SELECT CASE WHEN q.is_called THEN q.last_value ELSE 0 END FROM monay.tenant_code_seq q)
           AS tenants_created_total,
       (SELECT CASE WHEN q.is_called THEN q.last_value ELSE 0 END FROM monay_private.security_event_seq q)
           AS security_events_total,
       (SELECT coalesce(max(f.id), 0) FROM monay_private.billing_failures f) AS billing_failures_total;

-- Groups: how many, and the deepest hierarchy (levels: a root alone is 1), from the
-- closure table (internal, no RLS); GroupHierarchyDepth alerts on it.
CREATE VIEW monay_monitor.group_hierarchy AS
SELECT count(*) FILTER (WHERE p.distance = 0)::bigint AS groups,
       coalesce(max(p.distance) + 1, 0)::bigint AS max_depth
FROM monay_private.group_paths p;

-- Rows written (cumulative since the statistics were reset), estimated rows and
-- bytes of the tables whose rates are seed metrics; partitions add up to their parent.
CREATE VIEW monay_monitor.table_activity AS
SELECT t.relname::text AS table_name,
       sum(greatest(c.reltuples, 0))::bigint AS rows_estimate,
       sum(coalesce(st.n_tup_ins, 0))::bigint AS rows_inserted,
       sum(coalesce(st.n_tup_upd, 0))::bigint AS rows_updated,
       sum(coalesce(st.n_tup_del, 0))::bigint AS rows_deleted,
       sum(pg_catalog.pg_total_relation_size(c.oid))::bigint AS total_bytes
FROM pg_catalog.pg_class t
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL (SELECT t.oid AS relid UNION SELECT p.relid FROM pg_catalog.pg_partition_tree(t.oid) p) pt
JOIN pg_catalog.pg_class c ON c.oid = pt.relid AND c.relkind = 'r'
LEFT JOIN pg_catalog.pg_stat_all_tables st ON st.relid = c.oid
WHERE (n.nspname, t.relname) IN (
    ('monay', 'tenants'), ('monay', 'tenant_tier_history'), ('monay', 'tenant_users'), ('monay', 'users'),
    ('monay', 'audit_log'), ('monay', 'billing_operations'), ('monay', 'billing_metrics'),
    ('monay', 'billing_runs'), ('monay', 'payments'), ('monay_private', 'billing_idempotency_keys'),
    ('monay_private', 'billing_usage_counters'), ('monay_private', 'billing_failures'))
GROUP BY t.relname;

-- Billing failures of the last hour by source: at most the newest 100,000
-- rows are looked at (an index range on the primary key), so the scrape stays
-- bounded however many failures accumulate; the total is in counters.
CREATE VIEW monay_monitor.billing_failures_recent AS
SELECT f.source, count(*)::bigint AS last_hour
FROM monay_private.billing_failures f
WHERE f.id > (SELECT coalesce(max(m.id), 0) - 100000 FROM monay_private.billing_failures m)
  AND f.failed_at > now() - interval '1 hour'
GROUP BY f.source;

-- This month's usage by tier from the sharded usage counters, and what it is
-- worth at list price: base fees of the tier's active tenants plus overage
-- (transactions and units beyond the tier's allowance), before proration and
-- the USDXM discount. A scan of the counters: the scrape caches it (queries.yaml).
CREATE VIEW monay_monitor.usage_this_month AS
WITH period AS (
    SELECT date_trunc('month', now() AT TIME ZONE 'UTC')::date AS p
), tier AS (
    SELECT DISTINCT ON (c.tier) c.tier, c.base_fee_cents, c.included_transactions,
           c.included_computation_units, c.overage_transaction_cents, c.overage_per_1000_units_cents,
           c.overage_policy
    FROM monay.billing_tier_config c, period
    WHERE c.effective_from <= period.p
    ORDER BY c.tier, c.effective_from DESC
), per_tenant AS (
    SELECT u.tier, u.tenant_id, sum(u.transactions) AS tx, sum(u.computation_units) AS cu,
           sum(u.operations) AS ops, sum(u.cost_millicents) AS cost
    FROM monay_private.billing_usage_counters u, period
    WHERE u.period = period.p
    GROUP BY u.tier, u.tenant_id
), usage AS (
    SELECT pt.tier, count(*) AS tenants_with_usage, sum(pt.tx) AS transactions,
           sum(pt.cu) AS computation_units, sum(pt.ops) AS operations, sum(pt.cost) AS cost_millicents,
           sum(CASE WHEN t.overage_policy = 'bill'
                    THEN greatest(0, pt.tx - t.included_transactions) * t.overage_transaction_cents
                         + greatest(0, pt.cu - t.included_computation_units) * t.overage_per_1000_units_cents / 1000
                    ELSE 0 END) AS overage_cents
    FROM per_tenant pt JOIN tier t USING (tier)
    GROUP BY pt.tier
), active AS (
    SELECT s.billing_tier AS tier, count(*) AS tenants
    FROM monay_private.billing_tenant_state s WHERE s.status = 'active' GROUP BY s.billing_tier
)
SELECT t.tier,
       coalesce(u.tenants_with_usage, 0)::bigint AS tenants_with_usage,
       coalesce(u.transactions, 0)::bigint AS transactions,
       coalesce(u.computation_units, 0)::bigint AS computation_units,
       coalesce(u.operations, 0)::bigint AS operations,
       coalesce(u.cost_millicents, 0)::bigint AS cost_millicents,
       (coalesce(a.tenants, 0) * t.base_fee_cents)::bigint AS base_fee_cents,
       coalesce(u.overage_cents, 0)::bigint AS overage_cents
FROM tier t LEFT JOIN usage u USING (tier) LEFT JOIN active a USING (tier);

-- The runtime self-check of the catalog guard's invariants
-- (sql/tests/tenancy/rls_catalog_guard.sql): one row per violation. Names of
-- tables, roles and functions: the platform reads it, the monitor only counts.
CREATE VIEW monay_monitor.isolation_violation_details AS
WITH scoped AS (
    SELECT c.oid, c.relname::text AS tbl
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = 'monay' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
), ours AS (
    WITH RECURSIVE r AS (
        SELECT g.oid FROM pg_catalog.pg_roles g
        WHERE g.rolname IN ('monay_owner', 'monay_app', 'monay_platform', 'monay_readonly', 'monay_audit',
                            'monay_monitor')
        UNION
        SELECT m.member FROM pg_catalog.pg_auth_members m JOIN r ON m.roleid = r.oid
    )
    SELECT ro.oid, ro.rolname::text AS rolname, ro.rolbypassrls OR ro.rolsuper AS bypasses FROM r
    JOIN pg_catalog.pg_roles ro ON ro.oid = r.oid
)
SELECT 'rls_not_forced'::text AS rule, s.tbl AS object
FROM scoped s JOIN pg_catalog.pg_class c ON c.oid = s.oid
WHERE NOT (c.relrowsecurity AND c.relforcerowsecurity)
UNION ALL
SELECT 'policy_missing', s.tbl || ' ' || cmd.name
FROM scoped s
CROSS JOIN (VALUES ('r', 'SELECT'), ('a', 'INSERT'), ('w', 'UPDATE'), ('d', 'DELETE')) AS cmd (code, name)
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy p
                  WHERE p.polrelid = s.oid AND p.polcmd IN (cmd.code::"char", '*'))
UNION ALL
SELECT 'partition_exposed', c.relname::text
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'monay' AND c.relispartition AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
  AND EXISTS (SELECT 1 FROM ours o WHERE NOT o.bypasses AND NOT pg_catalog.pg_has_role(o.oid, 'monay_owner', 'USAGE')
              AND pg_catalog.has_table_privilege(o.oid, c.oid, 'SELECT,INSERT,UPDATE,DELETE'))
UNION ALL
SELECT 'role_bypasses_rls', o.rolname FROM ours o WHERE o.bypasses
UNION ALL
SELECT 'public_execute', p.oid::regprocedure::text
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ('monay', 'monay_private', 'monay_monitor')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  AND EXISTS (SELECT 1 FROM pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) x
              WHERE x.grantee = 0 AND x.privilege_type = 'EXECUTE');

CREATE VIEW monay_monitor.isolation_violations AS
SELECT r.rule, count(d.rule)::bigint AS violations
FROM (VALUES ('rls_not_forced'), ('policy_missing'), ('partition_exposed'), ('role_bypasses_rls'),
             ('public_execute')) AS r (rule)
LEFT JOIN monay_monitor.isolation_violation_details d ON d.rule = r.rule
GROUP BY r.rule;

-- ---------------------------------------------------------------------------
-- Readers that need more than the owner's table privileges. Those that read
-- rows under FORCEd RLS open the platform context for their own duration: the
-- SET clauses on the context settings restore them when the function returns,
-- so the caller's transaction never holds a platform context afterwards.
-- PostgreSQL lets only a superuser store SET clauses of custom settings on a
-- function: they are created as the migrating superuser, then given to monay_owner.
-- ---------------------------------------------------------------------------
RESET ROLE;

CREATE FUNCTION monay_monitor.refusals_last_hour()
    RETURNS TABLE (action text, sqlstate text, refusals bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET monay.tenant_id = '' SET monay.user_id = '' SET monay.platform = 'false' SET monay.context_signature = ''
    SET enable_bitmapscan = off
AS $$
/* Refused logins and tenant switches of the last hour (the durable records of
   monay.audit_log) by action and SQLSTATE: MT204/MT205 are attempts to reach a
   tenant the user may not. The partial index on (action, occurred_at) bounds
   the read to the hour's refusals; without enable_bitmapscan = off the planner
   ORs the RLS policy's tenant_id range into a bitmap scan of every audit row
   (580 ms instead of 50 ms at 300,000 tenants). Raises nothing. */
#variable_conflict use_column
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    RETURN QUERY
    SELECT a.action, coalesce(a.detail ->> 'sqlstate', ''), count(*)::bigint
    FROM monay.audit_log a
    WHERE a.action IN ('auth_refused', 'switch_refused') AND a.occurred_at > now() - interval '1 hour'
    GROUP BY 1, 2;
END;
$$;

CREATE FUNCTION monay_monitor.billing_run_state()
    RETURNS TABLE (last_run_period text, last_run_started_seconds double precision,
                   last_run_finished_seconds double precision, last_run_tenants_total bigint,
                   last_run_tenants_billed bigint, unfinished_alive bigint, stalled bigint,
                   oldest_unfinished_age_seconds double precision, previous_month_finished integer)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET monay.tenant_id = '' SET monay.user_id = '' SET monay.platform = 'false' SET monay.context_signature = ''
AS $$
/* The monthly runs (monay.billing_runs, a few rows a month): the last one, the
   unfinished ones whose backend still runs, the stalled ones (unfinished, backend
   gone, and no later run of the same month finished), and whether last month has
   a finished run. Finished timestamps are 0 while a run is unfinished. Raises nothing. */
#variable_conflict use_column
DECLARE
    v_prev date := (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date;
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    RETURN QUERY
    WITH runs AS (
        SELECT r.*, EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity sa
                            WHERE sa.pid = r.backend_pid AND sa.backend_start <= r.started_at) AS alive
        FROM monay.billing_runs r
    ), last AS (
        SELECT * FROM runs ORDER BY runs.id DESC LIMIT 1
    )
    SELECT (SELECT to_char(l.period, 'YYYY-MM') FROM last l),
           (SELECT extract(epoch FROM l.started_at)::double precision FROM last l),
           (SELECT coalesce(extract(epoch FROM l.finished_at), 0)::double precision FROM last l),
           (SELECT l.tenants_total FROM last l),
           (SELECT l.tenants_billed FROM last l),
           (SELECT count(*) FROM runs r WHERE r.finished_at IS NULL AND r.alive),
           (SELECT count(*) FROM runs r WHERE r.finished_at IS NULL AND NOT r.alive
                AND NOT EXISTS (SELECT 1 FROM runs f WHERE f.period = r.period AND f.id > r.id
                                AND f.finished_at IS NOT NULL)),
           (SELECT coalesce(max(extract(epoch FROM now() - r.started_at)), 0)::double precision
            FROM runs r WHERE r.finished_at IS NULL AND r.alive),
           (SELECT count(*) FROM runs r WHERE r.period = v_prev AND r.finished_at IS NOT NULL)::integer;
END;
$$;

CREATE FUNCTION monay_monitor.last_month_bills()
    RETURNS TABLE (tier text, bills bigint, total_cents bigint, cost_cents bigint, below_margin_floor bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET monay.tenant_id = '' SET monay.user_id = '' SET monay.platform = 'false' SET monay.context_signature = ''
AS $$
/* Last closed month's bills (not void) by tier: count, revenue, cost, and how
   many came out below the gross-margin floor of their tier's price version
   (margin accuracy: should be 0). One read of the month's bills. Raises nothing. */
#variable_conflict use_column
DECLARE
    v_prev date := (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date;
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    RETURN QUERY
    WITH floor_pct AS (
        SELECT DISTINCT ON (c.tier) c.tier, c.gross_margin_min_percent
        FROM monay.billing_tier_config c WHERE c.effective_from <= v_prev
        ORDER BY c.tier, c.effective_from DESC
    )
    SELECT b.tier, count(*)::bigint, sum(b.total_cents)::bigint, sum(b.cost_cents)::bigint,
           count(*) FILTER (WHERE b.gross_margin_percent < f.gross_margin_min_percent)::bigint
    FROM monay.billing_metrics b LEFT JOIN floor_pct f ON f.tier = b.tier
    WHERE b.period = v_prev AND b.status <> 'void'
    GROUP BY b.tier;
END;
$$;

CREATE FUNCTION monay_monitor.function_call_stats()
    RETURNS TABLE (function_name text, calls bigint, total_seconds double precision,
                   mean_seconds double precision, p95_estimate_seconds double precision)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Calls and time of this database's top-level statements (queries and CALLs,
   not DDL such as CREATE FUNCTION or GRANT) that call a function of schema monay, by function (pg_stat_statements, since its last reset; the
   owner reads every role's statements, the caller only these sums). The p95
   is estimated as mean + 1.645 x the pooled standard deviation (exact only for
   a normal distribution; pg_stat_statements keeps no percentiles). No rows when
   pg_stat_statements is not loaded. Raises nothing. */
BEGIN
    IF to_regclass('public.pg_stat_statements') IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
        WITH s AS (
            SELECT substring(s.query FROM 'monay\.([a-z_][a-z0-9_]*)\s*\(') AS fn, s.calls,
                   s.total_exec_time AS total, s.mean_exec_time AS mean, s.stddev_exec_time AS sd
            FROM public.pg_stat_statements s
            WHERE s.dbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database())
              AND s.toplevel AND s.calls > 0
              AND s.query ~* '^\s*(SELECT|CALL|WITH|INSERT|UPDATE|DELETE|VALUES)\M'
        ), g AS (
            SELECT s.fn, sum(s.calls) AS calls, sum(s.total) AS total,
                   sum(s.calls * (s.sd ^ 2 + s.mean ^ 2)) AS sq
            FROM s WHERE s.fn IN (SELECT p.proname FROM pg_catalog.pg_proc p
                                  WHERE p.pronamespace = 'monay'::regnamespace)
            GROUP BY s.fn
        )
        SELECT g.fn::text, g.calls::bigint, g.total / 1000, g.total / g.calls / 1000,
               (g.total / g.calls + 1.645 * sqrt(greatest(0, g.sq / g.calls - (g.total / g.calls) ^ 2))) / 1000
        FROM g $q$;
EXCEPTION WHEN object_not_in_prerequisite_state THEN
    RETURN;  -- not in shared_preload_libraries
END;
$$;

CREATE FUNCTION monay_monitor.audit_link_check()
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Audit link health: true when the dblink connection of monay_private.audit_link
   opens within 2 s (connect_timeout) and its login may run the durable writer
   (monay_private.write_security_event); false when no link is configured, the
   connection fails or the login lacks the right. Then refusals are still
   raised but no longer recorded durably (record_security_event). Raises nothing. */
DECLARE
    v_dsn  text;
    v_conn text := 'monay_monitor_' || pg_backend_pid();
    v_ok   boolean;
BEGIN
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RETURN false;
    END IF;
    v_dsn := CASE WHEN v_dsn ~ '^postgres(ql)?://'
                  THEN v_dsn || CASE WHEN strpos(v_dsn, '?') > 0 THEN '&' ELSE '?' END || 'connect_timeout=2'
                  ELSE v_dsn || ' connect_timeout=2' END;
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        SELECT r.ok INTO v_ok FROM monay_private.dblink(v_conn,
            'SELECT pg_catalog.has_function_privilege(''monay_private.write_security_event(text, uuid, uuid, '
            'jsonb, text, xid8)'', ''EXECUTE'')') AS r (ok boolean);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        IF v_conn = ANY (coalesce(monay_private.dblink_get_connections(), '{}')) THEN
            PERFORM monay_private.dblink_disconnect(v_conn);
        END IF;
        RETURN false;
    END;
    RETURN coalesce(v_ok, false);
END;
$$;

ALTER FUNCTION monay_monitor.refusals_last_hour() OWNER TO monay_owner;
ALTER FUNCTION monay_monitor.billing_run_state() OWNER TO monay_owner;
ALTER FUNCTION monay_monitor.last_month_bills() OWNER TO monay_owner;
ALTER FUNCTION monay_monitor.function_call_stats() OWNER TO monay_owner;
ALTER FUNCTION monay_monitor.audit_link_check() OWNER TO monay_owner;
SET LOCAL ROLE monay_owner;

CREATE VIEW monay_monitor.refusals AS SELECT * FROM monay_monitor.refusals_last_hour();
CREATE VIEW monay_monitor.billing_runs AS SELECT * FROM monay_monitor.billing_run_state();
CREATE VIEW monay_monitor.bills_last_month AS SELECT * FROM monay_monitor.last_month_bills();
CREATE VIEW monay_monitor.function_calls AS SELECT * FROM monay_monitor.function_call_stats();
CREATE VIEW monay_monitor.audit_link AS SELECT monay_monitor.audit_link_check()::integer AS up;

-- ---------------------------------------------------------------------------
-- Grants: the monitor reads the aggregate views only; the platform also the
-- per-violation details (names of tables, roles and functions).
-- ---------------------------------------------------------------------------
REVOKE ALL ON FUNCTION monay_monitor.refusals_last_hour(), monay_monitor.billing_run_state(),
    monay_monitor.last_month_bills(), monay_monitor.function_call_stats(), monay_monitor.audit_link_check()
    FROM PUBLIC;
GRANT USAGE ON SCHEMA monay_monitor TO monay_monitor, monay_platform;
-- A view's functions run with its reader's EXECUTE right.
GRANT EXECUTE ON FUNCTION monay_monitor.refusals_last_hour(), monay_monitor.billing_run_state(),
    monay_monitor.last_month_bills(), monay_monitor.function_call_stats(), monay_monitor.audit_link_check()
    TO monay_monitor, monay_platform;
GRANT SELECT ON monay_monitor.tenants, monay_monitor.counters, monay_monitor.table_activity,
    monay_monitor.billing_failures_recent, monay_monitor.usage_this_month, monay_monitor.isolation_violations,
    monay_monitor.refusals, monay_monitor.billing_runs, monay_monitor.bills_last_month,
    monay_monitor.function_calls, monay_monitor.audit_link, monay_monitor.group_hierarchy
    TO monay_monitor, monay_platform;
GRANT SELECT ON monay_monitor.isolation_violation_details TO monay_platform;
