package io.cohortlm.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticConfigTest {
    @Test
    void parse_reads_the_cli_form_over_defaults() {
        SyntheticConfig c = SyntheticConfig.parse("users=5000,seed=7,lang=zh,segments=6,signals=text");
        assertEquals(5000, c.users());
        assertEquals(7, c.seed());
        assertEquals("zh", c.lang());
        assertEquals(6, c.segments());
        assertEquals(Set.of(Signal.TEXT), c.signals());
        SyntheticConfig d = SyntheticConfig.defaults();
        assertEquals(d.strength(), c.strength());
        assertEquals(d.events(), c.events());
        assertEquals(d.items(), c.items());
    }

    @Test
    void signals_mix_with_plus_and_accept_all_and_none() {
        assertEquals(EnumSet.of(Signal.ATTRIBUTES, Signal.TEXT),
                SyntheticConfig.parse("signals=attributes+text").signals());
        assertEquals(EnumSet.allOf(Signal.class), SyntheticConfig.parse("signals=all").signals());
        assertEquals(Set.of(), SyntheticConfig.parse("signals=none").signals());
        assertEquals(EnumSet.of(Signal.BEHAVIOUR), SyntheticConfig.parse("signals=behavior").signals());
    }

    @Test
    void to_spec_round_trips() {
        SyntheticConfig c = SyntheticConfig.parse("users=321,segments=3,seed=-5,lang=zh,signals=behaviour+text,"
                + "strength=0.55,events=12.5,eventdist=lognormal,items=500,texts=50,reuse=0.2");
        assertEquals(c, SyntheticConfig.parse(c.toSpec()));
        assertEquals(SyntheticConfig.defaults(), SyntheticConfig.parse(SyntheticConfig.defaults().toSpec()));
    }

    @Test
    void unknown_key_names_key_value_and_allowed_keys() {
        CohortException e = assertThrows(CohortException.class, () -> SyntheticConfig.parse("users=500,colour=red"));
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
        assertTrue(e.getMessage().contains("'red'"), e.getMessage());
        assertTrue(e.getMessage().contains("users, segments, seed, lang, signals"), e.getMessage());
    }

    @Test
    void bad_values_name_the_key_value_and_what_is_allowed() {
        assertMessage("users=50", "users must be in [100, 10000000], was 50");
        assertMessage("users=lots", "users='lots'", "[100, 10000000]");
        assertMessage("segments=11", "segments must be in [2, 10], was 11");
        assertMessage("lang=fr", "lang must be one of [en, zh], was 'fr'");
        assertMessage("signals=text+colour", "signals='text+colour'", "'colour'", "attributes, behaviour, text");
        assertMessage("strength=1.5", "strength must be in [0, 1], was 1.5");
        assertMessage("eventdist=poisson", "eventdist='poisson'", "geometric, lognormal, fixed");
        assertMessage("texts=100000", "texts must be in [10, 360], was 100000");
        assertMessage("reuse=0.95", "reuse must be in [0, 0.9], was 0.95");
        assertMessage("users", "'users' is not key=value");
    }

    private static void assertMessage(String spec, String... parts) {
        CohortException e = assertThrows(CohortException.class, () -> SyntheticConfig.parse(spec));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }
}
