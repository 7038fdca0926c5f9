package fr.lexom.contracts.documents;

import fr.lexom.contracts.billing.Amounts;
import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.RecoveryIndemnity;
import fr.lexom.contracts.collection.CollectionFigures;
import fr.lexom.contracts.collection.CollectionService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.Participant;
import fr.lexom.contracts.participant.EvaluationAnswers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The PDF documents of a contract, each made once and kept with the contract (table {@code document}): the quote
 * standing as training agreement (Q2, D6353-1), invoices and credit notes as Factur-X, completion certificates
 * (E1) and formal notices (R1, R2). Each method returns the stored document if there is one, else renders and
 * stores it in the caller's transaction.
 */
@Service
public class Documents {

    private final DocumentStore store;
    private final DocumentFacts facts;
    private final PdfRenderer renderer;
    private final FacturX facturX;
    private final ContractService contracts;
    private final InvoiceService invoices;
    private final CollectionService collection;
    private final EvaluationAnswers evaluations;

    Documents(DocumentStore store, DocumentFacts facts, PdfRenderer renderer, FacturX facturX, ContractService contracts,
              InvoiceService invoices, CollectionService collection, EvaluationAnswers evaluations) {
        this.store = store;
        this.facts = facts;
        this.renderer = renderer;
        this.facturX = facturX;
        this.contracts = contracts;
        this.invoices = invoices;
        this.collection = collection;
        this.evaluations = evaluations;
    }

    /** Q2: the quote with the content of a training agreement (Code du travail D6353-1). */
    @Transactional
    public DocumentInfo quote(String contractNumber) {
        ContractSummary contract = contracts.find(contractNumber);
        return store.getOrCreate("quote/" + contractNumber, contractNumber, DocumentKind.QUOTE, contractNumber,
                "Devis " + contractNumber + " valant convention de formation", "Devis-" + contractNumber + ".pdf",
                () -> renderer.pdf("quote", quoteModel(contract)));
    }

