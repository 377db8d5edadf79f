package org.doorstep.capture;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * The blob store on a local (or mounted) filesystem: {@code blobs/ab/cd/abcd…} under the
 * configured directory. A blob is written to {@code tmp/}, fsynced, renamed into place atomically
 * and its directory fsynced, so after a crash a blob is either whole under its name or not there;
 * a leftover temporary file is deleted by {@link #deleteAbandonedWrites}.
 * <p>
 * Where the filesystem takes it, blobs are written with direct I/O ({@code O_DIRECT}), from a few reused
 * buffers straight to the disk: a capture is written once and seldom read, so it has no business in the page
 * cache, and filling new page-cache pages was the largest single cost of an upload (docs/benchmarks.md). A
 * filesystem that refuses direct I/O gets ordinary writes.
 */
public class FileBlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(FileBlobStore.class);
    /** Bytes gathered before they go to the file: whole blocks, few system calls. */
    static final int BUFFER = 1024 * 1024;
    /** Buffers kept for reuse; a busier moment allocates more, and lets them go. */
    private static final int POOLED_BUFFERS = 16;
    /** Less room than this left after a failed write, and the disk is taken to be full whatever the error said. */
    private static final long ALMOST_FULL = 1024 * 1024;

    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final Set<OpenOption> CREATE_DIRECT = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            ExtendedOpenOption.DIRECT);

    private final Path blobs;
    private final Path tmp;
    /** The alignment direct I/O needs here (the filesystem's block size), or 0 where it is not used. */
    private final int directAlignment;
    private final BlockingQueue<ByteBuffer> buffers = new ArrayBlockingQueue<>(POOLED_BUFFERS);

    FileBlobStore(Path root) throws IOException {
        this(root, true);
    }

    /** A store that writes with direct I/O where the filesystem takes it, if {@code direct}; tests try both. */
    FileBlobStore(Path root, boolean direct) throws IOException {
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
        Files.createDirectories(blobs);
        Files.createDirectories(tmp);
        this.directAlignment = direct ? directAlignment(tmp) : 0;
    }

    /** Whether blobs are written with direct I/O (the filesystem took a probe's direct write). */
    boolean writesDirect() {
        return directAlignment > 0;
    }

    /** The filesystem's block size if a direct write of one block works in the directory, else 0. */
    private static int directAlignment(Path directory) {
        Path probe = directory.resolve(UUID.randomUUID() + "-probe.part");
        try {
            int block = Math.toIntExact(Files.getFileStore(directory).getBlockSize());
            if (block <= 0 || BUFFER % block != 0) {
                return 0;
            }
            try (FileChannel channel = FileChannel.open(probe, CREATE_DIRECT)) {
                channel.write(ByteBuffer.allocateDirect(2 * block).alignedSlice(block).limit(block));
            }
            return block;
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
            LOG.infof("The capture store under %s is written without direct I/O: %s", directory, e.toString());
            return 0;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.debugf("could not delete %s: %s", probe, e);
            }
        }
    }

    @Override
    public Stored write(Writer writer) throws IOException {
        Path temporary = tmp.resolve(UUID.randomUUID() + ".part");
        MessageDigest sha256 = UploadVerifier.sha256();
        try {
            long size;
            try (FileChannel channel = FileChannel.open(temporary, writesDirect() ? CREATE_DIRECT : CREATE)) {
                try (OutputStream file = output(channel)) {
                    Counting counting = new Counting(new DigestOutputStream(file, sha256));
                    writer.writeTo(new Unclosable(counting));
                    size = counting.count;
                }
                channel.force(true);
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

    /**
     * Where a blob's bytes go on their way to the file; closing it writes what is left, and leaves the channel
     * open. A test stands a full disk in here.
     */
    OutputStream output(FileChannel channel) {
        ByteBuffer buffer = buffers.poll();
        if (buffer == null) {
            int alignment = Math.max(directAlignment, 1);
            buffer = ByteBuffer.allocateDirect(BUFFER + alignment).alignedSlice(alignment).slice(0, BUFFER);
        }
        return new FileOutput(channel, buffer.clear(), directAlignment, buffers::offer);
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

    /**
     * Writes a file through one direct buffer, in whole buffers. With direct I/O the last, partial block is
     * written padded with zeros and the file then cut to its length, as direct I/O writes whole blocks only.
     * Closing gives the buffer back.
     */
    static final class FileOutput extends OutputStream {
        private final FileChannel channel;
        private final ByteBuffer buffer;
        private final int alignment;
        private final Consumer<ByteBuffer> giveBack;
        private long written;
        /** A write failed: the file is being given up, and closing writes nothing more. */
        private boolean failed;
        private boolean closed;

        FileOutput(FileChannel channel, ByteBuffer buffer, int alignment, Consumer<ByteBuffer> giveBack) {
            this.channel = channel;
            this.buffer = buffer;
            this.alignment = alignment;
            this.giveBack = giveBack;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
                if (!buffer.hasRemaining()) {
                    drain();
                }
            }
        }

        /** Writes the buffer out whole; its length is a multiple of the alignment except at the very end. */
        private void drain() throws IOException {
            buffer.flip();
            written += buffer.remaining();
            failed = true;
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            failed = false;
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                int tail = buffer.position();
                if (tail > 0 && !failed) {
                    int padded = alignment > 0 ? (tail + alignment - 1) / alignment * alignment : tail;
                    while (buffer.position() < padded) {
                        buffer.put((byte) 0);
                    }
                    drain();
                    written -= padded - tail;
                    if (padded != tail) {
                        channel.truncate(written);
                    }
                }
            } finally {
                giveBack.accept(buffer);
            }
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

    /** The writer may close what it was given; the store finishes the file itself, then fsyncs it. */
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
