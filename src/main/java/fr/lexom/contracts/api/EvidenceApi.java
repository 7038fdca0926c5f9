package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.MANAGERS;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.reporting.EvidenceFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evidence file of a contract as one ZIP (« dossier de preuves », issue 24, item 2), for managers preparing a
 * Qualiopi audit. Written to the response as it is read, one document at a time; each download is on the contract's
 * timeline with who made it (the file holds personal data).
 */
@RestController
@Tag(name = "Dossier de preuves")
@SecurityRequirement(name = "basic")
@RequiresGroups(MANAGERS)
class EvidenceApi {

    static final String ZIP = "application/zip";
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceApi.class);

    private final EvidenceFile evidence;
    private final ContractService contracts;
    private final CurrentUser currentUser;

    EvidenceApi(EvidenceFile evidence, ContractService contracts, CurrentUser currentUser) {
        this.evidence = evidence;
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    @GetMapping(path = "/api/contracts/{number}/evidence.zip", produces = ZIP)
    @Operation(summary = "Le dossier de preuves du contrat (ZIP) : devis valant convention et son acceptation, "
            + "convocations, feuilles d'émargement signées, réponses aux évaluations, attestations, factures et avoirs, "
            + "mises en demeure, courriers envoyés (.eml), et un sommaire (00-sommaire.pdf et .html) qui liste chaque "
            + "document avec sa date, la règle qu'il sert et son empreinte SHA-256, et les documents manquants",
            responses = @ApiResponse(responseCode = "200", description = "Le ZIP",
                    content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary"))))
    void download(@Parameter(description = "Le numéro du contrat (DEV-2026-00001)") @PathVariable String number,
                  HttpServletResponse response) throws IOException {
        EvidenceFile.Index index = evidence.index(number); // 404 before a byte is written
        String actor = currentUser.id();
        contracts.recordEvent(index.contract().number(), "EVIDENCE_EXPORTED", "Dossier de preuves téléchargé ("
                + index.items().size() + " document(s))", actor);
        LOG.info("Evidence file of {} downloaded by {} ({} files)", index.contract().number(), actor, index.items().size());
        response.setContentType(ZIP);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("dossier-preuves-" + index.contract().number() + ".zip").build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        evidence.write(index, response.getOutputStream());
        response.flushBuffer();
    }
}
