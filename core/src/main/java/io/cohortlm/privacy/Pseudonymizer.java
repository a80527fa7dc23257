package io.cohortlm.privacy;

import io.cohortlm.CohortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces external ids (user ids, e-mail-like account names) with short stable tokens:
 * {@code prefix + first 16 hex chars of HMAC-SHA256(key, prefix + id)}, e.g. {@code u_3f9a0c17d2b4e851}.
 * <p>Deterministic for (key, prefix, id); without the key the id cannot be recovered or checked by guessing.
 * The prefix is part of the MAC input, so the same raw id gets unrelated tokens under {@code u_} and
 * {@code i_}. 64 bits per token: among a million ids the chance of any collision is about 3 in 100 million.
 * <p>Thread-safe: {@link Mac} is not, so each thread keeps its own instance.
 */
public final class Pseudonymizer {
    /** Environment variable read for the key by {@link PseudonymKeyConfig#defaults}. */
    public static final String DEFAULT_KEY_ENV = "COHORTLM_PSEUDONYM_KEY";
    /** Shortest accepted key, in characters (bytes for {@link #withKey}). */
    public static final int MIN_KEY_LENGTH = 16;
    /** Prefix for user tokens. */
    public static final String USER_PREFIX = "u_";

    private static final Logger LOG = LoggerFactory.getLogger(Pseudonymizer.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final String prefix;
    private final String keyId;
    private final String keySource;
    private final ThreadLocal<Mac> macs;

    private Pseudonymizer(byte[] keyBytes, String prefix, String keySource) {
        if (keyBytes.length < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "key must be at least " + MIN_KEY_LENGTH + " bytes, was " + keyBytes.length);
        }
        if (!prefix.matches("[a-z]{1,8}_")) {
            throw new IllegalArgumentException("prefix must match [a-z]{1,8}_, was '" + prefix + "'");
        }
        this.key = new SecretKeySpec(keyBytes.clone(), ALGORITHM);
        this.prefix = prefix;
        this.keySource = keySource;
        this.keyId = keyIdOf(keyBytes);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail now, not on first use, if HmacSHA256 is unavailable
    }

    /** A pseudonymizer for user ids ({@value #USER_PREFIX}) with the given key (at least 16 bytes). */
    public static Pseudonymizer withKey(byte[] key) {
        return new Pseudonymizer(key, USER_PREFIX, "explicit");
    }

    /** The same key with another token prefix (e.g. {@code i_} for item ids): tokens are unrelated. */
    public Pseudonymizer withPrefix(String newPrefix) {
        return new Pseudonymizer(key.getEncoded(), newPrefix, keySource);
    }

    /** Loads (or, per {@link PseudonymKeyConfig}, generates) the key and returns a user-id pseudonymizer. */
    public static Pseudonymizer load(PseudonymKeyConfig config) {
        return load(config, System::getenv);
    }

    static Pseudonymizer load(PseudonymKeyConfig config, Function<String, String> env) {
        if (config.keyFile() != null) {
            Path f = config.keyFile();
            if (!Files.isRegularFile(f)) {
                throw new CohortException("pseudonym key file " + f + " does not exist");
            }
            return new Pseudonymizer(readKey(f), USER_PREFIX, "file " + f);
        }
        String v = env.apply(config.envVar());
        if (v != null && !v.isBlank()) {
            String t = v.strip();
            if (t.length() < MIN_KEY_LENGTH) {
                throw new CohortException("pseudonym key in environment variable " + config.envVar()
                        + " is too short: need at least " + MIN_KEY_LENGTH + " characters, was " + t.length());
            }
            return new Pseudonymizer(t.getBytes(StandardCharsets.UTF_8), USER_PREFIX, "env " + config.envVar());
        }
        Path g = config.generatedKeyFile();
        if (!Files.exists(g)) {
            try {
                generateKeyFile(g);
                LOG.warn("No pseudonym key configured (key file or ${}); generated a new random key in {}. Keep that "
                        + "file to get the same pseudonyms next run; keep it secret and out of version control.",
                        config.envVar(), g);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            } catch (IOException e) {
                throw new CohortException("cannot write pseudonym key file " + g + ": " + e.getMessage(), e);
            }
        }
        return new Pseudonymizer(readKey(g), USER_PREFIX, "file " + g);
    }

    /** The token for {@code id}: prefix + 16 lower-case hex chars. */
    public String pseudonymize(String id) {
        Objects.requireNonNull(id, "id");
        Mac mac = macs.get();
        mac.update((prefix + id).getBytes(StandardCharsets.UTF_8));
        byte[] h = mac.doFinal();
        return prefix + HEX.formatHex(h, 0, 8);
    }

    /** The token prefix, e.g. {@code u_}. */
    public String prefix() {
        return prefix;
    }

    /**
     * A non-secret 12-hex-char fingerprint of the key (sha256 of a label + key), for run manifests: two runs
     * with the same key id produce the same tokens. It does not help guess the key.
     */
    public String keyId() {
        return keyId;
    }

    /** Where the key came from: {@code file PATH}, {@code env NAME} or {@code explicit}. Never the key itself. */
    public String keySource() {
        return keySource;
    }

    @Override
    public String toString() {
        return "Pseudonymizer[prefix=" + prefix + ", keyId=" + keyId + ", source=" + keySource + "]";
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String keyIdOf(byte[] keyBytes) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("cohortlm-pseudonym-key-id:".getBytes(StandardCharsets.US_ASCII));
            return HEX.formatHex(d.digest(keyBytes), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] readKey(Path f) {
        String t;
        try {
            t = Files.readString(f, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CohortException("cannot read pseudonym key file " + f + ": " + e.getMessage(), e);
        }
        if (t.length() < MIN_KEY_LENGTH) {
            throw new CohortException("pseudonym key file " + f + " is too short: need at least " + MIN_KEY_LENGTH
                    + " characters, was " + t.length());
        }
        warnIfShared(f);
        return t.getBytes(StandardCharsets.UTF_8);
    }

    private static void warnIfShared(Path f) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("Pseudonym key file {} is readable by other users ({}); chmod 600 it.", f,
                        PosixFilePermissions.toString(p));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // permissions unknown: nothing to warn about
        }
    }

    private static void generateKeyFile(Path g) throws IOException {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        byte[] content = (HEX.formatHex(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(raw, (byte) 0);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path dir = g.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Files.createFile(g, attrs); // CREATE_NEW semantics: never overwrites an existing key
        Files.write(g, content, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
