package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Documents through /api: the list, each PDF, the errors, and the links of task forms opened from Tasklist. */
@IntegrationTest
class DocumentsApiTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceService invoices;

    @Test
    void staffListAContractsDocumentsAndDownloadEachPdf() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        Invoice deposit = invoices.existing(number, InvoiceKind.DEPOSIT).orElseThrow();

        ResponseEntity<List> listed = rest.withBasicAuth(TestUsers.COORDINATION, TestUsers.PASSWORD)
                .getForEntity("/api/contracts/" + number + "/documents", List.class);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> documents = listed.getBody();
        assertThat(documents).extracting(d -> d.get("kind")).containsExactly("QUOTE", "INVOICE");
        assertThat(documents).extracting(d -> d.get("reference")).containsExactly(number, deposit.number());

        ResponseEntity<byte[]> pdf = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .getForEntity((String) documents.get(1).get("href"), byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(pdf.getHeaders().getContentDisposition().getFilename()).isEqualTo("Facture-" + deposit.number() + ".pdf");
        assertThat(new String(pdf.getBody(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(documents.get(1).get("sha256"));

        ResponseEntity<byte[]> byNumber = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD)
                .getForEntity("/api/invoices/" + deposit.number() + "/pdf", byte[].class);
        assertThat(byNumber.getBody()).isEqualTo(pdf.getBody()); // the stored document, not a new rendering
        ResponseEntity<byte[]> quote = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD)
                .getForEntity("/api/contracts/" + number + "/quote.pdf", byte[].class);
        assertThat(quote.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(quote.getHeaders().getContentDisposition().getFilename()).isEqualTo("Devis-" + number + ".pdf");
    }

    @Test
    void staffReadTheMailsOfAContractWithTheirDocuments() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        ResponseEntity<List> answer = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD)
                .getForEntity("/api/contracts/" + number + "/mails", List.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> mails = answer.getBody();
        assertThat(mails).extracting(m -> m.get("letter")).containsExactly("quote", "acceptance-acknowledgement", "deposit-request");
        Map<String, Object> quote = mails.get(0);
        assertThat((String) quote.get("subject")).startsWith("Votre devis " + number);
        assertThat((String) quote.get("body")).contains("Ce devis est valable jusqu'au");
        assertThat(quote.get("status")).isEqualTo("PENDING");
        List<String> attachments = (List<String>) quote.get("attachments");
        assertThat(attachments).singleElement().asString().startsWith("/api/documents/");
        assertThat(rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD).getForEntity(attachments.get(0), byte[].class)
                .getHeaders().getContentDisposition().getFilename()).isEqualTo("Devis-" + number + ".pdf");
        assertThat((List<?>) mails.get(1).get("attachments")).isEmpty();
    }

    @Test
    void unknownContractsInvoicesAndDocumentsAre404ProblemDetails() {
        TestRestTemplate staff = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD);
        for (String path : List.of("/api/contracts/DEV-2099-99999/documents", "/api/documents/999999999",
                "/api/contracts/DEV-2099-99999/mails",
                "/api/contracts/DEV-2099-99999/quote.pdf", "/api/invoices/FA-2099-99999/pdf",
                "/api/invoices/FA-2099-99999/formal-notice.pdf")) {
            ResponseEntity<String> answer = staff.getForEntity(path, String.class);
            assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getHeaders().getContentType().toString()).as(path).startsWith("application/problem+json");
            assertThat(answer.getBody()).as(path).contains("inconnu");
        }
    }

    @Test
    void documentsNeedAStaffLogin() {
        assertThat(rest.getForEntity("/api/documents/1", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // a wrong password for a real user would lock it for a while (login throttling) and fail the tests that follow
        assertThat(rest.withBasicAuth("unknown-user", "wrong").getForEntity("/api/documents/1", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aLinkInATaskFormOpensTheDocumentWithTheTasklistSessionButASessionCannotWrite() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);

        // log into Tasklist as its page does: the CSRF cookie first, then the login form
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        String cookies = String.join("; ", page.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of()).stream()
                .map(c -> c.split(";", 2)[0]).toList());
        String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
        HttpHeaders login = new HttpHeaders();
        login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        login.add(HttpHeaders.COOKIE, cookies);
        if (csrf != null) {
            login.add("X-XSRF-TOKEN", csrf);
        }
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", TestUsers.SALES);
        form.add("password", TestUsers.PASSWORD);
        ResponseEntity<String> loggedIn = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
                HttpMethod.POST, new HttpEntity<>(form, login), String.class);
        assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        String session = String.join("; ", loggedIn.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of()).stream()
                .map(c -> c.split(";", 2)[0]).toList());
        HttpHeaders browser = new HttpHeaders();
        browser.add(HttpHeaders.COOKIE, session.isEmpty() ? cookies : session);

        ResponseEntity<byte[]> quote = rest.exchange("/api/contracts/" + number + "/quote.pdf", HttpMethod.GET,
                new HttpEntity<>(browser), byte[].class);
        assertThat(quote.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(quote.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);

        // the same session cannot report an event: writes need credentials of their own
        browser.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> write = rest.exchange("/api/contracts/" + number + "/withdrawal", HttpMethod.POST,
                new HttpEntity<>(Map.of("externalReference", "X", "receivedOn", today().toString()), browser), String.class);
        assertThat(write.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
