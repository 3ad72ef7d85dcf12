-- sql/functions/groups/calculate_group_limits.sql
CREATE OR REPLACE FUNCTION monay.calculate_group_limits(
    p_group_id  uuid
    , p_period  date DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The combined allowances of a group's member tenants (its subtree, each
   tenant once: monay_private.group_billed_members) for the month holding
   p_period (default: the current month), each taken from
   monay.calculate_tenant_usage of that tenant:
     {group_id, kind, period, members, member_count, max_members,
      transactions: {limit, used, remaining},
      computation_units: {limit, used, remaining},
      allowances: {total_cents, members: n},   (household spending allowances)
      per_member: [{tenant_id, role, transactions, computation_units}]}
   remaining is the sum of each member's remaining (one member's unused
   allowance does not cover another's overage).
   Who: a manager of the group or the platform (the figures are the members').
   VOLATILE: it reads each member under that member's own context.
   Raises 42501 (not a manager), 22023 (NULL), MG001 (no such group). */
DECLARE
    v_group monay.groups;
    v_m     record;
    v_u     jsonb;
    v_lines jsonb := '[]'::jsonb;
    v_tl bigint := 0; v_tu bigint := 0; v_tr bigint := 0;
    v_cl bigint := 0; v_cu bigint := 0; v_cr bigint := 0;
    v_period date;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'calculate_group_limits');
    PERFORM monay_private.group_require_manager(v_group, 'calculate_group_limits');
    FOR v_m IN SELECT * FROM monay_private.group_billed_members(p_group_id) b ORDER BY b.member_tenant_id LOOP
        v_u := monay_private.group_member_call(v_m.member_tenant_id, 'usage', p_period);
        v_period := (v_u ->> 'period')::date;
        v_tl := v_tl + (v_u #>> '{transactions,limit}')::bigint;
        v_tu := v_tu + (v_u #>> '{transactions,used}')::bigint;
        v_tr := v_tr + (v_u #>> '{transactions,remaining}')::bigint;
        v_cl := v_cl + (v_u #>> '{computation_units,limit}')::bigint;
        v_cu := v_cu + (v_u #>> '{computation_units,used}')::bigint;
        v_cr := v_cr + (v_u #>> '{computation_units,remaining}')::bigint;
        v_lines := v_lines || jsonb_build_object('tenant_id', v_m.member_tenant_id, 'role', v_m.role,
            'transactions', v_u -> 'transactions', 'computation_units', v_u -> 'computation_units');
    END LOOP;
    RETURN jsonb_build_object(
        'group_id', v_group.id, 'kind', v_group.kind,
        'period', coalesce(v_period, date_trunc('month', coalesce(p_period::timestamp, now() AT TIME ZONE 'UTC'))::date),
        'members', jsonb_array_length(v_lines), 'member_count', v_group.member_count,
        'max_members', (monay.get_setting('MAX_GROUP_MEMBERS') #>> '{}')::bigint,
        'transactions', jsonb_build_object('limit', v_tl, 'used', v_tu, 'remaining', v_tr),
        'computation_units', jsonb_build_object('limit', v_cl, 'used', v_cu, 'remaining', v_cr),
        'allowances', (SELECT jsonb_build_object('total_cents', coalesce(sum(m.allowance_cents), 0),
                                                 'members', count(m.allowance_cents))
                       FROM monay.group_members m WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id),
        'per_member', v_lines);
END;
$$;

COMMENT ON FUNCTION monay.calculate_group_limits(uuid, date) IS
    'Combined included usage and remaining limits of a group''s member tenants, and its allowances.';
REVOKE ALL ON FUNCTION monay.calculate_group_limits(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.calculate_group_limits(uuid, date) TO monay_app, monay_platform;
