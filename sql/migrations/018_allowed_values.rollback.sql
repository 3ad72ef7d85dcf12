-- Undo 018_allowed_values: the margin CHECK and the tier and coin CHECKs of billing_tier_config
-- and stablecoin_payment_config back exactly as 003 and 005 wrote them; the triggers, the
-- references and the coin-format CHECKs gone (the lookup tables stay: 005a's). A row using a
-- value added since makes a CHECK fail: the rollback then stops (nothing half-applied).
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

-- Dropping a foreign key takes ACCESS EXCLUSIVE: all of them up front, in the write order.
LOCK TABLE monay.users, monay.tenants, monay.tenant_users IN ACCESS EXCLUSIVE MODE;
LOCK TABLE monay.billing_tier_config, monay.stablecoin_payment_config, monay.payments,
    monay.billing_metrics, monay.group_bills IN ACCESS EXCLUSIVE MODE;

COMMENT ON TABLE monay.tenants IS
    'Vaults: one per customer. Margin CHECK per tier: free 0, small_business 60-70, enterprise 70-90.';
ALTER TABLE monay.tenants ADD CONSTRAINT tenants_gross_margin_within_tier CHECK (
           (billing_tier = 'free' AND gross_margin_percent = 0)
        OR (billing_tier = 'small_business' AND gross_margin_percent BETWEEN 60 AND 70)
        OR (billing_tier = 'enterprise' AND gross_margin_percent BETWEEN 70 AND 90)) NOT VALID;
ALTER TABLE monay.tenants VALIDATE CONSTRAINT tenants_gross_margin_within_tier;
DROP TRIGGER tenants_200_margin_within_tier ON monay.tenants;
DROP FUNCTION monay_private.tenants_margin_within_tier();
DROP TRIGGER billing_tiers_keep_tenants ON monay.billing_tiers;
DROP FUNCTION monay_private.billing_tiers_keep_tenants();

ALTER TABLE monay.group_bills DROP CONSTRAINT group_bills_payment_method_fkey,
    DROP CONSTRAINT group_bills_payment_method_not_fiat;
ALTER TABLE monay.billing_metrics DROP CONSTRAINT billing_metrics_payment_method_not_fiat;
ALTER TABLE monay.payments DROP CONSTRAINT payments_payment_method_fkey,
    DROP CONSTRAINT payments_method_not_fiat;
ALTER TABLE monay.stablecoin_payment_config DROP CONSTRAINT stablecoin_payment_config_symbol_not_fiat;
ALTER TABLE monay.stablecoin_payment_config ADD CONSTRAINT stablecoin_payment_config_symbol_known
    CHECK (symbol IN ('USDXM', 'USDC', 'USDT'));
ALTER TABLE monay.billing_tier_config ADD CONSTRAINT billing_tier_config_tier_known
    CHECK (tier IN ('free', 'small_business', 'enterprise'));
ALTER TABLE monay.billing_tier_config DROP CONSTRAINT billing_tier_config_tier_fkey;
ALTER TABLE monay.tenant_users DROP CONSTRAINT tenant_users_role_fkey;
ALTER TABLE monay.tenants DROP CONSTRAINT tenants_tenant_type_fkey, DROP CONSTRAINT tenants_billing_tier_fkey;
ALTER TABLE monay.users DROP CONSTRAINT users_user_type_fkey;

RESET ROLE;
