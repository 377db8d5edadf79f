package org.doorstep.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every field error code that the code raises has its Chinese wording (the problem types' are held by
 * {@code org.doorstep.ProblemTypesTest}), and a Chinese detail fills in what the problem carries.
 */
class ProblemLanguageTest {

    private static final Pattern FIELD_CODE = Pattern.compile(
            "(?:invalid\\([^;]*?,\\s*|FieldError\\([^,;]+,\\s*|new Invalid\\()\"([a-z][a-z0-9-]*)\"");
    /** The codes ProblemMappers gives Bean Validation's and Jackson's refusals. */
    private static final Pattern MAPPED_CODE = Pattern.compile("(?:-> |code = )\"([a-z][a-z0-9-]*)\"");

    @Test
    void everyFieldErrorCodeInTheCodeHasAChineseMessage() throws IOException {
        Set<String> missing = new TreeSet<>();
        Set<String> raised = scan(FIELD_CODE);
        Matcher mapped = MAPPED_CODE
                .matcher(Files.readString(Path.of("src/main/java/org/doorstep/shared/ProblemMappers.java")));
        while (mapped.find()) {
            raised.add(mapped.group(1));
        }
        for (String code : raised) {
            if (!ProblemLanguage.keys().contains("field." + code)) {
                missing.add(code);
            }
        }
        assertEquals(Set.of(), missing, "field error codes without a Chinese message in " + ProblemLanguage.BUNDLE);
    }

    @Test
    void aDetailNamingAValueTheProblemLacksFallsBackToTheTitle() {
        Problem problem = new Problem(ProblemKind.PREFIX + "open-visit-exists", "An open visit exists", 409,
                "The visit X is open", "/api/v1/visits", null, null);
        assertEquals("已有未办结的工单", ProblemLanguage.chinese(problem).getDetail());
        Problem named = new Problem(ProblemKind.PREFIX + "open-visit-exists", "An open visit exists", 409,
                "The visit X is open", "/api/v1/visits", null, Map.of("existingTicket", "YA-20261127-0007"));
        assertEquals("这位居民的同一事项已有未办结的工单 YA-20261127-0007", ProblemLanguage.chinese(named).getDetail());
        Problem.FieldError size = new Problem.FieldError("name", "size", "size must be between 1 and 50",
                Map.of("min", 1, "max", 50));
        assertEquals("长度须在 1 到 50 之间", ProblemLanguage.chinese(size).message());
    }

    @Test
    void chineseIsChosenOnlyWhenItIsTheFirstLanguageWeSpeakThatTheClientAccepts() {
        assertEquals(true, ProblemLanguage.prefersChinese(List.of(Locale.forLanguageTag("zh-CN"), Locale.ENGLISH)));
        assertEquals(true, ProblemLanguage.prefersChinese(List.of(Locale.FRENCH, Locale.forLanguageTag("zh-TW"))));
        assertEquals(false, ProblemLanguage.prefersChinese(List.of(Locale.ENGLISH, Locale.forLanguageTag("zh-CN"))));
        assertEquals(false, ProblemLanguage.prefersChinese(List.of()));
    }

    private static Set<String> scan(Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    for (int g = 1; g <= m.groupCount(); g++) {
                        if (m.group(g) != null) {
                            found.add(m.group(g));
                        }
                    }
                }
            }
        }
        return found;
    }
}
