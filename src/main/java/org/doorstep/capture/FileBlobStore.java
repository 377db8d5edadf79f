package org.doorstep.capture;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * The blob store on a local (or mounted) filesystem: {@code blobs/ab/cd/abcd…} under the
 * configured directory. A blob is written to {@code tmp/}, fsynced, renamed into place atomically
 * and its directory fsynced, so after a crash a blob is either whole under its name or not there;
 * a leftover temporary file is deleted by {@link #deleteAbandonedWrites}.
 */
@ApplicationScoped
@DefaultBean
public class FileBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 64 * 1024;

    private final Path blobs;
    private final Path tmp;

    @jakarta.inject.Inject
    public FileBlobStore(CaptureConfig config) throws IOException {
        this(Path.of(config.storageDirectory()));
    }

    FileBlobStore(Path root) throws IOException {
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
        Files.createDirectories(blobs);
        Files.createDirectories(tmp);
    }

    @Override
    public Stored write(Writer writer) throws IOException {
        Path temporary = tmp.resolve(UUID.randomUUID() + ".part");
        MessageDigest sha256 = sha256();
        long size;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Counting counting = new Counting(new DigestOutputStream(Channels.newOutputStream(channel), sha256));
            OutputStream out = new BufferedOutputStream(new Unclosable(counting), BUFFER);
            writer.writeTo(out);
            out.flush();
            channel.force(true);
            size = counting.count;
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        String key = HexFormat.of().formatHex(sha256.digest());
        Path target = path(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // The same bytes are stored already: the hash names them.
            Files.deleteIfExists(temporary);
        }
        fsyncDirectory(target.getParent());
        return new Stored(key, size);
    }

    @Override
    public InputStream read(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public List<String> storedBefore(Instant cutoff, int limit) throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(blobs, 3)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (keys.size() >= limit) {
                    break;
                }
                String name = file.getFileName().toString();
                if (KEY.matcher(name).matches() && Files.isRegularFile(file)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    keys.add(name);
                }
            }
        }
        return keys;
    }

    @Override
    public int deleteAbandonedWrites(Instant cutoff) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, "*.part")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a blob key");
        }
        return blobs.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the bytes that pass. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** The writer may close what it was given; the store closes the file itself, after the fsync. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
