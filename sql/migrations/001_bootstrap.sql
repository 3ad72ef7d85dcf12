-- Bootstrap: extensions, schemas, the group roles, default privileges and the
-- settings table that holds the seed's configuration.
--
-- Roles are cluster-wide and may already exist (another database of the
-- cluster, or a DBA who made them first): they are created only when missing.
-- depends:

-- Fail fast instead of queueing behind long transactions on a busy database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

DO $$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['monay_owner', 'monay_app', 'monay_platform', 'monay_readonly'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS', v_role);
        END IF;
    END LOOP;
END
$$;

-- Platform jobs may do whatever the application may do, and more.
GRANT monay_app TO monay_platform;

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE SCHEMA monay AUTHORIZATION monay_owner;
CREATE SCHEMA monay_private AUTHORIZATION monay_owner;
COMMENT ON SCHEMA monay IS 'The public contract: tables and functions that applications call.';
COMMENT ON SCHEMA monay_private IS 'Internals (secrets, helpers) that no application role can reach.';

GRANT USAGE ON SCHEMA monay TO monay_app, monay_platform, monay_readonly;
REVOKE ALL ON SCHEMA monay_private FROM PUBLIC;

-- Functions created from here on are not executable by PUBLIC: each file grants
-- EXECUTE to the roles that need it.
ALTER DEFAULT PRIVILEGES FOR ROLE monay_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

SET LOCAL ROLE monay_owner;

CREATE TABLE monay.settings (
    key          text PRIMARY KEY,
    value        jsonb NOT NULL,
    value_type   text NOT NULL,
    description  text NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT settings_key_format CHECK (key ~ '^[A-Z][A-Z0-9_]*$'),
    CONSTRAINT settings_value_type_known
        CHECK (value_type IN ('text', 'integer', 'numeric', 'boolean', 'interval')),
    CONSTRAINT settings_value_matches_type CHECK (
        CASE value_type
            WHEN 'text'     THEN jsonb_typeof(value) = 'string'
            WHEN 'integer'  THEN jsonb_typeof(value) = 'number' AND value::numeric % 1 = 0
            WHEN 'numeric'  THEN jsonb_typeof(value) = 'number'
            WHEN 'boolean'  THEN jsonb_typeof(value) = 'boolean'
            WHEN 'interval' THEN jsonb_typeof(value) = 'string'
                                 AND (value #>> '{}')::interval IS NOT NULL
        END),
    CONSTRAINT settings_tenant_isolation_always_on
        CHECK (key <> 'TENANT_ISOLATION_ENABLED' OR value = 'true'::jsonb)
);
COMMENT ON TABLE monay.settings IS
    'The seed''s configuration as typed data. Read with monay.get_setting(key); '
    'changed only by monay_platform through monay.set_setting(key, value).';

INSERT INTO monay.settings (key, value, value_type, description) VALUES
    ('DEFAULT_TENANT_TIER', '"free"', 'text', 'Billing tier of a tenant created without one.'),
    ('MAX_TENANTS_PER_USER', '5', 'integer', 'Most tenants one user may belong to.'),
    ('MAX_GROUP_MEMBERS', '100', 'integer', 'Most members of one household or holding company.'),
    ('GROUP_HIERARCHY_DEPTH', '5', 'integer', 'Deepest nesting of groups.'),
    ('DEFAULT_MARGIN_PERCENT', '60', 'numeric',
     'Gross margin given to a small_business tenant created without one.'),
    ('WALLET_DERIVATION_PATH', '"m/44''/501''"', 'text', 'BIP-44 prefix of every tenant subtree.'),
    ('KEY_ROTATION_INTERVAL', '"90 days"', 'interval', 'How often wallet keys are rotated.'),
    ('TENANT_ISOLATION_ENABLED', 'true', 'boolean',
     'Row-level isolation between tenants. Always on: a CHECK refuses false.');

ALTER TABLE monay.settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.settings FORCE ROW LEVEL SECURITY;
CREATE POLICY settings_select ON monay.settings FOR SELECT USING (true);

GRANT SELECT ON monay.settings TO monay_app, monay_platform, monay_readonly;
