-- Undo 002_platform_baseline, in reverse order of creation.
SET LOCAL ROLE monay_owner;
DROP TABLE monay.cards;
DROP TABLE monay.invoices;
DROP TABLE monay.transactions;
DROP TABLE monay.wallets;
DROP TABLE monay.users;
