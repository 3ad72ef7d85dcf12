-- sql/functions/legacy/legacy_step_advance.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_step_advance(
    p_direction text
    , p_name    text
    , p_cursor  text
    , p_rows    bigint
)
    RETURNS void
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Records one committed batch of a step: its new cursor and rows, in the
   batch's own transaction (so a killed run resumes exactly after the last
   committed batch and never does one twice). */
    UPDATE monay_private.legacy_steps
    SET cursor = p_cursor, rows_done = rows_done + p_rows, batches = batches + 1,
        status = 'running', started_at = coalesce(started_at, now())
    WHERE direction = p_direction AND name = p_name
$$;

COMMENT ON FUNCTION monay_private.legacy_step_advance(text, text, text, bigint) IS
    'Moves a retrofit step''s cursor and counts after one batch (same transaction as the batch).';
REVOKE ALL ON FUNCTION monay_private.legacy_step_advance(text, text, text, bigint) FROM PUBLIC;
