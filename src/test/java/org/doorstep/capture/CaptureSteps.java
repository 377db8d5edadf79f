package org.doorstep.capture;

import static io.restassured.RestAssured.given;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.identity.Devices;
import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** What capture tests do: a visit with its field team at the door, and files to upload to it. */
@ApplicationScoped
public class CaptureSteps {

    private static final AtomicInteger SLOTS = new AtomicInteger();

    private final Fixtures fixtures;
    private final Devices devices;

    public CaptureSteps(Fixtures fixtures, Devices devices) {
        this.fixtures = fixtures;
        this.devices = devices;
    }

    /** A visit of a town, its team's field agent signed in on a tablet, and the town's staff. */
    public record AtTheDoor(TestTown town, UUID visitId, UUID teamId, Devices.SignedIn tablet, TestStaff operator) {
        public String bearer() {
            return tablet.bearer();
        }
    }

    /** A visit of this service in a new town, assigned to a new team whose agent is on site. */
    public AtTheDoor onSite(String service) {
        TestTown town = fixtures.townLikeYongan();
        return onSite(town, service);
    }

    public AtTheDoor onSite(TestTown town, String service) {
        TestStaff operator = fixtures.staff(town, "operator");
        UUID team = fixtures.team(town.id(), "队" + Fixtures.randomLetters(6), town.village("XINYUAN").id());
        TestStaff agent = fixtures.staff(town.id(), team, "field_agent");
        UUID visit = book(town, operator, service);
        // Assigned and arrived: the events endpoint that moves a visit there comes with the field feature.
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(SLOTS.incrementAndGet(), ChronoUnit.HOURS);
        fixtures.update("UPDATE visit SET team_id = ?, slot_start = ?, slot_end = ?, status = 'ON_SITE' WHERE id = ?",
                team, java.sql.Timestamp.from(start), java.sql.Timestamp.from(start.plus(30, ChronoUnit.MINUTES)), visit);
        return new AtTheDoor(town, visit, team, devices.signIn(devices.enroll(town), agent), operator);
    }

    public UUID book(TestTown town, TestStaff operator, String service) {
        Map<String, Object> resident = new HashMap<>();
        resident.put("idNumber", IdNumbers.random());
        resident.put("name", "居民");
        resident.put("phone", "13807310042");
        resident.put("villageId", town.village("XINYUAN").id().toString());
        resident.put("address", "心源村");
        String residentId = given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(resident).when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
        Map<String, Object> booking = new HashMap<>();
        booking.put("residentId", residentId);
        booking.put("serviceTypeCode", service);
        booking.put("channel", "TOWN_PHONE");
        booking.put("caller", Map.of("name", "本人", "relation", "SELF", "phone", "13807310042"));
        booking.put("preferredDate", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString());
        booking.put("preferredPeriod", "ANY");
        return UUID.fromString(given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(booking).when().post("/api/v1/visits").then().statusCode(201).extract().path("id"));
    }

    public void setStatus(UUID visit, String status) {
        fixtures.update("UPDATE visit SET status = ?, closed_at = CASE WHEN ? IN ('ON_SITE', 'EN_ROUTE') THEN NULL"
                + " ELSE now() END, updated_at = now() WHERE id = ?", status, status, visit);
    }

    /** The id of the consent text a tablet shows before a face photo, as it is now. */
    public static String consentText(String bearer) {
        return given().header("Authorization", bearer).when().get("/api/v1/privacy-texts/BIOMETRIC_CAPTURE").then()
                .statusCode(200).extract().path("id");
    }

    /** The resident's own consent to biometric capture, to the text in force. */
    public static Map<String, Object> residentConsent(String bearer) {
        return Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "RESIDENT", "textId", consentText(bearer));
    }

    /** The resident consents to biometric capture. */
    public void consent(AtTheDoor door) {
        given().header("Authorization", door.bearer()).contentType("application/json")
                .body(residentConsent(door.bearer()))
                .when().post("/api/v1/visits/" + door.visitId() + "/consents").then().statusCode(201);
    }

    /** tus creation: 201 and the upload's path. */
    public String create(AtTheDoor door, String kind, byte[] file) {
        return createRequest(door.bearer(), door.visitId(), kind, file.length, sha256(file)).then().statusCode(201)
                .extract().header("Location").replaceFirst("^https?://[^/]+", "");
    }

    public io.restassured.response.Response createRequest(String bearer, UUID visit, String kind, long length, String sha256) {
        return given().header("Authorization", bearer).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(length))
                .header("Upload-Metadata", metadata(Map.of("kind", kind, "filename", "photo.jpg", "sha256", sha256,
                        "capturedAt", recently())))
                .when().post("/api/v1/visits/" + visit + "/captures");
    }

    public ValidatableResponse patch(String bearer, String upload, long offset, byte[] body) {
        return patchRequest(bearer, offset).body(body).when().patch(upload).then();
    }

    public RequestSpecification patchRequest(String bearer, long offset) {
        return given().header("Authorization", bearer).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", String.valueOf(offset)).contentType("application/offset+octet-stream");
    }

    /** Creates and uploads in one PATCH: the capture's id. */
    public UUID upload(AtTheDoor door, String kind, byte[] file) {
        String upload = create(door, kind, file);
        patch(door.bearer(), upload, 0, file).statusCode(204);
        return UUID.fromString(upload.substring(upload.lastIndexOf('/') + 1));
    }

    /** Five minutes ago, in the town's offset: when the tablet took the picture. */
    public static String recently() {
        return java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).minusMinutes(5).toString();
    }

    public static String metadata(Map<String, String> pairs) {
        return new LinkedHashMap<>(pairs).entrySet().stream()
                .map(e -> e.getKey() + " " + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real JPEG, padded after its end with random bytes to about {@code size} (decoders ignore them). */
    public static byte[] jpeg(int size) {
        return padded(image("jpg"), size);
    }

    public static byte[] png(int size) {
        return padded(image("png"), size);
    }

    /** A PDF's first bytes and filler. */
    public static byte[] pdf(int size) {
        byte[] head = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        return padded(head, size);
    }

    /** A small PNG whose header declares a 100000 × 100000 image: a decompression bomb, refused unread. */
    public static byte[] pngBomb() {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 64);
        b.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(100_000).putInt(100_000)
                .put(new byte[] { 8, 2, 0, 0, 0 }).putInt(0);
        return b.array();
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x40);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] padded(byte[] head, int size) {
        byte[] file = new byte[Math.max(size, head.length)];
        ThreadLocalRandom.current().nextBytes(file);
        System.arraycopy(head, 0, file, 0, head.length);
        return file;
    }
}
