package org.doorstep.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The blob store in an S3-compatible object store (a county's MinIO or Ceph, or a public cloud's):
 * one object per blob, {@code <prefix><sha256>}, in one bucket. A blob is spooled while it is written
 * (in memory, or in a temporary file beyond {@code doorstep.capture.s3.spool-threshold}) so that its
 * hash, hence its name, is known before it is sent; it is then sent in one PUT, which the store
 * either keeps whole or not at all, so no partial object and no multipart upload can be left behind.
 * The bytes are encrypted before they reach this class: the store never sees a capture in clear.
 */
public class S3BlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Spool.Factory spools;

    S3BlobStore(S3Client s3, String bucket, String prefix, Spool.Factory spools) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.spools = spools;
    }

    @Override
    public Stored write(Writer writer) throws IOException {
        MessageDigest sha256 = UploadVerifier.sha256();
        try (Spool spool = spools.open()) {
            try (OutputStream out = new DigestOutputStream(spool.output(), sha256)) {
                writer.writeTo(out);
            } catch (IOException e) {
                if (Full.isNoSpace(e)) {
                    // the local disk that holds a large part until it is sent: nothing was kept, and room is made by people
                    throw new Full("no room left to spool a part under " + spools.directory(), e);
                }
                throw e;
            }
            String key = HexFormat.of().formatHex(sha256.digest());
            long size = spool.size();
            try {
                // The same bytes are always stored under the same name, so a repeated PUT changes nothing.
                s3.putObject(b -> b.bucket(bucket).key(prefix + key).contentLength(size)
                        .contentType("application/octet-stream"),
                        RequestBody.fromContentProvider(spool::input, size, "application/octet-stream"));
            } catch (S3Exception e) {
                if (e.statusCode() == 507 || "QuotaExceeded".equals(e.awsErrorDetails() == null ? null
                        : e.awsErrorDetails().errorCode())) {
                    throw new Full("the object store has no room or quota left for bucket " + bucket, e);
                }
                throw unavailable("store", key, e);
            } catch (SdkException e) {
                throw unavailable("store", key, e);
            }
            return new Stored(key, size);
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        BlobStore.requireKey(key);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(prefix + key);
        } catch (SdkException e) {
            throw unavailable("read", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        BlobStore.requireKey(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(prefix + key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw unavailable("look up", key, e);
        } catch (SdkException e) {
            throw unavailable("look up", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        BlobStore.requireKey(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public List<Listed> list(String after, int limit) throws IOException {
        List<Listed> listed = new ArrayList<>();
        String token = null;
        try {
            do {
                String continuation = token;
                ListObjectsV2Response page = s3.listObjectsV2(b -> {
                    b.bucket(bucket).prefix(prefix).maxKeys(Math.min(1000, limit - listed.size()));
                    if (continuation != null) {
                        b.continuationToken(continuation);
                    } else if (!after.isEmpty()) {
                        b.startAfter(prefix + after);
                    }
                });
                for (S3Object object : page.contents()) {
                    String key = object.key().substring(prefix.length());
                    if (KEY.matcher(key).matches()) {
                        listed.add(new Listed(key, object.lastModified()));
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null && listed.size() < limit);
        } catch (SdkException e) {
            throw unavailable("list", after, e);
        }
        return listed;
    }

    /** A PUT is all or nothing: only temporary spool files of writes cut off by a crash are left. */
    @Override
    public int deleteAbandonedWrites(Instant cutoff) throws IOException {
        return spools.deleteAbandoned(cutoff);
    }

    private IOException unavailable(String what, String key, SdkException e) {
        LOG.warnf("The object store could not %s %s%s in bucket %s: %s", what, prefix, key, bucket, e.getMessage());
        return new BlobStore.Unavailable("The object store could not " + what + " a blob", e);
    }
}
