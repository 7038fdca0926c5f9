package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.PaymentReport;
import fr.lexom.contracts.billing.PaymentService;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
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
import org.springframework.transaction.support.TransactionTemplate;

/** What LEXOM is owed (L1, L2 to date, dunning stage) and the late charges invoiced once. */
@IntegrationTest
class ReceivablesApiTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceService invoices;
    @Autowired
    PaymentService payments;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void managersSeeWhatIsOverdueAndAccountingInvoicesTheLateCharges_L1_L2() {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payInTask(contract, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        deliver(contract);
        Invoice balance = invoices.existing(contractNumber(contract), InvoiceKind.BALANCE).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofDays(10))));

        Map<String, Object> owed = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD).getForEntity("/api/receivables", Map.class).getBody();
        Map<?, ?> line = ((List<Map<?, ?>>) owed.get("invoices")).stream()
                .filter(l -> balance.number().equals(l.get("invoiceNumber"))).findFirst().orElseThrow();
        assertThat(line.get("daysLate")).isEqualTo(10);
        // 2 016.00 x 12.15 % x 10 / 365 = 6.7108... -> 6.71; + 40 EUR for a company
        assertThat(((Number) line.get("interest")).doubleValue()).isEqualTo(6.71);
        assertThat(((Number) line.get("indemnity")).doubleValue()).isEqualTo(40.0);
        assertThat(((Number) line.get("total")).doubleValue()).isEqualTo(2062.71);
        assertThat(line.get("dunningStage")).isIn("WAITING", "REMINDED");
        assertThat(rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).getForEntity("/api/receivables", Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        transaction.executeWithoutResult(s -> payments.record(new PaymentReport("BANK-" + UUID.randomUUID(), balance.number(),
                null, balance.gross(), today(), "client", "BANK_FEED", "bank"), true));
        ResponseEntity<Map> charged = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .postForEntity("/api/invoices/" + balance.number() + "/late-charges", null, Map.class);
        assertThat(charged.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((Number) charged.getBody().get("total")).doubleValue()).isEqualTo(46.71);
        String feeNumber = (String) charged.getBody().get("invoiceNumber");
        assertThat(jdbc.sql("SELECT rule_id FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.number = ? ORDER BY position")
                .param(feeNumber).query(String.class).list()).containsExactly("L1", "L2");
        Invoice fee = invoices.find(feeNumber).orElseThrow();
        assertThat(fee.vat()).isEqualByComparingTo("0.00");
        ResponseEntity<Map> again = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .postForEntity("/api/invoices/" + balance.number() + "/late-charges", null, Map.class);
        assertThat(again.getBody().get("invoiceNumber")).isEqualTo(feeNumber);
    }

    @Test
    void anInvoicePaidOnTimeHasNoLateCharges() {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payInTask(contract, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        Invoice deposit = invoices.existing(contractNumber(contract), InvoiceKind.DEPOSIT).orElseThrow();
        ResponseEntity<Map> refused = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .postForEntity("/api/invoices/" + deposit.number() + "/late-charges", null, Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .postForEntity("/api/invoices/FA-1999-00001/late-charges", null, Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
