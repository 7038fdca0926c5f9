package fr.lexom.contracts.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Tasklist filters, in French, shared with the groups that use them; set at every start. */
@Component
public class TasklistFilters {

    private final FilterService filterService;
    private final TaskService taskService;
    private final AuthorizationService authorizationService;

    public TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.authorizationService = authorizationService;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    public void setUp() {
        ensure("Mes tâches", "Les tâches qui me sont attribuées", -10,
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"), Groups.STAFF);
        ensure("Tâches de mon équipe", "Les tâches des groupes dont je fais partie, attribuées ou non", -5,
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks(),
                Groups.STAFF);
        ensure("Devis en cours", "Devis envoyés dont l'acceptation est à enregistrer (S1), par échéance", 1,
                byKeys("Task_RecordSignature"), List.of(Groups.SALES, Groups.MANAGERS));
        ensure("Rétractations (particuliers)", "Contrats de particuliers dans le délai de 14 jours (W1)", 2,
                byKeys("Task_RecordWithdrawal"), List.of(Groups.SALES, Groups.MANAGERS));
        ensure("Acomptes à suivre", "Acomptes et règlements intégraux à encaisser (D1, P2-2025)", 3,
                byKeys("Task_CollectDeposit", "Task_CollectPrepayment"), List.of(Groups.ACCOUNTING, Groups.MANAGERS));
        ensure("Financements OPCO", "Décisions de prise en charge attendues des financeurs (O1, O2)", 4,
                byKeys("Task_RecordFundingDecision"), List.of(Groups.SALES, Groups.ACCOUNTING, Groups.MANAGERS));
        ensure("Sessions à préparer", "Reprogrammations et émargements (E1)", 5,
                byKeys("Task_RescheduleSession", "Task_RecordAttendance"), List.of(Groups.COORDINATION, Groups.MANAGERS));
        ensure("Décisions de la direction", "Acompte impayé (D2), règlement intégral absent (P2-2025), client en retard de paiement (L3), suite d'une mise en demeure (R1)", 6,
                byKeys("Task_DecideUnpaidDeposit", "Task_DecidePrepayment", "Task_DecideResolution", "Task_DecideSuspension"), List.of(Groups.MANAGERS));
        ensure("Recouvrement", "Mises en demeure à préparer et à suivre, lettres de résolution à envoyer (R1, R2)", 7,
                byKeys("Task_PrepareFormalNotice", "Task_FollowFormalNotice", "Task_SendResolutionLetter"),
                List.of(Groups.ACCOUNTING, Groups.MANAGERS));
        ensure("Demandes RGPD", "Réponses à envoyer aux personnes qui exercent leurs droits sur leurs données (G1)", 8,
                byKeys("Task_AnswerDataRequest"), List.of(Groups.DPO));
    }

    private TaskQuery byKeys(String... taskDefinitionKeys) {
        return taskService.createTaskQuery().taskDefinitionKeyIn(taskDefinitionKeys).orderByDueDate().asc();
    }

    /** Creates a filter for the task query, readable by the groups, unless a filter of that name exists. */
    public void ensure(String name, String description, int priority, TaskQuery query, List<String> groups) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name).setOwner(null);
        }
        // The app owns these filters and sets them at every start (a custom view is a filter of another name).
        filter.setQuery(query);
        filter.setProperties(Map.<String, Object>of("description", description, "priority", priority, "refresh", true,
                // shown on every task card: which contract, and where it stands, in French
                "variables", List.of(Map.of("name", "contractNumber", "label", "Contrat"),
                        Map.of("name", "stageLabel", "label", "Étape"))));
        filterService.saveFilter(filter);
        for (String group : groups) {
            boolean granted = authorizationService.createAuthorizationQuery()
                    .resourceType(Resources.FILTER).resourceId(filter.getId()).groupIdIn(group).count() > 0;
            if (!granted) {
                Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
                authorization.setGroupId(group);
                authorization.setResource(Resources.FILTER);
                authorization.setResourceId(filter.getId());
                authorization.addPermission(Permissions.READ);
                authorizationService.saveAuthorization(authorization);
            }
        }
    }
}
