package io.cohortlm.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = Redactor.standard();

    @Test
    void chinese_id_checksum_follows_gb11643() {
        assertTrue(Checksums.cnIdOk("11010519491231002X"));
        assertTrue(Checksums.cnIdOk("11010519491231002x"));
        assertFalse(Checksums.cnIdOk("110105194912310021"));
        // a well-formed 18-digit number with a wrong check digit and no id keyword is not an ID
        assertEquals("ref 110101199003076511", redactor.redact("ref 110101199003076511").text());
    }

    @Test
    void luhn_accepts_test_cards_and_rejects_a_changed_digit() {
        assertTrue(Checksums.luhnOk("4111 1111 1111 1111", 0, 19));
        assertFalse(Checksums.luhnOk("4111 1111 1111 1112", 0, 19));
        assertEquals("card 4111 1111 1111 1112", redactor.redact("card 4111 1111 1111 1112").text());
    }

    @Test
    void ipv6_validator_knows_the_text_forms() {
        assertTrue(IpAddresses.isIpv6("2001:db8::1"));
        assertTrue(IpAddresses.isIpv6("::ffff:192.0.2.128"));
        assertTrue(IpAddresses.isIpv6("1:2:3:4:5:6:7:8"));
        assertFalse(IpAddresses.isIpv6("1:2:3:4:5:6:7"));
        assertFalse(IpAddresses.isIpv6("1::2::3"));
        assertFalse(IpAddresses.isIpv6("12345::1:2"));
        assertFalse(IpAddresses.isIpv6("08:26:00"));
        assertFalse(IpAddresses.isIpv6("a::b"));
    }

    @Test
    void counts_are_reported_by_type_without_values() {
        Redaction r = redactor.redact("a@b.com c@d.org 13812345678 from 10.1.2.3");
        assertEquals("[EMAIL] [EMAIL] [PHONE] from [IP]", r.text());
        assertEquals(Map.of(PiiType.EMAIL, 2, PiiType.PHONE, 1, PiiType.IP, 1), r.counts());
        assertEquals(4, r.total());
        RedactionStats stats = new RedactionStats();
        List<String> out = redactor.redactAll(List.of("x@y.io", "plain text", "call 4155552671"), stats);
        assertEquals(List.of("[EMAIL]", "plain text", "call [PHONE]"), out);
        assertEquals("redacted 2 of 3 texts: EMAIL=1 PHONE=1", stats.toString());
        RedactionStats total = new RedactionStats();
        total.addAll(stats);
        total.addAll(stats);
        assertEquals("redacted 4 of 6 texts: EMAIL=2 PHONE=2", total.toString());
    }

    @Test
    void untouched_text_is_returned_as_the_same_instance() {
        String s = "WHITE HANGING HEART T-LIGHT HOLDER, 6 for 2.55";
        Redaction r = redactor.redact(s);
        assertSame(s, r.text());
        assertFalse(r.changed());
    }

    @Test
    void personal_values_match_case_insensitively_on_word_boundaries() {
        Redactor r = redactor.withPersonalValues(PersonalValues.of(List.of("Li", "Jane Doe", "王小明", "x", " ")));
        assertEquals("[PERSONAL] lives in Lisbon; [PERSONAL] too", r.redact("Li lives in Lisbon; LI too").text());
        assertEquals("From [PERSONAL]: hi", r.redact("From jane doe: hi").text());
        assertEquals("客户[PERSONAL]购买了茶杯", r.redact("客户王小明购买了茶杯").text());
        assertEquals("x marks", r.redact("x marks").text(), "values shorter than 2 chars are ignored");
        assertEquals(3, r.personalValues().size());
    }

    @Test
    void longest_personal_value_wins_at_the_same_position() {
        Redactor r = redactor.withPersonalValues(PersonalValues.of(List.of("Jane", "Jane Doe")));
        Redaction out = r.redact("Jane Doe and Jane");
        assertEquals("[PERSONAL] and [PERSONAL]", out.text());
        assertEquals(2, out.count(PiiType.PERSONAL));
    }

    @Test
    void personal_values_come_from_columns_flagged_personal() {
        Users users = new Users();
        var name = users.declare(new AttributeSpec("name", AttributeKind.TEXT, true));
        var city = users.declare(new AttributeSpec("city", AttributeKind.CATEGORICAL, false));
        var age = users.declare(new AttributeSpec("age", AttributeKind.NUMERIC, true));
        int a = users.addRow("u1");
        name.setText(a, "Alice Moreau");
        city.setLevel(a, "Paris");
        age.setNumber(a, 34);
        int b = users.addRow("u2");
        name.setText(b, "Bob Stone");
        city.setLevel(b, "Lyon");
        age.setNumber(b, 51);
        users.seal();

        Redactor dataset = redactor.withPersonalValues(PersonalValues.ofDataset(users));
        assertEquals("[PERSONAL] (34) met [PERSONAL] in Paris",
                dataset.redact("Alice Moreau (34) met Bob Stone in Paris").text());
        Redaction own = dataset.redact("Alice Moreau is 34", PersonalValues.ofRow(users, a));
        assertEquals("[PERSONAL] is [PERSONAL]", own.text());
        assertEquals(2, own.count(PiiType.PERSONAL));
    }
}
