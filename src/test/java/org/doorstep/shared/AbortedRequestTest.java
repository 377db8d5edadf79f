package org.doorstep.shared;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AbortedRequestTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aClientThatDropsItsConnectionMidBodyFloodsNoErrorsIntoTheLog() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("org.doorstep");
        logger.addHandler(handler);
        try {
            for (int i = 0; i < 5; i++) {
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"username\":").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(200);
                }
            }
            Thread.sleep(1000);
            // the service is fine, and said nothing alarming
            given().contentType("application/json").body("{\"username\":\"nobody\",\"password\":\"x\"}")
                    .when().post("/api/v1/auth/login").then().statusCode(401);
            assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList());
        } finally {
            logger.removeHandler(handler);
        }
    }
}
