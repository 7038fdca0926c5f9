package fr.lexom.contracts.documents;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import fr.lexom.contracts.notification.CompanyProperties;
import fr.lexom.contracts.notification.TemplateEngines;
import fr.lexom.contracts.notification.LetterFormat;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Renders a document template ({@code documents/NAME.html}, French, Thymeleaf) to PDF/A-3b with openhtmltopdf:
 * fonts embedded (DejaVu Sans, shipped in {@code fonts/}) and an sRGB output intent, as PDF/A requires and as
 * Factur-X builds on.
 */
@Component
class PdfRenderer {

    static final String FONT = "DejaVu Sans";

    private final fr.lexom.contracts.notification.TemplateEngines.Templates engine;
    private final CompanyProperties company;
    private final LetterFormat format = new LetterFormat();
    private final byte[] regular = resource("fonts/DejaVuSans.ttf");
    private final byte[] bold = resource("fonts/DejaVuSans-Bold.ttf");
    private final byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    PdfRenderer(CompanyProperties company) {
        this.company = company;
        engine = TemplateEngines.classpath("documents/", ".html", TemplateMode.HTML);
    }

    /** The HTML of a document, before rendering (tests read it; the PDF is made from it). */
    String html(String template, Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("fmt", format);
        variables.put("company", company);
        return engine.process(template, new Context(Locale.FRANCE, variables));
    }

    byte[] pdf(String template, Map<String, Object> model) {
        String html = html(template, model);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfAConformance(PdfAConformance.PDFA_3_B);
            builder.useColorProfile(srgb);
            builder.useFont(() -> new ByteArrayInputStream(regular), FONT, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(bold), FONT, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render document " + template, e);
        }
        return out.toByteArray();
    }

    private static byte[] resource(String path) {
        try (InputStream in = PdfRenderer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
