package org.yingji.platform.notify;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Open SSE streams grouped by a key (a user, an incident): opening with a first event, pushing to every stream of
 * a key, a keep-alive comment, and ending them all at shutdown. Streams that fail are dropped.
 */
public class SseStreams<K> {

    private final Map<K, List<SseEmitter>> streams = new ConcurrentHashMap<>();

    /** A stream without server-side timeout (the browser reconnects by itself), greeted with {@code hello}. */
    public SseEmitter open(K key, Object hello) {
        SseEmitter emitter = new SseEmitter(0L);
        List<SseEmitter> list = streams.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        Runnable remove = () -> list.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            emitter.send(SseEmitter.event().name("hello").data(hello));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    public void push(K key, String name, String id, Object data) {
        for (SseEmitter emitter : streams.getOrDefault(key, List.of())) {
            try {
                emitter.send(SseEmitter.event().name(name).id(id).data(data));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }
    }

    /** A comment line: proxies keep the stream open, and streams of closed tabs are found and dropped. */
    public void heartbeat() {
        streams.values().forEach(list -> list.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                list.remove(emitter);
            }
        }));
    }

    /** Ends every stream, so the web server's graceful shutdown does not wait for them. */
    public void closeAll() {
        streams.values().forEach(list -> list.forEach(SseEmitter::complete));
        streams.clear();
    }

    /** Runs the action after the current transaction commits (at once outside one): nobody hears of a rollback. */
    public static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
