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
import java.util.stream.Stream;

/**
 * The blob store on a local (or mounted) filesystem: {@code blobs/ab/cd/abcd…} under the
 * configured directory. A blob is written to {@code tmp/}, fsynced, renamed into place atomically
 * and its directory fsynced, so after a crash a blob is either whole under its name or not there;
 * a leftover temporary file is deleted by {@link #deleteAbandonedWrites}.
 */
public class FileBlobStore implements BlobStore {

    private static final int BUFFER = 64 * 1024;
    /** Less room than this left after a failed write, and the disk is taken to be full whatever the error said. */
    private static final long ALMOST_FULL = 1024 * 1024;

    private final Path blobs;
    private final Path tmp;

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
        try {
            long size;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                Counting counting = new Counting(new DigestOutputStream(output(channel), sha256));
                OutputStream out = new BufferedOutputStream(new Unclosable(counting), BUFFER);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
                size = counting.count;
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
        } catch (IOException e) {
            // whether the disk is full is asked while what was written still takes its room
            boolean full = Full.isNoSpace(e) || roomLeft() < ALMOST_FULL;
            Files.deleteIfExists(temporary);
            if (full) {
                throw new Full("no room left under " + tmp.getParent(), e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private long roomLeft() {
        try {
            return Files.getFileStore(tmp).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Where a blob's bytes go on their way to the file; a test stands a full disk in here. */
    OutputStream output(FileChannel channel) {
        return Channels.newOutputStream(channel);
    }

    @Override
    public InputStream read(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    /** Walks {@code blobs/ab/cd/abcd…} in name order, entering only the directories that can hold later keys. */
    @Override
    public List<Listed> list(String after, int limit) throws IOException {
        List<Listed> listed = new ArrayList<>();
        for (Path first : sorted(blobs, after.length() >= 2 ? after.substring(0, 2) : "")) {
            String a = first.getFileName().toString();
            String within = after.startsWith(a) && after.length() >= 4 ? after.substring(2, 4) : "";
            for (Path second : sorted(first, after.startsWith(a) ? within : "")) {
                boolean sameBranch = after.startsWith(a + second.getFileName());
                for (Path file : sorted(second, "")) {
                    String name = file.getFileName().toString();
                    if (KEY.matcher(name).matches() && (!sameBranch || name.compareTo(after) > 0)
                            && Files.isRegularFile(file)) {
                        listed.add(new Listed(name, Files.getLastModifiedTime(file).toInstant()));
                        if (listed.size() >= limit) {
                            return listed;
                        }
                    }
                }
            }
        }
        return listed;
    }

    /** The entries of a directory whose names are not before {@code from}, in name order. */
    private static List<Path> sorted(Path directory, String from) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> p.getFileName().toString().compareTo(from) >= 0).sorted().toList();
        }
    }

    @Override
    public int deleteAbandonedWrites(Instant cutoff) throws IOException {
        return deleteOlderThan(tmp, "*.part", cutoff);
    }

    /** Deletes the files of a directory matching a glob and last written before the cutoff; returns how many. */
    static int deleteOlderThan(Path directory, String glob, Instant cutoff) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private Path path(String key) {
        BlobStore.requireKey(key);
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
