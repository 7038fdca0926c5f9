package fr.lexom.contracts.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Reads a generated PDF back as a reader would: its text, its metadata, its embedded Factur-X XML. */
public final class PdfText {

    private PdfText() {
    }

    /** Keeps a copy of a generated document in target/documents/ for a person to look at; returns its bytes. */
    public static byte[] keep(String fileName, byte[] pdf) {
        try {
            java.nio.file.Path folder = java.nio.file.Path.of("target", "documents");
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Files.write(folder.resolve(fileName), pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf;
    }

    /** The text of every page, whitespace runs (including line breaks) made one space. */
    public static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("[\\s\\u00a0\\u202f]+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String xmpMetadata(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file embedded under {@code name} (factur-x.xml), with its AFRelationship; null if none. */
    public static String embeddedFile(byte[] pdf, String name) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            if (names == null || names.getEmbeddedFiles() == null) {
                return null;
            }
            Map<String, PDComplexFileSpecification> files = names.getEmbeddedFiles().getNames();
            PDComplexFileSpecification spec = files == null ? null : files.get(name);
            if (spec == null) {
                return null;
            }
            return new String(spec.getEmbeddedFile().toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates CII XML against the UN/CEFACT CrossIndustryInvoice D16B schema that Factur-X EN 16931 restricts. */
    static void validateAgainstCiiSchema(String xml) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            var schema = factory.newSchema(PdfText.class.getResource(
                    "/external/schemas/d16b/data/standard/CrossIndustryInvoice_100pD16B.xsd"));
            schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("Factur-X XML is not valid CII D16B: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** The text of the first node matching an XPath (namespace prefixes ignored: use local-name()). */
    static String xpath(String xml, String expression) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            return XPathFactory.newInstance().newXPath().evaluate(expression, document);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ByteArrayInputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
