-- sql/functions/billing/track_operations.sql
CREATE OR REPLACE FUNCTION monay.track_operations(
    p_tenant_id     uuid
    , p_operations  jsonb
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The batch path of track_operation: p_operations is a JSON array of
   {operation_type, quantity (default 1), idempotency_key (optional),
   occurred_at (optional, default now())}, at most BILLING_MAX_BATCH_OPERATIONS
   (setting, 10000). Same rules as track_operation, applied set-based: one
   insert for the events, then one counter upsert per billing period of the
   batch (not per row). All or nothing: one refused operation refuses the
   batch. The batch is one call for the rate limit (one token).
   Idempotency per operation (monay_private.idempotency_claim_batch, the
   set-based form of the claim track_operation makes; each key stores its
   operation's id and occurred_at): an operation whose key was recorded before (by
   either function) is not recorded again and is reported as a duplicate with
   the first operation_id; the same key twice inside one batch counts once;
   a key reused with another (operation_type, quantity) raises MT406.
   Returns {tenant_id, received, recorded, duplicates, transactions,
   computation_units (of the recorded operations), operation_ids (recorded,
   in input order), duplicate_operations: [{index, idempotency_key,
   operation_id}]} (index 1-based).
   Raises 42501, 22023 (not a non-empty array of objects, quantity < 1,
   occurred_at in the future, key longer than 200; the message names the
   index), MT409 (more operations than allowed), MT416 (a quantity above
   BILLING_MAX_OPERATION_QUANTITY, or counters beyond what billing can
   hold), MT415 (occurred_at not finite or before the tenant's creation),
   MT401, MT402, MT403, MT404, MT301, MT406 - like track_operation.
   Locks: at most two period locks (previous and running month) whatever the
   batch's months (monay_private.billing_period_for). */
DECLARE
    v_max       integer;
    v_max_qty   integer;
    v_n         integer;
    v_types     text[];
    v_qty       integer[];
    v_keys      text[];
    v_occ       timestamptz[];
    v_ids       bigint[];
    v_record    boolean[];
    v_dup_of    bigint[];
    v_bad       record;
    v_months    date[];
    v_periods   date[] := '{}'::date[];
    v_lates     boolean[] := '{}'::boolean[];
    v_firsts    timestamptz[];
    v_bp        record;
    v_g_period  date[];
    v_g_late    boolean[];
    v_g_tx      bigint[];
    v_g_cu      bigint[];
    v_g_ops     bigint[];
    v_g_cost    bigint[];
    v_taken     boolean := false;
    v_tot_tx    bigint := 0;
    v_tot_cu    bigint := 0;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'track_operations');
    IF p_operations IS NULL OR jsonb_typeof(p_operations) <> 'array' OR jsonb_array_length(p_operations) = 0 THEN
        RAISE EXCEPTION 'track_operations: p_operations must be a non-empty JSON array of operations (tenant %)',
            p_tenant_id USING ERRCODE = '22023';
    END IF;
    v_n := jsonb_array_length(p_operations);
    v_max := (monay.get_setting('BILLING_MAX_BATCH_OPERATIONS') #>> '{}')::integer;
    IF v_n > v_max THEN
        RAISE EXCEPTION 'track_operations: % operations in one call, at most % (BILLING_MAX_BATCH_OPERATIONS) for tenant %',
            v_n, v_max, p_tenant_id USING ERRCODE = 'MT409';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_operations) e WHERE jsonb_typeof(e) <> 'object') THEN
        RAISE EXCEPTION 'track_operations: every operation must be a JSON object (tenant %)', p_tenant_id
            USING ERRCODE = '22023';
    END IF;

    -- Typed fields: a quantity that is not a whole number in range, an occurred_at that is not a
    -- timestamp (or beyond the timestamp range) is bad input (22023), never a bare cast error.
    BEGIN
        SELECT array_agg(x.operation_type ORDER BY x.ord), array_agg(coalesce(x.quantity, 1) ORDER BY x.ord),
               array_agg(x.idempotency_key ORDER BY x.ord), array_agg(coalesce(x.occurred_at, now()) ORDER BY x.ord)
        INTO v_types, v_qty, v_keys, v_occ
        FROM ROWS FROM (jsonb_to_recordset(p_operations)
                        AS (operation_type text, quantity integer, idempotency_key text, occurred_at timestamptz))
             WITH ORDINALITY AS x(operation_type, quantity, idempotency_key, occurred_at, ord);
    EXCEPTION WHEN data_exception THEN
        RAISE EXCEPTION 'track_operations: an operation of tenant % has a quantity that is not a whole number '
            'from 1 to 2147483647, or an occurred_at that is not a timestamp (%)', p_tenant_id, SQLERRM
            USING ERRCODE = '22023';
    END;

    -- Validation, first bad operation named by its 1-based index.
    SELECT u.i, u.t, u.q, u.occ, u.k INTO v_bad
    FROM unnest(v_types, v_qty, v_occ, v_keys) WITH ORDINALITY AS u(t, q, occ, k, i)
    WHERE u.q < 1 OR u.occ > clock_timestamp() + interval '5 minutes' OR length(u.k) NOT BETWEEN 1 AND 200
       OR u.occ IS NULL
    ORDER BY u.i LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'track_operations: operation % (tenant %) has quantity % (at least 1), occurred_at % '
            '(not in the future) or an idempotency key of % characters (1 to 200)',
            v_bad.i, p_tenant_id, v_bad.q, v_bad.occ, length(v_bad.k) USING ERRCODE = '22023';
    END IF;
    v_max_qty := (monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}')::integer;  -- once, not per row
    SELECT u.i, u.q INTO v_bad
    FROM unnest(v_qty) WITH ORDINALITY AS u(q, i)
    WHERE u.q > v_max_qty
    ORDER BY u.i LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'track_operations: operation % (tenant %) has quantity %, above BILLING_MAX_OPERATION_QUANTITY (%)',
            v_bad.i, p_tenant_id, v_bad.q, v_max_qty
            USING ERRCODE = 'MT416', HINT = 'Split the usage into several operations.';
    END IF;
    SELECT u.i, u.t INTO v_bad
    FROM unnest(v_types) WITH ORDINALITY AS u(t, i)
    WHERE NOT EXISTS (SELECT 1 FROM monay.operation_costs c WHERE c.operation_type = u.t)
    ORDER BY u.i LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unknown operation type % (operation %) for tenant %', coalesce(quote_literal(v_bad.t), 'NULL'),
            v_bad.i, p_tenant_id USING ERRCODE = 'MT401',
            HINT = 'SELECT operation_type FROM monay.operation_costs lists the known types.';
    END IF;

    -- Billing periods of the batch's months (late rule, period locks).
    -- Each month of the batch through its earliest operation: MT415 when that one (so any) is not
    -- finite or before the tenant existed; a tenant created this month tracks from its creation on.
    SELECT array_agg(m.month ORDER BY m.month), array_agg(m.first_at ORDER BY m.month) INTO v_months, v_firsts
    FROM (SELECT date_trunc('month', o AT TIME ZONE 'UTC')::date AS month, min(o) AS first_at
          FROM unnest(v_occ) AS o GROUP BY 1) m;
    FOR v_i IN 1 .. coalesce(array_length(v_months, 1), 0) LOOP
        v_bp := monay_private.billing_period_for(p_tenant_id, v_firsts[v_i]);
        v_periods := v_periods || v_bp.period;
        v_lates := v_lates || v_bp.late;
    END LOOP;

    SELECT array_agg(nextval('monay.billing_operation_id_seq')) INTO v_ids FROM generate_series(1, v_n);

    -- Idempotency (monay_private.idempotency_claim_batch): the first operation of each key in
    -- the batch claims it (a concurrent claim of the same key waits for ours to commit); the
    -- others of the batch, and keys claimed before, are duplicates of the key's first operation.
    IF EXISTS (SELECT 1 FROM unnest(v_keys) k WHERE k IS NOT NULL) THEN
        SELECT array_agg(x.k IS NULL OR (x.i = x.fi AND c.claimed) ORDER BY x.i),
               array_agg(CASE WHEN x.k IS NULL OR (x.i = x.fi AND c.claimed) THEN NULL ELSE c.ref_id END
                         ORDER BY x.i)
        INTO v_record, v_dup_of
        FROM (SELECT u.k, u.i, first_value(u.i) OVER (PARTITION BY u.k ORDER BY u.i) AS fi
              FROM unnest(v_keys) WITH ORDINALITY AS u(k, i)) x
        LEFT JOIN monay_private.idempotency_claim_batch(
                'operation', p_tenant_id, v_keys,
                ARRAY(SELECT u.t || '|' || u.q FROM unnest(v_types, v_qty) WITH ORDINALITY AS u(t, q, i) ORDER BY u.i),
                v_ids, v_occ, 'MT406') c ON c.claim_key = x.k;
    ELSE
        v_record := array_fill(true, ARRAY[v_n]);
        v_dup_of := array_fill(NULL::bigint, ARRAY[v_n]);
    END IF;

    -- The events, then one counter upsert per (billing period, late).
    WITH ins AS (
        INSERT INTO monay.billing_operations (id, tenant_id, operation_type, quantity, computation_units,
            transactions, cost_millicents, occurred_at, billing_period, late, idempotency_key)
        SELECT u.id, p_tenant_id, u.t, u.q, c.computation_units * u.q,
               CASE WHEN c.counts_as_transaction THEN u.q ELSE 0 END, c.cost_millicents * u.q,
               u.occ, pm.period, pm.late, u.k
        FROM unnest(v_ids, v_types, v_qty, v_occ, v_keys, v_record) AS u(id, t, q, occ, k, rec)
        JOIN monay.operation_costs c ON c.operation_type = u.t
        JOIN unnest(v_months, v_periods, v_lates) AS pm(month, period, late)
          ON pm.month = date_trunc('month', u.occ AT TIME ZONE 'UTC')::date
        WHERE u.rec
        RETURNING billing_period, late, transactions, computation_units, quantity, cost_millicents
    ), g AS (
        SELECT i.billing_period, i.late, sum(i.transactions)::bigint AS tx, sum(i.computation_units)::bigint AS cu,
               sum(i.quantity)::bigint AS ops, sum(i.cost_millicents)::bigint AS cost
        FROM ins i GROUP BY i.billing_period, i.late
    )
    SELECT array_agg(g.billing_period ORDER BY g.billing_period DESC, g.late), array_agg(g.late ORDER BY g.billing_period DESC, g.late),
           array_agg(g.tx ORDER BY g.billing_period DESC, g.late), array_agg(g.cu ORDER BY g.billing_period DESC, g.late),
           array_agg(g.ops ORDER BY g.billing_period DESC, g.late), array_agg(g.cost ORDER BY g.billing_period DESC, g.late)
    INTO v_g_period, v_g_late, v_g_tx, v_g_cu, v_g_ops, v_g_cost
    FROM g;

    IF v_g_period IS NULL THEN
        -- Only duplicates: nothing recorded, but the call is still a call.
        PERFORM monay_private.billing_account(p_tenant_id, date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date,
                                              0, 0, 0, 0, false, true);
    ELSE
        FOR i IN 1 .. cardinality(v_g_period) LOOP
            PERFORM monay_private.billing_account(p_tenant_id, v_g_period[i], v_g_tx[i], v_g_cu[i], v_g_ops[i],
                                                  v_g_cost[i], v_g_late[i], NOT v_taken);
            v_taken := true;
            v_tot_tx := v_tot_tx + v_g_tx[i];
            v_tot_cu := v_tot_cu + v_g_cu[i];
        END LOOP;
    END IF;

    RETURN jsonb_build_object(
        'tenant_id', p_tenant_id,
        'received', v_n,
        'recorded', (SELECT count(*) FROM unnest(v_record) r WHERE r),
        'duplicates', (SELECT count(*) FROM unnest(v_record) r WHERE NOT r),
        'transactions', v_tot_tx,
        'computation_units', v_tot_cu,
        'operation_ids', (SELECT coalesce(jsonb_agg(u.id ORDER BY u.i), '[]'::jsonb)
                          FROM unnest(v_ids, v_record) WITH ORDINALITY AS u(id, rec, i) WHERE u.rec),
        'duplicate_operations', (SELECT coalesce(jsonb_agg(jsonb_build_object('index', u.i, 'idempotency_key', u.k,
                                                                             'operation_id', u.d) ORDER BY u.i), '[]'::jsonb)
                                 FROM unnest(v_keys, v_record, v_dup_of) WITH ORDINALITY AS u(k, rec, d, i)
                                 WHERE NOT u.rec));
END;
$$;

COMMENT ON FUNCTION monay.track_operations(uuid, jsonb) IS
    'Batch usage recording (JSON array): one insert, one counter upsert per period; idempotent per key.';
REVOKE ALL ON FUNCTION monay.track_operations(uuid, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.track_operations(uuid, jsonb) TO monay_app, monay_platform;
