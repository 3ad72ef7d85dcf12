-- sql/functions/groups/remove_group_member.sql
CREATE OR REPLACE FUNCTION monay.remove_group_member(
    p_group_id    uuid
    , p_member_id uuid
)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Removes member p_member_id (a user of a household, a tenant of a holding)
   from group p_group_id and revokes the treasury grants the group gave it.
   Returns true when a member was removed, false when it was not a member
   (idempotent: a retry is a no-op).
   Who: a manager of the group or the platform.
   Raises:
     42501 not a manager of the group     22023 NULL member
     MG001 no such group (or invisible)
     MG010 the member is the group's last manager (head / the parent company)
     MG011 the member tenant owns a group placed under this one (move it first) */
DECLARE
    v_group  monay.groups;
    v_member monay.group_members;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'remove_group_member');
    PERFORM monay_private.group_require_manager(v_group, 'remove_group_member');
    PERFORM monay_private.require_not_null(p_member_id, 'p_member_id', 'remove_group_member');
    v_group := monay_private.group_find(p_group_id, 'remove_group_member', true);
    SELECT * INTO v_member FROM monay.group_members m
    WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id
      AND (m.member_user_id = p_member_id OR (m.member_user_id IS NULL AND m.member_tenant_id = p_member_id));
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF (SELECT r.manages FROM monay.group_member_roles r WHERE r.kind = v_member.group_kind AND r.role = v_member.role)
       AND NOT EXISTS (SELECT 1 FROM monay.group_members m
                       JOIN monay.group_member_roles r ON r.kind = m.group_kind AND r.role = m.role AND r.manages
                       WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id AND m.id <> v_member.id) THEN
        RAISE EXCEPTION 'remove_group_member: % is the last % of group %', p_member_id, v_member.role, p_group_id
            USING ERRCODE = 'MG010';
    END IF;
    IF v_member.member_user_id IS NULL AND EXISTS (
        SELECT 1 FROM monay_private.group_paths p
        WHERE p.ancestor_id = v_group.id AND p.distance = 1 AND p.descendant_tenant_id = v_member.member_tenant_id
          AND p.descendant_tenant_id <> v_group.tenant_id) THEN
        RAISE EXCEPTION 'remove_group_member: tenant % owns a group placed under group %: move it first (monay.move_group)',
            p_member_id, p_group_id USING ERRCODE = 'MG011';
    END IF;
    UPDATE monay.treasury_access_grants t SET revoked_at = now(), updated_at = now()
    WHERE t.tenant_id = v_group.tenant_id AND t.group_id = v_group.id AND t.revoked_at IS NULL
      AND (t.grantee_user_id = v_member.member_user_id
           OR (v_member.member_user_id IS NULL AND t.grantee_tenant_id = v_member.member_tenant_id));
    DELETE FROM monay.group_members m WHERE m.tenant_id = v_member.tenant_id AND m.id = v_member.id;
    UPDATE monay.groups g SET member_count = g.member_count - 1, updated_at = now()
    WHERE g.tenant_id = v_group.tenant_id AND g.id = v_group.id;
    RETURN true;
END;
$$;

COMMENT ON FUNCTION monay.remove_group_member(uuid, uuid) IS
    'Removes a member (and revokes its grants of the group); false when not a member; MG010 for the last manager.';
REVOKE ALL ON FUNCTION monay.remove_group_member(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.remove_group_member(uuid, uuid) TO monay_app, monay_platform;
