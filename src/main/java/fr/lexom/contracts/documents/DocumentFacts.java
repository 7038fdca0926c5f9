package fr.lexom.contracts.documents;

import fr.lexom.contracts.billing.InvoiceLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What documents print beyond a contract's summary: the parties, the training, the invoice lines, attendance. */
@Component
class DocumentFacts {

    /** A party to the contract or an invoice (the client or the funder), as its documents name it. */
    record Party(String name, String kind, String siren, String siret, String vatNumber, String email, String line1,
                 String line2, String postalCode, String city, String countryCode) {

        public boolean legalPerson() {
            return !"INDIVIDUAL".equals(kind);
        }

        /** SIREN (BT-47): stated, or the first nine digits of the SIRET. */
        public String sirenOrFromSiret() {
            if (siren != null && !siren.isBlank()) {
                return siren;
            }
            return siret != null && siret.length() == 14 ? siret.substring(0, 9) : null;
        }
    }

    /** The catalogue entry of the contract's training (Q2). */
    record Training(String reference, String title, BigDecimal durationDays, BigDecimal durationHours,
                    String prerequisites, String audience, String assessment) {
    }

    /** What an invoice carries besides its amounts. */
    record InvoiceExtras(BigDecimal vatRate, boolean vatExempt, String creditedInvoiceNumber, LocalDate creditedIssuedOn,
                         List<InvoiceLine> lines) {
    }

    private final JdbcClient jdbc;

    DocumentFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Party client(String contractNumber) {
        return jdbc.sql("""
                SELECT cl.name, cl.kind, cl.siren, cl.siret, cl.vat_number, cl.email, cl.billing_line1, cl.billing_line2,
                       cl.billing_postal_code, cl.billing_city, cl.billing_country_code
                FROM contract c JOIN client cl ON cl.id = c.client_id WHERE c.number = ?""")
                .param(contractNumber)
                .query((rs, n) -> new Party(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11)))
                .single();
    }

    /** The funder billed by an invoice of its share (O3), if the invoice is billed to one. */
    Optional<Party> funderOfInvoice(long invoiceId) {
        return jdbc.sql("""
                SELECT f.name, f.email, f.billing_line1, f.billing_postal_code, f.billing_city
                FROM invoice i JOIN funder f ON f.id = i.funder_id WHERE i.id = ?""")
                .param(invoiceId)
                .query((rs, n) -> new Party(rs.getString(1), "FUNDER", null, null, null, rs.getString(2), rs.getString(3),
                        null, rs.getString(4), rs.getString(5), "FR"))
                .optional();
    }

    Optional<String> fundingAgreement(String contractNumber) {
        return jdbc.sql("""
                SELECT f.agreement_reference FROM funding f JOIN contract c ON c.id = f.contract_id
                WHERE c.number = ? AND f.status = 'GRANTED'""")
                .param(contractNumber).query(String.class).optional();
    }

    Training training(String contractNumber) {
        return jdbc.sql("""
                SELECT t.reference, t.title, t.duration_days, t.duration_hours, t.prerequisites, t.audience, t.assessment
                FROM contract c JOIN training t ON t.id = c.training_id WHERE c.number = ?""")
                .param(contractNumber)
                .query((rs, n) -> new Training(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .single();
    }

    InvoiceExtras invoiceExtras(long invoiceId) {
        List<InvoiceLine> lines = jdbc.sql("SELECT label, net, rule_id FROM invoice_line WHERE invoice_id = ? ORDER BY position")
                .param(invoiceId)
                .query((rs, n) -> new InvoiceLine(rs.getString(1), rs.getBigDecimal(2), rs.getString(3)))
                .list();
        return jdbc.sql("""
                SELECT i.vat_rate, i.vat_exempt, o.number, o.issued_on
                FROM invoice i LEFT JOIN invoice o ON o.id = i.credited_invoice_id WHERE i.id = ?""")
                .param(invoiceId)
                .query((rs, n) -> new InvoiceExtras(rs.getBigDecimal(1), rs.getBoolean(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), lines))
                .single();
    }

    /** Half-days recorded for a participant: {present, recorded}. */
    int[] halfDays(long participantId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN present THEN 1 ELSE 0 END), 0), COUNT(*)
                FROM attendance WHERE participant_id = ?""")
                .param(participantId)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .single();
    }
}
