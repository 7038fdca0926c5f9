package fr.lexom.contracts.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The skeleton the real lifecycle is compared with: a process shaped like the lifecycle the benchmark drives, made
 * from the path one real lifecycle took (its history, in order) and the real models. Every activity of that path is
 * there, with the same id and the same asynchronous continuations; user tasks with the same candidate groups and
 * the same boundary timers and messages; the same event subprocesses; the invoice collection as a second process
 * instance started inside the hand-over job, as the real one is, and closing the contract by the same message. The
 * delegates do nothing: no domain tables, no documents, no mail, no variables. What the real lifecycle costs
 * beyond the skeleton is what the app adds to the engine.
 */
final class LifecycleSkeleton {

    static final String CONTRACT = "benchmark-skeleton";
    static final String COLLECTION = "benchmark-skeleton-collection";
    /** The real activity that starts the collection, and the collection's activity that closes the contract. */
    static final String HAND_OVER = "Task_HandOverToCollection";
    static final String CLOSE_PAID = "Task_ClosePaid";
    private static final String NOOP = "${true}";
    private static final String NEVER = "P3650D";

    /** A wait state of the path, in the order the skeleton reaches it. */
    record Step(Kind kind, String activityId, String message) {
    }

    enum Kind { USER_TASK, TIMER, MESSAGE }

    /** The wait states of the contract's path, then the collection's, as the driver must resolve them. */
    final List<Step> script = new ArrayList<>();
    /** Asynchronous continuations per lifecycle, as in the real path. */
    int asyncSteps;
    private String settledMessage;

    /** Deploys the two skeleton processes from the paths of one real contract and its collection. */
    void deploy(ProcessEngine engine, String contractInstanceId, String collectionInstanceId) {
        BpmnModelInstance contract = build(engine, CONTRACT, contractInstanceId);
        BpmnModelInstance collection = build(engine, COLLECTION, collectionInstanceId);
        engine.getRepositoryService().createDeployment().name("benchmark-skeleton")
                .addModelInstance(CONTRACT + ".bpmn", contract)
                .addModelInstance(COLLECTION + ".bpmn", collection)
                .enableDuplicateFiltering(false).deploy();
        Hooks.settledMessage = settledMessage;
        // sales start it as they start a quote: the same authorization checks
        var authorizations = engine.getAuthorizationService();
        var grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId("sales");
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId(CONTRACT);
        grant.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
        authorizations.saveAuthorization(grant);
    }

