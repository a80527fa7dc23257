package io.cohortlm.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizerTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void token_matches_an_independent_hmac_sha256() {
        // python3: hmac.new(KEY, b"u_12346", hashlib.sha256).hexdigest()[:16]
        Pseudonymizer p = Pseudonymizer.withKey(KEY);
        assertEquals("u_a465f8fa6fc39e79", p.pseudonymize("12346"));
        assertEquals("u_9146696663fd8d5c", p.pseudonymize("张三"));
        assertEquals("5fedbcff1291", p.keyId());
    }

    @Test
    void same_key_and_id_give_the_same_token_and_other_keys_or_prefixes_do_not() {
        Pseudonymizer a = Pseudonymizer.withKey(KEY);
        Pseudonymizer b = Pseudonymizer.withKey(KEY.clone());
        Pseudonymizer other = Pseudonymizer.withKey("another-key-of-enough-length".getBytes(StandardCharsets.UTF_8));
        assertEquals(a.pseudonymize("17850"), b.pseudonymize("17850"));
        assertNotEquals(a.pseudonymize("17850"), other.pseudonymize("17850"));
        String item = a.withPrefix("i_").pseudonymize("17850");
        assertTrue(item.startsWith("i_"));
        assertNotEquals(a.pseudonymize("17850").substring(2), item.substring(2));
        assertTrue(a.pseudonymize("17850").matches("u_[0-9a-f]{16}"));
    }

    @Test
    void ten_thousand_ids_give_ten_thousand_distinct_tokens() {
        Pseudonymizer p = Pseudonymizer.withKey(KEY);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(p.pseudonymize(Integer.toString(i)));
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void concurrent_use_gives_the_same_tokens_as_sequential_use() throws Exception {
        Pseudonymizer p = Pseudonymizer.withKey(KEY);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            expected.add(p.pseudonymize("user-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!expected.get(i).equals(p.pseudonymize("user-" + i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : fs) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void short_keys_and_bad_prefixes_are_refused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pseudonymizer.withKey(new byte[5]));
        assertEquals("key must be at least 16 bytes, was 5", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Pseudonymizer.withKey(KEY).withPrefix("U-"));
        assertEquals("prefix must match [a-z]{1,8}_, was 'U-'", e2.getMessage());
    }

    @Test
    void env_var_key_is_used_when_no_key_file_is_configured(@TempDir Path dir) {
        PseudonymKeyConfig cfg = PseudonymKeyConfig.defaults(dir);
        Pseudonymizer p = Pseudonymizer.load(cfg, Map.of("COHORTLM_PSEUDONYM_KEY",
                "  0123456789abcdef0123456789abcdef\n")::get);
        assertEquals("u_a465f8fa6fc39e79", p.pseudonymize("12346"));
        assertEquals("env COHORTLM_PSEUDONYM_KEY", p.keySource());
        assertFalse(Files.exists(cfg.generatedKeyFile()), "nothing generated when the env var is set");
        assertFalse(p.toString().contains("0123456789abcdef"));
    }

    @Test
    void explicit_key_file_wins_over_the_env_var(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("k.txt");
        Files.writeString(f, "0123456789abcdef0123456789abcdef\n");
        PseudonymKeyConfig cfg = new PseudonymKeyConfig(f, "MY_KEY", dir.resolve("gen.key"));
        Pseudonymizer p = Pseudonymizer.load(cfg, Map.of("MY_KEY", "some-other-key-entirely")::get);
        assertEquals("u_a465f8fa6fc39e79", p.pseudonymize("12346"));
    }

    @Test
    void missing_configured_key_file_and_short_env_key_are_user_errors(@TempDir Path dir) {
        Path missing = dir.resolve("nope.key");
        var e = assertThrows(CohortException.class, () -> Pseudonymizer.load(
                new PseudonymKeyConfig(missing, "K", dir.resolve("g")), n -> null));
        assertEquals("pseudonym key file " + missing + " does not exist", e.getMessage());
        var e2 = assertThrows(CohortException.class, () -> Pseudonymizer.load(
                PseudonymKeyConfig.defaults(dir), Map.of("COHORTLM_PSEUDONYM_KEY", "secret")::get));
        assertEquals("pseudonym key in environment variable COHORTLM_PSEUDONYM_KEY is too short: need at least 16 "
                + "characters, was 6", e2.getMessage());
    }

    @Test
    void without_configuration_a_key_is_generated_once_owner_only_and_reused(@TempDir Path dir) throws Exception {
        PseudonymKeyConfig cfg = PseudonymKeyConfig.defaults(dir);
        Pseudonymizer first = Pseudonymizer.load(cfg, n -> null);
        Path g = dir.resolve(".cohortlm/pseudonym.key");
        assertTrue(Files.isRegularFile(g));
        assertTrue(Files.readString(g).strip().matches("[0-9a-f]{64}"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(g)));
        }
        Pseudonymizer second = Pseudonymizer.load(cfg, n -> null);
        assertEquals(first.pseudonymize("17850"), second.pseudonymize("17850"));
        assertEquals(first.keyId(), second.keyId());
        assertEquals("file " + g, second.keySource());
        Path otherDir = dir.resolve("other");
        Pseudonymizer elsewhere = Pseudonymizer.load(PseudonymKeyConfig.defaults(otherDir), n -> null);
        assertNotEquals(first.pseudonymize("17850"), elsewhere.pseudonymize("17850"));
    }
}
