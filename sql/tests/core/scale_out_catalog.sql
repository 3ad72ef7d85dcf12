-- Scale-out readiness (issue 15): what a distributed PostgreSQL such as Citus needs to co-locate
-- a tenant's rows on one node. Every tenant-scoped table (a tenant_id column; monay.tenants itself,
-- distributed by id) has the distribution column in its primary key, in every unique constraint or
-- index, and in every foreign key to another tenant-scoped table (at the same position on both
-- sides). sql/scale-out/citus.sql is the script that would distribute the schema.
BEGIN;
SELECT plan(7);

CREATE TEMP VIEW scale_out_violations AS
WITH scoped AS (
    SELECT c.oid, format('%I.%I', n.nspname, c.relname) AS tbl,
           (SELECT a.attnum FROM pg_attribute a
            WHERE a.attrelid = c.oid AND NOT a.attisdropped
              AND a.attname = CASE WHEN c.oid = 'monay.tenants'::regclass THEN 'id' ELSE 'tenant_id' END) AS dist
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('monay', 'monay_private') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND (c.oid = 'monay.tenants'::regclass
           OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'
                      AND NOT a.attisdropped))
)
SELECT s.tbl, 'primary key'::text AS rule, coalesce(con.conname::text, '(none)') AS object
FROM scoped s LEFT JOIN pg_constraint con ON con.conrelid = s.oid AND con.contype = 'p'
WHERE con.oid IS NULL OR NOT s.dist = ANY (con.conkey)
UNION ALL
SELECT s.tbl, 'unique', (i.indexrelid::regclass)::text
FROM scoped s JOIN pg_index i ON i.indrelid = s.oid AND i.indisunique AND NOT i.indisprimary
WHERE NOT s.dist = ANY (i.indkey::int2[])
UNION ALL
SELECT s.tbl, 'foreign key', con.conname::text
FROM scoped s
JOIN pg_constraint con ON con.conrelid = s.oid AND con.contype = 'f'
JOIN scoped r ON r.oid = con.confrelid
WHERE NOT (s.dist = ANY (con.conkey) AND r.dist = ANY (con.confkey)
           AND array_position(con.conkey, s.dist) = array_position(con.confkey, r.dist));

-- What stays global, and why. Every entry must still be a violation (a stale entry fails test 2).
CREATE TEMP TABLE scale_out_allowed (tbl text, rule text, object text, reason text);
INSERT INTO scale_out_allowed VALUES
    ('monay.audit_log', 'primary key', 'audit_log_pkey',
     'append-only trail keyed by id; tenant_id is NULL for events about no tenant (a documented exception): '
     'stays a local table on the coordinator (citus.sql)'),
    ('monay.tenants', 'unique', 'monay.tenants_tenant_code_key',
     'tenant codes are global by design (one sequence, a check letter); on Citus the constraint is dropped and '
     'uniqueness rests on monay.tenant_code_seq (citus.sql)'),
    ('monay_private.billing_failures', 'primary key', 'billing_failures_pkey',
     'the monthly run''s durable failure log, written over dblink by the run: coordinator-local'),
    ('monay_private.billing_operations_template', 'primary key', '(none)',
     'pg_partman''s template for new partitions: never holds rows'),
    ('monay_private.tenant_creation_requests', 'primary key', 'tenant_creation_requests_pkey',
     'create_tenant''s idempotency keys per owner: the request exists before its tenant does; coordinator-local'),
    ('monay_private.vault_account_allocations', 'primary key', 'vault_account_allocations_pkey',
     'the HD account index is global and never reused across tenants: a reference table'),
    -- References that cross tenants by design: on Citus they are dropped (sql/scale-out/citus.sql) and the
    -- functions that write them check the referenced row (they run on the coordinator in one transaction).
    ('monay.groups', 'foreign key', 'groups_parent_tenant_id_parent_id_fkey',
     'a holding''s parent group belongs to another tenant (the parent company): hierarchies span tenants'),
    ('monay.group_members', 'foreign key', 'group_members_member_tenant_id_fkey',
     'a holding''s members are other tenants (its subsidiaries)'),
    ('monay.group_bill_lines', 'foreign key', 'group_bill_lines_payer_tenant_id_group_id_period_fkey',
     'a line is the member tenant''s own bill, carried by the payer''s consolidated bill (another tenant)'),
    ('monay.treasury_access_grants', 'foreign key', 'treasury_access_grants_grantee_tenant_id_fkey',
     'a grant opens the owner''s wallet to another tenant (a subsidiary)'),
    ('monay.transactions', 'foreign key', 'transactions_tenant_counterparty_fkey',
     'a transfer''s counterparty (the mirrored credit) is in the recipient''s tenant');

SELECT is_empty($$ SELECT tbl, rule, object FROM scale_out_violations
                   EXCEPT SELECT tbl, rule, object FROM scale_out_allowed $$,
                'every tenant-scoped table keeps tenant_id in its PK, unique constraints and FKs (or is allow-listed)');
SELECT is_empty($$ SELECT tbl, rule, object FROM scale_out_allowed
                   EXCEPT SELECT tbl, rule, object FROM scale_out_violations $$,
                'every allow-list entry is still needed (no stale entry)');
SELECT is((SELECT count(*) FROM scale_out_allowed WHERE coalesce(reason, '') = ''), 0::bigint,
          'every allow-list entry carries its reason');

-- Each rule shown able to fail.
CREATE TABLE monay.scale_out_probe (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, code text UNIQUE);
CREATE TABLE monay.scale_out_probe_ok (tenant_id uuid, id bigint, PRIMARY KEY (tenant_id, id));
CREATE TABLE monay.scale_out_probe_child (tenant_id uuid, id bigint, parent_id bigint,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT scale_out_probe_child_fk FOREIGN KEY (parent_id) REFERENCES monay.scale_out_probe (id));
SELECT ok(EXISTS (SELECT 1 FROM scale_out_violations WHERE tbl = 'monay.scale_out_probe' AND rule = 'primary key'),
          'a primary key without tenant_id is found');
SELECT ok(EXISTS (SELECT 1 FROM scale_out_violations WHERE tbl = 'monay.scale_out_probe' AND rule = 'unique'),
          'a unique constraint without tenant_id is found');
SELECT ok(EXISTS (SELECT 1 FROM scale_out_violations WHERE tbl = 'monay.scale_out_probe_child' AND rule = 'foreign key'),
          'a foreign key between tenant tables without tenant_id is found');
SELECT ok(NOT EXISTS (SELECT 1 FROM scale_out_violations WHERE tbl = 'monay.scale_out_probe_ok'),
          'a compliant table is not');

SELECT * FROM finish();
ROLLBACK;
