package org.doorstep.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Clients that send their bodies a byte at a time hold no worker thread while they do: with more of them than
 * there are workers, signed-in requests are still answered long before the body deadline closes them.
 */
@QuarkusTest
@TestProfile(SlowBodiesHoldNoWorkerTest.FewWorkers.class)
class SlowBodiesHoldNoWorkerTest {

    /** Eight workers and a body deadline of a minute: before the deadline, only the workers are in question. */
    public static class FewWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", "8", "doorstep.http.body-timeout", "60s");
        }

        @Override
        public String getConfigProfile() {
            return "test";
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void slowBodiesDoNotStallSignedInRequests() throws Exception {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                OutputStream out = socket.getOutputStream();
                String path = i % 2 == 0 ? "/api/v1/auth/login" : "/api/v1/visits";
                out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + operator.token() + "\r\n"
                        + (i % 4 == 1 ? "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n" : "Content-Length: 100000\r\n\r\n{"))
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(socket);
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : List.of("/api/v1/me", "/api/v1/villages", "/api/v1/me")) {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create(base.toString() + path.substring(1)))
                                .header("Authorization", "Bearer " + operator.token()).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), path);
            }
            // and a body that does arrive is read and answered as always
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create(base + "api/v1/auth/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody-here\",\"password\":\"wrong password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
