package io.cohortlm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Items;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny files in exactly the published 100K and 1M layouts, written as ISO-8859-1. */
class MovieLensReaderTest {
    static void latin1(Path p, String s) throws IOException {
        Files.write(p, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static List<String> categories(Items items, int row) {
        return Arrays.stream(items.categories(row)).mapToObj(items::categoryName).toList();
    }

    @Test
    void reads_the_100k_layout(@TempDir Path dir) throws IOException {
        latin1(dir.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t302\t5\t881251000\n");
        latin1(dir.resolve("u.user"), "196|49|M|writer|55105\n186|39|F|executive|00000\n");
        String flags242 = "|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
        String flags302 = "|0|0|0|0|0|0|1|0|0|0|1|0|0|1|0|0|1|0|0";
        latin1(dir.resolve("u.item"), "242|Kolya (1996)|24-Jan-1997||http://us.imdb.com/M/title-exact?Kolya%20(1996)"
                + flags242 + "\n302|Misérables, Les (1995)|01-Jan-1995||http://us.imdb.com/x" + flags302 + "\n");
        IngestResult r = new MovieLensReader(dir).read(IngestOptions.defaults());
        Dataset d = r.dataset();
        assertEquals("movielens-100k", d.name());
        assertEquals(2, d.users().size());
        assertEquals(2, d.items().size());
        assertEquals(3, d.events().size());
        assertEquals("Misérables, Les (1995)", d.items().title(1));
        assertEquals(List.of("Comedy"), categories(d.items(), 0));
        assertEquals(List.of("Crime", "Film-Noir", "Mystery", "Thriller"), categories(d.items(), 1));
        assertEquals(49.0, d.users().column("age").number(0));
        assertEquals("writer", d.users().column("occupation").level(0));
        assertTrue(d.users().column("zip").spec().personal());
        assertEquals("00000", d.users().column("zip").level(1));
        assertEquals("rating", d.events().typeName(2));
        assertEquals(5f, d.events().value(2));
        assertEquals(881251000L, d.events().time(2));
        assertEquals(d.users().ids().indexOf("196"), d.events().user(2));
        assertEquals(d.items().ids().indexOf("302"), d.events().item(2));
        assertEquals(List.of("u.user", "u.item", "u.data"), r.summary().files().stream().map(FileCounts::file).toList());
        assertEquals(7, r.summary().rowsRead());
        assertEquals(7, r.summary().accepted());
    }

    @Test
    void reads_the_1m_layout(@TempDir Path dir) throws IOException {
        latin1(dir.resolve("ratings.dat"), "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n");
        latin1(dir.resolve("users.dat"), "1::F::1::10::48067\n2::M::56::16::70072\n");
        latin1(dir.resolve("movies.dat"), "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n"
                + "661::James and the Giant Peach (1996)::Animation|Children's|Musical\n"
                + "3::Misérables, Les (1998)::Drama\n");
        Dataset d = new MovieLensReader(dir).read(IngestOptions.defaults()).dataset();
        assertEquals("movielens-1m", d.name());
        assertEquals(2, d.users().size());
        assertEquals(3, d.items().size());
        assertEquals(3, d.events().size());
        assertEquals("Misérables, Les (1998)", d.items().title(2));
        assertEquals(List.of("Animation", "Children's", "Musical"), categories(d.items(), 1));
        assertEquals("K-12 student", d.users().column("occupation").level(0));
        assertEquals("self-employed", d.users().column("occupation").level(1));
        assertEquals(56.0, d.users().column("age").number(1));
        assertEquals("F", d.users().column("gender").level(0));
        assertTrue(d.users().column("zip").spec().personal());
        assertEquals(978298413L, d.events().time(2));
        assertEquals(4f, d.events().value(2));
    }

    @Test
    void u_genre_names_the_genre_columns_when_present(@TempDir Path dir) throws IOException {
        latin1(dir.resolve("u.genre"), "one|0\ntwo|1\n\n");
        latin1(dir.resolve("u.data"), "1\t1\t4\t881250949\n");
        latin1(dir.resolve("u.user"), "1|24|M|technician|85711\n");
        latin1(dir.resolve("u.item"), "1|Toy Story (1995)|01-Jan-1995||url|0|1\n");
        Dataset d = new MovieLensReader(dir).read(IngestOptions.defaults()).dataset();
        assertEquals(List.of("two"), categories(d.items(), 0));
    }
}
