package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** What passes as an access token, and what does not. */
@QuarkusTest
class AccessTokenTest {

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/")
    URI base;

    private static Tokens.Claims valid(TestStaff member) {
        Tokens.Claims c = new Tokens.Claims();
        c.staffId = member.id();
        c.username = member.username();
        c.roles = member.roles();
        c.townId = member.townId();
        return c;
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", (Consumer<Tokens.Claims>) c -> {
                    c.issuedAt = Instant.now().minusSeconds(1000);
                    c.expiresAt = Instant.now().minusSeconds(100);
                }),
                Arguments.of("not yet valid", (Consumer<Tokens.Claims>) c -> c.notBefore = Instant.now().plusSeconds(600)),
                Arguments.of("issued in the future", (Consumer<Tokens.Claims>) c -> {
                    c.issuedAt = Instant.now().plusSeconds(600);
                    c.expiresAt = Instant.now().plusSeconds(1200);
                }),
                Arguments.of("living longer than an access token", (Consumer<Tokens.Claims>) c -> c.expiresAt = Instant.now()
                        .plusSeconds(86_400)),
                Arguments.of("wrong issuer", (Consumer<Tokens.Claims>) c -> c.issuer = "https://evil.example"),
                Arguments.of("wrong audience", (Consumer<Tokens.Claims>) c -> c.audience = "another-api"),
                Arguments.of("not an access token type", (Consumer<Tokens.Claims>) c -> c.type = "JWT"),
                Arguments.of("signed by an unknown key", (Consumer<Tokens.Claims>) c -> {
                    c.keyFile = "jwt/test-only-unknown-key.jwks.json";
                    c.keyId = "test-only-unknown";
                }),
                Arguments.of("signed by an unknown key under a known kid", (Consumer<Tokens.Claims>) c -> {
                    c.keyFile = "jwt/test-only-unknown-key.jwks.json";
                    c.keyId = "test-only-unknown";
                    c.forgedKeyId = "test-only-key-a";
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefused(String what, Consumer<Tokens.Claims> spoil) {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        Tokens.Claims claims = valid(operator);
        given().header("Authorization", "Bearer " + Tokens.sign(claims)).when().get("/api/v1/me").then().statusCode(200);
        spoil.accept(claims);
        unauthorized(Tokens.sign(claims));
    }

    @Test
    void aChangedPayloadIsRefused() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String[] parts = operator.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"operator\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        unauthorized(forged);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String[] parts = operator.token().split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(
                        "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"test-only-key-a\"}".getBytes(StandardCharsets.UTF_8));
        unauthorized(header + "." + parts[1] + ".");
    }

    @Test
    void aTokenMacedWithThePublicKeyIsRefused() throws Exception {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String jwks = given().when().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        byte[] publicKey = JWKSet.parse(jwks).getKeys().get(0).toRSAKey().toPublicKey().getEncoded();
        com.nimbusds.jose.JWSObject hs256 = new com.nimbusds.jose.JWSObject(
                new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-only-key-a")
                        .type(new JOSEObjectType("at+jwt")).build(),
                new com.nimbusds.jose.Payload(new String(Base64.getUrlDecoder().decode(operator.token().split("\\.")[1]),
                        StandardCharsets.UTF_8)));
        hs256.sign(new com.nimbusds.jose.crypto.MACSigner(publicKey));
        unauthorized(hs256.serialize());
    }

    @Test
    void aTokenWhoseHeaderPointsAtAnotherKeySourceIsNotBelieved() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        Tokens.Claims claims = valid(operator);
        claims.keyFile = "jwt/test-only-unknown-key.jwks.json";
        claims.keyId = "test-only-unknown";
        claims.jku = "http://127.0.0.1:1/keys.json";
        unauthorized(Tokens.sign(claims));
    }

    @Test
    void opaqueSecretsNeverPassAsAccessTokens() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        TestStaff operator = fixtures.staff(town, "operator");
        String refresh = SignInTest.login(operator.username(), Fixtures.PASSWORD).statusCode(200).extract()
                .path("refreshToken");
        String code = given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("label", "平板")).when().post("/api/v1/devices").then().statusCode(201)
                .extract().path("enrollmentCode");
        String secret = given().contentType("application/json").body(Map.of("enrollmentCode", code))
                .when().post("/api/v1/devices/enroll").then().statusCode(200).extract().path("deviceSecret");

        for (String opaque : List.of(refresh, code, secret, "", "Bearer", "a.b.c")) {
            unauthorized(opaque);
        }
    }

    @Test
    void tokensVerifyWithAnIndependentJoseLibraryAgainstThePublishedKeys() throws Exception {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String access = SignInTest.login(operator.username(), Fixtures.PASSWORD).statusCode(200).extract().path("accessToken");

        String jwks = given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItem("test-only-key-a"))
                .body("keys[0].d", equalTo(null))
                .body("keys[0].p", equalTo(null))
                .extract().asString();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(jwks))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Tokens.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(Tokens.ISSUER).subject(operator.id().toString()).build(),
                Set.of("exp", "iat", "jti", "town", "sid", "groups")));
        JWTClaimsSet claims = processor.process(access, null);

        assertEquals(operator.townId().toString(), claims.getStringClaim("town"));
        assertEquals(List.of("operator"), claims.getStringListClaim("groups"));
        assertEquals(operator.username(), claims.getStringClaim("upn"));
        long lifetime = claims.getExpirationTime().getTime() / 1000 - claims.getIssueTime().getTime() / 1000;
        assertTrue(lifetime >= 800 && lifetime <= 900, "lifetime " + lifetime);
    }

    @Inject
    Devices devices;

    private String signIn(TestTown town, String role) {
        return "Bearer " + SignInTest.login(fixtures.staff(town, role).username(), Fixtures.PASSWORD).statusCode(200)
                .extract().path("accessToken");
    }

    @Test
    void eachRoleSignsInAndReachesExactlyItsEndpoints() {
        TestTown town = fixtures.townLikeYongan();
        Map<String, String> tokens = Map.of(
                "operator", signIn(town, "operator"),
                "dispatcher", signIn(town, "dispatcher"),
                "supervisor", signIn(town, "supervisor"),
                "admin", signIn(town, "admin"),
                "field_agent", devices.signedInAgent(town).bearer());
        Map<String, Set<String>> allowed = Map.of(
                "GET /api/v1/staff", Set.of("admin"),
                "GET /api/v1/devices", Set.of("admin"),
                "GET /api/v1/me", Set.of("operator", "dispatcher", "supervisor", "admin", "field_agent"),
                "GET /api/v1/villages", Set.of("operator", "dispatcher", "supervisor", "admin", "field_agent"),
                "GET /api/v1/service-types", Set.of("operator", "dispatcher", "supervisor", "admin", "field_agent"));
        allowed.forEach((endpoint, roles) -> {
            String path = endpoint.substring(4);
            tokens.forEach((role, bearer) -> {
                int expected = roles.contains(role) ? 200 : 403;
                given().header("Authorization", bearer).when().get(path).then().statusCode(expected);
            });
            given().when().get(path).then().statusCode(401);
        });
    }

    @Test
    void aForbiddenCallGetsAProblem() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        given().header("Authorization", operator.bearer()).when().get("/api/v1/staff")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:forbidden"));
    }

    @Test
    void aTownsTokenReadsOnlyItsOwnVillages() {
        TestTown yongan = fixtures.townLikeYongan();
        TestTown guandu = fixtures.town("G" + Fixtures.randomLetters(6), Fixtures.uniqueTicketPrefix(), "官渡镇");
        fixtures.village(guandu.id(), "ZHULIAN", "竹联村", 28.4689, 114.0524);
        TestStaff guanduDispatcher = fixtures.staff(guandu.id(), null, "dispatcher");

        given().header("Authorization", guanduDispatcher.bearer()).when().get("/api/v1/villages")
                .then().statusCode(200)
                .body("items.name", equalTo(List.of("竹联村")))
                .body("items.id", not(hasItem(yongan.village("XINYUAN").id().toString())));
    }

    private static void unauthorized(String token) {
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:unauthorized"));
    }
}
