package io.cohortlm.data;

import java.util.Arrays;

/**
 * The events table in columnar primitive arrays — about 29 bytes an event, so tens of millions fit easily in a
 * few GiB: user and item dense indices, type code, value (rating / quantity; NaN if none), unit price (NaN if
 * none) and timestamp in epoch seconds ({@link #NO_TIME} if none). Events keep their input order.
 * <p>Not thread-safe while appending; safe to share for reading afterwards.
 */
public final class Events {
    /** Timestamp of an event that has none. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final EventTypes types = new EventTypes();
    private int[] user;
    private int[] item;
    private byte[] type;
    private float[] value;
    private float[] price;
    private long[] time;
    private int size;

    public Events() {
        this(1024);
    }

    public Events(int capacity) {
        int c = Math.max(16, capacity);
        user = new int[c];
        item = new int[c];
        type = new byte[c];
        value = new float[c];
        price = new float[c];
        time = new long[c];
    }

    public EventTypes types() {
        return types;
    }

    /** Appends an event; returns its index. */
    public int add(int userIndex, int itemIndex, byte typeCode, float value, float price, long epochSeconds) {
        if (size == user.length) {
            int cap = size + (size >> 1) + 16;
            user = Arrays.copyOf(user, cap);
            item = Arrays.copyOf(item, cap);
            type = Arrays.copyOf(type, cap);
            this.value = Arrays.copyOf(this.value, cap);
            this.price = Arrays.copyOf(this.price, cap);
            time = Arrays.copyOf(time, cap);
        }
        user[size] = userIndex;
        item[size] = itemIndex;
        type[size] = typeCode;
        this.value[size] = value;
        this.price[size] = price;
        time[size] = epochSeconds;
        return size++;
    }

    public int size() {
        return size;
    }

    public int user(int e) {
        return user[e];
    }

    public int item(int e) {
        return item[e];
    }

    public byte type(int e) {
        return type[e];
    }

    public String typeName(int e) {
        return types.name(type[e]);
    }

    /** Rating or quantity; NaN if none. */
    public float value(int e) {
        return value[e];
    }

    /** Unit price; NaN if none. */
    public float price(int e) {
        return price[e];
    }

    /** Epoch seconds; {@link #NO_TIME} if none. */
    public long time(int e) {
        return time[e];
    }

    /** Releases spare capacity. */
    public void trim() {
        if (user.length != size) {
            user = Arrays.copyOf(user, size);
            item = Arrays.copyOf(item, size);
            type = Arrays.copyOf(type, size);
            value = Arrays.copyOf(value, size);
            price = Arrays.copyOf(price, size);
            time = Arrays.copyOf(time, size);
        }
    }
}
