package io.cohortlm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    static ReportModel tiny(String name, double share) {
        ReportModel.Segment s = new ReportModel.Segment(0, name, "d", 2, share, null, List.of("k"), null, null, null, null);
        return new ReportModel(name, null, "t", new ReportModel.DatasetSummary("x", 2, 1, 3), List.of(s),
                new ReportModel.MapData(new float[] {0, Float.NaN}, new float[] {1, 2}, new int[] {0, 0}, 2), null,
                Map.of());
    }

    @Test
    void script_closing_text_cannot_escape_the_json_block_and_round_trips() throws Exception {
        String evil = "</script><script>alert(1)</script> & \u2028 <!-- 中文";
        String json = HtmlReport.embeddableJson(tiny(evil, 0.5));
        assertFalse(json.contains("<"), json);
        assertFalse(json.contains(">"), json);
        assertFalse(json.contains("\u2028"), json);
        JsonNode back = new ObjectMapper().readTree(json);
        assertEquals(evil, back.get("segments").get(0).get("name").asText(), "the escapes mean the same string");
        String html = HtmlReport.render(tiny(evil, 0.5));
        assertEquals(2, html.split("</script>", -1).length - 1, "only the page's own two script blocks close");
        assertTrue(html.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "title escaped");
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
    }

    @Test
    void non_finite_numbers_become_null() throws Exception {
        JsonNode n = new ObjectMapper().readTree(HtmlReport.embeddableJson(tiny("a", Double.NaN)));
        assertTrue(n.get("segments").get(0).get("share").isNull());
        assertTrue(n.get("map").get("x").get(1).isNull());
        assertEquals(0.0, n.get("map").get("x").get(0).asDouble());
    }

    @Test
    void the_page_loads_nothing_from_outside() {
        String html = HtmlReport.render(tiny("a", 0.5));
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external src/href");
        assertTrue(html.contains("default-src 'none'"), "CSP forbids network loads");
    }

    @Test
    void map_points_must_belong_to_listed_segments() {
        ReportModel.Segment s = new ReportModel.Segment(0, "a", "", 1, 1, null, null, null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReportModel("t", "", "",
                new ReportModel.DatasetSummary("x", 1, 1, 1), List.of(s),
                new ReportModel.MapData(new float[] {0}, new float[] {0}, new int[] {3}, 1), null, null));
        assertEquals("map.segment[0] must be a listed segment id, was 3", e.getMessage());
    }

    @Test
    void map_sample_is_capped_stratified_and_seeded() {
        int n = 20_000;
        float[][] xy = new float[n][2];
        int[] seg = new int[n];
        for (int i = 0; i < n; i++) {
            seg[i] = i < 30 ? 7 : i % 3; // segment 7 is tiny
            xy[i][0] = i;
        }
        ReportModel.MapData m = ReportModel.MapData.sample(xy, seg, 5000, 1);
        assertTrue(m.size() <= 5000 && m.size() > 4900, "size " + m.size());
        assertEquals(20_000, m.totalUsers());
        long tiny = java.util.Arrays.stream(m.segment()).filter(s -> s == 7).count();
        assertTrue(tiny >= 20 && tiny <= 25, "tiny segment keeps its floor of 20 plus its proportional share: " + tiny);
        assertEquals(java.util.Arrays.toString(m.x()), java.util.Arrays.toString(ReportModel.MapData.sample(xy, seg, 5000, 1).x()));
        for (int i = 1; i < m.size(); i++) {
            assertTrue(m.x()[i] > m.x()[i - 1], "input order kept");
        }
        assertEquals(3, ReportModel.MapData.sample(new float[3][2], new int[] {0, 1, 1}, 5000, 1).size(), "small maps kept whole");
    }
}
