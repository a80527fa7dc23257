package io.cohortlm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.serve.Recommendation;
import io.cohortlm.serve.SegmentInfo;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.serve.UserSegment;
import io.javalin.http.Context;
import java.util.List;

/**
 * The JSON API's handlers: parse, call {@link SegmentService}, render. No logic of their own; errors are thrown
 * and rendered by {@link CohortServer}.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final SegmentService service;
    private final Admission admission;
    private final long maxBody;

    Api(SegmentService service, Admission admission, long maxBody) {
        this.service = service;
        this.admission = admission;
        this.maxBody = maxBody;
    }

    void health(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "ok");
        o.set("model", model(service.health()));
        send(ctx, o);
    }

    private static ObjectNode model(SegmentService.Health h) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", h.modelId());
        m.put("loaded_at", h.loadedAt().toString());
        m.put("segments", h.segments());
        m.put("users", h.users());
        m.put("items", h.items());
        m.put("load_seconds", round(h.loadSeconds()));
        m.put("reloads", h.reloads());
        return m;
    }

    void modelInfo(Context ctx) {
        var m = service.model();
        ObjectNode o = model(service.health());
        o.set("manifest", m.manifest());
        ArrayNode views = o.putArray("views");
        m.representation().slots().forEach(s -> views.add(s.view()));
        o.put("encoder", m.encoder() == null ? null : m.encoder().modelId());
        o.put("min_segment_size", m.minSegmentSize());
        send(ctx, o);
    }

    void segments(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        o.put("min_segment_size", service.model().minSegmentSize());
        o.put("users", service.health().users());
        ArrayNode arr = o.putArray("segments");
        for (SegmentInfo s : service.segments()) {
            arr.add(summary(s));
        }
        send(ctx, o);
    }

    private static ObjectNode summary(SegmentInfo s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        o.put("key", s.key());
        o.put("name", s.name());
        o.put("size", s.size());
        o.put("share", round(s.share()));
        o.put("description", s.description());
        ArrayNode kw = o.putArray("keywords");
        s.keywords().forEach(kw::add);
        o.put("withheld", false);
        return o;
    }

    void segment(Context ctx) {
        int id = RequestBodies.intParam(ctx.pathParam("id"), "segment id", 0);
        SegmentInfo s = service.segment(id);
        ObjectNode o = summary(s);
        JsonNode e = s.explanation();
        if (e != null) {
            ObjectNode persona = o.putObject("persona");
            JsonNode p = e.path("persona");
            persona.put("name", p.path("name").asText(s.name()));
            persona.put("description", p.path("description").asText(""));
            persona.put("source", p.path("source").asText("template"));
            if (p.has("faithfulness")) {
                persona.put("faithfulness", p.get("faithfulness").asDouble());
            }
            ArrayNode dist = o.putArray("distinguishing");
            for (JsonNode d : e.path("profile").path("distinguishing")) {
                ObjectNode x = dist.addObject();
                x.put("feature", d.path("feature").asText());
                x.put("segment_value", round(d.path("segmentValue").asDouble()));
                x.put("population_value", round(d.path("populationValue").asDouble()));
                x.put("lift", round(d.path("lift").asDouble()));
                x.put("q_value", d.path("qValue").asDouble());
            }
            ArrayNode items = o.putArray("top_items");
            for (JsonNode it : e.path("profile").path("items")) {
                ObjectNode x = items.addObject();
                x.put("item", it.path("itemId").asText());
                x.put("title", it.path("title").asText());
                x.put("share", it.path("segmentShare").asDouble());
                x.put("lift", round(it.path("lift").asDouble()));
            }
            ArrayNode rules = o.putArray("rules");
            for (JsonNode r : e.path("rules")) {
                ObjectNode x = rules.addObject();
                x.put("text", r.path("text").asText());
                x.put("precision", round(r.path("precision").asDouble()));
                x.put("coverage", r.path("support").asInt());
            }
        } else {
            o.putObject("persona").put("name", s.name()).put("description", "").put("source", "none");
            o.putArray("distinguishing");
            o.putArray("top_items");
            o.putArray("rules");
        }
        if (s.propensity() != null) {
            ObjectNode prop = o.putObject("propensity");
            prop.put("active", round(s.propensity().path("active").asDouble()));
            ArrayNode ph = prop.putArray("phrases");
            s.propensity().path("phrases").forEach(ph::add);
        }
        send(ctx, o);
    }

    void map(Context ctx) {
        int limit = RequestBodies.intParam(ctx.queryParam("limit"), "limit", 2000);
        if (limit < 1 || limit > 20000) {
            throw ApiException.badRequest("bad_request", "limit must be in [1, 20000], was " + limit);
        }
        List<float[]> pts = service.map(limit);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode arr = o.putArray("points");
        for (float[] p : pts) {
            arr.addArray().add(round(p[0])).add(round(p[1])).add((int) p[2]);
        }
        o.put("sampled", pts.size());
        o.put("total", service.mapSize());
        send(ctx, o);
    }

    void evaluation(Context ctx) {
        JsonNode ev = service.evaluation();
        ObjectNode o = JSON.createObjectNode();
        ArrayNode protocols = o.putArray("protocols");
        java.util.Map<String, ObjectNode> byKey = new java.util.LinkedHashMap<>();
        for (JsonNode r : ev.path("results")) {
            String key = r.path("protocol").asText() + "\u0000" + r.path("cohort").asText();
            ObjectNode p = byKey.computeIfAbsent(key, k2 -> {
                ObjectNode n = protocols.addObject();
                n.put("protocol", r.path("protocol").asText());
                n.put("cohort", r.path("cohort").asText());
                n.putArray("results");
                return n;
            });
            ObjectNode x = ((ArrayNode) p.get("results")).addObject();
            x.put("method", r.path("method").asText());
            x.put("users", r.path("users").asInt());
            r.path("metrics").fields().forEachRemaining(m -> x.put(m.getKey(), round(m.getValue().asDouble())));
        }
        send(ctx, o);
    }

    void userSegment(Context ctx) {
        send(ctx, userSegmentJson(service.userSegment(ctx.pathParam("id"))));
    }

    private static ObjectNode userSegmentJson(UserSegment s) {
        ObjectNode o = JSON.createObjectNode();
        if (s.user() != null) {
            o.put("user", s.user());
        }
        o.put("segment", s.segment());
        o.put("segment_name", s.segmentName());
        o.put("confidence", round(s.confidence()));
        o.put("distance", round(s.distance()));
        o.put("runner_up", s.runnerUp());
        o.put("runner_up_name", s.runnerUpName());
        o.put("outlier", s.outlier());
        ArrayNode r = o.putArray("reasons");
        s.reasons().forEach(r::add);
        if (s.user() != null) {
            o.put("events", s.events());
            o.put("updated", s.updated());
        }
        return o;
    }

    void recommendations(Context ctx) {
        int k = RequestBodies.intParam(ctx.queryParam("k"), "k", 10);
        boolean excludeSeen = RequestBodies.boolParam(ctx.queryParam("exclude_seen"), "exclude_seen", true);
        SegmentService.UserRecommendations r = service.recommendations(ctx.pathParam("id"), k, excludeSeen);
        ObjectNode o = JSON.createObjectNode();
        o.put("user", r.user());
        o.put("segment", r.segment());
        o.put("k", k);
        o.put("exclude_seen", excludeSeen);
        o.set("items", items(r.items()));
        send(ctx, o);
    }

    private static ArrayNode items(List<Recommendation> recs) {
        ArrayNode arr = JSON.createArrayNode();
        for (Recommendation rec : recs) {
            ObjectNode x = arr.addObject();
            x.put("item", rec.item());
            x.put("title", rec.title());
            x.put("score", rec.score());
            x.put("reason", rec.reason());
        }
        return arr;
    }

    void assign(Context ctx) {
        long t0 = System.nanoTime();
        RequestBodies.Assign in = RequestBodies.assign(CohortServer.body(ctx, maxBody));
        boolean text = in.user().profileText() != null;
        if (text) {
            admission.encoder();
        }
        SegmentService.Assigned a;
        try {
            a = service.assign(in.user(), in.k());
        } finally {
            if (text) {
                admission.encoderDone();
            }
        }
        ObjectNode o = userSegmentJson(a.placement());
        ObjectNode used = o.putObject("used");
        ArrayNode au = used.putArray("attributes");
        a.attributesUsed().forEach(au::add);
        ArrayNode ai = used.putArray("ignored_attributes");
        a.attributesIgnored().forEach(ai::add);
        used.put("profile_text", a.profileTextUsed());
        used.put("events", a.events());
        ArrayNode unk = used.putArray("unknown_items");
        a.unknownItems().forEach(unk::add);
        ArrayNode views = used.putArray("views");
        a.viewsUsed().forEach(views::add);
        o.set("recommendations", items(a.recommendations()));
        o.put("took_ms", round((System.nanoTime() - t0) / 1e6));
        send(ctx, o);
    }

    void items(Context ctx) {
        long t0 = System.nanoTime();
        io.cohortlm.serve.NewItem in = RequestBodies.item(CohortServer.body(ctx, maxBody));
        admission.encoder();
        SegmentService.ItemAdded r;
        try {
            r = service.addItem(in);
        } finally {
            admission.encoderDone();
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("item", r.item());
        o.put("created", r.created());
        ArrayNode nb = o.putArray("neighbours");
        for (SegmentService.ItemNeighbour x : r.neighbours()) {
            ObjectNode y = nb.addObject();
            y.put("item", x.item());
            y.put("title", x.title());
            y.put("similarity", round(x.similarity()));
        }
        o.put("bridge", r.bridge());
        o.put("added_items", r.addedItems());
        o.put("took_ms", round((System.nanoTime() - t0) / 1e6));
        ctx.status(r.created() ? 201 : 200);
        send(ctx, o);
    }

    void audience(Context ctx) {
        long t0 = System.nanoTime();
        SegmentService.AudienceQuery in = RequestBodies.audience(CohortServer.body(ctx, maxBody));
        boolean text = in.text() != null;
        if (text) {
            admission.encoder();
        }
        SegmentService.AudienceResult r;
        try {
            r = service.audience(in);
        } finally {
            if (text) {
                admission.encoderDone();
            }
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("source", r.source());
        o.put("method", "cosine between the text and the mean item-text direction of each user's history");
        o.put("scored_users", r.scored());
        o.put("users_without_history", r.withoutHistory());
        o.put("threshold", round(r.threshold()));
        o.put("threshold_reason", r.thresholdReason());
        o.put("reached", r.reached());
        o.put("withheld_users", r.withheldUsers());
        ArrayNode segs = o.putArray("segments");
        for (SegmentService.AudienceSegment s : r.segments()) {
            ObjectNode x = segs.addObject();
            x.put("segment", s.id());
            x.put("name", s.name());
            x.put("size", s.size());
            x.put("with_history", s.withHistory());
            x.put("reached", s.reached());
            if (Double.isNaN(s.meanAffinity())) {
                x.putNull("mean_affinity");
            } else {
                x.put("mean_affinity", round(s.meanAffinity()));
            }
            x.put("lift", round(s.lift()));
        }
        ArrayNode us = o.putArray("users");
        for (SegmentService.AudienceUser u : r.users()) {
            ObjectNode x = us.addObject();
            x.put("user", u.user());
            x.put("segment", u.segment());
            x.put("affinity", round(u.affinity()));
        }
        o.put("took_ms", round((System.nanoTime() - t0) / 1e6));
        send(ctx, o);
    }

    void events(Context ctx) {
        var events = RequestBodies.eventsBody(CohortServer.body(ctx, maxBody));
        SegmentService.EventsApplied r = service.addEvents(ctx.pathParam("id"), events);
        ObjectNode o = JSON.createObjectNode();
        o.put("user", r.user());
        o.put("accepted", r.accepted());
        ArrayNode unk = o.putArray("unknown_items");
        r.unknownItems().forEach(unk::add);
        o.put("segment", r.segment());
        o.put("previous_segment", r.previousSegment());
        o.put("confidence", round(r.confidence()));
        o.put("events", r.events());
        o.put("created", r.created());
        ctx.status(r.created() ? 201 : 200);
        send(ctx, o);
    }

    void forget(Context ctx) {
        SegmentService.Receipt r = service.forget(ctx.pathParam("id"));
        ObjectNode o = JSON.createObjectNode();
        o.put("user", r.user());
        o.put("forgotten_at", r.forgottenAt().toString());
        ArrayNode arr = o.putArray("removed");
        for (SegmentService.Removal x : r.removed()) {
            arr.addObject().put("artefact", x.artefact()).put("detail", x.detail());
        }
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        send(ctx, o);
    }

    void reload(Context ctx) {
        long t0 = System.nanoTime();
        SegmentService.Health h = service.reload();
        ObjectNode o = JSON.createObjectNode();
        o.put("reloaded", true);
        o.set("model", model(h));
        o.put("took_ms", round((System.nanoTime() - t0) / 1e6));
        send(ctx, o);
    }

    static void send(Context ctx, JsonNode o) {
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsBytes(o));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : 0;
    }
}
