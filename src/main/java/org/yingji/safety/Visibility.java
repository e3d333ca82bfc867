package org.yingji.safety;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.user.Role;

/**
 * What part of the safety data a user sees: an enterprise user only the enterprises they act for, everyone else
 * the enterprises of their region subtree. Expressed as a bound SQL condition on a table alias.
 */
@Component
class Visibility {

    private final JdbcClient jdbc;

    Visibility(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A condition such as {@code e.region_code like ?} with its one parameter. */
    record Condition(String sql, Object parameter) {

        /** Identifies the condition for caching: the same SQL and parameter see the same rows. */
        String key() {
            return sql + "|" + (parameter instanceof Object[] array ? java.util.Arrays.toString(array) : parameter);
        }
    }

    Condition of(CurrentUser user, String enterpriseIdColumn, String regionColumn) {
        if (user.role() == Role.ENTERPRISE_USER) {
            return new Condition(enterpriseIdColumn + " = any(?)", enterprisesOf(user).toArray(Long[]::new));
        }
        return new Condition(regionColumn + " like ?", user.scope().likePattern());
    }

    List<Long> enterprisesOf(CurrentUser user) {
        return jdbc.sql("select enterprise_id from enterprise_member where user_id = ?").param(user.id())
                .query(Long.class).list();
    }

    static boolean regulator(CurrentUser user) {
        return user.can("safety:regulate");
    }
}
