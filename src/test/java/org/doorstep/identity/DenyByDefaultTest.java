package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.doorstep.shared.security.Roles;
import org.doorstep.support.Fixtures;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every endpoint says who may call it, and one that is not open refuses a caller without a token. */
@QuarkusTest
class DenyByDefaultTest {

    private static final List<Class<? extends java.lang.annotation.Annotation>> HTTP_METHODS = List.of(GET.class,
            POST.class, PUT.class, PATCH.class, DELETE.class, HEAD.class, OPTIONS.class);

    @Inject
    Fixtures fixtures;

    @Test
    void everyResourceMethodDeclaresItsRoles() {
        List<String> undeclared = new ArrayList<>();
        int methods = 0;
        for (JavaClass resource : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.doorstep")) {
            if (!resource.isAnnotatedWith(Path.class) || resource.isInterface()) {
                continue; // an interface with @Path is a REST client of another system, not an endpoint
            }
            Class<?> type = resource.reflect();
            boolean classDeclares = declares(type.getAnnotations());
            for (Method method : type.getDeclaredMethods()) {
                if (HTTP_METHODS.stream().noneMatch(method::isAnnotationPresent)) {
                    continue;
                }
                methods++;
                if (!classDeclares && !declares(method.getAnnotations())) {
                    undeclared.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertFalse(methods == 0, "no resource method found");
        assertEquals(List.of(), undeclared);
    }

    /** What the contract says any signed-in staff member may call takes every role, the county admin's too. */
    @Test
    void everyOperationForAnySignedInStaffMemberTakesEveryRole() {
        List<String> narrower = new ArrayList<>();
        for (JavaClass resource : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.doorstep")) {
            if (!resource.isAnnotatedWith(Path.class) || resource.isInterface()) {
                continue;
            }
            for (Method method : resource.reflect().getDeclaredMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
                if (operation != null && roles != null && operation.description().startsWith("Roles: any signed-in staff")
                        && !List.of(roles.value()).containsAll(Roles.ALL)) {
                    narrower.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertEquals(List.of(), narrower);
    }

    @Test
    void aCountyAdminWithNoOtherRoleReadsWhatEveryStaffMemberReads() {
        String bearer = fixtures.staff(fixtures.townLikeYongan().id(), null, Roles.COUNTY_ADMIN).bearer();
        for (String path : List.of("/api/v1/me", "/api/v1/villages", "/api/v1/service-types", "/api/v1/calendar?year=2026",
                "/api/v1/privacy-texts")) {
            given().header("Authorization", bearer).when().get(path).then().statusCode(200);
        }
    }

    @Test
    void everyProtectedOperationRefusesACallerWithoutAToken() {
        JsonPath contract = given().accept("application/json").when().get("/q/openapi?format=json").then().extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = contract.getMap("paths");
        List<String> open = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            Object security = operation.get("security");
            boolean protectedOperation = security instanceof List<?> list && !list.isEmpty();
            String concrete = path.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
            int status = given().contentType("application/json").body("{}").when()
                    .request(method.toUpperCase(), concrete).then().extract().statusCode();
            if (protectedOperation && status != 401) {
                open.add(method.toUpperCase() + " " + path + " answered " + status);
            }
            if (!protectedOperation && status == 401) {
                open.add(method.toUpperCase() + " " + path + " is documented open but asked for a token");
            }
        }));
        assertEquals(List.of(), open);
    }

    private static boolean declares(java.lang.annotation.Annotation[] annotations) {
        for (java.lang.annotation.Annotation a : annotations) {
            if (a instanceof RolesAllowed || a instanceof PermitAll || a instanceof DenyAll) {
                return true;
            }
        }
        return false;
    }
}
