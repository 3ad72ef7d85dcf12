--
-- PostgreSQL database dump
--

--
-- Name: monay; Type: SCHEMA; Schema: -; Owner: monay_owner
--

CREATE SCHEMA monay;

ALTER SCHEMA monay OWNER TO monay_owner;
--
-- Name: SCHEMA monay; Type: COMMENT; Schema: -; Owner: monay_owner
--

COMMENT ON SCHEMA monay IS 'The public contract: tables and functions that applications call.';

--
-- Name: monay_monitor; Type: SCHEMA; Schema: -; Owner: monay_owner
--

CREATE SCHEMA monay_monitor;

ALTER SCHEMA monay_monitor OWNER TO monay_owner;
--
-- Name: SCHEMA monay_monitor; Type: COMMENT; Schema: -; Owner: monay_owner
--

COMMENT ON SCHEMA monay_monitor IS 'Metric views for monitoring (aggregates only); read by monay_monitor. docs/monitoring.md.';

--
-- Name: monay_private; Type: SCHEMA; Schema: -; Owner: monay_owner
--

CREATE SCHEMA monay_private;

ALTER SCHEMA monay_private OWNER TO monay_owner;
--
-- Name: SCHEMA monay_private; Type: COMMENT; Schema: -; Owner: monay_owner
--

COMMENT ON SCHEMA monay_private IS 'Internals (secrets, helpers) that no application role can reach.';

--
-- Name: dblink; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS dblink WITH SCHEMA monay_private;

--
-- Name: EXTENSION dblink; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION dblink IS 'connect to other PostgreSQL databases from within a database';

--
-- Name: pg_partman; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_partman WITH SCHEMA partman;

--
-- Name: EXTENSION pg_partman; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pg_partman IS 'Extension to manage partitioned tables by time or ID';

--
-- Name: pg_stat_statements; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;

--
-- Name: EXTENSION pg_stat_statements; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pg_stat_statements IS 'track planning and execution statistics of all SQL statements executed';

--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

--
-- Name: EXTENSION pgcrypto; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';

--
-- Name: billing_bill_line; Type: TYPE; Schema: monay; Owner: monay_owner
--

CREATE TYPE monay.billing_bill_line AS (
	tier text,
	days integer,
	price_version date,
	overage_policy text,
	base_fee_cents bigint,
	included_transactions bigint,
	transactions_used bigint,
	overage_transaction_price_cents bigint,
	overage_transactions_cents bigint,
	included_computation_units bigint,
	computation_units_used bigint,
	overage_per_1000_units_cents bigint,
	overage_computation_units_cents bigint,
	cost_millicents bigint
);

ALTER TYPE monay.billing_bill_line OWNER TO monay_owner;
--
-- Name: TYPE billing_bill_line; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TYPE monay.billing_bill_line IS 'One tier line of a stored bill (monay.billing_metrics.lines); the bill JSON is built from it on read.';

--
-- Name: tenant_users; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenant_users (
    tenant_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text DEFAULT 'member'::text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tenant_users_status_known CHECK ((status = ANY (ARRAY['active'::text, 'removed'::text, 'invited'::text])))
);

ALTER TABLE ONLY monay.tenant_users FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenant_users OWNER TO monay_owner;
--
-- Name: TABLE tenant_users; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenant_users IS 'Memberships: a user''s role in a tenant. At most MAX_TENANTS_PER_USER active per user.';

--
-- Name: accept_tenant_invitation(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.accept_tenant_invitation(p_tenant_id uuid) RETURNS monay.tenant_users
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The authenticated user accepts their invitation to tenant p_tenant_id
   (made by an owner or admin with monay.add_tenant_member): the membership
   becomes active, counts toward MAX_TENANTS_PER_USER from now (checked here,
   race-free, by the trigger monay_private.count_user_tenants) and opens the
   tenant to monay.switch_tenant and authenticate. Returns the membership.
   Idempotent: accepting an active membership returns it unchanged. To
   decline, do nothing (an invitation grants nothing), or ask the tenant to
   remove it. The caller's context is unchanged afterwards.
   Raises:
     22023 p_tenant_id NULL
     MT206 nobody is authenticated in this transaction
     MT309 no invitation of this user to that tenant (never invited, removed)
     MT304 the tenant is closed
     MT303 the user already belongs to MAX_TENANTS_PER_USER tenants */
DECLARE
    v_user   uuid := monay.current_user_id();
    v_tenant uuid := monay.current_tenant_id();
    v_status text;
    v_row    monay.tenant_users;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'accept_tenant_invitation');
    IF v_user IS NULL THEN
        RAISE EXCEPTION 'accept_tenant_invitation needs an authenticated user: call monay.authenticate(token) first'
            USING ERRCODE = 'MT206';
    END IF;
    -- The invited tenant's context for this user, to read and change that one row.
    PERFORM monay_private.set_context(p_tenant_id, v_user, false);
    SELECT t.status INTO v_status FROM monay.tenants t WHERE t.id = p_tenant_id FOR NO KEY UPDATE;
    SELECT * INTO v_row FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_user FOR UPDATE;
    IF v_row.status IS DISTINCT FROM 'invited' AND v_row.status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.set_context(v_tenant, v_user, false);
        RAISE EXCEPTION 'user % has no invitation to tenant %', v_user, p_tenant_id USING ERRCODE = 'MT309';
    END IF;
    IF v_status = 'closed' THEN
        PERFORM monay_private.set_context(v_tenant, v_user, false);
    END IF;
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_status, 'MT304', 'its invitation cannot be accepted');
    IF v_row.status = 'invited' THEN
        UPDATE monay.tenant_users tu SET status = 'active', updated_at = now()
        WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_user
        RETURNING * INTO v_row;
    END IF;
    PERFORM monay_private.set_context(v_tenant, v_user, false);
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.accept_tenant_invitation(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION accept_tenant_invitation(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.accept_tenant_invitation(p_tenant_id uuid) IS 'The authenticated user accepts an invitation: the membership becomes active and counts (MT303, MT309).';

--
-- Name: group_members; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.group_members (
    tenant_id uuid NOT NULL,
    group_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    group_kind text NOT NULL,
    role text NOT NULL,
    member_user_id uuid,
    member_tenant_id uuid,
    allowance_cents bigint,
    added_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT group_members_allowance_non_negative CHECK ((allowance_cents >= 0)),
    CONSTRAINT group_members_someone CHECK (((member_user_id IS NOT NULL) OR (member_tenant_id IS NOT NULL)))
);

ALTER TABLE ONLY monay.group_members FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.group_members OWNER TO monay_owner;
--
-- Name: TABLE group_members; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.group_members IS 'Members of a group (users of a household, tenants of a holding) with their role and allowance.';

--
-- Name: add_group_member(uuid, uuid, text, bigint); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.add_group_member(p_group_id uuid, p_member_id uuid, p_role text, p_allowance_cents bigint DEFAULT NULL::bigint) RETURNS monay.group_members
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Adds p_member_id to group p_group_id with role p_role: a user id for a
   household, a tenant id for a holding company. Roles with an allowance
   (child, dependent) take p_allowance_cents, default the household's
   default_allowance_cents; other roles take none. At most MAX_GROUP_MEMBERS
   members, also under concurrent additions: the group row is locked and its
   member_count checked and bumped in the same transaction. Idempotent: the
   same member with the same role and allowance returns the existing row.
   A household member's line on the consolidated bill is the member's
   personal tenant (monay_private.group_personal_tenant), stored as
   member_tenant_id.
   Who: a manager of the group (owner/admin of its tenant) or the platform.
   Raises:
     42501 not a manager of the group     22023 NULL member or role
     MG001 no such group (or invisible)    MG002 role not valid for the kind
     MG006 the group has MAX_GROUP_MEMBERS members
     MG007 already a member with another role or allowance
     MG008 the user or tenant does not exist or is not active
     MG009 a tenant in a household or a user in a holding (trigger)
     MG018 an allowance for a role without one, or a negative one */
DECLARE
    v_group    monay.groups;
    v_type     text;
    v_allow    boolean;
    v_limit    bigint := (monay.get_setting('MAX_GROUP_MEMBERS') #>> '{}')::bigint;
    v_user     uuid;
    v_tenant   uuid;
    v_amount   bigint := p_allowance_cents;
    v_existing monay.group_members;
    v_row      monay.group_members;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'add_group_member');
    PERFORM monay_private.group_require_manager(v_group, 'add_group_member');
    PERFORM monay_private.require_not_null(p_member_id, 'p_member_id', 'add_group_member');
    PERFORM monay_private.require_not_null(p_role, 'p_role', 'add_group_member');
    SELECT r.has_allowance INTO v_allow FROM monay.group_member_roles r
    WHERE r.kind = v_group.kind AND r.role = p_role;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'add_group_member: % is not a role of a % (roles: %)', quote_literal(p_role), v_group.kind,
            (SELECT string_agg(r.role, ', ' ORDER BY r.role) FROM monay.group_member_roles r WHERE r.kind = v_group.kind)
            USING ERRCODE = 'MG002';
    END IF;
    IF v_allow THEN
        v_amount := coalesce(v_amount, (v_group.config ->> 'default_allowance_cents')::bigint, 0);
    END IF;
    IF v_amount < 0 OR (NOT v_allow AND v_amount IS NOT NULL) THEN
        RAISE EXCEPTION 'add_group_member: role % of a % takes %, got allowance %', p_role, v_group.kind,
            CASE WHEN v_allow THEN 'an allowance >= 0' ELSE 'no allowance' END, v_amount USING ERRCODE = 'MG018';
    END IF;
    SELECT k.member_type INTO v_type FROM monay.group_kinds k WHERE k.kind = v_group.kind;
    IF v_type = 'user' THEN
        IF monay_private.user_status(p_member_id) IS DISTINCT FROM 'active' THEN
            RAISE EXCEPTION 'add_group_member: user % does not exist or is disabled (a % has user members)',
                p_member_id, v_group.kind USING ERRCODE = 'MG008';
        END IF;
        v_user := p_member_id;
    ELSE
        IF monay_private.group_tenant_status(p_member_id) IS DISTINCT FROM 'active' THEN
            RAISE EXCEPTION 'add_group_member: tenant % does not exist or is not active (a % has tenant members)',
                p_member_id, v_group.kind USING ERRCODE = 'MG008';
        END IF;
        v_tenant := p_member_id;
    END IF;

    -- The group row's lock serialises additions: the count below is exact.
    v_group := monay_private.group_find(p_group_id, 'add_group_member', true);
    SELECT * INTO v_existing FROM monay.group_members m
    WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id
      AND (m.member_user_id = v_user OR (v_user IS NULL AND m.member_tenant_id = v_tenant));
    IF FOUND THEN
        IF (v_existing.role, v_existing.allowance_cents) IS DISTINCT FROM (p_role, v_amount) THEN
            RAISE EXCEPTION 'add_group_member: % is already a member of group % as % (allowance %)', p_member_id,
                p_group_id, v_existing.role, coalesce(v_existing.allowance_cents::text, 'none') USING ERRCODE = 'MG007';
        END IF;
        RETURN v_existing;
    END IF;
    IF v_group.member_count >= v_limit THEN
        RAISE EXCEPTION 'add_group_member: group % has % members, MAX_GROUP_MEMBERS is %', p_group_id,
            v_group.member_count, v_limit USING ERRCODE = 'MG006';
    END IF;
    IF v_user IS NOT NULL THEN
        v_tenant := monay_private.group_personal_tenant(v_user);
    END IF;
    INSERT INTO monay.group_members (tenant_id, group_id, group_kind, role, member_user_id, member_tenant_id,
                                     allowance_cents, added_by)
    VALUES (v_group.tenant_id, v_group.id, v_group.kind, p_role, v_user, v_tenant, v_amount, monay.current_user_id())
    RETURNING * INTO v_row;
    UPDATE monay.groups g SET member_count = g.member_count + 1, updated_at = now()
    WHERE g.tenant_id = v_group.tenant_id AND g.id = v_group.id;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.add_group_member(p_group_id uuid, p_member_id uuid, p_role text, p_allowance_cents bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION add_group_member(p_group_id uuid, p_member_id uuid, p_role text, p_allowance_cents bigint); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.add_group_member(p_group_id uuid, p_member_id uuid, p_role text, p_allowance_cents bigint) IS 'Adds a user (household) or tenant (holding) with a role and allowance; MAX_GROUP_MEMBERS under concurrency; idempotent.';

--
-- Name: add_tenant_member(uuid, uuid, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.add_tenant_member(p_tenant_id uuid, p_user_id uuid, p_role text DEFAULT 'member'::text) RETURNS monay.tenant_users
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Adds user p_user_id to tenant p_tenant_id with role p_role (owner, admin,
   member, viewer) and returns the membership. Consent: when an owner or
   admin adds someone who is not an active member (new, removed or already
   invited), the membership is an invitation (status 'invited'): it grants
   nothing and does not count toward MAX_TENANTS_PER_USER until the user
   accepts it (monay.accept_tenant_invitation); nobody can fill a
   stranger's limit. The platform's add is active at once (it administers
   tenants; the limit applies). Safe to retry:
     - an active member with the same role: nothing changes (no audit row);
     - an active member with another role: the role changes;
     - an invited user: the invitation's role changes (platform: activated);
     - a removed member: invited again with p_role (platform: re-activated).
   Who may call: the platform, or an owner/admin of p_tenant_id authenticated
   in it. Only owners (and the platform) may make someone an owner or change
   an owner's role. Each activation counts toward the user's
   MAX_TENANTS_PER_USER (trigger monay_private.count_user_tenants, race-free).
   The tenant row is locked (FOR NO KEY UPDATE) so that concurrent changes of
   a tenant's owners are serialised (see remove_tenant_member).
   Raises:
     42501 not the platform nor an owner/admin of that tenant (in its
           context); an admin naming or changing an owner
     22023 p_tenant_id or p_user_id NULL, unknown role
     MT301 the tenant does not exist (platform context)
     MT302 the user does not exist or is disabled
     MT303 the user already belongs to MAX_TENANTS_PER_USER tenants
     MT304 the tenant is closed
     MT305 the change would demote the tenant's last owner */
DECLARE
    v_caller text;
    v_status text;
    v_old    monay.tenant_users;
    v_row    monay.tenant_users;
    v_owners bigint;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'add_tenant_member');
    PERFORM monay_private.require_not_null(p_user_id, 'p_user_id', 'add_tenant_member');
    v_caller := monay_private.require_tenant_manager(p_tenant_id, 'add_tenant_member');
    IF p_role IS NULL OR NOT EXISTS (SELECT 1 FROM monay.tenant_roles r WHERE r.role = p_role) THEN
        RAISE EXCEPTION 'invalid role %: expected one of %',
            coalesce(quote_literal(p_role), 'NULL'), monay_private.allowed_values('monay.tenant_roles', 'role')
            USING ERRCODE = '22023';
    END IF;
    SELECT t.status INTO v_status FROM monay.tenants t WHERE t.id = p_tenant_id FOR NO KEY UPDATE;
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_status, 'MT304', 'its members cannot change');
    IF p_role = 'owner' AND v_caller = 'admin' THEN
        RAISE EXCEPTION 'an admin of tenant % cannot make user % an owner; only owners or the platform can',
            p_tenant_id, p_user_id USING ERRCODE = '42501';
    END IF;
    v_status := monay_private.user_status(p_user_id);
    IF v_status IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION 'user % %', p_user_id,
            CASE WHEN v_status IS NULL THEN 'does not exist' ELSE 'is ' || v_status END
            USING ERRCODE = 'MT302';
    END IF;

    SELECT * INTO v_old FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO monay.tenant_users (tenant_id, user_id, role, status)
        VALUES (p_tenant_id, p_user_id, p_role, CASE WHEN v_caller = 'platform' THEN 'active' ELSE 'invited' END)
        RETURNING * INTO v_row;
        RETURN v_row;
    END IF;
    IF v_old.role = p_role AND (v_old.status = 'active' OR (v_old.status = 'invited' AND v_caller <> 'platform')) THEN
        RETURN v_old;
    END IF;
    IF v_old.status = 'active' AND v_old.role = 'owner' THEN
        IF v_caller = 'admin' THEN
            RAISE EXCEPTION 'an admin of tenant % cannot change the role of owner %', p_tenant_id, p_user_id
                USING ERRCODE = '42501';
        END IF;
        SELECT count(*) INTO v_owners FROM monay.tenant_users tu
        WHERE tu.tenant_id = p_tenant_id AND tu.role = 'owner' AND tu.status = 'active'
          AND tu.user_id <> p_user_id;
        IF v_owners = 0 THEN
            RAISE EXCEPTION 'user % is the last owner of tenant %: cannot make them %', p_user_id, p_tenant_id, p_role
                USING ERRCODE = 'MT305', HINT = 'Make another member an owner first.';
        END IF;
    END IF;
    UPDATE monay.tenant_users tu
    SET role = p_role, updated_at = now(),
        status = CASE WHEN v_old.status = 'active' OR v_caller = 'platform' THEN 'active' ELSE 'invited' END
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = p_user_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.add_tenant_member(p_tenant_id uuid, p_user_id uuid, p_role text) OWNER TO monay_owner;
--
-- Name: FUNCTION add_tenant_member(p_tenant_id uuid, p_user_id uuid, p_role text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.add_tenant_member(p_tenant_id uuid, p_user_id uuid, p_role text) IS 'Invites (owners/admins) or adds (platform) a member, or changes an active member''s role.';

--
-- Name: adjust_bill(uuid, date, bigint, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.adjust_bill(p_tenant_id uuid, p_period date, p_amount_cents bigint, p_reason text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Platform only: corrects the finalized bill of the month holding p_period
   by p_amount_cents (positive: the tenant owes more; negative: a credit
   against that bill), with a reason. The bill row never changes; the
   correction is a row of monay.billing_adjustments and the balance due
   becomes total_before_discount + adjustments - paid. A paid bill that a
   positive correction reopens goes back to 'finalized'; then the tenant's
   credit is applied (waterfall). Returns the bill as calculate_tenant_billing
   shows it. Raises MT416 (beyond 10^15 cents), 42501 (not platform), 22023 (NULL, amount 0, blank
   reason), MT412 (the month has no bill, or it is void), MT413 (the balance
   would fall below what was already paid: refunds are not handled here). */
DECLARE
    c_lock_kind constant integer := 1296253207;  -- 'MBPW': billing waterfall lock
    v_period date;
    v_bill   record;
    v_due    bigint;
BEGIN
    PERFORM monay_private.require_platform(format('adjust_bill(%s, %s)', p_tenant_id, p_period));
    IF p_tenant_id IS NULL OR p_amount_cents IS NULL OR p_amount_cents = 0
       OR coalesce(length(btrim(p_reason)), 0) NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'adjust_bill: tenant, a non-zero amount and a reason (1 to 500 characters) are required'
            USING ERRCODE = '22023';
    END IF;
    v_period := monay_private.billing_period_start(p_period, 'adjust_bill');
    PERFORM pg_advisory_xact_lock(c_lock_kind, hashtext(p_tenant_id::text || ':all'));
    SELECT m.status, m.total_before_discount_cents
           + coalesce((SELECT sum(a.amount_cents) FROM monay.billing_adjustments a
                       WHERE a.tenant_id = m.tenant_id AND a.period = m.period), 0) AS owed,
           coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                     WHERE x.tenant_id = m.tenant_id AND x.period = m.period), 0) AS paid
    INTO v_bill
    FROM monay.billing_metrics m WHERE m.tenant_id = p_tenant_id AND m.period = v_period;
    IF NOT FOUND OR v_bill.status NOT IN ('finalized', 'paid') THEN
        RAISE EXCEPTION 'tenant % has no finalized bill for % to adjust%', p_tenant_id, to_char(v_period, 'YYYY-MM'),
            CASE WHEN FOUND THEN ' (it is ' || v_bill.status || ')' ELSE '' END USING ERRCODE = 'MT412';
    END IF;
    -- Amounts stay below 10^15 cents (MT416): the new total is checked in numeric, never overflowed.
    IF abs(p_amount_cents::numeric) > 1000000000000000
       OR abs(v_bill.owed::numeric + p_amount_cents) > 1000000000000000 THEN
        RAISE EXCEPTION 'adjust_bill: an adjustment of % cents to the % bill of tenant % is beyond what billing can hold (10^15 cents)',
            p_amount_cents, to_char(v_period, 'YYYY-MM'), p_tenant_id USING ERRCODE = 'MT416';
    END IF;
    v_due := v_bill.owed + p_amount_cents - v_bill.paid;
    IF v_due < 0 THEN
        RAISE EXCEPTION 'adjusting the % bill of tenant % by % cents leaves % cents owed but % were paid',
            to_char(v_period, 'YYYY-MM'), p_tenant_id, p_amount_cents, v_bill.owed + p_amount_cents, v_bill.paid
            USING ERRCODE = 'MT413';
    END IF;
    INSERT INTO monay.billing_adjustments (tenant_id, period, amount_cents, reason, created_by)
    VALUES (p_tenant_id, v_period, p_amount_cents, btrim(p_reason), monay.current_user_id());
    IF v_bill.status = 'paid' AND v_due > 0 THEN
        UPDATE monay.billing_metrics m SET status = 'finalized', paid_at = NULL
        WHERE m.tenant_id = p_tenant_id AND m.period = v_period;
    END IF;
    PERFORM monay_private.billing_waterfall(p_tenant_id);
    RETURN monay_private.billing_stored_bill(p_tenant_id, v_period);
END;
$$;

ALTER FUNCTION monay.adjust_bill(p_tenant_id uuid, p_period date, p_amount_cents bigint, p_reason text) OWNER TO monay_owner;
--
-- Name: FUNCTION adjust_bill(p_tenant_id uuid, p_period date, p_amount_cents bigint, p_reason text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.adjust_bill(p_tenant_id uuid, p_period date, p_amount_cents bigint, p_reason text) IS 'Platform only: corrects a finalized bill with an adjustment row (the bill itself never changes).';

--
-- Name: aggregate_group_billing(uuid, date); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.aggregate_group_billing(p_group_id uuid, p_period date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION monay.aggregate_group_billing(p_group_id uuid, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION aggregate_group_billing(p_group_id uuid, p_period date); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.aggregate_group_billing(p_group_id uuid, p_period date) IS 'Consolidated bill of a group''s subtree: member lines from their own bills, one USDXM discount, owner pays.';

--
-- Name: apply_margin_markup(bigint, numeric); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The lowest price in whole cents whose gross margin is at least
   p_margin_percent: price = ceil(cost * 100 / (100 - margin)), computed in
   exact numeric and rounded up to the cent (so (price - cost) / price >=
   margin / 100 always holds). Examples: (100, 60) -> 250, (100, 70) -> 334,
   (0, any) -> 0. Raises 22023 for NULL, a negative cost or a margin outside
   [0, 100); MT416 for a price above 10^15 cents (what billing can hold). */
BEGIN
    IF p_cost_cents IS NULL OR p_cost_cents < 0 THEN
        RAISE EXCEPTION 'apply_margin_markup: cost must be a non-negative number of cents, got %',
            coalesce(p_cost_cents::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_margin_percent IS NULL OR p_margin_percent < 0 OR p_margin_percent >= 100 THEN
        RAISE EXCEPTION 'apply_margin_markup: margin must be at least 0 and below 100 percent, got %',
            coalesce(p_margin_percent::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    -- Money stays below 10^15 cents everywhere (MT416): a price beyond it is refused, not overflowed.
    IF ceil(p_cost_cents::numeric * 100 / (100 - p_margin_percent)) > 1000000000000000 THEN
        RAISE EXCEPTION 'apply_margin_markup: a cost of % cents at % %% margin prices above 10^15 cents',
            p_cost_cents, p_margin_percent USING ERRCODE = 'MT416';
    END IF;
    RETURN ceil(p_cost_cents::numeric * 100 / (100 - p_margin_percent))::bigint;
END;
$$;

ALTER FUNCTION monay.apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric) OWNER TO monay_owner;
--
-- Name: FUNCTION apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric) IS 'Lowest price (cents, rounded up) with at least the given gross margin: ceil(cost * 100 / (100 - margin)).';

--
-- Name: authenticate(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.authenticate(p_token text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Verifies an HS256 JWT (claims: sub = user id, tenant_id, exp, optional nbf)
   against the secret set by monay.set_jwt_secret, checks that the user is
   active and an active member of that active tenant, and sets the signed,
   transaction-local context. Returns {user_id, tenant_id, tenant_code, role,
   expires_at}.
   Accepted secrets: the current one, and any previous one still inside the
   overlap window of monay.rotate_jwt_secret (retired_at in the future).
   Refusals are recorded durably in monay.audit_log (action auth_refused),
   with only bounded values: the token's sha256 and length, and the claimed
   alg, sub and tenant_id only when they have the expected shape (an HS-style
   name, uuids); a token longer than 8192 bytes is refused before decoding.
     MT201 malformed token or longer than 8192 bytes, wrong algorithm (alg none
           included), bad signature, exp/nbf not a number of seconds within
           0 .. 253402300799 (year 9999)
     MT202 expired            MT203 not yet valid (nbf)
     MT204 not an active member of the tenant
     MT205 tenant suspended or closed
     MT207 no JWT secret configured   MT208 user unknown or disabled */
DECLARE
    v_parts    text[];
    v_header   jsonb;
    v_claims   jsonb;
    v_signed   bytea;
    v_secrets  integer := 0;
    v_valid    boolean := false;
    v_user     uuid;
    v_tenant   uuid;
    v_refusal  integer;
    v_ustatus  text;
    v_status   text;
    v_role     text;
    v_code     text;
    v_now      numeric := extract(epoch FROM clock_timestamp());
    c_max_bytes constant integer := 8192;
    c_max_time  constant numeric := 253402300799;  -- 9999-12-31 23:59:59 UTC
    c_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
BEGIN
    -- Every refusal goes through monay_private.authenticate_refuse, which builds the audit
    -- record (token hash, bounded claims) only then: an accepted token pays for none of it.
    IF octet_length(p_token) > c_max_bytes THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            format('invalid token: %s bytes, at most %s', octet_length(p_token), c_max_bytes), p_token, NULL, NULL);
    END IF;
    v_parts := string_to_array(coalesce(p_token, ''), '.');
    IF coalesce(array_length(v_parts, 1), 0) <> 3 THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            'invalid token: not a JWT (expected header.payload.signature)', p_token, NULL, NULL);
    END IF;
    BEGIN
        v_header := convert_from(monay_private.base64url_decode(v_parts[1]), 'UTF8')::jsonb;
        v_claims := convert_from(monay_private.base64url_decode(v_parts[2]), 'UTF8')::jsonb;
        IF jsonb_typeof(v_header) <> 'object' OR jsonb_typeof(v_claims) <> 'object' THEN
            RAISE EXCEPTION 'not objects';
        END IF;
    EXCEPTION WHEN OTHERS THEN
        v_header := NULL;
    END;
    IF v_header IS NULL THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            'invalid token: header or payload is not base64url JSON', p_token, NULL, NULL);
    END IF;
    IF v_header ->> 'alg' IS DISTINCT FROM 'HS256' THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            format('invalid token: algorithm %s is not accepted, only HS256',
                   coalesce(left(v_header ->> 'alg', 32), 'missing')), p_token, v_header, v_claims);
    END IF;

    -- The current secret, then any previous one inside its overlap window.
    -- Compared through a hash of each side, so that the time a comparison takes
    -- says nothing about how many leading bytes of a forged signature were right.
    v_signed := public.digest(coalesce(v_parts[3], ''), 'sha256');
    SELECT count(*), coalesce(bool_or(public.digest(monay_private.base64url_encode(public.hmac(
               convert_to(v_parts[1] || '.' || v_parts[2], 'UTF8'), s.secret, 'sha256')), 'sha256') = v_signed), false)
      INTO v_secrets, v_valid
      FROM monay_private.jwt_secrets s
     WHERE s.retired_at IS NULL OR s.retired_at > clock_timestamp();
    IF v_secrets = 0 THEN
        PERFORM monay_private.authenticate_refuse('MT207',
            'no JWT secret configured: the platform must call monay.set_jwt_secret', p_token, v_header, v_claims);
    END IF;
    IF NOT v_valid THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            'invalid token: signature does not match', p_token, v_header, v_claims);
    END IF;

    -- From here the claims are authentic. Each check below is one CASE (evaluated in order,
    -- so a cast only runs once the check before it passed) and its refusal is spelt out only
    -- when it fails: an accepted token evaluates two expressions, not a dozen.
    v_refusal := CASE
        WHEN jsonb_typeof(v_claims -> 'exp') IS DISTINCT FROM 'number' THEN 1
        WHEN coalesce(v_claims ->> 'sub', '') !~ c_uuid OR coalesce(v_claims ->> 'tenant_id', '') !~ c_uuid THEN 2
        WHEN (v_claims ->> 'exp')::numeric NOT BETWEEN 0 AND c_max_time THEN 3
        WHEN v_now >= (v_claims ->> 'exp')::numeric THEN 4
        WHEN NOT v_claims ? 'nbf' THEN 0
        WHEN jsonb_typeof(v_claims -> 'nbf') <> 'number' THEN 5
        WHEN (v_claims ->> 'nbf')::numeric NOT BETWEEN 0 AND c_max_time THEN 6
        WHEN v_now < (v_claims ->> 'nbf')::numeric THEN 7
        ELSE 0 END;
    IF v_refusal <> 0 THEN
        IF v_refusal > 2 THEN
            v_user := (v_claims ->> 'sub')::uuid;
            v_tenant := (v_claims ->> 'tenant_id')::uuid;
        END IF;
        PERFORM monay_private.authenticate_refuse(
            CASE v_refusal WHEN 4 THEN 'MT202' WHEN 7 THEN 'MT203' ELSE 'MT201' END,
            CASE v_refusal
                WHEN 1 THEN 'invalid token: claim exp (a number) is required'
                WHEN 2 THEN 'invalid token: claims sub and tenant_id must be uuids'
                WHEN 3 THEN format('invalid token: claim exp %s is outside 0 .. %s (year 9999)',
                                   left(v_claims ->> 'exp', 40), c_max_time)
                WHEN 4 THEN format('token expired at %s', to_timestamp((v_claims ->> 'exp')::numeric))
                WHEN 5 THEN 'invalid token: claim nbf must be a number'
                WHEN 6 THEN format('invalid token: claim nbf %s is outside 0 .. %s (year 9999)',
                                   left(v_claims ->> 'nbf', 40), c_max_time)
                ELSE format('token not valid before %s', to_timestamp((v_claims ->> 'nbf')::numeric)) END,
            p_token, v_header, v_claims, v_tenant, v_user);
    END IF;
    v_user := (v_claims ->> 'sub')::uuid;
    v_tenant := (v_claims ->> 'tenant_id')::uuid;

    -- Sign the claimed context now, so that RLS lets us read exactly this
    -- user's row, their membership in this tenant and the tenant (the
    -- cheapest policy path), in one statement. Every refusal below raises, and
    -- the raise rolls the SET LOCAL back with the (sub)transaction: a refused
    -- token never leaves a context behind.
    PERFORM monay_private.set_context(v_tenant, v_user, false);
    SELECT u.status, tu.role, t.status, t.tenant_code INTO v_ustatus, v_role, v_status, v_code
      FROM (VALUES (1)) one (x)
      LEFT JOIN monay.users u ON u.id = v_user
      LEFT JOIN monay.tenant_users tu ON tu.tenant_id = v_tenant AND tu.user_id = v_user AND tu.status = 'active'
      LEFT JOIN monay.tenants t ON t.id = v_tenant;
    IF v_ustatus IS DISTINCT FROM 'active' OR v_role IS NULL OR v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.authenticate_refuse(
            CASE WHEN v_ustatus IS DISTINCT FROM 'active' THEN 'MT208' WHEN v_role IS NULL THEN 'MT204' ELSE 'MT205' END,
            CASE WHEN v_ustatus IS DISTINCT FROM 'active' THEN format('user %s is %s', v_user, coalesce(v_ustatus, 'unknown'))
                 WHEN v_role IS NULL THEN format('user %s is not an active member of tenant %s', v_user, v_tenant)
                 ELSE format('tenant %s is %s', v_tenant, coalesce(v_status, 'unknown')) END,
            p_token, v_header, v_claims, v_tenant, v_user);
    END IF;

    RETURN jsonb_build_object('user_id', v_user, 'tenant_id', v_tenant, 'tenant_code', v_code,
                              'role', v_role, 'expires_at', to_timestamp((v_claims ->> 'exp')::numeric));
END;
$_$;

ALTER FUNCTION monay.authenticate(p_token text) OWNER TO monay_owner;
--
-- Name: FUNCTION authenticate(p_token text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.authenticate(p_token text) IS 'Verifies an HS256 JWT and sets the signed tenant context for this transaction (MT201-MT208).';

--
-- Name: billing_run_batch(bigint, uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.billing_run_batch(p_run_id bigint, p_after uuid DEFAULT NULL::uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Platform only; one batch of monay.process_monthly_billing: bills the next
   BILLING_RUN_BATCH_SIZE (setting; fewer when the server's lock table is
   small: monay_private.billing_run_batch_limit) tenants of the run's month,
   in tenant id order after p_after (only those of the run's part, when it
   has one: monay.billing_run_part), among those not billed yet (so a rerun
   after a crash starts with the rest; looked up only when the run started
   with some of its tenants billed: billing_runs.tenants_billed_before), each
   exactly once. Adds the counts to the run's row. The caller commits after
   each batch.
   Set-based (issue 13): the batch's tenants are priced and stored in one
   statement (monay_private.billing_store_bills, whose pricing
   monay_private.billing_price is the one the single-tenant path uses), under
   the exclusive period locks of their buckets (monay_private.billing_period_lock_key,
   at most 256), which are tried, not waited for: the tenants of a bucket
   whose lock is held (usage in flight, an application's open transaction)
   are returned in `busy` for monay.billing_run_retry. Then, for every bill
   above 0, the tenant's waterfall lock and, for tenants with payments,
   monay_private.billing_waterfall (credit pays the bill at once), as
   monay_private.billing_finalize_tenant does for one tenant.
   Isolation stays per tenant: when the batch's statement fails (or a
   waterfall lock is held), it is rolled back and the batch is billed tenant
   by tenant, each in a subtransaction (monay_private.billing_run_tenant): a
   tenant that fails (e.g. MT416, a bill beyond what billing can hold) is
   rolled back alone, recorded durably in monay_private.billing_failures
   (source monthly_run, with run, period, SQLSTATE and message), counted in
   the run's tenants_failed, and the batch goes on. Tenants that the batch's
   statement passes over (a bill beyond 10^15 cents, a bill stored
   meanwhile) take that path too.
   Plans: the statements that read tables whose size the run changes are
   planned at each call with their parameters' values (EXECUTE), never kept
   from a first call on empty tables.
   Returns {run_id, period, billed, skipped, failed, busy: [tenant_id],
   last_tenant_id, fallback} (last_tenant_id NULL when nothing was left;
   fallback NULL, or the SQLSTATE that sent the batch tenant by tenant).
   Raises 42501, 22023 (unknown run). */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
    c_waterfall constant integer := 1296253207;  -- 'MBPW': the waterfall lock (billing_waterfall)
    v_run     monay.billing_runs;
    v_limit   integer;
    v_tenant  uuid;
    v_last    uuid;
    v_billed  integer := 0;
    v_skipped integer := 0;
    v_start   timestamptz;
    v_end     timestamptz;
    v_failed  integer := 0;
    v_busy    uuid[] := '{}'::uuid[];
    v_cand    uuid[];
    v_todo    uuid[];
    v_buckets integer[];
    v_free    uuid[];
    v_stored  uuid[] := '{}'::uuid[];
    v_due     uuid[];
    v_rest    uuid[];
    v_elsewhere integer;
    v_timeout text := current_setting('lock_timeout');
    v_sort    text := current_setting('enable_sort');
    v_fallback text;
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_batch(%s)', p_run_id));
    SELECT * INTO v_run FROM monay.billing_runs r WHERE r.id = p_run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'billing run % does not exist', coalesce(p_run_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    -- The setting, capped by the lock table (monay_private.billing_run_batch_limit).
    v_limit := monay_private.billing_run_batch_limit(
        (monay.get_setting('BILLING_RUN_BATCH_SIZE') #>> '{}')::integer, v_run.parts,
        current_setting('max_locks_per_transaction')::bigint
            * (current_setting('max_connections')::bigint + current_setting('max_prepared_transactions')::bigint));
    v_start := v_run.period::timestamp AT TIME ZONE 'UTC';
    v_end := (v_run.period + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    -- The next tenants in id order (an ordered walk of tenants_billing_walk_idx,
    -- index-only where the visibility map allows: migration 025) and those of
    -- them not billed yet: EXECUTE, planned now with the sizes of now (the
    -- month's bills grow while the run goes). An ordered index walk it
    -- must be: under RLS the policy's bounds are unknown at plan time, the
    -- planner guesses a few hundred rows for the whole table and chose a
    -- sequential scan and a sort of every tenant per batch (O(tenants) per
    -- batch, measured 20 ms at 20,000 tenants; a second per batch at 1M).
    -- Sorting is off for this one statement, so only the ordered index scan
    -- remains (set back right after).
    PERFORM set_config('enable_sort', 'off', true);
    -- The not-billed-yet probe only when some of the run's tenants had a bill
    -- when it started (a resumed run): else the INSERT's ON CONFLICT passes over
    -- what another writer bills meanwhile (migration 024; ~2 us a tenant).
    EXECUTE $q$
        WITH cand AS (
            SELECT t.id FROM monay.tenants t
            WHERE t.id > $1 AND ($6::integer IS NULL OR monay_private.billing_period_bucket(t.id) % $7 = $6 - 1)
              AND t.created_at < $2 AND NOT (t.status = 'closed' AND t.status_changed_at < $3)
            ORDER BY t.id
            LIMIT $4), todo AS (
            SELECT c.id, monay_private.billing_period_bucket(c.id) AS bucket FROM cand c
            WHERE NOT $8 OR NOT EXISTS (SELECT 1 FROM monay.billing_metrics m
                                        WHERE m.tenant_id = c.id AND m.period = $5))
        SELECT (SELECT array_agg(c.id ORDER BY c.id) FROM cand c),
               coalesce(array_agg(d.id ORDER BY d.id), '{}'), coalesce(array_agg(d.bucket ORDER BY d.id), '{}')
        FROM todo d $q$
    INTO v_cand, v_todo, v_buckets
    USING coalesce(p_after, '00000000-0000-0000-0000-000000000000'::uuid), v_end, v_start, v_limit, v_run.period,
          -- a part of the month's run (monay.billing_run_part) bills its own buckets only
          v_run.part, v_run.parts, v_run.tenants_billed_before IS DISTINCT FROM 0;
    PERFORM set_config('enable_sort', v_sort, true);
    v_last := v_cand[cardinality(v_cand)];
    -- The period locks of the batch's buckets, tried in key order (each
    -- bucket's key computed once, not once a tenant); the tenants of a bucket
    -- whose lock is held are busy.
    WITH k AS MATERIALIZED (
        SELECT b.bucket, monay_private.billing_period_bucket_key(b.bucket, v_run.period) AS key
        FROM (SELECT DISTINCT x.bucket FROM unnest(v_buckets) AS x(bucket)) b
    ), held AS MATERIALIZED (
        SELECT d.bucket FROM (SELECT k.bucket, k.key FROM k ORDER BY k.key) d
        WHERE NOT pg_try_advisory_xact_lock(c_lock_kind, d.key)
    )
    SELECT coalesce(array_agg(x.id ORDER BY x.id) FILTER (WHERE x.bucket IN (SELECT h.bucket FROM held h)), '{}'),
           coalesce(array_agg(x.id ORDER BY x.id) FILTER (WHERE x.bucket NOT IN (SELECT h.bucket FROM held h)), '{}')
    INTO v_busy, v_free
    FROM unnest(v_todo, v_buckets) AS x(id, bucket);
    BEGIN
        -- The INSERT waits as the caller's lock_timeout allows: parts running
        -- at once queue briefly for the table's extension lock, and a 1 ms
        -- bound here sent whole batches to the per-tenant path (measured:
        -- 10,000 of 200,000 tenants, a run 4x slower, one run in three).
        -- (unordered: v_stored is compared as a set, v_due locked in id order below)
        SELECT coalesce(array_agg(s.tenant_id), '{}'),
               coalesce(array_agg(s.tenant_id) FILTER (WHERE s.total_before_discount_cents > 0), '{}')
        INTO v_stored, v_due
        FROM monay_private.billing_store_bills(v_free, v_run.period, p_run_id) s;
        -- The waterfall locks first (not waited for: one held means a payment
        -- in flight, and the batch goes tenant by tenant), then a new statement
        -- looks for payments.
        PERFORM set_config('lock_timeout', '1ms', true);
        PERFORM pg_advisory_xact_lock(c_waterfall, hashtext(x.id::text || ':all'))
        FROM unnest(v_due) AS x(id) ORDER BY x.id;
        FOR v_tenant IN EXECUTE 'SELECT DISTINCT p.tenant_id FROM monay.payments p
                                 WHERE p.tenant_id = ANY ($1) ORDER BY 1' USING v_due
        LOOP
            PERFORM monay_private.billing_waterfall(v_tenant);
        END LOOP;
        PERFORM set_config('lock_timeout', v_timeout, true);
        v_billed := cardinality(v_stored);
        -- What the statement passed over: usually nothing (every free tenant
        -- stored), else a hashed difference (`<> ALL` was O(batch²)).
        IF cardinality(v_stored) = cardinality(v_free) THEN
            v_rest := '{}';
        ELSE
            SELECT coalesce(array_agg(d.id ORDER BY d.id), '{}') INTO v_rest
            FROM (SELECT unnest(v_free) EXCEPT SELECT unnest(v_stored)) AS d(id);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        -- Undone with the subtransaction: the bills, the waterfall, lock_timeout.
        v_fallback := SQLSTATE;
        v_stored := '{}';
        v_billed := 0;
        v_rest := v_free;
    END;
    -- What another writer billed meanwhile (the INSERT passed it over, or it
    -- made the statement fail) is skipped here in one lookup: the batch holds
    -- these tenants' period locks, so no bill of theirs can appear now.
    -- (EXECUTE: planned with the bills' size of now.)
    IF cardinality(v_rest) > 0 THEN
        EXECUTE 'SELECT coalesce(array_agg(x.id ORDER BY x.id) FILTER (WHERE m.tenant_id IS NULL), ''{}''),
                        count(m.tenant_id)
                 FROM unnest($1) AS x(id)
                 LEFT JOIN monay.billing_metrics m ON m.tenant_id = x.id AND m.period = $2'
        INTO v_rest, v_elsewhere
        USING v_rest, v_run.period;
        v_skipped := v_skipped + v_elsewhere;
    END IF;
    -- Tenant by tenant, isolated: what the batch's statement passed over or
    -- could not do.
    FOREACH v_tenant IN ARRAY v_rest LOOP
        CASE monay_private.billing_run_tenant(p_run_id, v_tenant, v_run.period, '1ms', false)
            WHEN 'billed' THEN v_billed := v_billed + 1;
            WHEN 'skipped' THEN v_skipped := v_skipped + 1;
            WHEN 'busy' THEN v_busy := v_busy || v_tenant;
            ELSE v_failed := v_failed + 1;
        END CASE;
    END LOOP;
    UPDATE monay.billing_runs r
    SET tenants_billed = r.tenants_billed + v_billed, tenants_skipped = r.tenants_skipped + v_skipped,
        tenants_failed = r.tenants_failed + v_failed, batches = r.batches + 1
    WHERE r.id = p_run_id;
    RETURN jsonb_build_object('run_id', p_run_id, 'period', v_run.period, 'billed', v_billed,
                              'skipped', v_skipped, 'failed', v_failed, 'busy', to_jsonb(v_busy),
                              'last_tenant_id', v_last, 'fallback', v_fallback);
END;
$_$;

ALTER FUNCTION monay.billing_run_batch(p_run_id bigint, p_after uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_run_batch(p_run_id bigint, p_after uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.billing_run_batch(p_run_id bigint, p_after uuid) IS 'Platform only: bills the next batch of not-yet-billed tenants of a run (each exactly once).';

--
-- Name: billing_run_finish(bigint); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.billing_run_finish(p_run_id bigint) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Platform only; the last step of monay.process_monthly_billing: marks the
   run finished and returns its counts {run_id, period, tenants_total,
   tenants_billed, tenants_skipped, tenants_failed, batches, billed_in_period,
   remaining, seconds, failures}; billed_in_period counts every bill of the
   month (by this run or any other), remaining the eligible tenants still
   unbilled, failures the first 100 rows of monay_private.billing_failures
   of this run ({tenant_id, sqlstate, message}).
   Raises 42501, 22023 (unknown run). */
DECLARE
    v_run     monay.billing_runs;
    v_billed  bigint;
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_finish(%s)', p_run_id));
    UPDATE monay.billing_runs r SET finished_at = clock_timestamp() WHERE r.id = p_run_id RETURNING * INTO v_run;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'billing run % does not exist', coalesce(p_run_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    SELECT count(*) INTO v_billed FROM monay.billing_metrics m WHERE m.period = v_run.period;
    RETURN jsonb_build_object('run_id', v_run.id, 'period', v_run.period, 'tenants_total', v_run.tenants_total,
        'tenants_billed', v_run.tenants_billed, 'tenants_skipped', v_run.tenants_skipped,
        'tenants_failed', v_run.tenants_failed,
        'failures', (SELECT coalesce(jsonb_agg(jsonb_build_object('tenant_id', f.tenant_id, 'sqlstate', f.sqlstate,
                                                                  'message', f.message) ORDER BY f.id), '[]'::jsonb)
                     FROM (SELECT * FROM monay_private.billing_failures f
                           WHERE f.run_id = v_run.id ORDER BY f.id LIMIT 100) f),
        'batches', v_run.batches, 'billed_in_period', v_billed,
        'remaining', greatest(v_run.tenants_total - v_billed, 0),
        'seconds', round(extract(epoch FROM v_run.finished_at - v_run.started_at), 3));
END;
$$;

ALTER FUNCTION monay.billing_run_finish(p_run_id bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_run_finish(p_run_id bigint); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.billing_run_finish(p_run_id bigint) IS 'Platform only: closes a monthly run and returns its counts.';

--
-- Name: billing_run_part(date, integer, integer); Type: PROCEDURE; Schema: monay; Owner: monay_owner
--

CREATE PROCEDURE monay.billing_run_part(IN p_period date, IN p_part integer, IN p_parts integer)
    LANGUAGE plpgsql
    AS $$
/* Bills, for the calendar month (UTC) holding p_period (which must be
   over), the tenants of part p_part of p_parts: those whose period-lock
   bucket (monay_private.billing_period_lock_key, 256 buckets of tenant ids)
   modulo p_parts is p_part - 1 (1 of 1 is every tenant), so that parts
   running at once never want the same period lock: exactly once each, in batches of BILLING_RUN_BATCH_SIZE tenants
   (monay.billing_run_batch), committing after each batch, then the tenants
   whose period lock was held retried once (monay.billing_run_retry), then
   the run's row closed (monay.billing_run_finish). The body of
   monay.process_monthly_billing, which runs it as 1 of 1 and then the
   groups' step; `monaydb billing run --jobs N` runs parts 1..N of N in N
   sessions at once (two cores: two sessions bill twice as fast) and the
   groups' step (monay.consolidate_group_bills) once after them all.
   Parts of one month may run at once, with each other and with any other
   run of that month: every tenant's month is finalized under its exclusive
   period lock and once only (primary key). A part killed halfway is
   finished by running it (or the whole month) again: it bills what is left.
   Progress as NOTICEs whose DETAIL is JSON ({event: start | batch | retry |
   finish, ...}), a WARNING naming the failures.
   For monay_platform, outside a transaction block (CALL in autocommit): it
   commits, so it runs as its caller, without a pinned search_path (every
   name schema-qualified, each step a platform-only function with a pinned
   path), setting the platform context again after each commit.
   Raises 42501 (not monay_platform), 22023 (NULL or out of range: p_parts
   from 1 to 64, p_part from 1 to p_parts), MT407 (month not over), 2D000
   (called inside a transaction block). */
DECLARE
    v_start jsonb;
    v_batch jsonb;
    v_done  jsonb;
    v_run   bigint;
    v_after uuid;
    v_billed bigint := 0;
    v_skipped bigint := 0;
    v_busy  uuid[] := '{}'::uuid[];
    v_retry jsonb;
BEGIN
    IF p_parts IS NULL OR p_part IS NULL OR p_parts NOT BETWEEN 1 AND 64 OR p_part NOT BETWEEN 1 AND p_parts THEN
        RAISE EXCEPTION 'billing_run_part: part % of % is out of range (parts from 1 to 64, part from 1 to parts)',
            coalesce(p_part::text, 'NULL'), coalesce(p_parts::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    PERFORM monay.set_platform_context();
    v_start := monay.billing_run_start(p_period, CASE WHEN p_parts > 1 THEN p_part END,
                                       CASE WHEN p_parts > 1 THEN p_parts END);
    v_run := (v_start ->> 'run_id')::bigint;
    COMMIT;
    RAISE NOTICE 'billing run % for %: % tenants, % billed before', v_run, v_start ->> 'period',
        v_start ->> 'tenants_total', v_start ->> 'already_billed'
        USING DETAIL = (v_start || jsonb_build_object('event', 'start', 'part', p_part, 'parts', p_parts))::text;
    LOOP
        PERFORM monay.set_platform_context();
        v_batch := monay.billing_run_batch(v_run, v_after);
        COMMIT;
        v_billed := v_billed + (v_batch ->> 'billed')::bigint;
        v_skipped := v_skipped + (v_batch ->> 'skipped')::bigint;
        RAISE NOTICE 'billing run %: % billed, % skipped so far', v_run, v_billed, v_skipped
            USING DETAIL = (v_batch || jsonb_build_object('event', 'batch', 'billed_total', v_billed,
                                                          'skipped_total', v_skipped))::text;
        v_busy := v_busy || ARRAY(SELECT jsonb_array_elements_text(v_batch -> 'busy')::uuid);
        EXIT WHEN v_batch ->> 'last_tenant_id' IS NULL;
        v_after := (v_batch ->> 'last_tenant_id')::uuid;
    END LOOP;
    IF cardinality(v_busy) > 0 THEN
        PERFORM monay.set_platform_context();
        v_retry := monay.billing_run_retry(v_run, v_busy);
        COMMIT;
        RAISE NOTICE 'billing run %: % busy tenants retried: % billed, % failed', v_run, cardinality(v_busy),
            v_retry ->> 'billed', v_retry ->> 'failed'
            USING DETAIL = (v_retry || '{"event": "retry"}'::jsonb)::text;
    END IF;
    PERFORM monay.set_platform_context();
    v_done := monay.billing_run_finish(v_run);
    COMMIT;
    IF (v_done ->> 'tenants_failed')::bigint > 0 THEN
        RAISE WARNING 'billing run % for %: % tenants could not be billed (monay_private.billing_failures, run_id %); '
            'a rerun bills them', v_run, v_done ->> 'period', v_done ->> 'tenants_failed', v_run
            USING DETAIL = (v_done -> 'failures')::text;
    END IF;
    RAISE NOTICE 'billing run % for % finished: % billed, % skipped, % remaining', v_run, v_done ->> 'period',
        v_done ->> 'tenants_billed', v_done ->> 'tenants_skipped', v_done ->> 'remaining'
        USING DETAIL = (v_done || jsonb_build_object('event', 'finish', 'part', p_part, 'parts', p_parts))::text;
END;
$$;

ALTER PROCEDURE monay.billing_run_part(IN p_period date, IN p_part integer, IN p_parts integer) OWNER TO monay_owner;
--
-- Name: PROCEDURE billing_run_part(IN p_period date, IN p_part integer, IN p_parts integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON PROCEDURE monay.billing_run_part(IN p_period date, IN p_part integer, IN p_parts integer) IS 'Monthly run of one part (k of n, by period-lock bucket) of the tenants: each exactly once, per batch (rerunnable).';

--
-- Name: billing_run_retry(bigint, uuid[]); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.billing_run_retry(p_run_id bigint, p_tenants uuid[]) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Platform only; the retry pass of monay.process_monthly_billing for the
   tenants its batches found busy (their period lock held by usage in
   flight). Each is billed in a subtransaction (monay_private.billing_run_tenant)
   that waits at most
   BILLING_RUN_LOCK_TIMEOUT (setting, 2 seconds) for the lock. Once a lock
   key has timed out, the other tenants of the same key (bucket of tenants,
   see monay_private.billing_period_lock_key) are not waited for again in
   this call. A tenant still busy, or failing for any other reason, is
   recorded durably in monay_private.billing_failures (source monthly_run;
   55P03 for a lock still held) and counted in the run's tenants_failed: a
   later rerun bills it. Returns {run_id, period, billed, skipped, failed}.
   Raises 42501, 22023 (unknown run). */
DECLARE
    v_run     monay.billing_runs;
    v_tenant  uuid;
    v_wait    text;
    v_billed  integer := 0;
    v_skipped integer := 0;
    v_failed  integer := 0;
    v_held    integer[] := '{}'::integer[];
    v_key     integer;
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_retry(%s)', p_run_id));
    SELECT * INTO v_run FROM monay.billing_runs r WHERE r.id = p_run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'billing run % does not exist', coalesce(p_run_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    v_wait := (extract(epoch FROM (monay.get_setting('BILLING_RUN_LOCK_TIMEOUT') #>> '{}')::interval) * 1000)::bigint
              || 'ms';
    FOREACH v_tenant IN ARRAY coalesce(p_tenants, '{}') LOOP
        v_key := monay_private.billing_period_lock_key(v_tenant, v_run.period);
        CASE monay_private.billing_run_tenant(p_run_id, v_tenant, v_run.period,
                                              CASE WHEN v_key = ANY (v_held) THEN '1ms' ELSE v_wait END, true)
            WHEN 'billed' THEN v_billed := v_billed + 1;
            WHEN 'skipped' THEN v_skipped := v_skipped + 1;
            WHEN 'busy' THEN
                v_held := v_held || v_key;
                v_failed := v_failed + 1;
            ELSE v_failed := v_failed + 1;
        END CASE;
    END LOOP;
    UPDATE monay.billing_runs r
    SET tenants_billed = r.tenants_billed + v_billed, tenants_skipped = r.tenants_skipped + v_skipped,
        tenants_failed = r.tenants_failed + v_failed
    WHERE r.id = p_run_id;
    RETURN jsonb_build_object('run_id', p_run_id, 'period', v_run.period, 'billed', v_billed,
                              'skipped', v_skipped, 'failed', v_failed);
END;
$$;

ALTER FUNCTION monay.billing_run_retry(p_run_id bigint, p_tenants uuid[]) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_run_retry(p_run_id bigint, p_tenants uuid[]); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.billing_run_retry(p_run_id bigint, p_tenants uuid[]) IS 'Platform only: bills the tenants a run found busy, waiting at most BILLING_RUN_LOCK_TIMEOUT; records failures.';

--
-- Name: billing_run_start(date, integer, integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.billing_run_start(p_period date, p_part integer DEFAULT NULL::integer, p_parts integer DEFAULT NULL::integer) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Platform only; the first step of monay.process_monthly_billing: checks the
   period (the month holding p_period, which must be over in UTC), records a
   row in monay.billing_runs and counts the tenants to bill: every tenant
   created before the month's end, except those closed before it began;
   with p_part / p_parts (k of n, a part of the month's run:
   monay.billing_run_part), only the tenants whose period-lock bucket
   (monay_private.billing_period_bucket: 256 buckets) modulo n is k - 1,
   recorded in the run's row for monay.billing_run_batch. By bucket, not by
   id range: two parts then never want the same period lock. Records too
   how many of them were billed already (tenants_billed_before: when 0, the
   batches need not look for bills of their tenants).
   Returns {run_id, period, tenants_total, already_billed[, part, parts]}.
   Raises 42501 (not the platform context), 22023 (NULL or out of range),
   MT407 (the month is not over yet), 22023 (a part out of range: n from 1
   to 64, k from 1 to n, both or neither). */
DECLARE
    v_period date;
    v_end    timestamptz;
    v_start  timestamptz;
    v_run    bigint;
    v_total  bigint;
    v_done   bigint;
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_start(%s)', p_period));
    v_period := monay_private.billing_period_start(p_period, 'process_monthly_billing');
    v_start := v_period::timestamp AT TIME ZONE 'UTC';
    v_end := (v_period + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    IF v_end > now() THEN
        RAISE EXCEPTION 'period % is not over until % UTC: it cannot be billed yet',
            to_char(v_period, 'YYYY-MM'), (v_period + interval '1 month')::date USING ERRCODE = 'MT407';
    END IF;
    -- EXECUTE: planned now, with the sizes of now (a plan kept from a first
    -- call on empty tables would probe the bills once per tenant by a scan).
    IF (p_part IS NULL) <> (p_parts IS NULL) OR p_parts NOT BETWEEN 1 AND 64 OR p_part NOT BETWEEN 1 AND p_parts THEN
        RAISE EXCEPTION 'billing run for %: part % of % is out of range (parts from 1 to 64, part from 1 to parts)',
            to_char(v_period, 'YYYY-MM'), coalesce(p_part::text, 'NULL'), coalesce(p_parts::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    EXECUTE $q$
        SELECT count(*), count(m.tenant_id)
        FROM monay.tenants t
        LEFT JOIN monay.billing_metrics m ON m.tenant_id = t.id AND m.period = $1
        WHERE t.created_at < $2 AND NOT (t.status = 'closed' AND t.status_changed_at < $3)
          AND ($4::integer IS NULL OR monay_private.billing_period_bucket(t.id) % $5 = $4 - 1) $q$
    INTO v_total, v_done
    USING v_period, v_end, v_start, p_part, p_parts;
    -- tenants_billed_before = 0: the run's batches skip their not-billed-yet probe (migration 024).
    INSERT INTO monay.billing_runs (period, tenants_total, part, parts, tenants_billed_before)
    VALUES (v_period, v_total, p_part, p_parts, v_done) RETURNING id INTO v_run;
    RETURN jsonb_build_object('run_id', v_run, 'period', v_period, 'tenants_total', v_total,
                              'already_billed', v_done)
           || jsonb_strip_nulls(jsonb_build_object('part', p_part, 'parts', p_parts));
END;
$_$;

ALTER FUNCTION monay.billing_run_start(p_period date, p_part integer, p_parts integer) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_run_start(p_period date, p_part integer, p_parts integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.billing_run_start(p_period date, p_part integer, p_parts integer) IS 'Platform only: first step of the monthly run (checks the period, records the run, counts tenants).';

--
-- Name: calculate_group_limits(uuid, date); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.calculate_group_limits(p_group_id uuid, p_period date DEFAULT NULL::date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION monay.calculate_group_limits(p_group_id uuid, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION calculate_group_limits(p_group_id uuid, p_period date); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.calculate_group_limits(p_group_id uuid, p_period date) IS 'Combined included usage and remaining limits of a group''s member tenants, and its allowances.';

--
-- Name: calculate_tenant_billing(uuid, date); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.calculate_tenant_billing(p_tenant_id uuid, p_period date) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The hybrid bill of one tenant for the calendar month (UTC) holding
   p_period (any day of the month names it):
     {tenant_id, period, period_end, days_in_period, tier, status,
      usage: {transactions: {limit, used, remaining},
              computation_units: {limit, used, remaining},
              late_transactions, late_computation_units},
      costs: {base_fee_cents, overage_transactions_cents,
              overage_computation_units_cents, total_before_discount_cents,
              usdxm_discount_cents, total_cents, payment_method},
      margin: {cost_cents, gross_margin_percent, target_gross_margin_percent},
      lines: [one per tier held or used in the month]}
   usdxm_discount_cents = floor(total_before_discount_cents * 10 / 100) in
   integers; total_cents is what the tenant pays in USDXM (its preferred
   coin). A month not billed yet is computed now from the usage counters
   (status 'draft'); a billed month returns its stored bill (status
   finalized, paid or void) with adjustments_cents, paid_cents and
   balance_due_cents. Rules: monay_private.billing_compute, docs/billing.md.
   Raises 42501 (context may not act on the tenant), 22023 (NULL or out of
   range), MT301 (no such tenant). */
DECLARE
    v_period date;
    v_bill   jsonb;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'calculate_tenant_billing');
    v_period := monay_private.billing_period_start(p_period, 'calculate_tenant_billing');
    -- The running month cannot have a stored bill (the run refuses it): a
    -- draft skips the look-up and its function call (the hot read path).
    IF v_period < date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date THEN
        v_bill := monay_private.billing_stored_bill(p_tenant_id, v_period);
        IF v_bill IS NOT NULL THEN
            RETURN v_bill;
        END IF;
    END IF;
    RETURN monay_private.billing_compute(p_tenant_id, v_period);
END;
$$;

ALTER FUNCTION monay.calculate_tenant_billing(p_tenant_id uuid, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION calculate_tenant_billing(p_tenant_id uuid, p_period date); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.calculate_tenant_billing(p_tenant_id uuid, p_period date) IS 'Hybrid bill (base + overages, USDXM discount, margin) of a tenant and month; the stored one once billed.';

--
-- Name: calculate_tenant_usage(uuid, date); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.calculate_tenant_usage(p_tenant_id uuid, p_period date DEFAULT NULL::date) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Usage of a tenant against its limits for the month holding p_period (the
   current UTC month when NULL):
     {tenant_id, period, tier, tenant_status, overage_policy,
      transactions: {limit, used, remaining},
      computation_units: {limit, used, remaining},
      late_transactions, late_computation_units,
      rate_limit: {per_second, burst}, bill_status}
   limit is what the month's bill includes (prorated by days for tiers that
   bill overage, the full allowance for free), used what was tracked,
   remaining = max(limit - used, 0). Reads the sharded counters (a few rows),
   never the month's events: constant time at any volume.
   Raises 42501, 22023 (period out of range), MT301. */
DECLARE
    v_period date;
    v_bill   jsonb;
    v_state  record;
    v_cfg    monay.billing_tier_config;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'calculate_tenant_usage');
    v_period := CASE WHEN p_period IS NULL THEN date_trunc('month', now() AT TIME ZONE 'UTC')::date
                     ELSE monay_private.billing_period_start(p_period, 'calculate_tenant_usage') END;
    SELECT s.status, s.billing_tier INTO v_state
    FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    v_bill := coalesce(monay_private.billing_stored_bill(p_tenant_id, v_period),
                       monay_private.billing_compute(p_tenant_id, v_period));
    v_cfg := monay_private.billing_tier_version(v_state.billing_tier,
                                                date_trunc('month', now() AT TIME ZONE 'UTC')::date);
    RETURN jsonb_build_object(
        'tenant_id', p_tenant_id,
        'period', v_period,
        'tier', v_state.billing_tier,
        'tenant_status', v_state.status,
        'overage_policy', v_cfg.overage_policy,
        'transactions', v_bill #> '{usage,transactions}',
        'computation_units', v_bill #> '{usage,computation_units}',
        'late_transactions', v_bill #> '{usage,late_transactions}',
        'late_computation_units', v_bill #> '{usage,late_computation_units}',
        'rate_limit', jsonb_build_object('per_second', v_cfg.rate_limit_per_second,
                                         'burst', v_cfg.rate_limit_burst),
        'bill_status', v_bill ->> 'status');
END;
$$;

ALTER FUNCTION monay.calculate_tenant_usage(p_tenant_id uuid, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION calculate_tenant_usage(p_tenant_id uuid, p_period date); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.calculate_tenant_usage(p_tenant_id uuid, p_period date) IS 'Usage vs limits {transactions: {limit, used, remaining}, computation_units: {...}} of a tenant and month.';

--
-- Name: calculate_transaction_cost(uuid, text, integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.calculate_transaction_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer DEFAULT 1) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* What p_quantity operations of p_operation_type would cost p_tenant_id if
   tracked now: the increase of this month's bill they would cause, computed
   with the bill's own rules (monay_private.billing_compute with and without
   them), so it includes the allowance still left and every rounding.
   Returns {tenant_id, operation_type, quantity, tier, computation_units,
   transactions, bill_increase_cents (before the USDXM discount),
   bill_increase_usdxm_cents, cost_to_monay_millicents, within_allowance,
   allowed}. within_allowance: the usage of the tenant's current tier this
   month (its own line of the bill, not the other tiers held earlier in the
   month) plus the request stays within that tier's included transactions
   and units (prorated for tiers that bill overage, the full allowance for
   free). allowed: false when the tier refuses overage (free) and the request
   is not within the allowance: the dry run answers, it does not raise MT402
   (the full check, rate limit and status included, is
   monay.enforce_tenant_limits).
   Records nothing. Raises 42501, 22023 (quantity < 1), MT416 (quantity
   above BILLING_MAX_OPERATION_QUANTITY), MT401, MT301. */
DECLARE
    v_month  date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    v_cost   monay.operation_costs;
    v_tier   text;
    v_tx     bigint;
    v_cu     bigint;
    v_before jsonb;
    v_after  jsonb;
    v_line   jsonb;
    v_within boolean;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'calculate_transaction_cost');
    v_cost := monay_private.billing_operation_cost(p_tenant_id, p_operation_type, p_quantity, 'calculate_transaction_cost');
    SELECT s.billing_tier INTO v_tier FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    v_tx := CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END;
    v_cu := v_cost.computation_units * p_quantity;
    v_before := monay_private.billing_compute(p_tenant_id, v_month);
    v_after := monay_private.billing_compute(p_tenant_id, v_month, v_tier, v_tx, v_cu,
                                             v_cost.cost_millicents * p_quantity);
    SELECT l INTO v_line FROM jsonb_array_elements(v_after -> 'lines') l WHERE l ->> 'tier' = v_tier;
    v_within := (v_line ->> 'transactions_used')::bigint <= (v_line ->> 'included_transactions')::bigint
                AND (v_line ->> 'computation_units_used')::bigint <= (v_line ->> 'included_computation_units')::bigint;
    RETURN jsonb_build_object(
        'tenant_id', p_tenant_id, 'operation_type', p_operation_type, 'quantity', p_quantity, 'tier', v_tier,
        'computation_units', v_cu, 'transactions', v_tx,
        'bill_increase_cents', (v_after #>> '{costs,total_before_discount_cents}')::bigint
                               - (v_before #>> '{costs,total_before_discount_cents}')::bigint,
        'bill_increase_usdxm_cents', (v_after #>> '{costs,total_cents}')::bigint
                                     - (v_before #>> '{costs,total_cents}')::bigint,
        'cost_to_monay_millicents', v_cost.cost_millicents * p_quantity,
        'within_allowance', v_within,
        'allowed', v_within OR v_line ->> 'overage_policy' <> 'refuse');
END;
$$;

ALTER FUNCTION monay.calculate_transaction_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer) OWNER TO monay_owner;
--
-- Name: FUNCTION calculate_transaction_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.calculate_transaction_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer) IS 'What tracking an operation now would add to the tenant''s bill (same rules as the bill); records nothing.';

--
-- Name: generate_tenant_code(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.generate_tenant_code() RETURNS text
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The next tenant code from monay.tenant_code_seq, e.g. TNT-000123-K: at
   least 6 digits (lpad alone would cut 1000000 to 100000), more past 999999. */
    SELECT 'TNT-' || d || '-' || monay.tenant_code_check_char(d)
    FROM (SELECT lpad(n::text, greatest(6, length(n::text)), '0') AS d
          FROM (SELECT nextval('monay.tenant_code_seq') AS n) q) s
$$;

ALTER FUNCTION monay.generate_tenant_code() OWNER TO monay_owner;
--
-- Name: FUNCTION generate_tenant_code(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.generate_tenant_code() IS 'Next human-readable tenant code with its check letter, e.g. TNT-000123-K.';

--
-- Name: tenant_code_is_valid(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.tenant_code_is_valid(p_code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* True when p_code is TNT-<6 to 22 digits>-<its check letter>. The check letter is
   computed only for a code of that shape (CASE: never on other input). */
    SELECT CASE WHEN p_code ~ '^TNT-[0-9]{6,22}-[A-Z]$'
                THEN right(p_code, 1) = monay.tenant_code_check_char(split_part(p_code, '-', 2))
                ELSE false END
$_$;

ALTER FUNCTION monay.tenant_code_is_valid(p_code text) OWNER TO monay_owner;
--
-- Name: FUNCTION tenant_code_is_valid(p_code text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.tenant_code_is_valid(p_code text) IS 'True for a well-formed tenant code whose check letter matches (catches typos).';

--
-- Name: tenants; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenants (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_code text DEFAULT monay.generate_tenant_code() NOT NULL,
    name text NOT NULL,
    tenant_type text DEFAULT 'individual'::text NOT NULL,
    billing_tier text DEFAULT 'free'::text NOT NULL,
    gross_margin_percent numeric(5,2) DEFAULT 0 NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    status_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    status_reason text,
    purge_after timestamp with time zone,
    purged_at timestamp with time zone,
    CONSTRAINT tenants_name_not_blank CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT tenants_purge_only_when_closed CHECK (((purge_after IS NULL) OR (status = 'closed'::text))),
    CONSTRAINT tenants_status_known CHECK ((status = ANY (ARRAY['active'::text, 'suspended'::text, 'closed'::text]))),
    CONSTRAINT tenants_tenant_code_valid CHECK (monay.tenant_code_is_valid(tenant_code))
);

ALTER TABLE ONLY monay.tenants FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenants OWNER TO monay_owner;
--
-- Name: TABLE tenants; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenants IS 'Vaults: one per customer. Margin per tier from monay.billing_tiers (trigger tenants_200_margin_within_tier).';

--
-- Name: cleanup_tenant_data(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.cleanup_tenant_data(p_tenant_id uuid) RETURNS monay.tenants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Closes a tenant at once and schedules the deletion of its data; returns
   the tenant. In one transaction:
     - status 'closed' (final: reactivate_tenant refuses it, MT304),
       status_reason 'cleanup_tenant_data', purge_after = now() +
       TENANT_DATA_RETENTION (a setting, default 90 days);
     - every active membership becomes 'removed', which frees the members'
       MAX_TENANTS_PER_USER slots; from the next transaction no member can
       authenticate into or switch to it (MT204; MT205 for a closed tenant
       whose memberships are still active).
   The data itself stays until monay.purge_closed_tenants (a platform job)
   deletes it after purge_after. Calling it again on a closed tenant changes
   nothing and returns the tenant (idempotent; purge_after is not pushed
   back). Audited by trigger (tenant and each membership). Platform only.
   Raises:
     42501 not the platform context
     22023 p_tenant_id NULL
     MT301 the tenant does not exist
     MT102 TENANT_DATA_RETENTION is not a valid interval (a broken setting) */
BEGIN
    PERFORM monay_private.require_platform(format('cleanup_tenant_data(%s)', p_tenant_id));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'cleanup_tenant_data');
    RETURN monay_private.close_tenant_now(p_tenant_id, 'cleanup_tenant_data');
END;
$$;

ALTER FUNCTION monay.cleanup_tenant_data(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION cleanup_tenant_data(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.cleanup_tenant_data(p_tenant_id uuid) IS 'Platform only: closes a tenant now (members lose access), data purged after TENANT_DATA_RETENTION; idempotent.';

--
-- Name: close_tenant(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.close_tenant(p_tenant_id uuid) RETURNS monay.tenants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* DELETE /api/tenants/:id: an owner authenticated in the tenant (admins may
   not) closes it, exactly as the platform's cleanup_tenant_data does (status
   'closed', final; memberships removed; data purged after
   TENANT_DATA_RETENTION), with status_reason 'close_tenant'. The platform may
   call it too. Idempotent: a closed tenant is returned unchanged.
   Raises:
     22023 p_tenant_id NULL
     42501 not an owner of that tenant (authenticated in it) nor the platform
     MT301 the tenant does not exist
     MT102 TENANT_DATA_RETENTION is not a valid interval */
DECLARE
    v_who text;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'close_tenant');
    v_who := monay_private.require_tenant_manager(p_tenant_id, 'close_tenant');
    IF v_who = 'admin' THEN
        RAISE EXCEPTION 'close_tenant(%) is refused: only an owner (or the platform) closes a tenant, user % is an admin',
            p_tenant_id, monay.current_user_id() USING ERRCODE = '42501';
    END IF;
    RETURN monay_private.close_tenant_now(p_tenant_id, 'close_tenant');
END;
$$;

ALTER FUNCTION monay.close_tenant(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION close_tenant(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.close_tenant(p_tenant_id uuid) IS 'DELETE /api/tenants/:id: an owner (or the platform) closes the tenant, as cleanup_tenant_data does.';

--
-- Name: consolidate_group_bills(date); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.consolidate_group_bills(p_period date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The monthly run's group step, callable by the platform: the month's
   consolidated bills of the root groups whose consolidation is on
   (HOUSEHOLD_BILLING_AGGREGATION, a group's consolidated_billing), over their
   members' finalized, unpaid bills (monay_private.group_billing_consolidate).
   monay.process_monthly_billing calls it after its last batch; idempotent, so a
   rerun (or a platform job) makes only what is missing. Returns how many
   consolidated bills it made. Raises 42501 (not the platform context), 22023
   (NULL period). */
BEGIN
    PERFORM monay_private.require_platform('consolidate_group_bills');
    RETURN monay_private.group_billing_consolidate(p_period);
END;
$$;

ALTER FUNCTION monay.consolidate_group_bills(p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION consolidate_group_bills(p_period date); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.consolidate_group_bills(p_period date) IS 'Monthly run step (platform): the month''s consolidated group bills; idempotent.';

--
-- Name: context_cache_digest(text, text, text, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text) RETURNS bytea
    LANGUAGE sql STABLE
    AS $$
/* First 8 bytes of sha256(tenant|user|platform|signature, backend pid, transaction start):
   what set_context stores in currval(monay.context_cache_seq) and what the readers compare
   it with. Bound to this backend and this transaction, like the signature itself (the pid
   and the start time are fixed-size binary at the end, so the message is unambiguous). NULL
   when any part is. No search_path of its own (it is inlined): every name and operator is
   schema-qualified. */
    SELECT pg_catalog.substr(pg_catalog.sha256(
        pg_catalog.textsend(p_tenant_id OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) p_user_id
                            OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) p_platform
                            OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) p_signature)
        OPERATOR(pg_catalog.||) pg_catalog.int4send(pg_catalog.pg_backend_pid())
        OPERATOR(pg_catalog.||) pg_catalog.timestamptz_send(pg_catalog.transaction_timestamp())), 1, 8)
$$;

ALTER FUNCTION monay.context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text) OWNER TO monay_owner;
--
-- Name: FUNCTION context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text) IS 'Digest of a signed context bound to this backend and transaction (the context cache key, 021).';

--
-- Name: context_is_verified(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.context_is_verified() RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* True when the transaction context is the one our set_context signed in this transaction (021). Generated by migration 021 from its one context check. */
BEGIN
    RETURN CASE
        WHEN COALESCE(pg_catalog.length(pg_catalog.current_setting('monay.context_signature', true))
                      OPERATOR(pg_catalog.<>) 64, true)
            THEN false
        WHEN COALESCE(pg_catalog.current_setting('monay.context_cache', true) OPERATOR(pg_catalog.=) 'on', false)
             AND pg_catalog.int8send(pg_catalog.currval('monay.context_cache_seq'::pg_catalog.regclass))
                 OPERATOR(pg_catalog.=) monay.context_cache_digest(
                     pg_catalog.current_setting('monay.tenant_id', true),
                     pg_catalog.current_setting('monay.user_id', true),
                     pg_catalog.current_setting('monay.platform', true),
                     pg_catalog.current_setting('monay.context_signature', true))
            THEN true
        ELSE monay.context_signature_is_valid()
    END;
END;
$$;

ALTER FUNCTION monay.context_is_verified() OWNER TO monay_owner;
--
-- Name: FUNCTION context_is_verified(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.context_is_verified() IS 'True when the transaction context is the one our set_context signed (cached digest, else HMAC).';

--
-- Name: context_signature_is_valid(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.context_signature_is_valid() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* True when the settings carry the HMAC signature of this backend and transaction
   (checked over the exact text of the settings, before any cast). Reads the key. */
DECLARE
    v_sig      text := current_setting('monay.context_signature', true);
    v_tenant   text := current_setting('monay.tenant_id', true);
    v_user     text := current_setting('monay.user_id', true);
    v_platform text := current_setting('monay.platform', true);
BEGIN
    RETURN COALESCE(length(v_sig) = 64
       AND length(v_tenant) IN (0, 36) AND length(v_user) IN (0, 36) AND v_platform IN ('true', 'false')
       AND v_sig = monay_private.context_signature(v_tenant, v_user, v_platform), false);
END;
$$;

ALTER FUNCTION monay.context_signature_is_valid() OWNER TO monay_owner;
--
-- Name: FUNCTION context_signature_is_valid(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.context_signature_is_valid() IS 'True when the transaction context carries a valid HMAC signature (the readers'' slow path).';

--
-- Name: groups; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.groups (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    kind text NOT NULL,
    name text NOT NULL,
    config jsonb DEFAULT '{}'::jsonb NOT NULL,
    parent_tenant_id uuid,
    parent_id uuid,
    member_count bigint DEFAULT 0 NOT NULL,
    idempotency_key text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT groups_config_object CHECK ((jsonb_typeof(config) = 'object'::text)),
    CONSTRAINT groups_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT groups_member_count_non_negative CHECK ((member_count >= 0)),
    CONSTRAINT groups_name_not_blank CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT groups_not_own_parent CHECK ((parent_id IS DISTINCT FROM id)),
    CONSTRAINT groups_parent_whole CHECK (((parent_tenant_id IS NULL) = (parent_id IS NULL)))
);

ALTER TABLE ONLY monay.groups FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.groups OWNER TO monay_owner;
--
-- Name: TABLE groups; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.groups IS 'Households and holding companies, owned by a tenant; parent: holding hierarchy (depth <= GROUP_HIERARCHY_DEPTH).';

--
-- Name: create_holding_company(text, jsonb, uuid, uuid, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.create_holding_company(p_name text, p_config jsonb DEFAULT '{}'::jsonb, p_tenant_id uuid DEFAULT NULL::uuid, p_parent_group_id uuid DEFAULT NULL::uuid, p_idempotency_key text DEFAULT NULL::text) RETURNS monay.groups
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Creates a holding company owned by tenant p_tenant_id (default: the
   context's tenant), the owner itself its first member (role 'parent').
   Config: consolidated_billing, include_affiliates. Under p_parent_group_id
   when given: a holding the owner owns or is a member tenant of; the depth
   (GROUP_HIERARCHY_DEPTH) is checked with the parent's tree locked.
   Idempotent with p_idempotency_key.
   Who: an owner or admin of that tenant, authenticated in it; the platform.
   Raises:
     42501 not a manager of the tenant
     22023 no tenant, a blank name, a bad key
     MG001 the parent does not exist or is not visible
     MG003 invalid configuration
     MG004 the parent is already at GROUP_HIERARCHY_DEPTH
     MG008 the owner tenant is not active
     MG011 the parent is not a holding, or the owner neither owns nor belongs to it
     MG019 idempotency key reused with other parameters */
DECLARE
    v_tenant uuid := coalesce(p_tenant_id, monay.current_tenant_id());
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'create_holding_company: no tenant given and no tenant context' USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.require_tenant_manager(v_tenant, 'create_holding_company');
    IF monay_private.group_tenant_status(v_tenant) IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION 'create_holding_company: tenant % does not exist or is not active', v_tenant
            USING ERRCODE = 'MG008';
    END IF;
    RETURN monay_private.group_create('holding_company', v_tenant, p_name, p_config, p_parent_group_id,
                                      p_idempotency_key, NULL, v_tenant, 'parent', 'create_holding_company');
END;
$$;

ALTER FUNCTION monay.create_holding_company(p_name text, p_config jsonb, p_tenant_id uuid, p_parent_group_id uuid, p_idempotency_key text) OWNER TO monay_owner;
--
-- Name: FUNCTION create_holding_company(p_name text, p_config jsonb, p_tenant_id uuid, p_parent_group_id uuid, p_idempotency_key text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.create_holding_company(p_name text, p_config jsonb, p_tenant_id uuid, p_parent_group_id uuid, p_idempotency_key text) IS 'A holding company owned by a tenant (its parent member), optionally under a parent holding; idempotent.';

--
-- Name: create_household_group(text, jsonb, uuid, uuid, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.create_household_group(p_name text, p_config jsonb DEFAULT '{}'::jsonb, p_tenant_id uuid DEFAULT NULL::uuid, p_head_user_id uuid DEFAULT NULL::uuid, p_idempotency_key text DEFAULT NULL::text) RETURNS monay.groups
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Creates a household owned by tenant p_tenant_id (default: the context's
   tenant) with p_head_user_id (default: the authenticated user) as its
   first member, role 'head'. Config (validated, defaults filled):
   allowance_period, default_allowance_cents, consolidated_billing. A
   household has no parent and no children. Idempotent with p_idempotency_key.
   Who: an owner or admin of that tenant, authenticated in it; the platform
   (which names the tenant and the head).
   Raises:
     42501 not a manager of the tenant (another tenant, no or a forged context)
     22023 no tenant or head given where needed, a blank name, a bad key
     MG003 invalid configuration (unknown key, wrong type)
     MG008 the head is not an active user
     MG019 idempotency key reused with other parameters */
DECLARE
    v_tenant uuid := coalesce(p_tenant_id, monay.current_tenant_id());
    v_head   uuid := coalesce(p_head_user_id, monay.current_user_id());
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'create_household_group: no tenant given and no tenant context' USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.require_tenant_manager(v_tenant, 'create_household_group');
    IF v_head IS NULL THEN
        RAISE EXCEPTION 'create_household_group: no head user given and no authenticated user' USING ERRCODE = '22023';
    END IF;
    IF monay_private.user_status(v_head) IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION 'create_household_group: head user % does not exist or is disabled', v_head
            USING ERRCODE = 'MG008';
    END IF;
    RETURN monay_private.group_create('household', v_tenant, p_name, p_config, NULL, p_idempotency_key,
                                      v_head, monay_private.group_personal_tenant(v_head), 'head',
                                      'create_household_group');
END;
$$;

ALTER FUNCTION monay.create_household_group(p_name text, p_config jsonb, p_tenant_id uuid, p_head_user_id uuid, p_idempotency_key text) OWNER TO monay_owner;
--
-- Name: FUNCTION create_household_group(p_name text, p_config jsonb, p_tenant_id uuid, p_head_user_id uuid, p_idempotency_key text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.create_household_group(p_name text, p_config jsonb, p_tenant_id uuid, p_head_user_id uuid, p_idempotency_key text) IS 'A household owned by a tenant, its head as first member; config validated; idempotent with a key.';

--
-- Name: create_tenant(text, text, text, uuid, numeric, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.create_tenant(p_name text, p_tenant_type text, p_billing_tier text DEFAULT NULL::text, p_owner_user_id uuid DEFAULT NULL::uuid, p_gross_margin_percent numeric DEFAULT NULL::numeric, p_idempotency_key text DEFAULT NULL::text) RETURNS monay.tenants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Provisions a tenant: the tenants row (code generated, status active), its
   owner's membership (role owner) and, by trigger, its first tier-history row
   and audit rows. Returns the new tenant.
   Defaults: billing tier DEFAULT_TENANT_TIER; gross margin the tier's floor
   (free 0, enterprise 70), DEFAULT_MARGIN_PERCENT for small_business.
   Who may call:
     - an authenticated user (monay.authenticate): creates a tenant owned by
       themself; p_owner_user_id may be omitted or must be that user.
     - the platform context: creates a tenant for any active user
       (p_owner_user_id required).
   Context: the caller's context is unchanged on return. (For a user, the
   rows are written inside a context re-signed for the new tenant, since RLS
   admits a tenant's rows only from its own context; the user's previous
   context is then restored. Call monay.switch_tenant to work in the new one.)
   Idempotency: with p_idempotency_key, the first call records (owner, key) ->
   tenant; a retry with the same key and the same parameters returns that
   tenant (its current row) without creating another, also when two retries
   race (the second waits for the first to commit). Without a key every call
   creates a tenant.
   Raises:
     42501 no authenticated user and no platform context; a user naming
           another user as owner
     22023 name blank or over 200 characters, unknown tenant_type or
           billing_tier, margin outside the tier's range (message names tier,
           range and value), platform call without p_owner_user_id, key blank
           or over 200 characters
     MT302 the owner does not exist or is disabled
     MT303 the owner already belongs to MAX_TENANTS_PER_USER tenants
     MT307 p_idempotency_key was used by this owner for different parameters */
DECLARE
    v_ctx     record;
    v_name    text := btrim(p_name);
    v_tier    text;
    v_range   record;
    v_margin  numeric;
    v_owner   uuid;
    v_status  text;
    v_id      uuid := gen_random_uuid();
    v_hash    text;
    v_claim   record;
    v_row     monay.tenants;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();

    -- Who may create for whom.
    IF coalesce(v_ctx.platform, false) THEN
        IF p_owner_user_id IS NULL THEN
            RAISE EXCEPTION 'create_tenant in the platform context needs p_owner_user_id (the owner)'
                USING ERRCODE = '22023';
        END IF;
        v_owner := p_owner_user_id;
    ELSIF v_ctx.user_id IS NOT NULL THEN
        IF p_owner_user_id IS NOT NULL AND p_owner_user_id <> v_ctx.user_id THEN
            RAISE EXCEPTION 'user % may create a tenant only for themself, not for user %',
                v_ctx.user_id, p_owner_user_id
                USING ERRCODE = '42501', HINT = 'Creating tenants for others is a platform operation.';
        END IF;
        v_owner := v_ctx.user_id;
    ELSE
        RAISE EXCEPTION 'create_tenant needs an authenticated user (monay.authenticate) or the platform context; role % has neither',
            coalesce(nullif(current_setting('role'), 'none'), session_user)
            USING ERRCODE = '42501';
    END IF;

    -- Parameters.
    IF v_name IS NULL OR length(v_name) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'invalid tenant name %: 1 to 200 characters required',
            coalesce(quote_literal(p_name), 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_tenant_type IS NULL OR NOT EXISTS (SELECT 1 FROM monay.tenant_types tt WHERE tt.tenant_type = p_tenant_type) THEN
        RAISE EXCEPTION 'invalid tenant_type %: expected one of %',
            coalesce(quote_literal(p_tenant_type), 'NULL'),
            monay_private.allowed_values('monay.tenant_types', 'tenant_type') USING ERRCODE = '22023';
    END IF;
    v_tier := coalesce(p_billing_tier, monay.get_setting('DEFAULT_TENANT_TIER') #>> '{}');
    SELECT * INTO v_range FROM monay_private.tier_margin_range(v_tier);
    IF v_range.floor_pct IS NULL THEN
        RAISE EXCEPTION 'invalid billing_tier %: expected one of %',
            quote_literal(v_tier), monay_private.allowed_values('monay.billing_tiers', 'tier', 'sort_order')
            USING ERRCODE = '22023';
    END IF;
    v_margin := coalesce(p_gross_margin_percent,
                         CASE WHEN v_tier = 'small_business'
                              THEN (monay.get_setting('DEFAULT_MARGIN_PERCENT') #>> '{}')::numeric
                              ELSE v_range.floor_pct END);
    IF v_margin NOT BETWEEN v_range.floor_pct AND v_range.ceiling_pct THEN
        RAISE EXCEPTION 'gross margin % %% is outside the range of tier % (% to % %%)',
            v_margin, v_tier, v_range.floor_pct, v_range.ceiling_pct
            USING ERRCODE = '22023';
    END IF;
    IF p_idempotency_key IS NOT NULL AND length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'invalid idempotency key: 1 to 200 characters required' USING ERRCODE = '22023';
    END IF;

    v_status := monay_private.user_status(v_owner);
    IF v_status IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION 'owner user % %', v_owner,
            CASE WHEN v_status IS NULL THEN 'does not exist' ELSE 'is ' || v_status END
            USING ERRCODE = 'MT302';
    END IF;

    -- Idempotency (monay_private.idempotency_claim): claim (owner, key) first; a concurrent
    -- claim waits on ours; another request under the same key raises MT307.
    IF p_idempotency_key IS NOT NULL THEN
        v_hash := encode(public.digest(convert_to(jsonb_build_object(
            'name', v_name, 'tenant_type', p_tenant_type, 'billing_tier', v_tier,
            'gross_margin_percent', v_margin::numeric(5, 2), 'owner', v_owner)::text, 'UTF8'), 'sha256'), 'hex');
        v_claim := monay_private.idempotency_claim('tenant', v_owner, p_idempotency_key, v_hash, 'MT307',
                                                   p_ref_uuid => v_id);
        IF NOT v_claim.claimed THEN
            IF NOT coalesce(v_ctx.platform, false) THEN
                PERFORM monay_private.set_context(v_claim.prior_ref_uuid, v_ctx.user_id, false);
            END IF;
            SELECT * INTO v_row FROM monay.tenants t WHERE t.id = v_claim.prior_ref_uuid;
            PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
            RETURN v_row;
        END IF;
    END IF;

    IF NOT coalesce(v_ctx.platform, false) THEN
        PERFORM monay_private.set_context(v_id, v_ctx.user_id, false);
    END IF;
    INSERT INTO monay.tenants (id, name, tenant_type, billing_tier, gross_margin_percent)
    VALUES (v_id, v_name, p_tenant_type, v_tier, v_margin)
    RETURNING * INTO v_row;
    INSERT INTO monay.tenant_users (tenant_id, user_id, role) VALUES (v_id, v_owner, 'owner');
    IF NOT coalesce(v_ctx.platform, false) THEN
        -- Only a user's context was re-signed above: the platform's is unchanged (one signing less).
        PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, false);
    END IF;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.create_tenant(p_name text, p_tenant_type text, p_billing_tier text, p_owner_user_id uuid, p_gross_margin_percent numeric, p_idempotency_key text) OWNER TO monay_owner;
--
-- Name: FUNCTION create_tenant(p_name text, p_tenant_type text, p_billing_tier text, p_owner_user_id uuid, p_gross_margin_percent numeric, p_idempotency_key text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.create_tenant(p_name text, p_tenant_type text, p_billing_tier text, p_owner_user_id uuid, p_gross_margin_percent numeric, p_idempotency_key text) IS 'Provisions a tenant with its owner (tier/margin defaults from settings; idempotent with a key).';

--
-- Name: users; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text NOT NULL,
    display_name text NOT NULL,
    user_type text DEFAULT 'individual'::text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_display_name_not_blank CHECK (((length(btrim(display_name)) >= 1) AND (length(btrim(display_name)) <= 200))),
    CONSTRAINT users_email_format CHECK (((email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text) AND (length(email) <= 254))),
    CONSTRAINT users_status_known CHECK ((status = ANY (ARRAY['active'::text, 'disabled'::text])))
);

ALTER TABLE ONLY monay.users FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.users OWNER TO monay_owner;
--
-- Name: TABLE users; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.users IS 'People and businesses that log in. Global (not tenant-scoped); email unique case-insensitively.';

--
-- Name: create_user(text, text, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.create_user(p_email text, p_display_name text, p_user_type text DEFAULT 'individual'::text) RETURNS monay.users
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Sign-up: creates an active user (global, not tenant-scoped) and returns it.
   Callable by monay_app without any context (and by the platform). The email
   is stored trimmed, as given; it is unique case-insensitively.
   Raises:
     22023 email missing or not an address (x@y.z, at most 254 characters),
           display name blank or longer than 200, user_type not in
           monay.user_types (the message lists the allowed ones)
     23505 a user with this email (in any letter case) already exists
   Not idempotent by design: a retried sign-up gets 23505 (returning the
   existing row to an unauthenticated caller would disclose another person's
   account); the client then authenticates as usual.
   The new row is read back under a user-only context of the new user (so
   that RLS shows it); the caller's context is restored before returning. */
DECLARE
    v_email text := btrim(p_email);
    v_name  text := btrim(p_display_name);
    v_ctx   record;
    v_row   monay.users;
BEGIN
    IF v_email IS NULL OR v_name IS NULL THEN
        RAISE EXCEPTION 'invalid %: NULL', CASE WHEN v_email IS NULL THEN 'email' ELSE 'display name' END
            USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.check_user_profile(p_email, p_display_name);
    IF p_user_type IS NULL OR NOT EXISTS (SELECT 1 FROM monay.user_types ut WHERE ut.user_type = p_user_type) THEN
        RAISE EXCEPTION 'invalid user_type %: expected one of %',
            coalesce(quote_literal(p_user_type), 'NULL'), monay_private.allowed_values('monay.user_types', 'user_type')
            USING ERRCODE = '22023';
    END IF;

    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(NULL, gen_random_uuid(), false);
    BEGIN
        INSERT INTO monay.users (id, email, display_name, user_type)
        VALUES (monay.current_user_id(), v_email, v_name, p_user_type)
        RETURNING * INTO v_row;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION 'a user with email % already exists', quote_literal(v_email)
            USING ERRCODE = '23505', HINT = 'Emails are unique regardless of letter case.';
    END;
    PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.create_user(p_email text, p_display_name text, p_user_type text) OWNER TO monay_owner;
--
-- Name: FUNCTION create_user(p_email text, p_display_name text, p_user_type text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.create_user(p_email text, p_display_name text, p_user_type text) IS 'Sign-up: creates a user (22023 bad input, 23505 email taken in any case).';

--
-- Name: wallets; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.wallets (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    balance_cents bigint DEFAULT 0 NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    CONSTRAINT wallets_balance_not_negative CHECK ((balance_cents >= 0)),
    CONSTRAINT wallets_currency_format CHECK ((currency ~ '^[A-Z]{3,6}$'::text)),
    CONSTRAINT wallets_status_known CHECK ((status = ANY (ARRAY['active'::text, 'frozen'::text, 'closed'::text])))
);

ALTER TABLE ONLY monay.wallets FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.wallets OWNER TO monay_owner;
--
-- Name: create_wallet(text, text, uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.create_wallet(p_currency text DEFAULT 'USD'::text, p_idempotency_key text DEFAULT NULL::text, p_owner_user_id uuid DEFAULT NULL::uuid) RETURNS monay.wallets
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* A wallet in the current tenant (balance 0, active), owned by the
   authenticated user, or by p_owner_user_id for a platform job inside the
   tenant; tracked for billing as one 'wallet_create' in the same transaction.
   Idempotency: with p_idempotency_key the wallet's id derives from (tenant,
   key), so a retry returns the same wallet and records nothing more; the same
   key with another currency or owner is refused.
   Raises:
     42501 no tenant context; a user naming another owner
     22023 currency not 3 to 6 capital letters; a platform job without
           p_owner_user_id; key blank or over 200 characters
     MP003 the owner is not an active member of the tenant
     MP006 the idempotency key was used for another wallet request
     MT402, MT403, MT404 the tenant's limits (track_operation) */
DECLARE
    v_ctx    record := monay_private.require_tenant_context('create_wallet');
    v_owner  uuid := coalesce(p_owner_user_id, v_ctx.user_id);
    v_id     uuid;
    v_row    monay.wallets;
BEGIN
    IF v_ctx.user_id IS NOT NULL AND p_owner_user_id IS DISTINCT FROM NULL AND p_owner_user_id <> v_ctx.user_id THEN
        RAISE EXCEPTION 'create_wallet: user % may create wallets for themself only, not for user %',
            v_ctx.user_id, p_owner_user_id USING ERRCODE = '42501';
    END IF;
    IF v_owner IS NULL THEN
        RAISE EXCEPTION 'create_wallet: a platform job in tenant % must name the owner (p_owner_user_id)', v_ctx.tenant_id
            USING ERRCODE = '22023';
    END IF;
    IF p_currency IS NULL OR p_currency !~ '^[A-Z]{3,6}$' THEN
        RAISE EXCEPTION 'create_wallet: invalid currency %: 3 to 6 capital letters', coalesce(quote_literal(p_currency), 'NULL')
            USING ERRCODE = '22023';
    END IF;
    IF length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'create_wallet: idempotency key must have 1 to 200 characters' USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT FROM monay.tenant_users m WHERE m.tenant_id = v_ctx.tenant_id AND m.user_id = v_owner
                   AND m.status = 'active') THEN
        RAISE EXCEPTION 'create_wallet: user % is not an active member of tenant %', v_owner, v_ctx.tenant_id
            USING ERRCODE = 'MP003';
    END IF;

    v_id := CASE WHEN p_idempotency_key IS NULL THEN gen_random_uuid()
                 ELSE md5('monay-wallet:' || v_ctx.tenant_id::text || ':' || p_idempotency_key)::uuid END;
    INSERT INTO monay.wallets (id, tenant_id, user_id, currency)
    VALUES (v_id, v_ctx.tenant_id, v_owner, p_currency)
    ON CONFLICT (tenant_id, id) DO NOTHING
    RETURNING * INTO v_row;
    IF v_row.id IS NULL THEN
        SELECT * INTO v_row FROM monay.wallets w WHERE w.tenant_id = v_ctx.tenant_id AND w.id = v_id;
        IF v_row.currency <> p_currency OR v_row.user_id <> v_owner THEN
            RAISE EXCEPTION 'create_wallet: idempotency key % already made wallet % (%, owner %)',
                quote_literal(p_idempotency_key), v_row.id, v_row.currency, v_row.user_id
                USING ERRCODE = 'MP006', HINT = 'Use a new key for a new wallet.';
        END IF;
        RETURN v_row;
    END IF;
    PERFORM monay.track_operation(v_ctx.tenant_id, 'wallet_create', 1,
                                  CASE WHEN p_idempotency_key IS NOT NULL THEN 'wallet:' || v_id::text END);
    RETURN v_row;
END;
$_$;

ALTER FUNCTION monay.create_wallet(p_currency text, p_idempotency_key text, p_owner_user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION create_wallet(p_currency text, p_idempotency_key text, p_owner_user_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.create_wallet(p_currency text, p_idempotency_key text, p_owner_user_id uuid) IS 'A wallet in the current tenant (idempotent with a key), tracked for billing.';

--
-- Name: current_tenant(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.current_tenant() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* GET /api/tenants/current: the tenant of this transaction's verified context,
   {tenant_id, tenant_code, name, tenant_type, billing_tier, status, user_id, role}
   (user_id and role NULL for a platform job in that tenant).
   Raises MT206 when the context holds no tenant (none, forged, user-only, or the
   platform-wide context). */
DECLARE
    v_tenant uuid := monay.current_tenant_id();
    v_user   uuid := monay.current_user_id();
    v_row    monay.tenants;
    v_role   text;
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'current_tenant: no tenant in this transaction''s context' USING ERRCODE = 'MT206',
            HINT = 'Call monay.authenticate(token) (or, for a platform job, monay.set_tenant_context) first.';
    END IF;
    SELECT * INTO v_row FROM monay.tenants t WHERE t.id = v_tenant;
    SELECT tu.role INTO v_role FROM monay.tenant_users tu
    WHERE tu.tenant_id = v_tenant AND tu.user_id = v_user AND tu.status = 'active';
    RETURN jsonb_build_object('tenant_id', v_row.id, 'tenant_code', v_row.tenant_code, 'name', v_row.name,
                              'tenant_type', v_row.tenant_type, 'billing_tier', v_row.billing_tier,
                              'status', v_row.status, 'user_id', v_user, 'role', v_role);
END;
$$;

ALTER FUNCTION monay.current_tenant() OWNER TO monay_owner;
--
-- Name: FUNCTION current_tenant(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.current_tenant() IS 'GET /api/tenants/current: the context''s tenant and the user''s role in it (MT206 without one).';

--
-- Name: current_tenant_id(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.current_tenant_id() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The tenant of this transaction's verified context, or NULL. Generated by migration 021 from its one context check. */
BEGIN
    RETURN CASE WHEN CASE
        WHEN COALESCE(pg_catalog.length(pg_catalog.current_setting('monay.context_signature', true))
                      OPERATOR(pg_catalog.<>) 64, true)
            THEN false
        WHEN COALESCE(pg_catalog.current_setting('monay.context_cache', true) OPERATOR(pg_catalog.=) 'on', false)
             AND pg_catalog.int8send(pg_catalog.currval('monay.context_cache_seq'::pg_catalog.regclass))
                 OPERATOR(pg_catalog.=) monay.context_cache_digest(
                     pg_catalog.current_setting('monay.tenant_id', true),
                     pg_catalog.current_setting('monay.user_id', true),
                     pg_catalog.current_setting('monay.platform', true),
                     pg_catalog.current_setting('monay.context_signature', true))
            THEN true
        ELSE monay.context_signature_is_valid()
    END THEN NULLIF(pg_catalog.current_setting('monay.tenant_id', true), '')::pg_catalog.uuid END;
END;
$$;

ALTER FUNCTION monay.current_tenant_id() OWNER TO monay_owner;
--
-- Name: FUNCTION current_tenant_id(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.current_tenant_id() IS 'Tenant of the verified transaction context, NULL without one. Policies call it as (SELECT ...).';

--
-- Name: current_user_id(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.current_user_id() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The authenticated user of this transaction's verified context, or NULL. Generated by migration 021 from its one context check. */
BEGIN
    RETURN CASE WHEN CASE
        WHEN COALESCE(pg_catalog.length(pg_catalog.current_setting('monay.context_signature', true))
                      OPERATOR(pg_catalog.<>) 64, true)
            THEN false
        WHEN COALESCE(pg_catalog.current_setting('monay.context_cache', true) OPERATOR(pg_catalog.=) 'on', false)
             AND pg_catalog.int8send(pg_catalog.currval('monay.context_cache_seq'::pg_catalog.regclass))
                 OPERATOR(pg_catalog.=) monay.context_cache_digest(
                     pg_catalog.current_setting('monay.tenant_id', true),
                     pg_catalog.current_setting('monay.user_id', true),
                     pg_catalog.current_setting('monay.platform', true),
                     pg_catalog.current_setting('monay.context_signature', true))
            THEN true
        ELSE monay.context_signature_is_valid()
    END THEN NULLIF(pg_catalog.current_setting('monay.user_id', true), '')::pg_catalog.uuid END;
END;
$$;

ALTER FUNCTION monay.current_user_id() OWNER TO monay_owner;
--
-- Name: FUNCTION current_user_id(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.current_user_id() IS 'Authenticated user of the verified transaction context, NULL without one.';

--
-- Name: disable_user(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.disable_user(p_user_id uuid) RETURNS monay.users
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Disables a user (status 'disabled') and returns the row. From the next
   transaction on, monay.authenticate refuses their tokens (MT208) and they
   can be neither an owner of a new tenant nor added to one (MT302); their
   memberships and data stay, and monay.enable_user undoes it. Disabling a
   disabled user changes nothing. Audited. Platform context only.
   Raises 42501 (not the platform context), 22023 (NULL), MT302 (no such user). */
    SELECT * FROM monay_private.set_user_status('disable_user', p_user_id, 'disabled')
$$;

ALTER FUNCTION monay.disable_user(p_user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION disable_user(p_user_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.disable_user(p_user_id uuid) IS 'Platform only: disable a user (their logins are refused with MT208); idempotent, audited.';

--
-- Name: enable_user(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.enable_user(p_user_id uuid) RETURNS monay.users
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Re-enables a disabled user (status 'active') and returns the row; their
   tokens are accepted again (memberships were kept). Enabling an active user
   changes nothing. Audited. Platform context only.
   Raises 42501 (not the platform context), 22023 (NULL), MT302 (no such user). */
    SELECT * FROM monay_private.set_user_status('enable_user', p_user_id, 'active')
$$;

ALTER FUNCTION monay.enable_user(p_user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION enable_user(p_user_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.enable_user(p_user_id uuid) IS 'Platform only: re-enable a disabled user; idempotent, audited.';

--
-- Name: enforce_tenant_limits(uuid, text, integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.enforce_tenant_limits(p_tenant_id uuid, p_operation_type text, p_quantity integer DEFAULT 1) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Would p_quantity operations of p_operation_type be accepted for
   p_tenant_id now? A dry run: records nothing and takes no rate-limit token
   (track_operation and track_operations enforce the same rules atomically
   while recording, in monay_private.billing_account). It answers, it does
   not raise, when a limit refuses: allowed = false and refusal =
   {sqlstate, message} with the SQLSTATE recording would raise:
     MT404 tenant suspended or closed
     MT403 the next call of this connection would exceed the rate limit
     MT402 a tier that refuses overage (free) would exceed its allowance
           (message: tenant, tier, limit, usage, request)
   Paid tiers never refuse over the allowance: it is billed (overage).
   Raises only for a bad request: 42501 (the context may not act on the
   tenant), 22023 (quantity < 1), MT416 (quantity above
   BILLING_MAX_OPERATION_QUANTITY), MT401 (unknown type), MT301 (no tenant).
   Returns {allowed, refusal (null when allowed), tenant_id, tier, overage_policy, operation_type,
   quantity, transactions: {limit, used, requested},
   computation_units: {limit, used, requested}, overage} where limit/used are
   the tier's allowance and usage this month, and overage says whether the
   request goes beyond the allowance (billed on a paid tier). */
DECLARE
    v_month   date := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
    -- The rate limit's clock is the transaction's start (one request, one transaction):
    -- calls made inside one transaction count as made at once, whatever the machine's load.
    v_now_us  bigint := (extract(epoch FROM now()) * 1000000)::bigint;
    v_cost    monay.operation_costs;
    v_state   record;
    v_cfg     monay.billing_tier_config;
    v_slot    bigint;
    v_step    bigint;
    v_burst   bigint;
    v_tat     bigint;
    v_req_tx  bigint;
    v_req_cu  bigint;
    v_used    record;
    v_bill    jsonb;
    v_lim_tx  bigint;
    v_lim_cu  bigint;
    v_refusal jsonb;
    v_state_code text;
    v_msg     text;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'enforce_tenant_limits');
    v_cost := monay_private.billing_operation_cost(p_tenant_id, p_operation_type, p_quantity, 'enforce_tenant_limits');
    SELECT s.status, s.billing_tier INTO v_state
    FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, v_state.status IS NOT NULL);
    v_req_tx := CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END;
    v_req_cu := v_cost.computation_units * p_quantity;
    v_cfg := monay_private.billing_tier_version(v_state.billing_tier, v_month);

    IF v_cfg.overage_policy = 'refuse' THEN
        -- Exactly what recording checks: this tier's counters of the month.
        SELECT coalesce(sum(c.transactions), 0)::bigint AS tx, coalesce(sum(c.computation_units), 0)::bigint AS cu
        INTO v_used FROM monay_private.billing_usage_counters c
        WHERE c.tenant_id = p_tenant_id AND c.period = v_month AND c.tier = v_state.billing_tier;
        v_lim_tx := v_cfg.included_transactions;
        v_lim_cu := v_cfg.included_computation_units;
    ELSE
        v_bill := monay_private.billing_compute(p_tenant_id, v_month);
        SELECT (v_bill #>> '{usage,transactions,used}')::bigint AS tx,
               (v_bill #>> '{usage,computation_units,used}')::bigint AS cu INTO v_used;
        v_lim_tx := (v_bill #>> '{usage,transactions,limit}')::bigint;
        v_lim_cu := (v_bill #>> '{usage,computation_units,limit}')::bigint;
    END IF;
    -- The refusals recording would raise, answered instead (allowed = false).
    BEGIN
    IF v_state.status <> 'active' THEN
        PERFORM monay_private.require_tenant_status(p_tenant_id, v_state.status, 'MT404', 'usage is refused',
                                                    ARRAY['suspended', 'closed']);
    END IF;
    -- Rate limit: the state of this connection's slot, not consumed.
    v_slot := pg_backend_pid() % v_cfg.counter_slots;
    v_step := (1000000::bigint * v_cfg.counter_slots + v_cfg.rate_limit_per_second - 1) / v_cfg.rate_limit_per_second;
    v_burst := greatest(1, v_cfg.rate_limit_burst / v_cfg.counter_slots);
    SELECT c.rl_tat_us INTO v_tat FROM monay_private.billing_usage_counters c
    WHERE c.tenant_id = p_tenant_id AND c.period = v_month AND c.tier = v_state.billing_tier AND c.slot = v_slot;
    v_tat := greatest(coalesce(v_tat, v_now_us), v_now_us) + v_step;
    IF v_tat - v_now_us > v_burst * v_step THEN
        PERFORM monay_private.billing_refuse_rate(p_tenant_id, v_state.billing_tier, v_cfg.rate_limit_per_second,
            v_cfg.rate_limit_burst, v_cfg.counter_slots, v_tat - v_now_us - v_burst * v_step);
    END IF;

    IF v_cfg.overage_policy = 'refuse' THEN
        IF v_used.tx + v_req_tx > v_lim_tx THEN
            PERFORM monay_private.billing_refuse_over_allowance(p_tenant_id, v_state.billing_tier, v_month,
                'transactions', v_lim_tx, v_used.tx, v_req_tx);
        END IF;
        IF v_used.cu + v_req_cu > v_lim_cu THEN
            PERFORM monay_private.billing_refuse_over_allowance(p_tenant_id, v_state.billing_tier, v_month,
                'computation units', v_lim_cu, v_used.cu, v_req_cu);
        END IF;
    END IF;
    EXCEPTION WHEN SQLSTATE 'MT402' OR SQLSTATE 'MT403' OR SQLSTATE 'MT404' THEN
        GET STACKED DIAGNOSTICS v_state_code = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
        v_refusal := jsonb_build_object('sqlstate', v_state_code, 'message', v_msg);
    END;
    RETURN jsonb_build_object(
        'allowed', v_refusal IS NULL, 'refusal', v_refusal, 'tenant_id', p_tenant_id, 'tier', v_state.billing_tier,
        'overage_policy', v_cfg.overage_policy, 'operation_type', p_operation_type, 'quantity', p_quantity,
        'transactions', jsonb_build_object('limit', v_lim_tx, 'used', v_used.tx, 'requested', v_req_tx),
        'computation_units', jsonb_build_object('limit', v_lim_cu, 'used', v_used.cu, 'requested', v_req_cu),
        'overage', coalesce(v_used.tx + v_req_tx > v_lim_tx OR v_used.cu + v_req_cu > v_lim_cu, false));
END;
$$;

ALTER FUNCTION monay.enforce_tenant_limits(p_tenant_id uuid, p_operation_type text, p_quantity integer) OWNER TO monay_owner;
--
-- Name: FUNCTION enforce_tenant_limits(p_tenant_id uuid, p_operation_type text, p_quantity integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.enforce_tenant_limits(p_tenant_id uuid, p_operation_type text, p_quantity integer) IS 'Dry run of the limits track_operation enforces; answers allowed=false with the refusal (MT402/MT403/MT404).';

--
-- Name: error_codes(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.error_codes() RETURNS TABLE(sqlstate text, domain text, origin text, meaning text, caller_action text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* The registry of every SQLSTATE a caller of Monay DB may receive: one row per
   code, with its domain, where it comes from ('function': a RAISE in our code;
   'server': PostgreSQL itself, from a constraint, a lock or the executor), what it
   means and what the caller should do. sql/tests/core/error_codes.sql checks that
   every code our function bodies raise is here and that every 'function' code
   here is raised somewhere; `monaydb docs` writes the README's table from it.
   Ranges (custom classes are never standard ones):
     MT1xx settings, MT2xx context and authentication, MT3xx tenancy,
     MT4xx billing, MP0xx platform tables (wallets, transfers), MG0xx groups,
     MV0xx vaults (HD wallets), MM0xx monitoring. */
    VALUES
    -- standard codes, with the meaning they have here
    ('42501', 'core', 'function', 'not allowed: wrong role; no, forged or another tenant''s context; not an owner/admin; a platform operation outside the platform context', '403: authenticate into the right tenant, or use a monay_platform login'),
    ('22023', 'core', 'function', 'bad parameter value: NULL where a value is needed, out of range, malformed (the message names the parameter and the value); also a margin outside its tier given to create_tenant or upgrade_tenant_tier (they name the tier''s range)', 'fix the argument'),
    ('23505', 'core', 'function', 'duplicate: a unique value already taken (e.g. a user''s email)', 'pick another value'),
    ('23514', 'core', 'server', 'CHECK constraint from raw SQL: fiat payment method, margin outside its tier or unknown tier (trigger tenants_200_margin_within_tier, reading monay.billing_tiers), a coin symbol shaped like a fiat code (through create_tenant a bad margin is 22023)', 'fix the value'),
    ('23503', 'core', 'server', 'foreign key from raw SQL: a value that its lookup table does not hold (tenant type, role, user type, coin symbol; docs/development.md, Allowed values), or a row another references', 'use an allowed value (SELECT from the lookup table)'),
    ('40001', 'core', 'server', 'serialization failure', 'retry the whole transaction'),
    ('40P01', 'core', 'server', 'deadlock detected', 'retry the whole transaction'),
    ('2D000', 'billing', 'server', 'process_monthly_billing CALLed inside a transaction block (it commits per batch)', 'CALL it in autocommit'),
    -- settings
    ('MT101', 'settings', 'function', 'unknown setting', 'fix the key (SELECT key FROM monay.settings)'),
    ('MT102', 'settings', 'function', 'value refused for that setting (wrong type, TENANT_ISOLATION_ENABLED off, a retention that is not a positive interval)', 'fix the value'),
    -- context and authentication
    ('MT201', 'tenancy', 'function', 'malformed token or longer than 8,192 bytes, algorithm other than HS256 (none included), bad signature (tampered, wrong secret, a rotated secret past its window), missing or invalid sub, tenant_id, exp or nbf (also outside 0 .. 253402300799, year 9999)', '401: log in again'),
    ('MT202', 'tenancy', 'function', 'token expired', 'refresh the token'),
    ('MT203', 'tenancy', 'function', 'token not valid yet (nbf in the future)', 'check clocks; retry later'),
    ('MT204', 'tenancy', 'function', 'the user is not an active member of that tenant (never was, removed, or the tenant was closed by cleanup)', '403: show the tenant selector'),
    ('MT205', 'tenancy', 'function', 'the tenant is suspended or closed', '403: tell the user; the platform reactivates'),
    ('MT206', 'tenancy', 'function', 'no authenticated user in this transaction', 'call authenticate first, in the same transaction'),
    ('MT207', 'tenancy', 'function', 'no JWT secret configured', 'operator: monay.set_jwt_secret'),
    ('MT208', 'tenancy', 'function', 'the user does not exist or is disabled', '401'),
    ('MT209', 'tenancy', 'function', 'tenant switching is disabled (setting TENANT_SWITCHING_ENABLED false); the refusal is recorded', '403: stay in the current tenant; the platform re-enables it'),
    -- tenancy
    ('MT301', 'tenancy', 'function', 'tenant not found', 'check the id'),
    ('MT302', 'tenancy', 'function', 'user not found (or disabled, for an owner or a new member)', 'check the id'),
    ('MT303', 'tenancy', 'function', 'the user already belongs to MAX_TENANTS_PER_USER tenants (message: user, count, limit)', 'leave another tenant first, or ask the platform'),
    ('MT304', 'tenancy', 'function', 'the tenant is closed: the operation is refused (closing is final)', 'none: create a new tenant'),
    ('MT305', 'tenancy', 'function', 'the change would leave the tenant without an active owner', 'make another member owner first'),
    ('MT306', 'tenancy', 'function', 'a tenant row cannot be deleted (trigger tenants_050_never_deleted): tenants are closed and purged, the row stays', 'close the tenant (monay.close_tenant); monay.purge_closed_tenants deletes its data'),
    ('MT307', 'tenancy', 'function', 'the tenant-creation idempotency key was already used by this owner with other parameters', 'use a new key for a new tenant'),
    ('MT309', 'tenancy', 'function', 'the authenticated user has no invitation to that tenant (never invited, or removed)', 'ask an owner or admin to invite them'),
    ('MT308', 'tenancy', 'function', 'purge_closed_tenants (in its result rows, not raised to the caller): a table''s DELETE policy kept some of a closed tenant''s rows', 'DBA: list the table in monay_private.purge_retained_tables or let the platform delete it'),
    -- billing
    ('MT401', 'billing', 'function', 'unknown operation type (message names it and the tenant)', 'fix the type; SELECT operation_type FROM monay.operation_costs'),
    ('MT402', 'billing', 'function', 'a free tenant would exceed its monthly allowance (tenant, tier, month, limit, usage, request)', 'do not retry this month; upgrade the tier (monay.upgrade_tenant_tier)'),
    ('MT403', 'billing', 'function', 'rate limit exceeded (tier, rate, burst, slots); the message ends "retry in N ms" (match retry in (\d+) ms$)', 'back off for N ms; batch with track_operations'),
    ('MT404', 'billing', 'function', 'tenant suspended or closed: usage refused', 'stop; the platform reactivates a suspended tenant'),
    ('MT405', 'billing', 'function', 'payment method not accepted: fiat or a disabled stablecoin; nothing recorded', 'pay with an enabled stablecoin (SELECT symbol FROM monay.stablecoin_payment_config WHERE enabled)'),
    ('MT406', 'billing', 'function', 'idempotency key reused with a different request', 'use a new key for a new request (a client bug otherwise)'),
    ('MT407', 'billing', 'function', 'the month is not over yet (UTC): cannot be billed', 'wait until the first of next month'),
    ('MT408', 'billing', 'function', 'a finalized bill cannot change or be deleted', 'record a correction with monay.adjust_bill'),
    ('MT409', 'billing', 'function', 'more operations in one batch than BILLING_MAX_BATCH_OPERATIONS', 'split the batch'),
    ('MT410', 'billing', 'function', 'raw insert: computation_units is not units x quantity of the type', 'omit the column (it is filled) or send the right value'),
    ('MT411', 'billing', 'function', 'a price, allowance, cost or payment discount would put a tier below its gross-margin floor (rule 1: one unit of overage; rule 2: the included allowance against the base fee)', 'raise the price, lower the allowance, cost or discount, or change the floor (docs/billing.md, margin floor)'),
    ('MT412', 'billing', 'function', 'no finalized bill for that tenant and month (or it is void) to adjust', 'finalize first / pick the right month'),
    ('MT413', 'billing', 'function', 'the adjustment would leave less owed than already paid', 'refunds are outside this engine'),
    ('MT414', 'billing', 'function', 'a price version in force or past cannot change; a new one must start in a future month', 'add a version with a later effective_from'),
    ('MT415', 'billing', 'function', 'occurred_at is not finite or before the tenant was created', 'send the operation''s real time'),
    ('MT416', 'billing', 'function', 'beyond what billing can hold: a quantity above BILLING_MAX_OPERATION_QUANTITY, a counter above 10^15, a bill above 10^15 cents', 'split the usage (a bill: the run records it, the platform investigates)'),
    ('MT417', 'billing', 'function', 'a payment above 10^12 cents, or a tenant''s payments above 10^15 cents', 'check or split the amount'),
    -- groups
    ('MG001', 'groups', 'function', 'group not found, or not visible to the caller''s context', 'check the id / the tenant you are in'),
    ('MG002', 'groups', 'function', 'role not valid for the group''s kind (or parent for another tenant than the holding''s owner)', 'use a role of monay.group_member_roles for that kind'),
    ('MG003', 'groups', 'function', 'invalid group configuration (unknown key, wrong type or value)', 'fix the config (keys below)'),
    ('MG004', 'groups', 'function', 'the hierarchy would be deeper than GROUP_HIERARCHY_DEPTH', 'attach higher, or flatten'),
    ('MG005', 'groups', 'function', 'the new parent is the group itself or one of its descendants (a cycle)', 'pick another parent'),
    ('MG006', 'groups', 'function', 'the group has MAX_GROUP_MEMBERS members', 'remove a member first'),
    ('MG007', 'groups', 'function', 'already a member with another role or allowance', 'remove and add again'),
    ('MG008', 'groups', 'function', 'the user or tenant to add (or the head / owner) does not exist or is not active', 'check the id'),
    ('MG009', 'groups', 'function', 'a member of the wrong type (a tenant in a household, a user in a holding), or a grantee that is not a member', 'add the right kind of member first'),
    ('MG010', 'groups', 'function', 'the member is the group''s last manager (head, parent company)', 'add another head first; a holding keeps its parent'),
    ('MG011', 'groups', 'function', 'hierarchy rule: a kind that does not nest, a parent the owner neither owns nor belongs to, or removing a tenant whose group hangs under this one', 'move the child group first'),
    ('MG012', 'groups', 'function', 'treasury sharing of holdings is off (HOLDING_COMPANY_TREASURY false)', 'ask the platform'),
    ('MG013', 'groups', 'function', 'the wallet does not exist or is not the group owner''s', 'share one of the owner''s wallets'),
    ('MG014', 'groups', 'function', 'treasury grant not found, or not visible to this context', 'check the id and the context'),
    ('MG015', 'groups', 'function', 'the grant is revoked or expired', 'ask the owner for a new grant'),
    ('MG016', 'groups', 'function', 'the spend exceeds what is left of the grant''s limit (message: limit, spent, left)', 'spend less'),
    ('MG017', 'groups', 'function', 'the grant is read-only', 'ask for a spend grant'),
    ('MG018', 'groups', 'function', 'allowance on a role without one, or a negative one', 'allowances are for child and dependent'),
    ('MG019', 'groups', 'function', 'idempotency key reused with other parameters', 'use a new key'),
    ('MG020', 'groups', 'function', 'no consolidated bill for that group and month', 'wait for the monthly run'),
    -- platform tables (wallets, transfers) and the legacy retrofit
    ('MP001', 'platform', 'function', 'wallet not found in the current tenant (another tenant''s wallet is "not found" too)', 'check the id and the tenant'),
    ('MP002', 'platform', 'function', 'the sender''s balance is below the amount (names both)', 'fund the wallet or lower the amount'),
    ('MP003', 'platform', 'function', 'the wallet owner is not an active member of the tenant', 'add them to the tenant first'),
    ('MP004', 'platform', 'function', 'a wallet is frozen or closed', 'use an active wallet'),
    ('MP005', 'platform', 'function', 'the two wallets hold different currencies', 'transfer within one currency'),
    ('MP006', 'platform', 'function', 'the idempotency key was used for another request', 'a new key for a new request'),
    ('MP010', 'platform', 'function', 'legacy seed: the platform tables are tenant-scoped already (006 applied)', 'monaydb migrate down --to 005_billing_infrastructure, or seed another database'),
    ('MP011', 'platform', 'function', 'legacy seed: the platform tables already hold rows', 'seed an empty database'),
    -- vaults (HD wallets)
    ('MV001', 'vault', 'function', 'HD wallet derivation is disabled (HD_WALLET_ENABLED false)', '503; the platform enables it'),
    ('MV002', 'vault', 'function', 'the path is outside the tenant''s own account subtree', 'derive at a path from next_wallet_paths'),
    ('MV003', 'vault', 'function', 'malformed path (a level not hardened, an index beyond 2^31 - 1) or not an address path', 'fix the path'),
    ('MV004', 'vault', 'function', 'the address is not base58 of a 32-byte ed25519 public key', 'send the public key''s base58'),
    ('MV005', 'vault', 'function', 'the path is registered with another address or purpose, or the address at another path', 'investigate (another seed?), do not retry'),
    ('MV006', 'vault', 'function', 'the path''s key version is not the vault''s current one (rotated meanwhile)', 'ask next_wallet_paths again'),
    ('MV007', 'vault', 'function', 'the tenant has no vault (no such tenant)', 'check the id'),
    ('MV008', 'vault', 'function', 'unknown wallet address purpose', 'SELECT purpose FROM monay.wallet_address_purposes'),
    ('MV009', 'vault', 'function', 'the account ledger (monay_private.vault_account_allocations) is append-only', 'none: account indexes are never reused'),
    ('MV010', 'vault', 'function', 'every hardened account index (2^31) is allocated', 'a new tree is needed (docs/vault.md)')
$_$;

ALTER FUNCTION monay.error_codes() OWNER TO monay_owner;
--
-- Name: FUNCTION error_codes(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.error_codes() IS 'Registry of every SQLSTATE callers may receive: domain, origin, meaning, what to do.';

--
-- Name: finalize_tenant_billing(uuid, date); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.finalize_tenant_billing(p_tenant_id uuid, p_period date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Platform only: finalizes one tenant's bill for the month holding p_period
   now, as the monthly run does for every tenant (monay_private.billing_finalize_tenant):
   exactly once, waiting for that month's operations in flight, then applies
   the tenant's credit. Returns the stored bill with created = true, or the
   existing one with created = false (idempotent).
   Raises 42501 (not the platform context), 22023 (NULL or out of range),
   MT301 (no such tenant), MT407 (the month is not over yet, UTC). */
DECLARE
    v_period  date;
    v_created boolean;
BEGIN
    PERFORM monay_private.require_platform(format('finalize_tenant_billing(%s, %s)', p_tenant_id, p_period));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'finalize_tenant_billing');
    v_period := monay_private.billing_period_start(p_period, 'finalize_tenant_billing');
    IF (v_period + interval '1 month')::timestamp AT TIME ZONE 'UTC' > now() THEN
        RAISE EXCEPTION 'period % is not over until % UTC: it cannot be billed yet (tenant %)',
            to_char(v_period, 'YYYY-MM'), (v_period + interval '1 month')::date, p_tenant_id
            USING ERRCODE = 'MT407';
    END IF;
    PERFORM monay_private.require_tenant_found(p_tenant_id,
        EXISTS (SELECT 1 FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id));
    v_created := monay_private.billing_finalize_tenant(p_tenant_id, v_period, NULL);
    RETURN monay_private.billing_stored_bill(p_tenant_id, v_period) || jsonb_build_object('created', v_created);
END;
$$;

ALTER FUNCTION monay.finalize_tenant_billing(p_tenant_id uuid, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION finalize_tenant_billing(p_tenant_id uuid, p_period date); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.finalize_tenant_billing(p_tenant_id uuid, p_period date) IS 'Platform only: finalizes one tenant''s bill for an ended month, exactly once (idempotent).';

--
-- Name: generate_invoice_data(uuid, date); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.generate_invoice_data(p_tenant_id uuid, p_period date) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* What an invoice of the month holding p_period shows:
     {invoice_number (INV-<tenant code>-YYYYMM), tenant: {id, name, tenant_code},
      period: {start, end, days}, status, tier,
      lines: [{description, quantity, unit_price_cents, amount_cents}],
      totals: {total_before_discount_cents, usdxm_discount_cents, total_cents,
               adjustments_cents, paid_cents, balance_due_cents},
      pay_with: [{symbol, name, network, contract_address, decimals,
                  discount_cents, amount_cents, amount_base_units}]}
   A month not billed yet is a draft (status 'draft'). pay_with has one entry
   per enabled stablecoin: the balance due with that coin's discount
   (floor(balance * discount_percent / 100)) in cents and in the token's base
   units (cents * 10^(decimals - 2), as a string). unit_price_cents of a
   computation-unit line is the price per 1,000 units.
   Raises 42501, 22023, MT301. */
DECLARE
    v_period  date;
    v_bill    jsonb;
    v_tenant  record;
    v_lines   jsonb;
    v_due     bigint;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'generate_invoice_data');
    v_period := monay_private.billing_period_start(p_period, 'generate_invoice_data');
    SELECT t.id, t.name, t.tenant_code INTO v_tenant FROM monay.tenants t WHERE t.id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    v_bill := coalesce(monay_private.billing_stored_bill(p_tenant_id, v_period),
                       monay_private.billing_compute(p_tenant_id, v_period));
    SELECT coalesce(jsonb_agg(x.line ORDER BY l.n, x.k), '[]'::jsonb) INTO v_lines
    FROM jsonb_array_elements(v_bill -> 'lines') WITH ORDINALITY AS l(line, n)
    CROSS JOIN LATERAL (VALUES
        (1, CASE WHEN (l.line ->> 'base_fee_cents')::bigint > 0 THEN jsonb_build_object(
            'description', format('%s base fee (%s of %s days)', l.line ->> 'tier', l.line ->> 'days',
                                  v_bill ->> 'days_in_period'),
            'quantity', (l.line ->> 'days')::integer, 'unit_price_cents', NULL,
            'amount_cents', (l.line ->> 'base_fee_cents')::bigint) END),
        (2, CASE WHEN (l.line ->> 'overage_transactions')::bigint > 0 THEN jsonb_build_object(
            'description', format('%s transactions beyond the %s included', l.line ->> 'tier',
                                  l.line ->> 'included_transactions'),
            'quantity', (l.line ->> 'overage_transactions')::bigint,
            'unit_price_cents', (l.line ->> 'overage_transaction_price_cents')::bigint,
            'amount_cents', (l.line ->> 'overage_transactions_cents')::bigint) END),
        (3, CASE WHEN (l.line ->> 'overage_computation_units')::bigint > 0 THEN jsonb_build_object(
            'description', format('%s computation units beyond the %s included (price per 1,000)',
                                  l.line ->> 'tier', l.line ->> 'included_computation_units'),
            'quantity', (l.line ->> 'overage_computation_units')::bigint,
            'unit_price_cents', (l.line ->> 'overage_per_1000_units_cents')::bigint,
            'amount_cents', (l.line ->> 'overage_computation_units_cents')::bigint) END)
    ) AS x(k, line)
    WHERE x.line IS NOT NULL;
    v_due := coalesce((v_bill ->> 'balance_due_cents')::bigint, (v_bill #>> '{costs,total_before_discount_cents}')::bigint);
    RETURN jsonb_build_object(
        'invoice_number', format('INV-%s-%s', v_tenant.tenant_code, to_char(v_period, 'YYYYMM')),
        'tenant', jsonb_build_object('id', v_tenant.id, 'name', v_tenant.name, 'tenant_code', v_tenant.tenant_code),
        'period', jsonb_build_object('start', v_period, 'end', v_bill -> 'period_end', 'days', v_bill -> 'days_in_period'),
        'status', v_bill ->> 'status',
        'tier', v_bill ->> 'tier',
        'usage', v_bill -> 'usage',
        'lines', v_lines,
        'totals', jsonb_build_object(
            'total_before_discount_cents', (v_bill #>> '{costs,total_before_discount_cents}')::bigint,
            'usdxm_discount_cents', (v_bill #>> '{costs,usdxm_discount_cents}')::bigint,
            'total_cents', (v_bill #>> '{costs,total_cents}')::bigint,
            'adjustments_cents', coalesce((v_bill ->> 'adjustments_cents')::bigint, 0),
            'paid_cents', coalesce((v_bill ->> 'paid_cents')::bigint, 0),
            'balance_due_cents', v_due),
        'pay_with', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'symbol', s.symbol, 'name', s.name, 'network', s.network, 'contract_address', s.contract_address,
                'decimals', s.decimals, 'discount_cents', v_due * s.discount_percent / 100,
                'amount_cents', v_due - v_due * s.discount_percent / 100,
                'amount_base_units', ((v_due - v_due * s.discount_percent / 100)::numeric
                                      * (10::numeric ^ (s.decimals - 2)))::numeric(78, 0)::text)
                ORDER BY s.sort_order, s.symbol), '[]'::jsonb)
            FROM monay.stablecoin_payment_config s WHERE s.enabled));
END;
$$;

ALTER FUNCTION monay.generate_invoice_data(p_tenant_id uuid, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION generate_invoice_data(p_tenant_id uuid, p_period date); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.generate_invoice_data(p_tenant_id uuid, p_period date) IS 'Invoice of a tenant and month: lines, totals, balance due and the amount in each enabled stablecoin.';

--
-- Name: get_billing_history(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.get_billing_history(p_tenant_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The tenant's billing history, newest first:
     {tenant_id, credit_cents,
      bills: [{period, tier, status, total_before_discount_cents,
               usdxm_discount_cents, total_cents, adjustments_cents,
               paid_cents, balance_due_cents, payment_method, finalized_at,
               paid_at}],
      payments: [{payment_id, created_at, amount_cents, payment_method,
                  discount_cents, final_amount_cents, allocated_cents}]}
   credit_cents: payments not allocated to any bill yet (applied to the
   next bill). Raises 42501, 22023, MT301. */
DECLARE
    v_bills    jsonb;
    v_payments jsonb;
    v_credit   bigint;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'get_billing_history');
    PERFORM monay_private.require_tenant_found(p_tenant_id,
        EXISTS (SELECT 1 FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id));
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'period', m.period, 'tier', m.tier, 'status', m.status,
               'total_before_discount_cents', m.total_before_discount_cents,
               'usdxm_discount_cents', m.usdxm_discount_cents, 'total_cents', m.total_cents,
               'adjustments_cents', a.adj, 'paid_cents', p.paid,
               'balance_due_cents', m.total_before_discount_cents + a.adj - p.paid,
               'payment_method', m.payment_method, 'finalized_at', m.finalized_at, 'paid_at', m.paid_at)
               ORDER BY m.period DESC), '[]'::jsonb)
    INTO v_bills
    FROM monay.billing_metrics m
    CROSS JOIN LATERAL (SELECT coalesce(sum(x.amount_cents), 0)::bigint AS adj FROM monay.billing_adjustments x
                        WHERE x.tenant_id = m.tenant_id AND x.period = m.period) a
    CROSS JOIN LATERAL (SELECT coalesce(sum(y.amount_cents), 0)::bigint AS paid FROM monay.payment_allocations y
                        WHERE y.tenant_id = m.tenant_id AND y.period = m.period) p
    WHERE m.tenant_id = p_tenant_id;
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'payment_id', py.id, 'created_at', py.created_at, 'amount_cents', py.amount_cents,
               'payment_method', py.payment_method, 'discount_cents', py.discount_cents,
               'final_amount_cents', py.final_amount_cents, 'allocated_cents', al.amt)
               ORDER BY py.id DESC), '[]'::jsonb),
           coalesce(sum(py.amount_cents - al.amt), 0)::bigint
    INTO v_payments, v_credit
    FROM monay.payments py
    CROSS JOIN LATERAL (SELECT coalesce(sum(y.amount_cents), 0)::bigint AS amt FROM monay.payment_allocations y
                        WHERE y.tenant_id = py.tenant_id AND y.payment_id = py.id) al
    WHERE py.tenant_id = p_tenant_id;
    RETURN jsonb_build_object('tenant_id', p_tenant_id, 'credit_cents', v_credit, 'bills', v_bills,
                              'payments', v_payments);
END;
$$;

ALTER FUNCTION monay.get_billing_history(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION get_billing_history(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.get_billing_history(p_tenant_id uuid) IS 'A tenant''s bills (with payments, adjustments, balance) and payments, newest first, and its credit.';

--
-- Name: get_group_hierarchy(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.get_group_hierarchy(p_group_id uuid) RETURNS TABLE(group_id uuid, tenant_id uuid, parent_id uuid, kind text, name text, relation text, depth bigint, distance bigint, member_count bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The hierarchy view of group p_group_id: its ancestors (relation
   'ancestor', distance up), itself ('self', 0) and its descendants
   ('descendant', distance down), each with its depth from the root (a root
   is at depth 1). Only the groups the caller's context may see are listed
   (RLS on monay.groups: the owner of a group sees its subtree; a member
   sees the groups it belongs to, not its siblings' groups), ancestors first
   then by depth and name.
   Raises 22023 (NULL), MG001 (the group does not exist or is invisible). */
BEGIN
    PERFORM monay_private.group_find(p_group_id, 'get_group_hierarchy');
    RETURN QUERY
    WITH rel AS (
        SELECT p.ancestor_id AS gid, 'ancestor'::text AS relation, p.distance
        FROM monay_private.group_paths p WHERE p.descendant_id = p_group_id AND p.distance > 0
        UNION ALL
        SELECT p.descendant_id, CASE WHEN p.distance = 0 THEN 'self' ELSE 'descendant' END, p.distance
        FROM monay_private.group_paths p WHERE p.ancestor_id = p_group_id
    )
    SELECT g.id, g.tenant_id, g.parent_id, g.kind, g.name, r.relation,
           (SELECT count(*) FROM monay_private.group_paths d WHERE d.descendant_id = g.id),
           r.distance, g.member_count
    FROM rel r JOIN monay.groups g ON g.id = r.gid
    ORDER BY r.relation <> 'ancestor', 7, g.name, g.id;
END;
$$;

ALTER FUNCTION monay.get_group_hierarchy(p_group_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION get_group_hierarchy(p_group_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.get_group_hierarchy(p_group_id uuid) IS 'Ancestors, the group and its descendants with depth and distance, as far as the caller may see them.';

--
-- Name: get_setting(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.get_setting(p_key text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The typed value of one seed setting, as jsonb (a number, string or boolean):
   (monay.get_setting('MAX_TENANTS_PER_USER'))::int, monay.get_setting('X') #>> '{}'.
   Raises MT101 for an unknown key. */
DECLARE
    v_value jsonb;
BEGIN
    SELECT s.value INTO v_value FROM monay.settings s WHERE s.key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown setting %', coalesce(quote_literal(p_key), 'NULL')
            USING ERRCODE = 'MT101',
                  HINT = 'SELECT key FROM monay.settings lists the known settings.';
    END IF;
    RETURN v_value;
END;
$$;

ALTER FUNCTION monay.get_setting(p_key text) OWNER TO monay_owner;
--
-- Name: FUNCTION get_setting(p_key text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.get_setting(p_key text) IS 'Typed value (jsonb) of one setting of monay.settings; MT101 when unknown.';

--
-- Name: get_tenant(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.get_tenant(p_tenant_id uuid) RETURNS monay.tenants
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* GET /api/tenants/:id: one tenant's profile, for a user authenticated in that
   tenant (any role) or the platform (every tenant, or a job in that tenant).
   Raises:
     22023 p_tenant_id NULL
     42501 no context, or a context of another tenant (names both)
     MT301 the tenant does not exist (the platform's answer for an unknown id) */
DECLARE
    v_row monay.tenants;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'get_tenant');
    SELECT * INTO v_row FROM monay.tenants t WHERE t.id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.get_tenant(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION get_tenant(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.get_tenant(p_tenant_id uuid) IS 'GET /api/tenants/:id: the tenant of the caller''s context, or any for the platform (42501, MT301).';

--
-- Name: wallet_addresses; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.wallet_addresses (
    tenant_id uuid NOT NULL,
    derivation_path text NOT NULL,
    key_version bigint NOT NULL,
    address_index bigint NOT NULL,
    address text NOT NULL,
    purpose text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    retired_at timestamp with time zone,
    CONSTRAINT wallet_addresses_address_format CHECK ((address ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$'::text)),
    CONSTRAINT wallet_addresses_index_range CHECK ((((key_version >= 0) AND (key_version <= 2147483647)) AND ((address_index >= 0) AND (address_index <= 2147483647)))),
    CONSTRAINT wallet_addresses_path_format CHECK (((derivation_path ~ '^m(/[0-9]+'')+$'::text) AND (derivation_path ~~ (((('%/'::text || (key_version)::text) || '''/'::text) || (address_index)::text) || ''''::text)))),
    CONSTRAINT wallet_addresses_retired_after_created CHECK (((retired_at IS NULL) OR (retired_at >= created_at)))
);

ALTER TABLE ONLY monay.wallet_addresses FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.wallet_addresses OWNER TO monay_owner;
--
-- Name: TABLE wallet_addresses; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.wallet_addresses IS 'Public addresses of a tenant''s subtree (path, base58 address, purpose, key version, retired_at).';

--
-- Name: get_wallet_addresses(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.get_wallet_addresses(p_tenant_id uuid) RETURNS SETOF monay.wallet_addresses
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Every address registered in the tenant's subtree, retired ones included
   (retired_at set: an earlier key version, still able to receive funds),
   by key version and index. What recovery re-derives
   (GET /api/wallets/addresses/:tenantId, POST /api/wallets/recover/:tenantId).
   Works while HD_WALLET_ENABLED is off.
   Raises:
     22023 p_tenant_id NULL
     42501 no verified context, a forged one, or another tenant's */
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'get_wallet_addresses');
    RETURN QUERY
    SELECT * FROM monay.wallet_addresses w
    WHERE w.tenant_id = p_tenant_id
    ORDER BY w.key_version, w.address_index;
END;
$$;

ALTER FUNCTION monay.get_wallet_addresses(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION get_wallet_addresses(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.get_wallet_addresses(p_tenant_id uuid) IS 'Every registered address of the tenant (retired ones too), by key version and index.';

--
-- Name: get_wallet_path(uuid, integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.get_wallet_path(p_tenant_id uuid, p_index integer DEFAULT 0) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The full derivation path of address p_index in the tenant's subtree under
   its current key version: <base_path>/<key_version>'/<p_index>', e.g.
   m/44'/501'/7'/0'/3'. Every level hardened (SLIP-0010 ed25519). Serves
   GET /api/wallets/path/:tenantId. The caller's context must be that tenant
   or the platform.
   Raises:
     22023 p_tenant_id NULL; p_index NULL or negative
     42501 no verified context, a forged one, or another tenant's
     MV001 HD_WALLET_ENABLED is off
     MV007 the tenant has no vault (does not exist) */
DECLARE
    v_vault monay.tenant_vaults;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'get_wallet_path');
    PERFORM monay_private.vault_require_enabled('get_wallet_path');
    IF p_index IS NULL OR p_index < 0 THEN
        RAISE EXCEPTION 'get_wallet_path: address index must be 0 .. 2147483647, got %', coalesce(p_index::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    v_vault := monay_private.vault_of(p_tenant_id, 'get_wallet_path');
    RETURN format('%s/%s''/%s''', v_vault.base_path, v_vault.key_version, p_index);
END;
$$;

ALTER FUNCTION monay.get_wallet_path(p_tenant_id uuid, p_index integer) OWNER TO monay_owner;
--
-- Name: FUNCTION get_wallet_path(p_tenant_id uuid, p_index integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.get_wallet_path(p_tenant_id uuid, p_index integer) IS 'Full hardened derivation path of address p_index in the tenant''s subtree (current key version).';

--
-- Name: is_platform_context(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.is_platform_context() RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* True when monay.set_platform_context() (monay_platform only) signed this transaction. Generated by migration 021 from its one context check. */
BEGIN
    RETURN CASE WHEN CASE
        WHEN COALESCE(pg_catalog.length(pg_catalog.current_setting('monay.context_signature', true))
                      OPERATOR(pg_catalog.<>) 64, true)
            THEN false
        WHEN COALESCE(pg_catalog.current_setting('monay.context_cache', true) OPERATOR(pg_catalog.=) 'on', false)
             AND pg_catalog.int8send(pg_catalog.currval('monay.context_cache_seq'::pg_catalog.regclass))
                 OPERATOR(pg_catalog.=) monay.context_cache_digest(
                     pg_catalog.current_setting('monay.tenant_id', true),
                     pg_catalog.current_setting('monay.user_id', true),
                     pg_catalog.current_setting('monay.platform', true),
                     pg_catalog.current_setting('monay.context_signature', true))
            THEN true
        ELSE monay.context_signature_is_valid()
    END THEN COALESCE(pg_catalog.current_setting('monay.platform', true) OPERATOR(pg_catalog.=) 'true', false) ELSE false END;
END;
$$;

ALTER FUNCTION monay.is_platform_context() OWNER TO monay_owner;
--
-- Name: FUNCTION is_platform_context(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.is_platform_context() IS 'True inside a verified platform context (set by monay_platform only).';

--
-- Name: list_transactions(uuid, timestamp with time zone, uuid, integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.list_transactions(p_wallet_id uuid DEFAULT NULL::uuid, p_before_created_at timestamp with time zone DEFAULT NULL::timestamp with time zone, p_before_id uuid DEFAULT NULL::uuid, p_limit integer DEFAULT 50) RETURNS TABLE(id uuid, wallet_id uuid, counterparty_wallet_id uuid, kind text, amount_cents bigint, status text, description text, created_at timestamp with time zone, counterparty_tenant_id uuid, mirror_of uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The current tenant's transactions (of one wallet, or all), newest first,
   at most p_limit, strictly before (p_before_created_at, p_before_id): keyset
   paging, pass the last row's created_at and id for the next page. A
   cross-tenant transfer shows as the sender's row in the sender's tenant and
   as its mirror (mirror_of = the original's id) in the recipient's.
   (RETURNS TABLE, not SETOF monay.transactions: the table is replaced by the
   retrofit's swap, and a function's row type would stay the old one.)
   Raises:
     42501 no tenant context
     22023 p_limit outside 1..500; only one of the two cursor values given
     MP001 p_wallet_id is not a wallet of this tenant */
DECLARE
    v_ctx record := monay_private.require_tenant_context('list_transactions');
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'list_transactions: limit % outside 1..500', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    IF (p_before_created_at IS NULL) <> (p_before_id IS NULL) THEN
        RAISE EXCEPTION 'list_transactions: the cursor needs both created_at and id (got %, %)',
            coalesce(p_before_created_at::text, 'NULL'), coalesce(p_before_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_wallet_id IS NOT NULL AND NOT EXISTS (
            SELECT FROM monay.wallets w WHERE w.tenant_id = v_ctx.tenant_id AND w.id = p_wallet_id) THEN
        RAISE EXCEPTION 'list_transactions: wallet % not found in tenant %', p_wallet_id, v_ctx.tenant_id
            USING ERRCODE = 'MP001';
    END IF;
    RETURN QUERY
        SELECT t.id, t.wallet_id, t.counterparty_wallet_id, t.kind, t.amount_cents, t.status, t.description,
               t.created_at, t.counterparty_tenant_id, t.mirror_of
        FROM monay.transactions t
        WHERE t.tenant_id = v_ctx.tenant_id
          AND (p_wallet_id IS NULL OR t.wallet_id = p_wallet_id)
          AND (p_before_id IS NULL OR (t.created_at, t.id) < (p_before_created_at, p_before_id))
        ORDER BY t.created_at DESC, t.id DESC
        LIMIT p_limit;
END;
$$;

ALTER FUNCTION monay.list_transactions(p_wallet_id uuid, p_before_created_at timestamp with time zone, p_before_id uuid, p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION list_transactions(p_wallet_id uuid, p_before_created_at timestamp with time zone, p_before_id uuid, p_limit integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.list_transactions(p_wallet_id uuid, p_before_created_at timestamp with time zone, p_before_id uuid, p_limit integer) IS 'The current tenant''s transactions (one wallet or all), newest first, keyset-paged.';

--
-- Name: list_user_tenants(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.list_user_tenants() RETURNS TABLE(tenant_id uuid, tenant_code text, name text, tenant_type text, billing_tier text, role text, is_current boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The tenant selector of the apps: the authenticated user's active
   memberships in active tenants, with the tenant's code, name, type, tier,
   the user's role, and whether it is the tenant of this transaction's
   context. Ordered by name, then code. Pass a tenant_id to
   monay.switch_tenant to move there. Inside a tenant's context RLS shows
   only that tenant, so this function reads in the user-only context (the
   same user, no tenant: their own memberships and those tenants) and then
   restores the caller's context.
   Raises:
     MT206 nobody is authenticated in this transaction (monay.authenticate) */
DECLARE
    v_user   uuid := monay.current_user_id();
    v_tenant uuid := monay.current_tenant_id();
BEGIN
    IF v_user IS NULL THEN
        RAISE EXCEPTION 'list_user_tenants needs an authenticated user: call monay.authenticate(token) first'
            USING ERRCODE = 'MT206';
    END IF;
    PERFORM monay_private.set_context(NULL, v_user, false);
    RETURN QUERY
        SELECT t.id, t.tenant_code, t.name, t.tenant_type, t.billing_tier, tu.role,
               t.id IS NOT DISTINCT FROM v_tenant
        FROM monay.tenant_users tu
        JOIN monay.tenants t ON t.id = tu.tenant_id
        WHERE tu.user_id = v_user AND tu.status = 'active' AND t.status = 'active'
        ORDER BY t.name, t.tenant_code;
    PERFORM monay_private.set_context(v_tenant, v_user, false);
END;
$$;

ALTER FUNCTION monay.list_user_tenants() OWNER TO monay_owner;
--
-- Name: FUNCTION list_user_tenants(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.list_user_tenants() IS 'Tenant selector: the authenticated user''s active tenants with role and is_current (MT206 without a user).';

--
-- Name: list_wallets(uuid, integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.list_wallets(p_after_id uuid DEFAULT NULL::uuid, p_limit integer DEFAULT 50) RETURNS SETOF monay.wallets
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The current tenant's wallets by id, at most p_limit, after p_after_id
   (keyset paging: pass the last id of a page to get the next one).
   Raises 42501 without a tenant context, 22023 for p_limit outside 1..500. */
DECLARE
    v_ctx record := monay_private.require_tenant_context('list_wallets');
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'list_wallets: limit % outside 1..500', coalesce(p_limit::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
        SELECT w.* FROM monay.wallets w
        WHERE w.tenant_id = v_ctx.tenant_id AND (p_after_id IS NULL OR w.id > p_after_id)
        ORDER BY w.id LIMIT p_limit;
END;
$$;

ALTER FUNCTION monay.list_wallets(p_after_id uuid, p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION list_wallets(p_after_id uuid, p_limit integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.list_wallets(p_after_id uuid, p_limit integer) IS 'The current tenant''s wallets, keyset-paged by id.';

--
-- Name: move_group(uuid, uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.move_group(p_group_id uuid, p_new_parent_id uuid) RETURNS monay.groups
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Re-parents holding p_group_id (with its subtree) under p_new_parent_id,
   or makes it a root when p_new_parent_id is NULL. Both trees are locked
   first (monay_private.group_lock_trees: their roots, in id order, re-read
   until stable), then the cycle and depth rules are checked on what is
   committed, so concurrent moves can create neither. Moving to the current
   parent is a no-op (idempotent).
   Who: a manager of the group (owner/admin of its tenant) or the platform;
   the group's owner must own or be a member tenant of the new parent.
   Raises:
     42501 not a manager of the group     MG001 either group missing or invisible
     MG004 the subtree would end deeper than GROUP_HIERARCHY_DEPTH
     MG005 the new parent is the group or below it (a cycle)
     MG011 a kind that does not nest, or a parent the owner neither owns nor belongs to */
DECLARE
    v_group  monay.groups;
    v_parent monay.groups;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'move_group');
    PERFORM monay_private.group_require_manager(v_group, 'move_group');
    IF p_new_parent_id IS NOT NULL THEN
        v_parent := monay_private.group_find(p_new_parent_id, 'move_group');
        PERFORM monay_private.group_check_parent(v_group.kind, v_group.tenant_id, v_parent, 'move_group');
    END IF;
    PERFORM monay_private.group_lock_trees(ARRAY[p_group_id] || coalesce(ARRAY[p_new_parent_id], '{}'::uuid[]));
    -- Re-read under the locks: a concurrent move may have changed the parent.
    v_group := monay_private.group_find(p_group_id, 'move_group', true);
    IF v_group.parent_id IS NOT DISTINCT FROM p_new_parent_id THEN
        RETURN v_group;
    END IF;
    IF p_new_parent_id IS NOT NULL THEN
        PERFORM monay_private.group_check_placement(p_group_id, p_new_parent_id, 'move_group');
    END IF;
    -- Closure: cut the subtree from its old ancestors, hang it under the new ones.
    DELETE FROM monay_private.group_paths x
    WHERE x.descendant_id IN (SELECT s.descendant_id FROM monay_private.group_paths s WHERE s.ancestor_id = p_group_id)
      AND x.ancestor_id NOT IN (SELECT s.descendant_id FROM monay_private.group_paths s WHERE s.ancestor_id = p_group_id);
    INSERT INTO monay_private.group_paths (ancestor_tenant_id, ancestor_id, descendant_tenant_id, descendant_id, distance)
    SELECT a.ancestor_tenant_id, a.ancestor_id, s.descendant_tenant_id, s.descendant_id, a.distance + s.distance + 1
    FROM monay_private.group_paths a
    JOIN monay_private.group_paths s ON s.ancestor_id = p_group_id
    WHERE a.descendant_id = p_new_parent_id;
    UPDATE monay.groups g SET parent_tenant_id = v_parent.tenant_id, parent_id = v_parent.id, updated_at = now()
    WHERE g.tenant_id = v_group.tenant_id AND g.id = v_group.id
    RETURNING * INTO v_group;
    RETURN v_group;
END;
$$;

ALTER FUNCTION monay.move_group(p_group_id uuid, p_new_parent_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION move_group(p_group_id uuid, p_new_parent_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.move_group(p_group_id uuid, p_new_parent_id uuid) IS 'Re-parents a holding (NULL: root); trees locked, cycles (MG005) and depth (MG004) refused; idempotent.';

--
-- Name: next_wallet_paths(uuid, integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.next_wallet_paths(p_tenant_id uuid, p_count integer DEFAULT 1) RETURNS TABLE(derivation_path text, key_version bigint, address_index bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The next p_count paths of the tenant's current key version after the
   highest index registered in it (from index 0 in a fresh version), in
   order: what a signer derives and then registers with
   monay.register_wallet_address (POST /api/wallets/derive/:tenantId).
   Two signers that race get the same paths; the same seed gives the same
   addresses, so their registrations converge (registration is idempotent).
   Raises:
     22023 p_tenant_id NULL; p_count NULL or outside 1 .. 1000
     42501 no verified context, a forged one, or another tenant's
     MV001 HD_WALLET_ENABLED is off
     MV007 the tenant has no vault (does not exist) */
DECLARE
    v_vault monay.tenant_vaults;
    v_next  bigint;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'next_wallet_paths');
    PERFORM monay_private.vault_require_enabled('next_wallet_paths');
    IF p_count IS NULL OR p_count NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION 'next_wallet_paths: count must be 1 .. 1000, got %', coalesce(p_count::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    v_vault := monay_private.vault_of(p_tenant_id, 'next_wallet_paths');
    SELECT coalesce(max(w.address_index) + 1, 0) INTO v_next
    FROM monay.wallet_addresses w
    WHERE w.tenant_id = p_tenant_id AND w.key_version = v_vault.key_version;
    RETURN QUERY
    SELECT format('%s/%s''/%s''', v_vault.base_path, v_vault.key_version, i), v_vault.key_version, i
    FROM generate_series(v_next, least(v_next + p_count - 1, 2147483647)) AS i;
END;
$$;

ALTER FUNCTION monay.next_wallet_paths(p_tenant_id uuid, p_count integer) OWNER TO monay_owner;
--
-- Name: FUNCTION next_wallet_paths(p_tenant_id uuid, p_count integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.next_wallet_paths(p_tenant_id uuid, p_count integer) IS 'The next p_count unregistered paths of the tenant''s current key version.';

--
-- Name: process_group_payment(uuid, date, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.process_group_payment(p_group_id uuid, p_period date, p_payment_method text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Pays the consolidated bill of group p_group_id for the month holding
   p_period, once, in a stablecoin: the payer transfers
     final_amount = total_before_discount - floor(total_before_discount * discount_percent / 100)
   (USDXM 10%, USDC and USDT none), one discount on the consolidated total.
   The payment is allocated to the member lines: each member's bill is
   settled by monay.process_payment of that member (its own payment and
   waterfall, run under the member's own context, with the idempotency key
   'group:<group>:<period>'), for its total_before_discount; the
   consolidated discount is shared among the lines in proportion (largest
   remainder, so the shares add up to it exactly). A paid bill returns its
   first response with duplicate = true (idempotent, also under concurrent
   retries: the group bill row is locked first).
   Who: a manager of the group (the payer) or the platform.
   Raises (nothing recorded): 42501 (not a manager), 22023 (NULL period),
   MG001 (no such group), MG020 (no consolidated bill for that month),
   MT405 (fiat or a disabled coin). */
DECLARE
    v_group  monay.groups;
    v_bill   monay.group_bills;
    v_period date;
    v_pct    bigint;
    v_disc   bigint;
    v_line   record;
    v_prev   jsonb;
    v_pay    jsonb;
    v_lines  jsonb := '[]'::jsonb;
    v_resp   jsonb;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'process_group_payment');
    PERFORM monay_private.group_require_manager(v_group, 'process_group_payment');
    PERFORM monay_private.require_not_null(p_period, 'p_period', 'process_group_payment');
    v_period := date_trunc('month', p_period)::date;
    SELECT * INTO v_bill FROM monay.group_bills b
    WHERE b.tenant_id = v_group.tenant_id AND b.group_id = v_group.id AND b.period = v_period FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'process_group_payment: group % has no consolidated bill for %', p_group_id,
            to_char(v_period, 'YYYY-MM') USING ERRCODE = 'MG020',
            HINT = 'Consolidated bills are made by the monthly run (monay_private.group_billing_consolidate).';
    END IF;
    IF v_bill.status = 'paid' THEN
        RETURN v_bill.payment || '{"duplicate": true}'::jsonb;
    END IF;
    SELECT s.discount_percent INTO v_pct FROM monay.stablecoin_payment_config s
    WHERE s.symbol = p_payment_method AND s.enabled;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'payment method % is not accepted for group %: pay with an enabled stablecoin',
            coalesce(quote_literal(p_payment_method), 'NULL'), p_group_id USING ERRCODE = 'MT405';
    END IF;
    v_disc := v_bill.total_before_discount_cents * v_pct / 100;
    FOR v_line IN
        WITH l AS (
            SELECT x.tenant_id, x.total_before_discount_cents AS amount,
                   x.total_before_discount_cents * v_disc / greatest(v_bill.total_before_discount_cents, 1) AS share,
                   x.total_before_discount_cents * v_disc % greatest(v_bill.total_before_discount_cents, 1) AS rem
            FROM monay.group_bill_lines x
            WHERE x.payer_tenant_id = v_bill.tenant_id AND x.group_id = v_bill.group_id AND x.period = v_period
        )
        SELECT l.tenant_id, l.amount,
               l.share + CASE WHEN row_number() OVER (ORDER BY l.rem DESC, l.tenant_id)
                                   <= v_disc - sum(l.share) OVER () THEN 1 ELSE 0 END AS share
        FROM l ORDER BY l.tenant_id
    LOOP
        v_pay := NULL;
        IF v_line.amount > 0 THEN
            v_prev := monay_private.group_context_switch(v_line.tenant_id, NULL, false);
            BEGIN
                v_pay := monay.process_payment(v_line.tenant_id, v_line.amount, p_payment_method,
                                               format('group:%s:%s', p_group_id, to_char(v_period, 'YYYY-MM')));
                UPDATE monay.group_bill_lines x SET paid_cents = v_line.amount, discount_share_cents = v_line.share,
                    payment_id = (v_pay ->> 'payment_id')::bigint
                WHERE x.tenant_id = v_line.tenant_id AND x.period = v_period;
            EXCEPTION WHEN OTHERS THEN
                PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                                           (v_prev ->> 'platform')::boolean);
                RAISE;
            END;
            PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                                       (v_prev ->> 'platform')::boolean);
        END IF;
        v_lines := v_lines || jsonb_build_object('tenant_id', v_line.tenant_id, 'amount_cents', v_line.amount,
            'discount_share_cents', v_line.share, 'payment_id', v_pay -> 'payment_id',
            'bills_paid', v_pay -> 'bills_paid');
    END LOOP;
    v_resp := jsonb_build_object('group_id', p_group_id, 'period', v_period, 'payer_tenant_id', v_bill.tenant_id,
        'amount_cents', v_bill.total_before_discount_cents, 'payment_method', p_payment_method,
        'discount_applied', v_disc, 'final_amount', v_bill.total_before_discount_cents - v_disc,
        'lines', v_lines, 'duplicate', false);
    UPDATE monay.group_bills b SET status = 'paid', paid_at = now(), payment_method = p_payment_method,
        discount_applied_cents = v_disc, final_amount_cents = v_bill.total_before_discount_cents - v_disc,
        payment = v_resp
    WHERE b.tenant_id = v_bill.tenant_id AND b.group_id = v_bill.group_id AND b.period = v_period;
    RETURN v_resp;
END;
$$;

ALTER FUNCTION monay.process_group_payment(p_group_id uuid, p_period date, p_payment_method text) OWNER TO monay_owner;
--
-- Name: FUNCTION process_group_payment(p_group_id uuid, p_period date, p_payment_method text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.process_group_payment(p_group_id uuid, p_period date, p_payment_method text) IS 'Pays a consolidated bill once (one discount on the total), allocated to the member bills; idempotent.';

--
-- Name: process_monthly_billing(date); Type: PROCEDURE; Schema: monay; Owner: monay_owner
--

CREATE PROCEDURE monay.process_monthly_billing(IN p_period date)
    LANGUAGE plpgsql
    AS $$
/* Bills every tenant for the calendar month (UTC) holding p_period, which
   must be over: finalizes each tenant's bill exactly once in batches of
   BILLING_RUN_BATCH_SIZE tenants, committing after each batch
   (monay.billing_run_part as part 1 of 1), then builds the groups'
   consolidated bills (monay.consolidate_group_bills). A run that is killed
   halfway loses at most its open batch; run it again and it bills the
   tenants that are left and nobody twice. Two runs at once do not double
   bill: each tenant's month is finalized under an exclusive lock and once
   only (primary key). A tenant that fails is rolled back alone, recorded
   durably in monay_private.billing_failures and counted (tenants_failed);
   tenants whose period lock is held are not waited for in the batches but
   retried once at the end (monay.billing_run_retry, waiting at most
   BILLING_RUN_LOCK_TIMEOUT); a WARNING at the end names the failures.
   Progress and the final counts are sent as NOTICEs whose DETAIL is JSON
   ({event: start | batch | retry | finish | groups, ...}); the counts stay
   in monay.billing_runs. Faster on several cores: `monaydb billing run
   --jobs N` (parts of the tenant id space in N sessions, docs/billing.md).
   For monay_platform, called outside a transaction block (CALL in
   autocommit): it commits, so it runs as its caller (PostgreSQL refuses
   COMMIT in a procedure that runs as its owner or carries a SET clause,
   hence no pinned search_path: every name here is schema-qualified, and
   each step is a platform-only function of its own with a pinned path) and
   sets the platform context again after each commit (the context lives for
   one transaction).
   Raises 42501 (not monay_platform), 22023 (NULL or out of range), MT407
   (month not over), 2D000 (called inside a transaction block). */
DECLARE
    v_groups integer;
BEGIN
    CALL monay.billing_run_part(p_period, 1, 1);
    -- Groups: consolidated bills over the members' finalized bills (idempotent; groups whose
    -- consolidation is off are left alone).
    PERFORM monay.set_platform_context();
    v_groups := monay.consolidate_group_bills(date_trunc('month', p_period)::date);
    COMMIT;
    RAISE NOTICE 'billing run for %: % consolidated group bill(s)', to_char(p_period, 'YYYY-MM'), v_groups
        USING DETAIL = jsonb_build_object('event', 'groups', 'group_bills', v_groups)::text;
END;
$$;

ALTER PROCEDURE monay.process_monthly_billing(IN p_period date) OWNER TO monay_owner;
--
-- Name: PROCEDURE process_monthly_billing(IN p_period date); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON PROCEDURE monay.process_monthly_billing(IN p_period date) IS 'Monthly run: bills every tenant for an ended month exactly once, committing per batch (rerunnable).';

--
-- Name: process_payment(uuid, bigint, text, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.process_payment(p_tenant_id uuid, p_amount_cents bigint, p_payment_method text, p_idempotency_key text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records a stablecoin payment that settles p_amount_cents (USD cents of
   bills) and allocates it by monay.process_payment_waterfall (oldest unpaid
   bill first; the rest becomes credit for the next bill). The coin's
   discount is applied to what the payer transfers, per bill (so that a bill
   paid in several USDXM payments costs exactly its USDXM total): for each
   part x of a bill that this payment settles, where s of the bill was
   settled before (by any payment or credit),
     floor((s + x) * discount_percent / 100) - floor(s * discount_percent / 100)
   and for the part r left as credit, floor(r * discount_percent / 100);
     discount_applied = the sum of these, final_amount = p_amount_cents - it.
   The parts are those the waterfall then allocates (computed under its lock).
   USDXM (10%): (tenant, 10000, 'USDXM') -> discount_applied 1000,
   final_amount 9000; USDC and USDT: no discount. final_amount_base_units is
   final_amount in the token's base units (cents * 10^(decimals - 2)).
   Returns {payment_id, tenant_id, amount_cents, payment_method,
   discount_applied, final_amount, token_decimals, final_amount_base_units,
   allocations, bills_paid, credit_cents, duplicate}.
   Idempotency (monay_private.idempotency_claim): with p_idempotency_key the
   first call records and stores its response; a repeat (also concurrent)
   records nothing and returns it with duplicate = true; the same key with
   another amount or method: MT406.
   Suspended and closed tenants may pay (what they owe).
   Raises (nothing is recorded):
     42501 the context may not act on p_tenant_id
     22023 NULL tenant, amount NULL or < 1, key longer than 200
     MT417 amount above 10^12 cents, or the tenant's payments would sum above
           10^15 cents (what the waterfall's sums can hold)
     MT405 payment method not accepted: fiat (USD, ...) or a stablecoin that
           is not enabled in monay.stablecoin_payment_config
     MT301 no such tenant     MT406 idempotency key reused differently */
DECLARE
    v_coin     monay.stablecoin_payment_config;
    v_claim    record;
    v_discount bigint;
    v_final    bigint;
    v_base     numeric;
    v_id       bigint;
    v_wf       jsonb;
    v_resp     jsonb;
    v_credit   bigint;
    c_waterfall constant integer := 1296253207;  -- 'MBPW': the waterfall lock (billing_waterfall)
    c_max_payment constant bigint := 1000000000000;      -- 10^12 cents per payment
    c_max_total   constant bigint := 1000000000000000;   -- 10^15 cents per tenant
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'process_payment');
    IF p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'process_payment: amount must be at least 1 cent, got % (tenant %)',
            coalesce(p_amount_cents::text, 'NULL'), p_tenant_id USING ERRCODE = '22023';
    END IF;
    IF p_amount_cents > c_max_payment THEN
        RAISE EXCEPTION 'process_payment: amount % cents is above the largest payment, % cents (tenant %)',
            p_amount_cents, c_max_payment, p_tenant_id USING ERRCODE = 'MT417';
    END IF;
    IF length(p_idempotency_key) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'process_payment: idempotency key must have 1 to 200 characters (tenant %)', p_tenant_id
            USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_coin FROM monay.stablecoin_payment_config s WHERE s.symbol = p_payment_method AND s.enabled;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'payment method % is not accepted for tenant %: pay with an enabled stablecoin (%)',
            coalesce(quote_literal(p_payment_method), 'NULL'), p_tenant_id,
            (SELECT string_agg(s.symbol, ', ' ORDER BY s.symbol) FROM monay.stablecoin_payment_config s WHERE s.enabled)
            USING ERRCODE = 'MT405',
                  HINT = 'Only stablecoins are accepted (monay.stablecoin_payment_config); fiat is refused.';
    END IF;
    PERFORM monay_private.require_tenant_found(p_tenant_id,
        EXISTS (SELECT 1 FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id));

    IF p_idempotency_key IS NOT NULL THEN
        v_claim := monay_private.idempotency_claim('payment', p_tenant_id, p_idempotency_key,
                                                   p_amount_cents || '|' || p_payment_method, 'MT406');
        IF NOT v_claim.claimed THEN
            RETURN v_claim.prior_response || '{"duplicate": true}'::jsonb;
        END IF;
    END IF;

    -- The waterfall's lock now: the discount depends on what it will allocate.
    PERFORM pg_advisory_xact_lock(c_waterfall, hashtext(p_tenant_id::text || ':all'));
    SELECT coalesce(sum(p.amount_cents), 0) INTO v_credit FROM monay.payments p WHERE p.tenant_id = p_tenant_id;
    IF v_credit + p_amount_cents > c_max_total THEN
        RAISE EXCEPTION 'process_payment: tenant % would have paid % cents in all, above % cents',
            p_tenant_id, v_credit + p_amount_cents, c_max_total USING ERRCODE = 'MT417';
    END IF;
    v_discount := monay_private.billing_payment_discount(p_tenant_id, p_amount_cents, v_coin.discount_percent);
    v_final := p_amount_cents - v_discount;
    v_base := v_final::numeric * (10::numeric ^ (v_coin.decimals - 2));
    INSERT INTO monay.payments (tenant_id, amount_cents, payment_method, discount_cents, final_amount_cents,
        token_decimals, token_amount, idempotency_key, created_by)
    VALUES (p_tenant_id, p_amount_cents, p_payment_method, v_discount, v_final, v_coin.decimals,
        trunc(v_base), p_idempotency_key, monay.current_user_id())
    RETURNING id INTO v_id;
    v_wf := monay_private.billing_waterfall(p_tenant_id);
    v_resp := jsonb_build_object(
        'payment_id', v_id, 'tenant_id', p_tenant_id, 'amount_cents', p_amount_cents,
        'payment_method', p_payment_method, 'discount_applied', v_discount, 'final_amount', v_final,
        'token_decimals', v_coin.decimals, 'final_amount_base_units', trunc(v_base)::text,
        'allocations', v_wf -> 'allocations', 'bills_paid', v_wf -> 'bills_paid',
        'credit_cents', v_wf -> 'credit_cents', 'duplicate', false);
    IF p_idempotency_key IS NOT NULL THEN
        UPDATE monay_private.billing_idempotency_keys k SET response = v_resp
        WHERE k.tenant_id = p_tenant_id AND k.scope = 'payment' AND k.idempotency_key = p_idempotency_key;
    END IF;
    RETURN v_resp;
END;
$$;

ALTER FUNCTION monay.process_payment(p_tenant_id uuid, p_amount_cents bigint, p_payment_method text, p_idempotency_key text) OWNER TO monay_owner;
--
-- Name: FUNCTION process_payment(p_tenant_id uuid, p_amount_cents bigint, p_payment_method text, p_idempotency_key text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.process_payment(p_tenant_id uuid, p_amount_cents bigint, p_payment_method text, p_idempotency_key text) IS 'Stablecoin payment (USDXM 10% off, USDC/USDT none; fiat refused), allocated by the waterfall; idempotent.';

--
-- Name: process_payment_waterfall(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.process_payment_waterfall(p_tenant_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Applies the tenant's credit (payments not yet allocated) to its unpaid
   bills, oldest bill first, from the oldest payment first; a bill fully
   covered becomes 'paid'; what is left stays credit for the next bill.
   process_payment and the monthly run call it; calling it again changes
   nothing (idempotent). Returns {tenant_id, allocations: [{payment_id,
   period, amount_cents}], bills_paid: [period], credit_cents}.
   Raises 42501 (context may not act on the tenant), 22023 (NULL), MT301. */
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'process_payment_waterfall');
    PERFORM monay_private.require_tenant_found(p_tenant_id,
        EXISTS (SELECT 1 FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id));
    RETURN monay_private.billing_waterfall(p_tenant_id);
END;
$$;

ALTER FUNCTION monay.process_payment_waterfall(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION process_payment_waterfall(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.process_payment_waterfall(p_tenant_id uuid) IS 'Allocates the tenant''s credit to unpaid bills, oldest first (idempotent).';

--
-- Name: purge_billing_idempotency_keys(integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.purge_billing_idempotency_keys(p_limit integer DEFAULT 100000) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Platform job: deletes up to p_limit billing idempotency keys older than
   BILLING_IDEMPOTENCY_RETENTION (setting, default 90 days) and returns how
   many. After that a retry with an old key is a new request: clients must
   not retry for longer than the retention. Run it daily (repeat while it
   returns p_limit). Raises 42501 (not platform), 22023 (p_limit < 1),
   MT102 (the setting is not a positive interval). */
DECLARE
    v_keep  interval;
    v_count bigint;
BEGIN
    PERFORM monay_private.require_platform('purge_billing_idempotency_keys');
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'purge_billing_idempotency_keys: p_limit must be at least 1, got %',
            coalesce(p_limit::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    v_keep := (monay.get_setting('BILLING_IDEMPOTENCY_RETENTION') #>> '{}')::interval;
    IF v_keep IS NULL OR v_keep <= interval '0' THEN
        RAISE EXCEPTION 'setting BILLING_IDEMPOTENCY_RETENTION (%) is not a positive interval', v_keep
            USING ERRCODE = 'MT102';
    END IF;
    DELETE FROM monay_private.billing_idempotency_keys k
    WHERE k.ctid = ANY (ARRAY(SELECT k2.ctid FROM monay_private.billing_idempotency_keys k2
                              WHERE k2.created_at < now() - v_keep LIMIT p_limit));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END;
$$;

ALTER FUNCTION monay.purge_billing_idempotency_keys(p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION purge_billing_idempotency_keys(p_limit integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.purge_billing_idempotency_keys(p_limit integer) IS 'Platform job: deletes billing idempotency keys older than BILLING_IDEMPOTENCY_RETENTION.';

--
-- Name: purge_closed_tenants(integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.purge_closed_tenants(p_limit integer DEFAULT 100) RETURNS TABLE(tenant_id uuid, tenant_code text, deleted_rows jsonb, error text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* The platform job that deletes the data of closed tenants whose retention
   has passed (status 'closed', purge_after <= now(), purged_at NULL), at most
   p_limit tenants per call, oldest purge_after first. One row per tenant:
   deleted_rows = {table: rows deleted} and error NULL, or deleted_rows NULL and
   error = 'SQLSTATE: message' when that tenant's purge failed (it is rolled
   back alone and retried by the next run; the others go on).
   What is deleted: the tenant's rows (tenant_id = the tenant) in EVERY table
   of schema monay that has a tenant_id column, found in the catalog at each
   run, so tables added later are covered without a change here; partitioned
   tables through their parent. Kept: monay.audit_log (append-only, always)
   and every table listed in monay_private.purge_retained_tables (accounting:
   the billing domain lists its tables there). Order: a table is emptied
   before any table it references (foreign keys among the purged tables,
   topologically sorted; self-references are fine in one DELETE). The
   tenants row itself stays, marked purged_at = now(): codes stay unique and
   retained rows keep their foreign key. Membership deletions are audited.
   A table whose DELETE policy leaves some of the tenant's rows in place
   (USING (false) on an append-only table not listed as retained) fails that
   tenant with MT308 instead of marking it purged with data left behind.
   Idempotent: a purged tenant is never selected again; concurrent runs skip
   each other's tenants (FOR UPDATE SKIP LOCKED). Platform context only.
   Raises:
     42501 not the platform context
     22023 p_limit NULL or below 1 */
DECLARE
    v_tables  text[];
    v_order   text[] := '{}'::text[];
    v_ready   text[];
    v_tenant  record;
    v_table   text;
    v_count   bigint;
    v_counts  jsonb;
BEGIN
    PERFORM monay_private.require_platform('purge_closed_tenants');
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'purge_closed_tenants: p_limit must be at least 1, got %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;

    -- Tables to purge: schema monay, a tenant_id column, not retained.
    SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') INTO v_tables
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                                  AND NOT a.attisdropped AND a.attnum > 0
    WHERE n.nspname = 'monay' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname <> 'audit_log'
      AND c.relname NOT IN (SELECT r.table_name FROM monay_private.purge_retained_tables r);

    -- FK-safe order (Kahn): take the tables that no remaining table references.
    WHILE cardinality(v_tables) > 0 LOOP
        SELECT coalesce(array_agg(t ORDER BY t), '{}') INTO v_ready
        FROM unnest(v_tables) AS t
        WHERE NOT EXISTS (
            SELECT 1 FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class child ON child.oid = k.conrelid
            WHERE k.contype = 'f'
              AND k.confrelid = ('monay.' || quote_ident(t))::regclass
              AND k.conrelid <> k.confrelid
              AND child.relname::text = ANY (v_tables)
              AND child.relnamespace = 'monay'::regnamespace);
        IF cardinality(v_ready) = 0 THEN
            -- A cycle of foreign keys: no safe order exists; try the rest as they
            -- come (a failing tenant is reported, not half-purged).
            v_ready := v_tables;
        END IF;
        v_order := v_order || v_ready;
        SELECT coalesce(array_agg(t), '{}') INTO v_tables FROM unnest(v_tables) AS t WHERE t <> ALL (v_ready);
    END LOOP;

    FOR v_tenant IN
        SELECT t.id, t.tenant_code FROM monay.tenants t
        WHERE t.status = 'closed' AND t.purge_after <= now() AND t.purged_at IS NULL
        ORDER BY t.purge_after, t.id
        LIMIT p_limit
        FOR NO KEY UPDATE SKIP LOCKED
    LOOP
        tenant_id := v_tenant.id;
        tenant_code := v_tenant.tenant_code;
        BEGIN
            v_counts := '{}';
            FOREACH v_table IN ARRAY v_order LOOP
                EXECUTE format('DELETE FROM monay.%I WHERE tenant_id = $1', v_table) USING v_tenant.id;
                GET DIAGNOSTICS v_count = ROW_COUNT;
                IF v_count > 0 THEN
                    v_counts := v_counts || jsonb_build_object(v_table, v_count);
                END IF;
                -- Rows a DELETE policy refused (e.g. USING (false) on an append-only
                -- table) would survive silently: refuse to call the tenant purged.
                EXECUTE format('SELECT count(*) FROM monay.%I WHERE tenant_id = $1', v_table)
                    INTO v_count USING v_tenant.id;
                IF v_count > 0 THEN
                    RAISE EXCEPTION 'table monay.% kept % row(s) of tenant % that its DELETE policy refuses',
                        v_table, v_count, v_tenant.id
                        USING ERRCODE = 'MT308',
                              HINT = 'List the table in monay_private.purge_retained_tables, or let the platform context delete it.';
                END IF;
            END LOOP;
            UPDATE monay.tenants t SET purged_at = now() WHERE t.id = v_tenant.id;
            deleted_rows := v_counts;
            error := NULL;
        EXCEPTION WHEN OTHERS THEN
            deleted_rows := NULL;
            error := SQLSTATE || ': ' || SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END;
$_$;

ALTER FUNCTION monay.purge_closed_tenants(p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION purge_closed_tenants(p_limit integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.purge_closed_tenants(p_limit integer) IS 'Platform job: deletes closed tenants'' data after purge_after (catalog-driven, FK-safe; keeps audit and retained tables).';

--
-- Name: purge_retired_jwt_secrets(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.purge_retired_jwt_secrets() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Platform job (daily, `monaydb jobs run daily`): deletes the JWT secrets
   whose overlap window has ended (retired_at in the past: no token signed
   with them is accepted any more), so that no retired secret stays in the
   database or its dumps. Returns how many. Raises 42501 (not the platform
   context). */
DECLARE
    v_count bigint;
BEGIN
    PERFORM monay_private.require_platform('purge_retired_jwt_secrets');
    DELETE FROM monay_private.jwt_secrets s WHERE s.retired_at <= now();
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END;
$$;

ALTER FUNCTION monay.purge_retired_jwt_secrets() OWNER TO monay_owner;
--
-- Name: FUNCTION purge_retired_jwt_secrets(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.purge_retired_jwt_secrets() IS 'Platform job: deletes JWT secrets whose overlap window has ended.';

--
-- Name: reactivate_tenant(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.reactivate_tenant(p_tenant_id uuid) RETURNS monay.tenants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Reactivates a suspended tenant (status 'active', status_reason cleared)
   and returns it; its members can authenticate again. An active tenant is
   returned unchanged (idempotent). Audited by trigger. Platform context only.
   Raises:
     42501 not the platform context
     22023 p_tenant_id NULL
     MT301 the tenant does not exist
     MT304 the tenant is closed (closing is final) */
DECLARE
    v_row monay.tenants;
BEGIN
    PERFORM monay_private.require_platform(format('reactivate_tenant(%s)', p_tenant_id));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'reactivate_tenant');
    v_row := monay_private.lock_tenant(p_tenant_id);
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'it cannot be reactivated');
    IF v_row.status = 'active' THEN
        RETURN v_row;
    END IF;
    UPDATE monay.tenants t SET status = 'active', status_reason = NULL
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.reactivate_tenant(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION reactivate_tenant(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.reactivate_tenant(p_tenant_id uuid) IS 'Platform only: reactivates a suspended tenant; idempotent; MT304 when closed.';

--
-- Name: register_wallet_address(uuid, text, text, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.register_wallet_address(p_tenant_id uuid, p_path text, p_address text, p_purpose text DEFAULT 'deposit'::text) RETURNS monay.wallet_addresses
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records the public address a signer derived at p_path in the tenant's
   subtree and returns the row. The path must be an address path of this
   tenant's own account under its current key version:
   <base_path>/<key_version>'/<index>'. Only public data is stored.
   Idempotent: the same path, address and purpose again returns the stored
   row (a retried or raced derive). Waits for a concurrent rotation (the
   vault row is locked FOR SHARE), so no address of a retired version slips in.
   Raises:
     22023 p_tenant_id, p_path, p_address or p_purpose NULL
     42501 no verified context, a forged one, or another tenant's
     MV001 HD_WALLET_ENABLED is off
     MV003 malformed path (a level not hardened, not m/..., an index beyond
           2^31 - 1) or not an address path (depth other than base + 2)
     MV002 the path lies outside the tenant's account subtree (another
           account, another coin or purpose)
     MV006 the path's key version is not the vault's current one
     MV004 the address is not base58 of a 32-byte ed25519 public key
     MV008 unknown purpose (monay.wallet_address_purposes)
     MV005 the path is registered with another address or purpose, or the
           address is registered at another path
     MV007 the tenant has no vault (does not exist) */
DECLARE
    v_vault   monay.tenant_vaults;
    v_levels  bigint[];
    v_base    bigint[];
    v_key     bytea;
    v_row     monay.wallet_addresses;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'register_wallet_address');
    PERFORM monay_private.vault_require_enabled('register_wallet_address');
    IF p_path IS NULL OR p_address IS NULL OR p_purpose IS NULL THEN
        RAISE EXCEPTION 'register_wallet_address: path, address and purpose are required (got %, %, %)',
            coalesce(quote_literal(p_path), 'NULL'), coalesce(quote_literal(p_address), 'NULL'),
            coalesce(quote_literal(p_purpose), 'NULL') USING ERRCODE = '22023';
    END IF;
    v_levels := monay_private.vault_parse_path(p_path);
    v_vault := monay_private.vault_of(p_tenant_id, 'register_wallet_address', 'share');
    v_base := monay_private.vault_parse_path(v_vault.base_path);

    IF v_levels[1:cardinality(v_base)] IS DISTINCT FROM v_base THEN
        RAISE EXCEPTION 'derivation path % is outside the subtree % of tenant %', p_path, v_vault.base_path, p_tenant_id
            USING ERRCODE = 'MV002';
    END IF;
    IF cardinality(v_levels) <> cardinality(v_base) + 2 THEN
        RAISE EXCEPTION 'derivation path % is not an address path of tenant %: expected %/<key version>''/<index>''',
            p_path, p_tenant_id, v_vault.base_path USING ERRCODE = 'MV003';
    END IF;
    IF v_levels[cardinality(v_base) + 1] <> v_vault.key_version THEN
        RAISE EXCEPTION 'derivation path % uses key version %, but tenant % is at key version %',
            p_path, v_levels[cardinality(v_base) + 1], p_tenant_id, v_vault.key_version
            USING ERRCODE = 'MV006', HINT = 'Ask monay.next_wallet_paths for paths of the current version.';
    END IF;
    v_key := monay_private.vault_base58_decode(p_address);
    IF v_key IS NULL OR length(v_key) <> 32 THEN
        RAISE EXCEPTION 'address % is not base58 of a 32-byte ed25519 public key (%)', quote_literal(p_address),
            CASE WHEN v_key IS NULL THEN 'not base58' ELSE length(v_key) || ' bytes' END
            USING ERRCODE = 'MV004';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM monay.wallet_address_purposes p WHERE p.purpose = p_purpose) THEN
        RAISE EXCEPTION 'unknown address purpose %', quote_literal(p_purpose)
            USING ERRCODE = 'MV008', HINT = 'SELECT purpose FROM monay.wallet_address_purposes';
    END IF;

    INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index, address, purpose)
    VALUES (p_tenant_id, p_path, v_vault.key_version, v_levels[cardinality(v_levels)], p_address, p_purpose)
    ON CONFLICT DO NOTHING
    RETURNING * INTO v_row;
    IF v_row.tenant_id IS NOT NULL THEN
        RETURN v_row;
    END IF;
    SELECT * INTO v_row FROM monay.wallet_addresses w
    WHERE w.tenant_id = p_tenant_id AND (w.derivation_path = p_path OR w.address = p_address)
    ORDER BY (w.derivation_path = p_path) DESC
    LIMIT 1;
    IF v_row.derivation_path = p_path AND v_row.address = p_address AND v_row.purpose = p_purpose THEN
        RETURN v_row;
    END IF;
    RAISE EXCEPTION 'tenant % already registered % at % (purpose %): refusing % at % (purpose %)',
        p_tenant_id, v_row.address, v_row.derivation_path, v_row.purpose, p_address, p_path, p_purpose
        USING ERRCODE = 'MV005';
END;
$$;

ALTER FUNCTION monay.register_wallet_address(p_tenant_id uuid, p_path text, p_address text, p_purpose text) OWNER TO monay_owner;
--
-- Name: FUNCTION register_wallet_address(p_tenant_id uuid, p_path text, p_address text, p_purpose text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.register_wallet_address(p_tenant_id uuid, p_path text, p_address text, p_purpose text) IS 'Records a derived public address at a path of the tenant''s own subtree (current key version); idempotent.';

--
-- Name: remove_group_member(uuid, uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.remove_group_member(p_group_id uuid, p_member_id uuid) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Removes member p_member_id (a user of a household, a tenant of a holding)
   from group p_group_id and revokes the treasury grants the group gave it.
   Returns true when a member was removed, false when it was not a member
   (idempotent: a retry is a no-op).
   Who: a manager of the group or the platform.
   Raises:
     42501 not a manager of the group     22023 NULL member
     MG001 no such group (or invisible)
     MG010 the member is the group's last manager (head / the parent company)
     MG011 the member tenant owns a group placed under this one (move it first) */
DECLARE
    v_group  monay.groups;
    v_member monay.group_members;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'remove_group_member');
    PERFORM monay_private.group_require_manager(v_group, 'remove_group_member');
    PERFORM monay_private.require_not_null(p_member_id, 'p_member_id', 'remove_group_member');
    v_group := monay_private.group_find(p_group_id, 'remove_group_member', true);
    SELECT * INTO v_member FROM monay.group_members m
    WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id
      AND (m.member_user_id = p_member_id OR (m.member_user_id IS NULL AND m.member_tenant_id = p_member_id));
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF (SELECT r.manages FROM monay.group_member_roles r WHERE r.kind = v_member.group_kind AND r.role = v_member.role)
       AND NOT EXISTS (SELECT 1 FROM monay.group_members m
                       JOIN monay.group_member_roles r ON r.kind = m.group_kind AND r.role = m.role AND r.manages
                       WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id AND m.id <> v_member.id) THEN
        RAISE EXCEPTION 'remove_group_member: % is the last % of group %', p_member_id, v_member.role, p_group_id
            USING ERRCODE = 'MG010';
    END IF;
    IF v_member.member_user_id IS NULL AND EXISTS (
        SELECT 1 FROM monay_private.group_paths p
        WHERE p.ancestor_id = v_group.id AND p.distance = 1 AND p.descendant_tenant_id = v_member.member_tenant_id
          AND p.descendant_tenant_id <> v_group.tenant_id) THEN
        RAISE EXCEPTION 'remove_group_member: tenant % owns a group placed under group %: move it first (monay.move_group)',
            p_member_id, p_group_id USING ERRCODE = 'MG011';
    END IF;
    UPDATE monay.treasury_access_grants t SET revoked_at = now(), updated_at = now()
    WHERE t.tenant_id = v_group.tenant_id AND t.group_id = v_group.id AND t.revoked_at IS NULL
      AND (t.grantee_user_id = v_member.member_user_id
           OR (v_member.member_user_id IS NULL AND t.grantee_tenant_id = v_member.member_tenant_id));
    DELETE FROM monay.group_members m WHERE m.tenant_id = v_member.tenant_id AND m.id = v_member.id;
    UPDATE monay.groups g SET member_count = g.member_count - 1, updated_at = now()
    WHERE g.tenant_id = v_group.tenant_id AND g.id = v_group.id;
    RETURN true;
END;
$$;

ALTER FUNCTION monay.remove_group_member(p_group_id uuid, p_member_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION remove_group_member(p_group_id uuid, p_member_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.remove_group_member(p_group_id uuid, p_member_id uuid) IS 'Removes a member (and revokes its grants of the group); false when not a member; MG010 for the last manager.';

--
-- Name: remove_tenant_member(uuid, uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.remove_tenant_member(p_tenant_id uuid, p_user_id uuid) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Removes user p_user_id from tenant p_tenant_id (status 'removed'; the row
   and its audit trail stay, add_tenant_member re-activates it). Returns true
   when a membership was removed now, false when there was no active one (a
   retry: idempotent). An invitation (status 'invited') is withdrawn the same
   way (it never counted; an admin may withdraw an owner invitation). The slot is freed for MAX_TENANTS_PER_USER at once.
   Who may call: the platform; an owner/admin of p_tenant_id authenticated in
   it (an admin cannot remove an owner); any member removing themself (leaving
   the tenant, authenticated in it). The caller's own context stays valid
   until the end of the transaction even when they removed themself.
   The tenant row is locked (FOR NO KEY UPDATE) so that two owners removing
   each other at once cannot leave the tenant without an owner.
   Raises:
     42501 not allowed (see above)
     22023 p_tenant_id or p_user_id NULL
     MT301 the tenant does not exist (platform context)
     MT305 p_user_id is the tenant's last active owner */
DECLARE
    v_ctx    record;
    v_caller text;
    v_old    monay.tenant_users;
    v_owners bigint;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'remove_tenant_member');
    PERFORM monay_private.require_not_null(p_user_id, 'p_user_id', 'remove_tenant_member');
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF v_ctx.user_id = p_user_id AND v_ctx.tenant_id = p_tenant_id AND NOT coalesce(v_ctx.platform, false) THEN
        v_caller := 'self';
    ELSE
        v_caller := monay_private.require_tenant_manager(p_tenant_id, 'remove_tenant_member');
    END IF;
    PERFORM 1 FROM monay.tenants t WHERE t.id = p_tenant_id FOR NO KEY UPDATE;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    SELECT * INTO v_old FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = p_user_id FOR UPDATE;
    IF NOT FOUND OR v_old.status NOT IN ('active', 'invited') THEN
        RETURN false;
    END IF;
    IF v_old.role = 'owner' AND v_old.status = 'active' THEN
        IF v_caller = 'admin' THEN
            RAISE EXCEPTION 'an admin of tenant % cannot remove owner %', p_tenant_id, p_user_id
                USING ERRCODE = '42501';
        END IF;
        SELECT count(*) INTO v_owners FROM monay.tenant_users tu
        WHERE tu.tenant_id = p_tenant_id AND tu.role = 'owner' AND tu.status = 'active'
          AND tu.user_id <> p_user_id;
        IF v_owners = 0 THEN
            RAISE EXCEPTION 'user % is the last owner of tenant %: cannot remove them', p_user_id, p_tenant_id
                USING ERRCODE = 'MT305', HINT = 'Make another member an owner first, or close the tenant.';
        END IF;
    END IF;
    UPDATE monay.tenant_users tu SET status = 'removed', updated_at = now()
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = p_user_id;
    RETURN true;
END;
$$;

ALTER FUNCTION monay.remove_tenant_member(p_tenant_id uuid, p_user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION remove_tenant_member(p_tenant_id uuid, p_user_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.remove_tenant_member(p_tenant_id uuid, p_user_id uuid) IS 'Removes a member (owners/admins, the member themself, or the platform); MT305 for the last owner.';

--
-- Name: treasury_access_grants; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.treasury_access_grants (
    tenant_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    group_id uuid NOT NULL,
    wallet_id uuid NOT NULL,
    grantee_user_id uuid,
    grantee_tenant_id uuid,
    access text NOT NULL,
    spend_limit_cents bigint DEFAULT 0 NOT NULL,
    spent_cents bigint DEFAULT 0 NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    granted_by uuid,
    idempotency_key text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT treasury_access_grants_access_known CHECK ((access = ANY (ARRAY['read'::text, 'spend'::text]))),
    CONSTRAINT treasury_access_grants_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT treasury_access_grants_limit CHECK (((spend_limit_cents >= 0) AND (spent_cents >= 0) AND (spent_cents <= spend_limit_cents) AND ((access = 'spend'::text) OR (spend_limit_cents = 0)))),
    CONSTRAINT treasury_access_grants_one_grantee CHECK (((grantee_user_id IS NULL) <> (grantee_tenant_id IS NULL)))
);

ALTER TABLE ONLY monay.treasury_access_grants FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.treasury_access_grants OWNER TO monay_owner;
--
-- Name: TABLE treasury_access_grants; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.treasury_access_grants IS 'Read or spend access to one wallet of the group owner, for one user or tenant, until expires_at/revoked_at.';

--
-- Name: revoke_treasury_access(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.revoke_treasury_access(p_grant_id uuid) RETURNS monay.treasury_access_grants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Revokes grant p_grant_id at once (revoked_at = now()): from the next
   statement on it opens nothing. Revoking a revoked grant changes nothing
   (idempotent; the first revocation time stays).
   Who: a manager of the grant's group (owner/admin of the granting tenant)
   or the platform.
   Raises 22023 (NULL), MG014 (no such grant, or not the caller's to see),
   42501 (the grantee or anyone else but the group's manager). */
DECLARE
    v_row   monay.treasury_access_grants;
BEGIN
    PERFORM monay_private.require_not_null(p_grant_id, 'p_grant_id', 'revoke_treasury_access');
    SELECT * INTO v_row FROM monay.treasury_access_grants t WHERE t.id = p_grant_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'revoke_treasury_access: grant % does not exist or is not visible to tenant %', p_grant_id,
            coalesce(monay.current_tenant_id()::text, 'none') USING ERRCODE = 'MG014';
    END IF;
    PERFORM monay_private.require_tenant_manager(v_row.tenant_id, format('revoke_treasury_access(%s)', p_grant_id));
    SELECT * INTO v_row FROM monay.treasury_access_grants t
    WHERE t.tenant_id = v_row.tenant_id AND t.id = p_grant_id FOR UPDATE;
    IF v_row.revoked_at IS NOT NULL THEN
        RETURN v_row;
    END IF;
    UPDATE monay.treasury_access_grants t SET revoked_at = now(), updated_at = now()
    WHERE t.tenant_id = v_row.tenant_id AND t.id = p_grant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.revoke_treasury_access(p_grant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION revoke_treasury_access(p_grant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.revoke_treasury_access(p_grant_id uuid) IS 'Revokes a treasury grant now (idempotent); the granting tenant''s managers or the platform.';

--
-- Name: rls_group_subtree(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.rls_group_subtree() RETURNS TABLE(tenant_id uuid, group_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* (tenant_id, group_id) of every group below a group owned by the tenant of
   the verified context; empty without a tenant context. */
DECLARE
    v_tenant uuid := monay.current_tenant_id();
BEGIN
    IF v_tenant IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT p.descendant_tenant_id, p.descendant_id FROM monay_private.group_paths p
        WHERE p.ancestor_tenant_id = v_tenant AND p.distance > 0;
END;
$$;

ALTER FUNCTION monay.rls_group_subtree() OWNER TO monay_owner;
--
-- Name: FUNCTION rls_group_subtree(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.rls_group_subtree() IS 'Groups below a group of the context''s tenant (their records are visible to it). Policies call it.';

--
-- Name: rls_tenant_high(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.rls_tenant_high() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Upper bound of the tenant ids this transaction may see (see rls_tenant_low). Generated by migration 021 from its one context check. */
BEGIN
    RETURN CASE WHEN CASE
        WHEN COALESCE(pg_catalog.length(pg_catalog.current_setting('monay.context_signature', true))
                      OPERATOR(pg_catalog.<>) 64, true)
            THEN false
        WHEN COALESCE(pg_catalog.current_setting('monay.context_cache', true) OPERATOR(pg_catalog.=) 'on', false)
             AND pg_catalog.int8send(pg_catalog.currval('monay.context_cache_seq'::pg_catalog.regclass))
                 OPERATOR(pg_catalog.=) monay.context_cache_digest(
                     pg_catalog.current_setting('monay.tenant_id', true),
                     pg_catalog.current_setting('monay.user_id', true),
                     pg_catalog.current_setting('monay.platform', true),
                     pg_catalog.current_setting('monay.context_signature', true))
            THEN true
        ELSE monay.context_signature_is_valid()
    END THEN CASE WHEN COALESCE(pg_catalog.current_setting('monay.platform', true) OPERATOR(pg_catalog.=) 'true', false) THEN 'ffffffff-ffff-ffff-ffff-ffffffffffff'::pg_catalog.uuid ELSE NULLIF(pg_catalog.current_setting('monay.tenant_id', true), '')::pg_catalog.uuid END END;
END;
$$;

ALTER FUNCTION monay.rls_tenant_high() OWNER TO monay_owner;
--
-- Name: FUNCTION rls_tenant_high(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.rls_tenant_high() IS 'Upper bound of visible tenant ids: the tenant, all (platform), or NULL (no context).';

--
-- Name: rls_tenant_low(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.rls_tenant_low() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Lower bound of the tenant ids this transaction may see (see rls_tenant_high). Generated by migration 021 from its one context check. */
BEGIN
    RETURN CASE WHEN CASE
        WHEN COALESCE(pg_catalog.length(pg_catalog.current_setting('monay.context_signature', true))
                      OPERATOR(pg_catalog.<>) 64, true)
            THEN false
        WHEN COALESCE(pg_catalog.current_setting('monay.context_cache', true) OPERATOR(pg_catalog.=) 'on', false)
             AND pg_catalog.int8send(pg_catalog.currval('monay.context_cache_seq'::pg_catalog.regclass))
                 OPERATOR(pg_catalog.=) monay.context_cache_digest(
                     pg_catalog.current_setting('monay.tenant_id', true),
                     pg_catalog.current_setting('monay.user_id', true),
                     pg_catalog.current_setting('monay.platform', true),
                     pg_catalog.current_setting('monay.context_signature', true))
            THEN true
        ELSE monay.context_signature_is_valid()
    END THEN CASE WHEN COALESCE(pg_catalog.current_setting('monay.platform', true) OPERATOR(pg_catalog.=) 'true', false) THEN '00000000-0000-0000-0000-000000000000'::pg_catalog.uuid ELSE NULLIF(pg_catalog.current_setting('monay.tenant_id', true), '')::pg_catalog.uuid END END;
END;
$$;

ALTER FUNCTION monay.rls_tenant_low() OWNER TO monay_owner;
--
-- Name: FUNCTION rls_tenant_low(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.rls_tenant_low() IS 'Lower bound of visible tenant ids: the tenant, all (platform), or NULL (no context).';

--
-- Name: rotate_jwt_secret(text, timestamp with time zone); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.rotate_jwt_secret(p_secret text, p_previous_valid_until timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Rotates the HS256 secret with an overlap window: p_secret signs new tokens
   from now on, and tokens signed with the previous secret are still accepted
   until p_previous_valid_until (set it to at least the lifetime of the tokens
   your issuer mints, e.g. now() + interval '1 hour'). A secret whose window
   has ended is deleted here and by monay.purge_retired_jwt_secrets (daily
   job), so retired secrets do not linger in the database or its dumps.
   Returns {accepted_secrets, previous_valid_until}.
   Raises 42501 (not the platform context), 22023 (secret under 32 bytes or
   the same as the current one; p_previous_valid_until NULL, not in the future,
   or more than 30 days ahead: use set_jwt_secret to cut over at once). */
DECLARE
    v_new      bytea;
    v_accepted integer;
BEGIN
    v_new := monay_private.jwt_secret_bytes('rotate_jwt_secret', p_secret);
    IF p_previous_valid_until IS NULL OR p_previous_valid_until <= now()
       OR p_previous_valid_until > now() + interval '30 days' THEN
        RAISE EXCEPTION 'previous_valid_until % must lie in the next 30 days (to cut over at once, use monay.set_jwt_secret)',
            coalesce(p_previous_valid_until::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM monay_private.jwt_secrets s WHERE s.secret = v_new) THEN
        RAISE EXCEPTION 'the new JWT secret is one already in use: rotate to a fresh one' USING ERRCODE = '22023';
    END IF;
    DELETE FROM monay_private.jwt_secrets s WHERE s.retired_at <= now();
    UPDATE monay_private.jwt_secrets SET retired_at = p_previous_valid_until WHERE retired_at IS NULL;
    INSERT INTO monay_private.jwt_secrets (secret) VALUES (v_new);
    SELECT count(*) INTO v_accepted FROM monay_private.jwt_secrets;
    RETURN jsonb_build_object('accepted_secrets', v_accepted, 'previous_valid_until', p_previous_valid_until);
END;
$$;

ALTER FUNCTION monay.rotate_jwt_secret(p_secret text, p_previous_valid_until timestamp with time zone) OWNER TO monay_owner;
--
-- Name: FUNCTION rotate_jwt_secret(p_secret text, p_previous_valid_until timestamp with time zone); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.rotate_jwt_secret(p_secret text, p_previous_valid_until timestamp with time zone) IS 'Platform only: new HS256 secret; the previous one is still accepted until the given time (overlap window).';

--
-- Name: tenant_vaults; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenant_vaults (
    tenant_id uuid NOT NULL,
    account_index bigint NOT NULL,
    base_path text NOT NULL,
    key_version bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    rotated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tenant_vaults_base_path_format CHECK (((base_path ~ '^m(/[0-9]+'')+$'::text) AND (base_path ~~ (('%/'::text || (account_index)::text) || ''''::text)))),
    CONSTRAINT tenant_vaults_key_version_range CHECK (((key_version >= 0) AND (key_version <= 2147483647)))
);

ALTER TABLE ONLY monay.tenant_vaults FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenant_vaults OWNER TO monay_owner;
--
-- Name: TABLE tenant_vaults; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenant_vaults IS 'One HD subtree per tenant: account index (unique, never reused), base path, key version, last rotation.';

--
-- Name: rotate_tenant_keys(uuid, integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.rotate_tenant_keys(p_tenant_id uuid, p_from_version integer DEFAULT NULL::integer) RETURNS monay.tenant_vaults
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Moves the tenant's vault to a new key version (key_version + 1,
   rotated_at now) and retires every address of the older versions
   (retired_at now): new addresses come from the new hardened branch
   <base_path>/<new version>'/...; retired ones stay registered, keep
   receiving and are re-derived by recovery. Returns the vault.
   What this protects against, and what not (an all-hardened ed25519 tree):
   docs/vault.md, "Rotation".
   Idempotent for a retrying client: with p_from_version (the version it saw),
   a vault already past it is returned unchanged; without it every call
   rotates. Owners and admins of the tenant, or the platform. Works while
   HD_WALLET_ENABLED is off (a security measure is never switched off).
   Raises:
     22023 p_tenant_id NULL; p_from_version negative or ahead of the vault
     42501 not an owner or admin of that tenant (or no/forged/other context),
           nor the platform
     MV007 the tenant has no vault (does not exist) */
DECLARE
    v_vault monay.tenant_vaults;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'rotate_tenant_keys');
    PERFORM monay_private.require_tenant_manager(p_tenant_id, 'rotate_tenant_keys');
    v_vault := monay_private.vault_of(p_tenant_id, 'rotate_tenant_keys', 'update');
    IF p_from_version IS NOT NULL THEN
        IF p_from_version < 0 OR p_from_version > v_vault.key_version THEN
            RAISE EXCEPTION 'rotate_tenant_keys: tenant % is at key version %, cannot rotate from version %',
                p_tenant_id, v_vault.key_version, p_from_version USING ERRCODE = '22023';
        END IF;
        IF p_from_version < v_vault.key_version THEN
            RETURN v_vault;
        END IF;
    END IF;
    UPDATE monay.tenant_vaults v SET key_version = v.key_version + 1, rotated_at = now()
    WHERE v.tenant_id = p_tenant_id
    RETURNING * INTO v_vault;
    UPDATE monay.wallet_addresses w SET retired_at = now()
    WHERE w.tenant_id = p_tenant_id AND w.retired_at IS NULL;
    RETURN v_vault;
END;
$$;

ALTER FUNCTION monay.rotate_tenant_keys(p_tenant_id uuid, p_from_version integer) OWNER TO monay_owner;
--
-- Name: FUNCTION rotate_tenant_keys(p_tenant_id uuid, p_from_version integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.rotate_tenant_keys(p_tenant_id uuid, p_from_version integer) IS 'New key version for the tenant''s vault; older addresses retired (kept for receiving and recovery).';

--
-- Name: set_jwt_secret(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.set_jwt_secret(p_secret text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Sets the HS256 secret that monay.authenticate verifies tokens with and cuts
   over at once: every other secret (the previous one, and any still inside a
   rotation window of monay.rotate_jwt_secret) is deleted, so tokens signed
   with them stop working now. For an emergency (a leaked secret) and the first
   setup; rotate with an overlap window using monay.rotate_jwt_secret. Retired
   secrets are deleted, never kept: dumps carry only the secrets in use.
   Platform context only (42501); at least 32 bytes (22023). */
DECLARE
    v_secret bytea := monay_private.jwt_secret_bytes('set_jwt_secret', p_secret);
BEGIN
    DELETE FROM monay_private.jwt_secrets;
    INSERT INTO monay_private.jwt_secrets (secret) VALUES (v_secret);
END;
$$;

ALTER FUNCTION monay.set_jwt_secret(p_secret text) OWNER TO monay_owner;
--
-- Name: FUNCTION set_jwt_secret(p_secret text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.set_jwt_secret(p_secret text) IS 'Platform only: sets the HS256 secret for monay.authenticate (>= 32 bytes), every other one stops at once.';

--
-- Name: set_platform_context(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.set_platform_context() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* For monay_platform jobs only (EXECUTE is granted to no other role): this
   transaction sees and may change every tenant's rows. */
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
END;
$$;

ALTER FUNCTION monay.set_platform_context() OWNER TO monay_owner;
--
-- Name: FUNCTION set_platform_context(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.set_platform_context() IS 'Platform jobs only: this transaction sees every tenant.';

--
-- Name: settings; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.settings (
    key text NOT NULL,
    value jsonb NOT NULL,
    value_type text NOT NULL,
    description text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT settings_key_format CHECK ((key ~ '^[A-Z][A-Z0-9_]*$'::text)),
    CONSTRAINT settings_tenant_isolation_always_on CHECK (((key <> 'TENANT_ISOLATION_ENABLED'::text) OR (value = 'true'::jsonb))),
    CONSTRAINT settings_value_matches_type CHECK (
CASE value_type
    WHEN 'text'::text THEN (jsonb_typeof(value) = 'string'::text)
    WHEN 'integer'::text THEN ((jsonb_typeof(value) = 'number'::text) AND (((value)::numeric % (1)::numeric) = (0)::numeric))
    WHEN 'numeric'::text THEN (jsonb_typeof(value) = 'number'::text)
    WHEN 'boolean'::text THEN (jsonb_typeof(value) = 'boolean'::text)
    WHEN 'interval'::text THEN ((jsonb_typeof(value) = 'string'::text) AND (((value #>> '{}'::text[]))::interval IS NOT NULL))
    ELSE NULL::boolean
END),
    CONSTRAINT settings_value_type_known CHECK ((value_type = ANY (ARRAY['text'::text, 'integer'::text, 'numeric'::text, 'boolean'::text, 'interval'::text])))
);

ALTER TABLE ONLY monay.settings FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.settings OWNER TO monay_owner;
--
-- Name: TABLE settings; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.settings IS 'The seed''s configuration as typed data. Read with monay.get_setting(key); changed only by monay_platform through monay.set_setting(key, value).';

--
-- Name: set_setting(text, jsonb); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.set_setting(p_key text, p_value jsonb) RETURNS monay.settings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Changes one setting; platform context only (42501). MT101 unknown key,
   MT102 a value of the wrong type or one that is refused
   (TENANT_ISOLATION_ENABLED cannot be turned off; an integer setting outside
   0 .. 2147483647, which its readers could not cast; a numeric one beyond
   +-10^9). Audited by trigger. */
DECLARE
    v_row monay.settings;
BEGIN
    IF NOT coalesce(monay.is_platform_context(), false) THEN
        RAISE EXCEPTION 'set_setting(%) needs the platform context', p_key USING ERRCODE = '42501';
    END IF;
    BEGIN
        IF EXISTS (SELECT 1 FROM monay.settings s WHERE s.key = p_key
                   AND ((s.value_type = 'integer' AND jsonb_typeof(p_value) = 'number'
                         AND NOT (p_value::numeric BETWEEN 0 AND 2147483647))
                     OR (s.value_type = 'numeric' AND jsonb_typeof(p_value) = 'number'
                         AND NOT (abs(p_value::numeric) <= 1000000000)))) THEN
            RAISE EXCEPTION 'setting % refuses value %: out of range', p_key, left(p_value::text, 100)
                USING ERRCODE = 'MT102';
        END IF;
        UPDATE monay.settings s SET value = p_value, updated_at = now()
        WHERE s.key = p_key
        RETURNING s.* INTO v_row;
    -- data_exception: every class-22 error of a cast in the CHECK (an interval beyond
    -- what PostgreSQL holds, 22008/22015; a malformed one, 22007; a number, 22003/22P02).
    EXCEPTION WHEN check_violation OR not_null_violation OR data_exception THEN
        RAISE EXCEPTION 'setting % refuses value %', p_key, coalesce(p_value::text, 'NULL')
            USING ERRCODE = 'MT102', DETAIL = SQLERRM;
    END;
    IF v_row.key IS NULL THEN
        RAISE EXCEPTION 'unknown setting %', coalesce(quote_literal(p_key), 'NULL') USING ERRCODE = 'MT101';
    END IF;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.set_setting(p_key text, p_value jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION set_setting(p_key text, p_value jsonb); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.set_setting(p_key text, p_value jsonb) IS 'Platform only: changes one setting (MT101 unknown, MT102 refused value).';

--
-- Name: set_tenant_context(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.set_tenant_context(p_tenant_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* For monay_platform jobs only: this transaction acts inside one tenant
   (any status, so that cleanup and billing jobs reach closed tenants), with
   no user. MT301 when the tenant does not exist, 22023 when NULL. */
DECLARE
    v_found boolean;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'set_tenant_context');
    -- Sign the tenant's context first: RLS then shows exactly that tenant's
    -- row if it exists. The raise below rolls the SET LOCAL back.
    PERFORM monay_private.set_context(p_tenant_id, NULL, false);
    SELECT true INTO v_found FROM monay.tenants t WHERE t.id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, v_found);
END;
$$;

ALTER FUNCTION monay.set_tenant_context(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION set_tenant_context(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.set_tenant_context(p_tenant_id uuid) IS 'Platform jobs only: this transaction acts inside one tenant (MT301 if unknown).';

--
-- Name: share_treasury_access(uuid, uuid, uuid, text, bigint, timestamp with time zone, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.share_treasury_access(p_group_id uuid, p_wallet_id uuid, p_grantee_id uuid, p_access text, p_spend_limit_cents bigint, p_expires_at timestamp with time zone, p_idempotency_key text DEFAULT NULL::text) RETURNS monay.treasury_access_grants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The group's owner opens one of its wallets to one member: p_grantee_id is
   a member user of a household or a member tenant of a holding company;
   p_access 'read' (see the wallet and its transactions) or 'spend' (also
   spend up to p_spend_limit_cents in total, consumed by
   monay_private.treasury_grant_spend); until p_expires_at or
   monay.revoke_treasury_access. The grant's tenant is the group's owner
   tenant, which must be the wallet's. Idempotent with p_idempotency_key.
   Wallet check: the wallet must be one of the group owner's tenant (MG013).
   Who: a manager of the group (owner/admin of its tenant) or the platform.
   Raises:
     42501 not a manager of the group
     22023 access not 'read'/'spend', a spend limit missing (spend), negative
           or given for read, expiry not in the future, NULL arguments
     MG001 no such group             MG009 the grantee is not a member
     MG012 treasury sharing is off for holdings (HOLDING_COMPANY_TREASURY)
     MG013 the wallet does not exist or is not the owner's
     MG019 idempotency key reused with other parameters */
DECLARE
    v_group monay.groups;
    v_type  text;
    v_user  uuid;
    v_ten   uuid;
    v_limit bigint := CASE WHEN p_access = 'read' THEN coalesce(p_spend_limit_cents, 0) ELSE p_spend_limit_cents END;
    v_row   monay.treasury_access_grants;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'share_treasury_access');
    PERFORM monay_private.group_require_manager(v_group, 'share_treasury_access');
    PERFORM monay_private.require_not_null(p_wallet_id, 'p_wallet_id', 'share_treasury_access');
    PERFORM monay_private.require_not_null(p_grantee_id, 'p_grantee_id', 'share_treasury_access');
    PERFORM monay_private.require_not_null(p_expires_at, 'p_expires_at', 'share_treasury_access');
    IF p_access IS NULL OR p_access NOT IN ('read', 'spend') THEN
        RAISE EXCEPTION 'share_treasury_access: access must be read or spend, got %',
            coalesce(quote_literal(p_access), 'NULL') USING ERRCODE = '22023';
    END IF;
    IF v_limit IS NULL OR v_limit < 0 OR (p_access = 'read' AND v_limit <> 0) THEN
        RAISE EXCEPTION 'share_treasury_access: a % grant takes %, got spend limit %', p_access,
            CASE p_access WHEN 'read' THEN 'no spend limit' ELSE 'a spend limit >= 0 cents' END,
            coalesce(p_spend_limit_cents::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_expires_at <= now() THEN
        RAISE EXCEPTION 'share_treasury_access: expiry % is not in the future', p_expires_at USING ERRCODE = '22023';
    END IF;
    IF length(p_idempotency_key) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'share_treasury_access: idempotency key must have 1 to 200 characters' USING ERRCODE = '22023';
    END IF;
    IF v_group.kind = 'holding_company'
       AND NOT coalesce((monay.get_setting('HOLDING_COMPANY_TREASURY') #>> '{}')::boolean, false) THEN
        RAISE EXCEPTION 'share_treasury_access: treasury sharing of holding companies is off (HOLDING_COMPANY_TREASURY), group %',
            p_group_id USING ERRCODE = 'MG012';
    END IF;
    SELECT k.member_type INTO v_type FROM monay.group_kinds k WHERE k.kind = v_group.kind;
    IF v_type = 'user' THEN v_user := p_grantee_id; ELSE v_ten := p_grantee_id; END IF;
    IF NOT EXISTS (SELECT 1 FROM monay.group_members m
                   WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id
                     AND (m.member_user_id = v_user OR (v_user IS NULL AND m.member_tenant_id = v_ten)
                          AND m.member_user_id IS NULL)) THEN
        RAISE EXCEPTION 'share_treasury_access: % % is not a member of group %', v_type, p_grantee_id, p_group_id
            USING ERRCODE = 'MG009';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM monay.wallets w WHERE w.tenant_id = v_group.tenant_id AND w.id = p_wallet_id) THEN
        RAISE EXCEPTION 'share_treasury_access: wallet % does not exist or is not tenant %''s', p_wallet_id,
            v_group.tenant_id USING ERRCODE = 'MG013';
    END IF;
    IF p_idempotency_key IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('monay.treasury_access_grants'),
                                      hashtext(v_group.tenant_id::text || ':' || p_idempotency_key));
        SELECT * INTO v_row FROM monay.treasury_access_grants t
        WHERE t.tenant_id = v_group.tenant_id AND t.idempotency_key = p_idempotency_key;
        IF FOUND THEN
            IF (v_row.group_id, v_row.wallet_id, v_row.grantee_user_id, v_row.grantee_tenant_id, v_row.access,
                v_row.spend_limit_cents, v_row.expires_at) IS DISTINCT FROM
               (v_group.id, p_wallet_id, v_user, v_ten, p_access, v_limit, p_expires_at) THEN
                RAISE EXCEPTION 'share_treasury_access: idempotency key % of tenant % made grant %, not this one',
                    quote_literal(p_idempotency_key), v_group.tenant_id, v_row.id USING ERRCODE = 'MG019';
            END IF;
            RETURN v_row;
        END IF;
    END IF;
    INSERT INTO monay.treasury_access_grants (tenant_id, group_id, wallet_id, grantee_user_id, grantee_tenant_id,
        access, spend_limit_cents, expires_at, granted_by, idempotency_key)
    VALUES (v_group.tenant_id, v_group.id, p_wallet_id, v_user, v_ten, p_access, v_limit, p_expires_at,
        monay.current_user_id(), p_idempotency_key)
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.share_treasury_access(p_group_id uuid, p_wallet_id uuid, p_grantee_id uuid, p_access text, p_spend_limit_cents bigint, p_expires_at timestamp with time zone, p_idempotency_key text) OWNER TO monay_owner;
--
-- Name: FUNCTION share_treasury_access(p_group_id uuid, p_wallet_id uuid, p_grantee_id uuid, p_access text, p_spend_limit_cents bigint, p_expires_at timestamp with time zone, p_idempotency_key text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.share_treasury_access(p_group_id uuid, p_wallet_id uuid, p_grantee_id uuid, p_access text, p_spend_limit_cents bigint, p_expires_at timestamp with time zone, p_idempotency_key text) IS 'Opens one wallet of a group''s owner to one member (read or spend up to a limit) until expiry; idempotent.';

--
-- Name: spend_from_treasury(uuid, bigint, text, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.spend_from_treasury(p_grant_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The grantee of a spend grant pays from the treasury wallet the grant opens to
   it (a child from the family wallet, a subsidiary from the holding's), in the
   caller's transaction: the grant's limit is consumed
   (monay_private.treasury_grant_spend, under the grant's row lock), the wallet
   is locked and debited (never below zero), one completed 'payment'
   transaction is written in the wallet's tenant (the group owner's: RLS shows
   it to the owner and, through the grant, to the grantee), and one 'payment'
   operation is tracked for billing in that tenant. Idempotent per grant with
   p_idempotency_key: a retry returns the first spend (duplicate = true) and
   consumes nothing; the same key with another amount is refused.
   Returns {transaction_id, grant_id, tenant_id, wallet_id, amount_cents,
   balance_cents, spent_cents, remaining_cents, duplicate}.
   Raises (nothing is spent):
     22023 NULL grant, amount NULL or < 1, key NULL, blank or over 200
           characters, description over 500 characters
     MG014 no such grant visible to this context
     42501 the context is not the grant's grantee (nor the platform)
     MG015 revoked or expired   MG017 read-only   MG016 over what is left
     MP004 the wallet is not active   MP002 its balance is below the amount
     MP006 the key was used for another spend of this grant
     MT402, MT403, MT404 the wallet tenant's limits (track_operation) */
DECLARE
    v_ctx    record;
    v_grant  monay.treasury_access_grants;
    v_prev   jsonb;
    v_key    text;
    v_prior  monay.transactions;
    v_wallet monay.wallets;
    v_spend  jsonb;
    v_id     uuid := gen_random_uuid();
BEGIN
    IF p_grant_id IS NULL OR p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'spend_from_treasury: a grant and an amount of at least 1 cent are needed, got %, %',
            coalesce(p_grant_id::text, 'NULL'), coalesce(p_amount_cents::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_idempotency_key IS NULL OR length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'spend_from_treasury: an idempotency key of 1 to 200 characters is required'
            USING ERRCODE = '22023';
    END IF;
    IF length(p_description) > 500 THEN
        RAISE EXCEPTION 'spend_from_treasury: description over 500 characters (%)', length(p_description)
            USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    -- The grant, locked: spends and retries through one grant queue here.
    SELECT * INTO v_grant FROM monay.treasury_access_grants g WHERE g.id = p_grant_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'spend_from_treasury: grant % does not exist or is not visible to this context', p_grant_id
            USING ERRCODE = 'MG014';
    END IF;
    IF NOT coalesce(v_ctx.platform OR v_grant.grantee_user_id = v_ctx.user_id
                    OR v_grant.grantee_tenant_id = v_ctx.tenant_id, false) THEN
        RAISE EXCEPTION 'spend_from_treasury: grant % is not the context''s (user %, tenant %) to spend', p_grant_id,
            coalesce(v_ctx.user_id::text, 'none'), coalesce(v_ctx.tenant_id::text, 'none') USING ERRCODE = '42501';
    END IF;
    v_key := 'treasury:' || p_grant_id || ':' || p_idempotency_key;

    -- A retry: the first spend's row, in the wallet's tenant.
    v_prev := monay_private.group_context_switch(v_grant.tenant_id, v_ctx.user_id, false);
    SELECT * INTO v_prior FROM monay.transactions t
    WHERE t.tenant_id = v_grant.tenant_id AND t.idempotency_key = v_key;
    SELECT * INTO v_wallet FROM monay.wallets w WHERE w.tenant_id = v_grant.tenant_id AND w.id = v_grant.wallet_id;
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    IF v_prior.id IS NOT NULL THEN
        IF v_prior.amount_cents IS DISTINCT FROM p_amount_cents THEN
            RAISE EXCEPTION 'spend_from_treasury: idempotency key % was used for spend % of % cents through grant %',
                quote_literal(p_idempotency_key), v_prior.id, v_prior.amount_cents, p_grant_id USING ERRCODE = 'MP006';
        END IF;
        RETURN jsonb_build_object('transaction_id', v_prior.id, 'grant_id', p_grant_id,
            'tenant_id', v_grant.tenant_id, 'wallet_id', v_grant.wallet_id, 'amount_cents', p_amount_cents,
            'balance_cents', v_wallet.balance_cents, 'spent_cents', v_grant.spent_cents,
            'remaining_cents', v_grant.spend_limit_cents - v_grant.spent_cents, 'duplicate', true);
    END IF;

    -- The grant's own checks (active, spend access, what is left), in the grantee's context.
    v_spend := monay_private.treasury_grant_spend(p_grant_id, p_amount_cents);

    -- The debit, in the wallet's tenant.
    v_prev := monay_private.group_context_switch(v_grant.tenant_id, v_ctx.user_id, false);
    SELECT * INTO v_wallet FROM monay.wallets w
    WHERE w.tenant_id = v_grant.tenant_id AND w.id = v_grant.wallet_id FOR UPDATE;
    IF v_wallet.status <> 'active' THEN
        RAISE EXCEPTION 'spend_from_treasury: wallet % is %', v_wallet.id, v_wallet.status USING ERRCODE = 'MP004';
    END IF;
    IF v_wallet.balance_cents < p_amount_cents THEN
        RAISE EXCEPTION 'spend_from_treasury: wallet % holds % cents, less than the % cents asked', v_wallet.id,
            v_wallet.balance_cents, p_amount_cents USING ERRCODE = 'MP002';
    END IF;
    PERFORM monay.track_operation(v_grant.tenant_id, 'payment', 1, v_key);
    UPDATE monay.wallets w SET balance_cents = w.balance_cents - p_amount_cents
    WHERE w.tenant_id = v_grant.tenant_id AND w.id = v_grant.wallet_id;
    INSERT INTO monay.transactions (id, tenant_id, wallet_id, kind, amount_cents, status, description, idempotency_key)
    VALUES (v_id, v_grant.tenant_id, v_grant.wallet_id, 'payment', p_amount_cents, 'completed',
            coalesce(p_description, 'treasury spend through grant ' || p_grant_id), v_key);
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    RETURN jsonb_build_object('transaction_id', v_id, 'grant_id', p_grant_id, 'tenant_id', v_grant.tenant_id,
        'wallet_id', v_grant.wallet_id, 'amount_cents', p_amount_cents,
        'balance_cents', v_wallet.balance_cents - p_amount_cents,
        'spent_cents', (v_spend ->> 'spent_cents')::bigint, 'remaining_cents', (v_spend ->> 'remaining_cents')::bigint,
        'duplicate', false);
END;
$$;

ALTER FUNCTION monay.spend_from_treasury(p_grant_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) OWNER TO monay_owner;
--
-- Name: FUNCTION spend_from_treasury(p_grant_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.spend_from_treasury(p_grant_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) IS 'A grantee pays from a treasury wallet through its spend grant: limit, balance, one payment, tracked; idempotent.';

--
-- Name: suspend_tenant(uuid, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.suspend_tenant(p_tenant_id uuid, p_reason text DEFAULT NULL::text) RETURNS monay.tenants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Suspends an active tenant (status 'suspended', status_reason p_reason) and
   returns it. From the next transaction on its members can neither
   authenticate into it nor switch to it (MT205); its data and memberships
   stay; monay.reactivate_tenant undoes it. Audited by trigger. Suspending a
   suspended tenant changes nothing (idempotent; the first reason stays).
   Platform context only.
   Raises:
     42501 not the platform context
     22023 p_tenant_id NULL
     MT301 the tenant does not exist
     MT304 the tenant is closed */
DECLARE
    v_row monay.tenants;
BEGIN
    PERFORM monay_private.require_platform(format('suspend_tenant(%s)', p_tenant_id));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'suspend_tenant');
    v_row := monay_private.lock_tenant(p_tenant_id);
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'it cannot be suspended');
    IF v_row.status = 'suspended' THEN
        RETURN v_row;
    END IF;
    UPDATE monay.tenants t SET status = 'suspended', status_reason = nullif(btrim(p_reason), '')
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.suspend_tenant(p_tenant_id uuid, p_reason text) OWNER TO monay_owner;
--
-- Name: FUNCTION suspend_tenant(p_tenant_id uuid, p_reason text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.suspend_tenant(p_tenant_id uuid, p_reason text) IS 'Platform only: suspends a tenant (members are refused MT205); idempotent; MT304 when closed.';

--
-- Name: switch_tenant(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.switch_tenant(p_tenant_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Moves the authenticated user of this transaction to another of their
   tenants (context switching). Returns {user_id, tenant_id, tenant_code, role}.
   Refusals are recorded durably (audit action switch_refused):
     MT206 nobody is authenticated in this transaction (call authenticate first)
     MT204 the user is not an active member of p_tenant_id
     MT205 that tenant is suspended or closed
     MT209 TENANT_SWITCHING_ENABLED is false (the seed's quick disable switch)
     22023 p_tenant_id is NULL */
DECLARE
    v_user   uuid := monay.current_user_id();
    v_from   uuid := monay.current_tenant_id();
    v_role   text;
    v_status text;
    v_code   text;
    v_detail jsonb;
BEGIN
    v_detail := jsonb_build_object('from_tenant_id', v_from, 'to_tenant_id', p_tenant_id);
    IF p_tenant_id IS NULL THEN
        PERFORM monay_private.refuse_access('switch_refused', '22023',
            'switch_tenant: p_tenant_id must not be NULL', v_from, v_user, v_detail);
    END IF;
    IF (monay.get_setting('TENANT_SWITCHING_ENABLED') #>> '{}')::boolean IS DISTINCT FROM true THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT209',
            format('cannot switch to tenant %s: tenant switching is disabled (setting TENANT_SWITCHING_ENABLED)',
                   p_tenant_id), v_from, v_user, v_detail);
    END IF;
    IF v_user IS NULL THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT206',
            format('cannot switch to tenant %s: no authenticated user in this transaction', p_tenant_id),
            NULL, NULL, v_detail);
    END IF;
    -- Sign the target context now: RLS then shows this user's membership in
    -- p_tenant_id and that tenant, if any. A refusal below raises, which rolls
    -- the SET LOCAL back with the (sub)transaction.
    PERFORM monay_private.set_context(p_tenant_id, v_user, false);
    SELECT tu.role INTO v_role FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_user AND tu.status = 'active';
    IF v_role IS NULL THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT204',
            format('user %s is not an active member of tenant %s', v_user, p_tenant_id),
            p_tenant_id, v_user, v_detail);
    END IF;
    SELECT t.status, t.tenant_code INTO v_status, v_code FROM monay.tenants t WHERE t.id = p_tenant_id;
    IF v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT205',
            format('tenant %s is %s', p_tenant_id, coalesce(v_status, 'unknown')),
            p_tenant_id, v_user, v_detail);
    END IF;
    RETURN jsonb_build_object('user_id', v_user, 'tenant_id', p_tenant_id, 'tenant_code', v_code,
                              'role', v_role);
END;
$$;

ALTER FUNCTION monay.switch_tenant(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION switch_tenant(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.switch_tenant(p_tenant_id uuid) IS 'Switches the authenticated user to another of their active tenants (MT204, MT205, MT206, MT209).';

--
-- Name: tenant_code_check_char(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.tenant_code_check_char(p_digits text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Weighted sum of the digits (weights 1, 2, 3, ... from the left) modulo 23,
   as a letter of ABCDEFGHJKLMNPQRSTUVWXY. 23 is prime and above every weight
   and every digit difference, so any single wrong digit and any swap of two
   neighbouring digits changes the letter (up to 22 digits).
   Raises 22023 unless p_digits is 1 to 22 ASCII digits (bounded work). */
DECLARE
    v_sum int := 0;
BEGIN
    IF length(p_digits) > 22 OR p_digits !~ '^[0-9]+$' THEN
        RAISE EXCEPTION 'tenant_code_check_char: p_digits must be 1 to 22 digits, got % characters',
            length(p_digits) USING ERRCODE = '22023';
    END IF;
    FOR i IN 1 .. length(p_digits) LOOP
        v_sum := v_sum + (ascii(substr(p_digits, i, 1)) - 48) * i;
    END LOOP;
    RETURN substr('ABCDEFGHJKLMNPQRSTUVWXY', 1 + v_sum % 23, 1);
END;
$_$;

ALTER FUNCTION monay.tenant_code_check_char(p_digits text) OWNER TO monay_owner;
--
-- Name: FUNCTION tenant_code_check_char(p_digits text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.tenant_code_check_char(p_digits text) IS 'Owner only: check letter of a tenant code''s digits (weighted sum mod 23; 1 to 22 digits, else 22023).';

--
-- Name: tenants_due_for_rotation(integer); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.tenants_due_for_rotation(p_limit integer DEFAULT 1000) RETURNS TABLE(tenant_id uuid, account_index bigint, key_version bigint, rotated_at timestamp with time zone, due_at timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Vaults of tenants that are not closed whose last rotation is at least
   KEY_ROTATION_INTERVAL (a setting, 90 days) old, the longest overdue first,
   at most p_limit: the work list of the rotation job, which calls
   monay.rotate_tenant_keys(tenant_id, key_version) for each (idempotent).
   Platform context only.
   Raises:
     42501 not the platform context
     22023 p_limit NULL or below 1 */
DECLARE
    v_interval interval := (monay.get_setting('KEY_ROTATION_INTERVAL') #>> '{}')::interval;
BEGIN
    PERFORM monay_private.require_platform('tenants_due_for_rotation');
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'tenants_due_for_rotation: p_limit must be at least 1, got %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    SELECT v.tenant_id, v.account_index, v.key_version, v.rotated_at, v.rotated_at + v_interval
    FROM monay.tenant_vaults v
    JOIN monay.tenants t ON t.id = v.tenant_id
    WHERE v.rotated_at <= now() - v_interval AND t.status <> 'closed'
    ORDER BY v.rotated_at, v.tenant_id
    LIMIT p_limit;
END;
$$;

ALTER FUNCTION monay.tenants_due_for_rotation(p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION tenants_due_for_rotation(p_limit integer); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.tenants_due_for_rotation(p_limit integer) IS 'Platform job: vaults whose keys are older than KEY_ROTATION_INTERVAL (not closed tenants), oldest first.';

--
-- Name: track_operation(uuid, text, integer, text, timestamp with time zone); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.track_operation(p_tenant_id uuid, p_operation_type text, p_quantity integer DEFAULT 1, p_idempotency_key text DEFAULT NULL::text, p_occurred_at timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records p_quantity operations of type p_operation_type for p_tenant_id and
   returns {operation_id, tenant_id, operation_type, quantity,
   computation_units, transactions, occurred_at, billing_period, late,
   duplicate}. Units, transactions and cost come from monay.operation_costs at
   this moment. The limits of monay.enforce_tenant_limits are enforced while
   recording (monay_private.billing_account, atomic with the counters):
   suspended/closed tenant, free allowance, rate limit (one token per call).
   Idempotency: with p_idempotency_key, the first call records and stores its
   response; any later call with the same key (also concurrent: it waits for
   the first to commit) records nothing and returns that response with
   duplicate = true. The key's fingerprint is (operation type, quantity); the
   same key with another type or quantity is refused (MT406). occurred_at is
   not in the fingerprint: a retry that leaves it to default gets a new now().
   The claim is monay_private.idempotency_claim's; the key stores the
   operation's id and occurred_at, and a retry's response is rebuilt from the
   event row (the same fields as the first response; only {operation_id,
   tenant_id, operation_type, quantity, duplicate} if the event's partition was
   dropped by a retention shorter than BILLING_IDEMPOTENCY_RETENTION).
   Raises:
     42501 the context may not act on p_tenant_id (names both tenants)
     22023 NULL tenant, quantity < 1 or NULL, occurred_at NULL or > 5 min ahead,
           idempotency key longer than 200 characters
     MT401 unknown operation type      MT402 free allowance exceeded
     MT403 rate limit exceeded         MT404 tenant suspended or closed
     MT301 tenant does not exist       MT406 idempotency key reused differently
     MT415 occurred_at not finite or before the tenant was created
     MT416 quantity above BILLING_MAX_OPERATION_QUANTITY, or the month's
           counters beyond what billing can hold
   Late events follow the rule of monay_private.billing_period_for: the
   previous month counts its own late usage until it is billed; anything
   older or billed counts in the running month, marked late. */
DECLARE
    v_cost   monay.operation_costs;
    v_id     bigint;
    v_bp     record;
    v_result jsonb;
    v_claim  record;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'track_operation');
    v_cost := monay_private.billing_operation_cost(p_tenant_id, p_operation_type, p_quantity, 'track_operation');
    IF p_occurred_at IS NULL OR p_occurred_at > clock_timestamp() + interval '5 minutes' THEN
        RAISE EXCEPTION 'track_operation: occurred_at % is NULL or in the future (tenant %)',
            coalesce(p_occurred_at::text, 'NULL'), p_tenant_id USING ERRCODE = '22023';
    END IF;
    IF length(p_idempotency_key) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'track_operation: idempotency key must have 1 to 200 characters (tenant %)', p_tenant_id
            USING ERRCODE = '22023';
    END IF;

    v_id := nextval('monay.billing_operation_id_seq');
    v_bp := monay_private.billing_period_for(p_tenant_id, p_occurred_at);
    IF p_idempotency_key IS NOT NULL THEN
        -- The key stands for this operation (id, occurred_at); a retry rebuilds the response from it.
        v_claim := monay_private.idempotency_claim('operation', p_tenant_id, p_idempotency_key,
                                                   p_operation_type || '|' || p_quantity, 'MT406', v_id, p_occurred_at);
        IF NOT v_claim.claimed THEN
            IF v_claim.prior_response IS NOT NULL THEN  -- a key stored before migration 020
                RETURN v_claim.prior_response || '{"duplicate": true}'::jsonb;
            END IF;
            SELECT jsonb_build_object(
                       'operation_id', o.id, 'tenant_id', o.tenant_id, 'operation_type', o.operation_type,
                       'quantity', o.quantity, 'computation_units', o.computation_units,
                       'transactions', o.transactions, 'occurred_at', o.occurred_at,
                       'billing_period', o.billing_period, 'late', o.late, 'duplicate', true)
            INTO v_result
            FROM monay.billing_operations o
            WHERE o.tenant_id = p_tenant_id AND o.occurred_at = v_claim.prior_ref_at AND o.id = v_claim.prior_ref_id;
            RETURN coalesce(v_result, jsonb_build_object('operation_id', v_claim.prior_ref_id, 'tenant_id', p_tenant_id,
                                                         'operation_type', p_operation_type, 'quantity', p_quantity,
                                                         'duplicate', true));
        END IF;
    END IF;

    INSERT INTO monay.billing_operations (id, tenant_id, operation_type, quantity, computation_units,
        transactions, cost_millicents, occurred_at, billing_period, late, idempotency_key)
    VALUES (v_id, p_tenant_id, p_operation_type, p_quantity, v_cost.computation_units * p_quantity,
        CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END,
        v_cost.cost_millicents * p_quantity, p_occurred_at, v_bp.period, v_bp.late, p_idempotency_key);
    PERFORM monay_private.billing_account(p_tenant_id, v_bp.period,
        CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END,
        v_cost.computation_units * p_quantity, p_quantity, v_cost.cost_millicents * p_quantity, v_bp.late, true);
    RETURN jsonb_build_object(
        'operation_id', v_id, 'tenant_id', p_tenant_id, 'operation_type', p_operation_type,
        'quantity', p_quantity, 'computation_units', v_cost.computation_units * p_quantity,
        'transactions', CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END,
        'occurred_at', p_occurred_at, 'billing_period', v_bp.period, 'late', v_bp.late,
        'duplicate', false);
END;
$$;

ALTER FUNCTION monay.track_operation(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_idempotency_key text, p_occurred_at timestamp with time zone) OWNER TO monay_owner;
--
-- Name: FUNCTION track_operation(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_idempotency_key text, p_occurred_at timestamp with time zone); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.track_operation(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_idempotency_key text, p_occurred_at timestamp with time zone) IS 'Records usage (idempotent with a key), enforcing status, free allowance and rate limit.';

--
-- Name: track_operations(uuid, jsonb); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.track_operations(p_tenant_id uuid, p_operations jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The batch path of track_operation: p_operations is a JSON array of
   {operation_type, quantity (default 1), idempotency_key (optional),
   occurred_at (optional, default now())}, at most BILLING_MAX_BATCH_OPERATIONS
   (setting, 10000). Same rules as track_operation, applied set-based: one
   insert for the events, then one counter upsert per billing period of the
   batch (not per row). All or nothing: one refused operation refuses the
   batch. The batch is one call for the rate limit (one token).
   Idempotency per operation (monay_private.idempotency_claim_batch, the
   set-based form of the claim track_operation makes; each key stores its
   operation's id and occurred_at): an operation whose key was recorded before (by
   either function) is not recorded again and is reported as a duplicate with
   the first operation_id; the same key twice inside one batch counts once;
   a key reused with another (operation_type, quantity) raises MT406.
   Returns {tenant_id, received, recorded, duplicates, transactions,
   computation_units (of the recorded operations), operation_ids (recorded,
   in input order), duplicate_operations: [{index, idempotency_key,
   operation_id}]} (index 1-based).
   Raises 42501, 22023 (not a non-empty array of objects, quantity < 1,
   occurred_at in the future, key longer than 200; the message names the
   index), MT409 (more operations than allowed), MT416 (a quantity above
   BILLING_MAX_OPERATION_QUANTITY, or counters beyond what billing can
   hold), MT415 (occurred_at not finite or before the tenant's creation),
   MT401, MT402, MT403, MT404, MT301, MT406 - like track_operation.
   Locks: at most two period locks (previous and running month) whatever the
   batch's months (monay_private.billing_period_for). */
DECLARE
    v_max       integer;
    v_max_qty   integer;
    v_n         integer;
    v_types     text[];
    v_qty       integer[];
    v_keys      text[];
    v_occ       timestamptz[];
    v_ids       bigint[];
    v_record    boolean[];
    v_dup_of    bigint[];
    v_bad       record;
    v_months    date[];
    v_periods   date[] := '{}'::date[];
    v_lates     boolean[] := '{}'::boolean[];
    v_firsts    timestamptz[];
    v_bp        record;
    v_g_period  date[];
    v_g_late    boolean[];
    v_g_tx      bigint[];
    v_g_cu      bigint[];
    v_g_ops     bigint[];
    v_g_cost    bigint[];
    v_taken     boolean := false;
    v_tot_tx    bigint := 0;
    v_tot_cu    bigint := 0;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'track_operations');
    IF p_operations IS NULL OR jsonb_typeof(p_operations) <> 'array' OR jsonb_array_length(p_operations) = 0 THEN
        RAISE EXCEPTION 'track_operations: p_operations must be a non-empty JSON array of operations (tenant %)',
            p_tenant_id USING ERRCODE = '22023';
    END IF;
    v_n := jsonb_array_length(p_operations);
    v_max := (monay.get_setting('BILLING_MAX_BATCH_OPERATIONS') #>> '{}')::integer;
    IF v_n > v_max THEN
        RAISE EXCEPTION 'track_operations: % operations in one call, at most % (BILLING_MAX_BATCH_OPERATIONS) for tenant %',
            v_n, v_max, p_tenant_id USING ERRCODE = 'MT409';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_operations) e WHERE jsonb_typeof(e) <> 'object') THEN
        RAISE EXCEPTION 'track_operations: every operation must be a JSON object (tenant %)', p_tenant_id
            USING ERRCODE = '22023';
    END IF;

    -- Typed fields: a quantity that is not a whole number in range, an occurred_at that is not a
    -- timestamp (or beyond the timestamp range) is bad input (22023), never a bare cast error.
    BEGIN
        SELECT array_agg(x.operation_type ORDER BY x.ord), array_agg(coalesce(x.quantity, 1) ORDER BY x.ord),
               array_agg(x.idempotency_key ORDER BY x.ord), array_agg(coalesce(x.occurred_at, now()) ORDER BY x.ord)
        INTO v_types, v_qty, v_keys, v_occ
        FROM ROWS FROM (jsonb_to_recordset(p_operations)
                        AS (operation_type text, quantity integer, idempotency_key text, occurred_at timestamptz))
             WITH ORDINALITY AS x(operation_type, quantity, idempotency_key, occurred_at, ord);
    EXCEPTION WHEN data_exception THEN
        RAISE EXCEPTION 'track_operations: an operation of tenant % has a quantity that is not a whole number '
            'from 1 to 2147483647, or an occurred_at that is not a timestamp (%)', p_tenant_id, SQLERRM
            USING ERRCODE = '22023';
    END;

    -- Validation, first bad operation named by its 1-based index.
    SELECT u.i, u.t, u.q, u.occ, u.k INTO v_bad
    FROM unnest(v_types, v_qty, v_occ, v_keys) WITH ORDINALITY AS u(t, q, occ, k, i)
    WHERE u.q < 1 OR u.occ > clock_timestamp() + interval '5 minutes' OR length(u.k) NOT BETWEEN 1 AND 200
       OR u.occ IS NULL
    ORDER BY u.i LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'track_operations: operation % (tenant %) has quantity % (at least 1), occurred_at % '
            '(not in the future) or an idempotency key of % characters (1 to 200)',
            v_bad.i, p_tenant_id, v_bad.q, v_bad.occ, length(v_bad.k) USING ERRCODE = '22023';
    END IF;
    v_max_qty := (monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}')::integer;  -- once, not per row
    SELECT u.i, u.q INTO v_bad
    FROM unnest(v_qty) WITH ORDINALITY AS u(q, i)
    WHERE u.q > v_max_qty
    ORDER BY u.i LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'track_operations: operation % (tenant %) has quantity %, above BILLING_MAX_OPERATION_QUANTITY (%)',
            v_bad.i, p_tenant_id, v_bad.q, v_max_qty
            USING ERRCODE = 'MT416', HINT = 'Split the usage into several operations.';
    END IF;
    SELECT u.i, u.t INTO v_bad
    FROM unnest(v_types) WITH ORDINALITY AS u(t, i)
    WHERE NOT EXISTS (SELECT 1 FROM monay.operation_costs c WHERE c.operation_type = u.t)
    ORDER BY u.i LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unknown operation type % (operation %) for tenant %', coalesce(quote_literal(v_bad.t), 'NULL'),
            v_bad.i, p_tenant_id USING ERRCODE = 'MT401',
            HINT = 'SELECT operation_type FROM monay.operation_costs lists the known types.';
    END IF;

    -- Billing periods of the batch's months (late rule, period locks).
    -- Each month of the batch through its earliest operation: MT415 when that one (so any) is not
    -- finite or before the tenant existed; a tenant created this month tracks from its creation on.
    SELECT array_agg(m.month ORDER BY m.month), array_agg(m.first_at ORDER BY m.month) INTO v_months, v_firsts
    FROM (SELECT date_trunc('month', o AT TIME ZONE 'UTC')::date AS month, min(o) AS first_at
          FROM unnest(v_occ) AS o GROUP BY 1) m;
    FOR v_i IN 1 .. coalesce(array_length(v_months, 1), 0) LOOP
        v_bp := monay_private.billing_period_for(p_tenant_id, v_firsts[v_i]);
        v_periods := v_periods || v_bp.period;
        v_lates := v_lates || v_bp.late;
    END LOOP;

    SELECT array_agg(nextval('monay.billing_operation_id_seq')) INTO v_ids FROM generate_series(1, v_n);

    -- Idempotency (monay_private.idempotency_claim_batch): the first operation of each key in
    -- the batch claims it (a concurrent claim of the same key waits for ours to commit); the
    -- others of the batch, and keys claimed before, are duplicates of the key's first operation.
    IF EXISTS (SELECT 1 FROM unnest(v_keys) k WHERE k IS NOT NULL) THEN
        SELECT array_agg(x.k IS NULL OR (x.i = x.fi AND c.claimed) ORDER BY x.i),
               array_agg(CASE WHEN x.k IS NULL OR (x.i = x.fi AND c.claimed) THEN NULL ELSE c.ref_id END
                         ORDER BY x.i)
        INTO v_record, v_dup_of
        FROM (SELECT u.k, u.i, first_value(u.i) OVER (PARTITION BY u.k ORDER BY u.i) AS fi
              FROM unnest(v_keys) WITH ORDINALITY AS u(k, i)) x
        LEFT JOIN monay_private.idempotency_claim_batch(
                'operation', p_tenant_id, v_keys,
                ARRAY(SELECT u.t || '|' || u.q FROM unnest(v_types, v_qty) WITH ORDINALITY AS u(t, q, i) ORDER BY u.i),
                v_ids, v_occ, 'MT406') c ON c.claim_key = x.k;
    ELSE
        v_record := array_fill(true, ARRAY[v_n]);
        v_dup_of := array_fill(NULL::bigint, ARRAY[v_n]);
    END IF;

    -- The events, then one counter upsert per (billing period, late).
    WITH ins AS (
        INSERT INTO monay.billing_operations (id, tenant_id, operation_type, quantity, computation_units,
            transactions, cost_millicents, occurred_at, billing_period, late, idempotency_key)
        SELECT u.id, p_tenant_id, u.t, u.q, c.computation_units * u.q,
               CASE WHEN c.counts_as_transaction THEN u.q ELSE 0 END, c.cost_millicents * u.q,
               u.occ, pm.period, pm.late, u.k
        FROM unnest(v_ids, v_types, v_qty, v_occ, v_keys, v_record) AS u(id, t, q, occ, k, rec)
        JOIN monay.operation_costs c ON c.operation_type = u.t
        JOIN unnest(v_months, v_periods, v_lates) AS pm(month, period, late)
          ON pm.month = date_trunc('month', u.occ AT TIME ZONE 'UTC')::date
        WHERE u.rec
        RETURNING billing_period, late, transactions, computation_units, quantity, cost_millicents
    ), g AS (
        SELECT i.billing_period, i.late, sum(i.transactions)::bigint AS tx, sum(i.computation_units)::bigint AS cu,
               sum(i.quantity)::bigint AS ops, sum(i.cost_millicents)::bigint AS cost
        FROM ins i GROUP BY i.billing_period, i.late
    )
    SELECT array_agg(g.billing_period ORDER BY g.billing_period DESC, g.late), array_agg(g.late ORDER BY g.billing_period DESC, g.late),
           array_agg(g.tx ORDER BY g.billing_period DESC, g.late), array_agg(g.cu ORDER BY g.billing_period DESC, g.late),
           array_agg(g.ops ORDER BY g.billing_period DESC, g.late), array_agg(g.cost ORDER BY g.billing_period DESC, g.late)
    INTO v_g_period, v_g_late, v_g_tx, v_g_cu, v_g_ops, v_g_cost
    FROM g;

    IF v_g_period IS NULL THEN
        -- Only duplicates: nothing recorded, but the call is still a call.
        PERFORM monay_private.billing_account(p_tenant_id, date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date,
                                              0, 0, 0, 0, false, true);
    ELSE
        FOR i IN 1 .. cardinality(v_g_period) LOOP
            PERFORM monay_private.billing_account(p_tenant_id, v_g_period[i], v_g_tx[i], v_g_cu[i], v_g_ops[i],
                                                  v_g_cost[i], v_g_late[i], NOT v_taken);
            v_taken := true;
            v_tot_tx := v_tot_tx + v_g_tx[i];
            v_tot_cu := v_tot_cu + v_g_cu[i];
        END LOOP;
    END IF;

    RETURN jsonb_build_object(
        'tenant_id', p_tenant_id,
        'received', v_n,
        'recorded', (SELECT count(*) FROM unnest(v_record) r WHERE r),
        'duplicates', (SELECT count(*) FROM unnest(v_record) r WHERE NOT r),
        'transactions', v_tot_tx,
        'computation_units', v_tot_cu,
        'operation_ids', (SELECT coalesce(jsonb_agg(u.id ORDER BY u.i), '[]'::jsonb)
                          FROM unnest(v_ids, v_record) WITH ORDINALITY AS u(id, rec, i) WHERE u.rec),
        'duplicate_operations', (SELECT coalesce(jsonb_agg(jsonb_build_object('index', u.i, 'idempotency_key', u.k,
                                                                             'operation_id', u.d) ORDER BY u.i), '[]'::jsonb)
                                 FROM unnest(v_keys, v_record, v_dup_of) WITH ORDINALITY AS u(k, rec, d, i)
                                 WHERE NOT u.rec));
END;
$$;

ALTER FUNCTION monay.track_operations(p_tenant_id uuid, p_operations jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION track_operations(p_tenant_id uuid, p_operations jsonb); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.track_operations(p_tenant_id uuid, p_operations jsonb) IS 'Batch usage recording (JSON array): one insert, one counter upsert per period; idempotent per key.';

--
-- Name: transfer(uuid, uuid, bigint, text, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.transfer(p_from_wallet_id uuid, p_to_wallet_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Moves p_amount_cents between two wallets of the current tenant, atomically:
   one 'transfer' row (completed; wallet_id = the sender, counterparty = the
   recipient, both in this tenant), the two balances, and one 'transfer'
   operation tracked for billing (monay.track_operation), all in the caller's
   transaction. Balances never go negative: both wallets are locked (in id
   order, so two opposite transfers cannot deadlock) before the balance is read.
   Idempotency (key required): a retry with the same key returns the first
   transfer with duplicate = true and moves nothing, also when it races the
   first (it waits on the wallet locks, then finds the committed row); the
   same key with another sender, recipient or amount is refused.
   Returns {transaction_id, tenant_id, from_wallet_id, to_wallet_id,
   amount_cents, from_balance_cents, to_balance_cents, duplicate}.
   Raises:
     42501 no tenant context
     22023 amount NULL or < 1, a wallet NULL, the same wallet twice, key NULL,
           blank or over 200 characters, description over 500 characters
     MP001 a wallet does not exist in this tenant (another tenant's wallet is
           "not found" too: its existence is not revealed)
     MP002 the sender's balance is below the amount (names balance and amount)
     MP004 a wallet is not active (frozen or closed)
     MP005 the wallets hold different currencies
     MP006 the idempotency key was used for another transfer
     MT402, MT403, MT404 the tenant's limits (track_operation) */
DECLARE
    v_ctx    record := monay_private.require_tenant_context('transfer');
    v_prior  monay.transactions;
    v_from   monay.wallets;
    v_to     monay.wallets;
    v_w      monay.wallets;
    v_id     uuid;
BEGIN
    IF p_from_wallet_id IS NULL OR p_to_wallet_id IS NULL OR p_from_wallet_id = p_to_wallet_id THEN
        RAISE EXCEPTION 'transfer: two different wallets are needed (from %, to %)',
            coalesce(p_from_wallet_id::text, 'NULL'), coalesce(p_to_wallet_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'transfer: amount % must be a positive number of cents', coalesce(p_amount_cents::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    IF p_idempotency_key IS NULL OR length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'transfer: an idempotency key of 1 to 200 characters is required' USING ERRCODE = '22023';
    END IF;
    IF length(p_description) > 500 THEN
        RAISE EXCEPTION 'transfer: description over 500 characters (%)', length(p_description) USING ERRCODE = '22023';
    END IF;

    -- Both wallets, locked in id order.
    FOR v_w IN SELECT * FROM monay.wallets w
               WHERE w.tenant_id = v_ctx.tenant_id AND w.id IN (p_from_wallet_id, p_to_wallet_id)
               ORDER BY w.id FOR UPDATE LOOP
        IF v_w.id = p_from_wallet_id THEN v_from := v_w; ELSE v_to := v_w; END IF;
    END LOOP;

    -- A retry (looked up after the locks: a racing first call has committed by now).
    SELECT * INTO v_prior FROM monay.transactions t
    WHERE t.tenant_id = v_ctx.tenant_id AND t.idempotency_key = p_idempotency_key;
    IF v_prior.id IS NOT NULL THEN
        IF (v_prior.wallet_id, v_prior.counterparty_wallet_id, v_prior.amount_cents)
           IS DISTINCT FROM (p_from_wallet_id, p_to_wallet_id, p_amount_cents) THEN
            RAISE EXCEPTION 'transfer: idempotency key % was used for transfer % (% cents from % to %)',
                quote_literal(p_idempotency_key), v_prior.id, v_prior.amount_cents, v_prior.wallet_id,
                v_prior.counterparty_wallet_id USING ERRCODE = 'MP006', HINT = 'Use a new key for a new transfer.';
        END IF;
        RETURN jsonb_build_object('transaction_id', v_prior.id, 'tenant_id', v_ctx.tenant_id,
            'from_wallet_id', p_from_wallet_id, 'to_wallet_id', p_to_wallet_id, 'amount_cents', p_amount_cents,
            'from_balance_cents', v_from.balance_cents, 'to_balance_cents', v_to.balance_cents, 'duplicate', true);
    END IF;

    IF v_from.id IS NULL OR v_to.id IS NULL THEN
        RAISE EXCEPTION 'transfer: wallet % not found in tenant %',
            CASE WHEN v_from.id IS NULL THEN p_from_wallet_id ELSE p_to_wallet_id END, v_ctx.tenant_id
            USING ERRCODE = 'MP001';
    END IF;
    IF v_from.status <> 'active' OR v_to.status <> 'active' THEN
        RAISE EXCEPTION 'transfer: wallet % is %',
            CASE WHEN v_from.status <> 'active' THEN v_from.id ELSE v_to.id END,
            CASE WHEN v_from.status <> 'active' THEN v_from.status ELSE v_to.status END
            USING ERRCODE = 'MP004';
    END IF;
    IF v_from.currency <> v_to.currency THEN
        RAISE EXCEPTION 'transfer: wallet % holds % and wallet % holds %', v_from.id, v_from.currency,
            v_to.id, v_to.currency USING ERRCODE = 'MP005';
    END IF;
    IF v_from.balance_cents < p_amount_cents THEN
        RAISE EXCEPTION 'transfer: wallet % holds % cents, less than the % cents asked', v_from.id,
            v_from.balance_cents, p_amount_cents USING ERRCODE = 'MP002';
    END IF;

    PERFORM monay.track_operation(v_ctx.tenant_id, 'transfer', 1, 'transfer:' || p_idempotency_key);
    v_id := gen_random_uuid();
    UPDATE monay.wallets w SET balance_cents = w.balance_cents - p_amount_cents
    WHERE w.tenant_id = v_ctx.tenant_id AND w.id = p_from_wallet_id;
    UPDATE monay.wallets w SET balance_cents = w.balance_cents + p_amount_cents
    WHERE w.tenant_id = v_ctx.tenant_id AND w.id = p_to_wallet_id;
    INSERT INTO monay.transactions (id, tenant_id, wallet_id, counterparty_tenant_id, counterparty_wallet_id, kind,
        amount_cents, status, description, idempotency_key)
    VALUES (v_id, v_ctx.tenant_id, p_from_wallet_id, v_ctx.tenant_id, p_to_wallet_id, 'transfer', p_amount_cents,
            'completed', p_description, p_idempotency_key);
    RETURN jsonb_build_object('transaction_id', v_id, 'tenant_id', v_ctx.tenant_id,
        'from_wallet_id', p_from_wallet_id, 'to_wallet_id', p_to_wallet_id, 'amount_cents', p_amount_cents,
        'from_balance_cents', v_from.balance_cents - p_amount_cents,
        'to_balance_cents', v_to.balance_cents + p_amount_cents, 'duplicate', false);
END;
$$;

ALTER FUNCTION monay.transfer(p_from_wallet_id uuid, p_to_wallet_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) OWNER TO monay_owner;
--
-- Name: FUNCTION transfer(p_from_wallet_id uuid, p_to_wallet_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.transfer(p_from_wallet_id uuid, p_to_wallet_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) IS 'Atomic, idempotent transfer between two wallets of the current tenant, tracked for billing.';

--
-- Name: update_own_profile(text, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.update_own_profile(p_display_name text DEFAULT NULL::text, p_email text DEFAULT NULL::text) RETURNS monay.users
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The authenticated user changes their own display name and/or email (NULL
   keeps the value) and gets their row back. Validated like monay.create_user
   (trimmed; email unique in any letter case). Nothing else of the row can
   change here, and nobody can change another user's profile this way: the
   user is the one of this transaction's verified context. Audited.
   Raises:
     MT206 nobody is authenticated in this transaction (monay.authenticate)
     22023 both NULL, email not an address (x@y.z, at most 254 characters),
           display name blank or longer than 200
     23505 another user has this email (in any letter case) */
DECLARE
    v_user  uuid := monay.current_user_id();
    v_email text := btrim(p_email);
    v_name  text := btrim(p_display_name);
    v_row   monay.users;
BEGIN
    IF v_user IS NULL THEN
        RAISE EXCEPTION 'update_own_profile needs an authenticated user: call monay.authenticate(token) first'
            USING ERRCODE = 'MT206';
    END IF;
    IF p_email IS NULL AND p_display_name IS NULL THEN
        RAISE EXCEPTION 'update_own_profile: give a new display name, a new email or both' USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.check_user_profile(p_email, p_display_name);
    BEGIN
        UPDATE monay.users u
        SET email = coalesce(v_email, u.email), display_name = coalesce(v_name, u.display_name),
            updated_at = now()
        WHERE u.id = v_user
        RETURNING * INTO v_row;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION 'a user with email % already exists', quote_literal(v_email)
            USING ERRCODE = '23505', HINT = 'Emails are unique regardless of letter case.';
    END;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.update_own_profile(p_display_name text, p_email text) OWNER TO monay_owner;
--
-- Name: FUNCTION update_own_profile(p_display_name text, p_email text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.update_own_profile(p_display_name text, p_email text) IS 'The authenticated user changes their own display name and/or email (MT206, 22023, 23505).';

--
-- Name: update_tenant_profile(uuid, text, text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.update_tenant_profile(p_tenant_id uuid, p_name text DEFAULT NULL::text, p_tenant_type text DEFAULT NULL::text) RETURNS monay.tenants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* PUT /api/tenants/:id: an owner or admin authenticated in the tenant, or the
   platform, changes its name and/or type (NULL keeps a field). The tier and
   margin change only through monay.upgrade_tenant_tier (platform, billed).
   Audited by trigger. Raises:
     22023 p_tenant_id NULL; nothing to change; a name blank or over 200
           characters; an unknown tenant type (each names the value)
     42501 not an owner/admin of that tenant nor the platform
     MT301 the tenant does not exist
     MT304 the tenant is closed */
DECLARE
    v_row monay.tenants;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'update_tenant_profile');
    PERFORM monay_private.require_tenant_manager(p_tenant_id, 'update_tenant_profile');
    IF p_name IS NULL AND p_tenant_type IS NULL THEN
        RAISE EXCEPTION 'update_tenant_profile(%): nothing to change (p_name and p_tenant_type are NULL)', p_tenant_id
            USING ERRCODE = '22023';
    END IF;
    IF p_name IS NOT NULL AND NOT (length(btrim(p_name)) BETWEEN 1 AND 200) THEN
        RAISE EXCEPTION 'update_tenant_profile: p_name must be 1 to 200 characters, got %', length(btrim(p_name))
            USING ERRCODE = '22023';
    END IF;
    IF p_tenant_type IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM monay.tenant_types tt WHERE tt.tenant_type = p_tenant_type) THEN
        RAISE EXCEPTION 'update_tenant_profile: unknown tenant type %, allowed: %', quote_literal(left(p_tenant_type, 100)),
            monay_private.allowed_values('monay.tenant_types', 'tenant_type') USING ERRCODE = '22023';
    END IF;
    v_row := monay_private.lock_tenant(p_tenant_id);
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'its profile cannot change');
    UPDATE monay.tenants t
    SET name = coalesce(btrim(p_name), t.name), tenant_type = coalesce(p_tenant_type, t.tenant_type),
        updated_at = now()
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.update_tenant_profile(p_tenant_id uuid, p_name text, p_tenant_type text) OWNER TO monay_owner;
--
-- Name: FUNCTION update_tenant_profile(p_tenant_id uuid, p_name text, p_tenant_type text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.update_tenant_profile(p_tenant_id uuid, p_name text, p_tenant_type text) IS 'PUT /api/tenants/:id: owner/admin or platform changes name and/or type (22023, 42501, MT301, MT304).';

--
-- Name: upgrade_tenant_tier(uuid, text, numeric); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.upgrade_tenant_tier(p_tenant_id uuid, p_new_tier text, p_gross_margin_percent numeric DEFAULT NULL::numeric) RETURNS monay.tenants
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Moves a tenant to billing tier p_new_tier (up or down) and returns the
   tenant. Tier and margin change together in one UPDATE, so the CHECK on
   tenants holds at every instant; the margin defaults to the new tier's floor
   (DEFAULT_MARGIN_PERCENT for small_business). Audited (audit_log, trigger)
   and recorded in monay.tenant_tier_history effective now() (trigger), which
   billing reads to prorate the month. Platform context only.
   Same tier: with p_gross_margin_percent NULL or equal to the current margin
   this is a no-op that returns the tenant unchanged (so a retried call is
   harmless); with another margin inside the tier's range only the margin
   changes (also recorded in the history).
   Raises:
     42501 not the platform context
     22023 p_tenant_id NULL, unknown tier, margin outside the tier's range
           (message names tier, range and value)
     MT301 the tenant does not exist
     MT304 the tenant is closed */
DECLARE
    v_range  record;
    v_margin numeric;
    v_row    monay.tenants;
BEGIN
    PERFORM monay_private.require_platform(format('upgrade_tenant_tier(%s, %s)', p_tenant_id, p_new_tier));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'upgrade_tenant_tier');
    SELECT * INTO v_range FROM monay_private.tier_margin_range(p_new_tier);
    IF v_range.floor_pct IS NULL THEN
        RAISE EXCEPTION 'invalid billing_tier %: expected one of %',
            coalesce(quote_literal(p_new_tier), 'NULL'),
            monay_private.allowed_values('monay.billing_tiers', 'tier', 'sort_order') USING ERRCODE = '22023';
    END IF;
    v_row := monay_private.lock_tenant(p_tenant_id);
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'its tier cannot change');
    IF v_row.billing_tier = p_new_tier
       AND (p_gross_margin_percent IS NULL OR p_gross_margin_percent = v_row.gross_margin_percent) THEN
        RETURN v_row;
    END IF;
    v_margin := coalesce(p_gross_margin_percent,
                         CASE WHEN p_new_tier = 'small_business'
                              THEN (monay.get_setting('DEFAULT_MARGIN_PERCENT') #>> '{}')::numeric
                              ELSE v_range.floor_pct END);
    IF v_margin NOT BETWEEN v_range.floor_pct AND v_range.ceiling_pct THEN
        RAISE EXCEPTION 'gross margin % %% is outside the range of tier % (% to % %%) for tenant %',
            v_margin, p_new_tier, v_range.floor_pct, v_range.ceiling_pct, p_tenant_id
            USING ERRCODE = '22023';
    END IF;
    UPDATE monay.tenants t SET billing_tier = p_new_tier, gross_margin_percent = v_margin
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.upgrade_tenant_tier(p_tenant_id uuid, p_new_tier text, p_gross_margin_percent numeric) OWNER TO monay_owner;
--
-- Name: FUNCTION upgrade_tenant_tier(p_tenant_id uuid, p_new_tier text, p_gross_margin_percent numeric); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.upgrade_tenant_tier(p_tenant_id uuid, p_new_tier text, p_gross_margin_percent numeric) IS 'Platform only: changes a tenant''s billing tier and margin together (audited, tier history).';

--
-- Name: audit_link_check(); Type: FUNCTION; Schema: monay_monitor; Owner: monay_owner
--

CREATE FUNCTION monay_monitor.audit_link_check() RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Audit link health: true when the dblink connection of monay_private.audit_link
   opens within 2 s (connect_timeout) and its login may run the durable writer
   (monay_private.write_security_event); false when no link is configured, the
   connection fails or the login lacks the right. Then refusals are still
   raised but no longer recorded durably (record_security_event). Raises nothing. */
DECLARE
    v_dsn  text;
    v_conn text := 'monay_monitor_' || pg_backend_pid();
    v_ok   boolean;
BEGIN
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RETURN false;
    END IF;
    v_dsn := CASE WHEN v_dsn ~ '^postgres(ql)?://'
                  THEN v_dsn || CASE WHEN strpos(v_dsn, '?') > 0 THEN '&' ELSE '?' END || 'connect_timeout=2'
                  ELSE v_dsn || ' connect_timeout=2' END;
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        SELECT r.ok INTO v_ok FROM monay_private.dblink(v_conn,
            'SELECT pg_catalog.has_function_privilege(''monay_private.write_security_event(text, uuid, uuid, '
            'jsonb, text, xid8)'', ''EXECUTE'')') AS r (ok boolean);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        IF v_conn = ANY (coalesce(monay_private.dblink_get_connections(), '{}')) THEN
            PERFORM monay_private.dblink_disconnect(v_conn);
        END IF;
        RETURN false;
    END;
    RETURN coalesce(v_ok, false);
END;
$$;

ALTER FUNCTION monay_monitor.audit_link_check() OWNER TO monay_owner;
--
-- Name: billing_run_state(); Type: FUNCTION; Schema: monay_monitor; Owner: monay_owner
--

CREATE FUNCTION monay_monitor.billing_run_state() RETURNS TABLE(last_run_period text, last_run_started_seconds double precision, last_run_finished_seconds double precision, last_run_tenants_total bigint, last_run_tenants_billed bigint, unfinished_alive bigint, stalled bigint, oldest_unfinished_age_seconds double precision, previous_month_finished integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "monay.tenant_id" TO ''
    SET "monay.user_id" TO ''
    SET "monay.platform" TO 'false'
    SET "monay.context_signature" TO ''
    AS $$
/* The monthly runs (monay.billing_runs, a few rows a month): the last one, the
   unfinished ones whose backend still runs, the stalled ones (unfinished, backend
   gone, and no later run of the same month finished), and whether last month has
   a finished run. Finished timestamps are 0 while a run is unfinished. Raises nothing. */
#variable_conflict use_column
DECLARE
    v_prev date := (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date;
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    RETURN QUERY
    WITH runs AS (
        SELECT r.*, EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity sa
                            WHERE sa.pid = r.backend_pid AND sa.backend_start <= r.started_at) AS alive
        FROM monay.billing_runs r
    ), last AS (
        SELECT * FROM runs ORDER BY runs.id DESC LIMIT 1
    )
    SELECT (SELECT to_char(l.period, 'YYYY-MM') FROM last l),
           (SELECT extract(epoch FROM l.started_at)::double precision FROM last l),
           (SELECT coalesce(extract(epoch FROM l.finished_at), 0)::double precision FROM last l),
           (SELECT l.tenants_total FROM last l),
           (SELECT l.tenants_billed FROM last l),
           (SELECT count(*) FROM runs r WHERE r.finished_at IS NULL AND r.alive),
           (SELECT count(*) FROM runs r WHERE r.finished_at IS NULL AND NOT r.alive
                AND NOT EXISTS (SELECT 1 FROM runs f WHERE f.period = r.period AND f.id > r.id
                                AND f.finished_at IS NOT NULL)),
           (SELECT coalesce(max(extract(epoch FROM now() - r.started_at)), 0)::double precision
            FROM runs r WHERE r.finished_at IS NULL AND r.alive),
           (SELECT count(*) FROM runs r WHERE r.period = v_prev AND r.finished_at IS NOT NULL)::integer;
END;
$$;

ALTER FUNCTION monay_monitor.billing_run_state() OWNER TO monay_owner;
--
-- Name: function_call_stats(); Type: FUNCTION; Schema: monay_monitor; Owner: monay_owner
--

CREATE FUNCTION monay_monitor.function_call_stats() RETURNS TABLE(function_name text, calls bigint, total_seconds double precision, mean_seconds double precision, p95_estimate_seconds double precision)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Calls and time of this database's top-level statements (queries and CALLs,
   not DDL such as CREATE FUNCTION or GRANT) that call a function of schema monay, by function (pg_stat_statements, since its last reset; the
   owner reads every role's statements, the caller only these sums). The p95
   is estimated as mean + 1.645 x the pooled standard deviation (exact only for
   a normal distribution; pg_stat_statements keeps no percentiles). No rows when
   pg_stat_statements is not loaded. Raises nothing. */
BEGIN
    IF to_regclass('public.pg_stat_statements') IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
        WITH s AS (
            SELECT substring(s.query FROM 'monay\.([a-z_][a-z0-9_]*)\s*\(') AS fn, s.calls,
                   s.total_exec_time AS total, s.mean_exec_time AS mean, s.stddev_exec_time AS sd
            FROM public.pg_stat_statements s
            WHERE s.dbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database())
              AND s.toplevel AND s.calls > 0
              AND s.query ~* '^\s*(SELECT|CALL|WITH|INSERT|UPDATE|DELETE|VALUES)\M'
        ), g AS (
            SELECT s.fn, sum(s.calls) AS calls, sum(s.total) AS total,
                   sum(s.calls * (s.sd ^ 2 + s.mean ^ 2)) AS sq
            FROM s WHERE s.fn IN (SELECT p.proname FROM pg_catalog.pg_proc p
                                  WHERE p.pronamespace = 'monay'::regnamespace)
            GROUP BY s.fn
        )
        SELECT g.fn::text, g.calls::bigint, g.total / 1000, g.total / g.calls / 1000,
               (g.total / g.calls + 1.645 * sqrt(greatest(0, g.sq / g.calls - (g.total / g.calls) ^ 2))) / 1000
        FROM g $q$;
EXCEPTION WHEN object_not_in_prerequisite_state THEN
    RETURN;  -- not in shared_preload_libraries
END;
$_$;

ALTER FUNCTION monay_monitor.function_call_stats() OWNER TO monay_owner;
--
-- Name: last_month_bills(); Type: FUNCTION; Schema: monay_monitor; Owner: monay_owner
--

CREATE FUNCTION monay_monitor.last_month_bills() RETURNS TABLE(tier text, bills bigint, total_cents bigint, cost_cents bigint, below_margin_floor bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "monay.tenant_id" TO ''
    SET "monay.user_id" TO ''
    SET "monay.platform" TO 'false'
    SET "monay.context_signature" TO ''
    AS $$
/* Last closed month's bills (not void) by tier: count, revenue, cost, and how
   many came out below the gross-margin floor of their tier's price version
   (margin accuracy: should be 0). One read of the month's bills. Raises nothing. */
#variable_conflict use_column
DECLARE
    v_prev date := (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date;
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    RETURN QUERY
    WITH floor_pct AS (
        SELECT DISTINCT ON (c.tier) c.tier, c.gross_margin_min_percent
        FROM monay.billing_tier_config c WHERE c.effective_from <= v_prev
        ORDER BY c.tier, c.effective_from DESC
    )
    SELECT b.tier, count(*)::bigint, sum(b.total_cents)::bigint, sum(b.cost_cents)::bigint,
           count(*) FILTER (WHERE b.gross_margin_percent < f.gross_margin_min_percent)::bigint
    FROM monay.billing_metrics b LEFT JOIN floor_pct f ON f.tier = b.tier
    WHERE b.period = v_prev AND b.status <> 'void'
    GROUP BY b.tier;
END;
$$;

ALTER FUNCTION monay_monitor.last_month_bills() OWNER TO monay_owner;
--
-- Name: refusals_last_hour(); Type: FUNCTION; Schema: monay_monitor; Owner: monay_owner
--

CREATE FUNCTION monay_monitor.refusals_last_hour() RETURNS TABLE(action text, sqlstate text, refusals bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "monay.tenant_id" TO ''
    SET "monay.user_id" TO ''
    SET "monay.platform" TO 'false'
    SET "monay.context_signature" TO ''
    SET enable_bitmapscan TO 'off'
    AS $$
/* Refused logins and tenant switches of the last hour (the durable records of
   monay.audit_log) by action and SQLSTATE: MT204/MT205 are attempts to reach a
   tenant the user may not. The partial index on (action, occurred_at) bounds
   the read to the hour's refusals; without enable_bitmapscan = off the planner
   ORs the RLS policy's tenant_id range into a bitmap scan of every audit row
   (580 ms instead of 50 ms at 300,000 tenants). Raises nothing. */
#variable_conflict use_column
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    RETURN QUERY
    SELECT a.action, coalesce(a.detail ->> 'sqlstate', ''), count(*)::bigint
    FROM monay.audit_log a
    WHERE a.action IN ('auth_refused', 'switch_refused') AND a.occurred_at > now() - interval '1 hour'
    GROUP BY 1, 2;
END;
$$;

ALTER FUNCTION monay_monitor.refusals_last_hour() OWNER TO monay_owner;
--
-- Name: allowed_values(regclass, name, name); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.allowed_values(p_table regclass, p_column name, p_order name DEFAULT NULL::name) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION monay_private.allowed_values(p_table regclass, p_column name, p_order name) OWNER TO monay_owner;
--
-- Name: FUNCTION allowed_values(p_table regclass, p_column name, p_order name); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.allowed_values(p_table regclass, p_column name, p_order name) IS 'Comma-separated values of a lookup table, for "allowed: ..." in error messages.';

--
-- Name: apply_rls(regclass, text, name, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.apply_rls(p_table regclass, p_pattern text, p_column name DEFAULT 'tenant_id'::name, p_select_also text DEFAULT NULL::text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Patterns (T = p_column BETWEEN rls_tenant_low() AND rls_tenant_high(): the context's
   tenant, or every tenant in the platform context; P = the platform context):
     tenant_read_write   select T, insert T, update T/T, delete T
     tenant_no_delete    select T, insert T, update T/T, delete never
     tenant_append_only  select T, insert T, update never, delete never
     platform_config     select everyone, insert/update/delete P   (configuration)
     platform_no_delete  select P, insert P, update P/P, delete never (platform records)
   p_select_also widens SELECT only: "T OR (p_select_also)". Existing policies of the
   table are replaced (in the caller's transaction: the swap is atomic); each policy is
   named <table>_<command> and commented with its pattern. Raises 22023 on an unknown
   pattern. Called by migrations, as the table's owner. */
DECLARE
    v_t    text := format('%I BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())',
                          p_column);
    v_p    text := '(SELECT monay.is_platform_context())';
    v_rule text[];  -- select, insert, update-using, update-check, delete
    v_name text := (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = p_table);
    v_pol  record;
BEGIN
    v_rule := CASE p_pattern
        WHEN 'tenant_read_write'  THEN ARRAY[v_t, v_t, v_t, v_t, v_t]
        WHEN 'tenant_no_delete'   THEN ARRAY[v_t, v_t, v_t, v_t, 'false']
        WHEN 'tenant_append_only' THEN ARRAY[v_t, v_t, 'false', NULL, 'false']
        WHEN 'platform_config'    THEN ARRAY['true', v_p, v_p, v_p, v_p]
        WHEN 'platform_no_delete' THEN ARRAY[v_p, v_p, v_p, v_p, 'false']
    END;
    IF v_rule IS NULL THEN
        RAISE EXCEPTION 'unknown RLS pattern %', quote_nullable(p_pattern) USING ERRCODE = '22023',
            HINT = 'tenant_read_write, tenant_no_delete, tenant_append_only, platform_config, platform_no_delete';
    END IF;
    IF p_select_also IS NOT NULL THEN
        v_rule[1] := format('%s OR (%s)', v_rule[1], p_select_also);
    END IF;
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', p_table);
    FOR v_pol IN SELECT pol.polname FROM pg_catalog.pg_policy pol WHERE pol.polrelid = p_table LOOP
        EXECUTE format('DROP POLICY %I ON %s', v_pol.polname, p_table);
    END LOOP;
    EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (%s)', v_name || '_select', p_table, v_rule[1]);
    EXECUTE format('CREATE POLICY %I ON %s FOR INSERT WITH CHECK (%s)', v_name || '_insert', p_table, v_rule[2]);
    EXECUTE format('CREATE POLICY %I ON %s FOR UPDATE USING (%s)%s', v_name || '_update', p_table, v_rule[3],
                   CASE WHEN v_rule[4] IS NOT NULL THEN format(' WITH CHECK (%s)', v_rule[4]) ELSE '' END);
    EXECUTE format('CREATE POLICY %I ON %s FOR DELETE USING (%s)', v_name || '_delete', p_table, v_rule[5]);
    EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', v_name || '_select', p_table,
                   p_pattern || CASE WHEN p_select_also IS NOT NULL THEN ' (select widened)' ELSE '' END);
    EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', v_name || '_insert', p_table, p_pattern);
    EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', v_name || '_update', p_table, p_pattern);
    EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', v_name || '_delete', p_table, p_pattern);
END;
$$;

ALTER FUNCTION monay_private.apply_rls(p_table regclass, p_pattern text, p_column name, p_select_also text) OWNER TO monay_owner;
--
-- Name: FUNCTION apply_rls(p_table regclass, p_pattern text, p_column name, p_select_also text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.apply_rls(p_table regclass, p_pattern text, p_column name, p_select_also text) IS 'Migration helper: RLS enabled, forced, one policy per command from a named pattern.';

--
-- Name: audit_link_failure(text, text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.audit_link_failure(p_conn text, p_message text, p_detail text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* After a failure on the audit link (record_security_event,
   check_audit_link): closes the named dblink connection if it is open and
   returns the error as one line, its DETAIL appended (libpq's reason, e.g.
   'Peer authentication failed for user ...'). Raises nothing. */
BEGIN
    IF p_conn = ANY (coalesce(monay_private.dblink_get_connections(), '{}')) THEN
        PERFORM monay_private.dblink_disconnect(p_conn);
    END IF;
    RETURN btrim(regexp_replace(coalesce(p_message, '') || coalesce(': ' || nullif(btrim(p_detail), ''), ''),
                                '\s+', ' ', 'g'));
END;
$$;

ALTER FUNCTION monay_private.audit_link_failure(p_conn text, p_message text, p_detail text) OWNER TO monay_owner;
--
-- Name: FUNCTION audit_link_failure(p_conn text, p_message text, p_detail text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.audit_link_failure(p_conn text, p_message text, p_detail text) IS 'Closes a failed audit-link connection and returns its error (with DETAIL) as one line.';

--
-- Name: audit_log_append_only(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE UPDATE/DELETE/TRUNCATE trigger on monay.audit_log: the log is
   append-only for every role, its owner included (42501). */
BEGIN
    RAISE EXCEPTION 'monay.audit_log is append-only: % refused', TG_OP USING ERRCODE = '42501';
END;
$$;

ALTER FUNCTION monay_private.audit_log_append_only() OWNER TO monay_owner;
--
-- Name: FUNCTION audit_log_append_only(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.audit_log_append_only() IS 'Refuses UPDATE, DELETE and TRUNCATE on monay.audit_log.';

--
-- Name: audit_row_change(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.audit_row_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER ROW trigger: one monay.audit_log row per change of an audited table,
   with the acting user and tenant context, old and new values and the txid.
   The row's tenant is its tenant_id column, or id for monay.tenants, or NULL
   for global tables (settings). TG_ARGV[0], when given, names the key column. */
DECLARE
    v_old    jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    v_new    jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    v_row    jsonb := coalesce(v_new, v_old);
    v_tenant uuid;
    v_ctx    record;
BEGIN
    IF TG_TABLE_NAME = 'tenants' THEN
        v_tenant := (v_row ->> 'id')::uuid;
    ELSIF v_row ? 'tenant_id' THEN
        v_tenant := (v_row ->> 'tenant_id')::uuid;
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    INSERT INTO monay.audit_log (tenant_id, context_tenant_id, actor_user_id, action, table_name,
                                 row_key, old_values, new_values, detail, txid)
    VALUES (v_tenant, v_ctx.tenant_id, v_ctx.user_id, TG_OP, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
            CASE WHEN TG_NARGS > 0 THEN jsonb_build_object(TG_ARGV[0], v_row -> TG_ARGV[0]) END,
            v_old, v_new,
            CASE WHEN v_ctx.platform THEN '{"platform": true}'::jsonb END,
            txid_current());
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.audit_row_change() OWNER TO monay_owner;
--
-- Name: FUNCTION audit_row_change(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.audit_row_change() IS 'AFTER ROW trigger writing monay.audit_log (who, which context, old/new values, txid).';

--
-- Name: authenticate_refuse(text, text, text, jsonb, jsonb, uuid, uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.authenticate_refuse(p_sqlstate text, p_message text, p_token text, p_header jsonb, p_claims jsonb, p_tenant_id uuid DEFAULT NULL::uuid, p_user_id uuid DEFAULT NULL::uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* A refused monay.authenticate: records it durably (audit action auth_refused) with only
   bounded values, then raises p_sqlstate with p_message (monay_private.refuse_access). The
   record: the token's sha256 and length, and once the token decoded (p_header not NULL) the
   claimed alg, sub and tenant_id, each only when it has the expected shape (an HS-style
   name, uuids), else null. Built here, on the refusal path only, so that an accepted token
   pays for none of it. Raises p_sqlstate, always. */
DECLARE
    c_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
    v_detail jsonb := jsonb_build_object(
        'token_sha256', encode(public.digest(coalesce(p_token, ''), 'sha256'), 'hex'),
        'token_bytes', coalesce(octet_length(p_token), 0));
BEGIN
    IF p_header IS NOT NULL THEN
        v_detail := v_detail || jsonb_build_object(
            'alg', CASE WHEN jsonb_typeof(p_header -> 'alg') = 'string' AND p_header ->> 'alg' ~ '^[A-Za-z0-9]{1,16}$'
                        THEN p_header -> 'alg' END,
            'claimed_sub', CASE WHEN jsonb_typeof(p_claims -> 'sub') = 'string' AND p_claims ->> 'sub' ~ c_uuid
                                THEN p_claims -> 'sub' END,
            'claimed_tenant_id', CASE WHEN jsonb_typeof(p_claims -> 'tenant_id') = 'string'
                                           AND p_claims ->> 'tenant_id' ~ c_uuid THEN p_claims -> 'tenant_id' END);
    END IF;
    PERFORM monay_private.refuse_access('auth_refused', p_sqlstate, p_message, p_tenant_id, p_user_id, v_detail);
END;
$_$;

ALTER FUNCTION monay_private.authenticate_refuse(p_sqlstate text, p_message text, p_token text, p_header jsonb, p_claims jsonb, p_tenant_id uuid, p_user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION authenticate_refuse(p_sqlstate text, p_message text, p_token text, p_header jsonb, p_claims jsonb, p_tenant_id uuid, p_user_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.authenticate_refuse(p_sqlstate text, p_message text, p_token text, p_header jsonb, p_claims jsonb, p_tenant_id uuid, p_user_id uuid) IS 'Durably records a refused authenticate (bounded token facts only), then raises the given SQLSTATE.';

--
-- Name: base64url_decode(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.base64url_decode(p_text text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
/* Decodes base64url without padding (RFC 7515 section 2), as JWTs use it.
   Raises 22023 (from decode) on characters outside the alphabet. No search_path of its
   own, so that the planner inlines it into its caller: every name and operator is
   schema-qualified instead. */
    SELECT pg_catalog.decode(
        pg_catalog.rpad(pg_catalog.translate(p_text, '-_', '+/'),
             pg_catalog.length(p_text) OPERATOR(pg_catalog.+)
                 ((4 OPERATOR(pg_catalog.-) (pg_catalog.length(p_text) OPERATOR(pg_catalog.%) 4)) OPERATOR(pg_catalog.%) 4),
             '='),
        'base64')
$$;

ALTER FUNCTION monay_private.base64url_decode(p_text text) OWNER TO monay_owner;
--
-- Name: FUNCTION base64url_decode(p_text text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.base64url_decode(p_text text) IS 'base64url (no padding) to bytea, for JWT segments.';

--
-- Name: base64url_encode(bytea); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.base64url_encode(p_data bytea) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
/* base64url without padding (RFC 7515 section 2). No search_path of its own, so that
   the planner inlines it into its caller: every name is schema-qualified instead. */
    SELECT pg_catalog.translate(pg_catalog.encode(p_data, 'base64'), E'+/=\n', '-_')
$$;

ALTER FUNCTION monay_private.base64url_encode(p_data bytea) OWNER TO monay_owner;
--
-- Name: FUNCTION base64url_encode(p_data bytea); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.base64url_encode(p_data bytea) IS 'bytea to base64url without padding, for JWT signatures.';

--
-- Name: billing_account(uuid, date, bigint, bigint, bigint, bigint, boolean, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_account(p_tenant_id uuid, p_period date, p_transactions bigint, p_units bigint, p_operations bigint, p_cost bigint, p_late boolean, p_take_token boolean) RETURNS void
    LANGUAGE plpgsql
    AS $$
/* The one place where usage is counted and limits are enforced, for
   track_operation, track_operations (once per billing period of the batch)
   and raw inserts into billing_operations (trigger, once per row). Adds the
   usage with one upsert to the counter row (tenant, period, tier, slot),
   slot = pg_backend_pid() % counter_slots of the tenant's tier, so that
   concurrent writers of one tenant spread over several rows. Then:
     MT301 / MT404  unknown, suspended or closed tenant (checked first);
     MT403  rate limit, when p_take_token (one call takes one token, whatever
            its number of operations): GCRA per slot, emission interval
            ceil(1e6 * slots / rate_limit_per_second) microseconds, burst
            max(1, rate_limit_burst / slots) calls, state rl_tat_us in the
            slot's row of the current month;
     MT402  a tier whose overage_policy is 'refuse' (free) past its allowance
            for p_period (one slot: exact under concurrency);
     MT416  a counter row past 10^15 transactions, units, operations or
            millicents of cost: beyond what the bill's sums can hold
            (docs/billing.md "Safety limits"); checked before any
            addition can overflow bigint (one call adds at most 10^4
            operations x 10^6 quantity x units per operation).
   A raise undoes the caller's statement: nothing is recorded.
   SECURITY INVOKER, executable by monay_owner only: called from the SECURITY
   DEFINER usage functions with their pinned search_path. */
DECLARE
    -- The rate limit's clock is the transaction's start (one request, one transaction):
    -- calls made inside one transaction count as made at once, whatever the machine's load.
    v_now_us  bigint := (extract(epoch FROM now()) * 1000000)::bigint;
    v_month   date := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
    v_status  text;
    v_tier    text;
    v_slots   bigint;
    v_rate    bigint;
    v_burst_cfg bigint;
    v_policy  text;
    v_incl_tx bigint;
    v_incl_cu bigint;
    v_slot    bigint;
    v_step    bigint;
    v_burst   bigint;
    v_token   boolean;
    v_tx      bigint;
    v_units   bigint;
    v_tat     bigint;
    v_ops     bigint;
    v_cost    bigint;
    c_max     constant bigint := 1000000000000000;  -- 10^15 per counter row
BEGIN
    -- The tenant's status and tier (mirror, no RLS) and the tier's prices, in one query.
    SELECT s.status, s.billing_tier, c.counter_slots, c.rate_limit_per_second, c.rate_limit_burst,
           c.overage_policy, c.included_transactions, c.included_computation_units
    INTO v_status, v_tier, v_slots, v_rate, v_burst_cfg, v_policy, v_incl_tx, v_incl_cu
    FROM monay_private.billing_tenant_state s
    LEFT JOIN LATERAL (SELECT c.* FROM monay.billing_tier_config c
                       WHERE c.tier = s.billing_tier AND c.effective_from <= v_month
                       ORDER BY c.effective_from DESC LIMIT 1) c ON true
    WHERE s.tenant_id = p_tenant_id;
    IF v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.require_tenant_status(p_tenant_id, v_status, 'MT404', 'usage is refused',
                                                    ARRAY['suspended', 'closed']);
    END IF;
    v_slot := pg_backend_pid() % v_slots;
    v_step := (1000000::bigint * v_slots + v_rate - 1) / v_rate;
    v_burst := greatest(1, v_burst_cfg / v_slots);
    v_token := p_take_token AND p_period = v_month;

    INSERT INTO monay_private.billing_usage_counters AS c
        (tenant_id, period, tier, slot, transactions, computation_units, operations, cost_millicents,
         late_transactions, late_computation_units, rl_tat_us)
    VALUES (p_tenant_id, p_period, v_tier, v_slot, p_transactions, p_units, p_operations, p_cost,
            CASE WHEN p_late THEN p_transactions ELSE 0 END, CASE WHEN p_late THEN p_units ELSE 0 END,
            CASE WHEN v_token THEN v_now_us + v_step END)
    ON CONFLICT (tenant_id, period, tier, slot) DO UPDATE
        SET transactions = c.transactions + excluded.transactions,
            computation_units = c.computation_units + excluded.computation_units,
            operations = c.operations + excluded.operations,
            cost_millicents = c.cost_millicents + excluded.cost_millicents,
            late_transactions = c.late_transactions + excluded.late_transactions,
            late_computation_units = c.late_computation_units + excluded.late_computation_units,
            rl_tat_us = CASE WHEN v_token THEN greatest(coalesce(c.rl_tat_us, v_now_us), v_now_us) + v_step
                             ELSE c.rl_tat_us END
    RETURNING c.transactions, c.computation_units, c.rl_tat_us, c.operations, c.cost_millicents
    INTO v_tx, v_units, v_tat, v_ops, v_cost;
    IF greatest(v_tx, v_units, v_ops, v_cost) > c_max THEN
        RAISE EXCEPTION 'usage of tenant % in % would exceed what billing can hold: % transactions, % units, '
            '% operations, % millicents of cost in one counter (at most % each)',
            p_tenant_id, to_char(p_period, 'YYYY-MM'), v_tx, v_units, v_ops, v_cost, c_max
            USING ERRCODE = 'MT416';
    END IF;

    IF p_take_token AND NOT v_token THEN
        -- Usage for a past month: the call's token comes from this month's row.
        INSERT INTO monay_private.billing_usage_counters AS c (tenant_id, period, tier, slot, rl_tat_us)
        VALUES (p_tenant_id, v_month, v_tier, v_slot, v_now_us + v_step)
        ON CONFLICT (tenant_id, period, tier, slot) DO UPDATE
            SET rl_tat_us = greatest(coalesce(c.rl_tat_us, v_now_us), v_now_us) + v_step
        RETURNING c.rl_tat_us INTO v_tat;
    END IF;
    IF p_take_token AND v_tat - v_now_us > v_burst * v_step THEN
        PERFORM monay_private.billing_refuse_rate(p_tenant_id, v_tier, v_rate, v_burst_cfg, v_slots,
            v_tat - v_now_us - v_burst * v_step);
    END IF;

    IF p_period <> v_month THEN
        SELECT c.overage_policy, c.included_transactions, c.included_computation_units
        INTO v_policy, v_incl_tx, v_incl_cu
        FROM monay.billing_tier_config c
        WHERE c.tier = v_tier AND c.effective_from <= p_period
        ORDER BY c.effective_from DESC LIMIT 1;
    END IF;
    IF v_policy = 'refuse' THEN
        IF v_tx > v_incl_tx THEN
            PERFORM monay_private.billing_refuse_over_allowance(p_tenant_id, v_tier, p_period,
                'transactions', v_incl_tx, v_tx - p_transactions, p_transactions);
        END IF;
        IF v_units > v_incl_cu THEN
            PERFORM monay_private.billing_refuse_over_allowance(p_tenant_id, v_tier, p_period,
                'computation units', v_incl_cu, v_units - p_units, p_units);
        END IF;
    END IF;
END;
$$;

ALTER FUNCTION monay_private.billing_account(p_tenant_id uuid, p_period date, p_transactions bigint, p_units bigint, p_operations bigint, p_cost bigint, p_late boolean, p_take_token boolean) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_account(p_tenant_id uuid, p_period date, p_transactions bigint, p_units bigint, p_operations bigint, p_cost bigint, p_late boolean, p_take_token boolean); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_account(p_tenant_id uuid, p_period date, p_transactions bigint, p_units bigint, p_operations bigint, p_cost bigint, p_late boolean, p_take_token boolean) IS 'Adds usage to the sharded counters; enforces tenant status, rate limit and the free allowance.';

--
-- Name: billing_bill_json(uuid, date, text, text, text, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, numeric, monay.billing_bill_line[], boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_bill_json(p_tenant_id uuid, p_period date, p_tier text, p_status text, p_payment_method text, p_days_in_period bigint, p_transactions_included bigint, p_transactions_used bigint, p_units_included bigint, p_units_used bigint, p_late_transactions bigint, p_late_units bigint, p_base_fee_cents bigint, p_overage_transactions_cents bigint, p_overage_units_cents bigint, p_total_before_discount_cents bigint, p_usdxm_discount_cents bigint, p_cost_cents bigint, p_gross_margin_percent numeric, p_target_margin_percent numeric, p_lines monay.billing_bill_line[], p_with_margin boolean) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    AS $$
/* The bill document of one tenant and month, built from its figures (the
   columns of monay.billing_metrics, or a row of monay_private.billing_price
   for a draft): the one place that writes its shape (docs/billing.md):
     {tenant_id, period, period_end, days_in_period, tier, status,
      usage: {transactions: {limit, used, remaining},
              computation_units: {limit, used, remaining},
              late_transactions, late_computation_units},
      costs: {base_fee_cents, overage_transactions_cents,
              overage_computation_units_cents, total_before_discount_cents,
              usdxm_discount_cents, total_cents, payment_method},
      margin: {cost_cents, gross_margin_percent, target_gross_margin_percent},
      lines: [{tier, days, price_version, overage_policy, base_fee_cents,
               included_transactions, transactions_used, overage_transactions,
               overage_transaction_price_cents, overage_transactions_cents,
               included_computation_units, computation_units_used,
               overage_computation_units, overage_per_1000_units_cents,
               overage_computation_units_cents, cost_millicents}]}
   "margin" only when p_with_margin (the MARGIN_CALCULATION_ENABLED setting,
   read by the callers).
   Built as json text and converted to jsonb once.
   A function of its arguments; raises nothing. PL/pgSQL: its statement's
   plan is kept for the session (a LANGUAGE sql function with a sub-select
   is never inlined, and is planned again at every call). Not SECURITY
   DEFINER, no SET (it reads no table); every name is schema-qualified or
   pg_catalog's; EXECUTE is the owner's only. */
BEGIN
    RETURN (json_build_object(
        'tenant_id', p_tenant_id,
        'period', p_period,
        'period_end', (p_period + interval '1 month')::date,
        'days_in_period', p_days_in_period,
        'tier', p_tier,
        'status', p_status,
        'usage', json_build_object(
            'transactions', json_build_object('limit', p_transactions_included, 'used', p_transactions_used,
                                               'remaining', greatest(p_transactions_included - p_transactions_used, 0)),
            'computation_units', json_build_object('limit', p_units_included, 'used', p_units_used,
                                                    'remaining', greatest(p_units_included - p_units_used, 0)),
            'late_transactions', p_late_transactions,
            'late_computation_units', p_late_units),
        'costs', json_build_object(
            'base_fee_cents', p_base_fee_cents,
            'overage_transactions_cents', p_overage_transactions_cents,
            'overage_computation_units_cents', p_overage_units_cents,
            'total_before_discount_cents', p_total_before_discount_cents,
            'usdxm_discount_cents', p_usdxm_discount_cents,
            'total_cents', p_total_before_discount_cents - p_usdxm_discount_cents,
            'payment_method', p_payment_method),
        'margin', json_build_object(
            'cost_cents', p_cost_cents,
            'gross_margin_percent', p_gross_margin_percent,
            'target_gross_margin_percent', p_target_margin_percent),
        'lines', coalesce((
            SELECT json_agg(json_build_object(
                'tier', l.tier, 'days', l.days, 'price_version', l.price_version,
                'overage_policy', l.overage_policy,
                'base_fee_cents', l.base_fee_cents,
                'included_transactions', l.included_transactions, 'transactions_used', l.transactions_used,
                'overage_transactions', greatest(l.transactions_used - l.included_transactions, 0),
                'overage_transaction_price_cents', l.overage_transaction_price_cents,
                'overage_transactions_cents', l.overage_transactions_cents,
                'included_computation_units', l.included_computation_units,
                'computation_units_used', l.computation_units_used,
                'overage_computation_units', greatest(l.computation_units_used - l.included_computation_units, 0),
                'overage_per_1000_units_cents', l.overage_per_1000_units_cents,
                'overage_computation_units_cents', l.overage_computation_units_cents,
                'cost_millicents', l.cost_millicents) ORDER BY l.n)
            FROM unnest(p_lines) WITH ORDINALITY AS l(tier, days, price_version, overage_policy, base_fee_cents,
                included_transactions, transactions_used, overage_transaction_price_cents,
                overage_transactions_cents, included_computation_units, computation_units_used,
                overage_per_1000_units_cents, overage_computation_units_cents, cost_millicents, n)),
            '[]'::json)))::jsonb
        - CASE WHEN p_with_margin THEN '' ELSE 'margin' END;
END;
$$;

ALTER FUNCTION monay_private.billing_bill_json(p_tenant_id uuid, p_period date, p_tier text, p_status text, p_payment_method text, p_days_in_period bigint, p_transactions_included bigint, p_transactions_used bigint, p_units_included bigint, p_units_used bigint, p_late_transactions bigint, p_late_units bigint, p_base_fee_cents bigint, p_overage_transactions_cents bigint, p_overage_units_cents bigint, p_total_before_discount_cents bigint, p_usdxm_discount_cents bigint, p_cost_cents bigint, p_gross_margin_percent numeric, p_target_margin_percent numeric, p_lines monay.billing_bill_line[], p_with_margin boolean) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_bill_json(p_tenant_id uuid, p_period date, p_tier text, p_status text, p_payment_method text, p_days_in_period bigint, p_transactions_included bigint, p_transactions_used bigint, p_units_included bigint, p_units_used bigint, p_late_transactions bigint, p_late_units bigint, p_base_fee_cents bigint, p_overage_transactions_cents bigint, p_overage_units_cents bigint, p_total_before_discount_cents bigint, p_usdxm_discount_cents bigint, p_cost_cents bigint, p_gross_margin_percent numeric, p_target_margin_percent numeric, p_lines monay.billing_bill_line[], p_with_margin boolean); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_bill_json(p_tenant_id uuid, p_period date, p_tier text, p_status text, p_payment_method text, p_days_in_period bigint, p_transactions_included bigint, p_transactions_used bigint, p_units_included bigint, p_units_used bigint, p_late_transactions bigint, p_late_units bigint, p_base_fee_cents bigint, p_overage_transactions_cents bigint, p_overage_units_cents bigint, p_total_before_discount_cents bigint, p_usdxm_discount_cents bigint, p_cost_cents bigint, p_gross_margin_percent numeric, p_target_margin_percent numeric, p_lines monay.billing_bill_line[], p_with_margin boolean) IS 'The bill document (JSON) of one tenant and month, built from its figures (stored columns or a draft).';

--
-- Name: billing_compute(uuid, date, text, bigint, bigint, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_compute(p_tenant_id uuid, p_period date, p_extra_tier text DEFAULT NULL::text, p_extra_transactions bigint DEFAULT 0, p_extra_units bigint DEFAULT 0, p_extra_cost bigint DEFAULT 0) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The hybrid bill of one tenant for the month starting p_period (the first
   day of a month; callers normalise), status 'draft': the row of
   monay_private.billing_price (where every money rule is written, and which
   the monthly run uses for its batches) for this one tenant. The p_extra_*
   arguments add hypothetical usage under a tier (for
   monay.calculate_transaction_cost). Rules: billing_price.sql, docs/billing.md.
   The document is built by monay_private.billing_bill_json, as a stored
   bill's is on read; without its "margin" when the MARGIN_CALCULATION_ENABLED
   setting is false.
   Raises MT301 when the tenant does not exist, MT416 when the bill would be
   above 10^15 cents (the monthly run records it and goes on). */
DECLARE
    v_p record;
BEGIN
    SELECT p.* INTO v_p
    FROM monay_private.billing_price(ARRAY[p_tenant_id], p_period, p_extra_tier, p_extra_transactions,
                                     p_extra_units, p_extra_cost) p;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    IF v_p.total_cents IS NULL THEN
        RAISE EXCEPTION 'the bill of tenant % for % would be % cents, above the 10^15 cents billing can hold',
            p_tenant_id, to_char(p_period, 'YYYY-MM'), v_p.total_before_discount USING ERRCODE = 'MT416';
    END IF;
    RETURN monay_private.billing_bill_json(p_tenant_id, p_period, v_p.tier, 'draft', 'USDXM', v_p.days_in_period,
        v_p.transactions_included, v_p.transactions_used, v_p.computation_units_included,
        v_p.computation_units_used, v_p.late_transactions, v_p.late_computation_units, v_p.base_fee_cents,
        v_p.overage_transactions_cents, v_p.overage_computation_units_cents, v_p.total_before_discount::bigint,
        v_p.usdxm_discount_cents, v_p.cost_cents, v_p.gross_margin_percent, v_p.target_gross_margin_percent,
        v_p.lines, monay_private.billing_margin_enabled());
END;
$$;

ALTER FUNCTION monay_private.billing_compute(p_tenant_id uuid, p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_compute(p_tenant_id uuid, p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_compute(p_tenant_id uuid, p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint) IS 'The hybrid bill of one tenant and month (monay_private.billing_price for one tenant; MT301, MT416).';

--
-- Name: billing_finalize_tenant(uuid, date, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_finalize_tenant(p_tenant_id uuid, p_period date, p_run_id bigint DEFAULT NULL::bigint) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Finalizes the bill of one tenant for the month starting p_period (which
   must be over), exactly once:
   1. takes the exclusive period lock (month, tenant bucket:
      monay_private.billing_period_lock_key) that every operation of that
      month holds shared until it commits (monay_private.billing_period_for):
      waits for the operations in flight, and later ones see the bill and
      count as late usage of the running month. The wait obeys lock_timeout
      (55P03): the monthly run sets a short one and retries the tenant
      later instead of waiting on an application's open transaction;
   2. if the month is billed already (by another run, or before a crash),
      returns false: nobody is billed twice (the primary key (tenant_id,
      period) would refuse a second row anyway);
   3. computes the bill from the counters and stores it
      (monay_private.billing_store_bills, as the monthly run's batches do):
      'finalized' (a bill of 0 is 'paid' at once: nothing is due)
      and, for a bill above 0, takes the tenant's waterfall lock before it
      looks for payments: a payment committed before sees this bill through
      the waterfall here; a payment in flight waits for this transaction and
      its own waterfall then sees the bill. Credit pays a bill the moment it
      is finalized, whatever the interleaving. Returns true.
   The caller commits. Kept lean: the monthly run calls it once per tenant. */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
    c_waterfall constant integer := 1296253207;  -- 'MBPW': the waterfall lock (billing_waterfall)
    v_total bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(c_lock_kind, monay_private.billing_period_lock_key(p_tenant_id, p_period));
    -- A new statement, a new snapshot: it sees every operation committed
    -- before the lock was granted, and a bill another run committed. The
    -- bill is priced and stored by the same code as the monthly run's
    -- batches (monay_private.billing_store_bills), which passes over a
    -- month billed already.
    SELECT s.total_before_discount_cents INTO v_total
    FROM monay_private.billing_store_bills(ARRAY[p_tenant_id], p_period, p_run_id) s;
    IF NOT FOUND THEN
        IF EXISTS (SELECT 1 FROM monay.billing_metrics m WHERE m.tenant_id = p_tenant_id AND m.period = p_period) THEN
            RETURN false;
        END IF;
        -- No bill stored and none there: raises MT301 or MT416, as it says.
        PERFORM monay_private.billing_compute(p_tenant_id, p_period);
        -- Unreachable (the lock is held and nothing else stores bills): an invariant.
        ASSERT false, format('the bill of tenant %s for %s could not be stored', p_tenant_id, p_period);
    END IF;
    IF v_total > 0 THEN
        -- The lock first, then a new statement (a new snapshot) looks for payments.
        PERFORM pg_advisory_xact_lock(c_waterfall, hashtext(p_tenant_id::text || ':all'));
        IF EXISTS (SELECT 1 FROM monay.payments p WHERE p.tenant_id = p_tenant_id) THEN
            PERFORM monay_private.billing_waterfall(p_tenant_id);
        END IF;
    END IF;
    RETURN true;
END;
$$;

ALTER FUNCTION monay_private.billing_finalize_tenant(p_tenant_id uuid, p_period date, p_run_id bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_finalize_tenant(p_tenant_id uuid, p_period date, p_run_id bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_finalize_tenant(p_tenant_id uuid, p_period date, p_run_id bigint) IS 'Finalizes one tenant''s month exactly once (period lock, stored bill, credit applied).';

--
-- Name: billing_margin_enabled(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_margin_enabled() RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The seed's MARGIN_CALCULATION_ENABLED flag (monay.settings): true when
   bills carry their margin figures ("margin": cost, gross margin, target),
   false to leave them out of every bill document (drafts and stored bills
   alike: the figures stay stored, only the documents omit them). It switches
   off nothing that decides money: the tiers' margin CHECK on tenants, the
   price versions' margin floor (billing_config_guard) and
   monay.apply_margin_markup stay as they are (docs/billing.md). True when
   the setting is missing (a database before migration 016). Raises nothing.
   PL/pgSQL: its plan is kept for the session. */
BEGIN
    RETURN coalesce((SELECT (s.value #>> '{}')::boolean FROM monay.settings s
                     WHERE s.key = 'MARGIN_CALCULATION_ENABLED'), true);
END;
$$;

ALTER FUNCTION monay_private.billing_margin_enabled() OWNER TO monay_owner;
--
-- Name: FUNCTION billing_margin_enabled(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_margin_enabled() IS 'MARGIN_CALCULATION_ENABLED: whether bill documents carry their margin figures (true when unset).';

--
-- Name: billing_margin_floor_check(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_margin_floor_check() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER INSERT/UPDATE on monay.billing_tier_config, monay.operation_costs
   and monay.stablecoin_payment_config (per statement): refuses (MT411) a
   price, allowance, cost or payment discount that would put a tier below its
   gross-margin floor, on overage or on the allowance included in the base
   fee (monay_private.billing_margin_violation, both rules). SECURITY
   DEFINER: the platform role that changes prices has no access to
   monay_private. */
DECLARE
    v_msg text := monay_private.billing_margin_violation();
BEGIN
    IF v_msg IS NOT NULL THEN
        RAISE EXCEPTION '%', v_msg USING ERRCODE = 'MT411',
            HINT = 'Raise the price (overage price or base fee), lower the included allowance, the cost or the '
                   'payment discount, or lower the tier''s gross_margin_min_percent.';
    END IF;
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.billing_margin_floor_check() OWNER TO monay_owner;
--
-- Name: FUNCTION billing_margin_floor_check(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_margin_floor_check() IS 'Trigger: refuses prices, allowances, costs or discounts that break a tier''s gross-margin floor (MT411).';

--
-- Name: billing_margin_violation(text, date); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_margin_violation(p_tier text DEFAULT NULL::text, p_period date DEFAULT NULL::date) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The first price version that breaks its tier's gross-margin floor, as a
   message, or NULL. Checked for every version with a floor above 0 (free has
   none) in force now or later (p_tier/p_period narrow it), against the
   operation costs and the payment discounts as they are now. All amounts in
   millicents; f = gross_margin_min_percent; d = the largest discount_percent
   of monay.stablecoin_payment_config (USDXM: 10): the bill's margin is taken
   on what the tenant pays after that discount, so revenue counts at
   (100 - d) / 100 of the price. Both rules are exact: products of integers
   and numeric(5,2), compared cross-multiplied, never a division.

   1. Overage (versions that bill overage). One unit of operation o billed
      as overage under version v is priced
        price = (counts_as_transaction ? overage_transaction_cents * 1000 : 0)
                + computation_units * overage_per_1000_units_cents
      and must keep the floor:
        cost_millicents * 100 * 100 <= price * (100 - d) * (100 - f)

   2. Allowance (every version). The base fee pays for the included
      allowance, whose worst-case cost to Monay is bounded by
        bound = included_transactions * CT + included_computation_units * CU
      CT = max cost_millicents over operations that count as a transaction,
      CU = max over operations with units > 0 of cost_millicents / units.
      The bound is conservative: an operation that counts as a transaction
      also uses units, and its cost is counted in both terms; an operation
      that uses neither costs nothing against the allowance and is caught by
      rule 1 (its overage price is 0). The rule
        bound * 100 * 100 <= base_fee_cents * 1000 * (100 - d) * (100 - f)
      holds iff it holds with CU replaced by cost_o / units_o for every
      operation o with units > 0; multiplied by units_o (> 0):
        (included_transactions * CT * units_o + included_computation_units * cost_o) * 100 * 100
          <= base_fee_cents * 1000 * (100 - d) * (100 - f) * units_o
      which is what is checked (plus CU = 0 when no operation has units).
   With both rules, a whole month of any usage of one paid tier costs Monay
   at most (100 - f)% of what the tenant pays (up to cent rounding); see
   docs/billing.md, "Margin floor", for the proof sketch and the cases a
   month with a tier change does not cover. */
DECLARE
    v_disc numeric;
    v_msg  text;
BEGIN
    SELECT coalesce(max(s.discount_percent), 0) INTO v_disc FROM monay.stablecoin_payment_config s;

    WITH versions AS (
        SELECT v.* FROM monay.billing_tier_config v
        WHERE v.gross_margin_min_percent > 0
          AND (p_tier IS NULL OR v.tier = p_tier) AND (p_period IS NULL OR v.effective_from = p_period)
          AND v.effective_from >= coalesce(
                (SELECT max(c.effective_from) FROM monay.billing_tier_config c
                 WHERE c.tier = v.tier AND c.effective_from <= date_trunc('month', now() AT TIME ZONE 'UTC')::date),
                date '-infinity')
    ), overage AS (
        -- Rule 1, per version and operation; the worst ratio of cost to price first.
        SELECT v.tier, v.effective_from, 1 AS rule,
               CASE WHEN p.price > 0 THEN -(o.cost_millicents / p.price) END AS rank, o.operation_type AS op,
               format('tier %s (prices from %s): operation %s costs %s millicents and is billed %s millicents '
                      'per unit on overage, %s after the largest payment discount of %s%%: a gross margin below '
                      'the floor of %s%% (rule: cost x 100 x 100 <= price x (100 - discount) x (100 - floor))',
                      v.tier, v.effective_from, o.operation_type, o.cost_millicents, p.price,
                      trim_scale(p.price * (100 - v_disc) / 100), v_disc, v.gross_margin_min_percent) AS msg
        FROM versions v
        CROSS JOIN monay.operation_costs o
        CROSS JOIN LATERAL (
            SELECT (CASE WHEN o.counts_as_transaction THEN v.overage_transaction_cents * 1000 ELSE 0 END
                    + o.computation_units * v.overage_per_1000_units_cents)::numeric AS price) p
        WHERE v.overage_policy = 'bill'
          AND o.cost_millicents::numeric * 100 * 100 > p.price * (100 - v_disc) * (100 - v.gross_margin_min_percent)
    ), ct AS (
        SELECT coalesce(max(o.cost_millicents) FILTER (WHERE o.counts_as_transaction), 0)::numeric AS ct,
               (array_agg(o.operation_type ORDER BY o.cost_millicents DESC, o.operation_type COLLATE "C")
                    FILTER (WHERE o.counts_as_transaction))[1] AS ct_op
        FROM monay.operation_costs o
    ), per_unit AS (
        -- Candidates for CU: every operation with units, and CU = 0.
        SELECT o.operation_type, o.cost_millicents::numeric AS cost, o.computation_units::numeric AS units
        FROM monay.operation_costs o WHERE o.computation_units > 0
        UNION ALL
        SELECT NULL, 0, 1
    ), allowance AS (
        -- Rule 2, per version and candidate for CU (cross-multiplied by its
        -- units); the dearest unit first. The bound in the message is
        -- rounded up to a millicent (display only).
        SELECT v.tier, v.effective_from, 2 AS rule, -(u.cost / u.units) AS rank, u.operation_type AS op,
               format('tier %s (prices from %s): using the whole included allowance (%s transactions, %s computation '
                      'units) may cost Monay up to %s millicents (%s transactions x %s, the dearest transaction (%s), '
                      '+ %s units x %s, the dearest unit (%s: %s millicents per %s units)), and the base fee of %s '
                      'cents is %s millicents after the largest payment discount of %s%%: a gross margin below the '
                      'floor of %s%% (rule: bound x 100 x 100 <= base fee x 1000 x (100 - discount) x (100 - floor); '
                      'the bound is conservative, an operation''s cost counts against both allowances)',
                      v.tier, v.effective_from, v.included_transactions, v.included_computation_units,
                      ceil((v.included_transactions * ct.ct * u.units + v.included_computation_units * u.cost) / u.units),
                      v.included_transactions, ct.ct, coalesce(ct.ct_op, 'none'),
                      v.included_computation_units, trim_scale(round(u.cost / u.units, 3)),
                      coalesce(u.operation_type, 'none'), u.cost, u.units,
                      v.base_fee_cents, trim_scale(v.base_fee_cents::numeric * 1000 * (100 - v_disc) / 100), v_disc,
                      v.gross_margin_min_percent) AS msg
        FROM versions v
        CROSS JOIN ct
        CROSS JOIN per_unit u
        WHERE (v.included_transactions * ct.ct * u.units + v.included_computation_units * u.cost) * 100 * 100
              > v.base_fee_cents::numeric * 1000 * (100 - v_disc) * (100 - v.gross_margin_min_percent) * u.units
    )
    SELECT x.msg INTO v_msg
    FROM (SELECT o.tier, o.effective_from, o.rule, o.rank, o.op, o.msg FROM overage o
          UNION ALL
          SELECT a.tier, a.effective_from, a.rule, a.rank, a.op, a.msg FROM allowance a) x
    ORDER BY x.tier COLLATE "C", x.effective_from, x.rule, x.rank NULLS FIRST, x.op COLLATE "C"
    LIMIT 1;
    RETURN v_msg;
END;
$$;

ALTER FUNCTION monay_private.billing_margin_violation(p_tier text, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_margin_violation(p_tier text, p_period date); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_margin_violation(p_tier text, p_period date) IS 'First price version (current or future) whose overage price or included allowance breaks its tier''s gross-margin floor, or NULL.';

--
-- Name: billing_metrics_guard(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_metrics_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE UPDATE OR DELETE on monay.billing_metrics: a bill that is not a
   draft never changes its tenant, period, usage or amounts and is never
   deleted (MT408); corrections are rows of monay.billing_adjustments. What
   may move: status (finalized -> paid -> finalized when an adjustment
   reopens it, finalized -> void), payment_method and paid_at. A void bill
   stays void. payment_method is not guarded here: the stablecoin CHECK
   refuses fiat (23514). */
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'bill of tenant % for % is % and cannot be deleted', OLD.tenant_id,
                to_char(OLD.period, 'YYYY-MM'), OLD.status USING ERRCODE = 'MT408';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'draft' THEN
        RETURN NEW;
    END IF;
    IF (NEW.tenant_id, NEW.period, NEW.tier, NEW.days_in_period, NEW.transactions_included, NEW.transactions_used,
        NEW.computation_units_included, NEW.computation_units_used, NEW.late_transactions,
        NEW.late_computation_units, NEW.base_fee_cents, NEW.overage_transactions_cents,
        NEW.overage_computation_units_cents, NEW.total_before_discount_cents, NEW.usdxm_discount_cents,
        NEW.total_cents, NEW.cost_cents, NEW.gross_margin_percent, NEW.bill, NEW.run_id, NEW.finalized_at,
        NEW.target_gross_margin_percent, NEW.lines)
       IS DISTINCT FROM
       (OLD.tenant_id, OLD.period, OLD.tier, OLD.days_in_period, OLD.transactions_included, OLD.transactions_used,
        OLD.computation_units_included, OLD.computation_units_used, OLD.late_transactions,
        OLD.late_computation_units, OLD.base_fee_cents, OLD.overage_transactions_cents,
        OLD.overage_computation_units_cents, OLD.total_before_discount_cents, OLD.usdxm_discount_cents,
        OLD.total_cents, OLD.cost_cents, OLD.gross_margin_percent, OLD.bill, OLD.run_id, OLD.finalized_at,
        OLD.target_gross_margin_percent, OLD.lines) THEN
        RAISE EXCEPTION 'bill of tenant % for % is % and immutable: record a correction with monay.adjust_bill',
            OLD.tenant_id, to_char(OLD.period, 'YYYY-MM'), OLD.status USING ERRCODE = 'MT408';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
           (OLD.status = 'finalized' AND NEW.status IN ('paid', 'void'))
        OR (OLD.status = 'paid' AND NEW.status = 'finalized')) THEN
        RAISE EXCEPTION 'bill of tenant % for %: status cannot go from % to %', OLD.tenant_id,
            to_char(OLD.period, 'YYYY-MM'), OLD.status, NEW.status USING ERRCODE = 'MT408';
    END IF;
    RETURN NEW;
END;
$$;

ALTER FUNCTION monay_private.billing_metrics_guard() OWNER TO monay_owner;
--
-- Name: FUNCTION billing_metrics_guard(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_metrics_guard() IS 'Trigger: finalized bills are immutable (MT408) except status, payment_method, paid_at.';

--
-- Name: operation_costs; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.operation_costs (
    operation_type text NOT NULL,
    computation_units bigint NOT NULL,
    counts_as_transaction boolean NOT NULL,
    cost_millicents bigint NOT NULL,
    description text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT operation_costs_cost_non_negative CHECK ((cost_millicents >= 0)),
    CONSTRAINT operation_costs_type_format CHECK ((operation_type ~ '^[a-z][a-z0-9_]{0,62}$'::text)),
    CONSTRAINT operation_costs_units_non_negative CHECK ((computation_units >= 0))
);

ALTER TABLE ONLY monay.operation_costs FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.operation_costs OWNER TO monay_owner;
--
-- Name: TABLE operation_costs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.operation_costs IS 'Per operation type: computation units, whether it counts as a transaction, cost to Monay (1/1000 cent).';

--
-- Name: billing_operation_cost(uuid, text, integer, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_operation_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_caller text) RETURNS monay.operation_costs
    LANGUAGE plpgsql STABLE
    AS $$
/* The checks every per-operation billing function starts with, in one place:
   p_quantity at least 1 (22023, naming p_caller and the tenant) and at most
   BILLING_MAX_OPERATION_QUANTITY (MT416: sums of usage and money must fit
   in bigint, docs/billing.md "Safety limits"), and the operation's row of monay.operation_costs (MT401 for an unknown type).
   SECURITY INVOKER, executable by monay_owner only: called from the
   SECURITY DEFINER billing functions, whose pinned search_path it runs with. */
DECLARE
    v_cost monay.operation_costs;
BEGIN
    IF p_quantity IS NULL OR p_quantity < 1 THEN
        RAISE EXCEPTION '%: quantity must be at least 1, got % (tenant %)',
            p_caller, coalesce(p_quantity::text, 'NULL'), p_tenant_id USING ERRCODE = '22023';
    END IF;
    IF p_quantity > (monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}')::integer THEN
        RAISE EXCEPTION '%: quantity % is above BILLING_MAX_OPERATION_QUANTITY (%) (tenant %)',
            p_caller, p_quantity, monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}', p_tenant_id
            USING ERRCODE = 'MT416', HINT = 'Split the usage into several operations.';
    END IF;
    SELECT * INTO v_cost FROM monay.operation_costs c WHERE c.operation_type = p_operation_type;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown operation type % for tenant %', coalesce(quote_literal(p_operation_type), 'NULL'),
            p_tenant_id USING ERRCODE = 'MT401',
            HINT = 'SELECT operation_type FROM monay.operation_costs lists the known types.';
    END IF;
    RETURN v_cost;
END;
$$;

ALTER FUNCTION monay_private.billing_operation_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_caller text) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_operation_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_caller text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_operation_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_caller text) IS 'Validates the quantity (22023, MT416) and returns the operation''s costs row (MT401 when unknown).';

--
-- Name: billing_operations_fill(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_operations_fill() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE INSERT on monay.billing_operations for rows that arrive without a
   billing_period: the seed's raw
     INSERT INTO billing_operations (operation_type, computation_units) VALUES (...)
   under a tenant context (monay_app may name only tenant_id, operation_type,
   quantity, computation_units and occurred_at). Does per row what
   track_operation does per call: fills the tenant from the context, units,
   transactions and cost from monay.operation_costs, the billing period (late
   rule), then counts the row and enforces the limits through
   monay_private.billing_account (each row counts as one call for the rate
   limit). Raises as track_operation does (MT301, MT402, MT403, MT404), and:
   Raises:
     42501 no tenant (no verified context), or another tenant's row
     MT401 unknown operation type
     MT410 computation_units given and not units x quantity of the type
     22023 occurred_at in the future (more than 5 minutes ahead)
     MT415 occurred_at not finite or before the tenant was created
     MT416 quantity above BILLING_MAX_OPERATION_QUANTITY (or counters full)
   Locks: the period lock of billing_period_for, keyed by month and tenant
   bucket, so one statement holds at most 256 per month whatever its size. */
DECLARE
    v_cost monay.operation_costs;
    v_bp   record;
BEGIN
    IF NEW.tenant_id IS NULL THEN
        RAISE EXCEPTION 'billing_operations: no tenant: insert under a verified tenant context or name tenant_id'
            USING ERRCODE = '42501';
    END IF;
    PERFORM monay_private.require_tenant_access(NEW.tenant_id, 'billing_operations');
    SELECT * INTO v_cost FROM monay.operation_costs c WHERE c.operation_type = NEW.operation_type;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown operation type % for tenant %', coalesce(quote_literal(NEW.operation_type), 'NULL'),
            NEW.tenant_id USING ERRCODE = 'MT401',
            HINT = 'SELECT operation_type FROM monay.operation_costs lists the known types.';
    END IF;
    NEW.quantity := coalesce(NEW.quantity, 1);
    IF NEW.quantity > (monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}')::integer THEN
        RAISE EXCEPTION 'quantity % is above BILLING_MAX_OPERATION_QUANTITY (%) (tenant %)',
            NEW.quantity, monay.get_setting('BILLING_MAX_OPERATION_QUANTITY') #>> '{}', NEW.tenant_id
            USING ERRCODE = 'MT416';
    END IF;
    IF NEW.computation_units IS NULL THEN
        NEW.computation_units := v_cost.computation_units * NEW.quantity;
    ELSIF NEW.computation_units <> v_cost.computation_units * NEW.quantity THEN
        RAISE EXCEPTION 'computation_units % does not match % x % = % for operation type % of tenant %',
            NEW.computation_units, NEW.quantity, v_cost.computation_units,
            v_cost.computation_units * NEW.quantity, NEW.operation_type, NEW.tenant_id
            USING ERRCODE = 'MT410';
    END IF;
    IF NEW.occurred_at > clock_timestamp() + interval '5 minutes' THEN
        RAISE EXCEPTION 'occurred_at % is in the future (tenant %)', NEW.occurred_at, NEW.tenant_id
            USING ERRCODE = '22023';
    END IF;
    NEW.transactions := CASE WHEN v_cost.counts_as_transaction THEN NEW.quantity ELSE 0 END;
    NEW.cost_millicents := v_cost.cost_millicents * NEW.quantity;
    v_bp := monay_private.billing_period_for(NEW.tenant_id, NEW.occurred_at);
    NEW.billing_period := v_bp.period;
    NEW.late := v_bp.late;
    NEW.recorded_at := now();
    PERFORM monay_private.billing_account(NEW.tenant_id, NEW.billing_period, NEW.transactions,
        NEW.computation_units, NEW.quantity, NEW.cost_millicents, NEW.late, true);
    RETURN NEW;
END;
$$;

ALTER FUNCTION monay_private.billing_operations_fill() OWNER TO monay_owner;
--
-- Name: FUNCTION billing_operations_fill(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_operations_fill() IS 'Trigger: fills a raw billing_operations insert (tenant, units, cost, period) and checks it.';

--
-- Name: billing_payment_discount(uuid, bigint, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_payment_discount(p_tenant_id uuid, p_amount bigint, p_percent bigint) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The discount of a new payment of p_amount cents in a coin with p_percent
   off, per bill (docs/billing.md "Payments"): the waterfall will allocate
   the tenant's existing credit E, then this payment, to its finalized bills
   oldest first, in the order of the cumulative due amounts. On that axis
   the payment covers [E, E + p_amount). For each bill m with total B_m
   (total_before_discount + adjustments) and due d_m, starting at c_m on the
   axis, the payment settles x_m = overlap([c_m, c_m + d_m), [E, E + a)),
   after s_m = B_m - d_m + overlap([c_m, c_m + d_m), [0, E)) was settled:
     discount = sum_m (floor((s_m + x_m) p / 100) - floor(s_m p / 100))
                + floor((a - sum_m x_m) p / 100)
   so the discounts of all the payments that settle one bill add up to
   floor(B_m p / 100): a bill paid in k USDXM payments costs exactly its
   total_cents. The caller holds the waterfall lock (nothing moves
   in between). Never raises. */
DECLARE
    v_credit   bigint;
    v_discount bigint;
BEGIN
    IF p_percent = 0 THEN
        RETURN 0;
    END IF;
    SELECT coalesce(sum(p.amount_cents), 0)
           - coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x WHERE x.tenant_id = p_tenant_id), 0)
    INTO v_credit
    FROM monay.payments p WHERE p.tenant_id = p_tenant_id;
    WITH bills AS (
        SELECT b.period, b.total, greatest(b.total - b.allocated, 0) AS due
        FROM (SELECT m.period,
                     m.total_before_discount_cents
                     + coalesce((SELECT sum(a.amount_cents) FROM monay.billing_adjustments a
                                 WHERE a.tenant_id = m.tenant_id AND a.period = m.period), 0) AS total,
                     coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                               WHERE x.tenant_id = m.tenant_id AND x.period = m.period), 0) AS allocated
              FROM monay.billing_metrics m
              WHERE m.tenant_id = p_tenant_id AND m.status = 'finalized') b
    ), axis AS (
        SELECT b.total, b.due,
               coalesce(sum(b.due) OVER (ORDER BY b.period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS c
        FROM bills b
    ), parts AS (
        SELECT a.total - a.due + greatest(0, least(a.c + a.due, v_credit) - a.c) AS s,
               greatest(0, least(a.c + a.due, v_credit + p_amount) - greatest(a.c, v_credit)) AS x
        FROM axis a
    )
    SELECT coalesce(sum(div((pt.s + pt.x) * p_percent, 100) - div(pt.s * p_percent, 100)), 0)
           + div((p_amount - coalesce(sum(pt.x), 0)) * p_percent, 100)
    INTO v_discount
    FROM parts pt;
    RETURN v_discount;
END;
$$;

ALTER FUNCTION monay_private.billing_payment_discount(p_tenant_id uuid, p_amount bigint, p_percent bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_payment_discount(p_tenant_id uuid, p_amount bigint, p_percent bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_payment_discount(p_tenant_id uuid, p_amount bigint, p_percent bigint) IS 'Discount of a new payment, per bill it settles (a bill paid in k USDXM payments costs exactly its total).';

--
-- Name: billing_period_bucket(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_period_bucket(p_tenant_id uuid) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
/* The tenant's bucket (0 to 255) for the billing period lock: hashtext of the
   tenant id's text, its low 8 bits. The one definition behind
   monay_private.billing_period_lock_key (the lock every operation and the
   monthly run take) and the parts of the monthly run (monay.billing_run_part:
   part k of n bills the buckets whose number modulo n is k - 1). By hash, not
   by the id's leading bits, so buckets stay even whatever ids applications
   choose (time-ordered ids included). Inlined into its callers. Never
   raises; NULL for NULL. */
    SELECT hashtext(p_tenant_id::text) & 255
$$;

ALTER FUNCTION monay_private.billing_period_bucket(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_period_bucket(p_tenant_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_period_bucket(p_tenant_id uuid) IS 'The tenant''s billing period lock bucket (0-255): the unit of the period lock and of the monthly run''s parts.';

--
-- Name: billing_period_bucket_key(integer, date); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_period_bucket_key(p_bucket integer, p_period date) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
/* The second key of the billing period lock (first key 1296253249, 'MBPL') of
   one bucket of tenants (monay_private.billing_period_bucket) for the month
   starting p_period: hashtext of 'YYYY-MM-DD:bucket'. The monthly run
   computes it once per bucket of a batch (at most 256), not once per tenant
   (issue 13, fourth round); monay_private.billing_period_lock_key gives the
   same key from a tenant id. The month as text built from immutable parts
   (date::text depends on DateStyle and is only STABLE, which would keep this
   function from being inlined). Never raises; NULL for NULL. */
    SELECT hashtext(extract(year FROM p_period)::integer::text
                    || '-' || lpad(extract(month FROM p_period)::integer::text, 2, '0')
                    || '-' || lpad(extract(day FROM p_period)::integer::text, 2, '0')
                    || ':' || p_bucket::text)
$$;

ALTER FUNCTION monay_private.billing_period_bucket_key(p_bucket integer, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_period_bucket_key(p_bucket integer, p_period date); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_period_bucket_key(p_bucket integer, p_period date) IS 'Second key of the billing period lock for one bucket of tenants and one month.';

--
-- Name: billing_period_for(uuid, timestamp with time zone); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_period_for(p_tenant_id uuid, p_occurred_at timestamp with time zone, OUT period date, OUT late boolean) RETURNS record
    LANGUAGE plpgsql
    AS $$
/* The billing period that counts an operation of p_tenant_id that happened
   at p_occurred_at (the first day of a UTC month), and whether it is late.
   Late-usage rule (docs/billing.md "Late events"): an operation counts in
   its own month when that month is the running month, or the month before
   it while that month has no bill yet; otherwise (an older month, or a
   billed one) it counts in the running month, marked late. A finalized bill
   never changes, and no month gets a fresh allowance after the fact.
   Takes the shared period lock (1296253249, billing_period_lock_key) of the
   month it counts in and holds it to the end of the transaction: the
   monthly run takes it exclusively before it finalizes a month, so an
   operation either commits before the run reads the counters or sees the
   bill. At most two such locks per tenant (previous and running month),
   whatever the input.
   The tenant's creation time comes from monay_private.billing_tenant_state
   (the hot path's mirror of monay.tenants, no RLS): every caller has checked
   first that the context is this tenant's or the platform's.
   SECURITY INVOKER, executable by monay_owner only: called from the SECURITY
   DEFINER usage functions (track_operation, track_operations, the
   billing_operations_fill trigger) with their pinned search_path; a call of
   its own (a definer's search_path switch) cost as much as its work.
   Raises MT415 when p_occurred_at is not finite or before the tenant was
   created (names the tenant, the value and the creation time), MT301 when
   the tenant does not exist. */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
    v_created   timestamptz;
    v_month     date;
BEGIN
    -- The mirror of monay.tenants (no RLS: the callers have checked the context already);
    -- monay.tenants itself only for a row the mirror has no creation time for.
    SELECT s.created_at INTO v_created FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    IF v_created IS NULL THEN
        SELECT t.created_at INTO v_created FROM monay.tenants t WHERE t.id = p_tenant_id;
        PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    END IF;
    IF p_occurred_at IS NULL OR NOT isfinite(p_occurred_at) OR p_occurred_at < v_created THEN
        RAISE EXCEPTION 'occurred_at % of tenant % is not a finite time at or after the tenant''s creation (%)',
            coalesce(p_occurred_at::text, 'NULL'), p_tenant_id, v_created USING ERRCODE = 'MT415',
            HINT = 'Usage can only happen while the tenant exists.';
    END IF;
    period := date_trunc('month', p_occurred_at AT TIME ZONE 'UTC')::date;
    late := false;
    v_month := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
    IF period < (v_month - interval '1 month')::date THEN
        period := v_month;
        late := true;
    END IF;
    LOOP
        PERFORM pg_advisory_xact_lock_shared(c_lock_kind, monay_private.billing_period_lock_key(p_tenant_id, period));
        -- The clock is read after the lock: a month still running now has no bill.
        v_month := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
        EXIT WHEN period >= v_month;
        IF period >= (v_month - interval '1 month')::date
           AND NOT EXISTS (SELECT 1 FROM monay.billing_metrics m
                           WHERE m.tenant_id = p_tenant_id AND m.period = billing_period_for.period) THEN
            EXIT;
        END IF;
        late := true;
        period := v_month;
    END LOOP;
END;
$$;

ALTER FUNCTION monay_private.billing_period_for(p_tenant_id uuid, p_occurred_at timestamp with time zone, OUT period date, OUT late boolean) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_period_for(p_tenant_id uuid, p_occurred_at timestamp with time zone, OUT period date, OUT late boolean); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_period_for(p_tenant_id uuid, p_occurred_at timestamp with time zone, OUT period date, OUT late boolean) IS 'Billing period counting an operation (late usage counts in the running month); takes the period lock.';

--
-- Name: billing_period_lock_key(uuid, date); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_period_lock_key(p_tenant_id uuid, p_period date) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
/* The second key of the billing period lock (first key 1296253249, 'MBPL')
   that operations hold shared and the monthly run takes exclusively: the
   month and one of 256 buckets of tenants (monay_private.billing_period_bucket;
   the key itself: monay_private.billing_period_bucket_key). A
   bucket, not the tenant, so that one statement or transaction holds at
   most 256 such locks per month whatever the number of tenants it writes
   (a bulk INSERT INTO billing_operations for 100,000 tenants takes at most
   256 x the 2 months usage may count in). Sharing a bucket only means that
   a late operation of the previous month may wait for the run to commit a
   batch. pg_advisory_* are executable by monay_owner only (migration 008),
   so no application can take these locks. Inlined into its callers (every
   part of the body is immutable: the usage path pays ~2 us, not ~50, per
   call). Never raises. */
    SELECT monay_private.billing_period_bucket_key(monay_private.billing_period_bucket(p_tenant_id), p_period)
$$;

ALTER FUNCTION monay_private.billing_period_lock_key(p_tenant_id uuid, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_period_lock_key(p_tenant_id uuid, p_period date); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_period_lock_key(p_tenant_id uuid, p_period date) IS 'Second key of the billing period lock: month x one of 256 tenant buckets (bounded locks per statement).';

--
-- Name: billing_period_start(date, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_period_start(p_period date, p_operation text) RETURNS date
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Normalises a period argument: any day of a month names that month; returns
   its first day. Raises 22023 for NULL or a date outside 2000-01-01 ..
   9999-11-30 (prices start in 2000). */
BEGIN
    PERFORM monay_private.require_not_null(p_period, 'p_period', p_operation);
    IF p_period < date '2000-01-01' OR p_period > date '9999-11-30' THEN
        RAISE EXCEPTION '%: period % is out of range (2000-01 to 9999-11)', p_operation, p_period
            USING ERRCODE = '22023';
    END IF;
    RETURN date_trunc('month', p_period)::date;
END;
$$;

ALTER FUNCTION monay_private.billing_period_start(p_period date, p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_period_start(p_period date, p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_period_start(p_period date, p_operation text) IS 'First day of the month holding p_period (22023 for NULL or out of range).';

--
-- Name: billing_price(uuid[], date, text, bigint, bigint, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_price(p_tenants uuid[], p_period date, p_extra_tier text DEFAULT NULL::text, p_extra_transactions bigint DEFAULT 0, p_extra_units bigint DEFAULT 0, p_extra_cost bigint DEFAULT 0) RETURNS TABLE(tenant_id uuid, total_before_discount numeric, tier text, target_gross_margin_percent numeric, days_in_period integer, transactions_included bigint, transactions_used bigint, computation_units_included bigint, computation_units_used bigint, late_transactions bigint, late_computation_units bigint, base_fee_cents bigint, overage_transactions_cents bigint, overage_computation_units_cents bigint, usdxm_discount_cents bigint, total_cents bigint, cost_cents bigint, gross_margin_percent numeric, lines monay.billing_bill_line[])
    LANGUAGE sql STABLE
    AS $$
/* THE pricing of the monthly bill: the one place where the money rules are
   written. Prices the month starting p_period (the first day of a month;
   callers normalise) for every tenant of p_tenants in one statement, from the
   usage counters (never the month's events), the tier history and the price
   versions. One row per tenant that exists (under the caller's RLS context);
   a tenant that does not exist has no row. Used for one tenant by
   monay_private.billing_compute (calculate_tenant_billing, finalize) and for a
   batch of tenants by the monthly run (monay_private.billing_store_bills).
   The p_extra_* arguments add hypothetical usage under a tier to every tenant
   priced (monay.calculate_transaction_cost prices one tenant with them).
   Returns the bill's figures as columns and its tier lines as an array of
   monay.billing_bill_line, in the order of the bill's "lines"; the monthly
   run stores them as they are (no JSON: issue 13), and the bill document is
   built from them by monay_private.billing_bill_json (for a draft here, for
   a stored bill on read). The money columns are NULL when the bill is above
   what billing can hold (below).

   Days. The month has D days [p_period, p_period + 1 month) in UTC. Day d
   belongs to the tier in force at its end, i.e. the last row of
   monay.tenant_tier_history with effective_at < start of day d+1 (a change
   during a day bills that whole day at the new tier); days before the
   tenant's first row belong to nobody (a tenant without any history row has
   had its current tier since it was created). days_t = days of tier t.
   Per tier t held (days_t > 0) or used (usage counted under t), with the
   price version of t in force for the month (effective_from <= p_period):
     base_fee_t   = floor(base_fee_cents * days_t / D)
     included_t   = floor(included * days_t / D) for a tier that bills
                    overage; the full allowance for a tier that refuses it
                    (free: refusal is checked against the full allowance)
     overage_tx_t = max(0, transactions_t - included_transactions_t)
                    * overage_transaction_cents
     overage_cu_t = floor(max(0, units_t - included_units_t)
                    * overage_per_1000_units_cents / 1000)
                    (a partial thousand is charged pro rata, rounded down to
                    the cent, once per tier line)
   total_before_discount = sum of the lines
   usdxm_discount = floor(total_before_discount * discount_percent / 100)
                    (USDXM: 10), integer arithmetic
   total_cents    = total_before_discount - usdxm_discount (USDXM, the
                    preferred coin; other coins pay total_before_discount)
   cost_cents     = ceil(sum of cost_millicents / 1000)
   gross_margin_percent = round((total_cents - cost_cents) * 100 / total_cents, 2),
                    NULL when total_cents = 0.
   The tier (and target margin) of the bill is the one in force at the end of
   the month, else the tenant's first.
   Overflow: products are computed in numeric; total_before_discount is
   returned in numeric and total_cents (with the other money columns) is
   NULL when it is above 10^15 cents (the callers raise MT416). Never raises for a tenant's data.
   Inlined into its callers (LANGUAGE sql, one SELECT, neither SECURITY
   DEFINER nor SET: it runs as its caller, the owner inside our SECURITY
   DEFINER functions, whose search_path is pinned; every name here is
   schema-qualified; EXECUTE is the owner's only): in billing_compute its plan
   is cached like any PL/pgSQL statement (the per-call read path pays no
   planning), in billing_store_bills (EXECUTE) it is planned at each call,
   so the monthly run never keeps a plan made on tables that were empty
   (issue 13). */
    WITH per AS (
        SELECT p_period AS p, (p_period + interval '1 month')::date AS e,
               (p_period + interval '1 month')::date - p_period AS d,
               p_period::timestamp AT TIME ZONE 'UTC' AS s_ts,
               (p_period + interval '1 month')::timestamp AT TIME ZONE 'UTC' AS e_ts,
               coalesce((SELECT s.discount_percent FROM monay.stablecoin_payment_config s WHERE s.symbol = 'USDXM'), 0)
                   AS discount
    ), hist_rows AS (
        SELECT h.tenant_id, h.effective_at AS e_from, h.billing_tier AS tier, h.gross_margin_percent AS margin
        FROM monay.tenant_tier_history h
        WHERE h.tenant_id = ANY (p_tenants)
    ), hist AS (
        SELECT hr.tenant_id, hr.e_from, hr.tier, hr.margin FROM hist_rows hr
        UNION ALL
        -- NOT IN over the rows read above (a hashed subplan): one probe of
        -- the history per batch, not one per tenant. The first condition is
        -- a one-time filter: when every tenant has history (the rule: a
        -- trigger records it), tenants is not read at all (its RLS check
        -- costs more than the rest of a one-tenant bill).
        SELECT t.id, t.created_at, t.billing_tier, t.gross_margin_percent
        FROM monay.tenants t
        WHERE (SELECT count(DISTINCT hr3.tenant_id) FROM hist_rows hr3) < cardinality(p_tenants)
          AND t.id = ANY (p_tenants) AND t.id NOT IN (SELECT hr2.tenant_id FROM hist_rows hr2)
    ), seg AS (
        -- Each history row is in force from its effective_at to the next one's. The head (the
        -- row that gives the bill its tier and margin) is the one in force at the end of the
        -- month, else the first. Day d (1..D) ends at P + d days and belongs to the row in force
        -- then: the row owns the days with e_from < P + d days <= e_to, i.e. d from
        -- floor((e_from - P) / 1 day) + 1 to floor((e_to - P) / 1 day).
        SELECT w.tenant_id, w.tier, w.margin,
               CASE WHEN w.e_from < per.e_ts THEN w.e_to IS NULL OR w.e_to >= per.e_ts ELSE w.e_prev IS NULL END
                   AS is_head,
               greatest(0,
                   least(per.d, coalesce(floor(extract(epoch FROM w.e_to - per.s_ts) / 86400)::integer, per.d))
                   - greatest(1, floor(extract(epoch FROM w.e_from - per.s_ts) / 86400)::integer + 1)
                   + 1) AS days
        FROM (SELECT h.tenant_id, h.tier, h.margin, h.e_from,
                     lead(h.e_from) OVER (PARTITION BY h.tenant_id ORDER BY h.e_from) AS e_to,
                     lag(h.e_from) OVER (PARTITION BY h.tenant_id ORDER BY h.e_from) AS e_prev
              FROM hist h) w
        CROSS JOIN per
    ), by_tier AS (
        -- One row per tenant and tier held or used: its days (summed over its rows), its usage
        -- (the counters' slots summed, plus the hypothetical p_extra_* under p_extra_tier on the
        -- head), whether it holds the head. One aggregation over one input, not four sets of
        -- rows per tenant joined back together (issue 13, fourth round: the pricing of a batch
        -- of 2,000 measured 38.6 ms before, 31.1 ms after, warm, back to back).
        SELECT u.tenant_id, u.tier, sum(u.days)::integer AS days, sum(u.tx)::bigint AS tx,
               sum(u.units)::bigint AS units, sum(u.cost)::bigint AS cost, sum(u.late_tx)::bigint AS late_tx,
               sum(u.late_units)::bigint AS late_units, bool_or(u.used) AS used, bool_or(u.is_head) AS is_head,
               max(u.margin) AS margin
        FROM (SELECT sg.tenant_id, sg.tier, sg.days, 0::bigint AS tx, 0::bigint AS units, 0::bigint AS cost,
                     0::bigint AS late_tx, 0::bigint AS late_units, false AS used, sg.is_head,
                     CASE WHEN sg.is_head THEN sg.margin END AS margin
              FROM seg sg
              UNION ALL
              SELECT c.tenant_id, c.tier, 0, c.transactions, c.computation_units, c.cost_millicents,
                     c.late_transactions, c.late_computation_units, true, false, NULL
              FROM monay_private.billing_usage_counters c
              WHERE c.tenant_id = ANY (p_tenants) AND c.period = p_period
              UNION ALL
              SELECT sg.tenant_id, p_extra_tier, 0, p_extra_transactions, p_extra_units, p_extra_cost, 0, 0,
                     true, false, NULL
              FROM seg sg WHERE p_extra_tier IS NOT NULL AND sg.is_head) u
        GROUP BY u.tenant_id, u.tier
    ), cfg AS (
        -- The price version of each tier in force for the month, and the tier's place in a bill.
        SELECT DISTINCT ON (c.tier) c.*, bt.sort_order AS tier_order
        FROM monay.billing_tier_config c
        JOIN monay.billing_tiers bt ON bt.tier = c.tier
        WHERE c.effective_from <= p_period
        ORDER BY c.tier, c.effective_from DESC
    ), lines AS (
        -- A tier is a line of the bill when it was held at least one day or usage counted under
        -- it, and it has a price version; the other rows only carry the head.
        SELECT b.tenant_id, b.tier, b.is_head, b.margin,
               (b.days > 0 OR b.used) AND cfg.tier IS NOT NULL AS is_line,
               cfg.tier_order, b.days, cfg.effective_from, cfg.base_fee_cents,
               cfg.overage_policy, cfg.overage_transaction_cents, cfg.overage_per_1000_units_cents,
               CASE WHEN cfg.overage_policy = 'refuse' THEN cfg.included_transactions
                    ELSE cfg.included_transactions * b.days / per.d END AS incl_tx,
               CASE WHEN cfg.overage_policy = 'refuse' THEN cfg.included_computation_units
                    ELSE cfg.included_computation_units * b.days / per.d END AS incl_units,
               b.tx AS used_tx, b.units AS used_units, b.cost, b.late_tx, b.late_units, per.d AS d
        FROM by_tier b
        CROSS JOIN per
        LEFT JOIN cfg ON cfg.tier = b.tier
    ), priced AS (
        SELECT l.*, l.base_fee_cents * l.days / l.d AS base_cents,
               -- numeric: a product of usage and price may exceed bigint.
               greatest(l.used_tx - l.incl_tx, 0)::numeric * l.overage_transaction_cents AS over_tx_cents,
               div(greatest(l.used_units - l.incl_units, 0)::numeric * l.overage_per_1000_units_cents, 1000)
                   AS over_units_cents
        FROM lines l
    ), summed AS (
        SELECT p.tenant_id, max(p.tier) FILTER (WHERE p.is_head) AS tier, max(p.margin) AS margin,
               coalesce(array_agg(ROW(p.tier, p.days, p.effective_from, p.overage_policy, p.base_cents,
                   p.incl_tx, p.used_tx, p.overage_transaction_cents,
                   CASE WHEN p.over_tx_cents <= 1000000000000000 THEN p.over_tx_cents::bigint END,
                   p.incl_units, p.used_units, p.overage_per_1000_units_cents,
                   CASE WHEN p.over_units_cents <= 1000000000000000 THEN p.over_units_cents::bigint END,
                   p.cost)::monay.billing_bill_line
                   ORDER BY p.tier_order)
                   FILTER (WHERE p.is_line), '{}'::monay.billing_bill_line[]) AS lines,
               coalesce(sum(p.base_cents) FILTER (WHERE p.is_line), 0)::bigint AS base,
               coalesce(sum(p.over_tx_cents) FILTER (WHERE p.is_line), 0) AS over_tx,
               coalesce(sum(p.over_units_cents) FILTER (WHERE p.is_line), 0) AS over_units,
               coalesce(sum(p.incl_tx) FILTER (WHERE p.is_line), 0)::bigint AS incl_tx,
               coalesce(sum(p.used_tx) FILTER (WHERE p.is_line), 0)::bigint AS used_tx,
               coalesce(sum(p.incl_units) FILTER (WHERE p.is_line), 0)::bigint AS incl_units,
               coalesce(sum(p.used_units) FILTER (WHERE p.is_line), 0)::bigint AS used_units,
               coalesce(sum(p.cost) FILTER (WHERE p.is_line), 0)::bigint AS cost_mc,
               coalesce(sum(p.late_tx) FILTER (WHERE p.is_line), 0)::bigint AS late_tx,
               coalesce(sum(p.late_units) FILTER (WHERE p.is_line), 0)::bigint AS late_units
        FROM priced p
        GROUP BY p.tenant_id
        HAVING bool_or(p.is_head)
    ), totals AS (
        SELECT s.*, s.base + s.over_tx + s.over_units AS total
        FROM summed s
    ), money AS (
        SELECT t.*, per.e, per.d,
               -- a bill within what billing can hold: every figure then fits bigint
               CASE WHEN t.total <= 1000000000000000 THEN t.total::bigint END AS tot,
               CASE WHEN t.total <= 1000000000000000 THEN t.total::bigint * per.discount / 100 END AS disc,
               (t.cost_mc + 999) / 1000 AS cost_c
        FROM totals t CROSS JOIN per
    )
    SELECT m.tenant_id, m.total, m.tier, m.margin, m.d,
        m.incl_tx, m.used_tx, m.incl_units, m.used_units, m.late_tx, m.late_units,
        m.base, CASE WHEN m.tot IS NOT NULL THEN m.over_tx::bigint END,
        CASE WHEN m.tot IS NOT NULL THEN m.over_units::bigint END, m.disc, m.tot - m.disc, m.cost_c,
        CASE WHEN m.tot - m.disc > 0 THEN round((m.tot - m.disc - m.cost_c)::numeric * 100 / (m.tot - m.disc), 2) END,
        m.lines
    FROM money m
$$;

ALTER FUNCTION monay_private.billing_price(p_tenants uuid[], p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_price(p_tenants uuid[], p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_price(p_tenants uuid[], p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint) IS 'The money rules: prices the month of a set of tenants in one statement (one row per existing tenant).';

--
-- Name: billing_refuse_over_allowance(uuid, text, date, text, bigint, bigint, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_refuse_over_allowance(p_tenant_id uuid, p_tier text, p_period date, p_what text, p_limit bigint, p_used bigint, p_requested bigint) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Raises MT402 (a tier that refuses usage beyond its allowance, i.e. free,
   would exceed it). One place for the message, shared by the recording path
   (statement trigger) and monay.enforce_tenant_limits. */
BEGIN
    RAISE EXCEPTION 'tenant % (tier %) would exceed its included % for %: limit %, used %, requested %',
        p_tenant_id, p_tier, p_what, to_char(p_period, 'YYYY-MM'), p_limit, p_used, p_requested
        USING ERRCODE = 'MT402',
              HINT = 'The free tier refuses usage beyond its allowance: upgrade the tier (monay.upgrade_tenant_tier) or wait for next month.';
END;
$$;

ALTER FUNCTION monay_private.billing_refuse_over_allowance(p_tenant_id uuid, p_tier text, p_period date, p_what text, p_limit bigint, p_used bigint, p_requested bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_refuse_over_allowance(p_tenant_id uuid, p_tier text, p_period date, p_what text, p_limit bigint, p_used bigint, p_requested bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_refuse_over_allowance(p_tenant_id uuid, p_tier text, p_period date, p_what text, p_limit bigint, p_used bigint, p_requested bigint) IS 'Raises MT402 naming tenant, tier, limit, usage and request.';

--
-- Name: billing_refuse_rate(uuid, text, bigint, bigint, bigint, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_refuse_rate(p_tenant_id uuid, p_tier text, p_rate bigint, p_burst bigint, p_slots bigint, p_retry_us bigint) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Raises MT403 (a burst beyond the tier's rate limit). */
BEGIN
    RAISE EXCEPTION 'tenant % (tier %) exceeded its rate limit of % calls/s (burst %, over % slot(s)): retry in % ms',
        p_tenant_id, p_tier, p_rate, p_burst, p_slots, greatest(1, (p_retry_us + 999) / 1000)
        USING ERRCODE = 'MT403',
              HINT = 'Slow down, batch operations with monay.track_operations, or move to a higher tier.';
END;
$$;

ALTER FUNCTION monay_private.billing_refuse_rate(p_tenant_id uuid, p_tier text, p_rate bigint, p_burst bigint, p_slots bigint, p_retry_us bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_refuse_rate(p_tenant_id uuid, p_tier text, p_rate bigint, p_burst bigint, p_slots bigint, p_retry_us bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_refuse_rate(p_tenant_id uuid, p_tier text, p_rate bigint, p_burst bigint, p_slots bigint, p_retry_us bigint) IS 'Raises MT403 naming tenant, tier, rate limit and when to retry.';

--
-- Name: billing_run_batch_limit(integer, integer, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_run_batch_limit(p_setting integer, p_parts integer, p_lock_slots bigint) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
/* How many tenants one batch of the monthly run bills: the setting
   BILLING_RUN_BATCH_SIZE (p_setting), but never so many that the run's parts
   (p_parts at once, NULL for a whole run) could fill more than half of the
   server's lock table (p_lock_slots: max_locks_per_transaction x
   (max_connections + max_prepared_transactions)). A batch holds one advisory
   lock per tenant it bills above 0 (the waterfall lock) and up to 256 period
   locks until it commits; a full lock table fails every session that then
   needs a lock (53200, out of shared memory), not only the run. So: at most
   p_lock_slots / (2 x parts) - 256 tenants, and never fewer than 100 (below
   that the batch's fixed costs dominate; a lock table that small is
   misconfigured for this workload: docs/billing.md, "Monthly run"). At least
   1; NULL or non-positive inputs count as 1. Never raises. */
    SELECT greatest(1, least(greatest(1, coalesce(p_setting, 1)),
                             greatest(100, greatest(1, coalesce(p_lock_slots, 0))
                                           / (2 * greatest(1, coalesce(p_parts, 1))) - 256)))::integer
$$;

ALTER FUNCTION monay_private.billing_run_batch_limit(p_setting integer, p_parts integer, p_lock_slots bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_run_batch_limit(p_setting integer, p_parts integer, p_lock_slots bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_run_batch_limit(p_setting integer, p_parts integer, p_lock_slots bigint) IS 'Tenants per monthly-run batch: the setting, capped so the run''s parts hold at most half the lock table.';

--
-- Name: billing_run_tenant(bigint, uuid, date, text, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_run_tenant(p_run_id bigint, p_tenant_id uuid, p_period date, p_lock_timeout text, p_record_busy boolean) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* One tenant of a monthly run, isolated: finalizes its month
   (monay_private.billing_finalize_tenant) in a subtransaction whose waits
   for locks are bounded by p_lock_timeout, then restores the caller's
   lock_timeout. Returns
     'billed'  the bill was made now;
     'skipped' it existed already (another run, a rerun);
     'busy'    a lock was still held after p_lock_timeout (55P03): usage in
               flight or an application's open transaction; recorded as a
               failure only when p_record_busy (the retry pass);
     'failed'  any other error: rolled back alone and recorded durably in
               monay_private.billing_failures (source monthly_run, run,
               tenant, period, SQLSTATE, message).
   Shared by monay.billing_run_batch and monay.billing_run_retry. Never
   raises for the tenant's own failure. */
DECLARE
    v_timeout text := current_setting('lock_timeout');
    v_result  text;
    v_state   text;
    v_msg     text;
BEGIN
    BEGIN
        PERFORM set_config('lock_timeout', p_lock_timeout, true);
        v_result := CASE WHEN monay_private.billing_finalize_tenant(p_tenant_id, p_period, p_run_id)
                         THEN 'billed' ELSE 'skipped' END;
        PERFORM set_config('lock_timeout', v_timeout, true);
        RETURN v_result;
    EXCEPTION WHEN OTHERS THEN
        -- The subtransaction's set_config is undone with it.
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
    END;
    IF v_state = '55P03' THEN
        IF NOT p_record_busy THEN
            RETURN 'busy';
        END IF;
        v_msg := format('the billing period lock of tenant %s for %s is still held (usage in flight, an open '
                        'transaction) after %s: %s', p_tenant_id, to_char(p_period, 'YYYY-MM'), p_lock_timeout, v_msg);
    END IF;
    PERFORM monay_private.record_billing_failure('monthly_run', p_run_id, p_tenant_id, p_period, v_state, v_msg);
    RETURN CASE WHEN v_state = '55P03' THEN 'busy' ELSE 'failed' END;
END;
$$;

ALTER FUNCTION monay_private.billing_run_tenant(p_run_id bigint, p_tenant_id uuid, p_period date, p_lock_timeout text, p_record_busy boolean) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_run_tenant(p_run_id bigint, p_tenant_id uuid, p_period date, p_lock_timeout text, p_record_busy boolean); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_run_tenant(p_run_id bigint, p_tenant_id uuid, p_period date, p_lock_timeout text, p_record_busy boolean) IS 'One tenant of a monthly run in a subtransaction: billed | skipped | busy | failed (recorded durably).';

--
-- Name: billing_store_bills(uuid[], date, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_store_bills(p_tenants uuid[], p_period date, p_run_id bigint DEFAULT NULL::bigint) RETURNS TABLE(tenant_id uuid, total_before_discount_cents bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Stores the finalized bills of the month starting p_period (over; callers
   normalise and check) for the tenants of p_tenants not billed yet, priced in
   one statement by monay_private.billing_price: status 'finalized', or 'paid'
   at once for a bill of 0 (nothing is due). The figures only (columns and
   the tier lines): no JSON is written, readers build the document
   (monay_private.billing_stored_bill; issue 13). Returns one row per bill stored
   now. A tenant already billed, one that does not exist, and one whose bill
   would be above 10^15 cents (MT416 for billing_compute) get no row: the
   caller decides (monay_private.billing_finalize_tenant raises, the monthly
   run falls back to the per-tenant path, which records the failure).
   The caller holds the period locks of these tenants
   (monay_private.billing_period_lock_key) and applies credit afterwards.
   ON CONFLICT DO NOTHING: a bill stored meanwhile is never overwritten.
   Planned at each call with the batch in hand: EXECUTE ... USING, whose
   one-shot plan sees the parameters' values, with monay_private.billing_price
   inlined (its arguments are plain parameters: a sub-select there would
   stop the inlining), so never a plan kept from empty tables. Not LANGUAGE
   sql (issue 13, measured): a SQL function's body is planned without its
   arguments' values, the planner guessed a handful of tenants for
   `= ANY (p_tenants)` and joined the pricing's steps by nested loops,
   O(batch²): a batch of 2,000 took 1.36 s in those joins alone (4M rows
   removed by join filters), 500 about a third of each batch's time.
   Never raises for a tenant's data; raises what the INSERT raises otherwise
   (the monthly run then bills the batch tenant by tenant). */
BEGIN
    RETURN QUERY EXECUTE $q$
    INSERT INTO monay.billing_metrics AS bm (tenant_id, period, tier, status, payment_method, days_in_period,
        transactions_included, transactions_used, computation_units_included, computation_units_used,
        late_transactions, late_computation_units, base_fee_cents, overage_transactions_cents,
        overage_computation_units_cents, total_before_discount_cents, usdxm_discount_cents, total_cents,
        cost_cents, gross_margin_percent, target_gross_margin_percent, lines, run_id, paid_at)
    SELECT p.tenant_id, $2, p.tier, CASE WHEN p.total_before_discount = 0 THEN 'paid' ELSE 'finalized' END,
        'USDXM', p.days_in_period, p.transactions_included, p.transactions_used, p.computation_units_included,
        p.computation_units_used, p.late_transactions, p.late_computation_units, p.base_fee_cents,
        p.overage_transactions_cents, p.overage_computation_units_cents, p.total_before_discount,
        p.usdxm_discount_cents, p.total_cents, p.cost_cents, p.gross_margin_percent,
        p.target_gross_margin_percent, p.lines, $3, CASE WHEN p.total_before_discount = 0 THEN now() END
    FROM monay_private.billing_price($1, $2, NULL, 0, 0, 0) p
    WHERE p.total_cents IS NOT NULL
    -- A month billed already is passed over by the primary key alone (an
    -- anti-join here was planned, from a few-rows estimate, as a merge over
    -- the whole bills index under the RLS range: O(bills) per batch).
    ON CONFLICT ON CONSTRAINT billing_metrics_pkey DO NOTHING
    RETURNING bm.tenant_id, bm.total_before_discount_cents
    $q$ USING p_tenants, p_period, p_run_id;
END;
$_$;

ALTER FUNCTION monay_private.billing_store_bills(p_tenants uuid[], p_period date, p_run_id bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_store_bills(p_tenants uuid[], p_period date, p_run_id bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_store_bills(p_tenants uuid[], p_period date, p_run_id bigint) IS 'Stores the finalized bills of a set of not-yet-billed tenants for an ended month, priced in one statement.';

--
-- Name: billing_stored_bill(uuid, date); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_stored_bill(p_tenant_id uuid, p_period date) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The stored bill of a tenant and month (NULL when the month is not billed):
   the bill as finalized, with its current status, payment method and dates,
   and what adjustments, payments and the balance say about it now:
   adjustments_cents, paid_cents, balance_due_cents (= total_before_discount
   + adjustments - paid, in USD cents; paying it with USDXM costs 10% less).
   Bills stored since migration 022 are figures only: their document is
   built here by monay_private.billing_bill_json (the draft's builder); a
   bill stored before keeps its JSON. Without "margin" when the
   MARGIN_CALCULATION_ENABLED setting is false. */
DECLARE
    v_bill jsonb;
BEGIN
    -- A month that has not ended cannot have a bill (the run refuses it):
    -- skip the look-up (three tables under RLS) on the hot read path.
    IF p_period >= date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date THEN
        RETURN NULL;
    END IF;
    SELECT coalesce(
               m.bill || jsonb_build_object('costs', (m.bill -> 'costs')
                                                      || jsonb_build_object('payment_method', m.payment_method)),
               monay_private.billing_bill_json(m.tenant_id, m.period, m.tier, m.status, m.payment_method,
                   m.days_in_period, m.transactions_included, m.transactions_used, m.computation_units_included,
                   m.computation_units_used, m.late_transactions, m.late_computation_units, m.base_fee_cents,
                   m.overage_transactions_cents, m.overage_computation_units_cents, m.total_before_discount_cents,
                   m.usdxm_discount_cents, m.cost_cents, m.gross_margin_percent, m.target_gross_margin_percent,
                   m.lines, true))
           || jsonb_build_object(
               'status', m.status, 'finalized_at', m.finalized_at, 'paid_at', m.paid_at, 'run_id', m.run_id,
               'adjustments_cents', a.adj, 'paid_cents', p.paid,
               'balance_due_cents', m.total_before_discount_cents + a.adj - p.paid)
    INTO v_bill
    FROM monay.billing_metrics m
    CROSS JOIN LATERAL (SELECT coalesce(sum(x.amount_cents), 0)::bigint AS adj FROM monay.billing_adjustments x
                        WHERE x.tenant_id = m.tenant_id AND x.period = m.period) a
    CROSS JOIN LATERAL (SELECT coalesce(sum(y.amount_cents), 0)::bigint AS paid FROM monay.payment_allocations y
                        WHERE y.tenant_id = m.tenant_id AND y.period = m.period) p
    WHERE m.tenant_id = p_tenant_id AND m.period = p_period;
    IF v_bill IS NOT NULL AND NOT monay_private.billing_margin_enabled() THEN
        v_bill := v_bill - 'margin';
    END IF;
    RETURN v_bill;
END;
$$;

ALTER FUNCTION monay_private.billing_stored_bill(p_tenant_id uuid, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_stored_bill(p_tenant_id uuid, p_period date); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_stored_bill(p_tenant_id uuid, p_period date) IS 'A finalized bill with its status, adjustments, payments and balance due (NULL when not billed).';

--
-- Name: billing_tenant_state_created_at(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_tenant_state_created_at() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER INSERT OR UPDATE OF created_at on monay.tenants (trigger
   tenants_310_billing_state_created_at, created by migration 020, after
   tenants_300_billing_state_sync has written the row): copies created_at into
   monay_private.billing_tenant_state, where billing_period_for reads it
   without RLS (the earliest occurred_at usage may have). A trigger of its own,
   not a column of billing_tenant_state_sync: the legacy retrofit applies the
   function files to databases that do not have migration 020 yet, where the
   sync trigger must keep working. Never raises. */
BEGIN
    UPDATE monay_private.billing_tenant_state s SET created_at = NEW.created_at
    WHERE s.tenant_id = NEW.id AND s.created_at IS DISTINCT FROM NEW.created_at;
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.billing_tenant_state_created_at() OWNER TO monay_owner;
--
-- Name: FUNCTION billing_tenant_state_created_at(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_tenant_state_created_at() IS 'Trigger: mirrors tenants.created_at into monay_private.billing_tenant_state (for billing_period_for).';

--
-- Name: billing_tenant_state_sync(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_tenant_state_sync() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER INSERT OR UPDATE OF status, billing_tier on monay.tenants: copies the
   two columns into monay_private.billing_tenant_state, which the usage hot
   path reads instead of monay.tenants (no RLS cost there). Same transaction
   as the change, so the copy is never behind what a committed reader of
   tenants sees. */
BEGIN
    INSERT INTO monay_private.billing_tenant_state AS s (tenant_id, status, billing_tier)
    VALUES (NEW.id, NEW.status, NEW.billing_tier)
    ON CONFLICT (tenant_id) DO UPDATE
        SET status = excluded.status, billing_tier = excluded.billing_tier
        WHERE (s.status, s.billing_tier) IS DISTINCT FROM (excluded.status, excluded.billing_tier);
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.billing_tenant_state_sync() OWNER TO monay_owner;
--
-- Name: FUNCTION billing_tenant_state_sync(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_tenant_state_sync() IS 'Trigger: mirrors tenants.status and billing_tier into monay_private.billing_tenant_state.';

--
-- Name: billing_tier_config_guard(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_tier_config_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE INSERT/UPDATE/DELETE on monay.billing_tier_config: a price change
   never rewrites a bill. Only versions effective from a month after the
   current one (UTC) may be inserted, changed or deleted; versions in force
   or past are fixed (MT414). */
DECLARE
    v_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.effective_from <= v_month THEN
        RAISE EXCEPTION 'price version % of tier % is in force or past and cannot change: add a version '
            'effective from a future month', OLD.effective_from, OLD.tier USING ERRCODE = 'MT414';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.effective_from <= v_month THEN
        RAISE EXCEPTION 'price version of tier % effective from % would change a current or past bill: '
            'effective_from must be after %', NEW.tier, NEW.effective_from, v_month USING ERRCODE = 'MT414';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

ALTER FUNCTION monay_private.billing_tier_config_guard() OWNER TO monay_owner;
--
-- Name: FUNCTION billing_tier_config_guard(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_tier_config_guard() IS 'Trigger: price versions may only be added/changed for future months (MT414).';

--
-- Name: billing_tier_config; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.billing_tier_config (
    tier text NOT NULL,
    effective_from date NOT NULL,
    base_fee_cents bigint NOT NULL,
    included_transactions bigint NOT NULL,
    included_computation_units bigint NOT NULL,
    overage_transaction_cents bigint NOT NULL,
    overage_per_1000_units_cents bigint NOT NULL,
    overage_policy text NOT NULL,
    gross_margin_min_percent numeric(5,2) NOT NULL,
    gross_margin_max_percent numeric(5,2) NOT NULL,
    rate_limit_per_second bigint NOT NULL,
    rate_limit_burst bigint NOT NULL,
    counter_slots bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT billing_tier_config_amounts_non_negative CHECK (((base_fee_cents >= 0) AND (included_transactions >= 0) AND (included_computation_units >= 0) AND (overage_transaction_cents >= 0) AND (overage_per_1000_units_cents >= 0))),
    CONSTRAINT billing_tier_config_margin_range CHECK ((((gross_margin_min_percent >= (0)::numeric) AND (gross_margin_min_percent <= 99.99)) AND ((gross_margin_max_percent >= gross_margin_min_percent) AND (gross_margin_max_percent <= 99.99)))),
    CONSTRAINT billing_tier_config_month_start CHECK ((effective_from = (date_trunc('month'::text, (effective_from)::timestamp with time zone))::date)),
    CONSTRAINT billing_tier_config_policy_known CHECK ((overage_policy = ANY (ARRAY['refuse'::text, 'bill'::text]))),
    CONSTRAINT billing_tier_config_rate_positive CHECK (((rate_limit_per_second > 0) AND (rate_limit_burst >= rate_limit_per_second))),
    CONSTRAINT billing_tier_config_refuse_one_slot CHECK (((overage_policy = 'bill'::text) OR (counter_slots = 1))),
    CONSTRAINT billing_tier_config_slots_range CHECK (((counter_slots >= 1) AND (counter_slots <= 64)))
);

ALTER TABLE ONLY monay.billing_tier_config FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.billing_tier_config OWNER TO monay_owner;
--
-- Name: TABLE billing_tier_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.billing_tier_config IS 'Tier prices, allowances, margin range and rate limit, versioned by effective_from (first of a month).';

--
-- Name: billing_tier_version(text, date); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_tier_version(p_tier text, p_period date) RETURNS monay.billing_tier_config
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The price version of a tier that bills the month starting p_period: the
   latest row with effective_from <= p_period; NULL fields when there is none.
   PL/pgSQL rather than SQL: a SQL function with a SET clause is never inlined
   and is planned again at every call; this one keeps its plan. */
DECLARE
    v_row monay.billing_tier_config;
BEGIN
    SELECT c.* INTO v_row FROM monay.billing_tier_config c
    WHERE c.tier = p_tier AND c.effective_from <= p_period
    ORDER BY c.effective_from DESC
    LIMIT 1;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay_private.billing_tier_version(p_tier text, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_tier_version(p_tier text, p_period date); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_tier_version(p_tier text, p_period date) IS 'Price version of a tier in force for the month starting p_period.';

--
-- Name: billing_tiers_keep_tenants(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_tiers_keep_tenants() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER UPDATE OF the margin range on monay.billing_tiers: a range may not
   shrink past a tenant of the tier (what the CHECK it replaced guaranteed).
   Raises 23514 naming the tier, the new range and how many tenants fall out. */
DECLARE
    v_out bigint;
BEGIN
    SELECT count(*) INTO v_out FROM monay.tenants t
    WHERE t.billing_tier = NEW.tier
      AND t.gross_margin_percent NOT BETWEEN NEW.gross_margin_min_percent AND NEW.gross_margin_max_percent;
    IF v_out > 0 THEN
        RAISE EXCEPTION 'tier %: % tenant(s) have a margin outside the new range % to %%%: move them first',
            NEW.tier, v_out, NEW.gross_margin_min_percent, NEW.gross_margin_max_percent
            USING ERRCODE = '23514', CONSTRAINT = 'tenants_gross_margin_within_tier',
                  SCHEMA = 'monay', TABLE = 'billing_tiers';
    END IF;
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.billing_tiers_keep_tenants() OWNER TO monay_owner;
--
-- Name: FUNCTION billing_tiers_keep_tenants(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_tiers_keep_tenants() IS 'Trigger: a tier''s margin range cannot shrink past one of its tenants (23514).';

--
-- Name: billing_waterfall(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.billing_waterfall(p_tenant_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Allocates the tenant's unallocated payment value (its credit) to its
   unpaid bills: oldest bill (period) first, each from the oldest payment
   with value left (payment id). A bill whose balance (total_before_discount
   + adjustments - allocations) reaches 0 becomes 'paid' (paid_at now(),
   payment_method = the coin of the payment that completed it; a bill of 0
   is paid at once). What no bill needs stays as credit for the next bill.
   Serialised per tenant (advisory lock 1296253207, hashtext(tenant:all)), so
   concurrent payments and runs never allocate the same cents twice.
   Returns {tenant_id, allocations: [{payment_id, period, amount_cents}],
   bills_paid: [period], credit_cents}. */
DECLARE
    c_lock_kind constant integer := 1296253207;  -- 'MBPW': billing waterfall lock
    v_bill      record;
    v_pay       record;
    v_due       bigint;
    v_take      bigint;
    v_method    text;
    v_allocs    jsonb := '[]'::jsonb;
    v_paid      jsonb := '[]'::jsonb;
    v_credit    bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(c_lock_kind, hashtext(p_tenant_id::text || ':all'));
    FOR v_bill IN
        SELECT m.period, m.payment_method,
               m.total_before_discount_cents
               + coalesce((SELECT sum(a.amount_cents) FROM monay.billing_adjustments a
                           WHERE a.tenant_id = m.tenant_id AND a.period = m.period), 0)
               - coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                           WHERE x.tenant_id = m.tenant_id AND x.period = m.period), 0) AS due
        FROM monay.billing_metrics m
        WHERE m.tenant_id = p_tenant_id AND m.status = 'finalized'
        ORDER BY m.period
    LOOP
        v_due := v_bill.due;
        v_method := v_bill.payment_method;
        WHILE v_due > 0 LOOP
            SELECT p.id, p.payment_method,
                   p.amount_cents - coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                                              WHERE x.tenant_id = p.tenant_id AND x.payment_id = p.id), 0) AS left_cents
            INTO v_pay
            FROM monay.payments p
            WHERE p.tenant_id = p_tenant_id
              AND p.amount_cents > coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                                             WHERE x.tenant_id = p.tenant_id AND x.payment_id = p.id), 0)
            ORDER BY p.id
            LIMIT 1;
            EXIT WHEN NOT FOUND;
            v_take := least(v_due, v_pay.left_cents);
            INSERT INTO monay.payment_allocations (tenant_id, payment_id, period, amount_cents)
            VALUES (p_tenant_id, v_pay.id, v_bill.period, v_take);
            v_allocs := v_allocs || jsonb_build_object('payment_id', v_pay.id, 'period', v_bill.period,
                                                       'amount_cents', v_take);
            v_due := v_due - v_take;
            v_method := v_pay.payment_method;
        END LOOP;
        IF v_due > 0 THEN
            EXIT;  -- no credit left: later bills stay unpaid too
        END IF;
        UPDATE monay.billing_metrics m SET status = 'paid', paid_at = now(), payment_method = v_method
        WHERE m.tenant_id = p_tenant_id AND m.period = v_bill.period;
        v_paid := v_paid || to_jsonb(v_bill.period);
    END LOOP;
    SELECT coalesce(sum(p.amount_cents), 0)
           - coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x WHERE x.tenant_id = p_tenant_id), 0)
    INTO v_credit
    FROM monay.payments p WHERE p.tenant_id = p_tenant_id;
    RETURN jsonb_build_object('tenant_id', p_tenant_id, 'allocations', v_allocs, 'bills_paid', v_paid,
                              'credit_cents', v_credit);
END;
$$;

ALTER FUNCTION monay_private.billing_waterfall(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION billing_waterfall(p_tenant_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.billing_waterfall(p_tenant_id uuid) IS 'Allocates a tenant''s credit to its unpaid bills, oldest first; marks paid bills; returns what it did.';

--
-- Name: check_audit_link(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.check_audit_link() RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Says whether refused logins and switches would be recorded durably, without
   recording anything: opens the audit link's connection, checks that it
   reaches this very database (database_identity at both ends) as a role that
   may write security events, and closes it. Returns
   {configured, ok, reason, this_database, link_database, link_user}; reason
   is NULL when ok, else one line saying what to fix (no link; the
   connection's own error, e.g. 'password authentication failed' or 'Peer
   authentication failed'; another database, after a restore; a role outside
   monay_audit). The DSN itself is not returned (it may hold a password).
   Raises nothing itself: a broken link is an answer, not an error. For the DBA
   (`monaydb audit check`): executable by the owner and superusers only. */
DECLARE
    v_dsn      text;
    v_conn     text := 'monay_audit_check_' || pg_backend_pid();
    v_here     text := monay_private.database_identity();
    v_there    text;
    v_user     text;
    v_may      boolean;
    v_reason   text;
    v_why      text;
BEGIN
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RETURN jsonb_build_object('configured', false, 'ok', false, 'this_database', v_here,
            'reason', 'no audit link configured: see docs/operations.md, "The audit link"');
    END IF;
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        SELECT r.identity, r.who, r.may INTO v_there, v_user, v_may
        FROM monay_private.dblink(v_conn,
            'SELECT monay_private.database_identity(), current_user::text, '
            'has_function_privilege(''monay_private.write_security_event(text, uuid, uuid, jsonb, text, xid8)'', ''EXECUTE'')')
            AS r (identity text, who text, may boolean);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_why = PG_EXCEPTION_DETAIL;
        v_reason := 'cannot use the audit link: ' || monay_private.audit_link_failure(v_conn, SQLERRM, v_why);
    END;
    IF v_reason IS NULL AND v_there IS DISTINCT FROM v_here THEN
        v_reason := format('the audit link reaches another database (%s), not this one (%s): after a restore '
                           'or copy, re-point it with monay_private.configure_audit_link', v_there, v_here);
    ELSIF v_reason IS NULL AND NOT coalesce(v_may, false) THEN
        v_reason := format('the audit link connects as %s, which may not write security events: '
                           'GRANT monay_audit TO %s', v_user, v_user);
    END IF;
    RETURN jsonb_build_object('configured', true, 'ok', v_reason IS NULL, 'reason', v_reason,
                              'this_database', v_here, 'link_database', v_there, 'link_user', v_user);
END;
$$;

ALTER FUNCTION monay_private.check_audit_link() OWNER TO monay_owner;
--
-- Name: FUNCTION check_audit_link(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.check_audit_link() IS 'DBA check: would refusals be recorded durably? Connects over the audit link, writes nothing.';

--
-- Name: check_user_profile(text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.check_user_profile(p_email text, p_display_name text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* The one check of a user's email and display name, for monay.create_user
   and monay.update_own_profile (which pass NULL for what they keep; a NULL
   is refused by create_user itself). Values are checked trimmed.
   Raises 22023: email not an address (x@y.z, at most 254 characters),
   display name blank or longer than 200 (the message names the value, cut
   at 300 characters). */
BEGIN
    IF p_email IS NOT NULL AND (btrim(p_email) !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' OR length(btrim(p_email)) > 254) THEN
        RAISE EXCEPTION 'invalid email %: expected an address like name@example.com (at most 254 characters)',
            quote_literal(left(p_email, 300)) USING ERRCODE = '22023';
    END IF;
    IF p_display_name IS NOT NULL AND length(btrim(p_display_name)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'invalid display name %: 1 to 200 characters required',
            quote_literal(left(p_display_name, 300)) USING ERRCODE = '22023';
    END IF;
END;
$_$;

ALTER FUNCTION monay_private.check_user_profile(p_email text, p_display_name text) OWNER TO monay_owner;
--
-- Name: FUNCTION check_user_profile(p_email text, p_display_name text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.check_user_profile(p_email text, p_display_name text) IS 'Raises 22023 for a malformed email or display name (create_user, update_own_profile).';

--
-- Name: close_tenant_now(uuid, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.close_tenant_now(p_tenant_id uuid, p_reason text) RETURNS monay.tenants
    LANGUAGE plpgsql
    AS $$
/* The closing shared by cleanup_tenant_data (platform) and close_tenant (an
   owner), after their caller checks: locks the tenant; a closed one is returned
   unchanged (idempotent; purge_after is not pushed back); else status 'closed'
   with status_reason p_reason and purge_after = now() + TENANT_DATA_RETENTION,
   and every active membership 'removed' (freeing MAX_TENANTS_PER_USER slots).
   SECURITY INVOKER, executable by monay_owner only (it runs inside the SECURITY
   DEFINER callers, with their pinned search_path). Raises MT301 (no tenant),
   MT102 (TENANT_DATA_RETENTION not a non-negative interval). */
DECLARE
    v_row       monay.tenants;
    v_retention interval;
BEGIN
    v_row := monay_private.lock_tenant(p_tenant_id);
    IF v_row.status = 'closed' THEN
        RETURN v_row;
    END IF;
    BEGIN
        v_retention := (monay.get_setting('TENANT_DATA_RETENTION') #>> '{}')::interval;
    EXCEPTION WHEN invalid_datetime_format OR datetime_field_overflow THEN
        v_retention := NULL;
    END;
    IF v_retention IS NULL OR v_retention < interval '0' THEN
        RAISE EXCEPTION 'setting TENANT_DATA_RETENTION (%) is not a non-negative interval',
            monay.get_setting('TENANT_DATA_RETENTION') USING ERRCODE = 'MT102';
    END IF;
    UPDATE monay.tenants t
    SET status = 'closed', status_reason = p_reason, purge_after = now() + v_retention
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    UPDATE monay.tenant_users tu SET status = 'removed', updated_at = now()
    WHERE tu.tenant_id = p_tenant_id AND tu.status = 'active';
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay_private.close_tenant_now(p_tenant_id uuid, p_reason text) OWNER TO monay_owner;
--
-- Name: FUNCTION close_tenant_now(p_tenant_id uuid, p_reason text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.close_tenant_now(p_tenant_id uuid, p_reason text) IS 'Closes a tenant now (shared by cleanup_tenant_data and close_tenant); idempotent.';

--
-- Name: commit_elsewhere(text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.commit_elsewhere(p_sql text, p_what text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The durable-write mechanism of the project (PostgreSQL has no autonomous
   transactions): runs p_sql (a SELECT of one of our monay_private write_*
   functions, built by the caller with format(%L)) over a dblink connection to
   this same database, as the login of monay_private.audit_link, in that
   session's own transaction, committed at once: the row survives the
   rollback of the caller's transaction. Returns true when written. The link
   must reach this very database (monay_private.database_identity() at both
   ends). When no link is configured, it reaches another database, or the
   write fails, it raises a WARNING naming p_what (and libpq's reason)
   (server log) and returns false; it never raises. Used by
   record_security_event and record_billing_failure. */
DECLARE
    v_dsn    text;
    v_conn   text := 'monay_audit_' || pg_backend_pid();
    v_remote text;
    v_why    text;
BEGIN
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RAISE WARNING 'monay % not recorded durably: no audit link configured', p_what;
        RETURN false;
    END IF;
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        -- The link must reach this very database: a restored copy whose link still
        -- points at the original writes nothing there.
        SELECT r.identity INTO v_remote
        FROM monay_private.dblink(v_conn, 'SELECT monay_private.database_identity()') AS r (identity text);
        IF v_remote IS DISTINCT FROM monay_private.database_identity() THEN
            RAISE EXCEPTION 'the audit link reaches another database (%), not this one (%): re-point it with monay_private.configure_audit_link',
                v_remote, monay_private.database_identity();
        END IF;
        -- dblink(), not dblink_exec(): the remote statement is a SELECT (of a
        -- void function), and dblink_exec refuses statements returning rows.
        PERFORM * FROM monay_private.dblink(v_conn, p_sql) AS r (result text);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_why = PG_EXCEPTION_DETAIL;
        RAISE WARNING 'monay % not recorded durably: %', p_what,
            monay_private.audit_link_failure(v_conn, SQLERRM, v_why);
        RETURN false;
    END;
    RETURN true;
END;
$$;

ALTER FUNCTION monay_private.commit_elsewhere(p_sql text, p_what text) OWNER TO monay_owner;
--
-- Name: FUNCTION commit_elsewhere(p_sql text, p_what text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.commit_elsewhere(p_sql text, p_what text) IS 'Runs one write_* call over dblink in its own committed transaction (survives the caller''s rollback).';

--
-- Name: configure_audit_link(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.configure_audit_link(p_dsn text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Stores the libpq connection string for durable security events (a login
   role in monay_audit, this database). Called by the DBA (or `monaydb
   migrate` on the embedded cluster); NULL or '' removes it. */
BEGIN
    IF nullif(btrim(p_dsn), '') IS NULL THEN
        DELETE FROM monay_private.audit_link;
        RETURN;
    END IF;
    INSERT INTO monay_private.audit_link (dsn) VALUES (p_dsn)
    ON CONFLICT (singleton) DO UPDATE SET dsn = excluded.dsn, updated_at = now();
END;
$$;

ALTER FUNCTION monay_private.configure_audit_link(p_dsn text) OWNER TO monay_owner;
--
-- Name: FUNCTION configure_audit_link(p_dsn text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.configure_audit_link(p_dsn text) IS 'Sets the dblink DSN used to write security events durably (DBA only).';

--
-- Name: context_signature(text, text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.context_signature(p_tenant_id text, p_user_id text, p_platform text) RETURNS text
    LANGUAGE plpgsql STABLE
    AS $$
/* HMAC-SHA256 of the context's text, bound to this backend and this
   transaction's start time, so that a signature copied out of one transaction
   opens nothing in another (nor through a pooler on another backend). The
   fields have fixed shapes (36-character uuid or '', 'true' or 'false'), so
   the '|'-joined message is unambiguous. */
DECLARE
    v_key bytea;
BEGIN
    SELECT k.signing_key INTO v_key FROM monay_private.context_key k;
    RETURN pg_catalog.encode(public.hmac(pg_catalog.convert_to(
        p_tenant_id || '|' || p_user_id || '|' || p_platform || '|' || pg_catalog.pg_backend_pid()
        || '|' || EXTRACT(epoch FROM pg_catalog.transaction_timestamp()), 'UTF8'),
        v_key, 'sha256'), 'hex');
END;
$$;

ALTER FUNCTION monay_private.context_signature(p_tenant_id text, p_user_id text, p_platform text) OWNER TO monay_owner;
--
-- Name: count_user_tenants(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.count_user_tenants() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER INSERT OR UPDATE OR DELETE on monay.tenant_users: keeps
   monay_private.user_tenant_counts (active memberships per user) and enforces
   MAX_TENANTS_PER_USER. Every membership that becomes active (insert,
   re-activation, a move to another user) increments its user's counter with
   INSERT ... ON CONFLICT DO UPDATE, which takes the counter row's lock: two
   concurrent joins of one user are serialised there, and the second sees the
   first's count once it commits (READ COMMITTED re-reads the locked row), so
   they cannot both pass. Every membership that stops being active decrements.
   Because this is a trigger, raw inserts (fixtures, migrations) count too.
   Raises:
     MT303 the user would exceed MAX_TENANTS_PER_USER (message names the user,
           the limit and the count of active memberships they already have)
   Under REPEATABLE READ or SERIALIZABLE a concurrent join surfaces as 40001
   (serialization_failure): retry the transaction. SECURITY DEFINER because
   the counter lives in monay_private, which no application role can reach. */
DECLARE
    v_old_active boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active';
    v_new_active boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active';
    v_count      bigint;
    v_limit      bigint;
BEGIN
    IF v_old_active AND v_new_active AND OLD.user_id = NEW.user_id THEN
        RETURN NULL;
    END IF;
    IF v_old_active THEN
        UPDATE monay_private.user_tenant_counts c SET active_tenants = c.active_tenants - 1
        WHERE c.user_id = OLD.user_id;
    END IF;
    IF v_new_active THEN
        INSERT INTO monay_private.user_tenant_counts AS c (user_id, active_tenants)
        VALUES (NEW.user_id, 1)
        ON CONFLICT (user_id) DO UPDATE SET active_tenants = c.active_tenants + 1
        RETURNING c.active_tenants INTO v_count;
        v_limit := (monay.get_setting('MAX_TENANTS_PER_USER') #>> '{}')::bigint;
        IF v_count > v_limit THEN
            RAISE EXCEPTION 'user % already belongs to % tenants, the most MAX_TENANTS_PER_USER (%) allows; cannot join tenant %',
                NEW.user_id, v_count - 1, v_limit, NEW.tenant_id
                USING ERRCODE = 'MT303',
                      HINT = 'Leave another tenant first, or ask the platform to raise MAX_TENANTS_PER_USER.';
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.count_user_tenants() OWNER TO monay_owner;
--
-- Name: FUNCTION count_user_tenants(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.count_user_tenants() IS 'Trigger: maintains user_tenant_counts and enforces MAX_TENANTS_PER_USER under concurrency (MT303).';

--
-- Name: create_default_groups(integer); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.create_default_groups(p_limit integer DEFAULT 100) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The default-groups step of the legacy data migration. Rule: a card issued
   to user B on a wallet of user A means that A and B share a household; A
   (the wallet's owner) is its head and the household is owned by A's
   personal tenant (the oldest active 'individual' tenant whose only active
   owner is A; a head without one gets no household). B joins as 'adult', or
   as 'dependent' with the card's spend limit as allowance when the card
   has one. Each legacy household carries the idempotency key
   'legacy-household:<A>', so a rerun finds it and only adds members that
   are missing (idempotent). Batchable: it completes at most p_limit heads
   per call, in id order, and returns how many households it created or
   completed; call it until it returns 0. Platform context only.
   Raises 42501 (not the platform), 22023 (p_limit < 1), MG006 when a
   household would exceed MAX_GROUP_MEMBERS. Internal (monay_private):
   the legacy pipeline calls it as the migrating role inside a platform
   context (docs/groups.md, "Legacy data"). */
DECLARE
    v_head     record;
    v_group    monay.groups;
    v_member   record;
    v_done     integer := 0;
BEGIN
    PERFORM monay_private.require_platform('create_default_groups');
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'create_default_groups: p_limit must be at least 1, got %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    FOR v_head IN
        WITH shared AS (
            SELECT DISTINCT w.user_id AS head_id, c.user_id AS member_id
            FROM monay.cards c JOIN monay.wallets w ON w.id = c.wallet_id
            WHERE c.user_id <> w.user_id
        ), personal AS (
            SELECT DISTINCT ON (tu.user_id) tu.user_id, t.id AS tenant_id
            FROM monay.tenant_users tu JOIN monay.tenants t ON t.id = tu.tenant_id
            WHERE tu.status = 'active' AND tu.role = 'owner' AND t.tenant_type = 'individual' AND t.status = 'active'
              AND (SELECT count(*) FROM monay.tenant_users o
                   WHERE o.tenant_id = t.id AND o.status = 'active' AND o.role = 'owner') = 1
            ORDER BY tu.user_id, t.created_at, t.id
        )
        SELECT s.head_id, p.tenant_id
        FROM shared s JOIN personal p ON p.user_id = s.head_id
        JOIN monay.users hu ON hu.id = s.head_id AND hu.status = 'active'
        JOIN monay.users mu ON mu.id = s.member_id AND mu.status = 'active'
        WHERE NOT EXISTS (
            SELECT 1 FROM monay.groups g JOIN monay.group_members m ON m.tenant_id = g.tenant_id AND m.group_id = g.id
            WHERE g.tenant_id = p.tenant_id AND g.idempotency_key = 'legacy-household:' || s.head_id
              AND m.member_user_id = s.member_id)
        GROUP BY s.head_id, p.tenant_id
        ORDER BY s.head_id
        LIMIT p_limit
    LOOP
        v_group := monay.create_household_group(
            (SELECT u.display_name FROM monay.users u WHERE u.id = v_head.head_id) || '''s household', '{}'::jsonb,
            v_head.tenant_id, v_head.head_id, 'legacy-household:' || v_head.head_id);
        FOR v_member IN
            SELECT c.user_id, max(c.spend_limit_cents) AS allowance, bool_or(c.spend_limit_cents IS NULL) AS unlimited
            FROM monay.cards c JOIN monay.wallets w ON w.id = c.wallet_id
            JOIN monay.users mu ON mu.id = c.user_id AND mu.status = 'active'
            WHERE w.user_id = v_head.head_id AND c.user_id <> v_head.head_id
              AND NOT EXISTS (SELECT 1 FROM monay.group_members m
                              WHERE m.tenant_id = v_group.tenant_id AND m.group_id = v_group.id
                                AND m.member_user_id = c.user_id)
            GROUP BY c.user_id
            ORDER BY c.user_id
        LOOP
            PERFORM monay.add_group_member(v_group.id, v_member.user_id,
                CASE WHEN v_member.unlimited THEN 'adult' ELSE 'dependent' END,
                CASE WHEN v_member.unlimited THEN NULL ELSE v_member.allowance END);
        END LOOP;
        v_done := v_done + 1;
    END LOOP;
    RETURN v_done;
END;
$$;

ALTER FUNCTION monay_private.create_default_groups(p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION create_default_groups(p_limit integer); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.create_default_groups(p_limit integer) IS 'Legacy step: a household per wallet owner whose wallet carries another user''s card; idempotent, batched.';

--
-- Name: database_identity(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.database_identity() RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Which database this is, as '<system identifier of the cluster>/<database oid>':
   two databases never share it, and a copy (pg_restore into another database,
   CREATE DATABASE ... TEMPLATE, another server) gets its own. The audit link
   compares both ends' identities, so a restored copy whose link still points
   at the original writes nothing into the original. Raises nothing. */
    SELECT (SELECT s.system_identifier FROM pg_catalog.pg_control_system() s)::text || '/'
        || (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())::text
$$;

ALTER FUNCTION monay_private.database_identity() OWNER TO monay_owner;
--
-- Name: FUNCTION database_identity(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.database_identity() IS 'This database''s identity (cluster system identifier / database oid), compared by the audit link.';

--
-- Name: error_code_raisers(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.error_code_raisers() RETURNS TABLE(sqlstate text, raised_by text[])
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION monay_private.error_code_raisers() OWNER TO monay_owner;
--
-- Name: FUNCTION error_code_raisers(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.error_code_raisers() IS 'Per SQLSTATE, the public functions (and tables, via triggers) that raise it, from the catalog.';

--
-- Name: group_billed_members(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_billed_members(p_group_id uuid) RETURNS TABLE(member_tenant_id uuid, group_tenant_id uuid, group_id uuid, role text, member_user_id uuid)
    LANGUAGE plpgsql STABLE
    AS $$
/* The tenants whose bills a consolidated bill of group p_group_id carries:
   every member tenant of the group and of its descendants, once each (the
   one nearest to p_group_id, then the smallest id): a holding's parent and
   subsidiaries, its affiliates when that group's config include_affiliates,
   a household member's personal tenant. Reads members as the caller's
   context sees them (the group's owner sees its subtree's members).
   SECURITY INVOKER, executable by monay_owner only. */
BEGIN
    RETURN QUERY
    SELECT DISTINCT ON (m.member_tenant_id) m.member_tenant_id, m.tenant_id, m.group_id, m.role, m.member_user_id
    FROM monay_private.group_paths p
    JOIN monay.groups g ON g.tenant_id = p.descendant_tenant_id AND g.id = p.descendant_id
    JOIN monay.group_members m ON m.tenant_id = g.tenant_id AND m.group_id = g.id
    WHERE p.ancestor_id = p_group_id AND m.member_tenant_id IS NOT NULL
      AND (m.role <> 'affiliate' OR coalesce((g.config ->> 'include_affiliates')::boolean, false))
    ORDER BY m.member_tenant_id, p.distance, m.group_id;
END;
$$;

ALTER FUNCTION monay_private.group_billed_members(p_group_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION group_billed_members(p_group_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_billed_members(p_group_id uuid) IS 'Distinct member tenants of a group''s subtree whose bills its consolidated bill carries.';

--
-- Name: group_billing_consolidate(date); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_billing_consolidate(p_period date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The monthly run's group step (after every tenant's bill of p_period is
   finalized): one consolidated bill (monay.group_bills) per root group
   whose consolidation is on -- a household when HOUSEHOLD_BILLING_AGGREGATION
   and its config consolidated_billing say so, a holding company when its
   config consolidated_billing does -- carrying, as lines
   (monay.group_bill_lines), the finalized, unpaid bills of the member
   tenants of its subtree (monay_private.group_billed_members). A member's
   month is carried at most once (the lines' primary key): a tenant in two
   groups is carried by the first in group id order, a bill already paid by
   its tenant stays its own. Totals from each bill's total_before_discount
   (the same figure monay.calculate_tenant_billing reports), the USDXM
   discount once on the total (floor(total * discount_percent / 100)).
   Idempotent: a group billed for the month is skipped, so a rerun makes
   only what is missing. Returns how many consolidated bills it made.
   Platform context only (the monthly run).
   Raises 42501 (not the platform), 22023 (NULL period). */
DECLARE
    v_period date;
    v_pct    bigint;
    v_group  monay.groups;
    v_total  bigint;
    v_count  bigint;
    v_lines  jsonb;
    v_made   integer := 0;
BEGIN
    PERFORM monay_private.require_platform('group_billing_consolidate');
    PERFORM monay_private.require_not_null(p_period, 'p_period', 'group_billing_consolidate');
    v_period := date_trunc('month', p_period)::date;
    SELECT coalesce(max(s.discount_percent), 0) INTO v_pct FROM monay.stablecoin_payment_config s WHERE s.symbol = 'USDXM';
    FOR v_group IN
        SELECT g.* FROM monay.groups g
        WHERE g.parent_id IS NULL
          AND coalesce((g.config ->> 'consolidated_billing')::boolean, true)
          AND (g.kind <> 'household'
               OR coalesce((monay.get_setting('HOUSEHOLD_BILLING_AGGREGATION') #>> '{}')::boolean, false))
          AND NOT EXISTS (SELECT 1 FROM monay.group_bills b
                          WHERE b.tenant_id = g.tenant_id AND b.group_id = g.id AND b.period = v_period)
        ORDER BY g.id
    LOOP
        SELECT coalesce(jsonb_agg(jsonb_build_object('tenant_id', b.member_tenant_id,
                   'total_before_discount_cents', (x.bill #>> '{costs,total_before_discount_cents}')::bigint,
                   'status', x.bill ->> 'status') ORDER BY b.member_tenant_id), '[]'::jsonb)
        INTO v_lines
        FROM monay_private.group_billed_members(v_group.id) b
        JOIN monay.billing_metrics m ON m.tenant_id = b.member_tenant_id AND m.period = v_period AND m.status = 'finalized'
        CROSS JOIN LATERAL (SELECT monay.calculate_tenant_billing(b.member_tenant_id, v_period) AS bill) x
        WHERE NOT EXISTS (SELECT 1 FROM monay.group_bill_lines l
                          WHERE l.tenant_id = b.member_tenant_id AND l.period = v_period);
        v_count := jsonb_array_length(v_lines);
        CONTINUE WHEN v_count = 0;
        SELECT sum((e ->> 'total_before_discount_cents')::bigint) INTO v_total FROM jsonb_array_elements(v_lines) e;
        INSERT INTO monay.group_bills (tenant_id, group_id, period, members, total_before_discount_cents,
                                       usdxm_discount_cents, total_cents, bill)
        VALUES (v_group.tenant_id, v_group.id, v_period, v_count, v_total, v_total * v_pct / 100,
                v_total - v_total * v_pct / 100,
                jsonb_build_object('group_id', v_group.id, 'kind', v_group.kind, 'name', v_group.name,
                    'period', v_period, 'payer_tenant_id', v_group.tenant_id, 'lines', v_lines));
        INSERT INTO monay.group_bill_lines (tenant_id, period, payer_tenant_id, group_id, total_before_discount_cents)
        SELECT (e ->> 'tenant_id')::uuid, v_period, v_group.tenant_id, v_group.id, (e ->> 'total_before_discount_cents')::bigint
        FROM jsonb_array_elements(v_lines) e;
        v_made := v_made + 1;
    END LOOP;
    RETURN v_made;
END;
$$;

ALTER FUNCTION monay_private.group_billing_consolidate(p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION group_billing_consolidate(p_period date); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_billing_consolidate(p_period date) IS 'Monthly run step: consolidated bills of root groups over their members'' finalized bills; idempotent.';

--
-- Name: group_check_parent(text, uuid, monay.groups, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_check_parent(p_kind text, p_owner_tenant uuid, p_parent monay.groups, p_operation text) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
/* Whether a group of kind p_kind owned by p_owner_tenant may have p_parent
   as its parent: both kinds nest (monay.group_kinds.may_nest: holding
   companies), and the group's owner is the parent's owner or a member
   tenant of the parent (a subsidiary puts its own holding under its
   parent's). Raises MG011 naming the rule. SECURITY INVOKER, monay_owner only. */
BEGIN
    IF NOT coalesce((SELECT k.may_nest FROM monay.group_kinds k WHERE k.kind = p_kind), false)
       OR NOT coalesce((SELECT k.may_nest FROM monay.group_kinds k WHERE k.kind = p_parent.kind), false) THEN
        RAISE EXCEPTION '%: a % cannot be placed under a % (only nesting kinds form hierarchies)',
            p_operation, p_kind, p_parent.kind USING ERRCODE = 'MG011';
    END IF;
    IF p_parent.tenant_id IS DISTINCT FROM p_owner_tenant AND NOT EXISTS (
        SELECT 1 FROM monay.group_members m
        WHERE m.tenant_id = p_parent.tenant_id AND m.group_id = p_parent.id AND m.member_tenant_id = p_owner_tenant) THEN
        RAISE EXCEPTION '%: tenant % is neither the owner nor a member of parent group %',
            p_operation, p_owner_tenant, p_parent.id USING ERRCODE = 'MG011';
    END IF;
END;
$$;

ALTER FUNCTION monay_private.group_check_parent(p_kind text, p_owner_tenant uuid, p_parent monay.groups, p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION group_check_parent(p_kind text, p_owner_tenant uuid, p_parent monay.groups, p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_check_parent(p_kind text, p_owner_tenant uuid, p_parent monay.groups, p_operation text) IS 'Refuses (MG011) a parent of a kind that does not nest or that the owner neither owns nor belongs to.';

--
-- Name: group_check_placement(uuid, uuid, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_check_placement(p_group_id uuid, p_parent_id uuid, p_operation text) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
/* Whether group p_group_id (with its subtree; NULL for a group being
   created) may go under p_parent_id. Call with both trees locked
   (monay_private.group_lock_trees). Raises:
     MG005 p_parent_id is the group or one of its descendants (a cycle)
     MG004 the deepest group of the subtree would be deeper than
           GROUP_HIERARCHY_DEPTH (a root is at depth 1)
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_limit        integer := (monay.get_setting('GROUP_HIERARCHY_DEPTH') #>> '{}')::integer;
    v_parent_depth bigint;
    v_height       bigint := 0;
BEGIN
    IF p_group_id IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM monay_private.group_paths p
                   WHERE p.ancestor_id = p_group_id AND p.descendant_id = p_parent_id) THEN
            RAISE EXCEPTION '%: group % cannot go under % which is itself or below it (a cycle)',
                p_operation, p_group_id, p_parent_id USING ERRCODE = 'MG005';
        END IF;
        SELECT coalesce(max(p.distance), 0) INTO v_height FROM monay_private.group_paths p
        WHERE p.ancestor_id = p_group_id;
    END IF;
    SELECT count(*) INTO v_parent_depth FROM monay_private.group_paths p WHERE p.descendant_id = p_parent_id;
    IF v_parent_depth + 1 + v_height > v_limit THEN
        RAISE EXCEPTION '%: under group % (depth %) the hierarchy would be % deep, more than GROUP_HIERARCHY_DEPTH %',
            p_operation, p_parent_id, v_parent_depth, v_parent_depth + 1 + v_height, v_limit
            USING ERRCODE = 'MG004';
    END IF;
END;
$$;

ALTER FUNCTION monay_private.group_check_placement(p_group_id uuid, p_parent_id uuid, p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION group_check_placement(p_group_id uuid, p_parent_id uuid, p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_check_placement(p_group_id uuid, p_parent_id uuid, p_operation text) IS 'Refuses a cycle (MG005) or a depth beyond GROUP_HIERARCHY_DEPTH (MG004) for a group under a parent.';

--
-- Name: group_context_switch(uuid, uuid, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_context_switch(p_tenant_id uuid, p_user_id uuid, p_platform boolean) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
/* Signs the context (p_tenant_id, p_user_id, p_platform) and returns the
   caller's previous verified context as {tenant_id, user_id, platform}, to be
   given back to this function to restore it. The group functions use it, the
   way monay_private.user_status does, to read one member tenant's bill or
   status under that tenant's own context (what RLS shows that tenant), after
   they have checked that their caller may see it (the group's manager or the
   platform). SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_ctx record;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(p_tenant_id, p_user_id, coalesce(p_platform, false));
    RETURN jsonb_build_object('tenant_id', v_ctx.tenant_id, 'user_id', v_ctx.user_id,
                              'platform', coalesce(v_ctx.platform, false));
END;
$$;

ALTER FUNCTION monay_private.group_context_switch(p_tenant_id uuid, p_user_id uuid, p_platform boolean) OWNER TO monay_owner;
--
-- Name: FUNCTION group_context_switch(p_tenant_id uuid, p_user_id uuid, p_platform boolean); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_context_switch(p_tenant_id uuid, p_user_id uuid, p_platform boolean) IS 'Signs another context and returns the previous one (to restore it with the same function).';

--
-- Name: group_create(text, uuid, text, jsonb, uuid, text, uuid, uuid, text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_create(p_kind text, p_tenant_id uuid, p_name text, p_config jsonb, p_parent_id uuid, p_idempotency_key text, p_member_user_id uuid, p_member_tenant_id uuid, p_role text, p_operation text) RETURNS monay.groups
    LANGUAGE plpgsql
    AS $$
/* What create_household_group and create_holding_company share, after their
   caller checks: the configuration validated, the parent checked and its
   tree locked (depth), the group row, its closure rows, its first member
   (the head / the parent company). With p_idempotency_key a retry returns
   the group made first; the same key with another name, kind, config or
   parent raises MG019. Raises 22023, MG001, MG003, MG004, MG011, MG019.
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_config jsonb;
    v_parent monay.groups;
    v_row    monay.groups;
BEGIN
    IF p_name IS NULL OR length(btrim(p_name)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION '%: the name must have 1 to 200 characters, got %', p_operation,
            coalesce(quote_literal(p_name), 'NULL') USING ERRCODE = '22023';
    END IF;
    IF length(p_idempotency_key) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION '%: idempotency key must have 1 to 200 characters', p_operation USING ERRCODE = '22023';
    END IF;
    v_config := monay_private.group_validate_config(p_kind, p_config);
    IF p_idempotency_key IS NOT NULL THEN
        -- Serialise retries of one key (the unique constraint would too, with an error).
        PERFORM pg_advisory_xact_lock(hashtext('monay.groups'), hashtext(p_tenant_id::text || ':' || p_idempotency_key));
        SELECT * INTO v_row FROM monay.groups g WHERE g.tenant_id = p_tenant_id AND g.idempotency_key = p_idempotency_key;
        IF FOUND THEN
            IF (v_row.kind, v_row.name, v_row.config, v_row.parent_id) IS DISTINCT FROM
               (p_kind, btrim(p_name), v_config, p_parent_id) THEN
                RAISE EXCEPTION '%: idempotency key % of tenant % made group % (%, %), not this request',
                    p_operation, quote_literal(p_idempotency_key), p_tenant_id, v_row.id, v_row.kind, v_row.name
                    USING ERRCODE = 'MG019';
            END IF;
            RETURN v_row;
        END IF;
    END IF;
    IF p_parent_id IS NOT NULL THEN
        v_parent := monay_private.group_find(p_parent_id, p_operation);
        PERFORM monay_private.group_check_parent(p_kind, p_tenant_id, v_parent, p_operation);
        PERFORM monay_private.group_lock_trees(ARRAY[p_parent_id]);
        PERFORM monay_private.group_check_placement(NULL, p_parent_id, p_operation);
    END IF;
    INSERT INTO monay.groups (tenant_id, kind, name, config, parent_tenant_id, parent_id, member_count,
                              idempotency_key, created_by)
    VALUES (p_tenant_id, p_kind, btrim(p_name), v_config, v_parent.tenant_id, v_parent.id, 1,
            p_idempotency_key, monay.current_user_id())
    RETURNING * INTO v_row;
    INSERT INTO monay_private.group_paths (ancestor_tenant_id, ancestor_id, descendant_tenant_id, descendant_id, distance)
    SELECT p.ancestor_tenant_id, p.ancestor_id, v_row.tenant_id, v_row.id, p.distance + 1
    FROM monay_private.group_paths p WHERE p.descendant_id = p_parent_id
    UNION ALL
    SELECT v_row.tenant_id, v_row.id, v_row.tenant_id, v_row.id, 0;
    INSERT INTO monay.group_members (tenant_id, group_id, group_kind, role, member_user_id, member_tenant_id, added_by)
    VALUES (v_row.tenant_id, v_row.id, p_kind, p_role, p_member_user_id, p_member_tenant_id, monay.current_user_id());
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay_private.group_create(p_kind text, p_tenant_id uuid, p_name text, p_config jsonb, p_parent_id uuid, p_idempotency_key text, p_member_user_id uuid, p_member_tenant_id uuid, p_role text, p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION group_create(p_kind text, p_tenant_id uuid, p_name text, p_config jsonb, p_parent_id uuid, p_idempotency_key text, p_member_user_id uuid, p_member_tenant_id uuid, p_role text, p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_create(p_kind text, p_tenant_id uuid, p_name text, p_config jsonb, p_parent_id uuid, p_idempotency_key text, p_member_user_id uuid, p_member_tenant_id uuid, p_role text, p_operation text) IS 'Creates a group with its closure rows and first member (config, parent, depth, idempotency checked).';

--
-- Name: group_find(uuid, text, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_find(p_group_id uuid, p_operation text, p_lock boolean DEFAULT false) RETURNS monay.groups
    LANGUAGE plpgsql
    AS $$
/* The group p_group_id as the caller's context sees it (RLS: owner tenant,
   members, owners of ancestors, the platform), optionally locked FOR NO KEY
   UPDATE (which only its owner tenant or the platform may: RLS applies the
   UPDATE policy to locked rows). SECURITY INVOKER, executable by monay_owner
   only: it runs inside the (owner-run) group functions.
   Raises 22023 (NULL id), MG001 (no such group, or invisible to the caller). */
DECLARE
    v_row monay.groups;
BEGIN
    PERFORM monay_private.require_not_null(p_group_id, 'p_group_id', p_operation);
    IF p_lock THEN
        SELECT * INTO v_row FROM monay.groups g WHERE g.id = p_group_id FOR NO KEY UPDATE;
    ELSE
        SELECT * INTO v_row FROM monay.groups g WHERE g.id = p_group_id;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION '%: group % does not exist or is not visible to tenant %', p_operation, p_group_id,
            coalesce(monay.current_tenant_id()::text, 'none') USING ERRCODE = 'MG001';
    END IF;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay_private.group_find(p_group_id uuid, p_operation text, p_lock boolean) OWNER TO monay_owner;
--
-- Name: FUNCTION group_find(p_group_id uuid, p_operation text, p_lock boolean); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_find(p_group_id uuid, p_operation text, p_lock boolean) IS 'A group as the caller sees it (optionally locked); MG001 when missing or invisible.';

--
-- Name: group_lock_trees(uuid[]); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_lock_trees(p_group_ids uuid[]) RETURNS uuid[]
    LANGUAGE plpgsql
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

ALTER FUNCTION monay_private.group_lock_trees(p_group_ids uuid[]) OWNER TO monay_owner;
--
-- Name: FUNCTION group_lock_trees(p_group_ids uuid[]); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_lock_trees(p_group_ids uuid[]) IS 'Locks (in id order) and bumps the roots of the trees holding the given groups, until stable.';

--
-- Name: group_member_call(uuid, text, date); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_member_call(p_member_tenant_id uuid, p_what text, p_period date) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
/* One member tenant's own bill (p_what 'billing': monay.calculate_tenant_billing)
   or usage ('usage': monay.calculate_tenant_usage) for p_period, computed by
   the billing functions under that tenant's own context, then the caller's
   context restored (also when the call raises). Only for callers that have
   checked their right to the group's figures (manager or platform).
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_prev   jsonb;
    v_result jsonb;
BEGIN
    v_prev := monay_private.group_context_switch(p_member_tenant_id, NULL, false);
    BEGIN
        IF p_what = 'billing' THEN
            v_result := monay.calculate_tenant_billing(p_member_tenant_id, p_period);
        ELSE
            v_result := monay.calculate_tenant_usage(p_member_tenant_id, p_period);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                                   (v_prev ->> 'platform')::boolean);
        RAISE;
    END;
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    RETURN v_result;
END;
$$;

ALTER FUNCTION monay_private.group_member_call(p_member_tenant_id uuid, p_what text, p_period date) OWNER TO monay_owner;
--
-- Name: FUNCTION group_member_call(p_member_tenant_id uuid, p_what text, p_period date); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_member_call(p_member_tenant_id uuid, p_what text, p_period date) IS 'A member tenant''s own bill or usage, computed under its own context; the caller''s restored.';

--
-- Name: group_members_validate(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_members_validate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Trigger (BEFORE INSERT OR UPDATE on monay.group_members): the rules of the
   group's kind, whoever writes the row.
     MG009 a user member of a holding, or a member without a user in a household
     MG018 an allowance on a role without one, or none on a role with one
     MG002 the role 'parent' for a tenant other than the holding's owner
   (Roles valid for the kind are a foreign key to monay.group_member_roles.) */
DECLARE
    v_type          text;
    v_has_allowance boolean;
BEGIN
    SELECT k.member_type INTO v_type FROM monay.group_kinds k WHERE k.kind = NEW.group_kind;
    IF (v_type = 'user' AND NEW.member_user_id IS NULL)
       OR (v_type = 'tenant' AND (NEW.member_user_id IS NOT NULL OR NEW.member_tenant_id IS NULL)) THEN
        RAISE EXCEPTION 'a % has % members: member user %, tenant % refused', NEW.group_kind,
            coalesce(v_type, '?') || 's', coalesce(NEW.member_user_id::text, 'none'),
            coalesce(NEW.member_tenant_id::text, 'none') USING ERRCODE = 'MG009';
    END IF;
    SELECT r.has_allowance INTO v_has_allowance FROM monay.group_member_roles r
    WHERE r.kind = NEW.group_kind AND r.role = NEW.role;
    IF v_has_allowance IS NOT NULL AND v_has_allowance <> (NEW.allowance_cents IS NOT NULL) THEN
        RAISE EXCEPTION 'role % of a % %: allowance %', NEW.role, NEW.group_kind,
            CASE WHEN v_has_allowance THEN 'needs an allowance' ELSE 'takes no allowance' END,
            coalesce(NEW.allowance_cents::text, 'NULL') USING ERRCODE = 'MG018';
    END IF;
    IF NEW.group_kind = 'holding_company' AND NEW.role = 'parent' AND NEW.member_tenant_id IS DISTINCT FROM NEW.tenant_id THEN
        RAISE EXCEPTION 'only the owner tenant % is the parent of its holding, not tenant %', NEW.tenant_id,
            NEW.member_tenant_id USING ERRCODE = 'MG002';
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

ALTER FUNCTION monay_private.group_members_validate() OWNER TO monay_owner;
--
-- Name: FUNCTION group_members_validate(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_members_validate() IS 'Trigger: member type per group kind (MG009), allowance per role (MG018), parent role (MG002).';

--
-- Name: group_personal_tenant(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_personal_tenant(p_user_id uuid) RETURNS uuid
    LANGUAGE plpgsql
    AS $$
/* The personal tenant of user p_user_id, or NULL: the oldest active tenant
   of type 'individual' whose only active owner is that user. A household
   member's line on the consolidated bill is this tenant's bill, and the
   default household of the legacy data is owned by its head's personal
   tenant. Reads the user's memberships under the user's own context and
   each candidate's owners under the candidate's, then restores the caller's
   context. SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_prev      jsonb;
    v_candidate uuid;
    v_found     uuid;
    v_owners    bigint;
BEGIN
    IF p_user_id IS NULL THEN
        RETURN NULL;
    END IF;
    v_prev := monay_private.group_context_switch(NULL, p_user_id, false);
    FOR v_candidate IN
        SELECT t.id FROM monay.tenant_users tu JOIN monay.tenants t ON t.id = tu.tenant_id
        WHERE tu.user_id = p_user_id AND tu.status = 'active' AND tu.role = 'owner'
          AND t.tenant_type = 'individual' AND t.status = 'active'
        ORDER BY t.created_at, t.id
    LOOP
        PERFORM monay_private.group_context_switch(v_candidate, NULL, false);
        SELECT count(*) INTO v_owners FROM monay.tenant_users tu
        WHERE tu.tenant_id = v_candidate AND tu.status = 'active' AND tu.role = 'owner';
        IF v_owners = 1 THEN
            v_found := v_candidate;
            EXIT;
        END IF;
    END LOOP;
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    RETURN v_found;
END;
$$;

ALTER FUNCTION monay_private.group_personal_tenant(p_user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION group_personal_tenant(p_user_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_personal_tenant(p_user_id uuid) IS 'A user''s personal tenant (oldest active individual tenant they alone own), or NULL.';

--
-- Name: group_require_manager(monay.groups, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_require_manager(p_group monay.groups, p_operation text) RETURNS text
    LANGUAGE plpgsql STABLE
    AS $$
/* Who may manage group p_group (members, hierarchy, grants, its bill):
   'platform' for the platform context, 'owner'/'admin' for an owner or admin
   of the group's owner tenant authenticated in it. Raises 42501 otherwise
   (a member, another tenant, no or a forged context), naming the group.
   SECURITY INVOKER, monay_owner only (inside the group functions). */
BEGIN
    RETURN monay_private.require_tenant_manager(p_group.tenant_id,
        format('%s on group %s', p_operation, p_group.id));
END;
$$;

ALTER FUNCTION monay_private.group_require_manager(p_group monay.groups, p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION group_require_manager(p_group monay.groups, p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_require_manager(p_group monay.groups, p_operation text) IS 'The caller''s right to manage a group (platform, owner/admin of its tenant), else 42501.';

--
-- Name: group_tenant_status(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_tenant_status(p_tenant_id uuid) RETURNS text
    LANGUAGE plpgsql
    AS $$
/* The status of tenant p_tenant_id ('active', 'suspended', 'closed'), or NULL
   when there is no such tenant. RLS shows a holding's owner only its own
   tenant, yet adding a subsidiary needs to know that it exists: this reads
   the one row under that tenant's own context (as monay_private.user_status
   does for users), then restores the caller's. It reveals only the status.
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_prev   jsonb;
    v_status text;
BEGIN
    IF p_tenant_id IS NULL THEN
        RETURN NULL;
    END IF;
    v_prev := monay_private.group_context_switch(p_tenant_id, NULL, false);
    SELECT t.status INTO v_status FROM monay.tenants t WHERE t.id = p_tenant_id;
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    RETURN v_status;
END;
$$;

ALTER FUNCTION monay_private.group_tenant_status(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION group_tenant_status(p_tenant_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_tenant_status(p_tenant_id uuid) IS 'Status of one tenant (NULL if unknown), read under its own context; restores the caller''s.';

--
-- Name: group_validate_config(text, jsonb); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.group_validate_config(p_kind text, p_config jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The configuration of a group of kind p_kind: the defaults overlaid with
   p_config, every key known and typed (docs/groups.md, "Configuration").
     household:       allowance_period 'day'|'week'|'month' (month),
                      default_allowance_cents integer >= 0 (0),
                      consolidated_billing boolean (true)
     holding_company: consolidated_billing boolean (true),
                      include_affiliates boolean (false)
   Raises MG003 naming the key and the value. */
DECLARE
    v_defaults jsonb;
    v_config   jsonb;
    v_key      text;
    v_val      jsonb;
BEGIN
    v_defaults := CASE p_kind
        WHEN 'household' THEN '{"allowance_period": "month", "default_allowance_cents": 0, "consolidated_billing": true}'
        WHEN 'holding_company' THEN '{"consolidated_billing": true, "include_affiliates": false}'
    END::jsonb;
    IF v_defaults IS NULL THEN
        RAISE EXCEPTION 'group kind % has no configuration rules', coalesce(quote_literal(p_kind), 'NULL')
            USING ERRCODE = 'MG003';
    END IF;
    IF p_config IS NOT NULL AND jsonb_typeof(p_config) <> 'object' THEN
        RAISE EXCEPTION 'configuration of a % must be a JSON object, got %', p_kind, p_config USING ERRCODE = 'MG003';
    END IF;
    v_config := v_defaults || coalesce(p_config, '{}'::jsonb);
    FOR v_key, v_val IN SELECT e.key, e.value FROM jsonb_each(v_config) e LOOP
        IF NOT v_defaults ? v_key THEN
            RAISE EXCEPTION 'unknown configuration key % for a % (known: %)', quote_literal(v_key), p_kind,
                (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(v_defaults) k) USING ERRCODE = 'MG003';
        END IF;
        IF jsonb_typeof(v_val) IS DISTINCT FROM jsonb_typeof(v_defaults -> v_key)
           OR (v_key = 'default_allowance_cents' AND (v_val::numeric % 1 <> 0 OR v_val::numeric < 0
                                                      OR v_val::numeric > 9223372036854775807))
           OR (v_key = 'allowance_period' AND v_val #>> '{}' NOT IN ('day', 'week', 'month')) THEN
            RAISE EXCEPTION 'configuration key % of a % has an invalid value: %', quote_literal(v_key), p_kind, v_val
                USING ERRCODE = 'MG003';
        END IF;
    END LOOP;
    RETURN v_config;
END;
$$;

ALTER FUNCTION monay_private.group_validate_config(p_kind text, p_config jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION group_validate_config(p_kind text, p_config jsonb); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.group_validate_config(p_kind text, p_config jsonb) IS 'Defaults overlaid with a group''s configuration, every key known and typed (MG003 otherwise).';

--
-- Name: groups_default_groups_batch(integer); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.groups_default_groups_batch(p_limit integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION monay_private.groups_default_groups_batch(p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION groups_default_groups_batch(p_limit integer); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.groups_default_groups_batch(p_limit integer) IS 'Legacy retrofit step default_groups: one committed batch of default households.';

--
-- Name: idempotency_claim(text, uuid, text, text, text, bigint, timestamp with time zone, uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.idempotency_claim(p_scope text, p_owner_id uuid, p_key text, p_fingerprint text, p_sqlstate text, p_ref_id bigint DEFAULT NULL::bigint, p_ref_at timestamp with time zone DEFAULT NULL::timestamp with time zone, p_ref_uuid uuid DEFAULT NULL::uuid, OUT claimed boolean, OUT prior_ref_id bigint, OUT prior_ref_at timestamp with time zone, OUT prior_ref_uuid uuid, OUT prior_response jsonb) RETURNS record
    LANGUAGE plpgsql
    AS $_$
/* The one idempotency claim of every retryable write: claims p_key for
   p_owner_id in p_scope with the request's p_fingerprint, or finds who
   claimed it first.
     scope 'operation' (track_operation; track_operations claims through
           monay_private.idempotency_claim_batch) and 'payment'
           (process_payment): monay_private.billing_idempotency_keys, per
           tenant (p_owner_id); an operation stores only what it stands for
           (p_ref_id = the operation id, p_ref_at = its occurred_at, the
           events' partition key): the response is rebuilt from the event;
     scope 'tenant' (create_tenant): monay_private.tenant_creation_requests,
           per owner user (p_owner_id), p_ref_uuid = the tenant it creates.
   Returns claimed = true when this call claimed the key (the caller goes on
   and writes); otherwise claimed = false and the first claim's references
   (prior_ref_id / prior_ref_at / prior_ref_uuid, and prior_response where the
   caller stored one: payments, and operation keys written before migration
   020). The claim is an INSERT ... ON CONFLICT DO NOTHING on the key's unique
   index: a concurrent claim of the same key waits until the first commits
   (then it is a duplicate) or rolls back (then it claims).
   SECURITY INVOKER, executable by monay_owner only: called from the SECURITY
   DEFINER functions above, with their pinned search_path.
   Raises:
     p_sqlstate (the caller's documented code: MT406 for billing, MT307 for
           create_tenant) the key was claimed with another fingerprint (same
           key, different request); the message names the key, the owner,
           both fingerprints (the tenant created, for scope 'tenant')
     22023 unknown scope, NULL owner, key or fingerprint, or a p_sqlstate
           that is not one of ours (MTnnn) */
DECLARE
    v_fp      text;
    v_tenant  uuid;
BEGIN
    IF p_owner_id IS NULL OR p_key IS NULL OR p_fingerprint IS NULL OR p_sqlstate IS NULL
       OR p_sqlstate !~ '^MT[0-9]{3}$' THEN
        RAISE EXCEPTION 'idempotency_claim: owner, key, fingerprint and an MTnnn sqlstate are required (scope %, owner %)',
            p_scope, p_owner_id USING ERRCODE = '22023';
    END IF;
    IF p_scope IN ('operation', 'payment') THEN
        INSERT INTO monay_private.billing_idempotency_keys (tenant_id, scope, idempotency_key, fingerprint,
                                                            operation_id, occurred_at)
        VALUES (p_owner_id, p_scope, p_key, p_fingerprint, p_ref_id, p_ref_at)
        ON CONFLICT (tenant_id, scope, idempotency_key) DO NOTHING;
        claimed := FOUND;
        IF claimed THEN
            RETURN;
        END IF;
        SELECT k.fingerprint, k.operation_id, k.occurred_at, k.response
        INTO v_fp, prior_ref_id, prior_ref_at, prior_response
        FROM monay_private.billing_idempotency_keys k
        WHERE k.tenant_id = p_owner_id AND k.scope = p_scope AND k.idempotency_key = p_key;
        IF v_fp IS DISTINCT FROM p_fingerprint THEN
            RAISE EXCEPTION 'idempotency key % of tenant % was used for % %, not for %',
                quote_literal(p_key), p_owner_id, CASE p_scope WHEN 'payment' THEN 'a payment of' ELSE 'an operation' END,
                v_fp, p_fingerprint
                USING ERRCODE = p_sqlstate, HINT = 'Use a new key for a new request.';
        END IF;
    ELSIF p_scope = 'tenant' THEN
        INSERT INTO monay_private.tenant_creation_requests (owner_user_id, idempotency_key, request_sha256, tenant_id)
        VALUES (p_owner_id, p_key, p_fingerprint, p_ref_uuid)
        ON CONFLICT (owner_user_id, idempotency_key) DO NOTHING;
        claimed := FOUND;
        IF claimed THEN
            RETURN;
        END IF;
        SELECT r.request_sha256, r.tenant_id INTO v_fp, v_tenant
        FROM monay_private.tenant_creation_requests r
        WHERE r.owner_user_id = p_owner_id AND r.idempotency_key = p_key;
        IF v_fp IS DISTINCT FROM p_fingerprint THEN
            RAISE EXCEPTION 'idempotency key % was already used by owner % to create tenant % with other parameters',
                quote_literal(p_key), p_owner_id, v_tenant
                USING ERRCODE = p_sqlstate, HINT = 'Use a new key for a new tenant.';
        END IF;
        prior_ref_uuid := v_tenant;
    ELSE
        RAISE EXCEPTION 'idempotency_claim: unknown scope % (operation, payment, tenant)',
            coalesce(quote_literal(p_scope), 'NULL') USING ERRCODE = '22023';
    END IF;
END;
$_$;

ALTER FUNCTION monay_private.idempotency_claim(p_scope text, p_owner_id uuid, p_key text, p_fingerprint text, p_sqlstate text, p_ref_id bigint, p_ref_at timestamp with time zone, p_ref_uuid uuid, OUT claimed boolean, OUT prior_ref_id bigint, OUT prior_ref_at timestamp with time zone, OUT prior_ref_uuid uuid, OUT prior_response jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION idempotency_claim(p_scope text, p_owner_id uuid, p_key text, p_fingerprint text, p_sqlstate text, p_ref_id bigint, p_ref_at timestamp with time zone, p_ref_uuid uuid, OUT claimed boolean, OUT prior_ref_id bigint, OUT prior_ref_at timestamp with time zone, OUT prior_ref_uuid uuid, OUT prior_response jsonb); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.idempotency_claim(p_scope text, p_owner_id uuid, p_key text, p_fingerprint text, p_sqlstate text, p_ref_id bigint, p_ref_at timestamp with time zone, p_ref_uuid uuid, OUT claimed boolean, OUT prior_ref_id bigint, OUT prior_ref_at timestamp with time zone, OUT prior_ref_uuid uuid, OUT prior_response jsonb) IS 'The idempotency claim of every retryable write: claims (scope, owner, key) or returns the first claim; raises the caller''s code on another fingerprint.';

--
-- Name: idempotency_claim_batch(text, uuid, text[], text[], bigint[], timestamp with time zone[], text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.idempotency_claim_batch(p_scope text, p_owner_id uuid, p_keys text[], p_fingerprints text[], p_ref_ids bigint[], p_ref_ats timestamp with time zone[], p_sqlstate text) RETURNS TABLE(claim_key text, claimed boolean, ref_id bigint)
    LANGUAGE plpgsql
    AS $_$
/* The set-based form of monay_private.idempotency_claim (same table, same
   rule, same error) for a batch of operations (scope 'operation', per tenant
   p_owner_id): p_keys, p_fingerprints, p_ref_ids (operation ids) and
   p_ref_ats (their occurred_at) are aligned, one element per operation of
   the batch in input order; operations without a key have a NULL key.
   The first operation of each key in the batch claims it, in key order (two
   batches sharing keys in different orders cannot deadlock; a concurrent
   claim of a key waits for the first to commit or roll back). Returns one
   row per distinct key: claimed = true and ref_id = the operation id of the
   batch's first operation with that key, or claimed = false and ref_id = the
   operation id of the first claim (also for keys stored before migration
   020, from their stored response).
   SECURITY INVOKER, executable by monay_owner only (see idempotency_claim).
   Raises:
     p_sqlstate (MT406 for billing) a key used with two fingerprints inside the
           batch, or with another fingerprint than its first claim; the
           message names the key, the tenant and both fingerprints
     22023 a scope other than 'operation', NULL owner, arrays of different
           lengths, or a p_sqlstate that is not one of ours (MTnnn) */
DECLARE
    v_bad   record;
    v_keys  text[];     -- per distinct key: the key, its first fingerprint and operation id,
    v_fps   text[];     -- and whether this batch claimed it
    v_ids   bigint[];
    v_won   boolean[];
BEGIN
    IF p_scope IS DISTINCT FROM 'operation' OR p_owner_id IS NULL OR p_sqlstate IS NULL
       OR p_sqlstate !~ '^MT[0-9]{3}$'
       OR cardinality(p_keys) IS DISTINCT FROM cardinality(p_fingerprints)
       OR cardinality(p_keys) IS DISTINCT FROM cardinality(p_ref_ids)
       OR cardinality(p_keys) IS DISTINCT FROM cardinality(p_ref_ats) THEN
        RAISE EXCEPTION 'idempotency_claim_batch: scope operation, an owner, aligned arrays and an MTnnn sqlstate '
            'are required (scope %, owner %)', coalesce(quote_literal(p_scope), 'NULL'), p_owner_id
            USING ERRCODE = '22023';
    END IF;
    -- One key, two requests inside the batch.
    SELECT x.k, x.f1, x.f INTO v_bad
    FROM (SELECT u.k, u.f, first_value(u.f) OVER (PARTITION BY u.k ORDER BY u.i) AS f1
          FROM unnest(p_keys, p_fingerprints) WITH ORDINALITY AS u(k, f, i) WHERE u.k IS NOT NULL) x
    WHERE x.f1 IS DISTINCT FROM x.f LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'idempotency key % of tenant % was used for %, not for % (same batch)',
            quote_literal(v_bad.k), p_owner_id, v_bad.f1, v_bad.f
            USING ERRCODE = p_sqlstate, HINT = 'Use a new key for a new request.';
    END IF;

    -- One statement: the claims, and per distinct key whether this batch claimed it.
    WITH firsts AS (
        SELECT DISTINCT ON (u.k) u.k, u.f, u.id, u.occ
        FROM unnest(p_keys, p_fingerprints, p_ref_ids, p_ref_ats) WITH ORDINALITY AS u(k, f, id, occ, i)
        WHERE u.k IS NOT NULL ORDER BY u.k, u.i
    ), ins AS (
        INSERT INTO monay_private.billing_idempotency_keys AS t (tenant_id, scope, idempotency_key, fingerprint,
                                                                 operation_id, occurred_at)
        SELECT p_owner_id, 'operation', f.k, f.f, f.id, f.occ FROM firsts f ORDER BY f.k
        ON CONFLICT (tenant_id, scope, idempotency_key) DO NOTHING
        RETURNING t.idempotency_key
    )
    SELECT array_agg(f.k), array_agg(f.f), array_agg(f.id), array_agg(i.idempotency_key IS NOT NULL)
    INTO v_keys, v_fps, v_ids, v_won
    FROM firsts f LEFT JOIN ins i ON i.idempotency_key = f.k;

    RETURN QUERY SELECT u.k, true, u.id FROM unnest(v_keys, v_ids, v_won) AS u(k, id, won) WHERE u.won;
    IF v_won IS NULL OR true = ALL (v_won) THEN
        RETURN;  -- every key new (the common case)
    END IF;
    -- Keys claimed before: the same fingerprint (else the caller's error) and the first operation's id.
    SELECT d.k, s.fingerprint, d.f INTO v_bad
    FROM unnest(v_keys, v_fps, v_won) AS d(k, f, won)
    JOIN monay_private.billing_idempotency_keys s
      ON s.tenant_id = p_owner_id AND s.scope = 'operation' AND s.idempotency_key = d.k
    WHERE NOT d.won AND s.fingerprint IS DISTINCT FROM d.f LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'idempotency key % of tenant % was used for an operation %, not for %',
            quote_literal(v_bad.k), p_owner_id, v_bad.fingerprint, v_bad.f
            USING ERRCODE = p_sqlstate, HINT = 'Use a new key for a new request.';
    END IF;
    RETURN QUERY
    SELECT d.k, false, coalesce(s.operation_id, (s.response ->> 'operation_id')::bigint)
    FROM unnest(v_keys, v_won) AS d(k, won)
    JOIN monay_private.billing_idempotency_keys s
      ON s.tenant_id = p_owner_id AND s.scope = 'operation' AND s.idempotency_key = d.k
    WHERE NOT d.won;
END;
$_$;

ALTER FUNCTION monay_private.idempotency_claim_batch(p_scope text, p_owner_id uuid, p_keys text[], p_fingerprints text[], p_ref_ids bigint[], p_ref_ats timestamp with time zone[], p_sqlstate text) OWNER TO monay_owner;
--
-- Name: FUNCTION idempotency_claim_batch(p_scope text, p_owner_id uuid, p_keys text[], p_fingerprints text[], p_ref_ids bigint[], p_ref_ats timestamp with time zone[], p_sqlstate text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.idempotency_claim_batch(p_scope text, p_owner_id uuid, p_keys text[], p_fingerprints text[], p_ref_ids bigint[], p_ref_ats timestamp with time zone[], p_sqlstate text) IS 'Set-based idempotency claim of a batch of operations: one row per distinct key, claimed or the first claim''s operation id.';

--
-- Name: jwt_secret_bytes(text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.jwt_secret_bytes(p_operation text, p_secret text) RETURNS bytea
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The checks monay.set_jwt_secret and monay.rotate_jwt_secret share: the
   platform context (42501, naming p_operation), a secret of at least 32
   bytes (22023); returns the secret as bytes. */
BEGIN
    PERFORM monay_private.require_platform(p_operation);
    IF p_secret IS NULL OR octet_length(p_secret) < 32 THEN
        RAISE EXCEPTION 'JWT secret must be at least 32 bytes, got %', coalesce(octet_length(p_secret), 0)
            USING ERRCODE = '22023';
    END IF;
    RETURN convert_to(p_secret, 'UTF8');
END;
$$;

ALTER FUNCTION monay_private.jwt_secret_bytes(p_operation text, p_secret text) OWNER TO monay_owner;
--
-- Name: FUNCTION jwt_secret_bytes(p_operation text, p_secret text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.jwt_secret_bytes(p_operation text, p_secret text) IS 'Platform context and >= 32 bytes, for set_jwt_secret and rotate_jwt_secret; the secret as bytea.';

--
-- Name: legacy_backfill_batch(text, integer); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_backfill_batch(p_table text, p_limit integer) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Steps wallets_tenant_id, cards_tenant_id, invoices_tenant_id, one batch:
   the next p_limit rows of monay.<p_table> (by id, after the step's cursor)
   get tenant_id := their owner's personal tenant (created when missing).
   Rows the dual-write trigger already filled are left alone. Returns the rows
   looked at, 0 when the table is done. Runs in the platform context.
   Raises 22023 for a table other than wallets, cards, invoices. */
DECLARE
    v_step   text := p_table || '_tenant_id';
    v_cursor uuid;
    v_last   uuid;
    v_n      bigint;
BEGIN
    IF p_table IS NULL OR p_table NOT IN ('wallets', 'cards', 'invoices') THEN
        RAISE EXCEPTION 'legacy_backfill_batch: table % is not wallets, cards or invoices',
            coalesce(quote_literal(p_table), 'NULL') USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.set_context(NULL, NULL, true);
    v_cursor := coalesce(monay_private.legacy_step_cursor('migrate', v_step),
                         '00000000-0000-0000-0000-000000000000')::uuid;
    EXECUTE format($q$
        WITH b AS (SELECT t.id, t.user_id, t.tenant_id FROM monay.%1$I t WHERE t.id > $1 ORDER BY t.id LIMIT $2),
        x AS (SELECT b.id, coalesce(r.tenant_id, monay_private.legacy_personal_tenant(b.user_id)) AS tenant_id
              FROM b LEFT JOIN monay_private.tenant_creation_requests r
                ON r.owner_user_id = b.user_id AND r.idempotency_key = 'legacy:personal-tenant'
              WHERE b.tenant_id IS NULL),
        u AS (UPDATE monay.%1$I t SET tenant_id = x.tenant_id FROM x WHERE t.id = x.id AND t.tenant_id IS NULL)
        SELECT count(*), max(b.id::text)::uuid FROM b$q$, p_table)
    INTO v_n, v_last USING v_cursor, p_limit;
    IF v_n > 0 THEN
        PERFORM monay_private.legacy_step_advance('migrate', v_step, v_last::text, v_n);
    END IF;
    RETURN v_n;
END;
$_$;

ALTER FUNCTION monay_private.legacy_backfill_batch(p_table text, p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_backfill_batch(p_table text, p_limit integer); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_backfill_batch(p_table text, p_limit integer) IS 'Retrofit backfill of wallets/cards/invoices.tenant_id: one committed batch (0 when done).';

--
-- Name: legacy_fill_tenant(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_fill_tenant() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE INSERT/UPDATE of wallets, cards, invoices without a tenant_id (a raw
   write of the pre-tenancy platform): the owner's personal tenant, created
   through monay.create_tenant when missing (monay_private.legacy_personal_tenant). */
BEGIN
    NEW.tenant_id := monay_private.legacy_personal_tenant(NEW.user_id);
    RETURN NEW;
END;
$$;

ALTER FUNCTION monay_private.legacy_fill_tenant() OWNER TO monay_owner;
--
-- Name: legacy_invalid_index_statements(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_invalid_index_statements() RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* DROP INDEX CONCURRENTLY for every invalid index left on the retrofit's
   tables by a CREATE INDEX CONCURRENTLY that was killed or failed: run before
   each index step, so that its IF NOT EXISTS builds the index again instead of
   keeping a broken one. */
    SELECT format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I', n.nspname, c.relname)
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
    WHERE NOT i.indisvalid AND c.relkind = 'i'
      AND (t.oid IN (to_regclass('monay.wallets'), to_regclass('monay.cards'), to_regclass('monay.invoices'))
           OR t.relname LIKE 'transactions\_tenant\_p%')
$$;

ALTER FUNCTION monay_private.legacy_invalid_index_statements() OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_invalid_index_statements(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_invalid_index_statements() IS 'DROP INDEX CONCURRENTLY statements for invalid indexes a killed concurrent build left behind.';

--
-- Name: legacy_mirror_id(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_mirror_id(p_transaction_id uuid) RETURNS uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The id of the mirrored credit row of a cross-tenant transaction: derived
   from the original's id (md5), so the move and the dual-write trigger write
   the same row and a repeated batch finds it instead of adding another. */
    SELECT md5('monay-mirror:' || p_transaction_id::text)::uuid
$$;

ALTER FUNCTION monay_private.legacy_mirror_id(p_transaction_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_mirror_id(p_transaction_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_mirror_id(p_transaction_id uuid) IS 'Deterministic id of the recipient tenant''s mirror row of a cross-tenant transaction.';

--
-- Name: legacy_move_transactions_batch(integer); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_move_transactions_batch(p_limit integer) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Step transactions_move, one batch: the pre-tenancy transactions of the next
   range of heap blocks (about p_limit rows; a TID range scan, sequential
   reads) are copied into the partitioned table with tenant_id (their wallet's
   tenant), counterparty_tenant_id, and a mirrored credit row in the
   counterparty's tenant when that is another tenant (id
   monay_private.legacy_mirror_id). ON CONFLICT DO NOTHING: a row the
   dual-write trigger already wrote is newer and stays. Rows written after
   migration 006 are in the new table by trigger already, so the blocks that
   existed at the step's start are enough; every later change is the
   trigger's. Returns the rows copied (originals), 0 when every block is done. */
DECLARE
    v_block  bigint;
    v_pages  bigint;
    v_per    bigint;
    v_hi     bigint;
    v_n      bigint := 0;
    v_table  text := 'monay_private.transactions_tenant';
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    v_block := coalesce(monay_private.legacy_step_cursor('migrate', 'transactions_move'), '0')::bigint;
    v_pages := pg_catalog.pg_relation_size('monay.transactions') / current_setting('block_size')::bigint;
    SELECT greatest(1, (c.reltuples / greatest(c.relpages, 1))::bigint) INTO v_per
    FROM pg_catalog.pg_class c WHERE c.oid = 'monay.transactions'::regclass;
    WHILE v_n = 0 AND v_block < v_pages LOOP
        v_hi := least(v_pages, v_block + greatest(1, p_limit / v_per));
        -- Dynamic: the table exists only during the retrofit (plpgsql_check checks
        -- bodies against the final schema, where it is gone).
        EXECUTE format($q$
        WITH src AS MATERIALIZED (
            SELECT t.id, t.wallet_id, t.counterparty_wallet_id, t.kind, t.amount_cents, t.status,
                   t.description, t.created_at, w.tenant_id, cw.tenant_id AS counterparty_tenant_id
            FROM monay.transactions t
            JOIN monay.wallets w ON w.id = t.wallet_id
            LEFT JOIN monay.wallets cw ON cw.id = t.counterparty_wallet_id
            WHERE t.ctid >= $1 AND t.ctid < $2),
        originals AS (
            INSERT INTO %1$s (id, wallet_id, counterparty_wallet_id, kind,
                amount_cents, status, description, created_at, tenant_id, counterparty_tenant_id)
            SELECT * FROM src
            ON CONFLICT DO NOTHING),
        mirrors AS (
            INSERT INTO %1$s (id, wallet_id, counterparty_wallet_id, kind,
                amount_cents, status, description, created_at, tenant_id, counterparty_tenant_id, mirror_of)
            SELECT monay_private.legacy_mirror_id(s.id), s.counterparty_wallet_id, s.wallet_id, s.kind,
                   s.amount_cents, s.status, s.description, s.created_at, s.counterparty_tenant_id, s.tenant_id, s.id
            FROM src s WHERE s.counterparty_tenant_id <> s.tenant_id
            ON CONFLICT DO NOTHING)
        SELECT count(*) FROM src$q$, v_table)
        INTO v_n USING format('(%s,0)', v_block)::tid, format('(%s,0)', v_hi)::tid;
        v_block := v_hi;
        PERFORM monay_private.legacy_step_advance('migrate', 'transactions_move', v_block::text, v_n);
    END LOOP;
    RETURN v_n;
END;
$_$;

ALTER FUNCTION monay_private.legacy_move_transactions_batch(p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_move_transactions_batch(p_limit integer); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_move_transactions_batch(p_limit integer) IS 'Retrofit step transactions_move: copies one block range into the partitioned table (0 when done).';

--
-- Name: legacy_personal_tenant(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_personal_tenant(p_user_id uuid) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The personal tenant of a pre-tenancy user: found by monay.create_tenant's
   idempotency key 'legacy:personal-tenant', or created through
   monay.create_tenant itself (individual, free tier, the user as owner, in the
   platform context; the caller's context is restored). The key makes it
   exactly one per user, also when a backfill batch and a dual-write trigger
   race for the same user.
   Raises what create_tenant raises: MT302 the user is disabled or missing,
   MT303 the user already belongs to MAX_TENANTS_PER_USER tenants. */
DECLARE
    v_tenant uuid;
    v_ctx    record;
    v_name   text;
BEGIN
    SELECT r.tenant_id INTO v_tenant FROM monay_private.tenant_creation_requests r
    WHERE r.owner_user_id = p_user_id AND r.idempotency_key = 'legacy:personal-tenant';
    IF v_tenant IS NOT NULL THEN
        RETURN v_tenant;
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(NULL, NULL, true);
    SELECT u.display_name INTO v_name FROM monay.users u WHERE u.id = p_user_id;
    v_tenant := (monay.create_tenant(coalesce(v_name, p_user_id::text), 'individual', 'free', p_user_id, NULL,
                                     'legacy:personal-tenant')).id;
    PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
    RETURN v_tenant;
END;
$$;

ALTER FUNCTION monay_private.legacy_personal_tenant(p_user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_personal_tenant(p_user_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_personal_tenant(p_user_id uuid) IS 'The personal tenant of a pre-tenancy user, created once through monay.create_tenant when missing.';

--
-- Name: legacy_personal_tenants_batch(integer); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_personal_tenants_batch(p_limit integer) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Step personal_tenants, one batch: the next p_limit users (at most 1,000: each
   costs a create_tenant, and a batch holds its tenants' rows until it commits;
   by id, after the
   step's cursor) get their personal tenant through
   monay_private.legacy_personal_tenant (monay.create_tenant's rules), when they
   own a wallet, card or invoice or belong to no tenant yet. Returns the users
   looked at, 0 when every user is done. Runs in the platform context.
   Raises what create_tenant raises (MT302 disabled owner, MT303 too many tenants). */
DECLARE
    v_cursor uuid;
    v_user   record;
    v_n      bigint := 0;
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    v_cursor := coalesce(monay_private.legacy_step_cursor('migrate', 'personal_tenants'),
                         '00000000-0000-0000-0000-000000000000')::uuid;
    FOR v_user IN
        SELECT u.id FROM monay.users u WHERE u.id > v_cursor ORDER BY u.id LIMIT least(p_limit, 1000)
    LOOP
        IF EXISTS (SELECT FROM monay.wallets w WHERE w.user_id = v_user.id)
           OR EXISTS (SELECT FROM monay.cards c WHERE c.user_id = v_user.id)
           OR EXISTS (SELECT FROM monay.invoices i WHERE i.user_id = v_user.id)
           OR NOT EXISTS (SELECT FROM monay.tenant_users tu WHERE tu.user_id = v_user.id AND tu.status = 'active') THEN
            PERFORM monay_private.legacy_personal_tenant(v_user.id);
        END IF;
        v_cursor := v_user.id;
        v_n := v_n + 1;
    END LOOP;
    IF v_n > 0 THEN
        PERFORM monay_private.legacy_step_advance('migrate', 'personal_tenants', v_cursor::text, v_n);
    END IF;
    RETURN v_n;
END;
$$;

ALTER FUNCTION monay_private.legacy_personal_tenants_batch(p_limit integer) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_personal_tenants_batch(p_limit integer); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_personal_tenants_batch(p_limit integer) IS 'Retrofit step personal_tenants: one committed batch of users (0 when done).';

--
-- Name: legacy_pre_tenancy_key_statements(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_pre_tenancy_key_statements() RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Rollback step pre_tenancy_keys: the unique indexes the pre-tenancy keys need
   (id of wallets, cards, invoices; invoice_number across everyone), built
   CONCURRENTLY before the swap back; none when the retrofit was never swapped.
   Fails with 23505, naming the number, when two tenants have used the same
   invoice number since the swap (the global key cannot come back then). */
    SELECT v.stmt FROM (VALUES
        (1, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS wallets_pre_tenancy_pkey ON monay.wallets (id)'),
        (2, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS cards_pre_tenancy_pkey ON monay.cards (id)'),
        (3, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_pre_tenancy_pkey ON monay.invoices (id)'),
        (4, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_pre_tenancy_number_key ON monay.invoices (invoice_number)')
    ) v (o, stmt)
    WHERE to_regclass('monay_private.transactions_pre_tenancy') IS NOT NULL
    ORDER BY v.o
$$;

ALTER FUNCTION monay_private.legacy_pre_tenancy_key_statements() OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_pre_tenancy_key_statements(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_pre_tenancy_key_statements() IS 'Rollback step pre_tenancy_keys: CREATE UNIQUE INDEX CONCURRENTLY statements for the pre-tenancy keys.';

--
-- Name: legacy_progress(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_progress(p_direction text) RETURNS TABLE(ord bigint, name text, kind text, status text, rows_done bigint, rows_total bigint, batches bigint, started_at timestamp with time zone, finished_at timestamp with time zone, description text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The retrofit's steps of p_direction with their progress; rows_total is the
   planner's estimate of the rows a batch step walks (pg_class.reltuples), what
   the progress bar needs, never used for a decision. */
    SELECT s.ord, s.name, s.kind, s.status, s.rows_done,
           CASE s.name
               WHEN 'personal_tenants' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = 'monay.users'::regclass)
               WHEN 'wallets_tenant_id' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = 'monay.wallets'::regclass)
               WHEN 'cards_tenant_id' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = 'monay.cards'::regclass)
               WHEN 'invoices_tenant_id' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = 'monay.invoices'::regclass)
               WHEN 'transactions_move' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c
                                              WHERE c.oid = coalesce(to_regclass('monay_private.transactions_pre_tenancy'),
                                                                     'monay.transactions'::regclass))
           END::bigint,
           s.batches, s.started_at, s.finished_at, s.description
    FROM monay_private.legacy_steps s
    WHERE s.direction = p_direction
    ORDER BY s.ord
$$;

ALTER FUNCTION monay_private.legacy_progress(p_direction text) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_progress(p_direction text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_progress(p_direction text) IS 'The retrofit''s steps (migrate or rollback) with status, rows done and an estimate of rows to do.';

--
-- Name: legacy_run_inline(text, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_run_inline(p_direction text, p_batches boolean) RETURNS void
    LANGUAGE plpgsql
    AS $$
/* Runs every pending step of p_direction inside the current transaction, on a
   database small enough for that (a fresh install; the migration's rollback):
   ddl without CONCURRENTLY, batches until they return 0 (or, p_batches false,
   marked done: a fresh database has nothing to move), hooks skipped. */
DECLARE
    v_step record;
    v_stmt text;
    v_n    bigint;
BEGIN
    FOR v_step IN SELECT * FROM monay_private.legacy_steps s
                  WHERE s.direction = p_direction AND s.status <> 'done' ORDER BY s.ord LOOP
        IF v_step.kind = 'batch' AND p_batches THEN
            LOOP
                EXECUTE v_step.body INTO v_n USING 100000;
                EXIT WHEN coalesce(v_n, 0) = 0;
            END LOOP;
        ELSIF v_step.kind = 'ddl' THEN
            EXECUTE replace(v_step.body, ' CONCURRENTLY', '');
        ELSIF v_step.kind = 'ddl_list' THEN
            FOR v_stmt IN EXECUTE v_step.body LOOP
                EXECUTE replace(v_stmt, ' CONCURRENTLY', '');
            END LOOP;
        END IF;
        UPDATE monay_private.legacy_steps SET status = 'done', finished_at = clock_timestamp()
        WHERE direction = v_step.direction AND ord = v_step.ord;
    END LOOP;
END;
$$;

ALTER FUNCTION monay_private.legacy_run_inline(p_direction text, p_batches boolean) OWNER TO monay_owner;
--
-- Name: legacy_seed_transactions(bigint, bigint, integer, integer); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_seed_transactions(p_from bigint, p_to bigint, p_users integer, p_seed integer DEFAULT 1) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* `monaydb legacy seed`, one chunk: transactions number p_from to p_to - 1 of
   the wallets made by monay_private.legacy_seed_users(p_users, p_seed), set-based.
   30% transfers (half to the same user's other wallet, half to another
   user's: the cross-tenant case), payments, deposits, withdrawals, fees,
   refunds; every status (85% completed). Deterministic in (p_seed, n); the
   rows are valid by construction, so a superuser skips the foreign-key
   triggers for speed (session_replication_role = replica, this transaction
   only). Returns the rows inserted.
   Raises MP010 when migration 006 is applied, 22023 for a bad range. */
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'monay.wallets'::regclass
               AND a.attname = 'tenant_id' AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'legacy seed fills the pre-tenancy tables, and monay.wallets has tenant_id (migration 006 is applied)'
            USING ERRCODE = 'MP010', HINT = 'monaydb migrate down --to 005_billing_infrastructure';
    END IF;
    IF p_from IS NULL OR p_to IS NULL OR p_from < 1 OR p_to < p_from OR p_users IS NULL OR p_users < 1 THEN
        RAISE EXCEPTION 'legacy seed: bad transaction range [%, %) or users %', p_from, p_to, p_users
            USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.set_context(NULL, NULL, true);
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
        PERFORM set_config('session_replication_role', 'replica', true);
    END IF;
    INSERT INTO monay.transactions (id, wallet_id, counterparty_wallet_id, kind, amount_cents, status, description, created_at)
    SELECT md5(format('legacy-tx:%s:%s', p_seed, g.t))::uuid,
           md5(format('legacy-wallet:%s:%s:%s', p_seed, g.u, g.j))::uuid,
           CASE WHEN g.kind <> 'transfer' THEN NULL
                WHEN g.h3 % 2 = 0 OR p_users = 1 THEN md5(format('legacy-wallet:%s:%s:%s', p_seed, g.u, (g.j + 1) % 3))::uuid
                ELSE md5(format('legacy-wallet:%s:%s:%s', p_seed, (g.u + g.h3 % (p_users - 1)) % p_users + 1, g.j))::uuid END,
           g.kind, 1 + g.h4 % 500000,
           CASE WHEN g.h5 % 100 < 85 THEN 'completed' WHEN g.h5 % 100 < 93 THEN 'pending'
                WHEN g.h5 % 100 < 98 THEN 'failed' ELSE 'reversed' END,
           CASE WHEN g.h5 % 4 = 0 THEN format('legacy #%s', g.t) END,
           timestamptz '2025-01-05 00:00:00+00' + g.t * interval '1 second'
    FROM (SELECT s.t, (2147483648 + hashint8(s.t * 8 + 1 + p_seed * 1000003::bigint)) % p_users + 1 AS u,
                 (2147483648 + hashint8(s.t * 8 + 2 + p_seed * 1000003::bigint)) % 3 AS j,
                 CASE WHEN k.h < 30 THEN 'transfer' WHEN k.h < 50 THEN 'payment' WHEN k.h < 70 THEN 'deposit'
                      WHEN k.h < 85 THEN 'withdrawal' WHEN k.h < 93 THEN 'fee' ELSE 'refund' END AS kind,
                 (2147483648 + hashint8(s.t * 8 + 4 + p_seed * 1000003::bigint)) AS h3,
                 (2147483648 + hashint8(s.t * 8 + 5 + p_seed * 1000003::bigint)) AS h4,
                 (2147483648 + hashint8(s.t * 8 + 6 + p_seed * 1000003::bigint)) AS h5
          FROM generate_series(p_from, p_to - 1) s (t)
          CROSS JOIN LATERAL (SELECT (2147483648 + hashint8(s.t * 8 + 3 + p_seed * 1000003::bigint)) % 100 AS h) k) g;
    RETURN p_to - p_from;
END;
$$;

ALTER FUNCTION monay_private.legacy_seed_transactions(p_from bigint, p_to bigint, p_users integer, p_seed integer) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_seed_transactions(p_from bigint, p_to bigint, p_users integer, p_seed integer); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_seed_transactions(p_from bigint, p_to bigint, p_users integer, p_seed integer) IS 'legacy seed: one chunk of deterministic pre-tenancy transactions (set-based).';

--
-- Name: legacy_seed_users(integer, integer); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_seed_users(p_users integer, p_seed integer DEFAULT 1) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* `monaydb legacy seed`, first part: p_users deterministic, plausible
   pre-tenancy users (set-based), each with three wallets (USD, EUR, USDC;
   a few frozen or closed), every second one a card on their USD wallet, and
   two invoices each in every status. Ids and values derive from (p_seed, n)
   only, so a seed is reproducible. Timestamps lie in 2025.
   Raises:
     MP010 the platform tables are tenant-scoped already (006 applied): the
           seed fills the pre-tenancy shape (`monaydb migrate down --to
           005_billing_infrastructure` first)
     MP011 the platform tables are not empty
     22023 p_users below 1 */
DECLARE
    v_n jsonb;
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'monay.wallets'::regclass
               AND a.attname = 'tenant_id' AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'legacy seed fills the pre-tenancy tables, and monay.wallets has tenant_id (migration 006 is applied)'
            USING ERRCODE = 'MP010', HINT = 'monaydb migrate down --to 005_billing_infrastructure';
    END IF;
    IF p_users IS NULL OR p_users < 1 THEN
        RAISE EXCEPTION 'legacy seed: users must be at least 1, not %', coalesce(p_users::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.set_context(NULL, NULL, true);
    IF EXISTS (SELECT FROM monay.wallets) OR EXISTS (SELECT FROM monay.transactions)
       OR EXISTS (SELECT FROM monay.cards) OR EXISTS (SELECT FROM monay.invoices) THEN
        RAISE EXCEPTION 'legacy seed: the platform tables already hold rows' USING ERRCODE = 'MP011';
    END IF;

    INSERT INTO monay.users (id, email, display_name, user_type, status, created_at, updated_at)
    SELECT md5(format('legacy-user:%s:%s', p_seed, i))::uuid, format('user%s.s%s@legacy.example', i, p_seed),
           format('Legacy User %s', i), CASE WHEN i % 10 = 0 THEN 'business' ELSE 'individual' END, 'active',
           timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second',
           timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second'
    FROM generate_series(1, p_users) i;

    INSERT INTO monay.wallets (id, user_id, currency, balance_cents, status, created_at)
    SELECT md5(format('legacy-wallet:%s:%s:%s', p_seed, i, j))::uuid, md5(format('legacy-user:%s:%s', p_seed, i))::uuid,
           (ARRAY['USD', 'EUR', 'USDC'])[j + 1], (2147483648 + hashint8(i * 7 + j + p_seed * 1000003::bigint)) % 10000000,
           CASE (2147483648 + hashint8(i * 11 + j + p_seed)) % 50 WHEN 0 THEN 'frozen' WHEN 1 THEN 'closed' ELSE 'active' END,
           timestamptz '2025-01-02 00:00:00+00' + i * interval '1 second'
    FROM generate_series(1, p_users) i CROSS JOIN generate_series(0, 2) j;

    INSERT INTO monay.cards (id, user_id, wallet_id, brand, last4, expires_on, status, spend_limit_cents, created_at)
    SELECT md5(format('legacy-card:%s:%s', p_seed, i))::uuid, md5(format('legacy-user:%s:%s', p_seed, i))::uuid,
           md5(format('legacy-wallet:%s:%s:%s', p_seed, i, 0))::uuid,
           (ARRAY['visa', 'mastercard', 'amex'])[1 + (2147483648 + hashint8(i + p_seed)) % 3],
           lpad(((2147483648 + hashint8(i * 3 + p_seed)) % 10000)::text, 4, '0'),
           date '2027-01-01' + ((2147483648 + hashint8(i * 5 + p_seed)) % 1000)::int,
           (ARRAY['active', 'active', 'active', 'frozen', 'cancelled'])[1 + (2147483648 + hashint8(i * 13 + p_seed)) % 5],
           CASE WHEN i % 3 = 0 THEN NULL ELSE ((2147483648 + hashint8(i * 17 + p_seed)) % 500000) END,
           timestamptz '2025-01-03 00:00:00+00' + i * interval '1 second'
    FROM generate_series(2, p_users, 2) i;

    INSERT INTO monay.invoices (id, user_id, invoice_number, customer_name, amount_cents, currency, status, due_date, created_at)
    SELECT md5(format('legacy-invoice:%s:%s:%s', p_seed, i, k))::uuid, md5(format('legacy-user:%s:%s', p_seed, i))::uuid,
           format('INV-%s-%s-%s', p_seed, i, k), format('Customer %s', (2147483648 + hashint8(i * 19 + k)) % 100000),
           (2147483648 + hashint8(i * 23 + k + p_seed)) % 2000000,
           (ARRAY['USD', 'EUR'])[1 + k],
           (ARRAY['draft', 'sent', 'paid', 'void', 'overdue'])[1 + (i + k) % 5],
           date '2025-02-01' + ((i + k) % 365),
           timestamptz '2025-01-04 00:00:00+00' + i * interval '1 second'
    FROM generate_series(1, p_users) i CROSS JOIN generate_series(0, 1) k;

    SELECT jsonb_build_object('users', p_users, 'wallets', p_users * 3, 'cards', p_users / 2,
                              'invoices', p_users * 2) INTO v_n;
    RETURN v_n;
END;
$$;

ALTER FUNCTION monay_private.legacy_seed_users(p_users integer, p_seed integer) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_seed_users(p_users integer, p_seed integer); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_seed_users(p_users integer, p_seed integer) IS 'legacy seed: deterministic pre-tenancy users with wallets, cards and invoices (set-based).';

--
-- Name: legacy_step_advance(text, text, text, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_step_advance(p_direction text, p_name text, p_cursor text, p_rows bigint) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records one committed batch of a step: its new cursor and rows, in the
   batch's own transaction (so a killed run resumes exactly after the last
   committed batch and never does one twice). */
    UPDATE monay_private.legacy_steps
    SET cursor = p_cursor, rows_done = rows_done + p_rows, batches = batches + 1,
        status = 'running', started_at = coalesce(started_at, now())
    WHERE direction = p_direction AND name = p_name
$$;

ALTER FUNCTION monay_private.legacy_step_advance(p_direction text, p_name text, p_cursor text, p_rows bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_step_advance(p_direction text, p_name text, p_cursor text, p_rows bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_step_advance(p_direction text, p_name text, p_cursor text, p_rows bigint) IS 'Moves a retrofit step''s cursor and counts after one batch (same transaction as the batch).';

--
-- Name: legacy_step_cursor(text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_step_cursor(p_direction text, p_name text) RETURNS text
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The cursor of a step, locked for this batch (FOR UPDATE: two drivers
   started by mistake take turns instead of doing a batch twice). */
    SELECT s.cursor FROM monay_private.legacy_steps s
    WHERE s.direction = p_direction AND s.name = p_name
    FOR UPDATE
$$;

ALTER FUNCTION monay_private.legacy_step_cursor(p_direction text, p_name text) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_step_cursor(p_direction text, p_name text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_step_cursor(p_direction text, p_name text) IS 'A retrofit step''s cursor, row-locked for the current batch.';

--
-- Name: legacy_step_finish(text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_step_finish(p_direction text, p_name text) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Marks a retrofit step done (after its last batch, or after its statements). */
    UPDATE monay_private.legacy_steps
    SET status = 'done', started_at = coalesce(started_at, clock_timestamp()), finished_at = clock_timestamp()
    WHERE direction = p_direction AND name = p_name
$$;

ALTER FUNCTION monay_private.legacy_step_finish(p_direction text, p_name text) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_step_finish(p_direction text, p_name text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_step_finish(p_direction text, p_name text) IS 'Marks a retrofit step done.';

--
-- Name: legacy_swap(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_swap() RETURNS void
    LANGUAGE plpgsql
    AS $$
/* The final step: the tenant-scoped shape takes over, in one short transaction
   (catalog changes only: every scan and index build was done online before).
   Idempotent: does nothing once swapped. */
DECLARE
    v_table text;
BEGIN
    IF to_regclass('monay_private.transactions_tenant') IS NULL THEN
        RETURN;
    END IF;
    -- In the order the platform's writes take them (see migration 006).
    LOCK TABLE monay.transactions, monay_private.transactions_tenant, monay.wallets, monay.cards,
        monay.invoices IN ACCESS EXCLUSIVE MODE;

    -- Foreign keys that hang on the wallets' old primary key.
    ALTER TABLE monay.transactions DROP CONSTRAINT transactions_wallet_id_fkey,
        DROP CONSTRAINT transactions_counterparty_wallet_id_fkey;
    ALTER TABLE monay.cards DROP CONSTRAINT cards_wallet_id_fkey;

    -- transactions: the old table is kept (in sync) for the rollback.
    ALTER TABLE monay.transactions SET SCHEMA monay_private;
    ALTER TABLE monay_private.transactions RENAME TO transactions_pre_tenancy;
    DROP TRIGGER legacy_500_sync ON monay_private.transactions_pre_tenancy;
    -- written only by the sync-back trigger; no application role reaches monay_private
    ALTER TABLE monay_private.transactions_pre_tenancy NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_pre_tenancy DISABLE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_tenant SET SCHEMA monay;
    ALTER TABLE monay.transactions_tenant RENAME TO transactions;
    CREATE TRIGGER legacy_500_sync_back AFTER INSERT OR UPDATE OR DELETE ON monay.transactions
        FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION monay_private.legacy_transactions_sync_back();

    -- wallets, cards, invoices: NOT NULL (trusting the validated checks) and
    -- keys with tenant_id (indexes built concurrently by earlier steps).
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        EXECUTE format('ALTER TABLE monay.%I ALTER COLUMN tenant_id SET NOT NULL', v_table);
        EXECUTE format('ALTER TABLE monay.%I DROP CONSTRAINT %I', v_table, v_table || '_tenant_id_not_null');
        EXECUTE format('ALTER TABLE monay.%I DROP CONSTRAINT %I, ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I',
                       v_table, v_table || '_pkey', v_table || '_pkey', v_table || '_tenant_id_id_key');
    END LOOP;
    ALTER TABLE monay.invoices DROP CONSTRAINT invoices_invoice_number_key,
        ADD CONSTRAINT invoices_tenant_id_invoice_number_key UNIQUE USING INDEX invoices_tenant_id_invoice_number_key;

    -- Row-level security by tenant (the old policies are saved for the rollback).
    INSERT INTO monay_private.legacy_saved_policies
    SELECT p.tablename, p.policyname, p.cmd, p.qual, p.with_check FROM pg_catalog.pg_policies p
    WHERE p.schemaname = 'monay' AND p.tablename IN ('wallets', 'cards', 'invoices')
    ON CONFLICT DO NOTHING;
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        EXECUTE format('DROP POLICY %I ON monay.%I', v_table || '_select', v_table);
        EXECUTE format('DROP POLICY %I ON monay.%I', v_table || '_insert', v_table);
        EXECUTE format('DROP POLICY %I ON monay.%I', v_table || '_update', v_table);
        EXECUTE format('DROP POLICY %I ON monay.%I', v_table || '_delete', v_table);
    END LOOP;
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices', 'transactions'] LOOP
        PERFORM monay_private.legacy_tenant_policies(v_table);
    END LOOP;

    -- Written only through functions from now on (the UPDATE grant also let
    -- any application LOCK these tables IN ACCESS EXCLUSIVE MODE).
    REVOKE INSERT, UPDATE ON monay.wallets, monay.cards, monay.invoices FROM monay_app;
    GRANT SELECT ON monay.transactions TO monay_app, monay_platform, monay_readonly;
END;
$$;

ALTER FUNCTION monay_private.legacy_swap() OWNER TO monay_owner;
--
-- Name: legacy_sync_transaction(jsonb, jsonb); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_sync_transaction(p_old jsonb, p_new jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* The dual-write of one change of a pre-tenancy transaction (p_old, p_new:
   the row before and after, NULL for an insert or a delete) into the
   tenant-scoped table: the row with its wallet's tenant, and the mirrored
   credit row in the counterparty's tenant when that is another one. Runs in
   the platform context and restores the caller's. Upserts: a batch of the
   move that copied an older version first is overwritten by this newer one. */
DECLARE
    v_ctx     record;
    v_tenant  uuid;
    v_ctenant uuid;
    v_row     monay.transactions;
    -- Dynamic: the table exists only during the retrofit (plpgsql_check checks
    -- bodies against the final schema, where it is gone).
    v_table   text := 'monay_private.transactions_tenant';
    v_upsert  text := 'INSERT INTO monay_private.transactions_tenant AS t (id, wallet_id, counterparty_wallet_id, '
        'kind, amount_cents, status, description, created_at, tenant_id, counterparty_tenant_id, mirror_of) '
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) '
        'ON CONFLICT (tenant_id, id) DO UPDATE SET wallet_id = EXCLUDED.wallet_id, '
        'counterparty_wallet_id = EXCLUDED.counterparty_wallet_id, kind = EXCLUDED.kind, '
        'amount_cents = EXCLUDED.amount_cents, status = EXCLUDED.status, description = EXCLUDED.description, '
        'created_at = EXCLUDED.created_at, counterparty_tenant_id = EXCLUDED.counterparty_tenant_id, '
        'mirror_of = EXCLUDED.mirror_of';
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(NULL, NULL, true);
    IF p_old IS NOT NULL AND (p_new IS NULL OR p_new -> 'wallet_id' IS DISTINCT FROM p_old -> 'wallet_id'
            OR p_new -> 'counterparty_wallet_id' IS DISTINCT FROM p_old -> 'counterparty_wallet_id') THEN
        v_tenant := monay_private.legacy_wallet_tenant((p_old ->> 'wallet_id')::uuid);
        v_ctenant := monay_private.legacy_wallet_tenant((p_old ->> 'counterparty_wallet_id')::uuid);
        EXECUTE format('DELETE FROM %s t WHERE (t.tenant_id = $1 AND t.id = $2) OR (t.tenant_id = $3 AND t.id = $4)',
                       v_table)
        USING v_tenant, (p_old ->> 'id')::uuid, v_ctenant, monay_private.legacy_mirror_id((p_old ->> 'id')::uuid);
    END IF;
    IF p_new IS NOT NULL THEN
        v_row := jsonb_populate_record(NULL::monay.transactions, p_new);
        v_tenant := monay_private.legacy_wallet_tenant(v_row.wallet_id);
        v_ctenant := monay_private.legacy_wallet_tenant(v_row.counterparty_wallet_id);
        EXECUTE v_upsert USING v_row.id, v_row.wallet_id, v_row.counterparty_wallet_id, v_row.kind,
            v_row.amount_cents, v_row.status, v_row.description, v_row.created_at, v_tenant, v_ctenant, NULL::uuid;
        IF v_ctenant <> v_tenant THEN
            EXECUTE v_upsert USING monay_private.legacy_mirror_id(v_row.id), v_row.counterparty_wallet_id,
                v_row.wallet_id, v_row.kind, v_row.amount_cents, v_row.status, v_row.description, v_row.created_at,
                v_ctenant, v_tenant, v_row.id;
        END IF;
    END IF;
    PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
END;
$_$;

ALTER FUNCTION monay_private.legacy_sync_transaction(p_old jsonb, p_new jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_sync_transaction(p_old jsonb, p_new jsonb); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_sync_transaction(p_old jsonb, p_new jsonb) IS 'Dual-write of a pre-tenancy transaction change into the tenant-scoped table (with its mirror row).';

--
-- Name: legacy_tenant_policies(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_tenant_policies(p_table text) RETURNS void
    LANGUAGE plpgsql
    AS $$
/* The standard tenant policies on monay.<p_table>: one per command, the
   tenant_id range of the verified context (DESIGN.md 13). */
DECLARE
    v_range text := 'tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())';
BEGIN
    EXECUTE format('ALTER TABLE monay.%I ENABLE ROW LEVEL SECURITY', p_table);
    EXECUTE format('ALTER TABLE monay.%I FORCE ROW LEVEL SECURITY', p_table);
    EXECUTE format('CREATE POLICY %I ON monay.%I FOR SELECT USING (%s)', p_table || '_select', p_table, v_range);
    EXECUTE format('CREATE POLICY %I ON monay.%I FOR INSERT WITH CHECK (%s)', p_table || '_insert', p_table, v_range);
    EXECUTE format('CREATE POLICY %I ON monay.%I FOR UPDATE USING (%s) WITH CHECK (%s)',
                   p_table || '_update', p_table, v_range, v_range);
    EXECUTE format('CREATE POLICY %I ON monay.%I FOR DELETE USING (%s)', p_table || '_delete', p_table, v_range);
END;
$$;

ALTER FUNCTION monay_private.legacy_tenant_policies(p_table text) OWNER TO monay_owner;
--
-- Name: legacy_transactions_fkey_statements(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_transactions_fkey_statements() RETURNS SETOF text
    LANGUAGE sql STABLE
    AS $$
    WITH fk (suffix, cols) AS (VALUES
        ('wallet_fkey', '(tenant_id, wallet_id)'),
        ('counterparty_fkey', '(counterparty_tenant_id, counterparty_wallet_id)')),
    parts AS (
        SELECT c.relname::text AS part FROM pg_catalog.pg_inherits i
        JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'monay_private.transactions_tenant'::regclass)
    SELECT stmt FROM (
        SELECT 1 AS o, fk.suffix, p.part,
               format('ALTER TABLE monay_private.%I ADD CONSTRAINT %I FOREIGN KEY %s REFERENCES monay.wallets (tenant_id, id) NOT VALID',
                      p.part, p.part || '_' || fk.suffix, fk.cols) AS stmt
        FROM fk CROSS JOIN parts p
        WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conname = p.part || '_' || fk.suffix)
        UNION ALL
        SELECT 2, fk.suffix, p.part, format('ALTER TABLE monay_private.%I VALIDATE CONSTRAINT %I', p.part, p.part || '_' || fk.suffix)
        FROM fk CROSS JOIN parts p
        UNION ALL
        SELECT 3, fk.suffix, '', format('ALTER TABLE monay_private.transactions_tenant ADD CONSTRAINT %I FOREIGN KEY %s REFERENCES monay.wallets (tenant_id, id)',
                                        'transactions_tenant_' || fk.suffix, fk.cols)
        FROM fk WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conname = 'transactions_tenant_' || fk.suffix)) s
    ORDER BY o, suffix, part
$$;

ALTER FUNCTION monay_private.legacy_transactions_fkey_statements() OWNER TO monay_owner;
--
-- Name: legacy_transactions_index_statements(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_transactions_index_statements() RETURNS SETOF text
    LANGUAGE sql STABLE
    AS $$
/* Per partition: CREATE INDEX CONCURRENTLY IF NOT EXISTS, then the parent's
   index ON ONLY and ATTACH PARTITION (so the parent is never scanned). */
    WITH ix (suffix, cols, uniq) AS (VALUES
        ('wallet_idx', '(tenant_id, wallet_id, created_at, id)', ''),
        ('counterparty_idx', '(tenant_id, counterparty_wallet_id)', ''),
        ('idempotency_key', '(tenant_id, idempotency_key)', 'UNIQUE ')),
    parts AS (
        SELECT c.relname::text AS part FROM pg_catalog.pg_inherits i
        JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'monay_private.transactions_tenant'::regclass)
    SELECT stmt FROM (
        SELECT 1 AS o, ix.suffix, p.part,
               format('CREATE %sINDEX CONCURRENTLY IF NOT EXISTS %I ON monay_private.%I %s',
                      ix.uniq, p.part || '_' || ix.suffix, p.part, ix.cols) AS stmt
        FROM ix CROSS JOIN parts p
        UNION ALL
        SELECT 2, ix.suffix, '', format('CREATE %sINDEX IF NOT EXISTS %I ON ONLY monay_private.transactions_tenant %s',
                                        ix.uniq, 'transactions_tenant_' || ix.suffix, ix.cols)
        FROM ix
        UNION ALL
        SELECT 3, ix.suffix, p.part, format('ALTER INDEX monay_private.%I ATTACH PARTITION monay_private.%I',
                                            'transactions_tenant_' || ix.suffix, p.part || '_' || ix.suffix)
        FROM ix CROSS JOIN parts p) s
    ORDER BY o, suffix, part
$$;

ALTER FUNCTION monay_private.legacy_transactions_index_statements() OWNER TO monay_owner;
--
-- Name: legacy_transactions_sync(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_transactions_sync() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER INSERT/UPDATE/DELETE of a pre-tenancy transaction row (the running
   platform's raw write): the same change in the tenant-scoped table, with its
   mirror row when the counterparty is in another tenant
   (monay_private.legacy_sync_transaction). Fires only for writes made outside
   triggers (WHEN pg_trigger_depth() = 0), so the reverse sync after the swap
   never echoes back. */
BEGIN
    PERFORM monay_private.legacy_sync_transaction(
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.legacy_transactions_sync() OWNER TO monay_owner;
--
-- Name: legacy_transactions_sync_back(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_transactions_sync_back() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* After the swap, AFTER INSERT/UPDATE/DELETE of monay.transactions: the same
   change to the original columns of the kept pre-tenancy table (mirror rows
   are not copied), so a rollback keeps the rows written under tenancy. */
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.mirror_of IS NULL THEN
            DELETE FROM monay_private.transactions_pre_tenancy WHERE id = OLD.id;
        END IF;
        RETURN NULL;
    END IF;
    IF NEW.mirror_of IS NULL THEN
        INSERT INTO monay_private.transactions_pre_tenancy AS o (id, wallet_id, counterparty_wallet_id, kind,
            amount_cents, status, description, created_at)
        VALUES (NEW.id, NEW.wallet_id, NEW.counterparty_wallet_id, NEW.kind, NEW.amount_cents, NEW.status,
                NEW.description, NEW.created_at)
        ON CONFLICT (id) DO UPDATE SET wallet_id = EXCLUDED.wallet_id,
            counterparty_wallet_id = EXCLUDED.counterparty_wallet_id, kind = EXCLUDED.kind,
            amount_cents = EXCLUDED.amount_cents, status = EXCLUDED.status,
            description = EXCLUDED.description, created_at = EXCLUDED.created_at;
    END IF;
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.legacy_transactions_sync_back() OWNER TO monay_owner;
--
-- Name: legacy_unswap(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_unswap() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Rollback step unswap: the pre-tenancy shape takes over again, in one short
   transaction (catalog changes; the unique indexes were built by step
   pre_tenancy_keys, the foreign keys come back NOT VALID and are validated by
   the next step). The kept pre-tenancy transactions hold every original row,
   and every row written under tenancy (trigger legacy_500_sync_back); mirror
   rows exist only in the tenant-scoped table, which the migration's rollback
   then drops. Idempotent: does nothing when not swapped. */
DECLARE
    v_table text;
    v_pol   record;
BEGIN
    IF to_regclass('monay_private.transactions_pre_tenancy') IS NULL THEN
        RETURN;
    END IF;
    -- In the order the platform's writes take them (see migration 006).
    LOCK TABLE monay.transactions, monay_private.transactions_pre_tenancy, monay.wallets, monay.cards,
        monay.invoices IN ACCESS EXCLUSIVE MODE;

    DROP TRIGGER legacy_500_sync_back ON monay.transactions;
    ALTER TABLE monay.transactions SET SCHEMA monay_private;
    ALTER TABLE monay_private.transactions RENAME TO transactions_tenant;
    ALTER TABLE monay_private.transactions_pre_tenancy ENABLE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_pre_tenancy FORCE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_pre_tenancy SET SCHEMA monay;
    ALTER TABLE monay.transactions_pre_tenancy RENAME TO transactions;
    CREATE TRIGGER legacy_500_sync AFTER INSERT OR UPDATE OR DELETE ON monay.transactions
        FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION monay_private.legacy_transactions_sync();

    -- Keys by id again (CASCADE: the composite foreign keys to wallets go).
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        EXECUTE format('ALTER TABLE monay.%I DROP CONSTRAINT %I CASCADE', v_table, v_table || '_pkey');
        EXECUTE format('ALTER TABLE monay.%I ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I',
                       v_table, v_table || '_pkey', v_table || '_pre_tenancy_pkey');
        EXECUTE format('ALTER TABLE monay.%I ALTER COLUMN tenant_id DROP NOT NULL', v_table);
    END LOOP;
    ALTER TABLE monay.invoices DROP CONSTRAINT invoices_tenant_id_invoice_number_key,
        ADD CONSTRAINT invoices_invoice_number_key UNIQUE USING INDEX invoices_pre_tenancy_number_key;
    ALTER TABLE monay.transactions
        ADD CONSTRAINT transactions_wallet_id_fkey FOREIGN KEY (wallet_id) REFERENCES monay.wallets (id) NOT VALID,
        ADD CONSTRAINT transactions_counterparty_wallet_id_fkey FOREIGN KEY (counterparty_wallet_id)
            REFERENCES monay.wallets (id) NOT VALID;
    ALTER TABLE monay.cards
        ADD CONSTRAINT cards_wallet_id_fkey FOREIGN KEY (wallet_id) REFERENCES monay.wallets (id) NOT VALID;

    -- The pre-tenancy policies, as the swap saved them.
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        FOR v_pol IN SELECT p.policyname FROM pg_catalog.pg_policies p
                     WHERE p.schemaname = 'monay' AND p.tablename = v_table LOOP
            EXECUTE format('DROP POLICY %I ON monay.%I', v_pol.policyname, v_table);
        END LOOP;
    END LOOP;
    FOR v_pol IN SELECT * FROM monay_private.legacy_saved_policies s ORDER BY s.table_name, s.policy_name LOOP
        EXECUTE format('CREATE POLICY %I ON monay.%I FOR %s', v_pol.policy_name, v_pol.table_name, v_pol.command)
            || coalesce(' USING (' || v_pol.using_expr || ')', '')
            || coalesce(' WITH CHECK (' || v_pol.check_expr || ')', '');
    END LOOP;
    DELETE FROM monay_private.legacy_saved_policies;
    GRANT INSERT, UPDATE ON monay.wallets, monay.cards, monay.invoices TO monay_app;
END;
$$;

ALTER FUNCTION monay_private.legacy_unswap() OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_unswap(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_unswap() IS 'Rollback step unswap: the pre-tenancy transactions, keys, policies and grants come back (short).';

--
-- Name: legacy_verify(jsonb); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_verify(p_baseline jsonb) RETURNS TABLE(check_name text, expected text, actual text, ok boolean)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* `monaydb legacy verify`: the snapshot now (monay_private.legacy_verify_snapshot
   at the baseline's cutoff) against the baseline {cutoff, checks} taken before
   the retrofit. rows/checksum/money must equal the baseline (a check missing on
   one side counts as 0); fk, tenant, mirror and sync must be 0; new is shown
   only. With p_baseline NULL the baseline checks are not judged (ok). */
    WITH now_ AS (
        SELECT s.check_name, s.value
        FROM monay_private.legacy_verify_snapshot(coalesce((p_baseline ->> 'cutoff')::timestamptz, now())) s),
    base AS (
        SELECT b.key AS check_name, b.value #>> '{}' AS value
        FROM jsonb_each(coalesce(p_baseline -> 'checks', '{}')) b
        WHERE split_part(b.key, ':', 1) IN ('rows', 'checksum', 'money'))
    SELECT coalesce(n.check_name, b.check_name),
           CASE WHEN split_part(coalesce(n.check_name, b.check_name), ':', 1) IN ('rows', 'checksum', 'money')
                THEN CASE WHEN p_baseline IS NULL THEN NULL ELSE coalesce(b.value, '0') END
                WHEN split_part(n.check_name, ':', 1) = 'new' THEN NULL
                ELSE '0' END,
           coalesce(n.value, '0'),
           CASE WHEN split_part(coalesce(n.check_name, b.check_name), ':', 1) IN ('rows', 'checksum', 'money')
                THEN p_baseline IS NULL OR coalesce(b.value, '0') = coalesce(n.value, '0')
                WHEN split_part(n.check_name, ':', 1) = 'new' THEN true
                ELSE n.value = '0' END
    FROM now_ n FULL JOIN base b ON b.check_name = n.check_name
    ORDER BY 1
$$;

ALTER FUNCTION monay_private.legacy_verify(p_baseline jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_verify(p_baseline jsonb); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_verify(p_baseline jsonb) IS 'Compares the platform tables now with a baseline snapshot: counts, checksums, money, FK and tenant checks.';

--
-- Name: legacy_verify_snapshot(timestamp with time zone); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_verify_snapshot(p_cutoff timestamp with time zone) RETURNS TABLE(check_name text, value text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* What `monaydb legacy verify` compares, in whichever shape the platform
   tables are (pre-tenancy, during the retrofit, after it, after the rollback):
     rows:T, checksum:T   rows created at or before p_cutoff and an
                          order-independent checksum of their original columns
                          (sum of hash_record_extended of the row; mirror
                          rows excluded), for users, wallets, cards, invoices,
                          transactions
     money:T:CUR:STATUS   money sums per currency and status (wallet balances,
                          invoice amounts, transaction amounts by wallet currency)
     new:T                rows created after p_cutoff (information)
     fk:...               rows whose reference is missing (must be 0)
     tenant:T             rows without their owner's tenant: NULL, a tenant the
                          owner is no active member of, or not the wallet's (must be 0;
                          once the table has tenant_id)
     mirror:transactions  1 unless the mirrors are exactly one per cross-tenant
                          original (count and checksum of the ids; must be 0)
     sync:transactions    1 when the kept pre-tenancy table differs from the
                          originals of the tenant-scoped one (count and checksum
                          of every row; must be 0; after the swap)
   Run it as a superuser or in the platform context. */
DECLARE
    v_tenant  boolean := EXISTS (SELECT FROM pg_catalog.pg_attribute a
                                 WHERE a.attrelid = 'monay.wallets'::regclass AND a.attname = 'tenant_id' AND NOT a.attisdropped);
    v_swapped boolean := to_regclass('monay_private.transactions_pre_tenancy') IS NOT NULL;
    v_orig    text;
    v_sql     text;
BEGIN
    v_orig := CASE WHEN v_swapped THEN ' AND t.mirror_of IS NULL' ELSE '' END;
    -- One scan per table: rows and checksum up to the cutoff, rows after it,
    -- and (transactions) the same over every row, for the sync check.
    v_sql := format($q$
        WITH tables (tbl, n, h, nn, n_all, h_all) AS (
            SELECT 'users', count(*) FILTER (WHERE t.created_at <= $1),
                   sum(hash_record_extended(ROW(t.id, t.email, t.display_name, t.user_type, t.status, t.created_at), 0))
                       FILTER (WHERE t.created_at <= $1),
                   count(*) FILTER (WHERE t.created_at > $1), NULL::bigint, NULL::numeric
            FROM monay.users t
            UNION ALL
            SELECT 'wallets', count(*) FILTER (WHERE t.created_at <= $1),
                   sum(hash_record_extended(ROW(t.id, t.user_id, t.currency, t.balance_cents, t.status, t.created_at), 0))
                       FILTER (WHERE t.created_at <= $1),
                   count(*) FILTER (WHERE t.created_at > $1), NULL, NULL
            FROM monay.wallets t
            UNION ALL
            SELECT 'cards', count(*) FILTER (WHERE t.created_at <= $1),
                   sum(hash_record_extended(ROW(t.id, t.user_id, t.wallet_id, t.brand, t.last4, t.expires_on, t.status,
                                            t.spend_limit_cents, t.created_at), 0)) FILTER (WHERE t.created_at <= $1),
                   count(*) FILTER (WHERE t.created_at > $1), NULL, NULL
            FROM monay.cards t
            UNION ALL
            SELECT 'invoices', count(*) FILTER (WHERE t.created_at <= $1),
                   sum(hash_record_extended(ROW(t.id, t.user_id, t.invoice_number, t.customer_name, t.amount_cents, t.currency,
                                            t.status, t.due_date, t.created_at), 0)) FILTER (WHERE t.created_at <= $1),
                   count(*) FILTER (WHERE t.created_at > $1), NULL, NULL
            FROM monay.invoices t
            UNION ALL
            SELECT 'transactions', count(*) FILTER (WHERE x.created_at <= $1), sum(x.h) FILTER (WHERE x.created_at <= $1),
                   count(*) FILTER (WHERE x.created_at > $1), count(*), sum(x.h)
            FROM (SELECT t.created_at, hash_record_extended(ROW(t.id, t.wallet_id, t.counterparty_wallet_id, t.kind, t.amount_cents,
                                                            t.status, t.description, t.created_at), 0) AS h
                  FROM monay.transactions t WHERE true %1$s) x)
        SELECT 'rows:' || tbl, n::text FROM tables
        UNION ALL SELECT 'checksum:' || tbl, coalesce(h, 0)::text FROM tables
        UNION ALL SELECT 'new:' || tbl, nn::text FROM tables
        UNION ALL SELECT 'money:wallets:' || t.currency || ':' || t.status, sum(t.balance_cents)::text
            FROM monay.wallets t WHERE t.created_at <= $1 GROUP BY t.currency, t.status
        UNION ALL SELECT 'money:invoices:' || t.currency || ':' || t.status, sum(t.amount_cents)::text
            FROM monay.invoices t WHERE t.created_at <= $1 GROUP BY t.currency, t.status
        UNION ALL SELECT 'money:transactions:' || w.currency || ':' || t.status, sum(t.amount_cents)::text
            FROM monay.transactions t JOIN monay.wallets w ON w.id = t.wallet_id
            WHERE t.created_at <= $1 %1$s GROUP BY w.currency, t.status
        UNION ALL SELECT 'fk:transactions.wallet_id', count(*) FILTER (WHERE w.id IS NULL)::text
            FROM monay.transactions t LEFT JOIN monay.wallets w ON w.id = t.wallet_id
        UNION ALL SELECT 'fk:transactions.counterparty_wallet_id', count(*)::text FROM monay.transactions t
            WHERE t.counterparty_wallet_id IS NOT NULL
              AND NOT EXISTS (SELECT FROM monay.wallets w WHERE w.id = t.counterparty_wallet_id)
        UNION ALL SELECT 'fk:cards.wallet_id', count(*)::text FROM monay.cards t
            WHERE NOT EXISTS (SELECT FROM monay.wallets w WHERE w.id = t.wallet_id)
        UNION ALL SELECT 'fk:wallets.user_id', count(*)::text FROM monay.wallets t
            WHERE NOT EXISTS (SELECT FROM monay.users u WHERE u.id = t.user_id)
        UNION ALL SELECT 'fk:cards.user_id', count(*)::text FROM monay.cards t
            WHERE NOT EXISTS (SELECT FROM monay.users u WHERE u.id = t.user_id)
        UNION ALL SELECT 'fk:invoices.user_id', count(*)::text FROM monay.invoices t
            WHERE NOT EXISTS (SELECT FROM monay.users u WHERE u.id = t.user_id)$q$, v_orig);
    IF v_tenant THEN
        v_sql := v_sql || $q$
        UNION ALL SELECT 'tenant:wallets', count(*)::text FROM monay.wallets t
            WHERE t.tenant_id IS NULL OR NOT EXISTS (SELECT FROM monay.tenant_users m
                WHERE m.tenant_id = t.tenant_id AND m.user_id = t.user_id AND m.status = 'active')
        UNION ALL SELECT 'tenant:cards', count(*)::text FROM monay.cards t
            WHERE t.tenant_id IS NULL
               OR NOT EXISTS (SELECT FROM monay.wallets w WHERE w.id = t.wallet_id AND w.tenant_id = t.tenant_id)
               OR NOT EXISTS (SELECT FROM monay.tenant_users m
                   WHERE m.tenant_id = t.tenant_id AND m.user_id = t.user_id AND m.status = 'active')
        UNION ALL SELECT 'tenant:invoices', count(*)::text FROM monay.invoices t
            WHERE t.tenant_id IS NULL OR NOT EXISTS (SELECT FROM monay.tenant_users m
                WHERE m.tenant_id = t.tenant_id AND m.user_id = t.user_id AND m.status = 'active')$q$;
    END IF;
    IF v_swapped THEN
        v_sql := v_sql || $q$
        UNION ALL SELECT 'tenant:transactions', count(*)::text FROM monay.transactions t
            WHERE NOT EXISTS (SELECT FROM monay.wallets w WHERE w.tenant_id = t.tenant_id AND w.id = t.wallet_id)
        UNION ALL SELECT 'mirror:transactions', (CASE WHEN
               (count(*) FILTER (WHERE t.mirror_of IS NULL AND t.counterparty_tenant_id <> t.tenant_id),
                sum(hashtextextended(t.id::text, 0)) FILTER (WHERE t.mirror_of IS NULL AND t.counterparty_tenant_id <> t.tenant_id))
               IS NOT DISTINCT FROM
               (count(*) FILTER (WHERE t.mirror_of IS NOT NULL), sum(hashtextextended(t.mirror_of::text, 0)) FILTER (WHERE t.mirror_of IS NOT NULL))
               THEN 0 ELSE 1 END)::text
            FROM monay.transactions t
        UNION ALL SELECT 'sync:transactions', (CASE WHEN (o.n, o.h) IS NOT DISTINCT FROM (x.n_all, x.h_all) THEN 0 ELSE 1 END)::text
            FROM tables x, (SELECT count(*) AS n, sum(hash_record_extended(ROW(o.id, o.wallet_id, o.counterparty_wallet_id, o.kind,
                    o.amount_cents, o.status, o.description, o.created_at), 0)) AS h
                FROM monay_private.transactions_pre_tenancy o) o
            WHERE x.tbl = 'transactions'$q$;
    END IF;
    RETURN QUERY EXECUTE v_sql USING p_cutoff;
END;
$_$;

ALTER FUNCTION monay_private.legacy_verify_snapshot(p_cutoff timestamp with time zone) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_verify_snapshot(p_cutoff timestamp with time zone); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_verify_snapshot(p_cutoff timestamp with time zone) IS 'Counts, checksums of original columns, money sums, FK and tenant checks of the platform tables (any shape).';

--
-- Name: legacy_wallet_tenant(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.legacy_wallet_tenant(p_wallet_id uuid) RETURNS uuid
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The tenant of a wallet during the retrofit: its tenant_id, or its owner's
   personal tenant while the backfill has not reached it. NULL for NULL. */
    SELECT coalesce(w.tenant_id, monay_private.legacy_personal_tenant(w.user_id))
    FROM monay.wallets w WHERE w.id = p_wallet_id
$$;

ALTER FUNCTION monay_private.legacy_wallet_tenant(p_wallet_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION legacy_wallet_tenant(p_wallet_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.legacy_wallet_tenant(p_wallet_id uuid) IS 'Tenant of a wallet during the retrofit (its tenant_id, else its owner''s personal tenant).';

--
-- Name: lock_tenant(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.lock_tenant(p_tenant_id uuid) RETURNS monay.tenants
    LANGUAGE plpgsql
    AS $$
/* The tenant's row, locked FOR NO KEY UPDATE for a status or tier change by
   a platform operation (suspend, reactivate, cleanup, upgrade). Raises MT301
   when it does not exist (or the caller's context cannot see it).
   SECURITY INVOKER, executable by monay_owner only: it runs inside the
   SECURITY DEFINER functions that call it, with their pinned search_path. */
DECLARE
    v_row monay.tenants;
BEGIN
    SELECT * INTO v_row FROM monay.tenants t WHERE t.id = p_tenant_id FOR NO KEY UPDATE;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay_private.lock_tenant(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION lock_tenant(p_tenant_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.lock_tenant(p_tenant_id uuid) IS 'Locks and returns a tenant row for a platform status/tier change (MT301 when missing).';

--
-- Name: record_billing_failure(text, bigint, uuid, date, text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.record_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records a billing failure in monay_private.billing_failures so that it
   survives the rollback of the caller's transaction: written through
   monay_private.commit_elsewhere (dblink to this database, the project's one
   durable-write mechanism, shared with the security events). Returns true
   when written durably; false (and a WARNING in the server log) when no
   audit link is configured or the write failed. Never raises: the caller
   goes on (the monthly run) or raises its own error. */
BEGIN
    RETURN monay_private.commit_elsewhere(
        format('SELECT monay_private.write_billing_failure(%L, %L, %L, %L, %L, %L)',
               p_source, p_run_id, p_tenant_id, p_period, p_sqlstate, left(p_message, 2000)),
        format('billing failure %s %s (tenant %s, period %s)', p_source, p_sqlstate, p_tenant_id, p_period));
END;
$$;

ALTER FUNCTION monay_private.record_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) OWNER TO monay_owner;
--
-- Name: FUNCTION record_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.record_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) IS 'Durable (dblink) row in monay_private.billing_failures; survives the caller''s rollback.';

--
-- Name: record_security_event(text, uuid, uuid, jsonb); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records a refused login or tenant switch so that it survives the rollback
   of the caller's transaction: the row is written over a dblink connection
   to this same database (its own transaction, committed at once), using the
   DSN of monay_private.audit_link (monay_private.commit_elsewhere). Returns true when written durably. When no
   link is configured or it fails, the event is still counted by
   monay_private.security_event_seq (sequences ignore rollbacks) and reported
   as a WARNING in the server log; the caller's error is raised either way.
   p_detail is capped at 4096 bytes (a larger one is replaced by its size),
   since audit_log rows can never be deleted. */
DECLARE
    v_detail jsonb := p_detail;
BEGIN
    PERFORM nextval('monay_private.security_event_seq');
    IF octet_length(v_detail::text) > 4096 THEN
        v_detail := jsonb_build_object('detail_truncated_bytes', octet_length(v_detail::text),
                                       'sqlstate', left(v_detail ->> 'sqlstate', 5));
    END IF;
    RETURN monay_private.commit_elsewhere(
        format('SELECT monay_private.write_security_event(%L, %L, %L, %L, %L, %L)',
               p_action, p_tenant_id, p_user_id, v_detail, session_user, pg_current_xact_id_if_assigned()),
        format('security event %s (tenant %s, user %s)', p_action, p_tenant_id, p_user_id));
END;
$$;

ALTER FUNCTION monay_private.record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) IS 'Durable (dblink) audit row for a refused login or switch; survives the caller''s rollback.';

--
-- Name: record_tier_change(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.record_tier_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER INSERT OR UPDATE OF billing_tier, gross_margin_percent on
   monay.tenants: appends the tenant's tier and margin to
   monay.tenant_tier_history, effective from the tenant's created_at (INSERT)
   or from now() (a change). Two changes in one transaction share now(): the
   later one overwrites the earlier (the history keeps one row per instant).
   changed_by is the user of the verified context (NULL for platform jobs).
   Not SECURITY DEFINER on purpose: it writes as whoever changed the tenant
   (monay_owner inside our SECURITY DEFINER functions), through RLS like any
   other row, so the context that could write the tenant writes its history
   (same tenant_id range) and a superuser fixture bypasses RLS for both.
   Raises nothing of its own; an UPDATE that leaves both columns unchanged
   writes nothing. */
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.billing_tier IS NOT DISTINCT FROM OLD.billing_tier
       AND NEW.gross_margin_percent IS NOT DISTINCT FROM OLD.gross_margin_percent THEN
        RETURN NULL;
    END IF;
    INSERT INTO monay.tenant_tier_history AS h
        (tenant_id, effective_at, billing_tier, gross_margin_percent, changed_by)
    VALUES (NEW.id,
            CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at ELSE now() END,
            NEW.billing_tier, NEW.gross_margin_percent, monay.current_user_id())
    ON CONFLICT (tenant_id, effective_at) DO UPDATE
        SET billing_tier = excluded.billing_tier,
            gross_margin_percent = excluded.gross_margin_percent,
            changed_by = excluded.changed_by;
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.record_tier_change() OWNER TO monay_owner;
--
-- Name: FUNCTION record_tier_change(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.record_tier_change() IS 'Trigger: appends a tenant''s billing tier and margin to monay.tenant_tier_history on insert/change.';

--
-- Name: refuse_access(text, text, text, uuid, uuid, jsonb); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records a refused login or switch durably (record_security_event), then
   raises p_sqlstate with p_message. Never returns. */
BEGIN
    PERFORM monay_private.record_security_event(
        p_action, p_tenant_id, p_user_id,
        coalesce(p_detail, '{}'::jsonb) || jsonb_build_object('sqlstate', p_sqlstate, 'reason', p_message));
    RAISE EXCEPTION USING ERRCODE = p_sqlstate, MESSAGE = p_message;
END;
$$;

ALTER FUNCTION monay_private.refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) IS 'Durably records a refused login/switch, then raises the given SQLSTATE.';

--
-- Name: require_not_null(anyelement, text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.require_not_null(p_value anyelement, p_name text, p_operation text) RETURNS void
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

ALTER FUNCTION monay_private.require_not_null(p_value anyelement, p_name text, p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION require_not_null(p_value anyelement, p_name text, p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.require_not_null(p_value anyelement, p_name text, p_operation text) IS 'Raises 22023 "<operation>: <name> must not be NULL" when p_value is NULL.';

--
-- Name: require_platform(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.require_platform(p_operation text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Raises 42501 unless this transaction holds the verified platform context
   (monay.set_platform_context, monay_platform only). The message names the
   operation and who asked: the database role and the context's user/tenant. */
DECLARE
    v_ctx record;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF NOT coalesce(v_ctx.platform, false) THEN
        RAISE EXCEPTION '% is a platform operation: role % (user %, tenant %) is not in the platform context',
            p_operation, coalesce(nullif(current_setting('role'), 'none'), session_user),
            coalesce(v_ctx.user_id::text, 'none'),
            coalesce(v_ctx.tenant_id::text, 'none')
            USING ERRCODE = '42501',
                  HINT = 'Run it as monay_platform after SELECT monay.set_platform_context().';
    END IF;
END;
$$;

ALTER FUNCTION monay_private.require_platform(p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION require_platform(p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.require_platform(p_operation text) IS 'Raises 42501 naming the operation and the caller unless in the platform context.';

--
-- Name: require_tenant_access(uuid, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.require_tenant_access(p_tenant_id uuid, p_operation text) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
/* The tenant gate, first line of every function that takes p_tenant_id
   (billing, vault, tenancy reads; a trigger passes NEW.tenant_id): the
   caller's verified context must be that tenant (an authenticated user, or a
   platform job inside it with monay.set_tenant_context) or the platform.
   Functions that take no tenant use monay_private.require_tenant_context;
   owner/admin operations monay_private.require_tenant_manager; platform-only
   ones monay_private.require_platform.
   Raises:
     22023 '<p_operation>: p_tenant_id must not be NULL'
     42501 no verified context, a forged one, or another tenant's: the message
           names the context's tenant and the tenant asked for
   Owner-only, SECURITY INVOKER: it runs inside the (owner-run, SECURITY
   DEFINER) functions that call it, with their pinned search_path, and names
   every object with its schema. No SET clause, and the NULL check written
   inline rather than a call of monay_private.require_not_null (same message
   shape, pinned by both tests): the gate is on the hot path of
   track_operation, where a nested PL/pgSQL call costs 3.5 us (min of 7
   rounds of 20,000 calls, loaded 2-core dev box) against 0.04 us inline. */
DECLARE
    v_ctx record;
BEGIN
    IF p_tenant_id IS NULL THEN
        RAISE EXCEPTION '%: p_tenant_id must not be NULL', p_operation USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF v_ctx.platform OR v_ctx.tenant_id = p_tenant_id THEN
        RETURN;
    END IF;
    RAISE EXCEPTION '%: the context of tenant % may not act on tenant %', p_operation,
        coalesce(v_ctx.tenant_id::text, 'none (no verified context)'), p_tenant_id
        USING ERRCODE = '42501',
              HINT = 'Authenticate into that tenant (monay.authenticate, monay.switch_tenant) '
                     'or run as monay_platform after monay.set_platform_context().';
END;
$$;

ALTER FUNCTION monay_private.require_tenant_access(p_tenant_id uuid, p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION require_tenant_access(p_tenant_id uuid, p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.require_tenant_access(p_tenant_id uuid, p_operation text) IS 'The tenant gate: 42501 unless the verified context is p_tenant_id or the platform (22023 for NULL).';

--
-- Name: require_tenant_context(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.require_tenant_context(p_operation text, OUT tenant_id uuid, OUT user_id uuid) RETURNS record
    LANGUAGE plpgsql STABLE
    AS $$
/* The tenant gate of functions that take no tenant argument (the platform
   tables: create_wallet, transfer, list_wallets, list_transactions): returns
   the verified context's tenant (an authenticated member, or a platform job
   inside one tenant with monay.set_tenant_context) and its user (NULL for a
   job). Functions that take p_tenant_id use
   monay_private.require_tenant_access instead.
   Raises 42501 without a tenant context: none, a forged one, or the platform
   context alone (such rows always belong to one tenant); the message says
   which. Owner-only, SECURITY INVOKER: it runs inside the (owner-run)
   functions that call it. */
DECLARE
    v_ctx record;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF v_ctx.tenant_id IS NULL THEN
        RAISE EXCEPTION '%: needs a tenant context (monay.authenticate, or monay.set_tenant_context for a platform job); %',
            p_operation, CASE WHEN v_ctx.platform THEN 'the platform context names no tenant'
                              ELSE 'there is no verified context' END
            USING ERRCODE = '42501';
    END IF;
    tenant_id := v_ctx.tenant_id;
    user_id := v_ctx.user_id;
END;
$$;

ALTER FUNCTION monay_private.require_tenant_context(p_operation text, OUT tenant_id uuid, OUT user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION require_tenant_context(p_operation text, OUT tenant_id uuid, OUT user_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.require_tenant_context(p_operation text, OUT tenant_id uuid, OUT user_id uuid) IS 'Tenant (and user) of the verified context; 42501 without a tenant context.';

--
-- Name: require_tenant_found(uuid, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.require_tenant_found(p_tenant_id uuid, p_found boolean) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    AS $$
/* "The tenant exists": the one place MT301 is raised. The caller reads the
   tenant where it needs it (monay.tenants, locked or not, or
   monay_private.billing_tenant_state on the billing paths: RLS decides what
   it may see) and passes what it found:
     SELECT ... INTO v_x FROM monay.tenants t WHERE t.id = p_tenant_id;
     PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
   Raises MT301 'tenant <id> does not exist' unless p_found is true (NULL
   counts as not found: the tenant is unknown or not visible to the context).
   A status check goes through monay_private.require_tenant_status, which
   calls this one. Owner-only, SECURITY INVOKER, no SET clause (names no
   object). */
BEGIN
    IF p_found IS NOT TRUE THEN
        RAISE EXCEPTION 'tenant % does not exist', p_tenant_id USING ERRCODE = 'MT301';
    END IF;
END;
$$;

ALTER FUNCTION monay_private.require_tenant_found(p_tenant_id uuid, p_found boolean) OWNER TO monay_owner;
--
-- Name: FUNCTION require_tenant_found(p_tenant_id uuid, p_found boolean); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.require_tenant_found(p_tenant_id uuid, p_found boolean) IS 'Raises MT301 "tenant <id> does not exist" unless p_found is true.';

--
-- Name: require_tenant_manager(uuid, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.require_tenant_manager(p_tenant_id uuid, p_operation text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Who may manage the members of p_tenant_id in this transaction: returns
   'platform' for the platform context, 'owner' or 'admin' for an active
   owner/admin of p_tenant_id authenticated in that same tenant. Raises 42501
   otherwise (another tenant's context, a member or viewer, no user), naming
   the operation, the caller and the tenant. Whether the tenant exists is
   the caller's next check (for a user it is the tenant they are in). */
DECLARE
    v_ctx  record;
    v_role text;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF coalesce(v_ctx.platform, false) THEN
        RETURN 'platform';
    END IF;
    IF v_ctx.user_id IS NOT NULL AND v_ctx.tenant_id = p_tenant_id THEN
        SELECT tu.role INTO v_role FROM monay.tenant_users tu
        WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_ctx.user_id AND tu.status = 'active';
        IF EXISTS (SELECT 1 FROM monay.tenant_roles r WHERE r.role = v_role AND r.manages) THEN
            RETURN v_role;
        END IF;
    END IF;
    RAISE EXCEPTION '% on tenant % is refused: role % (user %, tenant context %, tenant role %) is not an owner or admin of that tenant nor the platform',
        p_operation, p_tenant_id, coalesce(nullif(current_setting('role'), 'none'), session_user),
        coalesce(v_ctx.user_id::text, 'none'), coalesce(v_ctx.tenant_id::text, 'none'),
        coalesce(v_role, 'none')
        USING ERRCODE = '42501',
              HINT = 'Owners and admins manage their own tenant''s members, authenticated in that tenant.';
END;
$$;

ALTER FUNCTION monay_private.require_tenant_manager(p_tenant_id uuid, p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION require_tenant_manager(p_tenant_id uuid, p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.require_tenant_manager(p_tenant_id uuid, p_operation text) IS 'Caller''s management right on a tenant (platform, owner, admin), else 42501.';

--
-- Name: require_tenant_status(uuid, text, text, text, text[]); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.require_tenant_status(p_tenant_id uuid, p_status text, p_errcode text, p_refusal text, p_refused text[] DEFAULT ARRAY['closed'::text]) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    AS $$
/* "The tenant exists and its status allows this": the caller reads the
   tenant's status (p_status NULL: not found or not visible) and says which
   code and words a refused status gets:
     PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'its tier cannot change');
   Raises:
     MT301 p_status NULL (through monay_private.require_tenant_found)
     p_errcode when p_status is one of p_refused (default {closed}):
           'tenant <id> is <status>: <p_refusal>', with a HINT for a suspended
           (the platform reactivates it) or closed (final) tenant.
           Today MT304 (tenancy: a closed tenant cannot change) and MT404
           (billing: usage of a suspended or closed tenant is refused).
   p_errcode is a registered code of ours (sql/functions/core/error_codes.sql),
   written as a literal at the call site: the registry then lists the caller
   as its raiser. Owner-only, SECURITY INVOKER, no SET clause (names no object
   but its sibling, schema-qualified). */
BEGIN
    PERFORM monay_private.require_tenant_found(p_tenant_id, p_status IS NOT NULL);
    IF p_status = ANY (p_refused) THEN
        RAISE EXCEPTION 'tenant % is %: %', p_tenant_id, p_status, p_refusal
            USING ERRCODE = p_errcode,
                  HINT = CASE p_status
                             WHEN 'suspended' THEN 'A suspended tenant is reactivated by the platform (monay.reactivate_tenant).'
                             WHEN 'closed' THEN 'Closing is final: a closed tenant cannot be reopened.'
                             ELSE 'The tenant''s status_reason says why.' END;
    END IF;
END;
$$;

ALTER FUNCTION monay_private.require_tenant_status(p_tenant_id uuid, p_status text, p_errcode text, p_refusal text, p_refused text[]) OWNER TO monay_owner;
--
-- Name: FUNCTION require_tenant_status(p_tenant_id uuid, p_status text, p_errcode text, p_refusal text, p_refused text[]); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.require_tenant_status(p_tenant_id uuid, p_status text, p_errcode text, p_refusal text, p_refused text[]) IS 'MT301 when the tenant is not found (p_status NULL); p_errcode "tenant <id> is <status>: <refusal>" when its status is refused.';

--
-- Name: set_context(uuid, uuid, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.set_context(p_tenant_id uuid, p_user_id uuid, p_platform boolean) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Sets the signed, transaction-local context (SET LOCAL, which Citus propagates, in one
   EXECUTE) and, unless the transaction is read-only (setval is refused there; the readers then
   check the HMAC), caches its digest in currval(monay.context_cache_seq). Only functions of
   ours call it; no application role can. */
DECLARE
    v_tenant   text := coalesce(p_tenant_id::text, '');
    v_user     text := coalesce(p_user_id::text, '');
    v_platform text := p_platform::text;
    v_sig      text := monay_private.context_signature(v_tenant, v_user, v_platform);
    v_cache    boolean := current_setting('transaction_read_only') = 'off';
BEGIN
    EXECUTE format('SET LOCAL monay.tenant_id = %L; SET LOCAL monay.user_id = %L; SET LOCAL monay.platform = %L; '
                   'SET LOCAL monay.context_signature = %L%s',
                   v_tenant, v_user, v_platform, v_sig,
                   CASE WHEN v_cache THEN '; SET LOCAL monay.context_cache = on' ELSE '' END);
    IF v_cache THEN
        PERFORM setval('monay.context_cache_seq',
                       ('x' || encode(monay.context_cache_digest(v_tenant, v_user, v_platform, v_sig), 'hex'))::bit(64)::bigint);
    END IF;
END;
$$;

ALTER FUNCTION monay_private.set_context(p_tenant_id uuid, p_user_id uuid, p_platform boolean) OWNER TO monay_owner;
--
-- Name: set_user_status(text, uuid, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.set_user_status(p_operation text, p_user_id uuid, p_status text) RETURNS monay.users
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The one body of monay.disable_user and monay.enable_user: platform context
   only, locks the user's row, sets status p_status ('active' or 'disabled')
   and returns the row; already in that status: no change (idempotent).
   Audited by trigger (users_audit).
   Raises:
     42501 not the platform context
     22023 p_user_id NULL
     MT302 the user does not exist */
DECLARE
    v_row monay.users;
BEGIN
    PERFORM monay_private.require_platform(format('%s(%s)', p_operation, p_user_id));
    PERFORM monay_private.require_not_null(p_user_id, 'p_user_id', p_operation);
    SELECT * INTO v_row FROM monay.users u WHERE u.id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '%: user % does not exist', p_operation, p_user_id USING ERRCODE = 'MT302';
    END IF;
    IF v_row.status IS DISTINCT FROM p_status THEN
        UPDATE monay.users u SET status = p_status, updated_at = now()
        WHERE u.id = p_user_id
        RETURNING * INTO v_row;
    END IF;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay_private.set_user_status(p_operation text, p_user_id uuid, p_status text) OWNER TO monay_owner;
--
-- Name: FUNCTION set_user_status(p_operation text, p_user_id uuid, p_status text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.set_user_status(p_operation text, p_user_id uuid, p_status text) IS 'Body of disable_user/enable_user: platform only, idempotent status change of one user.';

--
-- Name: tenants_fill_defaults(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.tenants_fill_defaults() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE INSERT/UPDATE on monay.tenants: a tenant inserted without a name is
   named by its code; updated_at and status_changed_at follow the row. */
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.name := coalesce(NEW.name, NEW.tenant_code);
    ELSE
        NEW.updated_at := now();
        IF NEW.status IS DISTINCT FROM OLD.status THEN
            NEW.status_changed_at := now();
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

ALTER FUNCTION monay_private.tenants_fill_defaults() OWNER TO monay_owner;
--
-- Name: FUNCTION tenants_fill_defaults(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.tenants_fill_defaults() IS 'Defaults a tenant''s name to its code; maintains updated_at and status_changed_at.';

--
-- Name: tenants_margin_within_tier(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.tenants_margin_within_tier() RETURNS trigger
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE INSERT/UPDATE OF billing_tier, gross_margin_percent on monay.tenants: the
   seed's margin contract, read from monay.billing_tiers (it replaced the CHECK
   tenants_gross_margin_within_tier and keeps its SQLSTATE and name).
   Raises 23514 for a margin outside the tier's range and for an unknown tier
   (the message names the allowed ones; the foreign key stays as the backstop). */
DECLARE
    v_tier monay.billing_tiers;
BEGIN
    IF NEW.billing_tier IS NULL OR NEW.gross_margin_percent IS NULL THEN
        RETURN NEW;  -- NOT NULL reports it (23502), as before
    END IF;
    SELECT * INTO v_tier FROM monay.billing_tiers b WHERE b.tier = NEW.billing_tier;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tenant %: unknown billing tier %, allowed: %', NEW.id,
            coalesce(quote_literal(NEW.billing_tier), 'NULL'),
            (SELECT string_agg(b.tier, ', ' ORDER BY b.sort_order) FROM monay.billing_tiers b)
            USING ERRCODE = '23514', CONSTRAINT = 'tenants_billing_tier_fkey',
                  SCHEMA = 'monay', TABLE = 'tenants', COLUMN = 'billing_tier';
    END IF;
    IF NEW.gross_margin_percent NOT BETWEEN v_tier.gross_margin_min_percent AND v_tier.gross_margin_max_percent THEN
        RAISE EXCEPTION 'tenant %: gross margin % %% is outside the range of tier % (% to % %%)', NEW.id,
            coalesce(NEW.gross_margin_percent::text, 'NULL'), NEW.billing_tier,
            v_tier.gross_margin_min_percent, v_tier.gross_margin_max_percent
            USING ERRCODE = '23514', CONSTRAINT = 'tenants_gross_margin_within_tier',
                  SCHEMA = 'monay', TABLE = 'tenants', COLUMN = 'gross_margin_percent';
    END IF;
    RETURN NEW;
END;
$$;

ALTER FUNCTION monay_private.tenants_margin_within_tier() OWNER TO monay_owner;
--
-- Name: FUNCTION tenants_margin_within_tier(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.tenants_margin_within_tier() IS 'Trigger: a tenant''s gross margin lies in its tier''s range (monay.billing_tiers); 23514 otherwise.';

--
-- Name: tenants_never_deleted(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.tenants_never_deleted() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE DELETE on monay.tenants: a tenant row is never deleted (bills, audit rows and
   retained accounting rows name it without a foreign key to lock; its code stays unique).
   Close it (monay.close_tenant) and let monay.purge_closed_tenants delete its data: the row
   stays, marked purged_at. Raises MT306. */
BEGIN
    RAISE EXCEPTION 'tenant % cannot be deleted: tenants are closed (monay.close_tenant), and purged by '
        'monay.purge_closed_tenants, which keeps the row', OLD.id
        USING ERRCODE = 'MT306';
END;
$$;

ALTER FUNCTION monay_private.tenants_never_deleted() OWNER TO monay_owner;
--
-- Name: FUNCTION tenants_never_deleted(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.tenants_never_deleted() IS 'Trigger: refuses DELETE on monay.tenants (MT306); tenants are closed and purged, never deleted.';

--
-- Name: tier_margin_range(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.tier_margin_range(p_tier text, OUT floor_pct numeric, OUT ceiling_pct numeric) RETURNS record
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The gross margin range (percent, inclusive) of a billing tier, from
   monay.billing_tiers (the seed's contract: free 0..0, small_business 60..70,
   enterprise 70..90), which trigger tenants_200_margin_within_tier enforces on
   monay.tenants. NULLs for an unknown tier. Used for defaults and for error
   messages (sql/tests/tenancy/tier_margin_range.sql proves they agree). */
    SELECT trim_scale(r.gross_margin_min_percent), trim_scale(r.gross_margin_max_percent)
    FROM monay.billing_tiers r
    RIGHT JOIN (SELECT p_tier AS tier) q ON q.tier = r.tier
$$;

ALTER FUNCTION monay_private.tier_margin_range(p_tier text, OUT floor_pct numeric, OUT ceiling_pct numeric) OWNER TO monay_owner;
--
-- Name: FUNCTION tier_margin_range(p_tier text, OUT floor_pct numeric, OUT ceiling_pct numeric); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.tier_margin_range(p_tier text, OUT floor_pct numeric, OUT ceiling_pct numeric) IS 'Inclusive gross-margin range of a billing tier (monay.billing_tiers); NULLs when unknown.';

--
-- Name: treasury_grant_allows(uuid, uuid, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.treasury_grant_allows(p_wallet_tenant uuid, p_wallet_id uuid, p_access text) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* True when an active grant (revoked_at NULL, expires_at after now()) of
   tenant p_wallet_tenant opens exactly wallet p_wallet_id to exactly the
   verified context's user (grantee_user_id) or tenant (grantee_tenant_id),
   with access p_access: 'read' is given by read and spend grants, 'spend'
   by spend grants only (whether an amount fits is treasury_grant_spend's
   job). False without a verified context (none or forged). The wallet and
   transaction policies add the same rule (docs/groups.md, "Treasury grants").
   Raises 22023 for an access other than 'read' or 'spend'. */
DECLARE
    v_ctx record;
BEGIN
    IF p_access IS NULL OR p_access NOT IN ('read', 'spend') THEN
        RAISE EXCEPTION 'treasury_grant_allows: access must be read or spend, got %',
            coalesce(quote_literal(p_access), 'NULL') USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF v_ctx.user_id IS NULL AND v_ctx.tenant_id IS NULL THEN
        RETURN false;
    END IF;
    RETURN EXISTS (
        SELECT 1 FROM monay.treasury_access_grants g
        WHERE g.tenant_id = p_wallet_tenant AND g.wallet_id = p_wallet_id
          AND g.revoked_at IS NULL AND g.expires_at > now()
          AND (p_access = 'read' OR g.access = 'spend')
          AND (g.grantee_user_id = v_ctx.user_id OR g.grantee_tenant_id = v_ctx.tenant_id));
END;
$$;

ALTER FUNCTION monay_private.treasury_grant_allows(p_wallet_tenant uuid, p_wallet_id uuid, p_access text) OWNER TO monay_owner;
--
-- Name: FUNCTION treasury_grant_allows(p_wallet_tenant uuid, p_wallet_id uuid, p_access text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.treasury_grant_allows(p_wallet_tenant uuid, p_wallet_id uuid, p_access text) IS 'True when an active grant opens exactly this wallet to exactly the context''s user or tenant.';

--
-- Name: treasury_grant_spend(uuid, bigint); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.treasury_grant_spend(p_grant_id uuid, p_amount_cents bigint) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Consumes p_amount_cents of grant p_grant_id's spend limit for its grantee
   (the verified context's user or tenant, or the platform), atomically: the
   grant row is locked (FOR UPDATE) before the checks, so concurrent spends
   through one grant queue on it and can never take more than the limit in
   total. The wallet's own spend function calls it in the same transaction as
   the transfer (wired with the tenant-scoped wallets), so a rolled-back
   transfer gives its cents back. Returns {grant_id, tenant_id, wallet_id,
   amount_cents, spent_cents, remaining_cents}.
   Raises (nothing consumed):
     22023 NULL grant, amount NULL or < 1
     MG014 no such grant visible to the context (none, forged, another's)
     42501 the context is not the grant's grantee (nor the platform)
     MG015 the grant is revoked or expired
     MG017 a read-only grant
     MG016 the amount exceeds what is left of the limit (names both) */
DECLARE
    v_ctx record;
    v_row monay.treasury_access_grants;
BEGIN
    IF p_grant_id IS NULL OR p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'treasury_grant_spend: a grant and an amount of at least 1 cent are needed, got %, %',
            coalesce(p_grant_id::text, 'NULL'), coalesce(p_amount_cents::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    SELECT * INTO v_row FROM monay.treasury_access_grants g WHERE g.id = p_grant_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'treasury_grant_spend: grant % does not exist or is not visible to this context', p_grant_id
            USING ERRCODE = 'MG014';
    END IF;
    IF NOT coalesce(v_ctx.platform OR v_row.grantee_user_id = v_ctx.user_id
                    OR v_row.grantee_tenant_id = v_ctx.tenant_id, false) THEN
        RAISE EXCEPTION 'treasury_grant_spend: grant % is not the context''s (user %, tenant %) to spend', p_grant_id,
            coalesce(v_ctx.user_id::text, 'none'), coalesce(v_ctx.tenant_id::text, 'none') USING ERRCODE = '42501';
    END IF;
    IF v_row.revoked_at IS NOT NULL OR v_row.expires_at <= now() THEN
        RAISE EXCEPTION 'treasury_grant_spend: grant % is %', p_grant_id,
            CASE WHEN v_row.revoked_at IS NOT NULL THEN format('revoked since %s', v_row.revoked_at)
                 ELSE format('expired since %s', v_row.expires_at) END USING ERRCODE = 'MG015';
    END IF;
    IF v_row.access <> 'spend' THEN
        RAISE EXCEPTION 'treasury_grant_spend: grant % is read-only', p_grant_id USING ERRCODE = 'MG017';
    END IF;
    IF v_row.spent_cents + p_amount_cents > v_row.spend_limit_cents THEN
        RAISE EXCEPTION 'treasury_grant_spend: % cents exceed what is left of grant % (limit %, spent %, left %)',
            p_amount_cents, p_grant_id, v_row.spend_limit_cents, v_row.spent_cents,
            v_row.spend_limit_cents - v_row.spent_cents USING ERRCODE = 'MG016';
    END IF;
    UPDATE monay.treasury_access_grants g SET spent_cents = g.spent_cents + p_amount_cents, updated_at = now()
    WHERE g.tenant_id = v_row.tenant_id AND g.id = p_grant_id
    RETURNING * INTO v_row;
    RETURN jsonb_build_object('grant_id', v_row.id, 'tenant_id', v_row.tenant_id, 'wallet_id', v_row.wallet_id,
        'amount_cents', p_amount_cents, 'spent_cents', v_row.spent_cents,
        'remaining_cents', v_row.spend_limit_cents - v_row.spent_cents);
END;
$$;

ALTER FUNCTION monay_private.treasury_grant_spend(p_grant_id uuid, p_amount_cents bigint) OWNER TO monay_owner;
--
-- Name: FUNCTION treasury_grant_spend(p_grant_id uuid, p_amount_cents bigint); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.treasury_grant_spend(p_grant_id uuid, p_amount_cents bigint) IS 'Consumes a spend grant''s limit atomically (row lock): MG015 inactive, MG016 over the limit, MG017 read-only.';

--
-- Name: user_status(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.user_status(p_user_id uuid) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The status of user p_user_id ('active', 'disabled'), or NULL when there is
   no such user. RLS shows a tenant admin only their own tenant's members, yet
   adding a member or naming an owner needs to know that the user exists: this
   reads the one row under a user-only context of that user (what the user
   would see of themself), then restores the caller's context exactly. It
   reveals nothing but the status. VOLATILE because it re-signs the context. */
DECLARE
    v_ctx    record;
    v_status text;
BEGIN
    IF p_user_id IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(NULL, p_user_id, false);
    SELECT u.status INTO v_status FROM monay.users u WHERE u.id = p_user_id;
    PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
    RETURN v_status;
END;
$$;

ALTER FUNCTION monay_private.user_status(p_user_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION user_status(p_user_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.user_status(p_user_id uuid) IS 'Status of one user (NULL if unknown), read under that user''s own context; restores the caller''s.';

--
-- Name: vault_allocations_append_only(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.vault_allocations_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
/* BEFORE UPDATE OR DELETE (per row) and BEFORE TRUNCATE on
   monay_private.vault_account_allocations: the ledger of account indexes is
   append-only, so an index can never be handed to a second tenant, also not
   by its owner role.
   Raises:
     MV009 any UPDATE, DELETE or TRUNCATE (message names the index and tenant) */
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'the HD account ledger is append-only: TRUNCATE refused' USING ERRCODE = 'MV009';
    END IF;
    RAISE EXCEPTION 'the HD account ledger is append-only: % of account % (tenant %) refused',
        TG_OP, OLD.account_index, OLD.tenant_id USING ERRCODE = 'MV009';
END;
$$;

ALTER FUNCTION monay_private.vault_allocations_append_only() OWNER TO monay_owner;
--
-- Name: FUNCTION vault_allocations_append_only(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.vault_allocations_append_only() IS 'Trigger: refuses UPDATE, DELETE and TRUNCATE of the HD account ledger (MV009).';

--
-- Name: vault_base58_decode(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.vault_base58_decode(p_text text) RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $$
/* The bytes of a base58 string (Bitcoin/Solana alphabet: no 0, O, I, l), or
   NULL when it holds any other character or is longer than 100 characters
   (an address is at most 44). Each leading '1' is a zero byte. Exact integer
   arithmetic (numeric), no floating point. Raises nothing.
   SECURITY INVOKER, executable by monay_owner only (the vault functions). */
DECLARE
    v_alphabet constant text := '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
    v_num      numeric := 0;
    v_digit    integer;
    v_bytes    bytea := ''::bytea;
BEGIN
    IF length(p_text) > 100 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1 .. length(p_text) LOOP
        v_digit := strpos(v_alphabet, substr(p_text, i, 1));
        IF v_digit = 0 THEN
            RETURN NULL;
        END IF;
        v_num := v_num * 58 + (v_digit - 1);
    END LOOP;
    WHILE v_num > 0 LOOP
        v_bytes := set_byte('\x00'::bytea, 0, mod(v_num, 256)::integer) || v_bytes;
        v_num := div(v_num, 256);
    END LOOP;
    RETURN decode(repeat('00', length(p_text) - length(ltrim(p_text, '1'))), 'hex') || v_bytes;
END;
$$;

ALTER FUNCTION monay_private.vault_base58_decode(p_text text) OWNER TO monay_owner;
--
-- Name: FUNCTION vault_base58_decode(p_text text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.vault_base58_decode(p_text text) IS 'Base58 (Solana alphabet) -> bytes; NULL for a character outside the alphabet.';

--
-- Name: vault_of(uuid, text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.vault_of(p_tenant_id uuid, p_operation text, p_lock text DEFAULT NULL::text) RETURNS monay.tenant_vaults
    LANGUAGE plpgsql
    AS $$
/* The vault of p_tenant_id as the caller's context sees it (RLS), optionally
   locked: p_lock 'share' (FOR SHARE: an address registration, which a
   rotation waits for) or 'update' (FOR NO KEY UPDATE: a rotation).
   Raises:
     MV007 the tenant has no vault this context can see (no such tenant;
           the caller checked the context first, so not another tenant's)
   SECURITY INVOKER, executable by monay_owner only (the vault functions). */
DECLARE
    v_row monay.tenant_vaults;
BEGIN
    IF p_lock = 'share' THEN
        SELECT * INTO v_row FROM monay.tenant_vaults v WHERE v.tenant_id = p_tenant_id FOR SHARE;
    ELSIF p_lock = 'update' THEN
        SELECT * INTO v_row FROM monay.tenant_vaults v WHERE v.tenant_id = p_tenant_id FOR NO KEY UPDATE;
    ELSE
        SELECT * INTO v_row FROM monay.tenant_vaults v WHERE v.tenant_id = p_tenant_id;
    END IF;
    IF v_row.tenant_id IS NULL THEN
        RAISE EXCEPTION '%: tenant % has no vault (no such tenant)', p_operation, p_tenant_id
            USING ERRCODE = 'MV007';
    END IF;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay_private.vault_of(p_tenant_id uuid, p_operation text, p_lock text) OWNER TO monay_owner;
--
-- Name: FUNCTION vault_of(p_tenant_id uuid, p_operation text, p_lock text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.vault_of(p_tenant_id uuid, p_operation text, p_lock text) IS 'The tenant''s vault under the caller''s RLS, optionally locked (MV007 when there is none).';

--
-- Name: vault_open(uuid); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.vault_open(p_tenant_id uuid) RETURNS monay.tenant_vaults
    LANGUAGE plpgsql
    AS $$
/* Opens the vault of a tenant and returns it: the tenant's account index
   from the ledger monay_private.vault_account_allocations (allocated now from
   monay_private.vault_account_index_seq when the tenant has none yet: unique
   across all tenants, never reused), base path WALLET_DERIVATION_PATH/<index>',
   key version 0. Idempotent: an open vault is returned as it is.
   SECURITY INVOKER, executable by monay_owner only: it runs in the inserting
   transaction's role and context (trigger tenants_600_vault: create_tenant
   signs the new tenant's context, the platform context, or a superuser).
   Raises:
     22023 p_tenant_id NULL
     MV010 every account index (0 .. 2^31 - 1) has been handed out */
DECLARE
    v_index bigint;
    v_row   monay.tenant_vaults;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'vault_open');
    SELECT a.account_index INTO v_index
    FROM monay_private.vault_account_allocations a WHERE a.tenant_id = p_tenant_id;
    IF NOT FOUND THEN
        BEGIN
            v_index := nextval('monay_private.vault_account_index_seq');
        EXCEPTION WHEN sequence_generator_limit_exceeded THEN
            RAISE EXCEPTION 'no HD account index is left for tenant %: all 2147483648 hardened accounts are allocated',
                p_tenant_id USING ERRCODE = 'MV010',
                HINT = 'A new master seed (a new WALLET_DERIVATION_PATH tree) is needed; see docs/vault.md.';
        END;
        INSERT INTO monay_private.vault_account_allocations (account_index, tenant_id)
        VALUES (v_index, p_tenant_id);
    END IF;
    INSERT INTO monay.tenant_vaults (tenant_id, account_index, base_path)
    VALUES (p_tenant_id, v_index, (monay.get_setting('WALLET_DERIVATION_PATH') #>> '{}') || '/' || v_index || '''')
    ON CONFLICT (tenant_id) DO NOTHING
    RETURNING * INTO v_row;
    IF v_row.tenant_id IS NULL THEN
        SELECT * INTO v_row FROM monay.tenant_vaults v WHERE v.tenant_id = p_tenant_id;
    END IF;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay_private.vault_open(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION vault_open(p_tenant_id uuid); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.vault_open(p_tenant_id uuid) IS 'Opens (idempotently) a tenant''s vault with an account index that is never reused (MV010 when exhausted).';

--
-- Name: vault_open_for_tenant(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.vault_open_for_tenant() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
/* AFTER INSERT on monay.tenants (trigger tenants_600_vault): every tenant
   is a vault from its first transaction on (monay_private.vault_open).
   SECURITY INVOKER on purpose: the vault row is written under the inserting
   transaction's context, which RLS checks (create_tenant signs the new
   tenant's context first; the platform context; a superuser in fixtures).
   Raises what vault_open raises (MV010). */
BEGIN
    PERFORM monay_private.vault_open(NEW.id);
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.vault_open_for_tenant() OWNER TO monay_owner;
--
-- Name: FUNCTION vault_open_for_tenant(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.vault_open_for_tenant() IS 'Trigger: opens the vault of a new tenant (tenants_600_vault).';

--
-- Name: vault_parse_path(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.vault_parse_path(p_path text) RETURNS bigint[]
    LANGUAGE plpgsql IMMUTABLE
    AS $_$
/* The indexes of a derivation path written m/<i>'/<j>'/..., every level
   hardened (SLIP-0010 ed25519 has no other kind), each index 0 .. 2^31 - 1:
   m/44'/501'/7'/0'/3' gives {44,501,7,0,3}.
   Raises:
     MV003 NULL, not of that form (a level without ', h-notation, spaces,
           no level at all), or an index beyond 2^31 - 1 (message names the path)
   SECURITY INVOKER, executable by monay_owner only (the vault functions). */
DECLARE
    v_levels bigint[];
BEGIN
    IF p_path IS NULL OR p_path !~ '^m(/[0-9]{1,10}'')+$' THEN
        RAISE EXCEPTION 'malformed derivation path %: expected m/<index>''/... with every level hardened ('')',
            coalesce(p_path, 'NULL') USING ERRCODE = 'MV003';
    END IF;
    SELECT array_agg(rtrim(l, '''')::bigint ORDER BY n) INTO v_levels
    FROM unnest(string_to_array(substr(p_path, 3), '/')) WITH ORDINALITY AS x (l, n);
    IF EXISTS (SELECT 1 FROM unnest(v_levels) AS i WHERE i > 2147483647) THEN
        RAISE EXCEPTION 'malformed derivation path %: a hardened index is at most 2147483647', p_path
            USING ERRCODE = 'MV003';
    END IF;
    RETURN v_levels;
END;
$_$;

ALTER FUNCTION monay_private.vault_parse_path(p_path text) OWNER TO monay_owner;
--
-- Name: FUNCTION vault_parse_path(p_path text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.vault_parse_path(p_path text) IS 'm/44''/501''/... -> its hardened indexes (MV003 when malformed).';

--
-- Name: vault_require_enabled(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.vault_require_enabled(p_operation text) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
/* The gate of every derivation request (a path, the next paths, an address
   registration): raises MV001 naming the operation when the setting
   HD_WALLET_ENABLED is not true. Reading what is registered (addresses,
   recovery) and rotating keys stay possible while it is off.
   SECURITY INVOKER, executable by monay_owner only (the vault functions). */
BEGIN
    IF (monay.get_setting('HD_WALLET_ENABLED') #>> '{}')::boolean IS DISTINCT FROM true THEN
        RAISE EXCEPTION '%: HD wallet derivation is disabled (setting HD_WALLET_ENABLED is false)', p_operation
            USING ERRCODE = 'MV001',
                  HINT = 'The platform enables it: SELECT monay.set_setting(''HD_WALLET_ENABLED'', ''true'').';
    END IF;
END;
$$;

ALTER FUNCTION monay_private.vault_require_enabled(p_operation text) OWNER TO monay_owner;
--
-- Name: FUNCTION vault_require_enabled(p_operation text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.vault_require_enabled(p_operation text) IS 'Raises MV001 when HD_WALLET_ENABLED is off (derivation requests only).';

--
-- Name: verified_context(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.verified_context(OUT tenant_id uuid, OUT user_id uuid, OUT platform boolean) RETURNS record
    LANGUAGE plpgsql STABLE
    AS $$
/* The context if it is the one set_context signed, else nothing (NULL, NULL, false): a
   context forged with SET or set_config opens nothing (monay.context_is_verified). */
BEGIN
    platform := false;
    IF monay.context_is_verified() THEN
        tenant_id := nullif(current_setting('monay.tenant_id', true), '')::uuid;
        user_id := nullif(current_setting('monay.user_id', true), '')::uuid;
        platform := current_setting('monay.platform', true) = 'true';
    END IF;
END;
$$;

ALTER FUNCTION monay_private.verified_context(OUT tenant_id uuid, OUT user_id uuid, OUT platform boolean) OWNER TO monay_owner;
--
-- Name: write_billing_failure(text, bigint, uuid, date, text, text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.write_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The remote half of monay_private.record_billing_failure: runs in the
   dblink session (a login in monay_audit) and inserts one row into
   monay_private.billing_failures, committed with that session's own
   transaction. The message is cut to 2,000 characters.
   Raises 23514 for an unknown source or a malformed SQLSTATE (CHECKs). */
BEGIN
    INSERT INTO monay_private.billing_failures (source, run_id, tenant_id, period, sqlstate, message)
    VALUES (p_source, p_run_id, p_tenant_id, p_period, p_sqlstate, left(coalesce(p_message, ''), 2000));
END;
$$;

ALTER FUNCTION monay_private.write_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) OWNER TO monay_owner;
--
-- Name: FUNCTION write_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.write_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) IS 'Inserts one billing failure (called over dblink by record_billing_failure).';

--
-- Name: write_security_event(text, uuid, uuid, jsonb, text, xid8); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The remote half of record_security_event: runs in the dblink session (as
   a member of monay_audit) and inserts the audit row, which commits with that
   session's own transaction. Only auth_refused and switch_refused. */
BEGIN
    IF p_action NOT IN ('auth_refused', 'switch_refused') THEN
        RAISE EXCEPTION 'not a security event: %', p_action USING ERRCODE = '22023';
    END IF;
    INSERT INTO monay.audit_log (tenant_id, context_tenant_id, actor_user_id, db_user, action,
                                 detail, txid)
    VALUES (p_tenant_id, NULL, p_user_id, coalesce(p_db_user, session_user), p_action,
            p_detail, p_txid::text::bigint);
END;
$$;

ALTER FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) OWNER TO monay_owner;
--
-- Name: FUNCTION write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) IS 'Inserts one security event into monay.audit_log (called over dblink by record_security_event).';

--
-- Name: audit_log; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.audit_log (
    id bigint NOT NULL,
    occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    tenant_id uuid,
    context_tenant_id uuid,
    actor_user_id uuid,
    db_user text DEFAULT SESSION_USER NOT NULL,
    action text NOT NULL,
    table_name text,
    row_key jsonb,
    old_values jsonb,
    new_values jsonb,
    detail jsonb,
    txid bigint,
    CONSTRAINT audit_log_action_known CHECK ((action = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text, 'auth_refused'::text, 'switch_refused'::text])))
);

ALTER TABLE ONLY monay.audit_log FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.audit_log OWNER TO monay_owner;
--
-- Name: TABLE audit_log; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.audit_log IS 'Append-only audit trail: row changes of tenants, tenant_users, settings; refused logins and switches. tenant_id NULL: not about one tenant (platform only).';

--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: billing_adjustments; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.billing_adjustments (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    period date NOT NULL,
    amount_cents bigint NOT NULL,
    reason text NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT billing_adjustments_amount_nonzero CHECK ((amount_cents <> 0)),
    CONSTRAINT billing_adjustments_reason_not_blank CHECK (((length(btrim(reason)) >= 1) AND (length(btrim(reason)) <= 500)))
);

ALTER TABLE ONLY monay.billing_adjustments FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.billing_adjustments OWNER TO monay_owner;
--
-- Name: TABLE billing_adjustments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.billing_adjustments IS 'Corrections of finalized bills (signed cents); the bill row itself never changes.';

--
-- Name: billing_adjustments_id_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_adjustments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay.billing_adjustments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: billing_metrics; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.billing_metrics (
    tenant_id uuid NOT NULL,
    period date NOT NULL,
    tier text NOT NULL,
    status text DEFAULT 'finalized'::text NOT NULL,
    payment_method text DEFAULT 'USDXM'::text NOT NULL,
    days_in_period bigint NOT NULL,
    transactions_included bigint NOT NULL,
    transactions_used bigint NOT NULL,
    computation_units_included bigint NOT NULL,
    computation_units_used bigint NOT NULL,
    late_transactions bigint DEFAULT 0 NOT NULL,
    late_computation_units bigint DEFAULT 0 NOT NULL,
    base_fee_cents bigint NOT NULL,
    overage_transactions_cents bigint NOT NULL,
    overage_computation_units_cents bigint NOT NULL,
    total_before_discount_cents bigint NOT NULL,
    usdxm_discount_cents bigint NOT NULL,
    total_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    gross_margin_percent numeric(9,2),
    bill jsonb,
    run_id bigint,
    finalized_at timestamp with time zone DEFAULT now() NOT NULL,
    paid_at timestamp with time zone,
    target_gross_margin_percent numeric(5,2),
    lines monay.billing_bill_line[],
    CONSTRAINT billing_metrics_amounts_non_negative CHECK (((transactions_used >= 0) AND (computation_units_used >= 0) AND (base_fee_cents >= 0) AND (overage_transactions_cents >= 0) AND (overage_computation_units_cents >= 0) AND (usdxm_discount_cents >= 0) AND (cost_cents >= 0))),
    CONSTRAINT billing_metrics_paid_has_date CHECK (((status = 'paid'::text) = (paid_at IS NOT NULL))),
    CONSTRAINT billing_metrics_payment_method_not_fiat CHECK ((payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$'::text)),
    CONSTRAINT billing_metrics_period_month_start CHECK ((period = (date_trunc('month'::text, (period)::timestamp with time zone))::date)),
    CONSTRAINT billing_metrics_status_known CHECK ((status = ANY (ARRAY['draft'::text, 'finalized'::text, 'paid'::text, 'void'::text]))),
    CONSTRAINT billing_metrics_total_adds_up CHECK (((total_before_discount_cents = ((base_fee_cents + overage_transactions_cents) + overage_computation_units_cents)) AND (total_cents = (total_before_discount_cents - usdxm_discount_cents))))
);

ALTER TABLE ONLY monay.billing_metrics FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.billing_metrics OWNER TO monay_owner;
--
-- Name: TABLE billing_metrics; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.billing_metrics IS 'Monthly bills (PK tenant, period): usage, base fee, overages, USDXM discount, margin. Finalized rows are immutable; corrections go to billing_adjustments.';

--
-- Name: COLUMN billing_metrics.tenant_id; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON COLUMN monay.billing_metrics.tenant_id IS 'The billed tenant. No foreign key (migration 023): bills are written only by billing_store_bills for tenants that exist, and tenants are never deleted (trigger tenants_050_never_deleted).';

--
-- Name: COLUMN billing_metrics.bill; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON COLUMN monay.billing_metrics.bill IS 'The bill JSON as stored before migration 022; NULL for bills stored since (built on read from the columns).';

--
-- Name: COLUMN billing_metrics.run_id; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON COLUMN monay.billing_metrics.run_id IS 'The monthly run that stored the bill (NULL: finalized alone). No foreign key (migration 023): runs are never deleted (policy billing_runs_delete).';

--
-- Name: COLUMN billing_metrics.lines; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON COLUMN monay.billing_metrics.lines IS 'The bill''s tier lines (monay.billing_bill_line), for bills stored since migration 022.';

--
-- Name: billing_operations; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.billing_operations (
    id bigint NOT NULL,
    tenant_id uuid DEFAULT monay.current_tenant_id() NOT NULL,
    operation_type text NOT NULL,
    quantity bigint DEFAULT 1 NOT NULL,
    computation_units bigint NOT NULL,
    transactions bigint DEFAULT 0 NOT NULL,
    cost_millicents bigint DEFAULT 0 NOT NULL,
    occurred_at timestamp with time zone DEFAULT now() NOT NULL,
    billing_period date NOT NULL,
    late boolean DEFAULT false NOT NULL,
    idempotency_key text,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT billing_operations_counts_non_negative CHECK (((computation_units >= 0) AND (transactions >= 0) AND (cost_millicents >= 0))),
    CONSTRAINT billing_operations_period_month_start CHECK ((billing_period = (date_trunc('month'::text, (billing_period)::timestamp with time zone))::date)),
    CONSTRAINT billing_operations_quantity_positive CHECK ((quantity > 0))
)
PARTITION BY RANGE (occurred_at);

ALTER TABLE ONLY monay.billing_operations FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.billing_operations OWNER TO monay_owner;
--
-- Name: TABLE billing_operations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.billing_operations IS 'Usage events (append-only), monthly partitions on occurred_at kept by pg_partman. billing_period: the month whose bill counts the event (a later one for late events).';

--
-- Name: billing_operation_id_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

CREATE SEQUENCE monay.billing_operation_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 32;

ALTER TABLE monay.billing_operation_id_seq OWNER TO monay_owner;
--
-- Name: billing_operation_id_seq; Type: SEQUENCE OWNED BY; Schema: monay; Owner: monay_owner
--

ALTER SEQUENCE monay.billing_operation_id_seq OWNED BY monay.billing_operations.id;

--
-- Name: billing_runs; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.billing_runs (
    id bigint NOT NULL,
    period date NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    backend_pid bigint DEFAULT pg_backend_pid() NOT NULL,
    run_by text DEFAULT SESSION_USER NOT NULL,
    tenants_total bigint DEFAULT 0 NOT NULL,
    tenants_billed bigint DEFAULT 0 NOT NULL,
    tenants_skipped bigint DEFAULT 0 NOT NULL,
    batches bigint DEFAULT 0 NOT NULL,
    tenants_failed bigint DEFAULT 0 NOT NULL,
    part integer,
    parts integer,
    tenants_billed_before bigint,
    CONSTRAINT billing_runs_part_in_range CHECK ((((part IS NULL) AND (parts IS NULL)) OR (((parts >= 1) AND (parts <= 64)) AND ((part >= 1) AND (part <= parts))))),
    CONSTRAINT billing_runs_period_month_start CHECK ((period = (date_trunc('month'::text, (period)::timestamp with time zone))::date))
);

ALTER TABLE ONLY monay.billing_runs FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.billing_runs OWNER TO monay_owner;
--
-- Name: TABLE billing_runs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.billing_runs IS 'One row per monay.process_monthly_billing call: progress counters, committed per batch.';

--
-- Name: COLUMN billing_runs.tenants_failed; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON COLUMN monay.billing_runs.tenants_failed IS 'Tenants this run could not bill (error or lock still busy after the retry): their reasons are in monay_private.billing_failures (run_id); a rerun bills them.';

--
-- Name: COLUMN billing_runs.part; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON COLUMN monay.billing_runs.part IS 'A run over part k of n of the tenants (monay.billing_run_part): k; NULL for a run over every tenant.';

--
-- Name: COLUMN billing_runs.parts; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON COLUMN monay.billing_runs.parts IS 'A run over part k of n of the tenants: n (the tenants whose period-lock bucket modulo n is k - 1).';

--
-- Name: COLUMN billing_runs.tenants_billed_before; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON COLUMN monay.billing_runs.tenants_billed_before IS 'Bills of the run''s tenants (its part''s) that existed when it started; 0 lets its batches skip the not-billed-yet probe (a bill stored meanwhile is passed over by ON CONFLICT). NULL: recorded before 024.';

--
-- Name: billing_runs_id_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_runs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay.billing_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: billing_tiers; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.billing_tiers (
    tier text NOT NULL,
    sort_order bigint NOT NULL,
    gross_margin_min_percent numeric(5,2) NOT NULL,
    gross_margin_max_percent numeric(5,2) NOT NULL,
    description text NOT NULL,
    CONSTRAINT billing_tiers_margin_range CHECK ((((gross_margin_min_percent >= (0)::numeric) AND (gross_margin_min_percent <= 99.99)) AND ((gross_margin_max_percent >= gross_margin_min_percent) AND (gross_margin_max_percent <= 99.99)))),
    CONSTRAINT billing_tiers_tier_format CHECK ((tier ~ '^[a-z][a-z0-9_]{0,62}$'::text))
);

ALTER TABLE ONLY monay.billing_tiers FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.billing_tiers OWNER TO monay_owner;
--
-- Name: TABLE billing_tiers; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.billing_tiers IS 'Allowed billing tiers and the gross-margin range a tenant of the tier must keep (inclusive).';

--
-- Name: cards; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.cards (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    wallet_id uuid NOT NULL,
    brand text NOT NULL,
    last4 text NOT NULL,
    expires_on date NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    spend_limit_cents bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    CONSTRAINT cards_brand_known CHECK ((brand = ANY (ARRAY['visa'::text, 'mastercard'::text, 'amex'::text]))),
    CONSTRAINT cards_last4_format CHECK ((last4 ~ '^[0-9]{4}$'::text)),
    CONSTRAINT cards_spend_limit_not_negative CHECK (((spend_limit_cents IS NULL) OR (spend_limit_cents >= 0))),
    CONSTRAINT cards_status_known CHECK ((status = ANY (ARRAY['active'::text, 'frozen'::text, 'cancelled'::text])))
);

ALTER TABLE ONLY monay.cards FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.cards OWNER TO monay_owner;
--
-- Name: context_cache_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

CREATE UNLOGGED SEQUENCE monay.context_cache_seq
    START WITH -9223372036854775808
    INCREMENT BY 1
    MINVALUE -9223372036854775808
    NO MAXVALUE
    CACHE 1;

ALTER TABLE monay.context_cache_seq OWNER TO monay_owner;
--
-- Name: SEQUENCE context_cache_seq; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON SEQUENCE monay.context_cache_seq IS 'Context cache (021): currval = digest of the context set_context signed last in this session. Only monay_owner may setval; our roles may read currval (a digest of what they already know).';

--
-- Name: group_bill_lines; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.group_bill_lines (
    tenant_id uuid NOT NULL,
    period date NOT NULL,
    payer_tenant_id uuid NOT NULL,
    group_id uuid NOT NULL,
    total_before_discount_cents bigint NOT NULL,
    discount_share_cents bigint,
    paid_cents bigint DEFAULT 0 NOT NULL,
    payment_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT group_bill_lines_amounts CHECK (((total_before_discount_cents >= 0) AND (paid_cents >= 0) AND (discount_share_cents >= 0)))
);

ALTER TABLE ONLY monay.group_bill_lines FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.group_bill_lines OWNER TO monay_owner;
--
-- Name: TABLE group_bill_lines; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.group_bill_lines IS 'Member bills carried by a consolidated bill (one per member and month), and what the group payment settled.';

--
-- Name: group_bills; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.group_bills (
    tenant_id uuid NOT NULL,
    group_id uuid NOT NULL,
    period date NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    members bigint NOT NULL,
    total_before_discount_cents bigint NOT NULL,
    usdxm_discount_cents bigint NOT NULL,
    total_cents bigint NOT NULL,
    bill jsonb NOT NULL,
    payment_method text,
    discount_applied_cents bigint,
    final_amount_cents bigint,
    payment jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    paid_at timestamp with time zone,
    CONSTRAINT group_bills_amounts CHECK (((members > 0) AND (total_before_discount_cents >= 0) AND (usdxm_discount_cents >= 0) AND (total_cents = (total_before_discount_cents - usdxm_discount_cents)))),
    CONSTRAINT group_bills_paid_whole CHECK ((((status = 'paid'::text) = (paid_at IS NOT NULL)) AND ((status = 'paid'::text) = (payment_method IS NOT NULL)) AND ((discount_applied_cents IS NULL) OR (final_amount_cents = (total_before_discount_cents - discount_applied_cents))))),
    CONSTRAINT group_bills_payment_method_not_fiat CHECK ((payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$'::text)),
    CONSTRAINT group_bills_period_month_start CHECK ((period = (date_trunc('month'::text, (period)::timestamp with time zone))::date)),
    CONSTRAINT group_bills_status_known CHECK ((status = ANY (ARRAY['open'::text, 'paid'::text])))
);

ALTER TABLE ONLY monay.group_bills FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.group_bills OWNER TO monay_owner;
--
-- Name: TABLE group_bills; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.group_bills IS 'Consolidated monthly bills of groups: member lines summed, one USDXM discount, paid by the owner tenant.';

--
-- Name: group_kinds; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.group_kinds (
    kind text NOT NULL,
    member_type text NOT NULL,
    may_nest boolean NOT NULL,
    description text NOT NULL,
    CONSTRAINT group_kinds_kind_format CHECK ((kind ~ '^[a-z][a-z_]{0,62}$'::text)),
    CONSTRAINT group_kinds_member_type_known CHECK ((member_type = ANY (ARRAY['user'::text, 'tenant'::text])))
);

ALTER TABLE ONLY monay.group_kinds FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.group_kinds OWNER TO monay_owner;
--
-- Name: TABLE group_kinds; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.group_kinds IS 'Kinds of group: who their members are (users or tenants) and whether they form hierarchies.';

--
-- Name: group_member_roles; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.group_member_roles (
    kind text NOT NULL,
    role text NOT NULL,
    manages boolean NOT NULL,
    has_allowance boolean NOT NULL,
    description text NOT NULL,
    CONSTRAINT group_member_roles_role_format CHECK ((role ~ '^[a-z][a-z_]{0,62}$'::text))
);

ALTER TABLE ONLY monay.group_member_roles FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.group_member_roles OWNER TO monay_owner;
--
-- Name: TABLE group_member_roles; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.group_member_roles IS 'Member roles per group kind: manages (the head / parent), has_allowance (a spending allowance).';

--
-- Name: invoices; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.invoices (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    invoice_number text NOT NULL,
    customer_name text NOT NULL,
    amount_cents bigint NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    due_date date,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    CONSTRAINT invoices_amount_not_negative CHECK ((amount_cents >= 0)),
    CONSTRAINT invoices_status_known CHECK ((status = ANY (ARRAY['draft'::text, 'sent'::text, 'paid'::text, 'void'::text, 'overdue'::text])))
);

ALTER TABLE ONLY monay.invoices FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.invoices OWNER TO monay_owner;
--
-- Name: payment_allocations; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.payment_allocations (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    payment_id bigint NOT NULL,
    period date NOT NULL,
    amount_cents bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payment_allocations_amount_positive CHECK ((amount_cents > 0))
);

ALTER TABLE ONLY monay.payment_allocations FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.payment_allocations OWNER TO monay_owner;
--
-- Name: TABLE payment_allocations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.payment_allocations IS 'Which payment paid how much of which bill (waterfall: oldest unpaid bill first).';

--
-- Name: payment_allocations_id_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.payment_allocations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay.payment_allocations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: payments; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.payments (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    payment_method text NOT NULL,
    discount_cents bigint NOT NULL,
    final_amount_cents bigint NOT NULL,
    token_decimals bigint NOT NULL,
    token_amount numeric(78,0) NOT NULL,
    idempotency_key text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payments_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT payments_discount_adds_up CHECK (((discount_cents >= 0) AND (final_amount_cents = (amount_cents - discount_cents)))),
    CONSTRAINT payments_method_not_fiat CHECK ((payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$'::text))
);

ALTER TABLE ONLY monay.payments FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.payments OWNER TO monay_owner;
--
-- Name: TABLE payments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.payments IS 'Stablecoin payments: USD value settled (amount_cents), discount, amount transferred (cents, base units).';

--
-- Name: payments_id_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.payments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay.payments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: stablecoin_payment_config; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.stablecoin_payment_config (
    symbol text NOT NULL,
    name text NOT NULL,
    decimals bigint NOT NULL,
    network text NOT NULL,
    contract_address text,
    discount_percent bigint DEFAULT 0 NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    sort_order bigint DEFAULT 100 NOT NULL,
    CONSTRAINT stablecoin_payment_config_decimals_range CHECK (((decimals >= 2) AND (decimals <= 30))),
    CONSTRAINT stablecoin_payment_config_discount_range CHECK (((discount_percent >= 0) AND (discount_percent <= 100))),
    CONSTRAINT stablecoin_payment_config_symbol_not_fiat CHECK ((symbol ~ '^[A-Z][A-Za-z0-9.]{3,11}$'::text))
);

ALTER TABLE ONLY monay.stablecoin_payment_config FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.stablecoin_payment_config OWNER TO monay_owner;
--
-- Name: TABLE stablecoin_payment_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.stablecoin_payment_config IS 'Accepted stablecoins (the list of payment methods): decimals, network, token contract, discount (USDXM 10%), enabled, sort_order (invoices list them in this order).';

--
-- Name: tenant_code_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

CREATE SEQUENCE monay.tenant_code_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE monay.tenant_code_seq OWNER TO monay_owner;
--
-- Name: tenant_credit_balances; Type: VIEW; Schema: monay; Owner: monay_owner
--

CREATE VIEW monay.tenant_credit_balances WITH (security_invoker='true') AS
 SELECT p.tenant_id,
    (sum(p.amount_cents))::bigint AS paid_cents,
    (COALESCE(( SELECT sum(a.amount_cents) AS sum
           FROM monay.payment_allocations a
          WHERE (a.tenant_id = p.tenant_id)), (0)::numeric))::bigint AS allocated_cents,
    ((sum(p.amount_cents) - COALESCE(( SELECT sum(a.amount_cents) AS sum
           FROM monay.payment_allocations a
          WHERE (a.tenant_id = p.tenant_id)), (0)::numeric)))::bigint AS credit_cents
   FROM monay.payments p
  GROUP BY p.tenant_id;

ALTER TABLE monay.tenant_credit_balances OWNER TO monay_owner;
--
-- Name: VIEW tenant_credit_balances; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON VIEW monay.tenant_credit_balances IS 'Derived credit per tenant: payments minus allocations (applied to the next bill by the waterfall).';

--
-- Name: tenant_roles; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenant_roles (
    role text NOT NULL,
    manages boolean NOT NULL,
    description text NOT NULL,
    CONSTRAINT tenant_roles_format CHECK ((role ~ '^[a-z][a-z0-9_]{0,62}$'::text))
);

ALTER TABLE ONLY monay.tenant_roles FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenant_roles OWNER TO monay_owner;
--
-- Name: TABLE tenant_roles; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenant_roles IS 'Allowed membership roles; manages: may manage the tenant (members, profile, groups).';

--
-- Name: tenant_tier_history; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenant_tier_history (
    tenant_id uuid NOT NULL,
    effective_at timestamp with time zone NOT NULL,
    billing_tier text NOT NULL,
    gross_margin_percent numeric(5,2) NOT NULL,
    changed_by uuid
);

ALTER TABLE ONLY monay.tenant_tier_history FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenant_tier_history OWNER TO monay_owner;
--
-- Name: TABLE tenant_tier_history; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenant_tier_history IS 'Billing tier and margin of each tenant from effective_at on (trigger-maintained); for proration.';

--
-- Name: tenant_types; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenant_types (
    tenant_type text NOT NULL,
    description text NOT NULL,
    CONSTRAINT tenant_types_format CHECK ((tenant_type ~ '^[a-z][a-z0-9_]{0,62}$'::text))
);

ALTER TABLE ONLY monay.tenant_types FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenant_types OWNER TO monay_owner;
--
-- Name: TABLE tenant_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenant_types IS 'Allowed tenant types.';

--
-- Name: transactions; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.transactions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
)
PARTITION BY HASH (tenant_id);

ALTER TABLE ONLY monay.transactions FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.transactions OWNER TO monay_owner;
--
-- Name: TABLE transactions; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.transactions IS 'Tenant-scoped transactions (hash-partitioned by tenant_id); monay.transactions after the swap.';

--
-- Name: user_types; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.user_types (
    user_type text NOT NULL,
    description text NOT NULL,
    CONSTRAINT user_types_format CHECK ((user_type ~ '^[a-z][a-z0-9_]{0,62}$'::text))
);

ALTER TABLE ONLY monay.user_types FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.user_types OWNER TO monay_owner;
--
-- Name: TABLE user_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.user_types IS 'Allowed user types.';

--
-- Name: wallet_address_purposes; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.wallet_address_purposes (
    purpose text NOT NULL,
    description text NOT NULL,
    CONSTRAINT wallet_address_purposes_format CHECK ((purpose ~ '^[a-z][a-z0-9_]{0,30}$'::text))
);

ALTER TABLE ONLY monay.wallet_address_purposes FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.wallet_address_purposes OWNER TO monay_owner;
--
-- Name: TABLE wallet_address_purposes; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.wallet_address_purposes IS 'Allowed purposes of a registered wallet address.';

--
-- Name: audit_link; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.audit_link AS
 SELECT (monay_monitor.audit_link_check())::integer AS up;

ALTER TABLE monay_monitor.audit_link OWNER TO monay_owner;
--
-- Name: billing_failures; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.billing_failures (
    id bigint NOT NULL,
    failed_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    source text NOT NULL,
    run_id bigint,
    tenant_id uuid,
    period date,
    sqlstate text NOT NULL,
    message text NOT NULL,
    CONSTRAINT billing_failures_message_bounded CHECK ((length(message) <= 2000)),
    CONSTRAINT billing_failures_source_known CHECK ((source = ANY (ARRAY['monthly_run'::text, 'track_operation'::text, 'track_operations'::text, 'payment'::text]))),
    CONSTRAINT billing_failures_sqlstate_shape CHECK ((sqlstate ~ '^[0-9A-Z]{5}$'::text))
);

ALTER TABLE monay_private.billing_failures OWNER TO monay_owner;
--
-- Name: TABLE billing_failures; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.billing_failures IS 'Durable record of billing failures (written over dblink, survives the caller''s rollback): one row per failure; source monthly_run | track_operation | track_operations | payment; counted by monitoring. Internal: no application role reads it.';

--
-- Name: billing_failures_recent; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.billing_failures_recent AS
 SELECT f.source,
    count(*) AS last_hour
   FROM monay_private.billing_failures f
  WHERE ((f.id > ( SELECT (COALESCE(max(m.id), (0)::bigint) - 100000)
           FROM monay_private.billing_failures m)) AND (f.failed_at > (now() - '01:00:00'::interval)))
  GROUP BY f.source;

ALTER TABLE monay_monitor.billing_failures_recent OWNER TO monay_owner;
--
-- Name: billing_runs; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.billing_runs AS
 SELECT billing_run_state.last_run_period,
    billing_run_state.last_run_started_seconds,
    billing_run_state.last_run_finished_seconds,
    billing_run_state.last_run_tenants_total,
    billing_run_state.last_run_tenants_billed,
    billing_run_state.unfinished_alive,
    billing_run_state.stalled,
    billing_run_state.oldest_unfinished_age_seconds,
    billing_run_state.previous_month_finished
   FROM monay_monitor.billing_run_state() billing_run_state(last_run_period, last_run_started_seconds, last_run_finished_seconds, last_run_tenants_total, last_run_tenants_billed, unfinished_alive, stalled, oldest_unfinished_age_seconds, previous_month_finished);

ALTER TABLE monay_monitor.billing_runs OWNER TO monay_owner;
--
-- Name: bills_last_month; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.bills_last_month AS
 SELECT last_month_bills.tier,
    last_month_bills.bills,
    last_month_bills.total_cents,
    last_month_bills.cost_cents,
    last_month_bills.below_margin_floor
   FROM monay_monitor.last_month_bills() last_month_bills(tier, bills, total_cents, cost_cents, below_margin_floor);

ALTER TABLE monay_monitor.bills_last_month OWNER TO monay_owner;
--
-- Name: security_event_seq; Type: SEQUENCE; Schema: monay_private; Owner: monay_owner
--

CREATE SEQUENCE monay_private.security_event_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE monay_private.security_event_seq OWNER TO monay_owner;
--
-- Name: counters; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.counters AS
 SELECT ( SELECT
                CASE
                    WHEN q.is_called THEN q.last_value
                    ELSE (0)::bigint
                END AS "case"
           FROM monay.tenant_code_seq q) AS tenants_created_total,
    ( SELECT
                CASE
                    WHEN q.is_called THEN q.last_value
                    ELSE (0)::bigint
                END AS "case"
           FROM monay_private.security_event_seq q) AS security_events_total,
    ( SELECT COALESCE(max(f.id), (0)::bigint) AS "coalesce"
           FROM monay_private.billing_failures f) AS billing_failures_total;

ALTER TABLE monay_monitor.counters OWNER TO monay_owner;
--
-- Name: function_calls; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.function_calls AS
 SELECT function_call_stats.function_name,
    function_call_stats.calls,
    function_call_stats.total_seconds,
    function_call_stats.mean_seconds,
    function_call_stats.p95_estimate_seconds
   FROM monay_monitor.function_call_stats() function_call_stats(function_name, calls, total_seconds, mean_seconds, p95_estimate_seconds);

ALTER TABLE monay_monitor.function_calls OWNER TO monay_owner;
--
-- Name: group_paths; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.group_paths (
    ancestor_tenant_id uuid NOT NULL,
    ancestor_id uuid NOT NULL,
    descendant_tenant_id uuid NOT NULL,
    descendant_id uuid NOT NULL,
    distance bigint NOT NULL,
    lock_version bigint DEFAULT 0 NOT NULL,
    CONSTRAINT group_paths_distance_non_negative CHECK ((distance >= 0)),
    CONSTRAINT group_paths_self_at_zero CHECK (((distance = 0) = (ancestor_id = descendant_id)))
);

ALTER TABLE monay_private.group_paths OWNER TO monay_owner;
--
-- Name: TABLE group_paths; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.group_paths IS 'Closure of the group hierarchy (ancestor, descendant, distance); internal to the group functions.';

--
-- Name: group_hierarchy; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.group_hierarchy AS
 SELECT count(*) FILTER (WHERE (p.distance = 0)) AS groups,
    COALESCE((max(p.distance) + 1), (0)::bigint) AS max_depth
   FROM monay_private.group_paths p;

ALTER TABLE monay_monitor.group_hierarchy OWNER TO monay_owner;
--
-- Name: isolation_violation_details; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.isolation_violation_details AS
 WITH scoped AS (
         SELECT c.oid,
            (c.relname)::text AS tbl
           FROM ((pg_class c
             JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
             JOIN pg_attribute a ON (((a.attrelid = c.oid) AND (a.attname = 'tenant_id'::name) AND (NOT a.attisdropped))))
          WHERE ((n.nspname = 'monay'::name) AND (c.relkind = ANY (ARRAY['r'::"char", 'p'::"char"])) AND (NOT c.relispartition))
        ), ours AS (
         WITH RECURSIVE r AS (
                 SELECT g.oid
                   FROM pg_roles g
                  WHERE (g.rolname = ANY (ARRAY['monay_owner'::name, 'monay_app'::name, 'monay_platform'::name, 'monay_readonly'::name, 'monay_audit'::name, 'monay_monitor'::name]))
                UNION
                 SELECT m.member
                   FROM (pg_auth_members m
                     JOIN r r_1 ON ((m.roleid = r_1.oid)))
                )
         SELECT ro.oid,
            (ro.rolname)::text AS rolname,
            (ro.rolbypassrls OR ro.rolsuper) AS bypasses
           FROM (r
             JOIN pg_roles ro ON ((ro.oid = r.oid)))
        )
 SELECT 'rls_not_forced'::text AS rule,
    s.tbl AS object
   FROM (scoped s
     JOIN pg_class c ON ((c.oid = s.oid)))
  WHERE (NOT (c.relrowsecurity AND c.relforcerowsecurity))
UNION ALL
 SELECT 'policy_missing'::text AS rule,
    ((s.tbl || ' '::text) || cmd.name) AS object
   FROM (scoped s
     CROSS JOIN ( VALUES ('r'::text,'SELECT'::text), ('a'::text,'INSERT'::text), ('w'::text,'UPDATE'::text), ('d'::text,'DELETE'::text)) cmd(code, name))
  WHERE (NOT (EXISTS ( SELECT 1
           FROM pg_policy p
          WHERE ((p.polrelid = s.oid) AND (p.polcmd = ANY (ARRAY[(cmd.code)::"char", '*'::"char"]))))))
UNION ALL
 SELECT 'partition_exposed'::text AS rule,
    (c.relname)::text AS object
   FROM (pg_class c
     JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
  WHERE ((n.nspname = 'monay'::name) AND c.relispartition AND (NOT (c.relrowsecurity AND c.relforcerowsecurity)) AND (EXISTS ( SELECT 1
           FROM ours o
          WHERE ((NOT o.bypasses) AND (NOT pg_has_role(o.oid, 'monay_owner'::name, 'USAGE'::text)) AND has_table_privilege(o.oid, c.oid, 'SELECT,INSERT,UPDATE,DELETE'::text)))))
UNION ALL
 SELECT 'role_bypasses_rls'::text AS rule,
    o.rolname AS object
   FROM ours o
  WHERE o.bypasses
UNION ALL
 SELECT 'public_execute'::text AS rule,
    ((p.oid)::regprocedure)::text AS object
   FROM (pg_proc p
     JOIN pg_namespace n ON ((n.oid = p.pronamespace)))
  WHERE ((n.nspname = ANY (ARRAY['monay'::name, 'monay_private'::name, 'monay_monitor'::name])) AND (NOT (EXISTS ( SELECT 1
           FROM pg_depend d
          WHERE ((d.classid = ('pg_proc'::regclass)::oid) AND (d.objid = p.oid) AND (d.deptype = 'e'::"char"))))) AND (EXISTS ( SELECT 1
           FROM aclexplode(COALESCE(p.proacl, acldefault('f'::"char", p.proowner))) x(grantor, grantee, privilege_type, is_grantable)
          WHERE ((x.grantee = (0)::oid) AND (x.privilege_type = 'EXECUTE'::text)))));

ALTER TABLE monay_monitor.isolation_violation_details OWNER TO monay_owner;
--
-- Name: isolation_violations; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.isolation_violations AS
 SELECT r.rule,
    count(d.rule) AS violations
   FROM (( VALUES ('rls_not_forced'::text), ('policy_missing'::text), ('partition_exposed'::text), ('role_bypasses_rls'::text), ('public_execute'::text)) r(rule)
     LEFT JOIN monay_monitor.isolation_violation_details d ON ((d.rule = r.rule)))
  GROUP BY r.rule;

ALTER TABLE monay_monitor.isolation_violations OWNER TO monay_owner;
--
-- Name: refusals; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.refusals AS
 SELECT refusals_last_hour.action,
    refusals_last_hour.sqlstate,
    refusals_last_hour.refusals
   FROM monay_monitor.refusals_last_hour() refusals_last_hour(action, sqlstate, refusals);

ALTER TABLE monay_monitor.refusals OWNER TO monay_owner;
--
-- Name: table_activity; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.table_activity AS
 SELECT (t.relname)::text AS table_name,
    (sum(GREATEST(c.reltuples, (0)::real)))::bigint AS rows_estimate,
    (sum(COALESCE(st.n_tup_ins, (0)::bigint)))::bigint AS rows_inserted,
    (sum(COALESCE(st.n_tup_upd, (0)::bigint)))::bigint AS rows_updated,
    (sum(COALESCE(st.n_tup_del, (0)::bigint)))::bigint AS rows_deleted,
    (sum(pg_total_relation_size((c.oid)::regclass)))::bigint AS total_bytes
   FROM ((((pg_class t
     JOIN pg_namespace n ON ((n.oid = t.relnamespace)))
     CROSS JOIN LATERAL ( SELECT t.oid AS relid
        UNION
         SELECT p.relid
           FROM pg_partition_tree((t.oid)::regclass) p(relid, parentrelid, isleaf, level)) pt)
     JOIN pg_class c ON (((c.oid = pt.relid) AND (c.relkind = 'r'::"char"))))
     LEFT JOIN pg_stat_all_tables st ON ((st.relid = c.oid)))
  WHERE (((((((((((((n.nspname = 'monay'::name) AND (t.relname = 'tenants'::name)) OR ((n.nspname = 'monay'::name) AND (t.relname = 'tenant_tier_history'::name))) OR ((n.nspname = 'monay'::name) AND (t.relname = 'tenant_users'::name))) OR ((n.nspname = 'monay'::name) AND (t.relname = 'users'::name))) OR ((n.nspname = 'monay'::name) AND (t.relname = 'audit_log'::name))) OR ((n.nspname = 'monay'::name) AND (t.relname = 'billing_operations'::name))) OR ((n.nspname = 'monay'::name) AND (t.relname = 'billing_metrics'::name))) OR ((n.nspname = 'monay'::name) AND (t.relname = 'billing_runs'::name))) OR ((n.nspname = 'monay'::name) AND (t.relname = 'payments'::name))) OR ((n.nspname = 'monay_private'::name) AND (t.relname = 'billing_idempotency_keys'::name))) OR ((n.nspname = 'monay_private'::name) AND (t.relname = 'billing_usage_counters'::name))) OR ((n.nspname = 'monay_private'::name) AND (t.relname = 'billing_failures'::name)))
  GROUP BY t.relname;

ALTER TABLE monay_monitor.table_activity OWNER TO monay_owner;
--
-- Name: billing_tenant_state; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.billing_tenant_state (
    tenant_id uuid NOT NULL,
    status text NOT NULL,
    billing_tier text NOT NULL,
    created_at timestamp with time zone
);

ALTER TABLE monay_private.billing_tenant_state OWNER TO monay_owner;
--
-- Name: TABLE billing_tenant_state; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.billing_tenant_state IS 'Mirror of monay.tenants (status, billing_tier) for the usage hot path; trigger-maintained.';

--
-- Name: COLUMN billing_tenant_state.created_at; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON COLUMN monay_private.billing_tenant_state.created_at IS 'monay.tenants.created_at (the earliest occurred_at usage may have), for billing_period_for.';

--
-- Name: tenants; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.tenants AS
 SELECT s.billing_tier AS tier,
    s.status,
    count(*) AS tenants
   FROM monay_private.billing_tenant_state s
  GROUP BY s.billing_tier, s.status;

ALTER TABLE monay_monitor.tenants OWNER TO monay_owner;
--
-- Name: billing_usage_counters; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.billing_usage_counters (
    tenant_id uuid NOT NULL,
    period date NOT NULL,
    tier text NOT NULL,
    slot bigint NOT NULL,
    transactions bigint DEFAULT 0 NOT NULL,
    computation_units bigint DEFAULT 0 NOT NULL,
    operations bigint DEFAULT 0 NOT NULL,
    cost_millicents bigint DEFAULT 0 NOT NULL,
    late_transactions bigint DEFAULT 0 NOT NULL,
    late_computation_units bigint DEFAULT 0 NOT NULL,
    rl_tat_us bigint
)
WITH (fillfactor='50');

ALTER TABLE monay_private.billing_usage_counters OWNER TO monay_owner;
--
-- Name: TABLE billing_usage_counters; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.billing_usage_counters IS 'Sharded monthly usage totals (sum the slots) and per-slot rate-limit state.';

--
-- Name: usage_this_month; Type: VIEW; Schema: monay_monitor; Owner: monay_owner
--

CREATE VIEW monay_monitor.usage_this_month AS
 WITH period AS (
         SELECT (date_trunc('month'::text, (now() AT TIME ZONE 'UTC'::text)))::date AS p
        ), tier AS (
         SELECT DISTINCT ON (c.tier) c.tier,
            c.base_fee_cents,
            c.included_transactions,
            c.included_computation_units,
            c.overage_transaction_cents,
            c.overage_per_1000_units_cents,
            c.overage_policy
           FROM monay.billing_tier_config c,
            period
          WHERE (c.effective_from <= period.p)
          ORDER BY c.tier, c.effective_from DESC
        ), per_tenant AS (
         SELECT u_1.tier,
            u_1.tenant_id,
            sum(u_1.transactions) AS tx,
            sum(u_1.computation_units) AS cu,
            sum(u_1.operations) AS ops,
            sum(u_1.cost_millicents) AS cost
           FROM monay_private.billing_usage_counters u_1,
            period
          WHERE (u_1.period = period.p)
          GROUP BY u_1.tier, u_1.tenant_id
        ), usage AS (
         SELECT pt.tier,
            count(*) AS tenants_with_usage,
            sum(pt.tx) AS transactions,
            sum(pt.cu) AS computation_units,
            sum(pt.ops) AS operations,
            sum(pt.cost) AS cost_millicents,
            sum(
                CASE
                    WHEN (t_1.overage_policy = 'bill'::text) THEN ((GREATEST((0)::numeric, (pt.tx - (t_1.included_transactions)::numeric)) * (t_1.overage_transaction_cents)::numeric) + ((GREATEST((0)::numeric, (pt.cu - (t_1.included_computation_units)::numeric)) * (t_1.overage_per_1000_units_cents)::numeric) / (1000)::numeric))
                    ELSE (0)::numeric
                END) AS overage_cents
           FROM (per_tenant pt
             JOIN tier t_1 USING (tier))
          GROUP BY pt.tier
        ), active AS (
         SELECT s.billing_tier AS tier,
            count(*) AS tenants
           FROM monay_private.billing_tenant_state s
          WHERE (s.status = 'active'::text)
          GROUP BY s.billing_tier
        )
 SELECT t.tier,
    COALESCE(u.tenants_with_usage, (0)::bigint) AS tenants_with_usage,
    (COALESCE(u.transactions, (0)::numeric))::bigint AS transactions,
    (COALESCE(u.computation_units, (0)::numeric))::bigint AS computation_units,
    (COALESCE(u.operations, (0)::numeric))::bigint AS operations,
    (COALESCE(u.cost_millicents, (0)::numeric))::bigint AS cost_millicents,
    (COALESCE(a.tenants, (0)::bigint) * t.base_fee_cents) AS base_fee_cents,
    (COALESCE(u.overage_cents, (0)::numeric))::bigint AS overage_cents
   FROM ((tier t
     LEFT JOIN usage u USING (tier))
     LEFT JOIN active a USING (tier));

ALTER TABLE monay_monitor.usage_this_month OWNER TO monay_owner;
--
-- Name: audit_link; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.audit_link (
    singleton boolean DEFAULT true NOT NULL,
    dsn text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT audit_link_singleton_check CHECK (singleton)
);

ALTER TABLE monay_private.audit_link OWNER TO monay_owner;
--
-- Name: TABLE audit_link; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.audit_link IS 'libpq connection string that dblink uses to write security events outside the caller''s transaction.';

--
-- Name: billing_failures_id_seq; Type: SEQUENCE; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE monay_private.billing_failures ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay_private.billing_failures_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: billing_idempotency_keys; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.billing_idempotency_keys (
    tenant_id uuid NOT NULL,
    scope text NOT NULL,
    idempotency_key text NOT NULL,
    fingerprint text NOT NULL,
    response jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    operation_id bigint,
    occurred_at timestamp with time zone,
    CONSTRAINT billing_idempotency_keys_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT billing_idempotency_keys_scope_known CHECK ((scope = ANY (ARRAY['operation'::text, 'payment'::text])))
);

ALTER TABLE monay_private.billing_idempotency_keys OWNER TO monay_owner;
--
-- Name: TABLE billing_idempotency_keys; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.billing_idempotency_keys IS 'Idempotency keys of billing writes -> first response; purged after BILLING_IDEMPOTENCY_RETENTION.';

--
-- Name: COLUMN billing_idempotency_keys.operation_id; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON COLUMN monay_private.billing_idempotency_keys.operation_id IS 'scope operation: the event the key recorded (with occurred_at, its partition key); the response is rebuilt from it.';

--
-- Name: COLUMN billing_idempotency_keys.occurred_at; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON COLUMN monay_private.billing_idempotency_keys.occurred_at IS 'scope operation: occurred_at of the event the key recorded (the partition key of monay.billing_operations).';

--
-- Name: billing_operations_template; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.billing_operations_template (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    operation_type text NOT NULL,
    quantity bigint NOT NULL,
    computation_units bigint NOT NULL,
    transactions bigint NOT NULL,
    cost_millicents bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    billing_period date NOT NULL,
    late boolean NOT NULL,
    idempotency_key text,
    recorded_at timestamp with time zone NOT NULL
);

ALTER TABLE monay_private.billing_operations_template OWNER TO monay_owner;
--
-- Name: TABLE billing_operations_template; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.billing_operations_template IS 'pg_partman template of monay.billing_operations (p_template_table).';

--
-- Name: context_key; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.context_key (
    singleton boolean DEFAULT true NOT NULL,
    signing_key bytea DEFAULT public.gen_random_bytes(32) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT context_key_singleton_check CHECK (singleton)
);

ALTER TABLE monay_private.context_key OWNER TO monay_owner;
--
-- Name: TABLE context_key; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.context_key IS 'HMAC key that signs the transaction context. Never leaves monay_private.';

--
-- Name: jwt_secrets; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.jwt_secrets (
    id bigint NOT NULL,
    secret bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    retired_at timestamp with time zone,
    CONSTRAINT jwt_secrets_secret_check CHECK ((length(secret) >= 32))
);

ALTER TABLE monay_private.jwt_secrets OWNER TO monay_owner;
--
-- Name: TABLE jwt_secrets; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.jwt_secrets IS 'HS256 secret(s) for monay.authenticate; one current, set by monay.set_jwt_secret.';

--
-- Name: jwt_secrets_id_seq; Type: SEQUENCE; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE monay_private.jwt_secrets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay_private.jwt_secrets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: legacy_saved_policies; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.legacy_saved_policies (
    table_name text NOT NULL,
    policy_name text NOT NULL,
    command text NOT NULL,
    using_expr text,
    check_expr text
);

ALTER TABLE monay_private.legacy_saved_policies OWNER TO monay_owner;
--
-- Name: legacy_steps; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.legacy_steps (
    direction text NOT NULL,
    ord bigint NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    body text,
    description text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    cursor text,
    rows_done bigint DEFAULT 0 NOT NULL,
    batches bigint DEFAULT 0 NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    CONSTRAINT legacy_steps_check CHECK (((body IS NULL) = (kind = 'hook'::text))),
    CONSTRAINT legacy_steps_direction_check CHECK ((direction = ANY (ARRAY['migrate'::text, 'rollback'::text]))),
    CONSTRAINT legacy_steps_kind_check CHECK ((kind = ANY (ARRAY['batch'::text, 'ddl'::text, 'ddl_list'::text, 'hook'::text]))),
    CONSTRAINT legacy_steps_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'running'::text, 'done'::text])))
);

ALTER TABLE monay_private.legacy_steps OWNER TO monay_owner;
--
-- Name: TABLE legacy_steps; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.legacy_steps IS 'The tenant_id retrofit''s steps and their progress (resumable): run by `monaydb legacy migrate|rollback`.';

--
-- Name: monitoring_installed; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.monitoring_installed (
    item text NOT NULL,
    note text NOT NULL
);

ALTER TABLE monay_private.monitoring_installed OWNER TO monay_owner;
--
-- Name: TABLE monitoring_installed; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.monitoring_installed IS 'What 011_monitoring created or granted that existed without it; its rollback undoes only these.';

--
-- Name: purge_retained_tables; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.purge_retained_tables (
    table_name text NOT NULL,
    reason text NOT NULL,
    CONSTRAINT purge_retained_tables_table_name_check CHECK ((table_name ~ '^[a-z_][a-z0-9_]*$'::text))
);

ALTER TABLE monay_private.purge_retained_tables OWNER TO monay_owner;
--
-- Name: TABLE purge_retained_tables; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.purge_retained_tables IS 'Tables of schema monay that the closed-tenant purge keeps (accounting, audit). Data, not code.';

--
-- Name: tenant_creation_requests; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.tenant_creation_requests (
    owner_user_id uuid NOT NULL,
    idempotency_key text NOT NULL,
    request_sha256 text NOT NULL,
    tenant_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tenant_creation_requests_idempotency_key_check CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200)))
);

ALTER TABLE monay_private.tenant_creation_requests OWNER TO monay_owner;
--
-- Name: TABLE tenant_creation_requests; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.tenant_creation_requests IS 'Idempotency keys of monay.create_tenant: (owner, key) -> the tenant it created.';

--
-- Name: transactions_pre_tenancy; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_pre_tenancy (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_pre_tenancy OWNER TO monay_owner;
--
-- Name: transactions_tenant_p00; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p00 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p00 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p01; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p01 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p01 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p02; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p02 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p02 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p03; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p03 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p03 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p04; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p04 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p04 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p05; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p05 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p05 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p06; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p06 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p06 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p07; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p07 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p07 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p08; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p08 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p08 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p09; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p09 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p09 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p10; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p10 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p10 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p11; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p11 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p11 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p12; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p12 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p12 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p13; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p13 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p13 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p14; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p14 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p14 OWNER TO monay_owner;
--
-- Name: transactions_tenant_p15; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.transactions_tenant_p15 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tenant_id uuid NOT NULL,
    counterparty_tenant_id uuid,
    mirror_of uuid,
    idempotency_key text,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_counterparty_pair CHECK (((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL))),
    CONSTRAINT transactions_idempotency_key_length CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (((mirror_of IS NULL) OR (counterparty_tenant_id <> tenant_id))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE monay_private.transactions_tenant_p15 OWNER TO monay_owner;
--
-- Name: user_tenant_counts; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.user_tenant_counts (
    user_id uuid NOT NULL,
    active_tenants bigint DEFAULT 0 NOT NULL,
    CONSTRAINT user_tenant_counts_active_tenants_check CHECK ((active_tenants >= 0))
);

ALTER TABLE monay_private.user_tenant_counts OWNER TO monay_owner;
--
-- Name: vault_account_allocations; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.vault_account_allocations (
    account_index bigint NOT NULL,
    tenant_id uuid NOT NULL,
    allocated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT vault_account_allocations_hardened_range CHECK (((account_index >= 0) AND (account_index <= 2147483647)))
);

ALTER TABLE monay_private.vault_account_allocations OWNER TO monay_owner;
--
-- Name: TABLE vault_account_allocations; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.vault_account_allocations IS 'Append-only ledger: HD account index -> tenant, never reused (outlives the tenant''s purge).';

--
-- Name: vault_account_index_seq; Type: SEQUENCE; Schema: monay_private; Owner: monay_owner
--

CREATE SEQUENCE monay_private.vault_account_index_seq
    START WITH 0
    INCREMENT BY 1
    MINVALUE 0
    MAXVALUE 2147483647
    CACHE 1;

ALTER TABLE monay_private.vault_account_index_seq OWNER TO monay_owner;
--
-- Name: SEQUENCE vault_account_index_seq; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON SEQUENCE monay_private.vault_account_index_seq IS 'Next HD account index (hardened, 0 .. 2^31-1); never cycles.';

--
-- Name: transactions_tenant_p00; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p00 FOR VALUES WITH (modulus 16, remainder 0);

--
-- Name: transactions_tenant_p01; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p01 FOR VALUES WITH (modulus 16, remainder 1);

--
-- Name: transactions_tenant_p02; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p02 FOR VALUES WITH (modulus 16, remainder 2);

--
-- Name: transactions_tenant_p03; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p03 FOR VALUES WITH (modulus 16, remainder 3);

--
-- Name: transactions_tenant_p04; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p04 FOR VALUES WITH (modulus 16, remainder 4);

--
-- Name: transactions_tenant_p05; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p05 FOR VALUES WITH (modulus 16, remainder 5);

--
-- Name: transactions_tenant_p06; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p06 FOR VALUES WITH (modulus 16, remainder 6);

--
-- Name: transactions_tenant_p07; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p07 FOR VALUES WITH (modulus 16, remainder 7);

--
-- Name: transactions_tenant_p08; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p08 FOR VALUES WITH (modulus 16, remainder 8);

--
-- Name: transactions_tenant_p09; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p09 FOR VALUES WITH (modulus 16, remainder 9);

--
-- Name: transactions_tenant_p10; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p10 FOR VALUES WITH (modulus 16, remainder 10);

--
-- Name: transactions_tenant_p11; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p11 FOR VALUES WITH (modulus 16, remainder 11);

--
-- Name: transactions_tenant_p12; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p12 FOR VALUES WITH (modulus 16, remainder 12);

--
-- Name: transactions_tenant_p13; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p13 FOR VALUES WITH (modulus 16, remainder 13);

--
-- Name: transactions_tenant_p14; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p14 FOR VALUES WITH (modulus 16, remainder 14);

--
-- Name: transactions_tenant_p15; Type: TABLE ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions ATTACH PARTITION monay_private.transactions_tenant_p15 FOR VALUES WITH (modulus 16, remainder 15);

--
-- Name: billing_operations id; Type: DEFAULT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_operations ALTER COLUMN id SET DEFAULT nextval('monay.billing_operation_id_seq'::regclass);

--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

--
-- Name: billing_adjustments billing_adjustments_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_adjustments
    ADD CONSTRAINT billing_adjustments_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: billing_metrics billing_metrics_bill_or_lines; Type: CHECK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_metrics
    ADD CONSTRAINT billing_metrics_bill_or_lines CHECK (((bill IS NOT NULL) OR (lines IS NOT NULL))) NOT VALID;

--
-- Name: billing_metrics billing_metrics_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_metrics
    ADD CONSTRAINT billing_metrics_pkey PRIMARY KEY (tenant_id, period);

--
-- Name: billing_operations billing_operations_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_operations
    ADD CONSTRAINT billing_operations_pkey PRIMARY KEY (tenant_id, occurred_at, id);

--
-- Name: billing_runs billing_runs_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_runs
    ADD CONSTRAINT billing_runs_pkey PRIMARY KEY (id);

--
-- Name: billing_tier_config billing_tier_config_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_tier_config
    ADD CONSTRAINT billing_tier_config_pkey PRIMARY KEY (tier, effective_from);

--
-- Name: billing_tiers billing_tiers_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_tiers
    ADD CONSTRAINT billing_tiers_pkey PRIMARY KEY (tier);

--
-- Name: billing_tiers billing_tiers_sort_order_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_tiers
    ADD CONSTRAINT billing_tiers_sort_order_key UNIQUE (sort_order);

--
-- Name: cards cards_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.cards
    ADD CONSTRAINT cards_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: group_bill_lines group_bill_lines_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_bill_lines
    ADD CONSTRAINT group_bill_lines_pkey PRIMARY KEY (tenant_id, period);

--
-- Name: group_bills group_bills_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_bills
    ADD CONSTRAINT group_bills_pkey PRIMARY KEY (tenant_id, group_id, period);

--
-- Name: group_kinds group_kinds_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_kinds
    ADD CONSTRAINT group_kinds_pkey PRIMARY KEY (kind);

--
-- Name: group_member_roles group_member_roles_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_member_roles
    ADD CONSTRAINT group_member_roles_pkey PRIMARY KEY (kind, role);

--
-- Name: group_members group_members_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_members
    ADD CONSTRAINT group_members_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: group_members group_members_tenant_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_members
    ADD CONSTRAINT group_members_tenant_key UNIQUE (tenant_id, group_id, member_tenant_id);

--
-- Name: group_members group_members_user_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_members
    ADD CONSTRAINT group_members_user_key UNIQUE (tenant_id, group_id, member_user_id);

--
-- Name: groups groups_idempotency_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.groups
    ADD CONSTRAINT groups_idempotency_key UNIQUE (tenant_id, idempotency_key);

--
-- Name: groups groups_kind_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.groups
    ADD CONSTRAINT groups_kind_key UNIQUE (tenant_id, id, kind);

--
-- Name: groups groups_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.groups
    ADD CONSTRAINT groups_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: invoices invoices_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.invoices
    ADD CONSTRAINT invoices_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: invoices invoices_tenant_id_invoice_number_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.invoices
    ADD CONSTRAINT invoices_tenant_id_invoice_number_key UNIQUE (tenant_id, invoice_number);

--
-- Name: operation_costs operation_costs_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.operation_costs
    ADD CONSTRAINT operation_costs_pkey PRIMARY KEY (operation_type);

--
-- Name: payment_allocations payment_allocations_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.payment_allocations
    ADD CONSTRAINT payment_allocations_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);

--
-- Name: stablecoin_payment_config stablecoin_payment_config_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.stablecoin_payment_config
    ADD CONSTRAINT stablecoin_payment_config_pkey PRIMARY KEY (symbol);

--
-- Name: tenant_roles tenant_roles_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_roles
    ADD CONSTRAINT tenant_roles_pkey PRIMARY KEY (role);

--
-- Name: tenant_tier_history tenant_tier_history_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_tier_history
    ADD CONSTRAINT tenant_tier_history_pkey PRIMARY KEY (tenant_id, effective_at);

--
-- Name: tenant_types tenant_types_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_types
    ADD CONSTRAINT tenant_types_pkey PRIMARY KEY (tenant_type);

--
-- Name: tenant_users tenant_users_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_users
    ADD CONSTRAINT tenant_users_pkey PRIMARY KEY (tenant_id, user_id);

--
-- Name: tenant_vaults tenant_vaults_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_vaults
    ADD CONSTRAINT tenant_vaults_pkey PRIMARY KEY (tenant_id);

--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);

--
-- Name: tenants tenants_tenant_code_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenants
    ADD CONSTRAINT tenants_tenant_code_key UNIQUE (tenant_code);

--
-- Name: transactions transactions_tenant_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions
    ADD CONSTRAINT transactions_tenant_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: treasury_access_grants treasury_access_grants_idempotency_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.treasury_access_grants
    ADD CONSTRAINT treasury_access_grants_idempotency_key UNIQUE (tenant_id, idempotency_key);

--
-- Name: treasury_access_grants treasury_access_grants_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.treasury_access_grants
    ADD CONSTRAINT treasury_access_grants_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: user_types user_types_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.user_types
    ADD CONSTRAINT user_types_pkey PRIMARY KEY (user_type);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: wallet_address_purposes wallet_address_purposes_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallet_address_purposes
    ADD CONSTRAINT wallet_address_purposes_pkey PRIMARY KEY (purpose);

--
-- Name: wallet_addresses wallet_addresses_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallet_addresses
    ADD CONSTRAINT wallet_addresses_pkey PRIMARY KEY (tenant_id, derivation_path);

--
-- Name: wallet_addresses wallet_addresses_tenant_id_address_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallet_addresses
    ADD CONSTRAINT wallet_addresses_tenant_id_address_key UNIQUE (tenant_id, address);

--
-- Name: wallet_addresses wallet_addresses_tenant_id_key_version_address_index_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallet_addresses
    ADD CONSTRAINT wallet_addresses_tenant_id_key_version_address_index_key UNIQUE (tenant_id, key_version, address_index);

--
-- Name: wallets wallets_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallets
    ADD CONSTRAINT wallets_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: audit_link audit_link_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.audit_link
    ADD CONSTRAINT audit_link_pkey PRIMARY KEY (singleton);

--
-- Name: billing_failures billing_failures_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.billing_failures
    ADD CONSTRAINT billing_failures_pkey PRIMARY KEY (id);

--
-- Name: billing_idempotency_keys billing_idempotency_keys_operation_ref; Type: CHECK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE monay_private.billing_idempotency_keys
    ADD CONSTRAINT billing_idempotency_keys_operation_ref CHECK (((scope <> 'operation'::text) OR ((operation_id IS NOT NULL) AND (occurred_at IS NOT NULL)) OR (response IS NOT NULL))) NOT VALID;

--
-- Name: billing_idempotency_keys billing_idempotency_keys_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.billing_idempotency_keys
    ADD CONSTRAINT billing_idempotency_keys_pkey PRIMARY KEY (tenant_id, scope, idempotency_key);

--
-- Name: billing_tenant_state billing_tenant_state_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.billing_tenant_state
    ADD CONSTRAINT billing_tenant_state_pkey PRIMARY KEY (tenant_id);

--
-- Name: billing_usage_counters billing_usage_counters_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.billing_usage_counters
    ADD CONSTRAINT billing_usage_counters_pkey PRIMARY KEY (tenant_id, period, tier, slot);

--
-- Name: context_key context_key_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.context_key
    ADD CONSTRAINT context_key_pkey PRIMARY KEY (singleton);

--
-- Name: group_paths group_paths_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.group_paths
    ADD CONSTRAINT group_paths_pkey PRIMARY KEY (ancestor_id, descendant_id);

--
-- Name: jwt_secrets jwt_secrets_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.jwt_secrets
    ADD CONSTRAINT jwt_secrets_pkey PRIMARY KEY (id);

--
-- Name: legacy_saved_policies legacy_saved_policies_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.legacy_saved_policies
    ADD CONSTRAINT legacy_saved_policies_pkey PRIMARY KEY (table_name, policy_name);

--
-- Name: legacy_steps legacy_steps_direction_name_key; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.legacy_steps
    ADD CONSTRAINT legacy_steps_direction_name_key UNIQUE (direction, name);

--
-- Name: legacy_steps legacy_steps_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.legacy_steps
    ADD CONSTRAINT legacy_steps_pkey PRIMARY KEY (direction, ord);

--
-- Name: monitoring_installed monitoring_installed_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.monitoring_installed
    ADD CONSTRAINT monitoring_installed_pkey PRIMARY KEY (item);

--
-- Name: purge_retained_tables purge_retained_tables_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.purge_retained_tables
    ADD CONSTRAINT purge_retained_tables_pkey PRIMARY KEY (table_name);

--
-- Name: tenant_creation_requests tenant_creation_requests_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.tenant_creation_requests
    ADD CONSTRAINT tenant_creation_requests_pkey PRIMARY KEY (owner_user_id, idempotency_key);

--
-- Name: transactions_pre_tenancy transactions_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_pre_tenancy
    ADD CONSTRAINT transactions_pkey PRIMARY KEY (id);

--
-- Name: transactions_tenant_p00 transactions_tenant_p00_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p00
    ADD CONSTRAINT transactions_tenant_p00_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p01 transactions_tenant_p01_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p01
    ADD CONSTRAINT transactions_tenant_p01_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p02 transactions_tenant_p02_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p02
    ADD CONSTRAINT transactions_tenant_p02_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p03 transactions_tenant_p03_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p03
    ADD CONSTRAINT transactions_tenant_p03_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p04 transactions_tenant_p04_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p04
    ADD CONSTRAINT transactions_tenant_p04_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p05 transactions_tenant_p05_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p05
    ADD CONSTRAINT transactions_tenant_p05_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p06 transactions_tenant_p06_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p06
    ADD CONSTRAINT transactions_tenant_p06_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p07 transactions_tenant_p07_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p07
    ADD CONSTRAINT transactions_tenant_p07_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p08 transactions_tenant_p08_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p08
    ADD CONSTRAINT transactions_tenant_p08_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p09 transactions_tenant_p09_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p09
    ADD CONSTRAINT transactions_tenant_p09_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p10 transactions_tenant_p10_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p10
    ADD CONSTRAINT transactions_tenant_p10_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p11 transactions_tenant_p11_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p11
    ADD CONSTRAINT transactions_tenant_p11_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p12 transactions_tenant_p12_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p12
    ADD CONSTRAINT transactions_tenant_p12_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p13 transactions_tenant_p13_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p13
    ADD CONSTRAINT transactions_tenant_p13_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p14 transactions_tenant_p14_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p14
    ADD CONSTRAINT transactions_tenant_p14_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: transactions_tenant_p15 transactions_tenant_p15_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.transactions_tenant_p15
    ADD CONSTRAINT transactions_tenant_p15_pkey PRIMARY KEY (tenant_id, id);

--
-- Name: user_tenant_counts user_tenant_counts_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.user_tenant_counts
    ADD CONSTRAINT user_tenant_counts_pkey PRIMARY KEY (user_id);

--
-- Name: vault_account_allocations vault_account_allocations_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.vault_account_allocations
    ADD CONSTRAINT vault_account_allocations_pkey PRIMARY KEY (account_index);

--
-- Name: vault_account_allocations vault_account_allocations_tenant_id_account_index_key; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.vault_account_allocations
    ADD CONSTRAINT vault_account_allocations_tenant_id_account_index_key UNIQUE (tenant_id, account_index);

--
-- Name: vault_account_allocations vault_account_allocations_tenant_id_key; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.vault_account_allocations
    ADD CONSTRAINT vault_account_allocations_tenant_id_key UNIQUE (tenant_id);

--
-- Name: audit_log_action_occurred_at_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX audit_log_action_occurred_at_idx ON monay.audit_log USING btree (action, occurred_at) WHERE (action = ANY (ARRAY['auth_refused'::text, 'switch_refused'::text]));

--
-- Name: audit_log_tenant_id_occurred_at_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX audit_log_tenant_id_occurred_at_idx ON monay.audit_log USING btree (tenant_id, occurred_at);

--
-- Name: billing_adjustments_bill_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX billing_adjustments_bill_idx ON monay.billing_adjustments USING btree (tenant_id, period);

--
-- Name: billing_metrics_period_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX billing_metrics_period_idx ON monay.billing_metrics USING btree (period, tenant_id);

--
-- Name: billing_metrics_unpaid_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX billing_metrics_unpaid_idx ON monay.billing_metrics USING btree (tenant_id, period) WHERE (status = 'finalized'::text);

--
-- Name: billing_runs_period_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX billing_runs_period_idx ON monay.billing_runs USING btree (period, id);

--
-- Name: cards_user_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX cards_user_id_idx ON monay.cards USING btree (user_id);

--
-- Name: cards_wallet_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX cards_wallet_id_idx ON monay.cards USING btree (wallet_id);

--
-- Name: group_bill_lines_bill_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX group_bill_lines_bill_idx ON monay.group_bill_lines USING btree (payer_tenant_id, group_id, period);

--
-- Name: group_bills_period_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX group_bills_period_idx ON monay.group_bills USING btree (period, tenant_id);

--
-- Name: group_members_tenant_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX group_members_tenant_idx ON monay.group_members USING btree (member_tenant_id) WHERE (member_tenant_id IS NOT NULL);

--
-- Name: group_members_user_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX group_members_user_idx ON monay.group_members USING btree (member_user_id) WHERE (member_user_id IS NOT NULL);

--
-- Name: groups_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX groups_id_idx ON monay.groups USING btree (id);

--
-- Name: groups_parent_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX groups_parent_idx ON monay.groups USING btree (parent_tenant_id, parent_id) WHERE (parent_id IS NOT NULL);

--
-- Name: invoices_user_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX invoices_user_id_idx ON monay.invoices USING btree (user_id);

--
-- Name: payment_allocations_bill_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX payment_allocations_bill_idx ON monay.payment_allocations USING btree (tenant_id, period);

--
-- Name: payment_allocations_payment_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX payment_allocations_payment_idx ON monay.payment_allocations USING btree (tenant_id, payment_id);

--
-- Name: tenant_users_user_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX tenant_users_user_id_idx ON monay.tenant_users USING btree (user_id, tenant_id) WHERE (status = 'active'::text);

--
-- Name: tenant_vaults_rotated_at_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX tenant_vaults_rotated_at_idx ON monay.tenant_vaults USING btree (rotated_at);

--
-- Name: tenants_billing_walk_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX tenants_billing_walk_idx ON monay.tenants USING btree (id) INCLUDE (created_at, status, status_changed_at);

--
-- Name: INDEX tenants_billing_walk_idx; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON INDEX monay.tenants_billing_walk_idx IS 'The monthly run''s walk (billing_run_batch, billing_run_start): tenants in id order with what decides whether a month bills them, read from the index alone (migration 025).';

--
-- Name: tenants_purge_after_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX tenants_purge_after_idx ON monay.tenants USING btree (purge_after) WHERE (purge_after IS NOT NULL);

--
-- Name: transactions_tenant_counterparty_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX transactions_tenant_counterparty_idx ON ONLY monay.transactions USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_idempotency_key; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_idempotency_key ON ONLY monay.transactions USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_wallet_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX transactions_tenant_wallet_idx ON ONLY monay.transactions USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: treasury_access_grants_grantee_tenant_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX treasury_access_grants_grantee_tenant_idx ON monay.treasury_access_grants USING btree (grantee_tenant_id) WHERE (grantee_tenant_id IS NOT NULL);

--
-- Name: treasury_access_grants_grantee_user_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX treasury_access_grants_grantee_user_idx ON monay.treasury_access_grants USING btree (grantee_user_id) WHERE (grantee_user_id IS NOT NULL);

--
-- Name: treasury_access_grants_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX treasury_access_grants_id_idx ON monay.treasury_access_grants USING btree (id);

--
-- Name: treasury_access_grants_wallet; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX treasury_access_grants_wallet ON monay.treasury_access_grants USING btree (tenant_id, wallet_id);

--
-- Name: treasury_access_grants_wallet_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX treasury_access_grants_wallet_idx ON monay.treasury_access_grants USING btree (tenant_id, wallet_id) WHERE (revoked_at IS NULL);

--
-- Name: users_email_lower_key; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE UNIQUE INDEX users_email_lower_key ON monay.users USING btree (lower(email));

--
-- Name: wallets_user_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX wallets_user_id_idx ON monay.wallets USING btree (user_id);

--
-- Name: billing_failures_failed_at_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX billing_failures_failed_at_idx ON monay_private.billing_failures USING btree (failed_at);

--
-- Name: billing_failures_run_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX billing_failures_run_idx ON monay_private.billing_failures USING btree (run_id) WHERE (run_id IS NOT NULL);

--
-- Name: billing_idempotency_keys_created_at_brin; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX billing_idempotency_keys_created_at_brin ON monay_private.billing_idempotency_keys USING brin (created_at);

--
-- Name: group_paths_descendant_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX group_paths_descendant_idx ON monay_private.group_paths USING btree (descendant_id, distance);

--
-- Name: jwt_secrets_one_current; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX jwt_secrets_one_current ON monay_private.jwt_secrets USING btree ((true)) WHERE (retired_at IS NULL);

--
-- Name: tenant_creation_requests_tenant_id_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX tenant_creation_requests_tenant_id_idx ON monay_private.tenant_creation_requests USING btree (tenant_id);

--
-- Name: transactions_counterparty_wallet_id_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_counterparty_wallet_id_idx ON monay_private.transactions_pre_tenancy USING btree (counterparty_wallet_id);

--
-- Name: transactions_tenant_p00_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p00_counterparty_idx ON monay_private.transactions_tenant_p00 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p00_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p00_idempotency_key ON monay_private.transactions_tenant_p00 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p00_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p00_wallet_idx ON monay_private.transactions_tenant_p00 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p01_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p01_counterparty_idx ON monay_private.transactions_tenant_p01 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p01_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p01_idempotency_key ON monay_private.transactions_tenant_p01 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p01_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p01_wallet_idx ON monay_private.transactions_tenant_p01 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p02_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p02_counterparty_idx ON monay_private.transactions_tenant_p02 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p02_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p02_idempotency_key ON monay_private.transactions_tenant_p02 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p02_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p02_wallet_idx ON monay_private.transactions_tenant_p02 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p03_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p03_counterparty_idx ON monay_private.transactions_tenant_p03 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p03_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p03_idempotency_key ON monay_private.transactions_tenant_p03 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p03_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p03_wallet_idx ON monay_private.transactions_tenant_p03 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p04_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p04_counterparty_idx ON monay_private.transactions_tenant_p04 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p04_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p04_idempotency_key ON monay_private.transactions_tenant_p04 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p04_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p04_wallet_idx ON monay_private.transactions_tenant_p04 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p05_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p05_counterparty_idx ON monay_private.transactions_tenant_p05 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p05_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p05_idempotency_key ON monay_private.transactions_tenant_p05 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p05_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p05_wallet_idx ON monay_private.transactions_tenant_p05 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p06_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p06_counterparty_idx ON monay_private.transactions_tenant_p06 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p06_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p06_idempotency_key ON monay_private.transactions_tenant_p06 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p06_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p06_wallet_idx ON monay_private.transactions_tenant_p06 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p07_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p07_counterparty_idx ON monay_private.transactions_tenant_p07 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p07_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p07_idempotency_key ON monay_private.transactions_tenant_p07 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p07_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p07_wallet_idx ON monay_private.transactions_tenant_p07 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p08_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p08_counterparty_idx ON monay_private.transactions_tenant_p08 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p08_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p08_idempotency_key ON monay_private.transactions_tenant_p08 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p08_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p08_wallet_idx ON monay_private.transactions_tenant_p08 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p09_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p09_counterparty_idx ON monay_private.transactions_tenant_p09 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p09_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p09_idempotency_key ON monay_private.transactions_tenant_p09 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p09_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p09_wallet_idx ON monay_private.transactions_tenant_p09 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p10_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p10_counterparty_idx ON monay_private.transactions_tenant_p10 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p10_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p10_idempotency_key ON monay_private.transactions_tenant_p10 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p10_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p10_wallet_idx ON monay_private.transactions_tenant_p10 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p11_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p11_counterparty_idx ON monay_private.transactions_tenant_p11 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p11_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p11_idempotency_key ON monay_private.transactions_tenant_p11 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p11_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p11_wallet_idx ON monay_private.transactions_tenant_p11 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p12_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p12_counterparty_idx ON monay_private.transactions_tenant_p12 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p12_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p12_idempotency_key ON monay_private.transactions_tenant_p12 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p12_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p12_wallet_idx ON monay_private.transactions_tenant_p12 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p13_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p13_counterparty_idx ON monay_private.transactions_tenant_p13 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p13_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p13_idempotency_key ON monay_private.transactions_tenant_p13 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p13_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p13_wallet_idx ON monay_private.transactions_tenant_p13 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p14_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p14_counterparty_idx ON monay_private.transactions_tenant_p14 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p14_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p14_idempotency_key ON monay_private.transactions_tenant_p14 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p14_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p14_wallet_idx ON monay_private.transactions_tenant_p14 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_tenant_p15_counterparty_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p15_counterparty_idx ON monay_private.transactions_tenant_p15 USING btree (tenant_id, counterparty_wallet_id);

--
-- Name: transactions_tenant_p15_idempotency_key; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX transactions_tenant_p15_idempotency_key ON monay_private.transactions_tenant_p15 USING btree (tenant_id, idempotency_key);

--
-- Name: transactions_tenant_p15_wallet_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_tenant_p15_wallet_idx ON monay_private.transactions_tenant_p15 USING btree (tenant_id, wallet_id, created_at, id);

--
-- Name: transactions_wallet_id_created_at_idx; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE INDEX transactions_wallet_id_created_at_idx ON monay_private.transactions_pre_tenancy USING btree (wallet_id, created_at);

--
-- Name: transactions_tenant_p00_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p00_counterparty_idx;

--
-- Name: transactions_tenant_p00_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p00_idempotency_key;

--
-- Name: transactions_tenant_p00_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p00_pkey;

--
-- Name: transactions_tenant_p00_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p00_wallet_idx;

--
-- Name: transactions_tenant_p01_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p01_counterparty_idx;

--
-- Name: transactions_tenant_p01_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p01_idempotency_key;

--
-- Name: transactions_tenant_p01_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p01_pkey;

--
-- Name: transactions_tenant_p01_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p01_wallet_idx;

--
-- Name: transactions_tenant_p02_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p02_counterparty_idx;

--
-- Name: transactions_tenant_p02_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p02_idempotency_key;

--
-- Name: transactions_tenant_p02_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p02_pkey;

--
-- Name: transactions_tenant_p02_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p02_wallet_idx;

--
-- Name: transactions_tenant_p03_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p03_counterparty_idx;

--
-- Name: transactions_tenant_p03_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p03_idempotency_key;

--
-- Name: transactions_tenant_p03_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p03_pkey;

--
-- Name: transactions_tenant_p03_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p03_wallet_idx;

--
-- Name: transactions_tenant_p04_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p04_counterparty_idx;

--
-- Name: transactions_tenant_p04_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p04_idempotency_key;

--
-- Name: transactions_tenant_p04_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p04_pkey;

--
-- Name: transactions_tenant_p04_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p04_wallet_idx;

--
-- Name: transactions_tenant_p05_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p05_counterparty_idx;

--
-- Name: transactions_tenant_p05_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p05_idempotency_key;

--
-- Name: transactions_tenant_p05_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p05_pkey;

--
-- Name: transactions_tenant_p05_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p05_wallet_idx;

--
-- Name: transactions_tenant_p06_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p06_counterparty_idx;

--
-- Name: transactions_tenant_p06_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p06_idempotency_key;

--
-- Name: transactions_tenant_p06_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p06_pkey;

--
-- Name: transactions_tenant_p06_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p06_wallet_idx;

--
-- Name: transactions_tenant_p07_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p07_counterparty_idx;

--
-- Name: transactions_tenant_p07_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p07_idempotency_key;

--
-- Name: transactions_tenant_p07_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p07_pkey;

--
-- Name: transactions_tenant_p07_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p07_wallet_idx;

--
-- Name: transactions_tenant_p08_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p08_counterparty_idx;

--
-- Name: transactions_tenant_p08_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p08_idempotency_key;

--
-- Name: transactions_tenant_p08_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p08_pkey;

--
-- Name: transactions_tenant_p08_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p08_wallet_idx;

--
-- Name: transactions_tenant_p09_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p09_counterparty_idx;

--
-- Name: transactions_tenant_p09_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p09_idempotency_key;

--
-- Name: transactions_tenant_p09_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p09_pkey;

--
-- Name: transactions_tenant_p09_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p09_wallet_idx;

--
-- Name: transactions_tenant_p10_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p10_counterparty_idx;

--
-- Name: transactions_tenant_p10_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p10_idempotency_key;

--
-- Name: transactions_tenant_p10_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p10_pkey;

--
-- Name: transactions_tenant_p10_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p10_wallet_idx;

--
-- Name: transactions_tenant_p11_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p11_counterparty_idx;

--
-- Name: transactions_tenant_p11_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p11_idempotency_key;

--
-- Name: transactions_tenant_p11_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p11_pkey;

--
-- Name: transactions_tenant_p11_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p11_wallet_idx;

--
-- Name: transactions_tenant_p12_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p12_counterparty_idx;

--
-- Name: transactions_tenant_p12_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p12_idempotency_key;

--
-- Name: transactions_tenant_p12_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p12_pkey;

--
-- Name: transactions_tenant_p12_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p12_wallet_idx;

--
-- Name: transactions_tenant_p13_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p13_counterparty_idx;

--
-- Name: transactions_tenant_p13_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p13_idempotency_key;

--
-- Name: transactions_tenant_p13_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p13_pkey;

--
-- Name: transactions_tenant_p13_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p13_wallet_idx;

--
-- Name: transactions_tenant_p14_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p14_counterparty_idx;

--
-- Name: transactions_tenant_p14_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p14_idempotency_key;

--
-- Name: transactions_tenant_p14_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p14_pkey;

--
-- Name: transactions_tenant_p14_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p14_wallet_idx;

--
-- Name: transactions_tenant_p15_counterparty_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_counterparty_idx ATTACH PARTITION monay_private.transactions_tenant_p15_counterparty_idx;

--
-- Name: transactions_tenant_p15_idempotency_key; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_idempotency_key ATTACH PARTITION monay_private.transactions_tenant_p15_idempotency_key;

--
-- Name: transactions_tenant_p15_pkey; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_pkey ATTACH PARTITION monay_private.transactions_tenant_p15_pkey;

--
-- Name: transactions_tenant_p15_wallet_idx; Type: INDEX ATTACH; Schema: monay_private; Owner: monay_owner
--

ALTER INDEX monay.transactions_tenant_wallet_idx ATTACH PARTITION monay_private.transactions_tenant_p15_wallet_idx;

--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON monay.audit_log FOR EACH STATEMENT EXECUTE FUNCTION monay_private.audit_log_append_only();

--
-- Name: audit_log audit_log_no_update_delete; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER audit_log_no_update_delete BEFORE DELETE OR UPDATE ON monay.audit_log FOR EACH ROW EXECUTE FUNCTION monay_private.audit_log_append_only();

--
-- Name: billing_metrics billing_metrics_guard; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER billing_metrics_guard BEFORE DELETE OR UPDATE ON monay.billing_metrics FOR EACH ROW EXECUTE FUNCTION monay_private.billing_metrics_guard();

--
-- Name: billing_operations billing_operations_fill; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER billing_operations_fill BEFORE INSERT ON monay.billing_operations FOR EACH ROW WHEN ((new.billing_period IS NULL)) EXECUTE FUNCTION monay_private.billing_operations_fill();

--
-- Name: billing_tier_config billing_tier_config_guard; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER billing_tier_config_guard BEFORE INSERT OR DELETE OR UPDATE ON monay.billing_tier_config FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tier_config_guard();

--
-- Name: billing_tier_config billing_tier_config_margin_floor; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER billing_tier_config_margin_floor AFTER INSERT OR UPDATE ON monay.billing_tier_config FOR EACH STATEMENT EXECUTE FUNCTION monay_private.billing_margin_floor_check();

--
-- Name: billing_tiers billing_tiers_keep_tenants; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER billing_tiers_keep_tenants AFTER UPDATE OF tier, gross_margin_min_percent, gross_margin_max_percent ON monay.billing_tiers FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tiers_keep_tenants();

--
-- Name: group_members group_members_500_validate; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER group_members_500_validate BEFORE INSERT OR UPDATE ON monay.group_members FOR EACH ROW EXECUTE FUNCTION monay_private.group_members_validate();

--
-- Name: cards legacy_500_fill_tenant; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER legacy_500_fill_tenant BEFORE INSERT OR UPDATE ON monay.cards FOR EACH ROW WHEN ((new.tenant_id IS NULL)) EXECUTE FUNCTION monay_private.legacy_fill_tenant();

--
-- Name: invoices legacy_500_fill_tenant; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER legacy_500_fill_tenant BEFORE INSERT OR UPDATE ON monay.invoices FOR EACH ROW WHEN ((new.tenant_id IS NULL)) EXECUTE FUNCTION monay_private.legacy_fill_tenant();

--
-- Name: wallets legacy_500_fill_tenant; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER legacy_500_fill_tenant BEFORE INSERT OR UPDATE ON monay.wallets FOR EACH ROW WHEN ((new.tenant_id IS NULL)) EXECUTE FUNCTION monay_private.legacy_fill_tenant();

--
-- Name: transactions legacy_500_sync_back; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER legacy_500_sync_back AFTER INSERT OR DELETE OR UPDATE ON monay.transactions FOR EACH ROW WHEN ((pg_trigger_depth() = 0)) EXECUTE FUNCTION monay_private.legacy_transactions_sync_back();

--
-- Name: operation_costs operation_costs_margin_floor; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER operation_costs_margin_floor AFTER INSERT OR UPDATE ON monay.operation_costs FOR EACH STATEMENT EXECUTE FUNCTION monay_private.billing_margin_floor_check();

--
-- Name: settings settings_500_audit; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER settings_500_audit AFTER INSERT OR DELETE OR UPDATE ON monay.settings FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('key');

--
-- Name: stablecoin_payment_config stablecoin_payment_config_margin_floor; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER stablecoin_payment_config_margin_floor AFTER INSERT OR UPDATE ON monay.stablecoin_payment_config FOR EACH STATEMENT EXECUTE FUNCTION monay_private.billing_margin_floor_check();

--
-- Name: tenant_users tenant_users_500_audit; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenant_users_500_audit AFTER INSERT OR DELETE OR UPDATE ON monay.tenant_users FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('user_id');

--
-- Name: tenant_users tenant_users_700_count_user_tenants; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenant_users_700_count_user_tenants AFTER INSERT OR DELETE OR UPDATE OF status, user_id ON monay.tenant_users FOR EACH ROW EXECUTE FUNCTION monay_private.count_user_tenants();

--
-- Name: tenants tenants_050_never_deleted; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_050_never_deleted BEFORE DELETE ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.tenants_never_deleted();

--
-- Name: tenants tenants_100_fill_defaults; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_100_fill_defaults BEFORE INSERT OR UPDATE ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.tenants_fill_defaults();

--
-- Name: tenants tenants_200_margin_within_tier; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_200_margin_within_tier BEFORE INSERT OR UPDATE OF billing_tier, gross_margin_percent ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.tenants_margin_within_tier();

--
-- Name: tenants tenants_300_billing_state_sync; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_300_billing_state_sync AFTER INSERT OR UPDATE OF status, billing_tier ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tenant_state_sync();

--
-- Name: tenants tenants_310_billing_state_created_at; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_310_billing_state_created_at AFTER INSERT OR UPDATE OF created_at ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tenant_state_created_at();

--
-- Name: tenants tenants_500_audit; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_500_audit AFTER INSERT OR DELETE OR UPDATE ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('id');

--
-- Name: tenants tenants_600_vault; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_600_vault AFTER INSERT ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.vault_open_for_tenant();

--
-- Name: tenants tenants_700_record_tier_change; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_700_record_tier_change AFTER INSERT OR UPDATE OF billing_tier, gross_margin_percent ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.record_tier_change();

--
-- Name: users users_audit; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER users_audit AFTER UPDATE ON monay.users FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('id');

--
-- Name: vault_account_allocations vault_account_allocations_append_only; Type: TRIGGER; Schema: monay_private; Owner: monay_owner
--

CREATE TRIGGER vault_account_allocations_append_only BEFORE DELETE OR UPDATE ON monay_private.vault_account_allocations FOR EACH ROW EXECUTE FUNCTION monay_private.vault_allocations_append_only();

--
-- Name: vault_account_allocations vault_account_allocations_no_truncate; Type: TRIGGER; Schema: monay_private; Owner: monay_owner
--

CREATE TRIGGER vault_account_allocations_no_truncate BEFORE TRUNCATE ON monay_private.vault_account_allocations FOR EACH STATEMENT EXECUTE FUNCTION monay_private.vault_allocations_append_only();

--
-- Name: billing_adjustments billing_adjustments_tenant_id_period_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_adjustments
    ADD CONSTRAINT billing_adjustments_tenant_id_period_fkey FOREIGN KEY (tenant_id, period) REFERENCES monay.billing_metrics(tenant_id, period);

--
-- Name: billing_tier_config billing_tier_config_tier_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.billing_tier_config
    ADD CONSTRAINT billing_tier_config_tier_fkey FOREIGN KEY (tier) REFERENCES monay.billing_tiers(tier);

--
-- Name: cards cards_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.cards
    ADD CONSTRAINT cards_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: cards cards_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.cards
    ADD CONSTRAINT cards_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: cards cards_wallet_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.cards
    ADD CONSTRAINT cards_wallet_fkey FOREIGN KEY (tenant_id, wallet_id) REFERENCES monay.wallets(tenant_id, id);

--
-- Name: group_bill_lines group_bill_lines_payer_tenant_id_group_id_period_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_bill_lines
    ADD CONSTRAINT group_bill_lines_payer_tenant_id_group_id_period_fkey FOREIGN KEY (payer_tenant_id, group_id, period) REFERENCES monay.group_bills(tenant_id, group_id, period);

--
-- Name: group_bill_lines group_bill_lines_tenant_id_payment_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_bill_lines
    ADD CONSTRAINT group_bill_lines_tenant_id_payment_id_fkey FOREIGN KEY (tenant_id, payment_id) REFERENCES monay.payments(tenant_id, id);

--
-- Name: group_bill_lines group_bill_lines_tenant_id_period_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_bill_lines
    ADD CONSTRAINT group_bill_lines_tenant_id_period_fkey FOREIGN KEY (tenant_id, period) REFERENCES monay.billing_metrics(tenant_id, period);

--
-- Name: group_bills group_bills_payment_method_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_bills
    ADD CONSTRAINT group_bills_payment_method_fkey FOREIGN KEY (payment_method) REFERENCES monay.stablecoin_payment_config(symbol);

--
-- Name: group_bills group_bills_tenant_id_group_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_bills
    ADD CONSTRAINT group_bills_tenant_id_group_id_fkey FOREIGN KEY (tenant_id, group_id) REFERENCES monay.groups(tenant_id, id);

--
-- Name: group_member_roles group_member_roles_kind_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_member_roles
    ADD CONSTRAINT group_member_roles_kind_fkey FOREIGN KEY (kind) REFERENCES monay.group_kinds(kind);

--
-- Name: group_members group_members_group_kind_role_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_members
    ADD CONSTRAINT group_members_group_kind_role_fkey FOREIGN KEY (group_kind, role) REFERENCES monay.group_member_roles(kind, role);

--
-- Name: group_members group_members_member_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_members
    ADD CONSTRAINT group_members_member_tenant_id_fkey FOREIGN KEY (member_tenant_id) REFERENCES monay.tenants(id);

--
-- Name: group_members group_members_member_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_members
    ADD CONSTRAINT group_members_member_user_id_fkey FOREIGN KEY (member_user_id) REFERENCES monay.users(id);

--
-- Name: group_members group_members_tenant_id_group_id_group_kind_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.group_members
    ADD CONSTRAINT group_members_tenant_id_group_id_group_kind_fkey FOREIGN KEY (tenant_id, group_id, group_kind) REFERENCES monay.groups(tenant_id, id, kind);

--
-- Name: groups groups_kind_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.groups
    ADD CONSTRAINT groups_kind_fkey FOREIGN KEY (kind) REFERENCES monay.group_kinds(kind);

--
-- Name: groups groups_parent_tenant_id_parent_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.groups
    ADD CONSTRAINT groups_parent_tenant_id_parent_id_fkey FOREIGN KEY (parent_tenant_id, parent_id) REFERENCES monay.groups(tenant_id, id);

--
-- Name: groups groups_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.groups
    ADD CONSTRAINT groups_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: invoices invoices_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.invoices
    ADD CONSTRAINT invoices_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: invoices invoices_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.invoices
    ADD CONSTRAINT invoices_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: payment_allocations payment_allocations_tenant_id_payment_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.payment_allocations
    ADD CONSTRAINT payment_allocations_tenant_id_payment_id_fkey FOREIGN KEY (tenant_id, payment_id) REFERENCES monay.payments(tenant_id, id);

--
-- Name: payment_allocations payment_allocations_tenant_id_period_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.payment_allocations
    ADD CONSTRAINT payment_allocations_tenant_id_period_fkey FOREIGN KEY (tenant_id, period) REFERENCES monay.billing_metrics(tenant_id, period);

--
-- Name: payments payments_payment_method_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.payments
    ADD CONSTRAINT payments_payment_method_fkey FOREIGN KEY (payment_method) REFERENCES monay.stablecoin_payment_config(symbol);

--
-- Name: payments payments_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.payments
    ADD CONSTRAINT payments_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: tenant_tier_history tenant_tier_history_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_tier_history
    ADD CONSTRAINT tenant_tier_history_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: tenant_users tenant_users_role_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_users
    ADD CONSTRAINT tenant_users_role_fkey FOREIGN KEY (role) REFERENCES monay.tenant_roles(role);

--
-- Name: tenant_users tenant_users_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_users
    ADD CONSTRAINT tenant_users_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: tenant_users tenant_users_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_users
    ADD CONSTRAINT tenant_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: tenant_vaults tenant_vaults_tenant_id_account_index_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_vaults
    ADD CONSTRAINT tenant_vaults_tenant_id_account_index_fkey FOREIGN KEY (tenant_id, account_index) REFERENCES monay_private.vault_account_allocations(tenant_id, account_index);

--
-- Name: tenant_vaults tenant_vaults_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_vaults
    ADD CONSTRAINT tenant_vaults_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: tenants tenants_billing_tier_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenants
    ADD CONSTRAINT tenants_billing_tier_fkey FOREIGN KEY (billing_tier) REFERENCES monay.billing_tiers(tier);

--
-- Name: tenants tenants_tenant_type_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenants
    ADD CONSTRAINT tenants_tenant_type_fkey FOREIGN KEY (tenant_type) REFERENCES monay.tenant_types(tenant_type);

--
-- Name: transactions transactions_tenant_counterparty_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.transactions
    ADD CONSTRAINT transactions_tenant_counterparty_fkey FOREIGN KEY (counterparty_tenant_id, counterparty_wallet_id) REFERENCES monay.wallets(tenant_id, id);

--
-- Name: transactions transactions_tenant_wallet_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.transactions
    ADD CONSTRAINT transactions_tenant_wallet_fkey FOREIGN KEY (tenant_id, wallet_id) REFERENCES monay.wallets(tenant_id, id);

--
-- Name: treasury_access_grants treasury_access_grants_grantee_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.treasury_access_grants
    ADD CONSTRAINT treasury_access_grants_grantee_tenant_id_fkey FOREIGN KEY (grantee_tenant_id) REFERENCES monay.tenants(id);

--
-- Name: treasury_access_grants treasury_access_grants_grantee_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.treasury_access_grants
    ADD CONSTRAINT treasury_access_grants_grantee_user_id_fkey FOREIGN KEY (grantee_user_id) REFERENCES monay.users(id);

--
-- Name: treasury_access_grants treasury_access_grants_tenant_id_group_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.treasury_access_grants
    ADD CONSTRAINT treasury_access_grants_tenant_id_group_id_fkey FOREIGN KEY (tenant_id, group_id) REFERENCES monay.groups(tenant_id, id);

--
-- Name: treasury_access_grants treasury_access_grants_wallet_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.treasury_access_grants
    ADD CONSTRAINT treasury_access_grants_wallet_fkey FOREIGN KEY (tenant_id, wallet_id) REFERENCES monay.wallets(tenant_id, id);

--
-- Name: users users_user_type_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.users
    ADD CONSTRAINT users_user_type_fkey FOREIGN KEY (user_type) REFERENCES monay.user_types(user_type);

--
-- Name: wallet_addresses wallet_addresses_purpose_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallet_addresses
    ADD CONSTRAINT wallet_addresses_purpose_fkey FOREIGN KEY (purpose) REFERENCES monay.wallet_address_purposes(purpose);

--
-- Name: wallet_addresses wallet_addresses_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallet_addresses
    ADD CONSTRAINT wallet_addresses_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenant_vaults(tenant_id);

--
-- Name: wallets wallets_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallets
    ADD CONSTRAINT wallets_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: wallets wallets_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallets
    ADD CONSTRAINT wallets_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: billing_tenant_state billing_tenant_state_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.billing_tenant_state
    ADD CONSTRAINT billing_tenant_state_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id) ON DELETE CASCADE;

--
-- Name: billing_usage_counters billing_usage_counters_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.billing_usage_counters
    ADD CONSTRAINT billing_usage_counters_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: group_paths group_paths_ancestor_tenant_id_ancestor_id_fkey; Type: FK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.group_paths
    ADD CONSTRAINT group_paths_ancestor_tenant_id_ancestor_id_fkey FOREIGN KEY (ancestor_tenant_id, ancestor_id) REFERENCES monay.groups(tenant_id, id);

--
-- Name: group_paths group_paths_descendant_tenant_id_descendant_id_fkey; Type: FK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.group_paths
    ADD CONSTRAINT group_paths_descendant_tenant_id_descendant_id_fkey FOREIGN KEY (descendant_tenant_id, descendant_id) REFERENCES monay.groups(tenant_id, id);

--
-- Name: tenant_creation_requests tenant_creation_requests_owner_user_id_fkey; Type: FK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.tenant_creation_requests
    ADD CONSTRAINT tenant_creation_requests_owner_user_id_fkey FOREIGN KEY (owner_user_id) REFERENCES monay.users(id);

--
-- Name: tenant_creation_requests tenant_creation_requests_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.tenant_creation_requests
    ADD CONSTRAINT tenant_creation_requests_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: user_tenant_counts user_tenant_counts_user_id_fkey; Type: FK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.user_tenant_counts
    ADD CONSTRAINT user_tenant_counts_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: audit_log; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.audit_log ENABLE ROW LEVEL SECURITY;
--
-- Name: audit_log audit_log_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY audit_log_delete ON monay.audit_log FOR DELETE USING (false);

--
-- Name: audit_log audit_log_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY audit_log_insert ON monay.audit_log FOR INSERT WITH CHECK (true);

--
-- Name: audit_log audit_log_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY audit_log_select ON monay.audit_log FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR ((tenant_id IS NULL) AND ( SELECT monay.is_platform_context() AS is_platform_context))));

--
-- Name: audit_log audit_log_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY audit_log_update ON monay.audit_log FOR UPDATE USING (false);

--
-- Name: billing_adjustments; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_adjustments ENABLE ROW LEVEL SECURITY;
--
-- Name: billing_adjustments billing_adjustments_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_adjustments_delete ON monay.billing_adjustments FOR DELETE USING (false);

--
-- Name: POLICY billing_adjustments_delete ON billing_adjustments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_adjustments_delete ON monay.billing_adjustments IS 'tenant_append_only';

--
-- Name: billing_adjustments billing_adjustments_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_adjustments_insert ON monay.billing_adjustments FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY billing_adjustments_insert ON billing_adjustments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_adjustments_insert ON monay.billing_adjustments IS 'tenant_append_only';

--
-- Name: billing_adjustments billing_adjustments_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_adjustments_select ON monay.billing_adjustments FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY billing_adjustments_select ON billing_adjustments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_adjustments_select ON monay.billing_adjustments IS 'tenant_append_only';

--
-- Name: billing_adjustments billing_adjustments_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_adjustments_update ON monay.billing_adjustments FOR UPDATE USING (false);

--
-- Name: POLICY billing_adjustments_update ON billing_adjustments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_adjustments_update ON monay.billing_adjustments IS 'tenant_append_only';

--
-- Name: billing_metrics; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_metrics ENABLE ROW LEVEL SECURITY;
--
-- Name: billing_metrics billing_metrics_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_metrics_delete ON monay.billing_metrics FOR DELETE USING (false);

--
-- Name: POLICY billing_metrics_delete ON billing_metrics; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_metrics_delete ON monay.billing_metrics IS 'tenant_no_delete';

--
-- Name: billing_metrics billing_metrics_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_metrics_insert ON monay.billing_metrics FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY billing_metrics_insert ON billing_metrics; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_metrics_insert ON monay.billing_metrics IS 'tenant_no_delete';

--
-- Name: billing_metrics billing_metrics_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_metrics_select ON monay.billing_metrics FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY billing_metrics_select ON billing_metrics; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_metrics_select ON monay.billing_metrics IS 'tenant_no_delete';

--
-- Name: billing_metrics billing_metrics_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_metrics_update ON monay.billing_metrics FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY billing_metrics_update ON billing_metrics; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_metrics_update ON monay.billing_metrics IS 'tenant_no_delete';

--
-- Name: billing_operations; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_operations ENABLE ROW LEVEL SECURITY;
--
-- Name: billing_operations billing_operations_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_operations_delete ON monay.billing_operations FOR DELETE USING (false);

--
-- Name: POLICY billing_operations_delete ON billing_operations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_operations_delete ON monay.billing_operations IS 'tenant_append_only';

--
-- Name: billing_operations billing_operations_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_operations_insert ON monay.billing_operations FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY billing_operations_insert ON billing_operations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_operations_insert ON monay.billing_operations IS 'tenant_append_only';

--
-- Name: billing_operations billing_operations_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_operations_select ON monay.billing_operations FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY billing_operations_select ON billing_operations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_operations_select ON monay.billing_operations IS 'tenant_append_only';

--
-- Name: billing_operations billing_operations_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_operations_update ON monay.billing_operations FOR UPDATE USING (false);

--
-- Name: POLICY billing_operations_update ON billing_operations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_operations_update ON monay.billing_operations IS 'tenant_append_only';

--
-- Name: billing_runs; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_runs ENABLE ROW LEVEL SECURITY;
--
-- Name: billing_runs billing_runs_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_runs_delete ON monay.billing_runs FOR DELETE USING (false);

--
-- Name: POLICY billing_runs_delete ON billing_runs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_runs_delete ON monay.billing_runs IS 'platform_no_delete';

--
-- Name: billing_runs billing_runs_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_runs_insert ON monay.billing_runs FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_runs_insert ON billing_runs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_runs_insert ON monay.billing_runs IS 'platform_no_delete';

--
-- Name: billing_runs billing_runs_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_runs_select ON monay.billing_runs FOR SELECT USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_runs_select ON billing_runs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_runs_select ON monay.billing_runs IS 'platform_no_delete';

--
-- Name: billing_runs billing_runs_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_runs_update ON monay.billing_runs FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_runs_update ON billing_runs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_runs_update ON monay.billing_runs IS 'platform_no_delete';

--
-- Name: billing_tier_config; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_tier_config ENABLE ROW LEVEL SECURITY;
--
-- Name: billing_tier_config billing_tier_config_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_tier_config_delete ON monay.billing_tier_config FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_tier_config_delete ON billing_tier_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_tier_config_delete ON monay.billing_tier_config IS 'platform_config';

--
-- Name: billing_tier_config billing_tier_config_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_tier_config_insert ON monay.billing_tier_config FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_tier_config_insert ON billing_tier_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_tier_config_insert ON monay.billing_tier_config IS 'platform_config';

--
-- Name: billing_tier_config billing_tier_config_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_tier_config_select ON monay.billing_tier_config FOR SELECT USING (true);

--
-- Name: POLICY billing_tier_config_select ON billing_tier_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_tier_config_select ON monay.billing_tier_config IS 'platform_config';

--
-- Name: billing_tier_config billing_tier_config_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_tier_config_update ON monay.billing_tier_config FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_tier_config_update ON billing_tier_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_tier_config_update ON monay.billing_tier_config IS 'platform_config';

--
-- Name: billing_tiers; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.billing_tiers ENABLE ROW LEVEL SECURITY;
--
-- Name: billing_tiers billing_tiers_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_tiers_delete ON monay.billing_tiers FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_tiers_delete ON billing_tiers; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_tiers_delete ON monay.billing_tiers IS 'platform_config';

--
-- Name: billing_tiers billing_tiers_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_tiers_insert ON monay.billing_tiers FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_tiers_insert ON billing_tiers; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_tiers_insert ON monay.billing_tiers IS 'platform_config';

--
-- Name: billing_tiers billing_tiers_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_tiers_select ON monay.billing_tiers FOR SELECT USING (true);

--
-- Name: POLICY billing_tiers_select ON billing_tiers; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_tiers_select ON monay.billing_tiers IS 'platform_config';

--
-- Name: billing_tiers billing_tiers_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY billing_tiers_update ON monay.billing_tiers FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY billing_tiers_update ON billing_tiers; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY billing_tiers_update ON monay.billing_tiers IS 'platform_config';

--
-- Name: cards; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.cards ENABLE ROW LEVEL SECURITY;
--
-- Name: cards cards_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY cards_delete ON monay.cards FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: cards cards_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY cards_insert ON monay.cards FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: cards cards_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY cards_select ON monay.cards FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: cards cards_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY cards_update ON monay.cards FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: group_bill_lines; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.group_bill_lines ENABLE ROW LEVEL SECURITY;
--
-- Name: group_bill_lines group_bill_lines_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_bill_lines_delete ON monay.group_bill_lines FOR DELETE USING (false);

--
-- Name: group_bill_lines group_bill_lines_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_bill_lines_insert ON monay.group_bill_lines FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: group_bill_lines group_bill_lines_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_bill_lines_select ON monay.group_bill_lines FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (payer_tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id))));

--
-- Name: group_bill_lines group_bill_lines_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_bill_lines_update ON monay.group_bill_lines FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: group_bills; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.group_bills ENABLE ROW LEVEL SECURITY;
--
-- Name: group_bills group_bills_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_bills_delete ON monay.group_bills FOR DELETE USING (false);

--
-- Name: group_bills group_bills_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_bills_insert ON monay.group_bills FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: group_bills group_bills_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_bills_select ON monay.group_bills FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: group_bills group_bills_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_bills_update ON monay.group_bills FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: group_kinds; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.group_kinds ENABLE ROW LEVEL SECURITY;
--
-- Name: group_kinds group_kinds_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_kinds_select ON monay.group_kinds FOR SELECT USING (true);

--
-- Name: group_member_roles; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.group_member_roles ENABLE ROW LEVEL SECURITY;
--
-- Name: group_member_roles group_member_roles_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_member_roles_select ON monay.group_member_roles FOR SELECT USING (true);

--
-- Name: group_members; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.group_members ENABLE ROW LEVEL SECURITY;
--
-- Name: group_members group_members_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_members_delete ON monay.group_members FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: group_members group_members_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_members_insert ON monay.group_members FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: group_members group_members_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_members_select ON monay.group_members FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (member_user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR (member_tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id)) OR ((tenant_id, group_id) IN ( SELECT s.tenant_id,
    s.group_id
   FROM monay.rls_group_subtree() s(tenant_id, group_id)))));

--
-- Name: group_members group_members_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY group_members_update ON monay.group_members FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: groups; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.groups ENABLE ROW LEVEL SECURITY;
--
-- Name: groups groups_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY groups_delete ON monay.groups FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: groups groups_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY groups_insert ON monay.groups FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: groups groups_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY groups_select ON monay.groups FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR ((tenant_id, id) IN ( SELECT m.tenant_id,
    m.group_id
   FROM monay.group_members m
  WHERE ((m.member_user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR (m.member_tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id))))) OR ((tenant_id, id) IN ( SELECT s.tenant_id,
    s.group_id
   FROM monay.rls_group_subtree() s(tenant_id, group_id)))));

--
-- Name: groups groups_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY groups_update ON monay.groups FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: invoices; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.invoices ENABLE ROW LEVEL SECURITY;
--
-- Name: invoices invoices_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY invoices_delete ON monay.invoices FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: invoices invoices_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY invoices_insert ON monay.invoices FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: invoices invoices_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY invoices_select ON monay.invoices FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: invoices invoices_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY invoices_update ON monay.invoices FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: operation_costs; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.operation_costs ENABLE ROW LEVEL SECURITY;
--
-- Name: operation_costs operation_costs_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY operation_costs_delete ON monay.operation_costs FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY operation_costs_delete ON operation_costs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY operation_costs_delete ON monay.operation_costs IS 'platform_config';

--
-- Name: operation_costs operation_costs_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY operation_costs_insert ON monay.operation_costs FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY operation_costs_insert ON operation_costs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY operation_costs_insert ON monay.operation_costs IS 'platform_config';

--
-- Name: operation_costs operation_costs_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY operation_costs_select ON monay.operation_costs FOR SELECT USING (true);

--
-- Name: POLICY operation_costs_select ON operation_costs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY operation_costs_select ON monay.operation_costs IS 'platform_config';

--
-- Name: operation_costs operation_costs_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY operation_costs_update ON monay.operation_costs FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY operation_costs_update ON operation_costs; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY operation_costs_update ON monay.operation_costs IS 'platform_config';

--
-- Name: payment_allocations; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.payment_allocations ENABLE ROW LEVEL SECURITY;
--
-- Name: payment_allocations payment_allocations_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY payment_allocations_delete ON monay.payment_allocations FOR DELETE USING (false);

--
-- Name: POLICY payment_allocations_delete ON payment_allocations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY payment_allocations_delete ON monay.payment_allocations IS 'tenant_append_only';

--
-- Name: payment_allocations payment_allocations_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY payment_allocations_insert ON monay.payment_allocations FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY payment_allocations_insert ON payment_allocations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY payment_allocations_insert ON monay.payment_allocations IS 'tenant_append_only';

--
-- Name: payment_allocations payment_allocations_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY payment_allocations_select ON monay.payment_allocations FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY payment_allocations_select ON payment_allocations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY payment_allocations_select ON monay.payment_allocations IS 'tenant_append_only';

--
-- Name: payment_allocations payment_allocations_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY payment_allocations_update ON monay.payment_allocations FOR UPDATE USING (false);

--
-- Name: POLICY payment_allocations_update ON payment_allocations; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY payment_allocations_update ON monay.payment_allocations IS 'tenant_append_only';

--
-- Name: payments; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.payments ENABLE ROW LEVEL SECURITY;
--
-- Name: payments payments_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY payments_delete ON monay.payments FOR DELETE USING (false);

--
-- Name: POLICY payments_delete ON payments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY payments_delete ON monay.payments IS 'tenant_append_only';

--
-- Name: payments payments_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY payments_insert ON monay.payments FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY payments_insert ON payments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY payments_insert ON monay.payments IS 'tenant_append_only';

--
-- Name: payments payments_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY payments_select ON monay.payments FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY payments_select ON payments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY payments_select ON monay.payments IS 'tenant_append_only';

--
-- Name: payments payments_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY payments_update ON monay.payments FOR UPDATE USING (false);

--
-- Name: POLICY payments_update ON payments; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY payments_update ON monay.payments IS 'tenant_append_only';

--
-- Name: settings; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.settings ENABLE ROW LEVEL SECURITY;
--
-- Name: settings settings_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY settings_delete ON monay.settings FOR DELETE USING (false);

--
-- Name: settings settings_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY settings_insert ON monay.settings FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: settings settings_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY settings_select ON monay.settings FOR SELECT USING (true);

--
-- Name: settings settings_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY settings_update ON monay.settings FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: stablecoin_payment_config; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.stablecoin_payment_config ENABLE ROW LEVEL SECURITY;
--
-- Name: stablecoin_payment_config stablecoin_payment_config_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY stablecoin_payment_config_delete ON monay.stablecoin_payment_config FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY stablecoin_payment_config_delete ON stablecoin_payment_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY stablecoin_payment_config_delete ON monay.stablecoin_payment_config IS 'platform_config';

--
-- Name: stablecoin_payment_config stablecoin_payment_config_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY stablecoin_payment_config_insert ON monay.stablecoin_payment_config FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY stablecoin_payment_config_insert ON stablecoin_payment_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY stablecoin_payment_config_insert ON monay.stablecoin_payment_config IS 'platform_config';

--
-- Name: stablecoin_payment_config stablecoin_payment_config_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY stablecoin_payment_config_select ON monay.stablecoin_payment_config FOR SELECT USING (true);

--
-- Name: POLICY stablecoin_payment_config_select ON stablecoin_payment_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY stablecoin_payment_config_select ON monay.stablecoin_payment_config IS 'platform_config';

--
-- Name: stablecoin_payment_config stablecoin_payment_config_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY stablecoin_payment_config_update ON monay.stablecoin_payment_config FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY stablecoin_payment_config_update ON stablecoin_payment_config; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY stablecoin_payment_config_update ON monay.stablecoin_payment_config IS 'platform_config';

--
-- Name: tenant_roles; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenant_roles ENABLE ROW LEVEL SECURITY;
--
-- Name: tenant_roles tenant_roles_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_roles_delete ON monay.tenant_roles FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY tenant_roles_delete ON tenant_roles; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_roles_delete ON monay.tenant_roles IS 'platform_config';

--
-- Name: tenant_roles tenant_roles_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_roles_insert ON monay.tenant_roles FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY tenant_roles_insert ON tenant_roles; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_roles_insert ON monay.tenant_roles IS 'platform_config';

--
-- Name: tenant_roles tenant_roles_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_roles_select ON monay.tenant_roles FOR SELECT USING (true);

--
-- Name: POLICY tenant_roles_select ON tenant_roles; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_roles_select ON monay.tenant_roles IS 'platform_config';

--
-- Name: tenant_roles tenant_roles_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_roles_update ON monay.tenant_roles FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY tenant_roles_update ON tenant_roles; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_roles_update ON monay.tenant_roles IS 'platform_config';

--
-- Name: tenant_tier_history; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenant_tier_history ENABLE ROW LEVEL SECURITY;
--
-- Name: tenant_tier_history tenant_tier_history_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_tier_history_delete ON monay.tenant_tier_history FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenant_tier_history_delete ON tenant_tier_history; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_tier_history_delete ON monay.tenant_tier_history IS 'tenant_read_write';

--
-- Name: tenant_tier_history tenant_tier_history_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_tier_history_insert ON monay.tenant_tier_history FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenant_tier_history_insert ON tenant_tier_history; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_tier_history_insert ON monay.tenant_tier_history IS 'tenant_read_write';

--
-- Name: tenant_tier_history tenant_tier_history_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_tier_history_select ON monay.tenant_tier_history FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenant_tier_history_select ON tenant_tier_history; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_tier_history_select ON monay.tenant_tier_history IS 'tenant_read_write';

--
-- Name: tenant_tier_history tenant_tier_history_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_tier_history_update ON monay.tenant_tier_history FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenant_tier_history_update ON tenant_tier_history; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_tier_history_update ON monay.tenant_tier_history IS 'tenant_read_write';

--
-- Name: tenant_types; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenant_types ENABLE ROW LEVEL SECURITY;
--
-- Name: tenant_types tenant_types_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_types_delete ON monay.tenant_types FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY tenant_types_delete ON tenant_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_types_delete ON monay.tenant_types IS 'platform_config';

--
-- Name: tenant_types tenant_types_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_types_insert ON monay.tenant_types FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY tenant_types_insert ON tenant_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_types_insert ON monay.tenant_types IS 'platform_config';

--
-- Name: tenant_types tenant_types_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_types_select ON monay.tenant_types FOR SELECT USING (true);

--
-- Name: POLICY tenant_types_select ON tenant_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_types_select ON monay.tenant_types IS 'platform_config';

--
-- Name: tenant_types tenant_types_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_types_update ON monay.tenant_types FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY tenant_types_update ON tenant_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_types_update ON monay.tenant_types IS 'platform_config';

--
-- Name: tenant_users; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenant_users ENABLE ROW LEVEL SECURITY;
--
-- Name: tenant_users tenant_users_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_users_delete ON monay.tenant_users FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenant_users_delete ON tenant_users; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_users_delete ON monay.tenant_users IS 'tenant_read_write';

--
-- Name: tenant_users tenant_users_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_users_insert ON monay.tenant_users FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenant_users_insert ON tenant_users; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_users_insert ON monay.tenant_users IS 'tenant_read_write';

--
-- Name: tenant_users tenant_users_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_users_select ON monay.tenant_users FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR ((( SELECT monay.current_tenant_id() AS current_tenant_id) IS NULL) AND (user_id = ( SELECT monay.current_user_id() AS current_user_id)))));

--
-- Name: POLICY tenant_users_select ON tenant_users; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_users_select ON monay.tenant_users IS 'tenant_read_write (select widened)';

--
-- Name: tenant_users tenant_users_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_users_update ON monay.tenant_users FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenant_users_update ON tenant_users; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenant_users_update ON monay.tenant_users IS 'tenant_read_write';

--
-- Name: tenant_vaults; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenant_vaults ENABLE ROW LEVEL SECURITY;
--
-- Name: tenant_vaults tenant_vaults_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_vaults_delete ON monay.tenant_vaults FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_vaults tenant_vaults_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_vaults_insert ON monay.tenant_vaults FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_vaults tenant_vaults_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_vaults_select ON monay.tenant_vaults FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_vaults tenant_vaults_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_vaults_update ON monay.tenant_vaults FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenants; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenants ENABLE ROW LEVEL SECURITY;
--
-- Name: tenants tenants_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenants_delete ON monay.tenants FOR DELETE USING (((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenants_delete ON tenants; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenants_delete ON monay.tenants IS 'tenant_read_write';

--
-- Name: tenants tenants_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenants_insert ON monay.tenants FOR INSERT WITH CHECK (((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenants_insert ON tenants; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenants_insert ON monay.tenants IS 'tenant_read_write';

--
-- Name: tenants tenants_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenants_select ON monay.tenants FOR SELECT USING ((((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR ((( SELECT monay.current_tenant_id() AS current_tenant_id) IS NULL) AND (id IN ( SELECT tu.tenant_id
   FROM monay.tenant_users tu
  WHERE ((tu.user_id = ( SELECT monay.current_user_id() AS current_user_id)) AND (tu.status = 'active'::text)))))));

--
-- Name: POLICY tenants_select ON tenants; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenants_select ON monay.tenants IS 'tenant_read_write (select widened)';

--
-- Name: tenants tenants_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenants_update ON monay.tenants FOR UPDATE USING (((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY tenants_update ON tenants; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY tenants_update ON monay.tenants IS 'tenant_read_write';

--
-- Name: transactions; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.transactions ENABLE ROW LEVEL SECURITY;
--
-- Name: transactions transactions_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY transactions_delete ON monay.transactions FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY transactions_delete ON transactions; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY transactions_delete ON monay.transactions IS 'tenant_read_write';

--
-- Name: transactions transactions_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY transactions_insert ON monay.transactions FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY transactions_insert ON transactions; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY transactions_insert ON monay.transactions IS 'tenant_read_write';

--
-- Name: transactions transactions_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY transactions_select ON monay.transactions FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (EXISTS ( SELECT 1
   FROM monay.treasury_access_grants g
  WHERE ((g.tenant_id = transactions.tenant_id) AND (g.wallet_id = transactions.wallet_id) AND (g.revoked_at IS NULL) AND (g.expires_at > now()) AND ((g.grantee_user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR (g.grantee_tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id))))))));

--
-- Name: POLICY transactions_select ON transactions; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY transactions_select ON monay.transactions IS 'tenant_read_write (select widened)';

--
-- Name: transactions transactions_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY transactions_update ON monay.transactions FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY transactions_update ON transactions; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY transactions_update ON monay.transactions IS 'tenant_read_write';

--
-- Name: treasury_access_grants; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.treasury_access_grants ENABLE ROW LEVEL SECURITY;
--
-- Name: treasury_access_grants treasury_access_grants_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY treasury_access_grants_delete ON monay.treasury_access_grants FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: treasury_access_grants treasury_access_grants_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY treasury_access_grants_insert ON monay.treasury_access_grants FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: treasury_access_grants treasury_access_grants_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY treasury_access_grants_select ON monay.treasury_access_grants FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (grantee_user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR (grantee_tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id))));

--
-- Name: treasury_access_grants treasury_access_grants_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY treasury_access_grants_update ON monay.treasury_access_grants FOR UPDATE USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (grantee_user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR (grantee_tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id)))) WITH CHECK ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (grantee_user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR (grantee_tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id))));

--
-- Name: user_types; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.user_types ENABLE ROW LEVEL SECURITY;
--
-- Name: user_types user_types_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY user_types_delete ON monay.user_types FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY user_types_delete ON user_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY user_types_delete ON monay.user_types IS 'platform_config';

--
-- Name: user_types user_types_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY user_types_insert ON monay.user_types FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY user_types_insert ON user_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY user_types_insert ON monay.user_types IS 'platform_config';

--
-- Name: user_types user_types_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY user_types_select ON monay.user_types FOR SELECT USING (true);

--
-- Name: POLICY user_types_select ON user_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY user_types_select ON monay.user_types IS 'platform_config';

--
-- Name: user_types user_types_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY user_types_update ON monay.user_types FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: POLICY user_types_update ON user_types; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY user_types_update ON monay.user_types IS 'platform_config';

--
-- Name: users; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.users ENABLE ROW LEVEL SECURITY;
--
-- Name: users users_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY users_delete ON monay.users FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: users users_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY users_insert ON monay.users FOR INSERT WITH CHECK (true);

--
-- Name: users users_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY users_select ON monay.users FOR SELECT USING (((id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context) OR (id IN ( SELECT tu.user_id
   FROM monay.tenant_users tu
  WHERE ((tu.tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id)) AND (tu.status = 'active'::text))))));

--
-- Name: users users_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY users_update ON monay.users FOR UPDATE USING (((id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context))) WITH CHECK (((id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: wallet_address_purposes; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.wallet_address_purposes ENABLE ROW LEVEL SECURITY;
--
-- Name: wallet_address_purposes wallet_address_purposes_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallet_address_purposes_delete ON monay.wallet_address_purposes FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: wallet_address_purposes wallet_address_purposes_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallet_address_purposes_insert ON monay.wallet_address_purposes FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: wallet_address_purposes wallet_address_purposes_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallet_address_purposes_select ON monay.wallet_address_purposes FOR SELECT USING (true);

--
-- Name: wallet_address_purposes wallet_address_purposes_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallet_address_purposes_update ON monay.wallet_address_purposes FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context)) WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: wallet_addresses; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.wallet_addresses ENABLE ROW LEVEL SECURITY;
--
-- Name: wallet_addresses wallet_addresses_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallet_addresses_delete ON monay.wallet_addresses FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: wallet_addresses wallet_addresses_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallet_addresses_insert ON monay.wallet_addresses FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: wallet_addresses wallet_addresses_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallet_addresses_select ON monay.wallet_addresses FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: wallet_addresses wallet_addresses_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallet_addresses_update ON monay.wallet_addresses FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: wallets; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.wallets ENABLE ROW LEVEL SECURITY;
--
-- Name: wallets wallets_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallets_delete ON monay.wallets FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY wallets_delete ON wallets; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY wallets_delete ON monay.wallets IS 'tenant_read_write';

--
-- Name: wallets wallets_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallets_insert ON monay.wallets FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY wallets_insert ON wallets; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY wallets_insert ON monay.wallets IS 'tenant_read_write';

--
-- Name: wallets wallets_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallets_select ON monay.wallets FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (EXISTS ( SELECT 1
   FROM monay.treasury_access_grants g
  WHERE ((g.tenant_id = wallets.tenant_id) AND (g.wallet_id = wallets.id) AND (g.revoked_at IS NULL) AND (g.expires_at > now()) AND ((g.grantee_user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR (g.grantee_tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id))))))));

--
-- Name: POLICY wallets_select ON wallets; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY wallets_select ON monay.wallets IS 'tenant_read_write (select widened)';

--
-- Name: wallets wallets_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallets_update ON monay.wallets FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: POLICY wallets_update ON wallets; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON POLICY wallets_update ON monay.wallets IS 'tenant_read_write';

--
-- Name: transactions_pre_tenancy transactions_delete; Type: POLICY; Schema: monay_private; Owner: monay_owner
--

CREATE POLICY transactions_delete ON monay_private.transactions_pre_tenancy FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: transactions_pre_tenancy transactions_insert; Type: POLICY; Schema: monay_private; Owner: monay_owner
--

CREATE POLICY transactions_insert ON monay_private.transactions_pre_tenancy FOR INSERT WITH CHECK ((wallet_id IN ( SELECT w.id
   FROM monay.wallets w)));

--
-- Name: transactions_pre_tenancy transactions_select; Type: POLICY; Schema: monay_private; Owner: monay_owner
--

CREATE POLICY transactions_select ON monay_private.transactions_pre_tenancy FOR SELECT USING ((wallet_id IN ( SELECT w.id
   FROM monay.wallets w)));

--
-- Name: transactions_pre_tenancy transactions_update; Type: POLICY; Schema: monay_private; Owner: monay_owner
--

CREATE POLICY transactions_update ON monay_private.transactions_pre_tenancy FOR UPDATE USING ((wallet_id IN ( SELECT w.id
   FROM monay.wallets w)));

--
-- Name: SCHEMA monay; Type: ACL; Schema: -; Owner: monay_owner
--

GRANT USAGE ON SCHEMA monay TO monay_app;
GRANT USAGE ON SCHEMA monay TO monay_platform;
GRANT USAGE ON SCHEMA monay TO monay_readonly;

--
-- Name: SCHEMA monay_monitor; Type: ACL; Schema: -; Owner: monay_owner
--

GRANT USAGE ON SCHEMA monay_monitor TO monay_monitor;
GRANT USAGE ON SCHEMA monay_monitor TO monay_platform;

--
-- Name: SCHEMA monay_private; Type: ACL; Schema: -; Owner: monay_owner
--

GRANT USAGE ON SCHEMA monay_private TO monay_audit;

--
-- Name: TABLE tenant_users; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenant_users TO monay_app;
GRANT SELECT ON TABLE monay.tenant_users TO monay_platform;
GRANT SELECT ON TABLE monay.tenant_users TO monay_readonly;

--
-- Name: FUNCTION accept_tenant_invitation(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.accept_tenant_invitation(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.accept_tenant_invitation(p_tenant_id uuid) TO monay_app;

--
-- Name: TABLE group_members; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.group_members TO monay_app;
GRANT SELECT ON TABLE monay.group_members TO monay_platform;
GRANT SELECT ON TABLE monay.group_members TO monay_readonly;

--
-- Name: FUNCTION add_group_member(p_group_id uuid, p_member_id uuid, p_role text, p_allowance_cents bigint); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.add_group_member(p_group_id uuid, p_member_id uuid, p_role text, p_allowance_cents bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.add_group_member(p_group_id uuid, p_member_id uuid, p_role text, p_allowance_cents bigint) TO monay_app;
GRANT ALL ON FUNCTION monay.add_group_member(p_group_id uuid, p_member_id uuid, p_role text, p_allowance_cents bigint) TO monay_platform;

--
-- Name: FUNCTION add_tenant_member(p_tenant_id uuid, p_user_id uuid, p_role text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.add_tenant_member(p_tenant_id uuid, p_user_id uuid, p_role text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.add_tenant_member(p_tenant_id uuid, p_user_id uuid, p_role text) TO monay_app;
GRANT ALL ON FUNCTION monay.add_tenant_member(p_tenant_id uuid, p_user_id uuid, p_role text) TO monay_platform;

--
-- Name: FUNCTION adjust_bill(p_tenant_id uuid, p_period date, p_amount_cents bigint, p_reason text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.adjust_bill(p_tenant_id uuid, p_period date, p_amount_cents bigint, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.adjust_bill(p_tenant_id uuid, p_period date, p_amount_cents bigint, p_reason text) TO monay_platform;

--
-- Name: FUNCTION aggregate_group_billing(p_group_id uuid, p_period date); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.aggregate_group_billing(p_group_id uuid, p_period date) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.aggregate_group_billing(p_group_id uuid, p_period date) TO monay_app;
GRANT ALL ON FUNCTION monay.aggregate_group_billing(p_group_id uuid, p_period date) TO monay_platform;

--
-- Name: FUNCTION apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric) TO monay_app;
GRANT ALL ON FUNCTION monay.apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric) TO monay_platform;
GRANT ALL ON FUNCTION monay.apply_margin_markup(p_cost_cents bigint, p_margin_percent numeric) TO monay_readonly;

--
-- Name: FUNCTION authenticate(p_token text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.authenticate(p_token text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.authenticate(p_token text) TO monay_app;
GRANT ALL ON FUNCTION monay.authenticate(p_token text) TO monay_readonly;

--
-- Name: FUNCTION billing_run_batch(p_run_id bigint, p_after uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.billing_run_batch(p_run_id bigint, p_after uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.billing_run_batch(p_run_id bigint, p_after uuid) TO monay_platform;

--
-- Name: FUNCTION billing_run_finish(p_run_id bigint); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.billing_run_finish(p_run_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.billing_run_finish(p_run_id bigint) TO monay_platform;

--
-- Name: PROCEDURE billing_run_part(IN p_period date, IN p_part integer, IN p_parts integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON PROCEDURE monay.billing_run_part(IN p_period date, IN p_part integer, IN p_parts integer) FROM PUBLIC;
GRANT ALL ON PROCEDURE monay.billing_run_part(IN p_period date, IN p_part integer, IN p_parts integer) TO monay_platform;

--
-- Name: FUNCTION billing_run_retry(p_run_id bigint, p_tenants uuid[]); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.billing_run_retry(p_run_id bigint, p_tenants uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.billing_run_retry(p_run_id bigint, p_tenants uuid[]) TO monay_platform;

--
-- Name: FUNCTION billing_run_start(p_period date, p_part integer, p_parts integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.billing_run_start(p_period date, p_part integer, p_parts integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.billing_run_start(p_period date, p_part integer, p_parts integer) TO monay_platform;

--
-- Name: FUNCTION calculate_group_limits(p_group_id uuid, p_period date); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.calculate_group_limits(p_group_id uuid, p_period date) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.calculate_group_limits(p_group_id uuid, p_period date) TO monay_app;
GRANT ALL ON FUNCTION monay.calculate_group_limits(p_group_id uuid, p_period date) TO monay_platform;

--
-- Name: FUNCTION calculate_tenant_billing(p_tenant_id uuid, p_period date); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.calculate_tenant_billing(p_tenant_id uuid, p_period date) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.calculate_tenant_billing(p_tenant_id uuid, p_period date) TO monay_app;
GRANT ALL ON FUNCTION monay.calculate_tenant_billing(p_tenant_id uuid, p_period date) TO monay_platform;
GRANT ALL ON FUNCTION monay.calculate_tenant_billing(p_tenant_id uuid, p_period date) TO monay_readonly;

--
-- Name: FUNCTION calculate_tenant_usage(p_tenant_id uuid, p_period date); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.calculate_tenant_usage(p_tenant_id uuid, p_period date) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.calculate_tenant_usage(p_tenant_id uuid, p_period date) TO monay_app;
GRANT ALL ON FUNCTION monay.calculate_tenant_usage(p_tenant_id uuid, p_period date) TO monay_platform;
GRANT ALL ON FUNCTION monay.calculate_tenant_usage(p_tenant_id uuid, p_period date) TO monay_readonly;

--
-- Name: FUNCTION calculate_transaction_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.calculate_transaction_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.calculate_transaction_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer) TO monay_app;
GRANT ALL ON FUNCTION monay.calculate_transaction_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer) TO monay_platform;

--
-- Name: FUNCTION generate_tenant_code(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.generate_tenant_code() FROM PUBLIC;

--
-- Name: FUNCTION tenant_code_is_valid(p_code text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.tenant_code_is_valid(p_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.tenant_code_is_valid(p_code text) TO monay_app;
GRANT ALL ON FUNCTION monay.tenant_code_is_valid(p_code text) TO monay_platform;
GRANT ALL ON FUNCTION monay.tenant_code_is_valid(p_code text) TO monay_readonly;

--
-- Name: TABLE tenants; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenants TO monay_app;
GRANT SELECT ON TABLE monay.tenants TO monay_platform;
GRANT SELECT ON TABLE monay.tenants TO monay_readonly;

--
-- Name: FUNCTION cleanup_tenant_data(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.cleanup_tenant_data(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.cleanup_tenant_data(p_tenant_id uuid) TO monay_platform;

--
-- Name: FUNCTION close_tenant(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.close_tenant(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.close_tenant(p_tenant_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.close_tenant(p_tenant_id uuid) TO monay_platform;

--
-- Name: FUNCTION consolidate_group_bills(p_period date); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.consolidate_group_bills(p_period date) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.consolidate_group_bills(p_period date) TO monay_platform;

--
-- Name: FUNCTION context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text) TO monay_app;
GRANT ALL ON FUNCTION monay.context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text) TO monay_platform;
GRANT ALL ON FUNCTION monay.context_cache_digest(p_tenant_id text, p_user_id text, p_platform text, p_signature text) TO monay_readonly;

--
-- Name: FUNCTION context_is_verified(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.context_is_verified() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.context_is_verified() TO monay_app;
GRANT ALL ON FUNCTION monay.context_is_verified() TO monay_platform;
GRANT ALL ON FUNCTION monay.context_is_verified() TO monay_readonly;

--
-- Name: FUNCTION context_signature_is_valid(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.context_signature_is_valid() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.context_signature_is_valid() TO monay_app;
GRANT ALL ON FUNCTION monay.context_signature_is_valid() TO monay_platform;
GRANT ALL ON FUNCTION monay.context_signature_is_valid() TO monay_readonly;

--
-- Name: TABLE groups; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.groups TO monay_app;
GRANT SELECT ON TABLE monay.groups TO monay_platform;
GRANT SELECT ON TABLE monay.groups TO monay_readonly;

--
-- Name: FUNCTION create_holding_company(p_name text, p_config jsonb, p_tenant_id uuid, p_parent_group_id uuid, p_idempotency_key text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.create_holding_company(p_name text, p_config jsonb, p_tenant_id uuid, p_parent_group_id uuid, p_idempotency_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.create_holding_company(p_name text, p_config jsonb, p_tenant_id uuid, p_parent_group_id uuid, p_idempotency_key text) TO monay_app;
GRANT ALL ON FUNCTION monay.create_holding_company(p_name text, p_config jsonb, p_tenant_id uuid, p_parent_group_id uuid, p_idempotency_key text) TO monay_platform;

--
-- Name: FUNCTION create_household_group(p_name text, p_config jsonb, p_tenant_id uuid, p_head_user_id uuid, p_idempotency_key text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.create_household_group(p_name text, p_config jsonb, p_tenant_id uuid, p_head_user_id uuid, p_idempotency_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.create_household_group(p_name text, p_config jsonb, p_tenant_id uuid, p_head_user_id uuid, p_idempotency_key text) TO monay_app;
GRANT ALL ON FUNCTION monay.create_household_group(p_name text, p_config jsonb, p_tenant_id uuid, p_head_user_id uuid, p_idempotency_key text) TO monay_platform;

--
-- Name: FUNCTION create_tenant(p_name text, p_tenant_type text, p_billing_tier text, p_owner_user_id uuid, p_gross_margin_percent numeric, p_idempotency_key text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.create_tenant(p_name text, p_tenant_type text, p_billing_tier text, p_owner_user_id uuid, p_gross_margin_percent numeric, p_idempotency_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.create_tenant(p_name text, p_tenant_type text, p_billing_tier text, p_owner_user_id uuid, p_gross_margin_percent numeric, p_idempotency_key text) TO monay_app;
GRANT ALL ON FUNCTION monay.create_tenant(p_name text, p_tenant_type text, p_billing_tier text, p_owner_user_id uuid, p_gross_margin_percent numeric, p_idempotency_key text) TO monay_platform;

--
-- Name: TABLE users; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.users TO monay_app;
GRANT SELECT ON TABLE monay.users TO monay_platform;
GRANT SELECT ON TABLE monay.users TO monay_readonly;

--
-- Name: FUNCTION create_user(p_email text, p_display_name text, p_user_type text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.create_user(p_email text, p_display_name text, p_user_type text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.create_user(p_email text, p_display_name text, p_user_type text) TO monay_app;
GRANT ALL ON FUNCTION monay.create_user(p_email text, p_display_name text, p_user_type text) TO monay_platform;

--
-- Name: TABLE wallets; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.wallets TO monay_app;
GRANT SELECT ON TABLE monay.wallets TO monay_platform;
GRANT SELECT ON TABLE monay.wallets TO monay_readonly;

--
-- Name: FUNCTION create_wallet(p_currency text, p_idempotency_key text, p_owner_user_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.create_wallet(p_currency text, p_idempotency_key text, p_owner_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.create_wallet(p_currency text, p_idempotency_key text, p_owner_user_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.create_wallet(p_currency text, p_idempotency_key text, p_owner_user_id uuid) TO monay_platform;

--
-- Name: FUNCTION current_tenant(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.current_tenant() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.current_tenant() TO monay_app;
GRANT ALL ON FUNCTION monay.current_tenant() TO monay_platform;
GRANT ALL ON FUNCTION monay.current_tenant() TO monay_readonly;

--
-- Name: FUNCTION current_tenant_id(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.current_tenant_id() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.current_tenant_id() TO monay_app;
GRANT ALL ON FUNCTION monay.current_tenant_id() TO monay_platform;
GRANT ALL ON FUNCTION monay.current_tenant_id() TO monay_readonly;

--
-- Name: FUNCTION current_user_id(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.current_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.current_user_id() TO monay_app;
GRANT ALL ON FUNCTION monay.current_user_id() TO monay_platform;
GRANT ALL ON FUNCTION monay.current_user_id() TO monay_readonly;

--
-- Name: FUNCTION disable_user(p_user_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.disable_user(p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.disable_user(p_user_id uuid) TO monay_platform;

--
-- Name: FUNCTION enable_user(p_user_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.enable_user(p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.enable_user(p_user_id uuid) TO monay_platform;

--
-- Name: FUNCTION enforce_tenant_limits(p_tenant_id uuid, p_operation_type text, p_quantity integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.enforce_tenant_limits(p_tenant_id uuid, p_operation_type text, p_quantity integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.enforce_tenant_limits(p_tenant_id uuid, p_operation_type text, p_quantity integer) TO monay_app;
GRANT ALL ON FUNCTION monay.enforce_tenant_limits(p_tenant_id uuid, p_operation_type text, p_quantity integer) TO monay_platform;

--
-- Name: FUNCTION error_codes(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.error_codes() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.error_codes() TO monay_app;
GRANT ALL ON FUNCTION monay.error_codes() TO monay_platform;
GRANT ALL ON FUNCTION monay.error_codes() TO monay_readonly;

--
-- Name: FUNCTION finalize_tenant_billing(p_tenant_id uuid, p_period date); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.finalize_tenant_billing(p_tenant_id uuid, p_period date) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.finalize_tenant_billing(p_tenant_id uuid, p_period date) TO monay_platform;

--
-- Name: FUNCTION generate_invoice_data(p_tenant_id uuid, p_period date); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.generate_invoice_data(p_tenant_id uuid, p_period date) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.generate_invoice_data(p_tenant_id uuid, p_period date) TO monay_app;
GRANT ALL ON FUNCTION monay.generate_invoice_data(p_tenant_id uuid, p_period date) TO monay_platform;
GRANT ALL ON FUNCTION monay.generate_invoice_data(p_tenant_id uuid, p_period date) TO monay_readonly;

--
-- Name: FUNCTION get_billing_history(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.get_billing_history(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.get_billing_history(p_tenant_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.get_billing_history(p_tenant_id uuid) TO monay_platform;
GRANT ALL ON FUNCTION monay.get_billing_history(p_tenant_id uuid) TO monay_readonly;

--
-- Name: FUNCTION get_group_hierarchy(p_group_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.get_group_hierarchy(p_group_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.get_group_hierarchy(p_group_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.get_group_hierarchy(p_group_id uuid) TO monay_platform;
GRANT ALL ON FUNCTION monay.get_group_hierarchy(p_group_id uuid) TO monay_readonly;

--
-- Name: FUNCTION get_setting(p_key text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.get_setting(p_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.get_setting(p_key text) TO monay_app;
GRANT ALL ON FUNCTION monay.get_setting(p_key text) TO monay_platform;
GRANT ALL ON FUNCTION monay.get_setting(p_key text) TO monay_readonly;

--
-- Name: FUNCTION get_tenant(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.get_tenant(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.get_tenant(p_tenant_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.get_tenant(p_tenant_id uuid) TO monay_platform;
GRANT ALL ON FUNCTION monay.get_tenant(p_tenant_id uuid) TO monay_readonly;

--
-- Name: TABLE wallet_addresses; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.wallet_addresses TO monay_app;
GRANT SELECT ON TABLE monay.wallet_addresses TO monay_platform;
GRANT SELECT ON TABLE monay.wallet_addresses TO monay_readonly;

--
-- Name: FUNCTION get_wallet_addresses(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.get_wallet_addresses(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.get_wallet_addresses(p_tenant_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.get_wallet_addresses(p_tenant_id uuid) TO monay_platform;
GRANT ALL ON FUNCTION monay.get_wallet_addresses(p_tenant_id uuid) TO monay_readonly;

--
-- Name: FUNCTION get_wallet_path(p_tenant_id uuid, p_index integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.get_wallet_path(p_tenant_id uuid, p_index integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.get_wallet_path(p_tenant_id uuid, p_index integer) TO monay_app;
GRANT ALL ON FUNCTION monay.get_wallet_path(p_tenant_id uuid, p_index integer) TO monay_platform;

--
-- Name: FUNCTION is_platform_context(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.is_platform_context() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.is_platform_context() TO monay_app;
GRANT ALL ON FUNCTION monay.is_platform_context() TO monay_platform;
GRANT ALL ON FUNCTION monay.is_platform_context() TO monay_readonly;

--
-- Name: FUNCTION list_transactions(p_wallet_id uuid, p_before_created_at timestamp with time zone, p_before_id uuid, p_limit integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.list_transactions(p_wallet_id uuid, p_before_created_at timestamp with time zone, p_before_id uuid, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.list_transactions(p_wallet_id uuid, p_before_created_at timestamp with time zone, p_before_id uuid, p_limit integer) TO monay_app;
GRANT ALL ON FUNCTION monay.list_transactions(p_wallet_id uuid, p_before_created_at timestamp with time zone, p_before_id uuid, p_limit integer) TO monay_platform;
GRANT ALL ON FUNCTION monay.list_transactions(p_wallet_id uuid, p_before_created_at timestamp with time zone, p_before_id uuid, p_limit integer) TO monay_readonly;

--
-- Name: FUNCTION list_user_tenants(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.list_user_tenants() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.list_user_tenants() TO monay_app;
GRANT ALL ON FUNCTION monay.list_user_tenants() TO monay_readonly;

--
-- Name: FUNCTION list_wallets(p_after_id uuid, p_limit integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.list_wallets(p_after_id uuid, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.list_wallets(p_after_id uuid, p_limit integer) TO monay_app;
GRANT ALL ON FUNCTION monay.list_wallets(p_after_id uuid, p_limit integer) TO monay_platform;
GRANT ALL ON FUNCTION monay.list_wallets(p_after_id uuid, p_limit integer) TO monay_readonly;

--
-- Name: FUNCTION move_group(p_group_id uuid, p_new_parent_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.move_group(p_group_id uuid, p_new_parent_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.move_group(p_group_id uuid, p_new_parent_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.move_group(p_group_id uuid, p_new_parent_id uuid) TO monay_platform;

--
-- Name: FUNCTION next_wallet_paths(p_tenant_id uuid, p_count integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.next_wallet_paths(p_tenant_id uuid, p_count integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.next_wallet_paths(p_tenant_id uuid, p_count integer) TO monay_app;
GRANT ALL ON FUNCTION monay.next_wallet_paths(p_tenant_id uuid, p_count integer) TO monay_platform;

--
-- Name: FUNCTION process_group_payment(p_group_id uuid, p_period date, p_payment_method text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.process_group_payment(p_group_id uuid, p_period date, p_payment_method text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.process_group_payment(p_group_id uuid, p_period date, p_payment_method text) TO monay_app;
GRANT ALL ON FUNCTION monay.process_group_payment(p_group_id uuid, p_period date, p_payment_method text) TO monay_platform;

--
-- Name: PROCEDURE process_monthly_billing(IN p_period date); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON PROCEDURE monay.process_monthly_billing(IN p_period date) FROM PUBLIC;
GRANT ALL ON PROCEDURE monay.process_monthly_billing(IN p_period date) TO monay_platform;

--
-- Name: FUNCTION process_payment(p_tenant_id uuid, p_amount_cents bigint, p_payment_method text, p_idempotency_key text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.process_payment(p_tenant_id uuid, p_amount_cents bigint, p_payment_method text, p_idempotency_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.process_payment(p_tenant_id uuid, p_amount_cents bigint, p_payment_method text, p_idempotency_key text) TO monay_app;
GRANT ALL ON FUNCTION monay.process_payment(p_tenant_id uuid, p_amount_cents bigint, p_payment_method text, p_idempotency_key text) TO monay_platform;

--
-- Name: FUNCTION process_payment_waterfall(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.process_payment_waterfall(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.process_payment_waterfall(p_tenant_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.process_payment_waterfall(p_tenant_id uuid) TO monay_platform;

--
-- Name: FUNCTION purge_billing_idempotency_keys(p_limit integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.purge_billing_idempotency_keys(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.purge_billing_idempotency_keys(p_limit integer) TO monay_platform;

--
-- Name: FUNCTION purge_closed_tenants(p_limit integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.purge_closed_tenants(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.purge_closed_tenants(p_limit integer) TO monay_platform;

--
-- Name: FUNCTION purge_retired_jwt_secrets(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.purge_retired_jwt_secrets() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.purge_retired_jwt_secrets() TO monay_platform;

--
-- Name: FUNCTION reactivate_tenant(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.reactivate_tenant(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.reactivate_tenant(p_tenant_id uuid) TO monay_platform;

--
-- Name: FUNCTION register_wallet_address(p_tenant_id uuid, p_path text, p_address text, p_purpose text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.register_wallet_address(p_tenant_id uuid, p_path text, p_address text, p_purpose text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.register_wallet_address(p_tenant_id uuid, p_path text, p_address text, p_purpose text) TO monay_app;
GRANT ALL ON FUNCTION monay.register_wallet_address(p_tenant_id uuid, p_path text, p_address text, p_purpose text) TO monay_platform;

--
-- Name: FUNCTION remove_group_member(p_group_id uuid, p_member_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.remove_group_member(p_group_id uuid, p_member_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.remove_group_member(p_group_id uuid, p_member_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.remove_group_member(p_group_id uuid, p_member_id uuid) TO monay_platform;

--
-- Name: FUNCTION remove_tenant_member(p_tenant_id uuid, p_user_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.remove_tenant_member(p_tenant_id uuid, p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.remove_tenant_member(p_tenant_id uuid, p_user_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.remove_tenant_member(p_tenant_id uuid, p_user_id uuid) TO monay_platform;

--
-- Name: TABLE treasury_access_grants; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.treasury_access_grants TO monay_app;
GRANT SELECT ON TABLE monay.treasury_access_grants TO monay_platform;
GRANT SELECT ON TABLE monay.treasury_access_grants TO monay_readonly;

--
-- Name: FUNCTION revoke_treasury_access(p_grant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.revoke_treasury_access(p_grant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.revoke_treasury_access(p_grant_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.revoke_treasury_access(p_grant_id uuid) TO monay_platform;

--
-- Name: FUNCTION rls_group_subtree(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.rls_group_subtree() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.rls_group_subtree() TO monay_app;
GRANT ALL ON FUNCTION monay.rls_group_subtree() TO monay_platform;
GRANT ALL ON FUNCTION monay.rls_group_subtree() TO monay_readonly;

--
-- Name: FUNCTION rls_tenant_high(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.rls_tenant_high() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.rls_tenant_high() TO monay_app;
GRANT ALL ON FUNCTION monay.rls_tenant_high() TO monay_platform;
GRANT ALL ON FUNCTION monay.rls_tenant_high() TO monay_readonly;

--
-- Name: FUNCTION rls_tenant_low(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.rls_tenant_low() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.rls_tenant_low() TO monay_app;
GRANT ALL ON FUNCTION monay.rls_tenant_low() TO monay_platform;
GRANT ALL ON FUNCTION monay.rls_tenant_low() TO monay_readonly;

--
-- Name: FUNCTION rotate_jwt_secret(p_secret text, p_previous_valid_until timestamp with time zone); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.rotate_jwt_secret(p_secret text, p_previous_valid_until timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.rotate_jwt_secret(p_secret text, p_previous_valid_until timestamp with time zone) TO monay_platform;

--
-- Name: TABLE tenant_vaults; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenant_vaults TO monay_app;
GRANT SELECT ON TABLE monay.tenant_vaults TO monay_platform;
GRANT SELECT ON TABLE monay.tenant_vaults TO monay_readonly;

--
-- Name: FUNCTION rotate_tenant_keys(p_tenant_id uuid, p_from_version integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.rotate_tenant_keys(p_tenant_id uuid, p_from_version integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.rotate_tenant_keys(p_tenant_id uuid, p_from_version integer) TO monay_app;
GRANT ALL ON FUNCTION monay.rotate_tenant_keys(p_tenant_id uuid, p_from_version integer) TO monay_platform;

--
-- Name: FUNCTION set_jwt_secret(p_secret text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.set_jwt_secret(p_secret text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.set_jwt_secret(p_secret text) TO monay_platform;

--
-- Name: FUNCTION set_platform_context(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.set_platform_context() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.set_platform_context() TO monay_platform;

--
-- Name: TABLE settings; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.settings TO monay_app;
GRANT SELECT ON TABLE monay.settings TO monay_platform;
GRANT SELECT ON TABLE monay.settings TO monay_readonly;

--
-- Name: FUNCTION set_setting(p_key text, p_value jsonb); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.set_setting(p_key text, p_value jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.set_setting(p_key text, p_value jsonb) TO monay_platform;

--
-- Name: FUNCTION set_tenant_context(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.set_tenant_context(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.set_tenant_context(p_tenant_id uuid) TO monay_platform;

--
-- Name: FUNCTION share_treasury_access(p_group_id uuid, p_wallet_id uuid, p_grantee_id uuid, p_access text, p_spend_limit_cents bigint, p_expires_at timestamp with time zone, p_idempotency_key text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.share_treasury_access(p_group_id uuid, p_wallet_id uuid, p_grantee_id uuid, p_access text, p_spend_limit_cents bigint, p_expires_at timestamp with time zone, p_idempotency_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.share_treasury_access(p_group_id uuid, p_wallet_id uuid, p_grantee_id uuid, p_access text, p_spend_limit_cents bigint, p_expires_at timestamp with time zone, p_idempotency_key text) TO monay_app;
GRANT ALL ON FUNCTION monay.share_treasury_access(p_group_id uuid, p_wallet_id uuid, p_grantee_id uuid, p_access text, p_spend_limit_cents bigint, p_expires_at timestamp with time zone, p_idempotency_key text) TO monay_platform;

--
-- Name: FUNCTION spend_from_treasury(p_grant_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.spend_from_treasury(p_grant_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.spend_from_treasury(p_grant_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) TO monay_app;
GRANT ALL ON FUNCTION monay.spend_from_treasury(p_grant_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) TO monay_platform;

--
-- Name: FUNCTION suspend_tenant(p_tenant_id uuid, p_reason text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.suspend_tenant(p_tenant_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.suspend_tenant(p_tenant_id uuid, p_reason text) TO monay_platform;

--
-- Name: FUNCTION switch_tenant(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.switch_tenant(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.switch_tenant(p_tenant_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.switch_tenant(p_tenant_id uuid) TO monay_readonly;

--
-- Name: FUNCTION tenant_code_check_char(p_digits text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.tenant_code_check_char(p_digits text) FROM PUBLIC;

--
-- Name: FUNCTION tenants_due_for_rotation(p_limit integer); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.tenants_due_for_rotation(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.tenants_due_for_rotation(p_limit integer) TO monay_platform;

--
-- Name: FUNCTION track_operation(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_idempotency_key text, p_occurred_at timestamp with time zone); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.track_operation(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_idempotency_key text, p_occurred_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.track_operation(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_idempotency_key text, p_occurred_at timestamp with time zone) TO monay_app;
GRANT ALL ON FUNCTION monay.track_operation(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_idempotency_key text, p_occurred_at timestamp with time zone) TO monay_platform;

--
-- Name: FUNCTION track_operations(p_tenant_id uuid, p_operations jsonb); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.track_operations(p_tenant_id uuid, p_operations jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.track_operations(p_tenant_id uuid, p_operations jsonb) TO monay_app;
GRANT ALL ON FUNCTION monay.track_operations(p_tenant_id uuid, p_operations jsonb) TO monay_platform;

--
-- Name: FUNCTION transfer(p_from_wallet_id uuid, p_to_wallet_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.transfer(p_from_wallet_id uuid, p_to_wallet_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.transfer(p_from_wallet_id uuid, p_to_wallet_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) TO monay_app;
GRANT ALL ON FUNCTION monay.transfer(p_from_wallet_id uuid, p_to_wallet_id uuid, p_amount_cents bigint, p_idempotency_key text, p_description text) TO monay_platform;

--
-- Name: FUNCTION update_own_profile(p_display_name text, p_email text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.update_own_profile(p_display_name text, p_email text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.update_own_profile(p_display_name text, p_email text) TO monay_app;

--
-- Name: FUNCTION update_tenant_profile(p_tenant_id uuid, p_name text, p_tenant_type text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.update_tenant_profile(p_tenant_id uuid, p_name text, p_tenant_type text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.update_tenant_profile(p_tenant_id uuid, p_name text, p_tenant_type text) TO monay_app;
GRANT ALL ON FUNCTION monay.update_tenant_profile(p_tenant_id uuid, p_name text, p_tenant_type text) TO monay_platform;

--
-- Name: FUNCTION upgrade_tenant_tier(p_tenant_id uuid, p_new_tier text, p_gross_margin_percent numeric); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.upgrade_tenant_tier(p_tenant_id uuid, p_new_tier text, p_gross_margin_percent numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.upgrade_tenant_tier(p_tenant_id uuid, p_new_tier text, p_gross_margin_percent numeric) TO monay_platform;

--
-- Name: FUNCTION audit_link_check(); Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_monitor.audit_link_check() FROM PUBLIC;
GRANT ALL ON FUNCTION monay_monitor.audit_link_check() TO monay_monitor;
GRANT ALL ON FUNCTION monay_monitor.audit_link_check() TO monay_platform;

--
-- Name: FUNCTION billing_run_state(); Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_monitor.billing_run_state() FROM PUBLIC;
GRANT ALL ON FUNCTION monay_monitor.billing_run_state() TO monay_monitor;
GRANT ALL ON FUNCTION monay_monitor.billing_run_state() TO monay_platform;

--
-- Name: FUNCTION function_call_stats(); Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_monitor.function_call_stats() FROM PUBLIC;
GRANT ALL ON FUNCTION monay_monitor.function_call_stats() TO monay_monitor;
GRANT ALL ON FUNCTION monay_monitor.function_call_stats() TO monay_platform;

--
-- Name: FUNCTION last_month_bills(); Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_monitor.last_month_bills() FROM PUBLIC;
GRANT ALL ON FUNCTION monay_monitor.last_month_bills() TO monay_monitor;
GRANT ALL ON FUNCTION monay_monitor.last_month_bills() TO monay_platform;

--
-- Name: FUNCTION refusals_last_hour(); Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_monitor.refusals_last_hour() FROM PUBLIC;
GRANT ALL ON FUNCTION monay_monitor.refusals_last_hour() TO monay_monitor;
GRANT ALL ON FUNCTION monay_monitor.refusals_last_hour() TO monay_platform;

--
-- Name: FUNCTION allowed_values(p_table regclass, p_column name, p_order name); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.allowed_values(p_table regclass, p_column name, p_order name) FROM PUBLIC;

--
-- Name: FUNCTION apply_rls(p_table regclass, p_pattern text, p_column name, p_select_also text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.apply_rls(p_table regclass, p_pattern text, p_column name, p_select_also text) FROM PUBLIC;

--
-- Name: FUNCTION audit_link_failure(p_conn text, p_message text, p_detail text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.audit_link_failure(p_conn text, p_message text, p_detail text) FROM PUBLIC;

--
-- Name: FUNCTION audit_log_append_only(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.audit_log_append_only() FROM PUBLIC;

--
-- Name: FUNCTION audit_row_change(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.audit_row_change() FROM PUBLIC;

--
-- Name: FUNCTION authenticate_refuse(p_sqlstate text, p_message text, p_token text, p_header jsonb, p_claims jsonb, p_tenant_id uuid, p_user_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.authenticate_refuse(p_sqlstate text, p_message text, p_token text, p_header jsonb, p_claims jsonb, p_tenant_id uuid, p_user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION base64url_decode(p_text text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.base64url_decode(p_text text) FROM PUBLIC;

--
-- Name: FUNCTION base64url_encode(p_data bytea); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.base64url_encode(p_data bytea) FROM PUBLIC;

--
-- Name: FUNCTION billing_account(p_tenant_id uuid, p_period date, p_transactions bigint, p_units bigint, p_operations bigint, p_cost bigint, p_late boolean, p_take_token boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_account(p_tenant_id uuid, p_period date, p_transactions bigint, p_units bigint, p_operations bigint, p_cost bigint, p_late boolean, p_take_token boolean) FROM PUBLIC;

--
-- Name: FUNCTION billing_bill_json(p_tenant_id uuid, p_period date, p_tier text, p_status text, p_payment_method text, p_days_in_period bigint, p_transactions_included bigint, p_transactions_used bigint, p_units_included bigint, p_units_used bigint, p_late_transactions bigint, p_late_units bigint, p_base_fee_cents bigint, p_overage_transactions_cents bigint, p_overage_units_cents bigint, p_total_before_discount_cents bigint, p_usdxm_discount_cents bigint, p_cost_cents bigint, p_gross_margin_percent numeric, p_target_margin_percent numeric, p_lines monay.billing_bill_line[], p_with_margin boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_bill_json(p_tenant_id uuid, p_period date, p_tier text, p_status text, p_payment_method text, p_days_in_period bigint, p_transactions_included bigint, p_transactions_used bigint, p_units_included bigint, p_units_used bigint, p_late_transactions bigint, p_late_units bigint, p_base_fee_cents bigint, p_overage_transactions_cents bigint, p_overage_units_cents bigint, p_total_before_discount_cents bigint, p_usdxm_discount_cents bigint, p_cost_cents bigint, p_gross_margin_percent numeric, p_target_margin_percent numeric, p_lines monay.billing_bill_line[], p_with_margin boolean) FROM PUBLIC;

--
-- Name: FUNCTION billing_compute(p_tenant_id uuid, p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_compute(p_tenant_id uuid, p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint) FROM PUBLIC;

--
-- Name: FUNCTION billing_finalize_tenant(p_tenant_id uuid, p_period date, p_run_id bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_finalize_tenant(p_tenant_id uuid, p_period date, p_run_id bigint) FROM PUBLIC;

--
-- Name: FUNCTION billing_margin_enabled(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_margin_enabled() FROM PUBLIC;

--
-- Name: FUNCTION billing_margin_floor_check(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_margin_floor_check() FROM PUBLIC;

--
-- Name: FUNCTION billing_margin_violation(p_tier text, p_period date); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_margin_violation(p_tier text, p_period date) FROM PUBLIC;

--
-- Name: FUNCTION billing_metrics_guard(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_metrics_guard() FROM PUBLIC;

--
-- Name: TABLE operation_costs; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.operation_costs TO monay_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE monay.operation_costs TO monay_platform;
GRANT SELECT ON TABLE monay.operation_costs TO monay_readonly;

--
-- Name: FUNCTION billing_operation_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_caller text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_operation_cost(p_tenant_id uuid, p_operation_type text, p_quantity integer, p_caller text) FROM PUBLIC;

--
-- Name: FUNCTION billing_operations_fill(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_operations_fill() FROM PUBLIC;

--
-- Name: FUNCTION billing_payment_discount(p_tenant_id uuid, p_amount bigint, p_percent bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_payment_discount(p_tenant_id uuid, p_amount bigint, p_percent bigint) FROM PUBLIC;

--
-- Name: FUNCTION billing_period_bucket(p_tenant_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_period_bucket(p_tenant_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION billing_period_bucket_key(p_bucket integer, p_period date); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_period_bucket_key(p_bucket integer, p_period date) FROM PUBLIC;

--
-- Name: FUNCTION billing_period_for(p_tenant_id uuid, p_occurred_at timestamp with time zone, OUT period date, OUT late boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_period_for(p_tenant_id uuid, p_occurred_at timestamp with time zone, OUT period date, OUT late boolean) FROM PUBLIC;

--
-- Name: FUNCTION billing_period_lock_key(p_tenant_id uuid, p_period date); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_period_lock_key(p_tenant_id uuid, p_period date) FROM PUBLIC;

--
-- Name: FUNCTION billing_period_start(p_period date, p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_period_start(p_period date, p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION billing_price(p_tenants uuid[], p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_price(p_tenants uuid[], p_period date, p_extra_tier text, p_extra_transactions bigint, p_extra_units bigint, p_extra_cost bigint) FROM PUBLIC;

--
-- Name: FUNCTION billing_refuse_over_allowance(p_tenant_id uuid, p_tier text, p_period date, p_what text, p_limit bigint, p_used bigint, p_requested bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_refuse_over_allowance(p_tenant_id uuid, p_tier text, p_period date, p_what text, p_limit bigint, p_used bigint, p_requested bigint) FROM PUBLIC;

--
-- Name: FUNCTION billing_refuse_rate(p_tenant_id uuid, p_tier text, p_rate bigint, p_burst bigint, p_slots bigint, p_retry_us bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_refuse_rate(p_tenant_id uuid, p_tier text, p_rate bigint, p_burst bigint, p_slots bigint, p_retry_us bigint) FROM PUBLIC;

--
-- Name: FUNCTION billing_run_batch_limit(p_setting integer, p_parts integer, p_lock_slots bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_run_batch_limit(p_setting integer, p_parts integer, p_lock_slots bigint) FROM PUBLIC;

--
-- Name: FUNCTION billing_run_tenant(p_run_id bigint, p_tenant_id uuid, p_period date, p_lock_timeout text, p_record_busy boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_run_tenant(p_run_id bigint, p_tenant_id uuid, p_period date, p_lock_timeout text, p_record_busy boolean) FROM PUBLIC;

--
-- Name: FUNCTION billing_store_bills(p_tenants uuid[], p_period date, p_run_id bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_store_bills(p_tenants uuid[], p_period date, p_run_id bigint) FROM PUBLIC;

--
-- Name: FUNCTION billing_stored_bill(p_tenant_id uuid, p_period date); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_stored_bill(p_tenant_id uuid, p_period date) FROM PUBLIC;

--
-- Name: FUNCTION billing_tenant_state_created_at(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_tenant_state_created_at() FROM PUBLIC;

--
-- Name: FUNCTION billing_tenant_state_sync(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_tenant_state_sync() FROM PUBLIC;

--
-- Name: FUNCTION billing_tier_config_guard(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_tier_config_guard() FROM PUBLIC;

--
-- Name: TABLE billing_tier_config; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.billing_tier_config TO monay_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE monay.billing_tier_config TO monay_platform;
GRANT SELECT ON TABLE monay.billing_tier_config TO monay_readonly;

--
-- Name: FUNCTION billing_tier_version(p_tier text, p_period date); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_tier_version(p_tier text, p_period date) FROM PUBLIC;

--
-- Name: FUNCTION billing_tiers_keep_tenants(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_tiers_keep_tenants() FROM PUBLIC;

--
-- Name: FUNCTION billing_waterfall(p_tenant_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.billing_waterfall(p_tenant_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION check_audit_link(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.check_audit_link() FROM PUBLIC;

--
-- Name: FUNCTION check_user_profile(p_email text, p_display_name text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.check_user_profile(p_email text, p_display_name text) FROM PUBLIC;

--
-- Name: FUNCTION close_tenant_now(p_tenant_id uuid, p_reason text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.close_tenant_now(p_tenant_id uuid, p_reason text) FROM PUBLIC;

--
-- Name: FUNCTION commit_elsewhere(p_sql text, p_what text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.commit_elsewhere(p_sql text, p_what text) FROM PUBLIC;

--
-- Name: FUNCTION configure_audit_link(p_dsn text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.configure_audit_link(p_dsn text) FROM PUBLIC;

--
-- Name: FUNCTION context_signature(p_tenant_id text, p_user_id text, p_platform text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.context_signature(p_tenant_id text, p_user_id text, p_platform text) FROM PUBLIC;

--
-- Name: FUNCTION count_user_tenants(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.count_user_tenants() FROM PUBLIC;

--
-- Name: FUNCTION create_default_groups(p_limit integer); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.create_default_groups(p_limit integer) FROM PUBLIC;

--
-- Name: FUNCTION database_identity(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.database_identity() FROM PUBLIC;
GRANT ALL ON FUNCTION monay_private.database_identity() TO monay_audit;

--
-- Name: FUNCTION dblink_connect_u(text, text); Type: ACL; Schema: monay_private; Owner: postgres
--

GRANT ALL ON FUNCTION monay_private.dblink_connect_u(text, text) TO monay_owner;

--
-- Name: FUNCTION error_code_raisers(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.error_code_raisers() FROM PUBLIC;

--
-- Name: FUNCTION group_billed_members(p_group_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_billed_members(p_group_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION group_billing_consolidate(p_period date); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_billing_consolidate(p_period date) FROM PUBLIC;

--
-- Name: FUNCTION group_check_parent(p_kind text, p_owner_tenant uuid, p_parent monay.groups, p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_check_parent(p_kind text, p_owner_tenant uuid, p_parent monay.groups, p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION group_check_placement(p_group_id uuid, p_parent_id uuid, p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_check_placement(p_group_id uuid, p_parent_id uuid, p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION group_context_switch(p_tenant_id uuid, p_user_id uuid, p_platform boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_context_switch(p_tenant_id uuid, p_user_id uuid, p_platform boolean) FROM PUBLIC;

--
-- Name: FUNCTION group_create(p_kind text, p_tenant_id uuid, p_name text, p_config jsonb, p_parent_id uuid, p_idempotency_key text, p_member_user_id uuid, p_member_tenant_id uuid, p_role text, p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_create(p_kind text, p_tenant_id uuid, p_name text, p_config jsonb, p_parent_id uuid, p_idempotency_key text, p_member_user_id uuid, p_member_tenant_id uuid, p_role text, p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION group_find(p_group_id uuid, p_operation text, p_lock boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_find(p_group_id uuid, p_operation text, p_lock boolean) FROM PUBLIC;

--
-- Name: FUNCTION group_lock_trees(p_group_ids uuid[]); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_lock_trees(p_group_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION group_member_call(p_member_tenant_id uuid, p_what text, p_period date); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_member_call(p_member_tenant_id uuid, p_what text, p_period date) FROM PUBLIC;

--
-- Name: FUNCTION group_members_validate(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_members_validate() FROM PUBLIC;

--
-- Name: FUNCTION group_personal_tenant(p_user_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_personal_tenant(p_user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION group_require_manager(p_group monay.groups, p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_require_manager(p_group monay.groups, p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION group_tenant_status(p_tenant_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_tenant_status(p_tenant_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION group_validate_config(p_kind text, p_config jsonb); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.group_validate_config(p_kind text, p_config jsonb) FROM PUBLIC;

--
-- Name: FUNCTION groups_default_groups_batch(p_limit integer); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.groups_default_groups_batch(p_limit integer) FROM PUBLIC;

--
-- Name: FUNCTION idempotency_claim(p_scope text, p_owner_id uuid, p_key text, p_fingerprint text, p_sqlstate text, p_ref_id bigint, p_ref_at timestamp with time zone, p_ref_uuid uuid, OUT claimed boolean, OUT prior_ref_id bigint, OUT prior_ref_at timestamp with time zone, OUT prior_ref_uuid uuid, OUT prior_response jsonb); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.idempotency_claim(p_scope text, p_owner_id uuid, p_key text, p_fingerprint text, p_sqlstate text, p_ref_id bigint, p_ref_at timestamp with time zone, p_ref_uuid uuid, OUT claimed boolean, OUT prior_ref_id bigint, OUT prior_ref_at timestamp with time zone, OUT prior_ref_uuid uuid, OUT prior_response jsonb) FROM PUBLIC;

--
-- Name: FUNCTION idempotency_claim_batch(p_scope text, p_owner_id uuid, p_keys text[], p_fingerprints text[], p_ref_ids bigint[], p_ref_ats timestamp with time zone[], p_sqlstate text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.idempotency_claim_batch(p_scope text, p_owner_id uuid, p_keys text[], p_fingerprints text[], p_ref_ids bigint[], p_ref_ats timestamp with time zone[], p_sqlstate text) FROM PUBLIC;

--
-- Name: FUNCTION jwt_secret_bytes(p_operation text, p_secret text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.jwt_secret_bytes(p_operation text, p_secret text) FROM PUBLIC;

--
-- Name: FUNCTION legacy_backfill_batch(p_table text, p_limit integer); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_backfill_batch(p_table text, p_limit integer) FROM PUBLIC;

--
-- Name: FUNCTION legacy_fill_tenant(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_fill_tenant() FROM PUBLIC;

--
-- Name: FUNCTION legacy_invalid_index_statements(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_invalid_index_statements() FROM PUBLIC;

--
-- Name: FUNCTION legacy_mirror_id(p_transaction_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_mirror_id(p_transaction_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION legacy_move_transactions_batch(p_limit integer); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_move_transactions_batch(p_limit integer) FROM PUBLIC;

--
-- Name: FUNCTION legacy_personal_tenant(p_user_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_personal_tenant(p_user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION legacy_personal_tenants_batch(p_limit integer); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_personal_tenants_batch(p_limit integer) FROM PUBLIC;

--
-- Name: FUNCTION legacy_pre_tenancy_key_statements(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_pre_tenancy_key_statements() FROM PUBLIC;

--
-- Name: FUNCTION legacy_progress(p_direction text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_progress(p_direction text) FROM PUBLIC;

--
-- Name: FUNCTION legacy_run_inline(p_direction text, p_batches boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_run_inline(p_direction text, p_batches boolean) FROM PUBLIC;

--
-- Name: FUNCTION legacy_seed_transactions(p_from bigint, p_to bigint, p_users integer, p_seed integer); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_seed_transactions(p_from bigint, p_to bigint, p_users integer, p_seed integer) FROM PUBLIC;

--
-- Name: FUNCTION legacy_seed_users(p_users integer, p_seed integer); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_seed_users(p_users integer, p_seed integer) FROM PUBLIC;

--
-- Name: FUNCTION legacy_step_advance(p_direction text, p_name text, p_cursor text, p_rows bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_step_advance(p_direction text, p_name text, p_cursor text, p_rows bigint) FROM PUBLIC;

--
-- Name: FUNCTION legacy_step_cursor(p_direction text, p_name text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_step_cursor(p_direction text, p_name text) FROM PUBLIC;

--
-- Name: FUNCTION legacy_step_finish(p_direction text, p_name text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_step_finish(p_direction text, p_name text) FROM PUBLIC;

--
-- Name: FUNCTION legacy_swap(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_swap() FROM PUBLIC;

--
-- Name: FUNCTION legacy_sync_transaction(p_old jsonb, p_new jsonb); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_sync_transaction(p_old jsonb, p_new jsonb) FROM PUBLIC;

--
-- Name: FUNCTION legacy_tenant_policies(p_table text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_tenant_policies(p_table text) FROM PUBLIC;

--
-- Name: FUNCTION legacy_transactions_fkey_statements(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_transactions_fkey_statements() FROM PUBLIC;

--
-- Name: FUNCTION legacy_transactions_index_statements(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_transactions_index_statements() FROM PUBLIC;

--
-- Name: FUNCTION legacy_transactions_sync(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_transactions_sync() FROM PUBLIC;

--
-- Name: FUNCTION legacy_transactions_sync_back(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_transactions_sync_back() FROM PUBLIC;

--
-- Name: FUNCTION legacy_unswap(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_unswap() FROM PUBLIC;

--
-- Name: FUNCTION legacy_verify(p_baseline jsonb); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_verify(p_baseline jsonb) FROM PUBLIC;

--
-- Name: FUNCTION legacy_verify_snapshot(p_cutoff timestamp with time zone); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_verify_snapshot(p_cutoff timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION legacy_wallet_tenant(p_wallet_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.legacy_wallet_tenant(p_wallet_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION lock_tenant(p_tenant_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.lock_tenant(p_tenant_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION record_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.record_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) FROM PUBLIC;

--
-- Name: FUNCTION record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) FROM PUBLIC;

--
-- Name: FUNCTION record_tier_change(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.record_tier_change() FROM PUBLIC;

--
-- Name: FUNCTION refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) FROM PUBLIC;

--
-- Name: FUNCTION require_not_null(p_value anyelement, p_name text, p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.require_not_null(p_value anyelement, p_name text, p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION require_platform(p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.require_platform(p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION require_tenant_access(p_tenant_id uuid, p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.require_tenant_access(p_tenant_id uuid, p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION require_tenant_context(p_operation text, OUT tenant_id uuid, OUT user_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.require_tenant_context(p_operation text, OUT tenant_id uuid, OUT user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION require_tenant_found(p_tenant_id uuid, p_found boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.require_tenant_found(p_tenant_id uuid, p_found boolean) FROM PUBLIC;

--
-- Name: FUNCTION require_tenant_manager(p_tenant_id uuid, p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.require_tenant_manager(p_tenant_id uuid, p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION require_tenant_status(p_tenant_id uuid, p_status text, p_errcode text, p_refusal text, p_refused text[]); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.require_tenant_status(p_tenant_id uuid, p_status text, p_errcode text, p_refusal text, p_refused text[]) FROM PUBLIC;

--
-- Name: FUNCTION set_context(p_tenant_id uuid, p_user_id uuid, p_platform boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.set_context(p_tenant_id uuid, p_user_id uuid, p_platform boolean) FROM PUBLIC;

--
-- Name: FUNCTION set_user_status(p_operation text, p_user_id uuid, p_status text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.set_user_status(p_operation text, p_user_id uuid, p_status text) FROM PUBLIC;

--
-- Name: FUNCTION tenants_fill_defaults(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.tenants_fill_defaults() FROM PUBLIC;

--
-- Name: FUNCTION tenants_margin_within_tier(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.tenants_margin_within_tier() FROM PUBLIC;

--
-- Name: FUNCTION tenants_never_deleted(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.tenants_never_deleted() FROM PUBLIC;

--
-- Name: FUNCTION tier_margin_range(p_tier text, OUT floor_pct numeric, OUT ceiling_pct numeric); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.tier_margin_range(p_tier text, OUT floor_pct numeric, OUT ceiling_pct numeric) FROM PUBLIC;

--
-- Name: FUNCTION treasury_grant_allows(p_wallet_tenant uuid, p_wallet_id uuid, p_access text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.treasury_grant_allows(p_wallet_tenant uuid, p_wallet_id uuid, p_access text) FROM PUBLIC;

--
-- Name: FUNCTION treasury_grant_spend(p_grant_id uuid, p_amount_cents bigint); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.treasury_grant_spend(p_grant_id uuid, p_amount_cents bigint) FROM PUBLIC;

--
-- Name: FUNCTION user_status(p_user_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.user_status(p_user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION vault_allocations_append_only(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.vault_allocations_append_only() FROM PUBLIC;

--
-- Name: FUNCTION vault_base58_decode(p_text text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.vault_base58_decode(p_text text) FROM PUBLIC;

--
-- Name: FUNCTION vault_of(p_tenant_id uuid, p_operation text, p_lock text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.vault_of(p_tenant_id uuid, p_operation text, p_lock text) FROM PUBLIC;

--
-- Name: FUNCTION vault_open(p_tenant_id uuid); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.vault_open(p_tenant_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION vault_open_for_tenant(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.vault_open_for_tenant() FROM PUBLIC;

--
-- Name: FUNCTION vault_parse_path(p_path text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.vault_parse_path(p_path text) FROM PUBLIC;

--
-- Name: FUNCTION vault_require_enabled(p_operation text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.vault_require_enabled(p_operation text) FROM PUBLIC;

--
-- Name: FUNCTION verified_context(OUT tenant_id uuid, OUT user_id uuid, OUT platform boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.verified_context(OUT tenant_id uuid, OUT user_id uuid, OUT platform boolean) FROM PUBLIC;

--
-- Name: FUNCTION write_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.write_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay_private.write_billing_failure(p_source text, p_run_id bigint, p_tenant_id uuid, p_period date, p_sqlstate text, p_message text) TO monay_audit;

--
-- Name: FUNCTION write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) FROM PUBLIC;
GRANT ALL ON FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) TO monay_audit;

--
-- Name: FUNCTION apply_cluster(p_parent_schema text, p_parent_tablename text, p_child_schema text, p_child_tablename text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.apply_cluster(p_parent_schema text, p_parent_tablename text, p_child_schema text, p_child_tablename text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.apply_cluster(p_parent_schema text, p_parent_tablename text, p_child_schema text, p_child_tablename text) TO monay_owner;

--
-- Name: FUNCTION apply_constraints(p_parent_table text, p_child_table text, p_analyze boolean, p_job_id bigint); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.apply_constraints(p_parent_table text, p_child_table text, p_analyze boolean, p_job_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.apply_constraints(p_parent_table text, p_child_table text, p_analyze boolean, p_job_id bigint) TO monay_owner;

--
-- Name: FUNCTION apply_foreign_keys(p_parent_table text, p_child_table text, p_job_id bigint, p_debug boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.apply_foreign_keys(p_parent_table text, p_child_table text, p_job_id bigint, p_debug boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.apply_foreign_keys(p_parent_table text, p_child_table text, p_job_id bigint, p_debug boolean) TO monay_owner;

--
-- Name: FUNCTION apply_privileges(p_parent_schema text, p_parent_tablename text, p_child_schema text, p_child_tablename text, p_job_id bigint); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.apply_privileges(p_parent_schema text, p_parent_tablename text, p_child_schema text, p_child_tablename text, p_job_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.apply_privileges(p_parent_schema text, p_parent_tablename text, p_child_schema text, p_child_tablename text, p_job_id bigint) TO monay_owner;

--
-- Name: FUNCTION apply_publications(p_parent_table text, p_child_schema text, p_child_tablename text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.apply_publications(p_parent_table text, p_child_schema text, p_child_tablename text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.apply_publications(p_parent_table text, p_child_schema text, p_child_tablename text) TO monay_owner;

--
-- Name: FUNCTION autovacuum_off(p_parent_schema text, p_parent_tablename text, p_source_schema text, p_source_tablename text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.autovacuum_off(p_parent_schema text, p_parent_tablename text, p_source_schema text, p_source_tablename text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.autovacuum_off(p_parent_schema text, p_parent_tablename text, p_source_schema text, p_source_tablename text) TO monay_owner;

--
-- Name: FUNCTION autovacuum_reset(p_parent_schema text, p_parent_tablename text, p_source_schema text, p_source_tablename text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.autovacuum_reset(p_parent_schema text, p_parent_tablename text, p_source_schema text, p_source_tablename text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.autovacuum_reset(p_parent_schema text, p_parent_tablename text, p_source_schema text, p_source_tablename text) TO monay_owner;

--
-- Name: FUNCTION check_automatic_maintenance_value(p_automatic_maintenance text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.check_automatic_maintenance_value(p_automatic_maintenance text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.check_automatic_maintenance_value(p_automatic_maintenance text) TO monay_owner;

--
-- Name: FUNCTION check_control_type(p_parent_schema text, p_parent_tablename text, p_control text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.check_control_type(p_parent_schema text, p_parent_tablename text, p_control text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.check_control_type(p_parent_schema text, p_parent_tablename text, p_control text) TO monay_owner;

--
-- Name: FUNCTION check_default(p_exact_count boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.check_default(p_exact_count boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.check_default(p_exact_count boolean) TO monay_owner;

--
-- Name: FUNCTION check_epoch_type(p_type text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.check_epoch_type(p_type text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.check_epoch_type(p_type text) TO monay_owner;

--
-- Name: FUNCTION check_name_length(p_object_name text, p_suffix text, p_table_partition boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.check_name_length(p_object_name text, p_suffix text, p_table_partition boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.check_name_length(p_object_name text, p_suffix text, p_table_partition boolean) TO monay_owner;

--
-- Name: FUNCTION check_partition_type(p_type text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.check_partition_type(p_type text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.check_partition_type(p_type text) TO monay_owner;

--
-- Name: FUNCTION check_subpart_sameconfig(p_parent_table text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.check_subpart_sameconfig(p_parent_table text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.check_subpart_sameconfig(p_parent_table text) TO monay_owner;

--
-- Name: FUNCTION check_subpartition_limits(p_parent_table text, p_type text, OUT sub_min text, OUT sub_max text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.check_subpartition_limits(p_parent_table text, p_type text, OUT sub_min text, OUT sub_max text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.check_subpartition_limits(p_parent_table text, p_type text, OUT sub_min text, OUT sub_max text) TO monay_owner;

--
-- Name: FUNCTION create_function_id(p_parent_table text, p_job_id bigint); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.create_function_id(p_parent_table text, p_job_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.create_function_id(p_parent_table text, p_job_id bigint) TO monay_owner;

--
-- Name: FUNCTION create_function_time(p_parent_table text, p_job_id bigint); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.create_function_time(p_parent_table text, p_job_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.create_function_time(p_parent_table text, p_job_id bigint) TO monay_owner;

--
-- Name: FUNCTION create_parent(p_parent_table text, p_control text, p_type text, p_interval text, p_constraint_cols text[], p_premake integer, p_automatic_maintenance text, p_start_partition text, p_inherit_fk boolean, p_epoch text, p_upsert text, p_publications text[], p_trigger_return_null boolean, p_template_table text, p_jobmon boolean, p_date_trunc_interval text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.create_parent(p_parent_table text, p_control text, p_type text, p_interval text, p_constraint_cols text[], p_premake integer, p_automatic_maintenance text, p_start_partition text, p_inherit_fk boolean, p_epoch text, p_upsert text, p_publications text[], p_trigger_return_null boolean, p_template_table text, p_jobmon boolean, p_date_trunc_interval text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.create_parent(p_parent_table text, p_control text, p_type text, p_interval text, p_constraint_cols text[], p_premake integer, p_automatic_maintenance text, p_start_partition text, p_inherit_fk boolean, p_epoch text, p_upsert text, p_publications text[], p_trigger_return_null boolean, p_template_table text, p_jobmon boolean, p_date_trunc_interval text) TO monay_owner;

--
-- Name: FUNCTION create_partition_id(p_parent_table text, p_partition_ids bigint[], p_analyze boolean, p_start_partition text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.create_partition_id(p_parent_table text, p_partition_ids bigint[], p_analyze boolean, p_start_partition text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.create_partition_id(p_parent_table text, p_partition_ids bigint[], p_analyze boolean, p_start_partition text) TO monay_owner;

--
-- Name: FUNCTION create_partition_time(p_parent_table text, p_partition_times timestamp with time zone[], p_analyze boolean, p_start_partition text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.create_partition_time(p_parent_table text, p_partition_times timestamp with time zone[], p_analyze boolean, p_start_partition text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.create_partition_time(p_parent_table text, p_partition_times timestamp with time zone[], p_analyze boolean, p_start_partition text) TO monay_owner;

--
-- Name: FUNCTION create_sub_parent(p_top_parent text, p_control text, p_type text, p_interval text, p_native_check text, p_constraint_cols text[], p_premake integer, p_start_partition text, p_inherit_fk boolean, p_epoch text, p_upsert text, p_trigger_return_null boolean, p_jobmon boolean, p_date_trunc_interval text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.create_sub_parent(p_top_parent text, p_control text, p_type text, p_interval text, p_native_check text, p_constraint_cols text[], p_premake integer, p_start_partition text, p_inherit_fk boolean, p_epoch text, p_upsert text, p_trigger_return_null boolean, p_jobmon boolean, p_date_trunc_interval text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.create_sub_parent(p_top_parent text, p_control text, p_type text, p_interval text, p_native_check text, p_constraint_cols text[], p_premake integer, p_start_partition text, p_inherit_fk boolean, p_epoch text, p_upsert text, p_trigger_return_null boolean, p_jobmon boolean, p_date_trunc_interval text) TO monay_owner;

--
-- Name: FUNCTION create_trigger(p_parent_table text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.create_trigger(p_parent_table text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.create_trigger(p_parent_table text) TO monay_owner;

--
-- Name: FUNCTION drop_constraints(p_parent_table text, p_child_table text, p_debug boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.drop_constraints(p_parent_table text, p_child_table text, p_debug boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.drop_constraints(p_parent_table text, p_child_table text, p_debug boolean) TO monay_owner;

--
-- Name: FUNCTION drop_partition_column(p_parent_table text, p_column text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.drop_partition_column(p_parent_table text, p_column text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.drop_partition_column(p_parent_table text, p_column text) TO monay_owner;

--
-- Name: FUNCTION drop_partition_id(p_parent_table text, p_retention bigint, p_keep_table boolean, p_keep_index boolean, p_retention_schema text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.drop_partition_id(p_parent_table text, p_retention bigint, p_keep_table boolean, p_keep_index boolean, p_retention_schema text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.drop_partition_id(p_parent_table text, p_retention bigint, p_keep_table boolean, p_keep_index boolean, p_retention_schema text) TO monay_owner;

--
-- Name: FUNCTION drop_partition_time(p_parent_table text, p_retention interval, p_keep_table boolean, p_keep_index boolean, p_retention_schema text, p_reference_timestamp timestamp with time zone); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.drop_partition_time(p_parent_table text, p_retention interval, p_keep_table boolean, p_keep_index boolean, p_retention_schema text, p_reference_timestamp timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.drop_partition_time(p_parent_table text, p_retention interval, p_keep_table boolean, p_keep_index boolean, p_retention_schema text, p_reference_timestamp timestamp with time zone) TO monay_owner;

--
-- Name: FUNCTION dump_partitioned_table_definition(p_parent_table text, p_ignore_template_table boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.dump_partitioned_table_definition(p_parent_table text, p_ignore_template_table boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.dump_partitioned_table_definition(p_parent_table text, p_ignore_template_table boolean) TO monay_owner;

--
-- Name: FUNCTION inherit_template_properties(p_parent_table text, p_child_schema text, p_child_tablename text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.inherit_template_properties(p_parent_table text, p_child_schema text, p_child_tablename text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.inherit_template_properties(p_parent_table text, p_child_schema text, p_child_tablename text) TO monay_owner;

--
-- Name: FUNCTION partition_data_id(p_parent_table text, p_batch_count integer, p_batch_interval bigint, p_lock_wait numeric, p_order text, p_analyze boolean, p_source_table text, p_ignored_columns text[]); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.partition_data_id(p_parent_table text, p_batch_count integer, p_batch_interval bigint, p_lock_wait numeric, p_order text, p_analyze boolean, p_source_table text, p_ignored_columns text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.partition_data_id(p_parent_table text, p_batch_count integer, p_batch_interval bigint, p_lock_wait numeric, p_order text, p_analyze boolean, p_source_table text, p_ignored_columns text[]) TO monay_owner;

--
-- Name: PROCEDURE partition_data_proc(IN p_parent_table text, IN p_interval text, IN p_batch integer, IN p_wait integer, IN p_source_table text, IN p_order text, IN p_lock_wait integer, IN p_lock_wait_tries integer, IN p_quiet boolean, IN p_ignored_columns text[]); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON PROCEDURE partman.partition_data_proc(IN p_parent_table text, IN p_interval text, IN p_batch integer, IN p_wait integer, IN p_source_table text, IN p_order text, IN p_lock_wait integer, IN p_lock_wait_tries integer, IN p_quiet boolean, IN p_ignored_columns text[]) FROM PUBLIC;
GRANT ALL ON PROCEDURE partman.partition_data_proc(IN p_parent_table text, IN p_interval text, IN p_batch integer, IN p_wait integer, IN p_source_table text, IN p_order text, IN p_lock_wait integer, IN p_lock_wait_tries integer, IN p_quiet boolean, IN p_ignored_columns text[]) TO monay_owner;

--
-- Name: FUNCTION partition_data_time(p_parent_table text, p_batch_count integer, p_batch_interval interval, p_lock_wait numeric, p_order text, p_analyze boolean, p_source_table text, p_ignored_columns text[]); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.partition_data_time(p_parent_table text, p_batch_count integer, p_batch_interval interval, p_lock_wait numeric, p_order text, p_analyze boolean, p_source_table text, p_ignored_columns text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.partition_data_time(p_parent_table text, p_batch_count integer, p_batch_interval interval, p_lock_wait numeric, p_order text, p_analyze boolean, p_source_table text, p_ignored_columns text[]) TO monay_owner;

--
-- Name: FUNCTION partition_gap_fill(p_parent_table text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.partition_gap_fill(p_parent_table text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.partition_gap_fill(p_parent_table text) TO monay_owner;

--
-- Name: PROCEDURE reapply_constraints_proc(IN p_parent_table text, IN p_drop_constraints boolean, IN p_apply_constraints boolean, IN p_wait integer, IN p_dryrun boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON PROCEDURE partman.reapply_constraints_proc(IN p_parent_table text, IN p_drop_constraints boolean, IN p_apply_constraints boolean, IN p_wait integer, IN p_dryrun boolean) FROM PUBLIC;
GRANT ALL ON PROCEDURE partman.reapply_constraints_proc(IN p_parent_table text, IN p_drop_constraints boolean, IN p_apply_constraints boolean, IN p_wait integer, IN p_dryrun boolean) TO monay_owner;

--
-- Name: FUNCTION reapply_privileges(p_parent_table text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.reapply_privileges(p_parent_table text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.reapply_privileges(p_parent_table text) TO monay_owner;

--
-- Name: PROCEDURE run_analyze(IN p_skip_locked boolean, IN p_quiet boolean, IN p_parent_table text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON PROCEDURE partman.run_analyze(IN p_skip_locked boolean, IN p_quiet boolean, IN p_parent_table text) FROM PUBLIC;
GRANT ALL ON PROCEDURE partman.run_analyze(IN p_skip_locked boolean, IN p_quiet boolean, IN p_parent_table text) TO monay_owner;

--
-- Name: FUNCTION run_maintenance(p_parent_table text, p_analyze boolean, p_jobmon boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.run_maintenance(p_parent_table text, p_analyze boolean, p_jobmon boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.run_maintenance(p_parent_table text, p_analyze boolean, p_jobmon boolean) TO monay_owner;

--
-- Name: PROCEDURE run_maintenance_proc(IN p_wait integer, IN p_analyze boolean, IN p_jobmon boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON PROCEDURE partman.run_maintenance_proc(IN p_wait integer, IN p_analyze boolean, IN p_jobmon boolean) FROM PUBLIC;
GRANT ALL ON PROCEDURE partman.run_maintenance_proc(IN p_wait integer, IN p_analyze boolean, IN p_jobmon boolean) TO monay_owner;

--
-- Name: FUNCTION show_partition_info(p_child_table text, p_partition_interval text, p_parent_table text, OUT child_start_time timestamp with time zone, OUT child_end_time timestamp with time zone, OUT child_start_id bigint, OUT child_end_id bigint, OUT suffix text); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.show_partition_info(p_child_table text, p_partition_interval text, p_parent_table text, OUT child_start_time timestamp with time zone, OUT child_end_time timestamp with time zone, OUT child_start_id bigint, OUT child_end_id bigint, OUT suffix text) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.show_partition_info(p_child_table text, p_partition_interval text, p_parent_table text, OUT child_start_time timestamp with time zone, OUT child_end_time timestamp with time zone, OUT child_start_id bigint, OUT child_end_id bigint, OUT suffix text) TO monay_owner;

--
-- Name: FUNCTION show_partition_name(p_parent_table text, p_value text, OUT partition_schema text, OUT partition_table text, OUT suffix_timestamp timestamp with time zone, OUT suffix_id bigint, OUT table_exists boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.show_partition_name(p_parent_table text, p_value text, OUT partition_schema text, OUT partition_table text, OUT suffix_timestamp timestamp with time zone, OUT suffix_id bigint, OUT table_exists boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.show_partition_name(p_parent_table text, p_value text, OUT partition_schema text, OUT partition_table text, OUT suffix_timestamp timestamp with time zone, OUT suffix_id bigint, OUT table_exists boolean) TO monay_owner;

--
-- Name: FUNCTION show_partitions(p_parent_table text, p_order text, p_include_default boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.show_partitions(p_parent_table text, p_order text, p_include_default boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.show_partitions(p_parent_table text, p_order text, p_include_default boolean) TO monay_owner;

--
-- Name: FUNCTION stop_sub_partition(p_parent_table text, p_jobmon boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.stop_sub_partition(p_parent_table text, p_jobmon boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.stop_sub_partition(p_parent_table text, p_jobmon boolean) TO monay_owner;

--
-- Name: FUNCTION undo_partition(p_parent_table text, p_batch_count integer, p_batch_interval text, p_keep_table boolean, p_lock_wait numeric, p_target_table text, p_ignored_columns text[], p_drop_cascade boolean, OUT partitions_undone integer, OUT rows_undone bigint); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON FUNCTION partman.undo_partition(p_parent_table text, p_batch_count integer, p_batch_interval text, p_keep_table boolean, p_lock_wait numeric, p_target_table text, p_ignored_columns text[], p_drop_cascade boolean, OUT partitions_undone integer, OUT rows_undone bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION partman.undo_partition(p_parent_table text, p_batch_count integer, p_batch_interval text, p_keep_table boolean, p_lock_wait numeric, p_target_table text, p_ignored_columns text[], p_drop_cascade boolean, OUT partitions_undone integer, OUT rows_undone bigint) TO monay_owner;

--
-- Name: PROCEDURE undo_partition_proc(IN p_parent_table text, IN p_interval text, IN p_batch integer, IN p_wait integer, IN p_target_table text, IN p_keep_table boolean, IN p_lock_wait integer, IN p_lock_wait_tries integer, IN p_quiet boolean, IN p_ignored_columns text[], IN p_drop_cascade boolean); Type: ACL; Schema: partman; Owner: postgres
--

REVOKE ALL ON PROCEDURE partman.undo_partition_proc(IN p_parent_table text, IN p_interval text, IN p_batch integer, IN p_wait integer, IN p_target_table text, IN p_keep_table boolean, IN p_lock_wait integer, IN p_lock_wait_tries integer, IN p_quiet boolean, IN p_ignored_columns text[], IN p_drop_cascade boolean) FROM PUBLIC;
GRANT ALL ON PROCEDURE partman.undo_partition_proc(IN p_parent_table text, IN p_interval text, IN p_batch integer, IN p_wait integer, IN p_target_table text, IN p_keep_table boolean, IN p_lock_wait integer, IN p_lock_wait_tries integer, IN p_quiet boolean, IN p_ignored_columns text[], IN p_drop_cascade boolean) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_lock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_lock(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_lock(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_lock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_lock(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_lock(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_lock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_lock_shared(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_lock_shared(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_lock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_lock_shared(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_lock_shared(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_unlock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_unlock(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_unlock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_unlock(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_unlock_all(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock_all() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_unlock_all() TO monay_owner;

--
-- Name: FUNCTION pg_advisory_unlock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock_shared(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_unlock_shared(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_unlock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock_shared(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_unlock_shared(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_xact_lock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_xact_lock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_xact_lock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock_shared(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock_shared(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_advisory_xact_lock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock_shared(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock_shared(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_try_advisory_lock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_lock(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_lock(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_try_advisory_lock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_lock(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_lock(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_try_advisory_lock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_lock_shared(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_lock_shared(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_try_advisory_lock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_lock_shared(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_lock_shared(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_try_advisory_xact_lock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_try_advisory_xact_lock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock(integer, integer) TO monay_owner;

--
-- Name: FUNCTION pg_try_advisory_xact_lock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock_shared(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock_shared(bigint) TO monay_owner;

--
-- Name: FUNCTION pg_try_advisory_xact_lock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock_shared(integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock_shared(integer, integer) TO monay_owner;

--
-- Name: TABLE audit_log; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.audit_log TO monay_app;
GRANT SELECT ON TABLE monay.audit_log TO monay_platform;
GRANT SELECT ON TABLE monay.audit_log TO monay_readonly;

--
-- Name: TABLE billing_adjustments; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.billing_adjustments TO monay_app;
GRANT SELECT ON TABLE monay.billing_adjustments TO monay_platform;
GRANT SELECT ON TABLE monay.billing_adjustments TO monay_readonly;

--
-- Name: TABLE billing_metrics; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.billing_metrics TO monay_app;
GRANT SELECT ON TABLE monay.billing_metrics TO monay_platform;
GRANT SELECT ON TABLE monay.billing_metrics TO monay_readonly;

--
-- Name: TABLE billing_operations; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.billing_operations TO monay_app;
GRANT SELECT ON TABLE monay.billing_operations TO monay_platform;
GRANT SELECT ON TABLE monay.billing_operations TO monay_readonly;

--
-- Name: COLUMN billing_operations.tenant_id; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT INSERT(tenant_id) ON TABLE monay.billing_operations TO monay_app;

--
-- Name: COLUMN billing_operations.operation_type; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT INSERT(operation_type) ON TABLE monay.billing_operations TO monay_app;

--
-- Name: COLUMN billing_operations.quantity; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT INSERT(quantity) ON TABLE monay.billing_operations TO monay_app;

--
-- Name: COLUMN billing_operations.computation_units; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT INSERT(computation_units) ON TABLE monay.billing_operations TO monay_app;

--
-- Name: COLUMN billing_operations.occurred_at; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT INSERT(occurred_at) ON TABLE monay.billing_operations TO monay_app;

--
-- Name: SEQUENCE billing_operation_id_seq; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT USAGE ON SEQUENCE monay.billing_operation_id_seq TO monay_app;

--
-- Name: TABLE billing_runs; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.billing_runs TO monay_platform;

--
-- Name: TABLE billing_tiers; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.billing_tiers TO monay_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE monay.billing_tiers TO monay_platform;
GRANT SELECT ON TABLE monay.billing_tiers TO monay_readonly;

--
-- Name: TABLE cards; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.cards TO monay_app;
GRANT SELECT ON TABLE monay.cards TO monay_platform;
GRANT SELECT ON TABLE monay.cards TO monay_readonly;

--
-- Name: SEQUENCE context_cache_seq; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON SEQUENCE monay.context_cache_seq TO monay_app;
GRANT SELECT ON SEQUENCE monay.context_cache_seq TO monay_platform;
GRANT SELECT ON SEQUENCE monay.context_cache_seq TO monay_readonly;

--
-- Name: TABLE group_bill_lines; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.group_bill_lines TO monay_app;
GRANT SELECT ON TABLE monay.group_bill_lines TO monay_platform;
GRANT SELECT ON TABLE monay.group_bill_lines TO monay_readonly;

--
-- Name: TABLE group_bills; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.group_bills TO monay_app;
GRANT SELECT ON TABLE monay.group_bills TO monay_platform;
GRANT SELECT ON TABLE monay.group_bills TO monay_readonly;

--
-- Name: TABLE group_kinds; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.group_kinds TO monay_app;
GRANT SELECT ON TABLE monay.group_kinds TO monay_platform;
GRANT SELECT ON TABLE monay.group_kinds TO monay_readonly;

--
-- Name: TABLE group_member_roles; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.group_member_roles TO monay_app;
GRANT SELECT ON TABLE monay.group_member_roles TO monay_platform;
GRANT SELECT ON TABLE monay.group_member_roles TO monay_readonly;

--
-- Name: TABLE invoices; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.invoices TO monay_app;
GRANT SELECT ON TABLE monay.invoices TO monay_platform;
GRANT SELECT ON TABLE monay.invoices TO monay_readonly;

--
-- Name: TABLE payment_allocations; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.payment_allocations TO monay_app;
GRANT SELECT ON TABLE monay.payment_allocations TO monay_platform;
GRANT SELECT ON TABLE monay.payment_allocations TO monay_readonly;

--
-- Name: TABLE payments; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.payments TO monay_app;
GRANT SELECT ON TABLE monay.payments TO monay_platform;
GRANT SELECT ON TABLE monay.payments TO monay_readonly;

--
-- Name: TABLE stablecoin_payment_config; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.stablecoin_payment_config TO monay_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE monay.stablecoin_payment_config TO monay_platform;
GRANT SELECT ON TABLE monay.stablecoin_payment_config TO monay_readonly;

--
-- Name: TABLE tenant_credit_balances; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenant_credit_balances TO monay_app;
GRANT SELECT ON TABLE monay.tenant_credit_balances TO monay_platform;
GRANT SELECT ON TABLE monay.tenant_credit_balances TO monay_readonly;

--
-- Name: TABLE tenant_roles; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenant_roles TO monay_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE monay.tenant_roles TO monay_platform;
GRANT SELECT ON TABLE monay.tenant_roles TO monay_readonly;

--
-- Name: TABLE tenant_tier_history; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenant_tier_history TO monay_app;
GRANT SELECT ON TABLE monay.tenant_tier_history TO monay_platform;
GRANT SELECT ON TABLE monay.tenant_tier_history TO monay_readonly;

--
-- Name: TABLE tenant_types; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenant_types TO monay_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE monay.tenant_types TO monay_platform;
GRANT SELECT ON TABLE monay.tenant_types TO monay_readonly;

--
-- Name: TABLE transactions; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.transactions TO monay_app;
GRANT SELECT ON TABLE monay.transactions TO monay_platform;
GRANT SELECT ON TABLE monay.transactions TO monay_readonly;

--
-- Name: TABLE user_types; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.user_types TO monay_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE monay.user_types TO monay_platform;
GRANT SELECT ON TABLE monay.user_types TO monay_readonly;

--
-- Name: TABLE wallet_address_purposes; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.wallet_address_purposes TO monay_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE monay.wallet_address_purposes TO monay_platform;
GRANT SELECT ON TABLE monay.wallet_address_purposes TO monay_readonly;

--
-- Name: TABLE audit_link; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.audit_link TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.audit_link TO monay_platform;

--
-- Name: TABLE billing_failures_recent; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.billing_failures_recent TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.billing_failures_recent TO monay_platform;

--
-- Name: TABLE billing_runs; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.billing_runs TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.billing_runs TO monay_platform;

--
-- Name: TABLE bills_last_month; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.bills_last_month TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.bills_last_month TO monay_platform;

--
-- Name: TABLE counters; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.counters TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.counters TO monay_platform;

--
-- Name: TABLE function_calls; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.function_calls TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.function_calls TO monay_platform;

--
-- Name: TABLE group_hierarchy; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.group_hierarchy TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.group_hierarchy TO monay_platform;

--
-- Name: TABLE isolation_violation_details; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.isolation_violation_details TO monay_platform;

--
-- Name: TABLE isolation_violations; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.isolation_violations TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.isolation_violations TO monay_platform;

--
-- Name: TABLE refusals; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.refusals TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.refusals TO monay_platform;

--
-- Name: TABLE table_activity; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.table_activity TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.table_activity TO monay_platform;

--
-- Name: TABLE tenants; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.tenants TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.tenants TO monay_platform;

--
-- Name: TABLE usage_this_month; Type: ACL; Schema: monay_monitor; Owner: monay_owner
--

GRANT SELECT ON TABLE monay_monitor.usage_this_month TO monay_monitor;
GRANT SELECT ON TABLE monay_monitor.usage_this_month TO monay_platform;

--
-- Name: TABLE transactions_pre_tenancy; Type: ACL; Schema: monay_private; Owner: monay_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE monay_private.transactions_pre_tenancy TO monay_app;
GRANT SELECT ON TABLE monay_private.transactions_pre_tenancy TO monay_platform;
GRANT SELECT ON TABLE monay_private.transactions_pre_tenancy TO monay_readonly;

--
-- Name: TABLE custom_time_partitions; Type: ACL; Schema: partman; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE partman.custom_time_partitions TO monay_owner;

--
-- Name: TABLE part_config; Type: ACL; Schema: partman; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE partman.part_config TO monay_owner;

--
-- Name: TABLE part_config_sub; Type: ACL; Schema: partman; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE partman.part_config_sub TO monay_owner;

--
-- Name: TABLE table_privs; Type: ACL; Schema: partman; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE partman.table_privs TO monay_owner;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: monay_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE monay_owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;

--
-- PostgreSQL database dump complete
--
