package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.billing.Amounts;
import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.contract.CgvEdition;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.InvalidRequestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancellations and postponements, by the client (C0-C3, D3-LEGACY, priced by the DMN table client-request-fee)
 * or by LEXOM (X1, X2); engine-free. A fee has its own invoice, without VAT and never for a funder (O5); what the
 * client paid counts toward it and any excess is refunded.
 */
@Service
public class CancellationService {

    static final Set<ContractStage> NOT_OPEN = EnumSet.of(ContractStage.QUOTE_SENT, ContractStage.CLOSED,
            ContractStage.EXPIRED, ContractStage.WITHDRAWN, ContractStage.CANCELLED, ContractStage.RESOLVED);

    private final ContractService contracts;
    private final InvoiceService invoices;
    private final JdbcClient jdbc;
    private final CancellationProperties properties;

    public CancellationService(ContractService contracts, InvoiceService invoices, JdbcClient jdbc,
                               CancellationProperties properties) {
        this.contracts = contracts;
        this.invoices = invoices;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The DMN's inputs for a written request received on {@code receivedOn} (C0: delays count from then). */
    public Map<String, Object> assess(String contractNumber, String requestKind, LocalDate receivedOn, LocalDate requestedStart,
                                      LocalDate today) {
        ContractSummary contract = contracts.find(contractNumber);
        checkOpen(contract, "Demande d'annulation ou de report");
        if (receivedOn == null || receivedOn.isAfter(today)) {
            throw new InvalidRequestException(Map.of("receivedOn", "La date de réception de la demande écrite est obligatoire et ne peut pas être dans le futur (C0)."));
        }
        boolean depositPaid = invoices.existing(contractNumber, InvoiceKind.DEPOSIT).map(Invoice::settled).orElse(false);
        // C2-LEGACY: the new date must fall within 6 months of the order, to the day; unknown yet, the timer watches it
        boolean withinSixMonths = requestedStart == null || withinSixMonths(contract.acceptedOn(), requestedStart);
        return Map.of("cgvEdition", contract.cgvEdition().name(), "requestKind", requestKind,
                "daysBeforeStart", (int) ChronoUnit.DAYS.between(receivedOn, contract.startsOn()),
                "started", !receivedOn.isBefore(contract.startsOn()), "depositPaid", depositPaid,
                "withinSixMonths", withinSixMonths);
    }

    /** C2-LEGACY: a new start date within six months of the order, to the day (order 15 Jan: 15 Jul is within). */
    public static boolean withinSixMonths(LocalDate orderedOn, LocalDate newStart) {
        return !newStart.isAfter(orderedOn.plusMonths(6));
    }

    /** The fee (incl. everything, no VAT: an indemnity, O5) that the decision's basis and percentage give. */
    public BigDecimal fee(ContractSummary contract, String basis, int percent) {
        return switch (basis) {
            case "FULL" -> contract.priceGross();
            case "PERCENT", "DEPOSIT_KEPT" -> Amounts.percentOf(contract.priceGross(), BigDecimal.valueOf(percent));
            case "PROPOSAL_COST" -> Amounts.cents(properties.proposalCost());
            default -> Amounts.cents(BigDecimal.ZERO);
        };
    }

    /** What a settlement leaves: the fee invoice (if any) and the amount to refund. */
    public record Settlement(Invoice feeInvoice, BigDecimal refund) {
    }

    /**
     * Cancels the contract: its open invoices are cancelled by credit notes, the fee is invoiced, the sums paid
     * count toward it (an internal transfer), and what remains is to be refunded.
     */
    @Transactional
    public Settlement cancel(String contractNumber, BigDecimal fee, String ruleId, String reason, LocalDate today, String actor) {
        ContractSummary contract = contracts.find(contractNumber);
        BigDecimal paid = clientPaid(contractNumber);
        for (Invoice invoice : invoices.ofContract(contractNumber)) {
            invoices.creditInFull(invoice, "Annulation du contrat (" + ruleId + ")", ruleId, today);
        }
        Invoice feeInvoice = null;
        if (fee.signum() > 0) {
            feeInvoice = invoices.issueFee(contractNumber, fee, "Frais d'annulation - " + reason, ruleId, today);
            transfer(feeInvoice, paid.min(fee), today, actor);
        }
        BigDecimal refund = paid.subtract(fee).max(BigDecimal.ZERO);
        contracts.moveTo(contractNumber, ContractStage.CANCELLED, reason + " ; frais " + fee + " EUR (" + ruleId + ")"
                + (refund.signum() > 0 ? ", à rembourser " + refund + " EUR" : ""), actor);
        return new Settlement(feeInvoice, refund);
    }

    /**
     * A postponement fee: C2-2025 never above the cancellation fee of that day ({@code cap}); C2-LEGACY the deposit
     * kept (its payment becomes the fee, and no longer counts toward the training).
     */
    @Transactional
    public Invoice postponementFee(String contractNumber, BigDecimal fee, BigDecimal cap, String ruleId, LocalDate today,
                                   String actor) {
        if (fee.signum() < 0 || fee.compareTo(cap) > 0) {
            throw new InvalidRequestException(Map.of("postponementFee", "Les frais de report sont compris entre 0 et "
                    + cap + " € : jamais plus qu'une annulation à la même date (C2-2025)."));
        }
        if (fee.signum() == 0) {
            return null;
        }
        Invoice feeInvoice = invoices.issueFee(contractNumber, fee, "Frais de report", ruleId, today);
        if ("C2-LEGACY".equals(ruleId)) {
            invoices.existing(contractNumber, InvoiceKind.DEPOSIT).filter(Invoice::settled).ifPresent(deposit -> {
                invoices.creditInFull(deposit, "Acompte conservé au titre des frais de report (C2-LEGACY)", ruleId, today);
                transfer(feeInvoice, deposit.paid().min(fee), today, actor);
            });
        }
        return feeInvoice;
    }

    /** X1: LEXOM cancels: nothing is owed, everything paid is refunded (deposit included). */
    @Transactional
    public Settlement cancelByLexom(String contractNumber, String reason, LocalDate today, String actor) {
        BigDecimal paid = clientPaid(contractNumber);
        for (Invoice invoice : invoices.ofContract(contractNumber)) {
            invoices.creditInFull(invoice, "Annulation par LEXOM (X1)", "X1", today);
        }
        contracts.moveTo(contractNumber, ContractStage.CANCELLED, "Annulée par LEXOM : " + reason + " ; aucun frais"
                + (paid.signum() > 0 ? ", à rembourser " + paid + " EUR (X1)" : " (X1)"), actor);
        return new Settlement(null, paid);
    }

    public void checkOpen(ContractSummary contract, String what) {
        if (NOT_OPEN.contains(contract.stage())) {
            throw new fr.lexom.contracts.contract.StateConflictException(what + " impossible : le contrat " + contract.number()
                    + " est à l'étape « " + contract.stage().label() + " ».");
        }
    }

    public boolean legacy(String contractNumber) {
        return contracts.find(contractNumber).cgvEdition() == CgvEdition.CGV_LEGACY;
    }

    private BigDecimal clientPaid(String contractNumber) {
        return invoices.ofContract(contractNumber).stream()
                .filter(i -> !i.billedToFunder() && i.kind() != InvoiceKind.CREDIT_NOTE && i.kind() != InvoiceKind.FEE)
                .map(Invoice::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void transfer(Invoice feeInvoice, BigDecimal amount, LocalDate today, String actor) {
        if (amount.signum() <= 0) {
            return;
        }
        // the client's money already received now pays the fee (an internal transfer, not a new payment)
        jdbc.sql("""
                INSERT INTO payment (external_reference, invoice_id, contract_id, amount, received_on, payer, source, recorded_by)
                SELECT ?, id, contract_id, ?, ?, 'report des sommes versées', 'TASKLIST', ? FROM invoice WHERE id = ?""")
                .params("TRANSFER-" + feeInvoice.number(), amount, today, actor, feeInvoice.id())
                .update();
        invoices.refreshStatus(feeInvoice.id());
    }

    List<Invoice> invoicesOf(String contractNumber) {
        return invoices.ofContract(contractNumber);
    }
}
