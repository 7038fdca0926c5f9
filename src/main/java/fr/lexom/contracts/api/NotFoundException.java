package fr.lexom.contracts.api;

/** 404 for anything but a contract (an invoice, a document). */
class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
