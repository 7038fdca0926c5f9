package fr.lexom.contracts.documents;

import fr.lexom.contracts.notification.CompanyProperties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Benchmark only: PDF rendering that can be switched off, to measure the lifecycle with and without documents in
 * one run. Off, every document is still stored, attached and sent (its rows, its mail), but its content is a
 * placeholder instead of a rendered PDF/A and Factur-X.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RenderingSwitch {

    private static volatile boolean off;
    private static final byte[] PLACEHOLDER = "%PDF-1.7\n% rendering switched off by the benchmark\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    public static void documents(boolean on) {
        off = !on;
    }

    @Bean
    @Primary
    PdfRenderer switchablePdfRenderer(CompanyProperties company) {
        return new PdfRenderer(company) {
            @Override
            byte[] pdf(String template, Map<String, Object> model) {
                return off ? PLACEHOLDER : super.pdf(template, model);
            }
        };
    }

    @Bean
    @Primary
    FacturX switchableFacturX(CompanyProperties company) {
        return new FacturX(company) {
            @Override
            byte[] xml(Map<String, Object> model) {
                return off ? new byte[0] : super.xml(model);
            }

            @Override
            byte[] embed(byte[] pdf, byte[] xml) {
                return off ? pdf : super.embed(pdf, xml);
            }
        };
    }
}
