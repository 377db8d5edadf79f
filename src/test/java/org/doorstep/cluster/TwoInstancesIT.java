package org.doorstep.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.doorstep.capture.CaptureSteps;
import org.doorstep.resident.IdNumbers;
import org.doorstep.support.S3Proxy;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two instances of the packaged application behind one address, as a county runs them: the same
 * PostgreSQL, the same S3-compatible store (s3proxy), the same keys, each its own process on its own
 * port, and requests landing on either. What a load balancer may do to a tablet or a dispatcher (send the
 * next request to the other instance, lose an instance half way) must change nothing they see.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final String SCHEMA = "doorstep_cluster";
    private static final String PASSWORD = "doorstep-demo";
    private static final String PUBLIC_HOST = "doorstep.county.example";

    private static Path work;
    private static EmbeddedPostgres postgres;
    private static S3Proxy s3;
    private static Instance a;
    private static Instance b;

    @BeforeAll
    static void startTwoInstancesAtOnce() throws IOException {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        work = Files.createDirectories(Path.of("target", "two-instances"));
        postgres = EmbeddedPostgres.builder().start();
        s3 = new S3Proxy();
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_PROFILE", "demo");
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        environment.put("DOORSTEP_DB_SCHEMA", SCHEMA);
        // what must be the same on every instance besides the database and the store (docs/scale-out.md)
        environment.put("DOORSTEP_AUTH_TOKEN_SECRET", randomKey());
        s3.config("captures/").forEach((key, value) -> environment.put(key.toUpperCase().replaceAll("[.-]", "_"), value));
        environment.put("DOORSTEP_CAPTURE_UPLOAD_EXPIRY", "PT15S");
        environment.put("DOORSTEP_CAPTURE_BIOMETRIC_RETENTION_DAYS", "0");
        environment.put("DOORSTEP_CAPTURE_JANITOR_INTERVAL", "1s");
        environment.put("DOORSTEP_CAPTURE_JANITOR_DELAY", "1s");
        environment.put("DOORSTEP_DISPATCH_PLANNER_UNIMPROVED_SECONDS", "60");
        environment.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        environment.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
        environment.put("QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST", "true");
        environment.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
        environment.put("DOORSTEP_FILING_PUBLIC_BASE_URL", "https://" + PUBLIC_HOST);
        a = instance("a", environment);
        b = instance("b", environment);
        a.start();
        b.start(); // at once: the migrations and the demo loader must cope with each other
        a.awaitReady(Duration.ofMinutes(3));
        b.awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopEverything() throws IOException {
        for (Instance i : new Instance[] { a, b }) {
            if (i != null) {
                i.stop();
            }
        }
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void anUploadStartedOnOneInstanceCutOffAndContinuedOnTheOtherArrivesWholeAndNothingOfItIsOnTheirDisks()
            throws Exception {
        AtTheDoor door = atTheDoor("SOCIAL_SECURITY_CARD", "agent1");
        byte[] card = CaptureSteps.jpeg(600_000);
        String upload = given(a, door.bearer()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(card.length))
                .header("Upload-Metadata", CaptureSteps.metadata(Map.of("kind", "ID_CARD_FRONT", "filename", "card.jpg",
                        "sha256", CaptureSteps.sha256(card), "capturedAt", CaptureSteps.recently())))
                .when().post("/api/v1/visits/" + door.visitId() + "/captures").then().statusCode(201)
                .extract().header("Location").replaceFirst("^https?://[^/]+", "");

        // on A, the signal goes after 200 kB of a 600 kB PATCH
        cutOffPatch(a, door.bearer(), upload, card, 200_000);
        // the tablet asks B at once: B waits for what A is still taking in, and answers where it ended
        long offset = Long.parseLong(given(b, door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload).then()
                .statusCode(200).extract().header("Upload-Offset"));
        assertTrue(offset > 0 && offset <= 200_000, "B answered " + offset);
        patch(b, door.bearer(), upload, offset, Arrays.copyOfRange(card, (int) offset, 400_000)).then().statusCode(204)
                .header("Upload-Offset", "400000");
        patch(a, door.bearer(), upload, 400_000, Arrays.copyOfRange(card, 400_000, card.length)).then().statusCode(204)
                .header("Upload-Offset", String.valueOf(card.length));

        String id = upload.substring(upload.lastIndexOf('/') + 1);
        byte[] back = given(b, door.bearer()).when().get("/api/v1/captures/" + id + "/content").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(card, back);
        List<String> parts = query("SELECT blob_key FROM capture_part WHERE capture_id = ?::uuid", id);
        assertEquals(3, parts.size());
        for (String key : parts) {
            assertTrue(Files.exists(s3.object("captures/" + key)), "part " + key + " is in the object store");
        }
        assertEquals(0, filesUnder(work.resolve("a-captures")) + filesUnder(work.resolve("b-captures")),
                "nothing of a capture is on an instance's own disk");
    }

    @Test
    @Order(2)
    void aTabletRevokedThroughOneInstanceIsRefusedByTheOtherWithinASecond() {
        Tablet tablet = tablet("agent3");
        given(b, tablet.bearer()).when().get("/api/v1/me").then().statusCode(200);
        given(a, login("admin")).contentType("application/json").body("{}").when()
                .post("/api/v1/devices/" + tablet.deviceId() + "/revoke").then().statusCode(200);
        long revoked = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - revoked < Duration.ofSeconds(5).toNanos()) {
            status = given(b, tablet.bearer()).when().get("/api/v1/me").then().extract().statusCode();
        }
        long millis = (System.nanoTime() - revoked) / 1_000_000;
        assertEquals(401, status);
        assertTrue(millis < 1000, "B refused the revoked tablet only after " + millis + " ms");
    }

    @Test
    @Order(3)
    void expiryAndRetentionDeleteFromTheStoreExactlyOnceAcrossBothInstances() {
        double deletedBefore = deletedBlobs(a) + deletedBlobs(b);
        // an upload abandoned half way: expires after 15 s
        AtTheDoor door = atTheDoor("SOCIAL_SECURITY_CARD", "agent1");
        byte[] card = CaptureSteps.jpeg(50_000);
        String abandoned = create(a, door, "ID_CARD_FRONT", card);
        patch(a, door.bearer(), abandoned, 0, Arrays.copyOf(card, 20_000)).then().statusCode(204);
        String abandonedKey = query("SELECT blob_key FROM capture_part WHERE capture_id = ?::uuid",
                id(abandoned)).get(0);

        // a face photo of a visit that then fails: with a retention of 0 days it goes at the next janitor run
        AtTheDoor face = atTheDoor("RETIREMENT_CERTIFICATION", "agent2");
        given(b, face.bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "RESIDENT", "textId",
                        given(b, face.bearer()).when().get("/api/v1/privacy-texts/BIOMETRIC_CAPTURE").then().statusCode(200)
                                .extract().path("id")))
                .when()
                .post("/api/v1/visits/" + face.visitId() + "/consents").then().statusCode(201);
        byte[] photo = CaptureSteps.jpeg(80_000);
        String faceUpload = create(b, face, "FACE_PHOTO", photo);
        patch(b, face.bearer(), faceUpload, 0, photo).then().statusCode(204);
        String faceKey = query("SELECT blob_key FROM capture_part WHERE capture_id = ?::uuid", id(faceUpload)).get(0);
        event(a, face, "FAIL", "居民临时外出，改日再约");

        awaitUntil(Duration.ofSeconds(60), () -> !Files.exists(s3.object("captures/" + faceKey))
                && !Files.exists(s3.object("captures/" + abandonedKey)));
        assertEquals("PURGED", query("SELECT status FROM capture WHERE id = ?::uuid", id(faceUpload)).get(0));
        assertEquals(List.of("1"), query("SELECT count(*)::text FROM audit_entry WHERE action = 'CAPTURE_PURGED'"
                + " AND target_id = ?", id(faceUpload)));
        assertEquals(List.of("0"), query("SELECT count(*)::text FROM capture WHERE id = ?::uuid", id(abandoned)));
        assertEquals(List.of("0"), query("SELECT count(*)::text FROM blob_deletion"));
        // both instances' janitors ran all along; between them they deleted each blob once
        assertEquals(2.0, deletedBlobs(a) + deletedBlobs(b) - deletedBefore);
    }

    @Test
    @Order(4)
    void behindAProxyThatEndsTlsTheLocationsAreThePublicOnes() {
        AtTheDoor door = atTheDoor("SOCIAL_SECURITY_CARD", "agent1");
        byte[] card = CaptureSteps.jpeg(10_000);
        String location = given(a, door.bearer()).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", PUBLIC_HOST).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(card.length))
                .header("Upload-Metadata", CaptureSteps.metadata(Map.of("kind", "ID_CARD_FRONT", "filename", "card.jpg",
                        "sha256", CaptureSteps.sha256(card), "capturedAt", CaptureSteps.recently())))
                .when().post("/api/v1/visits/" + door.visitId() + "/captures").then().statusCode(201)
                .extract().header("Location");
        assertTrue(location.startsWith("https://" + PUBLIC_HOST + "/api/v1/uploads/"), location);
    }

    @Test
    @Order(5)
    void aDayPlanWhoseInstanceIsKilledWhileSolvingIsTakenOverByTheOtherAndApplied() {
        String dispatcher = login("dispatcher");
        LocalDate day = LocalDate.parse(given(a, dispatcher).when().get("/api/v1/dispatch/board").then().statusCode(200)
                .extract().path("date"));
        String location = given(a, dispatcher).contentType("application/json")
                .body(Map.of("date", day.toString(), "timeLimitSeconds", 8)).when().post("/api/v1/dispatch/plans").then()
                .statusCode(202).extract().header("Location").replaceFirst("^https?://[^/]+", "");
        String planId = location.substring(location.lastIndexOf('/') + 1);

        awaitUntil(Duration.ofSeconds(30), () -> given(b, dispatcher).when().get(location).then().extract()
                .path("progress.startedAt") != null);
        for (Instance either : new Instance[] { a, b }) {
            given(either, dispatcher).when().get(location).then().statusCode(200).body("status", equalTo("SOLVING"))
                    .body("progress.startedAt", notNullValue())
                    .body("progress.visitsToPlace", org.hamcrest.Matchers.greaterThan(0));
        }
        String owner = query("SELECT lease_owner FROM dispatch_plan WHERE id = ?::uuid", planId).get(0);
        Instance solving = owner.contains(":" + a.pid() + "/") ? a : b;
        Instance other = solving == a ? b : a;
        assertTrue(owner.contains(":" + solving.pid() + "/"), "the lease is held by " + owner);
        solving.kill();

        awaitUntil(Duration.ofSeconds(60), () -> !"SOLVING".equals(given(other, dispatcher).when().get(location).then()
                .statusCode(200).extract().path("status")));
        JsonPath plan = given(other, dispatcher).when().get(location).then().statusCode(200).extract().jsonPath();
        assertEquals("PROPOSED", plan.getString("status"), plan.prettify());
        assertEquals(List.of("2"), query("SELECT attempts::text FROM dispatch_plan WHERE id = ?::uuid", planId));
        given(other, dispatcher).contentType("application/json").body("{}").when().post(location + "/apply").then()
                .statusCode(200).body("status", equalTo("APPLIED"));

        // the killed instance comes back and serves the applied plan like the other
        Instance back = instance(solving == a ? "a" : "b", null);
        back.start().awaitReady(Duration.ofMinutes(3));
        if (solving == a) {
            a = back;
        } else {
            b = back;
        }
        given(back, dispatcher).when().get(location).then().statusCode(200).body("status", equalTo("APPLIED"));
    }

    @Test
    @Order(6)
    void twoProductionInstancesStartingAtOnceOnANewDeploymentMakeOneAdmin() throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("cluster-key-1");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        Path keySet = work.resolve("signing-keys.jwks.json");
        Files.writeString(keySet, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        environment.put("DOORSTEP_DB_SCHEMA", SCHEMA + "_prod");
        environment.put("DOORSTEP_AUTH_KEY_SET", keySet.toAbsolutePath().toString());
        environment.put("DOORSTEP_AUTH_SIGNING_KEY_ID", "cluster-key-1");
        environment.put("DOORSTEP_AUTH_TOKEN_SECRET", randomKey());
        environment.put("DOORSTEP_PII_KEYS_CLUSTER1", randomKey());
        environment.put("DOORSTEP_PII_ACTIVE_KEY", "cluster1");
        environment.put("DOORSTEP_PII_INDEX_KEY", randomKey());
        environment.put("DOORSTEP_CAPTURE_MASTER_KEYS_CLUSTER1", randomKey());
        environment.put("DOORSTEP_CAPTURE_ACTIVE_MASTER_KEY", "cluster1");
        environment.put("DOORSTEP_BOOTSTRAP_ADMIN_PASSWORD", "first-start-" + UUID.randomUUID());
        s3.config("prod/").forEach((k, value) -> environment.put(k.toUpperCase().replaceAll("[.-]", "_"), value));
        Instance one = new Instance("prod-1", withStorage(environment, "prod-1"), work).start();
        Instance two = new Instance("prod-2", withStorage(environment, "prod-2"), work).start();
        try {
            one.awaitReady(Duration.ofMinutes(3));
            two.awaitReady(Duration.ofMinutes(3));
            try (Connection c = DriverManager.getConnection(jdbcUrl() + "?currentSchema=" + SCHEMA + "_prod", "postgres", "");
                    ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM staff WHERE 'admin' = ANY (roles)")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "one admin, however many instances started");
            }
            for (Instance either : new Instance[] { one, two }) {
                given(either).contentType("application/json").body(Map.of("username", "admin", "password",
                        environment.get("DOORSTEP_BOOTSTRAP_ADMIN_PASSWORD"))).when().post("/api/v1/auth/login").then()
                        .statusCode(200);
            }
        } finally {
            one.stop();
            two.stop();
        }
    }

    private static Map<String, String> withStorage(Map<String, String> environment, String name) {
        Map<String, String> own = new HashMap<>(environment);
        own.put("DOORSTEP_CAPTURE_STORAGE_DIRECTORY", work.resolve(name + "-captures").toAbsolutePath().toString());
        return own;
    }

    // --- the people and tablets of the demo town, through the API ---

    /** A visit of a demo resident, booked, given to the agent's team today and arrived at on the tablet. */
    private record AtTheDoor(UUID visitId, String bearer) {
    }

    private record Tablet(String deviceId, String bearer) {
    }

    private static AtTheDoor atTheDoor(String service, String agent) {
        String operator = login("operator");
        String dispatcher = login("dispatcher");
        Tablet tablet = tablet(agent);
        String teamId = given(a, tablet.bearer()).when().get("/api/v1/me").then().statusCode(200).extract()
                .path("team.id");
        String village = given(b, dispatcher).when().get("/api/v1/teams/" + teamId).then().statusCode(200).extract()
                .path("villageIds[0]");
        String resident = given(a, operator).contentType("application/json").body(Map.of("idNumber", IdNumbers.random(),
                "name", "居民" + ThreadLocalRandom.current().nextInt(1000), "phone", "13807310042", "villageId", village,
                "address", "村口第一户")).when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
        // the demo team works 08:30-12:00 on working days: our visits take its morning, 45 minutes each
        LocalDate day = LocalDate.parse(given(a, dispatcher).when().get("/api/v1/dispatch/board").then().statusCode(200)
                .extract().path("date"));
        String visit = given(b, operator).contentType("application/json").body(Map.of("residentId", resident,
                "serviceTypeCode", service, "channel", "TOWN_PHONE", "caller",
                Map.of("name", "本人", "relation", "SELF", "phone", "13807310042"), "preferredDate", day.toString(),
                "preferredPeriod", "ANY")).when().post("/api/v1/visits").then().log().ifValidationFails().statusCode(201)
                .extract().path("id");
        String etag = given(a, dispatcher).when().get("/api/v1/visits/" + visit).then().statusCode(200).extract()
                .header("ETag");
        java.time.OffsetDateTime start = day.atTime(8, 30).atOffset(java.time.ZoneOffset.ofHours(8))
                .plusMinutes(45L * SLOTS.getAndIncrement());
        given(a, dispatcher).header("If-Match", etag).contentType("application/json")
                .body(Map.of("teamId", teamId, "start", start.toString(), "end", start.plusMinutes(45).toString()))
                .when().put("/api/v1/visits/" + visit + "/assignment").then().log().ifValidationFails().statusCode(200);
        AtTheDoor door = new AtTheDoor(UUID.fromString(visit), tablet.bearer());
        event(b, door, "DEPART", null);
        event(a, door, "ARRIVE", null);
        return door;
    }

    private static final java.util.concurrent.atomic.AtomicInteger SLOTS = new java.util.concurrent.atomic.AtomicInteger();

    private static void event(Instance on, AtTheDoor door, String type, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("occurredAt", Instant.now().toString());
        if (reason != null) {
            body.put("reason", reason);
        }
        given(on, door.bearer()).contentType("application/json").body(body).when()
                .post("/api/v1/visits/" + door.visitId() + "/events").then().statusCode(200);
    }

    /** A tablet registered by the admin, enrolled, and the agent signed in on it. */
    private static Tablet tablet(String agent) {
        String code = given(a, login("admin")).contentType("application/json").body(Map.of("label", "平板 " + agent))
                .when().post("/api/v1/devices").then().statusCode(201).extract().path("enrollmentCode");
        JsonPath enrolled = given(b).contentType("application/json").body(Map.of("enrollmentCode", code)).when()
                .post("/api/v1/devices/enroll").then().statusCode(200).extract().jsonPath();
        String token = given(a).contentType("application/json").body(Map.of("deviceId", enrolled.getString("deviceId"),
                "deviceSecret", enrolled.getString("deviceSecret"), "username", agent, "password", PASSWORD)).when()
                .post("/api/v1/auth/device-login").then().statusCode(200).extract().path("accessToken");
        return new Tablet(enrolled.getString("deviceId"), "Bearer " + token);
    }

    private static String login(String username) {
        return "Bearer " + given(b).contentType("application/json")
                .body(Map.of("username", username, "password", PASSWORD)).when().post("/api/v1/auth/login").then()
                .statusCode(200).extract().path("accessToken");
    }

    private static String create(Instance on, AtTheDoor door, String kind, byte[] file) {
        return given(on, door.bearer()).header("Tus-Resumable", "1.0.0").header("Upload-Length", String.valueOf(file.length))
                .header("Upload-Metadata", CaptureSteps.metadata(Map.of("kind", kind, "filename", "f.jpg", "sha256",
                        CaptureSteps.sha256(file), "capturedAt", CaptureSteps.recently())))
                .when().post("/api/v1/visits/" + door.visitId() + "/captures").then().statusCode(201)
                .extract().header("Location").replaceFirst("^https?://[^/]+", "");
    }

    private static io.restassured.response.Response patch(Instance on, String bearer, String upload, long offset,
            byte[] body) {
        return given(on, bearer).header("Tus-Resumable", "1.0.0").header("Upload-Offset", String.valueOf(offset))
                .contentType("application/offset+octet-stream").body(body).when().patch(upload);
    }

    /** A PATCH whose connection breaks after {@code sent} bytes of the body, as a tablet losing its signal. */
    private static void cutOffPatch(Instance on, String bearer, String upload, byte[] file, int sent) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", on.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n"
                    + "Content-Length: " + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, sent);
            out.flush();
            Instance.sleep(300);
            socket.setSoLinger(true, 0); // a reset, as when the signal goes
        }
    }

    private static RequestSpecification given(Instance on) {
        return io.restassured.RestAssured.given().baseUri(on.url());
    }

    private static RequestSpecification given(Instance on, String bearer) {
        return given(on).header("Authorization", bearer);
    }

    /** An instance of the demo pair, with its own capture directory (which must stay empty); the pair's settings. */
    private static Instance instance(String name, Map<String, String> environment) {
        if (environment != null) {
            ENVIRONMENT.clear();
            ENVIRONMENT.putAll(environment);
        }
        return new Instance(name, withStorage(ENVIRONMENT, name), work);
    }

    private static final Map<String, String> ENVIRONMENT = new HashMap<>();

    /** Prometheus's counter of blobs deleted from the store, by every means, on one instance. */
    private static double deletedBlobs(Instance on) {
        String metrics = io.restassured.RestAssured.given().baseUri(on.managementUrl()).when().get("/q/metrics").then()
                .statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("doorstep_capture_blobs_deleted_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    private static List<String> query(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(jdbcUrl() + "?currentSchema=" + SCHEMA, "postgres", "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(Objects.toString(rs.getObject(1), null));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long filesUnder(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static void awaitUntil(Duration within, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not so within " + within);
            }
            Instance.sleep(200);
        }
    }

    private static String id(String upload) {
        return upload.substring(upload.lastIndexOf('/') + 1);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
