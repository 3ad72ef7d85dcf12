-- sql/functions/tenancy/authenticate_refuse.sql
CREATE OR REPLACE FUNCTION monay_private.authenticate_refuse(
    p_sqlstate  text
    , p_message text
    , p_token   text
    , p_header  jsonb
    , p_claims  jsonb
    , p_tenant_id uuid DEFAULT NULL
    , p_user_id   uuid DEFAULT NULL
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* A refused monay.authenticate: records it durably (audit action auth_refused) with only
   bounded values, then raises p_sqlstate with p_message (monay_private.refuse_access). The
   record: the token's sha256 and length, and once the token decoded (p_header not NULL) the
   claimed alg, sub and tenant_id, each only when it has the expected shape (an HS-style
   name, uuids), else null. Built here, on the refusal path only, so that an accepted token
   pays for none of it. Raises p_sqlstate, always. */
DECLARE
    c_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
    v_detail jsonb := jsonb_build_object(
        'token_sha256', encode(public.digest(coalesce(p_token, ''), 'sha256'), 'hex'),
        'token_bytes', coalesce(octet_length(p_token), 0));
BEGIN
    IF p_header IS NOT NULL THEN
        v_detail := v_detail || jsonb_build_object(
            'alg', CASE WHEN jsonb_typeof(p_header -> 'alg') = 'string' AND p_header ->> 'alg' ~ '^[A-Za-z0-9]{1,16}$'
                        THEN p_header -> 'alg' END,
            'claimed_sub', CASE WHEN jsonb_typeof(p_claims -> 'sub') = 'string' AND p_claims ->> 'sub' ~ c_uuid
                                THEN p_claims -> 'sub' END,
            'claimed_tenant_id', CASE WHEN jsonb_typeof(p_claims -> 'tenant_id') = 'string'
                                           AND p_claims ->> 'tenant_id' ~ c_uuid THEN p_claims -> 'tenant_id' END);
    END IF;
    PERFORM monay_private.refuse_access('auth_refused', p_sqlstate, p_message, p_tenant_id, p_user_id, v_detail);
END;
$$;

COMMENT ON FUNCTION monay_private.authenticate_refuse(text, text, text, jsonb, jsonb, uuid, uuid) IS
    'Durably records a refused authenticate (bounded token facts only), then raises the given SQLSTATE.';
REVOKE ALL ON FUNCTION monay_private.authenticate_refuse(text, text, text, jsonb, jsonb, uuid, uuid) FROM PUBLIC;
