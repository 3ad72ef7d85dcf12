-- sql/functions/legacy/legacy_step_finish.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_step_finish(
    p_direction text
    , p_name    text
)
    RETURNS void
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Marks a retrofit step done (after its last batch, or after its statements). */
    UPDATE monay_private.legacy_steps
    SET status = 'done', started_at = coalesce(started_at, clock_timestamp()), finished_at = clock_timestamp()
    WHERE direction = p_direction AND name = p_name
$$;

COMMENT ON FUNCTION monay_private.legacy_step_finish(text, text) IS 'Marks a retrofit step done.';
REVOKE ALL ON FUNCTION monay_private.legacy_step_finish(text, text) FROM PUBLIC;
