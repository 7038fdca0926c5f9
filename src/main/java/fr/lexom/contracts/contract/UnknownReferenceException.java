package fr.lexom.contracts.contract;

import java.util.Map;

/**
 * A contract or an invoice named in a request (a payment's {@code contractNumber} or {@code invoiceNumber}) does not
 * exist: a 404 for the API, like an unknown number in a path; in Tasklist, a French message under the field.
 */
public class UnknownReferenceException extends InvalidRequestException {

    public UnknownReferenceException(String field, String message) {
        super(Map.of(field, message));
    }
}
