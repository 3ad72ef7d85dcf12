-- sql/functions/vault/vault_of.sql
CREATE OR REPLACE FUNCTION monay_private.vault_of(
    p_tenant_id   uuid
    , p_operation text
    , p_lock      text DEFAULT NULL
)
    RETURNS monay.tenant_vaults
    LANGUAGE plpgsql VOLATILE
AS $$
/* The vault of p_tenant_id as the caller's context sees it (RLS), optionally
   locked: p_lock 'share' (FOR SHARE: an address registration, which a
   rotation waits for) or 'update' (FOR NO KEY UPDATE: a rotation).
   Raises:
     MV007 the tenant has no vault this context can see (no such tenant;
           the caller checked the context first, so not another tenant's)
   SECURITY INVOKER, executable by monay_owner only (the vault functions). */
DECLARE
    v_row monay.tenant_vaults;
BEGIN
    IF p_lock = 'share' THEN
        SELECT * INTO v_row FROM monay.tenant_vaults v WHERE v.tenant_id = p_tenant_id FOR SHARE;
    ELSIF p_lock = 'update' THEN
        SELECT * INTO v_row FROM monay.tenant_vaults v WHERE v.tenant_id = p_tenant_id FOR NO KEY UPDATE;
    ELSE
        SELECT * INTO v_row FROM monay.tenant_vaults v WHERE v.tenant_id = p_tenant_id;
    END IF;
    IF v_row.tenant_id IS NULL THEN
        RAISE EXCEPTION '%: tenant % has no vault (no such tenant)', p_operation, p_tenant_id
            USING ERRCODE = 'MV007';
    END IF;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay_private.vault_of(uuid, text, text) IS
    'The tenant''s vault under the caller''s RLS, optionally locked (MV007 when there is none).';
REVOKE ALL ON FUNCTION monay_private.vault_of(uuid, text, text) FROM PUBLIC;
