package org.yingji.platform.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.StringUtils;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;

/** The app_user table. */
@Repository
public class UserAccounts {

    private static final String COLUMNS = """
            id, username, display_name, phone, role, region_code, department_id, password_hash, enabled,
            must_change_password, failed_attempts, locked_until, last_login_at, created_at""";

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from app_user where id = ?").param(id)
                .query(UserAccounts::map).optional();
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from app_user where username = ?").param(username)
                .query(UserAccounts::map).optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    public PageView<UserAccount> search(RegionScope scope, String text, Role role, String regionCode, PageRequest page) {
        StringBuilder where = new StringBuilder(" where region_code like ?");
        List<Object> params = new ArrayList<>(List.of(scope.likePattern()));
        if (StringUtils.hasText(text)) {
            where.append(" and (username ilike ? or display_name ilike ? or phone like ?)");
            String like = "%" + text.strip() + "%";
            params.addAll(List.of(like, like, like));
        }
        if (role != null) {
            where.append(" and role = ?");
            params.add(role.name());
        }
        if (StringUtils.hasText(regionCode)) {
            where.append(" and region_code like ?");
            params.add(RegionScope.of(regionCode).likePattern());
        }
        long total = jdbc.sql("select count(*) from app_user" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(List.of(page.size(), page.offset()));
        List<UserAccount> items = jdbc.sql("select " + COLUMNS + " from app_user" + where
                        + " order by id limit ? offset ?")
                .params(pageParams).query(UserAccounts::map).list();
        return new PageView<>(items, total, page.page(), page.size());
    }

    /**
     * Enabled accounts whose role grants {@code permission} and whose own region is one of {@code regionCodes} — pass
     * a region and its ancestors to get the people whose subtree holds that region — matching {@code text} in the
     * username or display name, the first {@code limit} by display name.
     */
    public List<UserAccount> enabledWithPermission(String permission, List<String> regionCodes, String text,
                                                   int limit) {
        String[] roles = Arrays.stream(Role.values()).filter(role -> role.permissions().contains(permission))
                .map(Role::name).toArray(String[]::new);
        String like = StringUtils.hasText(text) ? "%" + text.strip() + "%" : "%";
        return jdbc.sql("select " + COLUMNS + """
                         from app_user
                        where enabled and role = any(?) and region_code = any(?)
                          and (username ilike ? or display_name ilike ?)
                        order by display_name, id limit ?""")
                .params(roles, regionCodes.toArray(String[]::new), like, like, limit)
                .query(UserAccounts::map).list();
    }

    public long insert(String username, String displayName, String phone, Role role, String regionCode,
                       Long departmentId, String passwordHash) {
        return jdbc.sql("""
                        insert into app_user (username, display_name, phone, role, region_code, department_id, password_hash)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(username, displayName, phone, role.name(), regionCode, departmentId, passwordHash)
                .query(Long.class).single();
    }

    void update(long id, String displayName, String phone, Role role, String regionCode, Long departmentId) {
        jdbc.sql("""
                        update app_user set display_name = ?, phone = ?, role = ?, region_code = ?, department_id = ?
                        where id = ?""")
                .params(displayName, phone, role.name(), regionCode, departmentId, id).update();
    }

    void setEnabled(long id, boolean enabled) {
        jdbc.sql("update app_user set enabled = ? where id = ?").params(enabled, id).update();
    }

    public void setPassword(long id, String passwordHash, boolean mustChange) {
        jdbc.sql("""
                        update app_user set password_hash = ?, must_change_password = ?, failed_attempts = 0,
                        locked_until = null where id = ?""")
                .params(passwordHash, mustChange, id).update();
    }

    public void recordFailure(long id, int failedAttempts, Instant lockedUntil) {
        jdbc.sql("update app_user set failed_attempts = ?, locked_until = ? where id = ?")
                .params(failedAttempts, lockedUntil == null ? null : Timestamp.from(lockedUntil), id).update();
    }

    public void recordLogin(long id, Instant at) {
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null, last_login_at = ? where id = ?")
                .params(Timestamp.from(at), id).update();
    }

    static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("phone"), Role.valueOf(rs.getString("role")), rs.getString("region_code"),
                (Long) rs.getObject("department_id"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password"), rs.getInt("failed_attempts"),
                instant(rs.getTimestamp("locked_until")), instant(rs.getTimestamp("last_login_at")),
                instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
