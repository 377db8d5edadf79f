package org.doorstep.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every way a request can be wrong gets its 4xx and a problem body, never a 500 or a stack trace. */
@QuarkusTest
class ProblemResponsesTest {

    private static final String VALID = """
            {"name":"胡淑坤","period":"MORNING","satisfaction":10,"preferredDate":"2026-11-30",
             "occurredAt":"2026-11-27T09:30:00+08:00","caller":{"name":"胡女士","phone":"13800138000"},"tags":["dog"]}""";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\": ", 400, "malformed-body", null),
                Arguments.of("not JSON at all", "hello", 400, "malformed-body", null),
                Arguments.of("an array instead of an object", "[1,2]", 400, "malformed-body", null),
                Arguments.of("a string where a number goes", VALID.replace("\"satisfaction\":10", "\"satisfaction\":\"ten\""),
                        400, "validation", "satisfaction"),
                Arguments.of("a fraction where a whole number goes",
                        VALID.replace("\"satisfaction\":10", "\"satisfaction\":7.5"),
                        400, "validation", "satisfaction"),
                Arguments.of("an unknown enum value", VALID.replace("MORNING", "MIDNIGHT"), 400, "validation", "period"),
                Arguments.of("an impossible date", VALID.replace("2026-11-30", "2026-02-30"), 400, "validation",
                        "preferredDate"),
                Arguments.of("a time without offset", VALID.replace("09:30:00+08:00", "09:30:00"), 400, "validation",
                        "occurredAt"),
                Arguments.of("an object where a string goes", VALID.replace("\"胡淑坤\"", "{\"a\":1}"), 400, "validation",
                        "name"),
                Arguments.of("a missing field", VALID.replace("\"name\":\"胡淑坤\",", ""), 400, "validation", "name"),
                Arguments.of("a blank field", VALID.replace("\"胡淑坤\"", "\"  \""), 400, "validation", "name"),
                Arguments.of("a number out of range", VALID.replace("\"satisfaction\":10", "\"satisfaction\":11"), 400,
                        "validation", "satisfaction"),
                Arguments.of("a missing nested field", VALID.replace("\"phone\":\"13800138000\"", "\"phone\":null"), 400,
                        "validation", "caller.phone"),
                Arguments.of("a blank list element", VALID.replace("[\"dog\"]", "[\"\"]"), 400, "validation", "tags[0]"),
                Arguments.of("a too long string", VALID.replace("\"胡淑坤\"", "\"" + "x".repeat(51) + "\""), 400,
                        "validation", "name"),
                Arguments.of("null as the body", "null", 400, "validation", null),
                Arguments.of("an empty body", "", 400, "validation", null));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("badBodies")
    void aBadBodyIsAnsweredWithAProblem(String what, String body, int status, String type, String field) {
        ValidatableResponse response = problem(given().contentType("application/json").body(body)
                .when().post("/test/probe").then(), status, type);
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
    }

    @Test
    void aValidBodyPasses() {
        given().contentType("application/json").body(VALID)
                .when().post("/test/probe")
                .then().statusCode(200)
                .body("name", equalTo("胡淑坤"));
    }

    @Test
    void severalInvalidFieldsAreAllListed() {
        String body = VALID.replace("\"胡淑坤\"", "\"\"").replace("\"satisfaction\":10", "\"satisfaction\":0");
        problem(given().contentType("application/json").body(body).when().post("/test/probe").then(), 400, "validation")
                .body("errors.field", allOf(hasItem("name"), hasItem("satisfaction")))
                .body("detail", equalTo("2 fields are not valid"));
    }

    @Test
    void anOversizedBodyIsTooLarge() {
        String huge = VALID.replace("\"dog\"", "\"" + "x".repeat(1_100_000) + "\"");
        problem(given().contentType("application/json").body(huge).when().post("/test/probe").then(), 413,
                "payload-too-large");
    }

    @Test
    void anOversizedChunkedBodyIsTooLarge() {
        String huge = VALID.replace("\"dog\"", "\"" + "x".repeat(1_100_000) + "\"");
        java.io.InputStream unsized = new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        problem(given().contentType("application/json").body(unsized).when().post("/test/probe").then(), 413,
                "payload-too-large");
    }

    @Test
    void anOverlongAddressIsAProblem() {
        problem(given().queryParam("q", "x".repeat(10_000)).when().get("/api/v1/villages").then(), 414, "uri-too-long")
                .header("Connection", "close");
    }

    @Test
    void oversizedHeadersAreAProblem() {
        problem(given().header("X-Junk", "x".repeat(40_000)).when().get("/api/v1/villages").then(), 431,
                "headers-too-large")
                .header("Connection", "close");
    }

    @Test
    void manyHeadersTogetherOverTheLimitAreAProblem() {
        var request = given();
        for (int i = 0; i < 40; i++) {
            request = request.header("X-Junk-" + i, "x".repeat(1_000));
        }
        problem(request.when().get("/api/v1/villages").then(), 431, "headers-too-large");
    }

    @Test
    void anUnsupportedMediaTypeIsRefused() {
        problem(given().contentType("text/plain").body(VALID).when().post("/test/probe").then(), 415,
                "unsupported-media-type");
    }

    @Test
    void anUnacceptableResponseTypeIsRefused() {
        problem(given().accept("application/xml").header("Authorization", anyone()).when().get("/api/v1/villages").then(), 406,
                "not-acceptable");
    }

    @Test
    void thePublicKeySetIsRefusedInAnUnacceptableType() {
        problem(given().accept("application/xml").when().get("/.well-known/jwks.json").then(), 406, "not-acceptable");
    }

    @Test
    void anUnknownPathIsNotFound() {
        problem(given().when().get("/api/v1/no-such-thing").then(), 404, "not-found")
                .body("instance", equalTo("/api/v1/no-such-thing"));
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        problem(given().when().delete("/api/v1/villages").then(), 405, "method-not-allowed");
    }

    static Stream<Arguments> badPaging() {
        return Stream.of(
                Arguments.of("page", "abc"), Arguments.of("page", "-1"), Arguments.of("page", "1e3"),
                Arguments.of("size", "0"), Arguments.of("size", "201"), Arguments.of("size", "x"),
                Arguments.of("size", "99999999999999999999"), Arguments.of("page", "10737419"),
                Arguments.of("page", "2147483647"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badPaging")
    void badPagingIsAValidationProblem(String parameter, String value) {
        problem(given().header("Authorization", anyone()).queryParam(parameter, value).when().get("/api/v1/villages").then(),
                400, "validation")
                .body("errors[0].field", equalTo(parameter));
    }

    @Test
    void anUnexpectedFailureIsA500WithOnlyACorrelationId() {
        problem(given().when().post("/test/probe/boom").then(), 500, "internal")
                .body("correlationId", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body(not(containsString("SELECT")))
                .body(not(containsString("IllegalStateException")));
    }

    /** A token of some town; these tests fail before any data is read. */
    private static String anyone() {
        org.doorstep.support.Tokens.Claims claims = new org.doorstep.support.Tokens.Claims();
        claims.townId = java.util.UUID.randomUUID();
        return "Bearer " + org.doorstep.support.Tokens.sign(claims);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:doorstep:problem:" + type))
                .body("status", equalTo(status))
                .body("title", not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("detail", not(org.hamcrest.Matchers.emptyOrNullString()))
                .body(not(containsString("Exception")))
                .body(not(containsString("org.doorstep")))
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("\tat ")));
    }
}
