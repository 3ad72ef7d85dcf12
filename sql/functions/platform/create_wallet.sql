-- sql/functions/platform/create_wallet.sql
CREATE OR REPLACE FUNCTION monay.create_wallet(
    p_currency           text DEFAULT 'USD'
    , p_idempotency_key  text DEFAULT NULL
    , p_owner_user_id    uuid DEFAULT NULL
)
    RETURNS monay.wallets
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* A wallet in the current tenant (balance 0, active), owned by the
   authenticated user, or by p_owner_user_id for a platform job inside the
   tenant; tracked for billing as one 'wallet_create' in the same transaction.
   Idempotency: with p_idempotency_key the wallet's id derives from (tenant,
   key), so a retry returns the same wallet and records nothing more; the same
   key with another currency or owner is refused.
   Raises:
     42501 no tenant context; a user naming another owner
     22023 currency not 3 to 6 capital letters; a platform job without
           p_owner_user_id; key blank or over 200 characters
     MP003 the owner is not an active member of the tenant
     MP006 the idempotency key was used for another wallet request
     MT402, MT403, MT404 the tenant's limits (track_operation) */
DECLARE
    v_ctx    record := monay_private.require_tenant_context('create_wallet');
    v_owner  uuid := coalesce(p_owner_user_id, v_ctx.user_id);
    v_id     uuid;
    v_row    monay.wallets;
BEGIN
    IF v_ctx.user_id IS NOT NULL AND p_owner_user_id IS DISTINCT FROM NULL AND p_owner_user_id <> v_ctx.user_id THEN
        RAISE EXCEPTION 'create_wallet: user % may create wallets for themself only, not for user %',
            v_ctx.user_id, p_owner_user_id USING ERRCODE = '42501';
    END IF;
    IF v_owner IS NULL THEN
        RAISE EXCEPTION 'create_wallet: a platform job in tenant % must name the owner (p_owner_user_id)', v_ctx.tenant_id
            USING ERRCODE = '22023';
    END IF;
    IF p_currency IS NULL OR p_currency !~ '^[A-Z]{3,6}$' THEN
        RAISE EXCEPTION 'create_wallet: invalid currency %: 3 to 6 capital letters', coalesce(quote_literal(p_currency), 'NULL')
            USING ERRCODE = '22023';
    END IF;
    IF length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'create_wallet: idempotency key must have 1 to 200 characters' USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT FROM monay.tenant_users m WHERE m.tenant_id = v_ctx.tenant_id AND m.user_id = v_owner
                   AND m.status = 'active') THEN
        RAISE EXCEPTION 'create_wallet: user % is not an active member of tenant %', v_owner, v_ctx.tenant_id
            USING ERRCODE = 'MP003';
    END IF;

    v_id := CASE WHEN p_idempotency_key IS NULL THEN gen_random_uuid()
                 ELSE md5('monay-wallet:' || v_ctx.tenant_id::text || ':' || p_idempotency_key)::uuid END;
    INSERT INTO monay.wallets (id, tenant_id, user_id, currency)
    VALUES (v_id, v_ctx.tenant_id, v_owner, p_currency)
    ON CONFLICT (tenant_id, id) DO NOTHING
    RETURNING * INTO v_row;
    IF v_row.id IS NULL THEN
        SELECT * INTO v_row FROM monay.wallets w WHERE w.tenant_id = v_ctx.tenant_id AND w.id = v_id;
        IF v_row.currency <> p_currency OR v_row.user_id <> v_owner THEN
            RAISE EXCEPTION 'create_wallet: idempotency key % already made wallet % (%, owner %)',
                quote_literal(p_idempotency_key), v_row.id, v_row.currency, v_row.user_id
                USING ERRCODE = 'MP006', HINT = 'Use a new key for a new wallet.';
        END IF;
        RETURN v_row;
    END IF;
    PERFORM monay.track_operation(v_ctx.tenant_id, 'wallet_create', 1,
                                  CASE WHEN p_idempotency_key IS NOT NULL THEN 'wallet:' || v_id::text END);
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.create_wallet(text, text, uuid) IS
    'A wallet in the current tenant (idempotent with a key), tracked for billing.';
REVOKE ALL ON FUNCTION monay.create_wallet(text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.create_wallet(text, text, uuid) TO monay_app, monay_platform;
