package fr.lexom.contracts.billing;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues the invoices of a contract with gap-free numbers (FA-year-sequence), due on receipt (P1), each line
 * carrying the rule that produced it; engine-free.
 */
@Service
public class InvoiceService {

    /** D1: the deposit is 30 % of the total price incl. VAT. */
    public static final BigDecimal DEPOSIT_PERCENT = BigDecimal.valueOf(30);

    private static final String SELECT = """
            SELECT i.id, i.number, i.kind, c.number AS contract_number, i.funder_id, i.issued_on, i.due_on, i.net,
                   i.vat, i.gross, i.status,
                   %s AS paid, CASE WHEN %s THEN 1 ELSE 0 END AS written_off
            FROM invoice i JOIN contract c ON c.id = i.contract_id
            """.formatted(Owed.PAID_SQL, Owed.WRITTEN_OFF_SQL);

    private final JdbcClient jdbc;
    private final DocumentNumbers numbers;
    private final ContractService contracts;

    public InvoiceService(JdbcClient jdbc, DocumentNumbers numbers, ContractService contracts) {
        this.jdbc = jdbc;
        this.numbers = numbers;
        this.contracts = contracts;
    }

    /** D1: deposit invoice of 30 % of the gross; W2 is the caller's business (issued after the withdrawal period). */
    @Transactional
    public Invoice issueDeposit(String contractNumber, LocalDate today) {
        return existing(contractNumber, InvoiceKind.DEPOSIT).orElseGet(() -> {
            ContractSummary contract = contracts.find(contractNumber);
            InvoiceAmounts amounts = InvoiceAmounts.fromGross(
                    Amounts.percentOf(contract.priceGross(), DEPOSIT_PERCENT), contract.vatRate(), contract.vatExempt());
            return issue(contract, InvoiceKind.DEPOSIT, false, amounts, null, today, List.of(new InvoiceLine(
                    "Acompte de 30 % du prix TTC - " + contract.trainingTitle(), amounts.net(), "D1")));
        });
    }

    /** P2-2025: a client established outside France pays the whole price before the start. */
    @Transactional
    public Invoice issuePrepayment(String contractNumber, LocalDate today) {
        return existing(contractNumber, InvoiceKind.BALANCE).orElseGet(() -> {
            ContractSummary contract = contracts.find(contractNumber);
            InvoiceAmounts amounts = new InvoiceAmounts(contract.priceNet(), contract.vatAmount(), contract.priceGross());
            return issue(contract, InvoiceKind.BALANCE, false, amounts, null, today, List.of(new InvoiceLine(
                    "Formation " + contract.trainingReference() + " - " + contract.trainingTitle()
                            + " (règlement intégral avant le début)", amounts.net(), "P2-2025")));
        });
    }

    /**
     * After delivery (P1, O3): the funder's share under direct payment, then what the client still owes: the
     * price less the deposit and the funder's share. Returns the invoices issued now (none if all was invoiced).
     */
    @Transactional
    public List<Invoice> issueFinalInvoices(String contractNumber, LocalDate today) {
        ContractSummary contract = contracts.find(contractNumber);
        List<Invoice> issued = new ArrayList<>();
        InvoiceAmounts total = new InvoiceAmounts(contract.priceNet(), contract.vatAmount(), contract.priceGross());
        InvoiceAmounts invoiced = invoicedSoFar(contractNumber);
        InvoiceAmounts open = total.minus(invoiced);
        Optional<BigDecimal> granted = grantedFunding(contract.id());
        if (granted.isPresent() && existing(contractNumber, InvoiceKind.FUNDER_SHARE).isEmpty() && open.gross().signum() > 0) {
            InvoiceAmounts share = InvoiceAmounts.fromGross(granted.get().min(open.gross()), contract.vatRate(),
                    contract.vatExempt());
            issued.add(issue(contract, InvoiceKind.FUNDER_SHARE, true, share, null, today, List.of(new InvoiceLine(
                    "Prise en charge " + contract.funderName() + " - formation " + contract.trainingReference(),
                    share.net(), "O3"))));
            open = open.minus(share);
        }
        if (open.gross().signum() > 0) {
            List<InvoiceLine> lines = new ArrayList<>();
            lines.add(new InvoiceLine("Formation " + contract.trainingReference() + " - " + contract.trainingTitle(),
                    contract.priceNet(), "P1"));
            for (Invoice previous : ofContract(contractNumber)) {
                if (previous.kind() != InvoiceKind.CREDIT_NOTE && !"CANCELLED".equals(previous.status())) {
                    lines.add(new InvoiceLine(label(previous), previous.net().negate(),
                            previous.kind() == InvoiceKind.DEPOSIT ? "D1" : "O3"));
                }
            }
            issued.add(issue(contract, InvoiceKind.BALANCE, false, open, null, today, lines));
        }
        return issued;
    }

