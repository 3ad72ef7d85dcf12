-- sql/functions/groups/group_check_placement.sql
CREATE OR REPLACE FUNCTION monay_private.group_check_placement(
    p_group_id    uuid
    , p_parent_id uuid
    , p_operation text
)
    RETURNS void
    LANGUAGE plpgsql STABLE
AS $$
/* Whether group p_group_id (with its subtree; NULL for a group being
   created) may go under p_parent_id. Call with both trees locked
   (monay_private.group_lock_trees). Raises:
     MG005 p_parent_id is the group or one of its descendants (a cycle)
     MG004 the deepest group of the subtree would be deeper than
           GROUP_HIERARCHY_DEPTH (a root is at depth 1)
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_limit        integer := (monay.get_setting('GROUP_HIERARCHY_DEPTH') #>> '{}')::integer;
    v_parent_depth bigint;
    v_height       bigint := 0;
BEGIN
    IF p_group_id IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM monay_private.group_paths p
                   WHERE p.ancestor_id = p_group_id AND p.descendant_id = p_parent_id) THEN
            RAISE EXCEPTION '%: group % cannot go under % which is itself or below it (a cycle)',
                p_operation, p_group_id, p_parent_id USING ERRCODE = 'MG005';
        END IF;
        SELECT coalesce(max(p.distance), 0) INTO v_height FROM monay_private.group_paths p
        WHERE p.ancestor_id = p_group_id;
    END IF;
    SELECT count(*) INTO v_parent_depth FROM monay_private.group_paths p WHERE p.descendant_id = p_parent_id;
    IF v_parent_depth + 1 + v_height > v_limit THEN
        RAISE EXCEPTION '%: under group % (depth %) the hierarchy would be % deep, more than GROUP_HIERARCHY_DEPTH %',
            p_operation, p_parent_id, v_parent_depth, v_parent_depth + 1 + v_height, v_limit
            USING ERRCODE = 'MG004';
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.group_check_placement(uuid, uuid, text) IS
    'Refuses a cycle (MG005) or a depth beyond GROUP_HIERARCHY_DEPTH (MG004) for a group under a parent.';
REVOKE ALL ON FUNCTION monay_private.group_check_placement(uuid, uuid, text) FROM PUBLIC;
