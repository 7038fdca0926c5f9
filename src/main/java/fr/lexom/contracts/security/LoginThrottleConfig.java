package fr.lexom.contracts.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** {@link ClientAddressFilter} on every path, before the authentication filters (order 10) and the webapps'. */
@Configuration(proxyBeanMethods = false)
class LoginThrottleConfig {

    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter() {
        FilterRegistrationBean<ClientAddressFilter> registration = new FilterRegistrationBean<>(new ClientAddressFilter());
        registration.setName("lexom-client-address");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
