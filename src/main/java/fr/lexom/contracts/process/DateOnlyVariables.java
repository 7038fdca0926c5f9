package fr.lexom.contracts.process;

import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Contracts started before the date-only facts became days ({@link ContractVariables#day}) hold their signature day
 * and start day as java.util.Date at midnight in Paris, which a browser in UTC shows as the day before. At every start,
 * such a variable is written again as the day it stands for, in Paris; once done, the query finds nothing to change.
 */
@Component
public class DateOnlyVariables {

    private static final Logger LOG = LoggerFactory.getLogger(DateOnlyVariables.class);

    private final RuntimeService runtimeService;
    private final Clock clock;

    public DateOnlyVariables(RuntimeService runtimeService, Clock clock) {
        this.runtimeService = runtimeService;
        this.clock = clock;
    }

    /** Rewrites every Date-typed signedOn and startDate of a running process as its day; returns how many. */
    @EventListener(ApplicationReadyEvent.class)
    public int rewriteDatesAsDays() {
        int rewritten = 0;
        for (VariableInstance variable : runtimeService.createVariableInstanceQuery()
                .variableNameIn(ContractVariables.SIGNED_ON, ContractVariables.START_DATE).disableBinaryFetching().list()) {
            if (variable.getValue() instanceof Date date) {
                try {
                    runtimeService.setVariableLocal(variable.getExecutionId(), variable.getName(),
                            ContractVariables.day(date.toInstant().atZone(clock.getZone()).toLocalDate()));
                    rewritten++;
                } catch (ProcessEngineException e) { // the instance moved on meanwhile: done at the next start
                    LOG.warn("Could not rewrite {} of execution {} as a day: {}", variable.getName(),
                            variable.getExecutionId(), e.getMessage());
                }
            }
        }
        if (rewritten > 0) {
            LOG.info("{} date-only process variable(s) (signedOn, startDate) rewritten as days (yyyy-MM-dd)", rewritten);
        }
        return rewritten;
    }
}
