package org.doorstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.quarkus.test.junit.QuarkusTest;

/** The hotline operator's desk: find or register the resident, book, read the ticket back. */
@QuarkusTest
class ConsoleDeskTest extends ConsoleTestBase {

    @Test
    void aRegisteredResidentIsBookedFromTheKeyboardAloneAndTheTicketAndDeadlineAreReadBack() throws IOException {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        ConsoleSteps.Person person = office.resident("胡淑坤");
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("受理"));
        assertEquals(b.field("身份证号或手机号"), b.focused(), "the desk opens with the cursor in the search box");

        long started = System.nanoTime();
        int keys = 0;
        b.keys(person.idNumber(), Keys.ENTER);
        keys += person.idNumber().length() + 1;
        WebElement choose = b.button("为胡淑坤预约");
        b.waitFor(d -> choose.equals(d.switchTo().activeElement()));
        b.screenshot("desk-found");
        b.keys(Keys.ENTER);
        keys++;
        WebElement service = b.field("事项");
        b.waitFor(d -> service.equals(d.switchTo().activeElement()));
        b.keys(Keys.ARROW_DOWN, Keys.ENTER);
        keys += 2;
        WebElement confirm = b.button("确认预约");
        b.waitFor(d -> confirm.equals(d.switchTo().activeElement()));
        b.screenshot("desk-confirm");
        assertTrue(b.text("请向来电人宣读告知").getText().contains("版"), "the operator is given the notice to read");
        b.keys(Keys.ENTER);
        keys++;
        WebElement readBack = b.text("前上门办理");
        long millis = (System.nanoTime() - started) / 1_000_000;
        b.waitFor(d -> d.switchTo().activeElement().getText().contains("工单号"));
        b.text("可以告诉来电人的上门时间");
        b.waitFor(d -> !d.findElements(By.cssSelector(".slots li")).isEmpty());
        b.screenshot("desk-booked");

        List<List<Object>> visits = fixtures.query("SELECT ticket_number, channel, caller_relation, caller_name,"
                + " caller_phone_masked FROM visit WHERE resident_id = ?", UUID.fromString(person.id()));
        assertEquals(1, visits.size(), "one visit is booked");
        String ticket = (String) visits.get(0).get(0);
        assertTrue(readBack.getText().contains(ticket), "the operator reads back the ticket " + ticket);
        assertEquals(List.of("HOTLINE_12345", "SELF", "胡淑坤", "138****0042"), visits.get(0).subList(1, 5),
                "the hotline is the default channel and the resident phoned themself");

