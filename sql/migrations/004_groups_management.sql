-- Groups: households (members are users) and holding companies (members are
-- tenants), their hierarchy, and treasury access grants.
--
-- Group kinds and member roles are lookup tables referenced by foreign keys.
-- The hierarchy is a closure table in monay_private (no RLS): move_group and
-- the visibility helper read it across tenants; the functions of
-- sql/functions/groups keep it in step with monay.groups. This migration
-- references nothing of 005 (billing): on databases that already have 005 it
-- runs after it, on fresh ones before it. Consolidated bills are 010.
-- Rules and visibility: docs/groups.md.
-- depends: 003_tenant_management

-- Fail fast instead of queueing behind long transactions on a busy database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

SET LOCAL ROLE monay_owner;

-- ---------------------------------------------------------------------------
-- Lookup tables: the one list of kinds and roles
-- ---------------------------------------------------------------------------

CREATE TABLE monay.group_kinds (
    kind          text PRIMARY KEY,
    member_type   text NOT NULL,
    may_nest      boolean NOT NULL,
    description   text NOT NULL,
    CONSTRAINT group_kinds_kind_format CHECK (kind ~ '^[a-z][a-z_]{0,62}$'),
    CONSTRAINT group_kinds_member_type_known CHECK (member_type IN ('user', 'tenant'))
);
COMMENT ON TABLE monay.group_kinds IS
    'Kinds of group: who their members are (users or tenants) and whether they form hierarchies.';

CREATE TABLE monay.group_member_roles (
    kind           text NOT NULL REFERENCES monay.group_kinds (kind),
    role           text NOT NULL,
    manages        boolean NOT NULL,
    has_allowance  boolean NOT NULL,
    description    text NOT NULL,
    PRIMARY KEY (kind, role),
    CONSTRAINT group_member_roles_role_format CHECK (role ~ '^[a-z][a-z_]{0,62}$')
);
COMMENT ON TABLE monay.group_member_roles IS
    'Member roles per group kind: manages (the head / parent), has_allowance (a spending allowance).';

-- ---------------------------------------------------------------------------
-- Groups and members (tenant-scoped: tenant_id is the owner tenant)
-- ---------------------------------------------------------------------------

CREATE TABLE monay.groups (
    tenant_id         uuid NOT NULL REFERENCES monay.tenants (id),
    id                uuid NOT NULL DEFAULT gen_random_uuid(),
    kind              text NOT NULL REFERENCES monay.group_kinds (kind),
    name              text NOT NULL,
    config            jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- A holding hierarchy may span tenants: a subsidiary's own holding group
    -- under its parent's. Composite reference (tenant_id, id) of the parent.
    parent_tenant_id  uuid,
    parent_id         uuid,
    member_count      bigint NOT NULL DEFAULT 0,
    idempotency_key   text,
    created_by        uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT groups_kind_key UNIQUE (tenant_id, id, kind),
    CONSTRAINT groups_idempotency_key UNIQUE (tenant_id, idempotency_key),
    FOREIGN KEY (parent_tenant_id, parent_id) REFERENCES monay.groups (tenant_id, id),
    CONSTRAINT groups_name_not_blank CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT groups_config_object CHECK (jsonb_typeof(config) = 'object'),
    CONSTRAINT groups_parent_whole CHECK ((parent_tenant_id IS NULL) = (parent_id IS NULL)),
    CONSTRAINT groups_not_own_parent CHECK (parent_id IS DISTINCT FROM id),
    CONSTRAINT groups_member_count_non_negative CHECK (member_count >= 0),
    CONSTRAINT groups_idempotency_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 200)
);
CREATE INDEX groups_id_idx ON monay.groups (id);
CREATE INDEX groups_parent_idx ON monay.groups (parent_tenant_id, parent_id) WHERE parent_id IS NOT NULL;
COMMENT ON TABLE monay.groups IS
    'Households and holding companies, owned by a tenant; parent: holding hierarchy (depth <= GROUP_HIERARCHY_DEPTH).';

