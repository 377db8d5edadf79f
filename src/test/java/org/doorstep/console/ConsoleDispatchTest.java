package org.doorstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.doorstep.dispatch.DispatchSteps;
import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.quarkus.test.junit.QuarkusTest;

/** The dispatcher's day in the browser: placing visits, other dispatchers' changes, the day plan, the map. */
@QuarkusTest
class ConsoleDispatchTest extends ConsoleTestBase {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    private Browser board(Browser b, ConsoleSteps office, LocalDate day) {
        b.go("/#/board?date=" + day).signIn(office.dispatcher().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().startsWith("调度台"));
        b.waitFor(d -> !d.findElements(By.cssSelector(".lane-track[data-team]")).isEmpty());
        return b;
    }

    private String slotStart(String visit) {
        Object start = fixtures.query("SELECT slot_start FROM visit WHERE id = ?", UUID.fromString(visit)).get(0).get(0);
        return start == null ? null
                : ((java.sql.Timestamp) start).toInstant().atZone(TOWN).toLocalTime().toString();
    }

    @Test
    void aDispatcherPlacesOneVisitByARecommendedSlotAndAnotherByDraggingItOntoALane() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        LocalDate day = office.nextWorkingDay();
        List<String> first = office.book(office.resident("陈玉梅"), "SOCIAL_SECURITY_CARD", day);
        List<String> second = office.book(office.resident("杨建国"), "MEDICAL_INSURANCE_ENROLMENT", day);
        Browser b = board(browser(), office, day);
        b.text(first.get(1));
        b.screenshot("board-before");

        b.button(first.get(1)).click();
        WebElement option = b.waitFor(d -> d.findElements(By.cssSelector(".placing .slots button")).stream().findFirst()
                .orElse(null));
        b.screenshot("board-recommendations");
        option.click();
        b.waitFor(d -> !d.findElements(By.cssSelector(".block[data-visit='" + first.get(0) + "']")).isEmpty());
        assertEquals("08:30", slotStart(first.get(0)), "the best recommendation is the team's first free slot");

