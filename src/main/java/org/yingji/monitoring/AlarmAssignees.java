package org.yingji.monitoring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.platform.user.Department;
import org.yingji.platform.user.Departments;
import org.yingji.platform.user.UserAccount;
import org.yingji.platform.user.UserAccounts;
import org.yingji.platform.web.ProblemException;

/**
 * Who may be given an alarm: an enabled user whose role may handle alarms and whose region subtree holds the
 * alarm's region. The same rule answers the assign dialog's search and checks the assignment itself.
 */
@Service
class AlarmAssignees {

    static final String HANDLE = "monitoring:handle";
    static final int MAX_RESULTS = 50;

    private final UserAccounts accounts;
    private final Departments departments;
    private final Regions regions;

    AlarmAssignees(UserAccounts accounts, Departments departments, Regions regions) {
        this.accounts = accounts;
        this.departments = departments;
        this.regions = regions;
    }

    /** A candidate as the assign dialog shows it. */
    record Assignee(long id, String username, String displayName, String roleName, String departmentName,
                    String regionCode, String regionName) {
    }

    /** Users who may handle an alarm of {@code regionCode}, by name, at most {@code limit} (capped). */
    List<Assignee> candidates(String regionCode, String text, int limit) {
        // a user's subtree holds the region exactly when the user sits at the region or one of its ancestors
        List<String> covering = new ArrayList<>(regions.ancestorsOf(regionCode));
        covering.add(regionCode);
        return accounts.enabledWithPermission(HANDLE, covering, text, Math.max(1, Math.min(limit, MAX_RESULTS)))
                .stream().map(this::view).toList();
    }

    /** Refuses, naming {@code assigneeId} and the rule, a user who may not handle an alarm of {@code regionCode}. */
    void requireMayHandle(long userId, String regionCode) {
        UserAccount account = accounts.findById(userId).filter(UserAccount::enabled).orElseThrow(() ->
                new ProblemException.InvalidField("assigneeId", "alarm.assignee.unknown", "负责人不存在或已停用"));
        if (!account.role().permissions().contains(HANDLE)) {
            throw new ProblemException.InvalidField("assigneeId", "alarm.assignee.no-permission",
                    account.displayName() + "（" + account.role().label() + "）无报警处置权限");
        }
        if (!RegionScope.of(account.regionCode()).contains(regionCode)) {
            throw new ProblemException.InvalidField("assigneeId", "alarm.assignee.out-of-region",
                    account.displayName() + " 不负责报警所在区域（" + regions.nameOf(regionCode) + "）");
        }
    }

    private Assignee view(UserAccount account) {
        String department = account.departmentId() == null ? null
                : departments.findById(account.departmentId()).map(Department::name).orElse(null);
        return new Assignee(account.id(), account.username(), account.displayName(), account.role().label(),
                department, account.regionCode(), regions.nameOf(account.regionCode()));
    }
}
