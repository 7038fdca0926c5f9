package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.MANAGERS;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.collection.CollectionFigures;
import fr.lexom.contracts.collection.CollectionService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.notification.Outbox;
import fr.lexom.contracts.process.AsSystem;
import fr.lexom.contracts.process.BusinessCalendar;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The managers' view, read by LEXOM's Cockpit plugin with the manager's Cockpit session (GET only): where every
 * contract stands, what LEXOM is owed, and the whole story of one contract, running or finished, from the engine's
 * history and the app's tables. Managers and administrators only.
 */
@RestController
@RequestMapping(path = "/api/manager", produces = "application/json")
@Tag(name = "Vue de la direction")
@SecurityRequirement(name = "basic")
@RequiresGroups(MANAGERS)
class ManagerViewApi {

    /** One stage: how many contracts are there and the amounts at stake (price excl. and incl. VAT). */
    record StageView(String stage, String label, boolean finished, long count, BigDecimal amountNet, BigDecimal amountGross) {
    }

    /** A contract in a list (by stage, or found by its number or client). */
    record ContractLine(String number, String stage, String stageLabel, String client, String training, LocalDate startsOn,
                        BigDecimal priceGross) {
    }

    /** Overdue invoices of one dunning stage. */
    record DunningStageView(String stage, String label, long count, BigDecimal outstanding, BigDecimal interest,
                            BigDecimal indemnity) {
    }

    record ReceivableLine(String invoiceNumber, String contractNumber, String client, LocalDate dueOn, long daysLate,
                          String dunningStage, String dunningLabel, BigDecimal outstanding, BigDecimal interest,
                          BigDecimal indemnity, BigDecimal total) {
    }

    /** A formal notice whose 8-day deadline (R1) runs or has run, the invoice still unpaid. */
    record FormalNoticeLine(String invoiceNumber, String contractNumber, String client, LocalDate deadline, long daysLeft,
                            BigDecimal total) {
    }

    /** A step of the story: an engine activity (who, when) or an event recorded by the app. */
    record Step(OffsetDateTime at, OffsetDateTime endedAt, String source, String process, String step, String type,
                String who) {
    }

    record MailLine(OffsetDateTime createdAt, OffsetDateTime sentAt, String letter, String subject, String status) {
    }

    record InvoiceLine(String number, String kind, boolean billedToFunder, LocalDate issuedOn, LocalDate dueOn,
                       BigDecimal gross, BigDecimal paid, BigDecimal outstanding, BigDecimal writtenOff, BigDecimal excess,
                       String status) {
    }

    record PaymentLine(LocalDate receivedOn, String invoiceNumber, BigDecimal amount, String source, String recordedBy) {
    }

    record Story(String number, String stage, String stageLabel, boolean finished, String client, String clientKind,
                 String training, LocalDate startsOn, LocalDate endsOn, BigDecimal priceNet, BigDecimal priceGross,
                 String funder, LocalDate quoteIssuedOn, LocalDate acceptedOn, List<ProcessLine> processes,
                 List<Step> steps, List<MailLine> mails, List<InvoiceLine> invoices, List<PaymentLine> payments,
                 String attendanceSheet) {
    }

    record ProcessLine(String process, String businessKey, String state, OffsetDateTime startedAt, OffsetDateTime endedAt) {
    }


    static final Map<String, String> DUNNING_LABELS = new LinkedHashMap<>();

    static {
        DUNNING_LABELS.put("NONE", "Échue, sans relance");
        DUNNING_LABELS.put("WAITING", "Avant la première relance");
        DUNNING_LABELS.put("REMINDED", "Première relance");
        DUNNING_LABELS.put("SECOND_REMINDER", "Seconde relance");
        DUNNING_LABELS.put("FORMAL_NOTICE", "Mise en demeure");
        DUNNING_LABELS.put("DECISION", "Décision de la direction");
    }

    /** Activity types that are steps a reader cares about (gateways and the like are left out). */
    private static final Set<String> STEP_TYPES = Set.of("userTask", "serviceTask", "sendTask", "scriptTask",
            "businessRuleTask", "receiveTask", "task", "callActivity", "startEvent", "noneEndEvent", "errorEndEvent",
            "terminateEndEvent", "messageEndEvent", "intermediateTimer", "intermediateMessageCatch", "boundaryTimer",
            "boundaryMessage", "boundaryError", "messageStartEvent", "intermediateNoneThrowEvent", "intermediateMessageThrowEvent",
            "boundarySignal", "intermediateSignalCatch", "signalStartEvent", "timerStartEvent");

    private final JdbcClient jdbc;
    private final ContractService contracts;
    private final InvoiceService invoices;
    private final CollectionService collection;
    private final Outbox outbox;
    private final HistoryService history;
    private final RepositoryService repository;
    private final AsSystem asSystem;
    private final BusinessCalendar calendar;

