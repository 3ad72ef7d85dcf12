-- sql/functions/core/error_codes.sql
CREATE OR REPLACE FUNCTION monay.error_codes()
    RETURNS TABLE (sqlstate text, domain text, origin text, meaning text, caller_action text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The registry of every SQLSTATE a caller of Monay DB may receive: one row per
   code, with its domain, where it comes from ('function': a RAISE in our code;
   'server': PostgreSQL itself, from a constraint, a lock or the executor), what it
   means and what the caller should do. sql/tests/core/error_codes.sql checks that
   every code our function bodies raise is here and that every 'function' code
   here is raised somewhere; `monaydb docs` writes the README's table from it.
   Ranges (custom classes are never standard ones):
     MT1xx settings, MT2xx context and authentication, MT3xx tenancy,
     MT4xx billing, MP0xx platform tables (wallets, transfers), MG0xx groups,
     MV0xx vaults (HD wallets), MM0xx monitoring. */
    VALUES
    -- standard codes, with the meaning they have here
    ('42501', 'core', 'function', 'not allowed: wrong role; no, forged or another tenant''s context; not an owner/admin; a platform operation outside the platform context', '403: authenticate into the right tenant, or use a monay_platform login'),
    ('22023', 'core', 'function', 'bad parameter value: NULL where a value is needed, out of range, malformed (the message names the parameter and the value); also a margin outside its tier given to create_tenant or upgrade_tenant_tier (they name the tier''s range)', 'fix the argument'),
    ('23505', 'core', 'function', 'duplicate: a unique value already taken (e.g. a user''s email)', 'pick another value'),
    ('23514', 'core', 'server', 'CHECK constraint from raw SQL: fiat payment method, margin outside its tier or unknown tier (trigger tenants_200_margin_within_tier, reading monay.billing_tiers), a coin symbol shaped like a fiat code (through create_tenant a bad margin is 22023)', 'fix the value'),
    ('23503', 'core', 'server', 'foreign key from raw SQL: a value that its lookup table does not hold (tenant type, role, user type, coin symbol; docs/development.md, Allowed values), or a row another references', 'use an allowed value (SELECT from the lookup table)'),
    ('40001', 'core', 'server', 'serialization failure', 'retry the whole transaction'),
    ('40P01', 'core', 'server', 'deadlock detected', 'retry the whole transaction'),
    ('2D000', 'billing', 'server', 'process_monthly_billing CALLed inside a transaction block (it commits per batch)', 'CALL it in autocommit'),
    -- settings
    ('MT101', 'settings', 'function', 'unknown setting', 'fix the key (SELECT key FROM monay.settings)'),
    ('MT102', 'settings', 'function', 'value refused for that setting (wrong type, TENANT_ISOLATION_ENABLED off, a retention that is not a positive interval)', 'fix the value'),
    -- context and authentication
    ('MT201', 'tenancy', 'function', 'malformed token or longer than 8,192 bytes, algorithm other than HS256 (none included), bad signature (tampered, wrong secret, a rotated secret past its window), missing or invalid sub, tenant_id, exp or nbf (also outside 0 .. 253402300799, year 9999)', '401: log in again'),
    ('MT202', 'tenancy', 'function', 'token expired', 'refresh the token'),
    ('MT203', 'tenancy', 'function', 'token not valid yet (nbf in the future)', 'check clocks; retry later'),
    ('MT204', 'tenancy', 'function', 'the user is not an active member of that tenant (never was, removed, or the tenant was closed by cleanup)', '403: show the tenant selector'),
    ('MT205', 'tenancy', 'function', 'the tenant is suspended or closed', '403: tell the user; the platform reactivates'),
    ('MT206', 'tenancy', 'function', 'no authenticated user in this transaction', 'call authenticate first, in the same transaction'),
    ('MT207', 'tenancy', 'function', 'no JWT secret configured', 'operator: monay.set_jwt_secret'),
    ('MT208', 'tenancy', 'function', 'the user does not exist or is disabled', '401'),
    ('MT209', 'tenancy', 'function', 'tenant switching is disabled (setting TENANT_SWITCHING_ENABLED false); the refusal is recorded', '403: stay in the current tenant; the platform re-enables it'),
    -- tenancy
    ('MT301', 'tenancy', 'function', 'tenant not found', 'check the id'),
    ('MT302', 'tenancy', 'function', 'user not found (or disabled, for an owner or a new member)', 'check the id'),
    ('MT303', 'tenancy', 'function', 'the user already belongs to MAX_TENANTS_PER_USER tenants (message: user, count, limit)', 'leave another tenant first, or ask the platform'),
    ('MT304', 'tenancy', 'function', 'the tenant is closed: the operation is refused (closing is final)', 'none: create a new tenant'),
    ('MT305', 'tenancy', 'function', 'the change would leave the tenant without an active owner', 'make another member owner first'),
    ('MT306', 'tenancy', 'function', 'a tenant row cannot be deleted (trigger tenants_050_never_deleted): tenants are closed and purged, the row stays', 'close the tenant (monay.close_tenant); monay.purge_closed_tenants deletes its data'),
    ('MT307', 'tenancy', 'function', 'the tenant-creation idempotency key was already used by this owner with other parameters', 'use a new key for a new tenant'),
    ('MT309', 'tenancy', 'function', 'the authenticated user has no invitation to that tenant (never invited, or removed)', 'ask an owner or admin to invite them'),
    ('MT308', 'tenancy', 'function', 'purge_closed_tenants (in its result rows, not raised to the caller): a table''s DELETE policy kept some of a closed tenant''s rows', 'DBA: list the table in monay_private.purge_retained_tables or let the platform delete it'),
    -- billing
    ('MT401', 'billing', 'function', 'unknown operation type (message names it and the tenant)', 'fix the type; SELECT operation_type FROM monay.operation_costs'),
    ('MT402', 'billing', 'function', 'a free tenant would exceed its monthly allowance (tenant, tier, month, limit, usage, request)', 'do not retry this month; upgrade the tier (monay.upgrade_tenant_tier)'),
    ('MT403', 'billing', 'function', 'rate limit exceeded (tier, rate, burst, slots); the message ends "retry in N ms" (match retry in (\d+) ms$)', 'back off for N ms; batch with track_operations'),
    ('MT404', 'billing', 'function', 'tenant suspended or closed: usage refused', 'stop; the platform reactivates a suspended tenant'),
    ('MT405', 'billing', 'function', 'payment method not accepted: fiat or a disabled stablecoin; nothing recorded', 'pay with an enabled stablecoin (SELECT symbol FROM monay.stablecoin_payment_config WHERE enabled)'),
    ('MT406', 'billing', 'function', 'idempotency key reused with a different request', 'use a new key for a new request (a client bug otherwise)'),
    ('MT407', 'billing', 'function', 'the month is not over yet (UTC): cannot be billed', 'wait until the first of next month'),
    ('MT408', 'billing', 'function', 'a finalized bill cannot change or be deleted', 'record a correction with monay.adjust_bill'),
    ('MT409', 'billing', 'function', 'more operations in one batch than BILLING_MAX_BATCH_OPERATIONS', 'split the batch'),
    ('MT410', 'billing', 'function', 'raw insert: computation_units is not units x quantity of the type', 'omit the column (it is filled) or send the right value'),
    ('MT411', 'billing', 'function', 'a price, allowance, cost or payment discount would put a tier below its gross-margin floor (rule 1: one unit of overage; rule 2: the included allowance against the base fee)', 'raise the price, lower the allowance, cost or discount, or change the floor (docs/billing.md, margin floor)'),
    ('MT412', 'billing', 'function', 'no finalized bill for that tenant and month (or it is void) to adjust', 'finalize first / pick the right month'),
    ('MT413', 'billing', 'function', 'the adjustment would leave less owed than already paid', 'refunds are outside this engine'),
    ('MT414', 'billing', 'function', 'a price version in force or past cannot change; a new one must start in a future month', 'add a version with a later effective_from'),
    ('MT415', 'billing', 'function', 'occurred_at is not finite or before the tenant was created', 'send the operation''s real time'),
    ('MT416', 'billing', 'function', 'beyond what billing can hold: a quantity above BILLING_MAX_OPERATION_QUANTITY, a counter above 10^15, a bill above 10^15 cents', 'split the usage (a bill: the run records it, the platform investigates)'),
    ('MT417', 'billing', 'function', 'a payment above 10^12 cents, or a tenant''s payments above 10^15 cents', 'check or split the amount'),
    -- groups
    ('MG001', 'groups', 'function', 'group not found, or not visible to the caller''s context', 'check the id / the tenant you are in'),
    ('MG002', 'groups', 'function', 'role not valid for the group''s kind (or parent for another tenant than the holding''s owner)', 'use a role of monay.group_member_roles for that kind'),
    ('MG003', 'groups', 'function', 'invalid group configuration (unknown key, wrong type or value)', 'fix the config (keys below)'),
    ('MG004', 'groups', 'function', 'the hierarchy would be deeper than GROUP_HIERARCHY_DEPTH', 'attach higher, or flatten'),
    ('MG005', 'groups', 'function', 'the new parent is the group itself or one of its descendants (a cycle)', 'pick another parent'),
    ('MG006', 'groups', 'function', 'the group has MAX_GROUP_MEMBERS members', 'remove a member first'),
    ('MG007', 'groups', 'function', 'already a member with another role or allowance', 'remove and add again'),
    ('MG008', 'groups', 'function', 'the user or tenant to add (or the head / owner) does not exist or is not active', 'check the id'),
    ('MG009', 'groups', 'function', 'a member of the wrong type (a tenant in a household, a user in a holding), or a grantee that is not a member', 'add the right kind of member first'),
    ('MG010', 'groups', 'function', 'the member is the group''s last manager (head, parent company)', 'add another head first; a holding keeps its parent'),
    ('MG011', 'groups', 'function', 'hierarchy rule: a kind that does not nest, a parent the owner neither owns nor belongs to, or removing a tenant whose group hangs under this one', 'move the child group first'),
    ('MG012', 'groups', 'function', 'treasury sharing of holdings is off (HOLDING_COMPANY_TREASURY false)', 'ask the platform'),
    ('MG013', 'groups', 'function', 'the wallet does not exist or is not the group owner''s', 'share one of the owner''s wallets'),
    ('MG014', 'groups', 'function', 'treasury grant not found, or not visible to this context', 'check the id and the context'),
    ('MG015', 'groups', 'function', 'the grant is revoked or expired', 'ask the owner for a new grant'),
    ('MG016', 'groups', 'function', 'the spend exceeds what is left of the grant''s limit (message: limit, spent, left)', 'spend less'),
    ('MG017', 'groups', 'function', 'the grant is read-only', 'ask for a spend grant'),
    ('MG018', 'groups', 'function', 'allowance on a role without one, or a negative one', 'allowances are for child and dependent'),
    ('MG019', 'groups', 'function', 'idempotency key reused with other parameters', 'use a new key'),
    ('MG020', 'groups', 'function', 'no consolidated bill for that group and month', 'wait for the monthly run'),
    -- platform tables (wallets, transfers) and the legacy retrofit
    ('MP001', 'platform', 'function', 'wallet not found in the current tenant (another tenant''s wallet is "not found" too)', 'check the id and the tenant'),
    ('MP002', 'platform', 'function', 'the sender''s balance is below the amount (names both)', 'fund the wallet or lower the amount'),
    ('MP003', 'platform', 'function', 'the wallet owner is not an active member of the tenant', 'add them to the tenant first'),
    ('MP004', 'platform', 'function', 'a wallet is frozen or closed', 'use an active wallet'),
    ('MP005', 'platform', 'function', 'the two wallets hold different currencies', 'transfer within one currency'),
    ('MP006', 'platform', 'function', 'the idempotency key was used for another request', 'a new key for a new request'),
    ('MP010', 'platform', 'function', 'legacy seed: the platform tables are tenant-scoped already (006 applied)', 'monaydb migrate down --to 005_billing_infrastructure, or seed another database'),
    ('MP011', 'platform', 'function', 'legacy seed: the platform tables already hold rows', 'seed an empty database'),
    -- vaults (HD wallets)
    ('MV001', 'vault', 'function', 'HD wallet derivation is disabled (HD_WALLET_ENABLED false)', '503; the platform enables it'),
    ('MV002', 'vault', 'function', 'the path is outside the tenant''s own account subtree', 'derive at a path from next_wallet_paths'),
    ('MV003', 'vault', 'function', 'malformed path (a level not hardened, an index beyond 2^31 - 1) or not an address path', 'fix the path'),
    ('MV004', 'vault', 'function', 'the address is not base58 of a 32-byte ed25519 public key', 'send the public key''s base58'),
    ('MV005', 'vault', 'function', 'the path is registered with another address or purpose, or the address at another path', 'investigate (another seed?), do not retry'),
    ('MV006', 'vault', 'function', 'the path''s key version is not the vault''s current one (rotated meanwhile)', 'ask next_wallet_paths again'),
    ('MV007', 'vault', 'function', 'the tenant has no vault (no such tenant)', 'check the id'),
    ('MV008', 'vault', 'function', 'unknown wallet address purpose', 'SELECT purpose FROM monay.wallet_address_purposes'),
    ('MV009', 'vault', 'function', 'the account ledger (monay_private.vault_account_allocations) is append-only', 'none: account indexes are never reused'),
    ('MV010', 'vault', 'function', 'every hardened account index (2^31) is allocated', 'a new tree is needed (docs/vault.md)')
$$;

COMMENT ON FUNCTION monay.error_codes() IS
    'Registry of every SQLSTATE callers may receive: domain, origin, meaning, what to do.';
REVOKE ALL ON FUNCTION monay.error_codes() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.error_codes() TO monay_app, monay_platform, monay_readonly;