    /** An invoice or credit note as Factur-X (PDF/A-3 with its EN 16931 XML). */
    @Transactional
    public DocumentInfo invoice(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber)
                .orElseThrow(() -> new IllegalArgumentException("Unknown invoice " + invoiceNumber));
        boolean creditNote = invoice.kind() == InvoiceKind.CREDIT_NOTE;
        String label = creditNote ? "Avoir" : "Facture";
        return store.getOrCreate("invoice/" + invoiceNumber, invoice.contractNumber(),
                creditNote ? DocumentKind.CREDIT_NOTE : DocumentKind.INVOICE, invoiceNumber, label + " " + invoiceNumber,
                label + "-" + invoiceNumber + ".pdf", () -> {
                    Map<String, Object> model = invoiceModel(invoice);
                    return facturX.embed(renderer.pdf("invoice", model), facturX.xml(model));
                });
    }

    /** E1: the end-of-training certificate of one participant, with the objectives, the assessment and attendance. */
    @Transactional
    public DocumentInfo certificate(String contractNumber, Participant participant) {
        ContractSummary contract = contracts.find(contractNumber);
        return store.getOrCreate("certificate/" + contractNumber + "/participant-" + participant.id(), contractNumber,
                DocumentKind.CERTIFICATE, contractNumber, "Attestation de fin de formation - " + participant.fullName(),
                "Attestation-" + contractNumber + "-" + fileSafe(participant.lastName()) + "-" + participant.id() + ".pdf",
                () -> renderer.pdf("certificate", certificateModel(contract, participant)));
    }

    /** R1, R2: the formal notice of an unpaid invoice, citing the resolution clause (CGV 4.7), eight days to pay. */
    @Transactional
    public DocumentInfo formalNotice(CollectionFigures figures, LocalDate deadline, int occurrence, String mediator) {
        Invoice invoice = figures.invoice();
        ContractSummary contract = contracts.find(invoice.contractNumber());
        return store.getOrCreate("formal-notice/" + invoice.number() + "/" + occurrence, contract.number(),
                DocumentKind.FORMAL_NOTICE, invoice.number(), "Mise en demeure - facture " + invoice.number(),
                "Mise-en-demeure-" + invoice.number() + (occurrence > 1 ? "-" + occurrence : "") + ".pdf", () -> {
                    Map<String, Object> model = baseModel(contract);
                    model.put("invoice", invoice);
                    model.put("figures", figures);
                    model.put("deadline", deadline);
                    model.put("sentOn", figures.asOf());
                    model.put("consumer", !contract.clientKind().isLegalPerson());
                    model.put("mediator", mediator);
                    return renderer.pdf("formal-notice", model);
                });
    }

    /**
     * A document made elsewhere from its template ({@code documents/TEMPLATE.html}), like every other one (fonts, PDF/A,
     * company identity): the one stored under {@code dedupKey}, or the one {@code model} renders now, stored in this
     * transaction.
     */
    @Transactional
    public DocumentInfo kept(String dedupKey, String contractNumber, DocumentKind kind, String reference, String title,
                             String fileName, String template, Supplier<Map<String, Object>> model) {
        return store.getOrCreate(dedupKey, contractNumber, kind, reference, title, fileName,
                () -> renderer.pdf(template, model.get()));
    }

    /** A document rendered now from its template and not stored (a live view of changing facts). */
    public byte[] rendered(String template, Map<String, Object> model) {
        return renderer.pdf(template, model);
    }

    /** A document template rendered as the HTML the PDF is made from, for a page read in a browser (evidence index). */
    public String renderedHtml(String template, Map<String, Object> model) {
        return renderer.html(template, model);
    }

    public List<DocumentInfo> ofContract(String contractNumber) {
        return store.ofContract(contractNumber);
    }

    public Optional<DocumentInfo> find(long id) {
        return store.find(id);
    }

    public Optional<DocumentContent> content(long id) {
        return store.content(id);
    }

    PdfRenderer renderer() {
        return renderer;
    }

    FacturX facturX() {
        return facturX;
    }

    /** The HTML a document is rendered from, for tests and previews. */
    String html(String template, Map<String, Object> model) {
        return renderer.html(template, model);
    }

    private Map<String, Object> baseModel(ContractSummary contract) {
        Map<String, Object> model = new HashMap<>();
        model.put("contract", contract);
        model.put("client", facts.client(contract.number()));
        model.put("training", facts.training(contract.number()));
        model.put("objectives", contracts.objectives(contract.number()));
        return model;
    }

    Map<String, Object> quoteModel(ContractSummary contract) {
        Map<String, Object> model = baseModel(contract);
        model.put("participants", contracts.participants(contract.number()));
        model.put("deposit", Amounts.percentOf(contract.priceGross(), InvoiceService.DEPOSIT_PERCENT));
        model.put("legacy", contract.cgvEdition().name().equals("CGV_LEGACY"));
        model.put("individual", !contract.clientKind().isLegalPerson());
        return model;
    }

    Map<String, Object> invoiceModel(Invoice invoice) {
        ContractSummary contract = contracts.find(invoice.contractNumber());
        Map<String, Object> model = baseModel(contract);
        DocumentFacts.InvoiceExtras extras = facts.invoiceExtras(invoice.id());
        Optional<DocumentFacts.Party> funder = invoice.billedToFunder() ? facts.funderOfInvoice(invoice.id()) : Optional.empty();
        DocumentFacts.Party buyer = funder.orElse(facts.client(contract.number()));
        boolean creditNote = invoice.kind() == InvoiceKind.CREDIT_NOTE;
        String vatCategory = extras.vatRate().signum() > 0 ? "S" : extras.vatExempt() ? "E" : "O";
        model.put("invoice", invoice);
        model.put("extras", extras);
        model.put("lines", extras.lines());
        model.put("buyer", buyer);
        model.put("toFunder", funder.isPresent());
        model.put("creditNote", creditNote);
        model.put("typeCode", creditNote ? "381" : invoice.kind() == InvoiceKind.DEPOSIT ? "386" : "380");
        model.put("title", creditNote ? "Avoir" : invoice.kind() == InvoiceKind.DEPOSIT ? "Facture d'acompte" : "Facture");
        model.put("vatCategory", vatCategory);
        // flags for the templates (OGNL reads 'S' as a char, not a string)
        model.put("vatS", vatCategory.equals("S"));
        model.put("vatE", vatCategory.equals("E"));
        model.put("vatO", vatCategory.equals("O"));
        model.put("agreementReference", facts.fundingAgreement(contract.number()).orElse(null));
        model.put("lateRate", lateRate(invoice.issuedOn()));
        model.put("indemnity", buyer.legalPerson() ? RecoveryIndemnity.AMOUNT : null);
        return model;
    }

    /** L1: the rate in force for the half-year of the invoice's date, or null when the rates table lacks it. */
    private BigDecimal lateRate(LocalDate on) {
        try {
            return collection.lateInterestRateOn(on);
        } catch (IllegalStateException missingRate) {
            return null; // the invoice then states the rule (ECB + 10 points, at least 3 x the legal rate) without a figure
        }
    }

    Map<String, Object> certificateModel(ContractSummary contract, Participant participant) {
        Map<String, Object> model = baseModel(contract);
        DocumentFacts.Training training = (DocumentFacts.Training) model.get("training");
        int[] halfDays = facts.halfDays(participant.id());
        model.put("participant", participant);
        // E1 (issue 23, item 4): the participant's hot self-assessment of each objective, if they answered by now
        model.put("selfAssessments", evaluations.hotSelfAssessments(participant.id()));
        model.put("halfDaysPresent", halfDays[0]);
        model.put("halfDaysRecorded", halfDays[1]);
        // a half-day is half of a day of the catalogue (14 h over 2 days: 3.5 h), as the BPF counts it too
        model.put("hoursAttended", halfDays[1] == 0 ? training.durationHours()
                : fr.lexom.contracts.delivery.TrainingHours.of(halfDays[0], training.durationHours(), training.durationDays())
                .stripTrailingZeros());
        return model;
    }

    private static String fileSafe(String text) {
        String ascii = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
