package fr.lexom.contracts.participant;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.participant.ParticipantLinks.Purpose;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Issue 23, item 1: a participant's page, reached without an account by a signed personal link. */
@IntegrationTest
class ParticipantPagesTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ParticipantLinks links;

    @Test
    void aParticipantsLinkShowsTheirNameTheTrainingAndItsDatesAndNothingOfTheContract() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        ProcessInstance contract = acceptedContract(form);
        String number = contractNumber(contract);
        Map<String, Object> participant = jdbc.sql("""
                SELECT p.id, p.first_name, p.last_name FROM participant p JOIN contract c ON c.id = p.contract_id
                WHERE c.number = ? ORDER BY p.position""").param(number).query().listOfRows().get(0);
        long id = ((Number) participant.get("id")).longValue();
        String token = links.token(id, Purpose.PARTICIPANT, clock().plus(Duration.ofDays(90)));

        ResponseEntity<String> page = rest.getForEntity("/p/" + token, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(page.getHeaders().getCacheControl()).contains("no-store");
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
        String title = jdbc.sql("SELECT t.title FROM contract c JOIN training t ON t.id = c.training_id WHERE c.number = ?")
                .param(number).query(String.class).single();
        assertThat(page.getBody()).contains("lang=\"fr\"", (String) participant.get("first_name"), (String) participant.get("last_name"),
                title.replace("'", "&#39;"));
        // nothing of the client's contract: no client, number, price
        String client = (String) form.get("clientName");
        assertThat(page.getBody()).doesNotContain(client, number, "€", "<script");
    }

    @Test
    void eachConvocationCarriesItsParticipantsOwnLinkToTheirPage() {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(contract);
        payInTask(contract, "Task_CollectDeposit", "864,00", "VIR-" + java.util.UUID.randomUUID());
        fireTimer(contract, "Timer_ConvocationDue");
        executeDueJobs(contract);
        var convocations = jdbc.sql("SELECT recipients, body_text FROM outbox_mail WHERE contract_number = ? AND letter = 'convocation'"
                + " ORDER BY id").param(number).query().listOfRows();
        assertThat(convocations).hasSize(2); // Anne Dupont, Luc Martin (QuoteForms)
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var mail : convocations) {
            var link = java.util.regex.Pattern.compile("http://localhost:8080(/p/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)")
                    .matcher((String) mail.get("body_text"));
            assertThat(link.find()).as("a personal link in %s", mail.get("body_text")).isTrue();
            assertThat(seen.add(link.group(1))).as("one link per participant").isTrue();
            String first = ((String) mail.get("body_text")).lines().filter(l -> l.startsWith("Bonjour ")).findFirst().orElseThrow()
                    .substring("Bonjour ".length()).replace(",", "");
            ResponseEntity<String> page = rest.getForEntity(link.group(1), String.class);
            assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(page.getBody()).as("the page of the participant the convocation was for").contains("Bonjour <span>" + first);
        }
    }

    @Test
    void anAlteredLinkIsA404AndAnExpiredOneA410WithAFrenchPage() {
        ResponseEntity<String> forged = rest.getForEntity("/p/" + "djEuMS5QQVJUSUNJUEFOVC45OTk5OTk5OTk5.AAAA", String.class);
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(forged.getBody()).contains("Ce lien n'est pas valable");
        ResponseEntity<String> trainers = rest.getForEntity("/p/" + links.token(1, Purpose.TRAINER, clock().plusSeconds(3600)),
                String.class);
        assertThat(trainers.getStatusCode()).as("a trainer's link is not a participant's").isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> expired = rest.getForEntity("/p/" + links.token(1, Purpose.PARTICIPANT, clock().minusSeconds(1)),
                String.class);
        assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(expired.getBody()).contains("Ce lien a expiré");
        ResponseEntity<String> nobody = rest.getForEntity("/p/" + links.token(Long.MAX_VALUE, Purpose.PARTICIPANT,
                clock().plusSeconds(3600)), String.class);
        assertThat(nobody.getStatusCode()).as("a well-signed link to no one").isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static java.time.Instant clock() {
        return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
    }
}
