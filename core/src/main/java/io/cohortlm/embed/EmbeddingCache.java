package io.cohortlm.embed;

import io.cohortlm.CohortException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors of one encoder on disk, keyed by a hash of (text, {@link EncoderIdentity}), so a rerun over unchanged
 * texts encodes nothing and a killed run loses at most its last unsaved batch.
 * <p>Layout: {@code ROOT/<identity.key()>/} holds {@code identity.txt} and append-only segment files
 * {@code seg-NNNNNN.vec}, one per writing session. A record is {@code magic, 16-byte key, dimension floats,
 * CRC32C} (little-endian, fixed size). {@link #putAll} appends a batch with one write and fsyncs it before
 * returning. {@link #open} rebuilds the in-memory index (key -> file position) by scanning every segment and
 * verifying every record's checksum; a torn or corrupt tail (e.g. after {@code kill -9}) is dropped with a warning
 * and never read. Vectors are read from disk on demand.
 * <p>One process at a time: the folder is locked while open. Not thread-safe; callers serialise.
 */
public final class EmbeddingCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final int MAGIC = 0x454D4243; // "CBME" little-endian
    private static final int KEY_BYTES = 16;
    private static final int MAX_SEGMENTS = 1 << 15;

    private final Path dir;
    private final EncoderIdentity identity;
    private final byte[] identityBytes;
    private final int recordBytes;
    private final List<FileChannel> segments = new ArrayList<>();
    private final Map<Key, Long> index = new HashMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel writer;
    private int writerSegment = -1;
    private long droppedRecords;

    /** A text's cache key: the first 128 bits of sha256(identity, text). */
    public record Key(long hi, long lo) {
    }

    private EmbeddingCache(Path dir, EncoderIdentity identity) throws IOException {
        this.dir = dir;
        this.identity = identity;
        this.identityBytes = (identity.modelId() + '\n' + identity.weightsFingerprint() + '\n' + identity.dimension()
                + '\n' + identity.pooling() + '\n' + identity.normalized() + '\n').getBytes(StandardCharsets.UTF_8);
        this.recordBytes = 4 + KEY_BYTES + 4 * identity.dimension() + 4;
        Files.createDirectories(dir);
        this.lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new CohortException("embedding cache " + dir + " is in use by another run; wait for it or use "
                    + "another cache folder");
        }
        this.lock = l;
        Path idFile = dir.resolve("identity.txt");
        if (!Files.exists(idFile)) {
            Files.write(idFile, identityBytes);
        }
    }

    /**
     * Opens (creating if needed) the cache of one encoder under {@code root}.
     *
     * @throws CohortException if another process has it open
     */
    public static EmbeddingCache open(Path root, EncoderIdentity identity) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(identity, "identity");
        try {
            EmbeddingCache c = new EmbeddingCache(root.resolve(identity.key()), identity);
            try {
                c.load();
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open embedding cache under " + root, e);
        }
    }

    private void load() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("seg-\\d{6}\\.vec")).sorted().toList();
        }
        ByteBuffer rec = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Path f : files) {
            int seg = segments.size();
            FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
            segments.add(ch);
            long size = ch.size();
            long pos = 0;
            // Sequential scan with a large buffer; each record's checksum is verified.
            ByteBuffer buf = ByteBuffer.allocate(Math.max(recordBytes, (1 << 20) / recordBytes * recordBytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            boolean bad = false;
            while (pos + recordBytes <= size && !bad) {
                buf.clear();
                int want = (int) Math.min(buf.capacity(), (size - pos) / recordBytes * recordBytes);
                buf.limit(want);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, pos + buf.position()) < 0) {
                        break;
                    }
                }
                buf.flip();
                while (buf.remaining() >= recordBytes) {
                    rec.clear();
                    buf.get(rec.array(), 0, recordBytes);
                    Key key = validKey(rec);
                    if (key == null) {
                        bad = true;
                        break;
                    }
                    index.put(key, ((long) seg << 48) | pos);
                    pos += recordBytes;
                }
            }
            if (pos < size) {
                long lost = (size - pos + recordBytes - 1) / recordBytes;
                droppedRecords += lost;
                LOG.warn("embedding cache {}: dropped a torn or corrupt tail of {} ({} bytes, ~{} record(s)); "
                        + "those texts will be encoded again", dir, f.getFileName(), size - pos, lost);
            }
        }
    }

    /** The record's key if its magic and checksum are right, else null. */
    private Key validKey(ByteBuffer rec) {
        if (rec.getInt(0) != MAGIC) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(rec.array(), 0, recordBytes - 4);
        if ((int) crc.getValue() != rec.getInt(recordBytes - 4)) {
            return null;
        }
        return new Key(rec.getLong(4), rec.getLong(12));
    }

    /** The key of a text for this cache's encoder. */
    public Key keyOf(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(identityBytes);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            ByteBuffer d = ByteBuffer.wrap(sha.digest());
            return new Key(d.getLong(), d.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public EncoderIdentity identity() {
        return identity;
    }

    /** Number of vectors stored. */
    public int size() {
        return index.size();
    }

    /** Records dropped as torn or corrupt when this cache was opened. */
    public long droppedRecords() {
        return droppedRecords;
    }

    public boolean contains(Key key) {
        return index.containsKey(key);
    }

    /** The stored vector for a key, or null. */
    public float[] get(Key key) {
        Long loc = index.get(key);
        if (loc == null) {
            return null;
        }
        FileChannel ch = segments.get((int) (loc >>> 48));
        long pos = loc & ((1L << 48) - 1);
        ByteBuffer rec = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (rec.hasRemaining()) {
                if (ch.read(rec, pos + rec.position()) < 0) {
                    throw new IOException("segment shorter than its index");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache " + dir, e);
        }
        float[] v = new float[identity.dimension()];
        rec.position(4 + KEY_BYTES);
        rec.asFloatBuffer().get(v);
        return v;
    }

    /**
     * Appends a batch of vectors and makes it durable (fsync) before returning. Keys already stored are skipped.
     *
     * @throws IllegalArgumentException if a vector's length is not the identity's dimension
     */
    public void putAll(List<Key> keys, List<float[]> vectors) {
        if (keys.size() != vectors.size()) {
            throw new IllegalArgumentException("keys (" + keys.size() + ") and vectors (" + vectors.size()
                    + ") must have the same size");
        }
        int d = identity.dimension();
        ByteBuffer buf = ByteBuffer.allocate(recordBytes * keys.size()).order(ByteOrder.LITTLE_ENDIAN);
        List<Key> added = new ArrayList<>();
        java.util.Set<Key> seen = new java.util.HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            float[] v = vectors.get(i);
            if (v.length != d) {
                throw new IllegalArgumentException("vector " + i + " has length " + v.length + ", cache dimension is "
                        + d);
            }
            if (index.containsKey(k) || !seen.add(k)) {
                continue;
            }
            int start = buf.position();
            buf.putInt(MAGIC).putLong(k.hi()).putLong(k.lo());
            for (float x : v) {
                buf.putFloat(x);
            }
            CRC32C crc = new CRC32C();
            crc.update(buf.array(), start, recordBytes - 4);
            buf.putInt((int) crc.getValue());
            added.add(k);
        }
        if (added.isEmpty()) {
            return;
        }
        buf.flip();
        try {
            FileChannel w = writer();
            long pos = w.size();
            while (buf.hasRemaining()) {
                w.write(buf, pos + buf.position());
            }
            w.force(false);
            for (int i = 0; i < added.size(); i++) {
                index.put(added.get(i), ((long) writerSegment << 48) | (pos + (long) i * recordBytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + dir, e);
        }
    }

    /** This session's segment, created on the first write so that read-only reruns leave no files. */
    private FileChannel writer() throws IOException {
        if (writer == null) {
            int seg = segments.size();
            if (seg >= MAX_SEGMENTS) {
                throw new CohortException("embedding cache " + dir + " has " + seg + " segment files; delete the "
                        + "folder to rebuild it");
            }
            Path f = dir.resolve(String.format(java.util.Locale.ROOT, "seg-%06d.vec", nextSegmentNumber()));
            writer = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            segments.add(writer);
            writerSegment = seg;
            // Make the new file's directory entry durable too.
            try (FileChannel dch = FileChannel.open(dir, StandardOpenOption.READ)) {
                dch.force(true);
            } catch (IOException e) {
                LOG.debug("directory fsync not supported here", e);
            }
        }
        return writer;
    }

    private int nextSegmentNumber() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("seg-\\d{6}\\.vec"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4, 10))).max().orElse(0) + 1;
        }
    }

    @Override
    public void close() {
        for (FileChannel ch : segments) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing segment", e);
            }
        }
        segments.clear();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("releasing cache lock", e);
        }
    }
}
