package org.yingji.platform.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

@Tag(name = "通知 Notifications")
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @Operation(summary = "My notifications, newest first")
    @GetMapping
    Map<String, Object> list(@RequestParam(defaultValue = "false") boolean unread,
                             @RequestParam(defaultValue = "50") int limit) {
        long user = CurrentUser.get().id();
        List<Notifications.Notification> items = notifications.of(user, unread, Math.min(Math.max(limit, 1), 200));
        return Map.of("items", items, "unread", notifications.unread(user));
    }

    @Operation(summary = "Mark one of my notifications read")
    @PostMapping("/{id}/read")
    ResponseEntity<Void> read(@PathVariable long id) {
        if (!notifications.markRead(CurrentUser.get().id(), id)) {
            throw new ProblemException.NotFound("通知", id);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Live stream of my new notifications (server-sent events: hello, notification)")
    @GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return notifications.open(CurrentUser.get().id());
    }
}
