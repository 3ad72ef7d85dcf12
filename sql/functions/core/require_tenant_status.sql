-- sql/functions/core/require_tenant_status.sql
CREATE OR REPLACE FUNCTION monay_private.require_tenant_status(
    p_tenant_id uuid
    , p_status  text
    , p_errcode text
    , p_refusal text
    , p_refused text[] DEFAULT ARRAY['closed']
)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
AS $$
/* "The tenant exists and its status allows this": the caller reads the
   tenant's status (p_status NULL: not found or not visible) and says which
   code and words a refused status gets:
     PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'its tier cannot change');
   Raises:
     MT301 p_status NULL (through monay_private.require_tenant_found)
     p_errcode when p_status is one of p_refused (default {closed}):
           'tenant <id> is <status>: <p_refusal>', with a HINT for a suspended
           (the platform reactivates it) or closed (final) tenant.
           Today MT304 (tenancy: a closed tenant cannot change) and MT404
           (billing: usage of a suspended or closed tenant is refused).
   p_errcode is a registered code of ours (sql/functions/core/error_codes.sql),
   written as a literal at the call site: the registry then lists the caller
   as its raiser. Owner-only, SECURITY INVOKER, no SET clause (names no object
   but its sibling, schema-qualified). */
BEGIN
    PERFORM monay_private.require_tenant_found(p_tenant_id, p_status IS NOT NULL);
    IF p_status = ANY (p_refused) THEN
        RAISE EXCEPTION 'tenant % is %: %', p_tenant_id, p_status, p_refusal
            USING ERRCODE = p_errcode,
                  HINT = CASE p_status
                             WHEN 'suspended' THEN 'A suspended tenant is reactivated by the platform (monay.reactivate_tenant).'
                             WHEN 'closed' THEN 'Closing is final: a closed tenant cannot be reopened.'
                             ELSE 'The tenant''s status_reason says why.' END;
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.require_tenant_status(uuid, text, text, text, text[]) IS
    'MT301 when the tenant is not found (p_status NULL); p_errcode "tenant <id> is <status>: <refusal>" when its status is refused.';
REVOKE ALL ON FUNCTION monay_private.require_tenant_status(uuid, text, text, text, text[]) FROM PUBLIC;
