package org.yingji.resources;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

/** Creating, changing and deleting resources of the user's region subtree; every write audited. */
@Service
class ResourceAdministration {

    private final Resources resources;
    private final ResourceValidation validation;
    private final AuditLog audit;

    ResourceAdministration(Resources resources, ResourceValidation validation, AuditLog audit) {
        this.resources = resources;
        this.validation = validation;
        this.audit = audit;
    }

    ResourceView get(CurrentUser user, ResourceKind kind, long id) {
        return resources.find(kind, id, user.scope())
                .orElseThrow(() -> new ProblemException.NotFound(kind.label(), id));
    }

    @Transactional
    ResourceView create(CurrentUser user, ResourceKind kind, ResourceInput input) {
        ResourceValidation.Valid valid = validOrThrow(user, kind, input);
        long id = resources.insert(kind, valid, "手工录入");
        ResourceView created = get(user, kind, id);
        audit.record("resource.create", kind.name(), id, null, created);
        return created;
    }

    @Transactional
    ResourceView update(CurrentUser user, ResourceKind kind, long id, ResourceInput input) {
        ResourceView before = get(user, kind, id);
        ResourceValidation.Valid valid = validOrThrow(user, kind, input);
        resources.update(id, valid);
        ResourceView after = get(user, kind, id);
        audit.record("resource.update", kind.name(), id, before, after);
        return after;
    }

    @Transactional
    void delete(CurrentUser user, ResourceKind kind, long id) {
        ResourceView before = get(user, kind, id);
        resources.delete(id);
        audit.record("resource.delete", kind.name(), id, before, null);
    }

    private ResourceValidation.Valid validOrThrow(CurrentUser user, ResourceKind kind, ResourceInput input) {
        ResourceValidation.Result result = validation.check(kind, input, user.scope());
        if (!result.ok()) {
            throw new ProblemException.Invalid(result.problems());
        }
        return result.valid();
    }

}
