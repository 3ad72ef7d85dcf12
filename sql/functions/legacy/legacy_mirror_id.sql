-- sql/functions/legacy/legacy_mirror_id.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_mirror_id(
    p_transaction_id uuid
)
    RETURNS uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The id of the mirrored credit row of a cross-tenant transaction: derived
   from the original's id (md5), so the move and the dual-write trigger write
   the same row and a repeated batch finds it instead of adding another. */
    SELECT md5('monay-mirror:' || p_transaction_id::text)::uuid
$$;

COMMENT ON FUNCTION monay_private.legacy_mirror_id(uuid) IS
    'Deterministic id of the recipient tenant''s mirror row of a cross-tenant transaction.';
REVOKE ALL ON FUNCTION monay_private.legacy_mirror_id(uuid) FROM PUBLIC;
