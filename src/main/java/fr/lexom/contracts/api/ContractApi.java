package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.ACCOUNTING;
import static fr.lexom.contracts.identity.Groups.COORDINATION;
import static fr.lexom.contracts.identity.Groups.MANAGERS;
import static fr.lexom.contracts.identity.Groups.SALES;

import fr.lexom.contracts.api.ApiBodies.AcceptanceBody;
import fr.lexom.contracts.api.ApiBodies.FundingDecisionBody;
import fr.lexom.contracts.api.ApiBodies.PaymentBody;
import fr.lexom.contracts.api.ApiBodies.QuoteBody;
import fr.lexom.contracts.api.ApiBodies.WithdrawalBody;
import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.Owed;
import fr.lexom.contracts.billing.PaymentReport;
import fr.lexom.contracts.billing.PaymentResult;
import fr.lexom.contracts.billing.PaymentService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.process.ContractTasks;
import fr.lexom.contracts.process.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's REST API for the systems around LEXOM (e-signature, bank feed, OPCO portals, website). Each event
 * reaches the contract's process by business key, does what the Tasklist form would do, and is idempotent by
 * its external reference.
 */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
@Tag(name = "Contrats de formation")
@SecurityRequirement(name = "basic")
class ContractApi {

    private final ContractService contracts;
    private final InvoiceService invoices;
    private final PaymentService payments;
    private final ContractTasks tasks;
    private final IdempotentIntake intake;
    private final FormService formService;
    private final RepositoryService repositoryService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;
    private final fr.lexom.contracts.collection.CollectionService collection;
    private final fr.lexom.contracts.cancellation.ContractRequests requests;
    private final fr.lexom.contracts.process.BusinessCalendar calendar;
    private final fr.lexom.contracts.process.AsSystem asSystem;

    ContractApi(ContractService contracts, InvoiceService invoices, PaymentService payments, ContractTasks tasks,
                IdempotentIntake intake, FormService formService, RepositoryService repositoryService,
                TaskService taskService, IdentityService identityService, CurrentUser currentUser, JdbcClient jdbc,
                fr.lexom.contracts.collection.CollectionService collection, fr.lexom.contracts.process.BusinessCalendar calendar,
                fr.lexom.contracts.cancellation.ContractRequests requests, fr.lexom.contracts.process.AsSystem asSystem) {
        this.requests = requests;
        this.asSystem = asSystem;
        this.collection = collection;
        this.calendar = calendar;
        this.contracts = contracts;
        this.invoices = invoices;
        this.payments = payments;
        this.tasks = tasks;
        this.intake = intake;
        this.formService = formService;
        this.repositoryService = repositoryService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
    }

