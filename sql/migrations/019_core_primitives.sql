-- Shared primitives in one core domain (issue 9, item 1): the tenant gate, "tenant exists /
-- is active" and the NULL-argument check now live in sql/functions/core
-- (monay_private.require_tenant_access, require_tenant_context, require_tenant_found,
-- require_tenant_status, require_not_null), and every domain calls them. Three helpers they
-- replace are dropped here ("dropped and replaced": re-applying sql/functions never removes
-- a function whose file is gone):
--   monay_private.billing_authorize(uuid, text)      -> monay_private.require_tenant_access
--   monay_private.platform_require_tenant(text)      -> monay_private.require_tenant_context
--   monay_private.billing_refuse_status(uuid, text)  -> monay_private.require_tenant_status
-- All three were owner-only (no application role could call them); the function files
-- re-applied right after this migration no longer name them. No table is touched.
-- It depends on 016 (the last of the chain that does not need 006's retrofit), not on 017:
-- a legacy database rolls 006 and its dependents back before `monaydb legacy migrate`, and
-- re-applying sql/functions there must not meet the helpers 019's rollback restores.
-- depends: 016_hardening

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';

-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay_private.billing_authorize(uuid, text);
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay_private.platform_require_tenant(text);
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay_private.billing_refuse_status(uuid, text);
