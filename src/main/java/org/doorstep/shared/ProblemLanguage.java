package org.doorstep.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Problems in the language the client asks for. The API speaks English by default; a client whose
 * {@code Accept-Language} prefers Chinese (the console, the tablets) gets each problem's title, detail
 * and field messages in Chinese from {@code i18n/problems_zh.properties}. The type, status, members
 * and field codes never change: programs read those, people read the words.
 */
public class ProblemLanguage {

    static final String BUNDLE = "i18n/problems_zh.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Properties CHINESE = load();

    @ServerResponseFilter
    public void translate(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && prefersChinese(request.getAcceptableLanguages())) {
            response.setEntity(chinese(problem));
            response.getHeaders().putSingle("Content-Language", "zh-CN");
        }
    }

    /** True when the first language the client accepts that we speak is Chinese. */
    static boolean prefersChinese(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            String language = locale.getLanguage();
            if (language.equals("zh")) {
                return true;
            }
            if (language.equals("en") || language.equals("*")) {
                return false;
            }
        }
        return false;
    }

    /** The problem in Chinese; what the bundle lacks stays as it was. */
    static Problem chinese(Problem problem) {
        String slug = problem.getType() == null ? "" : problem.getType().substring(problem.getType().lastIndexOf(':') + 1);
        Optional<String> title = text("problem." + slug + ".title");
        List<Problem.FieldError> errors = problem.getErrors() == null ? null
                : problem.getErrors().stream().map(ProblemLanguage::chinese).toList();
        Map<String, Object> values = new java.util.HashMap<>(problem.getExtensions());
        values.putAll(problem.getArguments());
        values.put("errorCount", errors == null ? 0 : errors.size());
        String detail = text("problem." + slug + ".detail").flatMap(t -> fill(t, values))
                .orElse(title.orElse(problem.getDetail()));
        return problem.translated(title.orElse(problem.getTitle()), detail, errors);
    }

    static Problem.FieldError chinese(Problem.FieldError error) {
        Optional<String> message = text("field." + error.code()).flatMap(t -> fill(t, error.arguments()));
        return error.withMessage(message.orElseGet(() -> text("field.invalid").orElse(error.message())));
    }

    /** Every key of the Chinese bundle, for the test that holds it against the code. */
    static java.util.Set<String> keys() {
        return CHINESE.stringPropertyNames();
    }

    private static Optional<String> text(String key) {
        return Optional.ofNullable(CHINESE.getProperty(key));
    }

    /** The template with each {name} replaced, or empty when a name has no value. */
    private static Optional<String> fill(String template, Map<String, Object> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            if (value == null) {
                return Optional.empty();
            }
            String shown = value instanceof Enum<?> e ? e.name() : value.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(CHINESE.getProperty("value." + shown, shown)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ProblemLanguage.class.getClassLoader().getResourceAsStream(BUNDLE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLE + " is missing");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
