package fr.lexom.contracts.process;

import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoicePaid;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the contract's process that an invoice is paid, in the transaction that recorded the payment. A
 * contract not waiting for that message simply ignores it (the fact is in the database, and the model checks
 * it before waiting).
 */
@Component
class InvoicePaidCorrelator {

    private static final Logger LOG = LoggerFactory.getLogger(InvoicePaidCorrelator.class);

    private final RuntimeService runtimeService;
    private final IdentityService identityService;

    InvoicePaidCorrelator(RuntimeService runtimeService, IdentityService identityService) {
        this.runtimeService = runtimeService;
        this.identityService = identityService;
    }

    @EventListener
    void onInvoicePaid(InvoicePaid event) {
        String contract = event.invoice().contractNumber();
        // The payment was authorized when it was recorded (API roles, Tasklist groups); the message is the
        // system's consequence of it, so it is delivered without the recorder's process permissions.
        Authentication recorder = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            InvoiceKind kind = event.invoice().kind();
            if (kind == InvoiceKind.DEPOSIT) {
                correlate(ContractMessages.DEPOSIT_PAID, contract);
            } else if (kind == InvoiceKind.BALANCE) {
                correlate(ContractMessages.PREPAYMENT_RECEIVED, contract);
            } else if (kind == InvoiceKind.FUNDER_SHARE) {
                correlate(ContractMessages.FUNDER_PAID, contract);
            }
            runtimeService.createMessageCorrelation(ContractMessages.INVOICE_PAID)
                    .processInstanceBusinessKey(event.invoice().number()).correlateAllWithResult();
            if (event.contractSettled()) {
                correlate(ContractMessages.INVOICES_SETTLED, contract);
            }
        } finally {
            if (recorder != null) {
                identityService.setAuthentication(recorder);
            }
        }
    }

    private void correlate(String message, String contractNumber) {
        int delivered = runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(contractNumber)
                .correlateAllWithResult().size();
        LOG.info("Message {} for contract {} delivered to {} execution(s)", message, contractNumber, delivered);
    }
}
