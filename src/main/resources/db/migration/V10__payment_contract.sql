-- A payment names its contract: both writers (PaymentService, CancellationService) copy the invoice's contract into
-- payment.contract_id; this fills it for any older row that only had its invoice. The contract's payments are then
-- one index lookup (the managers' story, the access export of personal data) instead of a scan of every payment
-- joined to every invoice (262 ms with 200 000 payments, docs/performance.md).
UPDATE payment SET contract_id = (SELECT i.contract_id FROM invoice i WHERE i.id = payment.invoice_id)
WHERE contract_id IS NULL AND invoice_id IS NOT NULL;
CREATE INDEX payment_contract_ix ON payment (contract_id);
