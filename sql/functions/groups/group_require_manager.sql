-- sql/functions/groups/group_require_manager.sql
CREATE OR REPLACE FUNCTION monay_private.group_require_manager(
    p_group       monay.groups
    , p_operation text
)
    RETURNS text
    LANGUAGE plpgsql STABLE
AS $$
/* Who may manage group p_group (members, hierarchy, grants, its bill):
   'platform' for the platform context, 'owner'/'admin' for an owner or admin
   of the group's owner tenant authenticated in it. Raises 42501 otherwise
   (a member, another tenant, no or a forged context), naming the group.
   SECURITY INVOKER, monay_owner only (inside the group functions). */
BEGIN
    RETURN monay_private.require_tenant_manager(p_group.tenant_id,
        format('%s on group %s', p_operation, p_group.id));
END;
$$;

COMMENT ON FUNCTION monay_private.group_require_manager(monay.groups, text) IS
    'The caller''s right to manage a group (platform, owner/admin of its tenant), else 42501.';
REVOKE ALL ON FUNCTION monay_private.group_require_manager(monay.groups, text) FROM PUBLIC;
