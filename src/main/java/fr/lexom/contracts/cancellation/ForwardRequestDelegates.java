package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.contract.FormReader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The start forms "Demande d'annulation ou de report" and "Annulation ou report par LEXOM": forwarded to the contract. */
@Configuration(proxyBeanMethods = false)
class ForwardRequestDelegates {

    @Bean("forwardClientRequest")
    JavaDelegate forwardClientRequest(ContractRequests requests) {
        return execution -> {
            FormReader form = new FormReader(execution.getVariables());
            String number = number(form);
            String kind = form.required("requestKind", "la nature de la demande", 20);
            form.date("requestReceivedOn", "la date de réception de la demande");
            form.check();
            Map<String, Object> request = new HashMap<>();
            request.put("requestKind", kind);
            request.put("requestReceivedOn", form.text("requestReceivedOn"));
            request.put("requestedStartDate", form.text("requestedStartDate"));
            requests.clientRequest(number, request);
            execution.setProcessBusinessKey(number);
        };
    }

    @Bean("forwardLexomDecision")
    JavaDelegate forwardLexomDecision(ContractRequests requests) {
        return execution -> {
            FormReader form = new FormReader(execution.getVariables());
            String number = number(form);
            String decision = form.required("lexomDecision", "la décision", 20);
            form.check();
            Map<String, Object> variables = new HashMap<>();
            variables.put("lexomDecision", decision);
            variables.put("lexomReason", form.text("lexomReason"));
            variables.put("newStartDate", form.text("newStartDate"));
            variables.put("newEndDate", form.text("newEndDate"));
            requests.lexomDecision(number, variables);
            execution.setProcessBusinessKey(number);
        };
    }

    private static String number(FormReader form) {
        String number = form.required("contractNumber", "le numéro du contrat", 30);
        return number == null ? null : number.trim().toUpperCase(Locale.ROOT);
    }

}
