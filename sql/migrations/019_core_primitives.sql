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
-- depends: 017_treasury_wallet_links

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';

-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay_private.billing_authorize(uuid, text);
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay_private.platform_require_tenant(text);
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay_private.billing_refuse_status(uuid, text);
