package org.doorstep.field;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps;
import org.doorstep.console.Browser;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.LoopbackProxy;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The field app in a real browser, used as an agent uses it on a tablet: enrolled from the admin's code, a visit
 * done at the door with the network cut, sent when the network comes back, an upload on a weak link resumed after
 * the app was closed, a refusal shown while the rest goes on, and a revoked tablet wiped at its next contact.
 */
@QuarkusTest
class FieldAppTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");
    private static final Path FILES = Path.of("target", "field-files");

    @TestHTTPResource("/")
    URL root;
    @Inject
    Fixtures fixtures;
    @Inject
    CaptureSteps steps;

    /** A town with its admin, operator and a team of one agent, and a visit of this service for the team today. */
    private record Day(TestTown town, TestStaff admin, TestStaff operator, UUID team, TestStaff agent, UUID visit) {
    }

    private Day day(String service) {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        UUID team = fixtures.team(town.id(), "一队" + Fixtures.randomLetters(3), town.village("XINYUAN").id());
        TestStaff agent = fixtures.staff(town.id(), team, "field_agent");
        return new Day(town, fixtures.staff(town, "admin"), operator, team, agent,
                visitToday(town, operator, team, service, 10));
    }

    private UUID visitToday(TestTown town, TestStaff operator, UUID team, String service, int hour) {
        UUID visit = steps.book(town, operator, service);
        ZonedDateTime start = LocalDate.now(TOWN).atTime(hour, 0).atZone(TOWN);
        fixtures.update("UPDATE visit SET team_id = ?, slot_start = ?, slot_end = ?, status = 'SCHEDULED' WHERE id = ?", team,
                java.sql.Timestamp.from(start.toInstant()), java.sql.Timestamp.from(start.plusMinutes(30).toInstant()), visit);
        return visit;
    }

    private String code(TestStaff admin) {
        return given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("label", "平板 " + Fixtures.randomLetters(4))).when().post("/api/v1/devices")
                .then().statusCode(201).extract().path("enrollmentCode");
    }

    /** Enrols the tablet with the typed code and signs the agent in: the day appears. */
    private void enrolAndSignIn(Browser b, Day day) {
        b.go("/field/");
        b.field("登记码").sendKeys(code(day.admin()));
        b.screenshot("enrol");
        b.assertAccessible("enrol");
        b.button("登记").click();
        signIn(b, day.agent());
    }

    private static void signIn(Browser b, TestStaff agent) {
        b.waitFor(d -> d.findElement(By.xpath("//h1[.='上门队员登录']")));
        b.field("用户名").sendKeys(agent.username());
        b.field("密码").sendKeys(Fixtures.PASSWORD);
        b.screenshot("sign-in");
        b.button("登录").click();
        b.waitFor(d -> d.findElement(By.xpath("//h1[starts-with(., '今日工单')]")));
    }

    private static void waitUntil(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** What the tablet keeps in IndexedDB, as counts and the words of its queue (never its bytes). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> kept(Browser b) {
        return (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeAsyncScript(
                """
                        const done = arguments[arguments.length - 1];
                        const open = indexedDB.open('doorstep-field');
                        open.onsuccess = () => {
                          const db = open.result;
                          const names = ['tablet', 'session', 'meta', 'visits', 'outbox', 'files'].filter((n) => db.objectStoreNames.contains(n));
                          if (!names.length) { done({}); return; }
                          const tx = db.transaction(names);
                          const out = {};
                          names.forEach((n) => {
                            const all = tx.objectStore(n).getAll();
                            all.onsuccess = () => {
                              const rows = all.result;
                              out[n] = rows.length;
                              if (n === 'outbox') out.states = rows.map((c) => c.state);
                              if (n === 'files') out.blobs = rows.filter((f) => f.blob).length;
                              if (n === 'visits') out.names = rows.map((v) => v.resident ? v.resident.name : null);
                            };
                          });
                          tx.oncomplete = () => { db.close(); done(out); };
                        };
                        open.onerror = () => done({ error: String(open.error) });
                        """);
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Files.createDirectories(FILES);
        return Files.write(FILES.resolve(name), bytes).toAbsolutePath();
    }

    /** A photo as a tablet's camera takes it: this size, busy enough not to compress to nothing. */
    static byte[] photo(int width, int height, long seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(width / 4),
                    20 + random.nextInt(height / 4));
        }
        g.dispose();
        for (int i = 0; i < width * height / 6; i++) {
            image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xffffff));
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(0.92f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), quality);
        }
        writer.dispose();
        return bytes.toByteArray();
    }

    private void drawSignature(Browser b) {
        WebElement pad = b.waitFor(d -> d.findElement(By.cssSelector("canvas.signature")));
        b.script("arguments[0].scrollIntoView({block: 'center'})", pad);
        new Actions(b.driver()).moveToElement(pad, -250, 10).clickAndHold().moveByOffset(80, -30).moveByOffset(80, 40)
                .moveByOffset(90, -20).moveByOffset(60, 30).release().perform();
    }

    /** Takes a capture of this kind from a file, as the tablet's camera (or its files) hands it over, and keeps it. */
    static void capture(Browser b, String kind, Path file, boolean pdf) {
        String input = "pick-" + kind + (pdf ? "-pdf" : "");
        b.waitFor(d -> d.findElement(By.id(input))).sendKeys(file.toString());
        WebElement use = b.waitFor(d -> d.findElement(By.xpath("//input[@id='" + input + "']/ancestor::li//button[.='使用']")));
        b.script("arguments[0].scrollIntoView({block: 'center'})", use);
        use.click();
        b.waitFor(d -> d.findElement(By.xpath("//input[@id='pick-" + kind + "']/ancestor::li[contains(@class,'done')]")));
    }

    private String sha256(Path file) throws Exception {
        return CaptureSteps.sha256(Files.readAllBytes(file));
    }

    @Test
    void anAgentDoesAWholeVisitWithNoNetworkAndTheServerGetsEverythingOnceWhenItComesBack() throws Exception {
        Day day = day("RETIREMENT_CERTIFICATION");
        Path face = write("face.jpg", photo(2400, 3200, 1));
        Path front = write("id-front.jpg", photo(1000, 630, 2));
        Path back = write("id-back.jpg", photo(1000, 630, 3));
        Path form = write("form.pdf", CaptureSteps.pdf(300_000));
        try (Browser b = Browser.tablet(root)) {
            enrolAndSignIn(b, day);
            // the screen is drawn again as the sync lands: what it shows is read in one go
            String card = b.waitFor(d -> d.findElement(By.cssSelector("ol.visits li.visit")).getText());
            assertTrue(card.contains("心源村") && card.contains("退休资格认证") && card.contains("10:00"), card);
            String call = b
                    .waitFor(d -> d.findElement(By.cssSelector("ol.visits li.visit a[href^='tel:']")).getAttribute("href"));
            assertTrue(call.startsWith("tel:138"), call);
            b.screenshot("today");
            b.assertAccessible("today");

            // no network from here to the end of the visit, and the app opened again in the valley
            b.offline();
            b.reload();
            b.waitFor(d -> d.findElement(By.cssSelector("ol.visits li.visit")));
            b.text("无网络，工作照常，联网后自动发送");
            b.driver().findElement(By.linkText("开始")).click();
            b.button("出发").click();
            b.button("到达").click();
            b.waitFor(d -> d.findElement(By.xpath("//h2[.='人脸采集同意']")));
            b.waitFor(d -> d.findElement(By.id("consent-text")).getText().contains("第"));
            drawSignature(b);
            b.screenshot("consent");
            b.assertAccessible("consent");
            b.button("同意并签名").click();
            b.waitFor(d -> d.findElement(By.xpath("//h2[.='✓ 已取得人脸采集同意']")));
            capture(b, "FACE_PHOTO", face, false);
            capture(b, "ID_CARD_FRONT", front, false);
            capture(b, "ID_CARD_BACK", back, false);
            capture(b, "APPLICATION_FORM", form, true);
            b.screenshot("captures");
            b.button("办结").click();
            b.text("本工单已办结。发送情况见“发送情况”页。");
            b.driver().findElement(By.cssSelector(".bar .queue")).click();
            b.text("还有 9 项未发送");
            b.screenshot("status-offline");

            Map<String, Object> waiting = kept(b);
            assertEquals(9L, waiting.get("outbox"), "3 events, the consent, the signature and 4 captures: " + waiting);
            assertEquals(0L, fixtures.count("SELECT count(*) FROM visit_event WHERE visit_id = ? AND type IN"
                    + " ('DEPART', 'ARRIVE', 'COMPLETE')", day.visit()), "nothing left the tablet");

            b.online();
            waitUntil("the visit to be completed on the server", Duration.ofSeconds(60), () -> "COMPLETED".equals(
                    fixtures.query("SELECT status FROM visit WHERE id = ?", day.visit()).get(0).get(0)));
            b.waitFor(d -> d.findElement(By.cssSelector(".bar .queue")).getText().equals("全部已发送"));
            b.text("全部已发送：平板上没有待发送的内容，可以离开。");
            b.screenshot("status-all-sent");
            b.assertAccessible("status");

            for (String type : List.of("DEPART", "ARRIVE", "COMPLETE")) {
                assertEquals(List.of(List.of(1L, "FIXED")), fixtures.query("SELECT count(*), min(location_status) FROM"
                        + " visit_event WHERE visit_id = ? AND type = ?", day.visit(), type), type + " once, with where");
            }
            assertEquals(1, fixtures.count("SELECT count(*) FROM consent c JOIN capture s ON s.id = c.signature_capture_id"
                    + " WHERE c.visit_id = ? AND s.kind = 'SIGNATURE'", day.visit()), "the consent, signed");
            Map<String, String> captured = new java.util.HashMap<>();
            fixtures.query("SELECT kind, sha256, size FROM capture WHERE visit_id = ? AND status = 'COMPLETE'", day.visit())
                    .forEach(r -> captured.put((String) r.get(0), (String) r.get(1)));
            assertEquals(java.util.Set.of("SIGNATURE", "FACE_PHOTO", "ID_CARD_FRONT", "ID_CARD_BACK", "APPLICATION_FORM"),
                    captured.keySet());
            assertEquals(sha256(front), captured.get("ID_CARD_FRONT"), "byte for byte");
            assertEquals(sha256(back), captured.get("ID_CARD_BACK"), "byte for byte");
            assertEquals(sha256(form), captured.get("APPLICATION_FORM"), "a PDF goes as it is");
            // the face photo was shrunk on the tablet to what the service needs
            long faceSize = fixtures.count("SELECT size FROM capture WHERE visit_id = ? AND kind = 'FACE_PHOTO'", day.visit());
            assertTrue(faceSize < Files.size(face) / 2, faceSize + " bytes sent of a " + Files.size(face) + "-byte photo");
            TestStaff supervisor = fixtures.staff(day.town(), "supervisor");
            String faceId = fixtures.query("SELECT id FROM capture WHERE visit_id = ? AND kind = 'FACE_PHOTO'", day.visit())
                    .get(0).get(0).toString();
            BufferedImage sent = ImageIO.read(new ByteArrayInputStream(given().header("Authorization", supervisor.bearer())
                    .when().get("/api/v1/captures/" + faceId + "/content").then().statusCode(200).extract().asByteArray()));
            assertEquals(List.of(960, 1280), List.of(sent.getWidth(), sent.getHeight()));

            Map<String, Object> after = kept(b);
            assertEquals(0L, after.get("blobs"), "no capture's bytes stay on the tablet once the server has them: " + after);
            b.assertClean();
        }
    }

    @Test
    void aTabletIsEnrolledFromAPhotoOfTheQrCodeOnTheAdminsScreen() throws Exception {
        Day day = day("SOCIAL_SECURITY_CARD");
        Path qr;
        try (Browser console = Browser.open(root)) {
            console.go("/").signIn(day.admin().username(), Fixtures.PASSWORD);
            console.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("平板"));
            console.field("名称").sendKeys("永安一队 平板 5");
            console.button("登记并生成登记码").click();
            WebElement image = console.waitFor(d -> d.findElement(By.cssSelector(".qr img")));
            // photographed once it is drawn, not while the image is still loading
            console.waitFor(d -> Boolean.TRUE.equals(console.script(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", image)));
            qr = write("enrolment-qr.png", image.getScreenshotAs(OutputType.BYTES));
        }
        try (Browser b = Browser.tablet(root)) {
            b.go("/field/");
            b.waitFor(d -> d.findElement(By.xpath("//h1[.='登记这台平板']")));
            b.driver().findElement(By.id("qr-photo")).sendKeys(qr.toString());
            signIn(b, day.agent());
            b.waitFor(d -> d.findElement(By.cssSelector("ol.visits li.visit")));
            assertEquals(1,
                    fixtures.count("SELECT count(*) FROM device WHERE town_id = ? AND status = 'ACTIVE'", day.town().id()));
            b.assertClean();
        }
    }

    @Test
    void aRefusedActionIsShownAndTheRestOfTheQueueGoesOn() throws Exception {
        Day day = day("SOCIAL_SECURITY_CARD");
        UUID second = visitToday(day.town(), day.operator(), day.team(), "MEDICAL_INSURANCE_ENROLMENT", 11);
        try (Browser b = Browser.tablet(root)) {
            enrolAndSignIn(b, day);
            b.waitFor(d -> d.findElements(By.cssSelector("ol.visits li.visit")).size() == 2);
            b.offline();
            for (UUID visit : List.of(day.visit(), second)) {
                b.go("/field/#/visit/" + visit);
                b.button("出发").click();
                b.waitFor(d -> d.findElement(By.xpath("//button[.='到达']")));
            }
            // meanwhile the office cancels the first visit
            given().header("Authorization", day.operator().bearer()).contentType("application/json")
                    .body(Map.of("reason", "居民已自行到窗口办理")).when().post("/api/v1/visits/" + day.visit() + "/cancel")
                    .then().statusCode(200);
            b.go("/field/#/status");
            b.online();
            waitUntil("the second visit's departure", Duration.ofSeconds(30),
                    () -> "EN_ROUTE".equals(fixtures.query("SELECT status FROM visit WHERE id = ?", second).get(0).get(0)));
            String refused = b.waitFor(d -> d.findElement(By.cssSelector("ul.list li.refused")).getText());
            assertTrue(refused.contains("服务器退回"), refused);
            b.screenshot("status-refused");
            assertEquals("CANCELLED", fixtures.query("SELECT status FROM visit WHERE id = ?", day.visit()).get(0).get(0));
            // the cancelled visit shows as such after the next sync, its work kept
            b.go("/field/#/today");
            b.button("同步").click();
            b.waitFor(d -> d.findElement(By.xpath("//li[contains(@class,'visit')][.//span[.='已取消' or .='已撤回']]")));
            b.assertClean();
        }
    }

    @Test
    void aRevokedTabletSignsItsAgentOutAtTheNextContactAndKeepsNothingPersonal() throws Exception {
        Day day = day("SOCIAL_SECURITY_CARD");
        try (Browser b = Browser.tablet(root)) {
            enrolAndSignIn(b, day);
            b.waitFor(d -> d.findElement(By.cssSelector("ol.visits li.visit")));
            assertEquals(1L, kept(b).get("visits"));
            UUID device = (UUID) fixtures.query("SELECT id FROM device WHERE town_id = ?", day.town().id()).get(0).get(0);
            given().header("Authorization", day.admin().bearer()).when().post("/api/v1/devices/" + device + "/revoke").then()
                    .statusCode(200);
            b.button("同步").click();
            b.waitFor(d -> d.findElement(By.xpath("//h1[.='上门队员登录' or .='登记这台平板']")));
            Map<String, Object> left = kept(b);
            for (String store : List.of("session", "visits", "outbox", "files", "meta")) {
                assertEquals(0L, left.get(store), store + " is empty: " + left);
            }
            // and the revoked tablet cannot sign in again: it must be enrolled anew
            b.field("用户名").sendKeys(day.agent().username());
            b.field("密码").sendKeys(Fixtures.PASSWORD);
            b.button("登录").click();
            b.waitFor(d -> d.findElement(By.xpath("//h1[.='登记这台平板']")));
            assertEquals(0L, kept(b).get("tablet"), "the revoked tablet forgot its own credentials");
            b.assertClean();
        }
    }

    @Test
    void aLargeCaptureOnAWeakLinkResumesFromTheServersOffsetAfterTheAppIsClosed() throws Exception {
        Day day = day("SOCIAL_SECURITY_CARD");
        fixtures.update("UPDATE visit SET status = 'ON_SITE' WHERE id = ?", day.visit());
        byte[] pdf = CaptureSteps.pdf(6 * 1024 * 1024);
        Path form = write("form-6mb.pdf", pdf);
        try (LoopbackProxy network = new LoopbackProxy(root.getPort());
                Browser b = Browser.tablet(new URL("http://localhost:" + network.port() + "/"))) {
            enrolAndSignIn(b, day);
            b.driver().findElement(By.linkText("打开")).click();
            long before = network.received();
            // slow 3G: 400 ms and about 50 KB/s each way
            b.network(false, 400, 50 * 1024, 50 * 1024);
            capture(b, "APPLICATION_FORM", form, true);
            waitUntil("a part of the file on the server", Duration.ofSeconds(60), () -> fixtures.count(
                    "SELECT coalesce(sum(p.length), 0) FROM capture_part p JOIN capture c ON c.id = p.capture_id"
                            + " WHERE c.visit_id = ? AND c.kind = 'APPLICATION_FORM'",
                    day.visit()) > 0);
            // the agent closes the app half-way; the tablet then finds a better signal
            b.reload();
            b.network(false, 100, 1024 * 1024, 1024 * 1024);
            waitUntil("the whole file on the server", Duration.ofSeconds(90), () -> fixtures.count(
                    "SELECT count(*) FROM capture WHERE visit_id = ? AND kind = 'APPLICATION_FORM' AND status = 'COMPLETE'",
                    day.visit()) == 1);
            long sent = network.received() - before;
            assertTrue(sent < 1.3 * pdf.length, sent + " bytes reached the server for a " + pdf.length + "-byte file");
            assertEquals(CaptureSteps.sha256(pdf), fixtures.query("SELECT sha256 FROM capture WHERE visit_id = ? AND kind ="
                    + " 'APPLICATION_FORM'", day.visit()).get(0).get(0));
            b.assertClean();
        }
    }
}
