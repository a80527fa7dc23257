package io.cohortlm.bench.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Texts from the Online Retail file for the {@code embed} benchmark: per customer, a profile listing the product
 * descriptions they bought (most-bought first), and the catalogue of distinct descriptions. Kept lines: a
 * customer id, a description, positive quantity and price, not a cancellation (invoice starting with C).
 */
final class RetailProfiles {
    /** Per customer id (first-seen order): country and descriptions by units bought, descending. */
    final Map<String, Customer> customers;
    /** Every distinct description of a kept line. */
    final List<String> catalogue;

    record Customer(String id, String country, List<String> products) {
    }

    private RetailProfiles(Map<String, Customer> customers, List<String> catalogue) {
        this.customers = customers;
        this.catalogue = catalogue;
    }

    static RetailProfiles load(Path csvGz) throws IOException {
        Map<String, String> country = new LinkedHashMap<>();
        Map<String, Map<String, Long>> units = new HashMap<>();
        Set<String> catalogue = new LinkedHashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz), 1 << 16), StandardCharsets.UTF_8))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String customer = rec.get("CustomerID").trim();
                String desc = rec.get("Description").trim();
                if (customer.isEmpty() || desc.isEmpty() || rec.get("InvoiceNo").startsWith("C")) {
                    continue;
                }
                long qty;
                double price;
                try {
                    qty = Long.parseLong(rec.get("Quantity").trim());
                    price = Double.parseDouble(rec.get("UnitPrice").trim());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (qty <= 0 || price <= 0) {
                    continue;
                }
                country.putIfAbsent(customer, rec.get("Country").trim());
                units.computeIfAbsent(customer, k -> new HashMap<>()).merge(desc, qty, Long::sum);
                catalogue.add(desc);
            }
        }
        Map<String, Customer> customers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : country.entrySet()) {
            List<Map.Entry<String, Long>> bought = new ArrayList<>(units.get(e.getKey()).entrySet());
            bought.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            customers.put(e.getKey(), new Customer(e.getKey(), e.getValue(),
                    bought.stream().map(Map.Entry::getKey).toList()));
        }
        return new RetailProfiles(customers, new ArrayList<>(catalogue));
    }

    /**
     * A customer's profile text, adding products while it stays within {@code maxTokens}:
     * {@code "Customer in United Kingdom. Bought: white hanging heart t-light holder; ..."}.
     */
    static String profile(Customer c, int maxTokens, ToIntFunction<String> tokens) {
        StringBuilder sb = new StringBuilder("Customer in ").append(c.country()).append(". Bought: ");
        String text = sb.toString();
        for (int i = 0; i < c.products().size(); i++) {
            String next = text + (i > 0 ? "; " : "") + c.products().get(i).toLowerCase(java.util.Locale.ROOT);
            if (tokens.applyAsInt(next) > maxTokens) {
                break;
            }
            text = next;
        }
        return text;
    }

    /** Customers in a seeded random order. */
    List<Customer> shuffled(long seed) {
        List<Customer> all = new ArrayList<>(customers.values());
        Collections.shuffle(all, new Random(seed));
        return all;
    }
}
