-- sql/functions/groups/share_treasury_access.sql
CREATE OR REPLACE FUNCTION monay.share_treasury_access(
    p_group_id            uuid
    , p_wallet_id         uuid
    , p_grantee_id        uuid
    , p_access            text
    , p_spend_limit_cents bigint
    , p_expires_at        timestamptz
    , p_idempotency_key   text DEFAULT NULL
)
    RETURNS monay.treasury_access_grants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The group's owner opens one of its wallets to one member: p_grantee_id is
   a member user of a household or a member tenant of a holding company;
   p_access 'read' (see the wallet and its transactions) or 'spend' (also
   spend up to p_spend_limit_cents in total, consumed by
   monay_private.treasury_grant_spend); until p_expires_at or
   monay.revoke_treasury_access. The grant's tenant is the group's owner
   tenant, which must be the wallet's. Idempotent with p_idempotency_key.
   Wallet check: the wallet must be one of the group owner's tenant (MG013).
   Who: a manager of the group (owner/admin of its tenant) or the platform.
   Raises:
     42501 not a manager of the group
     22023 access not 'read'/'spend', a spend limit missing (spend), negative
           or given for read, expiry not in the future, NULL arguments
     MG001 no such group             MG009 the grantee is not a member
     MG012 treasury sharing is off for holdings (HOLDING_COMPANY_TREASURY)
     MG013 the wallet does not exist or is not the owner's
     MG019 idempotency key reused with other parameters */
DECLARE
    v_group monay.groups;
    v_type  text;
    v_user  uuid;
    v_ten   uuid;
    v_limit bigint := CASE WHEN p_access = 'read' THEN coalesce(p_spend_limit_cents, 0) ELSE p_spend_limit_cents END;
    v_row   monay.treasury_access_grants;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'share_treasury_access');
    PERFORM monay_private.group_require_manager(v_group, 'share_treasury_access');
    PERFORM monay_private.require_not_null(p_wallet_id, 'p_wallet_id', 'share_treasury_access');
    PERFORM monay_private.require_not_null(p_grantee_id, 'p_grantee_id', 'share_treasury_access');
    PERFORM monay_private.require_not_null(p_expires_at, 'p_expires_at', 'share_treasury_access');
    IF p_access IS NULL OR p_access NOT IN ('read', 'spend') THEN
        RAISE EXCEPTION 'share_treasury_access: access must be read or spend, got %',
            coalesce(quote_literal(p_access), 'NULL') USING ERRCODE = '22023';
    END IF;
    IF v_limit IS NULL OR v_limit < 0 OR (p_access = 'read' AND v_limit <> 0) THEN
        RAISE EXCEPTION 'share_treasury_access: a % grant takes %, got spend limit %', p_access,
            CASE p_access WHEN 'read' THEN 'no spend limit' ELSE 'a spend limit >= 0 cents' END,
            coalesce(p_spend_limit_cents::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_expires_at <= now() THEN
        RAISE EXCEPTION 'share_treasury_access: expiry % is not in the future', p_expires_at USING ERRCODE = '22023';
    END IF;
    IF length(p_idempotency_key) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'share_treasury_access: idempotency key must have 1 to 200 characters' USING ERRCODE = '22023';
    END IF;
    IF v_group.kind = 'holding_company'
       AND NOT coalesce((monay.get_setting('HOLDING_COMPANY_TREASURY') #>> '{}')::boolean, false) THEN
        RAISE EXCEPTION 'share_treasury_access: treasury sharing of holding companies is off (HOLDING_COMPANY_TREASURY), group %',
            p_group_id USING ERRCODE = 'MG012';
    END IF;
    SELECT k.member_type INTO v_type FROM monay.group_kinds k WHERE k.kind = v_group.kind;
    IF v_type = 'user' THEN v_user := p_grantee_id; ELSE v_ten := p_grantee_id; END IF;
    IF NOT EXISTS (SELECT 1 FROM monay.group_members m
                   WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id
                     AND (m.member_user_id = v_user OR (v_user IS NULL AND m.member_tenant_id = v_ten)
                          AND m.member_user_id IS NULL)) THEN
        RAISE EXCEPTION 'share_treasury_access: % % is not a member of group %', v_type, p_grantee_id, p_group_id
            USING ERRCODE = 'MG009';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM monay.wallets w WHERE w.tenant_id = v_group.tenant_id AND w.id = p_wallet_id) THEN
        RAISE EXCEPTION 'share_treasury_access: wallet % does not exist or is not tenant %''s', p_wallet_id,
            v_group.tenant_id USING ERRCODE = 'MG013';
    END IF;
    IF p_idempotency_key IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('monay.treasury_access_grants'),
                                      hashtext(v_group.tenant_id::text || ':' || p_idempotency_key));
        SELECT * INTO v_row FROM monay.treasury_access_grants t
        WHERE t.tenant_id = v_group.tenant_id AND t.idempotency_key = p_idempotency_key;
        IF FOUND THEN
            IF (v_row.group_id, v_row.wallet_id, v_row.grantee_user_id, v_row.grantee_tenant_id, v_row.access,
                v_row.spend_limit_cents, v_row.expires_at) IS DISTINCT FROM
               (v_group.id, p_wallet_id, v_user, v_ten, p_access, v_limit, p_expires_at) THEN
                RAISE EXCEPTION 'share_treasury_access: idempotency key % of tenant % made grant %, not this one',
                    quote_literal(p_idempotency_key), v_group.tenant_id, v_row.id USING ERRCODE = 'MG019';
            END IF;
            RETURN v_row;
        END IF;
    END IF;
    INSERT INTO monay.treasury_access_grants (tenant_id, group_id, wallet_id, grantee_user_id, grantee_tenant_id,
        access, spend_limit_cents, expires_at, granted_by, idempotency_key)
    VALUES (v_group.tenant_id, v_group.id, p_wallet_id, v_user, v_ten, p_access, v_limit, p_expires_at,
        monay.current_user_id(), p_idempotency_key)
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.share_treasury_access(uuid, uuid, uuid, text, bigint, timestamptz, text) IS
    'Opens one wallet of a group''s owner to one member (read or spend up to a limit) until expiry; idempotent.';
REVOKE ALL ON FUNCTION monay.share_treasury_access(uuid, uuid, uuid, text, bigint, timestamptz, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.share_treasury_access(uuid, uuid, uuid, text, bigint, timestamptz, text)
    TO monay_app, monay_platform;
