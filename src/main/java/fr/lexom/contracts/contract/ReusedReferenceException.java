package fr.lexom.contracts.contract;

import java.util.Map;

/**
 * The same external reference (a bank reference, an event's reference) sent again with another content: a 409 for the
 * API (it conflicts with what is recorded under that reference); in Tasklist, a French message under the field.
 */
public class ReusedReferenceException extends InvalidRequestException {

    public ReusedReferenceException(String field, String message) {
        super(Map.of(field, message));
    }
}
