package org.doorstep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every table has one owner, and imports cannot see SQL: this reads the query strings of every feature and holds
 * them against {@code docs/architecture.md}, where the owners are listed with the tables they publish for others
 * to read (each with its reason). A feature's SQL may write (and lock) only its own tables, and read only its own
 * and the published ones.
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/org/doorstep");
    private static final Path DOC = Path.of("docs/architecture.md");

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"|\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    /** What may stand between two pieces of one statement: white space, a +, and line comments. */
    private static final Pattern BETWEEN_PIECES = Pattern.compile("(?:[\\s+]|//[^\\n]*)*");
    private static final Pattern READ = Pattern.compile("(?i)\\b(?:from|join)\\s+([a-z_][a-z0-9_]*)\\b");
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(?:update\\s+([a-z_][a-z0-9_]*)\\s+set|insert\\s+into\\s+([a-z_][a-z0-9_]*)|delete\\s+from\\s+([a-z_][a-z0-9_]*))\\b");
    private static final Pattern LOCKED = Pattern.compile("(?i)\\bfor\\s+(?:update|share|no\\s+key\\s+update)\\b");

    /** owner → tables, and table → owner, from the architecture document's table. */
    record Owners(Map<String, String> ownerOf, Map<String, Set<String>> readableBy) {
    }

    static Owners owners() throws IOException {
        Map<String, String> ownerOf = new TreeMap<>();
        Map<String, Set<String>> readable = new TreeMap<>();
        Pattern owned = Pattern.compile("^\\| `([a-z]+)` \\| (.*) \\|$");
        Pattern published = Pattern.compile("^\\| `([a-z_]+)` \\| `([a-z]+)` \\| ([^|]+) \\| (.+) \\|$");
        Pattern name = Pattern.compile("`([a-z_]+)`");
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            Matcher p = published.matcher(line);
            if (p.matches()) {
                Matcher readers = name.matcher(p.group(3));
                while (readers.find()) {
                    readable.computeIfAbsent(p.group(1), t -> new TreeSet<>()).add(readers.group(1));
                }
                continue;
            }
            Matcher o = owned.matcher(line);
            if (o.matches()) {
                Matcher tables = name.matcher(o.group(2).replaceAll("\\(.*?\\)", ""));
                while (tables.find()) {
                    ownerOf.put(tables.group(1), o.group(1));
                }
            }
        }
        return new Owners(ownerOf, readable);
    }

    /** The SQL statements of a source file: its string literals, pieces joined with + read as one. */
    static List<String> statements(String source) {
        List<String> statements = new ArrayList<>();
        Matcher m = LITERAL.matcher(source);
        StringBuilder current = null;
        int end = -1;
        while (m.find()) {
            String text = m.group(1) != null ? m.group(1) : m.group(2);
            boolean continues = current != null && BETWEEN_PIECES.matcher(source.substring(end, m.start())).matches()
                    && source.substring(end, m.start()).contains("+");
            if (continues) {
                current.append(text);
            } else {
                if (current != null) {
                    statements.add(current.toString());
                }
                current = new StringBuilder(text);
            }
            end = m.end();
        }
        if (current != null) {
            statements.add(current.toString());
        }
        return statements;
    }

    static String featureOf(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    /** What each feature's SQL does to tables it does not own and that are not published to it. */
    static Set<String> crossings(Owners owners, String feature, String source) {
        Set<String> found = new TreeSet<>();
        for (String sql : statements(source)) {
            // a lock is on the first table the statement selects from (a FOR UPDATE OF elsewhere is read as that too)
            boolean locks = LOCKED.matcher(sql).find();
            boolean first = true;
            Matcher w = WRITE.matcher(sql);
            while (w.find()) {
                String table = w.group(1) != null ? w.group(1) : w.group(2) != null ? w.group(2) : w.group(3);
                String owner = owners.ownerOf().get(table.toLowerCase());
                if (owner != null && !owner.equals(feature)) {
                    found.add(feature + " writes " + table + " (owned by " + owner + ")");
                }
            }
            Matcher r = READ.matcher(sql);
            while (r.find()) {
                String table = r.group(1);
                String owner = owners.ownerOf().get(table);
                boolean locked = locks && first;
                first = false;
                if (owner == null || owner.equals(feature)) {
                    continue;
                }
                if (locked) {
                    found.add(feature + " locks " + table + " (owned by " + owner + ")");
                } else if (!owners.readableBy().getOrDefault(table, Set.of()).contains(feature)) {
                    found.add(feature + " reads " + table + " (owned by " + owner + ", not published to it)");
                }
            }
        }
        return found;
    }

    @Test
    void everyFeatureWritesOnlyItsOwnTablesAndReadsOnlyWhatIsPublishedToIt() throws IOException {
        Owners owners = owners();
        Set<String> crossings = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                crossings.addAll(crossings(owners, featureOf(file), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        assertEquals(Set.of(), crossings, "SQL across features' tables (docs/architecture.md lists the owners)");
    }

    @Test
    void everyTableTheMigrationsCreateHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        Pattern create = Pattern.compile("(?i)CREATE TABLE ([a-z_]+)");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.toList()) {
                Matcher m = create.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    created.add(m.group(1));
                }
            }
        }
        assertEquals(created, owners().ownerOf().keySet());
    }

    @Test
    void aPlantedQueryIntoAnotherFeaturesTableIsFound() throws IOException {
        String planted = """
                class Planted {
                    void erase() {
                        em.createNativeQuery("UPDATE visit SET notes = NULL"
                                + " WHERE id = ?1").executeUpdate();
                        em.createNativeQuery("SELECT id FROM visit v JOIN resident r ON r.id = v.resident_id FOR UPDATE");
                        em.createNativeQuery("SELECT label FROM device");
                    }
                }
                """;
        assertEquals(Set.of("rights writes visit (owned by booking)", "rights locks visit (owned by booking)",
                "rights reads device (owned by identity, not published to it)"),
                crossings(owners(), "rights", planted));
    }
}