    @PostMapping(path = "/quotes", consumes = "application/json")
    @RequiresGroups({SALES, MANAGERS})
    @Operation(summary = "Créer un devis (Q1, Q2)", description = "Même contenu que le formulaire « Nouveau devis ». "
            + "Avec externalReference, une même demande envoyée deux fois ne crée qu'un devis.")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "Devis créé : numéro du contrat, étape, validité du devis",
            headers = @Header(name = "Location", description = "/api/contracts/{number}"))
    ResponseEntity<Object> createQuote(@Valid @RequestBody QuoteBody body) {
        Supplier<ResponseEntity<Object>> create = () -> {
            String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey("training-contract")
                    .latestVersion().singleResult().getId();
            ProcessInstance instance = formService.submitStartForm(definitionId, quoteVariables(body));
            String number = instance.getBusinessKey();
            return ResponseEntity.created(URI.create("/api/contracts/" + number)).body(Map.of("contractNumber", number,
                    "processInstanceId", instance.getId(), "stage", contracts.find(number).stage().name(),
                    "quoteValidUntil", contracts.find(number).quoteValidUntil().toString()));
        };
        if (body.externalReference() == null) {
            return create.get();
        }
        return intake.once("QUOTE", body.externalReference(), "-", body, currentUser.id(), create);
    }

    @GetMapping("/contracts/{number}")
    @RequiresGroups({SALES, COORDINATION, ACCOUNTING, MANAGERS})
    @Operation(summary = "Où en est un contrat : étape, tâches ouvertes, factures et montants dus, historique")
    ContractState contract(@PathVariable String number) {
        ContractSummary c = contracts.find(number);
        List<Invoice> contractInvoices = invoices.ofContract(number);
        List<ContractState.InvoiceView> invoiceViews = contractInvoices.stream().map(this::view).toList();
        List<ContractState.OpenTask> open = asSystem(() -> taskService.createTaskQuery().processInstanceBusinessKey(number)
                .orderByDueDate().asc().list().stream()
                .map(t -> new ContractState.OpenTask(t.getTaskDefinitionKey(), t.getName(), t.getDueDate())).toList());
        List<ContractState.Event> timeline = jdbc.sql("""
                SELECT e.occurred_at, e.kind, e.detail, e.actor FROM contract_event e JOIN contract c ON c.id = e.contract_id
                WHERE c.number = ? ORDER BY e.occurred_at, e.id""").param(number)
                .query((rs, n) -> new ContractState.Event(rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("kind"), rs.getString("detail"), rs.getString("actor"))).list();
        // L1, L2 on every overdue client invoice, as of today (the receivables' invoices of this contract)
        BigDecimal interest = BigDecimal.ZERO;
        BigDecimal indemnities = BigDecimal.ZERO;
        for (Invoice i : contractInvoices) {
            if (Owed.overdue(i, calendar.today())) {
                var figures = collection.figures(i.number(), calendar.today());
                interest = interest.add(figures.interest());
                indemnities = indemnities.add(figures.indemnity());
            }
        }
        return new ContractState(c.number(), c.stage().name(), c.cgvEdition().name(),
                new ContractState.Client(c.clientName(), c.clientKind().name(), c.clientCountry()),
                new ContractState.Training(c.trainingReference(), c.trainingTitle()), c.startsOn(), c.endsOn(),
                c.priceNet(), c.vatAmount(), c.priceGross(), c.quoteValidUntil(), c.acceptedOn(), c.funderName(), open,
                invoiceViews, Owed.outstanding(contractInvoices), Owed.writtenOff(contractInvoices), Owed.excess(contractInvoices),
                interest, indemnities, timeline);
    }

    @GetMapping("/contracts/{number}/invoices")
    @RequiresGroups({SALES, COORDINATION, ACCOUNTING, MANAGERS})
    @Operation(summary = "Les factures d'un contrat, avec leurs lignes (chaque ligne cite sa règle des CGV)")
    List<ContractState.InvoiceView> invoices(@PathVariable String number) {
        contracts.find(number);
        return invoices.ofContract(number).stream().map(this::view).toList();
    }

    @GetMapping("/invoices/{number}")
    @RequiresGroups({SALES, COORDINATION, ACCOUNTING, MANAGERS})
    @Operation(summary = "Une facture, avec ses lignes et ce qui reste dû")
    ContractState.InvoiceView invoice(@PathVariable String number) {
        return invoices.find(number).map(this::view).orElseThrow(() -> new NotFoundException("Facture inconnue : " + number));
    }

    @PostMapping(path = "/contracts/{number}/acceptance", consumes = "application/json")
    @RequiresGroups({SALES, MANAGERS})
    @Operation(summary = "Signature ou acceptation du devis (S1-2025, S1-LEGACY)", description = "CGV 2025 : acceptanceDocument. "
            + "CGV antérieures : acceptanceMark (« BON POUR ACCORD ») et cgvSigned à true.")
    ResponseEntity<Object> accept(@PathVariable String number, @Valid @RequestBody AcceptanceBody body) {
        sinceQuote(number, "signedOn", body.signedOn(), "La date de signature");
        return event("ACCEPTANCE", number, body.externalReference(), body, "Task_RecordSignature",
                "le contrat n'attend pas de signature", variables(
                        "signedOn", body.signedOn().toString(), "acceptanceDocument", body.acceptanceDocument(),
                        "acceptanceMark", Boolean.TRUE.equals(body.acceptanceMark()), "cgvSigned", Boolean.TRUE.equals(body.cgvSigned()),
                        "earlyStartWaiver", Boolean.TRUE.equals(body.earlyStartWaiver())));
    }

    @PostMapping(path = "/contracts/{number}/withdrawal", consumes = "application/json")
    @RequiresGroups({SALES, MANAGERS})
    @Operation(summary = "Rétractation d'un particulier dans les 14 jours (W1, W3)")
    ResponseEntity<Object> withdraw(@PathVariable String number, @Valid @RequestBody WithdrawalBody body) {
        sinceQuote(number, "receivedOn", body.receivedOn(), "La date de réception de la rétractation");
        return event("WITHDRAWAL", number, body.externalReference(), body, "Task_RecordWithdrawal",
                "le contrat n'est pas dans un délai de rétractation", variables("withdrawalReceivedOn", body.receivedOn().toString()));
    }

    @PostMapping(path = "/contracts/{number}/funding-decision", consumes = "application/json")
    @RequiresGroups({SALES, ACCOUNTING, MANAGERS})
    @Operation(summary = "Décision du financeur : montant accordé TTC ou refus (O2, O3)")
    ResponseEntity<Object> fundingDecision(@PathVariable String number, @Valid @RequestBody FundingDecisionBody body) {
        return event("FUNDING_DECISION", number, body.externalReference(), body, "Task_RecordFundingDecision",
                "le contrat n'attend pas de décision de financement", variables("fundingDecision", body.decision(),
                        "grantedAmount", body.grantedAmount() == null ? null : body.grantedAmount().toPlainString(),
                        "agreementReference", body.agreementReference()));
    }

    @PostMapping(path = "/contracts/{number}/cancellation-request", consumes = "application/json")
    @RequiresGroups({SALES, MANAGERS})
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "Demande enregistrée ; la coordination la traite (tâche ouverte)")
    @Operation(summary = "Demande écrite d'annulation du client (C0, C1, D3)", description = "receivedOn : jour où LEXOM l'a reçue. "
            + "Les frais sont calculés par la table client-request-fee selon l'édition des CGV.")
    ResponseEntity<Object> cancellationRequest(@PathVariable String number, @Valid @RequestBody ApiBodies.ClientRequestBody body) {
        return clientRequest(number, body, "CANCELLATION");
    }

    @PostMapping(path = "/contracts/{number}/postponement-request", consumes = "application/json")
    @RequiresGroups({SALES, MANAGERS})
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "Demande enregistrée ; la coordination la traite (tâche ouverte)")
    @Operation(summary = "Demande écrite de report du client (C0, C2)", description = "La coordination choisit ensuite la nouvelle session.")
    ResponseEntity<Object> postponementRequest(@PathVariable String number, @Valid @RequestBody ApiBodies.ClientRequestBody body) {
        return clientRequest(number, body, "POSTPONEMENT");
    }

    private ResponseEntity<Object> clientRequest(String number, ApiBodies.ClientRequestBody body, String kind) {
        sinceQuote(number, "receivedOn", body.receivedOn(), "La date de réception de la demande");
        if (body.requestedStartDate() != null) {
            fr.lexom.contracts.security.Plausibility.sessionDate(body.requestedStartDate(), calendar.today(), "La date souhaitée")
                    .ifPresent(message -> {
                        throw new fr.lexom.contracts.contract.InvalidRequestException(Map.of("requestedStartDate", message));
                    });
        }
        return intake.once(kind + "_REQUEST", body.externalReference(), number, Map.of("contract", number, "body", body),
                currentUser.id(), () -> {
                    Map<String, Object> request = new HashMap<>();
                    request.put("requestKind", kind);
                    request.put("requestReceivedOn", body.receivedOn().toString());
                    request.put("requestedStartDate", body.requestedStartDate() == null ? null : body.requestedStartDate().toString());
                    requests.clientRequest(number, request);
                    return ResponseEntity.accepted().body(Map.of("contractNumber", number, "event", kind + "_REQUEST",
                            "stage", contracts.find(number).stage().name()));
                });
    }

    @PostMapping(path = "/payments", consumes = "application/json")
    @RequiresGroups({ACCOUNTING, MANAGERS})
    @Operation(summary = "Paiement reçu (client ou financeur)", description = "Rapproché de la facture indiquée, ou de la plus "
            + "ancienne facture ouverte du contrat. Une même référence bancaire n'est enregistrée qu'une fois.")
    ResponseEntity<Object> payment(@Valid @RequestBody PaymentBody body) {
        if (body.invoiceNumber() == null && body.contractNumber() == null) {
            throw new fr.lexom.contracts.contract.InvalidRequestException(Map.of("invoiceNumber",
                    "Indiquez la facture réglée (invoiceNumber) ou le contrat (contractNumber)."));
        }
        PaymentReport report = new PaymentReport(body.externalReference(), body.invoiceNumber(), body.contractNumber(),
                body.amount(), body.receivedOn(), body.payer(), "API", currentUser.id());
        PaymentResult result;
        try {
            result = payments.record(report, true);
        } catch (DataIntegrityViolationException concurrentTwin) {
            result = payments.record(report, true); // the twin committed first: this returns its payment
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("paymentId", result.paymentId());
        answer.put("invoiceNumber", result.invoice().number());
        answer.put("contractNumber", result.invoice().contractNumber());
        answer.put("invoiceStatus", result.invoice().status());
        answer.put("outstanding", result.invoice().outstanding());
        answer.put("excess", result.excess());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.OK);
        if (result.duplicate()) {
            response.header("X-Idempotent-Replay", "true");
        }
        return response.body(answer);
    }

    /**
     * An event about a quote is dated between the quote's issue and today (Plausibility): a 404 for an unknown
     * contract first, then a 400 naming {@code field}.
     */
    private void sinceQuote(String number, String field, java.time.LocalDate date, String label) {
        ContractSummary contract = contracts.find(number);
        fr.lexom.contracts.security.Plausibility.sinceQuote(date, contract.quoteIssuedOn(), calendar.today(), label)
                .ifPresent(message -> {
                    throw new fr.lexom.contracts.contract.InvalidRequestException(Map.of(field, message));
                });
    }

    private ResponseEntity<Object> event(String kind, String number, String reference, Object body, String taskKey,
                                         String notWaiting, Map<String, Object> values) {
        contracts.find(number); // 404 first
        return intake.once(kind, reference, number, Map.of("contract", number, "body", body), currentUser.id(), () -> {
            Optional<ContractSummary> done = tasks.complete(number, taskKey, values);
            if (done.isEmpty()) {
                throw new ConflictException("Impossible : " + notWaiting + " (étape actuelle : "
                        + contracts.find(number).stage() + ").");
            }
            return ResponseEntity.ok(Map.of("contractNumber", number, "event", kind, "stage",
                    contracts.find(number).stage().name()));
        });
    }

    private ContractState.InvoiceView view(Invoice i) {
        List<ContractState.Line> lines = jdbc.sql("SELECT label, net, rule_id FROM invoice_line WHERE invoice_id = ? ORDER BY position")
                .param(i.id()).query((rs, n) -> new ContractState.Line(rs.getString("label"), rs.getBigDecimal("net"),
                        rs.getString("rule_id"))).list();
        return new ContractState.InvoiceView(i.number(), i.kind().name(), i.issuedOn(), i.dueOn(), i.net(), i.vat(),
                i.gross(), i.paid(), i.outstanding(), i.writtenOffAmount(), i.excess(), i.status(), lines);
    }

    private Map<String, Object> quoteVariables(QuoteBody b) {
        Map<String, Object> v = new HashMap<>();
        v.put("clientKind", b.clientKind());
        v.put("clientName", b.clientName());
        v.put("clientSiret", b.clientSiret());
        v.put("clientCountry", b.clientCountry() == null ? "FR" : b.clientCountry());
        v.put("clientEmail", b.clientEmail());
        v.put("clientAddress", b.clientAddress());
        v.put("clientPostalCode", b.clientPostalCode());
        v.put("clientCity", b.clientCity());
        v.put("trainingReference", b.trainingReference());
        v.put("sessionCode", b.sessionCode());
        v.put("startDate", b.startDate().toString());
        v.put("endDate", b.endDate().toString());
        v.put("modality", b.modality());
        v.put("place", b.place());
        v.put("participants", String.join("\n", b.participants().stream()
                .map(p -> p.firstName() + " " + p.lastName() + (p.email() == null ? "" : " <" + p.email() + ">")).toList()));
        v.put("priceNet", b.priceNet().toPlainString());
        v.put("vatRate", b.vatRate() == null ? "20" : b.vatRate().toPlainString());
        v.put("vatExempt", Boolean.TRUE.equals(b.vatExempt()));
        v.put("funderCode", b.funderCode() == null ? "NONE" : b.funderCode());
        v.put("cgvEdition", b.cgvEdition() == null ? "CGV_2025" : b.cgvEdition());
        return v;
    }

    private static Map<String, Object> variables(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private <T> T asSystem(Supplier<T> query) {
        return asSystem.run(query);
    }
}