CREATE TABLE monay.group_members (
    tenant_id         uuid NOT NULL,
    group_id          uuid NOT NULL,
    id                uuid NOT NULL DEFAULT gen_random_uuid(),
    group_kind        text NOT NULL,
    role              text NOT NULL,
    -- household: the user, and the tenant whose bill is this member's line
    -- (the user's personal tenant, if any); holding: the member tenant.
    member_user_id    uuid REFERENCES monay.users (id),
    member_tenant_id  uuid REFERENCES monay.tenants (id),
    allowance_cents   bigint,
    added_by          uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT group_members_user_key UNIQUE (tenant_id, group_id, member_user_id),
    CONSTRAINT group_members_tenant_key UNIQUE (tenant_id, group_id, member_tenant_id),
    FOREIGN KEY (tenant_id, group_id, group_kind) REFERENCES monay.groups (tenant_id, id, kind),
    FOREIGN KEY (group_kind, role) REFERENCES monay.group_member_roles (kind, role),
    CONSTRAINT group_members_someone CHECK (member_user_id IS NOT NULL OR member_tenant_id IS NOT NULL),
    CONSTRAINT group_members_allowance_non_negative CHECK (allowance_cents >= 0)
);
CREATE INDEX group_members_user_idx ON monay.group_members (member_user_id) WHERE member_user_id IS NOT NULL;
CREATE INDEX group_members_tenant_idx ON monay.group_members (member_tenant_id) WHERE member_tenant_id IS NOT NULL;
COMMENT ON TABLE monay.group_members IS
    'Members of a group (users of a household, tenants of a holding) with their role and allowance.';

-- The hierarchy as a closure table: one row per (ancestor, descendant), the
-- group itself at distance 0. Internal, no RLS: written only by the group
-- functions, read by them and by monay.rls_group_subtree() (visibility).
-- lock_version is bumped on a root's self row by every change of its tree,
-- so that a REPEATABLE READ mover waiting on that row fails with 40001.
CREATE TABLE monay_private.group_paths (
    ancestor_tenant_id    uuid NOT NULL,
    ancestor_id           uuid NOT NULL,
    descendant_tenant_id  uuid NOT NULL,
    descendant_id         uuid NOT NULL,
    distance              bigint NOT NULL,
    lock_version          bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (ancestor_id, descendant_id),
    FOREIGN KEY (ancestor_tenant_id, ancestor_id) REFERENCES monay.groups (tenant_id, id),
    FOREIGN KEY (descendant_tenant_id, descendant_id) REFERENCES monay.groups (tenant_id, id),
    CONSTRAINT group_paths_distance_non_negative CHECK (distance >= 0),
    CONSTRAINT group_paths_self_at_zero CHECK ((distance = 0) = (ancestor_id = descendant_id))
);
CREATE INDEX group_paths_descendant_idx ON monay_private.group_paths (descendant_id, distance);
COMMENT ON TABLE monay_private.group_paths IS
    'Closure of the group hierarchy (ancestor, descendant, distance); internal to the group functions.';

-- ---------------------------------------------------------------------------
-- Treasury access grants (tenant_id: the granting group owner's tenant,
-- which is the wallet's tenant)
-- ---------------------------------------------------------------------------

CREATE TABLE monay.treasury_access_grants (
    tenant_id          uuid NOT NULL,
    id                 uuid NOT NULL DEFAULT gen_random_uuid(),
    group_id           uuid NOT NULL,
    -- No foreign key to monay.wallets on this branch: wallets get tenant_id
    -- (and a composite key (tenant_id, id)) in 006_add_tenant_columns; the
    -- reference becomes FOREIGN KEY (tenant_id, wallet_id) there.
    wallet_id          uuid NOT NULL,
    grantee_user_id    uuid REFERENCES monay.users (id),
    grantee_tenant_id  uuid REFERENCES monay.tenants (id),
    access             text NOT NULL,
    spend_limit_cents  bigint NOT NULL DEFAULT 0,
    spent_cents        bigint NOT NULL DEFAULT 0,
    expires_at         timestamptz NOT NULL,
    revoked_at         timestamptz,
    granted_by         uuid,
    idempotency_key    text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT treasury_access_grants_idempotency_key UNIQUE (tenant_id, idempotency_key),
    FOREIGN KEY (tenant_id, group_id) REFERENCES monay.groups (tenant_id, id),
    CONSTRAINT treasury_access_grants_one_grantee CHECK ((grantee_user_id IS NULL) <> (grantee_tenant_id IS NULL)),
    CONSTRAINT treasury_access_grants_access_known CHECK (access IN ('read', 'spend')),
    CONSTRAINT treasury_access_grants_limit CHECK (
        spend_limit_cents >= 0 AND spent_cents >= 0 AND spent_cents <= spend_limit_cents
        AND (access = 'spend' OR spend_limit_cents = 0)),
    CONSTRAINT treasury_access_grants_idempotency_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 200)
);
CREATE INDEX treasury_access_grants_id_idx ON monay.treasury_access_grants (id);
CREATE INDEX treasury_access_grants_wallet_idx ON monay.treasury_access_grants (tenant_id, wallet_id)
    WHERE revoked_at IS NULL;
CREATE INDEX treasury_access_grants_grantee_user_idx ON monay.treasury_access_grants (grantee_user_id)
    WHERE grantee_user_id IS NOT NULL;
CREATE INDEX treasury_access_grants_grantee_tenant_idx ON monay.treasury_access_grants (grantee_tenant_id)
    WHERE grantee_tenant_id IS NOT NULL;
COMMENT ON TABLE monay.treasury_access_grants IS
    'Read or spend access to one wallet of the group owner, for one user or tenant, until expires_at/revoked_at.';

-- ---------------------------------------------------------------------------
-- Row-level security (docs/groups.md, "Visibility")
-- ---------------------------------------------------------------------------

-- Groups whose owner tenant owns one of their strict ancestors: the subtree
-- the current tenant may see the group records of. SECURITY DEFINER over
-- the closure table (no RLS there, so no policy recursion); NULL context:
-- nothing.
CREATE FUNCTION monay.rls_group_subtree()
    RETURNS TABLE (tenant_id uuid, group_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION monay.rls_group_subtree() IS
    'Groups below a group of the context''s tenant (their records are visible to it). Policies call it.';
REVOKE ALL ON FUNCTION monay.rls_group_subtree() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.rls_group_subtree() TO monay_app, monay_platform, monay_readonly;

ALTER TABLE monay.group_kinds ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.group_kinds FORCE ROW LEVEL SECURITY;
CREATE POLICY group_kinds_select ON monay.group_kinds FOR SELECT USING (true);
ALTER TABLE monay.group_member_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.group_member_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY group_member_roles_select ON monay.group_member_roles FOR SELECT USING (true);

-- A member row: the group's owner tenant; the member itself (its own row
-- only: a subsidiary does not see its siblings); the owners of ancestor groups.
ALTER TABLE monay.group_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.group_members FORCE ROW LEVEL SECURITY;
CREATE POLICY group_members_select ON monay.group_members FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR member_user_id = (SELECT monay.current_user_id())
           OR member_tenant_id = (SELECT monay.current_tenant_id())
           OR (tenant_id, group_id) IN (SELECT s.tenant_id, s.group_id FROM monay.rls_group_subtree() s));
