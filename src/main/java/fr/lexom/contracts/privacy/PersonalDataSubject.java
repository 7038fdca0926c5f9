package fr.lexom.contracts.privacy;

import java.util.List;

/**
 * Whom a request is about, found by e-mail address: the clients that gave it (themselves or a contact), the
 * participants it names, and the contracts of both.
 */
record PersonalDataSubject(String email, List<Long> clientIds, List<Long> individualClientIds, List<Long> participantIds,
                           List<String> contractNumbers) {

    boolean isEmpty() {
        return clientIds.isEmpty() && participantIds.isEmpty();
    }
}
