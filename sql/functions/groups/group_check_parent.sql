-- sql/functions/groups/group_check_parent.sql
CREATE OR REPLACE FUNCTION monay_private.group_check_parent(
    p_kind             text
    , p_owner_tenant   uuid
    , p_parent         monay.groups
    , p_operation      text
)
    RETURNS void
    LANGUAGE plpgsql STABLE
AS $$
/* Whether a group of kind p_kind owned by p_owner_tenant may have p_parent
   as its parent: both kinds nest (monay.group_kinds.may_nest: holding
   companies), and the group's owner is the parent's owner or a member
   tenant of the parent (a subsidiary puts its own holding under its
   parent's). Raises MG011 naming the rule. SECURITY INVOKER, monay_owner only. */
BEGIN
    IF NOT coalesce((SELECT k.may_nest FROM monay.group_kinds k WHERE k.kind = p_kind), false)
       OR NOT coalesce((SELECT k.may_nest FROM monay.group_kinds k WHERE k.kind = p_parent.kind), false) THEN
        RAISE EXCEPTION '%: a % cannot be placed under a % (only nesting kinds form hierarchies)',
            p_operation, p_kind, p_parent.kind USING ERRCODE = 'MG011';
    END IF;
    IF p_parent.tenant_id IS DISTINCT FROM p_owner_tenant AND NOT EXISTS (
        SELECT 1 FROM monay.group_members m
        WHERE m.tenant_id = p_parent.tenant_id AND m.group_id = p_parent.id AND m.member_tenant_id = p_owner_tenant) THEN
        RAISE EXCEPTION '%: tenant % is neither the owner nor a member of parent group %',
            p_operation, p_owner_tenant, p_parent.id USING ERRCODE = 'MG011';
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.group_check_parent(text, uuid, monay.groups, text) IS
    'Refuses (MG011) a parent of a kind that does not nest or that the owner neither owns nor belongs to.';
REVOKE ALL ON FUNCTION monay_private.group_check_parent(text, uuid, monay.groups, text) FROM PUBLIC;
