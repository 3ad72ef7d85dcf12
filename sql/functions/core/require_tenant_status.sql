-- sql/functions/core/require_tenant_status.sql
CREATE OR REPLACE FUNCTION monay_private.require_tenant_status(
    p_tenant_id uuid
    , p_status  text
    , p_refusal text
    , p_refused text[] DEFAULT ARRAY['closed']
    , p_errcode text   DEFAULT NULL
)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
AS $$
/* "The tenant exists and its status allows this": the caller reads the
   tenant's status (p_status NULL: not found or not visible) and says what
   would be refused. Raises:
     MT301 p_status NULL (through monay_private.require_tenant_found)
     p_errcode (MT304 when NULL: a closed tenant in tenancy; MT404 for
           billing usage, with p_refused {suspended,closed}) when p_status is
           one of p_refused: 'tenant <id> is <status>: <p_refusal>'
   with a HINT for a suspended (the platform reactivates it) or closed
   (closing is final) tenant. p_errcode must be a registered code of ours
   (sql/functions/core/error_codes.sql); callers pass it as a literal so the
   registry sees who raises it. Owner-only, SECURITY INVOKER, no SET clause. */
BEGIN
    PERFORM monay_private.require_tenant_found(p_tenant_id, p_status IS NOT NULL);
    IF p_status = ANY (p_refused) THEN
        RAISE EXCEPTION 'tenant % is %: %', p_tenant_id, p_status, p_refusal
            USING ERRCODE = coalesce(p_errcode, 'MT304'),
                  HINT = CASE p_status
                             WHEN 'suspended' THEN 'A suspended tenant is reactivated by the platform (monay.reactivate_tenant).'
                             WHEN 'closed' THEN 'Closing is final: a closed tenant cannot be reopened.'
                             ELSE 'The tenant''s status_reason says why.' END;
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.require_tenant_status(uuid, text, text, text[], text) IS
    'MT301 when the tenant is not found (p_status NULL), p_errcode (MT304 when NULL) when its status is refused.';
REVOKE ALL ON FUNCTION monay_private.require_tenant_status(uuid, text, text, text[], text) FROM PUBLIC;
