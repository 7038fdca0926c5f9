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

/**
 * Tasklist filters, in French, shared with the groups that use them. Created once; a filter a manager
 * edited in Tasklist is left as it is.
 */
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
    }

    /** Creates a filter for the task query, readable by the groups, unless a filter of that name exists. */
    public void ensure(String name, String description, int priority, TaskQuery query, List<String> groups) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name)
                    .setOwner(null)
                    .setQuery(query)
                    .setProperties(Map.<String, Object>of("description", description, "priority", priority, "refresh", true));
            filterService.saveFilter(filter);
        }
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
