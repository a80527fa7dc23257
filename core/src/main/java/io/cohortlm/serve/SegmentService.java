package io.cohortlm.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.cohortlm.CohortException;
import io.cohortlm.embed.Encoder;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.recommend.UserQuery;
import io.cohortlm.represent.FittedRepresentation;
import io.cohortlm.segment.Assignment;
import io.cohortlm.stats.SeededSample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The real-time service behind {@code cohortlm serve}, independent of HTTP: segment lookups, cold-start assignment,
 * recommendations, real-time events, forgetting users, hot reload. Thread-safe. The loaded model is swapped
 * atomically on reload: a request takes one snapshot and finishes on it even if a reload lands meanwhile.
 * <p>User ids: callers pass the platform's own ids; they are pseudonymised with the bundle's key and only
 * pseudonyms are returned or stored. A known pseudonym may be passed directly.
 */
public final class SegmentService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SegmentService.class.getName());
    /** Recommendations kept per cached user; larger k is computed without the cache. */
    public static final int CACHED_DEPTH = 100;
    public static final int MAX_K = 100;
    public static final int MAX_EVENTS = 1000;
    public static final int MAX_TEXT_CHARS = 4000;
    static final int WITHHELD = -2;

    /**
     * @param minSegmentSize segments below this are withheld from every answer
     * @param threads        threads for fitting at load (answers do not depend on it)
     * @param seed           the one seed
     * @param cacheUsers     users whose ranked recommendations are cached (0 = no cache)
     * @param stateDir       where the service keeps its own files (events log, forgotten users)
     */
    public record Settings(int minSegmentSize, int threads, long seed, int cacheUsers, Path stateDir) {
        public Settings {
            if (minSegmentSize < 1) {
                throw new IllegalArgumentException("minSegmentSize must be ≥ 1, was " + minSegmentSize);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1, was " + threads);
            }
            if (cacheUsers < 0) {
                throw new IllegalArgumentException("cacheUsers must be ≥ 0, was " + cacheUsers);
            }
            Objects.requireNonNull(stateDir, "stateDir");
        }
    }

    /** The loaded model in brief. */
    public record Health(String modelId, Instant loadedAt, int segments, int users, int items, double loadSeconds,
            long reloads) {
    }

    /** A new user placed and served. */
    public record Assigned(UserSegment placement, List<Recommendation> recommendations, List<String> attributesUsed,
            List<String> attributesIgnored, boolean profileTextUsed, int events, List<String> unknownItems,
            List<String> viewsUsed) {
    }

    /** What receiving events did. */
    public record EventsApplied(String user, int accepted, List<String> unknownItems, int segment,
            int previousSegment, double confidence, int events, boolean created) {
    }

    /** One thing removed when forgetting a user. */
    public record Removal(String artefact, String detail) {
    }

    /** The answer to a forget request. */
    public record Receipt(String user, Instant forgottenAt, List<Removal> removed, List<String> notes) {
    }

    /** A user's recommendations. */
    public record UserRecommendations(String user, int segment, List<Recommendation> items) {
    }

    /** A user the service has changed since the bundle was built (events received) or created. */
    private record LiveUser(int row, int[] items, float[] weights, float[] vector, int events,
            FittedRepresentation.Result made) {
    }

    /** Where a live user sits: training users by their full vector, users made from events by their known views. */
    private static Assignment placeLive(ServingModel m, LiveUser lu) {
        return lu.made() == null ? m.segments().model().assign(lu.vector()) : place(m, lu.made());
    }

    /** One loaded model with the changes made on top of it. */
    private static final class Live {
        final ServingModel model;
        final int[] labels;
        /** Users in visible segments (map candidates), ascending. */
        final int[] mapRows;
        final ConcurrentHashMap<String, LiveUser> overlay = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Ranking.Ranked> cache = new ConcurrentHashMap<>();
        /** Users created from events (overlay entries with no row in the bundle), kept so health is O(1). */
        final AtomicInteger newUsers = new AtomicInteger();
        /** Items added since the load (null until the first one; written under the write lock). */
        volatile AddedItems added;

        Live(ServingModel model) {
            this.model = model;
            this.labels = model.segments().labels();
            int rows = Math.min(labels.length, model.segments().map().length);
            this.mapRows = java.util.stream.IntStream.range(0, rows)
                    .filter(u -> labels[u] >= 0 && model.segmentAt(labels[u]) != null).toArray();
        }
    }

    private final Path bundleDir;
    private final Settings settings;
    private final Encoder encoder;
    private final Pseudonymizer pseudonymizer;
    private final ServiceState state;
    private final AtomicReference<Live> live = new AtomicReference<>();
    private final Object writeLock = new Object();
    private final ExecutorService refitter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cohortlm-refit");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean refitPending = new AtomicBoolean();
    private volatile long reloads;

    /**
     * Loads the bundle (fitting the recommender) and replays received events.
     *
     * @param encoder       the language model for profile texts, or null (then profile texts are refused); its
     *                      identity must match the bundle's
     * @param pseudonymizer the bundle's pseudonym key, or null (then only pseudonyms are accepted as ids)
     */
    public SegmentService(Path bundleDir, Settings settings, Encoder encoder, Pseudonymizer pseudonymizer) {
        this.bundleDir = bundleDir;
        this.settings = settings;
        this.encoder = encoder;
        this.pseudonymizer = pseudonymizer;
        this.state = new ServiceState(settings.stateDir());
        Live first = load();
        if (encoder != null && first.model.encoder() != null
                && !encoder.identity().weightsFingerprint().equals(first.model.encoder().weightsFingerprint())) {
            throw new CohortException("encoder " + encoder.identity().modelId() + " is not the language model the "
                    + "bundle was built with (" + first.model.encoder().modelId() + ")");
        }
        if (pseudonymizer != null && !first.model.pseudonymKeyId().isEmpty()
                && !pseudonymizer.keyId().equals(first.model.pseudonymKeyId())) {
            throw new CohortException("the pseudonym key (" + pseudonymizer.keySource() + ", key id "
                    + pseudonymizer.keyId() + ") is not the key the bundle was written with (key id "
                    + first.model.pseudonymKeyId() + ")");
        }
        live.set(first);
        if (encoder != null && (first.model.representation().acceptsText()
                || first.model.representation().itemVectors() != null)) {
            encoder.encode(List.of("warm-up")); // load the model now, not on the first request
        }
    }

    private Live load() {
        ServingModel m = ServingModel.load(bundleDir, settings.minSegmentSize(), settings.threads(), settings.seed());
        Live l = new Live(m);
        Map<String, List<NewEvent>> byUser = new LinkedHashMap<>();
        for (ServiceState.Logged e : state.events()) {
            if (!state.isForgotten(e.user())) {
                byUser.computeIfAbsent(e.user(), k -> new ArrayList<>()).add(e.event());
            }
        }
        byUser.forEach((user, events) -> apply(l, user, events));
        List<ServiceState.LoggedItem> items = state.items();
        if (!items.isEmpty()) {
            AddedItems a = AddedItems.empty(m);
            int skipped = 0;
            for (ServiceState.LoggedItem it : items) {
                if (a == null || m.data().items().ids().indexOf(it.item().id()) >= 0
                        || it.vector().length != a.dimension()) {
                    skipped++; // now in the bundle's catalogue, or from another encoder
                    continue;
                }
                a = a.with(a.link(it.item(), it.vector()));
            }
            l.added = a == null || a.size() == 0 ? null : a;
            if (skipped > 0) {
                int n = skipped;
                LOG.info(() -> "serve: " + n + " logged items not replayed (in the catalogue now, or another encoder)");
            }
        }
        return l;
    }

    /** Reloads the bundle from disk and swaps it in atomically; in-flight requests finish on the old model. */
    public Health reload() {
        synchronized (writeLock) {
            live.set(load());
            reloads++;
        }
        return health();
    }

    public Health health() {
        Live l = live.get();
        ServingModel m = l.model;
        return new Health(m.id(), m.loadedAt(), m.visibleSegments().size(), m.users() + l.newUsers.get(),
                m.data().items().size(), m.loadSeconds(), reloads);
    }

    /** The current model (a snapshot). */
    public ServingModel model() {
        return live.get().model;
    }

    public List<SegmentInfo> segments() {
        return live.get().model.visibleSegments();
    }

    public SegmentInfo segment(int stableId) {
        ServingModel m = live.get().model;
        int i = m.segments().indexOf(stableId);
        SegmentInfo s = i < 0 ? null : m.segmentAt(i);
        if (s == null) {
            throw new ServiceException(ServiceException.Kind.UNKNOWN_SEGMENT, "unknown_segment", "no segment "
                    + stableId + (i >= 0 ? " (withheld: below the minimum segment size)" : ""));
        }
        return s;
    }

    /** Up to {@code limit} map points {x, y, stable segment id}, a seeded sample; withheld segments left out. */
    public List<float[]> map(int limit) {
        Live l = live.get();
        ServingModel m = l.model;
        float[][] xy = m.segments().map();
        List<float[]> out = new ArrayList<>();
        for (int i : SeededSample.indices(l.mapRows.length, limit, settings.seed())) {
            int u = l.mapRows[i];
            if (!state.isForgotten(m.data().users().ids().id(u))) {
                out.add(new float[] {xy[u][0], xy[u][1], m.segments().stableId(l.labels[u])});
            }
        }
        return out;
    }

    /** Map points available (before sampling). */
    public int mapSize() {
        return live.get().mapRows.length;
    }

    public JsonNode evaluation() {
        JsonNode e = live.get().model.evaluation();
        if (e == null) {
            throw new ServiceException(ServiceException.Kind.NOT_FOUND, "not_found",
                    "the bundle has no evaluation (package it with --evaluation)");
        }
        return e;
    }

    // ---- users ------------------------------------------------------------------------------------------------

    private String pseudonym(Live l, String id) {
        if (id == null || id.isBlank() || id.length() > 256) {
            throw ServiceException.badRequest("user id must be 1–256 characters");
        }
        if (l.overlay.containsKey(id) || l.model.row(id) >= 0) {
            return id;
        }
        return pseudonymizer == null ? id : pseudonymizer.pseudonymize(id);
    }

    /** The pseudonym of a known user, or an unknown_user error. */
    private String known(Live l, String id) {
        String p = pseudonym(l, id);
        if (state.isForgotten(p) || (!l.overlay.containsKey(p) && l.model.row(p) < 0)) {
            throw ServiceException.unknownUser();
        }
        return p;
    }

    public UserSegment userSegment(String id) {
        Live l = live.get();
        String p = known(l, id);
        LiveUser lu = l.overlay.get(p);
        int row = lu != null ? lu.row() : l.model.row(p);
        float[] vector = lu != null ? lu.vector() : l.model.vector(row);
        Assignment a = lu != null ? placeLive(l.model, lu) : l.model.segments().model().assign(vector);
        int segIndex = lu == null && l.labels[row] >= 0 ? l.labels[row] : a.segment();
        int[] items = lu != null ? lu.items() : l.model.historyItems(row);
        Map<String, String> attrs = row >= 0 ? l.model.attributes(row) : Map.of();
        int events = lu != null ? lu.events() : l.model.events(row);
        return describe(l.model, p, segIndex, a, attrs, items, events, lu != null, List.of());
    }

    public UserRecommendations recommendations(String id, int k, boolean excludeSeen) {
        checkK(k);
        Live l = live.get();
        String p = known(l, id);
        Ranking.Ranked r;
        if (settings.cacheUsers() > 0 && k <= CACHED_DEPTH) {
            String key = excludeSeen ? p : p + "\u0000all";
            r = l.cache.get(key);
            if (r == null) { // the query (history arrays, placement) is built only on a miss
                if (l.cache.size() >= 2 * settings.cacheUsers()) {
                    l.cache.clear(); // bounded: start over rather than grow without limit
                }
                r = Ranking.rank(l.model, query(l, p, l.overlay.get(p)), CACHED_DEPTH, excludeSeen, null,
                        l.added);
                l.cache.put(key, r);
            }
        } else {
            r = Ranking.rank(l.model, query(l, p, l.overlay.get(p)), k, excludeSeen, null, l.added);
        }
        return new UserRecommendations(p, publicId(l.model, r.segment()), Ranking.take(l.model, r, k));
    }

    private static void checkK(int k) {
        if (k < 1 || k > MAX_K) {
            throw ServiceException.badRequest("k must be in [1, " + MAX_K + "], was " + k);
        }
    }

    private UserQuery query(Live l, String p, LiveUser lu) {
        ServingModel m = l.model;
        if (lu != null) {
            int seg = placeLive(m, lu).segment();
            return new UserQuery(lu.row(), lu.items(), lu.weights(), seg, lu.vector(), false);
        }
        int row = m.row(p);
        return UserQuery.ofTraining(m.training(), row);
    }

    /** Longest item id {@code POST /v1/items} accepts. */
    public static final int MAX_ITEM_ID = 200;
    /** Most categories an added item may have. */
    public static final int MAX_CATEGORIES = 50;

    /** A catalogue item an added item borrows from, with the cosine of their texts. */
    public record ItemNeighbour(String item, String title, double similarity) {
    }

    /**
     * What adding an item did.
     *
     * @param item        the item id
     * @param created     false when it replaced an earlier version of the same added item
     * @param neighbours  the warm catalogue items it borrows its scores from, best first
     * @param bridge      the bridge's neighbours, gain, sharpness and why (tuned once per loaded model)
     * @param addedItems  items added since the load, this one included
     */
    public record ItemAdded(String item, boolean created, List<ItemNeighbour> neighbours, String bridge,
            int addedItems) {
    }

    /**
     * Adds an item nobody has interacted with yet: its text is encoded by the bundle's language model, logged to
     * {@code state/items.jsonl} (flushed before the answer, replayed on every load) and linked to its nearest warm
     * catalogue items, so it is recommended at once — scored for each user from their scores of those items.
     * Sending the same id again replaces it.
     */
    public ItemAdded addItem(NewItem in) {
        String id = in.id().strip();
        if (id.isEmpty() || id.length() > MAX_ITEM_ID || id.chars().anyMatch(Character::isISOControl)) {
            throw ServiceException.badRequest("id must be 1–" + MAX_ITEM_ID + " characters without control"
                    + " characters");
        }
        String text = in.fullText();
        if (text.isBlank()) {
            throw ServiceException.badRequest("give a title or a text: the item is placed by what it says");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw ServiceException.badRequest("title and text must be at most " + MAX_TEXT_CHARS
                    + " characters together, was " + text.length());
        }
        if (in.categories().size() > MAX_CATEGORIES) {
            throw ServiceException.badRequest("at most " + MAX_CATEGORIES + " categories, was "
                    + in.categories().size());
        }
        if (encoder == null) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "unavailable",
                    "adding items needs the language model, which this service was started without");
        }
        synchronized (writeLock) {
            Live l = live.get();
            ServingModel m = l.model;
            if (m.data().items().ids().indexOf(id) >= 0) {
                throw new ServiceException(ServiceException.Kind.CONFLICT, "item_exists", "item '" + abbreviate(id)
                        + "' is in the model's catalogue already; its text comes from the bundle");
            }
            AddedItems a = l.added != null ? l.added : AddedItems.empty(m);
            if (a == null) {
                throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "unavailable", "this model has no"
                        + " item-text vectors (its items view is off), so a new item cannot be placed by its text");
            }
            float[] v = encoder.encode(List.of(text))[0];
            if (v.length != a.dimension()) {
                throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "unavailable", "the encoder gives "
                        + v.length + " dimensions, the model's item vectors " + a.dimension());
            }
            NewItem item = new NewItem(id, in.title(), in.text(), in.categories());
            boolean created = a.indexOf(id) < 0;
            state.appendItem(item, v);
            AddedItems.Entry e = a.link(item, v);
            l.added = a.with(e);
            l.cache.clear();
            List<ItemNeighbour> nb = new ArrayList<>();
            for (int r = 0; r < e.nbr().length; r++) {
                nb.add(new ItemNeighbour(m.data().items().ids().id(e.nbr()[r]), Reasons.titleOf(m, e.nbr()[r]),
                        e.sim()[r]));
            }
            AddedItems.Bridge b = a.bridge();
            return new ItemAdded(id, created, nb, String.format(java.util.Locale.ROOT,
                    "%d text neighbours, gain %.2f, sharpness %.0f: %s", b.neighbours(), b.gain(), b.sharpness(),
                    b.reason()), l.added.size());
        }
    }

    /** Most users an audience answer lists. */
    public static final int MAX_AUDIENCE_USERS = 1000;

    /**
     * An audience question: a product or campaign text, or the id of a catalogue item (exactly one).
     *
     * @param text        the text, or null
     * @param item        a catalogue item id, or null
     * @param users       how many of the closest users to list, 0..{@link #MAX_AUDIENCE_USERS}
     * @param minAffinity the affinity a user needs to count as reached, or null for the closest 10% of users
     */
    public record AudienceQuery(String text, String item, int users, Double minAffinity) {
    }

    /**
     * One segment's share of an audience.
     *
     * @param id            public segment id
     * @param name          segment name
     * @param size          members
     * @param withHistory   members with a history (the only ones with an affinity)
     * @param reached       members at or above the threshold
     * @param meanAffinity  mean affinity of the members with a history
     * @param lift          the segment's reached share over the reached share of all users with a history
     */
    public record AudienceSegment(int id, String name, int size, int withHistory, int reached, double meanAffinity,
            double lift) {
    }

    /** A listed user: pseudonymised id, public segment id (-2 = withheld), affinity. */
    public record AudienceUser(String user, int segment, double affinity) {
    }

    /**
     * The answer.
     *
     * @param source              {@code text} or {@code item:<id>}
     * @param scored              users with a history (ranked)
     * @param withoutHistory      users without one (no affinity)
     * @param threshold           the affinity that counts as reached
     * @param thresholdReason     why that threshold
     * @param reached             users at or above it
     * @param segments            visible segments, best mean affinity first
     * @param users               the closest users at or above the threshold, best first
     * @param withheldUsers       users in segments below the minimum size (counted in no segment row)
     */
    public record AudienceResult(String source, int scored, int withoutHistory, double threshold,
            String thresholdReason, int reached, List<AudienceSegment> segments, List<AudienceUser> users,
            int withheldUsers) {
    }

    /**
     * Who should see a product: every user with a history ranked by the cosine between the text (or the item's
     * text) and the mean item-text direction of what they touched; segments ranked by their members' mean
     * affinity. Forgotten users are never scored.
     */
    public AudienceResult audience(AudienceQuery in) {
        if ((in.text() == null) == (in.item() == null)) {
            throw ServiceException.badRequest("give exactly one of text, item");
        }
        if (in.users() < 0 || in.users() > MAX_AUDIENCE_USERS) {
            throw ServiceException.badRequest("users must be in [0, " + MAX_AUDIENCE_USERS + "], was " + in.users());
        }
        if (in.minAffinity() != null && !(in.minAffinity() >= -1 && in.minAffinity() <= 1)) {
            throw ServiceException.badRequest("min_affinity must be in [-1, 1], was " + in.minAffinity());
        }
        Live l = live.get();
        ServingModel m = l.model;
        AudienceFinder f = m.audienceFinder();
        if (f == null) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "unavailable", "this model has no item-text"
                    + " vectors (its items view is off), so it cannot match a product text to users");
        }
        float[] q;
        String source;
        if (in.text() != null) {
            if (in.text().isBlank()) {
                throw ServiceException.badRequest("text must not be blank");
            }
            if (in.text().length() > MAX_TEXT_CHARS) {
                throw ServiceException.badRequest("text must be at most " + MAX_TEXT_CHARS + " characters, was "
                        + in.text().length());
            }
            if (encoder == null) {
                throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "unavailable",
                        "text needs the language model, which this service was started without");
            }
            q = encoder.encode(List.of(in.text()))[0];
            source = "text";
        } else {
            int row = m.data().items().ids().indexOf(in.item());
            AddedItems added = l.added;
            int at = row >= 0 || added == null ? -1 : added.indexOf(in.item());
            if (row < 0 && at < 0) {
                throw new ServiceException(ServiceException.Kind.NOT_FOUND, "unknown_item", "no item '"
                        + abbreviate(in.item()) + "' in this model's catalogue or among the added items");
            }
            q = row >= 0 ? m.representation().itemVectors()[row] : added.get(at).vector();
            source = "item:" + in.item();
        }
        if (q.length != f.dimension()) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "unavailable", "the encoder gives "
                    + q.length + " dimensions, the model's item vectors " + f.dimension());
        }
        var ids = m.data().users().ids();
        double[] a = f.affinities(q, r -> state.isForgotten(ids.id(r)));
        int scored = 0;
        int noHistory = 0;
        int rows = Math.min(a.length, l.labels.length);
        for (int r = 0; r < a.length; r++) {
            if (!Double.isNaN(a[r])) {
                scored++;
            } else if (!state.isForgotten(ids.id(r))) {
                noHistory++;
            }
        }
        double threshold;
        String why;
        if (in.minAffinity() != null) {
            threshold = in.minAffinity();
            why = "min_affinity as given";
        } else {
            threshold = AudienceFinder.topShareThreshold(a, AudienceFinder.DEFAULT_SHARE);
            why = "the closest " + Math.round(AudienceFinder.DEFAULT_SHARE * 100) + "% of the " + scored
                    + " users with a history (no min_affinity given)";
        }
        int k = m.segments().k();
        int[] size = new int[k];
        int[] hist = new int[k];
        int[] hit = new int[k];
        double[] sum = new double[k];
        int reached = 0;
        int withheld = 0;
        for (int r = 0; r < rows; r++) {
            int s = l.labels[r];
            if (s < 0 || state.isForgotten(ids.id(r))) {
                continue;
            }
            boolean visible = m.segmentAt(s) != null;
            withheld += visible ? 0 : 1;
            size[s]++;
            if (!Double.isNaN(a[r])) {
                hist[s]++;
                sum[s] += a[r];
                if (a[r] >= threshold) {
                    hit[s]++;
                    reached++;
                }
            }
        }
        double base = scored == 0 ? 0 : (double) reached / scored;
        List<AudienceSegment> segs = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            SegmentInfo info = m.segmentAt(s);
            if (info == null) {
                continue;
            }
            double share = hist[s] == 0 ? 0 : (double) hit[s] / hist[s];
            segs.add(new AudienceSegment(info.id(), info.name(), size[s], hist[s], hit[s],
                    hist[s] == 0 ? Double.NaN : sum[s] / hist[s], base > 0 ? share / base : 0));
        }
        segs.sort((x, y) -> {
            double ax = Double.isNaN(x.meanAffinity()) ? Double.NEGATIVE_INFINITY : x.meanAffinity();
            double ay = Double.isNaN(y.meanAffinity()) ? Double.NEGATIVE_INFINITY : y.meanAffinity();
            return ax != ay ? Double.compare(ay, ax) : Integer.compare(x.id(), y.id());
        });
        List<AudienceUser> users = new ArrayList<>();
        for (int r : AudienceFinder.top(a, threshold, in.users())) {
            users.add(new AudienceUser(ids.id(r), r < l.labels.length && l.labels[r] >= 0
                    ? publicId(m, l.labels[r]) : -1, a[r]));
        }
        return new AudienceResult(source, scored, noHistory, threshold, why, reached, segs, users, withheld);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Places a user the model has never seen and recommends starter items; nothing is stored. */
    public Assigned assign(NewUser in, int k) {
        checkK(k);
        if (in.isEmpty()) {
            throw ServiceException.badRequest("give at least one of attributes, profile_text, events");
        }
        if (in.events().size() > MAX_EVENTS) {
            throw ServiceException.badRequest("at most " + MAX_EVENTS + " events, was " + in.events().size());
        }
        Live l = live.get();
        ServingModel m = l.model;
        FittedRepresentation rep = m.representation();
        float[] text = null;
        float[] stated = null;
        if (in.profileText() != null) {
            if (in.profileText().length() > MAX_TEXT_CHARS) {
                throw ServiceException.badRequest("profile_text must be at most " + MAX_TEXT_CHARS
                        + " characters, was " + in.profileText().length());
            }
            if (rep.acceptsText() || rep.itemVectors() != null) {
                if (encoder == null) {
                    throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "unavailable",
                            "profile_text needs the language model, which this service was started without");
                }
                // One encoding serves both: the profile-text view and, as stated interests, the item-text space
                // (the service checked at start that its encoder is the bundle's).
                stated = encoder.encode(List.of(in.profileText()))[0];
                text = rep.acceptsText() ? stated : null;
            }
        }
        FittedRepresentation.History h = new FittedRepresentation.History();
        KnownEvents split = KnownEvents.of(m, in.events());
        history(m, split.known(), h);
        List<String> unknown = split.unknown();
        int[] items = h.items();
        float[] w = h.weights(items);
        FittedRepresentation.Result r = rep.represent(new FittedRepresentation.Input(in.attributes(), text, items, w));
        if (r.viewsUsed().isEmpty()) {
            throw ServiceException.badRequest("nothing usable: attributes " + r.attributes().ignored()
                    + " are not used by the model" + (unknown.isEmpty() ? "" : ", items " + unknown
                    + " are unknown") + (in.profileText() != null && text == null ? ", and the model has no "
                    + "text view" : ""));
        }
        Assignment a = place(m, r);
        UserSegment placement = describe(m, null, a.segment(), a, in.attributes(), items, in.events().size()
                - unknown.size(), false, r.viewsUsed());
        UserQuery q = new UserQuery(-1, items, w, a.segment(), r.vector(), false, stated);
        List<Recommendation> recs = Ranking.take(m, Ranking.rank(m, q, k, true,
                stated == null ? null : in.profileText(), l.added), k);
        return new Assigned(placement, recs, r.attributes().used(), r.attributes().ignored(), stated != null,
                items.length == 0 ? 0 : in.events().size() - unknown.size(), unknown, r.viewsUsed());
    }

    /** Full-vector nearest centre when every view is known, else nearest over the known views only. */
    private static Assignment place(ServingModel m, FittedRepresentation.Result r) {
        if (r.viewsUsed().size() == m.representation().slots().size()) {
            return m.segments().model().assign(r.vector());
        }
        return m.assignPartial(r.hybrid(), r.viewsUsed());
    }

    /** Events whose item the model knows, and the distinct unknown item ids (the first 50). */
    private record KnownEvents(List<NewEvent> known, List<String> unknown) {
        static KnownEvents of(ServingModel m, List<NewEvent> events) {
            List<NewEvent> known = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (NewEvent e : events) {
                if (m.data().items().ids().indexOf(e.item()) >= 0) {
                    known.add(e);
                } else if (!unknown.contains(e.item()) && unknown.size() < 50) {
                    unknown.add(e.item());
                }
            }
            return new KnownEvents(known, unknown);
        }
    }

    /** Adds the weights of events on known items to a history, by the training rules. */
    private static void history(ServingModel m, List<NewEvent> known, FittedRepresentation.History h) {
        FittedRepresentation rep = m.representation();
        for (NewEvent e : known) {
            h.add(m.data().items().ids().indexOf(e.item()),
                    rep.eventWeights().weight(e.type(), e.value(), e.time(), rep.now()));
        }
    }

    /** Adds events to a user (creating a new user if the id is unknown), updating their vector and segment. */
    public EventsApplied addEvents(String id, List<NewEvent> events) {
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw ServiceException.badRequest("events must hold 1–" + MAX_EVENTS + " events, was " + events.size());
        }
        Live l = live.get();
        String p = pseudonym(l, id);
        if (state.isForgotten(p)) {
            throw ServiceException.unknownUser();
        }
        boolean exists = l.overlay.containsKey(p) || l.model.row(p) >= 0;
        if (!exists && pseudonymizer == null) {
            throw new ServiceException(ServiceException.Kind.BAD_REQUEST, "unknown_user", "unknown user; creating "
                    + "new users needs the pseudonym key (set COHORTLM_PSEUDONYM_KEY or --pseudonym-key)");
        }
        KnownEvents split = KnownEvents.of(l.model, events);
        List<String> unknown = split.unknown();
        List<NewEvent> usable = split.known();
        if (usable.isEmpty()) {
            throw ServiceException.badRequest("none of the items are known to the model: " + unknown);
        }
        int before = currentSegment(l, p);
        state.appendEvents(p, usable);
        LiveUser now = apply(l, p, usable);
        // A reload that started before the append may have replayed the log without these events: apply them
        // to the newer snapshot too.
        Live latest = live.get();
        if (latest != l) {
            LiveUser again = apply(latest, p, usable);
            if (again != null) {
                now = again;
                l = latest;
            }
        }
        Assignment a = placeLive(l.model, now);
        return new EventsApplied(p, usable.size(), unknown, publicId(l.model, a.segment()), before < -2 ? -1 : before,
                a.confidence(), now.events(), !exists);
    }

    private int currentSegment(Live l, String p) {
        LiveUser lu = l.overlay.get(p);
        if (lu != null) {
            return publicId(l.model, placeLive(l.model, lu).segment());
        }
        int row = l.model.row(p);
        return row < 0 ? -1 : publicId(l.model, l.labels[row]);
    }

    /**
     * Applies events to the overlay of one snapshot (atomically per user) and drops the user's cached lists; null
     * when the snapshot knows neither the user nor any of the items.
     */
    private LiveUser apply(Live l, String p, List<NewEvent> received) {
        ServingModel m = l.model;
        FittedRepresentation rep = m.representation();
        // Logged events are replayed onto whatever bundle is loaded: skip items this one does not know.
        List<NewEvent> events = KnownEvents.of(m, received).known();
        if (events.isEmpty() && !l.overlay.containsKey(p) && m.row(p) < 0) {
            return null; // nothing this bundle can use about a user it does not have
        }
        LiveUser updated = l.overlay.compute(p, (key, old) -> {
            int row = old != null ? old.row() : m.row(key);
            FittedRepresentation.History h = new FittedRepresentation.History();
            int[] baseItems = row >= 0 ? m.historyItems(row) : new int[0];
            float[] baseW = row >= 0 ? m.historyWeights(row) : new float[0];
            int baseEvents = row >= 0 ? m.events(row) : 0;
            if (old != null) {
                baseItems = old.items();
                baseW = old.weights();
                baseEvents = old.events();
            }
            for (int i = 0; i < baseItems.length; i++) {
                h.add(baseItems[i], baseW[i]);
            }
            history(m, events, h);
            int[] items = h.items();
            float[] w = h.weights(items);
            FittedRepresentation.Input after = new FittedRepresentation.Input(Map.of(), null, items, w);
            float[] vector;
            FittedRepresentation.Result made = null;
            if (row >= 0) {
                // A training user: move the stored vector by what the new events change (their profile-text and
                // attribute blocks are unchanged and cancel).
                FittedRepresentation.Input trained = new FittedRepresentation.Input(Map.of(), null,
                        m.historyItems(row), m.historyWeights(row));
                vector = rep.shift(m.vector(row), rep.represent(trained).hybrid(), rep.represent(after).hybrid());
            } else {
                made = rep.represent(after);
                vector = made.vector();
            }
            if (old == null && row < 0) {
                l.newUsers.incrementAndGet();
            }
            return new LiveUser(row, items, w, vector, baseEvents + events.size(), made);
        });
        l.cache.remove(p);
        l.cache.remove(p + "\u0000all");
        return updated;
    }

    /** Forgets a user everywhere the service keeps anything; returns what was removed. */
    public Receipt forget(String id) {
        synchronized (writeLock) {
            Live l = live.get();
            String p = known(l, id);
            List<Removal> removed = new ArrayList<>();
            int dropped = state.forget(p);
            removed.add(new Removal("disk:state/forgotten.txt", "pseudonym recorded as a tombstone so an older "
                    + "bundle cannot bring the user back"));
            if (dropped > 0) {
                removed.add(new Removal("disk:state/events.jsonl", dropped + " received events"));
            }
            LiveUser was = l.overlay.remove(p);
            if (was != null && was.row() < 0) {
                l.newUsers.decrementAndGet();
            }
            if (was != null) {
                removed.add(new Removal("memory:live-user", "received events, updated vector and segment"));
            }
            int cached = (l.cache.remove(p) != null ? 1 : 0) + (l.cache.remove(p + "\u0000all") != null ? 1 : 0);
            if (cached > 0) {
                removed.add(new Removal("memory:recommendation-cache", cached + " cached list(s)"));
            }
            if (l.model.row(p) >= 0) {
                removed.add(new Removal("memory:lookup", "the user no longer resolves; their row leaves memory at "
                        + "the refit below"));
                try {
                    removed.addAll(BundleEraser.erase(bundleDir, p));
                } catch (IOException e) {
                    throw new CohortException("forgetting " + p + " in " + bundleDir + " failed: " + e.getMessage(), e);
                }
            }
            scheduleRefit();
            List<String> notes = List.of("aggregates (recommender weights, segment popularity) are refitted from the "
                    + "bundle without the user in the background",
                    "segment centres still average the user's vector until the next 'cohortlm segment'");
            return new Receipt(p, Instant.now(), removed, notes);
        }
    }

    private void scheduleRefit() {
        if (refitPending.compareAndSet(false, true)) {
            refitter.submit(() -> {
                refitPending.set(false);
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "refit after forget failed: " + e.getMessage());
                }
            });
        }
    }

    // ---- describing -------------------------------------------------------------------------------------------

    private static int publicId(ServingModel m, int segIndex) {
        if (segIndex < 0) {
            return -1;
        }
        return m.segmentAt(segIndex) == null ? WITHHELD : m.segments().stableId(segIndex);
    }

    private static String nameOf(ServingModel m, int segIndex) {
        if (segIndex < 0) {
            return "none";
        }
        SegmentInfo s = m.segmentAt(segIndex);
        return s == null ? "other (small segments are not shown)" : s.name();
    }

    private UserSegment describe(ServingModel m, String user, int segIndex, Assignment a, Map<String, String> attrs,
            int[] items, int events, boolean updated, List<String> views) {
        int runner = a.runnerUp() >= 0 && a.runnerUp() != segIndex ? a.runnerUp()
                : (a.segment() != segIndex ? a.segment() : -1);
        int runnerId = runner < 0 ? -1 : publicId(m, runner);
        boolean outlier = segIndex >= 0 && a.distance() > m.segments().outlierThreshold(segIndex);
        List<String> reasons = Reasons.forUser(m, segIndex, a, runner, attrs, items, outlier, views);
        return new UserSegment(user, publicId(m, segIndex), nameOf(m, segIndex), a.confidence(), a.distance(),
                runnerId == WITHHELD ? -1 : runnerId, runnerId < 0 ? "" : nameOf(m, runner), outlier, reasons, events,
                updated);
    }

    @Override
    public void close() {
        refitter.shutdownNow();
        if (encoder != null) {
            encoder.close();
        }
    }
}