        Path record = Path.of("target", "console-benchmarks", "keyboard-booking.txt");
        Files.createDirectories(record.getParent());
        Files.writeString(record, "scripted keyboard booking: " + millis + " ms from the ID number to the read-back, "
                + keys + " keystrokes (" + person.idNumber().length() + " of them the ID number)\n");
    }

    @Test
    void anOperatorCorrectsAResidentsPhoneAndAddressWithTheApisErrorsNextToTheFields() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        ConsoleSteps.Person person = office.resident("张桂兰");
        String visit = office.book(person, "SOCIAL_SECURITY_CARD", office.nextWorkingDay()).get(0);
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("受理"));
        b.keys(person.idNumber(), Keys.ENTER);
        b.button("为张桂兰预约").click();
        b.button("更正居民信息").click();
        b.field("新电话").sendKeys("12345");
        b.field("地址").clear();
        b.field("地址").sendKeys("芙蓉村新屋组 3 号");
        b.button("保存更正").click();
        b.waitFor(d -> d.findElement(By.cssSelector("[data-field='phone'] .error")).getText().contains("电话"));
        b.screenshot("desk-correct-errors");
        b.field("新电话").clear();
        b.field("新电话").sendKeys("13907318888");
        // a new address: the desk asks whether the visit not yet made goes there too (yes, as it offers)
        assertTrue(b.field("尚未上门的工单也改到新地址（小分队平板同步后即显示）").isSelected());
        b.button("保存更正").click();
        b.text("已更正张桂兰的信息。1 张工单已改到新地址。");
        b.text("139****8888");
        b.text("芙蓉村新屋组 3 号");
        b.screenshot("desk-corrected");
        assertEquals(List.of(List.of("139****8888", "芙蓉村新屋组 3 号", 1L)), fixtures.query(
                "SELECT phone_masked, address, version FROM resident WHERE id = ?", UUID.fromString(person.id())));
        assertEquals("芙蓉村新屋组 3 号", fixtures.query("SELECT address FROM visit WHERE id = ?::uuid", visit).get(0).get(0));
        b.assertClean();
    }

    @Test
    void aResidentNotFoundIsRegisteredOnTheSameScreenWithTheApisErrorsNextToTheFields() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        String idNumber = IdNumbers.random();
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.field("身份证号或手机号").sendKeys(idNumber, Keys.ENTER);
        b.text("未找到此居民，请登记");
        assertEquals(idNumber, b.field("身份证号").getDomProperty("value"), "the number searched for is carried over");
        assertEquals(b.field("姓名"), b.focused());
        b.field("姓名").sendKeys("刘洋");
        b.field("手机号或固定电话").sendKeys("12345");
        b.field("地址").sendKeys("芙蓉村 3 组 8 号", Keys.ENTER);
        WebElement villageError = b.driver().findElement(By.cssSelector("[data-field='villageId'] .error"));
        b.waitFor(d -> villageError.getText().equals("必填"));
        assertEquals(b.field("村"), b.focused(), "the cursor goes to the first field in error");

        new org.openqa.selenium.support.ui.Select(b.field("村")).selectByVisibleText("芙蓉村");
        b.button("登记并预约").click();
        WebElement phoneError = b.driver().findElement(By.cssSelector("[data-field='phone'] .error"));
        b.waitFor(d -> phoneError.getText().equals("须为 11 位手机号，或带区号的固定电话"));
        assertEquals("", villageError.getText(), "the village's error is gone once it is chosen");
        b.screenshot("desk-register-errors");

        b.field("手机号或固定电话").clear();
        b.field("手机号或固定电话").sendKeys("13907310088", Keys.ENTER);
        b.text("已登记刘洋");
        assertEquals(1, fixtures.count("SELECT count(*) FROM resident WHERE town_id = ?", office.town().id()));
    }

    @Test
    void aSecondOpenVisitOfTheSameServiceIsRefusedNamingTheOpenTicketWithALinkToIt() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        ConsoleSteps.Person person = office.resident("王桂英");
        List<String> open = office.book(person, "RETIREMENT_CERTIFICATION", office.nextWorkingDay());
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.field("身份证号或手机号").sendKeys(person.idNumber(), Keys.ENTER);
        b.button("为王桂英预约").click();
        new org.openqa.selenium.support.ui.Select(b.field("事项")).selectByVisibleText("退休资格认证");
        b.button("下一步：核对").click();
        b.button("确认预约").click();
        b.text("这位居民的同一事项已有未办结的工单 " + open.get(1));
        b.screenshot("desk-open-visit-exists");
        b.link("查看工单 " + open.get(1)).click();
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("工单 " + open.get(1)));
        assertEquals(1, fixtures.count("SELECT count(*) FROM visit WHERE resident_id = ?", UUID.fromString(person.id())));
    }

    @Test
    void aDoubleClickedConfirmationBooksOnceForAProxyCaller() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        ConsoleSteps.Person person = office.resident("李德明");
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.field("身份证号或手机号").sendKeys(person.idNumber(), Keys.ENTER);
        b.button("为李德明预约").click();
        new org.openqa.selenium.support.ui.Select(b.field("事项")).selectByVisibleText("社保卡申领");
        b.driver().findElement(By.xpath("//label[normalize-space(.)='他人代为来电']/input")).click();
        b.field("来电人姓名").sendKeys("李德明的儿子");
        b.field("来电人电话").sendKeys("13907310088");
        b.field("备注").sendKeys("术后卧床；院里有狗");
        b.button("下一步：核对").click();
        b.text("李德明的儿子，子女，13907310088");
        new Actions(b.driver()).doubleClick(b.button("确认预约")).perform();
        b.text("预约成功");
        List<List<Object>> visits = fixtures.query("SELECT caller_name, caller_relation, notes FROM visit"
                + " WHERE resident_id = ?", UUID.fromString(person.id()));
        assertEquals(List.of(List.of("李德明的儿子", "CHILD", "术后卧床；院里有狗")), visits, "booked exactly once");
        assertEquals(1, fixtures.count("SELECT count(*) FROM idempotency_key WHERE staff_id = ?", office.operator().id()),
                "the booking carried its form's Idempotency-Key");
    }
}
