package org.doorstep.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ContentInspectorTest {

    private static Optional<ContentInspector.Inspection> inspect(byte[] bytes) throws IOException {
        return ContentInspector.inspect(new ByteArrayInputStream(bytes));
    }

    @Test
    void aJpegsSizeIsReadFromItsFrameHeaderPastLargeExifData() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        jpeg.write(HexFormat.of().parseHex("ffd8"));
        for (int i = 0; i < 3; i++) {
            jpeg.write(HexFormat.of().parseHex("ffe1fffe"));
            jpeg.write(new byte[0xfffe - 2]);
        }
        jpeg.write(HexFormat.of().parseHex("ffc2001108" + "0fa0" + "0bb8" + "03012200021101031101"));
        ContentInspector.Inspection found = inspect(jpeg.toByteArray()).orElseThrow();
        assertEquals(ContentType.JPEG, found.type());
        assertEquals(3000, found.width());
        assertEquals(4000, found.height());
    }

    @Test
    void aPngsSizeIsReadFromItsIhdrOnly() throws IOException {
        ContentInspector.Inspection found = inspect(CaptureSteps.pngBomb()).orElseThrow();
        assertEquals(ContentType.PNG, found.type());
        assertEquals(10_000_000_000L, found.pixels());
        assertEquals(ContentType.PNG, inspect(CaptureSteps.png(100)).orElseThrow().type());
    }

    @Test
    void aPdfIsKnownByItsHeader() throws IOException {
        assertEquals(ContentType.PDF, inspect(CaptureSteps.pdf(100)).orElseThrow().type());
    }

    @Test
    void otherBytesAndBrokenHeadersAreNoneOfOurTypes() throws IOException {
        assertTrue(inspect("GIF89a....".getBytes()).isEmpty());
        assertTrue(inspect(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }).isEmpty());
        assertTrue(inspect(HexFormat.of().parseHex("ffd8ffda000c")).isEmpty(), "scan data before any frame header");
        assertTrue(inspect(new byte[0]).isEmpty());
    }
}
