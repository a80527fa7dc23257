package io.cohortlm.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.serve.NewEvent;
import io.cohortlm.serve.NewUser;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns request bodies into service inputs, strictly: malformed JSON, wrong types, unknown fields and missing
 * required fields are 400s whose message names the field ({@code events[2].item must be a string}).
 */
final class RequestBodies {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> ASSIGN_FIELDS = Set.of("attributes", "profile_text", "events", "k");
    private static final Set<String> EVENT_FIELDS = Set.of("item", "type", "value", "time");
    private static final Set<String> AUDIENCE_FIELDS = Set.of("text", "item", "users", "min_affinity");
    private static final Set<String> ITEM_FIELDS = Set.of("id", "title", "text", "categories");

    private RequestBodies() {
    }

    /** A body read as one JSON object. */
    static JsonNode object(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("bad_json", "the request body is empty; send a JSON object");
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw ApiException.badRequest("bad_json", "the body is not valid JSON: "
                    + firstLine(String.valueOf(e.getOriginalMessage()))
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("bad_json", "the body could not be read");
        }
        if (n == null || !n.isObject()) {
            throw ApiException.badRequest("wrong_type", "the body must be a JSON object");
        }
        return n;
    }

    record Assign(NewUser user, int k) {
    }

    static Assign assign(byte[] body) {
        JsonNode n = object(body);
        unknownFields(n, ASSIGN_FIELDS, "");
        Map<String, String> attrs = new LinkedHashMap<>();
        JsonNode a = n.get("attributes");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                throw wrongType("attributes", "an object of attribute name → value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                    throw wrongType("attributes." + e.getKey(), "a string, number or boolean");
                }
                attrs.put(e.getKey(), v.asText());
            }
        }
        String text = null;
        JsonNode t = n.get("profile_text");
        if (t != null && !t.isNull()) {
            if (!t.isTextual()) {
                throw wrongType("profile_text", "a string");
            }
            text = t.asText();
        }
        List<NewEvent> events = n.has("events") && !n.get("events").isNull() ? events(n.get("events"), "events")
                : List.of();
        int k = 10;
        JsonNode kn = n.get("k");
        if (kn != null && !kn.isNull()) {
            if (!kn.canConvertToInt() || !kn.isIntegralNumber()) {
                throw wrongType("k", "an integer");
            }
            k = kn.asInt();
        }
        if (attrs.isEmpty() && text == null && events.isEmpty()) {
            throw ApiException.badRequest("missing_field", "give at least one of attributes, profile_text, events");
        }
        return new Assign(new NewUser(attrs, text, events), k);
    }

    /** {@code POST /v1/audience}: exactly one of text / item; users (default 20); min_affinity (optional). */
    static io.cohortlm.serve.SegmentService.AudienceQuery audience(byte[] body) {
        JsonNode n = object(body);
        unknownFields(n, AUDIENCE_FIELDS, "");
        String text = optionalText(n, "text");
        String item = optionalText(n, "item");
        if ((text == null) == (item == null)) {
            throw ApiException.badRequest(text == null ? "missing_field" : "bad_request",
                    "give exactly one of text (a product or campaign text) and item (a catalogue item id)");
        }
        int users = 20;
        JsonNode un = n.get("users");
        if (un != null && !un.isNull()) {
            if (!un.isIntegralNumber() || !un.canConvertToInt()) {
                throw wrongType("users", "an integer");
            }
            users = un.asInt();
        }
        Double min = null;
        JsonNode mn = n.get("min_affinity");
        if (mn != null && !mn.isNull()) {
            if (!mn.isNumber()) {
                throw wrongType("min_affinity", "a number in [-1, 1]");
            }
            min = mn.asDouble();
        }
        return new io.cohortlm.serve.SegmentService.AudienceQuery(text, item, users, min);
    }

    /** {@code POST /v1/items}: id (required), title and/or text, categories (strings). */
    static io.cohortlm.serve.NewItem item(byte[] body) {
        JsonNode n = object(body);
        unknownFields(n, ITEM_FIELDS, "");
        String id = optionalText(n, "id");
        if (id == null) {
            throw ApiException.badRequest("missing_field", "id is required: the platform's id of the new item");
        }
        String title = optionalText(n, "title");
        String text = optionalText(n, "text");
        if (title == null && text == null) {
            throw ApiException.badRequest("missing_field", "give a title or a text: the item is placed by what it"
                    + " says");
        }
        List<String> cats = new java.util.ArrayList<>();
        JsonNode c = n.get("categories");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) {
                throw wrongType("categories", "an array of strings");
            }
            for (int i = 0; i < c.size(); i++) {
                if (!c.get(i).isTextual()) {
                    throw wrongType("categories[" + i + "]", "a string");
                }
                cats.add(c.get(i).asText());
            }
        }
        return new io.cohortlm.serve.NewItem(id, title, text, cats);
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode t = n.get(field);
        if (t == null || t.isNull()) {
            return null;
        }
        if (!t.isTextual()) {
            throw wrongType(field, "a string");
        }
        return t.asText();
    }

    static List<NewEvent> eventsBody(byte[] body) {
        JsonNode n = object(body);
        unknownFields(n, Set.of("events"), "");
        JsonNode e = n.get("events");
        if (e == null || e.isNull()) {
            throw ApiException.badRequest("missing_field", "events is required");
        }
        return events(e, "events");
    }

    private static List<NewEvent> events(JsonNode arr, String field) {
        if (!arr.isArray()) {
            throw wrongType(field, "an array of events");
        }
        if (arr.size() > 1000) {
            throw ApiException.badRequest("bad_request", field + " must hold at most 1000 events, was " + arr.size());
        }
        List<NewEvent> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode e = arr.get(i);
            String at = field + "[" + i + "]";
            if (!e.isObject()) {
                throw wrongType(at, "an object");
            }
            unknownFields(e, EVENT_FIELDS, at + ".");
            JsonNode item = e.get("item");
            if (item == null || item.isNull()) {
                throw ApiException.badRequest("missing_field", at + ".item is required");
            }
            if (!(item.isTextual() || item.isIntegralNumber()) || item.asText().isBlank()) {
                throw wrongType(at + ".item", "a non-empty string");
            }
            String type = "purchase";
            JsonNode tn = e.get("type");
            if (tn != null && !tn.isNull()) {
                if (!tn.isTextual() || tn.asText().isBlank()) {
                    throw wrongType(at + ".type", "a non-empty string");
                }
                type = tn.asText();
            }
            float value = Float.NaN;
            JsonNode vn = e.get("value");
            if (vn != null && !vn.isNull()) {
                if (!vn.isNumber() || !Double.isFinite(vn.asDouble())) {
                    throw wrongType(at + ".value", "a number");
                }
                value = (float) vn.asDouble();
            }
            long time = Instant.now().getEpochSecond();
            JsonNode tm = e.get("time");
            if (tm != null && !tm.isNull()) {
                time = time(tm, at + ".time");
            }
            out.add(new NewEvent(item.asText(), type, value, time));
        }
        return out;
    }

    private static long time(JsonNode n, String field) {
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw ApiException.badRequest("wrong_type", field + " is out of range");
            }
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Instant.parse(n.asText()).getEpochSecond();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("wrong_type", field + " must be ISO-8601 (2011-12-01T10:00:00Z) or epoch "
                        + "seconds, was '" + abbreviate(n.asText()) + "'");
            }
        }
        throw wrongType(field, "ISO-8601 text or epoch seconds");
    }

    private static void unknownFields(JsonNode n, Set<String> allowed, String prefix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw ApiException.badRequest("unknown_field", "unknown field '" + prefix + abbreviate(f)
                        + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static ApiException wrongType(String field, String expected) {
        return ApiException.badRequest("wrong_type", field + " must be " + expected);
    }

    private static String firstLine(String s) {
        String l = s.lines().findFirst().orElse("");
        return l.length() <= 200 ? l : l.substring(0, 197) + "...";
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Parses an integer query parameter, or the default when absent. */
    static int intParam(String raw, String name, int dflt) {
        if (raw == null || raw.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("wrong_type", name + " must be an integer, was '" + abbreviate(raw) + "'");
        }
    }

    static boolean boolParam(String raw, String name, boolean dflt) {
        if (raw == null || raw.isEmpty()) {
            return dflt;
        }
        return switch (raw) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest("wrong_type", name + " must be true or false, was '"
                    + abbreviate(raw) + "'");
        };
    }
}
