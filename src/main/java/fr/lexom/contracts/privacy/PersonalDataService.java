package fr.lexom.contracts.privacy;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.contract.StateConflictException;
import fr.lexom.contracts.documents.Documents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rights of G1 (CGV 5.5, GDPR art. 15-17, 20) over what LEXOM holds about a client or a participant, found by
 * e-mail address: export it (access, portability), rectify it, erase it. Erasure anonymises the personal fields in
 * the app's tables, the mails, the documents and the engine's variables and history, and keeps what the law
 * requires for ten years (G2): the invoices, each archived as its Factur-X PDF before anything is erased, and the
 * accounting records (amounts, payments). A contract still running is not erased (GDPR art. 17(3)(b)).
 */
@Service
public class PersonalDataService {

    static final String ERASED_BODY = "[Contenu effacé à la demande de la personne concernée (RGPD, CGV 5.5)]";
    static final String ERASED_RECIPIENT = "efface@invalid";
    /** What an erased evaluation answer keeps for its link's fingerprint (the column is required): no link's hash. */
    static final String ERASED_FINGERPRINT = "erased";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final JdbcClient jdbc;
    private final ContractService contracts;
    private final InvoiceService invoices;
    private final Documents documents;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper objectMapper;
    private final EngineHistoryScrubber scrubber;

    PersonalDataService(JdbcClient jdbc, ContractService contracts, InvoiceService invoices, Documents documents,
                        Clock clock,
                        com.fasterxml.jackson.databind.ObjectMapper objectMapper, EngineHistoryScrubber scrubber) {
        this.objectMapper = objectMapper;
        this.scrubber = scrubber;
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.invoices = invoices;
        this.documents = documents;
        this.clock = clock;
    }

    /** Everything held about the person, machine-readable (access and portability). */
    @Transactional
    public Map<String, Object> export(String email, String actor) {
        PersonalDataSubject subject = find(email);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("personne", subject.email());
        export.put("exporteLe", OffsetDateTime.now(clock).toString());
        export.put("responsableDuTraitement", "LEXOM - dpo@lexom.fr");
        export.put("clients", rows("SELECT * FROM client WHERE id IN (%s)", subject.clientIds()));
        export.put("contactsClients", rows("SELECT * FROM client_contact WHERE client_id IN (%s)", subject.clientIds()));
        export.put("participations", rows("""
                SELECT p.id, p.first_name, p.last_name, p.email, c.number AS contract_number, t.title AS training,
                       c.starts_on, c.ends_on
                FROM participant p JOIN contract c ON c.id = p.contract_id JOIN training t ON t.id = c.training_id
                WHERE p.id IN (%s) OR c.client_id IN (%s)""", subject.participantIds(), subject.individualClientIds()));
        export.put("presences", rows("SELECT * FROM attendance WHERE participant_id IN (%s)", subject.participantIds()));
        export.put("signaturesEmargement", rows("SELECT * FROM attendance_signature WHERE participant_id IN (%s)", subject.participantIds()));
        // E1 (issue 23, item 4): the evaluations answered, with their evidence
        export.put("evaluations", rows("""
                SELECT kind, answered_at, content_rating, trainer_rating, organisation_rating, pace_rating, applied_rating,
                       comment, applied, changes, client_address, user_agent
                FROM evaluation_answer WHERE participant_id IN (%s) ORDER BY id""", subject.participantIds()));
        List<Map<String, Object>> contractsOfClient = rows("""
                SELECT c.number, c.stage, c.cgv_edition, t.reference AS training_reference, t.title AS training,
                       c.modality, c.place, c.starts_on, c.ends_on, c.price_net, c.vat_amount, c.price_gross,
                       c.quote_issued_on, c.accepted_on
                FROM contract c JOIN training t ON t.id = c.training_id WHERE c.client_id IN (%s) ORDER BY c.id""",
                subject.clientIds());
        for (Map<String, Object> contract : contractsOfClient) {
            String number = (String) contract.get("number");
            contract.put("factures", jdbc.sql("""
                    SELECT i.number, i.kind, i.issued_on, i.due_on, i.net, i.vat, i.gross, i.status
                    FROM invoice i JOIN contract c ON c.id = i.contract_id WHERE c.number = ? ORDER BY i.id""")
                    .param(number).query().listOfRows().stream().map(PersonalDataService::lowerCaseKeys).toList());
            contract.put("paiements", jdbc.sql("""
                    SELECT p.external_reference, p.amount, p.received_on, p.payer FROM payment p
                    JOIN contract c ON c.id = p.contract_id WHERE c.number = ? ORDER BY p.id""")
                    .param(number).query().listOfRows().stream().map(PersonalDataService::lowerCaseKeys).toList());
            contract.put("historique", jdbc.sql("""
                    SELECT e.occurred_at, e.kind, e.detail FROM contract_event e JOIN contract c ON c.id = e.contract_id
                    WHERE c.number = ? ORDER BY e.id""").param(number).query().listOfRows().stream().map(PersonalDataService::lowerCaseKeys).toList());
            contract.put("documents", documents.ofContract(number).stream()
                    .map(d -> Map.of("titre", d.title(), "fichier", d.fileName(), "lien", "/api/documents/" + d.id())).toList());
        }
        export.put("contrats", contractsOfClient);
        export.put("courriels", jdbc.sql("""
                SELECT created_at, sent_at, letter, recipients, subject, body_text FROM outbox_mail
                WHERE LOWER(recipients) LIKE ? ORDER BY id""")
                .param("%" + subject.email().toLowerCase(Locale.ROOT) + "%").query().listOfRows().stream()
                .map(PersonalDataService::lowerCaseKeys).toList());
        long requestId = record(RequestKind.EXPORT, subject.email(), "Export : " + subject.clientIds().size() + " client(s), "
                + subject.participantIds().size() + " participation(s), " + contractsOfClient.size() + " contrat(s)", actor);
        export.put("demande", requestId);
        jdbc.sql("UPDATE data_request SET export_json = ? WHERE id = ?").params(json(export), requestId).update();
        return export;
    }

