package fr.lexom.contracts.participant;

import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.Participant;
import fr.lexom.contracts.participant.ParticipantLinks.Purpose;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address of a participant's page, as letters print it (the convocation, issue 23): the app's base URL
 * ({@code LEXOM_BASE_URL}) and the signed token, valid until the end of the day after the training's last day, Paris
 * time (attendance and the hot evaluation are done by then). The same participant and dates give the same link.
 */
@Component
public class ParticipantLinkUrls {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final ParticipantLinks links;
    private final String baseUrl;

    ParticipantLinkUrls(ParticipantLinks links, @Value("${lexom.base-url}") String baseUrl) {
        this.links = links;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Until when a participant's page opens for a training ending on {@code contract.endsOn()}. */
    public static Instant participantPageExpiry(ContractSummary contract) {
        return contract.endsOn().plusDays(2).atStartOfDay(PARIS).toInstant();
    }

    /** The trainer's page for countersigning (issue 23): their own link, valid as long as a participant's. */
    public String trainerPage(long trainerId, ContractSummary contract) {
        return baseUrl + ParticipantPages.TRAINER_PATH + links.token(trainerId, Purpose.TRAINER, participantPageExpiry(contract));
    }

    /** The participant's personal page for this contract's training. */
    public String participantPage(Participant participant, ContractSummary contract) {
        return baseUrl + ParticipantPages.PATH + links.token(participant.id(), Purpose.PARTICIPANT, participantPageExpiry(contract));
    }

    /**
     * The participant's page of an evaluation (E1, issue 23, item 4), as its invitation letter prints it: a link of
     * their own that expires when the evaluation closes ({@code closesAt}, the invitation's).
     */
    public String evaluationPage(Participant participant, EvaluationKind kind, Instant closesAt) {
        return baseUrl + ParticipantPages.PATH + links.token(participant.id(), Purpose.PARTICIPANT, closesAt) + "/" + kind.path();
    }
}