    ManagerViewApi(JdbcClient jdbc, ContractService contracts, InvoiceService invoices, CollectionService collection,
                   Outbox outbox, HistoryService history, RepositoryService repository, AsSystem asSystem,
                   BusinessCalendar calendar) {
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.invoices = invoices;
        this.collection = collection;
        this.outbox = outbox;
        this.history = history;
        this.repository = repository;
        this.asSystem = asSystem;
        this.calendar = calendar;
    }

    @GetMapping("/stages")
    @Operation(summary = "Contrats par étape : nombre et montants en jeu (HT, TTC), de la proposition à la clôture")
    Map<String, Object> stages() {
        Map<String, StageView> byStage = new HashMap<>();
        jdbc.sql("SELECT stage, COUNT(*) AS n, COALESCE(SUM(price_net), 0) AS net, COALESCE(SUM(price_gross), 0) AS gross "
                        + "FROM contract GROUP BY stage")
                .query((rs, n) -> {
                    ContractStage stage = ContractStage.valueOf(rs.getString("stage"));
                    return new StageView(stage.name(), stage.label(), stage.finished(), rs.getLong("n"),
                            rs.getBigDecimal("net"), rs.getBigDecimal("gross"));
                }).list().forEach(s -> byStage.put(s.stage(), s));
        List<StageView> all = Arrays.stream(ContractStage.values()).map(s -> byStage.getOrDefault(s.name(),
                new StageView(s.name(), s.label(), s.finished(), 0, BigDecimal.ZERO, BigDecimal.ZERO))).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("asOf", calendar.today());
        answer.put("count", all.stream().mapToLong(StageView::count).sum());
        answer.put("running", all.stream().filter(s -> !s.finished()).mapToLong(StageView::count).sum());
        answer.put("amountGrossRunning", all.stream().filter(s -> !s.finished()).map(StageView::amountGross)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        answer.put("stages", all);
        return answer;
    }

    @GetMapping("/contracts")
    @Operation(summary = "Chercher des contrats par numéro ou par client (q), ou lister ceux d'une étape (stage) ; 100 au plus")
    List<ContractLine> contracts(@RequestParam(required = false) String q, @RequestParam(required = false) String stage) {
        String text = q == null ? "" : q.strip();
        if (text.length() > 100) {
            throw new fr.lexom.contracts.contract.InvalidRequestException(Map.of("q", "100 caractères au plus."));
        }
        ContractStage wanted = null;
        if (stage != null && !stage.isBlank()) {
            wanted = Arrays.stream(ContractStage.values()).filter(s -> s.name().equals(stage)).findFirst()
                    .orElseThrow(() -> new fr.lexom.contracts.contract.InvalidRequestException(Map.of("stage", "Étape inconnue.")));
        }
        String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                SELECT c.number, c.stage, cl.name, t.title, c.starts_on, c.price_gross
                FROM contract c JOIN client cl ON cl.id = c.client_id JOIN training t ON t.id = c.training_id
                WHERE (LOWER(c.number) LIKE :q ESCAPE '\\' OR LOWER(cl.name) LIKE :q ESCAPE '\\')
                  AND (:stage = '' OR c.stage = :stage)
                ORDER BY c.created_at DESC, c.id DESC FETCH FIRST 100 ROWS ONLY""")
                .param("q", like).param("stage", wanted == null ? "" : wanted.name())
                .query((rs, n) -> {
                    ContractStage s = ContractStage.valueOf(rs.getString("stage"));
                    return new ContractLine(rs.getString("number"), s.name(), s.label(), rs.getString("name"),
                            rs.getString("title"), rs.getObject("starts_on", LocalDate.class), rs.getBigDecimal("price_gross"));
                }).list();
    }

    @GetMapping("/receivables")
    @Operation(summary = "Créances : factures échues par étape de relance, pénalités (L1) et indemnités (L2) à ce jour, "
            + "mises en demeure en cours avec leur délai de 8 jours (R1)")
    Map<String, Object> receivables() {
        LocalDate today = calendar.today();
        List<CollectionService.Receivable> receivables = collection.receivables(today);
        List<ReceivableLine> lines = receivables.stream().map(r -> {
            CollectionFigures f = r.figures();
            return new ReceivableLine(f.invoice().number(), f.invoice().contractNumber(), r.clientName(), f.invoice().dueOn(),
                    f.daysLate(), r.dunningStage(), DUNNING_LABELS.getOrDefault(r.dunningStage(), r.dunningStage()),
                    f.outstanding(), f.interest(), f.indemnity(), f.total());
        }).toList();
        Map<String, List<ReceivableLine>> byStage = lines.stream().collect(Collectors.groupingBy(ReceivableLine::dunningStage));
        List<DunningStageView> stages = DUNNING_LABELS.entrySet().stream().map(e -> {
            List<ReceivableLine> of = byStage.getOrDefault(e.getKey(), List.of());
            return new DunningStageView(e.getKey(), e.getValue(), of.size(), sum(of, ReceivableLine::outstanding),
                    sum(of, ReceivableLine::interest), sum(of, ReceivableLine::indemnity));
        }).toList();
        List<FormalNoticeLine> notices = receivables.stream().filter(r -> r.formalNoticeDeadline() != null)
                .map(r -> new FormalNoticeLine(r.figures().invoice().number(), r.figures().invoice().contractNumber(),
                        r.clientName(), r.formalNoticeDeadline(), ChronoUnit.DAYS.between(today, r.formalNoticeDeadline()),
                        r.figures().total()))
                .sorted(Comparator.comparing(FormalNoticeLine::deadline)).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("asOf", today);
        answer.put("count", lines.size());
        answer.put("outstanding", sum(lines, ReceivableLine::outstanding));
        answer.put("interest", sum(lines, ReceivableLine::interest));
        answer.put("indemnities", sum(lines, ReceivableLine::indemnity));
        answer.put("total", sum(lines, ReceivableLine::total));
        answer.put("stages", stages);
        answer.put("formalNotices", notices);
        answer.put("invoices", lines);
        return answer;
    }

    @GetMapping("/contracts/{number}/story")
    @Operation(summary = "L'histoire d'un contrat, en cours ou terminé : chaque étape (qui, quand), courriers, factures "
            + "et paiements, depuis l'historique du moteur et les tables de l'application")
    Story story(@PathVariable String number) {
        ContractSummary c = contracts.find(number);
        List<Invoice> contractInvoices = invoices.ofContract(number);
        List<String> keys = new ArrayList<>();
        keys.add(number);
        contractInvoices.forEach(i -> keys.add(i.number())); // invoice-collection runs by invoice number
        List<ProcessLine> processes = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        asSystem.run(() -> {
            Map<String, String> names = new HashMap<>();
            for (String key : keys) {
                for (HistoricProcessInstance p : history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
                        .orderByProcessInstanceStartTime().asc().list()) {
                    String name = names.computeIfAbsent(p.getProcessDefinitionId(), id -> {
                        String n = repository.getProcessDefinition(id).getName();
                        return n == null ? p.getProcessDefinitionKey() : n;
                    });
                    processes.add(new ProcessLine(name, key, p.getState(), at(p.getStartTime()), at(p.getEndTime())));
                    for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
                            .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()) {
                        if (a.getActivityName() != null && STEP_TYPES.contains(a.getActivityType())) {
                            steps.add(new Step(at(a.getStartTime()), at(a.getEndTime()), "ENGINE", name, a.getActivityName(),
                                    a.getActivityType(), a.getAssignee()));
                        }
                    }
                }
            }
            return null;
        });
        jdbc.sql("""
                SELECT e.occurred_at, e.kind, e.detail, e.actor FROM contract_event e JOIN contract c ON c.id = e.contract_id
                WHERE c.number = ? ORDER BY e.occurred_at, e.id""").param(number)
                .query((rs, n) -> new Step(rs.getObject("occurred_at", OffsetDateTime.class), null, "APP", "Contrat",
                        rs.getString("detail") == null ? rs.getString("kind") : rs.getString("detail"), rs.getString("kind"),
                        rs.getString("actor"))).list().forEach(steps::add);
        steps.sort(Comparator.comparing(Step::at, Comparator.nullsLast(Comparator.naturalOrder())));
        List<MailLine> mails = outbox.ofContract(number).stream()
                .map(m -> new MailLine(m.createdAt(), m.sentAt(), m.letter(), m.subject(), m.status())).toList();
        List<InvoiceLine> invoiceLines = contractInvoices.stream().map(i -> new InvoiceLine(i.number(), i.kind().name(),
                i.billedToFunder(), i.issuedOn(), i.dueOn(), i.gross(), i.paid(), i.outstanding(), i.writtenOffAmount(), i.excess(), i.status())).toList();
        List<PaymentLine> payments = jdbc.sql("""
                SELECT p.received_on, i.number, p.amount, p.source, p.recorded_by
                FROM payment p LEFT JOIN invoice i ON i.id = p.invoice_id
                WHERE p.contract_id = ?
                ORDER BY p.received_on, p.id""").param(c.id())
                .query((rs, n) -> new PaymentLine(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getBigDecimal(3),
                        rs.getString(4), rs.getString(5))).list();
        return new Story(c.number(), c.stage().name(), c.stage().label(), c.stage().finished(), c.clientName(),
                c.clientKind().name(), c.trainingTitle(), c.startsOn(), c.endsOn(), c.priceNet(), c.priceGross(),
                c.funderName(), c.quoteIssuedOn(), c.acceptedOn(), processes, steps, mails, invoiceLines, payments,
                // E1: the signed attendance sheet as it stands, opened with the manager's Cockpit session
                "/api/contracts/" + c.number() + "/attendance-sheet.pdf");
    }

    private static <T> BigDecimal sum(List<T> lines, Function<T, BigDecimal> amount) {
        return lines.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static OffsetDateTime at(Date date) {
        return date == null ? null : date.toInstant().atZone(ZoneId.of("Europe/Paris")).toOffsetDateTime();
    }
}
