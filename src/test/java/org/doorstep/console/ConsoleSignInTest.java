package org.doorstep.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.quarkus.test.junit.QuarkusTest;

/** Signing in to the console, staying signed in, and signing out, in a real browser. */
@QuarkusTest
class ConsoleSignInTest extends ConsoleTestBase {

    @Test
    void aWrongPasswordIsRefusedThenTheRightOneOpensTheDeskWhichSurvivesAReloadUntilSignOutEndsTheSession() {
        Fixtures.TestTown town = fixtures.townLikeYongan();
        Fixtures.TestStaff operator = fixtures.staff(town, "operator");
        Browser b = browser().go("/");
        b.signIn(operator.username(), "not the password");
        b.text("用户名或密码不正确");
        b.screenshot("sign-in-refused");
        b.signIn(operator.username(), Fixtures.PASSWORD);
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("受理"));
        assertTrue(b.shows(town.name()), "the header names the operator's town");

        Map<String, Object> session = b.sessionCookie();
        assertNotNull(session, "the session cookie is set");
        assertEquals(true, session.get("httpOnly"), "page script cannot read the session cookie");
        assertEquals("Strict", session.get("sameSite"));
        assertEquals("/api/v1/auth/session", session.get("path"));
        assertEquals("", b.script("return document.cookie;"), "no cookie is visible to page script");
        assertEquals(0L, b.script("return localStorage.length + sessionStorage.length;"), "nothing is stored in the page");

        b.reload();
        b.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("受理"));
        assertFalse(b.shows("上门办工作台登录"), "a reload keeps the operator signed in");
        String renewed = (String) b.sessionCookie().get("value");
        assertNotEquals(session.get("value"), renewed, "the reload renewed the session with the next refresh token");

        b.button("退出").click();
        b.waitFor(d -> !d.findElements(By.cssSelector(".signin")).isEmpty());
        b.screenshot("signed-out");
        given().header("X-Doorstep-Console", "1").cookie("doorstep_session", renewed)
                .post("/api/v1/auth/session/refresh").then().statusCode(401)
                .body("type", equalTo("urn:doorstep:problem:invalid-refresh-token"));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndTheConsoleSaysForHowLong() {
        Fixtures.TestTown town = fixtures.townLikeYongan();
        Fixtures.TestStaff operator = fixtures.staff(town, "operator");
        Browser b = browser().go("/");
        for (int i = 0; i < 5; i++) {
            b.signIn(operator.username(), "wrong " + i);
            b.text("用户名或密码不正确");
        }
        b.signIn(operator.username(), Fixtures.PASSWORD);
        b.text("此账号登录失败次数过多，请 15 分钟后再试");
        b.screenshot("sign-in-locked");
    }
}
