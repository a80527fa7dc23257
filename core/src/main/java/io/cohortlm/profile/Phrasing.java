package io.cohortlm.profile;

import java.util.List;

/**
 * Sentence templates of one language. Every method returns one complete sentence (with its final punctuation) or
 * "" when there is nothing to say. Implementations are stateless.
 */
interface Phrasing {
    /** Joins sentences (English: with spaces; Chinese: directly). */
    String join(List<String> sentences);

    /** Attribute pairs {name, value}. */
    String attributes(List<String[]> pairs);

    /** Top categories with their shares of the user's events (0..1), most frequent first. */
    String categories(List<String> names, double[] shares);

    /** Most telling words of consumed items' titles, most telling first. */
    String keywords(List<String> words);

    /** Most frequent titles with their event counts. */
    String titles(List<String> titles, int[] counts);

    /** Spans shorter than this many days get no rhythm: a few events in a few days say nothing about habits. */
    double SHORT_SPAN_DAYS = 7;

    /**
     * Event count over a span ({@code spanDays < 0}: no timestamps) and rhythm; {@code brief}: rhythm only ("" when
     * there is no rhythm to tell).
     */
    String activity(int events, double spanDays, double perWeek, boolean brief);

    /** Whole days since the last event. */
    String recency(long days);

    /** Spend as a ratio of the median spender's; NaN: no purchases. */
    String spend(double ratioToMedian);

    /** Rating tendency: mean rating, rating count, scale maximum, and tendency -1 (harsh), 0, 1 (generous). */
    String rating(double mean, int count, double scaleMax, int tendency);

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** {@code v} with one decimal, half up (no String.format: it is slow enough to show in profiles of 1M users). */
    static String oneDecimal(double v) {
        long tenths = Math.round(Math.abs(v) * 10);
        return (v < 0 && tenths > 0 ? "-" : "") + (tenths / 10) + "." + (tenths % 10);
    }

    /** Rhythm bucket: 0 almost daily, 1 weekly, 2 fortnightly, 3 monthly, 4 rarely. */
    static int rhythm(double perWeek) {
        if (perWeek >= 4) {
            return 0;
        }
        if (perWeek >= 0.75) {
            return 1;
        }
        if (perWeek >= 0.4) {
            return 2;
        }
        if (perWeek >= 0.15) {
            return 3;
        }
        return 4;
    }

    /** English-language templates. */
    final class English implements Phrasing {
        private static final String[] RHYTHM = {"almost daily", "about weekly", "every couple of weeks",
                "about monthly", "rarely"};

        @Override
        public String join(List<String> sentences) {
            StringBuilder sb = new StringBuilder();
            for (String s : sentences) {
                if (!s.isEmpty()) {
                    sb.append(sb.length() == 0 ? "" : " ").append(s);
                }
            }
            return sb.toString();
        }

