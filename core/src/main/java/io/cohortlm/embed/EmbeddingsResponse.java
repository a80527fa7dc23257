package io.cohortlm.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.CohortException;
import java.io.IOException;
import java.net.URI;

/** Reading the answers of an OpenAI-compatible {@code /v1/embeddings} endpoint, for {@link RemoteEncoder}. */
final class EmbeddingsResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingsResponse() {
    }

    /**
     * The vectors of an OpenAI-style {@code /v1/embeddings} response body, in input order (restored from each
     * item's {@code index}; items without one are taken in order).
     *
     * @throws CohortException "malformed response from remote encoder at URL: …" naming what is wrong
     */
    static float[][] parse(String body, int expected, URI endpoint) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw malformed(endpoint, "not JSON (" + firstLine(e.getMessage()) + ")");
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw malformed(endpoint, "no 'data' array");
        }
        if (data.size() != expected) {
            throw malformed(endpoint, "'data' has " + data.size() + " items for " + expected + " inputs");
        }
        float[][] out = new float[expected][];
        for (int pos = 0; pos < expected; pos++) {
            JsonNode item = data.get(pos);
            JsonNode idx = item.get("index");
            int i;
            if (idx == null) {
                i = pos;
            } else if (idx.canConvertToInt() && idx.isIntegralNumber()) {
                i = idx.intValue();
            } else {
                throw malformed(endpoint, "data[" + pos + "].index is not an integer");
            }
            if (i < 0 || i >= expected || out[i] != null) {
                throw malformed(endpoint, "data[" + pos + "].index " + i + " is out of range or repeated");
            }
            JsonNode emb = item.get("embedding");
            if (emb == null || !emb.isArray() || emb.isEmpty()) {
                throw malformed(endpoint, "data[" + pos + "].embedding is not a non-empty array of numbers");
            }
            float[] v = new float[emb.size()];
            for (int j = 0; j < v.length; j++) {
                JsonNode x = emb.get(j);
                if (!x.isNumber()) {
                    throw malformed(endpoint, "data[" + pos + "].embedding[" + j + "] is not a number");
                }
                v[j] = x.floatValue();
            }
            out[i] = v;
        }
        return out;
    }

    /** {@code ": <message>"} from an error body ({@code error.message}, {@code error} or text), one line, ≤ 200 chars. */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String msg = body;
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode e = n.path("error");
            if (e.isTextual()) {
                msg = e.asText();
            } else if (e.path("message").isTextual()) {
                msg = e.path("message").asText();
            } else if (n.path("message").isTextual()) {
                msg = n.path("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        msg = msg.replaceAll("\\s+", " ").strip();
        return ": " + (msg.length() > 200 ? msg.substring(0, 200) + "…" : msg);
    }

    private static CohortException malformed(URI endpoint, String what) {
        return new CohortException("malformed response from remote encoder at " + endpoint + ": " + what);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
