package io.cohortlm.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cohortlm.CohortException;
import io.cohortlm.data.AttributeKind;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A mapping file (YAML or JSON, snake_case keys) telling the generic csv / tsv / jsonl reader which files hold
 * users, items and events and which column is which. See docs/data.md for the full example. Paths resolve
 * relative to the mapping file. Only {@code events} is required.
 *
 * @param name            dataset name (default: the mapping file's name without extension)
 * @param delimiter       one character; default {@code ,} for csv and tab for tsv ({@code "\t"} or {@code tab})
 * @param quote           quote character, or {@code none}; default {@code "} for csv, none for tsv
 * @param encoding        charset of every file; default UTF-8
 * @param timestampFormat {@code auto} (default: digits are epoch seconds, or millis above 10^11; else ISO-8601),
 *                        {@code epoch_seconds}, {@code epoch_millis}, {@code iso}, or a java.time pattern
 * @param timeZone        zone for timestamps without an offset; default UTC
 * @param users           the users file, optional
 * @param items           the items file, optional
 * @param events          the events file, required
 */
public record MappingSpec(String name, String delimiter, String quote, String encoding, String timestampFormat,
        String timeZone, Table users, Table items, EventsTable events) {

    /**
     * A users or items file.
     *
     * @param file              path, relative to the mapping file
     * @param id                id column (required)
     * @param title             items only: title column
     * @param text              items only: description column
     * @param categories        items only: categories column (a JSON array in jsonl, or separated text)
     * @param categorySeparator separator inside the categories column; default {@code |}
     * @param attributes        typed attribute columns
     */
    public record Table(String file, String id, String title, String text, String categories,
            String categorySeparator, List<Attribute> attributes) {
        public Table {
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
        }
    }

    /**
     * An attribute column.
     *
     * @param column   column name in the file
     * @param kind     {@code numeric}, {@code categorical} or {@code text}
     * @param personal true for personal data (redacted before text leaves the process); default false
     * @param name     attribute name in the dataset; default the column name
     */
    public record Attribute(String column, String kind, Boolean personal, String name) {
        /** The dataset-side name. */
        public String attributeName() {
            return name == null || name.isBlank() ? column : name;
        }
    }

    /**
     * The events file.
     *
     * @param file        path, relative to the mapping file (a path given on the command line overrides it)
     * @param user        user id column (required)
     * @param item        item id column (required)
     * @param type        event type column; its values are lower-cased unless {@code typeValues} maps them
     * @param typeValues  source value → event type (e.g. {@code "1": purchase}); a value not listed is a bad row
     * @param defaultType type of every event when there is no type column; default {@code interaction}
     * @param value       numeric value column (rating, quantity)
     * @param price       numeric unit price column
     * @param timestamp   time column, read with the mapping's {@code timestamp_format}
     */
    public record EventsTable(String file, String user, String item, String type, Map<String, String> typeValues,
            String defaultType, String value, String price, String timestamp) {
        public EventsTable {
            typeValues = typeValues == null ? Map.of() : Map.copyOf(typeValues);
        }
    }

    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private static ObjectMapper configure(ObjectMapper m) {
        return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Reads and validates a mapping file ({@code .json} as JSON, anything else as YAML). */
    public static MappingSpec load(Path file) {
        InputFiles.requireFile(file, "mapping");
        ObjectMapper m = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        MappingSpec spec;
        try {
            spec = m.readValue(file.toFile(), MappingSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new CohortException(file + ": unknown key '" + e.getPropertyName() + "'"
                    + where(e) + "; known keys here: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new CohortException(file + ": not a valid mapping" + where(e) + ": " + e.getOriginalMessage()
                    .lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new CohortException("cannot read mapping " + file + ": " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new CohortException(file + ": mapping file is empty");
        }
        spec.validate(file.toString());
        return spec;
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    }

    /** Checks required keys and values; the message names the file and key. */
    public void validate(String file) {
        if (events == null) {
            throw new CohortException(file + ": 'events' is required");
        }
        require(file, "events.user", events.user());
        require(file, "events.item", events.item());
        if (delimiter != null) {
            delimiterChar(',');
        }
        if (encoding != null) {
            charset();
        }
        if (quote != null && !quote.equalsIgnoreCase("none") && quote.length() != 1) {
            throw new CohortException(file + ": quote must be one character or 'none', was '" + quote + "'");
        }
        if (timeZone != null) {
            try {
                java.time.ZoneId.of(timeZone);
            } catch (java.time.DateTimeException e) {
                throw new CohortException(file + ": time_zone '" + timeZone + "' is not a known zone id");
            }
        }
        Timestamps.of(timestampFormat, timeZone, file);
        table(file, "users", users, false);
        table(file, "items", items, true);
    }

    private static void table(String file, String key, Table t, boolean itemsTable) {
        if (t == null) {
            return;
        }
        require(file, key + ".file", t.file());
        require(file, key + ".id", t.id());
        if (!itemsTable && (t.title() != null || t.text() != null || t.categories() != null)) {
            throw new CohortException(file + ": users cannot have title, text or categories (items only)");
        }
        for (Attribute a : t.attributes()) {
            require(file, key + ".attributes[].column", a.column());
            if (AttributeKind.parse(a.kind()) == null) {
                throw new CohortException(file + ": " + key + ".attributes '" + a.column()
                        + "': kind must be numeric, categorical or text, was '" + a.kind() + "'");
            }
        }
    }

    private static void require(String file, String key, String v) {
        if (v == null || v.isBlank()) {
            throw new CohortException(file + ": '" + key + "' is required");
        }
    }

    /** The delimiter, or {@code fallback} when unset. */
    public char delimiterChar(char fallback) {
        if (delimiter == null) {
            return fallback;
        }
        if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
            return '\t';
        }
        if (delimiter.length() != 1) {
            throw new CohortException("mapping: delimiter must be one character (or 'tab'), was '" + delimiter + "'");
        }
        return delimiter.charAt(0);
    }

    /** The quote character; null for none; {@code fallback} when unset. */
    public Character quoteChar(Character fallback) {
        if (quote == null) {
            return fallback;
        }
        return quote.equalsIgnoreCase("none") ? null : quote.charAt(0);
    }

    /** The files' charset (default UTF-8). */
    public Charset charset() {
        if (encoding == null) {
            return java.nio.charset.StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new CohortException("mapping: unknown encoding '" + encoding + "'");
        }
    }
}
