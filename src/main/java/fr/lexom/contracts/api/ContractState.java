package fr.lexom.contracts.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

/** Where a contract stands, for other systems: stage, open tasks, invoices with what is due, timeline. */
record ContractState(
        String number,
        String stage,
        String cgvEdition,
        Client client,
        Training training,
        LocalDate startsOn,
        LocalDate endsOn,
        BigDecimal priceNet,
        BigDecimal vatAmount,
        BigDecimal priceGross,
        LocalDate quoteValidUntil,
        LocalDate acceptedOn,
        String funder,
        List<OpenTask> openTasks,
        List<InvoiceView> invoices,
        /** What the client still owes on this contract's invoices (billing.Owed): cancelled ones and credit notes owe nothing. */
        BigDecimal totalOutstanding,
        /** What LEXOM wrote off (collection given up): a loss, no longer outstanding. */
        BigDecimal totalWrittenOff,
        /** What was paid beyond the invoices' amounts: credits to refund, never counted as a negative amount due. */
        BigDecimal totalExcess,
        BigDecimal interestAccrued,
        BigDecimal indemnitiesDue,
        List<Event> timeline) {

    record Client(String name, String kind, String country) {
    }

    record Training(String reference, String title) {
    }

    record OpenTask(String key, String name, Date due) {
    }

    record InvoiceView(String number, String kind, LocalDate issuedOn, LocalDate dueOn, BigDecimal net, BigDecimal vat,
                       BigDecimal gross, BigDecimal paid, BigDecimal outstanding, BigDecimal writtenOff, BigDecimal excess,
                       String status,
                       List<Line> lines) {
    }

    record Line(String label, BigDecimal net, String ruleId) {
    }

    record Event(OffsetDateTime at, String kind, String detail, String actor) {
    }
}
