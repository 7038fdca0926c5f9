package fr.lexom.contracts.config;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's REST API has no authentication by default: anyone reaching the port could deploy a model
 * whose expression runs a command. Both REST surfaces, the engine's and the app's own, authenticate with
 * HTTP Basic against the engine's identity service; the engine's authorization checks do the rest.
 * /engine-rest uses Camunda's filter; /api uses {@link ApiAuthenticationFilter} bound to this application's
 * engine (Camunda's filter looks the engine up in a static registry by name).
 */
@Configuration(proxyBeanMethods = false)
class RestAuthenticationConfig {

    @Bean
    FilterRegistrationBean<Filter> engineRestAuthenticationFilter(
            @Value("${spring.jersey.application-path:/engine-rest}") String jerseyPath) {
        String prefix = jerseyPath.startsWith("/") ? jerseyPath : "/" + jerseyPath;
        FilterRegistrationBean<Filter> registration = basicAuthentication("lexom-engine-rest-authentication", prefix + "/*");
        // Tells the filter where the engine name sits in the path (/engine-rest/engine/{name}/...).
        registration.addInitParameter("rest-url-pattern-prefix", prefix);
        return registration;
    }

    /** The app's own API and its documentation (for callers who have an account). */
    @Bean
    FilterRegistrationBean<Filter> appApiAuthenticationFilter(ProcessEngine engine) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new ApiAuthenticationFilter(engine.getIdentityService(), engine.getName()));
        registration.setName("lexom-api-authentication");
        registration.addUrlPatterns("/api/*", "/v3/api-docs", "/v3/api-docs/*", "/swagger-ui.html", "/swagger-ui/*");
        registration.setOrder(10);
        return registration;
    }

    private static FilterRegistrationBean<Filter> basicAuthentication(String name, String... urlPatterns) {
        // engine-rest keeps Camunda's own filter (it resolves the engine named in the path)
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName(name);
        registration.addUrlPatterns(urlPatterns);
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(10);
        return registration;
    }
}
