package fr.lexom.contracts.documents;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.contract.ContractSummary;
import java.util.Map;

/** Renders documents afresh (not from the store), for the benchmark's time per PDF. */
public final class PdfTiming {

    private PdfTiming() {
    }

    /** Renders the quote of the contract; returns the PDF's size. */
    public static int renderQuote(Documents documents, ContractSummary contract) {
        return documents.renderer().pdf("quote", documents.quoteModel(contract)).length;
    }

    /** Renders the invoice as Factur-X (PDF/A-3 and its XML); returns the PDF's size. */
    public static int renderInvoice(Documents documents, Invoice invoice) {
        Map<String, Object> model = documents.invoiceModel(invoice);
        return documents.facturX().embed(documents.renderer().pdf("invoice", model), documents.facturX().xml(model)).length;
    }
}
