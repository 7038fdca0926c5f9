package fr.lexom.contracts.participant;

import fr.lexom.contracts.delivery.HalfDays;
import fr.lexom.contracts.participant.EvaluationInvitations.Invitation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When each evaluation is open to a participant (E1, issue 23, item 4). The hot one from the start of the training's
 * last half-day (participants fill it in the room) until its invitation closes, or, before the invitation is sent,
 * until the hot window after the last half-day ends. The cold one only once its invitation exists (sent when
 * Timer_ColdEvaluation has fired), until it closes.
 */
@Component
class EvaluationWindows {

    enum State { NOT_YET, OPEN, CLOSED }

    /** From {@code opensAt} (included) to {@code closesAt} (excluded); {@code opensAt} null: not known yet. */
    record Window(Instant opensAt, Instant closesAt) {

        State at(Instant now) {
            if (opensAt == null || now.isBefore(opensAt)) {
                return State.NOT_YET;
            }
            return now.isBefore(closesAt) ? State.OPEN : State.CLOSED;
        }
    }

    private final HalfDays halfDays;
    private final EvaluationInvitations invitations;
    private final EvaluationProperties properties;

    EvaluationWindows(HalfDays halfDays, EvaluationInvitations invitations, EvaluationProperties properties) {
        this.halfDays = halfDays;
        this.invitations = invitations;
        this.properties = properties;
    }

    Window of(long participantId, EvaluationKind kind, LocalDate endsOn) {
        Optional<Invitation> invitation = invitations.find(participantId, kind);
        if (kind == EvaluationKind.HOT) {
            Instant closes = invitation.map(Invitation::closesAt)
                    .orElseGet(() -> halfDays.of(endsOn, "PM").end().plus(properties.hotWindow()));
            return new Window(halfDays.lastHalfDayStarts(endsOn), closes);
        }
        return invitation.map(i -> new Window(i.sentAt(), i.closesAt())).orElse(new Window(null, null));
    }
}
