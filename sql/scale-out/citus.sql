-- sql/scale-out/citus.sql: how Monay DB's schema would be distributed on Citus (issue 15).
--
-- UNTESTED HERE: Citus is not packaged for this machine (Debian 12's PostgreSQL 15 has no
-- postgresql-15-citus; the Citus packages come from packagecloud.io/citusdata). What IS tested
-- here is the precondition: sql/tests/core/scale_out_catalog.sql checks that every tenant-scoped
-- table has tenant_id in its primary key, every unique constraint and every foreign key between
-- tenant-scoped tables, with an allow-list of what stays global (the same list as below).
--
-- Run on the coordinator of a Citus 12+ cluster, as the superuser, after `monaydb migrate`, before
-- the tables hold much data (create_distributed_table copies existing rows), in one transaction:
--     psql -v ON_ERROR_STOP=1 -1 -f sql/scale-out/citus.sql
-- The tenant context needs no change: the setters use SET LOCAL, which Citus propagates to the
-- workers with citus.propagate_set_commands = 'local' (DESIGN.md, decision 4).

CREATE EXTENSION IF NOT EXISTS citus;
ALTER SYSTEM SET citus.propagate_set_commands = 'local';
SELECT pg_reload_conf();

-- 1. Reference tables: configuration and global identities, small, read by every node's functions.
SELECT create_reference_table('monay.settings');
SELECT create_reference_table('monay.billing_tier_config');
SELECT create_reference_table('monay.operation_costs');
SELECT create_reference_table('monay.stablecoin_payment_config');
SELECT create_reference_table('monay.wallet_address_purposes');
SELECT create_reference_table('monay.billing_tiers');             -- allowed values (018): before the
SELECT create_reference_table('monay.tenant_types');              -- distributed tables that reference them
SELECT create_reference_table('monay.tenant_roles');
SELECT create_reference_table('monay.user_types');
SELECT create_reference_table('monay.users');                       -- a user belongs to several tenants
SELECT create_reference_table('monay_private.user_tenant_counts');  -- per user, across tenants
SELECT create_reference_table('monay_private.vault_account_allocations');  -- the global HD account ledger
SELECT create_reference_table('monay_private.purge_retained_tables');
SELECT create_reference_table('monay_private.context_key');         -- the context HMAC key, read by policies
SELECT create_reference_table('monay_private.jwt_secrets');

-- 2. The distribution anchor: tenants by id. Tenant codes stay unique by construction (one
--    sequence on the coordinator, a check letter); a global UNIQUE cannot be enforced on a
--    distributed table whose key is not in it (the catalog test's allow-list says so).
ALTER TABLE monay.tenants DROP CONSTRAINT tenants_tenant_code_key;
CREATE INDEX tenants_tenant_code_idx ON monay.tenants (tenant_code);
SELECT create_distributed_table('monay.tenants', 'id');

-- 3. Everything of one tenant co-located with its tenants row (foreign keys are composite
--    (tenant_id, x) or reference monay.tenants(id) through tenant_id).
SELECT create_distributed_table('monay.tenant_users', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay.tenant_tier_history', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay.tenant_vaults', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay.wallet_addresses', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay.billing_metrics', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay.billing_adjustments', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay.payments', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay.payment_allocations', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay.billing_operations', 'tenant_id', colocate_with => 'monay.tenants');  -- partitioned: its partitions follow
SELECT create_distributed_table('monay_private.billing_usage_counters', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay_private.billing_tenant_state', 'tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_table('monay_private.billing_idempotency_keys', 'tenant_id', colocate_with => 'monay.tenants');

-- 3b. The platform tables (tenant-scoped by 006) and the groups (004, 010, 017). The references
--     that cross tenants by design are dropped first (the catalog test's allow-list names them);
--     the functions that write them check the referenced row themselves.
ALTER TABLE monay.groups DROP CONSTRAINT groups_parent_tenant_id_parent_id_fkey;
ALTER TABLE monay.group_members DROP CONSTRAINT group_members_member_tenant_id_fkey;
ALTER TABLE monay.group_bill_lines DROP CONSTRAINT group_bill_lines_payer_tenant_id_group_id_period_fkey;
ALTER TABLE monay.treasury_access_grants DROP CONSTRAINT treasury_access_grants_grantee_tenant_id_fkey;
ALTER TABLE monay.transactions DROP CONSTRAINT transactions_tenant_counterparty_fkey;
SELECT create_distributed_table(t, 'tenant_id', colocate_with => 'monay.tenants')
FROM unnest(ARRAY['monay.wallets', 'monay.cards', 'monay.invoices', 'monay.transactions', 'monay.groups',
                  'monay.group_members', 'monay.treasury_access_grants', 'monay.group_bills',
                  'monay.group_bill_lines']) AS t;
SELECT create_reference_table('monay.group_kinds');
SELECT create_reference_table('monay.group_member_roles');

-- 4. Stay local on the coordinator (the catalog test's allow-list): monay.audit_log (tenant_id may
--    be NULL; written over dblink), monay_private.billing_failures and monay.billing_runs (the
--    monthly run's own records), monay_private.tenant_creation_requests (exists before its
--    tenant), monay_private.audit_link, monay_private.billing_operations_template (pg_partman).

-- 5. Functions: delegate the per-tenant calls to the worker holding the tenant, so one call is
--    one round trip to one node (the tenant id is the distribution argument).
SELECT create_distributed_function('monay.track_operation(uuid, text, integer, text, timestamptz)', 'p_tenant_id',
                                   colocate_with => 'monay.tenants');
SELECT create_distributed_function('monay.track_operations(uuid, jsonb)', 'p_tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_function('monay.calculate_tenant_usage(uuid, date)', 'p_tenant_id', colocate_with => 'monay.tenants');
SELECT create_distributed_function('monay.calculate_tenant_billing(uuid, date)', 'p_tenant_id', colocate_with => 'monay.tenants');
