package fr.lexom.contracts.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RedeliverMail (mail-failure): one more delivery of a FAILED mail; fails, and keeps the incident, while it cannot. */
@Component("redeliverMail")
class RedeliverMailDelegate implements JavaDelegate {

    private final OutboxSender sender;

    RedeliverMailDelegate(OutboxSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sender.redeliver(((Number) execution.getVariable("mailId")).longValue());
    }
}
