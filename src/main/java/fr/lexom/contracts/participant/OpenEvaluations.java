package fr.lexom.contracts.participant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** E1 (issue 23, item 4): the evaluations a participant can answer now (open, not yet answered), for their page. */
@Component
class OpenEvaluations implements EvaluationOffers {

    private final JdbcClient jdbc;
    private final EvaluationWindows windows;
    private final EvaluationAnswers answers;

    OpenEvaluations(JdbcClient jdbc, EvaluationWindows windows, EvaluationAnswers answers) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.answers = answers;
    }

    @Override
    public List<Offer> openFor(long participantId, Instant now) {
        Optional<LocalDate> endsOn = jdbc.sql("SELECT c.ends_on FROM contract c JOIN participant p ON p.contract_id = c.id WHERE p.id = ?")
                .param(participantId).query(LocalDate.class).optional();
        List<Offer> offers = new ArrayList<>();
        if (endsOn.isEmpty()) {
            return offers;
        }
        for (EvaluationKind kind : EvaluationKind.values()) {
            if (windows.of(participantId, kind, endsOn.get()).at(now) == EvaluationWindows.State.OPEN
                    && !answers.answered(participantId, kind)) {
                offers.add(new Offer(kind.label(), kind.path()));
            }
        }
        return offers;
    }
}
