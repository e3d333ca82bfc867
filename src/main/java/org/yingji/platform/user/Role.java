package org.yingji.platform.user;

import java.util.Set;

/**
 * What a user does in the emergency system. Each role grants permission strings ({@code module:action}) that
 * endpoints check; the region subtree a user sees is a separate axis (see RegionScope).
 */
public enum Role {
    ADMIN("系统管理员", Set.of(
            "user:manage",
            "department:manage",
            "audit:read",
            "region:read",
            "resource:read", "resource:manage",
            "safety:read", "safety:report", "safety:regulate",
            "monitoring:read", "monitoring:manage", "monitoring:handle", "monitoring:ingest",
            "routing:read",
            "warning:read", "warning:draft", "warning:approve", "warning:publish", "warning:recipients",
            "command:read", "command:manage", "command:grade", "command:dispatch", "command:report", "command:task",
            "plan:manage",
            "duty:manage")),
    COMMANDER("指挥长", Set.of(
            "department:read",
            "region:read",
            "resource:read", "resource:manage",
            "safety:read", "safety:regulate",
            "monitoring:read", "monitoring:handle",
            "routing:read",
            "warning:read", "warning:draft", "warning:approve", "warning:publish",
            "command:read", "command:manage", "command:grade", "command:dispatch", "command:report", "command:task",
            "plan:manage",
            "duty:manage")),
    DUTY_OFFICER("值班员", Set.of(
            "department:read",
            "region:read",
            "resource:read", "resource:manage",
            "safety:read", "safety:report",
            "monitoring:read", "monitoring:handle",
            "routing:read",
            "warning:read", "warning:draft", "warning:recipients",
            "command:read", "command:manage", "command:dispatch", "command:report", "command:task",
            "duty:manage")),
    DEPARTMENT_USER("部门用户", Set.of(
            "department:read",
            "region:read",
            "resource:read", "resource:manage",
            "safety:read", "safety:report", "safety:regulate",
            "monitoring:read", "monitoring:manage", "monitoring:handle", "monitoring:ingest",
            "routing:read",
            "warning:read", "warning:draft",
            "command:read", "command:task")),
    ENTERPRISE_USER("企业安全管理员", Set.of(
            "region:read",
            "safety:read", "safety:report",
            "monitoring:ingest")),
    INSPECTOR("执法检查员", Set.of(
            "department:read",
            "region:read",
            "resource:read",
            "safety:read", "safety:report", "safety:regulate",
            "monitoring:read",
            "routing:read")),
    GRID_WORKER("网格员", Set.of(
            "region:read",
            "resource:read",
            "safety:read", "safety:report",
            "monitoring:read",
            "routing:read")),
    INFO_OFFICER("灾害信息员", Set.of(
            "region:read",
            "resource:read",
            "monitoring:read",
            "routing:read",
            "warning:read", "warning:draft",
            "command:read", "command:report"));

    private final String label;
    private final Set<String> permissions;

    Role(String label, Set<String> permissions) {
        this.label = label;
        this.permissions = permissions;
    }

    public String label() {
        return label;
    }

    public Set<String> permissions() {
        return permissions;
    }
}
