package fr.lexom.contracts.reporting;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.delivery.AttendanceSheetDocument;
import fr.lexom.contracts.documents.DocumentInfo;
import fr.lexom.contracts.documents.DocumentKind;
import fr.lexom.contracts.documents.Documents;
import fr.lexom.contracts.notification.MailCopies;
import fr.lexom.contracts.notification.Outbox;
import fr.lexom.contracts.notification.SentMail;
import fr.lexom.contracts.participant.EvaluationRecords;
import fr.lexom.contracts.participant.EvaluationRecords.AnswerLine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The evidence file of one contract (« dossier de preuves », issue 24, item 2): what a Qualiopi auditor asks to see
 * that the action was delivered as promised, in one ZIP: the quote standing as the agreement and its acceptance, the
 * convocations, the signed attendance sheets, the evaluations' answers, the certificates, the invoices and credit
 * notes, the formal notices, every letter sent as the message it was, and an index listing each document with its
 * date and the rule it answers, and what is missing, named as such. The documents as stored (never rendered
 * again), the letters as the outbox holds them; an invoice whose PDF no mail needed yet is made and kept now, as its
 * first mail would have; the attendance sheet of a training with no archived sheet is made now from the facts, and
 * says so. What privacy erased stays erased: the file reads what is left.
 */
@Component
public class EvidenceFile {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The rule each letter answers (docs/rules.md), for the index. */
    static final Map<String, String> LETTER_RULES = new LinkedHashMap<>();

    static {
        LETTER_RULES.put("quote", "Q1, Q2");
        LETTER_RULES.put("quote-expiry-reminder", "Q1");
        LETTER_RULES.put("quote-expired", "Q1");
        LETTER_RULES.put("acceptance-acknowledgement", "S2");
        LETTER_RULES.put("withdrawal-confirmation", "W3");
        LETTER_RULES.put("deposit-request", "D1");
        LETTER_RULES.put("deposit-reminder", "D2");
        LETTER_RULES.put("deposit-suspended", "D2");
        LETTER_RULES.put("prepayment-request", "P2-2025");
        LETTER_RULES.put("contract-cancelled", "D2, P2-2025");
        LETTER_RULES.put("funding-missing", "O1");
        LETTER_RULES.put("funding-refused", "O1");
        LETTER_RULES.put("convocation", "E1");
        LETTER_RULES.put("trainer-link", "E1");
        LETTER_RULES.put("hot-evaluation", "E1");
        LETTER_RULES.put("cold-evaluation", "E1");
        LETTER_RULES.put("completion-certificate", "E1");
        LETTER_RULES.put("invoice", "P1");
        LETTER_RULES.put("funder-invoice", "O3");
        LETTER_RULES.put("funder-share-reinvoiced", "O4");
        LETTER_RULES.put("payment-reminder-1", "L1, L2");
        LETTER_RULES.put("payment-reminder-2", "L1, L2");
        LETTER_RULES.put("overdue-suspension", "L3");
        LETTER_RULES.put("formal-notice", "R1, R2");
        LETTER_RULES.put("resolution-letter", "R1");
        LETTER_RULES.put("client-cancellation", "C0, C1");
        LETTER_RULES.put("client-postponement", "C0, C2");
        LETTER_RULES.put("refund", "C1, X1");
        LETTER_RULES.put("lexom-decision", "X1, X2");
    }

    /** One file of the ZIP: where, what, when, which rule; its bytes read when the ZIP is written. */
    public record Item(String path, String section, String title, OffsetDateTime date, String rules, String note,
                       Supplier<byte[]> content) {
    }

    /** A document the contract should have and has not (yet): named, never invented. */
    public record Missing(String section, String what, String rules, String why) {
    }

    /** A line of the contract's timeline. */
    public record Event(OffsetDateTime at, String detail, String actor) {
    }

    /** What the ZIP holds, before any byte is read. */
    public record Index(ContractSummary contract, List<Item> items, List<Missing> missing, List<Event> events,
                        OffsetDateTime madeAt, String acceptance) {
    }

    private final ContractService contracts;
    private final Documents documents;
    private final Outbox outbox;
    private final MailCopies mailCopies;
    private final AttendanceSheetDocument attendanceSheets;
    private final EvaluationRecords evaluations;
    private final JdbcClient jdbc;
    private final Clock clock;

