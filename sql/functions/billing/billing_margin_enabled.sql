-- sql/functions/billing/billing_margin_enabled.sql
CREATE OR REPLACE FUNCTION monay_private.billing_margin_enabled()
    RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The seed's MARGIN_CALCULATION_ENABLED flag (monay.settings): true when
   bills carry their margin figures ("margin": cost, gross margin, target),
   false to leave them out of every bill document (drafts and stored bills
   alike: the figures stay stored, only the documents omit them). It switches
   off nothing that decides money: the tiers' margin CHECK on tenants, the
   price versions' margin floor (billing_config_guard) and
   monay.apply_margin_markup stay as they are (docs/billing.md). True when
   the setting is missing (a database before migration 016). Raises nothing.
   PL/pgSQL: its plan is kept for the session. */
BEGIN
    RETURN coalesce((SELECT (s.value #>> '{}')::boolean FROM monay.settings s
                     WHERE s.key = 'MARGIN_CALCULATION_ENABLED'), true);
END;
$$;

COMMENT ON FUNCTION monay_private.billing_margin_enabled() IS
    'MARGIN_CALCULATION_ENABLED: whether bill documents carry their margin figures (true when unset).';
REVOKE ALL ON FUNCTION monay_private.billing_margin_enabled() FROM PUBLIC;
