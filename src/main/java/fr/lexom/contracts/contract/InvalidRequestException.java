package fr.lexom.contracts.contract;

import java.util.List;
import java.util.Map;

/**
 * Input refused before anything is stored, with a French message per field: shown by Tasklist when a form is
 * submitted, and turned into 400 problem details by the API.
 */
public class InvalidRequestException extends RuntimeException {

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
