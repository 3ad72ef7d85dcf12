-- sql/functions/core/idempotency_claim.sql
CREATE OR REPLACE FUNCTION monay_private.idempotency_claim(
    p_scope          text
    , p_owner_id     uuid
    , p_key          text
    , p_fingerprint  text
    , p_sqlstate     text
    , p_ref_id       bigint DEFAULT NULL
    , p_ref_at       timestamptz DEFAULT NULL
    , p_ref_uuid     uuid DEFAULT NULL
    , OUT claimed           boolean
    , OUT prior_ref_id      bigint
    , OUT prior_ref_at      timestamptz
    , OUT prior_ref_uuid    uuid
    , OUT prior_response    jsonb
)
    LANGUAGE plpgsql VOLATILE
AS $$
/* The one idempotency claim of every retryable write: claims p_key for
   p_owner_id in p_scope with the request's p_fingerprint, or finds who
   claimed it first.
     scope 'operation' (track_operation; track_operations claims through
           monay_private.idempotency_claim_batch) and 'payment'
           (process_payment): monay_private.billing_idempotency_keys, per
           tenant (p_owner_id); an operation stores only what it stands for
           (p_ref_id = the operation id, p_ref_at = its occurred_at, the
           events' partition key): the response is rebuilt from the event;
     scope 'tenant' (create_tenant): monay_private.tenant_creation_requests,
           per owner user (p_owner_id), p_ref_uuid = the tenant it creates.
   Returns claimed = true when this call claimed the key (the caller goes on
   and writes); otherwise claimed = false and the first claim's references
   (prior_ref_id / prior_ref_at / prior_ref_uuid, and prior_response where the
   caller stored one: payments, and operation keys written before migration
   020). The claim is an INSERT ... ON CONFLICT DO NOTHING on the key's unique
   index: a concurrent claim of the same key waits until the first commits
   (then it is a duplicate) or rolls back (then it claims).
   SECURITY INVOKER, executable by monay_owner only: called from the SECURITY
   DEFINER functions above, with their pinned search_path.
   Raises:
     p_sqlstate (the caller's documented code: MT406 for billing, MT307 for
           create_tenant) the key was claimed with another fingerprint (same
           key, different request); the message names the key, the owner,
           both fingerprints (the tenant created, for scope 'tenant')
     22023 unknown scope, NULL owner, key or fingerprint, or a p_sqlstate
           that is not one of ours (MTnnn) */
DECLARE
    v_fp      text;
    v_tenant  uuid;
BEGIN
    IF p_owner_id IS NULL OR p_key IS NULL OR p_fingerprint IS NULL OR p_sqlstate IS NULL
       OR p_sqlstate !~ '^MT[0-9]{3}$' THEN
        RAISE EXCEPTION 'idempotency_claim: owner, key, fingerprint and an MTnnn sqlstate are required (scope %, owner %)',
            p_scope, p_owner_id USING ERRCODE = '22023';
    END IF;
    IF p_scope IN ('operation', 'payment') THEN
        INSERT INTO monay_private.billing_idempotency_keys (tenant_id, scope, idempotency_key, fingerprint,
                                                            operation_id, occurred_at)
        VALUES (p_owner_id, p_scope, p_key, p_fingerprint, p_ref_id, p_ref_at)
        ON CONFLICT (tenant_id, scope, idempotency_key) DO NOTHING;
        claimed := FOUND;
        IF claimed THEN
            RETURN;
        END IF;
        SELECT k.fingerprint, k.operation_id, k.occurred_at, k.response
        INTO v_fp, prior_ref_id, prior_ref_at, prior_response
        FROM monay_private.billing_idempotency_keys k
        WHERE k.tenant_id = p_owner_id AND k.scope = p_scope AND k.idempotency_key = p_key;
        IF v_fp IS DISTINCT FROM p_fingerprint THEN
            RAISE EXCEPTION 'idempotency key % of tenant % was used for % %, not for %',
                quote_literal(p_key), p_owner_id, CASE p_scope WHEN 'payment' THEN 'a payment of' ELSE 'an operation' END,
                v_fp, p_fingerprint
                USING ERRCODE = p_sqlstate, HINT = 'Use a new key for a new request.';
        END IF;
    ELSIF p_scope = 'tenant' THEN
        INSERT INTO monay_private.tenant_creation_requests (owner_user_id, idempotency_key, request_sha256, tenant_id)
        VALUES (p_owner_id, p_key, p_fingerprint, p_ref_uuid)
        ON CONFLICT (owner_user_id, idempotency_key) DO NOTHING;
        claimed := FOUND;
        IF claimed THEN
            RETURN;
        END IF;
        SELECT r.request_sha256, r.tenant_id INTO v_fp, v_tenant
        FROM monay_private.tenant_creation_requests r
        WHERE r.owner_user_id = p_owner_id AND r.idempotency_key = p_key;
        IF v_fp IS DISTINCT FROM p_fingerprint THEN
            RAISE EXCEPTION 'idempotency key % was already used by owner % to create tenant % with other parameters',
                quote_literal(p_key), p_owner_id, v_tenant
                USING ERRCODE = p_sqlstate, HINT = 'Use a new key for a new tenant.';
        END IF;
        prior_ref_uuid := v_tenant;
    ELSE
        RAISE EXCEPTION 'idempotency_claim: unknown scope % (operation, payment, tenant)',
            coalesce(quote_literal(p_scope), 'NULL') USING ERRCODE = '22023';
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.idempotency_claim(text, uuid, text, text, text, bigint, timestamptz, uuid) IS
    'The idempotency claim of every retryable write: claims (scope, owner, key) or returns the first claim; raises the caller''s code on another fingerprint.';
REVOKE ALL ON FUNCTION monay_private.idempotency_claim(text, uuid, text, text, text, bigint, timestamptz, uuid) FROM PUBLIC;
