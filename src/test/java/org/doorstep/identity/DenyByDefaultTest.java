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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

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
