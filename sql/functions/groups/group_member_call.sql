-- sql/functions/groups/group_member_call.sql
CREATE OR REPLACE FUNCTION monay_private.group_member_call(
    p_member_tenant_id  uuid
    , p_what            text
    , p_period          date
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE
AS $$
/* One member tenant's own bill (p_what 'billing': monay.calculate_tenant_billing)
   or usage ('usage': monay.calculate_tenant_usage) for p_period, computed by
   the billing functions under that tenant's own context, then the caller's
   context restored (also when the call raises). Only for callers that have
   checked their right to the group's figures (manager or platform).
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_prev   jsonb;
    v_result jsonb;
BEGIN
    v_prev := monay_private.group_context_switch(p_member_tenant_id, NULL, false);
    BEGIN
        IF p_what = 'billing' THEN
            v_result := monay.calculate_tenant_billing(p_member_tenant_id, p_period);
        ELSE
            v_result := monay.calculate_tenant_usage(p_member_tenant_id, p_period);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                                   (v_prev ->> 'platform')::boolean);
        RAISE;
    END;
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    RETURN v_result;
END;
$$;

COMMENT ON FUNCTION monay_private.group_member_call(uuid, text, date) IS
    'A member tenant''s own bill or usage, computed under its own context; the caller''s restored.';
REVOKE ALL ON FUNCTION monay_private.group_member_call(uuid, text, date) FROM PUBLIC;
