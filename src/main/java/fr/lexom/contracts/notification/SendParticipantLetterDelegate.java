package fr.lexom.contracts.notification;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.Participant;
import fr.lexom.contracts.participant.EvaluationAnswers;
import fr.lexom.contracts.participant.EvaluationInvitations;
import fr.lexom.contracts.participant.EvaluationKind;
import fr.lexom.contracts.participant.ParticipantLinkUrls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * E1 letters to each participant (convocation, evaluations, certificate), each with the participant's personal
 * link (issue 23). A participant without an e-mail address gets it through the client, with its name on it. An
 * evaluation letter records the participant's invitation (once) and carries the link to the evaluation's page, valid
 * until it closes; the certificate cites the participant's hot self-assessment of each objective, if they answered.
 */
@Component("sendParticipantLetter")
class SendParticipantLetterDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final LetterModels models;
    private final Letters letters;
    private final Outbox outbox;
    private final LetterDocuments documents;
    private final ParticipantLinkUrls links;
    private final EvaluationInvitations invitations;
    private final EvaluationAnswers answers;

    SendParticipantLetterDelegate(ContractService contracts, LetterModels models, Letters letters, Outbox outbox,
                                  LetterDocuments documents, ParticipantLinkUrls links, EvaluationInvitations invitations,
                                  EvaluationAnswers answers) {
        this.contracts = contracts;
        this.models = models;
        this.letters = letters;
        this.outbox = outbox;
        this.documents = documents;
        this.links = links;
        this.invitations = invitations;
        this.answers = answers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String letter = SendLetterDelegate.requiredLetter(execution);
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        Map<String, Object> base = models.of(number, execution);
        ContractSummary contract = (ContractSummary) base.get("contract");
        String prefix = SendLetterDelegate.keyPrefix(number, letter, execution);
        int occurrence = outbox.nextOccurrence(number, prefix);
        Optional<EvaluationKind> evaluation = EvaluationKind.ofLetter(letter);
        for (Participant participant : contracts.participants(number)) {
            Map<String, Object> model = new HashMap<>(base);
            model.put("participant", participant);
            // issue 23: the participant's own page (attendance, evaluations), signed for them alone
            model.put("personalLink", links.participantPage(participant, contract));
            // E1 (issue 23, item 4): the invitation, written once, and the evaluation's own link until it closes
            evaluation.ifPresent(kind -> model.put("evaluationLink",
                    links.evaluationPage(participant, kind, invitations.invite(participant.id(), kind).closesAt())));
            if ("completion-certificate".equals(letter)) {
                model.put("selfAssessments", answers.hotSelfAssessments(participant.id()));
            }
            String to = participant.email() != null ? participant.email() : contract.clientEmail();
            String key = prefix + occurrence + "/participant-" + participant.id();
            outbox.enqueue(letters.write(letter, key, number, List.of(to), model)
                    .withAttachments(documents.forLetter(letter, number, model)));
        }
    }
}
