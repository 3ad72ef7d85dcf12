-- sql/functions/groups/create_default_groups.sql
CREATE OR REPLACE FUNCTION monay_private.create_default_groups(
    p_limit integer DEFAULT 100
)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The default-groups step of the legacy data migration. Rule: a card issued
   to user B on a wallet of user A means that A and B share a household; A
   (the wallet's owner) is its head and the household is owned by A's
   personal tenant (the oldest active 'individual' tenant whose only active
   owner is A; a head without one gets no household). B joins as 'adult', or
   as 'dependent' with the card's spend limit as allowance when the card
   has one. Each legacy household carries the idempotency key
   'legacy-household:<A>', so a rerun finds it and only adds members that
   are missing (idempotent). Batchable: it completes at most p_limit heads
   per call, in id order, and returns how many households it created or
   completed; call it until it returns 0. Platform context only.
   Raises 42501 (not the platform), 22023 (p_limit < 1), MG006 when a
   household would exceed MAX_GROUP_MEMBERS. Internal (monay_private):
   the legacy pipeline calls it as the migrating role inside a platform
   context (docs/groups.md, "Legacy data"). */
DECLARE
    v_head     record;
    v_group    monay.groups;
    v_member   record;
    v_done     integer := 0;
BEGIN
    PERFORM monay_private.require_platform('create_default_groups');
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'create_default_groups: p_limit must be at least 1, got %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    FOR v_head IN
        WITH shared AS (
            SELECT DISTINCT w.user_id AS head_id, c.user_id AS member_id
            FROM monay.cards c JOIN monay.wallets w ON w.id = c.wallet_id
            WHERE c.user_id <> w.user_id
        ), personal AS (
            SELECT DISTINCT ON (tu.user_id) tu.user_id, t.id AS tenant_id
            FROM monay.tenant_users tu JOIN monay.tenants t ON t.id = tu.tenant_id
            WHERE tu.status = 'active' AND tu.role = 'owner' AND t.tenant_type = 'individual' AND t.status = 'active'
              AND (SELECT count(*) FROM monay.tenant_users o
                   WHERE o.tenant_id = t.id AND o.status = 'active' AND o.role = 'owner') = 1
            ORDER BY tu.user_id, t.created_at, t.id
        )
        SELECT s.head_id, p.tenant_id
        FROM shared s JOIN personal p ON p.user_id = s.head_id
        JOIN monay.users hu ON hu.id = s.head_id AND hu.status = 'active'
        JOIN monay.users mu ON mu.id = s.member_id AND mu.status = 'active'
        WHERE NOT EXISTS (
            SELECT 1 FROM monay.groups g JOIN monay.group_members m ON m.tenant_id = g.tenant_id AND m.group_id = g.id
            WHERE g.tenant_id = p.tenant_id AND g.idempotency_key = 'legacy-household:' || s.head_id
              AND m.member_user_id = s.member_id)
        GROUP BY s.head_id, p.tenant_id
        ORDER BY s.head_id
        LIMIT p_limit
    LOOP
        v_group := monay.create_household_group(
            (SELECT u.display_name FROM monay.users u WHERE u.id = v_head.head_id) || '''s household', '{}'::jsonb,
            v_head.tenant_id, v_head.head_id, 'legacy-household:' || v_head.head_id);
        FOR v_member IN
            SELECT c.user_id, max(c.spend_limit_cents) AS allowance, bool_or(c.spend_limit_cents IS NULL) AS unlimited
            FROM monay.cards c JOIN monay.wallets w ON w.id = c.wallet_id
            JOIN monay.users mu ON mu.id = c.user_id AND mu.status = 'active'
            WHERE w.user_id = v_head.head_id AND c.user_id <> v_head.head_id
              AND NOT EXISTS (SELECT 1 FROM monay.group_members m
                              WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id
                                AND m.member_user_id = c.user_id)
            GROUP BY c.user_id
            ORDER BY c.user_id
        LOOP
            PERFORM monay.add_group_member(v_group.id, v_member.user_id,
                CASE WHEN v_member.unlimited THEN 'adult' ELSE 'dependent' END,
                CASE WHEN v_member.unlimited THEN NULL ELSE v_member.allowance END);
        END LOOP;
        v_done := v_done + 1;
    END LOOP;
    RETURN v_done;
END;
$$;

COMMENT ON FUNCTION monay_private.create_default_groups(integer) IS
    'Legacy step: a household per wallet owner whose wallet carries another user''s card; idempotent, batched.';
REVOKE ALL ON FUNCTION monay_private.create_default_groups(integer) FROM PUBLIC;
