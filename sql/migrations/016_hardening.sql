-- Hardening (issue 15): what the fuzzer found in the tenancy primitives of migration 003,
-- and the seed's feature flags that concern the database.
--
-- 1. monay.tenant_code_check_char took quadratic CPU on long input (each substr() of a
--    toasted argument detoasts it again: 40k digits 4.1 s, 1 MB tens of minutes) and was
--    granted to every application login although nothing documents it. It now refuses
--    anything but 1 to 22 digits (22023, the longest code a check letter protects) and is
--    the owner's only (generate_tenant_code and tenant_code_is_valid use it);
--    tenant_code_is_valid, the documented check, stays granted and runs as the owner.
-- 2. Settings TENANT_SWITCHING_ENABLED (switch_tenant refuses with MT209 when false) and
--    MARGIN_CALCULATION_ENABLED (the billing functions' flag; see docs/hardening.md).
-- Online-safe: function bodies, ACLs and two settings rows.
-- depends: 007_vault_management 008_billing_safety 014_trigger_order_names

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';

CREATE OR REPLACE FUNCTION monay.tenant_code_check_char(
    p_digits text
)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Weighted sum of the digits (weights 1, 2, 3, ... from the left) modulo 23,
   as a letter of ABCDEFGHJKLMNPQRSTUVWXY. 23 is prime and above every weight
   and every digit difference, so any single wrong digit and any swap of two
   neighbouring digits changes the letter (up to 22 digits).
   Raises 22023 unless p_digits is 1 to 22 ASCII digits (bounded work). */
DECLARE
    v_sum int := 0;
BEGIN
    IF length(p_digits) > 22 OR p_digits !~ '^[0-9]+$' THEN
        RAISE EXCEPTION 'tenant_code_check_char: p_digits must be 1 to 22 digits, got % characters',
            length(p_digits) USING ERRCODE = '22023';
    END IF;
    FOR i IN 1 .. length(p_digits) LOOP
        v_sum := v_sum + (ascii(substr(p_digits, i, 1)) - 48) * i;
    END LOOP;
    RETURN substr('ABCDEFGHJKLMNPQRSTUVWXY', 1 + v_sum % 23, 1);
END;
$$;
COMMENT ON FUNCTION monay.tenant_code_check_char(text) IS
    'Owner only: check letter of a tenant code''s digits (weighted sum mod 23; 1 to 22 digits, else 22023).';

CREATE OR REPLACE FUNCTION monay.tenant_code_is_valid(
    p_code text
)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* True when p_code is TNT-<6 to 22 digits>-<its check letter>. The check letter is
   computed only for a code of that shape (CASE: never on other input). */
    SELECT CASE WHEN p_code ~ '^TNT-[0-9]{6,22}-[A-Z]$'
                THEN right(p_code, 1) = monay.tenant_code_check_char(split_part(p_code, '-', 2))
                ELSE false END
$$;
COMMENT ON FUNCTION monay.tenant_code_is_valid(text) IS
    'True for a well-formed tenant code whose check letter matches (catches typos).';

REVOKE EXECUTE ON FUNCTION monay.tenant_code_check_char(text) FROM monay_app, monay_platform, monay_readonly;

INSERT INTO monay.settings (key, value, value_type, description) VALUES
    ('TENANT_SWITCHING_ENABLED', 'true', 'boolean',
     'Users may move to another of their tenants with switch_tenant; false refuses it (MT209, recorded).'),
    ('MARGIN_CALCULATION_ENABLED', 'true', 'boolean',
     'Bills carry the gross margin and apply_margin_markup prices; false is the seed''s quick disable switch.');
