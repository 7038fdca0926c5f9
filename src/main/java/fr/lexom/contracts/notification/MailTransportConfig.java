package fr.lexom.contracts.notification;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP when {@code spring.mail.host} is set (Spring Boot then provides a JavaMailSender), else the drop folder. */
@Configuration(proxyBeanMethods = false)
class MailTransportConfig {

    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> sender, MailProperties properties) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp != null) {
            LoggerFactory.getLogger(MailTransportConfig.class).info("Mail goes out over SMTP");
            return new SmtpMailTransport(smtp, properties.from());
        }
        LoggerFactory.getLogger(MailTransportConfig.class)
                .warn("No SMTP server configured (spring.mail.host): mail is kept as .eml files in {}",
                        properties.dropFolder().toAbsolutePath());
        return new FileDropMailTransport(properties.dropFolder(), properties.from());
    }
}
