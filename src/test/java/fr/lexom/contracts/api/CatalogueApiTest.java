package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issue 24: managers classify a training for the BPF (NSF specialty, general objective) without SQL. */
@IntegrationTest
class CatalogueApiTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;

    @Test
    void aManagerSetsATrainingsSpecialtyAndObjective_andBadValuesAreRefusedByName() {
        users.ensureAll();
        String reference = "TST-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO training (reference, title, duration_days, duration_hours, on_site, remote)
                VALUES (?, 'Gérer les réclamations', 1, 7, TRUE, FALSE)""").param(reference).update();
        TestRestTemplate manager = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD);

        ResponseEntity<List> all = manager.getForEntity("/api/trainings", List.class);
        assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(all.getBody().toString()).contains("RCL-APPL-03", "nsfCode=320", reference, "bpfObjective=OTHER");

        ResponseEntity<Map> classified = put(manager, reference, Map.of("nsfCode", "315", "bpfObjective", "RS"));
        assertThat(classified.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(classified.getBody()).containsEntry("nsfCode", "315").containsEntry("bpfObjective", "RS")
                .containsEntry("nsfLabel", "Ressources humaines, gestion du personnel, gestion de l'emploi");

        ResponseEntity<Map> badCode = put(manager, reference, Map.of("nsfCode", "31", "bpfObjective", "LICENCE"));
        assertThat(badCode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badCode.getBody().toString()).contains("nsfCode", "bpfObjective", "code NSF de trois chiffres");
        assertThat(jdbc.sql("SELECT nsf_code FROM training WHERE reference = ?").param(reference).query(String.class).single())
                .as("nothing changed").isEqualTo("315");

        assertThat(put(manager, "TST-UNKNOWN", Map.of("nsfCode", "315", "bpfObjective", "RS")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(put(rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD), reference, Map.of("nsfCode", "100",
                "bpfObjective", "OTHER")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static ResponseEntity<Map> put(TestRestTemplate as, String reference, Map<String, Object> body) {
        return as.exchange("/api/trainings/" + reference + "/bpf-classification", HttpMethod.PUT, new HttpEntity<>(body), Map.class);
    }
}