CREATE POLICY group_members_insert ON monay.group_members FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY group_members_update ON monay.group_members FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY group_members_delete ON monay.group_members FOR DELETE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));

-- A group record: its owner tenant, its members (through their own member
-- row, which the policy above shows them), the owners of its ancestors.
ALTER TABLE monay.groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.groups FORCE ROW LEVEL SECURITY;
CREATE POLICY groups_select ON monay.groups FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR (tenant_id, id) IN (SELECT m.tenant_id, m.group_id FROM monay.group_members m
                                  WHERE m.member_user_id = (SELECT monay.current_user_id())
                                     OR m.member_tenant_id = (SELECT monay.current_tenant_id()))
           OR (tenant_id, id) IN (SELECT s.tenant_id, s.group_id FROM monay.rls_group_subtree() s));
CREATE POLICY groups_insert ON monay.groups FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY groups_update ON monay.groups FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY groups_delete ON monay.groups FOR DELETE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));

-- A grant: the granting tenant, and its grantee (the user or tenant of the
-- context), who also updates spent_cents through monay_private.treasury_grant_spend.
ALTER TABLE monay.treasury_access_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.treasury_access_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY treasury_access_grants_select ON monay.treasury_access_grants FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR grantee_user_id = (SELECT monay.current_user_id())
           OR grantee_tenant_id = (SELECT monay.current_tenant_id()));
CREATE POLICY treasury_access_grants_insert ON monay.treasury_access_grants FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY treasury_access_grants_update ON monay.treasury_access_grants FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR grantee_user_id = (SELECT monay.current_user_id())
           OR grantee_tenant_id = (SELECT monay.current_tenant_id()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR grantee_user_id = (SELECT monay.current_user_id())
           OR grantee_tenant_id = (SELECT monay.current_tenant_id()));
CREATE POLICY treasury_access_grants_delete ON monay.treasury_access_grants FOR DELETE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));

-- ---------------------------------------------------------------------------
-- Grants: written only through functions
-- ---------------------------------------------------------------------------

GRANT SELECT ON monay.group_kinds, monay.group_member_roles, monay.groups, monay.group_members,
    monay.treasury_access_grants TO monay_app, monay_platform, monay_readonly;

RESET ROLE;

-- ---------------------------------------------------------------------------
-- Seed data and settings (as the migrating superuser: FORCE RLS, no write
-- policies on the lookups; settings want a platform context)
-- ---------------------------------------------------------------------------

INSERT INTO monay.group_kinds (kind, member_type, may_nest, description) VALUES
    ('household', 'user', false, 'A family: its members are users; spending allowances per member.'),
    ('holding_company', 'tenant', true, 'A holding: its members are tenants (subsidiaries); nests in hierarchies.');

INSERT INTO monay.group_member_roles (kind, role, manages, has_allowance, description) VALUES
    ('household', 'head', true, false, 'Runs the household: manages members and shares the family wallet.'),
    ('household', 'adult', false, false, 'An adult member.'),
    ('household', 'child', false, true, 'A child: spends within an allowance.'),
    ('household', 'dependent', false, true, 'Another dependent: spends within an allowance.'),
    ('holding_company', 'parent', true, false, 'The owning company itself.'),
    ('holding_company', 'subsidiary', false, false, 'A controlled company: consolidated in the group bill.'),
    ('holding_company', 'affiliate', false, false, 'An associated company: consolidated only if the group says so.');

-- MAX_GROUP_MEMBERS and GROUP_HIERARCHY_DEPTH come from 001 (the seed's
-- configuration); the groups domain adds its two switches.
INSERT INTO monay.settings (key, value, value_type, description) VALUES
    ('HOUSEHOLD_BILLING_AGGREGATION', 'true', 'boolean',
     'The monthly run bills a household''s members on one consolidated bill paid by its owner.'),
    ('HOLDING_COMPANY_TREASURY', 'true', 'boolean',
     'Holding companies may share treasury wallets with their subsidiaries (monay.share_treasury_access).');
