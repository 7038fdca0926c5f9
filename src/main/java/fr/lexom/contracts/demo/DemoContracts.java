package fr.lexom.contracts.demo;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.Owed;
import fr.lexom.contracts.billing.PaymentReport;
import fr.lexom.contracts.billing.PaymentService;
import fr.lexom.contracts.cancellation.ContractRequests;
import fr.lexom.contracts.delivery.AttendanceSignatures;
import fr.lexom.contracts.delivery.HalfDays;
import fr.lexom.contracts.delivery.Trainers;
import fr.lexom.contracts.identity.Groups;
import fr.lexom.contracts.notification.OutboxSender;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A living demo (issue 22, item 3): on the first start of the embedded default, contracts at every stage of both CGV
 * editions ({@link DemoCase}), made through the real processes and services as staff, the bank and the clients would
 * have made them, each at its own date, so that today every one stands where production would have left it, with its
 * timers due when they would be and its mails in the drop folder ({@code ./data/mail}).
 *
 * <p><b>Time.</b> The engine has one clock for the whole JVM ({@link ClockUtil}; the app's {@code Clock} reads it, see
 * ClockConfig). The demo is one timeline over the last ~4 months: every step (a quote, a signature, a payment, a
 * decision) has its instant; before each, the engine clock is moved forward to the due date of every job of the demo's
 * own process instances that falls due in between, and the job is executed there (a reminder leaves on its day, a
 * quote expires on its day), then to the step's instant; mails are delivered by the outbox as time passes, so each
 * .eml is dated by the day its letter left. The clock runs (an offset, not a frozen instant), and is put back to the
 * system's in a {@code finally}. Moving a JVM-wide clock is only safe while nothing else reads it, so the demo is made
 * <b>synchronously at startup, before the app serves anyone</b>: on {@link ApplicationReadyEvent} ahead of the Camunda
 * starter's own listener, which starts the job executor only afterwards (if it already runs, it is stopped for the
 * duration and started again), and while {@link DemoSeedingGate} answers every HTTP request with 503 « La
 * démonstration se prépare » (Spring's readiness is not yet ACCEPTING_TRAFFIC either). Only the jobs of the demo's own
 * instances are executed: a database that already holds work keeps it untouched. The outbox's scheduled poll may run
 * meanwhile; it reads the same clock, so what it sends is dated as the demo's own sends. About 15 to 30 s on 2 cores.
 *
 * <p><b>Once.</b> The engine property {@value #MARKER} records the demo: {@code started <instant>} before the first
 * step, {@code done <instant>} after the last; a start that finds it (either value) adds nothing. Each case's contract
 * number is kept as the engine property {@code lexom.demo.contract.<CASE>}. A crash in the middle leaves the demo half
 * made and says so in the log; remove {@code ./data} to start again.
 *
 * <p>On only in the embedded default ({@code lexom.demo.enabled}) and unless {@code lexom.demo.contracts} is false
 * ({@code LEXOM_DEMO_CONTRACTS=false}). Tests (one shared context, demo off) make one with
 * {@code AutowireCapableBeanFactory.createBean} and call {@link #seed()}.
 */
@Component
@ConditionalOnExpression("${lexom.demo.enabled:false} and ${lexom.demo.contracts:true}")
public class DemoContracts {

    /** The engine property that says the demo was made (ACT_GE_PROPERTY, via ManagementService). */
    public static final String MARKER = "lexom.demo.contracts";
    /** Prefix of the engine properties naming each case's contract. */
    public static final String CASE_PROPERTY = "lexom.demo.contract.";

    private static final Logger LOG = LoggerFactory.getLogger(DemoContracts.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String SALES = "sophie";
    private static final String COORDINATION = "camille";
    private static final String ACCOUNTING = "paul";
    private static final String MANAGER = "marie";
    private static final String DPO = "dominique";
    private static final String LEXOM_ROOM = "LEXOM, 5 rue Jean Jaurès, 07200 Aubenas";
    /** The demo's trainers (issue 23): one of LEXOM's own, one external. */
    private static final String[] CLAIRE = {"INTERNAL", "Claire Vidal", "claire.vidal@lexom.example"};
    private static final String[] HUGO = {"EXTERNAL", "Hugo Lambert", "hugo.lambert@formateurs.example"};
    /** What the demo's signatures were made with, as evidence (a documentation address, RFC 5737). */
    private static final AttendanceSignatures.Evidence DEMO_PHONE = new AttendanceSignatures.Evidence("démo", "192.0.2.10",
            "Mozilla/5.0 (iPhone; démo LEXOM)");

    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    private final InvoiceService invoices;
    private final PaymentService payments;
    private final ContractRequests requests;
    private final OutboxSender outbox;
    private final AttendanceSignatures signatures;
    private final Trainers trainers;
    private final HalfDays halfDays;
    private final AtomicBoolean seeding = new AtomicBoolean();

    public DemoContracts(ProcessEngine engine, JdbcClient jdbc, InvoiceService invoices, PaymentService payments,
                         ContractRequests requests, OutboxSender outbox, AttendanceSignatures signatures, Trainers trainers,
                         HalfDays halfDays) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.payments = payments;
        this.requests = requests;
        this.outbox = outbox;
        this.signatures = signatures;
        this.trainers = trainers;
        this.halfDays = halfDays;
    }

    /** What a call of {@link #seed()} did: whether it made the demo, each case's contract, the steps that failed. */
    public record Outcome(boolean created, Map<DemoCase, String> contracts, List<String> failures, Duration took) {
    }

    /** Whether the demo is being made right now (the engine clock is then moved: {@link DemoSeedingGate}). */
    public boolean seeding() {
        return seeding.get();
    }

    /**
     * After the users, groups, filters and demo clients (orders 0 to 10), before the Camunda starter's listener
     * (lowest precedence) starts the job executor: see the class comment.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    public void atStartup() {
        seed();
    }

    /** Makes the demo unless it was made before; returns what it did. */
    public synchronized Outcome seed() {
        engine.getIdentityService().clearAuthentication();
        String marker = engine.getManagementService().getProperties().get(MARKER);
        if (marker != null) {
            if (marker.startsWith("started")) {
                LOG.warn("Demo contracts were {} and never finished (the app stopped meanwhile): nothing added;"
                        + " remove ./data for a fresh demo", marker);
            } else {
                LOG.info("Demo contracts already there ({}): nothing added", marker);
            }
            return new Outcome(false, cases(), List.of(), Duration.ZERO);
        }
        long began = System.nanoTime();
        engine.getManagementService().setProperty(MARKER, "started " + Instant.now());
        JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        boolean executorWasActive = jobExecutor != null && jobExecutor.isActive();
        if (executorWasActive) {
            jobExecutor.shutdown();
        }
        seeding.set(true);
        Timeline timeline = new Timeline(Instant.now());
        try {
            plan(timeline);
            timeline.run();
        } finally {
            ClockUtil.reset();
            engine.getIdentityService().clearAuthentication();
            seeding.set(false);
            if (executorWasActive) {
                jobExecutor.start();
            }
        }
        outbox.sendDue();
        engine.getManagementService().setProperty(MARKER, "done " + Instant.now());
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        LOG.info("Demo contracts ready in {} s: {} ({} jobs executed on their dates{})", took.toSeconds(),
                timeline.numbers, timeline.jobs, timeline.failures.isEmpty() ? "" : "; FAILED steps: " + timeline.failures);
        return new Outcome(true, Map.copyOf(timeline.numbers), List.copyOf(timeline.failures), took);
    }

    /** Each case's contract number (or the data request's process instance), as recorded by the demo. */
    public Map<DemoCase, String> cases() {
        Map<String, String> properties = engine.getManagementService().getProperties();
        Map<DemoCase, String> cases = new EnumMap<>(DemoCase.class);
        for (DemoCase c : DemoCase.values()) {
            String value = properties.get(CASE_PROPERTY + c.name());
            if (value != null) {
                cases.put(c, value);
            }
        }
        return cases;
    }

    // ---- the plan: each case's steps, at their instants (days relative to today, Paris time) ------------------------

    private void plan(Timeline t) {
        LocalDate today = t.today;

        // A quote sent three days ago: its acceptance is awaited (« Devis en cours »).
        Map<String, Object> waiting = form(company("Transports Vivarais SAS", "41234567800012",
                "compta@transports-vivarais.example", "12 avenue de la Gare", "07200", "Aubenas"), "RCL-APPL-03",
                weekday(today.plusDays(42), true), "ON_SITE", LEXOM_ROOM, "2 400,00", "CGV_2025",
                "Anne Dupont <anne.dupont@transports-vivarais.example>", "Luc Martin <luc.martin@transports-vivarais.example>",
                "Nadia Benali");
        t.quote(DemoCase.QUOTE_WAITING, t.at(today.minusDays(3), 10, 15), waiting);

        // Q1: sent 26 days ago under the legacy CGV; the reminder left 3 days ago, it expires in 4 days. Sophie took it.
        Map<String, Object> expiring = form(publicBody("Mairie de Privas", "21070186200014", "formation@mairie-privas.example",
                "Place de l'Hôtel de Ville", "07000", "Privas"), "AK-RCL-RCL-09", weekday(today.plusDays(30), true), "REMOTE",
                "Classe virtuelle", "3 600,00", "CGV_LEGACY", "Claire Vidal <claire.vidal@mairie-privas.example>",
                "Bruno Lacroix <bruno.lacroix@mairie-privas.example>");
        t.quote(DemoCase.QUOTE_EXPIRING, t.at(today.minusDays(26), 9, 40), expiring);
        t.claim(DemoCase.QUOTE_EXPIRING, t.at(today.minusDays(3), 9, 30), "Task_RecordSignature", SALES, Groups.SALES);

        // W1: an individual signed 5 days ago under CGV 2025; nothing is invoiced until its 14 days are over (W2).
        Map<String, Object> julie = form(individual("Julie Moreau", "julie.moreau@example.org", "3 chemin des Vignes",
                "26000", "Valence"), "RCL-APPL-03", weekday(today.plusDays(35), true), "REMOTE", "Classe virtuelle",
                "1 190,00", "CGV_2025", "Julie Moreau <julie.moreau@example.org>");
        t.quote(DemoCase.WITHDRAWAL_PERIOD, t.at(today.minusDays(9), 11, 0), julie);
        t.sign(DemoCase.WITHDRAWAL_PERIOD, t.at(today.minusDays(5), 14, 30), Map.of("earlyStartWaiver", false));

        // D2-LEGACY: signed 22 days ago, the deposit never came (reminders weekly); 14 days before the start the
        // managers decide (proceed is not offered under the legacy CGV). Marie took the decision.
        LocalDate depositStart = weekday(today.plusDays(12), false);
        Map<String, Object> unpaid = form(company("Menuiserie Chabanne SARL", "52345678900017",
                "contact@menuiserie-chabanne.example", "4 rue des Artisans", "07100", "Annonay"), "RCL-APPL-03",
                depositStart, "ON_SITE", LEXOM_ROOM, "2 400,00", "CGV_LEGACY",
                "Hugo Chabanne <hugo@menuiserie-chabanne.example>", "Inès Roche");
        t.quote(DemoCase.DEPOSIT_DECISION, t.at(today.minusDays(30), 10, 0), unpaid);
        t.sign(DemoCase.DEPOSIT_DECISION, t.at(today.minusDays(22), 16, 0), Map.of());
        t.claim(DemoCase.DEPOSIT_DECISION, t.at(depositStart.minusDays(13), 9, 15), "Task_DecideUnpaidDeposit", MANAGER, Groups.MANAGERS);

        // P2-2025: a Swiss company pays the whole price before the start; its prepayment invoice is out.
        Map<String, Object> swiss = form(foreign("Helvetia Services SA", "finance@helvetia-services.example", "Rue du Rhône 40",
                "1204", "Genève", "CH"), "RCL-APPL-03", weekday(today.plusDays(56), true), "REMOTE", "Classe virtuelle",
                "2 400,00", "CGV_2025", "Lukas Meier <lukas.meier@helvetia-services.example>");
        t.quote(DemoCase.PREPAYMENT_DUE, t.at(today.minusDays(12), 9, 15), swiss);
        t.sign(DemoCase.PREPAYMENT_DUE, t.at(today.minusDays(7), 10, 0), Map.of("acceptanceDocument", "ELECTRONIC_SIGNATURE"));

        // O1, O2: a clinic funded by OPCO Santé; deposit paid in Tasklist, the funder's answer awaited until the start.
        Map<String, Object> funded = form(company("Clinique des Cévennes", "63245678900021", "formation@clinique-cevennes.example",
                "18 route de Nîmes", "30100", "Alès"), "AK-RCL-RCL-09", weekday(today.plusDays(24), true), "ON_SITE",
                "Clinique des Cévennes, 18 route de Nîmes, 30100 Alès", "4 200,00", "CGV_2025",
                "Sarah Meunier <sarah.meunier@clinique-cevennes.example>", "Paul-Henri Faure", "Léa Bonnet");
        funded.put("funderCode", "OPCO-SANTE");
        t.quote(DemoCase.FUNDER_TO_ANSWER, t.at(today.minusDays(14), 10, 30), funded);
        t.sign(DemoCase.FUNDER_TO_ANSWER, t.at(today.minusDays(10), 15, 0), Map.of("acceptanceDocument", "SIGNED_AGREEMENT"));
        t.payInTask(DemoCase.FUNDER_TO_ANSWER, t.at(today.minusDays(6), 11, 0), "Task_CollectDeposit");

        // E1: a public body signed and paid its deposit by administrative mandate: scheduled, convocations to come.
        Map<String, Object> scheduled = form(publicBody("Communauté de communes du Val de Drôme", "24260039100012",
                "rh@cc-valdedrome.example", "Avenue de la Clairette", "26400", "Crest"), "RCL-APPL-03",
                weekday(today.plusDays(19), true), "ON_SITE", LEXOM_ROOM, "2 400,00", "CGV_2025",
                "Agnès Mercier <agnes.mercier@cc-valdedrome.example>", "Olivier Giraud <olivier.giraud@cc-valdedrome.example>");
        t.quote(DemoCase.SCHEDULED, t.at(today.minusDays(21), 9, 30), scheduled);
        t.sign(DemoCase.SCHEDULED, t.at(today.minusDays(16), 14, 0), Map.of("acceptanceDocument", "SIGNED_AGREEMENT"));
        t.payInTask(DemoCase.SCHEDULED, t.at(today.minusDays(4), 10, 0), "Task_CollectDeposit");

        // E1 (issue 23): a session running today (begun yesterday if today's has not begun yet); its participants sign
        // each half-day by the link of their convocation, Claire Vidal countersigns by hers. Yanis Haddad has not
        // signed today: his link in ./data/mail signs the half-day running.
        LocalDate sessionStart = sessionRunningToday(t.started);
        Map<String, Object> delivery = form(company("Fournil d'Ardèche SAS", "73245678900034", "rh@fournil-ardeche.example",
                "ZA des Persèdes", "07170", "Lavilledieu"), "RCL-APPL-03", sessionStart, "ON_SITE", LEXOM_ROOM, "2 400,00",
                "CGV_2025", "Marc Aubert <marc.aubert@fournil-ardeche.example>", "Sophie Ferrand <sophie.ferrand@fournil-ardeche.example>",
                "Yanis Haddad");
        delivery.put("endDate", sessionStart.plusDays(1).toString());
        t.quote(DemoCase.IN_DELIVERY, t.at(sessionStart.minusDays(40), 10, 0), delivery);
        t.trainer(DemoCase.IN_DELIVERY, t.at(sessionStart.minusDays(40), 10, 5), CLAIRE);
        t.sign(DemoCase.IN_DELIVERY, t.at(sessionStart.minusDays(36), 11, 0), Map.of());
        t.payByBank(DemoCase.IN_DELIVERY, t.at(sessionStart.minusDays(31), 8, 30), InvoiceKind.DEPOSIT);
        t.attendance(DemoCase.IN_DELIVERY, sessionStart, sessionStart.plusDays(1), "Haddad", t.today);

        // E1: a session that ended yesterday, signed online but for one afternoon: the hot evaluation left with the end
        // of signing; Camille took « Enregistrer l'émargement », pre-filled from the signatures.
        LocalDate recordedEnd = sessionStart.minusDays(1);
        Map<String, Object> ended = form(company("Menuiserie Coste SARL", "21345678900092", "rh@menuiserie-coste.example",
                "3 chemin des Écoles", "07150", "Vallon-Pont-d'Arc"), "AK-RCL-RCL-09", recordedEnd.minusDays(1), "ON_SITE",
                LEXOM_ROOM, "2 000,00", "CGV_2025", "Léa Coste <lea.coste@menuiserie-coste.example>",
                "Bruno Lefèvre <bruno.lefevre@menuiserie-coste.example>");
        ended.put("endDate", recordedEnd.toString());
        t.quote(DemoCase.ATTENDANCE_TO_RECORD, t.at(recordedEnd.minusDays(45), 9, 0), ended);
        t.trainer(DemoCase.ATTENDANCE_TO_RECORD, t.at(recordedEnd.minusDays(45), 9, 5), HUGO);
        t.sign(DemoCase.ATTENDANCE_TO_RECORD, t.at(recordedEnd.minusDays(40), 15, 0), Map.of());
        t.payByBank(DemoCase.ATTENDANCE_TO_RECORD, t.at(recordedEnd.minusDays(35), 8, 30), InvoiceKind.DEPOSIT);
        t.attendance(DemoCase.ATTENDANCE_TO_RECORD, recordedEnd.minusDays(1), recordedEnd, "Lefèvre", recordedEnd);
        t.claim(DemoCase.ATTENDANCE_TO_RECORD, t.at(sessionStart, 8, 45), "Task_RecordAttendance", COORDINATION, Groups.COORDINATION);

        // L1, L2, R1: legacy, delivered ~4 weeks ago, the balance unpaid: two reminders, then the formal notice that
        // Paul prepared 5 days ago; its eight days are running (Paul follows it).
        LocalDate noticeStart = weekday(today.minusDays(29), true);
        delivered(t, DemoCase.FORMAL_NOTICE, noticeStart, form(company("Garage Chabert & Fils SARL", "83245678900047",
                "compta@garage-chabert.example", "27 avenue de Vals", "07200", "Aubenas"), "RCL-APPL-03", noticeStart,
                "ON_SITE", LEXOM_ROOM, "2 400,00", "CGV_LEGACY", "Denis Chabert <denis@garage-chabert.example>", "Kevin Morel"));
        // invoiced when coordination entered the attendance, the morning after the last day (E1, P1)
        LocalDate noticeInvoiced = noticeStart.plusDays(2);
        t.complete(DemoCase.FORMAL_NOTICE, t.at(noticeInvoiced.plusDays(22), 10, 30), "Task_PrepareFormalNotice", ACCOUNTING,
                Groups.ACCOUNTING, Map.of("claimChecked", true));
        t.claim(DemoCase.FORMAL_NOTICE, t.at(noticeInvoiced.plusDays(22), 10, 35), "Task_FollowFormalNotice", ACCOUNTING,
                Groups.ACCOUNTING);

        // C1-2025: signed, then cancelled in writing 50 days before the start without having paid the deposit: the fee
        // is 30 % of the price incl. VAT, the deposit invoice is cancelled by a credit note.
        Map<String, Object> cancelled = form(company("Cabinet Roux Expertise", "93245678900050", "secretariat@cabinet-roux.example",
                "9 boulevard Gambetta", "26000", "Valence"), "AK-RCL-RCL-09", today.plusDays(40), "REMOTE", "Classe virtuelle",
                "2 000,00", "CGV_2025", "Émilie Roux <emilie.roux@cabinet-roux.example>");
        t.quote(DemoCase.CANCELLED_WITH_FEE, t.at(today.minusDays(35), 14, 0), cancelled);
        t.sign(DemoCase.CANCELLED_WITH_FEE, t.at(today.minusDays(32), 9, 45), Map.of());
        t.clientCancellation(DemoCase.CANCELLED_WITH_FEE, t.at(today.minusDays(10), 14, 0));

        // P1: legacy, delivered 7 weeks ago and paid by transfer: closed (its cold evaluation is still to come, E1).
        LocalDate closedStart = weekday(today.minusDays(50), true);
        delivered(t, DemoCase.CLOSED, closedStart, form(company("Coopérative Vivaroise", "10345678900063",
                "compta@coop-vivaroise.example", "2 place du Marché", "07600", "Vals-les-Bains"), "RCL-APPL-03", closedStart,
                "ON_SITE", LEXOM_ROOM, "1 800,00", "CGV_LEGACY", "Odile Brun <odile.brun@coop-vivaroise.example>"));
        t.payByBank(DemoCase.CLOSED, t.at(closedStart.plusDays(7), 8, 30), InvoiceKind.BALANCE);

        // Q1: a quote nobody answered: reminded, then expired 15 days ago.
        Map<String, Object> expired = form(company("Imprimerie Delaroche SAS", "11345678900076", "devis@imprimerie-delaroche.example",
                "5 rue de l'Industrie", "26200", "Montélimar"), "AK-RCL-RCL-09", weekday(today.plusDays(15), true), "ON_SITE",
                LEXOM_ROOM, "1 500,00", "CGV_2025", "Gilles Delaroche <gilles@imprimerie-delaroche.example>");
        t.quote(DemoCase.EXPIRED, t.at(today.minusDays(45), 11, 0), expired);

        // R1: delivered two months ago, never paid: reminders, formal notice, eight days unanswered, the managers
        // resolved the contract and accounting sent the letter by registered post.
        LocalDate resolvedStart = weekday(today.minusDays(63), true);
        delivered(t, DemoCase.RESOLVED, resolvedStart, form(company("Bâti Sud Rénovation SARL", "12345678900089",
                "gestion@batisud-renovation.example", "40 route de Marseille", "26000", "Valence"), "AK-RCL-RCL-09",
                resolvedStart, "ON_SITE", LEXOM_ROOM, "3 000,00", "CGV_2025", "Rachid Amrani <rachid@batisud-renovation.example>",
                "Julien Petit"));
        LocalDate resolvedInvoiced = resolvedStart.plusDays(2);
        t.complete(DemoCase.RESOLVED, t.at(resolvedInvoiced.plusDays(22), 10, 30), "Task_PrepareFormalNotice", ACCOUNTING,
                Groups.ACCOUNTING, Map.of("claimChecked", true));
        t.complete(DemoCase.RESOLVED, t.at(resolvedInvoiced.plusDays(32), 10, 0), "Task_DecideResolution", MANAGER,
                Groups.MANAGERS, Map.of("resolutionDecision", "RESOLVE"));
        t.complete(DemoCase.RESOLVED, t.at(resolvedInvoiced.plusDays(33), 11, 0), "Task_SendResolutionLetter", ACCOUNTING,
                Groups.ACCOUNTING, Map.of("trackingNumber", "1A02468135790"));

        // W1, W3: a legacy individual withdrew within its 14 days; it owes nothing.
        Map<String, Object> withdrawn = form(individual("Thomas Girard", "thomas.girard@example.org", "15 rue Pasteur", "07000",
                "Privas"), "AK-RCL-RCL-09", weekday(today.plusDays(20), true), "REMOTE", "Classe virtuelle", "1 190,00",
                "CGV_LEGACY", "Thomas Girard <thomas.girard@example.org>");
        t.quote(DemoCase.WITHDRAWN, t.at(today.minusDays(30), 16, 0), withdrawn);
        t.sign(DemoCase.WITHDRAWN, t.at(today.minusDays(20), 10, 0), Map.of());
        t.complete(DemoCase.WITHDRAWN, t.at(today.minusDays(12), 15, 0), "Task_RecordWithdrawal", SALES, Groups.SALES,
                Map.of("withdrawalReceivedOn", today.minusDays(12).toString()));

        // G1: the client who withdrew asks what LEXOM holds about him; Dominique took the request.
        t.dataRequest(t.at(today.minusDays(2), 10, 0), Map.of("requestKind", "EXPORT", "subjectEmail", "thomas.girard@example.org",
                "requestReceivedOn", today.minusDays(2).toString()));
        t.claim(DemoCase.DATA_REQUEST, t.at(today.minusDays(2), 10, 5), "Task_AnswerDataRequest", DPO, Groups.DPO);
    }

    /**
     * Quote 40 days before the start, signed 35, deposit paid in Tasklist 30 days before, every half-day signed online
     * and countersigned (E1), attendance entered the morning after the last day, as pre-filled from the signatures.
     */
    private static void delivered(Timeline t, DemoCase c, LocalDate start, Map<String, Object> form) {
        t.quote(c, t.at(start.minusDays(40), 10, 0), form);
        t.trainer(c, t.at(start.minusDays(40), 10, 5), c.ordinal() % 2 == 0 ? CLAIRE : HUGO);
        t.sign(c, t.at(start.minusDays(35), 11, 30), Map.of());
        t.payInTask(c, t.at(start.minusDays(30), 14, 0), "Task_CollectDeposit");
        LocalDate end = LocalDate.parse((String) form.get("endDate"));
        t.attendance(c, start, end, null, null);
        t.complete(c, t.at(end.plusDays(1), 9, 30), "Task_RecordAttendance", COORDINATION, Groups.COORDINATION, Map.of());
    }

    /** A session that is running today, Paris time: today if its first half-day has begun, else since yesterday. */
    static LocalDate sessionRunningToday(Instant now) {
        ZonedDateTime paris = now.atZone(PARIS);
        return paris.toLocalTime().isAfter(LocalTime.of(9, 5)) ? paris.toLocalDate() : paris.toLocalDate().minusDays(1);
    }

    /** The day, or the nearest Monday to Thursday (a two-day session within the week): later if {@code forward}. */
    static LocalDate weekday(LocalDate day, boolean forward) {
        LocalDate d = day;
        while (d.getDayOfWeek().getValue() > DayOfWeek.THURSDAY.getValue()) {
            d = forward ? d.plusDays(1) : d.minusDays(1);
        }
        return d;
    }


    // ---- « Nouveau devis » as sales type it -------------------------------------------------------------------

    private static Map<String, Object> company(String name, String siret, String email, String street, String postalCode, String city) {
        Map<String, Object> client = client("LEGAL_ENTITY", name, email, street, postalCode, city, "FR");
        client.put("clientSiret", siret);
        return client;
    }

    private static Map<String, Object> publicBody(String name, String siret, String email, String street, String postalCode, String city) {
        Map<String, Object> client = company(name, siret, email, street, postalCode, city);
        client.put("clientKind", "PUBLIC_BODY");
        return client;
    }

    private static Map<String, Object> individual(String name, String email, String street, String postalCode, String city) {
        return client("INDIVIDUAL", name, email, street, postalCode, city, "FR");
    }

    private static Map<String, Object> foreign(String name, String email, String street, String postalCode, String city, String country) {
        return client("LEGAL_ENTITY", name, email, street, postalCode, city, country);
    }

    private static Map<String, Object> client(String kind, String name, String email, String street, String postalCode,
                                              String city, String country) {
        Map<String, Object> form = new HashMap<>();
        form.put("clientKind", kind);
        form.put("clientName", name);
        form.put("clientEmail", email);
        form.put("clientAddress", street);
        form.put("clientPostalCode", postalCode);
        form.put("clientCity", city);
        form.put("clientCountry", country);
        return form;
    }

    private static Map<String, Object> form(Map<String, Object> client, String training, LocalDate start, String modality,
                                            String place, String priceNet, String edition, String... participants) {
        Map<String, Object> form = new HashMap<>(client);
        form.put("trainingReference", training);
        form.put("startDate", start.toString());
        form.put("endDate", start.plusDays(1).toString());
        form.put("modality", modality);
        form.put("place", place);
        form.put("participants", String.join("\n", participants));
        form.put("priceNet", priceNet);
        form.put("vatRate", "20");
        form.put("vatExempt", false);
        form.put("funderCode", "NONE");
        form.put("cgvEdition", edition);
        return form;
    }

    /** An amount as accounting types it in Tasklist: 864,00. */
    static String typed(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString().replace('.', ',');
    }

    // ---- the timeline -----------------------------------------------------------------------------------------

    private record Step(Instant at, int order, DemoCase demoCase, String what, Runnable action) {
    }

    /** The steps of every case on one clock, and the jobs of the demo's instances executed on their due dates. */
    private final class Timeline {
        final Instant started;
        final LocalDate today;
        final List<Step> steps = new ArrayList<>();
        final Map<DemoCase, String> numbers = new EnumMap<>(DemoCase.class);
        /** Process instance id to its case: the contract's, its invoices' collections, the data request. */
        final Map<String, DemoCase> instances = new LinkedHashMap<>();
        final Set<DemoCase> broken = new HashSet<>();
        final Set<String> failedJobs = new HashSet<>();
        final List<String> failures = new ArrayList<>();
        int jobs;
        int references;

        Timeline(Instant started) {
            this.started = started;
            this.today = started.atZone(PARIS).toLocalDate();
        }

        /** That day at that time in Paris, and never later than the start of the demo (nothing happens in the future). */
        Instant at(LocalDate day, int hour, int minute) {
            Instant at = day.atTime(hour, minute).atZone(PARIS).toInstant();
            Instant latest = started.minusSeconds(30);
            return at.isAfter(latest) ? latest : at;
        }

        void add(DemoCase c, Instant at, String what, Runnable action) {
            steps.add(new Step(at, steps.size(), c, what, action));
        }

        void run() {
            steps.sort(Comparator.comparing(Step::at).thenComparing(Step::order));
            LOG.info("Demo contracts: {} steps of {} cases, from {} to today, through the processes (the engine clock"
                    + " moves forward meanwhile; the app answers 503 until done)", steps.size(), DemoCase.values().length,
                    steps.get(0).at().atZone(PARIS).toLocalDate());
            setClock(steps.get(0).at());
            int done = 0;
            for (Step step : steps) {
                if (broken.contains(step.demoCase())) {
                    continue;
                }
                advanceTo(step.at());
                try {
                    step.action().run();
                    executeDueJobs();
                } catch (RuntimeException e) {
                    broken.add(step.demoCase());
                    failures.add(step.demoCase() + ": " + step.what() + ": " + e.getMessage());
                    LOG.warn("Demo contract {} ({}): step « {} » failed; the case is left where it stands", step.demoCase(),
                            numbers.get(step.demoCase()), step.what(), e);
                } finally {
                    engine.getIdentityService().clearAuthentication();
                }
                if (++done % 10 == 0) {
                    LOG.info("Demo contracts: {}/{} steps, the clock at {}", done, steps.size(),
                            ClockUtil.now().toInstant().atZone(PARIS).toLocalDate());
                }
            }
            // what the job executor would have done since the last step, up to now
            advanceTo(Instant.now());
            for (Map.Entry<DemoCase, String> entry : numbers.entrySet()) {
                engine.getManagementService().setProperty(CASE_PROPERTY + entry.getKey().name(), entry.getValue());
                if (entry.getKey().contract()) {
                    LOG.info("Demo contract {}: {} — {}", entry.getValue(), stageOf(entry.getValue()), entry.getKey().description());
                }
            }
        }

        // -- the clock and the jobs

        /** The engine clock at that instant, running from there (an offset on the system clock). */
        void setClock(Instant at) {
            ClockUtil.offset(at.toEpochMilli() - System.currentTimeMillis());
        }

        /** Executes, in due order, every job of the demo's instances due by then, the clock on each due date. */
        void advanceTo(Instant until) {
            for (Job job = nextJob(until); job != null; job = nextJob(until)) {
                if (job.getDuedate() != null && job.getDuedate().toInstant().isAfter(ClockUtil.now().toInstant())) {
                    setClock(job.getDuedate().toInstant());
                }
                execute(job);
            }
            if (until.isAfter(ClockUtil.now().toInstant())) {
                setClock(until);
            }
            outbox.sendDue();
        }

        /** Everything already due (the asynchronous steps a task or a payment left). */
        void executeDueJobs() {
            advanceTo(ClockUtil.now().toInstant());
        }

        Job nextJob(Instant until) {
            if (instances.isEmpty()) {
                return null;
            }
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceIds(instances.keySet())
                    .duedateLowerThan(Date.from(until.plusMillis(1))).withRetriesLeft().active()
                    .orderByJobDuedate().asc().listPage(0, failedJobs.size() + 1);
            return due.stream().filter(j -> !failedJobs.contains(j.getId())).findFirst().orElse(null);
        }

        void execute(Job job) {
            DemoCase c = instances.get(job.getProcessInstanceId());
            try {
                engine.getManagementService().executeJob(job.getId());
                jobs++;
            } catch (RuntimeException e) {
                failedJobs.add(job.getId());
                failures.add(c + ": job " + job.getId() + ": " + e.getMessage());
                LOG.warn("Demo contract {} ({}): job {} failed at {}", c, numbers.get(c), job.getId(), ClockUtil.now(), e);
            }
            if (c != null) {
                track(c);
            }
            outbox.sendDue();
        }

        /** Adds the collection processes of the case's invoices (business key = invoice number) to the demo's instances. */
        void track(DemoCase c) {
            String number = numbers.get(c);
            if (number == null || !c.contract()) {
                return;
            }
            for (Invoice invoice : invoices.ofContract(number)) {
                if (knownInvoices.contains(invoice.number())) {
                    continue;
                }
                List<ProcessInstance> collections = engine.getRuntimeService().createProcessInstanceQuery()
                        .processInstanceBusinessKey(invoice.number()).list();
                if (!collections.isEmpty()) {
                    collections.forEach(p -> instances.put(p.getId(), c));
                    knownInvoices.add(invoice.number());
                }
            }
        }

        final Set<String> knownInvoices = new HashSet<>();

        // -- what people, the bank and the clients do

        void quote(DemoCase c, Instant at, Map<String, Object> form) {
            add(c, at, "Nouveau devis", () -> as(SALES, Groups.SALES, () -> {
                String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey("training-contract").latestVersion().singleResult().getId();
                ProcessInstance instance = engine.getFormService().submitStartForm(definition, form);
                instances.put(instance.getId(), c);
                numbers.put(c, (String) engine.getRuntimeService().getVariable(instance.getId(), "contractNumber"));
            }));
        }

        /** Sales record the acceptance: a signed quote (2025) or the « BON POUR ACCORD » and the signed CGV (legacy). */
        void sign(DemoCase c, Instant at, Map<String, Object> extra) {
            add(c, at, "Enregistrer l'acceptation du devis", () -> {
                Map<String, Object> values = new HashMap<>();
                values.put("signedOn", at.atZone(PARIS).toLocalDate().toString());
                if ("CGV_LEGACY".equals(edition(c))) {
                    values.put("acceptanceMark", true);
                    values.put("cgvSigned", true);
                } else {
                    values.put("acceptanceDocument", "SIGNED_QUOTE");
                }
                values.putAll(extra);
                completeNow(c, "Task_RecordSignature", SALES, Groups.SALES, values);
            });
        }

        void complete(DemoCase c, Instant at, String taskKey, String user, String group, Map<String, Object> values) {
            add(c, at, taskKey, () -> completeNow(c, taskKey, user, group, values));
        }

        /** Coordination names the contract's trainer (issue 23, item 5). */
        void trainer(DemoCase c, Instant at, String[] who) {
            add(c, at, "formateur " + who[1], () -> trainers.assignToContract(numbers.get(c),
                    trainers.save(Trainers.Kind.valueOf(who[0]), who[1], who[2])));
        }

        /**
         * E1 (issue 23): every participant signs every half-day from {@code first} to {@code last} a few minutes after it
         * starts, the trainer countersigns it ten minutes after it ends; only what lies in the past is done. On
         * {@code quietDay}, the participant named {@code quiet} does not sign (left for a reader, or an absence); when
         * that day is today, the trainer does not countersign it either (left for the trainer's link).
         */
        void attendance(DemoCase c, LocalDate first, LocalDate last, String quiet, LocalDate quietDay) {
            for (HalfDays.HalfDay halfDay : halfDays.between(first, last)) {
                Instant signing = halfDay.start().plusSeconds(5 * 60);
                if (signing.isBefore(started.minusSeconds(30))) {
                    add(c, signing, "émargement " + halfDay.label(), () -> {
                        String number = numbers.get(c);
                        for (var participant : contracts(number)) {
                            boolean skipped = participant.getValue().equals(quiet) && halfDay.day().equals(quietDay)
                                    && (quietDay.equals(today) || "PM".equals(halfDay.half()));
                            if (!skipped) {
                                signatures.sign(participant.getKey(), halfDay.day(), halfDay.half(), DEMO_PHONE, ClockUtil.now().toInstant());
                            }
                        }
                    });
                }
                Instant countersigning = halfDay.end().plusSeconds(10 * 60);
                // today's half-days of the running session are left for the trainer's link too
                boolean leftForAReader = halfDay.day().equals(quietDay) && quietDay.equals(today);
                if (!leftForAReader && countersigning.isBefore(started.minusSeconds(30))) {
                    add(c, countersigning, "contreseing " + halfDay.label(), () -> {
                        long contractId = jdbc.sql("SELECT id FROM contract WHERE number = ?").param(numbers.get(c)).query(Long.class).single();
                        trainers.ofContract(contractId).ifPresent(trainer -> signatures.countersign(trainer.id(), contractId,
                                halfDay.day(), halfDay.half(), DEMO_PHONE, ClockUtil.now().toInstant()));
                    });
                }
            }
        }

        /** The participants of a contract: id and last name. */
        List<Map.Entry<Long, String>> contracts(String number) {
            return jdbc.sql("SELECT p.id, p.last_name FROM participant p JOIN contract c ON c.id = p.contract_id WHERE c.number = ?"
                    + " ORDER BY p.position").param(number).query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        }

        void claim(DemoCase c, Instant at, String taskKey, String user, String group) {
            add(c, at, "claim " + taskKey, () -> as(user, group, () -> engine.getTaskService().claim(task(c, taskKey).getId(), user)));
        }

        /** Accounting enters what the bank statement shows, in full, in the « Encaisser ... » task. */
        void payInTask(DemoCase c, Instant at, String taskKey) {
            add(c, at, taskKey, () -> {
                Invoice invoice = openInvoice(c, taskKey.equals("Task_CollectPrepayment") ? InvoiceKind.BALANCE : InvoiceKind.DEPOSIT);
                completeNow(c, taskKey, ACCOUNTING, Groups.ACCOUNTING, Map.of("paymentAmount", typed(Owed.outstanding(invoice)),
                        "paymentDate", at.atZone(PARIS).toLocalDate().toString(), "paymentReference", reference("VIR")));
            });
        }

        /** The bank feed reports a transfer paying the invoice in full (as POST /api/payments does). */
        void payByBank(DemoCase c, Instant at, InvoiceKind kind) {
            add(c, at, "bank feed: " + kind, () -> {
                Invoice invoice = openInvoice(c, kind);
                payments.record(new PaymentReport(reference("BANK"), invoice.number(), null, Owed.outstanding(invoice),
                        at.atZone(PARIS).toLocalDate(), "client", "BANK_FEED", "bank"), true);
            });
        }

        /** The client's written cancellation, received that day, recorded by sales (C0, C1). */
        void clientCancellation(DemoCase c, Instant at) {
            add(c, at, "Demande d'annulation", () -> as(SALES, Groups.SALES, () -> requests.clientRequest(numbers.get(c),
                    new HashMap<>(Map.of("requestKind", "CANCELLATION", "requestReceivedOn", at.atZone(PARIS).toLocalDate().toString())))));
        }

        void dataRequest(Instant at, Map<String, Object> form) {
            add(DemoCase.DATA_REQUEST, at, "Demande RGPD", () -> as(DPO, Groups.DPO, () -> {
                String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey("personal-data-request").latestVersion().singleResult().getId();
                ProcessInstance instance = engine.getFormService().submitStartForm(definition, form);
                instances.put(instance.getId(), DemoCase.DATA_REQUEST);
                numbers.put(DemoCase.DATA_REQUEST, instance.getId());
            }));
        }

        void completeNow(DemoCase c, String taskKey, String user, String group, Map<String, Object> values) {
            Task task = task(c, taskKey);
            as(user, group, () -> {
                if (task.getAssignee() == null) {
                    engine.getTaskService().claim(task.getId(), user);
                }
                engine.getFormService().submitTaskForm(task.getId(), values);
            });
        }

        Task task(DemoCase c, String taskKey) {
            track(c);
            List<String> ids = instances.entrySet().stream().filter(e -> e.getValue() == c).map(Map.Entry::getKey).toList();
            List<Task> found = engine.getTaskService().createTaskQuery().processInstanceIdIn(ids.toArray(String[]::new))
                    .taskDefinitionKey(taskKey).list();
            if (found.isEmpty()) {
                throw new IllegalStateException("no task " + taskKey + " open on " + numbers.get(c) + " at " + ClockUtil.now());
            }
            return found.get(0);
        }

        Invoice openInvoice(DemoCase c, InvoiceKind kind) {
            return invoices.ofContract(numbers.get(c)).stream()
                    .filter(i -> i.kind() == kind && !i.billedToFunder() && Owed.open(i)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no open " + kind + " invoice on " + numbers.get(c)));
        }

        String edition(DemoCase c) {
            return jdbc.sql("SELECT cgv_edition FROM contract WHERE number = ?").param(numbers.get(c)).query(String.class).single();
        }

        String stageOf(String number) {
            return jdbc.sql("SELECT stage FROM contract WHERE number = ?").param(number).query(String.class).optional().orElse("?");
        }

        String reference(String prefix) {
            return "%s-DEMO-%s-%03d".formatted(prefix, today.toString().replace("-", ""), ++references);
        }

        void as(String user, String group, Runnable action) {
            engine.getIdentityService().setAuthentication(user, List.of(group));
            try {
                action.run();
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
        }
    }
}
