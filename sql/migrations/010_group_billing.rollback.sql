-- Undo 010_group_billing, in reverse order: its functions, the purge
-- registrations, the tables.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

SET LOCAL ROLE monay_owner;

DROP FUNCTION IF EXISTS monay.process_group_payment(uuid, date, text);
DROP FUNCTION IF EXISTS monay_private.group_billing_consolidate(date);

DELETE FROM monay_private.purge_retained_tables WHERE table_name IN ('group_bills', 'group_bill_lines');

DROP TABLE monay.group_bill_lines;
DROP TABLE monay.group_bills;
