package fr.lexom.contracts.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of /api (served at /v3/api-docs, Swagger UI at /swagger-ui.html, both authenticated). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

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
}
