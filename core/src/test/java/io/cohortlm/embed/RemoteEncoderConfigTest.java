package io.cohortlm.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cohortlm.CohortException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteEncoderConfigTest {
    private static final String FORM = "expected openai:<model>@<http(s)://host[:port]>, e.g. "
            + "openai:nomic-embed-text@http://localhost:11434";

    @Test
    void parses_model_and_url() {
        RemoteEncoderConfig c = RemoteEncoderConfig.parse("openai:nomic-embed-text@http://localhost:11434");
        assertEquals("nomic-embed-text", c.model());
        assertEquals(URI.create("http://localhost:11434"), c.baseUrl());
        assertEquals(URI.create("http://localhost:11434/v1/embeddings"), c.endpoint());
        assertEquals("OPENAI_API_KEY", c.apiKeyEnv());
        assertEquals(64, c.batchSize());
    }

    @Test
    void model_may_contain_colons_and_a_trailing_v1_is_dropped() {
        RemoteEncoderConfig c = RemoteEncoderConfig.parse("openai:nomic-embed-text:latest@https://emb.example.com:8443/v1/");
        assertEquals("nomic-embed-text:latest", c.model());
        assertEquals(URI.create("https://emb.example.com:8443/v1/embeddings"), c.endpoint());
        RemoteEncoderConfig p = RemoteEncoderConfig.parse("openai:m@http://gw.local/proxy/openai");
        assertEquals(URI.create("http://gw.local/proxy/openai/v1/embeddings"), p.endpoint());
    }

    @Test
    void without_url_the_openai_api_is_used() {
        assertEquals(URI.create("https://api.openai.com/v1/embeddings"),
                RemoteEncoderConfig.parse("openai:text-embedding-3-small").endpoint());
    }

    @Test
    void bad_prefix_names_the_spec_and_the_expected_form() {
        var e = assertThrows(CohortException.class, () -> RemoteEncoderConfig.parse("onnx:all-minilm"));
        assertEquals("bad remote encoder spec 'onnx:all-minilm': it must start with 'openai:'; " + FORM,
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai:", "openai:@http://localhost:1", "openai:m@localhost:11434",
        "openai:m@ftp://host", "openai:m@http://", "openai:my model@http://h:1", "openai:m@http://user:pw@h:1",
        "openai:m@http://h:1/a b"})
    void bad_specs_are_user_errors_naming_the_spec(String spec) {
        var e = assertThrows(CohortException.class, () -> RemoteEncoderConfig.parse(spec));
        assertEquals(true, e.getMessage().startsWith("bad remote encoder spec '" + spec + "': "), e.getMessage());
        assertEquals(true, e.getMessage().endsWith(FORM), e.getMessage());
    }

    @Test
    void fields_are_validated_with_name_and_value() {
        RemoteEncoderConfig c = RemoteEncoderConfig.parse("openai:m@http://h:1");
        assertEquals("batchSize must be in [1, 2048], was 0",
                assertThrows(IllegalArgumentException.class, () -> c.withBatchSize(0)).getMessage());
        assertEquals("maxConcurrent must be in [1, 64], was 100",
                assertThrows(IllegalArgumentException.class, () -> c.withMaxConcurrent(100)).getMessage());
        assertEquals("requestsPerSecond must be in [0, 10000] (0 = no limit), was -1.0",
                assertThrows(IllegalArgumentException.class, () -> c.withRequestsPerSecond(-1)).getMessage());
        assertEquals("apiKeyEnv must be an environment variable name, was 'sk-abc'",
                assertThrows(IllegalArgumentException.class, () -> c.withApiKeyEnv("sk-abc")).getMessage());
    }
}
