-- sql/functions/groups/group_members_validate.sql
CREATE OR REPLACE FUNCTION monay_private.group_members_validate()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
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

COMMENT ON FUNCTION monay_private.group_members_validate() IS
    'Trigger: member type per group kind (MG009), allowance per role (MG018), parent role (MG002).';
REVOKE ALL ON FUNCTION monay_private.group_members_validate() FROM PUBLIC;

CREATE OR REPLACE TRIGGER group_members_500_validate BEFORE INSERT OR UPDATE ON monay.group_members
    FOR EACH ROW EXECUTE FUNCTION monay_private.group_members_validate();
