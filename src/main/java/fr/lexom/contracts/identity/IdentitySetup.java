package fr.lexom.contracts.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The staff groups and what each may do, in every environment (users themselves are managed in Admin,
 * or created by the demo profile). Idempotent: run at every start, it only adds what is missing.
 *
 * <p>Task visibility comes from the models: a task's candidate group is granted READ and TASK_WORK on it
 * by the engine. Staff read the running contracts (task cards show their number and stage). Managers read
 * every process instance and its history (what Cockpit shows) and may retry failed jobs and suspend instances;
 * nobody but the administrators deploys. Their UPDATE permissions would also let them modify instances, send them
 * messages or edit their variables: the engine guard (fr.lexom.contracts.security.EngineGuard) keeps those for
 * administrators, whatever an authorization says.
 */
@Component
public class IdentitySetup {

    private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;

    public IdentitySetup(IdentityService identityService, AuthorizationService authorizationService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void setUp() {
        for (String groupId : Groups.STAFF) {
            ensureGroup(groupId);
            grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // Names of colleagues and groups in Tasklist (assignee, candidate groups).
            grant(groupId, Resources.USER, "*", Permissions.READ);
            grant(groupId, Resources.GROUP, "*", Permissions.READ);
            // READ_INSTANCE: the contract number and stage on every task card (Tasklist reads the instance's
            // variables); staff read contracts, they do not change or delete instances.
            grant(groupId, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE,
                    // task comments and history in Tasklist read the historic task
                    ProcessDefinitionPermissions.READ_HISTORY);
            // the "Historique" tab of a task in Tasklist (claims, assignments, completions)
            grant(groupId, Resources.OPERATION_LOG_CATEGORY, "TaskWorker", UserOperationLogCategoryPermissions.READ);
        }
        // The technical group allowed through /engine-rest (config/RestAuthenticationConfig); no authorization of its own.
        ensureGroup(Groups.ENGINE_API);
        // Sales start quotes from the "Nouveau devis" start form.
        grant(Groups.SALES, Resources.PROCESS_DEFINITION, "training-contract", ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Groups.SALES, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        // Sales record a client's written cancellation or postponement request; managers LEXOM's own decisions.
        grant(Groups.SALES, Resources.PROCESS_DEFINITION, "client-request", ProcessDefinitionPermissions.CREATE_INSTANCE);
        // Accounting records payments from the "Enregistrer un paiement" start form.
        grant(Groups.ACCOUNTING, Resources.PROCESS_DEFINITION, "payment-recording", ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Groups.ACCOUNTING, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);

        // The DPO answers requests about personal data from the "Demande RGPD" start form (G1).
        grant(Groups.DPO, Resources.PROCESS_DEFINITION, "personal-data-request", ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Groups.DPO, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);

        // Managers follow every contract in Cockpit and take the decisions the CGV leaves to LEXOM.
        grant(Groups.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, "*",
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
                ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.UPDATE_TASK);
        grant(Groups.MANAGERS, Resources.PROCESS_INSTANCE, "*",
                ProcessInstancePermissions.READ, ProcessInstancePermissions.CREATE, ProcessInstancePermissions.UPDATE,
                ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.SUSPEND,
                ProcessInstancePermissions.UPDATE_VARIABLE);
        grant(Groups.MANAGERS, Resources.TASK, "*", TaskPermissions.READ, TaskPermissions.UPDATE,
                TaskPermissions.READ_HISTORY);
        grant(Groups.MANAGERS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(Groups.MANAGERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
        grant(Groups.MANAGERS, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(Groups.MANAGERS, Resources.HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ);
        grant(Groups.MANAGERS, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ);
        LOG.info("Groups and authorizations ready for {}", Groups.STAFF);
    }

    private void ensureGroup(String groupId) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName(Groups.displayName(groupId));
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .list().stream().findFirst().orElse(null);
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = authorization.getId() == null;
        for (Permission permission : List.of(permissions)) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }
}
