-- Allowed values in one place (issue 9, item 4), the tables: lookup tables for billing tiers
-- (with their gross-margin range), tenant types, membership roles (manages: owner, admin) and
-- user types, and a sort_order for the coins (monay.stablecoin_payment_config is their list).
-- Platform-managed configuration: apply_rls 'platform_config' (everyone reads, only the
-- platform context writes), SELECT for our roles, writes granted to monay_platform only.
-- 018_allowed_values makes the tables that use these values reference them.
-- Numbered before 006 on purpose: the function files read these tables (create_tenant,
-- tier_margin_range, ...) and `monaydb legacy migrate` runs them (personal tenants) on a
-- database at 006, before the migrations after it; a database past 017 simply gets it first.
-- Locks: ACCESS EXCLUSIVE on stablecoin_payment_config (three rows; a column with a constant
-- default, no rewrite); the rest is new tables.
-- depends: 003a_rls_helper 005_billing_infrastructure

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';
SET LOCAL ROLE monay_owner;

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------

CREATE TABLE monay.billing_tiers (
    tier                      text PRIMARY KEY,
    sort_order                bigint NOT NULL UNIQUE,
    gross_margin_min_percent  numeric(5,2) NOT NULL,
    gross_margin_max_percent  numeric(5,2) NOT NULL,
    description               text NOT NULL,
    CONSTRAINT billing_tiers_tier_format CHECK (tier ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT billing_tiers_margin_range CHECK (gross_margin_min_percent BETWEEN 0 AND 99.99
        AND gross_margin_max_percent BETWEEN gross_margin_min_percent AND 99.99)
);
COMMENT ON TABLE monay.billing_tiers IS
    'Allowed billing tiers and the gross-margin range a tenant of the tier must keep (inclusive).';

CREATE TABLE monay.tenant_types (
    tenant_type  text PRIMARY KEY,
    description  text NOT NULL,
    CONSTRAINT tenant_types_format CHECK (tenant_type ~ '^[a-z][a-z0-9_]{0,62}$')
);
COMMENT ON TABLE monay.tenant_types IS 'Allowed tenant types.';

CREATE TABLE monay.tenant_roles (
    role         text PRIMARY KEY,
    manages      boolean NOT NULL,
    description  text NOT NULL,
    CONSTRAINT tenant_roles_format CHECK (role ~ '^[a-z][a-z0-9_]{0,62}$')
);
COMMENT ON TABLE monay.tenant_roles IS
    'Allowed membership roles; manages: may manage the tenant (members, profile, groups).';

CREATE TABLE monay.user_types (
    user_type    text PRIMARY KEY,
    description  text NOT NULL,
    CONSTRAINT user_types_format CHECK (user_type ~ '^[a-z][a-z0-9_]{0,62}$')
);
COMMENT ON TABLE monay.user_types IS 'Allowed user types.';

ALTER TABLE monay.stablecoin_payment_config ADD COLUMN sort_order bigint NOT NULL DEFAULT 100;
COMMENT ON TABLE monay.stablecoin_payment_config IS
    'Accepted stablecoins (the list of payment methods): decimals, network, token contract, discount '
    '(USDXM 10%), enabled, sort_order (invoices list them in this order).';

-- ---------------------------------------------------------------------------
-- RLS and grants
-- ---------------------------------------------------------------------------

DO $$
BEGIN
    PERFORM monay_private.apply_rls(t, 'platform_config')
    FROM unnest(ARRAY['monay.billing_tiers', 'monay.tenant_types', 'monay.tenant_roles',
                      'monay.user_types']::regclass[]) t;
END
$$;
GRANT SELECT ON monay.billing_tiers, monay.tenant_types, monay.tenant_roles, monay.user_types
    TO monay_app, monay_platform, monay_readonly;
GRANT INSERT, UPDATE, DELETE ON monay.billing_tiers, monay.tenant_types, monay.tenant_roles,
    monay.user_types TO monay_platform;

-- ---------------------------------------------------------------------------
-- Seed data (as the migrating superuser: the write policies want a platform context)
-- ---------------------------------------------------------------------------

RESET ROLE;
INSERT INTO monay.billing_tiers (tier, sort_order, gross_margin_min_percent, gross_margin_max_percent,
    description) VALUES
    ('free', 10, 0, 0, 'No fee, no margin; usage refused beyond the allowance.'),
    ('small_business', 20, 60, 70, 'Base fee plus overages at a 60 to 70 % margin.'),
    ('enterprise', 30, 70, 90, 'Base fee plus overages at a 70 to 90 % margin.');
INSERT INTO monay.tenant_types (tenant_type, description) VALUES
    ('individual', 'One person (the personal tenant of a user).'),
    ('household', 'A family sharing a tenant.'),
    ('small_business', 'A small company.'),
    ('enterprise', 'A large company.'),
    ('holding_company', 'A company that owns others (holding groups).');
INSERT INTO monay.tenant_roles (role, manages, description) VALUES
    ('owner', true, 'Owns the tenant.'),
    ('admin', true, 'Manages members, profile and groups.'),
    ('member', false, 'Works in the tenant.'),
    ('viewer', false, 'Reads only.');
INSERT INTO monay.user_types (user_type, description) VALUES
    ('individual', 'A person.'),
    ('business', 'A business account.');
UPDATE monay.stablecoin_payment_config SET sort_order = CASE symbol WHEN 'USDXM' THEN 10 WHEN 'USDC' THEN 20
    WHEN 'USDT' THEN 30 END
WHERE symbol IN ('USDXM', 'USDC', 'USDT');

RESET ROLE;
