package org.doorstep.console;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.doorstep.resident.IdNumbers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The operator's keyboard-only booking on a running demo (bench/console/run.sh starts one): each run
 * registers a new resident through the API, then books for them in the console with keys only, and times
 * the scripted path from the ID number's Enter to the read-back on screen. Beside the machine's time it
 * prints what a practised operator would take by the keystroke-level model, with the keys the path needs.
 * Not part of the test suite; run with {@code -Ddoorstep.console.url=http://localhost:8080/}.
 */
class KeyboardBookingBenchmark {

    /** Keystroke-level model (Card, Moran and Newell): a keystroke of an average skilled typist, and a mental step. */
    private static final double KEYSTROKE_S = 0.28;
    private static final double MENTAL_S = 1.35;

    @Test
    void bookFromTheKeyboardOnTheDemo() throws Exception {
        String url = System.getProperty("doorstep.console.url");
        Assumptions.assumeTrue(url != null, "set doorstep.console.url to a running demo");
        int runs = Integer.getInteger("doorstep.console.runs", 5);
        URL root = URI.create(url).toURL();
        String api = root.toString().replaceAll("/$", "");
        String token = given().baseUri(api).contentType("application/json")
                .body(Map.of("username", "operator", "password", System.getProperty("doorstep.demo.password", "doorstep-demo")))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        String village = given().baseUri(api).header("Authorization", "Bearer " + token).get("/api/v1/villages")
                .then().statusCode(200).extract().path("items[0].id");
        List<Long> millis = new ArrayList<>();
        int keys = 0;
        try (Browser b = Browser.open(root)) {
            b.go("/").signIn("operator", System.getProperty("doorstep.demo.password", "doorstep-demo"));
            for (int run = 0; run < runs; run++) {
                if (run > 0) {
                    b.button("受理下一位来电").click();
                }
                String idNumber = IdNumbers.random();
                given().baseUri(api).header("Authorization", "Bearer " + token).contentType("application/json")
                        .body(Map.of("idNumber", idNumber, "name", "测试居民", "phone", "13907310088", "villageId", village,
                                "address", "测试地址"))
                        .post("/api/v1/residents").then().statusCode(201);
                WebElement search = b.field("身份证号或手机号");
                b.waitFor(d -> search.equals(d.switchTo().activeElement()));
                long started = System.nanoTime();
                b.keys(idNumber, Keys.ENTER);
                WebElement choose = b.button("为测试居民预约");
                b.waitFor(d -> choose.equals(d.switchTo().activeElement()));
                b.keys(Keys.ENTER);
                WebElement service = b.field("事项");
                b.waitFor(d -> service.equals(d.switchTo().activeElement()));
                b.keys(Keys.ARROW_DOWN, Keys.ENTER);
                WebElement confirm = b.button("确认预约");
                b.waitFor(d -> confirm.equals(d.switchTo().activeElement()));
                b.keys(Keys.ENTER);
                b.waitFor(d -> d.switchTo().activeElement().getText().contains("我们会在"));
                millis.add((System.nanoTime() - started) / 1_000_000);
                keys = idNumber.length() + 5;
                b.text("以调度员最终安排为准");
            }
        }
        Collections.sort(millis);
        // Search (decide, type, Enter), check the person (decide, Enter), choose the service (decide, two arrow
        // presses on average, Enter), read back and confirm (decide, Enter): four mental steps.
        double human = 4 * MENTAL_S + (keys + 1) * KEYSTROKE_S;
        System.out.printf(Locale.ROOT,
                "%nkeyboard booking on the demo, %d runs: machine time min %d ms, median %d ms, max %d ms;"
                        + " %d keystrokes; a practised operator by the keystroke-level model: %.1f s plus the machine time%n%n",
                runs, millis.get(0), millis.get(millis.size() / 2), millis.get(millis.size() - 1), keys, human);
    }
}
