-- sql/functions/groups/group_find.sql
CREATE OR REPLACE FUNCTION monay_private.group_find(
    p_group_id    uuid
    , p_operation text
    , p_lock      boolean DEFAULT false
)
    RETURNS monay.groups
    LANGUAGE plpgsql VOLATILE
AS $$
/* The group p_group_id as the caller's context sees it (RLS: owner tenant,
   members, owners of ancestors, the platform), optionally locked FOR NO KEY
   UPDATE (which only its owner tenant or the platform may: RLS applies the
   UPDATE policy to locked rows). SECURITY INVOKER, executable by monay_owner
   only: it runs inside the (owner-run) group functions.
   Raises 22023 (NULL id), MG001 (no such group, or invisible to the caller). */
DECLARE
    v_row monay.groups;
BEGIN
    PERFORM monay_private.require_not_null(p_group_id, 'p_group_id', p_operation);
    IF p_lock THEN
        SELECT * INTO v_row FROM monay.groups g WHERE g.id = p_group_id FOR NO KEY UPDATE;
    ELSE
        SELECT * INTO v_row FROM monay.groups g WHERE g.id = p_group_id;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION '%: group % does not exist or is not visible to tenant %', p_operation, p_group_id,
            coalesce(monay.current_tenant_id()::text, 'none') USING ERRCODE = 'MG001';
    END IF;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay_private.group_find(uuid, text, boolean) IS
    'A group as the caller sees it (optionally locked); MG001 when missing or invisible.';
REVOKE ALL ON FUNCTION monay_private.group_find(uuid, text, boolean) FROM PUBLIC;
