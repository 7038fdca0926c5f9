package fr.lexom.contracts.delivery;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.Participant;
import fr.lexom.contracts.delivery.AttendanceRecords.Entry;
import fr.lexom.contracts.delivery.HalfDays.HalfDay;
import fr.lexom.contracts.documents.DocumentInfo;
import fr.lexom.contracts.documents.DocumentKind;
import fr.lexom.contracts.documents.Documents;
import fr.lexom.contracts.participant.ParticipantLinkUrls;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed attendance sheet (« feuille d'émargement », E1, issue 23) of a contract's session, the proof a funder
 * pays on (O3): per day, each participant's signature of each half-day, or coordination's entry where it differs, the
 * trainer's countersignature, and beside each name a QR code of the participant's personal link, so that the sheet
 * printed for the room lets each one open their page. Absences change nothing to the price (C3). Rendered live from the
 * current facts for staff, and archived once with the funder's invoice it goes with: that copy leaves LEXOM, so it
 * prints no personal link (a link lets its holder sign and answer as the participant until it expires).
 */
@Component
public class AttendanceSheetDocument {

    static final String TEMPLATE = "attendance-sheet";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRANCE);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", Locale.FRANCE)
            .withZone(HalfDays.PARIS);

    /** One participant's line of a day: their name, the QR code of their link, and both half-days. */
    public record Line(String name, String qrCode, String morning, String afternoon) {
    }

    /** One day of the training: its half-days' hours, the participants' lines, the trainer's countersignatures. */
    public record Day(String label, String morningHours, String afternoonHours, List<Line> lines,
                      String morningCountersigned, String afternoonCountersigned) {
    }

    private final ContractService contracts;
    private final AttendanceRecords records;
    private final HalfDays halfDays;
    private final ParticipantLinkUrls links;
    private final Documents documents;

    AttendanceSheetDocument(ContractService contracts, AttendanceRecords records, HalfDays halfDays,
                            ParticipantLinkUrls links, Documents documents) {
        this.contracts = contracts;
        this.records = records;
        this.halfDays = halfDays;
        this.links = links;
        this.documents = documents;
    }

    public static String fileName(String contractNumber) {
        return "feuille-emargement-" + contractNumber + ".pdf";
    }

    /** The sheet as the facts stand now (not stored): for staff and the room, before, during and after the training. */
    public byte[] pdf(String contractNumber) {
        return documents.rendered(TEMPLATE, model(contracts.find(contractNumber), true));
    }

    /**
     * The sheet as the facts stand now, without the participants' QR codes (a link lets its holder act as the
     * participant): the copy given to someone outside the room, a funder or an auditor (issue 24).
     */
    public byte[] pdfWithoutLinks(String contractNumber) {
        return documents.rendered(TEMPLATE, model(contracts.find(contractNumber), false));
    }

    /** O3: the sheet that goes with the funder's invoice {@code invoiceNumber}, made once and kept with it. */
    @Transactional
    public DocumentInfo forFunderInvoice(String contractNumber, String invoiceNumber) {
        return documents.kept("attendance-sheet/" + invoiceNumber, contractNumber, DocumentKind.ATTENDANCE_SHEET,
                invoiceNumber, "Feuille d'émargement - contrat " + contractNumber + " (facture " + invoiceNumber + ")",
                fileName(contractNumber), TEMPLATE, () -> model(contracts.find(contractNumber), false));
    }

    /** {@code withLinks}: the QR code of each participant's personal link, for the room; never on a copy sent out. */
    Map<String, Object> model(ContractSummary contract, boolean withLinks) {
        Map<String, Object> model = new HashMap<>();
        model.put("contract", contract);
        model.put("trainer", records.trainer(contract.id()).map(t -> t.fullName()
                + (t.internal() ? " (formateur interne)" : " (formateur externe)")).orElse(null));
        model.put("days", days(contract, withLinks));
        model.put("withLinks", withLinks);
        return model;
    }

    private List<Day> days(ContractSummary contract, boolean withLinks) {
        List<Participant> participants = contracts.participants(contract.number());
        Map<Long, String> qrCodes = new HashMap<>();
        if (withLinks) {
            participants.forEach(p -> qrCodes.put(p.id(), QrCodes.pngDataUri(links.participantPage(p, contract))));
        }
        Map<String, Instant> signatures = records.signatures(contract.id());
        Map<String, Entry> entries = records.entries(contract.id());
        Map<String, Instant> countersignatures = records.countersignatures(contract.id());
        List<Day> days = new ArrayList<>();
        for (LocalDate day = contract.startsOn(); !day.isAfter(contract.endsOn()); day = day.plusDays(1)) {
            HalfDay morning = halfDays.of(day, "AM");
            HalfDay afternoon = halfDays.of(day, "PM");
            List<Line> lines = new ArrayList<>();
            for (Participant p : participants) {
                lines.add(new Line(p.fullName(), qrCodes.get(p.id()), cell(p, morning, signatures, entries),
                        cell(p, afternoon, signatures, entries)));
            }
            days.add(new Day(DAY.format(day), morning.hours(), afternoon.hours(), lines,
                    countersigned(countersignatures.get(AttendanceRecords.key(day, "AM"))),
                    countersigned(countersignatures.get(AttendanceRecords.key(day, "PM")))));
        }
        return days;
    }

    private static String cell(Participant p, HalfDay half, Map<String, Instant> signatures, Map<String, Entry> entries) {
        String key = AttendanceRecords.key(p.id(), half.day(), half.half());
        return cell(signatures.get(key), entries.get(key));
    }

    /**
     * One participant's half-day: signed (and not overridden), or coordination's entry where there is no signature or
     * it says absent (the attendance of record, which {@code attendance.corrected} flags), or nothing yet.
     */
    static String cell(Instant signedAt, Entry entry) {
        String by = entry == null || entry.recordedBy() == null ? "la coordination" : entry.recordedBy();
        if (entry != null && !entry.present()) {
            return signedAt == null ? "Absent" : "Absent (signature annulée par " + by + ")";
        }
        if (signedAt != null) {
            return "Signé le " + MOMENT.format(signedAt);
        }
        return entry == null ? "" : "Présent (saisi par " + by + ")";
    }

    private static String countersigned(Instant at) {
        return at == null ? "" : "Contresigné le " + MOMENT.format(at);
    }
}
