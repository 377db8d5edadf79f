package org.doorstep.capture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The capture store's disk full while a PATCH is being written: the real filesystem store, whose file
 * refuses bytes past the room left with the IOException the JDK throws for ENOSPC.
 */
@QuarkusTest
class CaptureStoreFullTest {

    @Inject
    CaptureSteps steps;

    @Inject
    CaptureConfig config;

    private FullDisk disk;

    /** The filesystem store on a disk with only so many bytes of room left. */
    static final class FullDisk extends FileBlobStore {
        volatile long room = Long.MAX_VALUE;

        FullDisk(Path root) throws IOException {
            super(root);
        }

        @Override
        OutputStream output(FileChannel channel) {
            return new FilterOutputStream(super.output(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > room) {
                        throw new IOException("No space left on device"); // FileChannelImpl's, for ENOSPC
                    }
                    room -= len;
                    out.write(b, off, len);
                }
            };
        }
    }

    @BeforeEach
    void onASmallDisk() throws IOException {
        disk = new FullDisk(Path.of(config.storageDirectory()));
        QuarkusMock.installMockForType(disk, BlobStore.class);
    }

    @Test
    void aPatchToAFullStoreIs507WithNothingKeptAndTheSameUploadGoesOnOnceThereIsRoom() throws IOException {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] form = CaptureSteps.pdf(300_000);
        String upload = steps.create(door, "APPLICATION_FORM", form);
        List<Path> writing = temporaryFiles();
        disk.room = 100_000;

        steps.patch(door.bearer(), upload, 0, form).statusCode(507).contentType("application/problem+json")
                .header("Tus-Resumable", "1.0.0").header("Retry-After", String.valueOf(UploadService.STORE_FULL_RETRY))
                .body("type", equalTo("urn:doorstep:problem:capture-store-full")).body("status", equalTo(507));
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload).then()
                .statusCode(200).header("Upload-Offset", "0");
        given().header("Authorization", door.bearer()).when().get("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(200).body("total", equalTo(0));
        assertEquals(writing, temporaryFiles(), "nothing half written is left in the store");

        disk.room = Long.MAX_VALUE; // the operators made room
        steps.patch(door.bearer(), upload, 0, form).statusCode(204).header("Upload-Offset", "300000");
        String id = upload.substring(upload.lastIndexOf('/') + 1);
        assertArrayEquals(form, given().header("Authorization", door.bearer()).when()
                .get("/api/v1/captures/" + id + "/content").then().statusCode(200).extract().asByteArray());
    }

    @Test
    void theRefusalIsInChineseForATablet() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(200_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        disk.room = 0;
        steps.patchRequest(door.bearer(), 0).header("Accept-Language", "zh-CN").body(card).when().patch(upload).then()
                .statusCode(507).body("title", equalTo("文件存储空间已满"));
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(config.storageDirectory(), "tmp"))) {
            return files.sorted().toList();
        }
    }
}
