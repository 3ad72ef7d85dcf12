-- sql/functions/core/error_code_raisers.sql
CREATE OR REPLACE FUNCTION monay_private.error_code_raisers()
    RETURNS TABLE (sqlstate text, raised_by text[])
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Which callable things raise each SQLSTATE, read from the catalog: a code is
   raised by a function whose body names it (ERRCODE = '...', or one of our
   custom codes as a literal, e.g. an argument of monay_private.refuse_access),
   and by every function of ours that calls such a function or writes a table
   whose trigger does, transitively.
   raised_by lists the functions of schema monay (what applications call) and,
   for codes raised by triggers, 'INSERT/UPDATE/DELETE on <table>'; codes only a
   private helper raises show that helper. For the registry's test and docs. */
WITH RECURSIVE fns AS (
    -- bodies without their comments: a comment that mentions a function is no call
    SELECT p.oid, n.nspname, p.proname,
           regexp_replace(p.prosrc, '/\*.*?\*/|--[^\n]*', '', 'g') AS prosrc
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ('monay', 'monay_private') AND p.prolang <> 12 /* internal */
      AND p.proname NOT IN ('error_codes', 'error_code_raisers')  -- the registry names every code
), direct AS (
    SELECT DISTINCT f.oid, coalesce(m[1], m[2]) AS code
    FROM fns f,
         LATERAL regexp_matches(f.prosrc, $re$ERRCODE\s*=\s*'([0-9A-Z]{5})'|'(M[A-Z][0-9]{3})'$re$, 'g') m
), calls AS (
    SELECT caller.oid AS caller, callee.oid AS callee
    FROM fns caller JOIN fns callee
      ON caller.oid <> callee.oid
     AND strpos(caller.prosrc, callee.nspname || '.' || callee.proname) > 0
     AND caller.prosrc ~ ('\m' || callee.nspname || '\.' || callee.proname || '\s*\(')
), writes AS (  -- a function that writes a table runs that table's triggers
    SELECT caller.oid AS caller, t.tgfoid AS callee
    FROM fns caller
    JOIN pg_trigger t ON NOT t.tgisinternal AND t.tgparentid = 0
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE caller.prosrc ~* ('(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+' || n.nspname || '\.' || c.relname || '\M')
), reach (oid, code) AS (
    SELECT oid, code FROM direct
    UNION
    SELECT c.caller, r.code FROM (SELECT * FROM calls UNION SELECT * FROM writes) c JOIN reach r ON r.oid = c.callee
), named AS (
    SELECT r.code, f.nspname || '.' || f.proname AS name, f.nspname = 'monay' AS public
    FROM reach r JOIN fns f USING (oid)
    UNION
    SELECT r.code, 'writes to ' || t.tgrelid::regclass::text, true
    FROM reach r JOIN pg_trigger t ON t.tgfoid = r.oid AND NOT t.tgisinternal
    WHERE t.tgparentid = 0  -- a partitioned table's trigger, not its clones on the partitions
)
SELECT code,
       coalesce(array_agg(DISTINCT name ORDER BY name) FILTER (WHERE public),
                array_agg(DISTINCT name ORDER BY name))
FROM named
GROUP BY code
$$;

COMMENT ON FUNCTION monay_private.error_code_raisers() IS
    'Per SQLSTATE, the public functions (and tables, via triggers) that raise it, from the catalog.';
REVOKE ALL ON FUNCTION monay_private.error_code_raisers() FROM PUBLIC;