        @Override
        public String attributes(List<String[]> pairs) {
            if (pairs.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (String[] p : pairs) {
                sb.append(sb.length() == 0 ? "" : ", ").append(p[0].replace('_', ' ')).append(' ').append(p[1]);
            }
            sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
            return sb.append('.').toString();
        }

        @Override
        public String categories(List<String> names, double[] shares) {
            if (names.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder("Mostly ").append(names.get(0)).append(" (")
                    .append(percent(shares[0])).append(')');
            for (int i = 1; i < names.size(); i++) {
                sb.append(i == 1 ? ", also " : ", ").append(names.get(i)).append(" (").append(percent(shares[i]))
                        .append(')');
            }
            return sb.append('.').toString();
        }

        @Override
        public String keywords(List<String> words) {
            return words.isEmpty() ? "" : "Keywords: " + String.join(", ", words) + ".";
        }

        @Override
        public String titles(List<String> titles, int[] counts) {
            if (titles.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder("Often: ");
            for (int i = 0; i < titles.size(); i++) {
                sb.append(i == 0 ? "" : "; ").append(titles.get(i));
                if (counts[i] > 1) {
                    sb.append(" x").append(counts[i]);
                }
            }
            return sb.append('.').toString();
        }

        @Override
        public String activity(int events, double spanDays, double perWeek, boolean brief) {
            if (events <= 1 || spanDays < SHORT_SPAN_DAYS) {
                if (brief) {
                    return "";
                }
                if (events <= 1) {
                    return "1 event.";
                }
                return spanDays < 0 ? events + " events." : spanDays < 1 ? events + " events within one day."
                        : events + " events over " + span(spanDays) + ".";
            }
            String rhythm = RHYTHM[rhythm(perWeek)];
            return brief ? "Active " + rhythm + "." : events + " events over " + span(spanDays) + ", " + rhythm + ".";
        }

        private static String span(double days) {
            if (days < 1) {
                return "one day";
            }
            if (days < 14) {
                long d = Math.round(days);
                return d + (d == 1 ? " day" : " days");
            }
            if (days < 63) {
                return Math.round(days / 7) + " weeks";
            }
            long m = Math.round(days / 30.44);
            return m + (m == 1 ? " month" : " months");
        }

        @Override
        public String recency(long days) {
            if (days <= 0) {
                return "Last seen today.";
            }
            return days == 1 ? "Last seen yesterday." : "Last seen " + days + " days ago.";
        }

        @Override
        public String spend(double ratio) {
            if (Double.isNaN(ratio)) {
                return "No purchases.";
            }
            if (ratio >= 1.25) {
                return "Spends above the median (" + oneDecimal(ratio) + "x).";
            }
            if (ratio <= 0.8) {
                return "Spends below the median (" + oneDecimal(ratio) + "x).";
            }
            return "Spends about the median.";
        }

        @Override
        public String rating(double mean, int count, double scaleMax, int tendency) {
            String t = tendency > 0 ? "Rates generously" : tendency < 0 ? "Rates harshly" : "Rates about average";
            return t + " (" + oneDecimal(mean) + " of " + oneDecimal(scaleMax).replace(".0", "") + ", " + count
                    + (count == 1 ? " rating)." : " ratings).");
        }
    }

    /** Chinese-language templates. */
    final class Chinese implements Phrasing {
        private static final String[] RHYTHM = {"几乎每天", "约每周一次", "约两周一次", "约每月一次", "偶尔"};
        private static final java.util.Map<String, String> LABELS = java.util.Map.of("age", "年龄", "gender", "性别",
                "sex", "性别", "city", "城市", "country", "国家", "spend_level", "消费水平", "region", "地区");

        @Override
        public String join(List<String> sentences) {
            return String.join("", sentences);
        }

        @Override
        public String attributes(List<String[]> pairs) {
            if (pairs.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (String[] p : pairs) {
                sb.append(sb.length() == 0 ? "" : "，").append(LABELS.getOrDefault(p[0], p[0]));
                sb.append(p[0].equals("age") ? p[1] + "岁" : p[1]);
            }
            return sb.append('。').toString();
        }

        @Override
        public String categories(List<String> names, double[] shares) {
            if (names.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder("主要关注").append(names.get(0)).append('（').append(percent(shares[0]))
                    .append('）');
            for (int i = 1; i < names.size(); i++) {
                sb.append(i == 1 ? "，其次是" : "、").append(names.get(i)).append('（').append(percent(shares[i]))
                        .append('）');
            }
            return sb.append('。').toString();
        }

        @Override
        public String keywords(List<String> words) {
            return words.isEmpty() ? "" : "关键词：" + String.join("、", words) + "。";
        }

        @Override
        public String titles(List<String> titles, int[] counts) {
            if (titles.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder("常购：");
            for (int i = 0; i < titles.size(); i++) {
                sb.append(i == 0 ? "" : "；").append(titles.get(i));
                if (counts[i] > 1) {
                    sb.append('×').append(counts[i]);
                }
            }
            return sb.append('。').toString();
        }

        @Override
        public String activity(int events, double spanDays, double perWeek, boolean brief) {
            if (events <= 1 || spanDays < SHORT_SPAN_DAYS) {
                if (brief) {
                    return "";
                }
                if (events <= 1) {
                    return "仅1次互动。";
                }
                return spanDays < 0 ? "共" + events + "次互动。" : span(spanDays) + "内" + events + "次互动。";
            }
            String rhythm = RHYTHM[rhythm(perWeek)];
            return brief ? "活跃频率：" + rhythm + "。" : span(spanDays) + "内" + events + "次互动，" + rhythm + "。";
        }

        private static String span(double days) {
            if (days < 1) {
                return "1天";
            }
            if (days < 14) {
                return Math.round(days) + "天";
            }
            if (days < 63) {
                return Math.round(days / 7) + "周";
            }
            return Math.round(days / 30.44) + "个月";
        }

        @Override
        public String recency(long days) {
            if (days <= 0) {
                return "最近活跃：今天。";
            }
            return days == 1 ? "最近活跃：昨天。" : "最近活跃：" + days + "天前。";
        }

        @Override
        public String spend(double ratio) {
            if (Double.isNaN(ratio)) {
                return "暂无购买。";
            }
            if (ratio >= 1.25) {
                return "消费高于中位数（" + oneDecimal(ratio) + "倍）。";
            }
            if (ratio <= 0.8) {
                return "消费低于中位数（" + oneDecimal(ratio) + "倍）。";
            }
            return "消费接近中位数。";
        }

        @Override
        public String rating(double mean, int count, double scaleMax, int tendency) {
            String t = tendency > 0 ? "评分偏高" : tendency < 0 ? "评分偏低" : "评分中等";
            return t + "（平均" + oneDecimal(mean) + "分，满分" + oneDecimal(scaleMax).replace(".0", "") + "，共" + count
                    + "次）。";
        }
    }
}
