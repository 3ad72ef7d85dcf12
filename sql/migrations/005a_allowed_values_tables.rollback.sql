-- Undo 005a_allowed_values_tables: the lookup tables and the coins' sort_order gone (values
-- added to them since go too; 018, which references them, is rolled back first).
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';
SET LOCAL ROLE monay_owner;

COMMENT ON TABLE monay.stablecoin_payment_config IS
    'Accepted stablecoins: decimals, network, token contract, discount (USDXM 10%), enabled.';
ALTER TABLE monay.stablecoin_payment_config DROP COLUMN sort_order;

DROP TABLE monay.user_types, monay.tenant_roles, monay.tenant_types, monay.billing_tiers;

RESET ROLE;
