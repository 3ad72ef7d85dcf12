-- sql/functions/groups/add_group_member.sql
CREATE OR REPLACE FUNCTION monay.add_group_member(
    p_group_id          uuid
    , p_member_id       uuid
    , p_role            text
    , p_allowance_cents bigint DEFAULT NULL
)
    RETURNS monay.group_members
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Adds p_member_id to group p_group_id with role p_role: a user id for a
   household, a tenant id for a holding company. Roles with an allowance
   (child, dependent) take p_allowance_cents, default the household's
   default_allowance_cents; other roles take none. At most MAX_GROUP_MEMBERS
   members, also under concurrent additions: the group row is locked and its
   member_count checked and bumped in the same transaction. Idempotent: the
   same member with the same role and allowance returns the existing row.
   A household member's line on the consolidated bill is the member's
   personal tenant (monay_private.group_personal_tenant), stored as
   member_tenant_id.
   Who: a manager of the group (owner/admin of its tenant) or the platform.
   Raises:
     42501 not a manager of the group     22023 NULL member or role
     MG001 no such group (or invisible)    MG002 role not valid for the kind
     MG006 the group has MAX_GROUP_MEMBERS members
     MG007 already a member with another role or allowance
     MG008 the user or tenant does not exist or is not active
     MG009 a tenant in a household or a user in a holding (trigger)
     MG018 an allowance for a role without one, or a negative one */
DECLARE
    v_group    monay.groups;
    v_type     text;
    v_allow    boolean;
    v_limit    bigint := (monay.get_setting('MAX_GROUP_MEMBERS') #>> '{}')::bigint;
    v_user     uuid;
    v_tenant   uuid;
    v_amount   bigint := p_allowance_cents;
    v_existing monay.group_members;
    v_row      monay.group_members;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'add_group_member');
    PERFORM monay_private.group_require_manager(v_group, 'add_group_member');
    PERFORM monay_private.require_not_null(p_member_id, 'p_member_id', 'add_group_member');
    PERFORM monay_private.require_not_null(p_role, 'p_role', 'add_group_member');
    SELECT r.has_allowance INTO v_allow FROM monay.group_member_roles r
    WHERE r.kind = v_group.kind AND r.role = p_role;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'add_group_member: % is not a role of a % (roles: %)', quote_literal(p_role), v_group.kind,
            (SELECT string_agg(r.role, ', ' ORDER BY r.role) FROM monay.group_member_roles r WHERE r.kind = v_group.kind)
            USING ERRCODE = 'MG002';
    END IF;
    IF v_allow THEN
        v_amount := coalesce(v_amount, (v_group.config ->> 'default_allowance_cents')::bigint, 0);
    END IF;
    IF v_amount < 0 OR (NOT v_allow AND v_amount IS NOT NULL) THEN
        RAISE EXCEPTION 'add_group_member: role % of a % takes %, got allowance %', p_role, v_group.kind,
            CASE WHEN v_allow THEN 'an allowance >= 0' ELSE 'no allowance' END, v_amount USING ERRCODE = 'MG018';
    END IF;
    SELECT k.member_type INTO v_type FROM monay.group_kinds k WHERE k.kind = v_group.kind;
    IF v_type = 'user' THEN
        IF monay_private.user_status(p_member_id) IS DISTINCT FROM 'active' THEN
            RAISE EXCEPTION 'add_group_member: user % does not exist or is disabled (a % has user members)',
                p_member_id, v_group.kind USING ERRCODE = 'MG008';
        END IF;
        v_user := p_member_id;
    ELSE
        IF monay_private.group_tenant_status(p_member_id) IS DISTINCT FROM 'active' THEN
            RAISE EXCEPTION 'add_group_member: tenant % does not exist or is not active (a % has tenant members)',
                p_member_id, v_group.kind USING ERRCODE = 'MG008';
        END IF;
        v_tenant := p_member_id;
    END IF;

    -- The group row's lock serialises additions: the count below is exact.
    v_group := monay_private.group_find(p_group_id, 'add_group_member', true);
    SELECT * INTO v_existing FROM monay.group_members m
    WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id
      AND (m.member_user_id = v_user OR (v_user IS NULL AND m.member_tenant_id = v_tenant));
    IF FOUND THEN
        IF (v_existing.role, v_existing.allowance_cents) IS DISTINCT FROM (p_role, v_amount) THEN
            RAISE EXCEPTION 'add_group_member: % is already a member of group % as % (allowance %)', p_member_id,
                p_group_id, v_existing.role, coalesce(v_existing.allowance_cents::text, 'none') USING ERRCODE = 'MG007';
        END IF;
        RETURN v_existing;
    END IF;
    IF v_group.member_count >= v_limit THEN
        RAISE EXCEPTION 'add_group_member: group % has % members, MAX_GROUP_MEMBERS is %', p_group_id,
            v_group.member_count, v_limit USING ERRCODE = 'MG006';
    END IF;
    IF v_user IS NOT NULL THEN
        v_tenant := monay_private.group_personal_tenant(v_user);
    END IF;
    INSERT INTO monay.group_members (tenant_id, group_id, group_kind, role, member_user_id, member_tenant_id,
                                     allowance_cents, added_by)
    VALUES (v_group.tenant_id, v_group.id, v_group.kind, p_role, v_user, v_tenant, v_amount, monay.current_user_id())
    RETURNING * INTO v_row;
    UPDATE monay.groups g SET member_count = g.member_count + 1, updated_at = now()
    WHERE g.tenant_id = v_group.tenant_id AND g.id = v_group.id;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.add_group_member(uuid, uuid, text, bigint) IS
    'Adds a user (household) or tenant (holding) with a role and allowance; MAX_GROUP_MEMBERS under concurrency; idempotent.';
REVOKE ALL ON FUNCTION monay.add_group_member(uuid, uuid, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.add_group_member(uuid, uuid, text, bigint) TO monay_app, monay_platform;
