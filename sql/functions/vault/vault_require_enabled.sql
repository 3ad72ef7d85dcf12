-- sql/functions/vault/vault_require_enabled.sql
CREATE OR REPLACE FUNCTION monay_private.vault_require_enabled(
    p_operation text
)
    RETURNS void
    LANGUAGE plpgsql STABLE
AS $$
/* The gate of every derivation request (a path, the next paths, an address
   registration): raises MV001 naming the operation when the setting
   HD_WALLET_ENABLED is not true. Reading what is registered (addresses,
   recovery) and rotating keys stay possible while it is off.
   SECURITY INVOKER, executable by monay_owner only (the vault functions). */
BEGIN
    IF (monay.get_setting('HD_WALLET_ENABLED') #>> '{}')::boolean IS DISTINCT FROM true THEN
        RAISE EXCEPTION '%: HD wallet derivation is disabled (setting HD_WALLET_ENABLED is false)', p_operation
            USING ERRCODE = 'MV001',
                  HINT = 'The platform enables it: SELECT monay.set_setting(''HD_WALLET_ENABLED'', ''true'').';
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.vault_require_enabled(text) IS
    'Raises MV001 when HD_WALLET_ENABLED is off (derivation requests only).';
REVOKE ALL ON FUNCTION monay_private.vault_require_enabled(text) FROM PUBLIC;
