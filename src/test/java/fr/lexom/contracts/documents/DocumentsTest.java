package fr.lexom.contracts.documents;

import static fr.lexom.contracts.documents.PdfText.embeddedFile;
import static fr.lexom.contracts.documents.PdfText.text;
import static fr.lexom.contracts.documents.PdfText.validateAgainstCiiSchema;
import static fr.lexom.contracts.documents.PdfText.xmpMetadata;
import static fr.lexom.contracts.documents.PdfText.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.notification.LetterFormat;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.mustangproject.ZUGFeRD.ZUGFeRDInvoiceImporter;
import org.mustangproject.ZUGFeRD.TransactionCalculator;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The documents a contract produces, read back as their reader would: the text of each PDF (mandatory mentions,
 * amounts), and for invoices the embedded Factur-X XML, validated against the CII schema and the EN 16931 rules
 * that concern our invoices, and re-read by Mustang.
 */
@IntegrationTest
class DocumentsTest extends ProcessTestSupport {

    @Autowired
    Documents documents;
    @Autowired
    InvoiceService invoices;
    @Autowired
    DocumentStore store;

    final LetterFormat fmt = new LetterFormat();

    @Test
    void theQuoteMailCarriesTheQuoteStandingAsTrainingAgreementWithTheContentOfD6353_1_Q2() {
        LocalDate start = today().plusMonths(2);
        ProcessInstance instance = startQuote(QuoteForms.company(start));
        executeDueJobs(instance);
        String number = contractNumber(instance);

        List<DocumentInfo> attached = attachments(number, "quote");
        assertThat(attached).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DocumentKind.QUOTE);
            assertThat(d.fileName()).isEqualTo("Devis-" + number + ".pdf");
        });
        String text = text(bytes(attached.get(0)));
        assertThat(text).contains(
                "Devis n° " + number + " valant convention de formation",
                "Code du travail",
                // D6353-1: title and reference, objectives, dates, place and modality, duration in days and hours
                "La Relation Client par écrit - emails et courriers", "RCL-APPL-03", "Choisir le bon courrier écrit",
                "du " + fmt.date(start) + " au " + fmt.date(start.plusDays(1)), "En présentiel - LEXOM Aubenas",
                "2 jour(s), soit 14 heures",
                // number and names of participants, billing address
                "Participants 2 : Anne Dupont, Luc Martin", "Transports Vivarais SAS", "12 avenue de la Gare", "07200 Aubenas",
                // price, deposit and payment terms, validity
                "Prix de la formation HT 2 400,00 €", "TVA 20 % 480,00 €", "Prix total TTC 2 880,00 €",
                "30 % du prix TTC, soit 864,00 €", "payable à réception de la facture",
                "valable jusqu'au " + fmt.date(today().plusDays(30)),
                // the organisation and its declaration; the 2025 edition's acceptance rule and fees
                "SIREN 000000000", "Déclaration d'activité n° 84070000007", "y compris par voie électronique",
                "30 % du prix total", "Moins de 30 jours calendaires");
        assertThat(text).doesNotContain("BON POUR ACCORD", "Droit de rétractation");
    }

    @Test
    void anIndividualsLegacyQuoteStatesTheWithdrawalRightAndBonPourAccord_W1_W2_S1_LEGACY() {
        Map<String, Object> form = QuoteForms.individual(today().plusMonths(2));
        form.put("cgvEdition", "CGV_LEGACY");
        ProcessInstance instance = startQuote(form);
        executeDueJobs(instance);
        String text = text(bytes(documents.quote(contractNumber(instance))));
        assertThat(text).contains("Droit de rétractation", "quatorze jours", "L6353-6", "BON POUR ACCORD",
                "15 jours ou plus avant le début", "CNPM");
        assertThat(text).doesNotContain("cachet", "indemnité forfaitaire pour frais de recouvrement");
    }

    @Test
    void theDepositInvoiceIsFacturXWithEveryMandatoryMention_D1_L1_L2() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        Invoice deposit = invoices.existing(number, InvoiceKind.DEPOSIT).orElseThrow();

        List<DocumentInfo> attached = attachments(number, "deposit-request");
        assertThat(attached).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DocumentKind.INVOICE);
            assertThat(d.reference()).isEqualTo(deposit.number());
        });
        byte[] pdf = bytes(attached.get(0));
        assertThat(text(pdf)).contains(
                "Facture d'acompte n° " + deposit.number(), "LEXOM", "SIREN 000000000", "N° TVA intracommunautaire FR12000000000",
                "5 rue Jean Jaurès, 07200 Aubenas", "FACTURÉ À", "Transports Vivarais SAS", "12 avenue de la Gare",
                "Date d'émission " + fmt.date(today()), "Échéance " + fmt.date(today()), "Paiement À réception",
                "Prestation de services", "Acompte de 30 % du prix TTC", "D1", "Total HT 720,00 €", "TVA 20 % 144,00 €",
                "Total TTC - net à payer 864,00 €", "Pas d'escompte pour paiement anticipé",
                // L1 at the rate of the half-year (max(2.15 % + 10, 3 x 2.62 %) = 12.15 %) and the L2 indemnity
                "au taux annuel de 12,15 %", "indemnité forfaitaire pour frais de recouvrement de 40,00 €",
                "IBAN FR76 3000 6000 0112 3456 7890 189");

        assertThat(xmpMetadata(pdf)).contains("pdfaid", "3", "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#", "EN 16931");
        String xml = embeddedFile(pdf, "factur-x.xml");
        assertThat(xml).isNotNull();
        validateAgainstCiiSchema(xml);
        assertThat(cii(xml, "GuidelineSpecifiedDocumentContextParameter/*[local-name()='ID']")).isEqualTo("urn:cen.eu:en16931:2017");
        assertThat(cii(xml, "ExchangedDocument/*[local-name()='ID']")).isEqualTo(deposit.number());
        assertThat(cii(xml, "ExchangedDocument/*[local-name()='TypeCode']")).isEqualTo("386"); // prepayment invoice
        assertThat(cii(xml, "SellerTradeParty/*[local-name()='SpecifiedLegalOrganization']/*[local-name()='ID']")).isEqualTo("000000000");
        assertThat(cii(xml, "SellerTradeParty/*[local-name()='SpecifiedTaxRegistration']/*[local-name()='ID']")).isEqualTo("FR12000000000");
        assertThat(cii(xml, "BuyerTradeParty/*[local-name()='Name']")).isEqualTo("Transports Vivarais SAS");
        assertThat(cii(xml, "ApplicableHeaderTradeSettlement/*[local-name()='ApplicableTradeTax']/*[local-name()='CategoryCode']")).isEqualTo("S");
        assertTotals(xml, "720.00", "144.00", "864.00");
        assertThat(mustangGrandTotal(pdf)).isEqualByComparingTo("864.00");
    }

    @Test
    void theFinalInvoiceDeductsTheDepositOnALineOfItsOwnAndItsXmlAddsUp_P1_D1() {
        String number = contractNumber(deliveredContract());
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();

        List<DocumentInfo> attached = attachments(number, "invoice");
        assertThat(attached).extracting(DocumentInfo::reference).containsExactly(balance.number());
        byte[] pdf = bytes(attached.get(0));
        assertThat(text(pdf)).contains("Facture n° " + balance.number(), "P1", "2 400,00 €", "-720,00 €",
                "Total HT 1 680,00 €", "TVA 20 % 336,00 €", "Total TTC - net à payer 2 016,00 €");
        String xml = embeddedFile(pdf, "factur-x.xml");
        validateAgainstCiiSchema(xml);
        assertThat(cii(xml, "ExchangedDocument/*[local-name()='TypeCode']")).isEqualTo("380");
        assertThat(xpath(xml, "count(//*[local-name()='IncludedSupplyChainTradeLineItem'])")).isEqualTo("2");
        assertThat(xpath(xml, "(//*[local-name()='BilledQuantity'])[2]")).isEqualTo("-1");
        assertThat(xpath(xml, "(//*[local-name()='LineTotalAmount'])[2]")).isEqualTo("-720.00");
        assertThat(xpath(xml, "(//*[local-name()='IncludedSupplyChainTradeLineItem'])[1]//*[local-name()='Content']"))
                .isEqualTo("Règle P1 des conditions générales de vente");
        assertTotals(xml, "1680.00", "336.00", "2016.00");
        assertThat(mustangGrandTotal(pdf)).isEqualByComparingTo("2016.00");
    }

    @Test
    void eachParticipantGetsACertificateWithObjectivesAttendanceAndAssessment_E1() {
        String number = contractNumber(deliveredContract());

        List<DocumentInfo> certificates = attachments(number, "completion-certificate");
        assertThat(certificates).hasSize(2).allSatisfy(d -> assertThat(d.kind()).isEqualTo(DocumentKind.CERTIFICATE));
        String anne = certificates.stream().map(d -> text(bytes(d))).filter(t -> t.contains("Anne Dupont")).findFirst().orElseThrow();
        assertThat(anne).contains("Attestation de fin de formation", "L6353-1", "Anne Dupont",
                "« La Relation Client par écrit - emails et courriers »", "Transports Vivarais SAS",
                "14 heures (2 jour(s))", "4 demi-journée(s) de présence sur 4, soit 14 heures",
                "Choisir le bon courrier écrit", "Rédiger un courrier personnalisé", "Employer un ton aimable",
                "Les acquis des participants sont mesurés tout au long de la session");
        assertThat(anne).doesNotContain("Luc Martin");
    }

    @Test
    void aCreditNoteIsAFacturX381WithPositiveAmountsThatNamesTheInvoiceItCorrects() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        Invoice deposit = invoices.existing(number, InvoiceKind.DEPOSIT).orElseThrow();
        transaction.executeWithoutResult(s -> invoices.creditInFull(deposit, "annulation par LEXOM", "X1-2025", today()));
        Invoice credit = invoices.ofContract(number).stream().filter(i -> i.kind() == InvoiceKind.CREDIT_NOTE).findFirst().orElseThrow();

        byte[] pdf = bytes(transaction.execute(s -> documents.invoice(credit.number())));
        assertThat(text(pdf)).contains("Avoir n° " + credit.number(), "Facture rectifiée " + deposit.number(), "X1-2025",
                "Total de l'avoir TTC -864,00 €");
        String xml = embeddedFile(pdf, "factur-x.xml");
        validateAgainstCiiSchema(xml);
        assertThat(cii(xml, "ExchangedDocument/*[local-name()='TypeCode']")).isEqualTo("381");
        assertThat(cii(xml, "InvoiceReferencedDocument/*[local-name()='IssuerAssignedID']")).isEqualTo(deposit.number());
        assertTotals(xml, "720.00", "144.00", "864.00");
    }

    @Test
    void aFeeIsInvoicedOutsideTheScopeOfVatAndSaysSo_C1_2025_O5() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        Invoice fee = transaction.execute(s -> invoices.issueFee(number, new BigDecimal("864.00"),
                "Frais d'annulation (30 % du prix TTC)", "C1-2025", today()));

        byte[] pdf = bytes(transaction.execute(s -> documents.invoice(fee.number())));
        assertThat(text(pdf)).contains("Frais d'annulation", "C1-2025", "Indemnité non soumise à la TVA",
                "Total TTC - net à payer 864,00 €");
        String xml = embeddedFile(pdf, "factur-x.xml");
        validateAgainstCiiSchema(xml);
        assertThat(cii(xml, "ApplicableHeaderTradeSettlement/*[local-name()='ApplicableTradeTax']/*[local-name()='CategoryCode']")).isEqualTo("O");
        assertThat(cii(xml, "ApplicableHeaderTradeSettlement/*[local-name()='ApplicableTradeTax']/*[local-name()='ExemptionReasonCode']")).isEqualTo("VATEX-EU-O");
        // BR-O-02: no VAT identifier of the seller on an invoice outside the scope of VAT
        assertThat(xpath(xml, "count(//*[local-name()='SpecifiedTaxRegistration']/*[local-name()='ID'][@schemeID='VA'])")).isEqualTo("0");
        assertTotals(xml, "864.00", "0.00", "864.00");
    }

    @Test
    void aVatExemptTrainingOrganisationsInvoiceCarriesTheExemptionMention() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("vatExempt", true);
        form.put("vatRate", "0");
        ProcessInstance instance = acceptedContract(form);
        Invoice deposit = invoices.existing(contractNumber(instance), InvoiceKind.DEPOSIT).orElseThrow();

        byte[] pdf = bytes(transaction.execute(s -> documents.invoice(deposit.number())));
        assertThat(text(pdf)).contains("Exonération de TVA, article 261-4-4° a du Code général des impôts", "720,00 €");
        String xml = embeddedFile(pdf, "factur-x.xml");
        validateAgainstCiiSchema(xml);
        assertThat(cii(xml, "ApplicableHeaderTradeSettlement/*[local-name()='ApplicableTradeTax']/*[local-name()='CategoryCode']")).isEqualTo("E");
        assertTotals(xml, "720.00", "0.00", "720.00");
    }

    @Test
    void aDocumentIsMadeOnceWhateverAsksForItAgain() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        Invoice deposit = invoices.existing(contractNumber(instance), InvoiceKind.DEPOSIT).orElseThrow();
        DocumentInfo first = transaction.execute(s -> documents.invoice(deposit.number()));
        DocumentInfo second = transaction.execute(s -> documents.invoice(deposit.number()));
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE reference = ?").param(deposit.number())
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aNewDocumentIsReturnedAsItIsStored() {
        String key = "test/" + UUID.randomUUID();
        DocumentInfo made = transaction.execute(s -> store.getOrCreate(key, "D-TEST", DocumentKind.QUOTE, "D-TEST",
                "Devis D-TEST", "Devis-D-TEST.pdf", () -> new byte[] {1, 2, 3}));
        assertThat(made.sizeBytes()).isEqualTo(3);
        assertThat(made.sha256()).isEqualTo(DocumentStore.sha256(new byte[] {1, 2, 3}));
        assertThat(store.find(made.id())).contains(made);
        Supplier<byte[]> renderedAgain = () -> {
            throw new AssertionError("stored once, never rendered again");
        };
        DocumentInfo again = transaction.execute(s -> store.getOrCreate(key, "D-TEST", DocumentKind.QUOTE, "D-TEST",
                "Devis D-TEST", "Devis-D-TEST.pdf", renderedAgain));
        assertThat(again).isEqualTo(made);
    }

    // --- helpers


    private List<DocumentInfo> attachments(String contractNumber, String letter) {
        List<Long> ids = jdbc.sql("""
                SELECT a.document_id FROM outbox_attachment a JOIN outbox_mail m ON m.id = a.mail_id
                WHERE m.contract_number = ? AND m.letter = ? ORDER BY m.id, a.position""")
                .params(contractNumber, letter).query(Long.class).list();
        return ids.stream().map(id -> documents.find(id).orElseThrow()).toList();
    }

    /** The document's bytes; also written to target/documents/ for a person to look at. */
    private byte[] bytes(DocumentInfo info) {
        return PdfText.keep(info.fileName(), documents.content(info.id()).orElseThrow().bytes());
    }

    private static String cii(String xml, String path) {
        String[] steps = path.split("/", 2);
        return xpath(xml, "//*[local-name()='" + steps[0] + "']" + (steps.length > 1 ? "/" + steps[1] : ""));
    }

    /** BR-CO-10, BR-CO-13, BR-CO-15: lines add up to the net, net + VAT = grand total = amount due. */
    private static void assertTotals(String xml, String net, String vat, String gross) {
        assertThat(xpath(xml, "//*[local-name()='SpecifiedTradeSettlementHeaderMonetarySummation']/*[local-name()='LineTotalAmount']")).isEqualTo(net);
        assertThat(xpath(xml, "//*[local-name()='TaxBasisTotalAmount']")).isEqualTo(net);
        assertThat(xpath(xml, "//*[local-name()='TaxTotalAmount']")).isEqualTo(vat);
        assertThat(xpath(xml, "//*[local-name()='GrandTotalAmount']")).isEqualTo(gross);
        assertThat(xpath(xml, "//*[local-name()='DuePayableAmount']")).isEqualTo(gross);
        BigDecimal lines = new BigDecimal(xpath(xml,
                "sum(//*[local-name()='SpecifiedTradeSettlementLineMonetarySummation']/*[local-name()='LineTotalAmount'])"));
        assertThat(lines).isEqualByComparingTo(net);
        assertThat(new BigDecimal(net).add(new BigDecimal(vat))).isEqualByComparingTo(gross);
    }

    /** Mustang reads the invoice back from the PDF and recomputes its total from the lines. */
    private static BigDecimal mustangGrandTotal(byte[] pdf) {
        try {
            ZUGFeRDInvoiceImporter importer = new ZUGFeRDInvoiceImporter(PdfText.stream(pdf));
            return new TransactionCalculator(importer.extractInvoice()).getGrandTotal();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
