package fr.lexom.contracts.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.documents.PdfText;
import fr.lexom.contracts.notification.MailCopies;
import fr.lexom.contracts.support.EvaluationSupport;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 24, item 2: the evidence file of a contract (« dossier de preuves »), downloaded as a manager: every document
 * a Qualiopi auditor asks for, each letter as the message it was, an index with each file's date, rule and fingerprint,
 * and what is missing named as missing.
 */
@IntegrationTest
class EvidenceFileTest extends EvaluationSupport {

    @Test
    void theEvidenceOfADeliveredContractHoldsEveryDocumentWithItsDateAndRule_Q2_S1_E1_O3_P1() throws Exception {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("funderCode", "OPCO-AKTO");
        ProcessInstance instance = acceptedContract(form);
        String number = contractNumber(instance);
        completeTask(instance, "Task_RecordFundingDecision", TestUsers.SALES, "sales", Map.of("fundingDecision", "GRANTED",
                "grantedAmount", "1 500,00", "agreementReference", "AKTO-PREUVES"));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        fireTimer(instance, "Timer_ConvocationDue");
        fireTimer(instance, "Timer_TrainingStarts");
        signEveryHalfDay(instance, null, null);
        fireTimer(instance, "Timer_SigningClosed");
        long anne = participantIds(number).get(0);
        assertThat(submit(linkIn("hot-evaluation", number, anne), hotAnswer(anne, 4, 5, 4, 5, 3, "Très concret"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        recordAttendance(instance);
        executeDueJobs(instance);

        Map<String, byte[]> zip = download(number);
        List<String> paths = List.copyOf(zip.keySet());
        assertThat(paths).anyMatch(p -> p.startsWith("01-devis-convention/") && p.endsWith(".pdf"));
        assertThat(paths.stream().filter(p -> p.startsWith("02-convocations/") && p.endsWith("-convocation.eml")))
                .as("one convocation per participant").hasSize(2);
        assertThat(paths).as("the sheet archived with the funder's invoice").anyMatch(p -> p.startsWith("03-emargement/"));
        assertThat(paths).contains("04-evaluations/evaluations-" + number + ".pdf");
        assertThat(paths.stream().filter(p -> p.startsWith("05-attestations/"))).as("a certificate each").hasSize(2);
        assertThat(paths.stream().filter(p -> p.startsWith("06-factures-avoirs/")))
                .as("deposit, funder's share, balance").hasSize(3);
        assertThat(paths).anyMatch(p -> p.startsWith("08-courriers/") && p.endsWith("-acceptance-acknowledgement.eml"));
        assertThat(paths).anyMatch(p -> p.startsWith("08-courriers/") && p.endsWith("-invoice.eml"));
        assertThat(paths).contains("00-sommaire.pdf", "00-sommaire.html");

        // every PDF reads, and names the contract (the attendance sheet without the participants' links)
        for (String path : paths) {
            if (path.endsWith(".pdf")) {
                String text = PdfText.text(zip.get(path));
                assertThat(text).as(path).contains(path.startsWith("05-attestations/") ? "Attestation" : number);
            }
        }
        assertThat(PdfText.text(zip.get("04-evaluations/evaluations-" + number + ".pdf")))
                .contains("Anne Dupont - évaluation à chaud", "Très concret", "Choisir le bon courrier écrit");
        // every letter is the message it was, attachments included
        List<String> subjects = new java.util.ArrayList<>();
        for (String path : paths) {
            if (path.endsWith(".eml")) {
                subjects.add(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(zip.get(path))).getSubject());
            }
        }
        assertThat(subjects).as("every mail of the contract, once").containsExactlyInAnyOrderElementsOf(jdbc.sql(
                "SELECT subject FROM outbox_mail WHERE contract_number = ?").param(number).query(String.class).list());
        String invoiceMail = paths.stream().filter(p -> p.endsWith("-invoice.eml")).findFirst().orElseThrow();
        MimeMessage invoice = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(zip.get(invoiceMail)));
        assertThat(((MimeMultipart) invoice.getContent()).getCount()).as("the text and the invoice it carried").isGreaterThanOrEqualTo(2);
        // a convocation carried the participant's personal link: the copy does not, and is dated when the mail left
        String convocationPath = paths.stream().filter(p -> p.endsWith("-convocation.eml")).findFirst().orElseThrow();
        MimeMessage convocation = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(zip.get(convocationPath)));
        var sent = jdbc.sql("SELECT body_text, COALESCE(sent_at, created_at) FROM outbox_mail WHERE message_id = ?")
                .param(convocation.getMessageID())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class))).single();
        assertThat(sent.getKey()).as("the mail as it left").contains("/p/");
        assertThat(textOf(convocation)).doesNotContain("/p/").contains(MailCopies.LINK_REMOVED);
        assertThat(new String(zip.get(convocationPath), StandardCharsets.UTF_8)).doesNotContain("/p/");
        assertThat(convocation.getSentDate().toInstant()).isEqualTo(sent.getValue().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        // the index lists every file with its date, its rule and its fingerprint
        String index = new String(zip.get("00-sommaire.html"), StandardCharsets.UTF_8);
        for (String path : paths) {
            if (!path.startsWith("00-sommaire")) {
                assertThat(index).as("index lists " + path).contains("href=\"" + path + "\"", "data-sha256=\"" + sha256(zip.get(path)) + "\"");
            }
        }
        assertThat(index).contains("Q2, S1", "E1", "O3", "D1", "Acceptation", "Documents du dossier", "Chronologie du contrat",
                        "lien personnel retiré")
                .doesNotContain("Documents manquants");
        String printed = PdfText.text(PdfText.keep("evidence-index.pdf", zip.get("00-sommaire.pdf")));
        assertThat(printed).contains("Dossier de preuves - contrat " + number, "Documents du dossier", "Chronologie du contrat",
                "Q2, S1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contract_event e JOIN contract c ON c.id = e.contract_id "
                + "WHERE c.number = ? AND e.kind = 'EVIDENCE_EXPORTED' AND e.actor = ?").params(number, TestUsers.MANAGER)
                .query(Long.class).single()).as("the download is on the timeline").isEqualTo(1);
    }

    @Test
    void aContractNotDeliveredYetNamesWhatIsMissing_E1() throws Exception {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);

        Map<String, byte[]> zip = download(number);
        assertThat(zip.keySet()).anyMatch(p -> p.startsWith("01-devis-convention/"))
                .anyMatch(p -> p.startsWith("06-factures-avoirs/")) // the deposit invoice (D1)
                .noneMatch(p -> p.startsWith("02-") || p.startsWith("03-") || p.startsWith("04-") || p.startsWith("05-"));
        String index = new String(zip.get("00-sommaire.html"), StandardCharsets.UTF_8).replace("&#39;", "'");
        assertThat(index).contains("Documents manquants à ce jour", "Aucune convocation envoyée à ce jour.",
                "la formation n'a pas encore eu lieu", "Aucune attestation délivrée à ce jour.",
                "Aucun participant n'a répondu à une évaluation à ce jour.");
    }

    @Test
    void anErasedPersonStaysErasedInTheEvidenceFile_G1() throws Exception {
        Map<String, Object> form = QuoteForms.individual(today().plusMonths(2));
        String email = (String) form.get("clientEmail");
        ProcessInstance instance = acceptedContract(form);
        String number = contractNumber(instance);
        fireTimer(instance, "Timer_WithdrawalPeriod"); // the deposit invoice is issued (W2)
        requests.lexomDecision(number, new java.util.HashMap<>(Map.of("lexomDecision", "CANCEL", "lexomReason", "TRAINER_ABSENT")));
        executeDueJobs(instance);
        assertThat(stageOf(number)).isEqualTo("CANCELLED");
        assertThat(rest.withBasicAuth(TestUsers.DPO, TestUsers.PASSWORD).postForEntity("/api/personal-data/erasure",
                Map.of("email", email), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        Map<String, byte[]> zip = download(number);
        assertThat(zip.keySet()).as("the quote is not made again").noneMatch(p -> p.startsWith("01-"))
                .as("the invoices stay (G2)").anyMatch(p -> p.startsWith("06-factures-avoirs/"));
        zip.forEach((path, bytes) -> {
            if (path.endsWith(".eml")) {
                assertThat(new String(bytes, StandardCharsets.UTF_8)).as(path + " keeps no erased address").doesNotContain(email);
            }
        });
        String index = new String(zip.get("00-sommaire.html"), StandardCharsets.UTF_8).replace("&#39;", "'");
        assertThat(index).contains("Données personnelles effacées le").doesNotContain(email, "Julie Moreau");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ? AND kind = 'QUOTE'").param(number)
                .query(Long.class).single()).as("nothing erased is stored again").isZero();
    }

    @org.springframework.beans.factory.annotation.Autowired
    fr.lexom.contracts.cancellation.ContractRequests requests;

    @Test
    void onlyManagersDownloadIt_andAnUnknownContractIs404() {
        String number = contractNumber(acceptedContract(QuoteForms.company(today().plusMonths(2))));
        for (String user : List.of(TestUsers.SALES, TestUsers.ACCOUNTING, TestUsers.COORDINATION)) {
            assertThat(rest.withBasicAuth(user, TestUsers.PASSWORD).getForEntity("/api/contracts/" + number + "/evidence.zip",
                    byte[].class).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.getForEntity("/api/contracts/" + number + "/evidence.zip", byte[].class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> unknown = manager().getForEntity("/api/contracts/DEV-1999-99999/evidence.zip", String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).contains("DEV-1999-99999");
    }

    private TestRestTemplate manager() {
        return rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD);
    }

    private Map<String, byte[]> download(String number) throws IOException {
        ResponseEntity<byte[]> response = manager().getForEntity("/api/contracts/" + number + "/evidence.zip", byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/zip");
        assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("dossier-preuves-" + number + ".zip");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.getBody()), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** The plain text of a mail, whatever its parts. */
    private static String textOf(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return (String) part.getContent();
        }
        StringBuilder text = new StringBuilder();
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(textOf(multipart.getBodyPart(i)));
            }
        }
        return text.toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
