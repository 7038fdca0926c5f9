package fr.lexom.contracts.api;

import java.util.List;

/** 403: the caller's groups do not allow this operation. */
class ForbiddenException extends RuntimeException {

    ForbiddenException(List<String> allowedGroups) {
        super(allowedGroups.isEmpty() ? "Opération non autorisée."
                : "Opération réservée aux groupes : " + String.join(", ", allowedGroups) + ".");
    }
}
