package fr.lexom.contracts.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of /api (served at /v3/api-docs, Swagger UI at /swagger-ui.html, both authenticated). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    /** The payment names its contract or invoice in the body: unknown, a 404 as in a path (ApiExceptionHandler). */
    static final String PAYMENTS = "/api/payments";

    /** A person's rights (G1) name them by e-mail address in the body: nothing held for it, a 404 (PersonalDataService). */
    static final String PERSONAL_DATA = "/api/personal-data/";

    /** RFC 9457: every error of /api has this body, as {@code application/problem+json} (ApiExceptionHandler, ApiAuthenticationFilter). */
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI lexomApi() {
        return new OpenAPI()
                .info(new Info().title("LEXOM - API des contrats de formation").version("1")
                        .description("Événements des systèmes partenaires (signature électronique, banque, portails OPCO, "
                                + "site web) et état des contrats. Authentification HTTP Basic (utilisateurs Camunda) ; "
                                + "erreurs au format RFC 9457 (problem details)."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
    }

    /** ProblemDetail as Spring writes it; {@code errors} only on a 400 of wrong fields. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("Erreur au format RFC 9457 (problem details)")
                .addRequiredItem("type").addRequiredItem("title").addRequiredItem("status")
                .addProperty("type", new StringSchema().format("uri").example("https://lexom.fr/problems/404"))
                .addProperty("title", new StringSchema().example("Introuvable"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema().example("Contrat inconnu : DEV-1999-99999"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().description("400 : chaque champ refusé, avec un message en français")
                        .items(new ObjectSchema().addRequiredItem("field").addRequiredItem("message")
                                .addProperty("field", new StringSchema().example("participants[0].lastName"))
                                .addProperty("message", new StringSchema())));
    }

    /**
     * The error statuses of /api, decided once (README "REST API for other systems", ApiExceptionHandler) and written
     * on every operation they can answer: 400 a wrong field, 401, 403, 429 a login temporarily locked, 404 an unknown contract or invoice (in the
     * path, or named in a payment) or a person of whom nothing is held, 415 a body that is not JSON, 409 an event the contract cannot take now or an external reference reused with
     * another content.
     */
    @Bean
    OpenApiCustomizer lexomErrorResponses() {
        return openApi -> {
            // with the references to it (on the OpenAPI bean, it did not reach the served document)
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> errorResponses(path, item));
        };
    }

    private static void errorResponses(String path, PathItem item) {
        if (!path.startsWith("/api/")) {
            return;
        }
        {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                boolean post = entry.getKey() == PathItem.HttpMethod.POST;
                ApiResponses responses = entry.getValue().getResponses();
                binaryAsBinary(responses);
                add(responses, "400", "Requête invalide : chaque champ refusé, avec un message en français");
                add(responses, "401", "Identifiants absents ou incorrects");
                add(responses, "403", "Groupe non autorisé");
                // the login throttle (security/LoginThrottle): a temporary lock, with Retry-After
                add(responses, "429", "Trop de tentatives de connexion : l'utilisateur ou l'adresse est bloqué pour"
                        + " quelques minutes (en-tête Retry-After)");
                if (path.startsWith(PERSONAL_DATA)) {
                    add(responses, "404", "Aucune donnée n'est associée à cette adresse e-mail (ou demande inconnue)");
                } else if (path.contains("{") || PAYMENTS.equals(path)) {
                    add(responses, "404", "Contrat ou facture inconnus (dans le chemin, ou nommés dans le corps)");
                }
                if (entry.getValue().getRequestBody() != null) {
                    add(responses, "415", "Le corps n'est pas envoyé en JSON (Content-Type: application/json)");
                }
                if (post) {
                    add(responses, "409", "Le contrat ne peut pas recevoir cet événement à son étape (le détail la nomme), "
                            + "ou la même référence externe a déjà servi pour un autre contenu");
                }
            }
        }
    }

    /** A PDF is sent as its bytes, not as base64 text (springdoc writes byte[] as format byte). */
    private static void binaryAsBinary(ApiResponses responses) {
        responses.values().stream().filter(response -> response.getContent() != null)
                .flatMap(response -> response.getContent().entrySet().stream())
                .filter(media -> !media.getKey().contains("json"))
                .forEach(media -> media.getValue().schema(new StringSchema().format("binary")));
    }

    private static void add(ApiResponses responses, String status, String description) {
        responses.computeIfAbsent(status, s -> new ApiResponse()).description(description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
