package io.cohortlm.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link ReportModel} as one self-contained HTML file: inline CSS and script, no external resource
 * (a Content-Security-Policy forbids any), UTF-8. The model is embedded as JSON in a
 * {@code <script type="application/json">} block with {@code <}, {@code >}, {@code &}, U+2028 and U+2029
 * written as JSON unicode escapes, so no string can close the block; the page's script renders all
 * text with {@code textContent}, never as HTML. The title is also written into the page HTML-escaped. Stateless
 * and thread-safe.
 */
public final class HtmlReport {
    private static final String TEMPLATE = "report.html";
    private static final Pattern SLOT = Pattern.compile("\\{\\{(TITLE|DATA)\\}\\}");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(finiteNumbers());

    private HtmlReport() {
    }

    /** The whole HTML document. */
    public static String render(ReportModel model) {
        String data = embeddableJson(model);
        String title = escapeHtml(model.title());
        Matcher m = SLOT.matcher(template());
        StringBuilder out = new StringBuilder(data.length() + 40_000);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("TITLE") ? title : data));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Writes {@link #render} to {@code file} as UTF-8 (parent directories created). */
    public static void write(ReportModel model, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(model), StandardCharsets.UTF_8);
    }

    /** The model as JSON that is safe inside a {@code <script>} element. */
    static String embeddableJson(ReportModel model) {
        String json;
        try {
            json = JSON.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report model is not serialisable: " + e.getOriginalMessage(), e);
        }
        // These characters occur in JSON text only inside strings, where a \\uXXXX escape means the same thing.
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Escapes {@code & < > " '} for HTML text and attribute values. */
    public static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("report template " + TEMPLATE + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NaN and infinities are not JSON: write them as null. */
    private static SimpleModule finiteNumbers() {
        JsonSerializer<Double> d = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        JsonSerializer<float[]> fa = new JsonSerializer<>() {
            @Override
            public void serialize(float[] v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray(v, v.length);
                for (float f : v) {
                    if (Float.isFinite(f)) {
                        g.writeNumber(f);
                    } else {
                        g.writeNull();
                    }
                }
                g.writeEndArray();
            }
        };
        SimpleModule m = new SimpleModule("finite-numbers");
        m.addSerializer(Double.class, d);
        m.addSerializer(double.class, d);
        m.addSerializer(float[].class, fa);
        return m;
    }
}
