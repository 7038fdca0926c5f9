package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.ACCOUNTING;
import static fr.lexom.contracts.identity.Groups.MANAGERS;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.collection.CollectionFigures;
import fr.lexom.contracts.collection.CollectionService;
import fr.lexom.contracts.process.BusinessCalendar;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What LEXOM is owed, for accounting and managers: overdue invoices by dunning stage, with L1 and L2 to date. */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
@Tag(name = "Créances")
@SecurityRequirement(name = "basic")
class ReceivablesApi {

    record ReceivableView(String invoiceNumber, String contractNumber, String client, LocalDate dueOn, long daysLate,
                          String dunningStage, LocalDate formalNoticeDeadline, BigDecimal outstanding, BigDecimal interestRate,
                          BigDecimal interest, BigDecimal indemnity, BigDecimal total) {
    }

    private final CollectionService collection;
    private final InvoiceService invoices;
    private final BusinessCalendar calendar;

    ReceivablesApi(CollectionService collection, InvoiceService invoices, BusinessCalendar calendar) {
        this.collection = collection;
        this.invoices = invoices;
        this.calendar = calendar;
    }

    @GetMapping("/receivables")
    @RequiresGroups({ACCOUNTING, MANAGERS})
    @Operation(summary = "Factures échues impayées : étape de relance, montant dû, pénalités (L1) et indemnité (L2) à ce jour")
    Map<String, Object> receivables() {
        List<ReceivableView> lines = collection.receivables(calendar.today()).stream().map(r -> {
            CollectionFigures f = r.figures();
            return new ReceivableView(f.invoice().number(), f.invoice().contractNumber(), r.clientName(), f.invoice().dueOn(),
                    f.daysLate(), r.dunningStage(), r.formalNoticeDeadline(), f.outstanding(), f.interestRate(), f.interest(),
                    f.indemnity(), f.total());
        }).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("asOf", calendar.today());
        answer.put("count", lines.size());
        answer.put("outstanding", lines.stream().map(ReceivableView::outstanding).reduce(BigDecimal.ZERO, BigDecimal::add));
        answer.put("interest", lines.stream().map(ReceivableView::interest).reduce(BigDecimal.ZERO, BigDecimal::add));
        answer.put("indemnities", lines.stream().map(ReceivableView::indemnity).reduce(BigDecimal.ZERO, BigDecimal::add));
        answer.put("invoices", lines);
        return answer;
    }

    @PostMapping("/invoices/{number}/late-charges")
    @RequiresGroups({ACCOUNTING, MANAGERS})
    @Operation(summary = "Facturer les pénalités de retard (L1) et l'indemnité (L2) d'une facture payée en retard ou impayée",
            description = "Une seule facture de frais par facture en retard ; un second appel la renvoie.")
    ResponseEntity<Object> lateCharges(@PathVariable String number) {
        invoices.find(number).orElseThrow(() -> new NotFoundException("Facture inconnue : " + number));
        CollectionFigures f = collection.lateChargesFigures(number, calendar.today());
        if (f.interest().add(f.indemnity()).signum() <= 0) {
            throw new ConflictException("La facture " + number + " n'a pas été réglée en retard : rien à facturer.");
        }
        String rate = f.interestRate().movePointRight(2).stripTrailingZeros().toPlainString().replace('.', ',') + " % l'an, "
                + f.daysLate() + " jours";
        Invoice charges = invoices.issueLateCharges(number, f.interest(), f.indemnity(), rate, f.asOf(), calendar.today());
        return ResponseEntity.ok(Map.of("invoiceNumber", charges.number(), "lateInvoice", number, "interest", f.interest(),
                "indemnity", f.indemnity(), "total", charges.gross()));
    }
}
