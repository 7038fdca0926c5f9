package fr.lexom.contracts.documents;

import fr.lexom.contracts.notification.CompanyProperties;
import fr.lexom.contracts.notification.TemplateEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mustangproject.ZUGFeRD.IZUGFeRDExporter;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromPDFA;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Factur-X (EN 16931 profile): the invoice's UN/CEFACT CII XML, embedded by Mustang into the invoice's PDF/A-3
 * with the Factur-X XMP metadata. The XML is written from the invoice as stored (template
 * {@code documents/factur-x.xml}), not recomputed by a library: the amounts of the XML are those printed on the
 * PDF and recorded in the books, to the cent, each line citing its rule.
 */
@Component
class FacturX {

    static final String PROFILE = "EN16931";

    private final fr.lexom.contracts.notification.TemplateEngines.Templates engine;
    private final CompanyProperties company;

    FacturX(CompanyProperties company) {
        this.company = company;
        engine = TemplateEngines.classpath("documents/", ".xml", TemplateMode.XML);
    }

    /** The CII XML of the invoice described by {@code model} (the same model as the invoice's PDF). */
    byte[] xml(Map<String, Object> model) {
        Context context = new Context(Locale.ROOT, model);
        context.setVariable("cii", new CiiFormat());
        context.setVariable("company", company);
        return engine.process("factur-x", context).getBytes(StandardCharsets.UTF_8);
    }

    /** The PDF/A-3 {@code pdf} with {@code xml} embedded as factur-x.xml. */
    byte[] embed(byte[] pdf, byte[] xml) {
        try (ZUGFeRDExporterFromPDFA exporter = new ZUGFeRDExporterFromPDFA()) {
            IZUGFeRDExporter loaded = exporter.load(pdf);
            loaded.setProducer("LEXOM training contracts");
            loaded.setCreator("LEXOM");
            loaded.setZUGFeRDVersion(2);
            loaded.setProfile(Profiles.getByName(PROFILE));
            loaded.setXML(xml);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + xml.length + 16 * 1024);
            loaded.export(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not embed the Factur-X XML", e);
        }
    }

    /** CII formats: amounts with two decimals and a dot, dates as yyyyMMdd (format 102), rates in percent. */
    public static final class CiiFormat {

        private static final DateTimeFormatter DATE_102 = DateTimeFormatter.BASIC_ISO_DATE;
        private static final Pattern POSTCODE_CITY = Pattern.compile("^(\\d{5})\\s+(.+)$");

        public String amount(BigDecimal amount) {
            return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }

        /** The absolute value, for a credit note's amounts (positive in a 381 document) or a negative line's price. */
        public String abs(BigDecimal amount) {
            return amount(amount.abs());
        }

        /** An IBAN without its spaces (BT-84). */
        public String compact(String text) {
            return text.replaceAll("\\s+", "");
        }

        public String date(LocalDate date) {
            return DATE_102.format(date);
        }

        public String percent(BigDecimal fraction) {
            return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString();
        }

        /** "5 rue Jean Jaurès, 07200 Aubenas" → the street part. */
        public String street(String address) {
            int comma = address == null ? -1 : address.lastIndexOf(',');
            return comma < 0 ? address : address.substring(0, comma).strip();
        }

        public String postcode(String address) {
            Matcher m = tail(address);
            return m != null ? m.group(1) : null;
        }

        public String city(String address) {
            Matcher m = tail(address);
            return m != null ? m.group(2) : null;
        }

        private static Matcher tail(String address) {
            int comma = address == null ? -1 : address.lastIndexOf(',');
            if (comma < 0) {
                return null;
            }
            Matcher m = POSTCODE_CITY.matcher(address.substring(comma + 1).strip());
            return m.matches() ? m : null;
        }
    }
}
