package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.collection.CollectionService;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 21: what the client owes is one figure, the same in every view (contract API, invoices, receivables, the
 * managers' view, the client's standing of L3): cancelled invoices and credit notes are never outstanding, and an
 * over-payment is a credit to refund, never a negative amount due.
 */
@IntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class OwedEverywhereTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceService invoices;
    @Autowired
    CollectionService collection;

    @Test
    void cancellation45DaysBeforeStartWithUnpaidDepositOwesTheFeeOnceEverywhere_C1_2025_D3() {
        Map<String, Object> form = QuoteForms.company(today().plusDays(45));
        form.put("priceNet", "2 000,00"); // 2 400,00 TTC: deposit 720,00 (D1), fee 30 % = 720,00 (C1-2025)
        ProcessInstance contract = acceptedContract(form);
        String number = contractNumber(contract);
        ResponseEntity<Map> request = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).postForEntity(
                "/api/contracts/" + number + "/cancellation-request",
                Map.of("externalReference", "MAIL-" + UUID.randomUUID(), "receivedOn", today().toString()), Map.class);
        assertThat(request.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).list()
                .forEach(this::executeDueJobs);
        Invoice deposit = invoices.ofContract(number).stream().filter(i -> i.kind() == InvoiceKind.DEPOSIT).findFirst().orElseThrow();
        Invoice fee = invoices.existing(number, InvoiceKind.FEE).orElseThrow();
        assertThat(deposit.status()).isEqualTo("CANCELLED");
        assertThat(fee.gross()).isEqualByComparingTo("720.00");
        // ten days later the fee is overdue (P1: due on receipt) and shows in the receivables
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofDays(10))));

        Map<String, Object> state = get(TestUsers.ACCOUNTING, "/api/contracts/" + number);
        assertThat(state.get("stage")).isEqualTo("CANCELLED");
        assertThat(amount(state.get("totalOutstanding"))).isEqualByComparingTo("720.00");
        List<Map<String, Object>> listed = (List<Map<String, Object>>) state.get("invoices");
        assertThat(listed).filteredOn(i -> !"FEE".equals(i.get("kind")))
                .allSatisfy(i -> assertThat(amount(i.get("outstanding"))).as((String) i.get("number")).isZero());
        assertThat(amount(invoiceLine(listed, deposit.number()).get("outstanding"))).isZero();
        assertThat(amount(invoiceLine(listed, fee.number()).get("outstanding"))).isEqualByComparingTo("720.00");
        assertThat(amount(get(TestUsers.ACCOUNTING, "/api/invoices/" + deposit.number()).get("outstanding"))).isZero();

        Map<String, Object> receivables = get(TestUsers.ACCOUNTING, "/api/receivables");
        List<Map<String, Object>> owed = ((List<Map<String, Object>>) receivables.get("invoices")).stream()
                .filter(l -> number.equals(l.get("contractNumber"))).toList();
        assertThat(owed).extracting(l -> l.get("invoiceNumber")).containsExactly(fee.number());
        assertThat(amount(owed.get(0).get("outstanding"))).isEqualByComparingTo("720.00");
        assertThat(amount(state.get("interestAccrued"))).isEqualByComparingTo(amount(owed.get(0).get("interest")));
        assertThat(amount(state.get("indemnitiesDue"))).isEqualByComparingTo(amount(owed.get(0).get("indemnity")));

        Map<String, Object> managers = get(TestUsers.MANAGER, "/api/manager/receivables");
        List<Map<String, Object>> managersOwed = ((List<Map<String, Object>>) managers.get("invoices")).stream()
                .filter(l -> number.equals(l.get("contractNumber"))).toList();
        assertThat(managersOwed).extracting(l -> l.get("invoiceNumber")).containsExactly(fee.number());
        assertThat(amount(managersOwed.get(0).get("outstanding"))).isEqualByComparingTo("720.00");
        List<Map<String, Object>> story = (List<Map<String, Object>>) get(TestUsers.MANAGER,
                "/api/manager/contracts/" + number + "/story").get("invoices");
        assertThat(amount(invoiceLine(story, deposit.number()).get("outstanding"))).isZero();
        assertThat(story.stream().map(i -> amount(i.get("outstanding"))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("720.00");

        // L3: the same client's next contract sees the fee overdue, never the cancelled deposit
        ProcessInstance next = startQuote(form);
        executeDueJobs(next);
        assertThat(collection.overdueInvoicesOfClient(contractNumber(next), today())).containsExactly(fee.number());
    }

    @Test
    void anOverPaymentIsACreditToRefundNeverANegativeAmountDue() {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(contract);
        Invoice deposit = invoices.existing(number, InvoiceKind.DEPOSIT).orElseThrow(); // 864,00
        ResponseEntity<Map> paid = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD).postForEntity("/api/payments",
                Map.of("externalReference", "VIR-" + UUID.randomUUID(), "invoiceNumber", deposit.number(), "amount", 1000.00,
                        "receivedOn", today().toString()), Map.class);
        assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(amount(paid.getBody().get("outstanding"))).isZero();
        assertThat(amount(paid.getBody().get("excess"))).isEqualByComparingTo("136.00");
        executeDueJobs(contract);

        Map<String, Object> state = get(TestUsers.ACCOUNTING, "/api/contracts/" + number);
        Map<String, Object> line = invoiceLine((List<Map<String, Object>>) state.get("invoices"), deposit.number());
        assertThat(amount(line.get("outstanding"))).isZero();
        assertThat(amount(line.get("excess"))).isEqualByComparingTo("136.00");
        assertThat(amount(state.get("totalOutstanding"))).isZero();
        assertThat(amount(state.get("totalExcess"))).isEqualByComparingTo("136.00");
        Map<String, Object> storyLine = invoiceLine((List<Map<String, Object>>) get(TestUsers.MANAGER,
                "/api/manager/contracts/" + number + "/story").get("invoices"), deposit.number());
        assertThat(amount(storyLine.get("outstanding"))).isZero();
        assertThat(amount(storyLine.get("excess"))).isEqualByComparingTo("136.00");
    }

    @Test
    void theSqlOfTheReceivablesAndTheJavaRuleOweTheSameOnEveryInvoice() {
        // the cases of the rule, so that the database holds each of them whatever ran before
        Map<String, Object> form = QuoteForms.company(today().plusDays(45));
        String cancelled = contractNumber(acceptedContract(form));
        rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).postForEntity("/api/contracts/" + cancelled + "/cancellation-request",
                Map.of("externalReference", "MAIL-" + UUID.randomUUID(), "receivedOn", today().toString()), Map.class);
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(cancelled).list()
                .forEach(this::executeDueJobs);
        ProcessInstance overpaid = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payByBank(invoices.existing(contractNumber(overpaid), InvoiceKind.DEPOSIT).orElseThrow().number(), new BigDecimal("1000.00"));
        ProcessInstance partial = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payByBank(invoices.existing(contractNumber(partial), InvoiceKind.DEPOSIT).orElseThrow().number(), new BigDecimal("100.00"));
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofDays(10))));

        Map<String, BigDecimal> bySql = new java.util.HashMap<>();
        jdbc.sql("SELECT i.number, " + fr.lexom.contracts.billing.Owed.OUTSTANDING_SQL + " AS outstanding FROM invoice i")
                .query((rs, n) -> bySql.put(rs.getString("number"), rs.getBigDecimal("outstanding"))).list();
        List<String> overdueBySql = jdbc.sql("SELECT i.number FROM invoice i WHERE " + fr.lexom.contracts.billing.Owed.OVERDUE_SQL)
                .param(today()).query(String.class).list();
        List<Invoice> all = jdbc.sql("SELECT number FROM invoice").query(String.class).list().stream()
                .map(number -> invoices.find(number).orElseThrow()).toList();
        assertThat(all).extracting(Invoice::kind).contains(InvoiceKind.CREDIT_NOTE, InvoiceKind.FEE, InvoiceKind.DEPOSIT);
        assertThat(all).extracting(Invoice::status).contains("CANCELLED", "PAID", "PARTIALLY_PAID", "ISSUED");
        assertThat(all).anySatisfy(i -> assertThat(i.excess()).isPositive());
        for (Invoice invoice : all) {
            assertThat(bySql.get(invoice.number())).as("outstanding of %s (%s, %s)", invoice.number(), invoice.kind(), invoice.status())
                    .isEqualByComparingTo(invoice.outstanding());
            assertThat(invoice.outstanding()).isNotNegative();
        }
        assertThat(overdueBySql).containsExactlyInAnyOrderElementsOf(all.stream()
                .filter(i -> fr.lexom.contracts.billing.Owed.overdue(i, today())).map(Invoice::number).toList());
    }

    private Map<String, Object> get(String user, String path) {
        ResponseEntity<Map> answer = rest.withBasicAuth(user, TestUsers.PASSWORD).getForEntity(path, Map.class);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private static Map<String, Object> invoiceLine(List<Map<String, Object>> lines, String invoiceNumber) {
        return lines.stream().filter(i -> invoiceNumber.equals(i.get("number"))).findFirst().orElseThrow();
    }

    private static BigDecimal amount(Object json) {
        return json == null ? null : new BigDecimal(json.toString());
    }
}
