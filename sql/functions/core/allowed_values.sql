-- sql/functions/core/allowed_values.sql
CREATE OR REPLACE FUNCTION monay_private.allowed_values(
    p_table     regclass
    , p_column  name
    , p_order   name DEFAULT NULL
)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The allowed values of a lookup table (docs/development.md, "Allowed values"),
   comma-separated, ordered by p_order (e.g. sort_order) then by the value:
   what an error message names as "allowed". '(none)' for an empty table.
   Raises 22023 when p_table or p_column is NULL; an unknown column raises 42703. */
DECLARE
    v_list text;
BEGIN
    IF p_table IS NULL OR p_column IS NULL THEN
        RAISE EXCEPTION 'allowed_values: p_table and p_column must not be NULL' USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT string_agg(x.%1$I::text, '', '' ORDER BY %2$s x.%1$I) FROM %3$s x',
                   p_column, CASE WHEN p_order IS NULL THEN '' ELSE format('x.%I,', p_order) END, p_table)
        INTO v_list;
    RETURN coalesce(v_list, '(none)');
END;
$$;

COMMENT ON FUNCTION monay_private.allowed_values(regclass, name, name) IS
    'Comma-separated values of a lookup table, for "allowed: ..." in error messages.';
REVOKE ALL ON FUNCTION monay_private.allowed_values(regclass, name, name) FROM PUBLIC;
