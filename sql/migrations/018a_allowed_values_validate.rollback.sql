-- Undo 018a_allowed_values_validate: the CHECK lists back, exactly as 002, 003, 005 and 010
-- wrote them (added NOT VALID, then validated: a value added to a lookup table since, and in
-- use, makes this rollback fail rather than restore a CHECK the rows break); the constraints
-- 018 added go back to NOT VALID (their rollback drops them). Not online: it holds ACCESS
-- EXCLUSIVE on users, tenants, tenant_users, payments, billing_metrics and group_bills while
-- it validates the restored CHECKs (a scan each: seconds at a million tenants).
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

LOCK TABLE monay.users, monay.tenants, monay.tenant_users, monay.payments, monay.billing_metrics,
    monay.group_bills IN ACCESS EXCLUSIVE MODE;

ALTER TABLE monay.users ADD CONSTRAINT users_user_type_known
    CHECK (user_type IN ('individual', 'business')) NOT VALID;
ALTER TABLE monay.tenants ADD CONSTRAINT tenants_tenant_type_known CHECK (tenant_type IN
        ('individual', 'household', 'small_business', 'enterprise', 'holding_company')) NOT VALID,
    ADD CONSTRAINT tenants_billing_tier_known
        CHECK (billing_tier IN ('free', 'small_business', 'enterprise')) NOT VALID;
ALTER TABLE monay.tenant_users ADD CONSTRAINT tenant_users_role_known
    CHECK (role IN ('owner', 'admin', 'member', 'viewer')) NOT VALID;
ALTER TABLE monay.payments ADD CONSTRAINT payments_method_stablecoin
    CHECK (payment_method IN ('USDXM', 'USDC', 'USDT')) NOT VALID;
ALTER TABLE monay.billing_metrics ADD CONSTRAINT billing_metrics_payment_method_stablecoin
    CHECK (payment_method IN ('USDXM', 'USDC', 'USDT')) NOT VALID;
ALTER TABLE monay.group_bills ADD CONSTRAINT group_bills_payment_method_stablecoin
    CHECK (payment_method IN ('USDXM', 'USDC', 'USDT')) NOT VALID;

ALTER TABLE monay.users VALIDATE CONSTRAINT users_user_type_known;
ALTER TABLE monay.tenants VALIDATE CONSTRAINT tenants_tenant_type_known;
ALTER TABLE monay.tenants VALIDATE CONSTRAINT tenants_billing_tier_known;
ALTER TABLE monay.tenant_users VALIDATE CONSTRAINT tenant_users_role_known;
ALTER TABLE monay.payments VALIDATE CONSTRAINT payments_method_stablecoin;
ALTER TABLE monay.billing_metrics VALIDATE CONSTRAINT billing_metrics_payment_method_stablecoin;
ALTER TABLE monay.group_bills VALIDATE CONSTRAINT group_bills_payment_method_stablecoin;

-- Back to NOT VALID, as 018 left them (catalog only; 018's rollback drops them).
ALTER TABLE monay.users DROP CONSTRAINT users_user_type_fkey,
    ADD CONSTRAINT users_user_type_fkey
        FOREIGN KEY (user_type) REFERENCES monay.user_types (user_type) NOT VALID;
ALTER TABLE monay.tenants DROP CONSTRAINT tenants_billing_tier_fkey,
    ADD CONSTRAINT tenants_billing_tier_fkey
        FOREIGN KEY (billing_tier) REFERENCES monay.billing_tiers (tier) NOT VALID;
ALTER TABLE monay.tenants DROP CONSTRAINT tenants_tenant_type_fkey,
    ADD CONSTRAINT tenants_tenant_type_fkey
        FOREIGN KEY (tenant_type) REFERENCES monay.tenant_types (tenant_type) NOT VALID;
ALTER TABLE monay.tenant_users DROP CONSTRAINT tenant_users_role_fkey,
    ADD CONSTRAINT tenant_users_role_fkey
        FOREIGN KEY (role) REFERENCES monay.tenant_roles (role) NOT VALID;
ALTER TABLE monay.payments DROP CONSTRAINT payments_method_not_fiat,
    ADD CONSTRAINT payments_method_not_fiat CHECK (payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$') NOT VALID,
    DROP CONSTRAINT payments_payment_method_fkey,
    ADD CONSTRAINT payments_payment_method_fkey
        FOREIGN KEY (payment_method) REFERENCES monay.stablecoin_payment_config (symbol) NOT VALID;
ALTER TABLE monay.billing_metrics DROP CONSTRAINT billing_metrics_payment_method_not_fiat,
    ADD CONSTRAINT billing_metrics_payment_method_not_fiat
        CHECK (payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$') NOT VALID;
ALTER TABLE monay.group_bills DROP CONSTRAINT group_bills_payment_method_not_fiat,
    ADD CONSTRAINT group_bills_payment_method_not_fiat
        CHECK (payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$') NOT VALID,
    DROP CONSTRAINT group_bills_payment_method_fkey,
    ADD CONSTRAINT group_bills_payment_method_fkey
        FOREIGN KEY (payment_method) REFERENCES monay.stablecoin_payment_config (symbol) NOT VALID;

RESET ROLE;
