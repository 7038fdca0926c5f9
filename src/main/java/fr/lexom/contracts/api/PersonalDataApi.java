package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.DPO;

import fr.lexom.contracts.privacy.PersonalDataService;
import fr.lexom.contracts.privacy.Rectification;
import fr.lexom.contracts.process.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rights of G1 for the data protection officer ({@code dpo} group, and administrators): export, rectify and
 * erase what LEXOM holds about a person, found by e-mail address. The address travels in the body, never in a URL
 * (URLs end up in access logs).
 */
@RestController
@RequestMapping(path = "/api/personal-data", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Données personnelles (RGPD)")
@SecurityRequirement(name = "basic")
@RequiresGroups(DPO)
class PersonalDataApi {

    record Person(@NotBlank(message = "obligatoire") @Email(message = "adresse e-mail invalide")
                  @Size(max = 254, message = "254 caractères au plus") String email) {
    }

    record RectificationBody(
            @NotBlank(message = "obligatoire") @Email(message = "adresse e-mail invalide") @Size(max = 254, message = "254 caractères au plus") String email,
            @Size(max = 200, message = "200 caractères au plus") String name,
            @Email(message = "adresse e-mail invalide") @Size(max = 254, message = "254 caractères au plus") String newEmail,
            @Size(max = 30, message = "30 caractères au plus") String phone,
            @Size(max = 200, message = "200 caractères au plus") String billingLine1,
            @Size(max = 200, message = "200 caractères au plus") String billingLine2,
            @Size(max = 20, message = "20 caractères au plus") String billingPostalCode,
            @Size(max = 100, message = "100 caractères au plus") String billingCity,
            @Size(max = 100, message = "100 caractères au plus") String firstName,
            @Size(max = 100, message = "100 caractères au plus") String lastName) {
    }

    private final PersonalDataService personalData;
    private final CurrentUser currentUser;

    PersonalDataApi(PersonalDataService personalData, CurrentUser currentUser) {
        this.personalData = personalData;
        this.currentUser = currentUser;
    }

    @PostMapping(path = "/export", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Accès et portabilité : tout ce que LEXOM détient sur la personne, en JSON")
    ResponseEntity<Map<String, Object>> export(@Valid @RequestBody Person person) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("donnees-personnelles.json").build().toString())
                .body(personalData.export(person.email(), currentUser.id()));
    }

    @PostMapping(path = "/rectification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rectification : les champs donnés remplacent les valeurs enregistrées")
    Map<String, Object> rectify(@Valid @RequestBody RectificationBody body) {
        return personalData.rectify(body.email(), new Rectification(body.name(), body.newEmail(), body.phone(),
                body.billingLine1(), body.billingLine2(), body.billingPostalCode(), body.billingCity(), body.firstName(),
                body.lastName()), currentUser.id());
    }

    @PostMapping(path = "/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Effacement : données personnelles anonymisées, factures conservées (G2) ; 409 si un contrat est en cours")
    Map<String, Object> erase(@Valid @RequestBody Person person) {
        return personalData.erase(person.email(), currentUser.id());
    }

    @GetMapping(path = "/requests/{id}/export.json")
    @Operation(summary = "L'export d'une demande traitée dans Tasklist (conservé 30 jours)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "L'export, un objet JSON "
            + "(stocké comme texte, envoyé tel quel)", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @io.swagger.v3.oas.annotations.media.Schema(type = "object")))
    ResponseEntity<String> storedExport(@PathVariable long id) {
        String json = personalData.storedExport(id)
                .orElseThrow(() -> new NotFoundException("Export inconnu ou expiré : demande " + id));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_JSON, java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("donnees-personnelles-" + id + ".json").build().toString())
                .body(json);
    }
}
