-- sql/functions/groups/move_group.sql
CREATE OR REPLACE FUNCTION monay.move_group(
    p_group_id         uuid
    , p_new_parent_id  uuid
)
    RETURNS monay.groups
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Re-parents holding p_group_id (with its subtree) under p_new_parent_id,
   or makes it a root when p_new_parent_id is NULL. Both trees are locked
   first (monay_private.group_lock_trees: their roots, in id order, re-read
   until stable), then the cycle and depth rules are checked on what is
   committed, so concurrent moves can create neither. Moving to the current
   parent is a no-op (idempotent).
   Who: a manager of the group (owner/admin of its tenant) or the platform;
   the group's owner must own or be a member tenant of the new parent.
   Raises:
     42501 not a manager of the group     MG001 either group missing or invisible
     MG004 the subtree would end deeper than GROUP_HIERARCHY_DEPTH
     MG005 the new parent is the group or below it (a cycle)
     MG011 a kind that does not nest, or a parent the owner neither owns nor belongs to */
DECLARE
    v_group  monay.groups;
    v_parent monay.groups;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'move_group');
    PERFORM monay_private.group_require_manager(v_group, 'move_group');
    IF p_new_parent_id IS NOT NULL THEN
        v_parent := monay_private.group_find(p_new_parent_id, 'move_group');
        PERFORM monay_private.group_check_parent(v_group.kind, v_group.tenant_id, v_parent, 'move_group');
    END IF;
    PERFORM monay_private.group_lock_trees(ARRAY[p_group_id] || coalesce(ARRAY[p_new_parent_id], '{}'::uuid[]));
    -- Re-read under the locks: a concurrent move may have changed the parent.
    v_group := monay_private.group_find(p_group_id, 'move_group', true);
    IF v_group.parent_id IS NOT DISTINCT FROM p_new_parent_id THEN
        RETURN v_group;
    END IF;
    IF p_new_parent_id IS NOT NULL THEN
        PERFORM monay_private.group_check_placement(p_group_id, p_new_parent_id, 'move_group');
    END IF;
    -- Closure: cut the subtree from its old ancestors, hang it under the new ones.
    DELETE FROM monay_private.group_paths x
    WHERE x.descendant_id IN (SELECT s.descendant_id FROM monay_private.group_paths s WHERE s.ancestor_id = p_group_id)
      AND x.ancestor_id NOT IN (SELECT s.descendant_id FROM monay_private.group_paths s WHERE s.ancestor_id = p_group_id);
    INSERT INTO monay_private.group_paths (ancestor_tenant_id, ancestor_id, descendant_tenant_id, descendant_id, distance)
    SELECT a.ancestor_tenant_id, a.ancestor_id, s.descendant_tenant_id, s.descendant_id, a.distance + s.distance + 1
    FROM monay_private.group_paths a
    JOIN monay_private.group_paths s ON s.ancestor_id = p_group_id
    WHERE a.descendant_id = p_new_parent_id;
    UPDATE monay.groups g SET parent_tenant_id = v_parent.tenant_id, parent_id = v_parent.id, updated_at = now()
    WHERE g.tenant_id = v_group.tenant_id AND g.id = v_group.id
    RETURNING * INTO v_group;
    RETURN v_group;
END;
$$;

COMMENT ON FUNCTION monay.move_group(uuid, uuid) IS
    'Re-parents a holding (NULL: root); trees locked, cycles (MG005) and depth (MG004) refused; idempotent.';
REVOKE ALL ON FUNCTION monay.move_group(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.move_group(uuid, uuid) TO monay_app, monay_platform;
