package org.doorstep.capture;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import software.amazon.awssdk.services.s3.S3Client;

/** The blob store that {@code doorstep.capture.store} names; the S3 client is made only when it is chosen. */
@ApplicationScoped
class BlobStores {

    @Produces
    @ApplicationScoped
    BlobStore store(CaptureConfig config, Instance<S3Client> s3) throws IOException {
        return switch (config.store()) {
            case FILESYSTEM -> new FileBlobStore(Path.of(config.storageDirectory()));
            case S3 -> {
                CaptureConfig.S3 c = config.s3();
                String bucket = c.bucket().filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalStateException(
                        "doorstep.capture.store=s3 needs doorstep.capture.s3.bucket (DOORSTEP_CAPTURE_S3_BUCKET)"));
                Path spool = Path.of(c.spoolDirectory().orElse(System.getProperty("java.io.tmpdir")))
                        .resolve("doorstep-spool");
                yield new S3BlobStore(s3.get(), bucket, c.prefix(),
                        new Spool.Factory(spool, c.spoolThreshold().asLongValue()));
            }
        };
    }
}
