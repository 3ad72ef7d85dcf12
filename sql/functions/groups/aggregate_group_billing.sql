-- sql/functions/groups/aggregate_group_billing.sql
CREATE OR REPLACE FUNCTION monay.aggregate_group_billing(
    p_group_id  uuid
    , p_period  date
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* One consolidated bill of group p_group_id and its subtree for the month
   holding p_period, paid by the group's owner tenant:
     {group_id, kind, name, period, payer_tenant_id, members,
      lines: [{tenant_id, group_id, role, status, base_fee_cents,
               overage_transactions_cents, overage_computation_units_cents,
               total_before_discount_cents, member_usdxm_discount_cents}],
      totals: {base_fee_cents, overage_transactions_cents,
               overage_computation_units_cents, total_before_discount_cents,
               usdxm_discount_cents, total_cents,
               separate_usdxm_discounts_cents},
      discount_rule}
   One line per member tenant of the subtree (each once:
   monay_private.group_billed_members), each the tenant's own bill from
   monay.calculate_tenant_billing (the stored bill once billed, else the
   draft computed now), read under that tenant's own context. The USDXM
   discount is applied once, on the consolidated total, with the billing
   rule: usdxm_discount_cents = floor(total_before_discount_cents *
   discount_percent / 100) (USDXM's discount_percent, 10), total_cents = the
   rest. separate_usdxm_discounts_cents is what the members' own discounts
   would add up to (never more, by the floor).
   Who: a manager of the group (the payer) or the platform; members and
   subsidiaries see their own bill only.
   Raises 42501 (not a manager), 22023 (NULL or period out of range),
   MG001 (no such group). */
DECLARE
    v_group monay.groups;
    v_m     record;
    v_bill  jsonb;
    v_lines jsonb := '[]'::jsonb;
    v_pct   bigint;
    v_base bigint := 0; v_otx bigint := 0; v_ocu bigint := 0; v_total bigint := 0; v_sep bigint := 0;
    v_disc  bigint;
    v_period date;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'aggregate_group_billing');
    PERFORM monay_private.group_require_manager(v_group, 'aggregate_group_billing');
    PERFORM monay_private.require_not_null(p_period, 'p_period', 'aggregate_group_billing');
    v_period := date_trunc('month', p_period)::date;
    SELECT coalesce(max(s.discount_percent), 0) INTO v_pct
    FROM monay.stablecoin_payment_config s WHERE s.symbol = 'USDXM';
    FOR v_m IN SELECT * FROM monay_private.group_billed_members(p_group_id) b ORDER BY b.member_tenant_id LOOP
        v_bill := monay_private.group_member_call(v_m.member_tenant_id, 'billing', v_period);
        v_base := v_base + (v_bill #>> '{costs,base_fee_cents}')::bigint;
        v_otx := v_otx + (v_bill #>> '{costs,overage_transactions_cents}')::bigint;
        v_ocu := v_ocu + (v_bill #>> '{costs,overage_computation_units_cents}')::bigint;
        v_total := v_total + (v_bill #>> '{costs,total_before_discount_cents}')::bigint;
        v_sep := v_sep + (v_bill #>> '{costs,usdxm_discount_cents}')::bigint;
        v_lines := v_lines || jsonb_build_object(
            'tenant_id', v_m.member_tenant_id, 'group_id', v_m.group_id, 'role', v_m.role,
            'user_id', v_m.member_user_id, 'status', v_bill ->> 'status', 'tier', v_bill ->> 'tier',
            'base_fee_cents', (v_bill #>> '{costs,base_fee_cents}')::bigint,
            'overage_transactions_cents', (v_bill #>> '{costs,overage_transactions_cents}')::bigint,
            'overage_computation_units_cents', (v_bill #>> '{costs,overage_computation_units_cents}')::bigint,
            'total_before_discount_cents', (v_bill #>> '{costs,total_before_discount_cents}')::bigint,
            'member_usdxm_discount_cents', (v_bill #>> '{costs,usdxm_discount_cents}')::bigint);
    END LOOP;
    v_disc := v_total * v_pct / 100;
    RETURN jsonb_build_object(
        'group_id', v_group.id, 'kind', v_group.kind, 'name', v_group.name, 'period', v_period,
        'payer_tenant_id', v_group.tenant_id, 'members', jsonb_array_length(v_lines), 'lines', v_lines,
        'totals', jsonb_build_object(
            'base_fee_cents', v_base, 'overage_transactions_cents', v_otx,
            'overage_computation_units_cents', v_ocu, 'total_before_discount_cents', v_total,
            'usdxm_discount_cents', v_disc, 'total_cents', v_total - v_disc,
            'separate_usdxm_discounts_cents', v_sep),
        'discount_rule', format('floor(total_before_discount_cents * %s / 100), once on the consolidated total', v_pct));
END;
$$;

COMMENT ON FUNCTION monay.aggregate_group_billing(uuid, date) IS
    'Consolidated bill of a group''s subtree: member lines from their own bills, one USDXM discount, owner pays.';
REVOKE ALL ON FUNCTION monay.aggregate_group_billing(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.aggregate_group_billing(uuid, date) TO monay_app, monay_platform;