    EvidenceFile(ContractService contracts, Documents documents, Outbox outbox, MailCopies mailCopies,
                 AttendanceSheetDocument attendanceSheets, EvaluationRecords evaluations, JdbcClient jdbc, Clock clock) {
        this.contracts = contracts;
        this.documents = documents;
        this.outbox = outbox;
        this.mailCopies = mailCopies;
        this.attendanceSheets = attendanceSheets;
        this.evaluations = evaluations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The index of a contract's evidence; {@code ContractNotFoundException} for an unknown number. */
    public Index index(String number) {
        ContractSummary contract = contracts.find(number);
        OffsetDateTime now = OffsetDateTime.now(clock).atZoneSameInstant(PARIS).toOffsetDateTime();
        OffsetDateTime erased = jdbc.sql("SELECT personal_data_erased_at FROM contract WHERE number = ?").param(number)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single().orElse(null);
        if (erased == null) {
            // the quote and every invoice or credit note issued have their document: one not made yet (an invoice not
            // mailed so far) is made now from its facts, the same document its first mail would have carried. Never
            // after an erasure (G1): it would print the anonymised facts, or bring back what was erased.
            documents.quote(number);
            jdbc.sql("SELECT i.number FROM invoice i JOIN contract c ON c.id = i.contract_id WHERE c.number = ? ORDER BY i.id")
                    .param(number).query(String.class).list().forEach(documents::invoice);
        }
        List<DocumentInfo> stored = documents.ofContract(number);
        List<SentMail> mails = outbox.ofContract(number);
        List<Item> items = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        if (erased != null) {
            missing.add(new Missing("—", "Devis, attestations, adresses des courriers et textes des évaluations", "G1",
                    "Données personnelles effacées le " + erased.atZoneSameInstant(PARIS).toLocalDate()
                            + " (demande de la personne ou fin de la durée de conservation) : ils ne sont plus conservés."));
        }

        // 1. the quote standing as the training agreement (Q2), and its acceptance (S1)
        List<DocumentInfo> quotes = of(stored, DocumentKind.QUOTE);
        quotes.forEach(q -> items.add(document("01-devis-convention", "Devis valant convention de formation", q, "Q2, S1", null)));
        if (quotes.isEmpty()) {
            missing.add(new Missing("01-devis-convention", "Devis valant convention de formation", "Q2",
                    "Aucun devis conservé pour ce contrat."));
        }
        String acceptance = jdbc.sql("""
                SELECT e.detail FROM contract_event e JOIN contract c ON c.id = e.contract_id
                 WHERE c.number = ? AND e.kind = 'QUOTE_ACCEPTED' ORDER BY e.occurred_at, e.id""")
                .param(number).query(String.class).list().stream().findFirst().orElse(null);
        if (contract.acceptedOn() == null) {
            missing.add(new Missing("01-devis-convention", "Acceptation du devis", "S1", "Le devis n'a pas été accepté."));
        }

        // 2. the convocations (E1)
        List<SentMail> convocations = mails.stream().filter(m -> m.letter().equals("convocation")).toList();
        addMails(items, "02-convocations", "Convocation", convocations);
        if (convocations.isEmpty()) {
            missing.add(new Missing("02-convocations", "Convocations", "E1", "Aucune convocation envoyée à ce jour."));
        }

        // 3. the signed attendance sheets (E1): as archived with the funder's invoice, else as the facts stand now
        List<DocumentInfo> sheets = of(stored, DocumentKind.ATTENDANCE_SHEET);
        sheets.forEach(s -> items.add(document("03-emargement", "Feuille d'émargement signée", s, "E1",
                "Archivée avec la facture " + s.reference())));
        if (sheets.isEmpty()) {
            if (attended(contract.id())) {
                items.add(new Item("03-emargement/" + AttendanceSheetDocument.fileName(number).replace(".pdf",
                        "-etat-au-" + now.toLocalDate() + ".pdf"), "03-emargement", "Feuille d'émargement signée", now, "E1",
                        "Établie à la constitution du dossier à partir des signatures et de la saisie de la coordination "
                                + "(aucune feuille archivée avec une facture de financeur)",
                        () -> attendanceSheets.pdfWithoutLinks(number)));
            } else {
                missing.add(new Missing("03-emargement", "Feuille d'émargement signée", "E1",
                        "Aucune demi-journée signée ni saisie : la formation n'a pas encore eu lieu."));
            }
        }

        // 4. the evaluations' answers (E1)
        List<AnswerLine> answers = evaluations.ofContract(number);
        if (answers.isEmpty()) {
            missing.add(new Missing("04-evaluations", "Réponses aux évaluations", "E1",
                    "Aucun participant n'a répondu à une évaluation à ce jour."));
        } else {
            OffsetDateTime last = answers.get(answers.size() - 1).answeredAt();
            items.add(new Item("04-evaluations/evaluations-" + number + ".pdf", "04-evaluations", "Réponses aux évaluations "
                    + "à chaud et à froid (" + answers.size() + ")", last, "E1", null,
                    () -> documents.rendered("evidence-evaluations", Map.of("contract", contract, "answers", answers))));
        }

        // 5. the certificates (E1)
        List<DocumentInfo> certificates = of(stored, DocumentKind.CERTIFICATE);
        certificates.forEach(c -> items.add(document("05-attestations", "Attestation de fin de formation", c, "E1", null)));
        if (certificates.isEmpty()) {
            missing.add(new Missing("05-attestations", "Attestations de fin de formation", "E1",
                    "Aucune attestation délivrée à ce jour."));
        }

        // 6. the invoices and credit notes, each with the rules of its lines
        List<DocumentInfo> invoices = stored.stream()
                .filter(d -> d.kind() == DocumentKind.INVOICE || d.kind() == DocumentKind.CREDIT_NOTE).toList();
        for (DocumentInfo invoice : invoices) {
            String rules = String.join(", ", jdbc.sql("""
                    SELECT DISTINCT l.rule_id FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
                     WHERE i.number = ? ORDER BY l.rule_id""").param(invoice.reference()).query(String.class).list());
            items.add(document("06-factures-avoirs", invoice.kind() == DocumentKind.CREDIT_NOTE ? "Avoir" : "Facture", invoice,
                    rules.isEmpty() ? "P1" : rules, null));
        }
        if (invoices.isEmpty()) {
            missing.add(new Missing("06-factures-avoirs", "Factures", "D1, P1", "Aucune facture émise à ce jour."));
        }

        // 7. the formal notices, if any (R1, R2)
        of(stored, DocumentKind.FORMAL_NOTICE).forEach(n -> items.add(document("07-mises-en-demeure", "Mise en demeure", n,
                "R1, R2", null)));

        // 8. every other letter sent, as the message it was
        addMails(items, "08-courriers", null, mails.stream().filter(m -> !m.letter().equals("convocation")).toList());

        List<Event> events = jdbc.sql("""
                SELECT e.occurred_at, e.detail, e.actor FROM contract_event e JOIN contract c ON c.id = e.contract_id
                 WHERE c.number = ? ORDER BY e.occurred_at, e.id""").param(number)
                .query((rs, n) -> new Event(rs.getObject(1, OffsetDateTime.class).atZoneSameInstant(PARIS).toOffsetDateTime(),
                        rs.getString(2), rs.getString(3)))
                .list();
        return new Index(contract, items, missing, events, now, acceptance);
    }

    /**
     * The ZIP: each file in order, its bytes read one at a time and fingerprinted (SHA-256) as it is written, then the
     * index (« 00-sommaire », PDF and HTML, named to sort first) listing every file with its fingerprint.
     */
    public void write(Index index, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Item item : index.items()) {
            byte[] bytes = item.content().get();
            rows.add(Map.of("item", item, "sha256", sha256(bytes), "size", bytes.length));
            put(zip, item.path(), bytes, item.date());
        }
        Map<String, Object> model = Map.of("index", index, "rows", rows);
        put(zip, "00-sommaire.html", documents.renderedHtml("evidence-index", model).getBytes(StandardCharsets.UTF_8),
                index.madeAt());
        put(zip, "00-sommaire.pdf", documents.rendered("evidence-index", model), index.madeAt());
        zip.finish();
        zip.flush();
    }

