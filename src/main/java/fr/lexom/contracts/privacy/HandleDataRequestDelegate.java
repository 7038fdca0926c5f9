package fr.lexom.contracts.privacy;

import fr.lexom.contracts.contract.FormReader;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.contract.StateConflictException;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_HandleDataRequest ("Demande RGPD", G1): exports, rectifies or erases what LEXOM holds about the person named
 * by the form. An unknown address, a contract still running or an invalid value is refused in the form, in French,
 * and nothing changes. The outcome (without the person's address) and the export's link go to the answer task.
 */
@Component("handleDataRequest")
class HandleDataRequestDelegate implements JavaDelegate {

    enum Kind { EXPORT, RECTIFY, ERASE }

    private final PersonalDataService personalData;
    private final CurrentUser currentUser;
    private final BusinessCalendar calendar;

    HandleDataRequestDelegate(PersonalDataService personalData, CurrentUser currentUser, BusinessCalendar calendar) {
        this.personalData = personalData;
        this.currentUser = currentUser;
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FormReader form = new FormReader(execution.getVariables());
        Kind kind = form.choice("requestKind", Kind.class, "la demande");
        String email = form.required("subjectEmail", "l'adresse e-mail de la personne", 254);
        LocalDate receivedOn = form.date("requestReceivedOn", "la date de réception");
        if (receivedOn != null && receivedOn.isAfter(calendar.today())) {
            form.error("requestReceivedOn", "La date de réception ne peut pas être dans le futur.");
        }
        form.check();
        try {
            switch (kind) {
                case EXPORT -> {
                    Map<String, Object> export = personalData.export(email, currentUser.id());
                    long id = ((Number) export.get("demande")).longValue();
                    execution.setVariable("dataRequestId", id);
                    execution.setVariable("dataRequestOutcome", "Export prêt : " + ((java.util.List<?>) export.get("contrats")).size()
                            + " contrat(s) comme client, " + ((java.util.List<?>) export.get("participations")).size()
                            + " participation(s), " + ((java.util.List<?>) export.get("courriels")).size() + " courriel(s).");
                    execution.setVariable("exportLink", "/api/personal-data/requests/" + id + "/export.json");
                }
                case RECTIFY -> {
                    Map<String, Object> done = personalData.rectify(email, new Rectification(form.optional("newName", 200),
                            form.optional("newEmail", 254), form.optional("newPhone", 30), form.optional("newBillingLine1", 200),
                            null, form.optional("newBillingPostalCode", 20), form.optional("newBillingCity", 100),
                            form.optional("newFirstName", 100), form.optional("newLastName", 100)), currentUser.id());
                    execution.setVariable("dataRequestId", ((Number) done.get("demande")).longValue());
                    execution.setVariable("dataRequestOutcome", "Données rectifiées : " + done.get("clients") + " fiche(s) client, "
                            + done.get("participants") + " participant(s), contrats " + done.get("contracts") + ".");
                }
                case ERASE -> {
                    Map<String, Object> done = personalData.erase(email, currentUser.id());
                    execution.setVariable("dataRequestId", ((Number) done.get("demande")).longValue());
                    execution.setVariable("dataRequestOutcome", "Données effacées (contrats " + done.get("contracts")
                            + ") : " + done.get("clients") + " fiche(s) client, " + done.get("participants") + " participant(s), "
                            + done.get("mails") + " courriel(s), " + done.get("documentsDeleted") + " document(s) ; factures conservées (G2).");
                }
            }
        } catch (PersonalDataNotFoundException | StateConflictException e) {
            throw new InvalidRequestException(Map.of("subjectEmail", e.getMessage()));
        }
        execution.setVariable("dataRequestKind", kind.name());
    }
}
