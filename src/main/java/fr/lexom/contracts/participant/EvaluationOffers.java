package fr.lexom.contracts.participant;

import java.time.Instant;
import java.util.List;

/** The evaluations open to a participant at an instant, as links their page shows (issue 23, item 4). */
public interface EvaluationOffers {

    /** An evaluation the participant can answer now: its French label and its page, relative to their own page. */
    record Offer(String label, String path) {
    }

    List<Offer> openFor(long participantId, Instant now);
}
