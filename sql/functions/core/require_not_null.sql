-- sql/functions/core/require_not_null.sql
CREATE OR REPLACE FUNCTION monay_private.require_not_null(
    p_value       anyelement
    , p_name      text
    , p_operation text
)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
AS $$
/* The NULL-argument check of every function: raises
     22023 '<p_operation>: <p_name> must not be NULL'
   when p_value is NULL (a scalar; for a row type IS NULL means every field is
   NULL). Call it once per argument, first thing, before any write:
     PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'suspend_tenant');
   Owner-only, SECURITY INVOKER and without a SET clause (a SET would cost a
   GUC save/restore on every call): it names no object, so the caller's
   search_path does not matter. A plain call costs about a microsecond; the
   hot paths (track_operation, authenticate) call none (docs/development.md). */
BEGIN
    IF p_value IS NULL THEN
        RAISE EXCEPTION '%: % must not be NULL', p_operation, p_name USING ERRCODE = '22023';
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.require_not_null(anyelement, text, text) IS
    'Raises 22023 "<operation>: <name> must not be NULL" when p_value is NULL.';
REVOKE ALL ON FUNCTION monay_private.require_not_null(anyelement, text, text) FROM PUBLIC;
