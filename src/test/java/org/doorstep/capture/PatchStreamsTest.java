package org.doorstep.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A tablet streaming chunks slowly holds a few worker threads at most, never all of them. */
@QuarkusTest
class PatchStreamsTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CaptureSteps steps;

    @Inject
    PatchStreams streams;

    private Socket slowPatch(AtTheDoor door, String upload) throws Exception {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(
                ("PATCH " + upload + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + door.bearer() + "\r\nTus-Resumable: 1.0.0\r\n"
                        + "Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: 60000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[1000]);
        out.flush();
        return socket;
    }

    @Test
    void anAgentStreamingFourChunksAtOnceIsToldToWaitAndOtherAgentsAreNot() throws Exception {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        AtTheDoor other = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] form = CaptureSteps.pdf(60_000);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                slow.add(slowPatch(door, steps.create(door, "APPLICATION_FORM", form)));
            }
            String fifth = steps.create(door, "APPLICATION_FORM", form);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (streams.streaming(door.tablet().agent().id()) < 4 && System.nanoTime() < deadline) {
                Thread.sleep(50); // the four slow ones reach their worker threads in their own time
            }
            assertEquals(4, streams.streaming(door.tablet().agent().id()));
            steps.patch(door.bearer(), fifth, 0, Arrays.copyOf(form, 20_000)).statusCode(503)
                    .header("Retry-After", "5").header("Tus-Resumable", "1.0.0")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:doorstep:problem:unavailable"));
            String theirs = steps.create(other, "APPLICATION_FORM", form);
            steps.patch(other.bearer(), theirs, 0, form).statusCode(204);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        // once those connections are gone, the agent's chunks are taken again
        String after = steps.create(door, "APPLICATION_FORM", form);
        long deadline = System.nanoTime() + 20_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = steps.patch(door.bearer(), after, 0, form).extract().statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(204, status);
    }
}
