package fr.lexom.contracts.documents;

import static fr.lexom.contracts.documents.PdfText.embeddedFile;
import static fr.lexom.contracts.documents.PdfText.text;
import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 20, attack 5: text stored before the input rules (or written around them) with characters XML 1.0 cannot
 * carry still prints: the quote, its mail and the Factur-X invoice show U+FFFD, no job fails, no incident.
 */
@IntegrationTest
class UnprintableTextTest extends ProcessTestSupport {

    @Autowired
    Documents documents;
    @Autowired
    InvoiceService invoices;

    @Test
    void aStoredControlCharacterPrintsAsAReplacementInTheQuoteTheMailAndTheInvoice() throws Exception {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        // written straight into the tables, as old data or another tool would; PostgreSQL cannot store a NUL at all
        String bad = postgres() ? "\u0001\u001F\uFFFF" : "\u0000\u0001\uFFFF";
        jdbc.sql("UPDATE client SET name = ? WHERE id = (SELECT client_id FROM contract WHERE number = ?)")
                .params("Transports " + bad + " Vivarais", number).update();
        jdbc.sql("UPDATE contract SET place = ? WHERE number = ?").params("Salle " + bad + " Aubenas", number).update();

        executeDueJobs(instance); // the quote mail: renders the quote
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        List<Long> attached = jdbc.sql("""
                SELECT a.document_id FROM outbox_attachment a JOIN outbox_mail m ON m.id = a.mail_id
                WHERE m.contract_number = ? AND m.letter = 'quote'""").param(number).query(Long.class).list();
        assertThat(attached).hasSize(1);
        String quote = text(PdfText.keep("Devis-unprintable.pdf", documents.content(attached.get(0)).orElseThrow().bytes()));
        assertThat(quote).contains("Transports \uFFFD\uFFFD\uFFFD Vivarais", "Salle \uFFFD\uFFFD\uFFFD Aubenas");

        // the deposit invoice, as Factur-X: its PDF and its XML
        completeTask(instance, "Task_RecordSignature", TestUsers.SALES, "sales",
                java.util.Map.of("signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE"));
        executeDueJobs(instance);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        Invoice deposit = invoices.ofContract(number).get(0);
        byte[] pdf = transaction.execute(s -> documents.content(documents.invoice(deposit.number()).id()).orElseThrow().bytes());
        assertThat(text(pdf)).contains("Transports \uFFFD\uFFFD\uFFFD Vivarais");
        String xml = embeddedFile(pdf, "factur-x.xml");
        // Thymeleaf's XML escaping already drops what XML cannot carry: the name is there, without the characters
        assertThat(xml).containsPattern("<ram:Name>Transports \uFFFD* ?Vivarais</ram:Name>")
                .doesNotContain("\u0000", "\u0001", "\u001F", "\uFFFF");
        // no mail of the contract carries the character either
        assertThat(jdbc.sql("SELECT body_text FROM outbox_mail WHERE contract_number = ?").param(number).query(String.class).list())
                .isNotEmpty().noneMatch(body -> body.contains("\u0001") || body.contains("\u0000"));
    }

    private boolean postgres() throws java.sql.SQLException {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        }
    }

    @Autowired
    javax.sql.DataSource dataSource;
}
