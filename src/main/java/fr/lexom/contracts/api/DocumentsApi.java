package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.ACCOUNTING;
import static fr.lexom.contracts.identity.Groups.COORDINATION;
import static fr.lexom.contracts.identity.Groups.MANAGERS;
import static fr.lexom.contracts.identity.Groups.SALES;

import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.delivery.AttendanceSheetDocument;
import fr.lexom.contracts.documents.DocumentContent;
import fr.lexom.contracts.documents.DocumentInfo;
import fr.lexom.contracts.documents.DocumentKind;
import fr.lexom.contracts.documents.Documents;
import fr.lexom.contracts.notification.Outbox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The documents and mails of a contract, for staff (links in their task forms open them with their Tasklist session) and
 * for other systems: the list, and each PDF. An invoice's or a quote's PDF is made on first request if no mail
 * has carried it yet (a funder's invoice to file on its portal), then kept.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Documents")
@SecurityRequirement(name = "basic")
@RequiresGroups({SALES, COORDINATION, ACCOUNTING, MANAGERS})
class DocumentsApi {

    /** A stored document as the API lists it; {@code href} downloads it. */
    record DocumentView(long id, String kind, String reference, String title, String fileName, int sizeBytes,
                        String sha256, OffsetDateTime createdAt, String href) {

        static DocumentView of(DocumentInfo info) {
            return new DocumentView(info.id(), info.kind().name(), info.reference(), info.title(), info.fileName(),
                    info.sizeBytes(), info.sha256(), info.createdAt(), "/api/documents/" + info.id());
        }
    }

    private final Documents documents;
    private final ContractService contracts;
    private final InvoiceService invoices;
    private final Outbox outbox;
    private final AttendanceSheetDocument attendanceSheets;

    DocumentsApi(Documents documents, ContractService contracts, InvoiceService invoices, Outbox outbox,
                 AttendanceSheetDocument attendanceSheets) {
        this.documents = documents;
        this.contracts = contracts;
        this.invoices = invoices;
        this.outbox = outbox;
        this.attendanceSheets = attendanceSheets;
    }

    @GetMapping(path = "/contracts/{number}/documents", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Les documents d'un contrat : devis, factures et avoirs (Factur-X), attestations, mises en demeure, "
            + "feuille d'émargement jointe à la facture du financeur (ATTENDANCE_SHEET, référence : la facture)")
    List<DocumentView> list(@PathVariable String number) {
        contracts.find(number);
        return documents.ofContract(number).stream().map(DocumentView::of).toList();
    }

    /** A mail of the contract, with links to the documents it carried. */
    record MailView(long id, String letter, List<String> recipients, String subject, String body, String status,
                    int attempts, OffsetDateTime createdAt, OffsetDateTime sentAt, String lastError, List<String> attachments) {
    }

    @GetMapping(path = "/contracts/{number}/mails", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Les courriels d'un contrat : texte, destinataires, envoi (SENT, KEPT sans serveur SMTP, PENDING, FAILED) et pièces jointes")
    List<MailView> mails(@PathVariable String number) {
        contracts.find(number);
        return outbox.ofContract(number).stream().map(m -> new MailView(m.id(), m.letter(), m.recipients(), m.subject(),
                m.body(), m.status(), m.attempts(), m.createdAt(), m.sentAt(), m.lastError(),
                m.documentIds().stream().map(id -> "/api/documents/" + id).toList())).toList();
    }

    @GetMapping(path = "/documents/{id}", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Télécharger un document (PDF)")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        return pdf(documents.content(id).orElseThrow(() -> new NotFoundException("Document inconnu : " + id)));
    }

    @GetMapping(path = "/contracts/{number}/quote.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Le devis valant convention de formation (Q2), en PDF")
    ResponseEntity<byte[]> quote(@PathVariable String number) {
        contracts.find(number);
        return pdf(documents.content(documents.quote(number).id()).orElseThrow());
    }

    @GetMapping(path = "/invoices/{number}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Une facture ou un avoir, au format Factur-X (PDF/A-3 avec son XML EN 16931)")
    ResponseEntity<byte[]> invoice(@PathVariable String number) {
        invoices.find(number).orElseThrow(() -> new NotFoundException("Facture inconnue : " + number));
        return pdf(documents.content(documents.invoice(number).id()).orElseThrow());
    }

    @GetMapping(path = "/invoices/{number}/formal-notice.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "La dernière mise en demeure envoyée pour une facture (R1, R2), en PDF")
    ResponseEntity<byte[]> formalNotice(@PathVariable String number) {
        String contract = invoices.find(number).orElseThrow(() -> new NotFoundException("Facture inconnue : " + number))
                .contractNumber();
        DocumentInfo notice = documents.ofContract(contract).stream()
                .filter(d -> d.kind() == DocumentKind.FORMAL_NOTICE && d.reference().equals(number))
                .max(Comparator.comparingLong(DocumentInfo::id))
                .orElseThrow(() -> new NotFoundException("Aucune mise en demeure pour la facture " + number));
        return pdf(documents.content(notice.id()).orElseThrow());
    }

    /** E1: rendered from the facts as they stand (signatures so far, coordination's entry), never stored. */
    @GetMapping(path = "/contracts/{number}/attendance-sheet.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "La feuille d'émargement du contrat (E1), en PDF, établie à l'instant : signatures des "
            + "participants par demi-journée, contreseing du formateur, saisie de la coordination, code QR du lien personnel "
            + "de chaque participant")
    ResponseEntity<byte[]> attendanceSheet(@PathVariable String number) {
        contracts.find(number);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(AttendanceSheetDocument.fileName(number)).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store") // the facts change until the training is over
                .body(attendanceSheets.pdf(number));
    }

    private static ResponseEntity<byte[]> pdf(DocumentContent content) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(content.info().fileName()).build().toString())
                .header("X-Content-SHA256", content.info().sha256())
                .body(content.bytes());
    }
}