    /** Rectification: the fields given replace the stored ones (clients and participants found by the address). */
    @Transactional
    public Map<String, Object> rectify(String email, Rectification changes, String actor) {
        validate(changes);
        PersonalDataSubject subject = find(email);
        int clients = 0;
        int participants = 0;
        for (Long id : subject.clientIds()) {
            clients += jdbc.sql("""
                    UPDATE client SET name = COALESCE(?, name), email = CASE WHEN LOWER(email) = LOWER(?) THEN COALESCE(?, email) ELSE email END,
                           phone = COALESCE(?, phone), billing_line1 = COALESCE(?, billing_line1),
                           billing_line2 = COALESCE(?, billing_line2), billing_postal_code = COALESCE(?, billing_postal_code),
                           billing_city = COALESCE(?, billing_city), updated_at = CURRENT_TIMESTAMP
                    WHERE id = ?""")
                    .params(blankToNull(changes.name()), subject.email(), blankToNull(changes.newEmail()),
                            blankToNull(changes.phone()), blankToNull(changes.billingLine1()), blankToNull(changes.billingLine2()),
                            blankToNull(changes.billingPostalCode()), blankToNull(changes.billingCity()), id)
                    .update();
            jdbc.sql("UPDATE client_contact SET email = ? WHERE client_id = ? AND LOWER(email) = LOWER(?)")
                    .params(changes.newEmail() == null ? subject.email() : changes.newEmail(), id, subject.email()).update();
        }
        for (Long id : subject.participantIds()) {
            participants += jdbc.sql("""
                    UPDATE participant SET first_name = COALESCE(?, first_name), last_name = COALESCE(?, last_name),
                           email = COALESCE(?, email) WHERE id = ?""")
                    .params(blankToNull(changes.firstName()), blankToNull(changes.lastName()), blankToNull(changes.newEmail()), id)
                    .update();
        }
        for (String number : subject.contractNumbers()) {
            contracts.recordEvent(number, "DATA_RECTIFIED", "Données personnelles rectifiées à la demande de la personne (RGPD)", actor);
        }
        String outcome = "Rectification : " + clients + " client(s), " + participants + " participant(s)";
        long requestId = record(RequestKind.RECTIFY, subject.email(), outcome, actor);
        return Map.of("clients", clients, "participants", participants, "contracts", subject.contractNumbers(),
                "demande", requestId);
    }

