package org.doorstep.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Tells a file's real type from its first bytes, and for an image the pixel dimensions its header
 * declares, reading only the header: a PNG's IHDR chunk or a JPEG's SOFn frame header. Nothing
 * is decoded, so a small file declaring a huge image (a decompression bomb) costs nothing to
 * refuse. Reads as little as it needs from the stream, never more than {@link #MAX_HEADER_BYTES}.
 */
public final class ContentInspector {

    /** A JPEG's frame header may follow large EXIF and ICC segments; past this it is not an image we take. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    /** What the bytes are; {@code width} and {@code height} only for images. */
    public record Inspection(ContentType type, long width, long height) {

        public long pixels() {
            return width * height;
        }
    }

    private ContentInspector() {
    }

    /** The type and dimensions, or empty when the bytes are none of the types we take (or a broken header). */
    public static Optional<Inspection> inspect(InputStream in) throws IOException {
        Counting bytes = new Counting(in);
        try {
            int first = bytes.read();
            int second = bytes.read();
            if (first == 0xFF && second == 0xD8) {
                return jpeg(bytes);
            }
            if (first == 0x89 && second == 'P') {
                return png(bytes);
            }
            if (first == '%' && second == 'P' && bytes.read() == 'D' && bytes.read() == 'F' && bytes.read() == '-') {
                return Optional.of(new Inspection(ContentType.PDF, 0, 0));
            }
            return Optional.empty();
        } catch (EOFException e) {
            return Optional.empty();
        }
    }

    private static Optional<Inspection> png(Counting in) throws IOException {
        for (int i = 2; i < PNG_SIGNATURE.length; i++) {
            if (in.read() != (PNG_SIGNATURE[i] & 0xFF)) {
                return Optional.empty();
            }
        }
        long length = in.u32();
        if (length != 13 || in.read() != 'I' || in.read() != 'H' || in.read() != 'D' || in.read() != 'R') {
            return Optional.empty();
        }
        return Optional.of(new Inspection(ContentType.PNG, in.u32(), in.u32()));
    }

    private static Optional<Inspection> jpeg(Counting in) throws IOException {
        while (in.count < MAX_HEADER_BYTES) {
            int b = in.read();
            if (b != 0xFF) {
                return Optional.empty();
            }
            int marker = in.read();
            while (marker == 0xFF) {
                marker = in.read();
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return Optional.empty();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            int length = in.u16();
            if (length < 2) {
                return Optional.empty();
            }
            if (frameHeader(marker)) {
                in.read();
                long height = in.u16();
                long width = in.u16();
                return Optional.of(new Inspection(ContentType.JPEG, width, height));
            }
            in.discard(length - 2);
        }
        return Optional.empty();
    }

    /** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean frameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** Reads through the stream (so a digest over it sees every byte) and counts. */
    private static final class Counting {
        private final InputStream in;
        private long count;
        private final byte[] scratch = new byte[8192];

        Counting(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            count++;
            return b;
        }

        int u16() throws IOException {
            return (read() << 8) | read();
        }

        long u32() throws IOException {
            return ((long) u16() << 16) | u16();
        }

        void discard(long n) throws IOException {
            long left = n;
            while (left > 0) {
                int read = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (read < 0) {
                    throw new EOFException();
                }
                left -= read;
                count += read;
            }
        }
    }
}
