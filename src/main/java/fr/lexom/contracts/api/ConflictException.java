package fr.lexom.contracts.api;

/** 409: the contract cannot take this event now; the message says why. */
public class ConflictException extends RuntimeException {

    public ConflictException(String reason) {
        super(reason);
    }
}
