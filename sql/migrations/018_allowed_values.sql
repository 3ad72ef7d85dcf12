-- Allowed values in one place (issue 9, item 4), part 1 of 2: the lookup tables (created by
-- 005a_allowed_values_tables) referenced by foreign keys instead of CHECK lists copied across
-- tables and functions.
--   monay.billing_tiers     tiers and their gross-margin range (was tenants_gross_margin_within_tier)
--   monay.tenant_types      tenant types;  monay.tenant_roles: membership roles (manages: owner, admin)
--   monay.user_types        user types
--   coins                   monay.stablecoin_payment_config is the list (symbol PK); it gains sort_order
--   operation types         monay.operation_costs (already the list: track_operation reads it)
--   group kinds, roles      monay.group_kinds, monay.group_member_roles (004, already FKs)
-- All are platform-managed configuration: apply_rls 'platform_config' (everyone reads, only the
-- platform context writes), SELECT for our roles, writes granted to monay_platform only. Adding
-- a value is an INSERT (docs/development.md, "Allowed values").
-- The seed's 23514 contracts stay: a BEFORE trigger on tenants checks the margin against
-- billing_tiers (and an unknown tier) with 23514; payment methods and coin symbols keep a cheap
-- CHECK that references nothing: a coin symbol is never shaped like an ISO 4217 code (three
-- letters), so 'USD' or 'card' fail with 23514; a well-shaped unknown symbol fails the FK (23503).
-- No FK where the insert path is hot (measured, docs/development.md "Allowed values"): a FK
-- check is a query plus a FOR KEY SHARE lock on the referenced row per inserted row.
--   billing_operations.operation_type (every track_operation): single-row INSERT into a
--     partitioned copy ~43 % slower with it (1 client; ~20 % with 2). Trigger
--     billing_operations_fill already reads monay.operation_costs for every row (raw INSERT
--     included): unknown type -> MT401.
--   billing_metrics.payment_method (the monthly run writes a bill per tenant): 1,000-row
--     INSERTs ~38 % slower with it. Only functions write bills (monay_app may not): the
--     waterfall copies the method of a payment (process_payment checked it, MT405; payments
--     references the coin); the cheap not-fiat CHECK stays for raw SQL (the seed's 23514).
-- Locks (this transaction, all taken up front in the platform's write order, so none is
-- upgraded later; lock_timeout 2s: on timeout retry): SHARE ROW EXCLUSIVE on users and
-- tenant_users (FKs added NOT VALID: no scan; writes wait for this short transaction only);
-- ACCESS EXCLUSIVE on tenants (the margin CHECK is dropped for the trigger: catalog only),
-- billing_tier_config, stablecoin_payment_config (a few rows: validated here), payments,
-- billing_metrics, group_bills (CHECKs added NOT VALID).
-- No table is rewritten or scanned except the two small configuration tables.
-- Part 2 (018a) validates with SHARE UPDATE EXCLUSIVE (reads and writes go on) and drops the lists.
-- depends: 017_treasury_wallet_links 005a_allowed_values_tables

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';
SET LOCAL ROLE monay_owner;

LOCK TABLE monay.users IN SHARE ROW EXCLUSIVE MODE;
LOCK TABLE monay.tenants IN ACCESS EXCLUSIVE MODE;
LOCK TABLE monay.tenant_users IN SHARE ROW EXCLUSIVE MODE;
LOCK TABLE monay.billing_tier_config, monay.stablecoin_payment_config, monay.payments,
    monay.billing_metrics, monay.group_bills IN ACCESS EXCLUSIVE MODE;

-- ---------------------------------------------------------------------------
-- References (NOT VALID: 018a validates them), the coin-format CHECKs, the margin trigger
-- ---------------------------------------------------------------------------

ALTER TABLE monay.users ADD CONSTRAINT users_user_type_fkey
    FOREIGN KEY (user_type) REFERENCES monay.user_types (user_type) NOT VALID;
ALTER TABLE monay.tenants ADD CONSTRAINT tenants_billing_tier_fkey
    FOREIGN KEY (billing_tier) REFERENCES monay.billing_tiers (tier) NOT VALID;
ALTER TABLE monay.tenants ADD CONSTRAINT tenants_tenant_type_fkey
    FOREIGN KEY (tenant_type) REFERENCES monay.tenant_types (tenant_type) NOT VALID;
ALTER TABLE monay.tenant_users ADD CONSTRAINT tenant_users_role_fkey
    FOREIGN KEY (role) REFERENCES monay.tenant_roles (role) NOT VALID;
-- Price versions and coins: a few rows each, validated here (milliseconds under their lock).
ALTER TABLE monay.billing_tier_config ADD CONSTRAINT billing_tier_config_tier_fkey
    FOREIGN KEY (tier) REFERENCES monay.billing_tiers (tier) NOT VALID;
-- squawk-ignore constraint-missing-not-valid
ALTER TABLE monay.billing_tier_config VALIDATE CONSTRAINT billing_tier_config_tier_fkey;
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.billing_tier_config DROP CONSTRAINT billing_tier_config_tier_known;

-- Coins: three-letter codes are ISO 4217 (fiat); a symbol has 4 to 12 characters.
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.stablecoin_payment_config DROP CONSTRAINT stablecoin_payment_config_symbol_known;
ALTER TABLE monay.stablecoin_payment_config ADD CONSTRAINT stablecoin_payment_config_symbol_not_fiat
    CHECK (symbol ~ '^[A-Z][A-Za-z0-9.]{3,11}$') NOT VALID;
-- squawk-ignore constraint-missing-not-valid
ALTER TABLE monay.stablecoin_payment_config VALIDATE CONSTRAINT stablecoin_payment_config_symbol_not_fiat;
ALTER TABLE monay.payments ADD CONSTRAINT payments_method_not_fiat
    CHECK (payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$') NOT VALID;
ALTER TABLE monay.payments ADD CONSTRAINT payments_payment_method_fkey
    FOREIGN KEY (payment_method) REFERENCES monay.stablecoin_payment_config (symbol) NOT VALID;
ALTER TABLE monay.billing_metrics ADD CONSTRAINT billing_metrics_payment_method_not_fiat
    CHECK (payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$') NOT VALID;
ALTER TABLE monay.group_bills ADD CONSTRAINT group_bills_payment_method_not_fiat
    CHECK (payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$') NOT VALID;
ALTER TABLE monay.group_bills ADD CONSTRAINT group_bills_payment_method_fkey
    FOREIGN KEY (payment_method) REFERENCES monay.stablecoin_payment_config (symbol) NOT VALID;

CREATE FUNCTION monay_private.tenants_margin_within_tier()
    RETURNS trigger
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* BEFORE INSERT/UPDATE OF billing_tier, gross_margin_percent on monay.tenants: the
   seed's margin contract, read from monay.billing_tiers (it replaced the CHECK
   tenants_gross_margin_within_tier and keeps its SQLSTATE and name).
   Raises 23514 for a margin outside the tier's range and for an unknown tier
   (the message names the allowed ones; the foreign key stays as the backstop). */
DECLARE
    v_tier monay.billing_tiers;
BEGIN
    IF NEW.billing_tier IS NULL OR NEW.gross_margin_percent IS NULL THEN
        RETURN NEW;  -- NOT NULL reports it (23502), as before
    END IF;
    SELECT * INTO v_tier FROM monay.billing_tiers b WHERE b.tier = NEW.billing_tier;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tenant %: unknown billing tier %, allowed: %', NEW.id,
            coalesce(quote_literal(NEW.billing_tier), 'NULL'),
            (SELECT string_agg(b.tier, ', ' ORDER BY b.sort_order) FROM monay.billing_tiers b)
            USING ERRCODE = '23514', CONSTRAINT = 'tenants_billing_tier_fkey',
                  SCHEMA = 'monay', TABLE = 'tenants', COLUMN = 'billing_tier';
    END IF;
    IF NEW.gross_margin_percent NOT BETWEEN v_tier.gross_margin_min_percent AND v_tier.gross_margin_max_percent THEN
        RAISE EXCEPTION 'tenant %: gross margin % %% is outside the range of tier % (% to % %%)', NEW.id,
            coalesce(NEW.gross_margin_percent::text, 'NULL'), NEW.billing_tier,
            v_tier.gross_margin_min_percent, v_tier.gross_margin_max_percent
            USING ERRCODE = '23514', CONSTRAINT = 'tenants_gross_margin_within_tier',
                  SCHEMA = 'monay', TABLE = 'tenants', COLUMN = 'gross_margin_percent';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION monay_private.tenants_margin_within_tier() IS
    'Trigger: a tenant''s gross margin lies in its tier''s range (monay.billing_tiers); 23514 otherwise.';
REVOKE ALL ON FUNCTION monay_private.tenants_margin_within_tier() FROM PUBLIC;

CREATE TRIGGER tenants_200_margin_within_tier BEFORE INSERT OR UPDATE OF billing_tier, gross_margin_percent
    ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.tenants_margin_within_tier();
-- The trigger above replaces it, in this transaction.
-- squawk-ignore ban-drop-constraint
ALTER TABLE monay.tenants DROP CONSTRAINT tenants_gross_margin_within_tier;
COMMENT ON TABLE monay.tenants IS
    'Vaults: one per customer. Margin per tier from monay.billing_tiers (trigger tenants_200_margin_within_tier).';

CREATE FUNCTION monay_private.billing_tiers_keep_tenants()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* AFTER UPDATE OF the margin range on monay.billing_tiers: a range may not
   shrink past a tenant of the tier (what the CHECK it replaced guaranteed).
   Raises 23514 naming the tier, the new range and how many tenants fall out. */
DECLARE
    v_out bigint;
BEGIN
    SELECT count(*) INTO v_out FROM monay.tenants t
    WHERE t.billing_tier = NEW.tier
      AND t.gross_margin_percent NOT BETWEEN NEW.gross_margin_min_percent AND NEW.gross_margin_max_percent;
    IF v_out > 0 THEN
        RAISE EXCEPTION 'tier %: % tenant(s) have a margin outside the new range % to %%%: move them first',
            NEW.tier, v_out, NEW.gross_margin_min_percent, NEW.gross_margin_max_percent
            USING ERRCODE = '23514', CONSTRAINT = 'tenants_gross_margin_within_tier',
                  SCHEMA = 'monay', TABLE = 'billing_tiers';
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION monay_private.billing_tiers_keep_tenants() IS
    'Trigger: a tier''s margin range cannot shrink past one of its tenants (23514).';
REVOKE ALL ON FUNCTION monay_private.billing_tiers_keep_tenants() FROM PUBLIC;

CREATE TRIGGER billing_tiers_keep_tenants AFTER UPDATE OF tier, gross_margin_min_percent, gross_margin_max_percent
    ON monay.billing_tiers FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tiers_keep_tenants();

RESET ROLE;
