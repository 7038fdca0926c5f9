package fr.lexom.contracts.contract;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import java.util.Map;

/**
 * Input refused before anything is stored, with a French message per field: shown by Tasklist when a form is
 * submitted, and turned into 400 problem details by the API. A {@link FormFieldValidationException} because that is
 * the one refusal the engine's REST API (which Tasklist calls to submit forms) answers with 400 rather than 500.
 */
public class InvalidRequestException extends FormFieldValidationException {

    private final Map<String, String> errors;

    public InvalidRequestException(Map<String, String> errors) {
        super(errors.keySet().stream().sorted().findFirst().orElse("form"),
                "Saisie incomplète ou incorrecte : " + String.join(" ; ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }

    public List<String> fields() {
        return errors.keySet().stream().sorted().toList();
    }
}
