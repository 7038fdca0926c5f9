package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.MANAGERS;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue's trainings with what the BPF classifies them by (issue 24): the NSF specialty (frame F-4) and the
 * general objective (frame F-3), which managers set without SQL.
 */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
@Tag(name = "Catalogue")
@SecurityRequirement(name = "basic")
@RequiresGroups(MANAGERS)
class CatalogueApi {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueApi.class);

    /** How the BPF classifies a training. */
    record Classification(
            @NotNull(message = "obligatoire") @Pattern(regexp = "[0-9]{3}", message = "code NSF de trois chiffres (315)") String nsfCode,
            @NotNull(message = "obligatoire")
            @Pattern(regexp = "RNCP|RS|CQP|OTHER|SKILLS_ASSESSMENT|VAE", message = "RNCP, RS, CQP, OTHER, SKILLS_ASSESSMENT ou VAE")
            String bpfObjective) {
    }

    record TrainingView(String reference, String title, BigDecimal durationDays, BigDecimal durationHours, boolean active,
                        String nsfCode, String nsfLabel, String bpfObjective) {
    }

    private static final String SELECT = """
            SELECT t.reference, t.title, t.duration_days, t.duration_hours, t.active, t.nsf_code, n.label, t.bpf_objective
              FROM training t LEFT JOIN nsf_specialty n ON n.code = t.nsf_code""";

    private final JdbcClient jdbc;
    private final fr.lexom.contracts.process.CurrentUser currentUser;

    CatalogueApi(JdbcClient jdbc, fr.lexom.contracts.process.CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    @GetMapping("/trainings")
    @Operation(summary = "Les formations du catalogue, avec leur spécialité NSF et leur objectif général pour le BPF")
    List<TrainingView> trainings() {
        return jdbc.sql(SELECT + " ORDER BY t.reference").query(this::view).list();
    }

    @PutMapping(path = "/trainings/{reference}/bpf-classification", consumes = "application/json")
    @Operation(summary = "La spécialité NSF (trois chiffres) et l'objectif général (RNCP, RS, CQP, OTHER, "
            + "SKILLS_ASSESSMENT, VAE) d'une formation, tels que le BPF les compte (cadres F-3 et F-4) ; le BPF d'une année "
            + "déjà passée change aussi, calculé à nouveau")
    @Transactional
    TrainingView classify(@Parameter(description = "La référence de la formation (RCL-APPL-03)") @PathVariable String reference,
                          @Valid @RequestBody Classification body) {
        int updated = jdbc.sql("UPDATE training SET nsf_code = ?, bpf_objective = ? WHERE reference = ?")
                .params(body.nsfCode(), body.bpfObjective(), reference).update();
        if (updated == 0) {
            throw new NotFoundException("Formation inconnue : " + reference);
        }
        LOG.info("Training {} classified for the BPF by {}: NSF {}, objective {}", reference, currentUser.id(), body.nsfCode(),
                body.bpfObjective());
        return jdbc.sql(SELECT + " WHERE t.reference = ?").param(reference).query(this::view).single();
    }

    private TrainingView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new TrainingView(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBoolean(5),
                rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
