-- Undo 003a_rls_helper.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';
DROP FUNCTION monay_private.apply_rls(regclass, text, name, text);
