package fr.lexom.contracts.contract;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import java.util.Map;

/**
 * Input refused before anything is stored, with a French message per field: shown by Tasklist when a form is
 * submitted, and turned into 400 problem details by the API. A {@link BadUserRequestException} so that the
 * engine's REST API (which Tasklist calls) answers 400, not 500.
 */
public class InvalidRequestException extends BadUserRequestException {

    private final Map<String, String> errors;

    public InvalidRequestException(Map<String, String> errors) {
        super("Saisie incomplète ou incorrecte : " + String.join(" ; ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }

    public List<String> fields() {
        return errors.keySet().stream().sorted().toList();
    }
}
