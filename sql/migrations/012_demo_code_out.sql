-- Demo code leaves the product schema: monay.track_demo_month (platform-only demo data)
-- now lives in sql/demo as monay_demo.track_demo_month, loaded only into the demo and
-- test databases. The old signature is dropped here ("dropped and replaced": re-applying
-- sql/functions never removes a function whose file is gone).
-- depends: 005_billing_infrastructure

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';

-- Only the platform's demo tooling called it; no application may (it was granted to monay_platform
-- for demos). Dropping it is the point of this migration.
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS monay.track_demo_month(uuid, date, integer);
