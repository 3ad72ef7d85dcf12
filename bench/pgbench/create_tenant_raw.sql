-- Baseline of case 7: the same three rows (user, tenant, membership) inserted
-- into tables with the same columns and indexes, without our logic.
BEGIN;
INSERT INTO monay_bench.raw_users (email, display_name)
VALUES ('p-' || gen_random_uuid() || '@bench.test', 'bench owner') RETURNING id AS owner \gset
INSERT INTO monay_bench.raw_tenants (name, tenant_type, billing_tier, gross_margin_percent)
VALUES ('bench provisioned', 'small_business', 'small_business', 60) RETURNING id AS tenant \gset
INSERT INTO monay_bench.raw_tenant_users (tenant_id, user_id, role) VALUES (:tenant, :owner, 'owner');
COMMIT;
