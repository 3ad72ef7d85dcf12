-- sql/demo/000_schema.sql
-- Demo-only code, loaded by `monaydb demo` into the demo database (and by `monaydb test`
-- into the throw-away test database), never by `monaydb migrate`: nothing here exists
-- or is granted in a production database. Loaded as the superuser, in file order;
-- the functions are owned by monay_owner like the product's.
CREATE SCHEMA IF NOT EXISTS monay_demo AUTHORIZATION monay_owner;
REVOKE ALL ON SCHEMA monay_demo FROM PUBLIC;
GRANT USAGE ON SCHEMA monay_demo TO monay_platform;
