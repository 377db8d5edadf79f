import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

/**
 * The stages of the upload path, each alone, in a fresh JVM (as a freshly started instance meets
 * them): SHA-256, Tink's streaming AES-256-GCM-HKDF with a given segment size, the JDK's AES/GCM fed
 * in pieces of a given size, and writing the bytes to disk with fsync. Prints, per round of ROUNDS x
 * FILE bytes, the MB/s, so the first rounds (code not yet compiled) and the later ones show apart.
 *
 * java -cp 'target/quarkus-app/lib/main/*' bench/upload/Stages.java STAGE [segment-or-piece KiB] [rounds] [write KiB]
 * STAGE: sha256 | tink | gcm | fsync; write KiB: the pieces handed to Tink's stream (64 by default)
 */
public class Stages {

    static final int FILE = 4 * 1024 * 1024;
    static final int FILES_PER_ROUND = 20;

    interface Stage {
        void run(byte[] file) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String stage = args[0];
        int kib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int write = (args.length > 3 ? Integer.parseInt(args[3]) : 64) * 1024;
        byte[] file = new byte[FILE];
        new SecureRandom().nextBytes(file);
        Stage s = switch (stage) {
            case "sha256" -> sha256();
            case "tink" -> tink(kib, write);
            case "gcm" -> gcm(kib);
            case "fsync" -> fsync();
            default -> throw new IllegalArgumentException(stage);
        };
        StringBuilder line = new StringBuilder(stage + (stage.equals("tink") || stage.equals("gcm") ? " " + kib + " KiB" : "")
                + (stage.equals("tink") ? ", writes of " + write / 1024 + " KiB" : ""));
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < FILES_PER_ROUND; i++) {
                s.run(file);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            line.append(String.format(Locale.ROOT, "\t%.0f", (double) FILE * FILES_PER_ROUND / seconds / 1e6));
        }
        System.out.println(line);
    }

    static Stage sha256() {
        return file -> {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (int off = 0; off < file.length; off += 64 * 1024) {
                d.update(file, off, Math.min(64 * 1024, file.length - off));
            }
            d.digest();
        };
    }

    static Stage tink(int segmentKiB, int write) throws Exception {
        StreamingAeadConfig.register();
        AesGcmHkdfStreamingParameters parameters = AesGcmHkdfStreamingParameters.builder().setKeySizeBytes(32)
                .setDerivedAesGcmKeySizeBytes(32).setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                .setCiphertextSegmentSizeBytes(segmentKiB * 1024).build();
        StreamingAead aead = KeysetHandle.generateNew(parameters).getPrimitive(RegistryConfiguration.get(),
                StreamingAead.class);
        ByteArrayOutputStream sink = new ByteArrayOutputStream(FILE + FILE / 8);
        byte[] context = "part".getBytes();
        return file -> {
            sink.reset();
            try (OutputStream out = aead.newEncryptingStream(sink, context)) {
                for (int off = 0; off < file.length; off += write) {
                    out.write(file, off, Math.min(write, file.length - off));
                }
            }
        };
    }

    static Stage gcm(int pieceKiB) throws Exception {
        SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
        byte[] iv = new byte[12];
        byte[] out = new byte[pieceKiB * 1024 + 16];
        int[] counter = { 0 };
        return file -> {
            for (int off = 0; off < file.length; off += pieceKiB * 1024) {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                iv[0] = (byte) counter[0]++;
                iv[1] = (byte) (counter[0] >> 8);
                iv[2] = (byte) (counter[0] >> 16);
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                c.doFinal(file, off, Math.min(pieceKiB * 1024, file.length - off), out, 0);
            }
        };
    }

    static Stage fsync() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "stages");
        int[] n = { 0 };
        return file -> {
            Path p = dir.resolve("f" + n[0]++);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(file);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.delete(p);
        };
    }
}
