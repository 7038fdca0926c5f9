package fr.lexom.contracts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** LEXOM training contracts: the CGV lifecycle of a training contract, run by Camunda 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LexomApplication {

    public static void main(String[] args) {
        SpringApplication.run(LexomApplication.class, args);
    }
}
