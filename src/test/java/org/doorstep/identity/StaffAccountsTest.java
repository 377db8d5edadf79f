package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class StaffAccountsTest {

    @Inject
    Fixtures fixtures;

    private ValidatableResponse create(TestStaff admin, Map<String, Object> body) {
        return given().header("Authorization", admin.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/staff").then();
    }

    private static Map<String, Object> operator(String username) {
        return Map.of("username", username, "displayName", "话务员", "roles", List.of("operator"),
                "password", "long enough password");
    }

    @Test
    void anAdminCreatesAnAccountThatCanSignIn() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        String username = town.newUsername("op");
        create(admin, operator(username)).statusCode(201)
                .header("ETag", "\"0\"")
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("operator")))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
        SignInTest.login(username, "long enough password").statusCode(200);
    }

    @Test
    void aTakenUsernameIsAConflict() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        String username = town.newUsername("op");
        create(admin, operator(username)).statusCode(201);
        create(admin, operator(username)).statusCode(409).body("type", equalTo("urn:doorstep:problem:username-taken"));
    }

    @Test
    void aUsernameOutsideTheTownsNamespaceIsRefusedWhetherOrNotAnotherTownHasIt() {
        TestTown town = fixtures.townLikeYongan();
        TestTown other = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        String theirs = other.newUsername("op");
        create(fixtures.staff(other, "admin"), operator(theirs)).statusCode(201);
        String prefix = town.code().toLowerCase(java.util.Locale.ROOT) + ".";

        for (String name : List.of(theirs, other.newUsername("op"), "op" + Fixtures.randomLetters(6).toLowerCase(), prefix)) {
            create(admin, operator(name)).statusCode(422);
        }
        create(admin, operator(theirs)).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:username-outside-town"))
                .body("prefix", equalTo(prefix))
                .body("detail", equalTo("Usernames of this town begin with " + prefix));
        create(admin, operator(other.newUsername("op"))).statusCode(422)
                .body("detail", equalTo("Usernames of this town begin with " + prefix));
    }

    @Test
    void aFieldAgentNeedsATeamOfTheTown() {
        TestTown town = fixtures.townLikeYongan();
        TestTown other = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        Map<String, Object> agent = new java.util.HashMap<>(Map.of("username", town.newUsername("ag"),
                "displayName", "队员", "roles", List.of("field_agent"), "password", "long enough password"));
        create(admin, agent).statusCode(422).body("type", equalTo("urn:doorstep:problem:team-required"));
        agent.put("teamId", fixtures.team(other.id(), "别人的队").toString());
        create(admin, agent).statusCode(422).body("type", equalTo("urn:doorstep:problem:unknown-team"));
        agent.put("teamId", fixtures.team(town.id(), "自己的队").toString());
        create(admin, agent).statusCode(201);
    }

    @Test
    void anUnknownRoleIsAValidationProblem() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        create(admin, Map.of("username", town.newUsername("x"), "displayName", "x",
                "roles", List.of("root"), "password", "long enough password"))
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("roles[0]"));
    }

    @Test
    void anUpdateNeedsTheCurrentETag() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        TestStaff member = fixtures.staff(town, "operator");
        String path = "/api/v1/staff/" + member.id();
        String etag = given().header("Authorization", admin.bearer()).when().get(path).then().statusCode(200)
                .extract().header("ETag");

        given().header("Authorization", admin.bearer()).contentType("application/json").body(Map.of("displayName", "新名字"))
                .when().patch(path).then().statusCode(428).body("type", equalTo("urn:doorstep:problem:precondition-required"));
        given().header("Authorization", admin.bearer()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("displayName", "新名字")).when().patch(path)
                .then().statusCode(200).body("displayName", equalTo("新名字")).header("ETag", not(equalTo(etag)));
        given().header("Authorization", admin.bearer()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("displayName", "又一个名字")).when().patch(path)
                .then().statusCode(412).body("type", equalTo("urn:doorstep:problem:precondition-failed"));
    }

    @Test
    void deactivatingAnAccountCutsOffItsTokensAtOnce() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        TestStaff member = fixtures.staff(town, "operator");
        String access = SignInTest.login(member.username(), Fixtures.PASSWORD).statusCode(200).extract().path("accessToken");
        given().header("Authorization", "Bearer " + access).when().get("/api/v1/me").then().statusCode(200);

        String path = "/api/v1/staff/" + member.id();
        String etag = given().header("Authorization", admin.bearer()).when().get(path).then().extract().header("ETag");
        given().header("Authorization", admin.bearer()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("active", false)).when().patch(path).then().statusCode(200).body("active", equalTo(false));

        given().header("Authorization", "Bearer " + access).when().get("/api/v1/me").then().statusCode(401);
        SignInTest.login(member.username(), Fixtures.PASSWORD).statusCode(401);
    }

    @Test
    void aSignInRightAfterThePasswordWasChangedIsNotCaughtByThatChange() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        TestStaff member = fixtures.staff(town, "operator");
        String path = "/api/v1/staff/" + member.id();
        // the change revokes the member's tokens; a sign-in within the same second is a new one, and stays
        for (int i = 0; i < 6; i++) {
            String password = "new password number " + i;
            String etag = given().header("Authorization", admin.bearer()).when().get(path).then().extract().header("ETag");
            given().header("Authorization", admin.bearer()).header("If-Match", etag).contentType("application/json")
                    .body(Map.of("password", password)).when().patch(path).then().statusCode(200);
            String access = SignInTest.login(member.username(), password).statusCode(200).extract().path("accessToken");
            given().header("Authorization", "Bearer " + access).when().get("/api/v1/me").then().statusCode(200);
        }
    }

    @Test
    void anotherTownsAccountIsNotFound() {
        TestStaff admin = fixtures.staff(fixtures.townLikeYongan(), "admin");
        TestStaff stranger = fixtures.staff(fixtures.townLikeYongan(), "operator");
        given().header("Authorization", admin.bearer()).when().get("/api/v1/staff/" + stranger.id())
                .then().statusCode(404).body("type", equalTo("urn:doorstep:problem:not-found"));
    }

    private static ValidatableResponse patch(TestStaff admin, TestStaff member, Map<String, Object> change) {
        String path = "/api/v1/staff/" + member.id();
        String etag = given().header("Authorization", admin.bearer()).when().get(path).then().statusCode(200)
                .extract().header("ETag");
        return given().header("Authorization", admin.bearer()).header("If-Match", etag).contentType("application/json")
                .body(change).when().patch(path).then();
    }

    @Test
    void aTownAdminChangesNothingOfACountyAdminsAccount() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff townAdmin = fixtures.staff(town, "admin");
        TestStaff countyAdmin = fixtures.staff(town.id(), null, "admin", "county_admin");
        String access = SignInTest.login(countyAdmin.username(), Fixtures.PASSWORD).statusCode(200)
                .extract().path("accessToken");
        UUID team = fixtures.team(town.id(), "一队", town.villages().get(0).id());
        List<Map<String, Object>> takeovers = List.of(Map.of("password", "the town admin's choice"),
                Map.of("active", false), Map.of("displayName", "改名"), Map.of("phone", "13900000000"),
                Map.of("roles", List.of("admin", "county_admin", "supervisor")),
                Map.of("roles", List.of("admin", "county_admin", "field_agent"), "teamId", team.toString()));
        long before = fixtures.count("SELECT version FROM staff WHERE id = ?", countyAdmin.id());
        for (Map<String, Object> change : takeovers) {
            patch(townAdmin, countyAdmin, change).statusCode(403)
                    .body("type", equalTo("urn:doorstep:problem:account-above-your-role"))
                    .body("role", equalTo("county_admin"));
        }
        assertEquals(before, fixtures.count("SELECT version FROM staff WHERE id = ?", countyAdmin.id()));
        // the county admin's session and password are untouched
        given().header("Authorization", "Bearer " + access).when().get("/api/v1/me").then().statusCode(200);
        SignInTest.login(countyAdmin.username(), Fixtures.PASSWORD).statusCode(200);
        // another county admin may, and a town admin still manages the town's other admins
        patch(fixtures.staff(town.id(), null, "admin", "county_admin"), countyAdmin, Map.of("displayName", "县管理员"))
                .statusCode(200).body("displayName", equalTo("县管理员"));
        patch(townAdmin, fixtures.staff(town, "admin"), Map.of("active", false)).statusCode(200)
                .body("active", equalTo(false));
    }
}
