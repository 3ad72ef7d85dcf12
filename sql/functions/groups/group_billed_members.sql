-- sql/functions/groups/group_billed_members.sql
CREATE OR REPLACE FUNCTION monay_private.group_billed_members(
    p_group_id uuid
)
    RETURNS TABLE (
        member_tenant_id  uuid
        , group_tenant_id uuid
        , group_id        uuid
        , role            text
        , member_user_id  uuid
    )
    LANGUAGE plpgsql STABLE
AS $$
/* The tenants whose bills a consolidated bill of group p_group_id carries:
   every member tenant of the group and of its descendants, once each (the
   one nearest to p_group_id, then the smallest id): a holding's parent and
   subsidiaries, its affiliates when that group's config include_affiliates,
   a household member's personal tenant. Reads members as the caller's
   context sees them (the group's owner sees its subtree's members).
   SECURITY INVOKER, executable by monay_owner only. */
BEGIN
    RETURN QUERY
    SELECT DISTINCT ON (m.member_tenant_id) m.member_tenant_id, m.tenant_id, m.group_id, m.role, m.member_user_id
    FROM monay_private.group_paths p
    JOIN monay.groups g ON g.tenant_id = p.descendant_tenant_id AND g.id = p.descendant_id
    JOIN monay.group_members m ON m.tenant_id = g.tenant_id AND m.group_id = g.id
    WHERE p.ancestor_id = p_group_id AND m.member_tenant_id IS NOT NULL
      AND (m.role <> 'affiliate' OR coalesce((g.config ->> 'include_affiliates')::boolean, false))
    ORDER BY m.member_tenant_id, p.distance, m.group_id;
END;
$$;

COMMENT ON FUNCTION monay_private.group_billed_members(uuid) IS
    'Distinct member tenants of a group''s subtree whose bills its consolidated bill carries.';
REVOKE ALL ON FUNCTION monay_private.group_billed_members(uuid) FROM PUBLIC;
