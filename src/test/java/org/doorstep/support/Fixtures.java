package org.doorstep.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.identity.PasswordHasher;

/**
 * Makes the data a test needs, straight in the database: each call makes a new town with a
 * unique code, so tests never see each other's data and never depend on order.
 */
@ApplicationScoped
public class Fixtures {

    /** The password every fixture account has. */
    public static final String PASSWORD = "correct horse battery";

    private final DataSource dataSource;
    private final PasswordHasher passwords;
    private volatile String passwordHash;

    public Fixtures(DataSource dataSource, PasswordHasher passwords) {
        this.dataSource = dataSource;
        this.passwords = passwords;
    }

    public record TestStaff(UUID id, String username, UUID townId, UUID teamId, List<String> roles) {

        /** An access token for this member, minted with the test key (no sign-in). */
        public String token() {
            return token(null);
        }

        public String token(UUID deviceId) {
            Tokens.Claims c = new Tokens.Claims();
            c.staffId = id;
            c.username = username;
            c.roles = roles;
            c.townId = townId;
            c.teamId = teamId;
            c.deviceId = deviceId;
            return Tokens.sign(c);
        }

        public String bearer() {
            return "Bearer " + token();
        }
    }

    /** A staff member of the town with these roles; field agents get the given team. */
    public TestStaff staff(UUID townId, UUID teamId, String... roles) {
        UUID id = UUID.randomUUID();
        String username = "u" + randomLetters(10).toLowerCase(java.util.Locale.ROOT);
        if (passwordHash == null) {
            passwordHash = passwords.hash(PASSWORD);
        }
        update("INSERT INTO staff (id, town_id, username, display_name, roles, team_id, password_hash)"
                + " VALUES (?, ?, ?, ?, ?::text[], ?, ?)", id, townId, username, "测试 " + username,
                "{" + String.join(",", roles) + "}", teamId, passwordHash);
        return new TestStaff(id, username, townId, teamId, List.of(roles));
    }

    public TestStaff staff(TestTown town, String role) {
        return staff(town.id(), null, role);
    }

    /** A team of the town covering the given villages. */
    public UUID team(UUID townId, String name, UUID... villages) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO team (id, town_id, name) VALUES (?, ?, ?)", id, townId, name);
        for (UUID village : villages) {
            update("INSERT INTO team_village (town_id, team_id, village_id) VALUES (?, ?, ?)", townId, id, village);
        }
        return id;
    }

    /** A field agent in a new team of the town. */
    public TestStaff fieldAgent(TestTown town) {
        UUID team = team(town.id(), "队" + randomLetters(5), town.villages().get(0).id());
        return staff(town.id(), team, "field_agent");
    }

    public record TestVillage(UUID id, String code, String name, double latitude, double longitude) {
    }

    public record TestTown(UUID id, String code, String name, List<TestVillage> villages) {
        /** A username no one has, in the town's namespace (its code in lower case and a dot). */
        public String newUsername(String stem) {
            return code.toLowerCase(java.util.Locale.ROOT) + "." + stem + randomLetters(6).toLowerCase(java.util.Locale.ROOT);
        }

        public TestVillage village(String code) {
            return villages.stream().filter(v -> v.code().equals(code)).findFirst().orElseThrow();
        }
    }

    /** A town like Yong'an: three villages (心源村 among them) and the five services of the catalogue. */
    public TestTown townLikeYongan() {
        String suffix = randomLetters(6);
        TestTown town = town("T" + suffix, uniqueTicketPrefix(), "测试镇" + suffix);
        List<TestVillage> villages = List.of(
                village(town.id(), "XINYUAN", "心源村", 28.2712, 113.8641),
                village(town.id(), "FURONG", "芙蓉村", 28.2835, 113.8519),
                village(town.id(), "YONGHE", "永和村", 28.2598, 113.8786));
        serviceType(town.id(), "RETIREMENT_CERTIFICATION", "退休资格认证", true, 30, 5,
                "FACE_PHOTO", "ID_CARD_FRONT", "ID_CARD_BACK", "APPLICATION_FORM");
        serviceType(town.id(), "SOCIAL_SECURITY_CARD", "社保卡申领", false, 40, 10,
                "ID_CARD_FRONT", "ID_CARD_BACK", "PORTRAIT_PHOTO", "APPLICATION_FORM", "SIGNATURE");
        serviceType(town.id(), "DISABILITY_CERTIFICATE", "残疾人证办理", false, 60, 15,
                "ID_CARD_FRONT", "MEDICAL_REPORT", "APPLICATION_FORM", "SIGNATURE");
        serviceType(town.id(), "MEDICAL_INSURANCE_ENROLMENT", "医保参保登记", false, 30, 5,
                "ID_CARD_FRONT", "HOUSEHOLD_REGISTER", "SIGNATURE");
        serviceType(town.id(), "ELDERLY_ALLOWANCE", "高龄津贴申领", true, 30, 10,
                "FACE_PHOTO", "ID_CARD_FRONT", "BANK_CARD", "APPLICATION_FORM");
        return new TestTown(town.id(), town.code(), town.name(), villages);
    }

    public TestTown town(String code, String ticketPrefix, String name) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO town (id, code, ticket_prefix, name) VALUES (?, ?, ?, ?)", id, code, ticketPrefix, name);
        return new TestTown(id, code, name, List.of());
    }

    public TestVillage village(UUID townId, String code, String name, double latitude, double longitude) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO village (id, town_id, code, name, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?)",
                id, townId, code, name, latitude, longitude);
        return new TestVillage(id, code, name, latitude, longitude);
    }

    public UUID serviceType(UUID townId, String code, String name, boolean biometric, int minutes, int deadlineDays,
            String... captures) {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO service_type (id, town_id, code, name, biometric, duration_minutes, deadline_days)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, townId, code, name, biometric, minutes, deadlineDays);
            for (int i = 0; i < captures.length; i++) {
                execute(c, "INSERT INTO service_type_capture (service_type_id, kind, position) VALUES (?, ?, ?)",
                        id, captures[i], i);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    public void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            execute(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<List<Object>> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... args) {
        return ((Number) query(sql, args).get(0).get(0)).longValue();
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger PREFIXES = new java.util.concurrent.atomic.AtomicInteger(
            ThreadLocalRandom.current().nextInt(26 * 26 * 26 * 26));

    /**
     * A ticket prefix no other town of this run has: four letters counted up from a random start
     * (random ones alone collide once a run makes a few hundred towns).
     */
    public static String uniqueTicketPrefix() {
        int n = PREFIXES.getAndIncrement() % (26 * 26 * 26 * 26);
        char[] letters = new char[4];
        for (int i = 3; i >= 0; i--) {
            letters[i] = (char) ('A' + n % 26);
            n /= 26;
        }
        return new String(letters);
    }

    public static String randomLetters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }
}
