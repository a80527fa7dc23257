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
    /** Stock codes of rows not accepted; accepted ones are the items (saves a set insert per accepted row). */
    private final Set<String> otherStockCodes = new HashSet<>();
    private final FileTally tally;
    private final BadRows bad;
    private String lastCustomer;
    private String lastUserId;
    private int lastUser = -1;

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

    /** The Description of the current line, decoded only when needed (most lines repeat a known item). */
    @FunctionalInterface
    interface Description {
        /** The stripped description; null if blank. */
        String get();
    }

    /**
     * One parsed invoice line.
     *
     * @param hasDescription false if the Description is blank
     * @param description    supplies the description text when a new item needs its title
     * @param customer       customer id, null if blank
     */
    void row(boolean cancelledInvoice, String stockCode, boolean hasDescription, Description description,
            int quantity, long epochSeconds, double unitPrice, String customer, String countryName) {
        tally.read();
        if (customer == null) {
            tally.exclude("missing_customer_id");
            otherStockCodes.add(stockCode);
            return;
        }
        if (customer != lastCustomer) {
            customersSeen.add(customer);
            lastCustomer = customer;
        }
        String reason = null;
        if (cancelledInvoice) {
            reason = "cancellation";
        } else if (quantity <= 0) {
            reason = "non_positive_quantity";
        } else if (isNonProduct(stockCode)) {
            reason = "non_product_code";
        } else if (!(unitPrice > 0)) {
            reason = "non_positive_price";
        } else if (!hasDescription) {
            reason = "missing_description";
        }
        if (reason != null) {
            tally.exclude(reason);
            otherStockCodes.add(stockCode);
        } else {
            int u;
            if (customer.equals(lastUserId)) {
                u = lastUser;
            } else {
                int before = users.size();
                u = users.addRow(customer);
                if (u == before) {
                    country.setLevel(u, countryName);
                }
                lastUserId = customer;
                lastUser = u;
            }
            int itemsBefore = items.size();
            int i = items.addRow(stockCode);
            if (i == itemsBefore) {
                String d = description.get();
                items.setTitle(i, d);
                items.setText(i, d);
            }
            events.add(u, i, purchase, quantity, (float) unitPrice, epochSeconds);
            tally.accept();
        }
    }

    static boolean isNonProduct(String code) {
        char first = code.charAt(0);
        if (first >= '0' && first <= '9') {
            return false;
        }
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
        long onlyExcluded = otherStockCodes.stream().filter(c -> !items.ids().contains(c)).count();
        details.put("stock_codes_seen", items.size() + onlyExcluded);
        details.put("stock_codes_all_rows_excluded", onlyExcluded);
        IngestSummary s = IngestSummary.of(name, java.util.List.of(tally.counts()), users.size(), items.size(),
                events.size(), details);
        return new IngestResult(new Dataset("online-retail", users, items, events), s);
    }
}
