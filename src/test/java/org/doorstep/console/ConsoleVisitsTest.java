package org.doorstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.doorstep.supervision.SupervisionSteps;
import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import io.quarkus.test.junit.QuarkusTest;

/** Visits on the console: the lists, a visit's page and history, cancelling, rebooking, the follow-up call. */
@QuarkusTest
class ConsoleVisitsTest extends ConsoleTestBase {

    @Test
    void anOpenVisitIsCancelledWithAReasonThatItsHistoryShows() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        List<String> visit = office.book(office.resident("赵秀兰"), "SOCIAL_SECURITY_CARD", office.nextWorkingDay());
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.link("工单").click();
        b.link(visit.get(1));
        b.screenshot("visits-open");
        b.link(visit.get(1)).click();
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("工单 " + visit.get(1)));
        b.text("受理预约");
        b.button("取消工单").click();
        b.field("取消原因").sendKeys("居民已自行到村服务中心办理");
        b.screenshot("visit-cancel");
        b.button("确认取消工单").click();
        b.text("居民已自行到村服务中心办理");
        b.waitFor(d -> d.findElements(By.xpath("//span[contains(@class,'badge') and normalize-space(.)='已取消']")).size() > 0);
        assertFalse(b.shows("取消工单"), "a cancelled visit offers no second cancel");
        b.screenshot("visit-cancelled");
        assertEquals("CANCELLED", fixtures.query("SELECT status FROM visit WHERE id = ?", UUID.fromString(visit.get(0)))
                .get(0).get(0));
    }

    @Test
    void aClosedVisitsFollowUpCallIsRecordedAndTheFullNumberIsShownOnlyWhenAskedFor() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        List<String> visit = office.book(office.resident("孙玉珍"), "RETIREMENT_CERTIFICATION", office.nextWorkingDay());
        SupervisionSteps.close(fixtures, visit.get(0), "COMPLETE", "COMPLETED", OffsetDateTime.now());
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.link("回访").click();
        b.text(visit.get(1));
        assertFalse(b.shows("13807310042"), "the full number is not shown before it is asked for");
        long readsBefore = phoneReads(office);
        b.button("记录回访").click();
        b.button("显示号码").click();
        b.text("13807310042");
        assertEquals(readsBefore + 1, phoneReads(office), "showing the number is audited");
        b.driver().findElement(By.xpath("//label[normalize-space(.)='联系上']/input")).click();
        new org.openqa.selenium.support.ui.Select(b.field("满意度（1–10 分）")).selectByVisibleText("9 分");
        b.driver().findElement(By.xpath("//label[normalize-space(.)='已解决']/input")).click();
        b.field("回访记录").sendKeys("老人很满意，证件已办好");
        b.screenshot("follow-up-call");
        b.button("保存回访").click();
        b.text("没有待回访的工单");
        List<List<Object>> calls = fixtures.query("SELECT reached, satisfaction, resolved, comment FROM follow_up"
                + " WHERE visit_id = ?", UUID.fromString(visit.get(0)));
        assertEquals(List.of(List.of(true, 9, true, "老人很满意，证件已办好")), calls);
    }

    @Test
    void aFollowUpMissingItsSatisfactionShowsTheApisErrorUnderIt() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        List<String> visit = office.book(office.resident("钱志强"), "RETIREMENT_CERTIFICATION", office.nextWorkingDay());
        SupervisionSteps.close(fixtures, visit.get(0), "COMPLETE", "COMPLETED", OffsetDateTime.now());
        Browser b = browser().go("/#/visits/" + visit.get(0)).signIn(office.operator().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("工单 " + visit.get(1)));
        b.driver().findElement(By.xpath("//label[normalize-space(.)='联系上']/input")).click();
        b.button("保存回访").click();
        b.waitFor(d -> d.findElement(By.cssSelector("[data-field='satisfaction'] .error")).getText().equals("必填"));
        assertEquals(0, fixtures.count("SELECT count(*) FROM follow_up WHERE visit_id = ?", UUID.fromString(visit.get(0))));
    }

    @Test
    void aFailedVisitIsBookedAgainLinkedToTheOneThatFailed() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        List<String> failed = office.book(office.resident("周建国"), "ELDERLY_ALLOWANCE", office.nextWorkingDay());
        SupervisionSteps.close(fixtures, failed.get(0), "FAIL", "FAILED", OffsetDateTime.now());
        Browser b = browser().go("/#/visits/" + failed.get(0)).signIn(office.operator().username(), Fixtures.PASSWORD);
        b.button("重新预约").click();
        b.text("重新预约未办成的工单 " + failed.get(1));
        assertEquals("高龄津贴申领", new org.openqa.selenium.support.ui.Select(b.field("事项")).getFirstSelectedOption()
                .getText(), "the same service is chosen");
        b.field("备注").sendKeys("上次家中无人，请先电话联系");
        b.button("下一步：核对").click();
        b.button("确认预约").sendKeys(Keys.ENTER);
        b.text("预约成功");
        assertEquals(1,
                fixtures.count("SELECT count(*) FROM visit WHERE previous_visit_id = ?", UUID.fromString(failed.get(0))));
    }

    @Test
    void anotherTownsVisitStaysInvisibleEvenByItsAddress() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        ConsoleSteps elsewhere = ConsoleSteps.town(fixtures);
        List<String> theirs = elsewhere.book(elsewhere.resident("外镇居民"), "SOCIAL_SECURITY_CARD", elsewhere.nextWorkingDay());
        Browser b = browser().go("/#/visits/" + theirs.get(0)).signIn(office.operator().username(), Fixtures.PASSWORD);
        b.text("没有找到这项内容，或它不属于本镇。");
        assertFalse(b.shows("外镇居民"));
        b.link("工单").click();
        b.link("全部").click();
        b.waitFor(d -> d.findElement(By.cssSelector("[aria-current='page']")).isDisplayed());
        assertFalse(b.shows(theirs.get(1)), "the other town's ticket is in no list");
    }

    private long phoneReads(ConsoleSteps office) {
        return fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'PERSONAL_DATA_READ' AND actor_id = ?",
                office.operator().id());
    }
}
