package fr.lexom.contracts.contract;

import fr.lexom.contracts.billing.Amounts;
import fr.lexom.contracts.billing.DocumentNumbers;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Contracts and their quotes in the app's tables; engine-free, called by thin delegates and the API. */
@Service
public class ContractService {

    /** Q1: a quote is valid 30 days from its issue date. */
    public static final int QUOTE_VALIDITY_DAYS = 30;

    private final JdbcClient jdbc;
    private final DocumentNumbers numbers;
    private final Clock clock;

    /**
     * The timestamps the app writes (a contract's creation, its timeline) read the app's one clock (ClockConfig,
     * the engine's), not the database's: the managers' story merges them with the engine's history.
     */
    public ContractService(JdbcClient jdbc, DocumentNumbers numbers, Clock clock) {
        this.jdbc = jdbc;
        this.numbers = numbers;
        this.clock = clock;
    }

    /** Records the quote (Q1, Q2) and returns its contract; the number is DEV-year-sequence. */
    @Transactional
    public ContractSummary createQuote(QuoteRequest request, String actor, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long trainingId = jdbc.sql("SELECT id FROM training WHERE reference = ? AND active")
                .param(request.trainingReference()).query(Long.class).optional().orElse(null);
        if (trainingId == null) {
            errors.put("trainingReference", "Formation inconnue au catalogue : " + request.trainingReference() + ".");
        }
        Long funderId = null;
        if (request.funderCode() != null) {
            funderId = jdbc.sql("SELECT id FROM funder WHERE code = ? AND active")
                    .param(request.funderCode()).query(Long.class).optional().orElse(null);
            if (funderId == null) {
                errors.put("funderCode", "Financeur inconnu : " + request.funderCode() + ".");
            }
        }
        Long sessionId = null;
        if (request.sessionCode() != null) {
            sessionId = jdbc.sql("SELECT id FROM training_session WHERE code = ? AND training_id = ? AND status = 'PLANNED'")
                    .params(request.sessionCode(), trainingId).query(Long.class).optional().orElse(null);
            if (sessionId == null) {
                errors.put("sessionCode", "Session inconnue pour cette formation : " + request.sessionCode() + ".");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        long clientId = findOrCreateClient(request);
        BigDecimal rate = Amounts.rateFromPercent(request.vatRatePercent());
        BigDecimal vat = Amounts.vat(request.priceNet(), rate, request.vatExempt());
        BigDecimal gross = Amounts.gross(request.priceNet(), rate, request.vatExempt());
        int year = today.getYear();
        String number = DocumentNumbers.format("DEV", year, numbers.next(DocumentNumbers.QUOTE, year));
        jdbc.sql("""
                INSERT INTO contract (number, cgv_edition, stage, client_id, training_id, session_id, modality, place,
                                      starts_on, ends_on, price_net, vat_rate, vat_exempt, vat_amount, price_gross,
                                      funder_id, quote_issued_on, quote_valid_until, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(number, request.cgvEdition().name(), ContractStage.QUOTE_SENT.name(), clientId, trainingId,
                        sessionId, request.modality(), request.place(), request.startDate(), request.endDate(),
                        request.priceNet(), rate, request.vatExempt(), vat, gross, funderId, today,
                        today.plusDays(QUOTE_VALIDITY_DAYS), actor, now(), now())
                .update();
        if (sessionId != null) {
            // issue 23: the contract is delivered by its session's trainer (coordination may change it)
            jdbc.sql("UPDATE contract SET trainer_id = (SELECT trainer_id FROM training_session WHERE id = ?) WHERE number = ?")
                    .params(sessionId, number).update();
        }
        long contractId = idOf(number);
        int position = 1;
        for (QuoteRequest.Participant p : request.participants()) {
            jdbc.sql("INSERT INTO participant (contract_id, first_name, last_name, email, position) VALUES (?, ?, ?, ?, ?)")
                    .params(contractId, p.firstName(), p.lastName(), p.email(), position++).update();
        }
        if (funderId != null) {
            jdbc.sql("INSERT INTO funding (contract_id, funder_id, status) VALUES (?, ?, 'REQUESTED')")
                    .params(contractId, funderId).update();
        }
        recordEvent(number, "QUOTE_ISSUED", "Devis " + number + " établi, valable jusqu'au "
                + today.plusDays(QUOTE_VALIDITY_DAYS) + " (Q1)", actor);
        return find(number);
    }

    private long findOrCreateClient(QuoteRequest r) {
        Optional<Long> existing = r.clientSiret() != null
                ? jdbc.sql("SELECT id FROM client WHERE siret = ?").param(r.clientSiret()).query(Long.class).optional()
                : jdbc.sql("SELECT id FROM client WHERE LOWER(email) = LOWER(?) AND name = ? AND anonymised_at IS NULL")
                        .params(r.clientEmail(), r.clientName()).query(Long.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("""
                INSERT INTO client (kind, name, siren, siret, country_code, email, billing_line1, billing_postal_code,
                                    billing_city, billing_country_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.clientKind().name(), r.clientName(), r.clientSiret() == null ? null : r.clientSiret().substring(0, 9),
                        r.clientSiret(), r.clientCountry(), r.clientEmail(), r.clientAddress(), r.clientPostalCode(),
                        r.clientCity(), r.clientCountry())
                .update();
        return r.clientSiret() != null
                ? jdbc.sql("SELECT id FROM client WHERE siret = ?").param(r.clientSiret()).query(Long.class).single()
                : jdbc.sql("SELECT MAX(id) FROM client WHERE LOWER(email) = LOWER(?) AND name = ?")
                        .params(r.clientEmail(), r.clientName()).query(Long.class).single();
    }

    private long idOf(String number) {
        return jdbc.sql("SELECT id FROM contract WHERE number = ?").param(number).query(Long.class).optional()
                .orElseThrow(() -> new ContractNotFoundException(number));
    }

    public Optional<ContractSummary> findOptional(String number) {
        return jdbc.sql("""
                SELECT c.id, c.number, c.cgv_edition, c.stage, cl.kind AS client_kind, cl.name AS client_name,
                       cl.email AS client_email, cl.country_code, t.reference, t.title, c.modality, c.place,
                       c.starts_on, c.ends_on, c.price_net, c.vat_rate, c.vat_exempt, c.vat_amount, c.price_gross,
                       f.code AS funder_code, f.name AS funder_name, c.quote_issued_on, c.quote_valid_until,
                       c.accepted_on, (SELECT COUNT(*) FROM participant p WHERE p.contract_id = c.id) AS participants
                FROM contract c
                JOIN client cl ON cl.id = c.client_id
                JOIN training t ON t.id = c.training_id
                LEFT JOIN funder f ON f.id = c.funder_id
                WHERE c.number = ?""")
                .param(number)
                .query((rs, n) -> new ContractSummary(rs.getLong("id"), rs.getString("number"),
                        CgvEdition.valueOf(rs.getString("cgv_edition")), ContractStage.valueOf(rs.getString("stage")),
                        ClientKind.valueOf(rs.getString("client_kind")), rs.getString("client_name"),
                        rs.getString("client_email"), rs.getString("country_code"), rs.getString("reference"),
                        rs.getString("title"), rs.getString("modality"), rs.getString("place"),
                        rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                        rs.getBigDecimal("price_net"), rs.getBigDecimal("vat_rate"), rs.getBoolean("vat_exempt"),
                        rs.getBigDecimal("vat_amount"), rs.getBigDecimal("price_gross"), rs.getString("funder_code"),
                        rs.getString("funder_name"), rs.getObject("quote_issued_on", LocalDate.class),
                        rs.getObject("quote_valid_until", LocalDate.class), rs.getObject("accepted_on", LocalDate.class),
                        rs.getInt("participants")))
                .optional();
    }

    public ContractSummary find(String number) {
        return findOptional(number).orElseThrow(() -> new ContractNotFoundException(number));
    }

    @Transactional
    public void linkProcessInstance(String number, String processInstanceId) {
        jdbc.sql("UPDATE contract SET process_instance_id = ? WHERE number = ?").params(processInstanceId, number).update();
    }

    @Transactional
    public void moveTo(String number, ContractStage stage, String detail, String actor) {
        int updated = jdbc.sql("UPDATE contract SET stage = ?, updated_at = CURRENT_TIMESTAMP WHERE number = ?")
                .params(stage.name(), number).update();
        if (updated == 0) {
            throw new ContractNotFoundException(number);
        }
        recordEvent(number, "STAGE_" + stage.name(), detail, actor);
    }

    @Transactional
    public void recordAcceptance(String number, LocalDate acceptedOn, boolean earlyStartWaiver, String detail, String actor) {
        jdbc.sql("UPDATE contract SET accepted_on = ?, early_start_waiver = ?, stage = ?, updated_at = CURRENT_TIMESTAMP WHERE number = ?")
                .params(acceptedOn, earlyStartWaiver, ContractStage.ACCEPTED.name(), number).update();
        recordEvent(number, "QUOTE_ACCEPTED", detail, actor);
    }

    /** New dates after a postponement or a reschedule (D2): the session is released, the dates are the contract's own. */
    @Transactional
    public void reschedule(String number, LocalDate startsOn, LocalDate endsOn, String actor) {
        ContractSummary before = find(number);
        jdbc.sql("UPDATE contract SET starts_on = ?, ends_on = ?, session_id = NULL, updated_at = CURRENT_TIMESTAMP WHERE number = ?")
                .params(startsOn, endsOn, number).update();
        recordEvent(number, "RESCHEDULED", "Formation reprogrammée du " + before.startsOn() + " au " + startsOn
                + " (fin le " + endsOn + ")", actor);
    }

    /** O2: the funder's decision, with the granted amount (incl. VAT) and the agreement's reference. */
    @Transactional
    public void recordFundingDecision(String number, boolean granted, BigDecimal grantedAmount, String reference,
                                      LocalDate decidedOn, String actor) {
        ContractSummary contract = find(number);
        jdbc.sql("""
                UPDATE funding SET status = ?, granted_amount = ?, agreement_reference = ?, decided_on = ?
                WHERE contract_id = ?""")
                .params(granted ? "GRANTED" : "REFUSED", granted ? grantedAmount : null, reference, decidedOn, contract.id())
                .update();
        recordEvent(number, granted ? "FUNDING_GRANTED" : "FUNDING_REFUSED", granted
                ? "Prise en charge " + contract.funderName() + " accordée : " + grantedAmount + " EUR TTC (réf. " + reference + ")"
                : "Prise en charge " + contract.funderName() + " refusée", actor);
    }

    /** Participants of a contract, in their order on the quote. */
    public java.util.List<Participant> participants(String number) {
        return jdbc.sql("""
                SELECT p.id, p.first_name, p.last_name, p.email, p.position FROM participant p
                JOIN contract c ON c.id = p.contract_id WHERE c.number = ? ORDER BY p.position""")
                .param(number)
                .query((rs, n) -> new Participant(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                        rs.getString("email"), rs.getInt("position")))
                .list();
    }

    /** E1: presence per participant and half-day; recorded again, the half-day's row takes the new answer. */
    @Transactional
    /**
     * The attendance of record of one half-day (E1), as coordination entered it; {@code signed} says whether the
     * participant signed it online, and the row is a correction when the two differ (issue 23).
     */
    public void recordAttendance(long participantId, LocalDate day, String halfDay, boolean present, boolean signed, String actor) {
        // one statement per half-day (standard MERGE: PostgreSQL 15 and H2)
        jdbc.sql("""
                MERGE INTO attendance a
                USING (SELECT CAST(? AS BIGINT) AS participant_id, CAST(? AS DATE) AS session_day,
                              CAST(? AS VARCHAR(2)) AS half_day, CAST(? AS BOOLEAN) AS present,
                              CAST(? AS BOOLEAN) AS signed, CAST(? AS VARCHAR(64)) AS recorded_by) v
                ON a.participant_id = v.participant_id AND a.session_day = v.session_day AND a.half_day = v.half_day
                WHEN MATCHED THEN UPDATE SET present = v.present, signed = v.signed, corrected = (v.present <> v.signed),
                    recorded_by = v.recorded_by, recorded_at = CURRENT_TIMESTAMP
                WHEN NOT MATCHED THEN INSERT (participant_id, session_day, half_day, present, signed, corrected, recorded_by)
                    VALUES (v.participant_id, v.session_day, v.half_day, v.present, v.signed, (v.present <> v.signed), v.recorded_by)""")
                .params(participantId, day, halfDay, present, signed, actor).update();
    }

    /** Training objectives, for certificates (E1). */
    public java.util.List<String> objectives(String number) {
        return jdbc.sql("""
                SELECT o.text FROM training_objective o JOIN contract c ON c.training_id = o.training_id
                WHERE c.number = ? ORDER BY o.position""").param(number).query(String.class).list();
    }

    public Optional<String> funderEmail(String number) {
        return jdbc.sql("SELECT f.email FROM funder f JOIN contract c ON c.funder_id = f.id WHERE c.number = ?")
                .param(number).query(String.class).optional().filter(e -> e != null && !e.isBlank());
    }

    @Transactional
    public void recordEvent(String number, String kind, String detail, String actor) {
        jdbc.sql("""
                INSERT INTO contract_event (contract_id, occurred_at, kind, detail, actor)
                SELECT id, ?, ?, ?, ? FROM contract WHERE number = ?""")
                .params(now(), kind, detail, actor, number).update();
    }

    /** Now on the app's clock (ClockConfig), for the timestamps the app writes. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