    private BpmnModelInstance build(ProcessEngine engine, String key, String realInstanceId) {
        List<HistoricActivityInstance> path = engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(realInstanceId).orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc().list();
        String definitionId = path.get(0).getProcessDefinitionId();
        BpmnModelInstance real = engine.getRepositoryService().getBpmnModelInstance(definitionId);
        // The start event and the user tasks keep the real ones' Camunda Forms (the latest deployed, by key): the engine
        // guard lets a form carry its own fields only, and reads them for the skeleton as for the real lifecycle.
        var realStart = real.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.StartEvent.class).stream()
                .filter(e -> e.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process)
                .findFirst().orElseThrow();
        var startEvent = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent();
        if (realStart.getCamundaFormRef() != null) {
            startEvent = startEvent.camundaFormRef(realStart.getCamundaFormRef()).camundaFormRefBinding("latest");
        }
        AbstractFlowNodeBuilder<?, ?> b = startEvent;
        Map<String, Integer> seen = new HashMap<>();
        List<String[]> deferred = new ArrayList<>(); // [kind, attachedTo/gateway id, message or null, interrupting]
        for (HistoricActivityInstance done : path) {
            String type = done.getActivityType();
            if (type.equals("startEvent") || type.endsWith("EndEvent") || type.equals("boundaryTimer")
                    || type.startsWith("boundary")) {
                continue;
            }
            int occurrence = seen.merge(done.getActivityId(), 1, Integer::sum);
            String id = occurrence == 1 ? done.getActivityId() : done.getActivityId() + "_" + occurrence;
            FlowNode node = real.getModelElementById(done.getActivityId());
            switch (type) {
                case "userTask" -> {
                    UserTask task = (UserTask) node;
                    var userTask = b.userTask(id).camundaCandidateGroups(task.getCamundaCandidateGroups());
                    b = task.getCamundaFormRef() == null ? userTask
                            : userTask.camundaFormRef(task.getCamundaFormRef()).camundaFormRefBinding("latest");
                    script.add(new Step(Kind.USER_TASK, id, null));
                    boundaries(real, done.getActivityId(), id, deferred);
                }
                case "receiveTask" -> {
                    String message = "Skel_" + ((ReceiveTask) node).getMessage().getName();
                    b = b.receiveTask(id).message(message);
                    settledMessage = message;
                    boundaries(real, done.getActivityId(), id, deferred);
                }
                case "intermediateTimer" -> {
                    b = b.intermediateCatchEvent(id).timerWithDuration("P30D");
                    script.add(new Step(Kind.TIMER, id, null));
                }
                case "intermediateMessageCatch" -> {
                    String message = "Skel_" + messageOf(node);
                    b = b.intermediateCatchEvent(id).message(message);
                    script.add(new Step(Kind.MESSAGE, id, message));
                }
                case "exclusiveGateway" -> b = b.exclusiveGateway(id);
                case "parallelGateway" -> b = b.parallelGateway(id);
                case "eventBasedGateway" -> {
                    b = b.eventBasedGateway().id(id);
                    // the other events the real gateway waits for: they subscribe and never fire
                    for (SequenceFlow out : node.getOutgoing()) {
                        FlowNode target = out.getTarget();
                        boolean taken = path.stream().anyMatch(a -> a.getActivityId().equals(target.getId()));
                        if (!taken) {
                            String message = target.getChildElementsByType(MessageEventDefinition.class).isEmpty() ? null
                                    : "Skel_" + messageOf(target);
                            deferred.add(new String[] {"gateway", id, message, "true"});
                        }
                    }
                }
                default -> {
                    // service, send, script and business rule tasks: a no-op with the same continuations
                    var task = id.equals(HAND_OVER) ? b.serviceTask(id).camundaExpression("${skeletonHooks.startCollection(execution)}")
                            : id.equals(CLOSE_PAID) ? b.serviceTask(id).camundaExpression("${skeletonHooks.settle(execution)}")
                            : b.serviceTask(id).camundaExpression(NOOP);
                    if (node.isCamundaAsyncBefore()) {
                        task = task.camundaAsyncBefore();
                        asyncSteps++;
                    }
                    if (node.isCamundaAsyncAfter()) {
                        task = task.camundaAsyncAfter();
                        asyncSteps++;
                    }
                    b = task;
                }
            }
        }
        b = b.endEvent();
        for (String[] d : deferred) {
            AbstractFlowNodeBuilder<?, ?> from = d[0].equals("gateway") ? b.moveToNode(d[1])
                    : b.moveToActivity(d[1]).boundaryEvent().cancelActivity(Boolean.parseBoolean(d[3]));
            if (d[2] == null) {
                from = d[0].equals("gateway") ? from.intermediateCatchEvent().timerWithDuration(NEVER)
                        : ((org.camunda.bpm.model.bpmn.builder.BoundaryEventBuilder) from).timerWithDuration(NEVER);
            } else {
                from = d[0].equals("gateway") ? from.intermediateCatchEvent().message(d[2])
                        : ((org.camunda.bpm.model.bpmn.builder.BoundaryEventBuilder) from).message(d[2]);
            }
            b = from.endEvent();
        }
        BpmnModelInstance skeleton = b.done();
        // the event subprocesses of the real process (client requests, LEXOM's decisions...): the same subscriptions
        Process realProcess = (Process) real.getModelElementsByType(Process.class).iterator().next();
        Process process = skeleton.getModelElementById(key);
        for (SubProcess sub : realProcess.getChildElementsByType(SubProcess.class)) {
            if (!sub.triggeredByEvent()) {
                continue;
            }
            for (StartEvent start : sub.getChildElementsByType(StartEvent.class)) {
                if (start.getEventDefinitions().stream().anyMatch(e -> e instanceof MessageEventDefinition)) {
                    process.builder().eventSubProcess(sub.getId()).startEvent().interrupting(start.isInterrupting())
                            .message("Skel_" + messageOf(start)).endEvent();
                }
            }
        }
        return skeleton;
    }

    private static void boundaries(BpmnModelInstance real, String realId, String id, List<String[]> deferred) {
        for (BoundaryEvent boundary : real.getModelElementsByType(BoundaryEvent.class)) {
            if (!boundary.getAttachedTo().getId().equals(realId)) {
                continue;
            }
            for (EventDefinition definition : boundary.getEventDefinitions()) {
                if (definition instanceof TimerEventDefinition) {
                    deferred.add(new String[] {"boundary", id, null, String.valueOf(boundary.cancelActivity())});
                } else if (definition instanceof MessageEventDefinition message) {
                    deferred.add(new String[] {"boundary", id, "Skel_" + message.getMessage().getName(),
                            String.valueOf(boundary.cancelActivity())});
                }
            }
        }
    }

    private static String messageOf(FlowNode node) {
        return node.getChildElementsByType(MessageEventDefinition.class).iterator().next().getMessage().getName();
    }

    /** The message the collection sends to the contract when its invoice is paid. */
    String settledMessage() {
        return settledMessage;
    }

    /** What the skeleton's hand-over and close steps do: the engine calls the real ones make, nothing else. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Hooks {

        static volatile String settledMessage;

        @Bean
        SkeletonHooks skeletonHooks(@Lazy ProcessEngine engine) {
            return new SkeletonHooks(engine);
        }
    }

    public static final class SkeletonHooks {
        private final ProcessEngine engine;

        SkeletonHooks(ProcessEngine engine) {
            this.engine = engine;
        }

        public boolean startCollection(DelegateExecution execution) {
            engine.getRuntimeService().startProcessInstanceByKey(COLLECTION, execution.getProcessBusinessKey());
            return true;
        }

        public boolean settle(DelegateExecution execution) {
            engine.getRuntimeService().createMessageCorrelation(Hooks.settledMessage)
                    .processInstanceBusinessKey(execution.getProcessBusinessKey()).correlate();
            return true;
        }
    }
}
