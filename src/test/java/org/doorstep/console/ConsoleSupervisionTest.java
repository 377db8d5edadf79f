package org.doorstep.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.doorstep.supervision.SupervisionSteps;
import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The supervisor's pages in the browser: the day's summary, the trend, the audit trail, parked filings. */
@QuarkusTest
class ConsoleSupervisionTest extends ConsoleTestBase {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    /** Today in a town: three visits booked, one cancelled, one completed and followed up. */
    private ConsoleSteps today() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        LocalDate day = office.nextWorkingDay();
        List<String> done = office.book(office.resident("刘福生"), "RETIREMENT_CERTIFICATION", day);
        List<String> cancelled = office.book(office.resident("赵凤英"), "SOCIAL_SECURITY_CARD", day);
        office.book(office.resident("周冬梅"), "ELDERLY_ALLOWANCE", day);
        given().header("Authorization", office.operator().bearer()).contentType("application/json")
                .body(Map.of("reason", "居民已自行办理")).when().post("/api/v1/visits/" + cancelled.get(0) + "/cancel")
                .then().statusCode(200);
        SupervisionSteps.close(fixtures, done.get(0), "COMPLETE", "COMPLETED", OffsetDateTime.now());
        given().header("Authorization", office.operator().bearer()).contentType("application/json")
                .body(Map.of("reached", true, "satisfaction", 9, "resolved", true)).when()
                .post("/api/v1/visits/" + done.get(0) + "/follow-ups").then().statusCode(201);
        return office;
    }

    @Test
    void theDaysSummaryShowsTheSameNumbersAsTheApiAndItsCsvDownloads() throws Exception {
        ConsoleSteps office = today();
        LocalDate day = LocalDate.now(TOWN);
        JsonPath json = given().header("Authorization", office.supervisor().bearer()).queryParam("date", day.toString())
                .when().get("/api/v1/reports/daily").then().statusCode(200).extract().jsonPath();
        Browser b = browser().go("/").signIn(office.supervisor().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().startsWith("一日一汇总"));
        for (String total : List.of("booked", "scheduled", "completed", "failed", "cancelled", "open", "overdue")) {
            WebElement figure = b.driver().findElement(By.cssSelector("[data-total='" + total + "'] .value"));
            assertEquals(json.getString("totals." + total), figure.getText(), total);
        }
        assertEquals(json.getDouble("followUps.averageSatisfaction"),
                Double.parseDouble(
                        b.driver().findElement(By.cssSelector("[data-total='averageSatisfaction'] .value")).getText()));
        assertEquals(List.of(3, 1, 1, 1, 1), List.of(json.getInt("totals.booked"), json.getInt("totals.completed"),
                json.getInt("totals.cancelled"), json.getInt("totals.open"), json.getInt("followUps.done")),
                "the day as the test made it");
        b.waitFor(d -> !d.findElements(By.cssSelector("figure.chart canvas")).isEmpty()
                && (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return !!window.Chart;"));
        b.screenshot("summary");

        Path csv = Browser.DOWNLOADS.resolve("daily-" + day + ".csv");
        Files.deleteIfExists(csv);
        b.button("下载 CSV").click();
        b.waitFor(d -> Files.exists(csv));
        String content = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(content.startsWith("\uFEFF"), "the CSV keeps its byte order mark");
        String api = given().header("Authorization", office.supervisor().bearer()).accept("text/csv")
                .queryParam("date", day.toString()).when().get("/api/v1/reports/daily").then().statusCode(200).extract()
                .asString();
        java.util.function.Function<String, List<String>> withoutAsOf = text -> text.lines().limit(8)
                .map(line -> line.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+08:00", "asOf")).toList();
        assertEquals(withoutAsOf.apply(api), withoutAsOf.apply(content),
                "the file is the API's CSV (but for the moment it was made)");
    }

    @Test
    void theTrendCoversTheRangeAskedForDayByDay() {
        ConsoleSteps office = today();
        LocalDate to = LocalDate.now(TOWN);
        LocalDate from = to.minusDays(44);
        Browser b = browser().go("/#/trend?from=" + from + "&to=" + to).signIn(office.supervisor().username(),
                Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("趋势"));
        b.text("共 45 天");
        List<WebElement> tables = b.driver().findElements(By.cssSelector("table.chart-data"));
        assertEquals(2, tables.size());
        List<WebElement> rows = tables.get(0).findElements(By.cssSelector("tbody tr"));
        assertEquals(45, rows.size(), "a row for each day of the range");
        String last = (String) b.script("return arguments[0].textContent;", rows.get(44));
        assertTrue(last.startsWith(to.toString().substring(5).replace('-', '/') + "3"), "today booked 3: " + last);
        b.waitFor(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return !!window.Chart;"));
        b.screenshot("trend");
    }

    @Test
    void theAuditTrailFiltersByWhoAndWhatAndTheChainCheckShowsItsHead() {
        ConsoleSteps office = today();
        Browser b = browser().go("/#/audit").signIn(office.supervisor().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("审计"));
        b.field("人员（用户名）").sendKeys(office.operator().username());
        new org.openqa.selenium.support.ui.Select(b.field("操作")).selectByVisibleText("受理预约");
        b.button("筛选").click();
        b.text("共 3 条");
        List<WebElement> rows = b.driver().findElements(By.cssSelector("table[aria-label='审计记录'] tbody tr"));
        assertEquals(3, rows.size());
        rows.forEach(r -> assertTrue(r.getText().contains(office.operator().username()) && r.getText().contains("受理预约"),
                r.getText()));
        b.button("核验审计链").click();
        WebElement head = b.waitFor(d -> d.findElement(By.cssSelector("[data-head]")));
        assertTrue(head.getText().matches("[0-9a-f]{64}"), head.getText());
        b.text("审计链完整");
        b.screenshot("audit");
    }

    @Test
    void aParkedFilingIsShownWithItsErrorAndSentAgain() throws InterruptedException {
        ConsoleSteps office = today();
        String visit = (String) fixtures.query("SELECT id::text FROM visit WHERE town_id = ? AND status = 'COMPLETED'",
                office.town().id()).get(0).get(0);
        String ticket = (String) fixtures.query("SELECT ticket_number FROM visit WHERE id = ?", UUID.fromString(visit))
                .get(0).get(0);
        // No upstream answers in the tests, and a filing that gets no answer is tried again for as long as it
        // takes: once it has failed, it is parked here as a refusal from the upstream would park it.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (fixtures.query("UPDATE filing SET status = 'FAILED' WHERE visit_id = ? AND status = 'PENDING'"
                + " AND last_error IS NOT NULL RETURNING id", UUID.fromString(visit)).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        String error = (String) fixtures.query("SELECT last_error FROM filing WHERE visit_id = ?", UUID.fromString(visit))
                .get(0).get(0);
        Browser b = browser().go("/#/filings").signIn(office.supervisor().username(), Fixtures.PASSWORD);
        WebElement row = b.waitFor(d -> d.findElement(By.xpath("//tr[td[normalize-space(.)='" + ticket + "']]")));
        assertTrue(row.getText().contains(error), row.getText());
        b.screenshot("filings");
        row.findElement(By.xpath(".//button[normalize-space(.)='重新申报']")).click();
        b.text("没有暂停的申报");
        assertEquals("PENDING", fixtures.query("SELECT status FROM filing WHERE visit_id = ?", UUID.fromString(visit))
                .get(0).get(0));
    }

    @Test
    void aDispatcherChangesATeamsVillagesHoursAndMaximum() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        Browser b = browser().go("/#/teams").signIn(office.dispatcher().username(), Fixtures.PASSWORD);
        WebElement row = b.waitFor(d -> d.findElement(By.cssSelector("tr[data-team='" + office.team() + "']")));
        row.findElement(By.xpath(".//button[normalize-space(.)='修改']")).click();
        WebElement max = b.field("每天最多（张）");
        max.clear();
        max.sendKeys("5");
        b.driver().findElement(By.xpath("//fieldset[legend='负责的村']//label[normalize-space(.)='永和村']/input")).click();
        WebElement saturday = b.driver().findElement(By.cssSelector("input[aria-label='周六上午开始']"));
        b.script(
                "arguments[0].value = '09:00'; arguments[1].value = '11:30'; arguments[2].value = ''; arguments[3].value = '';",
                saturday, b.driver().findElement(By.cssSelector("input[aria-label='周六上午结束']")),
                b.driver().findElement(By.cssSelector("input[aria-label='周六下午开始']")),
                b.driver().findElement(By.cssSelector("input[aria-label='周六下午结束']")));
        b.screenshot("team-edit");
        b.button("保存").click();
        b.waitFor(d -> d.findElement(By.cssSelector("tr[data-team='" + office.team() + "']")).getText().contains("5 张"));
        assertEquals(5, fixtures.query("SELECT max_visits_per_day FROM team WHERE id = ?", UUID.fromString(office.team()))
                .get(0).get(0));
        assertEquals(2L, fixtures.count("SELECT count(*) FROM team_village WHERE team_id = ?", UUID.fromString(office.team())));
        assertEquals(List.of(List.of(java.sql.Time.valueOf("09:00:00"), java.sql.Time.valueOf("11:30:00"))),
                fixtures.query("SELECT starts, ends FROM team_hours WHERE team_id = ? AND weekday = 6",
                        UUID.fromString(office.team())),
                "Saturday: a morning only");
    }
}
