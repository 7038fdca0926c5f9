package fr.lexom.contracts.api;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import fr.lexom.contracts.contract.ContractNotFoundException;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.security.TextRules;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every error of /api as RFC 9457 problem details; a 400 lists each wrong field with a French message. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring's generic problem-details handler
class ApiExceptionHandler {


    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return fields(e.errors());
    }

    /** An unknown contract or invoice named in a body is a 404, as in a path (more specific than the 400 above). */
    @ExceptionHandler(fr.lexom.contracts.contract.UnknownReferenceException.class)
    ProblemDetail notFound(fr.lexom.contracts.contract.UnknownReferenceException e) {
        return problem(HttpStatus.NOT_FOUND, "Introuvable", String.join(" ; ", e.errors().values()));
    }

    /** The same external reference with another content is a 409 (more specific than the 400 above). */
    @ExceptionHandler(fr.lexom.contracts.contract.ReusedReferenceException.class)
    ProblemDetail reused(fr.lexom.contracts.contract.ReusedReferenceException e) {
        return problem(HttpStatus.CONFLICT, "Référence déjà utilisée", String.join(" ; ", e.errors().values()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        Map<String, String> errors = e.getBindingResult().getFieldErrors().stream()
                .collect(Collectors.toMap(f -> f.getField(), f -> String.valueOf(f.getDefaultMessage()), (a, b) -> a + " ; " + b,
                        java.util.TreeMap::new));
        return fields(errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return fields(Map.of(unknown.getPropertyName(), "Champ inconnu : retirez-le de la requête."));
        }
        if (cause instanceof ApiTextModule.RefusedInput refused) {
            return fields(Map.of(path(refused), refused.getOriginalMessage()));
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            return fields(Map.of(path((MismatchedInputException) cause), "Valeur de type incorrect."));
        }
        return problem(HttpStatus.BAD_REQUEST, "Requête illisible", "Le corps de la requête n'est pas un JSON valide.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        boolean refusedText = e.getRootCause() instanceof RefusedParameter;
        return fields(Map.of(e.getName(), refusedText ? TextRules.MESSAGE : "Valeur de type incorrect."));
    }

    /** The field of a body, as Bean Validation names it: {@code participants[0].lastName}. */
    private static String path(MismatchedInputException e) {
        StringBuilder field = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() == null) {
                field.append('[').append(r.getIndex()).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /**
     * Every String of a path or a query (a contract number, a search) passes {@link TextRules} too: a NUL never
     * reaches a query (PostgreSQL refuses it, with a 500).
     */
    @InitBinder
    void checkText(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new java.beans.PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (!TextRules.acceptable(text, false)) {
                    throw new RefusedParameter();
                }
                setValue(text);
            }
        });
    }

    static final class RefusedParameter extends IllegalArgumentException {
        RefusedParameter() {
            super(TextRules.MESSAGE);
        }
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format non pris en charge", "Envoyez du JSON (Content-Type: application/json).");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "Méthode non prise en charge", e.getMessage());
    }

    @ExceptionHandler(ContractNotFoundException.class)
    ProblemDetail notFound(ContractNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Introuvable", e.getMessage());
    }

    @ExceptionHandler(fr.lexom.contracts.privacy.PersonalDataNotFoundException.class)
    ProblemDetail notFound(fr.lexom.contracts.privacy.PersonalDataNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Introuvable", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Introuvable", e.getMessage());
    }

    @ExceptionHandler(fr.lexom.contracts.contract.StateConflictException.class)
    ProblemDetail conflict(fr.lexom.contracts.contract.StateConflictException e) {
        return problem(HttpStatus.CONFLICT, "Action impossible dans l'état actuel du contrat", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Action impossible dans l'état actuel du contrat", e.getMessage());
    }

    @ExceptionHandler({ForbiddenException.class, AuthorizationException.class})
    ProblemDetail forbidden(RuntimeException e) {
        return problem(HttpStatus.FORBIDDEN, "Accès refusé", e instanceof ForbiddenException ? e.getMessage()
                : "Vos droits ne permettent pas cette opération.");
    }

    private static ProblemDetail fields(Map<String, String> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Requête invalide",
                "Corrigez les champs indiqués : " + String.join(", ", new java.util.TreeSet<>(errors.keySet())) + ".");
        problem.setProperty("errors", errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> Map.of("field", entry.getKey(), "message", entry.getValue())).toList());
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://lexom.fr/problems/" + status.value()));
        return problem;
    }

}
