package org.yingji.platform.mqtt;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscriptions by topic filter, as a tree of topic levels: a publish visits only the branches its topic can match,
 * so thousands of terminal subscriptions cost telemetry (tens of thousands of publishes a second) nothing. Reads are
 * lock-free; changes are serialised so that pruning an empty branch never races with a new subscription on it.
 */
final class TopicTree<S> {

    private static final class Node<S> {
        final Map<String, Node<S>> children = new ConcurrentHashMap<>();
        final Map<S, Integer> subscribers = new ConcurrentHashMap<>();

        boolean isEmpty() {
            return children.isEmpty() && subscribers.isEmpty();
        }
    }

    private final Node<S> root = new Node<>();

    synchronized void add(String filter, S subscriber, int qos) {
        Node<S> node = root;
        for (String level : filter.split("/", -1)) {
            node = node.children.computeIfAbsent(level, k -> new Node<>());
        }
        node.subscribers.put(subscriber, qos);
    }

    synchronized void remove(String filter, S subscriber) {
        remove(root, filter.split("/", -1), 0, subscriber);
    }

    private void remove(Node<S> node, String[] levels, int i, S subscriber) {
        if (i == levels.length) {
            node.subscribers.remove(subscriber);
            return;
        }
        Node<S> child = node.children.get(levels[i]);
        if (child != null) {
            remove(child, levels, i + 1, subscriber);
            if (child.isEmpty()) {
                node.children.remove(levels[i]);
            }
        }
    }

    /** Every subscriber with a filter matching {@code topic}, with the highest QoS among its matching filters. */
    Map<S, Integer> match(String topic) {
        String[] levels = topic.split("/", -1);
        Map<S, Integer> found = new HashMap<>();
        // Wildcards at the first level do not match topics starting with $ (MQTT 3.1.1, 4.7.2).
        collect(root, levels, 0, !topic.startsWith("$"), found);
        return found;
    }

    private void collect(Node<S> node, String[] levels, int i, boolean wildcards, Map<S, Integer> found) {
        if (wildcards) {
            Node<S> rest = node.children.get("#");
            if (rest != null) {
                addAll(rest, found); // "a/#" also matches "a"
            }
        }
        if (i == levels.length) {
            addAll(node, found);
            return;
        }
        if (wildcards) {
            Node<S> any = node.children.get("+");
            if (any != null) {
                collect(any, levels, i + 1, true, found);
            }
        }
        Node<S> exact = node.children.get(levels[i]);
        if (exact != null) {
            collect(exact, levels, i + 1, true, found);
        }
    }

    private static <S> void addAll(Node<S> node, Map<S, Integer> found) {
        node.subscribers.forEach((subscriber, qos) -> found.merge(subscriber, qos, Math::max));
    }

    /** Whether one {@code filter} matches {@code topic} (for a single filter; many go in the tree). */
    static boolean matches(String filter, String topic) {
        TopicTree<Boolean> one = new TopicTree<>();
        one.add(filter, Boolean.TRUE, 0);
        return !one.match(topic).isEmpty();
    }

    /** A filter per MQTT 3.1.1 4.7.1: {@code #} only as the whole last level, {@code +} only as a whole level. */
    static boolean validFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }

    /** A topic name to publish to: not empty, no wildcards. */
    static boolean validTopic(String topic) {
        return topic != null && !topic.isEmpty() && topic.indexOf('+') < 0 && topic.indexOf('#') < 0
                && topic.indexOf('\0') < 0;
    }
}
