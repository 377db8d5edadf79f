package org.doorstep.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The checked-in contract {@code openapi/openapi.yaml} is what the application serves. When this
 * fails after a change of the API, refresh the file with
 * {@code ./mvnw verify -Ddoorstep.contract.refresh=true} (or copy {@code target/openapi/openapi.yaml}
 * after a build) and review the difference.
 */
@QuarkusTest
class ContractTest {

    private static final Path CHECKED_IN = Path.of("openapi", "openapi.yaml");

    @Test
    void theCheckedInContractIsWhatTheApplicationServes() throws IOException {
        String served = given().accept("application/yaml").when().get("/q/openapi?format=yaml")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("doorstep.contract.refresh")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, served, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(CHECKED_IN),
                "openapi/openapi.yaml is missing: run ./mvnw verify -Ddoorstep.contract.refresh=true");
        String checkedIn = Files.readString(CHECKED_IN, StandardCharsets.UTF_8);
        // Compared as documents, not as text: the build-time copy and the served one may order keys differently.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode expected = yaml.readTree(checkedIn);
        JsonNode actual = yaml.readTree(served);
        List<String> differences = new ArrayList<>();
        diff("", expected, actual, differences);
        assertEquals(List.of(), differences.stream().limit(20).toList(),
                "openapi/openapi.yaml differs from what the application serves (first differences shown). "
                        + "Refresh it with ./mvnw verify -Ddoorstep.contract.refresh=true and review the diff.");
    }

    /** JSON pointers where the two documents differ: missing, extra or changed. */
    private static void diff(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            expected.fieldNames().forEachRemaining(name -> {
                if (!actual.has(name)) {
                    out.add(at + "/" + name + " is gone from the served contract");
                } else {
                    diff(at + "/" + name, expected.get(name), actual.get(name), out);
                }
            });
            actual.fieldNames().forEachRemaining(name -> {
                if (!expected.has(name)) {
                    out.add(at + "/" + name + " is new in the served contract");
                }
            });
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(at + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else {
            out.add(at + " was " + abbreviate(expected) + ", is " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    @Test
    void everyOperationHasASummaryRolesErrorResponsesAndAnExample() {
        JsonPath contract = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = contract.getMap("paths");
        List<String> faults = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            String where = method.toUpperCase() + " " + path;
            if (operation.get("summary") == null) {
                faults.add(where + ": no summary");
            }
            Object description = operation.get("description");
            if (description == null || !description.toString().startsWith("Roles: ")) {
                faults.add(where + ": the description does not start with its roles");
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("4"))) {
                faults.add(where + ": no error response");
            }
            boolean example = responses.entrySet().stream()
                    .filter(r -> r.getKey().startsWith("2") && !r.getKey().equals("204"))
                    .anyMatch(r -> r.getValue().toString().contains("example"));
            boolean onlyNoContent = responses.keySet().stream().filter(code -> code.startsWith("2"))
                    .allMatch(code -> code.equals("204"));
            if (!example && !onlyNoContent) {
                faults.add(where + ": no example of a successful response");
            }
        }));
        assertFalse(paths.isEmpty());
        assertEquals(List.of(), faults);
    }
}
