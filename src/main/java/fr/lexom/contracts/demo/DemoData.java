package fr.lexom.contracts.demo;

import fr.lexom.contracts.identity.Groups;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo users, clients and sessions for a trainer trying the app on a laptop. Only with
 * {@code lexom.demo.enabled=true}, which the default profile sets and no other profile does.
 */
@Component
@ConditionalOnProperty(name = "lexom.demo.enabled", havingValue = "true")
public class DemoData {

    /** id, first name, last name, group; all with the demo password. */
    static final List<List<String>> USERS = List.of(
            List.of("sophie", "Sophie", "Martin", Groups.SALES),
            List.of("camille", "Camille", "Durand", Groups.COORDINATION),
            List.of("paul", "Paul", "Bernard", Groups.ACCOUNTING),
            List.of("marie", "Marie", "Lefebvre", Groups.MANAGERS),
            List.of("dominique", "Dominique", "Roche", Groups.DPO));

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private final IdentityService identityService;
    private final JdbcClient jdbc;
    private final DemoProperties properties;
    private final Clock clock;

    public DemoData(IdentityService identityService, JdbcClient jdbc, DemoProperties properties, Clock clock) {
        this.identityService = identityService;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    @Transactional
    public void load() {
        USERS.forEach(u -> ensureUser(u.get(0), u.get(1), u.get(2), u.get(3)));
        loadClients();
        loadSessions();
        LOG.warn("DEMO profile: demo users {} with the demo password; never use this profile in production",
                USERS.stream().map(u -> u.get(0)).toList());
    }

    private void ensureUser(String id, String firstName, String lastName, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(id + "@lexom.fr");
            user.setPassword(properties.password());
            identityService.saveUser(user);
        }
        if (identityService.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identityService.createMembership(id, group);
        }
    }

    private void loadClients() {
        client("LEGAL_ENTITY", "Transports Vivarais SAS", "41234567800012", "FR", "compta@transports-vivarais.example",
                "12 avenue de la Gare", "07200", "Aubenas");
        client("PUBLIC_BODY", "Mairie de Privas", "21070186200014", "FR", "formation@mairie-privas.example",
                "Place de l'Hôtel de Ville", "07000", "Privas");
        client("INDIVIDUAL", "Julie Moreau", null, "FR", "julie.moreau@example.org",
                "3 chemin des Vignes", "26000", "Valence");
        client("LEGAL_ENTITY", "Helvetia Services SA", null, "CH", "finance@helvetia-services.example",
                "Rue du Rhône 40", "1204", "Genève");
    }

    private void client(String kind, String name, String siret, String country, String email,
                        String street, String postalCode, String city) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM client WHERE name = ?").param(name).query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        jdbc.sql("""
                INSERT INTO client (kind, name, siren, siret, country_code, email, billing_line1,
                                    billing_postal_code, billing_city, billing_country_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(kind, name, siret == null ? null : siret.substring(0, 9), siret, country, email, street,
                        postalCode, city, country)
                .update();
    }

    private void loadSessions() {
        // Monday-Tuesday sessions 6 and 10 weeks ahead, so that a demo quote has time for every step.
        LocalDate monday = LocalDate.now(clock).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        session("RCL-APPL-03", "RCL-APPL-03-DEMO-A", monday.plusWeeks(6), "ON_SITE", "LEXOM, 5 rue Jean Jaurès, 07200 Aubenas");
        session("RCL-APPL-03", "RCL-APPL-03-DEMO-B", monday.plusWeeks(10), "REMOTE", "Classe virtuelle");
        session("AK-RCL-RCL-09", "AK-RCL-RCL-09-DEMO-A", monday.plusWeeks(8), "ON_SITE", "LEXOM, 5 rue Jean Jaurès, 07200 Aubenas");
    }

    private void session(String reference, String code, LocalDate start, String modality, String place) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM training_session WHERE code = ?").param(code).query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        jdbc.sql("""
                INSERT INTO training_session (code, training_id, starts_on, ends_on, modality, place, capacity)
                SELECT ?, id, ?, ?, ?, ?, 12 FROM training WHERE reference = ?""")
                .params(code, start, start.plusDays(1), modality, place, reference)
                .update();
    }
}
