package org.yingji.platform.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;

@Tag(name = "用户管理 Users")
@RestController
class UserController {

    static final String PHONE = FieldProblem.PHONE;

    private final UserAdministration administration;

    UserController(UserAdministration administration) {
        this.administration = administration;
    }

    record CreateUserRequest(
            @NotBlank @Pattern(regexp = "^[A-Za-z][A-Za-z0-9_.-]{2,63}$", message = "须以字母开头，3-64 位字母、数字、_ . -") String username,
            @NotBlank @Size(max = 50) String displayName,
            @Pattern(regexp = PHONE, message = "不是有效的手机或座机号码") String phone,
            @NotNull Role role,
            @NotBlank String regionCode,
            Long departmentId) {
    }

    record UpdateUserRequest(
            @NotBlank @Size(max = 50) String displayName,
            @Pattern(regexp = PHONE, message = "不是有效的手机或座机号码") String phone,
            @NotNull Role role,
            @NotBlank String regionCode,
            Long departmentId) {

        UserAdministration.UserFields fields() {
            return new UserAdministration.UserFields(displayName.strip(), blankToNull(phone), role, regionCode,
                    departmentId);
        }
    }

    record RoleView(String code, String name) {
    }

    @Operation(summary = "The roles and their Chinese names")
    @GetMapping("/api/roles")
    List<RoleView> roles() {
        return Arrays.stream(Role.values()).map(role -> new RoleView(role.name(), role.label())).toList();
    }

    @Operation(summary = "Search users of my region subtree")
    @PreAuthorize("hasAuthority('user:manage')")
    @GetMapping("/api/users")
    PageView<UserView> search(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
                              @RequestParam(required = false) String regionCode,
                              @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        return administration.search(CurrentUser.get(), q, role, regionCode, PageRequest.of(page, size));
    }

    @Operation(summary = "One user")
    @PreAuthorize("hasAuthority('user:manage')")
    @GetMapping("/api/users/{id}")
    UserView get(@PathVariable long id) {
        return administration.get(CurrentUser.get(), id);
    }

    @Operation(summary = "Create a user; the answer carries the initial password, shown once")
    @PreAuthorize("hasAuthority('user:manage')")
    @PostMapping("/api/users")
    ResponseEntity<UserAdministration.CreatedUser> create(@Valid @RequestBody CreateUserRequest request) {
        var fields = new UpdateUserRequest(request.displayName(), request.phone(), request.role(),
                request.regionCode(), request.departmentId()).fields();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(administration.create(CurrentUser.get(), request.username().strip(), fields));
    }

    @Operation(summary = "Change a user's name, phone, role, region or department")
    @PreAuthorize("hasAuthority('user:manage')")
    @PutMapping("/api/users/{id}")
    UserView update(@PathVariable long id, @Valid @RequestBody UpdateUserRequest request) {
        return administration.update(CurrentUser.get(), id, request.fields());
    }

    @Operation(summary = "Disable a user (they can no longer sign in; open sessions end)")
    @PreAuthorize("hasAuthority('user:manage')")
    @PostMapping("/api/users/{id}/disable")
    UserView disable(@PathVariable long id) {
        return administration.setEnabled(CurrentUser.get(), id, false);
    }

    @Operation(summary = "Enable a user")
    @PreAuthorize("hasAuthority('user:manage')")
    @PostMapping("/api/users/{id}/enable")
    UserView enable(@PathVariable long id) {
        return administration.setEnabled(CurrentUser.get(), id, true);
    }

    @Operation(summary = "Lift a lock caused by wrong passwords")
    @PreAuthorize("hasAuthority('user:manage')")
    @PostMapping("/api/users/{id}/unlock")
    UserView unlock(@PathVariable long id) {
        return administration.unlock(CurrentUser.get(), id);
    }

    @Operation(summary = "Reset a user's password to a temporary one they must change")
    @PreAuthorize("hasAuthority('user:manage')")
    @PostMapping("/api/users/{id}/reset-password")
    UserAdministration.TemporaryPassword resetPassword(@PathVariable long id) {
        return administration.resetPassword(CurrentUser.get(), id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
