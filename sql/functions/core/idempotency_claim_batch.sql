-- sql/functions/core/idempotency_claim_batch.sql
CREATE OR REPLACE FUNCTION monay_private.idempotency_claim_batch(
    p_scope           text
    , p_owner_id      uuid
    , p_keys          text[]
    , p_fingerprints  text[]
    , p_ref_ids       bigint[]
    , p_ref_ats       timestamptz[]
    , p_sqlstate      text
)
    RETURNS TABLE (claim_key text, claimed boolean, ref_id bigint)
    LANGUAGE plpgsql VOLATILE
AS $$
/* The set-based form of monay_private.idempotency_claim (same table, same
   rule, same error) for a batch of operations (scope 'operation', per tenant
   p_owner_id): p_keys, p_fingerprints, p_ref_ids (operation ids) and
   p_ref_ats (their occurred_at) are aligned, one element per operation of
   the batch in input order; operations without a key have a NULL key.
   The first operation of each key in the batch claims it, in key order (two
   batches sharing keys in different orders cannot deadlock; a concurrent
   claim of a key waits for the first to commit or roll back). Returns one
   row per distinct key: claimed = true and ref_id = the operation id of the
   batch's first operation with that key, or claimed = false and ref_id = the
   operation id of the first claim (also for keys stored before migration
   020, from their stored response).
   SECURITY INVOKER, executable by monay_owner only (see idempotency_claim).
   Raises:
     p_sqlstate (MT406 for billing) a key used with two fingerprints inside the
           batch, or with another fingerprint than its first claim; the
           message names the key, the tenant and both fingerprints
     22023 a scope other than 'operation', NULL owner, arrays of different
           lengths, or a p_sqlstate that is not one of ours (MTnnn) */
DECLARE
    v_bad   record;
    v_keys  text[];     -- per distinct key: the key, its first fingerprint and operation id,
    v_fps   text[];     -- and whether this batch claimed it
    v_ids   bigint[];
    v_won   boolean[];
BEGIN
    IF p_scope IS DISTINCT FROM 'operation' OR p_owner_id IS NULL OR p_sqlstate IS NULL
       OR p_sqlstate !~ '^MT[0-9]{3}$'
       OR cardinality(p_keys) IS DISTINCT FROM cardinality(p_fingerprints)
       OR cardinality(p_keys) IS DISTINCT FROM cardinality(p_ref_ids)
       OR cardinality(p_keys) IS DISTINCT FROM cardinality(p_ref_ats) THEN
        RAISE EXCEPTION 'idempotency_claim_batch: scope operation, an owner, aligned arrays and an MTnnn sqlstate '
            'are required (scope %, owner %)', coalesce(quote_literal(p_scope), 'NULL'), p_owner_id
            USING ERRCODE = '22023';
    END IF;
    -- One key, two requests inside the batch.
    SELECT x.k, x.f1, x.f INTO v_bad
    FROM (SELECT u.k, u.f, first_value(u.f) OVER (PARTITION BY u.k ORDER BY u.i) AS f1
          FROM unnest(p_keys, p_fingerprints) WITH ORDINALITY AS u(k, f, i) WHERE u.k IS NOT NULL) x
    WHERE x.f1 IS DISTINCT FROM x.f LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'idempotency key % of tenant % was used for %, not for % (same batch)',
            quote_literal(v_bad.k), p_owner_id, v_bad.f1, v_bad.f
            USING ERRCODE = p_sqlstate, HINT = 'Use a new key for a new request.';
    END IF;

    -- One statement: the claims, and per distinct key whether this batch claimed it.
    WITH firsts AS (
        SELECT DISTINCT ON (u.k) u.k, u.f, u.id, u.occ
        FROM unnest(p_keys, p_fingerprints, p_ref_ids, p_ref_ats) WITH ORDINALITY AS u(k, f, id, occ, i)
        WHERE u.k IS NOT NULL ORDER BY u.k, u.i
    ), ins AS (
        INSERT INTO monay_private.billing_idempotency_keys AS t (tenant_id, scope, idempotency_key, fingerprint,
                                                                 operation_id, occurred_at)
        SELECT p_owner_id, 'operation', f.k, f.f, f.id, f.occ FROM firsts f ORDER BY f.k
        ON CONFLICT (tenant_id, scope, idempotency_key) DO NOTHING
        RETURNING t.idempotency_key
    )
    SELECT array_agg(f.k), array_agg(f.f), array_agg(f.id), array_agg(i.idempotency_key IS NOT NULL)
    INTO v_keys, v_fps, v_ids, v_won
    FROM firsts f LEFT JOIN ins i ON i.idempotency_key = f.k;

    RETURN QUERY SELECT u.k, true, u.id FROM unnest(v_keys, v_ids, v_won) AS u(k, id, won) WHERE u.won;
    IF v_won IS NULL OR true = ALL (v_won) THEN
        RETURN;  -- every key new (the common case)
    END IF;
    -- Keys claimed before: the same fingerprint (else the caller's error) and the first operation's id.
    SELECT d.k, s.fingerprint, d.f INTO v_bad
    FROM unnest(v_keys, v_fps, v_won) AS d(k, f, won)
    JOIN monay_private.billing_idempotency_keys s
      ON s.tenant_id = p_owner_id AND s.scope = 'operation' AND s.idempotency_key = d.k
    WHERE NOT d.won AND s.fingerprint IS DISTINCT FROM d.f LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'idempotency key % of tenant % was used for an operation %, not for %',
            quote_literal(v_bad.k), p_owner_id, v_bad.fingerprint, v_bad.f
            USING ERRCODE = p_sqlstate, HINT = 'Use a new key for a new request.';
    END IF;
    RETURN QUERY
    SELECT d.k, false, coalesce(s.operation_id, (s.response ->> 'operation_id')::bigint)
    FROM unnest(v_keys, v_won) AS d(k, won)
    JOIN monay_private.billing_idempotency_keys s
      ON s.tenant_id = p_owner_id AND s.scope = 'operation' AND s.idempotency_key = d.k
    WHERE NOT d.won;
END;
$$;

COMMENT ON FUNCTION monay_private.idempotency_claim_batch(text, uuid, text[], text[], bigint[], timestamptz[], text) IS
    'Set-based idempotency claim of a batch of operations: one row per distinct key, claimed or the first claim''s operation id.';
REVOKE ALL ON FUNCTION monay_private.idempotency_claim_batch(text, uuid, text[], text[], bigint[], timestamptz[], text) FROM PUBLIC;
