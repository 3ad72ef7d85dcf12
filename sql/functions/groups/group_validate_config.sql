-- sql/functions/groups/group_validate_config.sql
CREATE OR REPLACE FUNCTION monay_private.group_validate_config(
    p_kind     text
    , p_config jsonb
)
    RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The configuration of a group of kind p_kind: the defaults overlaid with
   p_config, every key known and typed (docs/groups.md, "Configuration").
     household:       allowance_period 'day'|'week'|'month' (month),
                      default_allowance_cents integer >= 0 (0),
                      consolidated_billing boolean (true)
     holding_company: consolidated_billing boolean (true),
                      include_affiliates boolean (false)
   Raises MG003 naming the key and the value. */
DECLARE
    v_defaults jsonb;
    v_config   jsonb;
    v_key      text;
    v_val      jsonb;
BEGIN
    v_defaults := CASE p_kind
        WHEN 'household' THEN '{"allowance_period": "month", "default_allowance_cents": 0, "consolidated_billing": true}'
        WHEN 'holding_company' THEN '{"consolidated_billing": true, "include_affiliates": false}'
    END::jsonb;
    IF v_defaults IS NULL THEN
        RAISE EXCEPTION 'group kind % has no configuration rules', coalesce(quote_literal(p_kind), 'NULL')
            USING ERRCODE = 'MG003';
    END IF;
    IF p_config IS NOT NULL AND jsonb_typeof(p_config) <> 'object' THEN
        RAISE EXCEPTION 'configuration of a % must be a JSON object, got %', p_kind, p_config USING ERRCODE = 'MG003';
    END IF;
    v_config := v_defaults || coalesce(p_config, '{}'::jsonb);
    FOR v_key, v_val IN SELECT e.key, e.value FROM jsonb_each(v_config) e LOOP
        IF NOT v_defaults ? v_key THEN
            RAISE EXCEPTION 'unknown configuration key % for a % (known: %)', quote_literal(v_key), p_kind,
                (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(v_defaults) k) USING ERRCODE = 'MG003';
        END IF;
        IF jsonb_typeof(v_val) IS DISTINCT FROM jsonb_typeof(v_defaults -> v_key)
           OR (v_key = 'default_allowance_cents' AND (v_val::numeric % 1 <> 0 OR v_val::numeric < 0
                                                      OR v_val::numeric > 9223372036854775807))
           OR (v_key = 'allowance_period' AND v_val #>> '{}' NOT IN ('day', 'week', 'month')) THEN
            RAISE EXCEPTION 'configuration key % of a % has an invalid value: %', quote_literal(v_key), p_kind, v_val
                USING ERRCODE = 'MG003';
        END IF;
    END LOOP;
    RETURN v_config;
END;
$$;

COMMENT ON FUNCTION monay_private.group_validate_config(text, jsonb) IS
    'Defaults overlaid with a group''s configuration, every key known and typed (MG003 otherwise).';
REVOKE ALL ON FUNCTION monay_private.group_validate_config(text, jsonb) FROM PUBLIC;
