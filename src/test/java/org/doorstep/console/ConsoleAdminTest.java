package org.doorstep.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import io.quarkus.test.junit.QuarkusTest;

/** The admin's pages: tablets with their enrolment QR code, staff accounts, the working calendar. */
@QuarkusTest
class ConsoleAdminTest extends ConsoleTestBase {

    @Test
    void aRegisteredTabletsQrCodeReadsBackToItsEnrolmentCodeAndTheTabletIsRevokedAfterAConfirmation() throws Exception {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        Browser b = browser().go("/").signIn(office.admin().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("平板"));
        b.field("名称").sendKeys("永安一队 平板 3");
        b.field("序列号").sendKeys("R52T30ABCDE");
        b.button("登记并生成登记码").click();
        WebElement code = b.waitFor(d -> d.findElement(By.cssSelector("[data-enrollment-code]")));
        String typed = code.getText();
        b.text("剩余时间 14:");
        b.screenshot("tablet-enrolment-code");

        WebElement qr = b.driver().findElement(By.cssSelector(".qr img"));
        assertEquals(typed, decode(qr.getScreenshotAs(OutputType.BYTES)), "the QR code reads back to the code shown");

        String deviceId = given().contentType("application/json").body(Map.of("enrollmentCode", typed, "model", "Redmi Pad SE"))
                .when().post("/api/v1/devices/enroll").then().statusCode(200).extract().path("deviceId");
        b.reload();
        WebElement row = b.waitFor(d -> d.findElement(By.cssSelector("tr[data-device='" + deviceId + "']")));
        b.waitFor(d -> row.getText().contains("使用中"));
        row.findElement(By.xpath(".//button[normalize-space(.)='停用']")).click();
        b.text("停用平板“永安一队 平板 3”？");
        b.screenshot("tablet-revoke-confirm");
        b.driver().findElement(By.xpath("//dialog//button[normalize-space(.)='停用']")).click();
        b.waitFor(d -> d.findElement(By.cssSelector("tr[data-device='" + deviceId + "']")).getText().contains("已停用"));
        assertEquals("REVOKED",
                fixtures.query("SELECT status FROM device WHERE id = ?", UUID.fromString(deviceId)).get(0).get(0));
    }

