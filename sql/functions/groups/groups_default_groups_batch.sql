-- sql/functions/groups/groups_default_groups_batch.sql
CREATE OR REPLACE FUNCTION monay_private.groups_default_groups_batch(
    p_limit integer
)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The default_groups step of the legacy retrofit (monay_private.legacy_steps,
   migration 006, run by `monaydb legacy migrate` before its swap): one
   committed batch of default households (monay_private.create_default_groups,
   at most min(p_limit, 1000) heads, in a platform context signed here for this
   transaction), counted on the step; returns how many it made, 0 when none is
   left (the runner then moves on). Idempotent: a killed run resumes where the
   households stop. Raises what create_default_groups raises. */
DECLARE
    v_n integer;
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    v_n := monay_private.create_default_groups(least(greatest(coalesce(p_limit, 1), 1), 1000));
    PERFORM monay_private.legacy_step_advance('migrate', 'default_groups', NULL, v_n);
    RETURN v_n;
END;
$$;

COMMENT ON FUNCTION monay_private.groups_default_groups_batch(integer) IS
    'Legacy retrofit step default_groups: one committed batch of default households.';
REVOKE ALL ON FUNCTION monay_private.groups_default_groups_batch(integer) FROM PUBLIC;
