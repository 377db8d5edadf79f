package org.doorstep.shared;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A client that sends its body too slowly does not keep its connection (the test profile's limit: 3 s). */
@QuarkusTest
class SlowBodyTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    private Socket slowSignIn() throws Exception {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void aBodyThatDoesNotArriveInTimeHasItsConnectionClosed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                slow.add(slowSignIn());
            }
            for (Socket socket : slow) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                long t0 = System.nanoTime();
                try {
                    in.readAllBytes(); // the server closes the connection: this returns instead of timing out
                } catch (java.net.SocketException reset) {
                    // closed with a reset: closed all the same
                }
                assertTrue(System.nanoTime() - t0 < 9_000_000_000L, "the connection was kept open");
            }
            // and the service goes on
            TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
            given().header("Authorization", operator.bearer()).when().get("/api/v1/me").then().statusCode(200);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
