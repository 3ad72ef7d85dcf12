-- sql/functions/groups/group_lock_trees.sql
CREATE OR REPLACE FUNCTION monay_private.group_lock_trees(
    p_group_ids uuid[]
)
    RETURNS uuid[]
    LANGUAGE plpgsql VOLATILE
AS $$
/* Serialises every change of the trees that hold p_group_ids (moves,
   creations under a parent): locks the closure self row of each tree's root,
   in ascending id order, FOR UPDATE, and bumps its lock_version. Why the
   roots: any move that could make a cycle or exceed the depth with ours
   changes one of these trees, so it must hold the same root lock; two moves
   in unrelated trees do not wait for each other. A root may change while we
   wait (a concurrent move put our tree under another): the roots are read
   again after each round of locks (READ COMMITTED: a fresh snapshot per
   statement) until every current root is held. A root locked in a later
   round may be ordered before one held already; PostgreSQL's deadlock
   detector then aborts one mover with 40P01 (retry). Under REPEATABLE READ or
   SERIALIZABLE, locking a root that a committed mover bumped raises 40001, so
   no mover can decide on a stale tree. Returns the roots held.
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_locked uuid[] := '{}'::uuid[];
    v_roots  uuid[];
BEGIN
    LOOP
        SELECT coalesce(array_agg(DISTINCT r.root ORDER BY r.root), '{}'::uuid[]) INTO v_roots
        FROM unnest(p_group_ids) AS g (id)
        CROSS JOIN LATERAL (SELECT p.ancestor_id AS root FROM monay_private.group_paths p
                            WHERE p.descendant_id = g.id ORDER BY p.distance DESC LIMIT 1) r;
        IF v_roots <@ v_locked THEN
            RETURN v_locked;
        END IF;
        PERFORM 1 FROM monay_private.group_paths p
        WHERE p.ancestor_id = ANY (v_roots) AND p.descendant_id = p.ancestor_id
          AND NOT (p.ancestor_id = ANY (v_locked))
        ORDER BY p.ancestor_id
        FOR UPDATE;
        UPDATE monay_private.group_paths p SET lock_version = p.lock_version + 1
        WHERE p.ancestor_id = ANY (v_roots) AND p.descendant_id = p.ancestor_id
          AND NOT (p.ancestor_id = ANY (v_locked));
        v_locked := ARRAY(SELECT DISTINCT x FROM unnest(v_locked || v_roots) x ORDER BY x);
    END LOOP;
END;
$$;

COMMENT ON FUNCTION monay_private.group_lock_trees(uuid[]) IS
    'Locks (in id order) and bumps the roots of the trees holding the given groups, until stable.';
REVOKE ALL ON FUNCTION monay_private.group_lock_trees(uuid[]) FROM PUBLIC;
