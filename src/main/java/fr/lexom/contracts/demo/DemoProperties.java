package fr.lexom.contracts.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Demo data switch: on only in the default (embedded) profile, see application-default.yaml. */
@ConfigurationProperties("lexom.demo")
public record DemoProperties(boolean enabled, String password) {

    public DemoProperties {
        if (password == null || password.isBlank()) {
            password = "demo";
        }
    }
}
