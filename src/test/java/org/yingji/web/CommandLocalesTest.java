package org.yingji.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yingji.Api;
import tools.jackson.databind.JsonNode;

/**
 * The command screens speak English as well as Chinese: both dictionaries hold the same keys, every key the screens
 * ask for exists, and no Chinese text is written into the screens themselves (it belongs in zh-CN/command.json).
 * Reads the sources only, so it needs neither the built web app nor a browser.
 */
class CommandLocalesTest {

    static final Path WEB = Path.of("web", "src");
    static final Path VIEWS = WEB.resolve("views/command");
    /** A Chinese character or full-width punctuation (，：（）、). */
    static final Pattern CHINESE = Pattern.compile("[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]");
    static final Pattern STATIC_KEY = Pattern.compile("\\bt\\(\\s*'(command\\.[\\w.]+)'");

    @Test
    void englishAndChineseHoldTheSameKeys() throws IOException {
        Set<String> zh = keys("zh-CN");
        Set<String> en = keys("en");
        assertThat(new TreeSet<>(en)).as("keys only in zh-CN/command.json: add them to en/command.json")
                .containsAll(zh);
        assertThat(new TreeSet<>(zh)).as("keys only in en/command.json: add them to zh-CN/command.json")
                .containsAll(en);
    }

    @Test
    void everyKeyTheScreensAskForExists() throws IOException {
        Set<String> known = keys("en");
        List<String> missing = new ArrayList<>();
        for (Path view : views()) {
            Matcher m = STATIC_KEY.matcher(Files.readString(view));
            while (m.find()) {
                if (!known.contains(m.group(1).substring("command.".length()))) {
                    missing.add(view.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).as("t(...) keys missing from command.json").isEmpty();
    }

    @Test
    void noChineseIsWrittenIntoTheScreens() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path view : views()) {
            List<String> lines = Files.readAllLines(view);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                boolean comment = line.startsWith("//") || line.startsWith("*") || line.startsWith("/*")
                        || line.startsWith("<!--");
                if (!comment && CHINESE.matcher(line.replaceAll("//.*$", "")).find()) {
                    found.add(view.getFileName() + ":" + (i + 1) + " " + line);
                }
            }
        }
        assertThat(found).as("Chinese text in a command screen: move it to locales/*/command.json").isEmpty();
    }

    private static List<Path> views() throws IOException {
        try (Stream<Path> files = Files.list(VIEWS)) {
            return files.filter(f -> f.toString().endsWith(".vue") || f.toString().endsWith(".ts")).sorted().toList();
        }
    }

    private static Set<String> keys(String locale) throws IOException {
        JsonNode root = Api.JSON.readTree(Files.readString(WEB.resolve("locales/" + locale + "/command.json")));
        Set<String> keys = new TreeSet<>();
        collect(root, "", keys);
        return keys;
    }

    private static void collect(JsonNode node, String prefix, Set<String> keys) {
        node.properties().forEach(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                collect(e.getValue(), key, keys);
            } else {
                keys.add(key);
            }
        });
    }
}
