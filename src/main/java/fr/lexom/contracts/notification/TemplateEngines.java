package fr.lexom.contracts.notification;

import fr.lexom.contracts.security.TextRules;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.IContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Thymeleaf engines over a classpath folder of templates (letters, documents, Factur-X XML), UTF-8, cached. The one
 * way text reaches a document (openhtmltopdf, Mustang) or a mail: what they render is made {@link TextRules#printable
 * printable}, so a character XML 1.0 cannot carry, stored before the input rules existed, prints as U+FFFD instead of
 * failing the document (and its sending job) with {@code SAXParseException: invalid XML character}.
 */
public final class TemplateEngines {

    private TemplateEngines() {
    }

    /** A Thymeleaf engine whose output is always printable. */
    public static final class Templates {

        private final TemplateEngine engine;

        private Templates(TemplateEngine engine) {
            this.engine = engine;
        }

        /** The template rendered with {@code context}, every unprintable character replaced by U+FFFD. */
        public String process(String template, IContext context) {
            return TextRules.printable(engine.process(template, context));
        }
    }

    public static Templates classpath(String folder, String suffix, TemplateMode mode) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(folder);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return new Templates(engine);
    }
}
