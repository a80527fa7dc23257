package io.cohortlm.ingest;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.EventTypes;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Online Retail rules, shared by both parsers: which invoice lines become purchase events and why the others
 * are excluded. A row is counted under the first reason that applies, in this order:
 * {@code missing_customer_id}, {@code cancellation} (InvoiceNo starts with C), {@code non_positive_quantity},
 * {@code non_product_code} (postage, fees, manual adjustments, gift vouchers…), {@code non_positive_price},
 * {@code missing_description}. Not thread-safe.
 */
final class OnlineRetailAssembler {
    /** Stock codes that are charges or adjustments, not products (compared upper-cased). */
    static final Set<String> NON_PRODUCT_CODES = Set.of("POST", "DOT", "M", "C2", "D", "S", "B", "BANK CHARGES",
            "AMAZONFEE", "CRUK", "PADS");
    /** Gift vouchers: {@code gift_0001_10} … */
    static final String GIFT_PREFIX = "GIFT_";

    private final Users users = new Users();
    private final Items items = new Items();
    private final Events events = new Events(1 << 16);
    private final AttributeColumn country;
    private final byte purchase;
    private final Set<String> customersSeen = new HashSet<>();
    private final Set<String> stockCodesSeen = new HashSet<>();
    private final FileTally tally;
    private final BadRows bad;
    private String lastCustomer;
    private String lastCode;

    OnlineRetailAssembler(FileTally tally, BadRows bad) {
        this.tally = tally;
        this.bad = bad;
        this.country = users.declare(new AttributeSpec("country", AttributeKind.CATEGORICAL, false));
        this.purchase = events.types().code(EventTypes.PURCHASE);
    }

    /** A blank line: read and excluded. */
    void blank() {
        tally.read();
        tally.exclude("blank_line");
    }

    /** A line that could not be parsed. */
    void reject(long line, String raw, String reason) {
        tally.read();
        bad.reject(tally, line, raw, reason);
    }

    /**
     * One parsed invoice line.
     *
     * @param customer customer id, null if blank
     * @param description null if blank
     */
    void row(boolean cancelledInvoice, String stockCode, String description, int quantity, long epochSeconds,
            double unitPrice, String customer, String countryName) {
        tally.read();
        if (stockCode != lastCode) {
            stockCodesSeen.add(stockCode);
            lastCode = stockCode;
        }
        if (customer == null) {
            tally.exclude("missing_customer_id");
            return;
        }
        if (customer != lastCustomer) {
            customersSeen.add(customer);
            lastCustomer = customer;
        }
        if (cancelledInvoice) {
            tally.exclude("cancellation");
        } else if (quantity <= 0) {
            tally.exclude("non_positive_quantity");
        } else if (isNonProduct(stockCode)) {
            tally.exclude("non_product_code");
        } else if (!(unitPrice > 0)) {
            tally.exclude("non_positive_price");
        } else if (description == null) {
            tally.exclude("missing_description");
        } else {
            int before = users.size();
            int u = users.addRow(customer);
            if (u == before) {
                country.setLevel(u, countryName);
            }
            int itemsBefore = items.size();
            int i = items.addRow(stockCode);
            if (i == itemsBefore) {
                items.setTitle(i, description);
                items.setText(i, description);
            }
            events.add(u, i, purchase, quantity, (float) unitPrice, epochSeconds);
            tally.accept();
        }
    }

    static boolean isNonProduct(String code) {
        String c = code.toUpperCase(Locale.ROOT);
        return NON_PRODUCT_CODES.contains(c) || c.startsWith(GIFT_PREFIX);
    }

    IngestResult finish(String name) {
        users.seal();
        items.seal();
        events.trim();
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("customers_seen", (long) customersSeen.size());
        details.put("customers_all_rows_excluded", (long) (customersSeen.size() - users.size()));
        details.put("stock_codes_seen", (long) stockCodesSeen.size());
        details.put("stock_codes_all_rows_excluded", (long) (stockCodesSeen.size() - items.size()));
        IngestSummary s = IngestSummary.of(name, java.util.List.of(tally.counts()), users.size(), items.size(),
                events.size(), details);
        return new IngestResult(new Dataset("online-retail", users, items, events), s);
    }
}
