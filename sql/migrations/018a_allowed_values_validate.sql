-- Allowed values in one place, part 2 of 2: validate what 018_allowed_values added NOT VALID,
-- then drop the CHECK lists they replace (tenant types, tiers, roles, user types, coins).
-- Locks: each VALIDATE takes SHARE UPDATE EXCLUSIVE on its table (reads and writes go on while
-- it scans; tenants at 1M rows: about a second each) and ROW SHARE on the lookup table; the
-- DROPs come last and take ACCESS EXCLUSIVE for a catalog change only (no scan), held until
-- this transaction commits a moment later. lock_timeout 2s: on timeout retry the migration.
-- depends: 018_allowed_values

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

ALTER TABLE monay.users VALIDATE CONSTRAINT users_user_type_fkey;
ALTER TABLE monay.tenants VALIDATE CONSTRAINT tenants_billing_tier_fkey;
ALTER TABLE monay.tenants VALIDATE CONSTRAINT tenants_tenant_type_fkey;
ALTER TABLE monay.tenant_users VALIDATE CONSTRAINT tenant_users_role_fkey;
ALTER TABLE monay.payments VALIDATE CONSTRAINT payments_method_not_fiat;
ALTER TABLE monay.payments VALIDATE CONSTRAINT payments_payment_method_fkey;
ALTER TABLE monay.billing_metrics VALIDATE CONSTRAINT billing_metrics_payment_method_not_fiat;
ALTER TABLE monay.group_bills VALIDATE CONSTRAINT group_bills_payment_method_not_fiat;
ALTER TABLE monay.group_bills VALIDATE CONSTRAINT group_bills_payment_method_fkey;

-- In the platform's write order (users, tenants, memberships; payments, then bills).
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.users DROP CONSTRAINT users_user_type_known;
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.tenants DROP CONSTRAINT tenants_billing_tier_known;
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.tenants DROP CONSTRAINT tenants_tenant_type_known;
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.tenant_users DROP CONSTRAINT tenant_users_role_known;
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.payments DROP CONSTRAINT payments_method_stablecoin;
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.billing_metrics DROP CONSTRAINT billing_metrics_payment_method_stablecoin;
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.group_bills DROP CONSTRAINT group_bills_payment_method_stablecoin;

RESET ROLE;
