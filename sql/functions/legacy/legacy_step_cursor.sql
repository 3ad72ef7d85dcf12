-- sql/functions/legacy/legacy_step_cursor.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_step_cursor(
    p_direction text
    , p_name    text
)
    RETURNS text
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The cursor of a step, locked for this batch (FOR UPDATE: two drivers
   started by mistake take turns instead of doing a batch twice). */
    SELECT s.cursor FROM monay_private.legacy_steps s
    WHERE s.direction = p_direction AND s.name = p_name
    FOR UPDATE
$$;

COMMENT ON FUNCTION monay_private.legacy_step_cursor(text, text) IS
    'A retrofit step''s cursor, row-locked for the current batch.';
REVOKE ALL ON FUNCTION monay_private.legacy_step_cursor(text, text) FROM PUBLIC;
