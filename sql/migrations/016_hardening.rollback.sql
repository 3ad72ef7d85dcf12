-- Undo 016_hardening: the two feature-flag settings go, tenant_code_check_char and
-- tenant_code_is_valid take back their 003 bodies and grants.
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';

DELETE FROM monay.settings WHERE key IN ('TENANT_SWITCHING_ENABLED', 'MARGIN_CALCULATION_ENABLED');

GRANT EXECUTE ON FUNCTION monay.tenant_code_check_char(text) TO monay_app, monay_platform, monay_readonly;

CREATE OR REPLACE FUNCTION monay.tenant_code_is_valid(
    p_code text
)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $$
/* True when p_code is TNT-<6 to 22 digits>-<its check letter>. */
    SELECT coalesce(p_code ~ '^TNT-[0-9]{6,22}-[A-Z]$'
        AND right(p_code, 1) = monay.tenant_code_check_char(split_part(p_code, '-', 2)), false)
$$;
COMMENT ON FUNCTION monay.tenant_code_is_valid(text) IS
    'True for a well-formed tenant code whose check letter matches (catches typos).';

CREATE OR REPLACE FUNCTION monay.tenant_code_check_char(
    p_digits text
)
    RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Weighted sum of the digits (weights 1, 2, 3, ... from the left) modulo 23,
   as a letter of ABCDEFGHJKLMNPQRSTUVWXY. 23 is prime and above every weight
   and every digit difference, so any single wrong digit and any swap of two
   neighbouring digits changes the letter (up to 22 digits). */
    SELECT substr('ABCDEFGHJKLMNPQRSTUVWXY',
                  1 + (sum(substr(p_digits, i, 1)::int * i) % 23)::int, 1)
    FROM generate_series(1, length(p_digits)) AS i
$$;
COMMENT ON FUNCTION monay.tenant_code_check_char(text) IS
    'Check letter of a tenant code''s digits (weighted sum mod 23).';