    /**
     * Erasure: personal fields anonymised everywhere, invoices kept (G2). Refused while one of the person's
     * contracts is still running.
     */
    @Transactional
    public Map<String, Object> erase(String email, String actor) {
        PersonalDataSubject subject = find(email);
        List<String> running = jdbc.sql("SELECT number FROM contract WHERE number IN (%s) AND stage NOT IN (%s) ORDER BY number"
                        .formatted(placeholders(subject.contractNumbers()), placeholders(ContractStage.finishedNames())))
                .params(concat(subject.contractNumbers(), ContractStage.finishedNames())).query(String.class).list();
        if (!running.isEmpty()) {
            throw new StateConflictException("Effacement impossible tant qu'un contrat est en cours (RGPD art. 17-3) : "
                    + String.join(", ", running) + ". Les données seront effacées à la fin du contrat, sur nouvelle demande "
                    + "ou au terme de la durée de conservation.");
        }
        Map<String, Object> outcome = anonymise(subject, true);
        outcome.put("demande", record(RequestKind.ERASE, subject.email(), "Effacement : " + outcome, actor));
        return outcome;
    }

    /**
     * G1, end of retention: anonymises the personal data of a contract that ended long ago (its client if an
     * individual, its participants, mails and documents), keeping the invoices (G2). Returns whether anything changed.
     */
    @Transactional
    public boolean anonymiseContract(String contractNumber, boolean includeClient, String actor) {
        Long clientId = jdbc.sql("SELECT client_id FROM contract WHERE number = ?").param(contractNumber).query(Long.class).single();
        boolean individual = jdbc.sql("SELECT kind FROM client WHERE id = ?").param(clientId).query(String.class).single()
                .equals("INDIVIDUAL");
        List<Long> participants = jdbc.sql("SELECT p.id FROM participant p JOIN contract c ON c.id = p.contract_id WHERE c.number = ?")
                .param(contractNumber).query(Long.class).list();
        List<Long> clients = includeClient ? List.of(clientId) : List.of();
        PersonalDataSubject subject = new PersonalDataSubject(null, clients, includeClient && individual ? clients : List.of(),
                participants, List.of(contractNumber));
        anonymise(subject, false);
        record(RequestKind.RETENTION, null, "Fin de conservation (G1) : contrat " + contractNumber + " anonymisé", actor);
        return true;
    }

