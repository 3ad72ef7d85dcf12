-- sql/functions/groups/get_group_hierarchy.sql
CREATE OR REPLACE FUNCTION monay.get_group_hierarchy(
    p_group_id uuid
)
    RETURNS TABLE (
        group_id          uuid
        , tenant_id       uuid
        , parent_id       uuid
        , kind            text
        , name            text
        , relation        text
        , depth           bigint
        , distance        bigint
        , member_count    bigint
    )
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The hierarchy view of group p_group_id: its ancestors (relation
   'ancestor', distance up), itself ('self', 0) and its descendants
   ('descendant', distance down), each with its depth from the root (a root
   is at depth 1). Only the groups the caller's context may see are listed
   (RLS on monay.groups: the owner of a group sees its subtree; a member
   sees the groups it belongs to, not its siblings' groups), ancestors first
   then by depth and name.
   Raises 22023 (NULL), MG001 (the group does not exist or is invisible). */
BEGIN
    PERFORM monay_private.group_find(p_group_id, 'get_group_hierarchy');
    RETURN QUERY
    WITH rel AS (
        SELECT p.ancestor_id AS gid, 'ancestor'::text AS relation, p.distance
        FROM monay_private.group_paths p WHERE p.descendant_id = p_group_id AND p.distance > 0
        UNION ALL
        SELECT p.descendant_id, CASE WHEN p.distance = 0 THEN 'self' ELSE 'descendant' END, p.distance
        FROM monay_private.group_paths p WHERE p.ancestor_id = p_group_id
    )
    SELECT g.id, g.tenant_id, g.parent_id, g.kind, g.name, r.relation,
           (SELECT count(*) FROM monay_private.group_paths d WHERE d.descendant_id = g.id),
           r.distance, g.member_count
    FROM rel r JOIN monay.groups g ON g.id = r.gid
    ORDER BY r.relation <> 'ancestor', 7, g.name, g.id;
END;
$$;

COMMENT ON FUNCTION monay.get_group_hierarchy(uuid) IS
    'Ancestors, the group and its descendants with depth and distance, as far as the caller may see them.';
REVOKE ALL ON FUNCTION monay.get_group_hierarchy(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.get_group_hierarchy(uuid) TO monay_app, monay_platform, monay_readonly;
