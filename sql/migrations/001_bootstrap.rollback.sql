-- Undo 001_bootstrap. The group roles and pgcrypto stay: they are
-- cluster-wide or may serve other schemas, and 001 creates them only if missing.

ALTER DEFAULT PRIVILEGES FOR ROLE monay_owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
DROP SCHEMA monay_private CASCADE;
DROP SCHEMA monay CASCADE;
