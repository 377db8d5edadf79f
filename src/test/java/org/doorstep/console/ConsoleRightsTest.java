package org.doorstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;

/** Residents' rights requests in the browser: recorded at the desk, closed by the supervisor, the overdue first. */
@QuarkusTest
class ConsoleRightsTest extends ConsoleTestBase {

    @Test
    void anOperatorRecordsARequestAtTheDeskAndTheSupervisorRefusesItWithTheReasonTheOverdueFirst() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        ConsoleSteps.Person person = office.resident("陈秀兰");
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("受理"));
        b.keys(person.idNumber(), Keys.ENTER);
        b.button("为陈秀兰预约").click();
        b.button("个人信息权利申请").click();
        b.button("记录申请").click();
        b.waitFor(d -> d.findElement(By.cssSelector("[data-field='kind'] .error")).isDisplayed());
        b.screenshot("rights-request-errors");
        new Select(b.field("申请事项")).selectByValue("DELETION");
        new Select(b.field("申请人")).selectByValue("CHILD");
        b.field("代为申请人姓名").sendKeys("陈建华");
        new Select(b.field("如何核实身份")).selectByValue("WRITTEN_AUTHORISATION");
        b.field("申请内容").sendKeys("母亲已搬去城里，要求删除信息");
        b.button("记录申请").click();
        b.text("已记录陈秀兰的申请，办理期限");
        b.screenshot("rights-request-recorded");
        assertEquals(List.of(List.of("DELETION", "CHILD", "陈建华", "OPEN")), fixtures.query("SELECT kind, requested_by,"
                + " requester_name, status FROM rights_request WHERE resident_id = ?", UUID.fromString(person.id())));

        // an older request of the town is overdue: it comes first
        ConsoleSteps.Person other = office.resident("李桂芝");
        fixtures.update("INSERT INTO rights_request (id, town_id, resident_id, kind, requested_by, identity_check, status,"
                + " received_at, due_at, recorded_by) VALUES (gen_random_uuid(), ?, ?, 'ACCESS_COPY', 'SELF',"
                + " 'ID_NUMBER_AND_NAME', 'OPEN', now() - interval '40 days', now() - interval '10 days', ?)",
                office.town().id(), UUID.fromString(other.id()), office.operator().id());
        b.assertClean();
        Browser s = b.forgetCookies().go("/#/rights").reload().signIn(office.supervisor().username(), Fixtures.PASSWORD);
        s.waitFor(d -> d.findElements(By.cssSelector("ul.results li")).size() == 2);
        List<WebElement> items = s.driver().findElements(By.cssSelector("ul.results li"));
        assertTrue(items.get(0).getText().contains("已超期") && items.get(0).getText().contains("查阅复制"), items.get(0).getText());
        assertTrue(items.get(1).getText().contains("删除个人信息") && items.get(1).getText().contains("陈建华"));
        s.screenshot("rights-requests");
        items.get(1).findElement(By.xpath(".//button[normalize-space(.)='拒绝…']")).click();
        s.field("拒绝的法定理由（将告知居民）").sendKeys("该居民仍有未办结的工单，办结后再删除");
        s.button("确认拒绝").click();
        s.waitFor(d -> d.findElements(By.cssSelector("ul.results li")).size() == 1);
        assertEquals(List.of(List.of("REFUSED", "该居民仍有未办结的工单，办结后再删除")), fixtures.query(
                "SELECT status, reason FROM rights_request WHERE resident_id = ?", UUID.fromString(person.id())));
        // the access copy is made on its request, which that closes: there is no "done" to press by hand
        WebElement copy = s.driver().findElement(By.cssSelector("ul.results li"));
        assertTrue(copy.findElements(By.xpath(".//button[normalize-space(.)='已办结']")).isEmpty());
        copy.findElement(By.xpath(".//button[normalize-space(.)='制作副本']")).click();
        s.waitFor(d -> d.findElements(By.cssSelector("ul.results li")).isEmpty());
        assertEquals(List.of(List.of("DONE")), fixtures.query("SELECT status FROM rights_request WHERE resident_id = ?",
                UUID.fromString(other.id())));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'ACCESS_COPY_PRODUCED'"
                + " AND target_id = ?", other.id()));
        s.assertClean();
    }
}
