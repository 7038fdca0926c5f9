package fr.lexom.contracts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.Participant;
import fr.lexom.contracts.documents.PdfText;
import fr.lexom.contracts.participant.ParticipantLinkUrls;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 23, item 3: the signed attendance sheet (« feuille d'émargement »), read back as the funder and the room read
 * it: its text, its QR codes decoded from the rendered page, the funder's invoice mail that carries it, its download.
 * Signatures and countersignatures are rows written as the signing pages write them (with their evidence).
 */
@IntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class AttendanceSheetDocumentTest extends ProcessTestSupport {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000L);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** Evidence kept with each signature, never printed. */
    private static final String ADDRESS = "203.0.113.77";
    private static final String USER_AGENT = "Mozilla/5.0 (Linux; Android 14) SheetTestBrowser/1.0";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceService invoices;
    @Autowired
    ContractService contracts;
    @Autowired
    ParticipantLinkUrls links;
    @Autowired
    HalfDays halfDays;

    /** A funded contract at « Enregistrer l'émargement », with its trainer, half-days signed and countersigned. */
    private record Session(ProcessInstance instance, String number, LocalDate first, Participant anne, Participant luc,
                           String trainer, String clientEmail) {
    }

    @Test
    void theFundersInvoiceMailCarriesTheSignedSheetArchivedWithThatInvoiceAndNoPersonalLink_E1_O3() throws Exception {
        Session session = signedSession(true);
        recordAttendanceAsCoordination(session);
        String number = session.number();
        Invoice share = invoices.existing(number, InvoiceKind.FUNDER_SHARE).orElseThrow();

        assertThat(attachedFiles(number, "funder-invoice"))
                .containsExactly("Facture-" + share.number() + ".pdf", AttendanceSheetDocument.fileName(number));
        assertThat(attachedFiles(number, "invoice")).as("the client's balance invoice (O3) goes without it")
                .containsExactly("Facture-" + invoices.existing(number, InvoiceKind.BALANCE).orElseThrow().number() + ".pdf");
        assertThat((String) jdbc.sql("SELECT body_text FROM outbox_mail WHERE contract_number = ? AND letter = 'funder-invoice'")
                .param(number).query(String.class).single()).contains("Vous trouverez jointe la feuille d'émargement");

        // archived with the funder's invoice, and listed with the contract's documents
        List<Map<String, Object>> listed = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .getForEntity("/api/contracts/" + number + "/documents", List.class).getBody();
        Map<String, Object> sheet = listed.stream().filter(d -> "ATTENDANCE_SHEET".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(sheet.get("reference")).isEqualTo(share.number());
        assertThat(sheet.get("fileName")).isEqualTo(AttendanceSheetDocument.fileName(number));
        byte[] archived = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .getForEntity((String) sheet.get("href"), byte[].class).getBody();
        PdfText.keep("feuille-emargement-financeur.pdf", archived);
        assertThatTheSheetTellsTheFacts(session, archived);
        // the copy that leaves LEXOM prints no participant's link: it would let its holder sign and answer as them
        assertThat(qrCodes(archived)).isEmpty();
        assertThat(PdfText.text(archived)).doesNotContain("code QR");
    }

    @Test
    void theLiveSheetShowsEachHalfDayAndEachQrCodeOpensItsParticipantsPage_E1_C3() throws Exception {
        Session session = signedSession(false);
        recordAttendanceAsCoordination(session);

        ResponseEntity<byte[]> download = rest.withBasicAuth(TestUsers.COORDINATION, TestUsers.PASSWORD)
                .getForEntity("/api/contracts/" + session.number() + "/attendance-sheet.pdf", byte[].class);
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(download.getHeaders().getContentDisposition().getFilename())
                .isEqualTo(AttendanceSheetDocument.fileName(session.number()));
        byte[] pdf = PdfText.keep("feuille-emargement.pdf", download.getBody());
        assertThatTheSheetTellsTheFacts(session, pdf);
        assertThat(PdfText.text(pdf)).contains("(le code QR à côté de son nom l'ouvre)");
        // no address for the funder: its invoice is to file on its portal, the sheet archived with it to file too (O3)
        Invoice share = invoices.existing(session.number(), InvoiceKind.FUNDER_SHARE).orElseThrow();
        assertThat(jdbc.sql("SELECT reference FROM document WHERE contract_number = ? AND kind = 'ATTENDANCE_SHEET'")
                .param(session.number()).query(String.class).list()).containsExactly(share.number());
        assertThat(lettersOf(session.number())).doesNotContain("funder-invoice");

        // one QR code per participant and day, each the participant's own link, which opens their page
        ContractSummary contract = contracts.find(session.number());
        List<String> decoded = qrCodes(pdf);
        Set<String> expected = Set.of(links.participantPage(session.anne(), contract), links.participantPage(session.luc(), contract));
        assertThat(decoded).hasSize(2 * 2).containsOnlyElementsOf(expected);
        assertThat(new HashSet<>(decoded)).isEqualTo(expected);
        for (Participant participant : List.of(session.anne(), session.luc())) {
            ResponseEntity<String> page = rest.getForEntity(URI.create(links.participantPage(participant, contract)).getPath(),
                    String.class);
            assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(page.getBody()).contains(participant.firstName(), participant.lastName());
        }
    }

    @Test
    void beforeAnythingIsSignedTheSheetIsEmptyAndSaysTheTrainerIsNotNamed_E1() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String text = textInOrder(rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD)
                .getForEntity("/api/contracts/" + contractNumber(instance) + "/attendance-sheet.pdf", byte[].class).getBody());
        assertThat(text).contains("Feuille d'émargement", "Anne Dupont", "Luc Martin", "Formateur : non renseigné",
                "LEXOM Aubenas");
        assertThat(text).doesNotContain("Signé le", "Contresigné le", "(saisi par " + TestUsers.COORDINATION, "Absent (signature");
    }

    @Test
    void aContractWithoutFunderMailsItsInvoiceWithoutTheSheet_O3() {
        ProcessInstance instance = deliveredContract();
        String number = contractNumber(instance);
        assertThat(attachedFiles(number, "invoice")).singleElement().asString().startsWith("Facture-FA-");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ? AND kind = 'ATTENDANCE_SHEET'")
                .param(number).query(Long.class).single()).isZero();
        assertThat(lettersOf(number)).doesNotContain("funder-invoice");
    }

    @Test
    void theSheetOfAnUnknownContractIsA404ProblemAndTheApiDocumentsItsDownload_E1() throws Exception {
        ResponseEntity<String> unknown = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD)
                .getForEntity("/api/contracts/DEV-2099-99999/attendance-sheet.pdf", String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(rest.getForEntity("/api/contracts/DEV-2099-99999/attendance-sheet.pdf", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // the OpenAPI document and the README's API table both name it
        Map<String, Object> paths = (Map<String, Object>) rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD)
                .getForEntity("/v3/api-docs", Map.class).getBody().get("paths");
        Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) paths
                .get("/api/contracts/{number}/attendance-sheet.pdf")).get("get");
        assertThat((Map<String, Object>) get.get("responses")).containsKeys("200", "401", "403", "404");
        assertThat(Files.readString(Path.of("README.md"))).contains("`GET /api/contracts/{number}/attendance-sheet.pdf`");
    }

    @Test
    void aContractsStoryInTheManagersViewLinksItsAttendanceSheet_E1() throws Exception {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        TestRestTemplate manager = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD);
        Map<String, Object> story = manager.getForEntity("/api/manager/contracts/" + number + "/story", Map.class).getBody();
        String href = (String) story.get("attendanceSheet");
        assertThat(href).isEqualTo("/api/contracts/" + number + "/attendance-sheet.pdf");
        ResponseEntity<byte[]> sheet = manager.getForEntity(href, byte[].class);
        assertThat(sheet.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(textInOrder(sheet.getBody())).contains("Feuille d'émargement", number);
        // the Cockpit plugin shows the story's link as a link
        String view = Files.readString(Path.of(
                "src/main/resources/META-INF/resources/webjars/camunda/app/cockpit/lexom/manager-view.js"));
        assertThat(view).contains("href: s.attendanceSheet", "Feuille d'émargement (PDF)");
    }

    @Test
    void erasingTheClientOfAClosedContractDeletesItsSheetsWhichNameTheParticipantsAndKeepsTheInvoices_G1_G2() {
        Session session = signedSession(true);
        recordAttendanceAsCoordination(session);
        String number = session.number();
        List<Invoice> before = invoices.ofContract(number);
        for (InvoiceKind kind : List.of(InvoiceKind.FUNDER_SHARE, InvoiceKind.BALANCE)) {
            Invoice invoice = invoices.existing(number, kind).orElseThrow();
            payByBank(invoice.number(), invoice.gross());
        }
        executeDueJobs(session.instance());
        fireTimer(session.instance(), "Timer_ColdEvaluation");
        assertThat(stageOf(number)).isEqualTo("CLOSED");

        ResponseEntity<Map> erased = rest.withBasicAuth(TestUsers.DPO, TestUsers.PASSWORD)
                .postForEntity("/api/personal-data/erasure", Map.of("email", session.clientEmail()), Map.class);
        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ? AND kind = 'ATTENDANCE_SHEET'")
                .param(number).query(Long.class).single()).isZero();
        assertThat(invoices.ofContract(number)).hasSameSizeAs(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ? AND kind = 'INVOICE'")
                .param(number).query(Long.class).single()).isEqualTo(before.size());
    }

    // --- the facts and how the sheet tells them

    /**
     * Day 1: Anne signs both half-days; Luc signs the morning but left (coordination overrides it: absent) and signed
     * nothing in the afternoon, where coordination records him present (a paper signature). Day 2: Anne signs the
     * morning only, Luc is absent. The trainer countersigns the first morning.
     */
    private Session signedSession(boolean funderWithAddress) {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("funderCode", funder(funderWithAddress));
        ProcessInstance instance = acceptedContract(form);
        String number = contractNumber(instance);
        completeTask(instance, "Task_RecordFundingDecision", TestUsers.SALES, "sales",
                Map.of("fundingDecision", "GRANTED", "grantedAmount", "1 500,00", "agreementReference", "EMARG-" + SEQUENCE.get()));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        fireTimer(instance, "Timer_ConvocationDue");
        fireTimer(instance, "Timer_TrainingStarts");
        if (hasTimer(instance, "Timer_SigningClosed")) {
            // issue 23 item 2 (online signing, on main): the attendance task opens once signing has closed
            fireTimer(instance, "Timer_SigningClosed");
        }

        ContractSummary contract = contracts.find(number);
        List<Participant> participants = contracts.participants(number);
        Participant anne = participants.get(0);
        Participant luc = participants.get(1);
        LocalDate first = contract.startsOn();
        String trainer = "Claire Formatrice " + SEQUENCE.incrementAndGet();
        String trainerEmail = "formatrice-" + SEQUENCE.get() + "@example.org";
        jdbc.sql("INSERT INTO trainer (kind, full_name, email) VALUES ('EXTERNAL', ?, ?)").params(trainer, trainerEmail).update();
        long trainerId = jdbc.sql("SELECT id FROM trainer WHERE email = ?").param(trainerEmail).query(Long.class).single();
        jdbc.sql("UPDATE contract SET trainer_id = ? WHERE number = ?").params(trainerId, number).update();

        sign(anne, first, "AM", LocalTime.of(9, 12));
        sign(anne, first, "PM", LocalTime.of(13, 41));
        sign(luc, first, "AM", LocalTime.of(9, 3));
        sign(anne, first.plusDays(1), "AM", LocalTime.of(8, 58));
        jdbc.sql("""
                INSERT INTO attendance_countersignature (contract_id, session_day, half_day, trainer_id, signed_at,
                                                         link_fingerprint, client_address, user_agent)
                VALUES (?, ?, 'AM', ?, ?, ?, ?, ?)""")
                .params(contract.id(), first, trainerId, paris(first, LocalTime.of(12, 35)), fingerprint(), ADDRESS, USER_AGENT)
                .update();
        return new Session(instance, number, first, anne, luc, trainer, (String) form.get("clientEmail"));
    }

    private void sign(Participant participant, LocalDate day, String half, LocalTime at) {
        jdbc.sql("""
                INSERT INTO attendance_signature (participant_id, session_day, half_day, signed_at, link_fingerprint,
                                                  client_address, user_agent)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(participant.id(), day, half, paris(day, at), fingerprint(), ADDRESS, USER_AGENT).update();
    }

    /** « Enregistrer l'émargement »: coordination unticks Luc on day 1 morning and day 2 morning. */
    private void recordAttendanceAsCoordination(Session session) {
        ContractSummary contract = contracts.find(session.number());
        List<String> present = new ArrayList<>();
        for (Map<String, String> slot : AttendanceSheet.slots(List.of(session.anne(), session.luc()), contract.startsOn(),
                contract.endsOn())) {
            present.add(slot.get("value"));
        }
        present.remove(session.luc().id() + "|" + session.first() + "|AM");
        present.remove(session.luc().id() + "|" + session.first().plusDays(1) + "|AM");
        completeTask(session.instance(), "Task_RecordAttendance", TestUsers.COORDINATION, "coordination",
                Map.of("presentSlots", present));
        executeDueJobs(session.instance());
    }

    private void assertThatTheSheetTellsTheFacts(Session session, byte[] pdf) {
        // the paragraphs as a reader reads them (by position), the table cell by cell (in the order drawn)
        String page = PdfText.text(pdf);
        assertThat(page).contains("Feuille d'émargement", "La Relation Client par écrit - emails et courriers",
                "(référence RCL-APPL-03)", session.number(), "LEXOM Aubenas", "Déclaration d'activité n°",
                "Formateur : " + session.trainer() + " (formateur externe)",
                // the evidence is explained; absences do not change the price (C3)
                "Signature électronique simple", "l'adresse réseau et le navigateur de l'appareil",
                "Les absences ne donnent lieu à aucune réduction du prix de la formation.");
        String text = textInOrder(pdf);
        LocalDate first = session.first();
        LocalDate second = first.plusDays(1);
        assertThat(text).contains("Anne Dupont", "Luc Martin",
                // the half-days' hours, from the settings
                halfDays.of(first, "AM").hours(), halfDays.of(first, "PM").hours(),
                // signed, in Paris time
                "Signé le " + DAY.format(first) + " à 09h12", "Signé le " + DAY.format(first) + " à 13h41",
                "Signé le " + DAY.format(second) + " à 08h58",
                // coordination's entry where it differs from the signatures, and who made it
                "Absent (signature annulée par " + TestUsers.COORDINATION + ")",
                "Présent (saisi par " + TestUsers.COORDINATION + ")",
                "Contresigné le " + DAY.format(first) + " à 12h35");
        assertThat(text).as("Luc's second morning: absent, unsigned").containsPattern(
                "Luc Martin Absent " + java.util.regex.Pattern.quote("Présent (saisi par " + TestUsers.COORDINATION + ")"));
        assertThat(text).as("Luc's first morning signature is not shown as signed").doesNotContain(
                "Signé le " + DAY.format(first) + " à 09h03");
        // the evidence itself and the price are not printed
        assertThat(page).doesNotContain(ADDRESS, USER_AGENT, "SheetTestBrowser", "€", "2 400", "Prix");
    }

    // --- helpers

    /** A funder of the test's own (kind OTHER: the eleven OPCOs of the reference data stay as they are). */
    private String funder(boolean withAddress) {
        String code = "EMARG-" + SEQUENCE.incrementAndGet();
        jdbc.sql("INSERT INTO funder (code, name, kind, email) VALUES (?, ?, 'OTHER', ?)")
                .params(code, "Fonds Émargement " + SEQUENCE.get(), withAddress ? "factures-" + SEQUENCE.get() + "@fonds.example" : null)
                .update();
        return code;
    }

    private static OffsetDateTime paris(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(PARIS).toOffsetDateTime();
    }

    private static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000";
    }

    /** The files the contract's mail {@code letter} carries, in order. */
    private List<String> attachedFiles(String number, String letter) {
        return jdbc.sql("""
                SELECT d.file_name FROM outbox_attachment a JOIN outbox_mail m ON m.id = a.mail_id
                JOIN document d ON d.id = a.document_id
                WHERE m.contract_number = ? AND m.letter = ? ORDER BY a.position""")
                .params(number, letter).query(String.class).list();
    }

    /** The text in the order it is drawn (cell by cell), whitespace runs made one space. */
    private static String textInOrder(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("[\\s\\u00a0\\u202f]+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every QR code on the pages as a phone would see them: each page rendered at 300 dpi, then decoded. */
    private static List<String> qrCodes(byte[] pdf) throws IOException {
        List<String> texts = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 300, ImageType.RGB);
                int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
                BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
                try {
                    for (Result result : new QRCodeMultiReader().decodeMultiple(bitmap, Map.of(DecodeHintType.TRY_HARDER, true))) {
                        texts.add(result.getText());
                    }
                } catch (NotFoundException none) {
                    // no QR code on this page
                }
            }
        }
        return texts;
    }
}
