package fr.lexom.contracts.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import fr.lexom.contracts.security.Plausibility;
import fr.lexom.contracts.security.TextRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every String of every /api request body passes {@link TextRules} as it is read, whatever the body and the field, so
 * none can be forgotten; every decimal written with a minus sign and worth zero ("-0.0") is refused, the sign being
 * lost once read (no amount nor rate of /api is negative; the other negatives are refused by Bean Validation).
 * Registered on the JSON converter that reads MVC request bodies only ({@link ReadRequestsWithIt}): the app's own
 * ObjectMapper (stored answers of IdempotentIntake, HTTP clients, tests reading answers with line breaks) and
 * Camunda's REST API and Spin are left as they are.
 */
class ApiTextModule extends SimpleModule {

    /** Replaces the MVC JSON converter by one whose mapper has the module (a copy: the shared converter is untouched). */
    @Configuration(proxyBeanMethods = false)
    static class ReadRequestsWithIt implements WebMvcConfigurer {
        @Override
        public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
            converters.replaceAll(converter -> converter instanceof MappingJackson2HttpMessageConverter json
                    ? new MappingJackson2HttpMessageConverter(json.getObjectMapper().copy().registerModule(new ApiTextModule()))
                    : converter);
        }
    }

    ApiTextModule() {
        super("lexom-api-text");
        addDeserializer(String.class, new CheckedStrings());
        addDeserializer(BigDecimal.class, new UnsignedZero());
    }

    /** A refusal of /api input while JSON is read: the handler answers 400 naming the field. */
    static final class RefusedInput extends MismatchedInputException {
        RefusedInput(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && !TextRules.acceptable(p.currentName(), value)) {
                throw new RefusedInput(p, TextRules.MESSAGE);
            }
            return value;
        }
    }

    static final class UnsignedZero extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String written = p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT || p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    || p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            BigDecimal value = super.deserialize(p, ctxt);
            if (value != null && value.signum() == 0 && Plausibility.signed(written)) {
                throw new RefusedInput(p, "Valeur négative non autorisée (même -0).");
            }
            return value;
        }
    }
}