    private Map<String, Object> anonymise(PersonalDataSubject subject, boolean wholeClient) {
        // G2: every invoice of these contracts is archived as its Factur-X before the client's data goes
        for (String number : subject.contractNumbers()) {
            for (Invoice invoice : invoices.ofContract(number)) {
                documents.invoice(invoice.number());
            }
        }
        Set<String> personal = personalValues(subject);
        List<Long> erasedParticipants = new ArrayList<>(subject.participantIds());
        erasedParticipants.addAll(jdbc.sql("SELECT p.id FROM participant p JOIN contract c ON c.id = p.contract_id WHERE c.client_id IN (%s)"
                .formatted(placeholders(subject.individualClientIds()))).params(subject.individualClientIds()).query(Long.class).list());

        int clients = 0;
        for (Long id : subject.clientIds()) {
            // an individual's name and address are personal data; a company's name, SIRET and address are not, its
            // e-mail and phone may be a person's
            clients += jdbc.sql("""
                    UPDATE client SET name = CASE WHEN kind = 'INDIVIDUAL' THEN ? ELSE name END,
                           billing_line1 = CASE WHEN kind = 'INDIVIDUAL' THEN NULL ELSE billing_line1 END,
                           billing_line2 = CASE WHEN kind = 'INDIVIDUAL' THEN NULL ELSE billing_line2 END,
                           billing_postal_code = CASE WHEN kind = 'INDIVIDUAL' THEN NULL ELSE billing_postal_code END,
                           billing_city = CASE WHEN kind = 'INDIVIDUAL' THEN NULL ELSE billing_city END,
                           vat_number = CASE WHEN kind = 'INDIVIDUAL' THEN NULL ELSE vat_number END,
                           email = NULL, phone = NULL, updated_at = CURRENT_TIMESTAMP
                    WHERE id = ?""").params("Client anonymisé n° " + id, id).update();
            jdbc.sql("""
                    UPDATE client_contact SET first_name = NULL, last_name = 'Contact anonymisé', job_title = NULL,
                           email = NULL, phone = NULL WHERE client_id = ?""").param(id).update();
        }
        int participants = 0;
        for (Long id : erasedParticipants.stream().distinct().toList()) {
            participants += jdbc.sql("UPDATE participant SET first_name = 'Participant', last_name = 'anonymisé', email = NULL WHERE id = ?")
                    .param(id).update();
            // E1 evidence (issue 23): the signed half-days stay (a funder may audit the attendance), what identified
            // the person's device goes: address, browser, the link's fingerprint
            jdbc.sql("UPDATE attendance_signature SET link_fingerprint = 'effacé (RGPD)', client_address = NULL, user_agent = NULL "
                    + "WHERE participant_id = ?").param(id).update();
        }
        int evaluations = eraseEvaluations(erasedParticipants);
        int mails = eraseMails(subject, personal);
        int deletedDocuments = eraseDocuments(subject, erasedParticipants, wholeClient);
        int events = eraseTimeline(subject, personal);
        int variables = eraseEngineVariables(subject, personal);
        for (String number : subject.contractNumbers()) {
            jdbc.sql("UPDATE contract SET personal_data_erased_at = ? WHERE number = ?").params(OffsetDateTime.now(clock), number).update();
            contracts.recordEvent(number, "PERSONAL_DATA_ERASED", "Données personnelles effacées (RGPD) ; factures conservées (G2)", "system");
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("clients", clients);
        outcome.put("participants", participants);
        outcome.put("evaluationAnswers", evaluations);
        outcome.put("mails", mails);
        outcome.put("documentsDeleted", deletedDocuments);
        outcome.put("timelineEntries", events);
        outcome.put("processVariables", variables);
        outcome.put("contracts", subject.contractNumbers());
        return outcome;
    }

    /** The strings that identify the person: names, e-mail addresses, phone numbers, street lines. */
    private Set<String> personalValues(PersonalDataSubject subject) {
        Set<String> values = new LinkedHashSet<>();
        if (subject.email() != null) {
            values.add(subject.email());
        }
        for (Map<String, Object> row : rows("SELECT kind, name, email, phone, billing_line1, billing_line2 FROM client WHERE id IN (%s)",
                subject.clientIds())) {
            if ("INDIVIDUAL".equals(value(row, "kind"))) {
                addAll(values, row, "name", "billing_line1", "billing_line2");
            }
            addAll(values, row, "email", "phone");
        }
        for (Map<String, Object> row : rows("SELECT first_name, last_name, email, phone FROM client_contact WHERE client_id IN (%s)",
                subject.clientIds())) {
            addAll(values, row, "email", "phone");
            add(values, fullName(row));
        }
        for (Map<String, Object> row : rows("""
                SELECT p.first_name, p.last_name, p.email FROM participant p JOIN contract c ON c.id = p.contract_id
                WHERE p.id IN (%s) OR c.client_id IN (%s)""", subject.participantIds(), subject.individualClientIds())) {
            addAll(values, row, "email");
            add(values, fullName(row));
        }
        return values;
    }

    /**
     * G1 for the evaluations (issue 23, item 4): the free texts (which may name anyone, the participant first) and the
     * evidence (the link's fingerprint, the client address, the user agent) go; the ratings stay, now attached to an
     * anonymised participant, so the training's figures (averages, response rates) do not change after an erasure.
     */
    private int eraseEvaluations(List<Long> participants) {
        if (participants.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE evaluation_answer SET comment = NULL, applied = NULL, changes = NULL, link_fingerprint = ?,
                       client_address = NULL, user_agent = NULL
                WHERE participant_id IN (%s)""".formatted(placeholders(participants)))
                .params(concat(List.of(ERASED_FINGERPRINT), participants)).update();
    }

    private int eraseMails(PersonalDataSubject subject, Set<String> personal) {
        List<Map<String, Object>> mails = jdbc.sql("SELECT id, recipients, subject, body_text, status FROM outbox_mail WHERE contract_number IN (%s)"
                .formatted(placeholders(subject.contractNumbers()))).params(subject.contractNumbers()).query().listOfRows();
        int erased = 0;
        for (Map<String, Object> mail : mails) {
            String all = value(mail, "recipients") + "\n" + value(mail, "subject") + "\n" + value(mail, "body_text");
            if (containsAny(all, personal)) {
                boolean waiting = "PENDING".equals(value(mail, "status")) || "SENDING".equals(value(mail, "status"));
                jdbc.sql("""
                        UPDATE outbox_mail SET recipients = ?, body_text = ?, body_html = NULL,
                               status = CASE WHEN ? THEN 'FAILED' ELSE status END,
                               last_error = CASE WHEN ? THEN 'Non envoyé : destinataire effacé (RGPD)' ELSE NULL END
                        WHERE id = ?""")
                        .params(ERASED_RECIPIENT, ERASED_BODY, waiting, waiting, ((Number) mail.get("id")).longValue()).update();
                if (containsAny(value(mail, "subject"), personal)) {
                    jdbc.sql("UPDATE outbox_mail SET subject = '[effacé]' WHERE id = ?").param(((Number) mail.get("id")).longValue()).update();
                }
                erased++;
            }
        }
        return erased;
    }

    /** Quotes, attendance sheets, certificates and formal notices name the person; invoices and credit notes stay (G2). */
    private int eraseDocuments(PersonalDataSubject subject, List<Long> participants, boolean wholeClient) {
        List<Long> ids = new ArrayList<>(jdbc.sql("""
                SELECT id FROM document WHERE contract_number IN (%s) AND kind IN ('QUOTE', 'FORMAL_NOTICE', 'ATTENDANCE_SHEET')"""
                .formatted(placeholders(subject.contractNumbers()))).params(subject.contractNumbers()).query(Long.class).list());
        for (Long participant : participants) {
            List<Object> params = new ArrayList<>(subject.contractNumbers());
            params.add("certificate/%/participant-" + participant);
            ids.addAll(jdbc.sql("SELECT id FROM document WHERE contract_number IN (%s) AND kind = 'CERTIFICATE' AND dedup_key LIKE ?"
                    .formatted(placeholders(subject.contractNumbers()))).params(params).query(Long.class).list());
        }
        for (Long id : ids) {
            jdbc.sql("DELETE FROM outbox_attachment WHERE document_id = ?").param(id).update();
            jdbc.sql("DELETE FROM document WHERE id = ?").param(id).update();
        }
        return ids.size();
    }

    /**
     * The person's names and addresses in the timelines of the subject's own contracts (by the contract index): never
     * in another contract's, where the same text may name somebody else or a contract still running.
     */
    private int eraseTimeline(PersonalDataSubject subject, Set<String> personal) {
        if (subject.contractNumbers().isEmpty()) {
            return 0;
        }
        int erased = 0;
        for (String value : personal) {
            List<Object> params = new ArrayList<>(List.of("[effacé]"));
            params.addAll(subject.contractNumbers());
            params.add("%" + value.toLowerCase(Locale.ROOT) + "%");
            erased += jdbc.sql("""
                    UPDATE contract_event SET detail = ?
                    WHERE contract_id IN (SELECT id FROM contract WHERE number IN (%s)) AND LOWER(detail) LIKE ?"""
                    .formatted(placeholders(subject.contractNumbers()))).params(params).update();
        }
        return erased;
    }

    /**
     * Process variables whose value names the person, in the runtime and in the history (with their details): the
     * contracts' own instances, their invoices' collection cases, and every other instance about these contracts.
     */
    private int eraseEngineVariables(PersonalDataSubject subject, Set<String> personal) {
        List<String> invoiceNumbers = new ArrayList<>();
        for (String number : subject.contractNumbers()) {
            invoices.ofContract(number).forEach(i -> invoiceNumbers.add(i.number()));
        }
        return scrubber.scrubValues(scrubber.instancesOf(subject.contractNumbers(), invoiceNumbers), personal);
    }

    /** The clients and participants an e-mail address names; 404 if none. */
    PersonalDataSubject find(String email) {
        if (email == null || !EMAIL.matcher(email.strip()).matches() || email.length() > 254) {
            throw new InvalidRequestException(Map.of("email", "Adresse e-mail de la personne invalide."));
        }
        String address = email.strip();
        List<Long> clientIds = jdbc.sql("""
                SELECT id FROM client WHERE LOWER(email) = LOWER(?)
                UNION SELECT client_id FROM client_contact WHERE LOWER(email) = LOWER(?)""")
                .params(address, address).query(Long.class).list();
        List<Long> individuals = clientIds.isEmpty() ? List.of() : jdbc.sql(
                "SELECT id FROM client WHERE kind = 'INDIVIDUAL' AND id IN (%s)".formatted(placeholders(clientIds)))
                .params(clientIds).query(Long.class).list();
        List<Long> participantIds = jdbc.sql("SELECT id FROM participant WHERE LOWER(email) = LOWER(?)")
                .param(address).query(Long.class).list();
        Set<String> numbers = new LinkedHashSet<>();
        numbers.addAll(jdbc.sql("SELECT number FROM contract WHERE client_id IN (%s) ORDER BY id".formatted(placeholders(clientIds)))
                .params(clientIds).query(String.class).list());
        numbers.addAll(jdbc.sql("""
                SELECT c.number FROM contract c JOIN participant p ON p.contract_id = c.id WHERE p.id IN (%s) ORDER BY c.id"""
                .formatted(placeholders(participantIds))).params(participantIds).query(String.class).list());
        PersonalDataSubject subject = new PersonalDataSubject(address, clientIds, individuals, participantIds, List.copyOf(numbers));
        if (subject.isEmpty()) {
            throw new PersonalDataNotFoundException("Aucune donnée n'est associée à cette adresse e-mail.");
        }
        return subject;
    }

    enum RequestKind { EXPORT, RECTIFY, ERASE, RETENTION }

    /** Records a handled request (without the person's address in clear); returns its number. */
    private long record(RequestKind kind, String email, String outcome, String actor) {
        String hash = email == null ? null : sha256(email.toLowerCase(Locale.ROOT));
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO data_request (kind, subject_hash, outcome, handled_by, handled_at) VALUES (?, ?, ?, ?, ?)")
                .params(kind.name(), hash, outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome, actor, now)
                .update();
        return jdbc.sql("SELECT MAX(id) FROM data_request WHERE kind = ? AND handled_at = ?")
                .params(kind.name(), now).query(Long.class).single();
    }

    /** The export of a request (for the DPO's link in Tasklist), if still kept. */
    public java.util.Optional<String> storedExport(long requestId) {
        return jdbc.sql("SELECT export_json FROM data_request WHERE id = ? AND kind = 'EXPORT'").param(requestId)
                .query(String.class).optional().filter(json -> json != null);
    }

    private String json(Map<String, Object> export) {
        try {
            return objectMapper.writeValueAsString(export);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void validate(Rectification changes) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (changes.newEmail() != null && !changes.newEmail().isBlank() && !EMAIL.matcher(changes.newEmail().strip()).matches()) {
            errors.put("newEmail", "La nouvelle adresse e-mail est invalide.");
        }
        checkLength(errors, "name", changes.name(), 200);
        checkLength(errors, "newEmail", changes.newEmail(), 254);
        checkLength(errors, "phone", changes.phone(), 30);
        checkLength(errors, "billingLine1", changes.billingLine1(), 200);
        checkLength(errors, "billingLine2", changes.billingLine2(), 200);
        checkLength(errors, "billingPostalCode", changes.billingPostalCode(), 20);
        checkLength(errors, "billingCity", changes.billingCity(), 100);
        checkLength(errors, "firstName", changes.firstName(), 100);
        checkLength(errors, "lastName", changes.lastName(), 100);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static void checkLength(Map<String, String> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.putIfAbsent(field, "Au plus " + max + " caractères.");
        }
    }

    private List<Map<String, Object>> rows(String sql, List<?>... lists) {
        String[] marks = new String[lists.length];
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < lists.length; i++) {
            marks[i] = placeholders(lists[i]);
            params.addAll(lists[i]);
        }
        return jdbc.sql(sql.formatted((Object[]) marks)).params(params).query().listOfRows().stream()
                .map(PersonalDataService::lowerCaseKeys).toList();
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> lower = new LinkedHashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return lower;
    }

    /** "?, ?, ?" for a list; "NULL" for an empty one, so that IN (NULL) matches nothing. */
    static String placeholders(List<?> values) {
        return values.isEmpty() ? "NULL" : String.join(", ", values.stream().map(v -> "?").toList());
    }

    private static List<Object> concat(List<?> a, List<?> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void addAll(Set<String> values, Map<String, Object> row, String... columns) {
        for (String column : columns) {
            add(values, value(row, column));
        }
    }

    private static void add(Set<String> values, String value) {
        // short strings (initials, "SA") would match unrelated text
        if (value != null && value.strip().length() >= 5) {
            values.add(value.strip());
        }
    }

    private static String fullName(Map<String, Object> row) {
        String first = value(row, "first_name");
        String last = value(row, "last_name");
        return first == null ? last : last == null ? first : first + " " + last;
    }

    private static String value(Map<String, Object> row, String column) {
        Object value = row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase(Locale.ROOT));
        return value == null ? null : value.toString();
    }

    private static boolean containsAny(String text, Set<String> values) {
        String lower = text.toLowerCase(Locale.ROOT);
        return values.stream().anyMatch(v -> lower.contains(v.toLowerCase(Locale.ROOT)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
