package org.doorstep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.shared.ProblemKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The problem types are declared once, each feature's in its own enum; this holds the documented list
 * ({@code docs/problems.md}), the contract and the Chinese wording against those declarations.
 */
class ProblemTypesTest {

    private static final Map<String, ProblemKind> DECLARED = new TreeMap<>();

    @BeforeAll
    static void findTheDeclarations() {
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.doorstep")) {
            if (c.isEnum() && c.isAssignableTo(ProblemKind.class)) {
                for (Object constant : c.reflect().getEnumConstants()) {
                    ProblemKind kind = (ProblemKind) constant;
                    ProblemKind twice = DECLARED.put(kind.slug(), kind);
                    assertEquals(null, twice, kind.slug() + " is declared twice: " + twice + " and " + kind);
                }
            }
        }
    }

    @Test
    void theDocumentedListIsExactlyTheDeclaredTypesWithTheirStatusesAndTitles() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z0-9-]+)` \\| (\\d{3}) \\| ([^|]+) \\|");
        for (String line : Files.readAllLines(Path.of("docs/problems.md"), StandardCharsets.UTF_8)) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                documented.put(m.group(1), m.group(2) + " " + m.group(3).strip());
            }
        }
        Map<String, String> declared = new TreeMap<>();
        DECLARED.forEach((slug, kind) -> declared.put(slug, kind.status() + " " + kind.title()));
        assertEquals(declared, documented, "docs/problems.md lists the declared problem types, each with its status and title");
    }

    @Test
    void theContractNamesEveryDeclaredType() throws IOException {
        String contract = Files.readString(Path.of("openapi/openapi.yaml"), StandardCharsets.UTF_8);
        Set<String> missing = new TreeSet<>();
        for (String slug : DECLARED.keySet()) {
            if (!Pattern.compile("(?<![a-z-])" + Pattern.quote(slug) + "(?![a-z-])").matcher(contract).find()) {
                missing.add(slug);
            }
        }
        assertEquals(Set.of(), missing, "problem types no operation of openapi/openapi.yaml mentions");
    }

    @Test
    void everyDeclaredTypeHasAChineseTitleAndTheBundleNamesNoOther() throws IOException {
        Properties chinese = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("i18n/problems_zh.properties")) {
            chinese.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> missing = new ArrayList<>();
        for (String slug : DECLARED.keySet()) {
            if (chinese.getProperty("problem." + slug + ".title") == null) {
                missing.add(slug);
            }
        }
        assertEquals(List.of(), missing, "declared problem types without a Chinese title");
        Set<String> strays = new TreeSet<>();
        for (String key : chinese.stringPropertyNames()) {
            if (key.startsWith("problem.")) {
                String slug = key.substring("problem.".length(), key.lastIndexOf('.'));
                if (!DECLARED.containsKey(slug)) {
                    strays.add(slug);
                }
            }
        }
        assertEquals(Set.of(), strays, "Chinese wording for problem types nobody declares");
    }
}