    /**
     * O4: the funder has not paid one month after the training ended: its invoice is cancelled by a credit note
     * and the client is invoiced the unpaid share, so that it pays the full cost.
     */
    @Transactional
    public Optional<Invoice> reinvoiceUnpaidFunderShare(String contractNumber, LocalDate today) {
        Optional<Invoice> funderInvoice = existing(contractNumber, InvoiceKind.FUNDER_SHARE)
                .filter(invoice -> !invoice.settled());
        if (funderInvoice.isEmpty()) {
            return Optional.empty();
        }
        Invoice unpaid = funderInvoice.get();
        ContractSummary contract = contracts.find(contractNumber);
        InvoiceAmounts share = new InvoiceAmounts(unpaid.net(), unpaid.vat(), unpaid.gross());
        issue(contract, InvoiceKind.CREDIT_NOTE, true, share.negate(), unpaid.id(), today, List.of(new InvoiceLine(
                "Annulation de la facture " + unpaid.number() + " (financeur sans règlement un mois après la formation)",
                share.net().negate(), "O4")));
        jdbc.sql("UPDATE invoice SET status = 'CANCELLED' WHERE id = ?").param(unpaid.id()).update();
        return Optional.of(issue(contract, InvoiceKind.BALANCE, false, share, null, today, List.of(new InvoiceLine(
                "Part de la formation non réglée par " + contract.funderName() + " (facture " + unpaid.number() + ")",
                share.net(), "O4"))));
    }

