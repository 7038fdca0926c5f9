package fr.lexom.contracts.participant;

import fr.lexom.contracts.delivery.AttendanceSignatures;
import fr.lexom.contracts.delivery.AttendanceSignatures.Evidence;
import fr.lexom.contracts.delivery.AttendanceSignatures.Outcome;
import fr.lexom.contracts.delivery.AttendanceSignatures.Result;
import fr.lexom.contracts.delivery.HalfDays;
import fr.lexom.contracts.delivery.HalfDays.HalfDay;
import fr.lexom.contracts.delivery.Trainers;
import fr.lexom.contracts.participant.ParticipantLinks.Purpose;
import fr.lexom.contracts.participant.ParticipantLinks.RefusedLink;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages participants and trainers reach by their personal link, without an account (issue 23): server-rendered
 * French HTML, no script, readable on a phone. A participant's page shows their own name, the training, its dates and
 * place, and its half-days: the one running can be signed « présent » (E1); nothing of the client's contract (no client,
 * price, invoice). A trainer's page shows the half-days they can countersign and who signed them. A link altered or
 * unknown is a 404, one out of date a 410, each with a French page that says what to do.
 */
@RestController
class ParticipantPages {

    /** Where participants' links point, under the app's base URL. */
    static final String PATH = "/p/";
    /** Where trainers' links point. */
    static final String TRAINER_PATH = "/p/formateur/";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRANCE);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("'le' dd/MM/yyyy 'à' HH'h'mm", Locale.FRANCE)
            .withZone(HalfDays.PARIS);

    private final ParticipantLinks links;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final HalfDays halfDays;
    private final AttendanceSignatures signatures;
    private final Trainers trainers;
    private final ObjectProvider<EvaluationOffers> evaluations;

    ParticipantPages(ParticipantLinks links, JdbcClient jdbc, Clock clock, HalfDays halfDays, AttendanceSignatures signatures,
                     Trainers trainers, ObjectProvider<EvaluationOffers> evaluations) {
        this.links = links;
        this.jdbc = jdbc;
        this.clock = clock;
        this.halfDays = halfDays;
        this.signatures = signatures;
        this.trainers = trainers;
        this.evaluations = evaluations;
    }

    record Participation(long id, String firstName, String lastName, String training, LocalDate startsOn, LocalDate endsOn,
                         String modality, String place) {
    }

    /** One half-day as the participant's page lists it: its label, what happened, and whether it can be signed now. */
    record HalfDayLine(String label, String day, String half, String status, boolean signable) {
    }

    @GetMapping(path = PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> participant(@PathVariable String token) {
        return asParticipant(token, (holder, p) -> participantPage(HttpStatus.OK, token, p, null, false));
    }

    /** E1: the participant signs « présent » for the half-day running (the page's button names it). */
    @PostMapping(path = PATH + "{token}/presence", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> sign(@PathVariable String token, @RequestParam(required = false) String day,
                                @RequestParam(required = false) String half, HttpServletRequest request) {
        return asParticipant(token, (holder, p) -> {
            Optional<LocalDate> signedDay = day(day);
            if (signedDay.isEmpty() || !List.of("AM", "PM").contains(half)) {
                return participantPage(HttpStatus.BAD_REQUEST, token, p, "Demande illisible : utilisez le bouton de signature de la page.", true);
            }
            Instant now = clock.instant();
            Result result = signatures.sign(p.id(), signedDay.get(), half, evidence(token, request), now);
            String which = halfDays.of(signedDay.get(), half).label();
            return switch (result.outcome()) {
                case SIGNED -> participantPage(HttpStatus.OK, token, p, "Votre présence est signée pour le " + which + ", "
                        + AT.format(result.signedAt()) + ". Merci.", false);
                case ALREADY_SIGNED -> participantPage(HttpStatus.OK, token, p, "Votre présence était déjà signée pour le " + which
                        + (result.signedAt() == null ? "" : ", " + AT.format(result.signedAt())) + " : rien n'a changé.", false);
                case TOO_LATE -> participantPage(HttpStatus.GONE, token, p, "La signature du " + which + " est close : une signature "
                        + "tardive n'est pas acceptée. Signalez votre présence au formateur, qui la fera enregistrer.", true);
                case NOT_YET -> participantPage(HttpStatus.CONFLICT, token, p, "La signature du " + which + " n'est pas encore ouverte.", true);
                case NOT_SIGNABLE -> participantPage(HttpStatus.NOT_FOUND, token, p, "Cette demi-journée ne fait pas partie de "
                        + "votre formation, ou la formation n'a pas lieu : rien n'a été signé.", true);
            };
        });
    }

    @GetMapping(path = TRAINER_PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> trainer(@PathVariable String token) {
        return asTrainer(token, trainer -> trainerPage(HttpStatus.OK, token, trainer, null, false));
    }

    /** E1: the trainer countersigns a half-day of one of their trainings. */
    @PostMapping(path = TRAINER_PATH + "{token}/contreseing", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> countersign(@PathVariable String token, @RequestParam(required = false) String training,
                                       @RequestParam(required = false) String day, @RequestParam(required = false) String half,
                                       HttpServletRequest request) {
        return asTrainer(token, trainer -> {
            Optional<LocalDate> signedDay = day(day);
            Optional<Long> contractId = id(training);
            if (signedDay.isEmpty() || contractId.isEmpty() || !List.of("AM", "PM").contains(half)) {
                return trainerPage(HttpStatus.BAD_REQUEST, token, trainer, "Demande illisible : utilisez le bouton de contresignature de la page.", true);
            }
            Result result = signatures.countersign(trainer.id(), contractId.get(), signedDay.get(), half, evidence(token, request),
                    clock.instant());
            String which = halfDays.of(signedDay.get(), half).label();
            return switch (result.outcome()) {
                case SIGNED -> trainerPage(HttpStatus.OK, token, trainer, "Vous avez contresigné le " + which + ", "
                        + AT.format(result.signedAt()) + ".", false);
                case ALREADY_SIGNED -> trainerPage(HttpStatus.OK, token, trainer, "Le " + which + " était déjà contresigné"
                        + (result.signedAt() == null ? "" : ", " + AT.format(result.signedAt())) + " : rien n'a changé.", false);
                case TOO_LATE -> trainerPage(HttpStatus.GONE, token, trainer, "La contresignature du " + which + " est close.", true);
                case NOT_YET -> trainerPage(HttpStatus.CONFLICT, token, trainer, "Le " + which + " n'a pas encore commencé.", true);
                case NOT_SIGNABLE -> trainerPage(HttpStatus.NOT_FOUND, token, trainer, "Cette demi-journée n'est pas celle d'une "
                        + "formation que vous animez : rien n'a été contresigné.", true);
            };
        });
    }

    private interface ParticipantAction {
        ResponseEntity<String> apply(ParticipantLinks.Holder holder, Participation participation);
    }

    private ResponseEntity<String> asParticipant(String token, ParticipantAction action) {
        ParticipantLinks.Holder holder;
        try {
            holder = links.open(token, Purpose.PARTICIPANT, clock.instant());
        } catch (RefusedLink refused) {
            return refused(refused);
        }
        Optional<Participation> found = jdbc.sql("""
                SELECT p.id, p.first_name, p.last_name, t.title, c.starts_on, c.ends_on, c.modality,
                       COALESCE(c.place, s.place) AS place
                FROM participant p JOIN contract c ON c.id = p.contract_id JOIN training t ON t.id = c.training_id
                LEFT JOIN training_session s ON s.id = c.session_id
                WHERE p.id = ?""").param(holder.id())
                .query((rs, n) -> new Participation(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                        rs.getString("title"), rs.getObject("starts_on", LocalDate.class),
                        rs.getObject("ends_on", LocalDate.class), rs.getString("modality"), rs.getString("place")))
                .optional();
        if (found.isEmpty()) {
            return refused(new RefusedLink(ParticipantLinks.Refusal.INVALID));
        }
        return action.apply(holder, found.get());
    }

    private ResponseEntity<String> asTrainer(String token, java.util.function.Function<Trainers.Trainer, ResponseEntity<String>> action) {
        ParticipantLinks.Holder holder;
        try {
            holder = links.open(token, Purpose.TRAINER, clock.instant());
        } catch (RefusedLink refused) {
            return refused(refused);
        }
        return trainers.byId(holder.id()).map(action).orElseGet(() -> refused(new RefusedLink(ParticipantLinks.Refusal.INVALID)));
    }

    private ResponseEntity<String> participantPage(HttpStatus status, String token, Participation p, String message, boolean refused) {
        Instant now = clock.instant();
        var training = signatures.trainingOfParticipant(p.id()).orElseThrow();
        List<HalfDayLine> lines = new ArrayList<>();
        for (HalfDay halfDay : halfDays.between(p.startsOn(), p.endsOn())) {
            Optional<Instant> signed = signatures.signatureOf(p.id(), halfDay.day(), halfDay.half());
            boolean open = halfDays.participantMaySign(halfDay, now) && signed.isEmpty() && training.signable();
            String state = signed.map(at -> "Signée " + AT.format(at))
                    .orElse(open ? "À signer maintenant" : now.isAfter(halfDay.end()) ? "Non signée" : "À venir");
            lines.add(new HalfDayLine(halfDay.label(), halfDay.day().toString(), halfDay.half(), state, open));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("name", p.firstName() + " " + p.lastName());
        model.put("training", p.training());
        model.put("dates", p.startsOn().equals(p.endsOn()) ? "le " + DAY.format(p.startsOn())
                : "du " + DAY.format(p.startsOn()) + " au " + DAY.format(p.endsOn()));
        model.put("where", "REMOTE".equals(p.modality()) ? "à distance" : p.place() == null ? "" : p.place());
        model.put("halfDays", lines);
        model.put("token", token);
        model.put("message", message);
        model.put("refused", refused);
        EvaluationOffers offers = evaluations.getIfAvailable();
        model.put("evaluations", offers == null ? List.of() : offers.openFor(p.id(), now));
        return page(status, "participant", model);
    }

    /** One countersignable half-day of a training, with who signed it. */
    record CountersignLine(long trainingId, String title, String dates, String label, String day, String half,
                           List<String> participants, int signedCount, String countersigned) {
    }

    private ResponseEntity<String> trainerPage(HttpStatus status, String token, Trainers.Trainer trainer, String message, boolean refused) {
        Instant now = clock.instant();
        List<CountersignLine> lines = new ArrayList<>();
        for (var training : signatures.trainingsOfTrainer(trainer.id(), now)) {
            String title = jdbc.sql("SELECT t.title FROM contract c JOIN training t ON t.id = c.training_id WHERE c.id = ?")
                    .param(training.contractId()).query(String.class).single();
            var participants = jdbc.sql("SELECT id, first_name, last_name FROM participant WHERE contract_id = ? ORDER BY position")
                    .param(training.contractId()).query((rs, n) -> Map.entry(rs.getLong("id"), rs.getString("first_name") + " "
                            + rs.getString("last_name"))).list();
            for (HalfDay halfDay : halfDays.countersignableByTrainer(training.startsOn(), training.endsOn(), now)) {
                List<String> who = new ArrayList<>();
                int signed = 0;
                for (var participant : participants) {
                    Optional<Instant> at = signatures.signatureOf(participant.getKey(), halfDay.day(), halfDay.half());
                    signed += at.isPresent() ? 1 : 0;
                    who.add(participant.getValue() + " : " + at.map(i -> "signé " + AT.format(i)).orElse("pas de signature"));
                }
                String countersigned = signatures.countersignatureOf(training.contractId(), halfDay.day(), halfDay.half())
                        .map(AT::format).orElse(null);
                lines.add(new CountersignLine(training.contractId(), title, "du " + DAY.format(training.startsOn()) + " au "
                        + DAY.format(training.endsOn()), halfDay.label(), halfDay.day().toString(), halfDay.half(), who, signed,
                        countersigned));
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("name", trainer.fullName());
        model.put("lines", lines);
        model.put("token", token);
        model.put("message", message);
        model.put("refused", refused);
        return page(status, "trainer", model);
    }

    private static Evidence evidence(String token, HttpServletRequest request) {
        return new Evidence(ParticipantLinks.fingerprint(token), request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    private static Optional<LocalDate> day(String value) {
        try {
            return value == null || value.length() != 10 ? Optional.empty() : Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Long> id(String value) {
        return value != null && value.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(value)) : Optional.empty();
    }

    private static ResponseEntity<String> refused(RefusedLink refused) {
        return ParticipantHtml.refused(refused);
    }

    private static ResponseEntity<String> page(HttpStatus status, String template, Map<String, Object> model) {
        return ParticipantHtml.page(status, template, model);
    }

    @Configuration
    static class Links {
        /** The server's secret for participants' links: LEXOM_PARTICIPANT_LINK_SECRET, required outside the demo. */
        @Bean
        ParticipantLinks participantLinks(@Value("${lexom.participants.link-secret:}") String secret) {
            return new ParticipantLinks(secret);
        }
    }
}