        WebElement card = b.driver().findElement(By.cssSelector(".card[data-visit='" + second.get(0) + "']"));
        WebElement track = b.driver().findElement(By.cssSelector(".lane-track[data-team='" + office.team() + "']"));
        int start = Integer.parseInt(track.getDomAttribute("data-start"));
        int end = Integer.parseInt(track.getDomAttribute("data-end"));
        int width = track.getRect().getWidth();
        int at = 14 * 60 + 30;
        int x = (int) Math.round((at - start) / (double) (end - start) * width) - width / 2 + 1;
        new Actions(b.driver()).clickAndHold(card).moveByOffset(10, 10).moveToElement(track, x, 0).pause(200).release()
                .perform();
        b.waitFor(d -> !d.findElements(By.cssSelector(".block[data-visit='" + second.get(0) + "']")).isEmpty());
        assertEquals("14:30", slotStart(second.get(0)), "the visit starts where it was dropped");
        b.screenshot("board-placed");
    }

    @Test
    void aChangeOnAStaleViewIsRefusedAndExplainedWhileTheBoardFollowsTheOtherDispatcherWithoutAReload() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        LocalDate day = office.nextWorkingDay();
        List<String> visit = office.book(office.resident("黄金水"), "SOCIAL_SECURITY_CARD", day);
        Fixtures.TestStaff colleague = fixtures.staff(office.town(), "dispatcher");
        Browser mine = board(browser(), office, day);
        mine.script("window.sameDocument = true;");
        mine.button(visit.get(1)).click();
        WebElement myOption = mine.waitFor(d -> d.findElements(By.cssSelector(".placing .slots button")).stream()
                .findFirst().orElse(null));

        try (Browser theirs = anotherBrowser()) {
            theirs.go("/#/board?date=" + day).signIn(colleague.username(), Fixtures.PASSWORD);
            theirs.button(visit.get(1)).click();
            List<WebElement> options = theirs.waitFor(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(".placing .slots button"));
                return found.size() >= 2 ? found : null;
            });
            options.get(1).click();
            theirs.waitFor(d -> !d.findElements(By.cssSelector(".block[data-visit='" + visit.get(0) + "']")).isEmpty());
            theirs.assertClean();
        }
        String placedByThem = slotStart(visit.get(0));
        assertEquals("08:40", placedByThem);

        mine.waitFor(d -> !d.findElements(By.cssSelector(".block[data-visit='" + visit.get(0) + "']")).isEmpty());
        assertEquals(true, mine.script("return window.sameDocument === true;"), "the board followed without a reload");

        myOption.click();
        WebElement notice = mine.waitFor(d -> d.findElement(By.id("board-notice")));
        mine.waitFor(d -> notice.isDisplayed() && notice.getText().contains("刚被别人改过"));
        assertTrue(notice.getText().contains("现在：") && notice.getText().contains("08:40"), notice.getText());
        mine.screenshot("board-stale-refused");
        assertEquals(placedByThem, slotStart(visit.get(0)), "the stale change was not applied over theirs");
    }

    @Test
    void planningTheDayShowsTheSolverMovingThenTheProposalOnTheMapWhichAppliedPlacesEveryVisit() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        LocalDate day = office.nextWorkingDay();
        List<String> everywhere = office.town().villages().stream().map(v -> v.id().toString()).toList();
        DispatchSteps.team(office.dispatcher(), everywhere, 6);
        DispatchSteps.team(office.dispatcher(), everywhere, 6);
        String[] villages = { "XINYUAN", "FURONG", "YONGHE" };
        for (int i = 0; i < 12; i++) {
            DispatchSteps.visit(office.town(), office.operator(), day, i % 3 == 0 ? "MORNING" : "ANY", villages[i % 3]);
        }
        Browser b = board(browser(), office, day);
        b.button("自动排班").click();
        Set<String> readings = new LinkedHashSet<>();
        WebElement progress = b.waitFor(d -> d.findElement(By.id("plan-progress")));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!progress.getText().contains("已完成") && System.nanoTime() < deadline) {
            if (progress.getText().startsWith("已用")) {
                readings.add(progress.getText());
            }
            if (readings.size() == 2) {
                b.screenshot("plan-progress");
            }
            sleep(100);
        }
        assertTrue(readings.size() >= 2, "the progress moved at least once while solving: " + readings);
        b.button("应用方案");
        b.waitFor(d -> d.findElement(By.id("map-title")).getText().contains("方案"));
        b.screenshot("plan-proposal");
        b.button("应用方案").click();
        b.waitFor(d -> d.findElements(By.cssSelector(".block[data-visit]")).size() == 12);
        assertEquals(12, fixtures.count("SELECT count(*) FROM visit WHERE town_id = ? AND status = 'SCHEDULED'",
                office.town().id()), "every visit is placed");
        b.waitFor(d -> d.findElement(By.id("map-title")).getText().equals("路线图"));

        for (WebElement lane : b.driver().findElements(By.cssSelector(".lane-track[data-team]"))) {
            int blocks = lane.findElements(By.cssSelector(".block")).size();
            String teamName = lane.getAttribute("aria-label").replace("的时间轴", "");
            List<WebElement> route = b.driver()
                    .findElements(By.cssSelector("svg.route-map g.route[data-team='" + teamName + "']"));
            assertEquals(1, route.size(), "one line for " + teamName);
            assertEquals(blocks, route.get(0).findElements(By.cssSelector("g.stop")).size(),
                    teamName + " has as many stops on the map as visits on its lane");
        }
        b.screenshot("board-map");
    }

    @Test
    void aDispatcherSeesOnlyTheirOwnTownsBoardAndNoAuditPage() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        ConsoleSteps guandu = ConsoleSteps.town(fixtures);
        LocalDate day = office.nextWorkingDay();
        List<String> ours = office.book(office.resident("本镇居民"), "SOCIAL_SECURITY_CARD", day);
        Browser b = board(browser(), guandu, day);
        b.waitFor(d -> d.findElement(By.id("waiting-title")).isDisplayed());
        assertFalse(b.shows(ours.get(1)), "another town's visit is not on this board");
        String guanduTeam = (String) fixtures.query("SELECT name FROM team WHERE id = ?", UUID.fromString(guandu.team()))
                .get(0).get(0);
        List<String> lanes = b.driver().findElements(By.cssSelector(".lane-track[data-team]")).stream()
                .map(e -> e.getDomAttribute("data-team")).toList();
        assertEquals(List.of(guandu.team()), lanes, "only " + guanduTeam);
        assertFalse(b.shows("审计"), "no audit page in a dispatcher's header");
        b.go("/#/audit");
        b.text("您没有权限访问此页面。");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