    /**
     * L1, L2: invoices the late interest and the recovery indemnity of a late invoice, as computed on {@code asOf}.
     * Neither bears VAT (they are compensation, not a supply); both lines cite their rule. Once per late invoice.
     */
    @Transactional
    public Invoice issueLateCharges(String lateInvoiceNumber, BigDecimal interest, BigDecimal indemnity, String rateText,
                                    LocalDate asOf, LocalDate today) {
        Invoice late = find(lateInvoiceNumber).orElseThrow(() -> new IllegalArgumentException("Unknown invoice " + lateInvoiceNumber));
        Optional<Long> existing = jdbc.sql("SELECT charge_invoice_id FROM late_charge WHERE invoice_id = ?").param(late.id())
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return jdbc.sql(SELECT + " WHERE i.id = ?").param(existing.get()).query(this::map).single();
        }
        BigDecimal total = Amounts.cents(interest.add(indemnity));
        if (total.signum() <= 0) {
            throw new IllegalStateException("Nothing to invoice: invoice " + lateInvoiceNumber + " was not late on " + asOf);
        }
        ContractSummary contract = contracts.find(late.contractNumber());
        List<InvoiceLine> lines = new ArrayList<>();
        if (interest.signum() > 0) {
            lines.add(new InvoiceLine("Pénalités de retard sur la facture " + late.number() + " au " + asOf + " (" + rateText + ")",
                    Amounts.cents(interest), "L1"));
        }
        if (indemnity.signum() > 0) {
            lines.add(new InvoiceLine("Indemnité forfaitaire pour frais de recouvrement, facture " + late.number(),
                    Amounts.cents(indemnity), "L2"));
        }
        Invoice charges = issue(contract, InvoiceKind.FEE, false, new InvoiceAmounts(total, Amounts.cents(BigDecimal.ZERO), total),
                null, today, lines);
        jdbc.sql("UPDATE invoice SET vat_rate = 0 WHERE id = ?").param(charges.id()).update();
        jdbc.sql("INSERT INTO late_charge (invoice_id, charge_invoice_id, computed_on) VALUES (?, ?, ?)")
                .params(late.id(), charges.id(), asOf).update();
        return charges;
    }

    /** A fee (C1, C2, D3) on an invoice of its own, to the client only (O5), without VAT (an indemnity). */
    @Transactional
    public Invoice issueFee(String contractNumber, BigDecimal fee, String label, String ruleId, LocalDate today) {
        ContractSummary contract = contracts.find(contractNumber);
        BigDecimal amount = Amounts.cents(fee);
        Invoice invoice = issue(contract, InvoiceKind.FEE, false, new InvoiceAmounts(amount, Amounts.cents(BigDecimal.ZERO), amount),
                null, today, List.of(new InvoiceLine(label + " - formation " + contract.trainingReference(), amount, ruleId)));
        jdbc.sql("UPDATE invoice SET vat_rate = 0 WHERE id = ?").param(invoice.id()).update();
        return invoice;
    }

    /**
     * Cancels an invoice by a credit note of its full amount (paid or not: what was paid is then refunded or
     * transferred by the caller). Credit notes, fees and cancelled invoices are left alone.
     */
    @Transactional
    public void creditInFull(Invoice invoice, String reason, String ruleId, LocalDate today) {
        if (invoice.kind() == InvoiceKind.CREDIT_NOTE || invoice.kind() == InvoiceKind.FEE || "CANCELLED".equals(invoice.status())) {
            return;
        }
        ContractSummary contract = contracts.find(invoice.contractNumber());
        InvoiceAmounts amounts = new InvoiceAmounts(invoice.net(), invoice.vat(), invoice.gross());
        issue(contract, InvoiceKind.CREDIT_NOTE, invoice.billedToFunder(), amounts.negate(), invoice.id(), today, List.of(
                new InvoiceLine("Avoir sur la facture " + invoice.number() + " : " + reason, invoice.net().negate(), ruleId)));
        jdbc.sql("UPDATE invoice SET status = 'CANCELLED' WHERE id = ?").param(invoice.id()).update();
    }

    /** Whether no invoice of the contract owes anything any more ({@link Owed}: paid, cancelled; credit notes owe nothing). */
    public boolean allSettled(String contractNumber) {
        return ofContract(contractNumber).stream().noneMatch(Invoice::open);
    }

    public List<Invoice> ofContract(String contractNumber) {
        return jdbc.sql(SELECT + " WHERE c.number = ? ORDER BY i.id").param(contractNumber).query(this::map).list();
    }

    public Optional<Invoice> find(String invoiceNumber) {
        return jdbc.sql(SELECT + " WHERE i.number = ?").param(invoiceNumber).query(this::map).optional();
    }

    public Optional<Invoice> existing(String contractNumber, InvoiceKind kind) {
        return ofContract(contractNumber).stream().filter(i -> i.kind() == kind && !"CANCELLED".equals(i.status())).findFirst();
    }

    /** Recomputes PAID / PARTIALLY_PAID from the payments recorded on the invoice. */
    @Transactional
    public Invoice refreshStatus(long invoiceId) {
        Invoice invoice = jdbc.sql(SELECT + " WHERE i.id = ?").param(invoiceId).query(this::map).single();
        if ("CANCELLED".equals(invoice.status()) || invoice.kind() == InvoiceKind.CREDIT_NOTE) {
            return invoice;
        }
        String status = invoice.paid().compareTo(invoice.gross()) >= 0 ? "PAID"
                : invoice.paid().signum() > 0 ? "PARTIALLY_PAID" : "ISSUED";
        jdbc.sql("UPDATE invoice SET status = ? WHERE id = ?").params(status, invoiceId).update();
        return jdbc.sql(SELECT + " WHERE i.id = ?").param(invoiceId).query(this::map).single();
    }

    private Invoice issue(ContractSummary contract, InvoiceKind kind, boolean toFunder, InvoiceAmounts amounts,
                          Long creditedInvoiceId, LocalDate today, List<InvoiceLine> lines) {
        int year = today.getYear();
        int sequence = numbers.next(DocumentNumbers.INVOICE, year);
        String number = DocumentNumbers.format(kind == InvoiceKind.CREDIT_NOTE ? "AV" : "FA", year, sequence);
        jdbc.sql("""
                INSERT INTO invoice (number, number_year, number_seq, kind, contract_id, client_id, funder_id,
                                     credited_invoice_id, issued_on, due_on, net, vat_rate, vat_exempt, vat, gross, status)
                SELECT ?, ?, ?, ?, c.id, CASE WHEN ? THEN NULL ELSE c.client_id END, CASE WHEN ? THEN c.funder_id END,
                       ?, ?, ?, ?, c.vat_rate, c.vat_exempt, ?, ?, 'ISSUED'
                FROM contract c WHERE c.number = ?""")
                .params(number, year, sequence, kind.name(), toFunder, toFunder, creditedInvoiceId, today,
                        today /* P1: due on receipt */, amounts.net(), amounts.vat(), amounts.gross(), contract.number())
                .update();
        long id = jdbc.sql("SELECT id FROM invoice WHERE number = ?").param(number).query(Long.class).single();
        int position = 1;
        for (InvoiceLine line : lines) {
            jdbc.sql("INSERT INTO invoice_line (invoice_id, position, label, net, rule_id) VALUES (?, ?, ?, ?, ?)")
                    .params(id, position++, truncate(line.label(), 300), line.net(), line.ruleId()).update();
        }
        contracts.recordEvent(contract.number(), "INVOICE_ISSUED", "Facture " + number + " (" + kind + ") : "
                + amounts.gross() + " EUR TTC", "system");
        return jdbc.sql(SELECT + " WHERE i.id = ?").param(id).query(this::map).single();
    }

    private InvoiceAmounts invoicedSoFar(String contractNumber) {
        InvoiceAmounts sum = new InvoiceAmounts(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        for (Invoice invoice : ofContract(contractNumber)) {
            boolean counts = invoice.kind() == InvoiceKind.DEPOSIT || invoice.kind() == InvoiceKind.BALANCE
                    || invoice.kind() == InvoiceKind.FUNDER_SHARE;
            if (counts && !"CANCELLED".equals(invoice.status())) {
                sum = sum.minus(new InvoiceAmounts(invoice.net(), invoice.vat(), invoice.gross()).negate());
            }
        }
        return sum;
    }

    private Optional<BigDecimal> grantedFunding(long contractId) {
        return jdbc.sql("SELECT granted_amount FROM funding WHERE contract_id = ? AND status = 'GRANTED' AND direct_payment")
                .param(contractId).query(BigDecimal.class).optional();
    }

    private static String label(Invoice invoice) {
        return switch (invoice.kind()) {
            case DEPOSIT -> "Acompte déjà facturé (facture " + invoice.number() + ")";
            case FUNDER_SHARE -> "Part prise en charge par le financeur (facture " + invoice.number() + ")";
            default -> "Déjà facturé (facture " + invoice.number() + ")";
        };
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private Invoice map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Invoice(rs.getLong("id"), rs.getString("number"), InvoiceKind.valueOf(rs.getString("kind")),
                rs.getString("contract_number"), rs.getObject("funder_id") != null,
                rs.getObject("issued_on", LocalDate.class), rs.getObject("due_on", LocalDate.class),
                rs.getBigDecimal("net"), rs.getBigDecimal("vat"), rs.getBigDecimal("gross"), rs.getString("status"),
                rs.getBigDecimal("paid"), rs.getInt("written_off") == 1);
    }
}
