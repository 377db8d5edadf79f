package org.doorstep.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.doorstep.identity.Devices;
import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The console as HTTP sees it: its pages and assets with the headers that protect a browser, its session
 * in a cookie that page script cannot read and other sites cannot use, and problems in Chinese.
 */
@QuarkusTest
class ConsoleSessionTest {

    private static final String CONSOLE = "X-Doorstep-Console";

    @Inject
    Fixtures fixtures;

    @Inject
    Devices devices;

    @Test
    void everyConsoleResponseCarriesAStrictContentSecurityPolicyAndTheOtherProtectiveHeaders() {
        for (String path : List.of("/", "/console/app.js", "/console/desk.js", "/console/console.css",
                "/console/icon.svg", "/api/v1/me", "/api/v1/auth/session/refresh")) {
            Response answer = given().header(CONSOLE, "1").when().request(path.endsWith("refresh") ? "POST" : "GET", path);
            String policy = answer.header("Content-Security-Policy");
            assertTrue(policy != null && policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'")
                    && policy.contains("default-src 'self'") && policy.contains("object-src 'none'"), path + ": " + policy);
            assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), path + ": " + policy);
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), path);
            assertEquals("no-referrer", answer.header("Referrer-Policy"), path);
            if (!path.startsWith("/api/")) {
                assertEquals("no-cache", answer.header("Cache-Control"),
                        path + " is revalidated, so a release reaches browsers at once");
            }
        }
    }

    @Test
    void theConsoleIsServedAtTheRootWithNoInlineScriptOrStyleAndNothingFromElsewhere() throws IOException {
        String page = given().when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        assertFalse(page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "every script has a src");
        assertFalse(page.contains("style="), "no inline style");
        Path assets = Path.of("src/main/resources/META-INF/resources");
        try (Stream<Path> files = Files.walk(assets)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".png")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertFalse(text.matches("(?s).*(src|href|url)\\s*[=(:]\\s*['\"]?(https?:)?//.*"),
                        file + " refers to another origin");
                assertFalse(text.contains("eval(") || text.contains("new Function") || text.contains("innerHTML"),
                        file + " evaluates or parses markup");
            }
        }
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieForTheSessionPathOnlyAndReturnsNoRefreshToken() {
        Fixtures.TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        Response answer = signIn(operator);
        answer.then().statusCode(200).header("Cache-Control", "no-store").body("accessToken", notNullValue())
                .body("refreshToken", nullValue()).body("tokenType", equalTo("Bearer"));
        String cookie = answer.header("Set-Cookie");
        assertTrue(cookie.startsWith("doorstep_session=rt_"), cookie);
        assertTrue(cookie.contains("; Path=/api/v1/auth/session") && cookie.contains("; HttpOnly")
                && cookie.contains("; SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), "no Secure flag over plain HTTP, where the browser would drop it: " + cookie);
        given().header("Authorization", "Bearer " + answer.path("accessToken")).when().get("/api/v1/me").then()
                .statusCode(200).body("username", equalTo(operator.username())).body("town.timeZone", equalTo("Asia/Shanghai"));
    }

    @Test
    void aSessionRequestThatDoesNotComeFromTheConsolesOwnPagesIsRefused() {
        Fixtures.TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        Map<String, String> login = Map.of("username", operator.username(), "password", Fixtures.PASSWORD);
        given().contentType("application/json").body(login).when().post("/api/v1/auth/session").then().statusCode(403)
                .body("type", equalTo("urn:doorstep:problem:cross-site-request"));
        given().header(CONSOLE, "1").header("Origin", "https://evil.example").contentType("application/json").body(login)
                .when().post("/api/v1/auth/session").then().statusCode(403);
        given().header(CONSOLE, "1").header("Sec-Fetch-Site", "cross-site").contentType("application/json").body(login)
                .when().post("/api/v1/auth/session").then().statusCode(403);
        String cookie = cookieOf(signIn(operator));
        given().cookie("doorstep_session", cookie).header("Origin", "https://evil.example").header(CONSOLE, "1")
                .when().post("/api/v1/auth/session/refresh").then().statusCode(403);
        given().cookie("doorstep_session", cookie).when().delete("/api/v1/auth/session").then().statusCode(403);
        given().cookie("doorstep_session", cookie).header(CONSOLE, "1").header("Sec-Fetch-Site", "same-origin")
                .when().post("/api/v1/auth/session/refresh").then().statusCode(200);
    }

    @Test
    void aRefreshRotatesTheCookieAndReplayingTheSpentOneEndsTheWholeSession() {
        Fixtures.TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String first = cookieOf(signIn(operator));
        Response renewed = refresh(first);
        renewed.then().statusCode(200).body("refreshToken", nullValue());
        String second = cookieOf(renewed);
        assertFalse(first.equals(second), "the cookie holds the next refresh token");
        refresh(first).then().statusCode(401).body("type", equalTo("urn:doorstep:problem:invalid-refresh-token"));
        refresh(second).then().statusCode(401);
        given().header(CONSOLE, "1").when().post("/api/v1/auth/session/refresh").then().statusCode(401);
    }

    @Test
    void signingOutRevokesTheSessionOnTheServerAndClearsTheCookie() {
        Fixtures.TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        Response session = signIn(operator);
        String access = session.path("accessToken");
        String cookie = cookieOf(session);
        Response out = given().header(CONSOLE, "1").cookie("doorstep_session", cookie).when().delete("/api/v1/auth/session");
        out.then().statusCode(204);
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out.header("Set-Cookie"));
        given().header("Authorization", "Bearer " + access).when().get("/api/v1/me").then().statusCode(401);
        refresh(cookie).then().statusCode(401);
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'SIGN_OUT' AND actor_id = ?",
                operator.id()));
    }

    @Test
    void aTabletsRefreshTokenIsNeverAcceptedAsAConsoleSession() {
        Fixtures.TestTown town = fixtures.townLikeYongan();
        Devices.SignedIn tablet = devices.signedInAgent(town);
        refresh(tablet.refreshToken()).then().statusCode(401);
        given().contentType("application/json").body(Map.of("refreshToken", tablet.refreshToken(), "deviceId",
                tablet.deviceId().toString(), "deviceSecret", tablet.secret())).when().post("/api/v1/auth/refresh").then()
                .statusCode(200);
    }

    @Test
    void problemsComeInChineseToClientsThatAskForItAndInEnglishOtherwiseWithTheSameTypesAndCodes() {
        Fixtures.TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        Map<String, Object> bad = Map.of("idNumber", "430181195503121021", "name", "", "phone", "12345");
        given().header("Authorization", operator.bearer()).header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
                .contentType("application/json").body(bad).when().post("/api/v1/residents").then().statusCode(400)
                .header("Content-Language", "zh-CN")
                .body("type", equalTo("urn:doorstep:problem:validation")).body("title", equalTo("填写有误"))
                .body("detail", equalTo("有 3 项需要修改"))
                .body("errors.code", hasItems("required", "required", "required"))
                .body("errors.find { it.field == 'name' }.message", equalTo("必填"));
        given().header("Authorization", operator.bearer()).contentType("application/json").body(bad).when()
                .post("/api/v1/residents").then().statusCode(400).body("title", equalTo("The request is not valid"))
                .body("errors.find { it.field == 'name' }.message", not(equalTo("必填")))
                .body("errors.find { it.field == 'name' }.code", equalTo("required"));
        Map<String, Object> wrongCheck = Map.of("idNumber", "430181195503121021", "name", "胡淑坤", "phone", "13807310042",
                "villageId", fixtures.townLikeYongan().villages().get(0).id().toString(), "address", "心源村");
        given().header("Authorization", operator.bearer()).header("Accept-Language", "zh").contentType("application/json")
                .body(wrongCheck).when().post("/api/v1/residents").then().statusCode(400)
                .body("errors[0].field", equalTo("idNumber")).body("errors[0].code", equalTo("id-number-check"))
                .body("errors[0].message", equalTo("校验位不符，请再核对一遍号码"));
        given().header("Accept-Language", "zh-CN").when().get("/api/v1/me").then().statusCode(401)
                .body("title", equalTo("请先登录"));
    }

    private static Response signIn(Fixtures.TestStaff staff) {
        return given().header(CONSOLE, "1").contentType("application/json")
                .body(Map.of("username", staff.username(), "password", Fixtures.PASSWORD)).when()
                .post("/api/v1/auth/session");
    }

    private static Response refresh(String cookie) {
        return given().header(CONSOLE, "1").cookie("doorstep_session", cookie).when()
                .post("/api/v1/auth/session/refresh");
    }

    private static String cookieOf(Response answer) {
        String header = answer.header("Set-Cookie");
        return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
    }
}