    private static void put(ZipOutputStream zip, String path, byte[] bytes, OffsetDateTime date) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        if (date != null) {
            entry.setTime(date.toInstant().toEpochMilli());
        }
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private void addMails(List<Item> items, String section, String title, List<SentMail> mails) {
        int n = 0;
        for (SentMail mail : mails) {
            n++;
            OffsetDateTime at = (mail.sentAt() != null ? mail.sentAt() : mail.createdAt()).atZoneSameInstant(PARIS).toOffsetDateTime();
            String status = switch (mail.status()) {
                case "SENT" -> "envoyé";
                case "KEPT" -> "conservé (sans serveur SMTP)";
                case "FAILED" -> "en échec";
                default -> "en attente d'envoi";
            };
            long id = mail.id();
            items.add(new Item("%s/%02d-%s-%s.eml".formatted(section, n, at.toLocalDate(), mail.letter()), section,
                    (title != null ? title + " : " : "") + mail.subject(), at, LETTER_RULES.getOrDefault(mail.letter(), "—"),
                    "Courrier « " + mail.letter() + " », " + status + ", à " + String.join(", ", mail.recipients())
                            + (mail.documentIds().isEmpty() ? "" : ", " + mail.documentIds().size() + " pièce(s) jointe(s)")
                            + (MailCopies.carriesPersonalLink(mail.body()) ? ", lien personnel retiré" : ""),
                    () -> mailCopies.eml(id, at)));
        }
    }

    private Item document(String section, String title, DocumentInfo info, String rules, String note) {
        long id = info.id();
        return new Item(section + "/" + info.fileName(), section, title + " " + info.reference(),
                info.createdAt().atZoneSameInstant(PARIS).toOffsetDateTime(), rules, note,
                () -> documents.content(id).orElseThrow(() -> new IllegalStateException("Document " + id + " vanished")).bytes());
    }

    private boolean attended(long contractId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM participant p
                 WHERE p.contract_id = ? AND (EXISTS (SELECT 1 FROM attendance a WHERE a.participant_id = p.id)
                    OR EXISTS (SELECT 1 FROM attendance_signature s WHERE s.participant_id = p.id))""")
                .param(contractId).query(Long.class).single() > 0;
    }

    private static List<DocumentInfo> of(List<DocumentInfo> stored, DocumentKind kind) {
        return stored.stream().filter(d -> d.kind() == kind).toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
