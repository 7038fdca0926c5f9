package fr.lexom.contracts.notification;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.delivery.AttendanceProperties;
import fr.lexom.contracts.delivery.Trainers;
import fr.lexom.contracts.participant.ParticipantLinkUrls;
import fr.lexom.contracts.process.CurrentUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendTrainerLink (E1, issue 23): the contract's trainer gets their own link to countersign each half-day. A
 * contract without a trainer gets a line in its timeline saying so (coordination names one with
 * {@code PUT /api/contracts/{number}/trainer}; the link then goes with the next mail), and the process goes on: the
 * participants' signatures and coordination's entry are the attendance of record.
 */
@Component("sendTrainerLink")
class SendTrainerLinkDelegate implements JavaDelegate {

    static final String LETTER = "trainer-link";

    private final ContractService contracts;
    private final Trainers trainers;
    private final LetterModels models;
    private final Letters letters;
    private final Outbox outbox;
    private final ParticipantLinkUrls links;
    private final AttendanceProperties attendance;
    private final CurrentUser currentUser;

    SendTrainerLinkDelegate(ContractService contracts, Trainers trainers, LetterModels models, Letters letters, Outbox outbox,
                            ParticipantLinkUrls links, AttendanceProperties attendance, CurrentUser currentUser) {
        this.contracts = contracts;
        this.trainers = trainers;
        this.models = models;
        this.letters = letters;
        this.outbox = outbox;
        this.links = links;
        this.attendance = attendance;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        Map<String, Object> model = new HashMap<>(models.of(number, execution));
        ContractSummary contract = (ContractSummary) model.get("contract");
        var trainer = trainers.ofContract(contract.id());
        if (trainer.isEmpty()) {
            contracts.recordEvent(number, "NO_TRAINER", "Aucun formateur désigné : pas de lien de contresignature envoyé (E1)",
                    currentUser.id());
            return;
        }
        model.put("trainer", trainer.get());
        model.put("trainerLink", links.trainerPage(trainer.get().id(), contract));
        model.put("graceHours", attendance.countersignGraceText());
        String prefix = SendLetterDelegate.keyPrefix(number, LETTER, execution);
        String key = prefix + outbox.nextOccurrence(number, prefix) + "/trainer-" + trainer.get().id();
        outbox.enqueue(letters.write(LETTER, key, number, List.of(trainer.get().email()), model));
    }
}