    @Test
    void anOperatorHasNoAdminPagesAndOpeningOneByItsAddressShowsNoData() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        Browser b = browser().go("/").signIn(office.operator().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("受理"));
        assertFalse(b.shows("平板"), "no admin page in the operator's header");
        b.go("/#/admin/tablets");
        b.text("您没有权限访问此页面。");
        assertFalse(b.shows("登记新平板"));
        b.screenshot("operator-on-admin-page");
        // the texts every role may read; publishing is the admins'
        b.go("/#/admin/privacy-texts");
        b.text("现行：全县通用 第 ");
        assertFalse(b.shows("发布新版本"));
    }

    @Test
    void anAdminCreatesAFieldAgentInATeamAndThenDeactivatesTheAccount() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        String username = office.town().newUsername("agent");
        String prefix = office.town().code().toLowerCase(java.util.Locale.ROOT) + ".";
        Browser b = browser().go("/#/admin/staff").signIn(office.admin().username(), Fixtures.PASSWORD);
        // the form starts with the town's prefix; the admin types the rest
        b.waitFor(d -> prefix.equals(b.field("用户名").getAttribute("value")));
        b.field("用户名").sendKeys(username.substring(prefix.length()));
        b.field("姓名").sendKeys("队员 刘洋");
        b.driver().findElement(By.xpath("//fieldset[legend='角色']//label[normalize-space(.)='上门队员']/input")).click();
        b.field("初始密码").sendKeys("short");
        b.button("新建").click();
        b.waitFor(d -> d.findElement(By.cssSelector("[data-field='password'] .error")).getText().contains("长度须在 10 到 256 之间"));
        b.field("初始密码").clear();
        b.field("初始密码").sendKeys("a long enough password");
        b.button("新建").click();
        b.text("上门队员必须属于一个小分队");
        new org.openqa.selenium.support.ui.Select(b.field("小分队")).selectByIndex(1);
        b.button("新建").click();
        WebElement row = b.waitFor(d -> d.findElement(By.xpath("//tr[td[normalize-space(.)='" + username + "']]")));
        b.screenshot("staff-list");
        row.findElement(By.xpath(".//button[normalize-space(.)='修改']")).click();
        WebElement active = b.driver().findElement(By.xpath("//label[normalize-space(.)='账号可用']/input"));
        active.click();
        b.button("保存").click();
        b.waitFor(d -> d.findElement(By.xpath("//tr[td[normalize-space(.)='" + username + "']]")).getText().contains("已停用"));
        assertEquals(false, fixtures.query("SELECT active FROM staff WHERE username = ?", username).get(0).get(0));
    }

    @Test
    void anAdminPublishesTheTownsOwnBookingNoticeAfterATooShortOneIsRefusedAndTheDeskReadsIt() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        Browser b = browser().go("/").signIn(office.admin().username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("平板"));
        b.link("告知文本").click();
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("告知与同意文本"));
        WebElement notice = b.driver().findElement(By.cssSelector("section[data-purpose='BOOKING_NOTICE']"));
        assertTrue(notice.getText().contains("现行：全县通用 第 "), "a town without its own wording reads the county's");
        String countyWording = notice.findElement(By.cssSelector("blockquote.text")).getText();

        notice.findElement(By.xpath(".//button[normalize-space(.)='发布新版本…']")).click();
        WebElement text = b.field("文本");
        assertEquals(countyWording, text.getAttribute("value").strip(), "the form starts from the wording in force");
        text.clear();
        text.sendKeys("太短了");
        b.button("发布").click();
        b.driver().findElement(By.xpath("//dialog//button[normalize-space(.)='发布']")).click();
        b.waitFor(d -> !d.findElement(By.cssSelector("[data-field='text'] .error")).getText().isBlank());
        b.screenshot("privacy-text-refused");
        assertEquals(0, townTexts(office));

        String wording = "本镇上门办将收集您的姓名、身份证号、联系电话和住址，仅用于办理您申请的上门服务；\n"
                + "工单资料保存三年，人脸照片在办结后三十天内删除，只报送县社保中心。";
        text.clear();
        text.sendKeys(wording);
        b.button("发布").click();
        b.driver().findElement(By.xpath("//dialog//button[normalize-space(.)='发布']")).click();
        b.text("已发布 本镇 第 1 版");
        b.waitFor(d -> d.findElement(By.cssSelector("section[data-purpose='BOOKING_NOTICE']")).getText()
                .contains("现行：本镇 第 1 版"));
        b.screenshot("privacy-texts");

        assertEquals(1, townTexts(office));
        given().header("Authorization", office.operator().bearer()).when().get("/api/v1/privacy-texts/BOOKING_NOTICE")
                .then().statusCode(200).body("scope", org.hamcrest.Matchers.equalTo("TOWN"))
                .body("text", org.hamcrest.Matchers.equalTo(wording));
    }

    @Test
    void aCountyAdminInATownWithItsOwnWordingStartsANewCountyVersionFromTheCountysNotTheTowns() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        String townWording = "本镇自己的预约告知：收集姓名、身份证号、电话和住址，仅用于上门服务，保存三年。";
        given().header("Authorization", office.admin().bearer()).contentType("application/json")
                .body(Map.of("scope", "TOWN", "text", townWording)).when()
                .post("/api/v1/privacy-texts/BOOKING_NOTICE/versions").then().statusCode(201);
        TestStaff county = fixtures.staff(office.town().id(), null, "county_admin");
        String countyWording = given().header("Authorization", county.bearer()).queryParam("scope", "COUNTY").when()
                .get("/api/v1/privacy-texts/BOOKING_NOTICE/versions").then().statusCode(200).extract().path("[0].text");

        Browser b = browser().go("/#/admin/privacy-texts").signIn(county.username(), Fixtures.PASSWORD);
        WebElement notice = b.waitFor(d -> d.findElement(By.cssSelector("section[data-purpose='BOOKING_NOTICE']")));
        assertTrue(notice.getText().contains("现行：本镇 第 1 版"));
        notice.findElement(By.cssSelector("details[data-county] summary")).click();
        b.text("全县通用文本（本镇不用；");
        notice.findElement(By.xpath(".//button[normalize-space(.)='发布新版本…']")).click();
        b.text("适用范围：全县通用");
        assertEquals(countyWording, b.field("文本").getAttribute("value").strip(),
                "a county version starts from the county's wording, not from the town's own");
        b.screenshot("privacy-texts-county-admin");
        b.button("取消").click();
        b.button("发布新版本…");
    }

    private long townTexts(ConsoleSteps office) {
        return fixtures.count("SELECT count(*) FROM privacy_text WHERE town_id = ?", office.town().id());
    }

    @Test
    void aCountyAdminListsAHolidayAndRemovesIt() {
        ConsoleSteps office = ConsoleSteps.town(fixtures);
        TestStaff county = fixtures.staff(office.town().id(), null, "admin", "county_admin");
        int year = LocalDate.now().getYear() + 1;
        LocalDate day = pickUnlistedDay(year);
        Browser b = browser().go("/#/admin/calendar?year=" + year).signIn(county.username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("工作日历"));
        b.pickDate(b.field("日期"), day);
        b.field("名称").sendKeys("测试假日");
        b.button("保存").click();
        WebElement row = b.waitFor(d -> d.findElement(By.xpath("//tr[td[normalize-space(.)='测试假日']]")));
        assertTrue(row.getText().contains(year + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日"));
        b.screenshot("calendar");
        row.findElement(By.xpath(".//button[normalize-space(.)='删除']")).click();
        b.driver().findElement(By.xpath("//dialog//button[normalize-space(.)='删除']")).click();
        b.waitFor(d -> d.findElements(By.xpath("//tr[td[normalize-space(.)='测试假日']]")).isEmpty());
        assertEquals(0, fixtures.count("SELECT count(*) FROM calendar_day WHERE day = ?", day));
    }

    /** A weekday of the year that the shared calendar does not list, so that tests of other classes are not moved. */
    private LocalDate pickUnlistedDay(int year) {
        List<LocalDate> candidates = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> LocalDate.of(year, 3, 1).plusDays(i))
                .filter(d -> d.getDayOfWeek().getValue() == 3).toList();
        for (LocalDate candidate : candidates) {
            if (fixtures.count("SELECT count(*) FROM calendar_day WHERE day = ?", candidate) == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free day");
    }

    static String decode(byte[] png) throws IOException, NotFoundException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
