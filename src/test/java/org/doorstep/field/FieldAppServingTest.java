package org.doorstep.field;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;

/** How the field app is served: its own permissions and policy, and an app shell that is all there. */
@QuarkusTest
class FieldAppServingTest {

    @Test
    void theFieldAppMayUseTheCameraAndTheLocationAndTheConsoleMayNot() {
        given().when().get("/field/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Permissions-Policy", equalTo("camera=(self), geolocation=(self), microphone=(), payment=()"))
                .header("Content-Security-Policy", containsString("img-src 'self' data: blob:"))
                .header("Content-Security-Policy", containsString("worker-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Cache-Control", "no-cache");
        given().when().get("/").then().statusCode(200)
                .header("Permissions-Policy", equalTo("camera=(), microphone=(), geolocation=(), payment=()"))
                .header("Content-Security-Policy", containsString("img-src 'self' data:;"));
        given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .when().get("/field").then().statusCode(301).header("Location", "/field/");
    }

    @Test
    void everyFileTheServiceWorkerKeepsIsServed() {
        String worker = given().when().get("/field/sw.js").then().statusCode(200)
                .contentType(containsString("javascript")).extract().asString();
        Matcher shell = Pattern.compile("const SHELL = \\[(.*?)\\];", Pattern.DOTALL).matcher(worker);
        assertTrue(shell.find(), "sw.js lists its shell");
        List<String> paths = new ArrayList<>();
        Matcher path = Pattern.compile("'(/[^']*)'").matcher(shell.group(1));
        while (path.find()) {
            paths.add(path.group(1));
        }
        assertTrue(paths.size() > 10, paths.toString());
        for (String p : paths) {
            given().when().get(p).then().statusCode(200);
        }
        given().when().get("/field/manifest.webmanifest").then().statusCode(200)
                .body(containsString("\"start_url\": \"/field/\""));
        // on a weak link the shell goes compressed
        given().header("Accept-Encoding", "gzip").when().get("/field/app.js").then().statusCode(200)
                .header("Content-Encoding", "gzip");
    }
}
