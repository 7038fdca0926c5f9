package fr.lexom.contracts.contract;

import org.camunda.bpm.engine.BadUserRequestException;

/** The contract cannot take this event at its current stage (a 409 for the API, a refusal in Tasklist). */
public class StateConflictException extends BadUserRequestException {

    public StateConflictException(String message) {
        super(message);
    }
}
