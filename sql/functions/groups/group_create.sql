-- sql/functions/groups/group_create.sql
CREATE OR REPLACE FUNCTION monay_private.group_create(
    p_kind               text
    , p_tenant_id        uuid
    , p_name             text
    , p_config           jsonb
    , p_parent_id        uuid
    , p_idempotency_key  text
    , p_member_user_id   uuid
    , p_member_tenant_id uuid
    , p_role             text
    , p_operation        text
)
    RETURNS monay.groups
    LANGUAGE plpgsql VOLATILE
AS $$
/* What create_household_group and create_holding_company share, after their
   caller checks: the configuration validated, the parent checked and its
   tree locked (depth), the group row, its closure rows, its first member
   (the head / the parent company). With p_idempotency_key a retry returns
   the group made first; the same key with another name, kind, config or
   parent raises MG019. Raises 22023, MG001, MG003, MG004, MG011, MG019.
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_config jsonb;
    v_parent monay.groups;
    v_row    monay.groups;
BEGIN
    IF p_name IS NULL OR length(btrim(p_name)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION '%: the name must have 1 to 200 characters, got %', p_operation,
            coalesce(quote_literal(p_name), 'NULL') USING ERRCODE = '22023';
    END IF;
    IF length(p_idempotency_key) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION '%: idempotency key must have 1 to 200 characters', p_operation USING ERRCODE = '22023';
    END IF;
    v_config := monay_private.group_validate_config(p_kind, p_config);
    IF p_idempotency_key IS NOT NULL THEN
        -- Serialise retries of one key (the unique constraint would too, with an error).
        PERFORM pg_advisory_xact_lock(hashtext('monay.groups'), hashtext(p_tenant_id::text || ':' || p_idempotency_key));
        SELECT * INTO v_row FROM monay.groups g WHERE g.tenant_id = p_tenant_id AND g.idempotency_key = p_idempotency_key;
        IF FOUND THEN
            IF (v_row.kind, v_row.name, v_row.config, v_row.parent_id) IS DISTINCT FROM
               (p_kind, btrim(p_name), v_config, p_parent_id) THEN
                RAISE EXCEPTION '%: idempotency key % of tenant % made group % (%, %), not this request',
                    p_operation, quote_literal(p_idempotency_key), p_tenant_id, v_row.id, v_row.kind, v_row.name
                    USING ERRCODE = 'MG019';
            END IF;
            RETURN v_row;
        END IF;
    END IF;
    IF p_parent_id IS NOT NULL THEN
        v_parent := monay_private.group_find(p_parent_id, p_operation);
        PERFORM monay_private.group_check_parent(p_kind, p_tenant_id, v_parent, p_operation);
        PERFORM monay_private.group_lock_trees(ARRAY[p_parent_id]);
        PERFORM monay_private.group_check_placement(NULL, p_parent_id, p_operation);
    END IF;
    INSERT INTO monay.groups (tenant_id, kind, name, config, parent_tenant_id, parent_id, member_count,
                              idempotency_key, created_by)
    VALUES (p_tenant_id, p_kind, btrim(p_name), v_config, v_parent.tenant_id, v_parent.id, 1,
            p_idempotency_key, monay.current_user_id())
    RETURNING * INTO v_row;
    INSERT INTO monay_private.group_paths (ancestor_tenant_id, ancestor_id, descendant_tenant_id, descendant_id, distance)
    SELECT p.ancestor_tenant_id, p.ancestor_id, v_row.tenant_id, v_row.id, p.distance + 1
    FROM monay_private.group_paths p WHERE p.descendant_id = p_parent_id
    UNION ALL
    SELECT v_row.tenant_id, v_row.id, v_row.tenant_id, v_row.id, 0;
    INSERT INTO monay.group_members (tenant_id, group_id, group_kind, role, member_user_id, member_tenant_id, added_by)
    VALUES (v_row.tenant_id, v_row.id, p_kind, p_role, p_member_user_id, p_member_tenant_id, monay.current_user_id());
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay_private.group_create(text, uuid, text, jsonb, uuid, text, uuid, uuid, text, text) IS
    'Creates a group with its closure rows and first member (config, parent, depth, idempotency checked).';
REVOKE ALL ON FUNCTION monay_private.group_create(text, uuid, text, jsonb, uuid, text, uuid, uuid, text, text) FROM PUBLIC;
